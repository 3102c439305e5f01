/*
** test_docnum.c — table-driven tests of the instrument number parser
** (vp_docnum.h): both forms, spacing noise, any case, line breaks, garbage
** that must not parse, boundaries. Not for citations (test_cite.c).
*/
#include <string.h>

#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_test.h"

typedef struct good_case {
  const char *zIn;   /* text; the number starts at its first digit */
  const char *zKey;  /* expected zKey */
  const char *zTok;  /* expected zToken */
  const char *zType, *zIssuer, *zNumber;
  int nYear, bParty, nSpan; /* nSpan: expected iEnd - iStart */
  int bLocal;
} good_case;

static const good_case aGood[] = {
  {"69-KL/TW", "69-KL/TW", "69-kl/tw", "KL", "TW", "69", 0, 1, 8, 0},
  {"331-KH/TU", "331-KH/TU", "331-kh/tu", "KH", "TU", "331", 0, 1, 9, 1},
  {"61-CTr/TU", "61-CTr/TU", "61-ctr/tu", "CTr", "TU", "61", 0, 1, 9, 1},
  {"04- ĐA/TU", "04-ĐA/TU", "4-da/tu", "ĐA", "TU", "04", 0, 1, 10, 1},
  {"14-NQ/TU;", "14-NQ/TU", "14-nq/tu", "NQ", "TU", "14", 0, 1, 8, 1},
  {"05 -NQ/TU", "05-NQ/TU", "5-nq/tu", "NQ", "TU", "05", 0, 1, 9, 1},
  {"45- NQ/TW", "45-NQ/TW", "45-nq/tw", "NQ", "TW", "45", 0, 1, 9, 0},
  {"472- KH/TU ngày", "472-KH/TU", "472-kh/tu", "KH", "TU", "472", 0, 1, 10, 1},
  {"69-\nKL/TW", "69-KL/TW", "69-kl/tw", "KL", "TW", "69", 0, 1, 9, 0},
  /* the Party's number written in the State's form: the Party's */
  {"27/NQ-TW", "27-NQ/TW", "27-nq/tw", "NQ", "TW", "27", 0, 1, 8, 0},
  {"126/KL-TW", "126-KL/TW", "126-kl/tw", "KL", "TW", "126", 0, 1, 9, 0},
  /* an en dash pasted from a word processor */
  {"18\xe2\x80\x93NQ/TW", "18-NQ/TW", "18-nq/tw", "NQ", "TW", "18", 0, 1, 10, 0},
  {"69-KL/\n  TW", "69-KL/TW", "69-kl/tw", "KL", "TW", "69", 0, 1, 11, 0},
  {"709/QĐ-TTg", "709/QĐ-TTg", "709/qd-ttg", "QĐ", "TTg", "709", 0, 0, 11, 0},
  {"35/2021/NĐ-CP", "35/2021/NĐ-CP", "35/2021/nd-cp", "NĐ", "CP", "35", 2021,
   0, 14, 0},
  {"36/2010/QĐ- UBND", "36/2010/QĐ-UBND", "36/2010/qd-ubnd", "QĐ", "UBND",
   "36", 2010, 0, 17, 1},
  {"3229 /KH-UBND ngày", "3229/KH-UBND", "3229/kh-ubnd", "KH", "UBND", "3229",
   0, 0, 13, 1},
  {"41/TTr-SKHCN", "41/TTr-SKHCN", "41/ttr-skhcn", "TTr", "SKHCN", "41", 0, 0,
   12, 1},
  {"46/NQ-CP", "46/NQ-CP", "46/nq-cp", "NQ", "CP", "46", 0, 0, 8, 0},
  {"25/CT-TTg.", "25/CT-TTg", "25/ct-ttg", "CT", "TTg", "25", 0, 0, 9, 0},
  {"123/UBND-KT", "123/UBND-KT", "123/ubnd-kt", "", "UBND-KT", "123", 0, 0, 11,
   1},
  {"202/2025/QH15", "202/2025/QH15", "202/2025/qh15", "", "QH15", "202", 2025,
   0, 13, 0},
  {"1234/SXD-QLXD", "1234/SXD-QLXD", "1234/sxd-qlxd", "", "SXD-QLXD", "1234",
   0, 0, 13, 1},
  /* a numbered unit's code after the type: "Phòng Quản lý doanh nghiệp 1" */
  {"3257/TNI-QLDN1", "3257/TNI-QLDN1", "3257/tni-qldn1", "TNI", "QLDN1", "3257", 0, 0, 14, 0},
  {"5/QĐ-KV1.", "5/QĐ-KV1", "5/qd-kv1", "QĐ", "KV1", "5", 0, 0, 9, 0},
  /* a resolution numbered in parts; a central Party body's code */
  {"66.4/2025/NQ-CP", "66.4/2025/NQ-CP", "66.4/2025/nq-cp", "NQ", "CP", "66.4", 2025, 0, 15, 0},
  {"37-HD/BTGDVTW", "37-HD/BTGDVTW", "37-hd/btgdvtw", "HD", "BTGDVTW", "37", 0, 1, 13, 0},
  /* any case, D for Đ, as typed in a query */
  {"709/qd-ttg", "709/QĐ-TTg", "709/qd-ttg", "QĐ", "TTg", "709", 0, 0, 10, 0},
  {"69-kl/tw", "69-KL/TW", "69-kl/tw", "KL", "TW", "69", 0, 1, 8, 0},
  {"35/2021/nd-cp", "35/2021/NĐ-CP", "35/2021/nd-cp", "NĐ", "CP", "35", 2021, 0,
   13, 0},
  {"61-ctr/tu", "61-CTr/TU", "61-ctr/tu", "CTr", "TU", "61", 0, 1, 9, 1},
  {"12/2020/qđ-ubnd", "12/2020/QĐ-UBND", "12/2020/qd-ubnd", "QĐ", "UBND", "12",
   2020, 0, 16, 1},
  {"5/hdnd-vp", "5/HĐND-VP", "5/hdnd-vp", "", "HĐND-VP", "5", 0, 0, 9, 1},
  /* unknown codes: uppercased as written, D not turned into Đ */
  {"15/gm-ubnd", "15/GM-UBND", "15/gm-ubnd", "GM", "UBND", "15", 0, 0, 10, 1},
  {"7-XD/BTGTU", "7-XD/BTGTU", "7-xd/btgtu", "XD", "BTGTU", "7", 0, 1, 10, 1},
  {"(83-KH/TU)", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0},
};

