/*
** format_pdf.c — the PDF renderer (vp_format.h): a PDF with a text layer
** opened through poppler's GLib API (no password) and each page's text taken
** as poppler gives it (poppler_page_get_text: its reading order, one line of
** the page per line of text), trailing blanks cut; pages are separated by an
** empty line and a rule line "---", which the reader treats as a page break
** (a sentence cut by it is joined). Pages without text are passed over; a
** PDF without text on any page is refused as a scan (no OCR yet), as are an
** encrypted PDF, a damaged one (poppler's message) and one of more than
** PDF_MAX_PAGES pages (before any text is read). The text out is NFC UTF-8.
**
** A page without a text layer (a scan) goes through OCR when it is built
** (vp_ocr.h; VNPLAN_OCR=off never, =force every page): rendered with cairo
** in gray at its scanned image's resolution (150 to OCR_DPI dpi) (smaller when the page is huge: at most OCR_MAX_PIXELS),
** its text recognised, a progress line per page on stderr ("vnplan: OCR
** FILE page 3 of 12"), and the count of such pages noted for the document
** (vp_format_note_ocr). Without OCR a scan is refused with the reason.
** A page holding a table is rebuilt from its glyph boxes instead, the
** table as pipe rows (pdf_table.c); a scanned page's from the boxes of the
** words OCR recognised and the ruled lines of its image (page_rules.c),
** through the same rebuild (the page always: a printed line a line); a
** roman section number OCR read with an L for an I is put right at a
** heading's start (vp_ocr_fix_roman_heads). Columns a page's text runs
** into one line (a header block's two cells) are split at their gutter,
** and runs of lines set in bold are marked "**…**" as a portal marks them.
*/
#include "vp_format.h"

#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_ocr.h"
#include "pdf_table.h"

#define PDF_MAX_PAGES 2000
#define OCR_DPI 300
#define OCR_DPI_MIN 150
#define OCR_MAX_PIXELS (40 * 1000 * 1000)

/* The resolution to render a scanned page at for OCR: the largest image's
** own (a 200 dpi scan is read at 200 dpi: rendering it finer only adds
** pixels for Tesseract), kept within OCR_DPI_MIN..OCR_DPI; OCR_DPI when
** the page has no image. */
static double scan_dpi(PopplerPage *pPage) {
  double dpi = 0, best = 0;
  GList *pMap = poppler_page_get_image_mapping(pPage);
  for (GList *l = pMap; l; l = l->next) {
    PopplerImageMapping *m = l->data;
    double wPt = m->area.x2 - m->area.x1, hPt = m->area.y2 - m->area.y1;
    if (wPt < 0) wPt = -wPt;
    if (hPt < 0) hPt = -hPt;
    if (wPt * hPt <= best || wPt < 1) continue;
    cairo_surface_t *pImg = poppler_page_get_image(pPage, m->image_id);
    if (pImg == NULL) continue;
    int wPx = cairo_image_surface_get_width(pImg);
    cairo_surface_destroy(pImg);
    if (wPx > 0) {
      best = wPt * hPt;
      dpi = wPx / (wPt / 72.0);
    }
  }
  poppler_page_free_image_mapping(pMap);
  if (dpi <= 0) return OCR_DPI;
  return dpi < OCR_DPI_MIN ? OCR_DPI_MIN : dpi > OCR_DPI ? OCR_DPI : dpi;
}

/* The page rendered in gray at dpi: *paGray malloc'd (nW x nH, a byte a
** pixel, nW bytes a row). VP_OK or VP_ENOMEM. */
static int render_gray(PopplerPage *pPage, double wPt, double hPt, double dpi,
                       unsigned char **paGray, int *pnW, int *pnH) {
  *paGray = NULL;
  int nW = (int)(wPt * dpi / 72.0 + 0.5), nH = (int)(hPt * dpi / 72.0 + 0.5);
  cairo_surface_t *pSurf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, nW, nH);
  if (cairo_surface_status(pSurf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(pSurf);
    return VP_ENOMEM;
  }
  cairo_t *cr = cairo_create(pSurf);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72.0, dpi / 72.0);
  poppler_page_render_for_printing(pPage, cr);
  cairo_destroy(cr);
  cairo_surface_flush(pSurf);
  const unsigned char *aRgb = cairo_image_surface_get_data(pSurf);
  int nStride = cairo_image_surface_get_stride(pSurf);
  unsigned char *aGray = malloc((size_t)nW * (size_t)nH);
  if (aGray && aRgb) {
    for (int y = 0; y < nH; y++) {
      const uint32_t *row = (const uint32_t *)(const void *)(aRgb + (size_t)y * (size_t)nStride);
      unsigned char *g = aGray + (size_t)y * (size_t)nW;
      for (int x = 0; x < nW; x++) {
        uint32_t px = row[x];
        g[x] = (unsigned char)((((px >> 16) & 0xff) * 30 + ((px >> 8) & 0xff) * 59 + (px & 0xff) * 11) / 100);
      }
    }
  }
  cairo_surface_destroy(pSurf);
  if (aGray == NULL || aRgb == NULL) {
    free(aGray);
    return VP_ENOMEM;
  }
  *paGray = aGray;
  *pnW = nW;
  *pnH = nH;
  return VP_OK;
}

