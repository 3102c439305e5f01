/*
** agency.c — agency names (see vp_agency.h): the alias table compiled in from
** data/agencies.tsv with the 2025 successors from data/agency-successors.tsv,
** the scanner that finds agency mentions in text, and the resolver for what
** people type.
**
** Matching runs on word tokens of the folded text (vp_fold.h): no diacritics,
** any case, '&' read as "và", '-' ignored, a few abbreviations read in full
** (UBND, MTTQ, PTNT…). At each token the longest table alias wins; generic
** groups then absorb their filler ("các sở, ngành, địa phương có liên quan"),
** named agencies a trailing "tỉnh" and province name.
**
** Named bodies outside the table ("Trường Đại học Tân Trào") are found by a
** head noun of data/agency-heads.tsv, compared with its tones ("Trường", not
** "Trương"), followed by a whole name: capitalised field words with their
** lowercase syllables ("Bảo vệ thực vật"), proper names, connectors inside
** the name ("Văn hóa, Thông tin và Thể thao"), a place. A name ends at a
** clause word of data/agency-words.tsv ("của", "sẽ", "chủ trì"…); where its
** end cannot be told, or it is only a head and a generic word ("Trung tâm
** Khoa học"), a title ("Viện Phó"), a cut table name ("Sở Nông nghiệp") or
** ends on a dangling connector, nothing is reported: a missed odd name is
** better than an invented one.
**
** Not for roles or tasks (task.c), not for provinces (gazetteer.c).
*/
#include "vp_agency.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"
#include "vp_norm.h"

/* Tokens a name may have after its head noun; a longer one has no clear end. */
#define NAME_MAX_TOKENS 24
/* Words of a place's name after a place word ("huyện Yên Sơn"). */
#define PLACE_MAX_WORDS 4
/* Longest row of a data table; a longer one stops the program (data_row). */
#define DATA_LINE_MAX 4096

/* ------------------------------------------------------------------------
** Tokens of a folded text.
*/

typedef struct tok {
  const char *z; /* token text: in the folded buffer or an expansion */
  int n;
  unsigned h;    /* tok_hash(z, n): most comparisons fail on it */
  unsigned hx;   /* hash of the written word with its tones (exact_hash);
                 ** valid when bHx */
  int iS, iE;    /* folded byte span of the written word */
  unsigned char bWord; /* letters/digits (else one punctuation byte) */
  unsigned char bExp;  /* one word of an abbreviation's expansion */
  unsigned char bHx;
} tok;

typedef struct tok_list {
  tok *a;
  int n, nAlloc;
} tok_list;

/* An abbreviation read in full: folded "ubnd" → "uy ban nhan dan"; zShow
** the words as written ("Ủy ban nhân dân"), for a body's name. */
typedef struct abbrev {
  char *zAbbr;
  int nAbbr;
  char *zFull;
  char *zShow;
} abbrev;

