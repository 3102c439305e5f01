/*
** test_facets.c — a search's facets (facets.c) on a small indexed fixture:
** passages counted by their document's province and issuer, relations by
** the passages that carry them (a passage citing twice with one relation
** counts once), keys in the order SQL's GROUP BY gives; the same counts
** whether the matches are ranked (counted in the ranking's pass), listed
** by date (counted on their own), or kept to a filter; and, on a connection
** that stays open while the index changes, the documents' new province
** (the connection's memory of them forgotten: vp_doccache).
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vp_common.h"
#include "vp_indexer.h"
#include "vp_query.h"
#include "vp_test.h"
#include "vp_test_dir.h"

static char zDir[64];

static void write_file(const char *zName, const char *z) { vp_test_dir_write(zDir, zName, z); }

/* A plan of province zUnit ("TỈNH TUYÊN QUANG"), number zNo, with zBody. */
static void write_plan(const char *zName, const char *zUnit, const char *zNo, const char *zBody) {
  char *z = vp_mprintf("ỦY BAN NHÂN DÂN\n%s\n\nSố: %s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Độc lập - Tự do - Hạnh phúc\n\n, ngày 10 tháng 11 năm 2025\n\nKẾ HOẠCH\n"
                       "Triển khai phát triển hạ tầng\n\n%s",
                       zUnit, zNo, zBody);
  if (z) write_file(zName, z);
  free(z);
}

static cJSON *facets_of(vp_db *pDb, const char *zQuery, const vp_docfilter *pFilter, cJSON **ppOut) {
  char *zErr = NULL;
  *ppOut = NULL;
  if (vp_query_search_in(pDb, zQuery, pFilter, 10, 0, ppOut, &zErr) != VP_OK) {
    free(zErr);
    return NULL;
  }
  free(zErr);
  return cJSON_GetObjectItem(*ppOut, "facets");
}

static int count_of(const cJSON *pFacets, const char *zFacet, const char *zKey) {
  const cJSON *c = cJSON_GetObjectItem(cJSON_GetObjectItem(pFacets, zFacet), zKey);
  return cJSON_IsNumber(c) ? c->valueint : -1;
}

/* The keys of one facet, joined by '|'. */
static void keys_of(const cJSON *pFacets, const char *zFacet, char *zOut, int nOut) {
  zOut[0] = 0;
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(pFacets, zFacet)) {
    size_t n = strlen(zOut);
    snprintf(zOut + n, (size_t)nOut - n, "%s%s", n ? "|" : "", c->string);
  }
}

