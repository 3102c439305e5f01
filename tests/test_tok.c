/*
** test_tok.c — unit tests of the Vietnamese normalization (norm.c) and the
** vnplan FTS5 tokenizer (tok.c): NFC/NFD equivalence with exact offsets,
** canonical tone placement, the diacritic-free fold, query modes, document
** numbers, and FTS5 end to end in an in-memory database.
** Not a benchmark: see bench/ (vp_tok_run over corpus/) for speed.
*/
#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_norm.h"
#include "vp_test.h"
#include "vp_tok.h"
#include "vp_vocab.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- collecting tokens ------------------------------------------------ */

typedef struct tok {
  char z[VP_TOK_MAX + 8];
  int n, flags, iStart, iEnd;
} tok;

typedef struct toks {
  tok a[512];
  int n;
  int nStopAfter; /* > 0: return 99 after this many tokens */
} toks;

static int collect(void *pCtx, int flags, const char *z, int n, int iStart,
                   int iEnd) {
  toks *p = pCtx;
  if (p->n < VP_ARRAY_SIZE(p->a) && n <= VP_TOK_MAX + 1) {
    tok *t = &p->a[p->n];
    memcpy(t->z, z, (size_t)n);
    t->z[n] = '\0';
    t->n = n;
    t->flags = flags;
    t->iStart = iStart;
    t->iEnd = iEnd;
  }
  p->n++;
  if (p->nStopAfter > 0 && p->n >= p->nStopAfter)
    return 99;
  return 0;
}

static toks *run(const char *z, int bQuery) {
  static toks aBuf[2];
  static int iBuf;
  toks *p = &aBuf[iBuf++ & 1];
  memset(p, 0, sizeof(*p));
  vp_tok_run(z, (int)strlen(z), bQuery, collect, p);
  return p;
}

/* The token list as one string "tok|tok+colocated|..." for comparisons. */
static char *joined(const toks *p) {
  static char aOut[2][8192];
  static int iOut;
  char *z = aOut[iOut++ & 1];
  int n = 0;
  z[0] = '\0';
  for (int i = 0; i < p->n && n < 8000; i++) {
    const tok *t = &p->a[i];
    n += snprintf(z + n, sizeof(aOut[0]) - (size_t)n, "%s%s%s",
                  i ? (t->flags ? "+" : "|") : "",
                  t->z[0] == VP_TOK_FOLD_NS ? "~" : "",
                  t->z[0] == VP_TOK_FOLD_NS ? t->z + 1 : t->z);
  }
  return z;
}

/* Exact form of one word as the tokenizer emits it. */
static const char *exact(const char *zWord) {
  toks *p = run(zWord, 0);
  return p->n > 0 ? p->a[0].z : "";
}

static char *nfd(const char *z) {
  return (char *)utf8proc_NFD((const utf8proc_uint8_t *)z);
}

/* ---- normalization ---------------------------------------------------- */

static void test_tone_placement(void) {
  static const char *aCase[][2] = {
      /* input spelling, canonical exact form */
      {"hòa", "hoà"},     {"hoà", "hoà"},     {"HÒA", "hoà"},
      {"ủy", "uỷ"},       {"uỷ", "uỷ"},       {"thụy", "thuỵ"},
      {"thuỵ", "thuỵ"},   {"khỏe", "khoẻ"},   {"qủa", "quả"},
      {"quả", "quả"},     {"gìa", "già"},     {"già", "già"},
      {"gì", "gì"},       {"giữa", "giữa"},   {"ngòai", "ngoài"},
      {"ngoài", "ngoài"}, {"ngừơi", "người"}, {"người", "người"},
      {"hòang", "hoàng"}, {"hoàng", "hoàng"}, {"hùynh", "huỳnh"},
      {"mùa", "mùa"},     {"tiến", "tiến"},   {"khuỷu", "khuỷu"},
      {"quốc", "quốc"},   {"Đồng", "đồng"},   {"ĐẢNG", "đảng"},
      {"rượu", "rượu"},   {"hóa", "hoá"},     {"thủy", "thuỷ"},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    CHECK(aCase[i][0], strcmp(exact(aCase[i][0]), aCase[i][1]) == 0);
    char *zD = nfd(aCase[i][0]);
    CHECK("NFD spelling gives the same form",
          strcmp(exact(zD), aCase[i][1]) == 0);
    free(zD);
  }
  /* tones are kept: different tones stay different words */
  CHECK("hóa != hoa", strcmp(exact("hóa"), exact("hoa")) != 0);
  CHECK("hóa != hỏa", strcmp(exact("hóa"), exact("hỏa")) != 0);
  CHECK("hoa != hỏa", strcmp(exact("hoa"), exact("hỏa")) != 0);
  /* words that are not one Vietnamese syllable pass through */
  CHECK("café kept", strcmp(exact("Café"), "café") == 0);
  CHECK("internet kept", strcmp(exact("Internet"), "internet") == 0);
}

