/*
** test_gazetteer.c — unit tests of the province gazetteer (vp_gazetteer.h):
** every province resolves to itself as written (NFC, NFD, no diacritics),
** aliases and hyphen spacing, longest match at a word boundary, members of
** the post-2025 units, junk. Not for province detection in documents
** (test_meta.c).
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_test.h"

static const char *name_of(const vp_province *p) { return p ? p->zName : "(null)"; }

static int is_named(const vp_province *p, const char *zName) {
  return p != NULL && strcmp(p->zName, zName) == 0;
}

/* the province matched at the start of zText folded, and the folded length */
static const vp_province *match_text(const char *zText, int *pnLen) {
  vp_fold f;
  if (vp_fold_init(&f, zText, (int)strlen(zText)) != 0) return NULL;
  const vp_province *p = vp_gaz_match_fold(f.z, f.n, pnLen);
  vp_fold_free(&f);
  return p;
}

static void test_every_province_resolves_to_itself(void) {
  CHECK("63 provinces", vp_gaz_count() == 63);
  CHECK("out of range is NULL", vp_gaz_get(-1) == NULL && vp_gaz_get(63) == NULL);
  for (int i = 0; i < vp_gaz_count(); i++) {
    const vp_province *p = vp_gaz_get(i);
    CHECK("kind is tỉnh or thành phố",
          strcmp(p->zKind, "tỉnh") == 0 || strcmp(p->zKind, "thành phố") == 0);
    CHECK("NFC name resolves", vp_gaz_lookup(p->zName) == p);
    char *zNfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)p->zName);
    CHECK("NFD name resolves", zNfd && vp_gaz_lookup(zNfd) == p);
    free(zNfd);
    char *zPlain = vp_fold_str(p->zName, -1);
    CHECK("diacritic-free name resolves", zPlain && vp_gaz_lookup(zPlain) == p);
    if (vp_gaz_lookup(zPlain) != p) fprintf(stderr, "  %s -> %s\n", zPlain, name_of(vp_gaz_lookup(zPlain)));
    free(zPlain);
    char *zUnit = vp_mprintf("%s %s", p->zKind, p->zName);
    CHECK("\"tỉnh X\" / \"thành phố X\" resolves", zUnit && vp_gaz_lookup(zUnit) == p);
    free(zUnit);
    const vp_province *ap[8];
    int n = vp_gaz_members(p->zName, ap, 8);
    int bSelf = 0;
    for (int k = 0; k < n; k++) bSelf |= (ap[k] == p);
    CHECK("members of a name include itself", n >= 1 && bSelf);
  }
}

static void test_every_alias_resolves(void) {
  const char *zTable = vp_data_get("province-aliases.tsv", NULL);
  CHECK("alias table is compiled in", zTable != NULL);
  size_t iPos = 0;
  char zLine[512];
  char *azCol[2];
  int nRow = 0;
  while (vp_data_next_row(zTable, &iPos, zLine, sizeof(zLine), azCol, 2) == 2) {
    nRow++;
    const vp_province *p = vp_gaz_lookup(azCol[0]);
    CHECK("alias resolves to its province", is_named(p, azCol[1]));
    if (!is_named(p, azCol[1])) fprintf(stderr, "  %s -> %s\n", azCol[0], name_of(p));
  }
  CHECK("alias table has rows", nRow >= 20);
}

static void test_lookup_variants(void) {
  static const struct { const char *zTyped, *zName; } aCase[] = {
    {"binh thuan", "Bình Thuận"},
    {"Tỉnh Bình Thuận", "Bình Thuận"},
    {"  TỈNH   BÌNH THUẬN ", "Bình Thuận"},
    {"tp ho chi minh", "Hồ Chí Minh"},
    {"TP.HCM", "Hồ Chí Minh"},
    {"TP. Hồ Chí Minh", "Hồ Chí Minh"},
    {"Thành phố Hồ Chí Minh", "Hồ Chí Minh"},
    {"BRVT", "Bà Rịa - Vũng Tàu"},
    {"BR-VT", "Bà Rịa - Vũng Tàu"},
    {"Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"},
    {"ba ria- vung tau", "Bà Rịa - Vũng Tàu"},
    {"ba ria -vung tau", "Bà Rịa - Vũng Tàu"},
    {"Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"}, /* en dash */
    {"Thừa Thiên - Huế", "Huế"},
    {"Thừa Thiên-Huế", "Huế"},
    {"Thừa Thiên Huế", "Huế"},
    {"Huế", "Huế"},
    {"Đắc Lắc", "Đắk Lắk"},
    {"Daklak", "Đắk Lắk"},
    {"Đăk Lăk", "Đắk Lắk"},
    {"Kontum", "Kon Tum"},
    {"Hoà Bình", "Hòa Bình"},
    {"Thanh Hoá", "Thanh Hóa"},
    {"tinh khanh hoa", "Khánh Hòa"},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    const vp_province *p = vp_gaz_lookup(aCase[i].zTyped);
    CHECK(aCase[i].zTyped, is_named(p, aCase[i].zName));
  }
  static const char *const azJunk[] = {
    "", "   ", "xyz", "Vũng Tàu", "Sài Gòn", "binh", "tỉnh", "thành phố",
    "Bình Thuận Bình Thuận", "Hà", "sở khoa học", "ba ria vung",
  };
  for (int i = 0; i < VP_ARRAY_SIZE(azJunk); i++) {
    CHECK(azJunk[i], vp_gaz_lookup(azJunk[i]) == NULL);
  }
  CHECK("NULL typed", vp_gaz_lookup(NULL) == NULL);
}

