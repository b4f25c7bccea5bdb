/// The database layout shared by every stage, with its version.
///
/// A database written by another schema version is refused with the remedy (as doc-gen4 does):
/// the tables below are the contract between stages and with external readers.
public enum Schema {
  /// Bumped whenever a table or column changes meaning.
  public static let version = 5

  /// The tables `statements` creates, in order.
  public static let tableNames: [String] = statements.split(separator: "\n").compactMap { line in
    let words = line.split(separator: " ")
    guard words.count >= 3, words[0] == "CREATE", words[1] == "TABLE" else { return nil }
    return String(words[2].prefix { $0 != "(" })
  }

  /// Connection settings applied to every connection before use.
  public static let pragmas = """
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA wal_autocheckpoint = 16384;
    """

  /// The tables of the current schema version.
  public static let statements = [extractTables, translateTables, validateTables, augmentTables].joined(
    separator: "\n")

  /// What `herald extract` writes (schema version 1).
  static let extractTables = """
    CREATE TABLE herald_meta(
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE provenance(
      id INTEGER PRIMARY KEY,
      stage TEXT NOT NULL,
      project TEXT,
      git_revision TEXT,
      toolchain TEXT,
      analyzer TEXT,
      herald_version TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      report TEXT
    );
    CREATE TABLE modules(
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      path TEXT,
      source_hash TEXT,
      output_fingerprint TEXT NOT NULL,
      analyzer TEXT,
      toolchain TEXT,
      docstring TEXT,
      imports TEXT NOT NULL,
      plugins TEXT NOT NULL,
      provenance_id INTEGER REFERENCES provenance(id),
      ingested_at TEXT NOT NULL
    );
    CREATE TABLE declarations(
      id INTEGER PRIMARY KEY,
      module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      ctor_idx INTEGER,
      parent_id INTEGER,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      visibility TEXT NOT NULL,
      is_protected INTEGER NOT NULL,
      compute_kind TEXT NOT NULL,
      is_generated INTEGER NOT NULL,
      docstring TEXT,
      signature TEXT,
      type TEXT,
      value TEXT,
      statement TEXT,
      text TEXT,
      ref_start INTEGER,
      ref_stop INTEGER,
      value_start INTEGER,
      namespace TEXT NOT NULL,
      open_decls TEXT NOT NULL,
      var_decls TEXT NOT NULL,
      level_names TEXT NOT NULL,
      attributes TEXT NOT NULL
    );
    CREATE INDEX declarations_module ON declarations(module_id, idx);
    CREATE INDEX declarations_name ON declarations(name);
    CREATE TABLE symbols(
      id INTEGER PRIMARY KEY,
      module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      type_full TEXT,
      type_readable TEXT,
      type_fallback TEXT NOT NULL,
      type TEXT GENERATED ALWAYS AS (coalesce(type_readable, type_full, type_fallback)) VIRTUAL,
      is_prop INTEGER NOT NULL,
      is_internal INTEGER NOT NULL,
      declaration_id INTEGER,
      type_references TEXT NOT NULL,
      value_references TEXT
    );
    CREATE INDEX symbols_module ON symbols(module_id);
    CREATE UNIQUE INDEX symbols_name ON symbols(name);
    CREATE TABLE tactic_steps(
      id INTEGER PRIMARY KEY,
      declaration_id INTEGER NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
      ord INTEGER NOT NULL,
      depth INTEGER NOT NULL,
      tactic TEXT NOT NULL,
      syntax_kind TEXT NOT NULL,
      start INTEGER,
      stop INTEGER,
      goals_before TEXT NOT NULL,
      goals_after TEXT NOT NULL,
      names_used TEXT NOT NULL,
      used_theorems TEXT
    );
    CREATE INDEX tactic_steps_declaration ON tactic_steps(declaration_id, ord);
    CREATE TABLE line_states(
      module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
      offset INTEGER NOT NULL,
      goals TEXT NOT NULL,
      PRIMARY KEY(module_id, offset)
    ) WITHOUT ROWID;
    CREATE TABLE dependencies(
      source_id INTEGER NOT NULL,
      target_id INTEGER NOT NULL,
      on_type INTEGER NOT NULL,
      on_value INTEGER NOT NULL,
      PRIMARY KEY(source_id, target_id)
    ) WITHOUT ROWID;
    CREATE INDEX dependencies_target ON dependencies(target_id);
    CREATE TABLE symbol_units(
      symbol_id INTEGER PRIMARY KEY,
      unit_id INTEGER NOT NULL
    );
    CREATE TABLE levels(
      symbol_id INTEGER PRIMARY KEY,
      component INTEGER NOT NULL,
      component_size INTEGER NOT NULL,
      type_level INTEGER NOT NULL,
      level INTEGER NOT NULL
    );
    CREATE TABLE failures(
      id INTEGER PRIMARY KEY,
      stage TEXT NOT NULL,
      item TEXT NOT NULL,
      severity TEXT NOT NULL,
      reason TEXT NOT NULL,
      detail TEXT NOT NULL,
      file TEXT,
      coding_path TEXT,
      provenance_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX failures_item ON failures(stage, item);

    """

  /// What `herald translate` writes (added in version 2): one outcome per translated unit, keyed
  /// by its name so that a re-extract (which renumbers symbols) keeps the work done.
  static let translateTables = """
    CREATE TABLE translations(
      name TEXT PRIMARY KEY,
      symbol_id INTEGER,
      status TEXT NOT NULL CHECK (status IN ('translated', 'abstained', 'failed')),
      informal_name TEXT,
      informal_statement TEXT,
      reason TEXT,
      raw_answer TEXT,
      attempts INTEGER NOT NULL,
      model TEXT NOT NULL,
      prompt_family TEXT NOT NULL,
      prompt_version TEXT NOT NULL,
      statement_hash TEXT NOT NULL,
      component_size INTEGER NOT NULL,
      provenance_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX translations_status ON translations(status);
    """
}

