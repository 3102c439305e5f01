/*
** test_encoding.c — unit tests of vp_encoding (encoding.c): UTF-16 with a
** BOM, Windows-1258, TCVN3 and VNI-Windows samples made here (iconv for the
** first two, the data/ tables backwards for the last two) are detected and
** give the exact UTF-8; the syllable scorer; short or garbage input is
** refused naming the likely encoding; valid UTF-8 is left alone.
*/
#include "vp_common.h"
#include "vp_data.h"
#include "vp_encoding.h"
#include "vp_test.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char *zSentence =
    "Kế hoạch phát triển khoa học và công nghệ của tỉnh năm 2025: Sở Tài "
    "chính chủ trì, phối hợp với các sở, ngành thực hiện đúng tiến độ; "
    "người đứng đầu chịu trách nhiệm quyết định, giữ vững an toàn.\n";

/* iconv UTF-8 → zTo of z; NULL on failure. */
static char *by_iconv(const char *zTo, const char *z, size_t *pn) {
  iconv_t cd = iconv_open(zTo, "UTF-8");
  if (cd == (iconv_t)-1) return NULL;
  size_t nIn = strlen(z), nAlloc = nIn * 4 + 16, nRoom = nAlloc;
  char *zOut = malloc(nAlloc), *pIn = (char *)z, *pOut = zOut;
  size_t r = iconv(cd, &pIn, &nIn, &pOut, &nRoom);
  iconv_close(cd);
  if (r == (size_t)-1) {
    free(zOut);
    return NULL;
  }
  *pn = (size_t)(pOut - zOut);
  return zOut;
}

/* The table of data/<zName>: UTF-8 of bytes 80..FF ("" when none). */
typedef struct rtab { char az[128][16]; } rtab;

static void rtab_load(rtab *t, const char *zName) {
  memset(t, 0, sizeof(*t));
  const char *zTab = vp_data_get(zName, NULL);
  size_t iPos = 0;
  char zLine[512], *azCol[3];
  while (zTab && vp_data_next_row(zTab, &iPos, zLine, sizeof(zLine), azCol, 3) >= 2) {
    long b = strtol(azCol[0], NULL, 16);
    char *zSave = NULL, *z = t->az[b - 0x80];
    size_t n = 0;
    for (char *zCp = strtok_r(azCol[1], " ", &zSave); zCp; zCp = strtok_r(NULL, " ", &zSave))
      n += (size_t)utf8proc_encode_char((utf8proc_int32_t)strtol(zCp + 2, NULL, 16),
                                        (utf8proc_uint8_t *)z + n);
  }
}

/* The byte whose table entry is exactly the UTF-8 z[0..n), from the top (so
** VNI's lowercase mark bytes win); -1 if none. */
static int rtab_find(const rtab *t, const char *z, size_t n) {
  for (int b = 127; b >= 0; b--)
    if (strlen(t->az[b]) == n && memcmp(t->az[b], z, n) == 0) return b + 0x80;
  return -1;
}

/* The mark byte whose entry is the marks z[0..n) in canonical order (NFD
** puts a dot below before a circumflex: "ệ" is e U+0323 U+0302). */
static int rtab_find_mark(const rtab *t, const char *z, size_t n) {
  for (int b = 127; b >= 0; b--) {
    char *zD = (char *)utf8proc_NFD((const utf8proc_uint8_t *)t->az[b]);
    int bEq = zD && strlen(zD) == n && memcmp(zD, z, n) == 0;
    free(zD);
    if (bEq) return b + 0x80;
  }
  return -1;
}

