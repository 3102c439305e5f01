/*
** coverage.c — which provinces carry out an instrument (vp_coverage.h):
** the instrument's answer gives the plans that implement, continue or rest
** on it; the documents list gives each plan's kind, issuer and task count;
** the gazetteer gives the 63 provinces and the 34 units since 2025. Not for
** SQL (the query layer answers) nor for printing (the CLI and the page).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_collate.h"
#include "vp_common.h"
#include "vp_coverage.h"
#include "vp_gazetteer.h"

static const char *str_of(const cJSON *o, const char *zKey) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
}

/* Days since 1970-01-01 of "YYYY-MM-DD"; 0 with *pbOk = 0 when unreadable. */
static long days_of(const char *z, int *pbOk) {
  int y, m, d;
  *pbOk = z && sscanf(z, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  if (!*pbOk) return 0;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The date most citing plans give the instrument (the first on a tie). */
static const char *instrument_date(const cJSON *pInst) {
  const char *zBest = NULL;
  double nBest = -1;
  const cJSON *d;
  cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(pInst, "dates")) {
    double n = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(d, "count"));
    if (n > nBest && str_of(d, "date")) zBest = str_of(d, "date"), nBest = n;
  }
  return zBest;
}

static const cJSON *doc_by_id(const cJSON *aDocs, double id) {
  const cJSON *d;
  cJSON_ArrayForEach(d, aDocs) {
    if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(d, "id")) == id) return d;
  }
  return NULL;
}

/* One plan row from an implemented_by entry and the documents list. */
static cJSON *plan_object(const cJSON *pBy, const cJSON *aDocs, const char *zInstDate) {
  double id = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(pBy, "id"));
  const cJSON *pDoc = doc_by_id(aDocs, id);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "id", id);
  const char *azKey[] = {"number", "label", "province", "date", "relation", "file"};
  for (size_t k = 0; k < VP_ARRAY_SIZE(azKey); k++) {
    const char *z = str_of(pBy, azKey[k]);
    if (z) cJSON_AddStringToObject(o, azKey[k], z);
    else cJSON_AddNullToObject(o, azKey[k]);
  }
  int bA, bB;
  long nA = days_of(zInstDate, &bA), nB = days_of(str_of(pBy, "date"), &bB);
  if (bA && bB) cJSON_AddNumberToObject(o, "lag_days", (double)(nB - nA));
  else cJSON_AddNullToObject(o, "lag_days");
  cJSON *pTasks = pDoc ? cJSON_GetObjectItemCaseSensitive(pDoc, "tasks") : NULL;
  cJSON_AddNumberToObject(o, "tasks", cJSON_IsNumber(pTasks) ? pTasks->valuedouble : 0);
  const char *zKind = pDoc ? str_of(pDoc, "kind") : NULL, *zIssuer = pDoc ? str_of(pDoc, "issuer") : NULL;
  if (zKind) cJSON_AddStringToObject(o, "kind", zKind);
  else cJSON_AddNullToObject(o, "kind");
  if (zIssuer) cJSON_AddStringToObject(o, "issuer", zIssuer);
  else cJSON_AddNullToObject(o, "issuer");
  return o;
}

static int relation_counts(const char *zRel) {
  return zRel && (strcmp(zRel, "implements") == 0 || strcmp(zRel, "continues") == 0 ||
                  strcmp(zRel, "basis") == 0);
}

