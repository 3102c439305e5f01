/*
** cli.c — the `vnplan` command line (see vp_cli.h): one table of
** subcommands and one of options (each command takes only its own), the
** parsing of both ("--limit=5", "-n 5", "-h" anywhere), "did you mean" for a
** mistyped command or option, errors as text on stderr or as {"error": …}
** on stdout under --json, and the text printed for people. Every answer
** comes from the query layer as a cJSON object; --json prints it as is (the
** HTTP server sends the same object), --format csv/tsv/ndjson writes its
** list (vp_rows.h). Not for computing answers.
*/
#include "vp_cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vp_common.h"
#include "vp_coverage.h"
#include "vp_docfilter.h"
#include "vp_export.h"
#include "vp_indexer.h"
#include "vp_lexicon.h"
#include "vp_ocr.h"
#include "vp_query.h"
#include "vp_rows.h"
#include "vp_server.h"

#ifndef VP_VERSION
#define VP_VERSION "unknown"
#endif

/* ---- options ----------------------------------------------------------- */

enum {
  O_DB = 1 << 0, O_JSON = 1 << 1, O_FORMAT = 1 << 2, O_COLOR = 1 << 3,
  O_LIMIT = 1 << 4, O_OFFSET = 1 << 5, O_PROVINCE = 1 << 6, O_KIND = 1 << 7,
  O_YEAR = 1 << 8, O_SINCE = 1 << 9, O_UNTIL = 1 << 10, O_AGENCY = 1 << 11,
  O_DOC = 1 << 12, O_PRUNE = 1 << 13, O_QUIET = 1 << 14, O_OUTPUT = 1 << 15,
  O_TEMPLATE = 1 << 16, O_PREFIX = 1 << 17, O_ISSUER = 1 << 18, O_RELATION = 1 << 19,
  O_SORT = 1 << 20, O_OCR = 1 << 21
};
#define O_OUT (O_DB | O_JSON | O_COLOR)
#define O_LIST (O_OUT | O_FORMAT)
#define O_FILTER \
  (O_PROVINCE | O_KIND | O_YEAR | O_SINCE | O_UNTIL | O_AGENCY | O_ISSUER | O_RELATION | O_SORT)

typedef struct cli_option {
  const char *zLong;
  char cShort;
  unsigned mask;
  const char *zValue; /* what the value is called; NULL: takes none */
  const char *zHelp;
} cli_option;

static const cli_option aOption[] = {
    {"db", 0, O_DB, "FILE", "the index (default: $VNPLAN_DB, else vnplan.db)"},
    {"json", 0, O_JSON, NULL, "the answer as one JSON object; errors as {\"error\": {...}} on stdout"},
    {"format", 0, O_FORMAT, "F", "text (default), json, csv (RFC 4180, header row), tsv or ndjson"},
    {"color", 0, O_COLOR, "WHEN", "auto (default: on a terminal unless NO_COLOR is set), always, never"},
    {"limit", 'n', O_LIMIT, "N", "how many to list"},
    {"offset", 0, O_OFFSET, "N", "skip the first N (default 0)"},
    {"province", 0, O_PROVINCE, "P", "only documents of province P (a 2025 unit: all it took in)"},
    {"kind", 0, O_KIND, "K", "only documents of kind K (\"Kế hoạch\", \"ke hoach\", KH, QĐ)"},
    {"year", 0, O_YEAR, "YYYY", "only documents dated in that year"},
    {"since", 0, O_SINCE, "DATE", "only documents dated on or after DATE (YYYY[-MM[-DD]])"},
    {"until", 0, O_UNTIL, "DATE", "only documents dated on or before DATE (YYYY[-MM[-DD]])"},
    {"agency", 0, O_AGENCY, "A", "only tasks of agency A (search, refs, docs: documents tasking A)"},
    {"issuer", 0, O_ISSUER, "I", "only documents issued by I (\"Ủy ban nhân dân tỉnh\", \"UBND tinh\")"},
    {"relation", 0, O_RELATION, "R",
     "only citations with relation R (Căn cứ, Thực hiện, Tiếp tục thực hiện, Nhắc đến, Viết tắt;"
     " or basis, implements…); tasks, docs: documents citing so"},
    {"sort", 0, O_SORT, "S", "relevance (default) or date (newest first)"},
    {"doc", 0, O_DOC, "DOC", "only the document DOC (id, file or number)"},
    {"prune", 0, O_PRUNE, NULL, "drop indexed files that are gone from the paths"},
    {"quiet", 'q', O_QUIET, NULL, "no progress and no summary"},
    {"ocr", 0, O_OCR, "WHEN", "OCR of scanned PDF pages: auto (default: pages without text), off, force (every page); over $VNPLAN_OCR"},
    {"out", 'o', O_OUTPUT, "PATH", "write to PATH: a file (ndjson), a folder (csv: one file a table)"},
    {"template", 0, O_TEMPLATE, NULL, "print the OpenSearch/Elasticsearch index template instead"},
    {"index-prefix", 0, O_PREFIX, "NAME", "index names NAME-docs, NAME-passages… (default vnplan)"},
};

typedef enum { F_TEXT, F_JSON, F_CSV, F_TSV, F_NDJSON } out_format;

typedef struct cli_command cli_command;

typedef struct cli_args {
  const cli_command *pCmd;
  const char *zDb;
  out_format eFormat;
  int bJson; /* errors as JSON too */
  int nLimit, nOffset;
  const char *zDoc;
  vp_docfilter filter;
  int bPrune, bQuiet;
  int eOcr; /* vp_ocr_mode from --ocr, or -1: $VNPLAN_OCR's */
  const char *zOut, *zIndexPrefix;
  int bTemplate;
  int bStatusOnly; /* printers: only the exit status (answers printed as JSON or rows) */
  char **azPos; /* positional arguments */
  int nPos;
} cli_args;

typedef int (*cli_fn)(cli_args *a);

struct cli_command {
  const char *zName;
  cli_fn xRun;                         /* with the options parsed */
  int (*xMain)(int argc, char **argv); /* or: takes its own arguments */
  int nMinPos, nMaxPos;                /* positional arguments (-1 = any) */
  unsigned mask;                       /* the options it takes */
  const char *zArgs;                   /* "QUERY", "PATH..." */
  const char *zHelp;
  const char *zMore;     /* defaults and notes, or NULL */
  const char *zExamples; /* one per line */
  const char *zRows;     /* the list --format writes, or NULL */
  const vp_rows_col *aCol;
  int nCol;
};

static int bColor; /* bold marks and colour on stdout */

/* ---- errors: one place, text or JSON ----------------------------------- */

static const char *code_name(int ex) {
  switch (ex) {
    case VP_EXIT_NOTFOUND: return "not_found";
    case VP_EXIT_USAGE: return "usage";
    default: return "index";
  }
}

/* Say what went wrong and return the exit status ex: "vnplan: …" on stderr,
** or under --json {"error": {"code", "message", "exit", …}} on stdout with
** pExtra's items (suggestions) added; pExtra is consumed. */
static int fail_with(const cli_args *a, int ex, cJSON *pExtra, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  char zMsg[2048];
  int nMsg = vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  if (nMsg >= (int)sizeof(zMsg)) { /* cut: on a character's first byte, marked so */
    int k = (int)sizeof(zMsg) - 4;
    while (k > 0 && ((unsigned char)zMsg[k] & 0xC0) == 0x80) k--;
    memcpy(zMsg + k, "\xe2\x80\xa6", 4); /* "…" and the NUL */
  }
  if (a && a->bJson) {
    cJSON *o = cJSON_CreateObject();
    cJSON *e = cJSON_AddObjectToObject(o, "error");
    cJSON_AddStringToObject(e, "code", code_name(ex));
    cJSON_AddStringToObject(e, "message", zMsg);
    cJSON_AddNumberToObject(e, "exit", ex);
    if (a->pCmd) cJSON_AddStringToObject(e, "command", a->pCmd->zName);
    cJSON *it = pExtra ? pExtra->child : NULL;
    while (it) {
      cJSON *next = it->next;
      cJSON_AddItemToObject(e, it->string, cJSON_DetachItemViaPointer(pExtra, it));
      it = next;
    }
    char *z = cJSON_PrintUnformatted(o);
    if (z) printf("%s\n", z);
    free(z);
    cJSON_Delete(o);
  } else {
    fprintf(stderr, "vnplan: %s\n", zMsg);
  }
  cJSON_Delete(pExtra);
  return ex;
}

