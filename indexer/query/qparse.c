/*
** qparse.c — translates a person's query into an FTS5 expression (see
** vp_qparse.h). A small lexer and a recursive-descent parser; every term
** goes out as a quoted FTS5 string so no user text is FTS5 syntax.
** Not for executing queries.
*/
#include "vp_qparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_fold.h"
#include "vp_instref.h"
#include "vp_lexicon.h"
#include "vp_tok.h"

typedef enum { T_END, T_LP, T_RP, T_AND, T_OR, T_NOT, T_WORD, T_PHRASE, T_NUM } ttype;

typedef struct token {
  ttype e;
  char *z;     /* WORD / PHRASE / NUM text (malloc'd) */
  int bPrefix; /* WORD ends with '*' */
} token;

typedef struct parser {
  token *a;
  int n, i;
  int nAlloc; /* tokens a[] has room for */
  int bExact; /* the query is typed with diacritics */
  char *zErr;
  vp_buf out;
  int rc;
  int nDepth; /* parentheses open at this point */
  int bPhraseOnly; /* runs of plain words as their phrase alone */
  int nRun;        /* runs of plain words translated */
  int bInstrument; /* names an instrument with its type and year ("nghị
                   ** định 9/2025"): its number is no date */
} parser;

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* “ and ” (U+201C, U+201D) count as quotes */
int vp_qparse_quote_len(const char *z) {
  if (z[0] == '"') return 1;
  if ((unsigned char)z[0] == 0xE2 && (unsigned char)z[1] == 0x80 &&
      ((unsigned char)z[2] == 0x9C || (unsigned char)z[2] == 0x9D))
    return 3;
  return 0;
}

