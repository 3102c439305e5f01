/*
** meta.c — a document's own metadata from its passages (see vp_meta.h):
** kind heading, own number ("Số: …" in the header or an appendix line "Kèm
** theo Kế hoạch số …"), date (place-date line or that appendix line), issuer,
** province, title and signer. Everything is matched on folded lines (vp_fold)
** so spelling, tone placement and NFC/NFD do not matter; words and names come
** from data tables (instrument-types.tsv, the gazetteer). Not for instruments
** cited in the body (cite.c): a number or date quoted there is never taken.
*/
#include "vp_meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_lexicon.h"

#define META_KIND_SEARCH 64   /* the kind heading is among the first lines (a portal's table
                              ** scanned apart from its values, some 30 lines, may come first) */
#define META_HEADER_NO_KIND 15 /* header lines assumed when it is missing */
#define META_SUBJECT_GAP 3     /* a letter's "V/v" line stands this close under its number */
#define META_TITLE_LINES 8
#define META_SIGNER_LOOKAHEAD 15
#define META_HEADER_LINE_MAX 100 /* folded bytes of a header cell */
#define META_PASSED_PASSAGES 12 /* a law's passing formula stands among its last passages */
#define META_DATE_WRAP 20 /* "ngay 18 thang 11": a date's start a cell wraps after */

/* data/meta-phrases.tsv lists (defined with the issuer's words below) */
static const vp_lexicon_list *meta_list(const char *zList);
static int phrase_index_at(const char *zList, const char *z, int n, int i, int *piEnd);
typedef struct meta_line meta_line;
static int is_number_line(const meta_line *pL);
static int is_title_stop(const meta_line *pL);

/* ------------------------------------------------------------ lines */

/* one line of a passage: source text (markup blanked by the reader) and its
** folded view trimmed of spaces and leftover markup */
typedef struct meta_line {
  const char *z; /* source bytes, trimmed */
  int n;
  int iOff;      /* file offset of z[0] */
  int iPassage;
  vp_pkind eKind;
  vp_fold f;     /* fold of z[0..n) */
  const char *zF; /* trimmed folded view inside f.z */
  int nF;
  int iF;         /* zF - f.z */
} meta_line;

typedef struct meta_doc {
  meta_line *aLine;
  int nLine;
  int iKind;       /* line of the kind heading, -1 if none */
  int iKindRest;   /* folded offset of the title on the kind line, 0 if none */
  int iKindValue;  /* line of a kind given as a label's value, -1 if none */
  int nHeader;     /* lines [0, nHeader) are the header */
  const vp_province *pPlace; /* province of the place-date line */
} meta_doc;

static int is_markup(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '*' || c == '#' || c == '_' ||
         c == '|' || c == '>';
}

static int add_line(meta_doc *pDoc, int *pnAlloc, const vp_passage *pP, int iPassage,
                    int iFrom, int iTo) {
  while (iFrom < iTo && is_markup(pP->zText[iFrom])) iFrom++;
  while (iTo > iFrom && is_markup(pP->zText[iTo - 1])) iTo--;
  if (iFrom >= iTo) return VP_OK;
  if (pDoc->nLine == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 64;
    meta_line *aNew = realloc(pDoc->aLine, (size_t)nNew * sizeof(meta_line));
    if (aNew == NULL) return VP_ENOMEM;
    pDoc->aLine = aNew;
    *pnAlloc = nNew;
  }
  meta_line *pL = &pDoc->aLine[pDoc->nLine];
  memset(pL, 0, sizeof(*pL));
  pL->z = pP->zText + iFrom;
  pL->n = iTo - iFrom;
  pL->iOff = pP->iStart + iFrom;
  pL->iPassage = iPassage;
  pL->eKind = pP->eKind;
  if (vp_fold_init(&pL->f, pL->z, pL->n) != VP_OK) return VP_ENOMEM;
  int iS = 0, iE = pL->f.n;
  while (iS < iE && is_markup(pL->f.z[iS])) iS++;
  while (iE > iS && is_markup(pL->f.z[iE - 1])) iE--;
  pL->zF = pL->f.z + iS;
  pL->iF = iS;
  pL->nF = iE - iS;
  pDoc->nLine++;
  return VP_OK;
}

static void doc_free(meta_doc *pDoc) {
  for (int i = 0; i < pDoc->nLine; i++) vp_fold_free(&pDoc->aLine[i].f);
  free(pDoc->aLine);
  memset(pDoc, 0, sizeof(*pDoc));
}

/* every non-empty line of every passage, in file order */
static int doc_build(const vp_text *pText, meta_doc *pDoc) {
  int rc = VP_OK, nAlloc = 0;
  memset(pDoc, 0, sizeof(*pDoc));
  pDoc->iKind = pDoc->iKindValue = -1;
  for (int iP = 0; rc == VP_OK && iP < pText->nPassage; iP++) {
    const vp_passage *pP = &pText->aPassage[iP];
    if (pP->zText == NULL) continue;
    int n = (int)strlen(pP->zText), iFrom = 0;
    for (int i = 0; rc == VP_OK && i <= n; i++) {
      if (i == n || pP->zText[i] == '\n') {
        rc = add_line(pDoc, &nAlloc, pP, iP, iFrom, i);
        iFrom = i + 1;
      }
    }
  }
  return rc;
}

/* source offset (in pL->z) of folded byte k of the trimmed view */
static int line_src_off(const meta_line *pL, int k) { return pL->f.aOff[pL->iF + k]; }

/* ------------------------------------------------------------ folded text */

static int is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_word_byte(char c) { return is_alnum(c) || (unsigned char)c >= 0x80; }

/* 1 when z[i..n) starts with the word(s) zWord ending at a word boundary */
static int word_at(const char *z, int n, int i, const char *zWord) {
  /* callers try every offset of every line: reject on the first byte
  ** before measuring zWord */
  if (zWord[0] && (i < 0 || i >= n || z[i] != zWord[0])) return 0;
  int nW = (int)strlen(zWord);
  if (i < 0 || i + nW > n || memcmp(z + i, zWord, (size_t)nW) != 0) return 0;
  if (i > 0 && is_word_byte(z[i - 1])) return 0;
  return i + nW == n || !is_word_byte(z[i + nW]);
}

/* A date's word at z[i], its own word or glued to the digits beside it:
** "tháng12", "11năm", "18tháng" as a scan or a careless typist writes
** "tháng 12", "11 năm", "18 tháng" */
static int date_word_at(const char *z, int n, int i, const char *zWord) {
  int nW = (int)strlen(zWord);
  if (i < 0 || i + nW > n || memcmp(z + i, zWord, (size_t)nW) != 0) return 0;
  if (i > 0 && is_word_byte(z[i - 1]) && !is_digit(z[i - 1])) return 0;
  return i + nW == n || !is_word_byte(z[i + nW]) || is_digit(z[i + nW]);
}

static int skip_spaces(const char *z, int n, int i) {
  while (i < n && z[i] == ' ') i++;
  return i;
}

/* read 1..nMax digits at z[i]; returns the index after them, -1 if none */
static int read_int(const char *z, int n, int i, int nMax, int *pV) {
  int v = 0, j = i;
  while (j < n && is_digit(z[j]) && j - i < nMax) v = v * 10 + (z[j++] - '0');
  if (j == i || (j < n && is_digit(z[j]))) return -1;
  *pV = v;
  return j;
}

static int valid_date(int d, int m, int y) {
  return d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1945 && y <= 2100;
}

/* A date at the word "ngay" at z[i]: "ngay 18 thang 12 nam 2024" (bLong) or
** "ngay 27 /8/2024" with spaces around the separators. Writes ISO to zIso
** (11 bytes) and returns 1, or 0. */
static int parse_date_at(const char *z, int n, int i, int *pbLong, char *zIso) {
  if (!word_at(z, n, i, "ngay")) return 0;
  int d, m, y, j = skip_spaces(z, n, i + 4);
  if ((j = read_int(z, n, j, 2, &d)) < 0) return 0;
  int k = skip_spaces(z, n, j);
  if (date_word_at(z, n, k, "thang")) {
    k = skip_spaces(z, n, k + 5);
    if ((k = read_int(z, n, k, 2, &m)) < 0) return 0;
    k = skip_spaces(z, n, k);
    if (!date_word_at(z, n, k, "nam")) return 0;
    k = skip_spaces(z, n, k + 3);
    if ((k = read_int(z, n, k, 4, &y)) < 0) return 0;
    *pbLong = 1;
  } else {
    char cSep = k < n ? z[k] : 0;
    if (cSep != '/' && cSep != '-' && cSep != '.') return 0;
    k = skip_spaces(z, n, k + 1);
    if ((k = read_int(z, n, k, 2, &m)) < 0) return 0;
    k = skip_spaces(z, n, k);
    if (k >= n || z[k] != cSep) return 0;
    k = skip_spaces(z, n, k + 1);
    if ((k = read_int(z, n, k, 4, &y)) < 0) return 0;
    *pbLong = 0;
  }
  if (!valid_date(d, m, y)) return 0;
  snprintf(zIso, 11, "%04d-%02d-%02d", y, m, d);
  return 1;
}

