/*
** vp_query.h — the query layer: every answer vnplan gives, computed once and
** returned as a cJSON object, for the CLI (which prints it, or its --json
** form) and the HTTP server (which sends it). Each call reads one snapshot
** of the index (one read transaction). Not for parsing arguments or
** formatting text for people.
*/
#ifndef VP_QUERY_H
#define VP_QUERY_H

#include <cjson/cJSON.h>

typedef struct vp_db vp_db; /* one read connection; not shared by threads */

/* Open an index. bReadOnly opens it read-only (the server). VP_OK, or VP_EDB
** with *pzErr set ("no index at …", "not a vnplan index"). *ppDb is NULL on
** error. vp_db_close(NULL) is a no-op. */
int vp_db_open(const char *zPath, int bReadOnly, vp_db **ppDb, char **pzErr);
void vp_db_close(vp_db *pDb);

/* Time budget per query in milliseconds (0 = none). A query past it stops
** with VP_EBUSY. */
void vp_db_set_budget(vp_db *pDb, double msBudget);

/* A number that changes whenever the index is rewritten and differs between
** index files (a random id set when the file is made, in the high bits):
** the key of cached answers and ETag material, so a file moved over the
** served one never answers with the old one's tags. */
int vp_db_generation(vp_db *pDb, long long *piGen, char **pzErr);

/* Limits shared by the CLI and the server. */
#define VP_LIMIT_DEFAULT 10
#define VP_LIMIT_MAX 200
#define VP_REFS_DOCS_DEFAULT 50  /* documents per page of refs */
#define VP_WHO_TASKS_DEFAULT 5   /* tasks listed per province by who */

/* Every function below returns VP_OK and a new object in *ppOut (caller
** deletes with cJSON_Delete), or an error code with *pzErr (caller frees):
** VP_EQUERY for a query or argument that cannot be understood (CLI exit 2,
** HTTP 400), VP_ENOTFOUND (HTTP 404), VP_EBUSY (HTTP 503), VP_EDB (503),
** VP_ENOMEM. Messages are for people: never SQL. */

/* {"query", "fts", "total", "limit", "offset", "hits": [{"doc": {"id",
** "file", "title", "province"}, "section", "line", "snippet", "highlights":
** [[start,end],…], "score", and when they apply "context" (the heading it
** stands under), "via_context" (true: a hit through that heading only),
** "more_in_doc" (its document's further hits), "duplicates"}], "facets":
** {"province": {name: n}}}. Ranked by rerank.c (vp_rerank.h). */
int vp_query_search(vp_db *pDb, const char *zQuery, int nLimit, int nOffset,
                    cJSON **ppOut, char **pzErr);

/* {"query", "instruments": [{key, scope, type, number, year, type_code,
** issuer_code, citations, docs, dates: [{date, count, docs}], conflict}],
** "total" (citations), "docs_total", "limit", "offset", "citations":
** [{"doc": {"id", "file", "province", "number", "date"}, "instrument",
** "relation", "date", "section", "line", "start", "end", "text"}]}.
** Pages by citing document: nLimit documents (0 = VP_REFS_DOCS_DEFAULT,
** at most VP_LIMIT_MAX) from nOffset, each with all its citations. */
int vp_query_refs(vp_db *pDb, const char *zQuery, int nLimit, int nOffset,
                  cJSON **ppOut, char **pzErr);

/* {"query", "agency": {"name", "kind", "generic", "successor", …},
** "total", "limit", "provinces": [{"province", "province_2025", "lead",
** "support", "docs", "tasks": [{"doc", "role", "name", "text", "deadline",
** "section", "line"}]}]}. lead/support count every task; "tasks" lists the
** tasks of the first nLimit documents of each province, at most nLimit
** (0 = VP_WHO_TASKS_DEFAULT; `tasks --agency --province` lists them all). */
int vp_query_who(vp_db *pDb, const char *zAgency, int nLimit, cJSON **ppOut,
                 char **pzErr);

/* {"total", "limit", "offset", "tasks": [{"doc", "province", "section",
** "line", "text", "lead": […], "support": […], "deadline",
** "deadline_norm"}], "facets": {"province": {…}, "agency": {…}}}
** Filters may be NULL. */
int vp_query_tasks(vp_db *pDb, const char *zAgency, const char *zProvince,
                   const char *zDoc, int nLimit, int nOffset, cJSON **ppOut,
                   char **pzErr);

/* {"total", "docs": [{"id", "file", "province", "province_2025", "number",
** "date", "kind", "title", "issuer", "signer", "passages", "citations",
** "tasks"}]} */
int vp_query_docs(vp_db *pDb, cJSON **ppOut, char **pzErr);

/* One document by id or file name: its metadata, "sections", the
** "instruments" it cites and the "tasks" it gives. */
int vp_query_doc(vp_db *pDb, const char *zId, cJSON **ppOut, char **pzErr);

/* {"total", "instruments": [{"key", "scope", "type", "citations", "docs",
** "dates": [{"date", "docs": […]}], "conflict": bool}]} */
int vp_query_instruments(vp_db *pDb, cJSON **ppOut, char **pzErr);

/* One instrument by key ("69-KL/TW", or "472-KH/TU@Tuyên Quang"): citing
** documents and the implementation chain ("implemented_by", "implements"). */
int vp_query_instrument(vp_db *pDb, const char *zKey, cJSON **ppOut,
                        char **pzErr);

/* {"total", "agencies": [{"name", "kind", "successor", "provinces":
** [{"province", "lead", "support"}]}]} */
int vp_query_agencies(vp_db *pDb, cJSON **ppOut, char **pzErr);

/* {"ok": true, "documents": N, "passages": N, "built_at": "…",
** "generation": N} */
int vp_query_health(vp_db *pDb, cJSON **ppOut, char **pzErr);

#endif /* VP_QUERY_H */
