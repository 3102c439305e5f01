/*
** baseline.c — the yardstick of `make bench`: SQLite FTS5 with its own
** `unicode61 remove_diacritics 2` tokenizer over the same paragraphs vnplan
** indexes. Three modes:
**   baseline index DB PATH...     one fts5 table (file UNINDEXED, body), every
**                                 paragraph inserted in one transaction, then
**                                 'optimize'; prints bytes and seconds.
**   baseline tok PATH...          the unicode61 tokenizer alone through the
**                                 fts5 tokenizer API (xTokenize, a counting
**                                 callback), 3 passes, prints the median MB/s.
**   baseline query DB REPS Q...   each FTS5 query with snippet(), ORDER BY
**                                 rank LIMIT 10, REPS times: median and p99 ms.
** Output lines are tab-separated for bench/run.sh. Not part of vnplan.
*/
#include "bench_util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void die_db(sqlite3 *db, const char *zWhat) {
  fprintf(stderr, "baseline: %s: %s\n", zWhat, db ? sqlite3_errmsg(db) : "?");
  exit(1);
}

static void exec_or_die(sqlite3 *db, const char *zSql) {
  char *zErr = NULL;
  if (sqlite3_exec(db, zSql, NULL, NULL, &zErr) != SQLITE_OK) {
    fprintf(stderr, "baseline: %s: %s\n", zSql, zErr ? zErr : "?");
    exit(1);
  }
}

/* ---- index ------------------------------------------------------------ */

typedef struct index_ctx {
  sqlite3 *db;
  sqlite3_stmt *pIns;
  const char *zFile;
  size_t nBytes;
  long nPara;
} index_ctx;

static void index_para(const char *z, int n, void *pCtx) {
  index_ctx *c = pCtx;
  sqlite3_bind_text(c->pIns, 1, c->zFile, -1, SQLITE_STATIC);
  sqlite3_bind_text(c->pIns, 2, z, n, SQLITE_STATIC);
  if (sqlite3_step(c->pIns) != SQLITE_DONE) die_db(c->db, "insert");
  sqlite3_reset(c->pIns);
  c->nPara++;
}

static void index_file(const char *zPath, void *pCtx) {
  index_ctx *c = pCtx;
  FILE *f = fopen(zPath, "rb");
  if (!f) { perror(zPath); return; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *z = malloc((size_t)n + 1);
  if (z && fread(z, 1, (size_t)n, f) == (size_t)n) {
    c->zFile = zPath;
    bu_split(z, (size_t)n, index_para, c);
    c->nBytes += (size_t)n;
  }
  free(z);
  fclose(f);
}

static int cmd_index(int argc, char **argv) {
  if (argc < 2) return 2;
  index_ctx c;
  memset(&c, 0, sizeof(c));
  remove(argv[0]);
  double t0 = bu_now_ms();
  if (sqlite3_open(argv[0], &c.db) != SQLITE_OK) die_db(c.db, argv[0]);
  exec_or_die(c.db, "PRAGMA journal_mode=WAL");
  exec_or_die(c.db,
              "CREATE VIRTUAL TABLE t USING fts5(file UNINDEXED, body, "
              "tokenize='unicode61 remove_diacritics 2')");
  exec_or_die(c.db, "BEGIN");
  if (sqlite3_prepare_v2(c.db, "INSERT INTO t(file, body) VALUES(?1, ?2)", -1,
                         &c.pIns, NULL) != SQLITE_OK)
    die_db(c.db, "prepare");
  int nFile = bu_walk(argc - 1, argv + 1, index_file, &c);
  sqlite3_finalize(c.pIns);
  exec_or_die(c.db, "COMMIT");
  exec_or_die(c.db, "INSERT INTO t(t) VALUES('optimize')");
  exec_or_die(c.db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(c.db);
  double ms = bu_now_ms() - t0;
  printf("files\t%d\nparagraphs\t%ld\nbytes\t%zu\nseconds\t%.3f\nmbps\t%.2f\n"
         "peak_rss_kb\t%ld\n",
         nFile, c.nPara, c.nBytes, ms / 1e3,
         (double)c.nBytes / 1048576.0 / (ms / 1e3), bu_peak_rss_kb());
  return nFile < 0 ? 1 : 0;
}

/* ---- tokenizer alone -------------------------------------------------- */

static fts5_api *get_fts5_api(sqlite3 *db) {
  fts5_api *pApi = NULL;
  sqlite3_stmt *p = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &p, NULL) != SQLITE_OK)
    die_db(db, "SELECT fts5(?1)");
  sqlite3_bind_pointer(p, 1, (void *)&pApi, "fts5_api_ptr", NULL);
  sqlite3_step(p);
  sqlite3_finalize(p);
  if (!pApi) die_db(db, "no fts5_api");
  return pApi;
}

