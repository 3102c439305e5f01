/*
** vp_doccache.h — a read connection's memory of its documents, for the
** facets of a search: a document's province and issuer read once per
** connection, not once per search (a rare word's 302 matches in 302
** documents were 302 reads of scattered rows a search), and, from the
** second search that asks, the relations of its citations by passage (one
** read of the document's citations instead of a probe for every matching
** passage of it, every search); all forgotten whenever the index changes
** (SQLite's data version). Not for anything a search ranks or shows.
*/
#ifndef VP_DOCCACHE_H
#define VP_DOCCACHE_H

#include <sqlite3.h>

typedef struct vp_doccache vp_doccache;

/* A citation of a document, as its facets count it. */
typedef struct vp_doccache_cite {
  long long idPassage;
  const char *zRelation; /* not "alias", not NULL */
} vp_doccache_cite;

vp_doccache *vp_doccache_new(void); /* NULL: out of memory */
void vp_doccache_free(vp_doccache *c);

/* Inside a read transaction of db, before the gets of one answer: forgets
** everything when db's data version moved since the cache was filled, or
** when it holds more than it keeps. Strings and arrays handed out live
** until the next call of it. */
void vp_doccache_check(vp_doccache *c, sqlite3 *db);

/* Document id's province and issuer (*pz… NULL when the document has none),
** read with sDoc (bound ?1 = id, giving province, issuer; reset here) when
** not known yet. VP_OK; VP_ENOTFOUND (no such document); VP_ENOMEM; VP_EDB
** with the SQLite code in *pRcSqlite. */
int vp_doccache_get(vp_doccache *c, sqlite3_stmt *sDoc, long long id, const char **pzProvince,
                    const char **pzIssuer, int *pRcSqlite);

/* The citations of document id (after vp_doccache_get of it), ordered by
** passage: *pnCite -1 the first time it is asked for (the caller asks the
** index passage by passage), else read once with sCites (bound ?1 = id,
** giving passage_id, relation in passage order; reset here) and kept.
** VP_OK, VP_ENOMEM, or VP_EDB with the SQLite code in *pRcSqlite. */
int vp_doccache_cites(vp_doccache *c, sqlite3_stmt *sCites, long long id,
                      const vp_doccache_cite **paCite, int *pnCite, int *pRcSqlite);

#endif /* VP_DOCCACHE_H */