/* Encode NFC UTF-8 z with the table: each character as one byte, or (VNI)
** as a letter byte and a mark byte. NULL when a character has no encoding. */
static char *by_table(const rtab *t, const char *z, size_t *pn) {
  size_t nIn = strlen(z), n = 0;
  char *zOut = malloc(nIn * 2 + 1);
  const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)z;
  for (size_t i = 0; i < nIn;) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(nIn - i), &c);
    i += (size_t)k;
    if (c < 0x80) { zOut[n++] = (char)c; continue; }
    utf8proc_int32_t d[8];
    int last = 0, bDone = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &last);
    for (utf8proc_ssize_t L = nd; L >= 1 && !bDone; L--) {
      /* the first L code points as one letter, the rest as one mark byte */
      char zL[32], zM[32];
      utf8proc_ssize_t nL = 0, nM = 0;
      for (utf8proc_ssize_t j = 0; j < L; j++) nL += utf8proc_encode_char(d[j], (utf8proc_uint8_t *)zL + nL);
      zL[nL] = 0;
      for (utf8proc_ssize_t j = L; j < nd; j++) nM += utf8proc_encode_char(d[j], (utf8proc_uint8_t *)zM + nM);
      char *zC = (char *)utf8proc_NFC((const utf8proc_uint8_t *)zL);
      int bL = (unsigned char)zC[0] < 0x80 && zC[1] == 0 ? (unsigned char)zC[0] : rtab_find(t, zC, strlen(zC));
      int bM = nM ? rtab_find_mark(t, zM, (size_t)nM) : 0;
      free(zC);
      if (bL > 0 && bM >= 0) {
        zOut[n++] = (char)bL;
        if (bM) zOut[n++] = (char)bM;
        bDone = 1;
      }
    }
    if (!bDone) {
      free(zOut);
      return NULL;
    }
  }
  zOut[n] = 0;
  *pn = n;
  return zOut;
}

/* Convert zIn and check the encoding found and the exact output. */
static void check_convert(const char *zDesc, const char *zIn, size_t nIn,
                          vp_encoding_id eWant, const char *zWant) {
  char *zOut = NULL, *zErr = NULL;
  size_t nOut = 0;
  vp_encoding_id e = VP_ENC_UTF8;
  int rc = vp_encoding_to_utf8(zIn, nIn, &zOut, &nOut, &e, &zErr);
  CHECK(zDesc, rc == VP_OK);
  if (zErr) fprintf(stderr, "  %s: %s\n", zDesc, zErr);
  CHECK(zDesc, e == eWant);
  CHECK(zDesc, zOut && nOut == strlen(zWant) && memcmp(zOut, zWant, nOut) == 0);
  if (zOut && strcmp(zOut, zWant) != 0) fprintf(stderr, "  got: %s\n", zOut);
  free(zOut);
  free(zErr);
}

/* zIn is refused, and the message holds zPart. */
static void check_refused(const char *zDesc, const char *zIn, size_t nIn,
                          const char *zPart) {
  char *zOut = NULL, *zErr = NULL;
  size_t nOut = 0;
  vp_encoding_id e = VP_ENC_UTF8;
  int rc = vp_encoding_to_utf8(zIn, nIn, &zOut, &nOut, &e, &zErr);
  CHECK(zDesc, rc == VP_EINPUT && zOut == NULL);
  CHECK(zDesc, zErr && strstr(zErr, zPart));
  if (zErr && !strstr(zErr, zPart)) fprintf(stderr, "  message: %s\n", zErr);
  free(zOut);
  free(zErr);
}

