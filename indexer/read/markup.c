/*
** markup.c — blanks the markup of each line into a same-length copy of the
** file (Markdown emphasis, headings, rules and pipes, HTML tags, entities,
** escapes), so that offsets in the blanked text are offsets in the file, and
** notes each line's Markdown shape (heading level, rule, pipe table row or
** separator, a bare "|" line). Also finds Markdown tables that leave out
** their outer pipes, before blanking.
**
** Not for reading what a line says (lines.c) nor for reading tables
** (tables.c, pipecells.c).
*/
#include "read_int.h"

#include <string.h>
#include <utf8proc.h>

#include "vp_common.h"

/* Named HTML entities and what they stand for (never longer than the
** entity itself, so the text keeps its length). */
static const struct {
  const char *zName;
  const char *zRepl;
} aEntity[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", " "},
    {"ensp", " "},
    {"emsp", " "},
    {"thinsp", " "},
    {"shy", ""},
    {"ndash", "\xE2\x80\x93"},
    {"mdash", "\xE2\x80\x94"},
    {"hellip", "\xE2\x80\xA6"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"laquo", "\xC2\xAB"},
    {"raquo", "\xC2\xBB"},
};

#define RD_MAX_TAG 256  /* longest HTML tag blanked, keeps scans linear */

enum { CK_SPACE, CK_PUNCT, CK_WORD };

static int rd_char_kind(int cp) {
  if (cp < 0) return CK_SPACE;
  if (cp < 0x80) {
    if (rd_is_space((unsigned char)cp)) return CK_SPACE;
    if (rd_is_alpha((unsigned char)cp) || rd_is_digit((unsigned char)cp))
      return CK_WORD;
    return CK_PUNCT;
  }
  int cat = utf8proc_category(cp);
  if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
      cat == UTF8PROC_CATEGORY_ZP)
    return CK_SPACE;
  if (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_SO)
    return CK_PUNCT;
  return CK_WORD;
}

void rd_fill(char *z, int s, int e) {
  if (e > s) memset(z + s, ' ', (size_t)(e - s));
}

/* An HTML tag at z[i] == '<' on the line ending at e: returns the offset
** just after its '>', or 0 when it is not a tag ("x < y", lone '<'). */
int rd_tag_end(const char *z, int i, int e) {
  int j = i + 1;
  if (j < e && z[j] == '/') j++;
  if (j >= e || !rd_is_alpha((unsigned char)z[j])) {
    if (j < e && z[j] == '!' && i + 3 < e && z[i + 2] == '-' && z[i + 3] == '-')
      j = i + 4; /* comment: <!-- … --> on one line */
    else
      return 0;
  } else {
    while (j < e && (rd_is_alpha((unsigned char)z[j]) ||
                     rd_is_digit((unsigned char)z[j])))
      j++;
    if (j < e && z[j] != '>' && z[j] != '/' && !rd_is_space((unsigned char)z[j]))
      return 0;
  }
  int iMax = i + RD_MAX_TAG < e ? i + RD_MAX_TAG : e;
  for (; j < iMax; j++) {
    if (z[j] == '>') return j + 1;
    if (z[j] == '<') return 0;
  }
  return 0;
}

