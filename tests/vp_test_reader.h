/*
** vp_test_reader.h — helpers the reader's unit tests share: parse a string
** into the document model, and find the passage that holds a piece of text.
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
static vp_text *parse(const char *z) {
  vp_text *p = NULL;
  char *zErr = NULL;
  int rc = vp_reader_parse(z, strlen(z), &p, &zErr);
  if (rc != VP_OK) fprintf(stderr, "parse: %d %s\n", rc, zErr ? zErr : "");
  free(zErr);
  return p;
}

/* First passage whose text contains zNeedle, or -1. */
static int find(const vp_text *p, const char *zNeedle) {
  for (int i = 0; p && i < p->nPassage; i++)
    if (strstr(p->aPassage[i].zText, zNeedle)) return i;
  return -1;
}

#endif /* VP_TEST_READER_H */
