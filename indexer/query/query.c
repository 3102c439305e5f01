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
#include "vp_agmatch.h"
#include "vp_collate.h"
#include "vp_common.h"
#include "vp_docfilter.h"
#include "vp_doccache.h"
#include "vp_docnum.h"
#include "vp_facets.h"
#include "vp_instref.h"
#include "vp_meant.h"
#include "vp_qexpand.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_lexicon.h"
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
  vp_doccache *pDocs;               /* documents' province, issuer, citations: facets */
  sqlite3_stmt *sBegin, *sCommit;   /* an answer's snapshot, prepared once */
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
  if (p) p->pDocs = vp_doccache_new();
  if (p == NULL || p->pDocs == NULL) {
    free(p);
    return VP_ENOMEM;
  }
  int rc = vp_store_open(zPath, bReadOnly ? VP_STORE_READONLY : 0, &p->db, pzErr);
  if (rc != VP_OK) {
    vp_doccache_free(p->pDocs);
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
  sqlite3_finalize(p->sBegin);
  sqlite3_finalize(p->sCommit);
  sqlite3_close(p->db);
  vp_doccache_free(p->pDocs);
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
  if (p->sBegin == NULL &&
      sqlite3_prepare_v3(p->db, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT, &p->sBegin, NULL) != SQLITE_OK) {
    *pzErr = vp_mprintf("cannot read the index: %s", sqlite3_errmsg(p->db));
    p->nRead = 0;
    return VP_EDB;
  }
  int rcBegin = sqlite3_step(p->sBegin);
  sqlite3_reset(p->sBegin);
  if (rcBegin != SQLITE_DONE) {
    *pzErr = vp_mprintf("cannot read the index: %s", sqlite3_errmsg(p->db));
    p->nRead = 0;
    return VP_EDB;
  }
  return VP_OK;
}

static void read_end(vp_db *p) {
  if (--p->nRead > 0) return;
  if (p->sCommit == NULL &&
      sqlite3_prepare_v3(p->db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &p->sCommit, NULL) != SQLITE_OK) {
    sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
  } else {
    sqlite3_step(p->sCommit);
    sqlite3_reset(p->sCommit);
  }
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

/* zKey is a string literal: the object keeps it by reference (cJSON's
** "CS" keys), one allocation less a field — answers hold thousands. */
static void add_str(cJSON *o, const char *zKey, const char *zVal) {
  cJSON_AddItemToObjectCS(o, zKey, zVal ? cJSON_CreateString(zVal) : cJSON_CreateNull());
}

static void add_num(cJSON *o, const char *zKey, double v) {
  cJSON_AddItemToObjectCS(o, zKey, cJSON_CreateNumber(v));
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
  add_num(d, "id", (double)sqlite3_column_int64(s, i));
  add_col(d, "file", s, i + 1);
  add_col(d, "province", s, i + 2);
  add_str(d, "province_2025", province_2025(col_text(s, i + 2)));
  add_col(d, "number", s, i + 3);
  add_col(d, "date", s, i + 4);
  add_col(d, "title", s, i + 5); /* stored in display form (meta.c) */
  /* how people name a plan: "222/KH-UBND · Tuyên Quang" (the file's name
  ** when it has no number) */
  const char *zFile = col_text(s, i + 1), *zNum = col_text(s, i + 3), *zProv = col_text(s, i + 2);
  const char *zBase = zFile ? strrchr(zFile, '/') : NULL;
  zBase = zBase ? zBase + 1 : zFile ? zFile : "";
  char *zLabel = vp_mprintf("%s%s%s", zNum && zNum[0] ? zNum : zBase,
                            zProv && zProv[0] ? " · " : "", zProv ? zProv : "");
  add_str(d, "label", zLabel);
  free(zLabel);
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

/* ---- the agency of a filter ------------------------------------------ */

static int resolve_agency(vp_db *p, const char *zTyped, long long **paId, int *pnId,
                          const vp_agency **ppDef, char **pzFree, char **pzChosen,
                          char **pzErr);

/* ---- the issuer of a filter ------------------------------------------ */

/* zTyped folded, issuer codes written out: "UBND tỉnh" → "uy ban nhan dan
** tinh". Caller frees; NULL on OOM. */
static char *issuer_typed_fold(const char *zTyped) {
  const vp_lexicon_list *pCodes = vp_lexicon_get("instrument-types.tsv", "issuer");
  vp_buf b = {0};
  int rc = VP_OK;
  for (const char *z = zTyped; *z;) {
    while (*z == ' ') z++;
    int n = (int)strcspn(z, " ");
    if (n == 0) break;
    const vp_lexicon_entry *e = vp_lexicon_find_code(pCodes, 0, z, n);
    char *zF = vp_fold_str(e ? e->zPhrase : z, e ? -1 : n);
    if (zF == NULL) rc = VP_ENOMEM;
    vp_buf_appendf(&b, &rc, "%s%s", b.n ? " " : "", zF ? zF : "");
    free(zF);
    z += n;
  }
  if (rc != VP_OK) {
    vp_buf_free(&b);
    return NULL;
  }
  return vp_buf_take(&b);
}

static int str_collate(const void *pa, const void *pb) {
  return vp_collate_cmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* A new array of a's strings in Vietnamese order (NULL on OOM). */
static cJSON *sorted_strings(const cJSON *a) {
  int n = cJSON_GetArraySize(a);
  const char **az = malloc(sizeof(*az) * (size_t)(n ? n : 1));
  cJSON *pOut = az ? cJSON_CreateArray() : NULL;
  for (int i = 0; pOut && i < n; i++) az[i] = cJSON_GetArrayItem(a, i)->valuestring;
  if (pOut) qsort(az, (size_t)n, sizeof(*az), str_collate);
  for (int i = 0; pOut && i < n; i++) cJSON_AddItemToArray(pOut, cJSON_CreateString(az[i]));
  free(az);
  return pOut;
}

/* 1 when zNeedle stands in zHay at the start of a word. */
static int has_words(const char *zHay, const char *zNeedle) {
  size_t n = strlen(zNeedle);
  if (n == 0) return 0;
  for (const char *z = strstr(zHay, zNeedle); z; z = strstr(z + 1, zNeedle)) {
    if ((z == zHay || z[-1] == ' ') && (z[n] == 0 || z[n] == ' ')) return 1;
  }
  return 0;
}

int vp_query_issuer_resolve(vp_db *p, const char *zTyped, char **pzIssuer, cJSON **paChoices,
                            char **pzErr) {
  *pzIssuer = NULL;
  if (paChoices) *paChoices = NULL;
  char *zT = issuer_typed_fold(zTyped);
  if (zT == NULL) return VP_ENOMEM;
  sqlite3_stmt *s = NULL;
  int rc = read_begin(p, pzErr);
  if (rc == VP_OK)
    rc = prepare(p, "SELECT issuer FROM doc WHERE issuer IS NOT NULL AND issuer <> ''"
                    " GROUP BY issuer", &s, pzErr);
  cJSON *aAll = cJSON_CreateArray(), *aFit = cJSON_CreateArray();
  char *zExact = NULL, *zFit = NULL;
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    const char *zI = col_text(s, 0);
    char *zF = vp_fold_str(zI, -1);
    char *zD = vp_fold_display(zI, sqlite3_column_bytes(s, 0));
    if (zF == NULL || zD == NULL) rc = VP_ENOMEM;
    if (rc == VP_OK) {
      cJSON_AddItemToArray(aAll, cJSON_CreateString(zD));
      if (strcmp(zF, zT) == 0 && zExact == NULL) zExact = vp_strndup(zI, -1);
      else if (has_words(zF, zT)) {
        cJSON_AddItemToArray(aFit, cJSON_CreateString(zD));
        free(zFit);
        zFit = vp_strndup(zI, -1);
      }
    }
    free(zF);
    free(zD);
  }
  release(p, s);
  read_end(p);
  int nFit = cJSON_GetArraySize(aFit);
  if (rc == VP_OK && zExact) {
    *pzIssuer = zExact;
    zExact = NULL;
  } else if (rc == VP_OK && nFit == 1) {
    *pzIssuer = zFit;
    zFit = NULL;
  } else if (rc == VP_OK) {
    cJSON *aChoices = nFit > 1 ? aFit : aAll;
    vp_buf b = {0};
    int rcB = VP_OK;
    if (nFit > 1) vp_buf_appendf(&b, &rcB, "issuer \"%s\" may name several: ", zTyped);
    else vp_buf_appendf(&b, &rcB, "no issuer \"%s\" in the index; issuers: ", zTyped);
    cJSON *e;
    int i = 0;
    cJSON_ArrayForEach(e, aChoices) vp_buf_appendf(&b, &rcB, "%s%s", i++ ? ", " : "", e->valuestring);
    *pzErr = vp_buf_take(&b);
    rc = VP_ENOTFOUND;
    if (paChoices) *paChoices = sorted_strings(aChoices);
  }
  cJSON_Delete(aAll);
  cJSON_Delete(aFit);
  free(zExact);
  free(zFit);
  free(zT);
  return rc;
}

int vp_query_issuers(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  sqlite3_stmt *s = NULL;
  int rc = read_begin(p, pzErr);
  if (rc == VP_OK)
    rc = prepare(p, "SELECT issuer, count(*) FROM doc WHERE issuer IS NOT NULL AND issuer <> ''"
                    " GROUP BY issuer", &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *a = cJSON_AddArrayToObject(pOut, "issuers");
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    add_display(o, "issuer", s, 0);
    add_num(o, "docs", sqlite3_column_int(s, 1));
    cJSON_AddItemToArray(a, o);
  }
  release(p, s);
  read_end(p);
  if (rc == VP_OK && vp_collate_sort(a, "issuer") != 0) rc = VP_ENOMEM;
  add_num(pOut, "total", cJSON_GetArraySize(a));
  return finish(rc, pOut, ppOut);
}

/* pIn with its issuer as the index stores it (*pOut, the name kept in
** *pzFree); VP_ENOTFOUND when no issuer, or several, fit. */
static int filter_issuer(vp_db *p, vp_docfilter *pOut, char **pzFree, char **pzErr) {
  *pzFree = NULL;
  if (pOut->zIssuer == NULL || pOut->zIssuer[0] == 0) return VP_OK;
  int rc = vp_query_issuer_resolve(p, pOut->zIssuer, pzFree, NULL, pzErr);
  if (rc == VP_OK) pOut->zIssuer = *pzFree;
  return rc;
}

/* A sort that is neither relevance nor date is a query that cannot be read. */
static int check_sort(const vp_docfilter *f, char **pzErr) {
  if (vp_docfilter_sort_date(f) >= 0) return VP_OK;
  *pzErr = vp_mprintf("sort is relevance or date, not \"%s\"", f->zSort);
  return VP_EQUERY;
}

/* pIn with its agency and issuer as the index names them (*pOut): a loosely
** typed name that one agency fits ("so tai chanh") becomes that agency's
** name, kept in *pzFree (caller frees), and so does the issuer; a name no
** agency fits is VP_ENOTFOUND, as for who; an issuer the same. */
static int filter_agency(vp_db *p, const vp_docfilter *pIn, vp_docfilter *pOut, char **pzFree,
                         char **pzErr) {
  *pzFree = NULL;
  memset(pOut, 0, sizeof(*pOut));
  if (pIn == NULL) return VP_OK;
  *pOut = *pIn;
  int rcI = check_sort(pIn, pzErr);
  if (rcI == VP_OK) rcI = filter_issuer(p, pOut, pzFree, pzErr);
  if (rcI != VP_OK) return rcI;
  if (pIn->zAgency == NULL || pIn->zAgency[0] == 0) return VP_OK;
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL, *zChosen = NULL;
  int rc = resolve_agency(p, pIn->zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
  if (rc == VP_OK && zChosen) {
    /* one block for both names: "issuer\0agency" */
    size_t nI = *pzFree ? strlen(*pzFree) + 1 : 0, nA = strlen(zChosen) + 1;
    char *zBoth = malloc(nI + nA);
    if (zBoth == NULL) {
      rc = VP_ENOMEM;
    } else {
      if (nI) memcpy(zBoth, *pzFree, nI);
      memcpy(zBoth + nI, zChosen, nA);
      free(*pzFree);
      *pzFree = zBoth;
      if (nI) pOut->zIssuer = zBoth;
      pOut->zAgency = zBoth + nI;
    }
  }
  free(aId);
  free(zName);
  free(zChosen);
  return rc;
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
  return vp_query_search_in(p, zQuery, NULL, nLimit, nOffset, ppOut, pzErr);
}

/* What the facets need of a document, through the connection's memory of
** documents (vp_doccache.h). */
typedef struct doc_facts {
  vp_db *p;
  sqlite3_stmt *sDoc;   /* province, issuer of a document */
  sqlite3_stmt *sCites; /* its citations by passage */
  sqlite3_stmt *sProbe; /* a passage's citations */
} doc_facts;

static int doc_facts_of(void *pCtx, long long id, const char **pzProvince, const char **pzIssuer,
                        int *pRcSqlite) {
  doc_facts *d = pCtx;
  return vp_doccache_get(d->p->pDocs, d->sDoc, id, pzProvince, pzIssuer, pRcSqlite);
}

/* The relations of passages aPassage[0..n) of document id: from the
** document's citations when the connection keeps them, else a probe of
** the index a passage. */
static int doc_relations(void *pCtx, long long id, const long long *aPassage, int n,
                         void (*xRelation)(void *pArg, int i, const char *zRelation), void *pArg,
                         int *pRcSqlite) {
  doc_facts *d = pCtx;
  const vp_doccache_cite *aCite = NULL;
  int nCite = -1;
  int rc = vp_doccache_cites(d->p->pDocs, d->sCites, id, &aCite, &nCite, pRcSqlite);
  if (rc != VP_OK) return rc;
  if (nCite >= 0) { /* both in passage order */
    for (int i = 0, k = 0; i < n && k < nCite; i++) {
      while (k < nCite && aCite[k].idPassage < aPassage[i]) k++;
      for (int j = k; j < nCite && aCite[j].idPassage == aPassage[i]; j++)
        xRelation(pArg, i, aCite[j].zRelation);
    }
    return VP_OK;
  }
  for (int i = 0; i < n; i++) {
    sqlite3_bind_int64(d->sProbe, 1, aPassage[i]);
    int rcStep;
    while ((rcStep = sqlite3_step(d->sProbe)) == SQLITE_ROW)
      xRelation(pArg, i, (const char *)sqlite3_column_text(d->sProbe, 0));
    sqlite3_reset(d->sProbe);
    if (rcStep != SQLITE_DONE) {
      *pRcSqlite = rcStep;
      return VP_EDB;
    }
  }
  return VP_OK;
}

/* The counts of f into the answer's facet objects (province, issuer,
** relation), inside the answer's read transaction. */
static int facets_into(vp_db *p, vp_facets *f, cJSON *apFacet[3], char **pzErr) {
  doc_facts d = {p, NULL, NULL, NULL};
  vp_doccache_check(p->pDocs, p->db);
  int rc = prepare(p, "SELECT province, issuer FROM doc WHERE id = ?1", &d.sDoc, pzErr);
  if (rc == VP_OK)
    rc = prepare(p, "SELECT passage_id, relation FROM citation WHERE doc_id = ?1"
                    " AND relation IS NOT 'alias' AND passage_id IS NOT NULL ORDER BY passage_id",
                 &d.sCites, pzErr);
  if (rc == VP_OK)
    rc = prepare(p, "SELECT relation FROM citation WHERE passage_id = ?1 AND relation IS NOT 'alias'",
                 &d.sProbe, pzErr);
  int rcSqlite = SQLITE_OK;
  vp_facets_source src = {&d, doc_facts_of, doc_relations};
  if (rc == VP_OK) rc = vp_facets_into(f, &src, apFacet[0], apFacet[1], apFacet[2], &rcSqlite);
  if (rc == VP_EDB && *pzErr == NULL) rc = db_fail(p, rcSqlite, pzErr);
  release(p, d.sDoc);
  release(p, d.sCites);
  release(p, d.sProbe);
  return rc;
}

static int search_answer(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                         int nOffset, int bSuggest, cJSON **ppOut, char **pzErr);

int vp_query_search_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                       int nOffset, cJSON **ppOut, char **pzErr) {
  vp_docfilter f;
  char *zFree = NULL;
  *ppOut = NULL;
  int rc = filter_agency(p, pFilter, &f, &zFree, pzErr);
  if (rc == VP_OK) rc = search_answer(p, zQuery, &f, nLimit, nOffset, 1, ppOut, pzErr);
  free(zFree);
  return rc;
}

/* The FTS5 expression of what a person typed (bPhrases: its runs' phrases
** alone, *pzFts NULL when it has none), and, when it names an agency by
** another spelling than the table's (vp_qexpand.h), of the query with the
** table's name too: "Sở KH&CN chủ trì" finds "Sở Khoa học và Công nghệ chủ
** trì". *pzAlt (caller frees) gets that query, or NULL. */
static int fts_of(const char *zQuery, int bPhrases, char **pzFts, char **pzAlt, char **pzErr) {
  *pzFts = NULL;
  if (pzAlt) *pzAlt = NULL;
  char *zAlt = NULL, *zA = NULL, *zB = NULL;
  int rc = bPhrases ? vp_qparse_to_fts5_phrases(zQuery, &zA, pzErr) : vp_qparse_to_fts5(zQuery, &zA, pzErr);
  if (rc == VP_OK) rc = vp_qexpand_agency(zQuery, &zAlt);
  if (rc == VP_OK && zAlt) {
    char *zErr = NULL; /* the rewrite is ours: a failure keeps the query as typed */
    if ((bPhrases ? vp_qparse_to_fts5_phrases(zAlt, &zB, &zErr) : vp_qparse_to_fts5(zAlt, &zB, &zErr)) != VP_OK) {
      free(zB);
      zB = NULL;
    }
    free(zErr);
  }
  if (rc == VP_OK && zA && zB) {
    *pzFts = vp_mprintf("(%s) OR (%s)", zA, zB);
    if (*pzFts == NULL) rc = VP_ENOMEM;
  } else if (rc == VP_OK) {
    *pzFts = zA ? zA : zB;
    zA = zB = NULL;
  }
  free(zA);
  free(zB);
  if (rc == VP_OK && pzAlt && *pzFts && zAlt) {
    *pzAlt = zAlt;
    zAlt = NULL;
  }
  free(zAlt);
  return rc;
}

/* Does the query have hits at all? */
static int has_hits(vp_db *p, const char *zQuery, int *pbHits, char **pzErr) {
  char *zFts = NULL;
  *pbHits = 0;
  int rc = fts_of(zQuery, 0, &zFts, NULL, pzErr);
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK) rc = prepare(p, "SELECT 1 FROM passage_fts WHERE passage_fts MATCH ?1 LIMIT 1", &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zFts, -1, SQLITE_STATIC);
    *pbHits = step_row(p, s, &rc, pzErr);
  }
  release(p, s);
  free(zFts);
  return rc;
}

