/*
** pdf_table.c — tables of a PDF page rebuilt from glyph positions
** (pdf_table.h). Words are runs of glyphs without a space; lines are words
** whose vertical centres meet, sorted left to right. A table is a run of
** consecutive lines whose words leave at least two vertical gutters (x
** ranges no word of the run covers, TABLE_GUTTER points wide or more): the
** columns lie between them. Rows: the lines before the first line whose
** first column is a row number (1, 2.1, I, a) make the header; each line
** with text in the first column starts a row, the lines under it add to its
** cells. The page is written back line by line (a line's parts far apart
** each on its own line), each table as pipe rows with a separator after the
** header. Bounded: at most MAX_WORDS words a page, 64 columns.
** With a page's ruled lines (a scan's, page_rules.c), a region where
** vertical rules stand at four x positions or more is a ruled table: rows
** between its horizontal rules, cells between the vertical rules crossing
** the row (a merged cell: its text in its first column); word gutters are
** not needed there, and a group row spanning the table does not hide the
** columns. Not for finding the rules (page_rules.c).
*/
#include "pdf_table.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define MAX_WORDS 20000
#define MAX_COLS 64
#define TABLE_GUTTER 4.0 /* points: wider than a space between words */
#define TABLE_MIN_LINES 3
#define TABLE_MIN_COLS 3

typedef struct pt_word {
  int iStart, iEnd; /* bytes in zText */
  double x1, y1, x2, y2;
  int iLine;
} pt_word;

typedef struct pt_line {
  int iFirst, n; /* words aiOrder[iFirst..iFirst+n) */
  double y1, y2, x1, x2;
} pt_line;

static int utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static int cmp_y(const void *a, const void *b) {
  const pt_word *p = a, *q = b;
  double ya = (p->y1 + p->y2) / 2, yb = (q->y1 + q->y2) / 2;
  return ya < yb ? -1 : ya > yb ? 1 : (p->x1 < q->x1 ? -1 : p->x1 > q->x1);
}

static pt_word *g_aW; /* for cmp_x_idx: qsort has no context argument */
static int cmp_x_idx(const void *a, const void *b) {
  const pt_word *p = &g_aW[*(const int *)a], *q = &g_aW[*(const int *)b];
  return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

/* Words from the characters and their boxes. */
static int split_words(const char *z, const pdf_box *aBox, int nBox, pt_word *aW, int nMax) {
  int n = 0, k = 0;
  pt_word *w = NULL;
  for (int i = 0; z[i] && k < nBox; k++) {
    int len = utf8_len((unsigned char)z[i]);
    const pdf_box *b = &aBox[k];
    int bSpace = z[i] == ' ' || z[i] == '\n' || z[i] == '\t' || z[i] == '\r' || z[i] == '\f';
    if (bSpace) {
      w = NULL;
    } else {
      double h = b->y2 - b->y1;
      int bJoin = w && fabs((b->y1 + b->y2) / 2 - (w->y1 + w->y2) / 2) < h / 2 &&
                  b->x1 - w->x2 < h * 0.25 && b->x1 > w->x1;
      if (!bJoin) {
        if (n >= nMax) return n;
        w = &aW[n++];
        w->iStart = i;
        w->x1 = b->x1, w->y1 = b->y1, w->x2 = b->x2, w->y2 = b->y2;
      }
      w->iEnd = i + len;
      if (b->x2 > w->x2) w->x2 = b->x2;
      if (b->y1 < w->y1) w->y1 = b->y1;
      if (b->y2 > w->y2) w->y2 = b->y2;
    }
    i += len;
    while (z[i] && ((unsigned char)z[i] & 0xc0) == 0x80) i++;
  }
  return n;
}

/* Is the word a row number: "1", "12.", "2.1", "I", "IV", "a)"? */
static int is_rownum(const char *z, const pt_word *w) {
  int n = w->iEnd - w->iStart;
  const char *s = z + w->iStart;
  while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ')')) n--;
  if (n <= 0 || n > 6) return 0;
  int bDigit = 1, bRoman = 1;
  for (int i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i]) && s[i] != '.') bDigit = 0;
    if (!strchr("IVXL", s[i])) bRoman = 0;
  }
  return bDigit || bRoman || (n == 1 && islower((unsigned char)s[0]));
}

