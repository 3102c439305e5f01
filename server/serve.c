/*
** serve.c — `vnplan serve`: the libmicrohttpd daemon and what happens to
** one request. Connection threads read requests, refuse bad ones with the
** JSON error object, and answer cheap ones at once (static files, health,
** 304, cached answers); a request that must read the index is suspended
** and queued for the query workers (jobs.c), each with its own database
** handle (pool.c), and resumed when its answer is ready, so a cheap request
** never waits behind an expensive search. Admission: libmicrohttpd's limits
** on connections (in all and per client), a deadline for the whole request
** head (conntrack.c), a bounded queue (503 with Retry-After past it) and a
** time budget per request covering queue and lock waits. Also ETag/304,
** CORS for configured origins, the Host check (hostcheck.c), one log line
** per request (reqlog.c). Not for decoding targets or choosing what to
** answer (routes.c) nor for the answers themselves (query layer).
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "vp_common.h"
#include "vp_conntrack.h"
#include "vp_hostcheck.h"
#include "vp_jobs.h"
#include "vp_rcache.h"
#include "vp_reqlog.h"
#include "vp_serve_opts.h"
#include "vp_server.h"

#define SERVE_HTTP_THREADS 4              /* connection threads */
#define SERVE_MAX_HEADERS 16384           /* header bytes, else 431 */
#define SERVE_MAX_HEADER_COUNT 64         /* header lines, else 431 */
/* Per connection. Large enough that every limit of ours (target 8 KB,
** headers 16 KB) is checked, and answered in JSON, well before the
** library's own (HTML) answers for a full buffer. Pages are touched only
** as bytes arrive. */
#define SERVE_MEMORY_LIMIT (256 * 1024)
#define SERVE_IDLE_TIMEOUT_S 10
#define SERVE_LOG_TARGET 300              /* bytes of the target in the log */
#define SERVE_RETRY_AFTER "1"             /* seconds, on every 503 */

typedef struct serve_ctx {
  const vp_serve_opts *pOpt;
  vp_pool *pPool;         /* handles of the query workers */
  vp_pool *pFast;         /* handles of the connection threads */
  vp_rcache *pCache;      /* NULL when --cache 0 */
  vp_jobs *pJobs;
  vp_conntrack *pTrack;
  vp_reqlog *pLog;        /* NULL with --no-log */
} serve_ctx;

enum {
  REQ_NEW,      /* head read, not checked yet */
  REQ_CHECKED,  /* checked; answered once the whole request is in */
  REQ_QUEUED,   /* suspended, a query worker has it */
  REQ_READY,    /* the worker's answer is in zResult, connection resumed */
  REQ_ANSWERED  /* a response is queued */
};

/* Per request: made by the URI callback, freed when the request completes. */
typedef struct request {
  serve_ctx *pCtx;
  struct MHD_Connection *pConn;
  double msStart;
  char *zTarget;          /* the raw request target, NULL when too long */
  size_t nTarget;
  int badLine;            /* status for a bad request line (NUL, 414), or 0 */
  char zMethod[8];
  char zClient[INET6_ADDRSTRLEN];
  int phase;
  int status;             /* 0 until a response is queued */
  size_t nSent;           /* body bytes queued */
  /* a query for the workers */
  vp_server_target target;
  int iRoute;
  /* the worker's answer */
  int resultStatus;
  char *zResult;
  size_t nResult;
  char zTag[64];
} request;

/* ---- connections -------------------------------------------------------- */

static void on_connection(void *cls, struct MHD_Connection *pConn,
                          void **ppSocketCtx,
                          enum MHD_ConnectionNotificationCode code) {
  serve_ctx *pCtx = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *pInfo =
        MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CONNECTION_FD);
    *ppSocketCtx = pInfo ? vp_conntrack_open(pCtx->pTrack, pInfo->connect_fd)
                         : NULL;
  } else {
    vp_conntrack_close(pCtx->pTrack, *ppSocketCtx);
    *ppSocketCtx = NULL;
  }
}

static vp_conn *conn_record(struct MHD_Connection *pConn) {
  const union MHD_ConnectionInfo *pInfo =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return pInfo ? pInfo->socket_context : NULL;
}

