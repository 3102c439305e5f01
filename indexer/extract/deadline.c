/*
** deadline.c — when a task is due (see vp_deadline.h): dates, months,
** quarters, halves and years after a deadline phrase, time limits, limits
** tied to an event, recurring duties, and the normal form of a deadline
** cell. The phrases are data (data/task-phrases.tsv: deadline, goal,
** duration, duration-unit, event-deadline, recurrence).
*/
#include "vp_deadline.h"

#include <stdio.h>
#include <string.h>

#include "vp_common.h"
#include "vp_lexicon.h"

static const vp_lexicon_list *deadline_list(const char *zList) {
  return vp_lexicon_get("task-phrases.tsv", zList);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* 1-4 digits at i: the value and the index after, else -1. */
static int read_uint(const vp_fold *f, int i, int *pV) {
  int v = 0, j = i;
  while (j < f->n && j - i < 4 && is_digit(f->z[j])) v = v * 10 + (f->z[j++] - '0');
  if (j == i || (j < f->n && is_digit(f->z[j]))) return -1;
  *pV = v;
  return j;
}

/* A date separator: '/', '-' or '.', spaces around allowed. */
static int read_date_sep(const vp_fold *f, int i) {
  i = vp_fold_skip_ws(f, i);
  if (i < f->n && (f->z[i] == '/' || f->z[i] == '-' || f->z[i] == '.')) return vp_fold_skip_ws(f, i + 1);
  return -1;
}

static int valid_year(int y) { return y >= 1945 && y <= 2100; }

/* "M", "M/YYYY", "M năm YYYY" at i; *pY = 0 without a year. */
static int read_month_year(const vp_fold *f, int i, int *pM, int *pY) {
  int e = read_uint(f, i, pM);
  if (e < 0 || *pM < 1 || *pM > 12) return -1;
  *pY = 0;
  int j = read_date_sep(f, e), y;
  if (j < 0) {
    j = vp_fold_words_at(f, vp_fold_skip_ws(f, e), "nam");
    if (j >= 0) j = vp_fold_skip_ws(f, j);
  }
  int e2 = j >= 0 ? read_uint(f, j, &y) : -1;
  if (e2 >= 0 && valid_year(y)) {
    *pY = y;
    return e2;
  }
  return e;
}

/* "D/M[/YYYY]", "D tháng M [năm YYYY]" at i. */
static int read_day_month(const vp_fold *f, int i, int *pD, int *pM, int *pY) {
  int e = read_uint(f, i, pD);
  if (e < 0 || *pD < 1 || *pD > 31) return -1;
  int j = read_date_sep(f, e);
  if (j < 0) {
    j = vp_fold_words_at(f, vp_fold_skip_ws(f, e), "thang");
    if (j < 0) return -1;
    j = vp_fold_skip_ws(f, j);
  }
  return read_month_year(f, j, pM, pY);
}

/* A quarter "I".."IV" or "1".."4" at i, then "/YYYY", "-YYYY" or "năm YYYY"
** (*pY = 0 without a year): the index after, else -1. */
static int read_quarter(const vp_fold *f, int i, int *pQ, int *pY) {
  static const char *const azRoman[] = {"iv", "iii", "ii", "i"};
  static const int aValue[] = {4, 3, 2, 1};
  int e = -1;
  for (int k = 0; k < VP_ARRAY_SIZE(azRoman) && e < 0; k++) {
    if ((e = vp_fold_words_at(f, i, azRoman[k])) >= 0) *pQ = aValue[k];
  }
  if (e < 0 && (e = read_uint(f, i, pQ)) >= 0 && (*pQ < 1 || *pQ > 4)) e = -1;
  if (e < 0) return -1;
  *pY = 0;
  int j = read_date_sep(f, e), y;
  if (j < 0 && (j = vp_fold_words_at(f, vp_fold_skip_ws(f, e), "nam")) >= 0) j = vp_fold_skip_ws(f, j);
  int e2 = j >= 0 ? read_uint(f, j, &y) : -1;
  if (e2 >= 0 && valid_year(y)) {
    *pY = y;
    return e2;
  }
  return e;
}

/* "đầu năm YYYY" (half 1) or "cuối năm YYYY" (half 2) at i, after "6 tháng". */
static int read_half(const vp_fold *f, int i, int *pH, int *pY) {
  int e = vp_fold_words_at(f, i, "dau nam"), y;
  *pH = 1;
  if (e < 0 && (e = vp_fold_words_at(f, i, "cuoi nam")) >= 0) *pH = 2;
  if (e < 0) return -1;
  int e2 = read_uint(f, vp_fold_skip_ws(f, e), &y);
  if (e2 < 0 || !valid_year(y)) return -1;
  *pY = y;
  return e2;
}

/* The normal form of a quarter or a half: "2023-Q4", "--Q4", "2024-H1". */
static void period_norm(char *z, int n, char cKind, int v, int y) {
  if (y) snprintf(z, (size_t)n, "%04d-%c%d", y, cKind, v);
  else snprintf(z, (size_t)n, "--%c%d", cKind, v);
}

typedef enum dl_kind { DL_DAY, DL_MONTH, DL_QUARTER, DL_HALF, DL_YEAR } dl_kind;
/* the value of a deadline phrase (data/task-phrases.tsv) for each kind */
static const char *const azDeadlineKind[] = {"day", "month", "quarter", "half", "year"};
/* Does a goal word ("phấn đấu") stand in the sentence before folded index
** i? Then a date after it is when a target is to be met, not a deadline. */
static int goal_before(const vp_fold *f, int iFrom, int i) {
  int s = i;
  while (s > iFrom && f->z[s - 1] != '.' && f->z[s - 1] != ';') s--;
  for (int k = s; k < i; k++) {
    if (k > 0 && vp_fold_is_word_byte((unsigned char)f->z[k - 1])) continue;
    if (vp_lexicon_at_fold(f, k, deadline_list("goal"), NULL) >= 0) return 1;
  }
  return 0;
}

/* The most precise dated deadline in f from iFrom on: triggers of days
** beat months beat quarters beat halves beat years; the first occurrence
** of a kind wins. */
static void find_dated_deadline(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  for (int eKind = DL_DAY; eKind <= DL_YEAR && !pOut->bFound; eKind++) {
    int iBest = -1, eBest = -1;
    char zBest[24] = "";
    const vp_lexicon_list *pTriggers = deadline_list("deadline");
    for (int t = 0; t < vp_lexicon_count(pTriggers); t++) {
      const vp_lexicon_entry *pT = vp_lexicon_entry_at(pTriggers, t);
      if (strcmp(pT->zValue, azDeadlineKind[eKind]) != 0) continue;
      const char *zT = pT->zFold;
      for (int i = vp_fold_find_words(f, iFrom, zT); i >= 0; i = vp_fold_find_words(f, i + 1, zT)) {
        int j = vp_fold_skip_ws(f, i + (int)strlen(zT)), d = 0, m = 0, y = 0, e = -1;
        char z[24] = "";
        if (eKind == DL_DAY && (e = read_day_month(f, j, &d, &m, &y)) >= 0) {
          if (y) snprintf(z, sizeof(z), "%04d-%02d-%02d", y, m, d);
          else snprintf(z, sizeof(z), "--%02d-%02d", m, d);
        } else if (eKind == DL_MONTH && (e = read_month_year(f, j, &m, &y)) >= 0) {
          if (y) snprintf(z, sizeof(z), "%04d-%02d", y, m);
          else snprintf(z, sizeof(z), "--%02d", m);
        } else if (eKind == DL_QUARTER && (e = read_quarter(f, j, &m, &y)) >= 0) {
          period_norm(z, (int)sizeof(z), 'Q', m, y); /* "trong quý IV/2023" */
        } else if (eKind == DL_HALF && (e = read_half(f, j, &m, &y)) >= 0) {
          period_norm(z, (int)sizeof(z), 'H', m, y); /* "trong 6 tháng đầu năm 2024" */
        } else if (eKind == DL_YEAR && (e = read_uint(f, j, &y)) >= 0 && valid_year(y)) {
          snprintf(z, sizeof(z), "%04d", y);
        } else {
          e = -1;
        }
        if (e >= 0 && goal_before(f, iFrom, i)) continue;
        if (e >= 0 && (iBest < 0 || i < iBest)) {
          iBest = i;
          eBest = e;
          memcpy(zBest, z, sizeof(zBest));
        }
        if (e >= 0) break;
      }
    }
    if (iBest >= 0) {
      pOut->bFound = 1;
      pOut->iS = iBest;
      pOut->iE = eBest;
      memcpy(pOut->zNorm, zBest, sizeof(pOut->zNorm));
    }
  }
}

/* A time limit: "trong thời hạn 03 ngày làm việc", "chậm nhất 15 ngày",
** "trong vòng 6 tháng" — a lead phrase, a number, a unit (data/task-phrases
** .tsv: duration, duration-unit); normal form an ISO 8601 duration ("P3D",
** "P6M"), counted from the event the text names. */
static void find_duration(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  const vp_lexicon_list *pLead = deadline_list("duration"), *pUnit = deadline_list("duration-unit");
  for (int i = iFrom; i < f->n; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    const vp_lexicon_entry *pL;
    int e = vp_lexicon_at_fold(f, i, pLead, &pL), v = 0;
    if (e < 0) continue;
    int j = read_uint(f, vp_fold_skip_ws(f, e), &v);
    if (j < 0 || v <= 0) continue;
    const vp_lexicon_entry *pU;
    int k = vp_lexicon_at_fold(f, vp_fold_skip_ws(f, j), pUnit, &pU);
    if (k < 0) continue;
    int m = vp_fold_words_at(f, vp_fold_skip_ws(f, k), "lam viec");
    pOut->bFound = 1;
    pOut->iS = i;
    pOut->iE = m >= 0 ? m : k;
    /* "trước 10 ngày (so với ngày họp)": that long before an event, an
    ** ISO 8601-2 negative duration */
    int bBefore = strcmp(pL->zFold, "truoc") == 0;
    snprintf(pOut->zNorm, sizeof(pOut->zNorm), "%sP%d%s", bBefore ? "-" : "", v, pU->zValue);
    return;
  }
}

/* A limit tied to an event: "ngay sau khi sự cố xảy ra", "trước khi thực
** hiện" (data/task-phrases.tsv: event-deadline) up to the next ',' ';' or
** '.' (at most 80 bytes); normal form "event". */
static void find_event_deadline(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  const vp_lexicon_list *pList = deadline_list("event-deadline");
  for (int i = iFrom; i < f->n; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    int e = vp_lexicon_at_fold(f, i, pList, NULL);
    if (e < 0) continue;
    int k = e;
    while (k < f->n && k - i < 80 && f->z[k] != ',' && f->z[k] != ';' && f->z[k] != '.') k++;
    while (k > e && f->z[k - 1] == ' ') k--;
    if (k - e < 4) continue; /* the event must be named */
    pOut->bFound = 1;
    pOut->iS = i;
    pOut->iE = k;
    snprintf(pOut->zNorm, sizeof(pOut->zNorm), "event");
    return;
  }
}

/* The date of a day and month at i ("15/12", "15/12/2025", "15 tháng 12")
** in normal form ("--12-15" without a year); the index after it, or -1. */
static int read_day_norm(const vp_fold *f, int i, char *z, int n) {
  int d = 0, m = 0, y = 0, e = read_day_month(f, i, &d, &m, &y);
  if (e < 0) return -1;
  if (y) snprintf(z, (size_t)n, "%04d-%02d-%02d", y, m, d);
  else snprintf(z, (size_t)n, "--%02d-%02d", m, d);
  return e;
}

/* A period in prose, "(từ ngày 15/11 đến ngày 15/12)": an ISO 8601
** interval of its first and last day ("--11-15/--12-15"). */
static void find_period(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  for (int i = vp_fold_find_words(f, iFrom, "tu ngay"); i >= 0; i = vp_fold_find_words(f, i + 1, "tu ngay")) {
    char z1[16], z2[16];
    int e = read_day_norm(f, vp_fold_skip_ws(f, i + (int)strlen("tu ngay")), z1, (int)sizeof(z1));
    int k = e >= 0 ? vp_fold_words_at(f, vp_fold_skip_ws(f, e), "den ngay") : -1;
    if (k < 0) k = e >= 0 ? vp_fold_words_at(f, vp_fold_skip_ws(f, e), "den het ngay") : -1;
    int e2 = k >= 0 ? read_day_norm(f, vp_fold_skip_ws(f, k), z2, (int)sizeof(z2)) : -1;
    if (e2 < 0 || goal_before(f, iFrom, i)) continue;
    pOut->bFound = 1;
    pOut->iS = i;
    pOut->iE = e2;
    snprintf(pOut->zNorm, sizeof(pOut->zNorm), "%.11s/%.11s", z1, z2);
    return;
  }
}

/* A recurring duty (data/task-phrases.tsv: recurrence): "định kỳ" and a
** recurrence ("báo cáo định kỳ hằng quý" → quarterly) or a number and a
** unit ("Định kỳ 05 năm" → R/P5Y, an ISO 8601 repeating interval)
** anywhere from iFrom, or a recurrence opening at iFrom ("Hằng tháng, …");
** elsewhere "hằng năm" is content ("tổng kết hằng năm"). */
static void find_recurrence(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  const vp_lexicon_list *pList = deadline_list("recurrence");
  const vp_lexicon_entry *pE;
  int e = vp_lexicon_at_fold(f, iFrom, pList, &pE), i = iFrom;
  for (int k = iFrom; e < 0 && (k = vp_fold_find_words(f, k, "dinh ky")) >= 0; k++) {
    int j = vp_fold_skip_ws(f, k + (int)strlen("dinh ky"));
    if ((e = vp_lexicon_at_fold(f, j, pList, &pE)) >= 0) {
      i = k;
      break;
    }
    int v = 0, u = read_uint(f, j, &v);
    const vp_lexicon_entry *pU;
    int eU = u >= 0 && v > 0 ? vp_lexicon_at_fold(f, vp_fold_skip_ws(f, u), deadline_list("duration-unit"), &pU) : -1;
    if (eU >= 0) {
      pOut->bFound = 1;
      pOut->iS = k;
      pOut->iE = eU;
      snprintf(pOut->zNorm, sizeof(pOut->zNorm), "R/P%d%s", v, pU->zValue);
      return;
    }
  }
  if (e < 0) return;
  pOut->bFound = 1;
  pOut->iS = i;
  pOut->iE = e;
  snprintf(pOut->zNorm, sizeof(pOut->zNorm), "%s", pE->zValue);
}

/* A deadline in prose: a dated one, else a period of days, else a time
** limit, else a limit tied to an event, else a recurrence (find_recurrence:
** "định kỳ hằng quý", an opening "Hằng năm,"), else an opening "Thường
** xuyên" (continuous); "hằng năm" and "thường xuyên" elsewhere are content,
** not deadlines. */
void vp_deadline_in_prose(const vp_fold *f, int iFrom, vp_deadline *pOut) {
  memset(pOut, 0, sizeof(*pOut));
  find_dated_deadline(f, iFrom, pOut);
  if (pOut->bFound) return;
  find_period(f, iFrom, pOut);
  if (pOut->bFound) return;
  find_duration(f, iFrom, pOut);
  if (pOut->bFound) return;
  find_event_deadline(f, iFrom, pOut);
  if (pOut->bFound) return;
  find_recurrence(f, iFrom, pOut);
  if (pOut->bFound) return;
  int e = vp_fold_words_at(f, iFrom, "thuong xuyen");
  if (e >= 0) {
    pOut->bFound = 1;
    pOut->iS = iFrom;
    pOut->iE = e;
    snprintf(pOut->zNorm, sizeof(pOut->zNorm), "continuous");
  }
}

/* The first date written from folded index iFrom on ("15/12/2025",
** "tháng 7/2025", "7/2025"), in normal form into zOut; the index after it,
** or -1 when none. A bare year is not read here. */
static int first_date(const vp_fold *f, int iFrom, char *zOut, int nOut) {
  for (int i = iFrom; i < f->n; i++) {
    if (!is_digit(f->z[i]) || (i > 0 && is_digit(f->z[i - 1]))) continue;
    int d = 0, m = 0, y = 0, e;
    if ((e = read_day_month(f, i, &d, &m, &y)) >= 0 && y) {
      snprintf(zOut, (size_t)nOut, "%04d-%02d-%02d", y, m, d);
      return e;
    }
    if ((e = read_month_year(f, i, &m, &y)) >= 0 && y) {
      snprintf(zOut, (size_t)nOut, "%04d-%02d", y, m);
      return e;
    }
  }
  return -1;
}

/* Is the word before folded index i zWord ("tháng" before "12")? */
static int word_before_is(const vp_fold *f, int i, const char *zWord) {
  int k = i;
  while (k > 0 && f->z[k - 1] == ' ') k--;
  int s = k;
  while (s > 0 && vp_fold_is_word_byte((unsigned char)f->z[s - 1])) s--;
  return s < k && vp_fold_words_at(f, s, zWord) == k;
}

/* A cell that gives a span rather than a deadline: "Từ 01/7/2025" (from
** then on: "2025-07-01/..", ISO 8601-2's open end), "Từ tháng 7/2025 đến
** tháng 12/2026" ("2025-07/2026-12"). 1 when zNorm was set. */
static int span_cell(const vp_fold *f, char *zNorm, int nNorm) {
  int i = vp_fold_words_at(f, vp_fold_skip_ws(f, 0), "tu");
  if (i < 0) return 0;
  char z1[16], z2[16] = "..", zSpan[40];
  int e = first_date(f, i, z1, (int)sizeof(z1));
  if (e < 0) return 0;
  int k = vp_fold_find_words(f, e, "den");
  if (k < 0 || first_date(f, k, z2, (int)sizeof(z2)) < 0) memcpy(z2, "..", 3);
  snprintf(zSpan, sizeof(zSpan), "%s/%s", z1, z2);
  size_t n = strlen(zSpan);
  if (nNorm <= 0) return 0;
  if (n >= (size_t)nNorm) n = (size_t)nNorm - 1;
  memcpy(zNorm, zSpan, n);
  zNorm[n] = 0;
  return 1;
}

/* The first recurrence a cell names anywhere ("Hằng năm", "Định kỳ hằng
** quý"): 1 and *ppE its entry, or 0. */
static int recurrence_in(const vp_fold *f, const vp_lexicon_entry **ppE) {
  const vp_lexicon_list *pList = deadline_list("recurrence");
  for (int i = 0; i < f->n; i++) {
    if (i > 0 && vp_fold_is_word_byte((unsigned char)f->z[i - 1])) continue;
    if (vp_lexicon_at_fold(f, i, pList, ppE) >= 0) return 1;
  }
  return 0;
}

/* Normal form of a deadline cell ("Hằng năm" → yearly, "Năm 2024-2030" →
** 2024/2030, "Thường xuyên" → continuous, "Quý IV/2023" → 2023-Q4, "6 tháng
** đầu năm 2024" → 2024-H1, "trong tháng 12/2022" → 2022-12); "" when none. */
void vp_deadline_cell_norm(const vp_fold *f, char *zNorm, int nNorm) {
  const vp_lexicon_entry *pRec = NULL;
  zNorm[0] = 0;
  if (span_cell(f, zNorm, nNorm)) return;
  vp_deadline d;
  memset(&d, 0, sizeof(d));
  find_dated_deadline(f, 0, &d);
  if (d.bFound) {
    snprintf(zNorm, (size_t)nNorm, "%s", d.zNorm);
    return;
  }
  int y1 = 0, y2 = 0, m = 0, dd = 0;
  /* a cell that names a quarter ("Quý IV/2023", also spelt "Quí IV-2025")
  ** or a half ("6 tháng đầu năm 2024") */
  static const char *const azQuarter[] = {"quy", "qui"};
  for (int q = 0; q < VP_ARRAY_SIZE(azQuarter); q++) {
    for (int i = vp_fold_find_words(f, 0, azQuarter[q]); i >= 0; i = vp_fold_find_words(f, i + 1, azQuarter[q])) {
      if (read_quarter(f, vp_fold_skip_ws(f, i + 3), &m, &y2) >= 0) {
        period_norm(zNorm, nNorm, 'Q', m, y2);
        return;
      }
    }
  }
  for (int i = vp_fold_find_words(f, 0, "6 thang"); i >= 0; i = vp_fold_find_words(f, i + 1, "6 thang")) {
    if (read_half(f, vp_fold_skip_ws(f, i + 7), &m, &y2) >= 0) {
      period_norm(zNorm, nNorm, 'H', m, y2);
      return;
    }
  }
  for (int i = 0; i < f->n; i++) {
    if (!is_digit(f->z[i]) || (i > 0 && is_digit(f->z[i - 1]))) continue;
    int e = read_uint(f, i, &y1);
    if (e < 0) continue;
    int j = read_date_sep(f, e);
    if (valid_year(y1) && j >= 0 && read_uint(f, j, &y2) >= 0 && valid_year(y2)) {
      snprintf(zNorm, (size_t)nNorm, "%04d/%04d", y1, y2);
      return;
    }
    if (!valid_year(y1) && read_day_month(f, i, &dd, &m, &y2) >= 0 && y2) {
      snprintf(zNorm, (size_t)nNorm, "%04d-%02d-%02d", y2, m, dd);
      return;
    }
    if (!valid_year(y1) && read_month_year(f, i, &m, &y2) >= 0 && y2) {
      snprintf(zNorm, (size_t)nNorm, "%04d-%02d", y2, m);
      return;
    }
    /* a day or a month of no year, each year or the plan's: "Ngày 15/12
    ** hằng năm", "Tháng 12 hằng năm" ("--12"; not "Trong 6 tháng") */
    if (!valid_year(y1) && read_day_month(f, i, &dd, &m, &y2) >= 0) {
      snprintf(zNorm, (size_t)nNorm, "--%02d-%02d", m, dd);
      return;
    }
    if (!valid_year(y1) && read_month_year(f, i, &m, &y2) >= 0 && word_before_is(f, i, "thang")) {
      snprintf(zNorm, (size_t)nNorm, "--%02d", m);
      return;
    }
    if (valid_year(y1)) {
      snprintf(zNorm, (size_t)nNorm, "%04d", y1);
      return;
    }
  }
  memset(&d, 0, sizeof(d));
  find_duration(f, 0, &d); /* "Trước 10 ngày so với ngày họp", "Trong 30 ngày" */
  if (!d.bFound) find_event_deadline(f, 0, &d);
  if (d.bFound) {
    snprintf(zNorm, (size_t)nNorm, "%s", d.zNorm);
  } else if (recurrence_in(f, &pRec)) {
    snprintf(zNorm, (size_t)nNorm, "%s", pRec->zValue);
  } else if (vp_fold_find_words(f, 0, "thuong xuyen") >= 0 || vp_fold_find_words(f, 0, "lien tuc") >= 0) {
    snprintf(zNorm, (size_t)nNorm, "continuous");
  }
}
