/*
** tables.c — tables as rows × cells: TSV, one cell per line after a run of
** column names ("cellrun"), Markdown pipe tables and HTML tables, with the
** cell helpers they share with pipecells.c (split, merge, count column
** names, give cells to a passage).
**
** Not for the portal's one-cell-per-line form between bare "|" lines
** (pipecells.c) nor for column roles (reader.c, from vp_columns).
*/
#include "read_int.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_fold.h"

void rd_cells_free(rd_cells *pC) {
  for (int i = 0; i < pC->n; i++) free(pC->az[i]);
  free(pC->az);
  pC->az = NULL;
  pC->n = 0;
}

/* Give the cells to passage iP. */
void rd_cells_give(rd_ctx *p, int iP, rd_cells *pC) {
  if (iP < 0) {
    rd_cells_free(pC);
    return;
  }
  p->aP[iP].azCell = pC->az;
  p->aP[iP].nCell = pC->n;
  pC->az = NULL;
  pC->n = 0;
}

/* Split [s,e) of the raw line on cSep into cleaned cells. bOuter: ignore a
** leading and trailing separator (Markdown "| a | b |"). */
static int rd_split_cells(rd_ctx *p, int s, int e, char cSep, int bOuter,
                          rd_cells *pC) {
  const char *zR = p->zRaw;
  int n = 1;
  if (bOuter) {
    while (s < e && rd_is_space((unsigned char)zR[s])) s++;
    while (e > s && rd_is_space((unsigned char)zR[e - 1])) e--;
    if (s < e && zR[s] == cSep) s++;
    if (e > s && zR[e - 1] == cSep && (e - 2 < s || zR[e - 2] != '\\')) e--;
  }
  for (int i = s; i < e; i++)
    if (zR[i] == cSep && (cSep != '|' || i == 0 || zR[i - 1] != '\\')) n++;
  pC->az = calloc((size_t)n, sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = n;
  int iCell = 0, iFrom = s;
  for (int i = s; i <= e; i++) {
    if (i == e || (zR[i] == cSep && (cSep != '|' || i == 0 || zR[i - 1] != '\\'))) {
      pC->az[iCell] = rd_collapse(p->zClean, iFrom, i);
      if (pC->az[iCell] == NULL) return VP_ENOMEM;
      iCell++;
      iFrom = i + 1;
    }
  }
  return VP_OK;
}

int rd_count_colnames(rd_cells *pC, int *pnFilled) {
  int nName = 0, nFilled = 0;
  for (int i = 0; i < pC->n; i++) {
    if (pC->az[i][0] == 0) continue;
    nFilled++;
    char *zFold = vp_fold_str(pC->az[i], -1);
    if (zFold == NULL) return -1;
    nName += rd_is_colname(zFold);
    free(zFold);
  }
  *pnFilled = nFilled;
  return nName;
}

/* Append the cells of a continuation line to those of passage iP. */
static int rd_merge_cells(rd_ctx *p, int iP, rd_cells *pC) {
  vp_passage *pP = &p->aP[iP];
  if (pC->n > pP->nCell) {
    char **az = realloc(pP->azCell, sizeof(char *) * (size_t)pC->n);
    if (az == NULL) return VP_ENOMEM;
    for (int i = pP->nCell; i < pC->n; i++) {
      az[i] = vp_strndup("", 0);
      if (az[i] == NULL) {
        pP->azCell = az;
        pP->nCell = i;
        return VP_ENOMEM;
      }
    }
    pP->azCell = az;
    pP->nCell = pC->n;
  }
  for (int i = 0; i < pC->n; i++) {
    if (pC->az[i][0] == 0) continue;
    char *zOld = pP->azCell[i];
    char *zNew = zOld[0] ? vp_mprintf("%s %s", zOld, pC->az[i])
                         : vp_strndup(pC->az[i], -1);
    if (zNew == NULL) return VP_ENOMEM;
    free(zOld);
    pP->azCell[i] = zNew;
  }
  return VP_OK;
}

/* A TSV line may start a table when two cells hold text and it has two
** tabs or the next line has tabs too (a stray tab is not a table). */
int rd_tsv_starts(const rd_ctx *p, int iLine) {
  const rd_line *pL = &p->aLine[iLine];
  if (!pL->bTab) return 0;
  const char *q = memchr(p->zRaw + pL->iRaw, '\t', (size_t)(pL->iRawEnd - pL->iRaw));
  int bTwo = q && memchr(q + 1, '\t', (size_t)(p->zRaw + pL->iRawEnd - q - 1));
  int k = rd_next_line(p, iLine);
  if (!bTwo && (k >= p->nLine || !p->aLine[k].bTab)) return 0;
  int nFilled = 0, bText = 0;
  for (int i = pL->iRaw; i <= pL->iRawEnd && nFilled < 2; i++) {
    if (i == pL->iRawEnd || p->zRaw[i] == '\t') {
      nFilled += bText;
      bText = 0;
    } else if (!rd_is_space((unsigned char)p->zClean[i])) {
      bText = 1;
    }
  }
  return nFilled >= 2;
}

/* TSV table from line i (corpus style: one row a line, blank lines between
** rows ignored, rows with an empty first cell continue the previous row). */
int rd_table_tsv(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  int iLastRow = -1, bFirst = 1;
  for (; i < p->nLine && !p->rc; i++) {
    rd_line *pL = &p->aLine[i];
    if (rd_is_blank(pL)) {
      int k = rd_next_line(p, i);
      if (k < p->nLine && p->aLine[k].bTab) continue;
      break;
    }
    if (!pL->bTab) break;
    rd_cells c = {NULL, 0};
    if (rd_split_cells(p, pL->iRaw, pL->iRawEnd, '\t', 0, &c)) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int nFilled = 0;
    int nName = rd_count_colnames(&c, &nFilled);
    if (nName < 0) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int bHead = bFirst && nName >= 2 && nName * 2 >= nFilled;
    int iP;
    rd_label row;
    if (bHead) {
      iP = rd_add(p, VP_P_TABLE_HEAD, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      rd_cells_give(p, iP, &c);
      iLastRow = iP;
      bFirst = 0;
    } else if (c.az[0][0] == 0 && iLastRow >= 0) {
      vp_passage *pP = &p->aP[iLastRow];
      pP->iEnd = pL->iCe;
      p->aInfo[iLastRow].iLast = i;
      if (rd_merge_cells(p, iLastRow, &c)) p->rc = VP_ENOMEM;
      rd_cells_free(&c);
      continue;
    } else if (nFilled == 1 && c.az[0][0] && c.n >= 2 &&
               !rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row)) {
      iP = rd_add(p, VP_P_HEADING, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      rd_cells_free(&c);
      iLastRow = -1;
    } else {
      iP = rd_add(p, VP_P_ROW, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      if (iP >= 0 && rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row))
        p->aInfo[iP].lab = row;
      else if (iP >= 0)
        memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
      rd_cells_give(p, iP, &c);
      iLastRow = iP;
      bFirst = 0; /* a header comes before the first data row */
    }
    if (iP >= 0) p->aInfo[iP].iTableId = iTableId;
  }
  return i;
}

/* Cells [aiLine[0..n)) of a one-cell-per-line row or header, cleaned. */
static int rd_cells_of_lines(rd_ctx *p, const int *aiLine, int n, rd_cells *pC) {
  pC->az = calloc((size_t)n, sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = n;
  for (int m = 0; m < n; m++) {
    const rd_line *pL = &p->aLine[aiLine[m]];
    pC->az[m] = rd_collapse(p->zClean, pL->iCs, pL->iCe);
    if (pC->az[m] == NULL) return VP_ENOMEM;
  }
  return VP_OK;
}

#define RD_MAX_CELLRUN_COLS 24

/* The line after a page break at line m (blank lines around a rule line,
** as a PDF's pages are joined), or -1 when there is none at m. */
static int rd_after_page_break(const rd_ctx *p, int m) {
  int bHr = 0, g = m;
  for (; g < p->nLine && rd_is_blank(&p->aLine[g]); g++) bHr |= p->aLine[g].bHr;
  return bHr && g < p->nLine ? g : -1;
}

/* One cell per line: a run of at least three column-name lines (the
** header), then rows, each starting with a bare row number ("1", "2.1")
** and taking the next N-1 lines as its cells. When the header lines are
** separated by blank lines, so are the cells; otherwise a row stops early
** at a blank line. A page break (a rule between blank lines) inside the
** table is passed over. Returns the line after the table, or i when line i does
** not start one. Emits the passages only when bEmit. */
int rd_table_cellrun(rd_ctx *p, int i, int bEmit) {
  int aiHead[RD_MAX_CELLRUN_COLS], aiCell[RD_MAX_CELLRUN_COLS];
  int nCol = 0, bSpaced = 0, j = i;
  while (j < p->nLine && nCol < RD_MAX_CELLRUN_COLS) {
    const rd_line *pL = &p->aLine[j];
    if (!rd_is_blank(pL) && pL->bColName) {
      aiHead[nCol++] = j++;
    } else if (rd_is_blank(pL) && nCol > 0 && j + 1 < p->nLine &&
               !rd_is_blank(&p->aLine[j + 1]) && p->aLine[j + 1].bColName) {
      bSpaced = 1;
      j++;
    } else {
      break;
    }
  }
  int k = rd_next_line(p, j - 1);
  if (nCol < 3 || k >= p->nLine || !p->aLine[k].bRowNum) return i;
  int iTableId = 0;
  if (bEmit) {
    rd_cells c = {NULL, 0};
    iTableId = ++p->nTable;
    if (rd_cells_of_lines(p, aiHead, nCol, &c)) p->rc = VP_ENOMEM;
    int iP = rd_add(p, VP_P_TABLE_HEAD, p->aLine[i].iCs, p->aLine[aiHead[nCol - 1]].iCe,
                    p->aLine[i].iLineNo, i, aiHead[nCol - 1]);
    if (iP >= 0) p->aInfo[iP].iTableId = iTableId;
    rd_cells_give(p, iP, &c);
  }
  j = aiHead[nCol - 1] + 1;
  while (!p->rc) {
    k = rd_next_line(p, j - 1);
    if (k >= p->nLine || !p->aLine[k].bRowNum) break;
    int nTaken = 0, m = k;
    aiCell[nTaken++] = k;
    while (nTaken < nCol && m + 1 < p->nLine) {
      int iNext = m + 1;
      if (rd_is_blank(&p->aLine[iNext])) {
        int iAfter = rd_after_page_break(p, iNext);
        if (!bSpaced && iAfter < 0) break;
        iNext = iAfter >= 0 ? iAfter : rd_next_line(p, m);
        if (iNext >= p->nLine || p->aLine[iNext].bRowNum) break;
      }
      m = iNext;
      aiCell[nTaken++] = m;
    }
    if (bEmit) {
      rd_cells c = {NULL, 0};
      if (rd_cells_of_lines(p, aiCell, nTaken, &c)) p->rc = VP_ENOMEM;
      int iP = rd_add(p, VP_P_ROW, p->aLine[k].iCs, p->aLine[m].iCe, p->aLine[k].iLineNo, k, m);
      if (iP >= 0) {
        p->aInfo[iP].iTableId = iTableId;
        rd_parse_rownum(p->zClean, p->aLine[k].iCs, p->aLine[k].iCe, &p->aInfo[iP].lab);
      }
      rd_cells_give(p, iP, &c);
    }
    j = m + 1;
  }
  return j;
}

/* Row numbers of one-cell-per-line tables look like page numbers: mark
** those tables first. */
void rd_mark_cellruns(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    if (rd_is_blank(&p->aLine[k]) || !p->aLine[k].bColName) continue;
    int iEnd = rd_table_cellrun(p, k, 0);
    for (int m = k; m < iEnd; m++) p->aLine[m].bInCellRun = 1;
    if (iEnd > k) k = iEnd - 1;
  }
}

/* Markdown pipe table from line i: rows until a line that is not a row. */
int rd_table_pipe(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  int bHeadDone = 0;
  for (; i < p->nLine && !p->rc; i++) {
    rd_line *pL = &p->aLine[i];
    if (!pL->bPipe) break;
    if (pL->bPipeSep) continue;
    rd_cells c = {NULL, 0};
    if (rd_split_cells(p, pL->iRaw, pL->iRawEnd, '|', 1, &c)) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int bHead = !bHeadDone && i + 1 < p->nLine && p->aLine[i + 1].bPipeSep;
    bHeadDone = 1;
    if (rd_is_blank(pL)) {
      rd_cells_free(&c);
      continue;
    }
    int iP = rd_add(p, bHead ? VP_P_TABLE_HEAD : VP_P_ROW, pL->iCs, pL->iCe,
                    pL->iLineNo, i, i);
    if (iP >= 0) {
      p->aInfo[iP].iTableId = iTableId;
      if (!bHead && c.n > 0) {
        rd_label row;
        if (rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row))
          p->aInfo[iP].lab = row;
        else
          memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
      }
    }
    rd_cells_give(p, iP, &c);
  }
  return i;
}

/* Line index holding byte offset iOff (binary search). */
static int rd_line_of(const rd_ctx *p, int iOff) {
  int lo = 0, hi = p->nLine - 1;
  while (lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if (p->aLine[mid].iRaw <= iOff) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/* Name of the tag at z[i] == '<' (after an optional '/'), lowercased into
** zName (up to 15 bytes). Returns the end of the tag or 0. */
static int rd_html_tag(const char *z, int i, int e, char *zName, int *pbClose) {
  int j = rd_tag_end(z, i, e);
  if (j == 0) return 0;
  int k = i + 1, n = 0;
  *pbClose = 0;
  if (z[k] == '/') {
    *pbClose = 1;
    k++;
  }
  while (k < j && n < 15 && rd_is_alpha((unsigned char)z[k])) {
    char c = z[k++];
    zName[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  zName[n] = 0;
  return j;
}

/* Emit the row [iRow, iEnd) with cells given as content spans. */
static void rd_html_emit(rd_ctx *p, int iTableId, int iRow, int iEnd, int *aSpan,
                         int nSpan, int bHead) {
  int s = iRow, e = iEnd;
  rd_trim(p->zClean, &s, &e);
  if (s >= e) return;
  int aWhole[2] = {s, e};
  if (nSpan == 0) { /* text in a row but no <td>: one cell */
    aSpan = aWhole;
    nSpan = 1;
  }
  rd_cells c = {NULL, 0};
  {
    c.az = calloc((size_t)nSpan, sizeof(char *));
    if (c.az == NULL) {
      p->rc = VP_ENOMEM;
      return;
    }
    c.n = nSpan;
    for (int k = 0; k < nSpan; k++) {
      c.az[k] = rd_collapse(p->zClean, aSpan[2 * k], aSpan[2 * k + 1]);
      if (c.az[k] == NULL) p->rc = VP_ENOMEM;
    }
  }
  int iLine = rd_line_of(p, s);
  int iP = rd_add(p, bHead ? VP_P_TABLE_HEAD : VP_P_ROW, s, e,
                  p->aLine[iLine].iLineNo, -1, -1);
  if (iP >= 0) {
    p->aInfo[iP].iTableId = iTableId;
    if (!bHead && c.n > 0)
      rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &p->aInfo[iP].lab);
  }
  rd_cells_give(p, iP, &c);
}

static int rd_span_add(int **paSpan, int *pnSpan, int *pnAlloc, int s, int e) {
  if (*pnSpan + 1 > *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
    int *a = realloc(*paSpan, sizeof(int) * 2 * (size_t)nNew);
    if (a == NULL) return VP_ENOMEM;
    *paSpan = a;
    *pnAlloc = nNew;
  }
  (*paSpan)[2 * *pnSpan] = s;
  (*paSpan)[2 * *pnSpan + 1] = e;
  (*pnSpan)++;
  return VP_OK;
}

/* HTML table starting on line i: one passage per <tr>. Returns the first
** line after </table>. */
int rd_table_html(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  const char *z = p->zRaw;
  int e = p->nRaw;
  int iRow = -1, iCell = -1, nRow = 0;
  int *aSpan = NULL, nSpan = 0, nSpanAlloc = 0;
  int iPos = p->aLine[i].iRaw;
  int iEndTable = e, iCloseTag = e;
  while (iPos < e && !p->rc) {
    const char *q = memchr(z + iPos, '<', (size_t)(e - iPos));
    if (q == NULL) break;
    int k = (int)(q - z);
    char zName[16];
    int bClose = 0;
    int j = rd_html_tag(z, k, e, zName, &bClose);
    if (j == 0) {
      iPos = k + 1;
      continue;
    }
    int bCell = strcmp(zName, "td") == 0 || strcmp(zName, "th") == 0;
    int bRowTag = strcmp(zName, "tr") == 0;
    int bTableTag = strcmp(zName, "table") == 0;
    if ((bCell || bRowTag || bTableTag) && iCell >= 0) {
      if (rd_span_add(&aSpan, &nSpan, &nSpanAlloc, iCell, k)) {
        p->rc = VP_ENOMEM;
        break;
      }
      iCell = -1;
    }
    if (bRowTag && iRow >= 0) {
      rd_html_emit(p, iTableId, iRow, bClose ? j : k, aSpan, nSpan, nRow == 0);
      nRow++;
      nSpan = 0;
      iRow = -1;
    }
    if (bTableTag && bClose) {
      iEndTable = j;
      iCloseTag = k;
      break;
    }
    if (bRowTag && !bClose) iRow = k;
    if (bCell && !bClose) {
      if (iRow < 0) iRow = k;
      iCell = j;
    }
    iPos = j;
  }
  if (iRow >= 0 && !p->rc) {
    if (iCell >= 0 && rd_span_add(&aSpan, &nSpan, &nSpanAlloc, iCell, iCloseTag))
      p->rc = VP_ENOMEM;
    else
      rd_html_emit(p, iTableId, iRow, iCloseTag, aSpan, nSpan, nRow == 0);
  }
  free(aSpan);
  int iNext = rd_line_of(p, iEndTable > 0 ? iEndTable - 1 : 0) + 1;
  return iNext > i ? iNext : i + 1;
}
