/* tl-application.c: actions, accelerators, command line, the account in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-account-dialog.h"
#include "tl-application.h"
#include "tl-credentials.h"
#include "tl-demo-server.h"
#include "tl-window.h"

struct _TlApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  TlClient       *client;
  TlDemoServer   *demo;
  char           *session_password;   /* in memory only: the keyring's copy, or session-only */
  gboolean        password_loaded;    /* the keyring was asked for the current account */
};

G_DEFINE_FINAL_TYPE (TlApplication, tl_application, ADW_TYPE_APPLICATION)

enum {
  ACCOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
free_secret (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

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

  g_clear_pointer (&self->session_password, free_secret);
  self->session_password = g_strdup (password);
  self->password_loaded = password != NULL;
  apply_account (self);
}

static void
on_account_settings_changed (GSettings     *settings,
                             const char    *key,
                             TlApplication *self)
{
  if (g_str_equal (key, "base-url") || g_str_equal (key, "username"))
    {
      /* Another account: its password has to come from the keyring again. */
      g_clear_pointer (&self->session_password, free_secret);
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
      g_clear_pointer (&self->session_password, free_secret);
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

static TlWindow *
get_window (TlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (tl_window_new (self));
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

  G_APPLICATION_CLASS (tl_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.account", account_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lookup", lookup_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-token", token_accels);

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
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->session_password, free_secret);

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
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_account_settings_changed), self);
}
