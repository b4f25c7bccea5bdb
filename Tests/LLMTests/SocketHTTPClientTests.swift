import Foundation
import LoopbackHTTP
import Testing

@testable import LLM

/// The plain-socket HTTP/1.1 client behind `http://` endpoints: framing, keep-alive, failures.
@Suite struct SocketHTTPClientTests {
  /// POSTs a small JSON body to `base` + `/chat/completions`.
  private static func post(
    _ client: SocketHTTPClient, _ base: String, body: String = #"{"q":1}"#, timeout: TimeInterval = 5
  ) async -> AttemptOutcome {
    await client.post(
      url: URL(string: base + "/chat/completions")!, headers: ["Content-Type": "application/json"],
      body: Data(body.utf8), timeout: timeout)
  }

  /// The status and body text of a response, or nil for any other outcome.
  private static func answer(_ outcome: AttemptOutcome) -> (Int, String)? {
    guard case .response(let status, _, let body) = outcome else { return nil }
    return (status, String(decoding: body, as: UTF8.self))
  }

  /// A scripted 200 with `text` as its whole body.
  private static func text(
    _ text: String, framing: ScriptedResponse.Framing = .contentLength, closeAfterwards: Bool = false
  ) -> ScriptedResponse {
    ScriptedResponse(status: 200, body: text, framing: framing, closeAfterwards: closeAfterwards)
  }

  @Test func sequentialRequestsShareOneKeptAliveConnection() async throws {
    let server = try LoopbackServer(["one", "two", "three", "four"].map { Self.text($0) }, keepAlive: true)
    defer { server.stop() }
    let client = SocketHTTPClient()
    var bodies: [String] = []
    for _ in 0..<4 {
      let outcome = await Self.post(client, server.baseURL)
      bodies.append(Self.answer(outcome)?.1 ?? "\(outcome)")
    }
    #expect(bodies == ["one", "two", "three", "four"])
    #expect(server.accepted == 1)
    #expect(client.idleConnections(to: URL(string: server.baseURL)!) == 1)
  }

  @Test func openAIClientReusesTheConnectionAcrossCompletions() async throws {
    let server = try LoopbackServer([.completion("a"), .completion("b"), .completion("c")], keepAlive: true)
    defer { server.stop() }
    let client = try Fixture.client(server)
    var contents: [String] = []
    for _ in 0..<3 { contents += try await client.send(Fixture.request()).choices.map(\.content) }
    #expect(contents == ["a", "b", "c"])
    #expect(server.accepted == 1)
  }

