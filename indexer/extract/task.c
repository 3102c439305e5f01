/*
** task.c — tasks (see vp_task.h): which agencies a plan gives work to, as
** lead or support, with the task text and deadline.
**
** Three shapes are read, all by general rules on the folded text (vp_fold.h)
** and the agency mentions of vp_agency_scan:
**  - prose: a passage that opens with an agency list is that list's task
**    ("Sở A chủ trì, phối hợp với Sở B …", "Sở A phối hợp với Sở B hướng
**    dẫn …": A lead, B support; "Đề nghị X …", "Giao X …": X lead); a list
**    after "phối hợp (với)" anywhere in a task is support;
**  - headings, labelled items and lead-ins that name agencies hand their lead
**    and support lists down to the passages under them (iParent), unless a
**    child names its own doer; a heading that itself says "X chủ trì" or
**    carries a sentence is a task too;
**  - appendix table rows: columns found by their names (nội dung, chủ trì /
**    thực hiện, phối hợp, thời gian / thời hạn / tiến độ).
** Agencies anywhere else (after "gửi", "thông qua", "báo cáo", "của",
** membership lists, "Nơi nhận", signatures) get no role.
**
** How one clause's agencies take their roles is task_clause.c's; deadlines
** are deadline.c's. Not for finding agency names (agency.c) nor for
** metadata (meta.c).
*/
#include "vp_task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_deadline.h"
#include "vp_fold.h"
#include "vp_lexicon.h"
#include "task_clause.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* ------------------------------------------------------------------------
** Party lists: the agencies of a task with their roles.
*/

typedef struct party_list {
  vp_task_agency *a;
  int n, nAlloc;
} party_list;

static void party_list_free(party_list *p) {
  for (int i = 0; i < p->n; i++) {
    free(p->a[i].zCanon);
    free(p->a[i].zName);
  }
  free(p->a);
  memset(p, 0, sizeof(*p));
}

/* Add one agency; the same canonical name keeps its strongest role. */
static void party_add(party_list *p, const char *zCanon, const char *zName,
                      int bGeneric, vp_role eRole, int *pRc) {
  if (*pRc != VP_OK) return;
  for (int i = 0; i < p->n; i++) {
    if (strcmp(p->a[i].zCanon, zCanon) == 0) {
      if (eRole == VP_ROLE_LEAD) p->a[i].eRole = VP_ROLE_LEAD;
      return;
    }
  }
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 8;
    vp_task_agency *aNew = realloc(p->a, (size_t)nNew * sizeof(*aNew));
    if (aNew == NULL) {
      *pRc = VP_ENOMEM;
      return;
    }
    p->a = aNew;
    p->nAlloc = nNew;
  }
  vp_task_agency *t = &p->a[p->n];
  t->zCanon = vp_strndup(zCanon, -1);
  t->zName = vp_strndup(zName, -1);
  t->eRole = eRole;
  t->bGeneric = bGeneric;
  p->n++;
  if (t->zCanon == NULL || t->zName == NULL) *pRc = VP_ENOMEM;
}

static void party_add_mention(party_list *p, const vp_agency_mention *m,
                              vp_role eRole, int *pRc) {
  int bGeneric = m->pAgency ? m->pAgency->bGeneric : 0;
  party_add(p, m->zCanon, m->zName, bGeneric, eRole, pRc);
}

/* Leads first, then supports, in text order within each. */
static void party_add_clause(party_list *p, const tk_clause *c, int *pRc) {
  for (int k = 0; k < c->nM; k++) {
    if (c->aRole[k] == ROLE_LEAD) party_add_mention(p, &c->aM[k], VP_ROLE_LEAD, pRc);
  }
  for (int k = 0; k < c->nM; k++) {
    if (c->aRole[k] == ROLE_SUPPORT) party_add_mention(p, &c->aM[k], VP_ROLE_SUPPORT, pRc);
  }
}

static void party_add_list(party_list *p, const party_list *pFrom, int *pRc) {
  for (int i = 0; i < pFrom->n; i++) {
    const vp_task_agency *t = &pFrom->a[i];
    party_add(p, t->zCanon, t->zName, t->bGeneric, t->eRole, pRc);
  }
}

/* "Giao Sở Tài chính, Sở Nông nghiệp và Môi trường chủ trì, phối hợp với
** Văn phòng UBND tỉnh …, cụ thể:" / "- Sở Tài chính đối với …": an item
** whose leads are all leads of the lead-in over it shares out the lead-in's
** work, so the lead-in's supports support it too. */
static void party_add_shared_supports(party_list *p, const party_list *pUp, int *pRc) {
  int nLead = 0;
  for (int i = 0; i < p->n; i++) {
    if (p->a[i].eRole != VP_ROLE_LEAD) continue;
    nLead++;
    int bUp = 0;
    for (int k = 0; k < pUp->n && !bUp; k++)
      bUp = pUp->a[k].eRole == VP_ROLE_LEAD && strcmp(pUp->a[k].zCanon, p->a[i].zCanon) == 0;
    if (!bUp) return;
  }
  for (int k = 0; nLead > 0 && k < pUp->n; k++)
    if (pUp->a[k].eRole == VP_ROLE_SUPPORT)
      party_add(p, pUp->a[k].zCanon, pUp->a[k].zName, pUp->a[k].bGeneric, VP_ROLE_SUPPORT, pRc);
}

static int party_has_lead(const party_list *p) {
  for (int i = 0; i < p->n; i++) {
    if (p->a[i].eRole == VP_ROLE_LEAD) return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------
** Building the task list.
*/

/* What each passage hands to the passages under it. */
typedef struct passage_roles {
  party_list parties; /* its leads and supports, own or inherited */
  int bHeadsChildren; /* a heading / lead-in / item whose children inherit */
  int bMembers;       /* a lead-in listing the members of a board */
  int bObjectList;    /* a lead-in listing what its task acts on (object-lead) */
  int bListsBodies;   /* "Cơ quan lập đề án …, bao gồm:" (lists-bodies): its
                      ** items open with bodies, each with its part */
  int bAddress;       /* "Kính gửi:", "Căn cứ …" (not-task): the items it
                      ** lists are no doers, the paragraphs after it may be */
  int bDutyLeadIn;    /* "… có trách nhiệm." : the passages under it, even
                      ** plain paragraphs under an item, are its duties */
  int bOverItems;     /* a lead-in with its own doer right over a run of
                      ** items beside it, not under it ("Trung tâm X thực
                      ** hiện nhiệm vụ …, cụ thể như sau:" / "1. …"): the
                      ** items are its duties */
  int bSupportList;   /* "b) Chủ trì, phối hợp" naming nobody: the bodies
                      ** the items under it name are its support */
  char *zDeadline;    /* a heading's or lead-in's deadline, as written, for
                      ** the items under it that give none ("Trước ngày
                      ** 30/11/2025, các sở: - …"); NULL */
  char zDeadlineNorm[24];
} passage_roles;

/* Is f a document's execution clause: "… chịu trách nhiệm thi hành …",
** "… có trách nhiệm (tổ chức) (triển khai) thực hiện Quy chế này"? */
static int is_execution_clause(const vp_fold *f) {
  if (tk_contains_list(f, tk_list("execution"))) return 1;
  const vp_lexicon_list *pDuty = tk_list("execution-duty");
  for (int i = vp_fold_find_words(f, 0, "trach nhiem"); i >= 0; i = vp_fold_find_words(f, i + 1, "trach nhiem")) {
    /* the duty word ends at i + "trach nhiem": find its start */
    int s = i;
    while (s > 0 && f->z[s - 1] == ' ') s--;
    while (s > 0 && f->z[s - 1] != ' ') s--;
    if (vp_lexicon_at_fold(f, s, pDuty, NULL) < 0) continue;
    int j = vp_fold_skip_ws(f, i + (int)strlen("trach nhiem"));
    int k = vp_lexicon_at_fold(f, j, tk_list("execution-pre"), NULL);
    if (k >= 0) j = vp_fold_skip_ws(f, k);
    if (vp_lexicon_at_fold(f, j, tk_list("execution-end"), NULL) >= 0) return 1;
  }
  return 0;
}

/* Does f set a quota ("không quá 01 tập thể, 03 cá nhân", "Ban bầu cử …:
** 01 cá nhân"): a limit word or a colon, a number, then a unit of award? */
static int is_award_quota(const vp_fold *f) {
  const vp_lexicon_list *pLimit = tk_list("quota-limit"), *pUnit = tk_list("quota-unit");
  for (int i = 0; i < f->n; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    int e = vp_lexicon_at_fold(f, i, pLimit, NULL);
    if (e < 0 && (i == vp_fold_skip_ws(f, 0) || (i > 0 && f->z[i - 1] == ':'))) e = i; /* "Ban bầu cử …: 01 cá nhân/01 ban" */
    if (e < 0) continue;
    int j = vp_fold_skip_ws(f, e);
    if (j >= f->n || !is_digit(f->z[j])) continue;
    while (j < f->n && is_digit(f->z[j])) j++;
    if (vp_lexicon_at_fold(f, vp_fold_skip_ws(f, j), pUnit, NULL) >= 0) return 1;
  }
  return 0;
}

/* Does f end (before its closing ':') with a phrase of pList? */
static const vp_lexicon_entry *ends_with_entry(const vp_fold *f, const vp_lexicon_list *pList) {
  int e = f->n;
  while (e > 0 && (f->z[e - 1] == ' ' || f->z[e - 1] == ':' || f->z[e - 1] == '.')) e--;
  return vp_lexicon_match_before(pList, f->z, f->n, e, 0, NULL);
}

static int ends_with_list(const vp_fold *f, const vp_lexicon_list *pList) {
  return ends_with_entry(f, pList) != NULL;
}

/* A lead-in over a list of objects ("… thông báo đối với:", "hồ sơ gồm:"),
** not over its doer's duties ("Sở X có trách nhiệm quản lý về kỹ thuật,
** bao gồm:"). */
static int is_object_lead_in(const tk_clause *c) {
  const vp_lexicon_entry *e = ends_with_entry(&c->f, tk_list("object-lead"));
  if (e == NULL) return 0;
  if (strcmp(e->zValue, "duties") == 0 && c->bOwnDoer) {
    for (int i = c->iBody; i < c->f.n; i++) {
      if (i > 0 && vp_fold_is_word_byte((unsigned char)c->f.z[i - 1])) continue;
      if (vp_lexicon_at_fold(&c->f, i, tk_list("duty-lead-in"), NULL) >= 0) return 0;
    }
  }
  return 1;
}

/* A lead-in that only says its doer leads and works with those listed
** below: "Chủ trì, phối hợp", "Phối hợp với:". */
static int is_support_lead_in(const tk_clause *c) {
  if (c->nM > 0) return 0;
  const char *z = c->f.z + c->iBody;
  int n = c->f.n - c->iBody;
  while (n > 0 && (z[n - 1] == ':' || z[n - 1] == ' ' || z[n - 1] == '.')) n--;
  return vp_lexicon_find(tk_list("support-lead-in"), z, n) != NULL;
}

static int task_push(vp_tasks *pOut, int *pnAlloc, int iPassage, char *zText,
                     char *zDeadline, const char *zNorm, party_list *pParties) {
  if (pOut->n == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 32;
    vp_task *aNew = realloc(pOut->a, (size_t)nNew * sizeof(vp_task));
    if (aNew == NULL) {
      free(zText);
      free(zDeadline);
      return VP_ENOMEM;
    }
    pOut->a = aNew;
    *pnAlloc = nNew;
  }
  vp_task *t = &pOut->a[pOut->n++];
  memset(t, 0, sizeof(*t));
  t->iPassage = iPassage;
  t->zText = zText;
  t->zDeadline = zDeadline;
  t->zDeadlineNorm = (zNorm && zNorm[0]) ? vp_strndup(zNorm, -1) : NULL;
  /* hand the parties over */
  t->aAgency = pParties->a;
  t->nAgency = pParties->n;
  memset(pParties, 0, sizeof(*pParties));
  if (zText == NULL || (zNorm && zNorm[0] && t->zDeadlineNorm == NULL)) return VP_ENOMEM;
  return VP_OK;
}

/* Does z end with c, spaces, line breaks and emphasis marks aside? */
static int ends_with_char(const char *z, char c) {
  int n = (int)strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\n' || z[n - 1] == '\r' || z[n - 1] == '\t' || z[n - 1] == '*'))
    n--;
  return n > 0 && z[n - 1] == c;
}

static int ends_with_colon(const char *z) {
  int n = (int)strlen(z);
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\n' || z[n - 1] == '\r' || z[n - 1] == '\t')) n--;
  return n > 0 && z[n - 1] == ':';
}

/* Does passage p inherit the roles of its parent? Only from the direct
** parent, and only from headings, lead-ins, or an item over list items. A
** paragraph after the parent's list items is the document's closing text
** ("Trên đây là …", "Trong quá trình thực hiện …"), not one of them. */
static int inherits(const vp_text *pText, const passage_roles *aRoles, int p) {
  int q = pText->aPassage[p].iParent;
  if (q < 0 || q >= p) return 0;
  const passage_roles *r = &aRoles[q];
  if (!r->bHeadsChildren || r->parties.n == 0 || !party_has_lead(&r->parties)) return 0;
  if (pText->aPassage[p].eKind == VP_P_TEXT) {
    for (int s = q + 1; s < p; s++) {
      if (pText->aPassage[s].iParent == q && pText->aPassage[s].eKind == VP_P_ITEM) return 0;
    }
  }
  const vp_passage *pq = &pText->aPassage[q];
  if (pq->eKind == VP_P_HEADING || pq->bLeadIn || ends_with_colon(pq->zText) || r->bDutyLeadIn) return 1;
  return pq->eKind == VP_P_ITEM && pText->aPassage[p].eKind == VP_P_ITEM;
}

/* The passage whose roles p takes: its parent when that heads it, or, for
** an item, the lead-in right before the run of items it stands in, when the
** reader set the items beside the lead-in rather than under it ("Điều 2"
** / "Trung tâm X thực hiện nhiệm vụ …, cụ thể như sau:" / "1. …" / "2. …");
** -1 when none. */
static int roles_from(const vp_text *pText, const passage_roles *aRoles, int p) {
  if (inherits(pText, aRoles, p)) return pText->aPassage[p].iParent;
  if (pText->aPassage[p].eKind != VP_P_ITEM) return -1;
  int q = pText->aPassage[p].iParent;
  for (int s = p - 1; s > q && s >= 0; s--) {
    const vp_passage *pS = &pText->aPassage[s];
    if (pS->iParent != q || pS->eKind == VP_P_ITEM) continue; /* items of the run, their own items */
    return aRoles[s].bOverItems && party_has_lead(&aRoles[s].parties) ? s : -1;
  }
  return -1;
}

/* Is the text all capitals (a title line: "PHỤ LỤC II DANH MỤC …")? */
static int is_all_caps(const char *z, int n) {
  int nUpper = 0, nLower = 0;
  for (int i = 0; i < n;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)z + i, n - i, &cp);
    if (k <= 0) break;
    int cat = utf8proc_category(cp);
    nUpper += cat == UTF8PROC_CATEGORY_LU;
    nLower += cat == UTF8PROC_CATEGORY_LL;
    i += (int)k;
  }
  return nUpper >= 10 && nLower == 0;
}

