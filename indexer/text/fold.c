/*
** fold.c — the folded view of text used by the extractors (see vp_fold.h):
** lowercase ASCII without diacritics, whitespace collapsed, with an offset map
** back to the source. A table for U+0000..U+024F and U+1E00..U+1EFF, built
** once with utf8proc, keeps utf8proc off the per-character path.
*/
#include "vp_fold.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"

/* folded bytes for a code point: up to 3 ASCII bytes, or 0 = drop, or
** 0xFF = copy the code point lowercased */
typedef struct fold_entry {
  unsigned char n;
  char z[3];
} fold_entry;

#define LATIN_END 0x250
#define EXT_START 0x1E00
#define EXT_END 0x1F00
static fold_entry aLatin[LATIN_END];
static fold_entry aExt[EXT_END - EXT_START];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_one(int cp, fold_entry *e) {
  memset(e, 0, sizeof(*e));
  /* Đ đ: utf8proc does not strip; Ð ð (eth) stand for them in Vietnamese
  ** text typed with the wrong letter and in OCR output */
  if (cp == 0x0110 || cp == 0x0111 || cp == 0x00D0 || cp == 0x00F0) {
    e->n = 1;
    e->z[0] = 'd';
    return;
  }
  if (cp >= 0x300 && cp < 0x370) return; /* combining marks: dropped */
  utf8proc_int32_t buf[8];
  int opt = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD;
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8, opt, NULL);
  int k = 0;
  for (utf8proc_ssize_t i = 0; i < n && n > 0; i++) {
    if (buf[i] < 0x80 && k < 3) {
      e->z[k++] = (char)buf[i];
    } else if (buf[i] >= 0x80) {
      e->n = 0xFF;
      return;
    }
  }
  e->n = (unsigned char)k;
  if (k == 0) e->n = 0xFF; /* nothing ASCII: keep the character */
}

/* Code points that cannot change under NFC, whatever surrounds them:
** combining class 0, their own NFC form, and in blocks that hold no second
** half of a canonical composition (those are combining marks, Hangul jamo and
** a few Indic vowel signs). A text made only of these is already NFC, so
** vp_fold_display can skip utf8proc_map (the common case: precomposed
** Vietnamese). Covers U+0000..U+02FF and U+1E00..U+20FF. */
#define NFC_LOW_END 0x300
static unsigned char aNfcInert[NFC_LOW_END];
static unsigned char aNfcInertExt[EXT_END - EXT_START + 0x200];

