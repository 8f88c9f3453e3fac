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

/* Clear History with Undo: what was taken comes back in its order, after anything added since. */
static void
test_take_all_and_put_back (void)
{
  g_autoptr(TlHistory) history = filled_history ();
  GListModel *model = tl_history_get_model (history);
  g_autoptr(GPtrArray) taken = tl_history_take_all (history);
  g_autoptr(TlHistoryEntry) first = NULL;
  g_autoptr(TlHistoryEntry) last = NULL;

  g_assert_cmpuint (taken->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  tl_history_put_back (history, taken);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, 2);
  g_assert_cmpstr (tl_history_entry_get_customer_id (first), ==, "M2");
  g_assert_cmpstr (tl_history_entry_get_order_id (last), ==, "ORD-2026-118305");
  /* still this session's: the result is there to show again */
  g_assert_nonnull (tl_history_entry_get_result (last));
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

typedef enum { DEEP, RANDOM, HUGE, EMPTY, DIRECTORY, NOT_HISTORY } Damage;

static void
make_damaged (const char *path,
              Damage      damage)
{
  g_autoptr(GError) error = NULL;

  switch (damage)
    {
    case DEEP:
      {
        /* 200 000 levels: json-glib would recurse until the stack overflows */
        g_autoptr(GString) deep = g_string_new ("{\"entries\":");
        for (guint i = 0; i < 200000; i++)
          g_string_append_c (deep, '[');
        g_assert_true (g_file_set_contents (path, deep->str, deep->len, &error));
      }
      break;
    case RANDOM:
      {
        guchar bytes[4096];
        g_autoptr(GRand) rand = g_rand_new_with_seed (42);
        for (guint i = 0; i < sizeof bytes; i++)
          bytes[i] = (guchar) g_rand_int_range (rand, 0, 256);
        g_assert_true (g_file_set_contents (path, (char *) bytes, sizeof bytes, &error));
      }
      break;
    case HUGE:
      {
        gsize size = 50 * 1024 * 1024;
        g_autofree char *big = g_malloc (size);
        memset (big, ' ', size);
        memcpy (big, "{\"entries\":[]}", 14);
        g_assert_true (g_file_set_contents (path, big, size, &error));
      }
      break;
    case EMPTY:
      g_assert_true (g_file_set_contents (path, "", 0, &error));
      break;
    case DIRECTORY:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      break;
    case NOT_HISTORY:
      g_assert_true (g_file_set_contents (path, "[1,2,3]", -1, &error));
      break;
    }
  g_assert_no_error (error);
}

/* A damaged file is moved aside, reported, never parsed further and never written over; the
 * app then starts with a new one. */
static void
test_damaged_file (gconstpointer data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("tl-history-damaged-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.json", NULL);
  g_autoptr(TlHistory) fresh = filled_history ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *saved = NULL;
  GStatBuf before, after;

  make_damaged (path, damage);
  g_assert_cmpint (g_lstat (path, &before), ==, 0);

  entries = tl_history_read_file (path, &aside, &error);
  g_assert_null (entries);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_nonnull (strstr (aside, ".damaged-"));

  /* the damaged file is kept as it was, under its new name */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_lstat (aside, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mode, ==, before.st_mode);

  /* and the next save starts a new history beside it */
  g_clear_error (&error);
  g_assert_true (tl_history_save (fresh, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "ORD-2026-118305"));
  g_assert_cmpint (g_lstat (aside, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);

  if (damage == DIRECTORY)
    g_rmdir (aside);
  else
    g_unlink (aside);
  g_unlink (path);
  g_rmdir (dir);
}

/* A directory that appears where the file goes is not written over. */
static void
test_save_refuses_directory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tl-history-dir-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.json", NULL);
  g_autoptr(TlHistory) history = filled_history ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (tl_history_save (history, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_rmdir (path);
  g_rmdir (dir);
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

/* The saved history: read once, saved in the background, removed when remembering stops. */

typedef struct
{
  TlDemoServer *demo;
  TlClient     *client;
  TlAccount    *account;
  char         *dir;
  char         *path;
  guint         saved;
  GPtrArray    *messages;
} FileFixture;

static void
on_saved (TlHistory   *history,
          FileFixture *fixture)
{
  fixture->saved++;
}

static void
on_message (TlHistory   *history,
            const char  *text,
            FileFixture *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (text));
}

static void
file_fixture_set_up (FileFixture   *fixture,
                     gconstpointer  data)
{
  fixture->demo = tl_demo_server_new (NULL);
  fixture->client = tl_client_new ();
  fixture->account = tl_account_new (tl_demo_server_get_base_url (fixture->demo), TL_DEMO_USERNAME,
                                     TL_DEMO_PASSWORD, NULL, TRUE);
  fixture->dir = g_dir_make_tmp ("tl-history-file-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "history.json", NULL);
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
file_fixture_tear_down (FileFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_ptr_array_unref (fixture->messages);
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->demo);
}

static TlHistory *
file_history (FileFixture *fixture)
{
  TlHistory *history = tl_history_new_for_path (fixture->path);

  g_signal_connect (history, "saved", G_CALLBACK (on_saved), fixture);
  g_signal_connect (history, "message", G_CALLBACK (on_message), fixture);
  return history;
}

static void
add_lookup (FileFixture *fixture,
            TlHistory   *history,
            const char  *customer)
{
  g_autoptr(TlLookupResult) result = lookup (fixture->client, fixture->account, customer,
                                             tl_demo_token (TL_DEMO_VALID));

  tl_history_add (history, result, tl_demo_token (TL_DEMO_VALID), "Demo server");
}

static void
wait_until_done (TlHistory *history)
{
  while (tl_history_is_busy (history))
    g_main_context_iteration (NULL, TRUE);
}

/* The worker thread that wrote the file lets go of its task (and the history with it) after the
 * answer has been handed to the main loop: until it has, the history is still referenced. */
static void
wait_released (TlHistory *history)
{
  while (G_OBJECT (history)->ref_count > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_thread_yield ();
    }
}

static char *
saved_text (FileFixture *fixture)
{
  char *text = NULL;

  if (!g_file_get_contents (fixture->path, &text, NULL, NULL))
    return NULL;
  return text;
}

/* Two lookups in a row are saved once, together; a later one is saved again. */
static void
test_file_coalesced (FileFixture   *fixture,
                     gconstpointer  data)
{
  TlHistory *history = file_history (fixture);
  g_autofree char *text = NULL;
  g_autofree char *later = NULL;

  tl_history_set_remember (history, TRUE);
  tl_history_restore (history);
  wait_until_done (history);
  g_assert_cmpuint (fixture->saved, ==, 0);

  add_lookup (fixture, history, "M101");
  add_lookup (fixture, history, "M102");
  wait_until_done (history);
  g_assert_cmpuint (fixture->saved, ==, 1);
  text = saved_text (fixture);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "M101"));
  g_assert_nonnull (strstr (text, "M102"));
  /* never a token */
  g_assert_null (strstr (text, tl_demo_token (TL_DEMO_VALID)));

  add_lookup (fixture, history, "M103");
  wait_until_done (history);
  g_assert_cmpuint (fixture->saved, ==, 2);
  later = saved_text (fixture);
  g_assert_nonnull (strstr (later, "M101"));
  g_assert_nonnull (strstr (later, "M103"));
  g_assert_cmpuint (fixture->messages->len, ==, 0);

  wait_released (history);
  g_assert_finalize_object (history);
}

/* A lookup made before the saved history has been read waits for it: the file is never
 * written over unread, and keeps the earlier sessions' entries. */
static void
test_file_waits_for_read (FileFixture   *fixture,
                          gconstpointer  data)
{
  TlHistory *history = file_history (fixture);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (fixture->path,
                                      "{\"entries\":[{\"time\":\"2026-11-27T10:00:00Z\","
                                      "\"customerId\":\"OLD1\",\"outcome\":\"valid\"}]}", -1, NULL));
  tl_history_set_remember (history, TRUE);
  add_lookup (fixture, history, "NEW1");
  wait_until_done (history);
  /* not read yet: nothing written */
  g_assert_cmpuint (fixture->saved, ==, 0);
  text = saved_text (fixture);
  g_assert_null (strstr (text, "NEW1"));
  g_clear_pointer (&text, g_free);

  tl_history_restore (history);
  wait_until_done (history);
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 2);
  g_assert_cmpuint (fixture->saved, ==, 1);
  text = saved_text (fixture);
  g_assert_nonnull (strstr (text, "OLD1"));
  g_assert_nonnull (strstr (text, "NEW1"));

  wait_released (history);
  g_assert_finalize_object (history);
}

