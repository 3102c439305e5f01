/*
** store.c — the SQLite index (see vp_store.h): schema, opening with the
** tokenizer registered, and writing documents in batches (group commit), each
** document whole inside its own SAVEPOINT. Not for answering questions
** (indexer/query/) nor for walking folders (indexer.c).
*/
#include "vp_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vp_agency.h"
#include "vp_common.h"
#include "vp_data.h"
#include "rules_hash.h" /* VP_RULES_CODE_HASH: bin/gen, made by the Makefile */
#include "vp_fold.h"
#include "vp_rank.h"
#include "vp_tok.h"

/* Bytes of the file a reader maps; SQLite caps it at its build's
** SQLITE_MAX_MMAP_SIZE (2 GB in Debian's), the rest is read with pread(). */
#define VP_STORE_MMAP 2147418112
/* KiB of page cache a reader keeps for the pages it does not map */
#define VP_STORE_READ_CACHE_KB 16384

static const char *const zSchema =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);"
    "CREATE TABLE IF NOT EXISTS doc(id INTEGER PRIMARY KEY,"
    " path TEXT UNIQUE NOT NULL, file TEXT NOT NULL, hash TEXT, version INT,"
    " size INT, kind TEXT, number TEXT, date TEXT, issuer TEXT,"
    " province TEXT, title TEXT, signer TEXT, indexed_at TEXT, ocr_pages INT);"
    "CREATE TABLE IF NOT EXISTS passage(id INTEGER PRIMARY KEY,"
    " doc_id INT NOT NULL, seq INT, kind INT, line INT, start INT, end INT,"
    " label TEXT, section TEXT, parent INT, text TEXT, loc TEXT);"
    "CREATE INDEX IF NOT EXISTS passage_doc ON passage(doc_id);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(text,"
    " content='passage', content_rowid='id', tokenize='vnplan');"
    "CREATE TABLE IF NOT EXISTS instrument(id INTEGER PRIMARY KEY,"
    " token TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '', key TEXT,"
    " type TEXT, number TEXT, year INT, type_code TEXT, issuer_code TEXT,"
    " issuer_body TEXT, title TEXT, UNIQUE(token, scope));"
    "CREATE TABLE IF NOT EXISTS citation(id INTEGER PRIMARY KEY,"
    " doc_id INT NOT NULL, passage_id INT, instrument_id INT NOT NULL,"
    " relation TEXT, date TEXT, issuer_body TEXT, title TEXT, start INT,"
    " end INT, line INT, section TEXT);"
    "CREATE INDEX IF NOT EXISTS citation_doc ON citation(doc_id);"
    "CREATE INDEX IF NOT EXISTS citation_passage ON citation(passage_id);"
    "CREATE INDEX IF NOT EXISTS citation_inst ON citation(instrument_id, doc_id, start);"
    "CREATE INDEX IF NOT EXISTS citation_date ON citation(instrument_id, date, doc_id);"
    /* per instrument: citations and citing documents, and per date stated the
    ** documents that state it, kept as documents come and go, so `refs`
    ** never counts a popular instrument's citations one by one */
    "CREATE TABLE IF NOT EXISTS instrument_stat(instrument_id INTEGER PRIMARY KEY,"
    " citations INT NOT NULL, docs INT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS instrument_date(instrument_id INT NOT NULL,"
    " date TEXT NOT NULL, docs INT NOT NULL, PRIMARY KEY(instrument_id, date)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS agency(id INTEGER PRIMARY KEY,"
    " canon TEXT UNIQUE NOT NULL, key TEXT, kind TEXT, generic INT);"
    "CREATE INDEX IF NOT EXISTS agency_key ON agency(key);"
    "CREATE TABLE IF NOT EXISTS task(id INTEGER PRIMARY KEY,"
    " doc_id INT NOT NULL, passage_id INT, line INT, section TEXT, text TEXT,"
    " deadline TEXT, deadline_norm TEXT);"
    "CREATE INDEX IF NOT EXISTS task_doc ON task(doc_id);"
    /* search reads a candidate passage's task by it; an index built before
    ** gets it at its next `vnplan index`, and is read without it till then */
    "CREATE INDEX IF NOT EXISTS task_passage ON task(passage_id);"
    "CREATE TABLE IF NOT EXISTS task_agency(task_id INT NOT NULL,"
    " agency_id INT NOT NULL, role TEXT NOT NULL, name TEXT, doc_id INT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS task_agency_agency ON task_agency(agency_id, doc_id);"
    /* per agency and document, how many tasks as lead and as support: `who`
    ** reads these few rows instead of every task */
    "CREATE TABLE IF NOT EXISTS agency_doc(agency_id INT NOT NULL,"
    " doc_id INT NOT NULL, lead INT NOT NULL, support INT NOT NULL,"
    " PRIMARY KEY(agency_id, doc_id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS agency_doc_doc ON agency_doc(doc_id);"
    /* and per agency and province ('' when unknown), kept as documents come
    ** and go: `who` reads at most one row per province */
    "CREATE TABLE IF NOT EXISTS agency_province(agency_id INT NOT NULL,"
    " province TEXT NOT NULL, lead INT NOT NULL, support INT NOT NULL,"
    " docs INT NOT NULL, PRIMARY KEY(agency_id, province)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS doc_province ON doc(province, file);"
    "CREATE INDEX IF NOT EXISTS task_agency_task ON task_agency(task_id);"
    VP_VOCAB_SCHEMA
    "INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '" VP_STORE_SCHEMA "');"
    "INSERT OR IGNORE INTO meta(key, value) VALUES('generation', 0);"
    /* a random id of this index file, so answers cached from another file
    ** (one moved over it) are never taken for this one's */
    "INSERT OR IGNORE INTO meta(key, value) VALUES('instance', lower(hex(randomblob(8))));";

