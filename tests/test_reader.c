/*
** test_reader.c — unit tests of the document reader (vp_reader.h): the five
** seed plans in corpus/ (labels, section paths, parents, tables of the three
** shapes, recipients, signature, hard-wrap joining), the same plans converted
** to NFD + CRLF + BOM, markup blanking, refusals of bad files, and hostile
** inputs that must stay linear. Run from the repository root.
** Not for extraction (citations, agencies, tasks have their own tests).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_reader.h"
#include "vp_test.h"
#include "vp_test_reader.h"

#define MAXFILE (64u * 1024u * 1024u)

static const char *azSeed[] = {
    "corpus/000_601f249a7af0c82b.txt", "corpus/001_73d1dfeeaa6b8b5c.txt",
    "corpus/002_2c04bff435a40578.txt", "corpus/003_73f60b95696b55b5.txt",
    "corpus/004_a36b9e1c40dbc1da.txt"};

static vp_text *load(const char *zPath) {
  vp_text *p = NULL;
  char *zErr = NULL;
  int rc = vp_reader_load(zPath, MAXFILE, &p, &zErr);
  if (rc != VP_OK) fprintf(stderr, "load %s: %d %s\n", zPath, rc, zErr ? zErr : "");
  free(zErr);
  return p;
}

static int find_label(const vp_text *p, vp_pkind eKind, const char *zLabel) {
  for (int i = 0; p && i < p->nPassage; i++)
    if (p->aPassage[i].eKind == eKind && strcmp(p->aPassage[i].zLabel, zLabel) == 0)
      return i;
  return -1;
}

static int count_kind(const vp_text *p, vp_pkind eKind) {
  int n = 0;
  for (int i = 0; p && i < p->nPassage; i++) n += p->aPassage[i].eKind == eKind;
  return n;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int bVerbose = 0; /* say which invariant broke */
#define BAD(zWhy)                                                   \
  do {                                                              \
    nBad++;                                                         \
    if (bVerbose) fprintf(stderr, "  passage %d: %s\n", i, (zWhy)); \
  } while (0)

/* Does text byte k stand in a word the reader closed over bold marks
** ("ng**ày" read "ngày  "): the file's bytes from the word's start to past
** its padding hold a '*'? */
static int in_closed_word(const char *zRaw, const char *zText, int n, int k) {
  int s = k, e = k;
  while (s > 0 && !is_space(zText[s - 1])) s--;
  while (e < n && !is_space(zText[e])) e++;
  while (e < n && is_space(zText[e]) && zRaw[e] == '*') e++; /* its padding */
  for (int j = s; j < e; j++)
    if (zRaw[j] == '*') return 1;
  return 0;
}

/* Invariants every parse must keep; returns the number of violations. */
static int check_invariants(const vp_text *p) {
  int nBad = 0, iLine = 1, iOff = 0;
  for (int i = 0; i < p->nPassage; i++) {
    const vp_passage *pP = &p->aPassage[i];
    int n = pP->iEnd - pP->iStart;
    if (pP->iStart < 0 || n <= 0 || (size_t)pP->iEnd > p->nBuf) {
      BAD("span");
      continue;
    }
    if ((int)strlen(pP->zText) != n) BAD("text length");
    if (is_space(pP->zText[0]) || is_space(pP->zText[n - 1])) BAD("not trimmed");
    for (int k = 0; k < n; k++) {
      char c = pP->zText[k], cRaw = p->zBuf[pP->iStart + k];
      if (c != cRaw && c != ' ' && cRaw != '&' && !in_closed_word(p->zBuf + pP->iStart, pP->zText, n, k)) {
        BAD("text differs from the file");
        break;
      }
    }
    /* passages come in file order, so lines can be counted incrementally */
    if (pP->iStart < iOff) {
      iLine = 1;
      iOff = 0;
    }
    for (; iOff < pP->iStart; iOff++) iLine += p->zBuf[iOff] == '\n';
    if (pP->iLine != iLine) BAD("line number");
    if (pP->iParent >= i || pP->iParent < -1) BAD("parent");
    if (pP->zSection == NULL) BAD("section");
    if (pP->eKind == VP_P_ROW || pP->eKind == VP_P_TABLE_HEAD) {
      if (pP->nCell <= 0 || pP->azCell == NULL) BAD("no cells");
      for (int c = 0; c < pP->nCell; c++)
        if (pP->azCell[c] == NULL) BAD("NULL cell");
    } else if (pP->nCell != 0 || pP->azCell != NULL) {
      BAD("cells outside a table");
    }
    if (pP->eKind == VP_P_ROW && pP->iTable >= 0 &&
        p->aPassage[pP->iTable].eKind != VP_P_TABLE_HEAD)
      BAD("iTable");
  }
  return nBad;
}

static void test_seeds_invariants(void) {
  for (int k = 0; k < VP_ARRAY_SIZE(azSeed); k++) {
    vp_text *p = load(azSeed[k]);
    CHECK(azSeed[k], p != NULL);
    if (p == NULL) continue;
    CHECK("a seed has many passages", p->nPassage >= 50);
    int nBad = check_invariants(p);
    if (nBad) {
      fprintf(stderr, "%s: %d invariant violations\n", azSeed[k], nBad);
      bVerbose = 1;
      check_invariants(p);
      bVerbose = 0;
    }
    CHECK("passage invariants on a seed", nBad == 0);
    CHECK("a seed has a recipient list", count_kind(p, VP_P_RECIPIENT) >= 3);
    vp_reader_free(p);
  }
}

