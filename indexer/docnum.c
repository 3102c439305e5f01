/* docnum.c — STUB: instrument number parser (being written) */
#include "vp_docnum.h"
int vp_docnum_at(const char *z, int n, int i, vp_docnum *p) { (void)z; (void)n; (void)i; (void)p; return 0; }
int vp_docnum_next(const char *z, int n, int iFrom, vp_docnum *p) { (void)z; (void)n; (void)iFrom; (void)p; return 0; }
int vp_docnum_is_local(const vp_docnum *p) { (void)p; return 0; }
