/* widget-test.c: what the per-type widget tests share (after GNOME Console's kgx-test-utils)
 *
 * Each test builds one widget with data made in the test (no network, no keyring), looks at it
 * as a person would (label texts, visibility, sensitivity, style classes) and ends with
 * g_assert_finalize_object() on it, so a leaked reference or a reference cycle fails the test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "widget-test.h"

void
tl_widget_test_init (int    *argc,
                     char ***argv)
{
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

/* Every visible label's and text view's text below @widget, in order, joined by newlines. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_TEXT_VIEW (widget) && gtk_widget_get_visible (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, "%s\n", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/**
 * tl_widget_test_labels:
 *
 * Returns: the text of every visible label below @widget, in order, one per line (printed
 *   with --verbose)
 */
char *
tl_widget_test_labels (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_labels (widget, out);
  if (g_test_verbose ())
    g_printerr ("%s", out->str);
  return g_string_free (out, FALSE);
}

/**
 * tl_widget_test_shows_markup:
 *
 * Returns: whether a label below @widget reads text containing @needle and a '<' as markup
 */
gboolean
tl_widget_test_shows_markup (GtkWidget  *widget,
                             const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_markup (GTK_LABEL (widget)) &&
      strchr (gtk_label_get_label (GTK_LABEL (widget)), '<') != NULL &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (tl_widget_test_shows_markup (child, needle))
      return TRUE;
  return FALSE;
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           gconstpointer data);

static GtkWidget *
find (GtkWidget     *widget,
      Match          match,
      gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The first widget of @type at or below @widget, depth first. */
GtkWidget *
tl_widget_test_find_type (GtkWidget *widget,
                          GType      type)
{
  return find (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/* The first label at or below @widget that shows exactly @text, visible or not. */
GtkLabel *
tl_widget_test_find_label (GtkWidget  *widget,
                           const char *text)
{
  return GTK_LABEL (find (widget, is_label_with_text, text));
}

static gboolean
is_row_with_title (GtkWidget     *widget,
                   gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The preferences row (entry row, combo row, action row) titled @title. */
GtkWidget *
tl_widget_test_find_row (GtkWidget  *widget,
                         const char *title)
{
  GtkWidget *row = find (widget, is_row_with_title, title);

  if (row == NULL)
    g_error ("no row titled “%s”", title);
  return row;
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The button labelled @label. */
GtkWidget *
tl_widget_test_find_button (GtkWidget  *widget,
                            const char *label)
{
  GtkWidget *button = find (widget, is_button_with_label, label);

  if (button == NULL)
    g_error ("no button labelled “%s”", label);
  return button;
}

struct _TlWidgetTestWait
{
  char     *what;
  guint     timer;
  gboolean  late;
};

static gboolean
on_wait_too_long (gpointer user_data)
{
  TlWidgetTestWait *wait = user_data;

  wait->late = TRUE;
  wait->timer = 0;
  return G_SOURCE_REMOVE;
}

TlWidgetTestWait *
tl_widget_test_wait_begin (const char *what)
{
  TlWidgetTestWait *wait = g_new0 (TlWidgetTestWait, 1);

  wait->what = g_strdup (what);
  wait->timer = g_timeout_add_seconds (60, on_wait_too_long, wait);
  return wait;
}

/* One turn of the main loop, blocking until something happens (the timer above wakes it). */
void
tl_widget_test_wait_iterate (TlWidgetTestWait *wait)
{
  if (wait->late)
    g_error ("still waiting for %s after a minute", wait->what);
  g_main_context_iteration (NULL, TRUE);
}

void
tl_widget_test_wait_end (TlWidgetTestWait *wait)
{
  g_clear_handle_id (&wait->timer, g_source_remove);
  g_free (wait->what);
  g_free (wait);
}

/* Runs whatever the main loop has ready (idles, a model's changes), without blocking. */
void
tl_widget_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_drawn (GtkWidget *window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0;
}

/* Presents @window and waits until it is on screen with a size. */
void
tl_widget_test_show (GtkWidget *window)
{
  gtk_window_present (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (is_drawn (window));
}

/* A failed lookup as the client would have made it: a 503 whose reason, request id and
 * Retry-After hold markup and a terminal control. */
TlLookupResult *
tl_widget_test_fake_result (void)
{
  TlLookupResult *result = tl_lookup_result_new ();

  result->account = tl_account_new ("https://connect.example", "partner", NULL, NULL, FALSE);
  result->customer_id = g_strdup ("M1");
  result->url = g_strdup ("https://connect.example/Service/Order/Token/M1");
  result->base_url = g_strdup ("https://connect.example");
  result->username = g_strdup ("partner");
  result->started = g_date_time_new_now_local ();
  result->status = 503;
  result->reason = g_strdup ("<span>server</span> busy");
  result->http_version = g_strdup ("HTTP/1.1");
  result->request_id = g_strdup ("req\x1b[2J");
  result->retry_after = g_strdup ("<b>120</b>");
  result->body_excerpt = g_strdup ("{\"Message\":\"busy\"}");
  result->body_size = 18;
  result->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (result->response_headers, "X-Request-Id", "req\x1b[2J");
  result->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_append (result->request_headers, "Authorization", "Basic ••••");
  result->error = g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_SERVER_ERROR, "The service answered 503.");
  return result;
}
