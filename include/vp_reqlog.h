/*
** vp_reqlog.h — the server's request log: one line per request, written
** whole with one write so lines from several threads never mix, to stderr
** or to a file kept under a size cap (past it the file becomes FILE.1,
** replacing the previous one, and a new FILE is started). Not for
** formatting the line (serve.c) nor for other messages.
*/
#ifndef VP_REQLOG_H
#define VP_REQLOG_H

#include <stddef.h>

typedef struct vp_reqlog vp_reqlog;

/* A log to the file zPath (appended to), or to stderr when zPath is NULL.
** nMaxBytes > 0 caps the file (ignored for stderr). VP_OK with *ppLog, or
** VP_ERROR with *pzErr (caller frees) when the file cannot be opened.
** vp_reqlog_close(NULL) is a no-op. */
int vp_reqlog_open(const char *zPath, long nMaxBytes, vp_reqlog **ppLog,
                   char **pzErr);
void vp_reqlog_close(vp_reqlog *p);

/* Append the line z[0..n) (ending in '\n'). p NULL: logging is off. A
** failed write is dropped: the log never stops an answer. Thread-safe. */
void vp_reqlog_write(vp_reqlog *p, const char *z, size_t n);

#endif /* VP_REQLOG_H */
