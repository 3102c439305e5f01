/*
** occur.c — how a query's words stand in a passage (see vp_occur.h): the
** passage folded once (vp_fold), its words listed, each run of the query's
** words in order checked for what lies between them (a clause break), what
** follows ("số" and a number) and what stands a few words before (a cited
** title's head, a body's name head); a lone i and y after the same first
** consonant are one letter ("kĩ"/"kỹ"). The word lists are
** data/rank-words.tsv and data/query-words.tsv (iy-initial).
** Not for scoring.
*/
#include "vp_occur.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vp_common.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "vp_qparse.h"

#define OCCUR_MAX_WORDS 16 /* words of a query judged; longer ones are not */
#define OCCUR_TITLE_SPAN 12 /* words before a run where a title's head counts */
#define OCCUR_NAME_SPAN 8   /* words of a body's name before a run in it */

struct vp_occur_query {
  int nWord;
  char *azWord[OCCUR_MAX_WORDS]; /* folded */
  int anWord[OCCUR_MAX_WORDS];
  int bNumberLead; /* the last word introduces a number ("số") */
  int bTooLong;    /* more than OCCUR_MAX_WORDS words: not judged */
  const vp_lexicon_list *pHead; /* title heads (data/rank-words.tsv) */
  const vp_lexicon_list *pLead; /* words that introduce a number */
  const vp_lexicon_list *pName; /* heads of a body's name */
  const vp_lexicon_list *pPair; /* two-syllable words (data/word-pairs.tsv) */
  const vp_lexicon_list *pIY;   /* first consonants of "kĩ"/"kỹ" (query-words.tsv) */
};

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* A clause break between two words: the words on either side are not one
** term, and a title does not reach across it. */
/* Whether the folded passage word z[0..n) is the query's word w, i and
** y after a first consonant of q->pIY one letter ("ki" is "ky", "tỉ lệ"
** "tỷ lệ": data/query-words.tsv iy-initial). */
static int same_word(const vp_occur_query *q, int w, const char *z, int n) {
  const char *zW = q->azWord[w];
  if (n < 1 || n != q->anWord[w] || memcmp(z, zW, (size_t)n - 1) != 0) return 0;
  char a = z[n - 1], b = zW[n - 1];
  if (a == b) return 1;
  return ((a == 'i' && b == 'y') || (a == 'y' && b == 'i')) && n >= 2 &&
         vp_lexicon_find(q->pIY, z, n - 1) != NULL;
}

static int is_break(unsigned char c) {
  return c == '.' || c == ';' || c == ':' || c == '?' || c == '!' || c == '(' || c == ')' ||
         c == '|';
}

void vp_occur_query_free(vp_occur_query *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->nWord; i++) free(p->azWord[i]);
  free(p);
}

/* Quotes, operators, parentheses and prefix* aside (bQuotes: quotes
** allowed), the folded words of zQuery into a new *ppOut, at most
** OCCUR_MAX_WORDS (one more counted when there are more); *ppOut NULL when
** the query is not so plain. VP_OK or VP_ENOMEM. */
static int read_words(const char *zQuery, int bQuotes, vp_occur_query **ppOut) {
  *ppOut = NULL;
  if (zQuery == NULL) return VP_OK;
  char *zPlain = vp_strndup(zQuery, (int)strlen(zQuery));
  if (zPlain == NULL) return VP_ENOMEM;
  if (bQuotes) { /* quotes, straight and curly, out */
    for (char *c = zPlain; *c; c++)
      if (*c == '"') *c = ' ';
    static const char *const azCurly[] = {"\xe2\x80\x9c", "\xe2\x80\x9d"};
    for (int i = 0; i < 2; i++)
      for (char *c = strstr(zPlain, azCurly[i]); c; c = strstr(c, azCurly[i])) memset(c, ' ', 3);
  }
  if (!vp_qparse_is_plain(zPlain)) {
    free(zPlain);
    return VP_OK;
  }
  char *zF = vp_fold_str(zPlain, (int)strlen(zPlain));
  free(zPlain);
  vp_occur_query *p = calloc(1, sizeof(*p));
  if (zF == NULL || p == NULL) {
    free(zF);
    free(p);
    return VP_ENOMEM;
  }
  int rc = VP_OK;
  p->pIY = vp_lexicon_get("query-words.tsv", "iy-initial");
  for (const char *c = zF; *c && rc == VP_OK;) {
    while (*c && !is_word_byte((unsigned char)*c)) c++;
    const char *s = c;
    while (is_word_byte((unsigned char)*c)) c++;
    if (c == s) break;
    if (p->nWord == OCCUR_MAX_WORDS) {
      p->nWord++; /* too long to judge */
      break;
    }
    p->azWord[p->nWord] = vp_strndup(s, (int)(c - s));
    if (p->azWord[p->nWord] == NULL) rc = VP_ENOMEM;
    else p->anWord[p->nWord++] = (int)(c - s);
  }
  free(zF);
  if (p->nWord > OCCUR_MAX_WORDS) {
    p->nWord = OCCUR_MAX_WORDS;
    p->bTooLong = 1;
  }
  if (rc != VP_OK) {
    vp_occur_query_free(p);
    return rc;
  }
  *ppOut = p;
  return VP_OK;
}

