/*
** vp_meta.h — a document's own metadata: kind ("Kế hoạch"), own number
** ("Số: 222/KH-UBND", or from an appendix line "Ban hành kèm theo Kế hoạch số
** 3229 /KH-UBND ngày 27 /8/2024"), date as ISO, issuer, province (header,
** place-date line, or body "trên địa bàn tỉnh …" through the gazetteer),
** title and signer. Not for citations of other instruments (vp_cite.h).
*/
#ifndef VP_META_H
#define VP_META_H

#include "vp_reader.h"

typedef struct vp_meta {
  char *zKind;     /* "Kế hoạch", "Quyết định", …; NULL if not stated */
  char *zNumber;   /* own number, canonical key form "222/KH-UBND"; NULL */
  char *zDate;     /* "2024-12-18"; NULL */
  char *zIssuer;   /* "Ủy ban nhân dân tỉnh"; NULL */
  char *zProvince; /* gazetteer canonical name; NULL if none found */
  char *zTitle;    /* display text (NFC, spaces collapsed); NULL */
  char *zSigner;   /* NULL if not found */
  /* source byte spans where the own number is written (header, appendix
  ** line), so the citation extractor does not count them as citations */
  int nSelf;
  int aSelfStart[4], aSelfEnd[4];
} vp_meta;

/* Fill *pOut from the passages. VP_OK or VP_ENOMEM. Free with
** vp_meta_clear() (which also zeroes). */
int vp_meta_extract(const vp_text *pText, vp_meta *pOut, char **pzErr);
void vp_meta_clear(vp_meta *p);

/* The usual spelling of an issuing body that data/instrument-types.tsv
** names (its issuer and body rows), for z[0..n) written in any case or
** without diacritics ("BỘ CHÍNH TRỊ" → "Bộ Chính trị"); NULL when unknown or
** out of memory. Caller frees. */
char *vp_meta_known_body(const char *z, int n);

#endif /* VP_META_H */
