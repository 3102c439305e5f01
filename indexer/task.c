/* task.c — STUB: tasks (being written) */
#include "vp_task.h"
#include <string.h>
int vp_task_extract(const vp_text *pText, const vp_meta *pMeta, vp_tasks *pOut, char **pzErr) { (void)pText; (void)pMeta; (void)pzErr; memset(pOut, 0, sizeof(*pOut)); return 0; }
void vp_task_clear(vp_tasks *p) { memset(p, 0, sizeof(*p)); }
