/* norm.c — STUB: Vietnamese word normalization (being written) */
#include "vp_norm.h"
#include <string.h>
void vp_norm_init(void) {}
int vp_utf8_decode(const unsigned char *z, int n, int *pCp) { (void)n; *pCp = z[0]; return 1; }
int vp_norm_is_word_cp(int cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp >= 0x80; }
int vp_norm_word(const char *z, int n, char *zExact, int nExact, char *zFold, int nFold, int *pnFold, int *pbAscii) {
  if (n > nExact || n > nFold) return -1;
  memcpy(zExact, z, (size_t)n); memcpy(zFold, z, (size_t)n); *pnFold = n; *pbAscii = 1; return n;
}