/* Turned off, the saved history is removed, and nothing is written until it is turned on. */
static void
test_file_remember_off (FileFixture   *fixture,
                        gconstpointer  data)
{
  TlHistory *history = file_history (fixture);
  g_autofree char *text = NULL;

  tl_history_set_remember (history, TRUE);
  tl_history_restore (history);
  add_lookup (fixture, history, "M201");
  wait_until_done (history);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  tl_history_set_remember (history, FALSE);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  add_lookup (fixture, history, "M202");
  wait_until_done (history);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* a save that was due when it was turned off is not written */
  tl_history_set_remember (history, TRUE);
  add_lookup (fixture, history, "M203");
  tl_history_set_remember (history, FALSE);
  wait_until_done (history);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* on again: what there is so far is saved */
  tl_history_set_remember (history, TRUE);
  wait_until_done (history);
  text = saved_text (fixture);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "M201"));
  g_assert_nonnull (strstr (text, "M203"));

  /* forgetting clears the list and removes the file */
  tl_history_forget (history);
  wait_until_done (history);
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (fixture->messages->len, ==, 0);

  wait_released (history);
  g_assert_finalize_object (history);
}

/* A damaged saved history is moved aside, said so once, and kept as it was; the next save
 * starts a new one beside it. */
static void
test_file_damaged_kept (FileFixture   *fixture,
                        gconstpointer  data)
{
  static const char damaged[] = "{\"entries\": [ {\"time\": ";
  TlHistory *history = file_history (fixture);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  const char *name;

  g_assert_true (g_file_set_contents (fixture->path, damaged, -1, NULL));
  tl_history_set_remember (history, TRUE);
  tl_history_restore (history);
  add_lookup (fixture, history, "M301");
  wait_until_done (history);

  g_assert_cmpuint (fixture->messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->messages, 0), "damaged"));
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "history.json.damaged-"))
      aside = g_build_filename (fixture->dir, name, NULL);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->messages, 0), aside));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, damaged);

  text = saved_text (fixture);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "M301"));
  g_assert_cmpuint (fixture->saved, ==, 1);

  wait_released (history);
  g_assert_finalize_object (history);
}

