/* test-history-panel.c: the history panel shows a list model of lookups as rows, says when there
 * are none, and tells its window which lookup the person chose. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-history-panel.h"
#include "tl-history-row.h"
#include "widget-test.h"

/* The entries of a history file holding @entries_json, in a store of the test's own. */
static GListStore *
saved_entries (const char *entries_json)
{
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"version\":1,\"entries\":[%s]}", entries_json);
  GListModel *model;
  GListStore *store = g_list_store_new (TL_TYPE_HISTORY_ENTRY);

  g_assert_true (tl_history_load_json (history, json, &error));
  g_assert_no_error (error);
  model = tl_history_get_model (history);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TlHistoryEntry) entry = g_list_model_get_item (model, i);

      g_list_store_append (store, entry);
    }
  return store;
}

#define ENTRY(customer, order, outcome) \
  "{\"time\":\"2026-03-04T10:01:02+00\",\"customerId\":\"" customer "\",\"orderId\":\"" order "\"," \
  "\"outcome\":\"" outcome "\"}"

static GPtrArray *
rows_of (GtkWidget *panel)
{
  GtkWidget *list = tl_widget_test_find_type (panel, GTK_TYPE_LIST_BOX);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (TL_IS_HISTORY_ROW (child) && gtk_widget_get_visible (child))
      g_ptr_array_add (rows, child);
  return rows;
}

static gboolean
shows_placeholder (GtkWidget *panel)
{
  GtkLabel *placeholder = tl_widget_test_find_label (panel, "No lookups yet");

  return placeholder != NULL && gtk_widget_get_child_visible (GTK_WIDGET (placeholder)) &&
         gtk_widget_get_visible (GTK_WIDGET (placeholder));
}

static void
test_history_panel_rows (void)
{
  g_autoptr(GListStore) store = saved_entries (ENTRY ("M1", "ORD-1", "valid") "," ENTRY ("M2", "ORD-2", "expired"));
  g_autoptr(GListStore) more = saved_entries (ENTRY ("M3", "ORD-3", "valid"));
  g_autoptr(TlHistoryEntry) newest = g_list_model_get_item (G_LIST_MODEL (more), 0);
  GtkWidget *panel = g_object_ref_sink (g_object_new (TL_TYPE_HISTORY_PANEL, NULL));
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *labels = NULL;

  /* nothing bound yet: the panel says so */
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (shows_placeholder (panel));

  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_false (shows_placeholder (panel));
  labels = tl_widget_test_labels (panel);
  g_assert_true (g_str_has_prefix (labels, "History\n"));
  g_assert_nonnull (strstr (labels, "M1 · ORD-1\n"));
  g_assert_nonnull (strstr (labels, "M2 · ORD-2\n"));
  g_assert_true (strstr (labels, "M1 · ORD-1\n") < strstr (labels, "M2 · ORD-2\n"));
  g_clear_pointer (&labels, g_free);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a new lookup goes on top while the panel is shown */
  g_list_store_insert (store, 0, newest);
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (tl_history_row_get_entry (g_ptr_array_index (rows, 0)) == newest);
  labels = tl_widget_test_labels (panel);
  g_assert_true (strstr (labels, "M3 · ORD-3\n") < strstr (labels, "M1 · ORD-1\n"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* cleared: the placeholder again */
  g_list_store_remove_all (store);
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);
  g_assert_true (shows_placeholder (panel));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* unbound when the panel is hidden: the rows go */
  g_list_store_append (store, newest);
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), NULL);
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);

  g_assert_finalize_object (panel);
}

static void
on_entry_activated (TlHistoryPanel *panel,
                    TlHistoryEntry *entry,
                    GPtrArray      *activated)
{
  g_assert_true (TL_IS_HISTORY_ENTRY (entry));
  g_ptr_array_add (activated, g_object_ref (entry));
}

static void
test_history_panel_activate (void)
{
  g_autoptr(GListStore) store = saved_entries (ENTRY ("M1", "ORD-1", "valid") "," ENTRY ("M2", "ORD-2", "expired")
                                               "," ENTRY ("M3", "ORD-3", "not-found"));
  g_autoptr(TlHistoryEntry) second = g_list_model_get_item (G_LIST_MODEL (store), 1);
  g_autoptr(TlHistoryEntry) third = g_list_model_get_item (G_LIST_MODEL (store), 2);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *panel = g_object_new (TL_TYPE_HISTORY_PANEL, NULL);
  GtkWidget *list = tl_widget_test_find_type (panel, GTK_TYPE_LIST_BOX);
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;

  g_signal_connect (panel, "entry-activated", G_CALLBACK (on_entry_activated), activated);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  tl_widget_test_show (window);
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, ==, 3);
  /* whatever the focus coming into the list did, nothing is chosen yet */
  tl_history_panel_unselect_all (TL_HISTORY_PANEL (panel));
  tl_widget_test_flush ();
  g_ptr_array_set_size (activated, 0);

  /* a click, Enter, a screen reader's "activate" (the list selects, then activates): that
   * row's lookup, once */
  gtk_widget_activate (g_ptr_array_index (rows, 1));
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == second);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) == g_ptr_array_index (rows, 1));
  tl_widget_test_flush ();

  /* selected only (the arrow keys, a screen reader's selection): shown too */
  g_ptr_array_set_size (activated, 0);
  gtk_list_box_select_row (GTK_LIST_BOX (list), g_ptr_array_index (rows, 2));
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == third);
  tl_widget_test_flush ();

  /* Enter on the row already selected, later: shown again (the person may have typed since) */
  g_ptr_array_set_size (activated, 0);
  gtk_widget_activate (g_ptr_array_index (rows, 2));
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == third);
  tl_widget_test_flush ();

  /* the keyboard: focus on the second row, Enter */
  g_ptr_array_set_size (activated, 0);
  gtk_widget_grab_focus (g_ptr_array_index (rows, 1));
  g_signal_emit_by_name (list, "activate-cursor-row");
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == second);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) == g_ptr_array_index (rows, 1));
  tl_widget_test_flush ();

  /* a new lookup on screen: no row is selected, and nothing is shown for it */
  g_ptr_array_set_size (activated, 0);
  tl_history_panel_unselect_all (TL_HISTORY_PANEL (panel));
  g_assert_null (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)));
  g_assert_cmpuint (activated->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Entries from a history file someone else wrote: shown as text, controls visible. */
static void
test_history_panel_hostile_strings (void)
{
  g_autoptr(GListStore) store = saved_entries (ENTRY ("M1\\u202Egnp.exe", "<b>ORD</b>\\u200B&amp;", "<i>odd</i>"));
  GtkWidget *panel = g_object_ref_sink (g_object_new (TL_TYPE_HISTORY_PANEL, NULL));
  g_autofree char *labels = NULL;

  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  labels = tl_widget_test_labels (panel);
  g_assert_nonnull (strstr (labels, "M1<U+202E>gnp.exe · <b>ORD</b><U+200B>&amp;\n"));
  g_assert_nonnull (strstr (labels, " · <i>odd</i>\n"));
  g_assert_null (strstr (labels, "\u202E"));
  g_assert_null (strstr (labels, "\u200B"));
  g_assert_false (tl_widget_test_shows_markup (panel, "ORD"));
  g_assert_false (tl_widget_test_shows_markup (panel, "odd"));

  g_assert_finalize_object (panel);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/history-panel/rows", test_history_panel_rows);
  g_test_add_func ("/history-panel/activate", test_history_panel_activate);
  g_test_add_func ("/history-panel/hostile-strings", test_history_panel_hostile_strings);

  return g_test_run ();
}