typedef struct abbrev_list {
  abbrev *a;
  int n, nAlloc;
} abbrev_list;

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* FNV-1a of a token's bytes. Tokens are compared against every alias and
** phrase at every position; comparing hashes first skips most memcmp calls. */
static unsigned tok_hash(const char *z, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

static int tok_push(tok_list *p, const char *z, int n, int iS, int iE,
                    int bWord, int bExp) {
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 64;
    tok *aNew = realloc(p->a, (size_t)nNew * sizeof(tok));
    if (aNew == NULL) return VP_ENOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  tok *t = &p->a[p->n++];
  t->z = z;
  t->n = n;
  t->h = tok_hash(z, n);
  t->hx = 0;
  t->iS = iS;
  t->iE = iE;
  t->bWord = (unsigned char)bWord;
  t->bExp = (unsigned char)bExp;
  t->bHx = 0;
  return VP_OK;
}

/* Push the words of zFull (space separated), all spanning [iS,iE). */
static int tok_push_words(tok_list *p, const char *zFull, int iS, int iE) {
  int rc = VP_OK;
  for (const char *z = zFull; *z && rc == VP_OK;) {
    int n = 0;
    while (z[n] && z[n] != ' ') n++;
    rc = tok_push(p, z, n, iS, iE, 1, 1);
    z += n;
    while (*z == ' ') z++;
  }
  return rc;
}

static const char *expansion_of(const abbrev_list *pAbbr, const char *z, int n) {
  for (int i = 0; i < pAbbr->n; i++) {
    const abbrev *a = &pAbbr->a[i];
    if (a->nAbbr == n && a->zAbbr[0] == z[0] && memcmp(a->zAbbr, z, (size_t)n) == 0) return a->zFull;
  }
  return NULL;
}

/* Split folded text zF[0..nF) into tokens. Token texts point into zF (or
** into the expansions), so both must outlive the list. */
static int tokenize(const char *zF, int nF, const abbrev_list *pAbbr, tok_list *p) {
  int rc = VP_OK;
  int i = 0;
  while (i < nF && rc == VP_OK) {
    unsigned char c = (unsigned char)zF[i];
    if (c == ' ') {
      i++;
    } else if (is_word_byte(c)) {
      int j = i;
      while (j < nF && is_word_byte((unsigned char)zF[j])) j++;
      const char *zExp = expansion_of(pAbbr, zF + i, j - i);
      rc = zExp ? tok_push_words(p, zExp, i, j) : tok_push(p, zF + i, j - i, i, j, 1, 0);
      i = j;
    } else if (c == '-') {
      i++; /* "Phát thanh - Truyền hình" = "Phát thanh Truyền hình" */
    } else if (c == '&') {
      rc = tok_push(p, "va", 2, i, i + 1, 1, 0);
      i++;
    } else {
      rc = tok_push(p, zF + i, 1, i, i + 1, 0, 0);
      i++;
    }
  }
  return rc;
}

static int tok_is(const tok *t, const char *z) {
  return t->n > 0 && t->z[0] == z[0] && (int)strlen(z) == t->n && memcmp(t->z, z, (size_t)t->n) == 0;
}

/* Hash of the written word of token t in zSrc (folded view f) with its
** tones, any case and tone placement ("Trường" ≠ "Trương", "Uỷ" = "Ủy").
** Words of an expansion and punctuation hash as folded. */
static unsigned exact_hash(const char *zSrc, const vp_fold *f, const tok *t) {
  if (t->bExp || !t->bWord) return t->h;
  int iS = f->aOff[t->iS], iE = f->aOff[t->iE];
  char zExact[128], zFold[128];
  int nFold = 0, bAscii = 0;
  int n = vp_norm_word(zSrc + iS, iE - iS, zExact, (int)sizeof(zExact), zFold, (int)sizeof(zFold), &nFold,
                       &bAscii);
  return n < 0 ? t->h : tok_hash(zExact, n);
}

/* A set of token hashes as a 1024-bit bitmap: "no" is certain, "yes" means
** maybe. Lets the scanner skip, at most positions, the alias and head
** lookups, whose first token rarely matches. */
typedef struct tok_filter {
  unsigned long long a[16];
} tok_filter;

static void filter_add(tok_filter *p, unsigned h) { p->a[(h >> 6) & 15] |= 1ULL << (h & 63); }
static int filter_may_have(const tok_filter *p, unsigned h) {
  return (int)((p->a[(h >> 6) & 15] >> (h & 63)) & 1);
}

/* A phrase: a token sequence made from data (aliases, heads, word lists). */
typedef struct phrase {
  const char **az;
  int *an;
  unsigned *ah;  /* tok_hash of each token */
  unsigned *ahx; /* exact_hash of each token */
  int n;
} phrase;

/* Does phrase ph match the text tokens at i, starting and ending on whole
** written words (an expansion is matched whole or not at all)? Folded
** comparison: no diacritics. */
static int phrase_at(const tok *aT, int nT, int i, const phrase *ph) {
  if (ph->n == 0 || i + ph->n > nT) return 0;
  if (i > 0 && aT[i - 1].iS == aT[i].iS) return 0;
  for (int k = 0; k < ph->n; k++) {
    const tok *t = &aT[i + k];
    if (t->h != ph->ah[k] || t->n != ph->an[k] || memcmp(t->z, ph->az[k], (size_t)t->n) != 0) return 0;
  }
  int e = i + ph->n;
  if (e < nT && aT[e].iS == aT[e - 1].iS) return 0;
  return 1;
}

/* A growable list of phrases with the hashes of their first tokens. */
typedef struct phrase_set {
  phrase *a;
  int n, nAlloc;
  tok_filter first;
} phrase_set;

/* ------------------------------------------------------------------------
** The tables, built once.
*/

typedef struct alias {
  phrase ph;
  char *zKey;     /* vp_fold_key of the alias as written, "tinh" stripped */
  int iRec;
  int bNeedPlace; /* "Báo <tỉnh>": a "tỉnh" or province must follow */
} alias;

/* What may follow a head noun to make a name (data/agency-heads.tsv). */
typedef enum name_rule {
  NAME_NONE,  /* no capitalised name: a place only */
  NAME_ANY,   /* any capitalised word */
  NAME_FIELD, /* a field word: capitalised syllable + lowercase ones */
  NAME_LIST,  /* begins with one of the head's first phrases */
  NAME_CLOSED /* is one of the head's first phrases */
} name_rule;

typedef struct head {
  phrase ph;
  name_rule eName;
  int bPlace;        /* a place word and its name are a whole qualifier */
  phrase_set first;  /* NAME_LIST, NAME_CLOSED: what the qualifier is or
                     ** begins with */
} head;

typedef struct agency_table {
  vp_agency *aRec;
  int nRec;
  char **azKey; /* vp_fold_key of the canonical name, per record */
  alias *aAlias;
  int nAlias;
  abbrev_list abbr;
  head *aHead;
  int nHead, nHeadAlloc;
  tok_filter headFirst; /* first tokens of the head nouns */
  phrase_set clause, weak, title, nameBreak, nameWord, nameVerb, place, placeAlone, tailBare, tailSep;
  phrase_set officer; /* "Chánh": the body after it may be written in lower case */
  phrase_set partner; /* "phối hợp với": so may a body of three words or more */
  tok_filter aliasFirst; /* first tokens of the aliases */
  int bOk;
} agency_table;

static agency_table gTable;
static pthread_once_t gTableOnce = PTHREAD_ONCE_INIT;

/* A malformed row of a compiled-in table is a build mistake: say which row
** and why, and stop, rather than scan with a table that lacks it. */
static void data_row_fail(const char *zTable, const char *zWhy, char **azCol, int nCol) {
  fprintf(stderr, "vnplan: data/%s: %s:", zTable, zWhy);
  for (int i = 0; i < nCol; i++) fprintf(stderr, "%s%s", i ? " | " : " ", azCol[i]);
  fprintf(stderr, "\n");
  abort();
}

/* Read the next row of data/zTable into azCol (at most nMax columns);
** returns the column count, 0 at the end. A row longer than the line buffer
** is malformed (it would be cut). */
static int data_row(const char *zTable, const char *zData, size_t *piPos, char *zLine,
                    char **azCol, int nMax) {
  int nCol = vp_data_next_row(zData, piPos, zLine, DATA_LINE_MAX, azCol, nMax);
  if (nCol > 0) {
    size_t n = 0;
    for (int i = 0; i < nCol; i++) n = (size_t)(azCol[i] - zLine) + strlen(azCol[i]);
    if (n >= DATA_LINE_MAX - 1) data_row_fail(zTable, "row longer than the line buffer", azCol, nCol);
  }
  return nCol;
}

/* Build a phrase from a written string: fold, tokenize, copy the tokens and
** hash each written word with its tones. */
static int phrase_make(const abbrev_list *pAbbr, const char *z, phrase *ph) {
  memset(ph, 0, sizeof(*ph));
  vp_fold f;
  int rc = vp_fold_init(&f, z, (int)strlen(z));
  if (rc != VP_OK) return rc;
  tok_list tl = {0};
  rc = tokenize(f.z, f.n, pAbbr, &tl);
  if (rc == VP_OK && tl.n > 0) {
    ph->az = calloc((size_t)tl.n, sizeof(char *));
    ph->an = calloc((size_t)tl.n, sizeof(int));
    ph->ah = calloc((size_t)tl.n, sizeof(unsigned));
    ph->ahx = calloc((size_t)tl.n, sizeof(unsigned));
    if (ph->az == NULL || ph->an == NULL || ph->ah == NULL || ph->ahx == NULL) rc = VP_ENOMEM;
    for (int k = 0; rc == VP_OK && k < tl.n; k++) {
      char *zTok = vp_strndup(tl.a[k].z, tl.a[k].n);
      if (zTok == NULL) rc = VP_ENOMEM;
      ph->az[k] = zTok;
      ph->an[k] = tl.a[k].n;
      ph->ah[k] = tl.a[k].h;
      ph->ahx[k] = exact_hash(z, &f, &tl.a[k]);
      ph->n = k + 1;
    }
  }
  free(tl.a);
  vp_fold_free(&f);
  return rc;
}

static int set_add(const abbrev_list *pAbbr, phrase_set *p, const char *z) {
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 16;
    phrase *aNew = realloc(p->a, (size_t)nNew * sizeof(phrase));
    if (aNew == NULL) return VP_ENOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  phrase *ph = &p->a[p->n];
  int rc = phrase_make(pAbbr, z, ph);
  if (rc == VP_OK && ph->n > 0) {
    filter_add(&p->first, ph->ah[0]);
    p->n++;
  }
  return rc;
}

/* fold key without a trailing "tinh" ("sokhcntinh" → "sokhcn") */
static void key_strip_tinh(char *zKey) {
  size_t n = strlen(zKey);
  if (n > 4 && strcmp(zKey + n - 4, "tinh") == 0) zKey[n - 4] = 0;
}

/* By first token, longest first; at equal length the alias that needs a
** place first, so "Cục Thuế tỉnh" is tried before the national "Cục Thuế". */
static int alias_cmp(const void *pA, const void *pB) {
  const alias *a = pA, *b = pB;
  int n = a->ph.an[0] < b->ph.an[0] ? a->ph.an[0] : b->ph.an[0];
  int c = memcmp(a->ph.az[0], b->ph.az[0], (size_t)n);
  if (c == 0) c = a->ph.an[0] - b->ph.an[0];
  if (c == 0) c = b->ph.n - a->ph.n;
  if (c == 0) c = b->bNeedPlace - a->bNeedPlace;
  if (c == 0) c = a->iRec - b->iRec;
  return c;
}

static int table_add_alias(agency_table *t, int *pnAlloc, int iRec,
                           const char *zWritten) {
  char *z = vp_strndup(zWritten, -1);
  if (z == NULL) return VP_ENOMEM;
  int bNeedPlace = 0;
  char *zMark = strstr(z, "<tỉnh>");
  if (zMark) {
    *zMark = 0;
    bNeedPlace = 1;
  }
  phrase ph;
  int rc = phrase_make(&t->abbr, z, &ph);
  char *zKey = rc == VP_OK ? vp_fold_key(z, -1) : NULL;
  free(z);
  if (rc == VP_OK && zKey == NULL) rc = VP_ENOMEM;
  if (rc != VP_OK || ph.n == 0) {
    free(zKey);
    return rc;
  }
  key_strip_tinh(zKey);
  if (t->nAlias == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 256;
    alias *aNew = realloc(t->aAlias, (size_t)nNew * sizeof(alias));
    if (aNew == NULL) return VP_ENOMEM;
    t->aAlias = aNew;
    *pnAlloc = nNew;
  }
  alias *a = &t->aAlias[t->nAlias++];
  a->ph = ph;
  a->zKey = zKey;
  a->iRec = iRec;
  a->bNeedPlace = bNeedPlace;
  return VP_OK;
}

static int table_add_record(agency_table *t, int *pnRecAlloc, int *pnAlAlloc,
                            char **azCol, int nCol) {
  if (nCol < 3 || azCol[0][0] == 0) data_row_fail("agencies.tsv", "a record needs canonical, kind, generic", azCol, nCol);
  if (t->nRec == *pnRecAlloc) {
    int nNew = *pnRecAlloc ? *pnRecAlloc * 2 : 64;
    vp_agency *aNew = realloc(t->aRec, (size_t)nNew * sizeof(vp_agency));
    char **azNew = realloc(t->azKey, (size_t)nNew * sizeof(char *));
    if (aNew) t->aRec = aNew;
    if (azNew) t->azKey = azNew;
    if (aNew == NULL || azNew == NULL) return VP_ENOMEM;
    *pnRecAlloc = nNew;
  }
  int iRec = t->nRec;
  vp_agency *r = &t->aRec[iRec];
  memset(r, 0, sizeof(*r));
  r->zCanon = vp_strndup(azCol[0], -1);
  r->zKind = vp_strndup(azCol[1], -1);
  r->bGeneric = atoi(azCol[2]) != 0;
  t->azKey[iRec] = vp_fold_key(azCol[0], -1);
  t->nRec++;
  if (r->zCanon == NULL || r->zKind == NULL || t->azKey[iRec] == NULL) return VP_ENOMEM;
  int rc = table_add_alias(t, pnAlAlloc, iRec, azCol[0]);
  if (nCol >= 4) {
    for (char *z = azCol[3]; rc == VP_OK && z && *z;) {
      char *zBar = strchr(z, '|');
      if (zBar) *zBar = 0;
      while (*z == ' ') z++;
      if (*z) rc = table_add_alias(t, pnAlAlloc, iRec, z);
      z = zBar ? zBar + 1 : NULL;
    }
  }
  return rc;
}

static int record_by_key(const agency_table *t, const char *zKey) {
  for (int i = 0; i < t->nRec; i++) {
    if (strcmp(t->azKey[i], zKey) == 0) return i;
  }
  return -1;
}

/* Attach data/agency-successors.tsv: department, successor, note. */
static int table_add_successors(agency_table *t) {
  const char *zTable = vp_data_get("agency-successors.tsv", NULL);
  size_t iPos = 0;
  char zLine[DATA_LINE_MAX];
  char *azCol[4];
  int nCol, rc = VP_OK;
  while (rc == VP_OK && (nCol = data_row("agency-successors.tsv", zTable, &iPos, zLine, azCol, 4)) > 0) {
    if (nCol < 2) data_row_fail("agency-successors.tsv", "a row needs department and successor", azCol, nCol);
    char *zKey = vp_fold_key(azCol[0], -1);
    char *zSucc = vp_fold_key(azCol[1], -1);
    if (zKey == NULL || zSucc == NULL) rc = VP_ENOMEM;
    int iRec = rc == VP_OK ? record_by_key(t, zKey) : -1;
    if (iRec >= 0 && strcmp(zKey, zSucc) != 0) {
      int iSucc = record_by_key(t, zSucc);
      vp_agency *r = &t->aRec[iRec];
      r->zSuccessor = iSucc >= 0 ? t->aRec[iSucc].zCanon : vp_strndup(azCol[1], -1);
      r->zSuccessorNote = nCol >= 3 ? vp_strndup(azCol[2], -1) : NULL;
      if (r->zSuccessor == NULL) rc = VP_ENOMEM;
    }
    free(zKey);
    free(zSucc);
  }
  return rc;
}

static int abbrev_add(abbrev_list *p, const char *zAbbr, const char *zFull) {
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 16;
    abbrev *aNew = realloc(p->a, (size_t)nNew * sizeof(abbrev));
    if (aNew == NULL) return VP_ENOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  abbrev *a = &p->a[p->n];
  a->zAbbr = vp_fold_str(zAbbr, -1);
  a->zFull = vp_fold_str(zFull, -1);
  a->zShow = vp_strndup(zFull, -1);
  if (a->zAbbr == NULL || a->zFull == NULL || a->zShow == NULL) return VP_ENOMEM;
  a->nAbbr = (int)strlen(a->zAbbr);
  p->n++;
  return VP_OK;
}

/* The phrase set of a class of data/agency-words.tsv; NULL if unknown. */
static phrase_set *word_class(agency_table *t, const char *zClass) {
  static const struct {
    const char *zClass;
    size_t iOff;
  } aClass[] = {
      {"clause", offsetof(agency_table, clause)},
      {"weak", offsetof(agency_table, weak)},
      {"title", offsetof(agency_table, title)},
      {"name-break", offsetof(agency_table, nameBreak)},
      {"name-word", offsetof(agency_table, nameWord)},
      {"name-verb", offsetof(agency_table, nameVerb)},
      {"place", offsetof(agency_table, place)},
      {"place-alone", offsetof(agency_table, placeAlone)},
      {"generic-tail", offsetof(agency_table, tailBare)},
      {"generic-tail-sep", offsetof(agency_table, tailSep)},
      {"officer", offsetof(agency_table, officer)},
      {"partner", offsetof(agency_table, partner)},
  };
  for (int i = 0; i < VP_ARRAY_SIZE(aClass); i++) {
    if (strcmp(aClass[i].zClass, zClass) == 0) return (phrase_set *)((char *)t + aClass[i].iOff);
  }
  return NULL;
}

/* data/agency-words.tsv: word, class[, expansion]. Abbreviations first, as
** every other phrase is tokenized with them. */
static int table_add_words(agency_table *t) {
  static const char zName[] = "agency-words.tsv";
  const char *zTable = vp_data_get(zName, NULL);
  char zLine[DATA_LINE_MAX];
  char *azCol[3];
  int nCol, rc = VP_OK;
  for (int bAbbr = 1; bAbbr >= 0; bAbbr--) {
    size_t iPos = 0;
    while (rc == VP_OK && (nCol = data_row(zName, zTable, &iPos, zLine, azCol, 3)) > 0) {
      if (nCol < 2 || azCol[0][0] == 0) data_row_fail(zName, "a row needs word and class", azCol, nCol);
      int bIsAbbr = strcmp(azCol[1], "abbreviation") == 0;
      if (bIsAbbr && (nCol < 3 || azCol[2][0] == 0)) data_row_fail(zName, "an abbreviation needs its expansion", azCol, nCol);
      phrase_set *pSet = bIsAbbr ? NULL : word_class(t, azCol[1]);
      if (!bIsAbbr && pSet == NULL) data_row_fail(zName, "unknown class", azCol, nCol);
      if (bIsAbbr && bAbbr) rc = abbrev_add(&t->abbr, azCol[0], azCol[2]);
      if (!bIsAbbr && !bAbbr) rc = set_add(&t->abbr, pSet, azCol[0]);
    }
  }
  return rc;
}

static int head_add(agency_table *t, char **azCol, int nCol) {
  static const char zName[] = "agency-heads.tsv";
  static const struct {
    const char *z;
    name_rule e;
  } aRule[] = {{"none", NAME_NONE}, {"any", NAME_ANY}, {"field", NAME_FIELD}, {"list", NAME_LIST},
               {"closed", NAME_CLOSED}};
  if (nCol < 3 || azCol[0][0] == 0) data_row_fail(zName, "a row needs head, name, place", azCol, nCol);
  int iRule = -1;
  for (int i = 0; i < VP_ARRAY_SIZE(aRule); i++) {
    if (strcmp(aRule[i].z, azCol[1]) == 0) iRule = i;
  }
  if (iRule < 0) data_row_fail(zName, "name must be none, any, field, list or closed", azCol, nCol);
  if (strcmp(azCol[2], "0") != 0 && strcmp(azCol[2], "1") != 0) data_row_fail(zName, "place must be 0 or 1", azCol, nCol);
  int bList = aRule[iRule].e == NAME_LIST || aRule[iRule].e == NAME_CLOSED;
  if (bList != (nCol >= 4 && azCol[3][0] != 0)) data_row_fail(zName, "first phrases go with name = list or closed, and only there", azCol, nCol);
  if (aRule[iRule].e == NAME_NONE && azCol[2][0] == '0') data_row_fail(zName, "a head with no name needs place = 1", azCol, nCol);
  if (t->nHead == t->nHeadAlloc) {
    int nNew = t->nHeadAlloc ? t->nHeadAlloc * 2 : 32;
    head *aNew = realloc(t->aHead, (size_t)nNew * sizeof(head));
    if (aNew == NULL) return VP_ENOMEM;
    t->aHead = aNew;
    t->nHeadAlloc = nNew;
  }
  head *h = &t->aHead[t->nHead];
  memset(h, 0, sizeof(*h));
  h->eName = aRule[iRule].e;
  h->bPlace = azCol[2][0] == '1';
  int rc = phrase_make(&t->abbr, azCol[0], &h->ph);
  for (char *z = bList ? azCol[3] : NULL; rc == VP_OK && z && *z;) {
    char *zBar = strchr(z, '|');
    if (zBar) *zBar = 0;
    rc = set_add(&t->abbr, &h->first, z);
    z = zBar ? zBar + 1 : NULL;
  }
  if (rc != VP_OK) return rc;
  if (h->ph.n == 0) data_row_fail(zName, "empty head", azCol, nCol);
  filter_add(&t->headFirst, h->ph.ah[0]);
  t->nHead++;
  return VP_OK;
}

/* Longest head first. */
static int head_cmp(const void *pA, const void *pB) {
  const head *a = pA, *b = pB;
  return b->ph.n - a->ph.n;
}

/* data/agency-heads.tsv: head, name, place[, first]. */
static int table_add_heads(agency_table *t) {
  const char *zTable = vp_data_get("agency-heads.tsv", NULL);
  size_t iPos = 0;
  char zLine[DATA_LINE_MAX];
  char *azCol[4];
  int nCol, rc = VP_OK;
  while (rc == VP_OK && (nCol = data_row("agency-heads.tsv", zTable, &iPos, zLine, azCol, 4)) > 0) {
    rc = head_add(t, azCol, nCol);
  }
  return rc;
}

/* Builds gTable. On out-of-memory the table stays empty (bOk = 0); what was
** made is kept reachable from gTable, which lives for the process. */
static void table_build(void) {
  agency_table *t = &gTable;
  int rc = table_add_words(t);
  const char *zTable = vp_data_get("agencies.tsv", NULL);
  size_t iPos = 0;
  char zLine[DATA_LINE_MAX];
  char *azCol[4];
  int nCol, nRecAlloc = 0, nAlAlloc = 0;
  while (rc == VP_OK && (nCol = data_row("agencies.tsv", zTable, &iPos, zLine, azCol, 4)) > 0) {
    rc = table_add_record(t, &nRecAlloc, &nAlAlloc, azCol, nCol);
  }
  if (rc == VP_OK) rc = table_add_successors(t);
  if (rc == VP_OK) rc = table_add_heads(t);
  if (rc == VP_OK && t->nAlias > 0) qsort(t->aAlias, (size_t)t->nAlias, sizeof(alias), alias_cmp);
  if (rc == VP_OK && t->nHead > 0) qsort(t->aHead, (size_t)t->nHead, sizeof(head), head_cmp);
  for (int i = 0; rc == VP_OK && i < t->nAlias; i++) filter_add(&t->aliasFirst, t->aAlias[i].ph.ah[0]);
  t->bOk = (rc == VP_OK);
  if (!t->bOk) {
    t->nAlias = 0;
    t->nHead = 0;
  }
}

static const agency_table *table_get(void) {
  pthread_once(&gTableOnce, table_build);
  return &gTable;
}

/* Index of the first alias whose first token is t (or nAlias). */
static int alias_first(const agency_table *t, const tok *pTok) {
  int lo = 0, hi = t->nAlias;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    const alias *a = &t->aAlias[mid];
    int n = a->ph.an[0] < pTok->n ? a->ph.an[0] : pTok->n;
    int c = memcmp(a->ph.az[0], pTok->z, (size_t)n);
    if (c == 0) c = a->ph.an[0] - pTok->n;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* ------------------------------------------------------------------------
** The scanner.
*/

typedef struct scan_ctx {
  const agency_table *t;
  int bLenient;      /* what people type: names need no capital letter */
  const char *zSrc;  /* the scanned text (for capitalization and tones) */
  int nSrc;
  const vp_fold *f;
  tok *aT;           /* exact hashes are filled in as they are needed */
  int nT;
} scan_ctx;

static int src_cp_at(const scan_ctx *c, int iSrc, int *pCp) {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)c->zSrc + iSrc, c->nSrc - iSrc, &cp);
  if (n <= 0) {
    *pCp = 0;
    return 1;
  }
  *pCp = cp;
  return (int)n;
}

