/* tl-credentials.c: libsecret, schema io.github.ticketlookup.TicketLookup.Credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-deadline.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"

/* Entries found by their attributes alone (DONT_MATCH_NAME): a password stored with
 * `secret-tool store server URL username NAME` by a script or support desk works too. */
const SecretSchema *
tl_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID ".Credentials", SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The same attributes, and the schema's name too: what this app stores carries it
 * (xdg:schema), so removing a profile's password removes this app's entry and never another
 * application's item that happens to have the same attributes. */
static const SecretSchema *
own_schema (void)
{
  static const SecretSchema schema = {
    BASE_APPLICATION_ID ".Credentials", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}


void
tl_credentials_free_password (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

typedef enum { OP_STORE, OP_LOOKUP, OP_CLEAR } KeyringOp;

static GError *
keyring_error (const GError *error,
               KeyringOp     op)
{
  gboolean no_service;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED, "%s", error->message);

  no_service = error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
               error->domain == G_SPAWN_ERROR;

  switch (op)
    {
    case OP_STORE:
      return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                          no_service
                          ? _("Could not save the password: no keyring service (Secret Service) "
                              "is running or it could not be reached (%s).")
                          : _("Could not save the password: the keyring refused (%s)."),
                          error->message);
    case OP_LOOKUP:
      return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                          no_service
                          ? _("Could not read the password: no keyring service (Secret Service) "
                              "is running or it could not be reached (%s).")
                          : _("Could not read the password: the keyring refused (%s)."),
                          error->message);
    case OP_CLEAR:
    default:
      return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                          no_service
                          ? _("Could not remove the password: no keyring service (Secret Service) "
                              "is running or it could not be reached (%s).")
                          : _("Could not remove the password: the keyring refused (%s)."),
                          error->message);
    }
}

/**
 * tl_credentials_in_sandbox:
 *
 * Inside Flatpak (and Snap, by the same rule as libsecret's), libsecret keeps passwords in a
 * per-app file keyring whose key it gets from the desktop's Secret portal, and ignores which
 * collection it is asked for: the session collection is written to disk there like any other.
 */
gboolean
tl_credentials_in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("SNAP_NAME") != NULL;
}

/* Opening libsecret's file keyring, inside the sandbox.
 *
 * The first keyring call of a process makes libsecret ask the Secret portal for the file
 * keyring's key. Two faults of libsecret before 0.21.4 (Debian 12 has 0.20.5) make that request
 * hang, and were seen to hang the CLI in the sandbox past every deadline on a busy machine:
 *
 *  - it subscribes to the portal's Response signal only after the request's method reply has
 *    been handled, so an answer that comes in between is lost and the request never ends
 *    (upstream 311ca72, fixed in 0.21.4);
 *  - its handler for the request's cancellable disconnects itself from inside the "cancelled"
 *    emission, which never returns: cancelling the request deadlocks the thread that cancels
 *    (upstream 0e205fc, fixed in 0.21.0). With a lost answer, the keyring deadline cancelled the
 *    request, and the CLI hung in g_cancellable_disconnect() with its 30 s deadline long past.
 *
 * So with such a libsecret, inside the sandbox, the keyring is opened here first, by itself:
 * libsecret's request gets no cancellable (the callers' own tasks answer at their deadline or
 * cancel without it), and when no answer has come after a while the request is made again, as a
 * new portal request; the first answer opens the keyring for the whole process, and later calls
 * never touch the portal. The requests that never end are left behind (a few bytes each). */
#if SECRET_CHECK_VERSION (0, 21, 4)
#define PORTAL_OPEN_NEEDS_CARE FALSE
#else
#define PORTAL_OPEN_NEEDS_CARE TRUE
#endif

/* The n-th request is made after these many milliseconds without an answer to the previous
 * ones; after the last the keyring is reported as not answering. */
static const guint portal_patience_ms[] = { 2000, 4000, 8000, 16000 };

typedef struct
{
  gboolean   open;       /* a request was answered: the process has its file keyring */
  guint      attempts;   /* requests made since the last failure */
  guint      timer_id;   /* the next request, or giving up */
  guint      cancel_id;  /* returns the waiting tasks whose cancellable was cancelled */
  GPtrArray *waiting;    /* of Waiter*: callers waiting for the keyring to open */
} PortalOpener;

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

static PortalOpener portal_opener;   /* main thread only, like every keyring call here */

static void
waiter_free (Waiter *waiter)
{
  /* never from inside a "cancelled" emission: g_cancellable_disconnect() would wait for it */
  g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancelled_id);
  g_object_unref (waiter->task);
  g_free (waiter);
}

