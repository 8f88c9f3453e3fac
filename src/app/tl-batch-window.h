/* tl-batch-window.h: many tokens at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-application.h"

G_BEGIN_DECLS

#define TL_TYPE_BATCH_WINDOW (tl_batch_window_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchWindow, tl_batch_window, TL, BATCH_WINDOW, AdwWindow)

void           tl_batch_window_present      (TlApplication *application,
                                             GtkWindow     *parent);
TlBatchWindow *tl_batch_window_present_text (TlApplication *application,
                                             GtkWindow     *parent,
                                             const char    *text);
gboolean       tl_batch_window_is_running   (TlBatchWindow *self);

G_END_DECLS
