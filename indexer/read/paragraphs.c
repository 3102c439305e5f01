/*
** paragraphs.c — passages outside tables: appending a passage, paragraphs
** with hard-wrap joining, bold spans wrapped over lines, PDF page numbers
** (blanked, a page break), and the document's style (one paragraph per line
** or hard-wrapped).
**
** Not for tables (tables.c, pipecells.c) nor for what kind a passage is or
** where it hangs (structure.c).
*/
#include "read_int.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"

#define THIS_INSTRUMENT_LINE 30 /* characters of "Thông tư liên tịch này./." and so on */

/* Append a passage of kind eKind over [iStart,iEnd); returns its index or
** -1 on OOM (p->rc set). */
int rd_add(rd_ctx *p, vp_pkind eKind, int iStart, int iEnd, int iLineNo,
           int iFirst, int iLast) {
  if (p->rc) return -1;
  if (p->nP == p->nPAlloc) {
    int nNew = p->nPAlloc ? p->nPAlloc * 2 : 64;
    vp_passage *aP = realloc(p->aP, sizeof(vp_passage) * (size_t)nNew);
    if (aP == NULL) {
      p->rc = VP_ENOMEM;
      return -1;
    }
    p->aP = aP;
    rd_pinfo *aI = realloc(p->aInfo, sizeof(rd_pinfo) * (size_t)nNew);
    if (aI == NULL) {
      p->rc = VP_ENOMEM;
      return -1;
    }
    p->aInfo = aI;
    p->nPAlloc = nNew;
  }
  int i = p->nP++;
  vp_passage *pP = &p->aP[i];
  memset(pP, 0, sizeof(*pP));
  pP->eKind = eKind;
  pP->iStart = iStart;
  pP->iEnd = iEnd;
  pP->iLine = iLineNo;
  pP->iParent = -1;
  pP->iTable = -1;
  rd_pinfo *pI = &p->aInfo[i];
  memset(pI, 0, sizeof(*pI));
  pI->iFirst = iFirst;
  pI->iLast = iLast;
  if (iFirst >= 0) pI->lab = p->aLine[iFirst].lab;
  if (iFirst >= 0 && iLast > iFirst && pI->lab.eType == LB_NONE) {
    rd_label lab; /* "**Điều" / "2. Đối tượng áp dụng**" */
    if (rd_part_label_wrapped(p, iFirst, &lab)) pI->lab = lab;
  }
  if (iFirst >= 0 && iLast > iFirst && pI->lab.eType == LB_NONE &&
      (p->aLine[iFirst].bRowNum || p->aLine[iFirst].bLetterOnly)) {
    /* "**1." / "Công an thành phố**", "b)" / "Chủ tịch …": the label alone
    ** on the first line labels the whole passage */
    const rd_line *pF = &p->aLine[iFirst];
    char c = p->zClean[pF->iCe - 1];
    rd_label lab;
    if ((c == '.' || c == ')') && (rd_parse_rownum(p->zClean, pF->iCs, pF->iCe, &lab) ||
                                   rd_parse_letter_only(p->zClean, pF->iCs, pF->iCe, &lab))) {
      pI->lab = lab;
      pI->lab.iText = p->aLine[iFirst + 1].iCs;
    }
  }
  return i;
}

/* ------------------------------------------------------------------------
** Paragraphs
*/

/* Lines that always stand alone: never joined to, never joined into. */
static int rd_stands_alone(const rd_line *pL) {
  return pL->mdLevel || pL->bBold || pL->bAllCaps || pL->bSig || pL->bRecip ||
         pL->bHeader || pL->bPipe || pL->bPipeSep || pL->bTab ||
         pL->bHtmlTable || pL->bInCellRun || pL->bRowNum || pL->bLetterOnly;
}

/* A page break (rule line or page number) among the blank lines (j, k). */
static int rd_page_break_between(const rd_ctx *p, int j, int k) {
  for (int g = j + 1; g < k; g++)
    if (p->aLine[g].bHr) return 1;
  return 0;
}

