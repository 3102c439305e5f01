/*
** format_html.c — the HTML renderer (vp_format.h): a saved web page (a legal
** portal's page with the document inside its menus) parsed with libxml2's
** HTML parser (no network, the page's own <meta charset> honoured) and its
** DOM walked in document order into the reader's text: block elements end
** paragraphs, <br> ends a line, h1–h6 become "# …" lines, <li> "- …" (in
** an <ol> its number as the list writes it: "4. ", "b) "), b and
** strong **…**, tables Markdown pipe rows (a cell's text collapsed to one
** line, colspan as empty cells, "|---|" after the first row). Scripts,
** styles, nav, header, footer, form controls and svg are skipped. The text
** out is NFC UTF-8. Not for telling the document from the portal's menus:
** the reader's furniture rules do that (furniture.c).
*/
#include "vp_format.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "vp_common.h"

#define HTML_MAX_BYTES (64u * 1024u * 1024u)
#define HTML_MAX_DEPTH 1000
#define HTML_MAX_LISTS 16 /* nested lists counted; deeper ones bulleted */

typedef struct Render {
  vp_buf out;       /* the text */
  vp_buf cell;      /* the current table cell's text */
  int rc;
  int bSpace;       /* a space is due before the next word */
  int nBold;        /* b/strong elements open */
  int bBoldOpen;    /* "**" written and not yet closed */
  const char *zPrefix; /* "# ", "- " … due before the next word of the line */
  int nTable;       /* tables open */
  int bInCell;      /* inside a td/th of the outermost table */
  char **azCell;    /* the current row's cells */
  int nCell, nCellAlloc;
  int nRow;         /* rows written in the current table */
  char zHead[8];    /* heading prefix storage */
  struct {          /* the lists open: ordered ones count their items */
    char cType;     /* '1', 'a', 'A', 'i', 'I'; 0 for a <ul> */
    int n;          /* the last item's number */
  } aList[HTML_MAX_LISTS];
  int nList;
  char zItem[24];   /* a list item's label: "4. ", "b) ", "- " */
} Render;

static vp_buf *target(Render *r) { return r->bInCell ? &r->cell : &r->out; }

static int at_line_start(Render *r) {
  vp_buf *b = target(r);
  return b->n == 0 || (!r->bInCell && b->z[b->n - 1] == '\n');
}

static void close_bold(Render *r) {
  if (r->bBoldOpen) {
    vp_buf_append(target(r), "**", 2, &r->rc);
    r->bBoldOpen = 0;
  }
}

/* End the line (nl 1) or the paragraph (nl 2); inside a cell, a space. A
** label due (a list item's "4. ") stays due: a block opening inside the
** item (<li><p>…) does not lose it. */
static void brk_keep(Render *r, int nl) {
  if (r->bInCell) {
    r->bSpace = 1;
    return;
  }
  close_bold(r);
  r->bSpace = 0;
  vp_buf *b = &r->out;
  if (b->n == 0) return;
  int have = 0;
  while (have < nl && (size_t)have < b->n && b->z[b->n - 1 - have] == '\n') have++;
  for (; have < nl; have++) vp_buf_append(b, "\n", 1, &r->rc);
}

/* End the line (nl 1) or the paragraph (nl 2); inside a cell, a space. */
static void brk(Render *r, int nl) {
  r->zPrefix = NULL;
  brk_keep(r, nl);
}

static int is_ws(const unsigned char *z, size_t i, size_t n, size_t *pLen) {
  unsigned char c = z[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *pLen = 1;
    return 1;
  }
  if (c == 0xC2 && i + 1 < n && z[i + 1] == 0xA0) { /* NBSP */
    *pLen = 2;
    return 1;
  }
  return 0;
}

