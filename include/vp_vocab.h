/*
** vp_vocab.h — the spellings of each diacritic-free word that the index
** holds. Documents are indexed with their exact words only ("khoá", "học");
** a query word typed without diacritics ("khoa") is expanded when the query
** is tokenized to every indexed word that folds to it (khoá, khóa, khỏa…),
** read from the table term_fold(fold, term), which the writer fills as
** documents come in. One token per word in the index instead of two: the
** index is smaller and faster to build, and a diacritic-free query costs a
** lookup in a table of hundreds of rows (666 for a 1 GB corpus).
** Not for normalization itself (vp_norm.h) nor the tokenizer (vp_tok.h).
*/
#ifndef VP_VOCAB_H
#define VP_VOCAB_H

#include <sqlite3.h>

#include "vp_reader.h"

/* A set of (term, fold) pairs, distinct by term: "term\0fold\0" one after
** the other in zBuf. */
typedef struct vp_vocab {
  char *zBuf;
  int nBuf, nAlloc;
  int nPair;
  int *aSlot; /* open addressing: 1 + offset of a term in zBuf, 0 empty */
  int nSlot;  /* a power of two, or 0 */
} vp_vocab;

/* Add (zTerm, zFold) unless zTerm is there: *pbNew says which. VP_OK or
** VP_ENOMEM. */
int vp_vocab_add(vp_vocab *p, const char *zTerm, int nTerm, const char *zFold,
                 int nFold, int *pbNew);

/* The pair at *piOff (start with 0): 1 and *piOff moved past it, or 0 at the
** end. */
int vp_vocab_next(const vp_vocab *p, int *piOff, const char **pzTerm,
                  const char **pzFold);

void vp_vocab_clear(vp_vocab *p);

/* The words of a document's passages whose diacritic-free form differs
** from them and is ASCII, each with that form. VP_OK or VP_ENOMEM. */
int vp_vocab_collect(const vp_text *pText, vp_vocab *pOut);

/* The same for one text z[0..n). */
int vp_vocab_collect_text(const char *z, int n, vp_vocab *pOut);

/* The SQL of the table (part of the index's schema). */
#define VP_VOCAB_SCHEMA                                                        \
  "CREATE TABLE IF NOT EXISTS term_fold(fold TEXT NOT NULL, term TEXT NOT NULL," \
  " PRIMARY KEY(fold, term)) WITHOUT ROWID;"

/* Query side. Each indexed word that folds to zWord[0..nWord) (ASCII,
** lowercase) — with bPrefix, each distinct beginning of an indexed word
** whose fold starts with zWord, cut where its fold reaches nWord bytes — is
** passed to xEmit. apStmt[2] caches the statements on db (NULL at first;
** finalize them before db is closed). No table (an index being built or
** another database): nothing is emitted. Returns 0, or xEmit's non-zero
** value, or an SQLite error code. */
typedef int (*vp_vocab_fn)(void *pCtx, const char *zTerm, int nTerm);
int vp_vocab_expand(sqlite3 *db, sqlite3_stmt **apStmt, const char *zWord,
                    int nWord, int bPrefix, vp_vocab_fn xEmit, void *pCtx);

#endif /* VP_VOCAB_H */
