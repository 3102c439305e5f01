/*
** indexer.c — `vnplan index` (see vp_indexer.h): the walk over files and
** folders, the list of files unchanged since they were indexed, the store
** step of the pipeline (files are read and extracted ahead of it on a worker
** thread: prepare.c), warnings for bad files and progress on a terminal.
** Not for the format of the index (store.c) nor for extraction rules.
*/
#include "vp_indexer.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vp_common.h"
#include "vp_format.h"
#include "vp_prepare.h"
#include "vp_store.h"

void vp_index_hash(const char *z, size_t n, char zOut[17]) {
  unsigned long long h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)z[i];
    h *= 1099511628211ULL;
  }
  snprintf(zOut, 17, "%016llx", h);
}

/* A list of file paths found by the walk: (real path, path as named). */
typedef struct file_list {
  char **azReal;
  char **azNamed;
  int n, nAlloc;
} file_list;

static int list_add(file_list *p, const char *zReal, const char *zNamed) {
  if (p->n == p->nAlloc) {
    int nNew = p->nAlloc ? p->nAlloc * 2 : 64;
    char **a1 = realloc(p->azReal, (size_t)nNew * sizeof(char *));
    if (a1 == NULL) return VP_ENOMEM;
    p->azReal = a1;
    char **a2 = realloc(p->azNamed, (size_t)nNew * sizeof(char *));
    if (a2 == NULL) return VP_ENOMEM;
    p->azNamed = a2;
    p->nAlloc = nNew;
  }
  p->azReal[p->n] = vp_strndup(zReal, -1);
  p->azNamed[p->n] = vp_strndup(zNamed, -1);
  if (!p->azReal[p->n] || !p->azNamed[p->n]) {
    free(p->azReal[p->n]);
    free(p->azNamed[p->n]);
    return VP_ENOMEM;
  }
  p->n++;
  return VP_OK;
}

static void list_free(file_list *p) {
  for (int i = 0; i < p->n; i++) {
    free(p->azReal[i]);
    free(p->azNamed[i]);
  }
  free(p->azReal);
  free(p->azNamed);
  memset(p, 0, sizeof(*p));
}

static int is_plan_file(const char *zName) {
  const char *zDot = strrchr(zName, '.');
  return zDot && (strcasecmp(zDot, ".txt") == 0 || strcasecmp(zDot, ".md") == 0);
}

const char *vp_index_skip_name(vp_skip_reason e) {
  static const char *const az[VP_SKIP_N] = {"unsupported type", "encoding", "binary",
                                            "empty", "too large", "other"};
  return (unsigned)e < VP_SKIP_N ? az[e] : "other";
}

/* The reason of a skip from its message (vp_read_file, vp_text_check,
** vp_encoding_to_utf8 and the reader word them). */
static vp_skip_reason skip_reason(const char *zWhy) {
  if (zWhy == NULL) return VP_SKIP_OTHER;
  if (strncmp(zWhy, "invalid UTF", 11) == 0) return VP_SKIP_ENCODING;
  if (strncmp(zWhy, "binary file", 11) == 0) return VP_SKIP_BINARY;
  if (strncmp(zWhy, "empty file", 10) == 0) return VP_SKIP_EMPTY;
  if (strstr(zWhy, "over the limit")) return VP_SKIP_SIZE;
  return VP_SKIP_OTHER;
}

