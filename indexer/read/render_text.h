/*
** render_text.h — private to indexer/read/: the small steps the word
** processor renderers (format_docx.c, format_odt.c) share while they write
** the reader's text: a run shown in capitals, a span trimmed, and a layout
** table's cell written in the portal's form (pipecells.c reads it). Not
** for parsing, nor for tables of content (each renderer writes its rows).
*/
#ifndef RENDER_TEXT_H
#define RENDER_TEXT_H

#include <stddef.h>

#include "vp_common.h"

/* The text of pOut from byte n0 on, in capitals (Unicode simple upper
** case; bytes that are not UTF-8 kept): a run set in "All Caps". */
void render_upper_from(vp_buf *pOut, size_t n0, int *pRc);

/* *pz, *pn narrowed past spaces, tabs and newlines at both ends. */
void render_trim(const char **pz, size_t *pn);

/* A layout table's cell, its rendered blocks zCell[0..nCell), appended in
** the portal's form: its lines one a line (empty ones dropped, '|' as
** '/'), then a bare "|" line that closes it. */
void render_layout_cell(vp_buf *pOut, const char *zCell, size_t nCell, int *pRc);

#endif /* RENDER_TEXT_H */
