/*
** test_rerank.c — how search ranks what it finds: vp_occur's reading of
** how the query's words stand in a passage (as the term, broken, only in a
** cited title), and the orderings it gives on a small indexed fixture (a
** law's number after the words, a law's title, the same sentence in three
** documents, an encyclopedia's text and its list of sources, an
** instrument's number typed loosely, with its year).
** Orderings, not scores or timings.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vp_common.h"
#include "vp_indexer.h"
#include "vp_occur.h"
#include "vp_query.h"
#include "vp_test.h"
#include "vp_test_dir.h"

static vp_occur_count count(const char *zQuery, const char *zText) {
  vp_occur_count o = {-1, -1, -1};
  vp_occur_query *q = NULL;
  if (vp_occur_query_new(zQuery, &q) == VP_OK && q) vp_occur_count_in(q, zText, (int)strlen(zText), &o);
  vp_occur_query_free(q);
  return o;
}

static int broken(const char *zQuery, const char *zText) {
  vp_occur_query *q = NULL;
  int n = -2;
  if (vp_occur_query_new(zQuery, &q) == VP_OK && q) n = vp_occur_words_broken(q, zText, (int)strlen(zText));
  vp_occur_query_free(q);
  return n;
}

static void test_occur(void) {
  /* i and y of one word (query-words.tsv iy-initial) compare equal */
  CHECK("'tỷ lệ' stands as the term in 'tỉ lệ'", count("tỷ lệ hộ nghèo", "giảm tỉ lệ hộ nghèo").nTerm == 1);
  CHECK("'ky thuat' stands as the term in 'kĩ thuật'", count("ky thuat so", "hạ tầng kĩ thuật số").nTerm == 1);
  CHECK("the term inside a body's name whose head has lower-case words ('Ban quản lý Khu …') is cited",
        count("nông nghiệp công nghệ cao", "đề nghị Ban quản lý Khu Nông nghiệp Công nghệ cao thông qua các kênh").nCited ==
            1);
  CHECK("'vi' and 'vy' stay two words", count("vi phạm hành chính", "Vy phạm hành chính").nTerm == 0);
  CHECK("'kĩ thuật' typed with i is still the pair 'kỹ thuật' ('kỹ' apart: broken)",
        broken("kĩ thuật số", "kỹ năng, thuật toán số") == 1);
  CHECK("'kỹ thuật' whole, written with y: not broken", broken("kĩ thuật số", "kỹ thuật số") == 0);
  CHECK("'cấp xã' held only apart ('cấp …, xã …'): one word broken",
        broken("chuyển đổi số cấp xã", "chuyển đổi số do cấp tỉnh hướng dẫn, xã thực hiện") == 1);
  CHECK("'cấp xã' held across a comma: broken", broken("chuyển đổi số cấp xã", "chuyển đổi số các cấp, xã") == 1);
  CHECK("'cấp xã' whole, apart from 'chuyển đổi số': none broken",
        broken("chuyển đổi số cấp xã", "trang thiết bị cho cấp xã. Chuyển đổi số là nhiệm vụ") == 0);
  CHECK("a word the passage lacks is not broken", broken("chuyển đổi số cấp xã", "chuyển đổi số quốc gia") == 0);
  vp_occur_count o = count("xã hội số", "theo Luật Bảo hiểm xã hội số 58/2014/QH13 và Luật Việc làm");
  CHECK("'số' before a number is a law's number, not the term", o.nTerm == 0 && o.nBroken == 1);
  o = count("xã hội số", "- Phát triển kinh tế số, xã hội số; bảo đảm an toàn");
  CHECK("the term before a ';'", o.nTerm == 1 && o.nBroken == 0 && o.nCited == 0);
  o = count("xa hoi so", "trợ cấp hưu trí xã hội. Số người hưởng tăng");
  CHECK("a clause break between the words", o.nTerm == 0 && o.nBroken == 1);
  o = count("khoa hoc cong nghe", "phát triển khoa học, công nghệ và đổi mới sáng tạo");
  CHECK("a comma is how the term is written", o.nTerm == 1);
  o = count("phòng chống ma túy", "công tác phòng, chống ma túy trong trường học");
  CHECK("a first word before a comma: the term", o.nTerm == 1);
  o = count("xã hội số", "người hưởng trợ cấp xã hội, số người có tài khoản");
  CHECK("the last word alone after a comma: another phrase", o.nTerm == 0 && o.nBroken == 1);
  o = count("doi moi sang tao", "- Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025;");
  CHECK("inside a cited law's title", o.nTerm == 1 && o.nCited == 1);
  o = count("đổi mới sáng tạo",
            "Nghị định mới khuyến khích đổi mới sáng tạo trong doanh nghiệp nhỏ và vừa");
  CHECK("'Nghị định mới' is no title", o.nTerm == 1 && o.nCited == 0);
  o = count("đổi mới sáng tạo", "theo pháp luật về đổi mới sáng tạo");
  CHECK("lowercase 'luật' is no title head", o.nTerm == 1 && o.nCited == 0);
  o = count("đổi mới sáng tạo",
            "Thực hiện Luật Khoa học, công nghệ và đổi mới sáng tạo; hỗ trợ đổi mới sáng tạo");
  CHECK("one run in a title, one not", o.nTerm == 2 && o.nCited == 1);
  o = count("đầu tư công", "- Tổng mức đầu tư công trình dự án BT được xác định");
  CHECK("the last word running into a word ('công trình'): another term", o.nTerm == 0 && o.nBroken == 1);
  o = count("dau tu cong", "- Phân bổ vốn đầu tư công trung hạn giai đoạn 2026 - 2030");
  CHECK("followed by no word of its own: the term", o.nTerm == 1 && o.nBroken == 0);
  o = count("dau tu cong", "vốn đầu tư cộng trình bày");
  CHECK("'công trình' is a word, 'cộng trình' is not: diacritics count", o.nTerm == 1);
  o = count("chuyển đổi số", "tỷ lệ chuyển đổi số trong các doanh nghiệp");
  CHECK("a grammatical word after the words runs into nothing", o.nTerm == 1);
  o = count("công an tỉnh", "Giám đốc Công an tỉnh Quảng Ninh chỉ đạo");
  CHECK("a name after the words is no word they run into", o.nTerm == 1);
  vp_occur_query *q = NULL;
  CHECK("quoted phrases are not judged", vp_occur_query_new("\"xã hội số\"", &q) == VP_OK && q == NULL);
  CHECK("operators are not judged", vp_occur_query_new("xã OR hội", &q) == VP_OK && q == NULL);
  CHECK("one word is not judged", vp_occur_query_new("xã", &q) == VP_OK && q == NULL);
  /* the share of its words a passage holds, one word or more, quotes aside */
  CHECK("one word has a share", vp_occur_words_new("y tế", &q) == VP_OK && q != NULL);
  CHECK("all of 'y tế'", q && vp_occur_share_in(q, "Sở Y tế tỉnh", (int)strlen("Sở Y tế tỉnh")) == 1.0);
  vp_occur_query_free(q);
  q = NULL;
  CHECK("words of a quoted phrase", vp_occur_words_new("\"phát triển du lịch\"", &q) == VP_OK && q);
  const char *zT = "Phát triển hạ tầng giao thông";
  CHECK("two of four words", q && vp_occur_share_in(q, zT, (int)strlen(zT)) == 0.5);
  vp_occur_query_free(q);
  q = NULL;
  CHECK("a word twice counts once", vp_occur_words_new("số hóa số", &q) == VP_OK && q);
  CHECK("one of two distinct words", q && vp_occur_share_in(q, "xã hội số", (int)strlen("xã hội số")) == 0.5);
  vp_occur_query_free(q);
  q = NULL;
  CHECK("no share for operators", vp_occur_words_new("xã OR hội", &q) == VP_OK && q == NULL);
}

