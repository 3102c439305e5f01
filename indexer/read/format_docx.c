/*
** format_docx.c — the DOCX renderer (vp_format.h): word/document.xml (and
** word/footnotes.xml and word/numbering.xml when there are) read from the zip with libzip,
** parsed with libxml2, and written as the reader's text: each w:p a
** paragraph (w:t joined, w:tab a space, w:br a newline), a heading-styled or
** all-bold paragraph as a **bold** line, a list paragraph (w:numPr) with
** the label Word shows ("1.", "a)", "-": docx_num.c), tables as Markdown pipe rows with a
** separator after the first (a cell's paragraphs joined with spaces,
** w:gridSpan padded with empty cells, a w:vMerge continuation an empty
** cell) — but a layout table (one or two rows of at most two cells: the
** header block, the signature beside "Nơi nhận") in the portal's form
** for such tables, a bare "|" line between cells, so its cells keep their
** lines (pipecells.c reads the header block from it) —, footnotes as
** paragraphs at the end.
**
** Hostile files are refused with VP_EINPUT: a damaged or truncated zip, no
** word/document.xml, a part over VP_DOCX_MAX_PART bytes uncompressed (by its
** stated size and by the bytes actually read: a zip bomb), XML that does not
** parse or that carries a DTD or entity declarations (no entity is ever
** substituted, no network, no XML_PARSE_HUGE). Not for .doc or .odt.
*/
#include "vp_format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <zip.h>

#include "docx_num.h"
#include "vp_common.h"
#include "render_text.h"
#include "zipxml.h"

/* ---- rendering ---- */

/* The w:val attribute (any namespace), malloc'd by libxml2; NULL if none. */
static xmlChar *wval(xmlNodePtr p) {
  for (xmlAttrPtr a = p ? p->properties : NULL; a; a = a->next)
    if (strcmp((const char *)a->name, "val") == 0) return xmlNodeGetContent((xmlNodePtr)a);
  return NULL;
}

/* Is the on/off property element p (w:b) on? Absent val: on. */
static int onoff(xmlNodePtr p) {
  if (p == NULL) return 0;
  xmlChar *v = wval(p);
  int b = v == NULL || !(strcmp((char *)v, "0") == 0 || strcmp((char *)v, "false") == 0 ||
                         strcmp((char *)v, "off") == 0 || strcmp((char *)v, "none") == 0);
  xmlFree(v);
  return b;
}

/* Append the text of p's runs below p: w:t, w:tab as a space, w:br and w:cr
** as a newline; properties, deleted text and field codes left out. Counts
** the runs with text and those of them bold. */
static void gather(xmlNodePtr p, vp_buf *pOut, int *pnRun, int *pnBold, int *pRc) {
  for (xmlNodePtr c = p->children; c && *pRc == VP_OK; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *zN = (const char *)c->name;
    if (strcmp(zN, "t") == 0) {
      xmlChar *zT = xmlNodeGetContent(c);
      if (zT) vp_buf_appends(pOut, (const char *)zT, pRc);
      xmlFree(zT);
    } else if (strcmp(zN, "tab") == 0 && !zipxml_is(c->parent, "tabs")) {
      vp_buf_append(pOut, " ", 1, pRc);
    } else if (strcmp(zN, "br") == 0 || strcmp(zN, "cr") == 0) {
      vp_buf_append(pOut, "\n", 1, pRc);
    } else if (strcmp(zN, "r") == 0) {
      size_t n0 = pOut->n;
      gather(c, pOut, pnRun, pnBold, pRc);
      if (onoff(zipxml_child(zipxml_child(c, "rPr"), "caps"))) render_upper_from(pOut, n0, pRc);
      int bText = 0;
      for (size_t i = n0; i < pOut->n; i++)
        if (pOut->z[i] != ' ' && pOut->z[i] != '\n') bText = 1;
      if (bText) {
        (*pnRun)++;
        if (onoff(zipxml_child(zipxml_child(c, "rPr"), "b"))) (*pnBold)++;
      }
    } else if (strcmp(zN, "pPr") == 0 || strcmp(zN, "rPr") == 0 || strcmp(zN, "delText") == 0 ||
               strcmp(zN, "instrText") == 0 || strcmp(zN, "tbl") == 0) {
      continue;
    } else {
      gather(c, pOut, pnRun, pnBold, pRc); /* hyperlinks, fields, smart tags, … */
    }
  }
}

/* Is the paragraph styled as a heading or title? */
static int heading_style(xmlNodePtr pP) {
  xmlChar *v = wval(zipxml_child(zipxml_child(pP, "pPr"), "pStyle"));
  int b = v && (strncasecmp((char *)v, "heading", 7) == 0 || strcasecmp((char *)v, "title") == 0);
  xmlFree(v);
  return b;
}

