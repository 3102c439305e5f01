/*
** read_int.h — private to indexer/read/: the context the reader's files
** share while they turn a file into passages (rd_ctx and its lines, labels
** and passage notes), the constants they agree on and the functions one of
** them defines for the others. Only files of this folder include it; the
** public contract is include/vp_reader.h.
**
** Not for anything outside the reader: nothing here is stable.
*/
#ifndef READ_INT_H
#define READ_INT_H

#include "vp_reader.h"

/* ------------------------------------------------------------------------
** Types
*/

/* List label types (rd_label.eType). */
enum { LB_NONE = 0, LB_ROMAN, LB_ARABIC, LB_DECIMAL, LB_LETTER, LB_DASH,
       LB_BULLET, LB_PLUS, LB_CHAPTER, LB_SECTION, LB_ARTICLE };

/* Heading-stack ranks of passages without a numbered label (rd_rank gives
** those with one: 4 "Chương", 8 "Điều", 10 roman … 50 "+"). */
#define RANK_TOP 0      /* unlabelled title heading: closes every section */
#define RANK_SUBHEAD 34 /* unlabelled bold heading inside a section */
#define RANK_LEADIN 35  /* "Sở X:" before bullets */

/* A list label at the start of a line: "II.", "3.1", "a)", "-". */
typedef struct rd_label {
  int eType;
  int nDepth;      /* components of a decimal label ("4.2.1" → 3) */
  char zLabel[16]; /* label without punctuation */
  int iText;       /* offset of the text after the label */
} rd_label;

/* One line of the file and what it looks like (lines.c, markup.c). */
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
  unsigned bLetterOnly : 1; /* only a letter label: "a)", "đ)" */
  unsigned bBoldLabel : 1; /* bold label, plain text: "**Điều 4.** Chánh …" */
  unsigned bAppendix : 1; /* starts with "PHỤ LỤC", "BIỂU", "DANH MỤC" */
  unsigned bShortName : 1; /* short line that can be a signer's name */
  unsigned bInCellRun : 1; /* inside a one-cell-per-line table */
  unsigned bBarePipe : 1;  /* only "|": a cell boundary of the portal's
                           ** one-cell-per-line table form */
  unsigned bPipeDone : 1;  /* bare pipe of a table already read */
  unsigned bWrapWord : 2;  /* ends with a word that cannot end a sentence
                           ** (data/wrap-words.tsv): 1; with two such words
                           ** ("… Ủy ban nhân dân"): 2, which goes on only
                           ** into the line right under it in wrapped text */
  int iBoldEnd;            /* a bold span opened here closes on this later
                           ** line ("**2. Sở" / "Tài chính**"); 0 if none */
} rd_line;

/* What the grouping step knows about a passage, for the structure pass. */
typedef struct rd_pinfo {
  int iFirst, iLast; /* first and last line (or -1 for HTML rows) */
  rd_label lab;
  int iTableId;      /* 0 = not in a table */
} rd_pinfo;

/* The reader's state while one file is read (vp_reader_parse). */
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
  int bBlankSeparated; /* hard-wrapped paragraphs with an empty line after
                       ** each: a line right under another goes on with it */
  int nTable;     /* tables seen, for table ids */
  vp_header header; /* the header block, when it is a layout table */
  int iHeaderLine;  /* its first line; 0 when none */
  int rc;
} rd_ctx;

/* Cells of a table row being built, given to its passage by rd_cells_give. */
typedef struct rd_cells {
  char **az;
  int n;
} rd_cells;


/* Fields of the header block, as lines of its layout table are classed
** (pipecells.c). */
enum { HF_NONE = -1, HF_ISSUER = 0, HF_MOTTO, HF_NUMBER, HF_DATE, HF_COUNT };

/* lines.c — characters, lines, labels, line features */
int rd_is_space(unsigned char c);
int rd_is_digit(unsigned char c);
int rd_is_alpha(unsigned char c);
int rd_decode(const char *z, int n, int i, int *pCp);
int rd_prev_start(const char *z, int iMin, int i);
void rd_trim(const char *z, int *pS, int *pE);
char *rd_collapse(const char *z, int s, int e);
char *rd_fold_prefix(const char *z, int s, int e);
int rd_starts_with(const char *z, const char *zPrefix);
int rd_cut_lines(rd_ctx *p);
int rd_is_blank(const rd_line *pL);
int rd_next_line(const rd_ctx *p, int i);
int rd_raw_blank(const rd_ctx *p, int k);
int rd_parse_rownum(const char *z, int s, int e, rd_label *pL);
int rd_parse_letter_only(const char *z, int s, int e, rd_label *pL);
int rd_hyphen_compound(const rd_ctx *p, int j, int k);
int rd_line_opens_with(const rd_ctx *p, int k, const char *zList);
int rd_line_ends_before_colon(const rd_ctx *p, int k, const char *zList);
int rd_part_label_wrapped(const rd_ctx *p, int iFirst, rd_label *pLab);
int rd_rank(const rd_label *pL);
int rd_is_bullet(int eType);
int rd_is_numbered(int eType);
int rd_is_colname(const char *zFold);
/* The length of the longest phrase of list zList of data/layout-words.tsv
** at the start of the folded text zFold; 0 when none. */
int rd_layout_word(const char *zList, const char *zFold);
int rd_line_features(rd_ctx *p, rd_line *pL);

/* markup.c — markup blanking */
void rd_fill(char *z, int s, int e);
int rd_tag_end(const char *z, int i, int e);
void rd_blank_line(const char *z, char *zOut, rd_line *pL);
void rd_mark_bare_pipe_tables(rd_ctx *p);

/* paragraphs.c — passages outside tables */
int rd_add(rd_ctx *p, vp_pkind eKind, int iStart, int iEnd, int iLineNo,
           int iFirst, int iLast);
int rd_paragraph(rd_ctx *p, int i);
void rd_mark_bold_blocks(rd_ctx *p);
void rd_blank_page_numbers(rd_ctx *p);
void rd_detect_style(rd_ctx *p);

/* tables.c — TSV, cellrun, Markdown and HTML tables */
void rd_cells_free(rd_cells *pC);
void rd_cells_give(rd_ctx *p, int iP, rd_cells *pC);
int rd_count_colnames(rd_cells *pC, int *pnFilled);
int rd_tsv_starts(const rd_ctx *p, int iLine);
int rd_table_tsv(rd_ctx *p, int i);
int rd_table_cellrun(rd_ctx *p, int i, int bEmit);
void rd_mark_cellruns(rd_ctx *p);
int rd_table_pipe(rd_ctx *p, int i);
int rd_table_html(rd_ctx *p, int i);

/* pipecells.c — the portal's "|"-line tables and the header block */
int rd_line_class(const rd_ctx *p, int k, int *pRc);
int rd_table_pipecells(rd_ctx *p, int i);

/* furniture.c — a portal's page furniture */
int rd_furniture_end(rd_ctx *p);
void rd_drop_outside(rd_ctx *p, int iDocStart, int iDocEnd);

/* structure.c — kinds, sections, parents; long passages */
int rd_structure(rd_ctx *p);
int rd_split_long(rd_ctx *p);

#endif /* READ_INT_H */
