/*
** tok.c — the "vnplan" FTS5 tokenizer (vp_tok.h): splits text into words
** (runs of letters, digits and combining marks), keeps document numbers
** ("69-KL/TW", "709/QĐ-TTg") whole through vp_docnum_at, and emits each word
** normalized by vp_norm (a batch of words per call): for the index its exact
** form; in every-form mode (the vocabulary collector) also its diacritic-free
** form, colocated, in a namespace of its own (VP_TOK_FOLD_NS); for a query
** word typed without diacritics, itself and the indexed spellings that fold
** to it (vp_vocab.h); for a query word spelled with a lone i or y, the other
** spelling too ("kĩ"/"kỹ": data/query-words.tsv iy-initial). Offsets are bytes of the text as given. Not for
** normalization rules themselves (norm.c) nor number parsing (docnum.c).
*/
#include "vp_tok.h"

#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_lexicon.h"
#include "vp_norm.h"
#include "vp_vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MODE_QUERY = 1, MODE_EXACT = 2, MODE_INDEX = 4, MODE_PREFIX = 8 };

/* The FTS5 tokenizer object: the connection whose term_fold table expands
** query words typed without diacritics (vp_vocab.h), and its statements. */
typedef struct vnplan_tokenizer {
  sqlite3 *db;
  sqlite3_stmt *apStmt[2];
} vnplan_tokenizer;

#define TOK_STACK                                                              \
  (4 * VP_TOK_MAX) /* most words fit; longer ones use the heap */

static int is_ascii_word(unsigned char c) {
  return (unsigned)((c | 32) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static int is_ascii(const char *z, int n) {
  unsigned char acc = 0;
  for (int i = 0; i < n; i++)
    acc |= (unsigned char)z[i];
  return acc < 0x80;
}

/* Length of z[0..n) cut to VP_TOK_MAX bytes on a code point boundary. */
static int cut_len(const char *z, int n) {
  if (n <= VP_TOK_MAX)
    return n;
  n = VP_TOK_MAX;
  while (n > 0 && ((unsigned char)z[n] & 0xC0) == 0x80)
    n--;
  return n;
}

/* Context of vp_vocab_expand's callback: emit a colocated form. */
typedef struct expand_ctx {
  vp_tok_fn xToken;
  void *pCtx;
  int iStart, iEnd;
} expand_ctx;

static int emit_expanded(void *pArg, const char *zTerm, int nTerm) {
  expand_ctx *e = pArg;
  return e->xToken(e->pCtx, FTS5_TOKEN_COLOCATED, zTerm, nTerm, e->iStart, e->iEnd);
}

/* The lone vowels i and y of a syllable, by tone (none, sắc, huyền, hỏi,
** ngã, nặng), NFC. */
static const char *const azIVowel[6] = {"i", "\xc3\xad", "\xc3\xac", "\xe1\xbb\x89", "\xc4\xa9", "\xe1\xbb\x8b"};
static const char *const azYVowel[6] = {"y", "\xc3\xbd", "\xe1\xbb\xb3", "\xe1\xbb\xb7", "\xe1\xbb\xb9", "\xe1\xbb\xb5"};

/* The other spelling of a normalized word that is a first consonant of
** data/query-words.tsv's iy-initial list and a lone i or y ("kĩ" for "kỹ",
** "quy" for "qui"), the tone kept, into zOut; its length, or 0 when the
** word has none. */
static int iy_twin(const char *z, int n, char *zOut, int nOut) {
  const vp_lexicon_list *pInitial = vp_lexicon_get("query-words.tsv", "iy-initial");
  for (int k = 0; k < 12; k++) {
    const char *zV = k < 6 ? azIVowel[k] : azYVowel[k - 6];
    const char *zW = k < 6 ? azYVowel[k] : azIVowel[k - 6];
    int nV = (int)strlen(zV), nW = (int)strlen(zW), nInit = n - nV;
    if (nInit < 1 || nInit + nW > nOut || memcmp(z + nInit, zV, (size_t)nV) != 0) continue;
    if (!is_ascii(z, nInit) || vp_lexicon_find(pInitial, z, nInit) == NULL) return 0;
    memcpy(zOut, z, (size_t)nInit);
    memcpy(zOut + nInit, zW, (size_t)nW);
    return nInit + nW;
  }
  return 0;
}

/* Emit the forms of one normalized word (zFold[-1] is writable: the
** namespace byte goes there); bFoldAscii: zFold[0..nFold) is pure ASCII. */
static int emit_forms(char *zExact, int nExact, char *zFold, int nFold,
                      int bAscii, int bFoldAscii, int mode, int iStart,
                      int iEnd, vp_tok_fn xToken, void *pCtx,
                      vnplan_tokenizer *pTok) {
  int rc;
  if (nExact > VP_TOK_MAX)
    nExact = cut_len(zExact, nExact);
  if (nFold > VP_TOK_MAX) {
    nFold = cut_len(zFold, nFold);
    bFoldAscii = is_ascii(zFold, nFold);
  }
  zFold[-1] = VP_TOK_FOLD_NS;
  if (!(mode & MODE_QUERY)) {
    rc = xToken(pCtx, 0, zExact, nExact, iStart, iEnd);
    if (rc == 0 && !(mode & MODE_INDEX) && !bAscii && bFoldAscii) {
      rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zFold - 1, nFold + 1, iStart,
                  iEnd);
    }
    return rc;
  }
  /* a word written with i or y either way: the other spelling too,
  ** colocated (a prefix stays as typed: "quy*" is no "qui") */
  char zTwin[16];
  int nTwin = (mode & MODE_PREFIX) ? 0 : iy_twin(zExact, nExact, zTwin, (int)sizeof(zTwin));
  int bExpand = bAscii && !(mode & MODE_EXACT);
  rc = xToken(pCtx, 0, zExact, nExact, iStart, iEnd);
  if (rc == 0 && nTwin > 0)
    rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zTwin, nTwin, iStart, iEnd);
  /* typed without diacritics: then, colocated, every indexed spelling
  ** that folds to it (or to its other spelling) */
  if (rc == 0 && bExpand && pTok != NULL) {
    expand_ctx e = {xToken, pCtx, iStart, iEnd};
    rc = vp_vocab_expand(pTok->db, pTok->apStmt, zExact, nExact,
                         (mode & MODE_PREFIX) != 0, emit_expanded, &e);
    if (rc == 0 && nTwin > 0)
      rc = vp_vocab_expand(pTok->db, pTok->apStmt, zTwin, nTwin, 0, emit_expanded, &e);
  }
  return rc;
}

