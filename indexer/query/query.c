/*
** query.c — the query layer (see vp_query.h): every answer vnplan gives, as
** a cJSON object, read from one snapshot of the index. The CLI prints these
** objects and the server sends them; nothing here formats text for people.
*/
#include "vp_query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_qparse.h"
#include "vp_rerank.h"
#include "vp_store.h"

/* Statements kept prepared between answers, by SQL text: an answer such as
** `who` prepares the same few statements every time (a tenth of its time). */
#define STMT_CACHE 24

struct vp_db {
  sqlite3 *db;
  double msBudget;
  double msDeadline;
  double msBusyStart; /* when the current lock wait began */
  int nRead; /* read transactions open: answers built from others nest */
  sqlite3_stmt *aCache[STMT_CACHE]; /* reset, unbound, ready to take */
  int iEvict;                       /* the next slot to give up when full */
};

static int progress_cb(void *pArg) {
  vp_db *p = pArg;
  return p->msDeadline > 0 && vp_now_ms() > p->msDeadline;
}

/* Lock waits count against the budget: a locked index is waited for until
** the query's deadline (or for the budget, outside a query; 10 s without
** one), never past it, so a server's budget bounds the whole request. */
static int busy_cb(void *pArg, int nPrior) {
  vp_db *p = pArg;
  double msNow = vp_now_ms();
  if (nPrior == 0) p->msBusyStart = msNow;
  double msLimit = p->msDeadline > 0 ? p->msDeadline
                   : p->msBusyStart + (p->msBudget > 0 ? p->msBudget : 10000);
  if (msNow >= msLimit) return 0;
  int ms = nPrior < 4 ? 1 << nPrior : 10; /* 1, 2, 4, 8, then 10 ms */
  if (msNow + ms > msLimit) ms = (int)(msLimit - msNow) + 1;
  sqlite3_sleep(ms);
  return 1;
}

int vp_db_open(const char *zPath, int bReadOnly, vp_db **ppDb, char **pzErr) {
  *ppDb = NULL;
  vp_db *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  int rc = vp_store_open(zPath, bReadOnly ? VP_STORE_READONLY : 0, &p->db, pzErr);
  if (rc != VP_OK) {
    free(p);
    return rc;
  }
  sqlite3_progress_handler(p->db, 2000, progress_cb, p);
  sqlite3_busy_handler(p->db, busy_cb, p);
  *ppDb = p;
  return VP_OK;
}

void vp_db_close(vp_db *p) {
  if (p == NULL) return;
  for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(p->aCache[i]);
  sqlite3_close(p->db);
  free(p);
}

void vp_db_set_budget(vp_db *p, double msBudget) { p->msBudget = msBudget; }

/* ---- helpers -------------------------------------------------------- */

/* One read transaction per answer: every statement sees one snapshot. */
static int read_begin(vp_db *p, char **pzErr) {
  if (p->nRead > 0 && !sqlite3_get_autocommit(p->db)) { /* inside another answer's snapshot */
    p->nRead++;
    return VP_OK;
  }
  p->nRead = 1;
  p->msDeadline = p->msBudget > 0 ? vp_now_ms() + p->msBudget : 0;
  if (sqlite3_exec(p->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
    *pzErr = vp_mprintf("cannot read the index: %s", sqlite3_errmsg(p->db));
    p->nRead = 0;
    return VP_EDB;
  }
  return VP_OK;
}

static void read_end(vp_db *p) {
  if (--p->nRead > 0) return;
  sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
  p->msDeadline = 0;
}

/* Map a failed step/prepare to our codes, with a message for people. */
static int db_fail(vp_db *p, int rcSqlite, char **pzErr) {
  if (*pzErr) return VP_EDB;
  if (rcSqlite == SQLITE_INTERRUPT || (rcSqlite & 0xff) == SQLITE_INTERRUPT) {
    *pzErr = vp_mprintf("the query took longer than %.0f ms and was stopped", p->msBudget);
    return VP_EBUSY;
  }
  if ((rcSqlite & 0xff) == SQLITE_BUSY) {
    *pzErr = vp_mprintf("the index stayed locked past the time budget");
    return VP_EBUSY;
  }
  const char *zMsg = sqlite3_errmsg(p->db);
  if (strstr(zMsg, "fts5") || strstr(zMsg, "syntax error")) {
    *pzErr = vp_mprintf("the search engine cannot read this query");
    return VP_EQUERY;
  }
  if ((rcSqlite & 0xff) == SQLITE_NOMEM) return VP_ENOMEM;
  *pzErr = vp_mprintf("cannot read the index (%s)", zMsg);
  return VP_EDB;
}

/* A statement for zSql: taken from the cache, else prepared. Give it back
** with release(). */
static int prepare(vp_db *p, const char *zSql, sqlite3_stmt **pp, char **pzErr) {
  for (int i = 0; i < STMT_CACHE; i++) {
    if (p->aCache[i] && strcmp(sqlite3_sql(p->aCache[i]), zSql) == 0) {
      *pp = p->aCache[i];
      p->aCache[i] = NULL;
      return VP_OK;
    }
  }
  int rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, pp, NULL);
  if (rc != SQLITE_OK) return db_fail(p, rc, pzErr);
  return VP_OK;
}

/* Done with s (NULL is fine): reset, unbound and kept for the next answer,
** the oldest kept one finalized when the cache is full. */
static void release(vp_db *p, sqlite3_stmt *s) {
  if (s == NULL) return;
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  for (int i = 0; i < STMT_CACHE; i++) {
    if (p->aCache[i] == NULL) {
      p->aCache[i] = s;
      return;
    }
  }
  sqlite3_finalize(p->aCache[p->iEvict]);
  p->aCache[p->iEvict] = s;
  p->iEvict = (p->iEvict + 1) % STMT_CACHE;
}

/* Step; returns 1 for a row, 0 when done, and sets *pRc on error. */
static int step_row(vp_db *p, sqlite3_stmt *s, int *pRc, char **pzErr) {
  if (*pRc != VP_OK) return 0;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return 1;
  if (rc != SQLITE_DONE) *pRc = db_fail(p, rc, pzErr);
  return 0;
}

static const char *col_text(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

static void add_str(cJSON *o, const char *zKey, const char *zVal) {
  if (zVal) cJSON_AddStringToObject(o, zKey, zVal);
  else cJSON_AddNullToObject(o, zKey);
}

static void add_col(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  add_str(o, zKey, col_text(s, i));
}

/* Display form (NFC, spaces collapsed) of a column. */
static void add_display(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  const char *z = col_text(s, i);
  char *zD = z ? vp_fold_display(z, sqlite3_column_bytes(s, i)) : NULL;
  add_str(o, zKey, zD);
  free(zD);
}

#define TEXT_MAX 4000

/* A long text column stored in display form (task texts: the extractors
** pass them through vp_fold_display), cut after TEXT_MAX bytes (on a space,
** with "…"): tasks can be as large as a hostile file's line. */
static void add_clipped(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  const char *z = col_text(s, i);
  int n = sqlite3_column_bytes(s, i);
  if (z == NULL || n <= TEXT_MAX) {
    add_str(o, zKey, z);
    return;
  }
  int iE = TEXT_MAX;
  while (iE > TEXT_MAX / 2 && z[iE] != ' ') iE--;
  while (iE > 0 && ((unsigned char)z[iE] & 0xC0) == 0x80) iE--; /* a code point's start */
  char *zOut = vp_mprintf("%.*s …", iE, z);
  add_str(o, zKey, zOut);
  free(zOut);
}

static const char *province_2025(const char *zProvince) {
  const vp_province *pr = zProvince ? vp_gaz_lookup(zProvince) : NULL;
  return pr ? pr->zSince2025 : NULL;
}

/* {"id", "file", "title", "province", "number", "date"} from 6 columns. */
static cJSON *doc_object(sqlite3_stmt *s, int i) {
  cJSON *d = cJSON_CreateObject();
  cJSON_AddNumberToObject(d, "id", (double)sqlite3_column_int64(s, i));
  add_col(d, "file", s, i + 1);
  add_col(d, "province", s, i + 2);
  add_str(d, "province_2025", province_2025(col_text(s, i + 2)));
  add_col(d, "number", s, i + 3);
  add_col(d, "date", s, i + 4);
  add_col(d, "title", s, i + 5); /* stored in display form (meta.c) */
  return d;
}

static void count_into(cJSON *pFacet, const char *zKey, int n) {
  if (zKey == NULL) zKey = "";
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pFacet, zKey);
  if (c) cJSON_SetNumberValue(c, c->valuedouble + n);
  else cJSON_AddNumberToObject(pFacet, zKey, n);
}