/* Texts with no number anywhere in them. */
static const char *const azBad[] = {
  "ngày 30/5/2019",
  "giai đoạn 2021-2025",
  "tăng 0,5 - 1,0%",
  "TCVN ISO 9001:2015",
  "các tổ chức CT-XH",
  "a69-KL/TW",
  "Đ69-KL/TW",
  "69-KL/",
  "69-KL",
  "709/QĐ-",
  "709/QĐ",
  "1234567-KL/TW",
  "12345678901234567890123/QĐ-TTg",
  "69-KL/TWx1",
  "69-KL/TWngày",
  "69 - \n\n KL/TW",
  "69-          KL/TW",
  "100/năm",
  "24/7 phục vụ",
  "5-10/tuần",
  "3/KH",
  "1/2 số hộ",
  "30/5/2019/QĐ",
  "12/20/QĐ-TTg",
  "số 15/tháng-năm",
  "1-ha/năm",
  "9",
  "2/ UBND tỉnh chỉ đạo",
  "3257/TNI-QLDN123",
  "12/UBND1 ngày",
  "số 5/UBND ngày",
  "",
};

static void check_good(const good_case *pC) {
  const char *z = pC->zIn;
  int n = (int)strlen(z);
  int i = 0;
  while (i < n && !(z[i] >= '0' && z[i] <= '9')) i++;
  vp_docnum d;
  int bOk = vp_docnum_at(z, n, i, &d);
  CHECK(z, bOk);
  if (!bOk) return;
  if (pC->zKey == NULL) { /* only the span is checked */
    CHECK("inside parentheses", strcmp(d.zKey, "83-KH/TU") == 0 &&
                                    d.iStart == 1 && d.iEnd == 9);
    return;
  }
  CHECK(z, strcmp(d.zKey, pC->zKey) == 0);
  CHECK(z, strcmp(d.zToken, pC->zTok) == 0);
  CHECK(z, strcmp(d.zType, pC->zType) == 0);
  CHECK(z, strcmp(d.zIssuer, pC->zIssuer) == 0);
  CHECK(z, strcmp(d.zNumber, pC->zNumber) == 0);
  CHECK(z, d.nYear == pC->nYear);
  CHECK(z, d.bParty == pC->bParty);
  CHECK(z, d.iStart == i && d.iEnd - d.iStart == pC->nSpan);
  CHECK(z, vp_docnum_is_local(&d) == pC->bLocal);
  if (strcmp(d.zKey, pC->zKey) != 0) fprintf(stderr, "  got %s\n", d.zKey);
}

