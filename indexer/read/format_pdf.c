/*
** format_pdf.c — the PDF renderer (vp_format.h): a PDF with a text layer
** opened through poppler's GLib API (no password) and each page's text taken
** as poppler gives it (poppler_page_get_text: its reading order, one line of
** the page per line of text), trailing blanks cut; pages are separated by an
** empty line and a rule line "---", which the reader treats as a page break
** (a sentence cut by it is joined). Pages without text are passed over; a
** PDF without text on any page is refused as a scan (no OCR yet), as are an
** encrypted PDF, a damaged one (poppler's message) and one of more than
** PDF_MAX_PAGES pages (before any text is read). The text out is NFC UTF-8.
** Not for tables from glyph positions, OCR or page locators.
*/
#include "vp_format.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"

#define PDF_MAX_PAGES 2000

/* Append page text zText, its lines kept, trailing blanks and form feeds
** cut, empty lines at its start and end dropped. Returns 1 if the page had
** any text. */
static int append_page(vp_buf *pOut, const char *zText, int *pRc) {
  const char *z = zText;
  int bAny = 0;
  int nBlank = 0; /* empty lines seen since the last line with text */
  while (*z) {
    const char *zEol = strchr(z, '\n');
    size_t nLine = zEol ? (size_t)(zEol - z) : strlen(z);
    size_t nKeep = nLine;
    while (nKeep > 0 && (z[nKeep - 1] == ' ' || z[nKeep - 1] == '\t' || z[nKeep - 1] == '\r' ||
                         z[nKeep - 1] == '\f'))
      nKeep--;
    size_t nLead = 0;
    while (nLead < nKeep && z[nLead] == '\f') nLead++;
    if (nKeep == nLead) {
      nBlank++;
    } else {
      if (bAny) {
        for (int i = 0; i <= (nBlank > 1 ? 1 : nBlank); i++) vp_buf_append(pOut, "\n", 1, pRc);
      }
      vp_buf_append(pOut, z + nLead, nKeep - nLead, pRc);
      bAny = 1;
      nBlank = 0;
    }
    if (zEol == NULL) break;
    z = zEol + 1;
  }
  return bAny;
}

int vp_format_pdf_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  GError *pErr = NULL;
  GBytes *pBytes = g_bytes_new(z, n);
  PopplerDocument *pDoc = poppler_document_new_from_bytes(pBytes, NULL, &pErr);
  if (pDoc == NULL) {
    if (pzErr) {
      if (pErr && pErr->domain == POPPLER_ERROR && pErr->code == POPPLER_ERROR_ENCRYPTED)
        *pzErr = vp_mprintf("encrypted PDF");
      else
        *pzErr = vp_mprintf("damaged PDF (%s)", pErr && pErr->message ? pErr->message : "cannot be opened");
    }
    if (pErr) g_error_free(pErr);
    g_bytes_unref(pBytes);
    return VP_EINPUT;
  }
  if (pErr) g_error_free(pErr);
  int rc = VP_OK;
  int nPage = poppler_document_get_n_pages(pDoc);
  if (nPage > PDF_MAX_PAGES) {
    if (pzErr) *pzErr = vp_mprintf("PDF of %d pages (over the 2,000-page limit)", nPage);
    rc = VP_EINPUT;
  }
  vp_buf out;
  memset(&out, 0, sizeof out);
  int nText = 0;
  for (int i = 0; rc == VP_OK && i < nPage; i++) {
    PopplerPage *pPage = poppler_document_get_page(pDoc, i);
    if (pPage == NULL) continue;
    char *zText = poppler_page_get_text(pPage);
    if (zText) {
      size_t nBefore = out.n;
      if (nText > 0) vp_buf_append(&out, "\n\n---\n\n", 7, &rc);
      if (append_page(&out, zText, &rc)) {
        nText++;
      } else if (rc == VP_OK) {
        out.n = nBefore; /* a page without text: no rule for it */
        if (out.z) out.z[out.n] = '\0';
      }
      g_free(zText);
    }
    g_object_unref(pPage);
  }
  g_object_unref(pDoc);
  g_bytes_unref(pBytes);
  if (rc == VP_OK && nText == 0) {
    if (pzErr) *pzErr = vp_mprintf("no text layer (a scan; OCR is not built yet)");
    rc = VP_EINPUT;
  }
  if (rc == VP_OK) vp_buf_append(&out, "\n", 1, &rc);
  if (rc != VP_OK) {
    vp_buf_free(&out);
    if (rc == VP_ENOMEM && pzErr) *pzErr = vp_mprintf("out of memory rendering PDF");
    return rc;
  }
  char *zText = vp_buf_take(&out);
  if (zText == NULL) return VP_ENOMEM;
  utf8proc_uint8_t *zNfc = utf8proc_NFC((const utf8proc_uint8_t *)zText);
  free(zText);
  if (zNfc == NULL) {
    if (pzErr) *pzErr = vp_mprintf("PDF's text is not valid UTF-8");
    return VP_EINPUT;
  }
  *pzOut = (char *)zNfc;
  *pnOut = strlen(*pzOut);
  return VP_OK;
}
