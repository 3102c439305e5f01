/*
** format_odt.c — the ODT renderer (vp_format.h): content.xml and styles.xml
** read from the zip (zipxml.c), or a flat .fodt document, and written as the
** reader's text, as format_docx.c writes a DOCX: each text:p and text:h a
** paragraph (text:s spaces, text:tab a space, text:line-break a newline),
** a heading or an all-bold paragraph as a **bold** line, a list item with
** the label LibreOffice shows ("1.", "a)", "II.", "-": odt_style.c), a
** numbered heading with its outline label, tables as Markdown pipe rows
** with a separator after the first (a cell's paragraphs joined with
** spaces, a covered cell empty) — but a layout table (at most two rows of
** at most two cells: the header block, the signature beside "Nơi nhận") in
** the portal's form for such tables —, footnotes and endnotes as paragraphs
** at the end. Tracked deletions, annotations, tables of contents and
** drawings' captions are left out.
**
** Hostile files are refused with VP_EINPUT as DOCX files are (zipxml.h: a
** damaged zip, a part over 64 MB, malformed XML, a DTD or entities); an
** encrypted (password-protected) ODT, a zip without content.xml, or an
** OpenDocument that is not a text (a spreadsheet renamed) are named as such.
*/
#include "vp_format.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <zip.h>

#include "odt_style.h"
#include "vp_common.h"
#include "render_text.h"
#include "zipxml.h"

#define LABEL_MAX 64
#define SPACES_MAX 8 /* text:s c="…": more spaces say nothing more */

typedef struct odt_ctx {
  odt_style *pStyle;
  vp_buf notes; /* footnote and endnote bodies, rendered */
  int bInCell;  /* rendering a table cell's text: no bold marks */
  int rc;
} odt_ctx;



/* An attribute by local name, malloc'd by libxml2 (xmlFree), or NULL. */
static char *prop(xmlNodePtr p, const char *zName) {
  return p ? (char *)xmlGetProp(p, (const xmlChar *)zName) : NULL;
}

static int prop_int(xmlNodePtr p, const char *zName, int iDefault) {
  char *z = prop(p, zName);
  int v = z && z[0] ? atoi(z) : iDefault;
  xmlFree(z);
  return v;
}

static void render_blocks(xmlNodePtr p, odt_ctx *x, vp_buf *pOut);
static void render_table(xmlNodePtr pTable, odt_ctx *x, vp_buf *pOut);

/* The run state of a paragraph's inline text: how many pieces of text it
** has and how many of them are bold. */
typedef struct runs {
  int nRun, nBold;
} runs;

