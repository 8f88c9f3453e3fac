/* tl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-accounts.h"
#include "tl-client.h"
#include "tl-lookups.h"
#include "tl-settings.h"

G_BEGIN_DECLS

#define TL_TYPE_APPLICATION (tl_application_get_type ())
G_DECLARE_FINAL_TYPE (TlApplication, tl_application, TL, APPLICATION, AdwApplication)

TlApplication *tl_application_new                  (void);
TlSettings    *tl_application_get_settings         (TlApplication *self);
TlAccounts    *tl_application_get_accounts         (TlApplication *self);
TlLookups     *tl_application_get_lookups          (TlApplication *self);
gboolean       tl_application_get_demo             (TlApplication *self);
gboolean       tl_application_start_demo           (TlApplication *self,
                                                    GError       **error);
void           tl_application_stop_demo            (TlApplication *self);

GListModel    *tl_application_get_history          (TlApplication  *self);
void           tl_application_add_history          (TlApplication  *self,
                                                    TlLookupResult *result,
                                                    const char     *token,
                                                    const char     *account);
GPtrArray     *tl_application_clear_history        (TlApplication  *self);
void           tl_application_restore_history      (TlApplication  *self,
                                                    GPtrArray      *entries);
void           tl_application_show_shortcuts       (TlApplication  *self,
                                                    GtkWindow      *parent);
void           tl_application_notify_done          (TlApplication  *self,
                                                    const char     *what,
                                                    const char     *title,
                                                    const char     *body);

G_END_DECLS
