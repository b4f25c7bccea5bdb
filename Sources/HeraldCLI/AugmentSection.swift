import Augmentation
import Foundation
import HeraldCore

/// The pipeline file's `augment` section: what herald augment makes, and whether `herald run`
/// runs it.
///
/// ```json
/// "augment": {"tactic": true, "informal": true, "proofs": true, "mixture": "1:2:1",
///             "languages": ["zh", "fr", "ru"], "limit": 10}
/// ```
struct AugmentSection: Sendable {
  /// Whether `herald run` augments: a pipeline without the section does not.
  var enabled = false
  var settings: AugmentSettings
}

extension PipelineConfig.Reader {
  /// Reads the `augment` section into `section` (and enables it unless it says otherwise).
  func augmentSection(_ object: JSONValue, into section: inout AugmentSection) throws {
    try allow(
      object,
      [
        "enabled", "tactic", "informal", "proofs", "mixture", "per_theorem", "seed", "languages", "limit",
        "modules", "prompts", "concurrency",
      ], in: "\"augment\"")
    section.enabled = try bool(object, "enabled") ?? true
    var settings = section.settings
    settings.tactic = try bool(object, "tactic") ?? settings.tactic
    settings.informal = try bool(object, "informal") ?? settings.informal
    settings.proofs = try bool(object, "proofs") ?? settings.proofs
    if let text = try string(object, "mixture") {
      guard let mixture = AugmentSettings.Mixture(text) else {
        throw fail("\"mixture\" must be original:tactic:informal, three numbers such as \"1:2:1\", not \"\(text)\"")
      }
      settings.mixture = mixture
    }
    settings.perTheorem = try int(object, "per_theorem", 0...100) ?? settings.perTheorem
    settings.seed = UInt64(try int(object, "seed", 0...Int.max) ?? Int(settings.seed))
    if member(object, "languages") != nil {
      let languages = try strings(object, "languages")
      guard !languages.isEmpty, languages.allSatisfy({ $0.count >= 2 && $0.count <= 3 && $0.allSatisfy(\.isLetter) })
      else { throw fail("\"languages\" must list language codes such as \"zh\", \"fr\", \"ru\"") }
      settings.languages = languages.map { $0.lowercased() }
    }
    settings.limit = try int(object, "limit", 0...Int.max)
    settings.modulePrefixes = try strings(object, "modules")
    settings.prompts = try path(object, "prompts") ?? settings.prompts
    settings.concurrency = try int(object, "concurrency", 1...4096) ?? settings.concurrency
    section.settings = settings
  }
}
