/* test-batch.c: tl-batch, the engine of `--batch` and the batch window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <malloc.h>
#include <string.h>
#include <libsoup/soup.h>

#include "tl-batch.h"
#include "tl-demo-server.h"
#include "tl-lookup-error.h"

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

static void
on_item_done (TlBatch     *batch,
              TlBatchItem *item,
              guint       *count)
{
  (*count)++;
}

static TlBatch *
make_batch (TlDemoServer *demo,
            guint         jobs)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME,
                                                 TL_DEMO_PASSWORD, NULL, TRUE);

  return tl_batch_new (client, account, jobs);
}

static void
test_run_in_order (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlBatch) batch = make_batch (demo, 4);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("# comment\n\n");
  g_autofree char *csv = NULL;
  guint count = 0;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "M%u %s\n", i, tl_demo_token (i % 3 == 0 ? TL_DEMO_EXPIRED : TL_DEMO_VALID));
  g_string_append (text, "only-a-token\n");

  g_assert_cmpuint (tl_batch_add_text (batch, text->str), ==, 31);
  g_signal_connect (batch, "item-done", G_CALLBACK (on_item_done), &count);
  tl_batch_run_async (batch, NULL, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_batch_run_finish (batch, res, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 31);
  g_assert_cmpuint (tl_batch_get_n_done (batch), ==, 31);
  /* every line answered but the unreadable one: its status (2) */
  g_assert_cmpint (tl_batch_get_exit_status (batch), ==, 2);

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (tl_batch_get_items (batch), i);
      TlTicket *ticket = tl_lookup_result_get_ticket (tl_batch_item_get_result (item));
      g_autofree char *customer = g_strdup_printf ("M%u", i);

      g_assert_cmpuint (tl_batch_item_get_line (item), ==, i + 3);
      g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_CUSTOMER_ID), ==, customer);
      g_assert_cmpint (tl_ticket_get_state (ticket), ==, i % 3 == 0 ? TL_TICKET_STATE_EXPIRED : TL_TICKET_STATE_VALID);
      /* every row keeps its request ID: in a block of its own length, not of the longest one
       * read (2 KiB each made a batch window of 100 000 lines 250 MiB larger) */
      g_assert_cmpuint (malloc_usable_size ((void *) tl_lookup_result_get_request_id (tl_batch_item_get_result (item))), <, 64);
    }

  csv = tl_batch_to_csv (batch);
  g_assert_true (g_str_has_prefix (csv, "line,token,customerId,orderId,outcome,status,requestId,account\r\n"));
  g_assert_nonnull (strstr (csv, "\"3\",\"Demo…01== sha256:"));
  g_assert_nonnull (strstr (csv, "\"M0\",\"ORD-2024-000417\",\"Expired\",\"200\",\"demo-0f6c2a1e\",\"Demo server\"\r\n"));
  for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
    g_assert_null (strstr (csv, tl_demo_token (i)));
}

static void
run_batch (TlBatch *batch)
{
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;

  tl_batch_run_async (batch, NULL, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_batch_run_finish (batch, res, &error));
  g_assert_no_error (error);
}

/* The counts by outcome the batch window's summary and --summary show; Retry Failed looks up
 * the failed lookups, and only those, again; JSON Lines have every member on every line. */
