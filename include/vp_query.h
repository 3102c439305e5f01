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

#include "vp_docfilter.h"

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
** "file", "title", "province", "label"}, "section", "line", "snippet",
** "highlights": [[start,end],…], "score", and when they apply "loc" (page
** or paragraph), "context" (the heading it stands under), "via_context"
** (true: a hit through that heading only), "more_in_doc" (its document's
** further hits), "duplicates"}], "facets": {"province": {name: n}}}; with
** no hits, "suggestion": {"query", "total", "why"} when the query without
** diacritics or with a word spelled as indexed finds some. A document's
** "label" is how people name it: "222/KH-UBND · Tuyên Quang". Ranked by
** rerank.c (vp_rerank.h). */
int vp_query_search(vp_db *pDb, const char *zQuery, int nLimit, int nOffset,
                    cJSON **ppOut, char **pzErr);

/* {"query", "instruments": [{key, scope, type, number, year, type_code,
** issuer_code, citations, docs, dates: [{date, count, docs}], conflict}],
** "total" (citations), "docs_total", "limit", "offset", "citations":
** [{"doc": {"id", "file", "province", "number", "date"}, "instrument",
** "relation", "relations", "date", "section", "line", "start", "end",
** "text"}]}: a passage once per instrument with all its relations, alias
** definitions left out. A number not written in full ("NQ 20", "nghị quyết
** 20", "20/NQ-TW") is read loosely: one instrument that fits answers with
** "interpreted_as"; several give "candidates" (no citations); none gives
** "suggestions", the nearest cited numbers, and "total" 0. A year that fits
** none of them is set aside ("year_ignored", "year").
** Pages by citing document: nLimit documents (0 = VP_REFS_DOCS_DEFAULT,
** at most VP_LIMIT_MAX) from nOffset, each with all its citations. */
int vp_query_refs(vp_db *pDb, const char *zQuery, int nLimit, int nOffset,
                  cJSON **ppOut, char **pzErr);

/* {"query", "agency": {"name", "kind", "generic", "successor", …},
** "total", "limit", "provinces": [{"province", "province_2025", "lead",
** "support", "docs", "tasks": [{"doc", "role", "name", "text", "deadline",
** "section", "line"}]}]}. lead/support count every task; "tasks" lists the
** tasks of the first nLimit documents of each province, at most nLimit
** (0 = VP_WHO_TASKS_DEFAULT; `tasks --agency --province` lists them all).
** An agency typed loosely (a prefix, no diacritics, a typo, words of its
** name) that one agency fits answers as that agency, named in
** "interpreted_as"; else VP_ENOTFOUND, the message saying "did you mean"
** (vp_query_agency_suggest gives the names). tasks does the same. A
** province typed with its unit word after the name ("Sở Tài chính tỉnh Bắc
** Ninh") that the agency's own name does not hold keeps the answer to its
** documents, named in "province_read". */
int vp_query_who(vp_db *pDb, const char *zAgency, int nLimit, cJSON **ppOut,
                 char **pzErr);

/* {"total", "limit", "offset", "tasks": [{"doc", "province", "section",
** "line", "text", "lead": […], "support": […], "deadline",
** "deadline_norm"}], "facets": {"province": {…}, "agency": {…}}}
** Filters may be NULL. */
int vp_query_tasks(vp_db *pDb, const char *zAgency, const char *zProvince,
                   const char *zDoc, int nLimit, int nOffset, cJSON **ppOut,
                   char **pzErr);

/* The same answers kept to the documents pFilter lets through (NULL or an
** empty filter: every document). An unknown province or kind in the filter
** is VP_ENOTFOUND, a date that cannot be read VP_EQUERY. */
int vp_query_search_in(vp_db *pDb, const char *zQuery, const vp_docfilter *pFilter,
                       int nLimit, int nOffset, cJSON **ppOut, char **pzErr);
int vp_query_refs_in(vp_db *pDb, const char *zQuery, const vp_docfilter *pFilter,
                     int nLimit, int nOffset, cJSON **ppOut, char **pzErr);
