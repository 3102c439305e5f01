/*
** test_qexpand.c — a query naming an agency by another spelling than the
** alias table's: the rewrite (vp_qexpand_agency), and a search that finds
** the plan writing the name in full from the short form typed; a subject's
** everyday term in the official one (vp_qexpand_topic); a question searched
** for its subject (vp_qexpand_question).
*/
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vp_common.h"
#include "vp_qexpand.h"
#include "vp_query.h"
#include "vp_test.h"
#include "vp_test_dir.h"

/* The rewrite of zQuery, or "" when none (a static buffer). */
static const char *rewrite(const char *zQuery) {
  static char zBuf[256];
  char *zOut = NULL;
  zBuf[0] = 0;
  if (vp_qexpand_agency(zQuery, &zOut) == VP_OK && zOut) snprintf(zBuf, sizeof(zBuf), "%s", zOut);
  free(zOut);
  return zBuf;
}

static void test_rewrite(void) {
  CHECK("an abbreviation: the table's name",
        !strcmp(rewrite("Sở KH&CN chủ trì"), "Sở Khoa học và Công nghệ chủ trì"));
  CHECK("typed without diacritics: the name without them",
        !strcmp(rewrite("so khcn chu tri"), "so khoa hoc va cong nghe chu tri"));
  CHECK("in the middle of the query",
        !strcmp(rewrite("giao Sở NN&PTNT hướng dẫn"), "giao Sở Nông nghiệp và Phát triển nông thôn hướng dẫn"));
  CHECK("the table's name as typed: no rewrite", !strcmp(rewrite("Sở Tài chính bố trí kinh phí"), ""));
  CHECK("without diacritics, the same name: no rewrite", !strcmp(rewrite("so tai chinh"), ""));
  CHECK("no agency: no rewrite", !strcmp(rewrite("chuyển đổi số"), ""));
  CHECK("the name's beginning, a subject ('bảo hiểm xã hội' of 'Bảo hiểm xã hội tỉnh'): no rewrite",
        !strcmp(rewrite("bảo hiểm xã hội"), "") && !strcmp(rewrite("chế độ bảo hiểm xã hội"), ""));
  CHECK("a field, not an agency: no rewrite", !strcmp(rewrite("khoa học công nghệ"), ""));
  CHECK("quoted: the person's own term", !strcmp(rewrite("\"Sở KH&CN\" chủ trì"), ""));
  CHECK("operators: the person's own terms", !strcmp(rewrite("Sở KH&CN OR Sở Tài chính"), ""));
}

/* The topic rewrite of zQuery, or "" when none (a static buffer). */
static const char *topic(const char *zQuery) {
  static char zBuf[256];
  char *zOut = NULL;
  zBuf[0] = 0;
  if (vp_qexpand_topic(zQuery, &zOut) == VP_OK && zOut) snprintf(zBuf, sizeof(zBuf), "%s", zOut);
  free(zOut);
  return zBuf;
}