static unsigned tok_hx(const scan_ctx *c, int k) {
  tok *t = &c->aT[k];
  if (!t->bHx) {
    t->hx = exact_hash(c->zSrc, c->f, t);
    t->bHx = 1;
  }
  return t->hx;
}

/* Phrase ph at token i, compared with tones (see exact_hash). */
static int phrase_at_exact(const scan_ctx *c, int i, const phrase *ph) {
  if (!phrase_at(c->aT, c->nT, i, ph)) return 0;
  for (int k = 0; k < ph->n; k++) {
    /* a word of an abbreviation's expansion ("UBND") has no tones to tell */
    if (!c->aT[i + k].bExp && tok_hx(c, i + k) != ph->ahx[k]) return 0;
  }
  return 1;
}

/* Length in tokens of the longest phrase of set p at token i, with tones;
** 0 if none. */
static int set_match(const scan_ctx *c, const phrase_set *p, int i) {
  if (i >= c->nT || !filter_may_have(&p->first, c->aT[i].h)) return 0;
  int best = 0;
  for (int k = 0; k < p->n; k++) {
    if (p->a[k].n > best && phrase_at_exact(c, i, &p->a[k])) best = p->a[k].n;
  }
  return best;
}

/* The written word of token k begins with an uppercase letter. */
static int tok_is_cap(const scan_ctx *c, int k) {
  if (!c->aT[k].bWord) return 0;
  int cp;
  src_cp_at(c, c->f->aOff[c->aT[k].iS], &cp);
  return utf8proc_isupper(cp);
}