static int finish(int rc, cJSON *pOut, cJSON **ppOut) {
  if (rc == VP_OK && pOut == NULL) rc = VP_ENOMEM;
  if (rc == VP_OK) *ppOut = pOut;
  else cJSON_Delete(pOut);
  return rc;
}

static int check_paging(int *pnLimit, int nOffset, char **pzErr) {
  if (*pnLimit <= 0) *pnLimit = VP_LIMIT_DEFAULT;
  if (*pnLimit > VP_LIMIT_MAX) {
    *pzErr = vp_mprintf("limit must be at most %d", VP_LIMIT_MAX);
    return VP_EQUERY;
  }
  if (nOffset < 0 || nOffset > 1000000) {
    *pzErr = vp_mprintf("offset must be between 0 and 1000000");
    return VP_EQUERY;
  }
  return VP_OK;
}

/* ---- search --------------------------------------------------------- */

/* Search facets (counts by province) are computed up to this many matches. */
#define VP_FACET_MAX 2000
/* Queries matching more passages rank the newest this many (see below). */
#define VP_RANK_WINDOW 2000

#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'
#define SNIPPET_BEFORE 160
#define SNIPPET_LEN 420

/* From a highlight() text (passage with MARK_OPEN/CLOSE around matched
** tokens): the highlight spans as file byte offsets, and a snippet around
** the first match with <mark>…</mark> in display form. */
static void add_highlights(cJSON *pHit, const char *zHl, int nHl, int iPassageStart) {
  cJSON *aSpan = cJSON_AddArrayToObject(pHit, "highlights");
  int iRel = 0, iOpen = -1, iFirst = -1;
  for (int i = 0; i < nHl; i++) {
    if (zHl[i] == MARK_OPEN) {
      iOpen = iRel;
      if (iFirst < 0) iFirst = i;
    } else if (zHl[i] == MARK_CLOSE) {
      if (iOpen >= 0) {
        cJSON *pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, cJSON_CreateNumber(iPassageStart + iOpen));
        cJSON_AddItemToArray(pair, cJSON_CreateNumber(iPassageStart + iRel));
        cJSON_AddItemToArray(aSpan, pair);
      }
      iOpen = -1;
    } else {
      iRel++;
    }
  }
  /* the window: start a little before the first match, on a space */
  int iStart = 0, iEnd = nHl;
  if (iFirst > SNIPPET_BEFORE) {
    iStart = iFirst - SNIPPET_BEFORE;
    while (iStart < iFirst && zHl[iStart] != ' ') iStart++;
  }
  if (iEnd - iStart > SNIPPET_LEN) {
    iEnd = iStart + SNIPPET_LEN;
    while (iEnd < nHl && zHl[iEnd] != ' ' && zHl[iEnd] != MARK_OPEN) iEnd++;
    /* never cut inside a mark */
    int bOpen = 0;
    for (int i = iStart; i < iEnd; i++) {
      if (zHl[i] == MARK_OPEN) bOpen = 1;
      else if (zHl[i] == MARK_CLOSE) bOpen = 0;
    }
    while (bOpen && iEnd < nHl) {
      if (zHl[iEnd++] == MARK_CLOSE) bOpen = 0;
    }
  }
  char *zWin = vp_fold_display(zHl + iStart, iEnd - iStart);
  vp_buf b = {0};
  int rc = VP_OK;
  if (iStart > 0) vp_buf_appends(&b, "… ", &rc);
  for (const char *c = zWin ? zWin : ""; *c; c++) {
    if (*c == MARK_OPEN) vp_buf_appends(&b, "<mark>", &rc);
    else if (*c == MARK_CLOSE) vp_buf_appends(&b, "</mark>", &rc);
    else vp_buf_append(&b, c, 1, &rc);
  }
  if (iEnd < nHl) vp_buf_appends(&b, " …", &rc);
  char *zSnip = vp_buf_take(&b);
  add_str(pHit, "snippet", rc == VP_OK ? zSnip : "");
  free(zSnip);
  free(zWin);
}

/* The reranker prepares through the statement cache. */
static int rr_prepare(void *pCtx, const char *zSql, sqlite3_stmt **pp, char **pzErr) {
  return prepare(pCtx, zSql, pp, pzErr);
}
static void rr_release(void *pCtx, sqlite3_stmt *s) { release(pCtx, s); }

int vp_query_search(vp_db *p, const char *zQuery, int nLimit, int nOffset,
                    cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  char *zFts = NULL;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc == VP_OK) rc = vp_qparse_to_fts5(zQuery, &zFts, pzErr);
  if (rc != VP_OK) return rc;
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddStringToObject(pOut, "query", zQuery);
  sqlite3_stmt *sRank = NULL, *sHit = NULL, *sFacet = NULL;
  rc = read_begin(p, pzErr);
  /* The newest VP_RANK_WINDOW + 1 matches, newest first: fewer means the
  ** total is exact and everything is ranked; more means the query matches a
  ** large part of the index, where ranking every match costs time in
  ** proportion to the index (FTS5 scores every match) while bm25 hardly
  ** separates them: rank the newest VP_RANK_WINDOW matches and estimate the
  ** total from how much of the rowid range they span. */
  sqlite3_stmt *sCount = NULL;
  long long nTotal = 0, iLow = 0;
  int bEstimate = 0;
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?1"
                 " ORDER BY rowid DESC LIMIT " VP_STR(VP_RANK_WINDOW) " + 1",
                 &sCount, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_text(sCount, 1, zFts, -1, SQLITE_STATIC);
    while (step_row(p, sCount, &rc, pzErr)) {
      nTotal++;
      iLow = sqlite3_column_int64(sCount, 0);
    }
  }
  release(p, sCount);
  sCount = NULL;
  if (rc == VP_OK && nTotal > VP_RANK_WINDOW) {
    rc = prepare(p, "SELECT (SELECT min(id) FROM passage), (SELECT max(id) FROM passage)", &sCount, pzErr);
    if (rc == VP_OK && step_row(p, sCount, &rc, pzErr)) {
      double span = (double)(sqlite3_column_int64(sCount, 1) - sqlite3_column_int64(sCount, 0) + 1);
      double window = (double)(sqlite3_column_int64(sCount, 1) - iLow + 1);
      nTotal = (long long)(VP_RANK_WINDOW * span / (window > 0 ? window : 1));
      bEstimate = 1;
    }
    release(p, sCount);
  } else {
    iLow = 0;
  }
  /* counts by province read every match: only while that stays cheap */
  cJSON *pFacets = cJSON_AddObjectToObject(pOut, "facets");
  if (rc == VP_OK && !bEstimate && nTotal <= VP_FACET_MAX) {
    cJSON *pProv = cJSON_AddObjectToObject(pFacets, "province");
    rc = prepare(p,
                 "SELECT d.province, count(*) FROM passage_fts"
                 " JOIN passage p ON p.id = passage_fts.rowid"
                 " JOIN doc d ON d.id = p.doc_id"
                 " WHERE passage_fts MATCH ?1 GROUP BY d.province",
                 &sFacet, pzErr);
    if (rc == VP_OK) sqlite3_bind_text(sFacet, 1, zFts, -1, SQLITE_STATIC);
    while (rc == VP_OK && step_row(p, sFacet, &rc, pzErr))
      count_into(pProv, col_text(sFacet, 0), sqlite3_column_int(sFacet, 1));
  } else if (rc == VP_OK) {
    cJSON_AddNullToObject(pFacets, "province");
    cJSON_AddStringToObject(pFacets, "note", "too many matching passages to count by province:"
                                             " narrow the query");
  }
  /* The page of best matches (rerank.c): the best text matches by vp_rank
  ** (with document frequencies when every match is ranked), what they are,
  ** the passages under matching headings, one document not ten times. Then
  ** each hit's passage, document and highlights (a hit through its heading
  ** has no match of its own: its text without marks). */
  vp_rerank_hit *aRr = NULL;
  int nRr = 0;
  if (rc == VP_OK) {
    vp_rerank_io io = {p, rr_prepare, rr_release};
    int rcSqlite = SQLITE_OK;
    char *zPhrase = NULL;
    if (bEstimate) rc = vp_qparse_to_fts5_phrases(zQuery, &zPhrase, pzErr);
    vp_docnum aNum[1];
    vp_rerank_query q = {zFts, zPhrase, !bEstimate, iLow, vp_qparse_docnums(zQuery, aNum, 1) == 0};
    if (rc == VP_OK)
      rc = vp_rerank_search(&io, &q, nLimit, nOffset, &aRr, &nRr, &rcSqlite, pzErr);
    free(zPhrase);
    if (rc == VP_EDB && *pzErr == NULL) rc = db_fail(p, rcSqlite, pzErr);
  }
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                 " p.section, p.line, p.start, p.text"
                 " FROM passage p JOIN doc d ON d.id = p.doc_id WHERE p.id = ?2",
                 &sRank, pzErr);
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                 " p.section, p.line, p.start, highlight(passage_fts, 0, char(2), char(3))"
                 " FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid"
                 " JOIN doc d ON d.id = p.doc_id"
                 " WHERE passage_fts MATCH ?1 AND passage_fts.rowid = ?2",
                 &sHit, pzErr);
  cJSON *aHits = cJSON_CreateArray();
  if (rc == VP_OK) {
    sqlite3_bind_text(sHit, 1, zFts, -1, SQLITE_STATIC);
    sqlite3_bind_text(sRank, 1, zFts, -1, SQLITE_STATIC);
  }
  for (int i = 0; rc == VP_OK && i < nRr; i++) {
    sqlite3_stmt *s = aRr[i].bMatch ? sHit : sRank;
    sqlite3_bind_int64(s, 2, aRr[i].iPassage);
    if (step_row(p, s, &rc, pzErr)) {
      cJSON *h = cJSON_CreateObject();
      cJSON_AddItemToObject(h, "doc", doc_object(s, 1));
      cJSON_AddNumberToObject(h, "passage", (double)sqlite3_column_int64(s, 0));
      add_col(h, "section", s, 7);
      cJSON_AddNumberToObject(h, "line", sqlite3_column_int(s, 8));
      add_highlights(h, col_text(s, 10), sqlite3_column_bytes(s, 10), sqlite3_column_int(s, 9));
      cJSON_AddNumberToObject(h, "score", aRr[i].score);
      vp_rerank_hit_json(h, &aRr[i]);
      cJSON_AddItemToArray(aHits, h);
    }
    sqlite3_reset(s);
  }
  vp_rerank_free(aRr, nRr);
  release(p, sRank);
  release(p, sHit);
  release(p, sFacet);
  read_end(p);
  cJSON_AddStringToObject(pOut, "fts", zFts);
  cJSON_AddNumberToObject(pOut, "total", (double)nTotal);
  if (bEstimate) {
    cJSON_AddBoolToObject(pOut, "total_estimated", 1);
    cJSON_AddNumberToObject(pOut, "ranked_within", VP_RANK_WINDOW);
  }
  cJSON_AddNumberToObject(pOut, "limit", nLimit);
  cJSON_AddNumberToObject(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "hits", aHits);
  free(zFts);
  return finish(rc, pOut, ppOut);
}

