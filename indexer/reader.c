/*
** reader.c — turns the bytes of a plan into passages (see vp_reader.h).
**
** Pipeline: validate (load only) → blank markup into a same-length copy of
** the file → cut lines and note what each looks like (label, heading marks,
** table shapes, signature, recipients…) → group lines into passages (tables
** first, then paragraphs with hard-wrap joining) → one pass over the passages
** for kinds, the heading stack, section paths, parents and lead-ins.
**
** Not for meaning: instruments, agencies and tasks are read by vp_cite,
** vp_agency and vp_task from the passages made here. Nothing here may depend
** on a particular document: only general layout rules and small word tables.
*/
#include "vp_reader.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vp_columns.h"
#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"

/* ------------------------------------------------------------------------
** Word tables (folded: lowercase ASCII, no diacritics, spaces collapsed)
*/


/* Signature block: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (prefix forms,
** followed by more words) and bare titles on their own line. */
static const char *const azSigPrefix[] = {"tm.", "tm ", "t/m", "kt.", "kt ",
                                          "k/t", "q.",  "tl.", "ttl.", "tuq."};
static const char *const azSigTitle[] = {
    "chu tich",      "pho chu tich",   "giam doc",       "pho giam doc",
    "bi thu",        "pho bi thu",     "chanh van phong", "truong ban",
    "pho truong ban", "thu truong",    "pho thu truong", "bo truong"};

/* Headings that open an appendix, whose tables number their own rows. */
static const char *const azAppendix[] = {"phu luc", "bieu", "danh muc"};
static const char *const azNotAppendix[] = {"bieu duong"}; /* commendation */

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

/* ------------------------------------------------------------------------
** Types
*/

enum { LB_NONE = 0, LB_ROMAN, LB_ARABIC, LB_DECIMAL, LB_LETTER, LB_DASH,
       LB_BULLET, LB_PLUS };

#define RANK_TOP 0      /* unlabelled title heading: closes every section */
#define RANK_SUBHEAD 34 /* unlabelled bold heading inside a section */
#define RANK_LEADIN 35  /* "Sở X:" before bullets */
#define RD_MAX_TAG 256  /* longest HTML tag blanked, keeps scans linear */
#define RD_FOLD_MAX 240 /* bytes of a line folded for word tests */

typedef struct rd_label {
  int eType;
  int nDepth;      /* components of a decimal label ("4.2.1" → 3) */
  char zLabel[16]; /* label without punctuation */
  int iText;       /* offset of the text after the label */
} rd_label;

typedef struct rd_line {
  int iRaw, iRawEnd; /* the line in the file, without '\n' */
  int iCs, iCe;      /* trimmed content in the blanked text; equal = blank */
  int iLineNo;       /* 1-based */
  int nChar;         /* visible characters (combining marks not counted) */
  rd_label lab;      /* its list label, eType LB_NONE when none */
  unsigned char mdLevel; /* number of Markdown '#' */
  unsigned bBold : 1;     /* whole line in ** ** / <b> </b> */
  unsigned bAllCaps : 1;  /* letters all upper case */
  unsigned bTerminal : 1; /* ends with . ; : ! ? ) " ” … */
  unsigned bColon : 1;    /* ends with ':' */
  unsigned bSlashDot : 1; /* ends with the closing "./." */
  unsigned bLower : 1;    /* text starts with a lower-case letter or digit */
  unsigned bFootnote : 1; /* starts with <sup>N</sup> or [^N] */
  unsigned bHr : 1;       /* ---, ***: a page break, blank */
  unsigned bPipe : 1;     /* Markdown table row */
  unsigned bPipeSep : 1;  /* Markdown table |---| separator */
  unsigned bTab : 1;      /* has a tab after some text: TSV row */
  unsigned bHtmlTable : 1; /* starts with <table */
  unsigned bSig : 1;      /* signature title line */
  unsigned bRecip : 1;    /* "Nơi nhận:" */
  unsigned bHeader : 1;   /* header block line: "Số: …", "X, ngày … năm …" */
  unsigned bColName : 1;  /* a table column name on its own */
  unsigned bRowNum : 1;   /* a bare row number "2", "2.1" */
  unsigned bAppendix : 1; /* starts with "PHỤ LỤC", "BIỂU", "DANH MỤC" */
  unsigned bShortName : 1; /* short line that can be a signer's name */
  unsigned bInCellRun : 1; /* inside a one-cell-per-line table */
  unsigned bBarePipe : 1;  /* only "|": a cell boundary of the portal's
                           ** one-cell-per-line table form */
  unsigned bPipeDone : 1;  /* bare pipe of a table already read */
  unsigned bWrapWord : 1;  /* ends with a word that cannot end a sentence
                           ** (data/wrap-words.tsv): the text goes on */
  int iBoldEnd;            /* a bold span opened here closes on this later
                           ** line ("**2. Sở" / "Tài chính**"); 0 if none */
} rd_line;

/* What the grouping step knows about a passage, for the structure pass. */
typedef struct rd_pinfo {
  int iFirst, iLast; /* first and last line (or -1 for HTML rows) */
  rd_label lab;
  int iTableId;      /* 0 = not in a table */
} rd_pinfo;

typedef struct rd_ctx {
  const char *zRaw;
  int nRaw;
  char *zClean; /* zRaw with markup blanked, same length */
  rd_line *aLine;
  int nLine;
  vp_passage *aP;
  rd_pinfo *aInfo;
  int nP, nPAlloc;
  int bUnwrapped; /* one paragraph per line, no blank lines between */
  int nTable;     /* tables seen, for table ids */
  vp_header header; /* the header block, when it is a layout table */
  int iHeaderLine;  /* its first line; 0 when none */
  int rc;
} rd_ctx;

static void rd_header_clear(vp_header *h);
static int rd_ends_with_wrap_word(const char *zF);

/* ------------------------------------------------------------------------
** Small character helpers
*/

static int rd_is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

static int rd_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int rd_is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decode the code point at z[i] (i < n). Returns its length (>= 1). */
static int rd_decode(const char *z, int n, int i, int *pCp) {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)z + i,
                                          n - i, &cp);
  if (len <= 0) {
    *pCp = 0xFFFD;
    return 1;
  }
  *pCp = cp;
  return (int)len;
}

/* Start of the code point ending just before z[i] (never before iMin). */
static int rd_prev_start(const char *z, int iMin, int i) {
  int j = i - 1;
  int k = 0;
  while (j > iMin && k < 3 && ((unsigned char)z[j] & 0xC0) == 0x80) {
    j--;
    k++;
  }
  return j;
}

static int rd_is_mark_cat(int cat) {
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
         cat == UTF8PROC_CATEGORY_ME;
}

/* NBSP (C2 A0) counts as white space when trimming. */
static int rd_space_at(const char *z, int i, int e) {
  if (rd_is_space((unsigned char)z[i])) return 1;
  if (i + 1 < e && (unsigned char)z[i] == 0xC2 && (unsigned char)z[i + 1] == 0xA0)
    return 2;
  return 0;
}

static void rd_trim(const char *z, int *pS, int *pE) {
  int s = *pS, e = *pE, k;
  while (s < e && (k = rd_space_at(z, s, e)) > 0) s += k;
  while (e > s) {
    if (rd_is_space((unsigned char)z[e - 1])) {
      e--;
    } else if (e - 2 >= s && (unsigned char)z[e - 2] == 0xC2 &&
               (unsigned char)z[e - 1] == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  *pS = s;
  *pE = e;
}

/* malloc'd copy of z[s,e) trimmed with inner white space runs collapsed. */
static char *rd_collapse(const char *z, int s, int e) {
  rd_trim(z, &s, &e);
  char *zOut = malloc((size_t)(e - s) + 1);
  if (zOut == NULL) return NULL;
  int n = 0, bSpace = 0, k;
  for (int i = s; i < e;) {
    if ((k = rd_space_at(z, i, e)) > 0) {
      bSpace = 1;
      i += k;
      continue;
    }
    if (bSpace && n > 0) zOut[n++] = ' ';
    bSpace = 0;
    zOut[n++] = z[i++];
  }
  zOut[n] = 0;
  return zOut;
}

/* Folded copy of at most RD_FOLD_MAX bytes of z[s,e), cut on a character
** boundary. NULL on OOM. */
static char *rd_fold_prefix(const char *z, int s, int e) {
  int n = e - s;
  if (n > RD_FOLD_MAX) {
    n = RD_FOLD_MAX;
    while (n > 0 && ((unsigned char)z[s + n] & 0xC0) == 0x80) n--;
  }
  return vp_fold_str(z + s, n);
}

static int rd_starts_with(const char *z, const char *zPrefix) {
  return strncmp(z, zPrefix, strlen(zPrefix)) == 0;
}

static int rd_ci_starts(const char *z, int n, const char *zPrefix) {
  int k = (int)strlen(zPrefix);
  if (n < k) return 0;
  for (int i = 0; i < k; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != zPrefix[i]) return 0;
  }
  return 1;
}

/* ------------------------------------------------------------------------
** Validation
*/

/* Offset of the first byte that is not valid UTF-8 (overlong forms,
** surrogates and code points above U+10FFFF included), or -1. */
static long rd_first_bad_utf8(const unsigned char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = z[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    int nCont;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      nCont = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      nCont = 2;
      if (c == 0xE0) lo = 0xA0;       /* overlong */
      if (c == 0xED) hi = 0x9F;       /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      nCont = 3;
      if (c == 0xF0) lo = 0x90;       /* overlong */
      if (c == 0xF4) hi = 0x8F;       /* above U+10FFFF */
    } else {
      return (long)i;                 /* C0, C1, F5..FF, stray continuation */
    }
    if (i + (size_t)nCont >= n) return (long)i; /* truncated */
    if (z[i + 1] < lo || z[i + 1] > hi) return (long)i;
    for (int k = 2; k <= nCont; k++) {
      if (z[i + k] < 0x80 || z[i + k] > 0xBF) return (long)i;
    }
    i += (size_t)nCont + 1;
  }
  return -1;
}

/* ------------------------------------------------------------------------
** Markup blanking
*/

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

static void rd_fill(char *z, int s, int e) {
  if (e > s) memset(z + s, ' ', (size_t)(e - s));
}

