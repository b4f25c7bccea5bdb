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

  /// A module's rows with every value that does not depend on the database made ready to bind:
  /// names spelled out, lists as JSON, references joined. Made by the decoding task, so that the
  /// single writer, extract's serial path, only binds and steps.
  struct Rows: Sendable {
    /// A declaration row: its parameters `?5` on (`?1`–`?4` are the module, index, constructor
    /// index and parent, known when written).
    struct Declaration: Sendable {
      var index: Int
      var constructor: Int?
      /// The declaration row of the command that holds this constructor.
      var parentRow: Int?
      var values: [SQLiteValue]
    }

    /// A symbol row: its name, the declaration row whose id it takes (if any), and its
    /// parameters `?2`–`?8` and `?10`–`?11`.
    struct Symbol: Sendable {
      var name: String
      var declarationRow: Int?
      var values: [SQLiteValue]
      var references: [SQLiteValue]
    }

    /// A tactic step row: the declaration row it belongs to and its parameters `?2` on.
    struct Step: Sendable {
      var declarationRow: Int
      var values: [SQLiteValue]
    }

    var module: String
    var header: [SQLiteValue]
    var declarations: [Declaration] = []
    var symbols: [Symbol] = []
    var steps: [Step] = []
    var lines: [(offset: Int, goals: String)] = []
    var warnings: [ModuleAnalysis.Warning]

    /// The rows of `analysis`.
    init(_ analysis: ModuleAnalysis) {
      module = analysis.module
      header = [
        .optional(analysis.header?.docstring), .text(Self.jsonArray(analysis.header?.imports ?? [])),
        .text(analysis.plugins.map(\.rawValue).joined(separator: ",")),
      ]
      warnings = analysis.warnings
      var rowByName: [String: Int] = [:]
      var commandRows: [Int] = []
      func add(_ entry: DeclarationEntry, _ text: DeclarationText, index: Int, constructor: Int?, parent: Int?) {
        let name = entry.name.dotted
        let row = declarations.count
        declarations.append(
          Declaration(
            index: index, constructor: constructor, parentRow: parent,
            values: [
              .text(name), .text(entry.kind), .text(entry.visibility), .bool(entry.isProtected),
              .text(entry.computeKind), .bool(entry.isGenerated), .optional(entry.docString),
              .optional(text.signature), .optional(text.type), .optional(text.value), .optional(text.statement),
              .optional(text.text), .optional(entry.refRange?.lowerBound), .optional(entry.refRange?.upperBound),
              .optional(entry.valueRange?.lowerBound), .text(entry.namespace.dotted),
              .text(Self.jsonArray(entry.openDecls)), .text(Self.jsonArray(entry.varDecls)),
              .text(Self.jsonArray(entry.levelNames)), .text(Self.jsonArray(entry.attributes)),
            ]))
        if rowByName[name] == nil || !entry.isGenerated { rowByName[name] = row }
      }
      for (index, entry) in analysis.declarations.enumerated() {
        let row = declarations.count
        commandRows.append(row)
        add(entry, analysis.texts[index], index: index, constructor: nil, parent: nil)
        for (position, constructor) in entry.constructors.enumerated() {
          add(
            constructor, analysis.constructorTexts[index][position], index: index, constructor: position, parent: row)
        }
      }
      for symbol in analysis.symbols {
        let name = symbol.name.dotted
        let row = rowByName[name]
        symbols.append(
          Symbol(
            name: name, declarationRow: row,
            values: [
              .text(name), .text(symbol.kind), .optional(symbol.typeFull), .optional(symbol.typeReadable),
              .text(symbol.typeFallback), .bool(symbol.isProp),
              .bool(InternalNameRule.isInternal(symbol.name, hasDeclaration: row != nil)),
            ],
            references: [
              .text(symbol.typeReferences.joined(separator: "\n")),
              .optional(symbol.valueReferences?.joined(separator: "\n")),
            ]))
      }
      for step in analysis.steps where step.declarationIndex < commandRows.count {
        steps.append(
          Step(
            declarationRow: commandRows[step.declarationIndex],
            values: [
              .int(step.order), .int(step.depth), .text(step.tactic), .text(step.syntaxKind),
              .optional(step.range?.lowerBound), .optional(step.range?.upperBound), .text(step.goalsBefore),
              .text(step.goalsAfter), .text(step.namesUsed), .optional(step.usedTheorems),
            ]))
      }
      lines = analysis.lineStates.map { ($0.offset, $0.goals) }
    }

    private static func jsonArray(_ items: [String]) -> String {
      var writer = JSONWriter()
      writer.beginArray()
      for item in items { writer.value(item) }
      writer.endArray()
      return writer.string
    }
  }

  /// Writes `analysis`; on any error nothing of it is left in the database.
  func write(_ analysis: ModuleAnalysis, record: ModuleRecord, provenanceID: Int?) throws -> Counts {
    try write(Rows(analysis), record: record, provenanceID: provenanceID)
  }

  /// Writes a module's rows; on any error nothing of them is left in the database.
  func write(_ rows: Rows, record: ModuleRecord, provenanceID: Int?) throws -> Counts {
    try connection.transaction { () throws -> Counts in
      try connection.prepare("DELETE FROM modules WHERE name = ?1").run([.text(rows.module)])
      let insertModule = try connection.prepare(
        """
        INSERT INTO modules(name, path, source_hash, output_fingerprint, analyzer, toolchain, docstring, imports,
          plugins, provenance_id, ingested_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """)
      try insertModule.bind([
        .text(rows.module), .optional(record.path), .optional(record.sourceHash), .text(record.outputFingerprint),
        .optional(record.analyzer), .optional(record.toolchain),
      ])
      try insertModule.bind(rows.header, from: 7)
      try insertModule.bind([.optional(provenanceID), .text(Timestamp.now())], from: 10)
      try insertModule.step()
      let moduleID = Int(connection.lastInsertRowID)
      // In the same transaction, so a kill right after the commit cannot leave a fresh-looking graph.
      try HeraldDatabase.setMeta(connection, "graph_state", "stale")
      var counts = Counts()
      var ids: [Int] = []
      ids.reserveCapacity(rows.declarations.count)
      let insertDeclaration = try connection.prepare(
        """
        INSERT INTO declarations(module_id, idx, ctor_idx, parent_id, name, kind, visibility, is_protected,
          compute_kind, is_generated, docstring, signature, type, value, statement, text, ref_start, ref_stop,
          value_start, namespace, open_decls, var_decls, level_names, attributes)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
          ?22, ?23, ?24)
        """)
      for declaration in rows.declarations {
        try insertDeclaration.bind(.int(moduleID), at: 1)
        try insertDeclaration.bind(.int(declaration.index), at: 2)
        try insertDeclaration.bind(.optional(declaration.constructor), at: 3)
        try insertDeclaration.bind(.optional(declaration.parentRow.map { ids[$0] }), at: 4)
        try insertDeclaration.bind(declaration.values, from: 5)
        try insertDeclaration.step()
        ids.append(Int(connection.lastInsertRowID))
        counts.declarations += 1
      }
      let insertSymbol = try connection.prepare(
        """
        INSERT INTO symbols(module_id, name, kind, type_full, type_readable, type_fallback, is_prop,
          is_internal, declaration_id, type_references, value_references)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """)
      for symbol in rows.symbols {
        do {
          try insertSymbol.bind(.int(moduleID), at: 1)
          try insertSymbol.bind(symbol.values, from: 2)
          try insertSymbol.bind(.optional(symbol.declarationRow.map { ids[$0] }), at: 9)
          try insertSymbol.bind(symbol.references, from: 10)
          try insertSymbol.step()
        } catch StorageError.sqlite(let code, _, _) where code & 0xff == 19 {
          let owner = try connection.scalarText(
            "SELECT m.name FROM symbols s JOIN modules m ON m.id = s.module_id WHERE s.name = ?1", [.text(symbol.name)])
          throw DuplicateConstant(name: symbol.name, otherModule: owner ?? "?")
        }
        counts.symbols += 1
      }
      let insertStep = try connection.prepare(
        """
        INSERT INTO tactic_steps(declaration_id, ord, depth, tactic, syntax_kind, start, stop, goals_before,
          goals_after, names_used, used_theorems)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
        """)
      for step in rows.steps {
        try insertStep.bind(.int(ids[step.declarationRow]), at: 1)
        try insertStep.bind(step.values, from: 2)
        try insertStep.step()
        counts.steps += 1
      }
      let insertLine = try connection.prepare("INSERT INTO line_states(module_id, offset, goals) VALUES (?1, ?2, ?3)")
      for state in rows.lines {
        try insertLine.run([.int(moduleID), .int(state.offset), .text(state.goals)])
      }
      try FailureLog.replace(
        connection, stage: "extract", item: rows.module,
        with: rows.warnings.map {
          FailureRecord(
            stage: "extract", item: rows.module, severity: .warning, reason: $0.reason, detail: $0.detail,
            file: AnalyzerPlugin.declaration.fileName(module: rows.module), codingPath: $0.path)
        }, provenanceID: provenanceID)
      return counts
    }
  }
}

/// A constant that another module already defines: the database keeps names unique.
struct DuplicateConstant: Error, CustomStringConvertible {
  var name: String
  var otherModule: String
  var description: String { NameIndexes.duplicateDetail(constant: name, otherModule: otherModule) }
}