/* Gutters of the coverage map cov[0..nCov): their x midpoints into aCut.
** Returns how many. */
static int gutters(const unsigned char *cov, int nCov, double *aCut, int nMax) {
  int lo = 0, hi = nCov - 1, n = 0;
  while (lo < nCov && !cov[lo]) lo++;
  while (hi >= 0 && !cov[hi]) hi--;
  for (int x = lo; x <= hi; x++) {
    if (cov[x]) continue;
    int e = x;
    while (e <= hi && !cov[e]) e++;
    if (e - x >= TABLE_GUTTER && n < nMax) aCut[n++] = (x + e) / 2.0;
    x = e;
  }
  return n;
}

static void cover(unsigned char *cov, int nCov, const pt_word *w) {
  int a = (int)floor(w->x1), b = (int)ceil(w->x2);
  if (a < 0) a = 0;
  if (b > nCov) b = nCov;
  for (int x = a; x < b; x++) cov[x] = 1;
}

/* Gutters of lines aL[a..b) into aCut; returns how many. */
static int run_gutters(unsigned char *cov, int nCov, const pt_word *aW, const int *aiOrder,
                       const pt_line *aL, int a, int b, double *aCut) {
  memset(cov, 0, (size_t)nCov);
  for (int l = a; l < b; l++)
    for (int i = 0; i < aL[l].n; i++) cover(cov, nCov, &aW[aiOrder[aL[l].iFirst + i]]);
  return gutters(cov, nCov, aCut, MAX_COLS - 1);
}

static int column_of(const pt_word *w, const double *aCut, int nCut) {
  double xc = (w->x1 + w->x2) / 2;
  int c = 0;
  while (c < nCut && xc > aCut[c]) c++;
  return c;
}

static void append_cell(vp_buf *pCell, const char *z, const pt_word *w, int *pRc) {
  if (pCell->n) vp_buf_append(pCell, " ", 1, pRc);
  for (int i = w->iStart; i < w->iEnd; i++) {
    char c = z[i] == '|' ? '/' : z[i];
    vp_buf_append(pCell, &c, 1, pRc);
  }
}

/* Write a table of lines aL[a..b) with columns cut at aCut. */
static void write_table(vp_buf *pOut, const char *z, const pt_word *aW, const int *aiOrder,
                        const pt_line *aL, int a, int b, const double *aCut, int nCut, int *pRc) {
  int nCol = nCut + 1;
  vp_buf aCell[MAX_COLS];
  memset(aCell, 0, sizeof aCell);
  /* the first data line: column 0 holds a row number */
  int iData = -1;
  for (int l = a; l < b && iData < 0; l++) {
    const pt_line *L = &aL[l];
    const pt_word *w0 = &aW[aiOrder[L->iFirst]];
    if (column_of(w0, aCut, nCut) == 0 && is_rownum(z, w0) && l > a) iData = l;
  }
  int nRow = 0;
  vp_buf_append(pOut, "\n", 1, pRc);
  for (int l = a; l <= b; l++) {
    int bNewRow = l == b;
    if (l < b && l > a) {
      const pt_word *w0 = &aW[aiOrder[aL[l].iFirst]];
      int bCol0 = column_of(w0, aCut, nCut) == 0;
      bNewRow = iData >= 0 ? (l >= iData && bCol0) : bCol0;
    }
    if (bNewRow) {
      vp_buf_append(pOut, "|", 1, pRc);
      for (int c = 0; c < nCol; c++) {
        vp_buf_append(pOut, " ", 1, pRc);
        if (aCell[c].n) vp_buf_append(pOut, aCell[c].z, aCell[c].n, pRc);
        vp_buf_append(pOut, " |", 2, pRc);
        vp_buf_reset(&aCell[c]);
      }
      vp_buf_append(pOut, "\n", 1, pRc);
      if (nRow++ == 0) {
        vp_buf_append(pOut, "|", 1, pRc);
        for (int c = 0; c < nCol; c++) vp_buf_append(pOut, "---|", 4, pRc);
        vp_buf_append(pOut, "\n", 1, pRc);
      }
    }
    if (l == b) break;
    for (int i = 0; i < aL[l].n; i++) {
      const pt_word *w = &aW[aiOrder[aL[l].iFirst + i]];
      append_cell(&aCell[column_of(w, aCut, nCut)], z, w, pRc);
    }
  }
  vp_buf_append(pOut, "\n", 1, pRc);
  for (int c = 0; c < MAX_COLS; c++) vp_buf_free(&aCell[c]);
}

