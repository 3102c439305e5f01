/*
** test_rcache.c — the server's response cache: hits only for the same target
** and generation, replacement, size limit, the disabled (NULL) cache.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_rcache.h"
#include "vp_test.h"

int main(void) {
  vp_rcache *p = NULL;
  CHECK("new", vp_rcache_new(8, 0, &p) == VP_OK && p != NULL);
  size_t n = 0;
  const char *zK = "/api/refs?q=69-KL%2FTW";
  CHECK("empty cache misses", vp_rcache_get(p, zK, strlen(zK), 1, &n) == NULL);
  vp_rcache_put(p, zK, strlen(zK), 1, "{\"a\":1}", 7);
  char *z = vp_rcache_get(p, zK, strlen(zK), 1, &n);
  CHECK("hit for the same target and generation", z && n == 7 && strcmp(z, "{\"a\":1}") == 0);
  free(z);
  CHECK("a new generation misses", vp_rcache_get(p, zK, strlen(zK), 2, &n) == NULL);
  CHECK("another target misses", vp_rcache_get(p, "/api/refs?q=x", 13, 1, &n) == NULL);
  CHECK("a prefix of the target misses", vp_rcache_get(p, zK, strlen(zK) - 1, 1, &n) == NULL);
  vp_rcache_put(p, zK, strlen(zK), 2, "{\"a\":2}", 7);
  z = vp_rcache_get(p, zK, strlen(zK), 2, &n);
  CHECK("replaced by the newer answer", z && strcmp(z, "{\"a\":2}") == 0);
  free(z);
  char *zBig = malloc(VP_RCACHE_BODY_MAX + 2);
  memset(zBig, 'x', VP_RCACHE_BODY_MAX + 1);
  zBig[VP_RCACHE_BODY_MAX + 1] = 0;
  vp_rcache_put(p, "/big", 4, 1, zBig, VP_RCACHE_BODY_MAX + 1);
  CHECK("too large a body is not kept", vp_rcache_get(p, "/big", 4, 1, &n) == NULL);
  free(zBig);
  /* many keys into few slots: every hit is the right body */
  int bOk = 1;
  for (int i = 0; i < 100; i++) {
    char zKey[32], zBody[32];
    snprintf(zKey, sizeof(zKey), "/k%d", i);
    snprintf(zBody, sizeof(zBody), "{\"i\":%d}", i);
    vp_rcache_put(p, zKey, strlen(zKey), 7, zBody, strlen(zBody));
  }
  for (int i = 0; i < 100; i++) {
    char zKey[32], zBody[32];
    snprintf(zKey, sizeof(zKey), "/k%d", i);
    snprintf(zBody, sizeof(zBody), "{\"i\":%d}", i);
    z = vp_rcache_get(p, zKey, strlen(zKey), 7, &n);
    if (z && strcmp(z, zBody) != 0) bOk = 0;
    free(z);
  }
  CHECK("collisions never return another target's body", bOk);
  vp_rcache_free(p);
  vp_rcache *pOff = NULL;
  /* the byte budget: 64 KB in all, bodies of 10 KB: never over it */
  vp_rcache *pB = NULL;
  CHECK("budgeted cache", vp_rcache_new(64, 64 * 1024, &pB) == VP_OK && pB != NULL);
  char zBody10k[10 * 1024];
  memset(zBody10k, 'x', sizeof(zBody10k));
  for (int i = 0; i < 50; i++) {
    char zKey[32];
    snprintf(zKey, sizeof(zKey), "/api/docs?x=%d", i);
    vp_rcache_put(pB, zKey, strlen(zKey), 1, zBody10k, sizeof(zBody10k));
    CHECK("never over the byte budget", vp_rcache_bytes(pB) <= 64 * 1024);
  }
  size_t nGot = 0;
  char *zLast = vp_rcache_get(pB, "/api/docs?x=49", strlen("/api/docs?x=49"), 1, &nGot);
  CHECK("the newest entry is kept", zLast != NULL && nGot == sizeof(zBody10k));
  free(zLast);
  vp_rcache_free(pB);
  CHECK("size 0 is no cache", vp_rcache_new(0, 0, &pOff) == VP_OK && pOff == NULL);
  vp_rcache_put(NULL, "/x", 2, 1, "{}", 2);
  CHECK("the NULL cache misses", vp_rcache_get(NULL, "/x", 2, 1, &n) == NULL);
  vp_rcache_free(NULL);
  return vp_test_done();
}
