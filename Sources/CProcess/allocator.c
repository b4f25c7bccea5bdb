#include <malloc.h>
#include <stdlib.h>

#include "herald_spawn.h"

int herald_tune_allocator(void) {
  // Analyzer files are read, parsed and freed one after another; with glibc's defaults every
  // buffer above 128 KiB is a new mapping, and two decoding threads spend most of their time
  // in page faults. Reusing heap memory costs a little resident size and saves that time.
  int ok = mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  ok &= mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  // One arena: malloc_trim releases the free chunks of every arena but the free top of the main
  // arena only, so with per-thread arenas tens of megabytes that ingestion freed at their tops
  // stayed resident through the graph pass (and peak RSS grew with the largest module). Small
  // allocations of the decoding threads are served by their own tcache; CPU time is unchanged.
  // glibc's own MALLOC_ARENA_MAX, when set, is left to decide (for measuring the trade-off).
  if (getenv("MALLOC_ARENA_MAX") == NULL) ok &= mallopt(M_ARENA_MAX, 1);
  return ok;
}

void herald_release_free_memory(void) { malloc_trim(0); }
