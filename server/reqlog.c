/*
** reqlog.c — the server's request log (see vp_reqlog.h): a mutex around
** write(2) on one descriptor, a byte count, and a rename to FILE.1 when the
** cap is passed. Not for deciding what a line says.
*/
#include "vp_reqlog.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vp_common.h"

struct vp_reqlog {
  char *zPath;       /* NULL: stderr */
  int fd;
  long nMaxBytes;
  long nBytes;       /* size of the file now */
  pthread_mutex_t mutex;
};

static int open_file(const char *zPath) {
  return open(zPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

int vp_reqlog_open(const char *zPath, long nMaxBytes, vp_reqlog **ppLog,
                   char **pzErr) {
  *ppLog = NULL;
  vp_reqlog *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  p->fd = STDERR_FILENO;
  p->nMaxBytes = nMaxBytes;
  if (zPath) {
    p->zPath = vp_strndup(zPath, -1);
    p->fd = p->zPath ? open_file(zPath) : -1;
    if (p->fd < 0) {
      *pzErr = vp_mprintf("cannot open the log %s: %s", zPath, strerror(errno));
      free(p->zPath);
      free(p);
      return VP_ERROR;
    }
    struct stat st;
    if (fstat(p->fd, &st) == 0) p->nBytes = (long)st.st_size;
  }
  pthread_mutex_init(&p->mutex, NULL);
  *ppLog = p;
  return VP_OK;
}

void vp_reqlog_close(vp_reqlog *p) {
  if (p == NULL) return;
  if (p->zPath && p->fd >= 0) close(p->fd);
  pthread_mutex_destroy(&p->mutex);
  free(p->zPath);
  free(p);
}

/* Past the cap: FILE → FILE.1, a new FILE. Called with the mutex held. */
static void rotate(vp_reqlog *p) {
  char *zOld = vp_mprintf("%s.1", p->zPath);
  if (zOld == NULL) return;
  if (rename(p->zPath, zOld) == 0) {
    int fd = open_file(p->zPath);
    if (fd >= 0) {
      close(p->fd);
      p->fd = fd;
      p->nBytes = 0;
    }
  }
  free(zOld);
}

void vp_reqlog_write(vp_reqlog *p, const char *z, size_t n) {
  if (p == NULL) return;
  pthread_mutex_lock(&p->mutex);
  if (p->zPath && p->nMaxBytes > 0 && p->nBytes + (long)n > p->nMaxBytes) {
    rotate(p);
  }
  ssize_t nDone = write(p->fd, z, n);
  if (nDone > 0) p->nBytes += (long)nDone;
  pthread_mutex_unlock(&p->mutex);
}
