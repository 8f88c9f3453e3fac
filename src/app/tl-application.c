/* tl-application.c: actions, accelerators, command line, the account in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tl-secret.h"
#include "tl-account-dialog.h"
#include "tl-batch-window.h"
#include "tl-application.h"
#include "tl-credentials.h"
#include "tl-demo-server.h"
#include "tl-history.h"
#include "tl-window.h"

struct _TlApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TlClient       *client;
  TlDemoServer   *demo;
  char           *session_password;   /* in memory only: the keyring's copy, or session-only */
  gboolean        password_loaded;    /* the keyring was asked for the current account */
  TlHistory      *history;
  gboolean        history_loaded;
  char           *active_profile;     /* the last tl_application_get_active_profile (), owned */
};

G_DEFINE_FINAL_TYPE (TlApplication, tl_application, ADW_TYPE_APPLICATION)

enum {
  ACCOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

TlApplication *
tl_application_new (void)
{
  return g_object_new (TL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/ticketlookup/TicketLookup",
                       NULL);
}

GSettings *
tl_application_get_settings (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return self->settings;
}

TlClient *
tl_application_get_client (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return self->client;
}

gboolean
tl_application_get_demo (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), FALSE);
  return self->demo != NULL;
}

const char *
tl_application_get_base_url (TlApplication *self)
{
  return tl_client_get_base_url (self->client);
}

const char *
tl_application_get_username (TlApplication *self)
{
  return tl_client_get_username (self->client);
}

gboolean
tl_application_is_configured (TlApplication *self)
{
  const char *username = tl_client_get_username (self->client);

  return self->demo != NULL || (username != NULL && *username != '\0');
}

gboolean
tl_application_has_password (TlApplication *self)
{
  return self->session_password != NULL;
}

/* Points the client at the demo server or at the account in GSettings. */
static void
apply_account (TlApplication *self)
{
  if (self->demo != NULL)
    {
      tl_client_set_base_url (self->client, tl_demo_server_get_base_url (self->demo));
      tl_client_set_credentials (self->client, TL_DEMO_USERNAME, TL_DEMO_PASSWORD);
    }
  else
    {
      g_autofree char *base_url = g_settings_get_string (self->settings, "base-url");
      g_autofree char *username = g_settings_get_string (self->settings, "username");

      tl_client_set_base_url (self->client, base_url);
      tl_client_set_credentials (self->client, username, self->session_password);
    }
  tl_client_set_timeout (self->client, g_settings_get_uint (self->settings, "timeout-seconds"));
  g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
}

/**
 * tl_application_set_session_password:
 *
 * Uses @password for the configured account until the app quits (also when the keyring
 * could not store it).
 */
void
tl_application_set_session_password (TlApplication *self,
                                     const char    *password)
{
  g_return_if_fail (TL_IS_APPLICATION (self));

  g_clear_pointer (&self->session_password, tl_secret_free);
  self->session_password = g_strdup (password);
  self->password_loaded = password != NULL;
  apply_account (self);
}

static void save_history (TlApplication *self);

static void
on_account_settings_changed (GSettings     *settings,
                             const char    *key,
                             TlApplication *self)
{
  if (g_str_equal (key, "remember-history"))
    {
      g_autofree char *path = tl_history_default_path ();

      /* On: save what this session has so far. Off: forget what was saved. */
      if (g_settings_get_boolean (settings, key))
        save_history (self);
      else
        g_unlink (path);
      return;
    }
  if (g_str_has_prefix (key, "window-"))
    return;
  if (g_str_equal (key, "profiles") || g_str_equal (key, "active-profile"))
    {
      g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
      return;
    }

  if (g_str_equal (key, "base-url") || g_str_equal (key, "username"))
    {
      /* Another account: its password has to come from the keyring again. */
      g_clear_pointer (&self->session_password, tl_secret_free);
      self->password_loaded = FALSE;
    }
  apply_account (self);
}

