/*
** reader.c — turns the bytes of a plan into passages (see vp_reader.h): the
** driver of the reader, whose steps live in the other files of this folder
** (read_int.h lists them).
**
** Pipeline: validate (load only) → blank markup into a same-length copy of
** the file (markup.c) → cut lines and note what each looks like (lines.c:
** label, heading marks, signature, recipients…; paragraphs.c: bold blocks,
** page numbers, style) → group lines into passages (tables.c, pipecells.c
** first, then paragraphs.c with hard-wrap joining), the portal's page
** furniture left out (furniture.c) → one pass over the passages for kinds,
** the heading stack, section paths, parents and lead-ins (structure.c) →
** passage texts and the column roles of table heads (here).
**
** Not for meaning: instruments, agencies and tasks are read by vp_cite,
** vp_agency and vp_task from the passages made here. Nothing here may depend
** on a particular document: only general layout rules and small word tables.
*/
#include "vp_reader.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "vp_columns.h"
#include "vp_common.h"
#include "vp_encoding.h"
#include "vp_fold.h"
#include "read_int.h"

static void rd_header_clear(vp_header *h);

/* ------------------------------------------------------------------------
** Validation
*/

/* Offset of the first byte that is not valid UTF-8 (overlong forms,
** surrogates and code points above U+10FFFF included), or -1. */
static long rd_first_bad_utf8(const unsigned char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = z[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int nCont;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      nCont = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      nCont = 2;
      if (c == 0xE0) lo = 0xA0;       /* overlong */
      if (c == 0xED) hi = 0x9F;       /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      nCont = 3;
      if (c == 0xF0) lo = 0x90;       /* overlong */
      if (c == 0xF4) hi = 0x8F;       /* above U+10FFFF */
    } else {
      return (long)i;                 /* C0, C1, F5..FF, stray continuation */
    }
    if (i + (size_t)nCont >= n) return (long)i; /* truncated */
    if (z[i + 1] < lo || z[i + 1] > hi) return (long)i;
    for (int k = 2; k <= nCont; k++) {
      if (z[i + k] < 0x80 || z[i + k] > 0xBF) return (long)i;
    }
    i += (size_t)nCont + 1;
  }
  return -1;
}

/* ------------------------------------------------------------------------
** Driver
*/

/* Group the lines into passages. */
static void rd_group(rd_ctx *p) {
  int i = 0;
  while (i < p->nLine && !p->rc) {
    rd_line *pL = &p->aLine[i];
    int iNext;
    if (pL->bBarePipe) {
      i = pL->bPipeDone ? i + 1 : rd_table_pipecells(p, i);
    } else if (rd_is_blank(pL) && !pL->bPipeSep) {
      i++;
    } else if (pL->bHtmlTable) {
      i = rd_table_html(p, i);
    } else if (pL->bPipe && !pL->bPipeSep) {
      i = rd_table_pipe(p, i);
    } else if (pL->bPipeSep) {
      i++;
    } else if (rd_tsv_starts(p, i)) {
      i = rd_table_tsv(p, i);
    } else if (pL->bColName && (iNext = rd_table_cellrun(p, i, 1)) > i) {
      i = iNext;
    } else if (pL->iBoldEnd > i) {
      rd_add(p, VP_P_TEXT, pL->iCs, p->aLine[pL->iBoldEnd].iCe, pL->iLineNo, i, pL->iBoldEnd);
      i = pL->iBoldEnd + 1;
    } else {
      i = rd_paragraph(p, i);
    }
  }
}

/* The role each column of a table head gives its cells (vp_columns.h). */
static int rd_column_roles(vp_passage *pP) {
  pP->aeColRole = calloc((size_t)pP->nCell, sizeof(vp_colrole));
  if (pP->aeColRole == NULL) return VP_ENOMEM;
  for (int c = 0; c < pP->nCell; c++) {
    char *zFold = vp_fold_str(pP->azCell[c], -1);
    if (zFold == NULL) return VP_ENOMEM;
    pP->aeColRole[c] = vp_columns_role(zFold);
    free(zFold);
  }
  return VP_OK;
}

/* A table's second header row ("| | | Chủ trì | Phối hợp | |" under a
** merged "Cơ quan thực hiện"): every cell it fills is a column name. Its
** roles replace those of the head above for the columns it names, and it is
** a head itself, not a row of content. */
static int rd_subhead(vp_passage *pHead, vp_passage *pP) {
  if (pP->nCell == 0 || pP->nCell > pHead->nCell) return VP_OK;
  vp_colrole aeRole[64];
  int nNamed = 0;
  if (pP->nCell > (int)(sizeof(aeRole) / sizeof(aeRole[0]))) return VP_OK;
  for (int c = 0; c < pP->nCell; c++) {
    aeRole[c] = VP_COL_NONE;
    if (pP->azCell[c] == NULL || pP->azCell[c][0] == 0) continue;
    char *zFold = vp_fold_str(pP->azCell[c], -1);
    if (zFold == NULL) return VP_ENOMEM;
    int bName = vp_columns_is_name(zFold);
    aeRole[c] = vp_columns_role(zFold);
    free(zFold);
    if (!bName || aeRole[c] == VP_COL_NONE) return VP_OK;
    nNamed++;
  }
  if (nNamed == 0) return VP_OK;
  for (int c = 0; c < pP->nCell; c++) {
    if (aeRole[c] != VP_COL_NONE) pHead->aeColRole[c] = aeRole[c];
  }
  pP->eKind = VP_P_TABLE_HEAD;
  return rd_column_roles(pP) == VP_OK ? VP_OK : VP_ENOMEM;
}

