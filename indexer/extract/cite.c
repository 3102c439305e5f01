/*
** cite.c — citations of instruments in a plan (see vp_cite.h): every number
** vp_docnum finds in a passage, with the type word before it ("Kết luận số"),
** the date, issuing body and quoted title after it, and the relation the
** words before it give (căn cứ, thực hiện, tiếp tục thực hiện, an alias
** definition). Words are matched on the folded view (vp_fold.h), offsets are
** reported in the file. The words come from the lexicon (vp_lexicon.h):
** data/cite-phrases.tsv and the type names of data/instrument-types.tsv.
** Not for the number syntax (docnum.c) nor for storing citations.
*/
#include "vp_cite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

#define MAX_ISSUER_FOLD 120 /* an issuing body longer than this is no body */
#define MAX_TITLE_FOLD 600  /* nor a quoted title longer than this */
#define MAX_GAP_FOLD 800    /* how far back a clause start is looked for */

/* ------------------------------------------------- instrument type names */

#define TYPES_TABLE "instrument-types.tsv"
#define CODE_COL 0 /* the code column of instrument-types.tsv */

const char *vp_cite_type_name(const char *zCode) {
  if (zCode == NULL || zCode[0] == 0) return NULL;
  const vp_lexicon_entry *e =
      vp_lexicon_find_code(vp_lexicon_get(TYPES_TABLE, "type"), CODE_COL, zCode, -1);
  return e ? e->zPhrase : NULL;
}

const char *vp_cite_relation_name(vp_relation e) {
  switch (e) {
    case VP_REL_BASIS: return "basis";
    case VP_REL_IMPLEMENTS: return "implements";
    case VP_REL_CONTINUES: return "continues";
    case VP_REL_ALIAS: return "alias";
    case VP_REL_MENTION: break;
  }
  return "mention";
}

/* ------------------------------------------------------ folded matching */

/* The word lists of data/cite-phrases.tsv and the type names of
** data/instrument-types.tsv, fetched once per passage. */
typedef struct cite_words {
  const vp_lexicon_list *pRelation; /* "căn cứ" → basis, longest wins */
  const vp_lexicon_list *pManner;   /* "nghiêm túc", skipped before a type */
  const vp_lexicon_list *pIssuerEnd; /* "ban hành": ends an issuing body */
  const vp_lexicon_list *pType;     /* "Nghị quyết" */
  const vp_lexicon_list *pAlias;    /* "Chương trình hành động" */
} cite_words;

static void cite_words_get(cite_words *pW) {
  pW->pRelation = vp_lexicon_get("cite-phrases.tsv", "relation");
  pW->pManner = vp_lexicon_get("cite-phrases.tsv", "manner");
  pW->pIssuerEnd = vp_lexicon_get("cite-phrases.tsv", "issuer-end");
  pW->pType = vp_lexicon_get(TYPES_TABLE, "type");
  pW->pAlias = vp_lexicon_get(TYPES_TABLE, "alias");
}

static vp_relation relation_of(const char *zValue) {
  if (strcmp(zValue, "basis") == 0) return VP_REL_BASIS;
  if (strcmp(zValue, "implements") == 0) return VP_REL_IMPLEMENTS;
  if (strcmp(zValue, "continues") == 0) return VP_REL_CONTINUES;
  if (strcmp(zValue, "alias") == 0) return VP_REL_ALIAS;
  return VP_REL_MENTION;
}

static int is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Does the folded text have the words zW at i, ending at a word boundary? */
static int word_at(const vp_fold *pF, int i, const char *zW) {
  int n = (int)strlen(zW);
  if (i < 0 || i + n > pF->n || memcmp(pF->z + i, zW, (size_t)n) != 0) return 0;
  return i + n == pF->n || !is_alnum(pF->z[i + n]);
}