int vp_query_tasks_in(vp_db *pDb, const char *zAgency, const vp_docfilter *pFilter,
                      const char *zDoc, int nLimit, int nOffset, cJSON **ppOut,
                      char **pzErr);
int vp_query_docs_in(vp_db *pDb, const vp_docfilter *pFilter, cJSON **ppOut,
                     char **pzErr);

/* The issuer as the index stores it that a person typed loosely: the same
** words without diacritics or case, issuer codes written out ("UBND tỉnh"
** is "Ủy ban nhân dân tỉnh"), or words that stand in one issuer's name
** only. VP_OK with *pzIssuer (caller frees); VP_ENOTFOUND when none or
** several fit, the message naming them, and when paChoices is not NULL a
** new array (caller deletes) of the issuers that fit, or of every issuer
** when none does, in Vietnamese order. Filters with an issuer resolve it
** so (the filter's zIssuer may be typed loosely). */
int vp_query_issuer_resolve(vp_db *pDb, const char *zTyped, char **pzIssuer, cJSON **paChoices,
                            char **pzErr);

/* {"total", "issuers": [{"issuer", "docs"}]}: the issuers the index
** stores, in Vietnamese order, with their documents (for the issuer
** filter's choices). */
int vp_query_issuers(vp_db *pDb, cJSON **ppOut, char **pzErr);

/* Agencies whose names (the alias table's and the index's) match what a
** person typed: prefixes of words, without diacritics, with a typo or two.
** {"query", "agencies": [{"name", "lead", "support", "match": "exact" |
** "prefix" | "words" | "typo"}]}, best first, at most nMax (0: 5). For
** "did you mean" and the page's typeahead. */
int vp_query_agency_suggest(vp_db *pDb, const char *zTyped, int nMax, cJSON **ppOut,
                            char **pzErr);

/* {"total", "docs": [{"id", "file", "province", "province_2025", "number",
** "date", "kind", "title", "issuer", "signer", "passages", "citations",
** "tasks"}]}, by province in Vietnamese order, the newest first within
** one; with the filter's sort "date", the newest first over all. */
int vp_query_docs(vp_db *pDb, cJSON **ppOut, char **pzErr);

/* One document by id, file name or its own number ("222/KH-UBND", any
** case): its metadata, "sections", the "instruments" it cites (a passage
** once per instrument with its "relations", aliases left out) and the
** "tasks" it gives. */
int vp_query_doc(vp_db *pDb, const char *zId, cJSON **ppOut, char **pzErr);

/* What the implementation chain needs of the documents aDoc[0..nDoc) (ids,
** at most 999): {"cites": [{"doc", "key", "scope", "relation"}]} — what
** each carries out, continues or rests on, once per document, in its order
** —, and "docs": [{"id", "number", "province", "issuer", "kind", "date",
** "title"}] for those documents and every document with a number (an
** instrument cited may be one of them). One snapshot. */
int vp_query_chain_facts(vp_db *pDb, const long long *aDoc, int nDoc, cJSON **ppOut, char **pzErr);

/* The full text of one document (named as vp_query_doc names it), for its
** page: {"id", "passages": [{"line", "section", "kind", "label", "text"}]}
** in reading order, texts in display form; at most 20,000 passages
** ("truncated": true beyond). */
int vp_query_doc_text(vp_db *pDb, const char *zId, cJSON **ppOut, char **pzErr);

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

/* The tables of the index as records for other engines and spreadsheets,
** one at a time, in id order: zTable is "docs", "passages", "citations" or
** "tasks". xRow gets each record (a flat object: ids, names as the answers
** give them, texts in display form; a task's "lead"/"support" arrays) and
** keeps no pointer to it; a non-zero return stops the export and is
** returned. VP_EQUERY for another table name. One snapshot. */
int vp_query_export(vp_db *pDb, const char *zTable, int (*xRow)(void *pCtx, const cJSON *pRow),
                    void *pCtx, char **pzErr);

/* {"ok": true, "documents": N, "passages": N, "built_at": "…",
** "generation": N} */
int vp_query_health(vp_db *pDb, cJSON **ppOut, char **pzErr);

#endif /* VP_QUERY_H */
