/// A LaTeX environment that sets display math, and how its content is kept inside `$$…$$`.
struct DisplayMathEnvironment {
  /// The amsmath environment that keeps its alignment inside `$$…$$` (`aligned` for `align`);
  /// nil when the content stands alone.
  var wrapper: String?

  /// The form of environment `name`, if it sets display math.
  init?(_ source: LaTeXBytes, _ name: Range<Int>) {
    let spelled = source.string(name)
    let base = spelled.hasSuffix("*") ? String(spelled.dropLast()) : spelled
    switch base {
    case "equation", "displaymath", "multline": wrapper = nil
    case "align", "flalign", "eqnarray", "alignat": wrapper = "aligned"
    case "gather": wrapper = "gathered"
    default: return nil
    }
  }
}