#define WINDOW_CONTEXT 400

/* The passage text around [iFrom, iTo) (offsets in z), display form: the
** whole passage when it is short, else WINDOW_CONTEXT bytes either side cut
** on spaces, with "…" where cut. Bounded, so a huge passage costs little. */
static void add_window(cJSON *o, const char *zKey, const char *z, int n, int iFrom, int iTo) {
  if (z == NULL) {
    cJSON_AddNullToObject(o, zKey);
    return;
  }
  int iS = 0, iE = n;
  if (iFrom < 0 || iFrom > n) iFrom = 0;
  if (iTo < iFrom || iTo > n) iTo = iFrom;
  if (n > 3 * WINDOW_CONTEXT) {
    iS = iFrom - WINDOW_CONTEXT > 0 ? iFrom - WINDOW_CONTEXT : 0;
    iE = iTo + WINDOW_CONTEXT < n ? iTo + WINDOW_CONTEXT : n;
    while (iS > 0 && iS < iFrom && z[iS - 1] != ' ') iS++;
    while (iE < n && iE > iTo && z[iE] != ' ') iE--;
  }
  char *zD = vp_fold_display(z + iS, iE - iS);
  char *zOut = zD ? vp_mprintf("%s%s%s", iS > 0 ? "… " : "", zD, iE < n ? " …" : "") : NULL;
  add_str(o, zKey, zOut);
  free(zD);
  free(zOut);
}

/* "IN (?,?,…)" with n placeholders, numbered from iFirst. */
static char *in_list(int n, int iFirst) {
  vp_buf b = {0};
  int rc = VP_OK;
  vp_buf_appends(&b, "(", &rc);
  for (int i = 0; i < n; i++) vp_buf_appendf(&b, &rc, "%s?%d", i ? "," : "", iFirst + i);
  vp_buf_appends(&b, ")", &rc);
  return rc == VP_OK ? vp_buf_take(&b) : (vp_buf_free(&b), NULL);
}

/* ---- refs ----------------------------------------------------------- */

static cJSON *instrument_object(sqlite3_stmt *s) {
  /* columns: id, key, scope, type, number, year, type_code, issuer_code,
  ** issuer_body, title */
  cJSON *o = cJSON_CreateObject();
  const char *zScope = col_text(s, 2);
  add_col(o, "key", s, 1);
  add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
  add_col(o, "type", s, 3);
  add_col(o, "number", s, 4);
  if (sqlite3_column_type(s, 5) == SQLITE_NULL) cJSON_AddNullToObject(o, "year");
  else cJSON_AddNumberToObject(o, "year", sqlite3_column_int(s, 5));
  add_col(o, "type_code", s, 6);
  add_col(o, "issuer_code", s, 7);
  add_display(o, "issuer_body", s, 8);
  add_display(o, "title", s, 9);
  return o;
}

#define INSTRUMENT_COLS \
  "i.id, i.key, i.scope, i.type, i.number, i.year, i.type_code," \
  " i.issuer_code, i.issuer_body, i.title"

/* Files listed per date in "dates" (the count is always exact). */
#define DATE_DOCS_MAX 20

/* The dates plans give an instrument: [{"date", "count": docs, "docs":
** [file…]}] and whether two plans disagree within one year (same term).
** Reads the (instrument, date, doc) index only. */
static int add_dates(vp_db *p, cJSON *pInst, long long iInst, char **pzErr) {
  sqlite3_stmt *s = NULL, *sDocs = NULL;
  int rc = prepare(p,
                   "SELECT date, docs FROM instrument_date WHERE instrument_id = ?1"
                   " AND docs > 0 ORDER BY date",
                   &s, pzErr);
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT DISTINCT d.file FROM citation c JOIN doc d ON d.id = c.doc_id"
                 " WHERE c.instrument_id = ?1 AND c.date = ?2 LIMIT " VP_STR(DATE_DOCS_MAX),
                 &sDocs, pzErr);
  cJSON *aDates = cJSON_AddArrayToObject(pInst, "dates");
  int bConflict = 0;
  char zPrev[16] = "";
  if (rc == VP_OK) sqlite3_bind_int64(s, 1, iInst);
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    const char *zDate = col_text(s, 0);
    if (zPrev[0] && strncmp(zPrev, zDate, 4) == 0) bConflict = 1;
    snprintf(zPrev, sizeof(zPrev), "%s", zDate);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "date", zDate);
    cJSON_AddNumberToObject(o, "count", sqlite3_column_int(s, 1));
    cJSON *aDocs = cJSON_AddArrayToObject(o, "docs");
    sqlite3_bind_int64(sDocs, 1, iInst);
    sqlite3_bind_text(sDocs, 2, zDate, -1, SQLITE_TRANSIENT);
    while (step_row(p, sDocs, &rc, pzErr)) cJSON_AddItemToArray(aDocs, cJSON_CreateString(col_text(sDocs, 0)));
    sqlite3_reset(sDocs);
    cJSON_AddItemToArray(aDates, o);
  }
  release(p, s);
  release(p, sDocs);
  cJSON_AddBoolToObject(pInst, "conflict", bConflict);
  return rc;
}

