/*
** odt_style.c — an ODT's paragraph, text and list styles (odt_style.h):
** style:style entries (family, parent, bold, capitals, list style, heading)
** and text:list-style / text:outline-style levels (format, start, prefix,
** suffix, levels shown, LibreOffice's whole format "%1%.%2%.") read from
** office:styles and office:automatic-styles of both parts, sorted by name
** for lookup; counters per list for the labels. Bounded: 10 levels, parent
** chains of at most 32 styles, at most LIST_MAX counter sets. Not for the
** text itself (format_odt.c).
*/
#include "odt_style.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numfmt.h"
#include "vp_common.h"
#include "zipxml.h"

#define LEVELS 10
#define CHAIN_MAX 32
#define LIST_MAX 100000

typedef struct st_style {
  char *zName, *zParent;
  int bPara;        /* family paragraph (else text) */
  int iBold, iCaps; /* -1 unset, 0 off, 1 on */
  int bHeading;
  int iOrder; /* load order: the first of equal names wins */
} st_style;

typedef struct st_level {
  int eFmt; /* NUMFMT_* */
  int iStart, nDisplay;
  char zPrefix[16], zSuffix[16];
  char zWhole[64]; /* loext:num-list-format: "%1%.%2%." */
} st_level;

typedef struct st_list {
  char *zName;
  int iOrder;
  st_level aLvl[LEVELS];
} st_list;

typedef struct st_counter {
  char *zStyle, *zId;
  int aCount[LEVELS]; /* 0: level not started */
} st_counter;

struct odt_style {
  st_style *aStyle;
  int nStyle, nStyleAlloc;
  st_list *aList;
  int nList, nListAlloc;
  st_list outline;
  int bOutline;
  int aOutlineCount[LEVELS];
  st_counter *aCounter;
  int nCounter, nCounterAlloc;
  int bOom;
};



static char *attr_dup(xmlNodePtr p, const char *zName) {
  xmlChar *v = p ? xmlGetProp(p, (const xmlChar *)zName) : NULL;
  if (v == NULL) return NULL;
  char *z = strdup((const char *)v);
  xmlFree(v);
  return z;
}


/* ---- loading ---- */

/* Room for one more element in the array *ppA of *pnAlloc elements of
** nSize bytes, nUsed in use (doubled, nFirst at first). 0 when out of
** memory (the array is kept). */
static int room_for_one(void *ppA, int *pnAlloc, int nUsed, size_t nSize, int nFirst) {
  if (nUsed < *pnAlloc) return 1;
  int nNew = *pnAlloc ? *pnAlloc * 2 : nFirst;
  void *a = realloc(*(void **)ppA, (size_t)nNew * nSize);
  if (a == NULL) return 0;
  *(void **)ppA = a;
  *pnAlloc = nNew;
  return 1;
}

static void load_style(odt_style *p, xmlNodePtr n) {
  char zFamily[24];
  zipxml_attr(n, "family", zFamily, sizeof zFamily);
  int bPara = strcmp(zFamily, "paragraph") == 0;
  if (!bPara && strcmp(zFamily, "text") != 0) return;
  if (!room_for_one(&p->aStyle, &p->nStyleAlloc, p->nStyle, sizeof *p->aStyle, 64)) {
    p->bOom = 1;
    return;
  }
  st_style s = {attr_dup(n, "name"), attr_dup(n, "parent-style-name"), bPara, -1, -1, 0, p->nStyle};
  if (s.zName == NULL) {
    free(s.zParent);
    return;
  }
  xmlNodePtr pText = zipxml_child(n, "text-properties");
  char z[32];
  if (zipxml_attr(pText, "font-weight", z, sizeof z))
    s.iBold = strcmp(z, "bold") == 0 || atoi(z) >= 600;
  if (zipxml_attr(pText, "text-transform", z, sizeof z)) s.iCaps = strcmp(z, "uppercase") == 0;
  char zDisplay[64];
  zipxml_attr(n, "display-name", zDisplay, sizeof zDisplay);
  s.bHeading = strncasecmp(s.zName, "Heading", 7) == 0 || strcasecmp(s.zName, "Title") == 0 ||
               strncasecmp(zDisplay, "Heading", 7) == 0 ||
               zipxml_attr_int(n, "default-outline-level", 0) > 0;
  p->aStyle[p->nStyle++] = s;
}

