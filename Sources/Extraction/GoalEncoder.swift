import HeraldCore

/// Re-encodes the analyzer's goals in herald's compact goal shape (docs/database.md).
enum GoalEncoder {
  /// Encodes an array of goals; `markActed` sets `acted_on` from the presence of `extra`.
  static func encode(_ goals: JSONValue?, markActed: Bool) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    if let goals {
      for goal in goals.elements where goal.kind == .object {
        write(goal, markActed: markActed, into: &writer)
      }
    }
    writer.endArray()
    return writer.string
  }

  /// Writes one goal; `markActed` sets `acted_on` from the presence of `extra`. Members are read
  /// three at a time in one pass each (goals and hypotheses are most of the elaboration output).
  private static func write(_ goal: JSONValue, markActed: Bool, into writer: inout JSONWriter) {
    let (tag, mvar, type) = goal.presentMembers("tag", "mvarId", "type")
    let (isProp, pp, context) = goal.presentMembers("isProp", "pp", "context")
    writer.beginObject()
    writer.key("tag")
    writer.value(tag?.dottedName ?? "")
    writer.key("mvar")
    writer.value(mvar?.dottedName ?? "")
    writer.key("type")
    writeString(type, or: "", into: &writer)
    writer.key("is_prop")
    writer.value(isProp?.bool ?? false)
    writer.key("pp")
    writeString(pp, or: nil, into: &writer)
    writer.key("acted_on")
    writer.value(markActed && goal.present("extra") != nil)
    writer.key("hypotheses")
    writer.beginArray()
    if let context {
      for variable in context.elements where variable.kind == .object {
        let (name, type, binder) = variable.presentMembers("name", "type", "binderInfo")
        let (value, isProp, isLet) = variable.presentMembers("value", "isProp", "isLet")
        writer.beginObject()
        writer.key("name")
        writer.value(name?.dottedName ?? "")
        writer.key("type")
        writeString(type, or: "", into: &writer)
        writer.key("binder")
        writeString(binder, or: nil, into: &writer)
        writer.key("value")
        writeString(value, or: nil, into: &writer)
        writer.key("is_prop")
        writer.value(isProp?.bool ?? false)
        writer.key("is_let")
        writer.value(isLet?.bool ?? (value != nil))
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