static void test_seed_000(void) {
  vp_text *p = load(azSeed[0]);
  if (p == NULL) {
    CHECK("000 loads", 0);
    return;
  }
  int i = find(p, "b) Sở Khoa học và Công nghệ chủ trì phối hợp");
  CHECK("000 b) found", i >= 0);
  if (i >= 0) {
    CHECK("000 b) section", strcmp(p->aPassage[i].zSection, "II.1.b") == 0);
    CHECK("000 b) label", strcmp(p->aPassage[i].zLabel, "b") == 0);
    CHECK("000 bullet after b) hangs under it",
          i + 1 < p->nPassage && p->aPassage[i + 1].iParent == i &&
              strcmp(p->aPassage[i + 1].zLabel, "-") == 0);
    int iHead = p->aPassage[i].iParent;
    CHECK("000 b) under 1.", iHead >= 0 && strcmp(p->aPassage[iHead].zSection, "II.1") == 0);
  }
  int iTitle = find(p, "KẾ HOẠCH");
  CHECK("000 title is a heading", iTitle == 0 && p->aPassage[0].eKind == VP_P_HEADING);
  int iRoman = find(p, "III. TỔ CHỨC THỰC HIỆN");
  CHECK("000 roman III", iRoman >= 0 && strcmp(p->aPassage[iRoman].zLabel, "III") == 0 &&
                             p->aPassage[iRoman].eKind == VP_P_HEADING &&
                             p->aPassage[iRoman].iLevel == 1);
  int iLead = find(p, "a) Các Sở, ngành, địa phương trong phạm vi quản lý được giao, có trách nhiệm:");
  CHECK("000 a) ending with ':' is a lead-in", iLead >= 0 && p->aPassage[iLead].bLeadIn);
  int iClose = find(p, "Trên đây là Kế hoạch");
  CHECK("000 closing sentence is its own passage",
        iClose >= 0 && p->aPassage[iClose].eKind == VP_P_TEXT &&
            strncmp(p->aPassage[iClose].zText, "Trên đây", 9) == 0);
  int iRec = find(p, "UBKT TU, Ban Dân vận TU;");
  CHECK("000 list after './.' is recipients",
        iRec >= 0 && p->aPassage[iRec].eKind == VP_P_RECIPIENT &&
            p->aPassage[p->nPassage - 1].eKind == VP_P_RECIPIENT);
  CHECK("000 no signature", count_kind(p, VP_P_SIGNATURE) == 0);
  vp_reader_free(p);
}

static void test_seed_001(void) {
  vp_text *p = load(azSeed[1]);
  if (p == NULL) {
    CHECK("001 loads", 0);
    return;
  }
  int nRow5 = 0, iHead = -1;
  for (int i = 0; i < p->nPassage; i++) {
    if (p->aPassage[i].eKind == VP_P_TABLE_HEAD) iHead = i;
    if (p->aPassage[i].eKind == VP_P_ROW && p->aPassage[i].nCell == 5 &&
        p->aPassage[i].iTable == iHead)
      nRow5++;
  }
  CHECK("001 one-cell-per-line table: 16 rows of 5 cells",
        count_kind(p, VP_P_ROW) == 16 && nRow5 == 16);
  CHECK("001 header of 5 columns",
        iHead >= 0 && p->aPassage[iHead].nCell == 5 &&
            strcmp(p->aPassage[iHead].azCell[0], "Số TT") == 0 &&
            strcmp(p->aPassage[iHead].azCell[2], "Cơ quan chủ trì") == 0);
  int i13 = find_label(p, VP_P_ROW, "13");
  CHECK("001 row 13", i13 >= 0 && p->aPassage[i13].nCell == 5);
  if (i13 >= 0 && p->aPassage[i13].nCell == 5) {
    CHECK("001 row 13 cooperating column keeps the comma name",
          strstr(p->aPassage[i13].azCell[3], "Sở Lao động, Thương binh và Xã hội") != NULL);
    CHECK("001 row 13 lead", strcmp(p->aPassage[i13].azCell[2], "Sở Khoa học và Công nghệ") == 0);
    CHECK("001 row 13 section", strcmp(p->aPassage[i13].zSection, "PL.13") == 0);
    CHECK("001 row 13 spans 5 lines", p->aPassage[i13].iLine == 182);
  }
  int iNo = find(p, "Số: 222/KH-UBND");
  CHECK("001 header line alone", iNo == 0 && strcmp(p->aPassage[0].zText, "Số: 222/KH-UBND") == 0);
  CHECK("001 date line alone", p->nPassage > 2 &&
                                   strcmp(p->aPassage[1].zText, "Tuyên Quang, ngày 18 tháng 12 năm 2024") == 0);
  CHECK("001 KẾ HOẠCH heading", p->nPassage > 2 && p->aPassage[2].eKind == VP_P_HEADING &&
                                    strcmp(p->aPassage[2].zText, "KẾ HOẠCH") == 0);
  int iTm = find(p, "TM. ỦY BAN NHÂN DÂN");
  int iName = find(p, "Hoàng Việt Phương");
  CHECK("001 signature block", iTm >= 0 && iName == iTm + 3 &&
                                   p->aPassage[iTm].eKind == VP_P_SIGNATURE &&
                                   p->aPassage[iName].eKind == VP_P_SIGNATURE);
  int iRec = find(p, "Nơi nhận:");
  CHECK("001 Nơi nhận", iRec >= 0 && p->aPassage[iRec].eKind == VP_P_RECIPIENT &&
                           p->aPassage[iRec + 1].eKind == VP_P_RECIPIENT &&
                           p->aPassage[iRec + 1].iParent == iRec);
  int iSo = find(p, "3. Sở Tài chính");
  CHECK("001 V.3 heading", iSo >= 0 && strcmp(p->aPassage[iSo].zSection, "V.3") == 0 &&
                             p->aPassage[iSo].eKind == VP_P_HEADING &&
                             p->aPassage[iSo + 1].iParent == iSo);
  int iBieu = find(p, "BIỂU NHIỆM VỤ CHỦ YẾU");
  CHECK("001 appendix title is a heading, not a signer",
        iBieu >= 0 && p->aPassage[iBieu].eKind == VP_P_HEADING);
  vp_reader_free(p);
}