/* zName without the province whose folded key is zProvKey at its end
** ("Ủy ban nhân dân thành phố Hà Nội" → "Ủy ban nhân dân thành phố"),
** caller frees; NULL when zName does not end with it (or on OOM). */
static char *without_province(const char *zName, const char *zProvKey) {
  char *zKey = vp_fold_key(zName, -1);
  size_t nProv = strlen(zProvKey), nKey = zKey ? strlen(zKey) : 0;
  int bEnds = zKey && nKey > nProv && strcmp(zKey + nKey - nProv, zProvKey) == 0;
  free(zKey);
  size_t nCut = strlen(zName);
  while (bEnds && nCut > 0) {
    while (nCut > 0 && zName[nCut - 1] != ' ') nCut--;
    while (nCut > 0 && zName[nCut - 1] == ' ') nCut--;
    char *zHead = vp_mprintf("%.*s", (int)nCut, zName);
    char *zHeadKey = zHead ? vp_fold_key(zHead, -1) : NULL;
    int bPast = zHeadKey && strlen(zHeadKey) + nProv <= nKey;
    free(zHeadKey);
    if (bPast || zHead == NULL) return zHead;
    free(zHead);
  }
  return NULL;
}

/* The table record of the province's committee that zName names, written
** with or without the document's province (zProvKey may be NULL); NULL when
** it names another body. */
static const vp_agency *committee_record(const char *zName, const char *zProvKey) {
  const vp_agency *r = vp_agency_resolve(zName);
  if (r == NULL && zProvKey) {
    char *zHead = without_province(zName, zProvKey);
    if (zHead) r = vp_agency_resolve(zHead);
    free(zHead);
  }
  return r && !r->bGeneric && r->zKind && strcmp(r->zKind, "ủy ban") == 0 ? r : NULL;
}

/* The table record of the document's issuer ("Ủy ban nhân dân thành phố",
** "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP": its body, an officer's title
** before it aside); NULL when the issuer is no record or a generic one. */
static const vp_agency *issuer_record_of(const vp_meta *pMeta);

/* issuer_record_of, remembered for the document being read (each clause
** asks; this thread's last issuer and province, by their text) */
static const vp_agency *issuer_record(const vp_meta *pMeta) {
  static _Thread_local struct {
    char zIssuer[160], zProvince[64];
    int bSet;
    const vp_agency *r;
  } last;
  const char *z = pMeta ? pMeta->zIssuer : NULL;
  if (z == NULL) return NULL;
  const char *zProv = pMeta->zProvince ? pMeta->zProvince : "";
  if (strlen(z) >= sizeof(last.zIssuer) || strlen(zProv) >= sizeof(last.zProvince)) return issuer_record_of(pMeta);
  if (last.bSet && strcmp(last.zIssuer, z) == 0 && strcmp(last.zProvince, zProv) == 0) return last.r;
  last.r = issuer_record_of(pMeta);
  snprintf(last.zIssuer, sizeof(last.zIssuer), "%s", z);
  snprintf(last.zProvince, sizeof(last.zProvince), "%s", zProv);
  last.bSet = 1;
  return last.r;
}

/* The province's committee when the issuer code of the document's number
** zNumber ("123/2025/QĐ-CTUBND", "45/KH-UBND": instrument-types.tsv issuer
** rows) names it, an officer's title before it aside: for an issuer line
** the text garbles ("CHỦ TỊCH NHÂN DÂN THÀNH PHỐ HUẾ"); NULL otherwise. */
static const vp_agency *issuer_by_number(const char *zNumber) {
  const char *zCode = zNumber ? strrchr(zNumber, '-') : NULL;
  if (zCode == NULL || zCode[1] == 0) return NULL;
  const vp_lexicon_entry *e = vp_lexicon_find_code(vp_lexicon_get("instrument-types.tsv", "issuer"), 0, zCode + 1, -1);
  if (e == NULL) return NULL;
  const char *zName = e->zPhrase;
  vp_fold f;
  if (vp_fold_init(&f, zName, (int)strlen(zName)) != VP_OK) return NULL;
  int t = vp_lexicon_at_fold(&f, 0, tk_list("title"), NULL);
  if (t > 0 && t < f.n) zName += f.aOff[vp_fold_skip_ws(&f, t)];
  vp_fold_free(&f);
  char *zPlaced = vp_mprintf("%s tỉnh", zName);
  const vp_agency *r = zPlaced ? committee_record(zPlaced, NULL) : NULL;
  free(zPlaced);
  return r;
}

static const vp_agency *issuer_record_of(const vp_meta *pMeta) {
  const char *z = pMeta->zIssuer;
  const vp_agency *r = vp_agency_resolve(z);
  char *zProv = r == NULL && pMeta->zProvince ? vp_fold_key(pMeta->zProvince, -1) : NULL;
  if (r == NULL) r = committee_record(z, zProv);
  if (r == NULL) {
    vp_fold f;
    if (vp_fold_init(&f, z, (int)strlen(z)) == VP_OK) {
      int e = vp_lexicon_at_fold(&f, 0, tk_list("title"), NULL);
      if (e > 0 && e < f.n) r = vp_agency_resolve(z + f.aOff[e]);
      if (r == NULL && e > 0 && e < f.n) r = committee_record(z + f.aOff[e], zProv);
      vp_fold_free(&f);
    }
  }
  if (r == NULL) r = issuer_by_number(pMeta->zNumber);
  free(zProv);
  return r && !r->bGeneric ? r : NULL;
}

/* Is the own doer of c the document's issuer ("Cục Hải quan thông báo …" in
** Cục Hải quan's letter; "Ủy ban nhân dân tỉnh Nghệ An ban hành …" in the
** plan of Nghệ An's committee, its issuer "Ủy ban nhân dân tỉnh")? The
** issuer speaks; it gives itself no task. */
static int doer_is_issuer(const tk_clause *c, const vp_meta *pMeta) {
  const char *zIssuer = pMeta ? pMeta->zIssuer : NULL;
  if (zIssuer == NULL || !c->bOwnDoer) return 0;
  const vp_agency *pIssuer = issuer_record(pMeta);
  char *zKey = vp_fold_key(zIssuer, -1);
  char *zPlaced = pMeta->zProvince ? vp_mprintf("%s %s", zIssuer, pMeta->zProvince) : NULL;
  char *zKeyPlaced = zPlaced ? vp_fold_key(zPlaced, -1) : NULL;
  free(zPlaced);
  int bSame = 0, nLead = 0;
  for (int k = 0; k < c->nM && zKey; k++) {
    if (c->aRole[k] == ROLE_SUPPORT) bSame = -1; /* it works with others named */
    if (c->aRole[k] != ROLE_LEAD || bSame < 0) continue;
    nLead++;
    char *zM = vp_fold_key(c->aM[k].zCanon, -1);
    if (zM && (strcmp(zM, zKey) == 0 || (zKeyPlaced && strcmp(zM, zKeyPlaced) == 0))) bSame = 1;
    if (pIssuer && c->aM[k].pAgency == pIssuer) bSame = 1;
    free(zM);
  }
  free(zKey);
  free(zKeyPlaced);
  return bSame == 1 && nLead == 1;
}

/* Push the task of passage p read from tk_clause c: its text from source
** offset iTextFrom of the clause's text, its deadline the clause's own or
** else zUpDeadline / zUpNorm (a lead-in's; may be NULL), its parties taken
** from *pParties. */
static int clause_task_push(vp_tasks *pOut, int *pnAlloc, int p, const tk_clause *c, int iTextFrom,
                            const char *zUpDeadline, const char *zUpNorm, party_list *pParties) {
  vp_deadline d;
  vp_deadline_in_prose(&c->f, c->iBody, &d);
  char *zText = vp_fold_display(c->zSrc + iTextFrom, c->nSrc - iTextFrom);
  char *zDl = NULL;
  if (d.bFound) {
    zDl = vp_fold_display(c->zSrc + c->f.aOff[d.iS], c->f.aOff[d.iE] - c->f.aOff[d.iS]);
  } else if (zUpDeadline) {
    zDl = vp_strndup(zUpDeadline, -1);
    snprintf(d.zNorm, sizeof(d.zNorm), "%s", zUpNorm ? zUpNorm : "");
  }
  return task_push(pOut, pnAlloc, p, zText, zDl, d.zNorm, pParties);
}

/* Append to task t the text of the passages under passage p (its items
** and theirs, as long as they follow it), up to about 4,000 bytes. */
static int append_children_text(const vp_text *pText, int p, vp_task *t) {
  int rc = VP_OK;
  vp_buf b = {NULL, 0, 0};
  vp_buf_appends(&b, t->zText, &rc);
  for (int k = p + 1; k < pText->nPassage && rc == VP_OK && b.n < 4000; k++) {
    int a = pText->aPassage[k].iParent;
    while (a > p) a = pText->aPassage[a].iParent;
    if (a != p) break; /* past the lead-in's items */
    char *zT = vp_fold_display(pText->aPassage[k].zText, -1);
    if (zT == NULL) rc = VP_ENOMEM;
    else {
      vp_buf_appends(&b, " ", &rc);
      vp_buf_appends(&b, zT, &rc);
    }
    free(zT);
  }
  if (rc == VP_OK) {
    free(t->zText);
    t->zText = vp_buf_take(&b);
    if (t->zText == NULL) rc = VP_ENOMEM;
  }
  vp_buf_free(&b);
  return rc;
}

/* "thì", the word that ends a condition, at q in z[0..n) between spaces. */
static const char zThi[] = "th\xc3\xac";
static int thi_at(const char *z, int n, const char *q) {
  int k = (int)strlen(zThi);
  return q > z && q[-1] == ' ' && q + k < z + n && memcmp(q, zThi, (size_t)k) == 0 &&
         (q[k] == ' ' || q[k] == '\n');
}

/* The next ';', or '.' that ends a sentence ("… kể từ ngày ký. Chánh Văn
** phòng …"), or with bComma a ',', at or after q in z[0..n); NULL when
** none. */
static const char *next_clause_break(const char *z, int n, const char *q, int bComma) {
  for (; q < z + n; q++) {
    if (*q == ';' || (bComma && (*q == ',' || thi_at(z, n, q)))) return q;
    if (*q == '.' && q + 1 < z + n && (q[1] == ' ' || q[1] == '\n')) return q;
  }
  return NULL;
}

/* Are the names that open c followed by "để" ("… thông tin đến Văn phòng
** đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai để biết"): bodies
** a message goes to, the rest of a list after a comma, not a doer? */
static int names_for_purpose(const tk_clause *c) {
  int e = tk_list_end(c, c->iBody);
  if (e < 0) return 0;
  int k = vp_fold_skip_ws(&c->f, e);
  if (vp_fold_words_at(&c->f, k, "de") < 0) return 0;
  /* "để", not "đề nghị" (the same letters folded) */
  static const char zDe[] = "\xe1\xbb\x83"; /* ể after đ/Đ, NFC */
  int i = c->f.aOff[k];
  return i + 5 <= c->nSrc && memcmp(c->zSrc + i + 2, zDe, 3) == 0;
}

