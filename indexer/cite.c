/* cite.c — STUB: citations (being written) */
#include "vp_cite.h"
#include <string.h>
int vp_cite_extract(const vp_text *pText, const vp_meta *pMeta, vp_citations *pOut, char **pzErr) { (void)pText; (void)pMeta; (void)pzErr; memset(pOut, 0, sizeof(*pOut)); return 0; }
void vp_cite_clear(vp_citations *p) { memset(p, 0, sizeof(*p)); }
const char *vp_cite_relation_name(vp_relation e) { (void)e; return "mention"; }
const char *vp_cite_type_name(const char *zCode) { (void)zCode; return 0; }
