/*
** vp_meant.h — which cited instrument a search means when it names one
** loosely ("Nghị quyết 57", "nghị định 178", "NQ 68 kinh tế tư nhân"): the
** instruments of that type and number (and year, issuer when typed) cited
** in the index, and the one cited by far the most documents, if one is.
** Search ranks the passages that cite only one of the others (a council's
** 57/2025/NQ-HĐND for a person who means 57-NQ/TW) below the rest, and
** when the year was typed, those citing none of them too. Not for
** numbers written in full (they are matched as written) nor for `refs`,
** which lists the candidates for the person to choose (refs.c).
*/
#ifndef VP_MEANT_H
#define VP_MEANT_H

#include "vp_rerank.h"

#define VP_MEANT_OTHERS 8 /* other instruments of the number kept */
/* The most cited instrument is the one meant when it is cited by at least
** this many times the documents of the next. */
#define VP_MEANT_RATIO 3

typedef struct vp_meant {
  long long idMeant;  /* instrument.id, 0 when the query means none clearly */
  char zKey[64];      /* its key ("57-NQ/TW") */
  int nOther;
  long long aOther[VP_MEANT_OTHERS]; /* the other instruments of the number */
  int bAlone;         /* the query is the instrument's name alone ("NQ
                      ** 57"): its passages are found by its number too */
  int bDated;         /* the query typed its year ("nghị định 9/2025"): a
                      ** passage holding the number without citing the one
                      ** meant holds a date ("11/9/2025") or another thing */
} vp_meant;

/* Fills *pOut for zQuery (idMeant 0 when it names no instrument loosely, or
** none stands out). VP_OK; else an error code with *pzErr, or VP_EDB with
** the SQLite code in *pRcSqlite and *pzErr NULL. */
int vp_meant_find(const vp_rerank_io *pIo, const char *zQuery, vp_meant *pOut, int *pRcSqlite,
                  char **pzErr);

#endif /* VP_MEANT_H */