/* Does the folded text end with the words zW at index e (exclusive)? Returns
** the start of the words, or -1. */
static int word_before(const vp_fold *pF, int e, const char *zW) {
  int n = (int)strlen(zW);
  int s = e - n;
  if (s < 0 || memcmp(pF->z + s, zW, (size_t)n) != 0) return -1;
  if (s > 0 && is_alnum(pF->z[s - 1])) return -1;
  return s;
}

static int skip_spaces(const vp_fold *pF, int i) {
  while (i < pF->n && pF->z[i] == ' ') i++;
  return i;
}
static int skip_spaces_back(const vp_fold *pF, int e) {
  while (e > 0 && pF->z[e - 1] == ' ') e--;
  return e;
}

/* The type word ending at e (spaces and "số" skipped): returns its folded
** start and sets *ppType, or -1. The longest name wins ("chương trình hành
** động" over "chương trình"). */
static int type_word_before(const cite_words *pW, const vp_fold *pF, int e,
                            const vp_lexicon_entry **ppType) {
  e = skip_spaces_back(pF, e);
  int s = word_before(pF, e, "so");
  if (s >= 0) e = skip_spaces_back(pF, s);
  int iType, iAlias;
  const vp_lexicon_entry *pType = vp_lexicon_match_before(pW->pType, pF->z, pF->n, e, 0, &iType);
  const vp_lexicon_entry *pAlias = vp_lexicon_match_before(pW->pAlias, pF->z, pF->n, e, 0, &iAlias);
  if (pAlias && (pType == NULL || iAlias < iType)) {
    /* an alias stands for the type row of its code */
    *ppType = vp_lexicon_find_code(pW->pType, CODE_COL, pAlias->azCol[CODE_COL], -1);
    return iAlias;
  }
  *ppType = pType;
  return iType;
}

/* Is a type word at i (used to end an issuing body)? */
static int type_word_at(const cite_words *pW, const vp_fold *pF, int i) {
  return vp_lexicon_match_at(pW->pType, pF->z, pF->n, i, NULL) != NULL ||
         vp_lexicon_match_at(pW->pAlias, pF->z, pF->n, i, NULL) != NULL;
}

/* The start of the clause holding folded index e: after the last ';', ':'
** or sentence-ending '.' before it (or the passage start). */
static int clause_start(const vp_fold *pF, int e) {
  for (int i = e - 1; i >= 0; i--) {
    char c = pF->z[i];
    if (c == ';' || c == ':' || (c == '.' && (i + 1 >= pF->n || pF->z[i + 1] == ' ')))
      return i + 1;
  }
  return 0;
}

/* Relation given by the words right before folded index e (the type word or
** the bare number), manner words skipped. */
static vp_relation tail_relation(const cite_words *pW, const vp_fold *pF, int e,
                                 int iClause) {
  for (int nGuard = 0; nGuard < 8; nGuard++) {
    e = skip_spaces_back(pF, e);
    if (e > iClause && pF->z[e - 1] == ',') {
      e--;
      continue;
    }
    int s;
    if (!vp_lexicon_match_before(pW->pManner, pF->z, pF->n, e, iClause, &s)) break;
    e = s;
  }
  const vp_lexicon_entry *pCue = vp_lexicon_match_before(pW->pRelation, pF->z, pF->n, e, iClause, NULL);
  return pCue ? relation_of(pCue->zValue) : VP_REL_MENTION;
}

/* A clause that opens with "Căn cứ" makes every instrument in it a basis. */
static int clause_is_basis(const vp_fold *pF, int iClause) {
  int i = iClause;
  while (i < pF->n && !(pF->z[i] >= 'a' && pF->z[i] <= 'z')) i++;
  return word_at(pF, i, "can cu");
}

/* ---------------------------------------------------- after the number */

/* Digits at *pi (at most nMax): their value, or -1 when none. */
static int read_int(const vp_fold *pF, int *pi, int nMax) {
  int i = *pi, v = 0;
  while (i < pF->n && is_digit(pF->z[i]) && i - *pi < nMax) v = v * 10 + (pF->z[i++] - '0');
  if (i == *pi || (i < pF->n && is_digit(pF->z[i]))) return -1;
  *pi = i;
  return v;
}

