/*
** pipecells.c — the portal's table form, one cell per run of lines with bare
** "|" lines between (see the picture below): reading its rows × cells,
** emitting a table with column names as a head and rows (group rows as
** headings), and reading the document's header block (issuer, motto,
** number, place and date) from the layout table that holds the motto.
**
** Not for other table shapes (tables.c) nor for the cells of layout tables
** other than the header block: those are read as paragraphs
** (paragraphs.c), never running from one cell into the next.
*/
#include "read_int.h"

#include <stdlib.h>
#include <string.h>

#include "vp_columns.h"
#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

/* ---- the portal's table form: one cell per line-run, "|" lines between ----
**
**     |            <- a row starts
**     cell text    <- one or more lines (a wrapped cell stays one cell)
**     |            <- the cell closes
**     next cell
**     |
**     |            <- a row starts again (or, inside a row, an empty cell)
**
** The same form carries the header block (issuer | motto / Số | place and
** date), signature blocks and the task tables of appendices. A table whose
** first row names columns ("TT", "Nội dung", "Cơ quan chủ trì" …) becomes a
** table head and rows; any other is a layout table, whose cells are read as
** paragraphs that never run from one cell into the next. */

typedef struct rd_span {
  int iFirst, iLast; /* content lines of a cell; iFirst = -1 when empty */
} rd_span;

typedef struct rd_prow {
  rd_span *a;
  int n, nAlloc;
} rd_prow;

typedef struct rd_ptable {
  rd_prow *aRow;
  int nRow, nRowAlloc;
  int nCol;  /* cells of the first full row, 0 while unknown */
  int iSpan; /* a head over two rows: the head cell the second row splits
             ** ("Cơ quan thực hiện" over "Chủ trì | Phối hợp"); else -1 */
} rd_ptable;

static void rd_ptable_free(rd_ptable *t) {
  for (int r = 0; r < t->nRow; r++) free(t->aRow[r].a);
  free(t->aRow);
  memset(t, 0, sizeof(*t));
}

static int rd_ptable_row(rd_ptable *t) {
  if (t->nRow == t->nRowAlloc) {
    int n = t->nRowAlloc ? t->nRowAlloc * 2 : 16;
    rd_prow *a = realloc(t->aRow, sizeof(rd_prow) * (size_t)n);
    if (a == NULL) return VP_ENOMEM;
    t->aRow = a;
    t->nRowAlloc = n;
  }
  memset(&t->aRow[t->nRow++], 0, sizeof(rd_prow));
  return VP_OK;
}

static int rd_ptable_cell(rd_ptable *t, int iFirst, int iLast) {
  if (t->nRow == 0 && rd_ptable_row(t)) return VP_ENOMEM;
  rd_prow *r = &t->aRow[t->nRow - 1];
  if (r->n == r->nAlloc) {
    int n = r->nAlloc ? r->nAlloc * 2 : 8;
    rd_span *a = realloc(r->a, sizeof(rd_span) * (size_t)n);
    if (a == NULL) return VP_ENOMEM;
    r->a = a;
    r->nAlloc = n;
  }
  r->a[r->n].iFirst = iFirst;
  r->a[r->n].iLast = iLast;
  r->n++;
  return VP_OK;
}

/* Content that opens a row: a bare row number or roman numeral, or a bold
** group title. */
static int rd_opens_row(const rd_line *pL) {
  return pL->bRowNum || (pL->bBold && pL->lab.eType != LB_NONE) ||
         (pL->bBold && pL->bAllCaps);
}

/* The lines of one cell from line j (not blank, not a pipe): up to the next
** "|" line. A blank line inside a cell is kept when the text after it still
** reaches a "|" line before another blank line. Returns the last content
** line, or -1 when the run is not closed by a pipe (the table ended). */
static int rd_cell_run(const rd_ctx *p, int j, int *piClose) {
  int iLast = j;
  int k = j + 1;
  while (k < p->nLine) {
    const rd_line *pL = &p->aLine[k];
    if (pL->bBarePipe) {
      *piClose = k;
      return iLast;
    }
    if (rd_raw_blank(p, k)) {
      int m = k + 1;
      while (m < p->nLine && rd_raw_blank(p, m)) m++;
      if (m >= p->nLine) break;
      if (p->aLine[m].bBarePipe) {
        *piClose = m;
        return iLast;
      }
      /* does the paragraph after the empty line end on a pipe? */
      int q = m;
      while (q < p->nLine && !rd_raw_blank(p, q) && !p->aLine[q].bBarePipe) q++;
      if (q >= p->nLine || !p->aLine[q].bBarePipe) break;
      iLast = q - 1;
      k = q;
      continue;
    }
    if (!rd_is_blank(pL)) iLast = k; /* markup-only lines ("**", "----") add nothing */
    k++;
  }
  *piClose = -1;
  return iLast;
}

