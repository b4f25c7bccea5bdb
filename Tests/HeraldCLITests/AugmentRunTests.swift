import Foundation
import HeraldTestSupport
import LoopbackHTTP
import Storage
import Testing

@testable import HeraldCLI

/// `herald run` with an augment section: every kind of record, each traced to its parent, the
/// proofs view and the mixture, end to end against a loopback model and the fake REPL.
@Suite struct AugmentRunTests {
  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func aRunWithAnAugmentSectionExportsEveryKindOfRecordAndTheProofs() async throws {
    let folder = temporaryFolder("herald-augment-run")
    let server = try LoopbackServer { request in .completion(ScriptedAnswers.answer(to: request.body)) }
    defer { server.stop() }
    let project = folder.appendingPathComponent("lean-project").path
    try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
    let sample = SampleDatabase.sampleProject.path
    let prompts = SampleDatabase.packageRoot.appendingPathComponent("pipelines/prompts").path
    let pipeline = """
      {
        "name": "augmented",
        "database": "out/test.sqlite",
        "extract": {"analyzer_output": "\(sample)/analyzer-output", "source_root": "\(sample)"},
        "llm": {"provider": "openai", "model": "test-model", "base_url": "\(server.baseURL)", "concurrency": 4},
        "translate": {"prompts": "\(prompts)", "examples": null},
        "augment": {"mixture": "1:2:1", "seed": 3},
        "validate": {"samples": 1},
        "lean": {"project": "\(project)", "repl": "\(SampleDatabase.product("fake-repl"))", "workers": 2},
        "export": {"out": "out/dataset", "val_fraction": 0.3, "test_fraction": 0.3, "seed": 5}
      }
      """
    let file = folder.appendingPathComponent("pipeline.json").path
    try pipeline.write(toFile: file, atomically: true, encoding: .utf8)
    let run = await Invocation.run(["run", file, "--json", "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try json(run.stdout)
    let augment = try #require(summary["augment"] as? [String: Any])
    #expect(((augment["tactic"] as? [String: Any])?["made"] as? Int ?? 0) > 0)
    let tacticStates = try #require((summary["translate"] as? [String: Any])?["tactic_states"] as? [String: Any])
    #expect((tacticStates["translated"] as? Int ?? 0) > 0)
    // A tactic state is asked with its theorem's statement and translation in the prompt.
    let stateRequest = try #require(
      server.requests.last { ScriptedAnswers.prompt(in: $0.body) == .tacticState }?.body)
    let lastTurn = stateRequest.components(separatedBy: "The theorem it comes from:").last ?? ""
    #expect(lastTurn.contains("Informal statement: For all $n$, the claim of Sample."))
    #expect(lastTurn.contains(".state_"))

    let out = folder.appendingPathComponent("out/dataset").path
    let manifest = try json(String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
    let mixture = try #require(manifest["mixture"] as? [String: Any])
    let records = try #require(mixture["records"] as? [String: Int])
    #expect((records["original"] ?? 0) > 0 && (records["tactic"] ?? 0) > 0 && (records["informal"] ?? 0) > 0)
    #expect(mixture["target"] as? String == "1:2:1")
    #expect((manifest["proofs"] as? Int ?? 0) > 0)

    var lines: [[String: Any]] = []
    let files = try FileManager.default.subpathsOfDirectory(atPath: out)
    for path in files where path.hasPrefix("herald/data/") {
      let text = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
      lines += try text.split(separator: "\n").map { try json(String($0)) }
    }
    let ids = Set(lines.compactMap { $0["id"] as? String })
    #expect(ids.count == lines.count, "every record has an id of its own")
    for line in lines {
      let augmentation = try #require(line["augmentation"] as? [String: Any])
      let kind = augmentation["kind"] as? String
      let validation = try #require(line["validation"] as? [String: Any])
      #expect(validation["validated_at"] is String, "every record was validated")
      guard kind != "original" else { continue }
      // Augmented records point at their parent's record, which is in the dataset too.
      let parent = try #require(augmentation["parent"] as? String)
      #expect(ids.contains(parent))
      if kind == "tactic" {
        let statement = try #require(line["formal_statement"] as? String)
        #expect(statement.hasPrefix("import \(line["module"] as? String ?? "?")\n"))
        #expect(statement.contains(".state_"))
        #expect(augmentation["step"] is Int)
        #expect(
          line["formal_name"] as? String == (augmentation["parent_name"] as? String ?? "")
            + ".state_\(augmentation["step"] as? Int ?? -1)"
            || (line["formal_name"] as? String ?? "").hasPrefix(
              (augmentation["parent_name"] as? String ?? "") + ".state_")
        )
      } else {
        #expect(kind == "informal")
        #expect(augmentation["strategy"] is String && augmentation["language"] is String)
        #expect(line["formal_name"] as? String == augmentation["parent_name"] as? String)
      }
    }
    // The proofs view: one line per explained proof, its theorem's record in the dataset.
    var proofs: [[String: Any]] = []
    for path in files where path.hasPrefix("proofs/data/") {
      let text = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
      proofs += try text.split(separator: "\n").map { try json(String($0)) }
    }
    #expect(proofs.count == manifest["proofs"] as? Int)
    for proof in proofs {
      #expect(ids.contains(proof["record_id"] as? String ?? ""))
      #expect((proof["commented_proof"] as? String)?.contains("-- ") == true)
      #expect((proof["steps"] as? [[String: Any]])?.isEmpty == false)
    }
    let card = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
    #expect(card.contains("- config_name: proofs\n"))
    #expect(card.contains("(herald augment aimed at 1:2:1)"))

    // A second run asks, compiles and writes nothing new.
    let again = await Invocation.run(["run", file, "--json", "--quiet"])
    #expect(again.status == 0)
    #expect(try json(again.stdout)["llm_requests_sent"] as? Int == 0)
  }
}
