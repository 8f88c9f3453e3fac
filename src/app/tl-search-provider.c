/* tl-search-provider.c: verdicts in the GNOME Shell overview
 *
 * org.gnome.Shell.SearchProvider2 on the application's own bus name. A broker pastes a
 * callback link into the overview and sees "Valid · ORD-… · M11385" without opening anything.
 *
 * The rules that keep it polite to the service and to the overview:
 *   - a lookup is made only for terms that read as a whole customer ID and token (a link, a
 *     query string, or CUSTOMER TOKEN with a token that has the shape of a whole base64 token),
 *     and only once the terms have stayed the same for a moment: typing never sends requests;
 *   - one lookup at a time: new terms cancel the one in flight; the same terms join it;
 *   - a short deadline of its own (a client with SEARCH_TIMEOUT_MS), so the overview never
 *     waits long;
 *   - the account is the snapshot taken when the terms arrived, with its password from the
 *     keyring, like Look Up;
 *   - results are kept (the last few), so activating one opens the window on that very lookup
 *     with no second request. Nothing shown in the overview contains the token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-accounts.h"
#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-search-provider.h"
#include "tl-secret.h"
#include "tl-text.h"
#include "tl-ticket.h"
#include "tl-window.h"

#define SEARCH_TIMEOUT_MS 4000   /* the whole lookup, connecting included */
#define SETTLE_MS          250   /* terms must stay the same this long before a request */
#define KEEP_RESULTS         8
#define MIN_TOKEN_LENGTH    16

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* A finished lookup, kept for GetResultMetas and ActivateResult. */
typedef struct
{
  char           *id;
  char           *text;      /* the terms, joined: which search this answers */
  TlInput        *input;     /* holds the token; never shown in the overview */
  TlLookupResult *result;
} Entry;

/* The one lookup in flight, and the method calls waiting for it. */
typedef struct
{
  TlSearchProvider *self;
  char             *text;
  TlInput          *input;
  GCancellable     *cancellable;
  GPtrArray        *invocations;
  guint             settle_id;
} Search;

struct _TlSearchProvider
{
  GObject          parent_instance;

  TlApplication   *app;          /* unowned: the application owns the provider */
  TlClient        *client;       /* its own, with the short deadline */
  GDBusConnection *connection;
  guint            registration_id;
  Search          *search;
  GQueue           entries;      /* Entry *, newest first */
  guint            next_id;
};

G_DEFINE_FINAL_TYPE (TlSearchProvider, tl_search_provider, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->id);
  g_clear_pointer (&entry->text, tl_secret_free);
  g_clear_object (&entry->input);
  g_clear_object (&entry->result);
  g_free (entry);
}

static void
return_results (GDBusMethodInvocation *invocation,
                const char            *id)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));
  if (id != NULL)
    g_variant_builder_add (&builder, "s", id);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", &builder));
}

/* Answers every waiting call with @id (or no result) and forgets the search. */
static void
search_finish (Search     *search,
               const char *id)
{
  TlSearchProvider *self = search->self;

  for (guint i = 0; i < search->invocations->len; i++)
    return_results (g_ptr_array_index (search->invocations, i), id);
  g_ptr_array_set_size (search->invocations, 0);

  if (self != NULL && self->search == search)
    {
      self->search = NULL;
      g_application_release (G_APPLICATION (self->app));
    }
  g_clear_handle_id (&search->settle_id, g_source_remove);
  g_clear_pointer (&search->text, tl_secret_free);
  g_clear_object (&search->input);
  g_clear_object (&search->cancellable);
  g_ptr_array_unref (search->invocations);
  g_free (search);
}

static void
cancel_search (TlSearchProvider *self)
{
  Search *search = self->search;

  if (search == NULL)
    return;
  g_cancellable_cancel (search->cancellable);
  /* the callbacks in flight see a search that is no longer the provider's */
  if (search->settle_id != 0)
    search_finish (search, NULL);
  else
    {
      for (guint i = 0; i < search->invocations->len; i++)
        return_results (g_ptr_array_index (search->invocations, i), NULL);
      g_ptr_array_set_size (search->invocations, 0);
      self->search = NULL;
      search->self = NULL;
      g_application_release (G_APPLICATION (self->app));
    }
}

