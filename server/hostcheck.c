/*
** hostcheck.c — the Host and Origin checks (see vp_hostcheck.h): a Host
** value split into name and port, the name checked as an address literal or
** against the allowed names. Not for reading headers from a connection.
*/
#include "vp_hostcheck.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#define HOST_MAX 255

/* Copy the name part of zHost (brackets of an IPv6 literal dropped) into
** zName; *pbV6 says it was bracketed. 0 ok, -1 malformed. */
static int host_name(const char *zHost, char *zName, int *pbV6) {
  size_t n = strlen(zHost);
  const char *zEnd = NULL;
  *pbV6 = 0;
  if (n == 0 || n > HOST_MAX) return -1;
  if (zHost[0] == '[') {
    zEnd = strchr(zHost, ']');
    if (zEnd == NULL) return -1;
    memcpy(zName, zHost + 1, (size_t)(zEnd - zHost - 1));
    zName[zEnd - zHost - 1] = 0;
    zEnd++;
    *pbV6 = 1;
  } else {
    zEnd = strchr(zHost, ':');
    if (zEnd == NULL) zEnd = zHost + n;
    memcpy(zName, zHost, (size_t)(zEnd - zHost));
    zName[zEnd - zHost] = 0;
  }
  if (*zEnd == ':') { /* a port: 1 to 5 digits */
    size_t nDigit = strspn(zEnd + 1, "0123456789");
    if (nDigit == 0 || nDigit > 5 || zEnd[1 + nDigit] != 0) return -1;
  } else if (*zEnd != 0) {
    return -1;
  }
  return zName[0] ? 0 : -1;
}

int vp_host_allowed(const char *zHost, const char *const *azAllowed,
                    int nAllowed) {
  char zName[HOST_MAX + 1];
  unsigned char aAddr[16];
  int bV6 = 0;
  if (zHost == NULL || host_name(zHost, zName, &bV6) != 0) return 0;
  if (bV6) return inet_pton(AF_INET6, zName, aAddr) == 1;
  if (inet_pton(AF_INET, zName, aAddr) == 1) return 1;
  size_t n = strlen(zName);
  if (n > 0 && zName[n - 1] == '.') zName[--n] = 0; /* "localhost." */
  if (strcasecmp(zName, "localhost") == 0) return 1;
  if (n > 10 && strcasecmp(zName + n - 10, ".localhost") == 0) return 1;
  for (int i = 0; i < nAllowed; i++) {
    if (strcasecmp(zName, azAllowed[i]) == 0) return 1;
  }
  return 0;
}

int vp_origin_allowed(const char *zOrigin, const char *const *azOrigin,
                      int nOrigin) {
  if (zOrigin == NULL) return 0;
  for (int i = 0; i < nOrigin; i++) {
    if (strcmp(azOrigin[i], "*") == 0 || strcmp(azOrigin[i], zOrigin) == 0) {
      return 1;
    }
  }
  return 0;
}
