/*
** facets.c — a search's facets (see vp_facets.h): one pass over the
** matches, each with its passage's document and its citations' relations,
** counted here: passages by document, relations by distinct passage; then
** each document's province and issuer asked for once. Before, two SQL
** queries went over the matches and grouped them in temporary B-trees,
** reading every match's passage and citations apart: a rare word's search
** spent a third of its time there.
*/
#include "vp_facets.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define FACET_REL_MAX 32 /* relations told apart; more are not counted */

typedef struct doc_count {
  long long id;
  int n; /* matching passages */
} doc_count;

typedef struct rel_count {
  char *z;
  int n; /* matching passages that carry it */
} rel_count;

struct vp_facets {
  int rc;
  doc_count *aDoc;
  int nDoc, nDocAlloc;
  rel_count aRel[FACET_REL_MAX];
  int nRel;
  long long idLast;                   /* the passage of the last row */
  unsigned char aSeen[FACET_REL_MAX]; /* relations counted for it */
};
typedef struct vp_facets facets;

/* One more matching passage of document id. */
static void add_doc(facets *p, long long id) {
  if (p->nDoc > 0 && p->aDoc[p->nDoc - 1].id == id) {
    p->aDoc[p->nDoc - 1].n++;
    return;
  }
  if (p->nDoc == p->nDocAlloc) {
    int nNew = p->nDocAlloc ? 2 * p->nDocAlloc : 64;
    doc_count *aNew = realloc(p->aDoc, sizeof(doc_count) * (size_t)nNew);
    if (aNew == NULL) {
      p->rc = VP_ENOMEM;
      return;
    }
    p->aDoc = aNew;
    p->nDocAlloc = nNew;
  }
  p->aDoc[p->nDoc].id = id;
  p->aDoc[p->nDoc++].n = 1;
}

/* The index of relation z in p->aRel, added when new; -1 when full or out
** of memory. */
static int rel_index(facets *p, const char *z) {
  for (int i = 0; i < p->nRel; i++)
    if (strcmp(p->aRel[i].z, z) == 0) return i;
  if (p->nRel == FACET_REL_MAX) return -1;
  char *zCopy = vp_strndup(z, (int)strlen(z));
  if (zCopy == NULL) {
    p->rc = VP_ENOMEM;
    return -1;
  }
  p->aRel[p->nRel].z = zCopy;
  p->aRel[p->nRel].n = 0;
  return p->nRel++;
}

