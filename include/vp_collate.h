/*
** vp_collate.h — Vietnamese alphabetical order for names people read in
** lists (agencies, provinces): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s
** t u ư v x y, tones after the base letter (a à ả ã á ạ), case after that.
** Not for search matching (vp_fold) nor for ranking.
*/
#ifndef VP_COLLATE_H
#define VP_COLLATE_H

#include <cjson/cJSON.h>

/* <0, 0, >0 as zA sorts before, with or after zB (UTF-8; NULL sorts first).
** Letters first by base letter and its modifier (breve, circumflex, horn,
** đ), over the whole string; then tones; then case; then bytes. */
int vp_collate_cmp(const char *zA, const char *zB);

/* Sort the objects of the array aArr by their string member zKey in that
** order, keeping the order of equal ones (stable). Items without the
** member sort first. 0 on success, -1 out of memory (aArr unchanged). */
int vp_collate_sort(cJSON *aArr, const char *zKey);

#endif /* VP_COLLATE_H */
