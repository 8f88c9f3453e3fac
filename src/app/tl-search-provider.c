/* tl-search-provider.c: verdicts in the GNOME Shell overview
 *
 * org.gnome.Shell.SearchProvider2 on the application's own bus name. A broker pastes a
 * callback link into the overview and sees "Valid · ORD-… · M11385" without opening anything.
 *
 * The rules that keep it answering people, not loops (any process on the session bus can call
 * it, and each lookup costs the service and uses the broker's credentials):
 *   - a lookup is made only for terms that read as a whole customer ID and token (a link, a
 *     query string, or CUSTOMER TOKEN with a token that has the shape of a whole base64 token);
 *   - terms are coalesced: a lookup starts only once no new terms came for QUIET_MS, and it is
 *     for the latest complete terms of that burst; every earlier call is answered with nothing;
 *   - at most one lookup in flight, never cancelled by newer terms: its request has usually
 *     reached the service, which would go on working on it, so newer terms wait for it (and
 *     for their own quiet second) instead of adding a second request at the service. The same
 *     terms join it. A short deadline of its own (SEARCH_TIMEOUT_MS) bounds the wait;
 *   - results are kept only for the terms of the current search (from GetInitialResultSet to
 *     the next one) and told only to the caller that searched: an ID from an earlier search,
 *     or a lookup for terms the current search did not ask about, gives no meta;
 *   - the setting search-lookups turns lookups off: a recognised link is then offered to open
 *     in the window, and nothing is sent;
 *   - the account is the snapshot taken when the lookup starts, with its password from the
 *     keyring, like Look Up;
 *   - activating a result opens the window on that very lookup with no second request.
 *     Nothing shown in the overview contains the token.
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
#define QUIET_MS          1000   /* a burst of terms ends when none came for this long */
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

/* A finished lookup of the current search, kept for GetResultMetas and ActivateResult; or,
 * with lookups from the search turned off, a recognised link offered to open (no result). */
typedef struct
{
  char           *id;
  char           *text;      /* the terms, joined: which search this answers */
  TlInput        *input;     /* holds the token; never shown in the overview */
  TlLookupResult *result;    /* NULL: not looked up, only offered to open */
} Entry;

/* Complete terms on their way to a request, and the method calls waiting for their answer. */
typedef struct
{
  TlSearchProvider *self;        /* NULL once the provider is gone */
  char             *text;
  TlInput          *input;
  GCancellable     *cancellable;
  GPtrArray        *invocations;
  guint             quiet_id;    /* until the terms have been left alone for QUIET_MS */
  guint             search;      /* the last search that asked for these terms */
} Lookup;

struct _TlSearchProvider
{
  GObject          parent_instance;

  TlApplication   *app;          /* unowned: the application owns the provider */
  TlClient        *client;       /* its own, with the short deadline */
  GDBusConnection *connection;
  guint            registration_id;

  /* At most one lookup is in flight and at most one waits: a newer burst replaces the waiting
   * one, never the one in flight, whose request has usually reached the service already and
   * would go on costing it there even if we stopped listening. */
  Lookup          *waiting;
  Lookup          *running;

  /* The current search: who started it (GetInitialResultSet) and a number that tells it from
   * the ones before. Results are kept only for the terms it asked about, and shown only to
   * that caller. */
  char            *searcher;
  guint            search;
  GQueue           entries;      /* Entry *, of the current search, newest first */
  guint            next_id;
};

G_DEFINE_FINAL_TYPE (TlSearchProvider, tl_search_provider, G_TYPE_OBJECT)

static void try_start (TlSearchProvider *self);

static void
entry_free (Entry *entry)
{
  g_free (entry->id);
  g_clear_pointer (&entry->text, tl_secret_free);
  g_clear_object (&entry->input);
  g_clear_object (&entry->result);
  g_free (entry);
}

