/*
** vp_data.h — the data tables under data/ (provinces, agency aliases,
** instrument types…) compiled into the binary by the Makefile, so the program
** needs no files at run time. Not for parsing them: each module reads its own
** table.
*/
#ifndef VP_DATA_H
#define VP_DATA_H

#include <stddef.h>

/* Contents of data/<zName> (e.g. "provinces.tsv"), NUL-terminated, static;
** *pn (may be NULL) gets the length. NULL when there is no such table. */
const char *vp_data_get(const char *zName, size_t *pn);

/* A checksum of every table (FNV-1a over names and contents), so that an
** index can tell which documents were extracted under other word lists. */
unsigned vp_data_checksum(void);

/* Iterate the TSV rows of a table: skips '#' comments, blank lines and the
** first other line (the column names). Fills up to nMax column pointers into
** a caller buffer holding a copy of the line (cells NUL-terminated, trimmed).
** Returns the number of columns, 0 at the end. *piPos is the cursor (start
** at 0). */
int vp_data_next_row(const char *zTable, size_t *piPos, char *zLine,
                     int nLine, char **azCol, int nMax);

#endif /* VP_DATA_H */