/* One instrument to list in a refs answer. */
typedef struct ref_inst {
  long long iId;
  char *zKey; /* "69-KL/TW" or "472-KH/TU@Tuyên Quang" */
} ref_inst;

/* Citations of the instruments aInst[0..nInst) into aCit, page by page of
** documents: nLimit documents from nOffset on (in doc id order, so the
** (instrument, doc) index is read without sorting). zYear (may be NULL):
** keep only documents that date the instrument in that year or give it no
** date at all. *pnDocs gets the number of citing documents. */
static int add_citations(vp_db *p, cJSON *aCit, const ref_inst *aInst, int nInst,
                         const char *zYear, int nLimit, int nOffset, int *pnDocs,
                         char **pzErr) {
  char *zIn = in_list(nInst, 10);
  if (zIn == NULL) return VP_ENOMEM;
  /* The page of documents: straight from the (instrument, doc) index; with a
  ** year, every citing document is checked (and counted) instead. */
  char *zSqlDocs = zYear ? vp_mprintf(
      "SELECT DISTINCT doc_id FROM citation c WHERE instrument_id IN %s"
      " AND (NOT EXISTS (SELECT 1 FROM citation c2"
      "   WHERE c2.instrument_id = c.instrument_id AND c2.doc_id = c.doc_id"
      "   AND c2.date IS NOT NULL)"
      "  OR EXISTS (SELECT 1 FROM citation c3 WHERE c3.instrument_id = c.instrument_id"
      "   AND c3.doc_id = c.doc_id AND substr(c3.date, 1, 4) = ?1))"
      " ORDER BY doc_id",
      zIn) : vp_mprintf(
      "SELECT DISTINCT doc_id FROM citation WHERE instrument_id IN %s"
      " ORDER BY doc_id LIMIT ?2 OFFSET ?3",
      zIn);
  char *zSqlCit = vp_mprintf(
      "SELECT d.id, d.file, d.province, d.number, d.date, d.title,"
      " c.relation, c.date, c.section, c.line, c.start, c.end, p.text,"
      " c.issuer_body, c.title, c.instrument_id, p.start"
      " FROM citation c JOIN passage p ON p.id = c.passage_id"
      " JOIN doc d ON d.id = c.doc_id"
      " WHERE c.instrument_id IN %s AND c.doc_id = ?1 ORDER BY c.start",
      zIn);
  free(zIn);
  sqlite3_stmt *sDocs = NULL, *sCit = NULL;
  int rc = (zSqlDocs && zSqlCit) ? VP_OK : VP_ENOMEM;
  if (rc == VP_OK) rc = prepare(p, zSqlDocs, &sDocs, pzErr);
  if (rc == VP_OK) rc = prepare(p, zSqlCit, &sCit, pzErr);
  free(zSqlDocs);
  free(zSqlCit);
  for (int i = 0; rc == VP_OK && i < nInst; i++) {
    sqlite3_bind_int64(sDocs, 10 + i, aInst[i].iId);
    sqlite3_bind_int64(sCit, 10 + i, aInst[i].iId);
  }
  if (rc == VP_OK && zYear) sqlite3_bind_text(sDocs, 1, zYear, -1, SQLITE_STATIC);
  if (rc == VP_OK && !zYear) {
    sqlite3_bind_int(sDocs, 2, nLimit);
    sqlite3_bind_int(sDocs, 3, nOffset);
  }
  int nDocs = 0;
  while (rc == VP_OK && step_row(p, sDocs, &rc, pzErr)) {
    int iDoc = zYear ? nDocs++ : nOffset;
    if (iDoc < nOffset || iDoc >= nOffset + nLimit) continue;
    sqlite3_bind_int64(sCit, 1, sqlite3_column_int64(sDocs, 0));
    while (step_row(p, sCit, &rc, pzErr)) {
      long long iInst = sqlite3_column_int64(sCit, 15);
      const char *zKey = "";
      for (int k = 0; k < nInst; k++)
        if (aInst[k].iId == iInst) zKey = aInst[k].zKey;
      cJSON *c = cJSON_CreateObject();
      cJSON_AddItemToObject(c, "doc", doc_object(sCit, 0));
      cJSON_AddStringToObject(c, "instrument", zKey);
      add_col(c, "relation", sCit, 6);
      add_col(c, "date", sCit, 7);
      add_display(c, "issuer_body", sCit, 13);
      add_display(c, "title", sCit, 14);
      add_col(c, "section", sCit, 8);
      cJSON_AddNumberToObject(c, "line", sqlite3_column_int(sCit, 9));
      cJSON_AddNumberToObject(c, "start", sqlite3_column_int(sCit, 10));
      cJSON_AddNumberToObject(c, "end", sqlite3_column_int(sCit, 11));
      add_window(c, "text", col_text(sCit, 12), sqlite3_column_bytes(sCit, 12),
                 sqlite3_column_int(sCit, 10) - sqlite3_column_int(sCit, 16),
                 sqlite3_column_int(sCit, 11) - sqlite3_column_int(sCit, 16));
      cJSON_AddItemToArray(aCit, c);
    }
    sqlite3_reset(sCit);
  }
  release(p, sDocs);
  release(p, sCit);
  *pnDocs = nDocs;
  return rc;
}

#define MAX_QUERY_NUMBERS 8
#define MAX_REF_INSTRUMENTS 64

/* The instruments with a number's token (and scope when given) that are
** cited, as objects into aInst and as ids into a[] (up to nMax). */
static int find_instruments(vp_db *p, const char *zToken, const char *zScope, cJSON *aInst,
                            ref_inst *a, int *pn, int nMax, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT " INSTRUMENT_COLS ", coalesce(st.citations, 0), coalesce(st.docs, 0)"
                   " FROM instrument i LEFT JOIN instrument_stat st ON st.instrument_id = i.id"
                   " WHERE i.token = ?1 AND (?2 IS NULL OR i.scope = ?2) ORDER BY i.scope",
                   &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zToken, -1, SQLITE_STATIC);
    if (zScope) sqlite3_bind_text(s, 2, zScope, -1, SQLITE_STATIC);
  }
  while (rc == VP_OK && *pn < nMax && step_row(p, s, &rc, pzErr)) {
    if (sqlite3_column_int(s, 10) == 0) continue; /* no longer cited */
    cJSON *o = instrument_object(s);
    cJSON_AddNumberToObject(o, "citations", sqlite3_column_int(s, 10));
    cJSON_AddNumberToObject(o, "docs", sqlite3_column_int(s, 11));
    cJSON_AddItemToArray(aInst, o);
    const char *zScopeCol = col_text(s, 2);
    a[*pn].iId = sqlite3_column_int64(s, 0);
    a[*pn].zKey = (zScopeCol && zScopeCol[0]) ? vp_mprintf("%s@%s", col_text(s, 1), zScopeCol)
                                              : vp_mprintf("%s", col_text(s, 1));
    if (a[*pn].zKey == NULL) rc = VP_ENOMEM;
    else (*pn)++;
    if (rc == VP_OK) rc = add_dates(p, o, a[*pn - 1].iId, pzErr);
  }
  release(p, s);
  return rc;
}

/* refs and instrument share this: instruments named by aNum, their dates
** and one page of citations. */
static int refs_answer(vp_db *p, cJSON *pOut, const vp_docnum *aNum, int nNum,
                       const char *zScope, const char *zYear, int nLimit, int nOffset,
                       char **pzErr) {
  cJSON *aInst = cJSON_AddArrayToObject(pOut, "instruments");
  ref_inst a[MAX_REF_INSTRUMENTS];
  int n = 0;
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < nNum; i++)
    rc = find_instruments(p, aNum[i].zToken, zScope, aInst, a, &n, MAX_REF_INSTRUMENTS, pzErr);
  cJSON *aCit = cJSON_CreateArray();
  int nDocs = 0;
  if (rc == VP_OK && n > 0) rc = add_citations(p, aCit, a, n, zYear, nLimit, nOffset, &nDocs, pzErr);
  int nTotal = 0;
  cJSON *o;
  cJSON_ArrayForEach(o, aInst) {
    nTotal += (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "citations"));
    if (!zYear) nDocs += (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "docs"));
  }
  if (n > 1) cJSON_AddBoolToObject(pOut, "ambiguous", 1);
  cJSON_AddNumberToObject(pOut, "total", zYear ? cJSON_GetArraySize(aCit) : nTotal);
  cJSON_AddNumberToObject(pOut, "docs_total", nDocs);
  cJSON_AddNumberToObject(pOut, "limit", nLimit);
  cJSON_AddNumberToObject(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "citations", aCit);
  for (int i = 0; i < n; i++) free(a[i].zKey);
  return rc;
}

