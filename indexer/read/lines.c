/*
** lines.c — the reader's lines (see read_int.h): small character helpers,
** cutting the file into lines, the word list of data/wrap-words.tsv, list
** labels ("II.", "3.1", "a)", "-") and the features of each line (bold,
** capitals, final punctuation, signature, recipients, header block, column
** name, row number, a word that cannot end a sentence).
**
** Not for markup (markup.c blanks it before features are read) nor for
** grouping lines into passages (paragraphs.c, tables.c, pipecells.c).
*/
#include "read_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_columns.h"
#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

/* ------------------------------------------------------------------------
** Word tables (folded: lowercase ASCII, no diacritics, spaces collapsed)
*/

#define RD_FOLD_MAX 240 /* bytes of a line folded for word tests */

/* ------------------------------------------------------------------------
** Small character helpers
*/

int rd_is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

int rd_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

int rd_is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decode the code point at z[i] (i < n). Returns its length (>= 1). */
int rd_decode(const char *z, int n, int i, int *pCp) {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)z + i,
                                          n - i, &cp);
  if (len <= 0) {
    *pCp = 0xFFFD;
    return 1;
  }
  *pCp = cp;
  return (int)len;
}

/* Start of the code point ending just before z[i] (never before iMin). */
int rd_prev_start(const char *z, int iMin, int i) {
  int j = i - 1;
  int k = 0;
  while (j > iMin && k < 3 && ((unsigned char)z[j] & 0xC0) == 0x80) {
    j--;
    k++;
  }
  return j;
}

static int rd_is_mark_cat(int cat) {
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
         cat == UTF8PROC_CATEGORY_ME;
}

/* NBSP (C2 A0) counts as white space when trimming. */
static int rd_space_at(const char *z, int i, int e) {
  if (rd_is_space((unsigned char)z[i])) return 1;
  if (i + 1 < e && (unsigned char)z[i] == 0xC2 && (unsigned char)z[i + 1] == 0xA0)
    return 2;
  return 0;
}

