import HeraldCore
import Records

extension RecordValue {
  /// `value` as a record value: a stored JSON object (a record's `validation`) placed in a line.
  /// Numbers become integers (herald's stored objects hold no others).
  init(_ value: JSONValue) {
    switch value.kind {
    case .null: self = .null
    case .bool: self = .bool(value.bool ?? false)
    case .number: self = .int(value.int ?? Int(value.double ?? 0))
    case .string: self = .string(value.string ?? "")
    case .array: self = .array(value.elements.map(RecordValue.init))
    case .object: self = .object(Members(value.members.map { Member($0.0, RecordValue($0.1)) }))
    }
  }

  /// The `validation` member of a record: its stored verdict, or the not-run object saying why
  /// there is none.
  static func validation(_ validation: StatementRecord.Validation) -> RecordValue {
    switch validation {
    case .stored(_, let json):
      guard let document = try? JSONDocument(text: json) else {
        return notValidated(reason: "its stored verdict is not valid JSON (run herald validate --force)")
      }
      return RecordValue(document.root)
    case .missing(let reason):
      return notValidated(reason: reason)
    }
  }

  /// The not-run object of a record without a verdict; the two usual ones are made once.
  private static func notValidated(reason: String) -> RecordValue {
    switch reason {
    case StatementRecord.Validation.notValidatedReason: neverValidated
    case StatementRecord.Validation.staleReason: validatedForOtherTexts
    default: RecordValue(json: RecordValidation.notValidated(reason: reason).json)
    }
  }

  private static let neverValidated = RecordValue(
    json: RecordValidation.notValidated(reason: StatementRecord.Validation.notValidatedReason).json)
  private static let validatedForOtherTexts = RecordValue(
    json: RecordValidation.notValidated(reason: StatementRecord.Validation.staleReason).json)

  /// The value of JSON text herald wrote itself.
  private init(json: String) {
    self = (try? JSONDocument(text: json)).map { RecordValue($0.root) } ?? .null
  }
}