/* The indexed spelling nearest a word that finds nothing ("hocj" → "hoc"),
** from the diacritic-free forms the index holds (term_fold); NULL if none
** is within a letter (two for long words). Caller frees. */
static char *nearest_word(vp_db *p, const char *zWord, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int n = (int)strlen(zWord), nMax = n >= 7 ? 2 : 1, nBest = nMax + 1;
  char *zBest = NULL;
  int rc = prepare(p, "SELECT DISTINCT fold FROM term_fold WHERE length(fold) BETWEEN ?1 AND ?2", &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_int(s, 1, n - nMax);
    sqlite3_bind_int(s, 2, n + nMax);
  }
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    const char *zFold = col_text(s, 0);
    int d = vp_agmatch_distance(zWord, n, zFold, sqlite3_column_bytes(s, 0));
    if (d < nBest) {
      nBest = d;
      free(zBest);
      zBest = vp_strndup(zFold, -1);
    }
  }
  release(p, s);
  return zBest;
}

/* A query that matched nothing: typed with diacritics, the same without
** them ("dổi mới" → "doi moi", which matches every spelling), and each word
** that still finds nothing replaced by its nearest indexed spelling. Kept when it
** finds something: {"suggestion": {"query", "total", "why"}}. Best effort:
** an error here only leaves the suggestion out. */
static void add_suggestion(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, cJSON *pOut) {
  if (strpbrk(zQuery, "\"()*") || strstr(zQuery, "AND") || strstr(zQuery, " OR ") || strstr(zQuery, "NOT") ||
      strstr(zQuery, "\xE2\x80\x9C"))
    return; /* operators and phrases: the person wrote a query, not words */
  char *zFold = vp_fold_str(zQuery, -1), *zErr = NULL;
  if (zFold == NULL) return;
  const char *zWhy = "without diacritics";
  int bAscii = 1;
  for (const char *c = zQuery; *c; c++) bAscii &= (unsigned char)*c < 0x80;
  vp_buf b = {0};
  int rc = VP_OK, bChanged = !bAscii;
  { /* a typo: words that find nothing, spelled as indexed */
    for (const char *z = zFold; *z && rc == VP_OK;) {
      int nW = (int)strcspn(z, " ");
      char *zW = vp_strndup(z, nW);
      int bHits = 1;
      if (zW && nW >= 3) rc = has_hits(p, zW, &bHits, &zErr);
      char *zNear = (zW && rc == VP_OK && !bHits) ? nearest_word(p, zW, &zErr) : NULL;
      vp_buf_appendf(&b, &rc, "%s%s", b.n ? " " : "", zNear ? zNear : zW ? zW : "");
      if (zNear) {
        bChanged = 1;
        zWhy = "spelling";
      }
      free(zNear);
      free(zW);
      z += nW;
      while (*z == ' ') z++;
    }
  }
  char *zNew = vp_buf_take(&b);
  cJSON *o = NULL;
  if (rc == VP_OK && bChanged && zNew && zNew[0] && strcmp(zNew, zQuery) != 0 &&
      search_answer(p, zNew, pFilter, 1, 0, 0, &o, &zErr) == VP_OK &&
      cJSON_GetNumberValue(cJSON_GetObjectItem(o, "total")) > 0) {
    cJSON *pSug = cJSON_AddObjectToObject(pOut, "suggestion");
    add_str(pSug, "query", zNew);
    add_num(pSug, "total", cJSON_GetNumberValue(cJSON_GetObjectItem(o, "total")));
    cJSON_AddStringToObject(pSug, "why", zWhy);
  }
  cJSON_Delete(o);
  free(zNew);
  free(zFold);
  free(zErr);
}

