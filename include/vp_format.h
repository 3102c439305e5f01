/*
** vp_format.h — files published in other formats (DOCX, HTML pages …)
** rendered into the UTF-8 text the reader parses: paragraphs separated by
** empty lines, headings and list labels as written, bold as **…**, and
** tables as Markdown pipe rows ("| a | b |", the first row the header), so
** the document model, metadata, tables with column roles, citations and
** tasks come out the same whatever the format. One renderer per format,
** each in its own file (indexer/read/format_*.c), listed in one table in
** indexer/read/formats.c. Not for text files (.txt, .md: vp_encoding and
** vp_reader read them as they are).
*/
#ifndef VP_FORMAT_H
#define VP_FORMAT_H

#include <stddef.h>

#include "vp_common.h"

/* A renderer: the bytes of a whole file in, the text out (*pzOut malloc'd,
** NUL-terminated, *pnOut its length; the caller frees). VP_EINPUT with
** *pzErr saying why when the file cannot be read (damaged, encrypted, over
** a size or count limit); VP_ENOMEM. */
typedef int (*vp_format_render_fn)(const char *z, size_t n, char **pzOut, size_t *pnOut,
                                   char **pzErr);

/* The format of a file by its name's extension: its short name ("DOCX",
** "HTML", "PDF" …) or NULL for a text file (.txt, .md) or an unknown type. */
const char *vp_format_of(const char *zPath);

/* Is a renderer built for zPath's format? 0 for text files and unknown or
** not yet supported types. */
int vp_format_readable(const char *zPath);

/* Render the file's bytes z[0..n) into text (see vp_format_render_fn).
** VP_EINPUT "unsupported type" when no renderer is built for its format. */
int vp_format_render(const char *zPath, const char *z, size_t n, char **pzOut, size_t *pnOut,
                     char **pzErr);

/* The path of the file vp_format_render is rendering on this thread (NULL
** outside it): for a renderer's progress lines. */
const char *vp_format_current_path(void);

/* A renderer's last step: the text it built in *pOut (taken, freed on
** error) in Unicode NFC as *pzOut (free it) and *pnOut bytes. VP_OK, else
** VP_ENOMEM, or VP_EINPUT with "<zFormat>'s text is not valid UTF-8". */
int vp_format_take_nfc(vp_buf *pOut, const char *zFormat, char **pzOut, size_t *pnOut, char **pzErr);

/* A renderer notes how many pages it read by OCR; vp_format_ocr_pages gives
** that count for the last vp_format_render on this thread (0: none). */
void vp_format_note_ocr(int nPage);
int vp_format_ocr_pages(void);

/* A paged renderer (PDF) notes each page it puts out, in order: its page
** number in the file and whether OCR read it. vp_format_page gives the
** k-th (0-based) of the last vp_format_render on this thread, 0 if none. */
void vp_format_note_page(int iPage, int bOcr);
int vp_format_page(int k, int *pbOcr);

/* Give each passage of a text rendered from zPath's format its locator
** (vp_passage.zLoc: PDF page and line on the page, DOCX/DOC paragraph) and
** the text its count of OCR pages; call on the thread that rendered it,
** after vp_reader_parse (locate.c). Text files are left as they are. */
struct vp_text;
void vp_format_locate(const char *zPath, struct vp_text *pText);

/* The renderers (indexer/read/format_*.c). DOCX: word/document.xml and
** word/footnotes.xml through libzip and libxml2; a damaged zip, a part over
** 64 MB uncompressed, malformed XML or a DTD/entity declaration: VP_EINPUT. */
int vp_format_docx_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);

/* A saved web page (libxml2's HTML parser, the page's own charset). */
int vp_format_html_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);

/* A PDF with a text layer (poppler-glib): each page's text in poppler's
** reading order, pages separated by an empty line and a "---" rule; an
** encrypted or damaged PDF, one over 2,000 pages or one without any text
** (a scan): VP_EINPUT. */
int vp_format_pdf_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);

/* A Word 97 .doc through the antiword program (format_doc.c): not OLE2,
** damaged, antiword missing, over 60 s or 64 MB of text: VP_EINPUT. */
int vp_format_doc_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);

/* An OpenDocument text (format_odt.c): content.xml and styles.xml through
** libzip and libxml2, refused as a DOCX is when hostile, and when encrypted
** or not a text document: VP_EINPUT. A flat .fodt (one XML document) by
** vp_format_fodt_render. */
int vp_format_odt_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);
int vp_format_fodt_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr);

#endif /* VP_FORMAT_H */
