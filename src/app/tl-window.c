/* tl-window.c: paste, look up, see the ticket; never blocks the main loop
 *
 * The window holds the form (TlLookupForm), the Look Up button, the page stack and the details,
 * and wires them: the form's input enables Look Up, a lookup goes through TlLookups with the
 * account taken when Look Up was pressed, and its result is shown on the ticket or error page.
 * The other parts are in the files tl-window-private.h lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-lookup-error.h"
#include "tl-page-bin.h"
#include "tl-presentation.h"
#include "tl-profile-switcher.h"
#include "tl-text.h"
#include "tl-toast.h"
#include "tl-window-private.h"

G_DEFINE_FINAL_TYPE (TlWindow, tl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  LOOKUP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
tl_window_show_toast (TlWindow   *self,
                      const char *message)
{
  tl_toast_show (self->toast_overlay, message);
}

/**
 * _tl_window_result_account:
 *
 * The account a result was looked up with: not necessarily the one in use now.
 *
 * Returns: (transfer full): its label
 */
char *
_tl_window_result_account (TlLookupResult *result)
{
  TlAccount *account = tl_lookup_result_get_account (result);

  return account != NULL ? tl_account_dup_label (account) : g_strdup (_("No account set up"));
}

/* The main menu's popover, too, is built when the menu is first opened (click or F10). */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  TlWindow *self = user_data;

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* A lookup that is running when the profile changes goes on with the account it started with
 * (its result says which); the next lookup uses the new profile. */
static void
on_profile_switched (TlWindow *self)
{
  if (self->running && self->running_account != NULL)
    {
      g_autofree char *label = tl_account_dup_label (self->running_account);
      g_autofree char *text = g_strdup_printf (_("The lookup in progress goes on with %s"), label);

      tl_window_show_toast (self, text);
    }
}

static void apply_narrow (TlWindow *self);

static void
update_profiles (TlWindow *self)
{
  if (self->profile_switcher != NULL || !tl_profile_switcher_is_wanted (tl_lookups_get_accounts (self->lookups)))
    return;   /* the switcher keeps itself up to date once it exists */
  self->profile_switcher = tl_profile_switcher_new (tl_lookups_get_accounts (self->lookups));
  g_signal_connect_swapped (self->profile_switcher, "switched", G_CALLBACK (on_profile_switched), self);
  /* left of the main menu, the one other end child */
  adw_header_bar_pack_end (self->header_bar, self->profile_switcher);
  apply_narrow (self);
}

static gboolean
is_configured (TlWindow *self)
{
  g_autoptr(TlAccount) account = tl_lookups_snapshot (self->lookups);

  return tl_account_is_configured (account);
}

void
_tl_window_update_state (TlWindow *self)
{
  gboolean valid = tl_lookup_form_get_input (self->form) != NULL;
  const char *visible = gtk_stack_get_visible_child_name (self->result_stack);
  TlAccounts *accounts = tl_lookups_get_accounts (self->lookups);
  gboolean switcher;

  /* The profile is named once: by the drop-down when there is one, and the subtitle says
   * only the account (user at server), nothing when the profile's name is just that. */
  switcher = self->profile_switcher != NULL && gtk_widget_get_visible (self->profile_switcher);
  if (switcher)
    {
      g_autoptr(TlAccount) account = tl_lookups_snapshot (self->lookups);
      g_autofree char *address = tl_account_profile_is_generated (account)
                                 ? NULL : tl_account_dup_address_label (account);

      adw_window_title_set_subtitle (self->window_title, address);
    }
  else
    adw_window_title_set_subtitle (self->window_title, tl_accounts_get_label (accounts));
  _tl_window_update_demo (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lookup", self->running || valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-demo", tl_accounts_get_demo (accounts));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->running);
  gtk_spinner_set_spinning (self->spinner, self->running);
  gtk_label_set_label (self->lookup_label, self->running ? _("Cancel") : _("Look Up"));
  if (self->running)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->lookup_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lookup_button), _("Cancel the lookup (Esc)"));
    }
  else
    {
      /* one suggested action: with no account set up, that is Set Up Account */
      if (is_configured (self))
        gtk_widget_add_css_class (GTK_WIDGET (self->lookup_button), "suggested-action");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->lookup_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lookup_button), _("Look up the token (Enter)"));
    }

  if (!self->running && (g_strcmp0 (visible, "welcome") == 0 || g_strcmp0 (visible, "ready") == 0))
    _tl_window_show_page (self, is_configured (self) ? "ready" : "welcome");
}

