/*
** vp_server.h — `vnplan serve`: the HTTP edge over the query layer. A JSON
** API (/api/…) that sends exactly the objects vp_query_* return (plus
** "took_ms"), and one static page (/) to search, follow an instrument and
** see who an agency answers to. Not for computing answers (vp_query.h) nor
** for reading files from disk: the page is compiled in (server/www/).
**
** The server's pieces, each in its own file:
**   server/serve.c     the libmicrohttpd daemon and one request's path:
**                      checks, ETag/304, cache, CORS, queueing, the log line;
**   server/options.c   the options (vp_serve_opts.h);
**   server/routes.c    the request target (path + query string) decoded and
**                      checked, the route table, parameters → vp_query_* calls;
**   server/jobs.c      query workers and their bounded queue (vp_jobs.h);
**   server/pool.c      database handles (vp_db is not thread-safe);
**   server/conntrack.c the deadline for request heads (vp_conntrack.h);
**   server/hostcheck.c allowed Host names and CORS origins (vp_hostcheck.h);
**   server/reqlog.c    the request log (vp_reqlog.h);
**   server/rcache.c    the response cache (vp_rcache.h).
** The declarations after vp_server_main are shared by those files and by
** tests/test_server.c; nothing else should need them.
*/
#ifndef VP_SERVER_H
#define VP_SERVER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "vp_query.h"

/* Run `vnplan serve`. argv[0] is the subcommand name ("serve"), then the
** options of vp_serve_opts.h (`vnplan serve --help` lists them). Prints
** "vnplan: serving http://ADDR:PORT/" on stderr once listening, one log
** line per request (stderr, --log FILE or none), and runs until SIGINT or
** SIGTERM, then stops cleanly: queued queries are answered first. Returns
** the process exit status: 0 after a clean stop, 1 when the index cannot
** be opened or the port cannot be bound, 2 for misuse (message on stderr). */
int vp_server_main(int argc, char **argv);

/* ---- server/pool.c: a fixed set of read-only database handles -------- */

typedef struct vp_pool vp_pool;

/* Open nConn read-only handles on zPath, each with the time budget
** msBudget. VP_OK, or VP_EDB/VP_ENOMEM with *pzErr (caller frees); *ppPool
** is NULL on error. vp_pool_close(NULL) is a no-op; closing waits for no
** one: call it only after the daemon has stopped. */
int vp_pool_open(const char *zPath, int nConn, double msBudget,
                 vp_pool **ppPool, char **pzErr);
void vp_pool_close(vp_pool *pPool);

/* Take a free handle, waiting while all are in use. A handle marked broken
** or whose file was replaced since it was opened is reopened first. VP_OK
** with *ppDb, or VP_EDB with *pzErr (caller frees) when it cannot be
** reopened; then nothing is taken. */
int vp_pool_acquire(vp_pool *pPool, vp_db **ppDb, char **pzErr);

/* Give a handle back. bBroken: the handle failed with VP_EDB, reopen it
** before its next use. */
void vp_pool_release(vp_pool *pPool, vp_db *pDb, int bBroken);

/* ---- server/routes.c: from request target to answer ------------------- */

#define VP_SERVER_MAX_TARGET 8192 /* longer request targets get 414 */
#define VP_SERVER_MAX_PARAM 1024  /* longer parameter values get 400 */
#define VP_SERVER_MAX_OFFSET 100000
/* /api/docs, /api/instruments, /api/agencies with limit or offset: a page
** of VP_LIST_PAGE_DEFAULT entries unless limit says otherwise (at most
** VP_LIST_PAGE_MAX); without either, the whole list. */
#define VP_LIST_PAGE_DEFAULT 100
#define VP_LIST_PAGE_MAX 1000

/* A request target, decoded: the path and up to VP_SERVER_MAX_PARAMS
** query parameters ('+' and %XX decoded). All strings are NUL-terminated
** and were checked: valid UTF-8, no NUL byte. */
#define VP_SERVER_MAX_PARAMS 16
typedef struct vp_server_target {
  char *zPath;
  int nParam;
  char *azKey[VP_SERVER_MAX_PARAMS];
  char *azVal[VP_SERVER_MAX_PARAMS];
} vp_server_target;

/* Decode a raw request target ("/api/search?q=khoa%20h%E1%BB%8Dc"). VP_OK,
** or VP_EQUERY with *pzErr (a message for people; caller frees) for a target
** that is not a path, a bad %-escape, a NUL byte, invalid UTF-8 or too many
** parameters. Free with vp_server_target_free (also after an error). */
int vp_server_parse_target(const char *zRaw, vp_server_target *pTarget,
                           char **pzErr);
void vp_server_target_free(vp_server_target *pTarget);

/* The value of the first parameter named zKey, or NULL. */
const char *vp_server_param(const vp_server_target *pTarget,
                            const char *zKey);

/* What a route answers: either a JSON object (pJson, the caller deletes it)
** or static bytes (zBody/nBody, not to be freed, with zType). */
typedef struct vp_server_answer {
  int status;          /* HTTP status */
  cJSON *pJson;        /* the answer or {"error": {"code", "message"}} */
  const char *zBody;   /* static page bytes when pJson is NULL */
  size_t nBody;
  const char *zType;   /* Content-Type of zBody */
  int bNeedsDb;        /* the route reads the index (ETag from it) */
} vp_server_answer;

/* Find the route for a decoded path. Returns an opaque route index >= 0 (a
** 404 route when nothing matches); vp_server_route_needs_db tells whether
** running it needs a database handle. */
int vp_server_route_find(const char *zPath);
int vp_server_route_needs_db(int iRoute);

/* Run route iRoute for pTarget on pDb (NULL for routes that need none) and
** fill *pAnswer. Never fails: errors become an answer with status 4xx/5xx
** and an {"error": …} object. *pbDbBroken is set when the handle reported
** VP_EDB (the caller should hand it back as broken). */
void vp_server_route_run(int iRoute, const vp_server_target *pTarget,
                         vp_db *pDb, vp_server_answer *pAnswer,
                         int *pbDbBroken);

/* {"error": {"code": status, "message": zMessage}} (NULL on OOM). */
cJSON *vp_server_error_json(int status, const char *zMessage);

/* 1 when z[0..n) is valid UTF-8 (no overlong forms, no surrogates, nothing
** above U+10FFFF), else 0. NUL bytes count as valid here. */
int vp_server_utf8_valid(const char *z, size_t n);

#endif /* VP_SERVER_H */
