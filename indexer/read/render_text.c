/*
** render_text.c — text-writing steps shared by the DOCX and ODT renderers
** (render_text.h): capitals, trimming, a layout table's cell. Not for the
** XML (zipxml.c) or list labels (docx_num.c, odt_style.c).
*/
#include "render_text.h"

#include <utf8proc.h>

void render_upper_from(vp_buf *pOut, size_t n0, int *pRc) {
  vp_buf b = {0};
  for (size_t i = n0; i < pOut->n && *pRc == VP_OK;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)pOut->z + i,
                                          (utf8proc_ssize_t)(pOut->n - i), &cp);
    if (k <= 0) { /* not UTF-8: kept as it is */
      vp_buf_append(&b, pOut->z + i, 1, pRc);
      i++;
      continue;
    }
    utf8proc_uint8_t zU[4];
    utf8proc_ssize_t nU = utf8proc_encode_char(utf8proc_toupper(cp), zU);
    vp_buf_append(&b, (const char *)zU, (size_t)nU, pRc);
    i += (size_t)k;
  }
  if (*pRc == VP_OK) {
    pOut->n = n0;
    vp_buf_append(pOut, b.z ? b.z : "", b.n, pRc);
  }
  vp_buf_free(&b);
}

void render_trim(const char **pz, size_t *pn) {
  const char *z = *pz;
  size_t n = *pn;
  while (n && (z[0] == ' ' || z[0] == '\n' || z[0] == '\t')) z++, n--;
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\n' || z[n - 1] == '\t')) n--;
  *pz = z;
  *pn = n;
}

void render_layout_cell(vp_buf *pOut, const char *zCell, size_t nCell, int *pRc) {
  for (size_t i = 0; i < nCell; i++) {
    if (zCell[i] == '\n' && (pOut->n == 0 || pOut->z[pOut->n - 1] == '\n')) continue; /* one a line */
    char ch = zCell[i] == '|' ? '/' : zCell[i];
    vp_buf_append(pOut, &ch, 1, pRc);
  }
  if (pOut->n && pOut->z[pOut->n - 1] != '\n') vp_buf_append(pOut, "\n", 1, pRc);
  vp_buf_append(pOut, "|\n", 2, pRc);
}
