/// The `--module PREFIX` rule shared by the stages: a prefix selects the module of that name and
/// the modules under it (`Mathlib.Order` selects `Mathlib.Order.Basic`, not `Mathlib.OrderDual`).
public enum ModulePrefix {
  /// Whether `module` is selected by `prefixes` (every module when there are none).
  public static func selects(_ module: String, prefixes: [String]) -> Bool {
    prefixes.isEmpty
      || prefixes.contains { prefix in
        module == prefix || module.hasPrefix(prefix.hasSuffix(".") ? prefix : prefix + ".")
      }
  }
}
