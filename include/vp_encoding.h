/*
** vp_encoding.h — turns a plan saved in another encoding into UTF-8 before it
** is read: UTF-16 with a byte-order mark, Windows-1258, and the two legacy
** Vietnamese font encodings TCVN3 (ABC) and VNI-Windows (byte tables in
** data/encoding-tcvn3.tsv, data/encoding-vni.tsv). A file that is not valid
** UTF-8 is decoded with each legacy candidate, and each result is scored by
** the share of its accented words that are well-formed Vietnamese syllables;
** the best one is taken only when it is clearly good and clearly ahead. Not
** for reading the text (vp_reader.h) nor for checking it (vp_textcheck.h).
*/
#ifndef VP_ENCODING_H
#define VP_ENCODING_H

#include <stddef.h>

typedef enum vp_encoding_id {
  VP_ENC_UTF8 = 0,   /* already UTF-8: nothing to do */
  VP_ENC_UTF16 = 1,  /* UTF-16 LE or BE with a BOM */
  VP_ENC_CP1258 = 2, /* Windows-1258 */
  VP_ENC_TCVN3 = 3,  /* TCVN3 / ABC */
  VP_ENC_VNI = 4     /* VNI-Windows */
} vp_encoding_id;

/* "UTF-8", "UTF-16", "Windows-1258", "TCVN3", "VNI-Windows". */
const char *vp_encoding_name(vp_encoding_id e);

/* Decode zIn[0..nIn) as encoding e (not VP_ENC_UTF8) into NUL-terminated
** NFC UTF-8 *pzOut (caller frees), *pnOut its length. Bytes the encoding
** does not define become U+FFFD. Returns VP_OK, VP_ENOMEM, or VP_EINPUT with
** *pzErr (bad UTF-16, a broken data table). */
int vp_encoding_decode(const char *zIn, size_t nIn, vp_encoding_id e,
                       char **pzOut, size_t *pnOut, char **pzErr);

/* Score UTF-8 text z[0..n) as Vietnamese: the share (0..1) of its words with
** a non-ASCII letter that are well-formed Vietnamese syllables (onset,
** vowel nucleus, coda, at most one tone mark, vowel marks where they
** belong). *pnWord (may be NULL) gets the number of such words; 0 words
** scores 0. */
double vp_encoding_score(const char *z, size_t n, int *pnWord);

/* Bring zIn[0..nIn) to UTF-8. Returns VP_OK with *pzOut NULL and *peEnc
** VP_ENC_UTF8 when nothing is to be done: valid UTF-8, or bytes that hold a
** NUL and no UTF-16 BOM (binary: left to vp_text_check to refuse). Else
** VP_OK with *pzOut the converted NUL-terminated text (caller frees), *pnOut
** its length and *peEnc the encoding it was read as; or VP_EINPUT with
** *pzErr naming the first bad byte and the likely encoding when none fits
** well enough to be trusted; or VP_ENOMEM. */
int vp_encoding_to_utf8(const char *zIn, size_t nIn, char **pzOut,
                        size_t *pnOut, vp_encoding_id *peEnc, char **pzErr);

#endif /* VP_ENCODING_H */