static gboolean
lookups_enabled (TlSearchProvider *self)
{
  return tl_settings_get_search_lookups (tl_application_get_settings (self->app));
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

static Lookup *
lookup_new (TlSearchProvider *self,
            char             *text)
{
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->self = self;
  lookup->input = tl_input_parse (text, NULL);
  lookup->text = text;
  lookup->cancellable = g_cancellable_new ();
  lookup->invocations = g_ptr_array_new_with_free_func (g_object_unref);
  lookup->search = self->search;
  /* a search started by D-Bus activation keeps the app until it is answered */
  g_application_hold (G_APPLICATION (self->app));
  return lookup;
}

/* Answers every call waiting for @lookup with @id (or no result) and frees it. */
static void
lookup_finish (Lookup     *lookup,
               const char *id)
{
  for (guint i = 0; i < lookup->invocations->len; i++)
    return_results (g_ptr_array_index (lookup->invocations, i), id);

  if (lookup->self != NULL)
    g_application_release (G_APPLICATION (lookup->self->app));
  g_clear_handle_id (&lookup->quiet_id, g_source_remove);
  g_clear_pointer (&lookup->text, tl_secret_free);
  g_clear_object (&lookup->input);
  g_clear_object (&lookup->cancellable);
  g_ptr_array_unref (lookup->invocations);
  g_free (lookup);
}

/* Newer terms came: the waiting ones are answered with nothing, before any request. */
static void
drop_waiting (TlSearchProvider *self)
{
  if (self->waiting != NULL)
    lookup_finish (g_steal_pointer (&self->waiting), NULL);
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

static Entry *
add_entry (TlSearchProvider *self,
           const char       *text,
           TlInput          *input,
           TlLookupResult   *result)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->id = g_strdup_printf ("%s-%u", result != NULL ? "lookup" : "open", ++self->next_id);
  entry->text = g_strdup (text);
  entry->input = g_object_ref (input);
  entry->result = result != NULL ? g_object_ref (result) : NULL;
  g_queue_push_head (&self->entries, entry);
  while (self->entries.length > KEEP_RESULTS)
    entry_free (g_queue_pop_tail (&self->entries));
  return entry;
}

/* A new search (GetInitialResultSet, or a caller other than the one searching): what was asked
 * and found before is forgotten, except a result for these very terms, which is still true and
 * spares the service a second request. */
static void
begin_search (TlSearchProvider *self,
              const char       *sender,
              const char       *text)
{
  GList *l = self->entries.head;

  g_free (self->searcher);
  self->searcher = g_strdup (sender);
  self->search++;
  while (l != NULL)
    {
      GList *next = l->next;
      Entry *entry = l->data;

      if (!g_str_equal (entry->text, text))
        {
          g_queue_delete_link (&self->entries, l);
          entry_free (entry);
        }
      l = next;
    }
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Lookup *lookup = user_data;
  TlSearchProvider *self = lookup->self;
  g_autoptr(TlLookupResult) result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
  Entry *entry = NULL;

  if (self == NULL)
    {
      lookup_finish (lookup, NULL);
      return;
    }

  self->running = NULL;
  /* kept only if the current search asked about these terms; a search that moved on while
   * the request was out gets nothing of it */
  if (!g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR,
                        TL_LOOKUP_ERROR_CANCELLED) &&
      lookup->search == self->search)
    entry = add_entry (self, lookup->text, lookup->input, result);
  lookup_finish (lookup, entry != NULL ? entry->id : NULL);
  try_start (self);
}

static void
on_account_ready (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  Lookup *lookup = user_data;
  TlSearchProvider *self = lookup->self;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, NULL);

  if (self == NULL || account == NULL)
    {
      /* cancelled, or no password to be had: the overview shows nothing, the app says why */
      if (self != NULL)
        self->running = NULL;
      lookup_finish (lookup, NULL);
      if (self != NULL)
        try_start (self);
      return;
    }
  tl_client_lookup_async (self->client, account, tl_input_get_customer_id (lookup->input),
                          tl_input_get_token (lookup->input), lookup->cancellable,
                          on_lookup_done, lookup);
}

/* Starts the waiting lookup once its terms have been left alone for QUIET_MS and nothing else
 * is in flight. Called when either of those becomes true. */
static void
try_start (TlSearchProvider *self)
{
  Lookup *lookup = self->waiting;
  TlAccounts *accounts = tl_application_get_accounts (self->app);
  g_autoptr(TlAccount) account = NULL;

  if (lookup == NULL || lookup->quiet_id != 0 || self->running != NULL)
    return;
  self->waiting = NULL;

  if (!lookups_enabled (self))
    {
      /* turned off while the terms waited: offered to open, still no request */
      Entry *entry = NULL;

      if (lookup->search == self->search)
        entry = add_entry (self, lookup->text, lookup->input, NULL);
      lookup_finish (lookup, entry != NULL ? entry->id : NULL);
      return;
    }

  /* the account is taken now, for this lookup only */
  account = tl_accounts_snapshot (accounts);
  if (!tl_account_is_configured (account))
    {
      lookup_finish (lookup, NULL);
      return;
    }
  self->running = lookup;
  tl_accounts_load_async (accounts, account, lookup->cancellable, on_account_ready, lookup);
}

static gboolean
on_quiet (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->quiet_id = 0;
  try_start (lookup->self);
  return G_SOURCE_REMOVE;
}

static char *
join_terms (const char * const *terms)
{
  return g_strjoinv (" ", (char **) terms);
}

/* Whether @text reads as a whole lookup: a customer ID and a token with the shape of a whole
 * base64 token. Anything less is what someone is still typing. */