static int cmp_doc(const void *pA, const void *pB) {
  const doc_count *a = pA, *b = pB;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_rel(const void *pA, const void *pB) {
  const rel_count *a = pA, *b = pB;
  return strcmp(a->z, b->z); /* SQLite's BINARY order on UTF-8 */
}

/* Counts by key in the order keys are first met, before they go into the
** answer (cJSON finds a key by comparing it with every key before it). */
typedef struct key_count {
  unsigned long long h;
  const char *z; /* not owned */
  int n;
} key_count;

static unsigned long long key_hash(const char *z) {
  unsigned long long h = 1469598103934665603ULL;
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ULL;
  return h;
}

/* Adds n to key z of a (room for every document's key); returns the count
** of keys. */
static int key_add(key_count *a, int nKey, const char *z, int n) {
  unsigned long long h = key_hash(z);
  for (int i = 0; i < nKey; i++)
    if (a[i].h == h && strcmp(a[i].z, z) == 0) {
      a[i].n += n;
      return nKey;
    }
  a[nKey].h = h;
  a[nKey].z = z;
  a[nKey].n = n;
  return nKey + 1;
}

static int keys_into(cJSON *pFacet, const key_count *a, int nKey) {
  for (int i = 0; i < nKey; i++)
    if (cJSON_AddNumberToObject(pFacet, a[i].z, a[i].n) == NULL) return VP_ENOMEM;
  return VP_OK;
}

int vp_facets_new(vp_facets **ppOut) {
  *ppOut = calloc(1, sizeof(vp_facets));
  if (*ppOut == NULL) return VP_ENOMEM;
  (*ppOut)->idLast = -1;
  return VP_OK;
}

void vp_facets_add(vp_facets *p, sqlite3_stmt *s, int iCol) {
  if (p->rc != VP_OK) return;
  long long id = sqlite3_column_int64(s, iCol + 1);
  if (id != p->idLast) {
    add_doc(p, sqlite3_column_int64(s, iCol));
    memset(p->aSeen, 0, sizeof(p->aSeen));
    p->idLast = id;
  }
  const char *zRel = (const char *)sqlite3_column_text(s, iCol + 2);
  int i = zRel ? rel_index(p, zRel) : -1;
  if (i >= 0 && !p->aSeen[i]) {
    p->aSeen[i] = 1;
    p->aRel[i].n++;
  }
}

int vp_facets_into(vp_facets *p, vp_facets_doc_fn xDoc, void *pCtx, cJSON *pProvince,
                   cJSON *pIssuer, cJSON *pRelation, int *pRcSqlite) {
  *pRcSqlite = SQLITE_OK;
  /* a document's passages are one run of rowids; sorted, a document that
  ** came back in two runs is counted once */
  if (p->rc == VP_OK && p->nDoc > 1) qsort(p->aDoc, (size_t)p->nDoc, sizeof(doc_count), cmp_doc);
  key_count *aProv = malloc(sizeof(key_count) * (size_t)(p->nDoc + 1));
  key_count *aIss = malloc(sizeof(key_count) * (size_t)(p->nDoc + 1));
  int nProv = 0, nIss = 0;
  if (p->rc == VP_OK && (aProv == NULL || aIss == NULL)) p->rc = VP_ENOMEM;
  for (int i = 0; p->rc == VP_OK && i < p->nDoc; i++) {
    int n = p->aDoc[i].n;
    while (i + 1 < p->nDoc && p->aDoc[i + 1].id == p->aDoc[i].id) n += p->aDoc[++i].n;
    const char *zProvince = NULL, *zIssuer = NULL;
    int rc = xDoc(pCtx, p->aDoc[i].id, &zProvince, &zIssuer, pRcSqlite);
    if (rc == VP_ENOTFOUND) continue; /* gone from the index: not counted */
    if (rc != VP_OK) {
      p->rc = rc;
      break;
    }
    nProv = key_add(aProv, nProv, zProvince ? zProvince : "", n);
    if (zIssuer) nIss = key_add(aIss, nIss, zIssuer, n);
  }
  if (p->rc == VP_OK) p->rc = keys_into(pProvince, aProv, nProv);
  if (p->rc == VP_OK) p->rc = keys_into(pIssuer, aIss, nIss);
  free(aProv);
  free(aIss);
  if (p->rc == VP_OK && p->nRel > 1) qsort(p->aRel, (size_t)p->nRel, sizeof(rel_count), cmp_rel);
  for (int i = 0; p->rc == VP_OK && i < p->nRel; i++)
    if (cJSON_AddNumberToObject(pRelation, p->aRel[i].z, p->aRel[i].n) == NULL) p->rc = VP_ENOMEM;
  return p->rc;
}

void vp_facets_free(vp_facets *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->nRel; i++) free(p->aRel[i].z);
  free(p->aDoc);
  free(p);
}

int vp_facets_scan(const vp_rerank_io *pIo, const char *zFts, const char *zCond, vp_facets *f,
                   int *pRcSqlite, char **pzErr) {
  *pRcSqlite = SQLITE_OK;
  char *zSql = vp_mprintf("SELECT " VP_FACETS_COLUMNS " FROM passage_fts"
                          " JOIN passage p ON p.id = passage_fts.rowid%s " VP_FACETS_JOINS
                          " WHERE passage_fts MATCH ?1%s%s%s",
                          zCond ? " JOIN doc d ON d.id = p.doc_id" : "", zCond ? " AND (" : "",
                          zCond ? zCond : "", zCond ? ")" : "");
  sqlite3_stmt *s = NULL;
  int rc = zSql ? pIo->xPrepare(pIo->pCtx, zSql, &s, pzErr) : VP_ENOMEM;
  free(zSql);
  if (rc != VP_OK) return rc;
  sqlite3_bind_text(s, 1, zFts, -1, SQLITE_STATIC);
  int rcStep;
  while ((rcStep = sqlite3_step(s)) == SQLITE_ROW) vp_facets_add(f, s, 0);
  if (rcStep != SQLITE_DONE) {
    rc = VP_EDB;
    *pRcSqlite = rcStep;
  }
  pIo->xRelease(pIo->pCtx, s);
  return rc == VP_OK ? f->rc : rc;
}
