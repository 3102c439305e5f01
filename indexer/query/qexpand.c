/*
** qexpand.c — a query written another way (see vp_qexpand.h): its agency as
** the alias table's name (every run of 2 to VP_QEXPAND_MAX_NAME words,
** longest first, read as a typed agency name by vp_agency_resolve; the
** first that names a record by another spelling is replaced by the name),
** or a subject's abbreviation it types as the phrase in full
** (data/query-abbrev.tsv).
*/
#include "vp_qexpand.h"

#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "vp_qparse.h"

#define QX_MAX_WORDS 32 /* words of a query read at most */

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

/* The words of zQuery: their starts and ends; returns how many (at most
** QX_MAX_WORDS). */
static int split_words(const char *zQuery, int *aStart, int *aEnd) {
  int nWord = 0;
  for (int i = 0; zQuery[i] && nWord < QX_MAX_WORDS;) {
    while (zQuery[i] == ' ' || zQuery[i] == '\t') i++;
    if (!zQuery[i]) break;
    aStart[nWord] = i;
    while (zQuery[i] && zQuery[i] != ' ' && zQuery[i] != '\t') i++;
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
  int nWord = split_words(zQuery, aStart, aEnd);
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
      *pzOut = replaced(zQuery, iFrom, iTo, pAg->zCanon);
      return *pzOut ? VP_OK : VP_ENOMEM;
    }
  }
  return VP_OK;
}

int vp_qexpand_topic(const char *zQuery, char **pzOut) {
  *pzOut = NULL;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  const vp_lexicon_list *pList = vp_lexicon_get("query-abbrev.tsv", NULL);
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS];
  int nWord = split_words(zQuery, aStart, aEnd);
  for (int w = 0; w < nWord; w++) {
    char *zW = vp_fold_str(zQuery + aStart[w], aEnd[w] - aStart[w]);
    if (zW == NULL) return VP_ENOMEM;
    const vp_lexicon_entry *e = vp_lexicon_find(pList, zW, (int)strlen(zW));
    free(zW);
    if (e) {
      *pzOut = replaced(zQuery, aStart[w], aEnd[w], e->zValue);
      return *pzOut ? VP_OK : VP_ENOMEM;
    }
  }
  return VP_OK;
}
