/*
** jobs.c — the server's query workers (see vp_jobs.h): a ring of waiting
** jobs under one mutex, worker threads sleeping on a condition variable.
** Every queued job runs, even while stopping, because each one holds a
** suspended connection that only the job resumes. Workers run at a lower
** priority than the rest of the process (nice +JOBS_NICE, per thread on
** Linux), so on a machine with few cores the connection threads still get
** the CPU at once while every worker is busy. Not for HTTP.
*/
#include "vp_jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vp_common.h"

#define JOBS_MAX_WORKERS 64
#define JOBS_NICE 5

typedef struct job {
  vp_job_fn xRun;
  void *pArg;
} job;

struct vp_jobs {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  job *aRing;     /* nQueue slots; iHead the oldest, nWaiting in use */
  int nQueue;
  int iHead;
  int nWaiting;
  int bStopping;
  int nWorker;    /* threads started */
  pthread_t aWorker[JOBS_MAX_WORKERS];
};

static void *worker_main(void *pArg) {
  vp_jobs *p = pArg;
#ifdef SYS_gettid
  /* best effort: a failure only leaves the worker at normal priority */
  id_t tid = (id_t)syscall(SYS_gettid);
  (void)setpriority(PRIO_PROCESS, tid, getpriority(PRIO_PROCESS, tid) + JOBS_NICE);
#endif
  for (;;) {
    pthread_mutex_lock(&p->mutex);
    while (p->nWaiting == 0 && !p->bStopping) {
      pthread_cond_wait(&p->cond, &p->mutex);
    }
    if (p->nWaiting == 0) { /* stopping and nothing left */
      pthread_mutex_unlock(&p->mutex);
      return NULL;
    }
    job j = p->aRing[p->iHead];
    p->iHead = (p->iHead + 1) % p->nQueue;
    p->nWaiting--;
    pthread_mutex_unlock(&p->mutex);
    j.xRun(j.pArg);
  }
}

int vp_jobs_start(int nWorker, int nQueue, vp_jobs **ppJobs) {
  *ppJobs = NULL;
  if (nWorker < 1 || nWorker > JOBS_MAX_WORKERS || nQueue < 1) return VP_ERROR;
  vp_jobs *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  p->aRing = calloc((size_t)nQueue, sizeof(job));
  if (p->aRing == NULL) {
    free(p);
    return VP_ENOMEM;
  }
  p->nQueue = nQueue;
  pthread_mutex_init(&p->mutex, NULL);
  pthread_cond_init(&p->cond, NULL);
  for (int i = 0; i < nWorker; i++) {
    if (pthread_create(&p->aWorker[i], NULL, worker_main, p) != 0) break;
    p->nWorker++;
  }
  if (p->nWorker < nWorker) {
    vp_jobs_stop(p);
    vp_jobs_free(p);
    return VP_ERROR;
  }
  *ppJobs = p;
  return VP_OK;
}

int vp_jobs_submit(vp_jobs *p, vp_job_fn xRun, void *pArg) {
  int rc = VP_EBUSY;
  pthread_mutex_lock(&p->mutex);
  if (!p->bStopping && p->nWaiting < p->nQueue) {
    p->aRing[(p->iHead + p->nWaiting) % p->nQueue] = (job){xRun, pArg};
    p->nWaiting++;
    pthread_cond_signal(&p->cond);
    rc = VP_OK;
  }
  pthread_mutex_unlock(&p->mutex);
  return rc;
}

int vp_jobs_waiting(vp_jobs *p) {
  pthread_mutex_lock(&p->mutex);
  int n = p->nWaiting;
  pthread_mutex_unlock(&p->mutex);
  return n;
}

void vp_jobs_stop(vp_jobs *p) {
  if (p == NULL) return;
  pthread_mutex_lock(&p->mutex);
  p->bStopping = 1;
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->mutex);
  for (int i = 0; i < p->nWorker; i++) pthread_join(p->aWorker[i], NULL);
  p->nWorker = 0;
}

void vp_jobs_free(vp_jobs *p) {
  if (p == NULL) return;
  vp_jobs_stop(p);
  pthread_cond_destroy(&p->cond);
  pthread_mutex_destroy(&p->mutex);
  free(p->aRing);
  free(p);
}
