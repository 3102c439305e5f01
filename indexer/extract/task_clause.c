/*
** task_clause.c — one clause as the task extractor reads it (see
** task_clause.h): its agency mentions and their roles by general rules on
** the folded text — a doer list at its start (after "Giao", "Đề nghị", a
** title, a doer's intro), the lists after "phối hợp (với)", later doers
** after a full stop or ';', names sharing a head ("Giám đốc các Sở: Tài
** chính, Xây dựng"), and the count of content words beside them.
*/
#include "task_clause.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"

/* ------------------------------------------------------------------------
** Word lists (folded).
*/

/* The word lists (data/task-phrases.tsv, through vp_lexicon). */
const vp_lexicon_list *tk_list(const char *zList) {
  return vp_lexicon_get("task-phrases.tsv", zList);
}


#define MAX_LIST 48

/* ------------------------------------------------------------------------
** Folded-text helpers.
*/

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Does a phrase of pList stand anywhere in f? */
int tk_contains_list(const vp_fold *f, const vp_lexicon_list *pList) {
  for (int i = 0; i < f->n; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    if (vp_lexicon_at_fold(f, i, pList, NULL) >= 0) return 1;
  }
  return 0;
}

/* Past the list label and bullets at the start: "b) ", "3.3. ", "- ", "+ ",
** "* ", "II. ", "•". */
int tk_skip_label(const vp_fold *f) {
  int i = vp_fold_skip_ws(f, 0);
  /* an article's number: "Điều 4. Chánh Văn phòng …" */
  if (vp_fold_words_at(f, i, "dieu") >= 0) {
    int j = vp_fold_skip_ws(f, i + 4), d = j;
    while (d < f->n && is_digit(f->z[d])) d++;
    int e = d > j ? vp_fold_skip_ws(f, d) : d; /* "Điều 3  . Sở …": the bold's marks gone */
    if (d > j && e < f->n && (f->z[e] == '.' || f->z[e] == ':')) i = e + 1;
  }
  for (int round = 0; round < 6; round++) {
    i = vp_fold_skip_ws(f, i);
    if (i >= f->n) break;
    char c = f->z[i];
    if (c == '-' || c == '+' || c == '*' || c == '.' || c == ')' || c == '(') {
      i++;
      continue;
    }
    if (f->n - i >= 3 && memcmp(f->z + i, "\xe2\x80\xa2", 3) == 0) { /* • */
      i += 3;
      continue;
    }
    int j = i;
    if (is_digit(c)) {
      while (j < f->n && (is_digit(f->z[j]) || f->z[j] == '.')) j++;
    } else if (c >= 'a' && c <= 'z') {
      while (j < f->n && strchr("ivxlcdm", f->z[j]) && f->z[j] != 0) j++;
      if (j == i) j = i + 1; /* a single letter: "a)", "đ)" */
      else if (j - i > 1 && j < f->n && vp_fold_is_word_byte((unsigned char)f->z[j])) j = i;
    }
    int bDecimal = is_digit(c) && j < f->n && f->z[j] == ' ' && memchr(f->z + i, '.', (size_t)(j - i));
    if (j > i && (bDecimal || f->z[j - 1] == '.' || (j < f->n && (f->z[j] == '.' || f->z[j] == ')')))) {
      i = j;
      if (i < f->n && (f->z[i] == '.' || f->z[i] == ')')) i++;
      continue;
    }
    break;
  }
  return vp_fold_skip_ws(f, i);
}

/* ------------------------------------------------------------------------
** A clause: one text (passage or cell) with its mentions and their roles.
*/



void tk_clause_free(tk_clause *c) {
  vp_fold_free(&c->f);
  vp_agency_mentions_free(c->aM, c->nM);
  free(c->aFs);
  free(c->aFe);
  free(c->aRole);
  memset(c, 0, sizeof(*c));
}