/* Write a text node's words, whitespace collapsed; '|' in a cell as '/'. */
static void text(Render *r, const unsigned char *z) {
  size_t n = strlen((const char *)z), i = 0, k;
  while (i < n) {
    if (is_ws(z, i, n, &k)) {
      r->bSpace = 1;
      i += k;
      continue;
    }
    size_t j = i;
    while (j < n && !is_ws(z, j, n, &k)) j++;
    vp_buf *b = target(r);
    if (r->bSpace && !at_line_start(r)) vp_buf_append(b, " ", 1, &r->rc);
    r->bSpace = 0;
    if (r->zPrefix && !r->bInCell && at_line_start(r)) vp_buf_appends(b, r->zPrefix, &r->rc);
    r->zPrefix = NULL;
    if (r->nBold > 0 && !r->bBoldOpen) {
      vp_buf_append(b, "**", 2, &r->rc);
      r->bBoldOpen = 1;
    }
    if (r->bInCell) {
      for (size_t m = i; m < j; m++) vp_buf_append(b, z[m] == '|' ? "/" : (const char *)z + m, 1, &r->rc);
    } else {
      vp_buf_append(b, (const char *)z + i, j - i, &r->rc);
    }
    i = j;
  }
}

static void add_cell(Render *r, const char *z, size_t n) {
  if (r->nCell == r->nCellAlloc) {
    int nNew = r->nCellAlloc ? 2 * r->nCellAlloc : 8;
    char **a = realloc(r->azCell, (size_t)nNew * sizeof(char *));
    if (a == NULL) {
      r->rc = VP_ENOMEM;
      return;
    }
    r->azCell = a;
    r->nCellAlloc = nNew;
  }
  char *zc = vp_strndup(z, (int)n);
  if (zc == NULL) {
    r->rc = VP_ENOMEM;
    return;
  }
  r->azCell[r->nCell++] = zc;
}

static void free_row(Render *r) {
  for (int i = 0; i < r->nCell; i++) free(r->azCell[i]);
  r->nCell = 0;
}

/* Write the row's cells as "| a | b |" (rows with no text are dropped). */
static void end_row(Render *r) {
  int bText = 0;
  for (int i = 0; i < r->nCell; i++)
    if (r->azCell[i][0]) bText = 1;
  if (bText) {
    brk(r, r->nRow == 0 ? 2 : 1);
    vp_buf_append(&r->out, "|", 1, &r->rc);
    for (int i = 0; i < r->nCell; i++) vp_buf_appendf(&r->out, &r->rc, " %s |", r->azCell[i]);
    vp_buf_append(&r->out, "\n", 1, &r->rc);
    if (r->nRow++ == 0) {
      vp_buf_append(&r->out, "|", 1, &r->rc);
      for (int i = 0; i < r->nCell; i++) vp_buf_append(&r->out, "---|", 4, &r->rc);
      vp_buf_append(&r->out, "\n", 1, &r->rc);
    }
  }
  free_row(r);
}

static int name_is(const xmlNode *p, const char *zName) {
  return p->name && strcasecmp((const char *)p->name, zName) == 0;
}

static int skipped(const xmlNode *p) {
  static const char *az[] = {"script", "style",  "noscript", "nav",      "header",
                             "footer", "button", "svg",      "select",   "textarea",
                             "iframe", "object", "template", "head",     "input",
                             "option", "datalist", "canvas", "map",      "math"};
  for (int i = 0; i < VP_ARRAY_SIZE(az); i++)
    if (name_is(p, az[i])) return 1;
  return 0;
}

static int is_block(const xmlNode *p) {
  static const char *az[] = {"p",       "div",        "ul",      "ol",     "dl",  "dt",
                             "dd",      "blockquote", "pre",     "section", "article",
                             "main",    "aside",      "address", "center", "hr",
                             "figure",  "figcaption", "caption", "body",   "fieldset",
                             "legend",  "form",       "details", "summary"};
  for (int i = 0; i < VP_ARRAY_SIZE(az); i++)
    if (name_is(p, az[i])) return 1;
  return 0;
}

static int heading_level(const xmlNode *p) {
  const char *z = (const char *)p->name;
  if (z && (z[0] == 'h' || z[0] == 'H') && z[1] >= '1' && z[1] <= '6' && z[2] == 0) return z[1] - '0';
  return 0;
}

static int is_bold(const xmlNode *p) { return name_is(p, "b") || name_is(p, "strong"); }
static int is_cell(const xmlNode *p) { return name_is(p, "td") || name_is(p, "th"); }

