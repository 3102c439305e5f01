/*
** test_server.c — unit tests of the server's request-target decoding,
** UTF-8 check, parameter validation and route table (server/routes.c), the
** Host and Origin checks (hostcheck.c), the options (options.c), the
** query workers' queue (jobs.c) and the request log's cap (reqlog.c),
** without sockets. The HTTP behaviour is
** tested by tests/it_server.sh.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vp_common.h"
#include "vp_hostcheck.h"
#include "vp_jobs.h"
#include "vp_reqlog.h"
#include "vp_serve_opts.h"
#include "vp_server.h"
#include "vp_test.h"

/* Parse zRaw; returns the rc, frees everything. *pzPath gets a copy. */
static int parse(const char *zRaw, char **pzPath, char **pzQ) {
  vp_server_target t;
  char *zErr = NULL;
  int rc = vp_server_parse_target(zRaw, &t, &zErr);
  if (pzPath) *pzPath = rc == VP_OK ? vp_strndup(t.zPath, -1) : NULL;
  if (pzQ) {
    const char *z = rc == VP_OK ? vp_server_param(&t, "q") : NULL;
    *pzQ = z ? vp_strndup(z, -1) : NULL;
  }
  if (rc != VP_OK) CHECK("an error comes with a message", zErr && zErr[0]);
  free(zErr);
  vp_server_target_free(&t);
  return rc;
}

static void test_utf8(void) {
  CHECK("ASCII", vp_server_utf8_valid("abc", 3));
  CHECK("Vietnamese NFC", vp_server_utf8_valid("Sở Tài chính", strlen("Sở Tài chính")));
  CHECK("4-byte", vp_server_utf8_valid("\xF0\x9F\x98\x80", 4));
  CHECK("lone continuation", !vp_server_utf8_valid("\x80", 1));
  CHECK("truncated", !vp_server_utf8_valid("\xC3", 1));
  CHECK("overlong /", !vp_server_utf8_valid("\xC0\xAF", 2));
  CHECK("overlong 3-byte", !vp_server_utf8_valid("\xE0\x80\xAF", 3));
  CHECK("surrogate", !vp_server_utf8_valid("\xED\xA0\x80", 3));
  CHECK("above U+10FFFF", !vp_server_utf8_valid("\xF4\x90\x80\x80", 4));
  CHECK("FF", !vp_server_utf8_valid("\xFF", 1));
}

static void test_targets(void) {
  char *zPath = NULL, *zQ = NULL;
  CHECK("search target", parse("/api/search?q=khoa+h%E1%BB%8Dc&limit=3", &zPath, &zQ) == VP_OK);
  CHECK("path decoded", zPath && strcmp(zPath, "/api/search") == 0);
  CHECK("'+' and %XX decoded in q", zQ && strcmp(zQ, "khoa học") == 0);
  free(zPath);
  free(zQ);
  CHECK("encoded slash in a key", parse("/api/instruments/69-KL%2FTW", &zPath, NULL) == VP_OK);
  CHECK("key keeps its slash", zPath && strcmp(zPath, "/api/instruments/69-KL/TW") == 0);
  free(zPath);
  CHECK("'+' stays in a path", parse("/a+b", &zPath, NULL) == VP_OK &&
                                   zPath && strcmp(zPath, "/a+b") == 0);
  free(zPath);
  CHECK("empty and valueless params", parse("/x?&q&&", NULL, &zQ) == VP_OK && zQ && zQ[0] == 0);
  free(zQ);
  CHECK("NUL in a value", parse("/x?q=a%00b", NULL, NULL) == VP_EQUERY);
  CHECK("NUL in a key", parse("/x?q%00=a", NULL, NULL) == VP_EQUERY);
  CHECK("NUL in the path", parse("/api/docs/1%00", NULL, NULL) == VP_EQUERY);
  CHECK("invalid UTF-8 value", parse("/x?q=%C3%28", NULL, NULL) == VP_EQUERY);
  CHECK("raw invalid UTF-8", parse("/x?q=\xFF", NULL, NULL) == VP_EQUERY);
  CHECK("bad escape", parse("/x?q=%G1", NULL, NULL) == VP_EQUERY);
  CHECK("truncated escape", parse("/x?q=%4", NULL, NULL) == VP_EQUERY);
  CHECK("not a path", parse("http://h/x", NULL, NULL) == VP_EQUERY);
  CHECK("'..' segment", parse("/../etc/passwd", NULL, NULL) == VP_EQUERY);
  CHECK("encoded '..' segment", parse("/%2e%2E/etc", NULL, NULL) == VP_EQUERY);
  CHECK("'..' via encoded slash", parse("/api/docs/..%2Fx", NULL, NULL) == VP_EQUERY);
  CHECK("'.' segment", parse("/./app.js", NULL, NULL) == VP_EQUERY);
  CHECK("dots inside a name are fine", parse("/api/docs/a..b", NULL, NULL) == VP_OK);
  char zMany[400] = "/x?";
  for (int i = 0; i <= VP_SERVER_MAX_PARAMS; i++) strcat(zMany, "a=1&");
  CHECK("too many parameters", parse(zMany, NULL, NULL) == VP_EQUERY);
  char *zLong = malloc(VP_SERVER_MAX_PARAM + 16);
  strcpy(zLong, "/x?q=");
  memset(zLong + 5, 'a', VP_SERVER_MAX_PARAM + 1);
  zLong[5 + VP_SERVER_MAX_PARAM + 1] = 0;
  CHECK("too long a value", parse(zLong, NULL, NULL) == VP_EQUERY);
  free(zLong);
}