static int db_error(sqlite3 *db, const char *zWhat, char **pzErr) {
  *pzErr = vp_mprintf("%s: %s", zWhat, db ? sqlite3_errmsg(db) : "out of memory");
  return VP_EDB;
}

/* The schema value stored in the index, or "" (caller frees). */
static char *stored_schema(sqlite3 *db) {
  sqlite3_stmt *s = NULL;
  char *z = NULL;
  if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='schema'", -1, &s, NULL) ==
          SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
    z = vp_strndup((const char *)sqlite3_column_text(s, 0), -1);
  sqlite3_finalize(s);
  return z ? z : vp_strndup("", 0);
}

/* An index written by an older vnplan is rebuilt: its tables are dropped and
** every file is indexed again (their version no longer matches anyway). */
static void drop_older_schema(sqlite3 *db) {
  char *z = stored_schema(db);
  if (z && strncmp(z, "vnplan-", 7) == 0 && strcmp(z, VP_STORE_SCHEMA) != 0) {
    fprintf(stderr, "vnplan: the index was built by an older vnplan (%s): rebuilding it\n", z);
    sqlite3_exec(db,
                 "DROP TABLE IF EXISTS passage_fts; DROP TABLE IF EXISTS passage;"
                 "DROP TABLE IF EXISTS citation; DROP TABLE IF EXISTS instrument;"
                 "DROP TABLE IF EXISTS task_agency; DROP TABLE IF EXISTS agency_doc;"
                 "DROP TABLE IF EXISTS agency_province; DROP TABLE IF EXISTS instrument_stat;"
                 "DROP TABLE IF EXISTS instrument_date; DROP TABLE IF EXISTS term_fold;"
                 "DROP TABLE IF EXISTS task; DROP TABLE IF EXISTS agency;"
                 "DROP TABLE IF EXISTS doc; DROP TABLE IF EXISTS meta;",
                 NULL, NULL, NULL);
  }
  free(z);
}

int vp_store_open(const char *zPath, int flags, sqlite3 **ppDb, char **pzErr) {
  *ppDb = NULL;
  struct stat st;
  int bExists = stat(zPath, &st) == 0;
  if (!bExists && !(flags & VP_STORE_CREATE)) {
    *pzErr = vp_mprintf("no index at %s (build one with: vnplan index --db %s PATH...)",
                        zPath, zPath);
    return VP_EDB;
  }
  int oflags = (flags & VP_STORE_READONLY)
                   ? SQLITE_OPEN_READONLY
                   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3 *db = NULL;
  int rc = VP_OK;
  if (sqlite3_open_v2(zPath, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    rc = db_error(db, zPath, pzErr);
    goto done;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  rc = vp_tok_register(db, pzErr);
  if (rc == VP_OK) rc = vp_rank_register(db, pzErr);
  if (rc != VP_OK) goto done;
  if (!(flags & VP_STORE_READONLY)) {
    char *zMsg = NULL;
    drop_older_schema(db);
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                     NULL, NULL, &zMsg) != SQLITE_OK ||
        sqlite3_exec(db, zSchema, NULL, NULL, &zMsg) != SQLITE_OK) {
      *pzErr = vp_mprintf("%s is not a vnplan index (%s)", zPath,
                          zMsg ? zMsg : "cannot write");
      sqlite3_free(zMsg);
      rc = VP_EDB;
      goto done;
    }
  }
  if (flags & VP_STORE_READONLY) {
    /* readers map the file: a page read is a memory access, not a pread()
    ** system call (shared with the page cache, so no copy per connection) */
    sqlite3_exec(db, "PRAGMA mmap_size=" VP_STR(VP_STORE_MMAP), NULL, NULL, NULL);
    /* what lies past the mapped part goes through SQLite's page cache: at
    ** its default 2 MB a search that reads the tasks of some 80 documents
    ** evicts its own pages and reads them again with pread() every time */
    sqlite3_exec(db, "PRAGMA cache_size=-" VP_STR(VP_STORE_READ_CACHE_KB), NULL, NULL, NULL);
  }
  /* a file that is not ours (or not SQLite at all) is refused here */
  char *zFound = stored_schema(db);
  if (zFound == NULL) {
    rc = VP_ENOMEM;
  } else if (strcmp(zFound, VP_STORE_SCHEMA) != 0) {
    if (strncmp(zFound, "vnplan-", 7) == 0)
      *pzErr = vp_mprintf("%s was built by another version of vnplan: run vnplan index"
                          " again to rebuild it", zPath);
    else
      *pzErr = vp_mprintf("%s is not a vnplan index (%s)", zPath, sqlite3_errmsg(db));
    rc = VP_EDB;
  }
  free(zFound);
done:
  if (rc != VP_OK) {
    sqlite3_close(db);
    db = NULL;
  }
  *ppDb = db;
  return rc;
}

/* ---- writer ---------------------------------------------------------- */

enum {
  S_FIND_DOC,
  S_FTS_DELETE,
  S_DEL_PASSAGE,
  S_SUB_INSTRUMENT_STAT,
  S_SUB_INSTRUMENT_DATE,
  S_DEL_INSTRUMENT_DATE,
  S_DEL_CITATION,
  S_DEL_TASK_AGENCY,
  S_SUB_AGENCY_PROVINCE,
  S_DEL_AGENCY_PROVINCE,
  S_DEL_AGENCY_DOC,
  S_DEL_TASK,
  S_DEL_DOC,
  S_INS_DOC,
  S_INS_PASSAGE,
  S_INS_FTS_RANGE,
  S_INS_INSTRUMENT,
  S_FIND_INSTRUMENT,
  S_INS_CITATION,
  S_ADD_INSTRUMENT_STAT,
  S_ADD_INSTRUMENT_DATE,
  S_INS_AGENCY,
  S_FIND_AGENCY,
  S_FIND_AGENCY_KEY,
  S_INS_TASK,
  S_INS_TASK_AGENCY,
  S_INS_AGENCY_DOC,
  S_ADD_AGENCY_PROVINCE,
  S_GENERATION,
  S_INS_TERM_FOLD,
  S_SAVEPOINT,
  S_RELEASE,
  S_ROLLBACK_TO,
  S_COUNT
};

