/*
** relax.c — a long query searched for the passages that hold most of its
** words (see vp_relax.h). Its syllables are first put together into words
** the way the index writes them: two syllables side by side are one word
** when passages hold them together often for how often they hold the
** rarer of them ("doanh nghiệp", "gia hạn"; not "nghiệp thiệt" across two
** words); then the commonest words are left out one at a time. Every count
** stops at a cap: the counts only compare.
*/
#include "vp_relax.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_docnum.h"
#include "vp_qparse.h"

#define RELAX_MAX_WORDS 32   /* syllables of a query read at most */
#define RELAX_FREQ_CAP 200000 /* passages counted for a syllable or a word at most */
#define RELAX_PAIR_MIN 5     /* passages that must hold two syllables together */
/* two syllables are one word when passages hold them together at least this
** share of the times they hold the rarer one; typed without diacritics a
** syllable stands for all its spellings (hạn, hàn, hán …), each counted, so
** the share of one word of them is smaller */
#define RELAX_PAIR_SHARE 0.08
#define RELAX_PAIR_SHARE_FOLDED 0.02
/* a weaker bond, this many times below, still binds two syllables that
** neither stronger bond takes ("học thêm": two common syllables); only
** typed with diacritics (without, "khi bo" counts khí bố, khi bộ … too) */
#define RELAX_PAIR_WEAK 8

#define RELAX_COUNT_SQL \
  "SELECT count(*) FROM (SELECT 1 FROM passage_fts WHERE passage_fts MATCH ?1 LIMIT ?2)"

typedef struct relax {
  const vp_rerank_io *io;
  const char *zQuery;
  int aS[RELAX_MAX_WORDS], aE[RELAX_MAX_WORDS]; /* syllables */
  int n;
  int bExact; /* typed with diacritics: every piece counted so */
  sqlite3_stmt *sCount;
  int rc, rcSqlite;
} relax;

/* Passages that the query zTyped (a person's syntax) matches, counted up
** to nCap; -1 when it cannot be translated or on an error (r->rc set). */
static long long count_upto(relax *r, const char *zTyped, int nCap) {
  if (r->rc != VP_OK) return -1;
  char *zFts = NULL, *zErr = NULL;
  if (vp_qparse_to_fts5_exact(zTyped, r->zQuery, r->bExact, &zFts, &zErr) != VP_OK) {
    free(zFts);
    free(zErr); /* our own pieces: one FTS5 cannot take is not counted */
    return -1;
  }
  long long n = -1;
  sqlite3_bind_text(r->sCount, 1, zFts, -1, SQLITE_STATIC);
  sqlite3_bind_int(r->sCount, 2, nCap);
  int src = sqlite3_step(r->sCount);
  if (src == SQLITE_ROW) n = sqlite3_column_int64(r->sCount, 0);
  else if (src != SQLITE_DONE) {
    r->rc = VP_EDB;
    r->rcSqlite = src;
  }
  sqlite3_reset(r->sCount);
  free(zFts);
  return n;
}

static int has_digit(const char *z, int n) {
  for (int i = 0; i < n; i++)
    if (z[i] >= '0' && z[i] <= '9') return 1;
  return 0;
}

/* Syllables [i, j) as typed, quoted when more than one ("\"gia hạn\""),
** appended to *pB after zSep when *pB holds something. */
static void append_piece(const relax *r, vp_buf *pB, int i, int j, const char *zSep, int *pRc) {
  if (pB->n > 0) vp_buf_appends(pB, zSep, pRc);
  if (j - i > 1) vp_buf_append(pB, "\"", 1, pRc);
  vp_buf_append(pB, r->zQuery + r->aS[i], (size_t)(r->aE[j - 1] - r->aS[i]), pRc);
  if (j - i > 1) vp_buf_append(pB, "\"", 1, pRc);
}

/* Syllables [i, j) hold a digit. */
static int word_is_number(const relax *r, int i, int j) {
  return has_digit(r->zQuery + r->aS[i], r->aE[j - 1] - r->aS[i]);
}

