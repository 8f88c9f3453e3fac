/* tl-application.c: actions, accelerators, command line, the account in use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-secret.h"
#include "tl-accounts.h"
#include "tl-account-dialog.h"
#include "tl-batch-window.h"
#include "tl-application.h"
#include "tl-credentials.h"
#include "tl-demo-server.h"
#include "tl-history.h"
#include "tl-lookups.h"
#include "tl-search-provider.h"
#include "tl-settings.h"
#include "tl-window.h"
#ifdef TL_BENCH_HOOKS
#include "tl-bench.h"
#endif

struct _TlApplication
{
  AdwApplication  parent_instance;

  TlSettings     *settings;   /* the one reader and writer of the app's settings */
  TlClient       *client;     /* holds no account: each lookup is given its own */
  TlAccounts     *accounts;   /* the one owner of account state */
  TlLookups      *lookups;    /* the one way the app looks a token up */
  TlHistory      *history;    /* reads and saves itself */
  TlSearchProvider *search_provider;
  GtkWindow      *shortcuts_window;  /* built when first shown */
  gboolean        icon_set;   /* the windows' icon: set after the first window's first frame */
};

G_DEFINE_FINAL_TYPE (TlApplication, tl_application, ADW_TYPE_APPLICATION)

enum {
  MESSAGE,
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

/**
 * tl_application_show_shortcuts:
 * @parent: the window they were asked for from
 *
 * Shows the keyboard shortcuts window (win.show-help-overlay, Ctrl+?), built the first time it
 * is asked for. At the path GtkApplication looks for, gtk/help-overlay.ui, it was built with
 * every window, before that window's first frame.
 */
void
tl_application_show_shortcuts (TlApplication *self,
                               GtkWindow     *parent)
{
  g_return_if_fail (TL_IS_APPLICATION (self));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/ticketlookup/TicketLookup/tl-shortcuts-window.ui");

      self->shortcuts_window = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_set_transient_for (self->shortcuts_window, parent);
  gtk_window_present (self->shortcuts_window);
}

/**
 * tl_application_get_settings:
 *
 * Returns: (transfer none): the app's settings, a property per key
 */
TlSettings *
tl_application_get_settings (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return self->settings;
}

TlAccounts *
tl_application_get_accounts (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return self->accounts;
}

TlLookups *
tl_application_get_lookups (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return self->lookups;
}

gboolean
tl_application_get_demo (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), FALSE);
  return tl_accounts_get_demo (self->accounts);
}

gboolean
tl_application_start_demo (TlApplication  *self,
                           GError        **error)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), FALSE);

  if (!tl_accounts_get_demo (self->accounts))
    {
      g_autoptr(TlDemoServer) demo = tl_demo_server_new (error);

      if (demo == NULL)
        return FALSE;
      tl_accounts_set_demo_server (self->accounts, demo);
    }
  return TRUE;
}

void
tl_application_stop_demo (TlApplication *self)
{
  g_return_if_fail (TL_IS_APPLICATION (self));

  tl_accounts_set_demo_server (self->accounts, NULL);
}

GListModel *
tl_application_get_history (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return tl_history_get_model (self->history);
}

/* A message for the person, by signal: the main window shows it, whatever window is active. */
static void
show_message (TlApplication *self,
              const char    *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

/* After the first frame: nothing slow before the window is on screen. */
static gboolean
restore_history_idle (gpointer user_data)
{
  TlApplication *self = user_data;

  tl_history_restore (self->history);
  return G_SOURCE_REMOVE;
}

void
tl_application_add_history (TlApplication  *self,
                            TlLookupResult *result,
                            const char     *token,
                            const char     *account)
{
  g_return_if_fail (TL_IS_APPLICATION (self));
  tl_history_add (self->history, result, token, account);
}

/**
 * tl_application_clear_history:
 *
 * Returns: (transfer full): what was cleared, for tl_application_restore_history() (Undo)
 */
GPtrArray *
tl_application_clear_history (TlApplication *self)
{
  g_return_val_if_fail (TL_IS_APPLICATION (self), NULL);
  return tl_history_take_all (self->history);
}

void
tl_application_restore_history (TlApplication *self,
                                GPtrArray     *entries)
{
  g_return_if_fail (TL_IS_APPLICATION (self));
  tl_history_put_back (self->history, entries);
}

static void
on_message (TlApplication *self,
            const char    *text)
{
  show_message (self, text);
}

/* The windows' icon (the window list's on X11) is set once the first window has drawn its first
 * frame. Set before, GTK draws the app's icon, an SVG, at every size with librsvg while it
 * realizes the window, and the window appears that much later (13 M instructions, 1.6 % of a
 * start, with the icon installed). The window already open is given it, later ones by default. */
static gboolean
set_icon_idle (gpointer user_data)
{
  TlApplication *self = user_data;

  if (!self->icon_set)
    {
      self->icon_set = TRUE;
      gtk_window_set_default_icon_name (APPLICATION_ID);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (gtk_window_get_icon_name (l->data) == NULL)
          gtk_window_set_icon_name (l->data, APPLICATION_ID);
    }
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                TlApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, set_icon_idle, g_object_ref (self), g_object_unref);
}