static void test_fold(void) {
  CHECK("hóa folds to hoa", strcmp(joined(run("hóa", 0)), "hoá+~hoa") == 0);
  CHECK("hỏa folds to hoa", strcmp(joined(run("hỏa", 0)), "hoả+~hoa") == 0);
  CHECK("ASCII word: no fold token", strcmp(joined(run("hoa", 0)), "hoa") == 0);
  CHECK("Đồng folds to dong",
        strcmp(joined(run("Đồng", 0)), "đồng+~dong") == 0);
  CHECK("French folds",
        strcmp(joined(run("Français", 0)), "français+~francais") == 0);
  toks *p = run("Ελλάδα", 0);
  CHECK("Greek: one lowercase token, no ASCII fold",
        p->n == 1 && strcmp(p->a[0].z, "ελλάδα") == 0);

  char aExact[64], aFold[64];
  int nFold = -1, bAscii = -1;
  int nExact = vp_norm_word("Nghĩa", 6, aExact, 64, aFold, 64, &nFold, &bAscii);
  CHECK("vp_norm_word exact", nExact == 6 && memcmp(aExact, "nghĩa", 6) == 0);
  CHECK("vp_norm_word fold",
        nFold == 5 && memcmp(aFold, "nghia", 5) == 0 && bAscii == 0);
  nExact = vp_norm_word("KHOA", 4, aExact, 64, aFold, 64, &nFold, &bAscii);
  CHECK("vp_norm_word ASCII",
        nExact == 4 && bAscii == 1 && memcmp(aExact, "khoa", 4) == 0);
  CHECK("vp_norm_word overflow",
        vp_norm_word("nghĩa", 6, aExact, 3, aFold, 64, &nFold, &bAscii) == -1);
}

static void test_utf8_and_word_cp(void) {
  int cp;
  CHECK("decode ế", vp_utf8_decode((const unsigned char *)"ế", 3, &cp) == 3 &&
                        cp == 0x1EBF);
  CHECK("truncated",
        vp_utf8_decode((const unsigned char *)"\xE1\xBA", 2, &cp) == 1 &&
            cp == 0xFFFD);
  CHECK("overlong",
        vp_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp) == 1 &&
            cp == 0xFFFD);
  CHECK("surrogate",
        vp_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 1 &&
            cp == 0xFFFD);
  CHECK("letter", vp_norm_is_word_cp(0x1EBF) && vp_norm_is_word_cp('a'));
  CHECK("combining mark",
        vp_norm_is_word_cp(0x0301) && vp_norm_is_word_cp(0x0323));
  CHECK("digit", vp_norm_is_word_cp('7'));
  CHECK("CJK letter", vp_norm_is_word_cp(0x4E2D));
  CHECK("separators", !vp_norm_is_word_cp('-') && !vp_norm_is_word_cp(0x2013) &&
                          !vp_norm_is_word_cp(0xA0) &&
                          !vp_norm_is_word_cp(0xFEFF) &&
                          !vp_norm_is_word_cp(0xFFFD));
}

/* ---- tokenizer -------------------------------------------------------- */

/* Every token's span must cover bytes of z that normalize to the token. */
static int spans_match(const char *z, const toks *p) {
  for (int i = 0; i < p->n; i++) {
    const tok *t = &p->a[i];
    if (t->z[0] == VP_TOK_FOLD_NS)
      continue;
    toks *q = malloc(sizeof(*q));
    memset(q, 0, sizeof(*q));
    vp_tok_run(z + t->iStart, t->iEnd - t->iStart, 0, collect, q);
    int ok = q->n >= 1 && strcmp(q->a[0].z, t->z) == 0;
    free(q);
    if (!ok)
      return 0;
  }
  return 1;
}

