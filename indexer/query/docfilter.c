/*
** docfilter.c — document filters as one SQL condition (see vp_docfilter.h).
** Every value a person types is resolved to what the index stores (a
** province's canonical names, a kind's name, an agency's canonical name and
** key) and quoted with SQLite's %Q. Not for paging or ranking.
*/
#include "vp_docfilter.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_lexicon.h"

int vp_docfilter_empty(const vp_docfilter *f) {
  return f == NULL || (!(f->zProvince && f->zProvince[0]) && !(f->zKind && f->zKind[0]) &&
                       !(f->zAgency && f->zAgency[0]) && f->nYear == 0 &&
                       !(f->zSince && f->zSince[0]) && !(f->zUntil && f->zUntil[0]) &&
                       !(f->zIssuer && f->zIssuer[0]) && !(f->zRelation && f->zRelation[0]));
}

static const vp_lexicon_list *relation_labels(void) {
  return vp_lexicon_get("cite-phrases.tsv", "relation-label");
}

const char *vp_docfilter_relation(const char *zTyped) {
  const vp_lexicon_list *pL = relation_labels();
  if (zTyped == NULL) return NULL;
  for (int i = 0; i < vp_lexicon_count(pL); i++) {
    const vp_lexicon_entry *e = vp_lexicon_entry_at(pL, i);
    if (strcmp(e->zValue, zTyped) == 0) return e->zValue;
  }
  char *zFold = vp_fold_str(zTyped, -1);
  const vp_lexicon_entry *e = zFold ? vp_lexicon_find(pL, zFold, -1) : NULL;
  free(zFold);
  return e ? e->zValue : NULL;
}

const char *vp_docfilter_relation_label(const char *zKey) {
  const vp_lexicon_list *pL = relation_labels();
  for (int i = 0; zKey && i < vp_lexicon_count(pL); i++) {
    const vp_lexicon_entry *e = vp_lexicon_entry_at(pL, i);
    if (strcmp(e->zValue, zKey) == 0) return e->zPhrase;
  }
  return NULL;
}

const char *vp_docfilter_relation_choice(int i, int *pn) {
  const vp_lexicon_list *pL = relation_labels();
  *pn = vp_lexicon_count(pL);
  const vp_lexicon_entry *e = vp_lexicon_entry_at(pL, i);
  return e ? e->zPhrase : NULL;
}

int vp_docfilter_sort_date(const vp_docfilter *f) {
  const char *z = f ? f->zSort : NULL;
  if (z == NULL || z[0] == 0 || strcmp(z, "relevance") == 0) return 0;
  return strcmp(z, "date") == 0 ? 1 : -1;
}

/* YYYY, YYYY-MM or YYYY-MM-DD; the first or last day it covers into zOut. */
static int read_date(const char *z, int bEnd, char zOut[11]) {
  int n = (int)strlen(z);
  if (n != 4 && n != 7 && n != 10) return 0;
  for (int i = 0; i < n; i++) {
    int bDash = i == 4 || i == 7;
    if (bDash ? z[i] != '-' : (z[i] < '0' || z[i] > '9')) return 0;
  }
  int m = n >= 7 ? (z[5] - '0') * 10 + (z[6] - '0') : 1;
  int d = n == 10 ? (z[8] - '0') * 10 + (z[9] - '0') : 1;
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  memcpy(zOut, z, (size_t)n);
  if (n == 4) memcpy(zOut + 4, bEnd ? "-12-31" : "-01-01", 6);
  if (n == 7) memcpy(zOut + 7, bEnd ? "-31" : "-01", 3);
  zOut[10] = 0;
  return 1;
}

/* The kind's name as the index stores it ("Kế hoạch") from a name typed
** with or without diacritics, or a type code. */
static const char *kind_name(const char *zTyped) {
  const vp_lexicon_list *pType = vp_lexicon_get("instrument-types.tsv", "type");
  const vp_lexicon_entry *pE = vp_lexicon_find_code(pType, 0, zTyped, -1);
  if (pE == NULL) {
    char *zFold = vp_fold_str(zTyped, -1);
    if (zFold) pE = vp_lexicon_find(pType, zFold, -1);
    free(zFold);
  }
  return pE ? pE->zPhrase : NULL;
}