/* Does an article's or chapter's heading ("**Điều 3. Điều khoản thi
** hành**") stand in lines (m, iEnd)? No cell of a table with column names
** holds one, nor of a table of data: a run reaching it is the text after
** the table, its close pipe a later layout table's ("|" / "Nơi nhận:"). */
static int rd_ptable_has_head(rd_ctx *p, const rd_prow *r);
static int rd_is_data_table(rd_ctx *p, const rd_ptable *t);
static int rd_run_has_article(const rd_ctx *p, int m, int iEnd) {
  for (int k = m + 1; k < p->nLine && k < iEnd; k++) {
    int e = p->aLine[k].lab.eType;
    if (e == LB_ARTICLE || e == LB_CHAPTER) return 1;
  }
  return 0;
}

/* A line of dots or ellipses only: text the copy leaves out. */
static int rd_is_elision(const rd_ctx *p, int k) {
  const rd_line *pL = &p->aLine[k];
  if (rd_is_blank(pL)) return 0;
  for (int i = pL->iCs; i < pL->iCe; i++) {
    unsigned char c = (unsigned char)p->zClean[i];
    if (c == '.' || c == ' ' || c == '_') continue;
    if (c == 0xE2 && i + 2 < pL->iCe && (unsigned char)p->zClean[i + 1] == 0x80 &&
        (unsigned char)p->zClean[i + 2] == 0xA6) { /* … */
      i += 2;
      continue;
    }
    return 0;
  }
  return 1;
}

/* Read the rows × cells of the table whose first "|" line is i. Returns the
** line after it. */
static int rd_ptable_cells(const rd_ctx *p, const rd_prow *r, rd_cells *pC);
static int rd_ptable_span(rd_ctx *p, const rd_ptable *t);

/* Start the next row; when the one just read is the second row of a head
** over two rows, the table has one column more per name it added. */
static int rd_ptable_next_row(rd_ctx *p, rd_ptable *t) {
  if (t->nRow == 2 && t->iSpan < 0) {
    int k = rd_ptable_span(p, t);
    if (k >= 0) {
      t->iSpan = k;
      t->nCol = t->aRow[0].n + t->aRow[1].n - 1;
    }
  }
  return rd_ptable_row(t);
}

