/*
** vp_relax.h — a query of plain words that too few passages hold every word
** of, searched for the passages that hold most of them. People type long
** queries ("nghị quyết 66 chế độ hỗ trợ cán bộ làm công tác xây dựng pháp
** luật", "phan loai rac sinh hoat tai ho gia dinh quy dinh moi"); no passage
** holds all their words, and a search that asks for every one answers
** nothing. Its commonest words are left out one at a time, never its
** numbers, never more than half of it, until enough passages hold the
** rest; when that finds no more, each step leaves out the commonest word
** whose leaving out finds more (a number last). Every word still counts
** where a passage holds it, so those holding more of them rank first. Not
** for quoted
** phrases, operators or prefix* (the person's own terms), nor for a query
** that finds enough as typed.
*/
#ifndef VP_RELAX_H
#define VP_RELAX_H

#include "vp_rerank.h"

#define VP_RELAX_MIN 10 /* fewer passages than this hold every word: relax */

/* For zQuery, that nStrict passages match as typed: the FTS5 expression of
** its words relaxed (the words kept all required, every word optional
** beside them) in *pzFts, and the words left out, as typed and separated
** by spaces, in *pzLeftOut (caller frees both), and how many passages
** it matches (counted up to VP_RELAX_MIN) in *pnFound. Both NULL, and
** *pnFound nStrict, when the query is
** no run of three plain words or more, or leaving words out finds no more
** passages than nStrict. VP_OK; else an error code with *pzErr, or VP_EDB
** with the SQLite code in *pRcSqlite and *pzErr NULL. */
int vp_relax(const vp_rerank_io *pIo, const char *zQuery, long long nStrict, char **pzFts,
             char **pzLeftOut, long long *pnFound, int *pRcSqlite, char **pzErr);

#endif /* VP_RELAX_H */
