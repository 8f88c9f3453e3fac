/* tl-window.c: paste, look up, see the ticket; never blocks the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#ifdef TL_BENCH_HOOKS
#include "tl-bench.h"
#endif
#include "tl-details-view.h"
#include "tl-history.h"
#include "tl-history-panel.h"
#include "tl-demo-server.h"
#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-page-bin.h"
#include "tl-ticket-view.h"
#include "tl-toast.h"
#include "tl-window-private.h"
#include "tl-text.h"

G_DEFINE_FINAL_TYPE (TlWindow, tl_window, ADW_TYPE_APPLICATION_WINDOW)

#ifdef TL_BENCH_HOOKS
enum {
  LOOKUP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
#endif


void
tl_window_show_toast (TlWindow   *self,
                      const char *message)
{
  tl_toast_show (self->toast_overlay, message);
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

void
_tl_window_set_row_text (TlWindow    *self,
                         AdwEntryRow *row,
                         const char  *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->updating = FALSE;
}

/* What the first frame does not show is built when it is first needed: the "ready", "loading",
 * ticket and error pages, the details, the history panel, the demo and clipboard bars, the
 * profile drop-down, the main menu's popover and the shortcuts window. Built with the window,
 * they were about a third of the time to its first frame (bench/: startup to first frame). */

/**
 * _tl_window_build_part:
 * @id: an object of tl-window-parts.ui
 *
 * Builds that object alone, with its children. Returns: (transfer full): the builder holding it
 */
GtkBuilder *
_tl_window_build_part (const char *id)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!gtk_builder_add_objects_from_resource (builder, "/io/github/ticketlookup/TicketLookup/tl-window-parts.ui",
                                              ids, &error))
    g_error ("tl-window-parts.ui: %s", error->message);   /* compiled into the program */
  return g_steal_pointer (&builder);
}

static void update_demo_tokens (TlWindow *self);

/* Every page goes into the result stack inside a TlPageBin. The stack (vhomogeneous off) asks a
 * page it does not show how wide it must be at its minimum height, and for wrapped text that is
 * the text on one line: one hidden error page made the window 927 px wide (see tl-page-bin.c). */
static void
add_page (TlWindow   *self,
          GtkWidget  *page,
          const char *name)
{
  GtkWidget *bin = tl_page_bin_new ();

  tl_page_bin_set_child (TL_PAGE_BIN (bin), page);
  gtk_stack_add_named (self->result_stack, bin, name);
}

static void
ensure_page (TlWindow   *self,
             const char *name)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (gtk_stack_get_child_by_name (self->result_stack, name) != NULL)
    return;
  if (g_strcmp0 (name, "ready") == 0)
    {
      builder = _tl_window_build_part ("ready_page");
      self->demo_tokens_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "demo_tokens_group"));
      add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "ready_page")), "ready");
      update_demo_tokens (self);
    }
  else if (g_strcmp0 (name, "loading") == 0)
    {
      builder = _tl_window_build_part ("loading_page");
      add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "loading_page")), "loading");
    }
}

/**
 * _tl_window_show_page:
 * @name: "welcome", "ready" or "loading" (the result pages are shown by show_result())
 */
void
_tl_window_show_page (TlWindow   *self,
                      const char *name)
{
  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->result_stack, name);
}

static TlTicketView *
get_ticket_view (TlWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->ticket_view != NULL)
    return self->ticket_view;

  builder = _tl_window_build_part ("ticket_page");
  self->ticket_view = TL_TICKET_VIEW (gtk_builder_get_object (builder, "ticket_view"));
  g_signal_connect_swapped (self->ticket_view, "message", G_CALLBACK (tl_window_show_toast), self);
  add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "ticket_page")), "ticket");
  return self->ticket_view;
}

static TlErrorView *
get_error_view (TlWindow *self)
{
  if (self->error_view == NULL)
    {
      self->error_view = g_object_new (TL_TYPE_ERROR_VIEW, NULL);
      add_page (self, GTK_WIDGET (self->error_view), "error");
    }
  return self->error_view;
}

static TlDetailsView *
get_details_view (TlWindow *self)
{
  if (self->details_view == NULL)
    {
      self->details_view = g_object_new (TL_TYPE_DETAILS_VIEW, "visible", FALSE, NULL);
      g_signal_connect_swapped (self->details_view, "message", G_CALLBACK (tl_window_show_toast), self);
      gtk_box_append (self->column, GTK_WIDGET (self->details_view));
    }
  return self->details_view;
}

