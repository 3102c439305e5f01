/*
** search.c — `vnplan search` (vp_query_search_in): a typed query translated
** to FTS5, its best matches ranked (rerank.c), each hit with its document,
** highlights and snippet, facets counted in the ranking's pass, a spelling
** suggestion when nothing matches.
*/
#include "query_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_agency.h"
#include "vp_agmatch.h"
#include "vp_collate.h"
#include "vp_common.h"
#include "vp_docfilter.h"
#include "vp_doccache.h"
#include "vp_docnum.h"
#include "vp_facets.h"
#include "vp_instref.h"
#include "vp_meant.h"
#include "vp_qexpand.h"
#include "vp_relax.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_lexicon.h"
#include "vp_qparse.h"
#include "vp_rerank.h"
#include "vp_store.h"

/* ---- search --------------------------------------------------------- */

/* Queries matching more passages rank the newest this many (see below). */
#define VP_RANK_WINDOW 2000

#define MARK_OPEN '\x02'
#define MARK_CLOSE '\x03'
#define SNIPPET_BEFORE 160
#define SNIPPET_LEN 420

/* From a highlight() text (passage with MARK_OPEN/CLOSE around matched
** tokens): the highlight spans as file byte offsets, and a snippet around
** the first match with <mark>…</mark> in display form. */
static void add_highlights(cJSON *pHit, const char *zHl, int nHl, int iPassageStart) {
  cJSON *aSpan = cJSON_AddArrayToObject(pHit, "highlights");
  int iRel = 0, iOpen = -1, iFirst = -1;
  for (int i = 0; i < nHl; i++) {
    if (zHl[i] == MARK_OPEN) {
      iOpen = iRel;
      if (iFirst < 0) iFirst = i;
    } else if (zHl[i] == MARK_CLOSE) {
      if (iOpen >= 0) {
        cJSON *pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, cJSON_CreateNumber(iPassageStart + iOpen));
        cJSON_AddItemToArray(pair, cJSON_CreateNumber(iPassageStart + iRel));
        cJSON_AddItemToArray(aSpan, pair);
      }
      iOpen = -1;
    } else {
      iRel++;
    }
  }
  /* the window: start a little before the first match, on a space */
  int iStart = 0, iEnd = nHl;
  if (iFirst > SNIPPET_BEFORE) {
    iStart = iFirst - SNIPPET_BEFORE;
    while (iStart < iFirst && zHl[iStart] != ' ') iStart++;
  }
  if (iEnd - iStart > SNIPPET_LEN) {
    iEnd = iStart + SNIPPET_LEN;
    while (iEnd < nHl && zHl[iEnd] != ' ' && zHl[iEnd] != MARK_OPEN) iEnd++;
    /* never cut inside a mark */
    int bOpen = 0;
    for (int i = iStart; i < iEnd; i++) {
      if (zHl[i] == MARK_OPEN) bOpen = 1;
      else if (zHl[i] == MARK_CLOSE) bOpen = 0;
    }
    while (bOpen && iEnd < nHl) {
      if (zHl[iEnd++] == MARK_CLOSE) bOpen = 0;
    }
  }
  char *zWin = vp_fold_display(zHl + iStart, iEnd - iStart);
  vp_buf b = {0};
  int rc = VP_OK;
  if (iStart > 0) vp_buf_appends(&b, "… ", &rc);
  for (const char *c = zWin ? zWin : ""; *c; c++) {
    if (*c == MARK_OPEN) vp_buf_appends(&b, "<mark>", &rc);
    else if (*c == MARK_CLOSE) vp_buf_appends(&b, "</mark>", &rc);
    else vp_buf_append(&b, c, 1, &rc);
  }
  if (iEnd < nHl) vp_buf_appends(&b, " …", &rc);
  char *zSnip = vp_buf_take(&b);
  vq_add_str(pHit, "snippet", rc == VP_OK ? zSnip : "");
  free(zSnip);
  free(zWin);
}

/* The reranker prepares through the statement cache. */
static int rr_prepare(void *pCtx, const char *zSql, sqlite3_stmt **pp, char **pzErr) {
  return vq_prepare(pCtx, zSql, pp, pzErr);
}
static void rr_release(void *pCtx, sqlite3_stmt *s) { vq_release(pCtx, s); }

