/*
** grid.c — an agency × province grid (vp_grid.h): who's exact lead and
** support counts per province, laid over every province of the gazetteer
** (63 before 2025) and summed into the 34 units since, zero cells kept, so
** the page colours a whole map-like grid from one answer. Not for SQL (the
** query layer's who answers) nor for the tasks themselves.
*/
#include "vp_grid.h"

#include <string.h>

#include "vp_collate.h"
#include "vp_common.h"
#include "vp_gazetteer.h"

static double num_of(const cJSON *o, const char *zKey) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, zKey);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static cJSON *find_by_province(cJSON *a, const char *zName) {
  cJSON *e;
  cJSON_ArrayForEach(e, a) {
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "province"));
    if (z && strcmp(z, zName) == 0) return e;
  }
  return NULL;
}

static void add_counts(cJSON *o, double nLead, double nSupport, double nDocs) {
  cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "lead"), num_of(o, "lead") + nLead);
  cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "support"), num_of(o, "support") + nSupport);
  cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "docs"), num_of(o, "docs") + nDocs);
}

static cJSON *cell(const char *zName) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "province", zName);
  cJSON_AddNumberToObject(o, "lead", 0);
  cJSON_AddNumberToObject(o, "support", 0);
  cJSON_AddNumberToObject(o, "docs", 0);
  return o;
}

static double max_cell(const cJSON *a) {
  double m = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, a) {
    double n = num_of(e, "lead") + num_of(e, "support");
    if (n > m) m = n;
  }
  return m;
}

int vp_grid_agency(vp_db *p, const char *zAgency, cJSON **ppOut, char **pzErr) {
  cJSON *pWho = NULL;
  *ppOut = NULL;
  int rc = vp_query_who(p, zAgency, 1, &pWho, pzErr);
  if (rc != VP_OK) return rc;
  cJSON *pOut = cJSON_CreateObject();
  cJSON *aProv = cJSON_CreateArray(), *aUnit = cJSON_CreateArray();
  for (int i = 0; i < vp_gaz_count(); i++) {
    const vp_province *pr = vp_gaz_get(i);
    cJSON *o = cell(pr->zName);
    cJSON_AddStringToObject(o, "province_2025", pr->zSince2025);
    cJSON_AddItemToArray(aProv, o);
    cJSON *u = find_by_province(aUnit, pr->zSince2025);
    if (u == NULL) {
      u = cell(pr->zSince2025);
      cJSON_AddArrayToObject(u, "members");
      cJSON_AddItemToArray(aUnit, u);
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(u, "members"), cJSON_CreateString(pr->zName));
  }
  double nLead = 0, nSupport = 0, nNatLead = 0, nNatSupport = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pWho, "provinces")) {
    const char *zProv = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "province"));
    const vp_province *pr = zProv ? vp_gaz_lookup(zProv) : NULL;
    double l = num_of(e, "lead"), s = num_of(e, "support"), d = num_of(e, "docs");
    nLead += l;
    nSupport += s;
    if (pr == NULL) { /* no province known: with the national ones */
      nNatLead += l;
      nNatSupport += s;
      continue;
    }
    add_counts(find_by_province(aProv, pr->zName), l, s, d);
    add_counts(find_by_province(aUnit, pr->zSince2025), l, s, d);
  }
  const cJSON *pNat = cJSON_GetObjectItemCaseSensitive(pWho, "without_province");
  if (pNat) {
    nNatLead += num_of(pNat, "lead");
    nNatSupport += num_of(pNat, "support");
    nLead += num_of(pNat, "lead");
    nSupport += num_of(pNat, "support");
  }
  vp_collate_sort(aProv, "province");
  vp_collate_sort(aUnit, "province");
  cJSON *pAg = cJSON_GetObjectItemCaseSensitive(pWho, "agency");
  if (pAg) cJSON_AddItemToObject(pOut, "agency", cJSON_Duplicate(pAg, 1));
  const char *zAs = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pWho, "interpreted_as"));
  if (zAs) cJSON_AddStringToObject(pOut, "interpreted_as", zAs);
  const char *zRead = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pWho, "province_read"));
  if (zRead) cJSON_AddStringToObject(pOut, "province_read", zRead);
  cJSON_AddNumberToObject(pOut, "total", num_of(pWho, "total"));
  cJSON_AddNumberToObject(pOut, "lead", nLead);
  cJSON_AddNumberToObject(pOut, "support", nSupport);
  cJSON_AddNumberToObject(pOut, "max_2025", max_cell(aUnit));
  cJSON_AddNumberToObject(pOut, "max", max_cell(aProv));
  cJSON_AddItemToObject(pOut, "units", aUnit);
  cJSON_AddItemToObject(pOut, "provinces", aProv);
  if (nNatLead + nNatSupport > 0) {
    cJSON *o = cJSON_AddObjectToObject(pOut, "without_province");
    cJSON_AddNumberToObject(o, "lead", nNatLead);
    cJSON_AddNumberToObject(o, "support", nNatSupport);
  }
  cJSON_Delete(pWho);
  *ppOut = pOut;
  return VP_OK;
}
