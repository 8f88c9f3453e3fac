/* tl-client.h: the order-token lookup over one shared SoupSession
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-account.h"
#include "tl-lookup-result.h"
#include "tl-proxy.h"
#include "tl-request.h"

G_BEGIN_DECLS

#define TL_DEFAULT_TIMEOUT_SECONDS   30
#define TL_DEFAULT_MAX_RESPONSE_SIZE (1024 * 1024)

#define TL_TYPE_CLIENT (tl_client_get_type ())
G_DECLARE_FINAL_TYPE (TlClient, tl_client, TL, CLIENT, GObject)

TlClient       *tl_client_new                   (void);
guint           tl_client_get_timeout           (TlClient            *self);
void            tl_client_set_timeout           (TlClient            *self,
                                                 guint                seconds);
void            tl_client_set_timeout_ms        (TlClient            *self,
                                                 guint                milliseconds);
void            tl_client_set_tls_database      (TlClient            *self,
                                                 GTlsDatabase        *database);
void            tl_client_set_proxy_resolver    (TlClient            *self,
                                                 GProxyResolver      *resolver);
void            tl_client_set_proxy_credentials (TlClient            *self,
                                                 TlProxyCredentials  *credentials);
void            tl_client_set_max_connections   (TlClient            *self,
                                                 guint                max_conns);

void            tl_client_lookup_async          (TlClient            *self,
                                                 TlAccount           *account,
                                                 const char          *customer_id,
                                                 const char          *token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void            tl_client_lookup_with_proxy_async (TlClient            *self,
                                                   TlAccount           *account,
                                                   TlProxyCredentials  *proxy_credentials,
                                                   const char          *customer_id,
                                                   const char          *token,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TlLookupResult *tl_client_lookup_finish         (TlClient            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
