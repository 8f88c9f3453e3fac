/* tl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-client.h"

G_BEGIN_DECLS

#define TL_TYPE_APPLICATION (tl_application_get_type ())
G_DECLARE_FINAL_TYPE (TlApplication, tl_application, TL, APPLICATION, AdwApplication)

TlApplication *tl_application_new                  (void);
GSettings     *tl_application_get_settings         (TlApplication *self);
TlClient      *tl_application_get_client           (TlApplication *self);
gboolean       tl_application_get_demo             (TlApplication *self);
gboolean       tl_application_start_demo           (TlApplication *self,
                                                    GError       **error);
void           tl_application_stop_demo            (TlApplication *self);
const char    *tl_application_get_base_url         (TlApplication *self);
const char    *tl_application_get_username         (TlApplication *self);
gboolean       tl_application_is_configured        (TlApplication *self);
void           tl_application_set_session_password (TlApplication *self,
                                                    const char    *password);
gboolean       tl_application_has_password         (TlApplication *self);
void           tl_application_load_password_async  (TlApplication      *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean       tl_application_load_password_finish (TlApplication *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

GListModel    *tl_application_get_history          (TlApplication  *self);
void           tl_application_add_history          (TlApplication  *self,
                                                    TlLookupResult *result,
                                                    const char     *token,
                                                    const char     *account);
void           tl_application_clear_history        (TlApplication  *self);

char         **tl_application_get_profile_names    (TlApplication  *self);
const char    *tl_application_get_active_profile   (TlApplication  *self);
void           tl_application_activate_profile     (TlApplication  *self,
                                                    const char     *name);
void           tl_application_save_profile         (TlApplication  *self,
                                                    const char     *old_name,
                                                    const char     *name,
                                                    const char     *base_url,
                                                    const char     *username);
void           tl_application_delete_profile       (TlApplication  *self,
                                                    const char     *name);

G_END_DECLS
