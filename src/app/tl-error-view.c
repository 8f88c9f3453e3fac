/* tl-error-view.c: what failed, why, and what to do next
 *
 * One page per failure class (tl-lookup-error): the title, the explanation with the cause, the
 * service's own messages, the next step, when and with which account, and the buttons that
 * help (Retry; Account… where the account is the likely cause). Everything from the server is
 * shown as text, controls and bidi visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-error-view.h"
#include "tl-message-source.h"
#include "tl-presentation.h"
#include "tl-text.h"

struct _TlErrorView
{
  AdwBin               parent_instance;

  GtkWidget           *page;
  GtkImage            *error_icon;
  GtkLabel            *error_title;
  GtkLabel            *error_description;
  AdwPreferencesGroup *server_messages_group;
  GtkLabel            *next_step_label;
  GtkLabel            *error_meta_label;
  GtkWidget           *copy_request_id_button;
  GtkWidget           *retry_button;
  GtkWidget           *account_button;
  GPtrArray           *server_rows;     /* rows in server_messages_group */
  char                *request_id;      /* as received (redacted), for Copy Request ID */
};

G_DEFINE_FINAL_TYPE_WITH_CODE (TlErrorView, tl_error_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_MESSAGE_SOURCE, NULL))

/* What support quotes: copied whole, with a toast that says so. */
static void
copy_request_id_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TlErrorView *self = TL_ERROR_VIEW (widget);

  if (self->request_id == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->request_id);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), _("Request ID copied"));
}

static void
tl_error_view_dispose (GObject *object)
{
  TlErrorView *self = TL_ERROR_VIEW (object);

  g_clear_pointer (&self->server_rows, g_ptr_array_unref);
  g_clear_pointer (&self->request_id, g_free);
  /* no gtk_widget_dispose_template (): the template's one child is AdwBin's, and AdwBin
   * unparents it itself */
  G_OBJECT_CLASS (tl_error_view_parent_class)->dispose (object);
}

static void
tl_error_view_class_init (TlErrorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_error_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-error-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, page);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, error_icon);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, error_title);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, error_description);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, server_messages_group);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, next_step_label);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, error_meta_label);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, copy_request_id_button);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, account_button);
  gtk_widget_class_install_action (widget_class, "error.copy-request-id", NULL, copy_request_id_action);
}

static void
tl_error_view_init (TlErrorView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->server_rows = g_ptr_array_new ();
}

/* Nothing was sent because no account is set up: not a failure of a lookup but a first step. */
static gboolean
is_no_account (TlLookupError   code,
               TlLookupResult *result)
{
  TlAccount *account = result ? tl_lookup_result_get_account (result) : NULL;

  return code == TL_LOOKUP_ERROR_NO_PASSWORD && account != NULL && !tl_account_is_configured (account);
}

/**
 * tl_error_view_show:
 * @cause: the error's message (may quote the server)
 * @result: (nullable): the lookup, when anything was sent
 *
 * The failure's page. The account the lookup was made with is not named here: the window's
 * title names the account in use, and a result of another account says so above it.
 */
