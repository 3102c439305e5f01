/*
** meant.c — the instrument a loosely named number most likely means (see
** vp_meant.h): the instruments cited in the index with the number, type and
** (when typed) year and issuer the query reads as (vp_instref.h), ordered
** by how many documents cite them.
*/
#include "vp_meant.h"

#include <stdio.h>
#include <string.h>

#include "vp_common.h"
#include "vp_instref.h"
#include "vp_qparse.h"

/* As refs reads a loose number (refs.c loose_candidates), with ids and
** document counts. */
#define MEANT_SQL                                                                       \
  "SELECT i.id, coalesce(i.key, i.token), st.docs FROM instrument i"                    \
  " JOIN instrument_stat st ON st.instrument_id = i.id"                                 \
  " WHERE st.citations > 0 AND CAST(i.number AS INTEGER) = CAST(?1 AS INTEGER)"         \
  " AND i.type_code = ?2"                                                               \
  " AND (?3 IS NULL OR i.issuer_code = ?3 OR i.issuer_code LIKE ?3 || '-%')"            \
  " AND (?4 IS NULL OR i.year = ?4 OR EXISTS (SELECT 1 FROM instrument_date dd"         \
  "  WHERE dd.instrument_id = i.id AND substr(dd.date, 1, 4) = ?5))"                    \
  " ORDER BY st.docs DESC, i.id LIMIT " VP_STR(VP_MEANT_OTHERS) " + 1"

int vp_meant_find(const vp_rerank_io *pIo, const char *zQuery, vp_meant *pOut, int *pRcSqlite,
                  char **pzErr) {
  memset(pOut, 0, sizeof(*pOut));
  *pRcSqlite = SQLITE_OK;
  vp_docnum aNum[1];
  vp_instref ref;
  /* a number written in full is matched as written; a loose one needs its
  ** type ("Nghị quyết", "NQ"): a bare number or year means no instrument */
  if (vp_qparse_docnums(zQuery, aNum, 1) > 0 || !vp_instref_parse(zQuery, &ref) || !ref.zType[0])
    return VP_OK;
  sqlite3_stmt *s = NULL;
  int rc = pIo->xPrepare(pIo->pCtx, MEANT_SQL, &s, pzErr);
  if (rc != VP_OK) return rc;
  char zYear[8];
  snprintf(zYear, sizeof(zYear), "%04d", ref.nYear % 10000);
  sqlite3_bind_text(s, 1, ref.zNumber, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 2, ref.zType, -1, SQLITE_STATIC);
  if (ref.zIssuer[0]) sqlite3_bind_text(s, 3, ref.zIssuer, -1, SQLITE_STATIC);
  if (ref.nYear) {
    sqlite3_bind_int(s, 4, ref.nYear);
    sqlite3_bind_text(s, 5, zYear, -1, SQLITE_STATIC);
  }
  long long aId[VP_MEANT_OTHERS + 1];
  int aDocs[VP_MEANT_OTHERS + 1], n = 0, src;
  char zFirst[sizeof(pOut->zKey)] = "";
  while ((src = sqlite3_step(s)) == SQLITE_ROW && n < VP_MEANT_OTHERS + 1) {
    aId[n] = sqlite3_column_int64(s, 0);
    aDocs[n] = sqlite3_column_int(s, 2);
    if (n == 0) snprintf(zFirst, sizeof(zFirst), "%s", (const char *)sqlite3_column_text(s, 1));
    n++;
  }
  if (src != SQLITE_ROW && src != SQLITE_DONE) {
    *pRcSqlite = src;
    rc = VP_EDB;
  }
  pIo->xRelease(pIo->pCtx, s);
  /* none meant when the number is ambiguous here (several instruments of
  ** a like standing), nor when one instrument has it and the query typed
  ** neither its year nor its name alone ("nghị quyết 57 chuyển đổi số":
  ** nothing to tell apart); with the year or the name alone ("QĐ 2597"),
  ** the one cited instrument is meant */
  if (rc != VP_OK || n == 0 || (n == 1 && !ref.nYear && !ref.bAlone) ||
      (n >= 2 && aDocs[0] < VP_MEANT_RATIO * aDocs[1]))
    return rc;
  pOut->idMeant = aId[0];
  pOut->bDated = ref.nYear != 0;
  pOut->bAlone = ref.bAlone;
  snprintf(pOut->zKey, sizeof(pOut->zKey), "%s", zFirst);
  for (int i = 1; i < n; i++) pOut->aOther[pOut->nOther++] = aId[i];
  return VP_OK;
}
