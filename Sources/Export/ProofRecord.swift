import Foundation
import HeraldCore
import Records
import Storage

/// A theorem with its tactic proof explained: a line of the `proofs` view
/// (`schemas/proof.schema.json`), covering the fields of the public Herald_proofs set.
struct ProofRecord: Sendable {
  var name: String
  var module: String
  var header: String
  var formalTheorem: String
  var formalProof: String
  var informalName: String
  var informalTheorem: String
  var informalProof: String
  var commentedProof: String
  /// `[{"ord", "depth", "tactic", "explanation"}]` as stored.
  var steps: JSONValue
  var project: String?
  var toolchain: String?
  var model: String
  var promptVersion: String
  var createdAt: String

  /// The record's id: the first 32 hex digits of the SHA-256 of the record kind and the name.
  var id: String {
    var hash = SHA256()
    hash.update("proof\u{1F}")
    hash.update(name)
    return String(hash.hexDigest().prefix(32))
  }

  /// The line, keys sorted.
  var value: RecordValue {
    .object([
      "commented_proof": .string(commentedProof), "formal_proof": .string(formalProof),
      "formal_theorem": .string(formalTheorem), "header": .string(header), "id": .string(id),
      "informal_name": .string(informalName), "informal_proof": .string(informalProof),
      "informal_theorem": .string(informalTheorem), "module": .string(module), "name": .string(name),
      "provenance": .object([
        "created_at": .string(createdAt), "herald_version": .string(HeraldVersion.string),
        "lean_toolchain": .optional(toolchain), "model": .string(model), "project": .optional(project),
        "prompt_version": .string(promptVersion),
      ]),
      "record_id": .string(StatementRecord.id(formalName: name)),
      "steps": .array(
        steps.elements.map { step in
          .object([
            "depth": .int(step["depth"]?.int ?? 0), "explanation": .string(step["explanation"]?.string ?? ""),
            "ord": .int(step["ord"]?.int ?? 0), "tactic": .string(step["tactic"]?.string ?? ""),
          ])
        }),
    ])
  }
}

/// Reads the explained proofs of translated theorems, module by module in source order, as
/// records: a theorem that uses earlier declarations of its own module (in its statement or its
/// proof) gets its module imported in the header and is stated as an `example`, as its statement
/// record is.
struct ProofCursor {
  let connection: SQLiteConnection

  /// Every explained proof whose theorem is still translated, in the stable order.
  func records() throws -> [ProofRecord] {
    let query = try connection.prepare(
      """
      SELECT p.name, p.steps, p.informal_proof, p.commented_proof, p.model, p.prompt_version, p.created_at,
        t.informal_name, t.informal_statement, d.statement, d.value, d.namespace, d.open_decls, d.var_decls,
        d.level_names, m.name, m.imports, m.toolchain, v.project,
        EXISTS (SELECT 1 FROM dependencies e JOIN symbols o ON o.id = e.target_id
                WHERE e.source_id = s.id AND o.module_id = s.module_id)
      FROM proofs p JOIN translations t ON t.name = p.name AND t.status = 'translated'
      JOIN symbols s ON s.name = p.name JOIN declarations d ON d.id = s.declaration_id
      JOIN modules m ON m.id = d.module_id LEFT JOIN provenance v ON v.id = m.provenance_id
      WHERE p.status = 'explained'
      ORDER BY m.name, d.idx
      """)
    var records: [ProofRecord] = []
    while try query.step() {
      let ownModule = query.int(19) != 0
      let module = query.text(15) ?? ""
      var header = FormalStatement(
        imports: ownModule ? [module] : StatementBuilder.list(query.text(16) ?? "[]"),
        universes: StatementBuilder.list(query.text(14) ?? "[]"),
        openLines: StatementBuilder.list(query.text(12) ?? "[]"), namespace: query.text(11) ?? "",
        variableLines: StatementBuilder.list(query.text(13) ?? "[]"), declaration: "")
      var statement = query.text(9) ?? ""
      var commented = query.text(3) ?? ""
      if ownModule, let head = DeclarationHead(commented), let statementHead = DeclarationHead(statement) {
        commented = head.example
        statement = statementHead.example
        header.universes = FormalStatement.unique(header.universes + head.universeParameters)
      }
      guard let steps = try? JSONDocument(text: query.text(1) ?? "[]").root else { continue }
      records.append(
        ProofRecord(
          name: query.text(0) ?? "", module: module, header: header.header, formalTheorem: statement,
          formalProof: query.text(10) ?? "", informalName: query.text(7) ?? "",
          informalTheorem: query.text(8) ?? "", informalProof: query.text(2) ?? "", commentedProof: commented,
          steps: steps, project: query.text(18).map { URL(fileURLWithPath: $0).lastPathComponent },
          toolchain: query.text(17), model: query.text(4) ?? "", promptVersion: query.text(5) ?? "",
          createdAt: query.text(6) ?? ""))
    }
    return records
  }
}
