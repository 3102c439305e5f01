/*
** fuzz_reader.c — libFuzzer target for the document pipeline short of the
** store: vp_reader_parse, then vp_meta_extract, vp_cite_extract and
** vp_task_extract on its passages, checking every span against the buffer.
** Inputs that vp_reader_load would refuse (NUL bytes, invalid UTF-8) are
** skipped: vp_reader_parse requires valid UTF-8.
*/
#include "fuzz.h"
#include "vp_cite.h"
#include "vp_common.h"
#include "vp_meta.h"
#include "vp_reader.h"
#include "vp_task.h"

#include <string.h>

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF), no NUL. */
static int is_valid_text(const unsigned char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = z[i];
    if (c == 0) return 0;
    if (c < 0x80) { i++; continue; }
    int nCont;
    unsigned cp, min;
    if ((c & 0xE0) == 0xC0) { nCont = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { nCont = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { nCont = 3; cp = c & 0x07; min = 0x10000; }
    else return 0;
    if (i + (size_t)nCont >= n) return 0; /* truncated sequence */
    for (int k = 1; k <= nCont; k++) {
      if ((z[i + (size_t)k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (z[i + (size_t)k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += (size_t)nCont + 1;
  }
  return 1;
}

static void check_passages(const vp_text *t, size_t nBuf) {
  FUZZ_ASSERT(t->nPassage >= 0, "nPassage");
  FUZZ_ASSERT(t->nBuf == nBuf, "nBuf");
  for (int i = 0; i < t->nPassage; i++) {
    const vp_passage *p = &t->aPassage[i];
    FUZZ_ASSERT(0 <= p->iStart && p->iStart <= p->iEnd && (size_t)p->iEnd <= nBuf,
                "passage span");
    FUZZ_ASSERT(p->zText && strlen(p->zText) == (size_t)(p->iEnd - p->iStart),
                "passage text length equals its span");
    FUZZ_ASSERT(p->iLine >= 1, "line number");
    FUZZ_ASSERT(p->zSection != NULL, "section");
    FUZZ_ASSERT(memchr(p->zLabel, 0, sizeof(p->zLabel)) != NULL, "label NUL");
    FUZZ_ASSERT(p->iParent >= -1 && p->iParent < t->nPassage, "parent index");
    FUZZ_ASSERT(p->nCell >= 0 && (p->nCell == 0 || p->azCell != NULL), "cells");
    for (int k = 0; k < p->nCell; k++) FUZZ_ASSERT(p->azCell[k] != NULL, "cell");
    if (p->eKind == VP_P_ROW)
      FUZZ_ASSERT(p->iTable >= -1 && p->iTable < t->nPassage, "table index");
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  if (nData > (1 << 20) || !is_valid_text(aData, nData)) return 0;
  vp_text *t = NULL;
  char *zErr = NULL;
  int rc = vp_reader_parse((const char *)aData, nData, &t, &zErr);
  free(zErr);
  zErr = NULL;
  if (rc != VP_OK) {
    FUZZ_ASSERT(t == NULL || rc == VP_OK, "no text on error");
    return 0;
  }
  FUZZ_ASSERT(t != NULL, "text on success");
  check_passages(t, nData);
  vp_meta meta;
  memset(&meta, 0, sizeof(meta));
  if (vp_meta_extract(t, &meta, &zErr) == VP_OK) {
    FUZZ_ASSERT(meta.nSelf >= 0 && meta.nSelf <= 4, "nSelf");
    vp_citations cites = {NULL, 0};
    free(zErr);
    zErr = NULL;
    if (vp_cite_extract(t, &meta, &cites, &zErr) == VP_OK) {
      for (int i = 0; i < cites.n; i++) {
        const vp_citation *c = &cites.a[i];
        FUZZ_ASSERT(c->iPassage >= 0 && c->iPassage < t->nPassage, "cite passage");
        FUZZ_ASSERT(0 <= c->iStart && c->iStart <= c->iEnd && (size_t)c->iEnd <= nData,
                    "cite span");
        FUZZ_ASSERT(memchr(c->num.zKey, 0, sizeof(c->num.zKey)) != NULL, "cite key");
      }
    }
    vp_cite_clear(&cites);
    free(zErr);
    zErr = NULL;
    vp_tasks tasks = {NULL, 0};
    if (vp_task_extract(t, &meta, &tasks, &zErr) == VP_OK) {
      for (int i = 0; i < tasks.n; i++) {
        const vp_task *k = &tasks.a[i];
        FUZZ_ASSERT(k->iPassage >= 0 && k->iPassage < t->nPassage, "task passage");
        FUZZ_ASSERT(k->nAgency >= 0 && (k->nAgency == 0 || k->aAgency), "task agencies");
        for (int j = 0; j < k->nAgency; j++)
          FUZZ_ASSERT(k->aAgency[j].zCanon != NULL, "agency canon");
      }
    }
    vp_task_clear(&tasks);
  }
  free(zErr);
  vp_meta_clear(&meta);
  vp_reader_free(t);
  return 0;
}