/* The list label Word shows before paragraph pP (w:numPr through
** word/numbering.xml) and a space, appended to pOut; nothing when none. */
static void num_label(xmlNodePtr pP, docx_num *pNum, vp_buf *pOut, int *pRc) {
  xmlNodePtr pNumPr = zipxml_child(zipxml_child(pP, "pPr"), "numPr");
  if (pNumPr == NULL || pNum == NULL) return;
  xmlChar *vId = wval(zipxml_child(pNumPr, "numId"));
  xmlChar *vLvl = wval(zipxml_child(pNumPr, "ilvl"));
  int numId = vId ? atoi((char *)vId) : 0, ilvl = vLvl ? atoi((char *)vLvl) : 0;
  xmlFree(vId);
  xmlFree(vLvl);
  char zLabel[48];
  docx_num_label(pNum, numId, ilvl, zLabel, sizeof zLabel);
  if (zLabel[0] == '\0') return;
  vp_buf_appends(pOut, zLabel, pRc);
  vp_buf_append(pOut, " ", 1, pRc);
}

/* A paragraph: its list label and text, then an empty line; bold lines as
** **…**. */
static void render_p(xmlNodePtr pP, docx_num *pNum, vp_buf *pOut, int *pRc) {
  vp_buf t = {0};
  int nRun = 0, nBold = 0;
  gather(pP, &t, &nRun, &nBold, pRc);
  if (t.n) {
    /* the label goes before the text, inside a bold run if any */
    vp_buf lab = {0};
    num_label(pP, pNum, &lab, pRc);
    if (lab.n) {
      vp_buf_append(&lab, t.z, t.n, pRc);
      vp_buf_free(&t);
      t = lab;
    }
  }
  const char *z = t.z ? t.z : "";
  size_t n = t.n;
  render_trim(&z, &n);
  if (n && *pRc == VP_OK) {
    int bBold = heading_style(pP) || (nRun > 0 && nBold == nRun);
    if (!bBold) {
      vp_buf_append(pOut, z, n, pRc);
    } else {
      /* one bold span over its lines (w:br), as Markdown wraps it: the
      ** reader reads "**IV. PHÂN\nCÔNG NHIỆM VỤ**" as one heading */
      vp_buf_append(pOut, "**", 2, pRc);
      vp_buf_append(pOut, z, n, pRc);
      vp_buf_append(pOut, "**", 2, pRc);
    }
    vp_buf_append(pOut, "\n\n", 2, pRc);
  }
  vp_buf_free(&t);
}

/* A cell's text: its paragraphs (and nested tables' cells) joined with
** spaces, whitespace runs as one space, '|' as '/'. */
static void cell_text(xmlNodePtr pTc, docx_num *pNum, vp_buf *pOut, int *pRc) {
  for (xmlNodePtr c = pTc->children; c && *pRc == VP_OK; c = c->next) {
    if (zipxml_is(c, "p")) {
      vp_buf t = {0};
      int nRun = 0, nBold = 0;
      num_label(c, pNum, &t, pRc);
      gather(c, &t, &nRun, &nBold, pRc);
      for (size_t i = 0; i < t.n; i++) {
        char ch = t.z[i];
        if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
        if (ch == '|') ch = '/';
        if (ch == ' ' && (pOut->n == 0 || pOut->z[pOut->n - 1] == ' ')) continue;
        vp_buf_append(pOut, &ch, 1, pRc);
      }
      if (pOut->n && pOut->z[pOut->n - 1] != ' ') vp_buf_append(pOut, " ", 1, pRc);
      vp_buf_free(&t);
    } else if (c->type == XML_ELEMENT_NODE && !zipxml_is(c, "tcPr")) {
      cell_text(c, pNum, pOut, pRc); /* nested tables, rows, cells, content controls */
    }
  }
}

