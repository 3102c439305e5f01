/*
** export.c — `vnplan export` (see vp_export.h): the query layer's export
** records written as OpenSearch/Elasticsearch `_bulk` NDJSON or as one CSV
** file per table, and the index template from data/. Not for answers.
*/
#include "vp_export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_rows.h"

static const char *const azTable[] = {"docs", "passages", "citations", "tasks"};

typedef struct export_ctx {
  FILE *f;
  const char *zIndex; /* "vnplan-docs" */
  const char *zTable;
  vp_rows_format e;
  vp_rows_col aCol[16];
  char *azName[16];
  int nCol;
  int bHeader;
} export_ctx;

static int bulk_row(void *pArg, const cJSON *pRow) {
  export_ctx *c = pArg;
  fprintf(c->f, "{\"index\":{\"_index\":\"%s\",\"_id\":\"%s-%lld\"}}\n", c->zIndex, c->zTable,
          (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(pRow, "id")));
  vp_rows_write_row(c->f, VP_ROWS_NDJSON, pRow, NULL, 0);
  return ferror(c->f) ? VP_EIO : 0;
}

/* CSV: the columns are the first record's keys. */
static int csv_row(void *pArg, const cJSON *pRow) {
  export_ctx *c = pArg;
  if (!c->bHeader) {
    const cJSON *it;
    cJSON_ArrayForEach(it, pRow) {
      if (c->nCol == 16) break;
      c->azName[c->nCol] = vp_strndup(it->string, -1);
      c->aCol[c->nCol].zHeader = c->aCol[c->nCol].zPath = c->azName[c->nCol];
      c->nCol++;
    }
    vp_rows_write_header(c->f, VP_ROWS_CSV, c->aCol, c->nCol);
    c->bHeader = 1;
  }
  vp_rows_write_row(c->f, VP_ROWS_CSV, pRow, c->aCol, c->nCol);
  return ferror(c->f) ? VP_EIO : 0;
}

int vp_export_ndjson(vp_db *p, FILE *f, const char *zPrefix, char **pzErr) {
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < VP_ARRAY_SIZE(azTable); i++) {
    char zIndex[128];
    snprintf(zIndex, sizeof(zIndex), "%s-%s", zPrefix, azTable[i]);
    export_ctx c;
    memset(&c, 0, sizeof(c));
    c.f = f;
    c.zIndex = zIndex;
    c.zTable = azTable[i];
    rc = vp_query_export(p, azTable[i], bulk_row, &c, pzErr);
  }
  if (rc == VP_EIO && *pzErr == NULL) *pzErr = vp_mprintf("cannot write the export: %s", strerror(errno));
  return rc;
}

int vp_export_csv(vp_db *p, const char *zDir, char **pzErr) {
  if (mkdir(zDir, 0777) != 0 && errno != EEXIST) {
    *pzErr = vp_mprintf("cannot make the folder %s: %s", zDir, strerror(errno));
    return VP_EIO;
  }
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < VP_ARRAY_SIZE(azTable); i++) {
    char *zPath = vp_mprintf("%s/%s.csv", zDir, azTable[i]);
    FILE *f = zPath ? fopen(zPath, "w") : NULL;
    if (f == NULL) {
      *pzErr = zPath ? vp_mprintf("cannot write %s: %s", zPath, strerror(errno)) : NULL;
      free(zPath);
      return zPath ? VP_EIO : VP_ENOMEM;
    }
    export_ctx c;
    memset(&c, 0, sizeof(c));
    c.f = f;
    c.zTable = azTable[i];
    rc = vp_query_export(p, azTable[i], csv_row, &c, pzErr);
    if (rc == VP_OK && !c.bHeader) fputs("id\r\n", f); /* an empty table still has its header */
    for (int k = 0; k < c.nCol; k++) free(c.azName[k]);
    if (fclose(f) != 0 && rc == VP_OK) rc = VP_EIO;
    if (rc == VP_EIO && *pzErr == NULL) *pzErr = vp_mprintf("cannot write %s: %s", zPath, strerror(errno));
    free(zPath);
  }
  return rc;
}

char *vp_export_template(const char *zPrefix) {
  const char *zT = vp_data_get("opensearch-template.json", NULL);
  const char *zAt = zT ? strstr(zT, "@PREFIX@") : NULL;
  if (zAt == NULL) return vp_mprintf("%s", zT ? zT : "{}");
  return vp_mprintf("%.*s%s%s", (int)(zAt - zT), zT, zPrefix, zAt + 8);
}
