/*
** vp_data_table.h — the shape of the table that tools/embed.c generates
** (bin/gen/data.c). Only indexer/base/data.c reads it; everyone else calls
** vp_data_get() from vp_data.h.
*/
#ifndef VP_DATA_TABLE_H
#define VP_DATA_TABLE_H

#include <stddef.h>

typedef struct vp_data_entry {
  const char *zName;
  const char *z;
  size_t n;
} vp_data_entry;

extern const vp_data_entry vp_data_table[];
extern const int vp_data_count;

#endif /* VP_DATA_TABLE_H */
