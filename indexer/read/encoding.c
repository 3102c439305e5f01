/*
** encoding.c — UTF-16, Windows-1258, TCVN3 and VNI-Windows to UTF-8, and the
** choice between them (see vp_encoding.h). UTF-16 and Windows-1258 go
** through glibc iconv; TCVN3 and VNI through the byte tables in data/ (a
** byte maps to one or more code points: VNI's mark bytes map to combining
** marks, joined to the letter before them by NFC). Every candidate is
** decoded in full and scored with a Vietnamese syllable check; a file is
** converted only when the best candidate is good and well ahead of the next.
*/
#include "vp_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_data.h"

/* A candidate is taken when at least this share of its accented words are
** syllables, and this far ahead of the next best. */
#define ENC_MIN_SCORE 0.80
#define ENC_MIN_MARGIN 0.15
/* Fewer accented words than this: too little to judge. */
#define ENC_MIN_WORDS 3

const char *vp_encoding_name(vp_encoding_id e) {
  switch (e) {
    case VP_ENC_UTF8: return "UTF-8";
    case VP_ENC_UTF16: return "UTF-16";
    case VP_ENC_CP1258: return "Windows-1258";
    case VP_ENC_TCVN3: return "TCVN3";
    case VP_ENC_VNI: return "VNI-Windows";
  }
  return "?";
}

/* ---- byte tables --------------------------------------------------------- */

/* UTF-8 of what each byte 80..FF stands for; "" when undefined. */
typedef struct enc_table {
  char az[128][16];
  int bBad; /* a row could not be read */
} enc_table;

static enc_table tabTcvn3, tabVni;
static pthread_once_t tabOnce = PTHREAD_ONCE_INIT;

static void table_load(enc_table *t, const char *zName) {
  const char *zTab = vp_data_get(zName, NULL);
  if (zTab == NULL) {
    t->bBad = 1;
    return;
  }
  size_t iPos = 0;
  char zLine[512];
  char *azCol[3];
  int nCol;
  while ((nCol = vp_data_next_row(zTab, &iPos, zLine, sizeof(zLine), azCol, 3)) > 0) {
    char *zEnd;
    long b = strtol(azCol[0], &zEnd, 16);
    if (nCol < 2 || *zEnd || b < 0x80 || b > 0xFF) {
      t->bBad = 1;
      continue;
    }
    char *z = t->az[b - 0x80];
    size_t n = 0;
    for (char *zCp = strtok_r(azCol[1], " ", &zEnd); zCp; zCp = strtok_r(NULL, " ", &zEnd)) {
      long cp = (zCp[0] == 'U' && zCp[1] == '+') ? strtol(zCp + 2, NULL, 16) : -1;
      if (cp <= 0 || !utf8proc_codepoint_valid((utf8proc_int32_t)cp) || n + 4 >= sizeof(t->az[0])) {
        t->bBad = 1;
        break;
      }
      n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)z + n);
    }
    z[n] = 0;
  }
}

static void tables_load(void) {
  table_load(&tabTcvn3, "encoding-tcvn3.tsv");
  table_load(&tabVni, "encoding-vni.tsv");
}

/* ---- decoding ------------------------------------------------------------ */

/* NFC of the NUL-terminated z (freed) into *pzOut, *pnOut. */
static int to_nfc(char *z, char **pzOut, size_t *pnOut) {
  char *zN = (char *)utf8proc_NFC((const utf8proc_uint8_t *)z);
  free(z);
  if (zN == NULL) return VP_ENOMEM;
  *pzOut = zN;
  *pnOut = strlen(zN);
  return VP_OK;
}

static int decode_table(const enc_table *t, const char *zIn, size_t nIn,
                        char **pzOut, size_t *pnOut) {
  /* each byte becomes at most 15 bytes */
  if (nIn > ((size_t)-1) / 16 - 1) return VP_ENOMEM;
  char *z = malloc(nIn * 15 + 1);
  if (z == NULL) return VP_ENOMEM;
  size_t n = 0;
  for (size_t i = 0; i < nIn; i++) {
    unsigned char c = (unsigned char)zIn[i];
    if (c < 0x80) {
      z[n++] = (char)(c ? c : ' ');
    } else if (t->az[c - 0x80][0]) {
      size_t k = strlen(t->az[c - 0x80]);
      memcpy(z + n, t->az[c - 0x80], k);
      n += k;
    } else {
      memcpy(z + n, "\xEF\xBF\xBD", 3); /* U+FFFD */
      n += 3;
    }
  }
  z[n] = 0;
  return to_nfc(z, pzOut, pnOut);
}

