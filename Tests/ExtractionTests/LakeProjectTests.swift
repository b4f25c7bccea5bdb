import Foundation
import Testing

@testable import Extraction

/// Module discovery from lakefiles, imports and folder walks.
@Suite struct LakeProjectTests {
  private func project(_ files: [String: String]) throws -> URL {
    let root = TestSupport.temporaryDirectory("project")
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func followsLocalImportsFromTheRootsOfALakefileToml() throws {
    let root = try project([
      "lean-toolchain": "leanprover/lean4:v4.19.0\n",
      "lakefile.toml": """
      name = "demo"
      defaultTargets = ["Demo"]

      [leanOptions]
      autoImplicit = false  # comment
      pp.unicode.fun = true

      [[lean_lib]]
      name = "Demo"
      """,
      "Demo.lean": "import Demo.A\nimport Demo.B\n",
      "Demo/A.lean": "/- header -/\nimport Init\nimport Demo.Deep.C\n\n/-! docs -/\ndef a := 1\n",
      "Demo/B.lean": "prelude\nimport Demo.A\n",
      "Demo/Deep/C.lean": "def c := 2\n",
      "Demo/Orphan.lean": "def o := 3\n",
      ".lake/packages/x/X.lean": "def x := 0\n",
    ])
    let loaded = try LakeProject.load(root: root)
    #expect(loaded.toolchain == "leanprover/lean4:v4.19.0")
    #expect(loaded.discoveredBy == "lakefile.toml")
    #expect(loaded.leanOptions == ["-DautoImplicit=false", "-Dpp.unicode.fun=true"])
    #expect(loaded.modules.map(\.name) == ["Demo", "Demo.A", "Demo.B", "Demo.Deep.C"])
    #expect(loaded.modules.map(\.path) == ["Demo.lean", "Demo/A.lean", "Demo/B.lean", "Demo/Deep/C.lean"])
  }

  @Test func readsGlobsSourceFoldersAndOptionsOfALakefileLean() throws {
    let root = try project([
      "lakefile.lean": """
      import Lake
      open Lake DSL

      package «demo» where
        leanOptions := #[⟨`autoImplicit, false⟩, ⟨`relaxedAutoImplicit, false⟩]

      @[default_target]
      lean_lib «Demo» where
        srcDir := "src"
        globs := #[.submodules `Demo.Extra, `Demo]
      """,
      "src/Demo.lean": "import Demo.A\n",
      "src/Demo/A.lean": "def a := 1\n",
      "src/Demo/Extra/One.lean": "def one := 1\n",
      "src/Demo/Extra/Two/Three.lean": "def three := 3\n",
      "src/Demo/Unused.lean": "def u := 0\n",
    ])
    let loaded = try LakeProject.load(root: root)
    #expect(loaded.discoveredBy == "lakefile.lean")
    #expect(loaded.leanOptions == ["-DautoImplicit=false", "-DrelaxedAutoImplicit=false"])
    #expect(loaded.modules.map(\.name) == ["Demo", "Demo.A", "Demo.Extra.One", "Demo.Extra.Two.Three"])
    #expect(loaded.modules.first?.path == "src/Demo.lean")
  }

  @Test func resolvesMathlibsNamedOptionArrayAndUnwrapsValues() throws {
    let root = try project([
      "lakefile.lean": """
      import Lake
      open Lake DSL

      abbrev mathlibLeanOptions := #[
          ⟨`pp.unicode.fun, true⟩, -- pretty-prints `fun a ↦ b`
          ⟨`autoImplicit, false⟩,
          ⟨`maxSynthPendingDepth, .ofNat 3⟩
        ] ++ -- options that are used in `lake build`
          #[⟨`linter.style.header, true⟩]

      package mathlib where
        testDriver := "MathlibTest"

      @[default_target]
      lean_lib Mathlib where
        leanOptions := mathlibLeanOptions
        moreServerOptions := mathlibLeanOptions
      """,
      "Mathlib.lean": "import Mathlib.Logic.Basic\n",
      "Mathlib/Logic/Basic.lean": "theorem t : True := trivial\n",
    ])
    let loaded = try LakeProject.load(root: root)
    #expect(
      loaded.leanOptions == [
        "-Dpp.unicode.fun=true", "-DautoImplicit=false", "-DmaxSynthPendingDepth=3", "-Dlinter.style.header=true",
      ])
    #expect(loaded.modules.map(\.name) == ["Mathlib", "Mathlib.Logic.Basic"])
  }

  @Test func importsThatAreNotModuleNamesNeverBecomePaths() throws {
    let root = try project([
      "lakefile.toml": "name = \"demo\"\n[[lean_lib]]\nname = \"Demo\"\n",
      "Demo.lean": "import ../../../escaped\nimport Demo.A -- see also Demo.B\nimport .hidden\n",
      "Demo/A.lean": "def a := 1\n",
      "Demo/B.lean": "def b := 1\n",
      "escaped.lean": "def e := 0\n",
    ])
    let loaded = try LakeProject.load(root: root)
    #expect(loaded.modules.map(\.name) == ["Demo", "Demo.A"])
    #expect(loaded.modules.allSatisfy { !$0.path.contains("..") && !$0.path.hasPrefix("/") })
  }

  @Test func walksEveryLeanFileWhenThereIsNoLakefile() throws {
    let root = try project([
      "Top.lean": "def t := 1\n", "Sub/Inner.lean": "def i := 1\n", ".lake/build/Gen.lean": "",
      ".hidden/H.lean": "",
    ])
    let loaded = try LakeProject.load(root: root)
    #expect(loaded.discoveredBy == "a walk of *.lean files")
    #expect(loaded.toolchain == nil)
    #expect(loaded.modules.map(\.name) == ["Sub.Inner", "Top"])
  }

  @Test(arguments: [
    ("import A\nimport B.C D\n\ndef x := 1\nimport Late\n", ["A", "B.C", "D"]),
    ("/-\nimport Commented\n-/\nmodule\npublic import Pub\nimport all Everything\n", ["Pub", "Everything"]),
    ("-- import No\nimport «Weird».Name\n/-! doc -/\nimport After\n", ["Weird.Name"]),
  ])
  func scansOnlyTheHeadersImports(text: String, expected: [String]) {
    #expect(ImportScanner.imports(of: text) == expected)
  }

  @Test func aMissingProjectIsASetupError() {
    #expect(throws: ExtractionError.projectNotFound(path: "/nonexistent/herald/project")) {
      _ = try LakeProject.load(root: URL(fileURLWithPath: "/nonexistent/herald/project"))
    }
  }

  @Test func modulePrefixesMatchWholeComponents() {
    var options = ExtractOptions(input: .project(root: "."), database: "x")
    options.modulePrefixes = ["Mathlib.Algebra"]
    #expect(options.selects("Mathlib.Algebra"))
    #expect(options.selects("Mathlib.Algebra.Group.Basic"))
    #expect(!options.selects("Mathlib.AlgebraicGeometry.Scheme"))
    #expect(!options.selects("Mathlib.Order"))
  }
}
