/* test-window.c: the lookup window of a registered application, with the demo server on this
 * computer (loopback, no keyring): a lookup shows its ticket; the ticket leaves the page the
 * moment the token is changed, one line says what it was and brings it back with its token;
 * Clear forgets it. Needs a display (Xvfb) and a session bus of its own (dbus-run-session).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-application.h"
#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-ticket-view.h"
#include "tl-window.h"
#include "widget-test.h"

#define CUSTOMER_ID "M11385"
#define VALID_TOKEN "DemoValid+Token/01=="

static TlApplication *app;

typedef gboolean (*Match) (GtkWidget *widget);

static GtkWidget *
find (GtkWidget *widget,
      Match      match)
{
  if (match (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The stack of result pages: the one with the welcome page. */
static gboolean
is_result_stack (GtkWidget *widget)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "welcome") != NULL;
}

static GtkWidget *
shown_page (GtkWidget *window)
{
  GtkWidget *stack = find (window, is_result_stack);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* The ticket's verdict is on the page the stack shows. */
static gboolean
shows_valid_ticket (GtkWidget *window)
{
  GtkWidget *page = shown_page (window);
  GtkLabel *verdict = page != NULL ? tl_widget_test_find_label (page, "Valid") : NULL;

  return verdict != NULL && gtk_widget_is_visible (GTK_WIDGET (verdict)) &&
         tl_widget_test_find_type (page, TL_TYPE_TICKET_VIEW) != NULL;
}

static gboolean
shows_result_page (GtkWidget *window)
{
  GtkWidget *page = shown_page (window);

  return page != NULL && (tl_widget_test_find_type (page, TL_TYPE_TICKET_VIEW) != NULL ||
                          tl_widget_test_find_type (page, TL_TYPE_ERROR_VIEW) != NULL);
}

static gboolean
is_last_lookup_button (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), "Last lookup: ");
}

/* The line left of a result whose input was changed, when it is shown: NULL otherwise. */
static const char *
last_lookup_line (GtkWidget *window)
{
  GtkWidget *button = find (window, is_last_lookup_button);

  if (button == NULL || !gtk_widget_is_visible (button))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))));
}

static const char *
field_text (GtkWidget  *window,
            const char *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (tl_widget_test_find_row (window, title)));
}

static void
on_lookup_finished (GtkWidget *window,
                    guint     *count)
{
  (*count)++;
}

static void
test_window_result_follows_input (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkEditable *token;
  guint finished = 0;
  const char *line;

  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  g_signal_connect (window, "lookup-finished", G_CALLBACK (on_lookup_finished), &finished);
  tl_widget_test_show (window);
  g_assert_true (tl_application_start_demo (app, &error));
  g_assert_no_error (error);
  g_assert_false (shows_result_page (window));

  /* looked up on the demo server */
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, VALID_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 1);
  TL_WIDGET_TEST_WAIT_UNTIL (shows_valid_ticket (window));
  g_assert_null (last_lookup_line (window));
  g_assert_cmpstr (field_text (window, "Customer ID"), ==, CUSTOMER_ID);
  g_assert_cmpstr (field_text (window, "Token"), ==, VALID_TOKEN);

  /* one character of the token changed: the ticket no longer answers the fields */
  token = GTK_EDITABLE (tl_widget_test_find_row (window, "Token"));
  gtk_editable_set_text (token, "DemoValid+Token/02==");
  g_assert_false (shows_valid_ticket (window));
  g_assert_false (shows_result_page (window));
  line = last_lookup_line (window);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Last lookup: " CUSTOMER_ID " · Valid · "));

  /* the line brings the ticket back, with the token it answers */
  g_assert_true (gtk_widget_activate_action (window, "win.reopen-result", NULL));
  g_assert_true (shows_valid_ticket (window));
  g_assert_cmpstr (field_text (window, "Customer ID"), ==, CUSTOMER_ID);
  g_assert_cmpstr (field_text (window, "Token"), ==, VALID_TOKEN);
  g_assert_null (last_lookup_line (window));

  /* hidden again, then Clear: empty fields, no line, no result */
  gtk_editable_set_text (token, "DemoValid+Token/02==");
  g_assert_nonnull (last_lookup_line (window));
  g_assert_true (gtk_widget_activate_action (window, "win.clear", NULL));
  g_assert_cmpstr (field_text (window, "Customer ID"), ==, "");
  g_assert_cmpstr (field_text (window, "Token"), ==, "");
  g_assert_null (last_lookup_line (window));
  g_assert_false (shows_result_page (window));
  /* nothing left to reopen */
  g_assert_true (gtk_widget_activate_action (window, "win.reopen-result", NULL));
  g_assert_false (shows_result_page (window));
  g_assert_null (last_lookup_line (window));
  g_assert_cmpuint (finished, ==, 1);

  tl_application_stop_demo (app);
  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  /* a clipboard read the window started when it was focused (tl-window-offer.c) is cancelled
   * with it, and lets go of the window when its callback has run */
  TL_WIDGET_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

