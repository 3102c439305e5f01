/*
** test_format_odt.c — unit tests of the ODT renderer (format_odt.c,
** odt_style.c): small ODT files built here with libzip render to the
** expected text — a header layout table, an outline-numbered heading, a
** paragraph bold through its style and one through a text style's parent,
** capitals by text-transform, list labels (decimal, letters under it
** restarted per item, a list continued by text:continue-numbering and by
** text:continue-list, a list header without a number, LibreOffice's whole
** format "%1%.%2%.", a table inside a list item), text:s, text:tab,
** text:line-break, a 4-column task
** table with a spanned and a covered cell, a footnote at the end, a table
** of contents and a tracked deletion left out — and vp_reader_parse reads
** the table head with its column roles; a flat .fodt renders the same;
** hostile or foreign files are refused with VP_EINPUT and a reason: a
** truncated zip, not a zip, no content.xml, an encrypted package, a
** spreadsheet, malformed XML, an entity declaration, a part over 64 MB.
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

#define NS                                                                   \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "      \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "        \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "          \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "        \
  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" " \
  "xmlns:loext=\"urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0\" " \
  "xmlns:xml=\"http://www.w3.org/XML/1998/namespace\""

static const char *zMime = "application/vnd.oasis.opendocument.text";

/* styles.xml: a named bold text style, the heading style, the outline
** style (level 1 upper roman "I.", level 2 "1.2."). */
static const char *zStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles " NS "><office:styles>"
    "<style:style style:name=\"Strong_20_Emphasis\" style:family=\"text\">"
    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\"/>"
    "<text:outline-style style:name=\"Outline\">"
    "<text:outline-level-style text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"
    "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\" "
    "text:display-levels=\"2\"/></text:outline-style>"
    "</office:styles></office:document-styles>";

#define AUTO_STYLES                                                                        \
  "<office:automatic-styles>"                                                              \
  "<style:style style:name=\"P1\" style:family=\"paragraph\">"                            \
  "<style:text-properties fo:font-weight=\"bold\"/></style:style>"                         \
  "<style:style style:name=\"T1\" style:family=\"text\" style:parent-style-name=\"Strong_20_Emphasis\"/>" \
  "<style:style style:name=\"T2\" style:family=\"text\">"                                  \
  "<style:text-properties fo:text-transform=\"uppercase\"/></style:style>"                 \
  "<text:list-style style:name=\"L1\">"                                                    \
  "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" style:num-suffix=\".\"/>" \
  "<text:list-level-style-number text:level=\"2\" style:num-format=\"a\" style:num-suffix=\")\"/>" \
  "</text:list-style>"                                                                     \
  "<text:list-style style:name=\"L2\">"                                                    \
  "<text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"/></text:list-style>" \
  "<text:list-style style:name=\"L3\">"                                                    \
  "<text:list-level-style-number text:level=\"1\" style:num-format=\"1\" loext:num-list-format=\"%1%.\"/>" \
  "<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" loext:num-list-format=\"%1%.%2%.\"/>" \
  "</text:list-style>"                                                                     \
  "</office:automatic-styles>"

#define P(t) "<text:p>" t "</text:p>"
#define TC(t) "<table:table-cell>" P(t) "</table:table-cell>"
#define LI(t) "<text:list-item>" P(t) "</text:list-item>"

