/*
** test_format_docx.c — unit tests of the DOCX renderer (format_docx.c):
** small DOCX files built here with libzip (a header layout table, headings,
** a paragraph, a 4-column task table with merged cells, a footnote) render
** to the expected text, and vp_reader_parse reads a table head with column
** roles and its rows; hostile files are refused with VP_EINPUT: truncated
** zip bytes, a zip without word/document.xml, a document.xml over 64 MB
** uncompressed (65 MB of zeros, deflated), malformed XML, and an XML with an
** entity declaration ("billion laughs"); list labels from numbering.xml.
*/
#include "vp_common.h"
#include "vp_format.h"
#include "vp_reader.h"
#include "vp_test.h"
#include "vp_test_reader.h"
#include "vp_test_zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char *zTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

/* A zip in memory of up to two named parts (a NULL name: left out; a
** length 0: strlen). Caller frees. */
static char *make_zip(size_t *pn, const char *zName1, const char *z1, size_t n1,
                      const char *zName2, const char *z2, size_t n2) {
  const char *azName[2] = {zName1, zName2}, *azData[2] = {z1, z2};
  size_t anData[2] = {n1, n2};
  return vp_test_zip(pn, 2, azName, azData, anData);
}

/* A DOCX of [Content_Types].xml and word/document.xml with body zBody. */
static char *make_docx(const char *zBody, size_t *pn) {
  char *zDoc = vp_mprintf("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                          "<w:document " W_NS "><w:body>%s<w:sectPr/></w:body></w:document>",
                          zBody);
  char *z = make_zip(pn, "[Content_Types].xml", zTypes, 0, "word/document.xml", zDoc, 0);
  free(zDoc);
  return z;
}

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define PB(t) "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc>" P(t) "</w:tc>"

