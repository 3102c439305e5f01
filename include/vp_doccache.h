/*
** vp_doccache.h — a read connection's memory of its documents' province
** and issuer, for the facets of a search: each document read once per
** connection, not once per search (a rare word's 302 matches in 302
** documents were 302 reads of scattered rows a search), forgotten whenever
** the index changes (SQLite's data version). Not for anything a search
** ranks or shows.
*/
#ifndef VP_DOCCACHE_H
#define VP_DOCCACHE_H

#include <sqlite3.h>

typedef struct vp_doccache vp_doccache;

vp_doccache *vp_doccache_new(void); /* NULL: out of memory */
void vp_doccache_free(vp_doccache *c);

/* Inside a read transaction of db, before the gets of one answer: forgets
** everything when db's data version moved since the cache was filled. */
void vp_doccache_check(vp_doccache *c, sqlite3 *db);

/* Document id's province and issuer (*pz… NULL when the document has none),
** read with sDoc (bound ?1 = id, giving province, issuer; reset here) when
** not known yet. The strings live until the next vp_doccache_check that
** forgets. VP_OK; VP_ENOTFOUND (no such document); VP_ENOMEM; VP_EDB with
** the SQLite code in *pRcSqlite. */
int vp_doccache_get(vp_doccache *c, sqlite3_stmt *sDoc, long long id, const char **pzProvince,
                    const char **pzIssuer, int *pRcSqlite);

#endif /* VP_DOCCACHE_H */
