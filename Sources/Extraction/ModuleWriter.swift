import HeraldCore
import Storage

/// Writes one module's analysis in a single transaction, replacing its earlier rows.
struct ModuleWriter {
  let connection: SQLiteConnection

  /// Row counts written for one module.
  struct Counts: Sendable {
    var declarations = 0
    var symbols = 0
    var steps = 0
  }

  /// Writes `analysis`; on any error nothing of it is left in the database.
  func write(_ analysis: ModuleAnalysis, record: ModuleRecord, provenanceID: Int?) throws -> Counts {
    try connection.transaction { () throws -> Counts in
      try connection.prepare("DELETE FROM modules WHERE name = ?1").run([.text(analysis.module)])
      try connection.prepare(
        """
        INSERT INTO modules(name, path, source_hash, output_fingerprint, analyzer, toolchain, docstring, imports,
          plugins, provenance_id, ingested_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """
      ).run([
        .text(analysis.module), .optional(record.path), .optional(record.sourceHash), .text(record.outputFingerprint),
        .optional(record.analyzer), .optional(record.toolchain), .optional(analysis.header?.docstring),
        .text(jsonArray(analysis.header?.imports ?? [])),
        .text(analysis.plugins.map(\.rawValue).joined(separator: ",")),
        .optional(provenanceID), .text(Timestamp.now()),
      ])
      let moduleID = Int(connection.lastInsertRowID)
      // In the same transaction, so a kill right after the commit cannot leave a fresh-looking graph.
      try HeraldDatabase.setMeta(connection, "graph_state", "stale")
      var counts = Counts()
      var declarationIDs: [Int] = []
      var idsByName: [String: Int] = [:]
      let insertDeclaration = try connection.prepare(
        """
        INSERT INTO declarations(module_id, idx, ctor_idx, parent_id, name, kind, visibility, is_protected,
          compute_kind, is_generated, docstring, signature, type, value, statement, text, ref_start, ref_stop,
          value_start, namespace, open_decls, var_decls, level_names, attributes)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
          ?22, ?23, ?24)
        """)
      func insert(_ entry: DeclarationEntry, _ text: DeclarationText, index: Int, constructor: Int?, parent: Int?)
        throws -> Int
      {
        try insertDeclaration.run([
          .int(moduleID), .int(index), .optional(constructor), .optional(parent), .text(entry.name.dotted),
          .text(entry.kind), .text(entry.visibility), .bool(entry.isProtected), .text(entry.computeKind),
          .bool(entry.isGenerated), .optional(entry.docString), .optional(text.signature), .optional(text.type),
          .optional(text.value), .optional(text.statement), .optional(text.text),
          .optional(entry.refRange?.lowerBound), .optional(entry.refRange?.upperBound),
          .optional(entry.valueRange?.lowerBound), .text(entry.namespace.dotted), .text(jsonArray(entry.openDecls)),
          .text(jsonArray(entry.varDecls)), .text(jsonArray(entry.levelNames)), .text(jsonArray(entry.attributes)),
        ])
        let id = Int(connection.lastInsertRowID)
        let name = entry.name.dotted
        if idsByName[name] == nil || !entry.isGenerated { idsByName[name] = id }
        counts.declarations += 1
        return id
      }
      for (index, entry) in analysis.declarations.enumerated() {
        let id = try insert(entry, analysis.texts[index], index: index, constructor: nil, parent: nil)
        declarationIDs.append(id)
        for (position, constructor) in entry.constructors.enumerated() {
          _ = try insert(
            constructor, analysis.constructorTexts[index][position], index: index, constructor: position, parent: id)
        }
      }
      let insertSymbol = try connection.prepare(
        """
        INSERT INTO symbols(module_id, name, kind, type_full, type_readable, type_fallback, is_prop,
          is_internal, declaration_id, type_references, value_references)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """)
      for symbol in analysis.symbols {
        let name = symbol.name.dotted
        let declaration = idsByName[name]
        do {
          try insertSymbol.run([
            .int(moduleID), .text(name), .text(symbol.kind), .optional(symbol.typeFull),
            .optional(symbol.typeReadable), .text(symbol.typeFallback), .bool(symbol.isProp),
            .bool(InternalNameRule.isInternal(symbol.name, hasDeclaration: declaration != nil)),
            .optional(declaration), .text(symbol.typeReferences.joined(separator: "\n")),
            .optional(symbol.valueReferences?.joined(separator: "\n")),
          ])
        } catch StorageError.sqlite(let code, _, _) where code & 0xff == 19 {
          let owner = try connection.scalarText(
            "SELECT m.name FROM symbols s JOIN modules m ON m.id = s.module_id WHERE s.name = ?1", [.text(name)])
          throw DuplicateConstant(name: name, otherModule: owner ?? "?")
        }
        counts.symbols += 1
      }
      let insertStep = try connection.prepare(
        """
        INSERT INTO tactic_steps(declaration_id, ord, depth, tactic, syntax_kind, start, stop, goals_before,
          goals_after, names_used, used_theorems)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """)
      for step in analysis.steps where step.declarationIndex < declarationIDs.count {
        try insertStep.run([
          .int(declarationIDs[step.declarationIndex]), .int(step.order), .int(step.depth), .text(step.tactic),
          .text(step.syntaxKind), .optional(step.range?.lowerBound), .optional(step.range?.upperBound),
          .text(step.goalsBefore), .text(step.goalsAfter), .text(step.namesUsed), .optional(step.usedTheorems),
        ])
        counts.steps += 1
      }
      let insertLine = try connection.prepare("INSERT INTO line_states(module_id, offset, goals) VALUES (?1, ?2, ?3)")
      for state in analysis.lineStates {
        try insertLine.run([.int(moduleID), .int(state.offset), .text(state.goals)])
      }
      try FailureLog.replace(
        connection, stage: "extract", item: analysis.module,
        with: analysis.warnings.map {
          FailureRecord(
            stage: "extract", item: analysis.module, severity: .warning, reason: $0.reason, detail: $0.detail,
            file: AnalyzerPlugin.declaration.fileName(module: analysis.module), codingPath: $0.path)
        }, provenanceID: provenanceID)
      return counts
    }
  }

  private func jsonArray(_ items: [String]) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    for item in items { writer.value(item) }
    writer.endArray()
    return writer.string
  }
}

/// A constant that another module already defines: the database keeps names unique.
struct DuplicateConstant: Error, CustomStringConvertible {
  var name: String
  var otherModule: String
  var description: String {
    "constant \(name) is also defined by module \(otherModule); two modules cannot define the same name "
      + "(was a module renamed? re-run with --force after removing the stale one)"
  }
}