/* Where c's work starts: its body, or past an opening adverbial and its
** comma ("Định kỳ hàng tháng, phối hợp với …": task-phrases
** condition-lead). */
static int after_opening(const tk_clause *c) {
  const vp_fold *f = &c->f;
  if (vp_lexicon_at_fold(f, c->iBody, tk_list("condition-lead"), NULL) < 0) return c->iBody;
  const char *zComma = memchr(f->z + c->iBody, ',', (size_t)(f->n - c->iBody));
  return zComma ? vp_fold_skip_ws(f, (int)(zComma - f->z) + 1) : c->iBody;
}

/* Where the clause after the break at q starts. */
static int after_break(const char *z, int n, const char *q) {
  return (int)(q - z) + (thi_at(z, n, q) ? (int)strlen(zThi) : 1);
}

/* Does the sentence from z[i] on say "… thì …"? Its doer is then the one
** after "thì" ("Trường hợp hồ sơ gửi đến UBND cấp xã thì Chi nhánh …"). */
static int sentence_has_thi(const char *z, int n, int i) {
  for (const char *q = z + i; q < z + n; q++) {
    if (*q == ';' || (*q == '.' && q + 1 < z + n && (q[1] == ' ' || q[1] == '\n'))) return 0;
    if (thi_at(z, n, q)) return 1;
  }
  return 0;
}

/* The deadline an opening adverbial z[0..n) states ("Hằng năm,", "Trước
** ngày 30/6/2026,"): *pzDl as written (NULL when none), its normal form in
** zNorm (24 bytes). */
static int opening_deadline(const char *z, int n, char **pzDl, char *zNorm) {
  tk_clause c0;
  *pzDl = NULL;
  int rc = tk_clause_init(&c0, z, n, 0);
  if (rc != VP_OK) return rc;
  vp_deadline d;
  vp_deadline_in_prose(&c0.f, c0.iBody, &d);
  if (d.bFound) {
    *pzDl = vp_fold_display(z + c0.f.aOff[d.iS], c0.f.aOff[d.iE] - c0.f.aOff[d.iS]);
    memcpy(zNorm, d.zNorm, sizeof(d.zNorm));
    if (*pzDl == NULL) rc = VP_ENOMEM;
  }
  tk_clause_free(&c0);
  return rc;
}

#define OPENING_WORDS 6 /* words of an opening after its lead ("Trong thời hạn" 05 ngày làm việc) */

/* Whether c opens with a short adverbial and its comma ("Hằng năm,",
** "Trong thời hạn 05 ngày làm việc,"), not a clause of its own that goes on
** to a comma ("Định kỳ hoặc đột xuất báo cáo Ủy ban nhân dân tỉnh, Bộ …":
** addressees). */
static int short_opening(const tk_clause *c) {
  const vp_fold *f = &c->f;
  int e = vp_lexicon_at_fold(f, c->iBody, tk_list("condition-lead"), NULL), nWord = 0;
  if (e < 0) return 0;
  for (int k = e; k < f->n && f->z[k] != ','; k++)
    if (vp_fold_is_word_byte((unsigned char)f->z[k]) && (k == 0 || !vp_fold_is_word_byte((unsigned char)f->z[k - 1])) &&
        ++nWord > OPENING_WORDS)
      return 0;
  return 1;
}

/* Whether, in its sentence before source offset i, c sends something to
** someone ("gửi …  đến", "gửi … về"): the commas there part addressees. */
static int sends_to_before(const tk_clause *c, int i) {
  const vp_fold *f = &c->f;
  int k = 0; /* the folded index of source offset i */
  while (k < f->n && f->aOff[k] < i) k++;
  int iSend = -1;
  for (int j = 0; j < k; j++) {
    if (f->z[j] == '.' || f->z[j] == ';') iSend = -1;
    if (j > 0 && vp_fold_is_word_byte((unsigned char)f->z[j - 1])) continue;
    if (vp_fold_words_at(f, j, "gui") >= 0 && vp_fold_written_as(f, c->zSrc, j, 3, "gửi")) iSend = j;
    else if (iSend >= 0 && (vp_fold_words_at(f, j, "den") >= 0 || vp_fold_words_at(f, j, "ve") >= 0) &&
             (vp_fold_written_as(f, c->zSrc, j, 3, "đến") || vp_fold_written_as(f, c->zSrc, j, 2, "về"))) {
      /* the addressee named before the comma ("gửi đến," ends the clause) */
      int e = vp_fold_skip_ws(f, j + (f->z[j + 1] == 'e' && f->z[j + 2] == 'n' ? 3 : 2));
      if (e < k && vp_fold_is_word_byte((unsigned char)f->z[e])) return 1;
    }
  }
  return 0;
}

/* Whether a body c names ends right before source offset i (spaces
** aside), or its name and a qualifier of task-phrases.tsv name-qualifier
** as written ("Thường trực HĐND cùng cấp", not "Bộ Tài chính cung cấp"). */
static int ends_mention(const tk_clause *c, int i) {
  const vp_fold *f = &c->f;
  int k = 0; /* the folded index of source offset i */
  while (k < f->n && f->aOff[k] < i) k++;
  while (k > 0 && f->z[k - 1] == ' ') k--;
  for (int m = 0; m < c->nM; m++) {
    int e = vp_fold_skip_ws(f, c->aFe[m]);
    const vp_lexicon_entry *pQ = NULL;
    if (e == k || (e < k && vp_lexicon_at_fold(f, e, tk_list("name-qualifier"), &pQ) == k &&
                   vp_fold_written_as(f, c->zSrc, e, k - e, pQ->zPhrase)))
      return 1;
  }
  return 0;
}

/* Does the text after the comma at q open with bodies that lead ("…, các
** sở, ngành, địa phương có liên quan, Sở Tài chính chủ trì, phối hợp …"):
** the list of the opening has ended there. -1 on VP_ENOMEM reads as no. */
static int opens_lead_clause(const char *z, int n, const char *q) {
  int iFrom = (int)(q - z) + 1;
  while (iFrom < n && (z[iFrom] == ' ' || z[iFrom] == '\n')) iFrom++;
  if (iFrom >= n) return 0;
  tk_clause c;
  if (tk_clause_init(&c, z + iFrom, n - iFrom, 1) != VP_OK) return 0;
  int b = c.bOwnDoer && c.bChuTri;
  tk_clause_free(&c);
  return b;
}

/* A passage that does not open with its doer: the first clause after its
** run-in title ("3. Giấy khen …: Các Sở … quy định …") or after a ';'
** ("Căn cứ tình hình …; Chủ tịch UBND xã hướng dẫn …") that opens with its
** own doer and says what to do is a task of passage p, with that clause as
** its text. After a ':' only the ';' that follow it count. With bComma
** (an opening adverbial: "Trường hợp …, Sở X …") its commas and "thì"
** count too, and the task's text is the whole passage from iWholeFrom,
** condition and all. */
static int later_clause_pass(const char *z, int n, int p, const vp_meta *pMeta, vp_tasks *pOut,
                             int *pnAlloc, int bComma, int iWholeFrom, const tk_clause *pWhole, int bLists) {
  const char *q = memchr(z, ':', (size_t)n);
  if (q) { /* a lead-in's closing colon ("… Cụ thể:") opens no clause */
    const char *r = q + 1;
    while (r < z + n && (*r == ' ' || *r == '\n' || *r == '\r' || *r == '*')) r++;
    if (r == z + n) q = NULL;
  }
  int bColon = q != NULL;
  if (q == NULL) q = next_clause_break(z, n, z, bComma);
  int bInPartners = 0; /* past "phối hợp với" in this sentence: its commas part the partners */
  for (; q; q = bColon ? memchr(q + 1, ';', (size_t)(z + n - q - 1)) : next_clause_break(z, n, q + 1, bComma)) {
    /* reading the opening's commas as a list's, the doer stands in the
    ** opening's sentence: past its full stop another sentence ("… Hết
    ** thời hạn nêu trên, nếu …, Bộ X trả lại hồ sơ") has a doer of its own */
    if (bLists && *q == '.' && q - z > iWholeFrom) break;
    if (*q == ';' || *q == '.') bInPartners = 0;
    else if (bInPartners) continue;
    if (bComma && !bColon && *q == ',' && bLists && ends_mention(pWhole, (int)(q - z)) &&
        !opens_lead_clause(z, n, q))
      continue;
    /* "… gửi Báo cáo kết quả đến Văn phòng UBND tỉnh, Thường trực HĐND
    ** cùng cấp, …": the addressees' commas open no clause */
    if (bComma && !bColon && *q == ',' && sends_to_before(pWhole, (int)(q - z))) continue;
    int iFrom = bColon ? (int)(q - z) + 1 : after_break(z, n, q);
    while (iFrom < n && (z[iFrom] == ' ' || z[iFrom] == '\n')) iFrom++;
    if (iFrom >= n) break;
    if (bComma && sentence_has_thi(z, n, iFrom)) continue;
    tk_clause c;
    int rc = tk_clause_init(&c, z + iFrom, n - iFrom, 1);
    if (rc != VP_OK) return rc;
    /* "Định kỳ hàng tháng, phối hợp với Văn phòng …, Chi nhánh …, …
    ** kiểm tra …": the names after its commas are partners, not doers */
    if (bComma && !c.bOwnDoer && vp_fold_words_at(&c.f, c.iBody, "phoi hop") >= 0) bInPartners = 1;
    /* "Nhằm nâng cao nhận thức, vai trò, trách nhiệm của các cấp ủy …":
    ** after a comma, "trách nhiệm của" names whose duty, it opens none */
    if (c.bIntroTask && *q == ',') {
      tk_clause_free(&c);
      continue;
    }
    if (c.bOwnDoer && (c.nContent >= 3 || c.bChuTri) && !doer_is_issuer(&c, pMeta) &&
        vp_lexicon_at_fold(&c.f, c.iBody, tk_list("not-task"), NULL) < 0 && !names_for_purpose(&c)) {
      party_list parties = {0};
      party_add_clause(&parties, &c, &rc);
      /* "Hằng năm, Sở X …": the opening may hold the deadline */
      char *zOpenDl = NULL;
      char zOpenNorm[24] = "";
      if (rc == VP_OK && bComma) rc = opening_deadline(z, iFrom, &zOpenDl, zOpenNorm);
      if (rc == VP_OK) rc = clause_task_push(pOut, pnAlloc, p, &c, 0, zOpenDl, zOpenNorm, &parties);
      free(zOpenDl);
      if (rc == VP_OK && bComma) {
        /* the condition is part of the duty ("Trường hợp …, Sở X …") */
        vp_task *t = &pOut->a[pOut->n - 1];
        char *zWhole = vp_fold_display(z + iWholeFrom, n - iWholeFrom);
        if (zWhole == NULL) rc = VP_ENOMEM;
        else {
          free(t->zText);
          t->zText = zWhole;
        }
      }
      party_list_free(&parties);
      tk_clause_free(&c);
      return rc;
    }
    tk_clause_free(&c);
  }
  return VP_OK;
}

/* later_clause_pass twice at most: first reading a comma right after a
** body the whole text names as parting a list in the opening, not ending
** it ("Trường hợp Bộ trưởng Bộ Y tế, Bộ trưởng Bộ Giáo dục và Đào tạo chưa
** quy định …, Sở Y tế … quyết định"); when that finds no doer, as any
** comma. */
static int later_clause_task(const char *z, int n, int p, const vp_meta *pMeta, vp_tasks *pOut,
                             int *pnAlloc, int bComma, int iWholeFrom) {
  if (!bComma) return later_clause_pass(z, n, p, pMeta, pOut, pnAlloc, bComma, iWholeFrom, NULL, 0);
  tk_clause whole;
  int n0 = pOut->n, rc = tk_clause_init(&whole, z, n, 1);
  if (rc == VP_OK) rc = later_clause_pass(z, n, p, pMeta, pOut, pnAlloc, bComma, iWholeFrom, &whole, 1);
  if (rc == VP_OK && pOut->n == n0) rc = later_clause_pass(z, n, p, pMeta, pOut, pnAlloc, bComma, iWholeFrom, &whole, 0);
  tk_clause_free(&whole);
  return rc;
}

/* The folded index where a later sentence of tk_clause c opens with a doer
** of its own ("… theo quy định. Văn phòng Ủy ban nhân dân tỉnh có trách
** nhiệm chủ trì, phối hợp Sở Tư pháp …": the names read_later_doers took
** as leads right after a full stop that ends a lower-case word), or -1. */
/* Does the sentence at folded index k open with a condition and name
** bodies right after its comma ("Đối với hồ sơ TTHC đã được cung cấp dịch
** vụ công trực tuyến, Trung tâm Phục vụ hành chính công tỉnh … thực hiện
** …")? */
static int condition_then_names(const tk_clause *c, int k) {
  const vp_fold *f = &c->f;
  if (vp_lexicon_at_fold(f, k, tk_list("condition-lead"), NULL) < 0) return 0;
  for (int i = k; i < f->n && f->z[i] != '.' && f->z[i] != ';'; i++)
    if (f->z[i] == ',' && tk_mention_at(c, vp_fold_skip_ws(f, i + 1)) >= 0) return 1;
  return 0;
}