/* Passages holding every word not in abOut, counted up to VP_RELAX_MIN;
** -1 on an error. */
static long long count_kept(relax *r, vp_buf *pB, const int *aWordS, const int *aWordE, int nWord,
                            const unsigned char *abOut, int *pRc) {
  pB->n = 0;
  for (int w = 0; w < nWord; w++)
    if (!abOut[w]) append_piece(r, pB, aWordS[w], aWordE[w], " ", pRc);
  vp_buf_append(pB, "", 1, pRc);
  return *pRc == VP_OK ? count_upto(r, pB->z, VP_RELAX_MIN) : -1;
}

static char *take(vp_buf *pB, int rc) {
  char *z = vp_buf_take(pB);
  if (rc != VP_OK) {
    free(z);
    return NULL;
  }
  return z ? z : vp_mprintf("%s", "");
}

int vp_relax(const vp_rerank_io *pIo, const char *zQuery, long long nStrict, char **pzFts,
             char **pzLeftOut, long long *pnFound, int *pRcSqlite, char **pzErr) {
  *pzFts = *pzLeftOut = NULL;
  *pnFound = nStrict;
  *pRcSqlite = SQLITE_OK;
  if (zQuery == NULL || !vp_qparse_is_plain(zQuery)) return VP_OK;
  relax r;
  memset(&r, 0, sizeof(r));
  r.io = pIo;
  r.zQuery = zQuery;
  for (int i = 0; zQuery[i] && r.n < RELAX_MAX_WORDS;) {
    while (zQuery[i] == ' ' || zQuery[i] == '\t') i++;
    if (!zQuery[i]) break;
    r.aS[r.n] = i;
    while (zQuery[i] && zQuery[i] != ' ' && zQuery[i] != '\t') i++;
    r.aE[r.n++] = i;
  }
  for (const char *z = zQuery; *z; z++)
    if ((unsigned char)*z >= 0x80) r.bExact = 1;
  if (r.n < 3) return VP_OK;
  r.rc = pIo->xPrepare(pIo->pCtx, RELAX_COUNT_SQL, &r.sCount, pzErr);
  if (r.rc != VP_OK) return r.rc;
  vp_buf b = {0};
  int rc = VP_OK;
  /* how common each syllable is, and each two side by side */
  long long aOne[RELAX_MAX_WORDS], aTwo[RELAX_MAX_WORDS];
  for (int i = 0; i < RELAX_MAX_WORDS; i++) aOne[i] = aTwo[i] = -1; /* not counted (an error stops it) */
  for (int i = 0; i < r.n && r.rc == VP_OK; i++) {
    b.n = 0;
    append_piece(&r, &b, i, i + 1, "", &rc);
    vp_buf_append(&b, "", 1, &rc); /* NUL */
    aOne[i] = rc == VP_OK ? count_upto(&r, b.z, RELAX_FREQ_CAP) : -1;
  }
  for (int i = 0; i + 1 < r.n && r.rc == VP_OK; i++) {
    b.n = 0;
    append_piece(&r, &b, i, i + 2, "", &rc);
    vp_buf_append(&b, "", 1, &rc);
    aTwo[i] = rc == VP_OK && aOne[i] > 0 && aOne[i + 1] > 0 ? count_upto(&r, b.z, RELAX_FREQ_CAP) : -1;
  }
  /* words: two syllables that passages hold together often enough bind,
  ** the most often first; a syllable bound already takes no second partner
  ** ("dạy thêm, học thêm": not "thêm học", whatever a phrase count that
  ** reads past the comma says) unless both bonds are strong ("y tế xã",
  ** "công nghệ thông tin") */
  double aShare[RELAX_MAX_WORDS];
  int aPair[RELAX_MAX_WORDS], nPair = 0;
  unsigned char abBind[RELAX_MAX_WORDS] = {0}, abStrong[RELAX_MAX_WORDS] = {0};
  double fStrong = r.bExact ? RELAX_PAIR_SHARE : RELAX_PAIR_SHARE_FOLDED;
  for (int i = 0; i + 1 < r.n; i++) {
    long long nRare = aOne[i] < aOne[i + 1] ? aOne[i] : aOne[i + 1];
    aShare[i] = nRare > 0 && aTwo[i] >= RELAX_PAIR_MIN ? (double)aTwo[i] / (double)nRare : 0;
    abStrong[i] = aShare[i] >= fStrong;
    if (aShare[i] >= (r.bExact ? fStrong / RELAX_PAIR_WEAK : fStrong) && !has_digit(zQuery + r.aS[i + 1], r.aE[i + 1] - r.aS[i + 1]) &&
        !has_digit(zQuery + r.aS[i], r.aE[i] - r.aS[i]))
      aPair[nPair++] = i;
  }
  for (int a = 1; a < nPair; a++) { /* the most often together first */
    int v = aPair[a], k = a;
    while (k > 0 && aShare[aPair[k - 1]] < aShare[v]) {
      aPair[k] = aPair[k - 1];
      k--;
    }
    aPair[k] = v;
  }
  for (int a = 0; a < nPair; a++) {
    int i = aPair[a];
    int bLeft = i > 0 && abBind[i - 1], bRight = i + 2 < r.n && abBind[i + 1];
    if ((bLeft && !(abStrong[i] && abStrong[i - 1])) || (bRight && !(abStrong[i] && abStrong[i + 1]))) continue;
    abBind[i] = 1;
  }
  int aWordS[RELAX_MAX_WORDS], aWordE[RELAX_MAX_WORDS], nWord = 0;
  for (int i = 0; i < r.n && r.rc == VP_OK;) {
    int j = i + 1;
    while (j < r.n && abBind[j - 1]) j++;
    aWordS[nWord] = i;
    aWordE[nWord++] = j;
    i = j;
  }
  /* how common each word is; a number is the person's most exact term,
  ** left out only when no passage holds it ("2/9" typed for "02/9"); a
  ** document number written in full ("709/QĐ-TTg") never: a search for it
  ** that finds nothing answers so, not with what holds the other words */
  long long aFreq[RELAX_MAX_WORDS];
  for (int w = 0; w < nWord; w++) aFreq[w] = -1;
  int aOrder[RELAX_MAX_WORDS], nDroppable = 0, aNumber[RELAX_MAX_WORDS], nNumber = 0;
  for (int w = 0; w < nWord && r.rc == VP_OK; w++) {
    int i = aWordS[w], j = aWordE[w];
    if (has_digit(zQuery + r.aS[i], r.aE[j - 1] - r.aS[i])) {
      vp_docnum num;
      if (vp_docnum_at(zQuery, r.aE[j - 1], r.aS[i], &num)) continue;
      if (j - i == 1 && aOne[i] == 0) aOrder[nDroppable++] = w, aFreq[w] = 0;
      else aNumber[nNumber++] = w;
      continue;
    }
    if (j - i == 1) aFreq[w] = aOne[i];
    else if (j - i == 2) aFreq[w] = aTwo[i];
    else {
      b.n = 0;
      append_piece(&r, &b, i, j, "", &rc);
      vp_buf_append(&b, "", 1, &rc);
      aFreq[w] = rc == VP_OK ? count_upto(&r, b.z, RELAX_FREQ_CAP) : -1;
    }
    if (aFreq[w] >= 0) aOrder[nDroppable++] = w;
  }
  /* a word no passage holds first (nothing can match it), then the
  ** commonest; of two as common, the later (the query's head words come
  ** first) */
  for (int w = 0; w < nWord; w++)
    if (aFreq[w] == 0) aFreq[w] = RELAX_FREQ_CAP + 1;
  for (int a = 1; a < nDroppable; a++) {
    int v = aOrder[a], k = a;
    while (k > 0 && (aFreq[aOrder[k - 1]] < aFreq[v] || (aFreq[aOrder[k - 1]] == aFreq[v] && aOrder[k - 1] < v))) {
      aOrder[k] = aOrder[k - 1];
      k--;
    }
    aOrder[k] = v;
  }
  /* a number passages hold last: only when leaving it out finds more ("100
  ** nghìn đồng" typed for "100.000 đồng") */
  int nWordsOnly = nDroppable;
  for (int k = 0; k < nNumber; k++) aOrder[nDroppable++] = aNumber[k];
  int nKeepMin = (nWord + 1) / 2 > 1 ? (nWord + 1) / 2 : 1;
  unsigned char abOut[RELAX_MAX_WORDS] = {0}, abBest[RELAX_MAX_WORDS] = {0};
  long long nBest = nStrict;
  int bBest = 0;
  /* first the commonest words, one at a time, the numbers kept */
  for (int k = 0, nKept = nWord; r.rc == VP_OK && rc == VP_OK && k < nWordsOnly && nKept - 1 >= nKeepMin; k++) {
    abOut[aOrder[k]] = 1;
    nKept--;
    long long nHits = count_kept(&r, &b, aWordS, aWordE, nWord, abOut, &rc);
    if (nHits > nBest) {
      nBest = nHits;
      bBest = 1;
      memcpy(abBest, abOut, sizeof(abBest));
    }
    if (nHits >= VP_RELAX_MIN) break;
  }
  /* when that finds nothing and nothing was found: each step leaves out the commonest word
  ** whose leaving out finds more passages, a number last ("bão lũ" may be
  ** the rarest word of a query and stand only in the heading above the
  ** answer; "100 nghìn đồng" is written "100.000 đồng") */
  memset(abOut, 0, sizeof(abOut));
  for (int nKept = nWord, bSecond = !bBest && nStrict == 0; bSecond && r.rc == VP_OK && rc == VP_OK && nKept - 1 >= nKeepMin; nKept--) {
    int wPick = -1;
    long long nPick = -1;
    for (int k = 0; k < nDroppable && r.rc == VP_OK && rc == VP_OK; k++) {
      int v = aOrder[k];
      if (abOut[v]) continue;
      abOut[v] = 1;
      long long nHits = count_kept(&r, &b, aWordS, aWordE, nWord, abOut, &rc);
      abOut[v] = 0;
      if (nHits > nPick) {
        nPick = nHits;
        wPick = v;
      }
      if (nHits > nBest) break;
    }
    if (wPick < 0 || (nPick <= nBest && word_is_number(&r, aWordS[wPick], aWordE[wPick]))) break;
    abOut[wPick] = 1;
    if (nPick > nBest) {
      nBest = nPick;
      bBest = 1;
      memcpy(abBest, abOut, sizeof(abBest));
    }
    if (nPick >= VP_RELAX_MIN) break;
  }
  pIo->xRelease(pIo->pCtx, r.sCount);
  vp_buf_free(&b);
  if (rc == VP_OK) rc = r.rc;
  if (rc != VP_OK || !bBest) {
    *pRcSqlite = r.rcSqlite;
    return rc;
  }
  *pnFound = nBest;
  /* the kept words required; every word, kept or not, and every syllable,
  ** a phrase of its own beside them, so that ranking counts what a passage
  ** holds */
  vp_buf bKept = {0}, bAny = {0}, bOut = {0};
  for (int w = 0; w < nWord; w++) {
    if (abBest[w]) append_piece(&r, &bOut, aWordS[w], aWordE[w], " ", &rc);
    else append_piece(&r, &bKept, aWordS[w], aWordE[w], " ", &rc);
    append_piece(&r, &bAny, aWordS[w], aWordE[w], " OR ", &rc);
    for (int i = aWordS[w]; aWordE[w] - aWordS[w] > 1 && i < aWordE[w]; i++)
      append_piece(&r, &bAny, i, i + 1, " OR ", &rc);
  }
  char *zKept = take(&bKept, rc), *zAny = take(&bAny, rc), *zOut = take(&bOut, rc);
  char *zFtsKept = NULL, *zFtsAny = NULL, *zErr = NULL;
  if (zKept == NULL || zAny == NULL || zOut == NULL) rc = VP_ENOMEM;
  if (rc == VP_OK && vp_qparse_to_fts5_exact(zKept, zQuery, r.bExact, &zFtsKept, &zErr) == VP_OK &&
      vp_qparse_to_fts5_exact(zAny, zQuery, r.bExact, &zFtsAny, &zErr) == VP_OK) {
    *pzFts = vp_mprintf("(%s) AND (%s)", zFtsKept, zFtsAny);
    *pzLeftOut = zOut;
    zOut = NULL;
    if (*pzFts == NULL) {
      free(*pzLeftOut);
      *pzLeftOut = NULL;
      rc = VP_ENOMEM;
    }
  }
  free(zErr);
  free(zKept);
  free(zAny);
  free(zOut);
  free(zFtsKept);
  free(zFtsAny);
  return rc;
}
