/*
** norm.c — Vietnamese word normalization for the tokenizer (vp_norm.h):
** case folding, NFC (NFD input composes the same), one canonical tone-mark
** placement per syllable ("hoà"≡"hòa", "uỷ"≡"ủy") and the diacritic-free
** fold (đ→d).
**
** Speed: every code point of U+0000–U+024F, U+0300–U+036F and U+1E00–U+1EFF
** has a precomputed entry (built once with utf8proc) saying what it is: a
** letter = ASCII base + quality mark + tone mark, an "opaque" word character
** with its folded spellings, a combining mark, or a separator. Three paths:
**  - norm_simple, the tokenizer's: a word of letters with precomposed forms
**    (and Vietnamese combining marks on them) in one pass, one packed table
**    entry per code point, the exact and folded bytes written as it reads;
**    vp_norm_batch_read runs it over a text a batch of words at a time;
**  - norm_fast: any word of table code points (opaque characters too);
**  - norm_slow: the rest (utf8proc NFC + case fold, then norm_fast on it).
** All three give the same forms for the words they share.
**
** Not for extraction (see fold.c), not for display.
*/
#include "vp_norm.h"

#include "vp_common.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- the per-code-point table ----------------------------------------- */

enum { K_SEP = 0, K_LETTER, K_OPAQUE, K_MARK };
enum { Q_NONE = 0, Q_CIRC, Q_BREVE, Q_HORN, Q_STROKE, N_QUAL };
enum { T_NONE = 0, T_GRAVE, T_ACUTE, T_HOOK, T_TILDE, T_DOT, N_TONE };

#define OPQ_MAX 9 /* bytes of an opaque character's folded spellings */

/* Kept to 4 bytes: the hot loops read only this. */
typedef struct cp_info {
  unsigned char kind; /* K_* */
  unsigned char base; /* K_LETTER: ASCII lowercase letter or digit */
  unsigned char qual; /* K_LETTER, K_MARK: Q_* */
  unsigned char tone; /* K_LETTER, K_MARK: T_* */
} cp_info;

/* The spellings of a K_OPAQUE code point (same index as its cp_info). */
typedef struct opq_info {
  unsigned char nExact, nFold;
  char zExact[OPQ_MAX]; /* case-folded NFC */
  char zFold[OPQ_MAX];  /* case-folded, marks stripped */
} opq_info;

/* The three ranges of the table, stored one after the other. */
#define R1_END 0x250
#define R2_LO 0x300
#define R2_END 0x370
#define R3_LO 0x1E00
#define R3_END 0x1F00
#define N_INFO (R1_END + (R2_END - R2_LO) + (R3_END - R3_LO))

static cp_info aInfo[N_INFO];
static opq_info aOpq[N_INFO];

/* UTF-8 of the lowercase precomposed letter base+qual+tone; n==0: none.
** Four bytes, n last, so the hot loop copies one word and advances by n;
** dimensions are powers of two so the index is shifts. */
typedef struct comp_u8 {
  char z[3];
  unsigned char n;
} comp_u8;
static comp_u8 aComp[128][8][8];
_Static_assert(N_QUAL <= 8 && N_TONE <= 8, "aComp dimensions");

/* The one-pass scanner's view of a code point (same index as aInfo), in
** two tables so each is one load: aScan packs kind | base << 8 | qual << 16
** | tone << 24, kind being K_LETTER when the letter has a lowercase
** precomposed form (its bytes in aScanU8), SK_COMBINE for a combining mark
** with a Vietnamese meaning, K_SEP for a separator, K_MARK for anything the
** scanner leaves to the general path (other marks, opaque characters); a
** K_LETTER's entry also holds SF_* flags. */
static unsigned aScan[N_INFO];
static comp_u8 aScanU8[N_INFO];
static unsigned aCompScan[128][8][8]; /* aScan entries of aComp's letters */
#define SK_COMBINE 4 /* aScan kind of a Vietnamese combining mark */
#define SCAN_BASE(e) ((unsigned char)((e) >> 8))
#define SCAN_QUAL(e) ((unsigned char)((e) >> 16))
#define SCAN_TONE(e) ((unsigned char)(((e) >> 24) & 7))

/* Flags of a K_LETTER's aScan entry (kind in the low bits). */
#define SF_VOWEL 0x10 /* base is a e i o u y */
#define SF_QUAL 0x20  /* circumflex, breve or horn */
#define SF_NONASCII 0x40 /* the exact form is not ASCII */
#define SF_KIND 0x0F
#define SIMPLE_MAX 48 /* letters; longer words take norm_fast */
#define SF_TONE (1u << 27) /* a tone mark (the tone itself: bits 24-26) */
/* Summed over a word's entries: the vowels count in bits 4-9 (SF_VOWEL is
** bit 4, a word has at most SIMPLE_MAX letters), the tones from bit 27. */
#define SF_COUNTED (SF_VOWEL | SF_TONE)

