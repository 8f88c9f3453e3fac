/* test-field-row.c: one field of the order ticket: its title, the server's value as text with
 * controls made visible, a dimmed dash and no copying when the answer lacked it. Needs a
 * display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-field-row.h"
#include "tl-message-source.h"
#include "tl-ticket-view.h"
#include "widget-test.h"

static void
on_message (TlMessageSource *source,
            const char      *text,
            GPtrArray       *messages)
{
  g_ptr_array_add (messages, g_strdup (text));
}

static void
on_clipboard_read (GObject      *clipboard,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* The value label: the one that is selectable. */
static GtkLabel *
value_label (GtkWidget *row)
{
  for (GtkWidget *w = tl_widget_test_find_type (row, GTK_TYPE_LABEL); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && gtk_label_get_selectable (GTK_LABEL (w)))
      return GTK_LABEL (w);
  g_error ("the row has no selectable value");
}

static void
test_field_row_value_as_text (void)
{
  GtkWidget *row = g_object_ref_sink (tl_field_row_new (TL_TICKET_FIELD_ORDER_ID));
  GtkWidget *copy = tl_widget_test_find_type (row, GTK_TYPE_BUTTON);
  g_autofree char *labels = NULL;
  g_autofree char *value = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Order ID");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (copy), ==, "Copy Order ID");

  /* a right-to-left override, a zero-width space, a carriage return and markup */
  tl_field_row_set_value (TL_FIELD_ROW (row), "<b>ORD</b>\u202E1.exe\u200B\r&amp;");
  labels = tl_widget_test_labels (row);
  g_assert_cmpstr (labels, ==, "Order ID\n<b>ORD</b><U+202E>1.exe<U+200B>\\x0d&amp;\n");
  g_assert_false (gtk_label_get_use_markup (value_label (row)));
  g_assert_false (tl_widget_test_shows_markup (row, "ORD"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (value_label (row)), "dim-label"));
  g_assert_true (gtk_widget_get_sensitive (copy));
  /* the value property is what is shown */
  g_object_get (row, "value", &value, NULL);
  g_assert_cmpstr (value, ==, "<b>ORD</b><U+202E>1.exe<U+200B>\\x0d&amp;");

  g_assert_finalize_object (row);
}

static void
test_field_row_missing (void)
{
  GtkWidget *row = g_object_ref_sink (tl_field_row_new (TL_TICKET_FIELD_ORDER_ID));
  GtkWidget *copy = tl_widget_test_find_type (row, GTK_TYPE_BUTTON);
  g_autofree char *value = NULL;

  tl_field_row_set_value (TL_FIELD_ROW (row), NULL);
  g_assert_cmpstr (gtk_label_get_text (value_label (row)), ==, "—");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (value_label (row)), "dim-label"));
  g_assert_false (gtk_widget_get_sensitive (copy));
  g_object_get (row, "value", &value, NULL);
  g_assert_null (value);

  /* a later answer that has it: shown plainly, copyable again */
  tl_field_row_set_value (TL_FIELD_ROW (row), "ORD-1");
  g_assert_cmpstr (gtk_label_get_text (value_label (row)), ==, "ORD-1");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (value_label (row)), "dim-label"));
  g_assert_true (gtk_widget_get_sensitive (copy));

  g_assert_finalize_object (row);
}

/* A row's copy button, in the ticket view that owns the copying, on screen: that row's value,
 * and the view says so. */
static void
test_field_row_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json ("{\"orderId\":\"O1\",\"userId\":\"U1\",\"hasExpired\":false}",
                                                        -1, &error);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *view = g_object_ref (tl_ticket_view_new ());
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copied = NULL;
  GtkWidget *row;

  g_assert_no_error (error);
  g_signal_connect (view, "message", G_CALLBACK (on_message), messages);
  tl_ticket_view_set_ticket (TL_TICKET_VIEW (view), ticket, "partner at connect.example");
  gtk_window_set_child (GTK_WINDOW (window), view);
  tl_widget_test_show (window);
  row = tl_widget_test_find_row (view, "User");
  g_assert_true (TL_IS_FIELD_ROW (row));

  g_signal_emit_by_name (tl_widget_test_find_type (row, GTK_TYPE_BUTTON), "clicked");
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (messages, 0), ==, "User copied");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, on_clipboard_read, &copied);
  TL_WIDGET_TEST_WAIT_UNTIL (copied != NULL);
  g_assert_cmpstr (copied, ==, "U1");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/field-row/value-as-text", test_field_row_value_as_text);
  g_test_add_func ("/field-row/missing", test_field_row_missing);
  g_test_add_func ("/field-row/copy", test_field_row_copy);

  return g_test_run ();
}
