/*
** data.c — access to the data tables compiled in from data/ (see vp_data.h):
** lookup by name, a checksum of them all and a TSV row iterator. Not for the meaning of any table.
*/
#include "vp_data.h"

#include <string.h>

#include "vp_data_table.h"

const char *vp_data_get(const char *zName, size_t *pn) {
  for (int i = 0; i < vp_data_count; i++) {
    if (strcmp(vp_data_table[i].zName, zName) == 0) {
      if (pn) *pn = vp_data_table[i].n;
      return vp_data_table[i].z;
    }
  }
  if (pn) *pn = 0;
  return NULL;
}

unsigned vp_data_checksum(void) {
  unsigned h = 2166136261u;
  for (int i = 0; i < vp_data_count; i++) {
    const vp_data_entry *e = &vp_data_table[i];
    for (const char *z = e->zName; *z; z++) h = (h ^ (unsigned char)*z) * 16777619u;
    for (size_t k = 0; k < e->n; k++) h = (h ^ (unsigned char)e->z[k]) * 16777619u;
  }
  return h;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

int vp_data_next_row(const char *zTable, size_t *piPos, char *zLine,
                     int nLine, char **azCol, int nMax) {
  if (zTable == NULL) return 0;
  size_t nTable = strlen(zTable);
  int bSkipHeader = (*piPos == 0); /* the first non-comment line names the columns */
  for (;;) {
    size_t i = *piPos;
    if (i >= nTable) return 0;
    size_t iEnd = i;
    while (iEnd < nTable && zTable[iEnd] != '\n') iEnd++;
    *piPos = iEnd < nTable ? iEnd + 1 : iEnd;
    size_t nRow = iEnd - i;
    if (nRow == 0 || zTable[i] == '#' || zTable[i] == '\r') continue;
    if (bSkipHeader) {
      bSkipHeader = 0;
      continue;
    }
    if ((int)nRow >= nLine) nRow = (size_t)nLine - 1;
    memcpy(zLine, zTable + i, nRow);
    zLine[nRow] = 0;
    int nCol = 0;
    char *z = zLine;
    while (nCol < nMax) {
      char *zTab = strchr(z, '\t');
      if (zTab) *zTab = 0;
      char *zS = z;
      while (is_space(*zS)) zS++;
      char *zE = zS + strlen(zS);
      while (zE > zS && is_space(zE[-1])) *--zE = 0;
      azCol[nCol++] = zS;
      if (!zTab) break;
      z = zTab + 1;
    }
    return nCol;
  }
}
