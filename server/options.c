/*
** options.c — `vnplan serve`'s options (see vp_serve_opts.h): one table
** of options with their bounds, the usage text next to it. Not for
** starting anything.
*/
#include "vp_serve_opts.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_rcache.h"

static const char zUsage[] =
    "usage: vnplan serve --db FILE [--port N] [--bind ADDR] [options]\n"
    "  --db FILE          the index to serve (opened read-only)\n"
    "  --port N           TCP port (default 8080; 0 = any free port)\n"
    "  --bind ADDR        IPv4 or IPv6 address (default 127.0.0.1)\n"
    "  --threads N        query workers, 1..64 (default 4)\n"
    "  --queue N          queries waiting for a worker at most; past it 503 (default 64)\n"
    "  --budget MS        time per request, queue and lock waits included (default 2000, 0 = none)\n"
    "  --cache N          answers kept for repeated questions (default 1024, 0 = none)\n"
    "  --cache-mb MB      bytes those answers may take in all (default 32)\n"
    "  --max-conns N      open connections at most (default 1024)\n"
    "  --per-ip N         open connections per client address (default 64, 0 = no limit)\n"
    "  --head-timeout S   seconds to send a whole request head (default 10)\n"
    "  --allow-host NAME  a Host name to answer besides IP addresses and localhost (repeatable)\n"
    "  --cors-origin URL  an origin allowed to read answers from a browser, or * (repeatable)\n"
    "  --log FILE         the request log (default stderr)\n"
    "  --log-max-mb MB    past this size FILE becomes FILE.1 (default 64)\n"
    "  --no-log           no request log\n";

enum { OPT_TEXT, OPT_INT, OPT_MS, OPT_LIST, OPT_FLAG };

typedef struct option {
  const char *zName;
  int kind;
  size_t iField; /* offset in vp_serve_opts */
  long iMin, iMax;
} option;

#define F(x) offsetof(vp_serve_opts, x)
static const option aOption[] = {
    {"--db", OPT_TEXT, F(zDb), 0, 0},
    {"--bind", OPT_TEXT, F(zBind), 0, 0},
    {"--port", OPT_INT, F(port), 0, 65535},
    {"--threads", OPT_INT, F(nThread), 1, 64},
    {"--queue", OPT_INT, F(nQueue), 1, 100000},
    {"--budget", OPT_MS, F(msBudget), 0, 3600000},
    {"--cache", OPT_INT, F(nCache), 0, 1000000},
    {"--cache-mb", OPT_INT, F(nCacheMb), 1, 65536},
    {"--max-conns", OPT_INT, F(nMaxConn), 1, 100000},
    {"--per-ip", OPT_INT, F(nPerIp), 0, 100000},
    {"--head-timeout", OPT_MS, F(sHeadTimeout), 0, 3600},
    {"--allow-host", OPT_LIST, F(azHost), 0, 0},
    {"--cors-origin", OPT_LIST, F(azOrigin), 0, 0},
    {"--log", OPT_TEXT, F(zLog), 0, 0},
    {"--log-max-mb", OPT_INT, F(nLogMb), 1, 65536},
    {"--no-log", OPT_FLAG, F(bNoLog), 0, 0},
};
#undef F

static void set_defaults(vp_serve_opts *p) {
  memset(p, 0, sizeof(*p));
  p->zBind = "127.0.0.1";
  p->port = 8080;
  p->nThread = 4;
  p->nQueue = 64;
  p->msBudget = 2000;
  p->nCache = 1024;
  p->nCacheMb = (int)(VP_RCACHE_BYTES_DEFAULT / (1024u * 1024u));
  p->nMaxConn = 1024;
  p->nPerIp = 64;
  p->sHeadTimeout = 10;
  p->nLogMb = 64;
}

/* Store zVal in the field of pOption. 0 ok, -1 a bad value. */
static int set_value(vp_serve_opts *pOpt, const option *pOption,
                     const char *zVal) {
  char *pField = (char *)pOpt + pOption->iField;
  char *zEnd = NULL;
  errno = 0;
  switch (pOption->kind) {
    case OPT_TEXT:
      *(const char **)pField = zVal;
      return 0;
    case OPT_INT: {
      if (*zVal < '0' || *zVal > '9') return -1;
      long v = strtol(zVal, &zEnd, 10);
      if (errno || *zEnd || v < pOption->iMin || v > pOption->iMax) return -1;
      *(int *)pField = (int)v;
      return 0;
    }
    case OPT_MS: {
      double v = strtod(zVal, &zEnd);
      if (zEnd == zVal || *zEnd || !(v >= (double)pOption->iMin) ||
          v > (double)pOption->iMax) {
        return -1;
      }
      *(double *)pField = v;
      return 0;
    }
    case OPT_LIST: {
      int *pn = pOption->iField == offsetof(vp_serve_opts, azHost)
                    ? &pOpt->nHost : &pOpt->nOrigin;
      if (*pn == VP_SERVE_MAX_LIST || zVal[0] == 0) return -1;
      ((const char **)pField)[(*pn)++] = zVal;
      return 0;
    }
  }
  return -1;
}

int vp_serve_opts_parse(int argc, char **argv, vp_serve_opts *pOpt) {
  set_defaults(pOpt);
  for (int i = 1; i < argc; i++) {
    const char *zOpt = argv[i];
    if (strcmp(zOpt, "--help") == 0 || strcmp(zOpt, "-h") == 0) {
      fputs(zUsage, stdout);
      return 1;
    }
    const option *pOption = NULL;
    for (int k = 0; k < VP_ARRAY_SIZE(aOption); k++) {
      if (strcmp(zOpt, aOption[k].zName) == 0) pOption = &aOption[k];
    }
    if (pOption == NULL) {
      fprintf(stderr, "vnplan serve: %s is not an option\n%s", zOpt, zUsage);
      return 2;
    }
    if (pOption->kind == OPT_FLAG) {
      *(int *)((char *)pOpt + pOption->iField) = 1;
      continue;
    }
    const char *zVal = i + 1 < argc ? argv[++i] : NULL;
    if (zVal == NULL) {
      fprintf(stderr, "vnplan serve: %s needs a value\n%s", zOpt, zUsage);
      return 2;
    }
    if (set_value(pOpt, pOption, zVal) != 0) {
      fprintf(stderr, "vnplan serve: bad value for %s: %s\n%s", zOpt, zVal,
              zUsage);
      return 2;
    }
  }
  if (pOpt->zDb == NULL) {
    fprintf(stderr, "vnplan serve: --db FILE is required\n%s", zUsage);
    return 2;
  }
  if (pOpt->sHeadTimeout <= 0) {
    fprintf(stderr, "vnplan serve: --head-timeout must be above 0\n%s", zUsage);
    return 2;
  }
  return 0;
}