void rd_trim(const char *z, int *pS, int *pE) {
  int s = *pS, e = *pE, k;
  while (s < e && (k = rd_space_at(z, s, e)) > 0) s += k;
  while (e > s) {
    if (rd_is_space((unsigned char)z[e - 1])) {
      e--;
    } else if (e - 2 >= s && (unsigned char)z[e - 2] == 0xC2 &&
               (unsigned char)z[e - 1] == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  *pS = s;
  *pE = e;
}

/* malloc'd copy of z[s,e) trimmed with inner white space runs collapsed. */
char *rd_collapse(const char *z, int s, int e) {
  rd_trim(z, &s, &e);
  char *zOut = malloc((size_t)(e - s) + 1);
  if (zOut == NULL) return NULL;
  int n = 0, bSpace = 0, k;
  for (int i = s; i < e;) {
    if ((k = rd_space_at(z, i, e)) > 0) {
      bSpace = 1;
      i += k;
      continue;
    }
    if (bSpace && n > 0) zOut[n++] = ' ';
    bSpace = 0;
    zOut[n++] = z[i++];
  }
  zOut[n] = 0;
  return zOut;
}

/* Folded copy of at most RD_FOLD_MAX bytes of z[s,e), cut on a character
** boundary. NULL on OOM. */
char *rd_fold_prefix(const char *z, int s, int e) {
  int n = e - s;
  if (n > RD_FOLD_MAX) {
    n = RD_FOLD_MAX;
    while (n > 0 && ((unsigned char)z[s + n] & 0xC0) == 0x80) n--;
  }
  return vp_fold_str(z + s, n);
}

int rd_starts_with(const char *z, const char *zPrefix) {
  return strncmp(z, zPrefix, strlen(zPrefix)) == 0;
}

static int rd_ci_starts(const char *z, int n, const char *zPrefix) {
  int k = (int)strlen(zPrefix);
  if (n < k) return 0;
  for (int i = 0; i < k; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != zPrefix[i]) return 0;
  }
  return 1;
}

/* ------------------------------------------------------------------------
** Lines
*/

int rd_cut_lines(rd_ctx *p) {
  int nLine = 1;
  for (const char *q = p->zRaw; (q = memchr(q, '\n', (size_t)(p->zRaw + p->nRaw - q)));
       q++)
    nLine++;
  p->aLine = calloc((size_t)nLine, sizeof(rd_line));
  if (p->aLine == NULL) return VP_ENOMEM;
  int iStart = 0;
  for (int k = 0; k < nLine; k++) {
    const char *q = memchr(p->zRaw + iStart, '\n', (size_t)(p->nRaw - iStart));
    int iEnd = q ? (int)(q - p->zRaw) : p->nRaw;
    p->aLine[k].iRaw = iStart;
    p->aLine[k].iRawEnd = iEnd;
    p->aLine[k].iLineNo = k + 1;
    iStart = iEnd + 1;
  }
  p->nLine = nLine;
  return VP_OK;
}

int rd_is_blank(const rd_line *pL) { return pL->iCs >= pL->iCe; }

/* Next non-blank line after i, or nLine. */
int rd_next_line(const rd_ctx *p, int i) {
  i++;
  while (i < p->nLine && rd_is_blank(&p->aLine[i])) i++;
  return i;
}

/* A line with nothing but white space in the raw text (a markup-only line
** such as "**" is not blank there). */
int rd_raw_blank(const rd_ctx *p, int k) {
  const rd_line *pL = &p->aLine[k];
  for (int i = pL->iRaw; i < pL->iRawEnd; i++)
    if (!rd_is_space((unsigned char)p->zRaw[i])) return 0;
  return 1;
}

/* ------------------------------------------------------------------------
** Labels
*/

static int rd_roman_ok(const char *z, int n) {
  static const char *const azRoman[] = {
      "I",     "II",     "III",    "IV",    "V",    "VI",    "VII",
      "VIII",  "IX",     "X",      "XI",    "XII",  "XIII",  "XIV",
      "XV",    "XVI",    "XVII",   "XVIII", "XIX",  "XX",    "XXI",
      "XXII",  "XXIII",  "XXIV",   "XXV",   "XXVI", "XXVII", "XXVIII",
      "XXIX",  "XXX"};
  for (int k = 0; k < VP_ARRAY_SIZE(azRoman); k++) {
    if ((int)strlen(azRoman[k]) == n && memcmp(azRoman[k], z, (size_t)n) == 0)
      return 1;
  }
  return 0;
}

static int rd_first_is_lower(const char *z, int i, int e) {
  int cp;
  if (i >= e) return 0;
  rd_decode(z, e, i, &cp);
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Does z[i..e) open with a capital letter? */
static int rd_first_is_upper(const char *z, int i, int e) {
  int cp;
  if (i >= e) return 0;
  rd_decode(z, e, i, &cp);
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static void rd_set_label(rd_label *pL, int eType, const char *z, int n) {
  pL->eType = eType;
  if (n > (int)sizeof(pL->zLabel) - 1) n = (int)sizeof(pL->zLabel) - 1;
  memcpy(pL->zLabel, z, (size_t)n);
  pL->zLabel[n] = 0;
}

/* Digits of a numeric label at z[i]: "3", "3.1", "4.2.1". Returns the end
** offset, or 0; *pnDepth gets the number of components. */
static int rd_scan_number(const char *z, int i, int e, int *pnDepth) {
  int j = i;
  while (j < e && j - i < 4 && rd_is_digit((unsigned char)z[j])) j++;
  if (j == i || j - i > 3) return 0;
  int nDepth = 1;
  while (j + 1 < e && z[j] == '.' && rd_is_digit((unsigned char)z[j + 1])) {
    int k = j + 1;
    while (k < e && k - j <= 3 && rd_is_digit((unsigned char)z[k])) k++;
    if (k - j - 1 > 2) return 0; /* "2.000": a number, not a label */
    j = k;
    nDepth++;
  }
  *pnDepth = nDepth;
  return j;
}

/* The list label at the start of the content z[i,e), if any. */
static int rd_parse_label(const char *z, int i, int e, rd_label *pL) {
  memset(pL, 0, sizeof(*pL));
  if (i >= e) return 0;
  unsigned char c = (unsigned char)z[i];
  /* bullets */
  static const struct {
    const char *z;
    int eType;
    const char *zLabel;
  } aBullet[] = {
      {"-", LB_DASH, "-"},           {"+", LB_PLUS, "+"},
      {"*", LB_BULLET, "*"},         {"\xE2\x80\xA2", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x80\x93", LB_DASH, "-"}, {"\xE2\x80\x94", LB_DASH, "-"},
      {"\xEF\x82\xA7", LB_BULLET, "\xE2\x80\xA2"},
      {"\xEF\x82\xB7", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x97\xA6", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x96\xAA", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x9E\xA2", LB_BULLET, "\xE2\x80\xA2"},
  };
  for (int k = 0; k < VP_ARRAY_SIZE(aBullet); k++) {
    int n = (int)strlen(aBullet[k].z);
    if (i + n < e && memcmp(z + i, aBullet[k].z, (size_t)n) == 0 &&
        rd_space_at(z, i + n, e)) {
      rd_set_label(pL, aBullet[k].eType, aBullet[k].zLabel,
                   (int)strlen(aBullet[k].zLabel));
      int s = i + n, t = e;
      rd_trim(z, &s, &t);
      pL->iText = s;
      return 1;
    }
  }
  int j, nDepth = 0;
  /* a legal text's parts: "Chương II", "Mục 2.", "Điều 5. Cơ cấu tổ chức" */
  static const struct {
    const char *z;
    int eType;
  } aPart[] = {{"\xC4\x90i\xE1\xBB\x81u ", LB_ARTICLE},   /* "Điều " */
               {"Ch\xC6\xB0\xC6\xA1ng ", LB_CHAPTER},  /* "Chương " */
               {"M\xE1\xBB\xA5""c ", LB_SECTION}};      /* "Mục " */
  for (int k = 0; k < VP_ARRAY_SIZE(aPart); k++) {
    int n = (int)strlen(aPart[k].z);
    if (e - i <= n || memcmp(z + i, aPart[k].z, (size_t)n) != 0) continue;
    int iDigits = i + n;
    while (iDigits < e && z[iDigits] == ' ') iDigits++; /* "**Điều ****3****.**": markup blanked */
    j = iDigits;
    while (j < e && (rd_is_digit((unsigned char)z[j]) ||
                     (aPart[k].eType != LB_ARTICLE && strchr("IVX", z[j]) && z[j])))
      j++;
    if (j == iDigits || j - iDigits >= 15 - n) continue;
    /* "Điều 7a.": an article an amendment put between 7 and 8 */
    if (aPart[k].eType == LB_ARTICLE && j + 1 < e && z[j] >= 'a' && z[j] <= 'z' && z[j + 1] == '.') j++;
    int iNum = j, jPunct = j;
    while (jPunct < e && z[jPunct] == ' ') jPunct++; /* "**Điều 3**.": markup blanked */
    if (jPunct < e && (z[jPunct] == '.' || z[jPunct] == ':')) j = jPunct + 1;
    else if (aPart[k].eType == LB_ARTICLE || (j < e && !rd_space_at(z, j, e))) continue;
    int s = j, t = e;
    rd_trim(z, &s, &t);
    char zPart[32]; /* the part's word and its number, one space between */
    int nPart = snprintf(zPart, sizeof zPart, "%.*s%.*s", n, aPart[k].z, iNum - iDigits, z + iDigits);
    rd_set_label(pL, aPart[k].eType, zPart, nPart < (int)sizeof zPart ? nPart : (int)sizeof zPart - 1);
    pL->nDepth = 1;
    pL->iText = s < t ? s : e;
    return 1;
  }
  /* roman numerals: "II. NHIỆM VỤ" */
  if (c == 'I' || c == 'V' || c == 'X') {
    j = i;
    while (j < e && j - i < 8 && (z[j] == 'I' || z[j] == 'V' || z[j] == 'X')) j++;
    if (j + 1 < e && (z[j] == '.' || z[j] == ')') && rd_roman_ok(z + i, j - i) &&
        rd_space_at(z, j + 1, e)) {
      int s = j + 1, t = e;
      rd_trim(z, &s, &t);
      if (s < t) {
        rd_set_label(pL, LB_ROMAN, z + i, j - i);
        pL->nDepth = 1;
        pL->iText = s;
        return 1;
      }
    }
    return 0;
  }
  /* numbers: "1." "2)" "3.1" "3.1." "4.2.1" */
  if (rd_is_digit(c)) {
    j = rd_scan_number(z, i, e, &nDepth);
    if (j == 0) return 0;
    int iNum = j;
    int bPunct = 0;
    if (j < e && (z[j] == '.' || z[j] == ')')) {
      bPunct = 1;
      j++;
    }
    if (!bPunct && nDepth == 1) return 0;
    int s = j, t = e;
    if (j < e && rd_space_at(z, j, e)) {
      rd_trim(z, &s, &t);
    } else if (!bPunct || j >= e) {
      return 0;
    } else {
      int cp;
      rd_decode(z, e, j, &cp);
      if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return 0;
    }
    if (s >= t || rd_first_is_lower(z, s, t)) return 0;
    rd_set_label(pL, nDepth > 1 ? LB_DECIMAL : LB_ARABIC, z + i, iNum - i);
    pL->nDepth = nDepth;
    pL->iText = s;
    return 1;
  }
  /* letters: "a)" "b)" "đ)"; "a. Chủ trì …" when a capital follows (a
  ** lower-case word after "x. " is a sentence's, not an item's) */
  int nLetter = 0;
  if (c >= 'a' && c <= 'z') nLetter = 1;
  else if (c == 0xC4 && i + 1 < e && (unsigned char)z[i + 1] == 0x91) nLetter = 2;
  if (nLetter && i + nLetter + 1 < e && (z[i + nLetter] == ')' || z[i + nLetter] == '.') &&
      rd_space_at(z, i + nLetter + 1, e)) {
    int s = i + nLetter + 1, t = e;
    rd_trim(z, &s, &t);
    if (s < t && z[i + nLetter] == '.' && !rd_first_is_upper(z, s, t))
      return 0;
    if (s < t) {
      rd_set_label(pL, LB_LETTER, z + i, nLetter);
      pL->nDepth = 1;
      pL->iText = s;
      return 1;
    }
  }
  return 0;
}

/* "**Điều" / "2. Đối tượng áp dụng**": a part's word alone on line iFirst
** and its number on the next line. Fills *pLab (iText on the next line)
** and returns 1 when so. */
int rd_part_label_wrapped(const rd_ctx *p, int iFirst, rd_label *pLab) {
  if (iFirst + 1 >= p->nLine) return 0;
  const rd_line *pA = &p->aLine[iFirst], *pB = &p->aLine[iFirst + 1];
  int nA = pA->iCe - pA->iCs, nB = pB->iCe - pB->iCs;
  if (nA <= 0 || nA > 8 || nB <= 0) return 0;
  if (nB > 64) nB = 64;
  char z[80];
  memcpy(z, p->zClean + pA->iCs, (size_t)nA);
  z[nA] = ' ';
  memcpy(z + nA + 1, p->zClean + pB->iCs, (size_t)nB);
  int n = nA + 1 + nB;
  z[n] = 0;
  rd_label lab;
  if (!rd_parse_label(z, 0, n, &lab)) return 0;
  if (lab.eType != LB_ARTICLE && lab.eType != LB_CHAPTER && lab.eType != LB_SECTION) return 0;
  if (lab.iText <= nA) return 0;
  lab.iText = pB->iCs + (lab.iText - nA - 1);
  *pLab = lab;
  return 1;
}

/* A line that is only a letter label: "a)", "đ)". */
int rd_parse_letter_only(const char *z, int s, int e, rd_label *pL) {
  memset(pL, 0, sizeof(*pL));
  rd_trim(z, &s, &e);
  int nLetter = 0;
  if (s < e && z[s] >= 'a' && z[s] <= 'z') nLetter = 1;
  else if (s + 1 < e && (unsigned char)z[s] == 0xC4 && (unsigned char)z[s + 1] == 0x91) nLetter = 2;
  if (nLetter == 0 || s + nLetter + 1 != e || z[s + nLetter] != ')') return 0;
  rd_set_label(pL, LB_LETTER, z + s, nLetter);
  pL->nDepth = 1;
  pL->iText = e;
  return 1;
}

/* A cell or line that is only a row number: "2", "2.1", "3.", "II". */
int rd_parse_rownum(const char *z, int s, int e, rd_label *pL) {
  memset(pL, 0, sizeof(*pL));
  rd_trim(z, &s, &e);
  if (s >= e) return 0;
  if (e > s && (z[e - 1] == '.' || z[e - 1] == ')')) e--;
  int nDepth = 0;
  if (rd_is_digit((unsigned char)z[s])) {
    int j = rd_scan_number(z, s, e, &nDepth);
    if (j != e) return 0;
    rd_set_label(pL, nDepth > 1 ? LB_DECIMAL : LB_ARABIC, z + s, e - s);
    pL->nDepth = nDepth;
    pL->iText = e;
    return 1;
  }
  if (rd_roman_ok(z + s, e - s)) {
    rd_set_label(pL, LB_ROMAN, z + s, e - s);
    pL->nDepth = 1;
    pL->iText = e;
    return 1;
  }
  return 0;
}

int rd_rank(const rd_label *pL) {
  switch (pL->eType) {
    case LB_CHAPTER: return 4;
    case LB_SECTION: return 6;
    case LB_ARTICLE: return 8;
    case LB_ROMAN: return 10;
    case LB_ARABIC: return 20;
    case LB_DECIMAL: return 20 + (pL->nDepth > 9 ? 9 : pL->nDepth) - 1;
    case LB_LETTER: return 30;
    case LB_DASH: return 40;
    case LB_BULLET: return 42;
    case LB_PLUS: return 50;
    default: return RANK_TOP;
  }
}

int rd_is_bullet(int eType) {
  return eType == LB_DASH || eType == LB_BULLET || eType == LB_PLUS;
}

int rd_is_numbered(int eType) {
  return eType == LB_ROMAN || eType == LB_ARABIC || eType == LB_DECIMAL ||
         eType == LB_LETTER || eType == LB_ARTICLE || eType == LB_CHAPTER || eType == LB_SECTION;
}

/* ------------------------------------------------------------------------
** Words that cannot end a sentence (data/wrap-words.tsv)
*/

/* Does the folded line zF end with a word of data/wrap-words.tsv ("…
** với": 1), or with a phrase of it of more words ("… Ủy ban nhân dân":
** 2)? 0 if not. */
static int rd_ends_with_wrap_word(const char *zF) {
  int n = (int)strlen(zF);
  int i = n;
  while (i > 0 && zF[i - 1] != ' ') i--;
  if (i == 0) return 0; /* a one-word line is a label or a heading */
  const vp_lexicon_list *pWords = vp_lexicon_get("wrap-words.tsv", NULL);
  if (vp_lexicon_find(pWords, zF + i, n - i) != NULL) return 1;
  for (int nWord = 2, k = i - 1; nWord <= 3 && k > 0; nWord++, k--) {
    while (k > 0 && zF[k - 1] != ' ') k--; /* the word before, with the space */
    if (k > 0 && vp_lexicon_find(pWords, zF + k, n - k) != NULL) return 2;
  }
  return 0;
}

/* ------------------------------------------------------------------------
** Line features
*/

int rd_is_colname(const char *zFold) { return vp_columns_is_name(zFold); }

/* The length of the longest phrase of layout list zList at the start of
** zFold (data/layout-words.tsv), 0 when none. */
int rd_layout_word(const char *zList, const char *zFold) {
  int nLen = 0;
  const vp_lexicon_list *pList = vp_lexicon_get("layout-words.tsv", zList);
  return vp_lexicon_match_at(pList, zFold, (int)strlen(zFold), 0, &nLen) ? nLen : 0;
}

/* "Hội đồng Thi đua" / "- Khen thưởng cấp cơ sở …": does a compound of
** data/layout-words.tsv (list hyphen-compound) stand across the end of
** line j and the dash that opens line k? Then the dash is its hyphen. */
int rd_hyphen_compound(const rd_ctx *p, int j, int k) {
  const rd_line *pT = &p->aLine[j], *pL = &p->aLine[k];
  int sT = pT->iCe - 48 > pT->iCs ? pT->iCe - 48 : pT->iCs;
  while (sT > pT->iCs && ((unsigned char)p->zClean[sT] & 0xC0) == 0x80) sT--;
  int sL = pL->lab.iText, eL = sL + 48 < pL->iCe ? sL + 48 : pL->iCe;
  while (eL < pL->iCe && ((unsigned char)p->zClean[eL] & 0xC0) == 0x80) eL++;
  char *zA = vp_fold_str(p->zClean + sT, pT->iCe - sT);
  char *zB = vp_fold_str(p->zClean + sL, eL - sL);
  char *zJ = zA && zB ? vp_mprintf("%s - %s", zA, zB) : NULL;
  int bYes = 0;
  if (zJ) {
    const vp_lexicon_list *pList = vp_lexicon_get("layout-words.tsv", "hyphen-compound");
    int nJ = (int)strlen(zJ), iJunction = (int)strlen(zA);
    for (int i = 0; i < iJunction && !bYes; i++) {
      if (i > 0 && zJ[i - 1] != ' ') continue;
      int nLen = 0;
      if (vp_lexicon_match_at(pList, zJ, nJ, i, &nLen) && i + nLen > iJunction + 2) bYes = 1;
    }
  }
  free(zA);
  free(zB);
  free(zJ);
  return bYes;
}

/* Does line k's text end, before a closing ':', with a phrase of list
** zList of data/layout-words.tsv ("2. Trách nhiệm của các Sở:")? */
int rd_line_ends_before_colon(const rd_ctx *p, int k, const char *zList) {
  const rd_line *pL = &p->aLine[k];
  int e = pL->iCe;
  while (e > pL->iCs && (p->zClean[e - 1] == ' ' || p->zClean[e - 1] == '*')) e--;
  if (e <= pL->iCs || p->zClean[e - 1] != ':') return 0;
  int s = e - 48 > pL->iCs ? e - 48 : pL->iCs;
  while (s > pL->iCs && ((unsigned char)p->zClean[s] & 0xC0) == 0x80) s--;
  char *zF = vp_fold_str(p->zClean + s, e - 1 - s);
  int bYes = 0;
  if (zF) {
    int n = (int)strlen(zF), iStart = 0;
    while (n > 0 && (zF[n - 1] == ' ' || zF[n - 1] == '*')) n--;
    bYes = vp_lexicon_match_before(vp_lexicon_get("layout-words.tsv", zList), zF, n, n, 0, &iStart) != NULL &&
           (iStart == 0 || zF[iStart - 1] == ' ');
  }
  free(zF);
  return bYes;
}

/* Does line k's text open with a phrase of list zList of
** data/layout-words.tsv? */
int rd_line_opens_with(const rd_ctx *p, int k, const char *zList) {
  const rd_line *pL = &p->aLine[k];
  char *zFold = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
  int bYes = zFold != NULL && rd_layout_word(zList, zFold) > 0;
  free(zFold);
  return bYes;
}

static int rd_is_sig_title(const char *zFold, int bAllCaps) {
  if (!bAllCaps) return 0;
  int n = (int)strlen(zFold);
  /* "TM. ỦY BAN NHÂN DÂN": a prefix and more words */
  int m = rd_layout_word("signature-prefix", zFold);
  if (m > 0 && n > m + 1) return 1;
  /* "PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC": a title and at most two
  ** more words */
  m = rd_layout_word("signature-title", zFold);
  if (m == 0) return 0;
  if (zFold[m] == 0) return 1;
  if (zFold[m] != ' ') return 0;
  int nWord = 1;
  for (const char *q = zFold + m + 1; *q; q++) nWord += *q == ' ';
  return nWord <= 2;
}

/* "Số: 222/KH-UBND", "Tuyên Quang, ngày 18 tháng 12 năm 2024" */
static int rd_is_header_line(const char *zFold, int nChar) {
  if (nChar <= 60 && (rd_starts_with(zFold, "so:") || rd_starts_with(zFold, "so :")))
    return 1;
  if (rd_starts_with(zFold, "v/v ")) return 1;
  if (nChar <= 80 && strstr(zFold, ", ngay ") && strstr(zFold, " thang ") &&
      strstr(zFold, " nam "))
    return 1;
  return 0;
}

static int rd_is_terminal_end(const char *z, int s, int e) {
  if (e <= s) return 0;
  unsigned char c = (unsigned char)z[e - 1];
  if (strchr(".;:!?)\"'", c) && c) return 1;
  if (e - 3 >= s && (unsigned char)z[e - 3] == 0xE2 && (unsigned char)z[e - 2] == 0x80) {
    unsigned char c3 = (unsigned char)z[e - 1];
    return c3 == 0x9D || c3 == 0x99 || c3 == 0xA6; /* ” ’ … */
  }
  if (e - 2 >= s && (unsigned char)z[e - 2] == 0xC2 && c == 0xBB) return 1; /* » */
  return 0;
}

/* Raw content starts and ends with bold markers. */
static int rd_is_bold_line(const char *z, int s, int e) {
  while (s < e && (z[s] == '#' || z[s] == ' ' || z[s] == '\t')) s++;
  while (e > s && rd_is_space((unsigned char)z[e - 1])) e--;
  if (e - s < 5) return 0;
  int bOpen = (z[s] == '*' && z[s + 1] == '*') || (z[s] == '_' && z[s + 1] == '_') ||
              rd_ci_starts(z + s, e - s, "<b>") || rd_ci_starts(z + s, e - s, "<strong>");
  if (!bOpen) return 0;
  if ((z[e - 1] == '*' && z[e - 2] == '*') || (z[e - 1] == '_' && z[e - 2] == '_'))
    return 1;
  if (e - s >= 4 && rd_ci_starts(z + e - 4, 4, "</b>")) return 1;
  if (e - s >= 9 && rd_ci_starts(z + e - 9, 9, "</strong>")) return 1;
  return 0;
}

/* Fill the features of a non-blank line from its raw and blanked text. */
int rd_line_features(rd_ctx *p, rd_line *pL) {
  const char *z = p->zClean;
  const char *zR = p->zRaw;
  int s = pL->iCs, e = pL->iCe;
  int nLower = 0, nUpper = 0, nChar = 0;
  for (int i = s; i < e;) {
    int cp;
    int k = rd_decode(z, e, i, &cp);
    int cat = utf8proc_category(cp);
    if (!rd_is_mark_cat(cat)) nChar++;
    if (cat == UTF8PROC_CATEGORY_LL) nLower++;
    else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) nUpper++;
    i += k;
  }
  pL->nChar = nChar;
  pL->bAllCaps = nUpper >= 2 && nLower == 0 && nChar <= 1000;
  rd_parse_label(z, s, e, &pL->lab);
  int iText = pL->lab.eType ? pL->lab.iText : s;
  if (iText < e) {
    int cp;
    rd_decode(z, e, iText, &cp);
    pL->bLower = utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ||
                 rd_is_digit((unsigned char)z[iText]);
  }
  pL->bTerminal = rd_is_terminal_end(z, s, e);
  pL->bColon = z[e - 1] == ':';
  pL->bSlashDot = e - s >= 3 && memcmp(z + e - 3, "./.", 3) == 0;
  if (!pL->bSlashDot) {
    /* "./." followed by a stray conversion artefact ("./. H2") */
    int iFrom = e - 8 > s ? e - 8 : s;
    for (int i = iFrom; i + 3 <= e; i++)
      if (memcmp(z + i, "./.", 3) == 0) pL->bSlashDot = 1;
  }
  int rs = pL->iRaw, re = pL->iRawEnd;
  while (rs < re && (zR[rs] == ' ' || zR[rs] == '\t')) rs++;
  pL->bBold = rd_is_bold_line(zR, rs, re);
  if (!pL->bBold && pL->lab.eType && pL->lab.iText < e && re - rs > 4 && zR[rs] == '*' && zR[rs + 1] == '*') {
    /* "**Điều 4.** Chánh Văn phòng …": the bold closes before the text */
    const char *zClose = strstr(zR + rs + 2, "**");
    pL->bBoldLabel = zClose != NULL && zClose - zR <= pL->lab.iText;
  }
  pL->bFootnote = rd_ci_starts(zR + rs, re - rs, "<sup>") ||
                  rd_ci_starts(zR + rs, re - rs, "[^");
  pL->bHtmlTable = rd_ci_starts(zR + rs, re - rs, "<table");
  /* a TSV row: a tab after some text, or two tabs ("\ttext\t\t" continues
  ** the row above with an empty first cell); one leading tab is indent */
  const char *zTab = memchr(zR + rs, '\t', (size_t)(re - rs));
  const char *zTab0 = memchr(zR + pL->iRaw, '\t', (size_t)(re - pL->iRaw));
  pL->bTab = zTab != NULL ||
             (zTab0 && memchr(zTab0 + 1, '\t', (size_t)(zR + re - zTab0 - 1)) != NULL);
  rd_label row;
  pL->bRowNum = rd_parse_rownum(z, s, e, &row);
  pL->bLetterOnly = rd_parse_letter_only(z, s, e, &row);
  if (nChar <= 120) {
    char *zFold = rd_fold_prefix(z, s, e);
    if (zFold == NULL) return VP_ENOMEM;
    pL->bSig = rd_is_sig_title(zFold, pL->bAllCaps);
    pL->bRecip = rd_starts_with(zFold, "noi nhan") &&
                 (zFold[8] == 0 || zFold[8] == ':' ||
                  (zFold[8] == ' ' && (zFold[9] == ':' || nChar <= 40)));
    pL->bHeader = rd_is_header_line(zFold, nChar);
    pL->bColName = rd_is_colname(zFold);
    pL->bWrapWord = pL->bTerminal ? 0 : (unsigned)rd_ends_with_wrap_word(zFold);
    pL->bAppendix = rd_layout_word("appendix", zFold) > 0 && !rd_layout_word("not-appendix", zFold);
    int nWord = 1, bDigit = 0;
    for (const char *q = zFold; *q; q++) {
      nWord += *q == ' ';
      bDigit |= rd_is_digit((unsigned char)*q);
    }
    pL->bShortName = nChar <= 40 && nWord <= 6 && !bDigit && pL->lab.eType == LB_NONE &&
                     ((!pL->bTerminal && !pL->bAllCaps) ||
                      (zFold[0] == '(' && (rd_starts_with(zFold, "(da ky") ||
                                           rd_starts_with(zFold, "(ky"))));
    free(zFold);
  }
  return VP_OK;
}