int vp_occur_query_new(const char *zQuery, vp_occur_query **ppOut) {
  vp_occur_query *p = NULL;
  int rc = read_words(zQuery, 0, &p);
  *ppOut = NULL;
  if (rc == VP_OK && p && p->nWord >= 2 && !p->bTooLong) {
    p->pHead = vp_lexicon_get("rank-words.tsv", "title-head");
    p->pLead = vp_lexicon_get("rank-words.tsv", "number-lead");
    p->pName = vp_lexicon_get("rank-words.tsv", "name-head");
    p->pPair = vp_lexicon_get("word-pairs.tsv", NULL);
    p->bNumberLead =
        vp_lexicon_find(p->pLead, p->azWord[p->nWord - 1], p->anWord[p->nWord - 1]) != NULL;
    *ppOut = p;
    return VP_OK;
  }
  vp_occur_query_free(p);
  return rc;
}

int vp_occur_words_new(const char *zQuery, vp_occur_query **ppOut) {
  int rc = read_words(zQuery, 1, ppOut);
  if (rc == VP_OK && *ppOut && ((*ppOut)->nWord == 0 || (*ppOut)->bTooLong)) {
    vp_occur_query_free(*ppOut);
    *ppOut = NULL;
  }
  return rc;
}

typedef struct word { int iStart, iEnd; } word; /* folded offsets */

/* The words of the folded text, in one pass (no more than one for every
** two bytes): a new array (caller frees) and their count, or NULL. */
static word *words_of(const vp_fold *f, int *pnWord) {
  word *a = malloc(sizeof(word) * (size_t)(f->n / 2 + 2));
  int nWord = 0;
  for (int k = 0; a && k < f->n;) {
    if (!is_word_byte((unsigned char)f->z[k])) {
      k++;
      continue;
    }
    a[nWord].iStart = k;
    while (k < f->n && is_word_byte((unsigned char)f->z[k])) k++;
    a[nWord++].iEnd = k;
  }
  *pnWord = nWord;
  return a;
}

static int gap_breaks(const char *z, int iFrom, int iTo) {
  for (int k = iFrom; k < iTo; k++)
    if (is_break((unsigned char)z[k])) return 1;
  return 0;
}

/* Whether the source letter at z[i] is a capital (ASCII, or the Latin
** capitals Vietnamese uses: À-Ý, Ă Đ Ĩ Ũ, Ơ Ư, Ạ-Ỹ). */
static int is_capital(const unsigned char *z, int n, int i) {
  if (i >= n) return 0;
  unsigned c = z[i];
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if ((c & 0xE0) == 0xC0 && i + 1 < n) {
    unsigned u = ((c & 0x1F) << 6) | (z[i + 1] & 0x3F);
    return (u >= 0xC0 && u <= 0xDE && u != 0xD7) || (u >= 0x100 && u <= 0x17F && u % 2 == 0) ||
           u == 0x1A0 || u == 0x1AF;
  }
  if ((c & 0xF0) == 0xE0 && i + 2 < n) {
    unsigned u = ((c & 0x0F) << 12) | ((z[i + 1] & 0x3FU) << 6) | (z[i + 2] & 0x3F);
    return u >= 0x1EA0 && u <= 0x1EFF && u % 2 == 0;
  }
  return 0;
}

