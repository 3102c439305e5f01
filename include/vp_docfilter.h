/*
** vp_docfilter.h — the document filters every list answer shares
** (--province, --kind, --year, --since, --until, --agency on the command
** line; the same parameters over HTTP), turned into one SQL condition on
** the documents table (alias d). Names are resolved through the gazetteer,
** the instrument types and the agency alias table; values reach SQL quoted.
** Not for running queries (vp_query.h).
*/
#ifndef VP_DOCFILTER_H
#define VP_DOCFILTER_H

typedef struct vp_docfilter {
  const char *zProvince; /* "Tuyên Quang", "tuyen quang", a 2025 unit */
  const char *zKind;     /* "Kế hoạch", "ke hoach", "KH" */
  const char *zAgency;   /* documents that give this agency a task */
  int nYear;             /* the document's date in this year; 0: any */
  const char *zSince;    /* dated on or after YYYY[-MM[-DD]] */
  const char *zUntil;    /* dated on or before YYYY[-MM[-DD]] */
} vp_docfilter;

/* 1 when f is NULL or sets no filter. */
int vp_docfilter_empty(const vp_docfilter *f);

/* The condition on doc d that f sets, as "(…)", into *pzSql (caller frees;
** "1" when f is empty). VP_OK; VP_ENOTFOUND for a province or kind that is
** not known, VP_EQUERY for a date that cannot be read, with *pzErr (caller
** frees); VP_ENOMEM. */
int vp_docfilter_sql(const vp_docfilter *f, char **pzSql, char **pzErr);

#endif /* VP_DOCFILTER_H */