static void test_topic(void) {
  CHECK("an abbreviation typed: the phrase", !strcmp(topic("kiểm tra PCCC"), "kiểm tra phòng cháy chữa cháy"));
  CHECK("any case, no diacritics: the phrase without them", !strcmp(topic("cds nong nghiep"), "chuyen doi so nong nghiep"));
  CHECK("the phrase typed: as typed only", !strcmp(topic("cải cách hành chính cấp xã"), ""));
  CHECK("an abbreviation of two syllables' initials in a word list", !strcmp(topic("thực hiện TTHC"), "thực hiện thủ tục hành chính"));
  CHECK("an abbreviation inside a word: no rewrite", !strcmp(topic("PCCCX"), ""));
  CHECK("an identity card's abbreviation typed: the phrase",
        !strcmp(topic("cấp CCCD gắn chip"), "cấp căn cước công dân gắn chip"));
  CHECK("a region's abbreviation typed: the phrase",
        !strcmp(topic("nông nghiệp ĐBSCL"), "nông nghiệp đồng bằng sông Cửu Long"));
  CHECK("an amount in words: in figures", !strcmp(topic("quà 100 nghìn đồng"), "quà 100.000 đồng"));
  CHECK("an amount in words, no diacritics", !strcmp(topic("ho tro 5 trieu"), "ho tro 5.000.000"));
  CHECK("billions", !strcmp(topic("2 tỷ đồng"), "2.000.000.000 đồng"));
  CHECK("a word that folds so, written otherwise, is no amount ('3 ngắn')", !strcmp(topic("3 ngắn"), ""));
  CHECK("a word for a thousand with no number before it: no rewrite", !strcmp(topic("nghìn năm văn hiến"), ""));
  CHECK("quoted: the person's own term", !strcmp(topic("\"PCCC\""), ""));
  CHECK("no subject of the table: no rewrite", !strcmp(topic("giảm nghèo bền vững"), ""));
  CHECK("an everyday term of two words: the official one",
        !strcmp(topic("ung pho mua lu mien trung"), "ung pho mua lu trung bo"));
  CHECK("the longest term at a word first",
        !strcmp(topic("cấp bằng lái xe"), "cấp giấy phép lái xe"));
  CHECK("the official term typed: as typed only", !strcmp(topic("mưa lũ Bắc Trung Bộ"), ""));
  CHECK("a longer term at the word beats a shorter one",
        !strcmp(topic("sau sáp nhập xã phường"), "sau sắp xếp đơn vị hành chính cấp xã phường") &&
            !strcmp(topic("sáp nhập doanh nghiệp"), "sắp xếp doanh nghiệp"));
  CHECK("a term's words inside a longer word: no rewrite", !strcmp(topic("xe máyy"), ""));
  CHECK("typed with diacritics, other words of the same letters: no rewrite",
        !strcmp(topic("sơ đồ tổ chức bộ máy"), ""));
  CHECK("typed with diacritics, the term as written", !strcmp(topic("cấp Sổ Đỏ"), "cấp giấy chứng nhận quyền sử dụng đất"));
}

/* The question rewrite of zQuery, or "" when none (a static buffer). */
static const char *subject(const char *zQuery) {
  static char zBuf[256];
  char *zOut = NULL;
  zBuf[0] = 0;
  if (vp_qexpand_question(zQuery, &zOut) == VP_OK && zOut) snprintf(zBuf, sizeof(zBuf), "%s", zOut);
  free(zOut);
  return zBuf;
}

static void test_question(void) {
  CHECK("a question's words and the filler next to them left out",
        !strcmp(subject("xe máy phải kiểm định khí thải từ khi nào?"), "xe máy phải kiểm định khí thải"));
  CHECK("a filler in the middle belongs to the subject",
        !strcmp(subject("chính sách người có công là gì?"), "chính sách người có công"));
  CHECK("fillers at the start, a question's word at the end",
        !strcmp(subject("có được miễn thuế không?"), "miễn thuế"));
  CHECK("typed with diacritics, a word of a filler's letters is the subject's",
        !strcmp(subject("cơ sở dữ liệu là gì?"), "cơ sở dữ liệu"));
  CHECK("'còn' next to a question's words is a filler",
        !strcmp(subject("An Giang sau sáp nhập còn bao nhiêu xã phường?"), "An Giang sau sáp nhập xã phường"));
  CHECK("without diacritics", !strcmp(subject("muc luong toi thieu vung la bao nhieu"), "muc luong toi thieu vung"));
  CHECK("a question's word only at the end is a subject's word elsewhere: no question",
        !strcmp(subject("ô nhiễm không khí"), ""));
  CHECK("no question: no rewrite", !strcmp(subject("chuyển đổi số cấp xã"), ""));
  CHECK("'ai …?' asks who", !strcmp(subject("ai chủ trì chuyển đổi số cấp xã?"), "chủ trì chuyển đổi số cấp xã"));
  CHECK("'ai' without a question mark, or 'AI' in capitals, is a subject's word",
        !strcmp(subject("ai chủ trì chuyển đổi số"), "") &&
            !strcmp(subject("ứng dụng AI trong y tế?"), ""));
  CHECK("a question mark alone, no word to leave out: no rewrite",
        !strcmp(subject("kiểm định khí thải xe máy?"), ""));
  CHECK("nothing but a question's words: no rewrite", !strcmp(subject("là gì?"), ""));
  CHECK("quoted: the person's own terms", !strcmp(subject("\"khi nào\" thì sao?"), ""));
  CHECK("a quoted phrase and a question's words: the phrase kept, the words left out",
        !strcmp(subject("\"vùng phát thải thấp\" là gì?"), "\"vùng phát thải thấp\""));
  CHECK("operators: the person's own syntax", !strcmp(subject("thuế OR phí là gì?"), ""));
}