static void portal_open_attempt (void);

static void
portal_open_complete (GError *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&portal_opener.waiting);

  g_clear_handle_id (&portal_opener.timer_id, g_source_remove);
  g_clear_handle_id (&portal_opener.cancel_id, g_source_remove);
  portal_opener.attempts = 0;
  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_boolean (waiter->task, TRUE);
    }
}

/* A caller gave up: its task ends now (as cancelled), the requests go on for the others. */
static gboolean
on_waiters_cancelled (gpointer user_data)
{
  portal_opener.cancel_id = 0;
  for (guint i = portal_opener.waiting != NULL ? portal_opener.waiting->len : 0; i > 0; i--)
    {
      Waiter *waiter = g_ptr_array_index (portal_opener.waiting, i - 1);
      GError *error = NULL;

      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (waiter->task), &error))
        {
          g_task_return_error (waiter->task, error);
          g_ptr_array_remove_index (portal_opener.waiting, i - 1);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  if (portal_opener.cancel_id == 0)
    portal_opener.cancel_id = g_idle_add (on_waiters_cancelled, NULL);
}

static void
on_portal_probe (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (res, &error);

  secret_password_free (password);   /* the probe matches nothing; were it to, it is unused */
  if (portal_opener.open)
    return;   /* a late answer to an earlier request */
  if (error == NULL)
    {
      portal_opener.open = TRUE;
      portal_open_complete (NULL);
    }
  else if (portal_opener.waiting != NULL)
    {
      g_autoptr(GError) keyring = keyring_error (error, OP_LOOKUP);

      portal_open_complete (keyring);
    }
}

static gboolean
on_portal_patience_over (gpointer user_data)
{
  portal_opener.timer_id = 0;
  if (portal_opener.waiting == NULL || portal_opener.waiting->len == 0)
    portal_open_complete (NULL);   /* nobody waits: no new request; the next caller starts again */
  else if (portal_opener.attempts < G_N_ELEMENTS (portal_patience_ms))
    portal_open_attempt ();
  else
    {
      g_autoptr(GError) error = g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                                                     _("The desktop's Secret portal did not "
                                                       "open this app's keyring."));

      portal_open_complete (error);
    }
  return G_SOURCE_REMOVE;
}

static void
portal_open_attempt (void)
{
  guint patience = portal_patience_ms[portal_opener.attempts];

  portal_opener.attempts++;
  portal_opener.timer_id = g_timeout_add (patience, on_portal_patience_over, NULL);
  g_source_set_name_by_id (portal_opener.timer_id, "[ticket-lookup] keyring portal patience");
  /* A lookup that matches nothing opens libsecret's backend like any first call (its backend
   * API is not public in libsecret 0.20); no cancellable, see above. */
  secret_password_lookup (own_schema (), NULL, on_portal_probe, NULL,
                          "server", "", "username", "", NULL);
}

/* Finishes when the keyring can be used without a portal request: at once outside the sandbox or
 * with a libsecret that handles the portal well, else once the file keyring is open (or at once
 * as cancelled when @cancellable is). */
static void
keyring_open_async (GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Waiter *waiter;

  g_task_set_source_tag (task, keyring_open_async);
  if (!PORTAL_OPEN_NEEDS_CARE || portal_opener.open || !tl_credentials_in_sandbox ())
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (portal_opener.waiting == NULL)
    portal_opener.waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  waiter = g_new0 (Waiter, 1);
  waiter->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled),
                                                  NULL, NULL);
  g_ptr_array_add (portal_opener.waiting, waiter);
  if (portal_opener.attempts == 0)
    portal_open_attempt ();
}

static gboolean
keyring_open_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What a keyring call does once the keyring is open: its task's next step. */
typedef void (*KeyringStep) (GTask *task);

typedef struct
{
  GTask       *task;
  KeyringStep  step;
} KeyringThen;

static void
on_keyring_open (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  KeyringThen *then = user_data;
  g_autoptr(GTask) task = then->task;
  g_autoptr(GError) error = NULL;

  if (keyring_open_finish (res, &error))
    then->step (task);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_free (then);
}

/* Opens the keyring (keyring_open_async), then runs @step on @task, or returns the error. */
static void
keyring_open_then (GTask       *task,
                   KeyringStep  step)
{
  KeyringThen *then = g_new0 (KeyringThen, 1);

  then->task = task;
  then->step = step;
  keyring_open_async (g_task_get_cancellable (task), on_keyring_open, then);
}

static char *
normalized_server (const char *server)
{
  return tl_normalize_base_url (server);
}

