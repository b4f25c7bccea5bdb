import Foundation

/// A Lake project on disk: its toolchain, library roots, options and modules.
public struct LakeProject: Sendable {
  /// One module to analyze.
  public struct Module: Sendable, Hashable {
    /// Dotted module name.
    public var name: String
    /// Source path relative to the project root.
    public var path: String
  }

  /// The project root (holding the lakefile).
  public var root: URL
  /// The content of `lean-toolchain`, or `nil` when the file is missing.
  public var toolchain: String?
  /// `-Dkey=value` options mirroring the package's `leanOptions`.
  public var leanOptions: [String]
  /// Modules, sorted by name.
  public var modules: [Module]
  /// How the modules were found (`lakefile.toml`, `lakefile.lean`, or a walk of `*.lean`).
  public var discoveredBy: String

  /// Reads the project at `root`.
  public static func load(root: URL) throws(ExtractionError) -> LakeProject {
    let fileManager = FileManager.default
    var isDirectory: ObjCBool = false
    guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .projectNotFound(path: root.path)
    }
    let toolchain = (try? String(contentsOf: root.appendingPathComponent("lean-toolchain"), encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines)
    var libraries: [LakefileParser.Library] = []
    var options: [String] = []
    var discoveredBy = "a walk of *.lean files"
    if let toml = try? String(contentsOf: root.appendingPathComponent("lakefile.toml"), encoding: .utf8) {
      (libraries, options) = LakefileParser.parseTOML(toml)
      discoveredBy = "lakefile.toml"
    } else if let lean = try? String(contentsOf: root.appendingPathComponent("lakefile.lean"), encoding: .utf8) {
      (libraries, options) = LakefileParser.parseLean(lean)
      discoveredBy = "lakefile.lean"
    }
    var modules: [Module] = []
    if !libraries.isEmpty {
      modules = collect(libraries, root: root)
    }
    if modules.isEmpty {
      modules = walk(root: root, relative: "")
      discoveredBy = "a walk of *.lean files"
    }
    var unique: [String: Module] = [:]
    for module in modules { unique[module.name] = module }
    return LakeProject(
      root: root, toolchain: toolchain, leanOptions: options,
      modules: unique.values.sorted { $0.name < $1.name }, discoveredBy: discoveredBy)
  }

  /// The modules of each library: roots and their local import closure, plus glob matches.
  private static func collect(_ libraries: [LakefileParser.Library], root: URL) -> [Module] {
    var result: [Module] = []
    for library in libraries {
      let sourceRoot =
        library.sourceDirectory.isEmpty || library.sourceDirectory == "."
        ? "" : library.sourceDirectory.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/"
      var queue: [String] = []
      for glob in library.globs {
        switch glob {
        case .one(let name): queue.append(name)
        case .submodules(let name), .andSubmodules(let name):
          if case .andSubmodules = glob { queue.append(name) }
          let directory = sourceRoot + name.replacingOccurrences(of: ".", with: "/")
          for module in walk(root: root, relative: directory) {
            queue.append(sourceRoot.isEmpty ? module.name : String(module.name.dropFirst(dotted(sourceRoot).count)))
          }
        }
      }
      var seen: Set<String> = []
      while let name = queue.popLast() {
        guard ImportScanner.isModuleName(name), seen.insert(name).inserted else { continue }
        let path = sourceRoot + name.replacingOccurrences(of: ".", with: "/") + ".lean"
        guard let text = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else { continue }
        result.append(Module(name: name, path: path))
        queue.append(contentsOf: ImportScanner.imports(of: text))
      }
    }
    return result
  }

  private static func dotted(_ directory: String) -> String {
    directory.replacingOccurrences(of: "/", with: ".")
  }

  /// Every `*.lean` file below `relative`, outside `.lake` and hidden folders.
  static func walk(root: URL, relative: String) -> [Module] {
    let base = relative.isEmpty ? root : root.appendingPathComponent(relative)
    guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var modules: [Module] = []
    while let item = enumerator.nextObject() as? String {
      let components = item.split(separator: "/")
      if components.contains(where: { $0.hasPrefix(".") }) { continue }
      guard item.hasSuffix(".lean") else { continue }
      if relative.isEmpty, components.count == 1, item == "lakefile.lean" { continue }
      let path = relative.isEmpty ? item : relative + "/" + item
      let name = String(path.dropLast(5)).replacingOccurrences(of: "/", with: ".")
      modules.append(Module(name: name, path: path))
    }
    return modules
  }
}
