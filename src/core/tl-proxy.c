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
 * A proxy that asks for a sign-in gets the user name and password that came with its address
 * (`http://user:password@host:port`, in https_proxy or in GNOME's proxy settings, which GIO
 * hands on in the http:// proxy's URL), or, for the user's settings, GNOME's HTTP proxy
 * sign-in (org.gnome.system.proxy.http use-authentication), which GIO leaves out of the
 * https:// proxy's URL that lookups get. They are taken
 * out of every address this resolver returns and kept here, by the proxy's "host:port": libsoup
 * 3.2 mishandles an address that carries them (its retry after the proxy's 407 tunnels to the
 * proxy itself), and tl-client.c answers the proxy's challenge from what is kept here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-proxy.h"
#include "tl-secret.h"

struct _TlProxyResolver
{
  GObject         parent_instance;

  GMutex          lock;
  GProxyResolver *inner;
  gboolean        use_default;   /* inner is the system's, taken on first need */
  GHashTable     *credentials;   /* "host:port" -> TlProxyCredentials, from the addresses */
};

struct _TlProxyCredentials
{
  gatomicrefcount ref;
  char           *user;
  char           *password;
};

G_DEFINE_BOXED_TYPE (TlProxyCredentials, tl_proxy_credentials,
                     tl_proxy_credentials_ref, tl_proxy_credentials_unref)

/**
 * tl_proxy_credentials_new:
 *
 * An immutable user name and password for a proxy. The password is wiped when the last
 * reference goes.
 */
TlProxyCredentials *
tl_proxy_credentials_new (const char *user,
                          const char *password)
{
  TlProxyCredentials *self = g_new0 (TlProxyCredentials, 1);

  g_atomic_ref_count_init (&self->ref);
  self->user = g_strdup (user ? user : "");
  self->password = g_strdup (password ? password : "");
  return self;
}

TlProxyCredentials *
tl_proxy_credentials_ref (TlProxyCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
tl_proxy_credentials_unref (TlProxyCredentials *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  tl_secret_free (self->user);
  tl_secret_free (self->password);
  g_free (self);
}

const char *
tl_proxy_credentials_get_user (const TlProxyCredentials *self)
{
  return self->user;
}

const char *
tl_proxy_credentials_get_password (const TlProxyCredentials *self)
{
  return self->password;
}

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
  g_clear_pointer (&self->credentials, g_hash_table_unref);
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
  self->credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) tl_proxy_credentials_unref);
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

/* "host:port" of a proxy address, the port defaulted by its scheme: what libsoup names the
 * proxy by when it asks for a sign-in (soup_auth_get_authority()). */
static char *
authority_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port <= 0)
    port = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

/* @proxy without its user name and password; those are kept, percent-decoded, for its
 * "host:port". An address that cannot be read is returned as it was. */
static char *
strip_credentials (TlProxyResolver *self,
                   const char      *proxy)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) bare = NULL;

  if (strchr (proxy, '@') == NULL)
    return g_strdup (proxy);
  uri = g_uri_parse (proxy, G_URI_FLAGS_HAS_PASSWORD, NULL);
  /* a user name or password that does not decode (a NUL byte, broken escapes): the address
   * alone is used, and the proxy will ask for a sign-in that fails visibly */
  if (uri == NULL)
    uri = g_uri_parse (proxy, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  else if (g_uri_get_user (uri) != NULL && *g_uri_get_user (uri) != '\0' &&
           g_uri_get_host (uri) != NULL)
    {
      g_mutex_lock (&self->lock);
      g_hash_table_replace (self->credentials, authority_of (uri),
                            tl_proxy_credentials_new (g_uri_get_user (uri), g_uri_get_password (uri)));
      g_mutex_unlock (&self->lock);
    }
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("http://invalid-proxy-address.invalid");
  bare = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
  return g_uri_to_string (bare);
}

/* GNOME's proxy sign-in, when its schema is installed and it is turned on: kept for the HTTP
 * proxy's "host:port", and for the HTTPS proxy's when that is on the same host (GNOME's
 * settings have one sign-in, given with the HTTP proxy; GIO puts it only in http:// URLs). */