static void
on_store_ready (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (res, &error))
    g_task_return_error (task, keyring_error (error, OP_STORE));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tl_credentials_store_async:
 * @remember: %TRUE for the default (login) collection, %FALSE for the session collection
 *   that is forgotten at log-out
 *
 * Inside Flatpak, libsecret's file keyring ignores the collection and writes every password to
 * disk: there, @remember %FALSE stores nothing and finishes with %TRUE, and the caller keeps the
 * password in memory only.
 */
typedef struct
{
  char     *server;
  char     *username;
  char     *password;
  gboolean  remember;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->server);
  g_free (data->username);
  tl_secret_free (data->password);
  g_free (data);
}

static void
store_step (GTask *task)
{
  StoreData *data = g_task_get_task_data (task);
  g_autofree char *label = NULL;

  /* Translators: the label of the keyring entry, e.g. "Ticket Lookup: partner at https://…" */
  label = g_strdup_printf (_("Ticket Lookup: %s at %s"), data->username, data->server);
  secret_password_store (own_schema (),
                         data->remember ? SECRET_COLLECTION_DEFAULT : SECRET_COLLECTION_SESSION,
                         label, data->password, g_task_get_cancellable (task), on_store_ready,
                         g_object_ref (task),
                         "server", data->server,
                         "username", data->username,
                         NULL);
}

void
tl_credentials_store_async (const char          *server,
                            const char          *username,
                            const char          *password,
                            gboolean             remember,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_credentials_store_async);

  if (!remember && tl_credentials_in_sandbox ())
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (StoreData, 1);
  data->server = normalized_server (server);
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  data->remember = remember;
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  keyring_open_then (g_steal_pointer (&task), store_step);
}

gboolean
tl_credentials_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
is_usable_item (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *schema = g_hash_table_lookup (attributes, "xdg:schema");

  /* This app's own entries, and entries stored by `secret-tool store` (no schema name, or the
   * generic one it may be given); never another application's item that happens to carry the
   * same attributes. */
  return schema == NULL || g_str_equal (schema, BASE_APPLICATION_ID ".Credentials") ||
         g_str_equal (schema, "org.freedesktop.Secret.Generic");
}

static void
on_secret_retrieved (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source),
                                                                           res, &error);
  const char *text;

  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, OP_LOOKUP));
      return;
    }
  text = value != NULL ? secret_value_get_text (value) : NULL;
  if (text == NULL)
    g_task_return_new_error (task, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING, "%s",
                             _("The keyring entry for this account holds no readable password."));
  else
    g_task_return_pointer (task, g_strdup (text), (GDestroyNotify) tl_credentials_free_password);
}

static void
on_search_ready (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (res, &error);
  SecretRetrievable *usable = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, OP_LOOKUP));
      return;
    }
  for (GList *l = items; l != NULL && usable == NULL; l = l->next)
    if (is_usable_item (l->data))
      usable = g_object_ref (l->data);
  g_list_free_full (items, g_object_unref);

  if (usable == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (SECRET_IS_ITEM (usable) && secret_item_get_locked (SECRET_ITEM (usable)))
    {
      /* Stored, but locked: the unlock prompt was dismissed or could not be shown. Saying
       * "no password" here would send people to retype a password they already have. */
      g_object_unref (usable);
      g_task_return_new_error (task, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                               "%s", _("The password is in a locked keyring that was not "
                                       "unlocked (the unlock prompt was dismissed or could not "
                                       "be shown)."));
      return;
    }
  secret_retrievable_retrieve_secret (usable, g_task_get_cancellable (task), on_secret_retrieved,
                                      g_object_ref (task));
  g_object_unref (usable);
}

static void
on_lookup_own_ready (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_finish (res, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error, OP_LOOKUP));
      return;
    }
  if (password != NULL)
    {
      g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
      return;
    }

  /* Not found unlocked under this app's schema: one stored by a script with `secret-tool store
   * server … username …` (no schema name) is used too, and a locked one is reported. */
  secret_password_searchv (tl_credentials_get_schema (), g_task_get_task_data (task), SECRET_SEARCH_ALL,
                           g_task_get_cancellable (task), on_search_ready, g_object_ref (task));
}

static void
lookup_step (GTask *task)
{
  secret_password_lookupv (own_schema (), g_task_get_task_data (task), g_task_get_cancellable (task),
                           on_lookup_own_ready, g_object_ref (task));
}

/**
 * tl_credentials_lookup_async:
 *
 * Looks up the password for (@server, @username): this app's own entry first, then any entry
 * with those attributes. Finishes with %NULL and no error when nothing is stored.
 */
