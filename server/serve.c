/*
** serve.c — `vnplan serve`: options, signals and the libmicrohttpd daemon.
** Owns everything about HTTP itself: method and size limits (405, 413,
** 414), connection limits and timeouts, a pool of worker threads each
** borrowing a database handle, ETag/304 from the index generation, CORS,
** "took_ms", one log line per request. Not for decoding targets or choosing
** what to answer (routes.c) nor for the answers themselves (query layer).
*/
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "vp_common.h"
#include "vp_rcache.h"
#include "vp_server.h"

#define SERVE_DEFAULT_PORT 8080
#define SERVE_DEFAULT_THREADS 4
#define SERVE_MAX_THREADS 64
#define SERVE_DEFAULT_BUDGET_MS 2000.0
#define SERVE_MAX_HEADERS 16384          /* total header bytes, else 413 */
#define SERVE_MEMORY_LIMIT (64 * 1024)   /* per connection (MHD) */
#define SERVE_CONNECTION_LIMIT 512
#define SERVE_IDLE_TIMEOUT_S 15
#define SERVE_LOG_TARGET 300             /* bytes of the target in the log */
#define SERVE_DEFAULT_CACHE 1024         /* cached answers (slots) */

typedef struct serve_options {
  const char *zDb;
  const char *zBind;
  int port;
  int nThread;
  double msBudget;
  int nCache;
  int nCacheMb;      /* bytes of cached answers in all, in MB */
} serve_options;

typedef struct serve_ctx {
  vp_pool *pPool;
  vp_rcache *pCache; /* NULL when --cache 0 */
} serve_ctx;

/* Per request: made by the URI callback, freed when the request completes. */
typedef struct request {
  double msStart;
  char *zTarget;      /* the raw request target, NULL when too long */
  size_t nTarget;
  char zMethod[8];
  int bChecked;       /* the first call checked method, sizes and body */
  int status;         /* 0 until a response is queued */
} request;

/* ---- per-request state and the log -------------------------------------- */

static void *on_uri(void *cls, const char *zUri, struct MHD_Connection *pConn) {
  request *pReq = calloc(1, sizeof(*pReq));
  (void)cls;
  (void)pConn;
  if (pReq == NULL) return NULL;
  pReq->msStart = vp_now_ms();
  pReq->nTarget = strlen(zUri);
  if (pReq->nTarget <= VP_SERVER_MAX_TARGET) {
    pReq->zTarget = vp_strndup(zUri, (int)pReq->nTarget);
  }
  return pReq;
}

/* One line per request: method, target (control bytes escaped, cut),
** status, milliseconds. One fputs, so lines from threads do not mix. */
static void log_request(const request *pReq) {
  vp_buf b = {0};
  int rc = VP_OK;
  const char *z = pReq->zTarget ? pReq->zTarget : "(target too long)";
  vp_buf_appendf(&b, &rc, "%s ", pReq->zMethod[0] ? pReq->zMethod : "-");
  for (size_t i = 0; z[i] && i < SERVE_LOG_TARGET; i++) {
    unsigned char c = (unsigned char)z[i];
    if (c < 0x20 || c == 0x7f) {
      vp_buf_appendf(&b, &rc, "\\x%02x", c);
    } else {
      vp_buf_append(&b, &z[i], 1, &rc);
    }
  }
  if (strlen(z) > SERVE_LOG_TARGET) vp_buf_appends(&b, "...", &rc);
  vp_buf_appendf(&b, &rc, " %d %.1f ms\n", pReq->status,
                 vp_now_ms() - pReq->msStart);
  if (rc == VP_OK) fputs(b.z, stderr);
  vp_buf_free(&b);
}

