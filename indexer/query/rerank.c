/*
** rerank.c — the second stage of search (see vp_rerank.h): reads what each
** of the best text matches is (its kind, length, heading, task), adds the
** passages under a matching heading, scores them as content, folds equal
** texts, and spreads the page over documents.
*/
#include "vp_rerank.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_facets.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "vp_meant.h"
#include "vp_occur.h"
#include "vp_rank.h"
#include "vp_reader.h"

#define RR_POOL 80       /* text matches read at least */
#define RR_POOL_MAX 2000 /* and at most */
#define RR_EXPAND 8      /* matching headings whose passages are added */
#define RR_CHILDREN 30   /* passages added under one heading */
#define RR_SECOND 0.25   /* a repeat or a document's further hit goes before a first hit under this share of its score */
#define RR_GRAND 0.9     /* of a heading's weight, for the passages under its sub-heading */
#define RR_CHILD_SPAN 120 /* rowids after a heading where its passages are */
#define RR_CONTEXT_MAX 600 /* bytes of a heading shown as context */
#define RR_PHRASE_SHARE 1.7 /* a phrase match's score over its phrase's part */
#define RR_PHRASE_WINDOW 300 /* newest phrase matches read first */
#define RR_ROW_NO_TASK 0.8 /* a table row that gives no task (content_prior) */
#define RR_PERCENT 1.2     /* a passage with a figure in percent (content_prior) */
#define RR_WORD_BROKEN 0.6 /* a passage holding a two-syllable word of the
                           ** query only apart ("trợ cấp xã hội" for "cấp xã") */
#define RR_REFERENCES 0.2  /* an article's list of sources (content_prior) */
/* A passage that is a hit only through its heading weighs by how many of
** the query's words it holds itself: from this share of its score (none)
** to all of it (every word). */
#define RR_CHILD_BASE 0.5
#define RR_OTHER_INSTRUMENT 0.3 /* cites only another instrument of the
                                ** number the query names loosely */
#define RR_TASK_MAX (1.2 * 1.1 * 1.05) /* the most a task adds (content_prior) */
/* each match's token count read by the query (vp_rank.h) */
#define RR_DOCSIZE_JOIN "LEFT JOIN passage_fts_docsize z ON z.id = passage_fts.rowid"

typedef struct cand {
  long long id, doc;
  int seq, parent, kind, nLen; /* nLen: letters (text_len_hash) */
  double match;   /* own text match (vp_rank's score, its tier apart), 0 when none */
  int tier;       /* vp_rank's tier: how close the words stand (3 together);
                  ** 0 and unused for a passage matching only through its heading */
  double inherit; /* the match of the heading it stands under */
  double share;   /* of the query's words, the share it holds (read for a
                  ** passage matching only through its heading, else 1) */
  int bLeadIn;    /* a short passage ending with ':' over the ones below */
  int bQuestion;  /* asks (a FAQ's question titles): names a subject, says nothing */
  int bBasis;     /* "Căn cứ …": a legal basis cited, not what is to be done */
  int bBare;      /* a closing formula ("Trên đây là Kế hoạch …"), a link
                  ** ("Tải về …"), an image's caption: names the subject,
                  ** says nothing of it */
  int bEncyclopedia; /* an encyclopedia's text (footnote numbers, edit
                     ** links): an article about the subject */
  int bReferences; /* an article's list of sources: titles, no text */
  int bCited;     /* the query's words stand only inside cited titles
                  ** ("theo Luật …"): names a law, says nothing of the subject */
  int bPercent;   /* a figure in percent ("đạt 80%"): a target or a result */
  int bWordBroken; /* the query's words apart, one of its two-syllable words
                   ** only apart (vp_occur_words_broken) */
  int bOtherInstrument; /* cites another instrument of the number the query
                        ** names loosely, not the one it means (vp_meant.h) */
  int bTask, nAgency, bDeadline;
  int bContext;   /* a heading with candidates below it */
  unsigned long long hash; /* of its text, spaces and case aside */
  double score;
  int iDupOf;     /* index of the kept passage of the same text, or -1 */
  int nDup;
  int bLater;     /* past its document's first VP_RERANK_PER_DOC hits */
  int bRepeat;    /* the text of a better hit from another document */
} cand;

/* Phrases a passage may open with (a list of data/rank-words.tsv), and the
** lowercase ASCII letters they open with as a bit mask: a passage opening
** with another letter is told apart without folding it. */
typedef struct opening {
  const vp_lexicon_list *pList;
  unsigned mInitial;
} opening;

typedef struct rr {
  const vp_rerank_io *io;
  const vp_occur_query *pOccur; /* the query's words, or NULL */
  const vp_occur_query *pWords; /* the same, one word or more (for the
                                ** share a passage holds), or NULL */
  opening basis;                /* legal-basis heads */
  opening bare;                 /* heads of closing formulas and links */
  cand *a;
  int n, nAlloc;
  int rc, rcSqlite;
  char **pzErr;
} rr;

static int rr_prepare(rr *p, const char *zSql, sqlite3_stmt **pp) {
  if (p->rc != VP_OK) return p->rc;
  p->rc = p->io->xPrepare(p->io->pCtx, zSql, pp, p->pzErr);
  return p->rc;
}

static void rr_release(rr *p, sqlite3_stmt *s) {
  if (s) p->io->xRelease(p->io->pCtx, s);
}

/* 1 for a row, 0 when done or failed (p->rc set). */
static int rr_step(rr *p, sqlite3_stmt *s) {
  if (p->rc != VP_OK) return 0;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) return 1;
  if (rc != SQLITE_DONE) {
    p->rc = VP_EDB;
    p->rcSqlite = rc;
  }
  return 0;
}

