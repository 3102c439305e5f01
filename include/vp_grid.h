/*
** vp_grid.h — an agency × province grid: for one agency, its lead and
** support task counts in each of the 34 provincial units since 2025 and in
** each of the 63 provinces before, every cell present (zero where it has no
** task), for the page's coloured grid in one request. Not for listing the
** tasks (vp_query_tasks_in pages them) nor for SQL (vp_query_who answers).
*/
#ifndef VP_GRID_H
#define VP_GRID_H

#include <cjson/cJSON.h>

#include "vp_query.h"

/* {"agency": {…as who}, "interpreted_as"?, "province_read"?, "total", "lead", "support",
**  "units": [{"province", "members": [names], "lead", "support", "docs"}]
**   (34, Vietnamese order), "provinces": [{"province", "province_2025",
**   "lead", "support", "docs"}] (63, Vietnamese order), "max_2025", "max"
**   (the largest lead + support of a cell of each), "without_province":
**   {"lead", "support"} (national documents' tasks, in no cell)}.
** New object in *ppOut (caller deletes); errors as vp_query_who. */
int vp_grid_agency(vp_db *pDb, const char *zAgency, cJSON **ppOut, char **pzErr);

#endif /* VP_GRID_H */
