/*
** structure.c — one pass over the grouped passages: their kinds (heading,
** item, text, recipients, signature), the heading stack, section paths
** ("II.3.a", "PL.1"), parents, lead-ins ("Sở X:" before bullets) and the
** table head of each row; then long paragraphs cut into passages of at most
** VP_PASSAGE_MAX bytes.
**
** Not for cutting lines into passages (paragraphs.c, tables.c,
** pipecells.c).
*/
#include "read_int.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

/* ------------------------------------------------------------------------
** Structure: kinds, heading stack, sections, parents, lead-ins
*/

typedef struct rd_entry {
  int rank;
  int iP;     /* passage index */
  int eType;  /* label type, LB_NONE for headings and lead-ins */
  int bTable; /* pushed inside a table */
} rd_entry;

typedef struct rd_stack {
  rd_entry *a;
  int n, nAlloc;
} rd_stack;

static int rd_push(rd_stack *pS, int rank, int iP, int eType, int bTable) {
  if (pS->n == pS->nAlloc) {
    int nNew = pS->nAlloc ? pS->nAlloc * 2 : 16;
    rd_entry *a = realloc(pS->a, sizeof(rd_entry) * (size_t)nNew);
    if (a == NULL) return VP_ENOMEM;
    pS->a = a;
    pS->nAlloc = nNew;
  }
  rd_entry *pE = &pS->a[pS->n++];
  pE->rank = rank;
  pE->iP = iP;
  pE->eType = eType;
  pE->bTable = bTable;
  return VP_OK;
}

static void rd_pop_to(rd_stack *pS, int rank, int iFloor) {
  while (pS->n > iFloor && pS->a[pS->n - 1].rank >= rank) pS->n--;
}

static int rd_top(const rd_stack *pS) { return pS->n ? pS->a[pS->n - 1].iP : -1; }

/* The section path of the stack: numbered labels joined with '.', a
** decimal label replacing the numbers it extends ("3" + "3.1" → "3.1").
** In an appendix the path starts with "PL"; a table outside an appendix
** keeps the section it stands in. */
static char *rd_path(const rd_ctx *p, const rd_stack *pS, int iFloor,
                     int bAppendix) {
  int *aPart = malloc(sizeof(int) * (size_t)(pS->n + 1));
  if (aPart == NULL) return NULL;
  int nPart = 0;
  for (int k = 0; k < pS->n; k++) {
    const rd_entry *pE = &pS->a[k];
    if (!rd_is_numbered(pE->eType)) continue;
    if (pE->bTable && iFloor >= 0 && k >= iFloor && !bAppendix) continue;
    const char *zLab = p->aP[pE->iP].zLabel;
    if (pE->eType == LB_DECIMAL) {
      while (nPart > 0) {
        const rd_entry *pPrev = &pS->a[aPart[nPart - 1]];
        const char *zPrev = p->aP[pPrev->iP].zLabel;
        size_t m = strlen(zPrev);
        if ((pPrev->eType == LB_ARABIC || pPrev->eType == LB_DECIMAL) &&
            strncmp(zLab, zPrev, m) == 0 && zLab[m] == '.') {
          nPart--;
        } else {
          break;
        }
      }
    }
    aPart[nPart++] = k;
  }
  vp_buf b = {NULL, 0, 0};
  int rc = VP_OK;
  if (bAppendix) vp_buf_appends(&b, "PL", &rc);
  for (int k = 0; k < nPart; k++) {
    if (b.n) vp_buf_append(&b, ".", 1, &rc);
    vp_buf_appends(&b, p->aP[pS->a[aPart[k]].iP].zLabel, &rc);
  }
  free(aPart);
  if (rc) {
    vp_buf_free(&b);
    return NULL;
  }
  return vp_buf_take(&b);
}

static int rd_level(const rd_stack *pS) {
  int n = 0;
  for (int k = 0; k < pS->n; k++) n += pS->a[k].eType != LB_NONE;
  return n;
}