static int later_sentence_at(const tk_clause *c) {
  const vp_fold *f = &c->f;
  for (int j = c->iBody + 1; j + 1 < f->n; j++) {
    if (f->z[j] != '.' || f->z[j + 1] != ' ') continue;
    int w = j;
    while (w > 0 && vp_fold_is_word_byte((unsigned char)f->z[w - 1])) w--;
    if (j - w < 2) continue; /* "TP. Hồ Chí Minh", "v.v. " */
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)c->zSrc + f->aOff[w], c->nSrc - f->aOff[w], &cp) <= 0 ||
        utf8proc_category(cp) != UTF8PROC_CATEGORY_LL)
      continue;
    int k = vp_fold_skip_ws(f, j + 1);
    int m = tk_mention_at(c, k);
    if (m > 0 && c->aRole[m] == ROLE_LEAD) return k;
    if (m < 0 && condition_then_names(c, k)) return k;
  }
  return -1;
}

/* Passage p opens with its doer and a later sentence with another
** (later_sentence_at): each sentence run is a task of its own, with the
** roles its own words give (a "phối hợp" in the second is support to the
** second's doer; the issuer speaking of itself none). Text from iTextFrom
** (past the label) for the first. */
static int sentence_tasks(const char *z, int n, int p, int iTextFrom, const vp_meta *pMeta, vp_tasks *pOut,
                          int *pnAlloc) {
  int rc = VP_OK, n0 = pOut->n;
  for (int iFrom = 0; rc == VP_OK && iFrom < n;) {
    tk_clause c;
    if ((rc = tk_clause_init(&c, z + iFrom, n - iFrom, 1)) != VP_OK) return rc;
    int k = later_sentence_at(&c), nPart = k > 0 ? c.f.aOff[k] : n - iFrom, nBefore = pOut->n;
    tk_clause_free(&c);
    if ((rc = tk_clause_init(&c, z + iFrom, nPart, 1)) != VP_OK) return rc;
    if (c.bOwnDoer && (c.nContent >= 2 || c.bChuTri) && !doer_is_issuer(&c, pMeta)) {
      party_list parties = {0};
      party_add_clause(&parties, &c, &rc);
      if (rc == VP_OK && party_has_lead(&parties))
        rc = clause_task_push(pOut, pnAlloc, p, &c, iFrom == 0 ? iTextFrom : 0, NULL, NULL, &parties);
      party_list_free(&parties);
    } else if (iFrom > 0 && condition_then_names(&c, c.iBody)) {
      /* "Trường hợp …, Sở X …": the doer after the condition */
      rc = later_clause_task(z + iFrom, nPart, p, pMeta, pOut, pnAlloc, 1, 0);
    }
    tk_clause_free(&c);
    if (rc == VP_OK && pOut->n == nBefore && pOut->n > n0) {
      /* a sentence that gives no task of its own ("Trường hợp chưa đủ cơ
      ** sở … thì cơ quan, đơn vị có văn bản trao đổi …") goes on with the
      ** task before it */
      vp_task *t = &pOut->a[pOut->n - 1];
      char *zMore = vp_fold_display(z + iFrom, nPart);
      char *zText = zMore ? vp_mprintf("%s %s", t->zText, zMore) : NULL;
      free(zMore);
      if (zText == NULL) return VP_ENOMEM;
      free(t->zText);
      t->zText = zText;
    }
    iFrom += nPart;
  }
  return rc;
}

/* Does a condition's consequent open with names: "…, nếu … thì sở, ban,
** ngành, UBND cấp xã chủ động giải quyết"? */
static int names_after_thi(const tk_clause *c) {
  for (int i = vp_fold_find_words(&c->f, c->iBody, "thi"); i >= 0; i = vp_fold_find_words(&c->f, i + 1, "thi"))
    if (tk_mention_at(c, vp_fold_skip_ws(&c->f, i + 3)) >= 0) return 1;
  return 0;
}

static int annotated_task(const vp_passage *ps, int p, int iBody, party_list *pRoles, vp_tasks *pOut,
                          int *pnAlloc, int *pbDone);

/* Does c open with a doer's intro that names its doer ("Trách nhiệm của
** văn thư", doer-intro "and-task"), words following it? */
static int names_other_doer(const tk_clause *c) {
  const vp_lexicon_entry *e = NULL;
  int k = vp_lexicon_at_fold(&c->f, c->iBody, tk_list("doer-intro"), &e);
  return k >= 0 && e && strcmp(e->zValue, "and-task") == 0 && vp_fold_skip_ws(&c->f, k) < c->f.n;
}

/* Is passage p among the duties of a doer the text names but vnplan reads
** as no agency: its heading, or the one over that, opens with a doer's
** intro ("Điều 28. Trách nhiệm của doanh nghiệp viễn thông", "Nhiệm vụ
** của chủ đầu tư")? */
static int under_others_duties(const vp_text *pText, int p) {
  int q = pText->aPassage[p].iParent;
  for (int nUp = 0; q >= 0 && q < p && nUp < 2; nUp++, q = pText->aPassage[q].iParent) {
    const vp_passage *pq = &pText->aPassage[q];
    if (pq->eKind != VP_P_HEADING) continue;
    vp_fold f;
    if (vp_fold_init(&f, pq->zText, pq->iEnd - pq->iStart) != VP_OK) return 0;
    const vp_lexicon_entry *e = NULL;
    vp_lexicon_at_fold(&f, tk_skip_label(&f), tk_list("doer-intro"), &e);
    vp_fold_free(&f);
    if (e) return strcmp(e->zValue, "and-task") == 0;
  }
  return 0;
}

/* Is there a word "phối hợp" in f from i on, before the clause ends (a
** '.', ';' or ':')? Its offset, or -1. */
static int phoi_hop_in_clause(const vp_fold *f, int i) {
  for (; i < f->n && f->z[i] != '.' && f->z[i] != ';' && f->z[i] != ':'; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    if (vp_fold_words_at(f, i, "phoi hop") >= 0) return i;
  }
  return -1;
}

/* Does c open with a doer that is no agency, bound to work with bodies
** ("Cơ quan, đơn vị được Ủy ban nhân dân Thành phố giao tổ chức lập quy
** hoạch … phải phối hợp với Sở Nông nghiệp và Môi trường …", "Doanh nghiệp
** viễn thông có trách nhiệm phối hợp với …", "Các cơ quan, … trực tiếp
** quản lý tài sản có trách nhiệm thường xuyên theo dõi, rà soát, phối hợp
** với Sở Tài chính tham mưu …"): a duty word, then, in the same clause,
** "phối hợp (với)", then the bodies, none named before it? */
static int others_duty_with(const tk_clause *c) {
  const vp_fold *f = &c->f;
  for (int i = c->iBody; i < f->n && f->z[i] != '.' && f->z[i] != ';' && f->z[i] != ':'; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    int e = vp_lexicon_at_fold(f, i, tk_list("duty-lead-in"), NULL);
    if (e < 0) e = vp_fold_words_at(f, i, "phai");
    if (e < 0) continue;
    int k = phoi_hop_in_clause(f, e);
    if (k < 0) continue;
    for (int m = 0; m < c->nM; m++) {
      if (c->aFs[m] < k) return 0; /* a body before it: its own rules read it */
      if (c->aRole[m] == ROLE_SUPPORT) return 1;
    }
    return 0;
  }
  return 0;
}

#define RUN_IN_DASHES 3 /* "; - " between entries, at least */

/* "- Chính phủ; - Ban Tổ chức Trung ương; - Kiểm toán nhà nước; - …": a
** list of names run into one line, "; - " between them: a recipients
** block that lost its label and its "Lưu:" line (on a portal's page, in
** the cell beside the signature), not work. */
static int run_in_dash_list(const vp_fold *f) {
  int n = 0;
  for (int i = 0; i + 3 < f->n && n < RUN_IN_DASHES; i++)
    if (f->z[i] == ';' && f->z[i + 1] == ' ' && f->z[i + 2] == '-' && f->z[i + 3] == ' ') n++;
  return n >= RUN_IN_DASHES;
}

/* "Bước 1: Văn phòng UBND tỉnh tiếp nhận, kiểm tra … : 0,75 ngày làm
** việc": a step of a procedure says how a file is handled, as a table's
** step column does (table-columns.tsv role step), and gives no task. */
static int procedure_step_at(const vp_fold *f, int i) {
  int e = vp_fold_words_at(f, i, "buoc");
  if (e < 0) return 0;
  int j = vp_fold_skip_ws(f, e), d = j;
  while (d < f->n && ((f->z[d] >= '0' && f->z[d] <= '9') || strchr("ivx", f->z[d]) != NULL) && f->z[d] != 0) d++;
  d = vp_fold_skip_ws(f, d);
  return d > j && d < f->n && (f->z[d] == ':' || f->z[d] == '.' || f->z[d] == ')');
}

