/*
** test_task.c — unit tests of task extraction (indexer/extract/task.c): the role
** rules on hand-built passages (prose, headings with bullets, lead-ins,
** table rows, deadlines, recipient and membership lists), then the five
** plans of corpus/ read with vp_reader_load against the hand-checked list of
** which documents give each agency a task.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_task.h"
#include "vp_test.h"

/* ------------------------------------------------------------------------
** Hand-built documents.
*/

#define NO_TABLE (-1)
typedef struct spec {
  vp_pkind eKind;
  const char *z;
  int iParent;
  int bLeadIn;
  int iTable;
  const char *azCell[6];
} spec;

static vp_text *build(const spec *a, int n) {
  vp_text *t = calloc(1, sizeof(*t));
  vp_buf b = {0};
  int rc = VP_OK;
  t->aPassage = calloc((size_t)n, sizeof(vp_passage));
  t->nPassage = n;
  for (int i = 0; i < n; i++) {
    vp_passage *p = &t->aPassage[i];
    p->eKind = a[i].eKind;
    p->iStart = (int)b.n;
    vp_buf_appends(&b, a[i].z, &rc);
    p->iEnd = (int)b.n;
    vp_buf_appends(&b, "\n", &rc);
    p->zText = vp_strndup(a[i].z, -1);
    p->zSection = vp_strndup("", 0);
    p->iParent = a[i].iParent;
    p->bLeadIn = a[i].bLeadIn;
    p->iTable = a[i].iTable;
    while (p->nCell < 6 && a[i].azCell[p->nCell]) p->nCell++;
    if (p->nCell) {
      p->azCell = calloc((size_t)p->nCell, sizeof(char *));
      for (int c = 0; c < p->nCell; c++) p->azCell[c] = vp_strndup(a[i].azCell[c], -1);
    }
    if (p->eKind == VP_P_TABLE_HEAD && p->nCell) { /* as the reader gives them */
      p->aeColRole = calloc((size_t)p->nCell, sizeof(vp_colrole));
      for (int c = 0; c < p->nCell; c++) {
        char *zF = vp_fold_str(p->azCell[c], -1);
        p->aeColRole[c] = vp_columns_role(zF);
        free(zF);
      }
    }
  }
  t->nBuf = b.n;
  t->zBuf = vp_buf_take(&b);
  return t;
}

static void text_free(vp_text *t) {
  for (int i = 0; i < t->nPassage; i++) {
    vp_passage *p = &t->aPassage[i];
    free(p->zText);
    free(p->zSection);
    for (int c = 0; c < p->nCell; c++) free(p->azCell[c]);
    free(p->azCell);
    free(p->aeColRole);
  }
  free(t->aPassage);
  free(t->zBuf);
  free(t);
}

/* The metadata of an official plan: tasks are read only from documents
** with a kind and an issuer. */
static vp_meta official_meta(void) {
  vp_meta m;
  memset(&m, 0, sizeof(m));
  m.zKind = (char *)"Kế hoạch";
  m.zIssuer = (char *)"Ủy ban nhân dân tỉnh";
  return m;
}

/* The tasks of a text built from a, with each passage's depth in the
** outline (aiLevel, n long; NULL: none) where a rule reads it, and every
** passage in the section zSection (NULL: none, the preamble's ""). */
static vp_tasks extract_built(const spec *a, const int *aiLevel, int n, const char *zSection) {
  vp_text *t = build(a, n);
  for (int i = 0; aiLevel && i < n; i++) t->aPassage[i].iLevel = aiLevel[i];
  for (int i = 0; zSection && i < n; i++) {
    free(t->aPassage[i].zSection);
    t->aPassage[i].zSection = vp_strndup(zSection, -1);
  }
  vp_tasks ts;
  char *zErr = NULL;
  vp_meta m = official_meta();
  CHECK("extract ok", vp_task_extract(t, &m, &ts, &zErr) == VP_OK);
  free(zErr);
  text_free(t);
  return ts;
}

static vp_tasks extract_with_levels(const spec *a, const int *aiLevel, int n) {
  return extract_built(a, aiLevel, n, NULL);
}

static vp_tasks extract(const spec *a, int n) { return extract_built(a, NULL, n, NULL); }

/* As extract, every passage in the section zSection (the body). */
static vp_tasks extract_in_section(const spec *a, int n, const char *zSection) {
  return extract_built(a, NULL, n, zSection);
}

/* -1: not in the task; else its role */
static int role_of(const vp_task *t, const char *zCanon) {
  for (int i = 0; i < t->nAgency; i++) {
    if (strcmp(t->aAgency[i].zCanon, zCanon) == 0) return (int)t->aAgency[i].eRole;
  }
  return -1;
}

static const vp_task *task_of_passage(const vp_tasks *ts, int iPassage) {
  for (int i = 0; i < ts->n; i++) {
    if (ts->a[i].iPassage == iPassage) return &ts->a[i];
  }
  return NULL;
}

#define L VP_ROLE_LEAD
#define S VP_ROLE_SUPPORT
#define SKHCN "Sở Khoa học và Công nghệ"
#define SKHDT "Sở Kế hoạch và Đầu tư"
#define STC "Sở Tài chính"
#define SNV "Sở Nội vụ"
#define SBN "Các sở, ban, ngành"
#define UBH "Ủy ban nhân dân các huyện, thị xã, thành phố"