static int fmt_of(const char *z) {
  if (z[0] == '\0') return NUMFMT_NONE;
  if (strcmp(z, "a") == 0) return NUMFMT_LOWER_LETTER;
  if (strcmp(z, "A") == 0) return NUMFMT_UPPER_LETTER;
  if (strcmp(z, "i") == 0) return NUMFMT_LOWER_ROMAN;
  if (strcmp(z, "I") == 0) return NUMFMT_UPPER_ROMAN;
  return NUMFMT_DECIMAL; /* "1" and the scripts we do not write */
}

static void load_levels(st_list *l, xmlNodePtr n) {
  for (int i = 0; i < LEVELS; i++) {
    l->aLvl[i] = (st_level){NUMFMT_NONE, 1, 1, "", "", ""};
  }
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char *zN = (const char *)c->name;
    int bNumber = strcmp(zN, "list-level-style-number") == 0 || strcmp(zN, "outline-level-style") == 0;
    int bBullet = strcmp(zN, "list-level-style-bullet") == 0 ||
                  strcmp(zN, "list-level-style-image") == 0;
    if (!bNumber && !bBullet) continue;
    int i = zipxml_attr_int(c, "level", 0) - 1;
    if (i < 0 || i >= LEVELS) continue;
    st_level *v = &l->aLvl[i];
    if (bBullet) {
      v->eFmt = NUMFMT_BULLET;
      continue;
    }
    char z[32];
    zipxml_attr(c, "num-format", z, sizeof z);
    v->eFmt = fmt_of(z);
    v->iStart = zipxml_attr_int(c, "start-value", 1);
    v->nDisplay = zipxml_attr_int(c, "display-levels", 1);
    zipxml_attr(c, "num-prefix", v->zPrefix, sizeof v->zPrefix);
    zipxml_attr(c, "num-suffix", v->zSuffix, sizeof v->zSuffix);
    zipxml_attr(c, "num-list-format", v->zWhole, sizeof v->zWhole);
  }
}

static void load_list(odt_style *p, xmlNodePtr n) {
  if (!room_for_one(&p->aList, &p->nListAlloc, p->nList, sizeof *p->aList, 16)) {
    p->bOom = 1;
    return;
  }
  st_list *l = &p->aList[p->nList];
  l->zName = attr_dup(n, "name");
  if (l->zName == NULL) return;
  l->iOrder = p->nList;
  load_levels(l, n);
  p->nList++;
}

/* The style definitions under a document's office:styles and
** office:automatic-styles. */
static void load_doc(odt_style *p, xmlDocPtr doc) {
  xmlNodePtr pRoot = doc ? xmlDocGetRootElement(doc) : NULL;
  for (xmlNodePtr c = pRoot ? pRoot->children : NULL; c; c = c->next) {
    if (!zipxml_is(c, "styles") && !zipxml_is(c, "automatic-styles")) continue;
    for (xmlNodePtr s = c->children; s; s = s->next) {
      if (zipxml_is(s, "style")) load_style(p, s);
      else if (zipxml_is(s, "list-style")) load_list(p, s);
      else if (zipxml_is(s, "outline-style") && !p->bOutline) {
        load_levels(&p->outline, s);
        p->bOutline = 1;
      }
    }
  }
}

static int cmp_style(const void *a, const void *b) {
  const st_style *x = a, *y = b;
  if (x->bPara != y->bPara) return x->bPara - y->bPara;
  int c = strcmp(x->zName, y->zName);
  return c ? c : x->iOrder - y->iOrder;
}

static int cmp_list(const void *a, const void *b) {
  const st_list *x = a, *y = b;
  int c = strcmp(x->zName, y->zName);
  return c ? c : x->iOrder - y->iOrder;
}

