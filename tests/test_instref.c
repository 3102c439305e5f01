/*
** test_instref.c — instruments typed loosely read into number, year, type
** and issuer (vp_instref), table-driven; and the agency name scores of
** vp_agmatch that `who` relies on.
*/
#include <stdio.h>
#include <string.h>

#include "vp_agmatch.h"
#include "vp_instref.h"
#include "vp_lexicon.h"
#include "vp_test.h"

static const struct {
  const char *zQuery;
  const char *zNumber, *zType, *zIssuer;
  int nYear;
} aCase[] = {
    {"nghị quyết 20", "20", "NQ", "", 0},
    {"nghi quyet 20", "20", "NQ", "", 0},
    {"NQ 20", "20", "NQ", "", 0},
    {"NQ 20/TW", "20", "NQ", "TW", 0},
    {"20/NQ-TW", "20", "NQ", "TW", 0},
    {"KL 69", "69", "KL", "", 0},
    {"Kết luận 69", "69", "KL", "", 0},
    {"QĐ 709", "709", "QĐ", "", 0},
    {"qd 709", "709", "QĐ", "", 0},
    {"Quyết định 709 năm 2022", "709", "QĐ", "", 2022},
    {"Quyết định 709 của Thủ tướng Chính phủ", "709", "QĐ", "TTg", 0},
    {"Nghị quyết 20 của Trung ương", "20", "NQ", "TW", 0},
    {"Kế hoạch thực hiện Nghị quyết 20", "20", "NQ", "", 0},
    {"Nghị định 35/2021/NĐ-CP", "35", "NĐ", "CP", 2021},
    {"Chương trình hành động 10", "10", "CTr", "", 0},
    {"472", "472", "", "", 0},
    {"Nghị quyết 20 ngày 01/11/2012", "20", "NQ", "", 2012},
};

int main(void) {
  char *zErr = NULL;
  CHECK("lexicon loads", vp_lexicon_init(&zErr) == 0);
  for (size_t i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    vp_instref r;
    int bNum = vp_instref_parse(aCase[i].zQuery, &r);
    int bOk = bNum && strcmp(r.zNumber, aCase[i].zNumber) == 0 && strcmp(r.zType, aCase[i].zType) == 0 &&
              strcmp(r.zIssuer, aCase[i].zIssuer) == 0 && r.nYear == aCase[i].nYear;
    if (!bOk)
      fprintf(stderr, "  %s -> number %s type %s issuer %s year %d\n", aCase[i].zQuery, r.zNumber, r.zType,
              r.zIssuer, r.nYear);
    CHECK(aCase[i].zQuery, bOk);
  }
  vp_instref r;
  CHECK("no number", vp_instref_parse("nghị quyết của Trung ương", &r) == 0 && strcmp(r.zType, "NQ") == 0);
  CHECK("empty", vp_instref_parse("", &r) == 0);
  /* the name alone, or a topic beside it */
  CHECK("'NQ 57' is the name alone", vp_instref_parse("NQ 57", &r) && r.bAlone);
  CHECK("'nghị quyết số 57 của Bộ Chính trị' is the name alone",
        vp_instref_parse("nghị quyết số 57 của Bộ Chính trị", &r) && r.bAlone);
  CHECK("'Quyết định 709 năm 2022' is the name alone",
        vp_instref_parse("Quyết định 709 năm 2022", &r) && r.bAlone);
  CHECK("'nghị quyết 57 chuyển đổi số' names a topic too",
        vp_instref_parse("nghị quyết 57 chuyển đổi số", &r) && !r.bAlone);
  char zLong[4000];
  memset(zLong, 'a', sizeof(zLong) - 1);
  zLong[sizeof(zLong) - 1] = 0;
  CHECK("a long word is no number", vp_instref_parse(zLong, &r) == 0);

  /* agency names, folded as vp_fold_str gives them */
  int d = 0;
  CHECK("exact", vp_agmatch_score("so tai chinh", "so tai chinh", &d) == VP_AGMATCH_EXACT);
  CHECK("a short word changed is another word, no typo",
        vp_agmatch_score("so tc", "so tu phap", &d) == VP_AGMATCH_NONE &&
            vp_agmatch_score("so tai chanh", "so tai chinh", &d) == VP_AGMATCH_TYPO);
  CHECK("exact without spaces", vp_agmatch_score("so kh cn", "sokhcn", &d) == VP_AGMATCH_EXACT);
  CHECK("prefix of words", vp_agmatch_score("so giao duc", "so giao duc va dao tao", &d) == VP_AGMATCH_PREFIX);
  CHECK("prefix ends inside a word", vp_agmatch_score("so giao d", "so giao duc va dao tao", &d) == VP_AGMATCH_PREFIX);
  CHECK("words inside", vp_agmatch_score("tai chinh", "so tai chinh", &d) == VP_AGMATCH_WORDS);
  CHECK("a typo", vp_agmatch_score("so tai chanh", "so tai chinh", &d) == VP_AGMATCH_TYPO && d == 1);
  CHECK("two letters swapped", vp_agmatch_score("so tia chinh", "so tai chinh", &d) == VP_AGMATCH_TYPO && d == 1);
  CHECK("another agency is no match", vp_agmatch_score("so tai chinh", "so y te", &d) == VP_AGMATCH_NONE);
  CHECK("too short for a typo", vp_agmatch_score("so", "sy", &d) == VP_AGMATCH_NONE);
  CHECK("distance", vp_agmatch_distance("hocj", 4, "hoc", 3) == 1);
  return vp_test_done();
}
