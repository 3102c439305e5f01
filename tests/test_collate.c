/*
** test_collate.c — Vietnamese alphabetical order (vp_collate.h): letters
** with modifiers after their base (a ă â, d đ, o ô ơ, u ư), tones after the
** base letter and in the dictionaries' order, case last, and the stable
** sort of a cJSON array by a member. Not for folding (test_tok.c).
*/
#include <string.h>

#include "vp_collate.h"
#include "vp_test.h"

static int before(const char *a, const char *b) { return vp_collate_cmp(a, b) < 0; }

int main(void) {
  /* the alphabet: a ă â b c d đ e ê … o ô ơ … u ư v x y */
  static const char *azAlpha[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i",
                                  "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t",
                                  "u", "ư", "v", "x", "y"};
  for (size_t i = 0; i + 1 < sizeof(azAlpha) / sizeof(azAlpha[0]); i++)
    CHECK(azAlpha[i], before(azAlpha[i], azAlpha[i + 1]));
  /* tones: a à ả ã á ạ, after the base letter's whole run */
  static const char *azTone[] = {"a", "à", "ả", "ã", "á", "ạ"};
  for (int i = 0; i + 1 < 6; i++) CHECK(azTone[i], before(azTone[i], azTone[i + 1]));
  CHECK("tones weigh less than letters", before("bá", "bac") && before("mà", "mb"));
  CHECK("Sở Tài chính before Sở Thông tin", before("Sở Tài chính", "Sở Thông tin và Truyền thông"));
  CHECK("Đài after Cục, before Ủy ban", before("Cục Thống kê", "Đài Phát thanh") &&
                                            before("Đài Phát thanh", "Ủy ban nhân dân"));
  CHECK("Ủy ban before Văn phòng", before("Ủy ban nhân dân tỉnh", "Văn phòng UBND"));
  CHECK("Đắk Lắk after Đà Nẵng", before("Đà Nẵng", "Đắk Lắk"));
  CHECK("Đồng Tháp after Điện Biên", before("Điện Biên", "Đồng Tháp"));
  CHECK("Bình Định before Bình Dương", before("Bình Dương", "Bình Định"));
  CHECK("An Giang first", before("An Giang", "Bà Rịa - Vũng Tàu"));
  CHECK("Hà Nội before Hải Phòng", before("Hà Nội", "Hải Phòng"));
  CHECK("case after tones", before("sở", "Sở") && before("Sở", "sớ"));
  CHECK("NFD same as NFC", vp_collate_cmp("Tu\xcc\x9b\xcc\x80", "Từ") != 0 &&
                               !before("Từ", "Tu\xcc\x9b\xcc\x80") == !before("Từ", "Từ"));
  CHECK("equal", vp_collate_cmp("Hà Nội", "Hà Nội") == 0);
  CHECK("prefix first", before("Sở", "Sở Y tế"));
  CHECK("NULL first", before(NULL, "a") && vp_collate_cmp(NULL, NULL) == 0);
  CHECK("stray byte is no crash", vp_collate_cmp("a\xff", "a") > 0);

  cJSON *a = cJSON_Parse("[{\"name\":\"Ủy ban\"},{\"name\":\"Sở Thông tin\",\"i\":1},"
                         "{\"name\":\"Đài\"},{\"name\":\"Sở Tài chính\"},{\"x\":1},"
                         "{\"name\":\"Sở Thông tin\",\"i\":2},{\"name\":\"Bộ\"}]");
  CHECK("sort ok", vp_collate_sort(a, "name") == 0);
  char *z = cJSON_PrintUnformatted(a);
  CHECK("sorted, stable", z && strcmp(z, "[{\"x\":1},{\"name\":\"Bộ\"},{\"name\":\"Đài\"},"
                                        "{\"name\":\"Sở Tài chính\"},{\"name\":\"Sở Thông tin\",\"i\":1},"
                                        "{\"name\":\"Sở Thông tin\",\"i\":2},{\"name\":\"Ủy ban\"}]") == 0);
  cJSON_free(z);
  cJSON_Delete(a);
  return vp_test_done();
}
