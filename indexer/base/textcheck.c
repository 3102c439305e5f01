/*
** textcheck.c — refuses buffers that are not readable plans: empty, binary
** (NUL bytes) or invalid UTF-8 (see vp_textcheck.h). Not for decoding text.
*/
#include "vp_textcheck.h"

#include "vp_common.h"

/* Length of the valid UTF-8 sequence at z[0..n), 0 if invalid (overlong,
** surrogate, above U+10FFFF, truncated). */
static int utf8_seq_len(const unsigned char *z, size_t n) {
  unsigned c = z[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  int nb = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (nb == 0 || (size_t)nb > n) return 0;
  for (int i = 1; i < nb; i++)
    if ((z[i] & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && z[1] < 0xA0) return 0; /* overlong */
  if (c == 0xED && z[1] >= 0xA0) return 0; /* surrogate */
  if (c == 0xF0 && z[1] < 0x90) return 0; /* overlong */
  if (c == 0xF4 && z[1] >= 0x90) return 0; /* > U+10FFFF */
  return nb;
}

int vp_text_check(const char *z, size_t n, char **pzErr) {
  const unsigned char *u = (const unsigned char *)z;
  size_t i = (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ? 3 : 0;
  size_t nText = 0;
  for (size_t k = i; k < n; k++) {
    if (u[k] == 0) {
      *pzErr = vp_mprintf("binary file (NUL byte at offset %zu)", k);
      return VP_EINPUT;
    }
    if (u[k] > ' ') nText++;
  }
  if (nText == 0) {
    *pzErr = vp_mprintf("empty file (no text)");
    return VP_EINPUT;
  }
  while (i < n) {
    int nb = utf8_seq_len(u + i, n - i);
    if (nb == 0) {
      *pzErr = vp_mprintf("invalid UTF-8 at byte offset %zu", i);
      return VP_EINPUT;
    }
    i += (size_t)nb;
  }
  return VP_OK;
}