static void on_completed(void *cls, struct MHD_Connection *pConn,
                         void **ppConCls, enum MHD_RequestTerminationCode e) {
  request *pReq = *ppConCls;
  (void)cls;
  (void)pConn;
  (void)e;
  if (pReq == NULL) return;
  log_request(pReq);
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

static void add_common_headers(struct MHD_Response *pResp, const char *zType,
                               const char *zTag) {
  MHD_add_response_header(pResp, MHD_HTTP_HEADER_ACCESS_CONTROL_ALLOW_ORIGIN,
                          "*");
  MHD_add_response_header(pResp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(pResp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
  if (zType) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_CONTENT_TYPE, zType);
  }
  if (zTag) MHD_add_response_header(pResp, MHD_HTTP_HEADER_ETAG, zTag);
}

static enum MHD_Result queue(struct MHD_Connection *pConn, request *pReq,
                             int status, struct MHD_Response *pResp) {
  if (pResp == NULL) return MHD_NO; /* out of memory: drop the connection */
  enum MHD_Result r = MHD_queue_response(pConn, (unsigned)status, pResp);
  MHD_destroy_response(pResp);
  pReq->status = status;
  return r;
}

/* Send the JSON object text zBody (n bytes, freed here) with "took_ms"
** added before its closing brace. */
static enum MHD_Result send_body(struct MHD_Connection *pConn, request *pReq,
                                 int status, char *zBody, size_t n,
                                 const char *zTag) {
  struct MHD_Response *pResp = NULL;
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
      pResp = MHD_create_response_from_buffer(n - 1 + (size_t)nTook, zOut,
                                              MHD_RESPMEM_MUST_FREE);
      if (pResp == NULL) free(zOut);
    }
  }
  free(zBody);
  if (pResp == NULL) return MHD_NO;
  add_common_headers(pResp, "application/json; charset=utf-8", zTag);
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
  } else if (status == MHD_HTTP_SERVICE_UNAVAILABLE) {
    MHD_add_response_header(pResp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
  }
  return queue(pConn, pReq, status, pResp);
}

/* Send pJson (deleted here) with "took_ms" added. */
static enum MHD_Result send_json(struct MHD_Connection *pConn, request *pReq,
                                 int status, cJSON *pJson, const char *zTag) {
  char *zBody = pJson ? cJSON_PrintUnformatted(pJson) : NULL;
  cJSON_Delete(pJson);
  return send_body(pConn, pReq, status, zBody, zBody ? strlen(zBody) : 0, zTag);
}

static enum MHD_Result send_error(struct MHD_Connection *pConn, request *pReq,
                                  int status, const char *zMessage) {
  return send_json(pConn, pReq, status, vp_server_error_json(status, zMessage),
                   NULL);
}

static enum MHD_Result send_not_modified(struct MHD_Connection *pConn,
                                         request *pReq, const char *zTag) {
  struct MHD_Response *pResp =
      MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
  if (pResp) add_common_headers(pResp, NULL, zTag);
  return queue(pConn, pReq, MHD_HTTP_NOT_MODIFIED, pResp);
}

static enum MHD_Result send_static(struct MHD_Connection *pConn,
                                   request *pReq, const vp_server_answer *pA) {
  char zTag[40];
  snprintf(zTag, sizeof(zTag), "\"s%016llx\"",
           (unsigned long long)fnv1a(pA->zBody, pA->nBody));
  if (etag_matches(pConn, zTag)) return send_not_modified(pConn, pReq, zTag);
  struct MHD_Response *pResp = MHD_create_response_from_buffer(
      pA->nBody, (void *)pA->zBody, MHD_RESPMEM_PERSISTENT);
  if (pResp == NULL) return MHD_NO;
  add_common_headers(pResp, pA->zType, zTag);
  MHD_add_response_header(pResp, "Content-Security-Policy",
                          "default-src 'self'; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'");
  return queue(pConn, pReq, pA->status, pResp);
}

/* ---- the request checks, in order --------------------------------------- */

static enum MHD_Result sum_header_sizes(void *cls, enum MHD_ValueKind kind,
                                        const char *zKey, size_t nKey,
                                        const char *zVal, size_t nVal) {
  size_t *pn = cls;
  (void)kind;
  (void)zKey;
  (void)zVal;
  *pn += nKey + nVal + 4;
  return MHD_YES;
}

