/* tl-lookups.h: the app's one way to look up a token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-accounts.h"
#include "tl-batch.h"
#include "tl-client.h"
#include "tl-lookup-result.h"

G_BEGIN_DECLS

#define TL_TYPE_LOOKUPS (tl_lookups_get_type ())
G_DECLARE_FINAL_TYPE (TlLookups, tl_lookups, TL, LOOKUPS, GObject)

TlLookups      *tl_lookups_new               (TlAccounts          *accounts,
                                              TlClient            *client);
TlLookups      *tl_lookups_new_limited       (TlLookups           *base,
                                              guint                timeout_ms);
TlAccounts     *tl_lookups_get_accounts      (TlLookups           *self);
TlAccount      *tl_lookups_snapshot          (TlLookups           *self);

void            tl_lookups_run_async         (TlLookups           *self,
                                              TlAccount           *account,
                                              const char          *customer_id,
                                              const char          *token,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void            tl_lookups_run_with_proxy_async (TlLookups         *self,
                                                 TlAccount         *account,
                                                 TlProxyCredentials *proxy_credentials,
                                                 const char        *customer_id,
                                                 const char        *token,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
TlLookupResult *tl_lookups_run_finish        (TlLookups           *self,
                                              GAsyncResult        *result);

void            tl_lookups_new_batch_async   (TlLookups           *self,
                                              TlAccount           *account,
                                              guint                jobs,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
TlBatch        *tl_lookups_new_batch_finish  (TlLookups           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
