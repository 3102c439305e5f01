/*
** refs.c — citations of instruments: `vnplan refs` (where a resolution or
** decision is cited, by document, with each passage), `instrument` (one
** instrument's dates, citations and chain) and `instruments` (all cited).
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

/* ---- refs ----------------------------------------------------------- */

static cJSON *instrument_object(sqlite3_stmt *s) {
  /* columns: id, key, scope, type, number, year, type_code, issuer_code,
  ** issuer_body, title */
  cJSON *o = cJSON_CreateObject();
  const char *zScope = vq_col_text(s, 2);
  vq_add_col(o, "key", s, 1);
  vq_add_str(o, "scope", zScope && zScope[0] ? zScope : NULL);
  vq_add_col(o, "type", s, 3);
  vq_add_col(o, "number", s, 4);
  if (sqlite3_column_type(s, 5) == SQLITE_NULL) cJSON_AddNullToObject(o, "year");
  else cJSON_AddNumberToObject(o, "year", sqlite3_column_int(s, 5));
  vq_add_col(o, "type_code", s, 6);
  vq_add_col(o, "issuer_code", s, 7);
  vq_add_display(o, "issuer_body", s, 8);
  vq_add_display(o, "title", s, 9);
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
  int rc = vq_prepare(p,
                      "SELECT date, docs FROM instrument_date WHERE instrument_id = ?1"
                      " AND docs > 0 ORDER BY date",
                      &s, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT DISTINCT d.file FROM citation c JOIN doc d ON d.id = c.doc_id"
                    " WHERE c.instrument_id = ?1 AND c.date = ?2 LIMIT " VP_STR(DATE_DOCS_MAX),
                    &sDocs, pzErr);
  cJSON *aDates = cJSON_AddArrayToObject(pInst, "dates");
  int bConflict = 0;
  char zPrev[16] = "";
  if (rc == VP_OK) sqlite3_bind_int64(s, 1, iInst);
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    const char *zDate = vq_col_text(s, 0);
    if (zPrev[0] && strncmp(zPrev, zDate, 4) == 0) bConflict = 1;
    snprintf(zPrev, sizeof(zPrev), "%s", zDate);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "date", zDate);
    vq_add_num(o, "count", sqlite3_column_int(s, 1));
    cJSON *aDocs = cJSON_AddArrayToObject(o, "docs");
    sqlite3_bind_int64(sDocs, 1, iInst);
    sqlite3_bind_text(sDocs, 2, zDate, -1, SQLITE_TRANSIENT);
    while (vq_step_row(p, sDocs, &rc, pzErr)) cJSON_AddItemToArray(aDocs, cJSON_CreateString(vq_col_text(sDocs, 0)));
    sqlite3_reset(sDocs);
    cJSON_AddItemToArray(aDates, o);
  }
  vq_release(p, s);
  vq_release(p, sDocs);
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
  char *zIn = vq_in_list(nInst, 10);
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
  if (rc == VP_OK) rc = vq_prepare(p, zSqlDocs, &sDocs, pzErr);
  if (rc == VP_OK) rc = vq_prepare(p, zSqlCit, &sCit, pzErr);
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
  while (rc == VP_OK && vq_step_row(p, sDocs, &rc, pzErr)) {
    int iDoc = bCount ? nDocs++ : nOffset;
    if (iDoc < nOffset || iDoc >= nOffset + nLimit) continue;
    sqlite3_bind_int64(sCit, 1, sqlite3_column_int64(sDocs, 0));
    int iFirst = cJSON_GetArraySize(aCit);
    while (vq_step_row(p, sCit, &rc, pzErr)) {
      long long iInst = sqlite3_column_int64(sCit, 15);
      const char *zKey = "";
      for (int k = 0; k < nInst; k++)
        if (aInst[k].iId == iInst) zKey = aInst[k].zKey;
      const char *zRel = vq_col_text(sCit, 6);
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
      cJSON_AddItemToObject(c, "doc", vq_doc_object(sCit, 0));
      vq_add_str(c, "instrument", zKey);
      vq_add_col(c, "relation", sCit, 6);
      cJSON *aRel = cJSON_AddArrayToObject(c, "relations");
      if (zRel) cJSON_AddItemToArray(aRel, cJSON_CreateString(zRel));
      vq_add_col(c, "date", sCit, 7);
      vq_add_display(c, "issuer_body", sCit, 13);
      vq_add_display(c, "title", sCit, 14);
      vq_add_col(c, "section", sCit, 8);
      vq_add_num(c, "passage", iPassage);
      vq_add_num(c, "line", sqlite3_column_int(sCit, 9));
      vq_add_num(c, "start", sqlite3_column_int(sCit, 10));
      vq_add_num(c, "end", sqlite3_column_int(sCit, 11));
      vq_add_window(c, "text", vq_col_text(sCit, 12), sqlite3_column_bytes(sCit, 12),
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
  vq_release(p, sDocs);
  vq_release(p, sCit);
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
  int rc = vq_prepare(p, "SELECT citations FROM instrument_stat WHERE instrument_id = ?1", &s, pzErr);
  *pn = 0;
  if (rc == VP_OK) {
    sqlite3_bind_int64(s, 1, iInst);
    if (vq_step_row(p, s, &rc, pzErr)) *pn = sqlite3_column_int(s, 0);
  }
  vq_release(p, s);
  return rc;
}

/* The instruments with a number's token (and scope when given) that are
** cited, as objects into aInst and as ids into a[] (up to nMax). */
static int find_instruments(vp_db *p, const char *zToken, const char *zScope, cJSON *aInst,
                            ref_inst *a, int *pn, int nMax, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = vq_prepare(p,
                      "SELECT " INSTRUMENT_COLS ", coalesce(st.citations, 0), coalesce(st.docs, 0)"
                      " FROM instrument i LEFT JOIN instrument_stat st ON st.instrument_id = i.id"
                      " WHERE i.token = ?1 AND (?2 IS NULL OR i.scope = ?2) ORDER BY i.scope",
                      &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zToken, -1, SQLITE_STATIC);
    if (zScope) sqlite3_bind_text(s, 2, zScope, -1, SQLITE_STATIC);
  }
  while (rc == VP_OK && *pn < nMax && vq_step_row(p, s, &rc, pzErr)) {
    if (sqlite3_column_int(s, 10) == 0) continue; /* no longer cited */
    cJSON *o = instrument_object(s);
    int nCit = 0;
    rc = count_citations(p, sqlite3_column_int64(s, 0), &nCit, pzErr);
    vq_add_num(o, "citations", nCit);
    vq_add_num(o, "docs", sqlite3_column_int(s, 11));
    cJSON_AddItemToArray(aInst, o);
    const char *zScopeCol = vq_col_text(s, 2);
    a[*pn].iId = sqlite3_column_int64(s, 0);
    a[*pn].zKey = (zScopeCol && zScopeCol[0]) ? vp_mprintf("%s@%s", vq_col_text(s, 1), zScopeCol)
                                              : vp_mprintf("%s", vq_col_text(s, 1));
    if (a[*pn].zKey == NULL) rc = VP_ENOMEM;
    else (*pn)++;
    if (rc == VP_OK) rc = add_dates(p, o, a[*pn - 1].iId, pzErr);
  }
  vq_release(p, s);
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
  char *zIn = vq_in_list(n, 10);
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
  int rc = vq_prepare(p, zSql, &s, pzErr);
  free(zSql);
  cJSON *pF = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *apF[2] = {cJSON_AddObjectToObject(pF, "relation"), cJSON_AddObjectToObject(pF, "issuer")};
  for (int i = 0; rc == VP_OK && i < n; i++) sqlite3_bind_int64(s, 10 + i, a[i].iId);
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    int k = sqlite3_column_int(s, 0);
    if (k < 0 || k > 1 || vq_col_text(s, 1) == NULL) continue;
    vq_count_into(apF[k], vq_col_text(s, 1), sqlite3_column_int(s, 2));
  }
  vq_release(p, s);
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
  vq_add_num(pOut, "total", bCounted ? cJSON_GetArraySize(aCit) : nTotal);
  vq_add_num(pOut, "docs_total", nDocs);
  vq_add_num(pOut, "limit", nLimit);
  vq_add_num(pOut, "offset", nOffset);
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
  int rc = vq_prepare(p, bNearest ?
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
  while (rc == VP_OK && *pnSel < nMax && vq_step_row(p, s, &rc, pzErr)) {
    inst_sel *q = &aSel[(*pnSel)++];
    snprintf(q->zToken, sizeof(q->zToken), "%s", vq_col_text(s, 0));
    snprintf(q->zScope, sizeof(q->zScope), "%s", vq_col_text(s, 1) ? vq_col_text(s, 1) : "");
    snprintf(q->zKey, sizeof(q->zKey), "%s", vq_col_text(s, 2) ? vq_col_text(s, 2) : "");
    q->bScope = 1;
  }
  vq_release(p, s);
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
  int rc = vq_prepare(p,
                      "SELECT count(*) FROM instrument i JOIN instrument_stat st"
                      " ON st.instrument_id = i.id WHERE i.token = ?1 AND st.citations > 0",
                      &s, pzErr);
  *pn = 0;
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zToken, -1, SQLITE_STATIC);
    if (vq_step_row(p, s, &rc, pzErr)) *pn = sqlite3_column_int(s, 0);
  }
  vq_release(p, s);
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
  int rc = vq_filter_agency(p, pFilter, &f, &zFree, pzErr);
  if (rc == VP_OK) rc = refs_in(p, zQuery, &f, nLimit, nOffset, ppOut, pzErr);
  free(zFree);
  return rc;
}