static pthread_once_t normOnce = PTHREAD_ONCE_INIT;
static int bTablesReady; /* read and written with __atomic builtins */

/* Table index of a code point, or -1 outside the three ranges. */
static inline int info_index(int cp) {
  if (cp < R1_END)
    return cp >= 0 ? cp : -1;
  if (cp >= R2_LO && cp < R2_END)
    return R1_END + cp - R2_LO;
  if (cp >= R3_LO && cp < R3_END)
    return R1_END + (R2_END - R2_LO) + cp - R3_LO;
  return -1;
}

/* What a combining mark means to Vietnamese: sets *pQual or *pTone. */
static int mark_meaning(int cp, int *pQual, int *pTone) {
  static const struct {
    int cp, qual, tone;
  } aMark[] = {
      {0x300, Q_NONE, T_GRAVE}, {0x301, Q_NONE, T_ACUTE},
      {0x309, Q_NONE, T_HOOK},  {0x303, Q_NONE, T_TILDE},
      {0x323, Q_NONE, T_DOT},   {0x340, Q_NONE, T_GRAVE},
      {0x341, Q_NONE, T_ACUTE}, {0x302, Q_CIRC, T_NONE},
      {0x306, Q_BREVE, T_NONE}, {0x31B, Q_HORN, T_NONE},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aMark); i++) {
    if (aMark[i].cp == cp) {
      *pQual = aMark[i].qual;
      *pTone = aMark[i].tone;
      return 1;
    }
  }
  return 0;
}

/* The base letters a quality mark may sit on in Vietnamese. */
static int qual_fits(int base, int qual) {
  switch (qual) {
  case Q_NONE: return 1;
  case Q_CIRC: return base == 'a' || base == 'e' || base == 'o';
  case Q_BREVE: return base == 'a';
  case Q_HORN: return base == 'o' || base == 'u';
  case Q_STROKE: return base == 'd';
  default: return 0;
  }
}

/* utf8proc_map of one code point into z (at most nMax bytes, NUL-free);
** returns the length, or -1 when it does not fit or utf8proc fails. */
static int map_one(int cp, int options, char *z, int nMax) {
  utf8proc_uint8_t aIn[4];
  utf8proc_ssize_t nIn = utf8proc_encode_char(cp, aIn);
  utf8proc_uint8_t *zOut = NULL;
  utf8proc_ssize_t nOut = utf8proc_map(aIn, nIn, &zOut, options);
  int rc = -1;
  if (nOut >= 0 && nOut <= nMax) {
    memcpy(z, zOut, (size_t)nOut);
    rc = (int)nOut;
  }
  free(zOut);
  return rc;
}

/* Try to read cp as an ASCII base plus Vietnamese marks; 1 on success. */
static int decompose_letter(int cp, cp_info *p) {
  utf8proc_int32_t aDec[8];
  int nDec = (int)utf8proc_decompose_char(
      cp, aDec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, NULL);
  if (nDec < 1 || nDec > 8)
    return 0;
  int base = aDec[0];
  if (!((base >= 'a' && base <= 'z') || (base >= '0' && base <= '9')))
    return 0;
  int qual = Q_NONE, tone = T_NONE;
  for (int i = 1; i < nDec; i++) {
    int q, t;
    if (!mark_meaning(aDec[i], &q, &t))
      return 0;
    if (q != Q_NONE) {
      if (qual != Q_NONE || !qual_fits(base, q))
        return 0;
      qual = q;
    }
    if (t != T_NONE) {
      if (tone != T_NONE)
        return 0;
      tone = t;
    }
  }
  p->kind = K_LETTER;
  p->base = (unsigned char)base;
  p->qual = (unsigned char)qual;
  p->tone = (unsigned char)tone;
  return 1;
}

static int is_word_category(int cp) {
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO: return 1;
  default: return 0;
  }
}

#define OPT_EXACT (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)
#define OPT_FOLD                                                               \
  (UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |                  \
   UTF8PROC_STRIPMARK)

static void fill_info(int cp, cp_info *p, opq_info *pOpq) {
  memset(p, 0, sizeof(*p));
  memset(pOpq, 0, sizeof(*pOpq));
  if (!utf8proc_codepoint_valid(cp) || !is_word_category(cp))
    return;
  if (cp == 0x110 || cp == 0x111) { /* đ has no decomposition */
    p->kind = K_LETTER;
    p->base = 'd';
    p->qual = Q_STROKE;
    return;
  }
  int cat = utf8proc_category(cp);
  if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
      cat == UTF8PROC_CATEGORY_ME) {
    int q = 0, t = 0;
    p->kind = K_MARK;
    if (mark_meaning(cp, &q, &t)) {
      p->qual = (unsigned char)q;
      p->tone = (unsigned char)t;
    }
    return;
  }
  if (decompose_letter(cp, p))
    return;
  int nExact = map_one(cp, OPT_EXACT, pOpq->zExact, OPQ_MAX);
  int nFold = map_one(cp, OPT_FOLD, pOpq->zFold, OPQ_MAX);
  if (nExact <= 0 || nFold < 0)
    return; /* left a separator: never seen */
  p->kind = K_OPAQUE;
  pOpq->nExact = (unsigned char)nExact;
  pOpq->nFold = (unsigned char)nFold;
}