/* Whether a capitalised title head ends at a word before a[i], in its
** clause, within OCCUR_TITLE_SPAN words, and names a title: a capitalised
** word or a number (a number-lead word, digits) follows it ("Luật Đầu tư công", "Nghị
** quyết 57"; not "Nghị định mới"). */
static int in_title(const vp_occur_query *q, const vp_fold *f, const char *zSrc, int nSrc,
                    const word *a, int i) {
  const vp_lexicon_list *pHead = q->pHead, *pLead = q->pLead;
  for (int j = i - 1; j >= 0 && i - j <= OCCUR_TITLE_SPAN; j--) {
    if (gap_breaks(f->z, a[j].iEnd, a[j + 1].iStart)) return 0;
    int iStart = 0;
    if (!vp_lexicon_match_before(pHead, f->z, f->n, a[j].iEnd, 0, &iStart) ||
        !is_capital((const unsigned char *)zSrc, nSrc, f->aOff[iStart]))
      continue;
    const word *pNext = &a[j + 1];
    const char *zN = f->z + pNext->iStart;
    if ((zN[0] >= '0' && zN[0] <= '9') || vp_lexicon_find(pLead, zN, pNext->iEnd - pNext->iStart) ||
        is_capital((const unsigned char *)zSrc, nSrc, f->aOff[pNext->iStart]))
      return 1;
  }
  return 0;
}

/* Whether the run at a[i] stands inside a body's name: its first word a
** capital, and before it, over capitalised words, "và" and commas only
** (within OCCUR_NAME_SPAN words), a capitalised name head ("Bộ Giáo dục và
** Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Chuyển đổi số",
** "SỞ Y TẾ"): the words name the body, they say nothing of the subject.
** A query that names the body itself ("Sở Y tế") has the head in its run. */
static int in_name(const vp_occur_query *q, const vp_fold *f, const char *zSrc, int nSrc,
                   const word *a, int i) {
  const unsigned char *u = (const unsigned char *)zSrc;
  if (!is_capital(u, nSrc, f->aOff[a[i].iStart])) return 0;
  const vp_lexicon_list *pHead = q->pName;
  for (int j = i - 1; j >= 0 && i - j <= OCCUR_NAME_SPAN; j--) {
    for (int k = a[j].iEnd; k < a[j + 1].iStart; k++)
      if (f->z[k] != ' ' && f->z[k] != ',') return 0;
    int iStart = 0;
    if (vp_lexicon_match_before(pHead, f->z, f->n, a[j].iEnd, 0, &iStart) &&
        is_capital(u, nSrc, f->aOff[iStart]))
      return 1;
    int bAnd = a[j].iEnd - a[j].iStart == 2 && memcmp(f->z + a[j].iStart, "va", 2) == 0;
    if (!bAnd && !is_capital(u, nSrc, f->aOff[a[j].iStart])) return 0;
  }
  return 0;
}

/* Whether zSrc[iFrom..iTo), lowercased and composed (NFC), is z[0..n). */
static int written_as(const char *zSrc, int iFrom, int iTo, const char *z, int n) {
  utf8proc_uint8_t *zN = NULL;
  utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)zSrc + iFrom, iTo - iFrom, &zN,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  int bSame = r == n && zN && memcmp(zN, z, (size_t)n) == 0;
  free(zN);
  return bSame;
}

/* The two-syllable word of data/word-pairs.tsv that the folded words zX,
** zY are, either written with i where the list writes y ("ki thuat" is
** "ky thuat": same_word), or NULL. */
static const vp_lexicon_entry *pair_of(const vp_occur_query *q, const char *zX, int nX,
                                       const char *zY, int nY) {
  char zKey[64];
  if (nX + nY + 2 > (int)sizeof(zKey)) return NULL;
  memcpy(zKey, zX, (size_t)nX);
  zKey[nX] = ' ';
  memcpy(zKey + nX + 1, zY, (size_t)nY);
  int n = nX + nY + 1, aiI[2], nI = 0; /* where an unified i may have been y */
  if (zX[nX - 1] == 'i' && vp_lexicon_find(q->pIY, zX, nX - 1)) aiI[nI++] = nX - 1;
  if (zY[nY - 1] == 'i' && vp_lexicon_find(q->pIY, zY, nY - 1)) aiI[nI++] = n - 1;
  for (int m = 0; m < (1 << nI); m++) {
    for (int k = 0; k < nI; k++) zKey[aiI[k]] = (m >> k) & 1 ? 'y' : 'i';
    const vp_lexicon_entry *e = vp_lexicon_find(q->pPair, zKey, n);
    if (e) return e;
  }
  return NULL;
}