/* Kind of a passage outside tables from its first line and size. */
static vp_pkind rd_kind(const rd_ctx *p, int iP) {
  const rd_pinfo *pI = &p->aInfo[iP];
  const rd_line *pF = &p->aLine[pI->iFirst];
  const rd_line *pT = &p->aLine[pI->iLast];
  int bSingle = pI->iFirst == pI->iLast || pF->iBoldEnd == pI->iLast;
  if (pI->lab.eType) {
    if (rd_is_bullet(pI->lab.eType)) return VP_P_ITEM;
    if (pF->mdLevel || pF->bBold || pF->bAllCaps) return VP_P_HEADING;
    if (bSingle && !pT->bTerminal && pT->nChar <= 200) return VP_P_HEADING;
    /* "*2.5. Sở" / "Y tế*": a short numbered title wrapped over a few lines */
    if (!pT->bTerminal && pI->iLast - pI->iFirst <= 3) {
      int nChar = 0;
      for (int k = pI->iFirst; k <= pI->iLast; k++) nChar += p->aLine[k].nChar;
      if (nChar <= 100) return VP_P_HEADING;
    }
    if (bSingle && pT->bColon && pT->nChar <= 40) return VP_P_HEADING;
    return VP_P_ITEM;
  }
  if (bSingle && (pF->mdLevel || pF->bAllCaps)) return VP_P_HEADING;
  if (bSingle && pF->bBold && (!pT->bTerminal || pT->bColon) && pT->nChar <= 250)
    return VP_P_HEADING;
  return VP_P_TEXT;
}

static int rd_next_is_bullet(const rd_ctx *p, int iP) {
  return iP + 1 < p->nP && p->aInfo[iP + 1].iTableId == 0 &&
         rd_is_bullet(p->aInfo[iP + 1].lab.eType);
}

