/*
** test_deadline.c — tests of the deadline reader (vp_deadline.h) on its own:
** each kind of deadline in prose with its normal form and span, the order
** of precision, a goal's date that is no deadline, and the normal forms of
** table cells; and the folded-word helpers it is built on (vp_fold.h).
** Deadlines as parts of extracted tasks are test_task.c's.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_deadline.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "vp_test.h"

/* The prose deadline of z: its normal form ("-" when none found) and the
** words as written. */
static void prose(const char *z, char *zNorm, int nNorm, char *zAs, int nAs) {
  vp_fold f;
  vp_deadline d;
  snprintf(zNorm, (size_t)nNorm, "?");
  zAs[0] = 0;
  if (vp_fold_init(&f, z, (int)strlen(z)) != VP_OK) return;
  vp_deadline_in_prose(&f, 0, &d);
  if (!d.bFound) {
    snprintf(zNorm, (size_t)nNorm, "-");
  } else {
    snprintf(zNorm, (size_t)nNorm, "%s", d.zNorm);
    int s = f.aOff[d.iS], e = f.aOff[d.iE];
    snprintf(zAs, (size_t)nAs, "%.*s", e - s, z + s);
  }
  vp_fold_free(&f);
}

static void test_prose(void) {
  static const struct {
    const char *z, *zNorm, *zAs;
  } aCase[] = {
      {"Báo cáo kết quả trước ngày 15/12/2025.", "2025-12-15", "trước ngày 15/12/2025"},
      {"Hoàn thành trước ngày 05 tháng 12 năm 2025.", "2025-12-05", "trước ngày 05 tháng 12 năm 2025"},
      {"Hoàn thành trong tháng 7/2026.", "2026-07", "trong tháng 7/2026"},
      {"Hoàn thành trong quý IV/2023.", "2023-Q4", "trong quý IV/2023"},
      {"Hoàn thành trong quí II/2026.", "2026-Q2", "trong quí II/2026"},
      {"Thực hiện trong 6 tháng đầu năm 2024.", "2024-H1", "trong 6 tháng đầu năm 2024"},
      {"Hoàn thành trong năm 2026.", "2026", "trong năm 2026"},
      /* a day beats a year written before it */
      {"Trong năm 2026, hoàn thành trước ngày 30/6/2026.", "2026-06-30", "trước ngày 30/6/2026"},
      {"Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ.", "P5D", "Trong thời hạn 05 ngày làm việc"},
      {"Gửi trước 10 ngày so với ngày họp.", "-P10D", "trước 10 ngày"},
      {"Báo cáo chậm nhất sau 07 ngày kể từ ngày kết thúc đợt kiểm tra.", "P7D", "chậm nhất sau 07 ngày"},
      {"Báo cáo ngay sau khi sự cố xảy ra, không chậm trễ.", "event", "ngay sau khi sự cố xảy ra"},
      {"Định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh.", "yearly", "Định kỳ hằng năm"},
      {"Hằng năm, tổng hợp kết quả.", "yearly", "Hằng năm"},
      /* recurring duties: "định kỳ" and a recurrence, or a number and a unit */
      {"Định kỳ hàng tháng, gửi kết quả giải quyết kiến nghị đến Báo Nghệ An.", "monthly", "Định kỳ hàng tháng"},
      {"Báo cáo định kỳ hằng quý về Sở Nội vụ.", "quarterly", "định kỳ hằng quý"},
      {"Định kỳ 05 năm, Ủy ban nhân dân cấp tỉnh lập báo cáo rà soát.", "R/P5Y", "Định kỳ 05 năm"},
      {"Hội đồng họp định kỳ 06 tháng một lần.", "R/P6M", "định kỳ 06 tháng"},
      {"Mỗi tuần, cập nhật danh sách.", "weekly", "Mỗi tuần"},
      {"Tổ chức kiểm tra định kỳ và đột xuất.", "-", ""},
      /* a goal's year is a target, and "hằng năm" inside is content */
      {"Phấn đấu đến năm 2030 đạt 80% dân số có hồ sơ sức khỏe.", "-", ""},
      {"Bố trí kinh phí hằng năm cho hoạt động.", "-", ""},
      /* a period of days; an opening "Thường xuyên", not one inside */
      {"Triển khai Tháng hành động (từ ngày 15/11 đến ngày 15/12) và hưởng ứng.", "--11-15/--12-15",
       "từ ngày 15/11 đến ngày 15/12"},
      {"Tổ chức từ ngày 01/12/2025 đến hết ngày 31/12/2025.", "2025-12-01/2025-12-31",
       "từ ngày 01/12/2025 đến hết ngày 31/12/2025"},
      {"Thường xuyên rà soát, tổng hợp kết quả.", "continuous", "Thường xuyên"},
      {"Bảo đảm vận hành thường xuyên, liên tục hệ thống.", "-", ""},
      {"Phấn đấu từ ngày 01/01 đến ngày 31/12 đạt 100% hồ sơ trực tuyến.", "-", ""},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    char zNorm[32], zAs[128];
    prose(aCase[i].z, zNorm, (int)sizeof(zNorm), zAs, (int)sizeof(zAs));
    int ok = strcmp(zNorm, aCase[i].zNorm) == 0 && strcmp(zAs, aCase[i].zAs) == 0;
    if (!ok) fprintf(stderr, "  '%s': [%s|%s]\n", aCase[i].z, zNorm, zAs);
    CHECK("prose deadline", ok);
  }
}