static void test_seed_002(void) {
  vp_text *p = load(azSeed[2]);
  if (p == NULL) {
    CHECK("002 loads", 0);
    return;
  }
  int nRow = 0, nRow5 = 0;
  for (int i = 0; i < p->nPassage; i++) {
    if (p->aPassage[i].eKind != VP_P_ROW) continue;
    nRow++;
    nRow5 += p->aPassage[i].nCell == 5;
  }
  CHECK("002 TSV rows have 5 cells", nRow >= 30 && nRow5 == nRow);
  int iHead = -1;
  for (int i = 0; i < p->nPassage && iHead < 0; i++)
    if (p->aPassage[i].eKind == VP_P_TABLE_HEAD) iHead = i;
  CHECK("002 TSV header", iHead >= 0 && p->aPassage[iHead].nCell == 5 &&
                             strcmp(p->aPassage[iHead].azCell[1], "Nội dung") == 0);
  int i21 = find_label(p, VP_P_ROW, "2.1");
  CHECK("002 row 2.1", i21 >= 0 && p->aPassage[i21].nCell == 5);
  if (i21 >= 0 && p->aPassage[i21].nCell == 5) {
    CHECK("002 row 2.1 lead", strncmp(p->aPassage[i21].azCell[2], "Sở Thông tin và Truyền thông",
                                      strlen("Sở Thông tin và Truyền thông")) == 0);
    CHECK("002 row 2.1 section", strcmp(p->aPassage[i21].zSection, "PL.2.1") == 0);
    CHECK("002 row 2.1 under the in-table heading 2.",
          p->aPassage[i21].iParent >= 0 &&
              p->aPassage[p->aPassage[i21].iParent].eKind == VP_P_HEADING &&
              strcmp(p->aPassage[p->aPassage[i21].iParent].zLabel, "2") == 0);
    CHECK("002 row 2.1 table", p->aPassage[i21].iTable == iHead);
  }
  int iH2 = find(p, "2. Tăng cường sự lãnh đạo của Đảng đối với phát triển khoa học, công nghệ và đổi mới sáng tạo");
  int iH2t = -1;
  for (int i = iH2 + 1; i >= 1 && i < p->nPassage; i++)
    if (strstr(p->aPassage[i].zText, "2. Tăng cường sự lãnh đạo của Đảng")) iH2t = i;
  CHECK("002 table heading row", iH2t > 0 && p->aPassage[iH2t].eKind == VP_P_HEADING &&
                                     strcmp(p->aPassage[iH2t].zSection, "PL.2") == 0);
  int i37 = find_label(p, VP_P_ROW, "3.7");
  CHECK("002 row 3.7 continuation merged",
        i37 >= 0 && p->aPassage[i37].nCell == 5 &&
            strstr(p->aPassage[i37].azCell[1], "đổi mới sáng tạo theo các quy định") != NULL &&
            strstr(p->aPassage[i37].zText, "điều kiện tình hình thực tiễn") != NULL &&
            strstr(p->aPassage[i37].zText, "<p>") == NULL);
  int i38 = find_label(p, VP_P_ROW, "3.8");
  CHECK("002 row 3.8 follows 3.7", i38 == i37 + 1);
  int i71 = find_label(p, VP_P_ROW, "7.1");
  CHECK("002 row 7.1 continuation merged",
        i71 >= 0 && p->aPassage[i71].nCell == 5 &&
            strstr(p->aPassage[i71].azCell[1], "với hợp tác quốc tế về kinh tế") != NULL);
  int iBan = find(p, "của Ban");
  iBan = find(p, "Bí thư Trung ương Đảng (khóa XII)");
  CHECK("002 page-break wrap joined", iBan >= 0 &&
                                         strstr(p->aPassage[iBan].zText, "Chương trình hành động số 14-NQ/TU") &&
                                         strcmp(p->aPassage[iBan].zLabel, "1") == 0);
  int iMd = find(p, "2. Tăng cường sự lãnh đạo của Đảng đối với phát triển khoa học");
  CHECK("002 markdown heading with bold label",
        iMd >= 0 && p->aPassage[iMd].eKind == VP_P_HEADING &&
            strcmp(p->aPassage[iMd].zSection, "II.2") == 0 &&
            strncmp(p->aPassage[iMd].zText, "2. Tăng", 7) == 0);
  int iLead = find(p, "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố:");
  CHECK("002 italic lead-in", iLead >= 0 && p->aPassage[iLead].bLeadIn &&
                                 p->aPassage[iLead + 1].iParent == iLead &&
                                 p->aPassage[iLead].iParent == iMd);
  int i31 = find(p, "3.1. Các sở, ban, ngành");
  CHECK("002 3.1 under 3", i31 >= 0 && strcmp(p->aPassage[i31].zSection, "II.3.1") == 0 &&
                             strcmp(p->aPassage[i31].zLabel, "3.1") == 0 &&
                             p->aPassage[i31].bLeadIn);
  int i43 = find(p, "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh chủ trì");
  CHECK("002 4.3 with italic after the label",
        i43 >= 0 && strcmp(p->aPassage[i43].zLabel, "4.3") == 0 &&
            strcmp(p->aPassage[i43].zSection, "II.4.3") == 0);
  int iDe = find(p, "Đề nghị Ủy ban Mặt trận");
  CHECK("002 bold label 2.", iDe >= 0 && strcmp(p->aPassage[iDe].zSection, "III.2") == 0 &&
                             p->aPassage[iDe].eKind == VP_P_ITEM);
  int iPlus = find(p, "+ Chỉ thị số 25/CT-TTg");
  CHECK("002 '+' under '-' lead-in", iPlus > 0 && p->aPassage[iPlus].iParent == iPlus - 1 &&
                                        p->aPassage[iPlus - 1].bLeadIn &&
                                        strstr(p->aPassage[iPlus].zText, "khoa học và công nghệ quốc gia đến năm 2030"));
  int iRec = find(p, "Nơi nhận:");
  CHECK("002 Nơi nhận in markup", iRec >= 0 && p->aPassage[iRec].eKind == VP_P_RECIPIENT &&
                                     strcmp(p->aPassage[iRec].zText, "Nơi nhận:") == 0);
  int iSig = find(p, "KT. CHỦ TỊCH");
  int iName = find(p, "Nguyễn Minh");
  CHECK("002 signature", iSig >= 0 && p->aPassage[iSig].eKind == VP_P_SIGNATURE &&
                            iName >= 0 && p->aPassage[iName].eKind == VP_P_SIGNATURE);
  int iPl = find(p, "PHỤ LỤC");
  CHECK("002 PHỤ LỤC heading", iPl >= 0 && p->aPassage[iPl].eKind == VP_P_HEADING);
  vp_reader_free(p);
}

