/*
** vp_store.h — the SQLite index: schema, opening (WAL, our tokenizer
** registered), and writing documents — each its row, passages (+ FTS5),
** citations and tasks, replacing what was there — many to a transaction
** (a batch), each document whole or not at all. 
** Not for reading answers (vp_query.h) nor for walking folders
** (vp_indexer.h).
*/
#ifndef VP_STORE_H
#define VP_STORE_H

#include <sqlite3.h>

#include "vp_cite.h"
#include "vp_meta.h"
#include "vp_reader.h"
#include "vp_task.h"
#include "vp_vocab.h"

/* Bump when the extraction code or the schema changes: documents indexed by
** an older version are re-indexed even when their bytes did not change. A
** change of the word lists in data/ does the same by itself (the documents'
** stored version mixes in vp_data_checksum). */
#define VP_STORE_VERSION 8
#define VP_STORE_SCHEMA "vnplan-8" /* tables, indexes and the tokenizer's terms */

#define VP_STORE_READONLY 1 /* open read-only; fail when there is no index */
#define VP_STORE_CREATE 2   /* create the file and schema when missing */

/* Open the index at zPath with the "vnplan" tokenizer registered. VP_OK,
** VP_EDB with *pzErr ("no index at …", "not a vnplan index (…)"). On error
** *ppDb is NULL. Close with sqlite3_close(). */
int vp_store_open(const char *zPath, int flags, sqlite3 **ppDb, char **pzErr);

typedef struct vp_store vp_store; /* prepared statements for writing */

int vp_store_writer(sqlite3 *db, vp_store **ppOut, char **pzErr);
void vp_store_writer_free(vp_store *p);

/* The documents indexed under the current rules (VP_STORE_VERSION and data/) with
** their content hash, sorted by path: what a run need not read again. Read
** once by the writer, then only read (from any thread). */
typedef struct vp_store_known {
  char **azPath; /* sorted with strcmp */
  char **azHash; /* same order */
  int n;
} vp_store_known;

/* Load the list; VP_OK, VP_ENOMEM or VP_EDB with *pzErr. */
int vp_store_known_load(vp_store *p, vp_store_known *pOut, char **pzErr);

/* 1 when zPath is in the list with this content hash (nothing to do). */
int vp_store_known_has(const vp_store_known *p, const char *zPath,
                       const char *zHash);

void vp_store_known_free(vp_store_known *p);

/* Everything to store for one file. */
typedef struct vp_store_doc {
  const char *zPath;  /* identity: the real path */
  const char *zFile;  /* as the user named it, for display */
  const char *zHash;  /* content hash (hex) */
  long long nSize;
  const vp_text *pText;
  const vp_meta *pMeta;
  const vp_citations *pCite;
  const vp_tasks *pTasks;
  const vp_vocab *pVocab; /* its words' diacritic-free forms (may be NULL) */
} vp_store_doc;

/* Batches (group commit): vp_store_batch_begin opens a transaction;
** vp_store_put stores documents in it, each inside its own SAVEPOINT;
** vp_store_batch_commit makes them durable together (their passages enter
** passage_fts then). A crash loses the open batch only, never part of a
** document. */
int vp_store_batch_begin(vp_store *p, char **pzErr);
int vp_store_batch_commit(vp_store *p, char **pzErr); /* VP_OK or VP_EDB */
void vp_store_batch_rollback(vp_store *p);
int vp_store_batch_docs(const vp_store *p); /* documents in the open batch */

/* Replace the document (same zPath) with pDoc: inside the open batch, or in
** a transaction of its own when none is open. Either all of it is stored,
** or the previous state is. VP_OK; VP_EINPUT with *pzErr when this document
** alone failed (rolled back, the batch goes on); VP_EDB or VP_ENOMEM with
** *pzErr when the batch failed (rolled back whole: the caller stops). */
int vp_store_put(vp_store *p, const vp_store_doc *pDoc, char **pzErr);

/* Remove indexed documents under one of the roots azRoot[0..nRoot) (real
** paths; nRoot 0 = everywhere) whose path is not in the set of paths seen
** (azSeen, sorted with strcmp) or no longer exists. *pnRemoved gets the count. */
int vp_store_prune(vp_store *p, char **azRoot, int nRoot, char **azSeen,
                   int nSeen, int *pnRemoved, char **pzErr);

#endif /* VP_STORE_H */
