/* tl-proxy-keyring.c: an office proxy's sign-in in the keyring
 *
 * Its own schema, io.github.ticketlookup.TicketLookup.Proxy, with the attributes `proxy` (the
 * proxy's "host:port") and `user`: never the service's schema or attributes, so a proxy's
 * password can never be taken for a service's, nor sent to one. One sign-in per proxy: a new
 * one replaces the old.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-proxy-keyring.h"
#include "tl-secret.h"

const SecretSchema *
tl_proxy_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID ".Proxy", SECRET_SCHEMA_NONE,
    {
      { "proxy", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* --- store: the old sign-in for the proxy cleared, the new one stored ------------------- */

typedef struct
{
  char               *proxy;
  TlProxyCredentials *credentials;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->proxy);
  tl_proxy_credentials_unref (data->credentials);
  g_free (data);
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (res, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *label = NULL;

  if (!secret_password_clear_finish (res, &error) && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Translators: the label of the keyring entry, e.g. "Ticket Lookup: office proxy 127.0.0.1:3128" */
  label = g_strdup_printf (_("Ticket Lookup: office proxy %s"), data->proxy);
  secret_password_store (tl_proxy_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         tl_proxy_credentials_get_password (data->credentials),
                         g_task_get_cancellable (task), on_stored, g_object_ref (task),
                         "proxy", data->proxy,
                         "user", tl_proxy_credentials_get_user (data->credentials),
                         NULL);
}

/**
 * tl_proxy_keyring_store_async:
 * @proxy: the proxy's "host:port"
 *
 * Stores @credentials for @proxy, replacing what was stored for it.
 */
void
tl_proxy_keyring_store_async (const char          *proxy,
                              TlProxyCredentials  *credentials,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  StoreData *data = g_new0 (StoreData, 1);

  g_task_set_source_tag (task, tl_proxy_keyring_store_async);
  data->proxy = g_strdup (proxy);
  data->credentials = tl_proxy_credentials_ref (credentials);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  secret_password_clear (tl_proxy_keyring_get_schema (), cancellable, on_cleared, g_steal_pointer (&task),
                         "proxy", proxy, NULL);
}

gboolean
tl_proxy_keyring_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- lookup ------------------------------------------------------------------------------ */

static void
on_found (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_service_search_finish (NULL, res, &error);
  TlProxyCredentials *credentials = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (GList *l = items; l != NULL && credentials == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
      g_autoptr(SecretValue) value = secret_item_get_secret (item);
      const char *user = g_hash_table_lookup (attributes, "user");
      const char *password = value ? secret_value_get_text (value) : NULL;

      if (user != NULL && *user != '\0' && password != NULL)
        credentials = tl_proxy_credentials_new (user, password);
    }
  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task, credentials, (GDestroyNotify) tl_proxy_credentials_unref);
}

/**
 * tl_proxy_keyring_lookup_async:
 * @proxy: the proxy's "host:port"
 *
 * The sign-in stored for @proxy.
 */
void
tl_proxy_keyring_lookup_async (const char          *proxy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_task_set_source_tag (task, tl_proxy_keyring_lookup_async);
  g_hash_table_insert (attributes, (gpointer) "proxy", (gpointer) proxy);
  secret_service_search (NULL, tl_proxy_keyring_get_schema (), attributes,
                         SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS, cancellable, on_found, task);
}

/**
 * tl_proxy_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the sign-in, or %NULL (and no @error) when none is stored
 */
TlProxyCredentials *
tl_proxy_keyring_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