static char zDir[64];

static void write_file(const char *zName, const char *z) { vp_test_dir_write(zDir, zName, z); }

/* The file names (without the folder) of the hits of zQuery, in order,
** into azFile (up to nMax); returns how many. */
static int hits(vp_db *pDb, const char *zQuery, char azFile[][32], int nMax) {
  cJSON *pOut = NULL;
  char *zErr = NULL;
  int n = 0;
  if (vp_query_search(pDb, zQuery, 10, 0, &pOut, &zErr) == VP_OK) {
    cJSON *pHit;
    cJSON_ArrayForEach(pHit, cJSON_GetObjectItem(pOut, "hits")) {
      const char *zFile = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(pHit, "doc"), "file"));
      const char *zBase = zFile ? strrchr(zFile, '/') : NULL;
      if (n < nMax && zBase) snprintf(azFile[n++], 32, "%s", zBase + 1);
    }
  }
  free(zErr);
  cJSON_Delete(pOut);
  return n;
}

static void test_orderings(void) {
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_rerank_")) {
    CHECK("temporary folder", 0);
    return;
  }
  write_file("law-number.md",
             "Nguồn kinh phí từ tiền lãi chậm đóng theo quy định tại khoản 3 Điều 122 của Luật "
             "Bảo hiểm xã hội số 58/2014/QH13 được sử dụng cho các hoạt động của quỹ.\n");
  write_file("society.md",
             "- Phát triển xã hội số, bảo đảm mọi người dân được tiếp cận các dịch vụ công "
             "trực tuyến an toàn, thuận tiện trên địa bàn tỉnh.\n");
  write_file("procedure.md",
             "- Thủ tục cấp giấy chứng nhận được thực hiện theo Luật Khoa học, công nghệ và đổi "
             "mới sáng tạo năm 2025 và các văn bản hướng dẫn thi hành hiện hành.\n");
  write_file("innovation.md",
             "- Xây dựng hệ sinh thái đổi mới sáng tạo của tỉnh, hỗ trợ doanh nghiệp nhỏ và vừa "
             "tham gia các chương trình ươm tạo và thương mại hóa công nghệ.\n");
  const char *zSame = "Hỗ trợ phát triển du lịch cộng đồng gắn với bảo tồn bản sắc văn hóa dân "
                      "tộc và nâng cao thu nhập của người dân vùng nông thôn.\n";
  char *z1 = vp_mprintf("1. %s", zSame), *z2 = vp_mprintf("- %s", zSame), *z3 = vp_mprintf("(1) %s", zSame);
  write_file("copy1.md", z1);
  write_file("copy2.md", z2);
  write_file("copy3.md", z3);
  free(z1);
  free(z2);
  free(z3);
  write_file("article.md",
             "Năm 2015, tỉnh có 12 cơ sở chế biến hải sản xuất khẩu, tập trung ở ven biển.[23] "
             "Ngành chế biến hải sản đóng góp lớn vào kim ngạch của tỉnh.[24]\n");
  write_file("sources.md",
             "^  \"Chế biến hải sản xuất khẩu của tỉnh tăng mạnh\". Báo Nông thôn ngày nay. "
             "Lưu trữ bản gốc ngày 2 tháng 3 năm 2020. Truy cập ngày 5 tháng 3 năm 2020.  "
             "^  \"Ngành chế biến hải sản ven biển\". Sở Công Thương, 2019, tr. 12.\n");
  write_file("seafood.md",
             "- Hỗ trợ các cơ sở chế biến hải sản đầu tư dây chuyền mới, xử lý nước thải và "
             "truy xuất nguồn gốc sản phẩm trước năm 2027.\n");
  write_file("tourism.md",
             "- Phát triển du lịch cộng đồng tại các xã miền núi, đào tạo người dân làm dịch vụ "
             "lưu trú, hướng dẫn viên và quảng bá sản phẩm địa phương.\n");
  write_file("water-plain.md",
             "- Mở rộng mạng lưới cấp nước sạch nông thôn đến các thôn, bản vùng cao, ưu tiên "
             "các xã khó khăn về nguồn nước sinh hoạt.\n");
  write_file("water-target.md",
             "- Nâng tỷ lệ hộ gia đình nông thôn được dùng nước sạch đạt 95% vào năm 2027, "
             "bảo đảm chất lượng theo quy chuẩn.\n");
  write_file("water-row.md",
             "| STT | Mã thủ tục | Tên thủ tục | Cơ quan thực hiện |\n|---|---|---|---|\n"
             "| 12 | 1.004567 | Thủ tục cấp giấy phép khai thác nguồn nước sạch cho sinh hoạt nông thôn "
             "| Sở Nông nghiệp và Môi trường |\n");
  write_file("ecotourism.md",
             "## II. Phát triển du lịch sinh thái\n\n"
             "- Bố trí kinh phí hằng năm từ ngân sách tỉnh, phấn đấu tăng 20% so với năm trước, "
             "cho các hoạt động của đề án theo phân cấp ngân sách hiện hành và các nguồn vốn "
             "hợp pháp khác.\n"
             "- Xây dựng tuyến điểm du lịch tại các xã ven sông Đồng Nai, gắn với làng nghề "
             "truyền thống, vườn cây ăn trái và bảo tồn cảnh quan, đón khách từ năm 2026.\n");
  write_file("fire-rule.md",
             "## Điều 4. Xử lý đối với các cơ sở không bảo đảm an toàn phòng cháy\n\n"
             "1. Bổ sung lối thoát nạn và hệ thống báo cháy tự động cho nhà chung cư được đưa "
             "vào sử dụng trước năm 2001, hoàn thành trong 24 tháng.\n");
  write_file("fire-term.md", "- Kiên quyết xử lý cơ sở không bảo đảm điều kiện an toàn.\n");
  write_file("market.md", "- Cải tạo chợ truyền thống ở các xã, bảo đảm vệ sinh và phòng cháy.\n");
  write_file("market-closing.md",
             "Trên đây là Kế hoạch cải tạo chợ truyền thống của tỉnh giai đoạn 2026 - 2030, đề "
             "nghị các sở, ngành, Ủy ban nhân dân các xã, phường nghiêm túc triển khai thực hiện.\n");
  write_file("market-caption.md",
             "Người dân mua bán tại một chợ truyền thống được cải tạo ở xã ven biển của tỉnh trong "
             "năm qua, với mái che và lối đi rộng rãi, sạch sẽ (Hình từ Internet)\n");
  /* two ways of writing what is asked: the words of one near, those of the
  ** other scattered over the passage */
  write_file("housing-near.md",
             "- Các doanh nghiệp trong khu công nghiệp được khuyến khích đầu tư nhà ở cho công nhân "
             "thuê, bảo đảm điều kiện sinh hoạt, đi lại, y tế, giáo dục, văn hóa, thể thao và an sinh xã hội "
             "cho người lao động cùng gia đình trong suốt thời gian làm việc tại tỉnh.\n");
  write_file("housing-apart.md",
             "- Nhà văn hóa ở các thôn, xã được cải tạo, các hội, đoàn thể tham gia tổ chức hoạt động "
             "văn nghệ, thể dục thể thao cho người dân vào các ngày lễ, tết trong năm.\n");
  /* the items under a sub-heading of the matching heading: "Điều kiện về
  ** thời gian đóng" holds few of the words, its item what is asked */
  write_file("benefit-faq.md",
             "# Điều kiện hưởng trợ cấp thất nghiệp năm 2025\n\n"
             "**Điều kiện về thời gian đóng**\n\n"
             "(1) Đã đóng bảo hiểm từ đủ 12 tháng trở lên trong thời gian 24 tháng trước khi chấm "
             "dứt hợp đồng lao động hoặc hợp đồng làm việc.\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 23);
  char azFile[10][32];
  int n = hits(pDb, "xã hội số", azFile, 10);
  CHECK("'xã hội số': the term above a law's number", n == 2 && !strcmp(azFile[0], "society.md"));
  n = hits(pDb, "doi moi sang tao", azFile, 10);
  CHECK("'đổi mới sáng tạo': content above a law's title", n == 2 && !strcmp(azFile[0], "innovation.md"));
  n = hits(pDb, "du lịch cộng đồng", azFile, 10);
  CHECK("the same sentence thrice: all answers", n == 4);
  CHECK("a different text before the copies of the first",
        n == 4 && !strncmp(azFile[0], "copy", 4) != !strncmp(azFile[1], "copy", 4));
  n = hits(pDb, "chế biến hải sản", azFile, 10);
  CHECK("a plan's measure above an encyclopedia's text, its list of sources last",
        n == 3 && !strcmp(azFile[0], "seafood.md") && !strcmp(azFile[1], "article.md") &&
            !strcmp(azFile[2], "sources.md"));
  n = hits(pDb, "nhà ở xã hội OR nhà ở công nhân", azFile, 10);
  CHECK("one way's words near, the other's words elsewhere: near, not apart",
        n == 2 && !strcmp(azFile[0], "housing-near.md"));
  n = hits(pDb, "chợ truyền thống", azFile, 10);
  CHECK("a measure above a closing formula and an image's caption",
        n == 3 && !strcmp(azFile[0], "market.md"));
  n = hits(pDb, "nước sạch", azFile, 10);
  CHECK("a target in percent first, a catalogue's row last",
        n == 3 && !strcmp(azFile[0], "water-target.md") && !strcmp(azFile[1], "water-plain.md") &&
            !strcmp(azFile[2], "water-row.md"));
  cJSON *pOut = NULL;
  char *zErr = NULL;
  const char *azFirst[2] = {NULL, NULL};
  int nVia = 0;
  if (vp_query_search(pDb, "du lịch sinh thái", 10, 0, &pOut, &zErr) == VP_OK) {
    cJSON *pHit;
    cJSON_ArrayForEach(pHit, cJSON_GetObjectItem(pOut, "hits")) {
      if (!cJSON_IsTrue(cJSON_GetObjectItem(pHit, "via_context"))) continue;
      if (nVia < 2) azFirst[nVia] = cJSON_GetStringValue(cJSON_GetObjectItem(pHit, "snippet"));
      nVia++;
    }
  }
  CHECK("two passages are hits through their heading", nVia == 2);
  CHECK("the one holding some of the words first",
        azFirst[0] && strstr(azFirst[0], "tuyến điểm du lịch") != NULL);
  cJSON_Delete(pOut);
  free(zErr);
  /* the words together in one passage, near in a heading: its passage too */
  pOut = NULL;
  zErr = NULL;
  int bChild = 0;
  if (vp_query_search(pDb, "xử lý cơ sở không bảo đảm", 10, 0, &pOut, &zErr) == VP_OK) {
    cJSON *pHit;
    cJSON_ArrayForEach(pHit, cJSON_GetObjectItem(pOut, "hits")) {
      const char *zS = cJSON_GetStringValue(cJSON_GetObjectItem(pHit, "snippet"));
      bChild |= cJSON_IsTrue(cJSON_GetObjectItem(pHit, "via_context")) && zS && strstr(zS, "lối thoát nạn");
    }
  }
  CHECK("a heading with the words near, not together, gives its passage", bChild);
  cJSON_Delete(pOut);
  free(zErr);
  pOut = NULL;
  zErr = NULL;
  int bGrand = 0;
  if (vp_query_search(pDb, "dieu kien huong tro cap that nghiep", 10, 0, &pOut, &zErr) == VP_OK) {
    cJSON *pHit;
    cJSON_ArrayForEach(pHit, cJSON_GetObjectItem(pOut, "hits")) {
      const char *zS = cJSON_GetStringValue(cJSON_GetObjectItem(pHit, "snippet"));
      bGrand |= cJSON_IsTrue(cJSON_GetObjectItem(pHit, "via_context")) && zS && strstr(zS, "đủ 12 tháng");
    }
  }
  CHECK("an item under a sub-heading of the matching heading is a hit through it", bGrand);
  cJSON_Delete(pOut);
  free(zErr);
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
}

