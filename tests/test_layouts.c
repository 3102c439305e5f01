/*
** test_layouts.c — the document model built from each layout a portal or a
** converter writes (vp_reader.h): a header block as one-cell-per-line cells
** with a wrapped date and a wrapped issuer, a task table in the same form
** with a group row and wrapped cells, a portal's page furniture around a
** document, labelled fields and bold headings wrapped over lines. Each case
** is a small fixture written here and the model it must give.
** Not for extraction (test_meta, test_task).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_columns.h"
#include "vp_common.h"
#include "vp_meta.h"
#include "vp_reader.h"
#include "vp_test.h"
#include "vp_test_reader.h"

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The portal's header block: issuer | motto, then "Số" | place and date,
** each cell wrapped, bold pairs cut by line breaks. */
static const char zHeader[] =
    "|\n"
    "**ỦY BAN NHÂN DÂN\n"
    "**\n"
    "THÀNH PHỐ HỒ CHÍ MINH\n"
    "-------\n"
    "|\n"
    "**CỘNG HÒA XÃ\n"
    "HỘI CHỦ NGHĨA VIỆT NAM**\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "---------------\n"
    "|\n"
    "|\n"
    "Số: 0172/KH-UBND\n"
    "|\n"
    "*Thành phố Hồ Chí\n"
    "Minh, ngày 18 tháng 11 năm 2025*\n"
    "|\n"
    "\n"
    "**KẾ HOẠCH**\n"
    "\n"
    "Triển khai thi hành Luật Việc làm\n"
    "\n"
    "**I. MỤC ĐÍCH,\n"
    "YÊU CẦU**\n"
    "\n"
    "1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hướng dẫn thực hiện.\n";

