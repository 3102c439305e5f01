/*
** vp_facets.h — a search's facets: its matching passages counted by their
** document's province and issuer, and by the relations of the citations
** they carry, in one pass over the matches (each match's passage and
** citations read once; the documents read once each, after). Not for
** ranking (vp_rerank.h) nor for the answer's other fields (query.c).
*/
#ifndef VP_FACETS_H
#define VP_FACETS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "vp_rerank.h"

/* Adds to pProvince, pIssuer and pRelation ({key: count} objects) the
** counts of the passages matching zFts (an FTS5 expression over
** passage_fts), only those of zCond when not NULL (an SQL condition on
** passage p and document d). Keys come in the order an SQL GROUP BY gives:
** documents by id, relations by name. VP_OK; else an error code with
** *pzErr, or VP_EDB with the SQLite code in *pRcSqlite and *pzErr NULL. */
/* The columns a row of matches gives the counts, and the joins they need:
** for a query over passage_fts joined with its passage as "p" (any
** condition on it may name the document "d"). A passage with several
** citations comes in several rows, one after the other. */
#define VP_FACETS_COLUMNS "p.doc_id, d.province, d.issuer, p.id, c.relation"
#define VP_FACETS_JOINS                                                       \
  "JOIN doc d ON d.id = p.doc_id LEFT JOIN citation c ON c.passage_id = p.id" \
  " AND c.relation IS NOT 'alias'"

/* Counts built row by row, from a query of one's own (VP_FACETS_COLUMNS
** from column iCol on), rows in rowid order. */
typedef struct vp_facets vp_facets;
int vp_facets_new(vp_facets **ppOut); /* VP_OK or VP_ENOMEM */
void vp_facets_add(vp_facets *f, sqlite3_stmt *s, int iCol);
/* Adds the counts to the objects, as vp_facets_count does. VP_OK or
** VP_ENOMEM (also for a failed vp_facets_add). */
int vp_facets_into(vp_facets *f, cJSON *pProvince, cJSON *pIssuer, cJSON *pRelation);
void vp_facets_free(vp_facets *f);

int vp_facets_count(const vp_rerank_io *pIo, const char *zFts, const char *zCond,
                    cJSON *pProvince, cJSON *pIssuer, cJSON *pRelation, int *pRcSqlite,
                    char **pzErr);

#endif /* VP_FACETS_H */