void
tl_error_view_show (TlErrorView    *self,
                    TlLookupError   code,
                    const char     *cause,
                    TlLookupResult *result)
{
  g_autofree char *description = NULL;
  g_autoptr(GString) meta = g_string_new (NULL);
  const TlErrorBody *body = result ? tl_lookup_result_get_error_body (result) : NULL;
  gboolean no_account = is_no_account (code, result);
  g_autofree char *next_step = NULL;

  g_return_if_fail (TL_IS_ERROR_VIEW (self));

  gtk_image_set_from_icon_name (self->error_icon, no_account ? "dialog-password-symbolic"
                                                             : tl_presentation_error_icon_name (code));
  for (TlLookupError other = 0; other < TL_LOOKUP_ERROR_N_CODES; other++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_icon), tl_presentation_error_css_class (other));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_icon), tl_presentation_error_css_class (code));
  if (no_account)
    {
      gtk_label_set_label (self->error_title, _("No account set up"));
      description = g_strdup (_("Lookups are made with the partner account your office got from Vitec: "
                                "a username and a password for Vitec Express Connect."));
      next_step = g_strdup (_("Set up the account, or try the app on the built-in demo server (Try the "
                              "Demo in the main menu)."));
    }
  else
    {
      g_autofree char *server = result ? tl_lookup_error_server_of (tl_lookup_result_get_base_url (result)) : NULL;

      if (result != NULL && tl_lookup_result_get_error (result) != NULL &&
          tl_lookup_error_code (tl_lookup_result_get_error (result)) == code)
        {
          g_autofree char *title = tl_lookup_result_dup_title (result);

          gtk_label_set_label (self->error_title, title);
        }
      else
        gtk_label_set_label (self->error_title, tl_lookup_error_get_title (code));
      next_step = tl_lookup_error_dup_next_step (code, server);
      /* The explanation of a plain HTTP status (or of a cancellation) already says what the
       * cause would repeat. */
      if (code == TL_LOOKUP_ERROR_BAD_REQUEST || code == TL_LOOKUP_ERROR_UNAUTHORIZED ||
          code == TL_LOOKUP_ERROR_FORBIDDEN || code == TL_LOOKUP_ERROR_NOT_FOUND ||
          code == TL_LOOKUP_ERROR_CANCELLED)
        description = g_strdup (tl_lookup_error_get_explanation (code));
      else
        {
          g_autofree char *visible = tl_text_visible (cause);

          description = g_strdup_printf ("%s\n%s", tl_lookup_error_get_explanation (code), visible);
        }
    }
  /* The cause may quote the server: plain text only, markup stays off on this label. */
  gtk_label_set_label (self->error_description, description);
  gtk_label_set_label (self->next_step_label, next_step);

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->server_messages_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);

  if (body != NULL)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();

      if (body->message != NULL)
        g_ptr_array_add (lines, body->message);
      /* the service's words without their model-state keys ("token.Data"): the keys are in
       * the details, with the whole answer */
      for (guint i = 0; i < body->texts->len; i++)
        if (g_strcmp0 (g_ptr_array_index (body->texts, i), body->message) != 0)
          g_ptr_array_add (lines, g_ptr_array_index (body->texts, i));
      for (guint i = 0; i < lines->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *visible = tl_text_visible (g_ptr_array_index (lines, i));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), visible);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_preferences_group_add (self->server_messages_group, row);
          g_ptr_array_add (self->server_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->server_messages_group), self->server_rows->len > 0);
  /* a gateway's page is its own words, not the service's */
  adw_preferences_group_set_title (self->server_messages_group,
                                   code == TL_LOOKUP_ERROR_GATEWAY ? _("What the Gateway’s Page Says")
                                                                   : _("Messages From the Service"));

  g_clear_pointer (&self->request_id, g_free);
  if (result != NULL && !no_account)
    {
      g_autofree char *time = g_date_time_format (tl_lookup_result_get_started (result), "%X");
      g_autofree char *request_id = tl_text_visible (tl_lookup_result_get_request_id (result));
      g_autofree char *retry_after = tl_text_visible (tl_lookup_result_get_retry_after (result));

      if (tl_lookup_result_get_status (result) != 0)
        g_string_append_printf (meta, _("HTTP %u at %s"), tl_lookup_result_get_status (result), time);
      else
        g_string_append_printf (meta, _("At %s"), time);
      if (request_id != NULL)
        g_string_append_printf (meta, " · %s %s", _("Request ID:"), request_id);
      if (retry_after != NULL)
        g_string_append_printf (meta, " · %s %s", _("Retry after:"), retry_after);
      self->request_id = g_strdup (tl_lookup_result_get_request_id (result));
    }
  gtk_label_set_label (self->error_meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_meta_label), meta->len > 0);
  gtk_widget_set_visible (self->copy_request_id_button, self->request_id != NULL);

  /* One way on. With no account, setting one up is the only one (a retry could only fail the
   * same way); else Retry beside the form's Look Up, which stays the suggested action. */
  gtk_widget_set_visible (self->retry_button, !no_account);
  gtk_widget_set_visible (self->account_button, no_account || tl_lookup_error_wants_account (code));
  gtk_button_set_label (GTK_BUTTON (self->account_button), no_account ? _("Set Up Account") : _("Account…"));
  if (no_account)
    gtk_widget_add_css_class (self->account_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->account_button, "suggested-action");
}

/**
 * tl_error_view_announce:
 *
 * Moves the keyboard focus to the failure, so a screen reader reads its title and cause (GTK
 * 4.8 has no way to announce without a focus change).
 */
void
tl_error_view_announce (TlErrorView *self)
{
  g_autofree char *spoken = NULL;

  g_return_if_fail (TL_IS_ERROR_VIEW (self));
  spoken = g_strdup_printf ("%s. %s", gtk_label_get_text (self->error_title),
                            gtk_label_get_text (self->error_description));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_set_focusable (self->page, TRUE);
  gtk_widget_grab_focus (self->page);
}