gboolean
tl_application_start_demo (TlApplication  *self,
                           GError        **error)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), FALSE);

  if (self->demo == NULL)
    {
      self->demo = tl_demo_server_new (error);
      if (self->demo == NULL)
        return FALSE;
    }
  apply_account (self);
  return TRUE;
}

void
tl_application_stop_demo (TlApplication *self)
{
  g_return_if_fail (TL_IS_APPLICATION (self));

  g_clear_object (&self->demo);
  apply_account (self);
}

static void
on_password_looked_up (GObject      *source,
                       GAsyncResult *res,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlApplication *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *password = tl_credentials_lookup_finish (res, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (password != NULL)
    {
      g_clear_pointer (&self->session_password, tl_secret_free);
      self->session_password = g_strdup (password);
      tl_credentials_free_password (password);
      self->password_loaded = TRUE;
      apply_account (self);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * tl_application_load_password_async:
 *
 * Makes sure the client has the account's password: from memory, or from the keyring. Finishes
 * with %TRUE also when nothing is stored (the lookup then reports it); with an error when the
 * keyring cannot be reached.
 */
void
tl_application_load_password_async (TlApplication       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_application_load_password_async);

  if (self->demo != NULL || self->session_password != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tl_credentials_lookup_async (tl_client_get_base_url (self->client),
                               tl_client_get_username (self->client),
                               cancellable, on_password_looked_up, g_steal_pointer (&task));
}

gboolean
tl_application_load_password_finish (TlApplication  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Profiles: named (base URL, username) pairs in GSettings; the active one's values are also in
 * base-url and username, so everything else (the client, the CLI) keeps reading those. */

/**
 * tl_application_get_profile_names:
 *
 * Returns: (transfer full): the profile names, in the order they were made
 */
char **
tl_application_get_profile_names (TlApplication *self)
{
  g_autoptr(GVariant) profiles = g_settings_get_value (self->settings, "profiles");
  GPtrArray *names = g_ptr_array_new ();
  GVariantIter iter;
  const char *name;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, NULL, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

const char *
tl_application_get_active_profile (TlApplication *self)
{
  g_free (self->active_profile);
  self->active_profile = g_settings_get_string (self->settings, "active-profile");
  return *self->active_profile ? self->active_profile : NULL;
}

void
tl_application_activate_profile (TlApplication *self,
                                 const char    *name)
{
  g_autoptr(GVariant) profiles = g_settings_get_value (self->settings, "profiles");
  GVariantIter iter;
  const char *n, *base_url, *username;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &base_url, &username))
    {
      if (g_strcmp0 (n, name) != 0)
        continue;
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "active-profile", n);
      g_settings_set_string (self->settings, "base-url", base_url);
      g_settings_set_string (self->settings, "username", username);
      g_settings_apply (self->settings);
      return;
    }
}

/**
 * tl_application_save_profile:
 * @old_name: (nullable): the profile being edited, %NULL for a new one
 *
 * Adds or replaces a profile and makes it the active one.
 */
void
tl_application_save_profile (TlApplication *self,
                             const char    *old_name,
                             const char    *name,
                             const char    *base_url,
                             const char    *username)
{
  g_autoptr(GVariant) profiles = g_settings_get_value (self->settings, "profiles");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sss)"));
  GVariantIter iter;
  const char *n, *b, *u;
  gboolean replaced = FALSE;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &b, &u))
    {
      if ((old_name != NULL && g_strcmp0 (n, old_name) == 0) || g_strcmp0 (n, name) == 0)
        {
          if (!replaced)
            g_variant_builder_add (builder, "(sss)", name, base_url, username);
          replaced = TRUE;
          continue;
        }
      g_variant_builder_add (builder, "(sss)", n, b, u);
    }
  if (!replaced)
    g_variant_builder_add (builder, "(sss)", name, base_url, username);

  g_settings_delay (self->settings);
  g_settings_set_value (self->settings, "profiles", g_variant_builder_end (builder));
  g_settings_set_string (self->settings, "active-profile", name);
  g_settings_set_string (self->settings, "base-url", base_url);
  g_settings_set_string (self->settings, "username", username);
  g_settings_apply (self->settings);
}