int vp_query_refs(vp_db *p, const char *zQuery, int nLimit, int nOffset, cJSON **ppOut,
                  char **pzErr) {
  *ppOut = NULL;
  if (nLimit <= 0) nLimit = VP_REFS_DOCS_DEFAULT;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc != VP_OK) return rc;
  vp_docnum aNum[MAX_QUERY_NUMBERS];
  int nNum = vp_qparse_docnums(zQuery, aNum, MAX_QUERY_NUMBERS);
  if (nNum == 0) {
    *pzErr = vp_mprintf("no instrument number in \"%s\" (write it as 20-NQ/TW, "
                        "709/QĐ-TTg or 35/2021/NĐ-CP)", zQuery);
    return VP_EQUERY;
  }
  char zDate[11], zYear[5];
  int bDate = vp_qparse_date(zQuery, zDate);
  if (bDate) snprintf(zYear, sizeof(zYear), "%.4s", zDate);
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddStringToObject(pOut, "query", zQuery);
  if (bDate) cJSON_AddStringToObject(pOut, "date", zDate);
  rc = read_begin(p, pzErr);
  if (rc == VP_OK) {
    rc = refs_answer(p, pOut, aNum, nNum, NULL, bDate ? zYear : NULL, nLimit, nOffset, pzErr);
    read_end(p);
  }
  return finish(rc, pOut, ppOut);
}

/* ---- agencies: who, tasks ------------------------------------------- */

/* The agency ids a typed name stands for: the alias table's canonical name
** when it knows it, else a name as indexed (compared on its folded key).
** *pzCanon gets the name to show (static or malloc'd into *pzFree). */
static int resolve_agency(vp_db *p, const char *zTyped, long long **paId, int *pnId,
                          const vp_agency **ppDef, char **pzFree, char **pzErr) {
  *paId = NULL;
  *pnId = 0;
  *pzFree = NULL;
  const vp_agency *pDef = vp_agency_resolve(zTyped);
  *ppDef = pDef;
  char *zKey = vp_fold_key(pDef ? pDef->zCanon : zTyped, -1);
  if (zKey == NULL) return VP_ENOMEM;
  sqlite3_stmt *s = NULL;
  int rc = prepare(p, "SELECT id, canon FROM agency WHERE canon = ?1 OR key = ?2", &s, pzErr);
  if (rc == VP_OK) {
    if (pDef) sqlite3_bind_text(s, 1, pDef->zCanon, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, zKey, -1, SQLITE_STATIC);
  }
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    long long *aNew = realloc(*paId, (size_t)(*pnId + 1) * sizeof(long long));
    if (aNew == NULL) { rc = VP_ENOMEM; break; }
    *paId = aNew;
    (*paId)[(*pnId)++] = sqlite3_column_int64(s, 0);
    if (pDef == NULL && *pzFree == NULL) *pzFree = vp_strndup(col_text(s, 1), -1);
  }
  release(p, s);
  free(zKey);
  if (rc == VP_OK && pDef == NULL && *pnId == 0) {
    *pzErr = vp_mprintf("no agency named \"%s\" in the alias table or the index", zTyped);
    rc = VP_ENOTFOUND;
  }
  return rc;
}

static cJSON *agency_object(const vp_agency *pDef, const char *zName) {
  cJSON *a = cJSON_CreateObject();
  add_str(a, "name", pDef ? pDef->zCanon : zName);
  add_str(a, "kind", pDef ? pDef->zKind : NULL);
  cJSON_AddBoolToObject(a, "generic", pDef ? pDef->bGeneric : 0);
  add_str(a, "successor", pDef ? pDef->zSuccessor : NULL);
  add_str(a, "successor_note", pDef ? pDef->zSuccessorNote : NULL);
  return a;
}

int vp_query_who(vp_db *p, const char *zAgency, int nLimit, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (nLimit <= 0) nLimit = VP_WHO_TASKS_DEFAULT;
  int rc = check_paging(&nLimit, 0, pzErr);
  if (rc != VP_OK) return rc;
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL;
  rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  rc = resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, pzErr);
  cJSON *pOut = NULL;
  sqlite3_stmt *sCount = NULL, *sDocs = NULL, *sTasks = NULL;
  char *zIn = NULL, *zSqlCount = NULL, *zSqlDocs = NULL, *zSqlTasks = NULL;
  if (rc == VP_OK) {
    pOut = cJSON_CreateObject();
    cJSON_AddStringToObject(pOut, "query", zAgency);
    cJSON_AddItemToObject(pOut, "agency", agency_object(pDef, zName));
    zIn = in_list(nId > 0 ? nId : 1, 3);
    /* counts per province, kept by the store as documents come and go */
    zSqlCount = zIn ? vp_mprintf("SELECT province, sum(lead), sum(support), sum(docs)"
                                 " FROM agency_province WHERE agency_id IN %s"
                                 " GROUP BY province ORDER BY province",
                                 zIn)
                    : NULL;
    /* the first ?2 documents of a province (?1, '' = unknown) that task it */
    zSqlDocs = zIn ? vp_mprintf("SELECT d.id FROM doc d WHERE d.province IS nullif(?1, '')"
                                " AND EXISTS (SELECT 1 FROM agency_doc ad WHERE ad.doc_id = d.id"
                                " AND ad.agency_id IN %s) ORDER BY d.file LIMIT ?2",
                                zIn)
                   : NULL;
    zSqlTasks = zIn ? vp_mprintf(
                          "SELECT ta.role, ta.name, t.text, t.deadline, t.deadline_norm,"
                          " t.section, t.line, d.id, d.file, d.province, d.number, d.date, d.title"
                          " FROM task_agency ta JOIN task t ON t.id = ta.task_id"
                          " JOIN doc d ON d.id = ta.doc_id"
                          " WHERE ta.doc_id = ?1 AND ta.agency_id IN %s ORDER BY t.line, ta.role",
                          zIn)
                    : NULL;
    rc = (zSqlCount && zSqlDocs && zSqlTasks) ? VP_OK : VP_ENOMEM;
    if (rc == VP_OK) rc = prepare(p, zSqlCount, &sCount, pzErr);
    if (rc == VP_OK) rc = prepare(p, zSqlDocs, &sDocs, pzErr);
    if (rc == VP_OK) rc = prepare(p, zSqlTasks, &sTasks, pzErr);
    for (int i = 0; rc == VP_OK && i < (nId > 0 ? nId : 1); i++) {
      sqlite3_bind_int64(sCount, 3 + i, nId > 0 ? aId[i] : -1);
      sqlite3_bind_int64(sDocs, 3 + i, nId > 0 ? aId[i] : -1);
      sqlite3_bind_int64(sTasks, 3 + i, nId > 0 ? aId[i] : -1);
    }
  }
  cJSON *aProv = cJSON_CreateArray(), *pNoProv = NULL;
  long long nTotal = 0;
  while (rc == VP_OK && step_row(p, sCount, &rc, pzErr)) {
    const char *zProv = col_text(sCount, 0);
    int nLead = sqlite3_column_int(sCount, 1), nSup = sqlite3_column_int(sCount, 2);
    if (nLead + nSup <= 0) continue;
    cJSON *o = cJSON_CreateObject();
    add_str(o, "province", zProv && zProv[0] ? zProv : NULL);
    add_str(o, "province_2025", province_2025(zProv));
    cJSON_AddNumberToObject(o, "lead", nLead);
    cJSON_AddNumberToObject(o, "support", nSup);
    cJSON_AddNumberToObject(o, "docs", sqlite3_column_int(sCount, 3));
    cJSON *aTasks = cJSON_AddArrayToObject(o, "tasks");
    /* national documents (and any whose province is unknown) are no
    ** province's: they answer apart, under "without_province" */
    if (zProv && zProv[0]) cJSON_AddItemToArray(aProv, o);
    else if (pNoProv == NULL) pNoProv = o;
    else cJSON_Delete(o);
    nTotal += nLead + nSup;
    /* the tasks of its first documents, at most nLimit */
    sqlite3_bind_text(sDocs, 1, zProv ? zProv : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(sDocs, 2, nLimit);
    int nTasks = 0;
    while (nTasks < nLimit && step_row(p, sDocs, &rc, pzErr)) {
      sqlite3_bind_int64(sTasks, 1, sqlite3_column_int64(sDocs, 0));
      while (nTasks < nLimit && step_row(p, sTasks, &rc, pzErr)) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddItemToObject(t, "doc", doc_object(sTasks, 7));
        add_col(t, "role", sTasks, 0);
        add_col(t, "name", sTasks, 1); /* display form (agency.c) */
        add_clipped(t, "text", sTasks, 2);
        add_col(t, "deadline", sTasks, 3);
        add_col(t, "deadline_norm", sTasks, 4);
        add_col(t, "section", sTasks, 5);
        cJSON_AddNumberToObject(t, "line", sqlite3_column_int(sTasks, 6));
        cJSON_AddItemToArray(aTasks, t);
        nTasks++;
      }
      sqlite3_reset(sTasks);
    }
    sqlite3_reset(sDocs);
  }
  release(p, sCount);
  release(p, sDocs);
  release(p, sTasks);
  read_end(p);
  if (pOut) {
    cJSON_AddNumberToObject(pOut, "total", (double)nTotal);
    cJSON_AddNumberToObject(pOut, "limit", nLimit);
    cJSON_AddItemToObject(pOut, "provinces", aProv);
    if (pNoProv) cJSON_AddItemToObject(pOut, "without_province", pNoProv);
  } else {
    cJSON_Delete(aProv);
    cJSON_Delete(pNoProv);
  }
  free(zIn);
  free(zSqlCount);
  free(zSqlDocs);
  free(zSqlTasks);
  free(aId);
  free(zName);
  return finish(rc, pOut, ppOut);
}

