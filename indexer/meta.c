/* meta.c — STUB: document metadata (being written) */
#include "vp_meta.h"
#include <string.h>
int vp_meta_extract(const vp_text *pText, vp_meta *pOut, char **pzErr) { (void)pText; (void)pzErr; memset(pOut, 0, sizeof(*pOut)); return 0; }
void vp_meta_clear(vp_meta *p) { memset(p, 0, sizeof(*p)); }