/* A word whose forms do not fit the stack buffers: heap buffers of growing
** size. */
static int emit_long_word(const char *z, int iStart, int iEnd, int mode,
                          vp_tok_fn xToken, void *pCtx, vnplan_tokenizer *pTok) {
  int nWord = iEnd - iStart, nFold = 0, bAscii = 0;
  if (nWord > (1 << 24))
    return SQLITE_OK; /* absurd: skipped */
  for (int mx = 4 * nWord + 16; mx <= 16 * nWord + 64; mx *= 2) {
    char *zHeap = malloc(2 * (size_t)mx + 1);
    if (zHeap == NULL)
      return SQLITE_NOMEM;
    char *zExact = zHeap, *zFold = zHeap + mx + 1;
    int nExact =
        vp_norm_word(z + iStart, nWord, zExact, mx, zFold, mx, &nFold, &bAscii);
    if (nExact >= 0) {
      int rc = emit_forms(zExact, nExact, zFold, nFold, bAscii,
                          is_ascii(zFold, nFold), mode, iStart, iEnd, xToken,
                          pCtx, pTok);
      free(zHeap);
      return rc;
    }
    free(zHeap);
  }
  return SQLITE_OK; /* cannot be normalized in any sane size: skipped */
}

/* Normalize and emit the word that starts at z[iStart] when it does not fit
** a batch; sets *piEnd to its end. Stack buffers first, then the heap. */
static int emit_big_word(const char *z, int n, int iStart, int *piEnd,
                         int mode, vp_tok_fn xToken, void *pCtx,
                         vnplan_tokenizer *pTok) {
  char aExact[TOK_STACK], aFold[TOK_STACK + 1];
  int nFold = 0, bAscii = 0;
  int nExact = vp_norm_next_word(z, n, iStart, piEnd, aExact, TOK_STACK,
                                 aFold + 1, TOK_STACK, &nFold, &bAscii);
  if (nExact >= 0) {
    return emit_forms(aExact, nExact, aFold + 1, nFold, bAscii,
                      is_ascii(aFold + 1, nFold), mode, iStart, *piEnd, xToken,
                      pCtx, pTok);
  }
  return emit_long_word(z, iStart, *piEnd, mode, xToken, pCtx, pTok);
}

