/* tl-proxy-keyring.h: an office proxy's sign-in in the keyring, under the proxy's own schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "tl-proxy.h"

G_BEGIN_DECLS

const SecretSchema *tl_proxy_keyring_get_schema   (void);
void                tl_proxy_keyring_store_async  (const char          *proxy,
                                                   TlProxyCredentials  *credentials,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean            tl_proxy_keyring_store_finish (GAsyncResult        *result,
                                                   GError             **error);
void                tl_proxy_keyring_lookup_async (const char          *proxy,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TlProxyCredentials *tl_proxy_keyring_lookup_finish (GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