/* Append the inline content of p: text (white space collapsed, as ODF
** says), text:s, text:tab, text:line-break, spans with their style's bold
** and capitals, links, fields; a note's body goes to the notes. */
static void gather(xmlNodePtr p, odt_ctx *x, int bBold, int bCaps, vp_buf *pOut, runs *r) {
  for (xmlNodePtr c = p->children; c && x->rc == VP_OK; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      size_t n0 = pOut->n;
      int bText = 0;
      for (const char *z = (const char *)c->content; z && *z; z++) {
        char ch = (*z == '\n' || *z == '\t' || *z == '\r') ? ' ' : *z;
        if (ch == ' ' && (pOut->n == 0 || pOut->z[pOut->n - 1] == ' ' || pOut->z[pOut->n - 1] == '\n'))
          continue;
        if (ch != ' ') bText = 1;
        vp_buf_append(pOut, &ch, 1, &x->rc);
      }
      if (bCaps) render_upper_from(pOut, n0, &x->rc);
      if (bText) {
        r->nRun++;
        r->nBold += bBold;
      }
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *zN = (const char *)c->name;
    if (strcmp(zN, "s") == 0) {
      int k = prop_int(c, "c", 1);
      for (int i = 0; i < (k < 1 ? 1 : k > SPACES_MAX ? SPACES_MAX : k); i++)
        vp_buf_append(pOut, " ", 1, &x->rc);
    } else if (strcmp(zN, "tab") == 0) {
      vp_buf_append(pOut, " ", 1, &x->rc);
    } else if (strcmp(zN, "line-break") == 0) {
      vp_buf_append(pOut, "\n", 1, &x->rc);
    } else if (strcmp(zN, "span") == 0 || strcmp(zN, "a") == 0) {
      char *zStyle = prop(c, "style-name");
      int b = bBold, k = bCaps;
      odt_style_text(x->pStyle, 0, zStyle, &b, &k);
      xmlFree(zStyle);
      gather(c, x, b, k, pOut, r);
    } else if (strcmp(zN, "note") == 0) {
      xmlNodePtr pBody = zipxml_child(c, "note-body");
      if (pBody) render_blocks(pBody, x, &x->notes);
    } else if (strcmp(zN, "p") == 0 || strcmp(zN, "h") == 0) {
      /* a text box's paragraphs, inside a frame in this paragraph */
      if (pOut->n && pOut->z[pOut->n - 1] != '\n') vp_buf_append(pOut, "\n", 1, &x->rc);
      gather(c, x, bBold, bCaps, pOut, r);
      vp_buf_append(pOut, "\n", 1, &x->rc);
    } else if (strcmp(zN, "number") == 0 || strcmp(zN, "annotation") == 0 ||
               strcmp(zN, "annotation-end") == 0 || strcmp(zN, "ruby-text") == 0 ||
               strcmp(zN, "tracked-changes") == 0 || strcmp(zN, "deletion") == 0 ||
               strcmp(zN, "soft-page-break") == 0 || strcmp(zN, "bookmark") == 0 ||
               strcmp(zN, "reference-mark") == 0 || strcmp(zN, "change") == 0 ||
               strcmp(zN, "desc") == 0 || strcmp(zN, "title") == 0 ||
               strcmp(zN, "image") == 0) {
      continue;
    } else {
      gather(c, x, bBold, bCaps, pOut, r); /* fields, ruby bases, meta, frames, text boxes */
    }
  }
}

/* The label a paragraph caches for itself (text:number), if any. */
static int cached_label(xmlNodePtr pP, char *zOut, size_t nOut) {
  xmlNodePtr pNum = zipxml_child(pP, "number");
  if (pNum == NULL) return 0;
  xmlChar *z = xmlNodeGetContent(pNum);
  int b = z && z[0];
  if (b) {
    const char *s = (const char *)z;
    size_t n = strlen(s);
    render_trim(&s, &n);
    if (n >= nOut) n = nOut - 1;
    memcpy(zOut, s, n);
    zOut[n] = '\0';
    b = n > 0;
  }
  xmlFree(z);
  return b;
}

/* A paragraph or heading: its label (zLabel, may be empty) and text, then
** an empty line; a heading or an all-bold paragraph as **…**. */
static void render_p(xmlNodePtr pP, odt_ctx *x, const char *zLabel, vp_buf *pOut) {
  char *zStyle = prop(pP, "style-name");
  int bBold = 0, bCaps = 0;
  int bHeading = odt_style_text(x->pStyle, 1, zStyle, &bBold, &bCaps) || zipxml_is(pP, "h");
  xmlFree(zStyle);
  vp_buf t = {0};
  runs r = {0, 0};
  if (zLabel && zLabel[0]) {
    vp_buf_appends(&t, zLabel, &x->rc);
    vp_buf_append(&t, " ", 1, &x->rc);
  }
  size_t nLabel = t.n;
  gather(pP, x, bBold, bCaps, &t, &r);
  const char *z = t.z ? t.z : "";
  size_t n = t.n;
  if (n == nLabel) n = 0; /* a label over no text: an empty item */
  render_trim(&z, &n);
  if (n && x->rc == VP_OK) {
    if (x->bInCell) {
      vp_buf_append(pOut, z, n, &x->rc);
      vp_buf_append(pOut, "\n", 1, &x->rc);
    } else if (bHeading || (r.nRun > 0 && r.nBold == r.nRun)) {
      /* one bold span over its lines, as the reader reads a wrapped heading */
      vp_buf_append(pOut, "**", 2, &x->rc);
      vp_buf_append(pOut, z, n, &x->rc);
      vp_buf_append(pOut, "**\n\n", 4, &x->rc);
    } else {
      vp_buf_append(pOut, z, n, &x->rc);
      vp_buf_append(pOut, "\n\n", 2, &x->rc);
    }
  }
  vp_buf_free(&t);
}

