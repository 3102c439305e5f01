/*
** odt_style.h — private to indexer/read/: what an ODT's styles say that
** the reader's text keeps. Paragraph and text styles (automatic ones in
** content.xml, named ones in styles.xml, through their parents): bold,
** all capitals, a heading style. List styles and the outline style: the
** label LibreOffice shows before a list item or a numbered heading ("1.",
** "a)", "II.", "1.2.", bullets as "-"), counted in document order, one
** counter set per list (a list continued by text:continue-list or
** text:continue-numbering goes on counting). Used by format_odt.c only.
** Not for page layout, fonts or table styles.
*/
#ifndef ODT_STYLE_H
#define ODT_STYLE_H

#include <stddef.h>

#include <libxml/tree.h>

typedef struct odt_style odt_style;

/* The styles of styles.xml and content.xml (either may be NULL; for a flat
** .fodt the one document as zContent). NULL only when out of memory. */
odt_style *odt_style_load(xmlDocPtr pStyles, xmlDocPtr pContent);
void odt_style_free(odt_style *p); /* NULL is a no-op */

/* A paragraph (bParagraph) or text style zName, through its parents: sets
** *pbBold and *pbCaps when the chain says (fo:font-weight, fo:text-transform),
** leaves them when it says nothing. Returns 1 when it is a heading or title
** style (its name or a parent's, or a default outline level). */
int odt_style_text(odt_style *p, int bParagraph, const char *zName, int *pbBold, int *pbCaps);

/* A top-level list (text:list not inside a list item) begins: the index of
** the counter set it uses — a new one, or the one it continues (zContinue:
** text:continue-list's xml:id; bContinue: text:continue-numbering="true",
** or an unknown id: the last list of the same style). zId: its xml:id, for
** lists that continue it later. -1 when out of memory. */
int odt_style_list_begin(odt_style *p, const char *zStyle, const char *zId, const char *zContinue,
                         int bContinue);

/* The label of the next item at iLevel (0-based) of list iList in list
** style zStyle (iStart > 0: the item's text:start-value), counters
** advanced and deeper levels restarted, into zOut (NUL-terminated): "" when
** the level shows no number. */
void odt_style_list_label(odt_style *p, int iList, const char *zStyle, int iLevel, int iStart,
                          char *zOut, size_t nOut);

/* The label of the next heading at outline level iLevel (1-based) under
** the outline style (chapter numbering), "" when it shows none. */
void odt_style_outline_label(odt_style *p, int iLevel, char *zOut, size_t nOut);

#endif /* ODT_STYLE_H */