static int search_answer(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                         int nOffset, int bSuggest, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  char *zFts = NULL, *zCond = NULL, *zAlt = NULL;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc == VP_OK) rc = fts_of(zQuery, 0, &zFts, &zAlt, pzErr);
  if (rc == VP_OK && !vp_docfilter_empty(pFilter)) rc = vp_docfilter_sql(pFilter, &zCond, pzErr);
  if (rc == VP_OK) rc = check_sort(pFilter, pzErr);
  const char *zRelKey = pFilter ? vp_docfilter_relation(pFilter->zRelation) : NULL;
  if (rc == VP_OK && zRelKey) { /* the passages that carry the relation */
    char *zC = vp_mprintf("(%s AND p.id IN (SELECT passage_id FROM citation WHERE relation = '%s'))",
                          zCond, zRelKey);
    free(zCond);
    zCond = zC;
    if (zC == NULL) rc = VP_ENOMEM;
  }
  int bByDate = vp_docfilter_sort_date(pFilter) == 1;
  if (rc != VP_OK) {
    free(zFts);
    free(zAlt);
    free(zCond);
    return rc;
  }
  /* a filter keeps the passages of the documents it lets through */
  /* a condition on each match (not "rowid IN (every passage of the
  ** documents let through)", which FTS5 reads one rowid at a time) */
  char *zIn = zCond ? vp_mprintf(" AND EXISTS (SELECT 1 FROM passage p JOIN doc d"
                                 " ON d.id = p.doc_id WHERE p.id = passage_fts.rowid AND %s)", zCond)
                    : vp_mprintf("%s", "");
  char *zSqlCount = zIn ? vp_mprintf("SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?1%s"
                                     " ORDER BY rowid DESC LIMIT " VP_STR(VP_RANK_WINDOW) " + 1", zIn)
                        : NULL;
  /* newest first: the page straight from the matches, by the document's date */
  char *zSqlByDate = zIn && bByDate ? vp_mprintf("SELECT p.id FROM passage_fts"
                                     " JOIN passage p ON p.id = passage_fts.rowid"
                                     " JOIN doc d ON d.id = p.doc_id"
                                     " WHERE passage_fts MATCH ?1%s%s"
                                     " ORDER BY d.date IS NULL, d.date DESC, d.id, p.id"
                                     " LIMIT %d OFFSET %d",
                                     zCond ? " AND " : "", zCond ? zCond : "", nLimit, nOffset)
                        : NULL;
  if (!zIn || !zSqlCount || (bByDate && !zSqlByDate)) {
    free(zIn);
    free(zSqlCount);
    free(zSqlByDate);
    free(zFts);
    free(zAlt);
    free(zCond);
    return VP_ENOMEM;
  }
  cJSON *pOut = cJSON_CreateObject();
  add_str(pOut, "query", zQuery);
  if (zAlt) cJSON_AddStringToObject(pOut, "also_as", zAlt); /* an agency in the table's name */
  free(zAlt);
  zAlt = NULL;
  sqlite3_stmt *sRank = NULL, *sHit = NULL;
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
  if (rc == VP_OK) rc = prepare(p, zSqlCount, &sCount, pzErr);
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
  /* counts by province read every match: only while that stays cheap; the
  ** reranker counts them as it ranks every match, else they are counted here */
  cJSON *pFacets = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *apFacet[3] = {NULL, NULL, NULL};
  vp_facets *pFacetCounts = NULL;
  if (rc == VP_OK && !bEstimate && nTotal <= VP_FACET_MAX) {
    apFacet[0] = cJSON_AddObjectToObject(pFacets, "province");
    apFacet[1] = cJSON_AddObjectToObject(pFacets, "issuer");
    apFacet[2] = cJSON_AddObjectToObject(pFacets, "relation");
    rc = vp_facets_new(&pFacetCounts);
    if (rc == VP_OK && bByDate) {
      vp_rerank_io io = {p, rr_prepare, rr_release};
      int rcSqlite = SQLITE_OK;
      rc = vp_facets_scan(&io, zFts, zCond, pFacetCounts, &rcSqlite, pzErr);
      if (rc == VP_EDB && *pzErr == NULL) rc = db_fail(p, rcSqlite, pzErr);
    }
  } else if (rc == VP_OK) {
    cJSON_AddNullToObject(pFacets, "province");
    cJSON_AddNullToObject(pFacets, "issuer");
    cJSON_AddNullToObject(pFacets, "relation");
    add_str(pFacets, "note", "too many matching passages to count by province:"
                                             " narrow the query");
  }
  /* The page of best matches (rerank.c): the best text matches by vp_rank
  ** (with document frequencies when every match is ranked), what they are,
  ** the passages under matching headings, one document not ten times. Then
  ** each hit's passage, document and highlights (a hit through its heading
  ** has no match of its own: its text without marks). */
  vp_rerank_hit *aRr = NULL;
  int nRr = 0;
  if (rc == VP_OK && bByDate) { /* newest first: the matches by date, not reranked */
    sqlite3_stmt *sDate = NULL;
    aRr = calloc((size_t)nLimit, sizeof(*aRr));
    rc = aRr ? prepare(p, zSqlByDate, &sDate, pzErr) : VP_ENOMEM;
    if (rc == VP_OK) sqlite3_bind_text(sDate, 1, zFts, -1, SQLITE_STATIC);
    while (rc == VP_OK && nRr < nLimit && step_row(p, sDate, &rc, pzErr)) {
      aRr[nRr].iPassage = sqlite3_column_int64(sDate, 0);
      aRr[nRr++].bMatch = 1;
    }
    release(p, sDate);
    add_str(pOut, "sort", "date");
  }
  if (rc == VP_OK && !bByDate) {
    vp_rerank_io io = {p, rr_prepare, rr_release};
    int rcSqlite = SQLITE_OK;
    char *zPhrase = NULL;
    if (bEstimate) rc = fts_of(zQuery, 1, &zPhrase, NULL, pzErr);
    vp_docnum aNum[1];
    vp_meant meant;
    if (rc == VP_OK) rc = vp_meant_find(&io, zQuery, &meant, &rcSqlite, pzErr);
    if (rc == VP_OK && meant.idMeant) cJSON_AddStringToObject(pOut, "instrument_meant", meant.zKey);
    vp_rerank_query q = {zFts, zPhrase, !bEstimate, iLow, vp_qparse_docnums(zQuery, aNum, 1) == 0, zIn,
                         zQuery, pFacetCounts, &meant};
    if (rc == VP_OK)
      rc = vp_rerank_search(&io, &q, nLimit, nOffset, &aRr, &nRr, &rcSqlite, pzErr);

    free(zPhrase);
    if (rc == VP_EDB && *pzErr == NULL) rc = db_fail(p, rcSqlite, pzErr);
  }
  if (rc == VP_OK && pFacetCounts) rc = facets_into(p, pFacetCounts, apFacet, pzErr);
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                 " p.section, p.line, p.start, p.text, p.loc"
                 " FROM passage p JOIN doc d ON d.id = p.doc_id WHERE p.id = ?2",
                 &sRank, pzErr);
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                 " p.section, p.line, p.start, highlight(passage_fts, 0, char(2), char(3)), p.loc"
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
      add_num(h, "passage", (double)sqlite3_column_int64(s, 0));
      add_col(h, "section", s, 7);
      add_num(h, "line", sqlite3_column_int(s, 8));
      if (col_text(s, 11)) add_col(h, "loc", s, 11);
      add_highlights(h, col_text(s, 10), sqlite3_column_bytes(s, 10), sqlite3_column_int(s, 9));
      add_num(h, "score", aRr[i].score);
      vp_rerank_hit_json(h, &aRr[i]);
      cJSON_AddItemToArray(aHits, h);
    }
    sqlite3_reset(s);
  }
  vp_rerank_free(aRr, nRr);
  release(p, sRank);
  release(p, sHit);
  read_end(p);
  cJSON_AddStringToObject(pOut, "fts", zFts);
  add_num(pOut, "total", (double)nTotal);
  if (bEstimate) {
    cJSON_AddBoolToObject(pOut, "total_estimated", 1);
    add_num(pOut, "ranked_within", VP_RANK_WINDOW);
  }
  add_num(pOut, "limit", nLimit);
  add_num(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "hits", aHits);
  if (rc == VP_OK && nTotal == 0 && bSuggest) add_suggestion(p, zQuery, pFilter, pOut);
  free(zFts);
  free(zIn);
  free(zSqlCount);
  free(zSqlByDate);
  free(zCond);
  vp_facets_free(pFacetCounts);
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
  if (zD == NULL || (iS == 0 && iE == n)) { /* the whole passage */
    add_str(o, zKey, zD);
    free(zD);
    return;
  }
  size_t nD = strlen(zD);
  char *zOut = malloc(nD + 2 * sizeof("… "));
  if (zOut) {
    size_t k = 0;
    if (iS > 0) k += (size_t)sprintf(zOut, "… ");
    memcpy(zOut + k, zD, nD);
    k += nD;
    if (iE < n) k += (size_t)sprintf(zOut + k, " …");
    zOut[k] = 0;
  }
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
    add_num(o, "count", sqlite3_column_int(s, 1));
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

/* The entry of aCit (from index iFirst on) for passage iPassage and
** instrument zKey, or NULL. */
static cJSON *cit_of_passage(cJSON *aCit, int iFirst, double iPassage, const char *zKey) {
  int i = 0;
  cJSON *c;
  cJSON_ArrayForEach(c, aCit) {
    if (i++ < iFirst) continue;
    if (cJSON_GetNumberValue(cJSON_GetObjectItem(c, "passage")) == iPassage &&
        strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(c, "instrument")), zKey) == 0)
      return c;
  }
  return NULL;
}

