/*
** query.c — the query layer's base (see vp_query.h, query_int.h): opening
** and closing the index, one read snapshot per answer, the prepared
** statements kept between answers, the JSON helpers every answer shares,
** and the answers about the index itself (export, generation, health). The
** answers are in search.c, refs.c, who.c and docs.c; the filters they take
** in qfilter.c. Every answer is a cJSON object; the CLI prints it and the
** server sends it; nothing here formats text for people.
*/
#include "query_int.h"

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
int vq_read_begin(vp_db *p, char **pzErr) {
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

void vq_read_end(vp_db *p) {
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
int vq_db_fail(vp_db *p, int rcSqlite, char **pzErr) {
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
** with vq_release(). */
int vq_prepare(vp_db *p, const char *zSql, sqlite3_stmt **pp, char **pzErr) {
  for (int i = 0; i < STMT_CACHE; i++) {
    if (p->aCache[i] && strcmp(sqlite3_sql(p->aCache[i]), zSql) == 0) {
      *pp = p->aCache[i];
      p->aCache[i] = NULL;
      return VP_OK;
    }
  }
  int rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, pp, NULL);
  if (rc != SQLITE_OK) return vq_db_fail(p, rc, pzErr);
  return VP_OK;
}

/* Done with s (NULL is fine): reset, unbound and kept for the next answer,
** the oldest kept one finalized when the cache is full. */
void vq_release(vp_db *p, sqlite3_stmt *s) {
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
int vq_step_row(vp_db *p, sqlite3_stmt *s, int *pRc, char **pzErr) {
  if (*pRc != VP_OK) return 0;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return 1;
  if (rc != SQLITE_DONE) *pRc = vq_db_fail(p, rc, pzErr);
  return 0;
}

const char *vq_col_text(sqlite3_stmt *s, int i) { return (const char *)sqlite3_column_text(s, i); }

/* zKey is a string literal: the object keeps it by reference (cJSON's
** "CS" keys), one allocation less a field — answers hold thousands. */
void vq_add_str(cJSON *o, const char *zKey, const char *zVal) {
  cJSON_AddItemToObjectCS(o, zKey, zVal ? cJSON_CreateString(zVal) : cJSON_CreateNull());
}

void vq_add_num(cJSON *o, const char *zKey, double v) {
  cJSON_AddItemToObjectCS(o, zKey, cJSON_CreateNumber(v));
}

void vq_add_col(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  vq_add_str(o, zKey, vq_col_text(s, i));
}

/* Display form (NFC, spaces collapsed) of a column. */
void vq_add_display(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  const char *z = vq_col_text(s, i);
  char *zD = z ? vp_fold_display(z, sqlite3_column_bytes(s, i)) : NULL;
  vq_add_str(o, zKey, zD);
  free(zD);
}

#define TEXT_MAX 4000

/* A long text column stored in display form (task texts: the extractors
** pass them through vp_fold_display), cut after TEXT_MAX bytes (on a space,
** with "…"): tasks can be as large as a hostile file's line. */
void vq_add_clipped(cJSON *o, const char *zKey, sqlite3_stmt *s, int i) {
  const char *z = vq_col_text(s, i);
  int n = sqlite3_column_bytes(s, i);
  if (z == NULL || n <= TEXT_MAX) {
    vq_add_str(o, zKey, z);
    return;
  }
  int iE = TEXT_MAX;
  while (iE > TEXT_MAX / 2 && z[iE] != ' ') iE--;
  while (iE > 0 && ((unsigned char)z[iE] & 0xC0) == 0x80) iE--; /* a code point's start */
  char *zOut = vp_mprintf("%.*s …", iE, z);
  vq_add_str(o, zKey, zOut);
  free(zOut);
}

const char *vq_province_2025(const char *zProvince) {
  const vp_province *pr = zProvince ? vp_gaz_lookup(zProvince) : NULL;
  return pr ? pr->zSince2025 : NULL;
}

/* {"id", "file", "title", "province", "number", "date"} from 6 columns. */
cJSON *vq_doc_object(sqlite3_stmt *s, int i) {
  cJSON *d = cJSON_CreateObject();
  vq_add_num(d, "id", (double)sqlite3_column_int64(s, i));
  vq_add_col(d, "file", s, i + 1);
  vq_add_col(d, "province", s, i + 2);
  vq_add_str(d, "province_2025", vq_province_2025(vq_col_text(s, i + 2)));
  vq_add_col(d, "number", s, i + 3);
  vq_add_col(d, "date", s, i + 4);
  vq_add_col(d, "title", s, i + 5); /* stored in display form (meta.c) */
  /* how people name a plan: "222/KH-UBND · Tuyên Quang" (the file's name
  ** when it has no number) */
  const char *zFile = vq_col_text(s, i + 1), *zNum = vq_col_text(s, i + 3), *zProv = vq_col_text(s, i + 2);
  const char *zBase = zFile ? strrchr(zFile, '/') : NULL;
  zBase = zBase ? zBase + 1 : zFile ? zFile : "";
  char *zLabel = vp_mprintf("%s%s%s", zNum && zNum[0] ? zNum : zBase,
                            zProv && zProv[0] ? " · " : "", zProv ? zProv : "");
  vq_add_str(d, "label", zLabel);
  free(zLabel);
  return d;
}

void vq_count_into(cJSON *pFacet, const char *zKey, int n) {
  if (zKey == NULL) zKey = "";
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pFacet, zKey);
  if (c) cJSON_SetNumberValue(c, c->valuedouble + n);
  else cJSON_AddNumberToObject(pFacet, zKey, n);
}

int vq_finish(int rc, cJSON *pOut, cJSON **ppOut) {
  if (rc == VP_OK && pOut == NULL) rc = VP_ENOMEM;
  if (rc == VP_OK) *ppOut = pOut;
  else cJSON_Delete(pOut);
  return rc;
}

int vq_check_paging(int *pnLimit, int nOffset, char **pzErr) {
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


#define WINDOW_CONTEXT 400

/* The passage text around [iFrom, iTo) (offsets in z), display form: the
** whole passage when it is short, else WINDOW_CONTEXT bytes either side cut
** on spaces, with "…" where cut. Bounded, so a huge passage costs little. */
void vq_add_window(cJSON *o, const char *zKey, const char *z, int n, int iFrom, int iTo) {
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
    vq_add_str(o, zKey, zD);
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
  vq_add_str(o, zKey, zOut);
  free(zD);
  free(zOut);
}

/* "IN (?,?,…)" with n placeholders, numbered from iFirst. */
char *vq_in_list(int n, int iFirst) {
  vp_buf b = {0};
  int rc = VP_OK;
  vp_buf_appends(&b, "(", &rc);
  for (int i = 0; i < n; i++) vp_buf_appendf(&b, &rc, "%s?%d", i ? "," : "", iFirst + i);
  vp_buf_appends(&b, ")", &rc);
  return rc == VP_OK ? vp_buf_take(&b) : (vp_buf_free(&b), NULL);
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
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL, *sAg = NULL;
  rc = vq_prepare(p, t->zSql, &s, pzErr);
  int bTasks = strcmp(zTable, "tasks") == 0;
  if (rc == VP_OK && bTasks)
    rc = vq_prepare(p,
                    "SELECT a.canon, ta.role FROM task_agency ta JOIN agency a ON a.id = ta.agency_id"
                    " WHERE ta.task_id = ?1 ORDER BY ta.role, ta.rowid",
                    &sAg, pzErr);
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; t->azCol[i]; i++) {
      const char *zCol = t->azCol[i] + 1;
      if (t->azCol[i][0] == '#') {
        if (sqlite3_column_type(s, i) == SQLITE_NULL) cJSON_AddNullToObject(o, zCol);
        else cJSON_AddNumberToObject(o, zCol, (double)sqlite3_column_int64(s, i));
      } else if (t->azCol[i][0] == '~') {
        vq_add_display(o, zCol, s, i);
      } else {
        vq_add_col(o, zCol, s, i);
      }
    }
    if (bTasks) rc = vq_add_task_agencies(p, sAg, o, sqlite3_column_int64(s, 0), pzErr);
    int rcCb = rc == VP_OK ? xRow(pCtx, o) : 0;
    cJSON_Delete(o);
    if (rcCb != 0) rc = rcCb;
  }
  vq_release(p, s);
  vq_release(p, sAg);
  vq_read_end(p);
  return rc;
}

int vp_db_generation(vp_db *p, long long *piGen, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = vq_prepare(p,
                      "SELECT (SELECT value FROM meta WHERE key = 'generation'),"
                      " (SELECT value FROM meta WHERE key = 'instance')",
                      &s, pzErr);
  *piGen = 0;
  if (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    /* the file's random id in the high bits, its write count in the low */
    unsigned long long h = 1469598103934665603ULL;
    const unsigned char *z = sqlite3_column_text(s, 1);
    for (; z && *z; z++) h = (h ^ *z) * 1099511628211ULL;
    unsigned long long g = (unsigned long long)sqlite3_column_int64(s, 0) & 0xFFFFFFFFULL;
    *piGen = (long long)((h & 0x3FFFFFFF00000000ULL) | g);
  }
  vq_release(p, s);
  return rc;
}

int vp_query_health(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = vq_prepare(p,
                  "SELECT (SELECT count(*) FROM doc), (SELECT count(*) FROM passage),"
                  " (SELECT count(*) FROM citation), (SELECT count(*) FROM task),"
                  " (SELECT value FROM meta WHERE key = 'built_at'),"
                  " (SELECT value FROM meta WHERE key = 'generation')",
                  &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  if (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON_AddBoolToObject(pOut, "ok", 1);
    vq_add_num(pOut, "documents", sqlite3_column_int(s, 0));
    vq_add_num(pOut, "passages", sqlite3_column_int(s, 1));
    vq_add_num(pOut, "citations", sqlite3_column_int(s, 2));
    vq_add_num(pOut, "tasks", sqlite3_column_int(s, 3));
    vq_add_col(pOut, "built_at", s, 4);
    vq_add_num(pOut, "generation", (double)sqlite3_column_int64(s, 5));
  }
  vq_release(p, s);
  vq_read_end(p);
  return vq_finish(rc, pOut, ppOut);
}