static int info_cp(int i) {
  if (i < R1_END)
    return i;
  if (i < R1_END + (R2_END - R2_LO))
    return R2_LO + i - R1_END;
  return R3_LO + i - R1_END - (R2_END - R2_LO);
}

/* The packed aScan entry of the letter base+qual+tone, c its composition
** (c->n > 0). */
static unsigned pack_letter(int base, int qual, int tone, const comp_u8 *c) {
  unsigned e = K_LETTER | (unsigned)base << 8 | (unsigned)qual << 16 |
               (unsigned)tone << 24 | (tone != T_NONE ? SF_TONE : 0);
  unsigned k = (unsigned)base - 'a';
  _Static_assert(N_TONE <= 8 && SIMPLE_MAX < 64, "aScan packing");
  if (k < 26 && ((0x1104111u >> k) & 1))
    e |= SF_VOWEL;
  if (qual != Q_NONE && qual != Q_STROKE)
    e |= SF_QUAL;
  if ((unsigned char)c->z[0] >= 0x80)
    e |= SF_NONASCII;
  return e;
}

/* aScan's entry for a code point of aInfo; sets its aScanU8 bytes. */
static unsigned scan_entry(const cp_info *p, comp_u8 *pU8) {
  if (p->kind == K_SEP)
    return K_SEP;
  if (p->kind == K_MARK && (p->qual != Q_NONE || p->tone != T_NONE))
    return SK_COMBINE | (unsigned)p->qual << 16 | (unsigned)p->tone << 24;
  if (p->kind == K_LETTER) {
    *pU8 = aComp[p->base][p->qual][p->tone];
    if (pU8->n)
      return pack_letter(p->base, p->qual, p->tone, pU8);
  }
  return K_MARK; /* left to the general path */
}

static void build_tables(void) {
  for (int i = 0; i < N_INFO; i++)
    fill_info(info_cp(i), &aInfo[i], &aOpq[i]);
  /* Compositions from the lowercase letters only (uppercase ones fold to
  ** them). */
  for (int i = 0; i < N_INFO; i++) {
    const cp_info *p = &aInfo[i];
    int cp = info_cp(i);
    if (p->kind != K_LETTER || utf8proc_tolower(cp) != cp)
      continue;
    comp_u8 *c = &aComp[p->base][p->qual][p->tone];
    if (c->n)
      continue;
    utf8proc_uint8_t aBuf[4];
    c->n = (unsigned char)utf8proc_encode_char(cp, aBuf);
    memcpy(c->z, aBuf, c->n);
  }
  for (int i = 0; i < N_INFO; i++)
    aScan[i] = scan_entry(&aInfo[i], &aScanU8[i]);
  for (int b = 0; b < 128; b++) {
    for (int q = 0; q < 8; q++) {
      for (int t = 0; t < 8; t++) {
        if (aComp[b][q][t].n)
          aCompScan[b][q][t] = pack_letter(b, q, t, &aComp[b][q][t]);
      }
    }
  }
  __atomic_store_n(&bTablesReady, 1, __ATOMIC_RELEASE);
}

void vp_norm_init(void) {
  if (!__atomic_load_n(&bTablesReady, __ATOMIC_ACQUIRE)) {
    pthread_once(&normOnce, build_tables);
  }
}

/* ---- UTF-8 and word characters --------------------------------------- */

/* The decoder behind vp_utf8_decode, inlined in the hot loops. */
static inline int decode_cp(const unsigned char *z, int n, int *pCp) {
  int c = z[0];
  if (c < 0x80) {
    *pCp = c;
    return 1;
  }
  if ((c & 0xE0) == 0xC0 && n >= 2 && (z[1] & 0xC0) == 0x80 && c >= 0xC2) {
    *pCp = ((c & 0x1F) << 6) | (z[1] & 0x3F);
    return 2;
  }
  if ((c & 0xF0) == 0xE0 && n >= 3 && (z[1] & 0xC0) == 0x80 &&
      (z[2] & 0xC0) == 0x80) {
    int cp = ((c & 0x0F) << 12) | ((z[1] & 0x3F) << 6) | (z[2] & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      *pCp = cp;
      return 3;
    }
  } else if ((c & 0xF8) == 0xF0 && n >= 4 && (z[1] & 0xC0) == 0x80 &&
             (z[2] & 0xC0) == 0x80 && (z[3] & 0xC0) == 0x80) {
    int cp = ((c & 0x07) << 18) | ((z[1] & 0x3F) << 12) | ((z[2] & 0x3F) << 6) |
             (z[3] & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) {
      *pCp = cp;
      return 4;
    }
  }
  *pCp = 0xFFFD;
  return 1;
}

