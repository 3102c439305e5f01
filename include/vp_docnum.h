/*
** vp_docnum.h — the parser of instrument numbers ("số, ký hiệu"):
** Party form "69-KL/TW", "331-KH/TU", "61-CTr/TU"; State form "709/QĐ-TTg",
** "35/2021/NĐ-CP", "41/TTr-SKHCN"; with the spacing noise of converted text
** ("472- KH/TU", "05 -NQ/TU", "3229 /KH-UBND", "36/2010/QĐ- UBND", a line
** break inside). Used by the tokenizer (one token per number), the citation
** extractor and the query side. Pure functions, no allocation.
** Not for the words around a number ("Nghị quyết số …"): see vp_cite.h.
*/
#ifndef VP_DOCNUM_H
#define VP_DOCNUM_H

typedef struct vp_docnum {
  int iStart, iEnd;  /* byte span in the scanned text, iEnd exclusive, noise
                     ** spaces inside included */
  char zNumber[16];  /* "69", "709", "35" */
  int nYear;         /* 2021 in "35/2021/NĐ-CP"; 0 when the number has none */
  char zType[16];    /* type code, canonical spelling: "KL" "NQ" "QĐ" "NĐ"
                     ** "CTr" "KH" "CT" "TTr" "ĐA" "TT" ...; "" if absent */
  char zIssuer[32];  /* issuer code, canonical spelling: "TW" "TU" "TTg" "CP"
                     ** "UBND" "HĐND" "BCT" "SKHCN" ...; may hold a dash:
                     ** "UBND-KT" */
  int bParty;        /* 1 for the Party form N-TYPE/ISSUER */
  char zKey[64];     /* display key: "69-KL/TW", "709/QĐ-TTg", "35/2021/NĐ-CP" */
  char zToken[64];   /* index/match token: zKey folded to ASCII lowercase,
                     ** the number without leading zeros ("69-kl/tw",
                     ** "709/qd-ttg", "35/2021/nd-cp"; "9/2025/nd-cp" for
                     ** "09/2025/NĐ-CP") */
} vp_docnum;

/* Read a number starting exactly at z[i], which must be an ASCII digit not
** preceded by a letter or digit. Accepts any letter case and D for Đ (so a
** typed "709/qd-ttg" parses). Returns 1 and fills *p, or 0. */
int vp_docnum_at(const char *z, int n, int i, vp_docnum *p);

/* Find the first number at or after z[iFrom]. Returns 1 and fills *p, or 0. */
int vp_docnum_next(const char *z, int n, int iFrom, vp_docnum *p);

/* 1 when the issuer code is a local one (TU, HU, UBND, HĐND, a Sở "S…",
** a province-level body): the instrument is unique only within a province. */
int vp_docnum_is_local(const vp_docnum *p);

/* The usual name of a national issuer whose code the table of
** data/instrument-types.tsv knows ("CP" → "Chính phủ", "TTg" → "Thủ tướng
** Chính phủ"); NULL for a local or unknown code. Static. */
const char *vp_docnum_national_issuer(const vp_docnum *p);

/* The usual name of the issuer whose code the table knows, national or
** local ("UBND" → "Ủy ban nhân dân", "SGDĐT" → "Sở Giáo dục và Đào tạo");
** NULL for an unknown code. Static. */
const char *vp_docnum_issuer_name(const vp_docnum *p);

#endif /* VP_DOCNUM_H */