int vp_query_search(vp_db *p, const char *zQuery, int nLimit, int nOffset,
                    cJSON **ppOut, char **pzErr) {
  return vp_query_search_in(p, zQuery, NULL, nLimit, nOffset, ppOut, pzErr);
}

/* What the facets need of a document, through the connection's memory of
** documents (vp_doccache.h). */
typedef struct doc_facts {
  vp_db *p;
  sqlite3_stmt *sDoc;   /* province, issuer of a document */
  sqlite3_stmt *sCites; /* its citations by passage */
  sqlite3_stmt *sProbe; /* a passage's citations */
} doc_facts;

static int doc_facts_of(void *pCtx, long long id, const char **pzProvince, const char **pzIssuer,
                        int *pRcSqlite) {
  doc_facts *d = pCtx;
  return vp_doccache_get(d->p->pDocs, d->sDoc, id, pzProvince, pzIssuer, pRcSqlite);
}

/* The relations of passages aPassage[0..n) of document id: from the
** document's citations when the connection keeps them, else a probe of
** the index a passage. */
static int doc_relations(void *pCtx, long long id, const long long *aPassage, int n,
                         void (*xRelation)(void *pArg, int i, const char *zRelation), void *pArg,
                         int *pRcSqlite) {
  doc_facts *d = pCtx;
  const vp_doccache_cite *aCite = NULL;
  int nCite = -1;
  int rc = vp_doccache_cites(d->p->pDocs, d->sCites, id, &aCite, &nCite, pRcSqlite);
  if (rc != VP_OK) return rc;
  if (nCite >= 0) { /* both in passage order */
    for (int i = 0, k = 0; i < n && k < nCite; i++) {
      while (k < nCite && aCite[k].idPassage < aPassage[i]) k++;
      for (int j = k; j < nCite && aCite[j].idPassage == aPassage[i]; j++)
        xRelation(pArg, i, aCite[j].zRelation);
    }
    return VP_OK;
  }
  for (int i = 0; i < n; i++) {
    sqlite3_bind_int64(d->sProbe, 1, aPassage[i]);
    int rcStep;
    while ((rcStep = sqlite3_step(d->sProbe)) == SQLITE_ROW)
      xRelation(pArg, i, (const char *)sqlite3_column_text(d->sProbe, 0));
    sqlite3_reset(d->sProbe);
    if (rcStep != SQLITE_DONE) {
      *pRcSqlite = rcStep;
      return VP_EDB;
    }
  }
  return VP_OK;
}

/* The counts of f into the answer's facet objects (province, issuer,
** relation), inside the answer's read transaction. */
static int facets_into(vp_db *p, vp_facets *f, cJSON *apFacet[3], char **pzErr) {
  doc_facts d = {p, NULL, NULL, NULL};
  vp_doccache_check(p->pDocs, p->db);
  int rc = vq_prepare(p, "SELECT province, issuer FROM doc WHERE id = ?1", &d.sDoc, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p, "SELECT passage_id, relation FROM citation WHERE doc_id = ?1"
                    " AND relation IS NOT 'alias' AND passage_id IS NOT NULL ORDER BY passage_id",
                 &d.sCites, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p, "SELECT relation FROM citation WHERE passage_id = ?1 AND relation IS NOT 'alias'",
                    &d.sProbe, pzErr);
  int rcSqlite = SQLITE_OK;
  vp_facets_source src = {&d, doc_facts_of, doc_relations};
  if (rc == VP_OK) rc = vp_facets_into(f, &src, apFacet[0], apFacet[1], apFacet[2], &rcSqlite);
  if (rc == VP_EDB && *pzErr == NULL) rc = vq_db_fail(p, rcSqlite, pzErr);
  vq_release(p, d.sDoc);
  vq_release(p, d.sCites);
  vq_release(p, d.sProbe);
  return rc;
}

static int search_answer(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                         int nOffset, int bSuggest, cJSON **ppOut, char **pzErr);