/* A heading outside a list: its cached label, else its outline label. */
static void render_h(xmlNodePtr pH, odt_ctx *x, vp_buf *pOut) {
  char zLabel[LABEL_MAX] = "";
  if (!cached_label(pH, zLabel, sizeof zLabel)) {
    char *zHeader = prop(pH, "is-list-header");
    int bNoNumber = zHeader && strcmp(zHeader, "true") == 0;
    xmlFree(zHeader);
    if (!bNoNumber) odt_style_outline_label(x->pStyle, prop_int(pH, "outline-level", 1), zLabel, sizeof zLabel);
  }
  render_p(pH, x, zLabel, pOut);
}

/* A list (text:list) at iLevel of counter set iList, items labelled by
** list style zStyle (a nested list's own style, else its parent's). */
static void render_list(xmlNodePtr pList, odt_ctx *x, int iList, int iLevel, const char *zStyle,
                        vp_buf *pOut) {
  char *zOwn = prop(pList, "style-name");
  const char *zUse = zOwn && zOwn[0] ? zOwn : zStyle;
  if (iList < 0) {
    char *zId = prop(pList, "id"), *zCont = prop(pList, "continue-list");
    char *zNum = prop(pList, "continue-numbering");
    iList = odt_style_list_begin(x->pStyle, zUse, zId, zCont, zNum && strcmp(zNum, "true") == 0);
    xmlFree(zId);
    xmlFree(zCont);
    xmlFree(zNum);
    if (iList < 0) x->rc = VP_ENOMEM;
  }
  for (xmlNodePtr item = pList->children; item && x->rc == VP_OK; item = item->next) {
    int bHeader = zipxml_is(item, "list-header");
    if (!bHeader && !zipxml_is(item, "list-item")) continue;
    int bFirst = 1;
    for (xmlNodePtr c = item->children; c && x->rc == VP_OK; c = c->next) {
      if (zipxml_is(c, "p") || zipxml_is(c, "h")) {
        char zLabel[LABEL_MAX] = "";
        if (bFirst && !bHeader && !cached_label(c, zLabel, sizeof zLabel))
          odt_style_list_label(x->pStyle, iList, zUse, iLevel, prop_int(item, "start-value", 0), zLabel,
                               sizeof zLabel);
        bFirst = 0;
        render_p(c, x, zLabel, pOut);
      } else if (zipxml_is(c, "list")) {
        render_list(c, x, iList, iLevel + 1 < 10 ? iLevel + 1 : 9, zUse, pOut);
      } else if (zipxml_is(c, "table")) {
        bFirst = 0;
        render_table(c, x, pOut); /* a table in an item */
      } else if (c->type == XML_ELEMENT_NODE) {
        render_blocks(c, x, pOut); /* sections and the like that hold blocks */
      }
    }
  }
  xmlFree(zOwn);
}

/* ---- tables ---- */

/* The rows of a table, in order, through header rows and row groups. */
static int collect_rows(xmlNodePtr p, xmlNodePtr *aRow, int nRow, int nMax) {
  for (xmlNodePtr c = p->children; c && nRow < nMax; c = c->next) {
    if (zipxml_is(c, "table-row")) aRow[nRow++] = c;
    else if (zipxml_is(c, "table-header-rows") || zipxml_is(c, "table-rows") || zipxml_is(c, "table-row-group"))
      nRow = collect_rows(c, aRow, nRow, nMax);
  }
  return nRow;
}

