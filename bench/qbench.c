/*
** qbench.c — query latency in process through the query layer (vp_query.h),
** as the CLI and the server call it: each query REPS times (at least 20, at
** most about 4 s each) after 2 warm-up runs; prints per query
** "kind:query <TAB> median ms <TAB> p99 ms <TAB> total <TAB> runs".
** Usage: qbench DB REPS search:QUERY|refs:QUERY|who:AGENCY...
** Not part of vnplan.
*/
#include "bench_util.h"
#include "vp_common.h"
#include "vp_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int run_one(vp_db *pDb, const char *zKind, const char *zQ, long *pnTotal,
                   char **pzErr) {
  cJSON *pOut = NULL;
  int rc;
  if (strcmp(zKind, "search") == 0)
    rc = vp_query_search(pDb, zQ, VP_LIMIT_DEFAULT, 0, &pOut, pzErr);
  else if (strcmp(zKind, "refs") == 0)
    rc = vp_query_refs(pDb, zQ, getenv("QB_LIMIT") ? atoi(getenv("QB_LIMIT")) : 0, 0, &pOut, pzErr);
  else if (strcmp(zKind, "who") == 0)
    rc = vp_query_who(pDb, zQ, 0, &pOut, pzErr);
  else {
    *pzErr = vp_mprintf("unknown kind %s", zKind);
    return VP_EQUERY;
  }
  if (rc == VP_OK && pnTotal) {
    const cJSON *pTotal = cJSON_GetObjectItemCaseSensitive(pOut, "total");
    *pnTotal = cJSON_IsNumber(pTotal) ? (long)pTotal->valuedouble : -1;
  }
  cJSON_Delete(pOut);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: qbench DB REPS kind:QUERY...\n");
    return 2;
  }
  vp_db *pDb = NULL;
  char *zErr = NULL;
  if (vp_db_open(argv[1], 1, &pDb, &zErr) != VP_OK) {
    fprintf(stderr, "qbench: %s\n", zErr ? zErr : "cannot open");
    free(zErr);
    return 1;
  }
  vp_db_set_budget(pDb, 0);
  int nRep = atoi(argv[2]);
  if (nRep < 1) nRep = 1;
  double *a = malloc(sizeof(double) * (size_t)nRep);
  int nFail = 0;
  for (int q = 3; q < argc; q++) {
    char zKind[16];
    const char *zColon = strchr(argv[q], ':');
    if (!zColon || zColon - argv[q] >= (long)sizeof(zKind)) { nFail++; continue; }
    memcpy(zKind, argv[q], (size_t)(zColon - argv[q]));
    zKind[zColon - argv[q]] = 0;
    const char *zQ = zColon + 1;
    long nTotal = -1;
    int rc = VP_OK;
    for (int w = 0; w < 2 && rc == VP_OK; w++)
      rc = run_one(pDb, zKind, zQ, &nTotal, &zErr);
    int n = 0;
    double tStart = bu_now_ms();
    for (; rc == VP_OK && n < nRep && (n < 20 || bu_now_ms() - tStart < 4000); n++) {
      double t0 = bu_now_ms();
      rc = run_one(pDb, zKind, zQ, NULL, &zErr);
      a[n] = bu_now_ms() - t0;
    }
    if (rc != VP_OK) {
      fprintf(stderr, "qbench: %s: error %d: %s\n", argv[q], rc, zErr ? zErr : "");
      free(zErr);
      zErr = NULL;
      printf("%s\tERR\tERR\t-1\t0\n", argv[q]);
      nFail++;
      continue;
    }
    double med, p99;
    bu_percentiles(a, n, &med, &p99);
    printf("%s\t%.3f\t%.3f\t%ld\t%d\n", argv[q], med, p99, nTotal, n);
    fflush(stdout);
  }
  free(a);
  vp_db_close(pDb);
  return nFail ? 1 : 0;
}
