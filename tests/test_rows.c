/*
** test_rows.c — list answers as CSV (RFC 4180), TSV and NDJSON (vp_rows):
** quoting, paths into objects, arrays joined, marks dropped.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_rows.h"
#include "vp_test.h"

/* The rows of a JSON array written in format e, as a string (static). */
static const char *written(const char *zJson, vp_rows_format e, const vp_rows_col *aCol, int nCol) {
  static char aOut[4096];
  cJSON *a = cJSON_Parse(zJson);
  FILE *f = tmpfile();
  aOut[0] = 0;
  if (f && a) {
    vp_rows_write(f, e, a, aCol, nCol);
    rewind(f);
    size_t n = fread(aOut, 1, sizeof(aOut) - 1, f);
    aOut[n] = 0;
  }
  if (f) fclose(f);
  cJSON_Delete(a);
  return aOut;
}

int main(void) {
  static const vp_rows_col aCol[] = {{"document", "doc.label"}, {"line", "line"}, {"lead", "lead"},
                                     {"text", "text"}};
  const char *zRows =
      "[{\"doc\": {\"label\": \"222/KH-UBND · Tuyên Quang\"}, \"line\": 12, \"lead\": [\"Sở Tài chính\", \"Sở Nội vụ\"],"
      " \"text\": \"a, \\\"b\\\"\\nc\"}, {\"doc\": {}, \"line\": 1.5, \"lead\": [], \"text\": \"<mark>x</mark> y\"}]";
  const char *z = written(zRows, VP_ROWS_CSV, aCol, 4);
  CHECK("CSV: header, quoting, CRLF", strcmp(z,
        "document,line,lead,text\r\n"
        "222/KH-UBND · Tuyên Quang,12,Sở Tài chính; Sở Nội vụ,\"a, \"\"b\"\"\nc\"\r\n"
        ",1.5,,x y\r\n") == 0);
  if (strncmp(z, "document", 8) != 0) fprintf(stderr, "%s\n", z);
  z = written(zRows, VP_ROWS_TSV, aCol, 4);
  CHECK("TSV: line breaks and tabs to spaces", strstr(z, "\ta, \"b\" c\n") != NULL);
  z = written(zRows, VP_ROWS_NDJSON, aCol, 4);
  CHECK("NDJSON: one object a line", strncmp(z, "{\"doc\":{\"label\"", 15) == 0 && strchr(z, '\n') &&
                                         strchr(strchr(z, '\n') + 1, '\n') && !strchr(strchr(strchr(z, '\n') + 1, '\n') + 1, '\n'));
  static const vp_rows_col aDates[] = {{"dates", "dates[].date"}};
  z = written("[{\"dates\": [{\"date\": \"2024-01-11\"}, {\"date\": \"2024-01-24\"}]}]", VP_ROWS_CSV, aDates, 1);
  CHECK("each element's field joined", strcmp(z, "dates\r\n2024-01-11; 2024-01-24\r\n") == 0);
  cJSON *o = cJSON_Parse("{\"ok\": true, \"n\": null}");
  char *zF = vp_rows_field(o, "ok");
  CHECK("booleans", zF && strcmp(zF, "true") == 0);
  free(zF);
  zF = vp_rows_field(o, "n");
  CHECK("null is empty", zF && zF[0] == 0);
  free(zF);
  zF = vp_rows_field(o, "missing.path");
  CHECK("missing is empty", zF && zF[0] == 0);
  free(zF);
  cJSON_Delete(o);
  return vp_test_done();
}
