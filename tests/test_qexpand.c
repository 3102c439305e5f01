/*
** test_qexpand.c — a query naming an agency by another spelling than the
** alias table's: the rewrite (vp_qexpand_agency), and a search that finds
** the plan writing the name in full from the short form typed.
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
  CHECK("a region's abbreviation typed: the phrase",
        !strcmp(topic("nông nghiệp ĐBSCL"), "nông nghiệp đồng bằng sông Cửu Long"));
  CHECK("quoted: the person's own term", !strcmp(topic("\"PCCC\""), ""));
  CHECK("no subject of the table: no rewrite", !strcmp(topic("giảm nghèo bền vững"), ""));
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
  free(zErr);
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
}

int main(void) {
  test_rewrite();
  test_topic();
  test_search();
  return vp_test_done();
}