static void on_history_entry_activated (TlWindow       *self,
                                        TlHistoryEntry *entry);

static TlHistoryPanel *
get_history_panel (TlWindow *self)
{
  if (self->history_panel == NULL)
    {
      self->history_panel = g_object_new (TL_TYPE_HISTORY_PANEL, NULL);
      g_signal_connect_swapped (self->history_panel, "entry-activated",
                                G_CALLBACK (on_history_entry_activated), self);
      /* into a slot that was the flap from the start: a flap set while AdwFlap is already
       * revealing it is given a negative width */
      adw_bin_set_child (self->history_slot, GTK_WIDGET (self->history_panel));
    }
  return self->history_panel;
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

/* After the first frame, the pages a lookup shows (loading, ticket, error, details) are built one
 * per idle iteration at low priority: the first frame does not wait for them, and neither does
 * the frame in which the first result appears. The history panel, the menus and the shortcuts
 * window wait until they are asked for. */
static gboolean
prebuild_step (gpointer user_data)
{
  TlWindow *self = user_data;

  if (gtk_stack_get_child_by_name (self->result_stack, "loading") == NULL)
    ensure_page (self, "loading");
  else if (self->ticket_view == NULL)
    get_ticket_view (self);
  else if (self->error_view == NULL)
    get_error_view (self);
  else if (self->details_view == NULL)
    get_details_view (self);
  else
    {
      self->prebuild_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_after_first_paint (GdkFrameClock *clock,
                      TlWindow      *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint, self);
  /* The loading page's 32 px spinner is an SVG, the only one the window draws (the welcome icon
   * is a pre-rendered PNG). GTK loads it, and librsvg with it, on a worker thread from here: after
   * the first frame, which it would delay, and before a lookup started with the window (--demo ID
   * TOKEN, a search result) shows the spinner, so that frame does not load librsvg. The paintable
   * is kept so the texture stays cached (once: a window realized again keeps the first). */
  if (self->spinner_icon == NULL)
    self->spinner_icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                     "process-working-symbolic", NULL, 32,
                                                     gtk_widget_get_scale_factor (widget),
                                                     gtk_widget_get_direction (widget),
                                                     GTK_ICON_LOOKUP_PRELOAD);
  if (self->prebuild_id == 0)
    self->prebuild_id = g_idle_add_full (G_PRIORITY_LOW, prebuild_step, self, NULL);
}

static void
on_realize (TlWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_after_first_paint), self, 0);
}

static void
on_page_changed (TlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->result_stack);
  gboolean show = self->result != NULL &&
                  (g_strcmp0 (page, "ticket") == 0 || g_strcmp0 (page, "error") == 0);

  if (show || self->details_view != NULL)
    gtk_widget_set_visible (GTK_WIDGET (get_details_view (self)), show);
}

static void
clear_messages (TlWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->messages_box))) != NULL)
    gtk_box_remove (self->messages_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_box), FALSE);
}

typedef enum { MESSAGE_INFO, MESSAGE_WARNING, MESSAGE_ERROR } MessageKind;

static void
add_message (TlWindow    *self,
             MessageKind  kind,
             const char  *text)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *classes[] = { "info", "warning", "error" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[kind]);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "tl-message");
  gtk_widget_add_css_class (box, classes[kind]);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == MESSAGE_ERROR ? _("Error") :
                                  kind == MESSAGE_WARNING ? _("Warning") : _("Note"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->messages_box, box);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_box), TRUE);
}

static void
add_findings (TlWindow *self,
              TlInput  *input)
{
  for (guint i = 0; i < tl_input_get_n_findings (input); i++)
    {
      const TlInputFinding *finding = tl_input_get_finding (input, i);

      add_message (self, finding->kind == TL_INPUT_FINDING_FROM_URL ||
                         finding->kind == TL_INPUT_FINDING_URL_DECODED ? MESSAGE_INFO : MESSAGE_WARNING,
                   finding->message);
    }
}

/* The account the window would use now, shown under the title. */
static const char *
account_label (TlWindow *self)
{
  return tl_accounts_get_label (tl_application_get_accounts (self->app));
}

/* The account a result was looked up with: not necessarily the one in use now. */
static char *
result_account_label (TlLookupResult *result)
{
  TlAccount *account = tl_lookup_result_get_account (result);

  return account != NULL ? tl_account_dup_label (account) : g_strdup (_("No account set up"));
}

