/* tl-proxy.c: which proxy a lookup goes through
 *
 * A TlProxyResolver wraps the resolver that knows the user's settings (GNOME's proxy
 * settings or, in Flatpak, the proxy portal: g_proxy_resolver_get_default(); or the
 * https_proxy / no_proxy variables for the command-line tool) and adds one rule of its own:
 * this computer is always reached directly. Plain http:// is only ever allowed to loopback,
 * so that rule is what keeps an Authorization header from reaching a proxy unencrypted; to
 * every other address the request goes through the proxy as a CONNECT tunnel, and the proxy
 * sees the host name and port, never the request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-proxy.h"

struct _TlProxyResolver
{
  GObject         parent_instance;

  GMutex          lock;
  GProxyResolver *inner;
  gboolean        use_default;   /* inner is the system's, taken on first need */
};

static void tl_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TlProxyResolver, tl_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      tl_proxy_resolver_iface_init))

static const char * const direct[] = { "direct://", NULL };

static void
tl_proxy_resolver_finalize (GObject *object)
{
  TlProxyResolver *self = TL_PROXY_RESOLVER (object);

  g_clear_object (&self->inner);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tl_proxy_resolver_parent_class)->finalize (object);
}

static void
tl_proxy_resolver_class_init (TlProxyResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_proxy_resolver_finalize;
}

static void
tl_proxy_resolver_init (TlProxyResolver *self)
{
  g_mutex_init (&self->lock);
}

/* The resolver with the user's settings, or NULL for none. The system's (inside Flatpak, the
 * proxy portal's) is asked for when a request leaves this computer, not when a client is made:
 * a program that never connects does not create it. GIO itself still creates it once, on the
 * first connection of any kind (GProxyAddressEnumerator takes g_proxy_resolver_get_default()
 * before it is handed this resolver), but it is only ever asked about a URL here. */
static GProxyResolver *
get_inner (TlProxyResolver *self)
{
  GProxyResolver *inner;

  g_mutex_lock (&self->lock);
  if (self->inner == NULL && self->use_default)
    self->inner = g_object_ref (g_proxy_resolver_get_default ());
  inner = self->inner ? g_object_ref (self->inner) : NULL;
  g_mutex_unlock (&self->lock);
  return inner;
}

static gboolean
uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost") || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
tl_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
tl_proxy_resolver_lookup (GProxyResolver  *resolver,
                          const char      *uri,
                          GCancellable    *cancellable,
                          GError         **error)
{
  TlProxyResolver *self = TL_PROXY_RESOLVER (resolver);
  g_autoptr(GProxyResolver) inner = NULL;

  if (uri_is_loopback (uri) || (inner = get_inner (self)) == NULL)
    return g_strdupv ((char **) direct);
  return g_proxy_resolver_lookup (inner, uri, cancellable, error);
}

static void
inner_lookup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error);

  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
tl_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                const char          *uri,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  TlProxyResolver *self = TL_PROXY_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GProxyResolver) inner = NULL;

  g_task_set_source_tag (task, tl_proxy_resolver_lookup_async);
  if (uri_is_loopback (uri) || (inner = get_inner (self)) == NULL)
    g_task_return_pointer (task, g_strdupv ((char **) direct), (GDestroyNotify) g_strfreev);
  else
    g_proxy_resolver_lookup_async (inner, uri, cancellable, inner_lookup_done, g_steal_pointer (&task));
}

static char **
tl_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
tl_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = tl_proxy_resolver_is_supported;
  iface->lookup = tl_proxy_resolver_lookup;
  iface->lookup_async = tl_proxy_resolver_lookup_async;
  iface->lookup_finish = tl_proxy_resolver_lookup_finish;
}

/**
 * tl_proxy_resolver_new_default:
 *
 * The user's settings: g_proxy_resolver_get_default(), asked for on the first request that
 * leaves this computer.
 */
TlProxyResolver *
tl_proxy_resolver_new_default (void)
{
  TlProxyResolver *self = g_object_new (TL_TYPE_PROXY_RESOLVER, NULL);

  self->use_default = TRUE;
  return self;
}

/**
 * tl_proxy_resolver_new:
 * @inner: (nullable): the resolver with the user's settings; %NULL for no proxy at all
 */
TlProxyResolver *
tl_proxy_resolver_new (GProxyResolver *inner)
{
  TlProxyResolver *self = g_object_new (TL_TYPE_PROXY_RESOLVER, NULL);

  g_return_val_if_fail (inner == NULL || G_IS_PROXY_RESOLVER (inner), self);
  g_set_object (&self->inner, inner);
  return self;
}

static const char *
getenv_either (const char * const *envp,
               const char         *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  const char *value = g_environ_getenv ((char **) envp, name);

  if (value == NULL || *value == '\0')
    value = g_environ_getenv ((char **) envp, upper);
  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * tl_proxy_resolver_new_from_environment:
 * @envp: the environment, as from g_get_environ()
 *
 * What command-line tools do: `https_proxy` (or `all_proxy`; either in upper case too) names
 * the proxy, given as `http://host:port` or `host:port`; `no_proxy` lists host names,
 * `.domain` suffixes, addresses and address ranges to reach directly, or `*` for all.
 *
 * Returns: (nullable): %NULL when the environment names no proxy
 */
TlProxyResolver *
tl_proxy_resolver_new_from_environment (const char * const *envp)
{
  const char *proxy = getenv_either (envp, "https_proxy");
  const char *no_proxy = getenv_either (envp, "no_proxy");
  g_autofree char *proxy_uri = NULL;
  g_auto(GStrv) ignore = NULL;
  g_autoptr(GProxyResolver) simple = NULL;
  guint n = 0;

  if (proxy == NULL)
    proxy = getenv_either (envp, "all_proxy");
  if (proxy == NULL)
    return NULL;

  proxy_uri = strstr (proxy, "://") != NULL ? g_strdup (proxy)
                                            : g_strconcat ("http://", proxy, NULL);
  if (no_proxy != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (no_proxy, ", ", -1);

      ignore = g_new0 (char *, g_strv_length (parts) + 1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (parts[i][0] == '\0')
            continue;
          if (g_str_equal (parts[i], "*"))
            return tl_proxy_resolver_new (NULL);
          ignore[n++] = g_strdup (parts[i]);
        }
    }

  simple = g_simple_proxy_resolver_new (proxy_uri, ignore);
  return tl_proxy_resolver_new (simple);
}

/**
 * tl_proxy_resolver_describe:
 *
 * Returns: (nullable): the proxy a request to @uri goes through, as "host:port", or %NULL
 *   when it goes directly. Only consulted to explain a failure.
 */
char *
tl_proxy_resolver_describe (TlProxyResolver *self,
                            const char      *uri)
{
  g_auto(GStrv) proxies = NULL;
  g_autoptr(GUri) proxy = NULL;

  g_return_val_if_fail (TL_IS_PROXY_RESOLVER (self), NULL);

  proxies = g_proxy_resolver_lookup (G_PROXY_RESOLVER (self), uri, NULL, NULL);
  if (proxies == NULL || proxies[0] == NULL || g_str_has_prefix (proxies[0], "direct://"))
    return NULL;
  proxy = g_uri_parse (proxies[0], G_URI_FLAGS_NONE, NULL);
  if (proxy == NULL || g_uri_get_host (proxy) == NULL)
    return g_strdup ("?");
  /* never the proxy's own user name and password, if the setting carries them */
  if (g_uri_get_port (proxy) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (proxy), g_uri_get_port (proxy));
  return g_strdup (g_uri_get_host (proxy));
}
