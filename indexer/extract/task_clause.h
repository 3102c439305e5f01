/*
** task_clause.h — the task extractor's reading of one clause (private to
** indexer/extract/task*.c): a text (passage or cell) folded, with its agency
** mentions and the role each takes there — the doer that opens it, the
** bodies after "phối hợp (với)", later doers after a sentence break — and
** what else it says (content words, a membership list, a footnote, a
** statement about bodies, names only). Also the word lists of
** data/task-phrases.tsv. Not for what makes a task of a clause (task.c).
*/
#ifndef TASK_CLAUSE_H
#define TASK_CLAUSE_H

#include "vp_agency.h"
#include "vp_fold.h"
#include "vp_lexicon.h"

enum { ROLE_NONE = 0, ROLE_LEAD = 1, ROLE_SUPPORT = 2 };

typedef struct tk_clause {
  vp_fold f;
  vp_agency_mention *aM;
  int nM;
  int *aFs, *aFe;      /* folded span of each mention */
  unsigned char *aRole;
  int iBody;           /* folded index after the label */
  int bOwnDoer;        /* opens with its own doer list (or Giao/Đề nghị X) */
  int bChuTri;         /* says "chủ trì" for the doer (written or implied) */
  int nContent;        /* content words beside agencies and role words */
  int bMembership;     /* a lead-in listing members */
  int bFootnote;       /* a footnote ("1   Chương trình …") */
  int bStatement;      /* opens with bodies that are defined, report or
                       ** author something: no doer, and no later one */
  int bNamesOnly;      /* "Đối với Sở X:" with nothing after: it names the
                       ** doer of the items under it and says no work */
  int bIntroTask;      /* "Trách nhiệm của Sở X hướng dẫn …": names after an
                       ** intro, then more words (a task, or a heading's
                       ** rest over the duties under it) */
  const char *zSrc;    /* the text analysed, as written */
  int nSrc;
} tk_clause;

/* The word list zList of data/task-phrases.tsv. */
const vp_lexicon_list *tk_list(const char *zList);

/* Does a phrase of pList stand anywhere in f (at a word start)? */
int tk_contains_list(const vp_fold *f, const vp_lexicon_list *pList);

/* Past the list label and bullets at the start of f ("b) ", "3.3. ", "- ",
** "II. ", "Điều 4."): the folded index of the body. */
int tk_skip_label(const vp_fold *f);

/* Read z[0..n): fold it, scan its agencies, read their roles. With
** bMayOwnDoer 0 a list at its start is not its doer (the addressees under
** "Kính gửi:"). VP_OK or VP_ENOMEM (c zeroed); free with tk_clause_free. */
int tk_clause_init(tk_clause *c, const char *z, int n, int bMayOwnDoer);
void tk_clause_free(tk_clause *c);

/* The mention that starts at folded index i, or -1. */
int tk_mention_at(const tk_clause *c, int i);

/* The folded index where the agency list starting at i ends. */
int tk_list_end(const tk_clause *c, int i);

/* Does c only name bodies, each with an aside ("Sở X (chủ trì)"), and say
** no work? */
int tk_names_with_aside_only(const tk_clause *c);

#endif /* TASK_CLAUSE_H */