static int exit_for(int rc) {
  switch (rc) {
    case VP_OK: return VP_EXIT_OK;
    case VP_ENOTFOUND: return VP_EXIT_NOTFOUND;
    case VP_EQUERY: return VP_EXIT_USAGE;
    default: return VP_EXIT_FAILURE;
  }
}

/* A query-layer failure: its message, its exit status; zErr is freed. */
static int report(const cli_args *a, int rc, char *zErr, cJSON *pExtra) {
  int ex = fail_with(a, exit_for(rc), pExtra, "%s",
                     zErr ? zErr : rc == VP_ENOMEM ? "out of memory" : "failed");
  free(zErr);
  return ex;
}

/* ---- text helpers ------------------------------------------------------ */

static const char *str(const cJSON *o, const char *zKey) {
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
  return z ? z : "";
}

static int num(const cJSON *o, const char *zKey) {
  return (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
}

/* "1 passage", "3 passages" */
static const char *plural(int n, const char *zOne, const char *zMany) { return n == 1 ? zOne : zMany; }

/* "1–10 of 266 passages", or what a page past the end holds. */
static void print_range(int nOffset, int nShown, int nTotal, const char *zOne, const char *zMany,
                        int bAbout) {
  if (nShown == 0 && nTotal > 0)
    printf("none listed past %d: %s%d %s\n", nOffset, bAbout ? "about " : "", nTotal,
           plural(nTotal, zOne, zMany));
  else if (nShown == nTotal && nOffset == 0)
    printf("%d %s\n", nTotal, plural(nTotal, zOne, zMany));
  else
    printf("%d–%d of %s%d %s\n", nOffset + 1, nOffset + nShown, bAbout ? "about " : "", nTotal,
           plural(nTotal, zOne, zMany));
}

static void bold(const char *z) {
  if (bColor) printf("\033[1m%s\033[0m", z);
  else fputs(z, stdout);
}

/* Text with <mark>…</mark>: bold yellow on a colour terminal, plain
** otherwise (no markers in a pipe). */
static void print_marked(const char *z) {
  while (*z) {
    if (strncmp(z, "<mark>", 6) == 0) {
      if (bColor) fputs("\033[1;33m", stdout);
      z += 6;
    } else if (strncmp(z, "</mark>", 7) == 0) {
      if (bColor) fputs("\033[0m", stdout);
      z += 7;
    } else {
      fputc(*z++, stdout);
    }
  }
}

/* At most nMax bytes of z, cut on a space, with "…" when cut. */
static void print_clipped(const char *z, int nMax) {
  int n = (int)strlen(z);
  if (n <= nMax) {
    fputs(z, stdout);
    return;
  }
  int k = nMax;
  while (k > 0 && z[k] != ' ') k--;
  if (k == 0) k = nMax;
  while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
  printf("%.*s …", k, z);
}

/* Columns z takes on a terminal: one per code point but combining marks
** (names are NFC; a few marks remain in decomposed input). */
static int display_width(const char *z) {
  int n = 0;
  for (const unsigned char *c = (const unsigned char *)z; *c; c++) {
    if ((*c & 0xC0) == 0x80) continue;
    if (*c == 0xCC || (*c == 0xCD && c[1] < 0xB0)) continue; /* U+0300–U+036F */
    n++;
  }
  return n;
}

static void print_padded(const char *z, int nCol) {
  fputs(z, stdout);
  for (int n = display_width(z); n < nCol; n++) fputc(' ', stdout);
}

/* "222/KH-UBND · Tuyên Quang" */
static const char *doc_label(const cJSON *pDoc) {
  const char *z = str(pDoc, "label");
  return z[0] ? z : str(pDoc, "file");
}

static void print_json(const cJSON *o) {
  char *z = isatty(1) ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
  if (z) {
    fputs(z, stdout);
    fputc('\n', stdout);
  }
  free(z);
}

/* ---- running one answer ------------------------------------------------ */

typedef int (*query_fn)(vp_db *p, cli_args *a, cJSON **ppOut, char **pzErr);
typedef int (*print_fn)(const cJSON *o, cli_args *a); /* returns the exit status */

static int open_db(cli_args *a, vp_db **pp) {
  char *zErr = NULL;
  int rc = vp_db_open(a->zDb, 1, pp, &zErr);
  if (rc != VP_OK) return report(a, rc, zErr, NULL);
  return VP_EXIT_OK;
}

/* Suggestions for an agency that named none: {"suggestions": [names]}. */
static cJSON *agency_suggestions(vp_db *p, const char *zTyped) {
  cJSON *o = NULL;
  char *zErr = NULL;
  if (zTyped == NULL || vp_query_agency_suggest(p, zTyped, 5, &o, &zErr) != VP_OK) {
    free(zErr);
    return NULL;
  }
  cJSON *pExtra = cJSON_CreateObject();
  cJSON *aNames = cJSON_AddArrayToObject(pExtra, "suggestions");
  const cJSON *g;
  cJSON_ArrayForEach(g, cJSON_GetObjectItem(o, "agencies"))
    cJSON_AddItemToArray(aNames, cJSON_CreateString(str(g, "name")));
  cJSON_Delete(o);
  return pExtra;
}

/* Run one query-layer call and print its answer in the format asked. */
static int run_query(cli_args *a, query_fn xQuery, print_fn xPrint) {
  vp_db *p = NULL;
  int ex = open_db(a, &p);
  if (ex != VP_EXIT_OK) return ex;
  cJSON *o = NULL;
  char *zErr = NULL;
  int rc = xQuery(p, a, &o, &zErr);
  if (rc != VP_OK) {
    cJSON *pExtra = NULL;
    const char *zAgency = strcmp(a->pCmd->zName, "who") == 0 ? a->azPos[0] : a->filter.zAgency;
    if (rc == VP_ENOTFOUND && zErr && strncmp(zErr, "no agency", 9) == 0 && a->bJson)
      pExtra = agency_suggestions(p, zAgency);
    vp_db_close(p);
    return report(a, rc, zErr, pExtra);
  }
  vp_db_close(p);
  const cli_command *c = a->pCmd;
  if (a->eFormat == F_TEXT) {
    ex = xPrint(o, a);
  } else {
    a->bStatusOnly = 1; /* the status, and the error when there is one */
    ex = xPrint(o, a);
    a->bStatusOnly = 0;
    if (ex == VP_EXIT_OK && (a->eFormat == F_JSON || c->zRows == NULL)) {
      print_json(o);
    } else if (ex == VP_EXIT_OK) {
      vp_rows_format e = a->eFormat == F_CSV ? VP_ROWS_CSV : a->eFormat == F_TSV ? VP_ROWS_TSV : VP_ROWS_NDJSON;
      vp_rows_write(stdout, e, cJSON_GetObjectItem(o, c->zRows), c->aCol, c->nCol);
    }
  }
  cJSON_Delete(o);
  return ex;
}

/* ---- index ------------------------------------------------------------- */

static int cmd_index(cli_args *a) {
  if (a->eOcr >= 0) vp_ocr_mode_set((vp_ocr_mode)a->eOcr);
  vp_index_opts opts = {a->bPrune, !a->bQuiet, VP_INDEX_MAX_FILE_DEFAULT, stderr};
  vp_index_stats st;
  char *zErr = NULL;
  int rc = vp_index_paths(a->zDb, a->azPos, a->nPos, &opts, &st, &zErr);
  if (rc != VP_OK) return report(a, rc, zErr, NULL);
  if (!a->bQuiet) {
    /* "3 skipped (2 unsupported type, 1 encoding)" */
    char zWhy[256] = "";
    size_t n = 0;
    for (int k = 0; k < VP_SKIP_N && n < sizeof(zWhy); k++) {
      if (st.anSkip[k] == 0) continue;
      n += (size_t)snprintf(zWhy + n, sizeof(zWhy) - n, "%s%d %s", n ? ", " : " (",
                            st.anSkip[k], vp_index_skip_name((vp_skip_reason)k));
    }
    if (n && n < sizeof(zWhy)) snprintf(zWhy + n, sizeof(zWhy) - n, ")");
    char zConv[64] = "";
    if (st.nConverted) snprintf(zConv, sizeof(zConv), " (%d converted to UTF-8)", st.nConverted);
    fprintf(stderr,
            "vnplan: %d %s: %d indexed%s, %d unchanged, %d skipped%s, %d removed;"
            " %.1f MB in %.2f s\n",
            st.nSeen, plural(st.nSeen, "file", "files"), st.nIndexed, zConv, st.nUnchanged,
            st.nSkipped, zWhy, st.nRemoved, (double)st.nBytes / 1e6, st.ms / 1000.0);
  }
  return st.nSkipped ? VP_EXIT_NOTFOUND : VP_EXIT_OK;
}

/* ---- search ------------------------------------------------------------ */

static int q_search(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_search_in(p, a->azPos[0], &a->filter, a->nLimit, a->nOffset, pp, pzErr);
}

static void print_place(const cJSON *pDoc, int iLine, const char *zSection) {
  bold(doc_label(pDoc));
  printf("  line %d", iLine);
  if (zSection[0]) printf("  §%s", zSection);
  printf("  (%s)\n", str(pDoc, "file"));
}

static int p_search(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *h;
  int n = 0;
  cJSON_ArrayForEach(h, cJSON_GetObjectItem(o, "hits")) {
    print_place(cJSON_GetObjectItem(h, "doc"), num(h, "line"), str(h, "section"));
    if (str(h, "context")[0]) printf("    under: %s\n", str(h, "context"));
    fputs("    ", stdout);
    print_marked(str(h, "snippet"));
    fputs("\n", stdout);
    if (num(h, "more_in_doc") > 0)
      printf("    … %d more in this document\n", num(h, "more_in_doc"));
    fputs("\n", stdout);
    n++;
  }
  int nTotal = num(o, "total");
  int bAbout = cJSON_IsTrue(cJSON_GetObjectItem(o, "total_estimated"));
  const cJSON *pSug = cJSON_GetObjectItem(o, "suggestion");
  if (nTotal == 0) printf("no passage matches %s\n", str(o, "query"));
  else print_range(num(o, "offset"), n, nTotal, "passage", "passages", bAbout);
  if (nTotal == 0 && pSug) {
    int nSug = num(pSug, "total");
    if (strcmp(str(pSug, "why"), "spelling") == 0) printf("did you mean \"%s\"? (%d %s)\n", str(pSug, "query"), nSug, plural(nSug, "passage", "passages"));
    else printf("typed without diacritics, \"%s\" finds %d %s (every spelling)\n", str(pSug, "query"), nSug, plural(nSug, "passage", "passages"));
    printf("  vnplan search \"%s\"\n", str(pSug, "query"));
  }
  if (bAbout) printf("(the newest %d matches ranked)\n", num(o, "ranked_within"));
  if (str(o, "province_read")[0])
    printf("(searched for \"%s\" in the documents of %s)\n", str(o, "searched_as"), str(o, "province_read"));
  else if (str(o, "searched_as")[0])
    printf("(a question: searched for \"%s\")\n", str(o, "searched_as"));
  if (str(o, "words_left_out")[0])
    printf("(too few passages hold every word: these hold the others; %s counted where they stand)\n",
           str(o, "words_left_out"));
  if (nTotal > 0 && str(o, "also_as")[0]) printf("(also searched as \"%s\")\n", str(o, "also_as"));
  return VP_EXIT_OK;
}

static int cmd_search(cli_args *a) { return run_query(a, q_search, p_search); }

/* ---- refs -------------------------------------------------------------- */

static int q_refs(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_refs_in(p, a->azPos[0], &a->filter, a->nLimit, a->nOffset, pp, pzErr);
}

static void print_instrument_line(const cJSON *i) {
  bold(str(i, "key"));
  if (str(i, "scope")[0]) printf(" (%s)", str(i, "scope"));
  if (str(i, "type")[0]) printf("  %s", str(i, "type"));
  if (str(i, "issuer_body")[0]) printf(" of %s", str(i, "issuer_body"));
  const cJSON *d;
  int k = 0;
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(i, "dates")) printf("%s%s", k++ ? ", " : ", dated ", str(d, "date"));
  int nDocs = num(i, "docs");
  printf(": cited in %d %s\n", nDocs, plural(nDocs, "document", "documents"));
}

