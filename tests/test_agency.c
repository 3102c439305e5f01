/*
** test_agency.c — unit tests of the agency table, scanner and resolver
** (indexer/extract/agency.c): aliases, generic groups, names with commas, trailing
** province, named bodies outside the table (whole names only; no person,
** place, title or cut name), line breaks, national and provincial levels,
** offsets, successors.
*/
#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_test.h"

typedef struct scan_result {
  vp_agency_mention *a;
  int n;
} scan_result;

static scan_result scan(const char *z) {
  scan_result r = {NULL, 0};
  int rc = vp_agency_scan(z, (int)strlen(z), &r.a, &r.n);
  CHECK("scan returns VP_OK", rc == VP_OK);
  return r;
}

static void scan_free(scan_result *r) { vp_agency_mentions_free(r->a, r->n); }

/* The text scans to exactly one mention with canonical name zCanon. */
static int one_mention_is(const char *z, const char *zCanon) {
  scan_result r = scan(z);
  int ok = r.n == 1 && strcmp(r.a[0].zCanon, zCanon) == 0;
  if (!ok) {
    fprintf(stderr, "  '%s': %d mentions", z, r.n);
    for (int i = 0; i < r.n; i++) fprintf(stderr, " [%s|%s]", r.a[i].zName, r.a[i].zCanon);
    fprintf(stderr, "\n");
  }
  scan_free(&r);
  return ok;
}

/* The canonical names of all mentions, joined by " ; ". Caller frees. */
static char *canons(const char *z) {
  scan_result r = scan(z);
  vp_buf b = {0};
  int rc = VP_OK;
  for (int i = 0; i < r.n; i++) {
    if (i) vp_buf_appends(&b, " ; ", &rc);
    vp_buf_appends(&b, r.a[i].zCanon, &rc);
  }
  scan_free(&r);
  return vp_buf_take(&b);
}

static int canons_are(const char *z, const char *zWant) {
  char *zGot = canons(z);
  int ok = zGot && strcmp(zGot, zWant) == 0;
  if (!ok) fprintf(stderr, "  '%s'\n    got  [%s]\n    want [%s]\n", z, zGot ? zGot : "(null)", zWant);
  free(zGot);
  return ok;
}

static const char *resolved(const char *zTyped) {
  const vp_agency *p = vp_agency_resolve(zTyped);
  return p ? p->zCanon : "";
}

static void test_table(void) {
  CHECK("table has records", vp_agency_count() > 50);
  CHECK("get out of range is NULL", vp_agency_get(-1) == NULL && vp_agency_get(vp_agency_count()) == NULL);
  int nGeneric = 0, bFoundTaiChinh = 0;
  for (int i = 0; i < vp_agency_count(); i++) {
    const vp_agency *p = vp_agency_get(i);
    nGeneric += p->bGeneric;
    if (strcmp(p->zCanon, "Sở Tài chính") == 0) {
      bFoundTaiChinh = 1;
      CHECK("Sở Tài chính is its own successor: NULL", p->zSuccessor == NULL);
      CHECK("Sở Tài chính kind", strcmp(p->zKind, "sở") == 0);
    }
  }
  CHECK("generic groups exist", nGeneric >= 4);
  CHECK("Sở Tài chính in table", bFoundTaiChinh);
}

