/* tl-account-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-account-dialog.h"
#include "tl-account-check.h"
#include "tl-input.h"
#include "tl-text.h"
#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-lookups.h"
#include "tl-lookup-error.h"

struct _TlAccountDialog
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwEntryRow      *name_row;
  GtkWidget        *delete_button;
  char             *editing;        /* the profile being edited, NULL for a new one */
  AdwComboRow      *service_row;
  AdwEntryRow      *base_url_row;
  AdwEntryRow      *username_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow     *remember_row;
  GtkSwitch        *remember_switch;
  GtkSpinButton    *timeout_spin;
  GtkLabel         *status_label;
  GtkButton        *save_button;
  AdwEntryRow      *check_customer_row;
  AdwActionRow     *check_row;
  GtkImage         *check_icon;
  GtkSpinner       *check_spinner;
  gboolean          checking;
  char             *check_customer;   /* the customer ID of the running check, NULL for none */

  TlAccounts       *accounts;
  TlLookups        *lookups;
  GCancellable     *cancellable;
  gboolean          saving;
};

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
  g_object_set (self->accounts,
                "remember-password", gtk_switch_get_active (self->remember_switch),
                "timeout-seconds", (guint) gtk_spin_button_get_value_as_int (self->timeout_spin),
                NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);

  if (self->editing == NULL)
    return;
  tl_accounts_delete_profile (self->accounts, self->editing);
  gtk_window_close (GTK_WINDOW (self));
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

  if (!tl_account_check_username (username, error))
    return NULL;
  return tl_account_new (base_url, username, *password ? password : NULL, NULL, FALSE);
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

  save_settings (self);

  if (!tl_account_has_password (account))
    {
      /* Nothing typed: keep whatever the keyring holds for this account. */
      gtk_window_close (GTK_WINDOW (self));
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_row), title);
  adw_action_row_set_subtitle (self->check_row, subtitle ? subtitle : "");
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
      return;
    }

  self->checking = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->check_spinner), TRUE);
  gtk_spinner_set_spinning (self->check_spinner, TRUE);
  show_check (self, "network-server-symbolic", NULL, _("Checking…"), NULL);
  validate (self);

  customer = gtk_editable_get_text (GTK_EDITABLE (self->check_customer_row));
  g_free (self->check_customer);
  self->check_customer = *customer ? g_strdup (customer) : NULL;
  tl_lookups_run_async (self->lookups, account, *customer ? customer : TL_ACCOUNT_CHECK_CUSTOMER_ID,
                        TL_ACCOUNT_CHECK_TOKEN, self->cancellable, on_checked, g_object_ref (self));
}

static void
tl_account_dialog_dispose (GObject *object)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editing, g_free);
  g_clear_pointer (&self->check_customer, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_row);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_icon);
  gtk_widget_class_bind_template_child (widget_class, TlAccountDialog, check_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_service_selected_cb);

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "account.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "account.check", NULL, check_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_account_dialog_init (TlAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
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
    }
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

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (*username == '\0' ? GTK_WIDGET (self->username_row) : GTK_WIDGET (self->password_row));
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
