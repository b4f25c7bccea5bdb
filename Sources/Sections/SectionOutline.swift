/// What selecting a section needs to know of it, before its text is rendered.
struct SectionOutline: Sendable, Hashable {
  var title: String
  var number: String?
  var label: String?
  var itemLabels: [String]
  var itemNumbers: [String]
  /// The lines of the file it spans, to place the file's warnings.
  var lines: ClosedRange<Int>

  /// How messages name it: "1 Kernels".
  var displayName: String {
    guard let number, !number.isEmpty else { return title }
    return "\(number) \(title)"
  }
}