/* A line that is not in a table: its words with spaces; parts further
** apart than a few glyph heights on lines of their own. */
static void write_line(vp_buf *pOut, const char *z, const pt_word *aW, const int *aiOrder,
                       const pt_line *L, int *pRc) {
  for (int i = 0; i < L->n; i++) {
    const pt_word *w = &aW[aiOrder[L->iFirst + i]];
    if (i > 0) {
      const pt_word *p = &aW[aiOrder[L->iFirst + i - 1]];
      double h = w->y2 - w->y1;
      vp_buf_append(pOut, w->x1 - p->x2 > 3 * h ? "\n" : " ", 1, pRc);
    }
    vp_buf_append(pOut, z + w->iStart, (size_t)(w->iEnd - w->iStart), pRc);
  }
  vp_buf_append(pOut, "\n", 1, pRc);
}

/* ---- two-column layout ----
** An official document's header block (issuer | motto, "Số: …" | place and
** date) and its closing (recipients | signature) are two columns side by
** side; written line by line across, the columns' lines would interleave. */

/* The x where line L's words part by more than three glyph heights (its
** right column), or -1. */
static double split_x(const pt_word *aW, const int *aiOrder, const pt_line *L) {
  for (int i = 1; i < L->n; i++) {
    const pt_word *p = &aW[aiOrder[L->iFirst + i - 1]], *w = &aW[aiOrder[L->iFirst + i]];
    if (w->x1 - p->x2 > 3 * (w->y2 - w->y1)) return w->x1;
  }
  return -1;
}

/* Does no word of line L straddle x (within a glyph height)? */
static int clear_of(const pt_word *aW, const int *aiOrder, const pt_line *L, double x) {
  for (int i = 0; i < L->n; i++) {
    const pt_word *w = &aW[aiOrder[L->iFirst + i]];
    double h = w->y2 - w->y1;
    if (w->x1 < x - h && w->x2 > x - h) return 0;
  }
  return 1;
}

/* The end of a two-column run of lines from a (its column edge in *pX):
** lines none of whose words straddle the edge, the first and the last of
** them split at it, no gap of more than two lines between; a, when there is
** none. */
static int layout_run(const pt_word *aW, const int *aiOrder, const pt_line *aL, int nL, int a,
                      double *pX) {
  double x = split_x(aW, aiOrder, &aL[a]);
  if (x < 0) return a;
  int b = a + 1, e = a + 1; /* e: after the last line split at x */
  while (b < nL && clear_of(aW, aiOrder, &aL[b], x) &&
         aL[b].y1 - aL[b - 1].y2 <= 2.5 * (aL[b].y2 - aL[b].y1)) {
    double xb = split_x(aW, aiOrder, &aL[b]);
    if (xb >= 0 && fabs(xb - x) < 3 * (aL[b].y2 - aL[b].y1)) e = b + 1;
    b++;
  }
  *pX = x;
  return e - a >= 2 ? e : a;
}

/* The words of line L left of x (bRight: at or right of it), as a line. */
static void write_side(vp_buf *pOut, const char *z, const pt_word *aW, const int *aiOrder,
                       const pt_line *L, double x, int bRight, int *pRc) {
  int n = 0;
  for (int i = 0; i < L->n; i++) {
    const pt_word *w = &aW[aiOrder[L->iFirst + i]];
    double h = w->y2 - w->y1;
    if ((w->x1 >= x - h) != bRight) continue;
    if (n++) vp_buf_append(pOut, " ", 1, pRc);
    vp_buf_append(pOut, z + w->iStart, (size_t)(w->iEnd - w->iStart), pRc);
  }
  if (n) vp_buf_append(pOut, "\n", 1, pRc);
}

/* ---- ruled tables ---- */

#define RULE_SNAP 3.0 /* points: rules this close are one */
#define MAX_BANDS 256