/* The page's text rebuilt from characters zText and their boxes aBox[nBox]
** with the ruled lines of the page image aGray (nW x nH at dpi): malloc'd,
** or NULL when the page holds no table (pdf_table.c). */
static char *tables_ruled(const char *zText, const pdf_box *aBox, int nBox,
                          const unsigned char *aGray, int nW, int nH, double dpi, int bAlways) {
  page_rule *aV = NULL, *aH = NULL;
  int nV = 0, nHr = 0;
  if (page_rules_find(aGray, nW, nH, nW, (int)dpi, &aV, &nV, &aH, &nHr) != VP_OK) nV = nHr = 0;
  char *zOut = pdf_table_rebuild_ruled(zText, aBox, nBox, aV, nV, aH, nHr, bAlways);
  free(aV);
  free(aH);
  return zOut;
}

/* The page rendered in gray and read by OCR: *pzText malloc'd, or NULL
** with *pzErr. A table on it is rebuilt from the words' boxes and the
** image's ruled lines, as a text layer's is. */
static int ocr_page(vp_ocr *pOcr, PopplerPage *pPage, char **pzText, char **pzErr) {
  *pzText = NULL;
  double wPt = 0, hPt = 0;
  poppler_page_get_size(pPage, &wPt, &hPt);
  if (!(wPt > 0 && hPt > 0 && wPt < 20000 && hPt < 20000)) {
    if (pzErr) *pzErr = vp_mprintf("OCR: page of impossible size");
    return VP_EINPUT;
  }
  double dpi = scan_dpi(pPage);
  while (dpi > 50 && (wPt * dpi / 72.0) * (hPt * dpi / 72.0) > OCR_MAX_PIXELS) dpi -= 25;
  unsigned char *aGray = NULL;
  int nW = 0, nH = 0;
  int rc = render_gray(pPage, wPt, hPt, dpi, &aGray, &nW, &nH);
  if (rc != VP_OK) return rc;
  char *zWords = NULL;
  vp_ocr_box *aBox = NULL;
  int nBox = 0;
  rc = vp_ocr_gray(pOcr, aGray, nW, nH, nW, (int)dpi, pzText, &zWords, &aBox, &nBox);
  pdf_box *aPb = rc == VP_OK && nBox > 0 ? malloc(sizeof *aPb * (size_t)nBox) : NULL;
  if (aPb) {
    for (int i = 0; i < nBox; i++) aPb[i] = (pdf_box){aBox[i].x1, aBox[i].y1, aBox[i].x2, aBox[i].y2};
    char *zTables = tables_ruled(zWords, aPb, nBox, aGray, nW, nH, dpi, 1);
    if (zTables) {
      free(*pzText);
      *pzText = zTables;
    }
  }
  if (rc == VP_OK && *pzText) {
    char *zFixed = vp_ocr_fix_roman_heads(*pzText);
    if (zFixed == NULL) rc = VP_ENOMEM;
    free(*pzText);
    *pzText = zFixed;
  }
  free(aPb);
  free(zWords);
  free(aBox);
  free(aGray);
  return rc;
}

static int bullet_len(const char *z);

/* Is z[0..n) only a list label: "1.", "2.1.", "a)", "IV.", "-", a bullet? */
static int label_only(const char *z, size_t n) {
  while (n && (*z == ' ' || *z == '\t')) z++, n--;
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
  if (n == 0 || n > 8) return 0;
  if ((n == 1 && (*z == '-' || *z == '+')) || (size_t)bullet_len(z) == n) return 1;
  size_t i = 0;
  if (z[0] >= '0' && z[0] <= '9') {
    while (i < n && ((z[i] >= '0' && z[i] <= '9') || (z[i] == '.' && i + 1 < n))) i++;
  } else if (strchr("IVX", z[0])) {
    while (i < n && strchr("IVX", z[i])) i++;
  } else if (z[0] >= 'a' && z[0] <= 'z') {
    i = 1;
  }
  return i > 0 && i + 1 == n && (z[i] == '.' || z[i] == ')');
}

/* A list label that a word processor set apart by a tab stop comes out of
** poppler as a line of its own, the text it labels after it: joined with a
** space when the next line's first glyph stands on the label's baseline,
** right of it. In place. */
static void join_labels(const PopplerRectangle *aR, guint nR, char *zText) {
  char *zLine = zText;
  glong k = 0, kLast = -1;
  for (char *z = zText; *z; z = g_utf8_next_char(z), k++) {
    if (*z != '\n') {
      if (*z != ' ') kLast = k;
      continue;
    }
    if (kLast >= 0 && label_only(zLine, (size_t)(z - zLine))) {
      glong kw = k + 1;
      const char *w = z + 1;
      while (*w == ' ') w++, kw++;
      if (*w && *w != '\n' && (guint)kw < nR) {
        const PopplerRectangle *a = &aR[kLast], *b = &aR[kw];
        double h = a->y2 - a->y1, ya = (a->y1 + a->y2) / 2, yb = (b->y1 + b->y2) / 2;
        if (h > 0 && ya - yb < 0.35 * h && yb - ya < 0.35 * h && b->x1 > a->x1) *z = ' ';
      }
    }
    if (*z == '\n') zLine = z + 1, kLast = -1;
  }
}

