/*
** furniture.c — a portal's page furniture around the document: where it
** ends (the first line after the motto that opens the portal's trailing
** furniture, data/portal-furniture.tsv) and dropping the passages outside
** the document. The start of the document is the header block's first line
** (pipecells.c, reader.c).
**
** Not for anything inside the document.
*/
#include "read_int.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

/* Is line k a portal's metadata label alone ("**Số hiệu:**", data/
** meta-phrases.tsv: portal-field)? */
static int is_portal_label(const rd_ctx *p, int k) {
  const rd_line *pL = &p->aLine[k];
  if (rd_is_blank(pL) || pL->nChar > 40) return 0;
  char *zF = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
  if (zF == NULL) return 0;
  int n = (int)strlen(zF);
  while (n > 0 && (zF[n - 1] == ' ' || zF[n - 1] == '*')) n--;
  int bYes = 0;
  if (n > 1 && zF[n - 1] == ':') {
    int e = -1;
    bYes = vp_lexicon_match_at(vp_lexicon_get("meta-phrases.tsv", "portal-field"), zF, n - 1, 0, &e) != NULL &&
           e == n - 1;
  }
  free(zF);
  return bYes;
}

/* The first line that opens trailing furniture, or p->nLine. Only searched
** after a motto line (an official document's header) or a portal's
** metadata label (a page that shows a document with no header of its
** own), so ordinary text is never cut. */
int rd_furniture_end(rd_ctx *p) {
  const vp_lexicon_list *pPhrases = vp_lexicon_get("portal-furniture.tsv", NULL);
  int iMotto = -1, rc = VP_OK;
  for (int k = 0; k < p->nLine && k < 400 && iMotto < 0; k++) {
    if (rd_line_class(p, k, &rc) == HF_MOTTO || is_portal_label(p, k)) iMotto = k;
  }
  if (iMotto < 0 || rc) return p->nLine;
  for (int k = iMotto + 1; k < p->nLine; k++) {
    const rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->nChar > 160) continue;
    char *zF = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
    if (zF == NULL) return p->nLine;
    int bHit = vp_lexicon_match_at(pPhrases, zF, (int)strlen(zF), 0, NULL) != NULL;
    free(zF);
    if (bHit) return k;
  }
  return p->nLine;
}

/* Drop the passages outside [iDocStart, iDocEnd) (none are referenced by a
** parent or table index yet: this runs before the structure pass). */
void rd_drop_outside(rd_ctx *p, int iDocStart, int iDocEnd) {
  int j = 0;
  for (int k = 0; k < p->nP; k++) {
    vp_passage *pP = &p->aP[k];
    if (pP->iEnd <= iDocStart || pP->iStart >= iDocEnd) {
      for (int c = 0; c < pP->nCell; c++) free(pP->azCell[c]);
      free(pP->azCell);
      continue;
    }
    p->aP[j] = *pP;
    p->aInfo[j] = p->aInfo[k];
    j++;
  }
  p->nP = j;
}