/* A number typed in a query with a space for its first separator ("69 KL/TW",
** "709 QĐ-TTg"): parse a copy with a dash, then a slash, put back. Same
** length, so the offsets still hold. */
static int docnum_typed_at(const char *z, int n, int i, vp_docnum *p) {
  char aCopy[96];
  int j = i;
  while (j < n && z[j] >= '0' && z[j] <= '9')
    j++;
  if (j + 1 >= n || z[j] != ' ' || !is_ascii_word((unsigned char)z[j + 1]))
    return 0;
  int nCopy = n - i < (int)sizeof(aCopy) ? n - i : (int)sizeof(aCopy);
  if (j - i + 1 >= nCopy)
    return 0; /* no number is that long */
  memcpy(aCopy, z + i, (size_t)nCopy);
  aCopy[j - i] = '-';
  if (!vp_docnum_at(aCopy, nCopy, 0, p)) {
    aCopy[j - i] = '/';
    if (!vp_docnum_at(aCopy, nCopy, 0, p))
      return 0;
  }
  p->iStart += i;
  p->iEnd += i;
  return 1;
}

/* ---- searchable parts of a number ----------------------------------------
** A number is one term for exact search; in the index its parts stand
** colocated with it, so "NQ/TW" (every Party resolution), "QĐ-TTg" (every
** Prime Minister's decision), "69" and "69-KL*" find it. Never "kl" or "tw"
** alone: those stay words. On the query side a code pair ("NQ/TW",
** "QĐ-TTg") and a number with its type ("69-KL") are read as one term. */

/* Bytes of the code letters at z[i] (ASCII letters, Đ/đ), at most 14. */
static int code_run(const char *z, int n, int i) {
  int j = i;
  while (j < n && j - i <= 14) {
    unsigned char c = (unsigned char)z[j];
    if ((unsigned)((c | 32) - 'a') < 26) j++;
    else if (c == 0xC4 && j + 1 < n && ((unsigned char)z[j + 1] & 0xFE) == 0x90) j += 2;
    else break;
  }
  return j - i > 14 ? 0 : j - i;
}

