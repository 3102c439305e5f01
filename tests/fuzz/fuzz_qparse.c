/*
** fuzz_qparse.c — libFuzzer target for the query translator
** (vp_qparse_to_fts5): any input gives 0 and an FTS5 expression, or
** VP_EQUERY and a message; and the expression it gives is one FTS5 accepts
** (run against an in-memory table with the vnplan tokenizer, when the
** tokenizer registers), so no user query turns into an SQL error. The
** same for what search makes of the query: its question's subject and its
** everyday terms written officially (vp_qexpand.h), and its words relaxed
** (vp_relax.h, counting over a small passage_fts table).
*/
#include "fuzz.h"
#include "vp_common.h"
#include "vp_qexpand.h"
#include "vp_qparse.h"
#include "vp_relax.h"
#include "vp_tok.h"

#include <sqlite3.h>
#include <string.h>

static sqlite3_stmt *g_pMatch; /* NULL when the tokenizer is not usable */
static sqlite3 *g_db;            /* its database, also holding passage_fts */

static int io_prepare(void *pCtx, const char *zSql, sqlite3_stmt **pp, char **pzErr) {
  (void)pCtx;
  if (sqlite3_prepare_v2(g_db, zSql, -1, pp, NULL) == SQLITE_OK) return VP_OK;
  *pzErr = vp_mprintf("%s", sqlite3_errmsg(g_db));
  return VP_EDB;
}

static void io_release(void *pCtx, sqlite3_stmt *p) {
  (void)pCtx;
  sqlite3_finalize(p);
}

/* FTS5 takes the expression zFts (when the tokenizer is usable). */
static void check_fts5_takes(const char *zQuery, const char *zFts) {
  if (!g_pMatch || !zFts[0]) return;
  sqlite3_bind_text(g_pMatch, 1, zFts, -1, SQLITE_STATIC);
  int rcStep = sqlite3_step(g_pMatch);
  if (rcStep != SQLITE_ROW)
    fprintf(stderr, "query %s -> fts5 %s: %s\n", zQuery, zFts, sqlite3_errmsg(sqlite3_db_handle(g_pMatch)));
  sqlite3_reset(g_pMatch);
  FUZZ_ASSERT(rcStep == SQLITE_ROW, "FTS5 accepts the translated query");
}

/* zTyped, a query search makes, translates, and FTS5 takes what it gives. */
static void check_translates(const char *zTyped) {
  char *zFts = NULL, *zErr = NULL;
  int rc = vp_qparse_to_fts5(zTyped, &zFts, &zErr);
  FUZZ_ASSERT(rc == VP_OK || rc == VP_EQUERY || rc == VP_ENOMEM, "rewrite: return code");
  if (rc == VP_OK && zFts) check_fts5_takes(zTyped, zFts);
  free(zFts);
  free(zErr);
}

static void open_match_table(void) {
  static int bDone = 0;
  if (bDone) return;
  bDone = 1;
  sqlite3 *db = NULL;
  char *zErr = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return;
  if (vp_tok_register(db, &zErr) != VP_OK ||
      sqlite3_exec(db,
                   "CREATE VIRTUAL TABLE f USING fts5(x, tokenize='" VP_TOK_NAME "');"
                   "INSERT INTO f VALUES('Kết luận số 69-KL/TW về khoa học và công nghệ');"
                   "CREATE VIRTUAL TABLE passage_fts USING fts5(x, tokenize='" VP_TOK_NAME "');"
                   "INSERT INTO passage_fts VALUES('Sở Tài chính bố trí kinh phí chuyển đổi số năm 2026');"
                   "INSERT INTO passage_fts VALUES('dạy thêm, học thêm; khoa học và công nghệ');",
                   NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1", -1,
                         &g_pMatch, NULL) != SQLITE_OK) {
    g_pMatch = NULL; /* db stays open for the process: reachable, not leaked */
  }
  g_db = db;
  free(zErr);
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  if (nData > 4096) return 0;
  char *zQuery = fuzz_cstr(aData, nData);
  if (!zQuery) return 0;
  open_match_table();
  char *zFts = NULL, *zErr = NULL;
  int rc = vp_qparse_to_fts5(zQuery, &zFts, &zErr);
  FUZZ_ASSERT(rc == VP_OK || rc == VP_EQUERY || rc == VP_ENOMEM, "return code");
  if (rc == VP_OK) {
    FUZZ_ASSERT(zFts != NULL, "expression on success");
    check_fts5_takes(zQuery, zFts);
  } else if (rc == VP_EQUERY) {
    FUZZ_ASSERT(zErr != NULL && zErr[0], "a message for the user");
  }
  free(zFts);
  free(zErr);
  char *zAlt = NULL;
  if (vp_qexpand_question(zQuery, &zAlt) == VP_OK && zAlt) check_translates(zAlt);
  free(zAlt);
  zAlt = NULL;
  if (vp_qexpand_topic(zQuery, &zAlt) == VP_OK && zAlt) check_translates(zAlt);
  free(zAlt);
  if (g_pMatch) {
    vp_rerank_io io = {NULL, io_prepare, io_release};
    char *zRelaxed = NULL, *zLeftOut = NULL;
    long long nFound = 0;
    int rcSqlite = SQLITE_OK;
    zErr = NULL;
    rc = vp_relax(&io, zQuery, 0, &zRelaxed, &zLeftOut, &nFound, &rcSqlite, &zErr);
    FUZZ_ASSERT(rc == VP_OK || rc == VP_ENOMEM, "relax: return code");
    if (zRelaxed) {
      FUZZ_ASSERT(zLeftOut != NULL && nFound > 0, "relax: what it left out and found");
      check_fts5_takes(zQuery, zRelaxed);
    }
    free(zRelaxed);
    free(zLeftOut);
    free(zErr);
  }
  free(zQuery);
  return 0;
}