static void client_address(struct MHD_Connection *pConn, char *zOut,
                           size_t nOut) {
  const union MHD_ConnectionInfo *pInfo =
      MHD_get_connection_info(pConn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(zOut, nOut, "-");
  if (pInfo == NULL || pInfo->client_addr == NULL) return;
  const struct sockaddr *pAddr = pInfo->client_addr;
  if (pAddr->sa_family == AF_INET) {
    inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)pAddr)->sin_addr,
              zOut, (socklen_t)nOut);
  } else if (pAddr->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)pAddr)->sin6_addr,
              zOut, (socklen_t)nOut);
  }
}

/* ---- per-request state and the log -------------------------------------- */

/* 1 when the request line held a NUL byte inside its target. The library
** cuts the line into C strings: the target ends where it wrote a NUL over
** the space before the version, so "HTTP/1.x" and the end of the line
** must follow that NUL; any other bytes there came after a NUL of the
** client's. */
static int target_has_nul(const char *zUri, size_t nUri) {
  const char *zAfter = zUri + nUri + 1;
  return !(strncmp(zAfter, "HTTP/1.", 7) == 0 && zAfter[7] != 0 &&
           zAfter[8] == 0);
}

static void *on_uri(void *cls, const char *zUri, struct MHD_Connection *pConn) {
  request *pReq = calloc(1, sizeof(*pReq));
  if (pReq == NULL) return NULL;
  pReq->pCtx = cls;
  pReq->pConn = pConn;
  pReq->msStart = vp_now_ms();
  pReq->nTarget = strlen(zUri);
  client_address(pConn, pReq->zClient, sizeof(pReq->zClient));
  if (target_has_nul(zUri, pReq->nTarget)) {
    pReq->badLine = MHD_HTTP_BAD_REQUEST;
  } else if (pReq->nTarget > VP_SERVER_MAX_TARGET) {
    pReq->badLine = MHD_HTTP_URI_TOO_LONG;
  }
  if (pReq->nTarget <= VP_SERVER_MAX_TARGET) {
    pReq->zTarget = vp_strndup(zUri, (int)pReq->nTarget);
  }
  /* We decode the target ourselves (routes.c), so the library need not
  ** parse its query string: cut it in the library's own line buffer (which
  ** it cuts too, right after this callback). A thousand "&a=1" would
  ** otherwise fill the connection's memory before any check of ours runs. */
  char *zQuery = strchr(zUri, '?');
  if (zQuery) zQuery[1] = 0;
  return pReq;
}

/* One line per request: time, client, method, target (control bytes
** escaped, cut), status, body bytes, milliseconds. */
static void log_request(const request *pReq) {
  if (pReq->pCtx->pLog == NULL) return;
  vp_buf b = {0};
  int rc = VP_OK;
  char zTime[32];
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%S", &tm);
  const char *z = pReq->zTarget ? pReq->zTarget : "";
  vp_buf_appendf(&b, &rc, "%s.%03ldZ %s %s %s", zTime, ts.tv_nsec / 1000000,
                 pReq->zClient, pReq->zMethod[0] ? pReq->zMethod : "-",
                 pReq->zTarget ? "" : "(target-too-long)");
  for (size_t i = 0; z[i] && i < SERVE_LOG_TARGET; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c <= 0x20 || c == 0x7f) {
      vp_buf_appendf(&b, &rc, "\\x%02x", c);
    } else {
      vp_buf_append(&b, &z[i], 1, &rc);
    }
  }
  if (strlen(z) > SERVE_LOG_TARGET) vp_buf_appends(&b, "...", &rc);
  vp_buf_appendf(&b, &rc, " %d %zu %.1fms\n", pReq->status, pReq->nSent,
                 vp_now_ms() - pReq->msStart);
  if (rc == VP_OK) vp_reqlog_write(pReq->pCtx->pLog, b.z, b.n);
  vp_buf_free(&b);
}

static void on_completed(void *cls, struct MHD_Connection *pConn,
                         void **ppConCls, enum MHD_RequestTerminationCode e) {
  serve_ctx *pCtx = cls;
  request *pReq = *ppConCls;
  (void)e;
  vp_conntrack_head_wait(pCtx->pTrack, conn_record(pConn));
  if (pReq == NULL) return;
  log_request(pReq);
  vp_server_target_free(&pReq->target);
  free(pReq->zResult);
  free(pReq->zTarget);
  free(pReq);
  *ppConCls = NULL;
}

