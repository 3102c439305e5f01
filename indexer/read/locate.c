/*
** locate.c — locators a person can follow back into a file of another
** format (vp_format_locate in vp_format.h): for a PDF the page, counted by
** the "---" rules format_pdf.c puts between pages and mapped to the file's
** page numbers it noted (pages without text are skipped there), and the
** line on that page, "p. 3, l. 12", with " (OCR)" when OCR read the page;
** for DOCX and ODT the paragraph, counted by the empty lines between rendered
** paragraphs (a table counts as one, its rows by their line), "¶ 41"; for
** DOC the paragraph, one per line of antiword's output. Text files and
** pages keep their line number only. Not for rendering.
*/
#include <stdio.h>
#include <string.h>

#include "vp_format.h"
#include "vp_reader.h"

#define PAGE_RULE "\n\n---\n\n"

static void locate_pdf(vp_text *t) {
  const char *z = t->zBuf;
  int k = 0;         /* rendered pages before the cursor */
  size_t iPage = 0;  /* offset where page k's text starts */
  int iLine = 1;     /* line on the page at offset iCur */
  size_t iCur = 0;
  int nOcr = 0, bOcr = 0;
  for (int i = 0; i < 1 << 15; i++) {
    if (vp_format_page(i, &bOcr) == 0) break;
    nOcr += bOcr;
  }
  t->nOcrPage = nOcr;
  for (int i = 0; i < t->nPassage; i++) {
    vp_passage *ps = &t->aPassage[i];
    size_t iTo = (size_t)ps->iStart;
    if (iTo < iCur) { /* passages are in order; restart if not */
      k = 0, iPage = 0, iLine = 1, iCur = 0;
    }
    while (iCur < iTo) {
      if (strncmp(z + iCur, PAGE_RULE, sizeof PAGE_RULE - 1) == 0 && iCur + sizeof PAGE_RULE - 1 <= iTo) {
        k++;
        iCur += sizeof PAGE_RULE - 1;
        iPage = iCur;
        iLine = 1;
        continue;
      }
      if (z[iCur] == '\n') iLine++;
      iCur++;
    }
    (void)iPage;
    int iPdfPage = vp_format_page(k, &bOcr);
    if (iPdfPage > 0) {
      char zL[64];
      snprintf(zL, sizeof zL, "p. %d, l. %d%s", iPdfPage, iLine, bOcr ? " (OCR)" : "");
      snprintf(ps->zLoc, sizeof ps->zLoc, "%.31s", zL);
    }
  }
}

/* Paragraphs: a new one after each empty line (bEmpty) or each line (DOC). */
static void locate_paragraphs(vp_text *t, int bEachLine) {
  const char *z = t->zBuf;
  size_t iCur = 0;
  int nPara = 1;
  int bBlankRun = 0;
  for (int i = 0; i < t->nPassage; i++) {
    vp_passage *ps = &t->aPassage[i];
    size_t iTo = (size_t)ps->iStart;
    if (iTo < iCur) iCur = 0, nPara = 1, bBlankRun = 0;
    for (; iCur < iTo; iCur++) {
      if (z[iCur] != '\n') {
        bBlankRun = 0;
        continue;
      }
      int bNextBlank = z[iCur + 1] == '\n' || z[iCur + 1] == '\0';
      if (bEachLine ? !bNextBlank : (bNextBlank && !bBlankRun)) {
        if (!bEachLine) bBlankRun = 1;
        else nPara++;
      }
      if (!bEachLine && !bNextBlank && bBlankRun) {
        nPara++;
        bBlankRun = 0;
      }
    }
    snprintf(ps->zLoc, sizeof ps->zLoc, "¶ %d", nPara);
  }
}

void vp_format_locate(const char *zPath, struct vp_text *pText) {
  const char *zFormat = vp_format_of(zPath);
  if (zFormat == NULL || pText == NULL || pText->zBuf == NULL) return;
  if (strcmp(zFormat, "PDF") == 0) locate_pdf(pText);
  else if (strcmp(zFormat, "DOCX") == 0 || strcmp(zFormat, "ODT") == 0) locate_paragraphs(pText, 0);
  else if (strcmp(zFormat, "DOC") == 0) locate_paragraphs(pText, 1);
}
