/*
** vp_facets.h — a search's facets: its matching passages counted by their
** document's province and issuer, and by the relations of the citations
** they carry, in one pass over the matches (each match's passage and
** citations read once; the documents each once, after, through the
** connection's memory of them: vp_doccache.h). Not for
** ranking (vp_rerank.h) nor for the answer's other fields (query.c).
*/
#ifndef VP_FACETS_H
#define VP_FACETS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "vp_rerank.h"

/* The columns a row of matches gives the counts, and the join they need:
** for a query over passage_fts joined with its passage as "p". A passage
** with several citations comes in several rows, one after the other. */
#define VP_FACETS_COLUMNS "p.doc_id, p.id, c.relation"
#define VP_FACETS_JOINS "LEFT JOIN citation c ON c.passage_id = p.id AND c.relation IS NOT 'alias'"

/* Counts built row by row (VP_FACETS_COLUMNS from column iCol on, rows in
** rowid order), from a query of one's own or from vp_facets_scan. */
typedef struct vp_facets vp_facets;
int vp_facets_new(vp_facets **ppOut); /* VP_OK or VP_ENOMEM */
void vp_facets_add(vp_facets *f, sqlite3_stmt *s, int iCol);
void vp_facets_free(vp_facets *f);

/* The passages matching zFts (an FTS5 expression over passage_fts), only
** those of zCond when not NULL (an SQL condition on passage p and document
** d), added to f. VP_OK; else an error code with *pzErr, or VP_EDB with the
** SQLite code in *pRcSqlite and *pzErr NULL. */
int vp_facets_scan(const vp_rerank_io *pIo, const char *zFts, const char *zCond, vp_facets *f,
                   int *pRcSqlite, char **pzErr);

/* A document's province and issuer (NULL when none), as vp_doccache_get
** gives them (VP_ENOTFOUND: the document is not counted). */
typedef int (*vp_facets_doc_fn)(void *pCtx, long long id, const char **pzProvince,
                                const char **pzIssuer, int *pRcSqlite);

/* Adds the counts to pProvince, pIssuer and pRelation ({key: count}
** objects), each document's province and issuer from xDoc. Keys come in
** the order an SQL GROUP BY gives: documents by id, relations by name.
** VP_OK, VP_ENOMEM (also for a failed vp_facets_add), or xDoc's error. */
int vp_facets_into(vp_facets *f, vp_facets_doc_fn xDoc, void *pCtx, cJSON *pProvince,
                   cJSON *pIssuer, cJSON *pRelation, int *pRcSqlite);

#endif /* VP_FACETS_H */