/* ---- responses ---------------------------------------------------------- */

/* 64-bit FNV-1a: ETag material for the target and the static files. */
static uint64_t fnv1a(const char *z, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)z[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* 1 when an If-None-Match header lists zTag (or is "*"). */
static int etag_matches(struct MHD_Connection *pConn, const char *zTag) {
  const char *z = MHD_lookup_connection_value(pConn, MHD_HEADER_KIND,
                                              MHD_HTTP_HEADER_IF_NONE_MATCH);
  size_t nTag = strlen(zTag);
  while (z && *z) {
    z += strspn(z, " \t,");
    if (strncmp(z, "W/", 2) == 0) z += 2;
    size_t n = strcspn(z, ",");
    while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
    if ((n == 1 && z[0] == '*') || (n == nTag && memcmp(z, zTag, n) == 0)) {
      return 1;
    }
    z += strcspn(z, ",");
  }
  return 0;
}

static void add_common_headers(const request *pReq,
                               struct MHD_Response *pResp, const char *zType,
                               const char *zTag) {
  const vp_serve_opts *pOpt = pReq->pCtx->pOpt;
  if (pOpt->nOrigin > 0) {
    const char *zOrigin = MHD_lookup_connection_value(
        pReq->pConn, MHD_HEADER_KIND, "Origin");
    if (vp_origin_allowed(zOrigin, pOpt->azOrigin, pOpt->nOrigin)) {
      MHD_add_response_header(pResp,
                              MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN,
                              zOrigin);
    }
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_VARY, "Origin");
  }
  MHD_add_response_header(pResp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(pResp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(pResp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
  if (zType) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_CONTENT_TYPE, zType);
  }
  if (zTag) MHD_add_response_header(pResp, MHD_HTTP_HEADER_ETAG, zTag);
}

static enum MHD_Result queue(request *pReq, int status,
                             struct MHD_Response *pResp, size_t nBody) {
  if (pResp == NULL) return MHD_NO; /* out of memory: drop the connection */
  enum MHD_Result r = MHD_queue_response(pReq->pConn, (unsigned)status, pResp);
  MHD_destroy_response(pResp);
  pReq->status = status;
  pReq->nSent = nBody;
  pReq->phase = REQ_ANSWERED;
  return r;
}

/* Send the JSON object text zBody (n bytes, freed here) with "took_ms"
** added before its closing brace. bClose: close the connection after it
** (a request whose framing cannot be trusted). */
static enum MHD_Result send_body(request *pReq, int status, char *zBody,
                                 size_t n, const char *zTag, int bClose) {
  struct MHD_Response *pResp = NULL;
  size_t nOut = 0;
  while (zBody && n > 0 && zBody[n - 1] != '}') n--;
  if (zBody && n > 0) {
    double ms = (double)(long long)((vp_now_ms() - pReq->msStart) * 100) / 100;
    char zTook[48];
    int nTook = snprintf(zTook, sizeof(zTook), "%s\"took_ms\":%g}",
                         n > 2 ? "," : "", ms);
    char *zOut = malloc(n - 1 + (size_t)nTook + 1);
    if (zOut) {
      memcpy(zOut, zBody, n - 1);
      memcpy(zOut + n - 1, zTook, (size_t)nTook + 1);
      nOut = n - 1 + (size_t)nTook;
      pResp = MHD_create_response_from_buffer(nOut, zOut,
                                              MHD_RESPMEM_MUST_FREE);
      if (pResp == NULL) free(zOut);
    }
  }
  free(zBody);
  if (pResp == NULL) return MHD_NO;
  add_common_headers(pReq, pResp, "application/json; charset=utf-8", zTag);
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
  } else if (status == MHD_HTTP_SERVICE_UNAVAILABLE) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_RETRY_AFTER,
                            SERVE_RETRY_AFTER);
  }
  if (bClose) MHD_add_response_header(pResp, MHD_HTTP_HEADER_CONNECTION, "close");
  return queue(pReq, status, pResp, nOut);
}