/* refs found nothing: exit 1, saying what is near */
static int refs_missing(const cJSON *o, cli_args *a) {
  const cJSON *aSug = cJSON_GetObjectItem(o, "suggestions");
  if (a->bStatusOnly) {
    cJSON *pExtra = cJSON_CreateObject();
    cJSON *aKeys = cJSON_AddArrayToObject(pExtra, "suggestions");
    const cJSON *i;
    cJSON_ArrayForEach(i, aSug) cJSON_AddItemToArray(aKeys, cJSON_CreateString(str(i, "key")));
    return fail_with(a, VP_EXIT_NOTFOUND, pExtra, "no plan in the index cites %s", str(o, "query"));
  }
  printf("no plan in the index cites %s\n", str(o, "query"));
  if (cJSON_GetArraySize(aSug) > 0) {
    printf("\ndid you mean:\n");
    const cJSON *i;
    cJSON_ArrayForEach(i, aSug) {
      fputs("  ", stdout);
      print_instrument_line(i);
    }
  }
  return VP_EXIT_NOTFOUND;
}

static int p_refs(const cJSON *o, cli_args *a) {
  const cJSON *aCand = cJSON_GetObjectItem(o, "candidates");
  if (cJSON_GetArraySize(cJSON_GetObjectItem(o, "instruments")) == 0 && cJSON_GetArraySize(aCand) == 0) {
    return refs_missing(o, a);
  }
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *i, *c;
  if (cJSON_GetArraySize(aCand) > 0) {
    printf("\"%s\" may name %d instruments:\n", str(o, "query"), cJSON_GetArraySize(aCand));
    cJSON_ArrayForEach(i, aCand) {
      fputs("  ", stdout);
      print_instrument_line(i);
    }
    printf("\nask again with the full number, e.g. vnplan refs \"%s\"\n",
           str(cJSON_GetArrayItem(aCand, 0), "key"));
    return VP_EXIT_OK;
  }
  if (str(o, "interpreted_as")[0]) {
    printf("read \"%s\" as %s", str(o, "query")[0] ? str(o, "query") : str(o, "key"), str(o, "interpreted_as"));
    printf("\n\n");
  }
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    print_instrument_line(i);
    if (cJSON_IsTrue(cJSON_GetObjectItem(i, "conflict"))) printf("    note: plans give it different dates\n");
  }
  if (cJSON_IsTrue(cJSON_GetObjectItem(o, "ambiguous"))) printf("note: the query names several instruments\n");
  fputc('\n', stdout);
  const char *zPrev = "";
  int nDocs = 0, nCit = 0;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(o, "citations")) {
    const cJSON *pDoc = cJSON_GetObjectItem(c, "doc");
    if (strcmp(zPrev, str(pDoc, "file")) != 0) {
      zPrev = str(pDoc, "file");
      if (nDocs++) fputc('\n', stdout);
      bold(doc_label(pDoc));
      printf("  (%s)\n", zPrev);
    }
    nCit++;
    printf("  line %d", num(c, "line"));
    if (str(c, "section")[0]) printf("  §%s", str(c, "section"));
    fputs("  ", stdout);
    const cJSON *r;
    int k = 0;
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(c, "relations")) printf("%s%s", k++ ? ", " : "", cJSON_GetStringValue(r));
    printf(" %s", str(c, "instrument"));
    if (str(c, "date")[0]) printf(" (%s)", str(c, "date"));
    fputs("\n    ", stdout);
    print_clipped(str(c, "text"), 300);
    fputc('\n', stdout);
  }
  if (nCit == 0) printf("no citation in the documents asked for (date or filters)\n");
  int nDocsTotal = num(o, "docs_total");
  printf("\n%d %s in %d %s", nCit, plural(nCit, "passage", "passages"), nDocs, plural(nDocs, "document", "documents"));
  if (nDocsTotal > num(o, "offset") + nDocs)
    printf(" (+%d more documents: --offset %d)", nDocsTotal - num(o, "offset") - nDocs, num(o, "offset") + nDocs);
  fputc('\n', stdout);
  return VP_EXIT_OK;
}

