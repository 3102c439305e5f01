/*
** vp_qexpand.h — a query written another way, searched both as typed and
** so: an agency named otherwise than the alias table's name ("Sở KH&CN chủ
** trì", "so khcn", "Sở NN&PTNT") written with that name ("Sở Khoa học và
** Công nghệ chủ trì"), so a person typing the short form finds the plans
** that write the name in full; else a subject typed as its abbreviation
** ("PCCC") written in full ("phòng cháy chữa cháy", data/query-abbrev.tsv).
** The other way round was tried and left out: a phrase typed in full also
** searched as its abbreviation let weak matches of the short form in. Plain words only (no quotes, operators,
** parentheses or prefix*: those are the person's own terms); the first
** found is rewritten, without diacritics when the query has none. Not for
** translating to FTS5 (vp_qparse.h) nor for `who` (vp_agency_resolve reads
** a whole typed name).
*/
#ifndef VP_QEXPAND_H
#define VP_QEXPAND_H

#define VP_QEXPAND_MAX_NAME 8 /* words of an agency's name read at most */

/* The query with its first agency written as the table's name, in *pzOut
** (caller frees), or *pzOut NULL when it names none another way. VP_OK or
** VP_ENOMEM. */
int vp_qexpand_agency(const char *zQuery, char **pzOut);

/* The query with its first abbreviation of data/query-abbrev.tsv ("PCCC")
** written as its phrase ("phòng cháy chữa cháy"), in *pzOut (caller frees);
** *pzOut NULL when it types none. Plain words only, folded when typed
** without diacritics. VP_OK or VP_ENOMEM. */
int vp_qexpand_topic(const char *zQuery, char **pzOut);

#endif /* VP_QEXPAND_H */