/* Send pJson (deleted here) with "took_ms" added. */
static enum MHD_Result send_json(request *pReq, int status, cJSON *pJson,
                                 const char *zTag) {
  char *zBody = pJson ? cJSON_PrintUnformatted(pJson) : NULL;
  cJSON_Delete(pJson);
  return send_body(pReq, status, zBody, zBody ? strlen(zBody) : 0, zTag, 0);
}

static enum MHD_Result send_error(request *pReq, int status,
                                  const char *zMessage, int bClose) {
  cJSON *pJson = vp_server_error_json(status, zMessage);
  char *zBody = pJson ? cJSON_PrintUnformatted(pJson) : NULL;
  cJSON_Delete(pJson);
  return send_body(pReq, status, zBody, zBody ? strlen(zBody) : 0, NULL,
                   bClose);
}

static enum MHD_Result send_not_modified(request *pReq, const char *zTag) {
  struct MHD_Response *pResp =
      MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
  if (pResp) add_common_headers(pReq, pResp, NULL, zTag);
  return queue(pReq, MHD_HTTP_NOT_MODIFIED, pResp, 0);
}

static enum MHD_Result send_static(request *pReq, const vp_server_answer *pA) {
  char zTag[40];
  snprintf(zTag, sizeof(zTag), "\"s%016llx\"",
           (unsigned long long)fnv1a(pA->zBody, pA->nBody));
  if (etag_matches(pReq->pConn, zTag)) return send_not_modified(pReq, zTag);
  struct MHD_Response *pResp = MHD_create_response_from_buffer(
      pA->nBody, (void *)pA->zBody, MHD_RESPMEM_PERSISTENT);
  if (pResp == NULL) return MHD_NO;
  add_common_headers(pReq, pResp, pA->zType, zTag);
  MHD_add_response_header(pResp, "Content-Security-Policy",
                          "default-src 'self'; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'");
  return queue(pReq, pA->status, pResp, pA->nBody);
}

/* ---- the request checks, in order --------------------------------------- */

typedef struct header_tally {
  size_t nBytes;
  int nLines;
  int nContentLength;
} header_tally;

