/*
** vp_qexpand.h — a query written another way, searched both as typed and
** so: an agency named otherwise than the alias table's name ("Sở KH&CN chủ
** trì", "so khcn", "Sở NN&PTNT") written with that name ("Sở Khoa học và
** Công nghệ chủ trì"), so a person typing the short form finds the plans
** that write the name in full; else a subject typed as its abbreviation
** ("PCCC") written in full ("phòng cháy chữa cháy", data/query-abbrev.tsv),
** or an everyday term in the official one ("miền Trung" → "Trung Bộ",
** data/query-words.tsv). And a question searched for its subject: "xe máy
** phải kiểm định khí thải từ khi nào?" as "xe máy phải kiểm định khí thải".
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
** written as its phrase ("phòng cháy chữa cháy"), or its first everyday
** term (list synonym of data/query-words.tsv: "sổ đỏ") as the official one
** ("giấy chứng nhận quyền sử dụng đất"), whichever comes first in the query
** (at one word, the longest term first), in *pzOut (caller frees); *pzOut
** NULL when it types none. Plain words only, folded when typed without
** diacritics. VP_OK or VP_ENOMEM. */
int vp_qexpand_topic(const char *zQuery, char **pzOut);

/* A question's subject: when the query is plain words and a question (it
** ends with "?" or types a question's words of data/query-words.tsv: "khi
** nào", "là gì", "… không?" at the end), the query without those words, its
** question marks, and the fillers next to them or at its start ("từ", "có",
** "tôi"), as typed otherwise, in *pzOut (caller frees); *pzOut NULL when
** there is nothing to leave out or nothing would be left. VP_OK or
** VP_ENOMEM. */
int vp_qexpand_question(const char *zQuery, char **pzOut);

/* A province named with its unit word ("kế hoạch chuyển đổi số tỉnh Bắc
** Ninh", "thanh pho Hue", "TP. Hồ Chí Minh"): the query without those
** words in *pzRest (caller frees) and the province's name in *pzProvince
** (static storage, as the gazetteer spells it); both NULL when the query
** names none so, or nothing else (search then reads it as typed). The name
** alone ("tư tưởng Hồ Chí Minh") is never read so. Plain words only. VP_OK
** or VP_ENOMEM. */
int vp_qexpand_province(const char *zQuery, char **pzRest, const char **pzProvince);

#endif /* VP_QEXPAND_H */