static int tok_is_number(const scan_ctx *c, int k) {
  return c->aT[k].bWord && c->aT[k].z[0] >= '0' && c->aT[k].z[0] <= '9';
}

static int tok_is_lower_word(const scan_ctx *c, int k) {
  return c->aT[k].bWord && !tok_is_cap(c, k) && !tok_is_number(c, k);
}

/* Title case: first letter upper, the next letter (if any) lower, so that
** "Báo" qualifies and "BÁO CÁO" does not. */
static int tok_is_title(const scan_ctx *c, int k) {
  if (!tok_is_cap(c, k)) return 0;
  int iSrc = c->f->aOff[c->aT[k].iS];
  int iEnd = c->f->aOff[c->aT[k].iE];
  int cp;
  iSrc += src_cp_at(c, iSrc, &cp);
  while (iSrc < iEnd) {
    iSrc += src_cp_at(c, iSrc, &cp);
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) continue;
    return !utf8proc_isupper(cp);
  }
  return 1;
}

/* An abbreviation: capitals without tone marks ("THPT", "KH&CN", "ĐBQH"),
** not a Vietnamese word written in capitals ("TẢI VỀ"). */
static int tok_is_abbr(const scan_ctx *c, int k) {
  if (!tok_is_cap(c, k) || tok_is_title(c, k)) return 0;
  int iSrc = c->f->aOff[c->aT[k].iS];
  int iEnd = c->f->aOff[c->aT[k].iE];
  while (iSrc < iEnd) {
    int cp;
    iSrc += src_cp_at(c, iSrc, &cp);
    if (cp >= 0x80 && cp != 0x110) return 0; /* any letter but Đ */
  }
  return 1;
}

/* Tokens a generic group absorbs from j on; returns the new end. */
static int absorb_generic_tail(const scan_ctx *c, int j) {
  const agency_table *t = c->t;
  for (;;) {
    int jNext = -1;
    for (int k = 0; k < t->tailBare.n && jNext < 0; k++) {
      const phrase *ph = &t->tailBare.a[k];
      if (!phrase_at(c->aT, c->nT, j, ph)) continue;
      int e = j + ph->n;
      /* "tỉnh" but not "Tỉnh ủy", "Tỉnh đoàn" */
      if (e < c->nT && (tok_is(&c->aT[e], "uy") || tok_is(&c->aT[e], "doan"))) continue;
      jNext = e;
    }
    if (jNext < 0 && j < c->nT && (tok_is(&c->aT[j], ",") || tok_is(&c->aT[j], "va"))) {
      int best = -1;
      for (int k = 0; k < t->tailSep.n; k++) {
        const phrase *ph = &t->tailSep.a[k];
        if (phrase_at(c->aT, c->nT, j + 1, ph) && j + 1 + ph->n > best) best = j + 1 + ph->n;
      }
      jNext = best;
    }
    if (jNext < 0) return j;
    j = jNext;
  }
}

/* A province name (gazetteer) at token j: its end token, or -1. */
static int province_at(const scan_ctx *c, int j) {
  if (j >= c->nT || !c->aT[j].bWord || (j > 0 && c->aT[j].iS == c->aT[j - 1].iS)) return -1;
  if (vp_gaz_count() <= 0) return -1;
  int nLen = 0;
  int iS = c->aT[j].iS;
  if (!vp_gaz_match_fold(c->f->z + iS, c->f->n - iS, &nLen) || nLen <= 0) return -1;
  while (j < c->nT && c->aT[j].iS < iS + nLen) j++;
  return j;
}

/* Is a province's name (gazetteer) written between tokens j and e? */
static int province_named(const scan_ctx *c, int j, int e) {
  for (int k = j; k < e; k++)
    if (province_at(c, k) > 0) return 1;
  return 0;
}