static enum MHD_Result tally_header(void *cls, enum MHD_ValueKind kind,
                                    const char *zKey, size_t nKey,
                                    const char *zVal, size_t nVal) {
  header_tally *p = cls;
  (void)kind;
  (void)zVal;
  p->nBytes += nKey + nVal + 4;
  p->nLines++;
  if (strcasecmp(zKey, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) p->nContentLength++;
  return MHD_YES;
}

/* 0 when the request may go on, else the status to refuse it with. */
static int refuse_status(const request *pReq, const char *zMethod,
                         const char **pzMessage) {
  struct MHD_Connection *pConn = pReq->pConn;
  const vp_serve_opts *pOpt = pReq->pCtx->pOpt;
  header_tally t = {0};
  if (pReq->badLine == MHD_HTTP_BAD_REQUEST) {
    *pzMessage = "NUL byte in the request target";
    return MHD_HTTP_BAD_REQUEST;
  }
  if (pReq->badLine == MHD_HTTP_URI_TOO_LONG || pReq->zTarget == NULL) {
    *pzMessage = "the request target is too long";
    return MHD_HTTP_URI_TOO_LONG;
  }
  MHD_get_connection_values_n(pConn, MHD_HEADER_KIND, tally_header, &t);
  if (t.nBytes > SERVE_MAX_HEADERS || t.nLines > SERVE_MAX_HEADER_COUNT) {
    *pzMessage = "the request headers are too large";
    return MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE;
  }
  if (t.nContentLength > 1) {
    *pzMessage = "more than one Content-Length header";
    return MHD_HTTP_BAD_REQUEST;
  }
  const char *zHost =
      MHD_lookup_connection_value(pConn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  if (zHost == NULL) {
    *pzMessage = "the Host header is missing";
    return MHD_HTTP_BAD_REQUEST;
  }
  if (!vp_host_allowed(zHost, pOpt->azHost, pOpt->nHost)) {
    *pzMessage = "this server does not answer for that Host (see --allow-host)";
    return MHD_HTTP_MISDIRECTED_REQUEST;
  }
  if (strcmp(zMethod, "GET") != 0 && strcmp(zMethod, "HEAD") != 0) {
    *pzMessage = "only GET and HEAD are allowed";
    return MHD_HTTP_METHOD_NOT_ALLOWED;
  }
  const char *zLen = MHD_lookup_connection_value(
      pConn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  const char *zTe = MHD_lookup_connection_value(
      pConn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
  if ((zLen && strspn(zLen, "0") != strlen(zLen)) || zTe) {
    *pzMessage = "GET and HEAD requests take no body";
    return MHD_HTTP_CONTENT_TOO_LARGE;
  }
  return 0;
}

/* ---- answers from the index ---------------------------------------------- */

static void set_tag(char *zTag, size_t nTag, long long iGen,
                    const request *pReq) {
  snprintf(zTag, nTag, "\"g%lld-%016llx\"", iGen,
           (unsigned long long)fnv1a(pReq->zTarget, pReq->nTarget));
}

/* Run pReq's route on a query worker's handle, once more on a fresh handle
** when the first failed with VP_EDB (the file may have just been
** replaced), within what is left of the budget. Fills pReq->result*. */
static void answer_from_db(serve_ctx *pCtx, request *pReq, double msLeft) {
  vp_server_answer a = {0};
  long long iGen = 0;
  int bTag = 0;
  for (int iTry = 0; iTry < 2; iTry++) {
    vp_db *pDb = NULL;
    char *zErr = NULL;
    long long iGenAfter = -1;
    int bBroken = 0;
    if (vp_pool_acquire(pCtx->pPool, &pDb, &zErr) != VP_OK) {
      fprintf(stderr, "vnplan: cannot open the index: %s\n", zErr ? zErr : "?");
      free(zErr);
      a.status = MHD_HTTP_SERVICE_UNAVAILABLE;
      a.pJson = vp_server_error_json(
          a.status, "the index cannot be read right now; retry shortly");
      break;
    }
    vp_db_set_budget(pDb, msLeft);
    bTag = vp_db_generation(pDb, &iGen, &zErr) == VP_OK;
    free(zErr);
    zErr = NULL;
    vp_server_route_run(pReq->iRoute, &pReq->target, pDb, &a, &bBroken);
    /* an answer read from a newer snapshot than the tag names gets no tag */
    if (!bTag || vp_db_generation(pDb, &iGenAfter, &zErr) != VP_OK ||
        iGenAfter != iGen) {
      bTag = 0;
    }
    free(zErr);
    vp_pool_release(pCtx->pPool, pDb, bBroken);
    if (!bBroken || iTry == 1) break;
    cJSON_Delete(a.pJson);
    a.pJson = NULL;
  }
  if (a.status != MHD_HTTP_OK) bTag = 0;
  pReq->resultStatus = a.status;
  pReq->zResult = a.pJson ? cJSON_PrintUnformatted(a.pJson) : NULL;
  pReq->nResult = pReq->zResult ? strlen(pReq->zResult) : 0;
  cJSON_Delete(a.pJson);
  if (bTag && pReq->zResult) {
    set_tag(pReq->zTag, sizeof(pReq->zTag), iGen, pReq);
    vp_rcache_put(pCtx->pCache, pReq->zTarget, pReq->nTarget, iGen,
                  pReq->zResult, pReq->nResult);
  }
}

static void set_error_result(request *pReq, int status, const char *zMessage) {
  cJSON *pJson = vp_server_error_json(status, zMessage);
  pReq->resultStatus = status;
  pReq->zResult = pJson ? cJSON_PrintUnformatted(pJson) : NULL;
  pReq->nResult = pReq->zResult ? strlen(pReq->zResult) : 0;
  cJSON_Delete(pJson);
}

/* A query worker's job: answer within what is left of the request's budget
** (time spent waiting in the queue counts), then resume the connection. */
static void run_query_job(void *pArg) {
  request *pReq = pArg;
  serve_ctx *pCtx = pReq->pCtx;
  double msBudget = pCtx->pOpt->msBudget;
  double msLeft = msBudget > 0 ? msBudget - (vp_now_ms() - pReq->msStart) : 0;
  if (msBudget > 0 && msLeft < 1) {
    set_error_result(pReq, MHD_HTTP_SERVICE_UNAVAILABLE,
                     "the server is busy: the request waited past its time "
                     "budget; retry shortly");
  } else {
    answer_from_db(pCtx, pReq, msLeft);
  }
  pReq->phase = REQ_READY;
  MHD_resume_connection(pReq->pConn);
}

/* Hand the request to the query workers, suspending its connection; a
** full queue is answered 503 at once. */
static enum MHD_Result queue_query(request *pReq) {
  serve_ctx *pCtx = pReq->pCtx;
  pReq->phase = REQ_QUEUED;
  MHD_suspend_connection(pReq->pConn);
  if (vp_jobs_submit(pCtx->pJobs, run_query_job, pReq) == VP_OK) {
    return MHD_YES; /* pReq is the worker's until it resumes the connection */
  }
  set_error_result(pReq, MHD_HTTP_SERVICE_UNAVAILABLE,
                   "the server is busy: too many queries are waiting; "
                   "retry shortly");
  pReq->phase = REQ_READY;
  MHD_resume_connection(pReq->pConn);
  return MHD_YES;
}

/* A route that reads the index. The connection thread looks up the index
** generation on its own handle: a client's current ETag gets 304, a cached
** answer is sent at once, /api/health is answered here (it is cheap);
** everything else goes to the query workers. */
static enum MHD_Result answer_route(request *pReq) {
  serve_ctx *pCtx = pReq->pCtx;
  vp_db *pDb = NULL;
  char *zErr = NULL;
  long long iGen = 0;
  char zTag[64];
  if (vp_pool_acquire(pCtx->pFast, &pDb, &zErr) != VP_OK ||
      vp_db_generation(pDb, &iGen, &zErr) != VP_OK) {
    if (pDb) vp_pool_release(pCtx->pFast, pDb, 1);
    fprintf(stderr, "vnplan: cannot read the index: %s\n", zErr ? zErr : "?");
    free(zErr);
    return send_error(pReq, MHD_HTTP_SERVICE_UNAVAILABLE,
                      "the index cannot be read right now; retry shortly", 0);
  }
  set_tag(zTag, sizeof(zTag), iGen, pReq);
  if (etag_matches(pReq->pConn, zTag)) {
    vp_pool_release(pCtx->pFast, pDb, 0);
    return send_not_modified(pReq, zTag);
  }
  size_t nBody = 0;
  char *zBody = vp_rcache_get(pCtx->pCache, pReq->zTarget, pReq->nTarget,
                              iGen, &nBody);
  if (zBody) {
    vp_pool_release(pCtx->pFast, pDb, 0);
    return send_body(pReq, MHD_HTTP_OK, zBody, nBody, zTag, 0);
  }
  if (strcmp(pReq->target.zPath, "/api/health") == 0) {
    vp_server_answer a;
    int bBroken = 0;
    vp_server_route_run(pReq->iRoute, &pReq->target, pDb, &a, &bBroken);
    vp_pool_release(pCtx->pFast, pDb, bBroken);
    return send_json(pReq, a.status, a.pJson,
                     a.status == MHD_HTTP_OK ? zTag : NULL);
  }
  vp_pool_release(pCtx->pFast, pDb, 0);
  return queue_query(pReq);
}

/* The whole request is in: decode the target and answer, or queue it. */
static enum MHD_Result dispatch(request *pReq) {
  char *zErr = NULL;
  enum MHD_Result r;
  int rc = vp_server_parse_target(pReq->zTarget, &pReq->target, &zErr);
  if (rc != VP_OK) {
    r = send_error(pReq, rc == VP_ENOMEM ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                         : MHD_HTTP_BAD_REQUEST,
                   zErr ? zErr : "bad request", 0);
  } else {
    pReq->iRoute = vp_server_route_find(pReq->target.zPath);
    if (vp_server_route_needs_db(pReq->iRoute)) {
      r = answer_route(pReq);
    } else {
      vp_server_answer a;
      int bBroken = 0;
      vp_server_route_run(pReq->iRoute, &pReq->target, NULL, &a, &bBroken);
      r = a.pJson ? send_json(pReq, a.status, a.pJson, NULL)
                  : send_static(pReq, &a);
    }
  }
  free(zErr);
  return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *pConn,
                                  const char *zUrl, const char *zMethod,
                                  const char *zVersion, const char *zUpload,
                                  size_t *pnUpload, void **ppConCls) {
  serve_ctx *pCtx = cls;
  request *pReq = *ppConCls;
  const char *zMessage = NULL;
  (void)zUrl; /* decoded by MHD without lengths: we decode the raw target */
  (void)zVersion;
  (void)zUpload;
  if (pReq == NULL) return MHD_NO; /* the URI callback ran out of memory */
  switch (pReq->phase) {
    case REQ_NEW: {
      /* Refuse at once what we will not read (the connection then closes:
      ** its framing cannot be trusted); otherwise answer on the next call,
      ** once MHD has read the whole request, so it can be kept alive. */
      vp_conntrack_head_done(pCtx->pTrack, conn_record(pConn));
      pReq->phase = REQ_CHECKED;
      snprintf(pReq->zMethod, sizeof(pReq->zMethod), "%s", zMethod);
      int status = refuse_status(pReq, zMethod, &zMessage);
      return status ? send_error(pReq, status, zMessage, 1) : MHD_YES;
    }
    case REQ_CHECKED:
      if (*pnUpload != 0) { /* a body despite no Content-Length: drop it */
        *pnUpload = 0;
        return MHD_YES;
      }
      return dispatch(pReq);
    case REQ_READY: { /* resumed: the worker's answer */
      char *zBody = pReq->zResult;
      pReq->zResult = NULL;
      return send_body(pReq, pReq->resultStatus, zBody, pReq->nResult,
                       pReq->zTag[0] ? pReq->zTag : NULL, 0);
    }
    default: /* answered already (or queued): discard any body */
      *pnUpload = 0;
      return MHD_YES;
  }
}

/* ---- the daemon --------------------------------------------------------- */

/* The listening address: IPv4 or IPv6 literal. 0 ok, else -1. */
static int make_address(const char *zBind, int port,
                        struct sockaddr_storage *pAddr, int *pbIpv6) {
  struct sockaddr_in *p4 = (struct sockaddr_in *)pAddr;
  struct sockaddr_in6 *p6 = (struct sockaddr_in6 *)pAddr;
  memset(pAddr, 0, sizeof(*pAddr));
  if (inet_pton(AF_INET, zBind, &p4->sin_addr) == 1) {
    p4->sin_family = AF_INET;
    p4->sin_port = htons((uint16_t)port);
    *pbIpv6 = 0;
    return 0;
  }
  if (inet_pton(AF_INET6, zBind, &p6->sin6_addr) == 1) {
    p6->sin6_family = AF_INET6;
    p6->sin6_port = htons((uint16_t)port);
    *pbIpv6 = 1;
    return 0;
  }
  return -1;
}

/* Connections the process can hold: --max-conns, or fewer when file
** descriptors are short (the soft limit is raised to the hard one first);
** 64 descriptors are kept for the index handles, the log and the rest. */
static unsigned connection_limit(int nWanted) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return (unsigned)nWanted;
  if (rl.rlim_cur < rl.rlim_max) {
    rlim_t cur = rl.rlim_cur;
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) rl.rlim_cur = cur;
  }
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)nWanted + 64) {
    return rl.rlim_cur > 128 ? (unsigned)(rl.rlim_cur - 64) : 64;
  }
  return (unsigned)nWanted;
}

