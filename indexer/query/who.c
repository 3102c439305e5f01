/*
** who.c — agencies: a typed name resolved (alias table, index, prefix,
** words, typo), `vnplan who` (an agency's tasks by province), `tasks` (tasks
** with their lead and support agencies, filtered) and `agencies` (all).
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
  int rc = vq_prepare(p,
                      "SELECT a.canon, coalesce(sum(ap.lead), 0), coalesce(sum(ap.support), 0)"
                      " FROM agency a LEFT JOIN agency_province ap ON ap.agency_id = a.id"
                      " GROUP BY a.id",
                      &s, pzErr);
  int nAlloc = 0, nTable = vp_agency_count();
  for (int k = -1; rc == VP_OK; k++) {
    const char *zName;
    int nLead = 0, nSup = 0;
    if (k < 0) { /* the index first, then the table's names it lacks */
      if (!vq_step_row(p, s, &rc, pzErr)) continue;
      zName = vq_col_text(s, 0);
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
  vq_release(p, s);
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
/* The first word of z, folded, into zOut (size nOut): "bo" for "Bộ Tài
** chính". */
static void first_word(const char *z, char *zOut, int nOut) {
  zOut[0] = 0;
  char *zF = vp_fold_str(z, -1);
  if (zF == NULL) return;
  int i = 0;
  while (zF[i] == ' ') i++;
  int k = 0;
  while (zF[i] && zF[i] != ' ' && k + 1 < nOut) zOut[k++] = zF[i++];
  zOut[k] = 0;
  free(zF);
}

/* The one candidate a typed name points to, or NULL. A name typed with a
** head noun ("Bộ Tài chính") points to no body of another head ("Sở Tài
** chính"): a ministry is not a department. */
static const char *agency_choice(const char *zTyped, const ag_cand *a, int n) {
  if (n == 0) return NULL;
  if (vp_agency_starts_with_head(zTyped, (int)strlen(zTyped))) {
    char zT[32], zC[32];
    first_word(zTyped, zT, (int)sizeof(zT));
    first_word(a[0].zName, zC, (int)sizeof(zC));
    if (strcmp(zT, zC) != 0) return NULL;
  }
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
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  ag_cand *a = NULL;
  int n = 0;
  rc = agency_candidates(p, zTyped ? zTyped : "", &a, &n, pzErr);
  vq_read_end(p);
  cJSON *pOut = cJSON_CreateObject();
  vq_add_str(pOut, "query", zTyped ? zTyped : "");
  cJSON *aAg = cJSON_AddArrayToObject(pOut, "agencies");
  for (int i = 0; rc == VP_OK && i < n && i < nMax; i++) {
    cJSON *o = cJSON_CreateObject();
    vq_add_str(o, "name", a[i].zName);
    vq_add_num(o, "lead", a[i].nLead);
    vq_add_num(o, "support", a[i].nSupport);
    vq_add_str(o, "match", vp_agmatch_tier_name(a[i].eTier));
    cJSON_AddItemToArray(aAg, o);
  }
  vq_add_num(pOut, "total", n);
  ag_cands_free(a, n);
  return vq_finish(rc, pOut, ppOut);
}