/* agencies of one task: {"lead": [names], "support": [names]} into t */
static int add_task_agencies(vp_db *p, sqlite3_stmt *s, cJSON *t, long long iTask,
                             char **pzErr) {
  int rc = VP_OK;
  sqlite3_bind_int64(s, 1, iTask);
  cJSON *aLead = cJSON_AddArrayToObject(t, "lead");
  cJSON *aSup = cJSON_AddArrayToObject(t, "support");
  while (step_row(p, s, &rc, pzErr)) {
    const char *zRole = col_text(s, 1);
    const char *zCanon = col_text(s, 0);
    cJSON_AddItemToArray(strcmp(zRole, "lead") == 0 ? aLead : aSup, cJSON_CreateString(zCanon));
  }
  sqlite3_reset(s);
  return rc;
}

int vp_query_tasks(vp_db *p, const char *zAgency, const char *zProvince,
                   const char *zDoc, int nLimit, int nOffset, cJSON **ppOut,
                   char **pzErr) {
  *ppOut = NULL;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc != VP_OK) return rc;
  const vp_province *apProv[64];
  int nProv = 0;
  if (zProvince && zProvince[0]) {
    nProv = vp_gaz_members(zProvince, apProv, 64);
    if (nProv == 0) {
      *pzErr = vp_mprintf("no province named \"%s\"", zProvince);
      return VP_EQUERY;
    }
  }
  rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL;
  if (zAgency && zAgency[0]) rc = resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, pzErr);
  /* WHERE: ?1.. agency ids, then provinces, then the doc */
  vp_buf w = {0};
  int rcB = VP_OK, iParam = 1;
  vp_buf_appends(&w, " WHERE 1", &rcB);
  if (zAgency && zAgency[0]) {
    char *zIn = in_list(nId > 0 ? nId : 1, iParam);
    vp_buf_appendf(&w, &rcB, " AND t.id IN (SELECT task_id FROM task_agency WHERE agency_id IN %s)",
                   zIn ? zIn : "(NULL)");
    free(zIn);
    iParam += nId > 0 ? nId : 1;
  }
  int iProvParam = iParam;
  if (nProv) {
    char *zIn = in_list(nProv, iParam);
    vp_buf_appendf(&w, &rcB, " AND d.province IN %s", zIn ? zIn : "(NULL)");
    free(zIn);
    iParam += nProv;
  }
  int iDocParam = iParam;
  if (zDoc && zDoc[0]) {
    vp_buf_appendf(&w, &rcB,
                   " AND (d.file = ?%d OR d.path = ?%d OR CAST(d.id AS TEXT) = ?%d"
                   " OR d.file LIKE '%%/' || ?%d)",
                   iParam, iParam, iParam, iParam);
  }
  if (rcB != VP_OK) rc = VP_ENOMEM;
  char *zWhere = vp_buf_take(&w);
  char *zSqlRows = zWhere ? vp_mprintf(
                                "SELECT t.id, t.text, t.deadline, t.deadline_norm, t.section,"
                                " t.line, d.id, d.file, d.province, d.number, d.date, d.title"
                                " FROM task t JOIN doc d ON d.id = t.doc_id%s"
                                " ORDER BY d.province, d.file, t.line LIMIT %d OFFSET %d",
                                zWhere, nLimit, nOffset)
                          : NULL;
  char *zSqlCount = zWhere ? vp_mprintf("SELECT d.province, count(*) FROM task t"
                                        " JOIN doc d ON d.id = t.doc_id%s GROUP BY d.province",
                                        zWhere)
                           : NULL;
  char *zSqlFacet = zWhere ? vp_mprintf("SELECT a.canon, count(*) FROM task_agency ta"
                                        " JOIN agency a ON a.id = ta.agency_id WHERE ta.task_id IN"
                                        " (SELECT t.id FROM task t JOIN doc d ON d.id = t.doc_id%s)"
                                        " GROUP BY a.id ORDER BY count(*) DESC, a.canon LIMIT 50",
                                        zWhere)
                           : NULL;
  sqlite3_stmt *sRows = NULL, *sCount = NULL, *sAg = NULL, *sFacet = NULL;
  if (rc == VP_OK && (!zSqlRows || !zSqlCount || !zSqlFacet)) rc = VP_ENOMEM;
  if (rc == VP_OK) rc = prepare(p, zSqlRows, &sRows, pzErr);
  if (rc == VP_OK) rc = prepare(p, zSqlCount, &sCount, pzErr);
  if (rc == VP_OK) rc = prepare(p, zSqlFacet, &sFacet, pzErr);
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT a.canon, ta.role FROM task_agency ta JOIN agency a ON a.id = ta.agency_id"
                 " WHERE ta.task_id = ?1 ORDER BY ta.role, ta.rowid",
                 &sAg, pzErr);
  sqlite3_stmt *aStmt[3] = {sRows, sCount, sFacet};
  for (int k = 0; rc == VP_OK && k < 3; k++) {
    sqlite3_stmt *s = aStmt[k];
    int i = 1;
    if (zAgency && zAgency[0]) {
      for (int j = 0; j < nId; j++) sqlite3_bind_int64(s, i + j, aId[j]);
      if (nId == 0) sqlite3_bind_int64(s, i, -1);
    }
    for (int j = 0; j < nProv; j++) sqlite3_bind_text(s, iProvParam + j, apProv[j]->zName, -1, SQLITE_STATIC);
    if (zDoc && zDoc[0]) sqlite3_bind_text(s, iDocParam, zDoc, -1, SQLITE_STATIC);
  }
  cJSON *pOut = cJSON_CreateObject();
  cJSON *pFacets = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *pFProv = cJSON_AddObjectToObject(pFacets, "province");
  cJSON *pFAg = cJSON_AddObjectToObject(pFacets, "agency");
  long long nTotal = 0;
  while (rc == VP_OK && step_row(p, sCount, &rc, pzErr)) {
    int n = sqlite3_column_int(sCount, 1);
    nTotal += n;
    count_into(pFProv, col_text(sCount, 0), n);
  }
  while (rc == VP_OK && step_row(p, sFacet, &rc, pzErr))
    count_into(pFAg, col_text(sFacet, 0), sqlite3_column_int(sFacet, 1));
  cJSON *aTasks = cJSON_CreateArray();
  while (rc == VP_OK && step_row(p, sRows, &rc, pzErr)) {
    cJSON *t = cJSON_CreateObject();
    cJSON_AddItemToObject(t, "doc", doc_object(sRows, 6));
    add_col(t, "province", sRows, 8);
    add_col(t, "section", sRows, 4);
    cJSON_AddNumberToObject(t, "line", sqlite3_column_int(sRows, 5));
    add_clipped(t, "text", sRows, 1);
    add_col(t, "deadline", sRows, 2);
    add_col(t, "deadline_norm", sRows, 3);
    rc = add_task_agencies(p, sAg, t, sqlite3_column_int64(sRows, 0), pzErr);
    cJSON_AddItemToArray(aTasks, t);
  }
  release(p, sRows);
  release(p, sCount);
  release(p, sAg);
  release(p, sFacet);
  read_end(p);
  if (zAgency && zAgency[0] && rc == VP_OK)
    cJSON_AddItemToObject(pOut, "agency", agency_object(pDef, zName));
  cJSON_AddNumberToObject(pOut, "total", (double)nTotal);
  cJSON_AddNumberToObject(pOut, "limit", nLimit);
  cJSON_AddNumberToObject(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "tasks", aTasks);
  free(zWhere);
  free(zSqlRows);
  free(zSqlCount);
  free(zSqlFacet);
  free(aId);
  free(zName);
  return finish(rc, pOut, ppOut);
}