static void test_header_cells(void) {
  vp_text *p = parse(zHeader);
  CHECK("header: parsed", p != NULL);
  if (p == NULL) return;
  CHECK("header: issuer joined over its lines",
        streq(p->header.zIssuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"));
  CHECK("header: motto", p->header.zMotto && strstr(p->header.zMotto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"));
  CHECK("header: number cell, leading zero kept", streq(p->header.zNumber, "Số: 0172/KH-UBND"));
  CHECK("header: wrapped place and date in one field",
        streq(p->header.zPlaceDate, "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025"));
  CHECK("header: span set", p->header.iStart < p->header.iEnd);
  CHECK("header: no furniture", p->iDocStart == 0 && p->iDocEnd == (int)strlen(zHeader));
  int h = find(p, "MỤC ĐÍCH");
  CHECK("bold heading wrapped over two lines is one heading",
        h >= 0 && p->aPassage[h].eKind == VP_P_HEADING && strstr(p->aPassage[h].zText, "YÊU CẦU") &&
            streq(p->aPassage[h].zSection, "I"));
  int k = find(p, "Sở Nội vụ chủ trì");
  CHECK("item under the heading", k >= 0 && p->aPassage[k].iParent == h &&
                                      streq(p->aPassage[k].zSection, "I.1"));
  vp_meta m;
  CHECK("header: meta", vp_meta_extract(p, &m, NULL) == VP_OK);
  CHECK("meta: date from the wrapped cell", streq(m.zDate, "2025-11-18"));
  CHECK("meta: number keeps its zero", streq(m.zNumber, "0172/KH-UBND"));
  CHECK("meta: province", streq(m.zProvince, "Hồ Chí Minh"));
  CHECK("meta: issuer", streq(m.zIssuer, "Ủy ban nhân dân thành phố"));
  vp_meta_clear(&m);
  vp_reader_free(p);
}

/* A national decision is signed in Hà Nội but is no province's. */
static void test_national(void) {
  static const char z[] =
      "|\n**BỘ VĂN HÓA, THỂ\nTHAO **\nVÀ DU LỊCH\n-------\n|\n"
      "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\n"
      "Số: 4385/QĐ-BVHTTDL\n|\n*Hà Nội, ngày 18\ntháng 11 năm 2025*\n|\n\n"
      "**QUYẾT ĐỊNH**\n\nVề việc ban hành Kế hoạch\n";
  vp_text *p = parse(z);
  vp_meta m;
  CHECK("national: meta", p && vp_meta_extract(p, &m, NULL) == VP_OK);
  if (p == NULL) return;
  CHECK("national: issuer", p->header.zIssuer && strstr(p->header.zIssuer, "DU LỊCH") &&
                                !strstr(p->header.zIssuer, "*"));
  CHECK("national: no province", m.zProvince == NULL);
  CHECK("national: date", streq(m.zDate, "2025-11-18"));
  vp_meta_clear(&m);
  vp_reader_free(p);
}

/* A task table in the portal form: a header of column names, a group row
** ("I" | title), rows whose cells wrap over lines, an empty last cell. */
static const char zTable[] =
    "**PHỤ LỤC**\n"
    "\n"
    "|\n**TT**\n|\n**Nội dung thực\nhiện**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n"
    "**Thời gian hoàn\nthành**\n|\n**Sản phẩm dự kiến**\n|\n"
    "|\n**I**\n|\n**KIỆN TOÀN CƠ CHẾ\nCHỈ ĐẠO**\n|\n"
    "|\n1\n|\nTổ chức lại Ban Chỉ huy cấp tỉnh,\ncấp xã\n|\nBộ CHQS tỉnh; UBND\ncấp xã\n|\n"
    "Văn phòng Ban Chỉ\nhuy; các sở, ban, ngành\n|\nTrước ngày\n30/11/2025\n|\nQuyết định\n|\n"
    "|\n2\n|\nHướng dẫn thanh toán chi phí\n|\nSở Y tế\n|\nSở Tài chính\n|\n2025\n|\n|\n"
    "|\n3\n|\nRà soát quy chế\n|\nSở Xây dựng\n|\n|\nQuý IV\n|\nBáo cáo\n|\n"
    "……………………\n|\n7\n|\nTổng kết thực hiện\n|\nSở Nội vụ\n|\n|\n2026\n|\nBáo cáo\n|\n"
    "\nNội dung sau bảng.\n";

static void test_cell_table(void) {
  vp_text *p = parse(zTable);
  CHECK("table: parsed", p != NULL);
  if (p == NULL) return;
  int iHead = -1, nRow = 0, iGroup = -1;
  for (int i = 0; i < p->nPassage; i++) {
    const vp_passage *ps = &p->aPassage[i];
    if (ps->eKind == VP_P_TABLE_HEAD) iHead = i;
    if (ps->eKind == VP_P_ROW) nRow++;
    if (ps->bGroupRow) iGroup = i;
  }
  CHECK("table: a head", iHead >= 0);
  if (iHead < 0) {
    vp_reader_free(p);
    return;
  }
  const vp_passage *h = &p->aPassage[iHead];
  CHECK("head: six columns", h->nCell == 6);
  CHECK("head: wrapped name is one cell", h->nCell > 1 && streq(h->azCell[1], "Nội dung thực hiện"));
  CHECK("head: roles", h->aeColRole && h->nCell == 6 && h->aeColRole[0] == VP_COL_NUMBER &&
                           h->aeColRole[1] == VP_COL_CONTENT && h->aeColRole[2] == VP_COL_LEAD &&
                           h->aeColRole[3] == VP_COL_SUPPORT && h->aeColRole[4] == VP_COL_DEADLINE &&
                           h->aeColRole[5] == VP_COL_PRODUCT);
  CHECK("table: four task rows (an elided stretch is no row)", nRow == 4);
  CHECK("group row is a heading, not a row",
        iGroup >= 0 && p->aPassage[iGroup].eKind == VP_P_HEADING &&
            strstr(p->aPassage[iGroup].zText, "KIỆN TOÀN"));
  int r1 = find(p, "Tổ chức lại");
  CHECK("row 1: six cells", r1 >= 0 && p->aPassage[r1].nCell == 6);
  if (r1 >= 0 && p->aPassage[r1].nCell == 6) {
    char **c = p->aPassage[r1].azCell;
    CHECK("row 1: wrapped lead cell whole", streq(c[2], "Bộ CHQS tỉnh; UBND cấp xã"));
    CHECK("row 1: wrapped support cell whole", streq(c[3], "Văn phòng Ban Chỉ huy; các sở, ban, ngành"));
    CHECK("row 1: deadline", streq(c[4], "Trước ngày 30/11/2025"));
    CHECK("row 1: under the group row", p->aPassage[r1].iParent == iGroup);
    CHECK("row 1: its table", p->aPassage[r1].iTable == iHead);
  }
  int r2 = find(p, "Hướng dẫn thanh toán");
  CHECK("row 2: empty last cell kept", r2 >= 0 && p->aPassage[r2].nCell == 6 &&
                                           p->aPassage[r2].azCell[5][0] == 0 &&
                                           streq(p->aPassage[r2].azCell[2], "Sở Y tế"));
  int r3 = find(p, "Rà soát quy chế");
  CHECK("row 3: empty middle cell", r3 >= 0 && p->aPassage[r3].nCell == 6 &&
                                        p->aPassage[r3].azCell[3][0] == 0 &&
                                        streq(p->aPassage[r3].azCell[4], "Quý IV"));
  int r7 = find(p, "Tổng kết");
  CHECK("row after the elision: its own row", r7 >= 0 && p->aPassage[r7].eKind == VP_P_ROW &&
                                                 p->aPassage[r7].nCell == 6 &&
                                                 streq(p->aPassage[r7].azCell[0], "7"));
  int a = find(p, "Nội dung sau bảng");
  CHECK("text after the table is a paragraph", a >= 0 && p->aPassage[a].eKind == VP_P_TEXT);
  vp_reader_free(p);
}

/* A table of data whose last close pipe the text runs on from, with no
** blank line, down to the signature's layout table: the text after it is
** no cell of its last row ("Trung học phổ thông | 130 | 200 |" / "2. Trong
** trường hợp …" / … / "**Điều 3. …**" / "1. Giao …"). */
static void test_table_then_article(void) {
  static const char z[] =
      "**NGHỊ QUYẾT**\n\n**Điều 2. Mức học phí**\n\n"
      "|\n**STT**\n|\n**Cấp học**\n|\n**Khu vực nông\nthôn (xã)**\n|\n**Khu vực thành\nthị (phường)**\n|\n"
      "|\n1\n|\nGiáo dục mầm non\n|\n80\n|\n120\n|\n"
      "|\n2\n|\nGiáo dục phổ thông\n|\n|\n|\n"
      "|\n|\nTiểu học\n|\n80\n|\n120\n|\n"
      "|\n|\nTrung học phổ thông\n|\n130\n|\n200\n|\n"
      "2. Trong trường hợp học trực tuyến, mức học phí bằng 75% mức học phí\n"
      "tại khoản 1 Điều này.\n"
      "**Điều 3. Điều khoản thi hành**\n"
      "1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực\n"
      "hiện Nghị quyết.\n"
      "|\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n**CHỦ TỊCH**\n|\n";
  vp_text *p = parse(z);
  CHECK("table then article: parsed", p != NULL);
  if (p == NULL) return;
  int r = find(p, "Trung học phổ thông"), a = find(p, "Giao Ủy ban nhân dân tỉnh");
  CHECK("the last row holds its cells only", r >= 0 && p->aPassage[r].eKind == VP_P_ROW &&
                                                 strstr(p->aPassage[r].zText, "Trong trường hợp") == NULL);
  CHECK("the article after the table is read as text", a >= 0 && p->aPassage[a].eKind != VP_P_ROW &&
                                                           a != r);
  vp_reader_free(p);
}

/* A portal page: menus and a summary before the document, related
** documents after it. Only the document is read. */
static void test_furniture(void) {
  static const char z[] =
      "|\n|\nBản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT.\n"
      "Đang tải văn bản...\n"
      "**Số hiệu:**\n|\n980/KH-UBND\n|\n**Loại văn bản:**\n|\nKế hoạch\n|\n|\n"
      "**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n-------\n|\n"
      "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\n"
      "Số: 980/KH-UBND\n|\n*Nghệ An, ngày 18\ntháng 11 năm 2025*\n|\n"
      "**KẾ HOẠCH**\n"
      "Thực hiện Quyết định số 1899/QĐ-TTg\n"
      "1. Sở Tài chính chủ trì thực hiện.\n"
      "Kế hoạch 980/KH-UBND năm 2025 do tỉnh Nghệ An ban hành\n"
      "Văn bản này chưa cập nhật nội dung Tiếng Anh\n"
      "## Văn bản liên quan\n"
      "Ban hành:\n04/09/2025\n";
  vp_text *p = parse(z);
  CHECK("furniture: parsed", p != NULL);
  if (p == NULL) return;
  CHECK("furniture: the document starts at its header", p->iDocStart > 0 &&
                                                            strncmp(z + p->iDocStart, "**ỦY BAN", 8) == 0);
  CHECK("furniture: the document ends before the portal's notes",
        p->iDocEnd < (int)strlen(z) && strncmp(z + p->iDocEnd, "Văn bản này", 12) == 0);
  CHECK("furniture: no passage before", find(p, "Bản dịch") < 0 && find(p, "Số hiệu") < 0);
  CHECK("furniture: no passage after", find(p, "liên quan") < 0 && find(p, "04/09/2025") < 0);
  CHECK("furniture: the body is there", find(p, "Sở Tài chính chủ trì") >= 0);
  vp_meta m;
  CHECK("furniture: meta", vp_meta_extract(p, &m, NULL) == VP_OK);
  CHECK("furniture: own number from the header", streq(m.zNumber, "980/KH-UBND"));
  CHECK("furniture: date", streq(m.zDate, "2025-11-18"));
  CHECK("furniture: issuer", streq(m.zIssuer, "Ủy ban nhân dân tỉnh"));
  vp_meta_clear(&m);
  vp_reader_free(p);
}

/* A portal page showing a letter with no header of its own (no motto):
** its metadata labels open the page, the trailing furniture (related
** documents, the portal's own footer "TP. HCM, ngày 31/05/2021") is still
** cut; and the letter's number names its issuer. */
static void test_furniture_without_header(void) {
  static const char z[] =
      "|\n|\nĐang tải văn bản...\n#\n"
      "**Số hiệu:**\n|\n4001/UBND-ĐT\n|\n|\n**Loại văn bản:**\n|\nCông văn\n|\n"
      "**Nơi ban hành:**\n|\nThành phố Hồ Chí Minh\n|\n|\n**Ngày ban hành:**\n|\n24/11/2025\n|\n"
      "**Kính gửi:**\n|\n- Sở Tài chính;\n- Sở Xây dựng.\n|\n"
      "Giao Sở Tài chính, Sở Xây dựng triển khai thực hiện hiệu quả Nghị quyết số 66.4/2025/NQ-CP.\n"
      "## Văn bản liên quan\n"
      "Ban hành:\n04/09/2025\n"
      "TP. HCM, ngày 31/05/2021\nThưa Quý khách,\n";
  vp_text *p = parse(z);
  CHECK("no header: parsed", p != NULL);
  if (p == NULL) return;
  CHECK("no header: no passage after the portal's notes", find(p, "liên quan") < 0 && find(p, "TP. HCM") < 0);
  CHECK("no header: the body is there", find(p, "Giao Sở Tài chính") >= 0);
  vp_meta m;
  CHECK("no header: meta", vp_meta_extract(p, &m, NULL) == VP_OK);
  CHECK("no header: the province is the portal's", streq(m.zProvince, "Hồ Chí Minh"));
  CHECK("no header: the issuer its number's code names", streq(m.zIssuer, "Ủy ban nhân dân"));
  vp_meta_clear(&m);
  vp_reader_free(p);
}

/* Labelled fields after a task: each a passage of its own, the value kept
** with its label even when the line wraps before a capital. */
static void test_fields(void) {
  static const char z[] =
      "**1. Rà soát,\nkiện toàn đội ngũ công chức**\n\n"
      "- Thường xuyên rà soát, kiện toàn đội ngũ.\n\n"
      "*Đơn vị chủ trì thực hiện: *Các\nSở, ngành, UBND cấp xã.\n\n"
      "*Đơn vị phối hợp: *Sở Nội\nvụ, Sở Tư pháp.\n\n"
      "*Thời gian thực hiện: *Thường\nxuyên.\n\n"
      "- Sở Nội vụ rà soát hồ sơ;\nkịp thời báo cáo Ủy ban nhân dân tỉnh.\n";
  vp_text *p = parse(z);
  CHECK("fields: parsed", p != NULL);
  if (p == NULL) return;
  int h = find(p, "Rà soát,");
  CHECK("fields: wrapped bold heading", h >= 0 && p->aPassage[h].eKind == VP_P_HEADING &&
                                            strstr(p->aPassage[h].zText, "kiện toàn"));
  int f = find(p, "Đơn vị chủ trì");
  int w = find(p, "kịp thời báo cáo");
  CHECK("a line ending ';' goes on into a lowercase line", w >= 0 && strstr(p->aPassage[w].zText, "rà soát"));
  CHECK("fields: value joined across the wrap before a capital",
        f >= 0 && strstr(p->aPassage[f].zText, "Sở, ngành, UBND cấp xã"));
  int d = find(p, "Thời gian thực hiện");
  CHECK("fields: deadline value joined", d >= 0 && strstr(p->aPassage[d].zText, "xuyên."));
  CHECK("fields: all under the heading",
        f >= 0 && d >= 0 && p->aPassage[f].iParent == h && p->aPassage[d].iParent == h);
  vp_reader_free(p);
}

/* A heading whose number stands alone on its first line, in bold or in
** italics: "**1." / "Công an thành phố**", "*2.3." / "Công an tỉnh*". */
static void test_label_alone(void) {
  static const char z[] =
      "**IV. PHÂN\nCÔNG NHIỆM VỤ**\n\n"
      "**1.\nCông an thành phố**\n\n"
      "a) Tham mưu tổ chức thực hiện Chương trình.\n\n"
      "*2.3.\nCông an tỉnh*\n\n"
      "a) Chủ trì, phối hợp với các đơn vị liên quan.\n\n"
      "3.\nỦy ban nhân dân cấp xã tổ chức quản lý hoạt động xử lý thực bì để phục vụ sản\n"
      "xuất lâm nghiệp trên địa bàn.\n";
  vp_text *p = parse(z);
  CHECK("label alone: parsed", p != NULL);
  if (p == NULL) return;
  int h1 = find(p, "Công an thành phố"), a1 = find(p, "Tham mưu");
  CHECK("bold: one heading numbered 1", h1 >= 0 && p->aPassage[h1].eKind == VP_P_HEADING &&
                                            streq(p->aPassage[h1].zLabel, "1") &&
                                            streq(p->aPassage[h1].zSection, "IV.1"));
  CHECK("bold: its item under it", a1 >= 0 && p->aPassage[a1].iParent == h1 &&
                                       streq(p->aPassage[a1].zSection, "IV.1.a"));
  int h2 = find(p, "Công an tỉnh"), a2 = find(p, "Chủ trì, phối hợp");
  CHECK("italic: one heading numbered 2.3", h2 >= 0 && p->aPassage[h2].eKind == VP_P_HEADING &&
                                                streq(p->aPassage[h2].zLabel, "2.3") &&
                                                strstr(p->aPassage[h2].zText, "2.3."));
  CHECK("italic: its item under it", a2 >= 0 && p->aPassage[a2].iParent == h2);
  int i3 = find(p, "Ủy ban nhân dân cấp xã");
  CHECK("a number alone, then a wrapped paragraph: one item", i3 >= 0 && streq(p->aPassage[i3].zLabel, "3") &&
                                                               strstr(p->aPassage[i3].zText, "lâm nghiệp"));
  vp_reader_free(p);
}

/* A legal text's parts are headings of their own: "Chương II", "Điều 5.";
** what hangs under one article never hangs under the next. */
static void test_articles(void) {
  static const char z[] =
      "Chương II\n\nTỔ CHỨC BỘ MÁY\n\n"
      "Điều 4. Nhiệm vụ\n\n1. Sở Tài chính chủ trì bố trí kinh phí.\n\n"
      "Điều 5. Cơ cấu tổ chức\n\n1. Lãnh đạo Quỹ gồm Giám đốc và các Phó Giám đốc.\n";
  vp_text *p = parse(z);
  CHECK("articles: parsed", p != NULL);
  if (p == NULL) return;
  int a4 = find(p, "Điều 4"), i4 = find(p, "Sở Tài chính"), a5 = find(p, "Điều 5"), i5 = find(p, "Lãnh đạo Quỹ");
  CHECK("article 4 is a heading labelled 'Điều 4'", a4 >= 0 && p->aPassage[a4].eKind == VP_P_HEADING &&
                                                         streq(p->aPassage[a4].zLabel, "Điều 4"));
  CHECK("its clause under it", i4 >= 0 && p->aPassage[i4].iParent == a4 &&
                                   streq(p->aPassage[i4].zSection, "Điều 4.1"));
  CHECK("article 5 closes article 4", a5 >= 0 && p->aPassage[a5].iParent != a4 &&
                                          i5 >= 0 && p->aPassage[i5].iParent == a5);
  vp_reader_free(p);
}

/* The model of twelve hard-wrapped paragraphs (enough for the reader to
** tell the document's style), each followed by zSep ("\n" or "\n\n"),
** then zTail; NULL when it cannot be built. */
static vp_text *parse_after_paragraphs(const char *zSep, const char *zTail) {
  vp_buf b = {NULL, 0, 0};
  int rc = VP_OK;
  for (int k = 0; k < 12; k++)
    vp_buf_appendf(&b, &rc, "Đoạn văn số %d có nội dung bình\nthường của kế hoạch.\n%s", k, zSep);
  vp_buf_appends(&b, zTail, &rc);
  vp_text *p = rc == VP_OK ? parse(b.z) : NULL;
  vp_buf_free(&b);
  return p;
}

/* Where paragraphs end with an empty line, an item's first line and the
** line right under it are one paragraph, even when that line starts with a
** capital: a name is not cut at the wrap. */
static void test_item_wrap(void) {
  vp_text *p = parse_after_paragraphs("\n", "8. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt\nNam, Thông tấn xã Việt Nam kịp thời "
                                            "thông tin.\n\n1. Sở Y tế\n\nChủ trì thực hiện.\n");
  CHECK("item wrap: parsed", p != NULL);
  if (p == NULL) return;
  int i = find(p, "Đài Tiếng nói Việt");
  CHECK("the name goes on past the wrap", i >= 0 && strstr(p->aPassage[i].zText, "Nam, Thông tấn"));
  int h = find(p, "Sở Y tế");
  CHECK("a heading before an empty line stays a heading",
        h >= 0 && p->aPassage[h].eKind == VP_P_HEADING && !strstr(p->aPassage[h].zText, "Chủ trì"));
  vp_reader_free(p);
}

static void test_columns_table(void) {
  char *zErr = NULL;
  CHECK("data/table-columns.tsv loads cleanly", vp_columns_check(&zErr) == VP_OK);
  if (zErr) fprintf(stderr, "  %s\n", zErr);
  free(zErr);
  CHECK("column: earliest name wins (content)", vp_columns_role("noi dung thuc hien") == VP_COL_CONTENT);
  CHECK("column: lead", vp_columns_role("don vi chu tri thuc hien") == VP_COL_LEAD);
  CHECK("column: support", vp_columns_role("co quan, don vi phoi hop") == VP_COL_SUPPORT);
  CHECK("column: a field line is not a name", !vp_columns_is_name("thoi gian thuc hien: thuong xuyen"));
  CHECK("column: a name", vp_columns_is_name("thoi gian hoan thanh"));
  CHECK("column: a procedure catalogue's legal basis is no content",
        vp_columns_role("ten van ban quy pham phap luat quy dinh noi dung sua doi, bo sung tthc") == VP_COL_OTHER);
  CHECK("column: a procedure's code", vp_columns_role("ma so tthc") == VP_COL_OTHER);
  CHECK("column: a legal basis abbreviated", vp_columns_role("ten vb quy dinh noi dung sua doi, bo sung, thay the") == VP_COL_OTHER);
  CHECK("column: a procedure's steps", vp_columns_role("trinh tu thuc hien") == VP_COL_STEP);
}

/* A number cut at the hyphen of its code ("10/2025/TT-" / "BKHCN ngày …")
** goes on in its item, though the next line opens with capitals. */
static void test_code_cut_at_hyphen(void) {
  vp_text *p = parse("Căn cứ pháp lý:\n"
                     "- Nghị định số\n262/2025/NĐ-CP ngày 14 tháng 10 năm 2025 của Chính phủ.\n"
                     "- Thông tư số 10/2025/TT-\n"
                     "BKHCN ngày 27/6/2025 của Bộ trưởng Bộ Khoa học và Công nghệ hướng dẫn chức\n"
                     "năng, nhiệm vụ của cơ quan chuyên môn.\n");
  CHECK("code cut: parsed", p != NULL);
  if (p == NULL) return;
  int i = find(p, "Thông tư số");
  CHECK("'TT-' / 'BKHCN …' is one item", i >= 0 && strstr(p->aPassage[i].zText, "BKHCN ngày 27/6/2025"));
  vp_reader_free(p);
}

/* A shared head ending a line ("… của các Sở:") goes on with the names
** under it. */
static void test_shared_head_wrapped(void) {
  vp_text *p = parse("**Điều 5. Trách nhiệm**\n\n2. Trách nhiệm của các Sở:\nXây dựng, Tài chính, Nội vụ.\n\n"
                     "a) Chủ trì tham mưu cấp có thẩm quyền về kinh phí thực hiện.\n");
  CHECK("shared head: parsed", p != NULL);
  if (p == NULL) return;
  int i = find(p, "Trách nhiệm của các Sở");
  CHECK("shared head: the names are in its passage", i >= 0 && strstr(p->aPassage[i].zText, "Xây dựng, Tài chính"));
  vp_reader_free(p);
}

/* Where paragraphs end with an empty line: a letter alone on its line
** labels the paragraph under it; a line right under another goes on with
** its paragraph even after a ';' and a capital; a line that starts with
** "- " and a lower-case word, under a line cut mid-phrase, is the hyphen
** of a compound ("chính trị" / "- xã hội"), not a new dash item. */
static void test_blank_separated_runs(void) {
  vp_text *p = parse_after_paragraphs("\n", "b)\nChủ tịch Ủy ban nhân dân cấp xã chỉ đạo triển khai phòng cháy;\n"
                                            "Ban Chỉ huy cấp xã tham mưu, tổ chức lực lượng tuần tra.\n\n"
                                            "c) Chỉ đạo phòng, ban chuyên môn chủ động phối hợp với các tổ chức chính trị\n"
                                            "- xã hội tại địa phương thực hiện công tác tuyên truyền, vận động.\n\n"
                                            "2. Chủ tịch Hội đồng Thi đua\n- Khen thưởng tỉnh quyết định số lượng thành viên.\n\n"
                                            "- Sở Tài chính bố trí kinh phí thực hiện kế hoạch hằng năm của tỉnh\n"
                                            "- Sở Nội vụ hướng dẫn thi đua.\n");
  CHECK("runs: parsed", p != NULL);
  if (p == NULL) return;
  int i = find(p, "Chủ tịch Ủy ban");
  CHECK("a letter alone labels the paragraph under it", i >= 0 && streq(p->aPassage[i].zLabel, "b"));
  CHECK("the line after ';' goes on in the same paragraph", i >= 0 && strstr(p->aPassage[i].zText, "Ban Chỉ huy"));
  int c = find(p, "tổ chức chính trị");
  CHECK("'- xã hội' under a cut line is a hyphen", c >= 0 && strstr(p->aPassage[c].zText, "xã hội tại địa phương"));
  int h = find(p, "Chủ tịch Hội đồng Thi đua");
  CHECK("'Thi đua' / '- Khen thưởng': a compound the lexicon knows, one item",
        h >= 0 && strstr(p->aPassage[h].zText, "Khen thưởng tỉnh quyết định"));
  int d1 = find(p, "Sở Tài chính"), d2 = find(p, "Sở Nội vụ");
  CHECK("dash items with capitals stay two items", d1 >= 0 && d2 > d1 && !strstr(p->aPassage[d1].zText, "Nội vụ"));
  vp_reader_free(p);
}

/* "a. Chủ trì …": a letter with a dot labels an item when a capital
** follows, so a heading wrapped over two lines ("3. Sở Văn hóa, Thể thao
** và" / "Du lịch") does not run on into it; "x. lower case" is text. */
static void test_letter_dot_items(void) {
  vp_text *p = parse_after_paragraphs("\n", "3. Sở Văn hóa, Thể thao và\nDu lịch\n\n"
                                            "a. Chủ trì, chỉ đạo các cơ\nquan báo chí tổ chức tuyên truyền.\n\n"
                                            "b. Có trách nhiệm phối hợp với\ncác cơ quan liên quan kiểm tra.\n");
  CHECK("letter dot: parsed", p != NULL);
  if (p == NULL) return;
  int h = find(p, "3. Sở Văn hóa");
  int a = find(p, "Chủ trì, chỉ đạo");
  CHECK("the wrapped heading stays whole and alone", h >= 0 && strstr(p->aPassage[h].zText, "Du lịch") &&
                                                         !strstr(p->aPassage[h].zText, "Chủ trì"));
  CHECK("'a.' labels its item", a >= 0 && a != h && streq(p->aPassage[a].zLabel, "a"));
  int i = find(p, "Có trách nhiệm");
  CHECK("'b.' labels its item under the same heading",
        i >= 0 && streq(p->aPassage[i].zLabel, "b") && a >= 0 && p->aPassage[i].iParent == p->aPassage[a].iParent);
  vp_reader_free(p);
  p = parse("Thực hiện theo điểm\nx. các nội dung còn lại.\n");
  CHECK("'x. lower case' is no label", p && find(p, "các nội dung") >= 0 &&
                                          p->aPassage[find(p, "các nội dung")].zLabel[0] == 0);
  if (p) vp_reader_free(p);
}

/* "Mục 2." is a part of a legal text, like "Chương" and "Điều". */
static void test_section_part(void) {
  static const char z[] = "Điều 9. Trả lời ý kiến\n\n1. Sở Tài chính trả lời ý kiến.\n\n"
                          "Mục 2. TỔ CHỨC QUẢN LÝ\n\nĐiều 10. Tổ chức\n\n1. Cổng thông tin hoạt động.\n";
  vp_text *p = parse(z);
  CHECK("section: parsed", p != NULL);
  if (p == NULL) return;
  int m = find(p, "Mục 2"), a = find(p, "Điều 10"), i = find(p, "Cổng thông tin");
  CHECK("'Mục 2.' is a heading labelled 'Mục 2'", m >= 0 && p->aPassage[m].eKind == VP_P_HEADING &&
                                                     streq(p->aPassage[m].zLabel, "Mục 2"));
  CHECK("it closes the article before it", m >= 0 && p->aPassage[m].iParent < find(p, "Điều 9"));
  CHECK("the next article hangs under it", a >= 0 && p->aPassage[a].iParent == m && i >= 0 &&
                                               p->aPassage[i].iParent == a);
  vp_reader_free(p);
}

/* "Nơi nhận:" then "-" alone over "Như Điều 6;": the recipient list goes
** on, none of its lines is a body passage. */
static void test_recipients_dash_alone(void) {
  vp_text *p = parse_after_paragraphs("\n", "3. Chánh Văn phòng Ủy ban nhân dân thành phố; Giám đốc các Sở chịu trách nhiệm thi hành "
                                            "Quyết định này./.\n\n\n|\nNơi nhận:\n-\nNhư Điều 6;\n- Văn phòng Chính phủ;\n"
                                            "- Các PCVP UBND TP;\n- Lưu: VT.\n|\n");
  CHECK("recipients: parsed", p != NULL);
  if (p == NULL) return;
  int a = find(p, "Như Điều 6"), c = find(p, "Văn phòng Chính phủ"), d = find(p, "PCVP");
  CHECK("'-' / 'Như Điều 6;' is a recipient", a >= 0 && p->aPassage[a].eKind == VP_P_RECIPIENT);
  CHECK("the list goes on after it", c >= 0 && p->aPassage[c].eKind == VP_P_RECIPIENT && d >= 0 &&
                                          p->aPassage[d].eKind == VP_P_RECIPIENT);
  vp_reader_free(p);
}

/* A PDF's text layer read across the closing's two columns: "Nơi nhận:",
** the signature's "TM. …" line, then the recipients' bullets between the
** signer's lines, and recipients a narrow column wrapped ("- UBMTTQVN TP
** và các" / "TC CT-XH;"): all recipients, none a body passage. */
static void test_recipients_under_signature(void) {
  vp_text *p = parse_after_paragraphs("", "2. Giao Công an thành phố theo dõi, hướng dẫn thực hiện Kế hoạch này./.\n"
                                          "Nơi nhận:\n**TM. ỦY BAN NHÂN DÂN**\n- Văn phòng Chính phủ (để\n"
                                          "báo cáo);CHỦ TỊCH **Trương Cảnh Tuyên**\n- Bộ Công an (để báo cáo);\n"
                                          "- UBMTTQVN TP và các\nTC CT-XH;\n- Viện KSND TP, TAND TP;\n- Sở, ban, ngành TP;\n"
                                          "- Lưu: VT, M.\n");
  CHECK("recipients under a signature: parsed", p != NULL);
  if (p == NULL) return;
  int a = find(p, "Bộ Công an"), w = find(p, "TC CT-XH"), v = find(p, "Viện KSND"), l = find(p, "Lưu: VT");
  CHECK("a bullet after the signature's line is a recipient", a >= 0 && p->aPassage[a].eKind == VP_P_RECIPIENT);
  CHECK("a recipient's wrapped end is a recipient", w >= 0 && p->aPassage[w].eKind == VP_P_RECIPIENT);
  CHECK("the list goes on after it", v >= 0 && p->aPassage[v].eKind == VP_P_RECIPIENT && l >= 0 &&
                                         p->aPassage[l].eKind == VP_P_RECIPIENT);
  vp_reader_free(p);
}

/* Execution clauses: "**Điều 4.** Chánh Văn phòng Ủy ban nhân dân" /
** "Thành phố, …" (a bold label over plain text is no title) and
** "**Điều 3**." alone over "Chánh Văn phòng …;" are one passage each,
** labelled by the article. */
static void test_article_runs_on(void) {
  static const char z[] =
      "**Điều\n1. Đối tượng áp dụng**\nCác sở, ban, ngành của tỉnh.\n"
      "**Điều 2**.\nQuyết định này có hiệu lực kể từ ngày ký.\n"
      "**Điều 3**.\nChánh Văn phòng UBND tỉnh; Giám đốc Sở Nông nghiệp và Môi trường chịu trách nhiệm thi hành.\n"
      "Điều 5. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh;\n"
      "Giám đốc Sở Xây dựng; Thủ trưởng các sở, ban, ngành chịu trách nhiệm thi hành.\n"
      "**Điều 4.** Chánh Văn phòng Ủy ban nhân dân\nThành phố, Giám đốc Sở Khoa học và Công nghệ chịu trách nhiệm "
      "thi hành Quyết định này./.\n";
  vp_text *p = parse(z);
  CHECK("article runs: parsed", p != NULL);
  if (p == NULL) return;
  int a1 = find(p, "Đối tượng áp dụng");
  CHECK("'**Điều' / '1. Đối tượng áp dụng**' is article 1", a1 >= 0 && streq(p->aPassage[a1].zLabel, "Điều 1") &&
                                                             p->aPassage[a1].eKind == VP_P_HEADING);
  int a3 = find(p, "Giám đốc Sở Nông nghiệp"), a4 = find(p, "Giám đốc Sở Khoa học");
  CHECK("'Điều 3.' alone labels the clause under it", a3 >= 0 && streq(p->aPassage[a3].zLabel, "Điều 3") &&
                                                         strstr(p->aPassage[a3].zText, "Chánh Văn phòng UBND"));
  CHECK("'**Điều 4.** Chánh …' goes on past the wrap", a4 >= 0 && streq(p->aPassage[a4].zLabel, "Điều 4") &&
                                                          strstr(p->aPassage[a4].zText, "Chánh Văn phòng Ủy ban"));
  int a5 = find(p, "Giám đốc Sở Xây dựng");
  CHECK("a list of officeholders goes on past ';'", a5 >= 0 && strstr(p->aPassage[a5].zText, "Chánh Văn phòng UBND tỉnh"));
  vp_reader_free(p);
}

/* A head over two rows: "Cơ quan thực hiện" spans "Chủ trì" and "Phối
** hợp", named in the row under it. */
static void test_two_row_head(void) {
  vp_text *p = parse("| STT | Nhiệm vụ | Cơ quan thực hiện | | Thời gian hoàn thành |\n"
                     "|---|---|---|---|---|\n"
                     "| | | Chủ trì | Phối hợp | |\n"
                     "| 1 | Xây dựng cơ sở dữ liệu đất đai | Sở Nông nghiệp và Môi trường | Sở Tài chính | Quý II/2026 |\n");
  CHECK("two-row head: parsed", p != NULL);
  if (p == NULL) return;
  int iHead = -1, iSub = -1, iRow = -1;
  for (int i = 0; i < p->nPassage; i++) {
    const vp_passage *ps = &p->aPassage[i];
    if (ps->eKind == VP_P_TABLE_HEAD && iHead < 0) iHead = i;
    else if (ps->eKind == VP_P_TABLE_HEAD) iSub = i;
    if (ps->eKind == VP_P_ROW && iRow < 0) iRow = i;
  }
  CHECK("two-row head: the second row is a head, not content", iHead >= 0 && iSub == iHead + 1);
  CHECK("two-row head: one row of content", iRow >= 0 && p->aPassage[iRow].iTable == iHead);
  const vp_passage *h = iHead >= 0 ? &p->aPassage[iHead] : NULL;
  CHECK("two-row head: lead and support columns from the row under it",
        h && h->aeColRole && h->nCell == 5 && h->aeColRole[2] == VP_COL_LEAD && h->aeColRole[3] == VP_COL_SUPPORT &&
            h->aeColRole[1] == VP_COL_CONTENT && h->aeColRole[4] == VP_COL_DEADLINE);
  vp_reader_free(p);
}

/* The same in the portal's form: the merged cell is one cell of the first
** row, the second row holds only the names under it, and the rows of
** content have one cell more than the first row. */
static void test_two_row_head_portal(void) {
  vp_text *p = parse("**PHỤ LỤC**\n\n|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan thực hiện**\n|\n"
                     "**Thời gian hoàn thành**\n|\n|\n**Chủ trì**\n|\n**Phối hợp**\n|\n"
                     "|\n1\n|\nXây dựng cơ sở dữ liệu đất đai\n|\nSở Nông nghiệp và Môi trường\n|\n"
                     "Sở Tài chính\n|\nQuý II/2026\n|\n"
                     "|\n2\n|\nTuyên truyền chuyển đổi số\n|\nSở Văn hóa, Thể thao và Du lịch\n|\n"
                     "Sở Nội vụ\n|\nNăm 2026\n|\n\nNội dung sau bảng.\n");
  CHECK("portal two-row head: parsed", p != NULL);
  if (p == NULL) return;
  int iHead = -1, nRow = 0, nHead = 0, bAligned = 1;
  for (int i = 0; i < p->nPassage; i++) {
    const vp_passage *ps = &p->aPassage[i];
    if (ps->eKind == VP_P_TABLE_HEAD) {
      nHead++;
      if (iHead < 0) iHead = i;
    }
    if (ps->eKind == VP_P_ROW) {
      nRow++;
      bAligned &= ps->nCell == 5 && ps->iTable == iHead;
    }
  }
  CHECK("portal two-row head: one head, two rows of five cells", nHead == 1 && nRow == 2 && bAligned);
  const vp_passage *h = iHead >= 0 ? &p->aPassage[iHead] : NULL;
  CHECK("portal two-row head: the names under the merged cell take its place",
        h && h->nCell == 5 && streq(h->azCell[2], "Chủ trì") && streq(h->azCell[3], "Phối hợp") &&
            h->aeColRole && h->aeColRole[2] == VP_COL_LEAD && h->aeColRole[3] == VP_COL_SUPPORT &&
            h->aeColRole[4] == VP_COL_DEADLINE);
  vp_reader_free(p);
}

int main(void) {
  test_header_cells();
  test_national();
  test_cell_table();
  test_furniture();
  test_fields();
  test_label_alone();
  test_articles();
  test_item_wrap();
  test_columns_table();
  test_blank_separated_runs();
  test_code_cut_at_hyphen();
  test_shared_head_wrapped();
  test_furniture_without_header();
  test_section_part();
  test_recipients_dash_alone();
  test_recipients_under_signature();
  test_article_runs_on();
  test_two_row_head();
  test_two_row_head_portal();
  test_table_then_article();
  test_letter_dot_items();
  return vp_test_done();
}
