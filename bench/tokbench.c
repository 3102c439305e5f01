/*
** tokbench.c — the vnplan tokenizer alone (vp_tok_run in index mode: what FTS5 stores) over
** the same paragraphs baseline.c gives FTS5's unicode61, counting tokens;
** 3 passes, prints the median MB/s. Not part of vnplan.
** Usage: tokbench PATH...
*/
#include "bench_util.h"
#include "vp_norm.h"
#include "vp_tok.h"

#include <stdio.h>

static int count_token(void *pCtx, int flags, const char *zToken, int nToken,
                       int iStart, int iEnd) {
  (void)flags; (void)zToken; (void)nToken; (void)iStart; (void)iEnd;
  (*(long *)pCtx)++;
  return 0;
}

int main(int argc, char **argv) {
  bu_corpus co;
  if (argc < 2 || bu_corpus_load(&co, argc - 1, argv + 1) != 0) {
    fprintf(stderr, "usage: tokbench PATH...\n");
    return 2;
  }
  vp_norm_init();
  double aRate[3];
  long nTok = 0;
  for (int pass = 0; pass < 3; pass++) {
    nTok = 0;
    double t0 = bu_now_ms();
    for (size_t i = 0; i < co.nPara; i++)
      vp_tok_run(co.aPara[i].z, co.aPara[i].n, VP_TOK_INDEX, count_token, &nTok);
    double ms = bu_now_ms() - t0;
    aRate[pass] = (double)co.nParaBytes / 1048576.0 / (ms / 1e3);
  }
  double med, p99;
  bu_percentiles(aRate, 3, &med, &p99);
  printf("bytes\t%zu\nparagraphs\t%zu\ntokens\t%ld\nmbps\t%.2f\n",
         co.nParaBytes, co.nPara, nTok, med);
  bu_corpus_free(&co);
  return nTok > 0 ? 0 : 1; /* a tokenizer that emits nothing is not measured */
}
