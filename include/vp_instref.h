/*
** vp_instref.h — an instrument named the way people type it, read loosely
** into its parts: "nghị quyết 20", "NQ 20", "NQ 20/TW", "20/NQ-TW" (slash
** and dash swapped), "KL 69", "QĐ 709", "Quyết định 709 năm 2022",
** "Nghị quyết 20 của Trung ương". Type and issuer names and codes come from
** data/instrument-types.tsv (vp_lexicon.h). Pure, no allocation kept.
** Not for numbers written in full (vp_docnum.h reads those exactly) nor
** for deciding which indexed instrument is meant (vp_query.h does that).
*/
#ifndef VP_INSTREF_H
#define VP_INSTREF_H

typedef struct vp_instref {
  char zNumber[16]; /* "20"; "" when the text names no number */
  int nYear;        /* 2021 in "35/2021/NĐ-CP" or "năm 2021"; 0 if none */
  char zType[16];   /* canonical type code "NQ", "QĐ"; "" if none named */
  char zIssuer[32]; /* canonical issuer code "TW", "TTg"; "" if none */
  int bAlone;       /* the query names the instrument and nothing else
                    ** ("NQ 57", "nghị quyết số 57 năm 2024"), not a topic
                    ** beside it ("nghị quyết 57 chuyển đổi số") */
} vp_instref;

/* Read zQuery into *p. Returns 1 when it names a number (zNumber set),
** else 0 (the other fields may still be set). */
int vp_instref_parse(const char *zQuery, vp_instref *p);

#endif /* VP_INSTREF_H */
