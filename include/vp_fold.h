/*
** vp_fold.h — a folded view of a piece of text for rule-based extraction:
** lowercase, no diacritics, đ→d, typographic punctuation mapped to ASCII,
** whitespace runs collapsed, with a map from every folded byte back to its
** byte offset in the source. Extractors (citations, agencies, tasks, metadata)
** match plain ASCII patterns on the folded text and report source offsets.
** Not the tokenizer's normalization (that keeps tones: see vp_norm.h).
*/
#ifndef VP_FOLD_H
#define VP_FOLD_H

typedef struct vp_fold {
  char *z;   /* folded text, NUL-terminated:
             **  - Latin letters: lowercase ASCII, diacritics stripped, đ/Đ → d
             **  - NFD combining marks: dropped
             **  - “ ” « » → '"',  ‘ ’ → '\'',  – — → '-',  … → "..."
             **  - any run of whitespace (space, \t, \r, \n, NBSP) → one ' '
             **  - other ASCII kept as is (lowercased)
             **  - other code points: copied, lowercased; invalid UTF-8 → '?' */
  int n;     /* bytes in z */
  int *aOff; /* aOff[i] = source byte offset of the code point that produced
             ** z[i]; aOff[n] = nSrc (so a folded span [i,j) maps to the
             ** source span [aOff[i], aOff[j])) */
} vp_fold;

/* Build the folded view of zSrc[0..nSrc). Returns VP_OK or VP_ENOMEM; on
** failure *p is zeroed. Free with vp_fold_free(). Thread-safe. */
int vp_fold_init(vp_fold *p, const char *zSrc, int nSrc);
void vp_fold_free(vp_fold *p);

/* Folded copy of z[0..n) (n < 0: strlen), trimmed of leading and trailing
** spaces. Caller frees. NULL on OOM. */
char *vp_fold_str(const char *z, int n);

/* Folded copy for name keys: as vp_fold_str, then every character that is not
** an ASCII letter or digit removed ("Sở KH&CN" → "sokhcn", "Bà Rịa - Vũng Tàu"
** → "bariavungtau"). Caller frees. */
char *vp_fold_key(const char *z, int n);

/* NFC copy of z[0..n) with runs of whitespace collapsed to one space and
** trimmed: the form in which text is shown to people (snippets, task texts,
** names as written). Invalid UTF-8 is replaced by U+FFFD. Caller frees. */
char *vp_fold_display(const char *z, int n);

/* Word matching on a folded view (the extractors' common steps; i is a
** folded index). A word byte is an ASCII letter or digit or any byte of a
** non-ASCII character. */
int vp_fold_is_word_byte(unsigned char c);
/* The first index >= i that is not a space. */
int vp_fold_skip_ws(const vp_fold *f, int i);
/* If the folded words zWords stand at i with word boundaries on both sides,
** the index after them, else -1. */
int vp_fold_words_at(const vp_fold *f, int i, const char *zWords);
/* The first index >= i where zWords stand (as vp_fold_words_at), or -1. */
int vp_fold_find_words(const vp_fold *f, int i, const char *zWords);

/* Whether the source zSrc of folded [w, w + nLen) of pF is zPhrase, case
** and spacing aside but diacritics kept: "tại", not the "Tài" of "Bộ Tài
** chính"; "cùng cấp", not "cung cấp". */
int vp_fold_written_as(const vp_fold *pF, const char *zSrc, int w, int nLen, const char *zPhrase);

#endif /* VP_FOLD_H */
