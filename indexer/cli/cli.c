/*
** cli.c — the `vnplan` command line (see vp_cli.h): one table of
** subcommands, shared option parsing, and text output for people. Every
** answer comes from the query layer as a cJSON object; --json prints it as
** is (the HTTP server sends the same object). Not for computing answers.
*/
#include "vp_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vp_common.h"
#include "vp_indexer.h"
#include "vp_lexicon.h"
#include "vp_query.h"
#include "vp_server.h"

typedef struct cli_args {
  const char *zDb;
  int bJson;
  int nLimit, nOffset;
  const char *zAgency, *zProvince, *zDoc;
  int bPrune, bQuiet;
  char **azPos; /* positional arguments */
  int nPos;
} cli_args;

typedef int (*cli_fn)(cli_args *a);

typedef struct cli_command {
  const char *zName;
  cli_fn xRun;                         /* with the shared options parsed */
  int (*xMain)(int argc, char **argv); /* or: takes its own arguments */
  int nMinPos, nMaxPos; /* positional arguments allowed (-1 = any) */
  const char *zUsage;
  const char *zHelp;
} cli_command;

static int bColor; /* stdout is a terminal */

static int exit_for(int rc) {
  switch (rc) {
    case VP_OK: return VP_EXIT_OK;
    case VP_ENOTFOUND: return VP_EXIT_NOTFOUND;
    case VP_EQUERY: return VP_EXIT_USAGE;
    default: return VP_EXIT_FAILURE;
  }
}

static int report(int rc, char *zErr) {
  if (rc != VP_OK) {
    fprintf(stderr, "vnplan: %s\n", zErr ? zErr : rc == VP_ENOMEM ? "out of memory" : "failed");
  }
  free(zErr);
  return exit_for(rc);
}

static void print_json(const cJSON *o) {
  char *z = bColor ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
  if (z) {
    fputs(z, stdout);
    fputc('\n', stdout);
  }
  free(z);
}

static const char *str(const cJSON *o, const char *zKey) {
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
  return z ? z : "";
}

static int num(const cJSON *o, const char *zKey) {
  return (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, zKey));
}

