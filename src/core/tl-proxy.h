/* tl-proxy.h: which proxy a lookup goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_TYPE_PROXY_RESOLVER (tl_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TlProxyResolver, tl_proxy_resolver, TL, PROXY_RESOLVER, GObject)

/* A proxy's user name and password: immutable, the password wiped when the last ref goes. */
typedef struct _TlProxyCredentials TlProxyCredentials;

#define TL_TYPE_PROXY_CREDENTIALS (tl_proxy_credentials_get_type ())
GType               tl_proxy_credentials_get_type     (void) G_GNUC_CONST;
TlProxyCredentials *tl_proxy_credentials_new          (const char               *user,
                                                       const char               *password);
TlProxyCredentials *tl_proxy_credentials_ref          (TlProxyCredentials       *self);
void                tl_proxy_credentials_unref        (TlProxyCredentials       *self);
const char         *tl_proxy_credentials_get_user     (const TlProxyCredentials *self);
const char         *tl_proxy_credentials_get_password (const TlProxyCredentials *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlProxyCredentials, tl_proxy_credentials_unref)

TlProxyResolver *tl_proxy_resolver_new                  (GProxyResolver      *inner);
TlProxyResolver *tl_proxy_resolver_new_default          (void);
TlProxyResolver *tl_proxy_resolver_new_from_environment (const char * const  *envp);
char            *tl_proxy_resolver_describe             (TlProxyResolver     *self,
                                                         const char          *uri);
TlProxyCredentials *tl_proxy_resolver_get_credentials   (TlProxyResolver     *self,
                                                         const char          *authority);

G_END_DECLS
