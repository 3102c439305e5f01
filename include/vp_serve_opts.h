/*
** vp_serve_opts.h — the options of `vnplan serve`: their defaults, their
** bounds and the usage text, read from argv into one struct. Not for
** acting on them (serve.c).
*/
#ifndef VP_SERVE_OPTS_H
#define VP_SERVE_OPTS_H

#define VP_SERVE_MAX_LIST 16 /* --allow-host / --cors-origin given at most */

typedef struct vp_serve_opts {
  const char *zDb;        /* --db FILE (required) */
  const char *zBind;      /* --bind ADDR, default 127.0.0.1 */
  int port;               /* --port N, default 8080 */
  int nThread;            /* --threads N: query workers, default 4 */
  int nQueue;             /* --queue N: queries waiting at most, default 64 */
  double msBudget;        /* --budget MS per request, default 2000, 0 none */
  int nCache;             /* --cache N answers kept, default 1024 */
  int nCacheMb;           /* --cache-mb MB for them in all, default 32 */
  int nMaxConn;           /* --max-conns N open connections, default 1024 */
  int nPerIp;             /* --per-ip N connections per client, default 64, 0 none */
  double sHeadTimeout;    /* --head-timeout S for a whole request head, default 10 */
  const char *azHost[VP_SERVE_MAX_LIST]; /* --allow-host NAME … */
  int nHost;
  const char *azOrigin[VP_SERVE_MAX_LIST]; /* --cors-origin ORIGIN … */
  int nOrigin;
  const char *zLog;       /* --log FILE, NULL: stderr */
  int nLogMb;             /* --log-max-mb MB before FILE.1, default 64 */
  int bNoLog;             /* --no-log */
} vp_serve_opts;

/* Fill *pOpt from argv (argv[0] is "serve"). 0 ok, 1 --help was printed
** on stdout, 2 misuse (message and usage on stderr). The strings point
** into argv. */
int vp_serve_opts_parse(int argc, char **argv, vp_serve_opts *pOpt);

#endif /* VP_SERVE_OPTS_H */
