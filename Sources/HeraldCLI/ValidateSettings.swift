import Foundation
import HeraldCore
import Validation

/// The pipeline file's `validate` section: the stage's options and, per role, the model when it
/// is not the `llm` section's.
///
/// ```json
/// "validate": {"samples": 2, "judge": {"model": "gpt-4o", "base_url": "https://api.openai.com/v1"}}
/// ```
struct ValidateSettings: Sendable {
  /// Whether `herald run` validates (true unless the section says `"enabled": false`).
  var enabled = true
  var options: ValidateOptions
  /// The back-translator's endpoint; nil: the `llm` section's.
  var backTranslator: RoleEndpoint?
  /// The judge's endpoint; nil: the `llm` section's.
  var judge: RoleEndpoint?

  /// An OpenAI-compatible endpoint for one role.
  struct RoleEndpoint: Sendable, Equatable {
    var model: String
    /// The base URL; nil: `OPENAI_BASE_URL`, else the `llm` section's endpoint.
    var baseURL: String?
    /// The name of the variable holding the API key (never the key).
    var apiKeyVariable = "OPENAI_API_KEY"
  }
}

extension PipelineConfig.Reader {
  /// Reads the `validate` section into `settings`.
  func validateSettings(_ object: JSONValue, into settings: inout ValidateSettings) throws {
    try allow(
      object,
      [
        "enabled", "samples", "temperature", "max_answers", "max_tokens", "concurrency", "limit", "modules",
        "prompts", "auto_implicit", "back_translator", "judge",
      ], in: "\"validate\"")
    settings.enabled = try bool(object, "enabled") ?? settings.enabled
    var options = settings.options
    options.samples = try int(object, "samples", 1...128) ?? options.samples
    options.sampleTemperature = try double(object, "temperature", 0...2) ?? options.sampleTemperature
    options.maxAnswers = try int(object, "max_answers", 1...10) ?? options.maxAnswers
    options.maxTokens = try int(object, "max_tokens", 16...100_000) ?? options.maxTokens
    options.concurrency = try int(object, "concurrency", 1...4096) ?? options.concurrency
    options.limit = try int(object, "limit", 0...Int.max)
    options.modulePrefixes = try strings(object, "modules")
    options.prompts = try path(object, "prompts") ?? options.prompts
    options.autoImplicit = try bool(object, "auto_implicit") ?? options.autoImplicit
    settings.options = options
    settings.backTranslator = try role(object, "back_translator")
    settings.judge = try role(object, "judge")
  }

  /// A role's endpoint: `{"model": …, "base_url": …, "api_key_env": …}`.
  private func role(_ object: JSONValue, _ key: String) throws -> ValidateSettings.RoleEndpoint? {
    guard let role = try self.object(object, key) else { return nil }
    try allow(role, ["model", "base_url", "api_key_env"], in: "\"validate.\(key)\"")
    guard let model = try string(role, "model") else {
      throw fail("\"validate.\(key)\" needs \"model\" (the name the endpoint serves)")
    }
    return ValidateSettings.RoleEndpoint(
      model: model, baseURL: try string(role, "base_url"),
      apiKeyVariable: try string(role, "api_key_env") ?? "OPENAI_API_KEY")
  }
}