/* Citations of the instruments aInst[0..nInst) into aCit, page by page of
** documents: nLimit documents from nOffset on (in doc id order, so the
** (instrument, doc) index is read without sorting). zYear (may be NULL):
** keep only documents that date the instrument in that year or give it no
** date at all. zCond (may be NULL): a condition on the citing document d.
** A passage is listed once per instrument with all its relations; an
** "alias" (the short name a plan defines) is no citation of its own.
** zRel (a relation key, may be NULL): only the passages that cite with it,
** in the documents that have one. bByDate: documents newest first.
** *pnDocs gets the number of citing documents. */
static int add_citations(vp_db *p, cJSON *aCit, const ref_inst *aInst, int nInst,
                         const char *zYear, const char *zCond, const char *zOnlyRel, int bByDate,
                         int nLimit, int nOffset, int *pnDocs, char **pzErr) {
  char *zIn = in_list(nInst, 10);
  if (zIn == NULL) return VP_ENOMEM;
  int bCount = zYear || zCond || zOnlyRel || bByDate;
  /* The page of documents: straight from the (instrument, doc) index; with a
  ** year or a filter, every citing document is checked (and counted). */
  char *zSqlDocs = bCount ? vp_mprintf(
      "SELECT DISTINCT doc_id, (SELECT d7.date FROM doc d7 WHERE d7.id = c.doc_id) AS dd"
      " FROM citation c WHERE instrument_id IN %s"
      " AND (?1 IS NULL OR NOT EXISTS (SELECT 1 FROM citation c2"
      "   WHERE c2.instrument_id = c.instrument_id AND c2.doc_id = c.doc_id"
      "   AND c2.date IS NOT NULL)"
      "  OR EXISTS (SELECT 1 FROM citation c3 WHERE c3.instrument_id = c.instrument_id"
      "   AND c3.doc_id = c.doc_id AND substr(c3.date, 1, 4) = ?1))"
      " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM citation c4 WHERE c4.instrument_id"
      "   = c.instrument_id AND c4.doc_id = c.doc_id AND c4.relation = ?4))"
      " AND doc_id IN (SELECT d.id FROM doc d WHERE %s)"
      " ORDER BY %s",
      zIn, zCond ? zCond : "1", bByDate ? "dd IS NULL, dd DESC, doc_id" : "doc_id") : vp_mprintf(
      "SELECT DISTINCT doc_id FROM citation WHERE instrument_id IN %s"
      " ORDER BY doc_id LIMIT ?2 OFFSET ?3",
      zIn);
  char *zSqlCit = vp_mprintf(
      "SELECT d.id, d.file, d.province, d.number, d.date, d.title,"
      " c.relation, c.date, c.section, c.line, c.start, c.end, p.text,"
      " c.issuer_body, c.title, c.instrument_id, p.start, p.id"
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
  if (rc == VP_OK && zOnlyRel) sqlite3_bind_text(sDocs, 4, zOnlyRel, -1, SQLITE_STATIC);
  if (rc == VP_OK && !bCount) {
    sqlite3_bind_int(sDocs, 2, nLimit);
    sqlite3_bind_int(sDocs, 3, nOffset);
  }
  int nDocs = 0;
  while (rc == VP_OK && step_row(p, sDocs, &rc, pzErr)) {
    int iDoc = bCount ? nDocs++ : nOffset;
    if (iDoc < nOffset || iDoc >= nOffset + nLimit) continue;
    sqlite3_bind_int64(sCit, 1, sqlite3_column_int64(sDocs, 0));
    int iFirst = cJSON_GetArraySize(aCit);
    while (step_row(p, sCit, &rc, pzErr)) {
      long long iInst = sqlite3_column_int64(sCit, 15);
      const char *zKey = "";
      for (int k = 0; k < nInst; k++)
        if (aInst[k].iId == iInst) zKey = aInst[k].zKey;
      const char *zRel = col_text(sCit, 6);
      double iPassage = (double)sqlite3_column_int64(sCit, 17);
      cJSON *c = cit_of_passage(aCit, iFirst, iPassage, zKey);
      if (c) { /* the same passage again: one more relation */
        cJSON *aRel = cJSON_GetObjectItem(c, "relations");
        int bHas = 0;
        cJSON *r;
        cJSON_ArrayForEach(r, aRel) bHas |= zRel && strcmp(cJSON_GetStringValue(r), zRel) == 0;
        if (zRel && !bHas) cJSON_AddItemToArray(aRel, cJSON_CreateString(zRel));
        const char *zCur = cJSON_GetStringValue(cJSON_GetObjectItem(c, "relation"));
        if (zRel && zCur && strcmp(zCur, "alias") == 0 && strcmp(zRel, "alias") != 0)
          cJSON_ReplaceItemInObject(c, "relation", cJSON_CreateString(zRel));
        continue;
      }
      c = cJSON_CreateObject();
      cJSON_AddItemToObject(c, "doc", doc_object(sCit, 0));
      add_str(c, "instrument", zKey);
      add_col(c, "relation", sCit, 6);
      cJSON *aRel = cJSON_AddArrayToObject(c, "relations");
      if (zRel) cJSON_AddItemToArray(aRel, cJSON_CreateString(zRel));
      add_col(c, "date", sCit, 7);
      add_display(c, "issuer_body", sCit, 13);
      add_display(c, "title", sCit, 14);
      add_col(c, "section", sCit, 8);
      add_num(c, "passage", iPassage);
      add_num(c, "line", sqlite3_column_int(sCit, 9));
      add_num(c, "start", sqlite3_column_int(sCit, 10));
      add_num(c, "end", sqlite3_column_int(sCit, 11));
      add_window(c, "text", col_text(sCit, 12), sqlite3_column_bytes(sCit, 12),
                 sqlite3_column_int(sCit, 10) - sqlite3_column_int(sCit, 16),
                 sqlite3_column_int(sCit, 11) - sqlite3_column_int(sCit, 16));
      cJSON_AddItemToArray(aCit, c);
    }
    sqlite3_reset(sCit);
    /* a passage that only defines an alias cites nothing; with a relation
    ** asked for, a passage that does not cite so is left out */
    for (int i = cJSON_GetArraySize(aCit) - 1; i >= iFirst; i--) {
      cJSON *c = cJSON_GetArrayItem(aCit, i);
      const char *zR = cJSON_GetStringValue(cJSON_GetObjectItem(c, "relation"));
      int bKeep = !(zR && strcmp(zR, "alias") == 0);
      if (bKeep && zOnlyRel) {
        cJSON *r;
        bKeep = 0;
        cJSON_ArrayForEach(r, cJSON_GetObjectItem(c, "relations")) bKeep |= strcmp(r->valuestring, zOnlyRel) == 0;
      }
      if (!bKeep) cJSON_DeleteItemFromArray(aCit, i);
    }
  }
  release(p, sDocs);
  release(p, sCit);
  *pnDocs = nDocs;
  return rc;
}

#define MAX_QUERY_NUMBERS 8
#define MAX_REF_INSTRUMENTS 64

/* Citations of instrument iInst as people count them: one per passage,
** alias definitions left out. */
static int count_citations(vp_db *p, long long iInst, int *pn, char **pzErr) {
  sqlite3_stmt *s = NULL;
  /* kept at index time (store.c): passages, each once, aliases left out */
  int rc = prepare(p, "SELECT citations FROM instrument_stat WHERE instrument_id = ?1", &s, pzErr);
  *pn = 0;
  if (rc == VP_OK) {
    sqlite3_bind_int64(s, 1, iInst);
    if (step_row(p, s, &rc, pzErr)) *pn = sqlite3_column_int(s, 0);
  }
  release(p, s);
  return rc;
}

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
    int nCit = 0;
    rc = count_citations(p, sqlite3_column_int64(s, 0), &nCit, pzErr);
    add_num(o, "citations", nCit);
    add_num(o, "docs", sqlite3_column_int(s, 11));
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

/* An instrument chosen by its token and scope (NULL: any scope). */
typedef struct inst_sel {
  char zToken[64];
  char zKey[64]; /* display key, when known */
  char zScope[128];
  int bScope;
} inst_sel;

/* "facets": {"relation": {key: passages}, "issuer": {issuer: documents}}
** of the citations of a[0..n) in the documents zCond (may be NULL) lets
** through, alias definitions left out. */
static int add_refs_facets(vp_db *p, cJSON *pOut, const ref_inst *a, int n, const char *zCond,
                           char **pzErr) {
  char *zIn = in_list(n, 10);
  char *zSql = zIn ? vp_mprintf(
      "SELECT 0, c.relation, count(DISTINCT c.passage_id) FROM citation c"
      " JOIN doc d ON d.id = c.doc_id WHERE c.instrument_id IN %s AND %s"
      " AND c.relation IS NOT 'alias' GROUP BY c.relation"
      " UNION ALL SELECT 1, d.issuer, count(DISTINCT d.id) FROM citation c"
      " JOIN doc d ON d.id = c.doc_id WHERE c.instrument_id IN %s AND %s"
      " AND c.relation IS NOT 'alias' GROUP BY d.issuer",
      zIn, zCond ? zCond : "1", zIn, zCond ? zCond : "1") : NULL;
  free(zIn);
  if (zSql == NULL) return VP_ENOMEM;
  sqlite3_stmt *s = NULL;
  int rc = prepare(p, zSql, &s, pzErr);
  free(zSql);
  cJSON *pF = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *apF[2] = {cJSON_AddObjectToObject(pF, "relation"), cJSON_AddObjectToObject(pF, "issuer")};
  for (int i = 0; rc == VP_OK && i < n; i++) sqlite3_bind_int64(s, 10 + i, a[i].iId);
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    int k = sqlite3_column_int(s, 0);
    if (k < 0 || k > 1 || col_text(s, 1) == NULL) continue;
    count_into(apF[k], col_text(s, 1), sqlite3_column_int(s, 2));
  }
  release(p, s);
  return rc;
}

/* refs and instrument share this: the instruments selected, their dates
** and one page of citations. */
static int refs_answer(vp_db *p, cJSON *pOut, const inst_sel *aSel, int nSel,
                       const char *zYear, const char *zCond, const char *zRel, int bByDate,
                       int nLimit, int nOffset, char **pzErr) {
  cJSON *aInst = cJSON_AddArrayToObject(pOut, "instruments");
  ref_inst a[MAX_REF_INSTRUMENTS];
  int n = 0;
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < nSel; i++)
    rc = find_instruments(p, aSel[i].zToken, aSel[i].bScope ? aSel[i].zScope : NULL, aInst, a, &n,
                          MAX_REF_INSTRUMENTS, pzErr);
  cJSON *aCit = cJSON_CreateArray();
  int nDocs = 0;
  if (rc == VP_OK && n > 0)
    rc = add_citations(p, aCit, a, n, zYear, zCond, zRel, bByDate, nLimit, nOffset, &nDocs, pzErr);
  int nTotal = 0, bCounted = zYear || zCond || zRel || bByDate;
  cJSON *o;
  cJSON_ArrayForEach(o, aInst) {
    nTotal += (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "citations"));
    if (!bCounted) nDocs += (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "docs"));
  }
  /* counts by relation and issuer read every citation: only while that
  ** stays cheap, as search's facets (20-NQ/TW in a 1 GB index: 63,000) */
  if (rc == VP_OK && n > 0 && nTotal <= VP_FACET_MAX) rc = add_refs_facets(p, pOut, a, n, zCond, pzErr);
  else if (rc == VP_OK) cJSON_AddObjectToObject(pOut, "facets");
  if (bByDate) cJSON_AddStringToObject(pOut, "sort", "date");
  if (n > 1) cJSON_AddBoolToObject(pOut, "ambiguous", 1);
  add_num(pOut, "total", bCounted ? cJSON_GetArraySize(aCit) : nTotal);
  add_num(pOut, "docs_total", nDocs);
  add_num(pOut, "limit", nLimit);
  add_num(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "citations", aCit);
  for (int i = 0; i < n; i++) free(a[i].zKey);
  return rc;
}

#define MAX_LOOSE 20

/* Instruments cited in the index that a loosely typed reference may mean:
** same number, and the type, issuer and year when given. With
** bNearest, the nearest ones instead: the same number first, then the same
** type with the closest number. (token, scope) pairs into aSel. */
static int loose_candidates(vp_db *p, const vp_instref *r, int bUseYear, int bNearest,
                            inst_sel *aSel, int *pnSel, int nMax, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p, bNearest ?
      "SELECT i.token, i.scope, i.key FROM instrument i JOIN instrument_stat st ON st.instrument_id = i.id"
      " WHERE st.citations > 0 AND (?2 IS NULL OR i.type_code = ?2"
      "  OR CAST(i.number AS INTEGER) = CAST(?1 AS INTEGER))"
      " ORDER BY CAST(i.number AS INTEGER) = CAST(?1 AS INTEGER) DESC,"
      "  (?3 IS NOT NULL AND i.issuer_code = ?3) DESC,"
      "  abs(CAST(i.number AS INTEGER) - CAST(?1 AS INTEGER)), st.docs DESC, i.key LIMIT ?6"
      :
      "SELECT i.token, i.scope, i.key FROM instrument i JOIN instrument_stat st ON st.instrument_id = i.id"
      " WHERE st.citations > 0 AND CAST(i.number AS INTEGER) = CAST(?1 AS INTEGER)"
      " AND (?2 IS NULL OR i.type_code = ?2)"
      " AND (?3 IS NULL OR i.issuer_code = ?3 OR i.issuer_code LIKE ?3 || '-%')"
      " AND (?4 IS NULL OR i.year = ?4 OR EXISTS (SELECT 1 FROM instrument_date dd"
      "  WHERE dd.instrument_id = i.id AND substr(dd.date, 1, 4) = ?5))"
      " ORDER BY st.docs DESC, i.key, i.scope LIMIT ?6",
      &s, pzErr);
  char zYear[8];
  snprintf(zYear, sizeof(zYear), "%04d", r->nYear % 10000);
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, r->zNumber, -1, SQLITE_STATIC);
    if (r->zType[0]) sqlite3_bind_text(s, 2, r->zType, -1, SQLITE_STATIC);
    if (r->zIssuer[0]) sqlite3_bind_text(s, 3, r->zIssuer, -1, SQLITE_STATIC);
    if (bUseYear && r->nYear && !bNearest) {
      sqlite3_bind_int(s, 4, r->nYear);
      sqlite3_bind_text(s, 5, zYear, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(s, 6, nMax);
  }
  *pnSel = 0;
  while (rc == VP_OK && *pnSel < nMax && step_row(p, s, &rc, pzErr)) {
    inst_sel *q = &aSel[(*pnSel)++];
    snprintf(q->zToken, sizeof(q->zToken), "%s", col_text(s, 0));
    snprintf(q->zScope, sizeof(q->zScope), "%s", col_text(s, 1) ? col_text(s, 1) : "");
    snprintf(q->zKey, sizeof(q->zKey), "%s", col_text(s, 2) ? col_text(s, 2) : "");
    q->bScope = 1;
  }
  release(p, s);
  return rc;
}

