/// Process exit statuses used by herald, following BSD `sysexits.h` where one applies.
public enum ExitStatus {
  /// Everything succeeded.
  public static let success: Int32 = 0
  /// The command ran but failed, wholly or for some items.
  public static let failure: Int32 = 1
  /// The command line was wrong (`EX_USAGE`).
  public static let usage: Int32 = 64
}