/* the first date at or after folded offset i; 1 if found */
static int find_date_from(const char *z, int n, int i, char *zIso) {
  for (; i < n; i++) {
    int bLong;
    if (z[i] == 'n' && parse_date_at(z, n, i, &bLong, zIso)) return 1;
  }
  return 0;
}

/* "I.", "IV)" at the start of a folded line */
static int is_roman_heading(const char *z, int n) {
  int k = 0;
  while (k < n && (z[k] == 'i' || z[k] == 'v' || z[k] == 'x')) k++;
  return k > 0 && k < n && (z[k] == '.' || z[k] == ')');
}

/* ------------------------------------------------------------ uppercase */

/* letters in source z[0..n): how many are uppercase and lowercase */
static void count_case(const char *z, int n, int *pnUpper, int *pnLower) {
  *pnUpper = *pnLower = 0;
  const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)z;
  utf8proc_ssize_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t nb = utf8proc_iterate(u + i, n - i, &cp);
    if (nb <= 0) { i++; continue; }
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_LU) (*pnUpper)++;
    else if (c == UTF8PROC_CATEGORY_LL) (*pnLower)++;
    i += nb;
  }
}

static int is_upper_line(const meta_line *pL) {
  int nU, nL;
  count_case(pL->z, pL->n, &nU, &nL);
  return nU >= 3 && nL == 0;
}

/* ------------------------------------------------------------ kinds */

/* document kinds: the "type" and "alias" lists of data/instrument-types.tsv
** (vp_lexicon.h); an alias ("Kế hoạch hành động") stands for the type row
** of its code ("Kế hoạch"); the "uncoded" list, kinds whose numbers carry
** no type code ("Luật": 60/2024/QH15), a kind only as a heading alone */
#define KIND_TABLE "instrument-types.tsv"
#define KIND_CODE_COL 0

/* the kind (a "type" entry) whose folded name starts z[0..n) at a word
** boundary, longest first; sets *pnLen. NULL if none. */
static const vp_lexicon_entry *kind_at(const char *z, int n, int *pnLen) {
  const vp_lexicon_list *pType = vp_lexicon_get(KIND_TABLE, "type");
  int nType, nAlias;
  const vp_lexicon_entry *pK = vp_lexicon_match_at(pType, z, n, 0, &nType);
  const vp_lexicon_entry *pA = vp_lexicon_match_at(vp_lexicon_get(KIND_TABLE, "alias"), z, n, 0, &nAlias);
  const vp_lexicon_entry *pAType = pA ? vp_lexicon_find_code(pType, KIND_CODE_COL, pA->azCol[KIND_CODE_COL], -1) : NULL;
  if (pAType && nAlias > nType) {
    *pnLen = nAlias;
    return pAType;
  }
  *pnLen = nType;
  return pK;
}

static int kind_number_start(const meta_line *pL);

/* Line i of the head, in capitals, as the heading of a kind whose number
** carries no type code: the name alone ("LUẬT"), or the name and the title
** ("LUẬT VIỆC LÀM") under a line numbering a document of that kind ("Luật
** số: 74/2025/QH15"): "LUẬT SƯ …" heads a page about a lawyer. The entry,
** *pnLen the name's folded length; NULL if none. */
static const vp_lexicon_entry *uncoded_heading(const meta_doc *pDoc, int i, int *pnLen) {
  const meta_line *pL = &pDoc->aLine[i];
  const vp_lexicon_list *pList = vp_lexicon_get(KIND_TABLE, "uncoded");
  const vp_lexicon_entry *pK = vp_lexicon_match_at(pList, pL->zF, pL->nF, 0, pnLen);
  if (pK == NULL || !is_upper_line(pL)) return NULL;
  if (*pnLen == pL->nF) return pK;
  for (int k = 0; k < i; k++) {
    const meta_line *pN = &pDoc->aLine[k];
    int nLen;
    if (vp_lexicon_match_at(pList, pN->zF, pN->nF, 0, &nLen) == pK && kind_number_start(pN) >= 0) return pK;
  }
  return NULL;
}

/* Lines i and i + 1, both in capitals, that together are exactly a kind
** name ("QUYẾT" / "ĐỊNH"): the kind heading, its second line the kind line. */
static int wrapped_kind(meta_doc *pDoc, int i, vp_meta *pOut) {
  if (i + 1 >= pDoc->nLine) return VP_OK;
  const meta_line *pL = &pDoc->aLine[i], *pN = &pDoc->aLine[i + 1];
  if (!is_upper_line(pL) || !is_upper_line(pN) || pL->nF + pN->nF > META_HEADER_LINE_MAX) return VP_OK;
  char *zJoin = vp_mprintf("%.*s %.*s", pL->nF, pL->zF, pN->nF, pN->zF);
  if (zJoin == NULL) return VP_ENOMEM;
  int nLen, nJoin = (int)strlen(zJoin);
  const vp_lexicon_entry *pK = kind_at(zJoin, nJoin, &nLen);
  free(zJoin);
  if (pK == NULL || nLen != nJoin) return VP_OK;
  pOut->zKind = vp_strndup(pK->zPhrase, -1);
  if (pOut->zKind == NULL) return VP_ENOMEM;
  pDoc->iKind = i + 1;
  pDoc->iKindRest = 0;
  return VP_OK;
}