static void test_cells(void) {
  static const struct {
    const char *z, *zNorm;
  } aCase[] = {
      {"Hằng năm", "yearly"},
      {"Hàng quý", "quarterly"},
      {"Định kỳ hằng tháng", "monthly"},
      {"Năm 2024-2030", "2024/2030"},
      {"Thường xuyên", "continuous"},
      {"Quý IV/2023", "2023-Q4"},
      {"Quí IV-2025", "2025-Q4"},
      {"6 tháng đầu năm 2024", "2024-H1"},
      {"trong tháng 12/2022", "2022-12"},
      {"15/01/2026", "2026-01-15"},
      {"Từ 01/7/2025", "2025-07-01/.."},
      {"Từ tháng 7/2025 đến tháng 12/2026", "2025-07/2026-12"},
      {"Trong 30 ngày", "P30D"},
      {"Trong 6 tháng", "P6M"},
      {"Tháng 12 hằng năm", "--12"},
      {"Ngày 15/12 hằng năm", "--12-15"},
      {"Theo chỉ đạo", ""},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    vp_fold f;
    char zNorm[32] = "?";
    if (vp_fold_init(&f, aCase[i].z, (int)strlen(aCase[i].z)) == VP_OK) {
      vp_deadline_cell_norm(&f, zNorm, (int)sizeof(zNorm));
      vp_fold_free(&f);
    }
    int ok = strcmp(zNorm, aCase[i].zNorm) == 0;
    if (!ok) fprintf(stderr, "  cell '%s': [%s]\n", aCase[i].z, zNorm);
    CHECK("deadline cell", ok);
  }
  /* a short buffer is never overrun */
  vp_fold f;
  char zSmall[6];
  memset(zSmall, 'x', sizeof(zSmall));
  const char *z = "Từ tháng 7/2025 đến tháng 12/2026";
  if (vp_fold_init(&f, z, (int)strlen(z)) == VP_OK) {
    vp_deadline_cell_norm(&f, zSmall, (int)sizeof(zSmall));
    vp_fold_free(&f);
  }
  CHECK("cell norm cut to its buffer", memchr(zSmall, 0, sizeof(zSmall)) != NULL);
}

static void test_fold_words(void) {
  vp_fold f;
  const char *z = "Sở Tài chính chủ trì, phối hợp với các sở";
  CHECK("fold", vp_fold_init(&f, z, (int)strlen(z)) == VP_OK);
  CHECK("words at the start", vp_fold_words_at(&f, 0, "so tai chinh") == 12);
  CHECK("no match inside a word", vp_fold_words_at(&f, 0, "so tai ch") == -1);
  CHECK("find the words", vp_fold_find_words(&f, 0, "phoi hop voi") == 22);
  CHECK("find stops at word bounds", vp_fold_find_words(&f, 0, "hop vo") == -1);
  CHECK("skip spaces", vp_fold_skip_ws(&f, 2) == 3);
  CHECK("out of range is no match", vp_fold_words_at(&f, -1, "so") == -1 && vp_fold_words_at(&f, f.n, "so") == -1);
  vp_fold_free(&f);
  const char *z2 = "Hoàn thành trước ngày 15/12";
  CHECK("fold", vp_fold_init(&f, z2, (int)strlen(z2)) == VP_OK);
  const vp_lexicon_entry *e = NULL;
  const vp_lexicon_list *pL = vp_lexicon_get("task-phrases.tsv", "deadline");
  CHECK("a list's phrase at an index", vp_lexicon_at_fold(&f, 11, pL, &e) == 21 && e && !strcmp(e->zFold, "truoc ngay"));
  CHECK("no phrase: -1 and no entry", vp_lexicon_at_fold(&f, 0, pL, &e) == -1 && e == NULL);
  CHECK("beyond the text: -1", vp_lexicon_at_fold(&f, f.n + 3, pL, NULL) == -1);
  vp_fold_free(&f);
}

int main(void) {
  if (vp_lexicon_init(NULL) != VP_OK) {
    fprintf(stderr, "test_deadline: the word lists do not load\n");
    return 1;
  }
  test_prose();
  test_cells();
  test_fold_words();
  return vp_test_done();
}