/* See vp_reader.h. The copy of zBuf is kept in the result (zBuf); markup is
** blanked in a second copy from which the passage texts are cut. */
int vp_reader_parse(const char *zBuf, size_t nBuf, vp_text **ppOut,
                    char **pzErr) {
  *ppOut = NULL;
  if (nBuf >= (size_t)INT_MAX - 1) {
    if (pzErr) *pzErr = vp_mprintf("text of %zu bytes is too large", nBuf);
    return VP_EINPUT;
  }
  rd_ctx ctx;
  memset(&ctx, 0, sizeof(ctx));
  rd_ctx *p = &ctx;
  vp_text *pOut = calloc(1, sizeof(vp_text));
  char *zCopy = malloc(nBuf + 1);
  char *zClean = malloc(nBuf + 1);
  int rc = VP_OK, iDocStart = 0, iDocEnd = (int)nBuf;
  if (pOut == NULL || zCopy == NULL || zClean == NULL) {
    rc = VP_ENOMEM;
    goto done;
  }
  memcpy(zCopy, zBuf, nBuf);
  zCopy[nBuf] = 0;
  memcpy(zClean, zBuf, nBuf);
  zClean[nBuf] = 0;
  p->zRaw = zCopy;
  p->nRaw = (int)nBuf;
  p->zClean = zClean;
  if (nBuf >= 3 && memcmp(zCopy, "\xEF\xBB\xBF", 3) == 0) rd_fill(zClean, 0, 3);
  /* NUL bytes would end strings early: blank them in the working copy */
  for (char *q = zClean; (q = memchr(q, 0, (size_t)(zClean + nBuf - q))); q++) *q = ' ';
  rc = rd_cut_lines(p);
  if (rc) goto done;
  rd_mark_bare_pipe_tables(p);
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    int s = pL->iRaw;
    if (k == 0 && nBuf >= 3 && memcmp(zCopy, "\xEF\xBB\xBF", 3) == 0) s = 3;
    if (s > pL->iRawEnd) s = pL->iRawEnd;
    rd_line tmp = *pL;
    tmp.iRaw = s;
    rd_blank_line(zCopy, zClean, &tmp);
    pL->mdLevel = tmp.mdLevel;
    pL->bHr = tmp.bHr;
    pL->bPipe = tmp.bPipe;
    pL->bPipeSep = tmp.bPipeSep;
    pL->bBarePipe = tmp.bBarePipe;
  }
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    pL->iCs = pL->iRaw;
    pL->iCe = pL->iRawEnd;
    rd_trim(zClean, &pL->iCs, &pL->iCe);
  }
  for (int k = 0; k < p->nLine && rc == VP_OK; k++) {
    rd_line *pL = &p->aLine[k];
    if (pL->iCs < pL->iCe) rc = rd_line_features(p, pL);
  }
  if (rc) goto done;
  rd_mark_cellruns(p);
  rd_mark_bold_blocks(p);
  rd_blank_page_numbers(p);
  rd_detect_style(p);
  int nLineAll = p->nLine, iEndLine = rd_furniture_end(p);
  p->nLine = iEndLine; /* tables and paragraphs stop where furniture begins */
  rd_group(p);
  p->nLine = nLineAll;
  iDocStart = p->header.iEnd > 0 && p->iHeaderLine > 0 ? p->header.iStart : 0;
  iDocEnd = iEndLine < p->nLine ? p->aLine[iEndLine].iRaw : (int)nBuf;
  if (iDocStart > 0) {
    /* the issuer may stand on lines before its cell's first classed line */
    int k = p->iHeaderLine;
    while (k > 0 && !p->aLine[k - 1].bBarePipe && !rd_is_blank(&p->aLine[k - 1])) k--;
    iDocStart = p->aLine[k].iRaw;
    int bOnlyLayout = 1; /* nothing but pipes and empty lines before it */
    for (int m = 0; m < k && bOnlyLayout; m++) bOnlyLayout = rd_is_blank(&p->aLine[m]);
    if (bOnlyLayout) iDocStart = 0;
  }
  if (iDocStart > 0 || iDocEnd < (int)nBuf) rd_drop_outside(p, iDocStart, iDocEnd);
  rc = p->rc;
  if (rc == VP_OK) rc = rd_structure(p);
  if (rc == VP_OK) rc = rd_split_long(p);
  for (int k = 0; k < p->nP && rc == VP_OK; k++) {
    vp_passage *pP = &p->aP[k];
    pP->zText = vp_strndup(zClean + pP->iStart, pP->iEnd - pP->iStart);
    if (pP->zText == NULL) rc = VP_ENOMEM;
    if (rc == VP_OK && pP->eKind == VP_P_TABLE_HEAD && pP->nCell > 0) rc = rd_column_roles(pP);
    if (pP->zSection == NULL) {
      pP->zSection = vp_strndup("", 0);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
    }
    /* the first row under a head may be a second header row */
    if (rc == VP_OK && pP->eKind == VP_P_ROW && k > 0 && pP->iTable == k - 1 &&
        p->aP[k - 1].eKind == VP_P_TABLE_HEAD && p->aP[k - 1].aeColRole)
      rc = rd_subhead(&p->aP[k - 1], pP);
  }
