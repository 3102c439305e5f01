/*
** fuzz.h — what every libFuzzer target in tests/fuzz/ shares: the entry
** point's prototype and an invariant check that aborts with a message (so
** libFuzzer and the replayer both report it as a crash with a stack).
** Not for unit tests (tests/vp_test.h).
*/
#ifndef VP_FUZZ_H
#define VP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData);

#define FUZZ_ASSERT(cond, what)                                              \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "fuzz invariant broken: %s (%s) at %s:%d\n", (what),   \
              #cond, __FILE__, __LINE__);                                    \
      abort();                                                               \
    }                                                                        \
  } while (0)

/* A malloc'd copy of the input of exactly nData bytes (no terminator), so
** that ASan catches any read past the end. */
static inline char *fuzz_copy(const uint8_t *aData, size_t nData) {
  char *z = malloc(nData ? nData : 1);
  if (z) for (size_t i = 0; i < nData; i++) z[i] = (char)aData[i];
  return z;
}

/* The same, NUL-terminated (nData + 1 bytes). */
static inline char *fuzz_cstr(const uint8_t *aData, size_t nData) {
  char *z = malloc(nData + 1);
  if (z) {
    for (size_t i = 0; i < nData; i++) z[i] = (char)aData[i];
    z[nData] = 0;
  }
  return z;
}

#endif /* VP_FUZZ_H */
