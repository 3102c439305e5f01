/*
** ocr.c — page images to text through Tesseract's C API (vp_ocr.h): one
** TessBaseAPI per document, initialised with the "vie" model from
** Tesseract's own data folder, page segmentation automatic, each image
** given as 8-bit gray with its resolution. Tesseract parallelises with
** OpenMP, which on a busy two-core machine spins more than it helps (a page
** took 3x longer): OpenMP regions are held to one thread, through
** omp_set_max_active_levels(0) found at run time (no link to libgomp of our own).
** Besides the text, the words with their boxes (the result iterator at
** RIL_WORD, lines from RIL_TEXTLINE), in points, so a page's table can be
** rebuilt from positions as a text layer's is (pdf_table.c).
** Also what OCR's text needs put right: a heading's roman number read with
** an L (vp_ocr_fix_roman_heads).
** Compiled to stubs that say "OCR not built" when the Makefile found no
** libtesseract-dev (no VP_HAVE_TESSERACT). Not for rendering pages
** (format_pdf.c does, with poppler and cairo).
*/
#include "vp_ocr.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vp_common.h"

/* Is z[0..n) a roman numeral from I to XXXIX? */
static int roman_ok(const char *z, int n) {
  int i = 0;
  while (i < n && i < 3 && z[i] == 'X') i++;
  if (n - i == 2 && (memcmp(z + i, "IX", 2) == 0 || memcmp(z + i, "IV", 2) == 0)) return 1;
  if (i < n && z[i] == 'V') i++;
  int k = 0;
  while (i < n && z[i] == 'I' && k < 3) i++, k++;
  return i == n && n > 0;
}

/* OCR reads the I of a roman section number at a heading's start as an L
** ("L MỤC ĐÍCH", "IL NHIỆM VỤ", "VL. …"): at the start of a line (after
** Markdown marks), a word of I V X L with an L, which is no numeral up to
** XXXIX but is one with each L read as I, followed by a capital letter (a
** heading's words), gets its I back and its dot ("II. NHIỆM VỤ"). Returns
** the text put right (malloc'd), or NULL when out of memory. */
char *vp_ocr_fix_roman_heads(const char *z) {
  vp_buf out = {0};
  int rc = VP_OK;
  for (const char *zLine = z; zLine && *zLine && rc == VP_OK;) {
    const char *e = strchr(zLine, '\n');
    size_t nLine = e ? (size_t)(e - zLine) + 1 : strlen(zLine);
    const char *w = zLine;
    while (*w == '#' || *w == '*' || *w == ' ') w++;
    int n = 0;
    while (n < 5 && w[n] && strchr("IVXL", w[n])) n++;
    const char *a = w + n;
    int bFix = 0;
    char zTry[8];
    if (n > 0 && n < 5 && memchr(w, 'L', (size_t)n) && (*a == ' ' || (*a == '.' && a[1] == ' '))) {
      memcpy(zTry, w, (size_t)n);
      for (int i = 0; i < n; i++)
        if (zTry[i] == 'L') zTry[i] = 'I';
      const char *b = *a == ' ' ? a + 1 : a + 2;
      utf8proc_int32_t cp = -1;
      utf8proc_iterate((const utf8proc_uint8_t *)b, -1, &cp);
      bFix = !roman_ok(w, n) && roman_ok(zTry, n) && cp > 0 &&
             utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
    }
    if (bFix) {
      vp_buf_append(&out, zLine, (size_t)(w - zLine), &rc);
      vp_buf_append(&out, zTry, (size_t)n, &rc);
      vp_buf_append(&out, ".", 1, &rc);
      if (*a == '.') a++;
      vp_buf_append(&out, a, nLine - (size_t)(a - zLine), &rc);
    } else {
      vp_buf_append(&out, zLine, nLine, &rc);
    }
    zLine = e ? e + 1 : NULL;
  }
  if (rc == VP_OK && out.z == NULL) vp_buf_append(&out, "", 0, &rc);
  if (rc != VP_OK) {
    vp_buf_free(&out);
    return NULL;
  }
  return vp_buf_take(&out);
}

#ifdef VP_HAVE_TESSERACT
#include <dlfcn.h>
#include <tesseract/capi.h>
#endif

static int g_eOcrMode = -1; /* vp_ocr_mode_set's, or -1: the environment's */

void vp_ocr_mode_set(vp_ocr_mode e) { g_eOcrMode = (int)e; }

