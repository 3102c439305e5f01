/*
** qfilter.c — the filters answers take (query_int.h): a document filter's
** agency and issuer as typed resolved to what the index holds (issuers
** listed for the web page's choice), and the sort asked for checked.
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

/* ---- the agency of a filter ------------------------------------------ */


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
  int rc = vq_read_begin(p, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p, "SELECT issuer FROM doc WHERE issuer IS NOT NULL AND issuer <> ''"
                    " GROUP BY issuer", &s, pzErr);
  cJSON *aAll = cJSON_CreateArray(), *aFit = cJSON_CreateArray();
  char *zExact = NULL, *zFit = NULL;
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    const char *zI = vq_col_text(s, 0);
    char *zF = vp_fold_str(zI, -1);
    char *zD = vp_fold_display(zI, sqlite3_column_bytes(s, 0));
    if (zF == NULL || zD == NULL) rc = VP_ENOMEM;
    if (rc == VP_OK) {
      cJSON_AddItemToArray(aAll, cJSON_CreateString(zD));
      if (strcmp(zF, zT) == 0) { /* every spelling ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ") */
        char *zMore = zExact ? vp_mprintf("%s" VP_ISSUER_SEP "%s", zExact, zI) : vp_strndup(zI, -1);
        free(zExact);
        zExact = zMore;
        if (zExact == NULL) rc = VP_ENOMEM;
      } else if (has_words(zF, zT)) {
        cJSON_AddItemToArray(aFit, cJSON_CreateString(zD));
        free(zFit);
        zFit = vp_strndup(zI, -1);
      }
    }
    free(zF);
    free(zD);
  }
  vq_release(p, s);
  vq_read_end(p);
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
  int rc = vq_read_begin(p, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p, "SELECT issuer, count(*) FROM doc WHERE issuer IS NOT NULL AND issuer <> ''"
                    " GROUP BY issuer", &s, pzErr);
  cJSON *pOut = cJSON_CreateObject();
  cJSON *a = cJSON_AddArrayToObject(pOut, "issuers");
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    cJSON *o = cJSON_CreateObject();
    vq_add_display(o, "issuer", s, 0);
    vq_add_num(o, "docs", sqlite3_column_int(s, 1));
    cJSON_AddItemToArray(a, o);
  }
  vq_release(p, s);
  vq_read_end(p);
  if (rc == VP_OK && vp_collate_sort(a, "issuer") != 0) rc = VP_ENOMEM;
  vq_add_num(pOut, "total", cJSON_GetArraySize(a));
  return vq_finish(rc, pOut, ppOut);
}

/* pIn with its issuer as the index stores it (*pOut, the name kept in
** *pzFree); VP_ENOTFOUND when no issuer, or several, fit. */
int vq_filter_issuer(vp_db *p, vp_docfilter *pOut, char **pzFree, char **pzErr) {
  *pzFree = NULL;
  if (pOut->zIssuer == NULL || pOut->zIssuer[0] == 0) return VP_OK;
  int rc = vp_query_issuer_resolve(p, pOut->zIssuer, pzFree, NULL, pzErr);
  if (rc == VP_OK) pOut->zIssuer = *pzFree;
  return rc;
}

/* A sort that is neither relevance nor date is a query that cannot be read. */
int vq_check_sort(const vp_docfilter *f, char **pzErr) {
  if (vp_docfilter_sort_date(f) >= 0) return VP_OK;
  *pzErr = vp_mprintf("sort is relevance or date, not \"%s\"", f->zSort);
  return VP_EQUERY;
}

/* pIn with its agency and issuer as the index names them (*pOut): a loosely
** typed name that one agency fits ("so tai chanh") becomes that agency's
** name, kept in *pzFree (caller frees), and so does the issuer; a name no
** agency fits is VP_ENOTFOUND, as for who; an issuer the same. */
int vq_filter_agency(vp_db *p, const vp_docfilter *pIn, vp_docfilter *pOut, char **pzFree,
                     char **pzErr) {
  *pzFree = NULL;
  memset(pOut, 0, sizeof(*pOut));
  if (pIn == NULL) return VP_OK;
  *pOut = *pIn;
  int rcI = vq_check_sort(pIn, pzErr);
  if (rcI == VP_OK) rcI = vq_filter_issuer(p, pOut, pzFree, pzErr);
  if (rcI != VP_OK) return rcI;
  if (pIn->zAgency == NULL || pIn->zAgency[0] == 0) return VP_OK;
  long long *aId = NULL;
  int nId = 0;
  const vp_agency *pDef = NULL;
  char *zName = NULL, *zChosen = NULL;
  int rc = vq_resolve_agency(p, pIn->zAgency, &aId, &nId, &pDef, &zName, &zChosen, pzErr);
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