static int cmd_refs(cli_args *a) { return run_query(a, q_refs, p_refs); }

/* ---- who, tasks -------------------------------------------------------- */

static int q_who(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_who(p, a->azPos[0], a->nLimit, pp, pzErr);
}

static void print_task_line(const cJSON *t, const char *zRole) {
  const cJSON *pDoc = cJSON_GetObjectItem(t, "doc");
  fputs("  ", stdout);
  if (zRole) printf("[%s] ", zRole);
  printf("%s  line %d", doc_label(pDoc), num(t, "line"));
  if (str(t, "section")[0]) printf("  §%s", str(t, "section"));
  if (str(t, "deadline")[0]) printf("  (by %s)", str(t, "deadline"));
  fputs("\n      ", stdout);
  print_clipped(str(t, "text"), 240);
  fputc('\n', stdout);
}

static void print_task_list(const cJSON *pr, const char *zAgency) {
  const cJSON *t;
  int n = 0;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(pr, "tasks")) {
    print_task_line(t, str(t, "role"));
    n++;
  }
  int nAll = num(pr, "lead") + num(pr, "support");
  if (nAll > n && str(pr, "province")[0])
    printf("  +%d more: vnplan tasks --agency \"%s\" --province \"%s\" --limit 200\n", nAll - n, zAgency,
           str(pr, "province"));
  else if (nAll > n)
    printf("  +%d more: vnplan tasks --agency \"%s\" --limit 200\n", nAll - n, zAgency);
}

static int p_who(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *ag = cJSON_GetObjectItem(o, "agency");
  if (str(o, "interpreted_as")[0]) printf("read \"%s\" as %s\n\n", str(o, "query"), str(o, "interpreted_as"));
  if (str(o, "province_read")[0]) printf("(the documents of %s only)\n\n", str(o, "province_read"));
  bold(str(ag, "name"));
  if (str(ag, "successor")[0]) printf("  (since 2025: %s)", str(ag, "successor"));
  printf("\n\n  ");
  print_padded("province", 28);
  printf(" %5s %8s\n", "lead", "support");
  const cJSON *pr;
  cJSON_ArrayForEach(pr, cJSON_GetObjectItem(o, "provinces")) {
    fputs("  ", stdout);
    print_padded(str(pr, "province"), 28);
    printf(" %5d %8d\n", num(pr, "lead"), num(pr, "support"));
  }
  const cJSON *pNat = cJSON_GetObjectItem(o, "without_province");
  if (pNat) {
    fputs("  ", stdout);
    print_padded("(national, no province)", 28);
    printf(" %5d %8d\n", num(pNat, "lead"), num(pNat, "support"));
  }
  cJSON_ArrayForEach(pr, cJSON_GetObjectItem(o, "provinces")) {
    printf("\n");
    bold(str(pr, "province"));
    printf("\n");
    print_task_list(pr, str(ag, "name"));
  }
  if (pNat) {
    printf("\n(national, no province)\n");
    print_task_list(pNat, str(ag, "name"));
  }
  if (cJSON_GetArraySize(cJSON_GetObjectItem(o, "provinces")) == 0 && !pNat)
    printf("\nno plan gives it a task\n");
  return VP_EXIT_OK;
}

static int cmd_who(cli_args *a) { return run_query(a, q_who, p_who); }

static int q_tasks(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  vp_docfilter f = a->filter;
  f.zAgency = NULL; /* tasks: the agency picks tasks, not documents */
  return vp_query_tasks_in(p, a->filter.zAgency, &f, a->zDoc, a->nLimit, a->nOffset, pp, pzErr);
}

static void print_names(const char *zLabel, const cJSON *arr) {
  if (cJSON_GetArraySize(arr) == 0) return;
  printf("      %s: ", zLabel);
  const cJSON *n;
  int i = 0;
  cJSON_ArrayForEach(n, arr) printf("%s%s", i++ ? "; " : "", cJSON_GetStringValue(n));
  fputc('\n', stdout);
}

static int p_tasks(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  if (str(o, "interpreted_as")[0]) printf("read \"%s\" as %s\n\n", a->filter.zAgency, str(o, "interpreted_as"));
  const cJSON *t;
  int n = 0;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(o, "tasks")) {
    print_task_line(t, NULL);
    print_names("lead", cJSON_GetObjectItem(t, "lead"));
    print_names("support", cJSON_GetObjectItem(t, "support"));
    n++;
  }
  if (num(o, "total") == 0) printf("no task\n");
  else print_range(num(o, "offset"), n, num(o, "total"), "task", "tasks", 0);
  return VP_EXIT_OK;
}

static int cmd_tasks(cli_args *a) { return run_query(a, q_tasks, p_tasks); }

/* ---- docs, doc, instruments, instrument, agencies, health -------------- */

static int q_docs(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_docs_in(p, &a->filter, pp, pzErr);
}

static int p_docs(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *d;
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(o, "docs")) {
    bold(doc_label(d));
    int nP = num(d, "passages"), nC = num(d, "citations"), nT = num(d, "tasks");
    printf("\n  %s · %s · %d %s, %d %s, %d %s · %s\n  ", str(d, "kind")[0] ? str(d, "kind") : "kind ?",
           str(d, "date")[0] ? str(d, "date") : "no date", nP, plural(nP, "passage", "passages"), nC,
           plural(nC, "citation", "citations"), nT, plural(nT, "task", "tasks"), str(d, "file"));
    print_clipped(str(d, "title"), 200);
    fputc('\n', stdout);
  }
  int n = num(o, "total");
  printf("%d %s\n", n, plural(n, "document", "documents"));
  return VP_EXIT_OK;
}

static int cmd_docs(cli_args *a) { return run_query(a, q_docs, p_docs); }

static int q_doc(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_doc(p, a->azPos[0], pp, pzErr);
}

static int p_doc(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *d = cJSON_GetObjectItem(o, "doc");
  bold(doc_label(d));
  printf("\n  %s · %s · %s\n  ", str(d, "kind"), str(d, "date")[0] ? str(d, "date") : "no date", str(d, "file"));
  print_clipped(str(d, "title"), 300);
  const cJSON *i, *t, *r;
  int nCites = cJSON_GetArraySize(cJSON_GetObjectItem(o, "instruments"));
  printf("\n\n%d %s:\n", nCites, plural(nCites, "citation", "citations"));
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    printf("  line %-4d ", num(i, "line"));
    char zRel[64] = "";
    size_t n = 0;
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(i, "relations"))
      if (n < sizeof(zRel)) n += (size_t)snprintf(zRel + n, sizeof(zRel) - n, "%s%s", n ? ", " : "", cJSON_GetStringValue(r));
    print_padded(zRel, 22);
    printf(" %s%s%s\n", str(i, "key"), str(i, "date")[0] ? " " : "", str(i, "date"));
  }
  int nTasks = num(o, "tasks_total");
  printf("\n%d %s:\n", nTasks, plural(nTasks, "task", "tasks"));
  int nShown = 0;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(o, "tasks")) {
    print_task_line(t, NULL);
    print_names("lead", cJSON_GetObjectItem(t, "lead"));
    print_names("support", cJSON_GetObjectItem(t, "support"));
    nShown++;
  }
  if (nTasks > nShown) printf("  +%d more (vnplan tasks --doc %d --offset %d)\n", nTasks - nShown, num(d, "id"), nShown);
  return VP_EXIT_OK;
}

