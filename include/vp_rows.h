/*
** vp_rows.h — a list answer (a cJSON array of objects) written as rows for
** other programs: CSV (RFC 4180: a header row, fields quoted when they hold
** a comma, a quote or a line break, quotes doubled, CRLF line ends), TSV
** (tabs and line breaks in fields turned to spaces) or NDJSON (each object
** as one line). Columns are paths into each object ("doc.label", "line",
** "lead" — an array of strings joined with "; " — or "dates[].date").
** Not for text meant for people (the CLI prints that).
*/
#ifndef VP_ROWS_H
#define VP_ROWS_H

#include <stdio.h>

#include <cjson/cJSON.h>

typedef enum vp_rows_format { VP_ROWS_CSV, VP_ROWS_TSV, VP_ROWS_NDJSON } vp_rows_format;

/* One column: its header and its path in a row's object. */
typedef struct vp_rows_col {
  const char *zHeader;
  const char *zPath;
} vp_rows_col;

/* Write the objects of aRows to f in format e: a header row and one row
** per object with the nCol columns aCol (NDJSON writes each object whole
** and ignores aCol). A value that is missing or null is an empty field. */
void vp_rows_write(FILE *f, vp_rows_format e, const cJSON *aRows, const vp_rows_col *aCol,
                   int nCol);

/* The same a row at a time, for a stream: the header row (nothing for
** NDJSON), then each object. */
void vp_rows_write_header(FILE *f, vp_rows_format e, const vp_rows_col *aCol, int nCol);
void vp_rows_write_row(FILE *f, vp_rows_format e, const cJSON *pRow, const vp_rows_col *aCol,
                       int nCol);

/* The text of one field (caller frees): numbers without a needless
** fraction, booleans as true/false, arrays joined with "; ", <mark> tags
** dropped. NULL on out of memory. */
char *vp_rows_field(const cJSON *pRow, const char *zPath);

#endif /* VP_ROWS_H */