/* Does line k continue the paragraph of lines i..j? Hard-wrapped text goes
** on when the last line does not end a sentence and the next line does not
** start anything of its own. */
/* A line that is only a heading number or letter ("2.3.", "IV.", "b)") and the line
** right under it: "*2.3." / "Công an tỉnh*" is one heading. Not in tables,
** where a bare number is a row's first cell. */
static int rd_label_only(const rd_ctx *p, int i) {
  const rd_line *pL = &p->aLine[i];
  int bPartAlone = (pL->lab.eType == LB_ARTICLE || pL->lab.eType == LB_SECTION ||
                    pL->lab.eType == LB_CHAPTER) && pL->lab.iText >= pL->iCe; /* "Điều 3." */
  if (bPartAlone && !pL->bInCellRun) return 1;
  if (!(pL->bRowNum || pL->bLetterOnly) || pL->bInCellRun || pL->lab.eType) return 0;
  if ((i > 0 && p->aLine[i - 1].bBarePipe) || (i + 1 < p->nLine && p->aLine[i + 1].bBarePipe))
    return 0;
  char c = p->zClean[pL->iCe - 1];
  return c == '.' || c == ')';
}

/* Whether a province's name runs from the end of line j into line k
** ("… các tỉnh: Đắk Lắk, Khánh Hòa, Gia" / "Lai và Lâm Đồng khẩn trương
** …"): a name is not cut between paragraphs. The last few words of j and
** the first of k, folded, are matched from each word start of j's tail. */
#define NAME_SPAN_BYTES 48 /* bytes of each side read: a long name's words */
static int rd_name_across(const rd_ctx *p, int j, int k) {
  const rd_line *pT = &p->aLine[j], *pL = &p->aLine[k];
  int iTail = pT->iCe - NAME_SPAN_BYTES > pT->iCs ? pT->iCe - NAME_SPAN_BYTES : pT->iCs;
  while (iTail < pT->iCe && ((unsigned char)p->zClean[iTail] & 0xC0) == 0x80) iTail++;
  int iHeadEnd = pL->iCs + NAME_SPAN_BYTES < pL->iCe ? pL->iCs + NAME_SPAN_BYTES : pL->iCe;
  while (iHeadEnd > pL->iCs && iHeadEnd < pL->iCe && ((unsigned char)p->zClean[iHeadEnd] & 0xC0) == 0x80)
    iHeadEnd--;
  char *zT = vp_fold_str(p->zClean + iTail, pT->iCe - iTail);
  char *zH = vp_fold_str(p->zClean + pL->iCs, iHeadEnd - pL->iCs);
  char *zJ = zT && zH ? vp_mprintf("%s %s", zT, zH) : NULL;
  int bAcross = 0;
  if (zJ) {
    int nT = (int)strlen(zT), nJ = (int)strlen(zJ);
    for (int i = iTail > pT->iCs ? 1 : 0; i < nT && !bAcross; i++) {
      if (i > 0 && zJ[i - 1] != ' ') continue; /* from a word start, not the cut first word */
      int nLen = 0;
      bAcross = vp_gaz_match_fold(zJ + i, nJ - i, &nLen) != NULL && i + nLen > nT + 1;
    }
  }
  free(zT);
  free(zH);
  free(zJ);
  return bAcross;
}

/* Does an emphasis span close at the end of line j or open at the start of
** line k ("…chữa bệnh;*" / "*Bộ trưởng …")? Then they are two spans. */
static int rd_emphasis_between(const rd_ctx *p, int j, int k) {
  const char *z = p->zRaw;
  int e = p->aLine[j].iRawEnd, s = p->aLine[k].iRaw;
  while (e > p->aLine[j].iRaw && rd_is_space((unsigned char)z[e - 1])) e--;
  while (s < p->aLine[k].iRawEnd && (z[s] == ' ' || z[s] == '\t')) s++;
  return (e > p->aLine[j].iRaw && (z[e - 1] == '*' || z[e - 1] == '_')) ||
         (s < p->aLine[k].iRawEnd && (z[s] == '*' || z[s] == '_'));
}

static int rd_count_pairs(const char *z, int s, int e);