int vp_utf8_decode(const unsigned char *z, int n, int *pCp) {
  return decode_cp(z, n, pCp);
}

static inline int is_word_cp(int cp) {
  int i = info_index(cp);
  if (i >= 0)
    return aInfo[i].kind != K_SEP;
  return is_word_category(cp);
}

int vp_norm_is_word_cp(int cp) {
  vp_norm_init();
  return is_word_cp(cp);
}

static inline int is_ascii_word(unsigned c) {
  return (c | 32) - 'a' < 26 || c - '0' < 10;
}

/* End (exclusive) of the run of word code points from z[i]. */
static int scan_end(const unsigned char *z, int n, int i) {
  while (i < n) {
    if (z[i] < 0x80) {
      if (!is_ascii_word(z[i]))
        break;
      i++;
      continue;
    }
    int cp, len = decode_cp(z + i, n - i, &cp);
    if (!is_word_cp(cp))
      break;
    i += len;
  }
  return i;
}

/* ---- one word ----------------------------------------------------------- */

/* A letter of a word being normalized: base+qual+tone (K_LETTER), or an
** opaque character (base == 0) whose spellings are aOpq[i], i kept beside
** it in a parallel array. */
typedef cp_info letter;

#define SYL_MAX 12 /* longer letter runs are not Vietnamese syllables */
#define NORM_SLOW (-2)

typedef struct out {
  char *zExact;
  int nExact, mxExact;
  char *zFold;
  int nFold, mxFold;
  int bOverflow;
  unsigned char hiBits; /* OR of every exact byte */
} out;

static void out_put(char *z, int *pn, int mx, const char *zSrc, int nSrc,
                    int *pbOverflow) {
  if (*pn + nSrc > mx) {
    *pbOverflow = 1;
    return;
  }
  memcpy(z + *pn, zSrc, (size_t)nSrc);
  *pn += nSrc;
}

/* Append one letter to both outputs, checking room (near the end of the
** buffers); NORM_SLOW if it has no precomposed form (a mark on a letter that
** NFC would leave uncombined). */
static int emit_letter(out *o, const letter *l, int iOpq) {
  if (l->base == 0) {
    const opq_info *p = &aOpq[iOpq];
    for (int i = 0; i < p->nExact; i++)
      o->hiBits |= (unsigned char)p->zExact[i];
    out_put(o->zExact, &o->nExact, o->mxExact, p->zExact, p->nExact,
            &o->bOverflow);
    out_put(o->zFold, &o->nFold, o->mxFold, p->zFold, p->nFold, &o->bOverflow);
    return 0;
  }
  const comp_u8 *c = &aComp[l->base][l->qual][l->tone];
  if (c->n == 0)
    return NORM_SLOW;
  char cBase = (char)l->base;
  out_put(o->zExact, &o->nExact, o->mxExact, c->z, c->n, &o->bOverflow);
  out_put(o->zFold, &o->nFold, o->mxFold, &cBase, 1, &o->bOverflow);
  o->hiBits |= (unsigned char)c->z[0];
  return 0;
}

static inline int is_vowel(int c) {
  /* bit (c - 'a') set for a e i o u y */
  unsigned k = (unsigned)c - 'a';
  return k < 26 && ((0x1104111u >> k) & 1);
}

/* The vowel cluster a[*piFirst..*piLast] of a one-syllable Vietnamese word,
** "qu" and "gi" before a vowel counting as consonants (*piVowel is then the
** index of their u or i, where a misplaced tone may sit; else *piFirst).
** Returns 0 when a[] is not one syllable. */
static int vowel_cluster(const letter *a, int n, int *piVowel, int *piFirst,
                         int *piLast) {
  int i = 0;
  for (int k = 0; k < n; k++) {
    if (a[k].base < 'a' || a[k].base > 'z')
      return 0; /* opaque or digit */
  }
  while (i < n && !is_vowel(a[i].base))
    i++;
  *piVowel = i;
  if (i == 1 && i + 1 < n && is_vowel(a[i + 1].base) &&
      ((a[0].base == 'q' && a[1].base == 'u') ||
       (a[0].base == 'g' && a[1].base == 'i' && a[1].qual == Q_NONE))) {
    i++;
  }
  if (i >= n)
    return 0;
  int j = i;
  while (j + 1 < n && is_vowel(a[j + 1].base))
    j++;
  for (int k = j + 1; k < n; k++) {
    if (is_vowel(a[k].base))
      return 0; /* a second vowel cluster */
  }
  *piFirst = i;
  *piLast = j;
  return 1;
}

