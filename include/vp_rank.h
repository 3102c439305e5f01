/*
** vp_rank.h — "vp_rank", an FTS5 ranking function for a window of matches:
** BM25's term-frequency and length saturation without BM25's document
** frequencies, which FTS5 computes by reading every match of every phrase
** in the whole index (the cost that grows with the index). Phrases of the
** query that stand together in a passage (the adjacency phrase the query
** translator adds) weigh more. Not for queries ranked over all their
** matches: those use FTS5's own bm25 through ORDER BY rank.
*/
#ifndef VP_RANK_H
#define VP_RANK_H

#include <sqlite3.h>

/* Register vp_rank(passage_fts) with db through fts5_api. VP_OK or VP_EDB
** with *pzErr (caller frees). */
int vp_rank_register(sqlite3 *db, char **pzErr);

#endif /* VP_RANK_H */