/* 0 when the request may go on, else the status to refuse it with. */
static int refuse_status(struct MHD_Connection *pConn, const request *pReq,
                         const char *zMethod, const char **pzMessage) {
  size_t nHeaders = 0;
  if (strcmp(zMethod, "GET") != 0 && strcmp(zMethod, "HEAD") != 0) {
    *pzMessage = "only GET and HEAD are allowed";
    return MHD_HTTP_METHOD_NOT_ALLOWED;
  }
  if (pReq->zTarget == NULL) {
    *pzMessage = "the request target is too long";
    return MHD_HTTP_URI_TOO_LONG;
  }
  MHD_get_connection_values_n(pConn, MHD_HEADER_KIND, sum_header_sizes,
                              &nHeaders);
  if (nHeaders > SERVE_MAX_HEADERS) {
    *pzMessage = "the request headers are too large";
    return MHD_HTTP_CONTENT_TOO_LARGE;
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

/* Run a route that reads the index: borrow a handle, answer 304 when the
** client's ETag is current, else run it (once more on a fresh handle when
** the first failed with VP_EDB: the file may have just been replaced). */
static enum MHD_Result answer_from_db(serve_ctx *pCtx,
                                      struct MHD_Connection *pConn,
                                      request *pReq, int iRoute,
                                      const vp_server_target *pTarget) {
  vp_server_answer a = {0};
  char zTag[64] = {0};
  for (int iTry = 0; iTry < 2; iTry++) {
    vp_db *pDb = NULL;
    char *zErr = NULL;
    long long iGen = 0, iGenAfter = -1;
    int bBroken = 0;
    if (vp_pool_acquire(pCtx->pPool, &pDb, &zErr) != VP_OK) {
      fprintf(stderr, "vnplan: cannot open the index: %s\n",
              zErr ? zErr : "?");
      free(zErr);
      return send_error(pConn, pReq, MHD_HTTP_SERVICE_UNAVAILABLE,
                        "the index cannot be read right now; retry shortly");
    }
    int bGen = vp_db_generation(pDb, &iGen, &zErr) == VP_OK;
    free(zErr);
    zErr = NULL;
    if (bGen) {
      snprintf(zTag, sizeof(zTag), "\"g%lld-%016llx\"", iGen,
               (unsigned long long)fnv1a(pReq->zTarget, pReq->nTarget));
      if (etag_matches(pConn, zTag)) {
        vp_pool_release(pCtx->pPool, pDb, 0);
        return send_not_modified(pConn, pReq, zTag);
      }
      size_t nBody = 0;
      char *zBody = vp_rcache_get(pCtx->pCache, pReq->zTarget, pReq->nTarget, iGen, &nBody);
      if (zBody) {
        vp_pool_release(pCtx->pPool, pDb, 0);
        return send_body(pConn, pReq, MHD_HTTP_OK, zBody, nBody, zTag);
      }
    }
    vp_server_route_run(iRoute, pTarget, pDb, &a, &bBroken);
    /* an answer read from a newer snapshot than the tag names gets no tag */
    if (!bGen || vp_db_generation(pDb, &iGenAfter, &zErr) != VP_OK ||
        iGenAfter != iGen) {
      zTag[0] = 0;
    }
    free(zErr);
    vp_pool_release(pCtx->pPool, pDb, bBroken);
    if (!bBroken || iTry == 1) break;
    cJSON_Delete(a.pJson);
    a.pJson = NULL;
  }
  if (a.status != MHD_HTTP_OK) zTag[0] = 0;
  char *zBody = a.pJson ? cJSON_PrintUnformatted(a.pJson) : NULL;
  cJSON_Delete(a.pJson);
  size_t nBody = zBody ? strlen(zBody) : 0;
  /* only an answer from the snapshot its tag names can be reused */
  if (zBody && zTag[0]) {
    long long iGen = strtoll(zTag + 2, NULL, 10);
    vp_rcache_put(pCtx->pCache, pReq->zTarget, pReq->nTarget, iGen, zBody, nBody);
  }
  return send_body(pConn, pReq, a.status, zBody, nBody, zTag[0] ? zTag : NULL);
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
  if (pReq->status != 0) { /* answered already: discard any body */
    *pnUpload = 0;
    return MHD_YES;
  }
  /* First call: refuse at once what we will not read (the connection then
  ** closes); otherwise answer on the next call, once MHD has read the whole
  ** request, so the connection can be kept alive. */
  if (!pReq->bChecked) {
    pReq->bChecked = 1;
    snprintf(pReq->zMethod, sizeof(pReq->zMethod), "%s", zMethod);
    int status = refuse_status(pConn, pReq, zMethod, &zMessage);
    return status ? send_error(pConn, pReq, status, zMessage) : MHD_YES;
  }
  if (*pnUpload != 0) { /* a body despite no Content-Length: drop it */
    *pnUpload = 0;
    return MHD_YES;
  }

  vp_server_target target;
  char *zErr = NULL;
  enum MHD_Result r;
  int rc = vp_server_parse_target(pReq->zTarget, &target, &zErr);
  if (rc != VP_OK) {
    r = send_error(pConn, pReq,
                   rc == VP_ENOMEM ? MHD_HTTP_INTERNAL_SERVER_ERROR
                                   : MHD_HTTP_BAD_REQUEST,
                   zErr ? zErr : "bad request");
  } else {
    int iRoute = vp_server_route_find(target.zPath);
    if (vp_server_route_needs_db(iRoute)) {
      r = answer_from_db(pCtx, pConn, pReq, iRoute, &target);
    } else {
      vp_server_answer a;
      int bBroken = 0;
      vp_server_route_run(iRoute, &target, NULL, &a, &bBroken);
      r = a.pJson ? send_json(pConn, pReq, a.status, a.pJson, NULL)
                  : send_static(pConn, pReq, &a);
    }
  }
  free(zErr);
  vp_server_target_free(&target);
  return r;
}

/* ---- options ------------------------------------------------------------ */

static const char zUsage[] =
    "usage: vnplan serve --db FILE [--port N] [--bind ADDR] [--threads N]"
    " [--budget MS] [--cache N] [--cache-mb MB]\n"
    "  --db FILE     the index to serve (opened read-only)\n"
    "  --port N      TCP port (default 8080; 0 = any free port)\n"
    "  --bind ADDR   IPv4 or IPv6 address (default 127.0.0.1)\n"
    "  --threads N   worker threads, 1..64 (default 4)\n"
    "  --budget MS   time budget per query in ms (default 2000, 0 = none)\n"
    "  --cache N     answers kept for repeated questions (default 1024, 0 = none)\n"
    "  --cache-mb MB bytes those answers may take in all (default 32)\n";

/* Whole number in [iMin, iMax] from z, else -1. */
static long parse_count(const char *z, long iMin, long iMax) {
  char *zEnd = NULL;
  if (z == NULL || *z < '0' || *z > '9') return -1;
  errno = 0;
  long v = strtol(z, &zEnd, 10);
  if (errno || *zEnd || v < iMin || v > iMax) return -1;
  return v;
}

/* 0 ok, 1 --help shown, 2 misuse (message on stderr). */
static int parse_options(int argc, char **argv, serve_options *pOpt) {
  pOpt->zDb = NULL;
  pOpt->zBind = "127.0.0.1";
  pOpt->port = SERVE_DEFAULT_PORT;
  pOpt->nThread = SERVE_DEFAULT_THREADS;
  pOpt->msBudget = SERVE_DEFAULT_BUDGET_MS;
  pOpt->nCache = SERVE_DEFAULT_CACHE;
  pOpt->nCacheMb = (int)(VP_RCACHE_BYTES_DEFAULT / (1024u * 1024u));
  for (int i = 1; i < argc; i++) {
    const char *zOpt = argv[i];
    const char *zVal = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(zOpt, "--help") == 0 || strcmp(zOpt, "-h") == 0) {
      fputs(zUsage, stdout);
      return 1;
    }
    if (zOpt[0] != '-' || zVal == NULL) {
      fprintf(stderr, "vnplan serve: %s %s\n%s", zOpt,
              zOpt[0] != '-' ? "is not an option" : "needs a value", zUsage);
      return 2;
    }
    long v = 0;
    char *zEnd = NULL;
    if (strcmp(zOpt, "--db") == 0) {
      pOpt->zDb = zVal;
    } else if (strcmp(zOpt, "--bind") == 0) {
      pOpt->zBind = zVal;
    } else if (strcmp(zOpt, "--port") == 0 &&
               (v = parse_count(zVal, 0, 65535)) >= 0) {
      pOpt->port = (int)v;
    } else if (strcmp(zOpt, "--threads") == 0 &&
               (v = parse_count(zVal, 1, SERVE_MAX_THREADS)) >= 0) {
      pOpt->nThread = (int)v;
    } else if (strcmp(zOpt, "--cache") == 0 &&
               (v = parse_count(zVal, 0, 1000000)) >= 0) {
      pOpt->nCache = (int)v;
    } else if (strcmp(zOpt, "--cache-mb") == 0 &&
               (v = parse_count(zVal, 1, 65536)) >= 0) {
      pOpt->nCacheMb = (int)v;
    } else if (strcmp(zOpt, "--budget") == 0 &&
               (pOpt->msBudget = strtod(zVal, &zEnd)) >= 0 && *zEnd == 0 &&
               zEnd != zVal) {
      /* set above */
    } else {
      fprintf(stderr, "vnplan serve: bad option or value: %s %s\n%s", zOpt,
              zVal, zUsage);
      return 2;
    }
    i++;
  }
  if (pOpt->zDb == NULL) {
    fprintf(stderr, "vnplan serve: --db FILE is required\n%s", zUsage);
    return 2;
  }
  return 0;
}

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

/* ---- the daemon --------------------------------------------------------- */

static struct MHD_Daemon *start_daemon(const serve_options *pOpt,
                                       serve_ctx *pCtx,
                                       const struct sockaddr_storage *pAddr,
                                       int bIpv6) {
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES) {
    flags |= MHD_USE_EPOLL;
  }
  if (bIpv6) flags |= MHD_USE_IPv6;
  return MHD_start_daemon(
      flags, (uint16_t)pOpt->port, NULL, NULL, on_request, pCtx,
      MHD_OPTION_SOCK_ADDR, pAddr,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)pOpt->nThread,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_CONNECTION_LIMIT,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_TIMEOUT_S,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MEMORY_LIMIT,
      MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)0, /* SO_REUSEADDR only: never two servers on one port */
      MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
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