static void
on_input_changed (TlWindow *self)
{
  _tl_window_update_state (self);
  _tl_window_offer_update (self);
  _tl_window_update_result_shown (self);
}

static void
on_account_changed (TlWindow *self)
{
  update_profiles (self);
  _tl_window_update_state (self);
  _tl_window_update_result_shown (self);
}

static void
finish_running (TlWindow *self)
{
  self->running = FALSE;
  g_clear_object (&self->running_account);
  g_clear_object (&self->running_input);
  g_clear_object (&self->cancellable);
  _tl_window_update_state (self);
  g_signal_emit (self, signals[LOOKUP_FINISHED], 0);
}

/* Lookups that take this long are worth a notification when the window is not in front. */
#define NOTIFY_AFTER_US (3 * G_USEC_PER_SEC)

static void
notify_if_away (TlWindow       *self,
                TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);
  TlTicket *ticket = tl_lookup_result_get_ticket (result);
  g_autofree char *order = NULL;
  g_autofree char *body = NULL;
  const char *title;

  if (gtk_window_is_active (GTK_WINDOW (self)) || tl_lookup_result_get_elapsed_us (result) < NOTIFY_AFTER_US)
    return;

  if (error != NULL)
    title = tl_lookup_error_get_title (tl_lookup_error_code (error));
  else
    title = tl_ticket_state_get_title (tl_ticket_get_state (ticket));
  order = ticket ? tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL;
  /* Translators: a notification after a slow lookup: "ORD-2026-118305 · customer M11385 · 3.2 s" */
  body = g_strdup_printf (_("%s · customer %s · %.1f s"), tl_presentation_or_placeholder (order),
                          tl_lookup_result_get_customer_id (result),
                          tl_lookup_result_get_elapsed_us (result) / (double) G_USEC_PER_SEC);
  tl_application_notify_done (self->app, "lookup", title, body);
}

static gboolean
profile_switched (TlWindow *self)
{
  g_autoptr(TlAccount) now = tl_lookups_snapshot (self->lookups);

  return g_strcmp0 (tl_account_get_server (now), tl_account_get_server (self->running_account)) != 0 ||
         g_strcmp0 (tl_account_get_username (now), tl_account_get_username (self->running_account)) != 0;
}

void
_tl_window_lookup_done (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(TlLookupResult) result = tl_lookups_run_finish (TL_LOOKUPS (source), res);

  /* an office proxy that wants a sign-in none of the settings gave: asked for once */
  if (_tl_window_ask_proxy_sign_in (self, result))
    return;
  _tl_window_show_lookup (self, result);
}

/* The running lookup's result, shown; the lookup ends. */
void
_tl_window_show_lookup (TlWindow       *self,
                        TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);
  g_autofree char *label = _tl_window_result_account (result);
  const char *token = tl_input_get_token (self->running_input);
  g_autoptr(TlInput) input = g_object_ref (self->running_input);

  if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
    {
      _tl_window_show_page (self, self->page_before_lookup);
      finish_running (self);
      tl_window_show_toast (self, _("Lookup cancelled"));
      return;
    }

  if (tl_lookup_result_get_url (result) == NULL)
    _tl_window_show_unsent (self, result);
  else
    {
      tl_application_add_history (self->app, result, token, label);
      self->running = FALSE;   /* so a result whose input changed meanwhile is hidden at once */
      /* the profile was switched while it ran: shown as a result of the account it went to,
       * with that account named above it, like a result reopened from the history */
      _tl_window_show_result (self, result, input, label, profile_switched (self));
      if (tl_lookup_result_is_ok (result))
        tl_ticket_view_announce (self->ticket_view);
      else
        tl_error_view_announce (self->error_view);
      notify_if_away (self, result);
    }
  finish_running (self);
}