/* A document's further hits wait for the other documents' first ones, but
** not behind a stray match scoring far below them: five measures of one
** plan come before a passage that holds the words apart. */
static void test_further_hits(void) {
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_rerank_")) {
    CHECK("temporary folder", 0);
    return;
  }
  write_file("plan.md",
             "- Trồng rừng phòng hộ ven biển trên diện tích 500 ha, hoàn thành trong năm 2026.\n\n"
             "- Trồng rừng phòng hộ đầu nguồn tại các xã miền núi, bảo đảm tỷ lệ che phủ 45%.\n\n"
             "- Trồng rừng phòng hộ chắn sóng bằng cây ngập mặn tại các cửa sông.\n\n"
             "- Trồng rừng phòng hộ trên đất trống đồi trọc, giao khoán cho hộ gia đình.\n\n"
             "- Trồng rừng phòng hộ xung quanh hồ chứa nước, chống xói mòn đất.\n");
  write_file("stray.md",
             "[sửa | sửa mã nguồn] Các hộ dân trồng lúa nước quanh năm, ven đường có hàng cây phòng "
             "gió;[12] phía xa là khu rừng nhỏ của xã, người dân gìn giữ từ lâu đời và coi như tài "
             "sản chung,[13] nơi bảo hộ các loài chim di cư mỗi mùa đông về trú ngụ.[14]\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 2);
  char azFile[10][32];
  int n = hits(pDb, "trồng rừng phòng hộ", azFile, 10);
  int iStray = -1;
  for (int i = 0; i < n; i++)
    if (!strcmp(azFile[i], "stray.md")) iStray = i;
  CHECK("five measures of one plan before a stray match far below", n == 6 && iStray == 5);
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
}