static int refs_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                   int nOffset, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (nLimit <= 0) nLimit = VP_REFS_DOCS_DEFAULT;
  int rc = vq_check_paging(&nLimit, nOffset, pzErr);
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
  vq_add_str(pOut, "query", zQuery);
  if (bDate) cJSON_AddStringToObject(pOut, "date", zDate);
  inst_sel aSel[MAX_LOOSE];
  int nSel = 0;
  for (int i = 0; i < nNum && nSel < MAX_LOOSE; i++) {
    snprintf(aSel[nSel].zToken, sizeof(aSel[nSel].zToken), "%s", aNum[i].zToken);
    aSel[nSel].zScope[0] = 0;
    aSel[nSel++].bScope = 0;
  }
  rc = vq_read_begin(p, pzErr);
  if (rc == VP_OK) {
    /* as written first; then the parts, read loosely */
    int nFound = 0;
    for (int i = 0; rc == VP_OK && i < nSel; i++) {
      int n = 0;
      rc = count_cited(p, aSel[i].zToken, &n, pzErr);
      nFound += n;
    }
    /* a number written otherwise than its key ("20/NQ-TW" is 20-NQ/TW):
    ** the answer says how it was read */
    if (rc == VP_OK && nNum == 1 && nFound > 0 && strstr(zQuery, aNum[0].zKey) == NULL)
      vq_add_str(pOut, "interpreted_as", aNum[0].zKey);
    if (rc == VP_OK && nFound == 0 && bLoose && ref.zNumber[0]) {
      /* a year stated is part of the number: one that fits none finds
      ** nothing, and the same number of other years is only suggested */
      rc = loose_candidates(p, &ref, 1, 0, aSel, &nSel, MAX_LOOSE, pzErr);
      if (rc == VP_OK && distinct_tokens(aSel, nSel) == 1) {
        vq_add_str(pOut, "interpreted_as", aSel[0].zKey);
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
      vq_add_num(pOut, "total", 0);
      vq_add_num(pOut, "docs_total", 0);
      vq_add_num(pOut, "limit", nLimit);
      vq_add_num(pOut, "offset", nOffset);
      cJSON_AddArrayToObject(pOut, "citations");
      if (cJSON_GetObjectItem(pOut, "candidates") == NULL && ref.zNumber[0]) {
        rc = loose_candidates(p, &ref, 0, 1, aSel, &nSel, 5, pzErr);
        if (rc == VP_OK) rc = add_instrument_list(p, pOut, "suggestions", aSel, nSel, pzErr);
      }
    }
    vq_read_end(p);
  }
  free(zCond);
  return vq_finish(rc, pOut, ppOut);
}

