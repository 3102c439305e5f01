/*
** vp_norm.h — Vietnamese word normalization for the tokenizer: NFC, case
** folding and one canonical tone-mark placement ("hoà"≡"hòa", "uỷ"≡"ủy",
** "thuỵ"≡"thụy") while tones are kept, plus the diacritic-free fold (đ→d).
** Built on a per-code-point table precomputed with utf8proc at start-up, so
** the hot path never calls utf8proc for Latin text.
** Not for extraction (see vp_fold.h), not for display.
*/
#ifndef VP_NORM_H
#define VP_NORM_H

/* Make the tables. Idempotent and thread-safe (pthread_once); every other
** function calls it, so calling it is only needed to move the cost. */
void vp_norm_init(void);

/* Decode one UTF-8 code point at z[0..n) (n >= 1). Returns the bytes used
** (1..4); an invalid or truncated sequence yields *pCp = 0xFFFD and 1. */
int vp_utf8_decode(const unsigned char *z, int n, int *pCp);

/* 1 if the code point is part of a word: a letter, a digit or a combining
** mark (so NFD words stay whole). */
int vp_norm_is_word_cp(int cp);

/* Normalize one word z[0..n) (a run of word code points, NFC or NFD, any case
** and tone placement) into:
**   zExact: NFC, case-folded, tone mark moved to its canonical vowel;
**   zFold:  the same without any diacritic, đ→d (pure ASCII for Latin text).
** Returns the length written to zExact (not NUL-terminated) and sets *pnFold;
** returns -1 if either output would exceed its capacity (callers skip or
** retry with a larger buffer). *pbAscii is set to 1 when zExact is pure ASCII
** (then zFold equals zExact). */
int vp_norm_word(const char *z, int n, char *zExact, int nExact, char *zFold,
                 int nFold, int *pnFold, int *pbAscii);

/* The tokenizer's one pass per word: normalize, as vp_norm_word does, the
** run of word code points that starts at z[i] (z[i] must start one) and set
** *piEnd to its end (exclusive). Same returns as vp_norm_word; on -1 *piEnd
** is still set, so the caller can retry z[i..*piEnd) with larger buffers. */
int vp_norm_next_word(const char *z, int n, int i, int *piEnd, char *zExact,
                      int nExact, char *zFold, int nFold, int *pnFold,
                      int *pbAscii);

/* The tokenizer's hot path: the words of a text normalized many at a time
** (one call per batch, not per word). */
#define VP_NORM_BATCH 64 /* words per batch */

typedef struct vp_norm_item {
  int iStart, iEnd;       /* the word's bytes in the text */
  int iExact, nExact;     /* exact form: zExact[iExact..iExact+nExact) */
  int iFold, nFold;       /* fold: zFold[iFold..iFold+nFold); zFold[iFold-1]
                          ** is free for the caller (a namespace byte) */
  unsigned char bAscii;   /* the exact form is pure ASCII (fold equals it) */
  unsigned char bFoldAscii; /* the fold is pure ASCII */
} vp_norm_item;

typedef struct vp_norm_batch {
  int nWord;
  vp_norm_item aWord[VP_NORM_BATCH];
  char zExact[4096];
  char zFold[2048];
} vp_norm_batch;

/* Read z[i..n) from i: skip separators and normalize each run of word code
** points (as vp_norm_next_word does) into p, until the end of the text or
** until p is full. Returns where reading stopped: n, or the start of the
** first word not in p (if p->nWord is then 0, that word's forms do not fit
** a batch: use vp_norm_next_word / vp_norm_word with larger buffers). */
int vp_norm_batch_read(const char *z, int n, int i, vp_norm_batch *p);

#endif /* VP_NORM_H */
