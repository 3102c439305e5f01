/*
** rcache.c — the server's response cache (see vp_rcache.h): direct-mapped
** slots of (target, generation) → JSON body, one mutex. Answers are pure
** functions of the target and the index snapshot, so an entry is valid
** exactly while the generation it was computed at is current.
*/
#include "vp_rcache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

typedef struct rcache_slot {
  char *zKey;
  size_t nKey;
  long long iGen;
  char *zBody;
  size_t nBody;
} rcache_slot;

struct vp_rcache {
  pthread_mutex_t mutex;
  int nSlot;
  rcache_slot *aSlot;
  size_t nBytes, nMaxBytes; /* bodies and keys held, and the budget */
  int iHand;                /* the next slot to empty when over budget */
};

int vp_rcache_new(int nSlot, size_t nMaxBytes, vp_rcache **ppOut) {
  *ppOut = NULL;
  if (nSlot <= 0) return VP_OK;
  vp_rcache *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  p->aSlot = calloc((size_t)nSlot, sizeof(rcache_slot));
  if (p->aSlot == NULL) {
    free(p);
    return VP_ENOMEM;
  }
  p->nSlot = nSlot;
  p->nMaxBytes = nMaxBytes ? nMaxBytes : VP_RCACHE_BYTES_DEFAULT;
  pthread_mutex_init(&p->mutex, NULL);
  *ppOut = p;
  return VP_OK;
}

static void slot_clear(rcache_slot *s) {
  free(s->zKey);
  free(s->zBody);
  memset(s, 0, sizeof(*s));
}

void vp_rcache_free(vp_rcache *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->nSlot; i++) slot_clear(&p->aSlot[i]);
  free(p->aSlot);
  pthread_mutex_destroy(&p->mutex);
  free(p);
}

static rcache_slot *slot_for(vp_rcache *p, const char *zKey, size_t nKey) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < nKey; i++) h = (h ^ (unsigned char)zKey[i]) * 1099511628211ULL;
  return &p->aSlot[h % (uint64_t)p->nSlot];
}

char *vp_rcache_get(vp_rcache *p, const char *zKey, size_t nKey,
                    long long iGen, size_t *pn) {
  if (p == NULL) return NULL;
  char *zOut = NULL;
  pthread_mutex_lock(&p->mutex);
  rcache_slot *s = slot_for(p, zKey, nKey);
  if (s->zBody && s->iGen == iGen && s->nKey == nKey && memcmp(s->zKey, zKey, nKey) == 0) {
    zOut = malloc(s->nBody + 1);
    if (zOut) {
      memcpy(zOut, s->zBody, s->nBody + 1);
      *pn = s->nBody;
    }
  }
  pthread_mutex_unlock(&p->mutex);
  return zOut;
}

size_t vp_rcache_bytes(vp_rcache *p) {
  if (p == NULL) return 0;
  pthread_mutex_lock(&p->mutex);
  size_t n = p->nBytes;
  pthread_mutex_unlock(&p->mutex);
  return n;
}

void vp_rcache_put(vp_rcache *p, const char *zKey, size_t nKey,
                   long long iGen, const char *zBody, size_t nBody) {
  if (p == NULL || nBody > VP_RCACHE_BODY_MAX || nBody + nKey > p->nMaxBytes / 4) return;
  /* copy outside the lock */
  char *zK = malloc(nKey + 1), *zB = malloc(nBody + 1);
  if (zK == NULL || zB == NULL) {
    free(zK);
    free(zB);
    return;
  }
  memcpy(zK, zKey, nKey);
  zK[nKey] = 0;
  memcpy(zB, zBody, nBody);
  zB[nBody] = 0;
  pthread_mutex_lock(&p->mutex);
  rcache_slot *s = slot_for(p, zKey, nKey);
  rcache_slot old = *s;
  p->nBytes -= old.nKey + old.nBody;
  s->zKey = zK;
  s->nKey = nKey;
  s->iGen = iGen;
  s->zBody = zB;
  s->nBody = nBody;
  p->nBytes += nKey + nBody;
  /* over budget: empty other slots, clock-wise, until under it */
  for (int k = 0; p->nBytes > p->nMaxBytes && k < p->nSlot; k++) {
    rcache_slot *e = &p->aSlot[p->iHand];
    p->iHand = (p->iHand + 1) % p->nSlot;
    if (e == s || e->zBody == NULL) continue;
    p->nBytes -= e->nKey + e->nBody;
    free(e->zKey); /* freeing under the lock is rare: only past the budget */
    free(e->zBody);
    memset(e, 0, sizeof(*e));
  }
  pthread_mutex_unlock(&p->mutex);
  slot_clear(&old);
}
