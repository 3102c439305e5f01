/*
** docs.c — documents: `vnplan docs` (the list, filtered and sorted), `doc`
** (one document's metadata, citations and tasks), its text, and the facts
** an implementation chain reads about documents.
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
  int rc = vq_filter_agency(p, pFilter, &f, &zAgFree, pzErr);
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
  rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) {
    free(zSql);
    return rc;
  }
  rc = vq_prepare(p, zSql, &s, pzErr);
  free(zSql);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aDocs = cJSON_CreateArray();
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON *d = vq_doc_object(s, 0);
    vq_add_col(d, "kind", s, 6);
    vq_add_display(d, "issuer", s, 7);
    vq_add_display(d, "signer", s, 8);
    vq_add_num(d, "size", (double)sqlite3_column_int64(s, 9));
    vq_add_col(d, "indexed_at", s, 10);
    vq_add_num(d, "passages", sqlite3_column_int(s, 11));
    vq_add_num(d, "citations", sqlite3_column_int(s, 12));
    vq_add_num(d, "tasks", sqlite3_column_int(s, 13));
    if (sqlite3_column_int(s, 14) > 0) cJSON_AddNumberToObject(d, "ocr_pages", sqlite3_column_int(s, 14));
    cJSON_AddItemToArray(aDocs, d);
  }
  vq_release(p, s);
  vq_read_end(p);
  if (rc == VP_OK && sort_docs(aDocs, vp_docfilter_sort_date(&f) == 1) != 0) rc = VP_ENOMEM;
  if (vp_docfilter_sort_date(&f) == 1) cJSON_AddStringToObject(pOut, "sort", "date");
  vq_add_num(pOut, "total", cJSON_GetArraySize(aDocs));
  cJSON_AddItemToObject(pOut, "docs", aDocs);
  return vq_finish(rc, pOut, ppOut);
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
    rc = vq_prepare(p, "SELECT id FROM doc WHERE id = ?1", &s, pzErr);
    if (rc == VP_OK) {
      sqlite3_bind_int64(s, 1, strtoll(zId, NULL, 10));
      if (vq_step_row(p, s, &rc, pzErr)) *piDoc = sqlite3_column_int64(s, 0);
    }
    vq_release(p, s);
    s = NULL;
    if (rc != VP_OK || *piDoc >= 0) return rc;
  }
  rc = vq_prepare(p,
                  "SELECT id FROM doc WHERE CAST(id AS TEXT) = ?1 OR file = ?1 OR path = ?1"
                  " OR file LIKE '%/' || ?1 OR number = ?1 ORDER BY id LIMIT 1",
                  &s, pzErr);
  *piDoc = -1;
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zId, -1, SQLITE_STATIC);
    if (vq_step_row(p, s, &rc, pzErr)) *piDoc = sqlite3_column_int64(s, 0);
  }
  vq_release(p, s);
  vp_docnum want;
  if (rc != VP_OK || *piDoc >= 0 || vp_qparse_docnums(zId, &want, 1) != 1) return rc;
  /* the number as the person typed it, compared on its token */
  s = NULL;
  rc = vq_prepare(p, "SELECT id, number FROM doc WHERE number IS NOT NULL ORDER BY id", &s, pzErr);
  while (rc == VP_OK && *piDoc < 0 && vq_step_row(p, s, &rc, pzErr)) {
    vp_docnum d;
    const char *zNum = vq_col_text(s, 1);
    if (vp_docnum_next(zNum, (int)strlen(zNum), 0, &d) && strcmp(d.zToken, want.zToken) == 0)
      *piDoc = sqlite3_column_int64(s, 0);
  }
  vq_release(p, s);
  return rc;
}

/* Several documents numbered zId (two provinces' 80/2025/QĐ-UBND): an
** error naming them (VP_ENOTFOUND), not the first of them. */
static int several_numbered(vp_db *p, const char *zId, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = vq_prepare(p, "SELECT id, file, province FROM doc WHERE number = ?1 ORDER BY id LIMIT 10", &s, pzErr);
  vp_buf b = {0};
  int n = 0, rcB = VP_OK;
  if (rc == VP_OK) sqlite3_bind_text(s, 1, zId, -1, SQLITE_STATIC);
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    const char *zProv = vq_col_text(s, 2);
    vp_buf_appendf(&b, &rcB, "%s%s (id %lld%s%s)", n ? "; " : "", vq_col_text(s, 1), sqlite3_column_int64(s, 0),
                   zProv[0] ? ", " : "", zProv);
    n++;
  }
  vq_release(p, s);
  if (rc == VP_OK && rcB != VP_OK) rc = VP_ENOMEM;
  if (rc == VP_OK && n > 1) {
    *pzErr = vp_mprintf("several documents are numbered \"%s\": %s; name one by its file or id", zId,
                        b.z ? b.z : "");
    rc = *pzErr ? VP_ENOTFOUND : VP_ENOMEM;
  }
  vp_buf_free(&b);
  return rc;
}

