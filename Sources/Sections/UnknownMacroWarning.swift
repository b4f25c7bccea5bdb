/// The warning for a macro the file neither defines nor LaTeX or amsmath knows.
enum UnknownMacroWarning {
  /// One sentence naming the macro, where it is first used, and what became of it.
  static func sentence(_ name: String, line: Int?) -> String {
    let place = line.map { " (first used at line \($0))" } ?? ""
    return "\(name)\(place) is neither defined in the file nor a known LaTeX or amsmath macro; it was kept as "
      + "written, so define it in the preamble to have it expanded."
  }
}