static void test_match_fold(void) {
  int n = 0;
  const vp_province *p = match_text("Bà Rịa- Vũng Tàu trong thời gian tới", &n);
  CHECK("hyphen glued to the left", is_named(p, "Bà Rịa - Vũng Tàu") && n == (int)strlen("ba ria- vung tau"));
  p = match_text("Bà Rịa - Vũng Tàu.", &n);
  CHECK("ends before the full stop", is_named(p, "Bà Rịa - Vũng Tàu") && n == (int)strlen("ba ria - vung tau"));
  p = match_text("Thừa Thiên Huế đến năm 2030", &n);
  CHECK("longest match wins over Huế", is_named(p, "Huế") && n == (int)strlen("thua thien hue"));
  p = match_text("Hà Nam, ngày", &n);
  CHECK("Hà Nam before a comma", is_named(p, "Hà Nam") && n == 6);
  p = match_text("Hà Namxyz", &n);
  CHECK("no match inside a word", p == NULL && n == 0);
  p = match_text("Hà Nộii", &n);
  CHECK("no match inside a word (2)", p == NULL);
  p = match_text("Bình", &n);
  CHECK("a prefix of a name is no match", p == NULL);
  p = match_text("Tuyên Quang", &n);
  CHECK("name at the very end", is_named(p, "Tuyên Quang") && n == 11);
  CHECK("NULL text", vp_gaz_match_fold(NULL, 0, &n) == NULL && n == 0);
  CHECK("text starting with a space", vp_gaz_match_fold(" an giang", 9, &n) == NULL);
}

static int has_member(const vp_province **ap, int n, const char *zName) {
  for (int i = 0; i < n; i++) if (is_named(ap[i], zName)) return 1;
  return 0;
}

static void test_members(void) {
  const vp_province *ap[8];
  int n = vp_gaz_members("Hồ Chí Minh", ap, 8);
  CHECK("Hồ Chí Minh has 3 members", n == 3);
  CHECK("HCM members", has_member(ap, n, "Hồ Chí Minh") && has_member(ap, n, "Bình Dương") &&
                           has_member(ap, n, "Bà Rịa - Vũng Tàu"));
  n = vp_gaz_members("TP.HCM", ap, 8);
  CHECK("TP.HCM gives the unit too", n == 3);
  n = vp_gaz_members("lam dong", ap, 8);
  CHECK("Lâm Đồng has 3 members", n == 3 && has_member(ap, n, "Lâm Đồng") &&
                                      has_member(ap, n, "Đắk Nông") && has_member(ap, n, "Bình Thuận"));
  n = vp_gaz_members("Tỉnh Lâm Đồng", ap, 8);
  CHECK("Tỉnh Lâm Đồng has 3 members", n == 3);
  n = vp_gaz_members("Bình Thuận", ap, 8);
  CHECK("a pre-2025 name gives itself", n == 1 && is_named(ap[0], "Bình Thuận"));
  n = vp_gaz_members("Huế", ap, 8);
  CHECK("Huế gives itself (its name since January 2025)", n == 1 && is_named(ap[0], "Huế"));
  n = vp_gaz_members("Cần Thơ", ap, 8);
  CHECK("Cần Thơ has 3 members", n == 3 && has_member(ap, n, "Sóc Trăng") && has_member(ap, n, "Hậu Giang"));
  n = vp_gaz_members("Hồ Chí Minh", ap, 2);
  CHECK("nMax caps the output", n == 2);
  CHECK("junk gives 0", vp_gaz_members("không có", ap, 8) == 0);
  CHECK("empty gives 0", vp_gaz_members("", ap, 8) == 0);
  CHECK("NULL gives 0", vp_gaz_members(NULL, ap, 8) == 0);
  int nUnit = 0;
  for (int i = 0; i < vp_gaz_count(); i++) {
    const vp_province *p = vp_gaz_get(i);
    if (strcmp(p->zName, p->zSince2025) == 0) nUnit++;
  }
  CHECK("the 34 units keep a name of the 63 (Huế its own since January 2025)", nUnit == 34);
}

int main(void) {
  test_every_province_resolves_to_itself();
  test_every_alias_resolves();
  test_lookup_variants();
  test_match_fold();
  test_members();
  return vp_test_done();
}