static int rd_can_join(const rd_ctx *p, int i, int j, int k) {
  const rd_line *pF = &p->aLine[i], *pT = &p->aLine[j], *pL = &p->aLine[k];
  int bGap = k > j + 1;
  if (i == j && k == j + 1 && rd_label_only(p, i))
    return !rd_stands_alone(pL) && !pL->lab.eType && !pL->bRowNum;
  if ((rd_stands_alone(pF) && !rd_label_only(p, i)) || pF->bFootnote) return 0;
  /* "… khẩn trương báo cáo …, đảm bảo" / "**hoàn thành nhiệm vụ trước ngày
  ** 15/12/2025.**": a sentence that goes on in bold (its deadline stressed)
  ** goes on; a bold line opening in lower case heads nothing */
  if (k == j + 1 && pL->bBold && pL->bLower && !pL->lab.eType && !pL->mdLevel && !pL->bAllCaps &&
      !pL->bPipe && !pL->bPipeSep && !pL->bInCellRun && !pL->bHtmlTable && !pL->bSig &&
      !pT->bTerminal && !pT->bColon && !pT->bBold && !rd_is_digit((unsigned char)p->zClean[pL->iCs]) &&
      rd_count_pairs(p->zRaw, pL->iRaw, pL->iRawEnd) == 2) /* one span, not "**a****b**…" marks */
    return 1;
  /* "… phối hợp tổ chức chính trị" / "- xã hội tại địa phương …": a line
  ** cut at the hyphen of a compound, not a new dash item: the line above
  ** runs on unfinished and the text after the dash starts lower case */
  if (k == j + 1 && pL->lab.eType == LB_DASH && pL->bLower && !pT->bTerminal && !pT->bColon &&
      pT->nChar >= 50 && !rd_is_bullet(pF->lab.eType) && !rd_stands_alone(pL))
    return 1;
  /* "Thành phần Hội đồng Thi đua" / "- Khen thưởng cấp cơ sở gồm:": a
  ** compound the lexicon knows, cut at its hyphen */
  if (k == j + 1 && pL->lab.eType == LB_DASH && !pT->bTerminal && !rd_stands_alone(pL) &&
      rd_hyphen_compound(p, j, k))
    return 1;
  /* where paragraphs end with an empty line, the line right under another
  ** goes on with its paragraph, whatever its first letter: "…rừng;" /
  ** "Ban Chỉ huy cấp xã tham mưu …" */
  if (p->bBlankSeparated && k == j + 1 && !rd_stands_alone(pL) && !pL->lab.eType &&
      !pL->bFootnote && !pT->bSlashDot && !pT->bColon)
    return 1;
  /* "**Điều 4.** Chánh Văn phòng Ủy ban nhân dân" / "Thành phố, …": a bold
  ** label over plain text is no title; the sentence goes on */
  if (i == j && k == j + 1 && pF->bBoldLabel && !pT->bTerminal && !rd_stands_alone(pL) &&
      !pL->lab.eType && !pL->bFootnote)
    return 1;
  /* "Điều 4. Sở Tài chính;" / "Trung tâm Phục vụ …; Các Sở …": a labelled
  ** first line that ends a list member, not a title, goes on */
  if (i == j && k == j + 1 && pF->lab.eType && !rd_is_bullet(pF->lab.eType) &&
      (p->zClean[pF->iCe - 1] == ';' || p->zClean[pF->iCe - 1] == ',') && !rd_stands_alone(pL) &&
      !pL->lab.eType && !pL->bFootnote)
    return 1;
  /* "… Chánh Văn phòng UBND tỉnh;" / "Giám đốc Sở …; Thủ trưởng …": a list
  ** of officeholders goes on past a ';' (layout-words.tsv: list-title) */
  if (k == j + 1 && p->zClean[pT->iCe - 1] == ';' && !rd_stands_alone(pL) && !pL->lab.eType &&
      !pL->bFootnote && !rd_emphasis_between(p, j, k) && rd_line_opens_with(p, k, "list-title"))
    return 1;
  /* "- Thông tư số 10/2025/TT-" / "BKHCN ngày 27/6/2025 …": a number cut
  ** at a hyphen glued to its code goes on, whatever the next line's letter */
  if (k == j + 1 && pT->iCe - pT->iCs >= 2 && p->zClean[pT->iCe - 1] == '-' &&
      !rd_is_space((unsigned char)p->zClean[pT->iCe - 2]) && !rd_stands_alone(pL) && !pL->lab.eType &&
      !pL->bFootnote)
    return 1;
  /* "a) Tổ chức triển khai thực hiện" / "Thông tư này.": a line that is
  ** only the document named as itself, and a stop, ends the line above it
  ** ("1. Phạm vi điều chỉnh" / "Quyết định này quy định …" is a heading and
  ** its text) */
  if (k == j + 1 && !pT->bTerminal && pL->bTerminal && pL->nChar <= THIS_INSTRUMENT_LINE &&
      !rd_stands_alone(pL) && !pL->lab.eType && !pL->bFootnote && !rd_emphasis_between(p, j, k) &&
      rd_line_opens_with(p, k, "this-instrument"))
    return 1;
  /* "2. Trách nhiệm của các Sở:" / "Xây dựng, Tài chính, Nội vụ.": the
  ** names a shared head opens go on after its colon */
  if (k == j + 1 && !rd_stands_alone(pL) && !pL->lab.eType && !pL->bFootnote &&
      rd_line_ends_before_colon(p, j, "shared-head"))
    return 1;
  if (pT->bTerminal) {
    /* "…;", "tổ chức,", "(nếu cần)" then a lowercase line: the sentence goes on */
    char c = p->zClean[pT->iCe - 1];
    if (!((c == ';' || c == ',' || c == ')') && pL->bLower && !pL->lab.eType && !rd_stands_alone(pL))) return 0;
  }
  if (rd_stands_alone(pL) || pL->lab.eType || pL->bFootnote) return 0;
  for (int g = j + 1; g < k; g++)
    if (p->aLine[g].bBarePipe) return 0; /* another cell */
  if (bGap && rd_page_break_between(p, j, k)) {
    /* after a page break, text right before a footnote is the tail of the
    ** previous page's footnote, not of the body */
    int m = rd_next_line(p, k);
    if (m < p->nLine && p->aLine[m].bFootnote) return 0;
  }
  if (pL->bLower || pT->bWrapWord == 1) return 1;
  if (pT->bWrapWord == 2 && k == j + 1 && !p->bUnwrapped) return 1;
  if (k == j + 1 && rd_name_across(p, j, k)) return 1;
  if (p->zClean[pT->iCe - 1] == ',') return 1; /* "… Quân đội," / "Tập đoàn …": a list goes on */
  /* "8. Đài Truyền hình Việt Nam, Đài Tiếng nói Việt" / "Nam, …": where
  ** paragraphs end with an empty line, an item's first line and the line
  ** right under it are one paragraph, whatever its first letter */
  if (p->bBlankSeparated && i == j && k == j + 1 && pF->lab.eType && !pF->bBold && !pF->bAllCaps &&
      !pF->mdLevel && pF->iBoldEnd == 0)
    return 1;
  return pT->nChar >= 50 && (bGap || !p->bUnwrapped);
}