typedef struct pt_region {
  double y1, y2, x1, x2;
  double aX[MAX_COLS + 1]; /* the vertical rules' x positions, sorted */
  int nX;
  double aY[MAX_BANDS + 1]; /* row boundaries, sorted */
  int nY;
  int bDone;
} pt_region;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Add v to the sorted set a[0..*pn) unless within RULE_SNAP of a member. */
static void snap_add(double *a, int *pn, int nMax, double v) {
  for (int i = 0; i < *pn; i++)
    if (fabs(a[i] - v) <= RULE_SNAP) return;
  if (*pn >= nMax) return;
  a[(*pn)++] = v;
  qsort(a, (size_t)*pn, sizeof *a, cmp_double);
}

static int snap_index(const double *a, int n, double v) {
  for (int i = 0; i < n; i++)
    if (fabs(a[i] - v) <= RULE_SNAP) return i;
  return -1;
}

/* Regions of vertical rules overlapping in y (within RULE_SNAP), kept when
** they stand at TABLE_MIN_COLS + 1 x positions or more; their row
** boundaries from the horizontal rules crossing half their width. */
static int find_regions(const page_rule *aV, int nV, const page_rule *aH, int nH, pt_region *aRg,
                        int nMax) {
  int n = 0;
  unsigned char *used = calloc((size_t)(nV ? nV : 1), 1);
  if (used == NULL) return 0;
  for (int s = 0; s < nV && n < nMax; s++) {
    if (used[s]) continue;
    pt_region *R = &aRg[n];
    memset(R, 0, sizeof *R);
    R->y1 = aV[s].y1, R->y2 = aV[s].y2, R->x1 = R->x2 = aV[s].x1;
    used[s] = 1;
    snap_add(R->aX, &R->nX, MAX_COLS + 1, aV[s].x1);
    for (int bGrew = 1; bGrew;) {
      bGrew = 0;
      for (int i = 0; i < nV; i++) {
        if (used[i] || aV[i].y1 > R->y2 + RULE_SNAP || aV[i].y2 < R->y1 - RULE_SNAP) continue;
        used[i] = 1;
        bGrew = 1;
        if (aV[i].y1 < R->y1) R->y1 = aV[i].y1;
        if (aV[i].y2 > R->y2) R->y2 = aV[i].y2;
        if (aV[i].x1 < R->x1) R->x1 = aV[i].x1;
        if (aV[i].x1 > R->x2) R->x2 = aV[i].x1;
        snap_add(R->aX, &R->nX, MAX_COLS + 1, aV[i].x1);
      }
    }
    if (R->nX < TABLE_MIN_COLS + 1) continue;
    snap_add(R->aY, &R->nY, MAX_BANDS + 1, R->y1);
    snap_add(R->aY, &R->nY, MAX_BANDS + 1, R->y2);
    for (int i = 0; i < nH; i++) {
      double y = aH[i].y1;
      if (y < R->y1 - RULE_SNAP || y > R->y2 + RULE_SNAP) continue;
      double xa = aH[i].x1 > R->x1 ? aH[i].x1 : R->x1, xb = aH[i].x2 < R->x2 ? aH[i].x2 : R->x2;
      if (xb - xa >= (R->x2 - R->x1) / 2) snap_add(R->aY, &R->nY, MAX_BANDS + 1, y);
    }
    n++;
  }
  free(used);
  return n;
}

/* Is a y (a line's middle) inside region R? */
static int in_region(const pt_region *R, double y) { return y > R->y1 && y < R->y2; }