/* Instrument objects (with dates) of aSel into a new array under zName. */
static int add_instrument_list(vp_db *p, cJSON *pOut, const char *zName, const inst_sel *aSel,
                               int nSel, char **pzErr) {
  cJSON *aList = cJSON_AddArrayToObject(pOut, zName);
  ref_inst a[MAX_LOOSE];
  int n = 0, rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < nSel; i++)
    rc = find_instruments(p, aSel[i].zToken, aSel[i].zScope, aList, a, &n, MAX_LOOSE, pzErr);
  for (int i = 0; i < n; i++) free(a[i].zKey);
  return rc;
}

/* How many different numbers aSel holds (one number in several provinces
** is one). */
static int distinct_tokens(const inst_sel *aSel, int n) {
  int nDistinct = 0;
  for (int i = 0; i < n; i++) {
    int bSeen = 0;
    for (int j = 0; j < i; j++) bSeen |= strcmp(aSel[i].zToken, aSel[j].zToken) == 0;
    nDistinct += !bSeen;
  }
  return nDistinct;
}

/* How many cited instruments have the token zToken (any scope). */
static int count_cited(vp_db *p, const char *zToken, int *pn, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT count(*) FROM instrument i JOIN instrument_stat st"
                   " ON st.instrument_id = i.id WHERE i.token = ?1 AND st.citations > 0",
                   &s, pzErr);
  *pn = 0;
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zToken, -1, SQLITE_STATIC);
    if (step_row(p, s, &rc, pzErr)) *pn = sqlite3_column_int(s, 0);
  }
  release(p, s);
  return rc;
}

int vp_query_refs(vp_db *p, const char *zQuery, int nLimit, int nOffset, cJSON **ppOut,
                  char **pzErr) {
  return vp_query_refs_in(p, zQuery, NULL, nLimit, nOffset, ppOut, pzErr);
}

static int refs_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                   int nOffset, cJSON **ppOut, char **pzErr);

int vp_query_refs_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                     int nOffset, cJSON **ppOut, char **pzErr) {
  vp_docfilter f;
  char *zFree = NULL;
  *ppOut = NULL;
  int rc = filter_agency(p, pFilter, &f, &zFree, pzErr);
  if (rc == VP_OK) rc = refs_in(p, zQuery, &f, nLimit, nOffset, ppOut, pzErr);
  free(zFree);
  return rc;
}

static int refs_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                   int nOffset, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (nLimit <= 0) nLimit = VP_REFS_DOCS_DEFAULT;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc != VP_OK) return rc;
  vp_docnum aNum[MAX_QUERY_NUMBERS];
  int nNum = vp_qparse_docnums(zQuery, aNum, MAX_QUERY_NUMBERS);
  /* what a person may mean when the number is not written in full */
  vp_instref ref;
  int bLoose = vp_instref_parse(zQuery, &ref);
  if (nNum > 0) { /* "20/NQ-TW" read as written has the parts of 20-NQ/TW */
    memset(&ref, 0, sizeof(ref));
    snprintf(ref.zNumber, sizeof(ref.zNumber), "%s", aNum[0].zNumber);
    snprintf(ref.zType, sizeof(ref.zType), "%s", aNum[0].zType);
    snprintf(ref.zIssuer, sizeof(ref.zIssuer), "%s", aNum[0].zIssuer);
    ref.nYear = aNum[0].nYear;
    bLoose = 1;
  }
  if (nNum == 0 && !bLoose) {
    *pzErr = vp_mprintf("no instrument number in \"%s\" (write it as 20-NQ/TW, NQ 20, "
                        "\"Quyết định 709\" or 35/2021/NĐ-CP)", zQuery);
    return VP_EQUERY;
  }
  char *zCond = NULL;
  if (!vp_docfilter_empty(pFilter)) rc = vp_docfilter_sql(pFilter, &zCond, pzErr);
  if (rc != VP_OK) return rc;
  char zDate[11], zYear[5];
  int bDate = vp_qparse_date(zQuery, zDate);
  if (bDate) snprintf(zYear, sizeof(zYear), "%.4s", zDate);
  cJSON *pOut = cJSON_CreateObject();
  add_str(pOut, "query", zQuery);
  if (bDate) cJSON_AddStringToObject(pOut, "date", zDate);
  inst_sel aSel[MAX_LOOSE];
  int nSel = 0;
  for (int i = 0; i < nNum && nSel < MAX_LOOSE; i++) {
    snprintf(aSel[nSel].zToken, sizeof(aSel[nSel].zToken), "%s", aNum[i].zToken);
    aSel[nSel].zScope[0] = 0;
    aSel[nSel++].bScope = 0;
  }
  rc = read_begin(p, pzErr);
  if (rc == VP_OK) {
    /* as written first; then the parts, read loosely */
    int nFound = 0;
    for (int i = 0; rc == VP_OK && i < nSel; i++) {
      int n = 0;
      rc = count_cited(p, aSel[i].zToken, &n, pzErr);
      nFound += n;
    }
    if (rc == VP_OK && nFound == 0 && bLoose && ref.zNumber[0]) {
      rc = loose_candidates(p, &ref, 1, 0, aSel, &nSel, MAX_LOOSE, pzErr);
      if (rc == VP_OK && nSel == 0 && ref.nYear) { /* a year that fits none: said, not kept */
        rc = loose_candidates(p, &ref, 0, 0, aSel, &nSel, MAX_LOOSE, pzErr);
        if (nSel > 0) {
          cJSON_AddBoolToObject(pOut, "year_ignored", 1);
          add_num(pOut, "year", ref.nYear);
        }
      }
      if (rc == VP_OK && distinct_tokens(aSel, nSel) == 1) {
        add_str(pOut, "interpreted_as", aSel[0].zKey);
      } else if (rc == VP_OK && nSel > 1) { /* several numbers: the person chooses */
        rc = add_instrument_list(p, pOut, "candidates", aSel, nSel, pzErr);
        nSel = 0;
      }
    }
    if (rc == VP_OK && nSel > 0)
      rc = refs_answer(p, pOut, aSel, nSel, bDate ? zYear : NULL, zCond,
                       pFilter ? vp_docfilter_relation(pFilter->zRelation) : NULL,
                       vp_docfilter_sort_date(pFilter) == 1, nLimit, nOffset, pzErr);
    if (rc == VP_OK && nSel == 0) { /* nothing cited by that number */
      if (cJSON_GetObjectItem(pOut, "instruments") == NULL) cJSON_AddArrayToObject(pOut, "instruments");
      add_num(pOut, "total", 0);
      add_num(pOut, "docs_total", 0);
      add_num(pOut, "limit", nLimit);
      add_num(pOut, "offset", nOffset);
      cJSON_AddArrayToObject(pOut, "citations");
      if (cJSON_GetObjectItem(pOut, "candidates") == NULL && ref.zNumber[0]) {
        rc = loose_candidates(p, &ref, 0, 1, aSel, &nSel, 5, pzErr);
        if (rc == VP_OK) rc = add_instrument_list(p, pOut, "suggestions", aSel, nSel, pzErr);
      }
    }
    read_end(p);
  }
  free(zCond);
  return finish(rc, pOut, ppOut);
}

/* ---- agencies: who, tasks ------------------------------------------- */

/* An agency a typed name may mean, with how well it matches. */
typedef struct ag_cand {
  char *zName;
  int nLead, nSupport;
  vp_agmatch_tier eTier;
  int nDist;
} ag_cand;

static int ag_cand_cmp(const void *pa, const void *pb) {
  const ag_cand *a = pa, *b = pb;
  if (a->eTier != b->eTier) return (int)b->eTier - (int)a->eTier;
  int ta = a->nLead + a->nSupport > 0, tb = b->nLead + b->nSupport > 0;
  if (ta != tb) return tb - ta;
  if (a->nDist != b->nDist) return a->nDist - b->nDist;
  if (a->nLead + a->nSupport != b->nLead + b->nSupport)
    return (b->nLead + b->nSupport) - (a->nLead + a->nSupport);
  return (int)strlen(a->zName) - (int)strlen(b->zName);
}

static void ag_cands_free(ag_cand *a, int n) {
  for (int i = 0; i < n; i++) free(a[i].zName);
  free(a);
}

/* Every agency of the index and of the alias table that zTyped matches,
** best first (vp_agmatch tiers; then agencies with tasks, fewer typos, more
** tasks, shorter names). *pa is malloc'd (ag_cands_free). */
static int agency_candidates(vp_db *p, const char *zTyped, ag_cand **pa, int *pn, char **pzErr) {
  *pa = NULL;
  *pn = 0;
  char *zFold = vp_fold_str(zTyped, -1);
  if (zFold == NULL) return VP_ENOMEM;
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT a.canon, coalesce(sum(ap.lead), 0), coalesce(sum(ap.support), 0)"
                   " FROM agency a LEFT JOIN agency_province ap ON ap.agency_id = a.id"
                   " GROUP BY a.id",
                   &s, pzErr);
  int nAlloc = 0, nTable = vp_agency_count();
  for (int k = -1; rc == VP_OK; k++) {
    const char *zName;
    int nLead = 0, nSup = 0;
    if (k < 0) { /* the index first, then the table's names it lacks */
      if (!step_row(p, s, &rc, pzErr)) continue;
      zName = col_text(s, 0);
      nLead = sqlite3_column_int(s, 1);
      nSup = sqlite3_column_int(s, 2);
      k = -2;
    } else {
      if (k >= nTable) break;
      zName = vp_agency_get(k)->zCanon;
      int bSeen = 0;
      for (int i = 0; i < *pn && !bSeen; i++) bSeen = strcmp((*pa)[i].zName, zName) == 0;
      if (bSeen) continue;
    }
    char *zNameFold = vp_fold_str(zName, -1);
    int nDist = 0;
    vp_agmatch_tier e = zNameFold ? vp_agmatch_score(zFold, zNameFold, &nDist) : VP_AGMATCH_NONE;
    free(zNameFold);
    if (e == VP_AGMATCH_NONE) continue;
    if (*pn == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 16;
      ag_cand *aNew = realloc(*pa, (size_t)nAlloc * sizeof(ag_cand));
      if (aNew == NULL) { rc = VP_ENOMEM; break; }
      *pa = aNew;
    }
    ag_cand *c = &(*pa)[(*pn)++];
    c->zName = vp_strndup(zName, -1);
    c->nLead = nLead;
    c->nSupport = nSup;
    c->eTier = e;
    c->nDist = nDist;
    if (c->zName == NULL) { (*pn)--; rc = VP_ENOMEM; }
  }
  release(p, s);
  free(zFold);
  if (rc == VP_OK && *pn > 1) qsort(*pa, (size_t)*pn, sizeof(ag_cand), ag_cand_cmp);
  if (rc != VP_OK) {
    ag_cands_free(*pa, *pn);
    *pa = NULL;
    *pn = 0;
  }
  return rc;
}

