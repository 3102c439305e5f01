/*
** vp_test_dir.h — a unit test's folder of fixture files: made under /tmp,
** written file by file, indexed quietly (warnings to /dev/null) into
** index.db inside it and opened, removed with everything in it. For the tests that
** search a small indexed fixture (test_rerank, test_facets).
*/
#ifndef VP_TEST_DIR_H
#define VP_TEST_DIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vp_common.h"
#include "vp_indexer.h"
#include "vp_query.h"
#include "vp_test.h"

/* A new empty folder /tmp/<zPrefix>XXXXXX into zDir; 0 when it cannot be made. */
static inline int vp_test_dir_make(char *zDir, size_t nDir, const char *zPrefix) {
  snprintf(zDir, nDir, "/tmp/%sXXXXXX", zPrefix);
  return mkdtemp(zDir) != NULL;
}

static inline void vp_test_dir_write(const char *zDir, const char *zName, const char *z) {
  char *zPath = vp_mprintf("%s/%s", zDir, zName);
  FILE *f = zPath ? fopen(zPath, "wb") : NULL;
  if (f) {
    fputs(z, f);
    fclose(f);
  }
  free(zPath);
}

/* The folder indexed into its index.db (*pzDb, caller frees); VP_OK or the
** indexer's code, *pSt its counts. */
static inline int vp_test_dir_index(const char *zDir, char **pzDb, vp_index_stats *pSt) {
  char *zErr = NULL;
  char *azPath[1] = {(char *)zDir};
  vp_index_opts opts = {0, 0, VP_INDEX_MAX_FILE_DEFAULT, NULL};
  FILE *pNull = fopen("/dev/null", "w");
  opts.pWarn = pNull;
  memset(pSt, 0, sizeof(*pSt));
  if (*pzDb == NULL) *pzDb = vp_mprintf("%s/index.db", zDir);
  int rc = *pzDb ? vp_index_paths(*pzDb, azPath, 1, &opts, pSt, &zErr) : VP_ENOMEM;
  free(zErr);
  if (pNull) fclose(pNull);
  return rc;
}

/* The folder indexed (nIndexed files expected: CHECKed) and opened for
** reading; NULL when it cannot be. *pzDb as vp_test_dir_index. */
static inline vp_db *vp_test_dir_open(const char *zDir, char **pzDb, int nIndexed) {
  vp_index_stats st;
  CHECK("fixture indexed", vp_test_dir_index(zDir, pzDb, &st) == VP_OK && st.nIndexed == nIndexed);
  vp_db *pDb = NULL;
  char *zErr = NULL;
  CHECK("fixture opened", *pzDb && vp_db_open(*pzDb, 1, &pDb, &zErr) == VP_OK);
  free(zErr);
  return pDb;
}

/* The folder and every file in it. */
static inline void vp_test_dir_remove(const char *zDir) {
  DIR *d = opendir(zDir);
  for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d)) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char *zPath = vp_mprintf("%s/%s", zDir, e->d_name);
    if (zPath) unlink(zPath);
    free(zPath);
  }
  if (d) closedir(d);
  rmdir(zDir);
}

#endif /* VP_TEST_DIR_H */
