/*
** formats.c — the table of file formats and their renderers (vp_format.h):
** an extension, the format's name, and the function that renders it into
** the text the reader parses, NULL while no renderer is built (the walk
** then names the file as an unsupported type). Not for rendering itself:
** each format has its own file.
*/
#include "vp_format.h"

#include <string.h>
#include <strings.h>

#include "vp_common.h"

#include <stdlib.h>
#include <utf8proc.h>

static const struct {
  const char *zExt;
  const char *zName;
  vp_format_render_fn xRender; /* NULL: not built yet */
} aFormat[] = {
    {".docx", "DOCX", vp_format_docx_render}, {".html", "HTML", vp_format_html_render},
    {".htm", "HTML", vp_format_html_render},
    {".pdf", "PDF", vp_format_pdf_render},
    {".doc", "DOC", vp_format_doc_render},   {".odt", "ODT", vp_format_odt_render},
    {".fodt", "ODT", vp_format_fodt_render}, {".rtf", "RTF", NULL},
};

/* What the renderer running on this thread is about: the file's path (for
** progress lines) and the pages it read by OCR. */
static _Thread_local const char *tl_zPath;
static _Thread_local int tl_nOcr;
/* the PDF page number (1-based, bit 15: read by OCR) of each page rendered */
#define PAGES_MAX 2048
static _Thread_local unsigned short tl_aPage[PAGES_MAX];
static _Thread_local int tl_nPage;

const char *vp_format_current_path(void) { return tl_zPath; }
void vp_format_note_ocr(int nPage) { tl_nOcr = nPage; }
int vp_format_ocr_pages(void) { return tl_nOcr; }

void vp_format_note_page(int iPage, int bOcr) {
  if (tl_nPage < PAGES_MAX) tl_aPage[tl_nPage++] = (unsigned short)((iPage & 0x7fff) | (bOcr ? 0x8000 : 0));
}

int vp_format_page(int k, int *pbOcr) {
  *pbOcr = 0;
  if (k < 0 || k >= tl_nPage) return 0;
  *pbOcr = (tl_aPage[k] & 0x8000) != 0;
  return tl_aPage[k] & 0x7fff;
}

static int format_index(const char *zPath) {
  const char *zBase = strrchr(zPath, '/');
  zBase = zBase ? zBase + 1 : zPath;
  const char *zDot = strrchr(zBase, '.');
  if (zDot == NULL || zDot == zBase) return -1;
  for (int i = 0; i < VP_ARRAY_SIZE(aFormat); i++)
    if (strcasecmp(zDot, aFormat[i].zExt) == 0) return i;
  return -1;
}

const char *vp_format_of(const char *zPath) {
  int i = format_index(zPath);
  return i < 0 ? NULL : aFormat[i].zName;
}

int vp_format_readable(const char *zPath) {
  int i = format_index(zPath);
  return i >= 0 && aFormat[i].xRender != NULL;
}

int vp_format_render(const char *zPath, const char *z, size_t n, char **pzOut, size_t *pnOut,
                     char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  int i = format_index(zPath);
  if (i < 0 || aFormat[i].xRender == NULL) {
    if (pzErr) *pzErr = vp_mprintf("unsupported type (%s reading is not built yet)", i < 0 ? "its" : aFormat[i].zName);
    return VP_EINPUT;
  }
  tl_zPath = zPath;
  tl_nOcr = 0;
  tl_nPage = 0;
  int rc = aFormat[i].xRender(z, n, pzOut, pnOut, pzErr);
  tl_zPath = NULL;
  return rc;
}

int vp_format_take_nfc(vp_buf *pOut, const char *zFormat, char **pzOut, size_t *pnOut, char **pzErr) {
  char *zText = vp_buf_take(pOut);
  if (zText == NULL) return VP_ENOMEM;
  utf8proc_uint8_t *zNfc = utf8proc_NFC((const utf8proc_uint8_t *)zText);
  free(zText);
  if (zNfc == NULL) {
    if (pzErr) *pzErr = vp_mprintf("%s's text is not valid UTF-8", zFormat);
    return VP_EINPUT;
  }
  *pzOut = (char *)zNfc;
  *pnOut = strlen(*pzOut);
  return VP_OK;
}