/* The last line of a page, as join_wrapped saw it: its last character
** (0: none), where its last glyph ends, a space's width and the margin. */
typedef struct pdf_tail {
  char cLast;
  double xLast, xSpace, xMargin;
} pdf_tail;

/* Would a word x1..x2 wide have fitted after the line pT describes? */
static int wraps(const pdf_tail *pT, double x1, double x2) {
  return pT->cLast && x1 >= 0 && !strchr(".:;!?", pT->cLast) &&
         pT->xLast + pT->xSpace + (x2 - x1) > pT->xMargin + 0.5;
}

/* Lines a layout wrapped, not their author, joined with a space, in place:
** from poppler's glyph boxes (one per character of the page text), a line
** is wrapped when the next line's first word would not have fitted after
** its last glyph before the page's right margin (the rightmost glyph edge
** on the page), and the line does not end on . : ; ! ?. The reader joins
** hard-wrapped paragraphs itself; this keeps a wrapped cell of a table
** written one cell a line from becoming two cells. *pPrev (the last page's
** last line, may be NULL) and the page's first word set *pbJoinFirst: the
** page's first line goes on the previous page's last; *pTail gets this
** page's last line. Returns 0, the text left as it is, when poppler gives
** no usable boxes or fewer than WRAP_MIN_LINES lines end near the margin. */
#define WRAP_MIN_LINES 3
static int join_wrapped(PopplerPage *pPage, const PopplerRectangle *aR, char *zText,
                        const pdf_tail *pPrev, int *pbJoinFirst, pdf_tail *pTail) {
  *pbJoinFirst = 0;
  memset(pTail, 0, sizeof *pTail);
  pdf_tail t = {0, 0, 0, 0};
  glong k = 0;
  for (const char *z = zText; *z; z = g_utf8_next_char(z), k++)
    if (*z != '\n' && *z != ' ' && aR[k].x2 > t.xMargin) t.xMargin = aR[k].x2;
  /* the margin holds when at least WRAP_MIN_LINES lines end near it (a
  ** page of running text); a short page's longest line is no margin */
  double wPage = 0, hPage = 0, xEnd = 0;
  poppler_page_get_size(pPage, &wPage, &hPage);
  int nNear = 0;
  k = 0;
  for (const char *z = zText;; z = g_utf8_next_char(z), k++) {
    if (*z == '\n' || *z == '\0') {
      if (xEnd > 0 && xEnd >= t.xMargin - wPage * 0.08) nNear++;
      xEnd = 0;
      if (*z == '\0') break;
    } else if (*z != ' ') {
      xEnd = aR[k].x2;
    }
  }
  if (nNear < WRAP_MIN_LINES) return 0;
  int bFirst = 1;
  k = 0;
  for (char *z = zText; *z; z = g_utf8_next_char(z), k++) {
    if (*z == '\n' || (bFirst && *z != ' ')) {
      /* the next line's first word (or the page's first): its extent */
      char *w = *z == '\n' ? z + 1 : z;
      glong kw = *z == '\n' ? k + 1 : k;
      double x1 = -1, x2 = -1;
      while (*w == ' ' || *w == '\n') w++, kw++;
      for (; *w && *w != ' ' && *w != '\n'; w = g_utf8_next_char(w), kw++) {
        if (x1 < 0) x1 = aR[kw].x1;
        x2 = aR[kw].x2;
      }
      if (bFirst) {
        if (pPrev) *pbJoinFirst = wraps(pPrev, x1, x2) && (unsigned char)*w != 0;
        bFirst = 0;
        if (*z != '\n') goto glyph;
      }
      if (z[1] != '\n' && wraps(&t, x1, x2)) *z = ' ';
      t.cLast = 0;
      t.xLast = 0;
      continue;
    }
  glyph:
    if (*z != ' ' && *z != '\n') {
      t.cLast = *z;
      t.xLast = aR[k].x2;
      /* a space is about a quarter of a glyph's height */
      t.xSpace = (aR[k].y2 - aR[k].y1) / 4;
    }
  }
  *pTail = t;
  return 1;
}

/* Which characters of the page text are set in a bold face (the font's
** name says Bold, Black, Heavy, Semibold or Demi), from poppler's text
** attributes; NULL when none is or the attributes cannot be read. */
static unsigned char *bold_chars(PopplerPage *pPage, guint nR) {
  GList *pAttrs = poppler_page_get_text_attributes(pPage);
  unsigned char *ab = NULL;
  for (GList *l = pAttrs; l; l = l->next) {
    const PopplerTextAttributes *pA = l->data;
    const char *zFont = pA->font_name ? pA->font_name : "";
    if (!strstr(zFont, "Bold") && !strstr(zFont, "bold") && !strstr(zFont, "Black") &&
        !strstr(zFont, "Heavy") && !strstr(zFont, "Semibold") && !strstr(zFont, "Demi"))
      continue;
    if (ab == NULL && (ab = calloc(nR ? nR : 1, 1)) == NULL) break;
    for (gint k = pA->start_index < 0 ? 0 : pA->start_index; k <= pA->end_index && (guint)k < nR; k++)
      ab[k] = 1;
  }
  poppler_page_free_text_attributes(pAttrs);
  return ab;
}

