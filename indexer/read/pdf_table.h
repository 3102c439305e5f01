/*
** pdf_table.h — private to indexer/read/: a PDF page's text rebuilt from
** its glyph boxes when the page holds a table, so the table comes out as
** Markdown pipe rows (the header, then a row per numbered line) instead of
** poppler's cell-by-cell reading order. Used by format_pdf.c only. Not for
** pages without a table (they keep poppler's text).
*/
#ifndef PDF_TABLE_H
#define PDF_TABLE_H

/* One glyph's box in points, y growing downwards (PopplerRectangle). */
typedef struct pdf_box {
  double x1, y1, x2, y2;
} pdf_box;

/* zText: the page's text (UTF-8), aBox[i] the box of its i-th character
** (nBox of them). Returns the page rebuilt (malloc'd, lines of text and
** pipe tables) when a table of at least 3 columns and 3 lines is found,
** else NULL (also when out of memory: the text is then kept as it is). */
char *pdf_table_rebuild(const char *zText, const pdf_box *aBox, int nBox);

#endif /* PDF_TABLE_H */
