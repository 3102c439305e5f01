/*
** routes.c — from a request target to an answer: decodes and checks the
** target (path, query parameters: %-escapes, NUL bytes, UTF-8), holds the
** route table (API endpoints over vp_query_*, the static page compiled in
** from server/www/, and a final 404 entry), validates parameters (required,
** numeric bounds) and maps query-layer error codes to HTTP statuses. Not for
** sockets, headers or caching (serve.c), nor for computing answers (the
** query layer).
*/
#include <stdlib.h>
#include <string.h>

#include "vp_chain.h"
#include "vp_collate.h"
#include "vp_common.h"
#include "vp_coverage.h"
#include "vp_data.h"
#include "vp_gazetteer.h"
#include "vp_grid.h"
#include "vp_server.h"

/* ---- UTF-8 and %-decoding ------------------------------------------- */

int vp_server_utf8_valid(const char *z, size_t n) {
  const unsigned char *u = (const unsigned char *)z;
  size_t i = 0;
  while (i < n) {
    unsigned c = u[i];
    int nCont;
    unsigned cp, cpMin;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      nCont = 1, cp = c & 0x1F, cpMin = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      nCont = 2, cp = c & 0x0F, cpMin = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      nCont = 3, cp = c & 0x07, cpMin = 0x10000;
    } else {
      return 0;
    }
    if (n - i <= (size_t)nCont) return 0;
    for (int k = 1; k <= nCont; k++) {
      if ((u[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (u[i + k] & 0x3F);
    }
    if (cp < cpMin || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return 0;
    }
    i += (size_t)nCont + 1;
  }
  return 1;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decode z[0..n) into a new string: %XX always, '+' as a space when
** bPlus. NULL with *pzErr for a bad escape, a NUL byte or invalid UTF-8. */
static char *decode_component(const char *z, size_t n, int bPlus,
                              const char *zWhat, char **pzErr) {
  char *zOut = malloc(n + 1);
  size_t j = 0;
  if (zOut == NULL) {
    *pzErr = vp_mprintf("out of memory");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (z[i] == '%') {
      int hi = i + 2 < n ? hex_value(z[i + 1]) : -1;
      int lo = i + 2 < n ? hex_value(z[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        free(zOut);
        *pzErr = vp_mprintf("bad %%-escape in the %s", zWhat);
        return NULL;
      }
      zOut[j++] = (char)(hi * 16 + lo);
      i += 2;
    } else if (bPlus && z[i] == '+') {
      zOut[j++] = ' ';
    } else {
      zOut[j++] = z[i];
    }
  }
  zOut[j] = 0;
  if (memchr(zOut, 0, j) != NULL) {
    *pzErr = vp_mprintf("NUL byte in the %s", zWhat);
  } else if (!vp_server_utf8_valid(zOut, j)) {
    *pzErr = vp_mprintf("the %s is not valid UTF-8", zWhat);
  } else {
    return zOut;
  }
  free(zOut);
  return NULL;
}

/* ---- the request target ---------------------------------------------- */

/* 1 when a segment of zPath is "." or ".." (after decoding). */
static int has_dot_segment(const char *zPath) {
  const char *z = zPath;
  while (*z) {
    while (*z == '/') z++;
    size_t n = strcspn(z, "/");
    if ((n == 1 && z[0] == '.') || (n == 2 && z[0] == '.' && z[1] == '.')) {
      return 1;
    }
    z += n;
  }
  return 0;
}

static int parse_query_string(const char *z, vp_server_target *pTarget,
                              char **pzErr) {
  while (*z) {
    size_t nPair = strcspn(z, "&");
    if (nPair > 0) {
      const char *zEq = memchr(z, '=', nPair);
      size_t nKey = zEq ? (size_t)(zEq - z) : nPair;
      size_t nVal = zEq ? nPair - nKey - 1 : 0;
      int i = pTarget->nParam;
      if (i == VP_SERVER_MAX_PARAMS) {
        *pzErr = vp_mprintf("too many query parameters (at most %d)",
                            VP_SERVER_MAX_PARAMS);
        return VP_EQUERY;
      }
      pTarget->azKey[i] = decode_component(z, nKey, 1, "parameter name", pzErr);
      if (pTarget->azKey[i] == NULL) return VP_EQUERY;
      pTarget->nParam++;
      pTarget->azVal[i] =
          decode_component(zEq ? zEq + 1 : z + nKey, nVal, 1,
                           "parameter value", pzErr);
      if (pTarget->azVal[i] == NULL) return VP_EQUERY;
      if (strlen(pTarget->azVal[i]) > VP_SERVER_MAX_PARAM) {
        *pzErr = vp_mprintf("parameter %s is too long (at most %d bytes)",
                            pTarget->azKey[i], VP_SERVER_MAX_PARAM);
        return VP_EQUERY;
      }
    }
    z += nPair;
    if (*z == '&') z++;
  }
  return VP_OK;
}

int vp_server_parse_target(const char *zRaw, vp_server_target *pTarget,
                           char **pzErr) {
  memset(pTarget, 0, sizeof(*pTarget));
  if (zRaw == NULL || zRaw[0] != '/') {
    *pzErr = vp_mprintf("the request target must be a path");
    return VP_EQUERY;
  }
  size_t nPath = strcspn(zRaw, "?#");
  pTarget->zPath = decode_component(zRaw, nPath, 0, "path", pzErr);
  if (pTarget->zPath == NULL) return VP_EQUERY;
  if (has_dot_segment(pTarget->zPath)) {
    *pzErr = vp_mprintf("'.' and '..' are not allowed in the path");
    return VP_EQUERY;
  }
  if (zRaw[nPath] != '?') return VP_OK;
  const char *zQs = zRaw + nPath + 1;
  char *zQuery = vp_strndup(zQs, (int)strcspn(zQs, "#"));
  if (zQuery == NULL) {
    *pzErr = vp_mprintf("out of memory");
    return VP_ENOMEM;
  }
  int rc = parse_query_string(zQuery, pTarget, pzErr);
  free(zQuery);
  return rc;
}

void vp_server_target_free(vp_server_target *pTarget) {
  free(pTarget->zPath);
  for (int i = 0; i < pTarget->nParam; i++) {
    free(pTarget->azKey[i]);
    free(pTarget->azVal[i]);
  }
  memset(pTarget, 0, sizeof(*pTarget));
}

const char *vp_server_param(const vp_server_target *pTarget,
                            const char *zKey) {
  for (int i = 0; i < pTarget->nParam; i++) {
    if (strcmp(pTarget->azKey[i], zKey) == 0) return pTarget->azVal[i];
  }
  return NULL;
}

/* ---- parameters --------------------------------------------------------- */

/* A required, non-empty text parameter. */
static int param_text(const vp_server_target *pTarget, const char *zKey,
                      const char **pzVal, char **pzErr) {
  const char *z = vp_server_param(pTarget, zKey);
  if (z == NULL || z[strspn(z, " \t")] == 0) {
    *pzErr = vp_mprintf("missing parameter %s", zKey);
    return VP_EQUERY;
  }
  *pzVal = z;
  return VP_OK;
}

/* An optional filter: NULL when absent or empty. */
static const char *param_filter(const vp_server_target *pTarget,
                                const char *zKey) {
  const char *z = vp_server_param(pTarget, zKey);
  return (z && z[0]) ? z : NULL;
}

/* An optional integer in [iMin, iMax], decimal digits only. */
static int param_int(const vp_server_target *pTarget, const char *zKey,
                     int iDefault, int iMin, int iMax, int *piVal,
                     char **pzErr) {
  const char *z = vp_server_param(pTarget, zKey);
  long long v = 0;
  *piVal = iDefault;
  if (z == NULL) return VP_OK;
  size_t n = strspn(z, "0123456789");
  int bOk = n > 0 && z[n] == 0 && n <= 12;
  for (size_t i = 0; bOk && i < n; i++) v = v * 10 + (z[i] - '0');
  if (!bOk || v < iMin || v > iMax) {
    *pzErr = vp_mprintf("%s must be a whole number from %d to %d", zKey,
                        iMin, iMax);
    return VP_EQUERY;
  }
  *piVal = (int)v;
  return VP_OK;
}

static int param_page(const vp_server_target *pTarget, int *pnLimit,
                      int *pnOffset, char **pzErr) {
  int rc = param_int(pTarget, "limit", 0 /* the query layer's default */, 1, VP_LIMIT_MAX,
                     pnLimit, pzErr);
  if (rc == VP_OK) {
    rc = param_int(pTarget, "offset", 0, 0, VP_SERVER_MAX_OFFSET, pnOffset,
                   pzErr);
  }
  return rc;
}

/* The valid choices of a filter that was given a value it does not know:
** set by param_docfilter, sent beside the 400's message as
** {"error": {"choices": […]}}. One request per thread at a time. */
static _Thread_local cJSON *pChoices;

/* The 34 provincial units since 2025, then the 63 before, in Vietnamese
** alphabetical order, as a JSON array of names. */
static cJSON *province_choices(void) {
  cJSON *aUnit = cJSON_CreateArray(), *aOld = cJSON_CreateArray();
  for (int i = 0; i < vp_gaz_count(); i++) {
    const vp_province *pr = vp_gaz_get(i);
    int bSeen = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, aUnit) bSeen |= strcmp(e->valuestring, pr->zSince2025) == 0;
    if (!bSeen) cJSON_AddItemToArray(aUnit, cJSON_CreateString(pr->zSince2025));
    bSeen = 0;
    cJSON_ArrayForEach(e, aUnit) bSeen |= strcmp(e->valuestring, pr->zName) == 0;
    if (!bSeen) cJSON_AddItemToArray(aOld, cJSON_CreateString(pr->zName));
  }
  cJSON *a = cJSON_CreateArray();
  cJSON *aBoth[2] = {aUnit, aOld};
  for (int k = 0; k < 2; k++) {
    int n = cJSON_GetArraySize(aBoth[k]);
    const char **az = malloc(sizeof(*az) * (size_t)(n ? n : 1));
    for (int i = 0; az && i < n; i++) az[i] = cJSON_GetArrayItem(aBoth[k], i)->valuestring;
    for (int i = 1; az && i < n; i++) { /* insertion sort: 63 names */
      const char *z = az[i];
      int j = i - 1;
      while (j >= 0 && vp_collate_cmp(az[j], z) > 0) { az[j + 1] = az[j]; j--; }
      az[j + 1] = z;
    }
    for (int i = 0; az && i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(az[i]));
    free(az);
  }
  cJSON_Delete(aUnit);
  cJSON_Delete(aOld);
  return a;
}

/* The kinds of document the index holds, for a kind it does not know. */
static cJSON *kind_choices(vp_db *pDb) {
  cJSON *pDocs = NULL, *a = cJSON_CreateArray(), *d, *e;
  char *zErr = NULL;
  if (vp_query_docs(pDb, &pDocs, &zErr) == VP_OK) {
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(pDocs, "docs")) {
      const char *zKind = cJSON_GetStringValue(cJSON_GetObjectItem(d, "kind"));
      int bSeen = zKind == NULL;
      cJSON_ArrayForEach(e, a) bSeen |= zKind && strcmp(e->valuestring, zKind) == 0;
      if (!bSeen) cJSON_AddItemToArray(a, cJSON_CreateString(zKind));
    }
  }
  free(zErr);
  cJSON_Delete(pDocs);
  return a;
}

/* The relation labels, then the keys, for a relation no label names. */
static cJSON *relation_choices(void) {
  cJSON *a = cJSON_CreateArray();
  int n = 0;
  vp_docfilter_relation_choice(0, &n);
  for (int i = 0; i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(vp_docfilter_relation_choice(i, &n)));
  for (int i = 0; i < n; i++)
    cJSON_AddItemToArray(a, cJSON_CreateString(vp_docfilter_relation(vp_docfilter_relation_choice(i, &n))));
  return a;
}

static int choices_error(cJSON *aChoices) {
  cJSON_Delete(pChoices);
  pChoices = aChoices;
  return VP_EQUERY;
}

/* The document filters of a list answer (province, kind, issuer, relation,
** year, since, until, agency) and its order (sort), as the command line
** takes them. A province, kind, issuer, relation or sort that names none
** is a 400 with the valid choices (never silently ignored). */
static int param_docfilter_db(const vp_server_target *pTarget, vp_docfilter *pF,
                              vp_db *pDb, char **pzErr) {
  memset(pF, 0, sizeof(*pF));
  pF->zProvince = param_filter(pTarget, "province");
  pF->zKind = param_filter(pTarget, "kind");
  pF->zSince = param_filter(pTarget, "since");
  pF->zUntil = param_filter(pTarget, "until");
  pF->zAgency = param_filter(pTarget, "agency");
  pF->zIssuer = param_filter(pTarget, "issuer");
  pF->zRelation = param_filter(pTarget, "relation");
  pF->zSort = param_filter(pTarget, "sort");
  if (vp_docfilter_sort_date(pF) < 0) {
    *pzErr = vp_mprintf("unknown sort \"%s\": give relevance or date (listed in \"choices\")", pF->zSort);
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, cJSON_CreateString("relevance"));
    cJSON_AddItemToArray(a, cJSON_CreateString("date"));
    return choices_error(a);
  }
  if (pF->zRelation && vp_docfilter_relation(pF->zRelation) == NULL) {
    *pzErr = vp_mprintf("unknown relation \"%s\": give one of those listed in \"choices\"", pF->zRelation);
    return choices_error(relation_choices());
  }
  if (pF->zIssuer) {
    char *zIssuer = NULL, *zErr = NULL;
    cJSON *aChoices = NULL;
    int rc = vp_query_issuer_resolve(pDb, pF->zIssuer, &zIssuer, &aChoices, &zErr);
    free(zIssuer);
    if (rc == VP_ENOTFOUND) {
      *pzErr = vp_mprintf("unknown issuer \"%s\": %s (listed in \"choices\")", pF->zIssuer,
                          cJSON_GetArraySize(aChoices) > 0 && strstr(zErr ? zErr : "", "several")
                              ? "it may name several issuers"
                              : "give one of the issuers the index holds");
      free(zErr);
      return choices_error(aChoices);
    }
    cJSON_Delete(aChoices);
    if (rc != VP_OK) {
      *pzErr = zErr;
      return rc;
    }
    free(zErr);
  }
  const vp_province *ap[64];
  if (pF->zProvince && vp_gaz_members(pF->zProvince, ap, 64) == 0) {
    *pzErr = vp_mprintf("unknown province \"%s\": give one of the 34 provinces and cities since"
                        " 2025 or the 63 before (listed in \"choices\")", pF->zProvince);
    cJSON_Delete(pChoices);
    pChoices = province_choices();
    return VP_EQUERY;
  }
  if (pF->zKind) {
    vp_docfilter k;
    char *zSql = NULL, *zErr = NULL;
    memset(&k, 0, sizeof(k));
    k.zKind = pF->zKind;
    int rc = vp_docfilter_sql(&k, &zSql, &zErr);
    free(zSql);
    free(zErr);
    if (rc == VP_ENOTFOUND) {
      *pzErr = vp_mprintf("unknown kind of document \"%s\": give one of those listed in"
                          " \"choices\" (or its code: KH, QĐ…)", pF->zKind);
      cJSON_Delete(pChoices);
      pChoices = kind_choices(pDb);
      return VP_EQUERY;
    }
  }
  return param_int(pTarget, "year", 0, 0, 2100, &pF->nYear, pzErr);
}

/* ---- API handlers ---------------------------------------------------------
** Each takes the target, the rest of the path after a prefix route, and a
** database handle, and returns a vp_query_* result code. */

typedef int (*route_handler)(const vp_server_target *pTarget,
                             const char *zRest, vp_db *pDb, cJSON **ppOut,
                             char **pzErr);

static int api_search(const vp_server_target *pTarget, const char *zRest,
                      vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zQ = NULL;
  int nLimit = 0, nOffset = 0;
  int rc = param_text(pTarget, "q", &zQ, pzErr);
  (void)zRest;
  vp_docfilter f;
  if (rc == VP_OK) rc = param_page(pTarget, &nLimit, &nOffset, pzErr);
  if (rc == VP_OK) rc = param_docfilter_db(pTarget, &f, pDb, pzErr);
  if (rc == VP_OK) {
    rc = vp_query_search_in(pDb, zQ, &f, nLimit, nOffset, ppOut, pzErr);
  }
  return rc;
}

static int api_refs(const vp_server_target *pTarget, const char *zRest,
                    vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zQ = NULL;
  int nLimit = 0, nOffset = 0;
  int rc = param_text(pTarget, "q", &zQ, pzErr);
  (void)zRest;
  vp_docfilter f;
  if (rc == VP_OK) rc = param_page(pTarget, &nLimit, &nOffset, pzErr);
  if (rc == VP_OK) rc = param_docfilter_db(pTarget, &f, pDb, pzErr);
  if (rc == VP_OK) rc = vp_query_refs_in(pDb, zQ, &f, nLimit, nOffset, ppOut, pzErr);
  return rc;
}

static int api_who(const vp_server_target *pTarget, const char *zRest,
                   vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zAgency = NULL;
  int nLimit = 0, nOffset = 0;
  int rc = param_text(pTarget, "agency", &zAgency, pzErr);
  (void)zRest;
  if (rc == VP_OK) rc = param_page(pTarget, &nLimit, &nOffset, pzErr);
  if (rc == VP_OK) rc = vp_query_who(pDb, zAgency, nLimit, ppOut, pzErr);
  return rc;
}

/* /api/who/grid?agency=A: lead and support counts in every one of the 34
** units and the 63 provinces, for the page's grid in one request. */
static int api_who_grid(const vp_server_target *pTarget, const char *zRest,
                        vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zAgency = NULL;
  (void)zRest;
  int rc = param_text(pTarget, "agency", &zAgency, pzErr);
  return rc == VP_OK ? vp_grid_agency(pDb, zAgency, ppOut, pzErr) : rc;
}

static int api_tasks(const vp_server_target *pTarget, const char *zRest,
                     vp_db *pDb, cJSON **ppOut, char **pzErr) {
  int nLimit = 0, nOffset = 0;
  int rc = param_page(pTarget, &nLimit, &nOffset, pzErr);
  vp_docfilter f;
  (void)zRest;
  if (rc == VP_OK) rc = param_docfilter_db(pTarget, &f, pDb, pzErr);
  if (rc == VP_OK) {
    f.zAgency = NULL; /* the agency picks tasks, not documents */
    rc = vp_query_tasks_in(pDb, param_filter(pTarget, "agency"), &f,
                           param_filter(pTarget, "doc"), nLimit, nOffset,
                           ppOut, pzErr);
  }
  return rc;
}

/* A list answer (docs, instruments, agencies) paged when the request asks
** for it: with `limit` or `offset`, the array zArray keeps that page and
** the answer says "limit" and "offset" beside its "total" (the whole
** list's length); without them, the whole list as the CLI gives it. */
static int page_list(const vp_server_target *pTarget, const char *zArray,
                     int rc, cJSON **ppOut, char **pzErr) {
  int nLimit = 0, nOffset = 0;
  if (rc != VP_OK) return rc;
  if (vp_server_param(pTarget, "limit") == NULL &&
      vp_server_param(pTarget, "offset") == NULL) {
    return VP_OK;
  }
  rc = param_int(pTarget, "limit", VP_LIST_PAGE_DEFAULT, 1, VP_LIST_PAGE_MAX,
                 &nLimit, pzErr);
  if (rc == VP_OK) {
    rc = param_int(pTarget, "offset", 0, 0, VP_SERVER_MAX_OFFSET, &nOffset,
                   pzErr);
  }
  cJSON *pList = cJSON_GetObjectItemCaseSensitive(*ppOut, zArray);
  if (rc != VP_OK || !cJSON_IsArray(pList)) {
    cJSON_Delete(*ppOut);
    *ppOut = NULL;
    return rc != VP_OK ? rc : VP_ERROR;
  }
  int nAll = cJSON_GetArraySize(pList);
  if (!cJSON_HasObjectItem(*ppOut, "total")) {
    cJSON_AddNumberToObject(*ppOut, "total", nAll);
  }
  cJSON *pPage = cJSON_CreateArray();
  for (int i = nOffset; pPage && i < nAll && i < nOffset + nLimit; i++) {
    cJSON_AddItemToArray(pPage, cJSON_Duplicate(cJSON_GetArrayItem(pList, i), 1));
  }
  if (pPage && !cJSON_ReplaceItemInObjectCaseSensitive(*ppOut, zArray, pPage)) {
    cJSON_Delete(pPage);
    pPage = NULL;
  }
  if (pPage == NULL ||
      cJSON_AddNumberToObject(*ppOut, "limit", nLimit) == NULL ||
      cJSON_AddNumberToObject(*ppOut, "offset", nOffset) == NULL) {
    cJSON_Delete(*ppOut);
    *ppOut = NULL;
    return VP_ENOMEM;
  }
  return VP_OK;
}

static int api_docs(const vp_server_target *pTarget, const char *zRest,
                    vp_db *pDb, cJSON **ppOut, char **pzErr) {
  vp_docfilter f;
  (void)zRest;
  int rc = param_docfilter_db(pTarget, &f, pDb, pzErr);
  if (rc != VP_OK) return rc;
  return page_list(pTarget, "docs", vp_query_docs_in(pDb, &f, ppOut, pzErr), ppOut, pzErr);
}

/* /api/docs/ID, and /api/docs/ID/chain (the chain centred on it). */
static int api_doc(const vp_server_target *pTarget, const char *zRest,
                   vp_db *pDb, cJSON **ppOut, char **pzErr) {
  static const char zChain[] = "/chain";
  size_t n = strlen(zRest), nChain = sizeof(zChain) - 1;
  (void)pTarget;
  if (n > nChain && strcmp(zRest + n - nChain, zChain) == 0) {
    char *zId = vp_strndup(zRest, (int)(n - nChain));
    if (zId == NULL) return VP_ENOMEM;
    int rc = vp_query_doc_chain(pDb, zId, ppOut, pzErr);
    free(zId);
    return rc;
  }
  return vp_query_doc(pDb, zRest, ppOut, pzErr);
}

/* /api/text?doc=ID: a document's full text, passage by passage. */
static int api_text(const vp_server_target *pTarget, const char *zRest,
                    vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zDoc = NULL;
  (void)zRest;
  int rc = param_text(pTarget, "doc", &zDoc, pzErr);
  return rc == VP_OK ? vp_query_doc_text(pDb, zDoc, ppOut, pzErr) : rc;
}

/* /api/coverage?key=KEY (also /api/instruments/KEY/coverage). */
static int api_coverage(const vp_server_target *pTarget, const char *zRest,
                        vp_db *pDb, cJSON **ppOut, char **pzErr) {
  const char *zKey = NULL;
  (void)zRest;
  int rc = param_text(pTarget, "key", &zKey, pzErr);
  return rc == VP_OK ? vp_query_coverage(pDb, zKey, ppOut, pzErr) : rc;
}

static int api_instruments(const vp_server_target *pTarget, const char *zRest,
                           vp_db *pDb, cJSON **ppOut, char **pzErr) {
  (void)zRest;
  return page_list(pTarget, "instruments",
                   vp_query_instruments(pDb, ppOut, pzErr), ppOut, pzErr);
}

/* /api/instruments/KEY, and its answers /coverage and /chain. */
static int api_instrument(const vp_server_target *pTarget, const char *zRest,
                          vp_db *pDb, cJSON **ppOut, char **pzErr) {
  static const struct {
    const char *zSuffix;
    int (*xAnswer)(vp_db *, const char *, cJSON **, char **);
  } aSub[] = {{"/coverage", vp_query_coverage}, {"/chain", vp_query_chain}};
  size_t n = strlen(zRest);
  (void)pTarget;
  for (size_t i = 0; i < VP_ARRAY_SIZE(aSub); i++) {
    size_t nSuf = strlen(aSub[i].zSuffix);
    if (n > nSuf && strcmp(zRest + n - nSuf, aSub[i].zSuffix) == 0) {
      char *zKey = vp_strndup(zRest, (int)(n - nSuf));
      if (zKey == NULL) return VP_ENOMEM;
      int rc = aSub[i].xAnswer(pDb, zKey, ppOut, pzErr);
      free(zKey);
      return rc;
    }
  }
  return vp_query_instrument(pDb, zRest, ppOut, pzErr);
}


static int api_agencies(const vp_server_target *pTarget, const char *zRest,
                        vp_db *pDb, cJSON **ppOut, char **pzErr) {
  /* ?prefix=: the names that fit what is typed so far (typeahead) */
  const char *zPrefix = param_filter(pTarget, "prefix");
  int nLimit = 0;
  (void)zRest;
  if (zPrefix == NULL) {
    int rc = vp_query_agencies(pDb, ppOut, pzErr);
    return page_list(pTarget, "agencies", rc, ppOut, pzErr);
  }
  int rc = param_int(pTarget, "limit", 5, 1, VP_LIMIT_MAX, &nLimit, pzErr);
  return rc == VP_OK ? vp_query_agency_suggest(pDb, zPrefix, nLimit, ppOut, pzErr) : rc;
}

/* /api/issuers: the issuers the index stores, with their documents. */
static int api_issuers(const vp_server_target *pTarget, const char *zRest,
                       vp_db *pDb, cJSON **ppOut, char **pzErr) {
  (void)pTarget;
  (void)zRest;
  return vp_query_issuers(pDb, ppOut, pzErr);
}

/* /api/provinces: {"units": [34 names since 2025], "provinces": [{"province",
** "province_2025"}] (the 63 before)}, in Vietnamese alphabetical order. */
static int api_provinces(const vp_server_target *pTarget, const char *zRest,
                         vp_db *pDb, cJSON **ppOut, char **pzErr) {
  (void)pTarget;
  (void)zRest;
  (void)pDb;
  (void)pzErr;
  /* province_choices() lists the units first: as many as distinct successors */
  cJSON *aAll = province_choices(), *aUnit = cJSON_CreateArray(), *aProv = cJSON_CreateArray(), *e;
  for (int i = 0; i < vp_gaz_count(); i++) {
    const vp_province *pr = vp_gaz_get(i);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "province", pr->zName);
    cJSON_AddStringToObject(o, "province_2025", pr->zSince2025);
    cJSON_AddItemToArray(aProv, o);
    int bSeen = 0;
    cJSON_ArrayForEach(e, aUnit) bSeen |= strcmp(e->valuestring, pr->zSince2025) == 0;
    if (!bSeen) cJSON_AddItemToArray(aUnit, cJSON_CreateString(pr->zSince2025));
  }
  int nUnit = cJSON_GetArraySize(aUnit), i = 0;
  cJSON_Delete(aUnit);
  aUnit = cJSON_CreateArray();
  cJSON_ArrayForEach(e, aAll) {
    if (i++ < nUnit) cJSON_AddItemToArray(aUnit, cJSON_CreateString(e->valuestring));
  }
  cJSON_Delete(aAll);
  vp_collate_sort(aProv, "province");
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddItemToObject(pOut, "units", aUnit);
  cJSON_AddItemToObject(pOut, "provinces", aProv);
  *ppOut = pOut;
  return VP_OK;
}

