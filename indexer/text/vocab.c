/*
** vocab.c — the diacritic-free spellings table (vp_vocab.h): the set of
** (term, fold) pairs a document brings, collected off the writer's thread
** with the tokenizer's every-form mode, and the query-time expansion of a
** word typed without diacritics into the indexed words that fold to it.
** Not for the tokenizer itself (tok.c) nor for storing (store.c).
*/
#include "vp_vocab.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_norm.h"
#include "vp_tok.h"

static unsigned term_hash(const char *z, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The slot of zTerm[0..n): where it is, or the empty slot it would take. */
static int *slot_for(const vp_vocab *p, const char *zTerm, int n) {
  unsigned mask = (unsigned)p->nSlot - 1, i = term_hash(zTerm, n) & mask;
  while (p->aSlot[i]) {
    const char *z = p->zBuf + p->aSlot[i] - 1;
    if (strncmp(z, zTerm, (size_t)n) == 0 && z[n] == '\0') break;
    i = (i + 1) & mask;
  }
  return &p->aSlot[i];
}

static int grow_slots(vp_vocab *p) {
  vp_vocab grown = *p;
  grown.nSlot = p->nSlot ? 2 * p->nSlot : 1024;
  grown.aSlot = calloc((size_t)grown.nSlot, sizeof(int));
  if (grown.aSlot == NULL) return VP_ENOMEM;
  for (int i = 0; i < p->nSlot; i++) {
    if (p->aSlot[i] == 0) continue;
    const char *z = p->zBuf + p->aSlot[i] - 1;
    *slot_for(&grown, z, (int)strlen(z)) = p->aSlot[i];
  }
  free(p->aSlot);
  p->aSlot = grown.aSlot;
  p->nSlot = grown.nSlot;
  return VP_OK;
}

int vp_vocab_add(vp_vocab *p, const char *zTerm, int nTerm, const char *zFold,
                 int nFold, int *pbNew) {
  *pbNew = 0;
  if ((p->nPair + 1) * 2 > p->nSlot && grow_slots(p) != VP_OK) return VP_ENOMEM;
  int *pSlot = slot_for(p, zTerm, nTerm);
  if (*pSlot) return VP_OK;
  int nNeed = nTerm + nFold + 2;
  if (p->nBuf + nNeed > p->nAlloc) {
    int nAlloc = p->nAlloc ? 2 * p->nAlloc : 4096;
    while (nAlloc < p->nBuf + nNeed) nAlloc *= 2;
    char *zNew = realloc(p->zBuf, (size_t)nAlloc);
    if (zNew == NULL) return VP_ENOMEM;
    p->zBuf = zNew;
    p->nAlloc = nAlloc;
  }
  char *z = p->zBuf + p->nBuf;
  memcpy(z, zTerm, (size_t)nTerm);
  z[nTerm] = '\0';
  memcpy(z + nTerm + 1, zFold, (size_t)nFold);
  z[nTerm + 1 + nFold] = '\0';
  *pSlot = p->nBuf + 1;
  p->nBuf += nNeed;
  p->nPair++;
  *pbNew = 1;
  return VP_OK;
}

int vp_vocab_next(const vp_vocab *p, int *piOff, const char **pzTerm,
                  const char **pzFold) {
  if (*piOff >= p->nBuf) return 0;
  *pzTerm = p->zBuf + *piOff;
  *pzFold = *pzTerm + strlen(*pzTerm) + 1;
  *piOff = (int)(*pzFold - p->zBuf) + (int)strlen(*pzFold) + 1;
  return 1;
}

void vp_vocab_clear(vp_vocab *p) {
  free(p->zBuf);
  free(p->aSlot);
  memset(p, 0, sizeof(*p));
}

/* ---- collecting a document's pairs ------------------------------------ */

typedef struct collector {
  vp_vocab *pOut;
  const char *zLast; /* the last exact token (FTS5-style callbacks give the
                     ** fold right after its word, colocated) */
  int nLast;
  int rc;
} collector;

static int collect_token(void *pCtx, int flags, const char *zToken, int nToken,
                         int iStart, int iEnd) {
  (void)iStart;
  (void)iEnd;
  collector *c = pCtx;
  if (!(flags & FTS5_TOKEN_COLOCATED)) {
    c->zLast = zToken;
    c->nLast = nToken;
    return 0;
  }
  if (nToken < 1 || zToken[0] != VP_TOK_FOLD_NS || c->zLast == NULL) return 0;
  int bNew;
  c->rc = vp_vocab_add(c->pOut, c->zLast, c->nLast, zToken + 1, nToken - 1, &bNew);
  return c->rc == VP_OK ? 0 : 1;
}

int vp_vocab_collect_text(const char *z, int n, vp_vocab *pOut) {
  collector c = {pOut, NULL, 0, VP_OK};
  int rc = vp_tok_run(z, n, VP_TOK_FORMS, collect_token, &c);
  return c.rc != VP_OK ? c.rc : rc != 0 ? VP_ENOMEM : VP_OK;
}

int vp_vocab_collect(const vp_text *pText, vp_vocab *pOut) {
  int rc = VP_OK;
  for (int i = 0; i < pText->nPassage && rc == VP_OK; i++) {
    const vp_passage *ps = &pText->aPassage[i];
    rc = vp_vocab_collect_text(ps->zText, ps->iEnd - ps->iStart, pOut);
  }
  return rc;
}

/* ---- query-time expansion --------------------------------------------- */

enum { STMT_EXACT, STMT_PREFIX };

static const char *const azExpandSql[2] = {
    "SELECT term FROM term_fold WHERE fold = ?1",
    "SELECT term FROM term_fold WHERE fold >= ?1 AND fold < ?2",
};

/* Length of the shortest beginning of zTerm (on a code point boundary)
** whose fold is at least nWant bytes: zTerm's own length when none is. */
static int prefix_len(const char *zTerm, int nTerm, int nWant) {
  char aExact[4 * VP_TOK_MAX], aFold[4 * VP_TOK_MAX];
  for (int k = 1; k < nTerm; k++) {
    if (((unsigned char)zTerm[k] & 0xC0) == 0x80) continue;
    int nFold = 0, bAscii = 0;
    if (vp_norm_word(zTerm, k, aExact, (int)sizeof(aExact), aFold,
                     (int)sizeof(aFold), &nFold, &bAscii) >= 0 &&
        nFold >= nWant)
      return k;
  }
  return nTerm;
}

#define EXPAND_MAX 256 /* distinct forms of one word: far above real ones */

int vp_vocab_expand(sqlite3 *db, sqlite3_stmt **apStmt, const char *zWord,
                    int nWord, int bPrefix, vp_vocab_fn xEmit, void *pCtx) {
  int iStmt = bPrefix ? STMT_PREFIX : STMT_EXACT;
  if (nWord <= 0 || nWord > VP_TOK_MAX) return 0;
  if (apStmt[iStmt] == NULL &&
      sqlite3_prepare_v3(db, azExpandSql[iStmt], -1, SQLITE_PREPARE_PERSISTENT,
                         &apStmt[iStmt], NULL) != SQLITE_OK) {
    return 0; /* no table: nothing to expand to */
  }
  sqlite3_stmt *s = apStmt[iStmt];
  char aHigh[VP_TOK_MAX + 1];
  sqlite3_bind_text(s, 1, zWord, nWord, SQLITE_STATIC);
  if (bPrefix) {
    /* the words whose fold starts with zWord: [zWord, zWord with its last
    ** byte + 1); zWord is ASCII, so that byte does not overflow */
    memcpy(aHigh, zWord, (size_t)nWord);
    aHigh[nWord - 1]++;
    sqlite3_bind_text(s, 2, aHigh, nWord, SQLITE_STATIC);
  }
  /* distinct beginnings (prefix mode), kept in a small table */
  char aSeen[EXPAND_MAX][VP_TOK_MAX / 4 + 1];
  int nSeen = 0, rc = 0, nEmitted = 0, step;
  while (rc == 0 && nEmitted < EXPAND_MAX && (step = sqlite3_step(s)) == SQLITE_ROW) {
    const char *zTerm = (const char *)sqlite3_column_text(s, 0);
    int nTerm = sqlite3_column_bytes(s, 0);
    if (zTerm == NULL || nTerm <= 0) continue;
    if (bPrefix) {
      nTerm = prefix_len(zTerm, nTerm, nWord);
      int bDup = 0;
      for (int i = 0; i < nSeen && !bDup; i++)
        bDup = strncmp(aSeen[i], zTerm, (size_t)nTerm) == 0 && aSeen[i][nTerm] == '\0';
      if (bDup) continue;
      if (nTerm < (int)sizeof(aSeen[0]) && nSeen < EXPAND_MAX) {
        memcpy(aSeen[nSeen], zTerm, (size_t)nTerm);
        aSeen[nSeen++][nTerm] = '\0';
      }
    }
    rc = xEmit(pCtx, zTerm, nTerm);
    nEmitted++;
  }
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return rc;
}