static void test_seed_003_004(void) {
  vp_text *p = load(azSeed[3]);
  if (p) {
    int i = find(p, "lập quy hoạch, xây dựng chiến");
    CHECK("003 wrap across a blank line", i >= 0 && strstr(p->aPassage[i].zText, "lược, kế hoạch phát triển"));
    int j = find(p, "trong phát triển");
    CHECK("003 wrap across blank lines", j >= 0 && strstr(p->aPassage[j].zText, "36-CTr/TU"));
    int iRec = find(p, "Nơi nhận:");
    CHECK("003 *Nơi nhận:*", iRec >= 0 && p->aPassage[iRec].eKind == VP_P_RECIPIENT);
    int iSig = find(p, "Đỗ Thanh Bình");
    CHECK("003 signer", iSig >= 0 && p->aPassage[iSig].eKind == VP_P_SIGNATURE);
    int iSo = find(p, "1. Sở Khoa học và Công nghệ:");
    CHECK("003 ### **1. …:** heading", iSo >= 0 && p->aPassage[iSo].eKind == VP_P_HEADING &&
                                         strcmp(p->aPassage[iSo].zSection, "III.1") == 0 &&
                                         p->aPassage[iSo + 1].iParent == iSo);
    vp_reader_free(p);
  } else {
    CHECK("003 loads", 0);
  }
  p = load(azSeed[4]);
  if (p) {
    int i = find(p, "Sở Khoa học và Công nghệ:");
    CHECK("004 lead-in line", i >= 0 && p->aPassage[i].bLeadIn && p->aPassage[i].eKind == VP_P_TEXT &&
                                 p->aPassage[i + 1].iParent == i &&
                                 strcmp(p->aPassage[i + 1].zSection, "II.3") == 0);
    int iD = find(p, "đ) Các tổ chức khoa học");
    CHECK("004 đ) label", iD >= 0 && strcmp(p->aPassage[iD].zLabel, "đ") == 0 &&
                             strcmp(p->aPassage[iD].zSection, "II.2.đ") == 0);
    int iVp = find(p, "VPUB: LĐ, KTTH;");
    CHECK("004 upper-case recipient", iVp >= 0 && p->aPassage[iVp].eKind == VP_P_RECIPIENT);
    CHECK("004 signature count", count_kind(p, VP_P_SIGNATURE) == 4);
    vp_reader_free(p);
  } else {
    CHECK("004 loads", 0);
  }
}

/* The seed in NFD with CRLF line ends and a BOM. Caller frees. */
static char *nfd_crlf_bom(const char *z, size_t n, size_t *pn) {
  utf8proc_uint8_t *zNfd = NULL;
  utf8proc_ssize_t nNfd = utf8proc_map((const utf8proc_uint8_t *)z, (utf8proc_ssize_t)n,
                                       &zNfd, UTF8PROC_DECOMPOSE | UTF8PROC_STABLE);
  if (nNfd < 0) return NULL;
  char *zOut = malloc(3 + 2 * (size_t)nNfd + 1);
  size_t m = 0;
  if (zOut) {
    memcpy(zOut, "\xEF\xBB\xBF", 3);
    m = 3;
    for (utf8proc_ssize_t i = 0; i < nNfd; i++) {
      if (zNfd[i] == '\n') zOut[m++] = '\r';
      zOut[m++] = (char)zNfd[i];
    }
    zOut[m] = 0;
  }
  free(zNfd);
  *pn = m;
  return zOut;
}

static void test_nfd_crlf_bom(void) {
  for (int k = 0; k < VP_ARRAY_SIZE(azSeed); k++) {
    vp_text *pA = load(azSeed[k]);
    if (pA == NULL) {
      CHECK("seed loads", 0);
      continue;
    }
    size_t n = 0;
    char *z = nfd_crlf_bom(pA->zBuf, pA->nBuf, &n);
    vp_text *pB = NULL;
    char *zErr = NULL;
    int rc = z ? vp_reader_parse(z, n, &pB, &zErr) : VP_ENOMEM;
    free(zErr);
    CHECK("NFD+CRLF+BOM parses", rc == VP_OK && pB != NULL);
    if (pB) {
      int bSame = pA->nPassage == pB->nPassage;
      for (int i = 0; bSame && i < pA->nPassage; i++) {
        const vp_passage *a = &pA->aPassage[i], *b = &pB->aPassage[i];
        if (a->iLine != b->iLine || a->eKind != b->eKind || a->iParent != b->iParent ||
            a->nCell != b->nCell || strcmp(a->zSection, b->zSection) != 0 ||
            strcmp(a->zLabel, b->zLabel) != 0) {
          fprintf(stderr, "%s: passage %d differs in NFD+CRLF+BOM (line %d/%d)\n",
                  azSeed[k], i, a->iLine, b->iLine);
          bSame = 0;
        }
      }
      if (pA->nPassage != pB->nPassage)
        fprintf(stderr, "%s: %d passages, %d in NFD+CRLF+BOM\n", azSeed[k], pA->nPassage,
                pB->nPassage);
      CHECK("NFD+CRLF+BOM gives the same passages", bSame);
      CHECK("BOM is not in the first passage",
            pB->nPassage > 0 && pB->aPassage[0].iStart >= 3 &&
                (unsigned char)pB->aPassage[0].zText[0] != 0xEF);
      CHECK("NFD+CRLF+BOM invariants", check_invariants(pB) == 0);
      vp_reader_free(pB);
    }
    free(z);
    vp_reader_free(pA);
  }
}