static void
update_demo_tokens (TlWindow *self)
{
  gboolean demo = tl_application_get_demo (self->app);

  if (demo && gtk_revealer_get_child (self->demo_revealer) == NULL)
    {
      g_autoptr(GtkBuilder) builder = _tl_window_build_part ("demo_bar");

      gtk_revealer_set_child (self->demo_revealer, GTK_WIDGET (gtk_builder_get_object (builder, "demo_bar")));
    }
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  if (self->demo_tokens_group == NULL)
    return;   /* the "ready" page is not built yet; ensure_page() calls this again */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_tokens_group), demo);

  if (demo && self->demo_rows->len == 0)
    {
      for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tl_demo_token_describe (i));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tl_demo_token (i));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.demo-token");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", i);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          adw_preferences_group_add (self->demo_tokens_group, row);
          g_ptr_array_add (self->demo_rows, row);
        }
    }
}

static gboolean
same_names (GListModel  *model,
            char       **names)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;

  if (model == NULL || n != g_strv_length (names))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), names[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static void on_profile_selected (TlWindow *self);

static void
update_profiles (TlWindow *self)
{
  TlAccounts *accounts = tl_application_get_accounts (self->app);
  g_auto(GStrv) names = tl_accounts_get_profile_names (accounts);
  const char *active = tl_accounts_get_active_profile (accounts);
  g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) names);
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean shown = names[0] != NULL && !tl_application_get_demo (self->app);

  if (self->profile_dropdown == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      if (!shown)
        return;
      builder = _tl_window_build_part ("profile_dropdown");
      self->profile_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "profile_dropdown"));
      /* left of the main menu, the one other end child */
      adw_header_bar_pack_end (self->header_bar, GTK_WIDGET (self->profile_dropdown));
      g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                                G_CALLBACK (on_profile_selected), self);
    }

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], active) == 0)
      selected = i;

  self->updating_profiles = TRUE;
  /* Replace the model only when the profiles themselves changed: switching profiles runs this
   * from inside the drop-down's own selection handling, where a new model would pull its
   * popover's rows away under it. */
  if (!same_names (gtk_drop_down_get_model (self->profile_dropdown), names))
    gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (list));
  if (gtk_drop_down_get_selected (self->profile_dropdown) != selected)
    gtk_drop_down_set_selected (self->profile_dropdown, selected);
  self->updating_profiles = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->profile_dropdown), shown);
}

/* A lookup that is running when the profile changes goes on with the account it started with
 * (its result says which); the next lookup uses the new profile. */
static void
on_profile_selected (TlWindow *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->profile_dropdown);
  TlAccounts *accounts = tl_application_get_accounts (self->app);

  if (self->updating_profiles || item == NULL)
    return;
  if (g_strcmp0 (gtk_string_object_get_string (item), tl_accounts_get_active_profile (accounts)) == 0)
    return;
  tl_accounts_activate_profile (accounts, gtk_string_object_get_string (item));
  if (self->running && self->running_account != NULL)
    {
      g_autofree char *label = tl_account_dup_label (self->running_account);
      g_autofree char *text = g_strdup_printf (_("The lookup in progress goes on with %s"), label);

      tl_window_show_toast (self, text);
    }
}

static gboolean
is_configured (TlWindow *self)
{
  g_autoptr(TlAccount) account = tl_accounts_snapshot (tl_application_get_accounts (self->app));

  return tl_account_is_configured (account);
}

void
_tl_window_update_state (TlWindow *self)
{
  gboolean valid = self->input != NULL;
  const char *visible = gtk_stack_get_visible_child_name (self->result_stack);

  adw_window_title_set_subtitle (self->window_title, account_label (self));
  update_demo_tokens (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lookup", self->running || valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-demo", tl_application_get_demo (self->app));

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
      gtk_widget_add_css_class (GTK_WIDGET (self->lookup_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lookup_button), _("Look up the token (Enter)"));
    }

  if (!self->running && (g_strcmp0 (visible, "welcome") == 0 || g_strcmp0 (visible, "ready") == 0))
    _tl_window_show_page (self, is_configured (self) ? "ready" : "welcome");
}

static gboolean
looks_like_link (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, "token=") != NULL;
}

