/*
** chain.c — an instrument's implementation chain (vp_chain.h), composed from
** the query layer's answers: the instrument (what implements it, what it
** implements), the documents list (each plan's issuer, kind and number) and
** the implementing plans' own citations (what else they carry out), read at
** once. Levels
** come from data/chain-levels.tsv: the issuer's first words as stored, else
** the issuer code of the number. Not for SQL nor for drawing.
*/
#include "vp_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

static const char *const azLevel[] = {"party", "government", "ministry", "province-party", "province"};
#define LEVEL_MINISTRY 2
#define LEVEL_PROVINCE 4

static const char *str_of(const cJSON *o, const char *zKey) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
}

static int level_index(const char *zName) {
  for (int i = 0; i < (int)VP_ARRAY_SIZE(azLevel); i++)
    if (zName && strcmp(zName, azLevel[i]) == 0) return i;
  return -1;
}

/* The level the issuer's first words give (-1: none). */
static int level_of_issuer(const char *zIssuer) {
  if (zIssuer == NULL || zIssuer[0] == 0) return -1;
  char *zF = vp_fold_str(zIssuer, -1);
  const vp_lexicon_entry *e =
      zF ? vp_lexicon_match_at(vp_lexicon_get("chain-levels.tsv", "issuer"), zF, (int)strlen(zF), 0, NULL)
         : NULL;
  free(zF);
  return e ? level_index(e->zValue) : -1;
}

/* The level an issuer code gives ("TW", "TTg", "UBND", "UBND-KT"; -1: none).
** A department's code (S…) is provincial, a ministry's (B…) national: the
** codes the table does not list. */
static int level_of_code(const char *zCode) {
  if (zCode == NULL || zCode[0] == 0) return -1;
  int n = (int)strcspn(zCode, "-");
  const vp_lexicon_entry *e = vp_lexicon_find_code(vp_lexicon_get("chain-levels.tsv", "code"), 1, zCode, n);
  if (e) return level_index(e->zValue);
  if (zCode[0] == 'S') return LEVEL_PROVINCE;
  if (zCode[0] == 'B') return LEVEL_MINISTRY;
  return -1;
}

/* The issuer code of a number ("20-NQ/TW" → "TW"), into zOut. */
static void code_of_number(const char *zNum, char *zOut, size_t nOut) {
  vp_docnum d;
  zOut[0] = 0;
  if (zNum && vp_docnum_next(zNum, (int)strlen(zNum), 0, &d)) snprintf(zOut, nOut, "%s", d.zIssuer);
}

/* A node's level: from its issuer as stored, else its issuer code, else
** its number's suffix, else provincial when it has a province. */
static int place(cJSON *pNode, const char *zIssuer, const char *zCode, const char *zNumber,
                 const char *zProvince) {
  int lv = level_of_issuer(zIssuer);
  const char *zFrom = "issuer";
  char zSuffix[32];
  if (lv < 0 && (lv = level_of_code(zCode)) >= 0) zFrom = "code";
  if (lv < 0) {
    code_of_number(zNumber, zSuffix, sizeof(zSuffix));
    if ((lv = level_of_code(zSuffix)) >= 0) zFrom = "number";
  }
  if (lv < 0 && zProvince && zProvince[0]) lv = LEVEL_PROVINCE, zFrom = "province";
  if (lv < 0) lv = LEVEL_MINISTRY, zFrom = "default";
  cJSON_AddNumberToObject(pNode, "level", lv);
  cJSON_AddStringToObject(pNode, "level_from", zFrom);
  return lv;
}

/* "#i/" and the key with every byte but unreserved ones %-escaped. */
static char *inst_link(const char *zKey) {
  vp_buf b = {0};
  int rc = VP_OK;
  vp_buf_appends(&b, "#i/", &rc);
  for (const unsigned char *z = (const unsigned char *)zKey; *z; z++) {
    if ((*z >= 'A' && *z <= 'Z') || (*z >= 'a' && *z <= 'z') || (*z >= '0' && *z <= '9') ||
        strchr("-_.~", *z))
      vp_buf_append(&b, (const char *)z, 1, &rc);
    else
      vp_buf_appendf(&b, &rc, "%%%02X", *z);
  }
  if (rc != VP_OK) {
    vp_buf_free(&b);
    return NULL;
  }
  return vp_buf_take(&b);
}

static void add_str_or_null(cJSON *o, const char *zKey, const char *zVal) {
  if (zVal) cJSON_AddStringToObject(o, zKey, zVal);
  else cJSON_AddNullToObject(o, zKey);
}

static cJSON *find_id(cJSON *a, const char *zId) {
  cJSON *e;
  cJSON_ArrayForEach(e, a) {
    if (strcmp(str_of(e, "id"), zId) == 0) return e;
  }
  return NULL;
}