static void
on_window_realize (GtkWidget     *window,
                   TlApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, on_window_realize, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_paint),
                           self, 0);
}

static TlWindow *
get_window (TlApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* the active window may be the batch window: the lookup window is the most recently
   * active one of that type (the list is in that order) */
  if (window != NULL && !TL_IS_WINDOW (window))
    {
      window = NULL;
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (TL_IS_WINDOW (l->data))
          {
            window = l->data;
            break;
          }
    }
  if (window == NULL)
    {
      window = GTK_WINDOW (tl_window_new (self));
      g_idle_add_full (G_PRIORITY_LOW, restore_history_idle, g_object_ref (self), g_object_unref);
      if (!self->icon_set)
        g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize), self, 0);
#ifdef TL_BENCH_HOOKS
      tl_bench_attach (window);
#endif
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
  const char *batch_path = NULL;
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

  if (g_variant_dict_lookup (options, "batch", "^&ay", &batch_path))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, batch_path);

      /* the batch window with the file's lines, not run yet */
      tl_window_open_file (window, file, TRUE);
    }

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
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *account_accels[] = { "<Control>comma", NULL };
  static const char *lookup_accels[] = { "<Control>Return", "<Control>KP_Enter", NULL };
  static const char *token_accels[] = { "<Control>l", NULL };
  static const char *batch_accels[] = { "<Control>b", NULL };
  static const char *clipboard_accels[] = { "<Control><Shift>v", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (tl_application_parent_class)->startup (app);

  /* the windows' icon: set_icon_idle() */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.account", account_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lookup", lookup_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.focus-token", token_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.batch", batch_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.lookup-clipboard", clipboard_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
}

static void
tl_application_shutdown (GApplication *app)
{
  TlApplication *self = TL_APPLICATION (app);

  /* a save still waiting for its turn is written now: the main loop ends with this */
  tl_history_flush (self->history);

  G_APPLICATION_CLASS (tl_application_parent_class)->shutdown (app);
}

/**
 * tl_application_notify_done:
 * @what: "lookup" or "batch": which window activating the notification brings back
 *
 * Tells a person who looked away that something slow has finished. Never a token or a
 * password: callers pass the verdict and identifiers only.
 */
void
tl_application_notify_done (TlApplication *self,
                            const char    *what,
                            const char    *title,
                            const char    *body)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APPLICATION_ID);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  g_notification_set_default_action_and_target (notification, "app.show", "s", what);
  g_application_send_notification (G_APPLICATION (self), what, notification);
}

/* A notification was clicked: the window it is about, with its result as it was left. */
static void
show_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TlApplication *self = user_data;
  const char *what = g_variant_get_string (parameter, NULL);
  GtkWindow *target = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && target == NULL; l = l->next)
    if ((g_str_equal (what, "batch") && TL_IS_BATCH_WINDOW (l->data)) ||
        (!g_str_equal (what, "batch") && TL_IS_WINDOW (l->data)))
      target = l->data;
  if (target == NULL)
    target = GTK_WINDOW (get_window (self));
  gtk_window_present (target);
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

  tl_account_dialog_present (GTK_APPLICATION (self), self->lookups, GTK_WINDOW (window));
}

static void
new_profile_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TlApplication *self = user_data;

  tl_account_dialog_present_new (GTK_APPLICATION (self), self->lookups, GTK_WINDOW (get_window (self)));
}

static void
on_batch_finished_away (TlApplication *self,
                        const char    *title,
                        const char    *body)
{
  tl_application_notify_done (self, "batch", title, body);
}

/* The batch window, over the lookup window, with @text's lines (not run yet) if given. */
static void
present_batch_window (TlApplication *self,
                      const char    *text)
{
  TlBatchWindow *window = tl_batch_window_new (GTK_APPLICATION (self), self->lookups,
                                               GTK_WINDOW (get_window (self)), text);

  g_signal_connect_object (window, "finished-away", G_CALLBACK (on_batch_finished_away), self,
                           G_CONNECT_SWAPPED);
  tl_batch_window_present (window);
}

