/*
** format_doc.c — the DOC (Word 97–2003) renderer (vp_format.h) through
** Debian's antiword, run as an external converter: the bytes written to a
** private temporary file, `antiword -m UTF-8.txt -w 0` run on it (one line
** a paragraph, tables as |cell| rows), its output read back, bounded in
** size (DOC_MAX_OUT) and time (DOC_MAX_SECONDS, then killed), and
** normalised to NFC; its tables of three columns or more rewritten as
** Markdown pipe rows with a header separator (see "antiword's tables"
** below). Why antiword: the Word 97 binary format (OLE2 with
** piece tables) has no maintained C library in Debian that builds cleanly
** (libwv is unmaintained and pulls in GNOME 2 libraries); antiword is
** small, packaged, reads Unicode text, tables and footnotes, and, being a
** separate process, a hostile .doc cannot corrupt the indexer. Without
** antiword a .doc is refused saying so. Not for .docx or .rtf.
*/
#include "vp_format.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "vp_common.h"

extern char **environ;

#define DOC_MAX_OUT ((size_t)64 << 20)
#define DOC_MAX_SECONDS 60

/* Write z[0..n) to a new temporary file; its path into zPath. */
static int write_temp(const char *z, size_t n, char *zPath, size_t nPath) {
  const char *zDir = getenv("TMPDIR");
  snprintf(zPath, nPath, "%s/vnplan-doc-XXXXXX", zDir && *zDir ? zDir : "/tmp");
  int fd = mkstemp(zPath);
  if (fd < 0) return -1;
  size_t o = 0;
  while (o < n) {
    ssize_t k = write(fd, z + o, n - o);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      close(fd);
      unlink(zPath);
      return -1;
    }
    o += (size_t)k;
  }
  close(fd);
  return 0;
}