static int cmd_doc(cli_args *a) { return run_query(a, q_doc, p_doc); }

static int q_instruments(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_instruments(p, pp, pzErr);
}

static int p_instruments(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *i, *d;
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    char zKey[200];
    snprintf(zKey, sizeof(zKey), "%s%s%s", str(i, "key"), str(i, "scope")[0] ? " @" : "", str(i, "scope"));
    print_padded(zKey, 36);
    fputc(' ', stdout);
    print_padded(str(i, "type"), 14);
    int nD = num(i, "docs"), nC = num(i, "citations");
    printf(" %3d %-4s %4d %-9s", nD, plural(nD, "doc", "docs"), nC, plural(nC, "citation", "citations"));
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(i, "dates")) printf("  %s", str(d, "date"));
    if (cJSON_IsTrue(cJSON_GetObjectItem(i, "conflict"))) printf("  (dates differ)");
    fputc('\n', stdout);
  }
  int n = num(o, "total"), nC = num(o, "conflicts");
  printf("%d %s, %d cited with different dates\n", n, plural(n, "instrument", "instruments"), nC);
  return VP_EXIT_OK;
}

static int cmd_instruments(cli_args *a) { return run_query(a, q_instruments, p_instruments); }

static int q_instrument(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_instrument(p, a->azPos[0], pp, pzErr);
}

static int p_instrument(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  p_refs(o, a);
  const cJSON *e;
  printf("\nimplemented by:\n");
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "implemented_by"))
    printf("  %s (%s) %s\n", doc_label(e), str(e, "file"), str(e, "relation"));
  printf("implements:\n");
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "implements")) printf("  %s %s\n", str(e, "relation"), str(e, "key"));
  return VP_EXIT_OK;
}

static int cmd_instrument(cli_args *a) { return run_query(a, q_instrument, p_instrument); }

static int q_coverage(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_coverage(p, a->azPos[0], pp, pzErr);
}

/* One line a province: its plans (number, date, lag, tasks) or "none". */
static int p_coverage(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *pI = cJSON_GetObjectItem(o, "instrument"), *e, *pl;
  bold(str(o, "key"));
  printf(" %s%s%s\n", str(pI, "type"), str(pI, "date")[0] ? " of " : "", str(pI, "date"));
  const char *azList[2] = {"provinces_2025", "provinces"};
  for (int k = 0; k < 2; k++) {
    printf("\n%s:\n", k == 0 ? "provinces since 2025" : "provinces before 2025");
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, azList[k])) {
      printf("  ");
      print_padded(str(e, "province"), 22);
      if (!cJSON_IsTrue(cJSON_GetObjectItem(e, "covered"))) printf(" none\n");
      int bFirst = 1;
      cJSON_ArrayForEach(pl, cJSON_GetObjectItem(e, "plans")) {
        const cJSON *pLag = cJSON_GetObjectItem(pl, "lag_days");
        char zLag[32] = "";
        if (cJSON_IsNumber(pLag)) snprintf(zLag, sizeof(zLag), ", %d days after", (int)pLag->valuedouble);
        printf("%s %s · %s%s, %d %s (%s)\n", bFirst ? "" : "                         ",
               str(pl, "label"), str(pl, "date")[0] ? str(pl, "date") : "no date", zLag,
               num(pl, "tasks"), plural(num(pl, "tasks"), "task", "tasks"), str(pl, "relation"));
        bFirst = 0;
      }
    }
  }
  printf("\n%d of %d provinces since 2025, %d of %d before, have a plan for it\n", num(o, "covered_2025"),
         num(o, "total_2025"), num(o, "covered"), num(o, "total"));
  return VP_EXIT_OK;
}

static int cmd_coverage(cli_args *a) { return run_query(a, q_coverage, p_coverage); }


static int q_agencies(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  if (a->nPos > 0) return vp_query_agency_suggest(p, a->azPos[0], a->nLimit, pp, pzErr);
  int rc = vp_query_agencies(p, pp, pzErr);
  return rc;
}

static int p_agencies(const cJSON *o, cli_args *a) {
  /* a prefix no name fits: exit 1 under --json and CSV too, as in text */
  if (a->bStatusOnly && a->nPos > 0 && cJSON_GetArraySize(cJSON_GetObjectItem(o, "agencies")) == 0)
    return fail_with(a, VP_EXIT_NOTFOUND, NULL, "no agency name fits \"%s\"", a->azPos[0]);
  if (a->bStatusOnly) return VP_EXIT_OK;
  const cJSON *g, *pr;
  cJSON_ArrayForEach(g, cJSON_GetObjectItem(o, "agencies")) {
    bold(str(g, "name"));
    printf("%s: lead %d, support %d", cJSON_IsTrue(cJSON_GetObjectItem(g, "generic")) ? " (group)" : "",
           num(g, "lead"), num(g, "support"));
    if (str(g, "match")[0]) printf("  (%s match)", str(g, "match"));
    int k = 0;
    cJSON_ArrayForEach(pr, cJSON_GetObjectItem(g, "provinces"))
      printf("%s%s %d/%d", k++ ? "; " : " — ", str(pr, "province")[0] ? str(pr, "province") : "national",
             num(pr, "lead"), num(pr, "support"));
    fputc('\n', stdout);
  }
  int n = a->nPos > 0 ? cJSON_GetArraySize(cJSON_GetObjectItem(o, "agencies")) : num(o, "total");
  printf("%d %s\n", n, plural(n, "agency", "agencies"));
  return n == 0 && a->nPos > 0 ? VP_EXIT_NOTFOUND : VP_EXIT_OK;
}

static int cmd_agencies(cli_args *a) { return run_query(a, q_agencies, p_agencies); }

static int q_health(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_health(p, pp, pzErr);
}

static int p_health(const cJSON *o, cli_args *a) {
  if (a->bStatusOnly) return VP_EXIT_OK;
  printf("ok: %d documents, %d passages, %d citations, %d tasks; built %s\n", num(o, "documents"),
         num(o, "passages"), num(o, "citations"), num(o, "tasks"), str(o, "built_at"));
  return VP_EXIT_OK;
}

static int cmd_health(cli_args *a) { return run_query(a, q_health, p_health); }

/* ---- export ------------------------------------------------------------ */

static int cmd_export(cli_args *a) {
  const char *zPrefix = a->zIndexPrefix ? a->zIndexPrefix : "vnplan";
  if (a->bTemplate) {
    char *z = vp_export_template(zPrefix);
    if (z) fputs(z, stdout);
    free(z);
    return z ? VP_EXIT_OK : VP_EXIT_FAILURE;
  }
  if (a->eFormat == F_CSV && a->zOut == NULL)
    return fail_with(a, VP_EXIT_USAGE, NULL, "export --format csv writes one file a table: give a folder with --out");
  vp_db *p = NULL;
  int ex = open_db(a, &p);
  if (ex != VP_EXIT_OK) return ex;
  char *zErr = NULL;
  int rc;
  if (a->eFormat == F_CSV) {
    rc = vp_export_csv(p, a->zOut, &zErr);
  } else {
    FILE *f = a->zOut ? fopen(a->zOut, "w") : stdout;
    if (f == NULL) {
      vp_db_close(p);
      return fail_with(a, VP_EXIT_FAILURE, NULL, "cannot write %s", a->zOut);
    }
    rc = vp_export_ndjson(p, f, zPrefix, &zErr);
    if (f != stdout && fclose(f) != 0 && rc == VP_OK) rc = VP_EIO;
  }
  vp_db_close(p);
  if (rc != VP_OK) return report(a, rc, zErr, NULL);
  return VP_EXIT_OK;
}

