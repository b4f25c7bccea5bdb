// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "herald",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "herald", targets: ["herald"]),
    .executable(name: "fake-jixia", targets: ["FakeAnalyzer"]),
    .executable(name: "fake-llm", targets: ["FakeLLM"]),
    .executable(name: "fake-repl", targets: ["FakeREPL"]),
    .executable(name: "section-parse", targets: ["SectionParse"]),
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .target(name: "CProcess"),
    .target(name: "CSHA256"),
    .target(name: "HeraldCore", dependencies: ["CSHA256"]),
    .target(name: "ProcessRunner", dependencies: ["CProcess"]),
    .target(name: "Storage", dependencies: ["CSQLite", "HeraldCore"]),
    .target(name: "Extraction", dependencies: ["Storage", "HeraldCore", "ProcessRunner"]),
    .target(name: "LLM", dependencies: ["HeraldCore", "Storage", "ProcessRunner"]),
    .target(name: "Retrieval", dependencies: ["HeraldCore", "Storage"]),
    .target(name: "Translation", dependencies: ["Storage", "HeraldCore", "LLM", "Retrieval", "Extraction"]),
    .target(name: "Records", dependencies: ["Storage", "HeraldCore"]),
    .target(name: "Export", dependencies: ["Records", "Storage", "HeraldCore"]),
    .target(name: "LeanREPL", dependencies: ["HeraldCore", "ProcessRunner", "Records", "Storage"]),
    .target(name: "Validation", dependencies: ["Records", "LLM", "LeanREPL", "Storage", "HeraldCore"]),
    .target(name: "Augmentation", dependencies: ["Records", "LLM", "LeanREPL", "Storage", "HeraldCore"]),
    .target(name: "Sections", dependencies: ["CLibXML2", "HeraldCore"]),
    .executableTarget(name: "SectionParse", dependencies: ["Sections"]),
    .target(
      name: "Formalization",
      dependencies: ["Sections", "LLM", "LeanREPL", "Records", "Retrieval", "HeraldCore"]),
    .target(
      name: "HeraldCLI",
      dependencies: [
        "Extraction", "Storage", "HeraldCore", "LLM", "Translation", "Records", "Export", "LeanREPL", "Validation",
        "Augmentation", "Sections", "Formalization", "Retrieval",
      ]),
    .executableTarget(name: "herald", dependencies: ["HeraldCLI", "HeraldCore", "ProcessRunner"]),
    .executableTarget(name: "FakeAnalyzer"),
    .target(name: "LoopbackHTTP"),
    .executableTarget(name: "FakeLLM", dependencies: ["LoopbackHTTP"]),
    .executableTarget(name: "FakeREPL"),
    .target(
      name: "HeraldTestSupport",
      dependencies: ["Extraction", "Records", "Storage", "HeraldCore", "LLM", "LoopbackHTTP"]),
    .testTarget(name: "HeraldCoreTests", dependencies: ["HeraldCore"]),
    .testTarget(name: "StorageTests", dependencies: ["Storage", "HeraldCore"]),
    .testTarget(
      name: "ExtractionTests",
      dependencies: ["Extraction", "Storage", "HeraldCore", "FakeAnalyzer"]
    ),
    .testTarget(
      name: "HeraldCLITests",
      dependencies: [
        "HeraldCLI", "herald", "FakeAnalyzer", "FakeREPL", "CSQLite", "LoopbackHTTP", "Storage", "HeraldCore",
        "LeanREPL", "HeraldTestSupport",
      ]),
    .testTarget(name: "LLMTests", dependencies: ["LLM", "Storage", "HeraldCore", "ProcessRunner", "LoopbackHTTP"]),
    .testTarget(name: "RetrievalTests", dependencies: ["Retrieval", "Storage"]),
    .testTarget(
      name: "TranslationTests",
      dependencies: [
        "Translation", "Extraction", "Storage", "HeraldCore", "LLM", "Retrieval", "LoopbackHTTP", "HeraldTestSupport",
      ],
      exclude: ["Golden"]),
    .testTarget(
      name: "ExportTests",
      dependencies: ["Export", "Records", "Extraction", "Storage", "HeraldCore", "Translation", "HeraldTestSupport"]),
    .testTarget(name: "RecordsTests", dependencies: ["Records", "Storage", "HeraldCore"]),
    .testTarget(
      name: "ValidationTests",
      dependencies: [
        "Validation", "Records", "LLM", "LeanREPL", "Storage", "HeraldCore", "Extraction", "LoopbackHTTP",
        "HeraldTestSupport", "FakeREPL",
      ]),
    .testTarget(
      name: "AugmentationTests",
      dependencies: [
        "Augmentation", "Records", "Extraction", "Storage", "HeraldCore", "HeraldTestSupport", "LLM", "LeanREPL",
        "LoopbackHTTP", "Translation", "Export", "FakeREPL",
      ]),
    .testTarget(
      name: "FormalizationTests",
      dependencies: [
        "Formalization", "Sections", "LLM", "LeanREPL", "Records", "Retrieval", "LoopbackHTTP", "HeraldTestSupport",
        "FakeREPL",
      ]),
    .testTarget(name: "ProcessRunnerTests", dependencies: ["ProcessRunner"]),
    .testTarget(name: "LeanREPLTests", dependencies: ["LeanREPL", "ProcessRunner", "HeraldCore", "FakeREPL"]),
    .testTarget(name: "SectionsTests", dependencies: ["Sections"], exclude: ["Golden"]),
    .testTarget(name: "SystemLibraryTests", dependencies: ["CLibXML2", "CSQLite"]),
  ],
  swiftLanguageModes: [.v6]
)