/* Write the ruled table of region R from the words of lines aL[0..nL) in it. */
static void write_ruled(vp_buf *pOut, const char *z, const pt_word *aW, const int *aiOrder,
                        const pt_line *aL, int nL, const pt_region *R, const page_rule *aV,
                        int nV, int *pRc) {
  int nBand = R->nY - 1, nCol = R->nX - 1;
  if (nBand < 1 || nCol < 1) return;
  vp_buf *aCell = calloc((size_t)nBand * (size_t)nCol, sizeof *aCell);
  if (aCell == NULL) {
    *pRc = VP_ENOMEM;
    return;
  }
  for (int l = 0; l < nL; l++) {
    if (!in_region(R, (aL[l].y1 + aL[l].y2) / 2)) continue;
    for (int i = 0; i < aL[l].n; i++) {
      const pt_word *w = &aW[aiOrder[aL[l].iFirst + i]];
      double yc = (w->y1 + w->y2) / 2, xc = (w->x1 + w->x2) / 2;
      int b = 0;
      while (b + 1 < nBand && yc > R->aY[b + 1]) b++;
      /* the cell: left of it the nearest vertical rule crossing the band */
      double ym = (R->aY[b] + R->aY[b + 1]) / 2;
      int c = 0;
      for (int v = 0; v < nV; v++) {
        if (aV[v].y1 > ym || aV[v].y2 < ym || aV[v].x1 > xc) continue;
        int k = snap_index(R->aX, R->nX, aV[v].x1);
        if (k > c) c = k;
      }
      if (c >= nCol) c = nCol - 1;
      append_cell(&aCell[b * nCol + c], z, w, pRc);
    }
  }
  int nRow = 0;
  vp_buf_append(pOut, "\n", 1, pRc);
  for (int b = 0; b < nBand; b++) {
    int bAny = 0;
    for (int c = 0; c < nCol; c++) bAny |= aCell[b * nCol + c].n > 0;
    if (!bAny) continue;
    vp_buf_append(pOut, "|", 1, pRc);
    for (int c = 0; c < nCol; c++) {
      vp_buf *pC = &aCell[b * nCol + c];
      vp_buf_append(pOut, " ", 1, pRc);
      if (pC->n) vp_buf_append(pOut, pC->z, pC->n, pRc);
      vp_buf_append(pOut, " |", 2, pRc);
    }
    vp_buf_append(pOut, "\n", 1, pRc);
    if (nRow++ == 0) {
      vp_buf_append(pOut, "|", 1, pRc);
      for (int c = 0; c < nCol; c++) vp_buf_append(pOut, "---|", 4, pRc);
      vp_buf_append(pOut, "\n", 1, pRc);
    }
  }
  vp_buf_append(pOut, "\n", 1, pRc);
  for (int i = 0; i < nBand * nCol; i++) vp_buf_free(&aCell[i]);
  free(aCell);
}

#define MAX_REGIONS 16

char *pdf_table_rebuild(const char *zText, const pdf_box *aBox, int nBox) {
  return pdf_table_rebuild_ruled(zText, aBox, nBox, NULL, 0, NULL, 0, 0);
}

