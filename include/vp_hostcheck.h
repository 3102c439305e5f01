/*
** vp_hostcheck.h — which Host headers and which Origins the server answers.
** A Host that is not an IP address literal, `localhost` (or a name under
** .localhost) or a name the operator allowed is refused, so a web page on
** another site cannot read the index through a visitor's browser by
** pointing its own name at 127.0.0.1 (DNS rebinding). CORS headers go only
** to the origins the operator listed. Pure functions, no state. Not for
** anything else about requests.
*/
#ifndef VP_HOSTCHECK_H
#define VP_HOSTCHECK_H

/* 1 when the Host header value zHost (name or address, optional :port) is
** an IPv4 or bracketed IPv6 literal, localhost or *.localhost, or one of
** the nAllowed names azAllowed (compared without case and without port);
** 0 otherwise, also for NULL, empty or malformed values. */
int vp_host_allowed(const char *zHost, const char *const *azAllowed,
                    int nAllowed);

/* 1 when zOrigin (an Origin header value, NULL allowed) is exactly one of
** the nOrigin origins azOrigin, or azOrigin holds "*"; else 0. */
int vp_origin_allowed(const char *zOrigin, const char *const *azOrigin,
                      int nOrigin);

#endif /* VP_HOSTCHECK_H */
