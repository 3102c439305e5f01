/*
** lexicon.c — the word lists of the extractors (see vp_lexicon.h): the
** registry of tables and lists, the loader that checks every row and folds
** every phrase once, and the lookups (a hash for exact matches, entries
** grouped by first and by last folded byte, longest first, for matches at
** and before a position). Rows are split here rather than with
** vp_data_next_row so that errors can name the line and no line is cut.
** Not for what the phrases mean: the extractors interpret their lists.
*/
#include "vp_lexicon.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vp_common.h"
#include "vp_data.h"
#include "vp_fold.h"

/* ------------------------------------------------------------ registry */

/* data/instrument-types.tsv: one row per code or body; the list is the
** kind, the phrase is the name, the value is the code. */
static const vp_lexicon_list_spec aInstrumentLists[] = {
    {"type", NULL},   /* type codes and their names: QĐ Quyết định */
    {"alias", NULL},  /* other names of a type code: Kế hoạch hành động */
    {"issuer", NULL}, /* issuer codes and their bodies: TTg Thủ tướng… */
    {"body", NULL},   /* issuing bodies without a code: Bộ Chính trị */
    {"uncoded", NULL}, /* kinds whose numbers carry no type code: Luật */
    {"party", NULL},  /* the Party's issuer codes: TW, TU … */
};

/* data/cite-phrases.tsv: the words around a cited number (cite.c). */
static const vp_lexicon_list_spec aCiteLists[] = {
    {"relation", "basis implements continues alias"},
    {"manner", NULL},
    {"issuer-end", NULL},
    {"relation-label", "basis implements continues mention alias"},
};

/* data/table-columns.tsv: column names of plan tables (columns.c); the
** list is how a name matches a header cell, the value its column's role. */
static const vp_lexicon_list_spec aColumnLists[] = {
    {"exact", "number content lead support deadline product budget note other step"},
    {"prefix", "number content lead support deadline product budget note other step"},
};

/* data/issuer-levels.tsv: issuing bodies' first words and their level
** (meta.c). */
static const vp_lexicon_list_spec aIssuerLevelList[] = {{NULL, "national local"}};

/* data/chain-levels.tsv: a document's level in an implementation chain
** (indexer/query/chain.c), by its issuer or its number's issuer code. */
static const vp_lexicon_list_spec aChainLists[] = {
    {"issuer", "party government ministry province-party province"},
    {"code", "party government ministry province-party province"},
};

/* data/task-phrases.tsv: the words around agency names (task.c). */
static const vp_lexicon_list_spec aTaskLists[] = {
    {"assign", "anywhere opening"},
    {"title", NULL},
    {"coop-link", NULL},
    {"membership", NULL},
    {"not-content", NULL},
    {"deadline", "day month quarter half year"},
    {"duration", NULL},
    {"duration-unit", "D W M Y"},
    {"list-qualifier", NULL},
    {"quota-limit", NULL},
    {"quota-unit", NULL},
    {"author-of", NULL},
    {"assigned-by", NULL},
    {"lists-bodies", NULL},
    {"support-lead-in", NULL},
    {"contact", NULL},
    {"recipient-mark", NULL},
    {"shared-head", NULL},
    {"definition", NULL},
    {"not-duty", NULL},
    {"advise", NULL},
    {"object-lead", NULL},
    {"place-tail", NULL},
    {"deadline-sentence", NULL},
    {"not-task", NULL},
    {"procedure-field", NULL},
    {"form-title", NULL},
    {"form-end", NULL},
    {"duty-lead-in", NULL},
    {"goal", NULL},
    {"scope-heading", NULL},
    {"event-deadline", NULL},
    {"recurrence", "yearly quarterly monthly weekly daily"},
    {"quote-lead", NULL},
    {"report-aspect", NULL},
    {"address-lead", NULL},
    {"doer-intro", NULL},
    {"doer-tail", NULL},
    {"execution", NULL},
    {"execution-duty", NULL},
    {"execution-pre", NULL},
    {"execution-end", NULL},
    {"duty-basis", NULL},
    {"condition-lead", NULL},
    {"name-qualifier", NULL},
};

/* data/meta-phrases.tsv: header, body and signature words (meta.c). */
static const vp_lexicon_list_spec aMetaLists[] = {
    {"issuer", NULL},          {"level", NULL},       {"header-boilerplate", NULL},
    {"issuing-verb", NULL},    {"title-stop", NULL},  {"signature-start", NULL},
    {"signer-title-word", NULL}, {"portal-field", "number issuer date"},
    {"subject-line", NULL},    {"passed", NULL},      {"enacting-authority", NULL},
};