/* The answer *ppOut tells what was typed (zQuery), what was searched
** (zSearched) and, when so, in which province's documents; on VP_ENOMEM it
** is deleted. */
static int say_searched(cJSON **ppOut, const char *zQuery, const char *zSearched, const char *zProvince) {
  cJSON *pTyped = cJSON_CreateString(zQuery);
  if (pTyped == NULL || !cJSON_ReplaceItemInObject(*ppOut, "query", pTyped) ||
      cJSON_AddStringToObject(*ppOut, "searched_as", zSearched) == NULL ||
      (zProvince && cJSON_AddStringToObject(*ppOut, "province_read", zProvince) == NULL)) {
    if (pTyped && cJSON_GetObjectItem(*ppOut, "query") != pTyped) cJSON_Delete(pTyped);
    cJSON_Delete(*ppOut);
    *ppOut = NULL;
    return VP_ENOMEM;
  }
  return VP_OK;
}

int vp_query_search_in(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                       int nOffset, cJSON **ppOut, char **pzErr) {
  vp_docfilter f;
  char *zFree = NULL;
  *ppOut = NULL;
  char *zSubject = NULL; /* a question searched for its subject */
  int rc = vq_filter_agency(p, pFilter, &f, &zFree, pzErr);
  if (rc == VP_OK && zQuery) rc = vp_qexpand_question(zQuery, &zSubject);
  const char *zSearched = zSubject ? zSubject : zQuery;
  /* "… tỉnh Bắc Ninh": the rest searched in the province's documents, when
  ** they answer it (else as typed: a passage may name the province) */
  char *zRest = NULL;
  const char *zProvince = NULL;
  if (rc == VP_OK && f.zProvince == NULL) rc = vp_qexpand_province(zSearched, &zRest, &zProvince);
  if (rc == VP_OK && zRest) {
    vp_docfilter fIn = f;
    fIn.zProvince = zProvince;
    char *zErr = NULL;
    if (search_answer(p, zRest, &fIn, nLimit, nOffset, 1, ppOut, &zErr) == VP_OK &&
        cJSON_GetNumberValue(cJSON_GetObjectItem(*ppOut, "total")) > 0) {
      rc = say_searched(ppOut, zQuery, zRest, zProvince);
    } else {
      cJSON_Delete(*ppOut);
      *ppOut = NULL;
    }
    free(zErr);
  }
  if (rc == VP_OK && *ppOut == NULL) {
    rc = search_answer(p, zSearched, &f, nLimit, nOffset, 1, ppOut, pzErr);
    if (rc == VP_OK && zSubject) rc = say_searched(ppOut, zQuery, zSubject, NULL);
  }
  free(zRest);
  free(zSubject);
  free(zFree);
  return rc;
}

/* The FTS5 expression of what a person typed (bPhrases: its runs' phrases
** alone, *pzFts NULL when it has none), and, when it names an agency by
** another spelling than the table's (vp_qexpand.h), of the query with the
** table's name too: "Sở KH&CN chủ trì" finds "Sở Khoa học và Công nghệ chủ
** trì". *pzAlt (caller frees) gets that query, or NULL. */
static int fts_of(const char *zQuery, int bPhrases, char **pzFts, char **pzAlt, char **pzErr) {
  *pzFts = NULL;
  if (pzAlt) *pzAlt = NULL;
  char *zAlt = NULL, *zA = NULL, *zB = NULL;
  int rc = bPhrases ? vp_qparse_to_fts5_phrases(zQuery, &zA, pzErr) : vp_qparse_to_fts5(zQuery, &zA, pzErr);
  if (rc == VP_OK) rc = vp_qexpand_agency(zQuery, &zAlt);
  if (rc == VP_OK && zAlt == NULL) rc = vp_qexpand_topic(zQuery, &zAlt);
  if (rc == VP_OK && zAlt) {
    char *zErr = NULL; /* the rewrite is ours: a failure keeps the query as typed */
    if ((bPhrases ? vp_qparse_to_fts5_phrases(zAlt, &zB, &zErr) : vp_qparse_to_fts5(zAlt, &zB, &zErr)) != VP_OK) {
      free(zB);
      zB = NULL;
    }
    free(zErr);
  }
  if (rc == VP_OK && zA && zB) {
    *pzFts = vp_mprintf("(%s) OR (%s)", zA, zB);
    if (*pzFts == NULL) rc = VP_ENOMEM;
  } else if (rc == VP_OK) {
    *pzFts = zA ? zA : zB;
    zA = zB = NULL;
  }
  free(zA);
  free(zB);
  if (rc == VP_OK && pzAlt && *pzFts && zAlt) {
    *pzAlt = zAlt;
    zAlt = NULL;
  }
  free(zAlt);
  return rc;
}