/* "24/01/2024", "01-11-2012", "27 /8/2024", "18 tháng 12 năm 2024" at i
** (after "ngày"): writes the ISO date to zIso and returns the end, or -1. */
static int parse_date(const vp_fold *pF, int i, char *zIso, int nIso) {
  int d = read_int(pF, &i, 2);
  if (d < 1 || d > 31) return -1;
  i = skip_spaces(pF, i);
  int m, y;
  if (word_at(pF, i, "thang")) {
    i = skip_spaces(pF, i + 5);
    m = read_int(pF, &i, 2);
    i = skip_spaces(pF, i);
    if (!word_at(pF, i, "nam")) return -1;
    i = skip_spaces(pF, i + 3);
  } else {
    if (i >= pF->n || strchr("/-.", pF->z[i]) == NULL) return -1;
    char cSep = pF->z[i];
    i = skip_spaces(pF, i + 1);
    m = read_int(pF, &i, 2);
    i = skip_spaces(pF, i);
    if (i >= pF->n || pF->z[i] != cSep) return -1;
    i = skip_spaces(pF, i + 1);
  }
  y = read_int(pF, &i, 4);
  if (m < 1 || m > 12 || y < 1900 || y > 2100) return -1;
  snprintf(zIso, (size_t)nIso, "%04d-%02d-%02d", y, m, d);
  return i;
}

/* Display copy of the folded span [s, e) as written in the source. */
static char *display_span(const vp_fold *pF, const char *zSrc, int s, int e) {
  return vp_fold_display(zSrc + pF->aOff[s], pF->aOff[e] - pF->aOff[s]);
}