static Entry *
find_entry (TlSearchProvider *self,
            const char       *id,
            const char       *text)
{
  for (GList *l = self->entries.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;

      if ((id != NULL && g_str_equal (entry->id, id)) ||
          (text != NULL && g_str_equal (entry->text, text)))
        return entry;
    }
  return NULL;
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Search *search = user_data;
  TlSearchProvider *self = search->self;
  g_autoptr(TlLookupResult) result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
  Entry *entry;

  if (self == NULL || g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR,
                                       TL_LOOKUP_ERROR_CANCELLED))
    {
      search_finish (search, NULL);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->id = g_strdup_printf ("lookup-%u", ++self->next_id);
  entry->text = g_strdup (search->text);
  entry->input = g_object_ref (search->input);
  entry->result = g_object_ref (result);
  g_queue_push_head (&self->entries, entry);
  while (self->entries.length > KEEP_RESULTS)
    entry_free (g_queue_pop_tail (&self->entries));

  search_finish (search, entry->id);
}

static void
on_account_ready (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Search *search = user_data;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, NULL);

  if (search->self == NULL || account == NULL)
    {
      /* cancelled, or no password to be had: the overview shows nothing, the app says why */
      search_finish (search, NULL);
      return;
    }
  tl_client_lookup_async (search->self->client, account, tl_input_get_customer_id (search->input),
                          tl_input_get_token (search->input), search->cancellable,
                          on_lookup_done, search);
}

static gboolean
on_settled (gpointer user_data)
{
  Search *search = user_data;
  TlAccounts *accounts = tl_application_get_accounts (search->self->app);
  /* the account is taken now, for this lookup only */
  g_autoptr(TlAccount) account = tl_accounts_snapshot (accounts);

  search->settle_id = 0;
  if (!tl_account_is_configured (account))
    {
      search_finish (search, NULL);
      return G_SOURCE_REMOVE;
    }
  tl_accounts_load_async (accounts, account, search->cancellable, on_account_ready, search);
  return G_SOURCE_REMOVE;
}

static char *
join_terms (const char * const *terms)
{
  return g_strjoinv (" ", (char **) terms);
}

/* Whether @terms read as a whole lookup: a customer ID and a token with the shape of a whole
 * base64 token. Anything less is what someone is still typing. */
static gboolean
terms_are_complete (const char * const *terms)
{
  g_autofree char *text = NULL;
  g_autoptr(TlInput) input = NULL;
  const char *token;

  if (terms == NULL || terms[0] == NULL)
    return FALSE;
  text = join_terms (terms);
  input = tl_input_parse (text, NULL);
  tl_secret_free (g_steal_pointer (&text));
  if (input == NULL)
    return FALSE;
  token = tl_input_get_token (input);
  return strlen (token) >= MIN_TOKEN_LENGTH && strlen (token) % 4 == 0 && tl_input_is_base64 (token);
}

static void
get_result_set (TlSearchProvider      *self,
                GDBusMethodInvocation *invocation,
                const char * const    *terms)
{
  g_autofree char *text = NULL;
  Entry *entry;
  Search *search;

  if (!terms_are_complete (terms))
    {
      cancel_search (self);
      return_results (invocation, NULL);
      return;
    }

  text = join_terms (terms);
  if ((entry = find_entry (self, NULL, text)) != NULL)
    {
      /* already looked up: the same answer, no second request */
      tl_secret_free (g_steal_pointer (&text));
      return_results (invocation, entry->id);
      return;
    }

  if (self->search != NULL && g_str_equal (self->search->text, text))
    {
      tl_secret_free (g_steal_pointer (&text));
      g_ptr_array_add (self->search->invocations, g_object_ref (invocation));
      return;
    }

  cancel_search (self);
  search = g_new0 (Search, 1);
  search->self = self;
  search->input = tl_input_parse (text, NULL);
  search->text = g_steal_pointer (&text);
  search->cancellable = g_cancellable_new ();
  search->invocations = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (search->invocations, g_object_ref (invocation));
  self->search = search;
  g_application_hold (G_APPLICATION (self->app));
  search->settle_id = g_timeout_add (SETTLE_MS, on_settled, search);
}

