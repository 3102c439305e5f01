/*
** rank.c — the vp_rank() FTS5 function (see vp_rank.h): how well one
** passage's text matches the query. A BM25 shape — instances of each phrase
** saturated, a mild length normalization — times how close the query's
** words stand: together and in order (the adjacency phrase the query
** translator adds) first, then near, then apart: the value is
** tier * VP_RANK_TIER + score (see vp_rank.h). Document frequencies are
** counted only when asked (vp_rank(passage_fts, 1)): FTS5 reads every match
** of every phrase to count them, a cost that grows with the index.
*/
#include "vp_rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define RANK_K1 1.2
/* BM25's usual 0.75 lets a four-word heading beat the paragraph that says
** what is to be done; content length is judged by the reranker instead. */
#define RANK_B 0.3
#define RANK_MAX_PHRASES 64
#define RANK_MAX_INST 512 /* instances read for proximity */

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

/* Per-query data, computed on the first row and kept with xSetAuxdata. */
typedef struct rank_aux {
  int nPhrase;
  double aIdf[RANK_MAX_PHRASES];
  int aSize[RANK_MAX_PHRASES];
  int nWord;  /* phrases of one token: the words whose nearness counts */
  double avg; /* average passage length in tokens */
  /* The query's alternatives ("giấy phép lao động OR lao động nước ngoài",
  ** a name written two ways): the translator writes each as its adjacency
  ** phrase followed by its words, so a phrase of several tokens opens a
  ** group. Nearness is read within one group: the words of another
  ** alternative standing elsewhere in the passage do not make it "apart". */
  int aGroup[RANK_MAX_PHRASES];
  int nGroup;
} rank_aux;

static int count_cb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pArg) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pArg)++;
  return SQLITE_OK;
}

static int aux_make(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int bIdf, rank_aux **pp) {
  rank_aux *a = calloc(1, sizeof(*a));
  if (a == NULL) return SQLITE_NOMEM;
  int nPhrase = pApi->xPhraseCount(pFts);
  a->nPhrase = nPhrase > RANK_MAX_PHRASES ? RANK_MAX_PHRASES : nPhrase;
  sqlite3_int64 nRow = 0, nTotal = 0;
  int rc = pApi->xRowCount(pFts, &nRow);
  if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nTotal);
  a->avg = nRow > 0 && nTotal > 0 ? (double)nTotal / (double)nRow : 1.0;
  for (int i = 0; rc == SQLITE_OK && i < a->nPhrase; i++) {
    a->aSize[i] = pApi->xPhraseSize(pFts, i);
    if (a->aSize[i] == 1) a->nWord++;
    if (a->aSize[i] > 1 && i > 0) a->nGroup++;
    a->aGroup[i] = a->nGroup;
    a->aIdf[i] = 1.0;
    if (bIdf) {
      sqlite3_int64 nHit = 0;
      rc = pApi->xQueryPhrase(pFts, i, (void *)&nHit, count_cb);
      double idf = log(((double)nRow - (double)nHit + 0.5) / ((double)nHit + 0.5));
      a->aIdf[i] = idf < 0.1 ? 0.1 : idf;
    }
  }
  a->nGroup++;
  if (rc == SQLITE_OK) rc = pApi->xSetAuxdata(pFts, a, free);
  if (rc != SQLITE_OK) {
    free(a);
    return rc;
  }
  *pp = a;
  return SQLITE_OK;
}

/* The shortest span of token offsets holding an instance of every word
** phrase found in the row (a[] sorted by offset): the classic sliding
** window over (offset, phrase) pairs. */
typedef struct inst { int iOff, iPhrase; } inst;

static int inst_cmp(const void *pA, const void *pB) {
  const inst *a = pA, *b = pB;
  return a->iOff != b->iOff ? (a->iOff < b->iOff ? -1 : 1) : a->iPhrase - b->iPhrase;
}

static int min_span(inst *a, int n, int nNeed, const int *aWord) {
  int aSeen[RANK_MAX_PHRASES];
  memset(aSeen, 0, sizeof(aSeen));
  int nHave = 0, iLo = 0, best = -1;
  for (int iHi = 0; iHi < n; iHi++) {
    if (!aWord[a[iHi].iPhrase]) continue;
    if (aSeen[a[iHi].iPhrase]++ == 0) nHave++;
    while (nHave == nNeed) {
      int span = a[iHi].iOff - a[iLo].iOff + 1;
      if (best < 0 || span < best) best = span;
      if (aWord[a[iLo].iPhrase] && --aSeen[a[iLo].iPhrase] == 0) nHave--;
      iLo++;
    }
  }
  return best;
}