static struct MHD_Daemon *start_daemon(const vp_serve_opts *pOpt,
                                       serve_ctx *pCtx,
                                       const struct sockaddr_storage *pAddr,
                                       int bIpv6) {
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                   MHD_ALLOW_SUSPEND_RESUME;
  if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES) {
    flags |= MHD_USE_EPOLL;
  }
  if (bIpv6) flags |= MHD_USE_IPv6;
  return MHD_start_daemon(
      flags, (uint16_t)pOpt->port, NULL, NULL, on_request, pCtx,
      MHD_OPTION_SOCK_ADDR, pAddr,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SERVE_HTTP_THREADS,
      MHD_OPTION_CONNECTION_LIMIT, connection_limit(pOpt->nMaxConn),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)pOpt->nPerIp,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_TIMEOUT_S,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MEMORY_LIMIT,
      /* tolerant: a missing Host is ours to refuse, in JSON */
      MHD_OPTION_STRICT_FOR_CLIENT, (int)-1,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)0, /* SO_REUSEADDR only: never two servers on one port */
      MHD_OPTION_URI_LOG_CALLBACK, on_uri, pCtx,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, pCtx,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, pCtx,
      MHD_OPTION_END);
}

static int bound_port(struct MHD_Daemon *pDaemon, int iDefault) {
  const union MHD_DaemonInfo *pInfo =
      MHD_get_daemon_info(pDaemon, MHD_DAEMON_INFO_BIND_PORT);
  return (pInfo && pInfo->port) ? pInfo->port : iDefault;
}

