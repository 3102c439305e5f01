/*
** prepare.c — reading and extraction of one file for `vnplan index`, and the
** worker thread that does it ahead of the writer (vp_prepare.h). Reading and
** extraction took ~30% of a single-threaded run (perf), SQLite and the FTS5
** tokenizer the rest; on two cores they overlap. The worker also tokenizes
** the passages once more for the term_fold pairs (vp_vocab_collect): work
** the writer would otherwise do. Not for the walk (indexer.c) nor for
** storing (store.c).
*/
#include "vp_prepare.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_format.h"
#include "vp_indexer.h"
#include "vp_textcheck.h"

int vp_prepare_file(const char *zPath, size_t nMax,
                    const vp_store_known *pKnown, vp_prepared **ppOut) {
  *ppOut = NULL;
  vp_prepared *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  char *zBuf = NULL;
  size_t nBuf = 0;
  int rc = vp_read_file(zPath, nMax, &zBuf, &nBuf, &p->zWhy);
  if (rc == VP_OK) {
    vp_index_hash(zBuf, nBuf, p->zHash);
    if (pKnown && vp_store_known_has(pKnown, zPath, p->zHash)) {
      free(zBuf);
      p->eState = VP_PREP_UNCHANGED;
      *ppOut = p;
      return VP_OK;
    }
    /* another format: its text, rendered (vp_format.h); another encoding:
    ** the converted UTF-8 (see vp_reader_load) */
    char *zConv = NULL;
    size_t nConv = 0;
    vp_encoding_id eEnc = VP_ENC_UTF8;
    if (vp_format_of(zPath)) rc = vp_format_render(zPath, zBuf, nBuf, &zConv, &nConv, &p->zWhy);
    else rc = vp_encoding_to_utf8(zBuf, nBuf, &zConv, &nConv, &eEnc, &p->zWhy);
    if (zConv) {
      free(zBuf);
      zBuf = zConv;
      nBuf = nConv;
    }
    if (rc == VP_OK) rc = vp_text_check(zBuf, nBuf, &p->zWhy);
    if (rc == VP_OK) rc = vp_reader_parse(zBuf, nBuf, &p->pText, &p->zWhy);
    if (rc == VP_OK) p->pText->eEncoding = eEnc;
    if (rc == VP_OK && vp_format_of(zPath)) vp_format_locate(zPath, p->pText);
  }
  free(zBuf);
  if (rc == VP_OK) rc = vp_meta_extract(p->pText, &p->meta, &p->zWhy);
  if (rc == VP_OK) rc = vp_cite_extract(p->pText, &p->meta, &p->cites, &p->zWhy);
  if (rc == VP_OK) rc = vp_task_extract(p->pText, &p->meta, &p->tasks, &p->zWhy);
  if (rc == VP_OK) rc = vp_vocab_collect(p->pText, &p->vocab);
  if (rc == VP_ENOMEM) {
    vp_prepared_free(p);
    return VP_ENOMEM;
  }
  if (rc != VP_OK) {
    /* unreadable, bad input or an extraction failure: reported, skipped */
    p->eState = VP_PREP_SKIPPED;
    if (p->zWhy == NULL) p->zWhy = vp_strndup("cannot read or extract", -1);
    if (p->zWhy == NULL) {
      vp_prepared_free(p);
      return VP_ENOMEM;
    }
  }
  *ppOut = p;
  return VP_OK;
}

void vp_prepared_free(vp_prepared *p) {
  if (p == NULL) return;
  vp_vocab_clear(&p->vocab);
  vp_task_clear(&p->tasks);
  vp_cite_clear(&p->cites);
  vp_meta_clear(&p->meta);
  vp_reader_free(p->pText);
  free(p->zWhy);
  free(p);
}

/* ---- the queue ---------------------------------------------------------- */

/* Files prepared ahead of the writer, bounded in bytes of text (and in
** count): the writer works in bursts — it adds a whole batch's passages to
** FTS5 when the batch commits — and with only a few files of room the worker
** stood idle through each burst (real-vi: worker and writer each waited
** ~40% of the run). 8 MB of text keeps it busy through one and bounds the
** memory the prepared files hold. */
#define PREP_AHEAD_BYTES ((size_t)8 << 20)
#define PREP_AHEAD_FILES 512

static size_t prepared_bytes(const vp_prepared *p) {
  return p && p->pText ? p->pText->nBuf : 0;
}

/* Slot of a file that could not be prepared for want of memory. */
static vp_prepared nomem_marker;