/* Cells of one row, gridSpan and vMerge applied; returns the column count. */
static int render_tr(xmlNodePtr pTr, docx_num *pNum, vp_buf *pOut, int *pRc) {
  int nCol = 0;
  vp_buf_append(pOut, "|", 1, pRc);
  for (xmlNodePtr c = pTr->children; c && *pRc == VP_OK; c = c->next) {
    xmlNodePtr pTc = c;
    if (zipxml_is(c, "sdt")) pTc = zipxml_child(zipxml_child(c, "sdtContent"), "tc");
    if (!zipxml_is(pTc, "tc")) continue;
    xmlNodePtr pPr = zipxml_child(pTc, "tcPr");
    int nSpan = 1;
    xmlChar *v = wval(zipxml_child(pPr, "gridSpan"));
    if (v) nSpan = atoi((char *)v);
    xmlFree(v);
    if (nSpan < 1) nSpan = 1;
    if (nSpan > 64) nSpan = 64;
    int bCont = 0;
    xmlNodePtr pVm = zipxml_child(pPr, "vMerge");
    if (pVm) {
      v = wval(pVm);
      bCont = v == NULL || strcmp((char *)v, "continue") == 0;
      xmlFree(v);
    }
    vp_buf t = {0};
    if (!bCont) cell_text(pTc, pNum, &t, pRc);
    const char *z = t.z ? t.z : "";
    size_t n = t.n;
    render_trim(&z, &n);
    vp_buf_append(pOut, " ", 1, pRc);
    vp_buf_append(pOut, z, n, pRc);
    vp_buf_append(pOut, " |", 2, pRc);
    vp_buf_free(&t);
    for (int i = 1; i < nSpan; i++) vp_buf_append(pOut, "  |", 3, pRc);
    nCol += nSpan;
  }
  vp_buf_append(pOut, "\n", 1, pRc);
  return nCol;
}

static void render_blocks(xmlNodePtr p, docx_num *pNum, vp_buf *pOut, int *pRc);

/* The row of a table (w:tr, also inside a content control) at c, or NULL. */
static xmlNodePtr row_at(xmlNodePtr c) {
  if (zipxml_is(c, "sdt")) c = zipxml_child(zipxml_child(c, "sdtContent"), "tr");
  return zipxml_is(c, "tr") ? c : NULL;
}

/* The cell (w:tc, also inside a content control) at c, or NULL. */
static xmlNodePtr cell_at(xmlNodePtr c) {
  if (zipxml_is(c, "sdt")) c = zipxml_child(zipxml_child(c, "sdtContent"), "tc");
  return zipxml_is(c, "tc") ? c : NULL;
}

/* Is the table a layout table: one or two rows of at most two cells, as an
** official document's header block (issuer | motto / "Số: …" | place and
** date) and its signature beside "Nơi nhận" are set? */
static int is_layout_table(xmlNodePtr pTbl) {
  int nRow = 0;
  for (xmlNodePtr c = pTbl->children; c; c = c->next) {
    xmlNodePtr pTr = row_at(c);
    if (pTr == NULL) continue;
    if (++nRow > 2) return 0;
    int nCell = 0;
    for (xmlNodePtr d = pTr->children; d; d = d->next)
      if (cell_at(d) && ++nCell > 2) return 0;
  }
  return nRow > 0;
}

/* A layout table written in the reader's form for layout tables, the
** portal's (pipecells.c): a bare "|" line opens a row and closes each
** cell, a cell's paragraphs one a line between. The header block's fields
** keep their cells and lines (an issuer over two lines stays one issuer),
** as the reader reads them from the portal's copy of the same document. */
static void render_layout_tbl(xmlNodePtr pTbl, docx_num *pNum, vp_buf *pOut, int *pRc) {
  for (xmlNodePtr c = pTbl->children; c && *pRc == VP_OK; c = c->next) {
    xmlNodePtr pTr = row_at(c);
    if (pTr == NULL) continue;
    vp_buf_append(pOut, "|\n", 2, pRc);
    for (xmlNodePtr d = pTr->children; d && *pRc == VP_OK; d = d->next) {
      xmlNodePtr pTc = cell_at(d);
      if (pTc == NULL) continue;
      vp_buf t = {0};
      render_blocks(pTc, pNum, &t, pRc);
      render_layout_cell(pOut, t.z ? t.z : "", t.n, pRc);
      vp_buf_free(&t);
    }
  }
  vp_buf_append(pOut, "\n", 1, pRc);
}

static void render_tbl(xmlNodePtr pTbl, docx_num *pNum, vp_buf *pOut, int *pRc) {
  if (is_layout_table(pTbl)) {
    render_layout_tbl(pTbl, pNum, pOut, pRc);
    return;
  }
  int nRow = 0;
  for (xmlNodePtr c = pTbl->children; c && *pRc == VP_OK; c = c->next) {
    xmlNodePtr pTr = c;
    if (zipxml_is(c, "sdt")) pTr = zipxml_child(zipxml_child(c, "sdtContent"), "tr");
    if (!zipxml_is(pTr, "tr")) continue;
    int nCol = render_tr(pTr, pNum, pOut, pRc);
    if (nRow++ == 0) {
      vp_buf_append(pOut, "|", 1, pRc);
      for (int i = 0; i < (nCol ? nCol : 1); i++) vp_buf_append(pOut, "---|", 4, pRc);
      vp_buf_append(pOut, "\n", 1, pRc);
    }
  }
  if (nRow) vp_buf_append(pOut, "\n", 1, pRc);
}

