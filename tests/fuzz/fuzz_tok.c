/*
** fuzz_tok.c — libFuzzer target for the tokenizer: vp_tok_run over the input
** in document mode and in query mode, checking what the FTS5 contract needs:
** token lengths within bounds, offsets inside the input and in order of
** start, flags 0 or FTS5_TOKEN_COLOCATED, never a colocated first token.
*/
#include "fuzz.h"
#include "vp_tok.h"

typedef struct tok_check {
  int n;       /* input length */
  int nTok;
  int iLastStart;
  unsigned sum;
} tok_check;

static int check_token(void *pCtx, int flags, const char *zToken, int nToken,
                       int iStart, int iEnd) {
  tok_check *c = pCtx;
  FUZZ_ASSERT(flags == 0 || flags == FTS5_TOKEN_COLOCATED, "token flags");
  FUZZ_ASSERT(c->nTok > 0 || flags == 0, "first token colocated");
  FUZZ_ASSERT(nToken > 0 && nToken <= VP_TOK_MAX + 1, "token length");
  FUZZ_ASSERT(zToken != NULL, "token text");
  FUZZ_ASSERT(0 <= iStart && iStart <= iEnd && iEnd <= c->n, "token offsets");
  FUZZ_ASSERT(iStart >= c->iLastStart || flags == FTS5_TOKEN_COLOCATED,
              "tokens in order");
  for (int i = 0; i < nToken; i++) c->sum += (unsigned char)zToken[i];
  c->iLastStart = iStart;
  c->nTok++;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  if (nData > (1 << 20)) return 0;
  char *z = fuzz_copy(aData, nData);
  if (!z) return 0;
  for (int eMode = VP_TOK_FORMS; eMode <= VP_TOK_INDEX; eMode++) {
    tok_check c = {(int)nData, 0, 0, 0};
    int rc = vp_tok_run(z, (int)nData, eMode, check_token, &c);
    FUZZ_ASSERT(rc == 0, "vp_tok_run returns 0 when the callback does");
  }
  free(z);
  return 0;
}