  @Test func connectionCloseFromTheServerIsHonoured() async throws {
    let server = try LoopbackServer([Self.text("one"), Self.text("two")])
    defer { server.stop() }
    let client = SocketHTTPClient()
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == "one")
    // The answer said `Connection: close`: nothing may be kept for the next request.
    #expect(client.idleConnections(to: URL(string: server.baseURL)!) == 0)
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == "two")
    #expect(server.accepted == 2)
  }

  @Test func chunkedBodiesAreReassembledAndTheConnectionStaysUsable() async throws {
    let long = String(repeating: "0123456789", count: 2_000)
    let server = try LoopbackServer(
      [
        Self.text("hello, chunked world", framing: .chunked(3)), Self.text(long, framing: .chunked(4096)),
        Self.text(""),
      ],
      keepAlive: true)
    defer { server.stop() }
    let client = SocketHTTPClient()
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == "hello, chunked world")
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == long)
    let last = await Self.post(client, server.baseURL)
    #expect(Self.answer(last)?.0 == 200 && Self.answer(last)?.1 == "")
    #expect(server.accepted == 1)
  }

  @Test func chunkExtensionsTrailersAndInterimAnswersAreHandled() async throws {
    let raw = try RawHTTPServer([
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
        + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Mixed-Case: Yes\r\nX-Twice: a\r\nX-Twice: b\r\n\r\n"
        + "5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n"
    ])
    defer { raw.stop() }
    let outcome = await Self.post(SocketHTTPClient(), raw.baseURL)
    guard case .response(200, let headers, let body) = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
    #expect(String(decoding: body, as: UTF8.self) == "hello, chunked!")
    #expect(headers["x-mixed-case"] == "Yes")
    #expect(headers["x-twice"] == "a, b")
  }

  @Test func aBodyWithoutLengthIsReadUntilTheServerCloses() async throws {
    let server = try LoopbackServer(
      [Self.text("to the end", framing: .untilClose), Self.text("next")], keepAlive: true)
    defer { server.stop() }
    let client = SocketHTTPClient()
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == "to the end")
    #expect(Self.answer(await Self.post(client, server.baseURL))?.1 == "next")
    #expect(server.accepted == 2)
  }

  @Test func aServerClosingAKeptAliveConnectionBetweenRequestsCostsNoAttempt() async throws {
    var first = ScriptedResponse.completion("first")
    first.closeAfterwards = true
    var second = ScriptedResponse.completion("second")
    second.closeAfterwards = true
    let server = try LoopbackServer([first, second, .completion("third")], keepAlive: true)
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper)
    var contents: [String] = []
    for _ in 0..<3 { contents += try await client.send(Fixture.request()).choices.map(\.content) }
    #expect(contents == ["first", "second", "third"])
    #expect(server.accepted == 3)
    #expect(sleeper.recorded.isEmpty)
  }

  @Test func aStaleReusedConnectionIsRetriedOnceOnAFreshOne() async throws {
    // The second request goes out on the kept connection, which the server resets without a byte of
    // answer: the client must resend it on a new connection within the same attempt.
    let server = try LoopbackServer([.completion("first"), .reset, .completion("after stale")], keepAlive: true)
    defer { server.stop() }
    let sleeper = SleepRecorder()
    let client = try Fixture.client(server, sleeper: sleeper, maxAttempts: 1)
    #expect(try await client.send(Fixture.request()).choices.map(\.content) == ["first"])
    #expect(try await client.send(Fixture.request()).choices.map(\.content) == ["after stale"])
    #expect(server.served == 3)
    #expect(server.accepted == 2)
    #expect(sleeper.recorded.isEmpty)
  }

  @Test func aResetOnAFreshConnectionIsAFailedAttempt() async throws {
    let server = try LoopbackServer([.reset], fallback: .completion(), keepAlive: true)
    defer { server.stop() }
    let outcome = await Self.post(SocketHTTPClient(), server.baseURL)
    guard case .connectionFailed("connection reset") = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
    #expect(server.served == 1)
  }

  @Test func aConnectionClosedWithoutAReplyIsAConnectionFailure() async throws {
    let raw = try RawHTTPServer([nil])
    defer { raw.stop() }
    let outcome = await Self.post(SocketHTTPClient(), raw.baseURL)
    guard case .connectionFailed("closed without a reply") = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
  }

  @Test func aGarbageAnswerIsANonRetryableFailure() async throws {
    let raw = try RawHTTPServer(["SSH-2.0-OpenSSH_9.6\r\n\r\n"])
    defer { raw.stop() }
    let outcome = await Self.post(SocketHTTPClient(), raw.baseURL)
    guard case .failed(let reason) = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
    #expect(reason.hasPrefix("malformed HTTP response"))
  }

  @Test func theRequestCarriesHostWithPortAndContentLengthButNoExpect() async throws {
    let server = try LoopbackServer([Self.text("ok")])
    defer { server.stop() }
    let body = String(repeating: "x", count: 300_000)
    #expect(Self.answer(await Self.post(SocketHTTPClient(), server.baseURL, body: body))?.1 == "ok")
    let request = try #require(server.requests.first)
    #expect(request.method == "POST")
    #expect(request.path == "/v1/chat/completions")
    #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
    #expect(request.headers["content-length"] == "300000")
    #expect(request.headers["content-type"] == "application/json")
    #expect(request.headers["expect"] == nil)
    #expect(request.body == body)
  }

  @Test func aFractionalTimeoutIsHonoured() async throws {
    let server = try LoopbackServer([], fallback: Self.text("late", framing: .contentLength))
    defer { server.stop() }
    let slow = try LoopbackServer([], fallback: ScriptedResponse(body: "late", delay: .seconds(10)))
    defer { slow.stop() }
    let client = SocketHTTPClient()
    // Half a second is plenty for a loopback answer: truncating it to whole seconds would fail here.
    #expect(Self.answer(await Self.post(client, server.baseURL, timeout: 0.5))?.1 == "late")
    let started = ContinuousClock.now
    let outcome = await Self.post(client, slow.baseURL, timeout: 0.3)
    guard case .timedOut = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
    #expect(ContinuousClock.now - started < .seconds(5))
  }

  @Test func cancellingTheCallerEndsTheExchangeAtOnce() async throws {
    let server = try LoopbackServer([], fallback: ScriptedResponse(body: "late", delay: .seconds(20)))
    defer { server.stop() }
    let client = SocketHTTPClient()
    let pending = Task { await Self.post(client, server.baseURL, timeout: 30) }
    #expect(await Fixture.eventually { server.served == 1 })
    let cancelled = ContinuousClock.now
    pending.cancel()
    let outcome = await pending.value
    guard case .cancelled = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
    #expect(ContinuousClock.now - cancelled < .seconds(10))
  }

  @Test func aTaskCancelledBeforehandSendsNothing() async throws {
    let server = try LoopbackServer([Self.text("unwanted")])
    defer { server.stop() }
    let client = SocketHTTPClient()
    let pending = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      return await Self.post(client, server.baseURL)
    }
    guard case .cancelled = await pending.value else {
      Issue.record("expected .cancelled")
      return
    }
    #expect(server.accepted == 0)
  }

  @Test func aRefusedConnectionSaysSo() async throws {
    let closed = try LoopbackServer.closedPort()
    defer { closed.release() }
    let port = closed.port
    let outcome = await Self.post(SocketHTTPClient(), "http://127.0.0.1:\(port)/v1")
    guard case .connectionFailed("connection refused") = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
  }

  @Test func anUnknownHostIsNotRetryable() async throws {
    let outcome = await Self.post(SocketHTTPClient(), "http://no-such-host.invalid/v1")
    guard case .failed("unknown host") = outcome else {
      Issue.record("unexpected \(outcome)")
      return
    }
  }

  @Test func aHostNameIsResolved() async throws {
    let server = try LoopbackServer([Self.text("by name")])
    defer { server.stop() }
    let outcome = await Self.post(SocketHTTPClient(), "http://localhost:\(server.port)/v1")
    #expect(Self.answer(outcome)?.1 == "by name")
    #expect(server.requests.first?.headers["host"] == "localhost:\(server.port)")
  }

  @Test func concurrentRequestsEachGetTheirOwnAnswer() async throws {
    let server = try LoopbackServer(keepAlive: true) { request in
      ScriptedResponse(body: "echo " + request.body, delay: .milliseconds(20))
    }
    defer { server.stop() }
    let client = SocketHTTPClient()
    var mismatched: [String] = []
    for round in 0..<3 {
      let results = await withTaskGroup(of: (String, String?).self) { group in
        for index in 0..<16 {
          let body = "\(round)-\(index)"
          group.addTask { (body, Self.answer(await Self.post(client, server.baseURL, body: body))?.1) }
        }
        var all: [(String, String?)] = []
        for await result in group { all.append(result) }
        return all
      }
      #expect(results.count == 16)
      mismatched += results.filter { "echo " + $0.0 != $0.1 }.map(\.0)
    }
    #expect(mismatched.isEmpty)
    #expect(server.served == 48)
    // The first round opens sixteen connections; the later rounds find them all idle again.
    #expect(server.accepted == 16)
  }

  @Test func targetsKeepThePortTheQueryAndIPv6Brackets() throws {
    let target = try #require(SocketHTTPClient.Target(URL(string: "http://[::1]:8080/v1/x%20y?a=1&b=2")!))
    #expect(target.host == "::1")
    #expect(target.port == 8080)
    #expect(target.authority == "[::1]:8080")
    #expect(target.path == "/v1/x%20y?a=1&b=2")
    let plain = try #require(SocketHTTPClient.Target(URL(string: "http://example.org")!))
    #expect(plain.authority == "example.org:80")
    #expect(plain.path == "/")
    #expect(SocketHTTPClient.Target(URL(string: "https://example.org/v1")!) == nil)
  }

  @Test func headersThatCouldSmuggleLinesAreRefused() {
    let target = SocketHTTPClient.Target(URL(string: "http://h:1/v1")!)!
    #expect(SocketHTTPClient.serialize(target: target, headers: ["X": "a\r\nHost: evil"], body: Data()) == nil)
    let bytes = SocketHTTPClient.serialize(target: target, headers: ["Host": "other", "X": "y"], body: Data("b".utf8))
    #expect(
      bytes.map { String(decoding: $0, as: UTF8.self) }
        == "POST /v1 HTTP/1.1\r\nHost: h:1\r\nX: y\r\nContent-Length: 1\r\n\r\nb")
  }
}