static int prose_task(const vp_text *pText, const vp_meta *pMeta, passage_roles *aRoles, int p,
                      vp_tasks *pOut, int *pnAlloc) {
  const vp_passage *ps = &pText->aPassage[p];
  int q = ps->iParent;
  /* the paragraphs a letter sets under "Kính gửi:" are its body, but for
  ** the first, right under it: the addressees */
  int bInParentMembers = q >= 0 && q < p && aRoles[q].bMembers &&
                         !(aRoles[q].bAddress && ps->eKind == VP_P_TEXT && p > q + 1);
  tk_clause c;
  int rc = tk_clause_init(&c, ps->zText, ps->iEnd - ps->iStart, !bInParentMembers);
  if (rc != VP_OK) return rc;
  /* an item under a list of what a lead-in names that gives roles of its
  ** own ("… a) Sở X chủ trì, phối hợp với Sở Y …"), or under a lead-in
  ** listing bodies ("3. Cơ quan lập đề án …, bao gồm: … b) Ủy ban nhân dân
  ** cấp xã tổ chức lập đề án …"): its bodies are doers, not members */
  if (bInParentMembers && !aRoles[q].bAddress &&
      (aRoles[q].bListsBodies || vp_fold_find_words(&c.f, c.iBody, "chu tri") >= 0 ||
       vp_fold_find_words(&c.f, c.iBody, "phoi hop") >= 0)) {
    tk_clause_free(&c);
    bInParentMembers = 0;
    rc = tk_clause_init(&c, ps->zText, ps->iEnd - ps->iStart, 1);
    if (rc != VP_OK) return rc;
  }
  passage_roles *r = &aRoles[p];
  if (procedure_step_at(&c.f, c.iBody)) {
    tk_clause_free(&c);
    return VP_OK;
  }
  const vp_lexicon_entry *pNot = NULL;
  if (vp_lexicon_at_fold(&c.f, c.iBody, tk_list("not-task"), &pNot) >= 0 &&
      vp_lexicon_at_fold(&c.f, c.iBody, tk_list("duty-basis"), NULL) < 0) {
    /* "Căn cứ …", "Theo đề nghị của Sở X …", "Kính gửi: …": a basis, a
    ** proposer or an address; nor are the items listed under it tasks.
    ** A later clause with a doer of its own ("Căn cứ tình hình …; Chủ
    ** tịch UBND xã hướng dẫn …") is one. */
    r->bMembers = 1;
    r->bAddress = strcmp(pNot->zValue, "address") == 0;
    int n = ps->iEnd - ps->iStart;
    tk_clause_free(&c);
    if (ps->iParent < 0 && (ps->zSection == NULL || ps->zSection[0] == 0)) return VP_OK; /* the preamble */
    if (strcmp(pNot->zValue, "later") != 0) return VP_OK; /* an example, an address … */
    /* in the body, a basis may open the doer's own sentence: "Căn cứ khả
    ** năng cân đối ngân sách …, Sở Tài chính tham mưu …" */
    int bInBody = ps->zSection && ps->zSection[0] && !ends_with_char(ps->zText, ';');
    return later_clause_task(ps->zText, n, p, pMeta, pOut, pnAlloc, bInBody, 0);
  }
  if (vp_lexicon_at_fold(&c.f, c.iBody, tk_list("deadline-sentence"), NULL) >= 0 && pOut->n > 0) {
    /* "Thời hạn hoàn thành không quá 05 ngày làm việc …" after a task: the
    ** task's deadline, not a task of its own */
    vp_task *t = &pOut->a[pOut->n - 1];
    const vp_passage *pPrev = &pText->aPassage[t->iPassage];
    if (t->iPassage < p && (t->iPassage == p - 1 || pPrev->iParent == ps->iParent)) {
      vp_deadline d;
      vp_deadline_in_prose(&c.f, c.iBody, &d);
      if (d.bFound && t->zDeadline == NULL) {
        t->zDeadline = vp_fold_display(ps->zText + c.f.aOff[d.iS], c.f.aOff[d.iE] - c.f.aOff[d.iS]);
        t->zDeadlineNorm = d.zNorm[0] ? vp_strndup(d.zNorm, -1) : NULL;
        if (t->zDeadline == NULL || (d.zNorm[0] && t->zDeadlineNorm == NULL)) rc = VP_ENOMEM;
      }
      tk_clause_free(&c);
      return rc;
    }
  }
  if (tk_contains_list(&c.f, tk_list("recipient-mark")) || run_in_dash_list(&c.f)) {
    /* "- Chính phủ; - Ban Tổ chức Trung ương; …; - Lưu: VT.": where the
    ** document is sent (a recipients block its label lost), not work */
    r->bMembers = 1;
    tk_clause_free(&c);
    return VP_OK;
  }
  if (is_execution_clause(&c.f)) {
    /* "Chánh Văn phòng …, Giám đốc Sở … chịu trách nhiệm thi hành Quyết
    ** định này": who answers for the whole document, no task of its own */
    tk_clause_free(&c);
    return VP_OK;
  }
  if (tk_contains_list(&c.f, tk_list("contact"))) {
    /* "Cơ sở 1: Địa chỉ: Số 398 …": where to file, not work */
    tk_clause_free(&c);
    return VP_OK;
  }
  if (is_award_quota(&c.f)) {
    /* "Công an tỉnh; Sở Tài chính … mỗi đơn vị đề nghị không quá 01 tập
    ** thể, 03 cá nhân": a quota of awards, not work */
    tk_clause_free(&c);
    return VP_OK;
  }
  if (!c.bFootnote) {
    /* "Xây dựng … (Sở X chủ trì, phối hợp với Sở Y; thời gian: 2026)" */
    int bDone = 0;
    rc = annotated_task(ps, p, c.iBody < c.f.n ? c.f.aOff[c.iBody] : 0, &r->parties, pOut, pnAlloc, &bDone);
    if (rc != VP_OK || bDone) {
      r->bHeadsChildren = rc == VP_OK;
      tk_clause_free(&c);
      return rc;
    }
  }
  int qFrom = c.bFootnote ? -1 : roles_from(pText, aRoles, p);
  /* "3. Trách nhiệm của văn thư" under "Điều 23. Trách nhiệm của các cơ
  ** quan, đơn vị": a heading naming a doer of its own, one vnplan reads as
  ** no agency, heads that doer's duties, not the bodies above it */
  if (qFrom >= 0 && ps->eKind == VP_P_HEADING && c.nM == 0 && names_other_doer(&c)) qFrom = -1;
  int bInherit = qFrom >= 0;
  int bTask = 0;
  if (bInherit && !c.bOwnDoer && !c.bStatement && !ps->bLeadIn && !ends_with_colon(ps->zText) &&
      after_opening(&c) > c.iBody && tk_mention_at(&c, after_opening(&c)) >= 0 &&
      (c.nM == 0 || c.aFs[0] >= after_opening(&c)) && short_opening(&c)) {
    /* "a) Hằng năm, Cục Thống kê có trách nhiệm cung cấp …" under "Bộ
    ** trưởng Bộ Tài chính có trách nhiệm chỉ đạo:": the doer named after
    ** a short opening adverbial (which names no body) does it, not the
    ** one above */
    int n0 = pOut->n, iBodySrc = c.iBody < c.f.n ? c.f.aOff[c.iBody] : 0;
    rc = later_clause_task(ps->zText, ps->iEnd - ps->iStart, p, pMeta, pOut, pnAlloc, 1, iBodySrc);
    if (rc != VP_OK || pOut->n > n0) {
      tk_clause_free(&c);
      return rc;
    }
  }
  if (bInherit && !c.bOwnDoer && !c.bStatement && !ps->bLeadIn && !ends_with_colon(ps->zText) &&
      vp_lexicon_at_fold(&c.f, c.iBody, tk_list("condition-lead"), NULL) >= 0 && names_after_thi(&c)) {
    /* "6. Trường hợp kiến nghị được chuyển trực tiếp đến các sở …, nếu …
    ** thì sở, ban, ngành, UBND cấp xã chủ động giải quyết …" under another
    ** body's duties: the doer named after the condition, not the heading's */
    int n0 = pOut->n, iBodySrc = c.iBody < c.f.n ? c.f.aOff[c.iBody] : 0;
    rc = later_clause_task(ps->zText, ps->iEnd - ps->iStart, p, pMeta, pOut, pnAlloc, 1, iBodySrc);
    if (rc != VP_OK || pOut->n > n0) {
      tk_clause_free(&c);
      return rc;
    }
  }
  if (bInherit && aRoles[qFrom].bSupportList) {
    /* an item under "Chủ trì, phối hợp": the doer above leads, the bodies
    ** named here support it */
    party_add_list(&r->parties, &aRoles[qFrom].parties, &rc);
    for (int k = 0; k < c.nM; k++) party_add_mention(&r->parties, &c.aM[k], VP_ROLE_SUPPORT, &rc);
    bTask = 1;
  } else if (c.bOwnDoer) {
    party_add_clause(&r->parties, &c, &rc);
    if (bInherit) party_add_shared_supports(&r->parties, &aRoles[qFrom].parties, &rc);
    bTask = c.nContent >= 2 || c.bChuTri;
  } else if (bInherit) {
    party_add_list(&r->parties, &aRoles[qFrom].parties, &rc);
    party_add_clause(&r->parties, &c, &rc);
    /* a bare label or "Chủ trì, phối hợp" over a list says no work itself */
    bTask = c.nContent >= 1 && !is_support_lead_in(&c);
  }
  /* an own list heads the passages below only when it is set out as a
  ** heading ("1. Sở X", "Sở X:", "b) Sở X chủ trì …"), not an issuer's
  ** header line ("SỞ TÀI CHÍNH") */
  int bLabelled = c.iBody > vp_fold_skip_ws(&c.f, 0);
  /* "b) Thủ trưởng các Sở …; UBND các xã có trách nhiệm." over its duties */
  int bDutyLeadIn = c.bOwnDoer && ends_with_list(&c.f, tk_list("duty-lead-in"));
  r->bDutyLeadIn = bDutyLeadIn;
  int bLeadIn = ps->bLeadIn || ends_with_colon(ps->zText) || bDutyLeadIn;
  /* a title in capitals, and the issuer speaking of itself, give no task;
  ** nor does the issuer's lead-in hand itself down ("Về vấn đề này, Cục
  ** Thuế có ý kiến như sau:" over the provisions it quotes) */
  int bIssuerSpeaks = doer_is_issuer(&c, pMeta);
  if (is_all_caps(ps->zText, ps->iEnd - ps->iStart) || bIssuerSpeaks) bTask = 0;
  /* a lead-in over a list of objects ("… thông báo đối với:", "hồ sơ
  ** gồm:") is the task; its items are what it acts on, not tasks */
  int bObjects = bLeadIn && is_object_lead_in(&c);
  /* "THỦ TƯỚNG CHÍNH PHỦ điện:" over the addressees of a telegram */
  if (bLeadIn && ends_with_list(&c.f, tk_list("address-lead"))) {
    r->bMembers = 1;
    tk_clause_free(&c);
    return VP_OK;
  }
  /* a lead-in over its own items ("1. Sở Tài chính có trách nhiệm:") hands
  ** its roles down; the items are the tasks */
  if (bLeadIn && !bObjects && p + 1 < pText->nPassage && pText->aPassage[p + 1].iParent == p) bTask = 0;
  /* nor one over the items beside it */
  if (bLeadIn && !bObjects && c.bOwnDoer && ps->eKind == VP_P_TEXT && p + 1 < pText->nPassage &&
      pText->aPassage[p + 1].iParent == ps->iParent && pText->aPassage[p + 1].eKind == VP_P_ITEM) {
    bTask = 0;
    r->bOverItems = 1;
  }
  /* "Thành phần Hội đồng … gồm: …" lists members, it gives no work */
  if (!c.bOwnDoer && vp_lexicon_at_fold(&c.f, c.iBody, tk_list("membership"), NULL) >= 0) bTask = 0;
  /* nor does an item of a doer's duties that opens with a liability or a
  ** standing right ("4. Chịu trách nhiệm đối với những hậu quả …", "Được
  ** khai thác, sử dụng …"): what it answers for or may do, no work */
  if (!c.bOwnDoer && vp_lexicon_at_fold(&c.f, c.iBody, tk_list("not-duty"), NULL) >= 0) bTask = 0;
  /* a heading without a doer of its own over its items ("2.1. Trách nhiệm
  ** chung" under "… các nội dung sau:") is their title, not a task */
  if (!c.bOwnDoer && ps->eKind == VP_P_HEADING && p + 1 < pText->nPassage &&
      pText->aPassage[p + 1].iParent == p)
    bTask = 0;
  /* nor is one that only names its doer ("3. Ngân hàng Nhà nước chi nhánh
  ** khu vực 14") over the duties under it */
  if (c.bOwnDoer && !c.bChuTri && c.nContent <= 3 && ps->eKind == VP_P_HEADING && p + 1 < pText->nPassage &&
      pText->aPassage[p + 1].iParent == p)
    bTask = 0;
  /* "a) Đối với Sở X:" says no work of its own */
  if (c.bNamesOnly || tk_names_with_aside_only(&c)) bTask = 0;
  /* "Điều 10. Trách nhiệm của các cơ quan, đơn vị sử dụng Hệ thống …" over
  ** the duties under it: their heading */
  if (c.bIntroTask && p + 1 < pText->nPassage && pText->aPassage[p + 1].iParent == p) bTask = 0;
  r->bSupportList = bInherit && is_support_lead_in(&c);
  r->bHeadsChildren = (c.bOwnDoer && (bLabelled || bLeadIn || c.bChuTri)) ||
                      (bInherit && (bLeadIn || ps->eKind == VP_P_HEADING)) || r->bSupportList;
  r->bMembers = (c.bMembership && !c.bOwnDoer) || bObjects;
  r->bObjectList = bObjects;
  r->bListsBodies = bObjects && !c.bOwnDoer && vp_lexicon_at_fold(&c.f, c.iBody, tk_list("lists-bodies"), NULL) >= 0;
  if (bObjects || (bIssuerSpeaks && !c.bChuTri)) r->bHeadsChildren = 0;
  if (rc == VP_OK && r->bHeadsChildren) {
    vp_deadline dH;
    vp_deadline_in_prose(&c.f, c.iBody, &dH);
    if (dH.bFound) {
      r->zDeadline = vp_fold_display(ps->zText + c.f.aOff[dH.iS], c.f.aOff[dH.iE] - c.f.aOff[dH.iS]);
      memcpy(r->zDeadlineNorm, dH.zNorm, sizeof(r->zDeadlineNorm));
      if (r->zDeadline == NULL) rc = VP_ENOMEM;
    } else if (bInherit && aRoles[qFrom].zDeadline) {
      r->zDeadline = vp_strndup(aRoles[qFrom].zDeadline, -1);
      memcpy(r->zDeadlineNorm, aRoles[qFrom].zDeadlineNorm, sizeof(r->zDeadlineNorm));
      if (r->zDeadline == NULL) rc = VP_ENOMEM;
    }
  }
  if (rc == VP_OK && !c.bOwnDoer && !c.bStatement && !bInherit && !r->bMembers && bLeadIn && !bObjects &&
      p + 1 < pText->nPassage && pText->aPassage[p + 1].eKind == VP_P_ITEM &&
      (pText->aPassage[p + 1].iParent == p || pText->aPassage[p + 1].iParent == ps->iParent) &&
      vp_lexicon_at_fold(&c.f, c.iBody, tk_list("condition-lead"), NULL) >= 0 && tk_contains_list(&c.f, tk_list("assign"))) {
    /* "Nhằm bảo đảm sức khỏe …, Sở X đề nghị UBND các xã … thực hiện …
    ** Cụ thể:" over its items: the bodies asked after the opening hand
    ** them their roles, the items are the tasks (not where the opening
    ** says only who takes part: "Để …, các sở, ban, ngành … triển khai Đợt
    ** thi đua …, tập trung thi đua các nội dung sau:") */
    int iBodySrc = c.iBody < c.f.n ? c.f.aOff[c.iBody] : 0, n0 = pOut->n;
    tk_clause_free(&c);
    rc = later_clause_task(ps->zText, ps->iEnd - ps->iStart, p, pMeta, pOut, pnAlloc, 1, iBodySrc);
    if (rc == VP_OK && pOut->n > n0) {
      vp_task *t = &pOut->a[--pOut->n];
      r->parties.a = t->aAgency;
      r->parties.n = r->parties.nAlloc = t->nAgency;
      free(t->zText);
      free(t->zDeadline);
      free(t->zDeadlineNorm);
      r->bHeadsChildren = 1;
      r->bOverItems = pText->aPassage[p + 1].iParent == ps->iParent;
    }
    return rc;
  }
  if (rc == VP_OK && !c.bOwnDoer && !bInherit && !bLeadIn &&
      ((vp_fold_words_at(&c.f, after_opening(&c), "phoi hop") >= 0 && under_others_duties(pText, p)) ||
       (ps->zSection && ps->zSection[0] && others_duty_with(&c)))) {
    /* "Điều 28. Trách nhiệm của doanh nghiệp viễn thông" / "4. Phối hợp
    ** với Sở Khoa học và Công nghệ, Ủy ban nhân dân cấp xã …": a duty of a
    ** doer that is no agency; the bodies named support it */
    party_list parties = {0};
    party_add_clause(&parties, &c, &rc);
    if (rc == VP_OK && parties.n > 0)
      rc = clause_task_push(pOut, pnAlloc, p, &c, c.f.aOff[c.iBody], NULL, NULL, &parties);
    party_list_free(&parties);
    tk_clause_free(&c);
    return rc;
  }
  int bOpening = vp_lexicon_at_fold(&c.f, c.iBody, tk_list("condition-lead"), NULL) >= 0;
  if (rc == VP_OK && !c.bOwnDoer && !c.bStatement && !bInherit && !r->bMembers && !bLeadIn &&
      !(bInParentMembers && aRoles[q].bObjectList && !bOpening) && !is_all_caps(ps->zText, ps->iEnd - ps->iStart)) {
    /* "Hằng năm, Sở X …", "Trong quá trình thực hiện, nếu có vướng mắc,
    ** các sở …": after an opening adverbial the doer follows a comma; an
    ** item of what a lead-in lists has no later doer but so ("i) Các cơ
    ** quan nghiên cứu; các trường đại học …" under "… áp dụng cho các đối
    ** tượng sau:") */
    int bComma = bOpening;
    /* a basis of the preamble, before the first section and ending with
    ** ';' ("Trên cơ sở Biên bản làm việc giữa Sở X, Thuế Thành phố, …;"):
    ** its commas part a list */
    if (bComma && (ps->zSection == NULL || ps->zSection[0] == 0) && ends_with_char(ps->zText, ';')) bComma = 0;
    int iBodySrc = c.iBody < c.f.n ? c.f.aOff[c.iBody] : 0;
    tk_clause_free(&c);
    return later_clause_task(ps->zText, ps->iEnd - ps->iStart, p, pMeta, pOut, pnAlloc, bComma, iBodySrc);
  }
  if (rc == VP_OK && bTask && party_has_lead(&r->parties) && c.bOwnDoer && !bInherit && !bObjects &&
      !(p + 1 < pText->nPassage && pText->aPassage[p + 1].iParent == p) && later_sentence_at(&c) > 0) {
    /* "Sở Tư pháp … theo quy định. Văn phòng UBND tỉnh … chủ trì, phối hợp
    ** Sở Tư pháp …": one task per doer's sentences */
    int iTextFrom = c.f.aOff[c.iBody];
    tk_clause_free(&c);
    return sentence_tasks(ps->zText, ps->iEnd - ps->iStart, p, iTextFrom, pMeta, pOut, pnAlloc);
  }
  if (rc == VP_OK && bTask && party_has_lead(&r->parties)) {
    party_list copy = {0};
    party_add_list(&copy, &r->parties, &rc);
    const passage_roles *pUp = bInherit ? &aRoles[qFrom] : NULL; /* the lead-in's deadline */
    if (rc == VP_OK)
      rc = clause_task_push(pOut, pnAlloc, p, &c, c.f.aOff[c.iBody], pUp ? pUp->zDeadline : NULL,
                            pUp ? pUp->zDeadlineNorm : NULL, &copy);
    /* "… kiểm tra hoạt động của Quỹ. Nội dung kiểm tra bao gồm:": the
    ** objects listed under the lead-in are part of its text */
    if (rc == VP_OK && bObjects) rc = append_children_text(pText, p, &pOut->a[pOut->n - 1]);
    party_list_free(&copy);
  }
  tk_clause_free(&c);
  return rc;
}