/* Whether the words a[i] and a[i + 1], with only spaces between them, are
** a two-syllable word of data/word-pairs.tsv as written (diacritics
** count: "công trình" is a word, "cộng trình" is not). */
static int is_pair(const vp_occur_query *q, const vp_fold *f, const char *zSrc, const word *a,
                   int i) {
  for (int k = a[i].iEnd; k < a[i + 1].iStart; k++)
    if (f->z[k] != ' ') return 0;
  int nX = a[i].iEnd - a[i].iStart, nY = a[i + 1].iEnd - a[i + 1].iStart;
  const vp_lexicon_entry *e = pair_of(q, f->z + a[i].iStart, nX, f->z + a[i + 1].iStart, nY);
  if (e == NULL) return 0;
  const char *zSp = strchr(e->zPhrase, ' ');
  if (zSp == NULL) return 0;
  return written_as(zSrc, f->aOff[a[i].iStart], f->aOff[a[i].iEnd], e->zPhrase,
                    (int)(zSp - e->zPhrase)) &&
         written_as(zSrc, f->aOff[a[i + 1].iStart], f->aOff[a[i + 1].iEnd], zSp + 1,
                    (int)strlen(zSp + 1));
}

/* Whether the run a[i..iLast] runs on into another word: its last word and
** the lowercase word right after it are a two-syllable word ("đầu tư công"
** + "trình": "công trình"), while its last two are not one ("tư công"). */
static int runs_on(const vp_occur_query *q, const vp_fold *f, const char *zSrc, int nSrc,
                   const word *a, int nWord, int iLast) {
  if (iLast < 1 || iLast + 1 >= nWord) return 0;
  if (is_capital((const unsigned char *)zSrc, nSrc, f->aOff[a[iLast + 1].iStart])) return 0;
  return is_pair(q, f, zSrc, a, iLast) && !is_pair(q, f, zSrc, a, iLast - 1);
}

/* Whether, of three words or more, only the last stands after a comma:
** "trợ cấp xã hội, số người" holds no "xã hội số" (an item of a list is
** a word, not one syllable), while "khoa học, công nghệ" and "phòng,
** chống ma túy" are how those terms are written. */
static int last_cut_off(const vp_fold *f, const word *a, int i, int iLast) {
  if (iLast - i < 2) return 0;
  for (int k = i; k < iLast; k++) {
    int bComma = memchr(f->z + a[k].iEnd, ',', (size_t)(a[k + 1].iStart - a[k].iEnd)) != NULL;
    if (bComma != (k == iLast - 1)) return 0;
  }
  return 1;
}

int vp_occur_count_in(const vp_occur_query *q, const char *z, int n, vp_occur_count *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  vp_fold f;
  if (vp_fold_init(&f, z, n) != VP_OK) return VP_ENOMEM;
  int nWord = 0;
  word *a = words_of(&f, &nWord);
  if (a == NULL) {
    vp_fold_free(&f);
    return VP_ENOMEM;
  }
  for (int i = 0; i + q->nWord <= nWord; i++) {
    int w = 0;
    while (w < q->nWord && same_word(q, w, f.z + a[i + w].iStart, a[i + w].iEnd - a[i + w].iStart)) w++;
    if (w < q->nWord) continue;
    int iLast = i + q->nWord - 1, bBroken = 0;
    for (int k = i; k < iLast && !bBroken; k++) bBroken = gap_breaks(f.z, a[k].iEnd, a[k + 1].iStart);
    if (!bBroken) bBroken = last_cut_off(&f, a, i, iLast);
    if (!bBroken && q->bNumberLead && iLast + 1 < nWord) {
      const word *pNext = &a[iLast + 1];
      int bSpaces = 1;
      for (int k = a[iLast].iEnd; k < pNext->iStart; k++) bSpaces &= f.z[k] == ' ';
      bBroken = bSpaces && f.z[pNext->iStart] >= '0' && f.z[pNext->iStart] <= '9';
    }
    if (!bBroken) bBroken = runs_on(q, &f, z, n, a, nWord, iLast);
    if (bBroken) {
      pOut->nBroken++;
      continue;
    }
    pOut->nTerm++;
    if (in_title(q, &f, z, n, a, i) || in_name(q, &f, z, n, a, i)) pOut->nCited++;
  }
  free(a);
  vp_fold_free(&f);
  return VP_OK;
}