/* find_doc, with a document that is not there an error (VP_ENOTFOUND), and
** so a number several documents bear. */
static int find_doc_or_fail(vp_db *p, const char *zId, long long *piDoc, char **pzErr) {
  int rc = find_doc(p, zId, piDoc, pzErr);
  if (rc == VP_OK && *piDoc < 0) {
    *pzErr = vp_mprintf("no document \"%s\" in the index", zId);
    rc = VP_ENOTFOUND;
  }
  if (rc == VP_OK) rc = several_numbered(p, zId, pzErr);
  return rc;
}

int vp_query_doc(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long iDoc;
  rc = find_doc_or_fail(p, zId, &iDoc, pzErr);
  cJSON *pOut = NULL;
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT d.id, d.file, d.province, d.number, d.date, d.title, d.kind,"
                    " d.issuer, d.signer, d.size, d.indexed_at FROM doc d WHERE d.id = ?1",
                    &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_int64(s, 1, iDoc);
    if (vq_step_row(p, s, &rc, pzErr)) {
      pOut = cJSON_CreateObject();
      cJSON_AddItemToObject(pOut, "doc", vq_doc_object(s, 0));
      cJSON *d = cJSON_GetObjectItem(pOut, "doc");
      vq_add_col(d, "kind", s, 6);
      vq_add_display(d, "issuer", s, 7);
      vq_add_display(d, "signer", s, 8);
      vq_add_num(d, "size", (double)sqlite3_column_int64(s, 9));
      vq_add_col(d, "indexed_at", s, 10);
    }
  }
  vq_release(p, s);
  s = NULL;
  if (rc == VP_OK && pOut == NULL) rc = VP_ENOTFOUND;
  /* sections: each heading path with its first line and heading text */
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT section, min(line), count(*) FROM passage WHERE doc_id = ?1"
                    " AND section <> '' GROUP BY section ORDER BY min(line)",
                    &s, pzErr);
  if (rc == VP_OK) {
    cJSON *aSec = cJSON_AddArrayToObject(pOut, "sections");
    sqlite3_bind_int64(s, 1, iDoc);
    while (vq_step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      vq_add_col(o, "section", s, 0);
      vq_add_num(o, "line", sqlite3_column_int(s, 1));
      vq_add_num(o, "passages", sqlite3_column_int(s, 2));
      cJSON_AddItemToArray(aSec, o);
    }
  }
  vq_release(p, s);
  s = NULL;
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT i.key, i.scope, i.type, group_concat(DISTINCT c.relation), c.date,"
                    " c.section, c.line FROM citation c JOIN instrument i ON i.id = c.instrument_id"
                    " WHERE c.doc_id = ?1 AND c.relation IS NOT 'alias'"
                    " GROUP BY c.passage_id, c.instrument_id ORDER BY min(c.start)",
                    &s, pzErr);
  if (rc == VP_OK) {
    cJSON *aInst = cJSON_AddArrayToObject(pOut, "instruments");
    sqlite3_bind_int64(s, 1, iDoc);
    while (vq_step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      const char *zScope = vq_col_text(s, 1);
      vq_add_col(o, "key", s, 0);
      vq_add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
      vq_add_col(o, "type", s, 2);
      /* one row per passage and instrument, with all its relations */
      const char *zRels = vq_col_text(s, 3) ? vq_col_text(s, 3) : "";
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
      vq_add_col(o, "date", s, 4);
      vq_add_col(o, "section", s, 5);
      vq_add_num(o, "line", sqlite3_column_int(s, 6));
      cJSON_AddItemToArray(aInst, o);
    }
  }
  vq_release(p, s);
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
  vq_read_end(p);
  if (rc == VP_ENOTFOUND && *pzErr == NULL) *pzErr = vp_mprintf("no document \"%s\" in the index", zId);
  return vq_finish(rc, pOut, ppOut);
}