static int fold_index_of(const vp_fold *f, int iSrc) {
  int lo = 0, hi = f->n;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (f->aOff[mid] < iSrc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

int tk_mention_at(const tk_clause *c, int i) {
  for (int k = 0; k < c->nM; k++) {
    if (c->aFs[k] == i) return k;
    if (c->aFs[k] > i) break;
  }
  return -1;
}

/* Separators inside an agency list: ',' ';' "và" "cùng", and titles
** ("… và Chủ tịch UBND các huyện"); right after a name (bAfterName), a
** title only after another separator: "Đảng ủy Công an tỉnh lãnh đạo Công
** an tỉnh …" is a verb, no list. */
static int skip_list_sep(const vp_fold *f, int i, int bAfterName) {
  int bSep = !bAfterName;
  for (;;) {
    i = vp_fold_skip_ws(f, i);
    if (i < f->n && (f->z[i] == ',' || f->z[i] == ';' || f->z[i] == '&')) {
      i++;
      bSep = 1;
      continue;
    }
    int e = vp_fold_words_at(f, i, "va");
    if (e < 0) e = vp_fold_words_at(f, i, "cung");
    if (e >= 0) bSep = 1;
    if (e < 0 && bSep && (e = vp_lexicon_at_fold(f, i, tk_list("title"), NULL)) >= 0) {
      int k = vp_fold_skip_ws(f, e); /* "Giám đốc: Sở A, Sở B" */
      if (k < f->n && f->z[k] == ':') e = k + 1;
    }
    if (e < 0) e = vp_lexicon_at_fold(f, i, tk_list("list-qualifier"), NULL); /* "… của Thành phố, UBND …" */
    if (e < 0 && (e = vp_lexicon_at_fold(f, i, tk_list("shared-head"), NULL)) >= 0) {
      int k = vp_fold_skip_ws(f, e); /* "các Sở:" before the names it heads */
      e = k < f->n && f->z[k] == ':' ? k + 1 : -1;
    }
    if (e < 0) return i;
    i = e;
  }
}

/* Past an aside in parentheses at folded index i ("(sau đây gọi tắt là
** …)"): the index after it and its spaces; i when none stands there. */
static int after_aside(const vp_fold *f, int i) {
  if (i >= f->n || f->z[i] != '(') return i;
  int nDepth = 0;
  for (int j = i; j < f->n; j++) {
    if (f->z[j] == '(') nDepth++;
    else if (f->z[j] == ')' && --nDepth == 0) return vp_fold_skip_ws(f, j + 1);
  }
  return i;
}

/* The mention that goes on a list after folded index iEnd (a separator
** between): "…, Thuế Thành phố và các Thuế cơ sở, UBND cấp xã …" (a plural
** "các" before a body's name, where no mention opens with it); -1 when
** the list ends there. */
static int next_in_list(const tk_clause *c, int iEnd) {
  /* past a unit named in an aside: "Văn phòng UBND tỉnh (Trung tâm Công
  ** báo - Tin học) và các cơ quan, đơn vị liên quan"; not past a role
  ** ("Sở Y tế (chủ trì), Sở Công Thương (phối hợp)") */
  const vp_fold *f = &c->f;
  int a = vp_fold_skip_ws(f, iEnd);
  /* past a qualifier of the name ("các cơ quan, đơn vị cấp thành phố và
  ** Ủy ban nhân dân xã, phường"), as written */
  const vp_lexicon_entry *pQ = NULL;
  int eQ = vp_lexicon_at_fold(f, a, tk_list("name-qualifier"), &pQ);
  if (eQ > a && vp_fold_written_as(f, c->zSrc, a, eQ - a, pQ->zPhrase)) a = vp_fold_skip_ws(f, eQ);
  int iPast = after_aside(f, a);
  if (iPast > a) {
    int r = vp_fold_find_words(f, a, "chu tri"), s = vp_fold_find_words(f, a, "phoi hop");
    if ((r >= 0 && r < iPast) || (s >= 0 && s < iPast)) iPast = a;
  }
  int j = skip_list_sep(f, iPast, 1);
  int k = tk_mention_at(c, j);
  int e = k < 0 ? vp_fold_words_at(&c->f, j, "cac") : -1;
  return e >= 0 ? tk_mention_at(c, vp_fold_skip_ws(&c->f, e)) : k;
}

#define GAP_ITEMS 3     /* partners that are no bodies of ours, in a row */
#define GAP_WORDS 2     /* words of such a partner ("báo", "đài", "nhà trường") */
#define GAP_WORDS_CAC 4 /* … or opening with a plural "các" ("các bệnh viện") */

/* A partners' list after folded index iEnd that goes on past a few short
** items naming no body of ours, to a mention after ',' or "và": "phối hợp
** với các sở, ban, ngành, báo, đài và các đơn vị có liên quan". The
** mention, or -1 when the list ends at iEnd (a longer item, a clause mark,
** or no mention after the items). */
static int next_after_partners(const tk_clause *c, int iEnd) {
  const vp_fold *f = &c->f;
  int j = iEnd;
  for (int nItem = 0; nItem < GAP_ITEMS; nItem++) {
    /* a separator: ',' or "và" */
    j = vp_fold_skip_ws(f, j);
    int e = j < f->n && f->z[j] == ',' ? j + 1 : vp_fold_words_at(f, j, "va");
    if (e < 0) return -1;
    j = vp_fold_skip_ws(f, e);
    /* the item: its words up to the next separator */
    int bCac = vp_fold_words_at(f, j, "cac") >= 0, nWord = 0, k = j;
    while (k < f->n && f->z[k] != ',' && vp_fold_words_at(f, k, "va") < 0) {
      if (strchr(".;:()\n", f->z[k])) return -1;
      if (vp_fold_is_word_byte((unsigned char)f->z[k]) && (k == j || f->z[k - 1] == ' ')) nWord++;
      k++;
      if (f->z[k - 1] == ' ' && k < f->n && vp_fold_words_at(f, k, "va") >= 0) break;
    }
    if (nWord == 0 || nWord > (bCac ? GAP_WORDS_CAC : GAP_WORDS)) return -1;
    int m = next_in_list(c, k);
    if (m >= 0) return m;
    j = k;
  }
  return -1;
}

/* Whether mention m names a body over units (a ministry, a department,
** a People's Committee or its office): as an aside it says whose a unit is. */
static int names_parent(const vp_agency_mention *m) {
  static const char *const azHead[] = {"Bộ ", "Sở ", "Ủy ban ", "Văn phòng "};
  for (int i = 0; i < (int)VP_ARRAY_SIZE(azHead); i++)
    if (m->zCanon && strncmp(m->zCanon, azHead[i], strlen(azHead[i])) == 0) return 1;
  return 0;
}

/* Whether folded [i, e) says a role ("chủ trì", "phối hợp"). */
static int role_words_in(const vp_fold *f, int i, int e) {
  int r = vp_fold_find_words(f, i, "chu tri"), s = vp_fold_find_words(f, i, "phoi hop");
  return (r >= 0 && r < e) || (s >= 0 && s < e);
}

/* The agency list starting at folded index i: marks its mentions with eRole
** (a lead is never lowered to support). Partners (bPartners: a "phối hợp"
** list) may stand between its bodies (next_after_partners). Returns the
** index after the list's last mention, or -1 when no mention starts at i. */
static int take_list_of(tk_clause *c, int i, int eRole, int bPartners) {
  int k = tk_mention_at(c, vp_fold_skip_ws(&c->f, i));
  if (k < 0) return -1;
  int iEnd = -1;
  for (int nTaken = 0; k >= 0 && nTaken < MAX_LIST; nTaken++) {
    if (c->aRole[k] != ROLE_LEAD) c->aRole[k] = (unsigned char)eRole;
    iEnd = c->aFe[k];
    /* the unit an aside names takes the role too: "phối hợp Văn phòng UBND
    ** tỉnh (Trung tâm Phục vụ hành chính công)"; not a parent body ("Cục
    ** … (Bộ Khoa học và Công nghệ)") nor an aside with roles of its own */
    int a = vp_fold_skip_ws(&c->f, iEnd), iPast = after_aside(&c->f, a);
    int m = iPast > a ? tk_mention_at(c, vp_fold_skip_ws(&c->f, a + 1)) : -1;
    if (m >= 0 && c->aFe[m] < iPast && c->aRole[m] != ROLE_LEAD && !names_parent(&c->aM[m]) &&
        !role_words_in(&c->f, a, iPast))
      c->aRole[m] = (unsigned char)eRole;
    k = next_in_list(c, iEnd);
    if (k < 0 && bPartners) k = next_after_partners(c, iEnd);
  }
  return iEnd;
}

static int take_list(tk_clause *c, int i, int eRole) { return take_list_of(c, i, eRole, 0); }

/* The end of the agency list starting at folded index i, as take_list
** would read it, without marking it; -1 when no mention starts at i. */
int tk_list_end(const tk_clause *c, int i) {
  int k = tk_mention_at(c, vp_fold_skip_ws(&c->f, i));
  int iEnd = -1;
  for (int nTaken = 0; k >= 0 && nTaken < MAX_LIST; nTaken++) {
    iEnd = c->aFe[k];
    k = next_in_list(c, iEnd);
  }
  return iEnd;
}


/* "6. Sở Tư pháp (Phòng …, Giám đốc Sở Tư pháp, 01 Phó Giám đốc …).": the
** doer list and nothing after it but an aside in parentheses — an entry of
** a list of bodies, no work. */
int tk_names_with_aside_only(const tk_clause *c) {
  const vp_fold *f = &c->f;
  if (!c->bOwnDoer) return 0;
  int iEnd = tk_list_end(c, c->iBody);
  if (iEnd < 0) return 0;
  int i = vp_fold_skip_ws(f, iEnd), j = after_aside(f, i);
  if (j == i) return 0;
  for (; j < f->n; j++)
    if (f->z[j] != ' ' && f->z[j] != '.' && f->z[j] != ';' && f->z[j] != ',') return 0;
  return 1;
}

/* "Đối với Sở X:", "Trách nhiệm của Sở X", "Nội dung Sở X có trách nhiệm
** chủ trì" (data/task-phrases.tsv: doer-intro, doer-tail): words that
** introduce the doer a heading or lead-in names. Returns where the list
** starts when only the list follows, maybe closed by a doer-tail, up to a
** ':' or the end (bNamesOnly when nothing follows the ':'); else i. */
static int skip_doer_intro(tk_clause *c, int i) {
  const vp_fold *f = &c->f;
  const vp_lexicon_entry *pIntro = NULL;
  int e = vp_lexicon_at_fold(f, i, tk_list("doer-intro"), &pIntro);
  if (e < 0) return i;
  int k = vp_fold_skip_ws(f, e);
  /* "Trách nhiệm của các Sở: Y tế, Tư pháp": the names after the head */
  int eHead = vp_lexicon_at_fold(f, k, tk_list("shared-head"), NULL);
  if (eHead >= 0) {
    int j = vp_fold_skip_ws(f, eHead);
    if (j < f->n && f->z[j] == ':' && tk_mention_at(c, vp_fold_skip_ws(f, j + 1)) >= 0) k = vp_fold_skip_ws(f, j + 1);
  }
  int iEnd = tk_list_end(c, k);
  if (iEnd < 0) return i;
  int j = vp_fold_skip_ws(f, iEnd);
  int eTail = vp_lexicon_at_fold(f, j, tk_list("doer-tail"), NULL);
  if (eTail >= 0) j = vp_fold_skip_ws(f, eTail);
  while (j < f->n && (f->z[j] == '.' || f->z[j] == '*')) j = vp_fold_skip_ws(f, j + 1);
  if (j < f->n && f->z[j] != ':') {
    if (strcmp(pIntro->zValue, "and-task") != 0) return i;
    c->bIntroTask = 1; /* "Trách nhiệm của Sở X hướng dẫn …" */
    return k;
  }
  c->bNamesOnly = j >= f->n || vp_fold_skip_ws(f, j + 1) >= f->n;
  return k;
}

/* Does a word of list report-aspect stand, as written (tones count: "đã",
** "đang", never "đăng"), at folded index i? "Bộ Công an đang triển khai …"
** reports what a body is doing or did; it assigns nothing. */
static int report_aspect_at(const tk_clause *c, int i) {
  if (i < 0 || i >= c->f.n) return 0;
  int iSrc = c->f.aOff[i];
  const vp_lexicon_list *pList = tk_list("report-aspect");
  for (int k = 0; k < vp_lexicon_count(pList); k++) {
    const char *zW = vp_lexicon_entry_at(pList, k)->zPhrase;
    int nW = (int)strlen(zW);
    if (iSrc + nW < c->nSrc && memcmp(c->zSrc + iSrc, zW, (size_t)nW) == 0 && c->zSrc[iSrc + nW] == ' ')
      return 1;
  }
  return 0;
}

/* "X chủ trì …" / "X: …" / "X <verb> …" at the start; "Đề nghị X",
** "Giao X"; "Chủ trì, phối hợp …" without X. */
static void read_doer(tk_clause *c, int bMayOwnDoer) {
  const vp_fold *f = &c->f;
  int i = c->iBody, bAssigned = 0;
  if (bMayOwnDoer) i = skip_doer_intro(c, i);
  for (int round = 0; round < 2; round++) {
    int e = vp_lexicon_at_fold(f, i, tk_list("assign"), NULL);
    bAssigned |= e >= 0; /* "Giao Sở X là cơ quan đầu mối": a designation */
    if (e < 0) e = vp_lexicon_at_fold(f, i, tk_list("title"), NULL);
    if (e >= 0) { /* "Đề nghị: Hiệp hội …, Hội Nông dân tỉnh" */
      int k = vp_fold_skip_ws(f, e);
      if (k < f->n && f->z[k] == ':') k = vp_fold_skip_ws(f, k + 1);
      /* "Giao Giám đốc Công an tỉnh …": the title is read next round */
      if (tk_mention_at(c, k) >= 0 || (round == 0 && vp_lexicon_at_fold(f, k, tk_list("title"), NULL) >= 0)) i = k;
    }
  }
  /* "Chủ tịch Ủy ban nhân dân các tỉnh: Khánh Hòa, Gia Lai": the names
  ** after a shared head (expand_shared_heads) are the doers */
  int iHead = vp_fold_skip_ws(f, i), eTitle = vp_lexicon_at_fold(f, iHead, tk_list("title"), NULL);
  if (eTitle >= 0) iHead = vp_fold_skip_ws(f, eTitle);
  int eHead = vp_lexicon_at_fold(f, iHead, tk_list("shared-head"), NULL);
  if (eHead >= 0) {
    int k = vp_fold_skip_ws(f, eHead);
    if (k < f->n && f->z[k] == ':' && tk_mention_at(c, vp_fold_skip_ws(f, k + 1)) >= 0) i = k + 1;
    else if (k < f->n && tk_mention_at(c, k) >= 0) i = k; /* "… các tỉnh Đắk Lắk và Gia Lai" */
  }
  int iEnd = bMayOwnDoer ? take_list(c, i, ROLE_LEAD) : -1;
  /* "Trách nhiệm thực hiện Sở X, Sở Y; Viễn thông Z; Chủ tịch UBND các
  ** xã thực hiện …": a list its intro opens goes on past ';' */
  while (iEnd >= 0 && c->bIntroTask) {
    int j = vp_fold_skip_ws(f, iEnd);
    if (j >= f->n || f->z[j] != ';') break;
    int k = vp_fold_skip_ws(f, j + 1);
    int eT = vp_lexicon_at_fold(f, k, tk_list("title"), NULL);
    if (eT >= 0 && tk_mention_at(c, vp_fold_skip_ws(f, eT)) >= 0) k = vp_fold_skip_ws(f, eT);
    int iNext = tk_mention_at(c, k) >= 0 ? take_list(c, k, ROLE_LEAD) : -1;
    if (iNext < 0) break;
    iEnd = iNext;
  }
  while (iEnd >= 0 && !bAssigned && vp_lexicon_at_fold(f, vp_fold_skip_ws(f, iEnd), tk_list("definition"), NULL) >= 0) {
    /* "Thủ trưởng các cơ quan, đơn vị trực thuộc UBND thành phố; Giám đốc
    ** Công an …": a qualifier of one member, the list goes on after ';' */
    const char *zSemi = memchr(f->z + iEnd, ';', (size_t)(f->n - iEnd));
    int iNext = zSemi ? take_list(c, skip_list_sep(f, (int)(zSemi - f->z), 0), ROLE_LEAD) : -1;
    if (iNext < 0) break;
    iEnd = iNext;
  }
  /* "Sở Giáo dục và Đào tạo đề nghị UBND các xã, phường thực hiện …",
  ** "Sở Nội vụ đề nghị Giám đốc các Sở …": the bodies asked are the doers,
  ** not the one asking */
  if (iEnd >= 0) {
    int e = vp_lexicon_at_fold(f, vp_fold_skip_ws(f, iEnd), tk_list("assign"), NULL);
    int k = e >= 0 ? vp_fold_skip_ws(f, e) : f->n;
    if (k < f->n && f->z[k] == ':') k = vp_fold_skip_ws(f, k + 1);
    int eAskedTitle = k < f->n ? vp_lexicon_at_fold(f, k, tk_list("title"), NULL) : -1;
    if (eAskedTitle >= 0 && tk_mention_at(c, vp_fold_skip_ws(f, eAskedTitle)) >= 0) k = vp_fold_skip_ws(f, eAskedTitle);
    if (k < f->n && tk_mention_at(c, k) >= 0) {
      for (int m = 0; m < c->nM; m++)
        if (c->aFe[m] <= iEnd && c->aRole[m] == ROLE_LEAD) c->aRole[m] = ROLE_NONE;
      iEnd = take_list(c, k, ROLE_LEAD);
      bAssigned = 1;
    }
  }
  /* "Ban Quản lý … (sau đây gọi tắt là Ban Quản lý) là cơ quan …": what
  ** follows the aside says what the body is */
  int iAfter = iEnd >= 0 ? after_aside(f, vp_fold_skip_ws(f, iEnd)) : -1;
  if (iEnd >= 0 && (vp_lexicon_at_fold(f, iAfter, tk_list("author-of"), NULL) >= 0 ||
                    (!bAssigned && (vp_lexicon_at_fold(f, iAfter, tk_list("definition"), NULL) >= 0 ||
                                    report_aspect_at(c, iAfter))))) {
    /* "Sở X tại Tờ trình số …": the author of a document cited, not a
    ** doer; "Sở X là cơ quan thường trực …": what a body is, not work */
    for (int k = 0; k < c->nM; k++)
      if (c->aFe[k] <= iEnd && c->aRole[k] == ROLE_LEAD) c->aRole[k] = ROLE_NONE;
    iEnd = -1;
    c->bStatement = 1;
  }
  if (iEnd >= 0) {
    c->bOwnDoer = 1;
    i = vp_fold_skip_ws(f, iEnd);
    if (i < f->n && f->z[i] == ',') i = vp_fold_skip_ws(f, i + 1);
  }
  if (vp_fold_words_at(f, i, "chu tri") >= 0) c->bChuTri = 1;
  /* later sentences: "…; giao Sở X …", ". Đề nghị X …" */
  for (int j = i; j < f->n; j++) {
    if (f->z[j] != '.' && f->z[j] != ';' && f->z[j] != ':') continue;
    int k = vp_fold_skip_ws(f, j + 1);
    const vp_lexicon_entry *pAssign;
    int e = vp_lexicon_at_fold(f, k, tk_list("assign"), &pAssign);
    if (e >= 0 && strcmp(pAssign->zValue, "anywhere") != 0) e = -1;
    if (e >= 0 && take_list(c, e, ROLE_LEAD) >= 0) c->bOwnDoer = c->bOwnDoer || bMayOwnDoer;
  }
}

/* Every "phối hợp (chặt chẽ) (với) <list>" gives support. */
#define ADVISED_WORDS 8 /* words of the advised body's name, at most */

/* Is the "phối hợp" at folded index i the action the doer advises another
** body to take ("… tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Giáo dục và
** Đào tạo …": the ministry works with the province, not with the doer)?
** An advising verb (task-phrases advise) stands a few words before it, no
** comma or stop between, with words between (the body advised). */
static int advised_cooperation(const tk_clause *c, int i) {
  const vp_fold *f = &c->f;
  const vp_lexicon_list *pAdvise = tk_list("advise");
  int nWord = 0;
  for (int k = i - 1; k > 0 && nWord <= ADVISED_WORDS; k--) {
    char ch = f->z[k];
    if (ch == ',' || ch == ';' || ch == '.' || ch == ':' || ch == '(' || ch == ')') return 0;
    if (ch != ' ' || !vp_fold_is_word_byte((unsigned char)f->z[k + 1])) continue;
    nWord++;
    /* k + 1 starts a word: an advising verb there with words after it */
    int e = vp_lexicon_at_fold(f, k + 1, pAdvise, NULL);
    if (e >= 0 && vp_fold_skip_ws(f, e) < i) return 1;
  }
  return 0;
}

static void read_support(tk_clause *c) {
  const vp_fold *f = &c->f;
  for (int i = vp_fold_find_words(f, c->iBody, "phoi hop"); i >= 0; i = vp_fold_find_words(f, i + 1, "phoi hop")) {
    if (advised_cooperation(c, i)) continue;
    int j = vp_fold_skip_ws(f, i + (int)strlen("phoi hop"));
    int e = vp_lexicon_at_fold(f, j, tk_list("coop-link"), NULL);
    if (e >= 0) j = vp_fold_skip_ws(f, e);
    /* "phối hợp với Giám đốc Sở …", "… với Chánh Văn phòng UBND tỉnh;
    ** Chủ tịch UBND các xã": a body named through its head */
    int eTitle = vp_lexicon_at_fold(f, j, tk_list("title"), NULL);
    if (eTitle >= 0 && tk_mention_at(c, vp_fold_skip_ws(f, eTitle)) >= 0) j = vp_fold_skip_ws(f, eTitle);
    if (take_list_of(c, j, ROLE_SUPPORT, 1) >= 0 || e < 0) continue;
    /* "phối hợp với doanh nghiệp viễn thông và các đơn vị có liên quan":
    ** partners that are no bodies of ours may come first; the bodies after
    ** their ',' or "và" (within a few words) are supports too */
    for (int k = j, nWord = 0; k < f->n && nWord < 14; k++) {
      char ch = f->z[k];
      /* "phối hợp với cơ quan thường trực Ban chỉ huy phòng thủ dân sự
      ** tỉnh (Bộ Chỉ huy quân sự tỉnh)": the body the aside names */
      if (ch == '(') {
        take_list(c, vp_fold_skip_ws(f, k + 1), ROLE_SUPPORT);
        break;
      }
      /* "phối hợp với các đơn vị: Văn phòng UBND tỉnh …": the partners the
      ** colon lists */
      if (ch == ':' && nWord < 6) {
        take_list_of(c, vp_fold_skip_ws(f, k + 1), ROLE_SUPPORT, 1);
        break;
      }
      if (ch == ';' || ch == '.' || ch == ':') break;
      if (nWord >= 6) continue; /* past a few words, only an aside names it */
      if (ch == ' ') nWord++;
      int iNext = ch == ',' ? k + 1 : (ch == ' ' && vp_fold_words_at(f, k + 1, "va") >= 0) ? k + 3 : -1;
      if (iNext >= 0 && take_list_of(c, iNext, ROLE_SUPPORT, 1) >= 0) break;
    }
  }
}

/* "Công an tỉnh bảo đảm an ninh mạng; Bộ Chỉ huy Quân sự tỉnh phối hợp
** thực hiện": after a ';' or the end of a sentence, a clause that opens
** with bodies of no role yet and goes on with what they do names more
** doers of the same task. Only where the passage opened with its own doer. */
static void read_later_doers(tk_clause *c) {
  const vp_fold *f = &c->f;
  int nOpen = 0; /* asides open at j: a ';' in "(bao gồm Hội đồng nhân dân
                 ** cấp xã; Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã)" parts
                 ** no clause */
  for (int j = c->iBody; j < f->n; j++) {
    if (f->z[j] == '(') nOpen++;
    if (f->z[j] == ')' && nOpen > 0) nOpen--;
    if (nOpen > 0) continue;
    if (f->z[j] != ';' && !(f->z[j] == '.' && j + 1 < f->n && f->z[j + 1] == ' ')) continue;
    int k = vp_fold_skip_ws(f, j + 1);
    int m = tk_mention_at(c, k);
    if (m < 0) continue;
    int e = tk_list_end(c, k);
    int bFree = 1;
    for (int q = m; q < c->nM && c->aFs[q] < e; q++) bFree &= c->aRole[q] == ROLE_NONE;
    int w = vp_fold_skip_ws(f, e);
    if (!bFree || w >= f->n || !vp_fold_is_word_byte((unsigned char)f->z[w])) continue;
    if (vp_lexicon_at_fold(f, w, tk_list("definition"), NULL) >= 0 || vp_lexicon_at_fold(f, w, tk_list("author-of"), NULL) >= 0 ||
        report_aspect_at(c, w))
      continue;
    take_list(c, k, ROLE_LEAD);
  }
}

static int is_not_content(const char *z, int n) {
  return vp_lexicon_find(tk_list("not-content"), z, n) != NULL;
}

static int count_content_words(const tk_clause *c) {
  const vp_fold *f = &c->f;
  int n = 0, k = 0;
  for (int i = c->iBody; i < f->n;) {
    while (k < c->nM && c->aFe[k] <= i) k++;
    if (k < c->nM && i >= c->aFs[k]) {
      i = c->aFe[k];
      continue;
    }
    if (!vp_fold_is_word_byte((unsigned char)f->z[i])) {
      i++;
      continue;
    }
    int e = (i == 0 || !vp_fold_is_word_byte((unsigned char)f->z[i - 1]))
                ? vp_lexicon_at_fold(f, i, tk_list("place-tail"), NULL) : -1;
    if (e >= 0) { /* "… trên địa bàn tỉnh Phú Thọ": where, not what */
      while (e < f->n && f->z[e] != ',' && f->z[e] != ';' && f->z[e] != '.') e++;
      i = e;
      continue;
    }
    int j = i;
    while (j < f->n && vp_fold_is_word_byte((unsigned char)f->z[j])) j++;
    if (!is_not_content(f->z + i, j - i)) n++;
    i = j;
  }
  return n;
}


/* ---- "Giám đốc các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường":
** one head noun shared by a list of names after a colon. Each name is the
** head's ("Sở Tài chính", "Sở Xây dựng", …) when the agency table knows it;
** the mentions replace the group the scanner read in "các Sở". */

/* Whether z[s, e), scanned alone, opens with a body's name (bWhole: is
** that name and nothing more): 1 or 0, -1 on VP_ENOMEM. */
static int body_opens(const char *z, int s, int e, int bWhole) {
  vp_agency_mention *a = NULL;
  int n = 0;
  if (vp_agency_scan(z + s, e - s, &a, &n) != VP_OK) return -1;
  int b = n > 0 && a[0].iStart == 0 && (!bWhole || (n == 1 && a[0].iEnd == e - s));
  vp_agency_mentions_free(a, n);
  return b;
}

/* The body head + the source text z[s, e) names: the agency table's record
** (*ppR), or a body outside it the scanner reads whole ("Ủy ban nhân dân
** tỉnh" + "Khánh Hòa": *ppR NULL). Its canonical name in *pzCanon
** (malloc'd). 1 when it names one, 0 when not, -1 on VP_ENOMEM. */
static int head_name(const char *zHead, const char *z, int s, int e, const vp_agency **ppR,
                     char **pzCanon) {
  *ppR = NULL;
  *pzCanon = NULL;
  while (s < e && (z[s] == ' ' || z[s] == '\n' || z[s] == '\t')) s++;
  while (e > s && (z[e - 1] == ' ' || z[e - 1] == '\n' || z[e - 1] == '\t')) e--;
  if (e - s < 2 || e - s > 80) return 0;
  /* a body named whole on its own ("… Đồng Nai và Bộ Công Thương") is no
  ** member of the head's list */
  int bOwn = body_opens(z, s, e, 1);
  if (bOwn != 0) return bOwn < 0 ? -1 : 0;
  char *zTyped = vp_mprintf("%s %.*s", zHead, e - s, z + s);
  if (zTyped == NULL) return -1;
  const vp_agency *r = vp_agency_resolve(zTyped);
  int bFound = 0;
  if (r && !r->bGeneric) {
    *ppR = r;
    *pzCanon = vp_strndup(r->zCanon, -1);
    bFound = *pzCanon ? 1 : -1;
  } else { /* outside the table (or read by it as a group) */
    vp_agency_mention *aM = NULL;
    int nM = 0, nTyped = (int)strlen(zTyped);
    if (vp_agency_scan(zTyped, nTyped, &aM, &nM) != VP_OK) bFound = -1;
    else if (nM == 1 && aM[0].pAgency == NULL && aM[0].iStart == 0 && aM[0].iEnd == nTyped) {
      *pzCanon = vp_strndup(aM[0].zCanon, -1);
      bFound = *pzCanon ? 1 : -1;
    }
    vp_agency_mentions_free(aM, nM);
  }
  free(zTyped);
  return bFound;
}

static int mention_add(vp_agency_mention **pa, int *pn, int *pnAlloc, int iStart, int iEnd,
                       const vp_agency *r, char *zCanon, const char *zHead, const char *z) {
  if (*pn == *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 8;
    vp_agency_mention *aNew = realloc(*pa, (size_t)nNew * sizeof(**pa));
    if (aNew == NULL) {
      free(zCanon);
      return VP_ENOMEM;
    }
    *pa = aNew;
    *pnAlloc = nNew;
  }
  while (iStart < iEnd && (z[iStart] == ' ' || z[iStart] == '\n' || z[iStart] == '\t')) iStart++;
  while (iEnd > iStart && (z[iEnd - 1] == ' ' || z[iEnd - 1] == '\n' || z[iEnd - 1] == '\t')) iEnd--;
  vp_agency_mention *m = &(*pa)[(*pn)++];
  memset(m, 0, sizeof(*m));
  m->iStart = iStart;
  m->iEnd = iEnd;
  m->pAgency = r;
  char *zPart = vp_fold_display(z + iStart, iEnd - iStart);
  m->zName = zPart ? vp_mprintf("%s %s", zHead, zPart) : NULL;
  free(zPart);
  m->zCanon = zCanon; /* taken */
  return m->zName && m->zCanon ? VP_OK : VP_ENOMEM;
}

/* Whether the source text at z[i] opens with a capital letter. */
static int starts_capital(const char *z, int n, int i) {
  utf8proc_int32_t cp = 0;
  return i < n && utf8proc_iterate((const utf8proc_uint8_t *)z + i, n - i, &cp) > 0 && utf8proc_isupper(cp);
}

/* Whether every word of z[i, e) opens with a capital letter. */
static int all_capitalised(const char *z, int i, int e) {
  for (int k = i; k < e; k++) {
    if (z[k] == ' ' || z[k] == '\n' || z[k] == '\t') continue;
    if ((k == i || z[k - 1] == ' ' || z[k - 1] == '\n' || z[k - 1] == '\t') && !starts_capital(z, e, k)) return 0;
  }
  return 1;
}

/* The longest run of z[iFrom, iTo) from its start, of at most 8 words,
** that names a body with the head (head_name; with bStrict, a body of the
** table or in capitalised words): its end, with *ppR and *pzCanon set
** (caller owns); -1 when none, -2 on VP_ENOMEM. */
static int name_before_words(const char *zHead, const char *z, int iFrom, int iTo, int bStrict,
                             const vp_agency **ppR, char **pzCanon) {
  int iCut = -1, nWord = 0;
  *ppR = NULL;
  *pzCanon = NULL;
  /* a body named on its own opens it ("Bộ Công Thương kiểm tra …"): none */
  int bOwn = body_opens(z, iFrom, iTo, 0);
  if (bOwn != 0) return bOwn < 0 ? -2 : -1;
  for (int q = iFrom + 1; q < iTo && nWord < 8; q++) {
    if (z[q] != ' ' || z[q - 1] == ' ') continue;
    nWord++;
    const vp_agency *r = NULL;
    char *zCut = NULL;
    int b = head_name(zHead, z, iFrom, q, &r, &zCut);
    if (b < 0) {
      free(*pzCanon);
      *pzCanon = NULL;
      return -2;
    }
    /* bStrict: a body of the table, or a name all in capitalised words
    ** ("Lâm Đồng"), not one the scanner makes of any words ("Ban" + "Tổ
    ** đại") */
    if (b > 0 && (!bStrict || r != NULL || all_capitalised(z, iFrom, q))) {
      free(*pzCanon);
      *pzCanon = zCut;
      *ppR = r;
      iCut = q;
    } else {
      free(zCut);
    }
  }
  return iCut;
}

/* Expand each shared-head list of z[0..n) (folded f) into the mentions of
** its names, in place of what the scanner read there. */
static int expand_shared_heads(const char *z, int n, const vp_fold *f, vp_agency_mention **paM,
                               int *pnM) {
  const vp_lexicon_list *pHeads = tk_list("shared-head");
  vp_agency_mention *aNew = NULL;
  int nNew = 0, nAlloc = 0, rc = VP_OK, bAny = 0;
  int *aCut = calloc((size_t)(*pnM + 1), sizeof(int)); /* mentions replaced */
  if (aCut == NULL) return VP_ENOMEM;
  for (int i = 0; i < f->n && rc == VP_OK; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    const vp_lexicon_entry *pH;
    int e = vp_lexicon_at_fold(f, i, pHeads, &pH);
    if (e < 0) continue;
    int j = vp_fold_skip_ws(f, e);
    /* after a colon, or right after the head when a name follows it
    ** ("Ủy ban nhân dân các tỉnh Đắk Lắk và Gia Lai …") */
    int bColon = j < f->n && f->z[j] == ':';
    if (!bColon && !(j < f->n && j > e && starts_capital(z, n, f->aOff[j]))) continue;
    /* a group the table names past the head ("các Ban Hội đồng nhân
    ** dân"): no head of names */
    int bInGroup = 0;
    for (int m = 0; !bColon && m < *pnM && !bInGroup; m++) {
      const vp_agency_mention *pM = &(*paM)[m];
      bInGroup = pM->pAgency && pM->pAgency->bGeneric && pM->iStart <= f->aOff[i] && f->aOff[e] < pM->iEnd;
    }
    if (bInGroup) continue;
    /* the names: ',' separates them; a 'và' inside one may be part of it */
    int iSrcEnd = n;
    for (int k = bColon ? j + 1 : j; k < f->n; k++) {
      if (f->z[k] == ';' || f->z[k] == '.' || f->z[k] == ':' || f->z[k] == '(') {
        iSrcEnd = f->aOff[k];
        break;
      }
    }
    int iSrc = f->aOff[bColon ? j + 1 : j], nFound = 0;
    while (iSrc < iSrcEnd && rc == VP_OK) {
      const char *zComma = memchr(z + iSrc, ',', (size_t)(iSrcEnd - iSrc));
      int iPieceEnd = zComma ? (int)(zComma - z) : iSrcEnd;
      const vp_agency *r = NULL;
      char *zCanon = NULL;
      int bFound = head_name(pH->zValue, z, iSrc, iPieceEnd, &r, &zCanon);
      /* a name holding commas: "Văn hóa, Thể thao và Du lịch" */
      for (int nMore = 0, iExt = iPieceEnd; bFound == 0 && nMore < 2 && iExt < iSrcEnd; nMore++) {
        const char *zNext = memchr(z + iExt + 1, ',', (size_t)(iSrcEnd - iExt - 1));
        iExt = zNext ? (int)(zNext - z) : iSrcEnd;
        bFound = head_name(pH->zValue, z, iSrc, iExt, &r, &zCanon);
        if (bFound > 0) iPieceEnd = iExt;
      }
      if (bFound < 0) rc = VP_ENOMEM;
      if (bFound > 0) {
        rc = mention_add(&aNew, &nNew, &nAlloc, iSrc, iPieceEnd, r, zCanon, pH->zValue, z);
        nFound++;
      } else if (bFound == 0) {
        /* "Tài chính và Xây dựng": try the parts around each 'và' */
        int iPart = iSrc, bPart = 0;
        for (int q = iSrc; q + 5 <= iPieceEnd && rc == VP_OK; q++) {
          if (memcmp(z + q, " v\xc3\xa0 ", 5) != 0) continue; /* " và " */
          int b1 = head_name(pH->zValue, z, iPart, q, &r, &zCanon);
          if (b1 < 0) rc = VP_ENOMEM;
          if (b1 > 0) {
            rc = mention_add(&aNew, &nNew, &nAlloc, iPart, q, r, zCanon, pH->zValue, z);
            nFound++;
            bPart = 1;
            iPart = q + 5;
          }
        }
        int b2 = bPart && rc == VP_OK ? head_name(pH->zValue, z, iPart, iPieceEnd, &r, &zCanon) : 0;
        if (b2 < 0) rc = VP_ENOMEM;
        if (b2 > 0) {
          rc = mention_add(&aNew, &nNew, &nAlloc, iPart, iPieceEnd, r, zCanon, pH->zValue, z);
          nFound++;
        }
        if (!bPart || b2 == 0) {
          /* "… Xây dựng, Tài chính chủ trì hướng dẫn …", "… Gia Lai và
          ** Lâm Đồng chỉ đạo …": the last name, the words after it what
          ** the bodies do */
          int iFrom = bPart ? iPart : iSrc;
          int iCut = rc == VP_OK ? name_before_words(pH->zValue, z, iFrom, iPieceEnd, !bColon, &r, &zCanon) : -1;
          if (iCut == -2) rc = VP_ENOMEM;
          if (iCut > 0 && rc == VP_OK) {
            rc = mention_add(&aNew, &nNew, &nAlloc, iFrom, iCut, r, zCanon, pH->zValue, z);
            nFound++;
          }
          break; /* the list ends at a piece that names nothing whole */
        }
      }
      iSrc = iPieceEnd + 1;
    }
    if (nFound == 0) continue;
    /* with no colon the head opens the first name's mention: "phối hợp
    ** với các Sở Xây dựng" reads on into it */
    if (!bColon) aNew[nNew - nFound].iStart = f->aOff[i];
    bAny = 1;
    /* the scanner's reading from the head to the list's last name gives
    ** way (a body after it stays: "… Đồng Nai và Bộ Công Thương") */
    int iHeadSrc = f->aOff[i], iListEnd = aNew[nNew - 1].iEnd;
    for (int m = 0; m < *pnM; m++)
      if ((*paM)[m].iEnd > iHeadSrc && (*paM)[m].iStart < iListEnd) aCut[m] = 1;
  }
  if (rc == VP_OK && bAny) {
    /* merge: kept mentions and the new ones, in text order */
    int nAll = 0;
    vp_agency_mention *aAll = malloc(sizeof(vp_agency_mention) * (size_t)(*pnM + nNew + 1));
    if (aAll == NULL) rc = VP_ENOMEM;
    for (int m = 0; rc == VP_OK && m < *pnM; m++) {
      if (aCut[m]) {
        free((*paM)[m].zName);
        free((*paM)[m].zCanon);
      } else {
        aAll[nAll++] = (*paM)[m];
      }
    }
    for (int m = 0; rc == VP_OK && m < nNew; m++) aAll[nAll++] = aNew[m];
    if (rc == VP_OK) {
      for (int a = 1; a < nAll; a++) { /* insertion sort by start */
        vp_agency_mention x = aAll[a];
        int b = a - 1;
        while (b >= 0 && aAll[b].iStart > x.iStart) {
          aAll[b + 1] = aAll[b];
          b--;
        }
        aAll[b + 1] = x;
      }
      free(*paM);
      *paM = aAll;
      *pnM = nAll;
      free(aNew);
      aNew = NULL;
      nNew = 0;
    }
  }
  vp_agency_mentions_free(aNew, nNew);
  free(aCut);
  return rc;
}

/* Analyse z[0..n). bMayOwnDoer = 0 when the text stands in a member list. */
/* Takes out of c the bodies that gave the work ("… được Ủy ban nhân dân
** Thành phố giao …": task-phrases assigned-by): no party to it. */
static void drop_assigners(tk_clause *c) {
  const vp_fold *f = &c->f;
  int nKeep = 0;
  for (int k = 0; k < c->nM; k++) {
    int s = c->aFs[k], e = vp_fold_skip_ws(f, c->aFe[k]);
    int bBy = s >= 5 && memcmp(f->z + s - 5, "duoc ", 5) == 0 &&
              (s == 5 || !vp_fold_is_word_byte((unsigned char)f->z[s - 6])) &&
              vp_lexicon_at_fold(f, e, tk_list("assigned-by"), NULL) >= 0;
    if (bBy) {
      free(c->aM[k].zName);
      free(c->aM[k].zCanon);
      continue;
    }
    c->aM[nKeep] = c->aM[k];
    c->aFs[nKeep] = c->aFs[k];
    c->aFe[nKeep++] = c->aFe[k];
  }
  c->nM = nKeep;
}

int tk_clause_init(tk_clause *c, const char *z, int n, int bMayOwnDoer) {
  memset(c, 0, sizeof(*c));
  c->zSrc = z;
  c->nSrc = n;
  int rc = vp_fold_init(&c->f, z, n);
  if (rc == VP_OK) rc = vp_agency_scan_fold(z, n, &c->f, &c->aM, &c->nM);
  if (rc == VP_OK) rc = expand_shared_heads(z, n, &c->f, &c->aM, &c->nM);
  if (rc == VP_OK && c->nM > 0) {
    c->aFs = malloc((size_t)c->nM * sizeof(int));
    c->aFe = malloc((size_t)c->nM * sizeof(int));
    c->aRole = calloc((size_t)c->nM, 1);
    if (c->aFs == NULL || c->aFe == NULL || c->aRole == NULL) rc = VP_ENOMEM;
  }
  if (rc != VP_OK) {
    tk_clause_free(c);
    return rc;
  }
  for (int k = 0; k < c->nM; k++) {
    c->aFs[k] = fold_index_of(&c->f, c->aM[k].iStart);
    c->aFe[k] = fold_index_of(&c->f, c->aM[k].iEnd);
  }
  drop_assigners(c);
  c->iBody = tk_skip_label(&c->f);
  /* a footnote: a bare number, then the note */
  int j = vp_fold_skip_ws(&c->f, 0);
  int d = j;
  while (d < c->f.n && is_digit(c->f.z[d])) d++;
  c->bFootnote = d > j && d < c->f.n && c->f.z[d] == ' ' && c->iBody == j;
  read_doer(c, bMayOwnDoer);
  read_support(c);
  if (c->bOwnDoer) read_later_doers(c);
  c->nContent = count_content_words(c);
  c->bMembership = tk_contains_list(&c->f, tk_list("membership"));
  return VP_OK;
}

