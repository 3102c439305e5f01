/*
** columns.c — column names of plan tables and their roles (vp_columns.h),
** read once from data/table-columns.tsv into a growable array. Not for
** finding tables in text (the reader does that).
*/
#include "vp_columns.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"

typedef struct column_name {
  char *zFold;      /* folded name */
  int n;
  vp_colrole eRole;
  int bPrefix;      /* also the first words of a longer cell */
} column_name;

static column_name *aName;
static int nName;
static char *zLoadErr; /* first bad row, or NULL */
/* loaded once and kept for the life of the process, like the other tables */
static pthread_once_t loadOnce = PTHREAD_ONCE_INIT;

static const char *const azRole[] = {"", "number", "content", "lead", "support",
                                     "deadline", "product", "budget", "note", "other"};

static vp_colrole role_named(const char *z) {
  for (int k = 1; k < VP_ARRAY_SIZE(azRole); k++)
    if (strcmp(z, azRole[k]) == 0) return (vp_colrole)k;
  return VP_COL_NONE;
}

static void columns_load(void) {
  const char *zTable = vp_data_get("table-columns.tsv", NULL);
  if (zTable == NULL) {
    zLoadErr = vp_mprintf("data/table-columns.tsv is missing");
    return;
  }
  size_t iPos = 0;
  char zLine[512];
  char *azCol[4];
  int nCol, nAlloc = 0, iRow = 0;
  while ((nCol = vp_data_next_row(zTable, &iPos, zLine, (int)sizeof(zLine), azCol, 4)) > 0) {
    iRow++;
    vp_colrole eRole = nCol >= 2 ? role_named(azCol[1]) : VP_COL_NONE;
    int bExact = nCol >= 3 && strcmp(azCol[2], "exact") == 0;
    int bPrefix = nCol >= 3 && strcmp(azCol[2], "prefix") == 0;
    if (nCol != 3 || azCol[0][0] == 0 || eRole == VP_COL_NONE || !(bExact || bPrefix)) {
      if (zLoadErr == NULL)
        zLoadErr = vp_mprintf("data/table-columns.tsv: row %d (\"%s\") needs a name, a role "
                              "(number, content, lead, support, deadline, product, budget, "
                              "note, other) and exact or prefix", iRow, azCol[0]);
      continue;
    }
    if (nName == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 32;
      column_name *a = realloc(aName, sizeof(column_name) * (size_t)nNew);
      if (a == NULL) break;
      aName = a;
      nAlloc = nNew;
    }
    char *zFold = vp_fold_str(azCol[0], -1);
    if (zFold == NULL) break;
    aName[nName].zFold = zFold;
    aName[nName].n = (int)strlen(zFold);
    aName[nName].eRole = eRole;
    aName[nName].bPrefix = bPrefix;
    nName++;
  }
}

static void columns_once(void) { pthread_once(&loadOnce, columns_load); }

/* Length of zFold without trailing ':', '.', spaces and '*'. */
static int trimmed_len(const char *zFold) {
  int n = (int)strlen(zFold);
  while (n > 0 && (zFold[n - 1] == ':' || zFold[n - 1] == '.' || zFold[n - 1] == ' ' ||
                   zFold[n - 1] == '*'))
    n--;
  return n;
}

int vp_columns_is_name(const char *zFold) {
  columns_once();
  int n = trimmed_len(zFold);
  if (n == 0 || n > 60) return 0;
  int nWord = 1;
  for (int i = 0; i < n; i++) {
    nWord += zFold[i] == ' ';
    if (zFold[i] == ':') return 0; /* "Thời gian thực hiện: Thường xuyên" is a field */
  }
  if (nWord > 7) return 0;
  for (int k = 0; k < nName; k++) {
    int m = aName[k].n;
    if (m > n || memcmp(zFold, aName[k].zFold, (size_t)m) != 0) continue;
    if (m == n) return 1;
    if (aName[k].bPrefix && (zFold[m] == ' ' || zFold[m] == ',' || zFold[m] == '(')) return 1;
  }
  return 0;
}

vp_colrole vp_columns_role(const char *zFold) {
  columns_once();
  int n = trimmed_len(zFold);
  int iBest = -1, iBestAt = n + 1;
  for (int k = 0; k < nName; k++) {
    int m = aName[k].n;
    for (int i = 0; i + m <= n; i++) {
      if ((i > 0 && zFold[i - 1] != ' ' && zFold[i - 1] != ',' && zFold[i - 1] != '(') ||
          memcmp(zFold + i, aName[k].zFold, (size_t)m) != 0)
        continue;
      if (i + m < n && zFold[i + m] != ' ' && zFold[i + m] != ',' && zFold[i + m] != ')' &&
          zFold[i + m] != '/')
        continue;
      if (i < iBestAt || (i == iBestAt && m > aName[iBest].n)) {
        iBest = k;
        iBestAt = i;
      }
      break;
    }
  }
  return iBest < 0 ? VP_COL_NONE : aName[iBest].eRole;
}

int vp_columns_check(char **pzErr) {
  columns_once();
  if (zLoadErr == NULL) return VP_OK;
  if (pzErr) *pzErr = vp_strndup(zLoadErr, -1);
  return VP_EINPUT;
}
