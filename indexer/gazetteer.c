/* gazetteer.c — STUB: provinces (being written) */
#include "vp_gazetteer.h"
int vp_gaz_count(void) { return 0; }
const vp_province *vp_gaz_get(int i) { (void)i; return 0; }
const vp_province *vp_gaz_match_fold(const char *zFold, int n, int *pnLen) { (void)zFold; (void)n; *pnLen = 0; return 0; }
const vp_province *vp_gaz_lookup(const char *zTyped) { (void)zTyped; return 0; }
int vp_gaz_members(const char *zTyped, const vp_province **apOut, int nMax) { (void)zTyped; (void)apOut; (void)nMax; return 0; }