/* The one agency a loosely typed name stands for, or NULL: the best match
** when it is alone in its tier, or alone there with tasks in the index. */
static const char *agency_choice(const ag_cand *a, int n) {
  if (n == 0) return NULL;
  int nTier = 0, nTasked = 0, iTasked = -1;
  for (int i = 0; i < n && a[i].eTier == a[0].eTier; i++) {
    if (a[0].eTier == VP_AGMATCH_TYPO && a[i].nDist != a[0].nDist) break;
    nTier++;
    if (a[i].nLead + a[i].nSupport > 0) {
      nTasked++;
      if (iTasked < 0) iTasked = i;
    }
  }
  if (nTier == 1) return a[0].zName;
  if (nTasked == 1) return a[iTasked].zName;
  return NULL;
}

int vp_query_agency_suggest(vp_db *p, const char *zTyped, int nMax, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (nMax <= 0) nMax = 5;
  if (nMax > VP_LIMIT_MAX) nMax = VP_LIMIT_MAX;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  ag_cand *a = NULL;
  int n = 0;
  rc = agency_candidates(p, zTyped ? zTyped : "", &a, &n, pzErr);
  read_end(p);
  cJSON *pOut = cJSON_CreateObject();
  add_str(pOut, "query", zTyped ? zTyped : "");
  cJSON *aAg = cJSON_AddArrayToObject(pOut, "agencies");
  for (int i = 0; rc == VP_OK && i < n && i < nMax; i++) {
    cJSON *o = cJSON_CreateObject();
    add_str(o, "name", a[i].zName);
    add_num(o, "lead", a[i].nLead);
    add_num(o, "support", a[i].nSupport);
    add_str(o, "match", vp_agmatch_tier_name(a[i].eTier));
    cJSON_AddItemToArray(aAg, o);
  }
  add_num(pOut, "total", n);
  ag_cands_free(a, n);
  return finish(rc, pOut, ppOut);
}

/* The agency ids a typed name stands for: the alias table's canonical name
** when it knows it, else a name as indexed (compared on its folded key),
** else the one agency a prefix, words or a typo point to (its name in
** *pzChosen, malloc'd; NULL when the name was known as typed). *pzFree gets
** the name to show for an agency outside the table. */
static int resolve_agency(vp_db *p, const char *zTyped, long long **paId, int *pnId,
                          const vp_agency **ppDef, char **pzFree, char **pzChosen,
                          char **pzErr) {
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
  if (rc == VP_OK && pDef == NULL && *pnId == 0 && pzChosen && *pzChosen == NULL) {
    ag_cand *a = NULL;
    int n = 0;
    rc = agency_candidates(p, zTyped, &a, &n, pzErr);
    const char *zChoice = rc == VP_OK ? agency_choice(a, n) : NULL;
    if (zChoice) {
      *pzChosen = vp_strndup(zChoice, -1);
      ag_cands_free(a, n);
      if (*pzChosen == NULL) return VP_ENOMEM;
      return resolve_agency(p, *pzChosen, paId, pnId, ppDef, pzFree, NULL, pzErr);
    }
    if (rc == VP_OK) {
      vp_buf b = {0};
      int rcB = VP_OK;
      vp_buf_appendf(&b, &rcB, "no agency named \"%s\" in the alias table or the index", zTyped);
      for (int i = 0; i < n && i < 5; i++)
        vp_buf_appendf(&b, &rcB, "%s%s", i ? "; " : "; did you mean: ", a[i].zName);
      *pzErr = vp_buf_take(&b);
      rc = VP_ENOTFOUND;
    }
    ag_cands_free(a, n);
    return rc;
  }
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
  char *zChosen = NULL;
  rc = resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
  cJSON *pOut = NULL;
  sqlite3_stmt *sCount = NULL, *sDocs = NULL, *sTasks = NULL;
  char *zIn = NULL, *zSqlCount = NULL, *zSqlDocs = NULL, *zSqlTasks = NULL;
  if (rc == VP_OK) {
    pOut = cJSON_CreateObject();
    add_str(pOut, "query", zAgency);
    if (zChosen) cJSON_AddStringToObject(pOut, "interpreted_as", zChosen);
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
    add_num(o, "lead", nLead);
    add_num(o, "support", nSup);
    add_num(o, "docs", sqlite3_column_int(sCount, 3));
    cJSON *aTasks = cJSON_AddArrayToObject(o, "tasks");
    /* national documents (and any whose province is unknown) are no
    ** province's: they answer apart, under "without_province" */
    nTotal += nLead + nSup;
    if (zProv && zProv[0]) cJSON_AddItemToArray(aProv, o);
    else if (pNoProv == NULL) pNoProv = o;
    else { /* NULL and '' both mean none (the store writes ''): one entry */
      static const char *const azSum[] = {"lead", "support", "docs"};
      for (int k = 0; k < 3; k++) {
        cJSON *c = cJSON_GetObjectItem(pNoProv, azSum[k]);
        cJSON_SetNumberValue(c, c->valuedouble + cJSON_GetNumberValue(cJSON_GetObjectItem(o, azSum[k])));
      }
      cJSON_Delete(o);
      continue;
    }
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
        add_num(t, "line", sqlite3_column_int(sTasks, 6));
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
    add_num(pOut, "total", (double)nTotal);
    add_num(pOut, "limit", nLimit);
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
  free(zChosen);
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
  vp_docfilter f = {0};
  f.zProvince = zProvince;
  return vp_query_tasks_in(p, zAgency, &f, zDoc, nLimit, nOffset, ppOut, pzErr);
}

int vp_query_tasks_in(vp_db *p, const char *zAgency, const vp_docfilter *pFilter,
                      const char *zDoc, int nLimit, int nOffset, cJSON **ppOut,
                      char **pzErr) {
  *ppOut = NULL;
  int rc = check_paging(&nLimit, nOffset, pzErr);
  if (rc != VP_OK) return rc;
  char *zCond = NULL, *zIssuer = NULL;
  vp_docfilter fIss;
  memset(&fIss, 0, sizeof(fIss));
  if (pFilter) fIss = *pFilter;
  rc = check_sort(&fIss, pzErr);
  if (rc == VP_OK) rc = filter_issuer(p, &fIss, &zIssuer, pzErr);
  if (rc == VP_OK && !vp_docfilter_empty(&fIss)) rc = vp_docfilter_sql(&fIss, &zCond, pzErr);
  free(zIssuer);
  if (rc != VP_OK) return rc;
  int bByDate = vp_docfilter_sort_date(&fIss) == 1;
  rc = read_begin(p, pzErr);
  if (rc != VP_OK) {
    free(zCond);
    return rc;
  }
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL, *zChosen = NULL;
  if (zAgency && zAgency[0])
    rc = resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
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
  if (zCond) vp_buf_appendf(&w, &rcB, " AND %s", zCond);
  int iDocParam = iParam;
  if (zDoc && zDoc[0]) {
    vp_buf_appendf(&w, &rcB,
                   " AND (d.file = ?%d OR d.path = ?%d OR CAST(d.id AS TEXT) = ?%d"
                   " OR d.file LIKE '%%/' || ?%d OR d.number = ?%d)",
                   iParam, iParam, iParam, iParam, iParam);
  }
  if (rcB != VP_OK) rc = VP_ENOMEM;
  char *zWhere = vp_buf_take(&w);
  char *zSqlRows = zWhere ? vp_mprintf(
                                "SELECT t.id, t.text, t.deadline, t.deadline_norm, t.section,"
                                " t.line, d.id, d.file, d.province, d.number, d.date, d.title"
                                " FROM task t JOIN doc d ON d.id = t.doc_id%s"
                                " ORDER BY %sd.province, d.file, t.line LIMIT %d OFFSET %d",
                                zWhere, bByDate ? "d.date IS NULL, d.date DESC, " : "", nLimit, nOffset)
                          : NULL;
  char *zSqlCount = zWhere ? vp_mprintf("SELECT 0, d.province, count(*) FROM task t"
                                        " JOIN doc d ON d.id = t.doc_id%s GROUP BY d.province"
                                        " UNION ALL SELECT 1, d.issuer, count(*) FROM task t"
                                        " JOIN doc d ON d.id = t.doc_id%s GROUP BY d.issuer",
                                        zWhere, zWhere)
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
    if (zDoc && zDoc[0]) sqlite3_bind_text(s, iDocParam, zDoc, -1, SQLITE_STATIC);
  }
  cJSON *pOut = cJSON_CreateObject();
  cJSON *pFacets = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *pFProv = cJSON_AddObjectToObject(pFacets, "province");
  cJSON *pFAg = cJSON_AddObjectToObject(pFacets, "agency");
  cJSON *pFIss = cJSON_AddObjectToObject(pFacets, "issuer");
  long long nTotal = 0;
  while (rc == VP_OK && step_row(p, sCount, &rc, pzErr)) {
    int n = sqlite3_column_int(sCount, 2);
    if (sqlite3_column_int(sCount, 0) == 1) {
      if (col_text(sCount, 1)) count_into(pFIss, col_text(sCount, 1), n);
      continue;
    }
    nTotal += n;
    count_into(pFProv, col_text(sCount, 1), n);
  }
  while (rc == VP_OK && step_row(p, sFacet, &rc, pzErr))
    count_into(pFAg, col_text(sFacet, 0), sqlite3_column_int(sFacet, 1));
  cJSON *aTasks = cJSON_CreateArray();
  while (rc == VP_OK && step_row(p, sRows, &rc, pzErr)) {
    cJSON *t = cJSON_CreateObject();
    cJSON_AddItemToObject(t, "doc", doc_object(sRows, 6));
    add_col(t, "province", sRows, 8);
    add_col(t, "section", sRows, 4);
    add_num(t, "line", sqlite3_column_int(sRows, 5));
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
  if (zChosen) cJSON_AddStringToObject(pOut, "interpreted_as", zChosen);
  if (bByDate) cJSON_AddStringToObject(pOut, "sort", "date");
  add_num(pOut, "total", (double)nTotal);
  add_num(pOut, "limit", nLimit);
  add_num(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "tasks", aTasks);
  free(zWhere);
  free(zSqlRows);
  free(zSqlCount);
  free(zSqlFacet);
  free(aId);
  free(zName);
  free(zChosen);
  free(zCond);
  return finish(rc, pOut, ppOut);
}

/* ---- documents ------------------------------------------------------ */

int vp_query_docs(vp_db *p, cJSON **ppOut, char **pzErr) {
  return vp_query_docs_in(p, NULL, ppOut, pzErr);
}

/* Documents as people list them: by province in Vietnamese order, the
** newest first within one (no province last); bByDate: the newest first
** over all, then by province. Stable. 0, or -1 out of memory. */
typedef struct doc_item {
  cJSON *p;
  const char *zProv, *zDate;
  int i;
} doc_item;

static _Thread_local int bDocsByDateT; /* the order doc_cmp sorts in (qsort has no context) */

static int doc_cmp(const void *pa, const void *pb) {
  const doc_item *a = pa, *b = pb;
  int cProv = (a->zProv == NULL) - (b->zProv == NULL);
  if (cProv == 0 && a->zProv) cProv = vp_collate_cmp(a->zProv, b->zProv);
  int cDate = (a->zDate == NULL) - (b->zDate == NULL); /* undated last */
  if (cDate == 0 && a->zDate) cDate = -strcmp(a->zDate, b->zDate);
  int c = bDocsByDateT ? (cDate ? cDate : cProv) : (cProv ? cProv : cDate);
  return c ? c : (a->i > b->i) - (a->i < b->i);
}

static int sort_docs(cJSON *aDocs, int bByDate) {
  int n = cJSON_GetArraySize(aDocs);
  if (n < 2) return 0;
  doc_item *a = malloc(sizeof(*a) * (size_t)n);
  if (a == NULL) return -1;
  cJSON *d;
  int i = 0;
  cJSON_ArrayForEach(d, aDocs) {
    const char *zProv = cJSON_GetStringValue(cJSON_GetObjectItem(d, "province"));
    a[i].p = d;
    a[i].zProv = zProv && zProv[0] ? zProv : NULL;
    a[i].zDate = cJSON_GetStringValue(cJSON_GetObjectItem(d, "date"));
    a[i].i = i;
    i++;
  }
  bDocsByDateT = bByDate;
  qsort(a, (size_t)n, sizeof(*a), doc_cmp);
  for (i = 0; i < n; i++) cJSON_DetachItemViaPointer(aDocs, a[i].p);
  for (i = 0; i < n; i++) cJSON_AddItemToArray(aDocs, a[i].p);
  free(a);
  return 0;
}

int vp_query_docs_in(vp_db *p, const vp_docfilter *pFilter, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  sqlite3_stmt *s = NULL;
  char *zCond = NULL, *zAgFree = NULL;
  vp_docfilter f;
  int rc = filter_agency(p, pFilter, &f, &zAgFree, pzErr);
  if (rc == VP_OK && !vp_docfilter_empty(&f)) rc = vp_docfilter_sql(&f, &zCond, pzErr);
  free(zAgFree);
  char *zSql = rc == VP_OK ? vp_mprintf(
      "SELECT d.id, d.file, d.province, d.number, d.date, d.title, d.kind,"
      " d.issuer, d.signer, d.size, d.indexed_at,"
      " (SELECT count(*) FROM passage WHERE doc_id = d.id),"
      " (SELECT count(*) FROM (SELECT DISTINCT passage_id, instrument_id FROM citation"
      "   WHERE doc_id = d.id AND relation IS NOT 'alias')),"
      " (SELECT count(*) FROM task WHERE doc_id = d.id), d.ocr_pages"
      " FROM doc d WHERE %s ORDER BY d.file", zCond ? zCond : "1") : NULL;
  free(zCond);
  if (rc != VP_OK) return rc;
  if (zSql == NULL) return VP_ENOMEM;
  rc = read_begin(p, pzErr);
  if (rc != VP_OK) {
    free(zSql);
    return rc;
  }
  rc = prepare(p, zSql, &s, pzErr);
  free(zSql);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aDocs = cJSON_CreateArray();
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *d = doc_object(s, 0);
    add_col(d, "kind", s, 6);
    add_display(d, "issuer", s, 7);
    add_display(d, "signer", s, 8);
    add_num(d, "size", (double)sqlite3_column_int64(s, 9));
    add_col(d, "indexed_at", s, 10);
    add_num(d, "passages", sqlite3_column_int(s, 11));
    add_num(d, "citations", sqlite3_column_int(s, 12));
    add_num(d, "tasks", sqlite3_column_int(s, 13));
    if (sqlite3_column_int(s, 14) > 0) cJSON_AddNumberToObject(d, "ocr_pages", sqlite3_column_int(s, 14));
    cJSON_AddItemToArray(aDocs, d);
  }
  release(p, s);
  read_end(p);
  if (rc == VP_OK && sort_docs(aDocs, vp_docfilter_sort_date(&f) == 1) != 0) rc = VP_ENOMEM;
  if (vp_docfilter_sort_date(&f) == 1) cJSON_AddStringToObject(pOut, "sort", "date");
  add_num(pOut, "total", cJSON_GetArraySize(aDocs));
  cJSON_AddItemToObject(pOut, "docs", aDocs);
  return finish(rc, pOut, ppOut);
}