/* data/layout-words.tsv: what the reader recognises lines by. */
static const vp_lexicon_list_spec aLayoutLists[] = {
    {"signature-prefix", NULL}, {"signature-title", NULL}, {"appendix", NULL},
    {"not-appendix", NULL},     {"motto-start", NULL},     {"motto-line", NULL},
    {"hyphen-compound", NULL}, {"list-title", NULL}, {"shared-head", NULL}, {"this-instrument", NULL},
};

/* data/rank-words.tsv: what search ranking reads passages by (occur.c,
** rerank.c). */
static const vp_lexicon_list_spec aRankLists[] = {
    {"title-head", NULL}, {"number-lead", NULL}, {"basis-head", NULL},
    {"encyclopedia-mark", NULL}, {"name-head", NULL}, {"bare-head", NULL}, {"caption-mark", NULL},
    {"reference-mark", NULL},
};

/* data/query-words.tsv: what people type into search (qexpand.c, tok.c). */
static const vp_lexicon_list_spec aQueryLists[] = {
    {"synonym", NULL}, {"question", NULL}, {"question-asked", NULL}, {"question-end", NULL}, {"question-filler", NULL},
    {"iy-initial", NULL}, {"number-word", NULL},
};

/* one-column tables: a list of phrases (reader.c) */
static const vp_lexicon_list_spec aPhraseList[] = {{NULL, NULL}};

static const vp_lexicon_table aTable[] = {
    {"instrument-types.tsv", "code\tkind\tname\tlocal", 1, 2, 0, 4,
     aInstrumentLists, VP_ARRAY_SIZE(aInstrumentLists)},
    {"cite-phrases.tsv", "list\tphrase\tvalue", 0, 1, 2, 2, aCiteLists,
     VP_ARRAY_SIZE(aCiteLists)},
    {"table-columns.tsv", "name\trole\tmatch", 2, 0, 1, 3, aColumnLists,
     VP_ARRAY_SIZE(aColumnLists)},
    {"task-phrases.tsv", "list\tphrase\tvalue", 0, 1, 2, 2, aTaskLists, VP_ARRAY_SIZE(aTaskLists)},
    {"layout-words.tsv", "list\tphrase", 0, 1, -1, 2, aLayoutLists, VP_ARRAY_SIZE(aLayoutLists)},
    {"rank-words.tsv", "list\tphrase", 0, 1, -1, 2, aRankLists, VP_ARRAY_SIZE(aRankLists)},
    {"meta-phrases.tsv", "list\tphrase\tvalue", 0, 1, 2, 2, aMetaLists, VP_ARRAY_SIZE(aMetaLists)},
    {"issuer-levels.tsv", "head\tlevel", -1, 0, 1, 2, aIssuerLevelList, 1},
    {"chain-levels.tsv", "list\tphrase\tlevel", 0, 1, 2, 2, aChainLists, VP_ARRAY_SIZE(aChainLists)},
    {"portal-furniture.tsv", "phrase", -1, 0, -1, 1, aPhraseList, 1},
    {"wrap-words.tsv", "word", -1, 0, -1, 1, aPhraseList, 1},
    {"word-pairs.tsv", "pair", -1, 0, -1, 1, aPhraseList, 1},
    {"query-abbrev.tsv", "abbreviation\tphrase", -1, 0, 1, 2, aPhraseList, 1},
    {"query-words.tsv", "list\tphrase\tvalue", 0, 1, 2, 2, aQueryLists, VP_ARRAY_SIZE(aQueryLists)},
};

/* ------------------------------------------------------------- storage */

struct vp_lexicon_list {
  const vp_lexicon_list_spec *pSpec; /* NULL for the empty list */
  vp_lexicon_entry *aEntry;          /* table order */
  int nEntry, nAlloc;
  int *aHash; /* open addressing on zFold: entry index + 1, 0 = free */
  int nHash;  /* slots: 0, or a power of two above twice nEntry */
  int *aByFirst;   /* entry indexes by first folded byte, longest first */
  int aFirst[257]; /* aByFirst[aFirst[b] .. aFirst[b + 1]) start with b */
  int *aByLast;    /* the same by last folded byte */
  int aLast[257];
};