/* Print text with <mark>…</mark> as bold on a terminal, [[…]] elsewhere. */
static void print_marked(const char *z) {
  while (*z) {
    if (strncmp(z, "<mark>", 6) == 0) {
      fputs(bColor ? "\033[1;33m" : "[[", stdout);
      z += 6;
    } else if (strncmp(z, "</mark>", 7) == 0) {
      fputs(bColor ? "\033[0m" : "]]", stdout);
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

static int open_db(cli_args *a, vp_db **pp) {
  char *zErr = NULL;
  int rc = vp_db_open(a->zDb, 1, pp, &zErr);
  if (rc != VP_OK) return report(rc, zErr);
  return VP_EXIT_OK;
}

/* Run one query-layer call, print its JSON or its text form. */
typedef int (*query_fn)(vp_db *p, cli_args *a, cJSON **ppOut, char **pzErr);
typedef void (*print_fn)(const cJSON *o);

static int run_query(cli_args *a, query_fn xQuery, print_fn xPrint) {
  vp_db *p = NULL;
  int ex = open_db(a, &p);
  if (ex != VP_EXIT_OK) return ex;
  cJSON *o = NULL;
  char *zErr = NULL;
  int rc = xQuery(p, a, &o, &zErr);
  vp_db_close(p);
  if (rc != VP_OK) return report(rc, zErr);
  if (a->bJson) print_json(o);
  else xPrint(o);
  cJSON_Delete(o);
  return VP_EXIT_OK;
}

/* ---- index ----------------------------------------------------------- */

static int cmd_index(cli_args *a) {
  vp_index_opts opts = {a->bPrune, !a->bQuiet, VP_INDEX_MAX_FILE_DEFAULT, stderr};
  vp_index_stats st;
  char *zErr = NULL;
  int rc = vp_index_paths(a->zDb, a->azPos, a->nPos, &opts, &st, &zErr);
  if (rc != VP_OK) return report(rc, zErr);
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
            "vnplan: %d files: %d indexed%s, %d unchanged, %d skipped%s, %d removed;"
            " %.1f MB in %.2f s\n",
            st.nSeen, st.nIndexed, zConv, st.nUnchanged, st.nSkipped, zWhy, st.nRemoved,
            (double)st.nBytes / 1e6, st.ms / 1000.0);
  }
  return st.nSkipped ? VP_EXIT_NOTFOUND : VP_EXIT_OK;
}

/* ---- search ---------------------------------------------------------- */

static int q_search(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_search(p, a->azPos[0], a->nLimit, a->nOffset, pp, pzErr);
}

static void print_doc_ref(const cJSON *pDoc, int iLine, const char *zSection) {
  printf("%s:%d", str(pDoc, "file"), iLine);
  if (zSection[0]) printf("  §%s", zSection);
  if (str(pDoc, "province")[0]) printf("  (%s)", str(pDoc, "province"));
  fputc('\n', stdout);
}

static void p_search(const cJSON *o) {
  const cJSON *h;
  int n = 0;
  cJSON_ArrayForEach(h, cJSON_GetObjectItem(o, "hits")) {
    print_doc_ref(cJSON_GetObjectItem(h, "doc"), num(h, "line"), str(h, "section"));
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
  if (nTotal == 0) printf("no passage matches %s\n", str(o, "query"));
  else if (cJSON_IsTrue(cJSON_GetObjectItem(o, "total_estimated")))
    printf("%d–%d of about %d passages (the newest %d matches ranked)\n", n ? num(o, "offset") + 1 : 0,
           num(o, "offset") + n, nTotal, num(o, "ranked_within"));
  else printf("%d–%d of %d passages\n", n ? num(o, "offset") + 1 : 0, num(o, "offset") + n, nTotal);
}

static int cmd_search(cli_args *a) { return run_query(a, q_search, p_search); }

/* ---- refs ------------------------------------------------------------ */

static int q_refs(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_refs(p, a->azPos[0], a->nLimit, a->nOffset, pp, pzErr);
}

static void p_refs(const cJSON *o) {
  const cJSON *i, *c;
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    printf("%s", str(i, "key"));
    if (str(i, "scope")[0]) printf(" (%s)", str(i, "scope"));
    if (str(i, "type")[0]) printf("  %s", str(i, "type"));
    printf(": cited %d times in %d documents\n", num(i, "citations"), num(i, "docs"));
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(i, "dates")) {
      printf("    dated %s in", str(d, "date"));
      const cJSON *f;
      cJSON_ArrayForEach(f, cJSON_GetObjectItem(d, "docs")) printf(" %s", cJSON_GetStringValue(f));
      fputc('\n', stdout);
    }
    if (cJSON_IsTrue(cJSON_GetObjectItem(i, "conflict"))) printf("    note: plans give it different dates\n");
  }
  if (cJSON_IsTrue(cJSON_GetObjectItem(o, "ambiguous")))
    printf("note: the query names several instruments\n");
  fputc('\n', stdout);
  const char *zPrevFile = "";
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(o, "citations")) {
    const cJSON *pDoc = cJSON_GetObjectItem(c, "doc");
    if (strcmp(zPrevFile, str(pDoc, "file")) != 0) {
      zPrevFile = str(pDoc, "file");
      printf("%s  (%s%s%s)\n", zPrevFile, str(pDoc, "province"),
             str(pDoc, "number")[0] ? ", " : "", str(pDoc, "number"));
    }
    printf("  line %d", num(c, "line"));
    if (str(c, "section")[0]) printf("  §%s", str(c, "section"));
    printf("  %s %s", str(c, "relation"), str(c, "instrument"));
    if (str(c, "date")[0]) printf(" (%s)", str(c, "date"));
    fputs("\n    ", stdout);
    print_clipped(str(c, "text"), 300);
    fputc('\n', stdout);
  }
  if (num(o, "total") == 0) printf("no plan cites %s\n", str(o, "query"));
}

static int cmd_refs(cli_args *a) { return run_query(a, q_refs, p_refs); }

/* ---- who, tasks ------------------------------------------------------ */

static int q_who(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_who(p, a->azPos[0], a->nLimit, pp, pzErr);
}

static void print_task_line(const cJSON *t, const char *zRole) {
  const cJSON *pDoc = cJSON_GetObjectItem(t, "doc");
  printf("  %s%s%s%s:%d", zRole ? "[" : "", zRole ? zRole : "", zRole ? "] " : "",
         str(pDoc, "file"), num(t, "line"));
  if (str(t, "section")[0]) printf(" §%s", str(t, "section"));
  if (str(t, "deadline")[0]) printf("  (%s)", str(t, "deadline"));
  fputs("\n      ", stdout);
  print_clipped(str(t, "text"), 240);
  fputc('\n', stdout);
}

