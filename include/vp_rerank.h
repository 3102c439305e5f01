/*
** vp_rerank.h — the second stage of search: from the best few hundred text
** matches (vp_rank), the page a person reads. A passage that carries
** content (a paragraph, an item, a task row with agencies and a deadline)
** ranks above a bare mention (a heading, a title line, a unit's name, a
** signature, a passage naming the subject only in a cited law's title); a
** heading whose passages below it are candidates is their context, not a
** hit, and its words count for them (its passages that do not contain the
** query's words become hits through it, weighed by the share of the words
** they hold); a passage citing only another instrument of a number the
** query names loosely ranks low (vp_meant.h); the same text is shown once in a
** document, and once before other texts across documents; a document gives at most VP_RERANK_PER_DOC hits before the
** others, the rest of its hits counted as "more in this document". Not for
** matching (FTS5) nor for formatting hits (search.c).
*/
#ifndef VP_RERANK_H
#define VP_RERANK_H

#include <cjson/cJSON.h>
#include <sqlite3.h>

#define VP_RERANK_PER_DOC 3 /* hits of one document before the others' */

/* How the reranker reaches the index: statements are prepared and given
** back through the caller (its statement cache and error messages). */
typedef struct vp_rerank_io {
  void *pCtx;
  /* VP_OK, or an error code with *pzErr set */
  int (*xPrepare)(void *pCtx, const char *zSql, sqlite3_stmt **pp, char **pzErr);
  void (*xRelease)(void *pCtx, sqlite3_stmt *p);
} vp_rerank_io;

typedef struct vp_rerank_hit {
  long long iPassage;
  double score;
  int bMatch;        /* its own text matches (else a hit through its heading) */
  char *zContext;    /* the text of the heading or lead-in it stands under, or NULL */
  int nContext;      /* bytes of zContext */
  int nMoreInDoc;    /* its document's further hits (set on the document's last
                     ** hit before the others'), else 0 */
  int nDuplicates;   /* passages of the same text folded into this one */
} vp_rerank_hit;

/* What to rerank: the FTS5 expression over passage_fts (zFts), and how. */
typedef struct vp_rerank_query {
  const char *zFts;
  const char *zPhrase; /* the query's words standing together
                       ** (vp_qparse_to_fts5_phrases), or NULL */
  int bIdf;            /* weigh words by document frequency (vp_rank) */
  long long iLow;      /* rowids below are not candidates (0: all), except,
                       ** when iLow > 0, the matches of zPhrase, read first */
  int bExpand;         /* the passages under a matching heading are hits
                       ** through it (not for a document number: its
                       ** citations are not a section's subject) */
  const char *zFilter; /* " AND EXISTS (…)" on the candidate's passage and
                       ** document: candidates only from the documents a
                       ** filter lets through; "" or NULL: all */
  const char *zQuery;  /* what the person typed: how its words stand in a
                       ** passage (vp_occur.h) — as the term, broken, only
                       ** in a cited title — weighs; NULL: not judged */
  struct vp_facets *pFacets; /* when every match is ranked (iLow 0), its
                             ** facets counted in the same pass
                             ** (vp_facets.h); NULL: not counted */
  const struct vp_meant *pMeant; /* the instrument a loosely typed number
                                 ** means (vp_meant.h): a passage citing
                                 ** only another of that number ranks
                                 ** lower; NULL or none meant: not read */
} vp_rerank_query;

/* The page [nOffset, nOffset + nLimit) of the reranked hits of q. *paHit
** (free with vp_rerank_free) gets *pnHit hits. VP_OK; else an error code
** with *pzErr, or VP_EDB with the SQLite code in *pRcSqlite and *pzErr NULL
** (the caller words it). */
int vp_rerank_search(const vp_rerank_io *pIo, const vp_rerank_query *q, int nLimit,
                     int nOffset, vp_rerank_hit **paHit, int *pnHit, int *pRcSqlite,
                     char **pzErr);

void vp_rerank_free(vp_rerank_hit *aHit, int nHit);

/* Adds the hit's reranking fields to its JSON object: "context" (the
** heading it stands under, display form), "via_context": true when the
** passage matches only through that heading, "more_in_doc" and
** "duplicates" (counts, when not 0). */
void vp_rerank_hit_json(cJSON *pHit, const vp_rerank_hit *h);

#endif /* VP_RERANK_H */