/* Wait for SIGINT or SIGTERM (blocked in every thread, taken here). */
static int wait_for_stop_signal(const sigset_t *pSet) {
  int sig = 0;
  while (sigwait(pSet, &sig) != 0) {
  }
  return sig;
}

static void ctx_free(serve_ctx *pCtx) {
  vp_jobs_free(pCtx->pJobs);
  vp_conntrack_stop(pCtx->pTrack);
  vp_pool_close(pCtx->pPool);
  vp_pool_close(pCtx->pFast);
  vp_rcache_free(pCtx->pCache);
  vp_reqlog_close(pCtx->pLog);
}

/* Everything but the daemon. 0 ok, else the exit status (message shown). */
static int ctx_open(const vp_serve_opts *pOpt, serve_ctx *pCtx) {
  char *zErr = NULL;
  int rc = vp_pool_open(pOpt->zDb, pOpt->nThread, pOpt->msBudget,
                        &pCtx->pPool, &zErr);
  if (rc == VP_OK) {
    rc = vp_pool_open(pOpt->zDb, SERVE_HTTP_THREADS, pOpt->msBudget,
                      &pCtx->pFast, &zErr);
  }
  if (rc == VP_OK && !pOpt->bNoLog) {
    rc = vp_reqlog_open(pOpt->zLog, (long)pOpt->nLogMb * 1024 * 1024,
                        &pCtx->pLog, &zErr);
  }
  if (rc == VP_OK) {
    rc = vp_rcache_new(pOpt->nCache, (size_t)pOpt->nCacheMb * 1024u * 1024u,
                       &pCtx->pCache);
  }
  if (rc == VP_OK) rc = vp_jobs_start(pOpt->nThread, pOpt->nQueue, &pCtx->pJobs);
  if (rc == VP_OK) {
    rc = vp_conntrack_start(pOpt->sHeadTimeout * 1000, &pCtx->pTrack);
  }
  if (rc != VP_OK) {
    fprintf(stderr, "vnplan serve: %s\n",
            zErr ? zErr : "cannot start (out of memory or threads)");
    free(zErr);
    ctx_free(pCtx);
    return 1;
  }
  return 0;
}

