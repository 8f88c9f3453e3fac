/* tl-account-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-account-dialog-private.h"
#include "tl-account-check.h"
#include "tl-input.h"
#include "tl-text.h"
#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-lookups.h"
#include "tl-lookup-error.h"
#include "tl-tls.h"


G_DEFINE_FINAL_TYPE (TlAccountDialog, tl_account_dialog, ADW_TYPE_WINDOW)

enum { SERVICE_PRODUCTION, SERVICE_TEST, SERVICE_CUSTOM };

static void
set_status (TlAccountDialog *self,
            const char      *text,
            gboolean         is_error)
{
  gtk_label_set_label (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static char *
chosen_base_url (TlAccountDialog *self)
{
  switch (adw_combo_row_get_selected (self->service_row))
    {
    case SERVICE_PRODUCTION:
      return g_strdup (TL_DEFAULT_BASE_URL);
    case SERVICE_TEST:
      return g_strdup (TL_TEST_BASE_URL);
    default:
      return tl_normalize_base_url (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)));
    }
}

static void show_check (TlAccountDialog *self, const char *icon, const char *css, const char *title,
                        const char *subtitle);

/* What a check is asked with (address, username, password typed, customer ID, office
 * certificate), as a digest: the password is not kept a second time. */
static char *
check_input_digest (TlAccountDialog *self)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *base_url = chosen_base_url (self);
  const char *parts[] = {
    base_url,
    gtk_editable_get_text (GTK_EDITABLE (self->username_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
    gtk_editable_get_text (GTK_EDITABLE (self->check_customer_row)),
    self->ca_file ? self->ca_file : "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_checksum_update (sum, (const guchar *) (parts[i] ? parts[i] : ""), strlen (parts[i] ? parts[i] : "") + 1);
  return g_strdup (g_checksum_get_string (sum));
}

/* A verdict answers the account it was asked about: once any of that is changed, it goes (and
 * the answer of a check still running is not shown). */
void
_tl_account_dialog_forget_stale_verdict (TlAccountDialog *self)
{
  g_autofree char *now = NULL;

  if (self->checked_input == NULL)
    return;
  now = check_input_digest (self);
  if (g_strcmp0 (now, self->checked_input) == 0)
    return;
  g_clear_pointer (&self->checked_input, g_free);
  show_check (self, "network-server-symbolic", NULL, _("Not checked yet"), NULL);
}

static void
validate (TlAccountDialog *self)
{
  g_autofree char *base_url = chosen_base_url (self);
  g_autoptr(GError) error = NULL;
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  gboolean url_ok = tl_client_check_base_url (base_url, &error);
  gboolean ok = url_ok && *username != '\0' && !self->saving;

  if (!url_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");

  if (!url_ok && *gtk_editable_get_text (GTK_EDITABLE (self->base_url_row)) != '\0')
    set_status (self, error->message, TRUE);
  else if (!self->saving)
    set_status (self, NULL, FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", ok);
  _tl_account_dialog_forget_stale_verdict (self);

  {
    const char *customer = gtk_editable_get_text (GTK_EDITABLE (self->check_customer_row));
    gboolean customer_ok = *customer == '\0' || tl_input_check_customer_id (customer, NULL);

    if (customer_ok)
      gtk_widget_remove_css_class (GTK_WIDGET (self->check_customer_row), "error");
    else
      gtk_widget_add_css_class (GTK_WIDGET (self->check_customer_row), "error");
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.check",
                                   url_ok && *username != '\0' && customer_ok && !self->checking);
  }
}

static void
on_changed_cb (TlAccountDialog *self)
{
  validate (self);
}

static void
on_service_selected_cb (TlAccountDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->service_row);

  gtk_editable_set_editable (GTK_EDITABLE (self->base_url_row), selected == SERVICE_CUSTOM);
  if (selected == SERVICE_PRODUCTION)
    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), TL_DEFAULT_BASE_URL);
  else if (selected == SERVICE_TEST)
    gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), TL_TEST_BASE_URL);
  validate (self);
}

