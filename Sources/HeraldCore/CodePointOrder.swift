#if canImport(Glibc)
  import Glibc
#endif

/// The order of strings by Unicode code points, which is the byte order of their UTF-8 (and
/// Python's `sorted` order): keys of exported JSON and lists of names are sorted this way so
/// that every reader agrees on it, whatever its own string comparison does.
public enum CodePointOrder {
  /// Whether `a` sorts before `b` by code points.
  public static func precedes(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        let shared = min(x.count, y.count)
        let order = shared == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, shared)
        return order != 0 ? order < 0 : x.count < y.count
      }
    }
  }
}
