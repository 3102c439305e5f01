/*
** conntrack.c — the deadline for request heads (see vp_conntrack.h): a
** doubly linked list of open connections under one mutex, and a sweeper
** thread that shuts down (shutdown(2), not close: the descriptor stays
** libmicrohttpd's) those past their deadline; libmicrohttpd then sees the
** socket fail and closes it. Not for reading or writing sockets.
*/
#include "vp_conntrack.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "vp_common.h"

#define SWEEP_EVERY_MS 100

struct vp_conn {
  int fd;
  int bWaiting;        /* waiting for a request head */
  int bShut;           /* shut down already */
  double msWaitStart;  /* when the wait began */
  vp_conn *pPrev, *pNext;
};

struct vp_conntrack {
  double msDeadline;
  pthread_mutex_t mutex;
  pthread_cond_t cond; /* signalled to stop the sweeper */
  int bStop;
  int nOpen;
  long nDropped;
  vp_conn *pFirst;
  pthread_t sweeper;
};

static void sweep(vp_conntrack *p) {
  double msNow = vp_now_ms();
  for (vp_conn *c = p->pFirst; c; c = c->pNext) {
    if (c->bWaiting && !c->bShut && msNow - c->msWaitStart > p->msDeadline) {
      shutdown(c->fd, SHUT_RDWR);
      c->bShut = 1;
      p->nDropped++;
    }
  }
}

static void *sweeper_main(void *pArg) {
  vp_conntrack *p = pArg;
  pthread_mutex_lock(&p->mutex);
  while (!p->bStop) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += SWEEP_EVERY_MS * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    int rc = pthread_cond_timedwait(&p->cond, &p->mutex, &ts);
    if (rc == ETIMEDOUT && !p->bStop) sweep(p);
  }
  pthread_mutex_unlock(&p->mutex);
  return NULL;
}

int vp_conntrack_start(double msHeadDeadline, vp_conntrack **ppTrack) {
  *ppTrack = NULL;
  vp_conntrack *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  p->msDeadline = msHeadDeadline;
  pthread_mutex_init(&p->mutex, NULL);
  pthread_cond_init(&p->cond, NULL);
  if (pthread_create(&p->sweeper, NULL, sweeper_main, p) != 0) {
    pthread_cond_destroy(&p->cond);
    pthread_mutex_destroy(&p->mutex);
    free(p);
    return VP_ERROR;
  }
  *ppTrack = p;
  return VP_OK;
}

void vp_conntrack_stop(vp_conntrack *p) {
  if (p == NULL) return;
  pthread_mutex_lock(&p->mutex);
  p->bStop = 1;
  pthread_cond_signal(&p->cond);
  pthread_mutex_unlock(&p->mutex);
  pthread_join(p->sweeper, NULL);
  while (p->pFirst) { /* none should be left once the daemon stopped */
    vp_conn *c = p->pFirst;
    p->pFirst = c->pNext;
    free(c);
  }
  pthread_cond_destroy(&p->cond);
  pthread_mutex_destroy(&p->mutex);
  free(p);
}

vp_conn *vp_conntrack_open(vp_conntrack *p, int fd) {
  vp_conn *c = calloc(1, sizeof(*c));
  if (c == NULL) return NULL;
  c->fd = fd;
  c->bWaiting = 1;
  c->msWaitStart = vp_now_ms();
  pthread_mutex_lock(&p->mutex);
  c->pNext = p->pFirst;
  if (p->pFirst) p->pFirst->pPrev = c;
  p->pFirst = c;
  p->nOpen++;
  pthread_mutex_unlock(&p->mutex);
  return c;
}

void vp_conntrack_close(vp_conntrack *p, vp_conn *c) {
  if (c == NULL) return;
  pthread_mutex_lock(&p->mutex);
  if (c->pPrev) c->pPrev->pNext = c->pNext;
  else p->pFirst = c->pNext;
  if (c->pNext) c->pNext->pPrev = c->pPrev;
  p->nOpen--;
  pthread_mutex_unlock(&p->mutex);
  free(c);
}

void vp_conntrack_head_done(vp_conntrack *p, vp_conn *c) {
  if (c == NULL) return;
  pthread_mutex_lock(&p->mutex);
  c->bWaiting = 0;
  pthread_mutex_unlock(&p->mutex);
}

void vp_conntrack_head_wait(vp_conntrack *p, vp_conn *c) {
  if (c == NULL) return;
  pthread_mutex_lock(&p->mutex);
  c->bWaiting = 1;
  c->msWaitStart = vp_now_ms();
  pthread_mutex_unlock(&p->mutex);
}

void vp_conntrack_stats(vp_conntrack *p, int *pnOpen, long *pnDropped) {
  pthread_mutex_lock(&p->mutex);
  *pnOpen = p->nOpen;
  *pnDropped = p->nDropped;
  pthread_mutex_unlock(&p->mutex);
}
