/*
** vp_rcache.h — the server's response cache: JSON bodies of successful API
** answers, keyed by the request target and the index generation, so a
** repeated question is answered without reading the index again; a
** re-index (new generation) makes every entry stale. A fixed number of
** slots, direct-mapped, and a budget of bytes for all the bodies kept
** (older entries go first when it is passed), guarded by one mutex. Not for
** anything else.
*/
#ifndef VP_RCACHE_H
#define VP_RCACHE_H

#include <stddef.h>

typedef struct vp_rcache vp_rcache;

#define VP_RCACHE_BODY_MAX (512 * 1024) /* larger bodies are not kept */

#define VP_RCACHE_BYTES_DEFAULT (32u * 1024u * 1024u) /* all bodies together */

/* A cache of nSlot entries holding at most nMaxBytes of bodies in all (0:
** VP_RCACHE_BYTES_DEFAULT); nSlot 0: no cache, *ppOut = NULL.
** VP_OK/VP_ENOMEM. vp_rcache_free(NULL) is a no-op. */
int vp_rcache_new(int nSlot, size_t nMaxBytes, vp_rcache **ppOut);

/* Bytes of bodies held now (for tests and health). */
size_t vp_rcache_bytes(vp_rcache *p);
void vp_rcache_free(vp_rcache *p);

/* A malloc'd copy of the body cached for (zKey, iGen) and its length in
** *pn, or NULL (also when p is NULL). Thread-safe. */
char *vp_rcache_get(vp_rcache *p, const char *zKey, size_t nKey,
                    long long iGen, size_t *pn);

/* Keep a copy of zBody for (zKey, iGen), replacing the slot's entry.
** Silently does nothing when p is NULL, the body is too large or memory is
** short. Thread-safe. */
void vp_rcache_put(vp_rcache *p, const char *zKey, size_t nKey,
                   long long iGen, const char *zBody, size_t nBody);

#endif /* VP_RCACHE_H */
