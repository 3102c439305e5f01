/*
** vp_qparse.h — what a person types, translated to FTS5: words, "phrases"
** (also “typographic”), document numbers as typed ("69-KL/TW", "69 KL/TW",
** "709/QD-TTg" unquoted), AND / OR / NOT, parentheses and prefix*. Runs of
** plain words rank passages where they stand together first. A query typed
** with diacritics is matched exactly (tone placement aside); one typed
** without matches every spelling. Never passes the user's text raw to FTS5.
** Not for running the query (vp_query.h).
*/
#ifndef VP_QPARSE_H
#define VP_QPARSE_H

#include "vp_docnum.h"

/* Translate zQuery into an FTS5 MATCH expression (*pzFts, caller frees).
** VP_OK, or VP_EQUERY with *pzErr saying what is wrong for a person
** ("unclosed quote", "OR needs words on both sides", "empty query"). */
int vp_qparse_to_fts5(const char *zQuery, char **pzFts, char **pzErr);

/* The same for zQuery, a piece of the query zWhole, matched as the whole
** was typed (vp_relax.h): exactly (bExact 1) or in every spelling (0)
** whatever the diacritics of the piece, and its number with a year ("9/2025")
** as an instrument's when the whole names the type ("nghị định 9/2025"). */
int vp_qparse_to_fts5_exact(const char *zQuery, const char *zWhole, int bExact, char **pzFts,
                            char **pzErr);

/* The same query with each run of plain words as its phrase alone (the
** passages where the words stand together and in order): what to rank
** first when there are too many matches to rank them all. *pzFts is NULL
** when the query has no such run (nothing narrower than vp_qparse_to_fts5). */
int vp_qparse_to_fts5_phrases(const char *zQuery, char **pzFts, char **pzErr);

/* The length of the quotation mark at z that opens or closes a phrase
** ('"', '“', '”'), else 0. */
int vp_qparse_quote_len(const char *z);

/* The instrument numbers a query names ("Nghị quyết số 20-NQ/TW",
** "nghi quyet 20 NQ/TW", "Quyet dinh 472/QD-UBND"), in order: writes up to
** nMax into a[], returns how many. */
int vp_qparse_docnums(const char *zQuery, vp_docnum *a, int nMax);

/* Whether zQuery is plain words only: no quotes (straight or curly),
** operators (AND, OR, NOT), parentheses or prefix*: what the ranking and
** the agency rewrite may read as the person's words (vp_occur.h,
** vp_qexpand.h), not as their own terms. */
int vp_qparse_is_plain(const char *zQuery);

/* An ISO date stated in a query ("ngày 01/11/2012", "01-11-2012",
** "ngày 18 tháng 12 năm 2024") into zIso[11]; 1 if found, else 0. */
int vp_qparse_date(const char *zQuery, char zIso[11]);

#endif /* VP_QPARSE_H */