static void
on_profile_password_cleared (GObject      *source,
                             GAsyncResult *res,
                             gpointer      user_data)
{
  g_autoptr(TlApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!tl_credentials_clear_finish (res, &error) && window != NULL && TL_IS_WINDOW (window))
    tl_window_show_toast (TL_WINDOW (window), error->message);
}

/**
 * tl_application_delete_profile:
 *
 * Removes the profile and its password from the keyring; the first remaining profile becomes
 * the active one.
 */
void
tl_application_delete_profile (TlApplication *self,
                               const char    *name)
{
  g_autoptr(GVariant) profiles = g_settings_get_value (self->settings, "profiles");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sss)"));
  g_autofree char *first = NULL;
  GVariantIter iter;
  const char *n, *b, *u;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &b, &u))
    {
      if (g_strcmp0 (n, name) == 0)
        {
          tl_credentials_clear_async (b, u, NULL, on_profile_password_cleared, g_object_ref (self));
          continue;
        }
      if (first == NULL)
        first = g_strdup (n);
      g_variant_builder_add (builder, "(sss)", n, b, u);
    }
  g_settings_set_value (self->settings, "profiles", g_variant_builder_end (builder));
  if (first != NULL)
    tl_application_activate_profile (self, first);
  else
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "active-profile", "");
      g_settings_set_string (self->settings, "username", "");
      g_settings_reset (self->settings, "base-url");
      g_settings_apply (self->settings);
    }
}

GListModel *
tl_application_get_history (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return tl_history_get_model (self->history);
}

static void
report_history_error (TlApplication *self,
                      const GError  *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *message = g_strdup_printf (_("Could not save the history: %s"), error->message);

  if (window != NULL && TL_IS_WINDOW (window))
    tl_window_show_toast (TL_WINDOW (window), message);
}

static void
save_history_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *json = task_data;
  g_autofree char *path = tl_history_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", dir, g_strerror (errsv));
      return;
    }
  if (!g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_history_saved (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    report_history_error (TL_APPLICATION (source), error);
}

/* Saves in a worker thread, so a slow or full disk never stalls the window. */
static void
save_history (TlApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (!g_settings_get_boolean (self->settings, "remember-history"))
    return;
  task = g_task_new (self, NULL, on_history_saved, NULL);
  g_task_set_task_data (task, tl_history_to_json (self->history), g_free);
  g_task_run_in_thread (task, save_history_thread);
}

void
tl_application_add_history (TlApplication  *self,
                            TlLookupResult *result,
                            const char     *token,
                            const char     *account)
{
  g_return_if_fail (TL_IS_APPLICATION (self));
  tl_history_add (self->history, result, token, account);
  save_history (self);
}

void
tl_application_clear_history (TlApplication *self)
{
  g_autofree char *path = tl_history_default_path ();

  g_return_if_fail (TL_IS_APPLICATION (self));
  tl_history_clear (self->history);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int errsv = errno;
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", path, g_strerror (errsv));
      report_history_error (self, error);
    }
}

static void
load_history_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autofree char *path = tl_history_default_path ();
  char *json = NULL;
  GError *error = NULL;

  if (!g_file_get_contents (path, &json, NULL, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&error);
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, json, g_free);
}

static void
on_history_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  TlApplication *self = TL_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_task_propagate_pointer (G_TASK (res), &error);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (json != NULL)
    tl_history_load_json (self->history, json, &error);
  if (error != NULL && window != NULL && TL_IS_WINDOW (window))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the saved history: %s"), error->message);
      tl_window_show_toast (TL_WINDOW (window), message);
    }
}

