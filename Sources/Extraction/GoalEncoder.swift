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
    writer.value(goal.present("type")?.string ?? "")
    writer.key("is_prop")
    writer.value(goal.present("isProp")?.bool ?? false)
    writer.key("pp")
    writer.value(goal.present("pp")?.string)
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
        writer.value(variable.present("type")?.string ?? "")
        writer.key("binder")
        writer.value(variable.present("binderInfo")?.string)
        writer.key("value")
        writer.value(variable.present("value")?.string)
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
}
