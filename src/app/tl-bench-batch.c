/* tl-bench-batch.c: TL_BENCH=batch and batch-filter, the batch window (tl-bench.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "tl-bench-private.h"

static const char *const typed_text[] = { "M", "M1", "M10", "M100", "M1001" };

static gboolean
on_search_poll (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *entry = tl_bench_find_widget (GTK_WIDGET (bench->batch_window), GTK_TYPE_SEARCH_ENTRY, NULL);

  if (bench->typed < G_N_ELEMENTS (typed_text))
    {
      /* a key every 120 ms, as a person types */
      gtk_editable_set_text (GTK_EDITABLE (entry), typed_text[bench->typed++]);
      return G_SOURCE_CONTINUE;
    }
  if (tl_batch_window_is_sifting (bench->batch_window) ||
      g_get_monotonic_time () - bench->started < 1500 * G_TIME_SPAN_MILLISECOND)
    return G_SOURCE_CONTINUE;   /* the search entry waits a moment before it searches */
  g_source_remove (bench->tick_id);
  printf ("search-max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
  tl_bench_quit (bench);
  return G_SOURCE_REMOVE;
}

static gboolean
on_filter_poll (gpointer user_data)
{
  Bench *bench = user_data;

  if (tl_batch_window_is_sifting (bench->batch_window))
    return G_SOURCE_CONTINUE;
  printf ("filter-max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
  bench->max_stall = 0;
  bench->started = g_get_monotonic_time ();
  g_timeout_add (120, on_search_poll, bench);
  return G_SOURCE_REMOVE;
}

static gboolean start_filter (gpointer user_data);

/* The baseline: the batch window laid out and drawn again, nothing else changed. */
static gboolean
on_relayout_done (gpointer user_data)
{
  Bench *bench = user_data;

  g_source_remove (bench->tick_id);
  printf ("relayout-max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
  g_timeout_add (200, start_filter, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
start_relayout (gpointer user_data)
{
  Bench *bench = user_data;

  bench->max_stall = 0;
  bench->last_tick = 0;
  bench->tick_id = g_timeout_add (1, tl_bench_on_tick, bench);
  gtk_widget_queue_resize (GTK_WIDGET (bench->batch_window));
  gtk_widget_queue_draw (GTK_WIDGET (bench->batch_window));
  g_timeout_add (500, on_relayout_done, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
start_filter (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *failures = tl_bench_find_widget (GTK_WIDGET (bench->batch_window), GTK_TYPE_TOGGLE_BUTTON, "Failures Only");

  g_assert (failures != NULL);
  printf ("filter-start\n");
  fflush (stdout);
  bench->max_stall = 0;
  bench->last_tick = 0;
  bench->tick_id = g_timeout_add (1, tl_bench_on_tick, bench);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (failures), TRUE);
  g_timeout_add (20, on_filter_poll, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
on_batch_poll (gpointer user_data)
{
  Bench *bench = user_data;

  if (tl_batch_window_is_running (bench->batch_window))
    return G_SOURCE_CONTINUE;
  g_source_remove (bench->tick_id);
  if (bench->sift)
    {
      /* every row finished: let the window settle, lay it out again once (the baseline), then
       * filter */
      g_timeout_add (1000, start_relayout, bench);
      return G_SOURCE_REMOVE;
    }
  printf ("batch-max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
  printf ("rss-kib after %" G_GSIZE_FORMAT "\n", tl_bench_rss_kib ());
  tl_bench_quit (bench);
  return G_SOURCE_REMOVE;
}

static gboolean
start_batch (gpointer user_data)
{
  Bench *bench = user_data;

  printf ("rss-kib before %" G_GSIZE_FORMAT "\n", tl_bench_rss_kib ());
  bench->max_stall = 0;
  bench->last_tick = 0;
  bench->started = g_get_monotonic_time ();
  bench->tick_id = g_timeout_add (1, tl_bench_on_tick, bench);
  gtk_widget_activate_action (GTK_WIDGET (bench->batch_window), "batch.run", NULL);
  g_timeout_add (100, on_batch_poll, bench);
  return G_SOURCE_REMOVE;
}

void
tl_bench_start_batch (Bench    *bench,
                      gboolean  sift)
{
  const char *n = g_getenv ("TL_BENCH_LINES");
  g_autoptr(GString) text = g_string_new (NULL);
  guint lines;

  bench->sift = sift;
  lines = n ? (guint) g_ascii_strtoull (n, NULL, 10) : bench->sift ? 100000 : 20000;
  for (guint i = 0; i < lines; i++)
    if (bench->sift && i % 10 == 5)
      g_string_append (text, "not a lookup\n");
    else
      g_string_append_printf (text, "M%u %s\n", 10000 + i % 50,
                              tl_demo_token (bench->sift && i % 10 == 0 ? TL_DEMO_SERVER_ERROR
                                             : i % 2 ? TL_DEMO_EXPIRED : TL_DEMO_VALID));
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "app.batch-lines", "s", text->str);
  for (GList *l = gtk_application_get_windows (gtk_window_get_application (bench->window));
       l != NULL && bench->batch_window == NULL; l = l->next)
    if (TL_IS_BATCH_WINDOW (l->data))
      bench->batch_window = l->data;
  g_assert (bench->batch_window != NULL);
  /* let the window with the lines settle (laid out, shown) before Run */
  g_timeout_add (1500, start_batch, bench);
}
