/*
** test_format_html.c — unit tests of the HTML renderer (vp_format.h,
** indexer/read/format_html.c): a small plan page written here (header
** table, heading, bold, a 4-column task table, a script and a nav that must
** not appear, an entity) rendered into the reader's text and parsed by the
** reader into a table with column roles; pages in Windows-1258 and
** ISO-8859-1 by their meta charset; hostile pages (deep nesting, 1 MB of
** '<', over the size limit) refused or bounded. Not for the walk or the
** index (tests/it_formats.sh indexes an .html copy of a seed plan).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_format.h"
#include "vp_reader.h"
#include "vp_test.h"

static const char *zPage =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Trang</title>"
    "<script>var s = \"SCRIPTTEXT\";</script><style>p{color:red}</style></head>"
    "<body><nav><ul><li><a href=\"/\">MENUTEXT Trang chủ</a></li></ul></nav>"
    "<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH BẮC NINH</b><br>Số: 12/KH-UBND</td>"
    "<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>"
    "<tr><td></td><td><i>Bắc Ninh, ngày 2 tháng 3 năm 2025</i></td></tr></table>"
    "<h1>KẾ HOẠCH</h1>"
    "<p>Thực hiện <b>Nghị quyết số 57-NQ/TW</b> về khoa học &amp; công nghệ.</p>"
    "<div>Đoạn thứ hai\n  viết trên\n hai dòng.</div>"
    "<table border=\"1\"><tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th>"
    "<th>Cơ quan phối hợp</th></tr>"
    "<tr><td>1</td><td>Xây dựng cơ sở dữ liệu chuyển đổi số</td>"
    "<td>Sở Khoa học và Công nghệ</td><td>Các sở, ngành</td></tr>"
    "<tr><td>2</td><td>Đào tạo nhân lực</td><td>Sở Nội vụ</td><td>UBND cấp huyện</td></tr>"
    "<tr><td colspan=\"2\">Tổng</td><td>x</td></tr></table>"
    "<form><button>BUTTONTEXT</button></form>"
    "<footer>FOOTERTEXT</footer></body></html>";

static char *render(const char *z, size_t n, int *pRc, char **pzErr) {
  char *zOut = NULL;
  size_t nOut = 0;
  *pzErr = NULL;
  *pRc = vp_format_render("page.html", z, n, &zOut, &nOut, pzErr);
  if (zOut && strlen(zOut) != nOut) *pRc = -1;
  return zOut;
}

static void test_page(void) {
  int rc;
  char *zErr;
  char *z = render(zPage, strlen(zPage), &rc, &zErr);
  CHECK("page renders", rc == VP_OK && z != NULL);
  if (z == NULL) return;
  CHECK("no script", strstr(z, "SCRIPTTEXT") == NULL);
  CHECK("no nav", strstr(z, "MENUTEXT") == NULL);
  CHECK("no button, no footer", !strstr(z, "BUTTONTEXT") && !strstr(z, "FOOTERTEXT"));
  CHECK("no title", strstr(z, "Trang\n") == NULL);
  CHECK("header table", strstr(z, "| **ỦY BAN NHÂN DÂN TỈNH BẮC NINH** Số: 12/KH-UBND | "
                                  "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** Độc lập - Tự do - "
                                  "Hạnh phúc |\n|---|---|\n|  | Bắc Ninh, ngày 2 tháng 3 năm "
                                  "2025 |\n") != NULL);
  CHECK("heading", strstr(z, "\n\n# KẾ HOẠCH\n\n") != NULL);
  CHECK("bold and entity",
        strstr(z, "\n\nThực hiện **Nghị quyết số 57-NQ/TW** về khoa học & công nghệ.\n\n") != NULL);
  CHECK("whitespace collapsed", strstr(z, "\n\nĐoạn thứ hai viết trên hai dòng.\n\n") != NULL);
  CHECK("task table",
        strstr(z, "\n\n| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |\n|---|---|---|---|\n"
                  "| 1 | Xây dựng cơ sở dữ liệu chuyển đổi số | Sở Khoa học và Công nghệ | "
                  "Các sở, ngành |\n| 2 | Đào tạo nhân lực | Sở Nội vụ | UBND cấp huyện |\n") != NULL);
  CHECK("colspan as empty cells", strstr(z, "\n| Tổng |  | x |\n") != NULL);
  CHECK("heading before table", strstr(z, "# KẾ HOẠCH") < strstr(z, "| STT |"));

  vp_text *p = NULL;
  char *zE = NULL;
  rc = vp_reader_parse(z, strlen(z), &p, &zE);
  CHECK("reader parses the rendered text", rc == VP_OK && p != NULL);
  free(zE);
  int iHead = -1, nRow = 0;
  for (int i = 0; p && i < p->nPassage; i++) {
    vp_passage *pP = &p->aPassage[i];
    if (pP->eKind == VP_P_TABLE_HEAD && pP->nCell == 4 && iHead < 0) iHead = i;
    if (pP->eKind == VP_P_ROW && iHead >= 0 && pP->iTable == iHead) nRow++;
  }
  CHECK("a TABLE_HEAD of 4 columns", iHead >= 0);
  if (iHead >= 0) {
    vp_passage *pH = &p->aPassage[iHead];
    CHECK("column roles", pH->aeColRole && pH->aeColRole[0] == VP_COL_NUMBER &&
                              pH->aeColRole[1] == VP_COL_CONTENT && pH->aeColRole[2] == VP_COL_LEAD &&
                              pH->aeColRole[3] == VP_COL_SUPPORT);
    CHECK("rows under the head", nRow >= 2);
  }
  int bRowCells = 0;
  for (int i = 0; p && i < p->nPassage; i++) {
    vp_passage *pP = &p->aPassage[i];
    if (pP->eKind == VP_P_ROW && pP->nCell == 4 && strcmp(pP->azCell[2], "Sở Nội vụ") == 0 &&
        strcmp(pP->azCell[1], "Đào tạo nhân lực") == 0)
      bRowCells = 1;
  }
  CHECK("row cells", bRowCells);
  vp_reader_free(p);
  free(z);
}

static void test_charsets(void) {
  int rc;
  char *zErr;
  /* Windows-1258: "Kế hoạch" as e-circumflex + combining acute, a + combining dot */
  static const char zCp[] =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
      "</head><body><p>K\xea\xec ho\x61\xf2" "ch \xf0\xf4ng</p></body></html>";
  char *z = render(zCp, strlen(zCp), &rc, &zErr);
  CHECK("windows-1258 page, NFC", rc == VP_OK && z && strstr(z, "Kế hoạch đông") != NULL);
  free(z);
  free(zErr);
  static const char zL1[] =
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>";
  z = render(zL1, strlen(zL1), &rc, &zErr);
  CHECK("iso-8859-1 page", rc == VP_OK && z && strstr(z, "Café crème") != NULL);
  free(z);
  free(zErr);
}