static int quote_len(const char *z) { return vp_qparse_quote_len(z); }

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum_ascii(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* A document number at z[i]: as written, or typed "69 KL/TW" (a space for
** the Party form's dash). On success fills *p and returns the bytes used. */
static int number_at(const char *z, int n, int i, vp_docnum *p) {
  if (!is_digit(z[i]) || (i > 0 && (is_alnum_ascii(z[i - 1]) || (unsigned char)z[i - 1] >= 0x80)))
    return 0;
  if (vp_docnum_at(z, n, i, p)) return p->iEnd - i;
  int j = i;
  while (j < n && is_digit(z[j])) j++;
  int k = j;
  while (k < n && z[k] == ' ') k++;
  if (k == j || k >= n || is_digit(z[k])) return 0;
  /* "69 KL/TW" → "69-KL/TW" */
  char zTmp[96];
  int nTail = n - k < 64 ? n - k : 64;
  int nTmp = snprintf(zTmp, sizeof(zTmp), "%.*s-%.*s", j - i, z + i, nTail, z + k);
  if (nTmp <= 0 || nTmp >= (int)sizeof(zTmp)) return 0;
  vp_docnum d;
  if (!vp_docnum_at(zTmp, nTmp, 0, &d) || !d.bParty) return 0;
  int nUsed = d.iEnd - (j - i + 1) + (k - i);
  *p = d;
  p->iStart = i;
  p->iEnd = i + nUsed;
  return nUsed;
}

static int push(parser *p, ttype e, const char *z, int n, int bPrefix) {
  if (p->n == p->nAlloc) { /* doubling: a hostile query of 100,000 terms stays linear */
    int nNew = p->nAlloc ? 2 * p->nAlloc : 16;
    token *aNew = realloc(p->a, (size_t)nNew * sizeof(token));
    if (aNew == NULL) return VP_ENOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  p->a[p->n].e = e;
  p->a[p->n].z = z ? vp_strndup(z, n) : NULL;
  p->a[p->n].bPrefix = bPrefix;
  if (z && p->a[p->n].z == NULL) return VP_ENOMEM;
  p->n++;
  return VP_OK;
}

/* Does the word zWord repeat a code of the document number zKey ("NQ"
** before "18-NQ/TW", "QĐ" before "709/QĐ-TTg"), case and marks aside? */
static int word_is_code_of(const char *zWord, const char *zKey, int *pbNoMem) {
  char *zW = vp_fold_str(zWord, -1), *zK = vp_fold_str(zKey, -1);
  int bCode = 0;
  if (zW == NULL || zK == NULL) {
    *pbNoMem = 1;
  } else {
    size_t nW = strlen(zW);
    for (const char *z = zK; *z && !bCode; z += strcspn(z, "-/"), z += *z != 0) {
      size_t nSeg = strcspn(z, "-/");
      bCode = nW > 0 && nSeg == nW && memcmp(z, zW, nW) == 0;
    }
  }
  free(zW);
  free(zK);
  return bCode;
}

/* A kind's code typed before a number that holds it ("NQ 18-NQ/TW") says
** nothing the number does not: dropped, or it would ask for passages with
** the code standing alone besides the number (few cite it that way). */
static int drop_repeated_codes(parser *p) {
  int nOut = 0, bNoMem = 0;
  for (int i = 0; i < p->n; i++) {
    const token *t = &p->a[i];
    if (t->e == T_WORD && !t->bPrefix && i + 1 < p->n && p->a[i + 1].e == T_NUM &&
        (i == 0 || p->a[i - 1].e != T_NOT) && word_is_code_of(t->z, p->a[i + 1].z, &bNoMem)) {
      free(p->a[i].z);
      continue;
    }
    p->a[nOut++] = p->a[i];
  }
  p->n = nOut;
  return bNoMem ? VP_ENOMEM : VP_OK;
}

/* Bytes of the instrument type code ("NQ", "QĐ") that z[0..n) starts with,
** two letters or more, or 0. */
static int type_code_len(const char *z, int n) {
  int k = 0;
  while (k < n && ((z[k] | 32) >= 'a' && (z[k] | 32) <= 'z')) k++;
  if (k + 1 < n && (unsigned char)z[k] == 0xC4 && ((unsigned char)z[k + 1] & 0xFE) == 0x90) {
    k += 2; /* Đ, đ */
    while (k < n && ((z[k] | 32) >= 'a' && (z[k] | 32) <= 'z')) k++;
  }
  if (k < 2) return 0;
  return vp_lexicon_find_code(vp_lexicon_get("instrument-types.tsv", "type"), 0, z, k) ? k : 0;
}

static int all_digits(const char *z) {
  int i = 0;
  while (z[i] >= '0' && z[i] <= '9') i++;
  return i > 0 && i <= 6 && z[i] == 0;
}

/* A type's code with a number, "NQ 57", "QĐ 2597", "NQ57": the number
** with its type as the index holds it beside the whole number ("57-NQ" of
** 57-NQ/TW, "2597-QĐ" of 2597/QĐ-TTg, vp_tok.h), one word. */
static int join_code_numbers(parser *p) {
  int nOut = 0;
  for (int i = 0; i < p->n; i++) {
    token *t = &p->a[i];
    int nZ = t->e == T_WORD && !t->bPrefix ? (int)strlen(t->z) : 0;
    int nCode = nZ ? type_code_len(t->z, nZ) : 0;
    char *zJoined = NULL;
    if (nCode && nCode == nZ && i + 1 < p->n && p->a[i + 1].e == T_WORD && !p->a[i + 1].bPrefix &&
        all_digits(p->a[i + 1].z)) {
      zJoined = vp_mprintf("%s-%s", p->a[i + 1].z, t->z); /* "NQ 57" */
      if (zJoined == NULL) return VP_ENOMEM;
      free(p->a[++i].z);
    } else if (nCode && nCode < nZ && all_digits(t->z + nCode)) {
      zJoined = vp_mprintf("%s-%.*s", t->z + nCode, nCode, t->z); /* "NQ57" */
      if (zJoined == NULL) return VP_ENOMEM;
    }
    if (zJoined) {
      free(t->z);
      t->z = zJoined;
    }
    p->a[nOut++] = *t;
  }
  p->n = nOut;
  return VP_OK;
}

static int ends_operand(ttype e) { return e == T_WORD || e == T_PHRASE || e == T_NUM || e == T_RP; }

/* NOT; "AND NOT" is NOT (an AND before it says nothing more) */
static int push_not(parser *p) {
  if (p->n > 0 && p->a[p->n - 1].e == T_AND) p->n--;
  return push(p, T_NOT, NULL, 0, 0);
}

static int code_points(const char *z, int n) {
  int k = 0;
  for (int i = 0; i < n; i++) k += ((unsigned char)z[i] & 0xC0) != 0x80;
  return k;
}

static int has_word_char_n(const char *z, int n) {
  for (int i = 0; i < n; i++)
    if (is_alnum_ascii(z[i]) || (unsigned char)z[i] >= 0x80) return 1;
  return 0;
}

static int lex(parser *p, const char *z) {
  int n = (int)strlen(z), i = 0, rc = VP_OK;
  while (rc == VP_OK && i < n) {
    if (is_space((unsigned char)z[i])) { i++; continue; }
    int q = quote_len(z + i);
    if (q) {
      int j = i + q, qEnd = 0;
      while (j < n && (qEnd = quote_len(z + j)) == 0) j++;
      if (j >= n) {
        p->zErr = vp_mprintf("unclosed quote: a phrase starts with \" and has no closing \"");
        return VP_EQUERY;
      }
      rc = push(p, T_PHRASE, z + i + q, j - i - q, 0);
      i = j + qEnd;
      continue;
    }
    if (z[i] == '(') { rc = push(p, T_LP, NULL, 0, 0); i++; continue; }
    if (z[i] == ')') { rc = push(p, T_RP, NULL, 0, 0); i++; continue; }
    vp_docnum d;
    int nNum = number_at(z, n, i, &d);
    if (nNum > 0 && (i + nNum >= n || is_space((unsigned char)z[i + nNum]) ||
                     z[i + nNum] == ')' || quote_len(z + i + nNum))) {
      rc = push(p, T_NUM, d.zKey, -1, 0);
      i += nNum;
      continue;
    }
    int j = i;
    while (j < n && !is_space((unsigned char)z[j]) && z[j] != '(' && z[j] != ')' && !quote_len(z + j)) j++;
    int nWord = j - i;
    if (nWord == 3 && memcmp(z + i, "AND", 3) == 0) rc = push(p, T_AND, NULL, 0, 0);
    else if (nWord == 2 && memcmp(z + i, "OR", 2) == 0) rc = push(p, T_OR, NULL, 0, 0);
    else if (nWord == 3 && memcmp(z + i, "NOT", 3) == 0) rc = push_not(p);
    else {
      int bPrefix = 0, k = i;
      while (nWord > 0 && z[i + nWord - 1] == '*') { nWord--; bPrefix = 1; }
      /* "-bão" after a word: NOT bão, as search boxes read it */
      if (nWord > 1 && z[i] == '-' && p->n > 0 && ends_operand(p->a[p->n - 1].e) &&
          (is_alnum_ascii(z[i + 1]) || (unsigned char)z[i + 1] >= 0x80)) {
        rc = push_not(p);
        k++;
        nWord--;
      }
      /* a lone mark ("2021 - 2025", "khoa học & công nghệ") separates
      ** words, it is none */
      if (rc == VP_OK && bPrefix && nWord > 0 && code_points(z + k, nWord) < 2) {
        /* every word of a letter: seconds of reading, no answer */
        p->zErr = vp_mprintf("a prefix* needs two letters or more: %.*s*", nWord, z + k);
        return VP_EQUERY;
      }
      if (rc == VP_OK && nWord > 0 && has_word_char_n(z + k, nWord)) rc = push(p, T_WORD, z + k, nWord, bPrefix);
    }
    i = j;
  }
  if (rc == VP_OK) rc = push(p, T_END, NULL, 0, 0);
  if (rc == VP_OK) rc = drop_repeated_codes(p);
  if (rc == VP_OK) rc = join_code_numbers(p);
  return rc;
}

/* Append a term as an FTS5 string: "…" with quotes doubled, the exact-mode
** mark first when the query is typed with diacritics. */
static void emit_quoted(parser *p, const char *z) {
  vp_buf_append(&p->out, "\"", 1, &p->rc);
  if (p->bExact) vp_buf_append(&p->out, "\x02", 1, &p->rc);
  for (const char *c = z; *c; c++) {
    if (*c == '"') vp_buf_append(&p->out, "\"\"", 2, &p->rc);
    else vp_buf_append(&p->out, c, 1, &p->rc);
  }
  vp_buf_append(&p->out, "\"", 1, &p->rc);
}

/* "9/2025": a number and a year (digits, a slash, 19xx or 20xx) */
static int is_number_year(const char *z) {
  int i = 0;
  while (z[i] >= '0' && z[i] <= '9') i++;
  if (i == 0 || i > 5 || z[i] != '/') return 0;
  const char *y = z + i + 1;
  return ((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')) && y[2] >= '0' &&
         y[2] <= '9' && y[3] >= '0' && y[3] <= '9' && y[4] == 0;
}

/* A term; a number with its year also as the index holds it beside a
** document number ("9/2025" finds "9/2025/NĐ-CP", vp_tok.h), and only so
** when the query names the instrument's type ("nghị định 9/2025"). */
static void emit_string(parser *p, const char *z) {
  if (!is_number_year(z)) {
    emit_quoted(p, z);
    return;
  }
  if (p->bInstrument) { /* not "ngày 26/9/2025" */
    vp_buf_append(&p->out, "\"\x03", 2, &p->rc);
    vp_buf_appends(&p->out, z, &p->rc);
    vp_buf_append(&p->out, "\"", 1, &p->rc);
    return;
  }
  vp_buf_append(&p->out, "(", 1, &p->rc);
  emit_quoted(p, z);
  vp_buf_append(&p->out, " OR \"\x03", 6, &p->rc);
  vp_buf_appends(&p->out, z, &p->rc);
  vp_buf_append(&p->out, "\")", 2, &p->rc);
}

static int has_word_char(const char *z) {
  for (; *z; z++)
    if (is_alnum_ascii(*z) || (unsigned char)*z >= 0x80) return 1;
  return 0;
}

static int fail(parser *p, const char *zMsg) {
  if (p->zErr == NULL) p->zErr = vp_mprintf("%s", zMsg);
  return VP_EQUERY;
}

/* Nesting the parser accepts: deep enough for any query a person types,
** shallow enough for the stack of a server's worker thread. */
#define QP_MAX_DEPTH 64

static int parse_or(parser *p);

static ttype peek(parser *p) { return p->a[p->i].e; }

static int starts_primary(ttype e) { return e == T_LP || e == T_WORD || e == T_PHRASE || e == T_NUM; }

static int parse_primary(parser *p) {
  token *t = &p->a[p->i];
  switch (t->e) {
    case T_LP:
      if (++p->nDepth > QP_MAX_DEPTH) /* the parser recurses once a level */
        return fail(p, "parentheses nested over " VP_STR(QP_MAX_DEPTH) " deep");
      p->i++;
      if (peek(p) == T_RP) return fail(p, "empty parentheses");
      vp_buf_append(&p->out, "(", 1, &p->rc);
      if (parse_or(p) != VP_OK) return VP_EQUERY;
      if (peek(p) != T_RP) return fail(p, "unbalanced parentheses: a ( has no closing )");
      p->i++;
      p->nDepth--;
      vp_buf_append(&p->out, ")", 1, &p->rc);
      return VP_OK;
    case T_WORD:
    case T_PHRASE:
    case T_NUM:
      if (!has_word_char(t->z)) return fail(p, "nothing to search for in a term made only of punctuation");
      emit_string(p, t->z);
      if (t->bPrefix) vp_buf_append(&p->out, " *", 2, &p->rc);
      p->i++;
      return VP_OK;
    case T_RP: return fail(p, "unbalanced parentheses: a ) has no opening (");
    case T_AND: return fail(p, "AND needs words on both sides");
    case T_OR: return fail(p, "OR needs words on both sides");
    case T_NOT: return fail(p, "NOT needs words before it (write: word NOT other)");
    default: return fail(p, "the query ends where a word was expected");
  }
}

/* a run of plain words "w1 w2 … wk": passages where they stand together rank
** first, then passages that have them all anywhere */
static int is_plain_word(const token *t) { return t->e == T_WORD && !t->bPrefix && has_word_char(t->z); }

static int parse_run(parser *p) {
  int i0 = p->i, k = 0;
  while (is_plain_word(&p->a[i0 + k])) k++;
  if (k < 2) return parse_primary(p);
  p->nRun++;
  vp_buf_append(&p->out, "(", 1, &p->rc);
  /* the phrase */
  vp_buf_append(&p->out, "\"", 1, &p->rc);
  if (p->bExact) vp_buf_append(&p->out, "\x02", 1, &p->rc);
  for (int j = 0; j < k; j++) {
    if (j) vp_buf_append(&p->out, " ", 1, &p->rc);
    for (const char *c = p->a[i0 + j].z; *c; c++) {
      if (*c == '"') vp_buf_append(&p->out, "\"\"", 2, &p->rc);
      else vp_buf_append(&p->out, c, 1, &p->rc);
    }
  }
  if (p->bPhraseOnly) {
    vp_buf_append(&p->out, "\")", 2, &p->rc);
    p->i = i0 + k;
    return VP_OK;
  }
  vp_buf_append(&p->out, "\" OR (", 6, &p->rc);
  for (int j = 0; j < k; j++) {
    if (j) vp_buf_append(&p->out, " AND ", 5, &p->rc);
    emit_string(p, p->a[i0 + j].z);
  }
  vp_buf_append(&p->out, "))", 2, &p->rc);
  p->i = i0 + k;
  return VP_OK;
}

static int parse_not(parser *p) {
  if (parse_run(p) != VP_OK) return VP_EQUERY;
  while (peek(p) == T_NOT) {
    p->i++;
    if (!starts_primary(peek(p))) return fail(p, "NOT needs a word after it");
    vp_buf_append(&p->out, " NOT ", 5, &p->rc);
    /* the words after NOT as one term: "NOT quốc gia" leaves out "quốc gia" */
    if (parse_run(p) != VP_OK) return VP_EQUERY;
  }
  return VP_OK;
}

static int parse_and(parser *p) {
  if (parse_not(p) != VP_OK) return VP_EQUERY;
  for (;;) {
    ttype e = peek(p);
    if (e == T_AND) {
      p->i++;
      if (!starts_primary(peek(p))) return fail(p, "AND needs words on both sides");
    } else if (!starts_primary(e)) {
      return VP_OK;
    }
    vp_buf_append(&p->out, " AND ", 5, &p->rc);
    if (parse_not(p) != VP_OK) return VP_EQUERY;
  }
}

static int parse_or(parser *p) {
  if (parse_and(p) != VP_OK) return VP_EQUERY;
  while (peek(p) == T_OR) {
    p->i++;
    if (!starts_primary(peek(p))) return fail(p, "OR needs words on both sides");
    vp_buf_append(&p->out, " OR ", 4, &p->rc);
    if (parse_and(p) != VP_OK) return VP_EQUERY;
  }
  return VP_OK;
}

static int typed_with_diacritics(const token *a, int n) {
  for (int i = 0; i < n; i++) {
    if (a[i].e != T_WORD && a[i].e != T_PHRASE) continue;
    for (const unsigned char *c = (const unsigned char *)a[i].z; *c; c++) {
      if (*c >= 0x80 && quote_len((const char *)c) == 0) return 1;
    }
  }
  return 0;
}

/* bExact: -1 as the query is typed, else 1 (exact) or 0 (every spelling);
** zWhole: the query zQuery is a piece of (itself when whole) */
static int translate(const char *zQuery, const char *zWhole, int bPhraseOnly, int bExact, char **pzFts,
                     char **pzErr) {
  *pzFts = NULL;
  parser p;
  memset(&p, 0, sizeof(p));
  p.bPhraseOnly = bPhraseOnly;
  vp_instref ref;
  p.bInstrument = vp_instref_parse(zWhole, &ref) && ref.zType[0] && ref.nYear;
  int rc = lex(&p, zQuery);
  if (rc == VP_OK && p.n <= 1) rc = fail(&p, "empty query: type words, a \"phrase\" or a document number");
  if (rc == VP_OK) {
    p.bExact = bExact >= 0 ? bExact : typed_with_diacritics(p.a, p.n);
    rc = parse_or(&p);
    if (rc == VP_OK && peek(&p) == T_RP) rc = fail(&p, "unbalanced parentheses: a ) has no opening (");
    if (rc == VP_OK && peek(&p) != T_END) rc = fail(&p, "cannot read the query after a term");
    if (rc == VP_OK && p.rc != VP_OK) rc = p.rc;
  }
  for (int i = 0; i < p.n; i++) free(p.a[i].z);
  free(p.a);
  if (rc == VP_OK && bPhraseOnly && p.nRun == 0) { /* nothing to narrow */
    vp_buf_free(&p.out);
    free(p.zErr);
    return VP_OK;
  }
  if (rc == VP_OK) {
    *pzFts = vp_buf_take(&p.out);
    if (*pzFts == NULL) rc = VP_ENOMEM;
  } else {
    vp_buf_free(&p.out);
    if (rc == VP_EQUERY) *pzErr = p.zErr ? p.zErr : vp_mprintf("cannot read the query");
    else free(p.zErr);
  }
  if (rc == VP_OK) free(p.zErr);
  return rc;
}

int vp_qparse_to_fts5(const char *zQuery, char **pzFts, char **pzErr) {
  return translate(zQuery, zQuery, 0, -1, pzFts, pzErr);
}

int vp_qparse_to_fts5_exact(const char *zQuery, const char *zWhole, int bExact, char **pzFts,
                            char **pzErr) {
  return translate(zQuery, zWhole, 0, bExact != 0, pzFts, pzErr);
}

int vp_qparse_to_fts5_phrases(const char *zQuery, char **pzFts, char **pzErr) {
  return translate(zQuery, zQuery, 1, -1, pzFts, pzErr);
}

int vp_qparse_is_plain(const char *zQuery) {
  if (strpbrk(zQuery, "\"*()") || strstr(zQuery, "\xe2\x80\x9c") || strstr(zQuery, "\xe2\x80\x9d"))
    return 0;
  for (const char *c = zQuery; *c;) {
    while (is_space((unsigned char)*c)) c++;
    const char *s = c;
    while (*c && !is_space((unsigned char)*c)) c++;
    size_t n = (size_t)(c - s);
    if ((n == 3 && (!strncmp(s, "AND", 3) || !strncmp(s, "NOT", 3))) || (n == 2 && !strncmp(s, "OR", 2)))
      return 0;
  }
  return 1;
}

int vp_qparse_docnums(const char *zQuery, vp_docnum *a, int nMax) {
  int n = (int)strlen(zQuery), nOut = 0;
  for (int i = 0; i < n && nOut < nMax; i++) {
    vp_docnum d;
    int nUsed = number_at(zQuery, n, i, &d);
    if (nUsed > 0) {
      a[nOut++] = d;
      i += nUsed - 1;
    }
  }
  return nOut;
}

static int read_int(const char *z, int *pi, int nMaxDigits) {
  int v = 0, k = 0;
  while (is_digit(z[*pi]) && k < nMaxDigits) {
    v = v * 10 + (z[*pi] - '0');
    (*pi)++;
    k++;
  }
  return k ? v : -1;
}

int vp_qparse_date(const char *zQuery, char zIso[11]) {
  int n = (int)strlen(zQuery);
  for (int i = 0; i < n; i++) {
    if (!is_digit(zQuery[i]) || (i > 0 && is_digit(zQuery[i - 1]))) continue;
    int j = i;
    int d = read_int(zQuery, &j, 2);
    /* "01/11/2012", "01-11-2012", "01.11.2012" */
    if (d > 0 && (zQuery[j] == '/' || zQuery[j] == '-' || zQuery[j] == '.')) {
      char sep = zQuery[j++];
      int m = read_int(zQuery, &j, 2);
      if (m > 0 && zQuery[j] == sep) {
        j++;
        int y = read_int(zQuery, &j, 4);
        if (y >= 1900 && y <= 2100 && m <= 12 && d <= 31 && !is_digit(zQuery[j])) {
          snprintf(zIso, 11, "%04d-%02d-%02d", y, m, d);
          return 1;
        }
      }
    }
  }
  /* "ngày 18 tháng 12 năm 2024" (also without diacritics) */
  const char *zTh = strstr(zQuery, "tháng");
  const char *zTh2 = strstr(zQuery, "thang");
  if (zTh == NULL || (zTh2 && zTh2 < zTh)) zTh = zTh2;
  if (zTh) {
    int j = (int)(zTh - zQuery) - 1;
    while (j > 0 && zQuery[j] == ' ') j--;
    int e = j;
    while (j > 0 && is_digit(zQuery[j - 1])) j--;
    int d = (e >= j && is_digit(zQuery[e])) ? atoi(zQuery + j) : -1;
    const char *zM = zTh + (zTh[1] == 'h' && (unsigned char)zTh[2] == 0xC3 ? 6 : 5);
    while (*zM == ' ') zM++;
    int m = atoi(zM);
    const char *zY = strstr(zM, "năm");
    int nSkip = 4;
    if (zY == NULL) { zY = strstr(zM, "nam"); nSkip = 3; }
    if (d > 0 && d <= 31 && m > 0 && m <= 12 && zY) {
      zY += nSkip;
      while (*zY == ' ') zY++;
      int y = atoi(zY);
      if (y >= 1900 && y <= 2100) {
        snprintf(zIso, 11, "%04d-%02d-%02d", y, m, d);
        return 1;
      }
    }
  }
  return 0;
}
