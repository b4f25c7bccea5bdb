import Foundation
import HeraldCLI
import ProcessRunner

ProcessMemory.tuneAllocator()
let interruptSources = Subprocess.installInterruptHandler { _ in
  FileHandle.standardError.write(
    Data(
      "\ninterrupted: everything already written (modules, translations) is saved; rerun the same command to resume.\n"
        .utf8))
}
let status = await HeraldMain.main()
withExtendedLifetime(interruptSources) {}
// No child (a model server, a hung analyzer) outlives herald.
Subprocess.stopAllChildren()
exit(status)
