/*
** page_rules.c — ruled lines found in a page image (page_rules.h): a
** table's borders as a scanner sees them, long straight runs of dark
** pixels. Per pixel column (row), the runs of dark pixels longer than a
** glyph's tallest stroke (wider than a word) are kept; runs on adjacent
** columns (rows) that overlap are one rule, a rule at most RULE_MAX_THICK
** thick (a thicker run is a picture or a seal, not a rule). A rule broken
** by a short gap (a scan's speck, a letter touching it) is joined across
** it. Not for text, nor for deciding what is a table (pdf_table.c).
*/
#include "page_rules.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#define DARK 160 /* gray below this is ink (a thin rule antialiased is mid-gray) */
#define RULE_MIN_V (14.0 / 72.0) /* inches: taller than a 12-point glyph's strokes */
#define RULE_MIN_H (36.0 / 72.0) /* inches: half an inch */
#define RULE_MAX_THICK (3.0 / 72.0)
#define RULE_GAP (1.0 / 72.0) /* a gap this short does not break a rule */
#define MAX_RULES 4096

typedef struct pr_run {
  int a, b;     /* along the rule: first and last pixel */
  int c1, c2;   /* across: first and last pixel column (row) */
  int iLastC;   /* the last column (row) a run was added at */
} pr_run;

/* Runs of ink along one line of pixels: aPix[i * nStep] for i in 0..n. */
static int add_runs(const unsigned char *aPix, int n, size_t nStep, int c, int nMin, int nGap,
                    pr_run **paR, int *pnR, int *pnAlloc, int iOpen) {
  int i = 0;
  while (i < n) {
    while (i < n && aPix[(size_t)i * nStep] >= DARK) i++;
    if (i >= n) break;
    int a = i, b = i;
    for (;;) {
      while (i < n && aPix[(size_t)i * nStep] < DARK) i++;
      b = i - 1;
      int g = i;
      while (g < n && g - i < nGap && aPix[(size_t)g * nStep] >= DARK) g++;
      if (g < n && g - i < nGap && g > i) {
        i = g; /* a short gap: the rule goes on */
        continue;
      }
      break;
    }
    if (b - a + 1 < nMin) continue;
    /* extend an open rule of the last column overlapping this run */
    int bJoined = 0;
    for (int k = iOpen; k < *pnR; k++) {
      pr_run *r = &(*paR)[k];
      if (r->iLastC == c - 1 && a <= r->b && b >= r->a) {
        if (a < r->a) r->a = a;
        if (b > r->b) r->b = b;
        r->c2 = c;
        r->iLastC = c;
        bJoined = 1;
        break;
      }
    }
    if (bJoined) continue;
    if (*pnR >= MAX_RULES) return VP_OK;
    if (*pnR >= *pnAlloc) {
      int nNew = *pnAlloc * 2 + 64;
      pr_run *aNew = realloc(*paR, sizeof *aNew * (size_t)nNew);
      if (aNew == NULL) return VP_ENOMEM;
      *paR = aNew;
      *pnAlloc = nNew;
    }
    (*paR)[(*pnR)++] = (pr_run){a, b, c, c, c};
  }
  return VP_OK;
}

/* Rules of one direction; bVert: runs down the pixel columns. */
static int find_dir(const unsigned char *aPix, int nW, int nH, int nStride, int nDpi, int bVert,
                    page_rule **paOut, int *pnOut) {
  *paOut = NULL;
  *pnOut = 0;
  pr_run *aR = NULL;
  int nR = 0, nAlloc = 0, rc = VP_OK;
  int nMin = (int)((bVert ? RULE_MIN_V : RULE_MIN_H) * nDpi);
  int nGap = (int)(RULE_GAP * nDpi) + 1;
  int nThick = (int)(RULE_MAX_THICK * nDpi) + 1;
  int nC = bVert ? nW : nH, nLen = bVert ? nH : nW;
  int iOpen = 0; /* runs before it can no longer be extended */
  for (int c = 0; c < nC && rc == VP_OK; c++) {
    const unsigned char *p = bVert ? aPix + c : aPix + (size_t)c * (size_t)nStride;
    while (iOpen < nR && aR[iOpen].iLastC < c - 1) iOpen++;
    rc = add_runs(p, nLen, bVert ? (size_t)nStride : 1, c, nMin, nGap, &aR, &nR, &nAlloc, iOpen);
  }
  if (rc == VP_OK && nR > 0) {
    page_rule *aOut = malloc(sizeof *aOut * (size_t)nR);
    if (aOut == NULL) rc = VP_ENOMEM;
    int n = 0;
    double k = 72.0 / nDpi;
    for (int i = 0; aOut && i < nR; i++) {
      const pr_run *r = &aR[i];
      if (r->c2 - r->c1 + 1 > nThick) continue;
      double m = (r->c1 + r->c2) / 2.0 * k;
      aOut[n++] = bVert ? (page_rule){m, r->a * k, m, r->b * k} : (page_rule){r->a * k, m, r->b * k, m};
    }
    if (aOut && n == 0) {
      free(aOut);
      aOut = NULL;
    }
    *paOut = aOut;
    *pnOut = n;
  }
  free(aR);
  return rc;
}

int page_rules_find(const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                    page_rule **paV, int *pnV, page_rule **paH, int *pnH) {
  *paH = NULL;
  *pnH = 0;
  if (nDpi <= 0) nDpi = 300;
  int rc = find_dir(aPix, nW, nH, nStride, nDpi, 1, paV, pnV);
  if (rc == VP_OK) rc = find_dir(aPix, nW, nH, nStride, nDpi, 0, paH, pnH);
  if (rc != VP_OK) {
    free(*paV);
    free(*paH);
    *paV = *paH = NULL;
    *pnV = *pnH = 0;
  }
  return rc;
}
