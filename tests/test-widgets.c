/* test-widgets.c: the app's views built with a result made here (no network, no keyring) and
 * checked through their children, as GNOME Console tests its widgets. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "tl-batch-window.h"
#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-history.h"
#include "tl-history-row.h"
#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "tl-message-source.h"
#include "tl-text-file.h"
#include "tl-ticket-view.h"

/* Every label's text below @widget, in order, joined by newlines. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static char *
labels_of (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_labels (widget, out);
  return g_string_free (out, FALSE);
}

static gboolean
uses_markup_anywhere (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_markup (GTK_LABEL (widget)) &&
      strchr (gtk_label_get_label (GTK_LABEL (widget)), '<') != NULL &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), "server") != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (uses_markup_anywhere (child))
      return TRUE;
  return FALSE;
}

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
  labels = labels_of (view);
  if (g_test_verbose ())
    g_printerr ("%s", labels);

  /* the verdict, and the values as text: markup shown, controls and bidi visible */
  g_assert_nonnull (strstr (labels, "Expired\nThe token has expired and can no longer be used.\n"));
  g_assert_nonnull (strstr (labels, "Order ID\n<b>server</b> a < b\n"));
  g_assert_nonnull (strstr (labels, "User\nEXPIRED\\x0dVALID\n"));
  g_assert_nonnull (strstr (labels, "Property ID\nOBJ<U+202E>gnp.exe\n"));
  g_assert_null (strstr (labels, "\xe2\x80\xae"));
  /* fields the answer lacked are a dash, and the account is named (escaped for the markup) */
  g_assert_nonnull (strstr (labels, "Chain ID\n—\n"));
  g_assert_nonnull (strstr (labels, "Partner & Co (partner at connect.example)\n"));
  g_assert_false (uses_markup_anywhere (view));

  /* the view says what happened by signal, never by reaching into a window */
  g_assert_true (gtk_widget_activate_action (view, "ticket.copy-field", "u", TL_TICKET_FIELD_ORDER_ID));
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (messages, 0), "Order ID"));

  g_object_unref (view);
}

static TlLookupResult *
fake_result (void)
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

static void
test_details_view (void)
{
  g_autoptr(TlLookupResult) result = fake_result ();
  GtkWidget *view = g_object_ref_sink (tl_details_view_new ());
  g_autofree char *labels = NULL;

  tl_details_view_set_result (TL_DETAILS_VIEW (view), result, "Zq8x+Secret/Tok3n==", "partner at connect.example");
  labels = labels_of (view);
  if (g_test_verbose ())
    g_printerr ("%s", labels);

  g_assert_nonnull (strstr (labels, "HTTP/1.1 503 <span>server</span> busy · 18 bytes\n"));
  g_assert_nonnull (strstr (labels, "Request ID\nreq\\x1b[2J\n"));
  g_assert_nonnull (strstr (labels, "Retry After\n<b>120</b>\n"));
  g_assert_nonnull (strstr (labels, "X-Request-Id: req\\x1b[2J"));
  g_assert_nonnull (strstr (labels, "Authorization: Basic •••• (user partner)"));
  /* the token stays hidden until asked for */
  g_assert_nonnull (strstr (labels, "{\"data\":\"••••\"}\n"));
  g_assert_null (strstr (labels, "Zq8x+Secret/Tok3n=="));
  g_assert_false (uses_markup_anywhere (view));

  g_object_unref (view);
}

static void
test_error_view (void)
{
  g_autoptr(TlLookupResult) result = fake_result ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;

  const char *body = "{\"Message\":\"<i>server</i> says a < b\"}";

  result->error_body = tl_error_body_parse (body, strlen (body), "application/json");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_SERVER_ERROR,
                      tl_lookup_result_get_error (result)->message, result);
  labels = labels_of (view);
  if (g_test_verbose ())
    g_printerr ("%s", labels);

  g_assert_nonnull (strstr (labels, "The service failed\n"));
  g_assert_nonnull (strstr (labels, "The service answered 503.\n"));
  g_assert_nonnull (strstr (labels, "<i>server</i> says a < b\n"));
  g_assert_nonnull (strstr (labels, "What to do next\n"));
  /* when, the request id made visible, Retry-After as text, and the lookup's own account */
  g_assert_nonnull (strstr (labels, "HTTP 503 at "));
  g_assert_nonnull (strstr (labels, "Request ID: req\\x1b[2J · Retry after: <b>120</b> · partner at connect.example\n"));
  g_assert_nonnull (strstr (labels, "Retry\n"));
  g_assert_false (uses_markup_anywhere (view));

  g_object_unref (view);
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_ignorables (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      PangoShowFlags flags = 0;
      gboolean set = FALSE;

      g_object_get (l->data, "show-spaces", &flags, "show-spaces-set", &set, NULL);
      if (set && (flags & PANGO_SHOW_IGNORABLES) != 0)
        return TRUE;
    }
  return FALSE;
}

/* The batch window's lines draw invisible characters (a bidi override, a zero-width space) as
 * boxes with their code, whether the text came in at once (a file) or was typed or pasted into
 * the middle of it later. */