static const char *const azSql[S_COUNT] = {
    [S_FIND_DOC] = "SELECT id FROM doc WHERE path=?1",
    [S_FTS_DELETE] = "INSERT INTO passage_fts(passage_fts, rowid, text)"
                     " SELECT 'delete', id, text FROM passage WHERE doc_id=?1",
    [S_DEL_PASSAGE] = "DELETE FROM passage WHERE doc_id=?1",
    [S_DEL_CITATION] = "DELETE FROM citation WHERE doc_id=?1",
    [S_SUB_INSTRUMENT_STAT] =
        "UPDATE instrument_stat SET citations = instrument_stat.citations - x.n,"
        " docs = instrument_stat.docs - 1 FROM (SELECT instrument_id,"
        "   count(DISTINCT CASE WHEN relation IS NOT 'alias' THEN passage_id END) AS n"
        "   FROM citation WHERE doc_id = ?1 GROUP BY instrument_id) x"
        " WHERE instrument_stat.instrument_id = x.instrument_id",
    [S_SUB_INSTRUMENT_DATE] =
        "UPDATE instrument_date SET docs = instrument_date.docs - 1"
        " FROM (SELECT DISTINCT instrument_id, date FROM citation"
        "   WHERE doc_id = ?1 AND date IS NOT NULL) x"
        " WHERE instrument_date.instrument_id = x.instrument_id AND instrument_date.date = x.date",
    [S_DEL_INSTRUMENT_DATE] = "DELETE FROM instrument_date WHERE docs <= 0 AND ?1 IS NOT NULL",
    [S_DEL_TASK_AGENCY] = "DELETE FROM task_agency WHERE task_id IN"
                          " (SELECT id FROM task WHERE doc_id=?1)",
    [S_DEL_TASK] = "DELETE FROM task WHERE doc_id=?1",
    [S_DEL_AGENCY_DOC] = "DELETE FROM agency_doc WHERE doc_id=?1",
    [S_SUB_AGENCY_PROVINCE] =
        "UPDATE agency_province SET lead = agency_province.lead - x.lead,"
        " support = agency_province.support - x.support, docs = agency_province.docs - 1"
        " FROM (SELECT ad.agency_id, ad.lead, ad.support, coalesce(d.province, '') AS province"
        "   FROM agency_doc ad JOIN doc d ON d.id = ad.doc_id WHERE ad.doc_id = ?1) x"
        " WHERE agency_province.agency_id = x.agency_id AND agency_province.province = x.province",
    [S_DEL_AGENCY_PROVINCE] = "DELETE FROM agency_province WHERE docs <= 0 AND ?1 IS NOT NULL",
    [S_DEL_DOC] = "DELETE FROM doc WHERE id=?1",
    [S_INS_DOC] = "INSERT INTO doc(path, file, hash, version, size, kind,"
                  " number, date, issuer, province, title, signer, indexed_at, ocr_pages)"
                  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                  " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?13)",
    [S_INS_PASSAGE] = "INSERT INTO passage(doc_id, seq, kind, line, start,"
                      " end, label, section, parent, text, loc)"
                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,NULLIF(?11,''))",
    [S_INS_FTS_RANGE] = "INSERT INTO passage_fts(rowid, text)"
                         " SELECT id, text FROM passage WHERE id BETWEEN ?1 AND ?2",
    [S_INS_INSTRUMENT] =
        "INSERT INTO instrument(token, scope, key, type, number, year,"
        " type_code, issuer_code, issuer_body, title)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
        " ON CONFLICT(token, scope) DO UPDATE SET"
        " type=coalesce(type, excluded.type),"
        " issuer_body=coalesce(issuer_body, excluded.issuer_body),"
        " title=coalesce(title, excluded.title)",
    [S_FIND_INSTRUMENT] = "SELECT id FROM instrument WHERE token=?1 AND scope=?2",
    [S_INS_CITATION] = "INSERT INTO citation(doc_id, passage_id,"
                       " instrument_id, relation, date, issuer_body, title,"
                       " start, end, line, section)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [S_ADD_INSTRUMENT_STAT] =
        "INSERT INTO instrument_stat(instrument_id, citations, docs)"
        " SELECT instrument_id, count(DISTINCT CASE WHEN relation IS NOT 'alias' THEN passage_id END), 1"
        " FROM citation WHERE doc_id = ?1"
        " GROUP BY instrument_id ON CONFLICT(instrument_id) DO UPDATE SET"
        " citations = citations + excluded.citations, docs = docs + 1",
    [S_ADD_INSTRUMENT_DATE] =
        "INSERT INTO instrument_date(instrument_id, date, docs)"
        " SELECT DISTINCT instrument_id, date, 1 FROM citation WHERE doc_id = ?1"
        " AND date IS NOT NULL ON CONFLICT(instrument_id, date) DO UPDATE SET docs = docs + 1",
    [S_INS_AGENCY] = "INSERT OR IGNORE INTO agency(canon, key, kind, generic)"
                     " VALUES(?1,?2,?3,?4)",
    [S_FIND_AGENCY] = "SELECT id FROM agency WHERE canon=?1",
    [S_FIND_AGENCY_KEY] = "SELECT id FROM agency WHERE key=?1 ORDER BY id LIMIT 1",
    [S_INS_TASK] = "INSERT INTO task(doc_id, passage_id, line, section, text,"
                   " deadline, deadline_norm) VALUES(?1,?2,?3,?4,?5,?6,?7)",
    [S_INS_TASK_AGENCY] = "INSERT INTO task_agency(task_id, agency_id, role,"
                          " name, doc_id) VALUES(?1,?2,?3,?4,?5)",
    [S_ADD_AGENCY_PROVINCE] =
        "INSERT INTO agency_province(agency_id, province, lead, support, docs)"
        " SELECT ad.agency_id, coalesce(?2, ''), ad.lead, ad.support, 1 FROM agency_doc ad"
        " WHERE ad.doc_id = ?1 ON CONFLICT(agency_id, province) DO UPDATE SET"
        " lead = lead + excluded.lead, support = support + excluded.support, docs = docs + 1",
    [S_INS_AGENCY_DOC] = "INSERT INTO agency_doc(agency_id, doc_id, lead, support)"
                         " VALUES(?1,?2,?3,?4) ON CONFLICT(agency_id, doc_id) DO UPDATE"
                         " SET lead=lead+excluded.lead, support=support+excluded.support",
    [S_GENERATION] = "UPDATE meta SET value=value+1 WHERE key='generation'",
    [S_INS_TERM_FOLD] = "INSERT OR IGNORE INTO term_fold(fold, term) VALUES(?1, ?2)",
    [S_SAVEPOINT] = "SAVEPOINT doc",
    [S_RELEASE] = "RELEASE doc",
    [S_ROLLBACK_TO] = "ROLLBACK TO doc",
};