/* Print z left-aligned in nCol columns, counting characters, not bytes
** (names are NFC, one column per code point). */
static void print_padded(const char *z, int nCol) {
  int n = 0;
  for (const char *c = z; *c; c++) n += ((unsigned char)*c & 0xC0) != 0x80;
  fputs(z, stdout);
  for (; n < nCol; n++) fputc(' ', stdout);
}

static void p_who(const cJSON *o) {
  const cJSON *ag = cJSON_GetObjectItem(o, "agency");
  printf("%s", str(ag, "name"));
  if (str(ag, "successor")[0]) printf("  (since 2025: %s)", str(ag, "successor"));
  printf("\n\n  %-28s %5s %8s\n", "province", "lead", "support");
  const cJSON *pr, *t;
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
    printf("\n%s\n", str(pr, "province"));
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(pr, "tasks")) print_task_line(t, str(t, "role"));
  }
  if (pNat) {
    printf("\n(national, no province)\n");
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(pNat, "tasks")) print_task_line(t, str(t, "role"));
  }
  if (cJSON_GetArraySize(cJSON_GetObjectItem(o, "provinces")) == 0 && !pNat)
    printf("\nno plan gives it a task\n");
}

static int cmd_who(cli_args *a) { return run_query(a, q_who, p_who); }

static int q_tasks(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_tasks(p, a->zAgency, a->zProvince, a->zDoc, a->nLimit, a->nOffset, pp, pzErr);
}

static void print_names(const char *zLabel, const cJSON *arr) {
  if (cJSON_GetArraySize(arr) == 0) return;
  printf("      %s: ", zLabel);
  const cJSON *n;
  int i = 0;
  cJSON_ArrayForEach(n, arr) printf("%s%s", i++ ? "; " : "", cJSON_GetStringValue(n));
  fputc('\n', stdout);
}

static void p_tasks(const cJSON *o) {
  const cJSON *t;
  int n = 0;
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(o, "tasks")) {
    print_task_line(t, NULL);
    print_names("lead", cJSON_GetObjectItem(t, "lead"));
    print_names("support", cJSON_GetObjectItem(t, "support"));
    n++;
  }
  printf("%d–%d of %d tasks\n", n ? num(o, "offset") + 1 : 0, num(o, "offset") + n, num(o, "total"));
}

static int cmd_tasks(cli_args *a) { return run_query(a, q_tasks, p_tasks); }

/* ---- docs, doc, instruments, instrument, agencies, health ------------ */

static int q_docs(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_docs(p, pp, pzErr);
}

static void p_docs(const cJSON *o) {
  const cJSON *d;
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(o, "docs")) {
    printf("%s\n  %s · %s · %s · %s · %d passages, %d citations, %d tasks\n  ", str(d, "file"),
           str(d, "kind")[0] ? str(d, "kind") : "?", str(d, "province")[0] ? str(d, "province") : "province ?",
           str(d, "number")[0] ? str(d, "number") : "no number", str(d, "date")[0] ? str(d, "date") : "no date",
           num(d, "passages"), num(d, "citations"), num(d, "tasks"));
    print_clipped(str(d, "title"), 200);
    fputc('\n', stdout);
  }
  printf("%d documents\n", num(o, "total"));
}

static int cmd_docs(cli_args *a) { return run_query(a, q_docs, p_docs); }

static int q_doc(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_doc(p, a->azPos[0], pp, pzErr);
}

static void p_doc(const cJSON *o) {
  const cJSON *d = cJSON_GetObjectItem(o, "doc");
  printf("%s\n  %s · %s · %s · %s\n  ", str(d, "file"), str(d, "kind"), str(d, "province"),
         str(d, "number"), str(d, "date"));
  print_clipped(str(d, "title"), 300);
  printf("\n\ncites:\n");
  const cJSON *i, *t;
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    printf("  line %-4d %-11s %s %s\n", num(i, "line"), str(i, "relation"), str(i, "key"), str(i, "date"));
  }
  printf("\ntasks:\n");
  cJSON_ArrayForEach(t, cJSON_GetObjectItem(o, "tasks")) {
    print_task_line(t, NULL);
    print_names("lead", cJSON_GetObjectItem(t, "lead"));
    print_names("support", cJSON_GetObjectItem(t, "support"));
  }
}

static int cmd_doc(cli_args *a) { return run_query(a, q_doc, p_doc); }

static int q_instruments(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_instruments(p, pp, pzErr);
}

