/// The texts of `schemas/*.schema.json`, compiled into herald so that an installed binary needs no
/// data files; a test checks that they equal the files byte for byte.
enum BundledSchemas {
  /// `schemas/statement.schema.json`.
  static let statement = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "urn:herald:schema:statement:1",
      "title": "herald statement record",
      "description": "One declaration of a Lean library with its informal name and statement: a line of the herald view's shards.",
      "version": 1,
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
          "description": "Stable across reruns: the first 32 hex digits of the SHA-256 of the record kind, augmentation kind and formal name.",
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
          "description": "The declaration's full Lean name.",
          "type": "string",
          "minLength": 1
        },
        "formal_statement": {
          "description": "A Lean file that stands alone: imports, universes, open lines, namespace, variable lines, then the declaration (theorems end with := sorry).",
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
          "description": "Verdicts of the validation stage (compile, back-translation); empty until that stage exists.",
          "type": "object"
        },
        "augmentation": {
          "description": "How the record was derived: original for a declaration of the library itself.",
          "type": "object",
          "additionalProperties": false,
          "required": ["kind"],
          "properties": {
            "kind": {
              "enum": ["original"]
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
}