/* Which vowel of the cluster a[i..j] carries the tone: the quality-marked
** vowel (the ơ of ươ), else the only vowel, else the last one when a final
** consonant follows, else the middle of three (or more), else the second of
** oa/oe/uy and the first of other pairs (ai ao ia iu oi ua ui ưa...). The
** tone is stripped first, so any spelling of one syllable gives one output. */
static int tone_target(const letter *a, int n, int i, int j) {
  for (int k = j; k >= i; k--) {
    if (a[k].qual != Q_NONE)
      return k;
  }
  if (i == j)
    return i;
  if (j + 1 < n)
    return j;
  if (j - i >= 2)
    return i + 1;
  int c0 = a[i].base, c1 = a[j].base;
  if ((c0 == 'o' && (c1 == 'a' || c1 == 'e')) || (c0 == 'u' && c1 == 'y'))
    return j;
  return i;
}

/* Move the one tone mark of a Vietnamese syllable, on a[iTone], to its
** canonical vowel; anything else is left as typed. Returns 1 if it moved. */
static int place_tone(letter *a, int n, int iTone) {
  int iVowel, i, j;
  /* Shortcut for the common case: a toned â ă ê ô ơ ư with no quality vowel
  ** after it is where the rule puts the tone (or the word is left as is). */
  if (a[iTone].qual != Q_NONE && a[iTone].qual != Q_STROKE) {
    int k = iTone + 1;
    while (k < n && (a[k].qual == Q_NONE || a[k].qual == Q_STROKE))
      k++;
    if (k == n)
      return 0;
  }
  if (!vowel_cluster(a, n, &iVowel, &i, &j))
    return 0;
  if (iTone < iVowel || iTone > j)
    return 0; /* tone on a consonant */
  int t = tone_target(a, n, i, j);
  if (t == iTone)
    return 0;
  a[t].tone = a[iTone].tone;
  a[iTone].tone = T_NONE;
  return 1;
}

/* Add a combining mark to the letter being read; NORM_SLOW if the mark is
** not one the fast path knows how to combine. */
static int attach_mark(letter *l, const cp_info *p) {
  if (l == NULL || l->base == 0 || (p->qual == Q_NONE && p->tone == T_NONE)) {
    return NORM_SLOW;
  }
  if (p->qual != Q_NONE) {
    if (l->qual != Q_NONE || !qual_fits(l->base, p->qual))
      return NORM_SLOW;
    l->qual = p->qual;
  }
  if (p->tone != T_NONE) {
    if (l->tone != T_NONE)
      return NORM_SLOW;
    l->tone = p->tone;
  }
  return 0;
}

/* Emit a[0..n) when the outputs have room for the widest letters: plain
** stores, no bound checks. */
static int emit_letters_unchecked(out *o, const letter *a,
                                  const unsigned short *aiOpq, int n) {
  char *zE = o->zExact + o->nExact, *zF = o->zFold + o->nFold;
  unsigned char hi = 0;
  for (int k = 0; k < n; k++) {
    const letter *l = &a[k];
    if (l->kind == K_LETTER) {
      const comp_u8 *c = &aComp[l->base][l->qual][l->tone];
      if (c->n == 0)
        return NORM_SLOW;
      memcpy(zE, c, sizeof(*c)); /* 4th byte: scratch, room checked */
      zE += c->n;
      hi |= (unsigned char)c->z[0];
      *zF++ = (char)l->base;
    } else {
      const opq_info *p = &aOpq[aiOpq[k]];
      memcpy(zE, p->zExact, OPQ_MAX);
      memcpy(zF, p->zFold, OPQ_MAX);
      zE += p->nExact;
      zF += p->nFold;
      for (int i = 0; i < p->nExact; i++)
        hi |= (unsigned char)p->zExact[i];
    }
  }
  o->nExact = (int)(zE - o->zExact);
  o->nFold = (int)(zF - o->zFold);
  o->hiBits |= hi;
  return 0;
}

/* Emit a[0..n): unchecked when there is room for OPQ_MAX bytes a letter,
** else letter by letter with checks (near the end of the buffers). */
static int emit_letters(out *o, const letter *a, const unsigned short *aiOpq,
                        int n) {
  if (o->mxExact - o->nExact >= OPQ_MAX * n + OPQ_MAX &&
      o->mxFold - o->nFold >= OPQ_MAX * n + OPQ_MAX) {
    return emit_letters_unchecked(o, a, aiOpq, n);
  }
  for (int k = 0; k < n; k++) {
    if (emit_letter(o, &a[k], aiOpq[k]))
      return NORM_SLOW;
  }
  return 0;
}