static int api_health(const vp_server_target *pTarget, const char *zRest,
                      vp_db *pDb, cJSON **ppOut, char **pzErr) {
  (void)pTarget;
  (void)zRest;
  return vp_query_health(pDb, ppOut, pzErr);
}

/* ---- the route table ----------------------------------------------------
** Matched in order. A prefix route ("/api/docs/") passes the rest of the
** path (non-empty) to its handler; an asset route serves a file compiled in
** from server/www/. The last entry answers every other path with 404. */

typedef struct route {
  const char *zPath;
  int bPrefix;
  route_handler xHandler; /* API route */
  const char *zAsset;     /* static route: name under server/www/ */
  const char *zType;
} route;

static const route aRoute[] = {
    {"/api/search", 0, api_search, NULL, NULL},
    {"/api/refs", 0, api_refs, NULL, NULL},
    {"/api/who", 0, api_who, NULL, NULL},
    {"/api/who/grid", 0, api_who_grid, NULL, NULL},
    {"/api/tasks", 0, api_tasks, NULL, NULL},
    {"/api/docs", 0, api_docs, NULL, NULL},
    {"/api/docs/", 1, api_doc, NULL, NULL},
    {"/api/instruments", 0, api_instruments, NULL, NULL},
    {"/api/instruments/", 1, api_instrument, NULL, NULL},
    {"/api/agencies", 0, api_agencies, NULL, NULL},
    {"/api/text", 0, api_text, NULL, NULL},
    {"/api/provinces", 0, api_provinces, NULL, NULL},
    {"/api/issuers", 0, api_issuers, NULL, NULL},
    {"/api/coverage", 0, api_coverage, NULL, NULL},
    {"/api/health", 0, api_health, NULL, NULL},
    {"/", 0, NULL, "index.html", "text/html; charset=utf-8"},
    {"/index.html", 0, NULL, "index.html", "text/html; charset=utf-8"},
    {"/d/", 1, NULL, "index.html", "text/html; charset=utf-8"}, /* a document by number */
    {"/app.js", 0, NULL, "app.js", "text/javascript; charset=utf-8"},
    {"/xlsx.js", 0, NULL, "xlsx.js", "text/javascript; charset=utf-8"},
    {"/style.css", 0, NULL, "style.css", "text/css; charset=utf-8"},
    {"/favicon.svg", 0, NULL, "favicon.svg", "image/svg+xml"},
    {"/favicon.ico", 0, NULL, "favicon.svg", "image/svg+xml"},
    {NULL, 0, NULL, NULL, NULL}, /* 404 */
};