/* ---- instruments ---------------------------------------------------- */

int vp_query_instruments(vp_db *p, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = vq_prepare(p,
                  "SELECT " INSTRUMENT_COLS ", st.citations, st.docs"
                  " FROM instrument i JOIN instrument_stat st ON st.instrument_id = i.id"
                  " WHERE st.citations > 0 ORDER BY st.docs DESC, i.key, i.scope",
                  &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aInst = cJSON_CreateArray();
  int nConflict = 0;
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON *o = instrument_object(s);
    int nCit = 0; /* as refs counts them: a passage once, aliases left out */
    rc = count_citations(p, sqlite3_column_int64(s, 0), &nCit, pzErr);
    vq_add_num(o, "citations", nCit);
    vq_add_num(o, "docs", sqlite3_column_int(s, 11));
    if (rc == VP_OK) rc = add_dates(p, o, sqlite3_column_int64(s, 0), pzErr);
    if (cJSON_IsTrue(cJSON_GetObjectItem(o, "conflict"))) nConflict++;
    cJSON_AddItemToArray(aInst, o);
  }
  vq_release(p, s);
  vq_read_end(p);
  vq_add_num(pOut, "total", cJSON_GetArraySize(aInst));
  vq_add_num(pOut, "conflicts", nConflict);
  cJSON_AddItemToObject(pOut, "instruments", aInst);
  return vq_finish(rc, pOut, ppOut);
}

/* Documents whose own number is the instrument zToken (scope zScope or any):
** what they cite as basis or implement is what the instrument implements. */
static int add_chain(vp_db *p, cJSON *pOut, const char *zToken, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int rc = vq_prepare(p,
                      "SELECT d.id, d.file, d.number FROM doc d WHERE d.number IS NOT NULL",
                      &s, pzErr);
  cJSON *aImpl = cJSON_AddArrayToObject(pOut, "implements");
  long long aDoc[16];
  int nDoc = 0;
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    vp_docnum d;
    const char *zNum = vq_col_text(s, 2);
    if (vp_docnum_next(zNum, (int)strlen(zNum), 0, &d) && strcmp(d.zToken, zToken) == 0 && nDoc < 16)
      aDoc[nDoc++] = sqlite3_column_int64(s, 0);
  }
  vq_release(p, s);
  s = NULL;
  if (rc == VP_OK && nDoc > 0) rc = vq_add_rests_on(p, aDoc, nDoc, 0, aImpl, pzErr);
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
  vq_add_str(pOut, "key", zKey);
  int rc = vq_read_begin(p, pzErr);
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
      vq_add_str(pOut, "interpreted_as", aSel[0].zKey);
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
  vq_read_end(p);
  return vq_finish(rc, pOut, ppOut);
}