/* A paragraph from line i: joins hard-wrapped lines. Returns the next line. */
int rd_paragraph(rd_ctx *p, int i) {
  int j = i;
  for (;;) {
    int k = rd_next_line(p, j);
    if (k >= p->nLine || !rd_can_join(p, i, j, k)) break;
    j = k;
  }
  const rd_line *pF = &p->aLine[i];
  rd_add(p, VP_P_TEXT, pF->iCs, p->aLine[j].iCe, pF->iLineNo, i, j);
  return j + 1;
}

/* Bold spans wrapped over lines: "**2. Sở" / "Tài chính**". A line that
** opens bold without closing it, followed within four lines (no empty line
** between) by one that closes it without opening, makes one bold block:
** a heading read whole. */
static int rd_opens_bold(const char *z, int s, int e) {
  while (s < e && (z[s] == ' ' || z[s] == '\t' || z[s] == '#')) s++;
  return e - s >= 3 && z[s] == '*' && z[s + 1] == '*' && z[s + 2] != '*' && z[s + 2] != ' ';
}

static int rd_closes_bold(const char *z, int s, int e) {
  while (e > s && rd_is_space((unsigned char)z[e - 1])) e--;
  return e - s >= 3 && z[e - 1] == '*' && z[e - 2] == '*' && z[e - 3] != ' ';
}

