/*
** fmtdump.c — renders files of another format (DOCX, PDF, HTML, DOC …)
** through vp_format_render and prints the text the reader would parse, or
** with -t only times it: one line per format with files, MB in, seconds and
** MB/s. For looking at what a renderer makes of a file and for the
** per-format throughput in bench/formats.sh. Not a test.
** usage: fmtdump [-t] FILE...
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vp_common.h"
#include "vp_format.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int bTime = argc > 1 && strcmp(argv[1], "-t") == 0;
  double secs = 0, mb = 0;
  int nOk = 0, nBad = 0;
  for (int i = 1 + bTime; i < argc; i++) {
    char *zBuf = NULL, *zOut = NULL, *zErr = NULL;
    size_t nBuf = 0, nOut = 0;
    if (vp_read_file(argv[i], (size_t)1 << 30, &zBuf, &nBuf, &zErr) != VP_OK) {
      fprintf(stderr, "%s: %s\n", argv[i], zErr ? zErr : "cannot read");
      free(zErr);
      nBad++;
      continue;
    }
    double t0 = now_s();
    int rc = vp_format_render(argv[i], zBuf, nBuf, &zOut, &nOut, &zErr);
    secs += now_s() - t0;
    if (rc != VP_OK) {
      fprintf(stderr, "%s: %s\n", argv[i], zErr ? zErr : "cannot render");
      nBad++;
    } else {
      nOk++;
      mb += (double)nBuf / 1048576.0;
      if (!bTime) fwrite(zOut, 1, nOut, stdout);
    }
    free(zErr);
    free(zOut);
    free(zBuf);
  }
  if (bTime)
    printf("files %d refused %d MB %.2f seconds %.3f MB/s %.2f\n", nOk, nBad, mb, secs,
           secs > 0 ? mb / secs : 0.0);
  return nBad ? 1 : 0;
}