static void test_search(void) {
  char zDir[64];
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_qexpand_")) {
    CHECK("temporary folder", 0);
    return;
  }
  vp_test_dir_write(zDir, "plan.md",
                    "- Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng "
                    "cơ sở dữ liệu về đổi mới sáng tạo của tỉnh.\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 1);
  cJSON *pOut = NULL;
  char *zErr = NULL;
  int rc = vp_query_search(pDb, "Sở KH&CN chủ trì", 10, 0, &pOut, &zErr);
  CHECK("the short form finds the name in full",
        rc == VP_OK && cJSON_GetNumberValue(cJSON_GetObjectItem(pOut, "total")) == 1);
  const char *zAlso = cJSON_GetStringValue(cJSON_GetObjectItem(pOut, "also_as"));
  CHECK("the answer says how it also searched", zAlso && !strcmp(zAlso, "Sở Khoa học và Công nghệ chủ trì"));
  cJSON_Delete(pOut);
  pOut = NULL;
  rc = vp_query_search(pDb, "cơ sở dữ liệu về đổi mới sáng tạo là gì?", 10, 0, &pOut, &zErr);
  CHECK("a question finds the passage that answers it",
        rc == VP_OK && cJSON_GetNumberValue(cJSON_GetObjectItem(pOut, "total")) == 1);
  const char *zTyped = cJSON_GetStringValue(cJSON_GetObjectItem(pOut, "query"));
  const char *zAs = cJSON_GetStringValue(cJSON_GetObjectItem(pOut, "searched_as"));
  CHECK("the answer gives the query as typed and as searched",
        zTyped && !strcmp(zTyped, "cơ sở dữ liệu về đổi mới sáng tạo là gì?") && zAs &&
            !strcmp(zAs, "cơ sở dữ liệu về đổi mới sáng tạo"));
  cJSON_Delete(pOut);
  free(zErr);
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
}

/* "… tỉnh X" read as the province X and the rest of the query */
static void test_province(void) {
  char *zRest = NULL;
  const char *zProvince = NULL;
  CHECK("'… tỉnh Bắc Ninh': the rest and the province",
        vp_qexpand_province("kế hoạch chuyển đổi số tỉnh Bắc Ninh", &zRest, &zProvince) == VP_OK && zRest &&
            !strcmp(zRest, "kế hoạch chuyển đổi số") && zProvince && !strcmp(zProvince, "Bắc Ninh"));
  free(zRest);
  CHECK("'thanh pho Hue …' typed without diacritics, at the start",
        vp_qexpand_province("thanh pho Hue du lich", &zRest, &zProvince) == VP_OK && zRest &&
            !strcmp(zRest, "du lich") && zProvince && !strcmp(zProvince, "Huế"));
  free(zRest);
  CHECK("a name without its unit word is no province ('tư tưởng Hồ Chí Minh')",
        vp_qexpand_province("tư tưởng Hồ Chí Minh", &zRest, &zProvince) == VP_OK && zRest == NULL &&
            zProvince == NULL);
  CHECK("the province alone: as typed", vp_qexpand_province("tỉnh Bắc Ninh", &zRest, &zProvince) == VP_OK &&
                                            zRest == NULL && zProvince == NULL);
  CHECK("'tinh gian bien che': no province",
        vp_qexpand_province("tinh gian bien che", &zRest, &zProvince) == VP_OK && zRest == NULL);
}

int main(void) {
  test_province();
  test_rewrite();
  test_topic();
  test_question();
  test_search();
  return vp_test_done();
}