int main(void) {
  size_t n = 0;
  int nWord = -1;
  char *z;

  /* the scorer */
  const char *azGood[] = {"người", "quyết", "giữ", "Việt", "ĐỒNG", "khuỷu", "hươu",
                          "xoắn", "thuở", "gì", "nghiêng", "Ủy"};
  for (size_t i = 0; i < VP_ARRAY_SIZE(azGood); i++) {
    int nW = 0;
    CHECK(azGood[i], vp_encoding_score(azGood[i], strlen(azGood[i]), &nW) == 1.0 && nW == 1);
  }
  const char *azBad[] = {"keá", "hoaïch", "Sôû", "áº¿", "Ãt", "ằă", "tàc", "đđ", "ÿþ"};
  for (size_t i = 0; i < VP_ARRAY_SIZE(azBad); i++)
    CHECK(azBad[i], vp_encoding_score(azBad[i], strlen(azBad[i]), NULL) == 0.0);
  CHECK("ASCII words are not counted", vp_encoding_score("Ke hoach 2025", 13, &nWord) == 0.0 && nWord == 0);

  /* valid UTF-8 is left alone */
  {
    char *zOut = (char *)1, *zErr = NULL;
    vp_encoding_id e = VP_ENC_CP1258;
    CHECK("UTF-8 untouched", vp_encoding_to_utf8(zSentence, strlen(zSentence), &zOut, &n, &e, &zErr) == VP_OK &&
          zOut == NULL && e == VP_ENC_UTF8);
  }

  /* UTF-16 with a BOM, both byte orders */
  z = by_iconv("UTF-16LE", zSentence, &n);
  CHECK("iconv UTF-16LE", z != NULL);
  if (z) {
    char *zB = malloc(n + 2);
    memcpy(zB, "\xFF\xFE", 2);
    memcpy(zB + 2, z, n);
    check_convert("UTF-16LE with BOM", zB, n + 2, VP_ENC_UTF16, zSentence);
    free(zB);
    free(z);
  }
  z = by_iconv("UTF-16BE", zSentence, &n);
  if (z) {
    char *zB = malloc(n + 2);
    memcpy(zB, "\xFE\xFF", 2);
    memcpy(zB + 2, z, n);
    check_convert("UTF-16BE with BOM", zB, n + 2, VP_ENC_UTF16, zSentence);
    free(zB);
    free(z);
  }

  /* Windows-1258: iconv writes tone marks as combining bytes */
  z = by_iconv("CP1258", zSentence, &n);
  CHECK("iconv CP1258", z != NULL);
  if (z) {
    CHECK("CP1258 sample is not UTF-8", memchr(z, 0xD2, n) || memchr(z, 0xEC, n) || memchr(z, 0xF2, n));
    check_convert("Windows-1258", z, n, VP_ENC_CP1258, zSentence);
    free(z);
  }

  /* TCVN3 and VNI, from the tables */
  rtab *t = malloc(sizeof(rtab));
  rtab_load(t, "encoding-tcvn3.tsv");
  z = by_table(t, zSentence, &n);
  CHECK("TCVN3 sample made", z != NULL);
  if (z) {
    check_convert("TCVN3", z, n, VP_ENC_TCVN3, zSentence);
    free(z);
  }
  rtab_load(t, "encoding-vni.tsv");
  z = by_table(t, zSentence, &n);
  CHECK("VNI sample made", z != NULL);
  if (z) {
    CHECK("VNI writes ế as two bytes (e + á)", strstr(z, "Ke\xE1 ho") != NULL);
    check_convert("VNI-Windows", z, n, VP_ENC_VNI, zSentence);
    free(z);
  }
  /* VNI capitals: "ĐỒNG" as Ñ O À N G */
  check_convert("VNI capitals", "\xD1O\xC0NG KHA\xD9NH H\xD6\xD5NG \xD1" "A\xC1T",
                strlen("\xD1O\xC0NG KHA\xD9NH H\xD6\xD5NG \xD1" "A\xC1T"), VP_ENC_VNI,
                "ĐỒNG KHÁNH HỮNG ĐẤT");
  free(t);

  /* too little to judge: refused, naming the likely encoding */
  z = by_iconv("CP1258", "Sở Tài ABC\n", &n);
  if (z) {
    check_refused("two accented words", z, n, "likely Windows-1258");
    free(z);
  }
  /* garbage */
  const char zJunk[] = "abc \xC0\xAF def \xFF\xFE\x81 \x8D\x8F\x90 x\xC3( \xA4\xA5\xA6\xDB\n";
  check_refused("garbage", zJunk, sizeof(zJunk) - 1, "invalid UTF-8 at byte offset 4");
  /* UTF-8 damaged by one bad byte: every candidate reads its accented
  ** words as mojibake */
  const char zBroken[] = "Kế hoạch phát triển \xFF của tỉnh năm nay\n";
  check_refused("UTF-8 with a bad byte", zBroken, sizeof(zBroken) - 1, "invalid UTF-8");
  /* a NUL and no BOM: left for the binary check */
  {
    char *zOut = NULL, *zErr = NULL;
    vp_encoding_id e;
    CHECK("NUL: left alone", vp_encoding_to_utf8("a\0\xFF", 3, &zOut, &n, &e, &zErr) == VP_OK && zOut == NULL);
  }
  return vp_test_done();
}
