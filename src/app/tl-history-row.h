/* tl-history-row.h: one lookup in the history panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-history.h"

G_BEGIN_DECLS

#define TL_TYPE_HISTORY_ROW (tl_history_row_get_type ())
G_DECLARE_FINAL_TYPE (TlHistoryRow, tl_history_row, TL, HISTORY_ROW, GtkListBoxRow)

GtkWidget      *tl_history_row_new       (TlHistoryEntry *entry);
TlHistoryEntry *tl_history_row_get_entry (TlHistoryRow   *self);

G_END_DECLS