/* Block content: paragraphs and tables, in content controls and the like. */
static void render_blocks(xmlNodePtr p, docx_num *pNum, vp_buf *pOut, int *pRc) {
  for (xmlNodePtr c = p->children; c && *pRc == VP_OK; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (zipxml_is(c, "p")) render_p(c, pNum, pOut, pRc);
    else if (zipxml_is(c, "tbl")) render_tbl(c, pNum, pOut, pRc);
    else if (!zipxml_is(c, "sectPr")) render_blocks(c, pNum, pOut, pRc);
  }
}

/* The footnotes, separators left out. */
static void render_footnotes(xmlDocPtr doc, vp_buf *pOut, int *pRc) {
  xmlNodePtr pRoot = xmlDocGetRootElement(doc);
  for (xmlNodePtr c = pRoot ? pRoot->children : NULL; c && *pRc == VP_OK; c = c->next) {
    if (!zipxml_is(c, "footnote") && !zipxml_is(c, "endnote")) continue;
    int bSep = 0;
    for (xmlAttrPtr a = c->properties; a; a = a->next)
      if (strcmp((const char *)a->name, "type") == 0) bSep = 1;
    if (!bSep) render_blocks(c, NULL, pOut, pRc);
  }
}

/* ---- the renderer ---- */

int vp_format_docx_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  char *zErrLocal = NULL;
  char **pzE = pzErr ? pzErr : &zErrLocal;
  *pzE = NULL;
  zip_t *za = NULL;
  int rcOpen = zipxml_open(z, n, "DOCX", &za, pzE);
  if (rcOpen != VP_OK) {
    free(zErrLocal);
    return rcOpen;
  }

  char *zDoc = NULL, *zNotes = NULL, *zNum = NULL;
  size_t nDoc = 0, nNotes = 0, nNum = 0;
  int rc = zipxml_part(za, "word/document.xml", "DOCX", &zDoc, &nDoc, pzE);
  if (rc == VP_ENOTFOUND) {
    *pzE = vp_mprintf("not a DOCX: no word/document.xml in the zip");
    rc = VP_EINPUT;
  }
  if (rc == VP_OK) {
    rc = zipxml_part(za, "word/footnotes.xml", "DOCX", &zNotes, &nNotes, pzE);
    if (rc == VP_ENOTFOUND) rc = VP_OK;
  }
  if (rc == VP_OK) {
    rc = zipxml_part(za, "word/numbering.xml", "DOCX", &zNum, &nNum, pzE);
    if (rc == VP_ENOTFOUND) rc = VP_OK;
  }
  zip_discard(za);

  xmlDocPtr doc = NULL, notes = NULL, nums = NULL;
  if (rc == VP_OK) rc = zipxml_parse("DOCX", "word/document.xml", zDoc, nDoc, &doc, pzE);
  if (rc == VP_OK && zNotes) rc = zipxml_parse("DOCX", "word/footnotes.xml", zNotes, nNotes, &notes, pzE);
  if (rc == VP_OK && zNum) rc = zipxml_parse("DOCX", "word/numbering.xml", zNum, nNum, &nums, pzE);
  free(zDoc);
  free(zNotes);
  free(zNum);
  docx_num *pNum = NULL;
  if (rc == VP_OK && (pNum = docx_num_load(nums)) == NULL) rc = VP_ENOMEM;
  if (nums) xmlFreeDoc(nums);

  vp_buf out = {0};
  if (rc == VP_OK) {
    xmlNodePtr pRoot = xmlDocGetRootElement(doc);
    xmlNodePtr pBody = zipxml_child(pRoot, "body");
    if (!zipxml_is(pRoot, "document") || pBody == NULL) {
      *pzE = vp_mprintf("not a DOCX: word/document.xml has no w:document/w:body");
      rc = VP_EINPUT;
    } else {
      render_blocks(pBody, pNum, &out, &rc);
      if (notes) render_footnotes(notes, &out, &rc);
    }
  }
  docx_num_free(pNum);
  if (doc) xmlFreeDoc(doc);
  if (notes) xmlFreeDoc(notes);
  if (rc == VP_OK) {
    *pnOut = out.n;
    *pzOut = vp_buf_take(&out);
    if (*pzOut == NULL) rc = VP_ENOMEM;
  }
  vp_buf_free(&out);
  if (rc != VP_OK) {
    *pnOut = 0;
    if (rc == VP_EINPUT && *pzE == NULL) *pzE = vp_mprintf("damaged DOCX");
  }
  free(zErrLocal);
  return rc;
}