/* The document a user names: its id, its file as indexed, its path, the
** file's base name, or its own number however typed ("222/KH-UBND",
** "222/kh-ubnd"). *piDoc = -1 when none. */
static int find_doc(vp_db *p, const char *zId, long long *piDoc, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = VP_OK;
  *piDoc = -1;
  size_t nDigits = strspn(zId, "0123456789");
  if (nDigits > 0 && nDigits < 16 && zId[nDigits] == 0) { /* an id: by the key, not a scan */
    rc = prepare(p, "SELECT id FROM doc WHERE id = ?1", &s, pzErr);
    if (rc == VP_OK) {
      sqlite3_bind_int64(s, 1, strtoll(zId, NULL, 10));
      if (step_row(p, s, &rc, pzErr)) *piDoc = sqlite3_column_int64(s, 0);
    }
    release(p, s);
    s = NULL;
    if (rc != VP_OK || *piDoc >= 0) return rc;
  }
  rc = prepare(p,
                   "SELECT id FROM doc WHERE CAST(id AS TEXT) = ?1 OR file = ?1 OR path = ?1"
                   " OR file LIKE '%/' || ?1 OR number = ?1 ORDER BY id LIMIT 1",
                   &s, pzErr);
  *piDoc = -1;
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zId, -1, SQLITE_STATIC);
    if (step_row(p, s, &rc, pzErr)) *piDoc = sqlite3_column_int64(s, 0);
  }
  release(p, s);
  vp_docnum want;
  if (rc != VP_OK || *piDoc >= 0 || vp_qparse_docnums(zId, &want, 1) != 1) return rc;
  /* the number as the person typed it, compared on its token */
  s = NULL;
  rc = prepare(p, "SELECT id, number FROM doc WHERE number IS NOT NULL ORDER BY id", &s, pzErr);
  while (rc == VP_OK && *piDoc < 0 && step_row(p, s, &rc, pzErr)) {
    vp_docnum d;
    const char *zNum = col_text(s, 1);
    if (vp_docnum_next(zNum, (int)strlen(zNum), 0, &d) && strcmp(d.zToken, want.zToken) == 0)
      *piDoc = sqlite3_column_int64(s, 0);
  }
  release(p, s);
  return rc;
}

/* find_doc, with a document that is not there an error (VP_ENOTFOUND). */
static int find_doc_or_fail(vp_db *p, const char *zId, long long *piDoc, char **pzErr) {
  int rc = find_doc(p, zId, piDoc, pzErr);
  if (rc == VP_OK && *piDoc < 0) {
    *pzErr = vp_mprintf("no document \"%s\" in the index", zId);
    rc = VP_ENOTFOUND;
  }
  return rc;
}

int vp_query_doc(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long iDoc;
  rc = find_doc_or_fail(p, zId, &iDoc, pzErr);
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
      add_num(d, "size", (double)sqlite3_column_int64(s, 9));
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
      add_num(o, "line", sqlite3_column_int(s, 1));
      add_num(o, "passages", sqlite3_column_int(s, 2));
      cJSON_AddItemToArray(aSec, o);
    }
  }
  release(p, s);
  s = NULL;
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT i.key, i.scope, i.type, group_concat(DISTINCT c.relation), c.date,"
                 " c.section, c.line FROM citation c JOIN instrument i ON i.id = c.instrument_id"
                 " WHERE c.doc_id = ?1 AND c.relation IS NOT 'alias'"
                 " GROUP BY c.passage_id, c.instrument_id ORDER BY min(c.start)",
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
      /* one row per passage and instrument, with all its relations */
      const char *zRels = col_text(s, 3) ? col_text(s, 3) : "";
      char *zFirst = vp_strndup(zRels, (int)strcspn(zRels, ","));
      cJSON_AddStringToObject(o, "relation", zFirst);
      free(zFirst);
      cJSON *aRel = cJSON_AddArrayToObject(o, "relations");
      for (const char *z = zRels; *z;) {
        int nR = (int)strcspn(z, ",");
        char *zR = vp_strndup(z, nR);
        if (zR) cJSON_AddItemToArray(aRel, cJSON_CreateString(zR));
        free(zR);
        z += nR + (z[nR] == ',');
      }
      add_col(o, "date", s, 4);
      add_col(o, "section", s, 5);
      add_num(o, "line", sqlite3_column_int(s, 6));
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

/* What documents aDoc[0..nDoc) rest on: the instruments they cite as basis,
** implement or continue, {key, scope, relation} (and "doc" with bDoc) into
** aOut, in the order they are cited. */
static int add_rests_on(vp_db *p, const long long *aDoc, int nDoc, int bDoc, cJSON *aOut,
                        char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = prepare(p,
                   "SELECT DISTINCT i.key, i.scope, c.relation FROM citation c"
                   " JOIN instrument i ON i.id = c.instrument_id WHERE c.doc_id = ?1"
                   " AND c.relation IN ('implements', 'continues', 'basis') ORDER BY c.start",
                   &s, pzErr);
  for (int k = 0; rc == VP_OK && k < nDoc; k++) {
    sqlite3_bind_int64(s, 1, aDoc[k]);
    while (step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      const char *zScope = col_text(s, 1);
      if (bDoc) cJSON_AddNumberToObject(o, "doc", (double)aDoc[k]);
      add_col(o, "key", s, 0);
      add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
      add_col(o, "relation", s, 2);
      cJSON_AddItemToArray(aOut, o);
    }
    sqlite3_reset(s);
  }
  release(p, s);
  return rc;
}

int vp_query_chain_facts(vp_db *p, const long long *aDoc, int nDoc, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  sqlite3_stmt *s = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  cJSON *pOut = cJSON_CreateObject();
  rc = add_rests_on(p, aDoc, nDoc, 1, cJSON_AddArrayToObject(pOut, "cites"), pzErr);
  /* the documents: every one with a number (an instrument may be one), and
  ** those asked for */
  char *zIn = in_list(nDoc, 1);
  char *zSql = zIn ? vp_mprintf("SELECT id, number, province, issuer, kind, date, title FROM doc"
                                " WHERE number IS NOT NULL OR id IN %s ORDER BY id", zIn)
                   : NULL;
  free(zIn);
  if (rc == VP_OK) rc = zSql ? prepare(p, zSql, &s, pzErr) : VP_ENOMEM;
  free(zSql);
  for (int k = 0; rc == VP_OK && k < nDoc; k++) sqlite3_bind_int64(s, 1 + k, aDoc[k]);
  cJSON *aDocs = cJSON_AddArrayToObject(pOut, "docs");
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    add_num(o, "id", (double)sqlite3_column_int64(s, 0));
    add_col(o, "number", s, 1);
    add_col(o, "province", s, 2);
    add_display(o, "issuer", s, 3);
    add_col(o, "kind", s, 4);
    add_col(o, "date", s, 5);
    add_col(o, "title", s, 6);
    cJSON_AddItemToArray(aDocs, o);
  }
  release(p, s);
  read_end(p);
  return finish(rc, pOut, ppOut);
}

/* The full text of one document, passage by passage, for its page. */
#define DOC_TEXT_MAX 20000 /* passages at most: a hostile file's page stays bounded */

