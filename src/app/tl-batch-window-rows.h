/* tl-batch-window-rows.h: the batch table's rows, filtered and sorted off to the side
 * (tl-batch-window-rows.c; shown by tl-batch-window-view.c, drawn by tl-batch-cells.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-batch-item.h"

G_BEGIN_DECLS

typedef enum
{
  TL_BATCH_SORT_NONE,
  TL_BATCH_SORT_LINE,
  TL_BATCH_SORT_CUSTOMER,
  TL_BATCH_SORT_OUTCOME,
} TlBatchSortKey;

typedef gboolean (*TlBatchRowsFilter) (TlBatchItem *item,
                                       gpointer     user_data);

/* GTK 4.8's table makes a row's widgets in about 0.15 ms and keeps those of about 200 rows:
 * rows are let in this many at once, then this many per frame up to ROWS_KEPT, then all */
#define TL_BATCH_ROWS_AT_ONCE 24
#define TL_BATCH_ROWS_PER_FRAME 12
#define TL_BATCH_ROWS_KEPT 240

#define TL_TYPE_BATCH_ROW (tl_batch_row_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchRow, tl_batch_row, TL, BATCH_ROW, GObject)
#define TL_TYPE_BATCH_ROWS (tl_batch_rows_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchRows, tl_batch_rows, TL, BATCH_ROWS, GObject)

TlBatchItem *tl_batch_row_get_item       (TlBatchRow        *self);
TlBatchRows *tl_batch_rows_new           (void);
void         tl_batch_rows_set_items     (TlBatchRows       *self,
                                          GListModel        *items);
void         tl_batch_rows_set_filter    (TlBatchRows       *self,
                                          TlBatchRowsFilter  filter,
                                          gpointer           user_data);
void         tl_batch_rows_set_sort      (TlBatchRows       *self,
                                          TlBatchSortKey     key,
                                          gboolean           descending);
void         tl_batch_rows_refresh       (TlBatchRows       *self,
                                          GtkFilterChange    change);
void         tl_batch_rows_set_limit     (TlBatchRows       *self,
                                          guint              limit);
guint        tl_batch_rows_get_limit     (TlBatchRows       *self);
gboolean     tl_batch_rows_step          (TlBatchRows       *self);
guint        tl_batch_rows_get_n_shown   (TlBatchRows       *self);
gboolean     tl_batch_rows_is_busy       (TlBatchRows       *self);

G_END_DECLS