/* A list label that stands in a column of its own ("1." / "•" at the left,
** their texts indented after a tab stop): poppler may read that column as
** a block, so a label comes out before the wrong line ("1." / "•" / "Giao
** Sở …", the bullet being the next item's). Each label line whose next line
** does not start on its baseline is put before the line that does (the
** first within LABEL_LOOKAHEAD lines starting right of it), a space
** between. The text, its glyph boxes and bold flags are rebuilt together
** (*pzText g_free'd and replaced, *paR g_free'd and replaced, *pabBold
** free'd and replaced when not NULL); returns 0 when no label moved, 1
** when one did, -1 out of memory (nothing changed). */
#define LABEL_LOOKAHEAD 40
typedef struct pdf_line { glong k0, k1; const char *z0; size_t nByte; int iMoved, iLabel; } pdf_line;
/* The character index of the line's first (bLast: last) glyph that is no
** space, -1 when it has none. */
static glong line_glyph(const pdf_line *pL, int bLast) {
  glong kFound = -1, q = pL->k0;
  for (const char *z = pL->z0; z < pL->z0 + pL->nByte; z = g_utf8_next_char(z), q++) {
    if (*z == ' ' || *z == '\t') continue;
    kFound = q;
    if (!bLast) break;
  }
  return kFound;
}

static int move_labels(char **pzText, PopplerRectangle **paR, guint *pnR, unsigned char **pabBold) {
  const char *zText = *pzText;
  const PopplerRectangle *aR = *paR;
  guint nR = *pnR;
  GArray *aL = g_array_new(FALSE, FALSE, sizeof(pdf_line));
  glong k = 0;
  const char *z = zText;
  pdf_line cur = {0, 0, zText, 0, -1, -1};
  for (;; z = g_utf8_next_char(z), k++) {
    if (*z == '\n' || *z == '\0') {
      cur.k1 = k;
      cur.nByte = (size_t)(z - cur.z0);
      g_array_append_val(aL, cur);
      if (*z == '\0') break;
      cur.k0 = k + 1;
      cur.z0 = z + 1;
    }
  }
  if ((guint)k != nR) { /* boxes and text disagree: leave both */
    g_array_free(aL, TRUE);
    return 0;
  }
  int nMoved = 0;
  for (guint i = 0; i + 1 < aL->len; i++) {
    pdf_line *pL = &g_array_index(aL, pdf_line, i);
    if (pL->iMoved >= 0 || !label_only(pL->z0, pL->nByte)) continue;
    glong kLast = line_glyph(pL, 1);
    if (kLast < 0) continue;
    const PopplerRectangle *a = &aR[kLast];
    double h = a->y2 - a->y1, ya = (a->y1 + a->y2) / 2;
    if (h <= 0) continue;
    for (guint j = i + 1; j < aL->len && j <= i + LABEL_LOOKAHEAD; j++) {
      pdf_line *pT = &g_array_index(aL, pdf_line, j);
      glong kF = line_glyph(pT, 0);
      if (kF < 0) continue;
      const PopplerRectangle *b = &aR[kF];
      double yb = (b->y1 + b->y2) / 2;
      int bSame = ya - yb < 0.35 * h && yb - ya < 0.35 * h && b->x1 > a->x1;
      if (j == i + 1 && bSame) break; /* in place already */
      if (!bSame) continue;
      if (pT->iLabel < 0 && pT->iMoved < 0 && !label_only(pT->z0, pT->nByte)) {
        pT->iLabel = (int)i;
        pL->iMoved = (int)j;
        nMoved++;
      }
      break;
    }
  }
  if (nMoved == 0) {
    g_array_free(aL, TRUE);
    return 0;
  }
  GString *pOut = g_string_new(NULL);
  PopplerRectangle *aRNew = g_try_new(PopplerRectangle, nR + 1);
  unsigned char *abNew = *pabBold ? malloc(nR + 1) : NULL;
  if (aRNew == NULL || (*pabBold && abNew == NULL)) {
    g_string_free(pOut, TRUE);
    g_free(aRNew);
    free(abNew);
    g_array_free(aL, TRUE);
    return -1;
  }
  guint n = 0;
  /* the characters of line pL, their boxes and flags, to the output */
#define EMIT_LINE(pL)                                                          \
  do {                                                                         \
    g_string_append_len(pOut, (pL)->z0, (gssize)(pL)->nByte);                  \
    for (glong q = (pL)->k0; q < (pL)->k1; q++, n++) {                         \
      aRNew[n] = aR[q];                                                        \
      if (abNew) abNew[n] = (*pabBold)[q];                                     \
    }                                                                          \
  } while (0)
  for (guint i = 0; i < aL->len; i++) {
    const pdf_line *pL = &g_array_index(aL, pdf_line, i);
    if (pL->iMoved >= 0) continue;
    if (pL->iLabel >= 0) {
      const pdf_line *pLab = &g_array_index(aL, pdf_line, pL->iLabel);
      EMIT_LINE(pLab);
      g_string_append_c(pOut, ' ');
      aRNew[n] = aR[pLab->k1 - 1];
      if (abNew) abNew[n] = 0;
      n++;
    }
    EMIT_LINE(pL);
    if (i + 1 < aL->len) {
      g_string_append_c(pOut, '\n');
      aRNew[n] = pL->k1 < (glong)nR ? aR[pL->k1] : aR[nR - 1];
      if (abNew) abNew[n] = 0;
      n++;
    }
  }
#undef EMIT_LINE
  g_array_free(aL, TRUE);
  g_free(*pzText);
  *pzText = g_string_free(pOut, FALSE);
  g_free(*paR);
  *paR = aRNew;
  *pnR = n;
  if (abNew) {
    free(*pabBold);
    *pabBold = abNew;
  }
  return 1;
}