static void test_facets(void) {
  if (!vp_test_dir_make(zDir, sizeof(zDir), "vp_facets_")) {
    CHECK("temporary folder", 0);
    return;
  }
  write_plan("a.md", "TỈNH TUYÊN QUANG", "12/KH-UBND",
             "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về phát triển hạ tầng số;\n\n"
             "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Quyết định số "
             "749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ về hạ tầng số;\n\n"
             "1. Phát triển hạ tầng số đến các xã vùng sâu trước năm 2027.\n\n"
             "2. Sở Khoa học và Công nghệ chủ trì nâng cấp hạ tầng số của tỉnh.\n");
  write_plan("b.md", "THÀNH PHỐ HÀ NỘI", "34/KH-UBND",
             "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về hạ tầng số;\n\n"
             "1. Hoàn thiện hạ tầng số dùng chung của Thành phố.\n");
  write_file("note.md", "Ghi chép về hạ tầng số ở vùng núi, không phải văn bản.\n");
  char *zDb = NULL;
  vp_db *pDb = vp_test_dir_open(zDir, &zDb, 3);
  if (pDb) {
    cJSON *pOut = NULL, *pByDate = NULL, *pFiltered = NULL;
    const cJSON *f = facets_of(pDb, "hạ tầng số", NULL, &pOut);
    CHECK("search has facets", f != NULL);
    int nTotal = cJSON_GetObjectItem(pOut, "total") ? cJSON_GetObjectItem(pOut, "total")->valueint : -1;
    int nTq = count_of(f, "province", "Tuyên Quang"), nHn = count_of(f, "province", "Hà Nội");
    int nNone = count_of(f, "province", "");
    CHECK("passages by province add up to the total", nTq > 0 && nHn > 0 && nNone == 1 &&
                                                          nTq + nHn + nNone == nTotal);
    CHECK("Tuyên Quang: its four matching passages", nTq == 4);
    CHECK("a passage citing 57-NQ/TW and 749/QĐ-TTg as basis counts once",
          count_of(f, "relation", "basis") == 2);
    CHECK("the implementing citation", count_of(f, "relation", "implements") == 1);
    char zKeys[256];
    keys_of(f, "relation", zKeys, sizeof(zKeys));
    CHECK("relations by name", strcmp(zKeys, "basis|implements") == 0);
    keys_of(f, "province", zKeys, sizeof(zKeys));
    CHECK("provinces in the order of their documents", strcmp(zKeys, "Tuyên Quang|Hà Nội|") == 0);
    CHECK("the note has no issuer", cJSON_GetArraySize(cJSON_GetObjectItem(f, "issuer")) == 2);
    vp_docfilter fDate = {.zSort = "date"};
    const cJSON *g = facets_of(pDb, "hạ tầng số", &fDate, &pByDate);
    char *z1 = f ? cJSON_PrintUnformatted(f) : NULL, *z2 = g ? cJSON_PrintUnformatted(g) : NULL;
    CHECK("the same facets listed by date", z1 && z2 && strcmp(z1, z2) == 0);
    free(z1);
    free(z2);
    vp_docfilter fProv = {.zProvince = "Hà Nội"};
    const cJSON *h = facets_of(pDb, "hạ tầng số", &fProv, &pFiltered);
    CHECK("a filter keeps its documents' counts",
          count_of(h, "province", "Hà Nội") == nHn && count_of(h, "province", "Tuyên Quang") == -1 &&
              count_of(h, "relation", "implements") == 1 && count_of(h, "relation", "basis") == -1);
    cJSON_Delete(pOut);
    cJSON_Delete(pByDate);
    cJSON_Delete(pFiltered);
    /* the index changes under the open connection: its memory of the
    ** documents is forgotten, the facets follow the new text */
    /* (the note, indexed last, keeps its id when indexed again) */
    write_plan("note.md", "TỈNH LÀO CAI", "56/KH-UBND", "1. Hoàn thiện hạ tầng số dùng chung của Tỉnh.\n");
    vp_index_stats st;
    CHECK("fixture re-indexed", vp_test_dir_index(zDir, &zDb, &st) == VP_OK && st.nIndexed == 1);
    f = facets_of(pDb, "hạ tầng số", NULL, &pOut);
    CHECK("a document's new province, on the same connection",
          count_of(f, "province", "Lào Cai") == 1 && count_of(f, "province", "") == -1 &&
              count_of(f, "province", "Hà Nội") == nHn && count_of(f, "province", "Tuyên Quang") == nTq);
    cJSON_Delete(pOut);
    for (int k = 0; k < 2; k++) {
      vp_docfilter fNone = {.zSort = k ? "date" : NULL};
      const cJSON *e = facets_of(pDb, "xyzzy", &fNone, &pOut);
      CHECK(k ? "no match, by date: empty facets" : "no match: empty facets",
            e && cJSON_GetArraySize(cJSON_GetObjectItem(e, "province")) == 0 &&
                cJSON_GetArraySize(cJSON_GetObjectItem(e, "relation")) == 0);
      cJSON_Delete(pOut);
    }
    vp_db_close(pDb);
  }
  vp_test_dir_remove(zDir);
  free(zDb);
}

int main(void) {
  test_facets();
  return vp_test_done();
}
