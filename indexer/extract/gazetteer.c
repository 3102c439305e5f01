/*
** gazetteer.c — the 63 provinces of data/provinces.tsv and the other ways
** people write them (data/province-aliases.tsv), matched on folded text where
** any run of spaces, '-' and '.' counts as one separator, so "Bà Rịa-Vũng Tàu",
** "Bà Rịa - Vũng Tàu" and "ba ria- vung tau" are one name. Tables are built
** once (pthread_once) and read-only after, so every function is thread-safe.
** Not for deciding which province a document belongs to (meta.c does).
*/
#include "vp_gazetteer.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"

#define GAZ_MAX_PROVINCE 80
#define GAZ_MAX_NAME 512 /* names and aliases together */
#define GAZ_KEY_MAX 48
#define GAZ_POOL 8192
#define GAZ_NBUCKET (37 * 37)

/* one name a province goes by, as a separator-normalised folded key */
typedef struct gaz_name {
  char zKey[GAZ_KEY_MAX]; /* "ba ria vung tau": a-z0-9 and single spaces */
  int nKey;
  int iProvince;
} gaz_name;

static struct {
  vp_province aProvince[GAZ_MAX_PROVINCE];
  int nProvince;
  char zSinceKey[GAZ_MAX_PROVINCE][GAZ_KEY_MAX]; /* key of zSince2025 */
  gaz_name aName[GAZ_MAX_NAME];
  int nName;
  /* names sorted by bucket (first two key bytes); aBucket[b] = first index,
  ** aBucket[b + 1] = end */
  int aBucket[GAZ_NBUCKET + 1];
  char aPool[GAZ_POOL]; /* storage of the province strings */
  int nPool;
} gaz;
static pthread_once_t gaz_once = PTHREAD_ONCE_INIT;

static int is_sep(char c) { return c == ' ' || c == '-' || c == '.'; }

