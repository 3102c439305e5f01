/*
** vp_task.h — tasks: each instruction that gives work to agencies, with its
** text, the lead agencies (chủ trì, the doer, the agency heading its bullets,
** the "Cơ quan chủ trì" column, "Đề nghị X …", "Giao X …"), the support
** agencies (phối hợp (với) …, the "Cơ quan phối hợp" column) and the deadline
** as written plus a normalized form. From prose, headings with bullets under
** them and appendix table rows. Recipient lists ("Nơi nhận") and membership
** lists of a steering board give no task. Not for finding agency names
** (vp_agency.h).
*/
#ifndef VP_TASK_H
#define VP_TASK_H

#include "vp_agency.h"
#include "vp_meta.h"
#include "vp_reader.h"

typedef enum vp_role { VP_ROLE_LEAD = 0, VP_ROLE_SUPPORT = 1 } vp_role;

typedef struct vp_task_agency {
  char *zCanon;   /* canonical name (table record or normalized name) */
  char *zName;    /* as written */
  vp_role eRole;
  int bGeneric;
} vp_task_agency;

typedef struct vp_task {
  int iPassage;         /* index in vp_text.aPassage */
  char *zText;          /* the task as people read it (display form) */
  char *zDeadline;      /* as written ("Hằng năm", "trong tháng 12/2022",
                        ** "trước ngày 05/11"); NULL */
  char *zDeadlineNorm;  /* normalized: "yearly", "2022-12", "--11-05",
                        ** "2024/2030", "continuous", "2023"; NULL */
  vp_task_agency *aAgency;
  int nAgency;
} vp_task;

typedef struct vp_tasks {
  vp_task *a;
  int n;
} vp_tasks;

/* Every task of the document, in text order. VP_OK or VP_ENOMEM. Free with
** vp_task_clear(). */
int vp_task_extract(const vp_text *pText, const vp_meta *pMeta,
                    vp_tasks *pOut, char **pzErr);
void vp_task_clear(vp_tasks *p);

#endif /* VP_TASK_H */