/* z[i..e) folded as codes are in number tokens: ASCII lowercase, Đ → d. */
static int fold_code(const char *z, int i, int e, char *zOut, int nOut) {
  int o = 0;
  for (int j = i; j < e && o + 1 < nOut; j++) {
    unsigned char c = (unsigned char)z[j];
    if (c == 0xC4) {
      zOut[o++] = 'd';
      j++;
    } else {
      zOut[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
  }
  zOut[o] = 0;
  return o;
}

static int word_byte(const char *z, int n, int i) {
  return i < n && (is_ascii_word((unsigned char)z[i]) || (unsigned char)z[i] >= 0x80);
}

/* Query side: "NQ/TW", "QĐ-TTg" (a type code, / or -, an issuer code) at
** z[i], or with bNumber "69-KL" (digits, -, a type code, nothing after):
** one term into zOut; returns its end, or 0. */
static int code_term_at(const char *z, int n, int i, int bNumber, char *zOut, int nOut) {
  const vp_lexicon_list *pType = vp_lexicon_get("instrument-types.tsv", "type");
  const vp_lexicon_list *pIssuer = vp_lexicon_get("instrument-types.tsv", "issuer");
  int a = i, aEnd;
  if (bNumber) {
    while (a < n && z[a] >= '0' && z[a] <= '9') a++;
    if (a == i || a - i > 6 || a >= n || z[a] != '-') return 0;
    int t = code_run(z, n, a + 1);
    if (t == 0 || word_byte(z, n, a + 1 + t) || (a + 1 + t < n && z[a + 1 + t] == '/') ||
        !vp_lexicon_find_code(pType, 0, z + a + 1, t))
      return 0;
    aEnd = a + 1 + t;
  } else {
    int t = code_run(z, n, i);
    if (t == 0 || i + t >= n || (z[i + t] != '/' && z[i + t] != '-')) return 0;
    int s = code_run(z, n, i + t + 1);
    if (s == 0 || word_byte(z, n, i + t + 1 + s) || !vp_lexicon_find_code(pType, 0, z + i, t) ||
        !vp_lexicon_find_code(pIssuer, 0, z + i + t + 1, s))
      return 0;
    aEnd = i + t + 1 + s;
  }
  int iFrom = i; /* "05-NQ" as the index holds it: "5-nq" */
  while (bNumber && z[iFrom] == '0' && iFrom + 1 < aEnd && z[iFrom + 1] >= '0' && z[iFrom + 1] <= '9') iFrom++;
  fold_code(z, iFrom, aEnd, zOut, nOut);
  return aEnd;
}

/* Index side: the parts of a number token ("69-kl/tw": "69", "69-kl",
** "kl/tw"; "709/qd-ttg": "709", "qd-ttg", "709-qd"; "35/2021/nd-cp": "35",
** "2021", "35/2021", "35/nd-cp", "nd-cp", "35-nd"), colocated with it; a number written with leading
** zeros ("09/2025/NĐ-CP") also without them ("9", "9/2025"), as people
** type it ("nghị định 9/2025"). */
static int emit_docnum_parts(const vp_docnum *d, vp_tok_fn xToken, void *pCtx) {
  const char *zTok = d->zToken;
  char zPart[64];
  const char *zBare = d->zNumber;
  while (zBare[0] == '0' && zBare[1] >= '0' && zBare[1] <= '9') zBare++;
  int rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, d->zNumber, (int)strlen(d->zNumber), d->iStart, d->iEnd);
  if (rc == 0 && zBare != d->zNumber)
    rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zBare, (int)strlen(zBare), d->iStart, d->iEnd);
  if (d->bParty) {
    const char *zDash = strchr(zTok, '-'), *zSlash = zDash ? strchr(zDash, '/') : NULL;
    if (rc == 0 && zSlash) rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zTok, (int)(zSlash - zTok), d->iStart, d->iEnd);
    if (rc == 0 && zDash) rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zDash + 1, (int)strlen(zDash + 1), d->iStart, d->iEnd);
    return rc;
  }
  if (rc == 0 && d->nYear) {
    int nPart = snprintf(zPart, sizeof(zPart), "%d", d->nYear);
    rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zPart, nPart, d->iStart, d->iEnd);
    nPart = snprintf(zPart, sizeof(zPart), "%s/%d", zBare, d->nYear);
    if (rc == 0) rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zPart, nPart, d->iStart, d->iEnd);
    nPart = snprintf(zPart, sizeof(zPart), "%s/%d", d->zNumber, d->nYear);
    if (rc == 0 && zBare != d->zNumber) rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zPart, nPart, d->iStart, d->iEnd);
    /* "178/nd-cp": the number typed without its year ("178/NĐ-CP") */
    const char *zCode = strrchr(zTok, '/');
    nPart = zCode ? snprintf(zPart, sizeof(zPart), "%s%s", zBare, zCode) : 0;
    if (rc == 0 && nPart > 0 && nPart < (int)sizeof(zPart))
      rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zPart, nPart, d->iStart, d->iEnd);
  }
  const char *zLast = strrchr(zTok, '/');
  if (rc == 0 && zLast && d->zType[0])
    rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zLast + 1, (int)strlen(zLast + 1), d->iStart, d->iEnd);
  if (rc == 0 && zLast && d->zType[0]) { /* "2597-qd", as "QĐ 2597" is typed */
    int nType = (int)strcspn(zLast + 1, "-");
    int nPart = snprintf(zPart, sizeof(zPart), "%s-%.*s", zBare, nType, zLast + 1);
    if (nPart > 0 && nPart < (int)sizeof(zPart))
      rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zPart, nPart, d->iStart, d->iEnd);
  }
  return rc;
}