#define BODY                                                                                       \
  "<office:body><office:text>"                                                                     \
  "<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"          \
  "<table:table><table:table-column/><table:table-row>" TC("ỦY BAN NHÂN DÂN TỈNH BẮC NINH")       \
  TC("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") "</table:table-row><table:table-row>"                  \
  TC("Số: 125/KH-UBND") TC("Bắc Ninh, ngày 20 tháng 11 năm 2025") "</table:table-row></table:table>" \
  "<text:table-of-content><text:index-body>" P("I. MỤC ĐÍCH 1") "</text:index-body></text:table-of-content>" \
  "<text:p text:style-name=\"P1\">KẾ HOẠCH</text:p>"                                             \
  "<text:p><text:span text:style-name=\"T1\">Triển khai chuyển đổi số</text:span></text:p>"       \
  "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">MỤC ĐÍCH</text:h>"          \
  "<text:h text:outline-level=\"2\">Yêu cầu</text:h>"                                              \
  "<text:p>Nâng   cao<text:s text:c=\"2\"/>hiệu quả<text:tab/>quản lý"                            \
  "<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"              \
  "<text:note-body>" P("Theo Nghị quyết số 57-NQ/TW.") "</text:note-body></text:note>"            \
  "<text:line-break/>Dòng hai <text:span text:style-name=\"T2\">đường ư</text:span>.</text:p>"   \
  "<text:tracked-changes><text:changed-region><text:deletion>" P("Đã xóa") "</text:deletion>"     \
  "</text:changed-region></text:tracked-changes>"                                                  \
  "<text:list text:style-name=\"L1\" xml:id=\"list1\">"                                            \
  "<text:list-header>" P("Các nhiệm vụ:") "</text:list-header>"                                    \
  "<text:list-item>" P("Mục đích") "<text:list>" LI("Sở Tài chính chủ trì") LI("Sở Nội vụ phối hợp") \
  "</text:list></text:list-item>"                                                                  \
  "<text:list-item>" P("Yêu cầu") P("Một đoạn nữa của mục") "<text:list>" LI("Bảo đảm tiến độ")   \
  "</text:list></text:list-item></text:list>"                                                      \
  P("Giữa hai danh sách")                                                                         \
  "<text:list text:style-name=\"L1\" text:continue-numbering=\"true\">" LI("Tiếp theo") "</text:list>" \
  "<text:list text:style-name=\"L1\" text:continue-list=\"list1\">" LI("Tiếp nữa") "</text:list>" \
  "<text:list text:style-name=\"L1\">" "<text:list-item text:start-value=\"7\">" P("Bảy")          \
  "</text:list-item></text:list>"                                                                  \
  "<text:list text:style-name=\"L2\">" LI("Một gạch đầu dòng") "<text:list-item>" P("Bảng trong mục:")   \
  "<table:table><table:table-row>" TC("Nội dung") TC("Chủ trì") TC("Phối hợp") "</table:table-row>"        \
  "<table:table-row>" TC("Rà soát") TC("Sở Tư pháp") TC("Sở Nội vụ") "</table:table-row></table:table>"    \
  "</text:list-item></text:list>"                                                                  \
  "<text:list text:style-name=\"L3\">" "<text:list-item>" P("Chương") "<text:list>" LI("Mục con") \
  "</text:list></text:list-item></text:list>"                                                      \
  "<table:table><table:table-header-rows><table:table-row>" TC("STT") TC("Nội dung")              \
  TC("Cơ quan chủ trì") TC("Cơ quan phối hợp") "</table:table-row></table:table-header-rows>"     \
  "<table:table-row>" TC("1") TC("Xây dựng cơ sở dữ liệu đất đai") TC("Sở Nông nghiệp và Môi trường") \
  TC("Sở Tài chính") "</table:table-row>"                                                         \
  "<table:table-row><table:table-cell table:number-rows-spanned=\"2\">" P("2") "</table:table-cell>" \
  "<table:table-cell>" P("Nâng cấp cổng dịch vụ công") P("trực tuyến") "</table:table-cell>"     \
  "<table:table-cell table:number-columns-spanned=\"2\">" P("Văn phòng UBND tỉnh")               \
  "</table:table-cell><table:covered-table-cell/></table:table-row>"                               \
  "<table:table-row><table:covered-table-cell/>" TC("Đào tạo | bồi dưỡng cán bộ") TC("Sở Nội vụ") \
  TC("Các sở, ngành") "</table:table-row></table:table>"                                          \
  P("Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.")                                             \
  "</office:text></office:body>"

static const char *zContent =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " NS ">" AUTO_STYLES BODY
    "</office:document-content>";

/* The same document flat (.fodt): styles and body in one XML. */
static const char *zFlat =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document " NS
    " office:mimetype=\"application/vnd.oasis.opendocument.text\"><office:styles>"
    "<style:style style:name=\"Strong_20_Emphasis\" style:family=\"text\">"
    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
    "<style:style style:name=\"Heading_20_1\" style:family=\"paragraph\"/>"
    "<text:outline-style style:name=\"Outline\">"
    "<text:outline-level-style text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>"
    "<text:outline-level-style text:level=\"2\" style:num-format=\"1\" style:num-suffix=\".\" "
    "text:display-levels=\"2\"/></text:outline-style></office:styles>" AUTO_STYLES BODY
    "</office:document>";

