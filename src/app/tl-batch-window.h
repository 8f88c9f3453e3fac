/* tl-batch-window.h: many tokens at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-lookups.h"

G_BEGIN_DECLS

#define TL_TYPE_BATCH_WINDOW (tl_batch_window_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchWindow, tl_batch_window, TL, BATCH_WINDOW, AdwWindow)

TlBatchWindow *tl_batch_window_new          (GtkApplication *application,
                                             TlLookups      *lookups,
                                             GtkWindow      *parent,
                                             const char     *text);
void           tl_batch_window_present      (TlBatchWindow  *self);
gboolean       tl_batch_window_is_running   (TlBatchWindow  *self);
gboolean       tl_batch_window_is_sifting   (TlBatchWindow  *self);

G_END_DECLS
