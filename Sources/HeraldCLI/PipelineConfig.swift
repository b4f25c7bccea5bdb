import Augmentation
import Export
import Extraction
import Foundation
import HeraldCore
import LeanREPL
import Translation
import Validation

/// A pipeline file (`pipelines/*.json`): where the project and the database are, which model
/// answers, and the stages' settings. Relative paths are relative to the file's folder, so a
/// pipeline file works from any working directory. Unknown keys are errors (a typo must not
/// silently fall back to a default).
///
/// ```json
/// {
///   "database": "../output/sample.sqlite",
///   "extract": {"analyzer_output": "sample/analyzer-output", "source_root": "sample"},
///   "llm": {"provider": "local", "venv": "../.venv-model"},
///   "translate": {"prompts": "prompts", "examples": "examples", "max_answers": 3},
///   "export": {"out": "../output/sample-dataset", "val_fraction": 0.2, "test_fraction": 0.2},
///   "lean": {"project": "../mathlib-project", "repl": ["lake", "exe", "repl"], "header": "import Mathlib"}
/// }
/// ```
struct PipelineConfig: Sendable {
  /// How the model is reached.
  struct LLMSettings: Sendable, Equatable {
    enum Provider: String, Sendable {
      /// herald starts llama.cpp's server from `venv` with the bundled SmolLM2 model.
      case local
      /// Any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp started by you).
      case openai
    }

    var provider: Provider = .local
    /// The model name sent; for `local`, the bundled model's file name when absent.
    var model: String?
    /// For `openai`: the base URL (else `OPENAI_BASE_URL`, else the local default).
    var baseURL: String?
    /// The name of the variable holding the API key (never the key).
    var apiKeyVariable = "OPENAI_API_KEY"
    /// For `local`: the venv `scripts/setup-model` made.
    var venv = ".venv-model"
    /// For `local`: the model's context window in tokens.
    var contextSize = 4096
    /// Requests in flight at once, over all stages.
    var concurrency = 4
    /// HTTP attempts per request (429, 5xx, timeouts and refused connections are retried).
    var maxAttempts = 4
    /// Seconds per attempt.
    var timeout = 300.0
    /// Whether answers are cached in the database (reruns then send no requests).
    var cache = true
  }

  /// The config file itself (for messages).
  var path: String
  /// The database every stage uses.
  var database: String
  /// The extract stage's input; nil skips extract (the database exists already).
  var extract: ExtractOptions?
  var llm = LLMSettings()
  var translate: TranslateOptions
  /// The export at the end of a run; by default every view into `<database name>-dataset` next to
  /// the database.
  var export: ExportOptions
  /// The Lean REPL compile checks use; nil without a `lean` section (checks are then `not_run`).
  var lean: REPLConfiguration?
  /// Which header checks are elaborated against (`lean.header`).
  var headerPolicy = HeaderPolicy.asWritten
  /// The validate stage's settings (`validate`).
  var validate: ValidateSettings
  /// The augment stage's settings (`augment`; off without the section).
  var augment: AugmentSection

  /// A config; the export defaults to every view next to the database.
  init(
    path: String, database: String, extract: ExtractOptions?, translate: TranslateOptions,
    export: ExportOptions? = nil
  ) {
    self.path = path
    self.database = database
    self.extract = extract
    self.translate = translate
    self.export = export ?? Self.defaultExport(database: database)
    self.validate = ValidateSettings(options: ValidateOptions(database: database))
    self.augment = AugmentSection(settings: AugmentSettings(database: database))
  }