/* Validates the form; a link pasted into either field fills both. */
void
_tl_window_validate (TlWindow *self)
{
  const char *customer = row_text (self->customer_row);
  const char *token = row_text (self->token_row);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->input);
  clear_messages (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");

  if (*customer == '\0' && *token == '\0')
    {
      _tl_window_update_state (self);
      return;
    }

  self->input = tl_input_parse_fields (customer, token, &error);
  if (self->input == NULL)
    {
      gboolean empty = g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID) ||
                       g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN);
      TlInputField field = tl_input_error_get_field (error->code);

      if (!empty)
        gtk_widget_add_css_class (GTK_WIDGET (field == TL_INPUT_FIELD_CUSTOMER_ID ? self->customer_row
                                                                                : self->token_row),
                                  "error");
      add_message (self, empty ? MESSAGE_INFO : MESSAGE_ERROR, error->message);
    }
  else if (self->pasted != NULL &&
           g_strcmp0 (tl_input_get_customer_id (self->pasted), customer) == 0 &&
           g_strcmp0 (tl_input_get_token (self->pasted), token) == 0)
    add_findings (self, self->pasted);
  else
    {
      g_clear_object (&self->pasted);
      add_findings (self, self->input);
    }

  _tl_window_update_state (self);
  _tl_window_offer_update (self);
}

/* Fills the form from @input, as a smart paste. */
static void
fill_from_input (TlWindow *self,
                 TlInput  *input)
{
  g_set_object (&self->pasted, input);
  _tl_window_set_row_text (self, self->customer_row, tl_input_get_customer_id (input));
  _tl_window_set_row_text (self, self->token_row, tl_input_get_token (input));
  _tl_window_validate (self);
}

static gboolean
has_inner_space (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return strpbrk (stripped, " \t\n") != NULL;
}

static void
on_input_changed_cb (TlWindow *self,
                     GtkEditable *editable)
{
  const char *text;

  if (self->updating)
    return;

  text = gtk_editable_get_text (editable);

  /* A whole link, query string or log line pasted into either field fills both. */
  if (looks_like_link (text))
    {
      g_autoptr(TlInput) input = tl_input_parse_fields (row_text (self->customer_row) == text ? "" :
                                                        row_text (self->customer_row), text, NULL);
      if (input != NULL)
        {
          fill_from_input (self, input);
          return;
        }
    }
  /* "CUSTOMER TOKEN" pasted into the customer field. */
  else if (GTK_WIDGET (editable) == GTK_WIDGET (self->customer_row) && has_inner_space (text))
    {
      g_autoptr(TlInput) input = tl_input_parse (text, NULL);

      if (input != NULL)
        {
          fill_from_input (self, input);
          return;
        }
    }

  _tl_window_validate (self);
}

static void
on_entry_activated_cb (TlWindow *self)
{
  if (self->input != NULL && !self->running)
    _tl_window_start_lookup (self);
}

void
tl_window_set_input (TlWindow   *self,
                     const char *customer_id,
                     const char *token,
                     gboolean    lookup)
{
  g_return_if_fail (TL_IS_WINDOW (self));

  g_clear_object (&self->pasted);
  _tl_window_set_row_text (self, self->customer_row, customer_id);
  _tl_window_set_row_text (self, self->token_row, token);
  _tl_window_validate (self);
  if (lookup && self->input != NULL && !self->running)
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
  g_autoptr(TlInput) input = NULL;

  g_return_if_fail (TL_IS_WINDOW (self));

  input = tl_input_parse (text, &error);
  if (input != NULL)
    {
      fill_from_input (self, input);
      gtk_widget_grab_focus (GTK_WIDGET (self->lookup_button));
      if (lookup && !self->running)
        _tl_window_start_lookup (self);
      return;
    }

  if (g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TEXT_TOO_LONG) ||
      g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TEXT))
    {
      tl_window_show_toast (self, error->message);
      return;
    }

  /* Keep what was pasted where the user can fix it, and say what is wrong. */
  g_clear_object (&self->pasted);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    _tl_window_set_row_text (self, self->token_row, stripped);
  }
  _tl_window_validate (self);
  if (g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID))
    gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
}




static void
show_error (TlWindow       *self,
            TlLookupError   code,
            const char     *cause,
            TlLookupResult *result)
{
  if (result == NULL)
    {
      /* An error before anything was sent: no details to show. */
      g_clear_object (&self->result);
      if (self->details_view != NULL)
        tl_details_view_set_result (self->details_view, NULL, NULL, NULL);
    }
  tl_error_view_show (get_error_view (self), code, cause, result);
  gtk_stack_set_visible_child_name (self->result_stack, "error");
}