/* The page's text as written out: columns poppler ran into one line ("Số:
** 172/KH-UBNDThành phố Hồ Chí Minh, ngày …": a header block's two cells on
** one baseline, no space between them) are split where a gutter wider than
** GUTTER_EM glyph heights stands between two glyphs of a line, what follows
** it a line of its own, as the cell it is (a list label set apart by a tab
** stop stays with its text, join_labels); and text in bold (abBold, may be
** NULL) is marked as Markdown bold ("**…**"), across lines, as the portal's
** copy marks it, so a heading a page wraps over several lines ("3. Đề nghị
** Ủy ban Mặt trận" / "Tổ quốc Việt Nam …") reads as one. The first line
** stays unmarked when it goes on the previous page's last (bJoinFirst). A
** new string (g_free), NULL when nothing changes. */
#define GUTTER_EM 3.0
static char *lay_out_lines(const PopplerRectangle *aR, guint nR, const char *zText,
                           const unsigned char *abBold, int bJoinFirst) {
  GString *pOut = g_string_new(NULL);
  int bChanged = 0, bInBold = 0, bFirstLine = 1;
  gsize iAfterBold = 0; /* where the open bold run's last glyph ends in pOut */
  const char *zLine = zText;
  double xPrev = -1, yPrev = 0;
  glong k = 0;
  for (const char *z = zText; *z && (guint)k < nR; z = g_utf8_next_char(z), k++) {
    if (*z == '\n' || *z == ' ') {
      if (*z == '\n') {
        zLine = z + 1;
        xPrev = -1;
        bFirstLine = 0;
        /* a numbered line starts a bold paragraph of its own ("IV. PHÂN
        ** CÔNG NHIỆM VỤ" / "1. Công an thành phố") */
        size_t nWord = strcspn(zLine, " \n");
        if (bInBold && label_only(zLine, nWord)) {
          g_string_insert(pOut, (gssize)iAfterBold, "**");
          bInBold = 0;
        }
      }
      g_string_append_c(pOut, *z);
      continue;
    }
    const PopplerRectangle *r = &aR[k];
    double h = r->y2 - r->y1, y = (r->y1 + r->y2) / 2;
    int bGutter = xPrev >= 0 && h > 0 && r->x1 - xPrev > GUTTER_EM * h && y - yPrev < h / 2 &&
                  yPrev - y < h / 2 && !label_only(zLine, (size_t)(z - zLine));
    xPrev = r->x2;
    yPrev = y;
    int bBold = abBold && abBold[k] && !(bFirstLine && bJoinFirst);
    if (bInBold && (bGutter || !bBold)) { /* close the run after its last glyph */
      g_string_insert(pOut, (gssize)iAfterBold, "**");
      bInBold = 0;
    }
    if (bGutter) {
      while (pOut->len && pOut->str[pOut->len - 1] == ' ') g_string_truncate(pOut, pOut->len - 1);
      g_string_append_c(pOut, '\n');
      zLine = z;
      bChanged = 1;
    }
    if (bBold && !bInBold) {
      g_string_append(pOut, "**");
      bInBold = bChanged = 1;
    }
    g_string_append_len(pOut, z, g_utf8_next_char(z) - z);
    if (bBold) iAfterBold = pOut->len;
  }
  if (bInBold) g_string_insert(pOut, (gssize)iAfterBold, "**");
  if (!bChanged) {
    g_string_free(pOut, TRUE);
    return NULL;
  }
  return g_string_free(pOut, FALSE);
}

