/* tl-batch-cells.h: the cells of the batch window's table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  TL_BATCH_COLUMN_LINE,
  TL_BATCH_COLUMN_TOKEN,
  TL_BATCH_COLUMN_CUSTOMER,
  TL_BATCH_COLUMN_ORDER,
  TL_BATCH_COLUMN_OUTCOME,
  TL_BATCH_N_COLUMNS
} TlBatchColumn;

GtkListItemFactory *tl_batch_cell_factory_new (TlBatchColumn column);
const char         *tl_batch_kind_icon_name   (guint         kind);
const char         *tl_batch_kind_css_class   (guint         kind);

G_END_DECLS
