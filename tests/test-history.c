/* test-history.c: what the history keeps in memory, and what it saves (never a token)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "tl-client.h"
#include "tl-demo-server.h"
#include "tl-history.h"

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup (TlClient   *client,
        TlAccount  *account,
        const char *customer,
        const char *token)
{
  TlLookupResult *result = NULL;

  tl_client_lookup_async (client, account, customer, token, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static TlHistory *
filled_history (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME,
                                                 TL_DEMO_PASSWORD, NULL, TRUE);
  TlHistory *history = tl_history_new ();
  const TlDemoToken tokens[] = { TL_DEMO_VALID, TL_DEMO_FORBIDDEN, TL_DEMO_EXPIRED };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(TlLookupResult) result = lookup (client, account, i == 2 ? "M2" : "M11385", tl_demo_token (tokens[i]));
      tl_history_add (history, result, tl_demo_token (tokens[i]), "Demo server");
    }
  return history;
}

static void
test_session_entries (void)
{
  g_autoptr(TlHistory) history = filled_history ();
  GListModel *model = tl_history_get_model (history);
  g_autoptr(TlHistoryEntry) newest = g_list_model_get_item (model, 0);
  g_autoptr(TlHistoryEntry) oldest = g_list_model_get_item (model, 2);
  g_autoptr(TlHistoryEntry) middle = g_list_model_get_item (model, 1);
  g_autofree char *described = tl_history_entry_describe (middle);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (tl_history_entry_get_customer_id (newest), ==, "M2");
  g_assert_cmpstr (tl_history_entry_get_outcome (newest), ==, "expired");
  g_assert_cmpstr (tl_history_entry_get_order_id (oldest), ==, "ORD-2026-118305");
  g_assert_cmpstr (tl_history_entry_get_outcome (oldest), ==, "valid");
  g_assert_cmpstr (tl_history_entry_get_outcome (middle), ==, "forbidden");
  g_assert_cmpstr (described, ==, "No access to this customer");
  /* this session: the result and the token stay in memory for "look up again" */
  g_assert_nonnull (tl_history_entry_get_result (oldest));
  g_assert_cmpstr (tl_history_entry_get_token (oldest), ==, tl_demo_token (TL_DEMO_VALID));
}

static void
test_saved_without_tokens (void)
{
  g_autoptr(TlHistory) history = filled_history ();
  g_autoptr(TlHistory) loaded = tl_history_new ();
  g_autofree char *dir = g_dir_make_tmp ("tl-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "history.json", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlHistoryEntry) first = NULL;
  GStatBuf st;

  g_assert_true (tl_history_save (history, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
    g_assert_null (strstr (saved, tl_demo_token (i)));
  g_assert_null (strstr (saved, TL_DEMO_PASSWORD "\""));
  g_assert_nonnull (strstr (saved, "sha256:"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (tl_history_load (loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (loaded)), ==, 3);
  first = g_list_model_get_item (tl_history_get_model (loaded), 0);
  g_assert_cmpstr (tl_history_entry_get_customer_id (first), ==, "M2");
  g_assert_null (tl_history_entry_get_token (first));
  g_assert_null (tl_history_entry_get_result (first));

  g_unlink (path);
  g_autofree char *sub = g_path_get_dirname (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_damaged_and_missing (void)
{
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tl_history_load (history, "/nonexistent/tl/history.json", &error));
  g_assert_no_error (error);
  g_assert_false (tl_history_load_json (history, "[1,2,3]", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (tl_history_load_json (history, "{not json", &error));
  g_clear_error (&error);
  /* unreadable entries are skipped, readable ones kept */
  g_assert_true (tl_history_load_json (history, "{\"entries\":[1,{\"time\":\"bad\"},"
                                       "{\"time\":\"2026-11-27T10:00:00Z\",\"customerId\":\"M1\",\"outcome\":\"valid\"}]}", &error));
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 1);
}

static void
test_unwritable (void)
{
  g_autoptr(TlHistory) history = filled_history ();
  g_autoptr(GError) error = NULL;

  if (getuid () == 0)
    {
      /* root writes anywhere; a path under a regular file cannot be created by anyone */
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;
      int fd = g_file_open_tmp ("tl-history-file-XXXXXX", &file, NULL);

      close (fd);
      path = g_build_filename (file, "history.json", NULL);
      g_assert_false (tl_history_save (history, path, &error));
      g_unlink (file);
    }
  else
    g_assert_false (tl_history_save (history, "/proc/tl-history/history.json", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (strlen (error->message), >, 5);
  /* nothing lost: the entries are still there */
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/session-entries", test_session_entries);
  g_test_add_func ("/history/saved-without-tokens", test_saved_without_tokens);
  g_test_add_func ("/history/damaged-and-missing", test_damaged_and_missing);
  g_test_add_func ("/history/unwritable", test_unwritable);

  return g_test_run ();
}