odt_style *odt_style_load(xmlDocPtr pStyles, xmlDocPtr pContent) {
  odt_style *p = calloc(1, sizeof *p);
  if (p == NULL) return NULL;
  load_doc(p, pContent); /* content.xml's automatic styles first: they win */
  load_doc(p, pStyles);
  if (p->bOom) {
    odt_style_free(p);
    return NULL;
  }
  if (p->nStyle) qsort(p->aStyle, (size_t)p->nStyle, sizeof *p->aStyle, cmp_style);
  if (p->nList) qsort(p->aList, (size_t)p->nList, sizeof *p->aList, cmp_list);
  return p;
}

void odt_style_free(odt_style *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->nStyle; i++) {
    free(p->aStyle[i].zName);
    free(p->aStyle[i].zParent);
  }
  for (int i = 0; i < p->nList; i++) free(p->aList[i].zName);
  for (int i = 0; i < p->nCounter; i++) {
    free(p->aCounter[i].zStyle);
    free(p->aCounter[i].zId);
  }
  free(p->aStyle);
  free(p->aList);
  free(p->aCounter);
  free(p);
}

/* ---- lookup ---- */

/* The first of n sorted entries where cmp(ctx, i) is 0 (cmp < 0: entry i
** sorts before the key), or -1. */
static int first_equal(int n, int (*cmp)(const void *ctx, int i), const void *ctx) {
  int lo = 0, hi = n - 1, iFound = -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2, c = cmp(ctx, mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      if (c == 0) iFound = mid;
      hi = mid - 1;
    }
  }
  return iFound;
}

typedef struct style_key {
  const odt_style *p;
  int bPara;
  const char *zName;
} style_key;

static int cmp_style_key(const void *ctx, int i) {
  const style_key *k = ctx;
  const st_style *s = &k->p->aStyle[i];
  return s->bPara != k->bPara ? s->bPara - k->bPara : strcmp(s->zName, k->zName);
}

static int cmp_list_key(const void *ctx, int i) {
  const style_key *k = ctx;
  return strcmp(k->p->aList[i].zName, k->zName);
}

/* The first style of family bPara named zName, or NULL. */
static const st_style *find_style(const odt_style *p, int bPara, const char *zName) {
  style_key k = {p, bPara, zName};
  int i = first_equal(p->nStyle, cmp_style_key, &k);
  return i < 0 ? NULL : &p->aStyle[i];
}

/* The first list style named zName, or NULL. */
static const st_list *find_list(const odt_style *p, const char *zName) {
  if (zName == NULL) return NULL;
  style_key k = {p, 0, zName};
  int i = first_equal(p->nList, cmp_list_key, &k);
  return i < 0 ? NULL : &p->aList[i];
}

int odt_style_text(odt_style *p, int bParagraph, const char *zName, int *pbBold, int *pbCaps) {
  int bHeading = 0, bBoldSet = 0, bCapsSet = 0;
  const st_style *s = (p && zName) ? find_style(p, bParagraph, zName) : NULL;
  for (int k = 0; s && k < CHAIN_MAX; k++) {
    if (s->bHeading) bHeading = 1;
    if (!bBoldSet && s->iBold >= 0) {
      *pbBold = s->iBold;
      bBoldSet = 1;
    }
    if (!bCapsSet && s->iCaps >= 0) {
      *pbCaps = s->iCaps;
      bCapsSet = 1;
    }
    s = s->zParent ? find_style(p, s->bPara, s->zParent) : NULL;
  }
  return bHeading;
}

/* ---- labels ---- */

int odt_style_list_begin(odt_style *p, const char *zStyle, const char *zId, const char *zContinue,
                         int bContinue) {
  if (p == NULL) return -1;
  if (zContinue) {
    for (int i = p->nCounter - 1; i >= 0; i--)
      if (p->aCounter[i].zId && strcmp(p->aCounter[i].zId, zContinue) == 0) return i;
    bContinue = 1; /* an id not in the file: LibreOffice's import of Word lists */
  }
  if (bContinue && zStyle) {
    for (int i = p->nCounter - 1; i >= 0; i--)
      if (p->aCounter[i].zStyle && strcmp(p->aCounter[i].zStyle, zStyle) == 0) {
        if (zId && p->aCounter[i].zId == NULL) p->aCounter[i].zId = strdup(zId);
        return i;
      }
  }
  if (p->nCounter >= LIST_MAX) return p->nCounter - 1;
  if (!room_for_one(&p->aCounter, &p->nCounterAlloc, p->nCounter, sizeof *p->aCounter, 32)) return -1;
  st_counter *c = &p->aCounter[p->nCounter];
  memset(c, 0, sizeof *c);
  c->zStyle = zStyle ? strdup(zStyle) : NULL;
  c->zId = zId ? strdup(zId) : NULL;
  return p->nCounter++;
}

