/*
** qexpand.c — a query written another way (see vp_qexpand.h): its agency as
** the alias table's name (every run of 2 to VP_QEXPAND_MAX_NAME words,
** longest first, read as a typed agency name by vp_agency_resolve; the
** first that names a record by another spelling is replaced by the name),
** or a subject's abbreviation it types as the phrase in full
** (data/query-abbrev.tsv), or its everyday term as the official one (list
** synonym of data/query-words.tsv); and a question's subject: the query
** without the question's words and the fillers next to them (the lists
** question, question-end, question-filler). A query typed with diacritics
** matches these words as written, one typed without them folded.
*/
#include "vp_qexpand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "vp_gazetteer.h"
#include "vp_qparse.h"

#include <utf8proc.h>

#define QX_MAX_WORDS 32 /* words of a query read at most */
#define QX_MAX_TERM 4   /* words of a synonym's or a question's phrase at most */

static int is_ascii(const char *z) {
  for (; *z; z++)
    if ((unsigned char)*z >= 0x80) return 0;
  return 1;
}

/* Whether z[0..n) and zName are the same name, spelling aside (case,
** diacritics, spaces, punctuation: vp_fold_key). -1 on VP_ENOMEM. */
static int same_name(const char *z, int n, const char *zName) {
  char *zA = vp_fold_key(z, n), *zB = vp_fold_key(zName, -1);
  int r = zA && zB ? strcmp(zA, zB) == 0 : -1;
  free(zA);
  free(zB);
  return r;
}


/* The words of zQuery, their starts and ends (at most QX_MAX_WORDS), a
** quoted phrase one word with its marks ('"vùng phát thải thấp" là gì?');
** how many, or -1 when the query holds operators, parentheses, prefix* or
** an unclosed quote (the person's own syntax). */
static int split_words_quoted(const char *zQuery, int *aStart, int *aEnd) {
  int nWord = 0;
  for (int i = 0; zQuery[i] && nWord < QX_MAX_WORDS;) {
    while (zQuery[i] == ' ' || zQuery[i] == '\t') i++;
    if (!zQuery[i]) break;
    aStart[nWord] = i;
    int q = vp_qparse_quote_len(zQuery + i);
    if (q) { /* to the closing mark */
      i += q;
      while (zQuery[i] && !vp_qparse_quote_len(zQuery + i)) i++;
      if (!zQuery[i]) return -1;
      i += vp_qparse_quote_len(zQuery + i);
    }
    while (zQuery[i] && zQuery[i] != ' ' && zQuery[i] != '\t' && !vp_qparse_quote_len(zQuery + i)) {
      if (zQuery[i] == '(' || zQuery[i] == ')' || zQuery[i] == '*') return -1;
      i++;
    }
    int n = i - aStart[nWord];
    if ((n == 3 && (!strncmp(zQuery + aStart[nWord], "AND", 3) || !strncmp(zQuery + aStart[nWord], "NOT", 3))) ||
        (n == 2 && !strncmp(zQuery + aStart[nWord], "OR", 2)))
      return -1;
    aEnd[nWord++] = i;
  }
  return nWord;
}

/* zQuery with [iFrom, iTo) replaced by zWith, folded when the query is
** typed without diacritics (so it keeps matching every spelling); NULL on
** VP_ENOMEM. */
static char *replaced(const char *zQuery, int iFrom, int iTo, const char *zWith) {
  char *zFolded = is_ascii(zQuery) ? vp_fold_str(zWith, -1) : NULL;
  const char *z = is_ascii(zQuery) ? zFolded : zWith;
  char *zOut = z ? vp_mprintf("%.*s%s%s", iFrom, zQuery, z, zQuery + iTo) : NULL;
  free(zFolded);
  return zOut;
}