/* An HTML tag at z[i] == '<' on the line ending at e: returns the offset
** just after its '>', or 0 when it is not a tag ("x < y", lone '<'). */
static int rd_tag_end(const char *z, int i, int e) {
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

/* A run of '*' or '_' at z[i..j): blank it when it is emphasis, i.e. it
** touches a word on one side only in the way Markdown delimiters do, and it
** is not inside a word or number ("3*4", "snake_case"). */
static int rd_is_emphasis(const char *z, int iLine, int i, int j, int e) {
  int cpPrev = -1, cpNext = -1;
  if (i > iLine) rd_decode(z, e, rd_prev_start(z, iLine, i), &cpPrev);
  if (j < e) rd_decode(z, e, j, &cpNext);
  int kPrev = rd_char_kind(cpPrev), kNext = rd_char_kind(cpNext);
  if (kPrev == CK_WORD && kNext == CK_WORD) return 0;
  /* "VÀ **" at a line's end, "** **": a bold pair cut by a line break or
  ** left empty; a single '*' between spaces may be a literal */
  if (j - i >= 2 && kPrev == CK_SPACE && kNext == CK_SPACE) return 1;
  int bLeft = kNext != CK_SPACE && (kNext != CK_PUNCT || kPrev != CK_WORD);
  int bRight = kPrev != CK_SPACE && (kPrev != CK_PUNCT || kNext != CK_WORD);
  return bLeft || bRight;
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
static void rd_blank_line(const char *z, char *zOut, rd_line *pL) {
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

/* ------------------------------------------------------------------------
** Labels
*/

static int rd_roman_ok(const char *z, int n) {
  static const char *const azRoman[] = {
      "I",     "II",     "III",    "IV",    "V",    "VI",    "VII",
      "VIII",  "IX",     "X",      "XI",    "XII",  "XIII",  "XIV",
      "XV",    "XVI",    "XVII",   "XVIII", "XIX",  "XX",    "XXI",
      "XXII",  "XXIII",  "XXIV",   "XXV",   "XXVI", "XXVII", "XXVIII",
      "XXIX",  "XXX"};
  for (int k = 0; k < VP_ARRAY_SIZE(azRoman); k++) {
    if ((int)strlen(azRoman[k]) == n && memcmp(azRoman[k], z, (size_t)n) == 0)
      return 1;
  }
  return 0;
}

static int rd_first_is_lower(const char *z, int i, int e) {
  int cp;
  if (i >= e) return 0;
  rd_decode(z, e, i, &cp);
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static void rd_set_label(rd_label *pL, int eType, const char *z, int n) {
  pL->eType = eType;
  if (n > (int)sizeof(pL->zLabel) - 1) n = (int)sizeof(pL->zLabel) - 1;
  memcpy(pL->zLabel, z, (size_t)n);
  pL->zLabel[n] = 0;
}

/* Digits of a numeric label at z[i]: "3", "3.1", "4.2.1". Returns the end
** offset, or 0; *pnDepth gets the number of components. */
static int rd_scan_number(const char *z, int i, int e, int *pnDepth) {
  int j = i;
  while (j < e && j - i < 4 && rd_is_digit((unsigned char)z[j])) j++;
  if (j == i || j - i > 3) return 0;
  int nDepth = 1;
  while (j + 1 < e && z[j] == '.' && rd_is_digit((unsigned char)z[j + 1])) {
    int k = j + 1;
    while (k < e && k - j <= 3 && rd_is_digit((unsigned char)z[k])) k++;
    if (k - j - 1 > 2) return 0; /* "2.000": a number, not a label */
    j = k;
    nDepth++;
  }
  *pnDepth = nDepth;
  return j;
}

/* The list label at the start of the content z[i,e), if any. */
static int rd_parse_label(const char *z, int i, int e, rd_label *pL) {
  memset(pL, 0, sizeof(*pL));
  if (i >= e) return 0;
  unsigned char c = (unsigned char)z[i];
  /* bullets */
  static const struct {
    const char *z;
    int eType;
    const char *zLabel;
  } aBullet[] = {
      {"-", LB_DASH, "-"},           {"+", LB_PLUS, "+"},
      {"*", LB_BULLET, "*"},         {"\xE2\x80\xA2", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x80\x93", LB_DASH, "-"}, {"\xE2\x80\x94", LB_DASH, "-"},
      {"\xEF\x82\xA7", LB_BULLET, "\xE2\x80\xA2"},
      {"\xEF\x82\xB7", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x97\xA6", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x96\xAA", LB_BULLET, "\xE2\x80\xA2"},
      {"\xE2\x9E\xA2", LB_BULLET, "\xE2\x80\xA2"},
  };
  for (int k = 0; k < VP_ARRAY_SIZE(aBullet); k++) {
    int n = (int)strlen(aBullet[k].z);
    if (i + n < e && memcmp(z + i, aBullet[k].z, (size_t)n) == 0 &&
        rd_space_at(z, i + n, e)) {
      rd_set_label(pL, aBullet[k].eType, aBullet[k].zLabel,
                   (int)strlen(aBullet[k].zLabel));
      int s = i + n, t = e;
      rd_trim(z, &s, &t);
      pL->iText = s;
      return 1;
    }
  }
  int j, nDepth = 0;
  /* roman numerals: "II. NHIỆM VỤ" */
  if (c == 'I' || c == 'V' || c == 'X') {
    j = i;
    while (j < e && j - i < 8 && (z[j] == 'I' || z[j] == 'V' || z[j] == 'X')) j++;
    if (j + 1 < e && (z[j] == '.' || z[j] == ')') && rd_roman_ok(z + i, j - i) &&
        rd_space_at(z, j + 1, e)) {
      int s = j + 1, t = e;
      rd_trim(z, &s, &t);
      if (s < t) {
        rd_set_label(pL, LB_ROMAN, z + i, j - i);
        pL->nDepth = 1;
        pL->iText = s;
        return 1;
      }
    }
    return 0;
  }
  /* numbers: "1." "2)" "3.1" "3.1." "4.2.1" */
  if (rd_is_digit(c)) {
    j = rd_scan_number(z, i, e, &nDepth);
    if (j == 0) return 0;
    int iNum = j;
    int bPunct = 0;
    if (j < e && (z[j] == '.' || z[j] == ')')) {
      bPunct = 1;
      j++;
    }
    if (!bPunct && nDepth == 1) return 0;
    int s = j, t = e;
    if (j < e && rd_space_at(z, j, e)) {
      rd_trim(z, &s, &t);
    } else if (!bPunct || j >= e) {
      return 0;
    } else {
      int cp;
      rd_decode(z, e, j, &cp);
      if (utf8proc_category(cp) != UTF8PROC_CATEGORY_LU) return 0;
    }
    if (s >= t || rd_first_is_lower(z, s, t)) return 0;
    rd_set_label(pL, nDepth > 1 ? LB_DECIMAL : LB_ARABIC, z + i, iNum - i);
    pL->nDepth = nDepth;
    pL->iText = s;
    return 1;
  }
  /* letters: "a)" "b)" "đ)" */
  int nLetter = 0;
  if (c >= 'a' && c <= 'z') nLetter = 1;
  else if (c == 0xC4 && i + 1 < e && (unsigned char)z[i + 1] == 0x91) nLetter = 2;
  if (nLetter && i + nLetter + 1 < e && z[i + nLetter] == ')' &&
      rd_space_at(z, i + nLetter + 1, e)) {
    int s = i + nLetter + 1, t = e;
    rd_trim(z, &s, &t);
    if (s < t) {
      rd_set_label(pL, LB_LETTER, z + i, nLetter);
      pL->nDepth = 1;
      pL->iText = s;
      return 1;
    }
  }
  return 0;
}

/* A cell or line that is only a row number: "2", "2.1", "3.", "II". */
static int rd_parse_rownum(const char *z, int s, int e, rd_label *pL) {
  memset(pL, 0, sizeof(*pL));
  rd_trim(z, &s, &e);
  if (s >= e) return 0;
  if (e > s && (z[e - 1] == '.' || z[e - 1] == ')')) e--;
  int nDepth = 0;
  if (rd_is_digit((unsigned char)z[s])) {
    int j = rd_scan_number(z, s, e, &nDepth);
    if (j != e) return 0;
    rd_set_label(pL, nDepth > 1 ? LB_DECIMAL : LB_ARABIC, z + s, e - s);
    pL->nDepth = nDepth;
    pL->iText = e;
    return 1;
  }
  if (rd_roman_ok(z + s, e - s)) {
    rd_set_label(pL, LB_ROMAN, z + s, e - s);
    pL->nDepth = 1;
    pL->iText = e;
    return 1;
  }
  return 0;
}

static int rd_rank(const rd_label *pL) {
  switch (pL->eType) {
    case LB_ROMAN: return 10;
    case LB_ARABIC: return 20;
    case LB_DECIMAL: return 20 + (pL->nDepth > 9 ? 9 : pL->nDepth) - 1;
    case LB_LETTER: return 30;
    case LB_DASH: return 40;
    case LB_BULLET: return 42;
    case LB_PLUS: return 50;
    default: return RANK_TOP;
  }
}

static int rd_is_bullet(int eType) {
  return eType == LB_DASH || eType == LB_BULLET || eType == LB_PLUS;
}

static int rd_is_numbered(int eType) {
  return eType == LB_ROMAN || eType == LB_ARABIC || eType == LB_DECIMAL ||
         eType == LB_LETTER;
}

/* ------------------------------------------------------------------------
** Line features
*/

static int rd_is_colname(const char *zFold) { return vp_columns_is_name(zFold); }

static int rd_is_sig_title(const char *zFold, int bAllCaps) {
  if (!bAllCaps) return 0;
  for (int k = 0; k < VP_ARRAY_SIZE(azSigPrefix); k++) {
    if (rd_starts_with(zFold, azSigPrefix[k]) &&
        strlen(zFold) > strlen(azSigPrefix[k]) + 1)
      return 1;
  }
  /* "PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC": a title and at most two
  ** more words */
  for (int k = 0; k < VP_ARRAY_SIZE(azSigTitle); k++) {
    size_t m = strlen(azSigTitle[k]);
    if (strncmp(zFold, azSigTitle[k], m) != 0) continue;
    if (zFold[m] == 0) return 1;
    if (zFold[m] != ' ') continue;
    int nWord = 1;
    for (const char *q = zFold + m + 1; *q; q++) nWord += *q == ' ';
    if (nWord <= 2) return 1;
  }
  return 0;
}

/* "Số: 222/KH-UBND", "Tuyên Quang, ngày 18 tháng 12 năm 2024" */
static int rd_is_header_line(const char *zFold, int nChar) {
  if (nChar <= 60 && (rd_starts_with(zFold, "so:") || rd_starts_with(zFold, "so :")))
    return 1;
  if (rd_starts_with(zFold, "v/v ")) return 1;
  if (nChar <= 80 && strstr(zFold, ", ngay ") && strstr(zFold, " thang ") &&
      strstr(zFold, " nam "))
    return 1;
  return 0;
}

static int rd_is_terminal_end(const char *z, int s, int e) {
  if (e <= s) return 0;
  unsigned char c = (unsigned char)z[e - 1];
  if (strchr(".;:!?)\"'", c) && c) return 1;
  if (e - 3 >= s && (unsigned char)z[e - 3] == 0xE2 && (unsigned char)z[e - 2] == 0x80) {
    unsigned char c3 = (unsigned char)z[e - 1];
    return c3 == 0x9D || c3 == 0x99 || c3 == 0xA6; /* ” ’ … */
  }
  if (e - 2 >= s && (unsigned char)z[e - 2] == 0xC2 && c == 0xBB) return 1; /* » */
  return 0;
}

/* Raw content starts and ends with bold markers. */
static int rd_is_bold_line(const char *z, int s, int e) {
  while (s < e && (z[s] == '#' || z[s] == ' ' || z[s] == '\t')) s++;
  while (e > s && rd_is_space((unsigned char)z[e - 1])) e--;
  if (e - s < 5) return 0;
  int bOpen = (z[s] == '*' && z[s + 1] == '*') || (z[s] == '_' && z[s + 1] == '_') ||
              rd_ci_starts(z + s, e - s, "<b>") || rd_ci_starts(z + s, e - s, "<strong>");
  if (!bOpen) return 0;
  if ((z[e - 1] == '*' && z[e - 2] == '*') || (z[e - 1] == '_' && z[e - 2] == '_'))
    return 1;
  if (e - s >= 4 && rd_ci_starts(z + e - 4, 4, "</b>")) return 1;
  if (e - s >= 9 && rd_ci_starts(z + e - 9, 9, "</strong>")) return 1;
  return 0;
}

/* Fill the features of a non-blank line from its raw and blanked text. */
static int rd_line_features(rd_ctx *p, rd_line *pL) {
  const char *z = p->zClean;
  const char *zR = p->zRaw;
  int s = pL->iCs, e = pL->iCe;
  int nLower = 0, nUpper = 0, nChar = 0;
  for (int i = s; i < e;) {
    int cp;
    int k = rd_decode(z, e, i, &cp);
    int cat = utf8proc_category(cp);
    if (!rd_is_mark_cat(cat)) nChar++;
    if (cat == UTF8PROC_CATEGORY_LL) nLower++;
    else if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) nUpper++;
    i += k;
  }
  pL->nChar = nChar;
  pL->bAllCaps = nUpper >= 2 && nLower == 0 && nChar <= 1000;
  rd_parse_label(z, s, e, &pL->lab);
  int iText = pL->lab.eType ? pL->lab.iText : s;
  if (iText < e) {
    int cp;
    rd_decode(z, e, iText, &cp);
    pL->bLower = utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ||
                 rd_is_digit((unsigned char)z[iText]);
  }
  pL->bTerminal = rd_is_terminal_end(z, s, e);
  pL->bColon = z[e - 1] == ':';
  pL->bSlashDot = e - s >= 3 && memcmp(z + e - 3, "./.", 3) == 0;
  if (!pL->bSlashDot) {
    /* "./." followed by a stray conversion artefact ("./. H2") */
    int iFrom = e - 8 > s ? e - 8 : s;
    for (int i = iFrom; i + 3 <= e; i++)
      if (memcmp(z + i, "./.", 3) == 0) pL->bSlashDot = 1;
  }
  int rs = pL->iRaw, re = pL->iRawEnd;
  while (rs < re && (zR[rs] == ' ' || zR[rs] == '\t')) rs++;
  pL->bBold = rd_is_bold_line(zR, rs, re);
  pL->bFootnote = rd_ci_starts(zR + rs, re - rs, "<sup>") ||
                  rd_ci_starts(zR + rs, re - rs, "[^");
  pL->bHtmlTable = rd_ci_starts(zR + rs, re - rs, "<table");
  /* a TSV row: a tab after some text, or two tabs ("\ttext\t\t" continues
  ** the row above with an empty first cell); one leading tab is indent */
  const char *zTab = memchr(zR + rs, '\t', (size_t)(re - rs));
  const char *zTab0 = memchr(zR + pL->iRaw, '\t', (size_t)(re - pL->iRaw));
  pL->bTab = zTab != NULL ||
             (zTab0 && memchr(zTab0 + 1, '\t', (size_t)(zR + re - zTab0 - 1)) != NULL);
  rd_label row;
  pL->bRowNum = rd_parse_rownum(z, s, e, &row);
  if (nChar <= 120) {
    char *zFold = rd_fold_prefix(z, s, e);
    if (zFold == NULL) return VP_ENOMEM;
    pL->bSig = rd_is_sig_title(zFold, pL->bAllCaps);
    pL->bRecip = rd_starts_with(zFold, "noi nhan") &&
                 (zFold[8] == 0 || zFold[8] == ':' ||
                  (zFold[8] == ' ' && (zFold[9] == ':' || nChar <= 40)));
    pL->bHeader = rd_is_header_line(zFold, nChar);
    pL->bColName = rd_is_colname(zFold);
    pL->bWrapWord = !pL->bTerminal && rd_ends_with_wrap_word(zFold);
    for (int k = 0; k < VP_ARRAY_SIZE(azAppendix); k++) {
      int m = (int)strlen(azAppendix[k]);
      if (rd_starts_with(zFold, azAppendix[k]) && (zFold[m] == 0 || zFold[m] == ' '))
        pL->bAppendix = 1;
    }
    for (int k = 0; k < VP_ARRAY_SIZE(azNotAppendix); k++)
      if (rd_starts_with(zFold, azNotAppendix[k])) pL->bAppendix = 0;
    int nWord = 1, bDigit = 0;
    for (const char *q = zFold; *q; q++) {
      nWord += *q == ' ';
      bDigit |= rd_is_digit((unsigned char)*q);
    }
    pL->bShortName = nChar <= 40 && nWord <= 6 && !bDigit && pL->lab.eType == LB_NONE &&
                     ((!pL->bTerminal && !pL->bAllCaps) ||
                      (zFold[0] == '(' && (rd_starts_with(zFold, "(da ky") ||
                                           rd_starts_with(zFold, "(ky"))));
    free(zFold);
  }
  return VP_OK;
}

/* ------------------------------------------------------------------------
** Passages
*/

/* Append a passage of kind eKind over [iStart,iEnd); returns its index or
** -1 on OOM (p->rc set). */
static int rd_add(rd_ctx *p, vp_pkind eKind, int iStart, int iEnd, int iLineNo,
                  int iFirst, int iLast) {
  if (p->rc) return -1;
  if (p->nP == p->nPAlloc) {
    int nNew = p->nPAlloc ? p->nPAlloc * 2 : 64;
    vp_passage *aP = realloc(p->aP, sizeof(vp_passage) * (size_t)nNew);
    if (aP == NULL) {
      p->rc = VP_ENOMEM;
      return -1;
    }
    p->aP = aP;
    rd_pinfo *aI = realloc(p->aInfo, sizeof(rd_pinfo) * (size_t)nNew);
    if (aI == NULL) {
      p->rc = VP_ENOMEM;
      return -1;
    }
    p->aInfo = aI;
    p->nPAlloc = nNew;
  }
  int i = p->nP++;
  vp_passage *pP = &p->aP[i];
  memset(pP, 0, sizeof(*pP));
  pP->eKind = eKind;
  pP->iStart = iStart;
  pP->iEnd = iEnd;
  pP->iLine = iLineNo;
  pP->iParent = -1;
  pP->iTable = -1;
  rd_pinfo *pI = &p->aInfo[i];
  memset(pI, 0, sizeof(*pI));
  pI->iFirst = iFirst;
  pI->iLast = iLast;
  if (iFirst >= 0) pI->lab = p->aLine[iFirst].lab;
  return i;
}

static int rd_is_blank(const rd_line *pL) { return pL->iCs >= pL->iCe; }

/* Next non-blank line after i, or nLine. */
static int rd_next_line(const rd_ctx *p, int i) {
  i++;
  while (i < p->nLine && rd_is_blank(&p->aLine[i])) i++;
  return i;
}

/* Lines that always stand alone: never joined to, never joined into. */
static int rd_stands_alone(const rd_line *pL) {
  return pL->mdLevel || pL->bBold || pL->bAllCaps || pL->bSig || pL->bRecip ||
         pL->bHeader || pL->bPipe || pL->bPipeSep || pL->bTab ||
         pL->bHtmlTable || pL->bInCellRun || pL->bRowNum;
}

/* A page break (rule line or page number) among the blank lines (j, k). */
static int rd_page_break_between(const rd_ctx *p, int j, int k) {
  for (int g = j + 1; g < k; g++)
    if (p->aLine[g].bHr) return 1;
  return 0;
}

/* Does line k continue the paragraph of lines i..j? Hard-wrapped text goes
** on when the last line does not end a sentence and the next line does not
** start anything of its own. */
static int rd_can_join(const rd_ctx *p, int i, int j, int k) {
  const rd_line *pF = &p->aLine[i], *pT = &p->aLine[j], *pL = &p->aLine[k];
  int bGap = k > j + 1;
  if (rd_stands_alone(pF) || pF->bFootnote) return 0;
  if (pT->bTerminal) return 0;
  if (rd_stands_alone(pL) || pL->lab.eType || pL->bFootnote) return 0;
  for (int g = j + 1; g < k; g++)
    if (p->aLine[g].bBarePipe) return 0; /* another cell */
  if (bGap && rd_page_break_between(p, j, k)) {
    /* after a page break, text right before a footnote is the tail of the
    ** previous page's footnote, not of the body */
    int m = rd_next_line(p, k);
    if (m < p->nLine && p->aLine[m].bFootnote) return 0;
  }
  if (pL->bLower || pT->bWrapWord) return 1;
  return pT->nChar >= 50 && (bGap || !p->bUnwrapped);
}

/* A paragraph from line i: joins hard-wrapped lines. Returns the next line. */
static int rd_paragraph(rd_ctx *p, int i) {
  int j = i;
  for (;;) {
    int k = rd_next_line(p, j);
    if (k >= p->nLine || !rd_can_join(p, i, j, k)) break;
    j = k;
  }
  const rd_line *pF = &p->aLine[i];
  rd_add(p, VP_P_TEXT, pF->iCs, p->aLine[j].iCe, pF->iLineNo, i, j);
  return j + 1;
}

/* ---- table helpers ---- */

typedef struct rd_cells {
  char **az;
  int n;
} rd_cells;

static void rd_cells_free(rd_cells *pC) {
  for (int i = 0; i < pC->n; i++) free(pC->az[i]);
  free(pC->az);
  pC->az = NULL;
  pC->n = 0;
}

/* Give the cells to passage iP. */
static void rd_cells_give(rd_ctx *p, int iP, rd_cells *pC) {
  if (iP < 0) {
    rd_cells_free(pC);
    return;
  }
  p->aP[iP].azCell = pC->az;
  p->aP[iP].nCell = pC->n;
  pC->az = NULL;
  pC->n = 0;
}

/* Split [s,e) of the raw line on cSep into cleaned cells. bOuter: ignore a
** leading and trailing separator (Markdown "| a | b |"). */
static int rd_split_cells(rd_ctx *p, int s, int e, char cSep, int bOuter,
                          rd_cells *pC) {
  const char *zR = p->zRaw;
  int n = 1;
  if (bOuter) {
    while (s < e && rd_is_space((unsigned char)zR[s])) s++;
    while (e > s && rd_is_space((unsigned char)zR[e - 1])) e--;
    if (s < e && zR[s] == cSep) s++;
    if (e > s && zR[e - 1] == cSep && (e - 2 < s || zR[e - 2] != '\\')) e--;
  }
  for (int i = s; i < e; i++)
    if (zR[i] == cSep && (cSep != '|' || i == 0 || zR[i - 1] != '\\')) n++;
  pC->az = calloc((size_t)n, sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = n;
  int iCell = 0, iFrom = s;
  for (int i = s; i <= e; i++) {
    if (i == e || (zR[i] == cSep && (cSep != '|' || i == 0 || zR[i - 1] != '\\'))) {
      pC->az[iCell] = rd_collapse(p->zClean, iFrom, i);
      if (pC->az[iCell] == NULL) return VP_ENOMEM;
      iCell++;
      iFrom = i + 1;
    }
  }
  return VP_OK;
}

static int rd_count_colnames(rd_cells *pC, int *pnFilled) {
  int nName = 0, nFilled = 0;
  for (int i = 0; i < pC->n; i++) {
    if (pC->az[i][0] == 0) continue;
    nFilled++;
    char *zFold = vp_fold_str(pC->az[i], -1);
    if (zFold == NULL) return -1;
    nName += rd_is_colname(zFold);
    free(zFold);
  }
  *pnFilled = nFilled;
  return nName;
}

/* Append the cells of a continuation line to those of passage iP. */
static int rd_merge_cells(rd_ctx *p, int iP, rd_cells *pC) {
  vp_passage *pP = &p->aP[iP];
  if (pC->n > pP->nCell) {
    char **az = realloc(pP->azCell, sizeof(char *) * (size_t)pC->n);
    if (az == NULL) return VP_ENOMEM;
    for (int i = pP->nCell; i < pC->n; i++) {
      az[i] = vp_strndup("", 0);
      if (az[i] == NULL) {
        pP->azCell = az;
        pP->nCell = i;
        return VP_ENOMEM;
      }
    }
    pP->azCell = az;
    pP->nCell = pC->n;
  }
  for (int i = 0; i < pC->n; i++) {
    if (pC->az[i][0] == 0) continue;
    char *zOld = pP->azCell[i];
    char *zNew = zOld[0] ? vp_mprintf("%s %s", zOld, pC->az[i])
                         : vp_strndup(pC->az[i], -1);
    if (zNew == NULL) return VP_ENOMEM;
    free(zOld);
    pP->azCell[i] = zNew;
  }
  return VP_OK;
}

/* A TSV line may start a table when two cells hold text and it has two
** tabs or the next line has tabs too (a stray tab is not a table). */
static int rd_tsv_starts(const rd_ctx *p, int iLine) {
  const rd_line *pL = &p->aLine[iLine];
  if (!pL->bTab) return 0;
  const char *q = memchr(p->zRaw + pL->iRaw, '\t', (size_t)(pL->iRawEnd - pL->iRaw));
  int bTwo = q && memchr(q + 1, '\t', (size_t)(p->zRaw + pL->iRawEnd - q - 1));
  int k = rd_next_line(p, iLine);
  if (!bTwo && (k >= p->nLine || !p->aLine[k].bTab)) return 0;
  int nFilled = 0, bText = 0;
  for (int i = pL->iRaw; i <= pL->iRawEnd && nFilled < 2; i++) {
    if (i == pL->iRawEnd || p->zRaw[i] == '\t') {
      nFilled += bText;
      bText = 0;
    } else if (!rd_is_space((unsigned char)p->zClean[i])) {
      bText = 1;
    }
  }
  return nFilled >= 2;
}

/* TSV table from line i (corpus style: one row a line, blank lines between
** rows ignored, rows with an empty first cell continue the previous row). */
static int rd_table_tsv(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  int iLastRow = -1, bFirst = 1;
  for (; i < p->nLine && !p->rc; i++) {
    rd_line *pL = &p->aLine[i];
    if (rd_is_blank(pL)) {
      int k = rd_next_line(p, i);
      if (k < p->nLine && p->aLine[k].bTab) continue;
      break;
    }
    if (!pL->bTab) break;
    rd_cells c = {NULL, 0};
    if (rd_split_cells(p, pL->iRaw, pL->iRawEnd, '\t', 0, &c)) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int nFilled = 0;
    int nName = rd_count_colnames(&c, &nFilled);
    if (nName < 0) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int bHead = bFirst && nName >= 2 && nName * 2 >= nFilled;
    int iP;
    rd_label row;
    if (bHead) {
      iP = rd_add(p, VP_P_TABLE_HEAD, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      rd_cells_give(p, iP, &c);
      iLastRow = iP;
      bFirst = 0;
    } else if (c.az[0][0] == 0 && iLastRow >= 0) {
      vp_passage *pP = &p->aP[iLastRow];
      pP->iEnd = pL->iCe;
      p->aInfo[iLastRow].iLast = i;
      if (rd_merge_cells(p, iLastRow, &c)) p->rc = VP_ENOMEM;
      rd_cells_free(&c);
      continue;
    } else if (nFilled == 1 && c.az[0][0] && c.n >= 2 &&
               !rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row)) {
      iP = rd_add(p, VP_P_HEADING, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      rd_cells_free(&c);
      iLastRow = -1;
    } else {
      iP = rd_add(p, VP_P_ROW, pL->iCs, pL->iCe, pL->iLineNo, i, i);
      if (iP >= 0 && rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row))
        p->aInfo[iP].lab = row;
      else if (iP >= 0)
        memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
      rd_cells_give(p, iP, &c);
      iLastRow = iP;
      bFirst = 0; /* a header comes before the first data row */
    }
    if (iP >= 0) p->aInfo[iP].iTableId = iTableId;
  }
  return i;
}

/* Cells [aiLine[0..n)) of a one-cell-per-line row or header, cleaned. */
static int rd_cells_of_lines(rd_ctx *p, const int *aiLine, int n, rd_cells *pC) {
  pC->az = calloc((size_t)n, sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = n;
  for (int m = 0; m < n; m++) {
    const rd_line *pL = &p->aLine[aiLine[m]];
    pC->az[m] = rd_collapse(p->zClean, pL->iCs, pL->iCe);
    if (pC->az[m] == NULL) return VP_ENOMEM;
  }
  return VP_OK;
}

#define RD_MAX_CELLRUN_COLS 24

/* One cell per line: a run of at least three column-name lines (the
** header), then rows, each starting with a bare row number ("1", "2.1")
** and taking the next N-1 lines as its cells. When the header lines are
** separated by blank lines, so are the cells; otherwise a row stops early
** at a blank line. Returns the line after the table, or i when line i does
** not start one. Emits the passages only when bEmit. */
static int rd_table_cellrun(rd_ctx *p, int i, int bEmit) {
  int aiHead[RD_MAX_CELLRUN_COLS], aiCell[RD_MAX_CELLRUN_COLS];
  int nCol = 0, bSpaced = 0, j = i;
  while (j < p->nLine && nCol < RD_MAX_CELLRUN_COLS) {
    const rd_line *pL = &p->aLine[j];
    if (!rd_is_blank(pL) && pL->bColName) {
      aiHead[nCol++] = j++;
    } else if (rd_is_blank(pL) && nCol > 0 && j + 1 < p->nLine &&
               !rd_is_blank(&p->aLine[j + 1]) && p->aLine[j + 1].bColName) {
      bSpaced = 1;
      j++;
    } else {
      break;
    }
  }
  int k = rd_next_line(p, j - 1);
  if (nCol < 3 || k >= p->nLine || !p->aLine[k].bRowNum) return i;
  int iTableId = 0;
  if (bEmit) {
    rd_cells c = {NULL, 0};
    iTableId = ++p->nTable;
    if (rd_cells_of_lines(p, aiHead, nCol, &c)) p->rc = VP_ENOMEM;
    int iP = rd_add(p, VP_P_TABLE_HEAD, p->aLine[i].iCs, p->aLine[aiHead[nCol - 1]].iCe,
                    p->aLine[i].iLineNo, i, aiHead[nCol - 1]);
    if (iP >= 0) p->aInfo[iP].iTableId = iTableId;
    rd_cells_give(p, iP, &c);
  }
  j = aiHead[nCol - 1] + 1;
  while (!p->rc) {
    k = rd_next_line(p, j - 1);
    if (k >= p->nLine || !p->aLine[k].bRowNum) break;
    int nTaken = 0, m = k;
    aiCell[nTaken++] = k;
    while (nTaken < nCol && m + 1 < p->nLine) {
      int iNext = m + 1;
      if (rd_is_blank(&p->aLine[iNext])) {
        if (!bSpaced) break;
        iNext = rd_next_line(p, m);
        if (iNext >= p->nLine || p->aLine[iNext].bRowNum) break;
      }
      m = iNext;
      aiCell[nTaken++] = m;
    }
    if (bEmit) {
      rd_cells c = {NULL, 0};
      if (rd_cells_of_lines(p, aiCell, nTaken, &c)) p->rc = VP_ENOMEM;
      int iP = rd_add(p, VP_P_ROW, p->aLine[k].iCs, p->aLine[m].iCe, p->aLine[k].iLineNo, k, m);
      if (iP >= 0) {
        p->aInfo[iP].iTableId = iTableId;
        rd_parse_rownum(p->zClean, p->aLine[k].iCs, p->aLine[k].iCe, &p->aInfo[iP].lab);
      }
      rd_cells_give(p, iP, &c);
    }
    j = m + 1;
  }
  return j;
}

/* Markdown pipe table from line i: rows until a line that is not a row. */
static int rd_table_pipe(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  int bHeadDone = 0;
  for (; i < p->nLine && !p->rc; i++) {
    rd_line *pL = &p->aLine[i];
    if (!pL->bPipe) break;
    if (pL->bPipeSep) continue;
    rd_cells c = {NULL, 0};
    if (rd_split_cells(p, pL->iRaw, pL->iRawEnd, '|', 1, &c)) {
      rd_cells_free(&c);
      p->rc = VP_ENOMEM;
      break;
    }
    int bHead = !bHeadDone && i + 1 < p->nLine && p->aLine[i + 1].bPipeSep;
    bHeadDone = 1;
    if (rd_is_blank(pL)) {
      rd_cells_free(&c);
      continue;
    }
    int iP = rd_add(p, bHead ? VP_P_TABLE_HEAD : VP_P_ROW, pL->iCs, pL->iCe,
                    pL->iLineNo, i, i);
    if (iP >= 0) {
      p->aInfo[iP].iTableId = iTableId;
      if (!bHead && c.n > 0) {
        rd_label row;
        if (rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &row))
          p->aInfo[iP].lab = row;
        else
          memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
      }
    }
    rd_cells_give(p, iP, &c);
  }
  return i;
}

/* Line index holding byte offset iOff (binary search). */
static int rd_line_of(const rd_ctx *p, int iOff) {
  int lo = 0, hi = p->nLine - 1;
  while (lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if (p->aLine[mid].iRaw <= iOff) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/* Name of the tag at z[i] == '<' (after an optional '/'), lowercased into
** zName (up to 15 bytes). Returns the end of the tag or 0. */
static int rd_html_tag(const char *z, int i, int e, char *zName, int *pbClose) {
  int j = rd_tag_end(z, i, e);
  if (j == 0) return 0;
  int k = i + 1, n = 0;
  *pbClose = 0;
  if (z[k] == '/') {
    *pbClose = 1;
    k++;
  }
  while (k < j && n < 15 && rd_is_alpha((unsigned char)z[k])) {
    char c = z[k++];
    zName[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  zName[n] = 0;
  return j;
}

/* Emit the row [iRow, iEnd) with cells given as content spans. */
static void rd_html_emit(rd_ctx *p, int iTableId, int iRow, int iEnd, int *aSpan,
                         int nSpan, int bHead) {
  int s = iRow, e = iEnd;
  rd_trim(p->zClean, &s, &e);
  if (s >= e) return;
  int aWhole[2] = {s, e};
  if (nSpan == 0) { /* text in a row but no <td>: one cell */
    aSpan = aWhole;
    nSpan = 1;
  }
  rd_cells c = {NULL, 0};
  {
    c.az = calloc((size_t)nSpan, sizeof(char *));
    if (c.az == NULL) {
      p->rc = VP_ENOMEM;
      return;
    }
    c.n = nSpan;
    for (int k = 0; k < nSpan; k++) {
      c.az[k] = rd_collapse(p->zClean, aSpan[2 * k], aSpan[2 * k + 1]);
      if (c.az[k] == NULL) p->rc = VP_ENOMEM;
    }
  }
  int iLine = rd_line_of(p, s);
  int iP = rd_add(p, bHead ? VP_P_TABLE_HEAD : VP_P_ROW, s, e,
                  p->aLine[iLine].iLineNo, -1, -1);
  if (iP >= 0) {
    p->aInfo[iP].iTableId = iTableId;
    if (!bHead && c.n > 0)
      rd_parse_rownum(c.az[0], 0, (int)strlen(c.az[0]), &p->aInfo[iP].lab);
  }
  rd_cells_give(p, iP, &c);
}

static int rd_span_add(int **paSpan, int *pnSpan, int *pnAlloc, int s, int e) {
  if (*pnSpan + 1 > *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 16;
    int *a = realloc(*paSpan, sizeof(int) * 2 * (size_t)nNew);
    if (a == NULL) return VP_ENOMEM;
    *paSpan = a;
    *pnAlloc = nNew;
  }
  (*paSpan)[2 * *pnSpan] = s;
  (*paSpan)[2 * *pnSpan + 1] = e;
  (*pnSpan)++;
  return VP_OK;
}

/* HTML table starting on line i: one passage per <tr>. Returns the first
** line after </table>. */
static int rd_table_html(rd_ctx *p, int i) {
  int iTableId = ++p->nTable;
  const char *z = p->zRaw;
  int e = p->nRaw;
  int iRow = -1, iCell = -1, nRow = 0;
  int *aSpan = NULL, nSpan = 0, nSpanAlloc = 0;
  int iPos = p->aLine[i].iRaw;
  int iEndTable = e, iCloseTag = e;
  while (iPos < e && !p->rc) {
    const char *q = memchr(z + iPos, '<', (size_t)(e - iPos));
    if (q == NULL) break;
    int k = (int)(q - z);
    char zName[16];
    int bClose = 0;
    int j = rd_html_tag(z, k, e, zName, &bClose);
    if (j == 0) {
      iPos = k + 1;
      continue;
    }
    int bCell = strcmp(zName, "td") == 0 || strcmp(zName, "th") == 0;
    int bRowTag = strcmp(zName, "tr") == 0;
    int bTableTag = strcmp(zName, "table") == 0;
    if ((bCell || bRowTag || bTableTag) && iCell >= 0) {
      if (rd_span_add(&aSpan, &nSpan, &nSpanAlloc, iCell, k)) {
        p->rc = VP_ENOMEM;
        break;
      }
      iCell = -1;
    }
    if (bRowTag && iRow >= 0) {
      rd_html_emit(p, iTableId, iRow, bClose ? j : k, aSpan, nSpan, nRow == 0);
      nRow++;
      nSpan = 0;
      iRow = -1;
    }
    if (bTableTag && bClose) {
      iEndTable = j;
      iCloseTag = k;
      break;
    }
    if (bRowTag && !bClose) iRow = k;
    if (bCell && !bClose) {
      if (iRow < 0) iRow = k;
      iCell = j;
    }
    iPos = j;
  }
  if (iRow >= 0 && !p->rc) {
    if (iCell >= 0 && rd_span_add(&aSpan, &nSpan, &nSpanAlloc, iCell, iCloseTag))
      p->rc = VP_ENOMEM;
    else
      rd_html_emit(p, iTableId, iRow, iCloseTag, aSpan, nSpan, nRow == 0);
  }
  free(aSpan);
  int iNext = rd_line_of(p, iEndTable > 0 ? iEndTable - 1 : 0) + 1;
  return iNext > i ? iNext : i + 1;
}

/* ---- the portal's table form: one cell per line-run, "|" lines between ----
**
**     |            <- a row starts
**     cell text    <- one or more lines (a wrapped cell stays one cell)
**     |            <- the cell closes
**     next cell
**     |
**     |            <- a row starts again (or, inside a row, an empty cell)
**
** The same form carries the header block (issuer | motto / Số | place and
** date), signature blocks and the task tables of appendices. A table whose
** first row names columns ("TT", "Nội dung", "Cơ quan chủ trì" …) becomes a
** table head and rows; any other is a layout table, whose cells are read as
** paragraphs that never run from one cell into the next. */

typedef struct rd_span {
  int iFirst, iLast; /* content lines of a cell; iFirst = -1 when empty */
} rd_span;

typedef struct rd_prow {
  rd_span *a;
  int n, nAlloc;
} rd_prow;

typedef struct rd_ptable {
  rd_prow *aRow;
  int nRow, nRowAlloc;
  int nCol; /* cells of the first full row, 0 while unknown */
} rd_ptable;

static void rd_ptable_free(rd_ptable *t) {
  for (int r = 0; r < t->nRow; r++) free(t->aRow[r].a);
  free(t->aRow);
  memset(t, 0, sizeof(*t));
}

static int rd_ptable_row(rd_ptable *t) {
  if (t->nRow == t->nRowAlloc) {
    int n = t->nRowAlloc ? t->nRowAlloc * 2 : 16;
    rd_prow *a = realloc(t->aRow, sizeof(rd_prow) * (size_t)n);
    if (a == NULL) return VP_ENOMEM;
    t->aRow = a;
    t->nRowAlloc = n;
  }
  memset(&t->aRow[t->nRow++], 0, sizeof(rd_prow));
  return VP_OK;
}

static int rd_ptable_cell(rd_ptable *t, int iFirst, int iLast) {
  if (t->nRow == 0 && rd_ptable_row(t)) return VP_ENOMEM;
  rd_prow *r = &t->aRow[t->nRow - 1];
  if (r->n == r->nAlloc) {
    int n = r->nAlloc ? r->nAlloc * 2 : 8;
    rd_span *a = realloc(r->a, sizeof(rd_span) * (size_t)n);
    if (a == NULL) return VP_ENOMEM;
    r->a = a;
    r->nAlloc = n;
  }
  r->a[r->n].iFirst = iFirst;
  r->a[r->n].iLast = iLast;
  r->n++;
  return VP_OK;
}

/* Content that opens a row: a bare row number or roman numeral, or a bold
** group title. */
static int rd_opens_row(const rd_line *pL) {
  return pL->bRowNum || (pL->bBold && pL->lab.eType != LB_NONE) ||
         (pL->bBold && pL->bAllCaps);
}

/* The lines of one cell from line j (not blank, not a pipe): up to the next
** "|" line. A blank line inside a cell is kept when the text after it still
** reaches a "|" line before another blank line. Returns the last content
** line, or -1 when the run is not closed by a pipe (the table ended). */
static int rd_raw_blank(const rd_ctx *p, int k) {
  const rd_line *pL = &p->aLine[k];
  for (int i = pL->iRaw; i < pL->iRawEnd; i++)
    if (!rd_is_space((unsigned char)p->zRaw[i])) return 0;
  return 1;
}

static int rd_cell_run(const rd_ctx *p, int j, int *piClose) {
  int iLast = j;
  int k = j + 1;
  while (k < p->nLine) {
    const rd_line *pL = &p->aLine[k];
    if (pL->bBarePipe) {
      *piClose = k;
      return iLast;
    }
    if (rd_raw_blank(p, k)) {
      int m = k + 1;
      while (m < p->nLine && rd_raw_blank(p, m)) m++;
      if (m >= p->nLine) break;
      if (p->aLine[m].bBarePipe) {
        *piClose = m;
        return iLast;
      }
      /* does the paragraph after the empty line end on a pipe? */
      int q = m;
      while (q < p->nLine && !rd_raw_blank(p, q) && !p->aLine[q].bBarePipe) q++;
      if (q >= p->nLine || !p->aLine[q].bBarePipe) break;
      iLast = q - 1;
      k = q;
      continue;
    }
    if (!rd_is_blank(pL)) iLast = k; /* markup-only lines ("**", "----") add nothing */
    k++;
  }
  *piClose = -1;
  return iLast;
}

/* Read the rows × cells of the table whose first "|" line is i. Returns the
** line after it. */
static int rd_ptable_read(rd_ctx *p, int i, rd_ptable *t) {
  int j = i + 1, rc = VP_OK, iEnd = i + 1;
  rc = rd_ptable_row(t);
  while (rc == VP_OK && j < p->nLine) {
    /* here a row has just started or a cell has just closed */
    int k = 0;
    while (j < p->nLine && p->aLine[j].bBarePipe) {
      k++;
      j++;
    }
    int m = j;
    while (m < p->nLine && rd_is_blank(&p->aLine[m]) && !p->aLine[m].bBarePipe) m++;
    int bGap = m > j;
    iEnd = j;
    /* after a pipe, an empty or markup-only line ("** **") before text that
    ** is not a pipe ends the table */
    if (m >= p->nLine || (bGap && !p->aLine[m].bBarePipe)) break;
    if (bGap) {
      j = m;
      continue;
    }
    /* content at m; k pipes before it (after the last close or row start) */
    rd_prow *r = &t->aRow[t->nRow - 1];
    const rd_line *pL = &p->aLine[m];
    if (k == 0) {
      if (t->nCol > 0 && r->n >= t->nCol) {
        /* the row is full: a run closed by a pipe is a row whose opening
        ** pipe is missing; anything else follows the table */
        int iClose0;
        rd_cell_run(p, m, &iClose0);
        if (iClose0 < 0) break;
        rc = rd_ptable_row(t);
      }
    } else {
      int bSameRow = t->nCol > 0 && r->n + k < t->nCol && r->n > 1 && !rd_opens_row(pL);
      if (bSameRow) {
        for (int e = 0; e < k && rc == VP_OK; e++) rc = rd_ptable_cell(t, -1, -1);
      } else {
        if (t->nCol == 0 && r->n >= 2) t->nCol = r->n;
        for (int e = 0; e + 1 < k && rc == VP_OK; e++) rc = rd_ptable_cell(t, -1, -1);
        if (rc == VP_OK && r->n > 0) rc = rd_ptable_row(t);
      }
    }
    int iClose;
    int iLast = rd_cell_run(p, m, &iClose);
    if (rc == VP_OK) rc = rd_ptable_cell(t, m, iLast);
    if (iClose < 0) {
      iEnd = iLast + 1;
      break;
    }
    j = iClose + 1; /* the close pipe counts as consumed */
    iEnd = j;
  }
  if (rc) p->rc = rc;
  /* drop an empty last row (the final row-start pipe) */
  while (t->nRow > 0 && t->aRow[t->nRow - 1].n == 0) t->nRow--;
  return iEnd;
}

/* The trimmed, space-collapsed text of a cell; "" when empty. */
static char *rd_span_text(const rd_ctx *p, const rd_span *s) {
  if (s->iFirst < 0) return vp_strndup("", 0);
  return rd_collapse(p->zClean, p->aLine[s->iFirst].iCs, p->aLine[s->iLast].iCe);
}

static int rd_ptable_cells(const rd_ctx *p, const rd_prow *r, rd_cells *pC) {
  pC->az = calloc((size_t)(r->n ? r->n : 1), sizeof(char *));
  if (pC->az == NULL) return VP_ENOMEM;
  pC->n = r->n;
  for (int c = 0; c < r->n; c++) {
    pC->az[c] = rd_span_text(p, &r->a[c]);
    if (pC->az[c] == NULL) return VP_ENOMEM;
  }
  return VP_OK;
}

/* First and last content line of a row; -1 when all its cells are empty. */
static void rd_prow_lines(const rd_prow *r, int *piFirst, int *piLast) {
  *piFirst = *piLast = -1;
  for (int c = 0; c < r->n; c++) {
    if (r->a[c].iFirst < 0) continue;
    if (*piFirst < 0) *piFirst = r->a[c].iFirst;
    *piLast = r->a[c].iLast;
  }
}

/* A group row: one or two filled cells — a roman numeral or letter and a
** title, or a title alone in bold or capitals — in a table of three or more
** columns. */
static int rd_is_group_row(const rd_ctx *p, const rd_prow *r, int nCol) {
  if (nCol < 3) return 0;
  int nFilled = 0, iA = -1, iB = -1;
  for (int c = 0; c < r->n; c++) {
    if (r->a[c].iFirst < 0) continue;
    if (nFilled == 0) iA = c;
    else iB = c;
    nFilled++;
  }
  if (nFilled == 0 || nFilled > 2) return 0;
  const rd_line *pA = &p->aLine[r->a[iA].iFirst];
  if (nFilled == 1) return pA->bBold || pA->bAllCaps || pA->lab.eType == LB_ROMAN ||
                           r->n <= 2;
  const rd_line *pB = &p->aLine[r->a[iB].iFirst];
  rd_label lab;
  int bNum = r->a[iA].iFirst == r->a[iA].iLast &&
             rd_parse_rownum(p->zClean, pA->iCs, pA->iCe, &lab) && lab.eType == LB_ROMAN;
  return (bNum || pA->bBold) && (pB->bBold || pB->bAllCaps);
}

static int rd_ptable_has_head(rd_ctx *p, const rd_prow *r) {
  rd_cells c = {NULL, 0};
  int nFilled = 0, nName;
  if (rd_ptable_cells(p, r, &c)) {
    rd_cells_free(&c);
    p->rc = VP_ENOMEM;
    return 0;
  }
  nName = rd_count_colnames(&c, &nFilled);
  rd_cells_free(&c);
  if (nName < 0) p->rc = VP_ENOMEM;
  return nName >= 2 && nName * 2 >= nFilled;
}

/* Emit a column table: head, group headings, rows. */
static void rd_ptable_emit(rd_ctx *p, const rd_ptable *t) {
  int iTableId = ++p->nTable;
  for (int r = 0; r < t->nRow && !p->rc; r++) {
    const rd_prow *pR = &t->aRow[r];
    int iFirst, iLast;
    rd_prow_lines(pR, &iFirst, &iLast);
    if (iFirst < 0) continue;
    int bGroup = r > 0 && rd_is_group_row(p, pR, t->nCol);
    vp_pkind eKind = r == 0 ? VP_P_TABLE_HEAD : bGroup ? VP_P_HEADING : VP_P_ROW;
    int iP = rd_add(p, eKind, p->aLine[iFirst].iCs, p->aLine[iLast].iCe,
                    p->aLine[iFirst].iLineNo, iFirst, iLast);
    if (iP < 0) break;
    p->aInfo[iP].iTableId = iTableId;
    rd_label lab;
    const rd_line *pF = &p->aLine[iFirst];
    if (r > 0 && pR->n > 0 && pR->a[0].iFirst >= 0 && pR->a[0].iFirst == pR->a[0].iLast &&
        rd_parse_rownum(p->zClean, pF->iCs, pF->iCe, &lab))
      p->aInfo[iP].lab = lab;
    else if (eKind != VP_P_HEADING)
      memset(&p->aInfo[iP].lab, 0, sizeof(rd_label));
    if (eKind == VP_P_HEADING) {
      p->aP[iP].bGroupRow = 1;
      continue;
    }
    rd_cells c = {NULL, 0};
    if (rd_ptable_cells(p, pR, &c)) p->rc = VP_ENOMEM;
    rd_cells_give(p, iP, &c);
  }
}


/* ---- the header block ----
** The first layout table holding the national motto is the document's
** header: issuer | motto / "Số: …" | place and date, in one or two rows, a
** field wrapped over several lines of its cell. Each line of each cell is
** classed; a line of no class continues the field above it in the cell, and
** the first lines of a cell before any class are the issuer. */

enum { HF_NONE = -1, HF_ISSUER = 0, HF_MOTTO, HF_NUMBER, HF_DATE, HF_COUNT };

static int rd_header_class(const char *zF) {
  if (rd_starts_with(zF, "cong hoa xa hoi") || rd_starts_with(zF, "dang cong san viet nam") ||
      rd_starts_with(zF, "doc lap") || strcmp(zF, "cong hoa xa") == 0 ||
      strcmp(zF, "cong hoa") == 0)
    return HF_MOTTO;
  if (rd_starts_with(zF, "so:") || rd_starts_with(zF, "so :") ||
      (rd_starts_with(zF, "so ") && rd_is_digit((unsigned char)zF[3])))
    return HF_NUMBER;
  const char *q = strstr(zF, "ngay");
  if (q && (q == zF || q[-1] == ' ') && (q[4] == 0 || q[4] == ' ') &&
      (strstr(zF, ", ngay") || strstr(zF, " thang ") || q[4] == 0 || rd_is_digit((unsigned char)q[5])))
    return HF_DATE;
  return HF_NONE;
}

/* Is line k of the motto? */
static int rd_line_class(const rd_ctx *p, int k, int *pRc) {
  const rd_line *pL = &p->aLine[k];
  if (rd_is_blank(pL)) return HF_NONE;
  char *zF = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
  if (zF == NULL) {
    *pRc = VP_ENOMEM;
    return HF_NONE;
  }
  int e = rd_header_class(zF);
  free(zF);
  return e;
}

/* The first row of t with a cell holding the motto, or -1. */
static int rd_motto_row(const rd_ctx *p, const rd_ptable *t, int *pRc) {
  for (int r = 0; r < t->nRow && *pRc == VP_OK; r++) {
    for (int c = 0; c < t->aRow[r].n; c++) {
      const rd_span *sp = &t->aRow[r].a[c];
      for (int k = sp->iFirst; k >= 0 && k <= sp->iLast && k < sp->iFirst + 4; k++)
        if (rd_line_class(p, k, pRc) == HF_MOTTO) return r;
    }
  }
  return -1;
}

/* Read the header fields from the row of table t holding the motto and the
** row after it; 1 when found. */
static int rd_header_from_table(rd_ctx *p, const rd_ptable *t) {
  vp_buf aB[HF_COUNT];
  memset(aB, 0, sizeof(aB));
  int rc = VP_OK, iFirst = -1, iLast = -1;
  int r0 = rd_motto_row(p, t, &rc);
  if (r0 < 0 || rc) {
    if (rc) p->rc = rc;
    return 0;
  }
  for (int r = r0; r < t->nRow && r <= r0 + 1; r++) {
    for (int c = 0; c < t->aRow[r].n; c++) {
      const rd_span *sp = &t->aRow[r].a[c];
      if (sp->iFirst < 0) continue;
      int eField = HF_NONE, iPending = -1;
      for (int k = sp->iFirst; k <= sp->iLast && rc == VP_OK; k++) {
        const rd_line *pL = &p->aLine[k];
        if (rd_is_blank(pL)) continue;
        int e = rd_line_class(p, k, &rc);
        if (e == HF_NONE && eField == HF_NONE && !(c == 0 && r == r0)) {
          if (iPending < 0) iPending = k; /* "Thành phố Hồ Chí" / "Minh, ngày …" */
          continue;
        }
        if (e == HF_DATE && iPending >= 0 && aB[HF_DATE].n == 0) {
          char *zT = rd_collapse(p->zClean, p->aLine[iPending].iCs, p->aLine[k - 1].iCe);
          if (zT == NULL) rc = VP_ENOMEM;
          else vp_buf_appends(&aB[HF_DATE], zT, &rc);
          free(zT);
        }
        iPending = -1;
        if (e == HF_NONE) e = eField;
        if (e == HF_NONE && c == 0 && r == r0) e = HF_ISSUER;
        eField = e;
        if (e == HF_NONE) continue;
        vp_buf *b = &aB[e];
        if (b->n) vp_buf_append(b, " ", 1, &rc);
        char *zT = rd_collapse(p->zClean, pL->iCs, pL->iCe);
        if (zT == NULL) rc = VP_ENOMEM;
        else vp_buf_appends(b, zT, &rc);
        free(zT);
        if (iFirst < 0) iFirst = k;
        iLast = k;
      }
    }
  }
  char **azOut[HF_COUNT] = {&p->header.zIssuer, &p->header.zMotto, &p->header.zNumber,
                            &p->header.zPlaceDate};
  for (int e = 0; e < HF_COUNT; e++) {
    if (rc == VP_OK && aB[e].n) {
      *azOut[e] = vp_buf_take(&aB[e]);
      if (*azOut[e] == NULL) rc = VP_ENOMEM;
    }
    vp_buf_free(&aB[e]);
  }
  if (rc) p->rc = rc;
  if (iFirst >= 0) {
    p->header.iStart = p->aLine[iFirst].iCs;
    p->header.iEnd = p->aLine[iLast].iCe;
    p->iHeaderLine = iFirst;
  }
  return iFirst >= 0;
}

/* A table in the portal form from the "|" line i. A column table is
** emitted here and the line after it returned; a layout table's pipes are
** marked and i + 1 returned, so its cells are read as paragraphs. */
static int rd_table_pipecells(rd_ctx *p, int i) {
  rd_ptable t;
  memset(&t, 0, sizeof(t));
  int iEnd = rd_ptable_read(p, i, &t);
  int bColumns = t.nRow >= 2 && !p->rc && rd_ptable_has_head(p, &t.aRow[0]);
  if (bColumns) {
    if (t.nCol < t.aRow[0].n) t.nCol = t.aRow[0].n;
    rd_ptable_emit(p, &t);
  } else if (p->header.iEnd == 0 && !p->rc) {
    rd_header_from_table(p, &t);
  }
  for (int k = i; k < iEnd && k < p->nLine; k++)
    if (p->aLine[k].bBarePipe) p->aLine[k].bPipeDone = 1;
  rd_ptable_free(&t);
  return bColumns ? iEnd : i + 1;
}

/* Group the lines into passages. */
static void rd_group(rd_ctx *p) {
  int i = 0;
  while (i < p->nLine && !p->rc) {
    rd_line *pL = &p->aLine[i];
    int iNext;
    if (pL->bBarePipe) {
      i = pL->bPipeDone ? i + 1 : rd_table_pipecells(p, i);
    } else if (rd_is_blank(pL) && !pL->bPipeSep) {
      i++;
    } else if (pL->bHtmlTable) {
      i = rd_table_html(p, i);
    } else if (pL->bPipe && !pL->bPipeSep) {
      i = rd_table_pipe(p, i);
    } else if (pL->bPipeSep) {
      i++;
    } else if (rd_tsv_starts(p, i)) {
      i = rd_table_tsv(p, i);
    } else if (pL->bColName && (iNext = rd_table_cellrun(p, i, 1)) > i) {
      i = iNext;
    } else if (pL->iBoldEnd > i) {
      rd_add(p, VP_P_TEXT, pL->iCs, p->aLine[pL->iBoldEnd].iCe, pL->iLineNo, i, pL->iBoldEnd);
      i = pL->iBoldEnd + 1;
    } else {
      i = rd_paragraph(p, i);
    }
  }
}

/* ------------------------------------------------------------------------
** Structure: kinds, heading stack, sections, parents, lead-ins
*/

typedef struct rd_entry {
  int rank;
  int iP;     /* passage index */
  int eType;  /* label type, LB_NONE for headings and lead-ins */
  int bTable; /* pushed inside a table */
} rd_entry;

typedef struct rd_stack {
  rd_entry *a;
  int n, nAlloc;
} rd_stack;

static int rd_push(rd_stack *pS, int rank, int iP, int eType, int bTable) {
  if (pS->n == pS->nAlloc) {
    int nNew = pS->nAlloc ? pS->nAlloc * 2 : 16;
    rd_entry *a = realloc(pS->a, sizeof(rd_entry) * (size_t)nNew);
    if (a == NULL) return VP_ENOMEM;
    pS->a = a;
    pS->nAlloc = nNew;
  }
  rd_entry *pE = &pS->a[pS->n++];
  pE->rank = rank;
  pE->iP = iP;
  pE->eType = eType;
  pE->bTable = bTable;
  return VP_OK;
}

static void rd_pop_to(rd_stack *pS, int rank, int iFloor) {
  while (pS->n > iFloor && pS->a[pS->n - 1].rank >= rank) pS->n--;
}

static int rd_top(const rd_stack *pS) { return pS->n ? pS->a[pS->n - 1].iP : -1; }

/* The section path of the stack: numbered labels joined with '.', a
** decimal label replacing the numbers it extends ("3" + "3.1" → "3.1").
** In an appendix the path starts with "PL"; a table outside an appendix
** keeps the section it stands in. */
static char *rd_path(const rd_ctx *p, const rd_stack *pS, int iFloor,
                     int bAppendix) {
  int *aPart = malloc(sizeof(int) * (size_t)(pS->n + 1));
  if (aPart == NULL) return NULL;
  int nPart = 0;
  for (int k = 0; k < pS->n; k++) {
    const rd_entry *pE = &pS->a[k];
    if (!rd_is_numbered(pE->eType)) continue;
    if (pE->bTable && iFloor >= 0 && k >= iFloor && !bAppendix) continue;
    const char *zLab = p->aP[pE->iP].zLabel;
    if (pE->eType == LB_DECIMAL) {
      while (nPart > 0) {
        const rd_entry *pPrev = &pS->a[aPart[nPart - 1]];
        const char *zPrev = p->aP[pPrev->iP].zLabel;
        size_t m = strlen(zPrev);
        if ((pPrev->eType == LB_ARABIC || pPrev->eType == LB_DECIMAL) &&
            strncmp(zLab, zPrev, m) == 0 && zLab[m] == '.') {
          nPart--;
        } else {
          break;
        }
      }
    }
    aPart[nPart++] = k;
  }
  vp_buf b = {NULL, 0, 0};
  int rc = VP_OK;
  if (bAppendix) vp_buf_appends(&b, "PL", &rc);
  for (int k = 0; k < nPart; k++) {
    if (b.n) vp_buf_append(&b, ".", 1, &rc);
    vp_buf_appends(&b, p->aP[pS->a[aPart[k]].iP].zLabel, &rc);
  }
  free(aPart);
  if (rc) {
    vp_buf_free(&b);
    return NULL;
  }
  return vp_buf_take(&b);
}

static int rd_level(const rd_stack *pS) {
  int n = 0;
  for (int k = 0; k < pS->n; k++) n += pS->a[k].eType != LB_NONE;
  return n;
}

/* Kind of a passage outside tables from its first line and size. */
static vp_pkind rd_kind(const rd_ctx *p, int iP) {
  const rd_pinfo *pI = &p->aInfo[iP];
  const rd_line *pF = &p->aLine[pI->iFirst];
  const rd_line *pT = &p->aLine[pI->iLast];
  int bSingle = pI->iFirst == pI->iLast || pF->iBoldEnd == pI->iLast;
  if (pI->lab.eType) {
    if (rd_is_bullet(pI->lab.eType)) return VP_P_ITEM;
    if (pF->mdLevel || pF->bBold || pF->bAllCaps) return VP_P_HEADING;
    if (bSingle && !pT->bTerminal && pT->nChar <= 200) return VP_P_HEADING;
    /* "*2.5. Sở" / "Y tế*": a short numbered title wrapped over a few lines */
    if (!pT->bTerminal && pI->iLast - pI->iFirst <= 3) {
      int nChar = 0;
      for (int k = pI->iFirst; k <= pI->iLast; k++) nChar += p->aLine[k].nChar;
      if (nChar <= 100) return VP_P_HEADING;
    }
    if (bSingle && pT->bColon && pT->nChar <= 40) return VP_P_HEADING;
    return VP_P_ITEM;
  }
  if (bSingle && (pF->mdLevel || pF->bAllCaps)) return VP_P_HEADING;
  if (bSingle && pF->bBold && (!pT->bTerminal || pT->bColon) && pT->nChar <= 250)
    return VP_P_HEADING;
  return VP_P_TEXT;
}

static int rd_next_is_bullet(const rd_ctx *p, int iP) {
  return iP + 1 < p->nP && p->aInfo[iP + 1].iTableId == 0 &&
         rd_is_bullet(p->aInfo[iP + 1].lab.eType);
}

static int rd_structure(rd_ctx *p) {
  rd_stack st = {NULL, 0, 0};
  int rc = VP_OK;
  int bAppendix = 0, bRecip = 0, bImplicitRecip = 0, bSig = 0, nName = 0;
  int iRecipHead = -1, iCurTable = 0, iFloor = -1, iTableHead = -1;
  for (int iP = 0; iP < p->nP && rc == VP_OK; iP++) {
    vp_passage *pP = &p->aP[iP];
    rd_pinfo *pI = &p->aInfo[iP];
    const rd_label *pLab = &pI->lab;
    memcpy(pP->zLabel, pLab->zLabel, sizeof(pP->zLabel));
    /* tables */
    if (pI->iTableId != iCurTable) {
      if (iCurTable) {
        while (st.n > iFloor && st.n > 0) st.n--;
        iFloor = -1;
      }
      iCurTable = pI->iTableId;
      iTableHead = -1;
      if (iCurTable) {
        iFloor = st.n;
        bRecip = bImplicitRecip = bSig = 0;
      }
    }
    if (iCurTable) {
      if (pP->eKind == VP_P_TABLE_HEAD) {
        iTableHead = iP;
        pP->iParent = rd_top(&st);
      } else {
        if (pP->eKind == VP_P_ROW) pP->iTable = iTableHead;
        if (pLab->eType) {
          int r = rd_rank(pLab);
          rd_pop_to(&st, r, iFloor);
          pP->iParent = rd_top(&st);
          rc = rd_push(&st, r, iP, pLab->eType, 1);
          pP->iLevel = rd_level(&st);
        } else {
          pP->iParent = rd_top(&st);
        }
      }
      pP->zSection = rd_path(p, &st, iFloor, bAppendix);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
      continue;
    }
    const rd_line *pF = &p->aLine[pI->iFirst];
    const rd_line *pT = &p->aLine[pI->iLast];
    int bBullet = rd_is_bullet(pLab->eType);
    /* recipients and signature block */
    if (pF->bRecip) {
      pP->eKind = VP_P_RECIPIENT;
      bRecip = 1;
      bSig = 0;
      iRecipHead = iP;
      pP->bLeadIn = rd_next_is_bullet(p, iP);
    } else if (bRecip && !pF->bSig &&
               (bBullet || (!pF->mdLevel && !pF->bAllCaps && pI->iFirst == pI->iLast &&
                            pF->nChar <= 100))) {
      pP->eKind = VP_P_RECIPIENT;
      pP->iParent = iRecipHead;
    } else if (bImplicitRecip && bBullet) {
      pP->eKind = VP_P_RECIPIENT;
    } else if (pF->bSig) {
      pP->eKind = VP_P_SIGNATURE;
      bSig = 1;
      bRecip = 0;
      nName = 0;
    } else if (bSig && pF->bShortName && nName < 3) {
      pP->eKind = VP_P_SIGNATURE;
      nName++;
    } else {
      bSig = bRecip = 0;
    }
    if (pP->eKind == VP_P_RECIPIENT || pP->eKind == VP_P_SIGNATURE) {
      bImplicitRecip = pP->eKind == VP_P_RECIPIENT && bImplicitRecip;
      pP->zSection = vp_strndup("", 0);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
      continue;
    }
    bImplicitRecip = 0;
    if (pT->bSlashDot && rd_next_is_bullet(p, iP)) bImplicitRecip = 1;
    pP->eKind = rd_kind(p, iP);
    if (pLab->eType) {
      int r = rd_rank(pLab);
      rd_pop_to(&st, r, 0);
      pP->iParent = rd_top(&st);
      rc = rd_push(&st, r, iP, pLab->eType, 0);
      pP->iLevel = rd_level(&st);
      pP->bLeadIn = pT->bColon && iP + 1 < p->nP && p->aInfo[iP + 1].lab.eType &&
                    rd_rank(&p->aInfo[iP + 1].lab) > r;
    } else if (pP->eKind == VP_P_HEADING && !pF->bBold) {
      /* a title line or Markdown heading closes every open section */
      st.n = 0;
      pP->iParent = -1;
      rc = rd_push(&st, RANK_TOP, iP, LB_NONE, 0);
      if (pF->bAppendix) bAppendix = 1;
    } else if (pP->eKind == VP_P_HEADING) {
      /* a bold line inside a section: what follows hangs under it */
      if (pF->bAppendix) {
        st.n = 0;
        bAppendix = 1;
        pP->iParent = -1;
        rc = rd_push(&st, RANK_TOP, iP, LB_NONE, 0);
      } else {
        rd_pop_to(&st, RANK_SUBHEAD, 0);
        pP->iParent = rd_top(&st);
        rc = rd_push(&st, RANK_SUBHEAD, iP, LB_NONE, 0);
      }
      pP->bLeadIn = pT->bColon && rd_next_is_bullet(p, iP);
    } else {
      rd_pop_to(&st, RANK_LEADIN, 0);
      pP->iParent = rd_top(&st);
      if (pT->bColon && rd_next_is_bullet(p, iP)) {
        pP->bLeadIn = 1;
        rc = rd_push(&st, RANK_LEADIN, iP, LB_NONE, 0);
      }
    }
    if (rc) break;
    pP->zSection = rd_path(p, &st, -1, bAppendix);
    if (pP->zSection == NULL) rc = VP_ENOMEM;
  }
  free(st.a);
  return rc;
}

/* ------------------------------------------------------------------------
** Driver
*/

static int rd_cut_lines(rd_ctx *p) {
  int nLine = 1;
  for (const char *q = p->zRaw; (q = memchr(q, '\n', (size_t)(p->zRaw + p->nRaw - q)));
       q++)
    nLine++;
  p->aLine = calloc((size_t)nLine, sizeof(rd_line));
  if (p->aLine == NULL) return VP_ENOMEM;
  int iStart = 0;
  for (int k = 0; k < nLine; k++) {
    const char *q = memchr(p->zRaw + iStart, '\n', (size_t)(p->nRaw - iStart));
    int iEnd = q ? (int)(q - p->zRaw) : p->nRaw;
    p->aLine[k].iRaw = iStart;
    p->aLine[k].iRawEnd = iEnd;
    p->aLine[k].iLineNo = k + 1;
    iStart = iEnd + 1;
  }
  p->nLine = nLine;
  return VP_OK;
}

/* "12" or "- 12 -" alone between blank lines: a page number of the PDF the
** text came from. It is blanked and counts as a page break, so a sentence
** cut by it is joined again. */
static int rd_is_page_number(const char *z, int s, int e) {
  if (s < e && z[s] == '-') s++;
  while (s < e && z[s] == ' ') s++;
  int nDigit = 0;
  while (s < e && rd_is_digit((unsigned char)z[s])) {
    s++;
    nDigit++;
  }
  while (s < e && z[s] == ' ') s++;
  if (s < e && z[s] == '-') s++;
  return nDigit >= 1 && nDigit <= 3 && s == e;
}

/* Row numbers of one-cell-per-line tables look like page numbers: mark
** those tables first. */
static void rd_mark_cellruns(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    if (rd_is_blank(&p->aLine[k]) || !p->aLine[k].bColName) continue;
    int iEnd = rd_table_cellrun(p, k, 0);
    for (int m = k; m < iEnd; m++) p->aLine[m].bInCellRun = 1;
    if (iEnd > k) k = iEnd - 1;
  }
}

static void rd_blank_page_numbers(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->bInCellRun || pL->iCe - pL->iCs > 9) continue;
    if ((k > 0 && p->aLine[k - 1].bBarePipe) || (k + 1 < p->nLine && p->aLine[k + 1].bBarePipe))
      continue; /* a row number between cell boundaries */
    if (k > 0 && !rd_is_blank(&p->aLine[k - 1])) continue;
    if (k + 1 < p->nLine && !rd_is_blank(&p->aLine[k + 1])) continue;
    if (!rd_is_page_number(p->zClean, pL->iCs, pL->iCe)) continue;
    rd_fill(p->zClean, pL->iCs, pL->iCe);
    pL->iCe = pL->iCs;
    pL->bHr = 1;
  }
}

static int rd_raw_has_pipe(const rd_ctx *p, const rd_line *pL) {
  return memchr(p->zRaw + pL->iRaw, '|', (size_t)(pL->iRawEnd - pL->iRaw)) != NULL;
}

/* Markdown tables may leave out the outer pipes ("a | b" over "--|--"):
** find them by their separator line, before markup is blanked. */
static void rd_mark_bare_pipe_tables(rd_ctx *p) {
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


/* ------------------------------------------------------------------------
** A portal's page furniture: before the document, everything above its
** header block (when the header is found after other text); after it, from
** the first line that opens the portal's trailing furniture
** (data/portal-furniture.tsv).
*/

typedef struct rd_phrases {
  char **az;
  int n;
} rd_phrases;

static rd_phrases furniturePhrases;
static pthread_once_t furnitureOnce = PTHREAD_ONCE_INIT;

static void rd_furniture_load(void) {
  const char *zTable = vp_data_get("portal-furniture.tsv", NULL);
  size_t iPos = 0;
  char zLine[256];
  char *azCol[2];
  int nAlloc = 0;
  while (zTable && vp_data_next_row(zTable, &iPos, zLine, (int)sizeof(zLine), azCol, 2) >= 1) {
    if (furniturePhrases.n == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 16;
      char **az = realloc(furniturePhrases.az, sizeof(char *) * (size_t)nNew);
      if (az == NULL) return;
      furniturePhrases.az = az;
      nAlloc = nNew;
    }
    char *zF = vp_fold_str(azCol[0], -1);
    if (zF == NULL) return;
    furniturePhrases.az[furniturePhrases.n++] = zF;
  }
}


static rd_phrases wrapWords;
static pthread_once_t wrapOnce = PTHREAD_ONCE_INIT;

static void rd_wrap_load(void) {
  const char *zTable = vp_data_get("wrap-words.tsv", NULL);
  size_t iPos = 0;
  char zLine[128];
  char *azCol[2];
  int nAlloc = 0;
  while (zTable && vp_data_next_row(zTable, &iPos, zLine, (int)sizeof(zLine), azCol, 2) >= 1) {
    if (wrapWords.n == nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 32;
      char **az = realloc(wrapWords.az, sizeof(char *) * (size_t)nNew);
      if (az == NULL) return;
      wrapWords.az = az;
      nAlloc = nNew;
    }
    char *zF = vp_fold_str(azCol[0], -1);
    if (zF == NULL) return;
    wrapWords.az[wrapWords.n++] = zF;
  }
}

/* Does the folded line zF end with a word of data/wrap-words.tsv? */
static int rd_ends_with_wrap_word(const char *zF) {
  pthread_once(&wrapOnce, rd_wrap_load);
  int n = (int)strlen(zF);
  int i = n;
  while (i > 0 && zF[i - 1] != ' ') i--;
  if (i == 0) return 0; /* a one-word line is a label or a heading */
  for (int k = 0; k < wrapWords.n; k++)
    if (strcmp(zF + i, wrapWords.az[k]) == 0) return 1;
  return 0;
}

/* The first line at or after iFrom that opens trailing furniture, or
** p->nLine. Only searched after a motto line (an official document's
** header), so ordinary text is never cut. */
static int rd_furniture_end(rd_ctx *p) {
  pthread_once(&furnitureOnce, rd_furniture_load);
  int iMotto = -1, rc = VP_OK;
  for (int k = 0; k < p->nLine && k < 400 && iMotto < 0; k++) {
    if (rd_line_class(p, k, &rc) == HF_MOTTO) iMotto = k;
  }
  if (iMotto < 0 || rc) return p->nLine;
  for (int k = iMotto + 1; k < p->nLine; k++) {
    const rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->nChar > 160) continue;
    char *zF = rd_fold_prefix(p->zClean, pL->iCs, pL->iCe);
    if (zF == NULL) return p->nLine;
    int bHit = 0;
    for (int i = 0; i < furniturePhrases.n && !bHit; i++) bHit = rd_starts_with(zF, furniturePhrases.az[i]);
    free(zF);
    if (bHit) return k;
  }
  return p->nLine;
}

/* Drop the passages outside [iDocStart, iDocEnd) (none are referenced by a
** parent or table index yet: this runs before the structure pass). */
static void rd_drop_outside(rd_ctx *p, int iDocStart, int iDocEnd) {
  int j = 0;
  for (int k = 0; k < p->nP; k++) {
    vp_passage *pP = &p->aP[k];
    if (pP->iEnd <= iDocStart || pP->iStart >= iDocEnd) {
      for (int c = 0; c < pP->nCell; c++) free(pP->azCell[c]);
      free(pP->azCell);
      continue;
    }
    p->aP[j] = *pP;
    p->aInfo[j] = p->aInfo[k];
    j++;
  }
  p->nP = j;
}


/* Bold spans wrapped over lines: "**2. Sở" / "Tài chính**". A line that
** opens bold without closing it, followed within four lines (no empty line
** between) by one that closes it without opening, makes one bold block:
** a heading read whole. */
static int rd_opens_bold(const char *z, int s, int e) {
  while (s < e && (z[s] == ' ' || z[s] == '\t' || z[s] == '#')) s++;
  return e - s >= 3 && z[s] == '*' && z[s + 1] == '*' && z[s + 2] != '*' && z[s + 2] != ' ';
}

static int rd_closes_bold(const char *z, int s, int e) {
  while (e > s && rd_is_space((unsigned char)z[e - 1])) e--;
  return e - s >= 3 && z[e - 1] == '*' && z[e - 2] == '*' && z[e - 3] != ' ';
}

static int rd_count_pairs(const char *z, int s, int e) {
  int n = 0;
  for (int i = s; i + 1 < e; i++)
    if (z[i] == '*' && z[i + 1] == '*') {
      n++;
      i++;
    }
  return n;
}

static void rd_mark_bold_blocks(rd_ctx *p) {
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL) || pL->bBold || pL->bBarePipe || pL->bSig || pL->bHeader) continue;
    const char *z = p->zRaw;
    if (!rd_opens_bold(z, pL->iRaw, pL->iRawEnd) || (rd_count_pairs(z, pL->iRaw, pL->iRawEnd) & 1) == 0)
      continue;
    for (int m = k + 1; m < p->nLine && m <= k + 4; m++) {
      const rd_line *pM = &p->aLine[m];
      if (rd_raw_blank(p, m) || pM->bBarePipe || pM->bSig || pM->bHeader) break;
      int nPair = rd_count_pairs(z, pM->iRaw, pM->iRawEnd);
      if (nPair == 0) continue;
      if ((nPair & 1) && rd_closes_bold(z, pM->iRaw, pM->iRawEnd) && !rd_is_blank(pM)) {
        pL->iBoldEnd = m;
        pL->bBold = 1;
        k = m;
      }
      break;
    }
  }
}

/* Unwrapped style: paragraphs one per line and no blank lines between, so a
** line that does not end a sentence still ends its paragraph. */
static void rd_detect_style(rd_ctx *p) {
  int nText = 0, nLong = 0, nBlankAfter = 0;
  for (int k = 0; k < p->nLine; k++) {
    const rd_line *pL = &p->aLine[k];
    if (rd_is_blank(pL)) continue;
    nText++;
    nLong += pL->nChar > 130;
    nBlankAfter += k + 1 < p->nLine && rd_is_blank(&p->aLine[k + 1]);
  }
  p->bUnwrapped = nText > 0 && nLong * 4 >= nText && nBlankAfter * 3 < nText;
}

/* See vp_reader.h. The copy of zBuf is kept in the result (zBuf); markup is
** blanked in a second copy from which the passage texts are cut. */
/* ------------------------------------------------------------------------
** Long paragraphs: a passage is what a hit shows and what highlight()
** re-tokenizes, so a paragraph longer than VP_PASSAGE_MAX (a file that is
** one 100 MB line) is cut into passages of at most that size, on a space
** where there is one, each keeping the section and parent of the whole.
*/

/* Where to end a chunk that starts at i: at most VP_PASSAGE_MAX bytes, after
** the last space of its final quarter, else on a UTF-8 boundary. */
static int rd_chunk_end(const char *z, int i, int iEnd) {
  if (iEnd - i <= VP_PASSAGE_MAX) return iEnd;
  int e = i + VP_PASSAGE_MAX;
  for (int k = e; k > i + VP_PASSAGE_MAX * 3 / 4; k--)
    if (rd_is_space((unsigned char)z[k - 1])) return k;
  while (e > i + 1 && ((unsigned char)z[e] & 0xC0) == 0x80) e--;
  return e;
}

static int rd_split_long(rd_ctx *p) {
  int nNew = 0;
  for (int k = 0; k < p->nP; k++) {
    const vp_passage *pP = &p->aP[k];
    int bSplit = pP->eKind != VP_P_ROW && pP->eKind != VP_P_TABLE_HEAD;
    for (int i = pP->iStart; bSplit && i < pP->iEnd; nNew++) {
      i = rd_chunk_end(p->zClean, i, pP->iEnd);
      while (i < pP->iEnd && rd_is_space((unsigned char)p->zClean[i])) i++;
    }
    if (!bSplit) nNew++;
  }
  if (nNew == p->nP) return VP_OK;
  vp_passage *aNew = calloc((size_t)nNew, sizeof(vp_passage));
  int *aMap = calloc((size_t)p->nP + 1, sizeof(int));
  if (aNew == NULL || aMap == NULL) {
    free(aNew);
    free(aMap);
    return VP_ENOMEM;
  }
  int j = 0, rc = VP_OK;
  for (int k = 0; k < p->nP; k++) {
    vp_passage *pP = &p->aP[k];
    aMap[k] = j;
    if (pP->eKind == VP_P_ROW || pP->eKind == VP_P_TABLE_HEAD) {
      aNew[j++] = *pP;
      continue;
    }
    int iLine = pP->iLine;
    for (int i = pP->iStart, iPrev = pP->iStart; i < pP->iEnd;) {
      int e = rd_chunk_end(p->zClean, i, pP->iEnd);
      for (int c = iPrev; c < i; c++) iLine += p->zClean[c] == '\n';
      iPrev = i;
      vp_passage *pC = &aNew[j++];
      *pC = *pP;
      pC->iStart = i;
      pC->iEnd = e;
      while (pC->iEnd > pC->iStart && rd_is_space((unsigned char)p->zClean[pC->iEnd - 1])) pC->iEnd--;
      pC->iLine = iLine;
      if (i != pP->iStart) {
        pC->zLabel[0] = 0;
        pC->zSection = pP->zSection ? vp_strndup(pP->zSection, -1) : NULL;
        if (pP->zSection && pC->zSection == NULL) rc = VP_ENOMEM;
      }
      i = e;
      while (i < pP->iEnd && rd_is_space((unsigned char)p->zClean[i])) i++;
    }
  }
  aMap[p->nP] = nNew;
  for (int m = 0; m < nNew; m++) {
    if (aNew[m].iParent >= 0 && aNew[m].iParent < p->nP) aNew[m].iParent = aMap[aNew[m].iParent];
    if (aNew[m].iTable >= 0 && aNew[m].iTable < p->nP) aNew[m].iTable = aMap[aNew[m].iTable];
  }
  free(aMap);
  free(p->aP);
  p->aP = aNew;
  p->nP = p->nPAlloc = nNew;
  return rc;
}


/* The role each column of a table head gives its cells (vp_columns.h). */
static int rd_column_roles(vp_passage *pP) {
  pP->aeColRole = calloc((size_t)pP->nCell, sizeof(vp_colrole));
  if (pP->aeColRole == NULL) return VP_ENOMEM;
  for (int c = 0; c < pP->nCell; c++) {
    char *zFold = vp_fold_str(pP->azCell[c], -1);
    if (zFold == NULL) return VP_ENOMEM;
    pP->aeColRole[c] = vp_columns_role(zFold);
    free(zFold);
  }
  return VP_OK;
}

int vp_reader_parse(const char *zBuf, size_t nBuf, vp_text **ppOut,
                    char **pzErr) {
  *ppOut = NULL;
  if (nBuf >= (size_t)INT_MAX - 1) {
    if (pzErr) *pzErr = vp_mprintf("text of %zu bytes is too large", nBuf);
    return VP_EINPUT;
  }
  rd_ctx ctx;
  memset(&ctx, 0, sizeof(ctx));
  rd_ctx *p = &ctx;
  vp_text *pOut = calloc(1, sizeof(vp_text));
  char *zCopy = malloc(nBuf + 1);
  char *zClean = malloc(nBuf + 1);
  int rc = VP_OK, iDocStart = 0, iDocEnd = (int)nBuf;
  if (pOut == NULL || zCopy == NULL || zClean == NULL) {
    rc = VP_ENOMEM;
    goto done;
  }
  memcpy(zCopy, zBuf, nBuf);
  zCopy[nBuf] = 0;
  memcpy(zClean, zBuf, nBuf);
  zClean[nBuf] = 0;
  p->zRaw = zCopy;
  p->nRaw = (int)nBuf;
  p->zClean = zClean;
  if (nBuf >= 3 && memcmp(zCopy, "\xEF\xBB\xBF", 3) == 0) rd_fill(zClean, 0, 3);
  /* NUL bytes would end strings early: blank them in the working copy */
  for (char *q = zClean; (q = memchr(q, 0, (size_t)(zClean + nBuf - q))); q++) *q = ' ';
  rc = rd_cut_lines(p);
  if (rc) goto done;
  rd_mark_bare_pipe_tables(p);
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    int s = pL->iRaw;
    if (k == 0 && nBuf >= 3 && memcmp(zCopy, "\xEF\xBB\xBF", 3) == 0) s = 3;
    if (s > pL->iRawEnd) s = pL->iRawEnd;
    rd_line tmp = *pL;
    tmp.iRaw = s;
    rd_blank_line(zCopy, zClean, &tmp);
    pL->mdLevel = tmp.mdLevel;
    pL->bHr = tmp.bHr;
    pL->bPipe = tmp.bPipe;
    pL->bPipeSep = tmp.bPipeSep;
    pL->bBarePipe = tmp.bBarePipe;
  }
  for (int k = 0; k < p->nLine; k++) {
    rd_line *pL = &p->aLine[k];
    pL->iCs = pL->iRaw;
    pL->iCe = pL->iRawEnd;
    rd_trim(zClean, &pL->iCs, &pL->iCe);
  }
  for (int k = 0; k < p->nLine && rc == VP_OK; k++) {
    rd_line *pL = &p->aLine[k];
    if (pL->iCs < pL->iCe) rc = rd_line_features(p, pL);
  }
  if (rc) goto done;
  rd_mark_cellruns(p);
  rd_mark_bold_blocks(p);
  rd_blank_page_numbers(p);
  rd_detect_style(p);
  int nLineAll = p->nLine, iEndLine = rd_furniture_end(p);
  p->nLine = iEndLine; /* tables and paragraphs stop where furniture begins */
  rd_group(p);
  p->nLine = nLineAll;
  iDocStart = p->header.iEnd > 0 && p->iHeaderLine > 0 ? p->header.iStart : 0;
  iDocEnd = iEndLine < p->nLine ? p->aLine[iEndLine].iRaw : (int)nBuf;
  if (iDocStart > 0) {
    /* the issuer may stand on lines before its cell's first classed line */
    int k = p->iHeaderLine;
    while (k > 0 && !p->aLine[k - 1].bBarePipe && !rd_is_blank(&p->aLine[k - 1])) k--;
    iDocStart = p->aLine[k].iRaw;
    int bOnlyLayout = 1; /* nothing but pipes and empty lines before it */
    for (int m = 0; m < k && bOnlyLayout; m++) bOnlyLayout = rd_is_blank(&p->aLine[m]);
    if (bOnlyLayout) iDocStart = 0;
  }
  if (iDocStart > 0 || iDocEnd < (int)nBuf) rd_drop_outside(p, iDocStart, iDocEnd);
  rc = p->rc;
  if (rc == VP_OK) rc = rd_structure(p);
  if (rc == VP_OK) rc = rd_split_long(p);
  for (int k = 0; k < p->nP && rc == VP_OK; k++) {
    vp_passage *pP = &p->aP[k];
    pP->zText = vp_strndup(zClean + pP->iStart, pP->iEnd - pP->iStart);
    if (pP->zText == NULL) rc = VP_ENOMEM;
    if (rc == VP_OK && pP->eKind == VP_P_TABLE_HEAD && pP->nCell > 0) rc = rd_column_roles(pP);
    if (pP->zSection == NULL) {
      pP->zSection = vp_strndup("", 0);
      if (pP->zSection == NULL) rc = VP_ENOMEM;
    }
  }
done:
  if (pOut) {
    pOut->zBuf = zCopy;
    pOut->nBuf = nBuf;
    pOut->aPassage = p->aP;
    pOut->nPassage = p->nP;
    pOut->header = p->header;
    pOut->iDocStart = iDocStart;
    pOut->iDocEnd = iDocEnd;
  } else {
    rd_header_clear(&p->header);
    free(zCopy);
    for (int k = 0; k < p->nP; k++) {
      free(p->aP[k].zText);
      free(p->aP[k].zSection);
      for (int c = 0; c < p->aP[k].nCell; c++) free(p->aP[k].azCell[c]);
      free(p->aP[k].azCell);
      free(p->aP[k].aeColRole);
    }
    free(p->aP);
  }
  free(p->aInfo);
  free(p->aLine);
  free(zClean);
  if (rc != VP_OK) {
    vp_reader_free(pOut);
    if (pzErr && rc == VP_ENOMEM) *pzErr = vp_mprintf("out of memory");
    return rc;
  }
  *ppOut = pOut;
  return VP_OK;
}

/* See vp_reader.h: the checks that make a file unreadable as a plan come
** first (empty, NUL bytes, invalid UTF-8), then vp_reader_parse. */
int vp_reader_load(const char *zPath, size_t nMax, vp_text **ppOut,
                   char **pzErr) {
  char *zBuf = NULL;
  size_t nBuf = 0;
  *ppOut = NULL;
  int rc = vp_read_file(zPath, nMax, &zBuf, &nBuf, pzErr);
  if (rc) return rc;
  size_t iText = nBuf >= 3 && memcmp(zBuf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  const char *zNul = memchr(zBuf, 0, nBuf);
  long iBad;
  if (nBuf == iText) {
    *pzErr = vp_mprintf("empty file");
    rc = VP_EINPUT;
  } else if (zNul) {
    *pzErr = vp_mprintf("binary file (NUL byte at offset %ld)",
                        (long)(zNul - zBuf));
    rc = VP_EINPUT;
  } else if ((iBad = rd_first_bad_utf8((const unsigned char *)zBuf, nBuf)) >= 0) {
    *pzErr = vp_mprintf("invalid UTF-8 at byte offset %ld", iBad);
    rc = VP_EINPUT;
  } else {
    rc = vp_reader_parse(zBuf, nBuf, ppOut, pzErr);
  }
  free(zBuf);
  return rc;
}

static void rd_header_clear(vp_header *h) {
  free(h->zIssuer);
  free(h->zMotto);
  free(h->zNumber);
  free(h->zPlaceDate);
  memset(h, 0, sizeof(*h));
}

/* Frees the text and every passage's strings and cells; NULL is a no-op. */
void vp_reader_free(vp_text *p) {
  if (p == NULL) return;
  for (int k = 0; k < p->nPassage; k++) {
    vp_passage *pP = &p->aPassage[k];
    free(pP->zText);
    free(pP->zSection);
    for (int c = 0; c < pP->nCell; c++) free(pP->azCell[c]);
    free(pP->azCell);
    free(pP->aeColRole);
  }
  free(p->aPassage);
  rd_header_clear(&p->header);
  free(p->zBuf);
  free(p);
}