/* Agency ids already known in this run: a bulk index names the same few
** hundred agencies in every file, so each is looked up in SQL once. */
typedef struct agency_slot {
  char *zKey;
  long long iId;
} agency_slot;

/* Passage rowids [iFirst, iLast] of a document stored in the open batch,
** to be added to passage_fts when the batch commits (see vp_store_put). */
typedef struct fts_range {
  long long iFirst, iLast;
} fts_range;

struct vp_store {
  sqlite3 *db;
  sqlite3_stmt *aStmt[S_COUNT];
  agency_slot *aAgency; /* open addressing, nAgencySlot a power of two */
  int nAgencySlot, nAgency;
  vp_vocab terms; /* term_fold pairs written in this run: each once */
  int bBatch;     /* a batch (transaction) is open */
  fts_range *aRange; /* documents of the open batch, for passage_fts */
  int nRange, nRangeAlloc;
  int nBatchDocs; /* documents stored in the open batch */
  int iRules;     /* rules_version(), computed once */
};

static unsigned agency_hash(const char *z) {
  unsigned h = 2166136261u;
  for (; *z; z++) h = (h ^ (unsigned char)*z) * 16777619u;
  return h;
}

static agency_slot *agency_slot_for(vp_store *p, const char *zKey) {
  unsigned i = agency_hash(zKey) & (unsigned)(p->nAgencySlot - 1);
  while (p->aAgency[i].zKey && strcmp(p->aAgency[i].zKey, zKey) != 0)
    i = (i + 1) & (unsigned)(p->nAgencySlot - 1);
  return &p->aAgency[i];
}

static void agency_cache_clear(vp_store *p) {
  for (int i = 0; i < p->nAgencySlot; i++) free(p->aAgency[i].zKey);
  free(p->aAgency);
  p->aAgency = NULL;
  p->nAgencySlot = p->nAgency = 0;
}

/* Remember agency key zKey → iId; on out of memory the cache just stays smaller. */
static void agency_cache_put(vp_store *p, const char *zKey, long long iId) {
  if (p->nAgency * 2 >= p->nAgencySlot) {
    vp_store grown = *p;
    grown.nAgencySlot = p->nAgencySlot ? p->nAgencySlot * 2 : 256;
    grown.aAgency = calloc((size_t)grown.nAgencySlot, sizeof(agency_slot));
    if (grown.aAgency == NULL) return;
    for (int i = 0; i < p->nAgencySlot; i++)
      if (p->aAgency[i].zKey) *agency_slot_for(&grown, p->aAgency[i].zKey) = p->aAgency[i];
    free(p->aAgency);
    p->aAgency = grown.aAgency;
    p->nAgencySlot = grown.nAgencySlot;
  }
  agency_slot *pSlot = agency_slot_for(p, zKey);
  if (pSlot->zKey) return;
  pSlot->zKey = vp_strndup(zKey, -1);
  if (pSlot->zKey == NULL) return;
  pSlot->iId = iId;
  p->nAgency++;
}

int vp_store_writer(sqlite3 *db, vp_store **ppOut, char **pzErr) {
  *ppOut = NULL;
  vp_store *p = calloc(1, sizeof(*p));
  if (p == NULL) return VP_ENOMEM;
  p->db = db;
  for (int i = 0; i < S_COUNT; i++) {
    if (sqlite3_prepare_v3(db, azSql[i], -1, SQLITE_PREPARE_PERSISTENT,
                           &p->aStmt[i], NULL) != SQLITE_OK) {
      int rc = db_error(db, "cannot prepare the index writer", pzErr);
      vp_store_writer_free(p);
      return rc;
    }
  }
  *ppOut = p;
  return VP_OK;
}

void vp_store_writer_free(vp_store *p) {
  if (p == NULL) return;
  if (p->bBatch) vp_store_batch_rollback(p);
  for (int i = 0; i < S_COUNT; i++) sqlite3_finalize(p->aStmt[i]);
  agency_cache_clear(p);
  vp_vocab_clear(&p->terms);
  free(p->aRange);
  free(p);
}

/* Bind helpers: NULL strings bind as SQL NULL. The strings outlive the
** statement's run (run() and lookup_id() clear the bindings): no copy. */
static void bind_text(sqlite3_stmt *s, int i, const char *z) {
  if (z) sqlite3_bind_text(s, i, z, -1, SQLITE_STATIC);
  else sqlite3_bind_null(s, i);
}

/* Run a statement that returns no row; resets it. */
static int run(vp_store *p, int iStmt) {
  sqlite3_stmt *s = p->aStmt[iStmt];
  int rc = sqlite3_step(s);
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? SQLITE_OK : rc;
}

