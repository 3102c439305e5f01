/*
** vp_coverage.h — coverage of an instrument: for a resolution or decision,
** which provinces (the 34 units since 2025 and the 63 before) have a plan
** that carries it out, with the plan's number, date, lag in days after the
** instrument and task count. Built from the query layer's answers
** (vp_query_instrument, vp_query_docs). Not for finding the instrument
** (instref.c) nor for printing.
*/
#ifndef VP_COVERAGE_H
#define VP_COVERAGE_H

#include <cjson/cJSON.h>

#include "vp_query.h"

/* {"key", "instrument": {"key", "type", "issuer_body", "date"},
**  "covered": N, "total": 63, "covered_2025": N, "total_2025": 34,
**  "provinces": [{"province", "province_2025", "covered", "plans": [{"id",
**    "number", "label", "province", "date", "relation", "lag_days", "tasks",
**    "kind", "issuer"}]}],
**  "provinces_2025": [{"province", "members": [names], "covered",
**    "plans": […]}]}
** Provinces in Vietnamese alphabetical order. A plan is one whose relation
** to the instrument is implements, continues or basis (a mention is not);
** "lag_days" is null when either date is unknown. The instrument's date is
** the one most citing plans give it. Errors as vp_query_instrument. */
int vp_query_coverage(vp_db *pDb, const char *zKey, cJSON **ppOut, char **pzErr);

#endif /* VP_COVERAGE_H */
