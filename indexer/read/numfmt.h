/*
** numfmt.h — private to indexer/read/: a list counter written as a word
** processor shows it — digits, letters ("a" … "z", then "aa"), roman
** numerals — for the list labels of DOCX (docx_num.c) and ODT
** (odt_style.c). Not for parsing labels (the reader's lines.c does that).
*/
#ifndef NUMFMT_H
#define NUMFMT_H

#include <stddef.h>

enum { NUMFMT_DECIMAL = 0, NUMFMT_LOWER_LETTER, NUMFMT_UPPER_LETTER, NUMFMT_LOWER_ROMAN,
       NUMFMT_UPPER_ROMAN, NUMFMT_BULLET, NUMFMT_NONE };

/* v in format eFmt (NUMFMT_DECIMAL … NUMFMT_UPPER_ROMAN) into z[0..n),
** NUL-terminated (at most 15 bytes are needed). */
void numfmt_value(int v, int eFmt, char *z, size_t n);

#endif /* NUMFMT_H */