static int nfc_stable_one(int cp) {
  if (utf8proc_get_property(cp)->combining_class != 0) return 0;
  utf8proc_uint8_t z[8], *zN = NULL;
  utf8proc_ssize_t n = utf8proc_encode_char(cp, z);
  z[n] = 0;
  utf8proc_ssize_t r = utf8proc_map(z, 0, &zN, UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  int bSame = r == n && memcmp(zN, z, (size_t)n) == 0;
  free(zN);
  return bSame;
}

static void fold_build(void) {
  for (int cp = 0; cp < LATIN_END; cp++) fold_one(cp, &aLatin[cp]);
  for (int cp = EXT_START; cp < EXT_END; cp++) fold_one(cp, &aExt[cp - EXT_START]);
  /* ASCII: lowercase, keep punctuation */
  for (int cp = 0; cp < 0x80; cp++) {
    aLatin[cp].n = 1;
    aLatin[cp].z[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
  }
  for (int cp = 1; cp < NFC_LOW_END; cp++) aNfcInert[cp] = (unsigned char)nfc_stable_one(cp);
  for (int k = 0; k < (int)sizeof(aNfcInertExt); k++) {
    aNfcInertExt[k] = (unsigned char)nfc_stable_one(EXT_START + k);
  }
}

static int is_nfc_inert(int cp) {
  if (cp < NFC_LOW_END) return aNfcInert[cp];
  int k = cp - EXT_START;
  return k >= 0 && k < (int)sizeof(aNfcInertExt) && aNfcInertExt[k];
}

static int is_space_cp(int cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x2007 || cp == 0x202F ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0xFEFF;
}

/* typographic punctuation → ASCII; returns the replacement or NULL */
static const char *punct_ascii(int cp) {
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB: return "\"";
    case 0x2018: case 0x2019: case 0x201A: return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: return "-";
    case 0x2026: return "...";
    default: return NULL;
  }
}

static int utf8_decode(const unsigned char *z, int n, int *pCp) {
  int c = z[0];
  if (c < 0x80) { *pCp = c; return 1; }
  int nb = (c >= 0xF0 && c < 0xF5) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC2 && c < 0xE0) ? 2 : 0;
  if (nb == 0 || nb > n || c >= 0xF5) { *pCp = -1; return 1; }
  int cp = c & (0x7F >> nb);
  for (int i = 1; i < nb; i++) {
    if ((z[i] & 0xC0) != 0x80) { *pCp = -1; return 1; }
    cp = (cp << 6) | (z[i] & 0x3F);
  }
  if ((nb == 3 && cp < 0x800) || (nb == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) { *pCp = -1; return 1; }
  *pCp = cp;
  return nb;
}

int vp_fold_init(vp_fold *p, const char *zSrc, int nSrc) {
  pthread_once(&fold_once, fold_build);
  memset(p, 0, sizeof(*p));
  /* A code point never folds to more bytes than 3/2 of its UTF-8 length:
  ** ASCII stays 1 byte, "…" is 3 for 3, a lowercased copy grows at most
  ** from 2 to 3 bytes (U+023A → U+2C65). */
  size_t nAlloc = (size_t)nSrc + (size_t)nSrc / 2 + 4;
  p->z = malloc(nAlloc);
  p->aOff = malloc((nAlloc + 1) * sizeof(int));
  if (p->z == NULL || p->aOff == NULL) {
    vp_fold_free(p);
    return VP_ENOMEM;
  }
  const unsigned char *z = (const unsigned char *)zSrc;
  int n = 0, i = 0, bSpace = 0;
  while (i < nSrc) {
    if (z[i] > ' ' && z[i] < 0x80) { /* plain ASCII, the common case */
      p->aOff[n] = i;
      p->z[n++] = aLatin[z[i++]].z[0];
      bSpace = 0;
      continue;
    }
    int cp;
    int nb = utf8_decode(z + i, nSrc - i, &cp);
    if (cp >= 0 && is_space_cp(cp)) {
      if (!bSpace) {
        p->aOff[n] = i;
        p->z[n++] = ' ';
        bSpace = 1;
      }
      i += nb;
      continue;
    }
    bSpace = 0;
    const char *zRep = NULL;
    char aTmp[4];
    int nRep = 0;
    if (cp < 0) {
      zRep = "?";
      nRep = 1;
    } else if ((zRep = punct_ascii(cp)) != NULL) {
      nRep = (int)strlen(zRep);
    } else {
      const fold_entry *e = NULL;
      if (cp < LATIN_END) e = &aLatin[cp];
      else if (cp >= EXT_START && cp < EXT_END) e = &aExt[cp - EXT_START];
      if (e && e->n != 0xFF) {
        zRep = e->z;
        nRep = e->n;
      } else {
        int lower = cp;
        if (e == NULL) {
          const utf8proc_property_t *prop = utf8proc_get_property(cp);
          if (prop->category == UTF8PROC_CATEGORY_MN) { i += nb; continue; }
          lower = utf8proc_tolower(cp);
        } else {
          lower = utf8proc_tolower(cp);
        }
        nRep = (int)utf8proc_encode_char(lower, (utf8proc_uint8_t *)aTmp);
        zRep = aTmp;
      }
    }
    for (int k = 0; k < nRep; k++) {
      p->aOff[n] = i;
      p->z[n++] = zRep[k];
    }
    i += nb;
  }
  p->z[n] = 0;
  p->aOff[n] = nSrc;
  p->n = n;
  return VP_OK;
}

void vp_fold_free(vp_fold *p) {
  free(p->z);
  free(p->aOff);
  memset(p, 0, sizeof(*p));
}

char *vp_fold_str(const char *z, int n) {
  if (n < 0) n = (int)strlen(z);
  vp_fold f;
  if (vp_fold_init(&f, z, n) != VP_OK) return NULL;
  int iS = 0, iE = f.n;
  while (iS < iE && f.z[iS] == ' ') iS++;
  while (iE > iS && f.z[iE - 1] == ' ') iE--;
  char *zOut = vp_strndup(f.z + iS, iE - iS);
  vp_fold_free(&f);
  return zOut;
}

char *vp_fold_key(const char *z, int n) {
  char *zF = vp_fold_str(z, n);
  if (zF == NULL) return NULL;
  int j = 0;
  for (int i = 0; zF[i]; i++) {
    char c = zF[i];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) zF[j++] = c;
  }
  zF[j] = 0;
  return zF;
}

