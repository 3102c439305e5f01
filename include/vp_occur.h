/*
** vp_occur.h — how a query's words stand in a passage's text, for ranking:
** as the term (together and in order, nothing but spaces between them),
** broken (a clause break between them — ". ; : ? ! ( ) |" — or the last
** word one that introduces a number and a number right after it: "Luật Bảo
** hiểm xã hội số 58/2014/QH13" is a law's number, not "xã hội số"; or the
** last word and the lowercase word after it a two-syllable word of
** data/word-pairs.tsv, as written, while the last two are not: "đầu tư
** công trình" is about a "công trình"; or, of three words or more, the
** last alone after a comma: "trợ cấp xã hội, số người"), and,
** of the times it stands as the term, how many stand inside a cited legal
** title ("theo Luật Khoa học, công nghệ và đổi mới sáng tạo": a capitalised
** title head from data/rank-words.tsv a few words before, in the same
** clause). A comma is no other break: "khoa học, công nghệ", "phòng,
** chống ma túy" are how the terms are written. Words compare folded (vp_fold.h).
** Not for matching (FTS5 does) nor for scoring (rerank.c weighs the counts).
*/
#ifndef VP_OCCUR_H
#define VP_OCCUR_H

typedef struct vp_occur_query vp_occur_query;

typedef struct vp_occur_count {
  int nTerm;   /* together and in order, as the term */
  int nBroken; /* in order, but broken (see above) */
  int nCited;  /* of nTerm, inside a cited title */
} vp_occur_count;

/* The words of what a person typed, when it is a run of two or more plain
** words (no quotes, operators, parentheses or prefix*): *ppOut (free with
** vp_occur_query_free), or NULL when the query is not such a run (nothing
** to judge). VP_OK or VP_ENOMEM. */
int vp_occur_query_new(const char *zQuery, vp_occur_query **ppOut);
void vp_occur_query_free(vp_occur_query *p);

/* The words of what a person typed, one or more, quotes aside (for
** vp_occur_share_in): *ppOut, or NULL when the query has operators,
** parentheses, prefix*, no word or too many to judge. VP_OK or VP_ENOMEM. */
int vp_occur_words_new(const char *zQuery, vp_occur_query **ppOut);

/* The share, 0 to 1, of the query's distinct words that z[0..n) holds
** anywhere, in any order; -1 on VP_ENOMEM. */
double vp_occur_share_in(const vp_occur_query *q, const char *z, int n);

/* Of the query's two-syllable words (two words side by side that are a
** word of data/word-pairs.tsv: "cấp xã", "xã hội"), how many z[0..n)
** holds only apart ("trợ cấp xã hội" holds "cấp" and "xã", no "cấp xã");
** -1 on VP_ENOMEM. For a query of vp_occur_query_new. */
int vp_occur_words_broken(const vp_occur_query *q, const char *z, int n);

/* Counts the query's runs of words in z[0..n) into *pOut (zeroed first).
** VP_OK, or VP_ENOMEM (*pOut then zero). */
int vp_occur_count_in(const vp_occur_query *q, const char *z, int n, vp_occur_count *pOut);

#endif /* VP_OCCUR_H */