int vp_qexpand_agency(const char *zQuery, char **pzOut) {
  *pzOut = NULL;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS];
  int nWord = split_words_quoted(zQuery, aStart, aEnd);
  for (int w = 0; w < nWord; w++) {
    int nMax = nWord - w < VP_QEXPAND_MAX_NAME ? nWord - w : VP_QEXPAND_MAX_NAME;
    for (int k = nMax; k >= 2; k--) {
      int iFrom = aStart[w], iTo = aEnd[w + k - 1];
      char *zName = vp_strndup(zQuery + iFrom, iTo - iFrom);
      if (zName == NULL) return VP_ENOMEM;
      const vp_agency *pAg = vp_agency_resolve(zName);
      free(zName);
      if (pAg == NULL || pAg->bGeneric) continue;
      int r = same_name(zQuery + iFrom, iTo - iFrom, pAg->zCanon);
      if (r < 0) return VP_ENOMEM;
      if (r) return VP_OK; /* written as the table writes it */
      /* the name's beginning ("bảo hiểm xã hội" of "Bảo hiểm xã hội tỉnh"):
      ** it matches wherever the name is written already, and is a subject
      ** more often than the body */
      char *zTyped = vp_fold_str(zQuery + iFrom, iTo - iFrom), *zCanon = vp_fold_str(pAg->zCanon, -1);
      int bBeginning = zTyped && zCanon && strncmp(zCanon, zTyped, strlen(zTyped)) == 0 &&
                       zCanon[strlen(zTyped)] == ' ';
      int bNoMem = zTyped == NULL || zCanon == NULL;
      free(zTyped);
      free(zCanon);
      if (bNoMem) return VP_ENOMEM;
      if (bBeginning) return VP_OK;
      *pzOut = replaced(zQuery, iFrom, iTo, pAg->zCanon);
      return *pzOut ? VP_OK : VP_ENOMEM;
    }
  }
  return VP_OK;
}

/* The folded words w .. w+k-1 of zQuery joined by single spaces; NULL on
** VP_ENOMEM. */
static char *folded_run(const char *zQuery, const int *aStart, const int *aEnd, int w, int k) {
  vp_buf b = {0};
  int rc = VP_OK;
  for (int i = w; i < w + k && rc == VP_OK; i++) {
    char *zW = vp_fold_str(zQuery + aStart[i], aEnd[i] - aStart[i]);
    if (zW == NULL) rc = VP_ENOMEM;
    if (i > w) vp_buf_append(&b, " ", 1, &rc);
    if (zW) vp_buf_appends(&b, zW, &rc);
    free(zW);
  }
  char *z = vp_buf_take(&b);
  if (rc != VP_OK) {
    free(z);
    return NULL;
  }
  return z ? z : vp_mprintf("%s", "");
}

/* z[0..n) in lower case, NFC, diacritics kept ("Miền" → "miền"); NULL on
** VP_ENOMEM. */
static char *lower_as_written(const char *z, int n) {
  utf8proc_uint8_t *zOut = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)z, n, &zOut,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  if (r < 0) { /* not UTF-8: compared as typed */
    free(zOut);
    return vp_strndup(z, n);
  }
  return (char *)zOut;
}

/* Whether the words w .. w+k-1 of zQuery are e's phrase as written, case
** and spaces aside: a query typed with diacritics means them ("cơ" is no
** "có"). -1 on VP_ENOMEM. */
static int written_as(const char *zQuery, const int *aStart, const int *aEnd, int w, int k,
                      const vp_lexicon_entry *e) {
  vp_buf b = {0};
  int rc = VP_OK;
  for (int i = w; i < w + k; i++) {
    if (i > w) vp_buf_append(&b, " ", 1, &rc);
    vp_buf_append(&b, zQuery + aStart[i], (size_t)(aEnd[i] - aStart[i]), &rc);
  }
  char *zRun = vp_buf_take(&b);
  char *zA = zRun && rc == VP_OK ? lower_as_written(zRun, (int)strlen(zRun)) : NULL;
  char *zB = lower_as_written(e->zPhrase, (int)strlen(e->zPhrase));
  int r = zA && zB ? strcmp(zA, zB) == 0 : -1;
  free(zRun);
  free(zA);
  free(zB);
  return r;
}

/* The longest run of words at w (at most nMax, at least 1) that pList
** holds, folded when the query is typed without diacritics, else as
** written: its length in words, *ppEntry its entry; 0 when none, -1 on
** VP_ENOMEM. */
static int run_in(const vp_lexicon_list *pList, const char *zQuery, const int *aStart, const int *aEnd,
                  int nWord, int w, int nMax, const vp_lexicon_entry **ppEntry) {
  if (nMax > nWord - w) nMax = nWord - w;
  int bAscii = is_ascii(zQuery);
  for (int k = nMax; k >= 1; k--) {
    char *zRun = folded_run(zQuery, aStart, aEnd, w, k);
    if (zRun == NULL) return -1;
    const vp_lexicon_entry *e = vp_lexicon_find(pList, zRun, (int)strlen(zRun));
    free(zRun);
    int r = e && !bAscii ? written_as(zQuery, aStart, aEnd, w, k, e) : e != NULL;
    if (r < 0) return -1;
    if (r) {
      *ppEntry = e;
      return k;
    }
  }
  return 0;
}

