/* tl-details-view.c: request, response and timing of a lookup; copy report, copy as curl
 *
 * The token is shown only while "Show Token" is on, and only then goes into "Copy as curl".
 * The password never appears: Authorization is shown as "Basic ••••" with the username.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tl-secret.h"
#include "tl-client.h"
#include "tl-details-view.h"
#include "tl-presentation.h"
#include "tl-text.h"
#include "tl-report.h"
#include "tl-message-source.h"

struct _TlDetailsView
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  AdwExpanderRow      *request_row;
  AdwExpanderRow      *response_row;
  AdwActionRow        *timing_row;
  AdwActionRow        *request_id_row;
  AdwActionRow        *retry_after_row;
  AdwActionRow        *expiry_row;
  GtkSwitch           *show_token_switch;
  GtkLabel            *request_body_label;
  GPtrArray           *dynamic_rows;       /* header rows, removed on the next result */

  TlLookupResult      *result;
  char                *token;
  char                *account_label;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (TlDetailsView, tl_details_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_MESSAGE_SOURCE, NULL))

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlDetailsView *self = TL_DETAILS_VIEW (widget);
  g_autofree char *report = NULL;

  if (self->result == NULL)
    return;
  report = tl_report_build_markdown (self->result, self->account_label);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), _("Support report copied (without password or token)"));
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TlDetailsView *self = TL_DETAILS_VIEW (widget);
  gboolean with_token = gtk_switch_get_active (self->show_token_switch);
  g_autofree char *curl = NULL;

  if (self->result == NULL)
    return;
  curl = tl_report_build_curl (tl_lookup_result_get_base_url (self->result),
                               tl_lookup_result_get_customer_id (self->result),
                               tl_lookup_result_get_username (self->result),
                               with_token ? self->token : NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), curl);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), with_token ? _("curl command copied, with the token; set $PASSWORD to run it")
                          : _("curl command copied; set $PASSWORD and $TOKEN to run it"));
}

static void
copy_request_id_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TlDetailsView *self = TL_DETAILS_VIEW (widget);
  const char *request_id = self->result ? tl_lookup_result_get_request_id (self->result) : NULL;

  if (request_id == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), request_id);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), _("Request ID copied"));
}

static GtkWidget *
mono_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_focusable (label, FALSE);
  return label;
}

/* @text with every line longer than @width characters broken after each @width. */
static char *
break_long_lines (const char *text,
                  guint       width)
{
  GString *out = g_string_sized_new (strlen (text) + strlen (text) / width + 1);
  guint column = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        column = 0;
      else if (column++ == width)
        {
          g_string_append_c (out, '\n');
          column = 1;
        }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* The answer's body: a text view, not a label, in lines of at most BODY_LINE characters. A
 * wrapping label lays its whole text out again for every width it is measured at, and Pango
 * breaks a long word (a value of 4 KiB without a space) slowly: that was half a second of a
 * frozen window when the details of such an answer opened, and a tenth of one whenever the
 * window's width changed under them. Broken where a narrower window needs it, without hyphens
 * (a '-' added inside a value reads as part of it). A text view lays each line out once per width, and short
 * lines are quick to break. Read-only and selectable, shown as the other rows' text. */
#define BODY_LINE 64   /* what a row holds at the window's default width */

static GtkWidget *
body_view (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextView *text_view = GTK_TEXT_VIEW (view);
  g_autofree char *lines = break_long_lines (text, BODY_LINE);

  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter start;

  gtk_text_buffer_create_tag (buffer, "no-hyphens", "insert-hyphens", FALSE, NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &start, lines, -1, "no-hyphens", NULL);
  gtk_text_view_set_editable (text_view, FALSE);
  gtk_text_view_set_cursor_visible (text_view, FALSE);
  gtk_text_view_set_monospace (text_view, TRUE);
  gtk_text_view_set_wrap_mode (text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (text_view, 8);
  gtk_text_view_set_bottom_margin (text_view, 8);
  gtk_text_view_set_left_margin (text_view, 12);
  gtk_text_view_set_right_margin (text_view, 12);
  gtk_widget_add_css_class (view, "tl-body");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body"), -1);
  return view;
}

/* A row shown for the current result only, and the expander it is in. */
typedef struct
{
  GtkWidget      *row;
  AdwExpanderRow *expander;
} DynamicRow;

static void
dynamic_row_free (DynamicRow *dynamic)
{
  g_object_unref (dynamic->row);
  g_free (dynamic);
}

static void
add_dynamic_row (TlDetailsView  *self,
                 AdwExpanderRow *expander,
                 GtkWidget      *row)
{
  DynamicRow *dynamic = g_new0 (DynamicRow, 1);

  adw_expander_row_add_row (expander, row);
  dynamic->row = g_object_ref (row);
  dynamic->expander = expander;
  g_ptr_array_add (self->dynamic_rows, dynamic);
}

static void
add_header_rows (TlDetailsView      *self,
                 AdwExpanderRow     *expander,
                 SoupMessageHeaders *headers,
                 const char         *username)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GString *text = g_string_new (NULL);
  GtkWidget *row;

  if (headers == NULL)
    return;
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Authorization") == 0)
        /* Translators: the redacted Authorization header: "Basic •••• (user partner)" */
        g_string_append_printf (text, "%s: Basic •••• (%s %s)\n", name, _("user"), username ? username : "");
      else
        {
          g_autofree char *visible = tl_text_visible (value);

          g_string_append_printf (text, "%s: %s\n", name, visible);
        }
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), mono_label (text->str));
  add_dynamic_row (self, expander, row);
  g_string_free (text, TRUE);
}