vp_ocr_mode vp_ocr_mode_get(void) {
  if (g_eOcrMode >= 0) return (vp_ocr_mode)g_eOcrMode;
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

/* Code points in z[0..n). */
static int n_chars(const char *z, size_t n) {
  int k = 0;
  for (size_t i = 0; i < n; i++) k += ((unsigned char)z[i] & 0xc0) != 0x80;
  return k;
}

/* The recognised words with their boxes (vp_ocr_gray's pzWords). */
static int ocr_words(vp_ocr *p, int nDpi, char **pzWords, vp_ocr_box **paBox, int *pnBox) {
  vp_buf words = {0};
  vp_ocr_box *aBox = NULL;
  int nBox = 0, nAlloc = 0, rc = VP_OK;
  double k = 72.0 / (nDpi > 0 ? nDpi : 300);
  TessResultIterator *it = TessBaseAPIGetIterator(p->api);
  if (it) {
    const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    do {
      char *zW = TessResultIteratorGetUTF8Text(it, RIL_WORD);
      int x1, y1, x2, y2;
      if (zW && TessPageIteratorBoundingBox(pit, RIL_WORD, &x1, &y1, &x2, &y2)) {
        const char *z = zW;
        size_t n = strlen(z);
        while (n && *z == '|') z++, n--;
        while (n && z[n - 1] == '|') n--;
        int nC = n_chars(z, n);
        if (nC > 0) {
          /* ink boxes are tighter than a text layer's glyph boxes (which
          ** hold a glyph's advance): widened by a side bearing, so two
          ** words of a line are no further apart than in a text layer */
          int nPad = (y2 - y1) / 8;
          x1 -= nPad, x2 += nPad;
          int bLine = words.n > 0 && TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE);
          int nNeed = nBox + nC + 1;
          if (nNeed > nAlloc) {
            int nNew = nNeed * 2 + 64;
            vp_ocr_box *a = realloc(aBox, sizeof *a * (size_t)nNew);
            if (a == NULL) rc = VP_ENOMEM;
            else aBox = a, nAlloc = nNew;
          }
          if (rc == VP_OK) {
            if (words.n > 0) {
              vp_buf_append(&words, bLine ? "\n" : " ", 1, &rc);
              aBox[nBox++] = (vp_ocr_box){x1 * k, y1 * k, x1 * k, y1 * k};
            }
            vp_buf_append(&words, z, n, &rc);
            for (int i = 0; i < nC; i++)
              aBox[nBox++] = (vp_ocr_box){(x1 + (double)(x2 - x1) * i / nC) * k, y1 * k,
                                          (x1 + (double)(x2 - x1) * (i + 1) / nC) * k, y2 * k};
          }
        }
      }
      if (zW) TessDeleteText(zW);
    } while (rc == VP_OK && TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
  }
  if (rc == VP_OK && words.z == NULL) vp_buf_append(&words, "", 0, &rc);
  if (rc == VP_OK && aBox == NULL) {
    aBox = malloc(sizeof *aBox);
    if (aBox == NULL) rc = VP_ENOMEM;
  }
  if (rc != VP_OK) {
    vp_buf_free(&words);
    free(aBox);
    return VP_ENOMEM;
  }
  *pzWords = vp_buf_take(&words);
  *paBox = aBox;
  *pnBox = nBox;
  return *pzWords ? VP_OK : VP_ENOMEM;
}

int vp_ocr_gray(vp_ocr *p, const unsigned char *aPix, int nW, int nH, int nStride, int nDpi,
                char **pzText, char **pzWords, vp_ocr_box **paBox, int *pnBox) {
  if (pzWords) *pzWords = NULL, *paBox = NULL, *pnBox = 0;
  one_omp_thread();
  TessBaseAPISetImage(p->api, aPix, nW, nH, 1, nStride);
  TessBaseAPISetSourceResolution(p->api, nDpi);
  char *zT = TessBaseAPIGetUTF8Text(p->api);
  *pzText = vp_strndup(zT ? zT : "", -1);
  if (zT) TessDeleteText(zT);
  int rc = *pzText ? VP_OK : VP_ENOMEM;
  if (rc == VP_OK && pzWords) rc = ocr_words(p, nDpi, pzWords, paBox, pnBox);
  TessBaseAPIClear(p->api);
  if (rc != VP_OK) {
    free(*pzText);
    *pzText = NULL;
  }
  return rc;
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
                char **pzText, char **pzWords, vp_ocr_box **paBox, int *pnBox) {
  (void)p, (void)aPix, (void)nW, (void)nH, (void)nStride, (void)nDpi;
  *pzText = NULL;
  if (pzWords) *pzWords = NULL, *paBox = NULL, *pnBox = 0;
  return VP_EINPUT;
}

#endif
