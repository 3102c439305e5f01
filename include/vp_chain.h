/*
** vp_chain.h — an instrument's implementation chain as a graph for the
** page's diagram: the instrument, what it carries out (above), the plans
** that carry it out (below) and, between, what those plans also carry out
** on the way (a provincial Party committee's plan), each placed on a level
** (Party → Government / Prime Minister → ministries → provincial Party
** committees → provincial People's Committees) from its issuer as stored,
** its issuer code when no issuer is stored, the number's suffix last; or
** the same centred on one document. One answer instead of one request per
** plan. Not for SQL (the query layer's
** instrument, docs and doc answers) nor for drawing.
*/
#ifndef VP_CHAIN_H
#define VP_CHAIN_H

#include <cjson/cJSON.h>

#include "vp_query.h"

#define VP_CHAIN_DOCS_MAX 200 /* implementing plans placed at most */

/* {"key", "levels": ["party", "government", "ministry", "province-party",
**  "province"], "nodes": [{"id" ("i:KEY" or "d:ID"), "kind" ("instrument"
**  | "doc"), "label", "number", "doc" (id, documents), "level" (0–4),
**  "level_from" ("issuer" | "code" | "province" | "default"), "date",
**  "province", "issuer", "title", "link" (the page's "#d/ID" or "#i/KEY"),
**  "center" (true once)}], "edges": [{"from", "to", "relation"}],
**  "docs_total", "truncated"?}. Edges go from what carries out to what is
** carried out. New object in *ppOut (caller deletes); errors as
** vp_query_instrument. */
int vp_query_chain(vp_db *pDb, const char *zKey, cJSON **ppOut, char **pzErr);

/* The same graph centred on one document (named as vp_query_doc names it):
** {"doc", "levels", "nodes", "edges"}: what it carries out or rests on
** (implements, continues, basis) above, the documents that carry it out
** (citing its number) below. Errors as vp_query_doc. */
int vp_query_doc_chain(vp_db *pDb, const char *zId, cJSON **ppOut, char **pzErr);

#endif /* VP_CHAIN_H */