static void
test_kinds_and_retry_failed (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlBatch) batch = make_batch (demo, 4);
  g_autofree char *text = g_strdup_printf ("M1 %s\nM2 %s\nM3 %s\nonly-a-token\nM5 %s\nM6 %s\n",
                                           tl_demo_token (TL_DEMO_VALID), tl_demo_token (TL_DEMO_EXPIRED),
                                           tl_demo_token (TL_DEMO_FORBIDDEN), tl_demo_token (TL_DEMO_SERVER_ERROR),
                                           tl_demo_token (TL_DEMO_VALID));
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  tl_batch_add_text (batch, text);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_PENDING), ==, 6);
  run_batch (batch);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_VALID), ==, 2);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_EXPIRED), ==, 1);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_UNKNOWN), ==, 0);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_FAILED), ==, 2);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_NOT_LOOKUP), ==, 1);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_PENDING), ==, 0);

  {
    g_autoptr(TlBatchItem) failed = g_list_model_get_item (tl_batch_get_items (batch), 2);
    g_autofree char *reason = tl_batch_item_dup_reason (failed);

    /* a failure keeps its token (to be tried again) and its whole reason, the service's words too */
    g_assert_cmpint (tl_batch_item_get_kind (failed), ==, TL_BATCH_KIND_FAILED);
    g_assert_cmpstr (tl_batch_item_get_token (failed), ==, tl_demo_token (TL_DEMO_FORBIDDEN));
    g_assert_nonnull (strstr (reason, "Access to customer data is denied."));
  }

  json = tl_batch_to_json_lines (batch);
  lines = g_strsplit (json, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);   /* six objects and the last newline */
  for (guint i = 0; i < 6; i++)
    {
      const char *keys[] = { "\"line\":", "\"token\":", "\"customerId\":", "\"orderId\":", "\"outcome\":",
                             "\"reason\":", "\"status\":", "\"requestId\":", "\"error\":", "\"account\":" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        if (strstr (lines[i], keys[k]) == NULL)
          g_error ("line %u has no %s: %s", i, keys[k], lines[i]);
    }
  g_assert_nonnull (strstr (lines[3], "\"outcome\":\"not-lookup\""));
  g_assert_nonnull (strstr (lines[3], "\"status\":null"));
  for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
    g_assert_null (strstr (json, tl_demo_token (i)));

  /* Retry Failed: the two failed lookups run again, nothing else */
  g_assert_cmpuint (tl_batch_reset_failed (batch), ==, 2);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_FAILED), ==, 0);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_PENDING), ==, 2);
  g_signal_connect (batch, "item-done", G_CALLBACK (on_item_done), &count);
  run_batch (batch);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_FAILED), ==, 2);
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_VALID), ==, 2);
  g_assert_cmpuint (tl_batch_get_n_done (batch), ==, 6);
  /* a line that is not a lookup is never tried again */
  g_assert_cmpuint (tl_batch_get_n_kind (batch, TL_BATCH_KIND_NOT_LOOKUP), ==, 1);
}

static void
cancel_when_held (TlDemoServer *demo,
                  GParamSpec   *pspec,
                  GCancellable *cancellable)
{
  /* both running lookups have reached the server, and it holds their answers */
  if (tl_demo_server_get_n_held (demo) == 2)
    g_cancellable_cancel (cancellable);
}

static void
test_stop (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlBatch) batch = make_batch (demo, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  tl_demo_server_hold_slow (demo);
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (text, "M%u %s\n", i, tl_demo_token (TL_DEMO_SLOW));
  tl_batch_add_text (batch, text->str);
  g_signal_connect (demo, "notify::n-held", G_CALLBACK (cancel_when_held), cancellable);
  tl_batch_run_async (batch, cancellable, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tl_batch_run_finish (batch, res, &error));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  /* the two running were cancelled; the other eight never started */
  g_assert_cmpuint (tl_batch_get_n_done (batch), ==, 2);
  g_signal_handlers_disconnect_by_func (demo, cancel_when_held, cancellable);
  tl_demo_server_release_held (demo);
}

/* --- stream mode ---------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *lines;     /* the line numbers handed on, in order */
  guint      max_alive;
} Ready;

static void
on_item_ready (TlBatch     *batch,
               TlBatchItem *item,
               Ready       *ready)
{
  g_assert_true (tl_batch_item_is_done (item));
  if (g_test_verbose () && tl_batch_item_get_exit_status (item) > 1)
    {
      g_autofree char *what = tl_batch_item_describe (item);
      g_test_message ("line %u: %s", tl_batch_item_get_line (item), what);
    }
  g_ptr_array_add (ready->lines, GUINT_TO_POINTER (tl_batch_item_get_line (item)));
}

/* Lines from a stream: handed on in input order, the list model stays empty, unreadable lines
 * finish without a request, a line over the limit is one error item and reading goes on. */