/* Does the query have hits at all? */
static int has_hits(vp_db *p, const char *zQuery, int *pbHits, char **pzErr) {
  char *zFts = NULL;
  *pbHits = 0;
  int rc = fts_of(zQuery, 0, &zFts, NULL, pzErr);
  sqlite3_stmt *s = NULL;
  if (rc == VP_OK) rc = vq_prepare(p, "SELECT 1 FROM passage_fts WHERE passage_fts MATCH ?1 LIMIT 1", &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_text(s, 1, zFts, -1, SQLITE_STATIC);
    *pbHits = vq_step_row(p, s, &rc, pzErr);
  }
  vq_release(p, s);
  free(zFts);
  return rc;
}

/* The indexed spelling nearest a word that finds nothing ("hocj" → "hoc"),
** from the diacritic-free forms the index holds (term_fold); NULL if none
** is within a letter (two for long words). Caller frees. */
static char *nearest_word(vp_db *p, const char *zWord, char **pzErr) {
  sqlite3_stmt *s = NULL;
  int n = (int)strlen(zWord), nMax = n >= 7 ? 2 : 1, nBest = nMax + 1;
  char *zBest = NULL;
  int rc = vq_prepare(p, "SELECT DISTINCT fold FROM term_fold WHERE length(fold) BETWEEN ?1 AND ?2", &s, pzErr);
  if (rc == VP_OK) {
    sqlite3_bind_int(s, 1, n - nMax);
    sqlite3_bind_int(s, 2, n + nMax);
  }
  while (rc == VP_OK && vq_step_row(p, s, &rc, pzErr)) {
    const char *zFold = vq_col_text(s, 0);
    int d = vp_agmatch_distance(zWord, n, zFold, sqlite3_column_bytes(s, 0));
    if (d < nBest) {
      nBest = d;
      free(zBest);
      zBest = vp_strndup(zFold, -1);
    }
  }
  vq_release(p, s);
  return zBest;
}

/* A query that matched nothing: typed with diacritics, the same without
** them ("dổi mới" → "doi moi", which matches every spelling), and each word
** that still finds nothing replaced by its nearest indexed spelling. Kept when it
** finds something: {"suggestion": {"query", "total", "why"}}. Best effort:
** an error here only leaves the suggestion out. */
static void add_suggestion(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, cJSON *pOut) {
  if (strpbrk(zQuery, "\"()*") || strstr(zQuery, "AND") || strstr(zQuery, " OR ") || strstr(zQuery, "NOT") ||
      strstr(zQuery, "\xE2\x80\x9C"))
    return; /* operators and phrases: the person wrote a query, not words */
  char *zFold = vp_fold_str(zQuery, -1), *zErr = NULL;
  if (zFold == NULL) return;
  const char *zWhy = "without diacritics";
  int bAscii = 1;
  for (const char *c = zQuery; *c; c++) bAscii &= (unsigned char)*c < 0x80;
  vp_buf b = {0};
  int rc = VP_OK, bChanged = !bAscii;
  { /* a typo: words that find nothing, spelled as indexed */
    for (const char *z = zFold; *z && rc == VP_OK;) {
      int nW = (int)strcspn(z, " ");
      char *zW = vp_strndup(z, nW);
      int bHits = 1;
      if (zW && nW >= 3) rc = has_hits(p, zW, &bHits, &zErr);
      char *zNear = (zW && rc == VP_OK && !bHits) ? nearest_word(p, zW, &zErr) : NULL;
      vp_buf_appendf(&b, &rc, "%s%s", b.n ? " " : "", zNear ? zNear : zW ? zW : "");
      if (zNear) {
        bChanged = 1;
        zWhy = "spelling";
      }
      free(zNear);
      free(zW);
      z += nW;
      while (*z == ' ') z++;
    }
  }
  char *zNew = vp_buf_take(&b);
  cJSON *o = NULL;
  if (rc == VP_OK && bChanged && zNew && zNew[0] && strcmp(zNew, zQuery) != 0 &&
      search_answer(p, zNew, pFilter, 1, 0, 0, &o, &zErr) == VP_OK &&
      cJSON_GetNumberValue(cJSON_GetObjectItem(o, "total")) > 0) {
    cJSON *pSug = cJSON_AddObjectToObject(pOut, "suggestion");
    vq_add_str(pSug, "query", zNew);
    vq_add_num(pSug, "total", cJSON_GetNumberValue(cJSON_GetObjectItem(o, "total")));
    cJSON_AddStringToObject(pSug, "why", zWhy);
  }
  cJSON_Delete(o);
  free(zNew);
  free(zFold);
  free(zErr);
}