static const char *zWant =
    "|\nỦY BAN NHÂN DÂN TỈNH BẮC NINH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n"
    "|\nSố: 125/KH-UBND\n|\nBắc Ninh, ngày 20 tháng 11 năm 2025\n|\n"
    "\n"
    "**KẾ HOẠCH**\n\n"
    "**Triển khai chuyển đổi số**\n\n"
    "**I. MỤC ĐÍCH**\n\n"
    "**I.1. Yêu cầu**\n\n"
    "Nâng cao  hiệu quả quản lý\nDòng hai ĐƯỜNG Ư.\n\n"
    "Các nhiệm vụ:\n\n"
    "1. Mục đích\n\na) Sở Tài chính chủ trì\n\nb) Sở Nội vụ phối hợp\n\n"
    "2. Yêu cầu\n\nMột đoạn nữa của mục\n\na) Bảo đảm tiến độ\n\n"
    "Giữa hai danh sách\n\n"
    "3. Tiếp theo\n\n4. Tiếp nữa\n\n7. Bảy\n\n"
    "- Một gạch đầu dòng\n\n- Bảng trong mục:\n\n"
    "| Nội dung | Chủ trì | Phối hợp |\n|---|---|---|\n| Rà soát | Sở Tư pháp | Sở Nội vụ |\n\n"
    "1. Chương\n\n1.1. Mục con\n\n"
    "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n"
    "|---|---|---|---|\n"
    "| 1 | Xây dựng cơ sở dữ liệu đất đai | Sở Nông nghiệp và Môi trường | Sở Tài chính |\n"
    "| 2 | Nâng cấp cổng dịch vụ công trực tuyến | Văn phòng UBND tỉnh |  |\n"
    "|  | Đào tạo / bồi dưỡng cán bộ | Sở Nội vụ | Các sở, ngành |\n"
    "\n"
    "Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh.\n\n"
    "Theo Nghị quyết số 57-NQ/TW.\n\n";

/* An ODT of the parts mimetype (zMimeType; NULL: none), content.xml and
** styles.xml (NULL: none) and the manifest (NULL: none). */
static char *make_odt(size_t *pn, const char *zMimeType, const char *zC, const char *zS,
                      const char *zManifest) {
  const char *azName[4] = {zMimeType ? "mimetype" : NULL, zC ? "content.xml" : NULL,
                           zS ? "styles.xml" : NULL, zManifest ? "META-INF/manifest.xml" : NULL};
  const char *azData[4] = {zMimeType, zC, zS, zManifest};
  size_t anData[4] = {0, 0, 0, 0};
  return vp_test_zip(pn, 4, azName, azData, anData);
}

static void test_render(void) {
  size_t n = 0, nOut = 0;
  char *z = make_odt(&n, zMime, zContent, zStyles, NULL), *zOut = NULL, *zErr = NULL;
  CHECK("odt built", z != NULL);
  int rc = z ? vp_format_render("plan.odt", z, n, &zOut, &nOut, &zErr) : VP_ENOMEM;
  CHECK("renders", rc == VP_OK && zOut != NULL);
  if (zErr) fprintf(stderr, "error: %s\n", zErr);
  if (zOut && strcmp(zOut, zWant) != 0) fprintf(stderr, "got:\n%s\n", zOut);
  CHECK("exact text: labels, bold, capitals, spaces, table, footnote last", zOut && strcmp(zOut, zWant) == 0);
  CHECK("length", zOut && nOut == strlen(zOut));
  CHECK("ODT is a format with a renderer", vp_format_readable("a/b/Plan.ODT") && vp_format_readable("x.fodt"));

  vp_text *pText = NULL;
  if (zOut && vp_reader_parse(zOut, nOut, &pText, &zErr) == VP_OK) {
    int iHead = -1, nRow = task_table(pText, 4, &iHead);
    CHECK("roles lead and support", iHead >= 0 && pText->aPassage[iHead].aeColRole[2] == VP_COL_LEAD &&
                                        pText->aPassage[iHead].aeColRole[3] == VP_COL_SUPPORT);
    CHECK("task table head found", iHead >= 0);
    CHECK("three task rows", nRow == 3);
    CHECK("header block read from the layout table: number",
          pText->header.zNumber && strstr(pText->header.zNumber, "125/KH-UBND"));
    vp_reader_free(pText);
  } else {
    CHECK("reader parses the rendering", 0);
  }
  free(zOut);
  free(zErr);
  free(z);

  zOut = NULL, zErr = NULL;
  rc = vp_format_render("plan.fodt", zFlat, strlen(zFlat), &zOut, &nOut, &zErr);
  if (zOut && strcmp(zOut, zWant) != 0) fprintf(stderr, "fodt got:\n%s\n", zOut);
  CHECK("a flat .fodt renders the same text", rc == VP_OK && zOut && strcmp(zOut, zWant) == 0);
  free(zOut);
  free(zErr);
}

