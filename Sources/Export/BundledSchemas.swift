/// The texts of `schemas/*.schema.json`, compiled into herald so that an installed binary needs no
/// data files; a test checks that they equal the files byte for byte.
enum BundledSchemas {
  /// `schemas/statement.schema.json`.
  static let statement = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:herald:schema:statement:3",
      "title": "herald statement record",
      "description": "One declaration of a Lean library with its informal name and statement: a line of the herald view's shards.",
      "version": 3,
      "type": "object",
      "additionalProperties": false,
      "required": [
        "augmentation",
        "dependencies",
        "formal_name",
        "formal_statement",
        "id",
        "informal_name",
        "informal_statement",
        "kind",
        "module",
        "provenance",
        "validation"
      ],
      "properties": {
        "id": {
          "description": "Stable across reruns: the first 32 hex digits of the SHA-256 of the record kind, the augmentation kind and the formal name (originals), the parent and the normalized statement (tactic states) or the parent, strategy and language (rewrites).",
          "type": "string",
          "minLength": 32,
          "maxLength": 32
        },
        "informal_name": {
          "description": "A short informal name, as a mathematician would call the statement.",
          "type": "string",
          "minLength": 1
        },
        "informal_statement": {
          "description": "The statement in natural language with LaTeX.",
          "type": "string",
          "minLength": 1
        },
        "formal_name": {
          "description": "The declaration's full Lean name; for a tactic state, the parent's name with _state_<step>; for a rewrite, the parent's.",
          "type": "string",
          "minLength": 1
        },
        "formal_statement": {
          "description": "A Lean file that stands alone: imports, universes, open lines, namespace, variable lines, then the declaration (theorems end with := sorry). A declaration that uses earlier declarations of its own module imports that module and is stated as an example (the module declares its name).",
          "type": "string",
          "minLength": 1
        },
        "kind": {
          "description": "The declaration's kind as the analyzer names it.",
          "enum": [
            "abbrev",
            "axiom",
            "classInductive",
            "definition",
            "inductive",
            "instance",
            "opaque",
            "proofWanted",
            "structure",
            "theorem"
          ]
        },
        "module": {
          "description": "The Lean module that declares it; splits never share a module.",
          "type": "string",
          "minLength": 1
        },
        "dependencies": {
          "description": "Full names of the library declarations the formal statement uses (what is needed to state it; for definitions and instances, their bodies too), sorted.",
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          }
        },
        "provenance": {
          "description": "What made the record.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "analyzer",
            "created_at",
            "git_revision",
            "herald_version",
            "lean_toolchain",
            "model",
            "project",
            "prompt_version"
          ],
          "properties": {
            "project": {
              "description": "The Lean project's folder name, when known.",
              "type": ["string", "null"]
            },
            "git_revision": {
              "description": "The project's git commit, when it is a git checkout.",
              "type": ["string", "null"]
            },
            "lean_toolchain": {
              "description": "The project's lean-toolchain, when known.",
              "type": ["string", "null"]
            },
            "analyzer": {
              "description": "The analyzer's identity (path and SHA-256 of the executable), or where its recorded output came from.",
              "type": ["string", "null"]
            },
            "herald_version": {
              "description": "The herald version that translated the declaration.",
              "type": "string",
              "minLength": 1
            },
            "model": {
              "description": "The model that wrote the informal name and statement.",
              "type": "string",
              "minLength": 1
            },
            "prompt_version": {
              "description": "The first 16 hex digits of the SHA-256 of the prompt file used.",
              "type": "string",
              "minLength": 1
            },
            "created_at": {
              "description": "When the translation was made (ISO 8601, UTC).",
              "type": "string",
              "minLength": 20
            }
          }
        },
        "validation": {
          "description": "Verdicts of herald validate on this record (every member is always present; checks that did not run say not_run).",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "back_translation",
            "compile",
            "herald_version",
            "judge",
            "reason",
            "status",
            "validated_at"
          ],
          "properties": {
            "status": {
              "description": "passed: the formal statement compiles and a back-translation of the informal statement compiles and states the same theorem; failed: the formal statement does not compile or no back-translation states the same theorem; not_run: a check could not run (see reason).",
              "enum": [
                "passed",
                "failed",
                "not_run"
              ]
            },
            "reason": {
              "description": "Why the status is not passed, in one sentence; null when passed.",
              "type": ["string", "null"]
            },
            "compile": {
              "description": "The formal statement compiled by itself in a Lean REPL (a statement check: sorry allowed).",
              "$ref": "#/$defs/compile"
            },
            "back_translation": {
              "description": "The informal name and statement translated back into Lean by an LLM, sample by sample, each compiled and judged.",
              "type": "object",
              "additionalProperties": false,
              "required": [
                "model",
                "prompt_version",
                "samples"
              ],
              "properties": {
                "model": {
                  "description": "The back-translating model; null when none was asked (the formal statement did not compile, or its check failed).",
                  "type": ["string", "null"]
                },
                "prompt_version": {
                  "description": "The first 16 hex digits of the SHA-256 of the back-translation prompt file.",
                  "type": ["string", "null"]
                },
                "samples": {
                  "description": "The samples in the order they were asked; asking stops at the first judged same.",
                  "type": "array",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": [
                      "compile",
                      "judge_answer",
                      "judge_reason",
                      "judged_by",
                      "raw_answer",
                      "text",
                      "verdict"
                    ],
                    "properties": {
                      "text": {
                        "description": "The Lean text checked: the record's header and the model's declaration stated as an example; null when the answer held no Lean declaration.",
                        "type": ["string", "null"]
                      },
                      "raw_answer": {
                        "description": "The model's answer when it held no Lean declaration; null otherwise.",
                        "type": ["string", "null"]
                      },
                      "compile": {
                        "description": "The sample compiled with the record's header.",
                        "$ref": "#/$defs/compile"
                      },
                      "verdict": {
                        "description": "same or different (judged), unparseable (the judge gave no verdict), not_judged (did not parse or compile), not_run (the judge could not be asked).",
                        "enum": [
                          "same",
                          "different",
                          "unparseable",
                          "not_judged",
                          "not_run"
                        ]
                      },
                      "judged_by": {
                        "description": "exact when equal to the formal statement up to bound names and white space (no model asked), model when the judge decided, null when not judged.",
                        "type": ["string", "null"]
                      },
                      "judge_answer": {
                        "description": "The judge's answer on this sample, as received; null when the judge was not asked.",
                        "type": ["string", "null"]
                      },
                      "judge_reason": {
                        "description": "The judge's reasoning before its verdict (or why the exact check decided); null when there is none.",
                        "type": ["string", "null"]
                      }
                    }
                  }
                }
              }
            },
            "judge": {
              "description": "The LLM judge comparing the record's formal statement with its back-translations.",
              "type": "object",
              "additionalProperties": false,
              "required": [
                "compared",
                "model",
                "prompt_version",
                "raw",
                "reason",
                "sample",
                "verdict"
              ],
              "properties": {
                "model": {
                  "description": "The judging model; null when none was asked (the formal statement did not compile, or its check failed).",
                  "type": ["string", "null"]
                },
                "prompt_version": {
                  "description": "The first 16 hex digits of the SHA-256 of the judge prompt file.",
                  "type": ["string", "null"]
                },
                "compared": {
                  "description": "What the judge compares: the record's formal statement with each back-translation (two Lean statements).",
                  "enum": [
                    "formal_statements"
                  ]
                },
                "verdict": {
                  "description": "The verdict on the deciding sample (the first judged same, else the last judged).",
                  "enum": [
                    "same",
                    "different",
                    "unparseable",
                    "not_judged",
                    "not_run"
                  ]
                },
                "sample": {
                  "description": "The deciding sample's index in back_translation.samples; null when none was judged.",
                  "type": ["integer", "null"]
                },
                "raw": {
                  "description": "The judge's raw answer for the deciding sample.",
                  "type": ["string", "null"]
                },
                "reason": {
                  "description": "The judge's reasoning before its verdict, when it gave one.",
                  "type": ["string", "null"]
                }
              }
            },
            "herald_version": {
              "description": "The herald version that validated the record.",
              "type": "string",
              "minLength": 1
            },
            "validated_at": {
              "description": "When the verdict was made (ISO 8601, UTC); null when herald validate has not judged these texts.",
              "type": ["string", "null"]
            }
          }
        },
        "augmentation": {
          "description": "How the record was derived: an original declaration of the library, a proof state of one of its tactic proofs made a theorem (tactic), or an informal rewrite of its statement (informal). Every member is present, null where it does not apply.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "depth",
            "kind",
            "language",
            "parent",
            "parent_name",
            "step",
            "strategy"
          ],
          "properties": {
            "kind": {
              "description": "original, tactic or informal.",
              "enum": [
                "original",
                "tactic",
                "informal"
              ]
            },
            "parent": {
              "description": "The id of the parent record (the original declaration's); null for originals.",
              "type": ["string", "null"]
            },
            "parent_name": {
              "description": "The parent declaration's full Lean name; null for originals.",
              "type": ["string", "null"]
            },
            "step": {
              "description": "For a tactic state: the place of the step in the parent's proof (0 first), the state being the one before it; null otherwise.",
              "type": ["integer", "null"]
            },
            "depth": {
              "description": "For a tactic state: the step's nesting depth in the proof (0 at the top level); null otherwise.",
              "type": ["integer", "null"]
            },
            "strategy": {
              "description": "For a rewrite: equivalent, abstract, omit_implicit or translate; null otherwise.",
              "enum": [
                "equivalent",
                "abstract",
                "omit_implicit",
                "translate",
                null
              ]
            },
            "language": {
              "description": "For a rewrite: the language of the informal texts (en, or the language translated into, such as zh, fr, ru); null otherwise.",
              "type": ["string", "null"]
            }
          }
        }
      },
      "$defs": {
        "compile": {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "detail",
            "lean",
            "messages",
            "outcome"
          ],
          "properties": {
            "outcome": {
              "description": "ok, sorry (compiles with sorry warnings only), lean_error, timeout, repl_error, crashed, or not_run (no Lean REPL configured, or the check was not reached).",
              "enum": [
                "ok",
                "sorry",
                "lean_error",
                "timeout",
                "repl_error",
                "crashed",
                "not_run"
              ]
            },
            "messages": {
              "description": "Lean's messages, positioned in the checked text.",
              "type": "array",
              "items": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "column",
                  "end_column",
                  "end_line",
                  "line",
                  "severity",
                  "text"
                ],
                "properties": {
                  "severity": {
                    "description": "info, warning or error.",
                    "type": "string"
                  },
                  "line": {
                    "description": "Line in the checked text, from 1.",
                    "type": "integer"
                  },
                  "column": {
                    "description": "Column in Unicode code points, from 0.",
                    "type": "integer"
                  },
                  "end_line": {
                    "description": "End line, when Lean gave one.",
                    "type": ["integer", "null"]
                  },
                  "end_column": {
                    "description": "End column, when Lean gave one.",
                    "type": ["integer", "null"]
                  },
                  "text": {
                    "description": "The message.",
                    "type": "string"
                  }
                }
              }
            },
            "detail": {
              "description": "Why the check did not run or what went wrong with the REPL; null for Lean's own verdicts.",
              "type": ["string", "null"]
            },
            "lean": {
              "description": "The Lean setup that checked it (toolchain, REPL command, project, header policy); null when none ran.",
              "type": ["string", "null"]
            }
          }
        }
      }
    }
    """#

  /// `schemas/messages.schema.json`.
  static let messages = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:herald:schema:messages:1",
      "title": "herald chat record",
      "description": "One translation exercise as a system, user and assistant conversation: a line of the messages view's shards. Every statement record gives two, one per direction.",
      "version": 1,
      "type": "object",
      "additionalProperties": false,
      "required": ["direction", "id", "messages", "record_id"],
      "properties": {
        "id": {
          "description": "The statement record's id, a colon and the direction.",
          "type": "string",
          "minLength": 1
        },
        "record_id": {
          "description": "The id of the statement record (herald view) it comes from.",
          "type": "string",
          "minLength": 32,
          "maxLength": 32
        },
        "direction": {
          "description": "nl_to_lean: informal statement in, Lean out; lean_to_nl: Lean in, informal name and statement out.",
          "enum": ["lean_to_nl", "nl_to_lean"]
        },
        "messages": {
          "type": "array",
          "minItems": 3,
          "maxItems": 3,
          "items": {
            "$ref": "#/$defs/message"
          }
        }
      },
      "$defs": {
        "message": {
          "type": "object",
          "additionalProperties": false,
          "required": ["content", "role"],
          "properties": {
            "role": {
              "enum": ["assistant", "system", "user"]
            },
            "content": {
              "type": "string",
              "minLength": 1
            }
          }
        }
      }
    }
    """#

  /// `schemas/prompt-completion.schema.json`.
  static let promptCompletion = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:herald:schema:prompt-completion:1",
      "title": "herald prompt-completion record",
      "description": "One translation exercise as a prompt and its completion: a line of the prompt-completion view's shards. Every statement record gives two, one per direction.",
      "version": 1,
      "type": "object",
      "additionalProperties": false,
      "required": ["completion", "direction", "id", "prompt", "record_id"],
      "properties": {
        "id": {
          "description": "The statement record's id, a colon and the direction.",
          "type": "string",
          "minLength": 1
        },
        "record_id": {
          "description": "The id of the statement record (herald view) it comes from.",
          "type": "string",
          "minLength": 32,
          "maxLength": 32
        },
        "direction": {
          "description": "nl_to_lean: informal statement in, Lean out; lean_to_nl: Lean in, informal name and statement out.",
          "enum": ["lean_to_nl", "nl_to_lean"]
        },
        "prompt": {
          "description": "The instruction and the input.",
          "type": "string",
          "minLength": 1
        },
        "completion": {
          "description": "The expected answer.",
          "type": "string",
          "minLength": 1
        }
      }
    }
    """#

  /// `schemas/proof.schema.json`.
  static let proof = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:herald:schema:proof:1",
      "title": "herald proof record",
      "description": "A theorem with a tactic proof and its informal proof, step by step: a line of the proofs view's shards (the fields of the public Herald_proofs set, plus steps and provenance).",
      "version": 1,
      "type": "object",
      "additionalProperties": false,
      "required": [
        "commented_proof",
        "formal_proof",
        "formal_theorem",
        "header",
        "id",
        "informal_name",
        "informal_proof",
        "informal_theorem",
        "module",
        "name",
        "provenance",
        "record_id",
        "steps"
      ],
      "properties": {
        "id": {
          "description": "Stable across reruns: the first 32 hex digits of the SHA-256 of the record kind and the theorem's name.",
          "type": "string",
          "minLength": 32,
          "maxLength": 32
        },
        "record_id": {
          "description": "The id of the theorem's statement record (herald view).",
          "type": "string",
          "minLength": 32,
          "maxLength": 32
        },
        "name": {
          "description": "The theorem's full Lean name.",
          "type": "string",
          "minLength": 1
        },
        "module": {
          "description": "The Lean module that declares it; splits never share a module.",
          "type": "string",
          "minLength": 1
        },
        "header": {
          "description": "What a file needs before the theorem: imports, universes, open lines, namespace and variable lines (header + commented_proof, or header + formal_theorem + formal_proof, is a Lean file).",
          "type": "string"
        },
        "formal_theorem": {
          "description": "The theorem's statement, up to its proof (stated as an example when it uses earlier declarations of its own module, which the header then imports).",
          "type": "string",
          "minLength": 1
        },
        "formal_proof": {
          "description": "The proof as written, from := on.",
          "type": "string",
          "minLength": 1
        },
        "informal_name": {
          "description": "The theorem's informal name.",
          "type": "string",
          "minLength": 1
        },
        "informal_theorem": {
          "description": "The theorem's informal statement.",
          "type": "string",
          "minLength": 1
        },
        "informal_proof": {
          "description": "The proof in natural language with LaTeX, merged from the steps' explanations.",
          "type": "string",
          "minLength": 1
        },
        "commented_proof": {
          "description": "The theorem with its proof, each step's explanation a -- comment on the line above it.",
          "type": "string",
          "minLength": 1
        },
        "steps": {
          "description": "The proof's tactic steps in order, each with its explanation.",
          "type": "array",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["depth", "explanation", "ord", "tactic"],
            "properties": {
              "ord": {
                "description": "The step's place in the proof, from 0.",
                "type": "integer"
              },
              "depth": {
                "description": "Its nesting depth (0 at the top level).",
                "type": "integer"
              },
              "tactic": {
                "description": "The tactic as written.",
                "type": "string"
              },
              "explanation": {
                "description": "What the step does, in natural language.",
                "type": "string"
              }
            }
          }
        },
        "provenance": {
          "description": "What made the record.",
          "type": "object",
          "additionalProperties": false,
          "required": ["created_at", "herald_version", "lean_toolchain", "model", "project", "prompt_version"],
          "properties": {
            "project": {
              "description": "The Lean project's folder name, when known.",
              "type": ["string", "null"]
            },
            "lean_toolchain": {
              "description": "The project's lean-toolchain, when known.",
              "type": ["string", "null"]
            },
            "herald_version": {
              "description": "The herald version that explained the proof.",
              "type": "string",
              "minLength": 1
            },
            "model": {
              "description": "The model that explained the proof.",
              "type": "string",
              "minLength": 1
            },
            "prompt_version": {
              "description": "The versions of the proof prompt and the tactic guide.",
              "type": "string",
              "minLength": 1
            },
            "created_at": {
              "description": "When the explanation was made (ISO 8601, UTC).",
              "type": "string",
              "minLength": 20
            }
          }
        }
      }
    }
    """#
}