static gboolean
text_is_complete (const char *text)
{
  g_autoptr(TlInput) input = NULL;
  const char *token;

  input = tl_input_parse (text, NULL);
  if (input == NULL)
    return FALSE;
  token = tl_input_get_token (input);
  return strlen (token) >= MIN_TOKEN_LENGTH && strlen (token) % 4 == 0 && tl_input_is_base64 (token);
}

static void
get_result_set (TlSearchProvider      *self,
                GDBusMethodInvocation *invocation,
                const char * const    *terms,
                gboolean               initial)
{
  const char *sender = g_dbus_method_invocation_get_sender (invocation);
  g_autofree char *text = NULL;
  Entry *entry;

  if (terms == NULL || terms[0] == NULL)
    {
      drop_waiting (self);
      return_results (invocation, NULL);
      return;
    }

  text = join_terms (terms);
  if (initial || g_strcmp0 (sender, self->searcher) != 0)
    begin_search (self, sender, text);

  if (!text_is_complete (text))
    {
      drop_waiting (self);
      tl_secret_free (g_steal_pointer (&text));
      return_results (invocation, NULL);
      return;
    }

  if ((entry = find_entry (self, NULL, text)) != NULL)
    {
      /* already looked up (or offered): the same answer, no second request */
      drop_waiting (self);
      tl_secret_free (g_steal_pointer (&text));
      return_results (invocation, entry->id);
      return;
    }

  if (!lookups_enabled (self))
    {
      g_autoptr(TlInput) input = tl_input_parse (text, NULL);

      drop_waiting (self);
      entry = add_entry (self, text, input, NULL);
      tl_secret_free (g_steal_pointer (&text));
      return_results (invocation, entry->id);
      return;
    }

  if (self->running != NULL && g_str_equal (self->running->text, text))
    {
      drop_waiting (self);
      tl_secret_free (g_steal_pointer (&text));
      self->running->search = self->search;
      g_ptr_array_add (self->running->invocations, g_object_ref (invocation));
      return;
    }

  if (self->waiting == NULL || !g_str_equal (self->waiting->text, text))
    {
      drop_waiting (self);
      self->waiting = lookup_new (self, g_steal_pointer (&text));
    }
  else
    tl_secret_free (g_steal_pointer (&text));
  self->waiting->search = self->search;
  g_ptr_array_add (self->waiting->invocations, g_object_ref (invocation));
  /* every term that arrives starts the quiet time again: a burst is looked up once, with
   * its latest terms, a second after it ends */
  g_clear_handle_id (&self->waiting->quiet_id, g_source_remove);
  self->waiting->quiet_id = g_timeout_add (QUIET_MS, on_quiet, self->waiting);
}

static GVariant *
result_meta (Entry *entry)
{
  TlLookupResult *result = entry->result;
  /* an entry only offered to open has no result: the customer is the one in the link */
  const char *customer = result != NULL ? tl_lookup_result_get_customer_id (result)
                                        : tl_input_get_customer_id (entry->input);
  TlTicket *ticket = result != NULL ? tl_lookup_result_get_ticket (result) : NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);
  g_autofree char *icon_text = g_icon_to_string (icon);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *visible_name = NULL;
  g_autofree char *visible_description = NULL;
  GVariantBuilder meta;

  if (result == NULL)
    {
      /* lookups from the search are off: the link is recognised, nothing was sent */
      name = g_strdup (_("Open in Ticket Lookup"));
      description = g_strdup_printf (_("Customer %s · not looked up: lookups from the system search are off"),
                                     customer);
    }
  else if (tl_lookup_result_is_ok (result) ||
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
  /* what a search found is told only to the caller who searched, and only while that search
   * lasts: an ID from an earlier search finds nothing */
  if (g_strcmp0 (g_dbus_method_invocation_get_sender (invocation), self->searcher) == 0)
    {
      for (guint i = 0; ids[i] != NULL; i++)
        {
          Entry *entry = find_entry (self, ids[i], NULL);

          if (entry != NULL)
            g_variant_builder_add_value (&builder, result_meta (entry));
        }
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
  if (entry != NULL && entry->result != NULL)
    tl_window_show_lookup (window, entry->input, entry->result);
  else if (entry != NULL)
    {
      /* offered to open: the input, ready to look up with a click */
      tl_window_paste_text (window, entry->text, FALSE);
    }
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
      get_result_set (self, invocation, terms, TRUE);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      get_result_set (self, invocation, terms, FALSE);
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
  drop_waiting (self);
  if (self->running != NULL)
    {
      /* its callback finds no provider and only answers the calls */
      g_cancellable_cancel (self->running->cancellable);
      g_application_release (G_APPLICATION (self->app));
      g_steal_pointer (&self->running)->self = NULL;
    }
  g_queue_clear_full (&self->entries, (GDestroyNotify) entry_free);
  g_clear_pointer (&self->searcher, g_free);
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
