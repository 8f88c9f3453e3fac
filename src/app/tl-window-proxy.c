/* tl-window-proxy.c: the office proxy's sign-in, asked for once per lookup
 *
 * When the office proxy asks for a sign-in and none came with the proxy settings (GNOME's, or
 * the address) nor from the keyring, the window asks once: "The office proxy 127.0.0.1:3128
 * asks for a sign-in". What the person types is taken then, as one immutable value, stored in
 * the keyring under the proxy's own schema and attributes (tl-proxy-keyring: never the
 * service's), and the same lookup (the account and input taken when Look Up was pressed) runs
 * again with it. Cancel shows the proxy's failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-lookup-error.h"
#include "tl-proxy-keyring.h"
#include "tl-window-private.h"

typedef struct
{
  TlWindow       *window;   /* a reference */
  TlLookupResult *result;   /* shown if the person cancels */
  AdwMessageDialog *dialog;
  AdwEntryRow    *user_row;
  AdwEntryRow    *password_row;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->window);
  g_object_unref (ask->result);
  g_free (ask);
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_proxy_keyring_store_finish (res, &error))
    tl_window_show_toast (self, _("The proxy's password could not be saved in the keyring; it is used for this lookup only"));
}

static void
update_sign_in (GObject    *row,
                GParamSpec *pspec,
                Ask        *ask)
{
  gboolean ready = *gtk_editable_get_text (GTK_EDITABLE (ask->user_row)) != '\0' &&
                   *gtk_editable_get_text (GTK_EDITABLE (ask->password_row)) != '\0';

  adw_message_dialog_set_response_enabled (ask->dialog, "sign-in", ready);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  TlWindow *self = ask->window;
  g_autoptr(TlProxyCredentials) credentials = NULL;

  if (!self->running || self->running_account == NULL)
    return;   /* the window closed meanwhile */
  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      /* the lookup was stopped while the question was open: it ends cancelled */
      g_autoptr(TlLookupResult) cancelled =
        tl_lookup_result_new_failed (self->running_account, tl_input_get_customer_id (self->running_input),
                                     tl_input_get_token (self->running_input),
                                     g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED,
                                                          _("The lookup was cancelled.")));

      _tl_window_show_lookup (self, cancelled);
      return;
    }
  if (g_strcmp0 (response, "sign-in") != 0)
    {
      _tl_window_show_lookup (self, ask->result);
      return;
    }

  /* taken now, as one value: what runs next uses this, whatever the fields say later */
  credentials = tl_proxy_credentials_new (gtk_editable_get_text (GTK_EDITABLE (ask->user_row)),
                                          gtk_editable_get_text (GTK_EDITABLE (ask->password_row)));
  gtk_editable_set_text (GTK_EDITABLE (ask->password_row), "");
  tl_proxy_keyring_store_async (tl_lookup_result_get_proxy (ask->result), credentials, NULL, on_stored,
                                g_object_ref (self));
  tl_lookups_run_with_proxy_async (self->lookups, self->running_account, credentials,
                                   tl_input_get_customer_id (self->running_input),
                                   tl_input_get_token (self->running_input), self->cancellable,
                                   _tl_window_lookup_done, g_object_ref (self));
}

/**
 * _tl_window_ask_proxy_sign_in:
 *
 * Returns: %TRUE when @result is an office proxy's request for a sign-in that the person is
 *   now asked for (the lookup goes on from the dialog); %FALSE to show @result
 */
gboolean
_tl_window_ask_proxy_sign_in (TlWindow       *self,
                              TlLookupResult *result)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  Ask *ask;

  if (self->proxy_asked || !self->running || !tl_lookup_result_wants_proxy_sign_in (result) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->proxy_asked = TRUE;

  /* Translators: %s is the proxy, "host:port" */
  heading = g_strdup_printf (_("The office proxy %s asks for a sign-in"), tl_lookup_result_get_proxy (result));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
      _("Enter your user name and password for the proxy, from IT. They are kept in the keyring "
        "for this proxy only and never sent to Vitec Express Connect.")));
  /* no mnemonics: GTK 4.8 names a response button "_Sign In Sign In" for screen readers */
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "sign-in", _("Sign In"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sign-in");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "sign-in", FALSE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  ask = g_new0 (Ask, 1);
  ask->window = g_object_ref (self);
  ask->result = g_object_ref (result);
  ask->dialog = dialog;
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  ask->user_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->user_row), _("Proxy User Name"));
  ask->password_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->password_row), _("Proxy Password"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->user_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (ask->password_row));
  adw_message_dialog_set_extra_child (dialog, list);

  g_signal_connect (ask->user_row, "notify::text", G_CALLBACK (update_sign_in), ask);
  g_signal_connect (ask->password_row, "notify::text", G_CALLBACK (update_sign_in), ask);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), ask, (GClosureNotify) ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
