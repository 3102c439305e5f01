/* agency.c — STUB: agencies (being written) */
#include "vp_agency.h"
int vp_agency_scan(const char *z, int n, vp_agency_mention **paOut, int *pnOut) { (void)z; (void)n; *paOut = 0; *pnOut = 0; return 0; }
void vp_agency_mentions_free(vp_agency_mention *a, int n) { (void)a; (void)n; }
const vp_agency *vp_agency_resolve(const char *zTyped) { (void)zTyped; return 0; }
int vp_agency_count(void) { return 0; }
const vp_agency *vp_agency_get(int i) { (void)i; return 0; }
