/*
** vp_docfilter.h — the document filters every list answer shares
** (--province, --kind, --issuer, --relation, --year, --since, --until,
** --agency on the command line; the same parameters over HTTP) turned into
** one SQL condition on the documents table (alias d), and the order asked
** for (--sort). Names are resolved through the gazetteer, the instrument
** types, the relation labels (data/cite-phrases.tsv) and the agency alias
** table; values reach SQL quoted. Not for running queries (vp_query.h).
*/
#ifndef VP_DOCFILTER_H
#define VP_DOCFILTER_H

#define VP_ISSUER_SEP "\x1f" /* between the stored spellings of one issuer */

typedef struct vp_docfilter {
  const char *zProvince; /* "Tuyên Quang", "tuyen quang", a 2025 unit */
  const char *zKind;     /* "Kế hoạch", "ke hoach", "KH" */
  const char *zAgency;   /* documents that give this agency a task */
  int nYear;             /* the document's date in this year; 0: any */
  const char *zSince;    /* dated on or after YYYY[-MM[-DD]] */
  const char *zUntil;    /* dated on or before YYYY[-MM[-DD]] */
  const char *zIssuer;   /* the issuer as stored ("Ủy ban nhân dân tỉnh"),
                         ** its spellings separated by VP_ISSUER_SEP when
                         ** the index stores several ("THỦ TƯỚNG CHÍNH
                         ** PHỦ"); the query layer resolves one typed
                         ** loosely */
  const char *zRelation; /* documents citing with this relation: its label
                         ** ("Căn cứ", "can cu") or key ("basis"); search
                         ** and refs keep the passages that carry it */
  const char *zSort;     /* "relevance" (default) or "date" (newest
                         ** first); not a filter: vp_docfilter_empty
                         ** ignores it */
} vp_docfilter;

/* 1 when f is NULL or sets no filter. */
int vp_docfilter_empty(const vp_docfilter *f);

/* The condition on doc d that f sets, as "(…)", into *pzSql (caller frees;
** "1" when f is empty). VP_OK; VP_ENOTFOUND for a province or kind that is
** not known, VP_EQUERY for a date that cannot be read, with *pzErr (caller
** frees); VP_ENOMEM. */
int vp_docfilter_sql(const vp_docfilter *f, char **pzSql, char **pzErr);

/* The relation key ("basis") a typed label or key names ("Căn cứ", "can
** cu", "basis"), or NULL when none does. Static storage. */
const char *vp_docfilter_relation(const char *zTyped);

/* The Vietnamese label of a relation key ("basis" → "Căn cứ"), or NULL.
** Static storage. */
const char *vp_docfilter_relation_label(const char *zKey);

/* The relation labels in table order, each "Label" (for a list of valid
** choices); *pn gets how many. Static storage; i from 0 to *pn - 1. */
const char *vp_docfilter_relation_choice(int i, int *pn);

/* 1 when f asks for newest first (zSort "date"), 0 for relevance (NULL,
** "" or "relevance"); -1 for any other value. */
int vp_docfilter_sort_date(const vp_docfilter *f);

#endif /* VP_DOCFILTER_H */
