/* tl-credentials.h: passwords in the system keyring, async only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "tl-account.h"

G_BEGIN_DECLS

const SecretSchema *tl_credentials_get_schema     (void);

void      tl_credentials_store_async   (const char          *server,
                                        const char          *username,
                                        const char          *password,
                                        gboolean             remember,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  tl_credentials_store_finish  (GAsyncResult        *result,
                                        GError             **error);

void      tl_credentials_lookup_async  (const char          *server,
                                        const char          *username,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *tl_credentials_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

void      tl_credentials_clear_async   (const char          *server,
                                        const char          *username,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  tl_credentials_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

void      tl_credentials_free_password (char                *password);
gboolean  tl_credentials_in_sandbox    (void);

void       tl_credentials_load_async   (TlAccount           *account,
                                        guint                timeout_ms,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
TlAccount *tl_credentials_load_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
