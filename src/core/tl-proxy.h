/* tl-proxy.h: which proxy a lookup goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_TYPE_PROXY_RESOLVER (tl_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TlProxyResolver, tl_proxy_resolver, TL, PROXY_RESOLVER, GObject)

TlProxyResolver *tl_proxy_resolver_new                  (GProxyResolver      *inner);
TlProxyResolver *tl_proxy_resolver_new_default          (void);
TlProxyResolver *tl_proxy_resolver_new_from_environment (const char * const  *envp);
char            *tl_proxy_resolver_describe             (TlProxyResolver     *self,
                                                         const char          *uri);

G_END_DECLS
