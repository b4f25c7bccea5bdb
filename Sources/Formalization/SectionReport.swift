import Foundation
import Sections

/// What formalizing a section gave, item by item: written as the JSON report beside the Lean
/// file (and summarised in Markdown).
public struct SectionReport: Sendable, Hashable, Codable {
  public var source: String
  public var format: SectionFormat
  public var section: String
  public var sectionLabel: String?
  public var output: String
  /// The Lean setup that checked the candidates; nil without a REPL.
  public var lean: String?
  public var model: String
  public var promptVersions: [String: String]
  public var items: [ItemReport]
  /// Parser warnings (unknown macros, unbalanced environments, recovered HTML) and context cuts.
  public var warnings: [String]
  public var llmRequestsSent = 0
  public var cacheHits = 0
  public var seconds = 0.0
  /// Faults (the endpoint, the REPL) by reason: the items they hit can be redone by a rerun.
  public var faults: [String: Int] = [:]
  /// Items by status (set by `tally()`).
  public var statuses: [String: Int] = [:]
  /// Proofs found and kept (set by `tally()`).
  public var proved = 0

  /// Counts the items by status and the proofs kept.
  mutating func tally() {
    statuses = items.reduce(into: [:]) { $0[$1.status.rawValue, default: 0] += 1 }
    proved = items.filter { $0.proof?.status == .proved }.count
  }

  /// Whether every item met a fault and none got an answer: the endpoint (or its address) is
  /// wrong, not the model.
  public var everyItemFaulted: Bool {
    !items.isEmpty
      && items.allSatisfy { item in
        item.candidates.allSatisfy { $0.fault != nil }
      }
  }

  enum CodingKeys: String, CodingKey {
    case source, format, section, output, lean, model, items, warnings, seconds, faults, statuses, proved
    case sectionLabel = "section_label"
    case promptVersions = "prompt_versions"
    case llmRequestsSent = "llm_requests_sent"
    case cacheHits = "cache_hits"
  }
}

/// One item's formalization.
public struct ItemReport: Sendable, Hashable, Codable {
  /// How an item ended.
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// A candidate compiled in the file and was judged to say what the item says: written as code.
    case accepted
    /// No candidate passed: the best is written commented out, with its errors.
    case rejected
    /// No REPL is configured: the best candidate, if any, is written as code, unchecked (without
    /// one, the item is a comment with what the answers lacked).
    case notCompiled = "not_compiled"
    /// With a REPL, no usable Lean came back (unusable answers, or the endpoint failed): the item
    /// is a comment.
    case noCandidate = "no_candidate"
  }

  public var index: Int
  public var kind: String
  public var label: String?
  public var number: String?
  public var status: Status
  /// Why the item is not accepted (nil when it is).
  public var reason: String?
  /// The Lean name declared, when one was written.
  public var name: String?
  /// The Lean written for the item (as code or commented out); nil when there was none.
  public var lean: String?
  public var candidates: [CandidateReport]
  public var context: ContextReport
  public var proof: ProofReport?

  /// Repair rounds asked, over all candidates.
  public var repairs = 0

  enum CodingKeys: String, CodingKey {
    case index, kind, label, number, status, reason, name, lean, candidates, context, proof, repairs
  }
}

/// One candidate (a sample, or a repair of one): the Lean, how it compiled, and the judge.
public struct CandidateReport: Sendable, Hashable, Codable {
  /// Which sample (0 = greedy).
  public var sample: Int
  /// Which repair of the sample (0 = the first answer).
  public var round: Int
  public var lean: String?
  /// Why the answer gave no Lean.
  public var problem: String?
  /// The endpoint's failure (a reason code such as `http_503` or `timeout`) when it gave no answer.
  public var fault: String?
  /// The model's last answer when it gave no Lean (its first 2,000 characters), for review.
  public var rawAnswer: String?
  /// `ok`, `sorry`, `lean_error`, `timeout`, `repl_error`, `crashed` or `not_run`; nil without Lean.
  public var compile: String?
  /// Lean's errors, positioned in the candidate's own lines.
  public var errors: [String] = []
  /// The candidate read back into an informal statement.
  public var backTranslation: String?
  /// `same`, `different`, `unparseable` or `not_run`; nil when not judged.
  public var verdict: String?
  public var judgeReason: String?

  enum CodingKeys: String, CodingKey {
    case sample, round, lean, problem, compile, errors, verdict, fault
    case backTranslation = "back_translation"
    case judgeReason = "judge_reason"
    case rawAnswer = "raw_answer"
  }

  /// The part of a raw answer a report keeps.
  static func kept(_ raw: String) -> String {
    raw.count <= 2_000 ? raw : String(raw.prefix(2_000)) + "…"
  }
}

/// What an item's prompt showed.
public struct ContextReport: Sendable, Hashable, Codable {
  public var earlier: [String]
  public var referenced: [String]
  public var retrieved: [String]
  public var truncation: String?
}

/// The proof attempts of an accepted statement (`--prove`).
public struct ProofReport: Sendable, Hashable, Codable {
  /// How the attempts ended.
  public enum Status: String, Sendable, Hashable, Codable {
    /// A proof compiled without sorry: it replaced `by sorry` in the file.
    case proved
    /// No attempt compiled: `by sorry` stays.
    case failed
    /// No REPL: proofs cannot be checked, `by sorry` stays.
    case notRun = "not_run"
  }

  public var status: Status
  public var attempts: [CandidateReport]
}