void
_tl_window_start_lookup (TlWindow *self)
{
  TlInput *input = tl_lookup_form_get_input (self->form);
  const char *page = gtk_stack_get_visible_child_name (self->result_stack);

  if (self->running || input == NULL)
    return;

  /* The account is taken now, when Look Up is pressed, and used until this lookup ends. */
  self->running_account = tl_lookups_snapshot (self->lookups);
  self->running_input = g_object_ref (input);
  self->page_before_lookup = g_strcmp0 (page, "loading") == 0 ? "ready" : g_intern_string (page);
  self->running = TRUE;
  self->proxy_asked = FALSE;
  self->cancellable = g_cancellable_new ();
  _tl_window_show_page (self, "loading");
  _tl_window_update_state (self);

  tl_lookups_run_async (self->lookups, self->running_account,
                        tl_input_get_customer_id (input), tl_input_get_token (input),
                        self->cancellable, _tl_window_lookup_done, g_object_ref (self));
}

static void
on_submit (TlWindow *self)
{
  if (!self->running)
    _tl_window_start_lookup (self);
}

void
tl_window_set_input (TlWindow   *self,
                     const char *customer_id,
                     const char *token,
                     gboolean    lookup)
{
  g_return_if_fail (TL_IS_WINDOW (self));

  tl_lookup_form_set_fields (self->form, customer_id, token);
  if (lookup && !self->running)
    _tl_window_start_lookup (self);
}

/**
 * tl_window_paste_text:
 *
 * Smart paste: a link, query string, log line or "CUSTOMER TOKEN" fills both fields. Text that
 * cannot be read is kept in the token field with the reason, so nothing is lost.
 */
void
tl_window_paste_text (TlWindow   *self,
                      const char *text,
                      gboolean    lookup)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_WINDOW (self));

  if (tl_lookup_form_paste (self->form, text, &error))
    {
      /* in the form, which stays in view: Enter looks it up */
      tl_lookup_form_focus (self->form, TL_INPUT_FIELD_TOKEN);
      if (lookup && !self->running)
        _tl_window_start_lookup (self);
    }
  else if (error != NULL)
    tl_window_show_toast (self, error->message);
}

/**
 * tl_window_show_lookup:
 *
 * Shows a lookup made elsewhere (the Shell search provider) as if it had been made here: the
 * input in the fields, the result, a history entry. No request is sent.
 */
void
tl_window_show_lookup (TlWindow       *self,
                       TlInput        *input,
                       TlLookupResult *result)
{
  g_autofree char *label = NULL;

  g_return_if_fail (TL_IS_WINDOW (self));
  g_return_if_fail (TL_IS_INPUT (input));
  g_return_if_fail (TL_IS_LOOKUP_RESULT (result));

  label = _tl_window_result_account (result);
  tl_application_add_history (self->app, result, tl_input_get_token (input), label);
  if (self->running)
    {
      /* never replace what a running lookup is about to show */
      tl_window_show_toast (self, _("The result from the search is in the history"));
      return;
    }
  tl_lookup_form_fill (self->form, input);
  _tl_window_show_result (self, result, input, label, TRUE);
  if (tl_lookup_result_is_ok (result))
    tl_ticket_view_announce (self->ticket_view);
  else
    tl_error_view_announce (self->error_view);
}