static cand *rr_add(rr *p, long long id) {
  if (p->rc != VP_OK) return NULL;
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 256;
    cand *aNew = realloc(p->a, (size_t)nNew * sizeof(cand));
    if (aNew == NULL) {
      p->rc = VP_ENOMEM;
      return NULL;
    }
    p->a = aNew;
    p->nAlloc = nNew;
  }
  cand *c = &p->a[p->n++];
  memset(c, 0, sizeof(*c));
  c->id = id;
  c->iDupOf = -1;
  c->parent = -1;
  return c;
}

/* vp_rank's value: tier * VP_RANK_TIER + score. */
static void set_match(cand *c, double v, double share) {
  int tier = (int)(v / VP_RANK_TIER);
  if (tier < 0) tier = 0;
  if (tier > 3) tier = 3;
  c->tier = tier;
  c->match = share * (v - tier * VP_RANK_TIER);
  if (c->match <= 0) c->match = 1e-6;
}

static int is_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The length of the list marks at the start of z: "- ", "+ ", "1. ",
** "1.2.", "a) ", "(1) ", "(ii) ", and the spaces around them; 0 when none.
** "100% …" keeps its number: it is no label. */
static int list_mark_len(const unsigned char *z, int n) {
  int i = 0;
  for (;;) {
    while (i < n && (z[i] == ' ' || z[i] == '\t' || z[i] == '\n' || z[i] == '\r' || z[i] == '-' ||
                     z[i] == '+' || z[i] == '*' || z[i] == '('))
      i++;
    int k = i;
    while (k < n && ((z[k] >= '0' && z[k] <= '9') || z[k] == '.')) k++;
    if (k > i && (z[k - 1] == '.' || (k < n && z[k] == ')'))) {
      i = k < n && z[k] == ')' ? k + 1 : k;
      continue;
    }
    k = i;
    while (k < n && k - i < 5 && ((z[k] >= 'a' && z[k] <= 'z') || (z[k] >= 'A' && z[k] <= 'Z'))) k++;
    if (k > i && k - i <= 4 && k < n && (z[k] == ')' || z[k] == '.')) {
      i = k + 1;
      continue;
    }
    return i;
  }
}

/* In one pass over the text: its letters, however it is encoded (code
** points, less combining diacritics U+0300..U+036F, NFD, and carriage
** returns, so an NFD or CRLF copy of a passage weighs what the NFC one
** does), and an FNV-1a hash of its letters and digits after its list mark,
** ASCII case aside (the same sentence as "1. …", "- …" or "(1) …", with its
** spaces, line breaks or punctuation written otherwise, is the same text). */
static void text_len_hash(const unsigned char *z, int n, int *pnLen, unsigned long long *pHash) {
  unsigned long long h = 1469598103934665603ULL;
  int nLen = 0, iMark = list_mark_len(z, n);
  for (int i = 0; i < n; i++) {
    unsigned char c = z[i];
    if (c < 0x80) {
      if (c != '\r') nLen++;
      if (i < iMark || !is_alnum(c)) continue;
      if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    } else if (c >= 0xC0 && c != 0xCC && !(c == 0xCD && i + 1 < n && z[i + 1] <= 0xAF)) {
      nLen++; /* a code point's first byte, not a combining diacritic's */
    }
    if (i >= iMark) h = (h ^ c) * 1099511628211ULL;
  }
  *pnLen = nLen;
  *pHash = h;
}

/* A figure in percent: a digit, maybe a space, then '%' ("80%", "100 %"). */
static int has_percent(const unsigned char *z, int n) {
  for (const unsigned char *p = n > 1 ? memchr(z + 1, '%', (size_t)(n - 1)) : NULL; p;
       p = p + 1 < z + n ? memchr(p + 1, '%', (size_t)(z + n - p - 1)) : NULL) {
    const unsigned char *q = p - 1;
    if (*q == ' ' && q > z) q--;
    if (*q >= '0' && *q <= '9') return 1;
  }
  return 0;
}

static int ends_with_colon(const unsigned char *z, int n) {
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\n' || z[n - 1] == '\r' || z[n - 1] == '\t' ||
                   z[n - 1] == '*'))
    n--;
  return n > 0 && z[n - 1] == ':';
}

static opening opening_of(const char *zList) {
  opening o = {vp_lexicon_get("rank-words.tsv", zList), 0};
  for (int e = 0; e < vp_lexicon_count(o.pList); e++) {
    unsigned char c = (unsigned char)vp_lexicon_entry_at(o.pList, e)->zFold[0];
    o.mInitial |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : ~0u;
  }
  return o;
}

/* Whether the passage opens, after any list mark and however it is
** spelled (folded), with a phrase of pO: a legal basis ("Căn cứ Luật …;",
** "- Căn cứ Nghị định …"), a closing formula ("Trên đây là Kế hoạch …"). */
static int opens_with(const char *z, int n, const opening *pO) {
  int i = 0;
  while (i < n && !((z[i] >= 'a' && z[i] <= 'z') || (z[i] >= 'A' && z[i] <= 'Z') || (z[i] & 0x80))) i++;
  if (i < n && !(z[i] & 0x80) && !(pO->mInitial & (1u << ((z[i] | 0x20) - 'a')))) return 0;
  char *zF = vp_fold_str(z, n < 48 ? n : 48);
  int bYes = 0;
  if (zF) {
    int k = 0, nF = (int)strlen(zF);
    while (k < nF && !(zF[k] >= 'a' && zF[k] <= 'z')) k++;
    bYes = vp_lexicon_match_at(pO->pList, zF, nF, k, NULL) != NULL;
  }
  free(zF);
  return bYes;
}