/* The fast path: normalize the word that starts at z[i], ending at the
** first separator, and set *piEnd to its end. Returns 0, or NORM_SLOW when
** utf8proc is needed (a code point outside the table, a mark that does not
** combine the Vietnamese way). Overflow is reported in o. Letters are read
** into a[] (marks attach to the last one), the tone is placed, then a[] is
** written out; a run longer than a syllable is written out as it goes. */
static int norm_fast(const unsigned char *z, int n, int i, int *piEnd, out *o) {
  letter a[SYL_MAX + 1];
  unsigned short aiOpq[SYL_MAX + 1];
  int nLetter = 0, bLong = 0, nTone = 0, rc = 0;
  while (i < n) {
    int k, len = 1;
    if (z[i] < 0x80) {
      k = z[i];
    } else {
      int cp;
      len = decode_cp(z + i, n - i, &cp);
      k = info_index(cp);
      if (k < 0) {
        if (is_word_category(cp))
          rc = NORM_SLOW;
        break;
      }
    }
    cp_info inf = aInfo[k];
    if (inf.kind == K_SEP)
      break;
    i += len;
    nTone += inf.tone != T_NONE;
    if (inf.kind == K_MARK) {
      rc = attach_mark(nLetter ? &a[nLetter - 1] : NULL, &inf);
      if (rc)
        break;
      continue;
    }
    if (nLetter == SYL_MAX + 1) { /* too long for a syllable: stream */
      rc = emit_letters(o, a, aiOpq, SYL_MAX);
      if (rc)
        break;
      a[0] = a[SYL_MAX];
      aiOpq[0] = aiOpq[SYL_MAX];
      nLetter = 1;
      bLong = 1;
    }
    aiOpq[nLetter] = (unsigned short)k;
    a[nLetter++] = inf;
  }
  if (rc) {
    *piEnd = scan_end(z, n, i);
    return rc;
  }
  *piEnd = i;
  if (nTone == 1 && !bLong) { /* two tones: not one syllable, left as typed */
    int iTone = nLetter - 1;
    while (a[iTone].tone == T_NONE)
      iTone--;
    place_tone(a, nLetter, iTone);
  }
  return emit_letters(o, a, aiOpq, nLetter);
}

/* ---- the common case, in one pass -------------------------------------- */

/* Re-emit a[0..n) (K_LETTER only) from the start of the outputs, after the
** tone moved; NORM_SLOW if a letter has no precomposed form. */
static int simple_reemit(out *o, const letter *a, int n) {
  char *zE = o->zExact, *zF = o->zFold;
  unsigned char hi = 0;
  for (int k = 0; k < n; k++) {
    const comp_u8 *c = &aComp[a[k].base][a[k].qual][a[k].tone];
    if (c->n == 0)
      return NORM_SLOW;
    memcpy(zE, c, sizeof(*c));
    zE += c->n;
    hi |= (unsigned char)c->z[0];
    *zF++ = (char)a[k].base;
  }
  o->nExact = (int)(zE - o->zExact);
  o->nFold = (int)(zF - o->zFold);
  o->hiBits = hi;
  return 0;
}

/* Put the combining mark of aScan entry eMark on the letter *pLast (the
** last one written at *pzE) as attach_mark does, rewriting its bytes and
** the sums; NORM_SLOW when attach_mark would refuse or the result has no
** precomposed form. */
static inline int simple_combine(unsigned *pLast, unsigned eMark, char **pzE,
                                 unsigned *pfAll,
                                 unsigned long long *pnCount) {
  unsigned eOld = *pLast;
  int base = SCAN_BASE(eOld), qual = SCAN_QUAL(eOld), tone = SCAN_TONE(eOld);
  if (SCAN_QUAL(eMark) != Q_NONE) {
    if (qual != Q_NONE || !qual_fits(base, SCAN_QUAL(eMark)))
      return NORM_SLOW;
    qual = SCAN_QUAL(eMark);
  }
  if (SCAN_TONE(eMark) != T_NONE) {
    if (tone != T_NONE)
      return NORM_SLOW;
    tone = SCAN_TONE(eMark);
  }
  const comp_u8 *c = &aComp[base][qual][tone];
  if (c->n == 0)
    return NORM_SLOW;
  unsigned eNew = aCompScan[base][qual][tone];
  char *zE = *pzE - aComp[base][SCAN_QUAL(eOld)][SCAN_TONE(eOld)].n;
  memcpy(zE, c, sizeof(*c)); /* 4th byte: scratch, room checked */
  *pzE = zE + c->n;
  *pfAll |= eNew;
  *pnCount += eNew & SF_COUNTED;
  *pnCount -= eOld & SF_COUNTED;
  *pLast = eNew;
  return 0;
}

/* place_tone on a word of norm_simple (aw[0..n): aScan entries, one tone,
** several vowels), rewriting the outputs when the tone moves. A tone on the
** last â ă ê ô ơ ư stays where it is: such words skip place_tone. */
static int simple_place_tone(out *o, const unsigned *aw, int n) {
  int iTone = n - 1, iLastQual = n - 1;
  while (!(aw[iTone] & SF_TONE))
    iTone--;
  while (iLastQual >= 0 && !(aw[iLastQual] & SF_QUAL))
    iLastQual--;
  if (iLastQual == iTone)
    return 0;
  letter a[SYL_MAX + 1];
  for (int j = 0; j < n; j++) {
    a[j].kind = K_LETTER;
    a[j].base = SCAN_BASE(aw[j]);
    a[j].qual = SCAN_QUAL(aw[j]);
    a[j].tone = SCAN_TONE(aw[j]);
  }
  if (place_tone(a, n, iTone))
    return simple_reemit(o, a, n);
  return 0;
}