/* Why a file of another type is not read: "unsupported type .docx (DOCX
** reading is not built yet)"; *pzWhy is freed by the caller. */
static char *unsupported_why(const char *zPath) {
  const char *zBase = strrchr(zPath, '/');
  zBase = zBase ? zBase + 1 : zPath;
  const char *zDot = strrchr(zBase, '.');
  if (zDot == NULL || zDot == zBase) return vp_mprintf("unsupported type (no extension; .txt and .md are read)");
  const char *zFormat = vp_format_of(zPath);
  if (zFormat) return vp_mprintf("unsupported type %s (%s reading is not built yet)", zDot, zFormat);
  return vp_mprintf("unsupported type %s (.txt and .md are read)", zDot);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct walker {
  file_list files;
  const vp_index_opts *pOpts;
  int nSkipped;
  int anSkip[VP_SKIP_N];
  /* folders on the current path, to stop symlink loops */
  dev_t aDev[64];
  ino_t aIno[64];
  int nDepth;
} walker;

static void warn_as(walker *w, const char *zPath, const char *zWhy,
                    vp_skip_reason e) {
  fprintf(w->pOpts->pWarn, "vnplan: skipping %s: %s\n", zPath, zWhy);
  w->nSkipped++;
  w->anSkip[e]++;
}

static void warn(walker *w, const char *zPath, const char *zWhy) {
  warn_as(w, zPath, zWhy, VP_SKIP_OTHER);
}

static int walk(walker *w, const char *zPath, int bExplicit);

static int walk_dir(walker *w, const char *zPath, const struct stat *st) {
  for (int i = 0; i < w->nDepth; i++) {
    if (w->aDev[i] == st->st_dev && w->aIno[i] == st->st_ino) {
      warn(w, zPath, "folder loop (a symbolic link back to a parent)");
      return VP_OK;
    }
  }
  if (w->nDepth >= VP_ARRAY_SIZE(w->aDev)) {
    warn(w, zPath, "folders nested too deep");
    return VP_OK;
  }
  DIR *d = opendir(zPath);
  if (d == NULL) {
    warn(w, zPath, strerror(errno));
    return VP_OK;
  }
  w->aDev[w->nDepth] = st->st_dev;
  w->aIno[w->nDepth] = st->st_ino;
  w->nDepth++;
  /* sorted, so runs are reproducible */
  char **azName = NULL;
  int nName = 0, nAlloc = 0, rc = VP_OK;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue; /* ., .., hidden files */
    if (nName == nAlloc) {
      nAlloc = nAlloc ? nAlloc * 2 : 32;
      char **aNew = realloc(azName, (size_t)nAlloc * sizeof(char *));
      if (aNew == NULL) { rc = VP_ENOMEM; break; }
      azName = aNew;
    }
    azName[nName] = vp_strndup(e->d_name, -1);
    if (azName[nName] == NULL) { rc = VP_ENOMEM; break; }
    nName++;
  }
  closedir(d);
  if (rc == VP_OK) qsort(azName, (size_t)nName, sizeof(char *), cmp_str);
  for (int i = 0; i < nName; i++) {
    if (rc == VP_OK) {
      size_t n = strlen(zPath);
      char *zChild = vp_mprintf("%s%s%s", zPath,
                                (n && zPath[n - 1] == '/') ? "" : "/", azName[i]);
      rc = zChild ? walk(w, zChild, 0) : VP_ENOMEM;
      free(zChild);
    }
    free(azName[i]);
  }
  free(azName);
  w->nDepth--;
  return rc;
}

static int walk(walker *w, const char *zPath, int bExplicit) {
  struct stat st;
  if (stat(zPath, &st) != 0) {
    struct stat lst;
    if (lstat(zPath, &lst) == 0 && S_ISLNK(lst.st_mode)) {
      warn(w, zPath, errno == ELOOP ? "symbolic link loop" : "broken symbolic link");
    } else {
      warn(w, zPath, strerror(errno));
    }
    return VP_OK;
  }
  if (S_ISDIR(st.st_mode)) return walk_dir(w, zPath, &st);
  if (!S_ISREG(st.st_mode)) {
    if (bExplicit) warn(w, zPath, "not a regular file");
    return VP_OK;
  }
  if (!is_plan_file(zPath) && !vp_format_readable(zPath)) {
    char *zWhy = unsupported_why(zPath);
    if (zWhy == NULL) return VP_ENOMEM;
    warn_as(w, zPath, zWhy, VP_SKIP_TYPE);
    free(zWhy);
    return VP_OK;
  }
  char zReal[PATH_MAX];
  if (realpath(zPath, zReal) == NULL) {
    warn(w, zPath, strerror(errno));
    return VP_OK;
  }
  return list_add(&w->files, zReal, zPath);
}

/* Progress on a terminal: files, MB, rate; redrawn at most 5 times a second. */
typedef struct progress {
  int bOn;
  double msStart, msLast;
} progress;

static void progress_show(progress *p, int iFile, int nFile, long long nBytes,
                          int bFinal) {
  if (!p->bOn) return;
  double now = vp_now_ms();
  if (!bFinal && now - p->msLast < 200) return;
  p->msLast = now;
  double s = (now - p->msStart) / 1000.0;
  double mb = (double)nBytes / 1e6;
  fprintf(stderr, "\r  %d/%d files  %.1f MB  %.1f MB/s   %s", iFile, nFile, mb,
          s > 0 ? mb / s : 0.0, bFinal ? "\n" : "");
  fflush(stderr);
}

