/* test-history-row.c: one lookup in the history panel: who, which order, when and the outcome,
 * with an icon and colour that say the same. Saved entries come from a file on disk, so every
 * string is shown as text with controls made visible. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-history-row.h"
#include "widget-test.h"

/* One saved entry, as tl_history_load_json() reads it from the history file. */
static TlHistoryEntry *
saved_entry (const char *customer_id_json,
             const char *order_id_json,
             const char *outcome_json)
{
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"version\":1,\"entries\":[{\"time\":\"2026-03-04T10:01:02+00\",\"customerId\":%s,"
    "\"orderId\":%s,\"outcome\":%s}]}", customer_id_json, order_id_json, outcome_json);

  g_assert_true (tl_history_load_json (history, json, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tl_history_get_model (history)), ==, 1);
  return g_list_model_get_item (tl_history_get_model (history), 0);
}

static char *
local_time (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2026-03-04T10:01:02+00", NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%X");
}

static void
check_icon (GtkWidget  *row,
            const char *icon_name,
            const char *css_class)
{
  GtkImage *icon = GTK_IMAGE (tl_widget_test_find_type (row, GTK_TYPE_IMAGE));

  g_assert_cmpstr (gtk_image_get_icon_name (icon), ==, icon_name);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (icon), css_class));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (icon), g_str_equal (css_class, "error") ? "success" : "error"));
}

static void
test_history_row_outcomes (void)
{
  struct { const char *outcome; const char *words; const char *icon; const char *css; } cases[] = {
    { "\"valid\"", "Valid", "emblem-ok-symbolic", "success" },
    { "\"expired\"", "Expired", "alarm-symbolic", "warning" },   /* a correct answer, not a failure */
    { "\"unauthorized\"", NULL, "dialog-error-symbolic", "error" },
  };
  g_autofree char *time = local_time ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TlHistoryEntry) entry = saved_entry ("\"M11385\"", "\"ORD-2026-118305\"", cases[i].outcome);
      GtkWidget *row = g_object_ref_sink (tl_history_row_new (entry));
      g_autofree char *described = tl_history_entry_describe (entry);
      g_autofree char *expected = g_strdup_printf ("M11385 · ORD-2026-118305\n%s · %s\n", time,
                                                   cases[i].words ? cases[i].words : described);
      g_autofree char *labels = tl_widget_test_labels (row);

      g_assert_cmpstr (labels, ==, expected);
      if (cases[i].words == NULL)
        g_assert_cmpstr (described, !=, "unauthorized");   /* in words, not the file's id */
      check_icon (row, cases[i].icon, cases[i].css);
      g_assert_true (tl_history_row_get_entry (TL_HISTORY_ROW (row)) == entry);

      g_assert_finalize_object (row);
    }
}

/* A lookup that got no order: the customer alone, and the cause below it tells it apart from
 * other failures (no "M1 · —" that all failures shared). */
static void
test_history_row_no_order (void)
{
  g_autoptr(TlHistoryEntry) entry = saved_entry ("\"M1\"", "null", "\"not-found\"");
  GtkWidget *row = g_object_ref_sink (tl_history_row_new (entry));
  g_autofree char *labels = tl_widget_test_labels (row);

  g_assert_true (g_str_has_prefix (labels, "M1\n"));
  g_assert_null (strstr (labels, "—"));
  g_assert_nonnull (strstr (labels, "Not found"));
  check_icon (row, "dialog-error-symbolic", "error");

  g_assert_finalize_object (row);
}

/* A history file written by someone else: a right-to-left override, a zero-width space and
 * markup in the customer ID, the order ID and an outcome the app does not know. */
static void
test_history_row_hostile_strings (void)
{
  g_autoptr(TlHistoryEntry) entry = saved_entry ("\"M1\\u202Egnp.exe\"", "\"<b>ORD</b>\\u200B&amp;\"",
                                                 "\"<i>odd</i>\\u202E\"");
  GtkWidget *row = g_object_ref_sink (tl_history_row_new (entry));
  g_autofree char *time = local_time ();
  g_autofree char *expected = g_strdup_printf ("M1<U+202E>gnp.exe · <b>ORD</b><U+200B>&amp;\n"
                                               "%s · <i>odd</i><U+202E>\n", time);
  g_autofree char *labels = tl_widget_test_labels (row);

  g_assert_cmpstr (labels, ==, expected);
  g_assert_null (strstr (labels, "\u202E"));
  g_assert_null (strstr (labels, "\u200B"));
  g_assert_false (tl_widget_test_shows_markup (row, "ORD"));
  g_assert_false (tl_widget_test_shows_markup (row, "odd"));
  check_icon (row, "dialog-error-symbolic", "error");

  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/history-row/outcomes", test_history_row_outcomes);
  g_test_add_func ("/history-row/no-order", test_history_row_no_order);
  g_test_add_func ("/history-row/hostile-strings", test_history_row_hostile_strings);

  return g_test_run ();
}
