/* test-batch.c: tl-batch, the engine of `--batch` and the batch window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

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
    }

  csv = tl_batch_to_csv (batch);
  g_assert_true (g_str_has_prefix (csv, "line,token,customerId,orderId,outcome,status,requestId,account\r\n"));
  g_assert_nonnull (strstr (csv, "\"3\",\"Demo…01== sha256:"));
  g_assert_nonnull (strstr (csv, "\"M0\",\"ORD-2024-000417\",\"Expired\",\"200\",\"demo-0f6c2a1e\",\"Demo server\"\r\n"));
  for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
    g_assert_null (strstr (csv, tl_demo_token (i)));
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
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

  tl_demo_server_set_slow_delay (demo, 2000);
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (text, "M%u %s\n", i, tl_demo_token (TL_DEMO_SLOW));
  tl_batch_add_text (batch, text->str);
  g_timeout_add (200, cancel_soon, cancellable);
  tl_batch_run_async (batch, cancellable, on_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (tl_batch_run_finish (batch, res, &error));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED);
  /* the two running were cancelled; the other eight never started */
  g_assert_cmpuint (tl_batch_get_n_done (batch), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/batch/run-in-order", test_run_in_order);
  g_test_add_func ("/batch/stop", test_stop);

  return g_test_run ();
}