/* An entity at z[i] == '&': writes its replacement into zOut and returns the
** offset after ';', or 0 when it is not a known entity. */
static int rd_entity(const char *z, int i, int e, char *zOut) {
  int j = i + 1;
  int iMax = i + 12 < e ? i + 12 : e;
  char zRepl[8];
  int nRepl = -1;
  if (j < iMax && z[j] == '#') {
    long cp = 0;
    int bHex = 0, nDigit = 0;
    j++;
    if (j < iMax && (z[j] == 'x' || z[j] == 'X')) {
      bHex = 1;
      j++;
    }
    for (; j < iMax && z[j] != ';'; j++) {
      int d;
      char c = z[j];
      if (rd_is_digit((unsigned char)c)) d = c - '0';
      else if (bHex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (bHex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else return 0;
      cp = cp * (bHex ? 16 : 10) + d;
      if (cp > 0x10FFFF) return 0;
      nDigit++;
    }
    if (j >= iMax || nDigit == 0) return 0;
    if (cp < 0x20 || cp == 0xA0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      nRepl = 0; /* controls, NBSP, bad: spaces */
    } else {
      nRepl = (int)utf8proc_encode_char((utf8proc_int32_t)cp,
                                        (utf8proc_uint8_t *)zRepl);
    }
  } else {
    int s = j;
    while (j < iMax && rd_is_alpha((unsigned char)z[j])) j++;
    if (j >= iMax || z[j] != ';' || j == s) return 0;
    for (int k = 0; k < VP_ARRAY_SIZE(aEntity); k++) {
      if ((int)strlen(aEntity[k].zName) == j - s &&
          memcmp(aEntity[k].zName, z + s, (size_t)(j - s)) == 0) {
        nRepl = (int)strlen(aEntity[k].zRepl);
        memcpy(zRepl, aEntity[k].zRepl, (size_t)nRepl);
        break;
      }
    }
    if (nRepl < 0) return 0;
  }
  int iEnd = j + 1;
  if (nRepl > iEnd - i) nRepl = 0;
  rd_fill(zOut, i, iEnd);
  if (nRepl > 0) memcpy(zOut + i, zRepl, (size_t)nRepl);
  return iEnd;
}

/* Does the run z[i..j) stand between a word in capitals and a word that
** starts with a capital ("**NGHỊ ĐỊNH**Quy định về …": a kind heading and
** its title that a portal's page ran together)? Then it is a boundary
** between two words, not marks left inside one. */
static int rd_case_break(const char *z, int iLine, int i, int j, int e) {
  if (i <= iLine || j >= e) return 0;
  int p1 = rd_prev_start(z, iLine, i), cpP1 = -1, cpP2 = -1, cpN1 = -1, cpN2 = -1;
  rd_decode(z, e, p1, &cpP1);
  if (p1 > iLine) rd_decode(z, e, rd_prev_start(z, iLine, p1), &cpP2);
  int n1 = rd_decode(z, e, j, &cpN1);
  if (n1 > 0 && j + n1 < e) rd_decode(z, e, j + n1, &cpN2);
  return cpP1 >= 0 && cpP2 >= 0 && cpN1 >= 0 && cpN2 >= 0 &&
         utf8proc_category(cpP1) == UTF8PROC_CATEGORY_LU && utf8proc_category(cpP2) == UTF8PROC_CATEGORY_LU &&
         utf8proc_category(cpN1) == UTF8PROC_CATEGORY_LU && utf8proc_category(cpN2) == UTF8PROC_CATEGORY_LL;
}

/* A run of '*' or '_' at z[i..j): blank it when it is emphasis, i.e. it
** touches a word on one side only in the way Markdown delimiters do, and it
** is not inside a word or number ("3*4", "snake_case"). */
static int rd_is_emphasis(const char *z, int iLine, int i, int j, int e) {
  int cpPrev = -1, cpNext = -1;
  if (i > iLine) rd_decode(z, e, rd_prev_start(z, iLine, i), &cpPrev);
  if (j < e) rd_decode(z, e, j, &cpNext);
  int kPrev = rd_char_kind(cpPrev), kNext = rd_char_kind(cpNext);
  if (kPrev == CK_WORD && kNext == CK_WORD) return j - i >= 2 && rd_case_break(z, iLine, i, j, e);
  /* "VÀ **" at a line's end, "** **": a bold pair cut by a line break or
  ** left empty; a single '*' between spaces may be a literal */
  if (j - i >= 2 && kPrev == CK_SPACE && kNext == CK_SPACE) return 1;
  int bLeft = kNext != CK_SPACE && (kNext != CK_PUNCT || kPrev != CK_WORD);
  int bRight = kPrev != CK_SPACE && (kPrev != CK_PUNCT || kNext != CK_WORD);
  return bLeft || bRight;
}

/* Is the run z[i..j) between two word characters ("ng**ày", "1**1")? */
static int rd_inside_word(const char *z, int iLine, int i, int j, int e) {
  int cpPrev = -1, cpNext = -1;
  if (i > iLine) rd_decode(z, e, rd_prev_start(z, iLine, i), &cpPrev);
  if (j < e) rd_decode(z, e, j, &cpNext);
  return rd_char_kind(cpPrev) == CK_WORD && rd_char_kind(cpNext) == CK_WORD && !rd_case_break(z, iLine, i, j, e);
}

/* Bold marks a converter left inside a word ("Hà Nội, ng**ày 01",
** "tháng 1**1** năm", "n**ă**m"), the run at z[i] first: the word's letters
** are moved left over them in zOut and the freed bytes, after the word, are
** blanked ("ngày  "), so the word reads whole and every offset past the
** word stays. Returns where the word ends. */
static int rd_close_bold_gaps(const char *z, char *zOut, int iLine, int i, int e) {
  int w = i, r = i;
  while (r < e) {
    if (z[r] == '*') {
      int j = r;
      while (j < e && z[j] == '*') j++;
      if (j - r < 2 || !rd_inside_word(z, iLine, r, j, e)) break;
      r = j;
      continue;
    }
    int cp, nb = rd_decode(z, e, r, &cp);
    if (nb <= 0 || rd_char_kind(cp) != CK_WORD) break;
    memmove(zOut + w, z + r, (size_t)nb);
    w += nb;
    r += nb;
  }
  rd_fill(zOut, w, r);
  return r;
}

static int rd_only_chars(const char *z, int s, int e, const char *zSet) {
  for (int i = s; i < e; i++) {
    if (strchr(zSet, z[i]) == NULL || z[i] == 0) return 0;
  }
  return 1;
}

/* A horizontal rule: three or more of one of - * _ and nothing else. */
static int rd_is_rule(const char *z, int s, int e) {
  int n = 0;
  char c0 = 0;
  for (int i = s; i < e; i++) {
    char c = z[i];
    if (rd_is_space((unsigned char)c)) continue;
    if (c != '-' && c != '*' && c != '_') return 0;
    if (c0 && c != c0) return 0;
    c0 = c;
    n++;
  }
  return n >= 3;
}

/* Blank the markup of line L in zOut (a copy of z) and note its Markdown
** shape (heading level, rule, pipe table). */
void rd_blank_line(const char *z, char *zOut, rd_line *pL) {
  int s = pL->iRaw, e = pL->iRawEnd;
  while (s < e && (z[s] == ' ' || z[s] == '\t')) s++;
  if (rd_is_rule(z, s, e)) {
    rd_fill(zOut, s, e);
    pL->bHr = 1;
    return;
  }
  if (s < e && (z[s] == '|' || pL->bPipe)) {
    pL->bPipe = 1;
    if (rd_only_chars(z, s, e, "|-: \t\r")) {
      pL->bPipeSep = 1;
      int nBar = 0;
      for (int q = s; q < e; q++) nBar += z[q] == '|';
      pL->bBarePipe = nBar == 1 && rd_only_chars(z, s, e, "| \t\r");
      rd_fill(zOut, s, e);
      return;
    }
  }
  int h = 0;
  while (s + h < e && h < 7 && z[s + h] == '#') h++;
  if (h >= 1 && h <= 6 && (s + h == e || z[s + h] == ' ' || z[s + h] == '\t')) {
    pL->mdLevel = (unsigned char)h;
    rd_fill(zOut, s, s + h);
    s += h;
  }
  for (int i = s; i < e;) {
    char c = z[i];
    if (c == '<') {
      int j = rd_tag_end(z, i, e);
      if (j) {
        rd_fill(zOut, i, j);
        i = j;
        continue;
      }
    } else if (c == '&') {
      int j = rd_entity(z, i, e, zOut);
      if (j) {
        i = j;
        continue;
      }
    } else if (c == '*' || c == '_') {
      int j = i;
      while (j < e && z[j] == c) j++;
      if (c == '*' && j - i >= 2 && rd_inside_word(z, pL->iRaw, i, j, e)) {
        i = rd_close_bold_gaps(z, zOut, pL->iRaw, i, e);
        continue;
      }
      if (rd_is_emphasis(z, pL->iRaw, i, j, e)) rd_fill(zOut, i, j);
      i = j;
      continue;
    } else if (c == '|' && pL->bPipe) {
      if (i == 0 || z[i - 1] != '\\') zOut[i] = ' ';
    } else if (c == '\\' && i + 1 < e && strchr("*_|#<>[]`", z[i + 1])) {
      zOut[i] = ' '; /* Markdown escape */
      i += 2;
      continue;
    }
    i++;
  }
}

static int rd_raw_has_pipe(const rd_ctx *p, const rd_line *pL) {
  return memchr(p->zRaw + pL->iRaw, '|', (size_t)(pL->iRawEnd - pL->iRaw)) != NULL;
}

/* Markdown tables may leave out the outer pipes ("a | b" over "--|--"):
** find them by their separator line, before markup is blanked. */
void rd_mark_bare_pipe_tables(rd_ctx *p) {
  for (int k = 0; k + 1 < p->nLine; k++) {
    rd_line *pL = &p->aLine[k], *pSep = &p->aLine[k + 1];
    int s = pSep->iRaw, e = pSep->iRawEnd;
    while (s < e && rd_is_space((unsigned char)p->zRaw[s])) s++;
    if (s >= e || !rd_raw_has_pipe(p, pSep) || !memchr(p->zRaw + s, '-', (size_t)(e - s)) ||
        !rd_only_chars(p->zRaw, s, e, "|-: \t\r") || !rd_raw_has_pipe(p, pL))
      continue;
    pL->bPipe = pSep->bPipe = 1;
    int m = k + 2;
    while (m < p->nLine && rd_raw_has_pipe(p, &p->aLine[m])) p->aLine[m++].bPipe = 1;
    k = m - 1;
  }
}