/* The word from z[i] when it is made of letters with a precomposed form
** (ASCII or not), Vietnamese combining marks on them, and is at most
** SIMPLE_MAX letters: each letter is written out as it is read, one table
** lookup per code point (a mark rewrites the letter before it), and the tone
** is placed at the end (rewriting the word only when it moves). Same output
** as norm_fast; NORM_SLOW for any other word (opaque characters, marks that
** do not combine; the caller starts over). The outputs must be empty. */
static inline int norm_simple(const unsigned char *z, int n, int i,
                              int *piEnd, out *o) {
  unsigned aw[SIMPLE_MAX]; /* the letters' aScan entries */
  char *zE = o->zExact, *zF = o->zFold;
  const unsigned char *p = z + i, *pEnd = z + n;
  unsigned fAll = 0;             /* OR of the entries */
  unsigned long long nCount = 0; /* sum of their SF_COUNTED bits */
  int nLetter = 0;
  if (o->mxExact < 3 * SIMPLE_MAX + 1 || o->mxFold < SIMPLE_MAX)
    return NORM_SLOW;
  while (p < pEnd) {
    const unsigned char *pNext;
    int k;
    if (*p < 0x80) {
      k = *p;
      pNext = p + 1;
    } else if (*p == 0xE1 && pEnd - p > 2 && (p[1] & 0xFC) == 0xB8 &&
               (p[2] & 0xC0) == 0x80) { /* U+1E00-U+1EFF */
      k = R1_END + (R2_END - R2_LO) + ((p[1] & 3) << 6) + (p[2] & 0x3F);
      pNext = p + 3;
    } else {
      int cp;
      pNext = p + decode_cp(p, (int)(pEnd - p), &cp);
      k = info_index(cp);
      if (k < 0) {
        if (is_word_category(cp))
          return NORM_SLOW;
        break;
      }
    }
    unsigned e = aScan[k];
    if ((e & SF_KIND) != K_LETTER) {
      if ((e & SF_KIND) == K_SEP)
        break;
      if ((e & SF_KIND) != SK_COMBINE || nLetter == 0 ||
          simple_combine(&aw[nLetter - 1], e, &zE, &fAll, &nCount)) {
        return NORM_SLOW;
      }
      p = pNext;
      continue;
    }
    if (nLetter == SIMPLE_MAX)
      return NORM_SLOW;
    memcpy(zE, &aScanU8[k], sizeof(comp_u8)); /* 4th byte: scratch */
    zE += aScanU8[k].n;
    *zF++ = (char)SCAN_BASE(e);
    fAll |= e;
    nCount += e & SF_COUNTED;
    aw[nLetter++] = e;
    p = pNext;
  }
  *piEnd = (int)(p - z);
  o->nExact = (int)(zE - o->zExact);
  o->nFold = (int)(zF - o->zFold);
  o->hiBits = (fAll & SF_NONASCII) ? 0x80 : 0;
  if (nCount >> 27 == 1 && nLetter <= SYL_MAX + 1 &&
      ((nCount / SF_VOWEL) & 63) > 1)
    return simple_place_tone(o, aw, nLetter);
  return 0;
}

static void out_reset(out *o) {
  o->nExact = o->nFold = 0;
  o->bOverflow = 0;
  o->hiBits = 0;
}

/* The slow path: NFC + case fold with utf8proc, then the fast path on the
** result; if that still fails, the NFC text as it is and a utf8proc fold. */
static int norm_slow(const char *z, int n, out *o) {
  utf8proc_uint8_t *zNfc = NULL, *zFold = NULL;
  utf8proc_ssize_t nNfc =
      utf8proc_map((const utf8proc_uint8_t *)z, n, &zNfc, OPT_EXACT);
  if (nNfc < 0) { /* invalid UTF-8 cannot reach here (0xFFFD separates) */
    free(zNfc);
    return -1;
  }
  out_reset(o);
  int iEnd;
  if (norm_fast(zNfc, (int)nNfc, 0, &iEnd, o) == 0 && iEnd == (int)nNfc) {
    free(zNfc);
    return 0;
  }
  out_reset(o);
  utf8proc_ssize_t nFold = utf8proc_map(zNfc, nNfc, &zFold, OPT_FOLD);
  if (nFold < 0)
    nFold = 0;
  out_put(o->zExact, &o->nExact, o->mxExact, (const char *)zNfc, (int)nNfc,
          &o->bOverflow);
  for (utf8proc_ssize_t i = 0; i < nNfc; i++)
    o->hiBits |= zNfc[i];
  for (utf8proc_ssize_t i = 0; i < nFold; i++) { /* đ → d */
    if (zFold[i] == 0xC4 && i + 1 < nFold && zFold[i + 1] == 0x91) {
      out_put(o->zFold, &o->nFold, o->mxFold, "d", 1, &o->bOverflow);
      i++;
    } else {
      out_put(o->zFold, &o->nFold, o->mxFold, (const char *)&zFold[i], 1,
              &o->bOverflow);
    }
  }
  free(zNfc);
  free(zFold);
  return 0;
}