int rd_structure(rd_ctx *p) {
  rd_stack st = {NULL, 0, 0};
  int rc = VP_OK;
  int bAppendix = 0, bRecip = 0, bImplicitRecip = 0, bSig = 0, nName = 0;
  int bRecipUnderSig = 0; /* recipients went on when the signature began */
  enum { RD_RECIP_WRAP_MAX = 40 }; /* bytes of a recipient's wrapped end */
  int iRecipHead = -1, iCurTable = 0, iFloor = -1, iTableHead = -1;
  for (int iP = 0; iP < p->nP && rc == VP_OK; iP++) {
    vp_passage *pP = &p->aP[iP];
    rd_pinfo *pI = &p->aInfo[iP];
    const rd_label *pLab = &pI->lab;
    memcpy(pP->zLabel, pLab->zLabel, sizeof(pP->zLabel));
    /* tables */
    if (pI->iTableId != iCurTable) {
      if (iCurTable) {
        while (st.n > iFloor && st.n > 0) st.n--;
        iFloor = -1;
      }
      iCurTable = pI->iTableId;
      iTableHead = -1;
      if (iCurTable) {
        iFloor = st.n;
        bRecip = bImplicitRecip = bSig = bRecipUnderSig = 0;
      }
    }
    if (iCurTable) {
      if (pP->eKind == VP_P_TABLE_HEAD) {
        iTableHead = iP;
        pP->iParent = rd_top(&st);
      } else {
        if (pP->eKind == VP_P_ROW) pP->iTable = iTableHead;
        if (pLab->eType) {
          int r = rd_rank(pLab);
          rd_pop_to(&st, r, iFloor);
          pP->iParent = rd_top(&st);
          rc = rd_push(&st, r, iP, pLab->eType, 1);
          pP->iLevel = rd_level(&st);
        } else {
          pP->iParent = rd_top(&st);
        }
      }
      pP->zSection = rd_path(p, &st, iFloor, bAppendix);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
      continue;
    }
    const rd_line *pF = &p->aLine[pI->iFirst];
    const rd_line *pT = &p->aLine[pI->iLast];
    int bBullet = rd_is_bullet(pLab->eType);
    /* recipients and signature block */
    if (pF->bRecip) {
      pP->eKind = VP_P_RECIPIENT;
      bRecip = 1;
      bSig = 0;
      iRecipHead = iP;
      pP->bLeadIn = rd_next_is_bullet(p, iP);
    } else if (bRecip && !pF->bSig &&
               (bBullet || (!pF->mdLevel && !pF->bAllCaps && pI->iLast - pI->iFirst <= 1 &&
                            pP->iEnd - pP->iStart <= 160))) {
      /* a recipient: a bullet, or a short line ("-" / "Như Điều 6;" joined) */
      pP->eKind = VP_P_RECIPIENT;
      pP->iParent = iRecipHead;
    } else if ((bRecip || bRecipUnderSig) && !pF->bSig && !pLab->eType && iP > 0 &&
               p->aP[iP - 1].eKind == VP_P_RECIPIENT && pI->iLast == pI->iFirst &&
               pP->iEnd - pP->iStart <= RD_RECIP_WRAP_MAX) {
      /* the end of a recipient its narrow column wrapped ("- UBMTTQVN TP
      ** và các" / "TC CT-XH;") */
      pP->eKind = VP_P_RECIPIENT;
      pP->iParent = iRecipHead;
    } else if ((bImplicitRecip || bRecipUnderSig) && bBullet) {
      /* a text layer read across the closing's two columns gives the
      ** recipients' bullets between the signature's lines */
      pP->eKind = VP_P_RECIPIENT;
      if (bRecipUnderSig) pP->iParent = iRecipHead;
    } else if (pF->bSig) {
      pP->eKind = VP_P_SIGNATURE;
      bSig = 1;
      bRecipUnderSig = bRecip || bRecipUnderSig;
      bRecip = 0;
      nName = 0;
    } else if (bSig && pF->bShortName && nName < 3) {
      pP->eKind = VP_P_SIGNATURE;
      nName++;
    } else {
      bSig = bRecip = bRecipUnderSig = 0;
    }
    if (pP->eKind == VP_P_RECIPIENT || pP->eKind == VP_P_SIGNATURE) {
      bImplicitRecip = pP->eKind == VP_P_RECIPIENT && bImplicitRecip;
      pP->zSection = vp_strndup("", 0);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
      continue;
    }
    bImplicitRecip = 0;
    if (pT->bSlashDot && rd_next_is_bullet(p, iP)) bImplicitRecip = 1;
    pP->eKind = rd_kind(p, iP);
    if (pLab->eType) {
      int r = rd_rank(pLab);
      rd_pop_to(&st, r, 0);
      pP->iParent = rd_top(&st);
      rc = rd_push(&st, r, iP, pLab->eType, 0);
      pP->iLevel = rd_level(&st);
      pP->bLeadIn = pT->bColon && iP + 1 < p->nP && p->aInfo[iP + 1].lab.eType &&
                    rd_rank(&p->aInfo[iP + 1].lab) > r;
    } else if (pP->eKind == VP_P_HEADING && !pF->bBold) {
      /* a title line or Markdown heading closes every open section */
      st.n = 0;
      pP->iParent = -1;
      rc = rd_push(&st, RANK_TOP, iP, LB_NONE, 0);
      if (pF->bAppendix) bAppendix = 1;
    } else if (pP->eKind == VP_P_HEADING) {
      /* a bold line inside a section: what follows hangs under it */
      if (pF->bAppendix) {
        st.n = 0;
        bAppendix = 1;
        pP->iParent = -1;
        rc = rd_push(&st, RANK_TOP, iP, LB_NONE, 0);
      } else {
        rd_pop_to(&st, RANK_SUBHEAD, 0);
        pP->iParent = rd_top(&st);
        rc = rd_push(&st, RANK_SUBHEAD, iP, LB_NONE, 0);
      }
      pP->bLeadIn = pT->bColon && rd_next_is_bullet(p, iP);
    } else {
      rd_pop_to(&st, RANK_LEADIN, 0);
      pP->iParent = rd_top(&st);
      if (pT->bColon && rd_next_is_bullet(p, iP)) {
        pP->bLeadIn = 1;
        rc = rd_push(&st, RANK_LEADIN, iP, LB_NONE, 0);
      }
    }
    if (rc) break;
    pP->zSection = rd_path(p, &st, -1, bAppendix);
    if (pP->zSection == NULL) rc = VP_ENOMEM;
  }
  free(st.a);
  return rc;
}