static const char *zPlan =
    /* header layout table */
    "<w:tbl><w:tr>" TC("ỦY BAN NHÂN DÂN TỈNH BẮC NINH") TC("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    "</w:tr><w:tr>" TC("Số: 125/KH-UBND") TC("Bắc Ninh, ngày 20 tháng 11 năm 2025") "</w:tr></w:tbl>"
    "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
    PB("Triển khai chuyển đổi số năm 2026")
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>I. MỤC ĐÍCH, YÊU CẦU</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
    "<w:r><w:t xml:space=\"preserve\">Nâng cao hiệu quả</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
    "<w:t xml:space=\"preserve\"> quản lý</w:t></w:r><w:r><w:tab/><w:t>nhà nước.</w:t></w:r>"
    "<w:r><w:br/><w:t>Dòng hai.</w:t></w:r></w:p>"
    "<w:p/>"
    "<w:tbl><w:tr>" TC("STT") TC("Nội dung") TC("Cơ quan chủ trì") TC("Cơ quan phối hợp") "</w:tr>"
    "<w:tr>" TC("1") TC("Xây dựng cơ sở dữ liệu đất đai") TC("Sở Nông nghiệp và Môi trường")
    TC("Sở Tài chính") "</w:tr>"
    "<w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" P("2") "</w:tc>"
    "<w:tc>" P("Nâng cấp cổng dịch vụ công") P("trực tuyến") "</w:tc>"
    "<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" P("Văn phòng UBND tỉnh") "</w:tc></w:tr>"
    "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" P("") "</w:tc>" TC("Đào tạo | bồi dưỡng cán bộ")
    TC("Sở Nội vụ") TC("Các sở, ngành") "</w:tr>"
    "</w:tbl>"
    P("Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.");

static const char *zPlanText =
    /* a layout table (two rows of two cells) in the portal's form */
    "|\nỦY BAN NHÂN DÂN TỈNH BẮC NINH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
    "|\nSố: 125/KH-UBND\n|\nBắc Ninh, ngày 20 tháng 11 năm 2025\n|\n"
    "\n"
    "**KẾ HOẠCH**\n\n"
    "**Triển khai chuyển đổi số năm 2026**\n\n"
    "**I. MỤC ĐÍCH, YÊU CẦU**\n\n"
    "Nâng cao hiệu quả quản lý nhà nước.\nDòng hai.\n\n"
    "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n"
    "|---|---|---|---|\n"
    "| 1 | Xây dựng cơ sở dữ liệu đất đai | Sở Nông nghiệp và Môi trường | Sở Tài chính |\n"
    "| 2 | Nâng cấp cổng dịch vụ công trực tuyến | Văn phòng UBND tỉnh |  |\n"
    "|  | Đào tạo / bồi dưỡng cán bộ | Sở Nội vụ | Các sở, ngành |\n"
    "\n"
    "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.\n\n";

static void test_render(void) {
  size_t n = 0, nOut = 0;
  char *z = make_docx(zPlan, &n), *zOut = NULL, *zErr = NULL;
  CHECK("docx built", z != NULL);
  int rc = vp_format_render("plan.docx", z, n, &zOut, &nOut, &zErr);
  CHECK("renders", rc == VP_OK && zOut != NULL);
  if (zOut && strcmp(zOut, zPlanText) != 0) fprintf(stderr, "got:\n%s\n", zOut);
  CHECK("exact text", zOut && strcmp(zOut, zPlanText) == 0);
  CHECK("length", zOut && nOut == strlen(zOut));

  vp_text *pText = NULL;
  if (zOut && vp_reader_parse(zOut, nOut, &pText, &zErr) == VP_OK) {
    int iHead = -1, nRow = task_table(pText, 4, &iHead);
    if (iHead >= 0) {
      vp_passage *p = &pText->aPassage[iHead];
      CHECK("role STT", p->aeColRole[0] == VP_COL_NUMBER);
      CHECK("role content", p->aeColRole[1] == VP_COL_CONTENT);
      CHECK("role lead", p->aeColRole[2] == VP_COL_LEAD);
      CHECK("role support", p->aeColRole[3] == VP_COL_SUPPORT);
    }
    CHECK("task table head found", iHead >= 0);
    CHECK("header block read from the layout table: issuer",
          pText->header.zIssuer && strcmp(pText->header.zIssuer, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH") == 0);
    CHECK("header block: number and place-date",
          pText->header.zNumber && strstr(pText->header.zNumber, "125/KH-UBND") &&
              pText->header.zPlaceDate && strstr(pText->header.zPlaceDate, "Bắc Ninh, ngày 20"));
    CHECK("three task rows", nRow == 3);
    vp_reader_free(pText);
  } else {
    CHECK("reader parses the rendering", 0);
  }
  free(zOut);
  free(zErr);
  free(z);
}

static void test_footnotes(void) {
  const char *zDoc = "<?xml version=\"1.0\"?><w:document " W_NS "><w:body>" P("Văn bản.")
                     "</w:body></w:document>";
  const char *zNotes = "<?xml version=\"1.0\"?><w:footnotes " W_NS ">"
                       "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/>"
                       "</w:r></w:p></w:footnote>"
                       "<w:footnote w:id=\"1\">" P("Theo Nghị quyết số 57-NQ/TW.") "</w:footnote>"
                       "</w:footnotes>";
  size_t n = 0, nOut = 0;
  char *z = make_zip(&n, "word/document.xml", zDoc, 0, "word/footnotes.xml", zNotes, 0);
  char *zOut = NULL, *zErr = NULL;
  int rc = vp_format_docx_render(z, n, &zOut, &nOut, &zErr);
  CHECK("footnotes appended", rc == VP_OK && zOut &&
                                  strcmp(zOut, "Văn bản.\n\nTheo Nghị quyết số 57-NQ/TW.\n\n") == 0);
  free(zOut);
  free(zErr);
  free(z);
}

static void test_hostile(void) {
  size_t n = 0;
  char *z = make_docx(P("Một đoạn văn."), &n);
  vp_test_refused("truncated zip", "a.docx", z, n / 2, "damaged DOCX");
  vp_test_refused("empty input", "a.docx", "", 0, "DOCX");
  static const char zFake[] = "PK\x03\x04\x14\x00\x00\x00 not really a docx";
  vp_test_refused("not a zip", "a.docx", zFake, sizeof zFake - 1, "damaged DOCX");
  free(z);

  z = make_zip(&n, "[Content_Types].xml", zTypes, 0, NULL, NULL, 0);
  vp_test_refused("no word/document.xml", "a.docx", z, n, "no word/document.xml");
  free(z);

  /* 65 MB of zeros deflate to ~64 KB */
  size_t nBig = (size_t)65 << 20;
  char *zBig = calloc(1, nBig);
  z = zBig ? make_zip(&n, "word/document.xml", zBig, nBig, NULL, NULL, 0) : NULL;
  free(zBig);
  CHECK("bomb built small", z && n < ((size_t)1 << 20));
  if (z) vp_test_refused("document.xml over 64 MB", "a.docx", z, n, "limit");
  free(z);

  z = make_zip(&n, "word/document.xml", "<w:document " W_NS "><w:body><w:p>", 0, NULL, NULL, 0);
  vp_test_refused("malformed XML", "a.docx", z, n, "not well-formed");
  free(z);

  const char *zLaughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>"
      "<w:document " W_NS "><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
  z = make_zip(&n, "word/document.xml", zLaughs, 0, NULL, NULL, 0);
  vp_test_refused("entity declarations", "a.docx", z, n, "DTD");
  free(z);

  z = make_zip(&n, "word/document.xml", "<?xml version=\"1.0\"?><html><body/></html>", 0, NULL, NULL, 0);
  vp_test_refused("not a w:document", "a.docx", z, n, "w:document");
  free(z);
}

/* List labels from word/numbering.xml: decimal "%1.", lower letters "%2)"
** under it (restarted under each new number), upper roman with a start
** override, bullets as "-", and a bold numbered heading keeps its label
** inside the bold span; a numId without a definition shows nothing. */
static void test_numbering(void) {
  static const char *zNum =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W_NS ">"
      "<w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>"
      "</w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperRoman\"/>"
      "<w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/>"
      "<w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\">"
      "<w:startOverride w:val=\"2\"/></w:lvlOverride></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
      "</w:numbering>";
#define NP(id, lvl, t) \
  "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" id "\"/></w:numPr></w:pPr>" \
  "<w:r><w:t>" t "</w:t></w:r></w:p>"
  const char *zBody =
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>NHIỆM VỤ</w:t></w:r></w:p>"
      NP("1", "0", "Mục đích") NP("1", "1", "Sở Tài chính chủ trì") NP("1", "1", "Sở Nội vụ phối hợp")
      NP("1", "0", "Yêu cầu") NP("1", "1", "Bảo đảm tiến độ") NP("3", "0", "Một gạch đầu dòng")
      NP("9", "0", "Không có định nghĩa");
  char *zDoc = vp_mprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS
                          "><w:body>%s</w:body></w:document>", zBody);
  size_t n = 0;
  char *z = make_zip(&n, "word/numbering.xml", zNum, 0, "word/document.xml", zDoc, 0);
  free(zDoc);
  char *zOut = NULL, *zErr = NULL;
  size_t nOut = 0;
  int rc = z ? vp_format_docx_render(z, n, &zOut, &nOut, &zErr) : VP_ENOMEM;
  static const char *zWant =
      "**II. NHIỆM VỤ**\n\n1. Mục đích\n\na) Sở Tài chính chủ trì\n\nb) Sở Nội vụ phối hợp\n\n"
      "2. Yêu cầu\n\na) Bảo đảm tiến độ\n\n- Một gạch đầu dòng\n\nKhông có định nghĩa\n\n";
  CHECK("numbered paragraphs get Word's labels", rc == VP_OK && zOut && strcmp(zOut, zWant) == 0);
  if (zOut && strcmp(zOut, zWant) != 0) fprintf(stderr, "rendered: [%s]\n", zOut);
  if (zErr) fprintf(stderr, "error: %s\n", zErr);
  free(zOut);
  free(zErr);
  free(z);
#undef NP
}

/* A run set in "All Caps" (w:caps) reads as Word shows it: the kind
** heading a plan stores as "Kế hoạch" is "KẾ HOẠCH". */
static void test_all_caps(void) {
  size_t n = 0, nOut = 0;
  char *z = make_docx("<w:p><w:r><w:rPr><w:b/><w:caps/></w:rPr><w:t>Kế hoạch</w:t></w:r></w:p>"
                      "<w:p><w:r><w:rPr><w:caps w:val=\"0\"/></w:rPr><w:t>Thực hiện đề án</w:t></w:r>"
                      "<w:r><w:rPr><w:caps/></w:rPr><w:t xml:space=\"preserve\"> đường ư ơ đ</w:t></w:r></w:p>",
                      &n);
  char *zOut = NULL, *zErr = NULL;
  int rc = z ? vp_format_render("caps.docx", z, n, &zOut, &nOut, &zErr) : VP_ENOMEM;
  static const char *zWant = "**KẾ HOẠCH**\n\nThực hiện đề án ĐƯỜNG Ư Ơ Đ\n\n";
  CHECK("all caps runs in capitals, others as stored", rc == VP_OK && zOut && strcmp(zOut, zWant) == 0);
  if (zOut && strcmp(zOut, zWant) != 0) fprintf(stderr, "rendered: [%s]\n", zOut);
  free(zOut);
  free(zErr);
  free(z);
}

int main(void) {
  test_numbering();
  test_all_caps();
  test_render();
  test_footnotes();
  test_hostile();
  return vp_test_done();
}