/* Agencies of one cell, all with role eRole. */
static int add_cell_agencies(party_list *p, const char *zCell, vp_role eRole) {
  vp_agency_mention *a = NULL;
  int n = 0, rc = vp_agency_scan(zCell, (int)strlen(zCell), &a, &n);
  for (int k = 0; rc == VP_OK && k < n; k++) party_add_mention(p, &a[k], eRole, &rc);
  vp_agency_mentions_free(a, n);
  return rc;
}



/* "phối hợp (thực hiện)" right after a list in a lead cell, or "(phối
** hợp)" after a name, makes those bodies support: "Sở Y tế chủ trì; Sở Giáo
** dục và Đào tạo, Bảo hiểm xã hội tỉnh phối hợp", "Sở Y tế (chủ trì), Sở
** Công Thương (phối hợp)". */
static void mark_cell_supports(tk_clause *c) {
  const vp_fold *f = &c->f;
  for (int k = 0; k < c->nM;) {
    int j = vp_fold_skip_ws(f, c->aFe[k]);
    if (j < f->n && f->z[j] == '(' && vp_fold_words_at(f, vp_fold_skip_ws(f, j + 1), "phoi hop") >= 0) {
      c->aRole[k] = ROLE_SUPPORT;
      k++;
      continue;
    }
    int e = tk_list_end(c, c->aFs[k]);
    int w = vp_fold_skip_ws(f, e), x = vp_fold_words_at(f, w, "phoi hop");
    if (x >= 0) {
      int y = vp_fold_words_at(f, vp_fold_skip_ws(f, x), "thuc hien");
      y = vp_fold_skip_ws(f, y >= 0 ? y : x);
      if (y >= f->n || f->z[y] == ';' || f->z[y] == '.' || f->z[y] == ',') {
        for (int q = k; q < c->nM && c->aFs[q] < e; q++) c->aRole[q] = ROLE_SUPPORT;
      }
    }
    int q = k + 1;
    while (q < c->nM && c->aFs[q] < e) q++;
    k = q;
  }
}

/* A lead cell or field that may say more than names: "Sở Y tế chủ trì,
** phối hợp với các sở, ban, ngành …" — the bodies after "phối hợp (với)"
** are support, the others lead. */
static int add_lead_cell_agencies(party_list *p, const char *zCell) {
  tk_clause c;
  int rc = tk_clause_init(&c, zCell, (int)strlen(zCell), 1);
  if (rc != VP_OK) return rc;
  mark_cell_supports(&c);
  for (int k = 0; rc == VP_OK && k < c.nM; k++)
    party_add_mention(p, &c.aM[k], c.aRole[k] == ROLE_SUPPORT ? VP_ROLE_SUPPORT : VP_ROLE_LEAD, &rc);
  tk_clause_free(&c);
  return rc;
}

/* A lead cell in which the scanner reads no whole name: the column says
** each of its names is the lead, so each ';'-separated name is taken as
** written when it looks like one (an institutional head noun first, at most
** 100 bytes, no sentence in it): never "Bước 5" or "Một phần". */
static int add_cell_names(party_list *p, const char *zCell, vp_role eRole) {
  int rc = VP_OK;
  const char *z = zCell;
  while (*z && rc == VP_OK) {
    const char *zEnd = strchr(z, ';');
    int n = zEnd ? (int)(zEnd - z) : (int)strlen(z);
    char *zName = vp_fold_display(z, n);
    if (zName == NULL) return VP_ENOMEM;
    int m = (int)strlen(zName);
    while (m > 0 && (zName[m - 1] == '.' || zName[m - 1] == ',')) zName[--m] = 0;
    int cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)zName, m, &cp);
    int bName = m >= 4 && m <= 100 && !strchr(zName, '.') &&
                (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU) &&
                vp_agency_starts_with_head(zName, m);
    if (bName) party_add(p, zName, zName, 0, eRole, &rc);
    free(zName);
    z += n;
    if (*z == ';') z++;
  }
  return rc;
}

/* ---- roles written after a task's own text: "Xây dựng cơ sở dữ liệu …
** (cơ quan chủ trì: Sở X; cơ quan phối hợp: Sở Y; thời gian: năm 2026)",
** "Hoàn thiện thể chế … (Sở X chủ trì, phối hợp với Sở Y; hoàn thành
** trong Quý I/2026)", "Đào tạo … . Chủ trì: Sở X; phối hợp: Sở Y. Thời
** gian: 2026 - 2030." */

/* A field name of data/table-columns.tsv ("Đơn vị chủ trì", "thời gian
** hoàn thành"), after any list mark or '(', at z[i], then ':' within
** nWindow bytes and, when nMaxWords > 0, at most that many words: its role
** when lead, support, deadline (or other, when bOther), with *piValue the
** offset after the ':'; else VP_COL_NONE. */
static vp_colrole field_name_at(const char *z, int n, int i, int nWindow, int nMaxWords, int bOther,
                                int *piValue) {
  int nLim = n - i < nWindow ? n - i : nWindow;
  const char *zColon = nLim > 0 ? memchr(z + i, ':', (size_t)nLim) : NULL;
  if (zColon == NULL) return VP_COL_NONE;
  int nWord = 1;
  for (const char *q = z + i; q < zColon; q++) nWord += *q == ' ' && q[1] != ' ' && q + 1 < zColon;
  if (nMaxWords > 0 && nWord > nMaxWords) return VP_COL_NONE;
  char *zF = vp_fold_str(z + i, (int)(zColon - z) - i);
  if (zF == NULL) return VP_COL_NONE;
  const char *q = zF;
  while (*q == ' ' || *q == '(' || *q == '-' || *q == '+' || *q == '*') q++;
  vp_colrole e = *q && vp_columns_is_name(q) ? vp_columns_role(q) : VP_COL_NONE;
  free(zF);
  if (e != VP_COL_LEAD && e != VP_COL_SUPPORT && e != VP_COL_DEADLINE && !(bOther && e == VP_COL_OTHER))
    return VP_COL_NONE;
  *piValue = (int)(zColon - z) + 1;
  return e;
}

/* A field inside a passage: at most six words before its ':' (48 bytes). */
static vp_colrole inline_field_at(const char *z, int n, int i, int *piValue) {
  return field_name_at(z, n, i, 48, 6, 0, piValue);
}

/* Where roles written after the text start in z[0..n), -1 when none: a
** last group in parentheses that holds "chủ trì" or opens with a field
** ("(Sở X chủ trì …)", "(cơ quan chủ trì: …)"), *piEnd its ')'; or, after a
** sentence or clause break, a field ("… . Chủ trì: Sở X"), *piEnd = n. */
static int annotation_start(const char *z, int n, int *piEnd) {
  int e = n;
  while (e > 0 && (z[e - 1] == ' ' || z[e - 1] == '.' || z[e - 1] == ';' || z[e - 1] == ',' ||
                   z[e - 1] == '\n' || z[e - 1] == '\r' || z[e - 1] == '*'))
    e--;
  if (e > 0 && z[e - 1] == ')') {
    int nDepth = 0, iOpen = -1;
    for (int i = e - 1; i >= 0 && iOpen < 0; i--) {
      if (z[i] == ')') nDepth++;
      else if (z[i] == '(' && --nDepth == 0) iOpen = i;
    }
    if (iOpen > 0) {
      int iValue;
      char *zF = vp_fold_str(z + iOpen + 1, e - 1 - iOpen - 1);
      int bLead = zF && (strstr(zF, "chu tri") != NULL || inline_field_at(z, e - 1, iOpen + 1, &iValue) != VP_COL_NONE);
      free(zF);
      if (bLead) {
        *piEnd = e - 1;
        return iOpen;
      }
    }
  }
  for (int i = 1; i < n; i++) {
    if (z[i - 1] != '.' && z[i - 1] != ';') continue;
    if (z[i - 1] == '.' && i >= 2 && z[i - 2] >= '0' && z[i - 2] <= '9' && z[i] >= '0' && z[i] <= '9') continue;
    int k = i, iValue;
    while (k < n && (z[k] == ' ' || z[k] == '\n' || z[k] == '-' || z[k] == '+')) k++;
    if (k < n && inline_field_at(z, n, k, &iValue) != VP_COL_NONE) {
      *piEnd = n;
      return i - 1;
    }
  }
  return -1;
}