static int is_cell(xmlNodePtr c) { return zipxml_is(c, "table-cell") || zipxml_is(c, "covered-table-cell"); }

/* A cell's text, its paragraphs and lists (with their labels) rendered
** without bold marks, into pOut (one line each). */
static void cell_blocks(xmlNodePtr pCell, odt_ctx *x, vp_buf *pOut) {
  int bWas = x->bInCell;
  x->bInCell = 1;
  render_blocks(pCell, x, pOut);
  x->bInCell = bWas;
}

/* Is the table a layout table: at most two rows of at most two cells? */
static int is_layout_table(xmlNodePtr *aRow, int nRow) {
  if (nRow < 1 || nRow > 2) return 0;
  for (int i = 0; i < nRow; i++) {
    int nCell = 0;
    for (xmlNodePtr c = aRow[i]->children; c; c = c->next)
      if (is_cell(c) && ++nCell > 2) return 0;
  }
  return 1;
}

/* The portal's form of a layout table (pipecells.c): a bare "|" line opens
** a row and closes each cell, a cell's paragraphs one a line between. */
static void render_layout_table(xmlNodePtr *aRow, int nRow, odt_ctx *x, vp_buf *pOut) {
  for (int i = 0; i < nRow && x->rc == VP_OK; i++) {
    vp_buf_append(pOut, "|\n", 2, &x->rc);
    for (xmlNodePtr c = aRow[i]->children; c && x->rc == VP_OK; c = c->next) {
      if (!is_cell(c)) continue;
      vp_buf t = {0};
      render_blocks(c, x, &t); /* bold lines kept, as a DOCX's */
      render_layout_cell(pOut, t.z ? t.z : "", t.n, &x->rc);
      vp_buf_free(&t);
    }
  }
  vp_buf_append(pOut, "\n", 1, &x->rc);
}

/* One row as "| a | b |": a cell's lines joined with spaces, '|' as '/', a
** covered cell (under a merge) empty; returns its column count. */
static int render_row(xmlNodePtr pRow, odt_ctx *x, vp_buf *pOut) {
  int nCol = 0;
  vp_buf_append(pOut, "|", 1, &x->rc);
  for (xmlNodePtr c = pRow->children; c && x->rc == VP_OK; c = c->next) {
    if (!is_cell(c)) continue;
    int nRepeat = prop_int(c, "number-columns-repeated", 1);
    nRepeat = nRepeat < 1 ? 1 : nRepeat > 64 ? 64 : nRepeat;
    vp_buf t = {0}, cell = {0};
    if (zipxml_is(c, "table-cell")) cell_blocks(c, x, &t);
    for (size_t k = 0; k < t.n; k++) {
      char ch = t.z[k] == '\n' ? ' ' : t.z[k] == '|' ? '/' : t.z[k];
      if (ch == ' ' && (cell.n == 0 || cell.z[cell.n - 1] == ' ')) continue;
      vp_buf_append(&cell, &ch, 1, &x->rc);
    }
    const char *z = cell.z ? cell.z : "";
    size_t n = cell.n;
    render_trim(&z, &n);
    for (int i = 0; i < nRepeat; i++) {
      vp_buf_append(pOut, " ", 1, &x->rc);
      vp_buf_append(pOut, z, n, &x->rc);
      vp_buf_append(pOut, " |", 2, &x->rc);
      nCol++;
    }
    vp_buf_free(&t);
    vp_buf_free(&cell);
  }
  vp_buf_append(pOut, "\n", 1, &x->rc);
  return nCol;
}

#define ROWS_MAX 100000

