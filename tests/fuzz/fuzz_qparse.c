/*
** fuzz_qparse.c — libFuzzer target for the query translator
** (vp_qparse_to_fts5): any input gives 0 and an FTS5 expression, or
** VP_EQUERY and a message; and the expression it gives is one FTS5 accepts
** (run against an in-memory table with the vnplan tokenizer, when the
** tokenizer registers), so no user query turns into an SQL error.
*/
#include "fuzz.h"
#include "vp_common.h"
#include "vp_qparse.h"
#include "vp_tok.h"

#include <sqlite3.h>
#include <string.h>

static sqlite3_stmt *g_pMatch; /* NULL when the tokenizer is not usable */

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
                   "INSERT INTO f VALUES('Kết luận số 69-KL/TW về khoa học và công nghệ');",
                   NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT count(*) FROM f WHERE f MATCH ?1", -1,
                         &g_pMatch, NULL) != SQLITE_OK) {
    g_pMatch = NULL; /* db stays open for the process: reachable, not leaked */
  }
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
    if (g_pMatch && zFts[0]) {
      sqlite3_bind_text(g_pMatch, 1, zFts, -1, SQLITE_STATIC);
      int rcStep = sqlite3_step(g_pMatch);
      if (rcStep != SQLITE_ROW)
        fprintf(stderr, "query %s -> fts5 %s: %s\n", zQuery, zFts,
                sqlite3_errmsg(sqlite3_db_handle(g_pMatch)));
      sqlite3_reset(g_pMatch);
      FUZZ_ASSERT(rcStep == SQLITE_ROW, "FTS5 accepts the translated query");
    }
  } else if (rc == VP_EQUERY) {
    FUZZ_ASSERT(zErr != NULL && zErr[0], "a message for the user");
  }
  free(zFts);
  free(zErr);
  free(zQuery);
  return 0;
}