/* The roles and deadline written in z[0..n) (the annotation): fields and
** "Sở X chủ trì, phối hợp với Sở Y" clauses, split at ';' and '.'. *pzDl
** the first deadline found, as written (caller frees), NULL when none. */
static int read_annotation(const char *z, int n, party_list *pParties, char **pzDl) {
  int rc = VP_OK;
  *pzDl = NULL;
  for (int i = 0; rc == VP_OK && i < n;) {
    int j = i;
    while (j < n && z[j] != ';' &&
           !(z[j] == '.' && !(j > i && j + 1 < n && z[j - 1] >= '0' && z[j - 1] <= '9' && z[j + 1] >= '0' &&
                             z[j + 1] <= '9')))
      j++;
    while (i < j && (z[i] == ' ' || z[i] == '\n' || z[i] == '-' || z[i] == '+')) i++;
    if (j > i) {
      int iValue;
      vp_colrole e = inline_field_at(z, j, i, &iValue);
      char *zSeg = vp_strndup(e != VP_COL_NONE ? z + iValue : z + i, e != VP_COL_NONE ? j - iValue : j - i);
      if (zSeg == NULL) return VP_ENOMEM;
      if (e == VP_COL_LEAD) rc = add_lead_cell_agencies(pParties, zSeg);
      else if (e == VP_COL_SUPPORT) rc = add_cell_agencies(pParties, zSeg, VP_ROLE_SUPPORT);
      else if (e == VP_COL_DEADLINE) {
        if (*pzDl == NULL) {
          *pzDl = vp_fold_display(zSeg, -1);
          if (*pzDl == NULL) rc = VP_ENOMEM;
        }
      } else {
        char *zF = vp_fold_str(zSeg, -1);
        if (zF == NULL) rc = VP_ENOMEM;
        else if (strstr(zF, "chu tri") || strstr(zF, "phoi hop")) rc = add_lead_cell_agencies(pParties, zSeg);
        else if (*pzDl == NULL) { /* "hoàn thành trong Quý I/2026" */
          tk_clause c;
          rc = tk_clause_init(&c, zSeg, (int)strlen(zSeg), 0);
          if (rc == VP_OK) {
            vp_deadline d;
            vp_deadline_in_prose(&c.f, c.iBody, &d);
            if (d.bFound) {
              *pzDl = vp_fold_display(zSeg + c.f.aOff[d.iS], c.f.aOff[d.iE] - c.f.aOff[d.iS]);
              if (*pzDl == NULL) rc = VP_ENOMEM;
            }
            tk_clause_free(&c);
          }
        }
        free(zF);
      }
      free(zSeg);
    }
    i = j + 1;
  }
  return rc;
}

/* A prose passage whose roles are written after its text (see above): its
** task, the text from iBody (past its list label) to them, pushed;
** *pbDone when so. The roles are kept in *pRoles for the passages under
** it. */
static int annotated_task(const vp_passage *ps, int p, int iBody, party_list *pRoles, vp_tasks *pOut,
                          int *pnAlloc, int *pbDone) {
  const char *z = ps->zText;
  int n = ps->iEnd - ps->iStart, iEnd = n;
  *pbDone = 0;
  int iStart = annotation_start(z, n, &iEnd);
  if (iStart < 0) return VP_OK;
  int nText = iStart;
  while (nText > 0 && (z[nText - 1] == ' ' || z[nText - 1] == '.' || z[nText - 1] == ',' || z[nText - 1] == ';' ||
                       z[nText - 1] == '\n'))
    nText--;
  if (iBody < 0 || iBody > nText) iBody = 0;
  int nWord = 0;
  for (int i = iBody; i < nText; i++) nWord += z[i] == ' ' && i + 1 < nText && z[i + 1] != ' ';
  if (nWord < 2) return VP_OK; /* the roles are all there is: a field line */
  party_list parties = {0};
  char *zDl = NULL;
  int rc = read_annotation(z + iStart + 1, iEnd - iStart - 1, &parties, &zDl); /* past '(' or the break */
  if (rc == VP_OK && party_has_lead(&parties)) {
    char zNorm[24] = "";
    if (zDl) {
      vp_fold f;
      rc = vp_fold_init(&f, zDl, (int)strlen(zDl));
      if (rc == VP_OK) {
        vp_deadline_cell_norm(&f, zNorm, (int)sizeof(zNorm));
        vp_fold_free(&f);
      }
    }
    party_add_list(pRoles, &parties, &rc);
    if (rc == VP_OK) {
      rc = task_push(pOut, pnAlloc, p, vp_fold_display(z + iBody, nText - iBody), zDl, zNorm, &parties);
      zDl = NULL;
      *pbDone = 1;
    }
  }
  free(zDl);
  party_list_free(&parties);
  return rc;
}

static int row_task(const vp_text *pText, int p, vp_tasks *pOut, int *pnAlloc) {
  const vp_passage *ps = &pText->aPassage[p];
  if (ps->iTable < 0 || ps->iTable >= pText->nPassage || ps->nCell == 0) return VP_OK;
  const vp_passage *pHead = &pText->aPassage[ps->iTable];
  const vp_colrole *aKind = pHead->aeColRole;
  if (aKind == NULL) return VP_OK;
  int rc = VP_OK;
  int nCol = pHead->nCell < ps->nCell ? pHead->nCell : ps->nCell;
  for (int i = 0; i < pHead->nCell; i++)
    if (aKind[i] == VP_COL_STEP) return VP_OK; /* a procedure's steps */
  party_list parties = {0};
  const char *zContent = NULL, *zDeadline = NULL;
  for (int i = 0; rc == VP_OK && i < nCol; i++) {
    const char *zCell = ps->azCell[i];
    if (aKind[i] == VP_COL_LEAD) {
      int nBefore = parties.n;
      rc = add_lead_cell_agencies(&parties, zCell);
      if (rc == VP_OK && parties.n == nBefore) rc = add_cell_names(&parties, zCell, VP_ROLE_LEAD);
    }
    else if (aKind[i] == VP_COL_CONTENT && zContent == NULL) zContent = zCell;
    else if (aKind[i] == VP_COL_DEADLINE && zDeadline == NULL) zDeadline = zCell;
  }
  for (int i = 0; rc == VP_OK && i < nCol; i++) {
    if (aKind[i] == VP_COL_SUPPORT) rc = add_cell_agencies(&parties, ps->azCell[i], VP_ROLE_SUPPORT);
  }
  if (rc == VP_OK && zContent && party_has_lead(&parties)) {
    /* "Chủ trì, phối hợp với …" inside the content cell */
    tk_clause c;
    rc = tk_clause_init(&c, zContent, (int)strlen(zContent), 0);
    if (rc == VP_OK) {
      for (int k = 0; k < c.nM; k++) {
        if (c.aRole[k] == ROLE_SUPPORT) party_add_mention(&parties, &c.aM[k], VP_ROLE_SUPPORT, &rc);
      }
      tk_clause_free(&c);
    }
  }
  /* a row is a task when its table has a content column and the row says
  ** what is to be done: a list of procedures, staff or units with a "Cơ
  ** quan thực hiện" column assigns nothing */
  if (rc == VP_OK && party_has_lead(&parties) && zContent && zContent[0]) {
    char zNorm[24] = "";
    char *zDl = NULL;
    if (zDeadline && zDeadline[0]) {
      vp_fold f;
      rc = vp_fold_init(&f, zDeadline, (int)strlen(zDeadline));
      if (rc == VP_OK) {
        vp_deadline_cell_norm(&f, zNorm, (int)sizeof(zNorm));
        vp_fold_free(&f);
        zDl = vp_fold_display(zDeadline, -1);
        if (zDl == NULL) rc = VP_ENOMEM;
      }
    }
    char *zText = zContent ? vp_fold_display(zContent, -1) : vp_fold_display(ps->zText, ps->iEnd - ps->iStart);
    if (rc == VP_OK) rc = task_push(pOut, pnAlloc, p, zText, zDl, zNorm, &parties);
    else {
      free(zText);
      free(zDl);
    }
  }
  party_list_free(&parties);
  return rc;
}


/* ---- labelled fields after a task: "Đơn vị chủ trì thực hiện: …",
** "Đơn vị phối hợp: …", "Thời gian thực hiện: …" — the record form some
** plans give each numbered task instead of a table row. */

/* The role of a passage that is a field line ("<column name>: value"), with
** *piValue the offset of its value; VP_COL_NONE for any other passage. */
static vp_colrole field_of(const vp_passage *ps, int *piValue) {
  /* "- Đơn vị chủ trì:", "+ Cơ quan phối hợp:", "Lĩnh vực:" (other) */
  return field_name_at(ps->zText, ps->iEnd - ps->iStart, 0, 80, 0, 1, piValue);
}

/* Does a phrase of list zList stand anywhere in passage ps? */
static int passage_has_list(const vp_passage *ps, const char *zList) {
  vp_fold f;
  if (vp_fold_init(&f, ps->zText, ps->iEnd - ps->iStart) != VP_OK) return 0;
  int bYes = tk_contains_list(&f, tk_list(zList));
  vp_fold_free(&f);
  return bYes;
}

/* Does z[0..n) hold a letter? A heading that is only a number ("2.7") says
** no task. */
static int has_letter(const char *z, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)z[i] >= 0x80 || (z[i] >= 'a' && z[i] <= 'z') || (z[i] >= 'A' && z[i] <= 'Z'))
      return 1;
  return 0;
}

/* The first passage of the text a run of field lines starting at p
** describes: the siblings before the run, back to the parent or the run
** before; p when there are none (the parent heading is then the text). */
static int field_text_start(const vp_text *pText, const unsigned char *abField, int p) {
  int iParent = pText->aPassage[p].iParent, iFrom = p;
  while (iFrom - 1 > iParent && iFrom - 1 >= 0 && !(abField[iFrom - 1] & 1) &&
         (pText->aPassage[iFrom - 1].iParent == iParent ||
          (pText->aPassage[iFrom - 1].iParent > iParent && pText->aPassage[iFrom - 1].iParent < p)))
    iFrom--;
  return iFrom;
}

/* Passages p..*piLast: a run of field lines under one parent, read into one
** task whose text is what stands before the run under the same parent
** (after any earlier run), or the parent heading itself. */
static int field_task(const vp_text *pText, const unsigned char *abField, int p, int *piLast,
                      vp_tasks *pOut, int *pnAlloc) {
  int q = p, iParent = pText->aPassage[p].iParent, iValue = 0, rc = VP_OK;
  party_list parties = {0};
  char *zDl = NULL;
  char zNorm[24] = "";
  int bRecord = 0; /* a procedure's record ("Cơ quan tiếp nhận", "Thời hạn
                   ** giải quyết" …), not a task */
  for (; q < pText->nPassage && (abField[q] & 1) && pText->aPassage[q].iParent == iParent; q++) {
    const vp_passage *ps = &pText->aPassage[q];
    vp_colrole e = field_of(ps, &iValue);
    if (e == VP_COL_OTHER || passage_has_list(ps, "procedure-field")) bRecord = 1;
    const char *zValue = ps->zText + iValue;
    if (e == VP_COL_LEAD) rc = add_lead_cell_agencies(&parties, zValue);
    else if (e == VP_COL_SUPPORT) rc = add_cell_agencies(&parties, zValue, VP_ROLE_SUPPORT);
    else if (e == VP_COL_DEADLINE && zDl == NULL) {
      vp_fold f;
      rc = vp_fold_init(&f, zValue, (int)strlen(zValue));
      if (rc == VP_OK) {
        vp_deadline_cell_norm(&f, zNorm, (int)sizeof(zNorm));
        vp_fold_free(&f);
        zDl = vp_fold_display(zValue, -1);
        if (zDl == NULL) rc = VP_ENOMEM;
      }
    }
    if (rc) break;
  }
  *piLast = q - 1;
  int iFrom = field_text_start(pText, abField, p);
  vp_buf b = {NULL, 0, 0};
  int iTextPassage = p;
  if (iFrom < p) {
    iTextPassage = iFrom;
    for (int k = iFrom; k < p && b.n < 2000 && rc == VP_OK; k++) {
      char *zT = vp_fold_display(pText->aPassage[k].zText, -1);
      if (zT == NULL) rc = VP_ENOMEM;
      else {
        if (b.n) vp_buf_append(&b, " ", 1, &rc);
        vp_buf_appends(&b, zT, &rc);
      }
      free(zT);
    }
  } else if (iParent >= 0) {
    iTextPassage = iParent;
    char *zT = vp_fold_display(pText->aPassage[iParent].zText, -1);
    if (zT == NULL) rc = VP_ENOMEM;
    else vp_buf_appends(&b, zT, &rc);
    free(zT);
  }
  if (rc == VP_OK && b.n && party_has_lead(&parties) && !bRecord && has_letter(b.z, b.n)) {
    char *zText = vp_buf_take(&b);
    rc = task_push(pOut, pnAlloc, iTextPassage, zText, zDl, zNorm, &parties);
    zDl = NULL;
  }
  vp_buf_free(&b);
  free(zDl);
  party_list_free(&parties);
  return rc;
}

/* ---- regions that give no task: the fields of a procedure's card, a
** legal text's scope ("Đối tượng áp dụng"), model forms, and another
** instrument's provisions quoted. */

#define QUOTE_MAX_PASSAGES 60 /* a quotation left open ends here */

typedef struct quiet_region {
  int bProcedure;  /* inside a procedure field ("Cơ quan thực hiện") */
  int iLevel;      /* the field passage's level */
  int bForm;       /* inside a model form ("Mẫu số 09") */
  int nQuoted;     /* passages of a quoted provision so far; 0 outside one */
} quiet_region;