static char *
profile_name (TlAccountDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (*name == '\0')
    {
      g_autofree char *base_url = chosen_base_url (self);
      g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

      /* Translators: a profile's default name, e.g. "partner at connect.maklare.vitec.net" */
      return g_strdup_printf (_("%s at %s"), gtk_editable_get_text (GTK_EDITABLE (self->username_row)),
                              uri ? g_uri_get_host (uri) : base_url);
    }
  return g_steal_pointer (&name);
}

static void
save_settings (TlAccountDialog *self)
{
  g_autofree char *base_url = chosen_base_url (self);
  g_autofree char *name = profile_name (self);

  tl_accounts_save_profile (self->accounts, self->editing, name, base_url,
                            gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  tl_accounts_set_profile_ca_file (self->accounts, name, self->ca_file);
  g_object_set (self->accounts,
                "remember-password", gtk_switch_get_active (self->remember_switch),
                "timeout-seconds", (guint) gtk_spin_button_get_value_as_int (self->timeout_spin),
                NULL);
}

static gboolean
close_later (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    TlAccountDialog  *self)
{
  if (g_strcmp0 (response, "delete") != 0 || self->editing == NULL)
    return;
  tl_accounts_delete_profile (self->accounts, self->editing);
  /* once the question, which belongs to this dialog, has finished closing */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
}

/* Delete Profile asks first: it also removes the password from the keyring, which cannot be
 * brought back. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);
  g_autofree char *body = NULL;
  g_autofree char *base_url = NULL;
  GtkWidget *dialog;

  if (self->editing == NULL)
    return;
  {
    g_autoptr(TlAccount) account = tl_account_new (self->original_server ? self->original_server : "",
                                                   self->original_username ? self->original_username : "",
                                                   NULL, NULL, FALSE);

    base_url = tl_account_dup_host (account);
  }
  body = g_strdup_printf (_("The profile “%s” is removed, and with it the password stored for “%s” at %s. "
                            "It cannot be undone."),
                          self->editing, self->original_username ? self->original_username : "", base_url);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Profile and Its Password?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(TlAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  /* Whatever account is active by now, the password was kept for the account that was saved:
   * tl_accounts_store_password_async() was given it, not asked for "the current one". */
  if (!tl_accounts_store_password_finish (TL_ACCOUNTS (source), res, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
        return;

      /* The app still works for this session: the password is kept in memory only. */
      text = g_strdup_printf ("%s\n%s\n%s", tl_lookup_error_get_title (TL_LOOKUP_ERROR_KEYRING),
                              error->message,
                              _("The password will be used until Ticket Lookup is closed, but not saved."));
      set_status (self, text, TRUE);
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("Close"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "window.close");
      validate (self);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* The account as the dialog shows it now, with the password typed (or none): a value, so
 * whatever the dialog or the app does next cannot change where the password goes. */
static TlAccount *
dialog_account (TlAccountDialog  *self,
                GError          **error)
{
  g_autofree char *base_url = chosen_base_url (self);
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  g_autoptr(TlAccount) account = NULL;

  if (!tl_account_check_username (username, error))
    return NULL;
  account = tl_account_new (base_url, username, *password ? password : NULL, NULL, FALSE);
  return tl_account_new_with_ca_file (account, self->ca_file);
}

/* Saves the profile and, when one was typed, @account's password. */
static void
finish_save (TlAccountDialog *self,
             TlAccount       *account)
{
  self->saving = FALSE;
  save_settings (self);

  if (!tl_account_has_password (account))
    {
      /* Nothing typed: keep whatever the keyring holds for this account. (Closed from the main
       * loop: this may run in the answer of a question that belongs to this dialog.) */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
      return;
    }

  self->saving = TRUE;
  set_status (self, _("Saving the password in the keyring…"), FALSE);
  validate (self);
  /* The account being saved, as a value: the store applies to it alone. */
  tl_accounts_store_password_async (self->accounts, account, gtk_switch_get_active (self->remember_switch),
                                    self->cancellable, on_stored, g_object_ref (self));
}

static void
on_old_password_cleared (GObject      *source,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* the new address has the password already; an old entry left behind is only said */
  if (!tl_credentials_clear_finish (res, &error))
    g_message ("the password at the old address was not removed: %s", error->message);
}

static void
on_move_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TlAccountDialog  *self)
{
  g_autoptr(TlAccount) old = g_steal_pointer (&self->moving);
  g_autoptr(TlAccount) account = dialog_account (self, NULL);

  if (old == NULL || account == NULL || g_strcmp0 (response, "cancel") == 0)
    {
      self->saving = FALSE;
      validate (self);
      return;
    }
  if (g_strcmp0 (response, "move") == 0)
    {
      g_autoptr(TlAccount) moved = tl_account_new_with_password (account, tl_account_get_password (old));

      finish_save (self, moved);
      /* the old address's entry goes, unless another profile still uses it */
      if (!tl_accounts_identity_in_use (self->accounts, tl_account_get_server (old),
                                        tl_account_get_username (old)))
        tl_credentials_clear_async (tl_account_get_server (old), tl_account_get_username (old), NULL,
                                    on_old_password_cleared, NULL);
      return;
    }
  finish_save (self, account);
}

static void
on_old_password_loaded (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(TlAccountDialog) self = user_data;
  g_autoptr(TlAccount) old = tl_accounts_load_finish (TL_ACCOUNTS (source), res, NULL);
  g_autoptr(TlAccount) account = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  account = dialog_account (self, NULL);
  if (account == NULL)
    {
      self->saving = FALSE;
      validate (self);
      return;
    }
  if (old == NULL || !tl_account_has_password (old))
    {
      /* nothing stored at the old address (or the keyring cannot say): nothing to move */
      finish_save (self, account);
      return;
    }

  self->moving = g_steal_pointer (&old);
  body = g_strdup_printf (_("A password for “%s” is stored for %s. This profile now uses %s: move the "
                            "password there, or leave it at the old address (this profile then has "
                            "no password until you type one)."),
                          tl_account_get_username (self->moving), tl_account_get_server (self->moving),
                          tl_account_get_server (account));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Move the Password to the New Address?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Leave It"),
                                    "move", _("_Move Password"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = dialog_account (self, &error);

  if (account == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  if (self->saving)
    return;

  /* A profile moved to another address with no password typed: the password stored at the old
   * address is offered to move along, never left behind without a word. */
  if (self->editing != NULL && self->original_server != NULL && !tl_account_has_password (account) &&
      g_strcmp0 (self->original_username, tl_account_get_username (account)) == 0 &&
      g_strcmp0 (self->original_server, tl_account_get_server (account)) != 0)
    {
      g_autoptr(TlAccount) old = tl_account_new (self->original_server, self->original_username, NULL, NULL, FALSE);

      self->saving = TRUE;
      validate (self);
      tl_accounts_load_async (self->accounts, old, self->cancellable, on_old_password_loaded,
                              g_object_ref (self));
      return;
    }
  finish_save (self, account);
}

static void
show_check (TlAccountDialog *self,
            const char      *icon,
            const char      *css,
            const char      *title,
            const char      *subtitle)
{
  gtk_image_set_from_icon_name (self->check_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_icon), "warning");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->check_icon), css);
  gtk_label_set_text (self->check_title, title);
  gtk_label_set_text (self->check_subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->check_subtitle), subtitle != NULL && *subtitle != '\0');
}