static void
finish_running (TlWindow *self)
{
  self->running = FALSE;
  g_clear_object (&self->running_account);
  g_clear_object (&self->cancellable);
  _tl_window_update_state (self);
#ifdef TL_BENCH_HOOKS
  g_signal_emit (self, signals[LOOKUP_FINISHED], 0);
#endif
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
  body = g_strdup_printf (_("%s · customer %s · %.1f s"), order ? order : "—",
                          tl_lookup_result_get_customer_id (result),
                          tl_lookup_result_get_elapsed_us (result) / (double) G_USEC_PER_SEC);
  tl_application_notify_done (self->app, "lookup", title, body);
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(TlLookupResult) result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
  const GError *error = tl_lookup_result_get_error (result);
  g_autofree char *label = result_account_label (result);

  if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
    {
      _tl_window_show_page (self, self->page_before_lookup);
      finish_running (self);
      tl_window_show_toast (self, _("Lookup cancelled"));
      return;
    }

  g_set_object (&self->result, result);
  tl_details_view_set_result (get_details_view (self), result,
                              self->input ? tl_input_get_token (self->input) : NULL, label);
  if (self->history_panel != NULL)
    tl_history_panel_unselect_all (self->history_panel);
  tl_application_add_history (self->app, result, self->input ? tl_input_get_token (self->input) : NULL,
                              label);

  if (tl_lookup_result_is_ok (result))
    {
      tl_ticket_view_set_ticket (get_ticket_view (self), tl_lookup_result_get_ticket (result), label);
      gtk_stack_set_visible_child_name (self->result_stack, "ticket");
      tl_ticket_view_announce (self->ticket_view);
    }
  else
    {
      show_error (self, tl_lookup_error_code (error),
                  error->message, result);
      tl_error_view_announce (self->error_view);
    }

  notify_if_away (self, result);
  finish_running (self);
}

static void
on_account_ready (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, &error);

  if (account == NULL)
    {
      if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _tl_window_show_page (self, self->page_before_lookup);
          finish_running (self);
          tl_window_show_toast (self, _("Lookup cancelled"));
          return;
        }
      show_error (self, TL_LOOKUP_ERROR_KEYRING, error->message, NULL);
      finish_running (self);
      return;
    }

  if (self->input == NULL)
    {
      finish_running (self);
      return;
    }

  /* The account that was loaded for this lookup's snapshot, whatever is active by now. */
  tl_client_lookup_async (tl_application_get_client (self->app), account,
                          tl_input_get_customer_id (self->input),
                          tl_input_get_token (self->input),
                          self->cancellable, on_lookup_done, g_object_ref (self));
}

void
_tl_window_start_lookup (TlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->result_stack);
  g_autoptr(TlAccount) account = NULL;

  if (self->running || self->input == NULL)
    return;

  /* The account is taken now, when Look Up is pressed, and used until this lookup ends. */
  account = tl_accounts_snapshot (tl_application_get_accounts (self->app));
  if (!tl_account_is_configured (account))
    {
      show_error (self, TL_LOOKUP_ERROR_NO_PASSWORD,
                  _("No account is set up yet. Set up your partner account, or try the demo."), NULL);
      return;
    }

  self->running_account = g_object_ref (account);
  self->page_before_lookup = g_strcmp0 (page, "loading") == 0 ? "ready" : g_intern_string (page);
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  _tl_window_show_page (self, "loading");
  _tl_window_update_state (self);

  tl_accounts_load_async (tl_application_get_accounts (self->app), account, self->cancellable,
                          on_account_ready, g_object_ref (self));
}







static void
on_account_changed (TlWindow *self)
{
  update_profiles (self);
  _tl_window_update_state (self);
}


static void
show_result (TlWindow       *self,
             TlLookupResult *result,
             const char     *token,
             const char     *account)
{
  const GError *error = tl_lookup_result_get_error (result);

  g_set_object (&self->result, result);
  tl_details_view_set_result (get_details_view (self), result, token, account);
  if (tl_lookup_result_is_ok (result))
    {
      tl_ticket_view_set_ticket (get_ticket_view (self), tl_lookup_result_get_ticket (result), account);
      gtk_stack_set_visible_child_name (self->result_stack, "ticket");
    }
  else
    show_error (self, tl_lookup_error_code (error),
                error->message, result);
  on_page_changed (self);
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

  label = result_account_label (result);
  tl_application_add_history (self->app, result, tl_input_get_token (input), label);
  if (self->running)
    {
      /* never replace what a running lookup is about to show */
      tl_window_show_toast (self, _("The result from the search is in the history"));
      return;
    }
  fill_from_input (self, input);
  show_result (self, result, tl_input_get_token (input), label);
  if (self->history_panel != NULL)
    tl_history_panel_unselect_all (self->history_panel);
  if (tl_lookup_result_is_ok (result))
    tl_ticket_view_announce (self->ticket_view);
  else
    tl_error_view_announce (self->error_view);
}

