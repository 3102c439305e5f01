/*
** test_meta.c — unit tests of document metadata (vp_meta.h): hand-made
** header texts (one cell per line, abbreviations, centrally-run city,
** appendix line, no header) split into passages here, and the five corpus
** plans through the reader when it is built. Not for citations (test_cite.c).
*/
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_meta.h"
#include "vp_reader.h"
#include "vp_test.h"

/* ---- passages of a hand-made text: one per line (bPerLine) or one per
** block of lines separated by a blank line, kind TEXT */

static vp_text *make_text(const char *z, int bPerLine) {
  vp_text *p = calloc(1, sizeof(vp_text));
  int n = (int)strlen(z);
  p->zBuf = vp_strndup(z, n);
  p->nBuf = (size_t)n;
  p->aPassage = calloc((size_t)n + 1, sizeof(vp_passage));
  int iStart = 0;
  for (int i = 0; i <= n; i++) {
    int bEnd = (i == n) || (z[i] == '\n' && (bPerLine || (i + 1 < n && z[i + 1] == '\n')));
    if (!bEnd) continue;
    if (i > iStart) {
      vp_passage *pP = &p->aPassage[p->nPassage++];
      pP->iStart = iStart;
      pP->iEnd = i;
      pP->zText = vp_strndup(z + iStart, i - iStart);
      pP->iParent = -1;
      pP->iTable = -1;
      pP->zSection = vp_strndup("", 0);
    }
    iStart = i + 1;
  }
  return p;
}

static void free_text(vp_text *p) {
  for (int i = 0; i < p->nPassage; i++) {
    free(p->aPassage[i].zText);
    free(p->aPassage[i].zSection);
  }
  free(p->aPassage);
  free(p->zBuf);
  free(p);
}

static int str_is(const char *z, const char *zWant) {
  if (zWant == NULL) return z == NULL;
  return z != NULL && strcmp(z, zWant) == 0;
}

#define CHECK_STR(desc, got, want)                                           \
  do {                                                                       \
    CHECK(desc, str_is((got), (want)));                                      \
    if (!str_is((got), (want)))                                              \
      fprintf(stderr, "  got [%s] want [%s]\n", (got) ? (got) : "(null)",   \
              (want) ? (want) : "(null)");                                   \
  } while (0)

static int extract(const char *z, int bPerLine, vp_meta *pM) {
  vp_text *p = make_text(z, bPerLine);
  char *zErr = NULL;
  int rc = vp_meta_extract(p, pM, &zErr);
  free(zErr);
  free_text(p);
  return rc;
}

static const char zCellPerLine[] =
    "ỦY BAN NHÂN DÂN\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH TUYÊN QUANG\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Số: 222/KH-UBND\n"
    "Tuyên Quang, ngày 18 tháng 12 năm 2024\n"
    "KẾ HOẠCH\n"
    "TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 69-KL/TW NGÀY 11/01/2024\n"
    "CỦA BỘ CHÍNH TRỊ\n"
    "Căn cứ Kết luận số 69-KL/TW ngày 11/01/2024 của Bộ Chính trị;\n"
    "Thực hiện Kế hoạch số 472-KH/TU ngày 25/4/2024 của Ban Thường vụ Tỉnh ủy;\n"
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "Sở Khoa học và Công nghệ phối hợp với Ủy ban nhân dân tỉnh Hà Giang.\n"
    "Nơi nhận:\n"
    "- Như trên;\n"
    "- Lưu: VT.\n"
    "TM. ỦY BAN NHÂN DÂN\n"
    "KT. CHỦ TỊCH\n"
    "PHÓ CHỦ TỊCH\n"
    "Hoàng Việt Phương\n";