/* ------------------------------------------------------------------------
** Long paragraphs: a passage is what a hit shows and what highlight()
** re-tokenizes, so a paragraph longer than VP_PASSAGE_MAX (a file that is
** one 100 MB line) is cut into passages of at most that size, on a space
** where there is one, each keeping the section and parent of the whole.
*/

/* Where to end a chunk that starts at i: at most VP_PASSAGE_MAX bytes, after
** the last space of its final quarter, else on a UTF-8 boundary. */
static int rd_chunk_end(const char *z, int i, int iEnd) {
  if (iEnd - i <= VP_PASSAGE_MAX) return iEnd;
  int e = i + VP_PASSAGE_MAX;
  for (int k = e; k > i + VP_PASSAGE_MAX * 3 / 4; k--)
    if (rd_is_space((unsigned char)z[k - 1])) return k;
  while (e > i + 1 && ((unsigned char)z[e] & 0xC0) == 0x80) e--;
  return e;
}

int rd_split_long(rd_ctx *p) {
  int nNew = 0;
  for (int k = 0; k < p->nP; k++) {
    const vp_passage *pP = &p->aP[k];
    int bSplit = pP->eKind != VP_P_ROW && pP->eKind != VP_P_TABLE_HEAD;
    for (int i = pP->iStart; bSplit && i < pP->iEnd; nNew++) {
      i = rd_chunk_end(p->zClean, i, pP->iEnd);
      while (i < pP->iEnd && rd_is_space((unsigned char)p->zClean[i])) i++;
    }
    if (!bSplit) nNew++;
  }
  if (nNew == p->nP) return VP_OK;
  vp_passage *aNew = calloc((size_t)nNew, sizeof(vp_passage));
  int *aMap = calloc((size_t)p->nP + 1, sizeof(int));
  if (aNew == NULL || aMap == NULL) {
    free(aNew);
    free(aMap);
    return VP_ENOMEM;
  }
  int j = 0, rc = VP_OK;
  for (int k = 0; k < p->nP; k++) {
    vp_passage *pP = &p->aP[k];
    aMap[k] = j;
    if (pP->eKind == VP_P_ROW || pP->eKind == VP_P_TABLE_HEAD) {
      aNew[j++] = *pP;
      continue;
    }
    int iLine = pP->iLine;
    for (int i = pP->iStart, iPrev = pP->iStart; i < pP->iEnd;) {
      int e = rd_chunk_end(p->zClean, i, pP->iEnd);
      for (int c = iPrev; c < i; c++) iLine += p->zClean[c] == '\n';
      iPrev = i;
      vp_passage *pC = &aNew[j++];
      *pC = *pP;
      pC->iStart = i;
      pC->iEnd = e;
      while (pC->iEnd > pC->iStart && rd_is_space((unsigned char)p->zClean[pC->iEnd - 1])) pC->iEnd--;
      pC->iLine = iLine;
      if (i != pP->iStart) {
        pC->zLabel[0] = 0;
        pC->zSection = pP->zSection ? vp_strndup(pP->zSection, -1) : NULL;
        if (pP->zSection && pC->zSection == NULL) rc = VP_ENOMEM;
      }
      i = e;
      while (i < pP->iEnd && rd_is_space((unsigned char)p->zClean[i])) i++;
    }
  }
  aMap[p->nP] = nNew;
  for (int m = 0; m < nNew; m++) {
    if (aNew[m].iParent >= 0 && aNew[m].iParent < p->nP) aNew[m].iParent = aMap[aNew[m].iParent];
    if (aNew[m].iTable >= 0 && aNew[m].iTable < p->nP) aNew[m].iTable = aMap[aNew[m].iTable];
  }
  free(aMap);
  free(p->aP);
  p->aP = aNew;
  p->nP = p->nPAlloc = nNew;
  return rc;
}
