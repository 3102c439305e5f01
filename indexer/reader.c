/* reader.c — STUB: file → passages (being written) */
#include "vp_reader.h"
#include "vp_common.h"
int vp_reader_parse(const char *zBuf, size_t nBuf, vp_text **ppOut, char **pzErr) { (void)zBuf; (void)nBuf; *ppOut = 0; *pzErr = vp_mprintf("reader not built yet"); return VP_ERROR; }
int vp_reader_load(const char *zPath, size_t nMax, vp_text **ppOut, char **pzErr) { (void)zPath; (void)nMax; *ppOut = 0; *pzErr = vp_mprintf("reader not built yet"); return VP_ERROR; }
void vp_reader_free(vp_text *p) { (void)p; }
