import CProcess

/// Process-wide memory settings for a program that reads, parses and frees many
/// multi-megabyte buffers and then switches to a different working set.
public enum ProcessMemory {
  /// Keeps freed buffers in the heap for reuse (see `herald_tune_allocator`).
  public static func tuneAllocator() {
    _ = herald_tune_allocator()
  }

  /// Hands the heap's free memory back to the kernel, so the next phase starts from what it
  /// really uses instead of the previous phase's high-water mark.
  public static func releaseFreeMemory() {
    herald_release_free_memory()
  }
}