static void
end_check (TlAccountDialog *self)
{
  self->checking = FALSE;
  gtk_spinner_set_spinning (self->check_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), FALSE);
  validate (self);
}

static void
on_checked (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(TlAccountDialog) self = user_data;
  g_autoptr(TlLookupResult) result = tl_lookups_run_finish (TL_LOOKUPS (source), res);
  const GError *error = tl_lookup_result_get_error (result);
  TlAccountCheck check;
  g_autofree char *title = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  end_check (self);
  if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
    return;
  /* the account was changed while it was checked: the answer is not about what is shown */
  if (self->checked_input == NULL)
    return;
  if (tl_lookup_result_get_url (result) == NULL)
    {
      /* nothing was sent: the keyring refused, or there is no account */
      show_check (self, "dialog-error-symbolic", "error",
                  tl_lookup_error_get_title (tl_lookup_error_code (error)), error->message);
      return;
    }

  check = tl_account_check_from_result (result, self->check_customer != NULL);
  title = tl_account_check_describe (check, result);
  request_id = tl_text_visible (tl_lookup_result_get_request_id (result));
  /* Translators: after an account check, e.g. "In 120 ms" */
  g_string_append_printf (subtitle, _("In %.0f ms"), tl_lookup_result_get_elapsed_us (result) / 1000.0);
  if (request_id != NULL)
    g_string_append_printf (subtitle, " · %s %s", _("Request ID:"), request_id);
  /* not the service's answer: no verdict either way, so neither the success nor the error look */
  show_check (self,
              check == TL_ACCOUNT_CHECK_ACCEPTED ? "emblem-ok-symbolic"
              : check == TL_ACCOUNT_CHECK_NOT_THE_SERVICE ? "dialog-question-symbolic" : "dialog-error-symbolic",
              check == TL_ACCOUNT_CHECK_ACCEPTED ? "success"
              : check == TL_ACCOUNT_CHECK_NOT_THE_SERVICE ? "warning" : "error", title, subtitle->str);
}