/* A document number starting at the digit z[i]: one token, its zToken, and
** in the index its parts colocated (emit_docnum_parts). Returns 1 and sets
** *piNext past it, or 0 when z[i] starts no number. */
static int emit_docnum_at(const char *z, int n, int i, int mode,
                          vp_tok_fn xToken, void *pCtx, int *piNext, int *pRc) {
  vp_docnum d;
  if (!vp_docnum_at(z, n, i, &d) &&
      !((mode & MODE_QUERY) && docnum_typed_at(z, n, i, &d))) {
    char zTerm[64];
    int iEnd = (mode & MODE_QUERY) ? code_term_at(z, n, i, 1, zTerm, sizeof(zTerm)) : 0;
    if (iEnd == 0) return 0;
    *pRc = xToken(pCtx, 0, zTerm, (int)strlen(zTerm), i, iEnd);
    *piNext = iEnd;
    return 1;
  }
  if (d.iEnd <= i || d.iEnd > n)
    return 0;
  if (d.iStart != i)
    d.iStart = i; /* the span starts where we asked */
  d.zToken[sizeof(d.zToken) - 1] = '\0';
  int nToken = (int)strlen(d.zToken);
  *pRc = nToken ? xToken(pCtx, 0, d.zToken, nToken, d.iStart, d.iEnd) : 0;
  if (*pRc == 0 && nToken && (mode & MODE_INDEX)) *pRc = emit_docnum_parts(&d, xToken, pCtx);
  *piNext = d.iEnd;
  return 1;
}

/* Emit the words of a batch in order; a word that starts with a digit may
** start a document number instead, and the words inside the number are
** skipped. Returns the callback's code; *piNext is where tokenizing goes on:
** -1 when the whole batch was used, else the end of a number that ends
** inside a word (the batch's words from there on are dropped). */
static int emit_batch(const char *z, int n, vp_norm_batch *b, int mode,
                      vp_tok_fn xToken, void *pCtx, vnplan_tokenizer *pTok,
                      int *piNext) {
  int rc = 0, iSkip = 0; /* words ending at or before iSkip are in a number */
  *piNext = -1;
  for (int k = 0; k < b->nWord && rc == 0; k++) {
    const vp_norm_item *w = &b->aWord[k];
    if (w->iEnd <= iSkip)
      continue;
    if (w->iStart < iSkip) { /* the number ends inside this word */
      *piNext = iSkip;
      return rc;
    }
    char c = z[w->iStart];
    if (c >= '0' && c <= '9' &&
        emit_docnum_at(z, n, w->iStart, mode, xToken, pCtx, &iSkip, &rc)) {
      continue;
    }
    if (mode & MODE_QUERY) { /* "NQ/TW", "QĐ-TTg": one term */
      char zTerm[64];
      int iEnd = code_term_at(z, n, w->iStart, 0, zTerm, sizeof(zTerm));
      if (iEnd > 0) {
        rc = xToken(pCtx, 0, zTerm, (int)strlen(zTerm), w->iStart, iEnd);
        iSkip = iEnd;
        continue;
      }
    }
    if ((mode & ~MODE_INDEX) == 0 && w->nExact <= VP_TOK_MAX &&
        w->nFold <= VP_TOK_MAX) {
      /* the common case, emit_forms inlined: a document's short word */
      rc = xToken(pCtx, 0, b->zExact + w->iExact, w->nExact, w->iStart,
                  w->iEnd);
      if (rc == 0 && mode == 0 && !w->bAscii && w->bFoldAscii) {
        char *zFold = b->zFold + w->iFold - 1;
        zFold[0] = VP_TOK_FOLD_NS;
        rc = xToken(pCtx, FTS5_TOKEN_COLOCATED, zFold, w->nFold + 1,
                    w->iStart, w->iEnd);
      }
      continue;
    }
    rc = emit_forms(b->zExact + w->iExact, w->nExact, b->zFold + w->iFold,
                    w->nFold, w->bAscii, w->bFoldAscii, mode, w->iStart,
                    w->iEnd, xToken, pCtx, pTok);
  }
  if (rc == 0 && iSkip > 0 && b->nWord > 0 &&
      iSkip > b->aWord[b->nWord - 1].iEnd) {
    *piNext = iSkip; /* the number runs past the batch */
  }
  return rc;
}