/* Whether z (NUL-terminated, as SQLite ends a text) holds a phrase of the
** list zList of data/rank-words.tsv as written. */
static int holds_mark(const char *z, const char *zList) {
  const vp_lexicon_list *pMark = vp_lexicon_get("rank-words.tsv", zList);
  for (int e = 0; e < vp_lexicon_count(pMark); e++)
    if (strstr(z, vp_lexicon_entry_at(pMark, e)->zPhrase)) return 1;
  return 0;
}

/* An encyclopedia's text: a footnote number in brackets after some words
** ("… năm 2015.[204]"; "[1] …" opening a passage is a label), or one of the
** encyclopedia marks of data/rank-words.tsv, as written. */
static int is_encyclopedia(const unsigned char *z, int n) {
  for (const unsigned char *pB = n > 3 ? memchr(z + 1, '[', (size_t)(n - 3)) : NULL; pB;
       pB = (pB - z) + 3 < n ? memchr(pB + 1, '[', (size_t)(n - 3 - (pB - z))) : NULL) {
    int i = (int)(pB - z);
    if (z[i - 1] == ' ' || z[i - 1] == '\n') continue;
    int k = i + 1;
    while (k < n && k - i <= 3 && z[k] >= '0' && z[k] <= '9') k++;
    if (k > i + 1 && k < n && z[k] == ']') return 1;
  }
  return holds_mark((const char *)z, "encyclopedia-mark");
}

/* An article's list of sources: two footnote carets opening entries
** ("^  “Tiêu đề”. Báo …  ^  Tác giả 2001, tr. 107"), or a mark of
** data/rank-words.tsv ("Truy cập ngày", "Lưu trữ bản gốc"), as written. */
static int is_reference_list(const unsigned char *z, int n) {
  int nCaret = 0;
  for (const unsigned char *pC = memchr(z, '^', (size_t)n); pC && nCaret < 2;
       pC = pC + 1 < z + n ? memchr(pC + 1, '^', (size_t)(z + n - pC - 1)) : NULL)
    if ((pC == z || pC[-1] == ' ' || pC[-1] == '\n') && pC + 1 < z + n && pC[1] == ' ') nCaret++;
  return nCaret >= 2 || holds_mark((const char *)z, "reference-mark");
}

/* What the passage is, from its row. */
static void load_meta(rr *p, sqlite3_stmt *sP, cand *c) {
  sqlite3_bind_int64(sP, 1, c->id);
  if (rr_step(p, sP)) {
    c->doc = sqlite3_column_int64(sP, 0);
    c->seq = sqlite3_column_int(sP, 1);
    c->kind = sqlite3_column_int(sP, 2);
    c->parent = sqlite3_column_type(sP, 3) == SQLITE_NULL ? -1 : sqlite3_column_int(sP, 3);
    const unsigned char *z = sqlite3_column_text(sP, 4);
    int n = sqlite3_column_bytes(sP, 4);
    text_len_hash(z ? z : (const unsigned char *)"", n, &c->nLen, &c->hash);
    c->bLeadIn = c->nLen < 250 && z && ends_with_colon(z, n);
    c->bQuestion = z && memchr(z, '?', (size_t)n) != NULL;
    c->bBasis = z && opens_with((const char *)z, n, &p->basis);
    c->bBare = z && (opens_with((const char *)z, n, &p->bare) || holds_mark((const char *)z, "caption-mark"));
    c->bEncyclopedia = z && is_encyclopedia(z, n);
    c->bReferences = z && is_reference_list(z, n);
    c->bPercent = z && has_percent(z, n);
    c->share = 1.0;
    if (p->pWords && z && c->match <= 0) {
      c->share = vp_occur_share_in(p->pWords, (const char *)z, n);
      if (c->share < 0) p->rc = VP_ENOMEM;
    }
    /* only a passage whose words stand together can hold the term */
    vp_occur_count o = {0, 0, 0};
    if (p->pOccur && z && c->match > 0 && c->tier == 3 &&
        vp_occur_count_in(p->pOccur, (const char *)z, n, &o) != VP_OK)
      p->rc = VP_ENOMEM;
    /* the words stand in order only across a clause break, or as another
    ** term ("… xã hội số 58/2014"): near, not together */
    if (c->match > 0 && c->tier == 3 && o.nTerm == 0 && o.nBroken > 0) c->tier = 1;
    c->bCited = o.nTerm > 0 && o.nCited == o.nTerm;
    /* apart, the query's words should at least stand whole ("chuyển đổi số
    ** cấp xã": "cấp xã", not "trợ cấp xã hội") */
    if (p->pOccur && z && c->match > 0 && c->tier < 3) {
      int nBroken = vp_occur_words_broken(p->pOccur, (const char *)z, n);
      if (nBroken < 0) p->rc = VP_ENOMEM;
      c->bWordBroken = nBroken > 0;
    }
  }
  sqlite3_reset(sP);
}

/* Candidate c gives a task (its first), with a deadline or not; its
** agencies counted through sA (task_agency by task id). */
static void take_task(rr *p, cand *c, sqlite3_stmt *sA, int bDeadline, long long idTask) {
  c->bTask = 1;
  c->bDeadline = bDeadline;
  sqlite3_bind_int64(sA, 1, idTask);
  if (rr_step(p, sA)) c->nAgency = sqlite3_column_int(sA, 0);
  sqlite3_reset(sA);
}

