/*
** test_docfilter.c — the document filters (vp_docfilter.h): relation labels
** and keys read as people type them, the sort asked for, and the SQL
** condition an issuer and a relation give (quoted, never raw). Not for the
** answers they filter (tests/it_server_client.py drives those).
*/
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_docfilter.h"
#include "vp_test.h"

static int rel_is(const char *zTyped, const char *zKey) {
  const char *z = vp_docfilter_relation(zTyped);
  return zKey ? z && strcmp(z, zKey) == 0 : z == NULL;
}

int main(void) {
  CHECK("label", rel_is("Căn cứ", "basis"));
  CHECK("label without diacritics", rel_is("can cu", "basis"));
  CHECK("label in capitals", rel_is("THỰC HIỆN", "implements"));
  CHECK("longer label", rel_is("tiếp tục thực hiện", "continues"));
  CHECK("mention", rel_is("Nhắc đến", "mention"));
  CHECK("alias", rel_is("viet tat", "alias"));
  CHECK("key", rel_is("implements", "implements"));
  CHECK("unknown", rel_is("hướng dẫn", NULL));
  CHECK("empty", rel_is("", NULL));
  CHECK("NULL", rel_is(NULL, NULL));
  CHECK("a key's label", strcmp(vp_docfilter_relation_label("basis"), "Căn cứ") == 0);
  CHECK("no label for another word", vp_docfilter_relation_label("guides") == NULL);
  int n = 0;
  const char *zFirst = vp_docfilter_relation_choice(0, &n);
  CHECK("five relation labels", n == 5 && zFirst && strcmp(zFirst, "Căn cứ") == 0);
  CHECK("past the last label", vp_docfilter_relation_choice(n, &n) == NULL);

  vp_docfilter f;
  memset(&f, 0, sizeof(f));
  CHECK("no sort: relevance", vp_docfilter_sort_date(&f) == 0);
  f.zSort = "relevance";
  CHECK("relevance", vp_docfilter_sort_date(&f) == 0);
  f.zSort = "date";
  CHECK("date", vp_docfilter_sort_date(&f) == 1);
  CHECK("a sort is no filter", vp_docfilter_empty(&f));
  f.zSort = "newest";
  CHECK("another sort", vp_docfilter_sort_date(&f) == -1);
  CHECK("NULL filter: relevance", vp_docfilter_sort_date(NULL) == 0);

  char *zSql = NULL, *zErr = NULL;
  memset(&f, 0, sizeof(f));
  f.zIssuer = "Ủy ban nhân dân tỉnh'; DROP TABLE doc; --";
  CHECK("an issuer is a filter", !vp_docfilter_empty(&f));
  CHECK("issuer SQL", vp_docfilter_sql(&f, &zSql, &zErr) == VP_OK && zSql &&
                          strstr(zSql, "d.issuer IN ('Ủy ban nhân dân tỉnh''; DROP TABLE doc; --')") != NULL);
  free(zSql);
  zSql = NULL;
  f.zIssuer = "THỦ TƯỚNG CHÍNH PHỦ" VP_ISSUER_SEP "Thủ tướng Chính phủ";
  CHECK("an issuer stored in two spellings: either",
        vp_docfilter_sql(&f, &zSql, &zErr) == VP_OK && zSql &&
            strstr(zSql, "d.issuer IN ('THỦ TƯỚNG CHÍNH PHỦ', 'Thủ tướng Chính phủ')") != NULL);
  free(zSql);
  zSql = NULL;
  memset(&f, 0, sizeof(f));
  f.zRelation = "Căn cứ";
  CHECK("relation SQL: the documents citing so, by key",
        vp_docfilter_sql(&f, &zSql, &zErr) == VP_OK && zSql && strstr(zSql, "cr.relation = 'basis'") != NULL);
  free(zSql);
  zSql = NULL;
  f.zRelation = "hướng dẫn";
  CHECK("an unknown relation cannot be read", vp_docfilter_sql(&f, &zSql, &zErr) == VP_EQUERY && zSql == NULL &&
                                                  zErr && strstr(zErr, "Căn cứ") != NULL);
  free(zErr);
  zErr = NULL;
  f.zRelation = NULL;
  f.zProvince = "Lâm Đồng";
  f.zSort = "newest";
  CHECK("an unknown sort cannot be read", vp_docfilter_sql(&f, &zSql, &zErr) == VP_EQUERY && zErr);
  free(zErr);
  return vp_test_done();
}