static gboolean
tl_window_close_request (GtkWindow *window)
{
  TlWindow *self = TL_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_object_set (tl_application_get_settings (self->app),
                "window-width", width,
                "window-height", height,
                "window-maximized", gtk_window_is_maximized (window),
                NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (tl_window_parent_class)->close_request (window);
}

static void
tl_window_dispose (GObject *object)
{
  TlWindow *self = TL_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lookups != NULL)
    g_clear_signal_handler (&self->account_changed_id, tl_lookups_get_accounts (self->lookups));
  g_clear_object (&self->lookups);
  g_clear_object (&self->running_account);
  g_clear_object (&self->running_input);
  g_clear_object (&self->result);
  g_clear_object (&self->result_input);
  g_clear_pointer (&self->cleared_history, g_ptr_array_unref);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  _tl_window_history_dispose (self);
  _tl_window_pages_dispose (self);
  _tl_window_offer_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_WINDOW);

  G_OBJECT_CLASS (tl_window_parent_class)->dispose (object);
}

/* Below this width the header bar keeps the title whole: Paste (also Ctrl+V and in the main
 * menu) leaves it, and beside a profile drop-down the title itself goes (the drop-down names
 * the profile). libadwaita 1.2 has no breakpoints: the width is looked at after each
 * allocation, and a change is applied before the next frame. */
#define NARROW_WIDTH 480

static void
apply_narrow (TlWindow *self)
{
  gboolean switcher = self->profile_switcher != NULL && gtk_widget_get_visible (self->profile_switcher);

  gtk_widget_set_visible (self->paste_header_button, !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !(self->narrow && switcher));
}

static gboolean
narrow_idle (gpointer user_data)
{
  TlWindow *self = user_data;

  self->narrow_idle = 0;
  apply_narrow (self);
  return G_SOURCE_REMOVE;
}

static void
tl_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  TlWindow *self = TL_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (tl_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle == 0)
        self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, narrow_idle, self, NULL);
    }
}

static void
tl_window_class_init (TlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tl_window_dispose;
  widget_class->size_allocate = tl_window_size_allocate;
  window_class->close_request = tl_window_close_request;

  g_type_ensure (TL_TYPE_TICKET_VIEW);   /* named in tl-window-parts.ui */
  g_type_ensure (TL_TYPE_PAGE_BIN);
  g_type_ensure (TL_TYPE_LOOKUP_FORM);

  /**
   * TlWindow::lookup-finished:
   *
   * A lookup ended (ticket, error or cancelled) and the window is idle again.
   */
  signals[LOOKUP_FINISHED] = g_signal_new ("lookup-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, paste_header_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, column);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, form);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, lookup_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, lookup_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, result_stack);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, last_lookup_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, last_lookup_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, result_note);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);

  _tl_window_result_class_init (widget_class);
  _tl_window_class_actions_init (widget_class);
  _tl_window_offer_class_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  /* Reached only when no text field took Ctrl+V first: then it is a smart paste. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
}

static void
tl_window_init (TlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  _tl_window_pages_init (self);
  _tl_window_history_init (self);
  _tl_window_offer_init (self);
  _tl_window_dnd_init (self);
}

TlWindow *
tl_window_new (TlApplication *application)
{
  TlWindow *self = g_object_new (TL_TYPE_WINDOW, "application", application, NULL);
  int width, height;
  gboolean maximized;

  self->app = application;
  self->lookups = g_object_ref (tl_application_get_lookups (application));
  g_object_get (tl_application_get_settings (application),
                "window-width", &width,
                "window-height", &height,
                "window-maximized", &maximized,
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));
  /* opened narrow: the header bar makes room before the first layout, or the window would
   * open as wide as the wide header bar needs and stay so */
  self->narrow = !maximized && width > 0 && width < NARROW_WIDTH;

  self->account_changed_id = g_signal_connect_swapped (tl_lookups_get_accounts (self->lookups), "changed",
                                                       G_CALLBACK (on_account_changed), self);
  /* what the application has to say (a keyring or history error) is shown here, whichever of
   * its windows is in front */
  g_signal_connect_object (application, "message", G_CALLBACK (tl_window_show_toast), self,
                           G_CONNECT_SWAPPED);
  update_profiles (self);
  apply_narrow (self);
  _tl_window_update_state (self);
  tl_lookup_form_focus (self->form, TL_INPUT_FIELD_CUSTOMER_ID);
  return self;
}
