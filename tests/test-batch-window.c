/* test-batch-window.c: the batch window's lines, and the rows of its table (TlBatchRows). Needs a
 * display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-batch-window.h"
#include "tl-batch-window-private.h"
#include "widget-test.h"

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
  GtkWidget *window = g_object_ref (g_object_new (TL_TYPE_BATCH_WINDOW, NULL));
  GtkTextView *view = GTK_TEXT_VIEW (tl_widget_test_find_type (window, GTK_TYPE_TEXT_VIEW));
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
  g_assert_finalize_object (window);
}

/* The rows' lines, by their line numbers, once the filter and the sorting are worked out. */
static GArray *
shown_lines (TlBatchRows *rows)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));

  while (tl_batch_rows_is_busy (rows))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < tl_batch_rows_get_n_shown (rows); i++)
    {
      g_autoptr(TlBatchRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      guint line = tl_batch_item_get_line (tl_batch_row_get_item (row));

      g_array_append_val (lines, line);
    }
  return lines;
}

static void
assert_lines (TlBatchRows *rows,
              const char  *expected)
{
  g_autoptr(GArray) lines = shown_lines (rows);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (got, "%s%u", i ? " " : "", g_array_index (lines, guint, i));
  g_assert_cmpstr (got->str, ==, expected);
}

static gboolean
only_customer_m2 (TlBatchItem *item,
                  gpointer     user_data)
{
  return g_strcmp0 (tl_batch_item_get_customer_id (item), "M2") == 0;
}

static gboolean
not_lookups (TlBatchItem *item,
             gpointer     user_data)
{
  return tl_batch_item_get_kind (item) == TL_BATCH_KIND_NOT_LOOKUP;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

/* The table's rows: every line, then filtered and sorted as asked (by the Result column: the
 * lines that are not lookups before those waiting, each in line order; the other way round all
 * reversed; by customer ID, equal IDs in line order). A filter changes what a position's row
 * shows, not the rows: the table hears only of positions taken away or added at the end. */
static void
test_batch_rows_filter_and_sort (void)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new ("https://connect.example", "user", "pw", NULL, FALSE);
  g_autoptr(TlBatch) batch = tl_batch_new (client, account, 1);
  g_autoptr(TlBatchRows) rows = tl_batch_rows_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(TlBatchRow) first = NULL;
  TlBatchItem *first_item;

  tl_batch_add_text (batch, "M3 DemoValid+Token/01==\n"
                            "not a lookup\n"
                            "M2 DemoValid+Token/01==\n"
                            "M1 DemoValid+Token/01==\n"
                            "also not one\n"
                            "M2 DemoExpired+Tok/01==\n");
  tl_batch_rows_set_items (rows, tl_batch_get_items (batch));
  assert_lines (rows, "1 2 3 4 5 6");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 6);
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  first_item = tl_batch_row_get_item (first);
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), log);

  tl_batch_rows_set_sort (rows, TL_BATCH_SORT_OUTCOME, FALSE);
  assert_lines (rows, "2 5 1 3 4 6");
  g_assert_cmpstr (log->str, ==, "");
  /* the same row, another line */
  g_assert_true (tl_batch_row_get_item (first) != first_item);
  tl_batch_rows_set_sort (rows, TL_BATCH_SORT_OUTCOME, TRUE);
  assert_lines (rows, "6 4 3 1 5 2");
  tl_batch_rows_set_sort (rows, TL_BATCH_SORT_CUSTOMER, FALSE);
  assert_lines (rows, "2 5 4 3 6 1");
  tl_batch_rows_set_sort (rows, TL_BATCH_SORT_LINE, TRUE);
  assert_lines (rows, "6 5 4 3 2 1");

  /* a stricter filter keeps the order */
  tl_batch_rows_set_filter (rows, only_customer_m2, NULL);
  tl_batch_rows_refresh (rows, GTK_FILTER_CHANGE_MORE_STRICT);
  assert_lines (rows, "6 3");
  g_assert_cmpstr (log->str, ==, "2-4+0;");
  tl_batch_rows_set_filter (rows, not_lookups, NULL);
  tl_batch_rows_refresh (rows, GTK_FILTER_CHANGE_DIFFERENT);
  assert_lines (rows, "5 2");
  tl_batch_rows_set_filter (rows, NULL, NULL);
  tl_batch_rows_set_sort (rows, TL_BATCH_SORT_NONE, FALSE);
  assert_lines (rows, "1 2 3 4 5 6");
  g_assert_cmpstr (log->str, ==, "2-4+0;2-0+4;");
  g_assert_true (tl_batch_row_get_item (first) == first_item);

  tl_batch_rows_set_items (rows, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/batch-window/lines-show-invisibles", test_batch_lines_show_invisibles);
  g_test_add_func ("/batch-window/rows-filter-and-sort", test_batch_rows_filter_and_sort);

  return g_test_run ();
}