/* After the first frame: nothing slow before the window is on screen. */
static gboolean
load_history_idle (gpointer user_data)
{
  TlApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->history_loaded || !g_settings_get_boolean (self->settings, "remember-history"))
    return G_SOURCE_REMOVE;
  self->history_loaded = TRUE;
  task = g_task_new (self, NULL, on_history_loaded, NULL);
  g_task_run_in_thread (task, load_history_thread);
  return G_SOURCE_REMOVE;
}

static TlWindow *
get_window (TlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (tl_window_new (self));
      g_idle_add_full (G_PRIORITY_LOW, load_history_idle, g_object_ref (self), g_object_unref);
    }
  return TL_WINDOW (window);
}

static void
tl_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (TL_APPLICATION (app))));
}

static int
tl_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  TlApplication *self = TL_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_auto(GStrv) rest = NULL;
  g_autoptr(GError) error = NULL;
  TlWindow *window;

  if (g_variant_dict_contains (options, "demo") && !tl_application_start_demo (self, &error))
    {
      g_application_command_line_printerr (command_line, _("Could not start the demo server: %s\n"),
                                           error->message);
      return 1;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^as", &rest);
  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (rest != NULL && rest[0] != NULL)
    {
      if (g_strv_length (rest) >= 2)
        tl_window_set_input (window, rest[0], rest[1], TRUE);
      else
        tl_window_paste_text (window, rest[0], TRUE);
    }

  return 0;
}

static void
tl_application_startup (GApplication *app)
{
  TlApplication *self = TL_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *account_accels[] = { "<Control>comma", NULL };
  static const char *lookup_accels[] = { "<Control>Return", "<Control>KP_Enter", NULL };
  static const char *token_accels[] = { "<Control>l", NULL };
  static const char *batch_accels[] = { "<Control>b", NULL };

  G_APPLICATION_CLASS (tl_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.account", account_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lookup", lookup_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-token", token_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.batch", batch_accels);

  apply_account (self);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
account_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TlApplication *self = user_data;
  TlWindow *window = get_window (self);

  tl_account_dialog_present (self, GTK_WINDOW (window));
}

static void
new_profile_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TlApplication *self = user_data;

  tl_account_dialog_present_new (self, GTK_WINDOW (get_window (self)));
}

static void
batch_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TlApplication *self = user_data;

  tl_batch_window_present (self, GTK_WINDOW (get_window (self)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TlApplication *self = user_data;
  static const char *developers[] = { "Ticket Lookup developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Ticket Lookup"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("Ticket Lookup developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Look up Vitec Express Connect order tokens: see the order "
                                       "ticket behind a token and whether it is still valid."),
                         "website", "https://github.com/ticketlookup/ticket-lookup",
                         "issue-url", "https://github.com/ticketlookup/ticket-lookup/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your name here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
tl_application_dispose (GObject *object)
{
  TlApplication *self = (TlApplication *) object;

  g_clear_object (&self->demo);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->active_profile, g_free);
  g_clear_pointer (&self->session_password, tl_secret_free);

  G_OBJECT_CLASS (tl_application_parent_class)->dispose (object);
}

static void
tl_application_class_init (TlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tl_application_dispose;
  app_class->activate = tl_application_activate;
  app_class->startup = tl_application_startup;
  app_class->command_line = tl_application_command_line;

  /**
   * TlApplication::account-changed:
   *
   * The base URL, username, password or demo mode changed.
   */
  signals[ACCOUNT_CHANGED] = g_signal_new ("account-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
tl_application_init (TlApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "account", account_action },
    { "batch", batch_action },
    { "new-profile", new_profile_action },
    { "about", about_action },
  };
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the built-in demo server and use it (no credentials needed)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL,
      N_("[PASTED_TEXT | CUSTOMER_ID TOKEN]") },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[PASTED_TEXT | CUSTOMER_ID TOKEN]"));

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  self->client = tl_client_new (NULL);
  self->history = tl_history_new ();
  {
    g_autoptr(GAction) remember = g_settings_create_action (self->settings, "remember-history");
    g_action_map_add_action (G_ACTION_MAP (self), remember);
  }
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_account_settings_changed), self);
}
