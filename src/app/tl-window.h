/* tl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-application.h"
#include "tl-input.h"
#include "tl-lookup-result.h"

G_BEGIN_DECLS

#define TL_TYPE_WINDOW (tl_window_get_type ())
G_DECLARE_FINAL_TYPE (TlWindow, tl_window, TL, WINDOW, AdwApplicationWindow)

TlWindow *tl_window_new        (TlApplication *application);
void      tl_window_set_input  (TlWindow      *self,
                                const char    *customer_id,
                                const char    *token,
                                gboolean       lookup);
void      tl_window_paste_text (TlWindow      *self,
                                const char    *text,
                                gboolean       lookup);
void      tl_window_open_file  (TlWindow      *self,
                                GFile         *file,
                                gboolean       batch);
void      tl_window_show_toast (TlWindow      *self,
                                const char    *message);
void      tl_window_show_lookup (TlWindow      *self,
                                 TlInput        *input,
                                 TlLookupResult *result);

G_END_DECLS