/* The first (bLast 0) or last (bLast 1) character of ps's text, spaces and
** emphasis marks aside (and, last, the stop after a quotation), is a
** quotation mark: '"', '“' or '”'. */
static int quote_mark_at_edge(const vp_passage *ps, int bLast) {
  const char *z = ps->zText;
  int n = ps->iEnd - ps->iStart;
  if (bLast) {
    while (n > 0 && strchr(" \n\t*_.;,", z[n - 1])) n--;
    return (n >= 1 && z[n - 1] == '"') ||
           (n >= 3 && (memcmp(z + n - 3, "\xE2\x80\x9D", 3) == 0 || memcmp(z + n - 3, "\xE2\x80\x9C", 3) == 0));
  }
  int i = 0;
  while (i < n && strchr(" \n\t*_", z[i])) i++;
  return (i < n && z[i] == '"') || (i + 3 <= n && memcmp(z + i, "\xE2\x80\x9C", 3) == 0);
}

/* Does passage ps open (after its label) with a phrase of list zList? */
static int opens_with(const vp_passage *ps, const char *zList) {
  int n = ps->iEnd - ps->iStart;
  vp_fold f;
  if (vp_fold_init(&f, ps->zText, n < 200 ? n : 200) != VP_OK) return 0;
  int bYes = vp_lexicon_at_fold(&f, tk_skip_label(&f), tk_list(zList), NULL) >= 0;
  vp_fold_free(&f);
  return bYes;
}

/* Update the region at passage p; 1 when p gives no task. */
static int in_quiet_region(const vp_text *pText, int p, quiet_region *pR) {
  const vp_passage *ps = &pText->aPassage[p];
  if (ps->eKind != VP_P_TEXT && ps->eKind != VP_P_HEADING && ps->eKind != VP_P_ITEM) return pR->bForm;
  /* "Tại khoản 7 Điều 39 Nghị định số 126/2020/NĐ-CP … quy định:" / "“7.
  ** Kinh phí …" … "… nhà nước”": what another instrument sets, quoted (a
  ** letter answering a question); not an amendment's "… như sau:", whose
  ** quotation is this document's own rule */
  if (pR->nQuoted > 0) {
    if (quote_mark_at_edge(ps, 1) || ++pR->nQuoted > QUOTE_MAX_PASSAGES) pR->nQuoted = 0;
    return 1;
  }
  if (p > 0 && quote_mark_at_edge(ps, 0) && ends_with_colon(pText->aPassage[p - 1].zText) &&
      opens_with(&pText->aPassage[p - 1], "quote-lead")) {
    pR->nQuoted = quote_mark_at_edge(ps, 1) ? 0 : 1;
    return 1;
  }
  int n = ps->iEnd - ps->iStart;
  if (n < 200 && opens_with(ps, "form-title")) pR->bForm = 1;
  else if (pR->bForm && n < 200 && opens_with(ps, "form-end")) pR->bForm = 0;
  if (pR->bForm) return 1;
  int bLabelled = ps->zLabel[0] != 0;
  if ((ps->eKind == VP_P_HEADING || bLabelled) &&
      (opens_with(ps, "procedure-field") || opens_with(ps, "scope-heading"))) {
    pR->bProcedure = 1;
    pR->iLevel = ps->iLevel;
    return 1;
  }
  if (pR->bProcedure) {
    /* "2.", "II.", "Điều 3." end it; "a)", "-", "+" do not */
    int bNumbered = bLabelled && !(ps->zLabel[0] >= 'a' && ps->zLabel[0] <= 'z') &&
                    ps->zLabel[0] != '-' && ps->zLabel[0] != '+' &&
                    ((unsigned char)ps->zLabel[0] < 0x80 || strpbrk(ps->zLabel, "0123456789") != NULL);
    /* a heading under the region's own ("a) Đối với …" under "2. Tiêu chí
    ** thi đua") stays in it */
    if ((ps->eKind == VP_P_HEADING || bNumbered) && ps->iLevel <= pR->iLevel) pR->bProcedure = 0;
  }
  return pR->bProcedure;
}

static void task_items_free(vp_tasks *p);

/* Is every body task t names the public ("Các tổ chức, cá nhân tham gia …
** phải tuân thủ …": a record of kind "công chúng" in data/agencies.tsv)? */
static int names_only_the_public(const vp_task *t) {
  if (t->nAgency == 0) return 0;
  for (int k = 0; k < t->nAgency; k++) {
    const vp_agency *r = t->aAgency[k].zCanon ? vp_agency_resolve(t->aAgency[k].zCanon) : NULL;
    if (r == NULL || r->zKind == NULL || strcmp(r->zKind, "công chúng") != 0) return 0;
  }
  return 1;
}

/* A rule the public must follow is no task of a body: the tasks naming
** only the public are dropped. */
/* A deadline in a year before the document's own ("xây dựng trước ngày 01
** tháng 7 năm 2006" in a 2025 rule describes the houses, it sets no time):
** no deadline. Only dates that name their year ("2006-07-01", "2006-07",
** "2006"; a range "2024/2030" by its end). */
static void drop_deadlines_before(vp_tasks *pOut, const char *zDocDate) {
  if (zDocDate == NULL || strlen(zDocDate) < 4) return;
  int nDocYear = atoi(zDocDate);
  for (int i = 0; i < pOut->n; i++) {
    vp_task *t = &pOut->a[i];
    const char *z = t->zDeadlineNorm;
    if (z == NULL) continue;
    const char *zEnd = strchr(z, '/') ? strchr(z, '/') + 1 : z; /* a range: its end */
    if (!(zEnd[0] >= '1' && zEnd[0] <= '2') || strspn(zEnd, "0123456789") != 4) continue;
    if (atoi(zEnd) >= nDocYear) continue;
    free(t->zDeadline);
    free(t->zDeadlineNorm);
    t->zDeadline = t->zDeadlineNorm = NULL;
  }
}

/* A body named with the document's own province whose name without it is
** the table record of the province's committee ("Giao Ủy ban nhân dân
** thành phố Hà Nội tổ chức thực hiện" in Hà Nội's resolution) is that
** record: the scanner keeps such names as written, for the telegrams that
** task several provinces' committees. */
static int own_committee_as_record(vp_tasks *pOut, const vp_meta *pMeta) {
  if (pMeta == NULL || pMeta->zProvince == NULL) return VP_OK;
  char *zProv = vp_fold_key(pMeta->zProvince, -1);
  if (zProv == NULL) return VP_ENOMEM;
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < pOut->n; i++) {
    vp_task *t = &pOut->a[i];
    for (int k = 0; rc == VP_OK && k < t->nAgency; k++) {
      vp_task_agency *a = &t->aAgency[k];
      if (a->bGeneric || a->zCanon == NULL) continue;
      char *zHead = without_province(a->zCanon, zProv);
      const vp_agency *r = zHead ? committee_record(zHead, NULL) : NULL;
      free(zHead);
      if (r == NULL) continue;
      char *zNew = vp_mprintf("%s", r->zCanon);
      if (zNew == NULL) {
        rc = VP_ENOMEM;
        break;
      }
      free(a->zCanon);
      a->zCanon = zNew;
    }
    /* the record named twice now ("UBND tỉnh …; UBND tỉnh Nghệ An …"): once */
    int nAg = 0;
    for (int k = 0; k < t->nAgency; k++) {
      vp_task_agency *a = &t->aAgency[k];
      int bDup = 0;
      for (int j = 0; j < nAg && !bDup; j++)
        bDup = t->aAgency[j].eRole == a->eRole && a->zCanon && t->aAgency[j].zCanon &&
               strcmp(t->aAgency[j].zCanon, a->zCanon) == 0;
      if (bDup) {
        free(a->zCanon);
        free(a->zName);
        continue;
      }
      t->aAgency[nAg++] = *a;
    }
    t->nAgency = nAg;
  }
  free(zProv);
  return rc;
}

/* The province's committee is no party to its own document's tasks ("Sở Tài chính tham
** mưu Ủy ban nhân dân tỉnh bố trí …" in the committee's plan gives the
** committee no support; "Chủ tịch Ủy ban nhân dân tỉnh xem xét tặng Bằng
** khen …" in it, no task): its record is taken out of each task, and a
** task that named only the issuer is dropped. */
static void drop_the_issuer(vp_tasks *pOut, const vp_meta *pMeta) {
  const vp_agency *pIssuer = issuer_record(pMeta);
  /* only a committee speaking for itself: a notice of the Government's
  ** office conveys another's conclusions and may task its issuer */
  if (pIssuer == NULL || pIssuer->zKind == NULL || strcmp(pIssuer->zKind, "ủy ban") != 0) return;
  int nKeep = 0;
  for (int i = 0; i < pOut->n; i++) {
    vp_task *t = &pOut->a[i];
    int nBefore = t->nAgency, nAg = 0;
    for (int k = 0; k < t->nAgency; k++) {
      vp_task_agency *a = &t->aAgency[k];
      if (a->zCanon && strcmp(a->zCanon, pIssuer->zCanon) == 0) {
        free(a->zCanon);
        free(a->zName);
        continue;
      }
      t->aAgency[nAg++] = *a;
    }
    t->nAgency = nAg;
    if (nAg > 0 || nBefore == 0) {
      pOut->a[nKeep++] = *t;
      continue;
    }
    vp_tasks one = {t, 1};
    task_items_free(&one);
  }
  pOut->n = nKeep;
}

static void drop_obligations_of_the_public(vp_tasks *pOut) {
  int nKeep = 0;
  for (int i = 0; i < pOut->n; i++) {
    vp_task *t = &pOut->a[i];
    if (!names_only_the_public(t)) {
      pOut->a[nKeep++] = *t;
      continue;
    }
    vp_tasks one = {t, 1};
    task_items_free(&one);
  }
  pOut->n = nKeep;
}

int vp_task_extract(const vp_text *pText, const vp_meta *pMeta,
                    vp_tasks *pOut, char **pzErr) {
  memset(pOut, 0, sizeof(*pOut));
  if (pText == NULL || pText->nPassage == 0) return VP_OK;
  /* tasks come from official documents that give work: a kind and an
  ** issuer; an article or a Q&A page that names agencies gives none */
  if (pMeta == NULL || pMeta->zKind == NULL || pMeta->zIssuer == NULL) return VP_OK;
  passage_roles *aRoles = calloc((size_t)pText->nPassage, sizeof(passage_roles));
  if (aRoles == NULL) {
    if (pzErr) *pzErr = vp_mprintf("out of memory");
    return VP_ENOMEM;
  }
  int rc = VP_OK, nAlloc = 0;
  unsigned char *abField = calloc((size_t)pText->nPassage, 1);
  if (abField == NULL) rc = VP_ENOMEM;
  for (int p = 0; rc == VP_OK && p < pText->nPassage; p++) {
    int iValue;
    vp_passage *ps = &pText->aPassage[p];
    abField[p] = (ps->eKind == VP_P_TEXT || ps->eKind == VP_P_ITEM) && field_of(ps, &iValue) != VP_COL_NONE;
  }
  /* bit 2: the text of a field run, which gives its task there and not
  ** again on its own */
  for (int p = 0; rc == VP_OK && p < pText->nPassage; p++) {
    if ((abField[p] & 1) && (p == 0 || !(abField[p - 1] & 1)))
      for (int k = field_text_start(pText, abField, p); k < p; k++) abField[k] |= 2;
  }
  quiet_region region = {0, 0, 0, 0};
  for (int p = 0; rc == VP_OK && p < pText->nPassage; p++) {
    if (in_quiet_region(pText, p, &region)) continue;
    if (abField[p] & 2) continue;
    if (abField[p] & 1) {
      int iLast = p;
      rc = field_task(pText, abField, p, &iLast, pOut, &nAlloc);
      p = iLast;
      continue;
    }
    switch (pText->aPassage[p].eKind) {
      case VP_P_TEXT:
      case VP_P_HEADING:
      case VP_P_ITEM:
        rc = prose_task(pText, pMeta, aRoles, p, pOut, &nAlloc);
        break;
      case VP_P_ROW:
        rc = row_task(pText, p, pOut, &nAlloc);
        break;
      default: /* table heads, recipients and signatures assign nothing */
        break;
    }
  }
  for (int p = 0; p < pText->nPassage; p++) {
    party_list_free(&aRoles[p].parties);
    free(aRoles[p].zDeadline);
  }
  free(aRoles);
  free(abField);
  if (rc == VP_OK) rc = own_committee_as_record(pOut, pMeta);
  if (rc == VP_OK) drop_the_issuer(pOut, pMeta);
  if (rc == VP_OK) drop_obligations_of_the_public(pOut);
  if (rc == VP_OK) drop_deadlines_before(pOut, pMeta->zDate);
  if (rc != VP_OK) {
    vp_task_clear(pOut);
    if (pzErr) *pzErr = vp_mprintf("out of memory while extracting tasks");
  }
  return rc;
}

/* Frees what p's tasks hold, not the array. */
static void task_items_free(vp_tasks *p) {
  for (int i = 0; i < p->n; i++) {
    vp_task *t = &p->a[i];
    free(t->zText);
    free(t->zDeadline);
    free(t->zDeadlineNorm);
    for (int k = 0; k < t->nAgency; k++) {
      free(t->aAgency[k].zCanon);
      free(t->aAgency[k].zName);
    }
    free(t->aAgency);
  }
}

void vp_task_clear(vp_tasks *p) {
  if (p == NULL) return;
  task_items_free(p);
  free(p->a);
  memset(p, 0, sizeof(*p));
}
