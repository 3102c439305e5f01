/*
** rank.c — the vp_rank() FTS5 function (see vp_rank.h): a BM25-shaped score
** from the row's own counts only — instances of each phrase, the passage
** length, the table's average length — so scoring a window of matches costs
** time in proportion to the window, not to the index.
*/
#include "vp_rank.h"

#include <string.h>

#include "vp_common.h"

#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_MAX_PHRASES 64

static fts5_api *fts5_api_of(sqlite3 *db) {
  fts5_api *pApi = NULL;
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, NULL) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pApi, "fts5_api_ptr", NULL);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pApi;
}

/* A phrase of several tokens is worth more than one token: it is the words
** of the query standing together. */
static double phrase_weight(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int iPhrase) {
  int n = pApi->xPhraseSize(pFts, iPhrase);
  return n > 1 ? 1.0 + n : 1.0;
}

static void rank_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts,
                    sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  (void)nVal;
  (void)apVal;
  int nPhrase = pApi->xPhraseCount(pFts);
  if (nPhrase > RANK_MAX_PHRASES) nPhrase = RANK_MAX_PHRASES;
  int aTf[RANK_MAX_PHRASES];
  memset(aTf, 0, sizeof(aTf));
  int nInst = 0, rc = pApi->xInstCount(pFts, &nInst);
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int iPhrase, iCol, iOff;
    rc = pApi->xInst(pFts, i, &iPhrase, &iCol, &iOff);
    if (rc == SQLITE_OK && iPhrase >= 0 && iPhrase < nPhrase) aTf[iPhrase]++;
  }
  sqlite3_int64 nRow = 0, nTotal = 0;
  int nLen = 0;
  if (rc == SQLITE_OK) rc = pApi->xRowCount(pFts, &nRow);
  if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nTotal);
  if (rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nLen);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  double avg = nRow > 0 ? (double)nTotal / (double)nRow : 1.0;
  double norm = RANK_K1 * (1.0 - RANK_B + RANK_B * (double)nLen / (avg > 0 ? avg : 1.0));
  double score = 0;
  for (int i = 0; i < nPhrase; i++) {
    if (aTf[i] == 0) continue;
    score += phrase_weight(pApi, pFts, i) * aTf[i] * (RANK_K1 + 1.0) / (aTf[i] + norm);
  }
  sqlite3_result_double(pCtx, score);
}

int vp_rank_register(sqlite3 *db, char **pzErr) {
  fts5_api *pApi = fts5_api_of(db);
  if (pApi == NULL ||
      pApi->xCreateFunction(pApi, "vp_rank", NULL, rank_fn, NULL) != SQLITE_OK) {
    *pzErr = vp_mprintf("cannot register the ranking function: %s", sqlite3_errmsg(db));
    return VP_EDB;
  }
  return VP_OK;
}