static int write_file(const char *zPath, const char *z, size_t n) {
  FILE *f = fopen(zPath, "wb");
  if (f == NULL) return 1;
  size_t m = fwrite(z, 1, n, f);
  fclose(f);
  return m != n;
}

/* Load bytes through a temp file; returns rc, *pzErr kept for the caller. */
static int load_bytes(const char *z, size_t n, size_t nMax, char **pzErr) {
  const char *zPath = "tests/tmp/reader_input.txt";
  vp_text *p = (vp_text *)1;
  *pzErr = NULL;
  if (write_file(zPath, z, n)) return -1;
  int rc = vp_reader_load(zPath, nMax, &p, pzErr);
  if (rc != VP_OK && p != NULL) rc = -2; /* *ppOut must be NULL on error */
  vp_reader_free(rc == VP_OK ? p : NULL);
  remove(zPath);
  return rc;
}

static void test_refusals(void) {
  static const struct {
    const char *zDesc;
    const char *z;
    size_t n;
    const char *zWhy;
  } aCase[] = {
      {"empty file", "", 0, "empty"},
      {"BOM only", "\xEF\xBB\xBF", 3, "empty"},
      {"NUL byte", "abc\0def", 7, "NUL"},
      {"bad byte", "Sở X\xFF abc", 9, "offset 6"},
      {"overlong", "ab\xC0\x80", 4, "offset 2"},
      {"overlong 3-byte", "ab\xE0\x80\x80", 5, "offset 2"},
      {"surrogate", "ab\xED\xA0\x80", 5, "offset 2"},
      {"above U+10FFFF", "ab\xF4\x90\x80\x80", 6, "offset 2"},
      {"truncated", "abc\xE1\xBB", 5, "offset 3"},
      {"stray continuation", "\x80", 1, "offset 0"},
  };
  int rc = VP_OK;
  char *zErr = NULL;
  for (int k = 0; k < VP_ARRAY_SIZE(aCase); k++) {
    rc = load_bytes(aCase[k].z, aCase[k].n, MAXFILE, &zErr);
    CHECK(aCase[k].zDesc, rc == VP_EINPUT && zErr && strstr(zErr, aCase[k].zWhy));
    if (rc != VP_EINPUT || !zErr || !strstr(zErr, aCase[k].zWhy))
      fprintf(stderr, "  %s: rc=%d err=%s\n", aCase[k].zDesc, rc, zErr ? zErr : "(none)");
    free(zErr);
  }
  rc = load_bytes("Kế hoạch số 1.\n", 17, 10, &zErr);
  CHECK("over nMax refused", rc == VP_EINPUT && zErr != NULL);
  free(zErr);
  rc = load_bytes("Kế hoạch \xF0\x9F\x98\x80 số 1.\n", 22, MAXFILE, &zErr);
  CHECK("4-byte UTF-8 accepted", rc == VP_OK);
  free(zErr);
  vp_text *p = (vp_text *)1;
  zErr = NULL;
  rc = vp_reader_load("tests/tmp/no/such/file.txt", MAXFILE, &p, &zErr);
  CHECK("missing file is VP_EIO", rc == VP_EIO && p == NULL && zErr != NULL);
  free(zErr);
  vp_reader_free(NULL);
}