int vp_server_main(int argc, char **argv) {
  vp_serve_opts opt;
  serve_ctx ctx = {0};
  struct sockaddr_storage addr;
  int bIpv6 = 0;
  int rcOpt = vp_serve_opts_parse(argc, argv, &opt);
  if (rcOpt != 0) return rcOpt == 1 ? 0 : 2;
  if (make_address(opt.zBind, opt.port, &addr, &bIpv6) != 0) {
    fprintf(stderr, "vnplan serve: --bind needs an IP address, not %s\n",
            opt.zBind);
    return 2;
  }
  ctx.pOpt = &opt;
  if (ctx_open(&opt, &ctx) != 0) return 1;
  /* the worker threads inherit this mask: only sigwait() sees the signals */
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  signal(SIGPIPE, SIG_IGN);
  struct MHD_Daemon *pDaemon = start_daemon(&opt, &ctx, &addr, bIpv6);
  if (pDaemon == NULL) {
    fprintf(stderr, "vnplan serve: cannot listen on %s port %d\n", opt.zBind,
            opt.port);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    ctx_free(&ctx);
    return 1;
  }
  fprintf(stderr, "vnplan: serving http://%s%s%s:%d/ (%d query workers)\n",
          bIpv6 ? "[" : "", opt.zBind, bIpv6 ? "]" : "",
          bound_port(pDaemon, opt.port), opt.nThread);
  int sig = wait_for_stop_signal(&set);
  fprintf(stderr, "vnplan: %s, stopping\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  /* the workers finish every queued query and resume its connection
  ** (later ones get 503) before the daemon may stop */
  vp_jobs_stop(ctx.pJobs);
  MHD_stop_daemon(pDaemon);
  ctx_free(&ctx);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return 0;
}
