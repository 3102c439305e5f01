/*
** fuzz_docnum.c — libFuzzer target for the instrument-number parser:
** vp_docnum_next over the whole input, and vp_docnum_at at every digit that
** starts a number, checking spans, progress and NUL-terminated fields.
*/
#include "fuzz.h"
#include "vp_docnum.h"

#include <string.h>

static void check_docnum(const vp_docnum *d, int iFrom, int n) {
  FUZZ_ASSERT(d->iStart >= iFrom && d->iStart < d->iEnd && d->iEnd <= n,
              "number span");
  FUZZ_ASSERT(memchr(d->zNumber, 0, sizeof(d->zNumber)) != NULL, "zNumber NUL");
  FUZZ_ASSERT(memchr(d->zType, 0, sizeof(d->zType)) != NULL, "zType NUL");
  FUZZ_ASSERT(memchr(d->zIssuer, 0, sizeof(d->zIssuer)) != NULL, "zIssuer NUL");
  FUZZ_ASSERT(memchr(d->zKey, 0, sizeof(d->zKey)) != NULL, "zKey NUL");
  FUZZ_ASSERT(memchr(d->zToken, 0, sizeof(d->zToken)) != NULL, "zToken NUL");
  FUZZ_ASSERT(d->zKey[0] != 0 && d->zToken[0] != 0, "key and token set");
  for (const char *z = d->zToken; *z; z++)
    FUZZ_ASSERT(!(*z >= 'A' && *z <= 'Z'), "zToken lowercase");
  (void)vp_docnum_is_local(d);
}

static int is_alnum_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c >= 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  if (nData > (1 << 20)) return 0;
  int n = (int)nData;
  char *z = fuzz_copy(aData, nData);
  if (!z) return 0;
  vp_docnum d;
  int i = 0;
  while (i < n && vp_docnum_next(z, n, i, &d)) {
    check_docnum(&d, i, n);
    i = d.iEnd;
  }
  for (i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') continue;
    if (i > 0 && is_alnum_byte((unsigned char)z[i - 1])) continue;
    if (vp_docnum_at(z, n, i, &d)) {
      check_docnum(&d, i, n);
      FUZZ_ASSERT(d.iStart == i, "vp_docnum_at starts at i");
    }
  }
  free(z);
  return 0;
}