/* Store one prepared file, or report why it was skipped. Returns VP_OK
** (*pbSkipped, *pbUnchanged say what happened) or an index failure. */
static int store_one(vp_store *pStore, const vp_prepared *p, const char *zReal,
                     const char *zNamed, const vp_index_opts *pOpts,
                     int *pbSkipped, int *pbUnchanged, long long *pnBytes,
                     vp_index_stats *pStats, char **pzErr) {
  *pbSkipped = p->eState == VP_PREP_SKIPPED;
  *pbUnchanged = p->eState == VP_PREP_UNCHANGED;
  if (p->eState == VP_PREP_SKIPPED) {
    fprintf(pOpts->pWarn, "vnplan: skipping %s: %s\n", zNamed, p->zWhy);
    pStats->anSkip[skip_reason(p->zWhy)]++;
    return VP_OK;
  }
  if (p->eState == VP_PREP_UNCHANGED) return VP_OK;
  if (p->pText->eEncoding != VP_ENC_UTF8) {
    fprintf(pOpts->pWarn, "vnplan: note: %s: %s %s, converted to UTF-8\n", zNamed,
            p->pText->eEncoding == VP_ENC_UTF16 ? "has a BOM:" : "likely",
            vp_encoding_name(p->pText->eEncoding));
    pStats->nConverted++;
  }
  vp_store_doc d = {zReal,    zNamed,   p->zHash,  (long long)p->pText->nBuf,
                    p->pText, &p->meta, &p->cites, &p->tasks, &p->vocab};
  int rc = vp_store_put(pStore, &d, pzErr);
  if (rc == VP_OK) *pnBytes += (long long)p->pText->nBuf;
  if (rc == VP_EINPUT) {
    /* rolled back alone (its SAVEPOINT): reported, the batch goes on */
    fprintf(pOpts->pWarn, "vnplan: skipping %s: %s\n", zNamed, *pzErr);
    free(*pzErr);
    *pzErr = NULL;
    pStats->anSkip[VP_SKIP_OTHER]++;
    *pbSkipped = 1;
    rc = VP_OK;
  }
  return rc;
}

/* Group commit: a batch is committed once it holds this many bytes of input
** or has been open this long, so a crash loses at most that much work. */
#define BATCH_BYTES ((long long)32 << 20)
#define BATCH_MS 1000.0

/* The batch's time limit: BATCH_MS, or $VNPLAN_BATCH_MS (tests kill a run
** after some batches committed). */
static double batch_ms(void) {
  const char *z = getenv("VNPLAN_BATCH_MS");
  double ms = z ? atof(z) : 0;
  return ms > 0 ? ms : BATCH_MS;
}

/* At least this many files indexed: the run ends with an FTS5 'optimize'. */
#define BULK_FILES 64

/* FTS5 merges segments as each file's transaction commits (automerge). A bulk
** run ends with 'optimize', which merges everything again, so during such a
** run only the crisis merges that bound the segment count are kept; the
** default (4) is restored before the optimize. */
static void fts_automerge(sqlite3 *db, int nLevel) {
  char *zSql = vp_mprintf("INSERT INTO passage_fts(passage_fts, rank) VALUES('automerge', %d)", nLevel);
  if (zSql) sqlite3_exec(db, zSql, NULL, NULL, NULL);
  free(zSql);
}