/* ---- documents ------------------------------------------------------ */

int vp_query_docs(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  sqlite3_stmt *s = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  rc = prepare(p,
               "SELECT d.id, d.file, d.province, d.number, d.date, d.title, d.kind,"
               " d.issuer, d.signer, d.size, d.indexed_at,"
               " (SELECT count(*) FROM passage WHERE doc_id = d.id),"
               " (SELECT count(*) FROM citation WHERE doc_id = d.id),"
               " (SELECT count(*) FROM task WHERE doc_id = d.id)"
               " FROM doc d ORDER BY d.file",
               &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aDocs = cJSON_CreateArray();
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *d = doc_object(s, 0);
    add_col(d, "kind", s, 6);
    add_display(d, "issuer", s, 7);
    add_display(d, "signer", s, 8);
    cJSON_AddNumberToObject(d, "size", (double)sqlite3_column_int64(s, 9));
    add_col(d, "indexed_at", s, 10);
    cJSON_AddNumberToObject(d, "passages", sqlite3_column_int(s, 11));
    cJSON_AddNumberToObject(d, "citations", sqlite3_column_int(s, 12));
    cJSON_AddNumberToObject(d, "tasks", sqlite3_column_int(s, 13));
    cJSON_AddItemToArray(aDocs, d);
  }
  release(p, s);
  read_end(p);
  cJSON_AddNumberToObject(pOut, "total", cJSON_GetArraySize(aDocs));
  cJSON_AddItemToObject(pOut, "docs", aDocs);
  return finish(rc, pOut, ppOut);
}

/* The document a user names: its id, its file as indexed, its path, or the
** file's base name. *piDoc = -1 when none. */
static int find_doc(vp_db *p, const char *zId, long long *piDoc, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT id FROM doc WHERE CAST(id AS TEXT) = ?1 OR file = ?1 OR path = ?1"
                   " OR file LIKE '%/' || ?1 ORDER BY id LIMIT 1",
                   &s, pzErr);
  *piDoc = -1;
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zId, -1, SQLITE_STATIC);
    if (step_row(p, s, &rc, pzErr)) *piDoc = sqlite3_column_int64(s, 0);
  }
  release(p, s);
  return rc;
}

int vp_query_doc(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long iDoc;
  rc = find_doc(p, zId, &iDoc, pzErr);
  if (rc == VP_OK && iDoc < 0) {
    *pzErr = vp_mprintf("no document \"%s\" in the index", zId);
    rc = VP_ENOTFOUND;
  }
  cJSON *pOut = NULL;
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT d.id, d.file, d.province, d.number, d.date, d.title, d.kind,"
                 " d.issuer, d.signer, d.size, d.indexed_at FROM doc d WHERE d.id = ?1",
                 &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_int64(s, 1, iDoc);
    if (step_row(p, s, &rc, pzErr)) {
      pOut = cJSON_CreateObject();
      cJSON_AddItemToObject(pOut, "doc", doc_object(s, 0));
      cJSON *d = cJSON_GetObjectItem(pOut, "doc");
      add_col(d, "kind", s, 6);
      add_display(d, "issuer", s, 7);
      add_display(d, "signer", s, 8);
      cJSON_AddNumberToObject(d, "size", (double)sqlite3_column_int64(s, 9));
      add_col(d, "indexed_at", s, 10);
    }
  }
  release(p, s);
  s = NULL;
  if (rc == VP_OK && pOut == NULL) rc = VP_ENOTFOUND;
  /* sections: each heading path with its first line and heading text */
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT section, min(line), count(*) FROM passage WHERE doc_id = ?1"
                 " AND section <> '' GROUP BY section ORDER BY min(line)",
                 &s, pzErr);
  if (rc == VP_OK) {
    cJSON *aSec = cJSON_AddArrayToObject(pOut, "sections");
    sqlite3_bind_int64(s, 1, iDoc);
    while (step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      add_col(o, "section", s, 0);
      cJSON_AddNumberToObject(o, "line", sqlite3_column_int(s, 1));
      cJSON_AddNumberToObject(o, "passages", sqlite3_column_int(s, 2));
      cJSON_AddItemToArray(aSec, o);
    }
  }
  release(p, s);
  s = NULL;
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT i.key, i.scope, i.type, c.relation, c.date, c.section, c.line"
                 " FROM citation c JOIN instrument i ON i.id = c.instrument_id"
                 " WHERE c.doc_id = ?1 ORDER BY c.start",
                 &s, pzErr);
  if (rc == VP_OK) {
    cJSON *aInst = cJSON_AddArrayToObject(pOut, "instruments");
    sqlite3_bind_int64(s, 1, iDoc);
    while (step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      const char *zScope = col_text(s, 1);
      add_col(o, "key", s, 0);
      add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
      add_col(o, "type", s, 2);
      add_col(o, "relation", s, 3);
      add_col(o, "date", s, 4);
      add_col(o, "section", s, 5);
      cJSON_AddNumberToObject(o, "line", sqlite3_column_int(s, 6));
      cJSON_AddItemToArray(aInst, o);
    }
  }
  release(p, s);
  if (rc == VP_OK) { /* the tasks, from the same snapshot */
    char zDocId[32];
    snprintf(zDocId, sizeof(zDocId), "%lld", iDoc);
    cJSON *pTasks = NULL;
    rc = vp_query_tasks(p, NULL, NULL, zDocId, VP_LIMIT_MAX, 0, &pTasks, pzErr);
    if (rc == VP_OK) {
      cJSON_AddItemToObject(pOut, "tasks", cJSON_DetachItemFromObject(pTasks, "tasks"));
      cJSON_AddItemToObject(pOut, "tasks_total", cJSON_DetachItemFromObject(pTasks, "total"));
      cJSON_Delete(pTasks);
    }
  }
  read_end(p);
  if (rc == VP_ENOTFOUND && *pzErr == NULL) *pzErr = vp_mprintf("no document \"%s\" in the index", zId);
  return finish(rc, pOut, ppOut);
}

/* ---- instruments ---------------------------------------------------- */

int vp_query_instruments(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = prepare(p,
               "SELECT " INSTRUMENT_COLS ", st.citations, st.docs"
               " FROM instrument i JOIN instrument_stat st ON st.instrument_id = i.id"
               " WHERE st.citations > 0 ORDER BY st.docs DESC, i.key, i.scope",
               &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aInst = cJSON_CreateArray();
  int nConflict = 0;
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *o = instrument_object(s);
    cJSON_AddNumberToObject(o, "citations", sqlite3_column_int(s, 10));
    cJSON_AddNumberToObject(o, "docs", sqlite3_column_int(s, 11));
    rc = add_dates(p, o, sqlite3_column_int64(s, 0), pzErr);
    if (cJSON_IsTrue(cJSON_GetObjectItem(o, "conflict"))) nConflict++;
    cJSON_AddItemToArray(aInst, o);
  }
  release(p, s);
  read_end(p);
  cJSON_AddNumberToObject(pOut, "total", cJSON_GetArraySize(aInst));
  cJSON_AddNumberToObject(pOut, "conflicts", nConflict);
  cJSON_AddItemToObject(pOut, "instruments", aInst);
  return finish(rc, pOut, ppOut);
}