int vp_docfilter_sql(const vp_docfilter *f, char **pzSql, char **pzErr) {
  *pzSql = NULL;
  vp_buf b = {0};
  int rc = VP_OK;
  vp_buf_appends(&b, "(1", &rc);
  if (f && f->zProvince && f->zProvince[0]) {
    const vp_province *ap[64];
    int n = vp_gaz_members(f->zProvince, ap, 64);
    if (n == 0) {
      *pzErr = vp_mprintf("no province named \"%s\"", f->zProvince);
      vp_buf_free(&b);
      return VP_ENOTFOUND;
    }
    vp_buf_appends(&b, " AND d.province IN (", &rc);
    for (int i = 0; i < n; i++) {
      char *zQ = sqlite3_mprintf("%s%Q", i ? "," : "", ap[i]->zName);
      vp_buf_appends(&b, zQ ? zQ : "NULL", &rc);
      sqlite3_free(zQ);
    }
    vp_buf_appends(&b, ")", &rc);
  }
  if (f && f->zKind && f->zKind[0]) {
    const char *zKind = kind_name(f->zKind);
    if (zKind == NULL) {
      *pzErr = vp_mprintf("no kind of document named \"%s\" (e.g. \"Kế hoạch\", KH, QĐ)", f->zKind);
      vp_buf_free(&b);
      return VP_ENOTFOUND;
    }
    char *zQ = sqlite3_mprintf(" AND d.kind = %Q", zKind);
    vp_buf_appends(&b, zQ ? zQ : "", &rc);
    sqlite3_free(zQ);
  }
  if (f && f->nYear) vp_buf_appendf(&b, &rc, " AND substr(d.date, 1, 4) = '%04d'", f->nYear);
  const char *azDate[2] = {f ? f->zSince : NULL, f ? f->zUntil : NULL};
  for (int k = 0; k < 2; k++) {
    if (azDate[k] == NULL || azDate[k][0] == 0) continue;
    char zD[11];
    if (!read_date(azDate[k], k, zD)) {
      *pzErr = vp_mprintf("%s needs a date as YYYY, YYYY-MM or YYYY-MM-DD, not \"%s\"",
                          k ? "--until" : "--since", azDate[k]);
      vp_buf_free(&b);
      return VP_EQUERY;
    }
    vp_buf_appendf(&b, &rc, " AND d.date %s '%s'", k ? "<=" : ">=", zD);
  }
  if (f && f->zAgency && f->zAgency[0]) {
    const vp_agency *pDef = vp_agency_resolve(f->zAgency);
    char *zKey = vp_fold_key(pDef ? pDef->zCanon : f->zAgency, -1);
    char *zQ = sqlite3_mprintf(
        " AND EXISTS (SELECT 1 FROM agency_doc ad JOIN agency a ON a.id = ad.agency_id"
        " WHERE ad.doc_id = d.id AND (a.canon = %Q OR a.key = %Q))",
        pDef ? pDef->zCanon : f->zAgency, zKey ? zKey : "");
    vp_buf_appends(&b, zQ ? zQ : "", &rc);
    if (zQ == NULL || zKey == NULL) rc = VP_ENOMEM;
    sqlite3_free(zQ);
    free(zKey);
  }
  if (f && f->zIssuer && f->zIssuer[0]) { /* any of its stored spellings */
    vp_buf_appends(&b, " AND d.issuer IN (", &rc);
    for (const char *z = f->zIssuer; rc == VP_OK;) {
      size_t n = strcspn(z, VP_ISSUER_SEP);
      char *zQ = sqlite3_mprintf("%s%.*Q", z == f->zIssuer ? "" : ", ", (int)n, z);
      vp_buf_appends(&b, zQ ? zQ : "", &rc);
      if (zQ == NULL) rc = VP_ENOMEM;
      sqlite3_free(zQ);
      if (z[n] == 0) break;
      z += n + 1;
    }
    vp_buf_appends(&b, ")", &rc);
  }
  if (f && f->zRelation && f->zRelation[0]) {
    const char *zKey = vp_docfilter_relation(f->zRelation);
    if (zKey == NULL) {
      *pzErr = vp_mprintf("no relation named \"%s\" (Căn cứ, Thực hiện, Tiếp tục thực hiện,"
                          " Nhắc đến, Viết tắt; or basis, implements, continues, mention, alias)",
                          f->zRelation);
      vp_buf_free(&b);
      return VP_EQUERY;
    }
    /* the document cites something so; search and refs narrow to passages */
    vp_buf_appendf(&b, &rc, " AND EXISTS (SELECT 1 FROM citation cr WHERE cr.doc_id = d.id"
                            " AND cr.relation = '%s')", zKey);
  }
  if (vp_docfilter_sort_date(f) < 0) {
    *pzErr = vp_mprintf("sort is relevance or date, not \"%s\"", f->zSort);
    vp_buf_free(&b);
    return VP_EQUERY;
  }
  vp_buf_appends(&b, ")", &rc);
  if (rc != VP_OK) {
    vp_buf_free(&b);
    return rc;
  }
  *pzSql = vp_buf_take(&b);
  return *pzSql ? VP_OK : VP_ENOMEM;
}
