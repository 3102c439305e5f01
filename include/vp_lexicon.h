/*
** vp_lexicon.h — the word lists the extractors match (relation phrases,
** manner words, instrument type names and codes, issuing bodies…), read from
** the data tables under data/ once, kept in growable arrays (no caps),
** folded once at load (vp_fold.h: lowercase, no diacritics, đ→d), and
** looked up exactly, at a position or ending at a position, longest first.
** A bad row (wrong number of cells, empty phrase, unknown list, value not
** allowed, duplicate phrase) is an error naming the table and its line.
** Not for what a match means: each extractor interprets its own lists.
**
** A list is named by its table and, in a table holding several lists, by
** the value of its list column: ("cite-phrases.tsv", "relation"),
** ("instrument-types.tsv", "issuer"). Every table and list is declared in
** the registry at the top of indexer/extract/lexicon.c; to add one, add a row there
** and the rows to the table (every data/ table is compiled in by the
** Makefile).
**
** Thread-safety: the compiled-in lists are built once (pthread_once) and
** read-only after, so every lookup may run on any thread. Entry pointers
** stay valid for the life of the process (or of a vp_lexicon_parse result).
*/
#ifndef VP_LEXICON_H
#define VP_LEXICON_H

#include "vp_fold.h"

/* One row of a list. */
typedef struct vp_lexicon_entry {
  const char *zPhrase;      /* the key cell as written: "Kết luận", "căn cứ" */
  const char *zFold;        /* the key folded (vp_fold_str): "ket luan" */
  int nFold;                /* strlen(zFold), always > 0 */
  const char *zValue;       /* the value cell ("basis"); "" when the table
                            ** has none or the row leaves it out */
  const char *const *azCol; /* every cell of the row, in table order;
                            ** cells the row leaves out read "" */
  int nCol;                 /* columns of the table (its header) */
  int iLine;                /* 1-based line of the row in its table */
} vp_lexicon_entry;

/* A list declared by a table: its name in the list column and, when its
** value cell is constrained, the values allowed. */
typedef struct vp_lexicon_list_spec {
  const char *zName;   /* as written in the list column; NULL when the
                       ** table is one list (iListCol < 0) */
  const char *zValues; /* allowed values, space-separated ("basis alias");
                       ** a value is then required. NULL: any, even "" */
} vp_lexicon_list_spec;

/* The shape of a table. */
typedef struct vp_lexicon_table {
  const char *zName;    /* file under data/: "cite-phrases.tsv" */
  const char *zHeader;  /* the column names, tab-separated, as the
                        ** table's first non-comment line must give them */
  int iListCol;         /* column naming a row's list; -1: one list */
  int iKeyCol;          /* the phrase matched (folded at load) */
  int iValueCol;        /* the cell entries carry as zValue; -1: none */
  int nMinCol;          /* cells a row needs at least (the rest read "") */
  const vp_lexicon_list_spec *aList;
  int nList;
} vp_lexicon_table;

typedef struct vp_lexicon vp_lexicon;           /* the lists of one table */
typedef struct vp_lexicon_list vp_lexicon_list; /* one list */

/* ---------------------------------------------- the compiled-in lists */

/* Load every table of the registry (once; later calls return the first
** result). VP_OK, VP_ENOMEM, or VP_EINPUT when a table is missing or has
** bad rows: *pzErr (caller frees) then lists every problem, one per line,
** as "data/cite-phrases.tsv line 12: ...". Bad rows are left out and the
** good ones still load, so lookups keep working. Call it at program start
** to report the problem; lookups call it themselves when nobody did. */
int vp_lexicon_init(char **pzErr);

/* The list zList of table zTable (zList NULL for a one-list table). Never
** NULL: a list that is not declared, or that failed to load, is empty.
** Cheap (a few string compares): fetch it once per extractor call, not once
** per byte of text. */
const vp_lexicon_list *vp_lexicon_get(const char *zTable, const char *zList);

/* ------------------------------------------ a table parsed from a string */

/* Parse zText (the whole table: comments, header, rows) with the shape
** *pSpec, e.g. in tests or to check a table being edited. On success
** *ppOut is a new lexicon (free with vp_lexicon_free). On any bad row the
** result is VP_EINPUT, *ppOut is NULL and *pzErr (caller frees) lists every
** problem as "<pSpec->zName> line N: ...". VP_ENOMEM on out of memory. */
int vp_lexicon_parse(const vp_lexicon_table *pSpec, const char *zText,
                     vp_lexicon **ppOut, char **pzErr);

/* The list zList of a parsed lexicon (NULL for a one-list table); never
** NULL (an empty list when there is no such list). Valid until
** vp_lexicon_free. */
const vp_lexicon_list *vp_lexicon_list_of(const vp_lexicon *p,
                                          const char *zList);

/* Free a parsed lexicon and its lists and entries; NULL is a no-op. */
void vp_lexicon_free(vp_lexicon *p);

/* ---------------------------------------------------------- lookups */
/* Text z[0..n) is folded text (vp_fold.h). A phrase "stands" at a place
** when its bytes are there and it does not run into a word: a phrase that
** starts (ends) with a letter or digit needs no letter, digit or non-ASCII
** byte right before (after) it. Longest phrase first; among phrases of one
** length, table order. Results point into the list (never freed). */

/* Entries in table order: count, and entry i (NULL when out of range). */
int vp_lexicon_count(const vp_lexicon_list *pList);
const vp_lexicon_entry *vp_lexicon_entry_at(const vp_lexicon_list *pList,
                                            int i);

/* The entry whose folded phrase is exactly z[0..n) (n < 0: strlen), or
** NULL. */
const vp_lexicon_entry *vp_lexicon_find(const vp_lexicon_list *pList,
                                        const char *z, int n);

/* The value cell of the entry whose folded phrase is exactly z[0..n)
** (n < 0: strlen): "what does this phrase carry". NULL when none. */
const char *vp_lexicon_value(const vp_lexicon_list *pList, const char *z,
                             int n);

/* The longest phrase that stands at z[i]; *pnLen (may be NULL) gets its
** folded length. NULL when none: "is the text at i one of the list's
** phrases, and how long is the match". */
const vp_lexicon_entry *vp_lexicon_match_at(const vp_lexicon_list *pList,
                                            const char *z, int n, int i,
                                            int *pnLen);

/* vp_lexicon_match_at on a folded view: if a phrase of pList stands at
** folded index i, the index after the longest, else -1; *ppEntry (may be
** NULL) gets its entry (NULL when none). */
int vp_lexicon_at_fold(const vp_fold *f, int i, const vp_lexicon_list *pList,
                       const vp_lexicon_entry **ppEntry);

/* The longest phrase that stands ending at z[e] (exclusive) and starts at
** or after iMin (0: anywhere); *piStart (may be NULL) gets its start. */
const vp_lexicon_entry *vp_lexicon_match_before(const vp_lexicon_list *pList,
                                                const char *z, int n, int e,
                                                int iMin, int *piStart);

/* The entry whose cell iCol is the code z[0..n) (n < 0: strlen): the same
** bytes first, then the same letters ignoring ASCII case (Đ and đ one
** letter, distinct from D), then with Đ read as D ("QD" finds "QĐ"). NULL
** when none. For instrument codes and other abbreviations. */
const vp_lexicon_entry *vp_lexicon_find_code(const vp_lexicon_list *pList,
                                             int iCol, const char *z, int n);

#endif /* VP_LEXICON_H */