/* ---- the table ----------------------------------------------------------- */

static const vp_rows_col aSearchCols[] = {
    {"document", "doc.label"}, {"file", "doc.file"}, {"province", "doc.province"},
    {"section", "section"},    {"line", "line"},     {"snippet", "snippet"},
    {"score", "score"}};
static const vp_rows_col aRefsCols[] = {
    {"document", "doc.label"}, {"file", "doc.file"},      {"province", "doc.province"},
    {"instrument", "instrument"}, {"relations", "relations"}, {"date", "date"},
    {"section", "section"},    {"line", "line"},          {"text", "text"}};
static const vp_rows_col aWhoCols[] = {
    {"province", "province"}, {"province_2025", "province_2025"}, {"lead", "lead"},
    {"support", "support"},   {"docs", "docs"}};
static const vp_rows_col aTaskCols[] = {
    {"document", "doc.label"}, {"file", "doc.file"}, {"province", "province"},
    {"section", "section"},    {"line", "line"},     {"text", "text"},
    {"lead", "lead"},          {"support", "support"}, {"deadline", "deadline"},
    {"deadline_norm", "deadline_norm"}};
static const vp_rows_col aDocCols[] = {
    {"id", "id"},         {"number", "number"}, {"province", "province"}, {"kind", "kind"},
    {"date", "date"},     {"file", "file"},     {"title", "title"},       {"passages", "passages"},
    {"citations", "citations"}, {"tasks", "tasks"}};
static const vp_rows_col aInstCols[] = {
    {"key", "key"},   {"scope", "scope"},         {"type", "type"},
    {"issuer", "issuer_body"}, {"docs", "docs"}, {"citations", "citations"},
    {"dates", "dates[].date"}};
static const vp_rows_col aCoverageCols[] = {
    {"province", "province"}, {"province_2025", "province_2025"}, {"covered", "covered"},
    {"plans", "plans[].label"}, {"dates", "plans[].date"}, {"lag_days", "plans[].lag_days"},
    {"tasks", "plans[].tasks"}};
static const vp_rows_col aAgencyCols[] = {
    {"name", "name"}, {"kind", "kind"}, {"lead", "lead"}, {"support", "support"}};

#define COLS(a) a, VP_ARRAY_SIZE(a)

static const cli_command aCommand[] = {
    {"index", cmd_index, NULL, 1, -1, O_DB | O_PRUNE | O_QUIET | O_OCR, "PATH...",
     "index plans (.txt .md .docx .doc .odt .html .pdf; folders recursively); unchanged files are skipped",
     "Exit 1 when some files were skipped (each named on stderr with the reason).",
     "vnplan index --db plans.db corpus/\nvnplan index --db plans.db --prune corpus/\n"
     "vnplan index --db plans.db --ocr=off scans/", NULL, NULL, 0},
    {"search", cmd_search, NULL, 1, 1, O_LIST | O_LIMIT | O_OFFSET | O_FILTER, "QUERY",
     "passages matching QUERY: words, \"phrases\", 69-KL/TW, NQ/TW, AND OR NOT, prefix*",
     "--limit defaults to 10 (at most 200). Typed without diacritics, a word matches every spelling.",
     "vnplan search \"khoa hoc cong nghe\"\nvnplan search --province \"Tuyên Quang\" \"ngân sách\"\n"
     "vnplan search -n 5 --format csv '\"đổi mới sáng tạo\" NOT \"khởi nghiệp\"'",
     "hits", COLS(aSearchCols)},
    {"refs", cmd_refs, NULL, 1, 1, O_LIST | O_LIMIT | O_OFFSET | O_FILTER, "INSTRUMENT",
     "where an instrument is cited, named as people type it (\"NQ 20\", \"nghị quyết 20\", 709/QĐ-TTg)",
     "--limit counts citing documents (default 50). Several instruments that fit are listed to choose\n"
     "from; none gives the nearest cited numbers and exit status 1.",
     "vnplan refs \"Nghị quyết số 20-NQ/TW\"\nvnplan refs \"KL 69\"\nvnplan refs --province \"Bình Thuận\" \"QĐ 709\"",
     "citations", COLS(aRefsCols)},
    {"who", cmd_who, NULL, 1, 1, O_LIST | O_LIMIT, "AGENCY",
     "which provinces give AGENCY tasks, as lead and as support",
     "AGENCY may be a prefix, typed without diacritics or with a typo (\"Sở Giáo dục\", \"so tai chanh\").\n"
     "--limit: tasks listed per province (default 5).",
     "vnplan who \"Sở Tài chính\"\nvnplan who \"so giao duc\"\nvnplan who --format csv \"Sở KH&CN\"",
     "provinces", COLS(aWhoCols)},
    {"tasks", cmd_tasks, NULL, 0, 0, O_LIST | O_LIMIT | O_OFFSET | O_FILTER | O_DOC, "",
     "tasks with their lead and support agencies and deadlines", "--limit defaults to 10 (at most 200).",
     "vnplan tasks --agency \"Sở Tài chính\" --province \"Tuyên Quang\"\n"
     "vnplan tasks --doc 222/KH-UBND --limit 200 --format csv > tasks.csv",
     "tasks", COLS(aTaskCols)},
    {"docs", cmd_docs, NULL, 0, 0, O_LIST | O_FILTER, "", "every document with its metadata", NULL,
     "vnplan docs\nvnplan docs --province \"Bình Thuận\" --since 2024 --format tsv", "docs", COLS(aDocCols)},
    {"doc", cmd_doc, NULL, 1, 1, O_OUT, "DOC",
     "one document by id, file or number (222/KH-UBND): citations and tasks", NULL,
     "vnplan doc 222/KH-UBND\nvnplan doc 001_73d1dfeeaa6b8b5c.txt", NULL, NULL, 0},
    {"instruments", cmd_instruments, NULL, 0, 0, O_LIST, "",
     "every cited instrument with citation counts and the dates plans give it", NULL,
     "vnplan instruments --format csv", "instruments", COLS(aInstCols)},
    {"instrument", cmd_instrument, NULL, 1, 1, O_OUT, "KEY",
     "one instrument: who cites it, what implements it, what it implements", NULL,
     "vnplan instrument 69-KL/TW\nvnplan instrument \"472-KH/TU@Tuyên Quang\"", NULL, NULL, 0},
    {"coverage", cmd_coverage, NULL, 1, 1, O_LIST, "KEY",
     "which provinces (34 since 2025, 63 before) have a plan carrying out an instrument",
     "Each plan with its number, date, lag in days after the instrument and task count;\n"
     "--format csv lists the 63 provinces before 2025, one row each.",
     "vnplan coverage 57-NQ/TW\nvnplan coverage \"KL 69\" --format csv", "provinces", COLS(aCoverageCols)},
    {"agencies", cmd_agencies, NULL, 0, 1, O_LIST | O_LIMIT, "[PREFIX]",
     "every agency with task counts per province; with PREFIX, the names that fit it (typeahead)",
     "PREFIX matches the starts of words, without diacritics, with a typo; --limit defaults to 5.",
     "vnplan agencies\nvnplan agencies \"so giao\"", "agencies", COLS(aAgencyCols)},
    {"health", cmd_health, NULL, 0, 0, O_OUT, "", "index statistics", NULL, "vnplan health", NULL, NULL, 0},
    {"export", cmd_export, NULL, 0, 0, O_DB | O_FORMAT | O_OUTPUT | O_TEMPLATE | O_PREFIX, "",
     "the index for another engine: OpenSearch/Elasticsearch _bulk NDJSON, or CSV tables",
     "--format ndjson (default) writes action/record pairs for the indices vnplan-docs,\n"
     "vnplan-passages, vnplan-citations and vnplan-tasks; --template prints the index template\n"
     "to create first. --format csv writes docs.csv, passages.csv, citations.csv, tasks.csv.",
     "vnplan export --template > template.json\nvnplan export --format ndjson > bulk.ndjson\n"
     "vnplan export --format csv --out tables/", NULL, NULL, 0},
    {"serve", NULL, vp_server_main, 0, -1, 0,
     "[--port N] [--bind ADDR] [--threads N] [--budget MS] [--cache N] [--cache-mb MB]",
     "HTTP server with a JSON API and a search page (127.0.0.1:8080)", NULL,
     "vnplan serve --db plans.db --port 8080", NULL, NULL, 0},
};