/* A thousand lookups are kept, the newest first; the 1 001st pushes out the oldest. Only the
 * newest TL_HISTORY_MAX_FULL_ENTRIES keep their whole answer. */
static void
test_thousand_entries (void)
{
  g_autoptr(TlHistory) source = filled_history ();
  g_autoptr(TlHistoryEntry) first = g_list_model_get_item (tl_history_get_model (source), 2);
  g_autoptr(TlHistory) history = tl_history_new ();
  GListModel *model = tl_history_get_model (history);
  TlLookupResult *result = tl_history_entry_get_result (first);

  for (guint i = 0; i < 1000; i++)
    tl_history_add (history, result, tl_demo_token (TL_DEMO_VALID), i == 0 ? "the oldest" : "Demo server");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  {
    g_autoptr(TlHistoryEntry) oldest = g_list_model_get_item (model, 999);
    g_autoptr(TlHistoryEntry) full = g_list_model_get_item (model, TL_HISTORY_MAX_FULL_ENTRIES - 1);
    g_autoptr(TlHistoryEntry) summary = g_list_model_get_item (model, TL_HISTORY_MAX_FULL_ENTRIES);

    g_assert_cmpstr (tl_history_entry_get_account (oldest), ==, "the oldest");
    g_assert_nonnull (tl_history_entry_get_result (full));
    g_assert_null (tl_history_entry_get_result (summary));
    g_assert_cmpstr (tl_history_entry_get_order_id (summary), ==, "ORD-2026-118305");
  }
  tl_history_add (history, result, tl_demo_token (TL_DEMO_VALID), "Demo server");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  {
    g_autoptr(TlHistoryEntry) oldest = g_list_model_get_item (model, 999);

    g_assert_cmpstr (tl_history_entry_get_account (oldest), ==, "Demo server");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/session-entries", test_session_entries);
  g_test_add_func ("/history/thousand-entries", test_thousand_entries);
  g_test_add_func ("/history/take-all-and-put-back", test_take_all_and_put_back);
  g_test_add_func ("/history/saved-without-tokens", test_saved_without_tokens);
  g_test_add_func ("/history/damaged-and-missing", test_damaged_and_missing);
  g_test_add_func ("/history/unwritable", test_unwritable);
  g_test_add_data_func ("/history/damaged/deep", GINT_TO_POINTER (DEEP), test_damaged_file);
  g_test_add_data_func ("/history/damaged/random-bytes", GINT_TO_POINTER (RANDOM), test_damaged_file);
  g_test_add_data_func ("/history/damaged/50-MiB", GINT_TO_POINTER (HUGE), test_damaged_file);
  g_test_add_data_func ("/history/damaged/empty", GINT_TO_POINTER (EMPTY), test_damaged_file);
  g_test_add_data_func ("/history/damaged/directory", GINT_TO_POINTER (DIRECTORY), test_damaged_file);
  g_test_add_data_func ("/history/damaged/not-history", GINT_TO_POINTER (NOT_HISTORY), test_damaged_file);
  g_test_add_func ("/history/save-refuses-directory", test_save_refuses_directory);
  g_test_add ("/history/file/coalesced", FileFixture, NULL,
              file_fixture_set_up, test_file_coalesced, file_fixture_tear_down);
  g_test_add ("/history/file/waits-for-read", FileFixture, NULL,
              file_fixture_set_up, test_file_waits_for_read, file_fixture_tear_down);
  g_test_add ("/history/file/remember-off", FileFixture, NULL,
              file_fixture_set_up, test_file_remember_off, file_fixture_tear_down);
  g_test_add ("/history/file/damaged-kept", FileFixture, NULL,
              file_fixture_set_up, test_file_damaged_kept, file_fixture_tear_down);

  return g_test_run ();
}
