/*
** vp_common.h — error codes, a growable byte buffer and small string helpers
** shared by every vnplan module. Not for anything domain-specific.
*/
#ifndef VP_COMMON_H
#define VP_COMMON_H

#include <stddef.h>
#include <stdarg.h>

/* One error convention everywhere: functions return int, 0 = ok; details go
** to a char **pzErr that the caller frees with free(). */
#define VP_OK        0
#define VP_ERROR     1   /* generic failure */
#define VP_ENOMEM    2   /* out of memory */
#define VP_EIO       3   /* cannot read or write a file */
#define VP_EINPUT    4   /* bad input data: the file is skipped */
#define VP_EQUERY    5   /* the user's query or argument cannot be understood */
#define VP_ENOTFOUND 6   /* no such document, instrument, agency */
#define VP_EDB       7   /* the database cannot be opened or read */
#define VP_EBUSY     8   /* a query ran past its time budget */

#define VP_ARRAY_SIZE(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A macro's value as a string literal, to build SQL text at compile time. */
#define VP_STR_(x) #x
#define VP_STR(x) VP_STR_(x)

/* printf into a new malloc'd string; NULL on out of memory. Caller frees. */
char *vp_mprintf(const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
char *vp_vmprintf(const char *zFmt, va_list ap);

/* malloc'd copy of n bytes of z (n < 0: strlen), NUL-terminated. Caller frees. */
char *vp_strndup(const char *z, int n);

/* A growable byte buffer, always NUL-terminated when z != NULL.
** Appenders take a sticky rc: once *pRc != VP_OK they do nothing. */
typedef struct vp_buf {
  char *z;
  size_t n;
  size_t nAlloc;
} vp_buf;

void vp_buf_append(vp_buf *p, const char *z, size_t n, int *pRc);
void vp_buf_appends(vp_buf *p, const char *z, int *pRc); /* NUL-terminated */
void vp_buf_appendf(vp_buf *p, int *pRc, const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Hand the bytes to the caller (who frees them); the buffer is left empty.
** Returns "" (a malloc'd empty string) for an empty buffer, NULL on OOM. */
char *vp_buf_take(vp_buf *p);
void vp_buf_reset(vp_buf *p); /* empties, keeps the allocation */
void vp_buf_free(vp_buf *p);

/* Read a whole file into a malloc'd NUL-terminated buffer. Files larger
** than nMax bytes are refused with VP_EINPUT. *pzErr names the reason. */
int vp_read_file(const char *zPath, size_t nMax, char **pzBuf, size_t *pnBuf,
                 char **pzErr);

/* Monotonic clock in milliseconds (for progress and took_ms). */
double vp_now_ms(void);

#endif /* VP_COMMON_H */
