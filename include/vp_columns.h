/*
** vp_columns.h — the column names of plan tables ("STT", "Nội dung",
** "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành" …) and the
** role each gives its column, from data/table-columns.tsv (read through
** vp_lexicon). The
** reader uses it to recognise a header row and give each column a role; the
** task extractor reads a row's cells by those roles. Not for reading tables.
*/
#ifndef VP_COLUMNS_H
#define VP_COLUMNS_H

typedef enum vp_colrole {
  VP_COL_NONE = 0, /* not a known column name */
  VP_COL_NUMBER,   /* STT, TT */
  VP_COL_CONTENT,  /* nội dung, nhiệm vụ, công việc */
  VP_COL_LEAD,     /* cơ quan / đơn vị chủ trì, đơn vị thực hiện */
  VP_COL_SUPPORT,  /* cơ quan / đơn vị phối hợp */
  VP_COL_DEADLINE, /* thời gian, thời hạn, tiến độ */
  VP_COL_PRODUCT,  /* sản phẩm, kết quả */
  VP_COL_BUDGET,   /* kinh phí, nguồn vốn */
  VP_COL_NOTE,     /* ghi chú */
  VP_COL_OTHER,    /* a column name with no role for tasks */
  VP_COL_STEP      /* bước, trình tự: the steps of a procedure — its table
                   ** sets out how a file is handled, not who is to do what */
} vp_colrole;

/* Is zFold (a header cell, folded with vp_fold_str) a column name: a name
** of the table exactly, or a "prefix" name followed by more words? Cells of
** more than 10 words or 60 bytes never are. */
int vp_columns_is_name(const char *zFold);

/* The role of a column whose header cell folds to zFold: that of the name
** found earliest in it (the longer one at the same place); VP_COL_NONE. */
vp_colrole vp_columns_role(const char *zFold);

/* VP_OK when data/table-columns.tsv (and the other lexicon tables) loaded
** cleanly; else VP_EINPUT with *pzErr naming the rows (caller frees). The
** lookups above work either way, over the rows that were read. */
int vp_columns_check(char **pzErr);

#endif /* VP_COLUMNS_H */
