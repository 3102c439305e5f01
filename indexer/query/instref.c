/*
** instref.c — an instrument named loosely, read into number, year, type
** and issuer (see vp_instref.h). The query is cut into pieces at spaces and
** at the separators of numbers (/ - . ,); type and issuer names are matched
** on the folded pieces through the lexicon, codes on the pieces as typed.
** Not for numbers written in full: vp_docnum reads those exactly.
*/
#include "vp_instref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_fold.h"
#include "vp_lexicon.h"

#define MAX_PIECES 48
#define MAX_PHRASE_PIECES 8
#define TYPES_TABLE "instrument-types.tsv"

typedef struct piece {
  const char *z; /* as typed */
  int n;
  char *zFold;   /* folded (no case, no diacritics) */
} piece;

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_sep(const char *z) {
  unsigned char c = (unsigned char)*z;
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '-' || c == '.' ||
         c == ',' || c == ';' || c == '(' || c == ')' || c == '"' || c == ':';
}

/* ASCII letters and Đ/đ only: a piece that may be a code ("NQ", "QĐ"). */
static int is_code_like(const char *z, int n) {
  if (n == 0 || n > 14) return 0;
  for (int i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
    if (c == 0xC4 && i + 1 < n && ((unsigned char)z[i + 1] == 0x90 || (unsigned char)z[i + 1] == 0x91)) {
      i++;
      continue;
    }
    return 0;
  }
  return 1;
}

static int all_digits(const char *z, int n) {
  if (n == 0) return 0;
  for (int i = 0; i < n; i++)
    if (!is_digit(z[i])) return 0;
  return 1;
}

/* The longest name of pList standing at piece i; its code in *pzCode and
** the pieces it spans returned (0: none). */
static int match_name(const vp_lexicon_list *pList, const piece *a, int n, int i,
                      const char **pzCode) {
  char zJoin[256] = "";
  int aEnd[MAX_PHRASE_PIECES], nJoin = 0, k;
  for (k = 0; k < MAX_PHRASE_PIECES && i + k < n; k++) {
    int m = snprintf(zJoin + nJoin, sizeof(zJoin) - (size_t)nJoin, "%s%s", k ? " " : "", a[i + k].zFold);
    if (m < 0 || nJoin + m >= (int)sizeof(zJoin)) break;
    nJoin += m;
    aEnd[k] = nJoin;
  }
  int nLen = 0;
  const vp_lexicon_entry *pE = vp_lexicon_match_at(pList, zJoin, nJoin, 0, &nLen);
  if (pE == NULL) return 0;
  for (int j = 0; j < k; j++) {
    if (aEnd[j] == nLen) {
      *pzCode = pE->azCol[0];
      return j + 1;
    }
  }
  return 0;
}

int vp_instref_parse(const char *zQuery, vp_instref *p) {
  memset(p, 0, sizeof(*p));
  piece a[MAX_PIECES];
  int n = 0;
  for (const char *z = zQuery; *z && n < MAX_PIECES;) {
    if (is_sep(z)) { z++; continue; }
    const char *zEnd = z;
    while (*zEnd && !is_sep(zEnd)) zEnd++;
    a[n].z = z;
    a[n].n = (int)(zEnd - z);
    a[n].zFold = vp_fold_str(z, a[n].n);
    if (a[n].zFold == NULL) break;
    n++;
    z = zEnd;
  }
  const vp_lexicon_list *pType = vp_lexicon_get(TYPES_TABLE, "type");
  const vp_lexicon_list *pAlias = vp_lexicon_get(TYPES_TABLE, "alias");
  const vp_lexicon_list *pIssuer = vp_lexicon_get(TYPES_TABLE, "issuer");
  const vp_lexicon_list *pBody = vp_lexicon_get(TYPES_TABLE, "body");
  int bAfterNam = 0, nNamed = 0; /* pieces read as part of the name */
  for (int i = 0; i < n;) {
    const piece *q = &a[i];
    const char *zCode = NULL;
    int nUsed;
    int bNumber = p->zNumber[0] != 0;
    if (all_digits(q->z, q->n)) {
      int v = q->n <= 4 ? atoi(q->z) : 0;
      if ((bNumber || bAfterNam) && q->n == 4 && v >= 1900 && v <= 2100) {
        if (p->nYear == 0) p->nYear = v;
      } else if (!bNumber && !bAfterNam && q->n <= 6) {
        snprintf(p->zNumber, sizeof(p->zNumber), "%.*s", q->n, q->z);
      }
      bAfterNam = 0;
      nNamed++;
      i++;
      continue;
    }
    bAfterNam = strcmp(q->zFold, "nam") == 0;
    if (bAfterNam || strcmp(q->zFold, "so") == 0 || strcmp(q->zFold, "cua") == 0)
      nNamed++; /* "số 57", "năm 2024", "của Bộ Chính trị" */
    /* names first ("Nghị quyết", "Thủ tướng Chính phủ"), then codes; a
    ** type nearest before the number wins, an issuer after it */
    if ((nUsed = match_name(pType, a, n, i, &zCode)) > 0 ||
        (nUsed = match_name(pAlias, a, n, i, &zCode)) > 0) {
      if (!bNumber || p->zType[0] == 0) snprintf(p->zType, sizeof(p->zType), "%s", zCode);
      nNamed += nUsed;
      i += nUsed;
      continue;
    }
    if ((nUsed = match_name(pIssuer, a, n, i, &zCode)) > 0) {
      if (p->zIssuer[0] == 0 || !bNumber) snprintf(p->zIssuer, sizeof(p->zIssuer), "%s", zCode);
      nNamed += nUsed;
      i += nUsed;
      continue;
    }
    if ((nUsed = match_name(pBody, a, n, i, &zCode)) > 0) { /* "của Bộ Chính trị": no code */
      nNamed += nUsed;
      i += nUsed;
      continue;
    }
    if (is_code_like(q->z, q->n)) {
      const vp_lexicon_entry *pE = vp_lexicon_find_code(pType, 0, q->z, q->n);
      if (pE) {
        if (!bNumber || p->zType[0] == 0) snprintf(p->zType, sizeof(p->zType), "%s", pE->azCol[0]);
        nNamed++;
      } else if ((pE = vp_lexicon_find_code(pIssuer, 0, q->z, q->n)) != NULL) {
        if (p->zIssuer[0] == 0 || !bNumber) snprintf(p->zIssuer, sizeof(p->zIssuer), "%s", pE->azCol[0]);
        nNamed++;
      }
    }
    i++;
  }
  p->bAlone = n > 0 && nNamed == n;
  for (int i = 0; i < n; i++) free(a[i].zFold);
  return p->zNumber[0] != 0;
}
