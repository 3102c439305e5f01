/*
** vp_textcheck.h — is a buffer a plan we can read? Refuses empty files,
** binary files (NUL bytes) and invalid UTF-8 (overlong forms, surrogates,
** truncated sequences), saying why and where. Not for reading the text.
*/
#ifndef VP_TEXTCHECK_H
#define VP_TEXTCHECK_H

#include <stddef.h>

/* VP_OK, or VP_EINPUT with *pzErr (caller frees) naming the reason and the
** byte offset of the first bad byte. */
int vp_text_check(const char *z, size_t n, char **pzErr);

#endif /* VP_TEXTCHECK_H */
