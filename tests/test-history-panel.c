/* test-history-panel.c: the history panel shows a list model of lookups as rows (only those in
 * view), says when there are none, and tells its window which lookup the person chose. Needs a display (Xvfb).
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

/* The rows the list view has made, in order (a list view makes rows only for what is in view
 * and around it: a panel not in a window has none). */
static GPtrArray *
rows_of (GtkWidget *panel)
{
  GtkWidget *list = tl_widget_test_find_type (panel, GTK_TYPE_LIST_VIEW);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *item = gtk_widget_get_first_child (list); item; item = gtk_widget_get_next_sibling (item))
    for (GtkWidget *child = gtk_widget_get_first_child (item); child; child = gtk_widget_get_next_sibling (child))
      if (TL_IS_HISTORY_ROW (child) && gtk_widget_get_visible (item) && tl_history_row_get_entry (TL_HISTORY_ROW (child)))
        g_ptr_array_add (rows, child);
  return rows;
}

/* The panel in a window of its own, shown: a list view makes its rows when it is laid out. */
static GtkWidget *
shown_panel (GtkWidget **window)
{
  GtkWidget *panel = g_object_new (TL_TYPE_HISTORY_PANEL, NULL);

  *window = g_object_ref (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (*window), 300, 600);
  gtk_window_set_child (GTK_WINDOW (*window), panel);
  tl_widget_test_show (*window);
  return panel;
}

static gboolean
shows_placeholder (GtkWidget *panel)
{
  GtkLabel *placeholder = tl_widget_test_find_label (panel, "No lookups yet");

  return placeholder != NULL && gtk_widget_get_child_visible (GTK_WIDGET (placeholder)) &&
         gtk_widget_get_visible (GTK_WIDGET (placeholder)) && gtk_widget_get_mapped (GTK_WIDGET (placeholder));
}

