/// herald's version, recorded in every provenance row.
public enum HeraldVersion {
  /// Semantic version of this build.
  public static let string = "0.1.0"
}