int vp_query_coverage(vp_db *p, const char *zKey, cJSON **ppOut, char **pzErr) {
  cJSON *pInst = NULL, *pDocs = NULL;
  *ppOut = NULL;
  int rc = vp_query_instrument(p, zKey, &pInst, pzErr);
  if (rc == VP_OK) rc = vp_query_docs(p, &pDocs, pzErr);
  if (rc != VP_OK) {
    cJSON_Delete(pInst);
    cJSON_Delete(pDocs);
    return rc;
  }
  const cJSON *aDocs = cJSON_GetObjectItemCaseSensitive(pDocs, "docs");
  const cJSON *pFirst = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pInst, "instruments"), 0);
  const char *zDate = instrument_date(pFirst);
  cJSON *pOut = cJSON_CreateObject();
  const char *zFound = str_of(pInst, "interpreted_as") ? str_of(pInst, "interpreted_as") : str_of(pFirst, "key");
  cJSON_AddStringToObject(pOut, "key", zFound ? zFound : zKey);
  cJSON *pI = cJSON_AddObjectToObject(pOut, "instrument");
  const char *azKey[] = {"key", "type", "issuer_body", "title"};
  for (size_t k = 0; k < VP_ARRAY_SIZE(azKey); k++) {
    const char *z = str_of(pFirst, azKey[k]);
    if (z) cJSON_AddStringToObject(pI, azKey[k], z);
    else cJSON_AddNullToObject(pI, azKey[k]);
  }
  if (zDate) cJSON_AddStringToObject(pI, "date", zDate);
  else cJSON_AddNullToObject(pI, "date");

  /* the 63 provinces, each with its plans */
  int nProv = vp_gaz_count(), nCovered = 0;
  cJSON *aProv = cJSON_CreateArray();
  for (int i = 0; i < nProv; i++) {
    const vp_province *pr = vp_gaz_get(i);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "province", pr->zName);
    cJSON_AddStringToObject(o, "province_2025", pr->zSince2025);
    cJSON *aPlans = cJSON_CreateArray();
    const cJSON *pBy;
    cJSON_ArrayForEach(pBy, cJSON_GetObjectItemCaseSensitive(pInst, "implemented_by")) {
      const char *zProv = str_of(pBy, "province");
      if (zProv && strcmp(zProv, pr->zName) == 0 && relation_counts(str_of(pBy, "relation")))
        cJSON_AddItemToArray(aPlans, plan_object(pBy, aDocs, zDate));
    }
    int bCov = cJSON_GetArraySize(aPlans) > 0;
    nCovered += bCov;
    cJSON_AddBoolToObject(o, "covered", bCov);
    cJSON_AddItemToObject(o, "plans", aPlans);
    cJSON_AddItemToArray(aProv, o);
  }
  vp_collate_sort(aProv, "province");

  /* the 34 units since 2025: their members' plans together */
  cJSON *aUnit = cJSON_CreateArray();
  const cJSON *e;
  cJSON_ArrayForEach(e, aProv) {
    const char *zUnit = str_of(e, "province_2025");
    cJSON *pU = NULL, *u;
    cJSON_ArrayForEach(u, aUnit) {
      if (strcmp(str_of(u, "province"), zUnit) == 0) pU = u;
    }
    if (pU == NULL) {
      pU = cJSON_CreateObject();
      cJSON_AddStringToObject(pU, "province", zUnit);
      cJSON_AddArrayToObject(pU, "members");
      cJSON_AddFalseToObject(pU, "covered");
      cJSON_AddArrayToObject(pU, "plans");
      cJSON_AddItemToArray(aUnit, pU);
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(pU, "members"),
                         cJSON_CreateString(str_of(e, "province")));
    const cJSON *pl;
    cJSON_ArrayForEach(pl, cJSON_GetObjectItemCaseSensitive(e, "plans")) {
      cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(pU, "plans"), cJSON_Duplicate(pl, 1));
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "covered")))
      cJSON_ReplaceItemInObjectCaseSensitive(pU, "covered", cJSON_CreateTrue());
  }
  vp_collate_sort(aUnit, "province");
  int nUnitCovered = 0;
  cJSON_ArrayForEach(e, aUnit) nUnitCovered += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "covered"));
  cJSON_AddNumberToObject(pOut, "covered", nCovered);
  cJSON_AddNumberToObject(pOut, "total", nProv);
  cJSON_AddNumberToObject(pOut, "covered_2025", nUnitCovered);
  cJSON_AddNumberToObject(pOut, "total_2025", cJSON_GetArraySize(aUnit));
  cJSON_AddItemToObject(pOut, "provinces_2025", aUnit);
  cJSON_AddItemToObject(pOut, "provinces", aProv);
  cJSON_Delete(pInst);
  cJSON_Delete(pDocs);
  *ppOut = pOut;
  return VP_OK;
}