/* After a named agency: "tỉnh" and/or a province name, or "thành phố" when
** no other name follows it (a city's own plan: "Công an thành phố"). Sets
** *pbPlace when one was found (or the alias itself ends in "tỉnh"). */
static int absorb_place(const scan_ctx *c, int j, int bAliasTinh,
                        int bFallback, int *pbPlace) {
  int bTinh = bAliasTinh;
  if (!bTinh && j < c->nT && tok_is(&c->aT[j], "tinh") &&
      !(j + 1 < c->nT && (tok_is(&c->aT[j + 1], "uy") || tok_is(&c->aT[j + 1], "doan")))) {
    j++;
    bTinh = 1;
  }
  int bProv = 0;
  if (!bTinh && j + 1 < c->nT && tok_is(&c->aT[j], "thanh") && tok_is(&c->aT[j + 1], "pho") &&
      c->aT[j].iS != c->aT[j + 1].iS) {
    int jCity = j + 2;
    int jProv = province_at(c, jCity);
    if (jProv > 0) {
      j = jProv;
      bProv = 1;
    } else if (jCity >= c->nT || !tok_is_cap(c, jCity)) {
      j = jCity;
      bTinh = 1;
    }
  }
  if (!bProv && j < c->nT) {
    int jProv = province_at(c, j);
    if (jProv > 0) {
      j = jProv;
      bProv = 1;
    } else if (vp_gaz_count() <= 0 && (bTinh || bFallback)) {
      /* no gazetteer: a short run of title-case words */
      int k = 0;
      while (k < PLACE_MAX_WORDS && j < c->nT && tok_is_title(c, j)) {
        j++;
        k++;
      }
      bProv = k > 0;
    }
  }
  *pbPlace = bTinh || bProv;
  return j;
}

/* The written first word of an alias match must be the alias's word with
** its tones when it is written with any ("Bão Bình Thuận" is no "Báo").
** Words written without diacritics match by their fold. */
static int alias_first_word_ok(const scan_ctx *c, int i, const alias *al) {
  const tok *t = &c->aT[i];
  if (t->bExp) return 1;
  int iS = c->f->aOff[t->iS], iE = c->f->aOff[t->iE];
  for (int k = iS; k < iE; k++) {
    if ((unsigned char)c->zSrc[k] >= 0x80) return tok_hx(c, i) == al->ph.ahx[0];
  }
  return 1;
}

/* "Việt Nam" or "Trung ương" after a body provincial by nature: the
** national body ("Hội Nông dân Việt Nam", "Ban Tuyên giáo và Dân vận
** Trung ương"). */
static int viet_nam_at(const scan_ctx *c, int j) {
  if (j + 1 >= c->nT || c->aT[j].iS == c->aT[j + 1].iS) return 0;
  return (tok_is(&c->aT[j], "viet") && tok_is(&c->aT[j + 1], "nam")) ||
         (tok_is(&c->aT[j], "trung") && tok_is(&c->aT[j + 1], "uong"));
}

/* Is token i preceded by an officer's title whose body is often written in
** lower case ("Chánh văn phòng Ủy ban nhân dân tỉnh")? */
static int after_officer(const scan_ctx *c, int i) {
  for (int k = 1; k <= 3 && k <= i; k++) {
    if (set_match(c, &c->t->officer, i - k) == k) return 1;
  }
  return 0;
}

/* Is token i preceded by words naming partners ("phối hợp với văn phòng
** UBND tỉnh"), after which a long name may be written in lower case? */
static int after_partner(const scan_ctx *c, int i) {
  for (int k = 1; k <= 5 && k <= i; k++) {
    if (set_match(c, &c->t->partner, i - k) == k) return 1;
  }
  return 0;
}

/* Longest table alias at token i; returns the end token or -1. *piRec gets
** the record, or -1 for a national body written with "Việt Nam" or "Trung
** ương" after a provincial alias ("Hội Nông dân Việt Nam") or a province's
** committee written with its province's name, reported as written. */
static int match_table(const scan_ctx *c, int i, int *piRec) {
  const agency_table *t = c->t;
  if (!c->aT[i].bWord || !filter_may_have(&t->aliasFirst, c->aT[i].h)) return -1;
  for (int a = alias_first(t, &c->aT[i]); a < t->nAlias; a++) {
    const alias *al = &t->aAlias[a];
    if (al->ph.an[0] != c->aT[i].n || memcmp(al->ph.az[0], c->aT[i].z, (size_t)c->aT[i].n) != 0) break;
    if (!phrase_at(c->aT, c->nT, i, &al->ph)) continue;
    const vp_agency *r = &t->aRec[al->iRec];
    /* a named agency is written with a capital ("Sở Tài chính", not "cơ
    ** sở tài chính"); generic groups are not ("các sở, ngành") */
    if (!r->bGeneric && !c->bLenient && !tok_is_cap(c, i) && !after_officer(c, i) &&
        !(al->ph.n >= 3 && after_partner(c, i)))
      continue;
    if (!r->bGeneric && !alias_first_word_ok(c, i, al)) continue;
    int e = i + al->ph.n;
    if (r->bGeneric) {
      e = absorb_generic_tail(c, e);
    } else {
      int bAliasTinh = tok_is(&c->aT[e - 1], "tinh");
      /* not a body named only with its place ("Viễn thông <tỉnh>"): "…
      ** Viễn thông Việt Nam" is no branch of it */
      if (!al->bNeedPlace && !bAliasTinh && !tok_is(&c->aT[e - 1], "nam") && viet_nam_at(c, e)) {
        *piRec = -1;
        return e + 2;
      }
      int bPlace = 0;
      int bFallback = al->bNeedPlace || strcmp(r->zKind, "báo đài") == 0;
      int eAlias = e;
      e = absorb_place(c, e, bAliasTinh, bFallback, &bPlace);
      if (al->bNeedPlace && !bPlace) continue;
      /* a province's own committee written with that province's name is
      ** that committee ("Ủy ban nhân dân tỉnh Gia Lai" in a telegram to
      ** several), reported as written, not as the table's "Ủy ban nhân dân
      ** tỉnh" (the task extractor reads the document's own province back
      ** into the record) */
      if (strcmp(r->zKind, "ủy ban") == 0 && e > eAlias + 1 && province_named(c, eAlias, e)) {
        *piRec = -1;
        return e;
      }
      /* the written head must look like a name, not a lowercase verb
      ** ("báo cáo"): required only where a place is required */
      if (al->bNeedPlace && !tok_is_title(c, i) && !tok_is_abbr(c, i)) continue; /* "VNPT <tỉnh>" */
    }
    *piRec = al->iRec;
    return e;
  }
  return -1;
}

/* Is head h written at token i, with its tones ("Trường", not "Trương")?
** Callers check that its first letter is a capital. */
static int head_matches(const scan_ctx *c, int i, const head *h) {
  return phrase_at_exact(c, i, &h->ph);
}

static int place_end(const scan_ctx *c, int k);

/* Could head h at token k start a name? A quick look at what follows, not
** the whole name ("Bộ đội" is no ministry, "Ban Chỉ huy" may be a body). */
static int head_may_start_name(const scan_ctx *c, int k, const head *h) {
  int j = k + h->ph.n;
  if (j >= c->nT) return 0;
  if (h->bPlace && place_end(c, j) > 0) return 1;
  if (h->eName == NAME_LIST || h->eName == NAME_CLOSED) return set_match(c, &h->first, j) > 0;
  if (h->eName == NAME_FIELD && tok_is_title(c, j)) return j + 1 < c->nT && tok_is_lower_word(c, j + 1);
  return h->eName != NAME_NONE && tok_is_cap(c, j);
}

/* Could token k begin a head noun: a word written as a title ("Sở"), or
** an abbreviation in capitals read in full ("UBND")? */
static int tok_may_head(const scan_ctx *c, int k) {
  return tok_is_title(c, k) || (c->aT[k].bExp && tok_is_cap(c, k));
}

/* The head noun written at token k, if any (longest first). */
static const head *head_at(const scan_ctx *c, int k) {
  const agency_table *t = c->t;
  if (!tok_may_head(c, k) || !filter_may_have(&t->headFirst, c->aT[k].h)) return NULL;
  for (int h = 0; h < t->nHead; h++) {
    if (head_matches(c, k, &t->aHead[h])) return &t->aHead[h];
  }
  return NULL;
}

/* Does another agency start at token k (a table alias, or a head noun that
** a name may follow)? */
static int starts_agency(const scan_ctx *c, int k) {
  int iRec;
  if (match_table(c, k, &iRec) >= 0) return 1;
  const agency_table *t = c->t;
  if (!tok_may_head(c, k) || !filter_may_have(&t->headFirst, c->aT[k].h)) return 0;
  for (int h = 0; h < t->nHead; h++) {
    if (head_matches(c, k, &t->aHead[h]) && head_may_start_name(c, k, &t->aHead[h])) return 1;
  }
  return 0;
}

