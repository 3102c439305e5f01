/*
** page_rules.h — private to indexer/read/: the ruled lines of a page image
** (a scanned table's cell borders), for pdf_table.c to cut a ruled table
** into rows × cells by them. Used by format_pdf.c on the pages it OCRs.
** Not for text or for tables without rules (pdf_table.c finds those from
** word positions alone).
*/
#ifndef PAGE_RULES_H
#define PAGE_RULES_H

/* A ruled line in points, y growing downwards: a vertical one is x1 == x2
** wide, a horizontal one y1 == y2 high (the middle of the drawn stroke). */
typedef struct page_rule {
  double x1, y1, x2, y2;
} page_rule;

/* The ruled lines of an 8-bit gray image (nW x nH pixels, nStride bytes a
** row, nDpi its resolution): long straight runs of dark pixels, a few
** pixels thick — vertical ones at least RULE_MIN_V long (taller than a
** glyph), horizontal ones at least RULE_MIN_H. *paV and *paH malloc'd (the
** caller frees them; NULL when none), their counts in *pnV and *pnH.
** VP_OK or VP_ENOMEM. */
int page_rules_find(const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                    page_rule **paV, int *pnV, page_rule **paH, int *pnH);

#endif /* PAGE_RULES_H */