/* The tokenizer proper, for vp_tok_run and xTokenize alike: words are
** normalized a batch at a time. */
static int tokenize(const char *z, int n, int mode, vp_tok_fn xToken,
                    void *pCtx, vnplan_tokenizer *pTok) {
  vp_norm_batch b;
  int i = 0, rc = 0;
  if ((mode & MODE_QUERY) && n > 1 && z[0] == VP_TOK_NUMBER_MARK && n - 1 < 64) {
    char zTerm[64];
    for (int k = 1; k < n; k++) zTerm[k - 1] = (char)((z[k] >= 'A' && z[k] <= 'Z') ? z[k] + 32 : z[k]);
    return xToken(pCtx, 0, zTerm, n - 1, 1, n);
  }
  if ((mode & MODE_QUERY) && n > 0 && z[0] == VP_TOK_EXACT_MARK) {
    mode |= MODE_EXACT;
    i = 1;
  }
  while (i < n && rc == 0) {
    int iStop = vp_norm_batch_read(z, n, i, &b), iNext;
    if (b.nWord == 0) {
      if (iStop >= n)
        break;
      /* a word too big for a batch */
      if (z[iStop] >= '0' && z[iStop] <= '9' &&
          emit_docnum_at(z, n, iStop, mode, xToken, pCtx, &i, &rc)) {
        continue;
      }
      rc = emit_big_word(z, n, iStop, &i, mode, xToken, pCtx, pTok);
      continue;
    }
    rc = emit_batch(z, n, &b, mode, xToken, pCtx, pTok, &iNext);
    i = iNext >= 0 ? iNext : iStop;
  }
  return rc;
}

int vp_tok_run(const char *z, int n, int eMode, vp_tok_fn xToken, void *pCtx) {
  vp_norm_init();
  int mode = eMode == VP_TOK_QUERY ? MODE_QUERY
             : eMode == VP_TOK_INDEX ? MODE_INDEX
                                     : 0;
  return tokenize(z, n, mode, xToken, pCtx, NULL);
}

/* ---- FTS5 glue ---------------------------------------------------------- */

static int tok_create(void *pDb, const char **azArg, int nArg,
                      Fts5Tokenizer **ppOut) {
  (void)azArg;
  *ppOut = NULL;
  if (nArg != 0)
    return SQLITE_ERROR; /* vnplan takes no options */
  vnplan_tokenizer *p = sqlite3_malloc((int)sizeof(*p));
  if (p == NULL)
    return SQLITE_NOMEM;
  p->db = pDb;
  p->apStmt[0] = p->apStmt[1] = NULL;
  vp_norm_init();
  *ppOut = (Fts5Tokenizer *)p;
  return SQLITE_OK;
}

/* Called when the FTS5 table is disconnected, before the connection's
** statements are checked at close: ours are finalized here. */
static void tok_delete(Fts5Tokenizer *pTok) {
  vnplan_tokenizer *p = (vnplan_tokenizer *)pTok;
  sqlite3_finalize(p->apStmt[0]);
  sqlite3_finalize(p->apStmt[1]);
  sqlite3_free(p);
}

static int tok_tokenize(Fts5Tokenizer *pTok, void *pCtx, int flags,
                        const char *pText, int nText, vp_tok_fn xToken) {
  /* FTS5 (3.40.1 checked, see tests "cong*") applies a query term's prefix
  ** to every colocated token: "cong*" expands to the beginnings "công",
  ** "cộng"… of indexed words, each then matched as a prefix. */
  int mode = MODE_INDEX;
  if (flags & FTS5_TOKENIZE_QUERY)
    mode = MODE_QUERY | ((flags & FTS5_TOKENIZE_PREFIX) ? MODE_PREFIX : 0);
  return tokenize(pText, nText, mode, xToken, pCtx, (vnplan_tokenizer *)pTok);
}

static fts5_api *fts5_api_of(sqlite3 *db) {
  fts5_api *pApi = NULL;
  sqlite3_stmt *pStmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, NULL) ==
      SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pApi, "fts5_api_ptr", NULL);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pApi;
}

int vp_tok_register(sqlite3 *db, char **pzErr) {
  static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
  fts5_api *pApi = fts5_api_of(db);
  if (pApi == NULL) {
    *pzErr = vp_mprintf("FTS5 is not available: %s", sqlite3_errmsg(db));
    return VP_EDB;
  }
  vp_norm_init();
  int rc = pApi->xCreateTokenizer(pApi, VP_TOK_NAME, db, &tok, NULL);
  if (rc != SQLITE_OK) {
    *pzErr = vp_mprintf("cannot register tokenizer %s: %s", VP_TOK_NAME,
                        sqlite3_errstr(rc));
    return VP_EDB;
  }
  return VP_OK;
}