int vp_qexpand_topic(const char *zQuery, char **pzOut) {
  *pzOut = NULL;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  const vp_lexicon_list *pAbbrev = vp_lexicon_get("query-abbrev.tsv", NULL);
  const vp_lexicon_list *pSynonym = vp_lexicon_get("query-words.tsv", "synonym");
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS];
  int nWord = split_words_quoted(zQuery, aStart, aEnd);
  for (int w = 0; w < nWord; w++) {
    const vp_lexicon_entry *e = NULL;
    int k = run_in(pSynonym, zQuery, aStart, aEnd, nWord, w, QX_MAX_TERM, &e);
    if (k == 0) k = run_in(pAbbrev, zQuery, aStart, aEnd, nWord, w, 1, &e);
    if (k < 0) return VP_ENOMEM;
    if (k > 0) {
      *pzOut = replaced(zQuery, aStart[w], aEnd[w + k - 1], e->zValue);
      return *pzOut ? VP_OK : VP_ENOMEM;
    }
  }
  /* an amount in words ("100 nghìn đồng"): in figures, as official text
  ** writes it ("100.000 đồng") */
  const vp_lexicon_list *pNumber = vp_lexicon_get("query-words.tsv", "number-word");
  for (int w = 0; w + 1 < nWord; w++) {
    int n = aEnd[w] - aStart[w], bDigits = n > 0 && n <= 4;
    for (int i = aStart[w]; bDigits && i < aEnd[w]; i++) bDigits = zQuery[i] >= '0' && zQuery[i] <= '9';
    if (!bDigits) continue;
    const vp_lexicon_entry *e = NULL;
    int k = run_in(pNumber, zQuery, aStart, aEnd, nWord, w + 1, 1, &e);
    if (k < 0) return VP_ENOMEM;
    if (k == 0) continue;
    char zFigures[64];
    int o = snprintf(zFigures, sizeof(zFigures), "%.*s", n, zQuery + aStart[w]);
    for (int z = atoi(e->zValue); z >= 3 && o + 4 < (int)sizeof(zFigures); z -= 3)
      o += snprintf(zFigures + o, sizeof(zFigures) - (size_t)o, ".000");
    *pzOut = replaced(zQuery, aStart[w], aEnd[w + 1], zFigures);
    return *pzOut ? VP_OK : VP_ENOMEM;
  }
  return VP_OK;
}

static int all_capitals(const char *z, int n) {
  for (int i = 0; i < n; i++)
    if (z[i] >= 'a' && z[i] <= 'z') return 0;
  return n > 1;
}

/* What a question's word i is: 0 a word of its subject, else the length in
** words of the question's phrase that starts at i (-1 on VP_ENOMEM). */
static int question_at(const char *zQuery, const int *aStart, const int *aEnd, int nWord, int i,
                       int bAsked) {
  const vp_lexicon_entry *e = NULL;
  int k = run_in(vp_lexicon_get("query-words.tsv", "question"), zQuery, aStart, aEnd, nWord, i,
                 QX_MAX_TERM, &e);
  if (k == 0 && i == nWord - 1)
    k = run_in(vp_lexicon_get("query-words.tsv", "question-end"), zQuery, aStart, aEnd, nWord, i, 1, &e);
  /* "ai …?": a question's word with a question mark, not written in
  ** capitals ("AI" is a subject) */
  if (k == 0 && bAsked && !all_capitals(zQuery + aStart[i], aEnd[i] - aStart[i]))
    k = run_in(vp_lexicon_get("query-words.tsv", "question-asked"), zQuery, aStart, aEnd, nWord, i, 1, &e);
  return k;
}