/* Run a route that needs no database (or fails before using it). */
static int run(const char *zRaw, cJSON **ppJson) {
  vp_server_target t;
  vp_server_answer a;
  char *zErr = NULL;
  int bBroken = 0;
  if (vp_server_parse_target(zRaw, &t, &zErr) != VP_OK) {
    free(zErr);
    vp_server_target_free(&t);
    return -1;
  }
  vp_server_route_run(vp_server_route_find(t.zPath), &t, NULL, &a, &bBroken);
  vp_server_target_free(&t);
  *ppJson = a.pJson;
  return a.status;
}

static void test_routes(void) {
  CHECK("/api/search needs the db", vp_server_route_needs_db(vp_server_route_find("/api/search")));
  CHECK("/ needs no db", !vp_server_route_needs_db(vp_server_route_find("/")));
  CHECK("unknown path needs no db", !vp_server_route_needs_db(vp_server_route_find("/etc/passwd")));
  CHECK("prefix route needs a rest", vp_server_route_find("/api/docs/") == vp_server_route_find("/nope"));
  CHECK("/api/docs/7 is not /api/docs", vp_server_route_find("/api/docs/7") != vp_server_route_find("/api/docs"));
  CHECK("/api/searchx is unknown", vp_server_route_find("/api/searchx") == vp_server_route_find("/nope"));

  cJSON *p = NULL;
  CHECK("unknown path: 404", run("/nope", &p) == 404);
  cJSON *pErr = cJSON_GetObjectItem(p, "error");
  CHECK("404 error object", cJSON_GetNumberValue(cJSON_GetObjectItem(pErr, "code")) == 404 &&
                                cJSON_IsString(cJSON_GetObjectItem(pErr, "message")));
  cJSON_Delete(p);
  /* parameter checks fail before the query layer is called (no db here) */
  const char *azBad[] = {"/api/search", "/api/search?q=", "/api/search?q=%20",
                         "/api/search?q=a&limit=0", "/api/search?q=a&limit=201",
                         "/api/search?q=a&limit=1x", "/api/search?q=a&limit=-5",
                         "/api/search?q=a&limit=99999999999999999999",
                         "/api/search?q=a&offset=100001", "/api/refs", "/api/who?agency=",
                         "/api/tasks?limit=abc"};
  for (int i = 0; i < VP_ARRAY_SIZE(azBad); i++) {
    p = NULL;
    int status = run(azBad[i], &p);
    CHECK(azBad[i], status == 400);
    const char *zMsg = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(p, "error"), "message"));
    CHECK("400 names the parameter", zMsg && (strstr(zMsg, "q") || strstr(zMsg, "limit") ||
                                             strstr(zMsg, "offset") || strstr(zMsg, "agency")));
    cJSON_Delete(p);
  }
  vp_server_target t;
  vp_server_answer a;
  char *zErr = NULL;
  int bBroken = 0;
  CHECK("page target", vp_server_parse_target("/", &t, &zErr) == VP_OK);
  vp_server_route_run(vp_server_route_find(t.zPath), &t, NULL, &a, &bBroken);
  CHECK("/ serves the compiled-in page", a.status == 200 && a.zBody && a.nBody > 100 &&
                                             strstr(a.zBody, "charset=\"utf-8\"") &&
                                             strncmp(a.zType, "text/html", 9) == 0);
  vp_server_target_free(&t);
  free(zErr);
}

