/*
** collate.c — Vietnamese alphabetical order (vp_collate.h). Each code point
** is decomposed (NFD, utf8proc) into a base letter, a letter modifier
** (breve ă, circumflex â ê ô, horn ơ ư; đ is its own letter after d) and a
** tone (none, huyền, hỏi, ngã, sắc, nặng — the dictionaries' order).
** Strings compare on base letters with modifiers first, then on tones,
** then on case, then on bytes. Not for folding text to search (fold.c).
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_collate.h"

typedef struct ckey {
  unsigned primary; /* base letter (lowercase) * 4 + modifier */
  unsigned char tone;
  unsigned char upper;
} ckey;

static int tone_of(utf8proc_int32_t c) {
  switch (c) {
    case 0x300: return 1; /* huyền */
    case 0x309: return 2; /* hỏi */
    case 0x303: return 3; /* ngã */
    case 0x301: return 4; /* sắc */
    case 0x323: return 5; /* nặng */
    default: return 0;
  }
}

static int modifier_of(utf8proc_int32_t c) {
  switch (c) {
    case 0x306: return 1; /* breve: ă */
    case 0x302: return 2; /* circumflex: â ê ô */
    case 0x31B: return 3; /* horn: ơ ư */
    default: return -1;
  }
}

/* The next key of z[*pi..n), advancing *pi; 0 at the end. */
static int next_key(const char *z, size_t n, size_t *pi, ckey *k) {
  while (*pi < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)z + *pi,
                                            (utf8proc_ssize_t)(n - *pi), &cp);
    if (len <= 0) { /* a stray byte: itself, after every letter */
      cp = 0x110000 + (unsigned char)z[*pi];
      len = 1;
    }
    *pi += (size_t)len;
    utf8proc_int32_t aDec[8];
    utf8proc_ssize_t nDec = cp < 0x110000
                                ? utf8proc_decompose_char(cp, aDec, 8, UTF8PROC_DECOMPOSE, NULL)
                                : 0;
    if (nDec <= 0 || nDec > 8) {
      aDec[0] = cp;
      nDec = 1;
    }
    utf8proc_int32_t base = aDec[0];
    if (nDec == 1 && utf8proc_category(base) == UTF8PROC_CATEGORY_MN && tone_of(base) == 0 &&
        modifier_of(base) < 0) {
      continue; /* a lone mark that is neither a tone nor a modifier */
    }
    int mod = 0, tone = 0;
    for (utf8proc_ssize_t j = 1; j < nDec; j++) {
      if (modifier_of(aDec[j]) >= 0) mod = modifier_of(aDec[j]);
      else if (tone_of(aDec[j])) tone = tone_of(aDec[j]);
    }
    k->upper = 0;
    utf8proc_int32_t lower = utf8proc_tolower(base);
    if (lower != base) k->upper = 1;
    if (lower == 0x111) { /* đ after d */
      lower = 'd';
      mod = 2;
    }
    k->primary = (unsigned)lower * 4u + (unsigned)mod;
    k->tone = (unsigned char)tone;
    return 1;
  }
  return 0;
}

int vp_collate_cmp(const char *zA, const char *zB) {
  if (zA == NULL || zB == NULL) return zA ? 1 : zB ? -1 : 0;
  size_t nA = strlen(zA), nB = strlen(zB);
  for (int level = 0; level < 3; level++) {
    size_t iA = 0, iB = 0;
    for (;;) {
      ckey ka, kb;
      int bA = next_key(zA, nA, &iA, &ka), bB = next_key(zB, nB, &iB, &kb);
      if (!bA || !bB) {
        if (bA != bB) return bA ? 1 : -1;
        break;
      }
      unsigned va = level == 0 ? ka.primary : level == 1 ? ka.tone : ka.upper;
      unsigned vb = level == 0 ? kb.primary : level == 1 ? kb.tone : kb.upper;
      if (va != vb) return va < vb ? -1 : 1;
    }
  }
  return strcmp(zA, zB);
}

typedef struct sort_item {
  cJSON *p;
  const char *zKey;
  int i;
} sort_item;

static int item_cmp(const void *pa, const void *pb) {
  const sort_item *a = pa, *b = pb;
  int c = vp_collate_cmp(a->zKey, b->zKey);
  return c ? c : (a->i > b->i) - (a->i < b->i);
}

int vp_collate_sort(cJSON *aArr, const char *zKey) {
  int n = cJSON_GetArraySize(aArr);
  if (n < 2) return 0;
  sort_item *a = malloc(sizeof(*a) * (size_t)n);
  if (a == NULL) return -1;
  for (int i = 0; i < n; i++) {
    a[i].p = cJSON_GetArrayItem(aArr, i);
    a[i].zKey = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a[i].p, zKey));
    a[i].i = i;
  }
  qsort(a, (size_t)n, sizeof(*a), item_cmp);
  for (int i = 0; i < n; i++) cJSON_DetachItemViaPointer(aArr, a[i].p);
  for (int i = 0; i < n; i++) cJSON_AddItemToArray(aArr, a[i].p);
  free(a);
  return 0;
}
