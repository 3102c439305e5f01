/*
** test_lexicon.c — tests of the word lists (vp_lexicon.h): the compiled-in
** tables load without a problem and hold what the extractors expect; the
** lookups (exact, at, before, longest, code); a table parsed from a string
** with each kind of bad row, reported with its line; lists far longer than
** the old fixed arrays. Not for what the extractors do with the words.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_lexicon.h"
#include "vp_test.h"

static int str_eq(const char *a, const char *b) {
  return a && b && strcmp(a, b) == 0;
}

/* ------------------------------------------------ the compiled-in lists */

static void test_compiled_in(void) {
  char *zErr = NULL;
  int rc = vp_lexicon_init(&zErr);
  CHECK("compiled-in tables load", rc == VP_OK && zErr == NULL);
  if (zErr) fprintf(stderr, "  %s\n", zErr);
  free(zErr);
  CHECK("init twice gives the same answer", vp_lexicon_init(NULL) == VP_OK);

  const vp_lexicon_list *pType = vp_lexicon_get("instrument-types.tsv", "type");
  const vp_lexicon_list *pAlias = vp_lexicon_get("instrument-types.tsv", "alias");
  const vp_lexicon_list *pIssuer = vp_lexicon_get("instrument-types.tsv", "issuer");
  const vp_lexicon_list *pBody = vp_lexicon_get("instrument-types.tsv", "body");
  CHECK("type list", vp_lexicon_count(pType) >= 19);
  CHECK("alias list", vp_lexicon_count(pAlias) >= 3);
  CHECK("issuer list", vp_lexicon_count(pIssuer) >= 45);
  CHECK("body list", vp_lexicon_count(pBody) >= 8);

  const vp_lexicon_entry *e = vp_lexicon_find(pType, "nghi quyet", -1);
  CHECK("find a folded type name", e && str_eq(e->zPhrase, "Nghị quyết") &&
                                        str_eq(e->zValue, "NQ") && e->nCol == 4 &&
                                        str_eq(e->azCol[1], "type") && e->iLine > 1);
  CHECK("find needs the whole phrase", vp_lexicon_find(pType, "nghi", -1) == NULL);
  CHECK("find with a length", vp_lexicon_find(pType, "ke hoachXYZ", 8) != NULL);
  CHECK("issuer names", vp_lexicon_find(pIssuer, "so tai chinh", -1) != NULL);
  CHECK("body names", str_eq(vp_lexicon_value(pBody, "bo chinh tri", -1), "-"));

  /* every alias stands for a type row of its code (meta.c and cite.c
  ** read an alias as that row) */
  int bAll = 1;
  for (int i = 0; i < vp_lexicon_count(pAlias); i++) {
    const vp_lexicon_entry *a = vp_lexicon_entry_at(pAlias, i);
    if (vp_lexicon_find_code(pType, 0, a->azCol[0], -1) == NULL) bAll = 0;
  }
  CHECK("every alias has a type row", bAll);

  /* codes: exact, any case, Đ read as D */
  e = vp_lexicon_find_code(pType, 0, "QĐ", -1);
  CHECK("code exact", e && str_eq(e->zPhrase, "Quyết định"));
  CHECK("code lowercase", vp_lexicon_find_code(pType, 0, "qđ", -1) == e);
  CHECK("code Đ as D", vp_lexicon_find_code(pType, 0, "QD", -1) == e);
  CHECK("code CTr any case", (e = vp_lexicon_find_code(pType, 0, "CTR", -1)) &&
                                 str_eq(e->zPhrase, "Chương trình"));
  CHECK("code length", (e = vp_lexicon_find_code(pType, 0, "CTrXX", 3)) &&
                           str_eq(e->azCol[0], "CTr"));
  CHECK("issuer code is no type", vp_lexicon_find_code(pType, 0, "TTg", -1) == NULL);
  CHECK("local issuer", (e = vp_lexicon_find_code(pIssuer, 0, "ubnd", -1)) &&
                            str_eq(e->azCol[3], "1"));
  CHECK("bad column", vp_lexicon_find_code(pType, 9, "NQ", -1) == NULL);

  const vp_lexicon_list *pRel = vp_lexicon_get("cite-phrases.tsv", "relation");
  CHECK("relation list", vp_lexicon_count(pRel) == 11);
  CHECK("manner list", vp_lexicon_count(vp_lexicon_get("cite-phrases.tsv", "manner")) == 9);
  CHECK("issuer-end list", vp_lexicon_count(vp_lexicon_get("cite-phrases.tsv", "issuer-end")) == 16);
  CHECK("a phrase's value", str_eq(vp_lexicon_value(pRel, "can cu", -1), "basis"));
  CHECK("written with diacritics, found folded",
        str_eq(vp_lexicon_value(pRel, "tiep tuc trien khai thuc hien", -1), "continues"));

  /* what is not declared is empty, never NULL */
  const vp_lexicon_list *pNone = vp_lexicon_get("cite-phrases.tsv", "no-such-list");
  CHECK("unknown list is empty", pNone && vp_lexicon_count(pNone) == 0);
  CHECK("unknown list finds nothing", vp_lexicon_find(pNone, "can cu", -1) == NULL &&
                                          vp_lexicon_match_at(pNone, "can cu", 6, 0, NULL) == NULL &&
                                          vp_lexicon_match_before(pNone, "can cu", 6, 6, 0, NULL) == NULL &&
                                          vp_lexicon_entry_at(pNone, 0) == NULL);
  CHECK("unknown table is empty", vp_lexicon_count(vp_lexicon_get("nope.tsv", NULL)) == 0);
  CHECK("a list named without its list is empty",
        vp_lexicon_count(vp_lexicon_get("cite-phrases.tsv", NULL)) == 0);
}

