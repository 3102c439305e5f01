/*
** vp_ocr.h — optical character recognition of a page image with Tesseract
** and its Vietnamese model (Debian tesseract-ocr-vie), for scanned PDFs
** (format_pdf.c renders a page without a text layer and passes its pixels
** here). Built only when libtesseract-dev was found at build time (the
** Makefile defines VP_HAVE_TESSERACT); otherwise every call says OCR is not
** built. Not for reading PDFs or rendering pages.
*/
#ifndef VP_OCR_H
#define VP_OCR_H

/* Is OCR compiled in? 1 or 0. */
int vp_ocr_built(void);

/* The OCR mode: the one vp_ocr_mode_set gave, else from the environment:
** VNPLAN_OCR=off (never), force (every page, even one with a text layer),
** anything else or unset: auto (pages without text). */
typedef enum vp_ocr_mode { VP_OCR_AUTO = 0, VP_OCR_OFF = 1, VP_OCR_FORCE = 2 } vp_ocr_mode;
vp_ocr_mode vp_ocr_mode_get(void);

/* Set the mode for this process (`vnplan index --ocr=…`), over
** VNPLAN_OCR; call it before indexing starts (it is read, not locked). */
void vp_ocr_mode_set(vp_ocr_mode e);

/* An OCR engine with the Vietnamese model loaded, for the pages of one
** document (loading takes about a second). VP_OK with *ppOut; VP_EINPUT
** with *pzErr when OCR is not built or the model cannot be loaded;
** VP_ENOMEM. */
typedef struct vp_ocr vp_ocr;
int vp_ocr_open(vp_ocr **ppOut, char **pzErr);
void vp_ocr_close(vp_ocr *p); /* NULL is a no-op */

/* A recognised character's box in points (72 a inch), y growing downwards,
** as poppler gives a text layer's glyph boxes. */
typedef struct vp_ocr_box {
  double x1, y1, x2, y2;
} vp_ocr_box;

/* Recognise the text of an 8-bit gray image (nW x nH pixels, nStride bytes
** a row, nDpi its resolution): *pzText malloc'd UTF-8, lines as Tesseract
** reads them. When pzWords is not NULL, also the recognised words with
** their positions: *pzWords (malloc'd) the words, a space between two on a
** line and a newline between lines, and *paBox (malloc'd, *pnBox of them)
** one box per character (code point) of *pzWords, a word's box (widened
** by an eighth of its height each side, as a glyph's advance) shared out
** among its characters (spaces and newlines: an empty box). A word made
** only of "|" (a table's ruling read as text) is left out, as are "|" at a
** word's ends. The caller frees all three with free(). Runs on the calling
** thread alone (OpenMP held to one thread: the machine's other core is the
** index writer's). VP_OK or VP_ENOMEM (then all outputs NULL). */
int vp_ocr_gray(vp_ocr *p, const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                char **pzText, char **pzWords, vp_ocr_box **paBox, int *pnBox);

/* OCR's text with a roman section number read with an L for an I put
** right at a heading's start: a line's first word (after Markdown marks)
** of I V X L with an L, no numeral up to XXXIX as read but one with each L
** as I, followed by a capital letter ("IL NHIỆM VỤ" → "II. NHIỆM VỤ",
** "L. MỤC ĐÍCH" → "I. MỤC ĐÍCH"). Returns a malloc'd copy (the caller
** frees it), NULL when out of memory. */
char *vp_ocr_fix_roman_heads(const char *z);

#endif /* VP_OCR_H */