static void add_edge(cJSON *aEdges, const char *zFrom, const char *zTo, const char *zRel) {
  cJSON *e;
  cJSON_ArrayForEach(e, aEdges) {
    if (strcmp(str_of(e, "from"), zFrom) == 0 && strcmp(str_of(e, "to"), zTo) == 0) return;
  }
  e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "from", zFrom);
  cJSON_AddStringToObject(e, "to", zTo);
  cJSON_AddStringToObject(e, "relation", zRel ? zRel : "implements");
  cJSON_AddItemToArray(aEdges, e);
}

/* An instrument's node (key with "@scope" when local), new or found. */
static cJSON *inst_node(cJSON *aNodes, const char *zKey, const char *zScope, const cJSON *aDocs,
                        const char *zIssuerBody, const char *zCode, int *piLevel) {
  char *zFull = zScope && zScope[0] ? vp_mprintf("%s@%s", zKey, zScope) : vp_mprintf("%s", zKey);
  char *zId = zFull ? vp_mprintf("i:%s", zFull) : NULL;
  cJSON *o = zId ? find_id(aNodes, zId) : NULL;
  if (o == NULL && zId) {
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", zId);
    cJSON_AddStringToObject(o, "kind", "instrument");
    cJSON_AddStringToObject(o, "label", zKey);
    cJSON_AddStringToObject(o, "number", zKey);
    add_str_or_null(o, "province", zScope && zScope[0] ? zScope : NULL);
    /* an instrument that is itself a document of the index: its issuer */
    const cJSON *d, *pDoc = NULL;
    cJSON_ArrayForEach(d, aDocs) {
      const char *zNum = str_of(d, "number"), *zProv = str_of(d, "province");
      if (zNum && strcmp(zNum, zKey) == 0 &&
          (!(zScope && zScope[0]) || (zProv && strcmp(zProv, zScope) == 0)))
        pDoc = d;
    }
    if (pDoc) cJSON_AddNumberToObject(o, "doc", cJSON_GetNumberValue(cJSON_GetObjectItem(pDoc, "id")));
    const char *zIssuer = pDoc ? str_of(pDoc, "issuer") : zIssuerBody;
    add_str_or_null(o, "issuer", zIssuer);
    add_str_or_null(o, "date", pDoc ? str_of(pDoc, "date") : NULL);
    add_str_or_null(o, "title", pDoc ? str_of(pDoc, "title") : NULL);
    place(o, zIssuer, zCode, zKey, zScope);
    char *zLink = inst_link(zFull);
    add_str_or_null(o, "link", zLink);
    free(zLink);
    cJSON_AddItemToArray(aNodes, o);
  }
  *piLevel = o ? (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "level")) : LEVEL_MINISTRY;
  free(zFull);
  free(zId);
  return o;
}

/* The document the documents list holds with e's "id" (NULL when gone). */
static const cJSON *doc_meta(const cJSON *e, const cJSON *aDocs) {
  double id = cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id"));
  const cJSON *d;
  cJSON_ArrayForEach(d, aDocs) {
    if (cJSON_GetNumberValue(cJSON_GetObjectItem(d, "id")) == id) return d;
  }
  return NULL;
}

/* A document's node from e ({"id", "number", "province", "date", "title",
** "relation"?}), its issuer and kind from the documents list; new, or the
** one already there. *piLevel gets its level. */
static cJSON *doc_node(cJSON *aNodes, const cJSON *e, const cJSON *aDocs, int *piLevel) {
  double id = cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id"));
  const cJSON *pDoc = doc_meta(e, aDocs);
  char zId[40], zDoc[32];
  snprintf(zId, sizeof(zId), "d:%.0f", id);
  snprintf(zDoc, sizeof(zDoc), "%.0f", id);
  cJSON *o = find_id(aNodes, zId);
  if (o) {
    *piLevel = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "level"));
    return o;
  }
  o = cJSON_CreateObject();
  const char *zNum = str_of(e, "number"), *zProv = str_of(e, "province");
  cJSON_AddStringToObject(o, "id", zId);
  cJSON_AddStringToObject(o, "kind", "doc");
  cJSON_AddNumberToObject(o, "doc", id);
  char *zLabel = zNum ? vp_mprintf("%s", zNum)
                      : vp_mprintf("%s %s", pDoc && str_of(pDoc, "kind") ? str_of(pDoc, "kind") : "Văn bản",
                                   zProv ? zProv : zDoc);
  add_str_or_null(o, "label", zLabel);
  free(zLabel);
  add_str_or_null(o, "number", zNum);
  add_str_or_null(o, "date", str_of(e, "date"));
  add_str_or_null(o, "province", zProv);
  add_str_or_null(o, "issuer", pDoc ? str_of(pDoc, "issuer") : NULL);
  add_str_or_null(o, "kind_of_doc", pDoc ? str_of(pDoc, "kind") : NULL);
  add_str_or_null(o, "title", str_of(e, "title"));
  add_str_or_null(o, "relation", str_of(e, "relation"));
  *piLevel = place(o, pDoc ? str_of(pDoc, "issuer") : NULL, NULL, zNum, zProv);
  char *zLink = vp_mprintf("#d/%s", zDoc);
  add_str_or_null(o, "link", zLink);
  free(zLink);
  cJSON_AddItemToArray(aNodes, o);
  return o;
}