static void test_nfd_sentence(void) {
  const char *zNfc = "Ủy ban nhân dân tỉnh Thừa Thiên Huế hoà nhập; KHOẺ mạnh, "
                     "người dân đồng thuận.";
  char *zNfd = nfd(zNfc);
  toks *pC = run(zNfc, 0);
  char zC[8192];
  snprintf(zC, sizeof(zC), "%s", joined(pC));
  int nC = pC->n;
  int okSpansC = spans_match(zNfc, pC);
  toks *pD = run(zNfd, 0);
  CHECK("NFD input is longer", strlen(zNfd) > strlen(zNfc));
  CHECK("NFC and NFD give the same tokens",
        nC == pD->n && strcmp(zC, joined(pD)) == 0);
  CHECK("NFC spans point at the words", okSpansC);
  CHECK("NFD spans point at the words", spans_match(zNfd, pD));
  /* the third word "nhân" in NFD: the span holds base letters and marks */
  const tok *t = &pD->a[0];
  CHECK("first token", strcmp(t->z, "uỷ") == 0 && t->iStart == 0);
  CHECK("first NFD span ends before the space", zNfd[t->iEnd] == ' ');
  free(zNfd);
}

static void test_offsets_crlf(void) {
  const char *z = "Kế hoạch\r\nSở Tài chính\r\n";
  toks *p = run(z, 0);
  CHECK("CRLF token list",
        strcmp(joined(p), "kế+~ke|hoạch+~hoach|sở+~so|tài+~tai|chính+~chinh") ==
            0);
  CHECK("kế span", p->a[0].iStart == 0 && p->a[0].iEnd == 4);
  CHECK("fold colocated with same span",
        p->a[1].flags == FTS5_TOKEN_COLOCATED && p->a[1].iStart == 0 &&
            p->a[1].iEnd == 4);
  CHECK("hoạch span", p->a[2].iStart == 5 && p->a[2].iEnd == 12);
  CHECK("sở after CRLF", p->a[4].iStart == 14 && memcmp(z + 14, "Sở", 4) == 0 &&
                             p->a[4].iEnd == 18);
  CHECK("chính span", memcmp(z + p->a[8].iStart, "chính", 6) == 0 &&
                          p->a[8].iEnd - p->a[8].iStart == 6);
}

static void test_query_modes(void) {
  /* without a term_fold table (vp_tok_run), a plain word is itself; the
  ** expansion is checked end to end in test_fts5 */
  CHECK("plain query word: itself",
        strcmp(joined(run("khoa hoc", 1)), "khoa|hoc") == 0);
  CHECK("query flags", run("khoa", 1)->n == 1 && run("khoa", 1)->a[0].flags == 0);
  CHECK("query with diacritics: exact only",
        strcmp(joined(run("khóa học", 1)), "khoá|học") == 0);
  CHECK("exact mode", strcmp(joined(run("\x02khoa học", 1)), "khoa|học") == 0);
  toks *p = run("\x02khoa", 1);
  CHECK("exact mode offsets skip the mark",
        p->n == 1 && p->a[0].iStart == 1 && p->a[0].iEnd == 5);
  CHECK("mark means nothing in documents",
        strcmp(joined(run("\x02khoa", 0)), "khoa") == 0);
}

static void test_edges(void) {
  char zLong[1200];
  for (int i = 0; i < 300; i++)
    memcpy(zLong + 3 * i, "ệ", 3); /* 900 bytes */
  zLong[900] = '\0';
  toks *p = run(zLong, 0);
  CHECK("long word cut to VP_TOK_MAX on a boundary",
        p->n == 2 && p->a[0].n <= VP_TOK_MAX && p->a[0].n % 3 == 0 &&
            p->a[0].n >= VP_TOK_MAX - 3);
  CHECK("long word span is whole", p->a[0].iStart == 0 && p->a[0].iEnd == 900);
  CHECK("invalid UTF-8 separates", strcmp(joined(run("ab\xFF"
                                                     "cd\xE1",
                                                     0)),
                                          "ab|cd") == 0);
  CHECK("empty", run("", 0)->n == 0 && run(" -- ", 0)->n == 0);
  toks *q = malloc(sizeof(*q));
  memset(q, 0, sizeof(*q));
  q->nStopAfter = 2;
  int rc = vp_tok_run("một hai ba bốn", 18, 0, collect, q);
  CHECK("callback error stops at once", rc == 99 && q->n == 2);
  free(q);
  CHECK("words split at punctuation",
        strcmp(joined(run("COVID-19, x_y", 0)), "covid|19|x|y") == 0);
}

/* The tokens of z as "tok|tok" (fold namespace shown as ~). */
static int tokens_are(const char *z, int bQuery, const char *zWant) {
  const char *zGot = joined(run(z, bQuery));
  if (strcmp(zGot, zWant) != 0)
    fprintf(stderr, "  %s -> %s, want %s\n", z, zGot, zWant);
  return strcmp(zGot, zWant) == 0;
}