double vp_occur_share_in(const vp_occur_query *q, const char *z, int n) {
  vp_fold f;
  if (vp_fold_init(&f, z, n) != VP_OK) return -1;
  unsigned mFound = 0, mAll = 0; /* bit w: the query's word w (first of its kind) */
  for (int w = 0; w < q->nWord; w++) {
    int bSeen = 0;
    for (int v = 0; v < w && !bSeen; v++)
      bSeen = q->anWord[v] == q->anWord[w] && !memcmp(q->azWord[v], q->azWord[w], (size_t)q->anWord[w]);
    if (!bSeen) mAll |= 1u << w;
  }
  for (int k = 0; k < f.n && mFound != mAll;) {
    if (!is_word_byte((unsigned char)f.z[k])) {
      k++;
      continue;
    }
    int iStart = k;
    while (k < f.n && is_word_byte((unsigned char)f.z[k])) k++;
    for (int w = 0; w < q->nWord; w++)
      if ((mAll & (1u << w)) && same_word(q, w, f.z + iStart, k - iStart))
        mFound |= 1u << w;
  }
  vp_fold_free(&f);
  int nAll = 0, nFound = 0;
  for (int w = 0; w < q->nWord; w++) {
    nAll += (mAll >> w) & 1;
    nFound += (mFound >> w) & 1;
  }
  return nAll ? (double)nFound / nAll : 1.0;
}

/* Whether the folded words x and y are a two-syllable word of the list. */
int vp_occur_words_broken(const vp_occur_query *q, const char *z, int n) {
  /* the query's pairs: word w and w + 1 a two-syllable word */
  int aPair[OCCUR_MAX_WORDS], nPair = 0;
  for (int w = 0; w + 1 < q->nWord; w++)
    if (pair_of(q, q->azWord[w], q->anWord[w], q->azWord[w + 1], q->anWord[w + 1])) aPair[nPair++] = w;
  if (nPair == 0) return 0;
  vp_fold f;
  if (vp_fold_init(&f, z, n) != VP_OK) return -1;
  int nWord = 0;
  word *a = words_of(&f, &nWord);
  if (a == NULL) {
    vp_fold_free(&f);
    return -1;
  }
  int nBroken = 0;
  for (int j = 0; j < nPair; j++) {
    int w = aPair[j], bFirst = 0, bSecond = 0, bTogether = 0;
    for (int k = 0; k < nWord && !bTogether; k++) {
      int bX = same_word(q, w, f.z + a[k].iStart, a[k].iEnd - a[k].iStart);
      int bY = same_word(q, w + 1, f.z + a[k].iStart, a[k].iEnd - a[k].iStart);
      bFirst |= bX;
      bSecond |= bY;
      if (!bX || k + 1 >= nWord) continue;
      int bSpaces = 1;
      for (int i = a[k].iEnd; i < a[k + 1].iStart; i++) bSpaces &= f.z[i] == ' ';
      if (!bSpaces || !same_word(q, w + 1, f.z + a[k + 1].iStart, a[k + 1].iEnd - a[k + 1].iStart)) continue;
      /* side by side is together, even as halves of two other words
      ** ("trợ cấp xã hội"): which reading is meant, the syllables do not
      ** tell ("phân cấp đất đai" holds "cấp đất" too) */
      bTogether = 1;
    }
    nBroken += bFirst && bSecond && !bTogether;
  }
  free(a);
  vp_fold_free(&f);
  return nBroken;
}
