import Foundation
import HeraldCore

/// `README.md` of the dataset folder: a Hugging Face dataset card, YAML front matter (one config
/// per view, with the data files of each split) and then what a person needs to use the data.
enum DatasetCard {
  /// The line that marks a card as herald's, so a later export may replace it.
  static let marker = "<!-- Written by herald export; a later herald export into this folder replaces this file. -->"

  /// Whether the file at `path` is a card herald export wrote.
  static func isHerald(path: String) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return String(decoding: data, as: UTF8.self).contains(marker)
  }

  /// The card of `manifest` for a dataset called `name`.
  static func render(_ manifest: Manifest, name: String) -> String {
    var lines = frontMatter(manifest, name: name)
    lines += [
      "",
      marker,
      "",
      "# \(name)",
      "",
      "Pairs of Lean 4 declarations and their informal statements (natural language with LaTeX), "
        + "made by herald from a Lean library: every declaration was extracted with "
        + "the jixia analyzer, translated by an LLM in dependency order (what a declaration uses is translated "
        + "before it), and written here with its provenance. \(manifest.records) statement records.",
      "",
      "## Configs",
      "",
      "| config | one line per | fields |",
      "|---|---|---|",
    ]
    let lineOf: [String: (String, String)] = [
      ExportView.herald.rawValue: ("statement record", "see below"),
      ExportView.messages.rawValue: (
        "record and direction (two per record)",
        "`id`, `record_id`, `direction` (`nl_to_lean` or `lean_to_nl`), `messages` (system, user, assistant)"
      ),
      ExportView.promptCompletion.rawValue: (
        "record and direction (two per record)", "`id`, `record_id`, `direction`, `prompt`, `completion`"
      ),
      ExportView.proofs.rawValue: (
        "theorem with a tactic proof explained (proof record)",
        "Herald_proofs' fields (`name`, `header`, `formal_theorem`, `formal_proof`, `informal_theorem`, "
          + "`informal_proof`, `commented_proof`) and `steps`, `record_id`, `provenance`"
      ),
    ]
    for view in manifest.settings.views where manifest.files.contains(where: { $0.view == view }) {
      let (unit, fields) = lineOf[view] ?? ("", "")
      lines.append("| `\(view)` | \(unit) | \(fields) |")
    }
    lines += splitsTable(manifest)
    lines += ["", "## Fields of the `herald` config", "", "| field | type | description |", "|---|---|---|"]
    lines += fieldRows(schemaText: BundledSchemas.statement)
    lines += kindsAndExclusions(manifest)
    lines += funnel(manifest)
    lines += provenance(manifest)
    lines += usage(manifest)
    return lines.joined(separator: "\n") + "\n"
  }

  private static func frontMatter(_ manifest: Manifest, name: String) -> [String] {
    var lines = [
      "---",
      "pretty_name: \(quoted(name))",
      "language:",
      "- en",
      "tags:",
      "- lean4",
      "- formal-mathematics",
      "- autoformalization",
      "task_categories:",
      "- translation",
      "- text-generation",
      "size_categories:",
      "- \(sizeCategory(manifest.records))",
      "configs:",
    ]
    // A view without files (no proofs explained yet) is no config: `datasets` refuses an empty one.
    let views = manifest.settings.views.filter { view in manifest.files.contains { $0.view == view } }
    for (position, view) in views.enumerated() {
      lines.append("- config_name: \(view)")
      if position == 0 { lines.append("  default: true") }
      lines.append("  data_files:")
      for split in DatasetSplit.allCases {
        let paths = manifest.files.filter { $0.view == view && $0.split == split.rawValue }.map(\.path)
        guard !paths.isEmpty else { continue }
        lines.append("  - split: \(split.rawValue)")
        lines.append("    path:")
        lines += paths.map { "    - \($0)" }
      }
    }
    lines.append("dataset_info:")
    for view in views {
      guard let known = ExportView(rawValue: view) else { continue }
      lines += DatasetFeatures.lines(config: view, schemaText: known.schema.text)
    }
    lines.append("---")
    return lines
  }

  private static func splitsTable(_ manifest: Manifest) -> [String] {
    let views = manifest.settings.views
    var lines = [
      "",
      "## Splits",
      "",
      "Whole modules go to one split each (no module is in two), chosen by a hash of the module's name and the "
        + "seed \(manifest.settings.seed): \(percent(manifest.settings.validationFraction)) of modules for "
        + "validation and \(percent(manifest.settings.testFraction)) for test, on average.",
      "",
      "| split | modules | records | " + views.map { "`\($0)` lines" }.joined(separator: " | ") + " |",
      "|---|---|---|" + String(repeating: "---|", count: views.count),
    ]
    for split in DatasetSplit.allCases {
      let key = split.rawValue
      let cells = views.map { String(manifest.rowsByView[$0]?[key] ?? 0) }
      lines.append(
        "| \(key) | \(manifest.modulesBySplit[key] ?? 0) | \(manifest.recordsBySplit[key] ?? 0) | "
          + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  /// One table row per property of the schema (and per member of its `provenance` object).
  static func fieldRows(schemaText: String) -> [String] {
    guard let root = try? JSONDocument(text: schemaText).root, let properties = root["properties"] else { return [] }
    var rows: [String] = []
    func add(_ properties: JSONValue, prefix: String) {
      for (name, property) in properties.members {
        let type: String
        if let single = property["type"]?.string {
          type = single
        } else if let several = property["type"], several.kind == .array {
          type = several.elements.compactMap(\.string).joined(separator: " or ")
        } else if let allowed = property["enum"] {
          type = allowed.elements.compactMap(\.string).map { "`\($0)`" }.joined(separator: ", ")
        } else {
          type = ""
        }
        let text = (property["description"]?.string ?? "").replacingOccurrences(of: "|", with: "\\|")
        rows.append("| `\(prefix)\(name)` | \(type) | \(text) |")
        if let nested = property["properties"], name == "provenance" || name == "validation" {
          add(nested, prefix: name + ".")
        }
      }
    }
    add(properties, prefix: "")
    return rows
  }

  private static func kindsAndExclusions(_ manifest: Manifest) -> [String] {
    var lines = ["", "## Declarations", "", "| kind | records |", "|---|---|"]
    for (kind, count) in manifest.recordsByKind.sorted(by: { $0.key < $1.key }) {
      lines.append("| \(kind) | \(count) |")
    }
    let mixture = manifest.mixture
    lines += [
      "", "| derived as | records |", "|---|---|",
      "| original (a declaration of the library) | \(mixture.records["original"] ?? 0) |",
      "| tactic (a proof state of a tactic proof, made a theorem) | \(mixture.records["tactic"] ?? 0) |",
      "| informal (a rewrite of an informal statement) | \(mixture.records["informal"] ?? 0) |",
      "",
      "Mixture original : tactic : informal: \(mixture.realised)"
        + (mixture.target.map { " (herald augment aimed at \($0))" } ?? "") + ".",
    ]
    lines += ["", "Left out of the dataset:", ""]
    if manifest.excluded.isEmpty {
      lines.append("nothing.")
    } else {
      lines += ["| reason | declarations | why |", "|---|---|---|"]
      for exclusion in manifest.excluded {
        lines.append("| \(exclusion.reason) | \(exclusion.count) | \(exclusion.explanation) |")
      }
    }
    return lines
  }

  private static func provenance(_ manifest: Manifest) -> [String] {
    let sources = manifest.provenance
    func list(_ values: [String]) -> String {
      values.isEmpty ? "unknown" : values.map { "`\($0)`" }.joined(separator: ", ")
    }
    return [
      "",
      "## How it was made",
      "",
      "- Lean project: \(list(sources.projects)), git revision \(list(sources.gitRevisions)), "
        + "toolchain \(list(sources.leanToolchains))",
      "- analyzer: \(list(sources.analyzers))",
      "- translation model: \(list(sources.models)); prompt versions \(list(sources.promptVersions))",
      "- herald: \(list(sources.heraldVersions)) (translate), \(manifest.heraldVersion) (export); database "
        + "`\(sources.database)` (schema version \(sources.databaseSchemaVersion))",
      "",
      "Each record's `formal_statement` is a Lean file that stands alone: the declaring module's imports, its "
        + "universes, the `open` lines, namespace and `variable` lines of the declaration's scope, then the "
        + "declaration (theorems with `:= sorry`; definitions and instances with their bodies); a declaration "
        + "that uses earlier declarations of its own module imports that module and is stated as an `example`. "
        + "The informal statements were written by the model named above; each record's `validation` says what "
        + "herald validate found (see Validation above).",
    ]
  }

  /// The funnel from the library to passed records, and what the verdicts mean.
  private static func funnel(_ manifest: Manifest) -> [String] {
    let funnel = manifest.funnel
    var lines = [
      "",
      "## Validation",
      "",
      "herald validate compiles each record's `formal_statement` in a Lean REPL, asks an LLM to translate the "
        + "informal name and statement back into Lean (samples compiled with the record's header), and asks an "
        + "LLM judge whether a compiling back-translation states the same theorem as the formal statement "
        + "(statements equal up to bound names and white space are judged same without asking). A record "
        + "passes when its formal statement compiles and some back-translation compiles and is judged same; "
        + "checks that could not run (no Lean REPL configured, the endpoint failed) are `not_run`, never passed. "
        + "Judges are fallible: the Herald paper's audit found about a third of passes wrong in some way.",
      "",
      "| stage | declarations |",
      "|---|---|",
      "| extracted (not internal, not generated) | \(funnel.extracted) |",
      "| translated | \(funnel.translated) |",
      "| validated | \(funnel.validated) |",
      "| formal statement not compiled (no Lean REPL) | \(funnel.compileNotRun) |",
      "| formal statement compiles | \(funnel.compiled) |",
      "| a back-translation compiles | \(funnel.backTranslated) |",
      "| a back-translation judged same | \(funnel.judgedSame) |",
      "| passed | \(funnel.passed) |",
      "",
    ]
    let mixture = manifest.mixture
    if (mixture.records["tactic"] ?? 0) + (mixture.records["informal"] ?? 0) > 0 {
      lines.append(
        "The table follows the library's declarations. Of the augmented records, "
          + "\(mixture.passed["tactic"] ?? 0) of \(mixture.records["tactic"] ?? 0) tactic states and "
          + "\(mixture.passed["informal"] ?? 0) of \(mixture.records["informal"] ?? 0) rewrites passed.")
      lines.append("")
    }
    lines.append(
      manifest.settings.require == ExportOptions.Requirement.passed.rawValue
        ? "Only records that passed are in this dataset (`herald export --require passed`)."
        : "Every translated record is in this dataset with its verdicts: filter on `validation.status` "
          + "(or export with `--require passed`) for the passed ones.")
    if funnel.validated > 0, funnel.compileNotRun == funnel.validated {
      lines.append("")
      lines.append(
        "No formal statement was compiled: no Lean REPL was configured when it was validated, so no record "
          + "could pass (see the README's \"Checking Lean with a REPL\").")
    }
    return lines
  }

  private static func usage(_ manifest: Manifest) -> [String] {
    let view = manifest.settings.views.first ?? ExportView.herald.rawValue
    return [
      "",
      "## Use",
      "",
      "```python",
      "import json",
      "from datasets import load_dataset",
      "",
      "# the configs of this card: a folder (or, once uploaded, a Hub id) and a config name",
      "data = load_dataset(\"path/to/this/folder\", \"\(view)\")",
      "",
      "# or the files alone, from the manifest, typed as the card's dataset_info declares (nullable",
      "# members would otherwise be guessed from the first split)",
      "manifest = json.load(open(\"manifest.json\"))",
      "files = {}",
      "for file in manifest[\"files\"]:",
      "    if file[\"view\"] == \"\(view)\":",
      "        files.setdefault(file[\"split\"], []).append(file[\"path\"])",
      "data = load_dataset(\"json\", data_files=files, features=data[\"train\"].features)",
      "```",
      "",
      "`manifest.json` lists every file with its rows, bytes and SHA-256, the schema of each config "
        + "(`schemas/`, JSON Schema 2020-12) and the counts above. Set a `license:` in the front matter before "
        + "publishing: the data follows the license of the source library.",
    ]
  }

  private static func sizeCategory(_ count: Int) -> String {
    switch count {
    case ..<1_000: "n<1K"
    case ..<10_000: "1K<n<10K"
    case ..<100_000: "10K<n<100K"
    case ..<1_000_000: "100K<n<1M"
    case ..<10_000_000: "1M<n<10M"
    default: "10M<n<100M"
    }
  }

  private static func percent(_ fraction: Double) -> String {
    let value = (fraction * 1000).rounded() / 10
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
