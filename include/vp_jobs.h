/*
** vp_jobs.h — the server's query workers: a fixed set of threads taking
** jobs from one bounded queue, so expensive answers never run on the
** threads that read and write connections, and a full queue is refused at
** once instead of growing. Not for knowing what a job does (serve.c) nor
** for database handles (pool.c).
*/
#ifndef VP_JOBS_H
#define VP_JOBS_H

typedef struct vp_jobs vp_jobs;

/* A job: run on a worker thread with the argument it was queued with. */
typedef void (*vp_job_fn)(void *pArg);

/* Start nWorker threads (1..64) sharing a queue of at most nQueue waiting
** jobs (>= 1). VP_OK with *ppJobs, or VP_ENOMEM/VP_ERROR with *ppJobs NULL.
** Stop with vp_jobs_stop, then free with vp_jobs_free (NULL: no-op). */
int vp_jobs_start(int nWorker, int nQueue, vp_jobs **ppJobs);

/* Queue xRun(pArg). VP_OK, or VP_EBUSY (nothing queued: the caller answers
** "busy") when nQueue jobs already wait or the workers are stopping. */
int vp_jobs_submit(vp_jobs *p, vp_job_fn xRun, void *pArg);

/* Jobs waiting now (not counting those running). */
int vp_jobs_waiting(vp_jobs *p);

/* Refuse new jobs from now on, let the workers run every job already
** queued, and join them. Submitting stays safe (VP_EBUSY) until
** vp_jobs_free. A second call does nothing. */
void vp_jobs_stop(vp_jobs *p);
void vp_jobs_free(vp_jobs *p);

#endif /* VP_JOBS_H */