#define ROUTE_NOT_FOUND (VP_ARRAY_SIZE(aRoute) - 1)

int vp_server_route_find(const char *zPath) {
  for (int i = 0; i < ROUTE_NOT_FOUND; i++) {
    const route *r = &aRoute[i];
    size_t n = strlen(r->zPath);
    if (r->bPrefix ? (strncmp(zPath, r->zPath, n) == 0 && zPath[n] != 0)
                   : strcmp(zPath, r->zPath) == 0) {
      return i;
    }
  }
  return ROUTE_NOT_FOUND;
}

int vp_server_route_needs_db(int iRoute) {
  return iRoute >= 0 && iRoute < ROUTE_NOT_FOUND &&
         aRoute[iRoute].xHandler != NULL;
}

/* ---- answers ------------------------------------------------------------ */

cJSON *vp_server_error_json(int status, const char *zMessage) {
  cJSON *pRoot = cJSON_CreateObject();
  cJSON *pError = cJSON_AddObjectToObject(pRoot, "error");
  if (pError == NULL ||
      cJSON_AddNumberToObject(pError, "code", status) == NULL ||
      cJSON_AddStringToObject(pError, "message", zMessage) == NULL) {
    cJSON_Delete(pRoot);
    return NULL;
  }
  return pRoot;
}