/* The page's text rebuilt with its tables as pipe rows (pdf_table.c) from
** its glyph boxes aR (one per character), or NULL when it has none. A page
** with a table is rendered (RULE_DPI, gray) for its ruled lines, which cut
** a ruled table into rows and cells where word gutters alone would not (a
** group row across the table). */
#define RULE_DPI 150
static char *tables_rebuilt(PopplerPage *pPage, const PopplerRectangle *aR, guint nR,
                            const char *zText) {
  char *zOut = NULL;
  if (nR < (1u << 24)) {
    pdf_box *aBox = malloc(sizeof *aBox * (nR ? nR : 1));
    if (aBox) {
      for (guint i = 0; i < nR; i++) {
        aBox[i].x1 = aR[i].x1, aBox[i].y1 = aR[i].y1, aBox[i].x2 = aR[i].x2, aBox[i].y2 = aR[i].y2;
      }
      zOut = pdf_table_rebuild(zText, aBox, (int)nR);
      double wPt = 0, hPt = 0;
      poppler_page_get_size(pPage, &wPt, &hPt);
      unsigned char *aGray = NULL;
      int nW = 0, nH = 0;
      if (zOut && wPt > 0 && hPt > 0 && wPt < 5000 && hPt < 5000 &&
          render_gray(pPage, wPt, hPt, RULE_DPI, &aGray, &nW, &nH) == VP_OK) {
        char *zRuled = tables_ruled(zText, aBox, (int)nR, aGray, nW, nH, RULE_DPI, 0);
        if (zRuled) {
          free(zOut);
          zOut = zRuled;
        }
        free(aGray);
      }
      free(aBox);
    }
  }
  return zOut;
}

/* Bytes of a bullet glyph at z (•, ●, ▪, ◦, ⁃, and Symbol/Wingdings
** bullets in the private use area  ), or 0. */
static int bullet_len(const char *z) {
  static const char *const azBullet[] = {"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x96\xaa", "\xe2\x97\xa6",
                                         "\xe2\x81\x83", "\xef\x82\xb7", "\xef\x82\xa7", "\xef\x83\x98"};
  for (size_t i = 0; i < sizeof azBullet / sizeof azBullet[0]; i++)
    if (strncmp(z, azBullet[i], strlen(azBullet[i])) == 0) return (int)strlen(azBullet[i]);
  return 0;
}

/* Length of a list label at z glued to its text by a tab stop ("1.Mục",
** "2.1.Nội", "a)Sở", "IV.Tổ"): the label's bytes when a letter follows it
** right away, else 0. */
static int glued_label_len(const char *z) {
  int i = 0;
  if (z[0] >= '0' && z[0] <= '9') {
    while ((z[i] >= '0' && z[i] <= '9') || (z[i] == '.' && z[i + 1] >= '0' && z[i + 1] <= '9')) i++;
    if (z[i] != '.' && z[i] != ')') return 0;
  } else if (strchr("IVX", z[0])) {
    while (z[i] && strchr("IVX", z[i])) i++;
    if (z[i] != '.') return 0;
  } else if (z[0] >= 'a' && z[0] <= 'z' && z[1] == ')') {
    i = 1;
  } else {
    return 0;
  }
  i++;
  unsigned char c = (unsigned char)z[i];
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xc3 ? i : 0;
}

/* A line of page text as the reader expects it: a bullet glyph at its start
** as "- " (a bullet alone on its line goes before the next line's text:
** *pbBullet), a label glued to its text given its space. */
static void append_line(vp_buf *pOut, const char *z, size_t n, int *pbBullet, int *pRc) {
  int nB = bullet_len(z);
  if (nB > 0 && (size_t)nB <= n) {
    z += nB, n -= (size_t)nB;
    while (n && (*z == ' ' || *z == '\t')) z++, n--;
    if (n == 0) { /* the bullet alone: its text is on the next line */
      *pbBullet = 1;
      return;
    }
    vp_buf_append(pOut, "- ", 2, pRc);
  } else if (*pbBullet) {
    vp_buf_append(pOut, "- ", 2, pRc);
  }
  *pbBullet = 0;
  int nL = glued_label_len(z);
  if (nL > 0 && (size_t)nL < n) {
    vp_buf_append(pOut, z, (size_t)nL, pRc);
    vp_buf_append(pOut, " ", 1, pRc);
    z += nL, n -= (size_t)nL;
  }
  vp_buf_append(pOut, z, n, pRc);
}

/* Append page text zText, each line through append_line, trailing blanks
** and form feeds cut, empty lines at its start and end dropped. Returns 1
** if the page had any text. */
static int append_page(vp_buf *pOut, const char *zText, int *pRc) {
  const char *z = zText;
  int bAny = 0, bBullet = 0;
  int nBlank = 0; /* empty lines seen since the last line with text */
  while (*z) {
    const char *zEol = strchr(z, '\n');
    size_t nLine = zEol ? (size_t)(zEol - z) : strlen(z);
    size_t nKeep = nLine;
    while (nKeep > 0 && (z[nKeep - 1] == ' ' || z[nKeep - 1] == '\t' || z[nKeep - 1] == '\r' ||
                         z[nKeep - 1] == '\f'))
      nKeep--;
    size_t nLead = 0;
    while (nLead < nKeep && z[nLead] == '\f') nLead++;
    if (nKeep == nLead) {
      nBlank++;
    } else {
      if (bAny && !bBullet) {
        for (int i = 0; i <= (nBlank > 1 ? 1 : nBlank); i++) vp_buf_append(pOut, "\n", 1, pRc);
      }
      append_line(pOut, z + nLead, nKeep - nLead, &bBullet, pRc);
      bAny = 1;
      nBlank = 0;
    }
    if (zEol == NULL) break;
    z = zEol + 1;
  }
  return bAny;
}