static int tier_of_span(int span, int nFound) {
  return span < 0 || span > nFound + 12 ? 0 : span > nFound + 3 ? 1 : 2;
}

/* The closest the words stand (tier 0–2, 3 for a group of one word) within
** a group whose words the passage holds every one of; -1 when it holds no group whole (a relaxed
** query, whose words are alternatives: then all the words found count). */
static int best_group_tier(const rank_aux *a, const int *aTf, inst *aInst, int nKept) {
  int best = -1;
  for (int g = 0; g < a->nGroup && best < 3; g++) {
    int aWord[RANK_MAX_PHRASES];
    int nNeed = 0, nFound = 0;
    for (int i = 0; i < a->nPhrase; i++) {
      aWord[i] = a->aGroup[i] == g && a->aSize[i] == 1;
      nNeed += aWord[i];
      nFound += aWord[i] && aTf[i] > 0;
    }
    if (nNeed == 0 || nFound < nNeed) continue;
    int t = nFound == 1 ? 3 : tier_of_span(min_span(aInst, nKept, nFound, aWord), nFound);
    if (t > best) best = t;
  }
  return best;
}

/* The token count of the passage's one column in its FTS5 docsize record
** (a varint per column, SQLite's encoding: seven bits a byte, high bit
** set while more follow); -1 when it cannot be read. */
static int docsize_tokens(const unsigned char *z, int n) {
  unsigned long long v = 0;
  for (int i = 0; z && i < n && i < 5; i++) {
    v = (v << 7) | (z[i] & 0x7F);
    if (!(z[i] & 0x80)) return v > 0x7FFFFFFF ? -1 : (int)v;
  }
  return -1;
}

static void rank_fn(const Fts5ExtensionApi *pApi, Fts5Context *pFts,
                    sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  int bIdf = nVal > 0 && sqlite3_value_int(apVal[0]) != 0;
  rank_aux *a = pApi->xGetAuxdata(pFts, 0);
  int rc = SQLITE_OK;
  if (a == NULL) rc = aux_make(pApi, pFts, bIdf, &a);
  int aTf[RANK_MAX_PHRASES];
  int aWord[RANK_MAX_PHRASES];
  memset(aTf, 0, sizeof(aTf));
  memset(aWord, 0, sizeof(aWord));
  inst aInst[RANK_MAX_INST];
  int nKept = 0, nInst = 0, bSorted = 1;
  if (rc == SQLITE_OK) rc = pApi->xInstCount(pFts, &nInst);
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int iPhrase, iCol, iOff;
    rc = pApi->xInst(pFts, i, &iPhrase, &iCol, &iOff);
    if (rc != SQLITE_OK || iPhrase < 0 || iPhrase >= a->nPhrase) continue;
    aTf[iPhrase]++;
    if (a->aSize[iPhrase] == 1 && nKept < RANK_MAX_INST) {
      if (nKept > 0 && aInst[nKept - 1].iOff > iOff) bSorted = 0;
      aInst[nKept].iOff = iOff;
      aInst[nKept++].iPhrase = iPhrase;
    }
  }
  int nLen = -1;
  if (nVal > 1 && sqlite3_value_type(apVal[1]) == SQLITE_BLOB)
    nLen = docsize_tokens(sqlite3_value_blob(apVal[1]), sqlite3_value_bytes(apVal[1]));
  if (nLen < 0 && rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nLen);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  double norm = RANK_K1 * (1.0 - RANK_B + RANK_B * (double)nLen / a->avg);
  double score = 0;
  int bTogether = 0, nFound = 0;
  for (int i = 0; i < a->nPhrase; i++) {
    if (aTf[i] == 0) continue;
    double w = a->aSize[i] > 1 ? 1.0 + a->aSize[i] : 1.0;
    score += w * a->aIdf[i] * aTf[i] * (RANK_K1 + 1.0) / (aTf[i] + norm);
    if (a->aSize[i] > 1) bTogether = 1;
    else {
      aWord[i] = 1;
      nFound++;
    }
  }
  /* How close the words stand when not together as typed: the tier. */
  int tier = 3;
  if (!bTogether && nFound > 1) {
    if (!bSorted) qsort(aInst, (size_t)nKept, sizeof(inst), inst_cmp); /* FTS5 gives them in order */
    tier = best_group_tier(a, aTf, aInst, nKept);
    if (tier < 0) tier = tier_of_span(min_span(aInst, nKept, nFound, aWord), nFound);
  }
  if (score > VP_RANK_TIER - 1) score = VP_RANK_TIER - 1;
  sqlite3_result_double(pCtx, tier * VP_RANK_TIER + score);
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