static GVariant *
result_meta (Entry *entry)
{
  TlLookupResult *result = entry->result;
  const char *customer = tl_lookup_result_get_customer_id (result);
  TlTicket *ticket = tl_lookup_result_get_ticket (result);
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  g_autofree char *icon_text = g_icon_to_string (icon);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *visible_name = NULL;
  g_autofree char *visible_description = NULL;
  GVariantBuilder meta;

  if (tl_lookup_result_is_ok (result) ||
      (ticket != NULL && tl_ticket_get_state (ticket) == TL_TICKET_STATE_UNKNOWN))
    {
      const char *order = tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID);
      const char *type = tl_ticket_get_string (ticket, TL_TICKET_FIELD_TARGET_TYPE);
      const char *target = tl_ticket_get_string (ticket, TL_TICKET_FIELD_TARGET_ID);

      /* "Valid · ORD-2026-118305 · M11385" */
      name = g_strdup_printf ("%s · %s · %s",
                              tl_ticket_state_get_title (tl_ticket_get_state (ticket)),
                              order ? order : "—", customer);
      description = g_strdup_printf (_("%s %s · Ticket Lookup"), type ? type : "", target ? target : "");
    }
  else
    {
      const GError *error = tl_lookup_result_get_error (result);

      name = g_strdup_printf ("%s · %s", tl_lookup_error_get_title (tl_lookup_error_code (error)),
                              customer);
      description = g_strdup (error != NULL ? error->message : "");
    }

  /* the overview shows text, never markup; controls and bidi become visible, length is capped */
  visible_name = tl_text_visible (name);
  visible_description = tl_text_visible (description);
  if (g_utf8_strlen (visible_description, -1) > 200)
    {
      char *end = g_utf8_offset_to_pointer (visible_description, 199);

      strcpy (end, "…");
    }

  g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (entry->id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (visible_name));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (visible_description));
  g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
  return g_variant_builder_end (&meta);
}

static void
get_result_metas (TlSearchProvider      *self,
                  GDBusMethodInvocation *invocation,
                  const char * const    *ids)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      Entry *entry = find_entry (self, ids[i], NULL);

      if (entry != NULL)
        g_variant_builder_add_value (&builder, result_meta (entry));
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &builder));
}

static TlWindow *
present_window (TlSearchProvider *self,
                guint32           timestamp)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self->app));

  if (window == NULL || !TL_IS_WINDOW (window))
    {
      g_application_activate (G_APPLICATION (self->app));
      window = gtk_application_get_active_window (GTK_APPLICATION (self->app));
    }
  if (window == NULL || !TL_IS_WINDOW (window))
    return NULL;
  gtk_window_present_with_time (window, timestamp);
  return TL_WINDOW (window);
}

static void
activate_result (TlSearchProvider   *self,
                 const char         *id,
                 const char * const *terms,
                 guint32             timestamp)
{
  Entry *entry = find_entry (self, id, NULL);
  TlWindow *window = present_window (self, timestamp);

  if (window == NULL)
    return;
  if (entry != NULL)
    tl_window_show_lookup (window, entry->input, entry->result);
  else
    {
      /* forgotten meanwhile: the input, ready to look up, but no request on our own */
      g_autofree char *text = join_terms (terms);

      tl_window_paste_text (window, text, FALSE);
      tl_secret_free (g_steal_pointer (&text));
    }
}

static void
launch_search (TlSearchProvider   *self,
               const char * const *terms,
               guint32             timestamp)
{
  TlWindow *window = present_window (self, timestamp);
  g_autofree char *text = join_terms (terms);

  if (window != NULL && *text != '\0')
    tl_window_paste_text (window, text, FALSE);
  tl_secret_free (g_steal_pointer (&text));
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  TlSearchProvider *self = user_data;

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      get_result_set (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      get_result_set (self, invocation, terms);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **ids = NULL;

      g_variant_get (parameters, "(^a&s)", &ids);
      get_result_metas (self, invocation, ids);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id;
      g_autofree const char **terms = NULL;
      guint32 timestamp;

      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      activate_result (self, id, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_autofree const char **terms = NULL;
      guint32 timestamp;

      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      launch_search (self, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "Unknown method %s", method_name);
}

static void
tl_search_provider_dispose (GObject *object)
{
  TlSearchProvider *self = TL_SEARCH_PROVIDER (object);

  tl_search_provider_unregister (self);
  if (self->search != NULL)
    cancel_search (self);
  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (tl_search_provider_parent_class)->dispose (object);
}

static void
tl_search_provider_class_init (TlSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_search_provider_dispose;
}

static void
tl_search_provider_init (TlSearchProvider *self)
{
  g_queue_init (&self->entries);
  self->client = tl_client_new ();
  tl_client_set_timeout_ms (self->client, SEARCH_TIMEOUT_MS);
}

TlSearchProvider *
tl_search_provider_new (TlApplication *application)
{
  TlSearchProvider *self = g_object_new (TL_TYPE_SEARCH_PROVIDER, NULL);

  self->app = application;
  return self;
}

gboolean
tl_search_provider_register (TlSearchProvider  *self,
                             GDBusConnection   *connection,
                             const char        *object_path,
                             GError           **error)
{
  static GDBusNodeInfo *info;
  static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

  g_return_val_if_fail (TL_IS_SEARCH_PROVIDER (self), FALSE);

  if (info == NULL)
    info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
tl_search_provider_unregister (TlSearchProvider *self)
{
  g_return_if_fail (TL_IS_SEARCH_PROVIDER (self));

  if (self->connection != NULL && self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}
