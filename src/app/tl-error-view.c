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
  GtkWidget           *account_button;
  GPtrArray           *server_rows;     /* rows in server_messages_group */
};

G_DEFINE_FINAL_TYPE (TlErrorView, tl_error_view, ADW_TYPE_BIN)

static void
tl_error_view_dispose (GObject *object)
{
  TlErrorView *self = TL_ERROR_VIEW (object);

  g_clear_pointer (&self->server_rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, TlErrorView, account_button);
}

static void
tl_error_view_init (TlErrorView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->server_rows = g_ptr_array_new ();
}

/**
 * tl_error_view_show:
 * @cause: the error's message (may quote the server)
 * @result: (nullable): the lookup, when anything was sent
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

  g_return_if_fail (TL_IS_ERROR_VIEW (self));

  gtk_image_set_from_icon_name (self->error_icon, tl_presentation_error_icon_name (code));
  for (TlLookupError other = 0; other < TL_LOOKUP_ERROR_N_CODES; other++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_icon), tl_presentation_error_css_class (other));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_icon), tl_presentation_error_css_class (code));
  if (result != NULL && tl_lookup_result_get_error (result) != NULL &&
      tl_lookup_error_code (tl_lookup_result_get_error (result)) == code)
    {
      g_autofree char *title = tl_lookup_result_dup_title (result);

      gtk_label_set_label (self->error_title, title);
    }
  else
    gtk_label_set_label (self->error_title, tl_lookup_error_get_title (code));
  /* The explanation of a plain HTTP status already says what the cause would repeat. */
  if (code == TL_LOOKUP_ERROR_BAD_REQUEST || code == TL_LOOKUP_ERROR_UNAUTHORIZED ||
      code == TL_LOOKUP_ERROR_FORBIDDEN || code == TL_LOOKUP_ERROR_NOT_FOUND)
    description = g_strdup (tl_lookup_error_get_explanation (code));
  else
    {
      g_autofree char *visible = tl_text_visible (cause);

      description = g_strdup_printf ("%s\n%s", tl_lookup_error_get_explanation (code), visible);
    }
  /* The cause may quote the server: plain text only, markup stays off on this label. */
  gtk_label_set_label (self->error_description, description);
  {
    g_autofree char *server = result ? tl_lookup_error_server_of (tl_lookup_result_get_base_url (result)) : NULL;
    g_autofree char *next_step = tl_lookup_error_dup_next_step (code, server);

    gtk_label_set_label (self->next_step_label, next_step);
  }

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (self->server_messages_group, g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);

  if (body != NULL)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();

      if (body->message != NULL)
        g_ptr_array_add (lines, body->message);
      for (guint i = 0; i < body->details->len; i++)
        g_ptr_array_add (lines, g_ptr_array_index (body->details, i));
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

  if (result != NULL)
    {
      g_autofree char *time = g_date_time_format (tl_lookup_result_get_started (result), "%X");
      g_autofree char *request_id = tl_text_visible (tl_lookup_result_get_request_id (result));
      g_autofree char *retry_after = tl_text_visible (tl_lookup_result_get_retry_after (result));
      TlAccount *account = tl_lookup_result_get_account (result);
      g_autofree char *label = account ? tl_account_dup_label (account) : NULL;

      if (tl_lookup_result_get_status (result) != 0)
        g_string_append_printf (meta, _("HTTP %u at %s"), tl_lookup_result_get_status (result), time);
      else
        g_string_append_printf (meta, _("At %s"), time);
      if (request_id != NULL)
        g_string_append_printf (meta, " · %s %s", _("Request ID:"), request_id);
      if (retry_after != NULL)
        g_string_append_printf (meta, " · %s %s", _("Retry after:"), retry_after);
      /* the account the lookup was made with, not necessarily the one in use now */
      if (label != NULL)
        g_string_append_printf (meta, " · %s", label);
    }
  gtk_label_set_label (self->error_meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_meta_label), meta->len > 0);

  gtk_widget_set_visible (self->account_button, tl_lookup_error_wants_account (code));
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