void
tl_credentials_lookup_async (const char          *server,
                             const char          *username,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *srv = normalized_server (server);
  GHashTable *attributes;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_credentials_lookup_async);

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes, "server", g_strdup (srv));
  g_hash_table_insert (attributes, "username", g_strdup (username ? username : ""));
  g_task_set_task_data (task, attributes, (GDestroyNotify) g_hash_table_unref);

  keyring_open_then (g_steal_pointer (&task), lookup_step);
}

/**
 * tl_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password (free with tl_credentials_free_password()),
 *   or %NULL: nothing stored (no error) or the keyring failed (error set)
 */
char *
tl_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_clear_ready (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error, OP_CLEAR));
  else
    g_task_return_boolean (task, TRUE);
}

static void
clear_step (GTask *task)
{
  secret_password_clearv (own_schema (), g_task_get_task_data (task), g_task_get_cancellable (task),
                          on_clear_ready, g_object_ref (task));
}

void
tl_credentials_clear_async (const char          *server,
                            const char          *username,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GHashTable *attributes;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_credentials_clear_async);

  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes, "server", normalized_server (server));
  g_hash_table_insert (attributes, "username", g_strdup (username ? username : ""));
  g_task_set_task_data (task, attributes, (GDestroyNotify) g_hash_table_unref);
  keyring_open_then (g_steal_pointer (&task), clear_step);
}

gboolean
tl_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Loading an account's password: the keyring is asked for exactly the account's (server,
 * username), and the answer comes back as a new account for them, so it can never be applied to
 * whatever account is current by the time the keyring answers. */
typedef struct
{
  TlAccount    *account;
  TlDeadline   *deadline;
  guint         timeout_ms;
  gulong        cancelled_id;
  gboolean      returned;   /* answered: by the keyring, or at the deadline without it */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->deadline, tl_deadline_free);
  g_clear_object (&data->account);
  g_free (data);
}

static void
return_stopped (GTask    *task,
                LoadData *data)
{
  data->returned = TRUE;
  if (tl_deadline_expired (data->deadline))
    g_task_return_new_error (task, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING,
                             _("The keyring did not answer within %.1f seconds."),
                             data->timeout_ms / 1000.0);
  else
    {
      GError *error = NULL;

      /* the caller's cancellable: GIO's own words for it */
      if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_task_return_error (task, error);
    }
}

/* The deadline (or the caller) stopped the load: it is answered now, whether or not the keyring
 * gives up its request. Inside Flatpak, libsecret waits for the Secret portal's answer without
 * looking at the cancellable, and a portal that never answered kept the CLI waiting past its
 * deadline. Whatever the keyring says later is dropped (on_loaded). */
static void
on_load_stopped (GCancellable *cancellable,
                 GTask        *task)
{
  LoadData *data = g_task_get_task_data (task);

  if (!data->returned)
    return_stopped (task, data);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *password = tl_credentials_lookup_finish (res, &error);

  g_cancellable_disconnect (tl_deadline_get_cancellable (data->deadline), data->cancelled_id);
  data->cancelled_id = 0;
  if (data->returned)
    {
      tl_credentials_free_password (password);
      return;
    }
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_stopped (task, data);
      else
        {
          data->returned = TRUE;
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }
  data->returned = TRUE;

  if (password == NULL)
    g_task_return_pointer (task, g_object_ref (data->account), g_object_unref);
  else
    g_task_return_pointer (task, tl_account_new_with_password (data->account, password),
                           g_object_unref);
  tl_credentials_free_password (password);
}

/**
 * tl_credentials_load_async:
 * @account: the account whose password is wanted; its own password is ignored
 * @timeout_ms: how long the keyring may take (0: no limit)
 *
 * Asks the keyring for the password of @account's (server, username).
 */
void
tl_credentials_load_async (TlAccount           *account,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (TL_IS_ACCOUNT (account));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_credentials_load_async);
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (LoadData, 1);
  data->account = tl_account_new_without_password (account);
  data->timeout_ms = timeout_ms;
  data->deadline = tl_deadline_new (cancellable, timeout_ms, "[ticket-lookup] keyring deadline");
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  data->cancelled_id = g_cancellable_connect (tl_deadline_get_cancellable (data->deadline),
                                              G_CALLBACK (on_load_stopped), g_object_ref (task),
                                              g_object_unref);
  tl_credentials_lookup_async (tl_account_get_server (account), tl_account_get_username (account),
                               tl_deadline_get_cancellable (data->deadline), on_loaded,
                               g_steal_pointer (&task));
}

/**
 * tl_credentials_load_finish:
 *
 * Returns: (transfer full): the account with its stored password, or without one when nothing
 *   is stored; %NULL with an error when the keyring failed, was too slow or was cancelled
 */
TlAccount *
tl_credentials_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
