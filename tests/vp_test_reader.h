/*
** vp_test_reader.h — helpers the reader's unit tests share: parse a string
** into the document model, find the passage that holds a piece of text,
** and find a rendered document's task table.
** Not for the harness itself (vp_test.h).
*/
#ifndef VP_TEST_READER_H
#define VP_TEST_READER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_reader.h"

/* The model of z, or NULL (the reason printed on stderr). */
static inline vp_text *parse(const char *z) {
  vp_text *p = NULL;
  char *zErr = NULL;
  int rc = vp_reader_parse(z, strlen(z), &p, &zErr);
  if (rc != VP_OK) fprintf(stderr, "parse: %d %s\n", rc, zErr ? zErr : "");
  free(zErr);
  return p;
}

/* First passage whose text contains zNeedle, or -1. */
static inline int find(const vp_text *p, const char *zNeedle) {
  for (int i = 0; p && i < p->nPassage; i++)
    if (strstr(p->aPassage[i].zText, zNeedle)) return i;
  return -1;
}

/* The first table head of nCell cells in p (its index in *piHead, -1 when
** none): the number of rows under it. */
static inline int task_table(const vp_text *p, int nCell, int *piHead) {
  int iHead = -1, nRow = 0;
  for (int i = 0; i < p->nPassage; i++) {
    const vp_passage *ps = &p->aPassage[i];
    if (ps->eKind == VP_P_TABLE_HEAD && ps->nCell == nCell && iHead < 0) iHead = i;
    if (ps->eKind == VP_P_ROW && iHead >= 0 && ps->iTable == iHead) nRow++;
  }
  *piHead = iHead;
  return nRow;
}

#endif /* VP_TEST_READER_H */