static void test_prose(void) {
  spec a[] = {
      {VP_P_ITEM, "b) Sở Kế hoạch và Đầu tư chủ trì phối hợp với Sở Khoa học và Công nghệ và các Sở, ngành, "
                  "địa phương có liên quan hướng dẫn, thực hiện các hoạt động đầu tư", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "c) Sở Tài chính phối hợp với Sở KH&CN hướng dẫn quản lý và sử dụng tài sản", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "2. Đề nghị Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh: Đẩy mạnh công tác "
                  "tuyên truyền", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "2. Giao Sở Khoa học và Công nghệ chịu trách nhiệm tổng hợp chung, báo cáo tình hình của các Sở, "
                  "ban, ngành; phối hợp Sở Nội vụ trong việc đề xuất khen thưởng", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "1. Các sở, ban, ngành, địa phương nghiên cứu, quán triệt Kế hoạch này. Hàng năm báo cáo kết quả "
                  "thực hiện gửi Sở Khoa học và Công nghệ tổng hợp báo cáo UBND tỉnh", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Trong quá trình triển khai, đề nghị các sở, ban, ngành kịp thời thông tin về Sở Khoa học và "
                  "Công nghệ (thông qua Sở Tài chính) để tổng hợp", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "c) Sở Ngoại vụ tiếp tục phối hợp với các cơ quan liên quan tham mưu UBND tỉnh mở rộng quan hệ", -1,
       0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("chủ trì: task", t != NULL);
  if (t) {
    CHECK("chủ trì: lead", role_of(t, SKHDT) == L);
    CHECK("chủ trì: support", role_of(t, SKHCN) == S);
    CHECK("chủ trì: generic support", role_of(t, SBN) == S);
    CHECK("text without label", strncmp(t->zText, "Sở Kế hoạch", strlen("Sở Kế hoạch")) == 0);
  }
  t = task_of_passage(&ts, 1);
  CHECK("doer phối hợp: lead is the doer", t && role_of(t, STC) == L && role_of(t, SKHCN) == S);
  t = task_of_passage(&ts, 2);
  CHECK("Đề nghị: lead", t && role_of(t, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") == L);
  CHECK("Đề nghị: generic lead", t && role_of(t, "Các tổ chức chính trị - xã hội") == L);
  if (t) {
    int bGeneric = 0;
    for (int i = 0; i < t->nAgency; i++) bGeneric += t->aAgency[i].bGeneric;
    CHECK("generic flagged, not expanded", bGeneric == 1 && t->nAgency == 2);
  }
  t = task_of_passage(&ts, 3);
  CHECK("Giao: lead", t && role_of(t, SKHCN) == L);
  CHECK("Giao: later phối hợp is support", t && role_of(t, SNV) == S);
  CHECK("Giao: 'của các Sở' no role", t && role_of(t, SBN) == -1);
  t = task_of_passage(&ts, 4);
  CHECK("gửi Sở X: no role", t && role_of(t, SBN) == L && role_of(t, SKHCN) == -1);
  /* after "Trong quá trình triển khai," the request is the generic group's;
  ** the bodies reports go to ("về", "thông qua") are no parties */
  t = task_of_passage(&ts, 5);
  CHECK("mid-sentence đề nghị: the group asked leads", t == NULL || role_of(t, SBN) == L);
  CHECK("mid-sentence đề nghị, thông qua: no role for the addressees",
        t == NULL || (role_of(t, SKHCN) < 0 && role_of(t, STC) < 0));
  t = task_of_passage(&ts, 6);
  CHECK("tiếp tục phối hợp với: lead + support",
        t && role_of(t, "Sở Ngoại vụ") == L && role_of(t, "Các đơn vị liên quan") == S);
  vp_task_clear(&ts);
  CHECK("clear empties", ts.n == 0 && ts.a == NULL);
}

static void test_headings(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "V. TỔ CHỨC THỰC HIỆN", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_HEADING, "1. Sở Khoa học và Công nghệ", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Chủ trì, phối hợp với Sở Nội vụ và các cơ quan, đơn vị, địa phương có liên quan tham "
                          "mưu cấp có thẩm quyền thực hiện phân cấp", 1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Theo dõi, định kỳ hàng năm ( trước ngày 05 tháng 12 ) tổng hợp kết quả thực hiện, "
                          "báo cáo Ủy ban nhân dân tỉnh, Bộ Khoa học và Công nghệ.", 1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_HEADING, "3. Sở Tài chính", 0, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_TEXT, "Chủ trì, phối hợp với các sở, ngành tham mưu cấp có thẩm quyền nguồn kinh phí", 4, 0,
               NO_TABLE, {0}},
      /* 6 */ {VP_P_HEADING, "4. Nâng cao tiềm lực khoa học, công nghệ", 0, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_ITEM, "- Tiếp tục đầu tư phát triển nguồn nhân lực khoa học", 6, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_HEADING, "b) Sở Kế hoạch và Đầu tư", 0, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_ITEM, "- Sở Tài chính chủ trì, phối hợp với Sở Nội vụ tham mưu lồng ghép công tác", 8, 0, NO_TABLE,
               {0}},
      /* 10 */ {VP_P_ITEM, "- Phối hợp với Sở Tài chính, Sở Kế hoạch và Đầu tư lập kế hoạch về kinh phí hằng năm", 8,
                0, NO_TABLE, {0}},
      /* 11 */ {VP_P_ITEM, "b) Sở KH&CN chủ trì phối hợp với các Sở, ngành, địa phương có liên quan", 6, 0, NO_TABLE,
                {0}},
      /* 12 */ {VP_P_ITEM, "- Tiếp tục cụ thể hoá chủ trương nghị quyết của Đảng", 11, 0, NO_TABLE, {0}},
      /* 13 */ {VP_P_TEXT, "Trên đây là Kế hoạch triển khai; nếu có vướng mắc phản ánh về Sở Khoa học và Công nghệ",
                11, 0, NO_TABLE, {0}},
      /* 14 */ {VP_P_TEXT, "Sở Khoa học và Công nghệ:", 6, 1, NO_TABLE, {0}},
      /* 15 */ {VP_P_ITEM, "- Nghiên cứu các quy định. Nội dung này hoàn thành chậm nhất là tháng 3/2023.", 14, 0,
                NO_TABLE, {0}},
      /* 16 */ {VP_P_HEADING, "10. Trường Đại học Tân Trào, Trường Cao đẳng nghề Kỹ thuật - Công nghệ", 0, 0, NO_TABLE,
                {0}},
      /* 17 */ {VP_P_ITEM, "- Đẩy mạnh hoạt động nghiên cứu khoa học, chuyển giao công nghệ", 16, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("heading naming an agency only: no task of its own", task_of_passage(&ts, 1) == NULL);
  const vp_task *t = task_of_passage(&ts, 2);
  CHECK("bullet under agency heading: lead", t && role_of(t, SKHCN) == L);
  CHECK("bullet 'Chủ trì, phối hợp với': support", t && role_of(t, SNV) == S && role_of(t, "Các đơn vị liên quan") == S);
  t = task_of_passage(&ts, 3);
  CHECK("deadline in parentheses", t && t->zDeadline && strcmp(t->zDeadline, "trước ngày 05 tháng 12") == 0);
  CHECK("deadline normalized", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "--12-05") == 0);
  CHECK("báo cáo Bộ: no role", t && t->nAgency == 1);
  t = task_of_passage(&ts, 5);
  CHECK("paragraph under heading", t && role_of(t, STC) == L && role_of(t, SBN) == S);
  CHECK("topic heading gives nothing", task_of_passage(&ts, 7) == NULL && task_of_passage(&ts, 6) == NULL);
  t = task_of_passage(&ts, 9);
  CHECK("child's own doer overrides", t && role_of(t, STC) == L && role_of(t, SKHDT) == -1 && role_of(t, SNV) == S);
  t = task_of_passage(&ts, 10);
  CHECK("child 'Phối hợp với': supports", t && role_of(t, SKHDT) == L && role_of(t, STC) == S);
  CHECK("'hằng năm' as content is no deadline", t && t->zDeadline == NULL);
  t = task_of_passage(&ts, 11);
  CHECK("heading 'X chủ trì' is a task", t && role_of(t, SKHCN) == L && role_of(t, SBN) == S);
  t = task_of_passage(&ts, 12);
  CHECK("its bullets inherit lead and support", t && role_of(t, SKHCN) == L && role_of(t, SBN) == S);
  CHECK("closing paragraph after the bullets: no task", task_of_passage(&ts, 13) == NULL);
  t = task_of_passage(&ts, 15);
  CHECK("lead-in 'Sở X:'", t && role_of(t, SKHCN) == L);
  CHECK("chậm nhất là tháng", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2023-03") == 0);
  t = task_of_passage(&ts, 17);
  CHECK("bodies outside the table lead",
        t && role_of(t, "Trường Đại học Tân Trào") == L && role_of(t, "Trường Cao đẳng nghề Kỹ thuật - Công nghệ") == L);
  vp_task_clear(&ts);
}

static void test_lists_not_roles(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "a) Sở Khoa học và Công nghệ", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Tham mưu thành lập Ban Chỉ đạo Chương trình, gồm Trưởng ban là Lãnh đạo Ủy ban nhân dân "
                          "tỉnh; các thành viên: Lãnh đạo Sở Kế hoạch và Đầu tư; Sở Tài chính; Sở Nội vụ, Sở Giáo dục "
                          "và Đào tạo, Sở Y tế. Nội dung này hoàn thành trong tháng 11/2022.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Thành phần Tổ công tác gồm:", -1, 1, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Sở Tài chính: thành viên;", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_RECIPIENT, "Nơi nhận:", -1, 1, NO_TABLE, {0}},
      /* 5 */ {VP_P_RECIPIENT, "- Ban Tuyên giáo Tỉnh ủy;", 4, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_SIGNATURE, "KT. CHỦ TỊCH", -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_TEXT, "1       Chương trình hành động số 61-CTr/TU về phát triển", 0, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_HEADING, "SỞ TÀI CHÍNH", -1, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_TEXT, "Thực hiện Quyết định số 472/QĐ-UBND, ban hành Kế hoạch như sau", 8, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("membership bullet: lead from heading", t && role_of(t, SKHCN) == L);
  CHECK("membership list: no roles", t && t->nAgency == 1);
  CHECK("membership deadline", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2022-11") == 0);
  CHECK("member item: no task", task_of_passage(&ts, 3) == NULL);
  CHECK("recipients: no task", task_of_passage(&ts, 5) == NULL);
  CHECK("footnote: no task", task_of_passage(&ts, 7) == NULL);
  CHECK("issuer header hands nothing down", task_of_passage(&ts, 8) == NULL && task_of_passage(&ts, 9) == NULL);
  CHECK("only one task", ts.n == 1);
  vp_task_clear(&ts);
}

/* Deadline cells that give a span or a time before an event. */
static void test_deadline_spans(void) {
  spec a[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE, {"STT", "Nhiệm vụ", "Chủ trì", "Thời gian thực hiện", 0}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0, {"1", "Xây dựng cơ sở dữ liệu đất đai", STC, "Từ 01/7/2025", 0}},
      /* 2 */ {VP_P_ROW, "row", -1, 0, 0, {"2", "Rà soát hồ sơ đất đai", STC, "Từ tháng 7/2025 đến tháng 12/2026", 0}},
      /* 3 */ {VP_P_ROW, "row", -1, 0, 0, {"3", "Gửi báo cáo kết quả", STC, "Trước 10 ngày so với ngày họp", 0}},
      /* 4 */ {VP_P_ITEM, "4. Sở Nội vụ gửi hồ sơ trước 15 ngày so với ngày tổ chức hội nghị.", -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("from a date on: an open span", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2025-07-01/..") == 0);
  t = task_of_passage(&ts, 2);
  CHECK("from a month to a month", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2025-07/2026-12") == 0);
  t = task_of_passage(&ts, 3);
  CHECK("days before an event (cell)", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "-P10D") == 0);
  t = task_of_passage(&ts, 4);
  CHECK("days before an event (prose)", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "-P15D") == 0);
  vp_task_clear(&ts);
}

/* A date in a year before the document's own describes something, it sets
** no time. */
static void test_deadline_before_document(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "1. Sở Xây dựng xác nhận hồ sơ nhà ở xây dựng trước ngày 01 tháng 7 năm 2006 cho người dân.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "2. Sở Tài chính hoàn thành việc rà soát trước ngày 31 tháng 12 năm 2025.", -1, 0, NO_TABLE, {0}},
  };
  vp_text *t = build(a, VP_ARRAY_SIZE(a));
  vp_tasks ts;
  char *zErr = NULL;
  vp_meta m = official_meta();
  m.zDate = (char *)"2025-06-01";
  CHECK("extract ok", vp_task_extract(t, &m, &ts, &zErr) == VP_OK);
  const vp_task *k = task_of_passage(&ts, 0);
  CHECK("a date of 2006 in a 2025 document: no deadline", k && k->zDeadlineNorm == NULL);
  k = task_of_passage(&ts, 1);
  CHECK("a date of the document's year: the deadline", k && k->zDeadlineNorm && !strcmp(k->zDeadlineNorm, "2025-12-31"));
  vp_task_clear(&ts);
  free(zErr);
  text_free(t);
}

/* One "Đơn vị thực hiện" cell naming both roles. */
static void test_mixed_role_cell(void) {
  spec a[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE, {"STT", "Nội dung", "Đơn vị thực hiện", "Thời gian", 0}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0,
               {"1", "Khám sức khỏe học sinh", "Sở Y tế chủ trì; Sở Giáo dục và Đào tạo, Bảo hiểm xã hội tỉnh phối hợp",
                "Hằng năm", 0}},
      /* 2 */ {VP_P_ROW, "row", -1, 0, 0,
               {"2", "Kiểm tra an toàn thực phẩm", "Sở Y tế (chủ trì), Sở Công Thương (phối hợp)", "Quý III/2026", 0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("mixed cell: 'chủ trì' leads", t && role_of(t, "Sở Y tế") == L);
  CHECK("mixed cell: a list then 'phối hợp' supports",
        t && role_of(t, "Sở Giáo dục và Đào tạo") == S && role_of(t, "Bảo hiểm xã hội tỉnh") == S);
  t = task_of_passage(&ts, 2);
  CHECK("mixed cell: '(phối hợp)' supports", t && role_of(t, "Sở Y tế") == L && role_of(t, "Sở Công Thương") == S);
  vp_task_clear(&ts);
}

/* Column names other provinces use: "Cơ quan đầu mối", "Lộ trình". */
static void test_table_column_variants(void) {
  spec a[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE,
               {"TT", "Tên đề án", "Cơ quan đầu mối", "Đơn vị phối hợp", "Lộ trình", 0}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0,
               {"1", "Xây dựng đề án phát triển kinh tế tư nhân", STC, "Sở Nội vụ", "Quý IV/2026", 0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("variant columns: task", t != NULL);
  if (t) {
    CHECK("variant columns: lead", role_of(t, STC) == L);
    CHECK("variant columns: support", role_of(t, SNV) == S);
    CHECK("variant columns: text is the content cell",
          strcmp(t->zText, "Xây dựng đề án phát triển kinh tế tư nhân") == 0);
    CHECK("variant columns: deadline", t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2026-Q4") == 0);
  }
  vp_task_clear(&ts);
}

static void test_table_rows(void) {
  spec a[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE,
               {"Số TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", 0}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0,
               {"13", "Tham mưu các giải pháp nâng cao chất lượng nguồn nhân lực", SKHCN,
                "Sở Nội vụ; Sở Giáo dục và Đào tạo; Sở Lao động, Thương binh và Xã hội, Các trường chuyên nghiệp; Ủy "
                "ban nhân dân các huyện, thành phố",
                "Hằng năm", 0}},
      /* 2 */ {VP_P_ROW, "row", -1, 0, 0,
               {"6", "Triển khai các chính sách hỗ trợ doanh nghiệp", SKHDT, "Các Sở, ban, ngành", "Năm 2024-2030", 0}},
      /* 3 */ {VP_P_ROW, "row", -1, 0, 0,
               {"9", "Triển khai thực hiện Đề án", "Sở Nông nghiệp và PTNT", "", "Theo Kế hoạch được phê duyệt", 0}},
      /* 4 */ {VP_P_ROW, "row", -1, 0, 0, {"", "2. Tăng cường sự lãnh đạo của Đảng", "", "", "", 0}},
      /* 5 */ {VP_P_ROW, "row", -1, 0, 0,
               {"4", "Chủ trì, phối hợp với Sở Y tế tham mưu nguồn kinh phí", STC, "Các Sở, ngành", "Thường xuyên", 0}},
      /* 6 */ {VP_P_ROW, "row", -1, 0, 0,
               {"5", "Lập danh mục", "Văn phòng UBND tỉnh", "Sở KH&CN", "trong tháng 12/2022", 0}},
      /* 7 */ {VP_P_ROW, "row", -1, 0, 0,
               {"7", "Rà soát quy hoạch", STC, "", "Quý IV/2023", 0}},
      /* 8 */ {VP_P_ROW, "row", -1, 0, 0,
               {"8", "Tổng kết", STC, "", "6 tháng cuối năm 2025", 0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("row: task", t != NULL);
  if (t) {
    CHECK("row: lead", role_of(t, SKHCN) == L);
    CHECK("row: supports", role_of(t, SNV) == S && role_of(t, "Sở Giáo dục và Đào tạo") == S);
    CHECK("row: comma name whole", role_of(t, "Sở Lao động, Thương binh và Xã hội") == S);
    CHECK("row: generic supports", role_of(t, "Các trường chuyên nghiệp") == S && role_of(t, UBH) == S);
    CHECK("row: text is the content cell", strcmp(t->zText, "Tham mưu các giải pháp nâng cao chất lượng nguồn nhân lực") == 0);
    CHECK("row: yearly", t->zDeadline && strcmp(t->zDeadline, "Hằng năm") == 0 && t->zDeadlineNorm &&
                             strcmp(t->zDeadlineNorm, "yearly") == 0);
  }
  t = task_of_passage(&ts, 2);
  CHECK("row: year range", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2024/2030") == 0);
  t = task_of_passage(&ts, 3);
  CHECK("row: as written, no norm", t && t->zDeadline && strcmp(t->zDeadline, "Theo Kế hoạch được phê duyệt") == 0 &&
                                        t->zDeadlineNorm == NULL);
  CHECK("row: alias in lead cell", t && role_of(t, "Sở Nông nghiệp và Phát triển nông thôn") == L);
  CHECK("section row: no task", task_of_passage(&ts, 4) == NULL);
  t = task_of_passage(&ts, 5);
  CHECK("row: phối hợp in the content", t && role_of(t, "Sở Y tế") == S && role_of(t, STC) == L);
  CHECK("row: continuous", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "continuous") == 0);
  t = task_of_passage(&ts, 6);
  CHECK("row: month", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2022-12") == 0);
  CHECK("row: VP UBND", t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == L && role_of(t, SKHCN) == S);
  t = task_of_passage(&ts, 7);
  CHECK("row: quarter", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2023-Q4") == 0);
  t = task_of_passage(&ts, 8);
  CHECK("row: half year", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2025-H2") == 0);
  vp_task_clear(&ts);
}

static void test_deadlines(void) {
  static const struct {
    const char *z, *zWritten, *zNorm;
  } aCase[] = {
      {"1. Sở Tài chính báo cáo kết quả thực hiện trước ngày 05/11.", "trước ngày 05/11", "--11-05"},
      {"1. Sở Tài chính lập kế hoạch tổ chức thực hiện trong tháng 12 năm 2022.", "trong tháng 12 năm 2022", "2022-12"},
      {"1. Sở Tài chính hoàn thành trong tháng 11/2022.", "trong tháng 11/2022", "2022-11"},
      {"1. Sở Tài chính đề xuất phương án. Nội dung này hoàn thành trước tháng 6/2023.", "trước tháng 6/2023", "2023-06"},
      {"1. Sở Tài chính tham mưu Nghị quyết hoàn thành trong năm 2023.", "trong năm 2023", "2023"},
      {"1. Sở Tài chính định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh.", "định kỳ hằng năm", "yearly"},
      {"1. Sở Tài chính định kỳ hằng năm báo cáo trước ngày 05/11.", "trước ngày 05/11", "--11-05"},
      {"1. Sở Tài chính phát triển đến năm 2030 các chương trình.", NULL, NULL},
      {"1. Sở Tài chính trình phương án trong quý IV/2023.", "trong quý IV/2023", "2023-Q4"},
      {"1. Sở Tài chính hoàn thành chậm nhất trong Quý II năm 2024.", "chậm nhất trong Quý II năm 2024", "2024-Q2"},
      {"1. Sở Tài chính báo cáo trước quý 3.", "trước quý 3", "--Q3"},
      {"1. Sở Tài chính hoàn thành trong 6 tháng đầu năm 2024.", "trong 6 tháng đầu năm 2024", "2024-H1"},
      {"1. Sở Tài chính quản lý Quỹ I của tỉnh.", NULL, NULL},
      {"1. Sở Tài chính báo cáo kết quả quý IV/2023 và đề xuất.", NULL, NULL},
      {"1. Sở Tài chính tổ chức hội nghị tổng kết vào ngày 19/12/2025.", "vào ngày 19/12/2025", "2025-12-19"},
      {"1. Sở Y tế khử khuẩn môi trường ngay sau khi lũ rút, bảo đảm không để dịch bệnh.", "ngay sau khi lũ rút", "event"},
      {"1. Sở Nội vụ gửi hồ sơ trước 10 ngày để thẩm định.", "trước 10 ngày", "-P10D"},
      {"1. Sở Tài chính triển khai kế hoạch, phấn đấu đạt mục tiêu ngay trong năm 2025.", NULL, NULL},
      {"1. Sở Tài chính lồng ghép vào các Chương trình mục tiêu quốc gia trước ngày 15/12/2025.",
       "trước ngày 15/12/2025", "2025-12-15"},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aCase); i++) {
    spec a[1] = {{VP_P_ITEM, aCase[i].z, -1, 0, NO_TABLE, {0}}};
    vp_tasks ts = extract(a, 1);
    const vp_task *t = ts.n == 1 ? &ts.a[0] : NULL;
    int ok = t != NULL;
    if (ok && aCase[i].zWritten) {
      ok = t->zDeadline && strcmp(t->zDeadline, aCase[i].zWritten) == 0 && t->zDeadlineNorm &&
           strcmp(t->zDeadlineNorm, aCase[i].zNorm) == 0;
    } else if (ok) {
      ok = t->zDeadline == NULL && t->zDeadlineNorm == NULL;
    }
    if (!ok) {
      fprintf(stderr, "  deadline of '%s': [%s|%s]\n", aCase[i].z, t && t->zDeadline ? t->zDeadline : "-",
              t && t->zDeadlineNorm ? t->zDeadlineNorm : "-");
    }
    CHECK("deadline case", ok);
    vp_task_clear(&ts);
  }
}

static void test_nfd(void) {
  /* "Sở Tài chính" decomposed, and a tone-placement variant of "hóa" */
  spec a[] = {{VP_P_ITEM,
               "c) So\xcc\x9b\xcc\x89 Ta\xcc\x80i chi\xcc\x81nh phối hợp với Sở Văn hoá, Thể thao và Du lịch hướng dẫn",
               -1, 0, NO_TABLE, {0}}};
  vp_tasks ts = extract(a, 1);
  CHECK("NFD lead", ts.n == 1 && role_of(&ts.a[0], STC) == L);
  CHECK("tone variant support", ts.n == 1 && role_of(&ts.a[0], "Sở Văn hóa, Thể thao và Du lịch") == S);
  vp_task_clear(&ts);
  vp_tasks empty;
  CHECK("NULL text", vp_task_extract(NULL, NULL, &empty, NULL) == VP_OK && empty.n == 0);
  vp_task_clear(&empty);
}


/* "Đề nghị: X, Y" over items gives X and Y the items; "Chủ trì, phối hợp"
** over a list makes the doer above the lead and the bodies listed support. */
static void test_request_and_support_list(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "6. Đề nghị: Hội Nông dân tỉnh, Liên minh Hợp tác xã tỉnh", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "a) Tuyên truyền, vận động hội viên tham gia chuyển đổi số.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "2.3. Công an tỉnh", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "b) Chủ trì, phối hợp", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "- Sở Tài chính và các đơn vị có liên quan tham mưu cân đối, bố trí ngân sách.", 3, 0,
               NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "- Sở Nội vụ tham mưu quy định về phân cấp quản lý.", 3, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("Đề nghị: the listed bodies lead the item", t && role_of(t, "Hội Nông dân tỉnh") == L);
  CHECK("Chủ trì, phối hợp over nobody is no task", task_of_passage(&ts, 3) == NULL);
  t = task_of_passage(&ts, 4);
  CHECK("under Chủ trì, phối hợp: the doer above leads", t && role_of(t, "Công an tỉnh") == L);
  CHECK("under Chủ trì, phối hợp: the body named supports", t && role_of(t, STC) == S);
  t = task_of_passage(&ts, 5);
  CHECK("second item: support too", t && role_of(t, "Sở Nội vụ") == S && role_of(t, "Công an tỉnh") == L);
  vp_task_clear(&ts);
}


/* Labelled fields after a task's text give that one task its roles and
** deadline; the text is not a second task of its own. */
static void test_fields(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "7. Đẩy mạnh chuyển đổi số trong công tác xây dựng pháp luật", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Các cơ quan, đơn vị tăng cường ứng dụng công nghệ số trong xây dựng pháp luật.", 0, 0,
               NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Đơn vị chủ trì tham mưu thực hiện: Sở Khoa học và Công nghệ.", 0, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Đơn vị phối hợp thực hiện: Sở Tư pháp; các cơ quan liên quan.", 0, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Thời gian thực hiện: Thường xuyên.", 0, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("fields: one task", ts.n == 1);
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("fields: lead from the chủ trì field", t && role_of(t, SKHCN) == L);
  CHECK("fields: support from the phối hợp field", t && role_of(t, "Sở Tư pháp") == S);
  CHECK("fields: the text's own group is not its lead", t && role_of(t, "Các đơn vị liên quan") != L);
  CHECK("fields: deadline", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "continuous") == 0);
  vp_task_clear(&ts);
}


/* A basis, a proposer or an address is no task; a lead-in over its items
** hands its roles down and is none itself. */
static void test_not_tasks(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số 12/TTr-STP.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Căn cứ đề xuất của Sở Tài chính về kinh phí thực hiện.", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Kính gửi:", -1, 1, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Sở Y tế tỉnh;", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_HEADING, "1. Sở Tài chính có trách nhiệm:", -1, 1, NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "a) Bố trí kinh phí thực hiện kế hoạch hằng năm.", 4, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_ITEM, "a) Nhằm nâng cao nhận thức, vai trò, trách nhiệm của các sở, ban, ngành, đoàn thể trong triển khai thực hiện Chỉ thị.", -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_ITEM, "3. Cơ quan lập đề án vùng phát thải thấp, bao gồm:", -1, 1, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "a) Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Xây dựng lập đề án đối với các khu vực nội đô;", 7, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_ITEM, "b) Ủy ban nhân dân cấp xã tổ chức lập đề án đối với khu vực thuộc địa bàn quản lý.", 7, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_ITEM, "4. Hồ sơ đề nghị gồm:", -1, 1, NO_TABLE, {0}},
      /* 11 */ {VP_P_ITEM, "a) Văn bản đề nghị của Sở Xây dựng về việc công nhận khu vực.", 10, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("a purpose naming whose duty it raises is no task", task_of_passage(&ts, 6) == NULL);

  CHECK("proposer is no task", task_of_passage(&ts, 0) == NULL);
  CHECK("basis is no task", task_of_passage(&ts, 1) == NULL);
  CHECK("address list is no task", task_of_passage(&ts, 2) == NULL && task_of_passage(&ts, 3) == NULL);
  CHECK("lead-in over items is no task", task_of_passage(&ts, 4) == NULL);
  const vp_task *t = task_of_passage(&ts, 5);
  CHECK("its item is, with the lead-in's doer", t && role_of(t, STC) == L);
  t = task_of_passage(&ts, 8);
  CHECK("under a lead-in listing bodies, an item's roles: lead and support",
        t && role_of(t, "Sở Nông nghiệp và Môi trường") == L && role_of(t, "Sở Xây dựng") == S);
  t = task_of_passage(&ts, 9);
  CHECK("under a lead-in listing bodies, an item's body does its part",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  CHECK("an item of a file's contents is no task", task_of_passage(&ts, 11) == NULL);
  vp_task_clear(&ts);
  /* the public a rule addresses is no body: its obligations are no tasks */
  spec b[] = {
      /* 0 */ {VP_P_TEXT, "Các tổ chức, cá nhân tham gia sử dụng chung hạ tầng kỹ thuật phải tuân thủ quy định về an toàn.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Sở Tài chính phối hợp với các tổ chức, cá nhân có liên quan rà soát hạ tầng kỹ thuật.", -1, 0, NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  CHECK("an obligation of the public is no task", task_of_passage(&ts, 0) == NULL);
  t = task_of_passage(&ts, 1);
  CHECK("a body's task with the public beside it is", t && role_of(t, STC) == L);
  vp_task_clear(&ts);
  /* another instrument's provision quoted after its citation is no task of
  ** this document; an amendment's quotation is its own rule */
  spec q[] = {
      /* 0 */ {VP_P_TEXT, "Tại khoản 7 Điều 39 Nghị định số 126/2020/NĐ-CP của Chính phủ quy định:", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "\"7. Kinh phí ủy nhiệm thu", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "a) Bộ Tài chính hướng dẫn cụ thể nội dung chi, mức chi kinh phí ủy nhiệm thu.\"", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Sở Tài chính hướng dẫn các đơn vị thực hiện chi kinh phí ủy nhiệm thu.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Sửa đổi, bổ sung khoản 2 Điều 5 như sau:", -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_TEXT, "\"2. Sở Tài chính chủ trì thẩm định dự toán kinh phí hằng năm.\"", -1, 0, NO_TABLE, {0}},
  };
  ts = extract(q, VP_ARRAY_SIZE(q));
  CHECK("a quoted provision of another instrument is no task", task_of_passage(&ts, 2) == NULL);
  t = task_of_passage(&ts, 3);
  CHECK("after the closing quotation mark, tasks again", t && role_of(t, STC) == L);
  t = task_of_passage(&ts, 5);
  CHECK("an amendment's quotation is the document's own", t && role_of(t, STC) == L);
  vp_task_clear(&ts);
}


/* A list of names may carry a qualifier between them ("… của Thành phố,
** UBND …"); a quota of awards is no task. */
static void test_lists_and_quotas(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "4. Các Sở, ban, ngành của Thành phố, UBND phường, xã", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Tổ chức thực hiện kế hoạch theo đúng quy định của pháp luật.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Đối với Công an tỉnh; Sở Tài chính mỗi đơn vị đề nghị không quá 01 tập thể, 03 cá nhân;",
               -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Ban bầu cử đại biểu Hội đồng nhân dân cấp tỉnh: 01 cá nhân/01 ban;", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "- Trung tâm Phục vụ hành chính công tỉnh: + Trụ sở chính: Số 2, đường Lê Lợi;", -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_TEXT, "01 cá nhân/01 ban;", 0, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_TEXT, "Ví dụ: Sở Khoa học và Công nghệ tỉnh có địa chỉ thư điện tử công vụ là: skhcn@tinh.gov.vn",
               -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_HEADING, "THỦ TƯỚNG CHÍNH PHỦ điện:", -1, 1, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương: Hà Tĩnh, Quảng Trị, Huế.",
               7, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("qualified list: the group leads", t && role_of(t, "Các sở, ban, ngành") == L);
  CHECK("qualified list: the name after the qualifier too",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  CHECK("award quota is no task", task_of_passage(&ts, 2) == NULL);
  CHECK("'X: 01 cá nhân' is a quota too", task_of_passage(&ts, 3) == NULL);
  CHECK("'Trụ sở chính:' gives an address", task_of_passage(&ts, 4) == NULL);
  CHECK("'Ví dụ: Sở X có địa chỉ …' is an example", task_of_passage(&ts, 6) == NULL);
  CHECK("a telegram's addressees ('… CHÍNH PHỦ điện:') are not its doers",
        task_of_passage(&ts, 7) == NULL && task_of_passage(&ts, 8) == NULL);
  CHECK("a line that opens with '01 cá nhân' is a quota", task_of_passage(&ts, 5) == NULL);
  vp_task_clear(&ts);
}


/* A table without a content column (a list of procedures and the body that
** handles each) assigns nothing; the author of a cited document is no doer. */
static void test_no_content_and_authors(void) {
  spec a[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE, {"STT", "Tên thủ tục", "Cơ quan thực hiện"}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0, {"1", "Thủ tục đăng ký kết hôn", "Ủy ban nhân dân cấp xã"}},
      /* 2 */ {VP_P_TEXT, "Sở Khoa học và Công nghệ tại Tờ trình số 4370/TTr-SKHCN ngày 20 tháng 11 năm 2025.",
               -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("no content column: no task", task_of_passage(&ts, 1) == NULL);
  vp_task_clear(&ts);
  spec b[] = {
      /* 0 */ {VP_P_TABLE_HEAD, "head", -1, 0, NO_TABLE, {"Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian"}},
      /* 1 */ {VP_P_ROW, "row", -1, 0, 0, {"Bước 1", "Tiếp nhận hồ sơ", "Trung tâm Phục vụ hành chính công", "0,5 ngày"}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  CHECK("a procedure's steps: no task", ts.n == 0);
  vp_task_clear(&ts);
  spec c[] = {
      /* 0 */ {VP_P_HEADING, "1.1. Trung tâm Phục vụ hành chính công tỉnh", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Cơ sở 1: Địa chỉ: Số 398 đường Trần Phú, phường Việt Trì; ĐT: 0210 2222 555", 0, 0,
               NO_TABLE, {0}},
  };
  ts = extract(c, VP_ARRAY_SIZE(c));
  CHECK("an address under a body's name: no task", ts.n == 0);
  vp_task_clear(&ts);
  spec g[] = {{VP_P_HEADING, "1.2. Trung tâm Phục vụ hành chính công các xã, phường trên địa bàn tỉnh Phú Thọ", -1,
               0, NO_TABLE, {0}}};
  ts = extract(g, VP_ARRAY_SIZE(g));
  CHECK("a body's name and its place: no task", ts.n == 0);
  CHECK("author of a cited document: no task", task_of_passage(&ts, 2) == NULL);
  vp_task_clear(&ts);
  spec d[] = {{VP_P_TEXT, "Sở Nội vụ là cơ quan thường trực của Hội đồng Thi đua - Khen thưởng tỉnh.", -1, 0,
               NO_TABLE, {0}}};
  ts = extract(d, VP_ARRAY_SIZE(d));
  CHECK("what a body is: no task", ts.n == 0);
  vp_task_clear(&ts);
  spec e[] = {{VP_P_TEXT, "Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì theo dõi thực hiện.", -1,
               0, NO_TABLE, {0}}};
  ts = extract(e, VP_ARRAY_SIZE(e));
  vp_task_clear(&ts);
  spec o[] = {
      {VP_P_ITEM, "a) Sở Tư pháp thông báo kết quả đối với:", -1, 1, NO_TABLE, {0}},
      {VP_P_ITEM, "- Hồ sơ đăng ký của tổ chức hành nghề công chứng;", 0, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "- Hồ sơ của Sở Nội vụ chuyển đến.", 0, 0, NO_TABLE, {0}},
  };
  ts = extract(o, VP_ARRAY_SIZE(o));
  CHECK("a lead-in over objects is the task", ts.n == 1 && task_of_passage(&ts, 0) != NULL &&
                                                   role_of(task_of_passage(&ts, 0), "Sở Tư pháp") == L);
  vp_task_clear(&ts);
  ts = extract(e, VP_ARRAY_SIZE(e));
  CHECK("a designation by 'Giao' is a task", ts.n == 1 && role_of(&ts.a[0], "Sở Nông nghiệp và Môi trường") == L);
  vp_task_clear(&ts);
}


/* The execution clause ("… chịu trách nhiệm thi hành Quyết định này") and
** a procedure's record of fields are no tasks; a list of bodies after
** titles and a shared head all lead. */
static void test_closing_article_and_records(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Khoa học và Công nghệ; các "
                          "tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
               -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_HEADING, "1. Thủ tục công nhận trung tâm đổi mới sáng tạo", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Cơ quan tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công tỉnh.", 1, 0,
               NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Cơ quan thực hiện: Sở Khoa học và Công nghệ tỉnh.", 1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("the execution clause is no task", t == NULL);
  vp_task_clear(&ts);
  /* the same formula at the end of a regulation, with verbs before the
  ** verb; a duty over the regulation's use is a task */
  spec e[] = {
      /* 0 */ {VP_P_TEXT, "Giám đốc Sở, Thủ trưởng cơ quan, ban, ngành thành phố; Chủ tịch Ủy ban nhân dân xã, "
                          "phường; các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm triển khai thực "
                          "hiện Quy chế này.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Sở Tư pháp có trách nhiệm tổ chức triển khai thực hiện Quy định này.", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Sở Tư pháp chịu trách nhiệm hướng dẫn, kiểm tra việc thực hiện Quy chế này.", -1, 0,
               NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Điều 3. Chánh Văn phòng UBND thành phố, Giám đốc Sở Tài chính, Chủ tịch UBND các phường, "
                          "xã và Thủ trưởng các sở, ban, ngành có liên quan căn cứ Quyết định này thực hiện./.", -1, 0,
               NO_TABLE, {0}},
  };
  ts = extract(e, VP_ARRAY_SIZE(e));
  CHECK("'chịu trách nhiệm triển khai thực hiện Quy chế này' is no task", task_of_passage(&ts, 0) == NULL);
  CHECK("'có trách nhiệm tổ chức triển khai thực hiện Quy định này' is no task", task_of_passage(&ts, 1) == NULL);
  CHECK("'… căn cứ Quyết định này thực hiện' is no task", task_of_passage(&ts, 3) == NULL);
  t = task_of_passage(&ts, 2);
  CHECK("guiding and checking the regulation's use is a task", t && role_of(t, "Sở Tư pháp") == L);
  vp_task_clear(&ts);
  spec b[] = {
      {VP_P_TEXT, "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Tài chính, Xây dựng, Nông nghiệp và "
                  "Môi trường; Chủ tịch UBND các xã, phường tổ chức phổ biến Quyết định này đến cơ sở./.",
       -1, 0, NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  t = task_of_passage(&ts, 0);
  CHECK("shared head: Sở Tài chính", t && role_of(t, STC) == L);
  CHECK("shared head: Sở Xây dựng", t && role_of(t, "Sở Xây dựng") == L);
  CHECK("shared head: a name with 'và' whole", t && role_of(t, "Sở Nông nghiệp và Môi trường") == L);
  CHECK("shared head: the list goes on after it",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  CHECK("shared head: no group for 'các Sở'", t && role_of(t, "Các sở, ban, ngành") < 0);
  vp_task_clear(&ts);
  ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("a procedure's record is no task", ts.n == 0);
  vp_task_clear(&ts);
  /* a procedure's card in short fields: where and how to file */
  spec c[] = {
      /* 0 */ {VP_P_ITEM, "- Cách thức: Nộp trực tuyến hoặc trực tiếp hoặc qua dịch vụ bưu chính công ích.", -1, 0,
               NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Địa điểm: Trung tâm Phục vụ hành chính công tỉnh, cấp xã hoặc nộp trực tuyến trên Cổng "
                          "Dịch vụ công quốc gia.", -1, 0, NO_TABLE, {0}},
  };
  vp_text *tc = build(c, VP_ARRAY_SIZE(c));
  for (int i = 0; i < tc->nPassage; i++) snprintf(tc->aPassage[i].zLabel, sizeof(tc->aPassage[i].zLabel), "-");
  vp_meta m = official_meta();
  char *zErr = NULL;
  CHECK("extract ok", vp_task_extract(tc, &m, &ts, &zErr) == VP_OK);
  free(zErr);
  text_free(tc);
  CHECK("'Địa điểm:', 'Cách thức:' of a procedure give no task", ts.n == 0);
  vp_task_clear(&ts);
}


/* One paragraph of several sentences, each opening with its own doer: a
** task per doer, with the roles its own sentence gives ("phối hợp Sở Tư
** pháp" in the second is support to the second's doer); an abbreviation's
** full stop ("TP. Hồ Chí Minh") and the issuer's own closing sentence cut
** nothing off. */
static void test_sentences_with_own_doers(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Điều 3. Sở Tư pháp có trách nhiệm tổ chức niêm yết, công khai các thủ tục hành chính "
                          "theo quy định. Văn phòng Ủy ban nhân dân tỉnh có trách nhiệm chủ trì, phối hợp Sở Tư "
                          "pháp cập nhật nội dung thủ tục hành chính lên Cơ sở dữ liệu quốc gia. Sở Khoa học và "
                          "Công nghệ có trách nhiệm chủ trì, phối hợp Sở Tư pháp cấu hình quy trình điện tử.",
               -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Sở Công Thương phối hợp với Công an TP. Hồ Chí Minh kiểm tra thị trường hằng tháng.", -1,
               0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  int n0 = 0;
  const vp_task *aT[3] = {NULL, NULL, NULL};
  for (int i = 0; i < ts.n; i++)
    if (ts.a[i].iPassage == 0 && n0 < 3) aT[n0++] = &ts.a[i];
  CHECK("three sentences, three tasks", n0 == 3);
  if (n0 == 3) {
    CHECK("first: Sở Tư pháp leads, alone", role_of(aT[0], "Sở Tư pháp") == L && aT[0]->nAgency == 1 &&
                                                   !strncmp(aT[0]->zText, "Sở Tư pháp", 12));
    CHECK("second: the office leads, Sở Tư pháp supports",
          role_of(aT[1], "Văn phòng Ủy ban nhân dân tỉnh") == L && role_of(aT[1], "Sở Tư pháp") == S);
    CHECK("third: Sở KH&CN leads, Sở Tư pháp supports", role_of(aT[2], SKHCN) == L &&
                                                           role_of(aT[2], "Sở Tư pháp") == S &&
                                                           !strncmp(aT[2]->zText, "Sở Khoa học", 12));
  }
  int n1 = 0;
  for (int i = 0; i < ts.n; i++) n1 += ts.a[i].iPassage == 1;
  CHECK("an abbreviation's full stop cuts no sentence", n1 == 1);
  vp_task_clear(&ts);
  /* a later sentence whose doer follows its opening condition */
  spec b[] = {
      {VP_P_TEXT, "Sở Công Thương có trách nhiệm kiểm tra, giám sát các đơn vị bán lẻ điện trên địa bàn. Trường hợp "
                  "phát hiện đơn vị bán lẻ điện không đủ điều kiện hoạt động, Sở Tài chính phối hợp với Sở Tư pháp "
                  "xử lý theo quy định.", -1, 0, NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  const vp_task *aU[2] = {NULL, NULL};
  int nU = 0;
  for (int i = 0; i < ts.n && nU < 2; i++) aU[nU++] = &ts.a[i];
  CHECK("a condition's sentence: two tasks", ts.n == 2);
  CHECK("the first sentence's doer alone", nU == 2 && role_of(aU[0], "Sở Công Thương") == L && aU[0]->nAgency == 1);
  CHECK("the doer after the condition, its own support",
        nU == 2 && role_of(aU[1], STC) == L && role_of(aU[1], "Sở Tư pháp") == S &&
            role_of(aU[1], "Sở Công Thương") < 0 && !strncmp(aU[1]->zText, "Trường hợp", 12));
  vp_task_clear(&ts);
  /* a condition's sentence whose doer is no body read stays with the task
  ** before it, text and all */
  spec c[] = {
      {VP_P_TEXT, "Các cơ quan, đơn vị liên quan kịp thời cung cấp thông tin cho Sở Dân tộc và Tôn giáo để giải "
                  "quyết thủ tục hành chính. Trường hợp chưa đủ cơ sở để cung cấp thông tin thì cơ quan, đơn vị có văn "
                  "bản trao đổi với Sở Dân tộc và Tôn giáo, UBND cấp xã để biết.", -1, 0, NO_TABLE, {0}},
  };
  ts = extract(c, VP_ARRAY_SIZE(c));
  CHECK("one task, its second sentence kept", ts.n == 1 && strstr(ts.a[0].zText, "Trường hợp chưa đủ cơ sở") &&
                                                  strstr(ts.a[0].zText, "để biết."));
  vp_task_clear(&ts);
}

/* A doer's duties listed after "bao gồm:" are its tasks (not objects of
** one); "Điều 6. Trách nhiệm Văn phòng UBND tỉnh" (no "của") names the
** doer of the items under it, but an item whose condition's consequent
** names its own doers ("… nếu … thì sở, ban, ngành … chủ động giải quyết")
** is theirs. */
static void test_duties_listed_and_conditions(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "2. Sở Khoa học và Công nghệ có trách nhiệm quản lý về kỹ thuật, bao gồm:", -1, 0,
               NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "a) Đảm bảo hạ tầng kỹ thuật máy chủ, đường truyền để Phần mềm vận hành ổn định.", 0, 0,
               NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "d) Phối hợp với Sở Tài chính trong việc kết nối, chia sẻ dữ liệu.", 0, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Hồ sơ đề nghị bao gồm:", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "a) Đơn đề nghị của tổ chức, cá nhân;", 3, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("a duty after 'có trách nhiệm …, bao gồm:' is a task", t && role_of(t, SKHCN) == L);
  t = task_of_passage(&ts, 2);
  CHECK("its 'Phối hợp với Sở Tài chính' is support", t && role_of(t, SKHCN) == L && role_of(t, STC) == S);
  CHECK("the duties' lead-in is not one task with them", task_of_passage(&ts, 0) == NULL);
  CHECK("a file's parts are no tasks", task_of_passage(&ts, 4) == NULL);
  vp_task_clear(&ts);
  spec b[] = {
      /* 0 */ {VP_P_HEADING, "Điều 6. Trách nhiệm Văn phòng UBND tỉnh", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "1. Tiếp nhận, phân loại kiến nghị thuộc thẩm quyền giải quyết của UBND tỉnh.", 0, 0,
               NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "6. Trường hợp kiến nghị được chuyển trực tiếp đến các sở, ban, ngành, UBND cấp xã, nếu "
                          "thuộc thẩm quyền giải quyết thì sở, ban, ngành, UBND cấp xã chủ động giải quyết.", 0, 0,
               NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "7. Hằng năm, phối hợp với Sở Tư pháp tổng hợp kết quả giải quyết kiến nghị.", 0, 0,
               NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  t = task_of_passage(&ts, 1);
  CHECK("'Trách nhiệm Văn phòng UBND tỉnh' hands its items their doer",
        t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == L);
  t = task_of_passage(&ts, 2);
  CHECK("a consequent's own doers lead, not the heading's",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L &&
            role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") < 0);
  t = task_of_passage(&ts, 3);
  CHECK("an opening word without a consequent keeps the heading's doer",
        t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == L && role_of(t, "Sở Tư pháp") == S);
  vp_task_clear(&ts);
  /* a heading naming a doer of its own that is no agency heads its duties,
  ** not the bodies of the heading above */
  spec c[] = {
      /* 0 */ {VP_P_HEADING, "Điều 23. Trách nhiệm của Văn phòng UBND tỉnh và các đơn vị", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_HEADING, "1. Trách nhiệm của Văn phòng UBND tỉnh", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "a) Quản trị Hệ thống quản lý văn bản và điều hành của tỉnh.", 1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_HEADING, "2. Trách nhiệm của văn thư", 0, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "a) Thực hiện đăng ký văn bản đến, văn bản đi trên Hệ thống.", 3, 0, NO_TABLE, {0}},
  };
  ts = extract(c, VP_ARRAY_SIZE(c));
  t = task_of_passage(&ts, 2);
  CHECK("a heading naming an agency hands its items their doer", t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == L);
  t = task_of_passage(&ts, 4);
  CHECK("a heading naming another doer hands on none of the bodies above",
        t == NULL || role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") < 0);
  vp_task_clear(&ts);
}

/* After an opening condition, bodies named after a comma with "để" after
** them are where a message goes ("…, cơ quan thuế phải có văn bản thông báo
** … và thông tin đến Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký
** đất đai để biết"), not a doer; "đề nghị" after a doer is no "để". */
static void test_names_for_purpose(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Trường hợp quá thời gian quy định mà chưa phát hành thông báo, cơ quan thuế phải có văn "
                          "bản thông báo cho người yêu cầu đăng ký và thông tin đến Văn phòng đăng ký đất đai, Chi "
                          "nhánh Văn phòng đăng ký đất đai để biết, cập nhật hồ sơ.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Trường hợp hồ sơ chưa đầy đủ, Sở Tư pháp đề nghị tổ chức bổ sung hồ sơ trong thời hạn 05 "
                          "ngày làm việc.", -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract_in_section(a, VP_ARRAY_SIZE(a), "Điều 10.2");
  CHECK("bodies told 'để biết' are no doer", task_of_passage(&ts, 0) == NULL);
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("'Sở Tư pháp đề nghị …' after a condition is Sở Tư pháp's", t && role_of(t, "Sở Tư pháp") == L);
  vp_task_clear(&ts);
}

/* Items under "Một số nội dung tham khảo:" in a model decision are sample
** wordings, not work, even under a "Giao …" that names a doer. */
static void test_reference_contents(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Điều 2. Giao các sở, ban, ngành (nêu tên cụ thể) chịu trách nhiệm:", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Một số nội dung tham khảo:", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Thường xuyên kiểm tra, theo dõi chặt chẽ diễn biến của dịch hại trên đồng ruộng;", 1, 0,
               NO_TABLE, {0}},
  };
  vp_tasks ts = extract_in_section(a, VP_ARRAY_SIZE(a), "Điều 2");
  CHECK("a reference content is no task", task_of_passage(&ts, 2) == NULL);
  vp_task_clear(&ts);
}

/* A lead-in that shares its work out ("Giao Sở A, Sở B chủ trì, phối hợp
** với Văn phòng UBND tỉnh …, cụ thể:" / "- Sở A đối với …"): its support
** supports each share. A list goes on past "các" before a body ("Thuế
** Thành phố và các Thuế cơ sở, UBND cấp xã"). A duty of a doer that is no
** agency ("Trách nhiệm của doanh nghiệp viễn thông" / "4. Phối hợp với Sở
** X …") gives the bodies named their support. */
static void test_shares_lists_and_others_duties(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Điều 2. Giao Sở Tài chính, Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Văn phòng "
                          "UBND tỉnh, các cơ quan, đơn vị liên quan xây dựng quy trình nội bộ, cụ thể:",
               -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Sở Tài chính đối với thủ tục hành chính số 03 tại Danh mục kèm theo;", 0, 0, NO_TABLE,
               {0}},
      /* 2 */ {VP_P_TEXT, "Sở Nông nghiệp và Môi trường, Thuế tỉnh và các Thuế cơ sở, UBND cấp xã có trách nhiệm "
                          "tuân thủ quy trình giải quyết theo phương án được phê duyệt.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_HEADING, "Điều 28. Trách nhiệm của doanh nghiệp viễn thông", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "4. Phối hợp với Sở Khoa học và Công nghệ, Sở Xây dựng trong việc cải tạo, sắp xếp lại "
                          "hạ tầng mạng cáp viễn thông.", 3, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "5. Định kỳ hàng tháng, phối hợp với Sở Khoa học và Công nghệ, Sở Xây dựng kiểm tra, "
                          "đối chiếu hồ sơ.", 3, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("a share: its own lead", t && role_of(t, STC) == L && role_of(t, "Sở Nông nghiệp và Môi trường") < 0);
  CHECK("a share: the lead-in's support", t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == S);
  t = task_of_passage(&ts, 2);
  CHECK("the list goes on past 'các Thuế cơ sở'", t && role_of(t, "Thuế cơ sở") == L &&
                                                     role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  t = task_of_passage(&ts, 4);
  CHECK("a duty of an enterprise: the bodies named support", t && role_of(t, SKHCN) == S &&
                                                                 role_of(t, "Sở Xây dựng") == S);
  t = task_of_passage(&ts, 5);
  CHECK("after an opening adverbial, the partners after commas support, none leads",
        t && role_of(t, SKHCN) == S && role_of(t, "Sở Xây dựng") == S && t->zDeadlineNorm &&
            strcmp(t->zDeadlineNorm, "monthly") == 0);
  vp_task_clear(&ts);
  spec b[] = {
      /* 0 */ {VP_P_ITEM, "2. Cơ quan, đơn vị được Ủy ban nhân dân Thành phố giao tổ chức lập quy hoạch phải phối hợp "
                          "với Sở Nông nghiệp và Môi trường rà soát quỹ đất.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Doanh nghiệp viễn thông có trách nhiệm phối hợp với Sở Xây dựng di dời công trình.", -1, 0,
               NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Người dân phối hợp với Công an tỉnh.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "1. Các cơ quan, tổ chức, đơn vị, doanh nghiệp trực tiếp quản lý tài sản cố định có trách "
                          "nhiệm thường xuyên theo dõi, rà soát, cập nhật, phối hợp với Sở Tài chính tham mưu Ủy ban "
                          "nhân dân thành phố sửa đổi danh mục.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "2. Các đơn vị có trách nhiệm báo cáo Sở Xây dựng, phối hợp với Sở Tài chính.", -1, 0,
               NO_TABLE, {0}},
  };
  ts = extract_in_section(b, VP_ARRAY_SIZE(b), "Điều 9");
  t = task_of_passage(&ts, 0);
  CHECK("a qualified generic doer bound to work with a body: support", t && role_of(t, "Sở Nông nghiệp và Môi trường") == S);
  t = task_of_passage(&ts, 1);
  CHECK("an enterprise bound to work with a body: support", t && role_of(t, "Sở Xây dựng") == S);
  CHECK("without a duty word, no task", task_of_passage(&ts, 2) == NULL);
  t = task_of_passage(&ts, 3);
  CHECK("a duty word, verbs, then 'phối hợp với': the body supports", t && role_of(t, STC) == S &&
                                                                       role_of(t, "Ủy ban nhân dân tỉnh") == -1);
  t = task_of_passage(&ts, 4);
  CHECK("a body the duty names before 'phối hợp' is no support of the rule", t == NULL || role_of(t, "Sở Xây dựng") != S);
  vp_task_clear(&ts);
}

/* Doers named in shapes of decisions and regulations: a heading that
** closes its doer with "có trách nhiệm chủ trì", "Giao" before a title,
** "phối hợp với" before a title, a lead-in with its items beside it. */
static void test_doers_of_regulations(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "Điều 8. Nội dung Sở Xây dựng có trách nhiệm chủ trì", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "1. Tham mưu chỉ đạo, hướng dẫn công tác quản lý nhà nước về xây dựng công trình tôn "
                          "giáo trên phạm vi toàn tỉnh.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "Điều 3.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Giao Giám đốc Công an tỉnh thực hiện các nhiệm vụ sau:", 2, 1, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "a) Cập nhật công khai đầy đủ danh mục thủ tục hành chính trên Cơ sở dữ liệu quốc gia.",
               3, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "b) Phối hợp với Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Tài chính tổ chức "
                          "niêm yết công khai danh mục tại Trung tâm Phục vụ hành chính công tỉnh.", 3, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_HEADING, "Điều 2. Nhiệm vụ, quyền hạn", -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_TEXT, "Sở Văn hóa, Thể thao và Du lịch thực hiện nhiệm vụ, quyền hạn theo quy định của pháp "
                          "luật, cụ thể như sau:", 6, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "1. Tổ chức bán vé, thu phí tham quan di tích theo quy định.", 6, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_ITEM, "2. Nghiên cứu khoa học về di sản văn hóa của tỉnh.", 6, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_HEADING, "Điều 5. Tổ chức thực hiện", -1, 0, NO_TABLE, {0}},
      /* 11 */ {VP_P_TEXT, "Các nội dung cụ thể như sau:", 10, 0, NO_TABLE, {0}},
      /* 12 */ {VP_P_ITEM, "1. Rà soát danh mục thủ tục hành chính của tỉnh.", 10, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("'Nội dung Sở X có trách nhiệm chủ trì': the item's lead", t && role_of(t, "Sở Xây dựng") == L);
  CHECK("the heading itself is no task", task_of_passage(&ts, 0) == NULL);
  t = task_of_passage(&ts, 4);
  CHECK("'Giao Giám đốc Công an tỉnh …:': the item's lead", t && role_of(t, "Công an tỉnh") == L);
  t = task_of_passage(&ts, 5);
  CHECK("'phối hợp với Chánh Văn phòng …': the office supports",
        t && role_of(t, "Công an tỉnh") == L && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == S);
  CHECK("'…; Giám đốc Sở Tài chính': supports too", t && role_of(t, STC) == S);
  t = task_of_passage(&ts, 8);
  const vp_task *t9 = task_of_passage(&ts, 9);
  CHECK("items beside their lead-in: its doer leads them",
        t && role_of(t, "Sở Văn hóa, Thể thao và Du lịch") == L && t9 &&
            role_of(t9, "Sở Văn hóa, Thể thao và Du lịch") == L);
  CHECK("the lead-in over them is no task of its own", task_of_passage(&ts, 7) == NULL);
  CHECK("a lead-in with no doer hands nothing to the items beside it", task_of_passage(&ts, 12) == NULL);
  vp_task_clear(&ts);
  /* roles written after the task's text, in parentheses or as fields */
  spec b[] = {
      /* 0 */ {VP_P_ITEM, "1. Hoàn thiện thể chế, chính sách phát triển khoa học, công nghệ (Sở Khoa học và Công "
                          "nghệ chủ trì, phối hợp với Sở Tư pháp; thời gian hoàn thành: Quý I/2026).", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "2. Xây dựng cơ sở dữ liệu dùng chung của tỉnh (cơ quan chủ trì: Sở Khoa học và Công nghệ; "
                          "cơ quan phối hợp: Công an tỉnh, Sở Tài chính; thời gian: năm 2026).", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "3. Đào tạo nguồn nhân lực số cho cán bộ, công chức. Chủ trì: Sở Nội vụ; phối hợp: Sở Giáo "
                          "dục và Đào tạo. Thời gian: 2026 - 2030.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Tỉnh có 12 trường đại học (theo số liệu năm 2024) và 3 viện nghiên cứu.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Sở Giáo dục và Đào tạo đề nghị Ủy ban nhân dân các xã, phường điều chỉnh lịch học tập "
                          "ngoài trời khi chất lượng không khí xấu.", -1, 0, NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  t = task_of_passage(&ts, 0);
  CHECK("'(Sở X chủ trì, phối hợp với Sở Y; …)': X leads, Y supports",
        t && role_of(t, SKHCN) == L && role_of(t, "Sở Tư pháp") == S);
  CHECK("the annotation's deadline", t && t->zDeadlineNorm && !strcmp(t->zDeadlineNorm, "2026-Q1"));
  CHECK("the text stops before the annotation, past its label",
        t && !strcmp(t->zText, "Hoàn thiện thể chế, chính sách phát triển khoa học, công nghệ"));
  t = task_of_passage(&ts, 1);
  CHECK("'(cơ quan chủ trì: …; cơ quan phối hợp: …)': fields in parentheses",
        t && role_of(t, SKHCN) == L && role_of(t, "Công an tỉnh") == S && role_of(t, STC) == S &&
            t->zDeadlineNorm && !strcmp(t->zDeadlineNorm, "2026"));
  t = task_of_passage(&ts, 2);
  CHECK("'. Chủ trì: …; phối hợp: …': fields after the sentence",
        t && role_of(t, SNV) == L && role_of(t, "Sở Giáo dục và Đào tạo") == S &&
            !strcmp(t->zText, "Đào tạo nguồn nhân lực số cho cán bộ, công chức"));
  CHECK("an aside in parentheses names no roles", task_of_passage(&ts, 3) == NULL);
  t = task_of_passage(&ts, 4);
  CHECK("'Sở X đề nghị Y …': Y is the doer, not X",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L && role_of(t, "Sở Giáo dục và Đào tạo") < 0);
  vp_task_clear(&ts);
  /* a council's closing article, a time limit before the doer, a basis of
  ** the preamble that lists bodies */
  spec c[] = {
      /* 0 */ {VP_P_TEXT, "Trên cơ sở Biên bản làm việc giữa Sở Nông nghiệp và Môi trường, Thuế Thành phố Hà Nội, "
                          "Văn phòng Đăng ký đất đai Hà Nội và Ủy ban nhân dân xã, phường ngày 09 tháng 7 năm 2025;",
               -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_HEADING, "Điều 3. Tổ chức thực hiện", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "2. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban của Hội đồng nhân dân tỉnh giám sát "
                          "việc thực hiện Nghị quyết.", 1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Tư pháp xem xét, cấp lại "
                          "thẻ cho người đề nghị.", 1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "- Cơ quan Bảo hiểm xã hội tỉnh tổng hợp danh sách, kinh phí đề nghị ngân sách tỉnh hỗ trợ "
                          "đóng bảo hiểm y tế.", 1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "4. Từ ngày 01 tháng 12 năm 2025, Trung tâm Phục vụ hành chính công tỉnh tổ chức tiếp nhận, "
                          "trả kết quả giải quyết thủ tục hành chính.", 1, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_ITEM, "5. Công ty Điện lực Quảng Trị tổ chức tuyên truyền, hướng dẫn sử dụng điện an toàn.", 1, 0,
               NO_TABLE, {0}},
  };
  ts = extract(c, VP_ARRAY_SIZE(c));
  CHECK("a basis of the preamble ending with ';' gives no task", task_of_passage(&ts, 0) == NULL);
  t = task_of_passage(&ts, 2);
  CHECK("'Giao Thường trực Hội đồng nhân dân tỉnh …': the council's standing body leads",
        t && role_of(t, "Thường trực Hội đồng nhân dân tỉnh") == L);
  t = task_of_passage(&ts, 3);
  CHECK("'Trong thời hạn …, Sở Tư pháp …': the doer after a time limit", t && role_of(t, "Sở Tư pháp") == L);
  t = task_of_passage(&ts, 4);
  CHECK("'Cơ quan Bảo hiểm xã hội tỉnh …' leads", t && role_of(t, "Bảo hiểm xã hội tỉnh") == L);
  t = task_of_passage(&ts, 5);
  CHECK("'Từ ngày …, Trung tâm X …': the doer after a date", t && role_of(t, "Trung tâm Phục vụ hành chính công tỉnh") == L);
  t = task_of_passage(&ts, 6);
  CHECK("the province's power company leads", t && role_of(t, "Công ty Điện lực tỉnh") == L);
  vp_task_clear(&ts);
  /* a letter whose body the reader set under "Kính gửi:" */
  spec d[] = {
      /* 0 */ {VP_P_HEADING, "Kính gửi:", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Chủ tịch Ủy ban nhân dân các tỉnh: Hưng Yên, Ninh Bình, Bắc Ninh.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương làm việc với các địa phương để bảo đảm "
                          "nguồn cung vật liệu xây dựng cho Dự án.", 0, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Nhằm bảo đảm sức khỏe cho học sinh, Sở Giáo dục và Đào tạo đề nghị Ủy ban nhân dân các "
                          "xã, phường thực hiện nghiêm túc văn bản chỉ đạo. Cụ thể:", 0, 1, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "- Hạn chế các hoạt động ngoài trời cho học sinh khi chất lượng không khí xấu.", 3, 0,
               NO_TABLE, {0}},
  };
  ts = extract(d, VP_ARRAY_SIZE(d));
  CHECK("the addressees right under 'Kính gửi:' are no task", task_of_passage(&ts, 1) == NULL);
  t = task_of_passage(&ts, 2);
  CHECK("a paragraph of the body under 'Kính gửi:' gives its task", t && role_of(t, "Ủy ban nhân dân tỉnh Hưng Yên") == L);
  t = task_of_passage(&ts, 4);
  CHECK("'Nhằm …, Sở X đề nghị Y …. Cụ thể:': Y leads the items",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  vp_task_clear(&ts);
  /* a shared head after a doer's intro, its last name before the verb, a
  ** body named in an aside after "phối hợp (cùng) với" */
  spec e[] = {
      /* 0 */ {VP_P_HEADING, "4. Trách nhiệm của các Sở: Y tế, Tư pháp", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "a) Hướng dẫn cấp xã thực hiện các nội dung được phân cấp.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Giám đốc các Sở: Xây dựng, Tài chính chủ trì hướng dẫn cấp xã thực hiện phân cấp.", -1,
               0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Sở Xây dựng kiểm tra chất lượng nước thải; phối hợp cùng với Công an tỉnh, Thanh tra "
                          "tỉnh xử lý các hành vi vi phạm.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Sở Nông nghiệp và Môi trường thông báo, phối hợp với cơ quan thường trực Ban chỉ huy "
                          "phòng thủ dân sự tỉnh (Bộ Chỉ huy Quân sự tỉnh) đề xuất huy động lực lượng chữa cháy.",
               -1, 0, NO_TABLE, {0}},
  };
  ts = extract(e, VP_ARRAY_SIZE(e));
  t = task_of_passage(&ts, 1);
  CHECK("'Trách nhiệm của các Sở: Y tế, Tư pháp': both lead the items",
        t && role_of(t, "Sở Y tế") == L && role_of(t, "Sở Tư pháp") == L);
  t = task_of_passage(&ts, 2);
  CHECK("'các Sở: Xây dựng, Tài chính chủ trì …': the last name before the verb",
        t && role_of(t, "Sở Xây dựng") == L && role_of(t, STC) == L);
  t = task_of_passage(&ts, 3);
  CHECK("'phối hợp cùng với …': support", t && role_of(t, "Công an tỉnh") == S && role_of(t, "Thanh tra tỉnh") == S);
  t = task_of_passage(&ts, 4);
  CHECK("'phối hợp với cơ quan … (Bộ Chỉ huy Quân sự tỉnh)': the aside's body supports",
        t && role_of(t, "Bộ Chỉ huy Quân sự tỉnh") == S);
  vp_task_clear(&ts);
  spec g[] = {
      /* 0 */ {VP_P_HEADING, "2. Sở Tài chính", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan bố trí kinh phí "
                          "thực hiện Kế hoạch.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Căn cứ Luật Ngân sách nhà nước năm 2025, Sở Nội vụ hướng dẫn thực hiện.", 0, 0,
               NO_TABLE, {0}},
  };
  ts = extract(g, VP_ARRAY_SIZE(g));
  t = task_of_passage(&ts, 1);
  CHECK("'Căn cứ chức năng, nhiệm vụ, …' under a doer's heading is its task", t && role_of(t, STC) == L);
  t = task_of_passage(&ts, 2);
  CHECK("'Căn cứ Luật …, Sở X …' is still a basis for the heading's doer", t == NULL || role_of(t, STC) < 0);
  vp_task_clear(&ts);
  spec h[] = {
      /* 0 */ {VP_P_HEADING, "Điều 11. Trách nhiệm của các cơ quan khác có liên quan", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "1. Trách nhiệm của Sở Tư pháp hướng dẫn, tổ chức thực hiện, tuyên truyền, phổ biến pháp "
                          "luật về đăng ký biện pháp bảo đảm tại địa phương.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "Điều 8. Trách nhiệm của Văn phòng đăng ký đất đai tỉnh", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "1. Cung cấp thông tin về cơ sở dữ liệu đất đai cho Ủy ban nhân dân cấp xã.", 2, 0,
               NO_TABLE, {0}},
  };
  ts = extract(h, VP_ARRAY_SIZE(h));
  t = task_of_passage(&ts, 1);
  CHECK("'Trách nhiệm của Sở X hướng dẫn …': X's task", t && role_of(t, "Sở Tư pháp") == L);
  CHECK("a heading 'Trách nhiệm của …' over duties is no task", task_of_passage(&ts, 2) == NULL);
  t = task_of_passage(&ts, 3);
  CHECK("the land registration office leads its duties", t && role_of(t, "Văn phòng Đăng ký đất đai tỉnh") == L);
  vp_task_clear(&ts);
  spec k[] = {
      /* 0 */ {VP_P_HEADING, "Điều 15. Trách nhiệm thi hành", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "5. Sở Tài chính.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Căn cứ khả năng cân đối ngân sách Nhà nước và thực tiễn các hoạt động, Sở Tài chính tham "
                          "mưu cấp có thẩm quyền xem xét bố trí kinh phí vận hành Hệ thống.", 1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Lãnh đạo UBND cấp xã", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Thủ trưởng các Sở, ban, ngành cấp tỉnh, các cơ quan Trung ương trên địa bàn tỉnh, Chủ "
                          "tịch Ủy ban nhân dân các phường, xã có trách nhiệm phổ biến, kiểm tra việc thực hiện Quy chế này.",
               -1, 0, NO_TABLE, {0}},
  };
  ts = extract_in_section(k, VP_ARRAY_SIZE(k), "Điều 15.5");
  t = task_of_passage(&ts, 2);
  CHECK("'Căn cứ …, Sở X tham mưu …' in the body: X's task", t && role_of(t, STC) == L);
  CHECK("a title and a body's name alone is no task", task_of_passage(&ts, 3) == NULL);
  t = task_of_passage(&ts, 4);
  CHECK("a list goes on past 'các cơ quan Trung ương trên địa bàn tỉnh'",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  vp_task_clear(&ts);
}

/* A time limit has a duration as its normal form; an item with no deadline
** of its own takes its lead-in's. */
static void test_durations_and_inherited_deadlines(void) {
  spec a[] = {
      /* 0 */ {VP_P_TEXT, "Sở Tư pháp thẩm định hồ sơ trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ.",
               -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Sở Tài chính thực hiện trước ngày 30/11/2025 các nội dung sau:", -1, 1, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Rà soát, bố trí kinh phí thực hiện kế hoạch.", 1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("duration: as written", t && t->zDeadline && strcmp(t->zDeadline, "trong thời hạn 03 ngày làm việc") == 0);
  CHECK("duration: normal form", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "P3D") == 0);
  vp_task_clear(&ts);
  spec b[] = {
      {VP_P_ITEM, "1. Sở Khoa học và Công nghệ xây dựng quy trình nội bộ giải quyết thủ tục hành chính.", -1, 0,
       NO_TABLE, {0}},
      {VP_P_TEXT, "Thời hạn hoàn thành không quá 05 ngày làm việc kể từ ngày ban hành Quyết định.", -1, 0,
       NO_TABLE, {0}},
  };
  ts = extract(b, VP_ARRAY_SIZE(b));
  CHECK("a deadline sentence is the task's deadline, not a task", ts.n == 1 && ts.a[0].zDeadlineNorm &&
                                                                      strcmp(ts.a[0].zDeadlineNorm, "P5D") == 0);
  vp_task_clear(&ts);
  ts = extract(a, VP_ARRAY_SIZE(a));
  t = task_of_passage(&ts, 2);
  CHECK("item takes its lead-in's deadline", t && t->zDeadlineNorm && strcmp(t->zDeadlineNorm, "2025-11-30") == 0);
  CHECK("item takes its lead-in's doer", t && role_of(t, STC) == L);
  vp_task_clear(&ts);
}


/* The issuer speaking of itself, and a title in capitals, give no task. */
static void test_issuer_and_titles(void) {
  spec a[] = {
      {VP_P_TEXT, "Cục Hải quan thông báo danh sách doanh nghiệp ưu tiên như sau:", -1, 0, NO_TABLE, {0}},
      {VP_P_HEADING, "PHỤ LỤC II DANH MỤC NHIỆM VỤ SỞ TÀI CHÍNH THỰC HIỆN NĂM 2026", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Cục Hải quan phối hợp với Sở Tài chính rà soát danh mục hàng hóa.", -1, 0, NO_TABLE, {0}},
  };
  vp_text *t = build(a, VP_ARRAY_SIZE(a));
  vp_meta m = official_meta();
  m.zIssuer = (char *)"Cục Hải quan";
  vp_tasks ts;
  CHECK("issuer/titles: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("the issuer speaking: no task", task_of_passage(&ts, 0) == NULL);
  CHECK("a title in capitals: no task", task_of_passage(&ts, 1) == NULL);
  const vp_task *k = task_of_passage(&ts, 2);
  CHECK("the issuer with a partner named: still work", k && role_of(k, STC) == S);
  vp_task_clear(&ts);
  text_free(t);
  /* the issuer's lead-in over what it quotes hands nothing down; a task
  ** it then gives another body stays */
  spec b[] = {
      {VP_P_TEXT, "Cục Thuế nhận được công văn của Thuế tỉnh Tây Ninh. Về vấn đề này, Cục Thuế có ý kiến như sau:", -1, 1, NO_TABLE, {0}},
      {VP_P_ITEM, "- Tại khoản 2 Điều 7 Nghị định 10/2022/NĐ-CP quy định cơ sở dữ liệu làm căn cứ xác định giá.", 0, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "- Tại Điều 13 Nghị định 126/2020/NĐ-CP quy định về các trường hợp cơ quan quản lý thuế tính thuế.", 0, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Đề nghị Thuế tỉnh Tây Ninh căn cứ quy định nêu trên để xử lý theo quy định.", -1, 0, NO_TABLE, {0}},
  };
  t = build(b, VP_ARRAY_SIZE(b));
  m.zIssuer = (char *)"Cục Thuế";
  CHECK("issuer lead-in: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("the issuer's lead-in: no task", task_of_passage(&ts, 0) == NULL);
  CHECK("a provision it quotes: no task", task_of_passage(&ts, 1) == NULL && task_of_passage(&ts, 2) == NULL);
  k = task_of_passage(&ts, 3);
  CHECK("the body asked: its task", k != NULL && k->nAgency >= 1);
  vp_task_clear(&ts);
  text_free(t);
  /* a province's People's Committee named in full is a body: a national
  ** letter's task, a support after "phối hợp với"; in the committee's own
  ** plan ("Ủy ban nhân dân tỉnh" of Nghệ An) it is the issuer speaking */
  spec c[] = {
      {VP_P_TEXT, "Ủy ban nhân dân tỉnh Thanh Hóa khẩn trương rà soát, giải ngân hết số vốn đầu tư công năm 2025.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Sở Xây dựng chủ trì, phối hợp với Ủy ban nhân dân tỉnh Lạng Sơn và Sở Tài chính rà soát dự án.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Ủy ban nhân dân tỉnh Nghệ An ban hành Kế hoạch triển khai đợt thi đua năm 2026 như sau.", -1, 0, NO_TABLE, {0}},
  };
  t = build(c, VP_ARRAY_SIZE(c));
  m.zIssuer = (char *)"Ủy ban nhân dân tỉnh";
  m.zProvince = (char *)"Nghệ An";
  CHECK("committees: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("another province's committee: lead", k && role_of(k, "Ủy ban nhân dân tỉnh Thanh Hóa") == L);
  k = task_of_passage(&ts, 1);
  CHECK("a committee after phối hợp với: support, the list read on",
        k && role_of(k, "Ủy ban nhân dân tỉnh Lạng Sơn") == S && role_of(k, STC) == S);
  CHECK("the issuing committee by its province's name: no task", task_of_passage(&ts, 2) == NULL);
  vp_task_clear(&ts);
  text_free(t);
  /* written with "UBND" and "TP": the same bodies, spelled out */
  spec c2[] = {
      {VP_P_TEXT, "Đề nghị UBND tỉnh Thanh Hóa khẩn trương rà soát, giải ngân vốn đầu tư công năm 2025.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Bộ Tài chính chủ trì, phối hợp với Bộ Khoa học và Công nghệ và UBND TP Hà Nội chỉ đạo rà soát dự án.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Sở Y tế tham mưu UBND tỉnh Nghệ An ban hành quy chế quản lý.", -1, 0, NO_TABLE, {0}},
  };
  t = build(c2, VP_ARRAY_SIZE(c2));
  CHECK("UBND: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("UBND tỉnh X asked: lead, spelled out", k && role_of(k, "Ủy ban nhân dân tỉnh Thanh Hóa") == L);
  k = task_of_passage(&ts, 1);
  CHECK("UBND TP X after phối hợp với: support, spelled out",
        k && role_of(k, "Ủy ban nhân dân thành phố Hà Nội") == S && role_of(k, "Bộ Tài chính") == L);
  k = task_of_passage(&ts, 2);
  CHECK("the committee advised: no party", k && role_of(k, "Ủy ban nhân dân tỉnh Nghệ An") < 0);
  vp_task_clear(&ts);
  text_free(t);
  /* the province's committee is a body of the table: tasked by its council,
  ** never a party to its own documents' tasks */
  spec ce[] = {
      {VP_P_TEXT, "Giao Ủy ban nhân dân Thành phố tổ chức thực hiện Nghị quyết này.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Giao Ủy ban nhân dân thành phố Hà Nội bố trí nguồn lực thực hiện Nghị quyết.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Cơ quan, đơn vị được Ủy ban nhân dân Thành phố giao tổ chức lập quy hoạch phải phối hợp với Sở Xây dựng rà soát quỹ đất.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Các Sở, ban, ngành thuộc Ủy ban nhân dân thành phố chịu trách nhiệm tổ chức thực hiện Nghị quyết.", -1, 0, NO_TABLE, {0}},
  };
  t = build(ce, VP_ARRAY_SIZE(ce));
  for (int i = 0; i < t->nPassage; i++) { /* the resolution's body */
    free(t->aPassage[i].zSection);
    t->aPassage[i].zSection = vp_strndup("Điều 2", -1);
  }
  m.zKind = (char *)"Nghị quyết";
  m.zIssuer = (char *)"Hội đồng nhân dân thành phố";
  m.zProvince = (char *)"Hà Nội";
  CHECK("council: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("the council gives the city's committee a task", k && role_of(k, "Ủy ban nhân dân tỉnh") == L);
  k = task_of_passage(&ts, 1);
  CHECK("named with its own province: the same record", k && role_of(k, "Ủy ban nhân dân tỉnh") == L && k->nAgency == 1);
  k = task_of_passage(&ts, 2);
  CHECK("the committee that gave the work ('được … giao') is no party",
        k && role_of(k, "Ủy ban nhân dân tỉnh") < 0 && role_of(k, "Sở Xây dựng") == S);
  k = task_of_passage(&ts, 3);
  CHECK("'thuộc Ủy ban nhân dân thành phố' qualifies the group", k && role_of(k, "Ủy ban nhân dân tỉnh") < 0 &&
                                                                     role_of(k, "Các sở, ban, ngành") == L);
  vp_task_clear(&ts);
  text_free(t);
  spec cf[] = {
      {VP_P_TEXT, "Ủy ban nhân dân Thành phố ban hành Kế hoạch thực hiện Nghị quyết như sau:", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Sở Tài chính tham mưu Ủy ban nhân dân Thành phố bố trí kinh phí thực hiện Kế hoạch.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Chủ tịch Ủy ban nhân dân Thành phố xem xét tặng Bằng khen cho các tập thể có thành tích xuất sắc.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Ủy ban nhân dân Thành phố yêu cầu các Sở, ban, ngành Thành phố nghiêm túc triển khai thực hiện.", -1, 0, NO_TABLE, {0}},
  };
  t = build(cf, VP_ARRAY_SIZE(cf));
  m.zKind = (char *)"Kế hoạch";
  m.zIssuer = (char *)"Ủy ban nhân dân thành phố";
  CHECK("committee's plan: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("its enactment formula: no task", task_of_passage(&ts, 0) == NULL);
  k = task_of_passage(&ts, 1);
  CHECK("the committee advised in its own plan: no support of the doer",
        k && role_of(k, STC) == L && role_of(k, "Ủy ban nhân dân tỉnh") < 0);
  CHECK("its chairman's own part: no task", task_of_passage(&ts, 2) == NULL);
  k = task_of_passage(&ts, 3);
  CHECK("the bodies it asks: their task", k && role_of(k, "Các sở, ban, ngành") == L && role_of(k, "Ủy ban nhân dân tỉnh") < 0);
  vp_task_clear(&ts);
  text_free(t);
  /* a chairman's decision: the issuer written in capitals with its title
  ** and province */
  spec cg[] = {
      {VP_P_TEXT, "Chủ tịch Ủy ban nhân dân Tỉnh ban hành Quyết định ban hành Quy chế quản lý chữ ký số.", -1, 0, NO_TABLE, {0}},
  };
  t = build(cg, VP_ARRAY_SIZE(cg));
  m.zKind = (char *)"Quyết định";
  m.zIssuer = (char *)"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP";
  m.zProvince = (char *)"Đồng Tháp";
  CHECK("chairman's decision: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("the chairman's enactment formula: no task", task_of_passage(&ts, 0) == NULL);
  vp_task_clear(&ts);
  text_free(t);
  /* the issuer line garbled in the source ("CHỦ TỊCH NHÂN DÂN THÀNH PHỐ
  ** HUẾ"): the number's issuer code names the committee */
  spec ci[] = {
      {VP_P_TEXT, "Chủ tịch Ủy ban nhân dân thành phố quyết định phê duyệt phương án xử lý tài sản.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Sở Tài chính quyết định phê duyệt phương án xử lý tài sản khác.", -1, 0, NO_TABLE, {0}},
  };
  t = build(ci, VP_ARRAY_SIZE(ci));
  m.zIssuer = (char *)"CHỦ TỊCH NHÂN DÂN THÀNH PHỐ HUẾ";
  m.zProvince = (char *)"Huế";
  m.zNumber = (char *)"123/2025/QĐ-CTUBND";
  CHECK("garbled issuer: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("garbled issuer, its code CTUBND: the chairman's own part is no task", task_of_passage(&ts, 0) == NULL);
  CHECK("garbled issuer: a department's part is a task", task_of_passage(&ts, 1) &&
                                                          role_of(task_of_passage(&ts, 1), STC) == L);
  vp_task_clear(&ts);
  text_free(t);
  m.zNumber = NULL;
  /* a Party committee's plan: its bodies, and those they lead are no doers */
  spec ch[] = {
      {VP_P_TEXT, "Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh xây dựng Kế hoạch thực hiện.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Đảng ủy Công an tỉnh lãnh đạo Công an tỉnh bảo đảm an ninh mạng.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Các cấp ủy, tổ chức đảng tổ chức quán triệt, xây dựng chương trình hành động thực hiện Nghị quyết.", -1, 0, NO_TABLE, {0}},
  };
  t = build(ch, VP_ARRAY_SIZE(ch));
  m.zKind = (char *)"Kế hoạch";
  m.zIssuer = (char *)"Ban Thường vụ Tỉnh ủy";
  m.zProvince = (char *)"Nghệ An";
  CHECK("party plan: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("the committee's Party committee leads, the committee it directs does not",
        k && role_of(k, "Đảng ủy Ủy ban nhân dân tỉnh") == L && k->nAgency == 1);
  k = task_of_passage(&ts, 1);
  CHECK("'lãnh đạo' after a body is its verb, no title in a list",
        k && role_of(k, "Đảng ủy Công an tỉnh") == L && role_of(k, "Công an tỉnh") < 0);
  k = task_of_passage(&ts, 2);
  CHECK("the Party's committees as a group", k && role_of(k, "Các cấp ủy, tổ chức đảng") == L);
  vp_task_clear(&ts);
  text_free(t);
  m.zKind = (char *)"Kế hoạch";
  m.zIssuer = (char *)"Ủy ban nhân dân tỉnh";
  m.zProvince = (char *)"Nghệ An";
  /* the communes' police as a group (two-level local government) */
  spec d[] = {
      {VP_P_TEXT, "Ủy ban nhân dân các phường, xã tổ chức rà soát, phối hợp với Công an phường, xã, đặc khu cập nhật dữ liệu.", -1, 0, NO_TABLE, {0}},
  };
  t = build(d, VP_ARRAY_SIZE(d));
  CHECK("communes' police: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("communes' police: support, a group", k && role_of(k, "Công an các xã, phường, đặc khu") == S);
  vp_task_clear(&ts);
  text_free(t);
  /* a telegram's heading naming the provinces after a shared head: each
  ** province's committee leads the items under it */
  spec h[] = {
      {VP_P_ITEM, "2. Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Đắk Lắk, Gia Lai:", -1, 1, NO_TABLE, {0}},
      {VP_P_ITEM, "- Tiếp tục huy động tối đa các lực lượng, phương tiện cần thiết để sơ tán người dân đến nơi an toàn.", 0, 0, NO_TABLE, {0}},
  };
  t = build(h, VP_ARRAY_SIZE(h));
  CHECK("named provinces: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 1);
  CHECK("named provinces: each committee leads",
        k && role_of(k, "Ủy ban nhân dân tỉnh Khánh Hòa") == L && role_of(k, "Ủy ban nhân dân tỉnh Đắk Lắk") == L &&
            role_of(k, "Ủy ban nhân dân tỉnh Gia Lai") == L);
  vp_task_clear(&ts);
  text_free(t);
  /* a recipients block that lost its "Nơi nhận:" label, under the last
  ** task: where the document goes, not work */
  spec e[] = {
      {VP_P_ITEM, "3. Hội đồng Dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội và đại biểu Quốc hội tỉnh Nghệ An, trong phạm vi nhiệm vụ, quyền hạn của mình, giám sát việc thực hiện Nghị quyết này.", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "- Chính phủ; -Ban Tổ chức Trung ương; -Kiểm toán nhà nước; -Cục Thống kê, Bộ Tài chính; -Lưu: HC, PLTP.", 0, 0, NO_TABLE, {0}},
  };
  t = build(e, VP_ARRAY_SIZE(e));
  CHECK("recipients: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  k = task_of_passage(&ts, 0);
  CHECK("the task above: kept, the Assembly's bodies its leads",
        k && role_of(k, "Các Ủy ban của Quốc hội") == L && role_of(k, "Đoàn đại biểu Quốc hội tỉnh") == L);
  CHECK("a recipients block: no task", task_of_passage(&ts, 1) == NULL);
  vp_task_clear(&ts);
  text_free(t);
  /* a body named with an aside only: a list's entry, an address */
  spec g[] = {
      {VP_P_ITEM, "6. Sở Tư pháp (Phòng có chức năng xây dựng, kiểm tra văn bản quy phạm pháp luật, Giám đốc Sở Tư pháp, 01 Phó Giám đốc).", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "- Trung tâm Phục vụ hành chính công tỉnh (số 02A, đường Nguyễn Chí Thanh, phường Thành Sen);", -1, 0, NO_TABLE, {0}},
      {VP_P_ITEM, "- Sở Tư pháp (chủ trì) rà soát, hệ thống hóa văn bản quy phạm pháp luật.", -1, 0, NO_TABLE, {0}},
      {VP_P_TEXT, "Chi cục Kiểm lâm (sau đây viết tắt là Chi cục) có tư cách pháp nhân, có con dấu, có trụ sở riêng.", -1, 0, NO_TABLE, {0}},
  };
  t = build(g, VP_ARRAY_SIZE(g));
  CHECK("asides: extract", vp_task_extract(t, &m, &ts, NULL) == VP_OK);
  CHECK("a body and an aside: no task", task_of_passage(&ts, 0) == NULL && task_of_passage(&ts, 1) == NULL);
  CHECK("an aside then work: a task", task_of_passage(&ts, 2) != NULL);
  CHECK("what a body is, past its aside: no task", task_of_passage(&ts, 3) == NULL);
  vp_task_clear(&ts);
  text_free(t);
}

/* An article or a Q&A page (no kind, or no issuer) gives no task, however
** its sentences read. */
static void test_not_official(void) {
  spec a[] = {{VP_P_ITEM, "a) Sở Tài chính chủ trì, phối hợp với Sở Nội vụ hướng dẫn thực hiện.",
               -1, 0, NO_TABLE, {0}}};
  vp_text *t = build(a, 1);
  vp_meta m = official_meta();
  vp_tasks ts;
  CHECK("official: a task", vp_task_extract(t, &m, &ts, NULL) == VP_OK && ts.n == 1);
  vp_task_clear(&ts);
  m.zKind = NULL;
  CHECK("no kind: no task", vp_task_extract(t, &m, &ts, NULL) == VP_OK && ts.n == 0);
  vp_task_clear(&ts);
  m = official_meta();
  m.zIssuer = NULL;
  CHECK("no issuer: no task", vp_task_extract(t, &m, &ts, NULL) == VP_OK && ts.n == 0);
  vp_task_clear(&ts);
  CHECK("no metadata: no task", vp_task_extract(t, NULL, &ts, NULL) == VP_OK && ts.n == 0);
  vp_task_clear(&ts);
  text_free(t);
}

/* Statements of a right or of accountability are no tasks; a passage whose
** run-in title or "Căn cứ …" opens it gives the clause with its own doer;
** "… có trách nhiệm." over plain paragraphs hands them its doers. */
static void test_status_and_run_in(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "a) Quỹ Bảo vệ môi trường được phép sử dụng vốn nhàn rỗi để gửi tiết kiệm.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "b) Sở Tài chính chịu trách nhiệm về nội dung, số liệu tại Tờ trình.", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "3. Giấy khen của Giám đốc sở: Các Sở, ban, ngành quy định số lượng khen thưởng theo thẩm quyền.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Căn cứ tình hình thực tiễn của địa phương; Sở Nội vụ hướng dẫn, xem xét khen thưởng cho tập thể.", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "b) Thủ trưởng các Sở, ban, ngành; UBND các xã có trách nhiệm.", -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_TEXT, "Trả lời các ý kiến được gửi đến thuộc chức năng, nhiệm vụ của cơ quan.", 4, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_TEXT, "2. Các sở, ban, ngành chịu trách nhiệm các nội dung sau:", -1, 1, NO_TABLE, {0}},
      /* 7 */ {VP_P_HEADING, "2.1. Trách nhiệm chung", 6, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "a) Đánh giá sự phù hợp của dự án đầu tư với quy hoạch tỉnh.", 7, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_TEXT, "Thành phần Hội đồng Thi đua - Khen thưởng cấp cơ sở gồm: Chủ tịch, các Phó Chủ tịch.", 7, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_TEXT, "Bộ Công an đang triển khai xây dựng Trung tâm giám sát an ninh mạng.", -1, 0, NO_TABLE, {0}},
      /* 11 */ {VP_P_TEXT, "Sở Xây dựng đăng tải thông điệp truyền thông trên bảng quang báo.", -1, 0, NO_TABLE, {0}},
      /* 12 */ {VP_P_TEXT, "Thủ trưởng các cơ quan, đơn vị trực thuộc Ủy ban nhân dân tỉnh; Giám đốc Sở Nội vụ; "
                           "Giám đốc Sở Tài chính tổ chức phổ biến Quy chế này đến công chức.", -1, 0, NO_TABLE, {0}},
      /* 13 */ {VP_P_TEXT, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh; Giám đốc "
                           "Sở Nội vụ theo dõi, kiểm tra việc thực hiện Quyết định này.", -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("'được phép' states a right, no task", task_of_passage(&ts, 0) == NULL);
  CHECK("'chịu trách nhiệm về nội dung' vouches, no task", task_of_passage(&ts, 1) == NULL);
  CHECK("'Bộ Công an đang triển khai' reports, no task", task_of_passage(&ts, 10) == NULL);
  const vp_task *t11 = task_of_passage(&ts, 11);
  CHECK("'Sở Xây dựng đăng tải' (not 'đang'): a task", t11 && role_of(t11, "Sở Xây dựng") == L);
  const vp_task *t12 = task_of_passage(&ts, 12);
  const vp_task *t13 = task_of_passage(&ts, 13);
  CHECK("'… kể từ ngày ký. Chánh Văn phòng …': the clause after the sentence", t13 &&
        strncmp(t13->zText, "Chánh Văn phòng", strlen("Chánh Văn phòng")) == 0 && role_of(t13, SNV) == L);
  CHECK("a member's qualifier ('trực thuộc …') does not end the list", t12 && role_of(t12, SNV) == L &&
                                                                        role_of(t12, STC) == L);
  const vp_task *t = task_of_passage(&ts, 2);
  CHECK("run-in title: the clause after ':' is the task", t && role_of(t, SBN) == L &&
                                                          strncmp(t->zText, "Các Sở", 6) == 0);
  t = task_of_passage(&ts, 3);
  CHECK("'Căn cứ …; Sở X …': the later clause is the task", t && role_of(t, SNV) == L &&
                                                              strncmp(t->zText, "Sở Nội vụ", 10) == 0);
  CHECK("'… có trách nhiệm.' over paragraphs is no task itself", task_of_passage(&ts, 4) == NULL);
  t = task_of_passage(&ts, 5);
  CHECK("a heading over items, no doer of its own, is their title", task_of_passage(&ts, 7) == NULL);
  const vp_task *t8 = task_of_passage(&ts, 8);
  CHECK("its items are tasks of the lead-in's doer", t8 && role_of(t8, SBN) == L);
  CHECK("'Thành phần … gồm' lists members, no task", task_of_passage(&ts, 9) == NULL);
  CHECK("its paragraph is, with both doers", t && role_of(t, SBN) == L &&
                                              role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  vp_task_clear(&ts);
}

/* A procedure's card ("Cơ quan thực hiện thủ tục hành chính") and a model
** form ("Mẫu số 09") describe or template work: no task in them, until the
** next heading or appendix. */
static void test_quiet_regions(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "Cơ quan thực hiện thủ tục hành chính", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_TEXT, "Sở Xây dựng cấp phép thi công nút giao đấu nối đối với các tuyến quốc lộ.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "Tổ chức thực hiện", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Sở Xây dựng chủ trì hướng dẫn thực hiện quyết định này.", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_HEADING, "Mẫu số 09", -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_HEADING, "Kính gửi: Công ty TNHH Tân Cảng", -1, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_TEXT, "Công ty TNHH Tân Cảng có trách nhiệm báo cáo kết quả thực hiện.", 5, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_HEADING, "Phụ lục II", -1, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_TEXT, "Sở Tài chính chủ trì bố trí kinh phí thực hiện.", 7, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_HEADING, "Cấp giấy chứng nhận đủ điều kiện", -1, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_TEXT, "Cơ quan thực hiện: Sở Y tế. Cơ quan có thẩm quyền quyết định: Sở Y tế", 9, 0, NO_TABLE, {0}},
      /* 11 */ {VP_P_HEADING, "Điều 2. Đối tượng áp dụng", -1, 0, NO_TABLE, {0}},
      /* 12 */ {VP_P_TEXT, "Sở Tài chính, Kho bạc Nhà nước và các cơ quan, đơn vị sử dụng ngân sách nhà nước.", 11, 0, NO_TABLE, {0}},
      /* 13 */ {VP_P_HEADING, "2.6   Địa điểm tiếp nhận hồ sơ: - Trung tâm Phục vụ hành chính công tỉnh Hà Tĩnh tiếp nhận hồ sơ.", -1, 0, NO_TABLE, {0}},
      /* 14 */ {VP_P_HEADING, "1.5. Đối tượng thực hiện TTHC:", -1, 0, NO_TABLE, {0}},
      /* 15 */ {VP_P_TEXT, "Ban Chỉ huy Phòng thủ dân sự cấp xã, cơ quan chuyên môn về bảo vệ môi trường cấp xã.", 14, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  CHECK("a procedure's field gives no task", task_of_passage(&ts, 1) == NULL);
  CHECK("the next heading ends it", task_of_passage(&ts, 3) != NULL);
  CHECK("a model form gives no task", task_of_passage(&ts, 6) == NULL);
  CHECK("the next appendix ends the form", task_of_passage(&ts, 8) != NULL);
  CHECK("the bodies a legal text applies to are no doers", task_of_passage(&ts, 12) == NULL);
  CHECK("a field numbered '2.6' without a dot is a field too", task_of_passage(&ts, 13) == NULL);
  CHECK("'Đối tượng thực hiện TTHC': applicants, no doers", task_of_passage(&ts, 15) == NULL);
  CHECK("fields of a procedure's card in one line give no task",
        task_of_passage(&ts, 9) == NULL && task_of_passage(&ts, 10) == NULL);
  vp_task_clear(&ts);
}

/* "a) Đối với Sở X:" and "2. Trách nhiệm của Sở Y" name the doer of the
** items under them and are no task; emulation criteria ("Tiêu chí thi đua")
** name bodies without giving them work, down to the next heading of the
** criteria's own level. */
static void test_doer_intro_and_criteria(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "a) Đối với Sở Công Thương:", -1, 1, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Xây dựng sàn thương mại điện tử của tỉnh.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "2. Trách nhiệm của Sở Y tế", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "- Triển khai bệnh án điện tử tại các bệnh viện.", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "3. Nhiệm vụ của Sở Tư pháp: rà soát văn bản quy phạm pháp luật.", -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_TEXT, "4. Đối với các dự án chậm tiến độ, chủ đầu tư báo cáo nguyên nhân.", -1, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_HEADING, "2. Tiêu chí thi đua", -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_HEADING, "a) Đối với các sở, ban, ngành, UBND các xã, phường", 6, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "- Hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025.", 7, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_HEADING, "3. Tổ chức thực hiện", -1, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_TEXT, "Sở Nội vụ chủ trì hướng dẫn thực hiện phong trào thi đua.", 9, 0, NO_TABLE, {0}},
  };
  static const int aiLevel[] = {2, 3, 2, 3, 2, 2, 2, 3, 4, 2, 3};
  vp_tasks ts = extract_with_levels(a, aiLevel, VP_ARRAY_SIZE(a));
  CHECK("'Đối với Sở X:' is no task", task_of_passage(&ts, 0) == NULL);
  const vp_task *t = task_of_passage(&ts, 1);
  CHECK("its item: the doer it names leads", t && role_of(t, "Sở Công Thương") == L);
  CHECK("'Trách nhiệm của Sở Y' is no task", task_of_passage(&ts, 2) == NULL);
  t = task_of_passage(&ts, 3);
  CHECK("its item: the doer it names leads", t && role_of(t, "Sở Y tế") == L);
  t = task_of_passage(&ts, 4);
  CHECK("'Nhiệm vụ của Sở X: …' is the task", t && role_of(t, "Sở Tư pháp") == L);
  CHECK("'Đối với' an object is no doer", task_of_passage(&ts, 5) == NULL);
  CHECK("emulation criteria give no task", task_of_passage(&ts, 8) == NULL);
  t = task_of_passage(&ts, 10);
  CHECK("the next heading of their level ends the criteria", t && role_of(t, SNV) == L);
  vp_task_clear(&ts);
}

/* A second clause with its own doer ("X làm A; Y phối hợp thực hiện") names
** another lead of the same task; a report's addressee does not. A generic
** "các cơ quan chức năng có liên quan" does not end a list of supports. */
static void test_later_doers(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "11. Công an tỉnh bảo đảm an ninh mạng; Bộ Chỉ huy Quân sự tỉnh phối hợp thực hiện.", -1, 0,
               NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "12. Sở Y tế tổng hợp số liệu; Sở Tài chính là cơ quan thường trực của Hội đồng.", -1, 0,
               NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "13. Sở Nội vụ chỉ đạo các đơn vị phối hợp với các cơ quan chức năng có liên quan và Ủy ban "
                          "nhân dân cấp xã rà soát hồ sơ.", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "14. Sở Khoa học và Công nghệ chủ trì, phối hợp với doanh nghiệp viễn thông và Sở Xây dựng "
                          "triển khai hạ tầng dùng chung.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "3. Sở Tài chính quản lý tài sản chuyển giao cho các cơ quan thuộc phạm vi quản lý của Ủy "
                          "ban nhân dân các phường, xã (bao gồm Hội đồng nhân dân cấp xã; Ủy ban Mặt trận Tổ quốc Việt "
                          "Nam tỉnh tổ chức tiếp nhận).", -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 4);
  CHECK("a ';' inside an aside opens no later doer", t && role_of(t, STC) == L &&
                                                      role_of(t, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") < 0);
  t = task_of_passage(&ts, 0);
  CHECK("later doer: the first leads", t && role_of(t, "Công an tỉnh") == L);
  CHECK("later doer: the second leads too", t && role_of(t, "Bộ Chỉ huy Quân sự tỉnh") == L);
  t = task_of_passage(&ts, 1);
  CHECK("later clause defining a body: no role", t && role_of(t, STC) < 0);
  t = task_of_passage(&ts, 2);
  CHECK("support after a generic group", t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == S);
  t = task_of_passage(&ts, 3);
  CHECK("support after partners that are no bodies", t && role_of(t, "Sở Xây dựng") == S);
  vp_task_clear(&ts);
}

/* A ministry's name is whole whatever verb follows ("Bộ Tài chính xuất cấp
** gạo"); a later "Giao X" adds its doers to the first; a thank-you is no
** later doer; an opening's list of commas stands in its own sentence; an
** intro's list goes on past ';'. */
static void test_ministries_thanks_and_intro_lists(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "8. Bộ Tài chính xuất cấp, hỗ trợ gạo, vật tư theo đề nghị của các địa phương. Giao Bộ "
                          "Quốc phòng, Bộ Công an chỉ đạo tổ chức vận chuyển gạo đến cho Nhân dân.", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "2. Thống kê tỉnh chủ trì rà soát, cung cấp số liệu về Bộ Tài chính (Cục Thống kê) "
                          "chậm nhất ngày 22/11/2025. Bộ Tài chính trân trọng cảm ơn sự phối hợp của Quý Ủy ban./.",
                -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "c) Trong thời hạn 10 ngày kể từ ngày nhận được thông báo của Bộ Văn hóa, Thể thao và Du "
                          "lịch, Ủy ban nhân dân cấp xã có trách nhiệm bổ sung, hoàn thiện hồ sơ. Hết thời hạn nêu "
                          "trên, nếu chưa nhận được hồ sơ, Bộ Văn hóa, Thể thao và Du lịch trả lại hồ sơ.", -1, 0,
                NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "Điều 2. Trách nhiệm thực hiện Sở Văn hóa và Thể thao, Sở Khoa học và Công nghệ; Viễn "
                          "thông Ninh Bình; Chủ tịch UBND các xã, phường thực hiện trách nhiệm theo Điều 2 Quyết định "
                          "số 412/QĐ-UBND.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "Điều 3. Giao Sở Y tế chủ trì, phối hợp với các đơn vị: Văn phòng UBND tỉnh (Trung tâm "
                          "Công báo - Tin học) và các cơ quan, đơn vị liên quan công khai các thủ tục hành chính.",
                -1, 0, NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "4. Khi giá tài nguyên biến động tăng, giảm, trên cơ sở đề xuất của Sở Nông nghiệp và Môi "
                          "trường, Cơ quan Thuế tỉnh hoặc các sở, ngành, địa phương có liên quan, Sở Tài chính chủ trì, "
                          "phối hợp với các đơn vị có liên quan báo cáo Ủy ban nhân dân tỉnh xem xét.", -1, 0, NO_TABLE,
                {0}},
      /* 6 */ {VP_P_ITEM, "Điều 3  . Sở Khoa học và Công nghệ có trách nhiệm khóa chức năng tiếp nhận hồ sơ của các "
                          "quy trình điện tử được công bố bãi bỏ chậm nhất sau 05 ngày làm việc.", -1, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("a ministry before a verb no list holds leads", t && role_of(t, "Bộ Tài chính") == L);
  CHECK("… and the bodies a later 'Giao' names lead too", t && role_of(t, "Bộ Quốc phòng") == L &&
                                                           role_of(t, "Bộ Công an") == L);
  t = task_of_passage(&ts, 1);
  CHECK("a thank-you names no later doer", t && role_of(t, "Thống kê tỉnh") == L && role_of(t, "Bộ Tài chính") < 0);
  t = task_of_passage(&ts, 2);
  CHECK("the opening's list stands in its sentence: the body after it leads",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L &&
            role_of(t, "Bộ Văn hóa, Thể thao và Du lịch") < 0);
  t = task_of_passage(&ts, 3);
  CHECK("an intro's list goes on past ';'", t && role_of(t, "Sở Văn hóa và Thể thao") == L &&
                                                role_of(t, "Sở Khoa học và Công nghệ") == L &&
                                                role_of(t, "Viễn thông tỉnh") == L &&
                                                role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  t = task_of_passage(&ts, 4);
  CHECK("the partners a colon lists after 'phối hợp với các đơn vị:' support",
        t && role_of(t, "Sở Y tế") == L && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == S);
  t = task_of_passage(&ts, 5);
  CHECK("a condition's list ends before the body that 'chủ trì'",
        t && role_of(t, STC) == L && role_of(t, "Thuế tỉnh") < 0);
  t = task_of_passage(&ts, 6);
  CHECK("an article's number with spaces before its dot ('Điều 3  . Sở X …')",
        t && role_of(t, "Sở Khoa học và Công nghệ") == L);
  vp_task_clear(&ts);
}

/* A lead field that says more than names ("Cơ quan thực hiện: Sở Y tế chủ
** trì, phối hợp với các sở, ban, ngành …") gives the bodies after "phối
** hợp" support; a heading that only names its doer over duties is no task. */
static void test_lead_field_and_doer_heading(void) {
  spec a[] = {
      /* 0 */ {VP_P_HEADING, "a) Hoạt động 1", -1, 0, NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "- Nội dung: Tập huấn nâng cao năng lực cho đội ngũ cán bộ y tế.", 0, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_ITEM, "- Cơ quan thực hiện: Sở Y tế chủ trì, phối hợp với Sở Nội vụ và các đơn vị có liên quan.", 0, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_HEADING, "3. Ngân hàng Nhà nước chi nhánh khu vực 14", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "a) Chỉ đạo các ngân hàng thương mại mở tài khoản cho người hưởng trợ cấp.", 3, 0, NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = NULL;
  for (int i = 0; i < ts.n; i++)
    if (role_of(&ts.a[i], "Sở Y tế") >= 0) t = &ts.a[i];
  CHECK("lead field: the doer leads", t && role_of(t, "Sở Y tế") == L);
  CHECK("lead field: after 'phối hợp với', support", t && role_of(t, SNV) == S);
  CHECK("a heading that only names its doer is no task", task_of_passage(&ts, 3) == NULL);
  const vp_task *t4 = task_of_passage(&ts, 4);
  CHECK("its duty is, with that doer", t4 && role_of(t4, "Ngân hàng Nhà nước chi nhánh khu vực") == L);
  vp_task_clear(&ts);
}

/* Partners that are no bodies of ours inside a "phối hợp" list ("…, báo,
** đài và các đơn vị có liên quan") do not end it: the bodies after them
** are supports; a duty item opening with a liability or a standing right,
** a statement of a department's leadership, a body's permission to use
** data or a limit on what it may do, and a step of a procedure ("Bước 1:")
** are no tasks; the partners of an action the doer advises ("tham mưu
** UBND tỉnh phối hợp Bộ …") are not its support. */
/* A minister's title before the ministry; a shared head's list read past
** "và", with no colon, and not over a body named on its own; an item's own
** doer after an opening adverbial under another doer's lead-in; a comma
** after a body in a condition parts a list. */
static void test_shared_heads_and_ministers(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "2. Bộ trưởng Bộ Tài chính tổng hợp, đề xuất sử dụng nguồn lực từ ngân sách trung ương.", -1, 0,
               NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "3. Bộ trưởng các Bộ: Quốc phòng, Công an chỉ đạo lực lượng hỗ trợ người dân.", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_TEXT, "Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng khẩn trương gửi báo cáo.", -1, 0,
               NO_TABLE, {0}},
      /* 3 */ {VP_P_TEXT, "Ủy ban nhân dân các tỉnh Đắk Lắk và Gia Lai khẩn trương gửi báo cáo.", -1, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_TEXT, "Ủy ban nhân dân các tỉnh: Lào Cai, Đồng Nai và Bộ Công Thương kiểm tra số liệu.", -1, 0, NO_TABLE,
               {0}},
      /* 5 */ {VP_P_TEXT, "Giao Thường trực Hội đồng nhân dân, các Ban Hội đồng nhân dân, Tổ đại biểu và các đại biểu Hội "
                          "đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.", -1, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_ITEM, "2. Sở Tài chính có trách nhiệm chỉ đạo:", -1, 1, NO_TABLE, {0}},
      /* 7 */ {VP_P_ITEM, "a) Hằng năm, Thống kê tỉnh có trách nhiệm cung cấp chỉ số giá tiêu dùng cho Bảo hiểm xã hội tỉnh.", 6,
               0, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "b) Định kỳ hoặc đột xuất báo cáo Ủy ban nhân dân tỉnh, Sở Nội vụ về tình hình thực hiện.", 6, 0,
               NO_TABLE, {0}},
      /* 9 */ {VP_P_TEXT, "Trường hợp Giám đốc Sở Y tế, Giám đốc Sở Tư pháp chưa hướng dẫn đầy đủ, Sở Tài chính quyết định "
                          "định mức sử dụng máy móc.", -1, 0, NO_TABLE, {0}},
      /* 10 */ {VP_P_TEXT, "Giám đốc các Sở: Xây dựng, Văn hóa, Thể thao và Du lịch, Y tế theo chức năng chỉ đạo khắc phục "
                           "hậu quả.", -1, 0, NO_TABLE, {0}},
      /* 11 */ {VP_P_ITEM, "2. Giá bán lẻ điện cho đơn vị hành chính sự nghiệp áp dụng đối với các đối tượng và mục đích sau:",
                -1, 1, NO_TABLE, {0}},
      /* 12 */ {VP_P_ITEM, "i) Các cơ quan nghiên cứu; các trường đại học, cao đẳng thuộc mọi loại hình công lập và tư thục;",
                11, 0, NO_TABLE, {0}},
      /* 13 */ {VP_P_ITEM, "m) Ngân hàng Chính sách xã hội hoạt động phi lợi nhuận; Bảo hiểm tiền gửi Việt Nam;", 11, 0,
                NO_TABLE, {0}},
      /* 14 */ {VP_P_ITEM, "a) Hằng năm, các cơ quan, đơn vị cấp thành phố và Ủy ban nhân dân xã, phường xây dựng báo cáo, "
                           "tự chấm điểm.", -1, 0, NO_TABLE, {0}},
      /* 15 */ {VP_P_ITEM, "c) Trong quý I của năm liền kề, Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát kết quả chấm "
                           "điểm.", -1, 0, NO_TABLE, {0}},
      /* 16 */ {VP_P_ITEM, "- Trong thời hạn 02 ngày làm việc, gửi Báo cáo kết quả giải quyết đến Văn phòng UBND tỉnh, Thường "
                           "trực HĐND cùng cấp, Ban Thường trực Ủy ban MTTQ Việt Nam cấp xã và cơ quan, tổ chức, cá nhân "
                           "chuyên kiến nghị.", -1, 0, NO_TABLE, {0}},
      /* 17 */ {VP_P_TEXT, "Sở Y tế chủ trì, phối hợp văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công) công khai thủ "
                           "tục hành chính.", -1, 0, NO_TABLE, {0}},
      /* 18 */ {VP_P_TEXT, "Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ) thực hiện cấp mới hộp thư điện tử công vụ.", -1,
                0, NO_TABLE, {0}},
      /* 19 */ {VP_P_ITEM, "- Nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính công ích đến:", -1, 1, NO_TABLE, {0}},
      /* 20 */ {VP_P_ITEM, "b) Sở Khoa học và Công nghệ đối với thủ tục gia hạn, thay đổi nội dung thông tin.", 19, 0, NO_TABLE,
                {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("'Bộ trưởng Bộ Tài chính' leads", t && role_of(t, "Bộ Tài chính") == L);
  t = task_of_passage(&ts, 1);
  CHECK("'Bộ trưởng các Bộ: Quốc phòng, Công an' lead", t && role_of(t, "Bộ Quốc phòng") == L &&
                                                          role_of(t, "Bộ Công an") == L);
  t = task_of_passage(&ts, 2);
  CHECK("the name after 'và' in a shared head's list leads, the verb after it",
        t && role_of(t, "Ủy ban nhân dân tỉnh Gia Lai") == L && role_of(t, "Ủy ban nhân dân tỉnh Lâm Đồng") == L &&
            t->nAgency == 4);
  t = task_of_passage(&ts, 3);
  CHECK("a shared head with no colon: its names lead", t && role_of(t, "Ủy ban nhân dân tỉnh Đắk Lắk") == L &&
                                                            role_of(t, "Ủy ban nhân dân tỉnh Gia Lai") == L);
  t = task_of_passage(&ts, 4);
  CHECK("a body named on its own after the list is no member of it",
        t && role_of(t, "Bộ Công Thương") == L && role_of(t, "Ủy ban nhân dân tỉnh Lào Cai") == L);
  t = task_of_passage(&ts, 5);
  for (int k = 0; t && k < t->nAgency; k++)
    CHECK("no body made of a head and lower-case words ('Ban Tổ đại')", strstr(t->aAgency[k].zCanon, "Ban Tổ đại") == NULL);
  CHECK("the council's committees and its deputies' groups, as groups",
        t && role_of(t, "Các Ban của Hội đồng nhân dân tỉnh") == L && role_of(t, "Các Tổ đại biểu Hội đồng nhân dân tỉnh") == L);
  t = task_of_passage(&ts, 7);
  CHECK("the item's own doer after 'Hằng năm,' leads, not the lead-in's", t && role_of(t, "Thống kê tỉnh") == L &&
                                                                               role_of(t, STC) != L);
  t = task_of_passage(&ts, 8);
  CHECK("report addressees after an opening are no doers", t == NULL || role_of(t, SNV) != L);
  t = task_of_passage(&ts, 9);
  CHECK("a list in the condition: the doer after it leads", t && role_of(t, STC) == L && role_of(t, "Sở Tư pháp") != L);
  t = task_of_passage(&ts, 10);
  CHECK("the items of what a lead-in lists ('… các đối tượng và mục đích sau:') are no tasks",
        task_of_passage(&ts, 12) == NULL && task_of_passage(&ts, 13) == NULL);
  CHECK("a name holding commas in a shared head's list", t && role_of(t, "Sở Văn hóa, Thể thao và Du lịch") == L &&
                                                             role_of(t, "Sở Y tế") == L && role_of(t, "Sở Xây dựng") == L);
  t = task_of_passage(&ts, 14);
  CHECK("a list goes on past a qualifier ('… cấp thành phố và Ủy ban nhân dân xã, phường')",
        t && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == L);
  t = task_of_passage(&ts, 15);
  CHECK("'Trong quý I …,' opens a doer's item", t && role_of(t, SNV) == L && role_of(t, "Sở Tư pháp") == S);
  t = task_of_passage(&ts, 17);
  int nUnit = 0;
  for (int k = 0; t && k < t->nAgency; k++)
    nUnit += strncmp(t->aAgency[k].zCanon, "Trung tâm Phục vụ hành chính công", 33) == 0 && t->aAgency[k].eRole == S;
  CHECK("a partner in lower case after 'phối hợp', and the unit its aside names, support",
        t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == S && nUnit == 1);
  t = task_of_passage(&ts, 18);
  CHECK("the parent body an aside names does not do the unit's work", t && role_of(t, "Sở Khoa học và Công nghệ") < 0);
  CHECK("the places a lead-in sends to ('… đến:') are no doers", task_of_passage(&ts, 20) == NULL);
  t = task_of_passage(&ts, 16);
  CHECK("the addressees after 'gửi … đến' are no doers", t == NULL || (role_of(t, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") < 0 &&
                                                                        role_of(t, "Thường trực Hội đồng nhân dân tỉnh") < 0));
  vp_task_clear(&ts);
}

static void test_partners_and_not_duties(void) {
  spec a[] = {
      /* 0 */ {VP_P_ITEM, "a) Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân "
                          "phường, xã, đặc khu, báo, đài và các đơn vị có liên quan tổ chức Tháng hành động.", -1, 0,
               NO_TABLE, {0}},
      /* 1 */ {VP_P_ITEM, "b) Sở Y tế chủ trì phối hợp với Sở Tài chính, các bệnh viện, báo, đài và các đơn vị có liên "
                          "quan xây dựng kế hoạch.", -1, 0, NO_TABLE, {0}},
      /* 2 */ {VP_P_HEADING, "Điều 18. Trách nhiệm của Sở Tài chính", -1, 0, NO_TABLE, {0}},
      /* 3 */ {VP_P_ITEM, "1. Hướng dẫn việc thanh toán.", 2, 0, NO_TABLE, {0}},
      /* 4 */ {VP_P_ITEM, "4. Chịu trách nhiệm đối với những hậu quả xảy ra liên quan đến việc chậm trễ xử lý hồ sơ.", 2, 0,
               NO_TABLE, {0}},
      /* 5 */ {VP_P_ITEM, "5. Được khai thác, sử dụng Cơ sở dữ liệu phục vụ công tác quản lý.", 2, 0, NO_TABLE, {0}},
      /* 6 */ {VP_P_TEXT, "Lãnh đạo Sở Tư pháp có Giám đốc và các Phó Giám đốc.", -1, 0, NO_TABLE, {0}},
      /* 7 */ {VP_P_TEXT, "Sở Tư pháp được khai thác, sử dụng thông tin trong Cơ sở dữ liệu.", -1, 0, NO_TABLE, {0}},
      /* 8 */ {VP_P_ITEM, "c) Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, tổ chức thực hiện và kiểm tra, Sở Nội vụ "
                          "tổng hợp.", -1, 0, NO_TABLE, {0}},
      /* 9 */ {VP_P_TEXT, "Sở Tài chính chỉ được sử dụng tối đa 50% kinh phí bổ sung hằng năm cho hoạt động này.", -1, 0,
               NO_TABLE, {0}},
      /* 10 */ {VP_P_ITEM, "- Bước 1: Văn phòng Ủy ban nhân dân tỉnh tiếp nhận, kiểm tra, thẩm định hồ sơ trình của Sở Tài "
                           "chính: 0,75 ngày làm việc.", -1, 0, NO_TABLE, {0}},
      /* 11 */ {VP_P_ITEM, "- Sở Y tế chủ trì thực hiện Bước 2: rà soát danh mục thuốc.", -1, 0, NO_TABLE, {0}},
      /* 12 */ {VP_P_ITEM, "- Giao Sở Y tế chủ trì, phối hợp với Văn phòng UBND tỉnh (Trung tâm Công báo - Tin học) và các "
                           "cơ quan, tổ chức có liên quan công khai các thủ tục hành chính.", -1, 0, NO_TABLE, {0}},
      /* 13 */ {VP_P_ITEM, "d) Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh phối hợp "
                           "Bộ Giáo dục và Đào tạo tổ chức thực hiện Tiểu dự án 3.", -1, 0, NO_TABLE, {0}},
      /* 14 */ {VP_P_ITEM, "- Chính phủ; - Ban Tổ chức Trung ương; - Kiểm toán nhà nước; - Sở Nội vụ; - Bộ Tài chính;", 13, 0,
               NO_TABLE, {0}},
  };
  vp_tasks ts = extract(a, VP_ARRAY_SIZE(a));
  const vp_task *t = task_of_passage(&ts, 0);
  CHECK("partners in a list: the doer leads", t && role_of(t, SNV) == L);
  CHECK("partners in a list: the bodies after them support",
        t && role_of(t, "Các đơn vị liên quan") == S && role_of(t, "Ủy ban nhân dân các xã, phường, đặc khu") == S);
  t = task_of_passage(&ts, 1);
  CHECK("partners after a body: the bodies after them support",
        t && role_of(t, STC) == S && role_of(t, "Các đơn vị liên quan") == S);
  CHECK("a duty of the heading's doer stays a task", task_of_passage(&ts, 3) != NULL);
  CHECK("a liability is no task", task_of_passage(&ts, 4) == NULL);
  CHECK("a standing right is no task", task_of_passage(&ts, 5) == NULL);
  CHECK("a leadership statement is no task", task_of_passage(&ts, 6) == NULL);
  CHECK("a permission to use data is no task", task_of_passage(&ts, 7) == NULL);
  t = task_of_passage(&ts, 8);
  CHECK("a longer item ends the partners' list", t && role_of(t, STC) == S && role_of(t, SNV) != S);
  CHECK("what a body may only do is no task", task_of_passage(&ts, 9) == NULL);
  CHECK("a step of a procedure is no task", task_of_passage(&ts, 10) == NULL);
  t = task_of_passage(&ts, 11);
  CHECK("a step named inside a task leaves it a task", t && role_of(t, "Sở Y tế") == L);
  t = task_of_passage(&ts, 12);
  CHECK("a unit in an aside does not end the list", t && role_of(t, "Văn phòng Ủy ban nhân dân tỉnh") == S &&
                                                         role_of(t, "Các đơn vị liên quan") == S);
  t = task_of_passage(&ts, 13);
  CHECK("the doer's own 'phối hợp' supports", t && role_of(t, "Sở Tư pháp") == S);
  CHECK("a 'phối hợp' the doer advises another body to take gives the doer no support",
        t && role_of(t, "Bộ Giáo dục và Đào tạo") < 0);
  CHECK("names run into one line after dashes (recipients) are no task", task_of_passage(&ts, 14) == NULL);
  vp_task_clear(&ts);
}

/* ------------------------------------------------------------------------
** The corpus against the hand-checked list.
*/

#define NDOC 5

typedef struct agency_count {
  int nLead[NDOC], nSupport[NDOC];
} agency_count;

/* expectations: per document, 'L' = has a lead task, 'S' = support only,
** 'x' = some task (lead or support), '-' = no task */
static const struct {
  const char *zCanon;
  const char *zDocs; /* one letter per document 000..004 */
} aTruth[] = {
    {SKHCN, "xxxxx"},
    {STC, "xxxxx"},
    {SKHDT, "xxxxx"},
    {"Sở Ngoại vụ", "L----"},
    {"Sở Xây dựng", "-L---"},
    {"Sở Công Thương", "-x---"},
    {"Sở Giáo dục và Đào tạo", "-xx--"},
    {"Sở Nông nghiệp và Phát triển nông thôn", "xx---"},
    {SNV, "SL--S"},
    {"Sở Thông tin và Truyền thông", "xxx-x"},
    {"Sở Lao động, Thương binh và Xã hội", "-S---"},
    {"Sở Y tế", "-----"},
    {"Sở Tài nguyên và Môi trường", "-----"},
    {"Văn phòng Ủy ban nhân dân tỉnh", "--x--"},
    {"Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "-xx-x"},
    {"Đài Phát thanh và Truyền hình tỉnh", "x-x-x"},
    {"Ban Tuyên giáo Tỉnh ủy", "x----"},
    {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "xxx--"},
    {"Cục Thuế tỉnh", "----S"},
    {"Hiệp hội Doanh nghiệp tỉnh", "-x---"},
    {"Trường Đại học Tân Trào", "-x---"},
};

/* corpus/<NNN>_*.txt (or .md) into zOut; 0 if not found */
static int corpus_path(int iDoc, char *zOut, size_t nOut) {
  char zPrefix[16];
  snprintf(zPrefix, sizeof(zPrefix), "%03d_", iDoc);
  DIR *d = opendir("corpus");
  if (d == NULL) return 0;
  int bFound = 0;
  struct dirent *e;
  while (!bFound && (e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, zPrefix, 4) == 0) {
      snprintf(zOut, nOut, "corpus/%s", e->d_name);
      bFound = 1;
    }
  }
  closedir(d);
  return bFound;
}

static void count_roles(const vp_tasks *ts, int iDoc, agency_count *aCount) {
  for (int i = 0; i < ts->n; i++) {
    const vp_task *t = &ts->a[i];
    for (int k = 0; k < t->nAgency; k++) {
      for (int j = 0; j < VP_ARRAY_SIZE(aTruth); j++) {
        if (strcmp(t->aAgency[k].zCanon, aTruth[j].zCanon) != 0) continue;
        if (t->aAgency[k].eRole == VP_ROLE_LEAD) aCount[j].nLead[iDoc]++;
        else aCount[j].nSupport[iDoc]++;
      }
    }
  }
}

static void check_task_sanity(const vp_tasks *ts, const vp_text *pText) {
  int bOk = 1;
  for (int i = 0; i < ts->n && bOk; i++) {
    const vp_task *t = &ts->a[i];
    int nLead = 0;
    for (int k = 0; k < t->nAgency; k++) nLead += t->aAgency[k].eRole == VP_ROLE_LEAD;
    vp_pkind e = pText->aPassage[t->iPassage].eKind;
    if (nLead == 0 || t->zText == NULL || t->zText[0] == 0 || e == VP_P_RECIPIENT || e == VP_P_SIGNATURE) bOk = 0;
    if (i > 0 && t->iPassage <= ts->a[i - 1].iPassage) bOk = 0;
  }
  CHECK("corpus: every task has a lead and text, in order, none from Nơi nhận", bOk);
}

static void test_corpus(void) {
  agency_count aCount[VP_ARRAY_SIZE(aTruth)];
  memset(aCount, 0, sizeof(aCount));
  int nDoc = 0;
  for (int iDoc = 0; iDoc < NDOC; iDoc++) {
    char zPath[512];
    if (!corpus_path(iDoc, zPath, sizeof(zPath))) continue;
    vp_text *pText = NULL;
    char *zErr = NULL;
    if (vp_reader_load(zPath, 1 << 24, &pText, &zErr) != VP_OK || pText->nPassage < 10) {
      fprintf(stderr, "  %s: reader not ready (%s)\n", zPath, zErr ? zErr : "few passages");
      free(zErr);
      vp_reader_free(pText);
      continue;
    }
    vp_tasks ts;
    vp_meta meta;
    CHECK("corpus meta", vp_meta_extract(pText, &meta, &zErr) == VP_OK);
    CHECK("corpus extract", vp_task_extract(pText, &meta, &ts, &zErr) == VP_OK);
    vp_meta_clear(&meta);
    CHECK("corpus: some tasks", ts.n >= 5);
    check_task_sanity(&ts, pText);
    count_roles(&ts, iDoc, aCount);
    vp_task_clear(&ts);
    vp_reader_free(pText);
    nDoc++;
  }
  CHECK("corpus: all five plans read", nDoc == NDOC);
  if (nDoc != NDOC) return;
  for (int j = 0; j < VP_ARRAY_SIZE(aTruth); j++) {
    for (int iDoc = 0; iDoc < NDOC; iDoc++) {
      char c = aTruth[j].zDocs[iDoc];
      int nL = aCount[j].nLead[iDoc], nS = aCount[j].nSupport[iDoc];
      int ok = (c == 'x' && nL + nS > 0) || (c == 'L' && nL > 0) || (c == 'S' && nL == 0 && nS > 0) ||
               (c == '-' && nL + nS == 0);
      if (!ok) fprintf(stderr, "  %03d %s: want %c, got %d lead %d support\n", iDoc, aTruth[j].zCanon, c, nL, nS);
      CHECK("corpus ground truth", ok);
    }
  }
}

int main(void) {
  test_status_and_run_in();
  test_quiet_regions();
  test_doer_intro_and_criteria();
  test_later_doers();
  test_ministries_thanks_and_intro_lists();
  test_lead_field_and_doer_heading();
  test_partners_and_not_duties();
  test_prose();
  test_headings();
  test_lists_not_roles();
  test_table_rows();
  test_table_column_variants();
  test_deadline_spans();
  test_deadline_before_document();
  test_mixed_role_cell();
  test_deadlines();
  test_nfd();
  test_not_official();
  test_request_and_support_list();
  test_fields();
  test_not_tasks();
  test_lists_and_quotas();
  test_no_content_and_authors();
  test_closing_article_and_records();
  test_doers_of_regulations();
  test_sentences_with_own_doers();
  test_duties_listed_and_conditions();
  test_shares_lists_and_others_duties();
  test_names_for_purpose();
  test_reference_contents();
  test_durations_and_inherited_deadlines();
  test_issuer_and_titles();
  test_shared_heads_and_ministers();
  test_corpus();
  return vp_test_done();
}