/* Documents whose own number is the instrument zToken (scope zScope or any):
** what they cite as basis or implement is what the instrument implements. */
static int add_chain(vp_db *p, cJSON *pOut, const char *zToken, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT d.id, d.file, d.number FROM doc d WHERE d.number IS NOT NULL",
                   &s, pzErr);
  cJSON *aImpl = cJSON_AddArrayToObject(pOut, "implements");
  long long aDoc[16];
  int nDoc = 0;
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    vp_docnum d;
    const char *zNum = col_text(s, 2);
    if (vp_docnum_next(zNum, (int)strlen(zNum), 0, &d) && strcmp(d.zToken, zToken) == 0 && nDoc < 16)
      aDoc[nDoc++] = sqlite3_column_int64(s, 0);
  }
  release(p, s);
  s = NULL;
  if (rc == VP_OK && nDoc > 0)
    rc = prepare(p,
                 "SELECT DISTINCT i.key, i.scope, c.relation FROM citation c"
                 " JOIN instrument i ON i.id = c.instrument_id WHERE c.doc_id = ?1"
                 " AND c.relation IN ('basis', 'implements', 'continues')",
                 &s, pzErr);
  for (int k = 0; rc == VP_OK && k < nDoc; k++) {
    sqlite3_bind_int64(s, 1, aDoc[k]);
    while (step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      const char *zScope = col_text(s, 1);
      add_col(o, "key", s, 0);
      add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
      add_col(o, "relation", s, 2);
      cJSON_AddItemToArray(aImpl, o);
    }
    sqlite3_reset(s);
  }
  release(p, s);
  return rc;
}

int vp_query_instrument(vp_db *p, const char *zKey, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  const char *zAt = strchr(zKey, '@');
  char *zNum = vp_strndup(zKey, zAt ? (int)(zAt - zKey) : -1);
  if (zNum == NULL) return VP_ENOMEM;
  vp_docnum d;
  int bNum = vp_qparse_docnums(zNum, &d, 1) == 1;
  free(zNum);
  if (!bNum) {
    *pzErr = vp_mprintf("\"%s\" is not an instrument number (e.g. 69-KL/TW, 709/QĐ-TTg)", zKey);
    return VP_EQUERY;
  }
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddStringToObject(pOut, "key", zKey);
  int rc = read_begin(p, pzErr);
  if (rc == VP_OK) rc = refs_answer(p, pOut, &d, 1, zAt ? zAt + 1 : NULL, NULL, VP_LIMIT_MAX, 0, pzErr);
  if (rc == VP_OK && cJSON_GetArraySize(cJSON_GetObjectItem(pOut, "instruments")) == 0) {
    *pzErr = vp_mprintf("no instrument %s is cited in the index", zKey);
    rc = VP_ENOTFOUND;
  }
  /* implemented by: the documents that cite it as what they carry out */
  cJSON *aBy = cJSON_AddArrayToObject(pOut, "implemented_by");
  cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(pOut, "citations")) {
    const char *zRel = cJSON_GetStringValue(cJSON_GetObjectItem(c, "relation"));
    if (zRel == NULL || strcmp(zRel, "mention") == 0 || strcmp(zRel, "alias") == 0) continue;
    cJSON *pDoc = cJSON_GetObjectItem(c, "doc");
    double id = cJSON_GetNumberValue(cJSON_GetObjectItem(pDoc, "id"));
    int bSeen = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, aBy) {
      if (cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id")) == id) bSeen = 1;
    }
    if (!bSeen) {
      cJSON *o = cJSON_Duplicate(pDoc, 1);
      cJSON_AddStringToObject(o, "relation", zRel);
      cJSON_AddItemToArray(aBy, o);
    }
  }
  if (rc == VP_OK) rc = add_chain(p, pOut, d.zToken, pzErr);
  read_end(p);
  return finish(rc, pOut, ppOut);
}

/* ---- agencies, health ----------------------------------------------- */

int vp_query_agencies(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = prepare(p,
               "SELECT a.canon, a.kind, a.generic, nullif(ap.province, ''), ap.lead, ap.support"
               " FROM agency a JOIN agency_province ap ON ap.agency_id = a.id"
               " WHERE ap.lead + ap.support > 0 ORDER BY a.generic, a.canon, ap.province",
               &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aAg = cJSON_CreateArray();
  cJSON *pCur = NULL;
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    const char *zCanon = col_text(s, 0);
    const char *zCur = pCur ? cJSON_GetStringValue(cJSON_GetObjectItem(pCur, "name")) : NULL;
    if (zCur == NULL || strcmp(zCur, zCanon) != 0) {
      const vp_agency *pDef = vp_agency_resolve(zCanon);
      pCur = agency_object(pDef, zCanon);
      cJSON_ReplaceItemInObject(pCur, "name", cJSON_CreateString(zCanon));
      if (pDef == NULL) {
        cJSON_ReplaceItemInObject(pCur, "kind", cJSON_CreateString(col_text(s, 1)));
        cJSON_ReplaceItemInObject(pCur, "generic", cJSON_CreateBool(sqlite3_column_int(s, 2)));
      }
      cJSON_AddNumberToObject(pCur, "lead", 0);
      cJSON_AddNumberToObject(pCur, "support", 0);
      cJSON_AddArrayToObject(pCur, "provinces");
      cJSON_AddItemToArray(aAg, pCur);
    }
    int nLead = sqlite3_column_int(s, 4), nSup = sqlite3_column_int(s, 5);
    cJSON *o = cJSON_CreateObject();
    add_col(o, "province", s, 3);
    cJSON_AddNumberToObject(o, "lead", nLead);
    cJSON_AddNumberToObject(o, "support", nSup);
    cJSON_AddItemToArray(cJSON_GetObjectItem(pCur, "provinces"), o);
    cJSON *pL = cJSON_GetObjectItem(pCur, "lead"), *pS = cJSON_GetObjectItem(pCur, "support");
    cJSON_SetNumberValue(pL, pL->valuedouble + nLead);
    cJSON_SetNumberValue(pS, pS->valuedouble + nSup);
  }
  release(p, s);
  read_end(p);
  cJSON_AddNumberToObject(pOut, "total", cJSON_GetArraySize(aAg));
  cJSON_AddItemToObject(pOut, "agencies", aAg);
  return finish(rc, pOut, ppOut);
}

int vp_db_generation(vp_db *p, long long *piGen, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT (SELECT value FROM meta WHERE key = 'generation'),"
                   " (SELECT value FROM meta WHERE key = 'instance')",
                   &s, pzErr);
  *piGen = 0;
  if (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    /* the file's random id in the high bits, its write count in the low */
    unsigned long long h = 1469598103934665603ULL;
    const unsigned char *z = sqlite3_column_text(s, 1);
    for (; z && *z; z++) h = (h ^ *z) * 1099511628211ULL;
    unsigned long long g = (unsigned long long)sqlite3_column_int64(s, 0) & 0xFFFFFFFFULL;
    *piGen = (long long)((h & 0x3FFFFFFF00000000ULL) | g);
  }
  release(p, s);
  return rc;
}

int vp_query_health(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = prepare(p,
               "SELECT (SELECT count(*) FROM doc), (SELECT count(*) FROM passage),"
               " (SELECT count(*) FROM citation), (SELECT count(*) FROM task),"
               " (SELECT value FROM meta WHERE key = 'built_at'),"
               " (SELECT value FROM meta WHERE key = 'generation')",
               &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  if (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON_AddBoolToObject(pOut, "ok", 1);
    cJSON_AddNumberToObject(pOut, "documents", sqlite3_column_int(s, 0));
    cJSON_AddNumberToObject(pOut, "passages", sqlite3_column_int(s, 1));
    cJSON_AddNumberToObject(pOut, "citations", sqlite3_column_int(s, 2));
    cJSON_AddNumberToObject(pOut, "tasks", sqlite3_column_int(s, 3));
    add_col(pOut, "built_at", s, 4);
    cJSON_AddNumberToObject(pOut, "generation", (double)sqlite3_column_int64(s, 5));
  }
  release(p, s);
  read_end(p);
  return finish(rc, pOut, ppOut);
}