/* "**NGHỊ ĐỊNH**Quy định về chính sách …": a kind name in capitals with
** its title run on after it, the title's first letter a capital (a
** portal's page that lost the line break between them). nLen: the kind's
** length in the folded view. */
static int glued_title(const meta_line *pL, int nLen) {
  int iS = pL->f.aOff[pL->iF], iE = pL->f.aOff[pL->iF + nLen];
  int nU, nL;
  count_case(pL->z + iS, iE - iS, &nU, &nL);
  if (nU < 3 || nL > 0) return 0;
  int k = iE;
  while (k < pL->n && (pL->z[k] == ' ' || pL->z[k] == '*')) k++;
  if (k >= pL->n) return 0;
  utf8proc_int32_t cp;
  if (utf8proc_iterate((const utf8proc_uint8_t *)pL->z + k, pL->n - k, &cp) <= 0) return 0;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* The kind heading: a line that is exactly a kind name ("KẾ HOẠCH"), an
** uppercase line that starts with one (the title then follows on it), or
** one whose title runs on after it (glued_title). */
static int find_kind(meta_doc *pDoc, vp_meta *pOut) {
  int nSearch = pDoc->nLine < META_KIND_SEARCH ? pDoc->nLine : META_KIND_SEARCH;
  int iValue = -1; /* a kind given as a value, the first */
  const vp_lexicon_entry *pValue = NULL;
  for (int i = 0; i < nSearch; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    int nLen;
    const vp_lexicon_entry *pK = kind_at(pL->zF, pL->nF, &nLen);
    int nU = 0;
    const vp_lexicon_entry *pU = pK ? NULL : uncoded_heading(pDoc, i, &nU);
    if (pU) { /* "LUẬT" / "DỮ LIỆU", or "LUẬT VIỆC LÀM" under "Luật số: …" */
      pOut->zKind = vp_strndup(pU->zPhrase, -1);
      if (pOut->zKind == NULL) return VP_ENOMEM;
      pDoc->iKind = i;
      pDoc->iKindRest = nU < pL->nF ? skip_spaces(pL->zF, pL->nF, nU) : 0;
      return VP_OK;
    }
    if (pK == NULL) {
      /* "QUYẾT" / "ĐỊNH": a kind heading its cell wrapped */
      int rc = wrapped_kind(pDoc, i, pOut);
      if (rc != VP_OK || pOut->zKind) return rc;
      continue;
    }
    /* "Loại văn bản:" / "Kế hoạch": a value after its label (a portal's
    ** metadata table), no heading: the kind when the document has none */
    const meta_line *pPrev = i > 0 ? &pDoc->aLine[i - 1] : NULL;
    if (pPrev && pPrev->nF > 0 && pPrev->zF[pPrev->nF - 1] == ':' && !is_upper_line(pL)) {
      if (iValue < 0 && pK && nLen == pL->nF) iValue = i, pValue = pK;
      continue;
    }
    /* "… ban hành kèm theo Quyết định 1378/QĐ-CT … như sau:" / "QUY ĐỊNH
    ** TÊN GỌI …": a title quoted after a sentence's lead-in, not this
    ** document's kind (a Q&A page quoting an appendix) */
    if (pPrev && pPrev->nF > 60 && pPrev->zF[pPrev->nF - 1] == ':') continue;
    int bWhole = (nLen == pL->nF);
    /* a kind heading is set in capitals ("KẾ HOẠCH"); "Hướng dẫn" in
    ** lower case is a menu's entry or a sentence's start */
    if (bWhole && !is_upper_line(pL)) continue;
    int bTitleAfter = !word_at(pL->zF, pL->nF, skip_spaces(pL->zF, pL->nF, nLen), "so");
    if (!bWhole && !(bTitleAfter && (is_upper_line(pL) || glued_title(pL, nLen)))) continue;
    pOut->zKind = vp_strndup(pK->zPhrase, -1);
    if (pOut->zKind == NULL) return VP_ENOMEM;
    pDoc->iKind = i;
    pDoc->iKindRest = bWhole ? 0 : skip_spaces(pL->zF, pL->nF, nLen);
    return VP_OK;
  }
  if (pValue) { /* the header is then the lines about it (vp_meta_extract) */
    pOut->zKind = vp_strndup(pValue->zPhrase, -1);
    if (pOut->zKind == NULL) return VP_ENOMEM;
    pDoc->iKindValue = iValue;
    return VP_OK;
  }
  /* no kind named: a header's subject line "V/v …" (về việc) under the
  ** number is how an official letter, a công văn, is headed (meta-phrases.tsv,
  ** list subject-line, value the kind) */
  for (int i = 1; i < nSearch; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    int iEnd, iPhrase = phrase_index_at("subject-line", pL->zF, pL->nF, 0, &iEnd);
    if (iPhrase < 0) continue;
    int bUnderNumber = 0;
    for (int k = i - 1; k >= 0 && k >= i - META_SUBJECT_GAP && !bUnderNumber; k--)
      bUnderNumber = is_number_line(&pDoc->aLine[k]);
    if (!bUnderNumber) continue;
    pOut->zKind = vp_strndup(vp_lexicon_entry_at(meta_list("subject-line"), iPhrase)->zValue, -1);
    return pOut->zKind ? VP_OK : VP_ENOMEM;
  }
  return VP_OK;
}

/* ------------------------------------------------------------ number, date */

static void add_self_span(vp_meta *pOut, int iStart, int iEnd) {
  for (int i = 0; i < pOut->nSelf; i++) {
    if (pOut->aSelfStart[i] == iStart) return;
  }
  if (pOut->nSelf >= VP_ARRAY_SIZE(pOut->aSelfStart)) return;
  pOut->aSelfStart[pOut->nSelf] = iStart;
  pOut->aSelfEnd[pOut->nSelf] = iEnd;
  pOut->nSelf++;
}

/* the number written at folded offset k of the line (digits must start
** there); 1 and *pD filled, or 0 */
static int docnum_at_fold(const meta_line *pL, int k, vp_docnum *pD) {
  if (k >= pL->nF || !is_digit(pL->zF[k])) return 0;
  return vp_docnum_at(pL->z, pL->n, line_src_off(pL, k), pD);
}

/* folded offset of what follows "Số:" / "Số" at the start of the line
** when a digit or the colon comes next ("Số: 222/…", "Số:   /KH-UBND"
** left blank in a draft), else -1 ("Sở Khoa học…" folds to "so" too) */
static int number_line_start(const meta_line *pL) {
  if (!word_at(pL->zF, pL->nF, 0, "so")) return -1;
  int k = skip_spaces(pL->zF, pL->nF, 2);
  if (k < pL->nF && pL->zF[k] == ':') return skip_spaces(pL->zF, pL->nF, k + 1);
  return (k < pL->nF && is_digit(pL->zF[k])) ? k : -1;
}

/* folded offset of the number after "Luật số:" at the start of a header
** line (a kind's name, then "số" and a colon), else -1: how a law, and
** some resolutions, write their own number */
static int kind_number_start(const meta_line *pL) {
  int nLen;
  const vp_lexicon_entry *pK = kind_at(pL->zF, pL->nF, &nLen);
  if (pK == NULL) {
    pK = vp_lexicon_match_at(vp_lexicon_get(KIND_TABLE, "uncoded"), pL->zF, pL->nF, 0, &nLen);
    if (pK == NULL) return -1;
  }
  int k = skip_spaces(pL->zF, pL->nF, nLen);
  if (!word_at(pL->zF, pL->nF, k, "so")) return -1;
  k = skip_spaces(pL->zF, pL->nF, k + 2);
  return k < pL->nF && pL->zF[k] == ':' ? skip_spaces(pL->zF, pL->nF, k + 1) : -1;
}

/* a line that is a document number and nothing else: "222/KH-UBND" under
** a "Số:" whose number a PDF conversion put on the next line */
static int is_bare_number_line(const meta_line *pL) {
  vp_docnum d;
  if (!docnum_at_fold(pL, 0, &d)) return 0;
  for (int i = d.iEnd; i < pL->n; i++) {
    if (pL->z[i] != ' ' && pL->z[i] != '\t') return 0;
  }
  return 1;
}

static int is_number_line(const meta_line *pL) {
  return number_line_start(pL) >= 0 || is_bare_number_line(pL);
}

/* "Số: 3783/QĐ-" / "UBND": a number its cell wrapped after the dash, read
** from folded offset k of pL on; the document's number when the two make
** one. */
static int wrapped_number(const meta_line *pL, int k, const meta_line *pNext, vp_meta *pOut) {
  if (pL->zF[pL->nF - 1] != '-') return VP_OK;
  int iSrc = line_src_off(pL, k), nHead = pL->n - iSrc;
  char *zJoin = vp_mprintf("%.*s%.*s", nHead, pL->z + iSrc, pNext->n, pNext->z);
  if (zJoin == NULL) return VP_ENOMEM;
  vp_docnum d;
  int rc = VP_OK;
  if (vp_docnum_at(zJoin, (int)strlen(zJoin), 0, &d) && d.iEnd > nHead) {
    pOut->zNumber = vp_strndup(d.zKey, -1);
    if (pOut->zNumber == NULL) rc = VP_ENOMEM;
    add_self_span(pOut, pL->iOff + iSrc, pL->iOff + pL->n);
    add_self_span(pOut, pNext->iOff, pNext->iOff + (d.iEnd - nHead));
  }
  free(zJoin);
  return rc;
}

/* "Số: 222/KH-UBND" in the header, or "Số:" with the number on the next
** line */
static int find_header_number(const meta_doc *pDoc, vp_meta *pOut) {
  for (int i = 0; i < pDoc->nHeader; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    int k = number_line_start(pL);
    if (k < 0) k = kind_number_start(pL);
    if (k < 0) continue;
    vp_docnum d;
    if (k >= pL->nF && i + 1 < pDoc->nHeader && is_bare_number_line(&pDoc->aLine[i + 1])) {
      pL = &pDoc->aLine[i + 1]; /* "Số:" alone, the number below */
      k = 0;
    }
    if (!docnum_at_fold(pL, k, &d)) {
      int rc = (k < pL->nF && i + 1 < pDoc->nHeader) ? wrapped_number(pL, k, &pDoc->aLine[i + 1], pOut) : VP_OK;
      if (rc != VP_OK || pOut->zNumber) return rc;
      continue;
    }
    pOut->zNumber = vp_strndup(d.zKey, -1);
    if (pOut->zNumber == NULL) return VP_ENOMEM;
    add_self_span(pOut, pL->iOff + d.iStart, pL->iOff + d.iEnd);
    return VP_OK;
  }
  return VP_OK;
}

/* "(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 …)": the
** line starts with "kèm theo" and names the document's own kind. Returns the
** folded offset just after the number, 0 if the line is not one. */
static int appendix_number(const meta_line *pL, const char *zKind, vp_docnum *pD) {
  const char *z = pL->zF;
  int n = pL->nF, k = 0;
  if (k < n && z[k] == '(') k = skip_spaces(z, n, k + 1);
  if (word_at(z, n, k, "ban hanh")) k = skip_spaces(z, n, k + 8);
  if (!word_at(z, n, k, "kem theo")) return 0;
  k = skip_spaces(z, n, k + 8);
  int nLen;
  const vp_lexicon_entry *pK = kind_at(z + k, n - k, &nLen);
  if (pK == NULL || (zKind && strcmp(pK->zPhrase, zKind) != 0)) return 0;
  k = skip_spaces(z, n, k + nLen);
  if (word_at(z, n, k, "so")) k = skip_spaces(z, n, k + 2);
  if (k < n && z[k] == ':') k = skip_spaces(z, n, k + 1);
  if (!docnum_at_fold(pL, k, pD)) return 0;
  int kEnd = k;
  while (kEnd < n && line_src_off(pL, kEnd) < pD->iEnd) kEnd++;
  return kEnd;
}

static int find_appendix_number(const meta_doc *pDoc, vp_meta *pOut, char *zDate) {
  /* a text of no kind quotes captions ("kèm theo Quyết định 1378/QĐ-CT"):
  ** they name other documents */
  if (pOut->zKind == NULL) return VP_OK;
  for (int i = pDoc->iKind + 1; i < pDoc->nLine; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    vp_docnum d;
    int kEnd = appendix_number(pL, pOut->zKind, &d);
    if (kEnd == 0) continue;
    if (pOut->zNumber == NULL) {
      pOut->zNumber = vp_strndup(d.zKey, -1);
      if (pOut->zNumber == NULL) return VP_ENOMEM;
      if (zDate[0] == 0 && !find_date_from(pL->zF, pL->nF, kEnd, zDate) && i + 1 < pDoc->nLine) {
        const meta_line *pNext = &pDoc->aLine[i + 1]; /* wrapped before "ngày" */
        int bLong;
        (void)parse_date_at(pNext->zF, pNext->nF, 0, &bLong, zDate);
      }
    }
    if (strcmp(pOut->zNumber, d.zKey) == 0) {
      add_self_span(pOut, pL->iOff + d.iStart, pL->iOff + d.iEnd);
    }
  }
  return VP_OK;
}

/* the province named by the words just before folded offset iEnd (the place
** of "Tuyên Quang, ngày …"): the longest run of at most 7 words that
** resolves */
static const vp_province *place_before(const char *z, int iEnd) {
  const vp_province *pBest = NULL;
  int nWord = 0;
  for (int i = iEnd - 1; i >= 0 && nWord < 7; i--) {
    if (i > 0 && z[i - 1] != ' ') continue;
    nWord++;
    char *zPlace = vp_strndup(z + i, iEnd - i);
    if (zPlace == NULL) break;
    const vp_province *p = vp_gaz_lookup(zPlace);
    free(zPlace);
    if (p) pBest = p;
  }
  return pBest;
}

/* The place-date line of the header: "Tuyên Quang, ngày 18 tháng 12 năm 2024"
** (or "…, ngày 18/12/2024"). Sets zDate and pDoc->pPlace. */
static void find_place_date(meta_doc *pDoc, char *zDate) {
  for (int i = 0; i < pDoc->nHeader; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    for (int k = 0; k < pL->nF; k++) {
      int bLong;
      char zIso[11];
      if (pL->zF[k] != 'n' || !word_at(pL->zF, pL->nF, k, "ngay")) continue;
      int bDate = parse_date_at(pL->zF, pL->nF, k, &bLong, zIso);
      if (!bDate && pL->nF - k <= META_DATE_WRAP && i + 1 < pDoc->nLine &&
          pDoc->aLine[i + 1].iPassage == pL->iPassage) {
        /* "Bắc Ninh, ngày 20" / "tháng 11 năm 2025", "…, ngày 18 tháng 11" /
        ** "năm 2025": a date wrapped in its cell */
        const meta_line *pN = &pDoc->aLine[i + 1];
        char *zJoin = vp_mprintf("%.*s %.*s", pL->nF - k, pL->zF + k, pN->nF, pN->zF);
        if (zJoin) bDate = parse_date_at(zJoin, (int)strlen(zJoin), 0, &bLong, zIso);
        free(zJoin);
      }
      if (!bDate) {
        /* "Tuyên Quang, ngày    tháng 12 năm 2024": a draft, the place holds */
        if (k > 1 && pL->zF[k - 1] == ' ' && pL->zF[k - 2] == ',' && pDoc->pPlace == NULL) {
          pDoc->pPlace = place_before(pL->zF, k - 2);
        }
        continue;
      }
      int j = k;
      while (j > 0 && pL->zF[j - 1] == ' ') j--;
      int bComma = (j > 0 && pL->zF[j - 1] == ',');
      if (!bLong && !bComma) continue;
      if (bComma) j--;
      while (j > 0 && pL->zF[j - 1] == ' ') j--;
      memcpy(zDate, zIso, 11);
      pDoc->pPlace = j > 0 ? place_before(pL->zF, j) : NULL;
      return;
    }
  }
}

/* ------------------------------------------------------------ province */

/* The province a unit word introduces at folded offset i ("tỉnh X", "thành
** phố X", "TP. X", "TP.HCM"), or NULL. */
static const vp_province *mention_at(const char *z, int n, int i) {
  static const char *const azUnit[] = {"tinh", "thanh pho", "tp"};
  if (i >= n || z[i] != 't') return NULL; /* every unit word starts with t */
  for (int u = 0; u < VP_ARRAY_SIZE(azUnit); u++) {
    if (!word_at(z, n, i, azUnit[u])) continue;
    int j = i + (int)strlen(azUnit[u]);
    while (j < n && (z[j] == ' ' || z[j] == '.')) j++;
    int nLen;
    const vp_province *p = vp_gaz_match_fold(z + j, n - j, &nLen);
    if (p) return p;
  }
  return NULL;
}

static const vp_province *first_mention(const meta_line *pL) {
  for (int k = 0; k < pL->nF; k++) {
    const vp_province *p = mention_at(pL->zF, pL->nF, k);
    if (p) return p;
  }
  return NULL;
}

/* the province mentioned most often as "tỉnh X" / "thành phố X" from line
** iFrom on; ties go to the one mentioned first */
static const vp_province *most_mentioned(const meta_doc *pDoc, int iFrom) {
  int nProvince = vp_gaz_count();
  const vp_province *pFirst = vp_gaz_get(0);
  int *aCount = calloc((size_t)(nProvince > 0 ? nProvince : 1), sizeof(int));
  int *aFirst = calloc((size_t)(nProvince > 0 ? nProvince : 1), sizeof(int));
  const vp_province *pBest = NULL;
  if (aCount && aFirst && pFirst) {
    int iSeen = 0;
    for (int i = iFrom; i < pDoc->nLine; i++) {
      const meta_line *pL = &pDoc->aLine[i];
      for (int k = 0; k < pL->nF; k++) {
        const vp_province *p = mention_at(pL->zF, pL->nF, k);
        if (p == NULL) continue;
        int iP = (int)(p - pFirst);
        if (aCount[iP]++ == 0) aFirst[iP] = ++iSeen;
      }
    }
    int iBest = -1;
    for (int iP = 0; iP < nProvince; iP++) {
      if (aCount[iP] == 0) continue;
      if (iBest < 0 || aCount[iP] > aCount[iBest] ||
          (aCount[iP] == aCount[iBest] && aFirst[iP] < aFirst[iBest])) {
        iBest = iP;
      }
    }
    if (iBest >= 0) pBest = vp_gaz_get(iBest);
  }
  free(aCount);
  free(aFirst);
  return pBest;
}

/* header ("ỦY BAN NHÂN DÂN / TỈNH TUYÊN QUANG"), then the place of the
** place-date line, then the body */
/* The province a header line or the place line names, else the one the
** text names most (*pbGuessed then set). */
static const vp_province *find_province(const meta_doc *pDoc, int *pbGuessed) {
  *pbGuessed = 0;
  for (int i = 0; i < pDoc->nHeader; i++) {
    const vp_province *p = first_mention(&pDoc->aLine[i]);
    if (p) return p;
  }
  if (pDoc->pPlace) return pDoc->pPlace;
  *pbGuessed = 1;
  return most_mentioned(pDoc, pDoc->nHeader);
}

/* ------------------------------------------------------------ issuer */

/* The list named zList (a string literal of this file): looked up once per
** thread and name, as callers ask at every word of every line. */
static const vp_lexicon_list *meta_list(const char *zList) {
  static _Thread_local struct { const char *zName; const vp_lexicon_list *pList; } aSeen[8];
  for (int i = 0; i < VP_ARRAY_SIZE(aSeen) && aSeen[i].zName; i++)
    if (aSeen[i].zName == zList) return aSeen[i].pList;
  const vp_lexicon_list *pList = vp_lexicon_get("meta-phrases.tsv", zList);
  for (int i = 0; i < VP_ARRAY_SIZE(aSeen); i++) {
    if (aSeen[i].zName == NULL) {
      aSeen[i].zName = zList;
      aSeen[i].pList = pList;
      break;
    }
  }
  return pList;
}

/* The index in list zList (data/meta-phrases.tsv) of the first phrase
** written at folded offset i, -1 when none; *piEnd gets the offset after
** it. */
static int phrase_index_at(const char *zList, const char *z, int n, int i, int *piEnd) {
  /* inside a word no phrase starts (word_at): most offsets end here */
  if (i > 0 && i <= n && is_word_byte(z[i - 1])) return -1;
  const vp_lexicon_list *pList = meta_list(zList);
  for (int k = 0; k < vp_lexicon_count(pList); k++) {
    const vp_lexicon_entry *e = vp_lexicon_entry_at(pList, k);
    if (word_at(z, n, i, e->zFold)) {
      *piEnd = i + e->nFold;
      return k;
    }
  }
  return -1;
}

/* Does a phrase of zList stand at folded offset i? */
static int phrase_at_list(const char *zList, const char *z, int n, int i) {
  int iEnd;
  return phrase_index_at(zList, z, n, i, &iEnd) >= 0;
}

/* issuer words ("Ủy ban nhân dân", "UBND") at folded offset i: their
** index in the issuer list (-1 if none); *piEnd gets the offset after */
static int issuer_at(const char *z, int n, int i, int *piEnd) {
  return phrase_index_at("issuer", z, n, i, piEnd);
}

/* the administrative level ("tỉnh", "thành phố", "TP.") at i */
static int level_at(const char *z, int n, int i, int *piEnd) {
  int k = phrase_index_at("level", z, n, i, piEnd);
  if (k >= 0)
    while (*piEnd < n && z[*piEnd] == '.') (*piEnd)++;
  return k;
}

static char *issuer_name(int iIssuer, int iLevel) {
  const vp_lexicon_entry *pI = vp_lexicon_entry_at(meta_list("issuer"), iIssuer);
  const vp_lexicon_entry *pL = iLevel >= 0 ? vp_lexicon_entry_at(meta_list("level"), iLevel) : NULL;
  if (pI == NULL) return NULL;
  if (pL == NULL) return vp_strndup(pI->zValue, -1);
  return vp_mprintf("%s %s", pI->zValue, pL->zValue);
}

/* The index of the level whose usual spelling is zName, -1 if none. */
static int level_named(const char *zName) {
  const vp_lexicon_list *pList = meta_list("level");
  for (int k = 0; k < vp_lexicon_count(pList); k++)
    if (strcmp(vp_lexicon_entry_at(pList, k)->zValue, zName) == 0) return k;
  return -1;
}

/* the level a province's own People's Committee has: "thành phố" for a
** centrally-run city, "tỉnh" otherwise; -1 when no province is known */
static int level_of_province(const vp_province *p) {
  if (p == NULL) return -1;
  return level_named(strcmp(p->zKind, "thành phố") == 0 ? "thành phố" : "tỉnh");
}

/* header lines that are no issuer: national motto, "Số:", place-date */
static int is_header_boilerplate(const meta_line *pL) {
  if (phrase_at_list("header-boilerplate", pL->zF, pL->nF, 0)) return 1;
  if (is_number_line(pL)) return 1;
  char zIso[11];
  if (find_date_from(pL->zF, pL->nF, 0, zIso)) return 1;
  for (int k = 0; k < pL->nF; k++) { /* a line of dashes or underscores */
    if (is_alnum(pL->zF[k])) return 0;
  }
  return 1;
}

/* The usual spelling of the body whose folded name is zF[0..nF), or NULL:
** the "issuer" and "body" lists of data/instrument-types.tsv, to show a
** header line "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in its usual spelling. */
static const char *body_of_fold(const char *zF, int nF) {
  const vp_lexicon_entry *e = vp_lexicon_find(vp_lexicon_get(KIND_TABLE, "issuer"), zF, nF);
  if (e == NULL) e = vp_lexicon_find(vp_lexicon_get(KIND_TABLE, "body"), zF, nF);
  return e ? e->zPhrase : NULL;
}

char *vp_meta_known_body(const char *z, int n) {
  char *zF = vp_fold_str(z, n);
  const char *zName = zF ? body_of_fold(zF, (int)strlen(zF)) : NULL;
  free(zF);
  return zName ? vp_strndup(zName, -1) : NULL;
}

/* a header line naming a body: its usual spelling when the instrument
** table knows it, else as written */
static char *known_body_name(const meta_line *pL) {
  const char *zName = body_of_fold(pL->zF, pL->nF);
  return zName ? vp_strndup(zName, -1) : vp_fold_display(pL->z, pL->n);
}

/* Does the header line name a body: one the instrument table or the level
** table knows, or one whose name the agency scanner reads from its first
** word ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "CỤC HẢI QUAN")? A portal's heading in
** capitals ("CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI") names none. */
static int names_a_body(const meta_line *pL) {
  if (body_of_fold(pL->zF, pL->nF)) return 1;
  if (vp_lexicon_match_at(vp_lexicon_get("issuer-levels.tsv", NULL), pL->zF, pL->nF, 0, NULL)) return 1;
  vp_agency_mention *a = NULL;
  int n = 0, bBody = 0;
  if (vp_agency_scan(pL->z, pL->n, &a, &n) == VP_OK && n > 0) {
    int i = 0;
    while (i < pL->n && (pL->z[i] == ' ' || pL->z[i] == '*')) i++;
    bBody = a[0].iStart <= i;
  }
  vp_agency_mentions_free(a, n);
  return bBody;
}

/* words in a folded line (runs of letters and digits) */
static int folded_word_count(const char *z, int n) {
  int nWord = 0;
  for (int k = 0; k < n; k++)
    if (is_word_byte(z[k]) && (k == 0 || !is_word_byte(z[k - 1]))) nWord++;
  return nWord;
}

#define META_WRAP_WORDS 2  /* a wrapped end of a header cell: "NAM", "HỒ CHÍ MINH" is 3 */
#define META_JOIN_LINES 3  /* a body's name wrapped over at most this many lines */

/* The usual name of a body whose name a header cell wraps over the lines
** aiLine[0..n) ("BỘ VĂN HÓA, THỂ" / "THAO" / "VÀ DU LỊCH"): the longest
** tail of them that the instrument table knows joined, NULL if none. */
static char *wrapped_body_name(const meta_doc *pDoc, const int *aiLine, int n) {
  for (int iFrom = 0; iFrom + 1 < n; iFrom++) {
    char *zJoin = NULL;
    for (int k = iFrom; k < n; k++) {
      const meta_line *pL = &pDoc->aLine[aiLine[k]];
      char *z = zJoin ? vp_mprintf("%s %.*s", zJoin, pL->nF, pL->zF) : vp_mprintf("%.*s", pL->nF, pL->zF);
      free(zJoin);
      if ((zJoin = z) == NULL) return NULL;
    }
    const char *zName = body_of_fold(zJoin, (int)strlen(zJoin));
    free(zJoin);
    if (zName) return vp_strndup(zName, -1);
  }
  return NULL;
}

/* The issuer from the header: the last uppercase line naming a body
** ("ỦY BAN NHÂN DÂN", "UBND TỈNH X", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"); a level
** line ("TỈNH TUYÊN QUANG") completes a People's Committee. A cell wraps in
** a PDF or a scan: a level line right under the committee is its level even
** when its place is misread ("THANH PHO HO CHĨI"), a short line that names
** nothing after the committee or the motto is the end of a wrapped line
** ("MINH", "NAM"), and a body's name may run over a few lines. */
static char *header_issuer(const meta_doc *pDoc, const vp_province *pProvince, int *pbNoMem) {
  int iLast = -1, iIssuerLast = -1, iLevelLast = -1, iLevelLine = -1, bBoilerplate = 0;
  int aiRun[META_JOIN_LINES], nRun = 0; /* the last upper lines naming no issuer */
  int bAfterBoilerplate = 0;
  for (int i = 0; i < pDoc->nHeader; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    if (is_roman_heading(pL->zF, pL->nF) || word_at(pL->zF, pL->nF, 0, "can cu")) break;
    int bWasAfter = bAfterBoilerplate;
    bAfterBoilerplate = 0;
    if (is_header_boilerplate(pL)) {
      bBoilerplate = bAfterBoilerplate = 1;
      continue;
    }
    if (!is_upper_line(pL) || pL->nF > META_HEADER_LINE_MAX) continue;
    int iEnd, iLv = level_at(pL->zF, pL->nF, 0, &iEnd);
    int bUnderIssuer = iIssuerLast >= 0 && iLast >= 0 && iLevelLast < 0 && iLevelLine < 0;
    if (iLv >= 0 && (mention_at(pL->zF, pL->nF, 0) || bUnderIssuer)) { /* "TỈNH TUYÊN QUANG" */
      if (iLevelLine < 0) iLevelLine = iLv;
      continue;
    }
    int iIssuer = issuer_at(pL->zF, pL->nF, 0, &iEnd);
    if (iIssuer < 0 && (iIssuerLast >= 0 || bWasAfter) &&
        folded_word_count(pL->zF, pL->nF) <= META_WRAP_WORDS && !names_a_body(pL))
      continue; /* "MINH", the motto's "NAM": the end of a wrapped cell */
    iLast = i;
    iIssuerLast = iIssuer;
    iLevelLast = iIssuerLast >= 0 ? level_at(pL->zF, pL->nF, skip_spaces(pL->zF, pL->nF, iEnd), &iEnd) : -1;
    if (iIssuer >= 0) {
      nRun = 0;
    } else {
      if (nRun == META_JOIN_LINES) memmove(aiRun, aiRun + 1, (META_JOIN_LINES - 1) * sizeof(int));
      aiRun[nRun < META_JOIN_LINES ? nRun++ : META_JOIN_LINES - 1] = i;
    }
  }
  char *z = NULL;
  /* without a kind heading the "header" is a guess: trust it only when it
  ** has the national motto, a "Số:" line or a place-date line */
  if (iLast < 0 || (pDoc->iKind < 0 && !bBoilerplate)) return NULL;
  if (iIssuerLast >= 0) {
    int iLevel = iLevelLast >= 0 ? iLevelLast : iLevelLine;
    z = issuer_name(iIssuerLast, iLevel >= 0 ? iLevel : level_of_province(pProvince));
  } else if (names_a_body(&pDoc->aLine[iLast])) {
    z = known_body_name(&pDoc->aLine[iLast]);
  } else if (nRun > 1 && (z = wrapped_body_name(pDoc, aiRun, nRun)) != NULL) {
    return z;
  } else {
    return NULL; /* no issuer stated in the header */
  }
  if (z == NULL) *pbNoMem = 1;
  return z;
}

/* "TM. ỦY BAN NHÂN DÂN" in the signature block */
static int signature_issuer(const meta_doc *pDoc, int *piLevel) {
  for (int i = pDoc->iKind + 1; i < pDoc->nLine; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    if (!word_at(pL->zF, pL->nF, 0, "tm")) continue;
    int k = 2;
    while (k < pL->nF && (pL->zF[k] == '.' || pL->zF[k] == ' ')) k++;
    int iEnd, iIssuer = issuer_at(pL->zF, pL->nF, k, &iEnd);
    if (iIssuer < 0) continue;
    *piLevel = level_at(pL->zF, pL->nF, skip_spaces(pL->zF, pL->nF, iEnd), &iEnd);
    return iIssuer;
  }
  return -1;
}

/* "Ủy ban nhân dân tỉnh (X) ban hành / xây dựng …" in the body, or "… của
** UBND tỉnh X)" on the appendix line giving the own number */
static int body_issuer(const meta_doc *pDoc, int *piLevel) {
  for (int i = pDoc->iKind + 1; i < pDoc->nLine; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    const char *z = pL->zF;
    int n = pL->nF;
    for (int k = 0; k < n; k++) {
      int iEnd, iIssuer = issuer_at(z, n, k, &iEnd);
      if (iIssuer < 0) continue;
      int iLevel = level_at(z, n, skip_spaces(z, n, iEnd), &iEnd);
      if (iLevel < 0) continue;
      int j = skip_spaces(z, n, iEnd), nLen;
      if (vp_gaz_match_fold(z + j, n - j, &nLen)) j = skip_spaces(z, n, j + nLen);
      if (phrase_at_list("issuing-verb", z, n, j)) {
        *piLevel = iLevel;
        return iIssuer;
      }
    }
  }
  return -1;
}

/* The body an enacting line names under the kind heading of a document
** whose header is lost: "THỦ TƯỚNG CHÍNH PHỦ điện:" (a telegram's
** formula), "BỘ TRƯỞNG BỘ Y TẾ" before "QUYẾT ĐỊNH:" — a line opening with
** an enacting authority (meta-phrases.tsv) whose words up to one last word
** and a colon, or up to its end before a line ending in a colon, are a
** body the instrument table knows. Its usual spelling, NULL if none. */
static const char *enacting_issuer(const meta_doc *pDoc) {
  for (int i = pDoc->iKind + 1; i < pDoc->nLine && i <= pDoc->iKind + META_TITLE_LINES; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    if (is_title_stop(pL)) break;
    if (!phrase_at_list("enacting-authority", pL->zF, pL->nF, 0)) continue;
    int n = pL->nF;
    while (n > 0 && (pL->zF[n - 1] == ' ' || pL->zF[n - 1] == '*')) n--;
    int bColon = n > 0 && pL->zF[n - 1] == ':';
    if (bColon) n--;
    while (n > 0 && pL->zF[n - 1] == ' ') n--;
    const char *zName = body_of_fold(pL->zF, n);
    if (zName && !bColon) { /* the formula on a line of its own */
      const meta_line *pN = i + 1 < pDoc->nLine ? &pDoc->aLine[i + 1] : NULL;
      if (pN == NULL || pN->nF == 0 || pN->zF[pN->nF - 1] != ':') zName = NULL;
    }
    if (zName == NULL && bColon) { /* "… CHÍNH PHỦ điện:": the formula's word after the name */
      int k = n;
      while (k > 0 && pL->zF[k - 1] != ' ') k--;
      while (k > 0 && pL->zF[k - 1] == ' ') k--;
      if (k > 0 && k < n) zName = body_of_fold(pL->zF, k);
    }
    if (zName) return zName;
  }
  return NULL;
}

static int find_issuer(const meta_doc *pDoc, const vp_province *pProvince, vp_meta *pOut) {
  int bNoMem = 0;
  pOut->zIssuer = header_issuer(pDoc, pProvince, &bNoMem);
  if (bNoMem) return VP_ENOMEM;
  if (pOut->zIssuer) return VP_OK;
  int iLevel = -1, iIssuer = signature_issuer(pDoc, &iLevel);
  /* in the body only a document's own kind heading makes "Ủy ban nhân dân
  ** tỉnh ban hành …" its issuer: in an article or a Q&A page it is the
  ** issuer of a document the text is about */
  if (iIssuer < 0 && pOut->zKind) iIssuer = body_issuer(pDoc, &iLevel);
  if (iIssuer < 0 && pOut->zKind && pDoc->iKind >= 0) {
    const char *zName = enacting_issuer(pDoc);
    if (zName == NULL) return VP_OK;
    pOut->zIssuer = vp_strndup(zName, -1);
    return pOut->zIssuer ? VP_OK : VP_ENOMEM;
  }
  if (iIssuer < 0) return VP_OK;
  if (iLevel < 0) iLevel = level_of_province(pProvince);
  pOut->zIssuer = issuer_name(iIssuer, iLevel);
  return pOut->zIssuer ? VP_OK : VP_ENOMEM;
}


/* ------------------------------------------------------------ header block */

static const vp_province *mention_at(const char *z, int n, int i);

/* Is the issuer whose folded name is zF[0..n) a national body: its first
** words say so and it names no province? */
static int issuer_is_national(const char *zF, int n) {
  /* the longest first words the table knows (data/issuer-levels.tsv) */
  const vp_lexicon_entry *e = vp_lexicon_match_at(vp_lexicon_get("issuer-levels.tsv", NULL), zF, n, 0, NULL);
  if (e == NULL || strcmp(e->zValue, "national") != 0) return 0;
  for (int i = 0; i < n; i++) {
    if ((i == 0 || zF[i - 1] == ' ') && mention_at(zF, n, i)) return 0;
  }
  return 1;
}

/* The date of a place-date cell ("Bắc Ninh, ngày 20 tháng 11 năm 2025"). */
static int header_date(const char *zPlaceDate, char *zIso) {
  char *zF = vp_fold_str(zPlaceDate, -1);
  if (zF == NULL) return 0;
  /* its first "ngày" is its date: one it cannot read is no licence to
  ** take a later one (a basis line the cell ran into: "Căn cứ Luật … ngày
  ** 23/6/2014") */
  int n = (int)strlen(zF), bFound = 0;
  for (int k = 0; k < n; k++) {
    int bLong;
    if (zF[k] != 'n' || !word_at(zF, n, k, "ngay")) continue;
    bFound = parse_date_at(zF, n, k, &bLong, zIso);
    break;
  }
  free(zF);
  return bFound;
}

/* The issuer of a header block's issuer cell: "Ủy ban nhân dân tỉnh" for a
** People's Committee, a known body's usual spelling, else as written. */
static char *header_block_issuer(const char *zIssuer, const vp_province *pProvince) {
  char *zF = vp_fold_str(zIssuer, -1);
  if (zF == NULL) return NULL;
  int n = (int)strlen(zF), iEnd;
  char *z = NULL;
  int iIssuer = issuer_at(zF, n, 0, &iEnd);
  if (iIssuer >= 0) {
    int iLevel = level_at(zF, n, skip_spaces(zF, n, iEnd), &iEnd);
    z = issuer_name(iIssuer, iLevel >= 0 ? iLevel : level_of_province(pProvince));
  } else {
    const char *zName = body_of_fold(zF, n);
    if (zName) {
      z = vp_strndup(zName, -1);
    } else {
      /* "BỘ TÀI CHÍNH / CỤC HẢI QUAN": the body under its parent issues;
      ** a name the agency table knows is shown in its usual spelling */
      vp_agency_mention *a = NULL;
      int nM = 0;
      if (vp_agency_scan(zIssuer, (int)strlen(zIssuer), &a, &nM) == VP_OK && nM > 0 &&
          a[nM - 1].pAgency && !a[nM - 1].pAgency->bGeneric)
        z = vp_strndup(a[nM - 1].zCanon, -1);
      else
        z = vp_fold_display(zIssuer, -1);
      vp_agency_mentions_free(a, nM);
    }
  }
  free(zF);
  if (z) { /* rules under the issuer ("-------") are no part of its name */
    int m = (int)strlen(z);
    while (m > 0 && (z[m - 1] == '-' || z[m - 1] == ' ' || z[m - 1] == '_')) z[--m] = 0;
  }
  return z;
}

/* ------------------------------------------------------------ title */

/* lines that never belong to a title */
static int is_title_stop(const meta_line *pL) {
  if (phrase_at_list("title-stop", pL->zF, pL->nF, 0)) return 1;
  if (number_line_start(pL) >= 0) return 1; /* a wrapped "… số\n57-NQ/TW" is title */
  if (is_roman_heading(pL->zF, pL->nF)) return 1;
  char zIso[11];
  int bLong;
  for (int k = 0; k < pL->nF; k++) {
    if (pL->zF[k] == 'n' && parse_date_at(pL->zF, pL->nF, k, &bLong, zIso) && bLong) return 1;
  }
  return 0;
}

static void title_append(vp_buf *pBuf, const meta_line *pL, int kFrom, int *pRc) {
  int iSrc = line_src_off(pL, kFrom);
  if (pBuf->n > 0) vp_buf_append(pBuf, " ", 1, pRc);
  vp_buf_append(pBuf, pL->z + iSrc, (size_t)(pL->n - iSrc), pRc);
}

/* The line(s) after the kind heading: the next line, and following lines of
** the same passage or, when it is uppercase, following uppercase lines. */
/* Line i, a passage of its own after the title's line iPrev, names who
** enacts ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", meta-phrases.tsv list
** enacting-authority) and the legal basis ("Căn cứ …") or the enacting word
** ("QUYẾT ĐỊNH:") comes next: the title has ended. */
static int enacting_line(const meta_doc *pDoc, int i, int iPrev) {
  const meta_line *pL = &pDoc->aLine[i];
  if (pL->iPassage == pDoc->aLine[iPrev].iPassage || !phrase_at_list("enacting-authority", pL->zF, pL->nF, 0))
    return 0;
  for (int k = i + 1; k < pDoc->nLine && k <= i + 2; k++) { /* the name may wrap once */
    const meta_line *pN = &pDoc->aLine[k];
    if (is_title_stop(pN) || (pN->nF > 0 && pN->zF[pN->nF - 1] == ':')) return 1;
    if (pN->iPassage != pL->iPassage) return 0;
  }
  return 0;
}

static int find_title(const meta_doc *pDoc, vp_meta *pOut) {
  if (pDoc->iKind < 0) return VP_OK;
  vp_buf b = {0};
  int rc = VP_OK, iPrev = -1;
  const meta_line *pKind = &pDoc->aLine[pDoc->iKind];
  if (pDoc->iKindRest > 0) {
    title_append(&b, pKind, pDoc->iKindRest, &rc);
    iPrev = pDoc->iKind;
  }
  for (int i = pDoc->iKind + 1; i < pDoc->nLine && i <= pDoc->iKind + META_TITLE_LINES; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    if (is_title_stop(pL)) break;
    if (iPrev >= 0) {
      const meta_line *pP = &pDoc->aLine[iPrev];
      int bSamePassage = pL->iPassage == pP->iPassage && pP->iPassage != pKind->iPassage;
      int nPrevU, nPrevL;
      count_case(pP->z, pP->n, &nPrevU, &nPrevL);
      /* "VỀ" / "PHÔNG LƯU TRỮ …": a title's short first word in capitals goes on */
      int bPrevUpper = nPrevU >= 1 && nPrevL == 0, bUpper = is_upper_line(pL);
      char cPrevEnd = pP->zF[pP->nF - 1];
      /* "… Nghị quyết số" ends on a word that wants its number: go on */
      int bWantsNumber = pP->nF >= 2 && memcmp(pP->zF + pP->nF - 2, "so", 2) == 0 &&
                         (pP->nF == 2 || pP->zF[pP->nF - 3] == ' ') && is_digit(pL->zF[0]);
      if (!bWantsNumber) {
        if (bPrevUpper && !bUpper) break; /* the body starts after an uppercase title */
        if (cPrevEnd == '.' || cPrevEnd == ';' || cPrevEnd == ':') break;
        if (!bSamePassage && !(bPrevUpper && bUpper)) break;
      }
    }
    if (iPrev >= 0 && enacting_line(pDoc, i, iPrev)) break;
    title_append(&b, pL, 0, &rc);
    iPrev = i;
  }
  if (rc == VP_OK && b.n > 0) {
    pOut->zTitle = vp_fold_display(b.z, (int)b.n);
    if (pOut->zTitle == NULL) rc = VP_ENOMEM;
  }
  vp_buf_free(&b);
  return rc;
}

/* ------------------------------------------------------------ signer */

/* the first line of a signature block: "TM. …", "KT. …", "TL. …", "Q. …" */
static int is_signature_start(const meta_line *pL) {
  const vp_lexicon_list *pStart = meta_list("signature-start");
  for (int i = 0; i < vp_lexicon_count(pStart); i++) {
    const vp_lexicon_entry *e = vp_lexicon_entry_at(pStart, i);
    if (pL->nF > e->nFold && strncmp(pL->zF, e->zFold, (size_t)e->nFold) == 0) return 1;
  }
  return pL->eKind == VP_P_SIGNATURE;
}

/* words of titles, which an uppercase signer line must not contain */
static int has_title_word(const meta_line *pL) {
  for (int k = 0; k < pL->nF; k++) {
    if (phrase_at_list("signer-title-word", pL->zF, pL->nF, k)) return 1;
  }
  return 0;
}

/* a person's name: 2 to 5 words, each starting with a capital letter, all
** letters (mixed case, or uppercase without a title word) */
static int looks_like_name(const meta_line *pL) {
  int nWord = 0, bWordStart = 1;
  const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)pL->z;
  utf8proc_ssize_t i = 0;
  while (i < pL->n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t nb = utf8proc_iterate(u + i, pL->n - i, &cp);
    if (nb <= 0) return 0;
    i += nb;
    if (cp == ' ' || cp == 0xA0 || cp == '\t') {
      bWordStart = 1;
      continue;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    if (bWordStart) {
      if (c != UTF8PROC_CATEGORY_LU) return 0;
      nWord++;
      bWordStart = 0;
    } else if (c != UTF8PROC_CATEGORY_LL && c != UTF8PROC_CATEGORY_LU && c != UTF8PROC_CATEGORY_MN) {
      return 0;
    }
  }
  if (nWord < 2 || nWord > 5) return 0;
  return !is_upper_line(pL) || !has_title_word(pL);
}

static int find_signer(const meta_doc *pDoc, vp_meta *pOut) {
  for (int i = pDoc->iKind + 1; i < pDoc->nLine; i++) {
    if (!is_signature_start(&pDoc->aLine[i])) continue;
    for (int j = i + 1; j < pDoc->nLine && j <= i + META_SIGNER_LOOKAHEAD; j++) {
      const meta_line *pL = &pDoc->aLine[j];
      if (word_at(pL->zF, pL->nF, 0, "phu luc")) break;
      if (!looks_like_name(pL)) continue;
      pOut->zSigner = vp_fold_display(pL->z, pL->n);
      return pOut->zSigner ? VP_OK : VP_ENOMEM;
    }
  }
  return VP_OK;
}

/* ------------------------------------------------------------ portal table */

/* A legal portal's metadata table before the document: each label on its
** line ("Số hiệu:", "Nơi ban hành:", "Ngày ban hành:"; meta-phrases.tsv,
** list portal-field, value the field) and its value on the next line that
** holds anything (the cells' bars are markup). What the portal states is
** taken when the document's own header does not say it. */
enum { PORTAL_NUMBER, PORTAL_ISSUER, PORTAL_DATE, PORTAL_FIELDS };

static void find_portal_fields(const meta_doc *pDoc, int aiValue[PORTAL_FIELDS]) {
  static const char *const azField[PORTAL_FIELDS] = {"number", "issuer", "date"};
  for (int f = 0; f < PORTAL_FIELDS; f++) aiValue[f] = -1;
  int nSearch = pDoc->nLine < META_KIND_SEARCH ? pDoc->nLine : META_KIND_SEARCH;
  for (int i = 0; i + 1 < nSearch; i++) {
    const meta_line *pL = &pDoc->aLine[i];
    int iEnd, iPhrase = phrase_index_at("portal-field", pL->zF, pL->nF, 0, &iEnd);
    if (iPhrase < 0) continue;
    int k = skip_spaces(pL->zF, pL->nF, iEnd);
    if (k >= pL->nF || pL->zF[k] != ':' || skip_spaces(pL->zF, pL->nF, k + 1) != pL->nF) continue;
    /* a scan may set the labels apart from their values: a label is no value */
    const meta_line *pV = &pDoc->aLine[i + 1];
    if (pV->nF > 0 && pV->zF[pV->nF - 1] == ':') continue;
    const char *zField = vp_lexicon_entry_at(meta_list("portal-field"), iPhrase)->zValue;
    for (int f = 0; f < PORTAL_FIELDS; f++) {
      if (strcmp(zField, azField[f]) == 0 && aiValue[f] < 0) aiValue[f] = i + 1;
    }
  }
}

/* The portal's "Ngày ban hành:" value ("21/11/2025") as ISO; 1 if a date. */
static int portal_date(const meta_line *pL, char *zIso) {
  char *zDate = vp_mprintf("ngay %.*s", pL->nF, pL->zF);
  int bLong = 0, bDate = zDate && parse_date_at(zDate, (int)strlen(zDate), 0, &bLong, zIso);
  free(zDate);
  return bDate;
}

/* "Luật này được Quốc hội … kỳ họp thứ 8 thông qua ngày 30 tháng 11 năm
** 2024.": the date a law was passed (meta-phrases.tsv, list passed), from
** the last passages of a document of an uncoded kind; 1 and zIso set, or 0
** (-1 on VP_ENOMEM). */
static int find_passed_date(const vp_text *pText, const char *zKind, char *zIso) {
  if (zKind == NULL) return 0;
  char *zKindF = vp_fold_str(zKind, -1);
  if (zKindF == NULL) return -1;
  int bUncoded = vp_lexicon_find(vp_lexicon_get(KIND_TABLE, "uncoded"), zKindF, -1) != NULL;
  free(zKindF);
  if (!bUncoded) return 0;
  int iFrom = pText->nPassage > META_PASSED_PASSAGES ? pText->nPassage - META_PASSED_PASSAGES : 0;
  for (int iP = pText->nPassage - 1; iP >= iFrom; iP--) {
    const char *z = pText->aPassage[iP].zText;
    if (z == NULL) continue;
    char *zF = vp_fold_str(z, -1);
    if (zF == NULL) return -1;
    int n = (int)strlen(zF), bFound = 0;
    for (int i = 0; i < n; i++)
      if (zF[i] == '\n') zF[i] = ' ';
    for (int i = 0; i < n && !bFound; i++) {
      int iEnd, bLong;
      if (phrase_index_at("passed", zF, n, i, &iEnd) >= 0)
        bFound = parse_date_at(zF, n, skip_spaces(zF, n, iEnd), &bLong, zIso);
    }
    free(zF);
    if (bFound) return 1;
  }
  return 0;
}

/* ------------------------------------------------------------ entry */

int vp_meta_extract(const vp_text *pText, vp_meta *pOut, char **pzErr) {
  memset(pOut, 0, sizeof(*pOut));
  meta_doc doc;
  char zDate[11] = "";
  int rc = doc_build(pText, &doc);
  if (rc == VP_OK) rc = find_kind(&doc, pOut);
  if (rc == VP_OK) {
    /* no kind heading: the first lines, or those after a portal's
    ** "Loại văn bản:" (its metadata table comes before the document) */
    int nNoKind = (doc.iKindValue >= 0 ? doc.iKindValue : 0) + META_HEADER_NO_KIND;
    doc.nHeader = doc.iKind >= 0 ? doc.iKind : (doc.nLine < nNoKind ? doc.nLine : nNoKind);
    rc = find_header_number(&doc, pOut);
  }
  int aiPortal[PORTAL_FIELDS];
  find_portal_fields(&doc, aiPortal);
  if (rc == VP_OK && pOut->zNumber == NULL && aiPortal[PORTAL_NUMBER] >= 0) {
    const meta_line *pL = &doc.aLine[aiPortal[PORTAL_NUMBER]];
    vp_docnum d;
    if (is_bare_number_line(pL) && docnum_at_fold(pL, 0, &d)) {
      pOut->zNumber = vp_strndup(d.zKey, -1);
      if (pOut->zNumber == NULL) rc = VP_ENOMEM;
      else add_self_span(pOut, pL->iOff + d.iStart, pL->iOff + d.iEnd);
    }
  }
  if (rc == VP_OK) {
    find_place_date(&doc, zDate);
    rc = find_appendix_number(&doc, pOut, zDate);
  }
  if (rc == VP_OK && zDate[0]) {
    pOut->zDate = vp_strndup(zDate, -1);
    if (pOut->zDate == NULL) rc = VP_ENOMEM;
  }
  const vp_header *pHead = &pText->header;
  int bNational = 0;
  if (rc == VP_OK && pHead->zPlaceDate) {
    char zIso[11];
    if (header_date(pHead->zPlaceDate, zIso)) {
      free(pOut->zDate);
      pOut->zDate = vp_strndup(zIso, -1);
      if (pOut->zDate == NULL) rc = VP_ENOMEM;
    }
  }
  if (rc == VP_OK && pOut->zDate == NULL) {
    char zIso[11];
    int r = find_passed_date(pText, pOut->zKind, zIso);
    if (r < 0) rc = VP_ENOMEM;
    else if (r > 0 && (pOut->zDate = vp_strndup(zIso, -1)) == NULL) rc = VP_ENOMEM;
  }
  if (rc == VP_OK && pOut->zDate == NULL && aiPortal[PORTAL_DATE] >= 0) {
    char zIso[11];
    if (portal_date(&doc.aLine[aiPortal[PORTAL_DATE]], zIso)) {
      pOut->zDate = vp_strndup(zIso, -1);
      if (pOut->zDate == NULL) rc = VP_ENOMEM;
    }
  }
  /* the header block's issuer cell, unless it is the motto (the portal's
  ** copy may leave the issuer's cell in the table before it) */
  const char *zHeadIssuer = pHead->zIssuer;
  if (rc == VP_OK && zHeadIssuer) {
    char *zF = vp_fold_str(zHeadIssuer, -1);
    if (zF == NULL) rc = VP_ENOMEM;
    else if (phrase_at_list("header-boilerplate", zF, (int)strlen(zF), 0)) zHeadIssuer = NULL;
    else if (zF[0] && zF[strlen(zF) - 1] == ':') zHeadIssuer = NULL; /* a label ("Tình trạng:"), no name */
    else bNational = issuer_is_national(zF, (int)strlen(zF));
    free(zF);
  }
  /* no issuer in the header: a national issuer's code in the number
  ** ("304/2025/NĐ-CP", "2639/QĐ-TTg") says the document is national */
  const char *zCodeIssuer = NULL;
  if (rc == VP_OK && zHeadIssuer == NULL && pOut->zNumber) {
    vp_docnum dn;
    if (vp_docnum_next(pOut->zNumber, (int)strlen(pOut->zNumber), 0, &dn))
      zCodeIssuer = vp_docnum_national_issuer(&dn);
    if (zCodeIssuer) bNational = 1;
  }
  /* the portal's issuer: a province ("Tỉnh Nghệ An") is the document's; a
  ** national body ("Cục Thuế", "Bộ Nội vụ") makes it national */
  const vp_province *pPortalProvince = NULL;
  char *zPortalIssuer = NULL;
  if (rc == VP_OK && aiPortal[PORTAL_ISSUER] >= 0) {
    const meta_line *pL = &doc.aLine[aiPortal[PORTAL_ISSUER]];
    pPortalProvince = mention_at(pL->zF, pL->nF, 0);
    if (pPortalProvince == NULL && issuer_is_national(pL->zF, pL->nF)) {
      bNational = 1;
      zPortalIssuer = vp_fold_display(pL->z, pL->n);
      if (zPortalIssuer == NULL) rc = VP_ENOMEM;
    }
  }
  const vp_province *pProvince = NULL;
  int bGuessed = 0; /* the province only the text's mentions say */
  if (rc == VP_OK && !bNational) {
    pProvince = pPortalProvince ? pPortalProvince : find_province(&doc, &bGuessed);
    if (pProvince) {
      pOut->zProvince = vp_strndup(pProvince->zName, -1);
      if (pOut->zProvince == NULL) rc = VP_ENOMEM;
    }
  }
  if (rc == VP_OK && zHeadIssuer) {
    pOut->zIssuer = header_block_issuer(zHeadIssuer, pProvince);
    if (pOut->zIssuer == NULL) rc = VP_ENOMEM;
  }
  /* a national code's canonical name, else the portal's spelling */
  if (rc == VP_OK && pOut->zIssuer == NULL && zCodeIssuer) {
    pOut->zIssuer = vp_strndup(zCodeIssuer, -1);
    if (pOut->zIssuer == NULL) rc = VP_ENOMEM;
  }
  if (rc == VP_OK && pOut->zIssuer == NULL && zPortalIssuer) {
    pOut->zIssuer = zPortalIssuer;
    zPortalIssuer = NULL;
  }
  free(zPortalIssuer);
  if (rc == VP_OK && pOut->zIssuer == NULL) {
    rc = find_issuer(&doc, pProvince, pOut);
    /* a ministry named in the header's lines: a national document, whose
    ** place-date line ("Hà Nội, ngày …") names no province of its own */
    if (rc == VP_OK && pOut->zIssuer && pOut->zProvince) {
      char *zF = vp_fold_str(pOut->zIssuer, -1);
      if (zF == NULL) rc = VP_ENOMEM;
      else if (issuer_is_national(zF, (int)strlen(zF))) {
        free(pOut->zProvince);
        pOut->zProvince = NULL;
      }
      free(zF);
    }
  }
  /* a page that shows a document with no header of its own ("Nơi ban
  ** hành: Thành phố Hồ Chí Minh", "Số hiệu: 4001/UBND-ĐT"): the issuer
  ** its number's code names ("Ủy ban nhân dân") */
  if (rc == VP_OK && pOut->zIssuer == NULL && pOut->zNumber && aiPortal[PORTAL_ISSUER] >= 0) {
    vp_docnum dn;
    const char *zName = NULL;
    if (vp_docnum_next(pOut->zNumber, (int)strlen(pOut->zNumber), 0, &dn)) zName = vp_docnum_issuer_name(&dn);
    if (zName) {
      pOut->zIssuer = vp_strndup(zName, -1);
      if (pOut->zIssuer == NULL) rc = VP_ENOMEM;
    }
  }
  /* no issuer, and no kind or no province but the text's mentions: a text
  ** about a province (an article, a Q&A page and its form templates, a
  ** notice of a national body's visit) is none of its documents, whatever
  ** its title, place line or text names most */
  if (rc == VP_OK && pOut->zIssuer == NULL && pPortalProvince == NULL && (bGuessed || pOut->zKind == NULL)) {
    free(pOut->zProvince);
    pOut->zProvince = NULL;
  }
  if (rc == VP_OK) rc = find_title(&doc, pOut);
  if (rc == VP_OK) rc = find_signer(&doc, pOut);
  doc_free(&doc);
  if (rc != VP_OK) {
    vp_meta_clear(pOut);
    if (pzErr) *pzErr = vp_mprintf("out of memory reading document metadata");
  }
  return rc;
}

void vp_meta_clear(vp_meta *p) {
  if (p == NULL) return;
  free(p->zKind);
  free(p->zNumber);
  free(p->zDate);
  free(p->zIssuer);
  free(p->zProvince);
  free(p->zTitle);
  free(p->zSigner);
  memset(p, 0, sizeof(*p));
}
