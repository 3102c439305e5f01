/*
** test_format_pdf.c — unit tests of the PDF renderer (vp_format.h,
** indexer/read/format_pdf.c): small PDFs written here by hand (Helvetica,
** ASCII text: the base fonts cannot carry Vietnamese) rendered into the
** reader's text — two pages in order with the "---" page-break rule, a page
** without text passed over, lines kept — and PDFs refused: truncated, not a
** PDF, without any text (a scan), over the 2,000-page limit, and encrypted
** with a user password (qpdf, when installed); a task table laid out by
** position rebuilt as pipe rows (pdf_table.c), and a ruled one whose group
** row spans the table cut by its rules (page_rules.c); OCR's roman
** section numbers read with an L put right (vp_ocr_fix_roman_heads). Not for the walk or the index
** (tests/it_formats.sh indexes a .pdf copy of a seed plan).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_format.h"
#include "vp_ocr.h"
#include "vp_test.h"

/* A PDF of nPage pages; page i shows the lines of azPage[i % nText] (lines
** split on '\n'; NULL or "" for a page without text). Returns malloc'd bytes. */
static char *make_pdf(const char *const *azPage, int nText, int nPage, size_t *pn) {
  vp_buf b;
  memset(&b, 0, sizeof b);
  int rc = VP_OK;
  int nObj = 3 + nText + nPage; /* 1 catalog, 2 pages, 3 font, contents, pages */
  size_t *aOff = calloc((size_t)nObj + 1, sizeof *aOff);
  vp_buf_appends(&b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", &rc);
  aOff[1] = b.n;
  vp_buf_appends(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", &rc);
  aOff[2] = b.n;
  vp_buf_appendf(&b, &rc, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", nPage);
  for (int i = 0; i < nPage; i++) vp_buf_appendf(&b, &rc, " %d 0 R", 4 + nText + i);
  vp_buf_appends(&b, " ] >>\nendobj\n", &rc);
  aOff[3] = b.n;
  vp_buf_appends(&b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", &rc);
  for (int t = 0; t < nText; t++) {
    vp_buf s;
    memset(&s, 0, sizeof s);
    const char *z = azPage[t] ? azPage[t] : "";
    if (*z) {
      vp_buf_appends(&s, "BT /F1 12 Tf 72 720 Td 14 TL\n", &rc);
      while (*z) {
        const char *e = strchr(z, '\n');
        size_t n = e ? (size_t)(e - z) : strlen(z);
        vp_buf_appends(&s, "(", &rc);
        vp_buf_append(&s, z, n, &rc);
        vp_buf_appends(&s, ") Tj T*\n", &rc);
        z += n + (e ? 1 : 0);
      }
      vp_buf_appends(&s, "ET\n", &rc);
    }
    aOff[4 + t] = b.n;
    vp_buf_appendf(&b, &rc, "%d 0 obj\n<< /Length %zu >>\nstream\n", 4 + t, s.n);
    if (s.n) vp_buf_append(&b, s.z, s.n, &rc);
    vp_buf_appends(&b, "\nendstream\nendobj\n", &rc);
    vp_buf_free(&s);
  }
  for (int i = 0; i < nPage; i++) {
    aOff[4 + nText + i] = b.n;
    vp_buf_appendf(&b, &rc,
                   "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                   "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n",
                   4 + nText + i, 4 + i % nText);
  }
  size_t nXref = b.n;
  vp_buf_appendf(&b, &rc, "xref\n0 %d\n0000000000 65535 f \n", nObj + 1);
  for (int i = 1; i <= nObj; i++) vp_buf_appendf(&b, &rc, "%010zu 00000 n \n", aOff[i]);
  vp_buf_appendf(&b, &rc, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nObj + 1,
                 nXref);
  free(aOff);
  *pn = b.n;
  return vp_buf_take(&b);
}

static int render(const char *z, size_t n, char **pzOut, char **pzErr) {
  size_t nOut = 0;
  *pzOut = NULL;
  *pzErr = NULL;
  int rc = vp_format_render("plan.pdf", z, n, pzOut, &nOut, pzErr);
  if (*pzOut && strlen(*pzOut) != nOut) rc = -1;
  return rc;
}

static const char *const azTwo[] = {
    "KE HOACH\nSo Tai chinh chu tri, phoi hop voi",
    "So Noi vu trien khai thuc hien.\nUBND cap huyen bao cao ket qua."};

static void test_two_pages(void) {
  size_t n;
  char *zPdf = make_pdf(azTwo, 2, 2, &n);
  char *z, *zErr;
  int rc = render(zPdf, n, &z, &zErr);
  CHECK("two pages render", rc == VP_OK && z != NULL);
  if (z) {
    const char *a = strstr(z, "So Tai chinh chu tri, phoi hop voi");
    const char *r = strstr(z, "\n\n---\n\n");
    const char *b = strstr(z, "So Noi vu trien khai thuc hien.");
    CHECK("page 1 text", a != NULL);
    CHECK("page 2 text", b != NULL);
    CHECK("rule between the pages, in order", a && r && b && a < r && r < b);
    CHECK("lines kept as lines", strstr(z, "KE HOACH\nSo Tai chinh") != NULL);
    CHECK("page 2's second line", strstr(z, "thuc hien.\nUBND cap huyen bao cao ket qua.") != NULL);
    CHECK("one rule", r && strstr(r + 5, "---") == NULL);
    if (rc != VP_OK || !a || !b || !r) fprintf(stderr, "rendered: [%s]\n", z);
  }
  free(z);
  free(zErr);

  /* truncated: a third of the file, no xref, no pages */
  rc = render(zPdf, n / 3, &z, &zErr);
  CHECK("truncated PDF refused", rc == VP_EINPUT && z == NULL && zErr != NULL);
  free(z);
  free(zErr);
  free(zPdf);

  rc = render("not a PDF at all", 16, &z, &zErr);
  CHECK("not a PDF refused as damaged", rc == VP_EINPUT && zErr && strstr(zErr, "damaged PDF"));
  free(z);
  free(zErr);
}

static void test_blank_pages(void) {
  static const char *const azGap[] = {"First page text.", "", "Third page text."};
  size_t n;
  char *zPdf = make_pdf(azGap, 3, 3, &n);
  char *z, *zErr;
  int rc = render(zPdf, n, &z, &zErr);
  CHECK("page without text passed over",
        rc == VP_OK && z && strcmp(z, "First page text.\n\n---\n\nThird page text.\n") == 0);
  if (z && rc == VP_OK && strcmp(z, "First page text.\n\n---\n\nThird page text.\n") != 0)
    fprintf(stderr, "rendered: [%s]\n", z);
  free(z);
  free(zErr);
  free(zPdf);

  static const char *const azNone[] = {""};
  zPdf = make_pdf(azNone, 1, 2, &n);
  rc = render(zPdf, n, &z, &zErr);
  /* with OCR built, OCR finds nothing on the blank pages; without it, a scan */
  CHECK("no text on any page: refused",
        rc == VP_EINPUT && zErr && strncmp(zErr, "no text", 7) == 0);
  if (zErr) printf("no text: %s\n", zErr);
  free(z);
  free(zErr);
  free(zPdf);
}

static void test_page_limit(void) {
  static const char *const azOne[] = {"x"};
  size_t n;
  char *zPdf = make_pdf(azOne, 1, 2001, &n);
  char *z, *zErr;
  int rc = render(zPdf, n, &z, &zErr);
  CHECK("2,001 pages refused",
        rc == VP_EINPUT && zErr && strcmp(zErr, "PDF of 2001 pages (over the 2,000-page limit)") == 0);
  if (zErr && rc == VP_EINPUT && !strstr(zErr, "2001")) fprintf(stderr, "error: %s\n", zErr);
  free(z);
  free(zErr);
  free(zPdf);
}

static void test_encrypted(void) {
  if (system("command -v qpdf >/dev/null 2>&1") != 0) {
    printf("skipped: encrypted PDF (qpdf is not installed)\n");
    return;
  }
  size_t n;
  char *zPdf = make_pdf(azTwo, 2, 2, &n);
  if (system("mkdir -p tests/tmp") != 0) return;
  FILE *f = fopen("tests/tmp/pdf-plain.pdf", "wb");
  CHECK("write the plain PDF", f != NULL);
  if (f == NULL) {
    free(zPdf);
    return;
  }
  fwrite(zPdf, 1, n, f);
  fclose(f);
  free(zPdf);
  int st = system("qpdf --encrypt secretuser secretowner 256 -- tests/tmp/pdf-plain.pdf "
                  "tests/tmp/pdf-enc.pdf");
  CHECK("qpdf encrypts", st == 0);
  f = fopen("tests/tmp/pdf-enc.pdf", "rb");
  if (f == NULL) return;
  char *zEnc = malloc(1 << 20);
  size_t nEnc = fread(zEnc, 1, 1 << 20, f);
  fclose(f);
  char *z, *zErr;
  int rc = render(zEnc, nEnc, &z, &zErr);
  CHECK("encrypted PDF refused", rc == VP_EINPUT && zErr && strcmp(zErr, "encrypted PDF") == 0);
  if (zErr && strcmp(zErr, "encrypted PDF") != 0) fprintf(stderr, "error: %s\n", zErr);
  free(z);
  free(zErr);
  free(zEnc);
}

/* A PDF of nPage pages, page i drawn by its content stream azContent[i]
** (F1 Helvetica, F2 Helvetica-Bold). */
static char *make_raw_pdf_pages(const char *const *azContent, int nPage, size_t *pn) {
  vp_buf b;
  memset(&b, 0, sizeof b);
  int rc = VP_OK;
  int nObj = 4 + 2 * nPage; /* catalog, pages, F1, F2, then the pages, then their contents */
  size_t *aOff = calloc((size_t)nObj + 1, sizeof *aOff);
  vp_buf_appends(&b, "%PDF-1.4\n", &rc);
  aOff[1] = b.n;
  vp_buf_appends(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", &rc);
  aOff[2] = b.n;
  vp_buf_appendf(&b, &rc, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", nPage);
  for (int i = 0; i < nPage; i++) vp_buf_appendf(&b, &rc, " %d 0 R", 5 + i);
  vp_buf_appends(&b, " ] >>\nendobj\n", &rc);
  aOff[3] = b.n;
  vp_buf_appends(&b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", &rc);
  aOff[4] = b.n;
  vp_buf_appends(&b, "4 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>\nendobj\n", &rc);
  for (int i = 0; i < nPage; i++) {
    aOff[5 + i] = b.n;
    vp_buf_appendf(&b, &rc, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                   "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>\nendobj\n",
                   5 + i, 5 + nPage + i);
  }
  for (int i = 0; i < nPage; i++) {
    aOff[5 + nPage + i] = b.n;
    vp_buf_appendf(&b, &rc, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", 5 + nPage + i,
                   strlen(azContent[i]), azContent[i]);
  }
  size_t nXref = b.n;
  vp_buf_appendf(&b, &rc, "xref\n0 %d\n0000000000 65535 f \n", nObj + 1);
  for (int i = 1; i <= nObj; i++) vp_buf_appendf(&b, &rc, "%010zu 00000 n \n", aOff[i]);
  vp_buf_appendf(&b, &rc, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nObj + 1, nXref);
  free(aOff);
  *pn = b.n;
  return vp_buf_take(&b);
}

/* A one-page PDF drawn by zContent. */
static char *make_raw_pdf(const char *zContent, size_t *pn) {
  return make_raw_pdf_pages(&zContent, 1, pn);
}

/* A task table a page break cuts, the second page's part finding one column
** more (a cell's text past the last column): its rows go on with the table
** before the page rule, not a new table whose first row is its head. */
static void test_table_across_pages(void) {
  static const char zPage1[] =
      "BT /F1 10 Tf 72 720 Td (PHU LUC nhiem vu) Tj ET\n"
      "BT /F1 10 Tf 72 690 Td (STT) Tj ET BT /F1 10 Tf 110 690 Td (Noi dung nhiem vu) Tj ET\n"
      "BT /F1 10 Tf 300 690 Td (Co quan chu tri) Tj ET BT /F1 10 Tf 430 690 Td (Co quan phoi hop) Tj ET\n"
      "BT /F1 10 Tf 72 672 Td (1) Tj ET BT /F1 10 Tf 110 672 Td (Xay dung co so du lieu) Tj ET\n"
      "BT /F1 10 Tf 300 672 Td (So Tai chinh) Tj ET BT /F1 10 Tf 430 672 Td (So Noi vu) Tj ET\n"
      "BT /F1 10 Tf 72 654 Td (2) Tj ET BT /F1 10 Tf 110 654 Td (Nang cap cong dich vu) Tj ET\n"
      "BT /F1 10 Tf 300 654 Td (So Xay dung) Tj ET BT /F1 10 Tf 430 654 Td (Cac so, nganh) Tj ET\n";
  static const char zPage2[] =
      "BT /F1 10 Tf 72 720 Td (3) Tj ET BT /F1 10 Tf 110 720 Td (Quy che truc ban) Tj ET\n"
      "BT /F1 10 Tf 300 720 Td (So Y te) Tj ET BT /F1 10 Tf 430 720 Td (Cac so) Tj ET\n"
      "BT /F1 10 Tf 530 720 Td (Ghi chu) Tj ET\n"
      "BT /F1 10 Tf 72 702 Td (4) Tj ET BT /F1 10 Tf 110 702 Td (Dien tap phong thu) Tj ET\n"
      "BT /F1 10 Tf 300 702 Td (Cong an tinh) Tj ET BT /F1 10 Tf 430 702 Td (So Noi vu) Tj ET\n"
      "BT /F1 10 Tf 72 684 Td (5) Tj ET BT /F1 10 Tf 110 684 Td (Bao cao ket qua) Tj ET\n"
      "BT /F1 10 Tf 300 684 Td (So Tu phap) Tj ET BT /F1 10 Tf 430 684 Td (Cac so) Tj ET\n";
  size_t n;
  const char *const azPage[2] = {zPage1, zPage2};
  char *zPdf = make_raw_pdf_pages(azPage, 2, &n);
  char *z, *zErr;
  int rc = render(zPdf, n, &z, &zErr);
  CHECK("table across pages: renders", rc == VP_OK && z != NULL);
  if (z) {
    const char *r3 = strstr(z, "| 3 | Quy che truc ban | So Y te | Cac so |");
    const char *rule = strstr(z, "\n---\n");
    CHECK("the next page's rows go on with the table, before the rule", r3 && (!rule || r3 < rule));
    CHECK("no head separator under the next page's first row",
          r3 && strncmp(r3 + strcspn(r3, "\n") + 1, "|---", 4) != 0);
    if (!r3 || (rule && r3 > rule)) fprintf(stderr, "rendered: [%s]\n", z);
  }
  free(z);
  free(zErr);
  free(zPdf);
}

/* A task table laid out by position (no rules, cells wrapped over lines,
** written column by column as a word processor may): rebuilt as pipe rows
** with one row per number, a wrapped cell joined; text around it kept. */
static void test_table(void) {
  vp_buf c;
  memset(&c, 0, sizeof c);
  int rc = VP_OK;
  static const struct {
    double x, y;
    const char *z;
  } aCell[] = {
      {72, 720, "KE HOACH trien khai nam 2026"},
      {72, 690, "STT"}, {110, 690, "Noi dung nhiem vu"}, {300, 690, "Co quan chu tri"},
      {430, 690, "Co quan phoi hop"},
      {72, 672, "1"}, {110, 672, "Xay dung co so du lieu"}, {110, 660, "dat dai cua tinh"},
      {300, 672, "So Tai chinh"}, {430, 672, "So Noi vu"},
      {72, 642, "2"}, {110, 642, "Nang cap cong dich vu cong"}, {300, 642, "Van phong UBND tinh"},
      {430, 642, "Cac so, nganh"},
      {72, 600, "Tren day la Ke hoach cua Uy ban nhan dan tinh."},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCell); i++)
    vp_buf_appendf(&c, &rc, "BT /F1 10 Tf %.0f %.0f Td (%s) Tj ET\n", aCell[i].x, aCell[i].y, aCell[i].z);
  size_t n;
  char *zPdf = make_raw_pdf(c.z, &n);
  vp_buf_free(&c);
  char *z, *zErr;
  rc = render(zPdf, n, &z, &zErr);
  CHECK("table page renders", rc == VP_OK && z != NULL);
  if (z) {
    CHECK("header row", strstr(z, "| STT | Noi dung nhiem vu | Co quan chu tri | Co quan phoi hop |\n|---|---|---|---|\n"));
    CHECK("row 1, its wrapped cell joined",
          strstr(z, "| 1 | Xay dung co so du lieu dat dai cua tinh | So Tai chinh | So Noi vu |\n"));
    CHECK("row 2", strstr(z, "| 2 | Nang cap cong dich vu cong | Van phong UBND tinh | Cac so, nganh |\n"));
    CHECK("text before and after kept", strstr(z, "KE HOACH trien khai nam 2026\n") &&
                                            strstr(z, "Tren day la Ke hoach cua Uy ban nhan dan tinh."));
    printf("table page:\n%s\n", z);
  }
  free(z);
  free(zErr);
  free(zPdf);
}

/* A ruled task table (cell borders drawn) whose group row "I. …" spans
** all columns, so no word gutter runs through the table: its rules cut it,
** the group row's text in the first column, the others empty. */
static void test_ruled_table(void) {
  vp_buf c;
  memset(&c, 0, sizeof c);
  int rc = VP_OK;
  static const struct {
    double x, y;
    const char *z;
  } aCell[] = {
      {72, 730, "PHU LUC"},
      {73, 688, "STT"}, {108, 688, "Noi dung nhiem vu"}, {293, 688, "Co quan chu tri"},
      {423, 688, "Co quan phoi hop"},
      {73, 668, "I. NHIEM VU CHUNG: XAY DUNG VA HOAN THIEN THE CHE CUA TINH NAM 2026"},
      {73, 650, "1"}, {108, 650, "Xay dung co so du lieu"}, {108, 640, "dat dai cua tinh"},
      {293, 650, "So Tai chinh"}, {423, 650, "So Noi vu"},
      {73, 622, "2"}, {108, 622, "Nang cap cong dich vu cong"}, {293, 622, "Van phong UBND tinh"},
      {423, 622, "Cac so, nganh"},
      {72, 590, "Tren day la Ke hoach cua Uy ban nhan dan tinh."},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCell); i++)
    vp_buf_appendf(&c, &rc, "BT /F1 10 Tf %.0f %.0f Td (%s) Tj ET\n", aCell[i].x, aCell[i].y, aCell[i].z);
  /* the rules: rows at 700 680 662 636 616; columns 70 and 540 all the
  ** way, 105 290 420 except across the group row (662..680) */
  vp_buf_appends(&c, "0.5 w\n", &rc);
  static const double aY[] = {700, 680, 662, 636, 616};
  for (int i = 0; i < VP_ARRAY_SIZE(aY); i++) vp_buf_appendf(&c, &rc, "70 %.0f m 540 %.0f l S\n", aY[i], aY[i]);
  vp_buf_appends(&c, "70 700 m 70 616 l S 540 700 m 540 616 l S\n", &rc);
  static const double aX[] = {105, 290, 420};
  for (int i = 0; i < VP_ARRAY_SIZE(aX); i++)
    vp_buf_appendf(&c, &rc, "%.0f 700 m %.0f 680 l S %.0f 662 m %.0f 616 l S\n", aX[i], aX[i], aX[i], aX[i]);
  size_t n;
  char *zPdf = make_raw_pdf(c.z, &n);
  vp_buf_free(&c);
  char *z, *zErr;
  rc = render(zPdf, n, &z, &zErr);
  CHECK("ruled table page renders", rc == VP_OK && z != NULL);
  if (z) {
    CHECK("ruled: header row, four columns",
          strstr(z, "| STT | Noi dung nhiem vu | Co quan chu tri | Co quan phoi hop |\n|---|---|---|---|\n"));
    CHECK("ruled: the group row in its first column",
          strstr(z, "| I. NHIEM VU CHUNG: XAY DUNG VA HOAN THIEN THE CHE CUA TINH NAM 2026 |  |  |  |\n"));
    CHECK("ruled: row 1, its wrapped cell joined",
          strstr(z, "| 1 | Xay dung co so du lieu dat dai cua tinh | So Tai chinh | So Noi vu |\n"));
    CHECK("ruled: row 2", strstr(z, "| 2 | Nang cap cong dich vu cong | Van phong UBND tinh | Cac so, nganh |\n"));
    CHECK("ruled: text around kept", strstr(z, "PHU LUC\n") &&
                                         strstr(z, "Tren day la Ke hoach cua Uy ban nhan dan tinh."));
    printf("ruled table page:\n%s\n", z);
  }
  free(z);
  free(zErr);
  free(zPdf);
}

/* List labels set in a column of their own (hanging indents): LibreOffice's
** PDF of a numbered list with nested bullets (tests/data/formats/
** label-column.pdf, from label-column.md by pandoc and LibreOffice), which
** poppler reads with the label column as a block ("1." / "2." / "Giao Sở
** …"); each label goes back before the line on its baseline. */
static void test_label_column(void) {
  FILE *f = fopen("tests/data/formats/label-column.pdf", "rb");
  CHECK("label column: fixture opens", f != NULL);
  if (f == NULL) return;
  char *zPdf = malloc(1 << 16);
  size_t n = zPdf ? fread(zPdf, 1, 1 << 16, f) : 0;
  fclose(f);
  char *z = NULL, *zErr = NULL;
  int rc = n > 0 ? render(zPdf, n, &z, &zErr) : -1;
  CHECK("label column: renders", rc == VP_OK && z != NULL);
  if (z) {
    CHECK("the first number before its item", strstr(z, "\n1. Giao Sở Nông nghiệp") != NULL);
    CHECK("the second number before its item", strstr(z, "\n2. Sở Tài chính chủ trì") != NULL);
    CHECK("the bullets before their items", strstr(z, "Điều phối chung") &&
                                                 strstr(z, "Điều phối chung") - z >= 3 &&
                                                 strstr(z, "Chủ trì, phối hợp với các cơ quan, đơn vị"));
    CHECK("no number left alone", strstr(z, "\n1.\n") == NULL && strstr(z, "\n2.\n") == NULL);
    if (!strstr(z, "1. Giao")) fprintf(stderr, "rendered: [%s]\n", z);
  }
  free(z);
  free(zErr);
  free(zPdf);
}

/* A page's lines as a word processor sets them: a header block's two cells
** on one baseline are two lines; text in bold (F2, Helvetica-Bold) is
** marked "**…**" across the lines a heading wraps over, a numbered line
** opening a bold paragraph of its own, a bold label closed where the plain
** text after it starts. */
static void test_columns_and_bold(void) {
  static const char zContent[] =
      "BT /F1 12 Tf 72 720 Td (So: 172/KH-UBND) Tj ET\n"
      "BT /F1 12 Tf 300 720 Td (Ho Chi Minh, ngay 18 thang 11 nam 2025) Tj ET\n"
      "BT /F2 12 Tf 72 680 Td (3. De nghi Uy ban Mat tran) Tj ET\n"
      "BT /F2 12 Tf 72 666 Td (To quoc Viet Nam thanh pho) Tj ET\n"
      "BT /F1 12 Tf 72 652 Td (- Trong pham vi chuc nang, tham gia thuc hien.) Tj ET\n"
      "BT /F2 12 Tf 72 620 Td (IV. PHAN CONG NHIEM VU) Tj ET\n"
      "BT /F2 12 Tf 72 606 Td (1. Cong an thanh pho) Tj ET\n"
      "BT /F2 12 Tf 72 580 Td (2. So Tai chinh:) Tj /F1 12 Tf ( Chu tri thuc hien.) Tj ET\n";
  size_t n;
  char *zPdf = make_raw_pdf(zContent, &n);
  char *z, *zErr;
  int rc = render(zPdf, n, &z, &zErr);
  CHECK("columns and bold: renders", rc == VP_OK && z != NULL);
  if (z) {
    CHECK("two cells on one baseline: two lines",
          strstr(z, "So: 172/KH-UBND\nHo Chi Minh, ngay 18 thang 11 nam 2025\n") != NULL);
    CHECK("a bold heading over two lines: one bold run",
          strstr(z, "**3. De nghi Uy ban Mat tran\nTo quoc Viet Nam thanh pho**\n- Trong pham vi") != NULL);
    CHECK("a numbered bold line opens its own run",
          strstr(z, "**IV. PHAN CONG NHIEM VU**\n**1. Cong an thanh pho**\n") != NULL);
    CHECK("a bold label closed before the plain text",
          strstr(z, "**2. So Tai chinh:** Chu tri thuc hien.") != NULL);
    if (rc != VP_OK || !strstr(z, "**3. De nghi")) fprintf(stderr, "rendered: [%s]\n", z);
  }
  free(z);
  free(zErr);
  free(zPdf);
}

/* A roman section number OCR read with an L: put right at a heading's
** start only. */
static void test_roman_heads(void) {
  static const struct {
    const char *zIn, *zWant;
  } a[] = {
      {"IL NHIỆM VỤ VÀ GIẢI PHÁP\n", "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"},
      {"## **L. MỤC ĐÍCH, YÊU CẦU**\nnext", "## **I. MỤC ĐÍCH, YÊU CẦU**\nnext"},
      {"VL ĐIỀU KHOẢN\n", "VI. ĐIỀU KHOẢN\n"},
      {"Lời nói đầu\n", "Lời nói đầu\n"},          /* a word, not a numeral */
      {"IL nhiệm vụ\n", "IL nhiệm vụ\n"},          /* no heading after it */
      {"XX. TỔNG KẾT\n", "XX. TỔNG KẾT\n"},        /* a numeral, no L */
      {"II. NHIỆM VỤ\nLL\n", "II. NHIỆM VỤ\nLL\n"}, /* right already; LL alone */
      {"văn bản IL NHIỆM\n", "văn bản IL NHIỆM\n"},  /* not at a line's start */
  };
  for (int i = 0; i < VP_ARRAY_SIZE(a); i++) {
    char *z = vp_ocr_fix_roman_heads(a[i].zIn);
    CHECK(a[i].zIn, z && strcmp(z, a[i].zWant) == 0);
    if (z && strcmp(z, a[i].zWant) != 0) fprintf(stderr, "got: %s\n", z);
    free(z);
  }
}

int main(void) {
  test_table();
  test_ruled_table();
  test_columns_and_bold();
  test_label_column();
  test_table_across_pages();
  test_roman_heads();
  test_two_pages();
  test_blank_pages();
  test_page_limit();
  test_encrypted();
  return vp_test_done();
}