/* Normalize the word from z[i] into o, setting *piEnd: fast path, else slow
** path. Returns 0 or -1 (utf8proc failed). */
static int norm_word_at(const char *z, int n, int i, int *piEnd, out *o) {
  const unsigned char *u = (const unsigned char *)z;
  vp_norm_init();
  if (norm_fast(u, n, i, piEnd, o) == 0)
    return 0;
  return norm_slow(z + i, *piEnd - i, o);
}

static int norm_result(const out *o, int rc, int *pnFold, int *pbAscii) {
  if (rc != 0 || o->bOverflow)
    return -1;
  *pnFold = o->nFold;
  *pbAscii = o->hiBits < 0x80;
  return o->nExact;
}

int vp_norm_next_word(const char *z, int n, int i, int *piEnd, char *zExact,
                      int nExact, char *zFold, int nFold, int *pnFold,
                      int *pbAscii) {
  out o = {zExact, 0, nExact, zFold, 0, nFold, 0, 0};
  int rc = norm_word_at(z, n, i, piEnd, &o);
  return norm_result(&o, rc, pnFold, pbAscii);
}

int vp_norm_word(const char *z, int n, char *zExact, int nExact, char *zFold,
                 int nFold, int *pnFold, int *pbAscii) {
  out o = {zExact, 0, nExact, zFold, 0, nFold, 0, 0};
  int iEnd = 0;
  int rc = norm_word_at(z, n, 0, &iEnd, &o);
  if (rc == 0 && iEnd != n) { /* not one run of word code points */
    out_reset(&o);
    rc = norm_slow(z, n, &o);
  }
  return norm_result(&o, rc, pnFold, pbAscii);
}

/* 1 when z[0..n) is pure ASCII. */
static int all_ascii(const char *z, int n) {
  unsigned char acc = 0;
  for (int i = 0; i < n; i++)
    acc |= (unsigned char)z[i];
  return acc < 0x80;
}

/* Normalize the word at z[i] into the batch's free space; 1 if it went in
** (*piEnd set), 0 if it does not fit there (nothing added). */
static inline int batch_add(const unsigned char *z, int n, int i, int *piEnd,
                            vp_norm_batch *p, int iExact, int iFold) {
  vp_norm_item *w = &p->aWord[p->nWord];
  out o = {p->zExact + iExact, 0,      (int)sizeof(p->zExact) - iExact,
           p->zFold + iFold,   0,      (int)sizeof(p->zFold) - iFold,
           0,                  0};
  int bFoldAscii = 1; /* the simple path folds to ASCII bases */
  if (norm_simple(z, n, i, piEnd, &o) != 0) {
    out_reset(&o);
    int rc = norm_fast(z, n, i, piEnd, &o);
    if (rc != 0)
      rc = norm_slow((const char *)z + i, *piEnd - i, &o);
    if (rc != 0 || o.bOverflow)
      return 0;
    bFoldAscii = all_ascii(o.zFold, o.nFold);
  }
  w->iStart = i;
  w->iEnd = *piEnd;
  w->iExact = iExact;
  w->nExact = o.nExact;
  w->iFold = iFold;
  w->nFold = o.nFold;
  w->bAscii = o.hiBits < 0x80;
  w->bFoldAscii = (unsigned char)bFoldAscii;
  return 1;
}

/* Room a batch keeps free for the simple path's widest word. */
#define BATCH_EXACT_ROOM (3 * SIMPLE_MAX + 1)
#define BATCH_FOLD_ROOM (SIMPLE_MAX + 1)

int vp_norm_batch_read(const char *z, int n, int i, vp_norm_batch *p) {
  const unsigned char *u = (const unsigned char *)z;
  int iExact = 0, iFold = 1; /* zFold[iFold - 1] stays free */
  vp_norm_init();
  p->nWord = 0;
  while (i < n) {
    if (u[i] < 0x80 && !is_ascii_word(u[i])) {
      i++;
      continue;
    }
    if (u[i] >= 0x80) {
      int cp, len = decode_cp(u + i, n - i, &cp);
      if (!is_word_cp(cp)) {
        i += len;
        continue;
      }
    }
    if (p->nWord == VP_NORM_BATCH ||
        (p->nWord > 0 &&
         ((int)sizeof(p->zExact) - iExact < BATCH_EXACT_ROOM ||
          (int)sizeof(p->zFold) - iFold < BATCH_FOLD_ROOM))) {
      return i; /* full */
    }
    int iEnd;
    if (!batch_add(u, n, i, &iEnd, p, iExact, iFold))
      return i; /* does not fit what is left */
    const vp_norm_item *w = &p->aWord[p->nWord++];
    iExact += w->nExact;
    iFold += w->nFold + 1;
    i = iEnd;
  }
  return n;
}