char *vp_fold_display(const char *z, int n) {
  pthread_once(&fold_once, fold_build);
  if (n < 0) n = (int)strlen(z);
  /* collapse whitespace and replace invalid bytes (1 byte → 3 at most), then
  ** NFC unless every code point is NFC-inert */
  char *zC = malloc((size_t)n * 3 + 1);
  if (zC == NULL) return NULL;
  int o = 0, bSpace = 1, bInert = 1;
  const unsigned char *u = (const unsigned char *)z;
  for (int i = 0; i < n;) {
    if (u[i] > ' ' && u[i] < 0x80) { /* plain ASCII, the common case */
      zC[o++] = (char)u[i++];
      bSpace = 0;
      continue;
    }
    int cp;
    int nb = utf8_decode(u + i, n - i, &cp);
    if (cp >= 0 && is_space_cp(cp)) {
      if (!bSpace) zC[o++] = ' ';
      bSpace = 1;
    } else if (cp < 0 || cp == 0) {
      memcpy(zC + o, "\xEF\xBF\xBD", 3);
      o += 3;
      bSpace = 0;
    } else {
      memcpy(zC + o, z + i, (size_t)nb);
      o += nb;
      bSpace = 0;
      bInert = bInert && is_nfc_inert(cp);
    }
    i += nb;
  }
  while (o > 0 && zC[o - 1] == ' ') o--;
  zC[o] = 0;
  if (bInert) return zC;
  utf8proc_uint8_t *zN = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)zC, 0, &zN,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  if (r < 0) return zC;
  free(zC);
  return (char *)zN;
}

int vp_fold_is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

int vp_fold_skip_ws(const vp_fold *f, int i) {
  while (i < f->n && f->z[i] == ' ') i++;
  return i;
}

int vp_fold_words_at(const vp_fold *f, int i, const char *zWords) {
  /* most calls fail on the first byte: test it before measuring zWords */
  if (i < 0 || i >= f->n || f->z[i] != zWords[0]) return -1;
  int n = (int)strlen(zWords);
  if (i + n > f->n || memcmp(f->z + i, zWords, (size_t)n) != 0) return -1;
  if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1]) &&
      vp_fold_is_word_byte((unsigned char)zWords[0])) return -1;
  if (i + n < f->n && vp_fold_is_word_byte((unsigned char)f->z[i + n]) &&
      vp_fold_is_word_byte((unsigned char)zWords[n - 1])) return -1;
  return i + n;
}

int vp_fold_find_words(const vp_fold *f, int i, const char *zWords) {
  for (; i >= 0 && i < f->n; i++) {
    const char *z = strstr(f->z + i, zWords);
    if (z == NULL) return -1;
    i = (int)(z - f->z);
    if (vp_fold_words_at(f, i, zWords) >= 0) return i;
  }
  return -1;
}

int vp_fold_written_as(const vp_fold *pF, const char *zSrc, int w, int nLen, const char *zPhrase) {
  int iFrom = pF->aOff[w], iTo = w + nLen < pF->n ? pF->aOff[w + nLen] : pF->aOff[pF->n];
  utf8proc_uint8_t *zA = NULL, *zB = NULL;
  utf8proc_ssize_t nA = utf8proc_map((const utf8proc_uint8_t *)zSrc + iFrom, iTo - iFrom, &zA,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  utf8proc_ssize_t nB = utf8proc_map((const utf8proc_uint8_t *)zPhrase, (utf8proc_ssize_t)strlen(zPhrase), &zB,
                                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  /* the source span may hold other spaces or line breaks: compared on
  ** letters only */
  int bSame = nA >= 0 && nB >= 0;
  for (utf8proc_ssize_t a = 0, b = 0; bSame && (a < nA || b < nB);) {
    while (a < nA && (zA[a] == ' ' || zA[a] == '\n' || zA[a] == '\r' || zA[a] == '\t')) a++;
    while (b < nB && zB[b] == ' ') b++;
    if (a >= nA || b >= nB) {
      bSame = a >= nA && b >= nB;
      break;
    }
    bSame = zA[a++] == zB[b++];
  }
  free(zA);
  free(zB);
  return bSame;
}