/* The agency ids a typed name stands for: the alias table's canonical name
** when it knows it, else a name as indexed (compared on its folded key),
** else the one agency a prefix, words or a typo point to (its name in
** *pzChosen, malloc'd; NULL when the name was known as typed). *pzFree gets
** the name to show for an agency outside the table. */
int vq_resolve_agency(vp_db *p, const char *zTyped, long long **paId, int *pnId,
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
  int rc = vq_prepare(p, "SELECT id, canon FROM agency WHERE canon = ?1 OR key = ?2", &s, pzErr);
  if (rc == VP_OK) {
    if (pDef) sqlite3_bind_text(s, 1, pDef->zCanon, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, zKey, -1, SQLITE_STATIC);
  }
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    long long *aNew = realloc(*paId, (size_t)(*pnId + 1) * sizeof(long long));
    if (aNew == NULL) { rc = VP_ENOMEM; break; }
    *paId = aNew;
    (*paId)[(*pnId)++] = sqlite3_column_int64(s, 0);
    if (pDef == NULL && *pzFree == NULL) *pzFree = vp_strndup(vq_col_text(s, 1), -1);
  }
  vq_release(p, s);
  free(zKey);
  if (rc == VP_OK && pDef == NULL && *pnId == 0 && pzChosen && *pzChosen == NULL) {
    ag_cand *a = NULL;
    int n = 0;
    rc = agency_candidates(p, zTyped, &a, &n, pzErr);
    const char *zChoice = rc == VP_OK ? agency_choice(zTyped, a, n) : NULL;
    if (zChoice) {
      *pzChosen = vp_strndup(zChoice, -1);
      ag_cands_free(a, n);
      if (*pzChosen == NULL) return VP_ENOMEM;
      return vq_resolve_agency(p, *pzChosen, paId, pnId, ppDef, pzFree, NULL, pzErr);
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
  vq_add_str(a, "name", pDef ? pDef->zCanon : zName);
  vq_add_str(a, "kind", pDef ? pDef->zKind : NULL);
  cJSON_AddBoolToObject(a, "generic", pDef ? pDef->bGeneric : 0);
  vq_add_str(a, "successor", pDef ? pDef->zSuccessor : NULL);
  vq_add_str(a, "successor_note", pDef ? pDef->zSuccessorNote : NULL);
  return a;
}

/* The province typed with its unit word after an agency's name ("Sở Tài
** chính tỉnh Bắc Ninh") when the name it was read as (zName) does not hold
** it ("Ủy ban nhân dân tỉnh Gia Lai" does): *pzProvince (static), else
** NULL. VP_OK or VP_ENOMEM. */
static int province_typed(const char *zTyped, const char *zName, const char **pzProvince) {
  *pzProvince = NULL;
  char *zRest = NULL;
  const char *zProv = NULL;
  int rc = vp_qexpand_province(zTyped, &zRest, &zProv);
  free(zRest);
  if (rc != VP_OK || zProv == NULL || zName == NULL) return rc;
  char *zN = vp_fold_str(zName, (int)strlen(zName)), *zP = vp_fold_str(zProv, (int)strlen(zProv));
  if (zN == NULL || zP == NULL) rc = VP_ENOMEM;
  else if (strstr(zN, zP) == NULL) *pzProvince = zProv;
  free(zN);
  free(zP);
  return rc;
}

int vp_query_who(vp_db *p, const char *zAgency, int nLimit, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (nLimit <= 0) nLimit = VP_WHO_TASKS_DEFAULT;
  int rc = vq_check_paging(&nLimit, 0, pzErr);
  if (rc != VP_OK) return rc;
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL;
  rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  char *zChosen = NULL;
  rc = vq_resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
  /* a province typed after the name ("Sở Tài chính tỉnh Bắc Ninh") that the
  ** agency's own name does not hold: its documents only */
  const vp_province *apIn[64];
  int nIn = 0;
  const char *zProvRead = NULL;
  if (rc == VP_OK) rc = province_typed(zAgency, pDef ? pDef->zCanon : zName, &zProvRead);
  if (rc == VP_OK && zProvRead) nIn = vp_gaz_members(zProvRead, apIn, 64);
  cJSON *pOut = NULL;
  sqlite3_stmt *sCount = NULL, *sDocs = NULL, *sTasks = NULL;
  char *zIn = NULL, *zSqlCount = NULL, *zSqlDocs = NULL, *zSqlTasks = NULL;
  if (rc == VP_OK) {
    pOut = cJSON_CreateObject();
    vq_add_str(pOut, "query", zAgency);
    if (zChosen) cJSON_AddStringToObject(pOut, "interpreted_as", zChosen);
    if (nIn > 0) cJSON_AddStringToObject(pOut, "province_read", zProvRead);
    cJSON_AddItemToObject(pOut, "agency", agency_object(pDef, zName));
    zIn = vq_in_list(nId > 0 ? nId : 1, 3);
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
    if (rc == VP_OK) rc = vq_prepare(p, zSqlCount, &sCount, pzErr);
    if (rc == VP_OK) rc = vq_prepare(p, zSqlDocs, &sDocs, pzErr);
    if (rc == VP_OK) rc = vq_prepare(p, zSqlTasks, &sTasks, pzErr);
    for (int i = 0; rc == VP_OK && i < (nId > 0 ? nId : 1); i++) {
      sqlite3_bind_int64(sCount, 3 + i, nId > 0 ? aId[i] : -1);
      sqlite3_bind_int64(sDocs, 3 + i, nId > 0 ? aId[i] : -1);
      sqlite3_bind_int64(sTasks, 3 + i, nId > 0 ? aId[i] : -1);
    }
  }
  cJSON *aProv = cJSON_CreateArray(), *pNoProv = NULL;
  long long nTotal = 0;
  while (rc == VP_OK && vq_step_row(p, sCount, &rc, pzErr)) {
    const char *zProv = vq_col_text(sCount, 0);
    int nLead = sqlite3_column_int(sCount, 1), nSup = sqlite3_column_int(sCount, 2);
    if (nLead + nSup <= 0) continue;
    int bIn = nIn == 0;
    for (int k = 0; k < nIn && !bIn; k++) bIn = zProv && strcmp(zProv, apIn[k]->zName) == 0;
    if (!bIn) continue;
    cJSON *o = cJSON_CreateObject();
    vq_add_str(o, "province", zProv && zProv[0] ? zProv : NULL);
    vq_add_str(o, "province_2025", vq_province_2025(zProv));
    vq_add_num(o, "lead", nLead);
    vq_add_num(o, "support", nSup);
    vq_add_num(o, "docs", sqlite3_column_int(sCount, 3));
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
    while (nTasks < nLimit && vq_step_row(p, sDocs, &rc, pzErr)) {
      sqlite3_bind_int64(sTasks, 1, sqlite3_column_int64(sDocs, 0));
      while (nTasks < nLimit && vq_step_row(p, sTasks, &rc, pzErr)) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddItemToObject(t, "doc", vq_doc_object(sTasks, 7));
        vq_add_col(t, "role", sTasks, 0);
        vq_add_col(t, "name", sTasks, 1); /* display form (agency.c) */
        vq_add_clipped(t, "text", sTasks, 2);
        vq_add_col(t, "deadline", sTasks, 3);
        vq_add_col(t, "deadline_norm", sTasks, 4);
        vq_add_col(t, "section", sTasks, 5);
        vq_add_num(t, "line", sqlite3_column_int(sTasks, 6));
        cJSON_AddItemToArray(aTasks, t);
        nTasks++;
      }
      sqlite3_reset(sTasks);
    }
    sqlite3_reset(sDocs);
  }
  vq_release(p, sCount);
  vq_release(p, sDocs);
  vq_release(p, sTasks);
  vq_read_end(p);
  if (pOut) {
    vq_add_num(pOut, "total", (double)nTotal);
    vq_add_num(pOut, "limit", nLimit);
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
  return vq_finish(rc, pOut, ppOut);
}

/* agencies of one task: {"lead": [names], "support": [names]} into t */
int vq_add_task_agencies(vp_db *p, sqlite3_stmt *s, cJSON *t, long long iTask,
                         char **pzErr) {
  int rc = VP_OK;
  sqlite3_bind_int64(s, 1, iTask);
  cJSON *aLead = cJSON_AddArrayToObject(t, "lead");
  cJSON *aSup = cJSON_AddArrayToObject(t, "support");
  while (vq_step_row(p, s, &rc, pzErr)) {
    const char *zRole = vq_col_text(s, 1);
    const char *zCanon = vq_col_text(s, 0);
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
  int rc = vq_check_paging(&nLimit, nOffset, pzErr);
  if (rc != VP_OK) return rc;
  char *zCond = NULL, *zIssuer = NULL;
  vp_docfilter fIss;
  memset(&fIss, 0, sizeof(fIss));
  if (pFilter) fIss = *pFilter;
  rc = vq_check_sort(&fIss, pzErr);
  if (rc == VP_OK) rc = vq_filter_issuer(p, &fIss, &zIssuer, pzErr);
  if (rc == VP_OK && !vp_docfilter_empty(&fIss)) rc = vp_docfilter_sql(&fIss, &zCond, pzErr);
  free(zIssuer);
  if (rc != VP_OK) return rc;
  int bByDate = vp_docfilter_sort_date(&fIss) == 1;
  rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) {
    free(zCond);
    return rc;
  }
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL, *zChosen = NULL;
  if (zAgency && zAgency[0])
    rc = vq_resolve_agency(p, zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
  /* WHERE: ?1.. agency ids, then provinces, then the doc */
  vp_buf w = {0};
  int rcB = VP_OK, iParam = 1;
  vp_buf_appends(&w, " WHERE 1", &rcB);
  if (zAgency && zAgency[0]) {
    char *zIn = vq_in_list(nId > 0 ? nId : 1, iParam);
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
  if (rc == VP_OK) rc = vq_prepare(p, zSqlRows, &sRows, pzErr);
  if (rc == VP_OK) rc = vq_prepare(p, zSqlCount, &sCount, pzErr);
  if (rc == VP_OK) rc = vq_prepare(p, zSqlFacet, &sFacet, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p,
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
  while (rc == VP_OK && vq_step_row(p, sCount, &rc, pzErr)) {
    int n = sqlite3_column_int(sCount, 2);
    if (sqlite3_column_int(sCount, 0) == 1) {
      if (vq_col_text(sCount, 1)) vq_count_into(pFIss, vq_col_text(sCount, 1), n);
      continue;
    }
    nTotal += n;
    vq_count_into(pFProv, vq_col_text(sCount, 1), n);
  }
  while (rc == VP_OK && vq_step_row(p, sFacet, &rc, pzErr))
    vq_count_into(pFAg, vq_col_text(sFacet, 0), sqlite3_column_int(sFacet, 1));
  cJSON *aTasks = cJSON_CreateArray();
  while (rc == VP_OK && vq_step_row(p, sRows, &rc, pzErr)) {
    cJSON *t = cJSON_CreateObject();
    cJSON_AddItemToObject(t, "doc", vq_doc_object(sRows, 6));
    vq_add_col(t, "province", sRows, 8);
    vq_add_col(t, "section", sRows, 4);
    vq_add_num(t, "line", sqlite3_column_int(sRows, 5));
    vq_add_clipped(t, "text", sRows, 1);
    vq_add_col(t, "deadline", sRows, 2);
    vq_add_col(t, "deadline_norm", sRows, 3);
    rc = vq_add_task_agencies(p, sAg, t, sqlite3_column_int64(sRows, 0), pzErr);
    cJSON_AddItemToArray(aTasks, t);
  }
  vq_release(p, sRows);
  vq_release(p, sCount);
  vq_release(p, sAg);
  vq_release(p, sFacet);
  vq_read_end(p);
  if (zAgency && zAgency[0] && rc == VP_OK)
    cJSON_AddItemToObject(pOut, "agency", agency_object(pDef, zName));
  if (zChosen) cJSON_AddStringToObject(pOut, "interpreted_as", zChosen);
  if (bByDate) cJSON_AddStringToObject(pOut, "sort", "date");
  vq_add_num(pOut, "total", (double)nTotal);
  vq_add_num(pOut, "limit", nLimit);
  vq_add_num(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "tasks", aTasks);
  free(zWhere);
  free(zSqlRows);
  free(zSqlCount);
  free(zSqlFacet);
  free(aId);
  free(zName);
  free(zChosen);
  free(zCond);
  return vq_finish(rc, pOut, ppOut);
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
  int rc = vq_read_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  sqlite3_stmt *s = NULL;
  rc = vq_prepare(p,
                  "SELECT a.canon, a.kind, a.generic, nullif(ap.province, ''), ap.lead, ap.support"
                  " FROM agency a JOIN agency_province ap ON ap.agency_id = a.id"
                  " WHERE ap.lead + ap.support > 0 ORDER BY a.generic, a.canon, ap.province",
                  &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aAg = cJSON_CreateArray();
  cJSON *pCur = NULL;
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    const char *zCanon = vq_col_text(s, 0);
    const char *zCur = pCur ? cJSON_GetStringValue(cJSON_GetObjectItem(pCur, "name")) : NULL;
    if (zCur == NULL || strcmp(zCur, zCanon) != 0) {
      const vp_agency *pDef = vp_agency_resolve(zCanon);
      pCur = agency_object(pDef, zCanon);
      cJSON_ReplaceItemInObject(pCur, "name", cJSON_CreateString(zCanon));
      if (pDef == NULL) {
        cJSON_ReplaceItemInObject(pCur, "kind", cJSON_CreateString(vq_col_text(s, 1)));
        cJSON_ReplaceItemInObject(pCur, "generic", cJSON_CreateBool(sqlite3_column_int(s, 2)));
      }
      vq_add_num(pCur, "lead", 0);
      vq_add_num(pCur, "support", 0);
      cJSON_AddArrayToObject(pCur, "provinces");
      cJSON_AddItemToArray(aAg, pCur);
    }
    int nLead = sqlite3_column_int(s, 4), nSup = sqlite3_column_int(s, 5);
    cJSON *o = cJSON_CreateObject();
    vq_add_col(o, "province", s, 3);
    vq_add_num(o, "lead", nLead);
    vq_add_num(o, "support", nSup);
    cJSON_AddItemToArray(cJSON_GetObjectItem(pCur, "provinces"), o);
    cJSON *pL = cJSON_GetObjectItem(pCur, "lead"), *pS = cJSON_GetObjectItem(pCur, "support");
    cJSON_SetNumberValue(pL, pL->valuedouble + nLead);
    cJSON_SetNumberValue(pS, pS->valuedouble + nSup);
  }
  vq_release(p, s);
  vq_read_end(p);
  vq_add_num(pOut, "total", cJSON_GetArraySize(aAg));
  cJSON_AddItemToObject(pOut, "agencies", aAg);
  if (rc == VP_OK) agencies_in_order(cJSON_GetObjectItem(pOut, "agencies"));
  return vq_finish(rc, pOut, ppOut);
}
