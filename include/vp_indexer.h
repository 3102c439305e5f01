/*
** vp_indexer.h — `vnplan index`: walks files and folders, skips what has not
** changed (content hash), reads, extracts and stores the files in batches
** (one transaction every 32 MB or second, each file in its own SAVEPOINT:
** a crash loses the open batch at most, never part of a file; a rerun
** indexes what was not committed), reports bad files by name and goes on,
** shows progress on a terminal. Not for the storage format (vp_store.h).
*/
#ifndef VP_INDEXER_H
#define VP_INDEXER_H

#include <stddef.h>
#include <stdio.h>

typedef struct vp_index_opts {
  int bPrune;        /* drop indexed files under the given folders that are
                     ** gone or no longer seen */
  int bProgress;     /* show progress on stderr (when it is a terminal) */
  size_t nMaxFile;   /* files over this many bytes are skipped */
  FILE *pWarn;       /* where warnings go (stderr) */
} vp_index_opts;

#define VP_INDEX_MAX_FILE_DEFAULT ((size_t)64 << 20)

/* Why a file was skipped, for the summary's count by reason. */
typedef enum vp_skip_reason {
  VP_SKIP_TYPE = 0,     /* not a .txt/.md file: a format not read yet */
  VP_SKIP_ENCODING = 1, /* invalid UTF-8 in no encoding we can trust */
  VP_SKIP_BINARY = 2,   /* NUL bytes */
  VP_SKIP_EMPTY = 3,    /* no text */
  VP_SKIP_SIZE = 4,     /* over the size limit */
  VP_SKIP_OTHER = 5,    /* unreadable, link loops, extraction failures */
  VP_SKIP_N = 6
} vp_skip_reason;

/* "unsupported type", "encoding", "binary", "empty", "too large", "other". */
const char *vp_index_skip_name(vp_skip_reason e);

typedef struct vp_index_stats {
  int nSeen;       /* files met by the walk (hidden ones aside) */
  int nIndexed;    /* (re)written */
  int nUnchanged;  /* same bytes and rules as indexed */
  int nSkipped;    /* bad input or a format not read, each reported */
  int anSkip[VP_SKIP_N]; /* nSkipped by reason */
  int nConverted;  /* indexed from another encoding (reported) */
  int nRemoved;    /* pruned */
  long long nBytes;/* bytes read of indexed files */
  double ms;       /* wall time */
} vp_index_stats;

/* Index azPath[0..nPath) (files and folders, recursively: .txt and .md) into
** the index at zDb (created when missing). Every other file met is named in
** a warning on pOpts->pWarn with the reason and counted in pStats->anSkip
** (hidden files and folders, starting with '.', are passed over silently);
** a file converted from another encoding gets a note. Returns VP_OK when the run
** completed — files may have been skipped: see pStats->nSkipped — or VP_EDB /
** VP_EIO with *pzErr when the index itself cannot be written. */
int vp_index_paths(const char *zDb, char **azPath, int nPath,
                   const vp_index_opts *pOpts, vp_index_stats *pStats,
                   char **pzErr);

/* 64-bit FNV-1a of the bytes as 16 hex digits into zOut[17]. */
void vp_index_hash(const char *z, size_t n, char zOut[17]);

#endif /* VP_INDEXER_H */