static void test_hostile(void) {
  size_t n = 0;
  char *z = make_odt(&n, zMime, zContent, NULL, NULL);
  vp_test_refused("truncated zip", "a.odt", z, z ? n / 2 : 0, "damaged ODT");
  free(z);
  vp_test_refused("empty input", "a.odt", "", 0, "ODT");
  static const char zFake[] = "PK\x03\x04\x14\x00\x00\x00 not really an odt";
  vp_test_refused("not a zip", "a.odt", zFake, sizeof zFake - 1, "damaged ODT");

  z = make_odt(&n, zMime, NULL, zStyles, NULL);
  vp_test_refused("no content.xml", "a.odt", z, n, "no content.xml");
  free(z);

  z = make_odt(&n, zMime, "\x8f\x1a binary ciphertext", NULL,
               "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:"
               "opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\">"
               "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>");
  vp_test_refused("encrypted package", "a.odt", z, n, "encrypted ODT");
  free(z);

  z = make_odt(&n, "application/vnd.oasis.opendocument.spreadsheet",
               "<?xml version=\"1.0\"?><office:document-content " NS "><office:body><office:spreadsheet/>"
               "</office:body></office:document-content>", NULL, NULL);
  vp_test_refused("a spreadsheet named .odt", "a.odt", z, n, "not an ODT text document");
  free(z);

  z = make_odt(&n, NULL, "<?xml version=\"1.0\"?><office:document-content " NS "><office:body>"
               "<office:spreadsheet/></office:body></office:document-content>", NULL, NULL);
  vp_test_refused("no office:text", "a.odt", z, n, "no office:body/office:text");
  free(z);

  z = make_odt(&n, zMime, "<office:document-content " NS "><office:body><office:text><text:p>", NULL, NULL);
  vp_test_refused("malformed XML", "a.odt", z, n, "not well-formed");
  free(z);

  const char *zLaughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
      "<office:document-content " NS "><office:body><office:text><text:p>&lol1;</text:p>"
      "</office:text></office:body></office:document-content>";
  z = make_odt(&n, zMime, zLaughs, NULL, NULL);
  vp_test_refused("entity declarations", "a.odt", z, n, "DTD");
  free(z);
  vp_test_refused("entity declarations, flat", "a.fodt", zLaughs, strlen(zLaughs), "DTD");

  /* 65 MB of zeros deflate to ~64 KB */
  size_t nBig = (size_t)65 << 20;
  char *zBig = calloc(1, nBig);
  if (zBig) memset(zBig, ' ', nBig);
  const char *azName[1] = {"content.xml"}, *azData[1] = {zBig};
  size_t anData[1] = {nBig};
  z = zBig ? vp_test_zip(&n, 1, azName, azData, anData) : NULL;
  free(zBig);
  CHECK("bomb built small", z && n < ((size_t)1 << 20));
  if (z) vp_test_refused("content.xml over 64 MB", "a.odt", z, n, "limit");
  free(z);
}

int main(void) {
  test_render();
  test_hostile();
  return vp_test_done();
}