static char *
pretty_body (const char *excerpt)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;

  if (excerpt == NULL)
    return g_strdup (_("(no body)"));
  if (!json_parser_load_from_data (parser, excerpt, -1, NULL) || json_parser_get_root (parser) == NULL)
    return g_strdup (excerpt);
  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
update_request_body (TlDetailsView *self)
{
  g_autofree char *body = NULL;

  if (gtk_switch_get_active (self->show_token_switch) && self->token != NULL)
    body = tl_client_build_body (self->token);
  else
    body = g_strdup ("{\"data\":\"••••\"}");
  gtk_label_set_label (self->request_body_label, body);
}

static void
on_show_token_changed (TlDetailsView *self)
{
  update_request_body (self);
}

void
tl_details_view_set_result (TlDetailsView  *self,
                            TlLookupResult *result,
                            const char     *token,
                            const char     *account_label)
{
  g_autofree char *timing = NULL;
  g_autofree char *response = NULL;
  g_autofree char *size = NULL;
  GtkWidget *row;

  g_return_if_fail (TL_IS_DETAILS_VIEW (self));

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      DynamicRow *dynamic = g_ptr_array_index (self->dynamic_rows, i);

      adw_expander_row_remove (dynamic->expander, dynamic->row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);

  g_set_object (&self->result, result);
  g_clear_pointer (&self->token, tl_secret_free);
  self->token = g_strdup (token);
  g_free (self->account_label);
  self->account_label = g_strdup (account_label);
  gtk_switch_set_active (self->show_token_switch, FALSE);
  update_request_body (self);

  if (result == NULL)
    return;

  adw_expander_row_set_subtitle (self->request_row, tl_presentation_or_placeholder (tl_lookup_result_get_url (result)));
  add_header_rows (self, self->request_row, tl_lookup_result_get_request_headers (result),
                   tl_lookup_result_get_username (result));

  if (tl_lookup_result_get_status (result) != 0)
    {
      size = g_format_size (tl_lookup_result_get_body_size (result));
      g_autofree char *reason = tl_text_visible (tl_lookup_result_get_reason (result));

      response = g_strdup_printf ("%s %u %s · %s", tl_lookup_result_get_http_version (result),
                                  tl_lookup_result_get_status (result), reason ? reason : "", size);
      adw_expander_row_set_subtitle (self->response_row, response);
      add_header_rows (self, self->response_row, tl_lookup_result_get_response_headers (result), NULL);
      {
        g_autofree char *pretty = pretty_body (tl_lookup_result_get_body_excerpt (result));
        g_autofree char *body = tl_text_visible_multiline (pretty);

        row = gtk_list_box_row_new ();
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), body_view (body));
        add_dynamic_row (self, self->response_row, row);
      }
    }
  else
    adw_expander_row_set_subtitle (self->response_row, _("No answer"));

  timing = tl_report_describe_timing (result);
  adw_action_row_set_subtitle (self->timing_row, timing);

  /* Text from the server: markup off on these rows, controls and bidi shown visibly. */
  {
    g_autofree char *request_id = tl_text_visible (tl_lookup_result_get_request_id (result));
    g_autofree char *retry_after = tl_text_visible (tl_lookup_result_get_retry_after (result));
    TlTicket *ticket = tl_lookup_result_get_ticket (result);
    const char *expiry_key = ticket ? tl_ticket_get_expiry_key (ticket) : NULL;

    adw_action_row_set_subtitle (self->request_id_row, request_id);
    gtk_widget_set_visible (GTK_WIDGET (self->request_id_row), request_id != NULL);
    adw_action_row_set_subtitle (self->retry_after_row, retry_after);
    gtk_widget_set_visible (GTK_WIDGET (self->retry_after_row), retry_after != NULL);
    /* Which member the verdict was read from: "hasExpired", or "orderTicketHasExpired" from
     * a server or gateway that follows the vendor's samples; none for an Unknown verdict. */
    adw_action_row_set_subtitle (self->expiry_row, expiry_key ? expiry_key : _("none: the answer does not say"));
    gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), ticket != NULL);
  }
}

static void
tl_details_view_dispose (GObject *object)
{
  TlDetailsView *self = TL_DETAILS_VIEW (object);

  g_clear_object (&self->result);
  g_clear_pointer (&self->token, tl_secret_free);
  g_clear_pointer (&self->account_label, g_free);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tl_details_view_parent_class)->dispose (object);
}

static void
tl_details_view_class_init (TlDetailsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_details_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-details-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, group);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, request_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, response_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, timing_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, request_id_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, retry_after_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, show_token_switch);
  gtk_widget_class_bind_template_child (widget_class, TlDetailsView, request_body_label);
  gtk_widget_class_bind_template_callback (widget_class, on_show_token_changed);
  gtk_widget_class_install_action (widget_class, "details.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_action (widget_class, "details.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "details.copy-request-id", NULL, copy_request_id_action);
}

static void
tl_details_view_init (TlDetailsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dynamic_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dynamic_row_free);
}

GtkWidget *
tl_details_view_new (void)
{
  return g_object_new (TL_TYPE_DETAILS_VIEW, NULL);
}
