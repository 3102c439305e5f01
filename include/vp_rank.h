/*
** vp_rank.h — "vp_rank", the FTS5 function scoring how well a passage's
** text matches the query: vp_rank(passage_fts [, bIdf [, docsize]]). BM25's
** term frequency and (mild) length saturation; the passage's length in
** tokens from docsize, its row of passage_fts_docsize, when the query joins
** it (FTS5 looks the row up with a statement of its own for every match:
** most of the cost of ranking a rare word), else from FTS5;
** document frequencies only when
** bIdf is 1 (FTS5 counts them by reading every match of every phrase, a
** cost that grows with the index: not for a window of a huge match set).
** Phrases of the query that stand together in a passage (the adjacency
** phrase the query translator adds) weigh more. The value is
** tier * VP_RANK_TIER + score, the tier saying how close the query's words
** stand: 3 together and in order as typed (or a single word), 2 near (within
** 3 extra words), 1 within 12, 0 apart; so ORDER BY the value puts
** "together" before "near" before "apart", and score orders within a tier;
** with alternatives (OR, a name written two ways) the nearest whole
** alternative sets the tier. What the passage is (heading, task, …) is
** judged by the reranker (vp_rerank.h), not here.
*/
#ifndef VP_RANK_H
#define VP_RANK_H

#include <sqlite3.h>

#define VP_RANK_TIER 1000.0 /* scores stay below it */

/* Register vp_rank(passage_fts) with db through fts5_api. VP_OK or VP_EDB
** with *pzErr (caller frees). */
int vp_rank_register(sqlite3 *db, char **pzErr);

#endif /* VP_RANK_H */