/* What documents aDoc[0..nDoc) rest on: the instruments they cite as basis,
** implement or continue, {key, scope, relation} (and "doc" with bDoc) into
** aOut, in the order they are cited. */
int vq_add_rests_on(vp_db *p, const long long *aDoc, int nDoc, int bDoc, cJSON *aOut,
                    char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = vq_prepare(p,
                      "SELECT DISTINCT i.key, i.scope, c.relation FROM citation c"
                      " JOIN instrument i ON i.id = c.instrument_id WHERE c.doc_id = ?1"
                      " AND c.relation IN ('implements', 'continues', 'basis') ORDER BY c.start",
                      &s, pzErr);
  for (int k = 0; rc == VP_OK && k < nDoc; k++) {
    sqlite3_bind_int64(s, 1, aDoc[k]);
    while (vq_step_row(p, s, &rc, pzErr)) {
      cJSON *o = cJSON_CreateObject();
      const char *zScope = vq_col_text(s, 1);
      if (bDoc) cJSON_AddNumberToObject(o, "doc", (double)aDoc[k]);
      vq_add_col(o, "key", s, 0);
      vq_add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
      vq_add_col(o, "relation", s, 2);
      cJSON_AddItemToArray(aOut, o);
    }
    sqlite3_reset(s);
  }
  vq_release(p, s);
  return rc;
}

int vp_query_chain_facts(vp_db *p, const long long *aDoc, int nDoc, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  sqlite3_stmt *s = NULL;
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  cJSON *pOut = cJSON_CreateObject();
  rc = vq_add_rests_on(p, aDoc, nDoc, 1, cJSON_AddArrayToObject(pOut, "cites"), pzErr);
  /* the documents: every one with a number (an instrument may be one), and
  ** those asked for */
  char *zIn = vq_in_list(nDoc, 1);
  char *zSql = zIn ? vp_mprintf("SELECT id, number, province, issuer, kind, date, title FROM doc"
                                " WHERE number IS NOT NULL OR id IN %s ORDER BY id", zIn)
                   : NULL;
  free(zIn);
  if (rc == VP_OK) rc = zSql ? vq_prepare(p, zSql, &s, pzErr) : VP_ENOMEM;
  free(zSql);
  for (int k = 0; rc == VP_OK && k < nDoc; k++) sqlite3_bind_int64(s, 1 + k, aDoc[k]);
  cJSON *aDocs = cJSON_AddArrayToObject(pOut, "docs");
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    vq_add_num(o, "id", (double)sqlite3_column_int64(s, 0));
    vq_add_col(o, "number", s, 1);
    vq_add_col(o, "province", s, 2);
    vq_add_display(o, "issuer", s, 3);
    vq_add_col(o, "kind", s, 4);
    vq_add_col(o, "date", s, 5);
    vq_add_col(o, "title", s, 6);
    cJSON_AddItemToArray(aDocs, o);
  }
  vq_release(p, s);
  vq_read_end(p);
  return vq_finish(rc, pOut, ppOut);
}

/* The full text of one document, passage by passage, for its page. */
#define DOC_TEXT_MAX 20000 /* passages at most: a hostile file's page stays bounded */

int vp_query_doc_text(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long iDoc;
  rc = find_doc_or_fail(p, zId, &iDoc, pzErr);
  cJSON *pOut = NULL;
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT line, section, kind, label, text FROM passage WHERE doc_id = ?1"
                    " ORDER BY seq, line LIMIT " VP_STR(DOC_TEXT_MAX + 1),
                    &s, pzErr);
  if (rc == VP_OK) {
    pOut = cJSON_CreateObject();
    vq_add_num(pOut, "id", (double)iDoc);
    cJSON *aP = cJSON_AddArrayToObject(pOut, "passages");
    int n = 0;
    sqlite3_bind_int64(s, 1, iDoc);
    while (vq_step_row(p, s, &rc, pzErr)) {
      if (++n > DOC_TEXT_MAX) {
        cJSON_AddTrueToObject(pOut, "truncated");
        break;
      }
      cJSON *o = cJSON_CreateObject();
      vq_add_num(o, "line", sqlite3_column_int(s, 0));
      vq_add_col(o, "section", s, 1);
      vq_add_num(o, "kind", sqlite3_column_int(s, 2));
      vq_add_col(o, "label", s, 3);
      vq_add_display(o, "text", s, 4);
      cJSON_AddItemToArray(aP, o);
    }
  }
  vq_release(p, s);
  vq_read_end(p);
  return vq_finish(rc, pOut, ppOut);
}
