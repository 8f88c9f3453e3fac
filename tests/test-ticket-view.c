/* test-ticket-view.c: the ticket view shows an answer's fields as text and tells its window what
 * happened by signal. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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
test_ticket_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json (
    "{\"orderId\":\"<b>server</b> a < b\",\"userId\":\"EXPIRED\\rVALID\",\"targetId\":\"OBJ\\u202Egnp.exe\","
    "\"hasExpired\":true}", -1, &error);
  GtkWidget *view = g_object_ref_sink (tl_ticket_view_new ());
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *labels = NULL;

  g_assert_no_error (error);
  g_signal_connect (view, "message", G_CALLBACK (on_message), messages);
  tl_ticket_view_set_ticket (TL_TICKET_VIEW (view), ticket, "Partner & Co (partner at connect.example)");
  labels = tl_widget_test_labels (view);

  /* the verdict, and the values as text: markup shown, controls and bidi visible */
  g_assert_nonnull (strstr (labels, "Expired\nThe token has expired and can no longer be used.\n"));
  g_assert_nonnull (strstr (labels, "Order ID\n<b>server</b> a < b\n"));
  g_assert_nonnull (strstr (labels, "User\nEXPIRED\\x0dVALID\n"));
  g_assert_nonnull (strstr (labels, "Property ID\nOBJ<U+202E>gnp.exe\n"));
  g_assert_null (strstr (labels, "\xe2\x80\xae"));
  /* fields the answer lacked are a dash, and the account is named (escaped for the markup) */
  g_assert_nonnull (strstr (labels, "Chain ID\n—\n"));
  g_assert_nonnull (strstr (labels, "Partner & Co (partner at connect.example)\n"));
  g_assert_false (tl_widget_test_shows_markup (view, "server"));

  /* the view says what happened by signal, never by reaching into a window */
  g_assert_true (gtk_widget_activate_action (view, "ticket.copy-field", "u", TL_TICKET_FIELD_ORDER_ID));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "Order ID"));

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/ticket-view/fields-as-text", test_ticket_view);

  return g_test_run ();
}