static void test_docnum(void) {
  static const struct {
    const char *z, *zWant;
  } aCase[] = {
      {"Kết luận số 69-KL/TW ngày",
       "kết+~ket|luận+~luan|số+~so|69-kl/tw|ngày+~ngay"},
      {"Quyết định 709/QĐ-TTg", "quyết+~quyet|định+~dinh|709/qd-ttg"},
      {"Nghị định 35/2021/NĐ-CP", "nghị+~nghi|định+~dinh|35/2021/nd-cp"},
      {"Kế hoạch số 472- KH/TU", "kế+~ke|hoạch+~hoach|số+~so|472-kh/tu"},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    CHECK("document number is one token",
          tokens_are(aCase[i].z, 0, aCase[i].zWant));
  }
  toks *p = run("số 472- KH/TU;", 0);
  CHECK("number span covers the noise space",
        p->n == 3 && p->a[2].iStart == 5 && p->a[2].iEnd == 15);
  CHECK("typed without dash (query)", tokens_are("69 KL/TW", 1, "69-kl/tw"));
  CHECK("typed without slash (query)",
        tokens_are("709 QĐ-TTg", 1, "709/qd-ttg"));
  CHECK("typed in ASCII (query)", tokens_are("709/QD-TTg", 1, "709/qd-ttg"));
  CHECK("plain numbers stay words",
        tokens_are("ngày 5 tháng", 1, "ngày|5|tháng"));
  /* the parts of a number, colocated in the index; read as one term in a
  ** query; "kl" and "tw" alone stay words */
  CHECK("index: Party number with its parts",
        tokens_are("số 69-KL/TW", VP_TOK_INDEX, "số|69-kl/tw+69+69-kl+kl/tw"));
  CHECK("index: State number with its parts",
        tokens_are("709/QĐ-TTg", VP_TOK_INDEX, "709/qd-ttg+709+qd-ttg+709-qd"));
  CHECK("index: number with a year",
        tokens_are("35/2021/NĐ-CP", VP_TOK_INDEX, "35/2021/nd-cp+35+2021+35/2021+35/nd-cp+nd-cp+35-nd"));
  /* the number without its leading zeros, as people type it */
  CHECK("index: number written with a leading zero",
        tokens_are("09/2025/NĐ-CP", VP_TOK_INDEX, "9/2025/nd-cp+09+9+2025+9/2025+09/2025+9/nd-cp+nd-cp+9-nd"));
  CHECK("index: Party number written with a leading zero",
        tokens_are("05-NQ/TU", VP_TOK_INDEX, "5-nq/tu+05+5+5-nq+nq/tu"));
  CHECK("query: a number typed with a leading zero is the one without",
        tokens_are("09/2025/NĐ-CP", 1, "9/2025/nd-cp"));
  CHECK("query: a Party number and type, leading zero", tokens_are("05-NQ", 1, "5-nq"));
  CHECK("query: a State number and type, as the index holds it", tokens_are("2597-QĐ", 1, "2597-qd"));
  CHECK("query: a number with its year, marked, is one term",
        tokens_are("\x03" "9/2025", 1, "9/2025"));
  CHECK("query: a code pair is one term", tokens_are("NQ/TW", 1, "nq/tw"));
  CHECK("query: QĐ-TTg is one term", tokens_are("QĐ-TTg", 1, "qd-ttg"));
  CHECK("query: number and type is one term", tokens_are("69-KL", 1, "69-kl"));
  CHECK("query: words that are no codes stay words", tokens_are("ab/cd", 1, "ab|cd"));
  CHECK("query: kl alone is a word", tokens_are("kl tw", 1, "kl|tw"));
}

