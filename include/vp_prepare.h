/*
** vp_prepare.h — everything `vnplan index` does to a file before it is
** stored: read it, hash it, skip it when the index already holds these bytes,
** check, parse and extract (metadata, citations, tasks, the diacritic-free
** forms of its words). vp_prep_queue runs
** this on a worker thread, up to 8 MB of text ahead of the writer, so parsing and
** extraction overlap with SQLite's work on the other core. Not for the walk
** over folders nor for storing (vp_indexer.h, vp_store.h).
*/
#ifndef VP_PREPARE_H
#define VP_PREPARE_H

#include <stddef.h>

#include "vp_cite.h"
#include "vp_meta.h"
#include "vp_reader.h"
#include "vp_store.h"
#include "vp_task.h"
#include "vp_vocab.h"

typedef enum vp_prep_state {
  VP_PREP_READY,     /* parsed and extracted: to store */
  VP_PREP_UNCHANGED, /* the index holds these bytes already */
  VP_PREP_SKIPPED    /* bad input: zWhy says why */
} vp_prep_state;

/* One file, prepared. */
typedef struct vp_prepared {
  vp_prep_state eState;
  char *zWhy;      /* VP_PREP_SKIPPED: the reason, for the warning */
  char zHash[17];  /* content hash (vp_index_hash) */
  vp_text *pText;  /* VP_PREP_READY: the passages ... */
  vp_meta meta;    /* ... and what was extracted from them */
  vp_citations cites;
  vp_tasks tasks;
  vp_vocab vocab;  /* its words' diacritic-free forms (vp_vocab.h) */
} vp_prepared;

/* Prepare the file at zPath (files over nMax bytes are skipped; pKnown may
** be NULL). VP_OK with *ppOut, or VP_ENOMEM. */
int vp_prepare_file(const char *zPath, size_t nMax,
                    const vp_store_known *pKnown, vp_prepared **ppOut);
void vp_prepared_free(vp_prepared *p);

/* Files azPath[0..nPath) prepared in order on a worker thread, at most a
** bounded number of bytes ahead of the caller (bounded memory). azPath and pKnown must outlive
** the queue. When no thread can be started the files are prepared by
** vp_prep_queue_next itself. */
typedef struct vp_prep_queue vp_prep_queue;

int vp_prep_queue_start(char **azPath, int nPath, size_t nMax,
                        const vp_store_known *pKnown, vp_prep_queue **ppOut);

/* The next file, in the order given: VP_OK with *ppOut (the caller frees it
** with vp_prepared_free), or VP_ENOMEM. Called at most nPath times. */
int vp_prep_queue_next(vp_prep_queue *q, vp_prepared **ppOut);

/* Stop the worker (it finishes the file at hand), free the files prepared
** but not taken, and the queue. */
void vp_prep_queue_free(vp_prep_queue *q);

#endif /* VP_PREPARE_H */