static void
remember_desktop_credentials (TlProxyResolver *self)
{
  static const char * const keys[] = { "host", "port", "use-authentication", "authentication-user",
                                       "authentication-password" };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchema) https_schema = NULL;
  g_autoptr(GSettings) http = NULL;
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;
  g_autoptr(TlProxyCredentials) credentials = NULL;

  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, "org.gnome.system.proxy.http", TRUE)) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return;
  http = g_settings_new_full (schema, NULL, NULL);
  if (!g_settings_get_boolean (http, "use-authentication"))
    return;
  host = g_settings_get_string (http, "host");
  user = g_settings_get_string (http, "authentication-user");
  if (*host == '\0' || *user == '\0')
    return;
  password = g_settings_get_string (http, "authentication-password");
  credentials = tl_proxy_credentials_new (user, password);
  tl_secret_free (password);

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->credentials,
                        g_strdup_printf ("%s:%d", host, g_settings_get_int (http, "port")),
                        tl_proxy_credentials_ref (credentials));
  g_mutex_unlock (&self->lock);

  https_schema = g_settings_schema_source_lookup (source, "org.gnome.system.proxy.https", TRUE);
  if (https_schema != NULL && g_settings_schema_has_key (https_schema, "host") &&
      g_settings_schema_has_key (https_schema, "port"))
    {
      g_autoptr(GSettings) https = g_settings_new_full (https_schema, NULL, NULL);
      g_autofree char *https_host = g_settings_get_string (https, "host");

      if (g_ascii_strcasecmp (https_host, host) == 0)
        {
          g_mutex_lock (&self->lock);
          g_hash_table_replace (self->credentials,
                                g_strdup_printf ("%s:%d", https_host, g_settings_get_int (https, "port")),
                                tl_proxy_credentials_ref (credentials));
          g_mutex_unlock (&self->lock);
        }
    }
}

/* Takes @proxies; returns them without user names and passwords. */
static char **
strip_all (TlProxyResolver  *self,
           char            **proxies)
{
  if (proxies == NULL)
    return NULL;
  if (self->use_default && proxies[0] != NULL && !g_str_has_prefix (proxies[0], "direct://"))
    remember_desktop_credentials (self);
  for (guint i = 0; proxies[i] != NULL; i++)
    {
      char *bare = strip_credentials (self, proxies[i]);

      tl_secret_free (proxies[i]);
      proxies[i] = bare;
    }
  return proxies;
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
  return strip_all (self, g_proxy_resolver_lookup (inner, uri, cancellable, error));
}

static void
inner_lookup_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies = strip_all (g_task_get_source_object (task),
                              g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, &error));

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
 * the proxy, given as `http://host:port`, `http://user:password@host:port` (percent-encoded)
 * or `host:port`; `no_proxy` lists host names,
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
  g_autoptr(TlProxyResolver) self = NULL;
  char *with_credentials = NULL;
  guint n = 0;

  if (proxy == NULL)
    proxy = getenv_either (envp, "all_proxy");
  if (proxy == NULL)
    return NULL;

  self = tl_proxy_resolver_new (NULL);
  with_credentials = strstr (proxy, "://") != NULL ? g_strdup (proxy)
                                                   : g_strconcat ("http://", proxy, NULL);
  /* the simple resolver gets the address alone; the user name and password are kept here */
  proxy_uri = strip_credentials (self, with_credentials);
  tl_secret_free (with_credentials);
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
  self->inner = g_steal_pointer (&simple);
  return g_steal_pointer (&self);
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

/**
 * tl_proxy_resolver_get_credentials:
 * @authority: the proxy that asks, "host:port" (soup_auth_get_authority())
 *
 * Returns: (transfer full) (nullable): the user name and password that came with the address
 *   of the proxy @authority, or %NULL
 */
TlProxyCredentials *
tl_proxy_resolver_get_credentials (TlProxyResolver *self,
                                   const char      *authority)
{
  TlProxyCredentials *found;

  g_return_val_if_fail (TL_IS_PROXY_RESOLVER (self), NULL);

  g_mutex_lock (&self->lock);
  found = authority ? g_hash_table_lookup (self->credentials, authority) : NULL;
  if (found != NULL)
    tl_proxy_credentials_ref (found);
  g_mutex_unlock (&self->lock);
  return found;
}