/* vp_norm_batch_read: every word of a long text, a batch at a time, with the
** forms vp_norm_word gives the same word alone. */
static void test_batch_read(void) {
  static const char *aWord[] = {"Hòa", "thuỵ", "ĐỒNG", "khoa", "Café",
                                "q\xCC\x89ua", "Ελλάδα", "x7", "ngừơi"};
  char z[4096];
  int n = 0, nWord = 0, aStart[300];
  while (nWord < 300) {
    const char *w = aWord[nWord % VP_ARRAY_SIZE(aWord)];
    aStart[nWord++] = n;
    n += snprintf(z + n, sizeof(z) - (size_t)n, "%s, ", w);
  }
  vp_norm_batch *b = malloc(sizeof(*b));
  int i = 0, iWord = 0, nBatch = 0, nBad = 0;
  while (i < n && nBatch < 100) {
    int iStop = vp_norm_batch_read(z, n, i, b);
    nBatch++;
    if (b->nWord == 0)
      break;
    for (int k = 0; k < b->nWord; k++, iWord++) {
      const vp_norm_item *w = &b->aWord[k];
      char aE[64], aF[64];
      int nF = 0, bA = 0, nLen = w->iEnd - w->iStart;
      int nE = vp_norm_word(z + w->iStart, nLen, aE, 64, aF, 64, &nF, &bA);
      if (iWord >= 300 || w->iStart != aStart[iWord] || nE != w->nExact ||
          memcmp(aE, b->zExact + w->iExact, (size_t)nE) != 0 ||
          nF != w->nFold || memcmp(aF, b->zFold + w->iFold, (size_t)nF) ||
          bA != w->bAscii || w->iFold < 1) {
        nBad++;
      }
    }
    i = iStop;
  }
  CHECK("batches cover every word in order", iWord == 300 && i == n);
  CHECK("batch forms equal vp_norm_word's", nBad == 0);
  CHECK("a batch holds at most VP_NORM_BATCH words",
        nBatch == (300 + VP_NORM_BATCH - 1) / VP_NORM_BATCH);
  CHECK("fold ASCII flag", vp_norm_batch_read("Đồng Ω", 10, 0, b) == 10 &&
                               b->nWord == 2 && b->aWord[0].bFoldAscii &&
                               !b->aWord[0].bAscii && !b->aWord[1].bFoldAscii);
  CHECK("only separators", vp_norm_batch_read(" -\xE2\x80\x93 ", 6, 0, b) == 6 &&
                               b->nWord == 0);
  free(b);
}

/* A document number or a huge word at every place around a batch boundary:
** the tokens are the same as in a short text. */
static void test_batch_boundaries(void) {
  static const struct {
    const char *z, *zWant;
  } aCase[] = {
      {"69-KL/TW", "69-kl/tw"},
      {"472- KH/TU", "472-kh/tu"},
      {"35/2021/NĐ-CP", "35/2021/nd-cp"},
      {"ĐỒNG", "đồng+~dong"},
  };
  char *z = malloc(20000), *zWant = malloc(20000);
  int nBad = 0;
  for (int c = 0; c < VP_ARRAY_SIZE(aCase); c++) {
    for (int nBefore = VP_NORM_BATCH - 4; nBefore <= VP_NORM_BATCH + 2;
         nBefore++) {
      int n = 0, m = 0;
      for (int k = 0; k < nBefore; k++) {
        n += sprintf(z + n, "hoà ");
        m += sprintf(zWant + m, "%shoà+~hoa", k ? "|" : "");
      }
      n += sprintf(z + n, "%s thuỷ", aCase[c].z);
      m += sprintf(zWant + m, "|%s|thuỷ+~thuy", aCase[c].zWant);
      toks *p = run(z, 0);
      if (strcmp(joined(p), zWant) != 0 || p->n > 512)
        nBad++;
    }
  }
  CHECK("numbers and words across batch boundaries", nBad == 0);
  /* a word larger than a batch's buffers, between two short ones */
  int n = sprintf(z, "một ");
  for (int k = 0; k < 3000; k++)
    n += sprintf(z + n, "ộ");
  n += sprintf(z + n, " hai");
  toks *p = run(z, 0);
  CHECK("huge word: cut exact and fold forms, words around it",
        p->n == 5 && strcmp(p->a[0].z, "một") == 0 &&
            p->a[2].n <= VP_TOK_MAX && p->a[2].iStart == 6 &&
            p->a[2].iEnd == 6 + 9000 && p->a[3].flags != 0 &&
            strcmp(p->a[4].z, "hai") == 0);
  free(z);
  free(zWant);
}

/* The tokenizer's one-pass path and vp_norm_word's general path give the
** same forms for random words of letters and combining marks. */
static void test_paths_agree(void) {
  static const char *aFrag[] = {
      "a", "O", "u", "y", "i", "E", "q", "g", "h", "n", "đ", "Đ", "ư", "Ơ",
      "ế", "ỏ", "ủ", "ỵ", "ò", "ã", "ñ", "ß", "5",
      "\xCC\x81", "\xCC\x80", "\xCC\x83", "\xCC\xA3", "\xCC\x89",
      "\xCC\x82", "\xCC\x9B", "\xCC\x86", "\xCC\x88"};
  unsigned seed = 777;
  int nBad = 0;
  for (int iter = 0; iter < 4000; iter++) {
    char z[128];
    int n = 0, nFrag = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
    for (int k = 0; k < nFrag; k++) {
      seed = seed * 1103515245u + 12345u;
      const char *f = aFrag[(seed >> 16) % VP_ARRAY_SIZE(aFrag)];
      memcpy(z + n, f, strlen(f));
      n += (int)strlen(f);
    }
    z[n] = '\0';
    char aE[256], aF[256];
    int nF = 0, bA = 0;
    int nE = vp_norm_word(z, n, aE, 256, aF, 256, &nF, &bA);
    toks *p = run(z, 0);
    if (p->n == 0 || p->a[0].iStart != 0 || p->a[0].iEnd != n)
      continue; /* starts with a mark, or not one word: other tests */
    int bFoldTok = p->n == 2 && p->a[1].flags != 0;
    if (nE < 0 || p->a[0].n != nE || memcmp(p->a[0].z, aE, (size_t)nE) ||
        (bFoldTok && (p->a[1].n != nF + 1 || memcmp(p->a[1].z + 1, aF,
                                                     (size_t)nF))) ||
        (bA && p->n != 1)) {
      nBad++;
      fprintf(stderr, "  paths differ on %s\n", z);
    }
  }
  CHECK("one-pass and general paths agree", nBad == 0);
}

