/*
** vp_export.h — `vnplan export`: the index written for another engine or a
** spreadsheet. NDJSON is OpenSearch/Elasticsearch `_bulk` input (an action
** line {"index": {"_index", "_id"}} before each record) for four indices:
** PREFIX-docs, PREFIX-passages, PREFIX-citations, PREFIX-tasks; an index
** template mirrors the tokenizer's choices as far as those engines allow.
** CSV writes one file per table into a folder. Not for answering queries.
*/
#ifndef VP_EXPORT_H
#define VP_EXPORT_H

#include <stdio.h>

#include "vp_query.h"

/* Write every table of pDb as `_bulk` NDJSON to f, index names prefixed
** with zPrefix ("vnplan"). VP_OK, VP_EIO when f cannot be written, or the
** query layer's code, with *pzErr (caller frees). */
int vp_export_ndjson(vp_db *pDb, FILE *f, const char *zPrefix, char **pzErr);

/* Write docs.csv, passages.csv, citations.csv, tasks.csv (RFC 4180, header
** row) into the folder zDir (made when missing). Same results. */
int vp_export_csv(vp_db *pDb, const char *zDir, char **pzErr);

/* The index template for indices zPrefix-* (data/opensearch-template.json):
** text analyzed with and without diacritics, numbers kept whole with their
** parts beside them, names and codes as keywords. Caller frees; NULL on
** out of memory. */
char *vp_export_template(const char *zPrefix);

#endif /* VP_EXPORT_H */