/* Cells of a pipe row z[0..n) ("| a | b |"), or 0 when it is none. */
static int row_cells(const char *z, size_t n) {
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\r')) n--;
  if (n < 2 || z[0] != '|' || z[n - 1] != '|') return 0;
  int k = 0;
  for (size_t i = 0; i < n; i++) k += z[i] == '|';
  return k - 1;
}

/* Is the pipe row's first cell empty ("|  | …")? */
static int first_cell_empty(const char *z) {
  z++;
  while (*z == ' ') z++;
  return *z == '|';
}

/* Rows a page break cut from a table: when the page's text (zText) opens
** with pipe rows of as many cells as the last row written (in *pOut), or
** one more or less, they
** go there, before the page rule, its header separator dropped, a first
** row with an empty first cell (the rest of a row the break cut) joined
** cell by cell to that last row; the rows are cut from zText, in place. */
static void join_table_rows(vp_buf *pOut, char *zText, int *pRc) {
  size_t e = pOut->n;
  while (e > 0 && (pOut->z[e - 1] == '\n' || pOut->z[e - 1] == ' ')) e--;
  size_t s = e;
  while (s > 0 && pOut->z[s - 1] != '\n') s--;
  int nCell = e > s ? row_cells(pOut->z + s, e - s) : 0;
  char *zL = zText + strspn(zText, " \t\r\n\f");
  /* a column more or less: the page's rebuild may find a column the last
  ** one did not (a cell of text spilling past the last rule) */
  int nFirst = row_cells(zL, strcspn(zL, "\n"));
  if (nCell == 0 || nFirst < nCell - 1 || nFirst > nCell + 1) return;
  int bFirst = 1;
  while (*zL == '|' && *pRc == VP_OK) {
    size_t nL = strcspn(zL, "\n");
    int nThis = row_cells(zL, nL);
    if (nThis < nCell - 1 || nThis > nCell + 1) break;
    if (strncmp(zL, "|---", 4) != 0) {
      if (bFirst && first_cell_empty(zL) && nThis == nCell) {
        /* cell by cell: the last row's cells, each with this row's after it */
        vp_buf row = {0};
        const char *a = pOut->z + s, *b = zL;
        vp_buf_append(&row, "|", 1, pRc);
        for (int c = 0; c < nCell; c++) {
          a++, b++;
          size_t na = strcspn(a, "|"), nb = strcspn(b, "|");
          const char *ta = a, *tb = b;
          size_t ka = na, kb = nb;
          while (ka && *ta == ' ') ta++, ka--;
          while (ka && ta[ka - 1] == ' ') ka--;
          while (kb && *tb == ' ') tb++, kb--;
          while (kb && tb[kb - 1] == ' ') kb--;
          vp_buf_append(&row, " ", 1, pRc);
          vp_buf_append(&row, ta, ka, pRc);
          if (ka && kb) vp_buf_append(&row, " ", 1, pRc);
          vp_buf_append(&row, tb, kb, pRc);
          vp_buf_append(&row, " |", 2, pRc);
          a += na, b += nb;
        }
        pOut->n = s;
        if (row.n) vp_buf_append(pOut, row.z, row.n, pRc);
        vp_buf_free(&row);
      } else {
        pOut->n = e;
        vp_buf_append(pOut, "\n", 1, pRc);
        vp_buf_append(pOut, zL, nL, pRc);
      }
      e = pOut->n;
      s = e;
      while (s > 0 && pOut->z[s - 1] != '\n') s--;
    }
    bFirst = 0;
    zL += nL;
    if (*zL == '\n') zL++;
  }
  if (pOut->z) pOut->z[pOut->n] = '\0';
  memmove(zText, zL, strlen(zL) + 1);
}