struct vp_lexicon {
  const vp_lexicon_table *pSpec;
  vp_lexicon_list *aList; /* one per pSpec->aList, same order */
  int nList;
};

static const vp_lexicon_list gEmpty; /* what unknown lists read as */

static int is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned hash_bytes(const char *z, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The entry index of folded phrase z[0..n) in pL, or -1. */
static int hash_find(const vp_lexicon_list *pL, const char *z, int n) {
  if (pL->nHash == 0) return -1;
  unsigned m = (unsigned)pL->nHash - 1;
  for (unsigned h = hash_bytes(z, n) & m;; h = (h + 1) & m) {
    int k = pL->aHash[h] - 1;
    if (k < 0) return -1;
    const vp_lexicon_entry *e = &pL->aEntry[k];
    if (e->nFold == n && memcmp(e->zFold, z, (size_t)n) == 0) return k;
  }
}

static void hash_put(vp_lexicon_list *pL, int k) {
  unsigned m = (unsigned)pL->nHash - 1;
  const vp_lexicon_entry *e = &pL->aEntry[k];
  unsigned h = hash_bytes(e->zFold, e->nFold) & m;
  while (pL->aHash[h]) h = (h + 1) & m;
  pL->aHash[h] = k + 1;
}

/* Room for one more entry in the array and the hash. */
static int list_reserve(vp_lexicon_list *pL) {
  if (pL->nEntry == pL->nAlloc) {
    int nNew = pL->nAlloc ? pL->nAlloc * 2 : 16;
    vp_lexicon_entry *aNew = realloc(pL->aEntry, (size_t)nNew * sizeof(*aNew));
    if (aNew == NULL) return VP_ENOMEM;
    pL->aEntry = aNew;
    pL->nAlloc = nNew;
  }
  if (2 * (pL->nEntry + 1) >= pL->nHash) {
    int nNew = pL->nHash ? pL->nHash * 2 : 32;
    int *aNew = calloc((size_t)nNew, sizeof(int));
    if (aNew == NULL) return VP_ENOMEM;
    free(pL->aHash);
    pL->aHash = aNew;
    pL->nHash = nNew;
    for (int k = 0; k < pL->nEntry; k++) hash_put(pL, k);
  }
  return VP_OK;
}

typedef struct order_key {
  unsigned char b;
  int nFold, iEntry;
} order_key;

static int order_cmp(const void *pA, const void *pB) {
  const order_key *a = pA, *b = pB;
  if (a->b != b->b) return a->b < b->b ? -1 : 1;
  if (a->nFold != b->nFold) return a->nFold > b->nFold ? -1 : 1;
  return a->iEntry - b->iEntry;
}

/* Entry indexes grouped by their first (bLast: last) folded byte, longest
** first, then in table order: *paOut and the group bounds aStart[257]. */
static int build_order(const vp_lexicon_list *pL, int bLast, int **paOut,
                       int *aStart) {
  free(*paOut);
  *paOut = NULL;
  memset(aStart, 0, 257 * sizeof(int));
  if (pL->nEntry == 0) return VP_OK;
  order_key *aKey = malloc((size_t)pL->nEntry * sizeof(*aKey));
  int *aOut = malloc((size_t)pL->nEntry * sizeof(int));
  if (aKey == NULL || aOut == NULL) {
    free(aKey);
    free(aOut);
    return VP_ENOMEM;
  }
  for (int k = 0; k < pL->nEntry; k++) {
    const vp_lexicon_entry *e = &pL->aEntry[k];
    aKey[k].b = (unsigned char)e->zFold[bLast ? e->nFold - 1 : 0];
    aKey[k].nFold = e->nFold;
    aKey[k].iEntry = k;
  }
  qsort(aKey, (size_t)pL->nEntry, sizeof(*aKey), order_cmp);
  int iKey = 0;
  for (int b = 0; b < 256; b++) {
    aStart[b] = iKey;
    while (iKey < pL->nEntry && aKey[iKey].b == b) {
      aOut[iKey] = aKey[iKey].iEntry;
      iKey++;
    }
  }
  aStart[256] = iKey;
  free(aKey);
  *paOut = aOut;
  return VP_OK;
}

static void list_clear(vp_lexicon_list *pL) {
  for (int k = 0; k < pL->nEntry; k++) free((void *)pL->aEntry[k].azCol);
  free(pL->aEntry);
  free(pL->aHash);
  free(pL->aByFirst);
  free(pL->aByLast);
  memset(pL, 0, sizeof(*pL));
}

void vp_lexicon_free(vp_lexicon *p) {
  if (p == NULL) return;
  for (int i = 0; i < p->nList; i++) list_clear(&p->aList[i]);
  free(p->aList);
  free(p);
}

/* An empty lexicon with the lists of *pSpec. NULL on out of memory. */
static vp_lexicon *lexicon_new(const vp_lexicon_table *pSpec) {
  vp_lexicon *p = calloc(1, sizeof(*p));
  if (p == NULL) return NULL;
  p->pSpec = pSpec;
  p->aList = calloc((size_t)(pSpec->nList > 0 ? pSpec->nList : 1), sizeof(*p->aList));
  if (p->aList == NULL) {
    free(p);
    return NULL;
  }
  p->nList = pSpec->nList;
  for (int i = 0; i < p->nList; i++) p->aList[i].pSpec = &pSpec->aList[i];
  return p;
}

/* -------------------------------------------------------------- loading */

/* One cell of a row: bytes [z, z + n), trimmed. */
typedef struct cell {
  const char *z;
  int n;
} cell;

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Split [z, zEnd) at tabs into up to nMax trimmed cells; returns the number
** of cells the line has (which may exceed nMax). */
static int split_cells(const char *z, const char *zEnd, cell *aCell, int nMax) {
  int nCell = 0;
  for (;;) {
    const char *zTab = memchr(z, '\t', (size_t)(zEnd - z));
    const char *zCellEnd = zTab ? zTab : zEnd;
    const char *s = z, *e = zCellEnd;
    while (s < e && is_blank(*s)) s++;
    while (e > s && is_blank(e[-1])) e--;
    if (nCell < nMax) aCell[nCell] = (cell){s, (int)(e - s)};
    nCell++;
    if (zTab == NULL) return nCell;
    z = zTab + 1;
  }
}

static int cell_is(const cell *c, const char *z) {
  return (int)strlen(z) == c->n && memcmp(c->z, z, (size_t)c->n) == 0;
}

/* Is the cell one of the space-separated words of zWords? */
static int cell_in_words(const cell *c, const char *zWords) {
  const char *z = zWords;
  while (*z) {
    while (*z == ' ') z++;
    int n = (int)strcspn(z, " ");
    if (n > 0 && n == c->n && memcmp(z, c->z, (size_t)n) == 0) return 1;
    z += n;
  }
  return 0;
}

/* State of one table being loaded. */
typedef struct loader {
  vp_lexicon *p;
  const vp_lexicon_table *pSpec;
  const char *zWhere; /* table name for messages */
  int nCol;           /* columns of the header */
  char *zColumns;     /* the header's names joined by ", ", for messages */
  char *zLists;       /* the list names joined by ", ", for messages */
  vp_buf *pErr;       /* one line per problem */
  int rc;             /* VP_OK or VP_ENOMEM (sticky) */
} loader;

static void problem(loader *pLd, int iLine, const char *zFmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void problem(loader *pLd, int iLine, const char *zFmt, ...) {
  if (pLd->pErr->n) vp_buf_append(pLd->pErr, "\n", 1, &pLd->rc);
  if (iLine > 0) vp_buf_appendf(pLd->pErr, &pLd->rc, "%s line %d: ", pLd->zWhere, iLine);
  else vp_buf_appendf(pLd->pErr, &pLd->rc, "%s: ", pLd->zWhere);
  va_list ap;
  va_start(ap, zFmt);
  char *z = vp_vmprintf(zFmt, ap);
  va_end(ap);
  if (z == NULL) pLd->rc = VP_ENOMEM;
  else vp_buf_appends(pLd->pErr, z, &pLd->rc);
  free(z);
}

/* "a\tb" → "a, b"; NULL on out of memory. */
static char *join_words(const char *z, char cSep) {
  vp_buf b = {0};
  int rc = VP_OK;
  for (; *z; z++) {
    if (*z == cSep) vp_buf_appends(&b, ", ", &rc);
    else vp_buf_append(&b, z, 1, &rc);
  }
  char *zOut = rc == VP_OK ? vp_buf_take(&b) : NULL;
  vp_buf_free(&b);
  return zOut;
}

/* The list a row names, or NULL after reporting it. */
static vp_lexicon_list *row_list(loader *pLd, const cell *aCell, int iLine) {
  const vp_lexicon_table *pSpec = pLd->pSpec;
  if (pSpec->iListCol < 0) return pLd->p->nList > 0 ? &pLd->p->aList[0] : NULL;
  const cell *c = &aCell[pSpec->iListCol];
  for (int i = 0; i < pLd->p->nList; i++) {
    const char *zName = pLd->p->aList[i].pSpec->zName;
    if (zName && cell_is(c, zName)) return &pLd->p->aList[i];
  }
  if (c->n == 0) problem(pLd, iLine, "empty list name (lists: %s)", pLd->zLists);
  else problem(pLd, iLine, "unknown list \"%.*s\" (lists: %s)", c->n, c->z, pLd->zLists);
  return NULL;
}

/* Check one row and add it to its list. */
static void load_row(loader *pLd, const char *z, const char *zEnd, int iLine,
                     cell *aCell) {
  const vp_lexicon_table *pSpec = pLd->pSpec;
  int nCell = split_cells(z, zEnd, aCell, pLd->nCol);
  if (nCell > pLd->nCol || nCell < pSpec->nMinCol) {
    problem(pLd, iLine, "%d cell%s, %s %d (%s)", nCell, nCell == 1 ? "" : "s",
            nCell > pLd->nCol ? "the table has" : "a row needs at least",
            nCell > pLd->nCol ? pLd->nCol : pSpec->nMinCol, pLd->zColumns);
    return;
  }
  for (int i = nCell; i < pLd->nCol; i++) aCell[i] = (cell){"", 0};
  vp_lexicon_list *pL = row_list(pLd, aCell, iLine);
  if (pL == NULL) return;
  const cell *pKey = &aCell[pSpec->iKeyCol];
  const char *zValues = pL->pSpec->zValues;
  if (zValues && pSpec->iValueCol >= 0 && !cell_in_words(&aCell[pSpec->iValueCol], zValues)) {
    const cell *pV = &aCell[pSpec->iValueCol];
    problem(pLd, iLine, "value \"%.*s\" of list %s is not one of: %s", pV->n, pV->z,
            pL->pSpec->zName ? pL->pSpec->zName : "-", zValues);
    return;
  }
  char *zFold = vp_fold_str(pKey->z, pKey->n);
  if (zFold == NULL) {
    pLd->rc = VP_ENOMEM;
    return;
  }
  int nFold = (int)strlen(zFold);
  int kDup = nFold ? hash_find(pL, zFold, nFold) : -1;
  if (nFold == 0) {
    problem(pLd, iLine, "empty phrase (column %d)", pSpec->iKeyCol + 1);
  } else if (kDup >= 0) {
    problem(pLd, iLine, "\"%.*s\" is in list %s already (line %d)", pKey->n, pKey->z,
            pL->pSpec->zName ? pL->pSpec->zName : "-", pL->aEntry[kDup].iLine);
  } else if (list_reserve(pL) != VP_OK) {
    pLd->rc = VP_ENOMEM;
  } else {
    /* one block: the cell pointers, the cells, the folded phrase */
    size_t nBlock = (size_t)pLd->nCol * sizeof(char *) + (size_t)nFold + 1;
    for (int i = 0; i < pLd->nCol; i++) nBlock += (size_t)aCell[i].n + 1;
    char **azCol = malloc(nBlock);
    if (azCol == NULL) {
      pLd->rc = VP_ENOMEM;
    } else {
      char *zOut = (char *)(azCol + pLd->nCol);
      for (int i = 0; i < pLd->nCol; i++) {
        memcpy(zOut, aCell[i].z, (size_t)aCell[i].n);
        zOut[aCell[i].n] = 0;
        azCol[i] = zOut;
        zOut += aCell[i].n + 1;
      }
      memcpy(zOut, zFold, (size_t)nFold + 1);
      vp_lexicon_entry *e = &pL->aEntry[pL->nEntry];
      e->zPhrase = azCol[pSpec->iKeyCol];
      e->zFold = zOut;
      e->nFold = nFold;
      e->zValue = pSpec->iValueCol >= 0 ? azCol[pSpec->iValueCol] : "";
      e->azCol = (const char *const *)azCol;
      e->nCol = pLd->nCol;
      e->iLine = iLine;
      hash_put(pL, pL->nEntry++);
    }
  }
  free(zFold);
}

/* Is the table's own shape usable (columns in range)? */
static int spec_ok(const vp_lexicon_table *pSpec, int nCol) {
  if (pSpec->iKeyCol < 0 || pSpec->iKeyCol >= nCol) return 0;
  if (pSpec->iListCol >= nCol || pSpec->iValueCol >= nCol) return 0;
  if (pSpec->nMinCol < 1 || pSpec->nMinCol > nCol) return 0;
  if (pSpec->iListCol < 0) return pSpec->nList == 1 && pSpec->aList[0].zName == NULL;
  for (int i = 0; i < pSpec->nList; i++) {
    if (pSpec->aList[i].zName == NULL) return 0;
  }
  return pSpec->iListCol != pSpec->iKeyCol;
}

/* Parse zText into p (made by lexicon_new for the same spec). Problems go to
** *pErr, one line each; returns VP_OK or VP_ENOMEM. */
static int lexicon_load(vp_lexicon *p, const char *zWhere, const char *zText,
                        vp_buf *pErr) {
  const vp_lexicon_table *pSpec = p->pSpec;
  loader ld = {p, pSpec, zWhere, 1, NULL, NULL, pErr, VP_OK};
  for (const char *z = pSpec->zHeader; *z; z++) ld.nCol += (*z == '\t');
  if (!spec_ok(pSpec, ld.nCol)) {
    problem(&ld, 0, "the registry gives the table a shape it cannot have");
    return ld.rc;
  }
  vp_buf lists = {0};
  for (int i = 0; i < p->nList; i++) {
    if (i) vp_buf_appends(&lists, ", ", &ld.rc);
    vp_buf_appends(&lists, p->aList[i].pSpec->zName ? p->aList[i].pSpec->zName : "-", &ld.rc);
  }
  ld.zLists = ld.rc == VP_OK ? vp_buf_take(&lists) : NULL;
  vp_buf_free(&lists);
  ld.zColumns = join_words(pSpec->zHeader, '\t');
  cell *aCell = malloc((size_t)ld.nCol * sizeof(cell));
  cell *aHead = malloc((size_t)ld.nCol * sizeof(cell));
  if (ld.zLists == NULL || ld.zColumns == NULL || aCell == NULL || aHead == NULL) ld.rc = VP_ENOMEM;
  int bHeader = 1, bHeaderBad = 0, iLine = 0;
  const char *z = zText ? zText : "";
  while (ld.rc == VP_OK && *z) {
    const char *zEnd = strchr(z, '\n');
    if (zEnd == NULL) zEnd = z + strlen(z);
    iLine++;
    const char *s = z;
    while (s < zEnd && is_blank(*s)) s++;
    if (s < zEnd && *z != '#') {
      if (!bHeader) {
        load_row(&ld, z, zEnd, iLine, aCell);
      } else {
        /* the header names the columns: a different one means the rows
        ** cannot be read as the registry says */
        int nHead = split_cells(pSpec->zHeader, pSpec->zHeader + strlen(pSpec->zHeader), aHead, ld.nCol);
        int nGot = split_cells(z, zEnd, aCell, ld.nCol);
        int bSame = nGot == nHead;
        for (int i = 0; bSame && i < nHead; i++) {
          bSame = aCell[i].n == aHead[i].n && memcmp(aCell[i].z, aHead[i].z, (size_t)aHead[i].n) == 0;
        }
        if (!bSame) {
          char *zGot = vp_strndup(z, (int)(zEnd - z));
          char *zGotJoined = zGot ? join_words(zGot, '\t') : NULL;
          if (zGotJoined == NULL) ld.rc = VP_ENOMEM;
          else problem(&ld, iLine, "the header reads \"%s\", the registry expects \"%s\"", zGotJoined, ld.zColumns);
          free(zGot);
          free(zGotJoined);
          bHeaderBad = 1;
          break; /* the rows cannot be read as the registry says */
        }
        bHeader = 0;
      }
    }
    z = *zEnd ? zEnd + 1 : zEnd;
  }
  if (ld.rc == VP_OK && bHeader && !bHeaderBad) problem(&ld, 0, "no header line (expected \"%s\")", ld.zColumns);
  for (int i = 0; ld.rc == VP_OK && i < p->nList; i++) {
    vp_lexicon_list *pL = &p->aList[i];
    ld.rc = build_order(pL, 0, &pL->aByFirst, pL->aFirst);
    if (ld.rc == VP_OK) ld.rc = build_order(pL, 1, &pL->aByLast, pL->aLast);
  }
  free(aCell);
  free(aHead);
  free(ld.zLists);
  free(ld.zColumns);
  return ld.rc;
}

int vp_lexicon_parse(const vp_lexicon_table *pSpec, const char *zText,
                     vp_lexicon **ppOut, char **pzErr) {
  *ppOut = NULL;
  vp_lexicon *p = lexicon_new(pSpec);
  vp_buf err = {0};
  int rc = p ? lexicon_load(p, pSpec->zName, zText, &err) : VP_ENOMEM;
  if (rc == VP_OK && err.n) rc = VP_EINPUT;
  if (rc == VP_OK) {
    *ppOut = p;
  } else {
    vp_lexicon_free(p);
    if (pzErr) {
      *pzErr = rc == VP_ENOMEM ? vp_mprintf("%s: out of memory", pSpec->zName) : vp_buf_take(&err);
    }
  }
  vp_buf_free(&err);
  return rc;
}

const vp_lexicon_list *vp_lexicon_list_of(const vp_lexicon *p, const char *zList) {
  for (int i = 0; p && i < p->nList; i++) {
    const char *zName = p->aList[i].pSpec->zName;
    if (zName == NULL ? zList == NULL : (zList && strcmp(zName, zList) == 0)) return &p->aList[i];
  }
  return &gEmpty;
}

/* ------------------------------------------------- the compiled-in lists */

static struct {
  vp_lexicon *aLex[VP_ARRAY_SIZE(aTable)]; /* NULL when out of memory */
  int rc;
  char *zErr; /* every problem, one per line; NULL when none */
} gLex;
static pthread_once_t gLexOnce = PTHREAD_ONCE_INIT;

/* Builds gLex; it lives for the process (like the other data tables). */
static void load_all(void) {
  vp_buf err = {0};
  int rc = VP_OK;
  for (int t = 0; rc == VP_OK && t < VP_ARRAY_SIZE(aTable); t++) {
    char *zWhere = vp_mprintf("data/%s", aTable[t].zName);
    vp_lexicon *p = lexicon_new(&aTable[t]);
    if (zWhere == NULL || p == NULL) rc = VP_ENOMEM;
    const char *zText = vp_data_get(aTable[t].zName, NULL);
    if (rc == VP_OK && zText == NULL) {
      if (err.n) vp_buf_append(&err, "\n", 1, &rc);
      vp_buf_appendf(&err, &rc, "%s: not compiled in (is it under data/?)", zWhere);
    } else if (rc == VP_OK) {
      rc = lexicon_load(p, zWhere, zText, &err);
    }
    gLex.aLex[t] = p;
    free(zWhere);
  }
  if (rc == VP_OK && err.n) {
    gLex.rc = VP_EINPUT;
    gLex.zErr = vp_buf_take(&err);
  } else if (rc != VP_OK) {
    gLex.rc = rc;
    gLex.zErr = vp_mprintf("out of memory while loading the word lists");
  }
  vp_buf_free(&err);
}

int vp_lexicon_init(char **pzErr) {
  pthread_once(&gLexOnce, load_all);
  if (gLex.rc != VP_OK && pzErr) {
    *pzErr = vp_strndup(gLex.zErr ? gLex.zErr : "cannot load the word lists", -1);
  }
  return gLex.rc;
}

const vp_lexicon_list *vp_lexicon_get(const char *zTable, const char *zList) {
  pthread_once(&gLexOnce, load_all);
  for (int t = 0; zTable && t < VP_ARRAY_SIZE(aTable); t++) {
    if (strcmp(aTable[t].zName, zTable) == 0) return vp_lexicon_list_of(gLex.aLex[t], zList);
  }
  return &gEmpty;
}

/* -------------------------------------------------------------- lookups */

int vp_lexicon_count(const vp_lexicon_list *pList) {
  return pList ? pList->nEntry : 0;
}

const vp_lexicon_entry *vp_lexicon_entry_at(const vp_lexicon_list *pList, int i) {
  if (pList == NULL || i < 0 || i >= pList->nEntry) return NULL;
  return &pList->aEntry[i];
}

const vp_lexicon_entry *vp_lexicon_find(const vp_lexicon_list *pList,
                                        const char *z, int n) {
  if (pList == NULL || z == NULL) return NULL;
  if (n < 0) n = (int)strlen(z);
  int k = hash_find(pList, z, n);
  return k >= 0 ? &pList->aEntry[k] : NULL;
}

const char *vp_lexicon_value(const vp_lexicon_list *pList, const char *z, int n) {
  const vp_lexicon_entry *e = vp_lexicon_find(pList, z, n);
  return e ? e->zValue : NULL;
}

int vp_lexicon_at_fold(const vp_fold *f, int i, const vp_lexicon_list *pList,
                       const vp_lexicon_entry **ppEntry) {
  int nLen = 0;
  const vp_lexicon_entry *e = i >= 0 && i < f->n ? vp_lexicon_match_at(pList, f->z, f->n, i, &nLen) : NULL;
  if (ppEntry) *ppEntry = e;
  return e ? i + nLen : -1;
}

const vp_lexicon_entry *vp_lexicon_match_at(const vp_lexicon_list *pList,
                                            const char *z, int n, int i,
                                            int *pnLen) {
  if (pnLen) *pnLen = 0;
  if (pList == NULL || z == NULL || i < 0 || i >= n) return NULL;
  unsigned char b = (unsigned char)z[i];
  int k = pList->aFirst[b], kEnd = pList->aFirst[b + 1];
  if (k == kEnd) return NULL;
  if (is_word_byte(b) && i > 0 && is_word_byte((unsigned char)z[i - 1])) return NULL;
  for (; k < kEnd; k++) {
    const vp_lexicon_entry *e = &pList->aEntry[pList->aByFirst[k]];
    int iEnd = i + e->nFold;
    if (iEnd > n || memcmp(z + i, e->zFold, (size_t)e->nFold) != 0) continue;
    if (iEnd < n && is_word_byte((unsigned char)e->zFold[e->nFold - 1]) &&
        is_word_byte((unsigned char)z[iEnd]))
      continue;
    if (pnLen) *pnLen = e->nFold;
    return e;
  }
  return NULL;
}

const vp_lexicon_entry *vp_lexicon_match_before(const vp_lexicon_list *pList,
                                                const char *z, int n, int e,
                                                int iMin, int *piStart) {
  if (piStart) *piStart = -1;
  if (pList == NULL || z == NULL || e <= 0 || e > n) return NULL;
  unsigned char b = (unsigned char)z[e - 1];
  int k = pList->aLast[b], kEnd = pList->aLast[b + 1];
  if (k == kEnd) return NULL;
  if (is_word_byte(b) && e < n && is_word_byte((unsigned char)z[e])) return NULL;
  if (iMin < 0) iMin = 0;
  for (; k < kEnd; k++) {
    const vp_lexicon_entry *pE = &pList->aEntry[pList->aByLast[k]];
    int s = e - pE->nFold;
    if (s < iMin || memcmp(z + s, pE->zFold, (size_t)pE->nFold) != 0) continue;
    if (s > 0 && is_word_byte((unsigned char)pE->zFold[0]) &&
        is_word_byte((unsigned char)z[s - 1]))
      continue;
    if (piStart) *piStart = s;
    return pE;
  }
  return NULL;
}

/* The next letter of a code at z[*pi] for comparing: the byte itself
** (eMode 0), lowercased with Đ/đ as one letter of its own (1) or as 'd'
** (2). Advances *pi. */
static int code_char(const char *z, int n, int *pi, int eMode) {
  unsigned char c = (unsigned char)z[*pi];
  if (eMode > 0 && c == 0xC4 && *pi + 1 < n &&
      ((unsigned char)z[*pi + 1] == 0x90 || (unsigned char)z[*pi + 1] == 0x91)) {
    *pi += 2;
    return eMode == 1 ? 256 : 'd';
  }
  (*pi)++;
  return (eMode > 0 && c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int code_eq(const char *zA, int nA, const char *zB, int nB, int eMode) {
  int i = 0, j = 0;
  while (i < nA && j < nB) {
    if (code_char(zA, nA, &i, eMode) != code_char(zB, nB, &j, eMode)) return 0;
  }
  return i == nA && j == nB;
}

const vp_lexicon_entry *vp_lexicon_find_code(const vp_lexicon_list *pList,
                                             int iCol, const char *z, int n) {
  if (pList == NULL || z == NULL || iCol < 0) return NULL;
  if (n < 0) n = (int)strlen(z);
  for (int eMode = 0; eMode < 3; eMode++) {
    for (int k = 0; k < pList->nEntry; k++) {
      const vp_lexicon_entry *e = &pList->aEntry[k];
      if (iCol >= e->nCol) return NULL;
      const char *zCode = e->azCol[iCol];
      if (code_eq(zCode, (int)strlen(zCode), z, n, eMode)) return e;
    }
  }
  return NULL;
}