char *pdf_table_rebuild_ruled(const char *zText, const pdf_box *aBox, int nBox,
                              const page_rule *aV, int nV, const page_rule *aH, int nH,
                              int bAlways) {
  int nMax = nBox < MAX_WORDS ? nBox : MAX_WORDS;
  if (nMax <= 0) return NULL;
  pt_word *aW = malloc(sizeof *aW * (size_t)nMax);
  int *aiOrder = malloc(sizeof *aiOrder * (size_t)nMax);
  pt_line *aL = malloc(sizeof *aL * (size_t)nMax);
  unsigned char *cov = NULL;
  char *zOut = NULL;
  if (aW == NULL || aiOrder == NULL || aL == NULL) goto done;
  int nW = split_words(zText, aBox, nBox, aW, nMax);
  if (nW < (bAlways ? 1 : 6)) goto done;
  qsort(aW, (size_t)nW, sizeof *aW, cmp_y);
  /* lines: words whose centres fall within the line's band */
  int nL = 0;
  double xMax = 0;
  for (int i = 0; i < nW; i++) {
    pt_word *w = &aW[i];
    double yc = (w->y1 + w->y2) / 2;
    if (w->x2 > xMax) xMax = w->x2;
    if (nL > 0 && yc >= aL[nL - 1].y1 && yc <= aL[nL - 1].y2) {
      pt_line *L = &aL[nL - 1];
      L->n++;
      if (w->y2 > L->y2 && w->y2 - w->y1 < 2 * (L->y2 - L->y1)) L->y2 = (L->y2 + w->y2) / 2;
    } else {
      pt_line *L = &aL[nL++];
      L->iFirst = i, L->n = 1, L->y1 = w->y1, L->y2 = w->y2;
    }
    aiOrder[i] = i;
  }
  g_aW = aW;
  for (int l = 0; l < nL; l++) {
    qsort(aiOrder + aL[l].iFirst, (size_t)aL[l].n, sizeof(int), cmp_x_idx);
    aL[l].x1 = aW[aiOrder[aL[l].iFirst]].x1;
    aL[l].x2 = aW[aiOrder[aL[l].iFirst + aL[l].n - 1]].x2;
  }
  int nCov = (int)ceil(xMax) + 2;
  if (nCov > 20000) goto done;
  cov = malloc((size_t)nCov * 2);
  if (cov == NULL) goto done;
  unsigned char *cov2 = cov + nCov;
  vp_buf out = {0};
  int rc = VP_OK, nTable = 0;
  double aCut[MAX_COLS];
  pt_region *aRg = nV > 0 ? malloc(sizeof *aRg * MAX_REGIONS) : NULL;
  int nRg = aRg ? find_regions(aV, nV, aH, nH, aRg, MAX_REGIONS) : 0;
  for (int a = 0; a < nL && rc == VP_OK;) {
    /* a line in a ruled table: the table, once */
    int iRg = -1;
    for (int r = 0; r < nRg && iRg < 0; r++)
      if (in_region(&aRg[r], (aL[a].y1 + aL[a].y2) / 2)) iRg = r;
    if (iRg >= 0) {
      if (!aRg[iRg].bDone) {
        write_ruled(&out, zText, aW, aiOrder, aL, nL, &aRg[iRg], aV, nV, &rc);
        aRg[iRg].bDone = 1;
        nTable++;
      }
      a++;
      continue;
    }
    /* grow a run of lines from a while two gutters or more remain */
    memset(cov, 0, (size_t)nCov);
    int b = a, nCut = 0;
    while (b < nL) {
      memcpy(cov2, cov, (size_t)nCov);
      for (int i = 0; i < aL[b].n; i++) cover(cov2, nCov, &aW[aiOrder[aL[b].iFirst + i]]);
      double aTry[MAX_COLS];
      int nTry = gutters(cov2, nCov, aTry, MAX_COLS - 1);
      /* a gap of more than two lines ends the run */
      double h = aL[b].y2 - aL[b].y1;
      if (nTry < TABLE_MIN_COLS - 1 || (b > a && aL[b].y1 - aL[b - 1].y2 > 2.5 * h)) break;
      int bRuled = 0; /* a ruled table's line ends a run of gutters */
      for (int r = 0; r < nRg; r++) bRuled |= in_region(&aRg[r], (aL[b].y1 + aL[b].y2) / 2);
      if (bRuled) break;
      memcpy(cov, cov2, (size_t)nCov);
      memcpy(aCut, aTry, sizeof(double) * (size_t)nTry);
      nCut = nTry;
      b++;
    }
    /* a title or a paragraph line just above the table joins the run but
    ** hides its gutters: drop leading lines while that gives more */
    while (b - a > TABLE_MIN_LINES) {
      double aTry[MAX_COLS];
      int nTry = run_gutters(cov, nCov, aW, aiOrder, aL, a + 1, b, aTry);
      if (nTry <= nCut) break;
      write_line(&out, zText, aW, aiOrder, &aL[a], &rc);
      a++;
      memcpy(aCut, aTry, sizeof(double) * (size_t)nTry);
      nCut = nTry;
    }
    int nFull = 0; /* lines with words in three columns or more */
    for (int l = a; l < b; l++) {
      unsigned long long used = 0;
      for (int i = 0; i < aL[l].n; i++) used |= 1ULL << column_of(&aW[aiOrder[aL[l].iFirst + i]], aCut, nCut);
      if (__builtin_popcountll(used) >= TABLE_MIN_COLS) nFull++;
    }
    if (b - a >= TABLE_MIN_LINES && nFull >= 2) {
      write_table(&out, zText, aW, aiOrder, aL, a, b, aCut, nCut, &rc);
      nTable++;
      a = b;
    } else {
      double xSplit = 0;
      int e = layout_run(aW, aiOrder, aL, nL, a, &xSplit);
      if (e > a) { /* two columns: the left one's lines, then the right one's */
        for (int bRight = 0; bRight <= 1; bRight++) {
          for (int l = a; l < e; l++) write_side(&out, zText, aW, aiOrder, &aL[l], xSplit, bRight, &rc);
          vp_buf_append(&out, "\n", 1, &rc);
        }
        a = e;
      } else {
        write_line(&out, zText, aW, aiOrder, &aL[a], &rc);
        a++;
      }
    }
  }
  if (rc == VP_OK && (nTable > 0 || bAlways)) zOut = vp_buf_take(&out);
  vp_buf_free(&out);
  free(aRg);
done:
  free(cov);
  free(aL);
  free(aiOrder);
  free(aW);
  return zOut;
}