/* iconv from zFrom to UTF-8; bytes it cannot convert become U+FFFD. */
static int decode_iconv(const char *zFrom, const char *zIn, size_t nIn,
                        char **pzOut, size_t *pnOut, char **pzErr) {
  iconv_t cd = iconv_open("UTF-8", zFrom);
  if (cd == (iconv_t)-1) {
    *pzErr = vp_mprintf("no %s converter in this C library", zFrom);
    return VP_EINPUT;
  }
  size_t nAlloc = nIn * 2 + 16, nOut = 0;
  char *z = malloc(nAlloc);
  int rc = z ? VP_OK : VP_ENOMEM;
  char *pIn = (char *)zIn;
  size_t nLeft = nIn;
  while (rc == VP_OK) {
    char *pOut = z + nOut;
    size_t nRoom = nAlloc - nOut - 1;
    size_t r = nLeft ? iconv(cd, &pIn, &nLeft, &pOut, &nRoom)
                     : iconv(cd, NULL, NULL, &pOut, &nRoom);
    int err = errno;
    nOut = (size_t)(pOut - z);
    if (r != (size_t)-1) {
      if (nLeft == 0) break;
      continue;
    }
    if (err == E2BIG || nAlloc - nOut < 8) {
      char *zNew = nAlloc < ((size_t)-1) / 2 ? realloc(z, nAlloc * 2) : NULL;
      if (zNew == NULL) { rc = VP_ENOMEM; break; }
      z = zNew;
      nAlloc *= 2;
    } else if (err == EILSEQ || err == EINVAL) {
      /* an undefined byte (or a cut-off sequence at the end): U+FFFD */
      memcpy(z + nOut, "\xEF\xBF\xBD", 3);
      nOut += 3;
      size_t nSkip = strcmp(zFrom, "UTF-16") == 0 && nLeft >= 2 ? 2 : 1;
      pIn += nSkip;
      nLeft -= nSkip;
      iconv(cd, NULL, NULL, NULL, NULL);
    } else {
      *pzErr = vp_mprintf("cannot convert from %s: %s", zFrom, strerror(err));
      rc = VP_EINPUT;
    }
  }
  iconv_close(cd);
  if (rc != VP_OK) {
    free(z);
    return rc;
  }
  z[nOut] = 0;
  /* a U+0000 from UTF-16 is kept as a NUL byte: vp_text_check refuses it */
  if (memchr(z, 0, nOut)) {
    *pzOut = z;
    *pnOut = nOut;
    return VP_OK;
  }
  return to_nfc(z, pzOut, pnOut);
}

int vp_encoding_decode(const char *zIn, size_t nIn, vp_encoding_id e,
                       char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  pthread_once(&tabOnce, tables_load);
  switch (e) {
    case VP_ENC_UTF16: return decode_iconv("UTF-16", zIn, nIn, pzOut, pnOut, pzErr);
    case VP_ENC_CP1258: return decode_iconv("CP1258", zIn, nIn, pzOut, pnOut, pzErr);
    case VP_ENC_TCVN3:
    case VP_ENC_VNI: {
      const enc_table *t = e == VP_ENC_TCVN3 ? &tabTcvn3 : &tabVni;
      if (t->bBad) {
        *pzErr = vp_mprintf("data/%s has a bad row",
                            e == VP_ENC_TCVN3 ? "encoding-tcvn3.tsv" : "encoding-vni.tsv");
        return VP_EINPUT;
      }
      return decode_table(t, zIn, nIn, pzOut, pnOut);
    }
    case VP_ENC_UTF8: break;
  }
  *pzErr = vp_mprintf("no decoder for %s", vp_encoding_name(e));
  return VP_EINPUT;
}