/* Check Account: the account as the dialog shows it now (the password typed, else the one
 * stored for exactly this server and username), one probe request. */
static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = dialog_account (self, &error);
  const char *customer;

  if (account == NULL)
    {
      show_check (self, "dialog-error-symbolic", "error", error->message, NULL);
      g_free (self->checked_input);
      self->checked_input = check_input_digest (self);
      return;
    }

  self->checking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), TRUE);
  gtk_spinner_set_spinning (self->check_spinner, TRUE);
  show_check (self, "network-server-symbolic", NULL, _("Checking…"), NULL);
  g_free (self->checked_input);
  self->checked_input = check_input_digest (self);
  validate (self);

  customer = gtk_editable_get_text (GTK_EDITABLE (self->check_customer_row));
  g_free (self->check_customer);
  self->check_customer = *customer ? g_strdup (customer) : NULL;
  tl_lookups_run_async (self->lookups, account, *customer ? customer : TL_ACCOUNT_CHECK_CUSTOMER_ID,
                        TL_ACCOUNT_CHECK_TOKEN, self->cancellable, on_checked, g_object_ref (self));
}

/* --- the focused field, always in view ------------------------------------------------------ */

/* Scrolls the page so that the focused row (or the widget) is wholly visible, once it has a
 * size: the first frames of a new dialog have none. */
static gboolean
scroll_focus_into_view (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *target, *scrolled, *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (focus == NULL || (scrolled = gtk_widget_get_ancestor (focus, GTK_TYPE_SCROLLED_WINDOW)) == NULL)
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  target = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (target == NULL)
    target = focus;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  if (content == NULL || page <= 0 || gtk_widget_get_height (target) <= 0 ||
      !gtk_widget_compute_bounds (target, gtk_widget_get_first_child (content) ? gtk_widget_get_first_child (content) : content, &bounds))
    return G_SOURCE_CONTINUE;   /* not laid out yet: the next frame */

  value = gtk_adjustment_get_value (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, MAX (bounds.origin.y - 12, 0));
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page + 12);
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
on_focus_changed (TlAccountDialog *self)
{
  /* a tick callback runs once the dialog is mapped: added before, it waits for that */
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_focus_into_view, NULL, NULL);
}

/* The first frame: the field the dialog starts in gets the focus again now that the dialog is
 * on screen (given before, assistive technologies are not told of it), and is scrolled into
 * view. */
static gboolean
focus_initial_field (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);

  if (self->initial_focus != NULL)
    {
      gtk_window_set_focus (GTK_WINDOW (self), NULL);
      gtk_widget_grab_focus (self->initial_focus);
    }
  self->initial_focus = NULL;
  on_focus_changed (self);
  return G_SOURCE_REMOVE;
}

static void
on_map (GtkWidget *widget)
{
  gtk_widget_add_tick_callback (widget, focus_initial_field, NULL, NULL);
}

static void
on_focus_widget_notify (GObject    *object,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  on_focus_changed (TL_ACCOUNT_DIALOG (object));
}

