/*
** vp_agmatch.h — how well what a person typed matches an agency's name,
** both folded (vp_fold_str: no case, no diacritics, đ→d): the same name,
** its first words ("so giao duc" → Sở Giáo dục và Đào tạo), words inside it
** ("tai chinh" → Sở Tài chính), or the same words with a typo or two
** ("so tai chanh"). Pure functions. Not for reading names in text
** (vp_agency.h) nor for the index (vp_query.h ranks what this scores).
*/
#ifndef VP_AGMATCH_H
#define VP_AGMATCH_H

typedef enum vp_agmatch_tier {
  VP_AGMATCH_NONE = 0,
  VP_AGMATCH_TYPO = 1,   /* the same words but for a few letters */
  VP_AGMATCH_WORDS = 2,  /* the typed words stand together inside the name */
  VP_AGMATCH_PREFIX = 3, /* the name starts with the typed words */
  VP_AGMATCH_EXACT = 4   /* the same letters and digits */
} vp_agmatch_tier;

/* The tier of the match of zTyped against zName (both folded), and in
** *pnDist (may be NULL) the letters changed for a typo match (else 0). */
vp_agmatch_tier vp_agmatch_score(const char *zTyped, const char *zName, int *pnDist);

/* Letters to change (insert, delete, replace, swap two) to make a[0..na)
** into b[0..nb); inputs over 200 bytes are cut. Also spells a search word. */
int vp_agmatch_distance(const char *a, int na, const char *b, int nb);

/* The name of a tier: "exact", "prefix", "words", "typo", "". */
const char *vp_agmatch_tier_name(vp_agmatch_tier e);

#endif /* VP_AGMATCH_H */
