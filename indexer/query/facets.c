/*
** facets.c — a search's facets (see vp_facets.h): one pass over the
** matches gives each its passage's document, kept here as the list of a
** document's matching passages; then, a document at a time, its province
** and issuer and the relations of its passages' citations, asked of the
** caller (which remembers documents: vp_doccache.h), relations counted by
** distinct passage. Before, two SQL queries went over the matches and
** grouped them in temporary B-trees, reading every match's passage and
** citations apart: a rare word's search spent a third of its time there.
*/
#include "vp_facets.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define FACET_REL_MAX 32 /* relations told apart; more are not counted */

typedef struct doc_run {
  long long id;
  int iFirst, n; /* its matching passages: aPassage[iFirst .. iFirst + n) */
} doc_run;

typedef struct rel_count {
  char *z;
  int n; /* matching passages that carry it */
} rel_count;

struct vp_facets {
  int rc;
  doc_run *aDoc; /* runs of one document's passages, in row order */
  int nDoc, nDocAlloc;
  long long *aPassage;
  int nPassage, nPassageAlloc;
  rel_count aRel[FACET_REL_MAX];
  int nRel;
  int iLast;                          /* the passage of the last relation told */
  unsigned char aSeen[FACET_REL_MAX]; /* relations counted for it */
};
typedef struct vp_facets facets;

static int grow(void **pa, int *pnAlloc, int n, size_t sz) {
  if (n < *pnAlloc) return VP_OK;
  int nNew = *pnAlloc ? 2 * *pnAlloc : 64;
  void *aNew = realloc(*pa, sz * (size_t)nNew);
  if (aNew == NULL) return VP_ENOMEM;
  *pa = aNew;
  *pnAlloc = nNew;
  return VP_OK;
}

int vp_facets_new(vp_facets **ppOut) {
  *ppOut = calloc(1, sizeof(vp_facets));
  return *ppOut ? VP_OK : VP_ENOMEM;
}

void vp_facets_add(vp_facets *p, sqlite3_stmt *s, int iCol) {
  if (p->rc != VP_OK) return;
  long long idDoc = sqlite3_column_int64(s, iCol), id = sqlite3_column_int64(s, iCol + 1);
  if (p->nPassage > 0 && p->aPassage[p->nPassage - 1] == id) return;
  p->rc = grow((void **)&p->aPassage, &p->nPassageAlloc, p->nPassage, sizeof(long long));
  if (p->rc == VP_OK && (p->nDoc == 0 || p->aDoc[p->nDoc - 1].id != idDoc)) {
    p->rc = grow((void **)&p->aDoc, &p->nDocAlloc, p->nDoc, sizeof(doc_run));
    if (p->rc == VP_OK) p->aDoc[p->nDoc++] = (doc_run){idDoc, p->nPassage, 0};
  }
  if (p->rc != VP_OK) return;
  p->aPassage[p->nPassage++] = id;
  p->aDoc[p->nDoc - 1].n++;
}

static int cmp_doc(const void *pA, const void *pB) {
  const doc_run *a = pA, *b = pB;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_rel(const void *pA, const void *pB) {
  const rel_count *a = pA, *b = pB;
  return strcmp(a->z, b->z); /* SQLite's BINARY order on UTF-8 */
}

/* A citation with relation z of the i-th passage given to xRelations (one
** passage's come together): counted once a passage. */
static void count_relation(void *pArg, int i, const char *z) {
  facets *p = pArg;
  if (p->rc != VP_OK || z == NULL) return;
  if (i != p->iLast) {
    memset(p->aSeen, 0, sizeof(p->aSeen));
    p->iLast = i;
  }
  int k = 0;
  while (k < p->nRel && strcmp(p->aRel[k].z, z) != 0) k++;
  if (k == p->nRel) {
    if (k == FACET_REL_MAX) return;
    p->aRel[k].z = vp_strndup(z, (int)strlen(z));
    if (p->aRel[k].z == NULL) {
      p->rc = VP_ENOMEM;
      return;
    }
    p->aRel[p->nRel++].n = 0;
  }
  if (!p->aSeen[k]) {
    p->aSeen[k] = 1;
    p->aRel[k].n++;
  }
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

int vp_facets_into(vp_facets *p, const vp_facets_source *pSrc, cJSON *pProvince, cJSON *pIssuer,
                   cJSON *pRelation, int *pRcSqlite) {
  *pRcSqlite = SQLITE_OK;
  /* a document's passages are one run of rowids; sorted, a document that
  ** came back in two runs is counted once, in the order of a GROUP BY */
  if (p->rc == VP_OK && p->nDoc > 1) qsort(p->aDoc, (size_t)p->nDoc, sizeof(doc_run), cmp_doc);
  key_count *aProv = malloc(sizeof(key_count) * (size_t)(p->nDoc + 1));
  key_count *aIss = malloc(sizeof(key_count) * (size_t)(p->nDoc + 1));
  int nProv = 0, nIss = 0;
  if (p->rc == VP_OK && (aProv == NULL || aIss == NULL)) p->rc = VP_ENOMEM;
  for (int i = 0; p->rc == VP_OK && i < p->nDoc; i++) {
    const doc_run *d = &p->aDoc[i];
    const char *zProvince = NULL, *zIssuer = NULL;
    int rc = pSrc->xFacts(pSrc->pCtx, d->id, &zProvince, &zIssuer, pRcSqlite);
    if (rc == VP_ENOTFOUND) continue; /* gone from the index: not counted */
    p->iLast = -1;
    if (rc == VP_OK)
      rc = pSrc->xRelations(pSrc->pCtx, d->id, p->aPassage + d->iFirst, d->n, count_relation, p,
                            pRcSqlite);
    if (rc != VP_OK) {
      p->rc = rc;
      break;
    }
    nProv = key_add(aProv, nProv, zProvince ? zProvince : "", d->n);
    if (zIssuer) nIss = key_add(aIss, nIss, zIssuer, d->n);
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
  free(p->aPassage);
  free(p);
}

int vp_facets_scan(const vp_rerank_io *pIo, const char *zFts, const char *zCond, vp_facets *f,
                   int *pRcSqlite, char **pzErr) {
  *pRcSqlite = SQLITE_OK;
  char *zSql = vp_mprintf("SELECT " VP_FACETS_COLUMNS " FROM passage_fts"
                          " JOIN passage p ON p.id = passage_fts.rowid%s"
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