static int count_token(void *pCtx, int tflags, const char *pToken, int nToken,
                       int iStart, int iEnd) {
  (void)tflags; (void)pToken; (void)nToken; (void)iStart; (void)iEnd;
  (*(long *)pCtx)++;
  return SQLITE_OK;
}

static int cmd_tok(int argc, char **argv) {
  bu_corpus co;
  if (argc < 1 || bu_corpus_load(&co, argc, argv) != 0) return 2;
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die_db(db, ":memory:");
  fts5_api *pApi = get_fts5_api(db);
  void *pUserData = NULL;
  fts5_tokenizer tok;
  if (pApi->xFindTokenizer(pApi, "unicode61", &pUserData, &tok) != SQLITE_OK)
    die_db(db, "unicode61");
  const char *azArg[] = {"remove_diacritics", "2"};
  Fts5Tokenizer *pTok = NULL;
  if (tok.xCreate(pUserData, azArg, 2, &pTok) != SQLITE_OK)
    die_db(db, "xCreate");
  double aRate[3];
  long nTok = 0;
  for (int pass = 0; pass < 3; pass++) {
    nTok = 0;
    double t0 = bu_now_ms();
    for (size_t i = 0; i < co.nPara; i++)
      tok.xTokenize(pTok, &nTok, FTS5_TOKENIZE_DOCUMENT, co.aPara[i].z,
                    co.aPara[i].n, count_token);
    double ms = bu_now_ms() - t0;
    aRate[pass] = (double)co.nParaBytes / 1048576.0 / (ms / 1e3);
  }
  double med, p99;
  bu_percentiles(aRate, 3, &med, &p99);
  printf("bytes\t%zu\nparagraphs\t%zu\ntokens\t%ld\nmbps\t%.2f\n",
         co.nParaBytes, co.nPara, nTok, med);
  tok.xDelete(pTok);
  sqlite3_close(db);
  bu_corpus_free(&co);
  return 0;
}

/* ---- queries ---------------------------------------------------------- */

static int run_query(sqlite3_stmt *p, const char *zQuery) {
  int nRow = 0;
  sqlite3_bind_text(p, 1, zQuery, -1, SQLITE_STATIC);
  while (sqlite3_step(p) == SQLITE_ROW) {
    (void)sqlite3_column_text(p, 1);
    nRow++;
  }
  sqlite3_reset(p);
  return nRow;
}

static int cmd_query(int argc, char **argv) {
  if (argc < 3) return 2;
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(argv[0], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die_db(db, argv[0]);
  int nRep = atoi(argv[1]);
  if (nRep < 1) nRep = 1;
  sqlite3_stmt *pSel = NULL, *pCount = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT file, snippet(t, 1, '[', ']', '…', 12) FROM t "
                         "WHERE t MATCH ?1 ORDER BY rank LIMIT 10",
                         -1, &pSel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1,
                         &pCount, NULL) != SQLITE_OK)
    die_db(db, "prepare");
  double *a = malloc(sizeof(double) * (size_t)nRep);
  for (int q = 2; q < argc; q++) {
    const char *zQ = argv[q];
    for (int w = 0; w < 2; w++) run_query(pSel, zQ); /* warm */
    int n = 0;
    double tStart = bu_now_ms();
    for (; n < nRep && (n < 20 || bu_now_ms() - tStart < 4000); n++) {
      double t0 = bu_now_ms();
      run_query(pSel, zQ);
      a[n] = bu_now_ms() - t0;
    }
    long nTotal = 0;
    sqlite3_bind_text(pCount, 1, zQ, -1, SQLITE_STATIC);
    if (sqlite3_step(pCount) == SQLITE_ROW) nTotal = sqlite3_column_int64(pCount, 0);
    sqlite3_reset(pCount);
    double med, p99;
    bu_percentiles(a, n, &med, &p99);
    printf("%s\t%.3f\t%.3f\t%ld\t%d\n", zQ, med, p99, nTotal, n);
  }
  free(a);
  sqlite3_finalize(pSel);
  sqlite3_finalize(pCount);
  sqlite3_close(db);
  return 0;
}

int main(int argc, char **argv) {
  int rc = 2;
  if (argc >= 2 && strcmp(argv[1], "index") == 0) rc = cmd_index(argc - 2, argv + 2);
  else if (argc >= 2 && strcmp(argv[1], "tok") == 0) rc = cmd_tok(argc - 2, argv + 2);
  else if (argc >= 2 && strcmp(argv[1], "query") == 0) rc = cmd_query(argc - 2, argv + 2);
  if (rc == 2)
    fprintf(stderr, "usage: baseline index DB PATH... | tok PATH... | "
                    "query DB REPS QUERY...\n");
  return rc;
}