int vp_query_doc_text(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long iDoc;
  rc = find_doc_or_fail(p, zId, &iDoc, pzErr);
  cJSON *pOut = NULL;
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK)
    rc = prepare(p,
                 "SELECT line, section, kind, label, text FROM passage WHERE doc_id = ?1"
                 " ORDER BY seq, line LIMIT " VP_STR(DOC_TEXT_MAX + 1),
                 &s, pzErr);
  if (rc == VP_OK) {
    pOut = cJSON_CreateObject();
    add_num(pOut, "id", (double)iDoc);
    cJSON *aP = cJSON_AddArrayToObject(pOut, "passages");
    int n = 0;
    sqlite3_bind_int64(s, 1, iDoc);
    while (step_row(p, s, &rc, pzErr)) {
      if (++n > DOC_TEXT_MAX) {
        cJSON_AddTrueToObject(pOut, "truncated");
        break;
      }
      cJSON *o = cJSON_CreateObject();
      add_num(o, "line", sqlite3_column_int(s, 0));
      add_col(o, "section", s, 1);
      add_num(o, "kind", sqlite3_column_int(s, 2));
      add_col(o, "label", s, 3);
      add_display(o, "text", s, 4);
      cJSON_AddItemToArray(aP, o);
    }
  }
  release(p, s);
  read_end(p);
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
    int nCit = 0; /* as refs counts them: a passage once, aliases left out */
    rc = count_citations(p, sqlite3_column_int64(s, 0), &nCit, pzErr);
    add_num(o, "citations", nCit);
    add_num(o, "docs", sqlite3_column_int(s, 11));
    if (rc == VP_OK) rc = add_dates(p, o, sqlite3_column_int64(s, 0), pzErr);
    if (cJSON_IsTrue(cJSON_GetObjectItem(o, "conflict"))) nConflict++;
    cJSON_AddItemToArray(aInst, o);
  }
  release(p, s);
  read_end(p);
  add_num(pOut, "total", cJSON_GetArraySize(aInst));
  add_num(pOut, "conflicts", nConflict);
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
  if (rc == VP_OK && nDoc > 0) rc = add_rests_on(p, aDoc, nDoc, 0, aImpl, pzErr);
  return rc;
}

int vp_query_instrument(vp_db *p, const char *zKey, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  const char *zAt = strchr(zKey, '@');
  char *zNum = vp_strndup(zKey, zAt ? (int)(zAt - zKey) : -1);
  if (zNum == NULL) return VP_ENOMEM;
  vp_docnum d;
  int bNum = vp_qparse_docnums(zNum, &d, 1) == 1;
  vp_instref ref; /* "NQ 20", "nghị quyết 20": read loosely when not cited as written */
  int bLoose = vp_instref_parse(zNum, &ref);
  free(zNum);
  if (!bNum && !bLoose) {
    *pzErr = vp_mprintf("\"%s\" is not an instrument number (e.g. 69-KL/TW, 709/QĐ-TTg, NQ 20)", zKey);
    return VP_EQUERY;
  }
  cJSON *pOut = cJSON_CreateObject();
  add_str(pOut, "key", zKey);
  int rc = read_begin(p, pzErr);
  inst_sel sel;
  memset(&sel, 0, sizeof(sel));
  if (bNum) snprintf(sel.zToken, sizeof(sel.zToken), "%s", d.zToken);
  snprintf(sel.zScope, sizeof(sel.zScope), "%s", zAt ? zAt + 1 : "");
  sel.bScope = zAt != NULL;
  int nFound = 0;
  if (rc == VP_OK && bNum) rc = count_cited(p, d.zToken, &nFound, pzErr);
  if (rc == VP_OK && nFound == 0) {
    if (bNum) { /* the parts of what was written: "20/NQ-TW" is 20-NQ/TW */
      snprintf(ref.zNumber, sizeof(ref.zNumber), "%s", d.zNumber);
      snprintf(ref.zType, sizeof(ref.zType), "%s", d.zType);
      snprintf(ref.zIssuer, sizeof(ref.zIssuer), "%s", d.zIssuer);
      ref.nYear = d.nYear;
    }
    inst_sel aSel[MAX_LOOSE];
    int nSel = 0;
    rc = loose_candidates(p, &ref, 0, 0, aSel, &nSel, MAX_LOOSE, pzErr);
    if (rc == VP_OK && distinct_tokens(aSel, nSel) == 1) {
      snprintf(sel.zToken, sizeof(sel.zToken), "%s", aSel[0].zToken);
      snprintf(d.zToken, sizeof(d.zToken), "%s", aSel[0].zToken);
      add_str(pOut, "interpreted_as", aSel[0].zKey);
    } else if (rc == VP_OK && nSel > 1) {
      vp_buf b = {0};
      int rcB = VP_OK;
      vp_buf_appendf(&b, &rcB, "\"%s\" may name several instruments:", zKey);
      for (int i = 0; i < nSel && i < 5; i++) vp_buf_appendf(&b, &rcB, "%s %s", i ? "," : "", aSel[i].zKey);
      *pzErr = vp_buf_take(&b);
      rc = VP_ENOTFOUND;
    }
  }
  if (rc == VP_OK) rc = refs_answer(p, pOut, &sel, 1, NULL, NULL, NULL, 0, VP_LIMIT_MAX, 0, pzErr);
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

/* Agencies in Vietnamese alphabetical order, their provinces too; the
** generic groups ("Các sở, ban, ngành") after the named bodies, as before. */
static void agencies_in_order(cJSON *aAg) {
  cJSON *g, *aGeneric = cJSON_CreateArray();
  vp_collate_sort(aAg, "name");
  cJSON_ArrayForEach(g, aAg) vp_collate_sort(cJSON_GetObjectItem(g, "provinces"), "province");
  for (int i = 0; aGeneric && i < cJSON_GetArraySize(aAg);) {
    g = cJSON_GetArrayItem(aAg, i);
    if (cJSON_IsTrue(cJSON_GetObjectItem(g, "generic"))) cJSON_AddItemToArray(aGeneric, cJSON_DetachItemViaPointer(aAg, g));
    else i++;
  }
  while (aGeneric && cJSON_GetArraySize(aGeneric) > 0) cJSON_AddItemToArray(aAg, cJSON_DetachItemFromArray(aGeneric, 0));
  cJSON_Delete(aGeneric);
}

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
      add_num(pCur, "lead", 0);
      add_num(pCur, "support", 0);
      cJSON_AddArrayToObject(pCur, "provinces");
      cJSON_AddItemToArray(aAg, pCur);
    }
    int nLead = sqlite3_column_int(s, 4), nSup = sqlite3_column_int(s, 5);
    cJSON *o = cJSON_CreateObject();
    add_col(o, "province", s, 3);
    add_num(o, "lead", nLead);
    add_num(o, "support", nSup);
    cJSON_AddItemToArray(cJSON_GetObjectItem(pCur, "provinces"), o);
    cJSON *pL = cJSON_GetObjectItem(pCur, "lead"), *pS = cJSON_GetObjectItem(pCur, "support");
    cJSON_SetNumberValue(pL, pL->valuedouble + nLead);
    cJSON_SetNumberValue(pS, pS->valuedouble + nSup);
  }
  release(p, s);
  read_end(p);
  add_num(pOut, "total", cJSON_GetArraySize(aAg));
  cJSON_AddItemToObject(pOut, "agencies", aAg);
  if (rc == VP_OK) agencies_in_order(cJSON_GetObjectItem(pOut, "agencies"));
  return finish(rc, pOut, ppOut);
}

/* ---- export ------------------------------------------------------- */

/* Each export table: its SQL (ids first) and the names of its columns;
** "=" before a name: a text kept as stored (display form already), "~":
** shown in display form, "#": a number. */
typedef struct export_table {
  const char *zName;
  const char *zSql;
  const char *azCol[16];
} export_table;

static const export_table aExport[] = {
    {"docs",
     "SELECT d.id, d.file, d.path, d.province, d.number, d.date, d.kind, d.title, d.issuer,"
     " d.signer FROM doc d ORDER BY d.id",
     {"#id", "=file", "=path", "=province", "=number", "=date", "=kind", "=title", "~issuer",
      "~signer", NULL}},
    {"passages",
     "SELECT p.id, p.doc_id, d.number, d.province, d.file, p.section, p.line, p.text"
     " FROM passage p JOIN doc d ON d.id = p.doc_id ORDER BY p.id",
     {"#id", "#doc_id", "=doc_number", "=province", "=file", "=section", "#line", "~text", NULL}},
    {"citations",
     "SELECT c.id, c.doc_id, c.passage_id, d.number, d.province, i.key, nullif(i.scope, ''),"
     " i.type, c.relation, c.date, c.section, c.line FROM citation c"
     " JOIN instrument i ON i.id = c.instrument_id JOIN doc d ON d.id = c.doc_id"
     " WHERE c.relation IS NOT 'alias' ORDER BY c.id",
     {"#id", "#doc_id", "#passage_id", "=doc_number", "=province", "=instrument", "=scope", "=type",
      "=relation", "=date", "=section", "#line", NULL}},
    {"tasks",
     "SELECT t.id, t.doc_id, d.number, d.province, d.file, t.section, t.line, t.text, t.deadline,"
     " t.deadline_norm FROM task t JOIN doc d ON d.id = t.doc_id ORDER BY t.id",
     {"#id", "#doc_id", "=doc_number", "=province", "=file", "=section", "#line", "=text",
      "=deadline", "=deadline_norm", NULL}},
};

int vp_query_export(vp_db *p, const char *zTable, int (*xRow)(void *pCtx, const cJSON *pRow),
                    void *pCtx, char **pzErr) {
  const export_table *t = NULL;
  for (int i = 0; i < VP_ARRAY_SIZE(aExport); i++)
    if (strcmp(aExport[i].zName, zTable) == 0) t = &aExport[i];
  if (t == NULL) {
    *pzErr = vp_mprintf("no table \"%s\" to export (docs, passages, citations, tasks)", zTable);
    return VP_EQUERY;
  }
  int rc = read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL, *sAg = NULL;
  rc = prepare(p, t->zSql, &s, pzErr);
  int bTasks = strcmp(zTable, "tasks") == 0;
  if (rc == VP_OK && bTasks)
    rc = prepare(p,
                 "SELECT a.canon, ta.role FROM task_agency ta JOIN agency a ON a.id = ta.agency_id"
                 " WHERE ta.task_id = ?1 ORDER BY ta.role, ta.rowid",
                 &sAg, pzErr);
  while (rc == VP_OK && step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; t->azCol[i]; i++) {
      const char *zCol = t->azCol[i] + 1;
      if (t->azCol[i][0] == '#') {
        if (sqlite3_column_type(s, i) == SQLITE_NULL) cJSON_AddNullToObject(o, zCol);
        else cJSON_AddNumberToObject(o, zCol, (double)sqlite3_column_int64(s, i));
      } else if (t->azCol[i][0] == '~') {
        add_display(o, zCol, s, i);
      } else {
        add_col(o, zCol, s, i);
      }
    }
    if (bTasks) rc = add_task_agencies(p, sAg, o, sqlite3_column_int64(s, 0), pzErr);
    int rcCb = rc == VP_OK ? xRow(pCtx, o) : 0;
    cJSON_Delete(o);
    if (rcCb != 0) rc = rcCb;
  }
  release(p, s);
  release(p, sAg);
  read_end(p);
  return rc;
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
    add_num(pOut, "documents", sqlite3_column_int(s, 0));
    add_num(pOut, "passages", sqlite3_column_int(s, 1));
    add_num(pOut, "citations", sqlite3_column_int(s, 2));
    add_num(pOut, "tasks", sqlite3_column_int(s, 3));
    add_col(pOut, "built_at", s, 4);
    add_num(pOut, "generation", (double)sqlite3_column_int64(s, 5));
  }
  release(p, s);
  read_end(p);
  return finish(rc, pOut, ppOut);
}