int vp_query_chain(vp_db *p, const char *zKey, cJSON **ppOut, char **pzErr) {
  cJSON *pInst = NULL, *pFacts = NULL;
  *ppOut = NULL;
  int rc = vp_query_instrument(p, zKey, &pInst, pzErr);
  /* the implementing plans' own citations and the documents' issuers */
  const cJSON *aBy = cJSON_GetObjectItemCaseSensitive(pInst, "implemented_by");
  long long aIds[VP_CHAIN_DOCS_MAX];
  int nIds = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, aBy) {
    if (nIds < VP_CHAIN_DOCS_MAX) aIds[nIds++] = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id"));
  }
  if (rc == VP_OK) rc = vp_query_chain_facts(p, aIds, nIds, &pFacts, pzErr);
  if (rc != VP_OK) {
    cJSON_Delete(pInst);
    return rc;
  }
  const cJSON *aDocs = cJSON_GetObjectItemCaseSensitive(pFacts, "docs");
  const cJSON *pCites = cJSON_GetObjectItemCaseSensitive(pFacts, "cites");
  const cJSON *pFirst = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pInst, "instruments"), 0);
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddStringToObject(pOut, "key", str_of(pFirst, "key") ? str_of(pFirst, "key") : zKey);
  cJSON *aLevels = cJSON_AddArrayToObject(pOut, "levels");
  for (size_t i = 0; i < VP_ARRAY_SIZE(azLevel); i++) cJSON_AddItemToArray(aLevels, cJSON_CreateString(azLevel[i]));
  cJSON *aNodes = cJSON_AddArrayToObject(pOut, "nodes");
  cJSON *aEdges = cJSON_AddArrayToObject(pOut, "edges");
  int lvCenter = 0, lv = 0;
  cJSON *pCenter = inst_node(aNodes, str_of(pFirst, "key") ? str_of(pFirst, "key") : zKey,
                             str_of(pFirst, "scope"), aDocs, str_of(pFirst, "issuer_body"),
                             str_of(pFirst, "issuer_code"), &lvCenter);
  const char *zCenterId = pCenter ? str_of(pCenter, "id") : NULL;
  if (pCenter) cJSON_AddTrueToObject(pCenter, "center");
  /* above: what the instrument carries out */
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pInst, "implements")) {
    cJSON *o = inst_node(aNodes, str_of(e, "key"), str_of(e, "scope"), aDocs, NULL, NULL, &lv);
    if (o && zCenterId) add_edge(aEdges, zCenterId, str_of(o, "id"), str_of(e, "relation"));
  }
  /* below: the plans that carry it out, and what they carry out between */
  int nBy = cJSON_GetArraySize(aBy), k = 0;
  cJSON_ArrayForEach(e, aBy) {
    if (rc != VP_OK || zCenterId == NULL) break;
    if (k++ >= VP_CHAIN_DOCS_MAX) {
      cJSON_AddBoolToObject(pOut, "truncated", 1);
      break;
    }
    double id = cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id"));
    char zId[40];
    snprintf(zId, sizeof(zId), "d:%.0f", id);
    if (find_id(aNodes, zId)) continue;
    int lvDoc = 0;
    doc_node(aNodes, e, aDocs, &lvDoc);
    /* what else it carries out, on a level between the two */
    int bVia = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, pCites) {
      const char *zRel = str_of(c, "relation"), *zCKey = str_of(c, "key");
      if (cJSON_GetNumberValue(cJSON_GetObjectItem(c, "doc")) != id) continue;
      if (zRel == NULL || zCKey == NULL || (strcmp(zRel, "implements") != 0 && strcmp(zRel, "continues") != 0))
        continue;
      char zCode[32];
      code_of_number(zCKey, zCode, sizeof(zCode));
      int lvMid = level_of_code(zCode);
      if (lvMid <= lvCenter || lvMid >= lvDoc) continue;
      if (strcmp(zCKey, str_of(pCenter, "number")) == 0) continue;
      cJSON *m = inst_node(aNodes, zCKey, str_of(c, "scope"), aDocs, NULL, zCode, &lv);
      if (m == NULL || lv <= lvCenter || lv >= lvDoc) continue;
      add_edge(aEdges, zId, str_of(m, "id"), zRel);
      add_edge(aEdges, str_of(m, "id"), zCenterId, "implements");
      bVia = 1;
    }
    if (!bVia) add_edge(aEdges, zId, zCenterId, str_of(e, "relation"));
  }
  cJSON_AddNumberToObject(pOut, "docs_total", nBy);
  cJSON_Delete(pInst);
  cJSON_Delete(pFacts);
  if (rc != VP_OK) {
    cJSON_Delete(pOut);
    return rc;
  }
  *ppOut = pOut;
  return VP_OK;
}

