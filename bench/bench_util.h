/*
** bench_util.h — helpers shared by the benchmark programs (baseline.c,
** tokbench.c, qbench.c) and dbcheck.c: load a corpus as paragraphs exactly the
** same way for every engine, time things, and summarize latency samples.
** Not part of the vnplan library; not for production code.
*/
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>

/* One paragraph: a non-blank line of a file (CR stripped), pointing into the
** file's buffer. */
typedef struct bu_para {
  const char *z;
  int n;
  int iFile;
} bu_para;

typedef struct bu_corpus {
  char **azFile;      /* paths, malloc'd */
  char **azBuf;       /* file contents, malloc'd, NUL-terminated */
  size_t *anBuf;
  int nFile;
  bu_para *aPara;
  size_t nPara;
  size_t nFileBytes;  /* sum of file sizes */
  size_t nParaBytes;  /* sum of paragraph lengths */
} bu_corpus;

/* Every .txt/.md file under the paths (directories walked recursively, in
** sorted order; symlinks not followed), sorted. Calls xFile(path, ctx) for
** each. Returns the number of files, or -1 if a path cannot be read. */
int bu_walk(int nPath, char **azPath, void (*xFile)(const char *, void *),
            void *pCtx);

/* Load every file under the paths and split it into paragraphs. 0 or -1. */
int bu_corpus_load(bu_corpus *p, int nPath, char **azPath);
void bu_corpus_free(bu_corpus *p);

/* Split a buffer into paragraphs; calls xPara(z, n, ctx) for each. */
void bu_split(const char *z, size_t n, void (*xPara)(const char *, int, void *),
              void *pCtx);

double bu_now_ms(void);

/* Median and 99th percentile (nearest rank) of a[0..n); sorts a. */
void bu_percentiles(double *a, int n, double *pMedian, double *pP99);

/* Peak resident set size of this process in kB (getrusage). */
long bu_peak_rss_kb(void);

#endif /* BENCH_UTIL_H */
