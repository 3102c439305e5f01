/*
** vp_agency.h — agencies: one canonical record per kind of agency with its
** aliases, loaded from data/agencies.tsv ("Sở Nông nghiệp và Phát triển nông
** thôn" = "Sở Nông nghiệp và PTNT" = "Sở NN&PTNT"), their successors after
** the 2025 merger (data/agency-successors.tsv), generic groups ("các sở, ban,
** ngành") kept generic, and the scanner that finds agency names in text
** (longest alias first, so names with commas — "Sở Lao động, Thương binh và
** Xã hội" — stay whole; named bodies outside the table — "Trường Đại học Tân
** Trào" — found by a head noun of data/agency-heads.tsv and reported only as
** whole names, by the word lists of data/agency-words.tsv). A national body
** written bare keeps its national name ("Cục Thuế"); "tỉnh" is the table's
** only where written or provincial by nature. Not for roles (vp_task.h).
*/
#ifndef VP_AGENCY_H
#define VP_AGENCY_H

#include "vp_fold.h"

typedef struct vp_agency {
  const char *zCanon;     /* "Sở Tài chính", "Đài Phát thanh và Truyền hình
                          ** tỉnh", "Các sở, ban, ngành" */
  const char *zKind;      /* "sở", "ban đảng", "đoàn thể", "báo đài",
                          ** "trường", "generic", … */
  int bGeneric;           /* a group, never expanded to its members */
  const char *zSuccessor; /* department that carries its tasks since 2025;
                          ** NULL when unchanged */
  const char *zSuccessorNote; /* third column of agency-successors.tsv */
} vp_agency;

typedef struct vp_agency_mention {
  int iStart, iEnd;      /* byte span in the scanned text */
  const vp_agency *pAgency; /* table record; NULL for a named body outside
                            ** the table */
  char *zName;           /* display form as written (NFC, spaces collapsed) */
  char *zCanon;          /* pAgency->zCanon, or the written name normalized
                         ** (tone placement, spacing) for an outside body */
} vp_agency_mention;

/* All agency mentions in z[0..n), in order, non-overlapping. *paOut is
** malloc'd (free with vp_agency_mentions_free). VP_OK or VP_ENOMEM. */
int vp_agency_scan(const char *z, int n, vp_agency_mention **paOut,
                   int *pnOut);
void vp_agency_mentions_free(vp_agency_mention *a, int n);

/* As vp_agency_scan, reusing the caller's fold of the same text
** (vp_fold_init(pFold, z, n)) instead of folding it again: for extractors
** that fold each passage anyway. */
int vp_agency_scan_fold(const char *z, int n, const vp_fold *pFold,
                        vp_agency_mention **paOut, int *pnOut);

/* Does z[0..n) start with an agency's name or an institutional head noun
** of data/agency-heads.tsv, written with its tones and a capital ("Ban
** Quản lý …", not "Bước 5" nor "Một phần")? For text that a table's
** column says is a body even where the scanner reads no whole name. */
int vp_agency_starts_with_head(const char *z, int n);

/* Resolve what a user typed ("so tai chinh", "Sở KH&CN", "Sở NN&PTNT") to
** the table record. NULL when it names no known agency. */
const vp_agency *vp_agency_resolve(const char *zTyped);

/* Table records, for listing. */
int vp_agency_count(void);
const vp_agency *vp_agency_get(int i);

#endif /* VP_AGENCY_H */