/* Whether the wanted candidates of one document (aIdx: their indexes in
** p->a) give a task, with agencies, with a deadline: one look through the
** document's tasks for all of them; SQLite passes on only the tasks of
** passages between the first and the last candidate, each checked against
** those few candidates. */
static void load_tasks(rr *p, sqlite3_stmt *sT, sqlite3_stmt *sA, long long doc,
                       const int *aIdx, int nIdx) {
  long long idMin = p->a[aIdx[0]].id, idMax = idMin;
  for (int k = 1; k < nIdx; k++) {
    if (p->a[aIdx[k]].id < idMin) idMin = p->a[aIdx[k]].id;
    if (p->a[aIdx[k]].id > idMax) idMax = p->a[aIdx[k]].id;
  }
  sqlite3_bind_int64(sT, 1, doc);
  sqlite3_bind_int64(sT, 2, idMin);
  sqlite3_bind_int64(sT, 3, idMax);
  while (rr_step(p, sT)) {
    long long idP = sqlite3_column_int64(sT, 0);
    for (int k = 0; k < nIdx; k++) {
      cand *c = &p->a[aIdx[k]];
      if (c->id != idP || c->bTask) continue;
      /* agencies counted for the candidates' tasks only, not the document's */
      take_task(p, c, sA, sqlite3_column_int(sT, 1), sqlite3_column_int64(sT, 2));
    }
  }
  sqlite3_reset(sT);
}

static int cmp_id(const void *pA, const void *pB) {
  const cand *a = pA, *b = pB;
  return a->id < b->id ? -1 : a->id > b->id;
}