/* ------------------------------------------------------------- lookups */

static const vp_lexicon_list_spec aWordLists[] = {
    {"verb", "lead support"},
    {"title", NULL},
};

static const vp_lexicon_table tWords = {
    "words.tsv", "list\tphrase\tvalue", 0, 1, 2, 2, aWordLists, 2,
};

static const char *const zWords =
    "# a test table\n"
    "# list, phrase, value\n"
    "list\tphrase\tvalue\n"
    "verb\tchủ trì\tlead\n"
    "verb\tChủ trì thực hiện\tlead\n"
    "\n"
    "verb\tphối hợp\tsupport\n"
    "verb  \t  phối hợp với \t support \r\n"
    "title\ttm.\n"
    "title\tKT.\n"
    "title\tchủ tịch\n";

static void test_lookups(void) {
  vp_lexicon *p = NULL;
  char *zErr = NULL;
  int rc = vp_lexicon_parse(&tWords, zWords, &p, &zErr);
  CHECK("good table parses", rc == VP_OK && p != NULL && zErr == NULL);
  if (zErr) fprintf(stderr, "  %s\n", zErr);
  free(zErr);
  const vp_lexicon_list *pVerb = vp_lexicon_list_of(p, "verb");
  const vp_lexicon_list *pTitle = vp_lexicon_list_of(p, "title");
  CHECK("rows per list", vp_lexicon_count(pVerb) == 4 && vp_lexicon_count(pTitle) == 3);
  CHECK("table order", str_eq(vp_lexicon_entry_at(pVerb, 1)->zPhrase, "Chủ trì thực hiện"));
  const vp_lexicon_entry *e = vp_lexicon_entry_at(pVerb, 3);
  CHECK("cells trimmed", e && str_eq(e->zPhrase, "phối hợp với") && str_eq(e->zValue, "support") &&
                             str_eq(e->azCol[0], "verb") && e->iLine == 8);
  CHECK("folded once", e && str_eq(e->zFold, "phoi hop voi") && e->nFold == 12);
  e = vp_lexicon_entry_at(pTitle, 0);
  CHECK("left-out value reads \"\"", e && str_eq(e->zValue, "") && str_eq(e->azCol[2], ""));
  CHECK("folded phrase is lowercase", (e = vp_lexicon_find(pTitle, "kt.", -1)) && str_eq(e->zPhrase, "KT."));
  CHECK("no such list in a parsed table", vp_lexicon_count(vp_lexicon_list_of(p, "other")) == 0);

  /* at a position: longest first, word boundaries on both sides */
  const char *z = "giao chu tri thuc hien ke hoach";
  int n = (int)strlen(z), nLen = -1;
  e = vp_lexicon_match_at(pVerb, z, n, 5, &nLen);
  CHECK("longest at", e && str_eq(e->zFold, "chu tri thuc hien") && nLen == 17);
  CHECK("nothing at a word's middle", vp_lexicon_match_at(pVerb, z, n, 6, &nLen) == NULL && nLen == 0);
  z = "chu trix";
  CHECK("no match running into a word", vp_lexicon_match_at(pVerb, z, 8, 0, NULL) == NULL);
  z = "xchu tri";
  CHECK("no match glued after a word", vp_lexicon_match_at(pVerb, z, 8, 1, NULL) == NULL);
  z = "achu tri";
  CHECK("the length given is the end", vp_lexicon_match_at(pVerb, z + 1, 7, 0, &nLen) != NULL && nLen == 7);
  z = "chu tri, phoi hop";
  CHECK("punctuation ends a word", (e = vp_lexicon_match_at(pVerb, z, (int)strlen(z), 0, &nLen)) &&
                                       str_eq(e->zFold, "chu tri"));
  z = "phoi hop voi so";
  CHECK("longest of two", (e = vp_lexicon_match_at(pVerb, z, (int)strlen(z), 0, &nLen)) && nLen == 12);
  z = "phoi hop voisa";
  CHECK("a shorter one when the longer runs on",
        (e = vp_lexicon_match_at(pVerb, z, (int)strlen(z), 0, &nLen)) && nLen == 8);
  z = "tm.chu tich";
  CHECK("a phrase ending in '.' needs no space after",
        (e = vp_lexicon_match_at(pTitle, z, (int)strlen(z), 0, &nLen)) && nLen == 3);
  CHECK("then the next phrase", vp_lexicon_match_at(pTitle, z, (int)strlen(z), 3, &nLen) && nLen == 8);
  CHECK("out of range", vp_lexicon_match_at(pTitle, z, 11, 11, NULL) == NULL &&
                            vp_lexicon_match_at(pTitle, z, 11, -1, NULL) == NULL);

  /* ending at a position */
  z = "da chu tri thuc hien ke hoach";
  int iStart = -2;
  e = vp_lexicon_match_before(pVerb, z, (int)strlen(z), 20, 0, &iStart);
  CHECK("longest before", e && str_eq(e->zValue, "lead") && iStart == 3);
  e = vp_lexicon_match_before(pVerb, z, (int)strlen(z), 10, 0, &iStart);
  CHECK("before, shorter", e && str_eq(e->zFold, "chu tri") && iStart == 3);
  CHECK("before: the start bound", vp_lexicon_match_before(pVerb, z, (int)strlen(z), 20, 4, &iStart) == NULL &&
                                       iStart == -1);
  CHECK("before: inside a word", vp_lexicon_match_before(pVerb, z, (int)strlen(z), 9, 0, NULL) == NULL);
  z = "xphoi hop";
  CHECK("before: glued to a word", vp_lexicon_match_before(pVerb, z, 9, 9, 0, NULL) == NULL);
  CHECK("before: out of range", vp_lexicon_match_before(pVerb, z, 9, 10, 0, NULL) == NULL &&
                                    vp_lexicon_match_before(pVerb, z, 9, 0, 0, NULL) == NULL);
  vp_lexicon_free(p);
  vp_lexicon_free(NULL);
}