/* Run a one-column integer lookup; *piOut = -1 when no row. */
static int lookup_id(vp_store *p, int iStmt, long long *piOut) {
  sqlite3_stmt *s = p->aStmt[iStmt];
  int rc = sqlite3_step(s);
  *piOut = (rc == SQLITE_ROW) ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? SQLITE_OK : rc;
}

/* The rules a document was extracted under: the code's (VP_STORE_VERSION
** and the checksum of the reader's and extractors' sources, made by the
** Makefile) and the word lists' (data/). A document stored under other
** rules is read again by the next `vnplan index`, so new rules reach an old
** index. */
static int rules_version(void) {
  unsigned h = vp_data_checksum() ^ ((unsigned)VP_STORE_VERSION * 2654435761u) ^
               ((unsigned)VP_RULES_CODE_HASH * 40503u);
  return (int)(h & 0x7fffffff) | 1; /* never 0, "not computed yet" */
}

int vp_store_known_load(vp_store *p, vp_store_known *pOut, char **pzErr) {
  memset(pOut, 0, sizeof(*pOut));
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(p->db,
                              "SELECT path, hash FROM doc WHERE version=?1"
                              " AND hash IS NOT NULL ORDER BY path",
                              -1, &s, NULL);
  int nAlloc = 0;
  if (p->iRules == 0) p->iRules = rules_version();
  if (rc == SQLITE_OK) sqlite3_bind_int(s, 1, p->iRules);
  while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (pOut->n == nAlloc) {
      nAlloc = nAlloc ? 2 * nAlloc : 256;
      char **a1 = realloc(pOut->azPath, (size_t)nAlloc * sizeof(char *));
      if (a1) pOut->azPath = a1;
      char **a2 = a1 ? realloc(pOut->azHash, (size_t)nAlloc * sizeof(char *)) : NULL;
      if (a2) pOut->azHash = a2;
      if (a1 == NULL || a2 == NULL) { rc = SQLITE_NOMEM; break; }
    }
    char *zPath = vp_strndup((const char *)sqlite3_column_text(s, 0), -1);
    char *zHash = vp_strndup((const char *)sqlite3_column_text(s, 1), -1);
    if (zPath == NULL || zHash == NULL) {
      free(zPath);
      free(zHash);
      rc = SQLITE_NOMEM;
      break;
    }
    pOut->azPath[pOut->n] = zPath;
    pOut->azHash[pOut->n] = zHash;
    pOut->n++;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(s);
  if (rc == SQLITE_OK) return VP_OK;
  vp_store_known_free(pOut);
  if (rc == SQLITE_NOMEM) return VP_ENOMEM;
  *pzErr = vp_mprintf("cannot read the indexed files: %s", sqlite3_errmsg(p->db));
  return VP_EDB;
}

