/* tl-accounts.h: the one owner of account state in the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-account.h"
#include "tl-demo-server.h"
#include "tl-settings.h"

G_BEGIN_DECLS

#define TL_TYPE_ACCOUNTS (tl_accounts_get_type ())
G_DECLARE_FINAL_TYPE (TlAccounts, tl_accounts, TL, ACCOUNTS, GObject)

TlAccounts   *tl_accounts_new                   (TlSettings          *settings);

const char   *tl_accounts_get_base_url          (TlAccounts          *self);
const char   *tl_accounts_get_username          (TlAccounts          *self);
const char   *tl_accounts_get_active_profile    (TlAccounts          *self);
const char   *tl_accounts_get_label             (TlAccounts          *self);
guint         tl_accounts_get_timeout_seconds   (TlAccounts          *self);
gboolean      tl_accounts_get_remember_password (TlAccounts          *self);
gboolean      tl_accounts_get_demo              (TlAccounts          *self);
void          tl_accounts_set_demo_server       (TlAccounts          *self,
                                                 TlDemoServer        *server);

TlAccount    *tl_accounts_snapshot              (TlAccounts          *self);
void          tl_accounts_load_async            (TlAccounts          *self,
                                                 TlAccount           *snapshot,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TlAccount    *tl_accounts_load_finish           (TlAccounts          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void          tl_accounts_store_password_async  (TlAccounts          *self,
                                                 TlAccount           *account,
                                                 gboolean             remember,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      tl_accounts_store_password_finish (TlAccounts          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

char        **tl_accounts_get_profile_names     (TlAccounts          *self);
char         *tl_accounts_dup_profile_title     (TlAccounts          *self,
                                                 const char          *name);
void          tl_accounts_activate_profile      (TlAccounts          *self,
                                                 const char          *name);
void          tl_accounts_save_profile          (TlAccounts          *self,
                                                 const char          *old_name,
                                                 const char          *name,
                                                 const char          *base_url,
                                                 const char          *username);
void          tl_accounts_delete_profile        (TlAccounts          *self,
                                                 const char          *name);

gboolean      tl_accounts_identity_in_use       (TlAccounts          *self,
                                                 const char          *server,
                                                 const char          *username);
char         *tl_accounts_dup_profile_ca_file   (TlAccounts          *self,
                                                 const char          *name);
void          tl_accounts_set_profile_ca_file   (TlAccounts          *self,
                                                 const char          *name,
                                                 const char          *path);
void          tl_accounts_forget_ca_file        (TlAccounts          *self,
                                                 const char          *path);
void          tl_accounts_import_ca_file_async  (TlAccounts          *self,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char         *tl_accounts_import_ca_file_finish (TlAccounts          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