static int find_id(const cand *a, int n, long long id) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (a[mid].id == id) return mid;
    if (a[mid].id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

static int is_heading(const cand *c) {
  return c->kind == VP_P_HEADING || (c->bLeadIn && c->kind != VP_P_ROW);
}

/* How much a passage says, whatever it matches: 1 for a paragraph or item
** of some length, less for a short one, a heading, a table's head, a
** signature, a table row that gives no task (an entry of a catalogue or a
** list: a procedure's name, a unit, a zone); more for a figure in percent
** (a target, a result), for a task, with agencies, with a deadline; far
** less for an article's list of sources. */
static double content_prior(const cand *c) {
  double w;
  switch (c->kind) {
    case VP_P_SIGNATURE:
    case VP_P_RECIPIENT: w = 0.1; break;
    case VP_P_TABLE_HEAD: w = 0.25; break;
    case VP_P_HEADING: w = 0.4; break;
    default:
      w = c->nLen < 40 ? 0.4 : c->nLen < 80 ? 0.6 : c->nLen < 150 ? 0.8 : 1.0;
      if (c->bLeadIn && w > 0.5) w = 0.5;
      if (c->kind == VP_P_ROW && !c->bTask) w *= RR_ROW_NO_TASK;
      if (c->bPercent) w *= RR_PERCENT;
  }
  if (c->bQuestion || c->bBare) w *= 0.5;
  if (c->bBasis) w *= 0.4;
  if (c->bCited) w *= 0.4;
  if (c->bEncyclopedia) w *= 0.5;
  if (c->bReferences) w *= RR_REFERENCES;
  if (c->bOtherInstrument) w *= RR_OTHER_INSTRUMENT;
  if (c->bWordBroken) w *= RR_WORD_BROKEN;
  if (c->bTask) {
    w *= 1.2;
    if (c->nAgency > 0) w *= 1.1;
    if (c->bDeadline) w *= 1.05;
  }
  if (c->bContext) w *= 0.5;
  return w;
}

static int cmp_score(const void *pA, const void *pB) {
  const cand *a = pA, *b = pB;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  return a->id > b->id ? -1 : a->id < b->id; /* newer first, as before */
}

/* A match read by the scan that counts facets too, before the best are kept. */
typedef struct scored { long long id; double s; } scored;

static int cmp_scored(const void *pA, const void *pB) {
  const scored *a = pA, *b = pB;
  if (a->s != b->s) return a->s > b->s ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id; /* as SQLite's sorter keeps ties */
}

/* Every match, scored, its facets counted on the way (q->pFacets); the
** nPool best kept as candidates: one pass where two would read each
** match's passage. */
static void scan_all(rr *p, const vp_rerank_query *q, const char *zF, int nPool) {
  char *zSql = vp_mprintf("SELECT vp_rank(passage_fts, ?2, z.sz), " VP_FACETS_COLUMNS
                          " FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid"
                          " " RR_DOCSIZE_JOIN " WHERE passage_fts MATCH ?1%s", zF);
  sqlite3_stmt *s = NULL;
  if (zSql == NULL) p->rc = VP_ENOMEM;
  else rr_prepare(p, zSql, &s);
  free(zSql);
  scored *a = NULL;
  int n = 0, nAlloc = 0;
  if (p->rc == VP_OK) {
    sqlite3_bind_text(s, 1, q->zFts, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, q->bIdf);
  }
  while (rr_step(p, s)) {
    vp_facets_add(q->pFacets, s, 1);
    long long id = sqlite3_column_int64(s, 2);
    if (n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 256;
      scored *aNew = realloc(a, sizeof(scored) * (size_t)nAlloc);
      if (aNew == NULL) {
        p->rc = VP_ENOMEM;
        break;
      }
      a = aNew;
    }
    a[n].id = id;
    a[n++].s = sqlite3_column_double(s, 0);
  }
  rr_release(p, s);
  if (p->rc == VP_OK && n > 1) qsort(a, (size_t)n, sizeof(scored), cmp_scored);
  for (int i = 0; p->rc == VP_OK && i < n && i < nPool; i++) {
    cand *c = rr_add(p, a[i].id);
    if (c) set_match(c, a[i].s, 1.0);
  }
  free(a);
}

/* Candidates: the best text matches, what they are, and the passages under
** the best matching headings. */
static void gather(rr *p, const vp_rerank_query *q, int nPool) {
  sqlite3_stmt *sPool = NULL, *sP = NULL, *sKids = NULL;
  const char *zF = q->zFilter ? q->zFilter : "";
  char *zSql = NULL;
  if (q->pFacets && q->iLow == 0) {
    scan_all(p, q, zF, nPool);
  } else {
    zSql = vp_mprintf("SELECT passage_fts.rowid, vp_rank(passage_fts, ?3, z.sz) AS s"
                      " FROM passage_fts " RR_DOCSIZE_JOIN
                      " WHERE passage_fts MATCH ?1 AND passage_fts.rowid >= ?4%s ORDER BY s DESC LIMIT ?2", zF);
    if (zSql == NULL) p->rc = VP_ENOMEM;
    else rr_prepare(p, zSql, &sPool);
    free(zSql);
    if (p->rc == VP_OK) {
      sqlite3_bind_text(sPool, 1, q->zFts, -1, SQLITE_STATIC);
      sqlite3_bind_int(sPool, 2, nPool);
      sqlite3_bind_int(sPool, 3, q->bIdf);
      sqlite3_bind_int64(sPool, 4, q->iLow);
    }
    while (rr_step(p, sPool)) {
      cand *c = rr_add(p, sqlite3_column_int64(sPool, 0));
      if (c) set_match(c, sqlite3_column_double(sPool, 1), 1.0);
    }
    rr_release(p, sPool);
    sPool = NULL;
  }
  rr_prepare(p, "SELECT doc_id, seq, kind, parent, text FROM passage WHERE id = ?1", &sP);
  rr_prepare(p, "SELECT id FROM passage WHERE id > ?1 AND id <= ?1 + " VP_STR(RR_CHILD_SPAN)
                " AND doc_id = ?2 AND parent = ?3 LIMIT " VP_STR(RR_CHILDREN), &sKids);
  /* Too many matches to rank them all: the window of the newest matches
  ** may hold few passages with the words together, and not the best; those
  ** come also from their own newest RR_PHRASE_WINDOW. Scored on the phrase
  ** alone, they get the share the words' own instances would add
  ** (RR_PHRASE_SHARE). */
  if (q->zPhrase && q->iLow > 0) {
    int nFull = p->n;
    zSql = vp_mprintf("SELECT rowid, s FROM (SELECT passage_fts.rowid AS rowid,"
                      " vp_rank(passage_fts, 0, z.sz) AS s"
                      " FROM passage_fts " RR_DOCSIZE_JOIN
                      " WHERE passage_fts MATCH ?1%s ORDER BY passage_fts.rowid DESC LIMIT " VP_STR(RR_PHRASE_WINDOW) ")"
                      " ORDER BY s DESC LIMIT ?2", zF);
    if (zSql == NULL) p->rc = VP_ENOMEM;
    else rr_prepare(p, zSql, &sPool);
    free(zSql);
    if (p->rc == VP_OK) {
      sqlite3_bind_text(sPool, 1, q->zPhrase, -1, SQLITE_STATIC);
      sqlite3_bind_int(sPool, 2, nPool);
    }
    while (rr_step(p, sPool)) {
      long long id = sqlite3_column_int64(sPool, 0);
      int bHave = 0;
      for (int k = 0; k < nFull && !bHave; k++) bHave = p->a[k].id == id;
      if (bHave) continue;
      cand *c = rr_add(p, id);
      if (c) set_match(c, sqlite3_column_double(sPool, 1), RR_PHRASE_SHARE);
    }
    rr_release(p, sPool);
  }
  for (int i = 0; p->rc == VP_OK && i < p->n; i++) load_meta(p, sP, &p->a[i]);
  /* the passages under the best matching headings (in match order, as
  ** read): the words together, or, a tier down, near (a long query's words
  ** in a long article heading: "xử lý đối với các cơ sở không đảm bảo
  ** yêu cầu về phòng cháy, chữa cháy") */
  int nMatched = p->n, nExp = 0;
  double aBest[4] = {0, 0, 0, 0}; /* by tier */
  int top = 0;
  for (int i = 0; i < nMatched; i++) {
    if (p->a[i].tier > top) top = p->a[i].tier;
    if (p->a[i].match > aBest[p->a[i].tier]) aBest[p->a[i].tier] = p->a[i].match;
  }
  for (int i = 0; p->rc == VP_OK && q->bExpand && i < nMatched && nExp < RR_EXPAND; i++) {
    const cand *h = &p->a[i];
    if (!is_heading(h) || h->tier < top - 1 || h->match < 0.5 * aBest[h->tier]) continue;
    nExp++;
    long long idH = p->a[i].id, doc = p->a[i].doc;
    int seq = p->a[i].seq;
    sqlite3_bind_int64(sKids, 1, idH);
    sqlite3_bind_int64(sKids, 2, doc);
    sqlite3_bind_int(sKids, 3, seq);
    long long aKid[RR_CHILDREN];
    int nKid = 0;
    while (rr_step(p, sKids) && nKid < RR_CHILDREN) aKid[nKid++] = sqlite3_column_int64(sKids, 0);
    sqlite3_reset(sKids);
    int nFrom = p->n;
    for (int k = 0; k < nKid; k++) {
      int bHave = 0;
      for (int j = 0; j < p->n && !bHave; j++) bHave = p->a[j].id == aKid[k];
      if (bHave) continue;
      cand *c = rr_add(p, aKid[k]);
      if (c) load_meta(p, sP, c);
    }
    /* a level down: the passages under a sub-heading of the matching one
    ** ("Điều kiện mua nhà ở xã hội …" / "Điều kiện về nhà ở" / "(1)
    ** Trường hợp chưa có nhà ở …"), as many again at most */
    int nTo = p->n, nGrand = 0;
    for (int k = nFrom; p->rc == VP_OK && k < nTo && nGrand < RR_CHILDREN; k++) {
      if (!is_heading(&p->a[k])) continue;
      sqlite3_bind_int64(sKids, 1, p->a[k].id);
      sqlite3_bind_int64(sKids, 2, doc);
      sqlite3_bind_int(sKids, 3, p->a[k].seq);
      nKid = 0;
      while (rr_step(p, sKids) && nKid < RR_CHILDREN - nGrand) aKid[nKid++] = sqlite3_column_int64(sKids, 0);
      sqlite3_reset(sKids);
      for (int m = 0; m < nKid; m++) {
        int bHave = 0;
        for (int j = 0; j < p->n && !bHave; j++) bHave = p->a[j].id == aKid[m];
        if (bHave) continue;
        cand *c = rr_add(p, aKid[m]);
        if (c) load_meta(p, sP, c);
        nGrand++;
      }
    }
  }
  rr_release(p, sP);
  rr_release(p, sKids);
}

/* The candidates that cite another instrument of the number the query
** names loosely and not the one it means (q->pMeant): one citation lookup
** each. */
static void mark_other_instrument(rr *p, const vp_meant *pM) {
  if (pM == NULL || pM->idMeant == 0 || (pM->nOther == 0 && !pM->bDated)) return;
  sqlite3_stmt *s = NULL;
  /* the passage's citations, and its heading's */
  rr_prepare(p, "SELECT instrument_id, passage_id = ?1 FROM citation WHERE passage_id IN (?1, ?2)", &s);
  for (int i = 0; p->rc == VP_OK && i < p->n; i++) {
    cand *c = &p->a[i];
    int bMeant = 0, bOther = 0;
    sqlite3_bind_int64(s, 1, c->id);
    sqlite3_bind_int64(s, 2, c->parent >= 0 ? c->id - c->seq + c->parent : c->id);
    while (rr_step(p, s)) {
      long long id = sqlite3_column_int64(s, 0);
      bMeant |= id == pM->idMeant;
      for (int k = 0; sqlite3_column_int(s, 1) && k < pM->nOther; k++) bOther |= id == pM->aOther[k];
    }
    sqlite3_reset(s);
    /* a year typed: holding the number ("9/2025") without the instrument
    ** (nor under a heading citing it) is a date or another thing */
    c->bOtherInstrument = !bMeant && (bOther || (pM->bDated && c->match > 0));
  }
  rr_release(p, s);
}

/* Weight of each tier (vp_rank.h): the words together and in order first,
** then near, then apart; content can lift a near passage over a bare
** mention of the phrase, not a passage with the words apart. */
static const double aTierW[4] = {0.25, 0.35, 0.45, 1.0};

/* Scores, in place: the heading relations, then content times match, the
** match measured against the best of its tier. */
static void score_all(rr *p) {
  if (p->n == 0) return;
  double aBest[4] = {0, 0, 0, 0};
  for (int i = 0; i < p->n; i++)
    if (p->a[i].match > aBest[p->a[i].tier]) aBest[p->a[i].tier] = p->a[i].match;
  for (int t = 0; t < 4; t++)
    if (aBest[t] <= 0) aBest[t] = 1;
  qsort(p->a, (size_t)p->n, sizeof(cand), cmp_id);
  for (int i = 0; i < p->n; i++) {
    cand *c = &p->a[i];
    if (c->parent < 0) continue;
    int j = find_id(p->a, p->n, c->id - c->seq + c->parent);
    if (j < 0 || !is_heading(&p->a[j])) continue;
    double wUp = 1.0;
    if (p->a[j].match <= 0) { /* a sub-heading that does not match: its heading's */
      const cand *s = &p->a[j];
      j = s->parent >= 0 ? find_id(p->a, p->n, s->id - s->seq + s->parent) : -1;
      if (j < 0 || !is_heading(&p->a[j]) || p->a[j].match <= 0) continue;
      wUp = RR_GRAND;
    }
    const cand *h = &p->a[j];
    /* a heading naming another instrument of the number does not make
    ** its passages about the one meant */
    c->inherit = wUp * aTierW[h->tier] * h->match / aBest[h->tier] *
                 (h->bOtherInstrument ? RR_OTHER_INSTRUMENT : 1.0);
    p->a[j].bContext = 1;
  }
  for (int i = 0; i < p->n; i++) {
    cand *c = &p->a[i];
    double m = c->match > 0 ? aTierW[c->tier] * c->match / aBest[c->tier] : 0;
    double h = c->inherit;
    double rel = (m > h ? m : h) + 0.25 * (m < h ? m : h);
    if (c->match <= 0) rel *= RR_CHILD_BASE + (1.0 - RR_CHILD_BASE) * c->share;
    c->score = rel * content_prior(c);
  }
  qsort(p->a, (size_t)p->n, sizeof(cand), cmp_score);
}

/* The tasks of the candidates that can reach the first nNeed places once
** a task's weight is counted (not for all of them), read one document at a
** time, then the scores again. */
static void add_tasks(rr *p, int nNeed) {
  if (p->n == 0) return;
  /* a task can lift a passage by RR_TASK_MAX, a row by that and its own
  ** weight back: who scores below that under the nNeed-th cannot reach it */
  double floor = p->a[(nNeed < p->n ? nNeed : p->n) - 1].score / RR_TASK_MAX;
  double floorRow = floor * RR_ROW_NO_TASK;
  int nWant = 0;
  while (nWant < p->n && p->a[nWant].score >= floorRow) nWant++;
  /* aIdx: a document's wanted candidates; aDone: its document read already */
  int *aIdx = malloc(sizeof(int) * (size_t)(nWant + 1));
  unsigned char *aDone = calloc((size_t)nWant + 1, 1);
  if (aIdx == NULL || aDone == NULL) {
    free(aIdx);
    free(aDone);
    p->rc = VP_ENOMEM;
    return;
  }
  sqlite3_stmt *sT = NULL, *sA = NULL, *sI = NULL;
  rr_prepare(p, "SELECT count(*) FROM task_agency WHERE task_id = ?1", &sA);
  /* an index on task(passage_id) (every index built since it was added):
  ** a candidate's tasks are one lookup; without it, a document's tasks
  ** are read once for all its candidates */
  rr_prepare(p, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'task_passage'", &sI);
  int bByPassage = rr_step(p, sI);
  if (sI) sqlite3_reset(sI);
  rr_release(p, sI);
  if (bByPassage)
    rr_prepare(p, "SELECT coalesce(deadline, '') <> '', id FROM task WHERE passage_id = ?1", &sT);
  else
    rr_prepare(p, "SELECT passage_id, coalesce(deadline, '') <> '', id FROM task"
                  " WHERE doc_id = ?1 AND passage_id BETWEEN ?2 AND ?3", &sT);
  int bAny = 0;
  for (int i = 0; p->rc == VP_OK && i < nWant; i++) {
    if (bByPassage) {
      cand *c = &p->a[i];
      if (c->score < floor && c->kind != VP_P_ROW) continue;
      sqlite3_bind_int64(sT, 1, c->id);
      if (rr_step(p, sT)) /* its first task, as a document's read gives it */
        take_task(p, c, sA, sqlite3_column_int(sT, 0), sqlite3_column_int64(sT, 1));
      sqlite3_reset(sT);
    } else if (!aDone[i]) {
      int nIdx = 0;
      for (int j = i; j < nWant; j++)
        if (p->a[j].doc == p->a[i].doc) {
          aDone[j] = 1;
          aIdx[nIdx++] = j;
        }
      load_tasks(p, sT, sA, p->a[i].doc, aIdx, nIdx);
    }
    bAny |= p->a[i].bTask;
  }
  rr_release(p, sT);
  rr_release(p, sA);
  free(aIdx);
  free(aDone);
  if (bAny && p->rc == VP_OK) score_all(p);
}

/* Equal texts of one document folded into the first; each document's
** first hits, then the texts already shown by a better hit of another
** document (two provinces may write the same sentence: both stay answers,
** but a page of ten copies tells nothing), then each document's further
** hits. Returns the order as indexes into p->a (caller frees). */
static int *arrange(rr *p, int *pnOut) {
  int *aOrder = malloc(sizeof(int) * (size_t)(p->n + 1));
  long long *aDoc = malloc(sizeof(long long) * (size_t)(p->n + 1));
  int *aCnt = malloc(sizeof(int) * (size_t)(p->n + 1));
  int nDoc = 0, nOut = 0;
  if (aOrder == NULL || aDoc == NULL || aCnt == NULL) {
    free(aOrder);
    free(aDoc);
    free(aCnt);
    p->rc = VP_ENOMEM;
    return NULL;
  }
  for (int i = 0; i < p->n; i++) {
    cand *c = &p->a[i];
    for (int j = 0; j < i; j++) {
      /* the same text twice in one document (a summary and its body) is
      ** one hit; the same sentence in two provinces' plans is two answers */
      if (p->a[j].iDupOf < 0 && p->a[j].hash == c->hash && p->a[j].doc == c->doc) {
        c->iDupOf = j;
        p->a[j].nDup++;
        break;
      }
    }
    if (c->iDupOf >= 0) continue;
    for (int j = 0; j < i && !c->bRepeat; j++)
      c->bRepeat = p->a[j].iDupOf < 0 && !p->a[j].bRepeat && p->a[j].hash == c->hash;
    if (c->bRepeat) continue;
    int d = 0;
    while (d < nDoc && aDoc[d] != c->doc) d++;
    if (d == nDoc) {
      aDoc[nDoc] = c->doc;
      aCnt[nDoc++] = 0;
    }
    c->bLater = aCnt[d]++ >= VP_RERANK_PER_DOC;
  }
  /* the first hits in score order; a repeat or a document's further hit
  ** goes before one that scores under RR_SECOND of its own score (a stray
  ** match far below: a page of two documents' good passages is better than
  ** their three each and noise), else after all of them, repeats first */
  int iRep = 0, iLat = 0;
  for (int i = 0; i <= p->n; i++) {
    int bFirst = i < p->n && p->a[i].iDupOf < 0 && !p->a[i].bLater && !p->a[i].bRepeat;
    if (i < p->n && !bFirst) continue;
    for (;;) {
      while (iRep < p->n && (p->a[iRep].iDupOf >= 0 || !p->a[iRep].bRepeat)) iRep++;
      while (iLat < p->n && (p->a[iLat].iDupOf >= 0 || !p->a[iLat].bLater || p->a[iLat].bRepeat)) iLat++;
      int k = iRep < p->n && (iLat >= p->n || p->a[iRep].score >= p->a[iLat].score) ? iRep : iLat;
      if (k >= p->n || i == p->n || RR_SECOND * p->a[k].score <= p->a[i].score) break;
      aOrder[nOut++] = k;
      if (k == iRep) iRep++;
      else iLat++;
    }
    if (i < p->n) aOrder[nOut++] = i;
  }
  for (; iRep < p->n; iRep++)
    if (p->a[iRep].iDupOf < 0 && p->a[iRep].bRepeat) aOrder[nOut++] = iRep;
  for (; iLat < p->n; iLat++)
    if (p->a[iLat].iDupOf < 0 && p->a[iLat].bLater && !p->a[iLat].bRepeat) aOrder[nOut++] = iLat;
  free(aDoc);
  free(aCnt);
  *pnOut = nOut;
  return aOrder;
}

static void load_context(rr *p, sqlite3_stmt *sCtx, const cand *c, vp_rerank_hit *h) {
  if (c->parent < 0) return;
  sqlite3_bind_int64(sCtx, 1, c->id - c->seq + c->parent);
  if (rr_step(p, sCtx)) {
    const char *z = (const char *)sqlite3_column_text(sCtx, 0);
    int n = sqlite3_column_bytes(sCtx, 0);
    if (z && n > 0 && n <= RR_CONTEXT_MAX) {
      h->zContext = vp_strndup(z, n);
      h->nContext = h->zContext ? n : 0;
    }
  }
  sqlite3_reset(sCtx);
}

int vp_rerank_search(const vp_rerank_io *pIo, const vp_rerank_query *q, int nLimit,
                     int nOffset, vp_rerank_hit **paHit, int *pnHit, int *pRcSqlite,
                     char **pzErr) {
  *paHit = NULL;
  *pnHit = 0;
  *pRcSqlite = SQLITE_OK;
  rr r = {.io = pIo, .pzErr = pzErr, .basis = opening_of("basis-head"), .bare = opening_of("bare-head")};
  vp_occur_query *pOccur = NULL;
  vp_occur_query *pWords = NULL;
  r.rc = vp_occur_query_new(q->zQuery, &pOccur);
  r.pOccur = pOccur;
  if (r.rc == VP_OK) r.rc = vp_occur_words_new(q->zQuery, &pWords);
  r.pWords = pWords;
  int nPool = 3 * (nOffset + nLimit);
  if (nPool < RR_POOL) nPool = RR_POOL;
  if (nPool > RR_POOL_MAX) nPool = RR_POOL_MAX;
  if (r.rc == VP_OK) gather(&r, q, nPool);
  if (r.rc == VP_OK) mark_other_instrument(&r, q->pMeant);
  int nOrder = 0, *aOrder = NULL;
  if (r.rc == VP_OK) score_all(&r);
  if (r.rc == VP_OK) add_tasks(&r, 3 * (nOffset + nLimit));
  if (r.rc == VP_OK) aOrder = arrange(&r, &nOrder);
  vp_rerank_hit *aHit = NULL;
  int nHit = 0;
  if (r.rc == VP_OK && nOffset < nOrder) {
    int nWant = nOrder - nOffset < nLimit ? nOrder - nOffset : nLimit;
    aHit = calloc((size_t)nWant, sizeof(*aHit));
    if (aHit == NULL) r.rc = VP_ENOMEM;
    sqlite3_stmt *sCtx = NULL;
    rr_prepare(&r, "SELECT text FROM passage WHERE id = ?1", &sCtx);
    for (int i = 0; r.rc == VP_OK && i < nWant; i++) {
      const cand *c = &r.a[aOrder[nOffset + i]];
      vp_rerank_hit *h = &aHit[nHit++];
      h->iPassage = c->id;
      h->score = c->score;
      h->bMatch = c->match > 0;
      h->nDuplicates = c->nDup;
      load_context(&r, sCtx, c, h);
      /* the document's further hits, told on its last first-tier hit */
      if (!c->bLater) {
        int bLast = 1, nMore = 0;
        for (int j = 0; j < nOrder; j++) {
          const cand *o = &r.a[aOrder[j]];
          if (o->doc != c->doc || o == c) continue;
          if (o->bLater && j > nOffset + i) nMore++; /* not those shown above it */
          else if (j > nOffset + i) bLast = 0;
        }
        if (bLast) h->nMoreInDoc = nMore;
      }
    }
    rr_release(&r, sCtx);
  }
  free(aOrder);
  free(r.a);
  vp_occur_query_free(pOccur);
  vp_occur_query_free(pWords);
  if (r.rc != VP_OK) {
    vp_rerank_free(aHit, nHit);
    *pRcSqlite = r.rcSqlite;
    return r.rc;
  }
  *paHit = aHit;
  *pnHit = nHit;
  return VP_OK;
}

void vp_rerank_free(vp_rerank_hit *aHit, int nHit) {
  if (aHit == NULL) return;
  for (int i = 0; i < nHit; i++) free(aHit[i].zContext);
  free(aHit);
}

void vp_rerank_hit_json(cJSON *pHit, const vp_rerank_hit *h) {
  if (h->zContext) {
    char *zD = vp_fold_display(h->zContext, h->nContext);
    if (zD) cJSON_AddStringToObject(pHit, "context", zD);
    free(zD);
  }
  if (!h->bMatch) cJSON_AddBoolToObject(pHit, "via_context", 1);
  if (h->nMoreInDoc > 0) cJSON_AddNumberToObject(pHit, "more_in_doc", h->nMoreInDoc);
  if (h->nDuplicates > 0) cJSON_AddNumberToObject(pHit, "duplicates", h->nDuplicates);
}
