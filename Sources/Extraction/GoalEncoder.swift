import HeraldCore

/// Re-encodes the analyzer's goals in herald's compact goal shape (docs/database.md).
enum GoalEncoder {
  /// Encodes an array of goals; `markActed` sets `acted_on` from the presence of `extra`.
  static func encode(_ goals: JSONValue?, markActed: Bool) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    if let goals {
      for goal in goals.elements where goal.kind == .object {
        write(goal, actedOn: markActed && goal.present("extra") != nil, into: &writer)
      }
    }
    writer.endArray()
    return writer.string
  }

  private static func write(_ goal: JSONValue, actedOn: Bool, into writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("tag")
    writer.value(goal.present("tag")?.dottedName ?? "")
    writer.key("mvar")
    writer.value(goal.present("mvarId")?.dottedName ?? "")
    writer.key("type")
    writeString(goal.present("type"), or: "", into: &writer)
    writer.key("is_prop")
    writer.value(goal.present("isProp")?.bool ?? false)
    writer.key("pp")
    writeString(goal.present("pp"), or: nil, into: &writer)
    writer.key("acted_on")
    writer.value(actedOn)
    writer.key("hypotheses")
    writer.beginArray()
    if let context = goal.present("context") {
      for variable in context.elements where variable.kind == .object {
        writer.beginObject()
        writer.key("name")
        writer.value(variable.present("name")?.dottedName ?? "")
        writer.key("type")
        writeString(variable.present("type"), or: "", into: &writer)
        writer.key("binder")
        writeString(variable.present("binderInfo"), or: nil, into: &writer)
        writer.key("value")
        writeString(variable.present("value"), or: nil, into: &writer)
        writer.key("is_prop")
        writer.value(variable.present("isProp")?.bool ?? false)
        writer.key("is_let")
        writer.value(variable.present("isLet")?.bool ?? (variable.present("value") != nil))
        writer.endObject()
      }
    }
    writer.endArray()
    writer.endObject()
  }

  /// Writes `value` when it is a string, copying its JSON text rather than decoding and escaping
  /// it again (goal texts are most of the bytes); otherwise `fallback`, or null.
  private static func writeString(_ value: JSONValue?, or fallback: String?, into writer: inout JSONWriter) {
    if let value, value.kind == .string {
      writer.write(value)
    } else if let fallback {
      writer.value(fallback)
    } else {
      writer.nullValue()
    }
  }
}