int vp_server_main(int argc, char **argv) {
  serve_options opt;
  serve_ctx ctx = {0};
  struct sockaddr_storage addr;
  int bIpv6 = 0;
  char *zErr = NULL;
  int rcOpt = parse_options(argc, argv, &opt);
  if (rcOpt != 0) return rcOpt == 1 ? 0 : 2;
  if (make_address(opt.zBind, opt.port, &addr, &bIpv6) != 0) {
    fprintf(stderr, "vnplan serve: --bind needs an IP address, not %s\n",
            opt.zBind);
    return 2;
  }
  if (vp_pool_open(opt.zDb, opt.nThread, opt.msBudget, &ctx.pPool, &zErr)) {
    fprintf(stderr, "vnplan serve: %s\n", zErr ? zErr : "cannot open index");
    free(zErr);
    return 1;
  }
  if (vp_rcache_new(opt.nCache, (size_t)opt.nCacheMb * 1024u * 1024u, &ctx.pCache) != VP_OK) {
    fprintf(stderr, "vnplan serve: out of memory\n");
    vp_pool_close(ctx.pPool);
    return 1;
  }
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
    vp_pool_close(ctx.pPool);
    vp_rcache_free(ctx.pCache);
    return 1;
  }
  fprintf(stderr, "vnplan: serving http://%s%s%s:%d/ (%d threads)\n",
          bIpv6 ? "[" : "", opt.zBind, bIpv6 ? "]" : "",
          bound_port(pDaemon, opt.port), opt.nThread);
  int sig = wait_for_stop_signal(&set);
  fprintf(stderr, "vnplan: %s, stopping\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  MHD_stop_daemon(pDaemon);
  vp_pool_close(ctx.pPool);
  vp_rcache_free(ctx.pCache);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return 0;
}