static void
test_history_panel_rows (void)
{
  g_autoptr(GListStore) store = saved_entries (ENTRY ("M1", "ORD-1", "valid") "," ENTRY ("M2", "ORD-2", "expired"));
  g_autoptr(GListStore) more = saved_entries (ENTRY ("M3", "ORD-3", "valid"));
  g_autoptr(TlHistoryEntry) newest = g_list_model_get_item (G_LIST_MODEL (more), 0);
  GtkWidget *window = NULL;
  GtkWidget *panel = shown_panel (&window);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *labels = NULL;

  /* nothing bound yet: the panel says so */
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (shows_placeholder (panel));

  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  tl_widget_test_flush ();
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
  tl_widget_test_flush ();
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (tl_history_row_get_entry (g_ptr_array_index (rows, 0)) == newest);
  labels = tl_widget_test_labels (panel);
  g_assert_true (strstr (labels, "M3 · ORD-3\n") < strstr (labels, "M1 · ORD-1\n"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* cleared: the placeholder again */
  g_list_store_remove_all (store);
  tl_widget_test_flush ();
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);
  g_assert_true (shows_placeholder (panel));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* unbound when the panel is hidden: the rows go */
  g_list_store_append (store, newest);
  tl_widget_test_flush ();
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), NULL);
  tl_widget_test_flush ();
  g_assert_cmpuint ((rows = rows_of (panel))->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A thousand lookups: rows for what is in view and around it only, not a thousand, each with the words a screen reader says
 * for it (the list item it is in is given them: the GUI tests read them over AT-SPI). */
static void
test_history_panel_thousand (void)
{
  g_autoptr(GListStore) one = saved_entries (ENTRY ("M1", "ORD-1", "valid"));
  g_autoptr(TlHistoryEntry) entry = g_list_model_get_item (G_LIST_MODEL (one), 0);
  g_autoptr(GListStore) store = g_list_store_new (TL_TYPE_HISTORY_ENTRY);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *window = NULL;
  GtkWidget *panel = shown_panel (&window);
  GtkWidget *row;

  for (guint i = 0; i < 1000; i++)
    g_list_store_append (store, entry);
  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  tl_widget_test_flush ();
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, 250);   /* GTK 4.8 keeps up to 200 around the view */
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (tl_history_row_get_accessible_label (TL_HISTORY_ROW (row)), !=, NULL);
  g_assert_true (g_str_has_prefix (tl_history_row_get_accessible_label (TL_HISTORY_ROW (row)), "M1 · ORD-1, "));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
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
  GtkWidget *window = NULL;
  GtkWidget *panel = shown_panel (&window);
  GtkWidget *list = tl_widget_test_find_type (panel, GTK_TYPE_LIST_VIEW);
  g_autoptr(GPtrArray) activated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  GtkSelectionModel *selection;

  g_signal_connect (panel, "entry-activated", G_CALLBACK (on_entry_activated), activated);
  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  tl_widget_test_flush ();
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));
  rows = rows_of (panel);
  g_assert_cmpuint (rows->len, ==, 3);
  /* shown: no row is chosen, none looks chosen, nothing was shown for one */
  for (guint i = 0; i < 3; i++)
    g_assert_false (gtk_selection_model_is_selected (selection, i));
  g_assert_cmpuint (activated->len, ==, 0);
  /* a click on the newest row chooses it (a row selected from the start took no click) */
  gtk_widget_activate_action (gtk_widget_get_parent (g_ptr_array_index (rows, 0)), "listitem.select", "(bb)", FALSE, FALSE);
  g_assert_cmpuint (activated->len, ==, 1);
  tl_widget_test_flush ();
  /* whatever the focus coming into the list did, nothing is chosen yet */
  tl_history_panel_unselect_all (TL_HISTORY_PANEL (panel));
  tl_widget_test_flush ();
  g_ptr_array_set_size (activated, 0);

  /* a click, or a screen reader's selection: the list selects the row: that row's lookup, once */
  gtk_widget_activate_action (gtk_widget_get_parent (g_ptr_array_index (rows, 1)), "listitem.select", "(bb)", FALSE, FALSE);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == second);
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  /* and the activation that comes with it in the same event (a double click): not again */
  gtk_widget_activate_action (list, "list.activate-item", "u", 1);
  g_assert_cmpuint (activated->len, ==, 1);
  tl_widget_test_flush ();

  /* selected only (the arrow keys): shown too */
  g_ptr_array_set_size (activated, 0);
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == third);
  tl_widget_test_flush ();

  /* Enter on the row already selected, later: shown again (the person may have typed since) */
  g_ptr_array_set_size (activated, 0);
  gtk_widget_activate_action (list, "list.activate-item", "u", 2);
  g_assert_cmpuint (activated->len, ==, 1);
  g_assert_true (g_ptr_array_index (activated, 0) == third);
  tl_widget_test_flush ();

  /* a new lookup on screen: no row is selected, and nothing is shown for it */
  g_ptr_array_set_size (activated, 0);
  tl_history_panel_unselect_all (TL_HISTORY_PANEL (panel));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_false (gtk_selection_model_is_selected (selection, 2));
  g_assert_cmpuint (activated->len, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Entries from a history file someone else wrote: shown as text, controls visible. */
static void
test_history_panel_hostile_strings (void)
{
  g_autoptr(GListStore) store = saved_entries (ENTRY ("M1\\u202Egnp.exe", "<b>ORD</b>\\u200B&amp;", "<i>odd</i>"));
  GtkWidget *window = NULL;
  GtkWidget *panel = shown_panel (&window);
  g_autofree char *labels = NULL;

  tl_history_panel_set_model (TL_HISTORY_PANEL (panel), G_LIST_MODEL (store));
  tl_widget_test_flush ();
  labels = tl_widget_test_labels (panel);
  g_assert_nonnull (strstr (labels, "M1<U+202E>gnp.exe · <b>ORD</b><U+200B>&amp;\n"));
  g_assert_nonnull (strstr (labels, " · <i>odd</i>\n"));
  g_assert_null (strstr (labels, "\u202E"));
  g_assert_null (strstr (labels, "\u200B"));
  g_assert_false (tl_widget_test_shows_markup (panel, "ORD"));
  g_assert_false (tl_widget_test_shows_markup (panel, "odd"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/history-panel/rows", test_history_panel_rows);
  g_test_add_func ("/history-panel/activate", test_history_panel_activate);
  g_test_add_func ("/history-panel/thousand", test_history_panel_thousand);
  g_test_add_func ("/history-panel/hostile-strings", test_history_panel_hostile_strings);

  return g_test_run ();
}