static void p_instruments(const cJSON *o) {
  const cJSON *i, *d;
  cJSON_ArrayForEach(i, cJSON_GetObjectItem(o, "instruments")) {
    char zKey[160];
    snprintf(zKey, sizeof(zKey), "%s%s%s", str(i, "key"), str(i, "scope")[0] ? " @" : "", str(i, "scope"));
    printf("%-34s %-14s %3d docs %4d citations", zKey, str(i, "type"), num(i, "docs"), num(i, "citations"));
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(i, "dates")) printf("  %s", str(d, "date"));
    if (cJSON_IsTrue(cJSON_GetObjectItem(i, "conflict"))) printf("  (dates differ)");
    fputc('\n', stdout);
  }
  printf("%d instruments, %d cited with different dates\n", num(o, "total"), num(o, "conflicts"));
}

static int cmd_instruments(cli_args *a) { return run_query(a, q_instruments, p_instruments); }

static int q_instrument(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  return vp_query_instrument(p, a->azPos[0], pp, pzErr);
}

static void p_instrument(const cJSON *o) {
  p_refs(o);
  const cJSON *e;
  printf("\nimplemented by:\n");
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "implemented_by"))
    printf("  %s (%s) %s\n", str(e, "file"), str(e, "province"), str(e, "relation"));
  printf("implements:\n");
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(o, "implements"))
    printf("  %s %s\n", str(e, "relation"), str(e, "key"));
}

static int cmd_instrument(cli_args *a) { return run_query(a, q_instrument, p_instrument); }

static int q_agencies(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_agencies(p, pp, pzErr);
}

static void p_agencies(const cJSON *o) {
  const cJSON *g, *pr;
  cJSON_ArrayForEach(g, cJSON_GetObjectItem(o, "agencies")) {
    printf("%s%s: lead %d, support %d —", str(g, "name"),
           cJSON_IsTrue(cJSON_GetObjectItem(g, "generic")) ? " (group)" : "", num(g, "lead"), num(g, "support"));
    cJSON_ArrayForEach(pr, cJSON_GetObjectItem(g, "provinces"))
      printf(" %s %d/%d;", str(pr, "province"), num(pr, "lead"), num(pr, "support"));
    fputc('\n', stdout);
  }
  printf("%d agencies\n", num(o, "total"));
}

static int cmd_agencies(cli_args *a) { return run_query(a, q_agencies, p_agencies); }

static int q_health(vp_db *p, cli_args *a, cJSON **pp, char **pzErr) {
  (void)a;
  return vp_query_health(p, pp, pzErr);
}

static void p_health(const cJSON *o) {
  printf("ok: %d documents, %d passages, %d citations, %d tasks; built %s\n", num(o, "documents"),
         num(o, "passages"), num(o, "citations"), num(o, "tasks"), str(o, "built_at"));
}

static int cmd_health(cli_args *a) { return run_query(a, q_health, p_health); }

/* ---- the table -------------------------------------------------------- */

static const cli_command aCommand[] = {
    {"index", cmd_index, NULL, 1, -1, "index --db FILE [--prune] [--quiet] PATH...",
     "index .txt/.md plans (folders recursively); unchanged files are skipped"},
    {"search", cmd_search, NULL, 1, 1, "search --db FILE [--limit N] [--offset N] [--json] QUERY",
     "passages matching QUERY (words, \"phrases\", 69-KL/TW, AND OR NOT, prefix*)"},
    {"refs", cmd_refs, NULL, 1, 1, "refs --db FILE [--limit DOCS] [--offset N] [--json] QUERY",
     "every citation of the instrument QUERY names (\"Nghị quyết số 20-NQ/TW\")"},
    {"who", cmd_who, NULL, 1, 1, "who --db FILE [--limit TASKS] [--json] AGENCY",
     "which provinces give AGENCY tasks, as lead and as support"},
    {"tasks", cmd_tasks, NULL, 0, 0,
     "tasks --db FILE [--agency A] [--province P] [--doc FILE] [--limit N] [--offset N] [--json]",
     "tasks with their lead and support agencies and deadlines"},
    {"docs", cmd_docs, NULL, 0, 0, "docs --db FILE [--json]", "every document with its metadata"},
    {"doc", cmd_doc, NULL, 1, 1, "doc --db FILE [--json] ID|FILE",
     "one document: metadata, sections, citations, tasks"},
    {"instruments", cmd_instruments, NULL, 0, 0, "instruments --db FILE [--json]",
     "every cited instrument with citation counts and the dates plans give it"},
    {"instrument", cmd_instrument, NULL, 1, 1, "instrument --db FILE [--json] KEY",
     "one instrument: who cites it, what implements it, what it implements"},
    {"agencies", cmd_agencies, NULL, 0, 0, "agencies --db FILE [--json]",
     "every agency with task counts per province"},
    {"health", cmd_health, NULL, 0, 0, "health --db FILE [--json]", "index statistics"},
    {"serve", NULL, vp_server_main, 0, -1,
     "serve --db FILE [--port N] [--bind ADDR] [--threads N] [--budget MS] [--cache N] [--cache-mb MB]",
     "HTTP server with a JSON API and a search page (127.0.0.1:8080)"},
};

