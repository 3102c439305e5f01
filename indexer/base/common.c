/*
** common.c — error strings, the growable buffer and file reading used by all
** modules (see vp_common.h). Nothing domain-specific lives here.
*/
#include "vp_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

char *vp_vmprintf(const char *zFmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, zFmt, ap2);
  va_end(ap2);
  if (n < 0) return NULL;
  char *z = malloc((size_t)n + 1);
  if (z) vsnprintf(z, (size_t)n + 1, zFmt, ap);
  return z;
}

char *vp_mprintf(const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char *z = vp_vmprintf(zFmt, ap);
  va_end(ap);
  return z;
}

char *vp_strndup(const char *z, int n) {
  if (z == NULL) return NULL;
  if (n < 0) n = (int)strlen(z);
  char *zOut = malloc((size_t)n + 1);
  if (zOut) {
    memcpy(zOut, z, (size_t)n);
    zOut[n] = 0;
  }
  return zOut;
}

static int buf_reserve(vp_buf *p, size_t nMore) {
  if (p->n + nMore + 1 <= p->nAlloc) return VP_OK;
  size_t nNew = p->nAlloc ? p->nAlloc * 2 : 64;
  while (nNew < p->n + nMore + 1) nNew *= 2;
  char *zNew = realloc(p->z, nNew);
  if (zNew == NULL) return VP_ENOMEM;
  p->z = zNew;
  p->nAlloc = nNew;
  return VP_OK;
}

void vp_buf_append(vp_buf *p, const char *z, size_t n, int *pRc) {
  if (*pRc != VP_OK) return;
  if (buf_reserve(p, n) != VP_OK) {
    *pRc = VP_ENOMEM;
    return;
  }
  if (n) memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void vp_buf_appends(vp_buf *p, const char *z, int *pRc) {
  vp_buf_append(p, z, strlen(z), pRc);
}

void vp_buf_appendf(vp_buf *p, int *pRc, const char *zFmt, ...) {
  if (*pRc != VP_OK) return;
  va_list ap;
  va_start(ap, zFmt);
  char *z = vp_vmprintf(zFmt, ap);
  va_end(ap);
  if (z == NULL) {
    *pRc = VP_ENOMEM;
    return;
  }
  vp_buf_appends(p, z, pRc);
  free(z);
}

char *vp_buf_take(vp_buf *p) {
  char *z = p->z;
  if (z == NULL) z = vp_strndup("", 0);
  p->z = NULL;
  p->n = p->nAlloc = 0;
  return z;
}

void vp_buf_reset(vp_buf *p) {
  p->n = 0;
  if (p->z) p->z[0] = 0;
}

void vp_buf_free(vp_buf *p) {
  free(p->z);
  p->z = NULL;
  p->n = p->nAlloc = 0;
}

int vp_read_file(const char *zPath, size_t nMax, char **pzBuf, size_t *pnBuf,
                 char **pzErr) {
  *pzBuf = NULL;
  *pnBuf = 0;
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) {
    *pzErr = vp_mprintf("cannot open: %s", strerror(errno));
    return VP_EIO;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    *pzErr = vp_mprintf("not a regular file");
    return VP_EINPUT;
  }
  if ((size_t)st.st_size > nMax) {
    fclose(f);
    *pzErr = vp_mprintf("file is %lld bytes, over the limit of %zu",
                        (long long)st.st_size, nMax);
    return VP_EINPUT;
  }
  size_t nAlloc = (size_t)st.st_size + 1;
  char *z = malloc(nAlloc);
  if (z == NULL) {
    fclose(f);
    return VP_ENOMEM;
  }
  size_t n = fread(z, 1, (size_t)st.st_size, f);
  int bErr = ferror(f);
  fclose(f);
  if (bErr) {
    free(z);
    *pzErr = vp_mprintf("read error");
    return VP_EIO;
  }
  z[n] = 0;
  *pzBuf = z;
  *pnBuf = n;
  return VP_OK;
}

double vp_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}