static void render_table(xmlNodePtr pTable, odt_ctx *x, vp_buf *pOut) {
  int nMax = 0;
  for (xmlNodePtr c = pTable->children; c; c = c->next) nMax++; /* rows, at most */
  for (xmlNodePtr c = pTable->children; c; c = c->next)
    for (xmlNodePtr d = c->children; d; d = d->next) nMax++; /* rows in groups */
  if (nMax > ROWS_MAX) nMax = ROWS_MAX;
  xmlNodePtr *aRow = nMax ? malloc((size_t)nMax * sizeof *aRow) : NULL;
  if (nMax && aRow == NULL) {
    x->rc = VP_ENOMEM;
    return;
  }
  int nRow = collect_rows(pTable, aRow, 0, nMax);
  if (x->bInCell) { /* a table inside a cell: its cells' lines */
    for (int i = 0; i < nRow; i++)
      for (xmlNodePtr c = aRow[i]->children; c; c = c->next)
        if (zipxml_is(c, "table-cell")) render_blocks(c, x, pOut);
  } else if (is_layout_table(aRow, nRow)) {
    render_layout_table(aRow, nRow, x, pOut);
  } else if (nRow) {
    for (int i = 0; i < nRow && x->rc == VP_OK; i++) {
      int nCol = render_row(aRow[i], x, pOut);
      if (i == 0) {
        vp_buf_append(pOut, "|", 1, &x->rc);
        for (int k = 0; k < (nCol ? nCol : 1); k++) vp_buf_append(pOut, "---|", 4, &x->rc);
        vp_buf_append(pOut, "\n", 1, &x->rc);
      }
    }
    vp_buf_append(pOut, "\n", 1, &x->rc);
  }
  free(aRow);
}

/* ---- blocks ---- */

/* Block content: paragraphs, headings, lists, tables, and sections and the
** like that hold them; indexes (a table of contents repeats the headings),
** declarations, forms and tracked changes left out. */
static void render_blocks(xmlNodePtr p, odt_ctx *x, vp_buf *pOut) {
  for (xmlNodePtr c = p->children; c && x->rc == VP_OK; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *zN = (const char *)c->name;
    if (strcmp(zN, "p") == 0) render_p(c, x, NULL, pOut);
    else if (strcmp(zN, "h") == 0) render_h(c, x, pOut);
    else if (strcmp(zN, "list") == 0) render_list(c, x, -1, 0, NULL, pOut);
    else if (strcmp(zN, "table") == 0) render_table(c, x, pOut);
    else if (strcmp(zN, "section") == 0 || strcmp(zN, "text") == 0 || strcmp(zN, "div") == 0 ||
             strcmp(zN, "numbered-paragraph") == 0)
      render_blocks(c, x, pOut);
    /* table-of-content, alphabetical-index, sequence-decls, forms,
    ** tracked-changes, variable-decls …: not the document's own text */
  }
}

/* office:body/office:text of a parsed content.xml or .fodt, or NULL. */
static xmlNodePtr body_text(xmlDocPtr doc) {
  xmlNodePtr pRoot = doc ? xmlDocGetRootElement(doc) : NULL;
  return zipxml_child(zipxml_child(pRoot, "body"), "text");
}

/* Render office:text with the styles of pStyles and pContent. */
static int render_doc(xmlDocPtr pStyles, xmlDocPtr pContent, vp_buf *pOut, char **pzErr) {
  xmlNodePtr pText = body_text(pContent);
  if (pText == NULL) {
    *pzErr = vp_mprintf("not an ODT text document: no office:body/office:text");
    return VP_EINPUT;
  }
  odt_ctx x = {odt_style_load(pStyles, pContent), {0}, 0, VP_OK};
  if (x.pStyle == NULL) return VP_ENOMEM;
  render_blocks(pText, &x, pOut);
  if (x.rc == VP_OK && x.notes.n) vp_buf_append(pOut, x.notes.z, x.notes.n, &x.rc);
  vp_buf_free(&x.notes);
  odt_style_free(x.pStyle);
  return x.rc;
}

