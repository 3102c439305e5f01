/*
** vp_conntrack.h — the server's deadline for request heads: every open
** connection is tracked from the moment it is accepted, and one that has
** not sent a whole request head (request line and headers) within the
** deadline — a slow-header client, a keep-alive connection idle too long —
** is shut down by a sweeper thread, whatever trickle of bytes it sends.
** libmicrohttpd's own timeout is reset by every byte and so cannot do it.
** Not for limits on counts (libmicrohttpd's options do that).
*/
#ifndef VP_CONNTRACK_H
#define VP_CONNTRACK_H

typedef struct vp_conntrack vp_conntrack;
typedef struct vp_conn vp_conn; /* one connection's record */

/* Start the sweeper: connections waiting for a head longer than
** msHeadDeadline (> 0) are shut down, checked every 100 ms. VP_OK with
** *ppTrack, or VP_ENOMEM/VP_ERROR with *ppTrack NULL. */
int vp_conntrack_start(double msHeadDeadline, vp_conntrack **ppTrack);

/* Stop the sweeper and free the tracker. Call after the daemon stopped
** (every connection closed). vp_conntrack_stop(NULL) is a no-op. */
void vp_conntrack_stop(vp_conntrack *p);

/* Track the connection on socket fd, waiting for its first head. Returns
** its record (freed by vp_conntrack_close), or NULL when out of memory
** (the connection is then not tracked). */
vp_conn *vp_conntrack_open(vp_conntrack *p, int fd);

/* The connection is closing: forget it (before its socket is closed, so
** the sweeper never shuts a reused descriptor). NULL is a no-op. */
void vp_conntrack_close(vp_conntrack *p, vp_conn *pConn);

/* The head of a request was read (the request is being answered): no
** deadline until vp_conntrack_head_wait. NULL is a no-op. */
void vp_conntrack_head_done(vp_conntrack *p, vp_conn *pConn);

/* The answer was sent: the deadline for the next head starts now. */
void vp_conntrack_head_wait(vp_conntrack *p, vp_conn *pConn);

/* Connections open now, and shut down for a late head since the start. */
void vp_conntrack_stats(vp_conntrack *p, int *pnOpen, long *pnDropped);

#endif /* VP_CONNTRACK_H */