static void test_hostile(void) {
  int rc;
  char *zErr;
  vp_buf b = {0};
  int rcb = VP_OK;
  vp_buf_appends(&b, "<html><body>", &rcb);
  for (int i = 0; i < 5000; i++) vp_buf_appends(&b, "<div>", &rcb);
  vp_buf_appends(&b, "deep", &rcb);
  for (int i = 0; i < 5000; i++) vp_buf_appends(&b, "</div>", &rcb);
  char *z = render(b.z, b.n, &rc, &zErr);
  CHECK("5,000 nested divs refused", rc == VP_EINPUT && z == NULL && zErr && strstr(zErr, "deeper"));
  free(z);
  free(zErr);
  vp_buf_reset(&b);
  vp_buf_appends(&b, "<html><body>", &rcb);
  for (int i = 0; i < 900; i++) vp_buf_appends(&b, "<div>", &rcb);
  vp_buf_appends(&b, "deep", &rcb);
  z = render(b.z, b.n, &rc, &zErr);
  CHECK("900 nested divs read", rc == VP_OK && z && strstr(z, "deep"));
  free(z);
  free(zErr);
  vp_buf_free(&b);

  size_t n = 1u << 20;
  char *zLt = malloc(n);
  if (zLt) {
    memset(zLt, '<', n);
    z = render(zLt, n, &rc, &zErr);
    CHECK("1 MB of '<' handled", (rc == VP_OK && z) || rc == VP_EINPUT);
    free(z);
    free(zErr);
    free(zLt);
  }
  /* over the size limit: refused before parsing (the bytes are not read) */
  z = render("<p>x</p>", (size_t)65 * 1024 * 1024, &rc, &zErr);
  CHECK("over 64 MB refused", rc == VP_EINPUT && z == NULL && zErr && strstr(zErr, "64 MB"));
  free(z);
  free(zErr);
  z = render("", 0, &rc, &zErr);
  CHECK("empty page", (rc == VP_OK && z && z[0] == 0) || rc == VP_EINPUT);
  free(z);
  free(zErr);
}

/* Ordered lists keep their items' numbers as the page shows them (a value
** attribute, a start, a type), so "4. Sở Tài chính" stays a numbered
** heading; an unordered list's items are "- "; a label survives a
** paragraph opening inside its item (<li><p>…), as Word's HTML writes. */
static void test_lists(void) {
  static const char zLists[] =
      "<html><body><ol><li>Sở Nội vụ</li><li>Sở Y tế</li></ol>"
      "<ol type=\"1\"><li value=\"4\"><p><div><p>Sở Tài chính</p></div></li></ol>"
      "<ol type=\"a\" start=\"2\"><li>Phối hợp thực hiện</li></ol>"
      "<ol type=\"I\" start=\"3\"><li>TỔ CHỨC THỰC HIỆN</li></ol>"
      "<ul><li>Lưu: VT</li></ul></body></html>";
  int rc;
  char *zErr;
  char *z = render(zLists, sizeof zLists - 1, &rc, &zErr);
  CHECK("lists: render", rc == VP_OK && z != NULL);
  if (z) {
    CHECK("items numbered in order", strstr(z, "1. Sở Nội vụ") && strstr(z, "2. Sở Y tế"));
    CHECK("an item's value, its label through a paragraph inside it", strstr(z, "4. Sở Tài chính") != NULL);
    CHECK("a lettered list from its start", strstr(z, "b) Phối hợp thực hiện") != NULL);
    CHECK("a roman list", strstr(z, "III. TỔ CHỨC THỰC HIỆN") != NULL);
    CHECK("an unordered list's item", strstr(z, "- Lưu: VT") != NULL);
    if (!strstr(z, "4. Sở Tài chính")) fprintf(stderr, "rendered: [%s]\n", z);
  }
  free(z);
  free(zErr);
}

int main(void) {
  test_page();
  test_lists();
  test_charsets();
  test_hostile();
  return vp_test_done();
}