static int search_answer(vp_db *p, const char *zQuery, const vp_docfilter *pFilter, int nLimit,
                         int nOffset, int bSuggest, cJSON **ppOut, char **pzErr) {
  *ppOut = NULL;
  char *zFts = NULL, *zCond = NULL, *zAlt = NULL;
  int rc = vq_check_paging(&nLimit, nOffset, pzErr);
  if (rc == VP_OK) rc = fts_of(zQuery, 0, &zFts, &zAlt, pzErr);
  if (rc == VP_OK && !vp_docfilter_empty(pFilter)) rc = vp_docfilter_sql(pFilter, &zCond, pzErr);
  if (rc == VP_OK) rc = vq_check_sort(pFilter, pzErr);
  const char *zRelKey = pFilter ? vp_docfilter_relation(pFilter->zRelation) : NULL;
  if (rc == VP_OK && zRelKey) { /* the passages that carry the relation */
    char *zC = vp_mprintf("(%s AND p.id IN (SELECT passage_id FROM citation WHERE relation = '%s'))",
                          zCond, zRelKey);
    free(zCond);
    zCond = zC;
    if (zC == NULL) rc = VP_ENOMEM;
  }
  int bByDate = vp_docfilter_sort_date(pFilter) == 1;
  if (rc != VP_OK) {
    free(zFts);
    free(zAlt);
    free(zCond);
    return rc;
  }
  /* a filter keeps the passages of the documents it lets through */
  /* a condition on each match (not "rowid IN (every passage of the
  ** documents let through)", which FTS5 reads one rowid at a time) */
  char *zIn = zCond ? vp_mprintf(" AND EXISTS (SELECT 1 FROM passage p JOIN doc d"
                                 " ON d.id = p.doc_id WHERE p.id = passage_fts.rowid AND %s)", zCond)
                    : vp_mprintf("%s", "");
  char *zSqlCount = zIn ? vp_mprintf("SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?1%s"
                                     " ORDER BY rowid DESC LIMIT " VP_STR(VP_RANK_WINDOW) " + 1", zIn)
                        : NULL;
  /* newest first: the page straight from the matches, by the document's date */
  char *zSqlByDate = zIn && bByDate ? vp_mprintf("SELECT p.id FROM passage_fts"
                                     " JOIN passage p ON p.id = passage_fts.rowid"
                                     " JOIN doc d ON d.id = p.doc_id"
                                     " WHERE passage_fts MATCH ?1%s%s"
                                     " ORDER BY d.date IS NULL, d.date DESC, d.id, p.id"
                                     " LIMIT %d OFFSET %d",
                                     zCond ? " AND " : "", zCond ? zCond : "", nLimit, nOffset)
                        : NULL;
  if (!zIn || !zSqlCount || (bByDate && !zSqlByDate)) {
    free(zIn);
    free(zSqlCount);
    free(zSqlByDate);
    free(zFts);
    free(zAlt);
    free(zCond);
    return VP_ENOMEM;
  }
  cJSON *pOut = cJSON_CreateObject();
  vq_add_str(pOut, "query", zQuery);
  if (zAlt) cJSON_AddStringToObject(pOut, "also_as", zAlt); /* written another way (vp_qexpand.h) */
  sqlite3_stmt *sRank = NULL, *sHit = NULL;
  rc = vq_read_begin(p, pzErr);
  /* an instrument named loosely and alone ("NQ 57", "nghị quyết 57") that
  ** the index clearly means: its passages are found by its number too,
  ** however they write the rest ("theo 57-NQ/TW") */
  vp_meant meant;
  memset(&meant, 0, sizeof(meant));
  if (rc == VP_OK && !bByDate) {
    vp_rerank_io io = {p, rr_prepare, rr_release};
    int rcSqlite = SQLITE_OK;
    rc = vp_meant_find(&io, zQuery, &meant, &rcSqlite, pzErr);
    if (rc == VP_EDB && *pzErr == NULL) rc = vq_db_fail(p, rcSqlite, pzErr);
    char *zWith = rc == VP_OK && meant.idMeant && meant.bAlone && !strchr(meant.zKey, '"')
                      ? vp_mprintf("(%s) OR \"%s\"", zFts, meant.zKey)
                      : NULL;
    if (zWith) {
      free(zFts);
      zFts = zWith;
    }
  }
  /* The newest VP_RANK_WINDOW + 1 matches, newest first: fewer means the
  ** total is exact and everything is ranked; more means the query matches a
  ** large part of the index, where ranking every match costs time in
  ** proportion to the index (FTS5 scores every match) while bm25 hardly
  ** separates them: rank the newest VP_RANK_WINDOW matches and estimate the
  ** total from how much of the rowid range they span. */
  sqlite3_stmt *sCount = NULL;
  long long nTotal = 0, iLow = 0;
  int bEstimate = 0;
  char *zStrict = NULL; /* the query as typed, while its relaxed form is counted */
  long long nStrict = 0;
  for (int bRelaxed = 0; rc == VP_OK; bRelaxed = 1) {
    nTotal = iLow = 0;
    rc = vq_prepare(p, zSqlCount, &sCount, pzErr);
    if (rc == VP_OK) {
      sqlite3_bind_text(sCount, 1, zFts, -1, SQLITE_STATIC);
      while (vq_step_row(p, sCount, &rc, pzErr)) {
        nTotal++;
        iLow = sqlite3_column_int64(sCount, 0);
      }
    }
    vq_release(p, sCount);
    sCount = NULL;
    if (rc == VP_OK && zStrict && nTotal <= nStrict) {
      /* relaxed over the whole index, it finds no more in the documents a
      ** filter keeps: the query as typed (counted again) */
      free(zFts);
      zFts = zStrict;
      zStrict = NULL;
      cJSON_DeleteItemFromObject(pOut, "words_left_out");
      continue;
    }
    /* an instrument's name alone ("kế hoạch 283") is not relaxed to its
    ** number: its passages are what is asked */
    if (rc != VP_OK || bRelaxed || nTotal >= VP_RELAX_MIN || (meant.idMeant && meant.bAlone)) break;
    /* too few passages hold every word: those holding most of them */
    vp_rerank_io io = {p, rr_prepare, rr_release};
    char *zRelaxed = NULL, *zLeftOut = NULL;
    long long nFound = 0;
    int rcSqlite = SQLITE_OK;
    rc = vp_relax(&io, zQuery, nTotal, &zRelaxed, &zLeftOut, &nFound, &rcSqlite, pzErr);
    if (rc == VP_OK && zAlt) { /* "Sở GD&ĐT …" relaxed as the name is written */
      char *zRelaxedAlt = NULL, *zLeftOutAlt = NULL;
      long long nFoundAlt = 0;
      rc = vp_relax(&io, zAlt, nTotal, &zRelaxedAlt, &zLeftOutAlt, &nFoundAlt, &rcSqlite, pzErr);
      if (zRelaxedAlt && nFoundAlt > nFound) {
        free(zRelaxed);
        free(zLeftOut);
        zRelaxed = zRelaxedAlt;
        zLeftOut = zLeftOutAlt;
      } else {
        free(zRelaxedAlt);
        free(zLeftOutAlt);
      }
    }
    if (rc == VP_EDB && *pzErr == NULL) rc = vq_db_fail(p, rcSqlite, pzErr);
    if (rc != VP_OK || zRelaxed == NULL) {
      free(zRelaxed);
      free(zLeftOut);
      break;
    }
    zStrict = zFts;
    nStrict = nTotal;
    zFts = zRelaxed;
    cJSON_AddStringToObject(pOut, "words_left_out", zLeftOut); /* no passage holds them all */
    free(zLeftOut);
  }
  free(zStrict);
  if (rc == VP_OK && nTotal > VP_RANK_WINDOW) {
    rc = vq_prepare(p, "SELECT (SELECT min(id) FROM passage), (SELECT max(id) FROM passage)", &sCount, pzErr);
    if (rc == VP_OK && vq_step_row(p, sCount, &rc, pzErr)) {
      double span = (double)(sqlite3_column_int64(sCount, 1) - sqlite3_column_int64(sCount, 0) + 1);
      double window = (double)(sqlite3_column_int64(sCount, 1) - iLow + 1);
      nTotal = (long long)(VP_RANK_WINDOW * span / (window > 0 ? window : 1));
      bEstimate = 1;
    }
    vq_release(p, sCount);
  } else {
    iLow = 0;
  }
  /* counts by province read every match: only while that stays cheap; the
  ** reranker counts them as it ranks every match, else they are counted here */
  cJSON *pFacets = cJSON_AddObjectToObject(pOut, "facets");
  cJSON *apFacet[3] = {NULL, NULL, NULL};
  vp_facets *pFacetCounts = NULL;
  if (rc == VP_OK && !bEstimate && nTotal <= VP_FACET_MAX) {
    apFacet[0] = cJSON_AddObjectToObject(pFacets, "province");
    apFacet[1] = cJSON_AddObjectToObject(pFacets, "issuer");
    apFacet[2] = cJSON_AddObjectToObject(pFacets, "relation");
    rc = vp_facets_new(&pFacetCounts);
    if (rc == VP_OK && bByDate) {
      vp_rerank_io io = {p, rr_prepare, rr_release};
      int rcSqlite = SQLITE_OK;
      rc = vp_facets_scan(&io, zFts, zCond, pFacetCounts, &rcSqlite, pzErr);
      if (rc == VP_EDB && *pzErr == NULL) rc = vq_db_fail(p, rcSqlite, pzErr);
    }
  } else if (rc == VP_OK) {
    cJSON_AddNullToObject(pFacets, "province");
    cJSON_AddNullToObject(pFacets, "issuer");
    cJSON_AddNullToObject(pFacets, "relation");
    vq_add_str(pFacets, "note", "too many matching passages to count by province:"
                                             " narrow the query");
  }
  /* The page of best matches (rerank.c): the best text matches by vp_rank
  ** (with document frequencies when every match is ranked), what they are,
  ** the passages under matching headings, one document not ten times. Then
  ** each hit's passage, document and highlights (a hit through its heading
  ** has no match of its own: its text without marks). */
  vp_rerank_hit *aRr = NULL;
  int nRr = 0;
  if (rc == VP_OK && bByDate) { /* newest first: the matches by date, not reranked */
    sqlite3_stmt *sDate = NULL;
    aRr = calloc((size_t)nLimit, sizeof(*aRr));
    rc = aRr ? vq_prepare(p, zSqlByDate, &sDate, pzErr) : VP_ENOMEM;
    if (rc == VP_OK) sqlite3_bind_text(sDate, 1, zFts, -1, SQLITE_STATIC);
    while (rc == VP_OK && nRr < nLimit && vq_step_row(p, sDate, &rc, pzErr)) {
      aRr[nRr].iPassage = sqlite3_column_int64(sDate, 0);
      aRr[nRr++].bMatch = 1;
    }
    vq_release(p, sDate);
    vq_add_str(pOut, "sort", "date");
  }
  if (rc == VP_OK && !bByDate) {
    vp_rerank_io io = {p, rr_prepare, rr_release};
    int rcSqlite = SQLITE_OK;
    char *zPhrase = NULL;
    if (bEstimate) rc = fts_of(zQuery, 1, &zPhrase, NULL, pzErr);
    vp_docnum aNum[1];
    if (rc == VP_OK && meant.idMeant) cJSON_AddStringToObject(pOut, "instrument_meant", meant.zKey);
    vp_rerank_query q = {zFts, zPhrase, !bEstimate, iLow, vp_qparse_docnums(zQuery, aNum, 1) == 0, zIn,
                         zQuery, pFacetCounts, &meant};
    if (rc == VP_OK)
      rc = vp_rerank_search(&io, &q, nLimit, nOffset, &aRr, &nRr, &rcSqlite, pzErr);

    free(zPhrase);
    if (rc == VP_EDB && *pzErr == NULL) rc = vq_db_fail(p, rcSqlite, pzErr);
  }
  if (rc == VP_OK && pFacetCounts) rc = facets_into(p, pFacetCounts, apFacet, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                    " p.section, p.line, p.start, p.text, p.loc"
                    " FROM passage p JOIN doc d ON d.id = p.doc_id WHERE p.id = ?2",
                    &sRank, pzErr);
  if (rc == VP_OK)
    rc = vq_prepare(p,
                    "SELECT p.id, d.id, d.file, d.province, d.number, d.date, d.title,"
                    " p.section, p.line, p.start, highlight(passage_fts, 0, char(2), char(3)), p.loc"
                    " FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid"
                    " JOIN doc d ON d.id = p.doc_id"
                    " WHERE passage_fts MATCH ?1 AND passage_fts.rowid = ?2",
                    &sHit, pzErr);
  cJSON *aHits = cJSON_CreateArray();
  if (rc == VP_OK) {
    sqlite3_bind_text(sHit, 1, zFts, -1, SQLITE_STATIC);
    sqlite3_bind_text(sRank, 1, zFts, -1, SQLITE_STATIC);
  }
  for (int i = 0; rc == VP_OK && i < nRr; i++) {
    sqlite3_stmt *s = aRr[i].bMatch ? sHit : sRank;
    sqlite3_bind_int64(s, 2, aRr[i].iPassage);
    if (vq_step_row(p, s, &rc, pzErr)) {
      cJSON *h = cJSON_CreateObject();
      cJSON_AddItemToObject(h, "doc", vq_doc_object(s, 1));
      vq_add_num(h, "passage", (double)sqlite3_column_int64(s, 0));
      vq_add_col(h, "section", s, 7);
      vq_add_num(h, "line", sqlite3_column_int(s, 8));
      if (vq_col_text(s, 11)) vq_add_col(h, "loc", s, 11);
      add_highlights(h, vq_col_text(s, 10), sqlite3_column_bytes(s, 10), sqlite3_column_int(s, 9));
      vq_add_num(h, "score", aRr[i].score);
      vp_rerank_hit_json(h, &aRr[i]);
      cJSON_AddItemToArray(aHits, h);
    }
    sqlite3_reset(s);
  }
  vp_rerank_free(aRr, nRr);
  vq_release(p, sRank);
  vq_release(p, sHit);
  vq_read_end(p);
  cJSON_AddStringToObject(pOut, "fts", zFts);
  vq_add_num(pOut, "total", (double)nTotal);
  if (bEstimate) {
    cJSON_AddBoolToObject(pOut, "total_estimated", 1);
    vq_add_num(pOut, "ranked_within", VP_RANK_WINDOW);
  }
  vq_add_num(pOut, "limit", nLimit);
  vq_add_num(pOut, "offset", nOffset);
  cJSON_AddItemToObject(pOut, "hits", aHits);
  if (rc == VP_OK && nTotal == 0 && bSuggest) add_suggestion(p, zQuery, pFilter, pOut);
  free(zFts);
  free(zAlt);
  free(zIn);
  free(zSqlCount);
  free(zSqlByDate);
  free(zCond);
  vp_facets_free(pFacetCounts);
  return vq_finish(rc, pOut, ppOut);
}
