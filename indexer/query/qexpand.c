/*
** qexpand.c — a query's agency written as the alias table's name (see
** vp_qexpand.h): every run of 2 to VP_QEXPAND_MAX_NAME words, longest first,
** read as a typed agency name (vp_agency_resolve); the first that names a
** record by another spelling than its name is replaced by the name.
*/
#include "vp_qexpand.h"

#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_fold.h"
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

int vp_qexpand_agency(const char *zQuery, char **pzOut) {
  *pzOut = NULL;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  int aStart[QX_MAX_WORDS], aEnd[QX_MAX_WORDS], nWord = 0;
  for (int i = 0; zQuery[i] && nWord < QX_MAX_WORDS;) {
    while (zQuery[i] == ' ' || zQuery[i] == '\t') i++;
    if (!zQuery[i]) break;
    aStart[nWord] = i;
    while (zQuery[i] && zQuery[i] != ' ' && zQuery[i] != '\t') i++;
    aEnd[nWord++] = i;
  }
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
      /* typed without diacritics, the name goes in without them, so the
      ** query keeps matching every spelling (vp_qparse.h) */
      char *zFolded = is_ascii(zQuery) ? vp_fold_str(pAg->zCanon, -1) : NULL;
      const char *zTableName = is_ascii(zQuery) ? zFolded : pAg->zCanon;
      *pzOut = zTableName ? vp_mprintf("%.*s%s%s", iFrom, zQuery, zTableName, zQuery + iTo) : NULL;
      free(zFolded);
      return *pzOut ? VP_OK : VP_ENOMEM;
    }
  }
  return VP_OK;
}