/* Advance level iLevel of aCount (iStart > 0: restart there) and write its
** label under levels aLvl into zOut. */
static void label(const st_level *aLvl, int *aCount, int iLevel, int iStart, char *zOut, size_t nOut) {
  zOut[0] = '\0';
  if (iLevel < 0 || iLevel >= LEVELS || nOut < 2) return;
  const st_level *v = &aLvl[iLevel];
  if (iStart > 0) aCount[iLevel] = iStart;
  else if (aCount[iLevel] == 0) aCount[iLevel] = v->iStart;
  else if (aCount[iLevel] < 1000000) aCount[iLevel]++;
  for (int i = iLevel + 1; i < LEVELS; i++) aCount[i] = 0;
  if (v->eFmt == NUMFMT_NONE) return;
  if (v->eFmt == NUMFMT_BULLET) {
    snprintf(zOut, nOut, "-");
    return;
  }
  char zV[16];
  size_t o = 0;
#define PUT(s)                                                                  \
  for (const char *q_ = (s); *q_ && o + 1 < nOut; q_++) zOut[o++] = *q_
  if (v->zWhole[0]) { /* "%1%.%2%." */
    for (const char *z = v->zWhole; *z && o + 1 < nOut; z++) {
      int k = 0;
      const char *e = z + 1;
      while (*z == '%' && *e >= '0' && *e <= '9' && k < 100) k = k * 10 + (*e++ - '0');
      if (*z == '%' && e > z + 1 && *e == '%' && k >= 1 && k <= LEVELS) {
        int w = aCount[k - 1] ? aCount[k - 1] : aLvl[k - 1].iStart;
        numfmt_value(w, aLvl[k - 1].eFmt == NUMFMT_NONE ? NUMFMT_DECIMAL : aLvl[k - 1].eFmt, zV, sizeof zV);
        PUT(zV);
        z = e;
      } else {
        zOut[o++] = *z;
      }
    }
  } else {
    PUT(v->zPrefix);
    int nShow = v->nDisplay < 1 ? 1 : v->nDisplay > iLevel + 1 ? iLevel + 1 : v->nDisplay;
    for (int k = iLevel + 1 - nShow; k <= iLevel; k++) {
      int w = aCount[k] ? aCount[k] : aLvl[k].iStart;
      int eFmt = aLvl[k].eFmt == NUMFMT_NONE || aLvl[k].eFmt == NUMFMT_BULLET ? NUMFMT_DECIMAL : aLvl[k].eFmt;
      numfmt_value(w, eFmt, zV, sizeof zV);
      PUT(zV);
      if (k < iLevel && o + 1 < nOut) zOut[o++] = '.';
    }
    PUT(v->zSuffix);
  }
#undef PUT
  zOut[o] = '\0';
}

void odt_style_list_label(odt_style *p, int iList, const char *zStyle, int iLevel, int iStart,
                          char *zOut, size_t nOut) {
  if (nOut) zOut[0] = '\0';
  if (p == NULL || iList < 0 || iList >= p->nCounter) return;
  st_counter *c = &p->aCounter[iList];
  const st_list *l = find_list(p, zStyle ? zStyle : c->zStyle);
  if (l == NULL) l = find_list(p, c->zStyle);
  if (l == NULL) { /* no definition: a bullet, as LibreOffice shows it */
    if (nOut > 1) snprintf(zOut, nOut, "-");
    return;
  }
  label(l->aLvl, c->aCount, iLevel, iStart, zOut, nOut);
}

void odt_style_outline_label(odt_style *p, int iLevel, char *zOut, size_t nOut) {
  if (nOut) zOut[0] = '\0';
  if (p == NULL || !p->bOutline || iLevel < 1 || iLevel > LEVELS) return;
  label(p->outline.aLvl, p->aOutlineCount, iLevel - 1, 0, zOut, nOut);
}
