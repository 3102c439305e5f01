/*
** docx_num.c — a DOCX's list numbering (docx_num.h): w:abstractNum levels
** (start, numFmt, lvlText) and w:num instances (abstractNumId, startOverride)
** read from word/numbering.xml, and one counter per instance and level, so
** a numbered paragraph gets the label Word shows: lvlText with each %N
** replaced by level N's counter in its format (decimal, letters, roman;
** bullets as "-"). Bounded: at most NUM_MAX definitions of each kind, 9
** levels. Not for numbering through paragraph styles.
*/
#include "docx_num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "zipxml.h"

#define NUM_MAX 4096
#define NUM_LVL 9


typedef struct num_lvl {
  int iStart;
  int eFmt;
  char zText[32]; /* lvlText as written: "%1.", "%1.%2", "•" */
} num_lvl;

typedef struct num_abs {
  int id;
  num_lvl aLvl[NUM_LVL];
} num_abs;

typedef struct num_inst {
  int id;
  int iAbs;               /* index in aAbs, -1 when unknown */
  int aOverride[NUM_LVL]; /* startOverride, -1 if none */
  int aCount[NUM_LVL];    /* current value; 0 = level not started */
} num_inst;

struct docx_num {
  num_abs *aAbs;
  int nAbs;
  num_inst *aInst;
  int nInst;
};




static int fmt_of(const char *z) {
  if (strcmp(z, "lowerLetter") == 0) return NUMFMT_LOWER_LETTER;
  if (strcmp(z, "upperLetter") == 0) return NUMFMT_UPPER_LETTER;
  if (strcmp(z, "lowerRoman") == 0) return NUMFMT_LOWER_ROMAN;
  if (strcmp(z, "upperRoman") == 0) return NUMFMT_UPPER_ROMAN;
  if (strcmp(z, "bullet") == 0) return NUMFMT_BULLET;
  if (strcmp(z, "none") == 0) return NUMFMT_NONE;
  return NUMFMT_DECIMAL; /* decimal, decimalZero and the rest: digits */
}

static void load_abs(num_abs *pA, xmlNodePtr pNode) {
  for (int i = 0; i < NUM_LVL; i++) {
    pA->aLvl[i].iStart = 1;
    pA->aLvl[i].eFmt = NUMFMT_DECIMAL;
    snprintf(pA->aLvl[i].zText, sizeof pA->aLvl[i].zText, "%%%d.", i + 1);
  }
  for (xmlNodePtr c = pNode->children; c; c = c->next) {
    if (!zipxml_is(c, "lvl")) continue;
    int i = zipxml_attr_int(c, "ilvl", -1);
    if (i < 0 || i >= NUM_LVL) continue;
    num_lvl *l = &pA->aLvl[i];
    l->iStart = zipxml_attr_int(zipxml_child(c, "start"), "val", 1);
    char z[32];
    if (zipxml_attr(zipxml_child(c, "numFmt"), "val", z, sizeof z)) l->eFmt = fmt_of(z);
    if (zipxml_child(c, "lvlText")) zipxml_attr(zipxml_child(c, "lvlText"), "val", l->zText, sizeof l->zText);
  }
}

docx_num *docx_num_load(xmlDocPtr doc) {
  docx_num *p = calloc(1, sizeof *p);
  if (p == NULL || doc == NULL) return p;
  xmlNodePtr pRoot = xmlDocGetRootElement(doc);
  int nA = 0, nI = 0;
  for (xmlNodePtr c = pRoot ? pRoot->children : NULL; c; c = c->next) {
    if (zipxml_is(c, "abstractNum") && nA < NUM_MAX) nA++;
    if (zipxml_is(c, "num") && nI < NUM_MAX) nI++;
  }
  p->aAbs = calloc((size_t)nA + 1, sizeof *p->aAbs);
  p->aInst = calloc((size_t)nI + 1, sizeof *p->aInst);
  if (p->aAbs == NULL || p->aInst == NULL) {
    docx_num_free(p);
    return NULL;
  }
  for (xmlNodePtr c = pRoot ? pRoot->children : NULL; c; c = c->next) {
    if (zipxml_is(c, "abstractNum") && p->nAbs < nA) {
      num_abs *pA = &p->aAbs[p->nAbs++];
      pA->id = zipxml_attr_int(c, "abstractNumId", -1);
      load_abs(pA, c);
    }
  }
  for (xmlNodePtr c = pRoot ? pRoot->children : NULL; c; c = c->next) {
    if (!zipxml_is(c, "num") || p->nInst >= nI) continue;
    num_inst *pI = &p->aInst[p->nInst++];
    pI->id = zipxml_attr_int(c, "numId", -1);
    int idAbs = zipxml_attr_int(zipxml_child(c, "abstractNumId"), "val", -1);
    pI->iAbs = -1;
    for (int i = 0; i < p->nAbs; i++)
      if (p->aAbs[i].id == idAbs) pI->iAbs = i;
    for (int i = 0; i < NUM_LVL; i++) pI->aOverride[i] = -1;
    for (xmlNodePtr o = c->children; o; o = o->next) {
      if (!zipxml_is(o, "lvlOverride")) continue;
      int i = zipxml_attr_int(o, "ilvl", -1);
      xmlNodePtr s = zipxml_child(o, "startOverride");
      if (i >= 0 && i < NUM_LVL && s) pI->aOverride[i] = zipxml_attr_int(s, "val", 1);
    }
  }
  return p;
}

void docx_num_label(docx_num *p, int numId, int ilvl, char *zOut, size_t nOut) {
  zOut[0] = '\0';
  if (p == NULL || nOut < 2 || numId <= 0 || ilvl < 0 || ilvl >= NUM_LVL) return;
  num_inst *pI = NULL;
  for (int i = 0; i < p->nInst && pI == NULL; i++)
    if (p->aInst[i].id == numId) pI = &p->aInst[i];
  if (pI == NULL || pI->iAbs < 0) return;
  const num_abs *pA = &p->aAbs[pI->iAbs];
  /* advance this level, restart the deeper ones */
  if (pI->aCount[ilvl] == 0) {
    int iStart = pI->aOverride[ilvl] >= 0 ? pI->aOverride[ilvl] : pA->aLvl[ilvl].iStart;
    pI->aCount[ilvl] = iStart;
  } else if (pI->aCount[ilvl] < 1000000) {
    pI->aCount[ilvl]++;
  }
  for (int i = ilvl + 1; i < NUM_LVL; i++) pI->aCount[i] = 0;
  const num_lvl *l = &pA->aLvl[ilvl];
  if (l->eFmt == NUMFMT_NONE) return;
  if (l->eFmt == NUMFMT_BULLET) {
    snprintf(zOut, nOut, "-");
    return;
  }
  size_t o = 0;
  for (const char *z = l->zText; *z && o + 1 < nOut; z++) {
    if (z[0] == '%' && z[1] >= '1' && z[1] <= '9') {
      int k = z[1] - '1';
      int v = pI->aCount[k] ? pI->aCount[k] : (pI->aOverride[k] >= 0 ? pI->aOverride[k] : pA->aLvl[k].iStart);
      char zV[16];
      numfmt_value(v, pA->aLvl[k].eFmt, zV, sizeof zV);
      for (const char *s = zV; *s && o + 1 < nOut; s++) zOut[o++] = *s;
      z++;
    } else {
      zOut[o++] = *z;
    }
  }
  zOut[o] = '\0';
}

void docx_num_free(docx_num *p) {
  if (p == NULL) return;
  free(p->aAbs);
  free(p->aInst);
  free(p);
}
