/*
** rows.c — list answers as CSV, TSV or NDJSON (see vp_rows.h): the field
** text of a path into a cJSON object, and the quoting of each format.
** Not for the JSON answers themselves (printed whole by the CLI).
*/
#include "vp_rows.h"

#include <stdlib.h>
#include <string.h>

#include "vp_common.h"

/* Append the text of one value (not an array) to b, marks dropped. */
static void append_value(vp_buf *b, const cJSON *v, int *pRc) {
  if (v == NULL || cJSON_IsNull(v)) return;
  if (cJSON_IsString(v)) {
    for (const char *z = v->valuestring; *z;) {
      if (strncmp(z, "<mark>", 6) == 0) { z += 6; continue; }
      if (strncmp(z, "</mark>", 7) == 0) { z += 7; continue; }
      vp_buf_append(b, z++, 1, pRc);
    }
  } else if (cJSON_IsBool(v)) {
    vp_buf_appends(b, cJSON_IsTrue(v) ? "true" : "false", pRc);
  } else if (cJSON_IsNumber(v)) {
    double d = v->valuedouble;
    if (d == (double)(long long)d) vp_buf_appendf(b, pRc, "%lld", (long long)d);
    else vp_buf_appendf(b, pRc, "%.6g", d);
  } else {
    char *z = cJSON_PrintUnformatted(v);
    if (z) vp_buf_appends(b, z, pRc);
    free(z);
  }
}

/* The values at zPath under v into b, "; " between several. */
static void append_path(vp_buf *b, const cJSON *v, const char *zPath, int *pnOut, int *pRc) {
  while (v && *zPath) {
    int n = (int)strcspn(zPath, ".");
    int bEach = n >= 2 && zPath[n - 2] == '[' && zPath[n - 1] == ']';
    char zKey[64];
    snprintf(zKey, sizeof(zKey), "%.*s", bEach ? n - 2 : n, zPath);
    v = cJSON_GetObjectItemCaseSensitive(v, zKey);
    zPath += n + (zPath[n] == '.');
    if (bEach) {
      const cJSON *e;
      cJSON_ArrayForEach(e, v) append_path(b, e, zPath, pnOut, pRc);
      return;
    }
  }
  if (v == NULL || cJSON_IsNull(v)) return;
  if (cJSON_IsArray(v)) {
    const cJSON *e;
    cJSON_ArrayForEach(e, v) append_path(b, e, "", pnOut, pRc);
    return;
  }
  if ((*pnOut)++) vp_buf_appends(b, "; ", pRc);
  append_value(b, v, pRc);
}

char *vp_rows_field(const cJSON *pRow, const char *zPath) {
  vp_buf b = {0};
  int rc = VP_OK, nOut = 0;
  vp_buf_appends(&b, "", &rc);
  append_path(&b, pRow, zPath, &nOut, &rc);
  if (rc != VP_OK) {
    vp_buf_free(&b);
    return NULL;
  }
  char *z = vp_buf_take(&b);
  return z ? z : vp_strndup("", 0);
}

static void write_field(FILE *f, vp_rows_format e, const char *z) {
  if (e == VP_ROWS_TSV) {
    for (; *z; z++) fputc((*z == '\t' || *z == '\n' || *z == '\r') ? ' ' : *z, f);
    return;
  }
  if (strpbrk(z, ",\"\r\n") == NULL) {
    fputs(z, f);
    return;
  }
  fputc('"', f);
  for (; *z; z++) {
    if (*z == '"') fputc('"', f);
    fputc(*z, f);
  }
  fputc('"', f);
}

void vp_rows_write_header(FILE *f, vp_rows_format e, const vp_rows_col *aCol, int nCol) {
  if (e == VP_ROWS_NDJSON) return;
  for (int i = 0; i < nCol; i++) {
    if (i) fputs(e == VP_ROWS_CSV ? "," : "\t", f);
    write_field(f, e, aCol[i].zHeader);
  }
  fputs(e == VP_ROWS_CSV ? "\r\n" : "\n", f);
}

void vp_rows_write_row(FILE *f, vp_rows_format e, const cJSON *pRow, const vp_rows_col *aCol,
                       int nCol) {
  if (e == VP_ROWS_NDJSON) {
    char *z = cJSON_PrintUnformatted(pRow);
    if (z) fprintf(f, "%s\n", z);
    free(z);
    return;
  }
  for (int i = 0; i < nCol; i++) {
    if (i) fputs(e == VP_ROWS_CSV ? "," : "\t", f);
    char *z = vp_rows_field(pRow, aCol[i].zPath);
    write_field(f, e, z ? z : "");
    free(z);
  }
  fputs(e == VP_ROWS_CSV ? "\r\n" : "\n", f);
}

void vp_rows_write(FILE *f, vp_rows_format e, const cJSON *aRows, const vp_rows_col *aCol,
                   int nCol) {
  const cJSON *r;
  vp_rows_write_header(f, e, aCol, nCol);
  cJSON_ArrayForEach(r, aRows) vp_rows_write_row(f, e, r, aCol, nCol);
}