static void
tl_account_dialog_dispose (GObject *object)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->check_customer, g_free);
  g_clear_pointer (&self->checked_input, g_free);
  /* a certificate chosen and not saved: its copy goes (kept while a profile uses it) */
  if (self->ca_file != NULL && self->accounts != NULL)
    tl_accounts_forget_ca_file (self->accounts, self->ca_file);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->original_server, g_free);
  g_clear_pointer (&self->original_username, g_free);
  g_clear_object (&self->moving);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_object (&self->lookups);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_ACCOUNT_DIALOG);
  G_OBJECT_CLASS (tl_account_dialog_parent_class)->dispose (object);
}

static void
tl_account_dialog_class_init (TlAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_account_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, remember_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_customer_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_title);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_icon);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, page);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, certificate_remove_button);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, certificate_status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_service_selected_cb);

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "account.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "account.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "account.trust-certificate", NULL, _tl_account_dialog_trust_certificate_action);
  gtk_widget_class_install_action (widget_class, "account.remove-certificate", NULL, _tl_account_dialog_remove_certificate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_account_dialog_init (TlAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* Enter in a field saves */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_notify), NULL);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

static void
present (GtkApplication *application,
         TlLookups      *lookups,
         GtkWindow      *parent,
         gboolean       new_profile)
{
  TlAccountDialog *self = g_object_new (TL_TYPE_ACCOUNT_DIALOG,
                                        "transient-for", parent,
                                        "application", application,
                                        NULL);
  TlAccounts *accounts = tl_lookups_get_accounts (lookups);
  g_autofree char *username = g_strdup (tl_accounts_get_username (accounts));
  g_autofree char *normalized = g_strdup (tl_accounts_get_base_url (accounts));
  const char *active = tl_accounts_get_active_profile (accounts);

  self->accounts = accounts;
  self->lookups = g_object_ref (lookups);
  if (tl_credentials_in_sandbox ())
    adw_action_row_set_subtitle (self->remember_row,
                                 _("Keep it in the app’s own keyring. When off, it is kept in memory "
                                   "only, until Ticket Lookup quits."));
  if (new_profile)
    {
      g_clear_pointer (&normalized, g_free);
      normalized = g_strdup (TL_DEFAULT_BASE_URL);
      g_clear_pointer (&username, g_free);
      username = g_strdup ("");
      gtk_window_set_title (GTK_WINDOW (self), _("New Profile"));
    }
  else if (active != NULL)
    {
      self->editing = g_strdup (active);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), active);
      self->original_server = g_strdup (normalized);
      self->original_username = g_strdup (username);
      self->ca_file = tl_accounts_dup_profile_ca_file (accounts, active);
    }
  _tl_account_dialog_update_certificate (self);
  gtk_widget_set_visible (self->delete_button, self->editing != NULL);

  if (g_strcmp0 (normalized, TL_DEFAULT_BASE_URL) == 0)
    adw_combo_row_set_selected (self->service_row, SERVICE_PRODUCTION);
  else if (g_strcmp0 (normalized, TL_TEST_BASE_URL) == 0)
    adw_combo_row_set_selected (self->service_row, SERVICE_TEST);
  else
    adw_combo_row_set_selected (self->service_row, SERVICE_CUSTOM);
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), normalized);
  on_service_selected_cb (self);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_switch_set_active (self->remember_switch, tl_accounts_get_remember_password (accounts));
  gtk_spin_button_set_value (self->timeout_spin, tl_accounts_get_timeout_seconds (accounts));
  validate (self);

  /* new accounts start with the username, others with the password (what a 401 sends you to) */
  self->initial_focus = *username == '\0' ? GTK_WIDGET (self->username_row) : GTK_WIDGET (self->password_row);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (self->initial_focus);
}

void
tl_account_dialog_present (GtkApplication *application,
                           TlLookups      *lookups,
                           GtkWindow      *parent)
{
  present (application, lookups, parent, FALSE);
}

void
tl_account_dialog_present_new (GtkApplication *application,
                               TlLookups      *lookups,
                               GtkWindow      *parent)
{
  present (application, lookups, parent, TRUE);
}
