/*
** pool.c — a fixed set of read-only vp_db handles shared by the server's
** worker threads: vp_db is not thread-safe, so each request borrows one for
** its whole duration. A handle is reopened when it failed (VP_EDB) or when
** the index file was replaced (new inode), so a server outlives a re-index
** that writes a new file. Not for running queries.
*/
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "vp_common.h"
#include "vp_server.h"

typedef struct vp_pool_slot {
  vp_db *pDb;   /* NULL when it must be (re)opened */
  dev_t dev;    /* identity of the file when pDb was opened */
  ino_t ino;
  int bInUse;
} vp_pool_slot;

struct vp_pool {
  char *zPath;
  double msBudget;
  int nSlot;
  vp_pool_slot *aSlot;
  pthread_mutex_t mutex;
  pthread_cond_t cond;
};

/* Identity of the file at zPath; 0/0 when it cannot be stat'ed. */
static void file_identity(const char *zPath, dev_t *pDev, ino_t *pIno) {
  struct stat st;
  if (stat(zPath, &st) == 0) {
    *pDev = st.st_dev;
    *pIno = st.st_ino;
  } else {
    *pDev = 0;
    *pIno = 0;
  }
}

static int slot_open(vp_pool *pPool, vp_pool_slot *pSlot, char **pzErr) {
  file_identity(pPool->zPath, &pSlot->dev, &pSlot->ino);
  int rc = vp_db_open(pPool->zPath, 1, &pSlot->pDb, pzErr);
  if (rc == VP_OK) vp_db_set_budget(pSlot->pDb, pPool->msBudget);
  return rc;
}

static int slot_is_stale(const vp_pool *pPool, const vp_pool_slot *pSlot) {
  dev_t dev;
  ino_t ino;
  if (pSlot->pDb == NULL) return 1;
  file_identity(pPool->zPath, &dev, &ino);
  /* a missing file keeps the open handle: it still reads the old snapshot */
  return ino != 0 && (dev != pSlot->dev || ino != pSlot->ino);
}

int vp_pool_open(const char *zPath, int nConn, double msBudget,
                 vp_pool **ppPool, char **pzErr) {
  int rc = VP_OK;
  vp_pool *p = calloc(1, sizeof(*p));
  *ppPool = NULL;
  if (p == NULL) return VP_ENOMEM;
  p->msBudget = msBudget;
  p->nSlot = nConn < 1 ? 1 : nConn;
  p->zPath = vp_strndup(zPath, -1);
  p->aSlot = calloc((size_t)p->nSlot, sizeof(vp_pool_slot));
  pthread_mutex_init(&p->mutex, NULL);
  pthread_cond_init(&p->cond, NULL);
  if (p->zPath == NULL || p->aSlot == NULL) rc = VP_ENOMEM;
  for (int i = 0; rc == VP_OK && i < p->nSlot; i++) {
    rc = slot_open(p, &p->aSlot[i], pzErr);
  }
  if (rc != VP_OK) {
    vp_pool_close(p);
    return rc;
  }
  *ppPool = p;
  return VP_OK;
}

void vp_pool_close(vp_pool *pPool) {
  if (pPool == NULL) return;
  for (int i = 0; pPool->aSlot && i < pPool->nSlot; i++) {
    vp_db_close(pPool->aSlot[i].pDb);
  }
  pthread_cond_destroy(&pPool->cond);
  pthread_mutex_destroy(&pPool->mutex);
  free(pPool->aSlot);
  free(pPool->zPath);
  free(pPool);
}

/* A free slot, waiting on the condition variable meanwhile. Called with
** the mutex held. */
static vp_pool_slot *take_free_slot(vp_pool *pPool) {
  for (;;) {
    for (int i = 0; i < pPool->nSlot; i++) {
      if (!pPool->aSlot[i].bInUse) {
        pPool->aSlot[i].bInUse = 1;
        return &pPool->aSlot[i];
      }
    }
    pthread_cond_wait(&pPool->cond, &pPool->mutex);
  }
}

/* Reopening happens under the mutex: it is rare (a re-index that replaced
** the file, a failed handle) and keeps every slot field guarded alike. */
int vp_pool_acquire(vp_pool *pPool, vp_db **ppDb, char **pzErr) {
  int rc = VP_OK;
  *ppDb = NULL;
  pthread_mutex_lock(&pPool->mutex);
  vp_pool_slot *pSlot = take_free_slot(pPool);
  if (slot_is_stale(pPool, pSlot)) {
    vp_db_close(pSlot->pDb);
    pSlot->pDb = NULL;
    rc = slot_open(pPool, pSlot, pzErr);
  }
  if (rc == VP_OK) {
    *ppDb = pSlot->pDb;
  } else {
    pSlot->bInUse = 0;
    pthread_cond_signal(&pPool->cond);
  }
  pthread_mutex_unlock(&pPool->mutex);
  return rc;
}

void vp_pool_release(vp_pool *pPool, vp_db *pDb, int bBroken) {
  pthread_mutex_lock(&pPool->mutex);
  for (int i = 0; i < pPool->nSlot; i++) {
    vp_pool_slot *pSlot = &pPool->aSlot[i];
    if (pSlot->pDb != pDb || !pSlot->bInUse) continue;
    if (bBroken) {
      vp_db_close(pSlot->pDb);
      pSlot->pDb = NULL;
    }
    pSlot->bInUse = 0;
    pthread_cond_signal(&pPool->cond);
    break;
  }
  pthread_mutex_unlock(&pPool->mutex);
}
