/*
** bench_util.c — corpus loading, paragraph splitting, timing and percentiles
** for the benchmark programs (see bench_util.h). Not part of the library.
*/
#include "bench_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

typedef struct name_list {
  char **az;
  int n, nAlloc;
} name_list;

static void names_add(name_list *p, const char *z) {
  if (p->n == p->nAlloc) {
    p->nAlloc = p->nAlloc ? p->nAlloc * 2 : 64;
    p->az = realloc(p->az, sizeof(char *) * (size_t)p->nAlloc);
    if (!p->az) { perror("realloc"); exit(3); }
  }
  p->az[p->n] = strdup(z);
  if (!p->az[p->n]) { perror("strdup"); exit(3); }
  p->n++;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_plan_file(const char *z) {
  size_t n = strlen(z);
  return (n > 4 && strcmp(z + n - 4, ".txt") == 0) ||
         (n > 3 && strcmp(z + n - 3, ".md") == 0);
}

static int walk_one(const char *zPath, name_list *pOut) {
  struct stat st;
  if (lstat(zPath, &st) != 0) { perror(zPath); return -1; }
  if (S_ISREG(st.st_mode)) {
    if (is_plan_file(zPath)) names_add(pOut, zPath);
    return 0;
  }
  if (!S_ISDIR(st.st_mode)) return 0;
  DIR *d = opendir(zPath);
  if (!d) { perror(zPath); return -1; }
  struct dirent *e;
  int rc = 0;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    size_t n = strlen(zPath) + strlen(e->d_name) + 2;
    char *z = malloc(n);
    if (!z) { rc = -1; break; }
    snprintf(z, n, "%s/%s", zPath, e->d_name);
    rc = walk_one(z, pOut);
    free(z);
  }
  closedir(d);
  return rc;
}

int bu_walk(int nPath, char **azPath, void (*xFile)(const char *, void *),
            void *pCtx) {
  name_list l = {0, 0, 0};
  int rc = 0;
  for (int i = 0; i < nPath && rc == 0; i++) rc = walk_one(azPath[i], &l);
  if (rc == 0) {
    qsort(l.az, (size_t)l.n, sizeof(char *), cmp_str);
    for (int i = 0; i < l.n; i++) xFile(l.az[i], pCtx);
  }
  for (int i = 0; i < l.n; i++) free(l.az[i]);
  free(l.az);
  return rc == 0 ? l.n : -1;
}

void bu_split(const char *z, size_t n, void (*xPara)(const char *, int, void *),
              void *pCtx) {
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && z[j] != '\n') j++;
    size_t e = j;
    if (e > i && z[e - 1] == '\r') e--;
    size_t k = i;
    while (k < e && (z[k] == ' ' || z[k] == '\t')) k++;
    if (k < e) xPara(z + i, (int)(e - i), pCtx);
    i = j + 1;
  }
}

static char *read_all(const char *zPath, size_t *pn) {
  FILE *f = fopen(zPath, "rb");
  if (!f) { perror(zPath); return NULL; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *z = malloc((size_t)n + 1);
  if (z && fread(z, 1, (size_t)n, f) != (size_t)n) { free(z); z = NULL; }
  fclose(f);
  if (!z) return NULL;
  z[n] = 0;
  *pn = (size_t)n;
  return z;
}

typedef struct load_ctx {
  bu_corpus *p;
  int rc;
  size_t nParaAlloc;
} load_ctx;

static void add_para(const char *z, int n, void *pCtx) {
  load_ctx *c = pCtx;
  bu_corpus *p = c->p;
  if (p->nPara == c->nParaAlloc) {
    c->nParaAlloc = c->nParaAlloc ? c->nParaAlloc * 2 : 1024;
    p->aPara = realloc(p->aPara, sizeof(bu_para) * c->nParaAlloc);
    if (!p->aPara) { perror("realloc"); exit(3); }
  }
  p->aPara[p->nPara].z = z;
  p->aPara[p->nPara].n = n;
  p->aPara[p->nPara].iFile = p->nFile - 1;
  p->nPara++;
  p->nParaBytes += (size_t)n;
}

static void load_file(const char *zPath, void *pCtx) {
  load_ctx *c = pCtx;
  bu_corpus *p = c->p;
  size_t n = 0;
  char *z = read_all(zPath, &n);
  if (!z) { c->rc = -1; return; }
  p->azFile = realloc(p->azFile, sizeof(char *) * (size_t)(p->nFile + 1));
  p->azBuf = realloc(p->azBuf, sizeof(char *) * (size_t)(p->nFile + 1));
  p->anBuf = realloc(p->anBuf, sizeof(size_t) * (size_t)(p->nFile + 1));
  if (!p->azFile || !p->azBuf || !p->anBuf) { perror("realloc"); exit(3); }
  p->azFile[p->nFile] = strdup(zPath);
  p->azBuf[p->nFile] = z;
  p->anBuf[p->nFile] = n;
  p->nFile++;
  p->nFileBytes += n;
  bu_split(z, n, add_para, c);
}

int bu_corpus_load(bu_corpus *p, int nPath, char **azPath) {
  memset(p, 0, sizeof(*p));
  load_ctx c = {p, 0, 0};
  if (bu_walk(nPath, azPath, load_file, &c) < 0) c.rc = -1;
  return c.rc;
}

void bu_corpus_free(bu_corpus *p) {
  for (int i = 0; i < p->nFile; i++) {
    free(p->azFile[i]);
    free(p->azBuf[i]);
  }
  free(p->azFile);
  free(p->azBuf);
  free(p->anBuf);
  free(p->aPara);
  memset(p, 0, sizeof(*p));
}

double bu_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

void bu_percentiles(double *a, int n, double *pMedian, double *pP99) {
  if (n <= 0) { *pMedian = *pP99 = 0; return; }
  qsort(a, (size_t)n, sizeof(double), cmp_double);
  *pMedian = (n % 2) ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
  int k = (int)((99 * (long)n + 99) / 100) - 1; /* nearest rank */
  if (k < 0) k = 0;
  if (k >= n) k = n - 1;
  *pP99 = a[k];
}

long bu_peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}