static const cli_option *find_option(const char *zLong, char cShort) {
  for (int i = 0; i < VP_ARRAY_SIZE(aOption); i++) {
    if (zLong && strcmp(aOption[i].zLong, zLong) == 0) return &aOption[i];
    if (!zLong && cShort && aOption[i].cShort == cShort) return &aOption[i];
  }
  return NULL;
}

/* Edit distance of two short ASCII words (for "did you mean"). */
static int word_distance(const char *a, const char *b) {
  int na = (int)strlen(a), nb = (int)strlen(b);
  if (na > 30 || nb > 30) return 99;
  int d[31][31];
  for (int i = 0; i <= na; i++) d[i][0] = i;
  for (int j = 0; j <= nb; j++) d[0][j] = j;
  for (int i = 1; i <= na; i++)
    for (int j = 1; j <= nb; j++) {
      int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (d[i - 1][j] + 1 < c) c = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < c) c = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
        c = d[i - 2][j - 2] + 1;
      d[i][j] = c;
    }
  return d[na][nb];
}

static const char *nearest_command(const char *z) {
  const char *zBest = NULL;
  int nBest = 3;
  for (int i = 0; i < VP_ARRAY_SIZE(aCommand); i++) {
    int d = word_distance(z, aCommand[i].zName);
    if (strncmp(aCommand[i].zName, z, strlen(z)) == 0 && strlen(z) >= 2) d = 1;
    if (d < nBest) {
      nBest = d;
      zBest = aCommand[i].zName;
    }
  }
  return zBest;
}

static const char *nearest_option(const char *z, unsigned mask) {
  const char *zBest = NULL;
  int nBest = 3;
  for (int i = 0; i < VP_ARRAY_SIZE(aOption); i++) {
    if (!(aOption[i].mask & mask)) continue;
    int d = word_distance(z, aOption[i].zLong);
    if (d < nBest) {
      nBest = d;
      zBest = aOption[i].zLong;
    }
  }
  return zBest;
}

static void usage(FILE *f) {
  fprintf(f, "usage: vnplan COMMAND [OPTIONS] [ARGS]   (vnplan COMMAND --help for its options)\n\n");
  for (int i = 0; i < VP_ARRAY_SIZE(aCommand); i++)
    fprintf(f, "  %-12s %s\n", aCommand[i].zName, aCommand[i].zHelp);
  fprintf(f, "\n--db defaults to $VNPLAN_DB, else vnplan.db. --version prints the version.\n"
             "Exit status: 0 ok (no hits is still an answer); 1 an unknown agency, document,\n"
             "instrument or province, or files skipped while indexing; 2 misuse or a query that\n"
             "cannot be read; 3 the index cannot be read or written.\n");
}

static void command_help(const cli_command *c) {
  printf("usage: vnplan %s%s%s%s\n  %s\n", c->zName, c->mask ? " [OPTIONS]" : "",
         c->zArgs[0] ? " " : "", c->zArgs, c->zHelp);
  if (c->mask) {
    printf("\noptions:\n");
    for (int i = 0; i < VP_ARRAY_SIZE(aOption); i++) {
      const cli_option *o = &aOption[i];
      if (!(o->mask & c->mask)) continue;
      char zName[48];
      snprintf(zName, sizeof(zName), "%s%c%s--%s%s%s", o->cShort ? "-" : "", o->cShort ? o->cShort : ' ',
               o->cShort ? ", " : "", o->zLong, o->zValue ? " " : "", o->zValue ? o->zValue : "");
      const char *zHelp = o->zHelp;
      if (o->mask == O_FORMAT && c->zRows == NULL) zHelp = "ndjson (default: OpenSearch/Elasticsearch _bulk) or csv";
      printf("  %-22s %s\n", o->cShort ? zName : zName + 1, zHelp);
    }
    printf("  %-22s %s\n", "-h, --help", "this help");
  }
  if (c->zMore) printf("\n%s\n", c->zMore);
  printf("\nexamples:\n");
  for (const char *z = c->zExamples; *z;) {
    int n = (int)strcspn(z, "\n");
    printf("  %.*s\n", n, z);
    z += n + (z[n] == '\n');
  }
}

static int parse_int(cli_args *a, const char *zOpt, const char *z, int nMax, int *pOut) {
  char *zEnd = NULL;
  long v = strtol(z, &zEnd, 10);
  if (zEnd == z || *zEnd != 0 || v < 0 || v > nMax) {
    fail_with(a, VP_EXIT_USAGE, NULL, "%s needs a number from 0 to %d, not \"%s\"", zOpt, nMax, z);
    return 0;
  }
  *pOut = (int)v;
  return 1;
}

/* One option with its value (NULL for a flag) into a. 0 on misuse (said). */
static int set_option(cli_args *a, const cli_option *o, const char *zOpt, const char *zVal) {
  switch (o->mask) {
    case O_DB: a->zDb = zVal; break;
    case O_JSON: a->eFormat = F_JSON; break;
    case O_PRUNE: a->bPrune = 1; break;
    case O_QUIET: a->bQuiet = 1; break;
    case O_OCR: {
      static const char *az[] = {"auto", "off", "force"}; /* in vp_ocr_mode's order */
      for (int i = 0; i < 3; i++)
        if (strcmp(zVal, az[i]) == 0) {
          a->eOcr = i;
          return 1;
        }
      fail_with(a, VP_EXIT_USAGE, NULL, "--ocr needs auto, off or force, not \"%s\"", zVal);
      return 0;
    }
    case O_PROVINCE: a->filter.zProvince = zVal; break;
    case O_KIND: a->filter.zKind = zVal; break;
    case O_SINCE: a->filter.zSince = zVal; break;
    case O_UNTIL: a->filter.zUntil = zVal; break;
    case O_AGENCY: a->filter.zAgency = zVal; break;
    case O_ISSUER: a->filter.zIssuer = zVal; break;
    case O_RELATION:
      if (vp_docfilter_relation(zVal) == NULL) {
        fail_with(a, VP_EXIT_USAGE, NULL,
                  "--relation is Căn cứ, Thực hiện, Tiếp tục thực hiện, Nhắc đến or Viết tắt"
                  " (or basis, implements, continues, mention, alias), not \"%s\"", zVal);
        return 0;
      }
      a->filter.zRelation = zVal;
      break;
    case O_SORT:
      if (strcmp(zVal, "relevance") != 0 && strcmp(zVal, "date") != 0) {
        fail_with(a, VP_EXIT_USAGE, NULL, "--sort is relevance or date, not \"%s\"", zVal);
        return 0;
      }
      a->filter.zSort = zVal;
      break;
    case O_DOC: a->zDoc = zVal; break;
    case O_OUTPUT: a->zOut = zVal; break;
    case O_TEMPLATE: a->bTemplate = 1; break;
    case O_PREFIX: a->zIndexPrefix = zVal; break;
    case O_LIMIT: return parse_int(a, zOpt, zVal, VP_LIMIT_MAX, &a->nLimit);
    case O_OFFSET: return parse_int(a, zOpt, zVal, 1000000, &a->nOffset);
    case O_YEAR:
      if (!parse_int(a, zOpt, zVal, 2100, &a->filter.nYear)) return 0;
      if (a->filter.nYear < 1900) {
        fail_with(a, VP_EXIT_USAGE, NULL, "--year needs a year such as 2024, not \"%s\"", zVal);
        return 0;
      }
      break;
    case O_FORMAT: {
      static const char *az[] = {"text", "json", "csv", "tsv", "ndjson"};
      for (int i = 0; i < 5; i++)
        if (strcmp(zVal, az[i]) == 0) {
          a->eFormat = (out_format)i;
          if (strcmp(a->pCmd->zName, "export") == 0 && i != F_CSV && i != F_NDJSON) {
            fail_with(a, VP_EXIT_USAGE, NULL, "export writes --format ndjson or csv, not %s", zVal);
            return 0;
          }
          if (i >= F_CSV && a->pCmd->zRows == NULL && strcmp(a->pCmd->zName, "export") != 0) {
            fail_with(a, VP_EXIT_USAGE, NULL, "%s lists nothing to write as %s: use --format text or json",
                      a->pCmd->zName, zVal);
            return 0;
          }
          return 1;
        }
      fail_with(a, VP_EXIT_USAGE, NULL, "--format is text, json, csv, tsv or ndjson, not \"%s\"", zVal);
      return 0;
    }
    case O_COLOR:
      if (strcmp(zVal, "always") == 0) bColor = 1;
      else if (strcmp(zVal, "never") == 0) bColor = 0;
      else if (strcmp(zVal, "auto") != 0) {
        fail_with(a, VP_EXIT_USAGE, NULL, "--color is auto, always or never, not \"%s\"", zVal);
        return 0;
      }
      break;
    default: break;
  }
  return 1;
}

