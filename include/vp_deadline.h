/*
** vp_deadline.h — the deadline a task's text states, read on its folded view
** (vp_fold.h): "trước ngày 15/12/2025", "trong quý IV/2023", "6 tháng đầu
** năm 2024", "năm 2026", a time limit ("trong thời hạn 05 ngày làm việc"),
** a limit tied to an event ("ngay sau khi …"), "hằng năm"; and the normal
** form of a table's deadline cell. Not for a document's own date (meta.c).
*/
#ifndef VP_DEADLINE_H
#define VP_DEADLINE_H

#include "vp_fold.h"

typedef struct vp_deadline {
  int iS, iE;      /* folded span as written */
  char zNorm[24];  /* normal form ("2025-12-15", "2023-Q4", "2024-H1",
                   ** "2026", "P5D", "-P10D", "event", "yearly", "R/P6M");
                   ** "" when it
                   ** has none */
  int bFound;
} vp_deadline;

/* The deadline in prose from folded index iFrom on: the most precise dated
** one (days beat months beat quarters beat halves beat years; a date after
** a goal word is a target, not a deadline), else a time limit, else a limit
** tied to an event, else a recurrence: "định kỳ hằng quý" (quarterly),
** "Định kỳ 05 năm" (R/P5Y) or an opening "Hằng năm" (yearly), else an
** opening "Thường xuyên" (continuous). *pOut is cleared first; bFound says
** whether one was found. */
void vp_deadline_in_prose(const vp_fold *f, int iFrom, vp_deadline *pOut);

/* The normal form of a deadline cell into zNorm[0..nNorm) ("" when none):
** "Hằng năm" → yearly, "Năm 2024-2030" → 2024/2030, "Thường xuyên" →
** continuous, "Quý IV/2023" → 2023-Q4, "6 tháng đầu năm 2024" → 2024-H1,
** "Từ 01/7/2025" → 2025-07-01/.. */
void vp_deadline_cell_norm(const vp_fold *f, char *zNorm, int nNorm);

#endif /* VP_DEADLINE_H */
