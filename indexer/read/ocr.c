/*
** ocr.c — page images to text through Tesseract's C API (vp_ocr.h): one
** TessBaseAPI per document, initialised with the "vie" model from
** Tesseract's own data folder, page segmentation automatic, each image
** given as 8-bit gray with its resolution. Tesseract parallelises with
** OpenMP, which on a busy two-core machine spins more than it helps (a page
** took 3x longer): OpenMP regions are held to one thread, through
** omp_set_max_active_levels(0) found at run time (no link to libgomp of our own).
** Compiled to stubs that say "OCR not built" when the Makefile found no
** libtesseract-dev (no VP_HAVE_TESSERACT). Not for rendering pages
** (format_pdf.c does, with poppler and cairo).
*/
#include "vp_ocr.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

#ifdef VP_HAVE_TESSERACT
#include <dlfcn.h>
#include <tesseract/capi.h>
#endif

vp_ocr_mode vp_ocr_mode_get(void) {
  const char *z = getenv("VNPLAN_OCR");
  if (z && strcmp(z, "off") == 0) return VP_OCR_OFF;
  if (z && strcmp(z, "force") == 0) return VP_OCR_FORCE;
  return VP_OCR_AUTO;
}

#ifdef VP_HAVE_TESSERACT

struct vp_ocr {
  TessBaseAPI *api;
};

int vp_ocr_built(void) { return 1; }

/* OpenMP parallel regions run by one thread (no active level), when
** OpenMP is loaded: Tesseract asks for its thread counts explicitly, so
** omp_set_num_threads would not do. */
static void one_omp_thread(void) {
  void (*xSet)(int);
  *(void **)&xSet = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
  if (xSet) xSet(0);
}

int vp_ocr_open(vp_ocr **ppOut, char **pzErr) {
  *ppOut = NULL;
  vp_ocr *p = calloc(1, sizeof *p);
  if (p == NULL) return VP_ENOMEM;
  p->api = TessBaseAPICreate();
  if (p->api == NULL) {
    free(p);
    return VP_ENOMEM;
  }
  if (TessBaseAPIInit3(p->api, NULL, "vie") != 0) {
    vp_ocr_close(p);
    if (pzErr)
      *pzErr = vp_mprintf("OCR: Tesseract's Vietnamese model cannot be loaded (install tesseract-ocr-vie)");
    return VP_EINPUT;
  }
  TessBaseAPISetPageSegMode(p->api, PSM_AUTO);
  *ppOut = p;
  return VP_OK;
}

void vp_ocr_close(vp_ocr *p) {
  if (p == NULL) return;
  if (p->api) {
    TessBaseAPIEnd(p->api);
    TessBaseAPIDelete(p->api);
  }
  free(p);
}

int vp_ocr_gray(vp_ocr *p, const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                char **pzText) {
  one_omp_thread();
  TessBaseAPISetImage(p->api, aPix, nW, nH, 1, nStride);
  TessBaseAPISetSourceResolution(p->api, nDpi);
  char *zT = TessBaseAPIGetUTF8Text(p->api);
  *pzText = vp_strndup(zT ? zT : "", -1);
  if (zT) TessDeleteText(zT);
  TessBaseAPIClear(p->api);
  return *pzText ? VP_OK : VP_ENOMEM;
}

#else /* no Tesseract at build time */

int vp_ocr_built(void) { return 0; }

int vp_ocr_open(vp_ocr **ppOut, char **pzErr) {
  *ppOut = NULL;
  if (pzErr) *pzErr = vp_mprintf("OCR is not built (libtesseract-dev was missing at build time)");
  return VP_EINPUT;
}

void vp_ocr_close(vp_ocr *p) { (void)p; }

int vp_ocr_gray(vp_ocr *p, const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                char **pzText) {
  (void)p, (void)aPix, (void)nW, (void)nH, (void)nStride, (void)nDpi;
  *pzText = NULL;
  return VP_EINPUT;
}

#endif
