/*
** dbcheck.c — inspects a vnplan index for the crash-safety tests
** (tests/it_robust.sh): with the vnplan tokenizer registered, so that FTS5
** can re-tokenize the passages.
**   dbcheck check DB    PRAGMA integrity_check and FTS5 'integrity-check' on
**                       passage_fts; prints "ok" and exits 0, or says what
**                       failed and exits 1.
**   dbcheck counts DB   one line per doc row: file, passages, citations,
**                       tasks (tab-separated, sorted by file).
** Not part of vnplan.
*/
#include "vp_common.h"
#include "vp_tok.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *open_db(const char *zPath) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open_v2(zPath, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
    fprintf(stderr, "dbcheck: cannot open %s: %s\n", zPath, sqlite3_errmsg(db));
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 5000);
  if (vp_tok_register(db, &zErr) != VP_OK) {
    fprintf(stderr, "dbcheck: tokenizer: %s\n", zErr ? zErr : "?");
    free(zErr);
    sqlite3_close(db);
    return NULL;
  }
  return db;
}

static int check(sqlite3 *db) {
  sqlite3_stmt *p = NULL;
  int nBad = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &p, NULL) != SQLITE_OK) {
    fprintf(stderr, "dbcheck: integrity_check: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  while (sqlite3_step(p) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(p, 0);
    if (!z || strcmp(z, "ok") != 0) {
      fprintf(stderr, "dbcheck: integrity_check: %s\n", z ? z : "NULL");
      nBad++;
    }
  }
  sqlite3_finalize(p);
  char *zErr = NULL;
  if (sqlite3_exec(db,
                   "INSERT INTO passage_fts(passage_fts) VALUES('integrity-check')",
                   NULL, NULL, &zErr) != SQLITE_OK) {
    fprintf(stderr, "dbcheck: fts5 integrity-check: %s\n", zErr ? zErr : "?");
    sqlite3_free(zErr);
    nBad++;
  }
  if (nBad == 0) printf("ok\n");
  return nBad ? 1 : 0;
}

static int counts(sqlite3 *db) {
  sqlite3_stmt *p = NULL;
  const char *zSql =
      "SELECT d.file,"
      " (SELECT count(*) FROM passage WHERE doc_id = d.id),"
      " (SELECT count(*) FROM citation WHERE doc_id = d.id),"
      " (SELECT count(*) FROM task WHERE doc_id = d.id)"
      " FROM doc d ORDER BY d.file";
  if (sqlite3_prepare_v2(db, zSql, -1, &p, NULL) != SQLITE_OK) {
    fprintf(stderr, "dbcheck: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  int rc;
  while ((rc = sqlite3_step(p)) == SQLITE_ROW)
    printf("%s\t%d\t%d\t%d\n", (const char *)sqlite3_column_text(p, 0),
           sqlite3_column_int(p, 1), sqlite3_column_int(p, 2),
           sqlite3_column_int(p, 3));
  sqlite3_finalize(p);
  return rc == SQLITE_DONE ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc != 3 || (strcmp(argv[1], "check") && strcmp(argv[1], "counts"))) {
    fprintf(stderr, "usage: dbcheck check|counts DB\n");
    return 2;
  }
  sqlite3 *db = open_db(argv[2]);
  if (!db) return 1;
  int rc = strcmp(argv[1], "check") == 0 ? check(db) : counts(db);
  sqlite3_close(db);
  return rc;
}