static int tok_is_va(const scan_ctx *c, int k) { return k < c->nT && tok_is(&c->aT[k], "va"); }

/* Length of the name word at m (lowercase), 0 if none. A name word that is
** also a verb counts only where no other lowercase word follows it, or a
** name word does ("đầu tư xây dựng công trình", not "xây dựng dự thảo"). */
static int name_word_at(const scan_ctx *c, int m, int iLimit) {
  const agency_table *t = c->t;
  if (m >= iLimit || !tok_is_lower_word(c, m)) return 0;
  int n = set_match(c, &t->nameWord, m);
  int nVerb = set_match(c, &t->nameVerb, m);
  /* after a place the name is whole: "Trung tâm … Thành phố xây dựng …" */
  for (int k = 1; k <= 2 && k <= m && nVerb > n; k++)
    if (set_match(c, &t->place, m - k) == k) nVerb = 0;
  if (nVerb > n) {
    int e = m + nVerb;
    if (e >= c->nT || !tok_is_lower_word(c, e) || set_match(c, &t->nameWord, e) > 0 ||
        set_match(c, &t->nameVerb, e) > 0)
      n = nVerb;
  }
  return n;
}

/* The end of the field word that the capitalised word at j starts: its
** second syllable, then only name words ("Bảo vệ thực vật", "Phục vụ hành
** chính công", "Phòng, chống thiên tai"), joined by "và" ("khoa học và
** công nghệ"). Stops at anything else; whether the name ends clearly there
** is for the caller to judge. */
static int field_end(const scan_ctx *c, int j, int iLimit) {
  const agency_table *t = c->t;
  int n = set_match(c, &t->nameWord, j);
  int m = n > 1 ? j + n : j + 1;
  if (n <= 1 && m < iLimit && tok_is_lower_word(c, m) && !tok_is_va(c, m)) {
    if (set_match(c, &t->clause, m) > 0) return m; /* "Tân Trào tổ chức …" */
    m++;
  }
  while (m < iLimit && tok_is_lower_word(c, m)) {
    int mW = tok_is_va(c, m) ? m + 1 : m; /* "… và công nghệ" */
    n = name_word_at(c, mW, iLimit);
    if (n == 0) break;
    m = mW + n;
  }
  return m;
}

/* A capitalised word at k that may continue the name started before it:
** not another agency, document or person's title. */
static int cap_continues_name(const scan_ctx *c, int k) {
  return k < c->nT && tok_is_cap(c, k) && set_match(c, &c->t->nameBreak, k) == 0 && !starts_agency(c, k);
}

/* A comma inside a name: "Văn hóa, Thông tin và Thể thao". Fields after it
** must be closed by "và" and a field, else the comma ends the name (a list
** of bodies: "Trung tâm Y tế, Viettel Bắc Ninh"). */
static int comma_inside_name(const scan_ctx *c, int j, int iLimit) {
  while (j < iLimit && tok_is(&c->aT[j], ",")) {
    if (!cap_continues_name(c, j + 1) || !tok_is_title(c, j + 1)) return 0;
    j = field_end(c, j + 1, iLimit);
  }
  return tok_is_va(c, j) && cap_continues_name(c, j + 1);
}

/* A place word and the place's name at k ("huyện Yên Sơn", "khu vực XII"),
** or a place-alone word ("tối cao"): the end token, or -1. */
static int place_end(const scan_ctx *c, int k) {
  int n = set_match(c, &c->t->placeAlone, k);
  if (n > 0) return k + n;
  n = set_match(c, &c->t->place, k);
  if (n == 0) return -1;
  int m = k + n, nName = 0;
  while (m < c->nT && nName < PLACE_MAX_WORDS && (tok_is_cap(c, m) || tok_is_number(c, m))) {
    m++;
    nName++;
  }
  return nName > 0 ? m : -1;
}

/* "và" then a head noun: another body ("… và Ngân hàng đất đai"), unless
** the head needs a kind of name that does not follow ("… và Đoàn thể"). */
static int head_after_va(const scan_ctx *c, int k) {
  const head *h = head_at(c, k);
  if (h == NULL) return 0;
  if (h->eName == NAME_ANY || h->eName == NAME_NONE) return 1;
  return head_may_start_name(c, k, h);
}

/* After a proper name, a capitalised word with one lowercase syllable that
** the sentence does not go on from ("Đảng Cộng sản Việt Nam", but not
** "Bạch Mai khám bệnh cho …"): a field word of the name. */
static int short_field_at(const scan_ctx *c, int j, int iLimit) {
  int m = field_end(c, j, iLimit);
  if (m != j + 2) return 0;
  return m >= c->nT || !tok_is_lower_word(c, m) || set_match(c, &c->t->clause, m) > 0;
}

/* The qualifier after a head: from token k, the name's words. Returns the
** end token, or -1 when no whole name can be told. */
static int walk_name(const scan_ctx *c, int k) {
  int iLimit = k + NAME_MAX_TOKENS < c->nT ? k + NAME_MAX_TOKENS : c->nT;
  int j = k, iEnd = k;
  int nCapRun = 0; /* capitals of a proper name just taken: a proper name
                   ** takes no lowercase syllables after it */
  while (j < iLimit) {
    if (tok_is_cap(c, j)) {
      if (j > k && !cap_continues_name(c, j)) break;
      if (!tok_is_title(c, j)) {
        if (!tok_is_abbr(c, j)) break; /* "… TẢI VỀ" */
        nCapRun = 0; /* an abbreviation: "Ban VSTBPN&BĐG Thành phố" */
        iEnd = ++j;
      } else if (nCapRun == 0) {
        int m = field_end(c, j, iLimit);
        /* a head noun inside the name takes a field after it: "Văn
        ** phòng Ban Chỉ huy" */
        const head *pIn = m == j + 1 ? head_at(c, j) : NULL;
        nCapRun = m == j + 1 && (pIn == NULL || !head_may_start_name(c, j, pIn)) ? 1 : 0;
        j = iEnd = m;
      } else if (short_field_at(c, j, iLimit)) {
        nCapRun = 0; /* "Đảng Cộng sản", "Việt Nam Cộng hòa" */
        j = iEnd = field_end(c, j, iLimit);
      } else {
        nCapRun++;
        iEnd = ++j;
      }
      continue;
    }
    if (tok_is(&c->aT[j], "so") && j + 1 < iLimit && tok_is_number(c, j + 1) && iEnd > k) {
      nCapRun = 1; /* "Trường THCS số 1" */
      j += 2;
      iEnd = j;
      continue;
    }
    if (tok_is_va(c, j) && cap_continues_name(c, j + 1) && !head_after_va(c, j + 1)) {
      nCapRun = 0;
      j++;
      continue;
    }
    if (tok_is(&c->aT[j], ",") && comma_inside_name(c, j, iLimit)) {
      nCapRun = 0;
      j++;
      continue;
    }
    int m = nCapRun > 0 ? place_end(c, j) : -1;
    if (m > 0) {
      nCapRun = 1;
      j = iEnd = m;
      continue;
    }
    break;
  }
  /* stopped by the length limit inside words: the end is unknown */
  if (j >= iLimit && j < c->nT && (c->aT[j].bWord || tok_is(&c->aT[j], ","))) return -1;
  return iEnd > k ? iEnd : -1;
}

/* Is the qualifier tokens [k, e) exactly one phrase of set p? */
static int qualifier_is(const scan_ctx *c, const phrase_set *p, int k, int e) {
  return set_match(c, p, k) == e - k;
}

/* Tokens [i, e) are the start of a longer table alias ("Sở Nông nghiệp" of
** "Sở Nông nghiệp và Phát triển nông thôn"): a name cut short. */
static int is_cut_alias(const scan_ctx *c, int i, int e) {
  const agency_table *t = c->t;
  if (!filter_may_have(&t->aliasFirst, c->aT[i].h)) return 0;
  for (int a = alias_first(t, &c->aT[i]); a < t->nAlias; a++) {
    const alias *al = &t->aAlias[a];
    if (al->ph.an[0] != c->aT[i].n || memcmp(al->ph.az[0], c->aT[i].z, (size_t)c->aT[i].n) != 0) break;
    /* longer by more than a trailing "tỉnh" ("Đoàn Thanh niên Cộng sản Hồ
    ** Chí Minh" is whole, though the table writes it with "tỉnh") */
    if (al->ph.n <= e - i || (al->ph.n == e - i + 1 && strcmp(al->ph.az[e - i], "tinh") == 0)) continue;
    int k = 1;
    while (k < e - i && c->aT[i + k].h == al->ph.ah[k] && c->aT[i + k].n == al->ph.an[k] &&
           memcmp(c->aT[i + k].z, al->ph.az[k], (size_t)al->ph.an[k]) == 0)
      k++;
    if (k == e - i) return 1;
  }
  return 0;
}

