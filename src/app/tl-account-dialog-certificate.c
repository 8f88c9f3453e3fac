/* tl-account-dialog-certificate.c: the account dialog's Office Network group
 *
 * "Trust the Office's Certificate…" chooses a PEM file (the file chooser portal inside
 * Flatpak); the app keeps its own copy (tl-accounts), and the group shows its subject and
 * SHA-256 fingerprint, with their controls visible, and a button to remove it. It becomes part
 * of the profile with Save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-account-dialog-private.h"
#include "tl-text.h"
#include "tl-tls.h"

/* --- the office's certificate ------------------------------------------------------------ */

static void
show_certificate_problem (TlAccountDialog *self,
                          const char      *text)
{
  gtk_label_set_label (self->certificate_status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_status_label), text != NULL);
}

/* What the row says about the chosen file: its subject and fingerprint, or why it is unusable. */
void
_tl_account_dialog_update_certificate (TlAccountDialog *self)
{
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  _tl_account_dialog_forget_stale_verdict (self);
  gtk_widget_set_visible (self->certificate_remove_button, self->ca_file != NULL);
  gtk_button_set_label (GTK_BUTTON (self->certificate_button),
                        self->ca_file != NULL ? _("Choose Another Certificate…")
                                              : _("Trust the Office’s Certificate…"));
  if (self->ca_file == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), _("No Office Certificate"));
      adw_action_row_set_subtitle (self->certificate_row,
                                   _("Only the certificate authorities this computer trusts are used."));
      return;
    }

  contents = tl_tls_read_ca_file (self->ca_file, &certificates, &error);
  if (contents == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row),
                                     _("The office certificate cannot be used"));
      adw_action_row_set_subtitle (self->certificate_row, error->message);
      return;
    }
  subject = tl_tls_certificate_dup_subject (certificates->pdata[0]);
  fingerprint = tl_tls_certificate_dup_fingerprint (certificates->pdata[0]);
  if (certificates->len > 1)
    /* Translators: a certificate file's first subject and how many more it holds */
    title = g_strdup_printf (ngettext ("%s (and %u more certificate)",
                                       "%s (and %u more certificates)", certificates->len - 1),
                             subject, certificates->len - 1);
  else
    title = g_strdup (subject);
  /* Translators: the fingerprint IT can compare, "SHA-256: AB:CD:…" */
  subtitle = g_strdup_printf (_("SHA-256: %s"), fingerprint);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->certificate_row), title);
  adw_action_row_set_subtitle (self->certificate_row, subtitle);
}

static void
on_certificate_imported (GObject      *source,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(TlAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = tl_accounts_import_ca_file_finish (TL_ACCOUNTS (source), res, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.trust-certificate", TRUE);
  if (copy == NULL)
    {
      show_certificate_problem (self, error->message);
      return;
    }
  show_certificate_problem (self, NULL);
  /* another one chosen before, not saved: its copy goes */
  if (self->ca_file != NULL && g_strcmp0 (self->ca_file, copy) != 0)
    tl_accounts_forget_ca_file (self->accounts, self->ca_file);
  g_free (self->ca_file);
  self->ca_file = g_steal_pointer (&copy);
  _tl_account_dialog_update_certificate (self);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     TlAccountDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.trust-certificate", FALSE);
  tl_accounts_import_ca_file_async (self->accounts, file, self->cancellable, on_certificate_imported,
                                    g_object_ref (self));
}

/* A PEM file chosen with the file chooser (the portal's inside Flatpak). */
void
_tl_account_dialog_trust_certificate_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);
  g_autoptr(GtkFileFilter) pem = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Trust the Office’s Certificate"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Trust"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (pem, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (pem, "*.pem");
  gtk_file_filter_add_pattern (pem, "*.crt");
  gtk_file_filter_add_pattern (pem, "*.cer");
  gtk_file_filter_add_mime_type (pem, "application/x-x509-ca-cert");
  gtk_file_filter_add_mime_type (pem, "application/x-pem-file");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), pem);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_tl_account_dialog_remove_certificate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TlAccountDialog *self = TL_ACCOUNT_DIALOG (widget);

  /* takes effect with Save; the app's copy goes once no profile uses it */
  g_clear_pointer (&self->ca_file, g_free);
  show_certificate_problem (self, NULL);
  _tl_account_dialog_update_certificate (self);
  gtk_widget_grab_focus (self->certificate_button);
}

