/*
** vp_test_zip.h — for the unit tests of the zipped formats (test_format_docx,
** test_format_odt): a zip built in memory from named parts with libzip (a
** part named "mimetype" stored uncompressed, as OpenDocument wants), and a
** hostile file's refusal checked.
*/
#ifndef VP_TEST_ZIP_H
#define VP_TEST_ZIP_H

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include <stdio.h>

#include "vp_common.h"
#include "vp_format.h"
#include "vp_test.h"

/* A zip of nPart parts (azName[i], azData[i], anData[i]; anData[i] 0:
** strlen; a NULL name is left out) as malloc'd bytes, *pn long; NULL on
** failure. */
static inline char *vp_test_zip(size_t *pn, int nPart, const char *const *azName,
                                const char *const *azData, const size_t *anData) {
  char zPath[] = "/tmp/vp_zip_XXXXXX";
  int fd = mkstemp(zPath);
  if (fd < 0) return NULL;
  close(fd);
  int err = 0;
  zip_t *za = zip_open(zPath, ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == NULL) return NULL;
  for (int i = 0; i < nPart; i++) {
    if (azName[i] == NULL) continue;
    size_t n = anData[i] ? anData[i] : strlen(azData[i]);
    zip_source_t *s = zip_source_buffer(za, azData[i], n, 0);
    zip_int64_t k = s ? zip_file_add(za, azName[i], s, ZIP_FL_ENC_UTF_8) : -1;
    if (k < 0) {
      zip_source_free(s);
      zip_discard(za);
      unlink(zPath);
      return NULL;
    }
    if (strcmp(azName[i], "mimetype") == 0) zip_set_file_compression(za, (zip_uint64_t)k, ZIP_CM_STORE, 0);
  }
  char *zOut = NULL, *zErr = NULL;
  if (zip_close(za) == 0) vp_read_file(zPath, (size_t)1 << 30, &zOut, pn, &zErr);
  else zip_discard(za);
  free(zErr);
  unlink(zPath);
  return zOut;
}

/* Rendering z[0..n) as file zPath is refused: VP_EINPUT, no text, and a
** message holding zWant. */
static inline void vp_test_refused(const char *zDesc, const char *zPath, const char *z, size_t n,
                                   const char *zWant) {
  char *zOut = NULL, *zErr = NULL;
  size_t nOut = 0;
  int rc = vp_format_render(zPath, z, n, &zOut, &nOut, &zErr);
  if (rc != VP_EINPUT || zErr == NULL || strstr(zErr, zWant) == NULL)
    fprintf(stderr, "%s: rc %d, %s\n", zDesc, rc, zErr ? zErr : "(no message)");
  CHECK(zDesc, rc == VP_EINPUT && zOut == NULL && zErr && strstr(zErr, zWant));
  free(zOut);
  free(zErr);
}

#endif /* VP_TEST_ZIP_H */