static int is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* a byte that continues a word: ASCII letter/digit or part of a non-ASCII
** code point (folded text keeps letters it cannot fold) */
static int is_word_byte(char c) {
  return is_alnum(c) || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

/* Separator-normalised key of folded text z[0..n): runs of separators become
** one space, leading and trailing ones dropped. Returns the key length, or
** -1 when it does not fit or holds a byte that is not a letter, digit or
** separator. */
static int normalise_key(const char *z, int n, char *zOut, int nOut) {
  int j = 0, bSep = 0;
  for (int i = 0; i < n; i++) {
    char c = z[i];
    if (is_sep(c)) {
      bSep = (j > 0);
      continue;
    }
    if (!is_alnum(c)) return -1;
    if (bSep) {
      if (j + 1 >= nOut) return -1;
      zOut[j++] = ' ';
      bSep = 0;
    }
    if (j + 1 >= nOut) return -1;
    zOut[j++] = c;
  }
  zOut[j] = 0;
  return j;
}

/* folded, normalised key of a name as written; -1 if it has no usable key */
static int key_of_name(const char *zName, char *zOut, int nOut) {
  char *zF = vp_fold_str(zName, -1);
  if (zF == NULL) return -1;
  int n = normalise_key(zF, (int)strlen(zF), zOut, nOut);
  free(zF);
  return n;
}

static int bucket_of(char c0, char c1) {
  int a = (c0 >= 'a' && c0 <= 'z') ? c0 - 'a' + 1 : (c0 >= '0' && c0 <= '9') ? c0 - '0' + 27 : 0;
  int b = (c1 >= 'a' && c1 <= 'z') ? c1 - 'a' + 1 : (c1 >= '0' && c1 <= '9') ? c1 - '0' + 27 : 0;
  return a * 37 + b;
}

static const char *pool_copy(const char *z) {
  int n = (int)strlen(z) + 1;
  if (gaz.nPool + n > GAZ_POOL) return NULL;
  char *zCopy = gaz.aPool + gaz.nPool;
  memcpy(zCopy, z, (size_t)n);
  gaz.nPool += n;
  return zCopy;
}

static int find_province_by_name(const char *zName) {
  for (int i = 0; i < gaz.nProvince; i++) {
    if (strcmp(gaz.aProvince[i].zName, zName) == 0) return i;
  }
  return -1;
}

static void add_name(const char *zWritten, int iProvince) {
  if (gaz.nName >= GAZ_MAX_NAME) return;
  gaz_name *p = &gaz.aName[gaz.nName];
  p->nKey = key_of_name(zWritten, p->zKey, GAZ_KEY_MAX);
  if (p->nKey < 2) return;
  for (int i = 0; i < gaz.nName; i++) { /* the same key twice adds nothing */
    if (strcmp(gaz.aName[i].zKey, p->zKey) == 0) return;
  }
  p->iProvince = iProvince;
  gaz.nName++;
}

static void load_provinces(void) {
  const char *zTable = vp_data_get("provinces.tsv", NULL);
  size_t iPos = 0;
  char zLine[512];
  char *azCol[4];
  int nCol;
  while ((nCol = vp_data_next_row(zTable, &iPos, zLine, sizeof(zLine), azCol, 4)) > 0) {
    if (nCol < 3 || gaz.nProvince >= GAZ_MAX_PROVINCE) continue;
    vp_province *p = &gaz.aProvince[gaz.nProvince];
    p->zName = pool_copy(azCol[0]);
    p->zKind = pool_copy(azCol[1]);
    p->zSince2025 = pool_copy(azCol[2]);
    if (p->zName == NULL || p->zKind == NULL || p->zSince2025 == NULL) continue;
    if (key_of_name(p->zSince2025, gaz.zSinceKey[gaz.nProvince], GAZ_KEY_MAX) < 0) {
      gaz.zSinceKey[gaz.nProvince][0] = 0;
    }
    add_name(p->zName, gaz.nProvince);
    gaz.nProvince++;
  }
}

static void load_aliases(void) {
  const char *zTable = vp_data_get("province-aliases.tsv", NULL);
  size_t iPos = 0;
  char zLine[512];
  char *azCol[2];
  while (vp_data_next_row(zTable, &iPos, zLine, sizeof(zLine), azCol, 2) == 2) {
    int iProvince = find_province_by_name(azCol[1]);
    if (iProvince >= 0) add_name(azCol[0], iProvince);
  }
}

static int compare_name_bucket(const void *a, const void *b) {
  const gaz_name *pA = a, *pB = b;
  int bA = bucket_of(pA->zKey[0], pA->zKey[1]);
  int bB = bucket_of(pB->zKey[0], pB->zKey[1]);
  return bA - bB;
}

static void build_buckets(void) {
  qsort(gaz.aName, (size_t)gaz.nName, sizeof(gaz_name), compare_name_bucket);
  int i = 0;
  for (int b = 0; b <= GAZ_NBUCKET; b++) {
    while (i < gaz.nName && bucket_of(gaz.aName[i].zKey[0], gaz.aName[i].zKey[1]) < b) i++;
    gaz.aBucket[b] = i;
  }
}

static void gaz_build(void) {
  load_provinces();
  load_aliases();
  build_buckets();
}

static void gaz_init(void) { pthread_once(&gaz_once, gaz_build); }

int vp_gaz_count(void) {
  gaz_init();
  return gaz.nProvince;
}

const vp_province *vp_gaz_get(int i) {
  gaz_init();
  return (i >= 0 && i < gaz.nProvince) ? &gaz.aProvince[i] : NULL;
}

/* Folded bytes of z[0..n) that the key matches, a separator in the key
** standing for any run of separators; 0 when it does not match or does not
** end at a word boundary. */
static int match_key(const gaz_name *pName, const char *z, int n) {
  int j = 0;
  for (int i = 0; i < pName->nKey; i++) {
    char c = pName->zKey[i];
    if (c == ' ') {
      if (j >= n || !is_sep(z[j])) return 0;
      while (j < n && is_sep(z[j])) j++;
    } else {
      if (j >= n || z[j] != c) return 0;
      j++;
    }
  }
  if (j < n && is_word_byte(z[j])) return 0;
  return j;
}

const vp_province *vp_gaz_match_fold(const char *zFold, int n, int *pnLen) {
  gaz_init();
  *pnLen = 0;
  if (zFold == NULL || n < 2 || !is_alnum(zFold[0])) return NULL;
  char c1 = is_sep(zFold[1]) ? ' ' : zFold[1];
  int b = bucket_of(zFold[0], c1 == ' ' ? 0 : c1);
  const vp_province *pBest = NULL;
  for (int i = gaz.aBucket[b]; i < gaz.aBucket[b + 1]; i++) {
    int nLen = match_key(&gaz.aName[i], zFold, n);
    if (nLen > *pnLen) {
      *pnLen = nLen;
      pBest = &gaz.aProvince[gaz.aName[i].iProvince];
    }
  }
  return pBest;
}

/* what a user typed, folded and normalised ("Tỉnh Bình Thuận" → "tinh binh
** thuan"); -1 when it cannot be a name */
static int typed_key(const char *zTyped, char *zOut, int nOut) {
  if (zTyped == NULL) return -1;
  return key_of_name(zTyped, zOut, nOut);
}

/* the key with a leading "tinh ", "thanh pho " or "tp " removed, or NULL */
static const char *strip_unit_word(const char *zKey) {
  static const char *const azPrefix[] = {"tinh ", "thanh pho ", "tp "};
  for (int i = 0; i < VP_ARRAY_SIZE(azPrefix); i++) {
    size_t nP = strlen(azPrefix[i]);
    if (strncmp(zKey, azPrefix[i], nP) == 0) return zKey + nP;
  }
  return NULL;
}

static const vp_province *match_whole(const char *zKey) {
  int n = (int)strlen(zKey), nLen = 0;
  const vp_province *p = vp_gaz_match_fold(zKey, n, &nLen);
  return (p && nLen == n) ? p : NULL;
}

const vp_province *vp_gaz_lookup(const char *zTyped) {
  gaz_init();
  /* the canonical name as stored in the index (the common case of the query
  ** layer, once per answer row): no folding */
  for (int i = 0; zTyped && i < gaz.nProvince; i++) {
    if (strcmp(gaz.aProvince[i].zName, zTyped) == 0) return &gaz.aProvince[i];
  }
  char zKey[128];
  if (typed_key(zTyped, zKey, sizeof(zKey)) <= 0) return NULL;
  const vp_province *p = match_whole(zKey);
  if (p == NULL) {
    const char *zRest = strip_unit_word(zKey);
    if (zRest) p = match_whole(zRest);
  }
  return p;
}

/* index of the post-2025 unit whose name is zKey (any province of it), or -1 */
static int find_unit(const char *zKey) {
  for (int i = 0; i < gaz.nProvince; i++) {
    if (strcmp(gaz.zSinceKey[i], zKey) == 0) return i;
  }
  return -1;
}

static int unit_members(int iUnit, const vp_province **apOut, int nMax) {
  int n = 0;
  for (int i = 0; i < gaz.nProvince && n < nMax; i++) {
    if (strcmp(gaz.zSinceKey[i], gaz.zSinceKey[iUnit]) == 0) apOut[n++] = &gaz.aProvince[i];
  }
  return n;
}

int vp_gaz_members(const char *zTyped, const vp_province **apOut, int nMax) {
  gaz_init();
  char zKey[128];
  if (nMax <= 0 || typed_key(zTyped, zKey, sizeof(zKey)) <= 0) return 0;
  const char *zName = zKey;
  const vp_province *p = match_whole(zKey);
  if (p == NULL && find_unit(zKey) < 0) {
    zName = strip_unit_word(zKey);
    if (zName == NULL) return 0;
    p = match_whole(zName);
  }
  /* a post-2025 unit named directly ("Huế") or through a province that
  ** gave the unit its name ("TP.HCM" → Hồ Chí Minh) takes in all its members */
  int iUnit = find_unit(zName);
  if (iUnit < 0 && p != NULL) {
    char zProvinceKey[GAZ_KEY_MAX];
    if (key_of_name(p->zName, zProvinceKey, GAZ_KEY_MAX) > 0) iUnit = find_unit(zProvinceKey);
  }
  if (iUnit >= 0) return unit_members(iUnit, apOut, nMax);
  if (p == NULL) return 0;
  apOut[0] = p;
  return 1;
}