static void
batch_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  present_batch_window (user_data, NULL);
}

/* Lines dropped on or opened in the lookup window. */
static void
batch_lines_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  present_batch_window (user_data, g_variant_get_string (parameter, NULL));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  tl_application_show_shortcuts (self, parent != NULL ? parent : GTK_WINDOW (get_window (self)));
}

/* The system search: a result chosen in the overview, shown as it was. */
static void
on_search_show_lookup (TlApplication  *self,
                       TlInput        *input,
                       TlLookupResult *result,
                       guint           timestamp)
{
  TlWindow *window = get_window (self);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  tl_window_show_lookup (window, input, result);
}

/* The system search: terms to paste into the form, not looked up. */
static void
on_search_show_text (TlApplication *self,
                     const char    *text,
                     guint          timestamp)
{
  TlWindow *window = get_window (self);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
  if (text != NULL && *text != '\0')
    tl_window_paste_text (window, text, FALSE);
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

  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_object (&self->shortcuts_window);
  g_clear_object (&self->search_provider);
  g_clear_object (&self->lookups);
  g_clear_object (&self->accounts);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tl_application_parent_class)->dispose (object);
}

static gboolean
tl_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  TlApplication *self = TL_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (tl_application_parent_class)->dbus_register (app, connection,
                                                                          object_path, error))
    return FALSE;
  /* the Shell's search provider, on the application's own bus name */
  if (self->search_provider == NULL)
    {
      self->search_provider = tl_search_provider_new (app, self->lookups);
      g_object_bind_property (self->settings, "search-lookups", self->search_provider, "lookups", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->search_provider, "show-lookup", G_CALLBACK (on_search_show_lookup),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->search_provider, "show-text", G_CALLBACK (on_search_show_text),
                               self, G_CONNECT_SWAPPED);
    }
  return tl_search_provider_register (self->search_provider, connection, path, error);
}

static void
tl_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  TlApplication *self = TL_APPLICATION (app);

  if (self->search_provider != NULL)
    tl_search_provider_unregister (self->search_provider);
  G_APPLICATION_CLASS (tl_application_parent_class)->dbus_unregister (app, connection, object_path);
}

static void
tl_application_class_init (TlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tl_application_dispose;
  app_class->activate = tl_application_activate;
  app_class->startup = tl_application_startup;
  app_class->shutdown = tl_application_shutdown;
  app_class->command_line = tl_application_command_line;
  app_class->dbus_register = tl_application_dbus_register;
  app_class->dbus_unregister = tl_application_dbus_unregister;

  /**
   * TlApplication::message:
   * @text: something the person should be told (a keyring or history error in the background)
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tl_application_init (TlApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_action },
    { "account", account_action },
    { "batch", batch_action },
    { "batch-lines", batch_lines_action, "s" },
    { "shortcuts", shortcuts_action },
    { "new-profile", new_profile_action },
    { "about", about_action },
    { "show", show_action, "s" },
  };
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the built-in demo server and use it (no credentials needed)"), NULL },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the batch window with the lines of FILE"), N_("FILE") },
    /* no description of its own: the usage line (the parameter string) says it once */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[PASTED_TEXT | CUSTOMER_ID TOKEN]"));

  /* started by D-Bus for a search in the overview: stay a little for the next keystroke */
  g_application_set_inactivity_timeout (G_APPLICATION (self), 20000);
  self->settings = tl_settings_new (BASE_APPLICATION_ID);
  self->client = tl_client_new ();
  self->accounts = tl_accounts_new (self->settings);
  self->lookups = tl_lookups_new (self->accounts, self->client);
  g_object_bind_property (self->accounts, "timeout-seconds", self->client, "timeout", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->accounts, "message", G_CALLBACK (on_message), self);
  self->history = tl_history_new ();
  g_object_bind_property (self->settings, "remember-history", self->history, "remember", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->history, "message", G_CALLBACK (on_message), self);
  {
    g_autoptr(GAction) remember = G_ACTION (g_property_action_new ("remember-history", self->settings, "remember-history"));
    g_action_map_add_action (G_ACTION_MAP (self), remember);
    g_autoptr(GAction) offer = G_ACTION (g_property_action_new ("offer-clipboard", self->settings, "offer-clipboard"));
    g_action_map_add_action (G_ACTION_MAP (self), offer);
    g_autoptr(GAction) search = G_ACTION (g_property_action_new ("search-lookups", self->settings, "search-lookups"));
    g_action_map_add_action (G_ACTION_MAP (self), search);
  }
}