static void test_hostcheck(void) {
  const char *azAllowed[] = {"plans.example.vn"};
  CHECK("localhost", vp_host_allowed("localhost", NULL, 0));
  CHECK("localhost:8080", vp_host_allowed("localhost:8080", NULL, 0));
  CHECK("LOCALHOST.", vp_host_allowed("LOCALHOST.", NULL, 0));
  CHECK("app.localhost", vp_host_allowed("app.localhost:1", NULL, 0));
  CHECK("127.0.0.1:80", vp_host_allowed("127.0.0.1:80", NULL, 0));
  CHECK("10.1.2.3", vp_host_allowed("10.1.2.3", NULL, 0));
  CHECK("[::1]:8080", vp_host_allowed("[::1]:8080", NULL, 0));
  CHECK("[::1]", vp_host_allowed("[::1]", NULL, 0));
  CHECK("rebinding name refused", !vp_host_allowed("evil.example", NULL, 0));
  CHECK("localhost.evil refused", !vp_host_allowed("localhost.evil.example", NULL, 0));
  CHECK("evillocalhost refused", !vp_host_allowed("evillocalhost", NULL, 0));
  CHECK("allowed name", vp_host_allowed("Plans.Example.VN:443", azAllowed, 1));
  CHECK("other name refused", !vp_host_allowed("example.vn", azAllowed, 1));
  CHECK("NULL refused", !vp_host_allowed(NULL, NULL, 0));
  CHECK("empty refused", !vp_host_allowed("", NULL, 0));
  CHECK("bad port refused", !vp_host_allowed("localhost:80x", NULL, 0));
  CHECK("empty port refused", !vp_host_allowed("localhost:", NULL, 0));
  CHECK("unclosed bracket refused", !vp_host_allowed("[::1", NULL, 0));
  CHECK("bracketed name refused", !vp_host_allowed("[localhost]", NULL, 0));
  CHECK("user@host refused", !vp_host_allowed("a@localhost", NULL, 0));
  const char *azOrigin[] = {"http://a.example", "https://b.example:8443"};
  const char *azStar[] = {"*"};
  CHECK("listed origin", vp_origin_allowed("http://a.example", azOrigin, 2));
  CHECK("second origin", vp_origin_allowed("https://b.example:8443", azOrigin, 2));
  CHECK("other origin", !vp_origin_allowed("http://a.example.evil", azOrigin, 2));
  CHECK("no origin", !vp_origin_allowed(NULL, azOrigin, 2));
  CHECK("none configured", !vp_origin_allowed("http://a.example", NULL, 0));
  CHECK("* allows all", vp_origin_allowed("http://x.example", azStar, 1));
}

static int options(vp_serve_opts *pOpt, int argc, const char **azArg) {
  char *argv[32];
  for (int i = 0; i < argc; i++) argv[i] = (char *)azArg[i];
  FILE *pSave = stderr;
  stderr = fopen("/dev/null", "w");
  int rc = vp_serve_opts_parse(argc, argv, pOpt);
  fclose(stderr);
  stderr = pSave;
  return rc;
}

static void test_options(void) {
  vp_serve_opts o;
  const char *a1[] = {"serve", "--db", "x.db"};
  CHECK("defaults", options(&o, 3, a1) == 0 && o.port == 8080 && o.nThread == 4 &&
                        o.nQueue == 64 && o.nMaxConn == 1024 && o.nPerIp == 64 &&
                        o.sHeadTimeout == 10 && o.msBudget == 2000 && !o.bNoLog &&
                        o.zLog == NULL && strcmp(o.zBind, "127.0.0.1") == 0);
  const char *a2[] = {"serve", "--db", "x.db", "--allow-host", "a.vn", "--allow-host",
                      "b.vn", "--cors-origin", "http://c.vn", "--queue", "3",
                      "--per-ip", "0", "--head-timeout", "2.5", "--no-log", "--log", "f"};
  CHECK("lists, numbers, flags", options(&o, 18, a2) == 0 && o.nHost == 2 &&
                                     strcmp(o.azHost[1], "b.vn") == 0 && o.nOrigin == 1 &&
                                     o.nQueue == 3 && o.nPerIp == 0 && o.sHeadTimeout == 2.5 &&
                                     o.bNoLog && strcmp(o.zLog, "f") == 0);
  const char *a3[] = {"serve", "--db", "x.db", "--queue", "0"};
  CHECK("--queue 0 is misuse", options(&o, 5, a3) == 2);
  const char *a4[] = {"serve", "--db", "x.db", "--head-timeout", "0"};
  CHECK("--head-timeout 0 is misuse", options(&o, 5, a4) == 2);
  const char *a5[] = {"serve", "--db", "x.db", "--max-conns"};
  CHECK("missing value is misuse", options(&o, 4, a5) == 2);
  const char *a6[] = {"serve", "--port", "1"};
  CHECK("no --db is misuse", options(&o, 3, a6) == 2);
  const char *a7[] = {"serve", "--db", "x.db", "--budget", "nan"};
  CHECK("--budget nan is misuse", options(&o, 5, a7) == 2);
}

