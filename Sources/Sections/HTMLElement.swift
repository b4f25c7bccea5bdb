import CLibXML2
import Foundation

/// A read-only view of a libxml2 element: its name, attributes and classes, read in place
/// without copying (a page holds hundreds of thousands of elements).
struct HTMLElement {
  let node: xmlNodePtr

  /// Whether the tag name is `name` (libxml2's HTML parser lowercases tag names).
  @inline(__always) func isNamed(_ name: StaticString) -> Bool {
    guard let own = node.pointee.name else { return false }
    return strcmp(
      UnsafeRawPointer(own).assumingMemoryBound(to: CChar.self),
      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
  }

  /// Whether the tag name is one of the heading names `h1` … `h6`.
  var isHeading: Bool {
    guard let own = node.pointee.name else { return false }
    return own[0] == UInt8(ascii: "h") && own[1] >= UInt8(ascii: "1") && own[1] <= UInt8(ascii: "6") && own[2] == 0
  }

  /// The value of attribute `name`, in place; nil when absent.
  func attribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
    var attribute = node.pointee.properties
    let wanted = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    while let current = attribute {
      if let own = current.pointee.name,
        strcmp(UnsafeRawPointer(own).assumingMemoryBound(to: CChar.self), wanted) == 0
      {
        guard let text = current.pointee.children, let content = text.pointee.content else {
          return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(
          start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)))
      }
      attribute = current.pointee.next
    }
    return nil
  }

  /// The value of attribute `name` as a string.
  func string(_ name: StaticString) -> String? {
    attribute(name).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the `class` attribute lists `token`.
  func hasClass(_ token: StaticString) -> Bool {
    classToken { word in
      word.count == token.utf8CodeUnitCount && memcmp(word.baseAddress!, token.utf8Start, word.count) == 0
    }
      != nil
  }

  /// Whether the `class` attribute lists a token starting with `prefix`.
  func hasClass(prefix: StaticString) -> Bool {
    classSuffix(prefix) != nil
  }

  /// What follows `prefix` in the first class token that starts with it (`ltx_theorem_lemma` →
  /// `lemma` for prefix `ltx_theorem_`).
  func classSuffix(_ prefix: StaticString) -> String? {
    let length = prefix.utf8CodeUnitCount
    guard
      let word = classToken(where: { word in
        word.count >= length && memcmp(word.baseAddress!, prefix.utf8Start, length) == 0
      })
    else { return nil }
    return String(decoding: UnsafeBufferPointer(rebasing: word[length...]), as: UTF8.self)
  }

  /// The first class token that `matches`.
  private func classToken(where matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> UnsafeBufferPointer<UInt8>? {
    guard let classes = attribute("class"), !classes.isEmpty else { return nil }
    var start = 0
    while start < classes.count {
      while start < classes.count, Byte.isSpace(classes[start]) { start += 1 }
      var end = start
      while end < classes.count, !Byte.isSpace(classes[end]) { end += 1 }
      if end > start {
        let word = UnsafeBufferPointer(rebasing: classes[start..<end])
        if matches(word) { return word }
      }
      start = end
    }
    return nil
  }

  /// The line of the page the element starts on.
  var line: Int { Int(xmlGetLineNo(node)) }

  /// The first element below this one (depth first) that `matches`.
  func firstDescendant(where matches: (HTMLElement) -> Bool) -> HTMLElement? {
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE {
        let element = HTMLElement(node: current)
        if matches(element) { return element }
        if let found = element.firstDescendant(where: matches) { return found }
      }
      child = current.pointee.next
    }
    return nil
  }

  /// All the text below this element, tags dropped.
  var plainText: String {
    guard let content = xmlNodeGetContent(node) else { return "" }
    defer { free(content) }
    return String(cString: UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
  }
}