/* Run antiword on zPath: its stdout into pOut, the first line of its
** stderr into zErr. Returns the exit status, 127 when it cannot be run,
** -1 when killed for time or size. */
static int run_antiword(const char *zPath, vp_buf *pOut, char *zErr, size_t nErr, int *pRc) {
  int aOut[2], aErr[2];
  zErr[0] = '\0';
  if (pipe(aOut) != 0) return 127;
  if (pipe(aErr) != 0) {
    close(aOut[0]);
    close(aOut[1]);
    return 127;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, aOut[1], 1);
  posix_spawn_file_actions_adddup2(&fa, aErr[1], 2);
  posix_spawn_file_actions_addclose(&fa, aOut[0]);
  posix_spawn_file_actions_addclose(&fa, aErr[0]);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  char *azArg[] = {(char *)"antiword", (char *)"-m", (char *)"UTF-8.txt", (char *)"-w",
                   (char *)"0", (char *)zPath, NULL};
  pid_t pid;
  int e = posix_spawnp(&pid, "antiword", &fa, NULL, azArg, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(aOut[1]);
  close(aErr[1]);
  if (e != 0) {
    close(aOut[0]);
    close(aErr[0]);
    return 127;
  }
  struct pollfd aP[2] = {{aOut[0], POLLIN, 0}, {aErr[0], POLLIN, 0}};
  time_t tEnd = time(NULL) + DOC_MAX_SECONDS;
  size_t nErrUsed = 0;
  int bKilled = 0, nOpen = 2;
  char aBuf[65536];
  while (nOpen > 0 && !bKilled) {
    int ms = (int)(tEnd - time(NULL)) * 1000;
    if (ms <= 0 || poll(aP, 2, ms) == 0) {
      bKilled = 1;
      break;
    }
    for (int i = 0; i < 2; i++) {
      if (aP[i].fd < 0 || !(aP[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t k = read(aP[i].fd, aBuf, sizeof aBuf);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) {
        close(aP[i].fd);
        aP[i].fd = -1;
        nOpen--;
      } else if (i == 0) {
        if (pOut->n + (size_t)k > DOC_MAX_OUT) bKilled = 1;
        else vp_buf_append(pOut, aBuf, (size_t)k, pRc);
      } else {
        for (ssize_t j = 0; j < k && nErrUsed + 1 < nErr; j++) zErr[nErrUsed++] = aBuf[j];
        zErr[nErrUsed] = '\0';
      }
    }
  }
  for (int i = 0; i < 2; i++)
    if (aP[i].fd >= 0) close(aP[i].fd);
  if (bKilled) kill(pid, SIGKILL);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  char *zNl = strchr(zErr, '\n');
  if (zNl) *zNl = '\0';
  if (bKilled) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- antiword's tables ----
** antiword writes a table row as "|cell|cell|" lines, one per line of its
** cells side by side (a cell's later lines under an empty first cell), a
** merged row as fewer cells, and no header separator. A table of three
** columns or more is rewritten as Markdown pipe rows, as the DOCX renderer
** writes one: a row's lines joined cell by cell, a one-cell line after a
** one-cell row (a group heading's second line) joined to it, narrower rows
** padded with empty cells, a separator after the first row (its column
** names). Two-column tables (the header block, the signature beside "Nơi
** nhận") are left line by line: the reader reads their fields from lines. */

#define DOC_MAX_COLS 64

typedef struct doc_row {
  vp_buf aCell[DOC_MAX_COLS];
  int nCell;
} doc_row;

/* Cells of an antiword table line z[0..n) into az/an (trimmed); how many,
** 0 when the line is not a table line. */
static int doc_cells(const char *z, size_t n, const char **az, size_t *an) {
  while (n && (z[n - 1] == ' ' || z[n - 1] == '\r')) n--;
  if (n < 2 || z[0] != '|' || z[n - 1] != '|') return 0;
  int k = 0;
  size_t i = 1;
  while (i < n && k < DOC_MAX_COLS) {
    size_t e = i;
    while (e < n && z[e] != '|') e++;
    size_t a = i, b = e;
    while (a < b && z[a] == ' ') a++;
    while (b > a && z[b - 1] == ' ') b--;
    az[k] = z + a;
    an[k++] = b - a;
    i = e + 1;
  }
  return k;
}

static void doc_row_write(vp_buf *pOut, doc_row *r, int nCol, int *pRc) {
  vp_buf_append(pOut, "|", 1, pRc);
  for (int c = 0; c < nCol; c++) {
    vp_buf_append(pOut, " ", 1, pRc);
    if (c < r->nCell && r->aCell[c].n) vp_buf_append(pOut, r->aCell[c].z, r->aCell[c].n, pRc);
    vp_buf_append(pOut, " |", 2, pRc);
  }
  vp_buf_append(pOut, "\n", 1, pRc);
}

/* The table of lines z[0..n) (all antiword table lines) written to pOut. */
static void doc_table(vp_buf *pOut, const char *z, size_t n, int *pRc) {
  const char *az[DOC_MAX_COLS];
  size_t an[DOC_MAX_COLS];
  int nCol = 0;
  for (size_t i = 0; i < n;) {
    size_t e = i;
    while (e < n && z[e] != '\n') e++;
    int k = doc_cells(z + i, e - i, az, an);
    if (k > nCol) nCol = k;
    i = e + 1;
  }
  if (nCol < 3) { /* a layout table: as antiword wrote it */
    vp_buf_append(pOut, z, n, pRc);
    return;
  }
  doc_row *r = calloc(1, sizeof *r);
  if (r == NULL) {
    *pRc = VP_ENOMEM;
    return;
  }
  int nRow = 0;
  vp_buf_append(pOut, "\n", 1, pRc);
  for (size_t i = 0; i <= n && *pRc == VP_OK;) {
    size_t e = i;
    while (e < n && z[e] != '\n') e++;
    int k = i < n ? doc_cells(z + i, e - i, az, an) : 0;
    int bCont = r->nCell > 0 && k > 0 &&
                ((k == r->nCell && k > 1 && an[0] == 0) || (k == 1 && r->nCell == 1));
    if (!bCont && r->nCell > 0) {
      doc_row_write(pOut, r, nCol, pRc);
      if (nRow++ == 0) {
        vp_buf_append(pOut, "|", 1, pRc);
        for (int c = 0; c < nCol; c++) vp_buf_append(pOut, "---|", 4, pRc);
        vp_buf_append(pOut, "\n", 1, pRc);
      }
      for (int c = 0; c < DOC_MAX_COLS; c++) vp_buf_reset(&r->aCell[c]);
      r->nCell = 0;
    }
    for (int c = 0; c < k; c++) {
      if (an[c] == 0) continue;
      if (r->aCell[c].n) vp_buf_append(&r->aCell[c], " ", 1, pRc);
      vp_buf_append(&r->aCell[c], az[c], an[c], pRc);
    }
    if (k > r->nCell) r->nCell = k;
    if (i >= n) break;
    i = e < n ? e + 1 : n; /* the last line: once more, to write its row */
  }
  vp_buf_append(pOut, "\n", 1, pRc);
  for (int c = 0; c < DOC_MAX_COLS; c++) vp_buf_free(&r->aCell[c]);
  free(r);
}

/* antiword's text with its tables rewritten (doc_table), into pOut. */
static void doc_tables(const char *z, size_t n, vp_buf *pOut, int *pRc) {
  const char *az[DOC_MAX_COLS];
  size_t an[DOC_MAX_COLS];
  size_t i = 0;
  while (i < n && *pRc == VP_OK) {
    size_t e = i;
    while (e < n && z[e] != '\n') e++;
    if (doc_cells(z + i, e - i, az, an) == 0) {
      vp_buf_append(pOut, z + i, (e < n ? e + 1 : e) - i, pRc);
      i = e + 1;
      continue;
    }
    size_t t = i; /* a run of table lines */
    while (i < n) {
      size_t f = i;
      while (f < n && z[f] != '\n') f++;
      if (doc_cells(z + i, f - i, az, an) == 0) break;
      i = f + 1;
    }
    size_t tEnd = i > n ? n : i;
    doc_table(pOut, z + t, tEnd > t && z[tEnd - 1] == '\n' ? tEnd - t - 1 : tEnd - t, pRc);
  }
}

int vp_format_doc_render(const char *z, size_t n, char **pzOut, size_t *pnOut, char **pzErr) {
  *pzOut = NULL;
  *pnOut = 0;
  /* an OLE2 compound file starts with D0 CF 11 E0 A1 B1 1A E1 */
  if (n < 8 || memcmp(z, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) != 0) {
    if (pzErr) *pzErr = vp_mprintf("damaged DOC: not a Word 97 (OLE2) file");
    return VP_EINPUT;
  }
  char zPath[4096];
  if (write_temp(z, n, zPath, sizeof zPath) != 0) {
    if (pzErr) *pzErr = vp_mprintf("DOC: cannot write a temporary file (%s)", strerror(errno));
    return VP_EIO;
  }
  vp_buf out = {0};
  int rc = VP_OK;
  char zErr[256];
  int st = run_antiword(zPath, &out, zErr, sizeof zErr, &rc);
  unlink(zPath);
  if (rc == VP_OK && st != 0) {
    if (pzErr) {
      if (st == 127) *pzErr = vp_mprintf("DOC reading needs antiword, which is not installed (apt-get install antiword)");
      else if (st < 0) *pzErr = vp_mprintf("DOC over the limits (%d s, 64 MB of text): antiword stopped", DOC_MAX_SECONDS);
      else *pzErr = vp_mprintf("damaged DOC (antiword: %s)", zErr[0] ? zErr : "failed");
    }
    rc = VP_EINPUT;
  }
  vp_buf tab = {0};
  if (rc == VP_OK) doc_tables(out.z ? out.z : "", out.n, &tab, &rc);
  vp_buf_free(&out);
  if (rc == VP_OK) vp_buf_append(&tab, "", 0, &rc);
  if (rc != VP_OK) {
    vp_buf_free(&tab);
    return rc;
  }
  return vp_format_take_nfc(&tab, "DOC", pzOut, pnOut, pzErr);
}