/* ------------------------------------------------------------ bad rows */

/* Parse zText with tWords: VP_EINPUT and a message holding zWant. */
static void check_bad(const char *zDesc, const char *zText, const char *zWant) {
  static char cSentinel;
  vp_lexicon *p = (vp_lexicon *)(void *)&cSentinel; /* must come back NULL */
  char *zErr = NULL;
  int rc = vp_lexicon_parse(&tWords, zText, &p, &zErr);
  int bOk = rc == VP_EINPUT && p == NULL && zErr && strstr(zErr, zWant);
  CHECK(zDesc, bOk);
  if (!bOk) fprintf(stderr, "  got rc %d: %s\n  want: %s\n", rc, zErr ? zErr : "(none)", zWant);
  free(zErr);
}

static void test_bad_rows(void) {
  const char *zHead = "# comment\nlist\tphrase\tvalue\n";
  char z[512];
  snprintf(z, sizeof(z), "%sverb\tchu tri\tlead\nverb\tphoi hop\tsupport\textra\n", zHead);
  check_bad("too many cells", z, "words.tsv line 4: 4 cells, the table has 3 (list, phrase, value)");
  snprintf(z, sizeof(z), "%sverb\n", zHead);
  check_bad("too few cells", z, "words.tsv line 3: 1 cell, a row needs at least 2");
  snprintf(z, sizeof(z), "%sverb\tchu tri\tlead\nnoun\tso\n", zHead);
  check_bad("unknown list", z, "words.tsv line 4: unknown list \"noun\" (lists: verb, title)");
  snprintf(z, sizeof(z), "%s\tchu tri\tlead\n", zHead);
  check_bad("empty list name", z, "words.tsv line 3: empty list name");
  snprintf(z, sizeof(z), "%stitle\t  \t\n", zHead);
  check_bad("empty phrase", z, "words.tsv line 3: empty phrase");
  snprintf(z, sizeof(z), "%sverb\tchu tri\tboss\n", zHead);
  check_bad("value not allowed", z, "words.tsv line 3: value \"boss\" of list verb is not one of: lead support");
  snprintf(z, sizeof(z), "%sverb\tchu tri\n", zHead);
  check_bad("value required", z, "words.tsv line 3: value \"\" of list verb");
  snprintf(z, sizeof(z), "%sverb\tchủ trì\tlead\n\nverb\tCHU TRI\tsupport\n", zHead);
  check_bad("duplicate phrase", z, "words.tsv line 5: \"CHU TRI\" is in list verb already (line 3)");
  check_bad("header", "list\tphrase\tnote\nverb\tchu tri\tlead\n",
            "words.tsv line 1: the header reads \"list, phrase, note\", the registry expects \"list, phrase, value\"");
  check_bad("no header", "# only comments\n\n", "words.tsv: no header line");
  check_bad("no text", NULL, "words.tsv: no header line");
  /* every problem is reported, not only the first */
  snprintf(z, sizeof(z), "%sverb\tchu tri\tlead\nnoun\tx\nverb\tphoi hop\tsupport\ntitle\t\n", zHead);
  check_bad("first of several", z, "words.tsv line 4: unknown list");
  check_bad("second of several", z, "\nwords.tsv line 6: empty phrase");

  static const vp_lexicon_table tBadShape = {"shape.tsv", "a\tb", 0, 0, -1, 1, aWordLists, 2};
  vp_lexicon *p = NULL;
  char *zErr = NULL;
  int rc = vp_lexicon_parse(&tBadShape, "a\tb\nverb\tx\n", &p, &zErr);
  CHECK("registry shape checked", rc == VP_EINPUT && p == NULL && zErr &&
                                      strstr(zErr, "shape.tsv: the registry gives the table a shape"));
  free(zErr);
}

