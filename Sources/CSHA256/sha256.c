// SHA-256 block compression with the x86 SHA extensions (SHA-NI). herald hashes every file it
// writes (manifests list SHA-256 per shard); the instructions make that about six times faster
// than the portable Swift code, which remains the path on other CPUs.
#include "csha256.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>

int herald_sha256_hardware(void) {
  static int known = -1;
  if (known < 0) {
    unsigned int eax, ebx, ecx, edx;
    int ssse3_sse41 = 0, sha = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) ssse3_sse41 = (ecx & (1u << 9)) && (ecx & (1u << 19));
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) sha = (ebx & (1u << 29)) != 0;
    known = ssse3_sse41 && sha;
  }
  return known;
}

// FIPS 180-4 section 4.2.2: fractional parts of the cube roots of the first 64 primes.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

__attribute__((target("sha,ssse3,sse4.1")))
void herald_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
  // Big-endian message words: reverse the bytes of each 32-bit lane.
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  // The rounds instruction keeps the state as two vectors, {A, B, E, F} and {C, D, G, H}
  // (highest lane first).
  __m128i low = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);  // b a d c
  __m128i high = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // h g f e
  __m128i abef = _mm_alignr_epi8(low, high, 8);
  __m128i cdgh = _mm_blend_epi16(high, low, 0xF0);

  for (size_t block = 0; block < blocks; block++, data += 64) {
    const __m128i saved_abef = abef, saved_cdgh = cdgh;
    __m128i words[4];
    for (int i = 0; i < 4; i++) {
      words[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), byte_swap);
    }
    // Sixteen groups of four rounds; from the fifth on, each group's words come from the four
    // groups before it (W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]).
    for (int group = 0; group < 16; group++) {
      if (group >= 4) {
        __m128i *oldest = &words[group % 4];
        const __m128i second = words[(group + 1) % 4], third = words[(group + 2) % 4], last = words[(group + 3) % 4];
        __m128i next = _mm_sha256msg1_epu32(*oldest, second);
        next = _mm_add_epi32(next, _mm_alignr_epi8(last, third, 4));
        *oldest = _mm_sha256msg2_epu32(next, last);
      }
      const __m128i sums =
          _mm_add_epi32(words[group % 4], _mm_load_si128((const __m128i *)&round_constants[4 * group]));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, sums);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(sums, 0x0E));
    }
    abef = _mm_add_epi32(abef, saved_abef);
    cdgh = _mm_add_epi32(cdgh, saved_cdgh);
  }

  const __m128i abef_ordered = _mm_shuffle_epi32(abef, 0x1B); // a b e f (lowest lane first)
  const __m128i cdgh_ordered = _mm_shuffle_epi32(cdgh, 0xB1); // g h c d
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(abef_ordered, cdgh_ordered, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh_ordered, abef_ordered, 8));
}

#else

int herald_sha256_hardware(void) { return 0; }

void herald_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
  (void)state;
  (void)data;
  (void)blocks;
}

#endif