extension Schema {
  /// What `herald validate` writes (added in version 3): one verdict per record, keyed by the
  /// record's stable id, with hashes of what was judged (the record's texts) and how (models,
  /// prompts, samples, the Lean setup), so a rerun redoes only what changed; and compile results
  /// by a hash of the Lean setup and text, so no text is compiled twice.
  ///
  /// `validation` holds the record's `validation` object as export writes it (canonical JSON).
  static let validateTables = """
    CREATE TABLE validations(
      record_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      record_hash TEXT NOT NULL,
      settings_hash TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'not_run')),
      reason TEXT,
      compile_outcome TEXT NOT NULL,
      back_translations INTEGER NOT NULL,
      back_translations_compiled INTEGER NOT NULL,
      verdict TEXT NOT NULL,
      retryable INTEGER NOT NULL,
      validation TEXT NOT NULL,
      provenance_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX validations_status ON validations(status);
    CREATE TABLE compile_results(
      key TEXT PRIMARY KEY,
      outcome TEXT NOT NULL,
      result TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    """

  /// What `herald augment` writes (added in version 4): augmented statements (tactic states
  /// made theorems, informal rewrites), each a record of its own keyed by its stable id and
  /// traced to its parent declaration, and informal proofs of tactic proofs.
  ///
  /// An augmented statement moves through `status`: `candidate` (made; a tactic state also
  /// compiled, or not compiled without a REPL), `rejected` (its compile check failed: never
  /// exported), then `translated`, `abstained` or `failed` once informalized (tactic states by the
  /// translate stage; rewrites are informal from the start and `translated` when made).
  /// `source_hash` is the hash of what it was made from: a changed parent makes it again.
  static let augmentTables = """
    CREATE TABLE augmentations(
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('tactic', 'informal')),
      parent TEXT NOT NULL,
      name TEXT NOT NULL,
      step INTEGER,
      depth INTEGER,
      goal INTEGER,
      strategy TEXT,
      language TEXT,
      statement TEXT,
      universes TEXT NOT NULL,
      source_hash TEXT NOT NULL,
      compile_outcome TEXT,
      compile TEXT,
      status TEXT NOT NULL CHECK (status IN ('candidate', 'rejected', 'translated', 'abstained', 'failed')),
      reason TEXT,
      informal_name TEXT,
      informal_statement TEXT,
      raw_answer TEXT,
      attempts INTEGER NOT NULL,
      model TEXT,
      prompt_version TEXT,
      provenance_id INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE INDEX augmentations_parent ON augmentations(parent);
    CREATE INDEX augmentations_status ON augmentations(kind, status);
    CREATE TABLE proofs(
      name TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ('explained', 'failed')),
      steps TEXT NOT NULL,
      informal_proof TEXT,
      commented_proof TEXT,
      reason TEXT,
      raw_answer TEXT,
      attempts INTEGER NOT NULL,
      model TEXT NOT NULL,
      prompt_version TEXT NOT NULL,
      source_hash TEXT NOT NULL,
      provenance_id INTEGER,
      created_at TEXT NOT NULL
    );

    """

  /// Upgrades of older files, by the version they start from, so an older database (an extract of
  /// last month) keeps its rows: the first three add the newer stages' tables; the fourth rebuilds
  /// `declarations` and `symbols` (see `rebuildForVersion5`).
  public static let migrations: [Int: String] = [
    1: translateTables, 2: validateTables, 3: augmentTables, 4: rebuildForVersion5,
  ]

  /// Version 4 → 5, run with foreign keys off (SQLite's way of changing a table's constraints):
  /// `symbols.name` loses its column constraint `UNIQUE` to an index of its own, which a bulk
  /// extract can build after its inserts (`NameIndexes`), and `declarations.parent_id` and
  /// `symbols.declaration_id` lose their foreign keys, which only ever pointed within the module
  /// and made deleting a module scan both tables once per declaration.
  static let rebuildForVersion5 = """
    \(definition(of: "declarations", as: "declarations_v5"));
    INSERT INTO declarations_v5 SELECT * FROM declarations;
    DROP TABLE declarations;
    ALTER TABLE declarations_v5 RENAME TO declarations;
    CREATE INDEX declarations_module ON declarations(module_id, idx);
    CREATE INDEX declarations_name ON declarations(name);
    \(definition(of: "symbols", as: "symbols_v5"));
    INSERT INTO symbols_v5(id, module_id, name, kind, type_full, type_readable, type_fallback, is_prop, is_internal,
      declaration_id, type_references, value_references)
    SELECT id, module_id, name, kind, type_full, type_readable, type_fallback, is_prop, is_internal,
      declaration_id, type_references, value_references
    FROM symbols;
    DROP TABLE symbols;
    ALTER TABLE symbols_v5 RENAME TO symbols;
    CREATE INDEX symbols_module ON symbols(module_id);
    CREATE UNIQUE INDEX symbols_name ON symbols(name);
    """

  /// The `CREATE TABLE` statement of `table` in the current schema, naming the table `name`,
  /// without its semicolon.
  static func definition(of table: String, as name: String) -> String {
    guard let start = statements.range(of: "CREATE TABLE \(table)("),
      let end = statements.range(of: "\n);", range: start.upperBound..<statements.endIndex)
    else { preconditionFailure("no table \(table) in the schema") }
    return "CREATE TABLE \(name)(" + statements[start.upperBound..<end.lowerBound] + "\n)"
  }
}