int vp_format_pdf_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  GError *pErr = NULL;
  GBytes *pBytes = g_bytes_new(z, n);
  PopplerDocument *pDoc = poppler_document_new_from_bytes(pBytes, NULL, &pErr);
  if (pDoc == NULL) {
    if (pzErr) {
      if (pErr && pErr->domain == POPPLER_ERROR && pErr->code == POPPLER_ERROR_ENCRYPTED)
        *pzErr = vp_mprintf("encrypted PDF");
      else
        *pzErr = vp_mprintf("damaged PDF (%s)", pErr && pErr->message ? pErr->message : "cannot be opened");
    }
    if (pErr) g_error_free(pErr);
    g_bytes_unref(pBytes);
    return VP_EINPUT;
  }
  if (pErr) g_error_free(pErr);
  int rc = VP_OK;
  int nPage = poppler_document_get_n_pages(pDoc);
  if (nPage > PDF_MAX_PAGES) {
    if (pzErr) *pzErr = vp_mprintf("PDF of %d pages (over the 2,000-page limit)", nPage);
    rc = VP_EINPUT;
  }
  vp_buf out;
  memset(&out, 0, sizeof out);
  int nText = 0, nOcr = 0, nNoText = 0;
  vp_ocr_mode eOcr = vp_ocr_mode_get();
  int bOcr = eOcr != VP_OCR_OFF && vp_ocr_built();
  char *zOcrErr = NULL;
  vp_ocr *pOcr = NULL;
  pdf_tail prevTail = {0, 0, 0, 0};
  for (int i = 0; rc == VP_OK && i < nPage; i++) {
    PopplerPage *pPage = poppler_document_get_page(pDoc, i);
    if (pPage == NULL) continue;
    char *zText = poppler_page_get_text(pPage);
    int bEmpty = zText == NULL || zText[strspn(zText, " \t\r\n\f")] == '\0';
    if (bEmpty) nNoText++;
    int bPageOcr = 0;
    if (bOcr && zOcrErr == NULL && (bEmpty || eOcr == VP_OCR_FORCE)) {
      const char *zFile = vp_format_current_path();
      fprintf(stderr, "vnplan: OCR %s page %d of %d\n", zFile ? zFile : "PDF", i + 1, nPage);
      char *zOcr = NULL;
      int rcO = pOcr ? VP_OK : vp_ocr_open(&pOcr, &zOcrErr);
      if (rcO == VP_OK) rcO = ocr_page(pOcr, pPage, &zOcr, &zOcrErr);
      if (rcO == VP_ENOMEM) rc = VP_ENOMEM;
      if (rcO == VP_OK) {
        g_free(zText);
        zText = g_strdup(zOcr);
        nOcr++;
        bPageOcr = 1;
      }
      free(zOcr);
    }
    int bJoinFirst = 0;
    pdf_tail tail = {0, 0, 0, 0};
    /* the glyph boxes, one per character of the text (else left unused) */
    PopplerRectangle *aR = NULL;
    guint nR = 0;
    if (zText && !bPageOcr &&
        (!poppler_page_get_text_layout(pPage, &aR, &nR) || aR == NULL ||
         g_utf8_strlen(zText, -1) != (glong)nR)) {
      g_free(aR);
      aR = NULL;
    }
    char *zTables = aR ? tables_rebuilt(pPage, aR, nR, zText) : NULL;
    if (zTables) { /* a page with a table: rebuilt from positions */
      g_free(zText);
      zText = g_strdup(zTables);
      free(zTables);
    } else if (aR) {
      join_labels(aR, nR, zText); /* turns newlines to spaces: boxes still match */
      join_wrapped(pPage, aR, zText, nText > 0 ? &prevTail : NULL, &bJoinFirst, &tail);
      /* last: they move the boxes' indexes */
      unsigned char *abBold = bold_chars(pPage, nR);
      if (move_labels(&zText, &aR, &nR, &abBold) < 0) rc = VP_ENOMEM;
      char *zLaid = lay_out_lines(aR, nR, zText, abBold, bJoinFirst);
      free(abBold);
      if (zLaid) {
        g_free(zText);
        zText = zLaid;
      }
    }
    g_free(aR);
    prevTail = tail;
    if (zText && bJoinFirst) {
      /* the first line finishes the previous page's last: it goes there,
      ** before the page rule */
      char *zL = zText + strspn(zText, " \t\r\n\f");
      size_t nL = strcspn(zL, "\n");
      size_t nKeep = nL;
      while (nKeep > 0 && (zL[nKeep - 1] == ' ' || zL[nKeep - 1] == '\r')) nKeep--;
      vp_buf_append(&out, " ", 1, &rc);
      vp_buf_append(&out, zL, nKeep, &rc);
      memmove(zText, zL + nL, strlen(zL + nL) + 1);
    }
    if (zText && nText > 0) join_table_rows(&out, zText, &rc);
    if (zText) {
      size_t nBefore = out.n;
      if (nText > 0) vp_buf_append(&out, "\n\n---\n\n", 7, &rc);
      if (append_page(&out, zText, &rc)) {
        nText++;
        vp_format_note_page(i + 1, bPageOcr);
      } else if (rc == VP_OK) {
        out.n = nBefore; /* a page without text: no rule for it */
        if (out.z) out.z[out.n] = '\0';
      }
      g_free(zText);
    }
    g_object_unref(pPage);
  }
  vp_ocr_close(pOcr);
  g_object_unref(pDoc);
  g_bytes_unref(pBytes);
  if (rc == VP_OK && nText == 0) {
    if (pzErr) {
      if (zOcrErr) *pzErr = vp_mprintf("no text layer (a scan) and %s", zOcrErr);
      else if (!vp_ocr_built()) *pzErr = vp_mprintf("no text layer (a scan; OCR is not built: libtesseract-dev was missing at build time)");
      else if (eOcr == VP_OCR_OFF) *pzErr = vp_mprintf("no text layer (a scan; OCR is off: --ocr=off or VNPLAN_OCR=off)");
      else *pzErr = vp_mprintf("no text found, not even by OCR");
    }
    rc = VP_EINPUT;
  }
  free(zOcrErr);
  if (rc == VP_OK) vp_format_note_ocr(nOcr);
  (void)nNoText;
  if (rc == VP_OK) vp_buf_append(&out, "\n", 1, &rc);
  if (rc != VP_OK) {
    vp_buf_free(&out);
    if (rc == VP_ENOMEM && pzErr) *pzErr = vp_mprintf("out of memory rendering PDF");
    return rc;
  }
  return vp_format_take_nfc(&out, "PDF", pzOut, pnOut, pzErr);
}
