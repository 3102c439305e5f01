/*
** vp_gazetteer.h — Vietnam's provinces and centrally-run cities before and
** after the 2025 reorganisation (data/provinces.tsv) with the short and long
** forms people write (data/province-aliases.tsv): "Bà Rịa - Vũng Tàu",
** "Bà Rịa-Vũng Tàu", "BR-VT", "TP. Hồ Chí Minh", "Thừa Thiên - Huế"…
** Not for deciding which province a document belongs to (vp_meta does).
*/
#ifndef VP_GAZETTEER_H
#define VP_GAZETTEER_H

typedef struct vp_province {
  const char *zName;      /* canonical name before 2025: "Bình Thuận" */
  const char *zKind;      /* "tỉnh" or "thành phố" */
  const char *zSince2025; /* the unit it belongs to since 1 July 2025 */
} vp_province;

/* Number of provinces (63) and the i-th. Tables are built on first use,
** thread-safely. */
int vp_gaz_count(void);
const vp_province *vp_gaz_get(int i);

/* The province whose name or alias starts the folded text zFold[0..n) (as
** made by vp_fold: lowercase, no diacritics) and ends at a word boundary;
** longest match wins. Sets *pnLen to the folded bytes matched. NULL if none. */
const vp_province *vp_gaz_match_fold(const char *zFold, int n, int *pnLen);

/* Resolve what a user typed ("binh thuan", "Tỉnh Bình Thuận", "BRVT") to a
** pre-2025 province. NULL if it names none. */
const vp_province *vp_gaz_lookup(const char *zTyped);

/* For a filter: the pre-2025 provinces that zTyped names. A pre-2025 name
** gives itself; a post-2025 unit's name ("Lâm Đồng") gives every province it
** took in (Lâm Đồng, Đắk Nông, Bình Thuận). Writes up to nMax pointers to
** apOut, returns how many (0 when zTyped names no province). */
int vp_gaz_members(const char *zTyped, const vp_province **apOut, int nMax);

#endif /* VP_GAZETTEER_H */
