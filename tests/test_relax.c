/*
** test_relax.c — a long query that no passage holds every word of, searched
** for the passages that hold most of them (vp_relax.h), through the search
** answer: what is left out, what is kept, and the queries left as typed.
*/
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "vp_common.h"
#include "vp_docfilter.h"
#include "vp_query.h"
#include "vp_test.h"
#include "vp_test_dir.h"

static cJSON *search(vp_db *pDb, const char *zQuery) {
  cJSON *pOut = NULL;
  char *zErr = NULL;
  if (vp_query_search(pDb, zQuery, 10, 0, &pOut, &zErr) != VP_OK) {
    cJSON_Delete(pOut);
    pOut = NULL;
  }
  free(zErr);
  return pOut;
}

static int total(const cJSON *o) { return o ? (int)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "total")) : -1; }

static const char *left_out(const cJSON *o) {
  const char *z = o ? cJSON_GetStringValue(cJSON_GetObjectItem(o, "words_left_out")) : NULL;
  return z ? z : "";
}

/* The text of hit i, or "". */
static const char *hit_text(const cJSON *o, int i) {
  const cJSON *h = o ? cJSON_GetArrayItem(cJSON_GetObjectItem(o, "hits"), i) : NULL;
  const char *z = h ? cJSON_GetStringValue(cJSON_GetObjectItem(h, "snippet")) : NULL;
  return z ? z : "";
}

int main(void) {
  char zDir[64];
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_relax_")) {
    CHECK("temporary folder", 0);
    return vp_test_done();
  }
  vp_test_dir_write(zDir, "plan.md",
                    "Sở Tài chính bố trí kinh phí thực hiện chuyển đổi số năm 2026.\n\n"
                    "Sở Tài chính thẩm định dự toán kinh phí năm 2026.\n\n"
                    "Sở Nội vụ hướng dẫn thực hiện chế độ chính sách.\n\n"
                    "Sở Y tế thực hiện kiểm tra an toàn thực phẩm.\n\n"
                    "Các sở thực hiện báo cáo định kỳ.\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 1);
  cJSON *o = search(pDb, "Sở Tài chính bố trí kinh phí chuyển đổi số cấp xã năm 2026");
  CHECK("no passage holds every word: the one holding most is found", total(o) >= 1 &&
        strstr(hit_text(o, 0), "<mark>chuyển</mark>") != NULL);
  CHECK("the words no passage holds are left out, and said so",
        strstr(left_out(o), "xã") != NULL && strstr(left_out(o), "chuyển") == NULL);
  CHECK("a number is kept", strstr(left_out(o), "2026") == NULL);
  cJSON_Delete(o);
  {
    vp_docfilter f = {0};
    f.zKind = "Quyết định"; /* no document of the fixture is one */
    cJSON *pIn = NULL;
    char *zErr = NULL;
    int rcIn = vp_query_search_in(pDb, "Sở Tài chính bố trí kinh phí chuyển đổi số cấp xã năm 2026", &f, 10, 0,
                                  &pIn, &zErr);
    CHECK("relaxed, it finds nothing in the documents a filter keeps: nothing left out is said",
          rcIn == VP_OK && total(pIn) == 0 && left_out(pIn)[0] == 0);
    cJSON_Delete(pIn);
    free(zErr);
  }
  o = search(pDb, "\"Sở Tài chính bố trí kinh phí cấp xã\"");
  CHECK("a quoted phrase is the person's own: not relaxed", total(o) == 0 && left_out(o)[0] == 0);
  cJSON_Delete(o);
  o = search(pDb, "Sở Tài chính");
  CHECK("a query that finds what it asks: as typed", total(o) == 2 && left_out(o)[0] == 0);
  cJSON_Delete(o);
  o = search(pDb, "cấp xã");
  CHECK("two words: as typed, nothing found", total(o) == 0 && left_out(o)[0] == 0);
  cJSON_Delete(o);
  o = search(pDb, "Sở Tài chính bố trí kinh phí 999/KH-UBND");
  CHECK("a document number written in full that no passage holds: nothing, not the other words",
        total(o) == 0 && left_out(o)[0] == 0);
  cJSON_Delete(o);
  o = search(pDb, "hướng dẫn cấp xã huyện tỉnh");
  CHECK("never more than half the words left out", total(o) == 0 && left_out(o)[0] == 0);
  cJSON_Delete(o);
  /* the rarest word stands only in another passage (a heading): leaving
  ** out the commoner ones first finds nothing; leaving it out does */
  vp_test_dir_write(zDir, "tax.md",
                    "Cơ quan thuế hướng dẫn gia hạn nộp thuế cho doanh nghiệp bị thiệt hại.\n\n"
                    "Gia hạn nộp thuế cho doanh nghiệp.\n\nGia hạn thời gian kê khai thuế của doanh nghiệp.\n\n"
                    "Gia hạn hợp đồng thuê đất.\n\nGia hạn giấy phép.\n\nGia hạn thẻ.\n\nGia hạn dự án.\n\n"
                    "Doanh nghiệp nộp thuế đúng hạn.\n\nThuế của doanh nghiệp nhỏ.\n\n"
                    "Doanh nghiệp kê khai thuế.\n\nThuế thu nhập doanh nghiệp.\n\nThuế và doanh nghiệp.\n\n"
                    "Doanh nghiệp và thuế.\n\nThuế tài nguyên.\n\nThuế đất.\n\n"
                    "Thiệt hại về nhà ở.\n\nThiệt hại về cây trồng.\n\nThiệt hại về vật nuôi.\n\n"
                    "Thiệt hại về tàu thuyền.\n\nThiệt hại về đường.\n\nThiệt hại về điện.\n\n"
                    "Thiệt hại về trường học.\n\n");
  vp_test_dir_write(zDir, "flood.md",
                    "Bão lũ năm nay rất lớn.\n\nBão lũ làm ngập nhà.\n\nBão lũ cuốn trôi cầu.\n\n"
                    "Bão lũ gây sạt lở.\n\nBão lũ kéo dài.\n\nBão lũ đi qua.\n");
  vp_db_close(pDb);
  pDb = vp_test_dir_open(zDir, &zDb, 2);
  o = search(pDb, "gia hạn thuế doanh nghiệp thiệt hại bão lũ");
  CHECK("nothing found by leaving out the commonest: the word whose leaving out finds more",
        total(o) >= 1 && strstr(hit_text(o, 0), "gia hạn") != NULL &&
            strstr(left_out(o), "bão lũ") != NULL);
  cJSON_Delete(o);
  vp_db_close(pDb);
  vp_test_dir_remove(zDir);
  free(zDb);
  return vp_test_done();
}
