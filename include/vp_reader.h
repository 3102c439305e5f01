/*
** vp_reader.h — reads a plan (.txt or .md converted from PDF or the web) into
** passages: paragraphs, list items, headings and table rows, each with its
** byte span in the file, line number, list label, heading path ("II.3.a"),
** enclosing heading, and for table rows the cells and their column names.
** Markdown and HTML markup (**, *, #, |, <b>, <sup>, <p>, <br>) is blanked to
** spaces in place, so offsets in a passage's text are offsets in the file.
** A UTF-8 BOM and CRLF are handled. vp_reader_load first brings a file in
** another encoding (UTF-16 with a BOM, Windows-1258, TCVN3, VNI) to UTF-8
** (vp_encoding.h): then zBuf and every offset refer to the converted text,
** not to the bytes on disk. Not for extracting meaning (vp_meta,
** vp_cite, vp_task do that).
*/
#ifndef VP_READER_H
#define VP_READER_H

#include <stddef.h>

#include "vp_columns.h"
#include "vp_encoding.h"

typedef enum vp_pkind {
  VP_P_TEXT = 0,       /* a paragraph */
  VP_P_HEADING = 1,    /* a labelled heading or a title line (short, no
                       ** final punctuation, or Markdown #/bold heading) */
  VP_P_ITEM = 2,       /* a list item: "- …", "+ …", "a) …", "1. …" with a
                       ** sentence (labelled paragraphs are ITEMs) */
  VP_P_ROW = 3,        /* a table row (TSV, one cell per line, Markdown or
                       ** HTML table); continuation lines merged into it */
  VP_P_TABLE_HEAD = 4, /* a table's header row (column names) */
  VP_P_RECIPIENT = 5,  /* "Nơi nhận:" and its list */
  VP_P_SIGNATURE = 6   /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", signer */
} vp_pkind;

/* Paragraphs longer than this many bytes are cut into several passages (on
** a space), each keeping the section and parent of the whole. */
#define VP_PASSAGE_MAX 16384

typedef struct vp_passage {
  vp_pkind eKind;
  int iStart, iEnd; /* byte span in the file buffer, [iStart, iEnd) */
  int iLine;        /* 1-based line of iStart */
  char *zText;      /* NUL-terminated copy of file bytes [iStart, iEnd) with
                    ** markup blanked to spaces: strlen == iEnd - iStart */
  char zLabel[16];  /* its own list label without punctuation: "II", "3",
                    ** "3.1", "a", "đ", "-", "+", "" */
  int iLevel;       /* nesting depth in the heading tree, 0 = top/no label */
  char *zSection;   /* heading path, own label included when numbered:
                    ** "II.3.a"; "" when none */
  int iParent;      /* index of the enclosing heading, labelled item or
                    ** lead-in line ("Sở X:" before bullets); -1 if none */
  int bLeadIn;      /* 1 when the passage ends with ':' and the following
                    ** items hang under it */
  int nCell;        /* ROW / TABLE_HEAD: number of cells, else 0 */
  char **azCell;    /* ROW / TABLE_HEAD: cell texts, markup removed, trimmed,
                    ** continuation text appended; NULL otherwise */
  vp_colrole *aeColRole; /* TABLE_HEAD: the role of each column, from its
                    ** name (nCell entries); NULL otherwise */
  int iTable;       /* ROW: index of its TABLE_HEAD passage, -1 if none */
  int bGroupRow;    /* HEADING: a table's group row ("II | TITLE"), not a
                    ** task */
  char zLoc[32];    /* where a person finds it in a file of another format
                    ** (vp_format_locate): "p. 3, l. 12" for a PDF (with
                    ** " (OCR)" for a scanned page), "¶ 41" for DOCX/DOC;
                    ** "" for text files (the line says it) */
} vp_passage;

/* The header block of an official document, as cells of a layout table
** (issuer | motto / "Số: …" | place and date) however they were wrapped:
** each field's text joined over its lines, markup and rules removed; NULL
** when the document has no such block (plain-text headers are read by
** vp_meta from the passages). */
typedef struct vp_header {
  char *zIssuer;    /* "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "BỘ NÔNG NGHIỆP VÀ
                    ** MÔI TRƯỜNG" */
  char *zMotto;     /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - …" */
  char *zNumber;    /* "Số: 0125/KH-UBND" (the number may be on the next
                    ** line of its cell) */
  char *zPlaceDate; /* "Bắc Ninh, ngày 20 tháng 11 năm 2025" */
  int iStart, iEnd; /* byte span of the block in the file; 0, 0 if none */
} vp_header;

typedef struct vp_text {
  char *zBuf;      /* the whole file as read (BOM included), NUL-terminated;
                   ** converted to UTF-8 when it was in another encoding */
  size_t nBuf;
  vp_passage *aPassage;
  int nPassage;
  vp_header header;
  int iDocStart, iDocEnd; /* the document itself, [iDocStart, iDocEnd): a
                          ** portal's page furniture before and after it is
                          ** outside; 0, nBuf when there is none */
  vp_encoding_id eEncoding; /* what the file was in: VP_ENC_UTF8 unless
                          ** converted (set by the loader, not by parse) */
  int nOcrPage;           /* pages of a PDF read by OCR (vp_format_locate) */
} vp_text;

/* Split zBuf[0..nBuf) (copied) into passages. The text must be valid UTF-8
** (vp_reader_load checks). Returns VP_OK, VP_ENOMEM. Free with
** vp_reader_free(). */
int vp_reader_parse(const char *zBuf, size_t nBuf, vp_text **ppOut,
                    char **pzErr);

/* Read and parse a file, converted to UTF-8 first when it is UTF-16 with a
** BOM or a legacy encoding vp_encoding_to_utf8 recognises (then offsets are
** in the converted text). Refuses, with VP_EINPUT and *pzErr saying why: an
** empty file, a file over nMax bytes, a binary file (NUL bytes), invalid
** UTF-8 in no encoding that can be trusted (with the byte offset of the
** first bad sequence and the likely encoding). VP_EIO when it
** cannot be read. On error *ppOut is NULL. */
int vp_reader_load(const char *zPath, size_t nMax, vp_text **ppOut,
                   char **pzErr);

void vp_reader_free(vp_text *p); /* NULL is a no-op */

#endif /* VP_READER_H */
