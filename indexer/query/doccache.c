/*
** doccache.c — a read connection's memory of its documents (see
** vp_doccache.h): an open-addressing table keyed by document id, grown by
** doubling, each entry with its province, issuer and, once asked for
** twice, its citations' relations by passage (relation names interned);
** emptied when the index's data version moves or, between answers, when it
** holds more than DOCCACHE_MAX documents or DOCCACHE_CITES citations.
*/
#include "vp_doccache.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define DOCCACHE_MAX (1 << 20)   /* documents kept at most */
#define DOCCACHE_CITES (1 << 20) /* citations kept at most (16 bytes each) */
#define DOCCACHE_RELATIONS 32    /* relation names told apart */

typedef struct doc_entry {
  long long id; /* 0: empty slot (document ids start at 1) */
  char *zProvince, *zIssuer;
  int nAsked;              /* times its citations were asked for */
  int nCite;               /* -1: not read */
  vp_doccache_cite *aCite; /* by passage */
} doc_entry;

struct vp_doccache {
  doc_entry *a;
  int nSlot, nUsed; /* nSlot a power of two, or 0 */
  long long nCites; /* citations kept, over all entries */
  char *azRel[DOCCACHE_RELATIONS];
  int nRel;
  int bVersion; /* iVersion is set */
  int iVersion; /* the data version the entries were read at */
};

vp_doccache *vp_doccache_new(void) { return calloc(1, sizeof(vp_doccache)); }

static void forget(vp_doccache *c) {
  for (int i = 0; i < c->nSlot; i++) {
    free(c->a[i].zProvince);
    free(c->a[i].zIssuer);
    free(c->a[i].aCite);
  }
  free(c->a);
  c->a = NULL;
  c->nSlot = c->nUsed = 0;
  c->nCites = 0;
  for (int i = 0; i < c->nRel; i++) free(c->azRel[i]);
  c->nRel = 0;
}

void vp_doccache_free(vp_doccache *c) {
  if (c == NULL) return;
  forget(c);
  free(c);
}

void vp_doccache_check(vp_doccache *c, sqlite3 *db) {
  int v = 0;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &v) != SQLITE_OK) {
    forget(c); /* cannot tell: nothing kept */
    c->bVersion = 0;
    return;
  }
  if (!c->bVersion || v != c->iVersion || c->nUsed >= DOCCACHE_MAX || c->nCites >= DOCCACHE_CITES)
    forget(c);
  c->bVersion = 1;
  c->iVersion = v;
}

static unsigned slot_of(long long id, int nSlot) {
  unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ULL;
  return (unsigned)(h >> 32) & (unsigned)(nSlot - 1);
}

static doc_entry *find(vp_doccache *c, long long id) {
  if (c->nSlot == 0) return NULL;
  for (unsigned i = slot_of(id, c->nSlot);; i = (i + 1) & (unsigned)(c->nSlot - 1)) {
    if (c->a[i].id == id) return &c->a[i];
    if (c->a[i].id == 0) return NULL;
  }
}

/* Room for one more entry (at most half the slots used); the cap is kept
** between answers (vp_doccache_check), never inside one. */
static int make_room(vp_doccache *c) {
  if (2 * (c->nUsed + 1) <= c->nSlot) return VP_OK;
  int nNew = c->nSlot ? 2 * c->nSlot : 1024;
  doc_entry *aNew = calloc((size_t)nNew, sizeof(doc_entry));
  if (aNew == NULL) return VP_ENOMEM;
  for (int i = 0; i < c->nSlot; i++) {
    if (c->a[i].id == 0) continue;
    unsigned k = slot_of(c->a[i].id, nNew);
    while (aNew[k].id != 0) k = (k + 1) & (unsigned)(nNew - 1);
    aNew[k] = c->a[i];
  }
  free(c->a);
  c->a = aNew;
  c->nSlot = nNew;
  return VP_OK;
}

static char *copy_or_null(const unsigned char *z, int *pRc) {
  if (z == NULL) return NULL;
  char *zCopy = vp_strndup((const char *)z, (int)strlen((const char *)z));
  if (zCopy == NULL) *pRc = VP_ENOMEM;
  return zCopy;
}