/* Random text made of fragments that stress the normalizer: its NFC and NFD
** forms must give the same tokens, and every span must be sane. */
static void test_random_nfc_nfd(void) {
  static const char *aFrag[] = {
      "a",        "A",
      "o",        "u",
      "y",        "i",
      "e",        "q",
      "g",        "h",
      "n",        "đ",
      "Đ",        "ư",
      "Ơ",        "ế",
      "Ệ",        "ỏ",
      "ủ",        "ỵ",
      "ò",        "ã",
      "ç",        "ñ",
      "ü",        "ß",
      "İ",        "\xCC\x81",
      "\xCC\x80", "\xCC\x83",
      "\xCC\xA3", "\xCC\x89",
      "\xCC\x82", "\xCC\x9B",
      "\xCC\x86", "\xCC\x88",
      " ",        " ",
      "-",        "/",
      "\r\n",     "7",
      "69-KL/TW", "Ω",
      "中",       "\xE2\x80\x93",
      "hoà",      "thuỵ",
      "qủa",      "gìa",
  };
  unsigned seed = 12345;
  int nBad = 0, nSpanBad = 0;
  for (int iter = 0; iter < 3000; iter++) {
    char z[256];
    int n = 0,
        nFrag = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
    for (int k = 0; k < nFrag; k++) {
      seed = seed * 1103515245u + 12345u;
      const char *f = aFrag[(seed >> 16) % VP_ARRAY_SIZE(aFrag)];
      int nf = (int)strlen(f);
      if (n + nf >= (int)sizeof(z))
        break;
      memcpy(z + n, f, (size_t)nf);
      n += nf;
    }
    z[n] = '\0';
    char *zC = (char *)utf8proc_NFC((const utf8proc_uint8_t *)z);
    char *zD = nfd(z);
    if (zC == NULL || zD == NULL) {
      free(zC);
      free(zD);
      continue;
    }
    for (int q = 0; q < 2; q++) {
      toks *pC = run(zC, q);
      static char aC[8192];
      snprintf(aC, sizeof(aC), "%s", joined(pC));
      toks *pD = run(zD, q);
      if (strcmp(aC, joined(pD)) != 0) {
        if (nBad++ < 5)
          fprintf(stderr, "  NFC/NFD differ: [%s] vs [%s]\n", aC, joined(pD));
      }
      for (int k = 0; k < pD->n; k++) {
        const tok *t = &pD->a[k];
        if (t->iStart < 0 || t->iEnd > (int)strlen(zD) ||
            t->iStart >= t->iEnd || t->n < 1 || t->n > VP_TOK_MAX + 1 ||
            (k > 0 && t->iStart < pD->a[k - 1].iStart)) {
          nSpanBad++;
        }
      }
    }
    free(zC);
    free(zD);
  }
  CHECK("random text: NFC and NFD give the same tokens", nBad == 0);
  CHECK("random text: spans inside the text, in order", nSpanBad == 0);
}

/* ---- FTS5 end to end -------------------------------------------------- */

static const char *azRow[] = {
    "khoa học",               /* 1 */
    "khóa học",               /* 2 */
    "hoà bình",               /* 3 */
    "hòa",                    /* 4 */
    "hoa",                    /* 5 */
    "Nghị quyết số 69-KL/TW", /* 6 */
    "công nghệ",              /* 7 */
    "hỏa hoạn",               /* 8 */
    "khoa",                   /* 9 */
    "Ủy ban nhân dân tỉnh",   /* 10 */
    "Uỷ ban",                 /* 11 */
    "đầu tư công",            /* 12 */
    "tỉ lệ hộ nghèo",         /* 13 */
    "tỷ lệ",                  /* 14 */
    "kĩ thuật",               /* 15 */
    "quy định",               /* 16 */
    "quyết định",             /* 17 */
    "vi phạm",                /* 18 */
};