/* Is the word at folded index i written with a capital in the source? */
static int capitalized_at(const vp_fold *pF, const char *zSrc, int i) {
  utf8proc_int32_t cp = -1;
  int iSrc = pF->aOff[i], nSrc = pF->aOff[pF->n];
  utf8proc_iterate((const utf8proc_uint8_t *)zSrc + iSrc, nSrc - iSrc, &cp);
  return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* "khóa XI", "khoá XIII": the term of a body, not part of its name. */
static int term_at(const vp_fold *pF, int i) {
  if (!word_at(pF, i, "khoa")) return 0;
  int j = skip_spaces(pF, i + 4), k = j;
  while (k < pF->n && strchr("ivxl", pF->z[k])) k++;
  return k > j && (k == pF->n || !is_alnum(pF->z[k]));
}

/* Skip a term after a body, "khóa XI" or "(khóa XI)", at i. */
static int skip_term(const vp_fold *pF, int i) {
  int j = i < pF->n && pF->z[i] == '(' ? skip_spaces(pF, i + 1) : i;
  if (!term_at(pF, j)) return i;
  j = skip_spaces(pF, j + 4);
  while (j < pF->n && strchr("ivxl", pF->z[j])) j++;
  j = skip_spaces(pF, j);
  if (pF->z[i] == '(') {
    if (j >= pF->n || pF->z[j] != ')') return i;
    j = skip_spaces(pF, j + 1);
  }
  return j;
}

/* Does the issuing body end before the word at folded index w? */
static int issuer_stops_at(const cite_words *pW, const vp_fold *pF,
                           const char *zSrc, int w) {
  int nLen = 0;
  const vp_lexicon_entry *e = vp_lexicon_match_at(pW->pIssuerEnd, pF->z, pF->n, w, &nLen);
  if (e && vp_fold_written_as(pF, zSrc, w, nLen, e->zPhrase)) return 1;
  if (type_word_at(pW, pF, w) || term_at(pF, w)) return 1;
  /* names join capitalized parts: "Bộ Khoa học và Công nghệ"; a "và"
  ** before a lowercase word joins clauses instead */
  if (word_at(pF, w, "va")) {
    int x = skip_spaces(pF, w + 2);
    return x >= pF->n || !capitalized_at(pF, zSrc, x) || type_word_at(pW, pF, x);
  }
  return 0;
}

/* The end of an issuing body starting at folded index s: before a stop
** word, a type word, a number or punctuation. -1 when it runs too long. */
static int issuer_end(const cite_words *pW, const vp_fold *pF, const char *zSrc,
                      int s) {
  int i = s;
  while (i < pF->n && i - s <= MAX_ISSUER_FOLD) {
    char c = pF->z[i];
    if (strchr(",;()[\".:", c) || is_digit(c)) return i;
    if (c == ' ' && issuer_stops_at(pW, pF, zSrc, i + 1)) return i;
    i++;
  }
  return i >= pF->n ? i : -1;
}

/* The national body (a row of data/instrument-types.tsv's issuer or body
** lists, not local) that zBody starts with and words after it: "Chính phủ"
** of "Chính phủ sửa đổi", "Bộ Tài chính" of "Bộ Tài chính gửi các địa
** phương"; NULL when none (a local body's name goes on: "Ban Chỉ đạo đặc
** biệt tỉnh"). Caller frees. */
static char *national_body_before(const char *zBody) {
  char *zF = vp_fold_str(zBody, -1);
  if (zF == NULL) return NULL;
  static const char *const azList[] = {"issuer", "body"};
  const char *zName = NULL;
  for (int nF = (int)strlen(zF) - 1; zName == NULL && nF > 0; nF--) {
    if (zF[nF] != ' ') continue;
    for (int l = 0; l < 2 && zName == NULL; l++) {
      const vp_lexicon_entry *e = vp_lexicon_find(vp_lexicon_get("instrument-types.tsv", azList[l]), zF, nF);
      if (e && e->nCol >= 4 && strcmp(e->azCol[3], "0") == 0) zName = e->zPhrase;
    }
  }
  free(zF);
  return zName ? vp_strndup(zName, -1) : NULL;
}

/* What follows a number: ", ngày D/M/Y", "của BODY", "về “TITLE”". Fills
** the citation's strings and returns the folded end of what was read, or
** -1 on out of memory. */
static int read_after(const cite_words *pW, const vp_fold *pF, const char *zSrc,
                      int i, vp_citation *pC) {
  char zIso[32];
  i = skip_spaces(pF, i);
  int j = i < pF->n && pF->z[i] == ',' ? skip_spaces(pF, i + 1) : i;
  if (word_at(pF, j, "ngay")) {
    int e = parse_date(pF, skip_spaces(pF, j + 4), zIso, sizeof(zIso));
    if (e > 0) {
      if ((pC->zDate = vp_strndup(zIso, -1)) == NULL) return -1;
      i = skip_spaces(pF, e);
    }
  }
  j = i < pF->n && pF->z[i] == ',' ? skip_spaces(pF, i + 1) : i;
  if (word_at(pF, j, "cua")) {
    int s = skip_spaces(pF, j + 3);
    int e = issuer_end(pW, pF, zSrc, s);
    if (e > s) {
      e = skip_spaces_back(pF, e);
      if ((pC->zIssuerBody = display_span(pF, zSrc, s, e)) == NULL) return -1;
      /* a known body in its usual spelling ("CỦA BỘ CHÍNH TRỊ"); a known
      ** body and words after it, the body ("của Chính phủ sửa đổi, bổ
      ** sung …": "Chính phủ") */
      char *zKnown = vp_meta_known_body(pC->zIssuerBody, -1);
      if (zKnown == NULL) zKnown = national_body_before(pC->zIssuerBody);
      if (zKnown) {
        free(pC->zIssuerBody);
        pC->zIssuerBody = zKnown;
      }
      i = skip_term(pF, skip_spaces(pF, e));
    }
  }
  if (word_at(pF, i, "ve")) {
    int q = skip_spaces(pF, i + 2);
    if (word_at(pF, q, "viec")) q = skip_spaces(pF, q + 4);
    if (q < pF->n && pF->z[q] == '"') {
      const char *zEnd = memchr(pF->z + q + 1, '"', (size_t)(pF->n - q - 1));
      int e = zEnd ? (int)(zEnd - pF->z) : -1;
      if (e > q + 1 && e - q <= MAX_TITLE_FOLD) {
        int s = skip_spaces(pF, q + 1);
        int t = skip_spaces_back(pF, e);
        if (t > s && (pC->zTitle = display_span(pF, zSrc, s, t)) == NULL) return -1;
        i = e + 1;
      }
    }
  }
  return i;
}

/* ------------------------------------------------------------ extraction */

/* First folded index whose source offset is >= iSrc. */
static int fold_index(const vp_fold *pF, int iSrc) {
  int lo = 0, hi = pF->n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (pF->aOff[mid] < iSrc) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/* Is the file span [s, e) the document's own number? */
static int is_self(const vp_meta *pMeta, const vp_docnum *pNum, int s, int e,
                   const char *zSelfToken) {
  if (pMeta == NULL) return 0;
  for (int k = 0; k < pMeta->nSelf && k < VP_ARRAY_SIZE(pMeta->aSelfStart); k++) {
    if (s < pMeta->aSelfEnd[k] && pMeta->aSelfStart[k] < e) return 1;
  }
  return zSelfToken && strcmp(pNum->zToken, zSelfToken) == 0;
}

static void citation_free(vp_citation *pC) {
  free(pC->zTypeName);
  free(pC->zDate);
  free(pC->zIssuerBody);
  free(pC->zTitle);
  free(pC->zScope);
  memset(pC, 0, sizeof(*pC));
}

static int push_citation(vp_citations *pOut, int *pnAlloc, vp_citation *pC) {
  if (pOut->n == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
    vp_citation *a = realloc(pOut->a, (size_t)nNew * sizeof(*a));
    if (a == NULL) return VP_ENOMEM;
    pOut->a = a;
    *pnAlloc = nNew;
  }
  pOut->a[pOut->n++] = *pC;
  return VP_OK;
}

/* State carried from one citation to the next inside a passage, so that a
** list "thực hiện A, B và C" gives B and C the relation of A. */
typedef struct list_state {
  int iTailEnd;        /* folded end of what the previous citation read */
  vp_relation eRelation;
} list_state;

/* Is the gap [s, e) only list glue (spaces, commas, "và")? */
static int is_list_glue(const vp_fold *pF, int s, int e) {
  int i = s;
  while (i < e) {
    if (pF->z[i] == ' ' || pF->z[i] == ',') i++;
    else if (word_at(pF, i, "va") && i + 2 <= e) i += 2;
    else return 0;
  }
  return 1;
}

/* One number of a passage: fill *pC. VP_OK or VP_ENOMEM. */
static int build_citation(const cite_words *pW, const vp_fold *pF,
                          const vp_passage *pP, int iPassage,
                          const vp_docnum *pNum, const vp_meta *pMeta,
                          list_state *pList, vp_citation *pC) {
  memset(pC, 0, sizeof(*pC));
  int fs = fold_index(pF, pNum->iStart), fe = fold_index(pF, pNum->iEnd);
  const vp_lexicon_entry *pType = NULL;
  int iWord = type_word_before(pW, pF, fs, &pType);
  int iHead = iWord >= 0 ? iWord : fs;
  int iClause = clause_start(pF, iHead);
  if (iHead - iClause > MAX_GAP_FOLD) iClause = iHead - MAX_GAP_FOLD;

  pC->iPassage = iPassage;
  pC->num = *pNum;
  pC->num.iStart += pP->iStart;
  pC->num.iEnd += pP->iStart;
  pC->iStart = pP->iStart + pF->aOff[iHead];
  pC->iEnd = pC->num.iEnd;

  /* own words first; then a "Căn cứ" clause (its items are bases even
  ** after a nested "về việc thực hiện X"); then the list it continues */
  pC->eRelation = tail_relation(pW, pF, iHead, iClause);
  if (pC->eRelation == VP_REL_MENTION && clause_is_basis(pF, iClause))
    pC->eRelation = VP_REL_BASIS;
  if (pC->eRelation == VP_REL_MENTION && pList->iTailEnd >= 0 &&
      pList->iTailEnd <= iHead && is_list_glue(pF, pList->iTailEnd, iHead))
    pC->eRelation = pList->eRelation;

  const char *zName = vp_cite_type_name(pNum->zType);
  if (zName == NULL && pType) zName = pType->zPhrase;
  if (zName && (pC->zTypeName = vp_strndup(zName, -1)) == NULL) return VP_ENOMEM;
  if (vp_docnum_is_local(pNum) && pMeta && pMeta->zProvince &&
      (pC->zScope = vp_strndup(pMeta->zProvince, -1)) == NULL)
    return VP_ENOMEM;

  int iAfter = read_after(pW, pF, pP->zText, fe, pC);
  if (iAfter < 0) return VP_ENOMEM;
  if (pC->eRelation != VP_REL_ALIAS) {
    pList->iTailEnd = iAfter;
    pList->eRelation = pC->eRelation;
  }
  return VP_OK;
}

/* Every citation of one passage, appended to pOut. */
static int extract_passage(const vp_text *pText, int iPassage,
                           const vp_meta *pMeta, const char *zSelfToken,
                           vp_citations *pOut, int *pnAlloc) {
  const vp_passage *pP = &pText->aPassage[iPassage];
  const char *z = pP->zText;
  int n = pP->iEnd - pP->iStart;
  vp_docnum num;
  if (z == NULL || !vp_docnum_next(z, n, 0, &num)) return VP_OK;
  cite_words words;
  cite_words_get(&words);
  vp_fold fold;
  int rc = vp_fold_init(&fold, z, n);
  list_state list = {-1, VP_REL_MENTION};
  for (int i = 0; rc == VP_OK && vp_docnum_next(z, n, i, &num); i = num.iEnd) {
    int s = num.iStart + pP->iStart, e = num.iEnd + pP->iStart;
    if (is_self(pMeta, &num, s, e, zSelfToken)) continue;
    vp_citation c;
    rc = build_citation(&words, &fold, pP, iPassage, &num, pMeta, &list, &c);
    if (rc == VP_OK) rc = push_citation(pOut, pnAlloc, &c);
    if (rc != VP_OK) citation_free(&c);
  }
  vp_fold_free(&fold);
  return rc;
}

int vp_cite_extract(const vp_text *pText, const vp_meta *pMeta,
                    vp_citations *pOut, char **pzErr) {
  memset(pOut, 0, sizeof(*pOut));
  char zSelf[64] = "";
  if (pMeta && pMeta->zNumber) {
    vp_docnum self;
    int nSelf = (int)strlen(pMeta->zNumber);
    if (vp_docnum_next(pMeta->zNumber, nSelf, 0, &self)) strcpy(zSelf, self.zToken);
  }
  int nAlloc = 0, rc = VP_OK;
  for (int i = 0; rc == VP_OK && pText && i < pText->nPassage; i++) {
    vp_pkind e = pText->aPassage[i].eKind;
    if (e == VP_P_RECIPIENT || e == VP_P_SIGNATURE) continue;
    rc = extract_passage(pText, i, pMeta, zSelf[0] ? zSelf : NULL, pOut, &nAlloc);
  }
  if (rc != VP_OK) {
    vp_cite_clear(pOut);
    if (pzErr) *pzErr = vp_mprintf("out of memory while extracting citations");
  }
  return rc;
}

void vp_cite_clear(vp_citations *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->n; i++) citation_free(&p->a[i]);
  free(p->a);
  memset(p, 0, sizeof(*p));
}