static void
test_stream (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlBatch) batch = make_batch (demo, 8);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("# comment\n\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Ready ready = { g_ptr_array_new (), 0 };
  guint n = 3000;

  for (guint i = 0; i < n; i++)
    {
      if (i == 1500)
        {
          /* a line longer than a lookup can be: 2 MiB of 'A' */
          char *big = g_strnfill (2 * 1024 * 1024, 'A');
          g_string_append (text, big);
          g_string_append_c (text, '\n');
          g_free (big);
        }
      else if (i % 100 == 7)
        g_string_append (text, "only-a-token\n");
      else  /* (not M403: the demo server answers that customer with 403) */
        g_string_append_printf (text, "M1%05u %s\n", i, tl_demo_token (i % 3 == 0 ? TL_DEMO_EXPIRED : TL_DEMO_VALID));
    }
  g_string_append (text, "M1 DemoValid+Token/01==");   /* a last line without a newline */
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  stream = g_memory_input_stream_new_from_bytes (bytes);

  tl_batch_set_input_stream (batch, stream);
  g_signal_connect (batch, "item-ready", G_CALLBACK (on_item_ready), &ready);
  tl_batch_run_async (batch, NULL, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_batch_run_finish (batch, res, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (ready.lines->len, ==, n + 1);
  for (guint i = 0; i < ready.lines->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (ready.lines, i)), ==, i + 3);
  g_assert_cmpuint (g_list_model_get_n_items (tl_batch_get_items (batch)), ==, 0);
  g_assert_cmpuint (tl_batch_get_n_items (batch), ==, n + 1);
  /* 30 unreadable lines and the long one failed (status 2); the rest answered */
  g_assert_cmpuint (tl_batch_get_n_failed (batch), ==, 31);
  g_assert_cmpint (tl_batch_get_exit_status (batch), ==, 2);
  g_assert_cmpuint (tl_batch_get_bytes_read (batch), ==, g_bytes_get_size (bytes));
  g_ptr_array_unref (ready.lines);
}

/* --- Retry-After ---------------------------------------------------------------------------- */

typedef struct
{
  guint      busy_answers;    /* 429s still to give */
  const char *retry_after;    /* NULL: no header */
  guint      status;
  GArray    *times;           /* monotonic µs of every request */
  GArray    *statuses;
  SoupServer *server;         /* unowned */
} Busy;

static void
busy_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Busy *busy = user_data;
  gint64 now = g_get_monotonic_time ();
  guint status;

  g_array_append_val (busy->times, now);
  if (busy->busy_answers > 0)
    {
      busy->busy_answers--;
      status = busy->status;
      if (busy->retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      busy->retry_after);
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"message\":\"Slow down.\"}", 24);
    }
  else
    {
      static const char ticket[] = "{\"orderId\":\"ORD-1\",\"userId\":\"u\",\"orderUserId\":\"o\","
                                   "\"targetId\":\"t\",\"targetType\":\"x\",\"tenantId\":\"T\","
                                   "\"chainId\":\"G\",\"customerId\":\"M1\",\"hasExpired\":false}";
      status = 200;
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, ticket,
                                        strlen (ticket));
    }
  g_array_append_val (busy->statuses, status);
}

static void
busy_clear (Busy *busy)
{
  /* close the server's side of the kept-alive connections before it goes */
  soup_server_disconnect (busy->server);
  g_clear_pointer (&busy->times, g_array_unref);
  g_clear_pointer (&busy->statuses, g_array_unref);
}