/* Rowids matching zQuery, as "1,2" ("" for none, "ERR" on error). */
static const char *match(sqlite3 *db, const char *zQuery) {
  static char aOut[256];
  sqlite3_stmt *pStmt = NULL;
  int n = 0;
  aOut[0] = '\0';
  if (sqlite3_prepare_v2(db,
                         "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
                         -1, &pStmt, NULL) != SQLITE_OK) {
    return "ERR";
  }
  sqlite3_bind_text(pStmt, 1, zQuery, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    n += snprintf(aOut + n, sizeof(aOut) - (size_t)n, "%s%lld", n ? "," : "",
                  (long long)sqlite3_column_int64(pStmt, 0));
  }
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_DONE) {
    fprintf(stderr, "query %s: %s\n", zQuery, sqlite3_errmsg(db));
    return "ERR";
  }
  return aOut;
}

static void check_match(sqlite3 *db, const char *zQuery, const char *zWant) {
  const char *zGot = match(db, zQuery);
  if (strcmp(zGot, zWant) != 0)
    fprintf(stderr, "  %s -> [%s], want [%s]\n", zQuery, zGot, zWant);
  CHECK(zQuery, strcmp(zGot, zWant) == 0);
}

/* Insert a row into t and its (fold, term) pairs into term_fold. */
static int insert_row(sqlite3 *db, int iRow, const char *zText) {
  vp_vocab v;
  memset(&v, 0, sizeof(v));
  int ok = vp_vocab_collect_text(zText, (int)strlen(zText), &v) == VP_OK;
  char *zSql = sqlite3_mprintf("INSERT INTO t(rowid, x) VALUES(%d, %Q)", iRow, zText);
  ok = ok && sqlite3_exec(db, zSql, NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_free(zSql);
  const char *zTerm, *zFold;
  int iOff = 0;
  while (ok && vp_vocab_next(&v, &iOff, &zTerm, &zFold)) {
    zSql = sqlite3_mprintf("INSERT OR IGNORE INTO term_fold VALUES(%Q, %Q)", zFold, zTerm);
    ok = sqlite3_exec(db, zSql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_free(zSql);
  }
  vp_vocab_clear(&v);
  return ok;
}

static int int_of(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *s = NULL;
  int n = -1;
  if (sqlite3_prepare_v2(db, zSql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  return n;
}

/* Terms of the FTS5 index in the old fold namespace: none is expected. */
static int count_fold_terms(sqlite3 *db) {
  if (sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS tv USING fts5vocab(t, 'row')",
                   NULL, NULL, NULL) != SQLITE_OK)
    return -1;
  return int_of(db, "SELECT count(*) FROM tv WHERE substr(term, 1, 1) = char(1)");
}

static int pair_count(sqlite3 *db, const char *zFold) {
  char *zSql = sqlite3_mprintf("SELECT count(*) FROM term_fold WHERE fold = %Q", zFold);
  int n = int_of(db, zSql);
  sqlite3_free(zSql);
  return n;
}

static void test_fts5(void) {
  sqlite3 *db = NULL;
  char *zErr = NULL;
  CHECK("open", sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK("register", vp_tok_register(db, &zErr) == 0);
  free(zErr);
  CHECK("create table",
        sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='vnplan')",
                     NULL, NULL, NULL) == SQLITE_OK);
  CHECK("options refused",
        sqlite3_exec(
            db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='vnplan bad')",
            NULL, NULL, NULL) != SQLITE_OK);
  /* rows go in as the writer puts them: the text, and its words'
  ** diacritic-free forms into term_fold */
  CHECK("term_fold table",
        sqlite3_exec(db, VP_VOCAB_SCHEMA, NULL, NULL, NULL) == SQLITE_OK);
  for (int i = 0; i < VP_ARRAY_SIZE(azRow); i++)
    CHECK("insert", insert_row(db, i + 1, azRow[i]));
  CHECK("the index holds exact forms only", count_fold_terms(db) == 0);
  CHECK("term_fold pairs", pair_count(db, "khoa") == 1 && pair_count(db, "hoa") == 2 &&
                               pair_count(db, "uy") == 1 && pair_count(db, "dau") == 1);
  CHECK("no pair for an ASCII word", pair_count(db, "bin") == 0);

  check_match(db, "khoa hoc", "1,2");
  check_match(db, "\"\x02khoa học\"", "1");
  check_match(db, "\"khóa học\"", "2");
  check_match(db, "\"hòa\"", "3,4");
  check_match(db, "hoà", "3,4");
  check_match(db, "hóa", "");
  check_match(db, "hoa", "3,4,5,8");
  check_match(db, "hỏa", "8");
  check_match(db, "côn*", "7,12");
  check_match(db, "cong*", "7,12");
  check_match(db, "kho*", "1,2,9");
  check_match(db, "\"khoa hoc\"", "1,2");
  check_match(db, "\"hoc khoa\"", "");
  check_match(db, "khoa NOT hoc", "9");
  check_match(db, "hoa*", "3,4,5,8");
  check_match(db, "hoà*", "3,4");
  check_match(db, "khoa OR binh", "1,2,3,9");
  check_match(db, "NEAR(khoa hoc, 1)", "1,2");
  check_match(db, "nghi quyet", "6");
  check_match(db, "dong", "");
  check_match(db, "uy ban", "10,11");
  check_match(db, "\"uỷ ban\"", "10,11");
  check_match(db, "\"ủy ban\"", "10,11");
  check_match(db, "dau tu", "12");
  check_match(db, "\"đầu tư\"", "12");
  check_match(db, "dâu", "");
  /* a lone i or y after a first consonant of query-words.tsv's iy-initial
  ** list: either spelling, the tone kept; a prefix as typed */
  check_match(db, "tỷ lệ", "13,14");
  check_match(db, "\"tỉ lệ\"", "13,14");
  check_match(db, "ti le", "13,14");
  check_match(db, "tí", "");
  check_match(db, "kỹ thuật", "15");
  check_match(db, "ky thuat", "15");
  check_match(db, "\"\x02qui định\"", "16");
  check_match(db, "quy*", "6,16,17");
  check_match(db, "qui*", "");
  check_match(db, "vy", "");
  check_match(db,
              "\"\x02"
              "dau\"",
              "");

  /* highlight() puts the marks around the original bytes */
  sqlite3_stmt *pHl = NULL;
  sqlite3_prepare_v2(
      db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'hoa binh'",
      -1, &pHl, NULL);
  CHECK("highlight row", pHl && sqlite3_step(pHl) == SQLITE_ROW);
  const char *zHl = pHl ? (const char *)sqlite3_column_text(pHl, 0) : NULL;
  CHECK("highlight on original bytes", zHl && strcmp(zHl, "[hoà] [bình]") == 0);
  sqlite3_finalize(pHl);

  /* an NFD row is found by NFC and plain queries, highlighted on its bytes */
  char *zNfd = nfd("Thừa Thiên Huế");
  CHECK("insert NFD", insert_row(db, 20, zNfd));
  check_match(db, "huế", "20");
  check_match(db, "hue", "20");
  check_match(db, "\"thua thien\"", "20");
  sqlite3_prepare_v2(
      db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH 'thien'", -1,
      &pHl, NULL);
  zHl = pHl && sqlite3_step(pHl) == SQLITE_ROW
            ? (const char *)sqlite3_column_text(pHl, 0)
            : NULL;
  int i1 = (int)strcspn(zNfd, " ") + 1, i2 = i1 + (int)strcspn(zNfd + i1, " ");
  char *zWant =
      sqlite3_mprintf("%.*s[%.*s]%s", i1, zNfd, i2 - i1, zNfd + i1, zNfd + i2);
  CHECK("NFD highlight", zHl && strcmp(zHl, zWant) == 0);
  sqlite3_free(zWant);
  sqlite3_finalize(pHl);
  free(zNfd);

  check_match(db, "\"69-KL/TW\"", "6");
  check_match(db, "\"69 KL/TW\"", "6");
  check_match(db, "\"69-kl/tw\"", "6");
  check_match(db, "kl", "");
  check_match(db, "tw", "");
  /* the number's parts, colocated (issue 14): its digits, "69-KL", the
  ** type and issuer "KL/TW" */
  check_match(db, "69", "6");
  check_match(db, "\"69-KL\" *", "6");
  check_match(db, "\"KL/TW\"", "6");
  check_match(db, "\"NQ/TW\"", "");
  sqlite3_close(db);
}

int main(void) {
  test_utf8_and_word_cp();
  test_tone_placement();
  test_fold();
  test_nfd_sentence();
  test_offsets_crlf();
  test_query_modes();
  test_edges();
  test_docnum();
  test_random_nfc_nfd();
  test_batch_read();
  test_batch_boundaries();
  test_paths_agree();
  test_fts5();
  return vp_test_done();
}