/* The name ends on a connector and the text ends there: "Sở Văn hóa," or
** "Hội đồng Thi đua -" cut at a line break. The folded text after the name
** is read, since '-' makes no token. */
static int ends_dangling(const scan_ctx *c, int e) {
  int i = e > 0 ? c->aT[e - 1].iE : 0;
  const char *z = c->f->z;
  int n = c->f->n;
  int bConnector = 0;
  while (i < n && (z[i] == ' ' || z[i] == ',' || z[i] == '-' || z[i] == '&')) bConnector |= z[i++] != ' ';
  if (!bConnector && i + 2 <= n && memcmp(z + i, "va", 2) == 0 && (i + 2 == n || z[i + 2] == ' ')) {
    bConnector = 1;
    i += 2;
    while (i < n && z[i] == ' ') i++;
  }
  return bConnector && i >= n;
}

/* Does the name end clearly at token e? Not when a number or a slash
** follows ("Bệnh viện Quân y" of "… Quân y 103", "Ban Thường vụ Tỉnh" of
** "… Tỉnh/Thành ủy"), nor a lowercase word that no clause starts with: the
** name may go on ("Công ty CP thép …", "Bệnh viện Bạch Mai khám …"). */
static int ends_clearly(const scan_ctx *c, int e) {
  /* "Trung tâm Đào tạo khu vực": a region that is not named */
  if (e >= 2 && tok_is(&c->aT[e - 2], "khu") && tok_is(&c->aT[e - 1], "vuc")) return 0;
  if (e >= c->nT) return 1;
  if (tok_is_number(c, e) || tok_is(&c->aT[e], "/")) return 0;
  /* "Cục Phổ biến, giáo dục pháp luật": a comma inside a field word */
  if (tok_is(&c->aT[e], ",") && e + 1 < c->nT && tok_is_lower_word(c, e + 1) &&
      set_match(c, &c->t->nameWord, e + 1) > 0 && set_match(c, &c->t->clause, e + 1) == 0)
    return 0;
  /* "Đại học Văn hóa TP." of "… TP. Hồ Chí Minh", "Trường DTNT N" of
  ** "… N’Trang Lơng": an abbreviation or initial cut */
  if ((c->aT[e - 1].bExp || c->aT[e - 1].n == 1) && (tok_is(&c->aT[e], ".") || tok_is(&c->aT[e], "'")))
    return 0;
  if (!tok_is_lower_word(c, e) || tok_is_va(c, e)) return 1;
  /* a verb that the name did not take: "Văn phòng Chính phủ xây dựng …" */
  return set_match(c, &c->t->clause, e) > 0 || set_match(c, &c->t->place, e) > 0 ||
         set_match(c, &c->t->nameVerb, e) > 0;
}

/* Does the qualifier [k, e) fit head h's rule for a name? */
static int qualifier_fits(const scan_ctx *c, const head *h, int k, int e) {
  if (set_match(c, &c->t->title, k) > 0) return 0;
  /* "Thanh tra Bộ", "Ban Giám đốc Trung tâm": a name that ends in a bare
  ** head noun names no body */
  for (int j = k; j < e; j++) {
    const head *pInner = head_at(c, j);
    if (pInner && j + pInner->ph.n == e) return 0;
  }
  int bWritten = 0; /* not only abbreviations read in full: "Trung tâm TP" */
  for (int j = k; j < e && !bWritten; j++) bWritten = !c->aT[j].bExp;
  if (!bWritten) return 0;
  switch (h->eName) {
    case NAME_NONE:
      return 0;
    case NAME_LIST: {
      int n = set_match(c, &h->first, k);
      return n > 0 && n <= e - k && !qualifier_is(c, &c->t->weak, k, e);
    }
    case NAME_CLOSED:
      return set_match(c, &h->first, k) == e - k;
    case NAME_FIELD:
      if (!tok_is_title(c, k)) return 1; /* an abbreviation: "Ban QLDA" */
      if (qualifier_is(c, &c->t->weak, k, e)) return 0;
      return k + 1 < e && tok_is_lower_word(c, k + 1);
    case NAME_ANY:
      /* "Công ty F": one letter is no name */
      if (e == k + 1 && c->aT[k].n == 1) return 0;
      return !qualifier_is(c, &c->t->weak, k, e);
  }
  return 0;
}

/* Head h at token i and a whole name after it: the end token, or -1. */
static int name_after_head(const scan_ctx *c, int i, const head *h) {
  int k = i + h->ph.n;
  if (k >= c->nT) return -1;
  int e = h->bPlace ? place_end(c, k) : -1, bWhole = 0;
  if (e < 0 && h->eName == NAME_CLOSED) {
    int n = set_match(c, &h->first, k);
    e = n > 0 && (k + n >= c->nT || (!tok_is_number(c, k + n) && !tok_is(&c->aT[k + n], "/"))) ? k + n : -1;
    /* a closed name is whole whatever word follows: "Bộ Tài chính xuất
    ** cấp gạo …", "Bộ Y tế cấp …" (a verb the clause list need not hold) */
    bWhole = e > 0;
  } else if (e < 0 && h->eName != NAME_NONE && tok_is_cap(c, k)) {
    e = walk_name(c, k);
    if (e > 0 && !qualifier_fits(c, h, k, e)) e = -1;
  }
  if (e < 0 || (!bWhole && !ends_clearly(c, e)) || ends_dangling(c, e) || is_cut_alias(c, i, e)) return -1;
  return e;
}

/* A named body outside the table at token i: a head noun written in title
** case, then a whole name. Heads are sorted longest first, so "Viện kiểm
** sát nhân dân" is tried before "Viện". Returns the end token or -1. */
static int match_outside(const scan_ctx *c, int i) {
  const agency_table *t = c->t;
  if (c->bLenient || !filter_may_have(&t->headFirst, c->aT[i].h) || !tok_may_head(c, i)) return -1;
  for (int h = 0; h < t->nHead; h++) {
    if (!head_matches(c, i, &t->aHead[h])) continue;
    int e = name_after_head(c, i, &t->aHead[h]);
    if (e > 0) return e;
  }
  return -1;
}

/* Old-style tone placement → the placement the table uses ("hoà" → "hòa",
** "Thuỷ" → "Thủy"): a toned a/e/y after o/o/u closing the syllable moves its
** tone to the o/o/u ("qu" + y keeps it: "quý"). Five tones per row:
** huyền, sắc, hỏi, ngã, nặng. */
static const struct {
  int cFirst;   /* o, O, u, U */
  int aSecond[5];
  int aFirst[5];
} aTonePair[] = {
    {'o', {0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1}, {0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD}},
    {'O', {0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1}, {0xD2, 0xD3, 0x1ECE, 0xD5, 0x1ECC}},
    {'o', {0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9}, {0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD}},
    {'O', {0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9}, {0xD2, 0xD3, 0x1ECE, 0xD5, 0x1ECC}},
    {'u', {0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5}, {0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5}},
    {'U', {0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5}, {0xD9, 0xDA, 0x1EE6, 0x168, 0x1EE4}},
};

static char *canon_tone_placement(const char *z) {
  int n = (int)strlen(z);
  utf8proc_int32_t *a = malloc((size_t)(n + 1) * sizeof(*a));
  char *zOut = malloc((size_t)n * 2 + 1);
  if (a == NULL || zOut == NULL) {
    free(a);
    free(zOut);
    return NULL;
  }
  int nCp = 0;
  for (int i = 0; i < n;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)z + i, n - i, &cp);
    if (k <= 0) {
      k = 1;
      cp = 0xFFFD;
    }
    a[nCp++] = cp;
    i += (int)k;
  }
  for (int i = 0; i + 1 < nCp; i++) {
    int bEnd = i + 2 >= nCp || (!utf8proc_isupper(a[i + 2]) && !utf8proc_islower(a[i + 2]));
    int bQu = i > 0 && (a[i - 1] == 'q' || a[i - 1] == 'Q');
    if (!bEnd || bQu) continue;
    for (int r = 0; r < VP_ARRAY_SIZE(aTonePair); r++) {
      if (a[i] != aTonePair[r].cFirst) continue;
      for (int t = 0; t < 5; t++) {
        if (a[i + 1] != aTonePair[r].aSecond[t]) continue;
        a[i] = aTonePair[r].aFirst[t];
        a[i + 1] = (r < 2) ? 'a' : (r < 4) ? 'e' : 'y';
      }
    }
  }
  int o = 0;
  for (int i = 0; i < nCp; i++) o += (int)utf8proc_encode_char(a[i], (utf8proc_uint8_t *)zOut + o);
  zOut[o] = 0;
  free(a);
  return zOut;
}