static void
on_history_entry_activated (TlWindow       *self,
                            TlHistoryEntry *entry)
{
  TlLookupResult *result = entry ? tl_history_entry_get_result (entry) : NULL;

  if (self->running || entry == NULL)
    return;

  if (result != NULL)
    {
      /* This session: show it again as it was, without a new request. */
      g_clear_object (&self->pasted);
      _tl_window_set_row_text (self, self->customer_row, tl_history_entry_get_customer_id (entry));
      _tl_window_set_row_text (self, self->token_row, tl_history_entry_get_token (entry));
      _tl_window_validate (self);
      show_result (self, result, tl_history_entry_get_token (entry), tl_history_entry_get_account (entry));
    }
  else
    {
      /* An earlier session: only the customer ID is known; tokens are never saved. */
      _tl_window_set_row_text (self, self->customer_row, tl_history_entry_get_customer_id (entry));
      _tl_window_set_row_text (self, self->token_row, "");
      _tl_window_validate (self);
      tl_window_show_toast (self, _("From an earlier session: tokens are not kept. Paste the token to look it up again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}




/* The rows exist only while the history is shown: hundreds of lookups in a session do not
 * keep hundreds of row widgets alive behind a closed panel. */
static gboolean
unbind_history_idle (gpointer user_data)
{
  TlWindow *self = user_data;

  self->unbind_history_id = 0;
  if (!adw_flap_get_reveal_flap (self->flap) && self->history_bound)
    {
      tl_history_panel_set_model (get_history_panel (self), NULL);
      self->history_bound = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
on_history_revealed (TlWindow *self)
{
  if (adw_flap_get_reveal_flap (self->flap))
    {
      g_clear_handle_id (&self->unbind_history_id, g_source_remove);
      if (!self->history_bound)
        tl_history_panel_set_model (get_history_panel (self), tl_application_get_history (self->app));
      self->history_bound = TRUE;
    }
  else if (self->unbind_history_id == 0)
    /* Later, never from inside a row's own signal (the panel closes when a row is chosen). */
    self->unbind_history_id = g_idle_add (unbind_history_idle, self);
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
  g_clear_handle_id (&self->unbind_history_id, g_source_remove);
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
  g_clear_object (&self->spinner_icon);
  g_clear_signal_handler (&self->account_changed_id, tl_application_get_accounts (self->app));
  g_clear_object (&self->running_account);
  _tl_window_offer_dispose (self);
  g_clear_object (&self->input);
  g_clear_object (&self->pasted);
  g_clear_object (&self->result);
  g_clear_pointer (&self->demo_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_WINDOW);

  G_OBJECT_CLASS (tl_window_parent_class)->dispose (object);
}

static void
tl_window_class_init (TlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tl_window_dispose;
  window_class->close_request = tl_window_close_request;

  g_type_ensure (TL_TYPE_TICKET_VIEW);   /* named in tl-window-parts.ui */
  g_type_ensure (TL_TYPE_PAGE_BIN);

#ifdef TL_BENCH_HOOKS
  /**
   * TlWindow::lookup-finished:
   *
   * A lookup ended (ticket, error or cancelled) and the window is idle again. Only in builds
   * with the measurement hooks (bench/run).
   */
  signals[LOOKUP_FINISHED] = g_signal_new ("lookup-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
#endif

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, customer_row);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, messages_box);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, lookup_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, lookup_label);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, result_stack);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, column);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, history_slot);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, TlWindow, header_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

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

  self->demo_rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->result_stack, "notify::visible-child-name",
                            G_CALLBACK (on_page_changed), self);

  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);

  if (g_strcmp0 (PROFILE, "Devel") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

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
  g_object_get (tl_application_get_settings (application),
                "window-width", &width,
                "window-height", &height,
                "window-maximized", &maximized,
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  self->account_changed_id = g_signal_connect_swapped (tl_application_get_accounts (application), "changed",
                                                       G_CALLBACK (on_account_changed), self);
  /* what the application has to say (a keyring or history error) is shown here, whichever of
   * its windows is in front */
  g_signal_connect_object (application, "message", G_CALLBACK (tl_window_show_toast), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_history_revealed), self);
  update_profiles (self);
  _tl_window_update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
#ifdef TL_BENCH_HOOKS
  tl_bench_attach (self);
#endif
  return self;
}