/* Does argv ask for JSON (so that even a misuse is said in JSON)? */
static int wants_json(int argc, char **argv) {
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--format=json") == 0) return 1;
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc && strcmp(argv[i + 1], "json") == 0) return 1;
  }
  return 0;
}

static int parse_args(const cli_command *c, int argc, char **argv, cli_args *a) {
  const char *zEnvDb = getenv("VNPLAN_DB");
  a->zDb = zEnvDb && zEnvDb[0] ? zEnvDb : "vnplan.db";
  int bOptions = 1;
  for (int i = 2; i < argc; i++) {
    const char *z = argv[i];
    if (bOptions && strcmp(z, "--") == 0) { bOptions = 0; continue; }
    if (!bOptions || z[0] != '-' || z[1] == 0 || (z[1] >= '0' && z[1] <= '9')) {
      a->azPos[a->nPos++] = argv[i];
      continue;
    }
    /* --name, --name=value, --name value, -n 5, -n5 */
    const cli_option *o = NULL;
    const char *zVal = NULL;
    char zName[64];
    if (z[1] == '-') {
      const char *zEq = strchr(z, '=');
      snprintf(zName, sizeof(zName), "%.*s", zEq ? (int)(zEq - z - 2) : (int)strlen(z + 2), z + 2);
      o = find_option(zName, 0);
      if (zEq) zVal = zEq + 1;
    } else {
      snprintf(zName, sizeof(zName), "%c", z[1]);
      o = find_option(NULL, z[1]);
      if (z[2]) zVal = z + 2;
    }
    if (o == NULL || !(o->mask & c->mask)) {
      const char *zNear = nearest_option(zName, c->mask);
      char zHint[96] = "";
      if (zNear) snprintf(zHint, sizeof(zHint), " (did you mean --%s?)", zNear);
      if (o) fail_with(a, VP_EXIT_USAGE, NULL, "%s takes no option %s%s; see vnplan %s --help", c->zName, z, zHint, c->zName);
      else fail_with(a, VP_EXIT_USAGE, NULL, "%s: unknown option %s%s; see vnplan %s --help", c->zName, z, zHint, c->zName);
      return 0;
    }
    if (o->zValue == NULL && zVal) {
      fail_with(a, VP_EXIT_USAGE, NULL, "--%s takes no value", o->zLong);
      return 0;
    }
    if (o->zValue && zVal == NULL) {
      if (i + 1 >= argc) {
        fail_with(a, VP_EXIT_USAGE, NULL, "--%s needs a value (%s)", o->zLong, o->zValue);
        return 0;
      }
      zVal = argv[++i];
    }
    char zOpt[72];
    snprintf(zOpt, sizeof(zOpt), "--%s", o->zLong);
    if (!set_option(a, o, zOpt, zVal)) return 0;
  }
  if (a->nPos < c->nMinPos || (c->nMaxPos >= 0 && a->nPos > c->nMaxPos)) {
    if (a->nPos < c->nMinPos)
      fail_with(a, VP_EXIT_USAGE, NULL, "%s needs %s; usage: vnplan %s [OPTIONS] %s", c->zName, c->zArgs,
                c->zName, c->zArgs);
    else
      fail_with(a, VP_EXIT_USAGE, NULL, "%s takes %s, not \"%s\" too (quote a query of several words)",
                c->zName, c->nMaxPos ? c->zArgs : "no argument", a->azPos[c->nMaxPos]);
    return 0;
  }
  /* a name or a number left empty ('who ""') is misuse, as a query left
  ** empty is, not a name the index lacks */
  for (int k = 0; k < a->nPos && k < c->nMinPos; k++) {
    const char *z = a->azPos[k];
    while (*z == ' ' || *z == '\t' || *z == '\n' || *z == '\r') z++;
    if (*z == 0) {
      fail_with(a, VP_EXIT_USAGE, NULL, "%s needs %s, not an empty argument; usage: vnplan %s [OPTIONS] %s",
                c->zName, c->zArgs, c->zName, c->zArgs);
      return 0;
    }
  }
  return 1;
}

int vp_cli_main(int argc, char **argv) {
  const char *zNoColor = getenv("NO_COLOR");
  bColor = isatty(1) && !(zNoColor && zNoColor[0]);
  if (argc < 2) {
    usage(stderr);
    return VP_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    if (argc > 2 && strcmp(argv[1], "help") == 0) {
      for (int i = 0; i < VP_ARRAY_SIZE(aCommand); i++)
        if (strcmp(argv[2], aCommand[i].zName) == 0) {
          command_help(&aCommand[i]);
          return VP_EXIT_OK;
        }
    }
    usage(stdout);
    return VP_EXIT_OK;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("vnplan %s\n", VP_VERSION);
    return VP_EXIT_OK;
  }
  /* the word lists are compiled in: a bad row is a build mistake, said
  ** here once rather than as missing matches later */
  char *zErr = NULL;
  if (vp_lexicon_init(&zErr) != VP_OK) {
    fprintf(stderr, "vnplan: bad word list table:\n%s\n", zErr ? zErr : "out of memory");
    free(zErr);
    return VP_EXIT_FAILURE;
  }
  for (int i = 0; i < VP_ARRAY_SIZE(aCommand); i++) {
    const cli_command *c = &aCommand[i];
    if (strcmp(argv[1], c->zName) != 0) continue;
    if (c->xMain) return c->xMain(argc - 1, argv + 1);
    for (int k = 2; k < argc && strcmp(argv[k], "--") != 0; k++) {
      if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
        command_help(c);
        return VP_EXIT_OK;
      }
    }
    cli_args a;
    memset(&a, 0, sizeof(a));
    a.pCmd = c;
    a.eOcr = -1;
    a.bJson = wants_json(argc, argv);
    a.azPos = calloc((size_t)argc + 1, sizeof(char *));
    if (strcmp(c->zName, "export") == 0) a.eFormat = F_NDJSON;
    if (a.azPos == NULL) return VP_EXIT_FAILURE;
    int ex = parse_args(c, argc, argv, &a) ? c->xRun(&a) : VP_EXIT_USAGE;
    free(a.azPos);
    return ex;
  }
  cli_args a;
  memset(&a, 0, sizeof(a));
  a.bJson = wants_json(argc, argv);
  const char *zNear = nearest_command(argv[1]);
  if (zNear)
    return fail_with(&a, VP_EXIT_USAGE, NULL, "unknown command \"%s\" (did you mean %s?); vnplan --help lists them",
                     argv[1], zNear);
  fail_with(&a, VP_EXIT_USAGE, NULL, "unknown command \"%s\"", argv[1]);
  if (!a.bJson) {
    fputc('\n', stderr);
    usage(stderr);
  }
  return VP_EXIT_USAGE;
}