/* ---- the query workers' queue ---- */

static pthread_mutex_t gateMutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gateCond = PTHREAD_COND_INITIALIZER;
static int bGateOpen, nRan, nStarted;

static void gated_job(void *pArg) {
  (void)pArg;
  pthread_mutex_lock(&gateMutex);
  nStarted++;
  pthread_cond_broadcast(&gateCond);
  while (!bGateOpen) pthread_cond_wait(&gateCond, &gateMutex);
  nRan++;
  pthread_mutex_unlock(&gateMutex);
}

static void test_jobs(void) {
  vp_jobs *p = NULL;
  CHECK("start 2 workers, queue 3", vp_jobs_start(2, 3, &p) == VP_OK && p);
  if (p == NULL) return;
  CHECK("job 1", vp_jobs_submit(p, gated_job, NULL) == VP_OK);
  CHECK("job 2", vp_jobs_submit(p, gated_job, NULL) == VP_OK);
  pthread_mutex_lock(&gateMutex); /* both workers busy, held at the gate */
  while (nStarted < 2) pthread_cond_wait(&gateCond, &gateMutex);
  pthread_mutex_unlock(&gateMutex);
  for (int i = 0; i < 3; i++) CHECK("queued", vp_jobs_submit(p, gated_job, NULL) == VP_OK);
  CHECK("3 waiting", vp_jobs_waiting(p) == 3);
  CHECK("a full queue refuses", vp_jobs_submit(p, gated_job, NULL) == VP_EBUSY);
  pthread_mutex_lock(&gateMutex);
  bGateOpen = 1;
  pthread_cond_broadcast(&gateCond);
  pthread_mutex_unlock(&gateMutex);
  vp_jobs_stop(p);
  CHECK("stop runs every queued job", nRan == 5);
  CHECK("after stop, submit refuses", vp_jobs_submit(p, gated_job, NULL) == VP_EBUSY);
  vp_jobs_free(p);
  vp_jobs_free(NULL);
  CHECK("bad sizes refused", vp_jobs_start(0, 1, &p) != VP_OK && p == NULL);
}

static long file_size(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  if (f == NULL) return -1;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fclose(f);
  return n;
}

static void test_reqlog(void) {
  char zPath[64], zOld[70];
  snprintf(zPath, sizeof(zPath), "/tmp/vp_test_reqlog_%d.log", (int)getpid());
  snprintf(zOld, sizeof(zOld), "%s.1", zPath);
  unlink(zPath);
  unlink(zOld);
  vp_reqlog *p = NULL;
  char *zErr = NULL;
  CHECK("open a log file", vp_reqlog_open(zPath, 100, &p, &zErr) == VP_OK && p);
  const char zLine[] = "2026-01-01T00:00:00.000Z 127.0.0.1 GET / 200 5 0.1ms\n"; /* 54 bytes */
  for (int i = 0; i < 5; i++) vp_reqlog_write(p, zLine, strlen(zLine));
  vp_reqlog_close(p);
  CHECK("the file stays under its cap", file_size(zPath) > 0 && file_size(zPath) <= 100);
  CHECK("the older lines are in FILE.1", file_size(zOld) > 0 && file_size(zOld) <= 100);
  unlink(zPath);
  unlink(zOld);
  p = NULL;
  CHECK("a log in a missing folder: error with a message",
        vp_reqlog_open("/nonexistent/dir/x.log", 0, &p, &zErr) != VP_OK && p == NULL && zErr);
  free(zErr);
  vp_reqlog_write(NULL, "x\n", 2); /* logging off: nothing happens */
  vp_reqlog_close(NULL);
}

int main(void) {
  test_reqlog();
  test_hostcheck();
  test_options();
  test_jobs();
  test_utf8();
  test_targets();
  test_routes();
  return vp_test_done();
}