static void
test_batch_lines_show_invisibles (void)
{
  GtkWidget *window = g_object_new (TL_TYPE_BATCH_WINDOW, NULL);
  GtkTextView *view = GTK_TEXT_VIEW (find_child_of_type (window, GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer, "M11385 Demo\u202EValid+Token/01==\n", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  gtk_text_buffer_insert (buffer, &iter, "\u200B", -1);
  for (gtk_text_buffer_get_start_iter (buffer, &iter); !gtk_text_iter_is_end (&iter); gtk_text_iter_forward_char (&iter))
    if (!shows_ignorables (&iter))
      g_error ("character %d (U+%04X) is drawn without its invisible characters shown",
               gtk_text_iter_get_offset (&iter), gtk_text_iter_get_char (&iter));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  g_assert_cmpuint (gtk_text_iter_get_char (&iter), ==, 0x200B);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  GAsyncResult *result;
  gboolean      late;
} Loaded;

static void
on_text_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  ((Loaded *) user_data)->result = g_object_ref (res);
}

static gboolean
on_too_late (gpointer user_data)
{
  ((Loaded *) user_data)->late = TRUE;
  return G_SOURCE_REMOVE;
}

/* What the batch window's Open and drop get for @path: the text, or the message people see.
 * Fails the test when no answer comes within ten seconds (a file read forever, or a wait). */
static char *
load_text (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Loaded loaded = { NULL, FALSE };
  guint timer = g_timeout_add_seconds (10, on_too_late, &loaded);
  char *text;

  tl_text_file_load_async (file, NULL, on_text_loaded, &loaded);
  while (loaded.result == NULL && !loaded.late)
    g_main_context_iteration (NULL, TRUE);
  if (loaded.late)
    g_error ("no answer within 10 s for %s", path);
  g_source_remove (timer);
  text = tl_text_file_load_finish (loaded.result, error);
  g_object_unref (loaded.result);
  return text;
}

static gsize
peak_rss (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gsize) usage.ru_maxrss * 1024;
}

/* A device, a symlink to one, a named pipe, a socket and a folder are refused at once by what
 * they are; a 100 MB file is read no further than the cap; a file of lines is read. */
static void
test_text_file_kinds (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tl-text-file-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "tokens.fifo", NULL);
  g_autofree char *sock_path = g_build_filename (dir, "tokens.sock", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.txt", NULL);
  g_autofree char *small = g_build_filename (dir, "small.txt", NULL);
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  struct { const char *path; const char *message; } refused[] = {
    { "/dev/zero", "“zero” is a device, not a file of lines." },
    { link, "“link.txt” is a device, not a file of lines." },
    { fifo, "“tokens.fifo” is a named pipe (FIFO), not a file of lines." },
    { sock_path, "“tokens.sock” is a socket, not a file of lines." },
    { folder, "“folder” is a folder, not a file of lines." },
  };
  int sock;
  int fd;
  gsize before;

  g_assert_nonnull (dir);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  sock = socket (AF_UNIX, SOCK_STREAM, 0);
  g_assert_cmpint (sock, >=, 0);
  g_strlcpy (address.sun_path, sock_path, sizeof address.sun_path);
  g_assert_cmpint (bind (sock, (struct sockaddr *) &address, sizeof address), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = load_text (refused[i].path, &error);

      g_assert_null (text);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, refused[i].message);
    }

  /* sparse: 100 MB of NUL bytes that take no disk */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  close (fd);
  before = peak_rss ();
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = load_text (big, &error);

    g_assert_null (text);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "The file is too large to be a list of tokens.");
  }
  if (g_test_verbose ())
    g_printerr ("peak RSS %zu MiB before, %zu MiB after a 100 MB file\n", before >> 20, peak_rss () >> 20);
  /* the cap's buffer and no more: a constant for the worker thread's stack and malloc arenas */
  g_assert_cmpuint (peak_rss () - before, <, TL_TEXT_FILE_MAX + 8 * 1024 * 1024);

  g_assert_true (g_file_set_contents (small, "M1 DemoValid+Token/01==\n", -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = load_text (small, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "M1 DemoValid+Token/01==\n");
  }

  close (sock);
  for (const char *p, **ps = (const char *[]) { fifo, sock_path, link, big, small, NULL }; (p = *ps); ps++)
    g_unlink (p);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* A history.json written by hand (or by something else): a right-to-left override in the
 * customer ID and the outcome would reverse the row if shown as it is. */
static void
test_history_row_shows_invisibles (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tl-history-row-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.json", NULL);
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TlHistoryEntry) entry = NULL;
  g_autofree char *labels = NULL;
  GtkWidget *row;
  const char *json =
    "{\"version\":1,\"entries\":[{\"time\":\"2026-01-02T10:01:02Z\","
    "\"customerId\":\"M1\u202e1385\",\"orderId\":\"ORD\u202e-1\","
    "\"outcome\":\"dilav\u202e\"}]}";

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_true (tl_history_load (history, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 1);
  entry = g_list_model_get_item (tl_history_get_model (history), 0);
  row = g_object_ref_sink (tl_history_row_new (entry));
  labels = labels_of (row);

  g_assert_nonnull (strstr (labels, "M1<U+202E>1385 · ORD<U+202E>-1"));
  g_assert_nonnull (strstr (labels, "dilav<U+202E>"));
  g_assert_null (strstr (labels, "\xe2\x80\xae"));

  g_object_unref (row);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/widgets/ticket-view", test_ticket_view);
  g_test_add_func ("/widgets/details-view", test_details_view);
  g_test_add_func ("/widgets/error-view", test_error_view);
  g_test_add_func ("/widgets/batch-lines-show-invisibles", test_batch_lines_show_invisibles);
  g_test_add_func ("/widgets/text-file-kinds", test_text_file_kinds);
  g_test_add_func ("/widgets/history-row-shows-invisibles", test_history_row_shows_invisibles);

  return g_test_run ();
}