/* ---- scoring ------------------------------------------------------------- */

/* Code points that separate words besides ASCII punctuation and spaces. */
static int is_sep(utf8proc_int32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  switch (c) {
    case 0xA0: case 0xAB: case 0xBB: case 0x2013: case 0x2014: case 0x2018:
    case 0x2019: case 0x201C: case 0x201D: case 0x2022: case 0x2026:
      return 1;
  }
  return 0;
}

static int is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Onset + nucleus + coda of a folded syllable s[0..n), each part from the
** lists of Vietnamese spelling; *pbStop: the coda is c, ch, p or t. */
static int syllable_ok(const char *s, int n, int *pbStop) {
  static const char *const azOnset[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c",
    "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""};
  static const char *const azNucleus[] = {
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia",
    "ie", "iu", "oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy",
    "ya", "ye", "oai", "oao", "oay", "oeo", "uai", "uao", "uay", "uoi", "uou",
    "uya", "uye", "uyu", "ieu", "yeu"};
  static const char *const azCoda[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
  for (size_t o = 0; o < VP_ARRAY_SIZE(azOnset); o++) {
    int nO = (int)strlen(azOnset[o]);
    if (nO > n || memcmp(s, azOnset[o], (size_t)nO) != 0) continue;
    int i = nO;
    while (i < n && is_vowel(s[i])) i++;
    int nN = i - nO;
    if (nN == 0) continue;
    int bNuc = 0;
    for (size_t k = 0; !bNuc && k < VP_ARRAY_SIZE(azNucleus); k++)
      bNuc = (int)strlen(azNucleus[k]) == nN && memcmp(s + nO, azNucleus[k], (size_t)nN) == 0;
    if (!bNuc) continue;
    for (size_t k = 0; k < VP_ARRAY_SIZE(azCoda); k++) {
      if ((int)strlen(azCoda[k]) == n - i && memcmp(s + i, azCoda[k], (size_t)(n - i)) == 0) {
        *pbStop = s[i] == 'c' || s[i] == 'p' || s[i] == 't';
        return 1;
      }
    }
  }
  return 0;
}

/* Is the word a[0..n) (code points) a Vietnamese syllable? */
static int word_ok(const utf8proc_int32_t *a, int n) {
  char s[12];
  int nS = 0, nTone = 0;
  utf8proc_int32_t tone = 0;
  for (int i = 0; i < n; i++) {
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(utf8proc_tolower(a[i]), d, 8,
                                                  UTF8PROC_DECOMPOSE, &last);
    if (nd < 1 || nd > 8) return 0;
    char base;
    if (d[0] >= 'a' && d[0] <= 'z') base = (char)d[0];
    else if (d[0] == 0x111 && nS == 0) base = 'd'; /* đ starts a syllable */
    else return 0;
    if (nS + 1 >= (int)sizeof(s)) return 0;
    s[nS++] = base;
    for (utf8proc_ssize_t k = 1; k < nd; k++) {
      switch (d[k]) {
        case 0x300: case 0x301: case 0x303: case 0x309: case 0x323:
          if (!is_vowel(base)) return 0;
          nTone++;
          tone = d[k];
          break;
        case 0x302: if (base != 'a' && base != 'e' && base != 'o') return 0; break;
        case 0x306: if (base != 'a') return 0; break;
        case 0x31B: if (base != 'o' && base != 'u') return 0; break;
        default: return 0;
      }
    }
  }
  int bStop = 0;
  if (nTone > 1 || !syllable_ok(s, nS, &bStop)) return 0;
  /* a syllable closed by c, ch, p, t only takes sắc or nặng */
  if (bStop && nTone && tone != 0x301 && tone != 0x323) return 0;
  return 1;
}

double vp_encoding_score(const char *z, size_t n, int *pnWord) {
  const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)z;
  utf8proc_int32_t aWord[16];
  int nW = 0, bLong = 0, bWide = 0, nWord = 0, nOk = 0;
  size_t i = 0;
  for (;;) {
    utf8proc_int32_t c = -1;
    if (i < n) {
      utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
      if (k < 1) { c = 0xFFFD; k = 1; }
      i += (size_t)k;
    }
    if (c < 0 || is_sep(c)) {
      if (nW && bWide) {
        nWord++;
        nOk += !bLong && word_ok(aWord, nW);
      }
      nW = bLong = bWide = 0;
      if (c < 0) break;
      continue;
    }
    if (c >= 0x80) bWide = 1;
    if (nW < (int)VP_ARRAY_SIZE(aWord)) aWord[nW++] = c;
    else bLong = 1; /* longer than any syllable: not one */
  }
  if (pnWord) *pnWord = nWord;
  return nWord ? (double)nOk / nWord : 0.0;
}

/* ---- the choice ---------------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8, or -1. */
static long first_bad_utf8(const char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    if ((unsigned char)z[i] < 0x80) { i++; continue; }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)z + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    if (k < 1) return (long)i;
    i += (size_t)k;
  }
  return -1;
}