static void test_markup(void) {
  vp_text *p = parse("## **2. Tăng cường**\n");
  CHECK("md heading with bold label", p && p->nPassage == 1 && p->aPassage[0].eKind == VP_P_HEADING &&
                                          strcmp(p->aPassage[0].zText, "2. Tăng cường") == 0 &&
                                          p->aPassage[0].iStart == 5 &&
                                          strcmp(p->aPassage[0].zSection, "2") == 0);
  vp_reader_free(p);
  p = parse("Tính 3*4 = 12, **đậm** và *nghiêng*, x_y_z, __gạch__.\n");
  CHECK("emphasis blanked, arithmetic kept",
        p && p->nPassage == 1 &&
            strcmp(p->aPassage[0].zText, "Tính 3*4 = 12,   đậm   và  nghiêng , x_y_z,   gạch  .") == 0);
  vp_reader_free(p);
  /* a converter's bold marks inside a word: the word whole, its spaces
  ** after it, every offset past it kept */
  p = parse("Hà Nội, ng**ày 01 tháng 1**1** năm 2025, n**ă**m C****ỤC THUẾ, 3*4 và a**b.\n");
  CHECK("bold marks inside words closed up",
        p && p->nPassage == 1 &&
            strcmp(p->aPassage[0].zText,
                   "Hà Nội, ngày   01 tháng 11     năm 2025, năm     CỤC     THUẾ, 3*4 và ab  .") == 0);
  CHECK("same length as the source", p && p->aPassage[0].iEnd - p->aPassage[0].iStart ==
                                              (int)strlen("Hà Nội, ng**ày 01 tháng 1**1** năm 2025, n**ă**m C****ỤC THUẾ, 3*4 và a**b."));
  vp_reader_free(p);
  p = parse("A &amp; B&nbsp;C <b>x</b><br> a < b &bogus; <sup>1</sup>\n");
  CHECK("entities and tags",
        p && p->nPassage == 1 &&
            strcmp(p->aPassage[0].zText, "A &     B      C    x         a < b &bogus;      1") == 0);
  vp_reader_free(p);
  p = parse("| STT | Nội dung | Cơ quan chủ trì |\n|---|:---:|---|\n| 1 | Việc **A** | Sở X |\n| 2 | Việc B | Sở Y, Sở Z |\n\nSau bảng.\n");
  CHECK("pipe table", p && p->nPassage == 4 && p->aPassage[0].eKind == VP_P_TABLE_HEAD &&
                          p->aPassage[1].eKind == VP_P_ROW && p->aPassage[1].nCell == 3 &&
                          strcmp(p->aPassage[1].azCell[1], "Việc A") == 0 &&
                          strcmp(p->aPassage[2].azCell[2], "Sở Y, Sở Z") == 0 &&
                          p->aPassage[2].iTable == 0 && p->aPassage[3].eKind == VP_P_TEXT &&
                          strchr(p->aPassage[1].zText, '|') == NULL);
  vp_reader_free(p);
  p = parse("Trước bảng.\n<table><tr><th>STT</th><th>Nội dung</th></tr>\n<tr><td>1</td><td>Việc <b>A</b></td></tr><tr><td>2</td><td>Việc\nB</td></tr></table>\nSau bảng.\n");
  CHECK("html table", p && p->nPassage == 5 && p->aPassage[1].eKind == VP_P_TABLE_HEAD &&
                          p->aPassage[1].nCell == 2 && p->aPassage[2].eKind == VP_P_ROW &&
                          strcmp(p->aPassage[2].azCell[1], "Việc A") == 0 &&
                          p->aPassage[3].iLine == 3 && strcmp(p->aPassage[3].azCell[1], "Việc B") == 0 &&
                          p->aPassage[3].iTable == 1 && p->aPassage[4].iLine == 5);
  if (p && check_invariants(p)) CHECK("html table invariants", 0);
  vp_reader_free(p);
  p = parse("Chỉ thị số 25 về việc.\n\nC. Nguyễn và D. Trần.\n\nV. TỔ CHỨC THỰC HIỆN\n\nVí dụ.\n");
  CHECK("roman numerals vs words", p && p->nPassage == 4 && p->aPassage[0].zLabel[0] == 0 &&
                                       p->aPassage[1].zLabel[0] == 0 &&
                                       strcmp(p->aPassage[2].zLabel, "V") == 0 &&
                                       p->aPassage[3].zLabel[0] == 0);
  vp_reader_free(p);
  p = parse("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 12/KH-UBND\nX, ngày 1 tháng 2 năm 2024\nKẾ HOẠCH\nVề việc Y\n");
  CHECK("header block lines stand alone", p && p->nPassage == 6);
  vp_reader_free(p);
  p = parse("1. Nhiệm vụ\nSở Khoa học và Công nghệ:\n- Việc một;\n- Việc hai.\nVăn bản khác.\n");
  CHECK("lead-in and bullets", p && p->nPassage == 5 && p->aPassage[1].bLeadIn &&
                                   p->aPassage[2].iParent == 1 && p->aPassage[3].iParent == 1 &&
                                   p->aPassage[4].iParent == 0 && p->aPassage[1].iParent == 0);
  vp_reader_free(p);
  p = parse("1. Sở A chủ trì, phối hợp với Sở B và các cơ quan có liên quan triển khai\nthực hiện nhiệm vụ.\n2. Sở C phối hợp với Ủy ban nhân dân các huyện, thị xã và\nSở Nội vụ thực hiện.\n");
  CHECK("hard-wrapped lines joined", p && p->nPassage == 2 &&
                                         strstr(p->aPassage[0].zText, "\nthực hiện") &&
                                         strstr(p->aPassage[1].zText, "\nSở Nội vụ"));
  vp_reader_free(p);
  /* a body's name goes on to its place on the next line: "… Ủy ban nhân dân" / "Thành phố …" */
  p = parse("- Hướng dẫn, theo dõi tiến độ.\n- Tham mưu Ủy ban nhân dân\nThành phố đánh giá, xem xét trách nhiệm.\n");
  CHECK("a line ending in 'Ủy ban nhân dân' goes on",
        p && p->nPassage == 2 && strstr(p->aPassage[1].zText, "\nThành phố đánh giá"));
  vp_reader_free(p);
  /* a province's name cut by the wrap: "… Gia" / "Lai và Lâm Đồng …" */
  p = parse("(3) Tổng kinh phí cần thiết hỗ trợ Nhân dân.\nỦy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia\nLai và Lâm "
            "Đồng khẩn trương gửi Báo cáo.\n");
  CHECK("a line ending inside a province's name goes on",
        p && p->nPassage == 2 && strstr(p->aPassage[1].zText, "Gia\nLai và Lâm Đồng"));
  vp_reader_free(p);
  p = parse("1. Cục Đăng kiểm Việt Nam có trách nhiệm:\na) Tổ chức triển khai thực hiện\nThông tư này.\nb) Tiếp nhận văn bản kê khai giá.\n");
  CHECK("the document named as itself goes on with the line above",
        p && p->nPassage == 3 && strstr(p->aPassage[1].zText, "thực hiện\nThông tư này."));
  vp_reader_free(p);
  p = parse("**7. Cục Hợp tác quốc tế**\nKhẩn trương hoàn thành thực thi phương án đã được phê duyệt, đảm bảo\n"
            "**hoàn thành nhiệm vụ trước ngày 15/12/2025.**\n**8. Các đơn vị**\n");
  CHECK("a sentence that goes on in bold goes on",
        p && p->nPassage == 3 && strstr(p->aPassage[1].zText, "đảm bảo\n") &&
            strstr(p->aPassage[1].zText, "hoàn thành nhiệm vụ trước ngày 15/12/2025."));
  vp_reader_free(p);
  p = parse("**a****b**\"Danh sách\". Truy cập ngày 1 tháng 4 năm 2009.\n**a****b**\"Danh mục\". Truy cập ngày 2.\n");
  CHECK("bold letters of an article's back links are no sentence going on", p && p->nPassage == 2);
  vp_reader_free(p);
  p = parse("1. Phạm vi điều chỉnh\nQuyết định này quy định việc phân cấp cho Sở Công Thương.\n");
  CHECK("a heading and its text opening with the document's name stay apart", p && p->nPassage == 2);
  vp_reader_free(p);
  p = parse("**NGHỊ ĐỊNH**Quy định về chính sách hỗ trợ\n");
  CHECK("bold marks between a word in capitals and a capitalised word are a word break",
        p && p->nPassage == 1 && strncmp(p->aPassage[0].zText, "NGHỊ ĐỊNH  Quy định", strlen("NGHỊ ĐỊNH  Quy định")) == 0);
  vp_reader_free(p);
  p = parse("**Điều ****1****.** Cho phép thành lập Hội.\n\n**Điều 26****. Trách nhiệm của Cục**\n\n1. Hướng dẫn.\n");
  CHECK("an article's number with a converter's bold marks inside it is its label",
        p && p->nPassage == 3 && strcmp(p->aPassage[0].zLabel, "Điều 1") == 0 &&
            strcmp(p->aPassage[1].zLabel, "Điều 26") == 0 && p->aPassage[2].iParent == 1);
  vp_reader_free(p);
  p = parse("Ngày truyền thống của Công an nhân dân\nNgày 19 tháng 8 hằng năm là ngày truyền thống.\n");
  CHECK("a title ending in 'Công an nhân dân' stands alone", p && p->nPassage == 2);
  vp_reader_free(p);
  p = parse("1. Sở A chủ trì, phối hợp với Sở B và các cơ quan liên quan triển khai của Ban\n\n- 12 -\n\nBí thư Trung ương.\n\n13\n\nVăn bản.\n");
  CHECK("page numbers blanked, sentence joined across them",
        p && p->nPassage == 2 && strstr(p->aPassage[0].zText, "Bí thư") &&
            strstr(p->aPassage[0].zText, "12") == NULL && strcmp(p->aPassage[1].zText, "Văn bản.") == 0);
  vp_reader_free(p);
  p = parse("- Tham mưu Hội đồng\n\n---\n\ndùng và phát huy vai trò.\n\n<sup>2</sup> Trong đó, có.\n");
  CHECK("footnote tail after a page break is not joined to the body",
        p && p->nPassage == 3 && strcmp(p->aPassage[0].zText, "- Tham mưu Hội đồng") == 0);
  vp_reader_free(p);
  p = parse("Nơi nhận:                                  TM. ỦY BAN NHÂN DÂN\n- Như trên;          KT. CHỦ TỊCH\n- Lưu: VT.\n");
  CHECK("two-column recipient block", p && p->nPassage == 3 &&
                                          count_kind(p, VP_P_RECIPIENT) == 3);
  vp_reader_free(p);
  p = parse("BIỂU\n\nSTT\n\nNội dung\n\nCơ quan chủ trì\n\nThời gian\n\n1\n\nViệc A\n\nSở X\n\nHằng năm\n\n2\n\nViệc B\n\nSở Y\n\n3\n\nViệc C\n\nSở Z\n\n2025\n\nVăn bản sau bảng.\n");
  CHECK("one cell per line with blank lines between cells",
        p && p->nPassage == 6 && p->aPassage[1].eKind == VP_P_TABLE_HEAD && p->aPassage[1].nCell == 4 &&
            p->aPassage[2].nCell == 4 && strcmp(p->aPassage[2].azCell[3], "Hằng năm") == 0 &&
            p->aPassage[3].nCell == 3 && strcmp(p->aPassage[3].zSection, "PL.2") == 0 &&
            strcmp(p->aPassage[4].azCell[3], "2025") == 0 && p->aPassage[5].eKind == VP_P_TEXT);
  vp_reader_free(p);
  p = parse("STT | Nội dung | Cơ quan chủ trì\n--- | --- | ---\n1 | Việc A | Sở X\n2 | Việc B | Sở Y\n\nHết | bảng.\n");
  CHECK("pipe table without outer pipes",
        p && p->nPassage == 4 && p->aPassage[0].eKind == VP_P_TABLE_HEAD && p->aPassage[0].nCell == 3 &&
            strcmp(p->aPassage[2].azCell[2], "Sở Y") == 0 && p->aPassage[3].eKind == VP_P_TEXT &&
            strchr(p->aPassage[3].zText, '|') != NULL);
  vp_reader_free(p);
  p = parse("I. A\n1. B\n1.1. C\n1.1.1. D\na) E\n- F\n+ G\n2. H\n");
  CHECK("section paths", p && p->nPassage == 8 &&
                             strcmp(p->aPassage[2].zSection, "I.1.1") == 0 &&
                             strcmp(p->aPassage[3].zSection, "I.1.1.1") == 0 &&
                             strcmp(p->aPassage[4].zSection, "I.1.1.1.a") == 0 &&
                             strcmp(p->aPassage[6].zSection, "I.1.1.1.a") == 0 &&
                             p->aPassage[6].iParent == 5 && p->aPassage[5].iParent == 4 &&
                             strcmp(p->aPassage[7].zSection, "I.2") == 0 &&
                             p->aPassage[7].iParent == 0 && p->aPassage[6].iLevel == 7);
  vp_reader_free(p);
  p = parse("* Mục một\n* Mục hai.\n2.000 người tham gia.\n");
  CHECK("star bullets and numbers", p && p->nPassage == 3 &&
                                        strcmp(p->aPassage[0].zLabel, "*") == 0 &&
                                        p->aPassage[2].zLabel[0] == 0);
  vp_reader_free(p);
}