/* Refuse what is no ODT text before parsing: an encrypted package (its
** parts are ciphertext) or another OpenDocument (mimetype). */
static int check_package(zip_t *za, char **pzErr) {
  char *z = NULL;
  size_t n = 0;
  int rc = zipxml_part(za, "META-INF/manifest.xml", "ODT", &z, &n, pzErr);
  if (rc == VP_OK && strstr(z, "encryption-data")) {
    *pzErr = vp_mprintf("encrypted ODT (password-protected): its text cannot be read");
    rc = VP_EINPUT;
  }
  free(z);
  if (rc != VP_OK && rc != VP_ENOTFOUND) return rc;
  rc = zipxml_part(za, "mimetype", "ODT", &z, &n, pzErr);
  if (rc == VP_OK && strncmp(z, "application/vnd.oasis.opendocument.", 35) == 0 &&
      strncmp(z + 35, "text", 4) != 0) {
    *pzErr = vp_mprintf("not an ODT text document (mimetype %.60s)", z);
    rc = VP_EINPUT;
  }
  free(z);
  return rc == VP_ENOTFOUND ? VP_OK : rc;
}

static int finish(int rc, vp_buf *pOut, char **pzOut, size_t *pnOut, char **pzE) {
  if (rc == VP_OK) return vp_format_take_nfc(pOut, "ODT", pzOut, pnOut, pzE);
  vp_buf_free(pOut);
  if (rc == VP_EINPUT && *pzE == NULL) *pzE = vp_mprintf("damaged ODT");
  return rc;
}

int vp_format_odt_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  char *zErrLocal = NULL;
  char **pzE = pzErr ? pzErr : &zErrLocal;
  *pzE = NULL;
  zip_t *za = NULL;
  int rc = zipxml_open(z, n, "ODT", &za, pzE);
  char *zContent = NULL, *zStyles = NULL;
  size_t nContent = 0, nStyles = 0;
  if (rc == VP_OK) rc = check_package(za, pzE);
  if (rc == VP_OK) {
    rc = zipxml_part(za, "content.xml", "ODT", &zContent, &nContent, pzE);
    if (rc == VP_ENOTFOUND) {
      *pzE = vp_mprintf("not an ODT: no content.xml in the zip");
      rc = VP_EINPUT;
    }
  }
  if (rc == VP_OK) {
    rc = zipxml_part(za, "styles.xml", "ODT", &zStyles, &nStyles, pzE);
    if (rc == VP_ENOTFOUND) rc = VP_OK;
  }
  if (za) zip_discard(za);
  xmlDocPtr content = NULL, styles = NULL;
  if (rc == VP_OK) rc = zipxml_parse("ODT", "content.xml", zContent, nContent, &content, pzE);
  if (rc == VP_OK && zStyles) rc = zipxml_parse("ODT", "styles.xml", zStyles, nStyles, &styles, pzE);
  free(zContent);
  free(zStyles);
  vp_buf out = {0};
  if (rc == VP_OK) rc = render_doc(styles, content, &out, pzE);
  if (content) xmlFreeDoc(content);
  if (styles) xmlFreeDoc(styles);
  rc = finish(rc, &out, pzOut, pnOut, pzE);
  free(zErrLocal);
  return rc;
}

int vp_format_fodt_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  char *zErrLocal = NULL;
  char **pzE = pzErr ? pzErr : &zErrLocal;
  *pzE = NULL;
  xmlDocPtr doc = NULL;
  int rc = zipxml_parse("FODT", "document", z, n, &doc, pzE);
  vp_buf out = {0};
  if (rc == VP_OK) rc = render_doc(NULL, doc, &out, pzE);
  if (doc) xmlFreeDoc(doc);
  rc = finish(rc, &out, pzOut, pnOut, pzE);
  free(zErrLocal);
  return rc;
}