/* HTTP status and message for a query-layer error. The database's own
** messages may name files or internals: they stay in the server log. */
static int status_of(int rc, const char *zErr, const char **pzMessage) {
  switch (rc) {
    case VP_EQUERY:
      *pzMessage = zErr ? zErr : "the query cannot be understood";
      return 400;
    case VP_ENOTFOUND:
      *pzMessage = zErr ? zErr : "not found";
      return 404;
    case VP_EBUSY:
      *pzMessage = "the query ran past its time budget; narrow it and retry";
      return 503;
    case VP_EDB:
      *pzMessage = "the index cannot be read right now; retry shortly";
      return 503;
    case VP_ENOMEM:
      *pzMessage = "out of memory";
      return 500;
    default:
      *pzMessage = "internal error";
      return 500;
  }
}

static void answer_error(vp_server_answer *pAnswer, int rc, const char *zErr) {
  const char *zMessage = NULL;
  pAnswer->status = status_of(rc, zErr, &zMessage);
  pAnswer->pJson = vp_server_error_json(pAnswer->status, zMessage);
}

void vp_server_route_run(int iRoute, const vp_server_target *pTarget,
                         vp_db *pDb, vp_server_answer *pAnswer,
                         int *pbDbBroken) {
  memset(pAnswer, 0, sizeof(*pAnswer));
  *pbDbBroken = 0;
  pAnswer->bNeedsDb = vp_server_route_needs_db(iRoute);
  if (iRoute < 0 || iRoute >= ROUTE_NOT_FOUND) {
    pAnswer->status = 404;
    pAnswer->pJson = vp_server_error_json(404, "no such path");
    return;
  }
  const route *r = &aRoute[iRoute];
  if (r->zAsset) {
    pAnswer->zBody = vp_data_get(r->zAsset, &pAnswer->nBody);
    pAnswer->zType = r->zType;
    pAnswer->status = pAnswer->zBody ? 200 : 404;
    if (pAnswer->zBody == NULL) {
      pAnswer->pJson = vp_server_error_json(404, "no such path");
    }
    return;
  }
  cJSON *pOut = NULL;
  char *zErr = NULL;
  const char *zRest = pTarget->zPath + strlen(r->zPath);
  int rc = r->xHandler(pTarget, zRest, pDb, &pOut, &zErr);
  if (rc == VP_OK && pOut != NULL) {
    pAnswer->status = 200;
    pAnswer->pJson = pOut;
  } else {
    cJSON_Delete(pOut);
    *pbDbBroken = (rc == VP_EDB);
    answer_error(pAnswer, rc == VP_OK ? VP_ERROR : rc, zErr);
    cJSON *pErr = cJSON_GetObjectItem(pAnswer->pJson, "error");
    if (pChoices && pErr && rc == VP_EQUERY) {
      cJSON_AddItemToObject(pErr, "choices", pChoices);
      pChoices = NULL;
    }
  }
  cJSON_Delete(pChoices);
  pChoices = NULL;
  free(zErr);
}
