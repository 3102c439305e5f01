/*
** query_int.h — private to indexer/query/'s answer files (query.c,
** qfilter.c, search.c, refs.c, who.c, docs.c): the connection's structure
** and the helpers they share. Not for callers of the query layer
** (vp_query.h).
*/
#ifndef VP_QUERY_INT_H
#define VP_QUERY_INT_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include "vp_agency.h"
#include "vp_docfilter.h"
#include "vp_doccache.h"
#include "vp_query.h"

/* Statements kept prepared between answers, by SQL text: an answer such as
** `who` prepares the same few statements every time (a tenth of its time). */
#define STMT_CACHE 24

struct vp_db {
  sqlite3 *db;
  double msBudget;
  double msDeadline;
  double msBusyStart; /* when the current lock wait began */
  int nRead; /* read transactions open: answers built from others nest */
  sqlite3_stmt *aCache[STMT_CACHE]; /* reset, unbound, ready to take */
  int iEvict;                       /* the next slot to give up when full */
  vp_doccache *pDocs;               /* documents' province, issuer, citations: facets */
  sqlite3_stmt *sBegin, *sCommit;   /* an answer's snapshot, prepared once */
};

/* Search facets (counts by province) are computed up to this many matches. */
#define VP_FACET_MAX 2000

/* query.c: the snapshot, prepared statements, JSON fields, a document
** object, paging, an IN list, a passage window. */
int vq_read_begin(vp_db *p, char **pzErr);
void vq_read_end(vp_db *p);
int vq_db_fail(vp_db *p, int rcSqlite, char **pzErr);
void vq_release(vp_db *p, sqlite3_stmt *s);
int vq_prepare(vp_db *p, const char *zSql, sqlite3_stmt **pp, char **pzErr);
int vq_step_row(vp_db *p, sqlite3_stmt *s, int *pRc, char **pzErr);
void vq_add_str(cJSON *o, const char *zKey, const char *zVal);
void vq_add_num(cJSON *o, const char *zKey, double v);
void vq_add_col(cJSON *o, const char *zKey, sqlite3_stmt *s, int i);
const char *vq_col_text(sqlite3_stmt *s, int i);
void vq_add_display(cJSON *o, const char *zKey, sqlite3_stmt *s, int i);
void vq_add_clipped(cJSON *o, const char *zKey, sqlite3_stmt *s, int i);
const char *vq_province_2025(const char *zProvince);
void vq_count_into(cJSON *pFacet, const char *zKey, int n);
int vq_finish(int rc, cJSON *pOut, cJSON **ppOut);
int vq_check_paging(int *pnLimit, int nOffset, char **pzErr);
cJSON *vq_doc_object(sqlite3_stmt *s, int i);
void vq_add_window(cJSON *o, const char *zKey, const char *z, int n, int iFrom, int iTo);
char *vq_in_list(int n, int iFirst);

/* qfilter.c: a filter's issuer and agency resolved, its sort checked. */
int vq_filter_issuer(vp_db *p, vp_docfilter *pOut, char **pzFree, char **pzErr);
int vq_check_sort(const vp_docfilter *f, char **pzErr);
int vq_filter_agency(vp_db *p, const vp_docfilter *pIn, vp_docfilter *pOut, char **pzFree,
                     char **pzErr);

/* who.c: a typed agency's ids; a task's agencies into its object. */
int vq_resolve_agency(vp_db *p, const char *zTyped, long long **paId, int *pnId,
                      const vp_agency **ppDef, char **pzFree, char **pzChosen, char **pzErr);
int vq_add_task_agencies(vp_db *p, sqlite3_stmt *s, cJSON *t, long long iTask, char **pzErr);

/* docs.c: what the documents rest on (chain facts). */
int vq_add_rests_on(vp_db *p, const long long *aDoc, int nDoc, int bDoc, cJSON *aOut,
                    char **pzErr);

#endif /* VP_QUERY_INT_H */