static TlBatch *
busy_batch (SoupServer *server,
            Busy       *busy,
            guint       jobs,
            guint       lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;
  g_autofree char *base = NULL;
  TlBatch *batch;

  busy->server = server;
  busy->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  busy->statuses = g_array_new (FALSE, FALSE, sizeof (guint));
  soup_server_add_handler (server, NULL, busy_handler, busy, NULL);
  /* (soup_server_listen_local leaks its address in libsoup 3.2; an explicit one does not) */
  g_assert_true (soup_server_listen (server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  account = tl_account_new (base, "user", "password", NULL, FALSE);
  batch = tl_batch_new (client, account, jobs);
  for (guint i = 0; i < lines; i++)
    g_string_append_printf (text, "M1 %s\n", tl_demo_token (TL_DEMO_VALID));
  tl_batch_add_text (batch, text->str);
  return batch;
}

static void
run_to_end (TlBatch      *batch,
            GCancellable *cancellable)
{
  g_autoptr(GAsyncResult) res = NULL;

  tl_batch_run_async (batch, cancellable, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  tl_batch_run_finish (batch, res, NULL);
}

static guint
item_status (TlBatch *batch,
             guint    i)
{
  g_autoptr(TlBatchItem) item = g_list_model_get_item (tl_batch_get_items (batch), i);

  return tl_lookup_result_get_status (tl_batch_item_get_result (item));
}

/* 429 with Retry-After: 1 for the first two requests: those lines are tried again after the
 * second the server asked for, and nothing at all is sent to it before then. */
static void
test_retry_after (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  Busy busy = { 2, "1", 429, NULL, NULL };
  g_autoptr(TlBatch) batch = busy_batch (server, &busy, 1, 3);
  gint64 first_429;

  run_to_end (batch, NULL);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (item_status (batch, i), ==, 200);
  g_assert_cmpint (tl_batch_get_exit_status (batch), ==, 0);
  /* 429, 429, then 200 for each of the three lines */
  g_assert_cmpuint (busy.times->len, ==, 5);
  g_assert_cmpuint (g_array_index (busy.statuses, guint, 0), ==, 429);
  g_assert_cmpuint (g_array_index (busy.statuses, guint, 1), ==, 429);
  first_429 = g_array_index (busy.times, gint64, 0);
  /* every request after a 429 came at least the second it asked for later */
  g_assert_cmpint (g_array_index (busy.times, gint64, 1) - first_429, >=, G_USEC_PER_SEC - 50000);
  g_assert_cmpint (g_array_index (busy.times, gint64, 2) - g_array_index (busy.times, gint64, 1), >=,
                   G_USEC_PER_SEC - 50000);
  busy_clear (&busy);
}

/* A pasted log file: lines with neither a link nor "CUSTOMER-ID TOKEN" are reported with the
 * reason and cost no request, so the service never sees them, or the password with them. */
static void
test_log_lines_not_sent (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  Busy busy = { 0, NULL, 0, NULL, NULL, NULL };
  g_autoptr(TlBatch) batch = busy_batch (server, &busy, 2, 1);
  static const char log[] = "2026-11-28 12:00:01 INFO service started\n"
                            "ERROR could not connect to db\n"
                            "user anna logged in\n"
                            "M11385 order failed after the token expired\n";

  g_assert_cmpuint (tl_batch_add_text (batch, log), ==, 4);
  run_to_end (batch, NULL);
  g_assert_cmpuint (busy.times->len, ==, 1);   /* the one lookup line, and nothing else */
  g_assert_cmpuint (item_status (batch, 0), ==, 200);
  for (guint i = 1; i <= 4; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (tl_batch_get_items (batch), i);

      g_assert_error (tl_batch_item_get_input_error (item), TL_INPUT_ERROR, TL_INPUT_ERROR_NOT_RECOGNIZED);
      g_assert_cmpuint (tl_batch_item_get_line (item), ==, i);   /* the line within its text */
    }
  busy_clear (&busy);
}

/* Two at once; the first answer (503) asks to wait a second. The other line, already on its
 * way, finishes, but its slot stays unused: no new line is sent before the time is up. */
static void
test_retry_after_holds_everyone (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  Busy busy = { 1, "1", 503, NULL, NULL };
  g_autoptr(TlBatch) batch = busy_batch (server, &busy, 2, 6);
  gint64 told;

  run_to_end (batch, NULL);
  g_assert_cmpuint (busy.times->len, ==, 7);
  told = g_array_index (busy.times, gint64, 0);
  for (guint i = 2; i < busy.times->len; i++)
    g_assert_cmpint (g_array_index (busy.times, gint64, i) - told, >=, G_USEC_PER_SEC - 50000);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (item_status (batch, i), ==, 200);
  busy_clear (&busy);
}

/* A server that never stops saying 429: three tries per line, then the answer is reported. */
static void
test_retry_after_gives_up (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  Busy busy = { G_MAXUINT, "0", 429, NULL, NULL };
  g_autoptr(TlBatch) batch = busy_batch (server, &busy, 2, 2);

  run_to_end (batch, NULL);
  g_assert_cmpuint (busy.times->len, ==, 6);
  g_assert_cmpuint (item_status (batch, 0), ==, 429);
  g_assert_cmpuint (item_status (batch, 1), ==, 429);
  g_assert_cmpint (tl_batch_get_exit_status (batch), ==, 5);
  busy_clear (&busy);
}

/* Asked to wait longer than a line may (120 s > 60 s): not waited, reported at once; and a wait
 * the person stops ends the run at once. */
static void
test_retry_after_bounded_and_cancellable (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SoupServer) server2 = soup_server_new (NULL, NULL);
  Busy busy = { G_MAXUINT, "120", 429, NULL, NULL };
  Busy busy2 = { G_MAXUINT, "30", 429, NULL, NULL };
  g_autoptr(TlBatch) batch = busy_batch (server, &busy, 1, 2);
  g_autoptr(TlBatch) batch2 = busy_batch (server2, &busy2, 1, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  run_to_end (batch, NULL);
  g_assert_cmpuint (busy.times->len, ==, 2);
  g_assert_cmpuint (item_status (batch, 0), ==, 429);
  /* told 120 s: not waited (a generous bound; the real figure is milliseconds) */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);

  tl_batch_run_async (batch2, cancellable, on_done, &res);
  while (busy2.times->len < 1)
    g_main_context_iteration (NULL, TRUE);
  /* now the first line waits its 30 s: stop */
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tl_batch_run_finish (batch2, res, &error));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED);
  g_assert_cmpuint (busy2.times->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 25 * G_USEC_PER_SEC);
  busy_clear (&busy);
  busy_clear (&busy2);
}