static void check_bad(const char *z) {
  vp_docnum d;
  CHECK(z, !vp_docnum_next(z, (int)strlen(z), 0, &d));
}

/* A number at the very end of a buffer that is not NUL-terminated, and a
** buffer cut inside a number. */
static void check_buffer_ends(void) {
  char a[] = {'s', 'o', ' ', '6', '9', '-', 'K', 'L', '/', 'T', 'W'};
  vp_docnum d;
  CHECK("number at end of buffer",
        vp_docnum_next(a, (int)sizeof(a), 0, &d) && d.iEnd == (int)sizeof(a) &&
            strcmp(d.zKey, "69-KL/TW") == 0);
  CHECK("buffer cut inside the issuer keeps what is there",
        vp_docnum_next(a, (int)sizeof(a) - 1, 0, &d) &&
            strcmp(d.zKey, "69-KL/T") == 0);
  CHECK("buffer cut after the slash", !vp_docnum_next(a, 9, 0, &d));
  const char *zDd = "709/QĐ-TTg";
  CHECK("buffer cut inside Đ", !vp_docnum_next(zDd, 6, 0, &d));
  CHECK("not at a digit", !vp_docnum_at("ab", 2, 0, &d));
  CHECK("index out of range", !vp_docnum_at("69-KL/TW", 8, 8, &d));
  CHECK("digit inside a run is not a start",
        !vp_docnum_at("169-KL/TW", 9, 1, &d));
}

/* Several numbers in one text, in order, with garbage between them. */
static void check_scan(void) {
  const char *z =
      "Căn cứ Nghị quyết số 20-NQ/TW ngày 01/11/2012, giai đoạn 2021-2025, "
      "Quyết định số 709/QĐ-TTg và Nghị định số 35/2021/NĐ-CP; 0,5 - 1,0%.";
  int n = (int)strlen(z);
  const char *azWant[] = {"20-NQ/TW", "709/QĐ-TTg", "35/2021/NĐ-CP"};
  vp_docnum d;
  int i = 0, k = 0;
  while (vp_docnum_next(z, n, i, &d)) {
    CHECK("scan order", k < 3 && strcmp(d.zKey, azWant[k]) == 0);
    CHECK("span is inside the text", d.iStart >= i && d.iEnd <= n);
    i = d.iEnd;
    k++;
  }
  CHECK("three numbers found", k == 3);
  CHECK("iFrom past the last number", !vp_docnum_next(z, n, i, &d));
}

int main(void) {
  for (int i = 0; i < VP_ARRAY_SIZE(aGood); i++) check_good(&aGood[i]);
  for (int i = 0; i < VP_ARRAY_SIZE(azBad); i++) check_bad(azBad[i]);
  check_buffer_ends();
  check_scan();
  return vp_test_done();
}
