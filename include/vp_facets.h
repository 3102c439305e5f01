/*
** vp_facets.h — a search's facets: its matching passages counted by their
** document's province and issuer, and by the relations of the citations
** they carry, in one pass over the matches (each match's passage read
** once; each document's facts and citations asked for once, after, of the
** caller, which remembers them: vp_doccache.h). Not for
** ranking (vp_rerank.h) nor for the answer's other fields (search.c).
*/
#ifndef VP_FACETS_H
#define VP_FACETS_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "vp_rerank.h"

/* The columns a row of matches gives the counts: for a query over
** passage_fts joined with its passage as "p", a row a passage. */
#define VP_FACETS_COLUMNS "p.doc_id, p.id"

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

/* What the counts need of a document, asked once a document (the caller
** remembers them: vp_doccache.h). Both give VP_OK, or an error code with
** the SQLite code in *pRcSqlite for VP_EDB; xFacts VP_ENOTFOUND when the
** document is gone (it is not counted). */
typedef struct vp_facets_source {
  void *pCtx;
  /* its province and issuer, NULL when none */
  int (*xFacts)(void *pCtx, long long idDoc, const char **pzProvince, const char **pzIssuer,
                int *pRcSqlite);
  /* the relations of the citations (not "alias") of its passages
  ** aPassage[0..n) (ascending): xRelation(pArg, i, zRelation) for each, a
  ** passage's together, in passage order */
  int (*xRelations)(void *pCtx, long long idDoc, const long long *aPassage, int n,
                    void (*xRelation)(void *pArg, int i, const char *zRelation), void *pArg,
                    int *pRcSqlite);
} vp_facets_source;

/* Adds the counts to pProvince, pIssuer and pRelation ({key: count}
** objects): passages by province and issuer, relations by the passages
** that carry them. Keys come in the order an SQL GROUP BY gives: documents
** by id, relations by name. VP_OK, VP_ENOMEM (also for a failed
** vp_facets_add), or the source's error. */
int vp_facets_into(vp_facets *f, const vp_facets_source *pSrc, cJSON *pProvince, cJSON *pIssuer,
                   cJSON *pRelation, int *pRcSqlite);

#endif /* VP_FACETS_H */