int vp_index_paths(const char *zDb, char **azPath, int nPath,
                   const vp_index_opts *pOpts, vp_index_stats *pStats,
                   char **pzErr) {
  memset(pStats, 0, sizeof(*pStats));
  double msStart = vp_now_ms();
  walker w;
  memset(&w, 0, sizeof(w));
  w.pOpts = pOpts;
  int rc = VP_OK;
  for (int i = 0; rc == VP_OK && i < nPath; i++) rc = walk(&w, azPath[i], 1);
  pStats->nSeen = w.files.n + w.nSkipped;
  pStats->nSkipped = w.nSkipped;
  memcpy(pStats->anSkip, w.anSkip, sizeof(w.anSkip));
  sqlite3 *db = NULL;
  vp_store *pStore = NULL;
  if (rc == VP_OK) rc = vp_store_open(zDb, VP_STORE_CREATE, &db, pzErr);
  if (rc == VP_OK) {
    /* a bulk writer with a memory budget that does not grow with the
    ** corpus: a 16 MB page cache (a batch that dirties more spills to the
    ** WAL), no memory map (its pages would count in the process's memory,
    ** up to the whole file), rare checkpoints */
    sqlite3_exec(db, "PRAGMA cache_size=-16384; PRAGMA wal_autocheckpoint=16384;"
                     "PRAGMA mmap_size=0;", NULL, NULL, NULL);
    rc = vp_store_writer(db, &pStore, pzErr);
  }
  int bBulk = rc == VP_OK && w.files.n >= BULK_FILES;
  if (bBulk) fts_automerge(db, 0);
  progress prog = {pOpts->bProgress && isatty(2), msStart, 0};
  /* files are read and extracted on a worker thread, stored on this one */
  vp_store_known known = {NULL, NULL, 0};
  vp_prep_queue *pQueue = NULL;
  if (rc == VP_OK) rc = vp_store_known_load(pStore, &known, pzErr);
  if (rc == VP_OK)
    rc = vp_prep_queue_start(w.files.azReal, w.files.n, pOpts->nMaxFile, &known,
                             &pQueue);
  long long nBatchStart = 0; /* pStats->nBytes when the open batch began */
  double msBatch = 0;        /* and the time */
  double msBatchMax = batch_ms();
  for (int i = 0; rc == VP_OK && i < w.files.n; i++) {
    int bSkipped, bUnchanged;
    vp_prepared *pPrep = NULL;
    rc = vp_prep_queue_next(pQueue, &pPrep);
    if (rc != VP_OK) break;
    if (pPrep->eState == VP_PREP_READY && vp_store_batch_docs(pStore) == 0) {
      rc = vp_store_batch_begin(pStore, pzErr);
      nBatchStart = pStats->nBytes;
      msBatch = vp_now_ms();
    }
    if (rc == VP_OK)
      rc = store_one(pStore, pPrep, w.files.azReal[i], w.files.azNamed[i], pOpts,
                     &bSkipped, &bUnchanged, &pStats->nBytes, pStats, pzErr);
    vp_prepared_free(pPrep);
    if (rc != VP_OK) break;
    pStats->nSkipped += bSkipped;
    pStats->nUnchanged += bUnchanged;
    int nBatch = vp_store_batch_docs(pStore);
    if (nBatch > 0 &&
        (pStats->nBytes - nBatchStart >= BATCH_BYTES || vp_now_ms() - msBatch >= msBatchMax)) {
      rc = vp_store_batch_commit(pStore, pzErr);
      if (rc == VP_OK) pStats->nIndexed += nBatch;
    }
    progress_show(&prog, i + 1, w.files.n, pStats->nBytes, 0);
  }
  /* the last batch; after a failure, what the batch holds is still whole */
  if (pStore) {
    char *zErr2 = NULL;
    int nBatch = vp_store_batch_docs(pStore);
    int rc2 = vp_store_batch_commit(pStore, rc == VP_OK ? pzErr : &zErr2);
    free(zErr2);
    if (rc2 == VP_OK) pStats->nIndexed += nBatch;
    if (rc == VP_OK) rc = rc2;
  }
  vp_prep_queue_free(pQueue);
  vp_store_known_free(&known);
  progress_show(&prog, w.files.n, w.files.n, pStats->nBytes, 1);
  if (rc == VP_OK && pOpts->bPrune) {
    char **azRoot = calloc((size_t)nPath + 1, sizeof(char *));
    int nRoot = 0;
    for (int i = 0; azRoot && i < nPath; i++) {
      char zReal[PATH_MAX];
      if (realpath(azPath[i], zReal)) azRoot[nRoot++] = vp_strndup(zReal, -1);
    }
    char **azSeen = calloc((size_t)w.files.n + 1, sizeof(char *));
    if (azRoot == NULL || azSeen == NULL) {
      rc = VP_ENOMEM;
    } else {
      memcpy(azSeen, w.files.azReal, (size_t)w.files.n * sizeof(char *));
      qsort(azSeen, (size_t)w.files.n, sizeof(char *), cmp_str);
      rc = vp_store_prune(pStore, azRoot, nRoot, azSeen, w.files.n,
                          &pStats->nRemoved, pzErr);
    }
    for (int i = 0; i < nRoot; i++) free(azRoot[i]);
    free(azRoot);
    free(azSeen);
  }
  if (bBulk) fts_automerge(db, 4);
  if (rc == VP_OK) {
    /* keep the index compact and its statistics fresh after a large change */
    if (pStats->nIndexed >= BULK_FILES) {
      sqlite3_exec(db, "INSERT INTO passage_fts(passage_fts) VALUES('optimize');",
                   NULL, NULL, NULL);
    }
    if (pStats->nIndexed > 0 || pStats->nRemoved > 0) {
      sqlite3_exec(db, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);", NULL,
                   NULL, NULL);
      sqlite3_exec(db, "INSERT OR REPLACE INTO meta(key, value) VALUES('built_at',"
                       " strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                   NULL, NULL, NULL);
    }
  }
  vp_store_writer_free(pStore);
  sqlite3_close(db);
  list_free(&w.files);
  pStats->ms = vp_now_ms() - msStart;
  return rc;
}