static void test_aliases(void) {
  CHECK("full name", one_mention_is("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Phát triển nông thôn"));
  CHECK("PTNT", one_mention_is("Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"));
  CHECK("NN&PTNT", one_mention_is("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"));
  CHECK("NN và PTNT", one_mention_is("Sở NN và PTNT", "Sở Nông nghiệp và Phát triển nông thôn"));
  CHECK("KH&CN", one_mention_is("Sở KH&CN", "Sở Khoa học và Công nghệ"));
  CHECK("KH & CN", one_mention_is("Sở KH & CN", "Sở Khoa học và Công nghệ"));
  CHECK("KHCN", one_mention_is("Sở KHCN", "Sở Khoa học và Công nghệ"));
  CHECK("KH&ĐT", one_mention_is("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"));
  CHECK("KHĐT", one_mention_is("Sở KHĐT", "Sở Kế hoạch và Đầu tư"));
  CHECK("TT&TT", one_mention_is("Sở TT&TT", "Sở Thông tin và Truyền thông"));
  CHECK("LĐTBXH", one_mention_is("Sở LĐTBXH", "Sở Lao động, Thương binh và Xã hội"));
  CHECK("LĐ-TB&XH", one_mention_is("Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội"));
  CHECK("TN&MT", one_mention_is("Sở TN&MT", "Sở Tài nguyên và Môi trường"));
  CHECK("GD&ĐT", one_mention_is("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"));
  CHECK("2025 Sở", one_mention_is("Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường"));
  CHECK("2025 Sở DT&TG", one_mention_is("Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo"));
  CHECK("VP UBND tỉnh", one_mention_is("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"));
  CHECK("Văn phòng UBND tỉnh", one_mention_is("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"));
  CHECK("Đài PT-TH tỉnh", one_mention_is("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"));
  CHECK("MTTQ long", one_mention_is("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
  CHECK("MTTQ short", one_mention_is("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
  CHECK("MTTQ mixed", one_mention_is("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
  CHECK("MTTQ standing board", one_mention_is("Ban Thường trực Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu",
                                              "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
  CHECK("MT without UB", one_mention_is("Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"));
  CHECK("LHH lowercase", one_mention_is("Liên hiệp các Hội khoa học kỹ thuật tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"));
  CHECK("LHH KH&KT", one_mention_is("Liên hiệp các Hội KH&KT tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"));
  CHECK("Ban Tuyên giáo uỷ", one_mention_is("Ban Tuyên giáo Tỉnh uỷ", "Ban Tuyên giáo Tỉnh ủy"));
  CHECK("Cục Thuế", one_mention_is("Cục Thuế tỉnh", "Cục Thuế tỉnh"));
  CHECK("Hiệp hội DN lower", one_mention_is("Hiệp hội doanh nghiệp tỉnh", "Hiệp hội Doanh nghiệp tỉnh"));
  CHECK("Thuế tỉnh (2025)", one_mention_is("Thuế tỉnh Lâm Đồng", "Thuế tỉnh"));
  CHECK("Thuế thành phố (2025)", one_mention_is("Thuế thành phố Hà Nội", "Thuế tỉnh"));
  CHECK("Thống kê tỉnh (2025)", one_mention_is("Chi cục Thống kê tỉnh Lâm Đồng", "Thống kê tỉnh"));
  CHECK("regional treasury", one_mention_is("Kho bạc Nhà nước khu vực XV", "Kho bạc Nhà nước khu vực"));
  CHECK("the State Bank's regional branch", one_mention_is("Ngân hàng Nhà nước chi nhánh khu vực 14",
                                                          "Ngân hàng Nhà nước chi nhánh khu vực"));
  CHECK("the State Bank's provincial branch", one_mention_is("Ngân hàng Nhà nước chi nhánh tỉnh",
                                                            "Ngân hàng Nhà nước chi nhánh tỉnh"));
  CHECK("a tax is no body", canons_are("Thuế thu nhập cá nhân tăng", ""));
  CHECK("a verb after a place ends the name",
        canons_are("Trung tâm Chuyển đổi số Thành phố xây dựng cơ sở dữ liệu", "Trung tâm Chuyển đổi số Thành phố"));
  CHECK("Chánh văn phòng, lower case",
        canons_are("Chánh văn phòng Ủy ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"));
  CHECK("a lower-case office is no body: only the committee after it",
        canons_are("văn phòng Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"));
  CHECK("the province's committee, by 'tỉnh' or 'Thành phố'",
        canons_are("Giao Ủy ban nhân dân Thành phố tổ chức thực hiện; báo cáo UBND tỉnh",
                   "Ủy ban nhân dân tỉnh ; Ủy ban nhân dân tỉnh"));
  CHECK("a commune's committee is not the province's",
        canons_are("Ủy ban nhân dân xã Tân Lập lập danh sách", ""));
  CHECK("a group of public service units",
        canons_are("Các cơ quan, đơn vị sự nghiệp công lập, UBND cấp xã căn cứ Danh mục",
                   "Các sở, ban, ngành ; Ủy ban nhân dân các xã, phường, đặc khu"));
  CHECK("the council's committees", canons_are("Giao các Ban Hội đồng nhân dân tỉnh giám sát", "Các Ban của Hội đồng nhân dân tỉnh"));
  CHECK("a committee named with its province, a verb after",
        canons_are("Giao Ủy ban nhân dân tỉnh Nghệ An bố trí nguồn lực", "Ủy ban nhân dân tỉnh Nghệ An"));
  CHECK("a committee named with its province keeps the name",
        canons_are("Ủy ban nhân dân tỉnh Gia Lai khẩn trương", "Ủy ban nhân dân tỉnh Gia Lai"));
  CHECK("the Party committee of the province's committee is a body of its own",
        canons_are("Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo", "Đảng ủy Ủy ban nhân dân tỉnh"));
  CHECK("a commune committee written with a slash is the communes' group",
        canons_are("Ủy ban nhân dân xã/phường lập danh sách", "Ủy ban nhân dân các xã, phường, đặc khu"));
}

static void test_variants(void) {
  /* NFD: "Sở" = S o U+031B U+0300, "Tài" = T a U+0300 i */
  CHECK("NFD", one_mention_is("So\xcc\x9b\xcc\x89 Ta\xcc\x80i chi\xcc\x81nh", "Sở Tài chính"));
  CHECK("tone placement", one_mention_is("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"));
  CHECK("no diacritics", one_mention_is("So Tai chinh", "Sở Tài chính"));
  CHECK("line break inside a name", one_mention_is("Sở Khoa học\nvà Công nghệ", "Sở Khoa học và Công nghệ"));
  CHECK("upper case", one_mention_is("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"));
}

static void test_commas_and_lists(void) {
  CHECK("comma name whole", canons_are("phối hợp với Sở Lao động, Thương binh và Xã hội, Sở Y tế",
                                       "Sở Lao động, Thương binh và Xã hội ; Sở Y tế"));
  CHECK("zones' boards written in lower case, province after",
        canons_are("Giao Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ chỉ đạo",
                   "Ban Quản lý các khu chế xuất và công nghiệp"));
  CHECK("a list goes on past a board of high-tech farming",
        canons_are("Ban quản lý Khu Kinh tế Phú Yên, Ban quản lý Khu Nông nghiệp ứng dụng Công nghệ cao Phú "
                   "Yên, Ban Quản lý các Khu công nghiệp tỉnh",
                   "Ban Quản lý Khu kinh tế ; Ban Quản lý Khu nông nghiệp ứng dụng công nghệ cao ; "
                   "Ban Quản lý các Khu công nghiệp"));
  CHECK("comma name VHTTDL", canons_are("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế",
                                        "Sở Văn hóa, Thể thao và Du lịch ; Sở Y tế"));
  CHECK("list with và", canons_are("Sở Tài chính, Sở Kế hoạch và Đầu tư và Sở Nội vụ",
                                   "Sở Tài chính ; Sở Kế hoạch và Đầu tư ; Sở Nội vụ"));
  CHECK("word boundary: no Sở inside a word", canons_are("Cơ sở tài chính vững mạnh", ""));
  CHECK("KH&CN alone is not a Sở", canons_are("danh mục nhiệm vụ KH&CN do Sở Khoa học và Công nghệ",
                                              "Sở Khoa học và Công nghệ"));
  CHECK("báo cáo is not Báo", canons_are("báo cáo Ủy ban nhân dân tỉnh kết quả", "Ủy ban nhân dân tỉnh"));
  CHECK("BÁO CÁO is not Báo", canons_are("BÁO CÁO KẾT QUẢ", ""));
}

static void test_generic(void) {
  CHECK("generic before Sở", canons_are("các Sở, ngành, địa phương có liên quan", "Các sở, ban, ngành"));
  CHECK("generic whole", one_mention_is("Các sở, ban, ngành, đơn vị và địa phương", "Các sở, ban, ngành"));
  CHECK("generic cấp tỉnh", one_mention_is("Các Sở, ban, ngành cấp tỉnh", "Các sở, ban, ngành"));
  CHECK("generic ban ngành", one_mention_is("các sở, ban ngành liên quan", "Các sở, ban, ngành"));
  CHECK("generic UBND", one_mention_is("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thị xã, thành phố"));
  CHECK("generic UBND long", one_mention_is("Ủy ban nhân dân các huyện, thị xã, thành phố",
                                            "Ủy ban nhân dân các huyện, thị xã, thành phố"));
  CHECK("two generics", canons_are("Các sở, ban, ngành, UBND các huyện, thị xã, thành phố",
                                   "Các sở, ban, ngành ; Ủy ban nhân dân các huyện, thị xã, thành phố"));
  CHECK("related units", one_mention_is("các cơ quan, đơn vị có liên quan", "Các đơn vị liên quan"));
  CHECK("socio-political", one_mention_is("các tổ chức chính trị - xã hội tỉnh", "Các tổ chức chính trị - xã hội"));
  CHECK("generic + specific", canons_are("Sở Tài chính và các cơ quan, đơn vị có liên quan",
                                         "Sở Tài chính ; Các đơn vị liên quan"));
  const vp_agency *p = vp_agency_resolve("các sở, ban, ngành");
  CHECK("generic resolves", p && p->bGeneric);
}

static void test_place(void) {
  scan_result r = scan("Ủy ban Mặt trận tổ quốc Việt Nam tỉnh Tuyên Quang và tổ chức chính trị - xã hội");
  CHECK("MTTQ + province: two mentions", r.n == 2);
  if (r.n == 2) {
    CHECK("province absorbed", strcmp(r.a[0].zName, "Ủy ban Mặt trận tổ quốc Việt Nam tỉnh Tuyên Quang") == 0);
    CHECK("second is generic", r.a[1].pAgency && r.a[1].pAgency->bGeneric);
  }
  scan_free(&r);
  r = scan("Sở Thông tin và Truyền thông, Báo Bình Thuận, Đài Phát thanh - Truyền hình Bình Thuận:");
  CHECK("three mentions", r.n == 3);
  if (r.n == 3) {
    CHECK("Báo tỉnh", strcmp(r.a[1].zCanon, "Báo tỉnh") == 0 && strcmp(r.a[1].zName, "Báo Bình Thuận") == 0);
    CHECK("Đài", strcmp(r.a[2].zCanon, "Đài Phát thanh và Truyền hình tỉnh") == 0);
    CHECK("Đài written", strcmp(r.a[2].zName, "Đài Phát thanh - Truyền hình Bình Thuận") == 0);
  }
  scan_free(&r);
  CHECK("Báo Ninh Thuận", one_mention_is("Báo Ninh Thuận", "Báo tỉnh"));
  CHECK("Tỉnh ủy not absorbed as tỉnh", canons_are("Sở Nội vụ Tỉnh ủy", "Sở Nội vụ"));
}

static void test_offsets(void) {
  const char *z = "- Phối hợp với Sở Tài chính, Sở KH&ĐT lập kế hoạch";
  scan_result r = scan(z);
  CHECK("two mentions", r.n == 2);
  if (r.n == 2) {
    CHECK("offset 1", strncmp(z + r.a[0].iStart, "Sở Tài chính", (size_t)(r.a[0].iEnd - r.a[0].iStart)) == 0 &&
                          r.a[0].iEnd - r.a[0].iStart == (int)strlen("Sở Tài chính"));
    CHECK("offset 2", r.a[1].iEnd - r.a[1].iStart == (int)strlen("Sở KH&ĐT") &&
                          strncmp(z + r.a[1].iStart, "Sở KH&ĐT", strlen("Sở KH&ĐT")) == 0);
    CHECK("name as written", strcmp(r.a[1].zName, "Sở KH&ĐT") == 0);
  }
  scan_free(&r);
}

static void test_outside(void) {
  scan_result r = scan("10. Trường Đại học Tân Trào, Trường Cao đẳng nghề Kỹ thuật - Công nghệ");
  CHECK("two schools", r.n == 2);
  if (r.n == 2) {
    CHECK("outside: no record", r.a[0].pAgency == NULL && r.a[1].pAgency == NULL);
    CHECK("school 1", strcmp(r.a[0].zCanon, "Trường Đại học Tân Trào") == 0);
    CHECK("school 2", strcmp(r.a[1].zCanon, "Trường Cao đẳng nghề Kỹ thuật - Công nghệ") == 0);
  }
  scan_free(&r);
  CHECK("name ends at proper name", canons_are("Trường Đại học Tân Trào tổ chức Hội thảo", "Trường Đại học Tân Trào"));
  CHECK("long name to a place", canons_are("cho Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Tuyên Quang để trở thành",
                                           "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Tuyên Quang"));
  CHECK("lowercase head is no name", canons_are("các trường đại học, viện nghiên cứu", ""));
  CHECK("table first", canons_are("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"));
  CHECK("outside stops before a table name",
        canons_are("Trung tâm Khuyến nông và Sở Y tế", "Trung tâm Khuyến nông ; Sở Y tế"));
  CHECK("outside: one tone placement", canons_are("Trung tâm Văn hoá Thông tin Thuỵ Khuê", "Trung tâm Văn hóa Thông tin Thụy Khuê"));
  CHECK("outside: quý keeps its tone", canons_are("Trường Tiểu học Quý Hoà", "Trường Tiểu học Quý Hòa"));
  scan_result r2 = scan("Trung tâm Văn hoá Thông tin");
  CHECK("outside: written name kept", r2.n == 1 && strcmp(r2.a[0].zName, "Trung tâm Văn hoá Thông tin") == 0);
  scan_free(&r2);
  CHECK("outside resolves to NULL", vp_agency_resolve("Trường Đại học Tân Trào") == NULL);
}

/* Head nouns are compared as written, with their tones: a person, a place,
** a title, an event is no agency. */
static void test_not_agencies(void) {
  CHECK("singer Cúc", canons_are("Cúc Tịnh Y, nữ ca sĩ, sinh năm 1994", ""));
  CHECK("person Trương", canons_are("Trương Đồng là người Quảng Đông", ""));
  CHECK("place Trường Sơn", canons_are("dãy Trường Sơn và quần đảo Trường Sa", ""));
  CHECK("person Trường Chinh", canons_are("Tổng Bí thư Trường Chinh phát biểu", ""));
  CHECK("title Viện trưởng", canons_are("Viện trưởng: Đại tá Nguyễn Văn An", ""));
  CHECK("title Viện Phó", canons_are("Viện Phó Nguyễn Văn An ký", ""));
  CHECK("typhoon", canons_are("Bão Yagi được Chính phủ Việt Nam theo dõi", ""));
  CHECK("head alone", canons_are("Giám đốc Sở chủ trì, Trung tâm phối hợp", ""));
  CHECK("head + generic word", canons_are("Trung tâm Khoa học và các viện", ""));
  CHECK("Hội An is a town", canons_are("Hội An là đô thị cổ", ""));
  CHECK("Đoàn as a surname", canons_are("Đoàn Văn Hậu ghi bàn", ""));
  CHECK("Đoàn as a delegation", canons_are("Đoàn Chủ tọa điều hành", ""));
  CHECK("Đài Loan", canons_are("Đài Loan và Hồng Kông", ""));
  CHECK("Bộ luật is no ministry", canons_are("Bộ luật Hình sự năm 2015", ""));
  CHECK("Bộ đội is no ministry", canons_are("Bộ đội Biên phòng tuần tra", ""));
  CHECK("a plural", canons_are("Vụ Các ban, bộ, ngành", ""));
  CHECK("national group of ministries", canons_are("phối hợp với các bộ, ngành liên quan", "Các bộ, ngành"));
  CHECK("provinces' committees",
        canons_are("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "Ủy ban nhân dân các tỉnh, thành phố"));
  CHECK("Viện as written", one_mention_is("Viện Khoa học xã hội Việt Nam công bố", "Viện Khoa học xã hội Việt Nam"));
}

/* Names outside the table are whole: they end where the name ends, never
** inside it and never in the sentence after it. */
static void test_whole_names(void) {
  CHECK("Gazprom", canons_are("Tập đoàn Gazprom của Nga sẽ tăng giá khí", "Tập đoàn Gazprom"));
  CHECK("comma name stays whole",
        canons_are("Trung tâm Văn hóa, Thông tin và Thể thao huyện tổ chức giải",
                   "Trung tâm Văn hóa, Thông tin và Thể thao huyện"));
  CHECK("two fields joined by và",
        canons_are("Cục Trồng trọt và Bảo vệ thực vật trình Bộ trưởng", "Cục Trồng trọt và Bảo vệ thực vật"));
  CHECK("lowercase name words",
        canons_are("Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ",
                   "Trung tâm Phục vụ hành chính công tỉnh"));
  CHECK("field across its comma", canons_are("trích nộp Quỹ Phòng, chống thiên tai;", "Quỹ Phòng, chống thiên tai"));
  CHECK("a list is no name", canons_are("Trung tâm Khuyến nông, Viettel Bắc Ninh", "Trung tâm Khuyến nông ; Viettel tỉnh"));
  CHECK("ministry: the name only", canons_are("Bộ Tài chính sửa đổi Thông tư số 10", "Bộ Tài chính"));
  CHECK("ministry with and", canons_are("Bộ Công an và Kế hoạch này", "Bộ Công an"));
  CHECK("ministry before a verb no list holds", canons_are("Bộ Tài chính xuất cấp gạo dự trữ", "Bộ Tài chính"));
  CHECK("ministry before a number: no name", canons_are("Bộ Y tế 2020", ""));
  CHECK("a branch named by its province", canons_are("Viễn thông Ninh Bình phối hợp", "Viễn thông tỉnh"));
  CHECK("a branch's name in capitals", canons_are("VNPT Cao Bằng, Bưu điện tỉnh Cao Bằng phối hợp",
                                                  "Viễn thông tỉnh ; Bưu điện tỉnh"));
  CHECK("a word in capitals is no branch's name", canons_are("BÁO CÁO tỉnh Cao Bằng", ""));
  CHECK("a centrally-run city's Party bodies are the province's",
        canons_are("Đề nghị Văn phòng Thành ủy, Ban Tuyên giáo và Dân vận Thành ủy phối hợp",
                   "Văn phòng Tỉnh ủy ; Ban Tuyên giáo và Dân vận Tỉnh ủy"));
  CHECK("'Cơ quan' before a branch's name is part of it",
        canons_are("Sở Tài chính, Cơ quan Thuế tỉnh, Kho bạc nhà nước và Ủy ban nhân dân các xã, phường căn cứ",
                   "Sở Tài chính ; Thuế tỉnh ; Kho bạc Nhà nước ; Ủy ban nhân dân các xã, phường, đặc khu"));
  CHECK("a branch's head with Việt Nam is no branch",
        canons_are("Tập đoàn Bưu chính Viễn thông Việt Nam chủ trì", "Tập đoàn Bưu chính Viễn thông Việt Nam"));
  CHECK("no document after và", canons_are("Ban Thường vụ Tỉnh ủy và Kế hoạch số 24", "Ban Thường vụ Tỉnh ủy"));
  CHECK("verb after a proper name", canons_are("Ủy ban Thường vụ Quốc hội nhận được tờ trình", "Ủy ban Thường vụ Quốc hội"));
  CHECK("a verb that is also a name word",
        canons_are("Văn phòng Chính phủ xây dựng dự thảo", "Văn phòng Chính phủ"));
  CHECK("the same word inside a name",
        canons_are("Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh;",
                   "Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh"));
  CHECK("a bare head noun ends no name", canons_are("Ban Giám đốc Trung tâm họp", ""));
  CHECK("unknown end: nothing", canons_are("Bệnh viện Bạch Mai khám bệnh cho người dân", ""));
  CHECK("unknown end: a number follows", canons_are("Bệnh viện Quân y 103 tiếp nhận", ""));
  CHECK("capitals that are no abbreviation", canons_are("Học viện Tài chính TẢI VỀ", "Học viện Tài chính"));
  CHECK("place head", canons_are("Công an huyện Yên Sơn phối hợp", "Công an huyện Yên Sơn"));
  CHECK("school number", canons_are("Trường THCS số 1 và Trường THCS số 2", "Trường THCS số 1 ; Trường THCS số 2"));
  CHECK("head inside a name", canons_are("Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh tổng hợp",
                                         "Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh"));
}

/* A line break inside a name is a space; a name cut at one is no name. */
static void test_line_breaks(void) {
  CHECK("table name across a line", one_mention_is("Sở Văn hóa,\nThể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"));
  CHECK("outside name across a line",
        canons_are("Trung tâm Văn hóa,\nThông tin và Thể thao huyện;", "Trung tâm Văn hóa, Thông tin và Thể thao huyện"));
  CHECK("dangling comma", canons_are("phối hợp với Sở Văn hóa,", ""));
  CHECK("dangling và", canons_are("phối hợp với Trung tâm Khuyến nông và", ""));
  CHECK("cut table name Sở Văn hóa", canons_are("Sở Văn hóa", ""));
  CHECK("cut table name Sở Nông nghiệp", canons_are("- Sở Nông nghiệp", ""));
  CHECK("cut table name Sở Công", canons_are("Sở Công", ""));
  CHECK("a table name without its tỉnh is not cut",
        canons_are("Đoàn Thanh niên Cộng sản Hồ Chí Minh phát động", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"));
}

/* A national body keeps its national name; "tỉnh" only where written so or
** provincial by nature. */
static void test_level(void) {
  CHECK("Cục Thuế national", one_mention_is("Cục Thuế hướng dẫn", "Cục Thuế"));
  CHECK("Cục Thuế tỉnh", one_mention_is("Cục Thuế tỉnh hướng dẫn", "Cục Thuế tỉnh"));
  CHECK("Cục Thuế + province", one_mention_is("Cục Thuế Bình Thuận", "Cục Thuế tỉnh"));
  CHECK("Kho bạc national", one_mention_is("Kho bạc Nhà nước", "Kho bạc Nhà nước"));
  CHECK("Tổng cục", one_mention_is("Tổng cục Thuế chỉ đạo", "Tổng cục Thuế"));
  CHECK("Bộ", one_mention_is("Bộ Tài chính", "Bộ Tài chính"));
  CHECK("mass organisation: provincial", one_mention_is("Hội Nông dân phối hợp", "Hội Nông dân tỉnh"));
  scan_result r = scan("Hội Nông dân Việt Nam chỉ đạo");
  CHECK("mass organisation + Việt Nam: national, as written",
        r.n == 1 && r.a[0].pAgency == NULL && strcmp(r.a[0].zCanon, "Hội Nông dân Việt Nam") == 0);
  scan_free(&r);
  r = scan("Ban Tuyên giáo và Dân vận Trung ương chủ trì hướng dẫn");
  CHECK("a Party board + Trung ương: national, as written, not the Tỉnh ủy's",
        r.n == 1 && r.a[0].pAgency == NULL &&
            strcmp(r.a[0].zCanon, "Ban Tuyên giáo và Dân vận Trung ương") == 0);
  scan_free(&r);
  CHECK("a city's own plan", one_mention_is("Công an thành phố chủ trì", "Công an tỉnh"));
  CHECK("Thành phố", one_mention_is("Bảo hiểm xã hội Thành phố phối hợp", "Bảo hiểm xã hội tỉnh"));
  CHECK("merged newspaper and broadcaster",
        one_mention_is("Báo và Phát thanh, Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình tỉnh"));
  CHECK("supreme court", one_mention_is("Tòa án nhân dân tối cao", "Tòa án nhân dân tối cao"));
  const vp_agency *p = vp_agency_resolve("Cục Thuế");
  CHECK("national record", p && strcmp(p->zCanon, "Cục Thuế") == 0 && strcmp(p->zKind, "trung ương") == 0);
}

static void test_resolve(void) {
  CHECK("so tai chinh", strcmp(resolved("so tai chinh"), "Sở Tài chính") == 0);
  CHECK("Sở KH&CN", strcmp(resolved("Sở KH&CN"), "Sở Khoa học và Công nghệ") == 0);
  CHECK("sokhcn", strcmp(resolved("sokhcn"), "Sở Khoa học và Công nghệ") == 0);
  CHECK("Sở NN&PTNT", strcmp(resolved("Sở NN&PTNT"), "Sở Nông nghiệp và Phát triển nông thôn") == 0);
  CHECK("Đài", strcmp(resolved("Đài Phát thanh và Truyền hình tỉnh"), "Đài Phát thanh và Truyền hình tỉnh") == 0);
  CHECK("MTTQ", strcmp(resolved("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") == 0);
  CHECK("LHH", strcmp(resolved("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"), "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh") == 0);
  CHECK("Cục Thuế", strcmp(resolved("Cục Thuế tỉnh"), "Cục Thuế tỉnh") == 0);
  CHECK("Cục Thuế no tỉnh is national", strcmp(resolved("cuc thue"), "Cục Thuế") == 0);
  CHECK("Hiệp hội", strcmp(resolved("Hiệp hội Doanh nghiệp tỉnh"), "Hiệp hội Doanh nghiệp tỉnh") == 0);
  CHECK("Báo tỉnh", strcmp(resolved("Báo tỉnh"), "Báo tỉnh") == 0);
  CHECK("trailing words refuse", vp_agency_resolve("Sở Tài chính và Sở Y tế") == NULL);
  CHECK("nonsense", vp_agency_resolve("con mèo") == NULL);
  CHECK("empty", vp_agency_resolve("") == NULL && vp_agency_resolve(NULL) == NULL);
  CHECK("every canonical resolves to itself", 1);
  for (int i = 0; i < vp_agency_count(); i++) {
    const vp_agency *p = vp_agency_get(i);
    const vp_agency *q = vp_agency_resolve(p->zCanon);
    if (q != p) {
      fprintf(stderr, "  canonical '%s' resolves to '%s'\n", p->zCanon, q ? q->zCanon : "NULL");
      CHECK("canonical resolves to itself", 0);
    }
  }
}

static void test_successors(void) {
  const vp_agency *p = vp_agency_resolve("Sở Kế hoạch và Đầu tư");
  CHECK("KH&ĐT successor", p && p->zSuccessor && strcmp(p->zSuccessor, "Sở Tài chính") == 0);
  CHECK("KH&ĐT note", p && p->zSuccessorNote && strcmp(p->zSuccessorNote, "merged") == 0);
  p = vp_agency_resolve("Sở Thông tin và Truyền thông");
  CHECK("TT&TT successor", p && p->zSuccessor && strcmp(p->zSuccessor, "Sở Khoa học và Công nghệ") == 0);
  p = vp_agency_resolve("Ban Dân tộc");
  CHECK("Ban Dân tộc successor", p && p->zSuccessor && strcmp(p->zSuccessor, "Sở Dân tộc và Tôn giáo") == 0);
  p = vp_agency_resolve("Ngân hàng Nhà nước chi nhánh tỉnh");
  CHECK("the State Bank's provincial branch: its regional successor",
        p && p->zSuccessor && strcmp(p->zSuccessor, "Ngân hàng Nhà nước chi nhánh khu vực") == 0);
  p = vp_agency_resolve("Sở Y tế");
  CHECK("Y tế unchanged", p && p->zSuccessor == NULL && p->zSuccessorNote == NULL);
  p = vp_agency_resolve("Sở Khoa học và Công nghệ");
  CHECK("KH&CN itself: NULL", p && p->zSuccessor == NULL);
}

int main(void) {
  test_table();
  test_aliases();
  test_variants();
  test_commas_and_lists();
  test_generic();
  test_place();
  test_offsets();
  test_outside();
  test_not_agencies();
  test_whole_names();
  test_line_breaks();
  test_level();
  test_resolve();
  test_successors();
  scan_result r = scan("");
  CHECK("empty text: no mentions", r.n == 0 && r.a == NULL);
  return vp_test_done();
}
