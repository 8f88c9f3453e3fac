/* tl-history-panel.h: this session's lookups, and the saved ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-history.h"

G_BEGIN_DECLS

#define TL_TYPE_HISTORY_PANEL (tl_history_panel_get_type ())
G_DECLARE_FINAL_TYPE (TlHistoryPanel, tl_history_panel, TL, HISTORY_PANEL, AdwBin)

void tl_history_panel_set_model    (TlHistoryPanel *self,
                                    GListModel     *model);
void tl_history_panel_unselect_all (TlHistoryPanel *self);

G_END_DECLS
