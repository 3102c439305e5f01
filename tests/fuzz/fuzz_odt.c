/*
** fuzz_odt.c — libFuzzer target for the OpenDocument renderer
** (format_odt.c, odt_style.c) through its flat form: the input as a .fodt
** (one XML document, no zip, so the fuzzer reaches the styles, lists,
** tables and notes at once). A rendering must be NUL-terminated text of the
** length it reports, valid UTF-8 for the reader, and its parse must hold;
** a refusal must come with a message.
*/
#include "fuzz.h"
#include "vp_common.h"
#include "vp_format.h"
#include "vp_reader.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  char *z = fuzz_copy(aData, nData);
  if (z == NULL) return 0;
  char *zOut = NULL, *zErr = NULL;
  size_t nOut = 0;
  int rc = vp_format_fodt_render(z, nData, &zOut, &nOut, &zErr);
  if (rc == VP_OK) {
    FUZZ_ASSERT(zOut != NULL && strlen(zOut) == nOut, "rendered length");
    vp_text *pText = NULL;
    char *zErr2 = NULL;
    if (nOut && vp_reader_parse(zOut, nOut, &pText, &zErr2) == VP_OK) vp_reader_free(pText);
    free(zErr2);
  } else {
    FUZZ_ASSERT(zOut == NULL, "no text on refusal");
    FUZZ_ASSERT(rc != VP_EINPUT || zErr != NULL, "a refusal says why");
  }
  free(zOut);
  free(zErr);
  free(z);
  return 0;
}