/* A body's name outside the table with its abbreviations written out
** ("UBND tỉnh Thanh Hóa" → "Ủy ban nhân dân tỉnh Thanh Hóa", "UBND TP Hà
** Nội" → "Ủy ban nhân dân thành phố Hà Nội"), so one body has one name
** however it is written; NULL on VP_ENOMEM. */
static char *spelled_out(const abbrev_list *pAbbr, const char *zName) {
  vp_buf b = {0};
  int rc = VP_OK;
  for (const char *z = zName; *z && rc == VP_OK;) {
    size_t n = strcspn(z, " ");
    size_t nWord = n;
    while (nWord > 0 && z[nWord - 1] == '.') nWord--; /* "TP." */
    const abbrev *pHit = NULL;
    int bUpper = nWord > 0;
    for (size_t k = 0; k < nWord; k++)
      if ((unsigned char)z[k] < 0x80 && !(z[k] >= 'A' && z[k] <= 'Z')) bUpper = 0;
    char *zF = bUpper ? vp_fold_str(z, (int)nWord) : NULL;
    for (int k = 0; zF && k < pAbbr->n; k++)
      if (strcmp(pAbbr->a[k].zAbbr, zF) == 0) pHit = &pAbbr->a[k];
    free(zF);
    if (pHit) vp_buf_appends(&b, pHit->zShow, &rc);
    else vp_buf_append(&b, z, n, &rc);
    z += n;
    while (*z == ' ') vp_buf_append(&b, z++, 1, &rc);
  }
  if (rc != VP_OK) {
    vp_buf_free(&b);
    return NULL;
  }
  return b.z ? vp_buf_take(&b) : vp_strndup("", 0);
}

static int mention_push(vp_agency_mention **pa, int *pn, int *pnAlloc,
                        const scan_ctx *c, int i, int e, const vp_agency *r) {
  if (*pn == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
    vp_agency_mention *aNew = realloc(*pa, (size_t)nNew * sizeof(**pa));
    if (aNew == NULL) return VP_ENOMEM;
    *pa = aNew;
    *pnAlloc = nNew;
  }
  vp_agency_mention *m = &(*pa)[*pn];
  memset(m, 0, sizeof(*m));
  m->iStart = c->f->aOff[c->aT[i].iS];
  m->iEnd = c->f->aOff[c->aT[e - 1].iE];
  m->pAgency = r;
  m->zName = vp_fold_display(c->zSrc + m->iStart, m->iEnd - m->iStart);
  /* outside the table the canonical name is the name as written, in
  ** display form (NFC, spaces collapsed, case kept) with one tone placement;
  ** compare such names by vp_fold_key() */
  if (r) {
    m->zCanon = vp_strndup(r->zCanon, -1);
  } else {
    char *zSpelled = spelled_out(&c->t->abbr, m->zName ? m->zName : "");
    m->zCanon = zSpelled ? canon_tone_placement(zSpelled) : NULL;
    free(zSpelled);
  }
  (*pn)++;
  if (m->zName == NULL || m->zCanon == NULL) return VP_ENOMEM;
  return VP_OK;
}

/* Scan z[0..n) whose fold is *pF. */
static int agency_scan_fold(const char *z, int n, const vp_fold *pF, int bLenient,
                            vp_agency_mention **paOut, int *pnOut) {
  *paOut = NULL;
  *pnOut = 0;
  if (z == NULL || n <= 0) return VP_OK;
  const agency_table *t = table_get();
  tok_list tl = {0};
  vp_agency_mention *a = NULL;
  int nM = 0, nAlloc = 0;
  int rc = tokenize(pF->z, pF->n, &t->abbr, &tl);
  scan_ctx c = {t, bLenient, z, n, pF, tl.a, tl.n};
  for (int i = 0; rc == VP_OK && i < tl.n;) {
    if (i > 0 && tl.a[i].iS == tl.a[i - 1].iS) {
      i++;
      continue;
    }
    int iRec = -1;
    int e = match_table(&c, i, &iRec);
    const vp_agency *r = e >= 0 && iRec >= 0 ? &t->aRec[iRec] : NULL;
    if (e < 0) e = match_outside(&c, i);
    if (e < 0) {
      i++;
      continue;
    }
    rc = mention_push(&a, &nM, &nAlloc, &c, i, e, r);
    i = e;
  }
  free(tl.a);
  if (rc != VP_OK) {
    vp_agency_mentions_free(a, nM);
    return rc;
  }
  *paOut = a;
  *pnOut = nM;
  return VP_OK;
}

static int agency_scan(const char *z, int n, int bLenient,
                       vp_agency_mention **paOut, int *pnOut) {
  *paOut = NULL;
  *pnOut = 0;
  if (z == NULL || n <= 0) return VP_OK;
  vp_fold f;
  int rc = vp_fold_init(&f, z, n);
  if (rc == VP_OK) rc = agency_scan_fold(z, n, &f, bLenient, paOut, pnOut);
  vp_fold_free(&f);
  return rc;
}

int vp_agency_scan(const char *z, int n, vp_agency_mention **paOut,
                   int *pnOut) {
  return agency_scan(z, n, 0, paOut, pnOut);
}

int vp_agency_scan_fold(const char *z, int n, const vp_fold *pFold,
                        vp_agency_mention **paOut, int *pnOut) {
  return agency_scan_fold(z, n, pFold, 0, paOut, pnOut);
}

int vp_agency_starts_with_head(const char *z, int n) {
  if (z == NULL || n <= 0) return 0;
  const agency_table *t = table_get();
  vp_fold f;
  tok_list tl = {0};
  int bHead = 0;
  if (vp_fold_init(&f, z, n) != VP_OK) return 0;
  if (tokenize(f.z, f.n, &t->abbr, &tl) == VP_OK && tl.n > 0) {
    scan_ctx c = {t, 0, z, n, &f, tl.a, tl.n};
    int iRec;
    bHead = match_table(&c, 0, &iRec) >= 0 || head_at(&c, 0) != NULL;
  }
  free(tl.a);
  vp_fold_free(&f);
  return bHead;
}

void vp_agency_mentions_free(vp_agency_mention *a, int n) {
  if (a == NULL) return;
  for (int i = 0; i < n; i++) {
    free(a[i].zName);
    free(a[i].zCanon);
  }
  free(a);
}

/* ------------------------------------------------------------------------
** Resolving what people type, and listing.
*/

static const vp_agency *resolve_by_key(const agency_table *t, const char *zTyped) {
  char *zKey = vp_fold_key(zTyped, -1);
  if (zKey == NULL) return NULL;
  key_strip_tinh(zKey);
  const vp_agency *r = NULL;
  for (int i = 0; i < t->nAlias && r == NULL && zKey[0]; i++) {
    if (strcmp(t->aAlias[i].zKey, zKey) == 0) r = &t->aRec[t->aAlias[i].iRec];
  }
  free(zKey);
  return r;
}

const vp_agency *vp_agency_resolve(const char *zTyped) {
  if (zTyped == NULL) return NULL;
  const agency_table *t = table_get();
  int n = (int)strlen(zTyped);
  vp_agency_mention *a = NULL;
  int nM = 0;
  const vp_agency *r = NULL;
  if (agency_scan(zTyped, n, 1, &a, &nM) == VP_OK && nM == 1 && a[0].pAgency) {
    /* the mention must cover all that was typed, bar spaces and punctuation */
    char *zBefore = vp_fold_key(zTyped, a[0].iStart);
    char *zAfter = vp_fold_key(zTyped + a[0].iEnd, n - a[0].iEnd);
    if (zBefore && zAfter && zBefore[0] == 0 && zAfter[0] == 0) r = a[0].pAgency;
    free(zBefore);
    free(zAfter);
  }
  vp_agency_mentions_free(a, nM);
  if (r == NULL) r = resolve_by_key(t, zTyped);
  return r;
}

int vp_agency_count(void) { return table_get()->nRec; }

const vp_agency *vp_agency_get(int i) {
  const agency_table *t = table_get();
  return (i >= 0 && i < t->nRec) ? &t->aRec[i] : NULL;
}