static int rd_count_pairs(const char *z, int s, int e) {
  int n = 0;
  for (int i = s; i + 1 < e; i++)
    if (z[i] == '*' && z[i + 1] == '*') {
      n++;
      i++;
    }
  return n;
}

void rd_mark_bold_blocks(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->bBold || pL->bBarePipe || pL->bSig || pL->bHeader) continue;
    const char *z = p->zRaw;
    if (!rd_opens_bold(z, pL->iRaw, pL->iRawEnd) || (rd_count_pairs(z, pL->iRaw, pL->iRawEnd) & 1) == 0)
      continue;
    for (int m = k + 1; m < p->nLine && m <= k + 4; m++) {
      const rd_line *pM = &p->aLine[m];
      if (rd_raw_blank(p, m) || pM->bBarePipe || pM->bSig || pM->bHeader) break;
      int nPair = rd_count_pairs(z, pM->iRaw, pM->iRawEnd);
      if (nPair == 0) continue;
      if ((nPair & 1) && rd_closes_bold(z, pM->iRaw, pM->iRawEnd) && !rd_is_blank(pM)) {
        pL->iBoldEnd = m;
        pL->bBold = 1;
        k = m;
      }
      break;
    }
  }
}

/* "12" or "- 12 -" alone between blank lines: a page number of the PDF the
** text came from. It is blanked and counts as a page break, so a sentence
** cut by it is joined again. */
static int rd_is_page_number(const char *z, int s, int e) {
  if (s < e && z[s] == '-') s++;
  while (s < e && z[s] == ' ') s++;
  int nDigit = 0;
  while (s < e && rd_is_digit((unsigned char)z[s])) {
    s++;
    nDigit++;
  }
  while (s < e && z[s] == ' ') s++;
  if (s < e && z[s] == '-') s++;
  return nDigit >= 1 && nDigit <= 3 && s == e;
}

void rd_blank_page_numbers(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->bInCellRun || pL->iCe - pL->iCs > 9) continue;
    if ((k > 0 && p->aLine[k - 1].bBarePipe) || (k + 1 < p->nLine && p->aLine[k + 1].bBarePipe))
      continue; /* a row number between cell boundaries */
    if (k > 0 && !rd_is_blank(&p->aLine[k - 1])) continue;
    if (k + 1 < p->nLine && !rd_is_blank(&p->aLine[k + 1])) continue;
    if (!rd_is_page_number(p->zClean, pL->iCs, pL->iCe)) continue;
    rd_fill(p->zClean, pL->iCs, pL->iCe);
    pL->iCe = pL->iCs;
    pL->bHr = 1;
  }
}

/* Unwrapped style: paragraphs one per line and no blank lines between, so a
** line that does not end a sentence still ends its paragraph. */
void rd_detect_style(rd_ctx *p) {
  int nText = 0, nLong = 0, nBlankAfter = 0, nEnd = 0, nEndBlank = 0;
  for (int k = 0; k < p->nLine; k++) {
    const rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL)) continue;
    nText++;
    nLong += pL->nChar > 130;
    int bBlank = k + 1 < p->nLine && rd_is_blank(&p->aLine[k + 1]);
    nBlankAfter += bBlank;
    if (pL->bTerminal && !pL->bBarePipe && !pL->bInCellRun) { /* a sentence ends here */
      nEnd++;
      nEndBlank += bBlank;
    }
  }
  p->bUnwrapped = nText > 0 && nLong * 4 >= nText && nBlankAfter * 3 < nText;
  /* paragraphs end with an empty line: many lines are followed by one, or
  ** (long paragraphs) most lines that end a sentence are */
  p->bBlankSeparated = nText >= 20 && !p->bUnwrapped &&
                       (nBlankAfter * 4 >= nText || (nEnd >= 10 && nEndBlank * 10 >= nEnd * 7));
}
