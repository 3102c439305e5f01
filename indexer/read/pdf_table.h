/*
** pdf_table.h — private to indexer/read/: a PDF page's text rebuilt from
** its glyph boxes when the page holds a table, so the table comes out as
** Markdown pipe rows (the header, then a row per numbered line) instead of
** poppler's cell-by-cell reading order; on a scanned page, from the
** boxes of the words OCR read and the rules found in its image. Used by
** format_pdf.c only. Not for pages without a table (they keep their text).
*/
#ifndef PDF_TABLE_H
#define PDF_TABLE_H

#include "page_rules.h"

/* One glyph's box in points, y growing downwards (PopplerRectangle). */
typedef struct pdf_box {
  double x1, y1, x2, y2;
} pdf_box;

/* zText: the page's text (UTF-8), aBox[i] the box of its i-th character
** (nBox of them). Returns the page rebuilt (malloc'd, lines of text and
** pipe tables) when a table of at least 3 columns and 3 lines is found,
** else NULL (also when out of memory: the text is then kept as it is). */
char *pdf_table_rebuild(const char *zText, const pdf_box *aBox, int nBox);

/* The same, with the page's ruled lines (page_rules.h; vertical aV[nV],
** horizontal aH[nH], in points): a region where vertical rules stand at
** four x positions or more (three columns) is a ruled table, cut into rows
** at its horizontal rules and into cells at the vertical rules crossing
** each row (a merged cell's text in its first column, the columns it spans
** empty). The rest of the page as pdf_table_rebuild. bAlways: the page
** rebuilt even without a table (a line of text a printed line, no empty
** lines: what OCR's own layout splits into paragraphs line by line). */
char *pdf_table_rebuild_ruled(const char *zText, const pdf_box *aBox, int nBox,
                              const page_rule *aV, int nV, const page_rule *aH, int nH,
                              int bAlways);

#endif /* PDF_TABLE_H */