struct vp_prep_queue {
  char **azPath;
  int nPath;
  size_t nMax;
  const vp_store_known *pKnown;
  vp_prepared **aItem; /* [i]: file i once prepared, until taken */
  int nReady;          /* files 0..nReady-1 are prepared */
  int nTaken;          /* files 0..nTaken-1 are taken */
  size_t nAhead;       /* bytes of text of files prepared, not yet taken */
  int bStop;           /* the writer wants no more */
  int bWaiting;        /* the writer waits for a file */
  int bThread;         /* a worker runs (else _next prepares inline) */
  pthread_t thread;
  pthread_mutex_t mutex;
  pthread_cond_t cvItem; /* a file was prepared */
  pthread_cond_t cvRoom; /* a file was taken, or stop */
};

static void *prep_worker(void *pArg) {
  vp_prep_queue *q = pArg;
  for (int i = 0; i < q->nPath; i++) {
    pthread_mutex_lock(&q->mutex);
    while (!q->bStop && q->nReady > q->nTaken &&
           (q->nReady - q->nTaken >= PREP_AHEAD_FILES || q->nAhead >= PREP_AHEAD_BYTES))
      pthread_cond_wait(&q->cvRoom, &q->mutex);
    int bStop = q->bStop;
    pthread_mutex_unlock(&q->mutex);
    if (bStop) break;
    vp_prepared *p = NULL;
    if (vp_prepare_file(q->azPath[i], q->nMax, q->pKnown, &p) != VP_OK)
      p = &nomem_marker;
    pthread_mutex_lock(&q->mutex);
    q->aItem[i] = p;
    q->nReady = i + 1;
    if (p != &nomem_marker) q->nAhead += prepared_bytes(p);
    /* a file unchanged since it was indexed needs nothing of the writer:
    ** those wake it by the group (a re-run reads thousands of them, and
    ** a wake-up per file cost more than the file) */
    if (q->bWaiting && (p == &nomem_marker || p->eState != VP_PREP_UNCHANGED ||
                        q->nReady - q->nTaken >= 64 || q->nReady == q->nPath))
      pthread_cond_signal(&q->cvItem);
    pthread_mutex_unlock(&q->mutex);
  }
  return NULL;
}

int vp_prep_queue_start(char **azPath, int nPath, size_t nMax,
                        const vp_store_known *pKnown, vp_prep_queue **ppOut) {
  *ppOut = NULL;
  vp_prep_queue *q = calloc(1, sizeof(*q));
  if (q == NULL) return VP_ENOMEM;
  q->aItem = calloc((size_t)nPath + 1, sizeof(vp_prepared *));
  if (q->aItem == NULL) {
    free(q);
    return VP_ENOMEM;
  }
  q->azPath = azPath;
  q->nPath = nPath;
  q->nMax = nMax;
  q->pKnown = pKnown;
  pthread_mutex_init(&q->mutex, NULL);
  pthread_cond_init(&q->cvItem, NULL);
  pthread_cond_init(&q->cvRoom, NULL);
  /* one file needs no second thread */
  q->bThread = nPath > 1 && pthread_create(&q->thread, NULL, prep_worker, q) == 0;
  *ppOut = q;
  return VP_OK;
}

int vp_prep_queue_next(vp_prep_queue *q, vp_prepared **ppOut) {
  *ppOut = NULL;
  int i = q->nTaken;
  if (i >= q->nPath) return VP_ERROR; /* a caller's bug: asked too often */
  vp_prepared *p;
  if (!q->bThread) {
    q->nTaken = i + 1;
    return vp_prepare_file(q->azPath[i], q->nMax, q->pKnown, ppOut);
  }
  pthread_mutex_lock(&q->mutex);
  while (q->nReady <= i) {
    q->bWaiting = 1;
    pthread_cond_wait(&q->cvItem, &q->mutex);
  }
  q->bWaiting = 0;
  p = q->aItem[i];
  q->aItem[i] = NULL;
  q->nTaken = i + 1;
  if (p != &nomem_marker) q->nAhead -= prepared_bytes(p);
  pthread_cond_signal(&q->cvRoom);
  pthread_mutex_unlock(&q->mutex);
  if (p == &nomem_marker) return VP_ENOMEM;
  *ppOut = p;
  return VP_OK;
}

void vp_prep_queue_free(vp_prep_queue *q) {
  if (q == NULL) return;
  if (q->bThread) {
    pthread_mutex_lock(&q->mutex);
    q->bStop = 1;
    pthread_cond_signal(&q->cvRoom);
    pthread_mutex_unlock(&q->mutex);
    pthread_join(q->thread, NULL);
  }
  for (int i = q->nTaken; i < q->nPath; i++) {
    if (q->aItem[i] != &nomem_marker) vp_prepared_free(q->aItem[i]);
  }
  pthread_cond_destroy(&q->cvRoom);
  pthread_cond_destroy(&q->cvItem);
  pthread_mutex_destroy(&q->mutex);
  free(q->aItem);
  free(q);
}
