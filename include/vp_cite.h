/*
** vp_cite.h — citations of instruments in a plan: "Nghị quyết/Kết luận/
** Quyết định/Chỉ thị/Kế hoạch/Chương trình (hành động)/Đề án/Nghị định/
** Thông tư/Tờ trình/… số N…" and bare numbers ("69-KL/TW"), with the date
** stated ("ngày 24/01/2024", "ngày 01-11-2012", "ngày 18 tháng 12 năm 2024"),
** issuing body ("của Bộ Chính trị"), quoted title, relation (căn cứ,
** thực hiện/triển khai, tiếp tục thực hiện, mention) and aliases defined in
** the text ("(sau đây gọi tắt là …)"). The document's own number is not a
** citation. Not for storing (vp_store) nor for the number syntax (vp_docnum).
*/
#ifndef VP_CITE_H
#define VP_CITE_H

#include "vp_docnum.h"
#include "vp_meta.h"
#include "vp_reader.h"

typedef enum vp_relation {
  VP_REL_MENTION = 0,
  VP_REL_BASIS = 1,      /* căn cứ */
  VP_REL_IMPLEMENTS = 2, /* thực hiện, triển khai (thực hiện) */
  VP_REL_CONTINUES = 3,  /* tiếp tục thực hiện */
  VP_REL_ALIAS = 4       /* the alias definition itself */
} vp_relation;

typedef struct vp_citation {
  int iPassage;     /* index in vp_text.aPassage */
  int iStart, iEnd; /* file byte span: from the type word (or the number when
                    ** bare) to the end of the number */
  vp_docnum num;    /* offsets in num are file offsets too */
  char *zTypeName;  /* "Nghị quyết", "Kết luận", … canonical; NULL if bare
                    ** and the type code names none */
  char *zDate;      /* ISO date as stated in this citation; NULL */
  char *zIssuerBody;/* "Bộ Chính trị", "Thủ tướng Chính phủ" (display); NULL */
  char *zTitle;     /* quoted title (display); NULL */
  vp_relation eRelation;
  char *zScope;     /* province the instrument belongs to when its issuer is
                    ** local (vp_docnum_is_local): the document's province,
                    ** else NULL (central). */
} vp_citation;

typedef struct vp_citations {
  vp_citation *a;
  int n;
} vp_citations;

/* Every citation in the document, in text order. VP_OK or VP_ENOMEM. Free
** with vp_cite_clear(). */
int vp_cite_extract(const vp_text *pText, const vp_meta *pMeta,
                    vp_citations *pOut, char **pzErr);
void vp_cite_clear(vp_citations *p);

/* "mention", "basis", "implements", "continues", "alias". */
const char *vp_cite_relation_name(vp_relation e);

/* Canonical instrument type name for a type code ("NQ" → "Nghị quyết",
** "QĐ" → "Quyết định"); NULL if unknown. From data/instrument-types.tsv. */
const char *vp_cite_type_name(const char *zCode);

#endif /* VP_CITE_H */
