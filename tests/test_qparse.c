/*
** test_qparse.c — the query translator: what people type becomes a safe
** FTS5 expression, broken queries are clear errors, numbers and dates are
** recognised as typed.
*/
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_qparse.h"
#include "vp_test.h"

/* translate, return the FTS5 text (static buffer) or "ERR: message" */
static const char *tr(const char *zQuery) {
  static char zOut[1024];
  char *zFts = NULL, *zErr = NULL;
  int rc = vp_qparse_to_fts5(zQuery, &zFts, &zErr);
  if (rc == VP_OK) snprintf(zOut, sizeof(zOut), "%s", zFts);
  else snprintf(zOut, sizeof(zOut), "ERR: %s", zErr ? zErr : "?");
  free(zFts);
  free(zErr);
  return zOut;
}

static int is_err(const char *zQuery) { return strncmp(tr(zQuery), "ERR:", 4) == 0; }

int main(void) {
  CHECK("one word", strcmp(tr("khoa"), "\"khoa\"") == 0);
  CHECK("two plain words: phrase first, then all words",
        strcmp(tr("khoa hoc"), "(\"khoa hoc\" OR (\"khoa\" AND \"hoc\"))") == 0);
  CHECK("typed with diacritics: exact mark on every string",
        strcmp(tr("khoa học"), "(\"\x02khoa học\" OR (\"\x02khoa\" AND \"\x02học\"))") == 0);
  CHECK("a phrase", strcmp(tr("\"khoa hoc\""), "\"khoa hoc\"") == 0);
  CHECK("typographic quotes make a phrase", strcmp(tr("\xE2\x80\x9Ckhoa hoc\xE2\x80\x9D"), "\"khoa hoc\"") == 0);
  CHECK("prefix", strcmp(tr("cong*"), "\"cong\" *") == 0);
  CHECK("OR", strcmp(tr("a OR b"), "\"a\" OR \"b\"") == 0);
  CHECK("NOT", strcmp(tr("a NOT b"), "\"a\" NOT \"b\"") == 0);
  CHECK("the words after NOT are one term", strcmp(tr("a NOT b c"), "\"a\" NOT (\"b c\" OR (\"b\" AND \"c\"))") == 0);
  CHECK("AND NOT is NOT", strcmp(tr("a AND NOT b"), tr("a NOT b")) == 0);
  CHECK("-word after a word is NOT word", strcmp(tr("a -b"), tr("a NOT b")) == 0);
  CHECK("-word first, or a number: as typed", strstr(tr("-b"), "NOT") == NULL && strstr(tr("COVID-19"), "NOT") == NULL);
  CHECK("a prefix of one letter is refused", is_err("t*") && is_err("a đ*") && !is_err("th*"));
  CHECK("a lone mark is no term", strcmp(tr("2021 - 2025"), tr("2021 2025")) == 0 &&
                                      strcmp(tr("khoa & hoc"), tr("khoa hoc")) == 0);
  CHECK("explicit AND", strcmp(tr("a AND b"), "\"a\" AND \"b\"") == 0);
  CHECK("parentheses", strcmp(tr("(a OR b) c"), "(\"a\" OR \"b\") AND \"c\"") == 0);
  CHECK("plain words", vp_qparse_is_plain("chuyển đổi số") && vp_qparse_is_plain("or and not"));
  CHECK("operators, quotes, parentheses, prefix*: not plain",
        !vp_qparse_is_plain("a OR b") && !vp_qparse_is_plain("a\nNOT b") && !vp_qparse_is_plain("\"a b\"") &&
            !vp_qparse_is_plain("\xE2\x80\x9C" "a b" "\xE2\x80\x9D") && !vp_qparse_is_plain("(a) b") &&
            !vp_qparse_is_plain("cong*"));
  CHECK("lowercase and/or are words", strstr(tr("a or b"), " OR (") != NULL);
  CHECK("FTS5 syntax in a word is quoted", strcmp(tr("x:y^z"), "\"x:y^z\"") == 0);
  CHECK("a quote inside a word cannot escape", is_err("ab\"cd") || strstr(tr("ab\"cd\""), "\"cd\"") != NULL);
  /* document numbers as typed */
  CHECK("Party number", strcmp(tr("69-KL/TW"), "\"69-KL/TW\"") == 0 || strstr(tr("69-KL/TW"), "69") != NULL);
  CHECK("Party number typed with a space", strcmp(tr("69 KL/TW"), tr("69-KL/TW")) == 0);
  CHECK("State number typed without Đ", strcmp(tr("709/QD-TTg"), tr("709/QĐ-TTg")) == 0);
  CHECK("a code typed before the number that holds it is dropped",
        strcmp(tr("NQ 18-NQ/TW"), tr("18-NQ/TW")) == 0 && strcmp(tr("qđ 709/QĐ-TTg"), tr("709/QĐ-TTg")) == 0);
  CHECK("a word that is no code of the number is kept", strstr(tr("KL 18-NQ/TW"), "KL") != NULL);
  /* a number with its year: a date in text ("tháng 9/2025"), and a part of
  ** a document number in the index ("9/2025/NĐ-CP") */
  CHECK("a number with its year: as a date or as a number's part",
        strcmp(tr("9/2025"), "(\"9/2025\" OR \"\x03" "9/2025\")") == 0);
  CHECK("with the instrument's type: the number's part only",
        strstr(tr("nghi dinh 9/2025"), "\"\x03" "9/2025\"") != NULL &&
            strstr(tr("nghi dinh 9/2025"), "AND \"9/2025\"") == NULL);
  CHECK("a full date is no number with its year", strstr(tr("26/9/2025"), "\x03") == NULL);
  /* a type's code and a number: the number with its type, one term */
  CHECK("'NQ 57 chuyển đổi số': 57-NQ", strstr(tr("NQ 57 chuyển đổi số"), "\"\x02" "57-NQ\"") != NULL);
  CHECK("'QĐ 2597' glued: 2597-QĐ", strcmp(tr("QĐ2597"), "\"\x02" "2597-QĐ\"") == 0 && strcmp(tr("nq57"), "\"57-nq\"") == 0);
  CHECK("no type's code: words as typed", strstr(tr("xã 57"), "57-") == NULL);
  CHECK("a code after NOT is kept", strstr(tr("a NOT NQ 18-NQ/TW"), "NQ\" ") != NULL ||
                                        strstr(tr("a NOT NQ 18-NQ/TW"), "\"NQ\"") != NULL);
  /* broken queries are errors with a message */
  CHECK("empty", is_err(""));
  CHECK("blank", is_err("   "));
  CHECK("unclosed quote", is_err("\"khoa hoc"));
  CHECK("unbalanced (", is_err("(a b"));
  CHECK("unbalanced )", is_err("a b)"));
  CHECK("empty ()", is_err("()"));
  CHECK("AND alone", is_err("AND"));
  CHECK("leading OR", is_err("OR a"));
  CHECK("trailing OR", is_err("a OR"));
  CHECK("leading NOT", is_err("NOT a"));
  CHECK("only punctuation", is_err("---"));
  CHECK("message says what is wrong", strstr(tr("\"abc"), "quote") != NULL);
  /* numbers and dates in refs queries */
  vp_docnum a[4];
  int n = vp_qparse_docnums("Nghị quyết số 20-NQ/TW ngày 01/11/2012", a, 4);
  CHECK("one number in a refs query", n == 1);
  CHECK("its token", n == 1 && strcmp(a[0].zToken, "20-nq/tw") == 0);
  n = vp_qparse_docnums("nghi quyet 20 NQ/TW", a, 4);
  CHECK("number typed with a space", n == 1 && strcmp(a[0].zToken, "20-nq/tw") == 0);
  n = vp_qparse_docnums("Quyet dinh 472/QD-UBND", a, 4);
  CHECK("State number without diacritics", n == 1 && strcmp(a[0].zToken, "472/qd-ubnd") == 0);
  n = vp_qparse_docnums("69-KL/TW và 709/QĐ-TTg", a, 4);
  CHECK("two numbers", n == 2);
  CHECK("no number", vp_qparse_docnums("khoa học và công nghệ", a, 4) == 0);
  char zIso[11];
  CHECK("date d/m/y", vp_qparse_date("20-NQ/TW ngày 01/11/2012", zIso) && strcmp(zIso, "2012-11-01") == 0);
  CHECK("date d-m-y", vp_qparse_date("ngày 1-11-2012", zIso) && strcmp(zIso, "2012-11-01") == 0);
  CHECK("date in words", vp_qparse_date("ngày 18 tháng 12 năm 2024", zIso) && strcmp(zIso, "2024-12-18") == 0);
  CHECK("date in words without diacritics", vp_qparse_date("ngay 18 thang 12 nam 2024", zIso) && strcmp(zIso, "2024-12-18") == 0);
  CHECK("no date", !vp_qparse_date("20-NQ/TW", zIso));
  /* nesting is bounded: the parser recurses once a level (a query of 43,515
  ** nested parentheses once crashed the CLI) */
  char zDeep[200000];
  int nOpen = 43515, k = 0;
  for (int i = 0; i < nOpen; i++) zDeep[k++] = '(';
  zDeep[k++] = 'x';
  for (int i = 0; i < nOpen; i++) zDeep[k++] = ')';
  zDeep[k] = 0;
  char *zFts = NULL, *zErr = NULL;
  CHECK("43,515 nested parentheses: a clear error", vp_qparse_to_fts5(zDeep, &zFts, &zErr) == VP_EQUERY &&
                                                       zErr && strstr(zErr, "nested over 64"));
  free(zFts);
  free(zErr);
  k = 0;
  for (int i = 0; i < 64; i++) zDeep[k++] = '(';
  zDeep[k++] = 'x';
  for (int i = 0; i < 64; i++) zDeep[k++] = ')';
  zDeep[k] = 0;
  zFts = zErr = NULL;
  CHECK("64 levels are read", vp_qparse_to_fts5(zDeep, &zFts, &zErr) == VP_OK);
  free(zFts);
  free(zErr);
  /* the phrase form (rerank.c reads its matches first) */
  zFts = zErr = NULL;
  CHECK("phrase form: a run of plain words is its phrase alone",
        vp_qparse_to_fts5_phrases("khoa hoc", &zFts, &zErr) == VP_OK && zFts &&
            strcmp(zFts, "(\"khoa hoc\")") == 0);
  free(zFts);
  zFts = NULL;
  CHECK("phrase form: the rest of the query as it was",
        vp_qparse_to_fts5_phrases("khoa hoc NOT y", &zFts, &zErr) == VP_OK && zFts &&
            strcmp(zFts, "(\"khoa hoc\") NOT \"y\"") == 0);
  free(zFts);
  zFts = NULL;
  CHECK("phrase form: none for one word", vp_qparse_to_fts5_phrases("khoa", &zFts, &zErr) == VP_OK && !zFts);
  CHECK("phrase form: none for a quoted phrase",
        vp_qparse_to_fts5_phrases("\"khoa hoc\"", &zFts, &zErr) == VP_OK && !zFts);
  CHECK("phrase form: errors as the full form", vp_qparse_to_fts5_phrases("\"khoa", &zFts, &zErr) == VP_EQUERY);
  free(zErr);
  return vp_test_done();
}
