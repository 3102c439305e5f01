/*
** vp_qexpand.h — a query that names an agency another way than the alias
** table's name ("Sở KH&CN chủ trì", "so khcn", "Sở NN&PTNT") written with
** that name instead ("Sở Khoa học và Công nghệ chủ trì"): search looks for
** both, so a person typing the short form finds the plans that write the
** name in full. Plain words only (no quotes, operators, parentheses or
** prefix*: those are the person's own terms); the first agency named is
** rewritten, without diacritics when the query has none. Not for translating to FTS5 (vp_qparse.h) nor for `who`
** (vp_agency_resolve reads a whole typed name).
*/
#ifndef VP_QEXPAND_H
#define VP_QEXPAND_H

#define VP_QEXPAND_MAX_NAME 8 /* words of an agency's name read at most */

/* The query with its first agency written as the table's name, in *pzOut
** (caller frees), or *pzOut NULL when it names none another way. VP_OK or
** VP_ENOMEM. */
int vp_qexpand_agency(const char *zQuery, char **pzOut);

#endif /* VP_QEXPAND_H */