int vp_doccache_get(vp_doccache *c, sqlite3_stmt *sDoc, long long id, const char **pzProvince,
                    const char **pzIssuer, int *pRcSqlite) {
  *pzProvince = *pzIssuer = NULL;
  *pRcSqlite = SQLITE_OK;
  if (id <= 0) return VP_ENOTFOUND;
  doc_entry *e = find(c, id);
  if (e == NULL) {
    sqlite3_bind_int64(sDoc, 1, id);
    int rcStep = sqlite3_step(sDoc);
    if (rcStep != SQLITE_ROW) {
      sqlite3_reset(sDoc);
      if (rcStep == SQLITE_DONE) return VP_ENOTFOUND;
      *pRcSqlite = rcStep;
      return VP_EDB;
    }
    int rc = VP_OK;
    char *zProvince = copy_or_null(sqlite3_column_text(sDoc, 0), &rc);
    char *zIssuer = copy_or_null(sqlite3_column_text(sDoc, 1), &rc);
    sqlite3_reset(sDoc);
    if (rc == VP_OK) rc = make_room(c);
    if (rc != VP_OK) {
      free(zProvince);
      free(zIssuer);
      return rc;
    }
    unsigned k = slot_of(id, c->nSlot);
    while (c->a[k].id != 0) k = (k + 1) & (unsigned)(c->nSlot - 1);
    e = &c->a[k];
    e->id = id;
    e->zProvince = zProvince;
    e->zIssuer = zIssuer;
    e->nCite = -1;
    c->nUsed++;
  }
  *pzProvince = e->zProvince;
  *pzIssuer = e->zIssuer;
  return VP_OK;
}

/* The interned copy of relation z; NULL when out of memory or past
** DOCCACHE_RELATIONS names. */
static const char *relation_of(vp_doccache *c, const char *z) {
  for (int i = 0; i < c->nRel; i++)
    if (strcmp(c->azRel[i], z) == 0) return c->azRel[i];
  if (c->nRel == DOCCACHE_RELATIONS) return NULL;
  char *zCopy = vp_strndup(z, (int)strlen(z));
  if (zCopy) c->azRel[c->nRel++] = zCopy;
  return zCopy;
}

int vp_doccache_cites(vp_doccache *c, sqlite3_stmt *sCites, long long id,
                      const vp_doccache_cite **paCite, int *pnCite, int *pRcSqlite) {
  *paCite = NULL;
  *pnCite = -1;
  *pRcSqlite = SQLITE_OK;
  doc_entry *e = id > 0 ? find(c, id) : NULL;
  if (e == NULL || (e->nCite < 0 && ++e->nAsked < 2)) return VP_OK;
  if (e->nCite < 0) {
    vp_doccache_cite *a = NULL;
    int n = 0, nAlloc = 0, rc = VP_OK, rcStep = SQLITE_DONE;
    sqlite3_bind_int64(sCites, 1, id);
    while (rc == VP_OK && (rcStep = sqlite3_step(sCites)) == SQLITE_ROW) {
      const char *z = (const char *)sqlite3_column_text(sCites, 1);
      const char *zRel = z ? relation_of(c, z) : NULL;
      if (zRel == NULL) {
        if (z) rc = VP_ENOMEM; /* a name not kept: the document is not kept either */
        continue;
      }
      if (n == nAlloc) {
        nAlloc = nAlloc ? 2 * nAlloc : 16;
        vp_doccache_cite *aNew = realloc(a, sizeof(*a) * (size_t)nAlloc);
        if (aNew == NULL) {
          rc = VP_ENOMEM;
          break;
        }
        a = aNew;
      }
      a[n].idPassage = sqlite3_column_int64(sCites, 0);
      a[n++].zRelation = zRel;
    }
    if (rc == VP_OK && rcStep != SQLITE_DONE) {
      rc = VP_EDB;
      *pRcSqlite = rcStep;
    }
    sqlite3_reset(sCites);
    if (rc != VP_OK) {
      free(a);
      return rc == VP_ENOMEM ? VP_OK : rc; /* not kept: asked passage by passage */
    }
    e->aCite = a;
    e->nCite = n;
    c->nCites += n;
  }
  *paCite = e->aCite;
  *pnCite = e->nCite;
  return VP_OK;
}