int vp_encoding_to_utf8(const char *zIn, size_t nIn, char **pzOut,
                        size_t *pnOut, vp_encoding_id *peEnc, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  *peEnc = VP_ENC_UTF8;
  const unsigned char *u = (const unsigned char *)zIn;
  if (nIn >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    int rc = vp_encoding_decode(zIn, nIn, VP_ENC_UTF16, pzOut, pnOut, pzErr);
    if (rc == VP_OK) *peEnc = VP_ENC_UTF16;
    return rc;
  }
  if (memchr(zIn, 0, nIn)) return VP_OK;
  long iBad = first_bad_utf8(zIn, nIn);
  if (iBad < 0) return VP_OK;
  static const vp_encoding_id aCand[] = {VP_ENC_CP1258, VP_ENC_TCVN3, VP_ENC_VNI};
  char *azOut[3] = {NULL, NULL, NULL};
  size_t anOut[3] = {0, 0, 0};
  double aScore[3] = {0, 0, 0};
  int anWord[3] = {0, 0, 0};
  int rc = VP_OK, iBest = 0, iNext = -1;
  for (int k = 0; k < 3 && rc == VP_OK; k++) {
    char *zErr = NULL;
    rc = vp_encoding_decode(zIn, nIn, aCand[k], &azOut[k], &anOut[k], &zErr);
    if (rc == VP_EINPUT) { /* this candidate is unavailable: score 0 */
      free(zErr);
      rc = VP_OK;
      continue;
    }
    if (rc == VP_OK) aScore[k] = vp_encoding_score(azOut[k], anOut[k], &anWord[k]);
  }
  for (int k = 1; k < 3; k++) if (aScore[k] > aScore[iBest]) iBest = k;
  for (int k = 0; k < 3; k++)
    if (k != iBest && (iNext < 0 || aScore[k] > aScore[iNext])) iNext = k;
  if (rc == VP_OK) {
    double s1 = aScore[iBest], s2 = aScore[iNext];
    if (s1 >= ENC_MIN_SCORE && s1 - s2 >= ENC_MIN_MARGIN && anWord[iBest] >= ENC_MIN_WORDS) {
      *pzOut = azOut[iBest];
      *pnOut = anOut[iBest];
      *peEnc = aCand[iBest];
      azOut[iBest] = NULL;
    } else if (s1 == 0) {
      *pzErr = vp_mprintf("invalid UTF-8 at byte offset %ld, and not Windows-1258,"
                          " TCVN3 or VNI text either", iBad);
      rc = VP_EINPUT;
    } else {
      *pzErr = vp_mprintf("invalid UTF-8 at byte offset %ld; likely %s (%d of %d"
                          " accented words read as Vietnamese, next best %s %d%%),"
                          " too unsure to convert", iBad, vp_encoding_name(aCand[iBest]),
                          (int)(s1 * anWord[iBest] + 0.5), anWord[iBest],
                          vp_encoding_name(aCand[iNext]), (int)(s2 * 100 + 0.5));
      rc = VP_EINPUT;
    }
  }
  for (int k = 0; k < 3; k++) free(azOut[k]);
  return rc;
}
