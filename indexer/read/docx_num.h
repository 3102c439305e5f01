/*
** docx_num.h — private to indexer/read/: a DOCX's list numbering
** (word/numbering.xml) turned into the labels Word shows before numbered
** and bulleted paragraphs ("1.", "a)", "II.", "-"), counted in document
** order. Used by format_docx.c only. Not for styles or outline levels.
*/
#ifndef DOCX_NUM_H
#define DOCX_NUM_H

#include <stddef.h>

#include <libxml/tree.h>

typedef struct docx_num docx_num;

/* The numbering definitions of the parsed word/numbering.xml (doc may be
** NULL: no numbering). Returns NULL only when out of memory. */
docx_num *docx_num_load(xmlDocPtr doc);

/* The label of the next paragraph numbered (numId, ilvl), counters
** advanced, written to zOut (NUL-terminated, at most nOut-1 bytes): "" when
** numId has no definition or its level shows nothing. Bullets give "-". */
void docx_num_label(docx_num *p, int numId, int ilvl, char *zOut, size_t nOut);

void docx_num_free(docx_num *p); /* NULL is a no-op */

#endif /* DOCX_NUM_H */