static void test_cell_per_line_header(void) {
  vp_meta m;
  CHECK("extract ok", extract(zCellPerLine, 1, &m) == VP_OK);
  CHECK_STR("kind", m.zKind, "Kế hoạch");
  CHECK_STR("number", m.zNumber, "222/KH-UBND");
  CHECK_STR("date", m.zDate, "2024-12-18");
  CHECK_STR("issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("province", m.zProvince, "Tuyên Quang");
  CHECK_STR("title", m.zTitle,
            "TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 69-KL/TW NGÀY 11/01/2024 CỦA BỘ CHÍNH TRỊ");
  CHECK_STR("signer", m.zSigner, "Hoàng Việt Phương");
  int iNum = (int)(strstr(zCellPerLine, "222/") - zCellPerLine);
  CHECK("one self span at the header number", m.nSelf == 1 && m.aSelfStart[0] == iNum &&
                                                  m.aSelfEnd[0] == iNum + (int)strlen("222/KH-UBND"));
  vp_meta_clear(&m);
  CHECK("clear zeroes", m.zKind == NULL && m.nSelf == 0);
  /* the same text as a reader that merges lines into paragraphs gives */
  CHECK("extract ok (paragraphs)", extract(zCellPerLine, 0, &m) == VP_OK);
  CHECK_STR("number (paragraphs)", m.zNumber, "222/KH-UBND");
  CHECK_STR("date (paragraphs)", m.zDate, "2024-12-18");
  CHECK_STR("province (paragraphs)", m.zProvince, "Tuyên Quang");
  CHECK_STR("signer (paragraphs)", m.zSigner, "Hoàng Việt Phương");
  vp_meta_clear(&m);
}

static void test_city_header(void) {
  static const char z[] =
      "ỦY BAN NHÂN DÂN\n"
      "THÀNH PHỐ HỒ CHÍ MINH\n"
      "--------\n"
      "Số: 15/KH-UBND\n"
      "TP. Hồ Chí Minh, ngày 5 tháng 3 năm 2023\n"
      "KẾ HOẠCH HÀNH ĐỘNG\n"
      "Về phát triển khoa học và công nghệ\n"
      "Căn cứ Nghị quyết số 20-NQ/TW ngày 01/11/2012;\n"
      "Phối hợp với tỉnh Bình Dương, tỉnh Bình Dương và tỉnh Long An.\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("alias kind", m.zKind, "Kế hoạch");
  CHECK_STR("number", m.zNumber, "15/KH-UBND");
  CHECK_STR("date one-digit day", m.zDate, "2023-03-05");
  CHECK_STR("issuer of a city", m.zIssuer, "Ủy ban nhân dân thành phố");
  CHECK_STR("header beats body counts", m.zProvince, "Hồ Chí Minh");
  CHECK_STR("title", m.zTitle, "Về phát triển khoa học và công nghệ");
  CHECK_STR("no signer", m.zSigner, NULL);
  vp_meta_clear(&m);
}

/* a PDF conversion put the number on the line after "Số:" */
static void test_number_on_next_line(void) {
  static const char z[] =
      "ỦY BAN NHÂN DÂN\n"
      "TỈNH QUẢNG NAM\n"
      "Số:\n"
      "222/KH-UBND\n"
      "Quảng Nam, ngày 18 tháng 12 năm 2024\n"
      "KẾ HOẠCH\n"
      "Thực hiện Nghị quyết số\n"
      "57-NQ/TW\n"
      "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024;\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("number from the next line", m.zNumber, "222/KH-UBND");
  CHECK_STR("the number is no issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("province", m.zProvince, "Quảng Nam");
  CHECK_STR("a title wrapped before a number keeps it", m.zTitle, "Thực hiện Nghị quyết số 57-NQ/TW");
  vp_meta_clear(&m);
}

static void test_abbreviated_header_tsv(void) {
  static const char z[] =
      "UBND TỈNH BÌNH THUẬN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Số: 3229 /KH-UBND\tBình Thuận, ngày 27 tháng 8 năm 2024\n"
      "QUYẾT ĐỊNH\n"
      "Phê duyệt đề án\n"
      "Điều 1. Phê duyệt.\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("kind", m.zKind, "Quyết định");
  CHECK_STR("number with noise space", m.zNumber, "3229/KH-UBND");
  CHECK_STR("date on the number line", m.zDate, "2024-08-27");
  CHECK_STR("province", m.zProvince, "Bình Thuận");
  CHECK_STR("issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  vp_meta_clear(&m);
}

static void test_department_header(void) {
  static const char z[] =
      "UBND TỈNH KIÊN GIANG\n"
      "SỞ KHOA HỌC VÀ CÔNG NGHỆ\n"
      "Số: 41/TTr-SKHCN\n"
      "Kiên Giang, ngày 12/7/2024\n"
      "TỜ TRÌNH\n"
      "Về việc ban hành kế hoạch\n"
      "Kính gửi: Ủy ban nhân dân tỉnh.\n"
      "GIÁM ĐỐC\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("kind", m.zKind, "Tờ trình");
  CHECK_STR("number", m.zNumber, "41/TTr-SKHCN");
  CHECK_STR("short date after a comma", m.zDate, "2024-07-12");
  CHECK_STR("department issuer in its usual spelling", m.zIssuer, "Sở Khoa học và Công nghệ");
  CHECK_STR("province", m.zProvince, "Kiên Giang");
  CHECK_STR("title stops at Kính gửi", m.zTitle, "Về việc ban hành kế hoạch");
  CHECK_STR("a title is no signer", m.zSigner, NULL);
  vp_meta_clear(&m);
}

static void test_no_header_body_counts(void) {
  static const char z[] =
      " KẾ HOẠCH\n"
      "THỰC HIỆN KẾ HOẠCH SỐ 331-KH/TU NGÀY 08/4/2024 CỦA BAN THƯỜNG VỤ TỈNH UỶ\n"
      "Thực hiện Kế hoạch số 331-KH/TU ngày 08/4/2024 của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
      "I. MỤC ĐÍCH\n"
      "Xây dựng tỉnh Bà Rịa- Vũng Tàu; phát triển tỉnh Bà Rịa-Vũng Tàu.\n"
      "Thực hiện các nhiệm vụ kèm theo Kế hoạch số 82/KH-UBND ngày 18/5/2024 của UBND tỉnh.\n"
      "Kết nối với sàn giao dịch tại Thành phố Hồ Chí Minh và tỉnh Bà Rịa - Vũng Tàu.\n"
      "(Kèm theo Quyết định số 600/QĐ-UBND ngày 21/3/2023)\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("kind", m.zKind, "Kế hoạch");
  CHECK_STR("a cited number is not the own number", m.zNumber, NULL);
  CHECK_STR("a cited date is not the own date", m.zDate, NULL);
  CHECK("no self span", m.nSelf == 0);
  CHECK_STR("most mentioned province", m.zProvince, "Bà Rịa - Vũng Tàu");
  CHECK_STR("issuer from the body sentence", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("uppercase title", m.zTitle,
            "THỰC HIỆN KẾ HOẠCH SỐ 331-KH/TU NGÀY 08/4/2024 CỦA BAN THƯỜNG VỤ TỈNH UỶ");
  vp_meta_clear(&m);
}

/* A telegram whose header the page lost: its formula names the issuer. */
static void test_telegram_formula(void) {
  static const char z[] =
      "**CÔNG ĐIỆN**\n"
      "V/V TẬP TRUNG ỨNG PHÓ MƯA LŨ TẠI KHU VỰC TRUNG BỘ\n"
      "**THỦ TƯỚNG CHÍNH PHỦ điện:**\n"
      "- Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai và Lâm Đồng;\n"
      "Thủ tướng Chính phủ yêu cầu:\n"
      "1. Bộ Tài chính xuất cấp gạo dự trữ quốc gia cho các tỉnh Khánh Hòa, Gia Lai.\n";
  vp_meta m;
  CHECK("extract ok", extract(z, 1, &m) == VP_OK);
  CHECK_STR("kind", m.zKind, "Công điện");
  CHECK_STR("issuer from the formula", m.zIssuer, "Thủ tướng Chính phủ");
  CHECK_STR("a national issuer: no province", m.zProvince, NULL);
  vp_meta_clear(&m);
  static const char zNone[] =
      "**CÔNG ĐIỆN**\n"
      "V/V ỨNG PHÓ MƯA LŨ\n"
      "**CÁC ĐỊA PHƯƠNG CHỦ ĐỘNG điện:**\n"
      "Các địa phương chủ động ứng phó.\n";
  CHECK("extract ok", extract(zNone, 1, &m) == VP_OK);
  CHECK_STR("no body in the formula: no issuer", m.zIssuer, NULL);
  vp_meta_clear(&m);
  static const char zSteering[] =
      "**BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH**\n"
      "Số: 170/QĐ-BCĐNNDL\n"
      "*Hà Nội, ngày 21 tháng 11 năm 2025*\n"
      "**QUYẾT ĐỊNH**\n"
      "BAN HÀNH QUY CHẾ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO\n";
  CHECK("extract ok", extract(zSteering, 1, &m) == VP_OK);
  CHECK_STR("a state steering committee is national: its place line is no province", m.zProvince, NULL);
  vp_meta_clear(&m);
}

static const char zAppendix[] =
    "\n## KẾ HOẠCH\n\n"
    "**Triển khai thực hiện Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy**\n\n"
    "Căn cứ Kết luận số 69-KL/TW;\n\n"
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:\n\n"
    "Phát triển thị trường của tỉnh Bình Thuận.\n\n"
    "**KT. CHỦ TỊCH  \nPHÓ CHỦ TỊCH**\n\n\n\n"
    "*Minh*  \n**Nguyễn Minh**\n\n"
    "## PHỤ LỤC\n\n"
    "(Ban hành kèm theo Kế hoạch số 3229 /KH-UBND ngày 27 /8/2024 của UBND tỉnh Bình Thuận)\n\n"
    "Số TT\tNội dung\n"
    "1\tTổ chức phổ biến\n\n"
    "(Kèm theo Kế hoạch số 3229/KH-UBND ngày 27/8/2024)\n";

static void test_appendix_number(void) {
  vp_meta m;
  CHECK("extract ok", extract(zAppendix, 0, &m) == VP_OK);
  CHECK_STR("kind under markdown", m.zKind, "Kế hoạch");
  CHECK_STR("number from the appendix line", m.zNumber, "3229/KH-UBND");
  CHECK_STR("date from the appendix line", m.zDate, "2024-08-27");
  CHECK_STR("province", m.zProvince, "Bình Thuận");
  CHECK_STR("issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("bold title",
            m.zTitle, "Triển khai thực hiện Kế hoạch số 245-KH/TU, ngày 28/5/2024 của Ban Thường vụ Tỉnh ủy");
  CHECK_STR("signer after the signature image", m.zSigner, "Nguyễn Minh");
  const char *zFirst = strstr(zAppendix, "3229 /KH");
  const char *zSecond = strstr(zAppendix, "3229/KH");
  CHECK("two self spans", m.nSelf == 2);
  CHECK("first self span", m.aSelfStart[0] == (int)(zFirst - zAppendix) &&
                               m.aSelfEnd[0] == (int)(zFirst - zAppendix) + (int)strlen("3229 /KH-UBND"));
  CHECK("second self span", m.aSelfStart[1] == (int)(zSecond - zAppendix));
  vp_meta_clear(&m);
}

static void test_empty_and_kindless(void) {
  vp_meta m;
  CHECK("empty text", extract("", 1, &m) == VP_OK && m.zKind == NULL && m.zNumber == NULL &&
                          m.zProvince == NULL && m.zTitle == NULL);
  vp_meta_clear(&m);
  CHECK("plain prose", extract("Một đoạn văn bình thường.\nKhông có gì.\n", 1, &m) == VP_OK &&
                           m.zKind == NULL && m.zDate == NULL && m.zIssuer == NULL);
  vp_meta_clear(&m);
  vp_meta_clear(NULL);
}

static void test_wrapped_and_draft(void) {
  static const char zDraft[] =
      "ỦY BAN NHÂN DÂN\n"
      "TỈNH ĐẮK LẮK\n"
      "Số:      /KH-UBND\n"
      "Đắk Lắk, ngày      tháng 12 năm 2024\n"
      "\n"
      "KẾ HOẠCH\n"
      "THỰC HIỆN CHƯƠNG TRÌNH\n"
      "Thực hiện Kế hoạch số 12-KH/TU ngày 01/02/2024 của Tỉnh ủy;\n"
      "\n"
      "(Kèm theo Kế hoạch số 77/KH-UBND\n"
      "ngày 3/1/2025 của UBND tỉnh)\n";
  vp_meta m;
  /* paragraphs: the title and the first body line share a passage */
  CHECK("extract ok", extract(zDraft, 0, &m) == VP_OK);
  CHECK_STR("draft place gives the province", m.zProvince, "Đắk Lắk");
  CHECK_STR("blank header number: the appendix one", m.zNumber, "77/KH-UBND");
  CHECK_STR("appendix date wrapped to the next line", m.zDate, "2025-01-03");
  CHECK_STR("title stops where the body starts", m.zTitle, "THỰC HIỆN CHƯƠNG TRÌNH");
  CHECK_STR("issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  vp_meta_clear(&m);
  static const char zNoKind[] =
      "I. MỤC ĐÍCH\n"
      "Phát triển tỉnh Lào Cai và tỉnh Lào Cai.\n"
      "II. NHIỆM VỤ\n";
  CHECK("extract ok (no kind)", extract(zNoKind, 1, &m) == VP_OK);
  CHECK_STR("no kind", m.zKind, NULL);
  CHECK_STR("a heading is no issuer", m.zIssuer, NULL);
  CHECK_STR("no issuer, no place: the body's province is no issuer's", m.zProvince, NULL);
  vp_meta_clear(&m);
  /* a Q&A page quoting an appendix: its title and caption name another
  ** document, this one has no kind, number or province */
  static const char zQuoted[] =
      "Thuế cơ sở 28 TP Hồ Chí Minh quản lý xã phường nào? Trụ sở ở phường nào?\n"
      "Căn cứ Danh sách ban hành kèm theo Quyết định 1378/QĐ-CT năm 2025 quy định về tên gọi trụ sở và địa "
      "bàn quản lý của các thuế cơ sở thuộc Thuế thành phố như sau:\n"
      "QUY ĐỊNH TÊN GỌI, TRỤ SỞ VÀ ĐỊA BÀN QUẢN LÝ CỦA THUẾ CƠ SỞ THUỘC THUẾ THÀNH PHỐ HỒ CHÍ MINH\n"
      "(Kèm theo Quyết định số 1378/QĐ-CT ngày 30/6/2025 của Cục trưởng Cục Thuế)\n"
      "Thuế cơ sở 28 Thành phố Hồ Chí Minh quản lý phường Thủ Dầu Một, Hồ Chí Minh.\n";
  CHECK("quoted title: extract", extract(zQuoted, 1, &m) == VP_OK);
  CHECK_STR("quoted title: no kind", m.zKind, NULL);
  CHECK_STR("quoted title: the caption's number is another's", m.zNumber, NULL);
  CHECK_STR("quoted title: no province", m.zProvince, NULL);
  vp_meta_clear(&m);
  /* an article that tells of a council's resolution: the council is the
  ** resolution's issuer, not the article's, and its province not the
  ** article's */
  static const char zArticle[] =
      "Võ Nguyên Giáp\n"
      "Ông sinh tại làng An Xá, tỉnh Quảng Bình.\n"
      "Ông học tại Huế, rồi về Quảng Bình.\n"
      "Ngày 22 tháng 7 năm 2020, Hội đồng nhân dân thành phố Hải Phòng ban hành Nghị quyết số "
      "01/2020/NQ-HĐND đặt tên đường Võ Nguyên Giáp.\n";
  CHECK("article: extract", extract(zArticle, 1, &m) == VP_OK);
  CHECK_STR("article: no kind", m.zKind, NULL);
  CHECK_STR("article: a resolution's issuer told of is not its own", m.zIssuer, NULL);
  CHECK_STR("article: no province", m.zProvince, NULL);
  vp_meta_clear(&m);
}

/* ---- the corpus through the reader, once it is built */

static const struct {
  const char *zFile, *zNumber, *zDate, *zProvince, *zSigner;
} aCorpus[] = {
    {"corpus/000_601f249a7af0c82b.txt", NULL, NULL, "Bà Rịa - Vũng Tàu", NULL},
    {"corpus/001_73d1dfeeaa6b8b5c.txt", "222/KH-UBND", "2024-12-18", "Tuyên Quang", "Hoàng Việt Phương"},
    {"corpus/002_2c04bff435a40578.txt", "3229/KH-UBND", "2024-08-27", "Bình Thuận", "Nguyễn Minh"},
    {"corpus/003_73f60b95696b55b5.txt", NULL, "2020-04-10", "Kiên Giang", "Đỗ Thanh Bình"},
    {"corpus/004_a36b9e1c40dbc1da.txt", NULL, NULL, "Ninh Thuận", "Lê Huyền"},
};

static void check_corpus_meta(int i, const vp_text *p) {
  vp_meta m;
  char *zErr = NULL;
  CHECK("corpus extract ok", vp_meta_extract(p, &m, &zErr) == VP_OK);
  free(zErr);
  int nFailedBefore = vp_test_failed;
  CHECK_STR("corpus kind", m.zKind, "Kế hoạch");
  CHECK_STR("corpus number", m.zNumber, aCorpus[i].zNumber);
  CHECK_STR("corpus date", m.zDate, aCorpus[i].zDate);
  CHECK_STR("corpus province", m.zProvince, aCorpus[i].zProvince);
  CHECK_STR("corpus issuer", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("corpus signer", m.zSigner, aCorpus[i].zSigner);
  CHECK("corpus title", m.zTitle != NULL && strlen(m.zTitle) > 20);
  for (int k = 0; k < m.nSelf; k++) { /* a self span holds the number's digits */
    CHECK("self span in the file",
          m.aSelfStart[k] >= 0 && m.aSelfEnd[k] <= (int)p->nBuf && m.zNumber &&
              strncmp(p->zBuf + m.aSelfStart[k], m.zNumber, strcspn(m.zNumber, "/-")) == 0);
  }
  CHECK("self spans iff a number", (m.nSelf > 0) == (m.zNumber != NULL));
  if (vp_test_failed > nFailedBefore) fprintf(stderr, "  (in %s)\n", aCorpus[i].zFile);
  vp_meta_clear(&m);
}

/* the corpus split into one passage per line: independent of the reader */
static void test_corpus_lines(void) {
  for (int i = 0; i < VP_ARRAY_SIZE(aCorpus); i++) {
    char *zBuf = NULL, *zErr = NULL;
    size_t nBuf = 0;
    CHECK("corpus file reads", vp_read_file(aCorpus[i].zFile, 1 << 24, &zBuf, &nBuf, &zErr) == VP_OK);
    free(zErr);
    if (zBuf == NULL) continue;
    vp_text *p = make_text(zBuf, 1);
    check_corpus_meta(i, p);
    free_text(p);
    free(zBuf);
  }
}

static void test_corpus(void) {
  for (int i = 0; i < VP_ARRAY_SIZE(aCorpus); i++) {
    vp_text *p = NULL;
    char *zErr = NULL;
    if (vp_reader_load(aCorpus[i].zFile, 1 << 24, &p, &zErr) != VP_OK) {
      printf("corpus: reader not available (%s): corpus cases skipped\n", zErr ? zErr : "?");
      free(zErr);
      return;
    }
    check_corpus_meta(i, p);
    vp_reader_free(p);
  }
}

/* A header block whose issuer cell is the motto (the portal's copy left the
** issuer's cell in the table before it): no issuer from the header; the
** number's national code names the issuer and makes the document national
** (no province from the place line "Hà Nội"). */
static void test_motto_as_issuer_cell(void) {
  vp_text *p = make_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 304/2025/NĐ-CP\n\n"
                         "Hà Nội, ngày 25 tháng 11 năm 2025\n\nNGHỊ ĐỊNH\n\nQuy định điều kiện tài sản bảo đảm\n",
                         0);
  p->header.zIssuer = vp_strndup("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", -1);
  p->header.zNumber = vp_strndup("Số: 304/2025/NĐ-CP", -1);
  p->header.zPlaceDate = vp_strndup("Hà Nội, ngày 25 tháng 11 năm 2025", -1);
  vp_meta m;
  char *zErr = NULL;
  CHECK("motto cell: extract", vp_meta_extract(p, &m, &zErr) == VP_OK);
  free(zErr);
  CHECK_STR("motto cell: the issuer from the number's code", m.zIssuer, "Chính phủ");
  CHECK_STR("motto cell: national, no province", m.zProvince, NULL);
  CHECK_STR("motto cell: number", m.zNumber, "304/2025/NĐ-CP");
  vp_meta_clear(&m);
  free(p->header.zIssuer);
  free(p->header.zNumber);
  free(p->header.zPlaceDate);
  free_text(p);
}

/* ---- headers as OCR and a PDF's text layer give them */

static void test_scanned_headers(void) {
  vp_meta m;
  /* bold capitals read without their marks, the motto misread and wrapped,
  ** specks between the columns, a province misread */
  static const char zScan[] =
      "UY BAN NHAN DAN\n"
      "CỘNG HÓA XÃ HỌI CHU NGHĨA VIIT\n"
      ";\n"
      "R\n"
      "NAM\n"
      "TĨNH \xc3\x90ÓNG NAI\n" /* Ð (eth) for Đ, as OCR and careless typing give it */
      "Độc lập\n"
      "- Tự do\n"
      "- Hạnh phúc\n"
      "Số: 182/KH-UBND\n"
      "\xc3\x90ồng Nai, ngày 20 tháng 11 năm 2025\n"
      "KẾ HOẠCH\n"
      "TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH\n";
  CHECK("scan: extract", extract(zScan, 1, &m) == VP_OK);
  CHECK_STR("scan: issuer read without its marks", m.zIssuer, "Ủy ban nhân dân tỉnh");
  CHECK_STR("scan: province written with an eth", m.zProvince, "Đồng Nai");
  CHECK_STR("scan: number", m.zNumber, "182/KH-UBND");
  vp_meta_clear(&m);
  /* the city's name wrapped and misread under the committee; the date
  ** wrapped after its month */
  static const char zCity[] =
      "UY BAN NHAN DAN\n"
      "THANH PHO HO CHĨI\n"
      "MINH\n"
      "CỘNG HÓA XÃ HỘI CHỦ NGHIA VITT\n"
      "NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "Số: 172/KH-UBND\n"
      "Thành phố Hồ Chí Minh, ngày 18 tháng 11\nnăm 2025\n"
      "\n"
      "KẾ HOẠCH\n"
      "TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM\n";
  CHECK("city scan: extract", extract(zCity, 0, &m) == VP_OK);
  CHECK_STR("city scan: level from a misread place line", m.zIssuer, "Ủy ban nhân dân thành phố");
  CHECK_STR("city scan: date wrapped after its month", m.zDate, "2025-11-18");
  CHECK_STR("city scan: province", m.zProvince, "Hồ Chí Minh");
  vp_meta_clear(&m);
  /* a ministry's name wrapped over three lines; its place-date line names
  ** the capital, not a province of the document */
  static const char zMinistry[] =
      "BỘ VAN HOA, THE\n"
      "THAO\n"
      "VÀ DU LỊCH\n"
      "CỘNG HÓA XÃ HỌI CHU NGHĨA VIIT\n"
      "NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n"
      "Hà Nội, ngày 18 tháng 11 năm 2025\n"
      "QUYẾT ĐỊNH\n"
      "VỀ VIỆC BAN HÀNH KẾ HOẠCH\n";
  CHECK("ministry: extract", extract(zMinistry, 1, &m) == VP_OK);
  CHECK_STR("ministry: wrapped name joined", m.zIssuer, "Bộ Văn hóa, Thể thao và Du lịch");
  CHECK_STR("ministry: national, no province", m.zProvince, NULL);
  vp_meta_clear(&m);
  /* the text is not the issuer's when a line merely ends in a short word:
  ** a short line that names nothing before any issuer stays a candidate */
  static const char zPlain[] =
      "SỞ Y TẾ\n"
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "Số: 12/KH-SYT\n"
      "Hà Tĩnh, ngày 2 tháng 1 năm 2025\n"
      "KẾ HOẠCH\n"
      "PHÒNG CHỐNG DỊCH\n";
  CHECK("department: extract", extract(zPlain, 1, &m) == VP_OK);
  CHECK_STR("department: issuer kept", m.zIssuer, "Sở Y tế");
  vp_meta_clear(&m);
}

/* A portal's metadata table ("Loại văn bản:" / "Kế hoạch") before the
** document: the value is the kind only when no heading says it, and the
** header is then read after it. */
static void test_kind_as_value(void) {
  vp_meta m;
  static const char zPortal[] =
      "Số hiệu:\n980/KH-UBND\nLoại văn bản:\nKế hoạch\nNơi ban hành:\nTỉnh Nghệ An\n"
      "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NGHỆ AN\n"
      "Số: 980/KH-UBND\nĐộc lập - Tự do - Hạnh phúc\n"
      "Nghệ An, ngày 18 tháng 11 năm 2025 KẾ HOẠCH\n"
      "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG\n";
  CHECK("portal table: extract", extract(zPortal, 1, &m) == VP_OK);
  CHECK_STR("portal table: kind from the value", m.zKind, "Kế hoạch");
  CHECK_STR("portal table: number from the header after it", m.zNumber, "980/KH-UBND");
  CHECK_STR("portal table: date", m.zDate, "2025-11-18");
  vp_meta_clear(&m);
  static const char zHeading[] =
      "Loại văn bản:\nKế hoạch\n"
      "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 980/KH-UBND\nNghệ An, ngày 18 tháng 11 năm 2025\n"
      "QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH\n";
  CHECK("portal table + heading: extract", extract(zHeading, 1, &m) == VP_OK);
  CHECK_STR("portal table + heading: the heading's kind", m.zKind, "Quyết định");
  CHECK_STR("portal table + heading: number", m.zNumber, "980/KH-UBND");
  vp_meta_clear(&m);
}

/* A kind heading its title runs on after ("**NGHỊ ĐỊNH**Quy định về …", the
** reader's text "NGHỊ ĐỊNH  Quy định về …"): the kind and the title, not
** the chapter title "QUY ĐỊNH CHUNG" further down. */
static void test_glued_kind_heading(void) {
  vp_meta m;
  static const char z[] =
      "CHÍNH PHỦ\nSố: 09/2025/NĐ-CP\nĐộc lập - Tự do - Hạnh phúc\n"
      "NGHỊ ĐỊNH  Quy định về chính sách hỗ trợ sản xuất nông nghiệp\n"
      "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
      "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n";
  CHECK("glued kind heading: extract", extract(z, 1, &m) == VP_OK);
  CHECK_STR("glued kind heading: the kind", m.zKind, "Nghị định");
  CHECK("glued kind heading: the title after it",
        m.zTitle && strncmp(m.zTitle, "Quy định về chính sách", strlen("Quy định về chính sách")) == 0);
  vp_meta_clear(&m);
  static const char zSentence[] = "KẾ HOẠCH số 12 được triển khai\nKẾ HOẠCH\nTHỰC HIỆN CHUYỂN ĐỔI SỐ\n";
  CHECK("a kind then 'số' in a sentence: extract", extract(zSentence, 1, &m) == VP_OK);
  CHECK_STR("a kind then 'số' in a sentence is no heading", m.zTitle, "THỰC HIỆN CHUYỂN ĐỔI SỐ");
  vp_meta_clear(&m);
}

/* A law: its kind heading alone ("LUẬT", no type code in its number), its
** number after "Luật số:", its date where it was passed; "LUẬT SƯ …" in
** capitals heads no law, and a kind name with its title after it is a
** law's heading only under a law's number. */
static void test_law(void) {
  vp_meta m;
  static const char z[] =
      "QUỐC HỘI\nLuật số: 60/2024/QH15\nĐộc lập - Tự do - Hạnh phúc\n"
      "LUẬT\nDỮ LIỆU\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
      "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về dữ liệu số.\n"
      "Luật này được Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam khoá XV, kỳ họp thứ 8\n"
      "thông qua ngày 30 tháng 11 năm 2024.\nCHỦ TỊCH QUỐC HỘI\n";
  CHECK("law: extract", extract(z, 1, &m) == VP_OK);
  CHECK_STR("law: the kind", m.zKind, "Luật");
  CHECK_STR("law: the number after 'Luật số:'", m.zNumber, "60/2024/QH15");
  CHECK_STR("law: the date it was passed", m.zDate, "2024-11-30");
  CHECK_STR("law: the title", m.zTitle, "DỮ LIỆU");
  vp_meta_clear(&m);
  static const char zTitled[] = "Luật số: 74/2025/QH15\nLUẬT VIỆC LÀM\nCăn cứ Hiến pháp;\n";
  CHECK("law titled on its kind line: extract", extract(zTitled, 1, &m) == VP_OK);
  CHECK_STR("law titled on its kind line: the kind", m.zKind, "Luật");
  CHECK_STR("law titled on its kind line: the title", m.zTitle, "VIỆC LÀM");
  vp_meta_clear(&m);
  static const char zLawyer[] = "LUẬT SƯ NGUYỄN VĂN AN\nTư vấn về thủ tục ly hôn\n";
  CHECK("a lawyer's page: extract", extract(zLawyer, 1, &m) == VP_OK);
  CHECK("a lawyer's page: no kind", m.zKind == NULL);
  vp_meta_clear(&m);
}

/* A title in capitals: its short first word on a line of its own ("VỀ" /
** "PHÔNG LƯU TRỮ …") goes on; the line naming who enacts ("CHỦ TỊCH ỦY BAN
** NHÂN DÂN TỈNH …", a passage of its own before the legal basis) ends it. */
static void test_title_in_capitals(void) {
  vp_meta m;
  static const char z[] =
      "ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: 12/QĐ-UBND\nPhú Thọ, ngày 3 tháng 11 năm 2025\n\n"
      "QUYẾT ĐỊNH\n\nVỀ\n\nVIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH\n\n"
      "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n";
  CHECK("title in capitals: extract", extract(z, 1, &m) == VP_OK);
  CHECK_STR("title in capitals: from its first word to the enacting line",
            m.zTitle, "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH");
  vp_meta_clear(&m);
}

/* The portal's table alone (the page kept only the summary, or the header
** lacks what the table states): its number, date and issuer are the
** document's; a national body makes it national even when the text is
** full of a province's names. */
static void test_portal_fields(void) {
  vp_meta m;
  static const char zLetter[] =
      "Số hiệu:\n5435/CT-NVT\nLoại văn bản:\nCông văn\nNơi ban hành:\nCục Thuế\n"
      "Người ký:\nNguyễn Thị Thu\nNgày ban hành:\n21/11/2025\nTình trạng:\nĐã biết\n"
      "Kính gửi: Thuế Thành phố Hồ Chí Minh.\n"
      "Thuế Thành phố Hồ Chí Minh hỏi về thuế tại thành phố Hồ Chí Minh.\n";
  CHECK("portal fields: extract", extract(zLetter, 1, &m) == VP_OK);
  CHECK_STR("portal fields: kind", m.zKind, "Công văn");
  CHECK_STR("portal fields: number from Số hiệu", m.zNumber, "5435/CT-NVT");
  CHECK_STR("portal fields: date from Ngày ban hành", m.zDate, "2025-11-21");
  CHECK_STR("portal fields: a national issuer", m.zIssuer, "Cục Thuế");
  CHECK_STR("portal fields: no province from the text", m.zProvince, NULL);
  CHECK("portal fields: the number is the document's own", m.nSelf == 1);
  vp_meta_clear(&m);
  static const char zProvincial[] =
      "Số hiệu:\n12/KH-UBND\nNơi ban hành:\nTỉnh Nghệ An\nNgày ban hành:\n03/12/2025\n"
      "Kế hoạch triển khai tại thành phố Hà Nội và thành phố Hà Nội.\n";
  CHECK("portal province: extract", extract(zProvincial, 1, &m) == VP_OK);
  CHECK_STR("portal province: the issuing province", m.zProvince, "Nghệ An");
  CHECK_STR("portal province: number", m.zNumber, "12/KH-UBND");
  CHECK_STR("portal province: date", m.zDate, "2025-12-03");
  vp_meta_clear(&m);
  /* a label with text after it is no field */
  static const char zProse[] = "Số hiệu: văn bản này chưa có\n12/KH-UBND\n";
  CHECK("portal label in prose: extract", extract(zProse, 1, &m) == VP_OK);
  CHECK_STR("portal label in prose: no number", m.zNumber, NULL);
  vp_meta_clear(&m);
}

/* A letter: no kind heading, its subject line "V/v …" under the number; a
** number its cell wrapped after the dash; a portal label left in the
** issuer's cell is no issuer. */
static void test_letter_header(void) {
  vp_meta m;
  static const char zLetter[] =
      "THUẾ TỈNH TÂY NINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 3257/TNI-QLDN1\nV/v thuế suất thuế GTGT\nTây Ninh, ngày 01 tháng 12 năm 2025\n"
      "Kính gửi: Công ty TNHH A.\n";
  CHECK("letter: extract", extract(zLetter, 1, &m) == VP_OK);
  CHECK_STR("letter: kind from V/v", m.zKind, "Công văn");
  CHECK_STR("letter: a numbered unit's code", m.zNumber, "3257/TNI-QLDN1");
  CHECK_STR("letter: date", m.zDate, "2025-12-01");
  vp_meta_clear(&m);
  static const char zWrapped[] =
      "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 3783/QĐ-\nUBND\nNghệ An, ngày 20 tháng 11 năm 2025\n"
      "QUYẾT ĐỊNH\nBAN HÀNH DANH MỤC THỦ TỤC HÀNH CHÍNH\n";
  CHECK("wrapped number: extract", extract(zWrapped, 1, &m) == VP_OK);
  CHECK_STR("wrapped number: joined", m.zNumber, "3783/QĐ-UBND");
  CHECK_STR("wrapped number: kind", m.zKind, "Quyết định");
  CHECK("wrapped number: both parts are the document's own", m.nSelf == 2);
  vp_meta_clear(&m);
  static const char zWrappedKind[] =
      "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 80/2025/QĐ-UBND\nHà Tĩnh, ngày 24 tháng11 năm 2025\n"
      "QUYẾT\nĐỊNH\nBÃI BỎ QUYẾT ĐỊNH SỐ 15/2025/QĐ-UBND\nCăn cứ Luật Tổ chức chính quyền địa phương;\n";
  CHECK("wrapped kind: extract", extract(zWrappedKind, 1, &m) == VP_OK);
  CHECK_STR("wrapped kind: joined", m.zKind, "Quyết định");
  CHECK_STR("wrapped kind: a month glued to its word", m.zDate, "2025-11-24");
  CHECK_STR("wrapped kind: the title after it", m.zTitle, "BÃI BỎ QUYẾT ĐỊNH SỐ 15/2025/QĐ-UBND");
  vp_meta_clear(&m);
  /* a central Party body's code ("…/BTGDVTW", "…/VPTW"): a national
  ** document, whatever its place line says */
  static const char zParty[] =
      "|\nBAN CHẤP HÀNH\nTRUNG ƯƠNG\n**BAN TUYÊN GIÁO VÀ DÂN VẬN**\n*\n|\n**ĐẢNG CỘNG SẢN\nVIỆT NAM**\n"
      "---------------\n|\n|\nSố 37-HD/BTGDVTW\n|\n*Hà Nội, ngày 19 tháng 11 năm 2025*\n|\n\n"
      "**HƯỚNG DẪN**\n\n**TUYÊN TRUYỀN KỶ NIỆM NGÀY THÀNH LẬP**\n";
  vp_text *pParty = NULL;
  char *zErrParty = NULL;
  CHECK("central party body: read", vp_reader_parse(zParty, strlen(zParty), &pParty, &zErrParty) == VP_OK);
  CHECK("central party body: extract", pParty && vp_meta_extract(pParty, &m, &zErrParty) == VP_OK);
  vp_reader_free(pParty);
  free(zErrParty);
  CHECK_STR("central party body: no province", m.zProvince, NULL);
  CHECK_STR("central party body: its code's name", m.zIssuer, "Ban Tuyên giáo và Dân vận Trung ương");
  vp_meta_clear(&m);
  static const char zGluedYear[] =
      "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 2641/QĐ-UBND\nĐà Nẵng, ngày 18 tháng 11năm 2025\n"
      "QUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ\n";
  CHECK("glued year word: extract", extract(zGluedYear, 1, &m) == VP_OK);
  CHECK_STR("glued year word: a month glued to the word after it", m.zDate, "2025-11-18");
  vp_meta_clear(&m);
  /* a kind name in lower case is a menu's entry, no heading; a National
  ** Assembly body's number with its term ("UBTVQH15") names it national */
  static const char zMenu[] = "Trang Chính\nHướng dẫn\nGiới thiệu Wikipedia\nBài viết về tỉnh Khánh Hòa.\n";
  CHECK("menu: extract", extract(zMenu, 1, &m) == VP_OK);
  CHECK_STR("menu: no kind", m.zKind, NULL);
  vp_meta_clear(&m);
  static const char zStanding[] =
      "Số: 1667/NQ-UBTVQH15\nNGHỊ QUYẾT\nVề việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Khánh Hòa năm 2025\n"
      "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n";
  CHECK("standing committee: extract", extract(zStanding, 1, &m) == VP_OK);
  CHECK_STR("standing committee: issuer from the number", m.zIssuer, "Ủy ban Thường vụ Quốc hội");
  CHECK_STR("standing committee: national", m.zProvince, NULL);
  vp_meta_clear(&m);
  /* a scanned portal page: its labels and values apart, some 40 lines,
  ** before the document's own header and kind heading */
  vp_buf b = {0};
  int rcB = VP_OK;
  static const char *const azLabel[] = {"Số hiệu:", "Loại văn bản:", "Nơi ban hành:", "Người ký:", "Ngày ban hành:"};
  for (int r = 0; r < 8; r++)
    for (int k = 0; k < 5; k++) vp_buf_appendf(&b, &rcB, "%s\n", azLabel[k]);
  vp_buf_appends(&b, "980/KH-UBND\nKế hoạch\nTỉnh Nghệ An\nỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 980/KH-UBND\n"
                     "Nghệ An, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nTHỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG\n", &rcB);
  char *zScanned = vp_buf_take(&b);
  CHECK("scanned portal page: extract", rcB == VP_OK && zScanned && extract(zScanned, 1, &m) == VP_OK);
  CHECK_STR("scanned portal page: the heading's kind past the table", m.zKind, "Kế hoạch");
  CHECK_STR("scanned portal page: number", m.zNumber, "980/KH-UBND");
  CHECK_STR("scanned portal page: date", m.zDate, "2025-11-18");
  vp_meta_clear(&m);
  free(zScanned);
  static const char zNoV[] = "Một đoạn văn.\nV/v là viết tắt của về việc.\n";
  CHECK("V/v in prose: extract", extract(zNoV, 1, &m) == VP_OK);
  CHECK_STR("V/v in prose: no kind", m.zKind, NULL);
  vp_meta_clear(&m);
}

int main(void) {
  test_cell_per_line_header();
  test_city_header();
  test_number_on_next_line();
  test_abbreviated_header_tsv();
  test_department_header();
  test_no_header_body_counts();
  test_telegram_formula();
  test_appendix_number();
  test_empty_and_kindless();
  test_wrapped_and_draft();
  test_motto_as_issuer_cell();
  test_scanned_headers();
  test_kind_as_value();
  test_glued_kind_heading();
  test_law();
  test_title_in_capitals();
  test_portal_fields();
  test_letter_header();
  test_corpus_lines();
  test_corpus();
  return vp_test_done();
}