/* A toast on screen (its title, mapped) below @widget whose text is @text. */
static gboolean
shows_toast (GtkWidget  *widget,
             const char *text)
{
  GtkLabel *label = tl_widget_test_find_label (widget, text);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

/* Copy after copy, each toast is said at once in place of the one before: the third copy's
 * "Order ID copied" is on screen as soon as it is pressed, not after the others' seconds. */
static void
test_window_copy_toast_replaces (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *ticket_view;
  GtkWidget *details_view;
  guint finished = 0;

  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  g_signal_connect (window, "lookup-finished", G_CALLBACK (on_lookup_finished), &finished);
  tl_widget_test_show (window);
  g_assert_true (tl_application_start_demo (app, &error));
  g_assert_no_error (error);
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, VALID_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (shows_valid_ticket (window));
  ticket_view = tl_widget_test_find_type (window, TL_TYPE_TICKET_VIEW);
  details_view = tl_widget_test_find_type (window, TL_TYPE_DETAILS_VIEW);
  g_assert_nonnull (details_view);

  g_assert_true (gtk_widget_activate_action (details_view, "details.copy-report", NULL));
  TL_WIDGET_TEST_WAIT_UNTIL (shows_toast (window, "Support report copied (without password or token)"));
  g_assert_true (gtk_widget_activate_action (ticket_view, "ticket.copy-all", NULL));
  g_assert_true (gtk_widget_activate_action (ticket_view, "ticket.copy-field", "u", 0));
  /* as the main loop has run once, not seconds later */
  tl_widget_test_flush ();
  g_assert_true (shows_toast (window, "Order ID copied"));
  /* and the ones before it are not waiting to be said after it */
  g_assert_false (shows_toast (window, "Support report copied (without password or token)"));
  g_assert_false (shows_toast (window, "Order ticket copied"));

  tl_application_stop_demo (app);
  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  TL_WIDGET_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

/* The buttons on screen styled as the suggested action, into @found. */
static void
collect_suggested (GtkWidget *widget,
                   GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action"))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_suggested (child, found);
}

/* The one suggested action on screen, by its accessible text; fails on none or two. */
static char *
one_suggested_action (GtkWidget *window)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autofree char *labels = NULL;

  collect_suggested (window, found);
  g_assert_cmpuint (found->len, ==, 1);
  labels = tl_widget_test_labels (g_ptr_array_index (found, 0));
  return g_strdup (g_strstrip (labels));
}

/* One suggested (blue) action per view (GNOME HIG): with no account set up it is Set Up
 * Account, on the first start and after a lookup that could not be sent (no blue Retry or Look
 * Up beside it); with an account, the form's Look Up, also beside a failure's Retry. */
static void
test_window_one_suggested_action (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *no_account = NULL;
  g_autofree char *failed = NULL;
  GtkWidget *window;
  guint finished = 0;

  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  g_signal_connect (window, "lookup-finished", G_CALLBACK (on_lookup_finished), &finished);
  tl_widget_test_show (window);
  first = one_suggested_action (window);
  g_assert_cmpstr (first, ==, "Set Up Account");

  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, VALID_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 1);
  TL_WIDGET_TEST_WAIT_UNTIL (shows_result_page (window));
  tl_widget_test_flush ();
  no_account = one_suggested_action (window);
  g_assert_cmpstr (no_account, ==, "Set Up Account");

  g_assert_true (tl_application_start_demo (app, &error));
  g_assert_no_error (error);
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, "DemoBadRequest/0001=", TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 2);
  TL_WIDGET_TEST_WAIT_UNTIL (shows_result_page (window));
  tl_widget_test_flush ();
  failed = one_suggested_action (window);
  g_assert_cmpstr (failed, ==, "Look Up");

  tl_application_stop_demo (app);
  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  TL_WIDGET_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tl_widget_test_init (&argc, &argv);
  /* windows belong to a registered application (on the test's own session bus) */
  app = tl_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/result-follows-input", test_window_result_follows_input);
  g_test_add_func ("/window/copy-toast-replaces", test_window_copy_toast_replaces);
  g_test_add_func ("/window/one-suggested-action", test_window_one_suggested_action);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
