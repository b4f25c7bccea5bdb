import Foundation
import HeraldCLI
import HeraldCore
import ProcessRunner
import Synchronization

ProcessMemory.tuneAllocator()
// Ctrl-C during a stage that keeps results in memory (translate writes answers, outcomes and
// index documents in batches) cancels the command, which writes them and returns; a second
// Ctrl-C, or 10 s, ends it at once. Elsewhere it ends herald at once (work is committed as it goes).
let command = Task { await HeraldMain.main() }
let interruption = Atomic<Int32>(0)
let interruptSources = Subprocess.installInterruptHandler(
  stop: { signalNumber in
    guard GracefulStop.isWanted else { return false }
    interruption.store(signalNumber, ordering: .sequentiallyConsistent)
    command.cancel()
    return true
  },
  onInterrupt: { _ in
    FileHandle.standardError.write(
      Data(
        "\ninterrupted: writing what is finished (modules, translations); rerun the same command to resume.\n"
          .utf8))
  })
let status = await command.value
withExtendedLifetime(interruptSources) {}
// No child (a model server, a hung analyzer) outlives herald.
Subprocess.stopAllChildren()
let signalNumber = interruption.load(ordering: .sequentiallyConsistent)
exit(signalNumber != 0 ? 128 + signalNumber : status)
