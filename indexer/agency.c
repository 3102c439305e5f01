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
** named agencies a trailing "tỉnh" and province name. Named bodies outside
** the table ("Trường Đại học Tân Trào") are found by a head noun followed by
** capitalized words.
**
** Not for roles or tasks (task.c), not for provinces (gazetteer.c).
*/
#include "vp_agency.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"
#include "vp_gazetteer.h"

/* ------------------------------------------------------------------------
** Grammar tables: the small word lists that are not agency names.
*/

/* Abbreviations read in full, in the text and in the aliases alike. */
static const struct {
  const char *zAbbr;
  const char *zFull;
} aExpand[] = {
    {"ubnd", "uy ban nhan dan"},       {"hdnd", "hoi dong nhan dan"},
    {"ub", "uy ban"},                  {"mttq", "mat tran to quoc"},
    {"ubmttq", "uy ban mat tran to quoc"},
    {"ptnt", "phat trien nong thon"},  {"tp", "thanh pho"},
    {"vp", "van phong"},               {"vn", "viet nam"},
};

/* Filler a generic group absorbs after a separator (',' or "và"):
** "các sở, ban, ngành, đơn vị, địa phương". */
static const char *const azTailAfterSep[] = {
    "don vi", "dia phuong", "co quan", "ban", "nganh", "ban nganh",
    "doan the", "don vi su nghiep", "co quan chuyen mon", "thi xa",
    "thanh pho",
};

/* Filler a generic group absorbs directly: "… cấp tỉnh có liên quan". */
static const char *const azTailBare[] = {
    "cap tinh", "co lien quan", "lien quan", "thuoc tinh", "tinh",
    "trong tinh", "thuoc uy ban nhan dan tinh", "tren dia ban tinh",
    "thuoc uy ban nhan dan cac huyen, thanh pho",
};

/* Head nouns of named bodies outside the table; the name follows as
** capitalized words: "Trường Đại học Tân Trào", "Trung tâm Ứng dụng…". */
static const char *const azHead[] = {
    "truong", "trung tam", "vien", "hoc vien", "ban quan ly", "cong ty",
    "tong cong ty", "benh vien", "so", "chi cuc", "cuc", "hiep hoi", "hoi",
    "dai", "bao", "ngan hang", "tap doan", "tap chi",
};

/* Lowercase words allowed between two capitalized words of a name,
** at most this many unless a proper name (two capitalized words) follows. */
#define NAME_LOWER_RUN 3
#define NAME_LOWER_RUN_PROPER 8
#define NAME_MAX_TOKENS 20
#define PLACE_MAX_WORDS 4

/* ------------------------------------------------------------------------
** Tokens of a folded text.
*/

typedef struct tok {
  const char *z; /* token text: in the folded buffer or an expansion */
  int n;
  unsigned h;    /* tok_hash(z, n): most comparisons fail on it */
  int iS, iE;    /* folded byte span of the written word */
  int bWord;     /* letters/digits (else one punctuation byte) */
} tok;

typedef struct tok_list {
  tok *a;
  int n, nAlloc;
} tok_list;

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
                    int bWord) {
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
  t->iS = iS;
  t->iE = iE;
  t->bWord = bWord;
  return VP_OK;
}

/* Push the words of zFull (static, space separated), all spanning [iS,iE). */
static int tok_push_words(tok_list *p, const char *zFull, int iS, int iE) {
  int rc = VP_OK;
  for (const char *z = zFull; *z && rc == VP_OK;) {
    int n = 0;
    while (z[n] && z[n] != ' ') n++;
    rc = tok_push(p, z, n, iS, iE, 1);
    z += n;
    while (*z == ' ') z++;
  }
  return rc;
}

static const char *expansion_of(const char *z, int n) {
  for (int i = 0; i < VP_ARRAY_SIZE(aExpand); i++) {
    const char *zA = aExpand[i].zAbbr;
    if (zA[0] == z[0] && (int)strlen(zA) == n && memcmp(zA, z, (size_t)n) == 0)
      return aExpand[i].zFull;
  }
  return NULL;
}

/* Split folded text zF[0..nF) into tokens. Token texts point into zF (or
** into static expansions), so zF must outlive the list. */
static int tokenize(const char *zF, int nF, tok_list *p) {
  int rc = VP_OK;
  int i = 0;
  while (i < nF && rc == VP_OK) {
    unsigned char c = (unsigned char)zF[i];
    if (c == ' ') {
      i++;
    } else if (is_word_byte(c)) {
      int j = i;
      while (j < nF && is_word_byte((unsigned char)zF[j])) j++;
      const char *zExp = expansion_of(zF + i, j - i);
      rc = zExp ? tok_push_words(p, zExp, i, j) : tok_push(p, zF + i, j - i, i, j, 1);
      i = j;
    } else if (c == '-') {
      i++; /* "Phát thanh - Truyền hình" = "Phát thanh Truyền hình" */
    } else if (c == '&') {
      rc = tok_push(p, "va", 2, i, i + 1, 1);
      i++;
    } else {
      rc = tok_push(p, zF + i, 1, i, i + 1, 0);
      i++;
    }
  }
  return rc;
}