  /// A config error, naming the file and the key.
  struct Invalid: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "pipeline file \(path): \(reason)" }
  }

  /// Reads and checks the file at `path`.
  static func load(_ path: String) throws -> PipelineConfig {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Invalid(
        path: path, reason: "cannot be read; give the path of a pipeline JSON file such as pipelines/sample.json")
    }
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(data, path: path, folder: folder)
  }

  /// Parses pipeline JSON; relative paths are resolved against `folder`.
  static func parse(_ data: Data, path: String, folder: String) throws -> PipelineConfig {
    let root: JSONValue
    do {
      root = try JSONDocument(data: data).root
    } catch {
      throw Invalid(path: path, reason: "not valid JSON (\(error))")
    }
    guard root.kind == .object else { throw Invalid(path: path, reason: "the top level must be a JSON object") }
    let reader = Reader(path: path, folder: folder)
    try reader.allow(
      root, ["name", "database", "extract", "llm", "translate", "augment", "validate", "export", "lean"],
      in: "the top level")
    guard let database = try reader.path(root, "database") else {
      throw Invalid(path: path, reason: "\"database\" is required (the SQLite file the stages share)")
    }
    var config = PipelineConfig(
      path: path, database: database, extract: nil, translate: TranslateOptions(database: database))
    if let name = try reader.string(root, "name") { config.export.name = name }
    if let extract = try reader.object(root, "extract") {
      config.extract = try reader.extractOptions(extract, database: database)
    }
    if let llm = try reader.object(root, "llm") {
      config.llm = try reader.llmSettings(llm)
    } else {
      config.llm.venv = reader.resolve(config.llm.venv)
    }
    // One knob by default: as many jobs in flight as requests allowed; per-request timeout from llm.
    config.translate.concurrency = config.llm.concurrency
    config.translate.timeout = config.llm.timeout
    config.translate.prompts = reader.resolve("prompts")
    config.translate.examples = reader.resolve("examples")
    if let translate = try reader.object(root, "translate") {
      try reader.translateOptions(translate, into: &config.translate)
    }
    if let export = try reader.object(root, "export") {
      try reader.exportOptions(export, into: &config.export)
    }
    if let lean = try reader.object(root, "lean") {
      (config.lean, config.headerPolicy) = try reader.leanSettings(lean)
    }
    config.validate.options.concurrency = config.llm.concurrency
    config.validate.options.timeout = config.llm.timeout
    // Validate's prompt files live beside translate's unless the section says otherwise.
    config.validate.options.prompts = config.translate.prompts
    if let validate = try reader.object(root, "validate") {
      try reader.validateSettings(validate, into: &config.validate)
    }
    config.augment.settings.concurrency = config.llm.concurrency
    config.augment.settings.prompts = config.translate.prompts
    if let augment = try reader.object(root, "augment") {
      try reader.augmentSection(augment, into: &config.augment)
    }
    return config
  }

  /// Every view into `<database folder>/<database name>-dataset`.
  static func defaultExport(database: String) -> ExportOptions {
    let file = URL(fileURLWithPath: database)
    let name = file.deletingPathExtension().lastPathComponent
    return ExportOptions(
      database: database,
      outputDirectory: file.deletingLastPathComponent().appendingPathComponent(name + "-dataset").path)
  }

  /// Typed access to the JSON with messages naming the key.
  struct Reader {
    var path: String
    var folder: String

    func fail(_ reason: String) -> Invalid { Invalid(path: path, reason: reason) }

    func allow(_ object: JSONValue, _ keys: Set<String>, in place: String) throws {
      for (key, _) in object.members where !keys.contains(key) {
        throw fail("unknown key \"\(key)\" in \(place) (known: \(keys.sorted().joined(separator: ", ")))")
      }
    }

    func resolve(_ relative: String) -> String {
      relative.hasPrefix("/")
        ? relative : URL(fileURLWithPath: folder).appendingPathComponent(relative).standardized.path
    }

    /// The member `key`, nil when absent or null.
    func member(_ object: JSONValue, _ key: String) -> JSONValue? {
      guard let value = object[key], !value.isNull else { return nil }
      return value
    }

    func object(_ object: JSONValue, _ key: String) throws -> JSONValue? {
      guard let value = member(object, key) else { return nil }
      guard value.kind == .object else { throw fail("\"\(key)\" must be an object") }
      return value
    }

    func string(_ object: JSONValue, _ key: String) throws -> String? {
      guard let value = member(object, key) else { return nil }
      guard let text = value.string, !text.isEmpty else { throw fail("\"\(key)\" must be a non-empty string") }
      return text
    }

    func path(_ object: JSONValue, _ key: String) throws -> String? {
      try string(object, key).map(resolve)
    }

    func int(_ object: JSONValue, _ key: String, _ range: ClosedRange<Int>) throws -> Int? {
      guard let value = member(object, key) else { return nil }
      guard let integer = value.int, range.contains(integer) else {
        throw fail("\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
      }
      return integer
    }

    func double(_ object: JSONValue, _ key: String, _ range: ClosedRange<Double>) throws -> Double? {
      guard let value = member(object, key) else { return nil }
      guard let number = value.double, range.contains(number) else {
        throw fail("\"\(key)\" must be a number from \(range.lowerBound) to \(range.upperBound)")
      }
      return number
    }

    func bool(_ object: JSONValue, _ key: String) throws -> Bool? {
      guard let value = member(object, key) else { return nil }
      guard let flag = value.bool else { throw fail("\"\(key)\" must be true or false") }
      return flag
    }

    func strings(_ object: JSONValue, _ key: String) throws -> [String] {
      guard let value = member(object, key) else { return [] }
      let list = value.elements.map(\.string)
      guard value.kind == .array, !list.contains(nil) else { throw fail("\"\(key)\" must be a list of strings") }
      return list.compactMap { $0 }
    }

    func extractOptions(_ object: JSONValue, database: String) throws -> ExtractOptions {
      try allow(
        object,
        ["project", "analyzer_output", "source_root", "analyzer", "lake", "jobs", "timeout", "modules", "cache"],
        in: "\"extract\"")
      let input: ExtractOptions.Input
      switch (try path(object, "project"), try path(object, "analyzer_output")) {
      case (let project?, nil): input = .project(root: project)
      case (nil, let output?): input = .analyzerOutput(directory: output, sourceRoot: try path(object, "source_root"))
      default: throw fail("\"extract\" needs exactly one of \"project\" and \"analyzer_output\"")
      }
      var options = ExtractOptions(input: input, database: database)
      options.analyzer = try string(object, "analyzer") ?? options.analyzer
      options.lake = try string(object, "lake") ?? options.lake
      options.jobs = try int(object, "jobs", 1...1024) ?? options.jobs
      options.timeout = try double(object, "timeout", 0.1...1_000_000) ?? options.timeout
      options.modulePrefixes = try strings(object, "modules")
      options.cacheDirectory = try path(object, "cache")
      return options
    }

    func llmSettings(_ object: JSONValue) throws -> LLMSettings {
      try allow(
        object,
        [
          "provider", "model", "base_url", "api_key_env", "venv", "context_size", "concurrency", "max_attempts",
          "timeout", "cache",
        ], in: "\"llm\"")
      var settings = LLMSettings()
      if let provider = try string(object, "provider") {
        guard let known = LLMSettings.Provider(rawValue: provider) else {
          throw fail("\"provider\" must be \"local\" or \"openai\", not \"\(provider)\"")
        }
        settings.provider = known
      }
      settings.model = try string(object, "model")
      settings.baseURL = try string(object, "base_url")
      settings.apiKeyVariable = try string(object, "api_key_env") ?? settings.apiKeyVariable
      settings.venv = try path(object, "venv") ?? resolve(settings.venv)
      settings.contextSize = try int(object, "context_size", 512...1_048_576) ?? settings.contextSize
      settings.concurrency = try int(object, "concurrency", 1...4096) ?? settings.concurrency
      settings.maxAttempts = try int(object, "max_attempts", 1...100) ?? settings.maxAttempts
      settings.timeout = try double(object, "timeout", 0.1...86_400) ?? settings.timeout
      settings.cache = try bool(object, "cache") ?? settings.cache
      if settings.provider == .openai, settings.model == nil {
        throw fail("\"llm\" with provider \"openai\" needs \"model\" (the name the endpoint serves)")
      }
      return settings
    }

    func translateOptions(_ object: JSONValue, into options: inout TranslateOptions) throws {
      try allow(
        object,
        [
          "prompts", "examples", "limit", "modules", "concurrency", "max_answers", "examples_shown",
          "max_dependencies", "temperature", "max_tokens",
        ], in: "\"translate\"")
      options.prompts = try path(object, "prompts") ?? options.prompts
      if object["examples"]?.isNull == true {
        options.examples = nil
      } else {
        options.examples = try path(object, "examples") ?? options.examples
      }
      options.limit = try int(object, "limit", 0...Int.max)
      options.modulePrefixes = try strings(object, "modules")
      if let concurrency = try int(object, "concurrency", 1...4096) { options.concurrency = concurrency }
      options.maxAnswers = try int(object, "max_answers", 1...10) ?? options.maxAnswers
      options.exampleCount = try int(object, "examples_shown", 0...20) ?? options.exampleCount
      options.maxDependencies = try int(object, "max_dependencies", 0...200) ?? options.maxDependencies
      options.temperature = try double(object, "temperature", 0...2) ?? options.temperature
      options.maxTokens = try int(object, "max_tokens", 16...100_000) ?? options.maxTokens
    }

    /// The `lean` section: the REPL, its project, the pool's limits and the header policy.
    func leanSettings(_ object: JSONValue) throws -> (REPLConfiguration, HeaderPolicy) {
      try allow(
        object,
        [
          "project", "repl", "workers", "timeout", "header_timeout", "header", "max_commands", "max_rss_mb",
          "memory_limit_mb",
        ], in: "\"lean\"")
      guard let project = try path(object, "project") else {
        throw fail("\"lean\" needs \"project\" (the Lake project the REPL runs in, one that depends on the library)")
      }
      var settings = REPLConfiguration(projectDirectory: project)
      if let repl = member(object, "repl") {
        let words = repl.kind == .array ? try strings(object, "repl") : try string(object, "repl").map(Self.words) ?? []
        guard let program = words.first else { throw fail("\"repl\" must name a command, such as \"lake exe repl\"") }
        // A program path is relative to this file, like every other path here.
        settings.command = [program.contains("/") ? resolve(program) : program] + words.dropFirst()
      }
      settings.workers = try int(object, "workers", 1...1024) ?? settings.workers
      settings.commandTimeout = try double(object, "timeout", 0.01...86_400) ?? settings.commandTimeout
      settings.headerTimeout = try double(object, "header_timeout", 0.01...86_400) ?? settings.headerTimeout
      settings.maxCommandsPerWorker = try int(object, "max_commands", 1...Int.max) ?? settings.maxCommandsPerWorker
      if let megabytes = try int(object, "max_rss_mb", 1...Int.max >> 20) {
        settings.maxResidentBytes = megabytes << 20
      }
      settings.addressSpaceLimit = try int(object, "memory_limit_mb", 64...Int.max >> 20).map { $0 << 20 }
      let policy = try string(object, "header").map(HeaderPolicy.init) ?? .asWritten
      return (settings, policy)
    }

    /// A command line split on whitespace (no shell: no quoting).
    static func words(_ text: String) -> [String] {
      text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    func exportOptions(_ object: JSONValue, into options: inout ExportOptions) throws {
      try allow(
        object, ["out", "views", "shards", "val_fraction", "test_fraction", "seed", "require"], in: "\"export\"")
      options.outputDirectory = try path(object, "out") ?? options.outputDirectory
      if member(object, "views") != nil {
        var views: Set<ExportView> = []
        for name in try strings(object, "views") {
          guard let view = ExportView(rawValue: name) else {
            throw fail("\"views\" lists \"\(name)\"; the views are herald, messages and prompt-completion")
          }
          views.insert(view)
        }
        guard !views.isEmpty else { throw fail("\"views\" must name at least one view") }
        options.views = views.sorted()
      }
      options.shards = try int(object, "shards", 1...ExportOptions.maxShards) ?? options.shards
      let split = options.split
      options.split.validationFraction = try double(object, "val_fraction", 0...1) ?? split.validationFraction
      options.split.testFraction = try double(object, "test_fraction", 0...1) ?? split.testFraction
      options.split.seed = try int(object, "seed", 0...Int.max) ?? split.seed
      if let requirement = try string(object, "require") {
        guard let known = ExportOptions.Requirement(rawValue: requirement) else {
          throw fail("\"require\" must be \"any\" or \"passed\", not \"\(requirement)\"")
        }
        options.requirement = known
      }
      if options.split.validationFraction + options.split.testFraction > 1 {
        throw fail("\"val_fraction\" and \"test_fraction\" add up to more than 1")
      }
    }
  }
}
