/*
** vp_tok.h — the "vnplan" FTS5 tokenizer. Words are normalized by vp_norm
** (NFC, case folding, one tone-mark placement); the index holds each word's
** exact form only. Document numbers ("69-KL/TW", "709/QĐ-TTg", "472- KH/TU")
** are one token, their vp_docnum zToken. Offsets are byte offsets in the text
** FTS5 passes (the passage's original bytes), NFD and CRLF included.
**
** Query side (FTS5_TOKENIZE_QUERY):
**  - a word typed without diacritics emits itself and, colocated, every
**    indexed word that folds to it, from the index's term_fold table
**    (vp_vocab.h): "khoa" ~ khoa, khóa, khoá; with a prefix ("cong*"), the
**    beginnings of the indexed words whose fold starts with it;
**  - a word typed with diacritics emits its exact form only;
**  - a string whose first byte is VP_TOK_EXACT_MARK is in exact mode: its
**    ASCII words match only themselves (the query translator sets it when the
**    query as a whole is typed with diacritics, so "khoa học" ≠ "khóa học");
**  - a string whose first byte is VP_TOK_NUMBER_MARK is one term as typed,
**    ASCII lowercase: the number with its year ("9/2025") that the index
**    holds beside a document number ("09/2025/NĐ-CP"), where text words
**    split it ("tháng 9/2025": "9", "2025").
*/
#ifndef VP_TOK_H
#define VP_TOK_H

#include <sqlite3.h>

#define VP_TOK_NAME "vnplan"
#define VP_TOK_FOLD_NS '\x01'
#define VP_TOK_EXACT_MARK '\x02'
#define VP_TOK_NUMBER_MARK '\x03'
#define VP_TOK_MAX 256 /* longer words are cut to this many bytes */

/* Register the tokenizer with db (through fts5_api). VP_OK or VP_EDB with
** *pzErr set (caller frees). */
int vp_tok_register(sqlite3 *db, char **pzErr);

/* Token callback with FTS5's xToken shape (flags: 0 or FTS5_TOKEN_COLOCATED).
** A non-zero return stops tokenizing and is returned by vp_tok_run. */
typedef int (*vp_tok_fn)(void *pCtx, int flags, const char *zToken,
                         int nToken, int iStart, int iEnd);

/* Modes of vp_tok_run. */
enum {
  VP_TOK_FORMS = 0, /* every form: each word's exact form and, when that
                    ** differs and is ASCII, VP_TOK_FOLD_NS + its fold,
                    ** colocated (what term_fold is collected from) */
  VP_TOK_QUERY = 1, /* the query side, without a term_fold table */
  VP_TOK_INDEX = 2  /* what FTS5 indexes: exact forms only, and a
                    ** number's parts ("69", "69-kl", "kl/tw") colocated */
};

/* Tokenize z[0..n) as the FTS5 tokenizer does, in mode eMode, without
** SQLite: used by the vocabulary collector, tests, benchmarks and the
** fuzzer. Returns 0 or the callback's non-zero value (SQLITE_NOMEM if a very
** long word cannot get its heap buffer). */
int vp_tok_run(const char *z, int n, int eMode, vp_tok_fn xToken, void *pCtx);

#endif /* VP_TOK_H */