static int rd_ptable_read(rd_ctx *p, int i, rd_ptable *t) {
  int j = i + 1, rc = VP_OK, iEnd = i + 1;
  rc = rd_ptable_row(t);
  while (rc == VP_OK && j < p->nLine) {
    /* here a row has just started or a cell has just closed */
    int k = 0;
    while (j < p->nLine && p->aLine[j].bBarePipe) {
      k++;
      j++;
    }
    int m = j;
    while (m < p->nLine && rd_is_blank(&p->aLine[m]) && !p->aLine[m].bBarePipe) m++;
    int bGap = m > j;
    iEnd = j;
    /* after a pipe, an empty or markup-only line ("** **") before text that
    ** is not a pipe ends the table */
    if (m >= p->nLine || (bGap && !p->aLine[m].bBarePipe)) break;
    if (bGap) {
      j = m;
      continue;
    }
    /* content at m; k pipes before it (after the last close or row start) */
    rd_prow *r = &t->aRow[t->nRow - 1];
    const rd_line *pL = &p->aLine[m];
    if (k == 0 && rd_is_elision(p, m) && m + 1 < p->nLine && p->aLine[m + 1].bBarePipe) {
      j = m + 2; /* "……………" / "|": rows left out of the copy, not a cell */
      continue;
    }
    if (k == 0) {
      if (t->nCol > 0 && r->n >= t->nCol) {
        /* the row is full: one line closed by a pipe is a row whose
        ** opening pipe is missing ("……" / "|" / "2"); anything else — a
        ** heading over the next table — follows the table */
        int iClose0;
        int iLast0 = rd_cell_run(p, m, &iClose0);
        if (iClose0 < 0 || iLast0 != m) break;
        rc = rd_ptable_next_row(p, t);
      }
    } else {
      int bSameRow = t->nCol > 0 && r->n + k < t->nCol && r->n > 1 && !rd_opens_row(pL);
      if (bSameRow) {
        for (int e = 0; e < k && rc == VP_OK; e++) rc = rd_ptable_cell(t, -1, -1);
      } else {
        if (t->nCol == 0 && r->n >= 2) t->nCol = r->n;
        for (int e = 0; e + 1 < k && rc == VP_OK; e++) rc = rd_ptable_cell(t, -1, -1);
        if (rc == VP_OK && r->n > 0) rc = rd_ptable_next_row(p, t);
      }
    }
    int iClose;
    int iLast = rd_cell_run(p, m, &iClose);
    /* "200" / "|" / "2. Trong trường hợp …" / … / "**Điều 3. …**": the text
    ** after the table, right after its last close pipe */
    if (k == 0 && iClose >= 0 && t->nRow > 1 && rd_run_has_article(p, m, iClose) &&
        (rd_ptable_has_head(p, &t->aRow[0]) || rd_is_data_table(p, t)))
      break;
    if (rc == VP_OK) rc = rd_ptable_cell(t, m, iLast);
    if (iClose < 0) {
      iEnd = iLast + 1;
      break;
    }
    j = iClose + 1; /* the close pipe counts as consumed */
    iEnd = j;
  }
  if (rc) p->rc = rc;
  /* drop an empty last row (the final row-start pipe) */
  while (t->nRow > 0 && t->aRow[t->nRow - 1].n == 0) t->nRow--;
  return iEnd;
}

/* The trimmed, space-collapsed text of a cell; "" when empty. */
static char *rd_span_text(const rd_ctx *p, const rd_span *s) {
  if (s->iFirst < 0) return vp_strndup("", 0);
  return rd_collapse(p->zClean, p->aLine[s->iFirst].iCs, p->aLine[s->iLast].iCe);
}