static int tok_is(const tok *t, const char *z) {
  return t->n > 0 && t->z[0] == z[0] && (int)strlen(z) == t->n && memcmp(t->z, z, (size_t)t->n) == 0;
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

/* A phrase: a static token sequence (aliases, tails, heads). */
typedef struct phrase {
  const char **az;
  int *an;
  unsigned *ah; /* tok_hash of each token */
  int n;
} phrase;

/* Does phrase ph match the text tokens at i, starting and ending on whole
** written words (an expansion is matched whole or not at all)? */
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

/* ------------------------------------------------------------------------
** The table, built once.
*/

typedef struct alias {
  phrase ph;
  char *zKey;     /* vp_fold_key of the alias as written, "tinh" stripped */
  int iRec;
  int bNeedPlace; /* "Báo <tỉnh>": a "tỉnh" or province must follow */
} alias;

typedef struct agency_table {
  vp_agency *aRec;
  int nRec;
  char **azKey; /* vp_fold_key of the canonical name, per record */
  alias *aAlias;
  int nAlias;
  phrase aTailSep[VP_ARRAY_SIZE(azTailAfterSep)];
  phrase aTailBare[VP_ARRAY_SIZE(azTailBare)];
  phrase aHead[VP_ARRAY_SIZE(azHead)];
  tok_filter aliasFirst; /* first tokens of the aliases */
  tok_filter headFirst;  /* first tokens of the head nouns */
  int bOk;
} agency_table;

static agency_table gTable;
static pthread_once_t gTableOnce = PTHREAD_ONCE_INIT;

/* Build a phrase from a written string: fold, tokenize, copy the tokens. */
static int phrase_make(const char *z, phrase *ph) {
  memset(ph, 0, sizeof(*ph));
  char *zF = vp_fold_str(z, -1);
  if (zF == NULL) return VP_ENOMEM;
  tok_list tl = {0};
  int rc = tokenize(zF, (int)strlen(zF), &tl);
  if (rc == VP_OK && tl.n > 0) {
    ph->az = calloc((size_t)tl.n, sizeof(char *));
    ph->an = calloc((size_t)tl.n, sizeof(int));
    ph->ah = calloc((size_t)tl.n, sizeof(unsigned));
    if (ph->az == NULL || ph->an == NULL || ph->ah == NULL) rc = VP_ENOMEM;
    for (int k = 0; rc == VP_OK && k < tl.n; k++) {
      char *zTok = vp_strndup(tl.a[k].z, tl.a[k].n);
      if (zTok == NULL) rc = VP_ENOMEM;
      ph->az[k] = zTok;
      ph->an[k] = tl.a[k].n;
      ph->ah[k] = tl.a[k].h;
      ph->n = k + 1;
    }
  }
  free(tl.a);
  free(zF);
  return rc;
}

/* fold key without a trailing "tinh" ("sokhcntinh" → "sokhcn") */
static void key_strip_tinh(char *zKey) {
  size_t n = strlen(zKey);
  if (n > 4 && strcmp(zKey + n - 4, "tinh") == 0) zKey[n - 4] = 0;
}

static int alias_cmp(const void *pA, const void *pB) {
  const alias *a = pA, *b = pB;
  int n = a->ph.an[0] < b->ph.an[0] ? a->ph.an[0] : b->ph.an[0];
  int c = memcmp(a->ph.az[0], b->ph.az[0], (size_t)n);
  if (c == 0) c = a->ph.an[0] - b->ph.an[0];
  if (c == 0) c = b->ph.n - a->ph.n; /* longest first */
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
  int rc = phrase_make(z, &ph);
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
  if (nCol < 3 || azCol[0][0] == 0) return VP_OK;
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
  char zLine[2048];
  char *azCol[4];
  int nCol, rc = VP_OK;
  while (rc == VP_OK && (nCol = vp_data_next_row(zTable, &iPos, zLine, (int)sizeof(zLine), azCol, 4)) > 0) {
    if (nCol < 2) continue;
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

static int phrases_make(const char *const *az, int n, phrase *aOut) {
  int rc = VP_OK;
  for (int i = 0; i < n && rc == VP_OK; i++) rc = phrase_make(az[i], &aOut[i]);
  return rc;
}

/* Builds gTable. On out-of-memory the table stays empty (bOk = 0); what was
** made is kept reachable from gTable, which lives for the process. */
static void table_build(void) {
  agency_table *t = &gTable;
  const char *zTable = vp_data_get("agencies.tsv", NULL);
  size_t iPos = 0;
  char zLine[4096];
  char *azCol[4];
  int nCol, rc = VP_OK, nRecAlloc = 0, nAlAlloc = 0;
  while (rc == VP_OK && (nCol = vp_data_next_row(zTable, &iPos, zLine, (int)sizeof(zLine), azCol, 4)) > 0) {
    rc = table_add_record(t, &nRecAlloc, &nAlAlloc, azCol, nCol);
  }
  if (rc == VP_OK) rc = table_add_successors(t);
  if (rc == VP_OK) rc = phrases_make(azTailAfterSep, VP_ARRAY_SIZE(azTailAfterSep), t->aTailSep);
  if (rc == VP_OK) rc = phrases_make(azTailBare, VP_ARRAY_SIZE(azTailBare), t->aTailBare);
  if (rc == VP_OK) rc = phrases_make(azHead, VP_ARRAY_SIZE(azHead), t->aHead);
  if (rc == VP_OK && t->nAlias > 0) qsort(t->aAlias, (size_t)t->nAlias, sizeof(alias), alias_cmp);
  for (int i = 0; rc == VP_OK && i < t->nAlias; i++) filter_add(&t->aliasFirst, t->aAlias[i].ph.ah[0]);
  for (int k = 0; rc == VP_OK && k < VP_ARRAY_SIZE(azHead); k++) {
    if (t->aHead[k].n > 0) filter_add(&t->headFirst, t->aHead[k].ah[0]);
  }
  t->bOk = (rc == VP_OK);
  if (!t->bOk) t->nAlias = 0;
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
  const char *zSrc;  /* the scanned text (for capitalization) */
  int nSrc;
  const vp_fold *f;
  const tok *aT;
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

/* The written word of token k begins with an uppercase letter. */
static int tok_is_cap(const scan_ctx *c, int k) {
  if (!c->aT[k].bWord) return 0;
  int cp;
  src_cp_at(c, c->f->aOff[c->aT[k].iS], &cp);
  return utf8proc_isupper(cp);
}

static int tok_is_lower_word(const scan_ctx *c, int k) {
  return c->aT[k].bWord && !tok_is_cap(c, k);
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

/* Tokens a generic group absorbs from j on; returns the new end. */
static int absorb_generic_tail(const scan_ctx *c, int j) {
  const agency_table *t = c->t;
  for (;;) {
    int jNext = -1;
    for (int k = 0; k < VP_ARRAY_SIZE(t->aTailBare) && jNext < 0; k++) {
      const phrase *ph = &t->aTailBare[k];
      if (!phrase_at(c->aT, c->nT, j, ph)) continue;
      int e = j + ph->n;
      /* "tỉnh" but not "Tỉnh ủy", "Tỉnh đoàn" */
      if (e < c->nT && (tok_is(&c->aT[e], "uy") || tok_is(&c->aT[e], "doan"))) continue;
      jNext = e;
    }
    if (jNext < 0 && j < c->nT && (tok_is(&c->aT[j], ",") || tok_is(&c->aT[j], "va"))) {
      int best = -1;
      for (int k = 0; k < VP_ARRAY_SIZE(t->aTailSep); k++) {
        const phrase *ph = &t->aTailSep[k];
        if (phrase_at(c->aT, c->nT, j + 1, ph) && j + 1 + ph->n > best) best = j + 1 + ph->n;
      }
      jNext = best;
    }
    if (jNext < 0) return j;
    j = jNext;
  }
}

/* After a named agency: "tỉnh" and/or a province name. Sets *pbPlace when
** either was found (or the alias itself ends in "tỉnh"). */
static int absorb_place(const scan_ctx *c, int j, int bAliasTinh,
                        int bFallback, int *pbPlace) {
  int bTinh = bAliasTinh;
  if (!bTinh && j < c->nT && tok_is(&c->aT[j], "tinh") &&
      !(j + 1 < c->nT && (tok_is(&c->aT[j + 1], "uy") || tok_is(&c->aT[j + 1], "doan")))) {
    j++;
    bTinh = 1;
  }
  int bProv = 0;
  if (j < c->nT && c->aT[j].bWord && (j == 0 || c->aT[j].iS != c->aT[j - 1].iS)) {
    if (vp_gaz_count() > 0) {
      int nLen = 0;
      int iS = c->aT[j].iS;
      if (vp_gaz_match_fold(c->f->z + iS, c->f->n - iS, &nLen) && nLen > 0) {
        while (j < c->nT && c->aT[j].iS < iS + nLen) j++;
        bProv = 1;
      }
    } else if (bTinh || bFallback) {
      /* no gazetteer yet: a short run of title-case words */
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

/* Longest table alias at token i; returns the end token or -1. */
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
    if (!r->bGeneric && !c->bLenient && !tok_is_cap(c, i)) continue;
    int e = i + al->ph.n;
    if (r->bGeneric) {
      e = absorb_generic_tail(c, e);
    } else {
      int bPlace = 0;
      int bAliasTinh = tok_is(&c->aT[e - 1], "tinh");
      int bFallback = al->bNeedPlace || strcmp(r->zKind, "báo đài") == 0;
      e = absorb_place(c, e, bAliasTinh, bFallback, &bPlace);
      if (al->bNeedPlace && !bPlace) continue;
      /* the written head must look like a name, not a lowercase verb
      ** ("báo cáo"): required only where a place is required */
      if (al->bNeedPlace && !tok_is_title(c, i)) continue;
    }
    *piRec = al->iRec;
    return e;
  }
  return -1;
}

static int match_head(const scan_ctx *c, int i) {
  const agency_table *t = c->t;
  int best = 0;
  if (i >= c->nT || !filter_may_have(&t->headFirst, c->aT[i].h)) return 0;
  for (int k = 0; k < VP_ARRAY_SIZE(t->aHead); k++) {
    if (t->aHead[k].n > best && phrase_at(c->aT, c->nT, i, &t->aHead[k])) best = t->aHead[k].n;
  }
  return best;
}

/* Number of consecutive capitalized words from k. */
static int cap_run(const scan_ctx *c, int k) {
  int n = 0;
  while (k + n < c->nT && tok_is_cap(c, k + n)) n++;
  return n;
}

/* A named body outside the table at token i: head noun written in title
** case, then a name of capitalized words. Returns the end token or -1. */
static int match_outside(const scan_ctx *c, int i) {
  int nHead = match_head(c, i);
  if (nHead == 0 || !tok_is_title(c, i)) return -1;
  int k = i + nHead;
  if (k >= c->nT || !tok_is_cap(c, k)) return -1;
  int iLast = k, nRunAtLast = 1;
  int iLimit = k + NAME_MAX_TOKENS < c->nT ? k + NAME_MAX_TOKENS : c->nT;
  int run = 1;
  k++;
  while (k < iLimit) {
    if (tok_is_cap(c, k)) {
      int iRec;
      if (match_table(c, k, &iRec) >= 0 || match_head(c, k) > 0) break;
      run++;
      iLast = k;
      nRunAtLast = run;
      k++;
      continue;
    }
    if (!tok_is_lower_word(c, k) || run >= 2) break;
    /* a run of lowercase words: keep it only if capitals follow soon */
    int m = k;
    while (m < iLimit && tok_is_lower_word(c, m)) m++;
    if (m >= iLimit || !tok_is_cap(c, m)) break;
    int nLower = m - k;
    int bProper = cap_run(c, m) >= 2;
    if (nLower > (bProper ? NAME_LOWER_RUN_PROPER : NAME_LOWER_RUN)) break;
    if (tok_is(&c->aT[m - 1], "va")) {
      int iRec;
      if (match_table(c, m, &iRec) >= 0 || match_head(c, m) > 0) break;
    }
    run = 0;
    k = m;
  }
  int e = iLast + 1;
  /* "Kỹ thuật - Công nghệ": a lone capitalized syllable takes its second */
  if (nRunAtLast == 1 && e < c->nT && tok_is_lower_word(c, e) &&
      !tok_is(&c->aT[e], "va") && c->aT[e].iS != c->aT[e - 1].iS) {
    e++;
  }
  return e;
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
  m->zCanon = r ? vp_strndup(r->zCanon, -1) : canon_tone_placement(m->zName ? m->zName : "");
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
  int rc = tokenize(pF->z, pF->n, &tl);
  scan_ctx c = {t, bLenient, z, n, pF, tl.a, tl.n};
  for (int i = 0; rc == VP_OK && i < tl.n;) {
    if (i > 0 && tl.a[i].iS == tl.a[i - 1].iS) {
      i++;
      continue;
    }
    int iRec = -1;
    int e = match_table(&c, i, &iRec);
    const vp_agency *r = e >= 0 ? &t->aRec[iRec] : NULL;
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