int vp_qexpand_question(const char *zQuery, char **pzOut) {
  *pzOut = NULL;
  if (zQuery == NULL) return VP_OK;
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS];
  int nWord = split_words_quoted(zQuery, aStart, aEnd);
  if (nWord < 0) return VP_OK;
  int bAsked = 0;
  for (int i = 0; i < nWord; i++) { /* "… không?": the marks are no word */
    while (aEnd[i] > aStart[i] && zQuery[aEnd[i] - 1] == '?') {
      aEnd[i]--;
      bAsked = 1;
    }
  }
  /* 1: a question's word, 2: a filler next to one, left out */
  unsigned char aOut[QX_MAX_WORDS] = {0};
  int nOut = 0;
  for (int i = 0; i < nWord;) {
    /* a quoted phrase is the person's own term, whatever its words */
    int k = aEnd[i] == aStart[i] ? 1 : vp_qparse_quote_len(zQuery + aStart[i]) ? 0 : question_at(zQuery, aStart, aEnd, nWord, i, bAsked);
    if (k < 0) return VP_ENOMEM;
    if (k == 0) {
      i++;
      continue;
    }
    for (int j = i; j < i + k; j++) aOut[j] = 1;
    nOut += k;
    i += k;
  }
  if (nOut == 0 && !bAsked) return VP_OK; /* no question */
  const vp_lexicon_list *pFiller = vp_lexicon_get("query-words.tsv", "question-filler");
  for (int bMore = 1; bMore;) { /* fillers at the edges of what is left out, or at the start */
    bMore = 0;
    int iFirst = 0;
    while (iFirst < nWord && aOut[iFirst]) iFirst++;
    for (int i = 0; i < nWord; i++) {
      if (aOut[i]) continue;
      int bEdge = i == iFirst || (i > 0 && aOut[i - 1] == 1) || (i + 1 < nWord && aOut[i + 1] == 1);
      const vp_lexicon_entry *e = NULL;
      int k = bEdge && !vp_qparse_quote_len(zQuery + aStart[i]) ? run_in(pFiller, zQuery, aStart, aEnd, nWord, i, 1, &e) : 0;
      if (k < 0) return VP_ENOMEM;
      if (k > 0) {
        aOut[i] = 1; /* next to a question's word, so its neighbours are next to one too */
        nOut++;
        bMore = 1;
      }
    }
  }
  if (nOut == 0 || nOut == nWord) return VP_OK; /* nothing to leave out, or nothing left */
  vp_buf b = {0};
  int rc = VP_OK;
  for (int i = 0; i < nWord; i++) {
    if (aOut[i] || aEnd[i] == aStart[i]) continue;
    if (b.n > 0) vp_buf_append(&b, " ", 1, &rc);
    vp_buf_append(&b, zQuery + aStart[i], (size_t)(aEnd[i] - aStart[i]), &rc);
  }
  *pzOut = vp_buf_take(&b);
  if (rc != VP_OK) {
    free(*pzOut);
    *pzOut = NULL;
  }
  return rc;
}

/* Words of a unit before a province's name, folded: "tỉnh", "thành phố",
** "TP" ("TP." too: the dot is no letter). */
static int unit_words_at(const char *zQuery, const int *aStart, const int *aEnd, int nWord, int i) {
  char *z = folded_run(zQuery, aStart, aEnd, i, 1);
  if (z == NULL) return -1;
  size_t n = strlen(z);
  while (n > 0 && z[n - 1] == '.') z[--n] = 0;
  int k = !strcmp(z, "tinh") || !strcmp(z, "tp") ? 1 : 0;
  if (!k && !strcmp(z, "thanh") && i + 1 < nWord) {
    char *zNext = folded_run(zQuery, aStart, aEnd, i + 1, 1);
    if (zNext == NULL) k = -1;
    else if (!strcmp(zNext, "pho")) k = 2;
    free(zNext);
  }
  free(z);
  return k;
}

int vp_qexpand_province(const char *zQuery, char **pzRest, const char **pzProvince) {
  *pzRest = NULL;
  *pzProvince = NULL;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS];
  int nWord = split_words_quoted(zQuery, aStart, aEnd);
  for (int w = 0; w < nWord; w++) {
    int u = unit_words_at(zQuery, aStart, aEnd, nWord, w);
    if (u < 0) return VP_ENOMEM;
    if (u == 0 || w + u >= nWord) continue;
    /* the longest run of words after the unit that is a province's name */
    int nMax = nWord - (w + u) < 5 ? nWord - (w + u) : 5;
    for (int k = nMax; k >= 1; k--) {
      char *zName = folded_run(zQuery, aStart, aEnd, w + u, k);
      if (zName == NULL) return VP_ENOMEM;
      int nLen = 0;
      const vp_province *pP = vp_gaz_match_fold(zName, (int)strlen(zName), &nLen);
      int bWhole = pP && nLen == (int)strlen(zName);
      free(zName);
      if (!bWhole) continue;
      if (w == 0 && w + u + k == nWord) return VP_OK; /* the province alone */
      vp_buf b = {0};
      int rc = VP_OK;
      for (int i = 0; i < nWord; i++) {
        if (i >= w && i < w + u + k) continue;
        if (b.n > 0) vp_buf_append(&b, " ", 1, &rc);
        vp_buf_append(&b, zQuery + aStart[i], (size_t)(aEnd[i] - aStart[i]), &rc);
      }
      *pzRest = vp_buf_take(&b);
      if (rc != VP_OK || *pzRest == NULL) {
        free(*pzRest);
        *pzRest = NULL;
        return VP_ENOMEM;
      }
      *pzProvince = pP->zName;
      return VP_OK;
    }
  }
  return VP_OK;
}
