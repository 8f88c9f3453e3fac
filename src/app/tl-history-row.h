/* tl-history-row.h: one lookup in the history panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tl-history.h"

G_BEGIN_DECLS

#define TL_TYPE_HISTORY_ROW (tl_history_row_get_type ())
G_DECLARE_FINAL_TYPE (TlHistoryRow, tl_history_row, TL, HISTORY_ROW, GtkBox)

GtkWidget      *tl_history_row_new       (TlHistoryEntry *entry);
TlHistoryEntry *tl_history_row_get_entry (TlHistoryRow   *self);
void            tl_history_row_set_entry (TlHistoryRow   *self,
                                          TlHistoryEntry *entry);
const char     *tl_history_row_get_accessible_label (TlHistoryRow *self);

G_END_DECLS
