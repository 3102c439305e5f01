/*
** vp_test.h — the tiny harness of the unit tests: CHECK(desc, cond) counts
** and reports, vp_test_done() prints "N passed, N failed" and gives the exit
** status. Not for integration tests (the tests/it_ scripts drive the real binaries).
*/
#ifndef VP_TEST_H
#define VP_TEST_H

#include <stdio.h>

static int vp_test_passed, vp_test_failed;

#define CHECK(desc, cond)                                                   \
  do {                                                                      \
    if (cond) {                                                             \
      vp_test_passed++;                                                     \
    } else {                                                                \
      vp_test_failed++;                                                     \
      fprintf(stderr, "FAIL %s:%d: %s [%s]\n", __FILE__, __LINE__, (desc),  \
              #cond);                                                       \
    }                                                                       \
  } while (0)

/* Print the summary line and return the exit status for main. */
static inline int vp_test_done(void) {
  printf("%d passed, %d failed\n", vp_test_passed, vp_test_failed);
  return vp_test_failed ? 1 : 0;
}

#endif /* VP_TEST_H */
