/*
** columns.c — column names of plan tables and their roles (vp_columns.h),
** from the lexicon's lists of data/table-columns.tsv ("exact" names match a
** whole header cell, "prefix" names also its first words). Not for finding
** tables in text (the reader does that).
*/
#include "vp_columns.h"

#include <string.h>

#include "vp_common.h"
#include "vp_lexicon.h"

static const char *const azRole[] = {"", "number", "content", "lead", "support",
                                     "deadline", "product", "budget", "note", "other", "step"};

static vp_colrole role_named(const char *z) {
  for (int k = 1; k < VP_ARRAY_SIZE(azRole); k++)
    if (strcmp(z, azRole[k]) == 0) return (vp_colrole)k;
  return VP_COL_NONE;
}

/* Length of zFold without trailing ':', '.', spaces and '*'. */
static int trimmed_len(const char *zFold) {
  int n = (int)strlen(zFold);
  while (n > 0 && (zFold[n - 1] == ':' || zFold[n - 1] == '.' || zFold[n - 1] == ' ' ||
                   zFold[n - 1] == '*'))
    n--;
  return n;
}

int vp_columns_is_name(const char *zFold) {
  int n = trimmed_len(zFold);
  if (n == 0 || n > 60) return 0;
  int nWord = 1;
  for (int i = 0; i < n; i++) {
    nWord += zFold[i] == ' ';
    if (zFold[i] == ':') return 0; /* "Thời gian thực hiện: Thường xuyên" is a field */
  }
  if (nWord > 10) return 0;
  if (vp_lexicon_find(vp_lexicon_get("table-columns.tsv", "exact"), zFold, n)) return 1;
  const vp_lexicon_list *pPrefix = vp_lexicon_get("table-columns.tsv", "prefix");
  if (vp_lexicon_find(pPrefix, zFold, n)) return 1;
  int nLen = 0;
  /* the longest prefix name at the start, followed by more words */
  return vp_lexicon_match_at(pPrefix, zFold, n, 0, &nLen) != NULL && nLen < n &&
         (zFold[nLen] == ' ' || zFold[nLen] == ',' || zFold[nLen] == '(');
}

vp_colrole vp_columns_role(const char *zFold) {
  static const char *const azList[] = {"exact", "prefix"};
  int n = trimmed_len(zFold);
  /* the name found earliest in the cell, the longest at that place */
  for (int i = 0; i < n; i++) {
    if (i > 0 && zFold[i - 1] != ' ' && zFold[i - 1] != ',' && zFold[i - 1] != '(') continue;
    const vp_lexicon_entry *pBest = NULL;
    int nBest = 0;
    for (int k = 0; k < VP_ARRAY_SIZE(azList); k++) {
      int nLen = 0;
      const vp_lexicon_entry *e =
          vp_lexicon_match_at(vp_lexicon_get("table-columns.tsv", azList[k]), zFold, n, i, &nLen);
      if (e && nLen > nBest) {
        pBest = e;
        nBest = nLen;
      }
    }
    if (pBest) return role_named(pBest->zValue);
  }
  return VP_COL_NONE;
}

int vp_columns_check(char **pzErr) {
  if (vp_lexicon_count(vp_lexicon_get("table-columns.tsv", "prefix")) == 0) {
    if (pzErr) *pzErr = vp_mprintf("data/table-columns.tsv has no column names");
    return VP_EINPUT;
  }
  return vp_lexicon_init(pzErr);
}