int vp_store_known_has(const vp_store_known *p, const char *zPath,
                       const char *zHash) {
  /* ORDER BY path compares bytes (BINARY), as strcmp does */
  int lo = 0, hi = p->n - 1;
  while (lo <= hi) {
    int mid = lo + (hi - lo) / 2, c = strcmp(p->azPath[mid], zPath);
    if (c == 0) return strcmp(p->azHash[mid], zHash) == 0;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

void vp_store_known_free(vp_store_known *p) {
  for (int i = 0; i < p->n; i++) {
    free(p->azPath[i]);
    free(p->azHash[i]);
  }
  free(p->azPath);
  free(p->azHash);
  memset(p, 0, sizeof(*p));
}

static int delete_doc(vp_store *p, long long iDoc) {
  static const int aDel[] = {S_FTS_DELETE, S_DEL_PASSAGE, S_SUB_INSTRUMENT_STAT,
                             S_SUB_INSTRUMENT_DATE, S_DEL_INSTRUMENT_DATE, S_DEL_CITATION,
                             S_DEL_TASK_AGENCY, S_SUB_AGENCY_PROVINCE,
                             S_DEL_AGENCY_PROVINCE, S_DEL_AGENCY_DOC, S_DEL_TASK,
                             S_DEL_DOC};
  for (int i = 0; i < VP_ARRAY_SIZE(aDel); i++) {
    sqlite3_bind_int64(p->aStmt[aDel[i]], 1, iDoc);
    int rc = run(p, aDel[i]);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

static int insert_passages(vp_store *p, long long iDoc, const vp_text *pText,
                           long long *aRowid) {
  for (int i = 0; i < pText->nPassage; i++) {
    const vp_passage *ps = &pText->aPassage[i];
    sqlite3_stmt *s = p->aStmt[S_INS_PASSAGE];
    sqlite3_bind_int64(s, 1, iDoc);
    sqlite3_bind_int(s, 2, i);
    sqlite3_bind_int(s, 3, (int)ps->eKind);
    sqlite3_bind_int(s, 4, ps->iLine);
    sqlite3_bind_int(s, 5, ps->iStart);
    sqlite3_bind_int(s, 6, ps->iEnd);
    bind_text(s, 7, ps->zLabel);
    bind_text(s, 8, ps->zSection);
    sqlite3_bind_int(s, 9, ps->iParent);
    sqlite3_bind_text(s, 10, ps->zText, ps->iEnd - ps->iStart, SQLITE_STATIC);
    sqlite3_bind_text(s, 11, ps->zLoc, -1, SQLITE_STATIC);
    int rc = run(p, S_INS_PASSAGE);
    if (rc != SQLITE_OK) return rc;
    aRowid[i] = sqlite3_last_insert_rowid(p->db);
  }
  return SQLITE_OK;
}

static int instrument_id(vp_store *p, const vp_citation *c, long long *piOut) {
  const char *zScope = c->zScope ? c->zScope : "";
  sqlite3_stmt *s = p->aStmt[S_INS_INSTRUMENT];
  bind_text(s, 1, c->num.zToken);
  bind_text(s, 2, zScope);
  bind_text(s, 3, c->num.zKey);
  bind_text(s, 4, c->zTypeName);
  bind_text(s, 5, c->num.zNumber);
  if (c->num.nYear) sqlite3_bind_int(s, 6, c->num.nYear);
  bind_text(s, 7, c->num.zType[0] ? c->num.zType : NULL);
  bind_text(s, 8, c->num.zIssuer[0] ? c->num.zIssuer : NULL);
  bind_text(s, 9, c->zIssuerBody);
  bind_text(s, 10, c->zTitle);
  int rc = run(p, S_INS_INSTRUMENT);
  if (rc != SQLITE_OK) return rc;
  s = p->aStmt[S_FIND_INSTRUMENT];
  bind_text(s, 1, c->num.zToken);
  bind_text(s, 2, zScope);
  return lookup_id(p, S_FIND_INSTRUMENT, piOut);
}

static int insert_citations(vp_store *p, long long iDoc, const vp_text *pText,
                            const vp_citations *pCite, const long long *aRowid) {
  for (int i = 0; i < pCite->n; i++) {
    const vp_citation *c = &pCite->a[i];
    if (c->iPassage < 0 || c->iPassage >= pText->nPassage) continue;
    long long iInst;
    int rc = instrument_id(p, c, &iInst);
    if (rc != SQLITE_OK) return rc;
    const vp_passage *ps = &pText->aPassage[c->iPassage];
    sqlite3_stmt *s = p->aStmt[S_INS_CITATION];
    sqlite3_bind_int64(s, 1, iDoc);
    sqlite3_bind_int64(s, 2, aRowid[c->iPassage]);
    sqlite3_bind_int64(s, 3, iInst);
    bind_text(s, 4, vp_cite_relation_name(c->eRelation));
    bind_text(s, 5, c->zDate);
    bind_text(s, 6, c->zIssuerBody);
    bind_text(s, 7, c->zTitle);
    sqlite3_bind_int(s, 8, c->iStart);
    sqlite3_bind_int(s, 9, c->iEnd);
    sqlite3_bind_int(s, 10, ps->iLine);
    bind_text(s, 11, ps->zSection);
    rc = run(p, S_INS_CITATION);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* One agency a key: names that differ only in case or accents ("Bộ Khoa
** học và công nghệ") are the one first stored. The cache is by key. */
static int agency_id(vp_store *p, const vp_task_agency *a, long long *piOut) {
  char *zKey = vp_fold_key(a->zCanon, -1);
  if (zKey == NULL) return SQLITE_NOMEM;
  if (p->nAgency > 0) {
    agency_slot *pSlot = agency_slot_for(p, zKey);
    if (pSlot->zKey) {
      *piOut = pSlot->iId;
      free(zKey);
      return SQLITE_OK;
    }
  }
  bind_text(p->aStmt[S_FIND_AGENCY_KEY], 1, zKey);
  int rc = lookup_id(p, S_FIND_AGENCY_KEY, piOut);
  if (rc == SQLITE_OK && *piOut >= 0) {
    agency_cache_put(p, zKey, *piOut);
    free(zKey);
    return rc;
  }
  const vp_agency *pDef = vp_agency_resolve(a->zCanon);
  sqlite3_stmt *s = p->aStmt[S_INS_AGENCY];
  bind_text(s, 1, a->zCanon);
  bind_text(s, 2, zKey);
  bind_text(s, 3, pDef ? pDef->zKind : (a->bGeneric ? "generic" : "other"));
  sqlite3_bind_int(s, 4, a->bGeneric);
  rc = run(p, S_INS_AGENCY);
  if (rc == SQLITE_OK) {
    bind_text(p->aStmt[S_FIND_AGENCY], 1, a->zCanon);
    rc = lookup_id(p, S_FIND_AGENCY, piOut);
    if (rc == SQLITE_OK && *piOut >= 0) agency_cache_put(p, zKey, *piOut);
  }
  free(zKey);
  return rc;
}

static int insert_tasks(vp_store *p, long long iDoc, const vp_text *pText,
                        const vp_tasks *pTasks, const long long *aRowid) {
  for (int i = 0; i < pTasks->n; i++) {
    const vp_task *t = &pTasks->a[i];
    if (t->iPassage < 0 || t->iPassage >= pText->nPassage) continue;
    const vp_passage *ps = &pText->aPassage[t->iPassage];
    sqlite3_stmt *s = p->aStmt[S_INS_TASK];
    sqlite3_bind_int64(s, 1, iDoc);
    sqlite3_bind_int64(s, 2, aRowid[t->iPassage]);
    sqlite3_bind_int(s, 3, ps->iLine);
    bind_text(s, 4, ps->zSection);
    bind_text(s, 5, t->zText);
    bind_text(s, 6, t->zDeadline);
    bind_text(s, 7, t->zDeadlineNorm);
    int rc = run(p, S_INS_TASK);
    if (rc != SQLITE_OK) return rc;
    long long iTask = sqlite3_last_insert_rowid(p->db);
    for (int k = 0; k < t->nAgency; k++) {
      const vp_task_agency *a = &t->aAgency[k];
      if (a->zCanon == NULL) continue;
      long long iAgency;
      rc = agency_id(p, a, &iAgency);
      if (rc != SQLITE_OK) return rc;
      s = p->aStmt[S_INS_TASK_AGENCY];
      sqlite3_bind_int64(s, 1, iTask);
      sqlite3_bind_int64(s, 2, iAgency);
      bind_text(s, 3, a->eRole == VP_ROLE_LEAD ? "lead" : "support");
      bind_text(s, 4, a->zName);
      sqlite3_bind_int64(s, 5, iDoc);
      rc = run(p, S_INS_TASK_AGENCY);
      if (rc != SQLITE_OK) return rc;
      s = p->aStmt[S_INS_AGENCY_DOC];
      sqlite3_bind_int64(s, 1, iAgency);
      sqlite3_bind_int64(s, 2, iDoc);
      sqlite3_bind_int(s, 3, a->eRole == VP_ROLE_LEAD);
      sqlite3_bind_int(s, 4, a->eRole != VP_ROLE_LEAD);
      rc = run(p, S_INS_AGENCY_DOC);
      if (rc != SQLITE_OK) return rc;
    }
  }
  return SQLITE_OK;
}

/* term_fold gains the document's pairs not yet written in this run. */
static int insert_terms(vp_store *p, const vp_vocab *pVocab) {
  const char *zTerm, *zFold;
  int iOff = 0, rc = SQLITE_OK;
  while (rc == SQLITE_OK && vp_vocab_next(pVocab, &iOff, &zTerm, &zFold)) {
    int bNew;
    if (vp_vocab_add(&p->terms, zTerm, (int)strlen(zTerm), zFold,
                     (int)strlen(zFold), &bNew) != VP_OK)
      return SQLITE_NOMEM;
    if (!bNew) continue;
    sqlite3_stmt *s = p->aStmt[S_INS_TERM_FOLD];
    sqlite3_bind_text(s, 1, zFold, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, zTerm, -1, SQLITE_STATIC);
    rc = run(p, S_INS_TERM_FOLD);
  }
  return rc;
}

/* Errors after which the transaction cannot go on (disk full, I/O,
** corruption, memory, locks): the whole batch is rolled back. Any other
** error (a constraint, a value too big) concerns the document alone. */
static int is_fatal(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: case SQLITE_TOOBIG: case SQLITE_MISMATCH:
    case SQLITE_RANGE: case SQLITE_ERROR:
      return 0;
    default:
      return 1;
  }
}

/* Remember that rowids aRowid[0..n) await passage_fts (contiguous runs, the
** last one merged with the previous document's when they touch). */
static int range_add(vp_store *p, const long long *aRowid, int n) {
  for (int i = 0; i < n; i++) {
    fts_range *r = p->nRange ? &p->aRange[p->nRange - 1] : NULL;
    if (r && aRowid[i] == r->iLast + 1) {
      r->iLast = aRowid[i];
      continue;
    }
    if (p->nRange == p->nRangeAlloc) {
      int nNew = p->nRangeAlloc ? 2 * p->nRangeAlloc : 64;
      fts_range *aNew = realloc(p->aRange, (size_t)nNew * sizeof(fts_range));
      if (aNew == NULL) return SQLITE_NOMEM;
      p->aRange = aNew;
      p->nRangeAlloc = nNew;
    }
    p->aRange[p->nRange].iFirst = p->aRange[p->nRange].iLast = aRowid[i];
    p->nRange++;
  }
  return SQLITE_OK;
}

/* Add the passages stored in the batch so far to passage_fts. */
static int range_flush(vp_store *p) {
  int rc = SQLITE_OK;
  for (int i = 0; rc == SQLITE_OK && i < p->nRange; i++) {
    sqlite3_stmt *s = p->aStmt[S_INS_FTS_RANGE];
    sqlite3_bind_int64(s, 1, p->aRange[i].iFirst);
    sqlite3_bind_int64(s, 2, p->aRange[i].iLast);
    rc = run(p, S_INS_FTS_RANGE);
  }
  p->nRange = 0;
  return rc;
}

int vp_store_batch_begin(vp_store *p, char **pzErr) {
  if (p->bBatch) return VP_OK;
  if (sqlite3_exec(p->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_error(p->db, "cannot start writing the index", pzErr);
  p->bBatch = 1;
  p->nRange = 0;
  p->nBatchDocs = 0;
  return VP_OK;
}

int vp_store_batch_docs(const vp_store *p) {
  return p->bBatch ? p->nBatchDocs : 0;
}

void vp_store_batch_rollback(vp_store *p) {
  if (!p->bBatch) return;
  sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
  p->bBatch = 0;
  p->nRange = 0;
  p->nBatchDocs = 0;
  agency_cache_clear(p); /* ids inserted by the rolled-back transaction */
  vp_vocab_clear(&p->terms); /* and pairs */
}

int vp_store_batch_commit(vp_store *p, char **pzErr) {
  if (!p->bBatch) return VP_OK;
  int rc = range_flush(p);
  /* readers' caches key on the generation: once per batch */
  if (rc == SQLITE_OK && p->nBatchDocs > 0) rc = run(p, S_GENERATION);
  if (rc == SQLITE_OK) rc = sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    db_error(p->db, "cannot commit to the index", pzErr);
    vp_store_batch_rollback(p);
    return VP_EDB;
  }
  p->bBatch = 0;
  p->nBatchDocs = 0;
  return VP_OK;
}

/* The document's rows (all but passage_fts, see range_add), inside the
** open savepoint. */
static int put_rows(vp_store *p, const vp_store_doc *d, long long iOld,
                    long long *aRowid) {
  const vp_text *pText = d->pText;
  int rc = SQLITE_OK;
  long long iDoc = -1;
  if (iOld >= 0) rc = delete_doc(p, iOld);
  if (rc == SQLITE_OK) {
    const vp_meta *m = d->pMeta;
    sqlite3_stmt *s = p->aStmt[S_INS_DOC];
    bind_text(s, 1, d->zPath);
    bind_text(s, 2, d->zFile);
    bind_text(s, 3, d->zHash);
    if (p->iRules == 0) p->iRules = rules_version();
    sqlite3_bind_int(s, 4, p->iRules);
    sqlite3_bind_int64(s, 5, d->nSize);
    bind_text(s, 6, m->zKind);
    bind_text(s, 7, m->zNumber);
    bind_text(s, 8, m->zDate);
    bind_text(s, 9, m->zIssuer);
    bind_text(s, 10, m->zProvince);
    bind_text(s, 11, m->zTitle);
    bind_text(s, 12, m->zSigner);
    sqlite3_bind_int(s, 13, pText->nOcrPage);
    rc = run(p, S_INS_DOC);
    iDoc = sqlite3_last_insert_rowid(p->db);
  }
  if (rc == SQLITE_OK) rc = insert_passages(p, iDoc, pText, aRowid);
  if (rc == SQLITE_OK) rc = insert_citations(p, iDoc, pText, d->pCite, aRowid);
  for (int k = S_ADD_INSTRUMENT_STAT; rc == SQLITE_OK && k <= S_ADD_INSTRUMENT_DATE; k++) {
    sqlite3_bind_int64(p->aStmt[k], 1, iDoc);
    rc = run(p, k);
  }
  if (rc == SQLITE_OK) rc = insert_tasks(p, iDoc, pText, d->pTasks, aRowid);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int64(p->aStmt[S_ADD_AGENCY_PROVINCE], 1, iDoc);
    bind_text(p->aStmt[S_ADD_AGENCY_PROVINCE], 2, d->pMeta->zProvince);
    rc = run(p, S_ADD_AGENCY_PROVINCE);
  }
  if (rc == SQLITE_OK && d->pVocab) rc = insert_terms(p, d->pVocab);
  return rc;
}

/* FTS5 writes its pending terms to a new segment at every SAVEPOINT once
** the table has been written in the transaction. So the passages of a batch
** go to passage_fts only when the batch commits (range_flush): the
** savepoints of the documents in between find nothing to flush, and FTS5
** gets the batch's terms in large segments. */
int vp_store_put(vp_store *p, const vp_store_doc *d, char **pzErr) {
  int bOwn = !p->bBatch; /* no batch open: this document is one */
  int rc = vp_store_batch_begin(p, pzErr);
  if (rc != VP_OK) return rc;
  long long *aRowid = calloc((size_t)d->pText->nPassage + 1, sizeof(long long));
  if (aRowid == NULL) {
    if (bOwn) vp_store_batch_rollback(p);
    return VP_ENOMEM;
  }
  long long iOld = -1;
  bind_text(p->aStmt[S_FIND_DOC], 1, d->zPath);
  rc = lookup_id(p, S_FIND_DOC, &iOld);
  /* the old passages leave passage_fts by a 'delete' that reads them: those
  ** of a document stored earlier in this batch must be there first */
  if (rc == SQLITE_OK && iOld >= 0 && p->nRange > 0) rc = range_flush(p);
  int bSavepoint = 0;
  if (rc == SQLITE_OK) rc = run(p, S_SAVEPOINT);
  if (rc == SQLITE_OK) {
    bSavepoint = 1;
    rc = put_rows(p, d, iOld, aRowid);
  }
  if (rc == SQLITE_OK) rc = run(p, S_RELEASE);
  if (rc == SQLITE_OK) {
    bSavepoint = 0; /* stored in the batch: from here a failure is the batch's */
    rc = range_add(p, aRowid, d->pText->nPassage);
  }
  free(aRowid);
  if (rc == SQLITE_OK) {
    p->nBatchDocs++;
    return bOwn ? vp_store_batch_commit(p, pzErr) : VP_OK;
  }
  *pzErr = vp_mprintf("cannot store %s: %s", d->zFile,
                      rc == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(p->db));
  if (bSavepoint && !is_fatal(rc) && run(p, S_ROLLBACK_TO) == SQLITE_OK &&
      run(p, S_RELEASE) == SQLITE_OK) {
    /* this document alone is undone; the batch goes on */
    agency_cache_clear(p);
    vp_vocab_clear(&p->terms);
    if (bOwn) vp_store_batch_rollback(p);
    return VP_EINPUT;
  }
  vp_store_batch_rollback(p);
  return VP_EDB;
}

static int under_root(const char *zPath, char **azRoot, int nRoot) {
  if (nRoot == 0) return 1;
  for (int i = 0; i < nRoot; i++) {
    size_t n = strlen(azRoot[i]);
    if (strncmp(zPath, azRoot[i], n) == 0 &&
        (zPath[n] == 0 || zPath[n] == '/' || (n > 0 && azRoot[i][n - 1] == '/')))
      return 1;
  }
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int vp_store_prune(vp_store *p, char **azRoot, int nRoot, char **azSeen,
                   int nSeen, int *pnRemoved, char **pzErr) {
  *pnRemoved = 0;
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(p->db, "SELECT id, path FROM doc", -1, &s, NULL);
  long long *aGone = NULL;
  int nGone = 0, nAlloc = 0;
  while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
    const char *zPath = (const char *)sqlite3_column_text(s, 1);
    struct stat st;
    int bSeen = bsearch(&zPath, azSeen, (size_t)nSeen, sizeof(char *), cmp_str) != NULL;
    int bGone = stat(zPath, &st) != 0 || (!bSeen && under_root(zPath, azRoot, nRoot));
    if (!bGone) continue;
    if (nGone == nAlloc) {
      nAlloc = nAlloc ? nAlloc * 2 : 16;
      long long *aNew = realloc(aGone, (size_t)nAlloc * sizeof(long long));
      if (aNew == NULL) { rc = SQLITE_NOMEM; break; }
      aGone = aNew;
    }
    aGone[nGone++] = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  for (int i = 0; rc == SQLITE_OK && i < nGone; i++) {
    rc = sqlite3_exec(p->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = delete_doc(p, aGone[i]);
    if (rc == SQLITE_OK) rc = run(p, S_GENERATION);
    if (rc == SQLITE_OK) rc = sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) (*pnRemoved)++;
    else sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
  }
  free(aGone);
  if (rc != SQLITE_OK) {
    *pzErr = vp_mprintf("cannot prune the index: %s", sqlite3_errmsg(p->db));
    return VP_EDB;
  }
  return VP_OK;
}