/* A roman numeral of 1..3999, lower or upper case, into z (16 bytes). */
static void roman(int n, int bUpper, char *z) {
  static const int aV[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  static const char *const aS[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
  size_t k = 0;
  z[0] = 0;
  for (int i = 0; i < 13 && n > 0 && n < 4000; i++)
    while (n >= aV[i] && k + 3 < 16) {
      for (const char *c = aS[i]; *c; c++) z[k++] = bUpper ? (char)(*c - 'a' + 'A') : *c;
      n -= aV[i];
    }
  z[k] = 0;
}

/* The label of list item p: its number in the innermost ordered list (its
** value attribute, else the next), as the list's type writes it ("4. ",
** "b) ", "IV. "), or "- " in an unordered list. */
static const char *item_label(Render *r, xmlNode *p) {
  if (r->nList == 0 || r->nList > HTML_MAX_LISTS || r->aList[r->nList - 1].cType == 0) return "- ";
  int *pN = &r->aList[r->nList - 1].n;
  xmlChar *zValue = xmlGetProp(p, BAD_CAST "value");
  *pN = zValue ? atoi((const char *)zValue) : *pN + 1;
  xmlFree(zValue);
  int n = *pN;
  char zRoman[16];
  switch (r->aList[r->nList - 1].cType) {
    case 'a':
    case 'A':
      if (n >= 1 && n <= 26) {
        snprintf(r->zItem, sizeof r->zItem, "%c) ", (char)(r->aList[r->nList - 1].cType + n - 1));
        return r->zItem;
      }
      break;
    case 'i':
    case 'I':
      roman(n, r->aList[r->nList - 1].cType == 'I', zRoman);
      if (zRoman[0]) {
        snprintf(r->zItem, sizeof r->zItem, "%s. ", zRoman);
        return r->zItem;
      }
      break;
  }
  snprintf(r->zItem, sizeof r->zItem, "%d. ", n);
  return r->zItem;
}

static void enter(Render *r, xmlNode *p) {
  int h;
  if (name_is(p, "table")) {
    if (r->nTable++ == 0) {
      brk(r, 2);
      r->nRow = 0;
    } else {
      brk(r, 1);
    }
  } else if (name_is(p, "tr") && r->nTable == 1 && !r->bInCell) {
    close_bold(r);
    free_row(r);
  } else if (is_cell(p) && r->nTable == 1 && !r->bInCell) {
    close_bold(r);
    r->bInCell = 1;
    r->bSpace = 0;
    vp_buf_reset(&r->cell);
  } else if ((h = heading_level(p)) > 0) {
    brk(r, 2);
    memset(r->zHead, '#', (size_t)h);
    r->zHead[h] = ' ';
    r->zHead[h + 1] = 0;
    r->zPrefix = r->zHead;
  } else if (name_is(p, "ol") || name_is(p, "ul")) {
    brk_keep(r, 2);
    if (r->nList < HTML_MAX_LISTS) {
      xmlChar *zType = name_is(p, "ol") ? xmlGetProp(p, BAD_CAST "type") : NULL;
      xmlChar *zStart = name_is(p, "ol") ? xmlGetProp(p, BAD_CAST "start") : NULL;
      r->aList[r->nList].cType = !name_is(p, "ol") ? 0 : zType && strchr("aAiI", zType[0]) ? (char)zType[0] : '1';
      r->aList[r->nList].n = zStart ? atoi((const char *)zStart) - 1 : 0;
      xmlFree(zType);
      xmlFree(zStart);
    }
    r->nList++;
  } else if (name_is(p, "li")) {
    brk(r, 2);
    r->zPrefix = item_label(r, p);
  } else if (is_bold(p)) {
    r->nBold++;
  } else if (name_is(p, "br")) {
    brk(r, 1);
  } else if (is_block(p) || name_is(p, "tr")) {
    brk_keep(r, 2);
  } else if (is_cell(p)) {
    r->bSpace = 1;
  }
}

static void leave(Render *r, xmlNode *p) {
  if (name_is(p, "table")) {
    if (--r->nTable == 0) {
      if (r->nCell) end_row(r);
      r->nRow = 0;
      brk(r, 2);
    } else {
      brk(r, 1);
    }
  } else if (name_is(p, "tr") && r->nTable == 1 && !r->bInCell) {
    end_row(r);
  } else if (is_cell(p) && r->nTable == 1 && r->bInCell) {
    close_bold(r);
    r->bInCell = 0;
    r->bSpace = 0;
    add_cell(r, r->cell.n ? r->cell.z : "", r->cell.n);
    xmlChar *zSpan = xmlGetProp(p, BAD_CAST "colspan");
    if (zSpan) {
      int nSpan = atoi((const char *)zSpan);
      xmlFree(zSpan);
      if (nSpan > 1000) nSpan = 1000;
      for (int i = 1; i < nSpan; i++) add_cell(r, "", 0);
    }
  } else if (name_is(p, "ol") || name_is(p, "ul")) {
    if (r->nList > 0) r->nList--;
    brk(r, 2);
  } else if (heading_level(p) > 0 || name_is(p, "li")) {
    brk(r, 2);
  } else if (is_block(p) || name_is(p, "tr")) {
    brk_keep(r, 2); /* an empty block inside an item keeps its label due */
  } else if (is_bold(p)) {
    if (--r->nBold == 0) close_bold(r);
  } else if (is_cell(p)) {
    r->bSpace = 1;
  }
}

/* Walk the tree in document order without recursion; VP_EINPUT past
** HTML_MAX_DEPTH elements deep. */
static int walk(Render *r, xmlNode *pRoot) {
  xmlNode *p = pRoot;
  int depth = 0;
  while (p && r->rc == VP_OK) {
    int bDown = 0;
    if (p->type == XML_ELEMENT_NODE) {
      if (!skipped(p)) {
        enter(r, p);
        if (p->children) {
          if (++depth > HTML_MAX_DEPTH) return VP_EINPUT;
          p = p->children;
          bDown = 1;
        } else {
          leave(r, p);
        }
      }
    } else if ((p->type == XML_TEXT_NODE || p->type == XML_CDATA_SECTION_NODE) && p->content) {
      text(r, p->content);
    }
    if (bDown) continue;
    while (p && p->next == NULL) {
      p = p->parent;
      if (p == NULL || p == pRoot->parent || depth == 0) return r->rc;
      depth--;
      leave(r, p);
    }
    if (p) p = p->next;
  }
  return r->rc;
}

int vp_format_html_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  if (n > HTML_MAX_BYTES) {
    if (pzErr) *pzErr = vp_mprintf("HTML page of %zu bytes is over the %u MB limit", n, HTML_MAX_BYTES >> 20);
    return VP_EINPUT;
  }
  xmlInitParser();
  htmlDocPtr pDoc = htmlReadMemory(z, (int)n, NULL, NULL,
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_RECOVER | XML_PARSE_HUGE);
  if (pDoc == NULL) {
    if (pzErr) *pzErr = vp_mprintf("HTML page cannot be parsed");
    return VP_EINPUT;
  }
  Render r;
  memset(&r, 0, sizeof r);
  int rc = VP_OK;
  xmlNode *pRoot = xmlDocGetRootElement(pDoc);
  if (pRoot) rc = walk(&r, pRoot);
  if (rc == VP_EINPUT) {
    if (pzErr) *pzErr = vp_mprintf("HTML page nests elements deeper than %d", HTML_MAX_DEPTH);
  } else if (rc == VP_OK) {
    brk(&r, 1);
    rc = r.rc;
  }
  free_row(&r);
  free(r.azCell);
  vp_buf_free(&r.cell);
  xmlFreeDoc(pDoc);
  if (rc != VP_OK) {
    vp_buf_free(&r.out);
    if (rc == VP_ENOMEM && pzErr) *pzErr = vp_mprintf("out of memory rendering HTML");
    return rc;
  }
  char *zText = vp_buf_take(&r.out);
  if (zText == NULL) {
    zText = vp_mprintf("%s", "");
    if (zText == NULL) return VP_ENOMEM;
  }
  utf8proc_uint8_t *zNfc = utf8proc_NFC((const utf8proc_uint8_t *)zText);
  free(zText);
  if (zNfc == NULL) {
    if (pzErr) *pzErr = vp_mprintf("HTML page's text is not valid UTF-8");
    return VP_EINPUT;
  }
  *pzOut = (char *)zNfc;
  *pnOut = strlen(*pzOut);
  return VP_OK;
}
