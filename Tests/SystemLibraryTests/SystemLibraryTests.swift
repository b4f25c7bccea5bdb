import CLibXML2
import CSQLite
import Glibc
import Testing

/// The system library shims link and work (libxml2 with its ICU define removed, SQLite with FTS5).
@Suite struct SystemLibraryTests {
  @Test func libxml2ParsesBrokenHTMLInRecoveryMode() throws {
    let html = "<html><body><div class='ltx_theorem'><p>Let <math alttext='x \\le y'>x</math> hold<div></body>"
    let document = try #require(
      html.withCString { pointer in
        htmlReadMemory(
          pointer, Int32(html.utf8.count), "section.html", "UTF-8",
          Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue))
      })
    defer { xmlFreeDoc(document) }
    let context = try #require(xmlXPathNewContext(document))
    defer { xmlXPathFreeContext(context) }
    let result = try #require(xmlXPathEvalExpression("//math/@alttext", context))
    defer { xmlXPathFreeObject(result) }
    #expect(result.pointee.nodesetval.pointee.nodeNr == 1)
    let attribute = try #require(result.pointee.nodesetval.pointee.nodeTab[0])
    let text = try #require(xmlNodeGetContent(attribute))
    // `xmlFree` is a mutable global function pointer (not concurrency-safe); libxml2's default is free().
    defer { free(text) }
    #expect(String(cString: text) == "x \\le y")
  }

  @Test func sqliteHasFTS5ForRetrieval() throws {
    var handle: OpaquePointer?
    #expect(sqlite3_open(":memory:", &handle) == SQLITE_OK)
    defer { sqlite3_close(handle) }
    let status = sqlite3_exec(
      handle, "CREATE VIRTUAL TABLE docs USING fts5(body); INSERT INTO docs VALUES ('Nat succ le iff');", nil, nil, nil)
    #expect(status == SQLITE_OK)
  }
}
