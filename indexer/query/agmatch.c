/*
** agmatch.c — scoring a typed agency name against a known one (see
** vp_agmatch.h). Both are folded; words are runs of ASCII letters and
** digits, so "KH&CN", commas and dashes do not count. A typo is measured by
** the edit distance (with transpositions) between the typed words and as
** many first words of the name, at most one letter in five.
** Not for choosing among candidates: the query layer ranks them.
*/
#include "vp_agmatch.h"

#include <string.h>

#define MAX_WORDS 24
#define MAX_LEN 200

typedef struct words {
  char z[MAX_LEN + 1]; /* the words joined by single spaces */
  int aStart[MAX_WORDS];
  int n;
} words;

static int is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

static void split(const char *z, words *w) {
  int o = 0;
  w->n = 0;
  while (*z && o < MAX_LEN - 1) {
    while (*z && !is_word_char(*z)) z++;
    if (!*z || w->n == MAX_WORDS) break;
    if (o) w->z[o++] = ' ';
    w->aStart[w->n++] = o;
    while (*z && is_word_char(*z) && o < MAX_LEN) {
      char c = *z++;
      w->z[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
  }
  w->z[o] = 0;
}

/* Words aT[0..nT) of t equal those of n from word i on; the last typed
** word may be a prefix when bPrefixLast. */
static int words_at(const words *t, const words *n, int i, int bPrefixLast) {
  if (i + t->n > n->n) return 0;
  for (int k = 0; k < t->n; k++) {
    const char *a = t->z + t->aStart[k], *b = n->z + n->aStart[i + k];
    int la = (int)strcspn(a, " "), lb = (int)strcspn(b, " ");
    if (la > lb || memcmp(a, b, (size_t)la) != 0) return 0;
    if (la < lb && !(bPrefixLast && k == t->n - 1)) return 0;
  }
  return 1;
}

/* Edit distance with adjacent transpositions, bounded inputs. */
static int distance(const char *a, int na, const char *b, int nb) {
  if (na > MAX_LEN) na = MAX_LEN;
  if (nb > MAX_LEN) nb = MAX_LEN;
  int d0[MAX_LEN + 1], d1[MAX_LEN + 1], d2[MAX_LEN + 1];
  for (int j = 0; j <= nb; j++) d1[j] = j;
  for (int i = 1; i <= na; i++) {
    d2[0] = i;
    for (int j = 1; j <= nb; j++) {
      int c = d1[j - 1] + (a[i - 1] != b[j - 1]);
      if (d1[j] + 1 < c) c = d1[j] + 1;
      if (d2[j - 1] + 1 < c) c = d2[j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d0[j - 2] + 1 < c)
        c = d0[j - 2] + 1;
      d2[j] = c;
    }
    memcpy(d0, d1, sizeof(int) * (size_t)(nb + 1));
    memcpy(d1, d2, sizeof(int) * (size_t)(nb + 1));
  }
  return d1[nb];
}

/* Every typed word of two letters or fewer is the name's word at its
** place: a typo changes a letter of a long word ("so tai chanh"), a short
** one changed is another word ("so tc" is no "so tp"). */
static int short_words_kept(const words *t, const words *n) {
  for (int k = 0; k < t->n; k++) {
    const char *a = t->z + t->aStart[k];
    int la = (int)strcspn(a, " ");
    if (la > 2) continue;
    if (k >= n->n) return 0;
    const char *b = n->z + n->aStart[k];
    if ((int)strcspn(b, " ") != la || memcmp(a, b, (size_t)la) != 0) return 0;
  }
  return 1;
}

vp_agmatch_tier vp_agmatch_score(const char *zTyped, const char *zName, int *pnDist) {
  words t, n;
  split(zTyped, &t);
  split(zName, &n);
  if (pnDist) *pnDist = 0;
  if (t.n == 0 || n.n == 0) return VP_AGMATCH_NONE;
  /* letters and digits only: "so kh cn" is "sokhcn" */
  char a[MAX_LEN + 1], b[MAX_LEN + 1];
  int na = 0, nb = 0;
  for (const char *c = t.z; *c; c++) if (*c != ' ') a[na++] = *c;
  for (const char *c = n.z; *c; c++) if (*c != ' ') b[nb++] = *c;
  a[na] = b[nb] = 0;
  if (na == nb && memcmp(a, b, (size_t)na) == 0) return VP_AGMATCH_EXACT;
  if (words_at(&t, &n, 0, 1)) return VP_AGMATCH_PREFIX;
  for (int i = 1; i < n.n; i++)
    if (words_at(&t, &n, i, 1)) return VP_AGMATCH_WORDS;
  /* a typo: against the name's first words, as many as were typed, or the
  ** whole name */
  int nMax = na / 5 > 0 ? na / 5 : 1;
  if (nMax > 3) nMax = 3;
  int iEnd = t.n < n.n ? n.aStart[t.n] - 1 : (int)strlen(n.z);
  int d = distance(t.z, (int)strlen(t.z), n.z, iEnd);
  int dAll = distance(t.z, (int)strlen(t.z), n.z, (int)strlen(n.z));
  if (dAll < d) d = dAll;
  if (d <= nMax && (int)strlen(t.z) >= 4 && short_words_kept(&t, &n)) {
    if (pnDist) *pnDist = d;
    return VP_AGMATCH_TYPO;
  }
  return VP_AGMATCH_NONE;
}

int vp_agmatch_distance(const char *a, int na, const char *b, int nb) {
  return distance(a, na, b, nb);
}

const char *vp_agmatch_tier_name(vp_agmatch_tier e) {
  switch (e) {
    case VP_AGMATCH_EXACT: return "exact";
    case VP_AGMATCH_PREFIX: return "prefix";
    case VP_AGMATCH_WORDS: return "words";
    case VP_AGMATCH_TYPO: return "typo";
    default: return "";
  }
}
