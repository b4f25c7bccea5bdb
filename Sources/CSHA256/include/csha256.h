#ifndef HERALD_CSHA256_H
#define HERALD_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the x86 SHA extensions (with SSSE3 and SSE4.1), else 0; checked once.
int herald_sha256_hardware(void);

/// Compresses `blocks` consecutive 64-byte blocks at `data` into `state` (the words a..h) with the
/// SHA extensions. Call only when `herald_sha256_hardware()` returned 1.
void herald_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