/* The lines read in a worker thread give the same items as tl_batch_add_text(), numbered by
 * their line (blank lines, comments, CRLF and surrounding blanks as there), appended after what
 * the batch holds; a cancelled read adds nothing. */
static void
test_add_text_async (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlBatch) batch = make_batch (demo, 2);
  g_autoptr(TlBatch) cancelled_batch = make_batch (demo, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GAsyncResult) res2 = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items = tl_batch_get_items (batch);
  static const guint lines[] = { 1, 5, 7, 9 };
  guint added = 0;

  g_assert_cmpuint (tl_batch_add_text (batch, "M1 first-line-token\n"), ==, 1);
  tl_batch_add_text_async (batch,
                           g_strdup ("M2 DemoValid+Token/01==\r\n"
                                     "\n"
                                     "  # a comment\n"
                                     "   \t \n"
                                     "\tM3 DemoExpired+Tok/01==  \n"
                                     "#\n"
                                     "only-a-token\r\n"
                                     "\n"
                                     "last-line-without-newline"),
                           NULL, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_batch_add_text_finish (batch, res, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (items, i);

      g_assert_cmpuint (tl_batch_item_get_index (item), ==, i);
      if (i > 0)
        g_assert_cmpuint (tl_batch_item_get_line (item), ==, lines[i - 1]);
    }
  {
    g_autoptr(TlBatchItem) m3 = g_list_model_get_item (items, 2);
    g_autoptr(TlBatchItem) bare = g_list_model_get_item (items, 3);

    g_assert_nonnull (tl_batch_item_get_input (m3));
    g_assert_cmpstr (tl_input_get_customer_id (tl_batch_item_get_input (m3)), ==, "M3");
    g_assert_cmpstr (tl_input_get_token (tl_batch_item_get_input (m3)), ==, "DemoExpired+Tok/01==");
    g_assert_nonnull (tl_batch_item_get_input_error (bare));
  }

  /* more lines than one main-loop iteration reads */
  {
    g_autoptr(TlBatch) big = make_batch (demo, 2);
    g_autoptr(GAsyncResult) res3 = NULL;
    GString *text = g_string_new (NULL);
    guint expected = 0;

    for (guint i = 1; i <= 10000; i++)
      {
        if (i % 7 == 0)
          g_string_append (text, "\n");
        else
          {
            g_string_append_printf (text, "M%u %s\n", i, tl_demo_token (TL_DEMO_VALID));
            expected++;
          }
      }
    tl_batch_add_text_async (big, g_string_free (text, FALSE), NULL, on_done, &res3);
    while (res3 == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tl_batch_add_text_finish (big, res3, &added, &error));
    g_assert_cmpuint (added, ==, expected);
    for (guint i = 0; i < expected; i += 997)
      {
        g_autoptr(TlBatchItem) item = g_list_model_get_item (tl_batch_get_items (big), i);
        guint line = tl_batch_item_get_line (item);
        g_autofree char *customer = g_strdup_printf ("M%u", line);

        g_assert_cmpuint (line % 7, !=, 0);
        g_assert_cmpuint (line, ==, i + 1 + i / 6);   /* every 7th line is blank */
        g_assert_cmpstr (tl_input_get_customer_id (tl_batch_item_get_input (item)), ==, customer);
      }
  }

  g_cancellable_cancel (cancellable);
  tl_batch_add_text_async (cancelled_batch, g_strdup ("M2 DemoValid+Token/01==\n"), cancellable, on_done, &res2);
  while (res2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tl_batch_add_text_finish (cancelled_batch, res2, &added, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (tl_batch_get_items (cancelled_batch)), ==, 0);
}

/* The batch window's "nothing to look up" check follows the same rule as the items made. */
static void
test_text_has_lines (void)
{
  g_assert_false (tl_batch_text_has_lines (NULL));
  g_assert_false (tl_batch_text_has_lines (""));
  g_assert_false (tl_batch_text_has_lines ("\n \t\r\n  # a comment with M1 token\n#\n   "));
  g_assert_true (tl_batch_text_has_lines ("# comment\n\n  x"));
  g_assert_true (tl_batch_text_has_lines ("M1 DemoValid+Token/01==\r\n"));
  g_assert_true (tl_batch_text_has_lines ("a#b"));
}

/* What a drop counts (one lookup fills the form, more open the batch window) is what the
 * batch makes items of. */
static void
test_text_count_lines (void)
{
  const char *text = "# header\r\nM1 DemoValid+Token/01==\r\n\n  \t\n  # M2 not this\nM3 DemoExpired+Tok/01==\n";
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new ("https://connect.example", "user", "pw", NULL, FALSE);
  g_autoptr(TlBatch) batch = tl_batch_new (client, account, 1);

  g_assert_cmpuint (tl_batch_text_count_lines (NULL, 10), ==, 0);
  g_assert_cmpuint (tl_batch_text_count_lines ("\n \t\r\n  # a comment\n#\n   ", 10), ==, 0);
  g_assert_cmpuint (tl_batch_text_count_lines ("M1 DemoValid+Token/01==\r\n", 10), ==, 1);
  g_assert_cmpuint (tl_batch_text_count_lines (text, 10), ==, 2);
  g_assert_cmpuint (tl_batch_text_count_lines (text, 1), ==, 1);
  g_assert_cmpuint (tl_batch_add_text (batch, text), ==, tl_batch_text_count_lines (text, G_MAXUINT));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch/run-in-order", test_run_in_order);
  g_test_add_func ("/batch/add-text-async", test_add_text_async);
  g_test_add_func ("/batch/text-has-lines", test_text_has_lines);
  g_test_add_func ("/batch/text-count-lines", test_text_count_lines);
  g_test_add_func ("/batch/stop", test_stop);
  g_test_add_func ("/batch/stream", test_stream);
  g_test_add_func ("/batch/log-lines-not-sent", test_log_lines_not_sent);
  g_test_add_func ("/batch/kinds-and-retry-failed", test_kinds_and_retry_failed);
  g_test_add_func ("/batch/retry-after", test_retry_after);
  g_test_add_func ("/batch/retry-after-holds-everyone", test_retry_after_holds_everyone);
  g_test_add_func ("/batch/retry-after-gives-up", test_retry_after_gives_up);
  g_test_add_func ("/batch/retry-after-bounded-and-cancellable", test_retry_after_bounded_and_cancellable);

  return g_test_run ();
}
