/// Failures of the retrieval index that need more than an SQLite message to act on.
public enum RetrievalError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The SQLite library was built without the FTS5 extension.
  case fullTextSearchUnavailable(message: String)

  public var description: String {
    switch self {
    case .fullTextSearchUnavailable(let message):
      return "SQLite has no FTS5 full-text search (\(message)); install a libsqlite3 built with FTS5 "
        + "(Debian's libsqlite3-0 is) and rebuild herald."
    }
  }
}