done:
  if (pOut) {
    pOut->zBuf = zCopy;
    pOut->nBuf = nBuf;
    pOut->aPassage = p->aP;
    pOut->nPassage = p->nP;
    pOut->header = p->header;
    pOut->iDocStart = iDocStart;
    pOut->iDocEnd = iDocEnd;
  } else {
    rd_header_clear(&p->header);
    free(zCopy);
    for (int k = 0; k < p->nP; k++) {
      free(p->aP[k].zText);
      free(p->aP[k].zSection);
      for (int c = 0; c < p->aP[k].nCell; c++) free(p->aP[k].azCell[c]);
      free(p->aP[k].azCell);
      free(p->aP[k].aeColRole);
    }
    free(p->aP);
  }
  free(p->aInfo);
  free(p->aLine);
  free(zClean);
  if (rc != VP_OK) {
    vp_reader_free(pOut);
    if (pzErr && rc == VP_ENOMEM) *pzErr = vp_mprintf("out of memory");
    return rc;
  }
  *ppOut = pOut;
  return VP_OK;
}

/* See vp_reader.h: the checks that make a file unreadable as a plan come
** first (empty, NUL bytes, invalid UTF-8), then vp_reader_parse. */
int vp_reader_load(const char *zPath, size_t nMax, vp_text **ppOut,
                   char **pzErr) {
  char *zBuf = NULL;
  size_t nBuf = 0;
  *ppOut = NULL;
  int rc = vp_read_file(zPath, nMax, &zBuf, &nBuf, pzErr);
  if (rc) return rc;
  /* another encoding: the reader sees the converted UTF-8 */
  char *zConv = NULL;
  size_t nConv = 0;
  vp_encoding_id eEnc = VP_ENC_UTF8;
  rc = vp_encoding_to_utf8(zBuf, nBuf, &zConv, &nConv, &eEnc, pzErr);
  if (rc) {
    free(zBuf);
    return rc;
  }
  if (zConv) {
    free(zBuf);
    zBuf = zConv;
    nBuf = nConv;
  }
  size_t iText = nBuf >= 3 && memcmp(zBuf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  const char *zNul = memchr(zBuf, 0, nBuf);
  long iBad;
  if (nBuf == iText) {
    *pzErr = vp_mprintf("empty file");
    rc = VP_EINPUT;
  } else if (zNul) {
    *pzErr = vp_mprintf("binary file (NUL byte at offset %ld)",
                        (long)(zNul - zBuf));
    rc = VP_EINPUT;
  } else if ((iBad = rd_first_bad_utf8((const unsigned char *)zBuf, nBuf)) >= 0) {
    *pzErr = vp_mprintf("invalid UTF-8 at byte offset %ld", iBad);
    rc = VP_EINPUT;
  } else {
    rc = vp_reader_parse(zBuf, nBuf, ppOut, pzErr);
    if (rc == VP_OK) (*ppOut)->eEncoding = eEnc;
  }
  free(zBuf);
  return rc;
}

static void rd_header_clear(vp_header *h) {
  free(h->zIssuer);
  free(h->zMotto);
  free(h->zNumber);
  free(h->zPlaceDate);
  memset(h, 0, sizeof(*h));
}

/* Frees the text and every passage's strings and cells; NULL is a no-op. */
void vp_reader_free(vp_text *p) {
  if (p == NULL) return;
  for (int k = 0; k < p->nPassage; k++) {
    vp_passage *pP = &p->aPassage[k];
    free(pP->zText);
    free(pP->zSection);
    for (int c = 0; c < pP->nCell; c++) free(pP->azCell[c]);
    free(pP->azCell);
    free(pP->aeColRole);
  }
  free(p->aPassage);
  rd_header_clear(&p->header);
  free(p->zBuf);
  free(p);
}