static void usage(FILE *f) {
  fprintf(f, "usage: vnplan COMMAND [OPTIONS]\n\n");
  for (int i = 0; i < VP_ARRAY_SIZE(aCommand); i++)
    fprintf(f, "  vnplan %s\n      %s\n", aCommand[i].zUsage, aCommand[i].zHelp);
  fprintf(f, "\n--db defaults to $VNPLAN_DB, else vnplan.db. Exit status: 0 ok, 1 nothing"
             " found or files skipped, 2 misuse or unreadable query, 3 index error.\n");
}

static int parse_int(const char *zOpt, const char *z, int *pOut) {
  char *zEnd = NULL;
  long v = strtol(z, &zEnd, 10);
  if (zEnd == z || *zEnd != 0 || v < 0 || v > 100000000) {
    fprintf(stderr, "vnplan: %s needs a number, not \"%s\"\n", zOpt, z);
    return 0;
  }
  *pOut = (int)v;
  return 1;
}

static int parse_args(const cli_command *c, int argc, char **argv, cli_args *a) {
  memset(a, 0, sizeof(*a));
  a->zDb = getenv("VNPLAN_DB") ? getenv("VNPLAN_DB") : "vnplan.db";
  a->azPos = calloc((size_t)argc + 1, sizeof(char *));
  if (a->azPos == NULL) return 0;
  int bOptions = 1;
  for (int i = 2; i < argc; i++) {
    const char *z = argv[i];
    if (bOptions && strcmp(z, "--") == 0) { bOptions = 0; continue; }
    if (bOptions && z[0] == '-' && z[1] == '-') {
      const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
      int bTakes = 1;
      if (strcmp(z, "--json") == 0) { a->bJson = 1; bTakes = 0; }
      else if (strcmp(z, "--prune") == 0) { a->bPrune = 1; bTakes = 0; }
      else if (strcmp(z, "--quiet") == 0) { a->bQuiet = 1; bTakes = 0; }
      else if (zVal == NULL) { fprintf(stderr, "vnplan: %s needs a value\n", z); return 0; }
      else if (strcmp(z, "--db") == 0) a->zDb = zVal;
      else if (strcmp(z, "--agency") == 0) a->zAgency = zVal;
      else if (strcmp(z, "--province") == 0) a->zProvince = zVal;
      else if (strcmp(z, "--doc") == 0) a->zDoc = zVal;
      else if (strcmp(z, "--limit") == 0) { if (!parse_int(z, zVal, &a->nLimit)) return 0; }
      else if (strcmp(z, "--offset") == 0) { if (!parse_int(z, zVal, &a->nOffset)) return 0; }
      else { fprintf(stderr, "vnplan %s: unknown option %s\n", c->zName, z); return 0; }
      if (bTakes) i++;
      continue;
    }
    a->azPos[a->nPos++] = argv[i];
  }
  if (a->nPos < c->nMinPos || (c->nMaxPos >= 0 && a->nPos > c->nMaxPos)) {
    fprintf(stderr, "usage: vnplan %s\n", c->zUsage);
    return 0;
  }
  return 1;
}

int vp_cli_main(int argc, char **argv) {
  bColor = isatty(1);
  if (argc < 2) {
    usage(stderr);
    return VP_EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
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
    for (int k = 2; k < argc; k++) {
      if (strcmp(argv[k], "--help") == 0) {
        printf("usage: vnplan %s\n  %s\n", c->zUsage, c->zHelp);
        return VP_EXIT_OK;
      }
    }
    cli_args a;
    int ex = parse_args(c, argc, argv, &a) ? c->xRun(&a) : VP_EXIT_USAGE;
    free(a.azPos);
    return ex;
  }
  fprintf(stderr, "vnplan: unknown command \"%s\"\n\n", argv[1]);
  usage(stderr);
  return VP_EXIT_USAGE;
}
