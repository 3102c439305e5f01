/*
** docnum.c — the parser of instrument numbers (see vp_docnum.h): Party form
** "69-KL/TW", State form "709/QĐ-TTg", "35/2021/NĐ-CP", "123/UBND-KT", with
** spacing noise and at most one line break inside. Codes are canonicalized
** through the "type" and "issuer" lists of data/instrument-types.tsv (see
** vp_lexicon.h). Not for the words around a number (cite.c) nor for
** deciding what a number refers to.
*/
#include "vp_docnum.h"

#include <stdio.h>
#include <string.h>

#include "vp_lexicon.h"

#define MAX_DIGITS 6     /* "12345678" is not an instrument number */
#define MAX_CODE_BYTES 14 /* one code ("SNNPTNT", "BLĐTBXH") */
#define MAX_ISSUER_PARTS 3
#define MAX_HSPACE 4      /* spaces/tabs allowed around a separator */
#define MAX_HSPACE_NL 12  /* ... when a line break (and indentation) is there */

/* ---------------------------------------------------------------- codes */

/* the columns of data/instrument-types.tsv read here */
#define CODE_COL 0
#define LOCAL_COL 3

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}
static char ascii_upper(char c) {
  return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* Bytes of the code letter at z[i] (ASCII letter: 1, Đ/đ: 2), 0 if none. */
static int code_letter_len(const char *z, int n, int i) {
  if (i >= n) return 0;
  if (is_ascii_alpha(z[i])) return 1;
  if (i + 1 < n && (unsigned char)z[i] == 0xC4 &&
      ((unsigned char)z[i + 1] == 0x90 || (unsigned char)z[i + 1] == 0x91))
    return 2;
  return 0;
}

/* Lowercase key of code bytes z[0..n): Đ/đ become cD ('d' when folding,
** '#' when Đ must stay distinct). Returns 0 if it does not fit. */
static int code_key(const char *z, int n, char cD, char *zOut, int nOut) {
  int o = 0;
  for (int i = 0; i < n; i++) {
    if (o + 1 >= nOut) return 0;
    if ((unsigned char)z[i] == 0xC4 && i + 1 < n) {
      zOut[o++] = cD;
      i++;
    } else {
      zOut[o++] = ascii_lower(z[i]);
    }
  }
  zOut[o] = 0;
  return 1;
}

/* The table entry for code bytes z[0..n) of the given kind (issuer or
** type; alias rows name no code of their own): same bytes first, then same
** letters ignoring case, then with D and Đ taken as the same letter. */
static const vp_lexicon_entry *find_code(const char *z, int n, int bIssuer) {
  const vp_lexicon_list *pList =
      vp_lexicon_get("instrument-types.tsv", bIssuer ? "issuer" : "type");
  return vp_lexicon_find_code(pList, CODE_COL, z, n);
}

/* Append the canonical spelling of code z[0..n) to zOut (size nOut, holding
** a NUL-terminated string): the table's spelling when known, else the code
** uppercased as written. Returns 0 if it does not fit. */
static int append_code(const char *z, int n, int bIssuer, char *zOut,
                       int nOut) {
  int o = (int)strlen(zOut);
  const vp_lexicon_entry *pE = find_code(z, n, bIssuer);
  if (pE) {
    const char *zCode = pE->azCol[CODE_COL];
    int nE = (int)strlen(zCode);
    if (o + nE >= nOut) return 0;
    memcpy(zOut + o, zCode, (size_t)nE + 1);
    return 1;
  }
  if (o + n >= nOut) return 0;
  for (int i = 0; i < n; i++) {
    if ((unsigned char)z[i] == 0xC4 && i + 1 < n) {
      zOut[o++] = z[i];
      zOut[o++] = (char)0x90; /* đ → Đ */
      i++;
    } else {
      zOut[o++] = ascii_upper(z[i]);
    }
  }
  zOut[o] = 0;
  return 1;
}

/* ------------------------------------------------------ text boundaries */

/* Decode the code point whose lead byte is z[i] (no validation beyond
** bounds); 0xFFFD when truncated. */
static unsigned decode_at(const char *z, int n, int i) {
  unsigned c = (unsigned char)z[i];
  int nExtra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (nExtra == 0) return c;
  if (i + nExtra >= n) return 0xFFFD;
  c &= (unsigned)(0x3F >> nExtra);
  for (int k = 1; k <= nExtra; k++) c = (c << 6) | ((unsigned char)z[i + k] & 0x3F);
  return c;
}

/* A letter, digit or combining mark: a code point that glues to a word. */
static int is_word_cp(unsigned c) {
  if (c < 0x80) return is_digit((char)c) || is_ascii_alpha((char)c);
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
}

static int word_char_at(const char *z, int n, int i) {
  if (i >= n) return 0;
  return is_word_cp(decode_at(z, n, i));
}

static int word_char_before(const char *z, int i) {
  if (i <= 0) return 0;
  int j = i - 1;
  while (j > 0 && i - j < 4 && ((unsigned char)z[j] & 0xC0) == 0x80) j--;
  return is_word_cp(decode_at(z, i, j));
}

/* Skip the noise allowed around a separator: a few spaces/tabs/NBSP and at
** most one line break. Returns the index after it, or -1 when there is more
** noise than that. */
static int skip_ws(const char *z, int n, int i) {
  int nH = 0, nNL = 0;
  while (i < n) {
    if (z[i] == ' ' || z[i] == '\t') {
      nH++;
      i++;
    } else if ((unsigned char)z[i] == 0xC2 && i + 1 < n &&
               (unsigned char)z[i + 1] == 0xA0) {
      nH++;
      i += 2;
    } else if (z[i] == '\n' || z[i] == '\r') {
      if (z[i] == '\r' && i + 1 < n && z[i + 1] == '\n') i++;
      nNL++;
      i++;
    } else {
      break;
    }
  }
  if (nNL > 1 || nH > (nNL ? MAX_HSPACE_NL : MAX_HSPACE)) return -1;
  return i;
}

/* End of the run of code letters at z[i] (== i when there is none, or when
** the run is longer than a code can be). */
static int scan_code(const char *z, int n, int i) {
  int j = i, l;
  while ((l = code_letter_len(z, n, j)) > 0) j += l;
  return (j - i > MAX_CODE_BYTES) ? i : j;
}

/* ------------------------------------------------------------- parsing */

typedef struct span {
  int i, e;
} span;

typedef struct parsed {
  span number, year, type;
  span aIssuer[MAX_ISSUER_PARTS];
  int nIssuer;
  int bParty;
  int iEnd;
} parsed;

/* Digits after a known issuer code name a term ("202/2025/QH15"). */
static int scan_issuer_head(const char *z, int n, int i) {
  int e = scan_code(z, n, i);
  if (e == i) return i;
  if (e < n && is_digit(z[e]) && find_code(z + i, e - i, 1)) {
    int d = e;
    while (d < n && is_digit(z[d]) && d - e < 2) d++;
    e = d;
  }
  return e;
}

/* A code of a numbered unit, z[i..e) followed by one or two digits
** ("QLDN1" in "3257/TNI-QLDN1", "KV2" in "…/CHQ-KV2"): the end after
** them, else e. */
static int numbered_unit_end(const char *z, int n, int i, int e) {
  int d = e;
  while (e > i && d < n && is_digit(z[d]) && d - e < 2) d++;
  return (d > e && !word_char_at(z, n, d)) ? d : e;
}

/* Issuer parts "UBND-KT" at z[i]; sets pP->aIssuer/nIssuer and returns the
** end, or -1 when there is no code or the word runs on. bTyped: a type
** code stands before ("KH-"), so a numbered unit may head the issuer. */
static int scan_issuer(const char *z, int n, int i, int bTyped, parsed *pP) {
  int e = scan_issuer_head(z, n, i);
  if (bTyped) e = numbered_unit_end(z, n, i, e);
  if (e == i) return -1;
  pP->nIssuer = 0;
  pP->aIssuer[pP->nIssuer++] = (span){i, e};
  while (pP->nIssuer < MAX_ISSUER_PARTS && e + 1 < n && z[e] == '-') {
    int e2 = numbered_unit_end(z, n, e + 1, scan_code(z, n, e + 1));
    if (e2 == e + 1 || word_char_at(z, n, e2)) break;
    pP->aIssuer[pP->nIssuer++] = (span){e + 1, e2};
    e = e2;
  }
  if (word_char_at(z, n, e)) return -1;
  return e;
}

/* N [ws] '-' [ws] TYPE '/' [ws] ISSUER, with z[k] the dash. */
static int parse_party(const char *z, int n, int k, parsed *pP) {
  int t = skip_ws(z, n, k + 1);
  if (t < 0) return 0;
  int tEnd = scan_code(z, n, t);
  if (tEnd == t || tEnd >= n || z[tEnd] != '/') return 0;
  int s = skip_ws(z, n, tEnd + 1);
  if (s < 0) return 0;
  int sEnd = scan_code(z, n, s);
  if (sEnd == s || word_char_at(z, n, sEnd)) return 0;
  pP->type = (span){t, tEnd};
  pP->aIssuer[0] = (span){s, sEnd};
  pP->nIssuer = 1;
  pP->bParty = 1;
  pP->iEnd = sEnd;
  return 1;
}

/* The year of "35/2021/NĐ-CP" at z[a]: returns the index after its '/' and
** the noise that follows, or a itself when there is no year, or -1 when
** digits stand there that are no year ("30/5/2019"). */
static int scan_year(const char *z, int n, int a, parsed *pP) {
  int d = a;
  while (d < n && is_digit(z[d])) d++;
  if (d == a) return a;
  if (d - a != 4 || !(z[a] == '1' || z[a] == '2')) return -1;
  int b = skip_ws(z, n, d);
  if (b < 0 || b >= n || z[b] != '/') return -1;
  int c = skip_ws(z, n, b + 1);
  if (c < 0) return -1;
  pP->year = (span){a, d};
  return c;
}

/* N [ws] '/' [ws] [YEAR [ws] '/' [ws]] TYPE [ws] '-' [ws] ISSUER(-PART)*,
** or N/[YEAR/]ISSUER(-PART)* with a known issuer code and no type; z[k] is
** the slash. */
static int parse_state(const char *z, int n, int k, parsed *pP) {
  int a = skip_ws(z, n, k + 1);
  if (a < 0) return 0;
  int c = scan_year(z, n, a, pP);
  if (c < 0) return 0;
  int c1End = scan_code(z, n, c);
  if (c1End == c) return 0;
  int bIssuerFirst = find_code(z + c, c1End - c, 0) == NULL &&
                     find_code(z + c, c1End - c, 1) != NULL;
  int d = skip_ws(z, n, c1End);
  if (!bIssuerFirst && d >= 0 && d < n && z[d] == '-') {
    int e = skip_ws(z, n, d + 1);
    int iEnd = e < 0 ? -1 : scan_issuer(z, n, e, 1, pP);
    if (iEnd >= 0) {
      pP->type = (span){c, c1End};
      pP->iEnd = iEnd;
      return 1;
    }
  }
  if (!bIssuerFirst && !find_code(z + c, c1End - c, 1)) return 0;
  /* no type: "123/UBND-KT", "202/2025/QH15"; a bare "2/ UBND" is a list
  ** label followed by a name */
  int bYear = pP->year.e > pP->year.i;
  if (!bYear && a != k + 1) return 0;
  int iEnd = scan_issuer(z, n, c, 0, pP);
  if (iEnd < 0 || (!bYear && pP->nIssuer < 2)) return 0;
  pP->type = (span){c, c};
  pP->iEnd = iEnd;
  return 1;
}

/* Copy the parsed spans into *p in canonical form. 0 if something is too
** long for the fixed fields. */
static int fill_docnum(const char *z, const parsed *pP, int iStart,
                       vp_docnum *p) {
  vp_docnum d;
  memset(&d, 0, sizeof(d));
  d.iStart = iStart;
  d.iEnd = pP->iEnd;
  d.bParty = pP->bParty;
  int nNum = pP->number.e - pP->number.i;
  memcpy(d.zNumber, z + pP->number.i, (size_t)nNum);
  for (int k = pP->year.i; k < pP->year.e; k++) d.nYear = d.nYear * 10 + (z[k] - '0');
  if (pP->type.e > pP->type.i &&
      !append_code(z + pP->type.i, pP->type.e - pP->type.i, 0, d.zType,
                   sizeof(d.zType)))
    return 0;
  for (int k = 0; k < pP->nIssuer; k++) {
    if (k > 0) {
      size_t o = strlen(d.zIssuer);
      if (o + 1 >= sizeof(d.zIssuer)) return 0;
      d.zIssuer[o] = '-';
      d.zIssuer[o + 1] = 0;
    }
    span s = pP->aIssuer[k];
    if (!append_code(z + s.i, s.e - s.i, 1, d.zIssuer, sizeof(d.zIssuer))) return 0;
  }
  /* "27/NQ-TW": the Party's number written in the State's form */
  if (!d.bParty && d.nYear == 0 && d.zType[0] &&
      vp_lexicon_find_code(vp_lexicon_get("instrument-types.tsv", "party"), CODE_COL, d.zIssuer, -1))
    d.bParty = 1;
  int nKey;
  if (d.bParty) {
    nKey = snprintf(d.zKey, sizeof(d.zKey), "%s-%s/%s", d.zNumber, d.zType,
                    d.zIssuer);
  } else {
    char zYear[8] = "";
    if (d.nYear) snprintf(zYear, sizeof(zYear), "%d/", d.nYear);
    nKey = snprintf(d.zKey, sizeof(d.zKey), "%s/%s%s%s%s", d.zNumber, zYear,
                    d.zType, d.zType[0] ? "-" : "", d.zIssuer);
  }
  if (nKey < 0 || nKey >= (int)sizeof(d.zKey)) return 0;
  /* the token, by which citations are matched, counts the number without
  ** its leading zeros: "09/2025/NĐ-CP" is "9/2025/NĐ-CP", "05-NQ/TW" is
  ** "5-NQ/TW"; the key keeps the number as written */
  int nZeros = 0;
  while (nZeros + 1 < nNum && d.zKey[nZeros] == '0') nZeros++;
  code_key(d.zKey + nZeros, nKey - nZeros, 'd', d.zToken, sizeof(d.zToken));
  *p = d;
  return 1;
}

/* "12/20/QĐ-TTg", "1,5-KL/TW": digits glued to earlier digits by a
** separator continue a date or a quantity, they start no number. */
static int continues_digits(const char *z, int i) {
  return i >= 2 && z[i - 1] != 0 && strchr("/-.,", z[i - 1]) != NULL && is_digit(z[i - 2]);
}

int vp_docnum_at(const char *z, int n, int i, vp_docnum *p) {
  if (i < 0 || i >= n || !is_digit(z[i]) || word_char_before(z, i) ||
      continues_digits(z, i))
    return 0;
  int j = i;
  while (j < n && is_digit(z[j])) j++;
  /* a number with a part: "66.4/2025/NQ-CP" (a resolution split in parts) */
  if (j + 2 < n && z[j] == '.' && is_digit(z[j + 1])) {
    int m = j + 1;
    while (m < n && m - j <= 2 && is_digit(z[m])) m++;
    if (m < n && z[m] == '/') j = m;
  }
  if (j - i > MAX_DIGITS) return 0;
  int k = skip_ws(z, n, j);
  /* "18–NQ/TW": an en or em dash pasted from a word processor is the dash
  ** (k then at its last byte) */
  int bDash = k >= 0 && k + 2 < n && (unsigned char)z[k] == 0xE2 && (unsigned char)z[k + 1] == 0x80 &&
              ((unsigned char)z[k + 2] == 0x93 || (unsigned char)z[k + 2] == 0x94);
  if (bDash) k += 2;
  if (k < 0 || k >= n || (z[k] != '-' && z[k] != '/' && !bDash)) return 0;
  parsed P;
  memset(&P, 0, sizeof(P));
  P.number = (span){i, j};
  int bOk = z[k] == '-' || bDash ? parse_party(z, n, k, &P) : parse_state(z, n, k, &P);
  return bOk && fill_docnum(z, &P, i, p);
}

int vp_docnum_next(const char *z, int n, int iFrom, vp_docnum *p) {
  for (int i = iFrom < 0 ? 0 : iFrom; i < n; i++) {
    if (!is_digit(z[i])) continue;
    if (vp_docnum_at(z, n, i, p)) return 1;
    while (i + 1 < n && is_digit(z[i + 1])) i++; /* not inside a digit run */
  }
  return 0;
}

int vp_docnum_is_local(const vp_docnum *p) {
  const char *z = p->zIssuer;
  int nHead = (int)strcspn(z, "-");
  if (nHead == 0) return 0;
  const vp_lexicon_entry *pE = find_code(z, nHead, 1);
  if (pE) return strcmp(pE->azCol[LOCAL_COL], "1") == 0;
  if (z[0] == 'S' && nHead >= 2) return 1; /* a Sở: SKHCN, SNN… */
  /* a body of the provincial or district Party committee: BTGTU, UBKTHU */
  return nHead > 2 && z[nHead - 1] == 'U' &&
         (z[nHead - 2] == 'T' || z[nHead - 2] == 'H');
}

const char *vp_docnum_issuer_name(const vp_docnum *p) {
  const char *z = p->zIssuer;
  int nHead = (int)strcspn(z, "-");
  while (nHead > 0 && is_digit(z[nHead - 1])) nHead--;
  const vp_lexicon_entry *pE = nHead > 0 ? find_code(z, nHead, 1) : NULL;
  return pE ? pE->zPhrase : NULL;
}

const char *vp_docnum_national_issuer(const vp_docnum *p) {
  const char *z = p->zIssuer;
  int nHead = (int)strcspn(z, "-");
  while (nHead > 0 && is_digit(z[nHead - 1])) nHead--; /* a term: "QH15", "UBTVQH15" */
  if (nHead == 0) return NULL;
  const vp_lexicon_entry *pE = find_code(z, nHead, 1);
  if (pE == NULL || strcmp(pE->azCol[LOCAL_COL], "1") == 0) return NULL;
  return pE->zPhrase;
}