static char *repeat(const char *zUnit, size_t nTimes, size_t *pn) {
  size_t m = strlen(zUnit);
  char *z = malloc(m * nTimes + 2);
  if (z == NULL) return NULL;
  for (size_t i = 0; i < nTimes; i++) memcpy(z + i * m, zUnit, m);
  z[m * nTimes] = '\n';
  z[m * nTimes + 1] = 0;
  *pn = m * nTimes + 1;
  return z;
}

static void test_hostile(void) {
  static const struct {
    const char *zUnit;
    size_t nTimes;
  } aCase[] = {
      {"a<b", 1000000},        /* lone '<' everywhere */
      {"<b>", 1000000},        /* deep markup */
      {"**x", 1000000},        /* emphasis runs */
      {"&amp", 1000000},       /* entities without ';' */
      {"chữ ", 2000000},       /* one 10 MB line */
      {"\t", 10000},           /* 10,000 empty columns */
      {"ô\t", 10000},          /* 10,000 columns */
      {"- x\n", 100000},       /* many bullets */
      {"\n", 500000},          /* many blank lines */
      {"1.\n", 100000},        /* labels without text */
      {"| a ", 100000},        /* a huge pipe row */
      {"<table><tr><td>", 100000},
      {"I. A\n1. B\n1.1. C\na) D\n- E\n+ F\n", 20000},
  };
  for (int k = 0; k < VP_ARRAY_SIZE(aCase); k++) {
    size_t n = 0;
    char *z = repeat(aCase[k].zUnit, aCase[k].nTimes, &n);
    double t0 = vp_now_ms();
    vp_text *p = NULL;
    char *zErr = NULL;
    int rc = z ? vp_reader_parse(z, n, &p, &zErr) : VP_ENOMEM;
    double ms = vp_now_ms() - t0;
    CHECK("hostile input parses", rc == VP_OK && p != NULL);
    if (ms > 20000) fprintf(stderr, "hostile case %d took %.0f ms\n", k, ms);
    CHECK("hostile input stays fast", ms < 20000);
    if (p && k == 6) {
      CHECK("10,000 columns in one row", p->nPassage >= 1);
    }
    if (p) CHECK("hostile invariants", check_invariants(p) == 0);
    vp_reader_free(p);
    free(zErr);
    free(z);
  }
  /* pseudo-random markup soup: invariants must hold */
  static const char *azTok[] = {"*", "**", "_", "<b>", "</b>", "<", ">", "&amp;", "&",
                                "#", "## ", "|", "\t", "\n", "\n\n", "\r\n", " ", "- ",
                                "+ ", "1. ", "a) ", "II. ", "Sở ", "Nơi nhận:", "KT. CHỦ TỊCH",
                                "3.1 ", ":", ".", "./.", "<table>", "<tr>", "<td>", "---", "ngày"};
  unsigned seed = 12345;
  int nBad = 0;
  for (int iter = 0; iter < 3000; iter++) {
    char zBuf[600];
    size_t n = 0;
    int nTok = (int)(seed % 60);
    for (int t = 0; t < nTok; t++) {
      seed = seed * 1103515245u + 12345u;
      const char *zT = azTok[(seed >> 8) % VP_ARRAY_SIZE(azTok)];
      size_t m = strlen(zT);
      if (n + m >= sizeof(zBuf)) break;
      memcpy(zBuf + n, zT, m);
      n += m;
    }
    seed = seed * 1103515245u + 12345u;
    zBuf[n] = 0;
    vp_text *p = NULL;
    char *zErr = NULL;
    int bBad = vp_reader_parse(zBuf, n, &p, &zErr) != VP_OK || check_invariants(p) != 0;
    if (bBad && nBad++ == 0) {
      bVerbose = 1;
      if (p) check_invariants(p);
      bVerbose = 0;
      fprintf(stderr, "random case %d breaks an invariant: \"", iter);
      for (size_t c = 0; c < n; c++) {
        if (zBuf[c] == '\n') fputs("\\n", stderr);
        else if (zBuf[c] == '\t') fputs("\\t", stderr);
        else if (zBuf[c] == '\r') fputs("\\r", stderr);
        else fputc(zBuf[c], stderr);
      }
      fputs("\"\n", stderr);
    }
    vp_reader_free(p);
    free(zErr);
  }
  CHECK("random markup keeps the invariants", nBad == 0);
  /* raw random bytes, invalid UTF-8 and NULs included: vp_reader_parse
  ** must not crash even on text vp_reader_load would refuse */
  nBad = 0;
  for (int iter = 0; iter < 2000; iter++) {
    char zBuf[300];
    seed = seed * 1103515245u + 12345u;
    size_t n = (seed >> 8) % sizeof(zBuf);
    static const char zPick[] = "\t\n\r *_<>&#|-+.:;/()1aI\xC3\xE1\xBB\x80\xFF\xED\xA0";
    for (size_t c = 0; c < n; c++) {
      seed = seed * 1103515245u + 12345u;
      unsigned r = seed >> 16;
      zBuf[c] = (r & 1) ? zPick[(r >> 1) % (sizeof(zPick) - 1)] : (char)(r >> 3);
    }
    vp_text *p = NULL;
    char *zErr = NULL;
    if (vp_reader_parse(zBuf, n, &p, &zErr) != VP_OK) nBad++;
    else if (check_invariants(p) != 0) nBad++;
    vp_reader_free(p);
    free(zErr);
  }
  CHECK("random bytes parse without harm", nBad == 0);
}

int main(void) {
  mkdir("tests/tmp", 0777); /* scratch files; may exist already */
  test_seeds_invariants();
  test_seed_000();
  test_seed_001();
  test_seed_002();
  test_seed_003_004();
  test_nfd_crlf_bom();
  test_refusals();
  test_markup();
  test_hostile();
  return vp_test_done();
}