int vp_query_doc_chain(vp_db *p, const char *zId, cJSON **ppOut, char **pzErr) {
  cJSON *pDocAns = NULL, *pDocs = NULL, *pInst = NULL;
  *ppOut = NULL;
  int rc = vp_query_doc(p, zId, &pDocAns, pzErr);
  const cJSON *pDoc = cJSON_GetObjectItemCaseSensitive(pDocAns, "doc");
  /* below: the documents that carry it out (it is cited by its number) */
  const char *zNum = str_of(pDoc, "number"), *zProv = str_of(pDoc, "province");
  if (rc == VP_OK && zNum && zNum[0]) {
    char *zKey = zProv && zProv[0] ? vp_mprintf("%s@%s", zNum, zProv) : vp_mprintf("%s", zNum);
    char *zErr = NULL;
    rc = zKey ? vp_query_instrument(p, zKey, &pInst, &zErr) : VP_ENOMEM;
    if (rc == VP_ENOTFOUND || rc == VP_EQUERY) rc = VP_OK; /* nothing cites it */
    if (rc != VP_OK) *pzErr = zErr;
    else free(zErr);
    free(zKey);
  }
  long long aIds[VP_CHAIN_DOCS_MAX];
  int nIds = 0;
  const cJSON *e;
  if (pDoc) aIds[nIds++] = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(pDoc, "id"));
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pInst, "implemented_by")) {
    if (nIds < VP_CHAIN_DOCS_MAX) aIds[nIds++] = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id"));
  }
  if (rc == VP_OK) rc = vp_query_chain_facts(p, aIds, nIds, &pDocs, pzErr);
  if (rc != VP_OK) {
    cJSON_Delete(pDocAns);
    cJSON_Delete(pInst);
    return rc;
  }
  const cJSON *aDocs = cJSON_GetObjectItemCaseSensitive(pDocs, "docs");
  cJSON *pOut = cJSON_CreateObject();
  cJSON_AddNumberToObject(pOut, "doc", cJSON_GetNumberValue(cJSON_GetObjectItem(pDoc, "id")));
  cJSON *aLevels = cJSON_AddArrayToObject(pOut, "levels");
  for (size_t i = 0; i < VP_ARRAY_SIZE(azLevel); i++) cJSON_AddItemToArray(aLevels, cJSON_CreateString(azLevel[i]));
  cJSON *aNodes = cJSON_AddArrayToObject(pOut, "nodes");
  cJSON *aEdges = cJSON_AddArrayToObject(pOut, "edges");
  int lv = 0;
  cJSON *pCenter = doc_node(aNodes, pDoc, aDocs, &lv);
  cJSON_AddTrueToObject(pCenter, "center");
  const char *zCenterId = str_of(pCenter, "id");
  /* above: what it rests on and carries out */
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(pDocAns, "instruments")) {
    const char *zRel = str_of(c, "relation"), *zKey = str_of(c, "key");
    if (zRel == NULL || zKey == NULL ||
        (strcmp(zRel, "implements") != 0 && strcmp(zRel, "continues") != 0 && strcmp(zRel, "basis") != 0))
      continue;
    if (zNum && strcmp(zNum, zKey) == 0) continue; /* its own number */
    char zCode[32];
    code_of_number(zKey, zCode, sizeof(zCode));
    cJSON *m = inst_node(aNodes, zKey, str_of(c, "scope"), aDocs, NULL, zCode, &lv);
    if (m) add_edge(aEdges, zCenterId, str_of(m, "id"), zRel);
  }
  /* below: the documents that carry it out */
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(pInst, "implemented_by")) {
    if (cJSON_GetNumberValue(cJSON_GetObjectItem(e, "id")) == cJSON_GetNumberValue(cJSON_GetObjectItem(pDoc, "id")))
      continue;
    cJSON *o = doc_node(aNodes, e, aDocs, &lv);
    add_edge(aEdges, str_of(o, "id"), zCenterId, str_of(e, "relation"));
  }
  cJSON_Delete(pInst);
  cJSON_Delete(pDocAns);
  cJSON_Delete(pDocs);
  if (rc != VP_OK) {
    cJSON_Delete(pOut);
    return rc;
  }
  *ppOut = pOut;
  return VP_OK;
}
