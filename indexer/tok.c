/* tok.c — STUB: the vnplan FTS5 tokenizer (being written) */
#include "vp_tok.h"
#include "vp_common.h"
int vp_tok_register(sqlite3 *db, char **pzErr) { (void)db; *pzErr = vp_mprintf("tokenizer not built yet"); return VP_EDB; }
int vp_tok_run(const char *z, int n, int bQuery, vp_tok_fn xToken, void *pCtx) { (void)z; (void)n; (void)bQuery; (void)xToken; (void)pCtx; return 0; }