static int rd_ptable_cells(const rd_ctx *p, const rd_prow *r, rd_cells *pC) {
  pC->az = calloc((size_t)(r->n ? r->n : 1), sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = r->n;
  for (int c = 0; c < r->n; c++) {
    pC->az[c] = rd_span_text(p, &r->a[c]);
    if (pC->az[c] == NULL) return VP_ENOMEM;
  }
  return VP_OK;
}

/* A head over two rows, as the portal writes a merged cell: the first row
** "STT | Nhiệm vụ | Cơ quan thực hiện | Thời gian", the second only the
** names under the merged cell, "Chủ trì | Phối hợp". Returns the index of
** the head cell they split (the first whose name gives no role, or the
** lead's: "Cơ quan thực hiện"), or -1 when row 1 is not such a row. */
static int rd_ptable_span(rd_ctx *p, const rd_ptable *t) {
  if (t->nRow < 2) return -1;
  const rd_prow *r0 = &t->aRow[0], *r1 = &t->aRow[1];
  if (r1->n < 2 || r1->n >= r0->n + 2 || r0->n < 3) return -1;
  rd_cells c0 = {NULL, 0}, c1 = {NULL, 0};
  int k = -1, nFilled1 = 0, nFilled0 = 0;
  if (rd_ptable_cells(p, r0, &c0) || rd_ptable_cells(p, r1, &c1)) {
    p->rc = VP_ENOMEM;
  } else {
    int nName1 = rd_count_colnames(&c1, &nFilled1), nName0 = rd_count_colnames(&c0, &nFilled0);
    if (nName1 >= 2 && nName1 == nFilled1 && nFilled1 == r1->n && nName0 >= 2) {
      for (int i = 0; i < c0.n && k < 0; i++) {
        char *zFold = vp_fold_str(c0.az[i], -1);
        if (zFold == NULL) {
          p->rc = VP_ENOMEM;
          break;
        }
        vp_colrole e = vp_columns_role(zFold);
        if (c0.az[i][0] && (e == VP_COL_LEAD || e == VP_COL_NONE || e == VP_COL_OTHER)) k = i;
        free(zFold);
      }
    }
  }
  rd_cells_free(&c0);
  rd_cells_free(&c1);
  return p->rc ? -1 : k;
}

/* First and last content line of a row; -1 when all its cells are empty. */
static void rd_prow_lines(const rd_prow *r, int *piFirst, int *piLast) {
  *piFirst = *piLast = -1;
  for (int c = 0; c < r->n; c++) {
    if (r->a[c].iFirst < 0) continue;
    if (*piFirst < 0) *piFirst = r->a[c].iFirst;
    *piLast = r->a[c].iLast;
  }
}

/* A group row: one or two filled cells — a roman numeral or letter and a
** title, or a title alone in bold or capitals — in a table of three or more
** columns. */
static int rd_is_group_row(const rd_ctx *p, const rd_prow *r, int nCol) {
  if (nCol < 3) return 0;
  int nFilled = 0, iA = -1, iB = -1;
  for (int c = 0; c < r->n; c++) {
    if (r->a[c].iFirst < 0) continue;
    if (nFilled == 0) iA = c;
    else iB = c;
    nFilled++;
  }
  if (nFilled == 0 || nFilled > 2) return 0;
  const rd_line *pA = &p->aLine[r->a[iA].iFirst];
  if (nFilled == 1) return pA->bBold || pA->bAllCaps || pA->lab.eType == LB_ROMAN ||
                           r->n <= 2;
  const rd_line *pB = &p->aLine[r->a[iB].iFirst];
  rd_label lab;
  int bNum = r->a[iA].iFirst == r->a[iA].iLast &&
             rd_parse_rownum(p->zClean, pA->iCs, pA->iCe, &lab) && lab.eType == LB_ROMAN;
  return (bNum || pA->bBold) && (pB->bBold || pB->bAllCaps);
}

static int rd_ptable_has_head(rd_ctx *p, const rd_prow *r) {
  rd_cells c = {NULL, 0};
  int nFilled = 0, nName;
  if (rd_ptable_cells(p, r, &c)) {
    rd_cells_free(&c);
    p->rc = VP_ENOMEM;
    return 0;
  }
  nName = rd_count_colnames(&c, &nFilled);
  rd_cells_free(&c);
  if (nName < 0) p->rc = VP_ENOMEM;
  return nName >= 2 && nName * 2 >= nFilled;
}

/* The head's cells with cell k replaced by the names of row pSub under it. */
static int rd_cells_split(rd_cells *pC, int k, const rd_ctx *p, const rd_prow *pSub) {
  rd_cells sub = {NULL, 0};
  if (rd_ptable_cells(p, pSub, &sub)) {
    rd_cells_free(&sub);
    return VP_ENOMEM;
  }
  int n = pC->n - 1 + sub.n;
  char **az = calloc((size_t)n, sizeof(char *));
  if (az == NULL) {
    rd_cells_free(&sub);
    return VP_ENOMEM;
  }
  int j = 0;
  for (int i = 0; i < pC->n; i++) {
    if (i != k) {
      az[j++] = pC->az[i];
      continue;
    }
    free(pC->az[i]);
    for (int s = 0; s < sub.n; s++) az[j++] = sub.az[s];
  }
  free(sub.az);
  free(pC->az);
  pC->az = az;
  pC->n = n;
  return VP_OK;
}

/* Emit a column table: head, group headings, rows. */
static void rd_ptable_emit(rd_ctx *p, const rd_ptable *t) {
  int iTableId = ++p->nTable;
  for (int r = 0; r < t->nRow && !p->rc; r++) {
    const rd_prow *pR = &t->aRow[r];
    int iFirst, iLast;
    rd_prow_lines(pR, &iFirst, &iLast);
    if (iFirst < 0) continue;
    if (r == 1 && t->iSpan >= 0) continue; /* its names are in the head */
    int bGroup = r > 0 && rd_is_group_row(p, pR, t->nCol);
    vp_pkind eKind = r == 0 ? VP_P_TABLE_HEAD : bGroup ? VP_P_HEADING : VP_P_ROW;
    int iP = rd_add(p, eKind, p->aLine[iFirst].iCs, p->aLine[iLast].iCe,
                    p->aLine[iFirst].iLineNo, iFirst, iLast);
    if (iP < 0) break;
    p->aInfo[iP].iTableId = iTableId;
    rd_label lab;
    const rd_line *pF = &p->aLine[iFirst];
    if (r > 0 && pR->n > 0 && pR->a[0].iFirst >= 0 && pR->a[0].iFirst == pR->a[0].iLast &&
        rd_parse_rownum(p->zClean, pF->iCs, pF->iCe, &lab))
      p->aInfo[iP].lab = lab;
    else if (eKind != VP_P_HEADING)
      memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
    if (eKind == VP_P_HEADING) {
      p->aP[iP].bGroupRow = 1;
      continue;
    }
    rd_cells c = {NULL, 0};
    if (rd_ptable_cells(p, pR, &c)) p->rc = VP_ENOMEM;
    if (r == 0 && t->iSpan >= 0 && !p->rc && rd_cells_split(&c, t->iSpan, p, &t->aRow[1])) p->rc = VP_ENOMEM;
    rd_cells_give(p, iP, &c);
  }
}

/* ---- the header block ----
** The first layout table holding the national motto is the document's
** header: issuer | motto / "Số: …" | place and date, in one or two rows, a
** field wrapped over several lines of its cell. Each line of each cell is
** classed; a line of no class continues the field above it in the cell, and
** the first lines of a cell before any class are the issuer. */

static int rd_header_class(const char *zF) {
  if (rd_layout_word("motto-start", zF) ||
      vp_lexicon_find(vp_lexicon_get("layout-words.tsv", "motto-line"), zF, -1))
    return HF_MOTTO;
  if (rd_starts_with(zF, "so:") || rd_starts_with(zF, "so :") ||
      (rd_starts_with(zF, "so ") && rd_is_digit((unsigned char)zF[3])))
    return HF_NUMBER;
  const char *q = strstr(zF, "ngay");
  if (q && (q == zF || q[-1] == ' ') && (q[4] == 0 || q[4] == ' ') &&
      (strstr(zF, ", ngay") || strstr(zF, " thang ") || q[4] == 0 || rd_is_digit((unsigned char)q[5])))
    return HF_DATE;
  return HF_NONE;
}

/* Is line k of the motto? */
int rd_line_class(const rd_ctx *p, int k, int *pRc) {
  const rd_line *pL = &p->aLine[k];
  if (rd_is_blank(pL)) return HF_NONE;
  char *zF = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
  if (zF == NULL) {
    *pRc = VP_ENOMEM;
    return HF_NONE;
  }
  int e = rd_header_class(zF);
  free(zF);
  return e;
}

/* The first row of t with a cell holding the motto, or -1. */
static int rd_motto_row(const rd_ctx *p, const rd_ptable *t, int *pRc) {
  for (int r = 0; r < t->nRow && *pRc == VP_OK; r++) {
    for (int c = 0; c < t->aRow[r].n; c++) {
      const rd_span *sp = &t->aRow[r].a[c];
      for (int k = sp->iFirst; k >= 0 && k <= sp->iLast && k < sp->iFirst + 4; k++)
        if (rd_line_class(p, k, pRc) == HF_MOTTO) return r;
    }
  }
  return -1;
}

/* Read the header fields from the row of table t holding the motto and the
** row after it; 1 when found. */
static int rd_header_from_table(rd_ctx *p, const rd_ptable *t) {
  vp_buf aB[HF_COUNT];
  memset(aB, 0, sizeof(aB));
  int rc = VP_OK, iFirst = -1, iLast = -1;
  int r0 = rd_motto_row(p, t, &rc);
  if (r0 < 0 || rc) {
    if (rc) p->rc = rc;
    return 0;
  }
  for (int r = r0; r < t->nRow && r <= r0 + 1; r++) {
    for (int c = 0; c < t->aRow[r].n; c++) {
      const rd_span *sp = &t->aRow[r].a[c];
      if (sp->iFirst < 0) continue;
      int eField = HF_NONE, iPending = -1;
      for (int k = sp->iFirst; k <= sp->iLast && rc == VP_OK; k++) {
        const rd_line *pL = &p->aLine[k];
        if (rd_is_blank(pL)) continue;
        int e = rd_line_class(p, k, &rc);
        if (e == HF_NONE && eField == HF_NONE && !(c == 0 && r == r0)) {
          if (iPending < 0) iPending = k; /* "Thành phố Hồ Chí" / "Minh, ngày …" */
          continue;
        }
        if (e == HF_DATE && iPending >= 0 && aB[HF_DATE].n == 0) {
          char *zT = rd_collapse(p->zClean, p->aLine[iPending].iCs, p->aLine[k - 1].iCe);
          if (zT == NULL) rc = VP_ENOMEM;
          else vp_buf_appends(&aB[HF_DATE], zT, &rc);
          free(zT);
        }
        iPending = -1;
        if (e == HF_NONE) e = eField;
        if (e == HF_NONE && c == 0 && r == r0) e = HF_ISSUER;
        eField = e;
        if (e == HF_NONE) continue;
        vp_buf *b = &aB[e];
        if (b->n) vp_buf_append(b, " ", 1, &rc);
        char *zT = rd_collapse(p->zClean, pL->iCs, pL->iCe);
        if (zT == NULL) rc = VP_ENOMEM;
        else vp_buf_appends(b, zT, &rc);
        free(zT);
        if (iFirst < 0) iFirst = k;
        iLast = k;
      }
    }
  }
  char **azOut[HF_COUNT] = {&p->header.zIssuer, &p->header.zMotto, &p->header.zNumber,
                            &p->header.zPlaceDate};
  for (int e = 0; e < HF_COUNT; e++) {
    if (rc == VP_OK && aB[e].n) {
      *azOut[e] = vp_buf_take(&aB[e]);
      if (*azOut[e] == NULL) rc = VP_ENOMEM;
    }
    vp_buf_free(&aB[e]);
  }
  if (rc) p->rc = rc;
  if (iFirst >= 0) {
    p->header.iStart = p->aLine[iFirst].iCs;
    p->header.iEnd = p->aLine[iLast].iCe;
    p->iHeaderLine = iFirst;
  }
  return iFirst >= 0;
}

/* A table in the portal form from the "|" line i. A column table is
** emitted here and the line after it returned; a layout table's pipes are
** marked and i + 1 returned, so its cells are read as paragraphs. */
/* Does the first row or the second hold "Nơi nhận" or a signature? Such a
** table is the document's closing layout, even when the portal glued the
** appendix's table to it with no empty line between. */
static int rd_has_closing_block(const rd_ctx *p, const rd_ptable *t) {
  for (int r = 0; r < t->nRow && r < 2; r++)
    for (int c = 0; c < t->aRow[r].n; c++)
      for (int k = t->aRow[r].a[c].iFirst; k >= 0 && k <= t->aRow[r].a[c].iLast; k++)
        if (p->aLine[k].bRecip || p->aLine[k].bSig) return 1;
  return 0;
}

/* A table of data without column names the lexicon knows (a procedure's
** steps, a list of units): three rows or more of two cells or more, and no
** header block in it. Its rows stay rows — one passage each, with no
** column roles, so no cell is taken for a task of its own. Two-row layout
** tables (the header block, "Nơi nhận" beside the signature) are read as
** paragraphs. */
static int rd_is_data_table(rd_ctx *p, const rd_ptable *t) {
  if (t->nRow < 3) return 0;
  int nWide = 0;
  for (int r = 0; r < t->nRow; r++) nWide += t->aRow[r].n >= 2;
  if (nWide < 3) return 0;
  if (rd_has_closing_block(p, t)) return 0;
  int rc = VP_OK;
  int bMotto = rd_motto_row(p, t, &rc) >= 0;
  if (rc) p->rc = rc;
  return !bMotto;
}

int rd_table_pipecells(rd_ctx *p, int i) {
  rd_ptable t;
  memset(&t, 0, sizeof(t));
  t.iSpan = -1;
  int iEnd = rd_ptable_read(p, i, &t);
  int bColumns = t.nRow >= 2 && !p->rc && !rd_has_closing_block(p, &t) &&
                 rd_ptable_has_head(p, &t.aRow[0]);
  if (!bColumns && !p->rc && rd_is_data_table(p, &t)) bColumns = 1;
  if (bColumns) {
    if (t.nCol < t.aRow[0].n) t.nCol = t.aRow[0].n;
    rd_ptable_emit(p, &t);
  } else if (p->header.iEnd == 0 && !p->rc) {
    rd_header_from_table(p, &t);
  }
  for (int k = i; k < iEnd && k < p->nLine; k++)
    if (p->aLine[k].bBarePipe) p->aLine[k].bPipeDone = 1;
  rd_ptable_free(&t);
  return bColumns ? iEnd : i + 1;
}