/* ----------------------------------------------------- growth, one list */

static const vp_lexicon_list_spec aOneList[] = {{NULL, NULL}};
static const vp_lexicon_table tOne = {"one.tsv", "code\tname", -1, 1, 0, 2, aOneList, 1};

static void test_growth(void) {
  enum { N = 5000 }; /* the old arrays stopped at 64, 128 and 200 rows */
  vp_buf b = {0};
  int rc = VP_OK;
  vp_buf_appends(&b, "# codes and names\ncode\tname\n", &rc);
  for (int i = 0; i < N; i++) vp_buf_appendf(&b, &rc, "C%d\tname %d word\n", i, i);
  CHECK("built the text", rc == VP_OK);
  vp_lexicon *p = NULL;
  char *zErr = NULL;
  rc = vp_lexicon_parse(&tOne, b.z, &p, &zErr);
  CHECK("big table parses", rc == VP_OK && zErr == NULL);
  free(zErr);
  const vp_lexicon_list *pL = vp_lexicon_list_of(p, NULL);
  CHECK("every row kept", vp_lexicon_count(pL) == N);
  CHECK("a one-list table has no named list", vp_lexicon_count(vp_lexicon_list_of(p, "x")) == 0);
  int bAll = 1;
  char zName[64];
  for (int i = 0; i < N; i++) {
    snprintf(zName, sizeof(zName), "name %d word", i);
    const vp_lexicon_entry *e = vp_lexicon_find(pL, zName, -1);
    if (e == NULL || e != vp_lexicon_entry_at(pL, i) || e->iLine != i + 3) bAll = 0;
  }
  CHECK("every row found", bAll);
  const char *z = "see name 4999 word here";
  int nLen = 0;
  const vp_lexicon_entry *e = vp_lexicon_match_at(pL, z, (int)strlen(z), 4, &nLen);
  CHECK("the last row matches at", e && str_eq(e->zValue, "C4999") && nLen == 14);
  int iStart = 0;
  e = vp_lexicon_match_before(pL, z, (int)strlen(z), 18, 0, &iStart);
  CHECK("the last row matches before", e && str_eq(e->azCol[0], "C4999") && iStart == 4);
  CHECK("code lookup in a big list", (e = vp_lexicon_find_code(pL, 0, "c4321", -1)) &&
                                         str_eq(e->zPhrase, "name 4321 word"));
  vp_lexicon_free(p);
  vp_buf_free(&b);
}

int main(void) {
  test_compiled_in();
  test_lookups();
  test_bad_rows();
  test_growth();
  return vp_test_done();
}