/* The value of zKey in the answer to zQuery ("" when absent), and its
** first hit's file into zFirst. */
static void answer_of(vp_db *pDb, const char *zQuery, const char *zKey, char *zVal, char *zFirst) {
  cJSON *pOut = NULL;
  char *zErr = NULL;
  zVal[0] = zFirst[0] = 0;
  if (vp_query_search(pDb, zQuery, 10, 0, &pOut, &zErr) == VP_OK) {
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItem(pOut, zKey));
    snprintf(zVal, 32, "%s", z ? z : "");
    cJSON *pHit = cJSON_GetArrayItem(cJSON_GetObjectItem(pOut, "hits"), 0);
    const char *zFile = pHit ? cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(pHit, "doc"), "file")) : NULL;
    const char *zBase = zFile ? strrchr(zFile, '/') : NULL;
    snprintf(zFirst, 32, "%s", zBase ? zBase + 1 : "");
  }
  free(zErr);
  cJSON_Delete(pOut);
}

/* "Nghị quyết 57" typed loosely: the resolution most documents cite is the
** one meant; a council's resolution of the same number, cited by one
** document, ranks below however well its passage reads. */
static void test_meant(void) {
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_meant_")) {
    CHECK("temporary folder", 0);
    return;
  }
  write_file("tw-a.md", "- Quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
                        "đến cán bộ, đảng viên.\n");
  write_file("tw-b.md", "- Tổ chức học tập Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
                        "tại các chi bộ.\n");
  write_file("tw-c.md", "- Sơ kết một năm thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ "
                        "Chính trị trên địa bàn tỉnh.\n");
  write_file("council.md",
             "- Thực hiện Nghị quyết số 57/2025/NQ-HĐND của Hội đồng nhân dân thành phố, giảm 30% "
             "lượng khí thải của xe cơ giới trong vùng phát thải thấp vào năm 2030, bảo đảm lộ "
             "trình chuyển đổi phương tiện.\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 4);
  char zMeant[32], zFirst[32], azFile[10][32];
  answer_of(pDb, "Nghị quyết 57", "instrument_meant", zMeant, zFirst);
  CHECK("'Nghị quyết 57' means the resolution three documents cite", !strcmp(zMeant, "57-NQ/TW"));
  int n = hits(pDb, "Nghị quyết 57", azFile, 10);
  CHECK("the council's resolution of that number last", n == 4 && !strcmp(azFile[3], "council.md"));
  answer_of(pDb, "Nghị quyết 57/2025/NQ-HĐND", "instrument_meant", zMeant, zFirst);
  CHECK("a number written in full is taken as written",
        zMeant[0] == 0 && !strcmp(zFirst, "council.md"));
  answer_of(pDb, "giảm khí thải", "instrument_meant", zMeant, zFirst);
  CHECK("no instrument named, none meant", zMeant[0] == 0 && !strcmp(zFirst, "council.md"));
  vp_db_close(pDb);
  /* as many documents for each: no instrument is meant */
  write_file("council-b.md", "- Thực hiện Nghị quyết số 57/2025/NQ-HĐND của Hội đồng nhân dân thành phố.\n");
  write_file("council-c.md", "- Triển khai Nghị quyết số 57/2025/NQ-HĐND của Hội đồng nhân dân thành phố.\n");
  pDb = vp_test_dir_open(zDir, &zDb, 2); /* the two new files */
  answer_of(pDb, "Nghị quyết 57", "instrument_meant", zMeant, zFirst);
  CHECK("three documents against three: neither is meant", zMeant[0] == 0);
  vp_db_close(pDb);
  /* a number typed with its year and the type: the decree, however it is
  ** written ("09/2025" or "9/2025"), not a date that holds "9/2025" */
  write_file("decree.md", "- Hỗ trợ giống cây trồng theo khoản 1 Điều 5 Nghị định số 09/2025/NĐ-CP của Chính phủ.\n");
  write_file("dated.md", "- Ngày 26/9/2025, Chính phủ ban hành Nghị định số 254/2025/NĐ-CP về quyết toán dự án; "
                         "nghị định này quy định chi tiết, hướng dẫn thi hành và có hiệu lực ngay.\n");
  pDb = vp_test_dir_open(zDir, &zDb, 2);
  n = hits(pDb, "nghị định 9/2025", azFile, 10);
  CHECK("'nghị định 9/2025': the decree 09/2025/NĐ-CP, not the date 26/9/2025",
        n == 1 && !strcmp(azFile[0], "decree.md"));
  n = hits(pDb, "9/2025", azFile, 10);
  CHECK("'9/2025' alone: the date and the decree", n == 2);
  vp_db_close(pDb);
  /* the name alone, typed with the type's code: the passages citing the
  ** instrument however they write it; a topic beside the name: the
  ** passages holding the topic and the name */
  write_file("kl-a.md", "- Quán triệt Kết luận số 69-KL/TW của Bộ Chính trị về nhiệm vụ năm 2026.\n");
  write_file("kl-b.md", "- Các sở, ngành triển khai các nhiệm vụ theo 69-KL/TW trong năm 2026.\n");
  pDb = vp_test_dir_open(zDir, &zDb, 2);
  n = hits(pDb, "KL 69", azFile, 10);
  CHECK("'KL 69': every passage citing 69-KL/TW", n == 2);
  n = hits(pDb, "Kết luận 69 nhiệm vụ", azFile, 10);
  CHECK("'Kết luận 69 nhiệm vụ': the passage holding the words", n == 1 && !strcmp(azFile[0], "kl-a.md"));
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
}

int main(void) {
  test_occur();
  test_orderings();
  test_further_hits();
  test_meant();
  return vp_test_done();
}
