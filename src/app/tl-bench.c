/* tl-bench.c: measurement hooks for bench/run
 *
 * Inactive unless the environment variable TL_BENCH names a measurement:
 *   first-frame  print "first-frame-us <CLOCK_MONOTONIC µs>" after the first painted frame, quit
 *   memory       after the first frame, run TL_BENCH_LOOKUPS lookups (default 500) one after
 *                another through the window, print "rss-kib <n> <kib>" at 0, 100 and the end, quit
 *   stall        after the first frame, run a 3 s lookup and a slowly streamed large answer,
 *                print "max-stall-us <µs>" (the longest gap of a 1 ms main-loop timer), quit
 *   batch        after the first frame, open the batch window with TL_BENCH_LINES demo lines
 *                (default 20 000) and run them; print "batch-max-stall-us <µs>" (from Run to
 *                the end), "rss-kib before <kib>" and "rss-kib after <kib>", quit
 *   batch-filter after a batch of TL_BENCH_LINES lines (default 100 000; a tenth fail, a tenth
 *                are not lookups) has run: press Failures Only, then type a customer ID into the
 *                search a key every 120 ms; print "relayout-max-stall-us <µs>" (the window laid
 *                out and drawn again, nothing changed: the baseline), "filter-max-stall-us <µs>"
 *                and "search-max-stall-us <µs>" (each until the filtering is over), quit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tl-batch-window.h"
#include "tl-bench.h"
#include "tl-demo-server.h"

typedef struct
{
  GtkWindow *window;     /* the lookup window, driven through its actions and signals */
  guint      done;
  guint      total;
  gint64     last_tick;
  gint64     max_stall;
  gint64     max_stall_phase[3];
  guint      tick_id;
  guint      phase;
  TlBatchWindow *batch_window;
  gint64     started;
  gboolean   sift;       /* batch-filter */
  guint      typed;
} Bench;

gsize
tl_bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static void
quit (Bench *bench)
{
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

/* As win.demo-token does for a click on a demo token: the demo customer and that token in the
 * form, looked up. */
static void
look_up (Bench       *bench,
         TlDemoToken  which)
{
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.demo-token", "u", (guint32) which);
}

static void
lookup_next (Bench *bench)
{
  /* Through the window, as a person would: the form is filled and looked up, and the window's
   * own completion path (ticket view, error page) runs for every lookup. */
  look_up (bench, bench->done % 2 ? TL_DEMO_EXPIRED : TL_DEMO_VALID);
}

static void
on_result_shown (GtkWindow *window,
                 Bench    *bench)
{
  bench->done++;
  if (bench->done == 100 || bench->done == bench->total)
    printf ("rss-kib %u %" G_GSIZE_FORMAT "\n", bench->done, tl_bench_rss_kib ());
  if (bench->done < bench->total)
    lookup_next (bench);
  else
    quit (bench);
}

static gboolean
on_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick != 0 && now - bench->last_tick > bench->max_stall)
    bench->max_stall = now - bench->last_tick;
  if (bench->last_tick != 0 && now - bench->last_tick > 20000 && g_getenv ("TL_BENCH_STALLS"))
    printf ("stall %" G_GINT64_FORMAT " us at %" G_GINT64_FORMAT " ms\n", now - bench->last_tick,
            (now - bench->started) / 1000);
  if (bench->last_tick != 0 && bench->phase < 3 && now - bench->last_tick > bench->max_stall_phase[bench->phase])
    bench->max_stall_phase[bench->phase] = now - bench->last_tick;
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_stall_lookup_done (GtkWindow *window,
                      Bench    *bench)
{
  if (bench->phase == 1)
    {
      bench->phase = 2;
      /* the slowly streamed large answer */
      look_up (bench, TL_DEMO_SLOW_LARGE);
    }
  else if (bench->phase == 2)
    {
      g_source_remove (bench->tick_id);
      printf ("max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
      printf ("stall-slow-lookup-us %" G_GINT64_FORMAT "\n", bench->max_stall_phase[1]);
      printf ("stall-large-answer-us %" G_GINT64_FORMAT "\n", bench->max_stall_phase[2]);
      quit (bench);
    }
}

/* The first widget of @type under @widget whose label (for a button) is @label, or any. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *const typed_text[] = { "M", "M1", "M10", "M100", "M1001" };

static gboolean
on_search_poll (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *entry = find_widget (GTK_WIDGET (bench->batch_window), GTK_TYPE_SEARCH_ENTRY, NULL);

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
  quit (bench);
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
  bench->tick_id = g_timeout_add (1, on_tick, bench);
  gtk_widget_queue_resize (GTK_WIDGET (bench->batch_window));
  gtk_widget_queue_draw (GTK_WIDGET (bench->batch_window));
  g_timeout_add (500, on_relayout_done, bench);
  return G_SOURCE_REMOVE;
}

static gboolean
start_filter (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWidget *failures = find_widget (GTK_WIDGET (bench->batch_window), GTK_TYPE_TOGGLE_BUTTON, "Failures Only");

  g_assert (failures != NULL);
  printf ("filter-start\n");
  fflush (stdout);
  bench->max_stall = 0;
  bench->last_tick = 0;
  bench->tick_id = g_timeout_add (1, on_tick, bench);
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
  quit (bench);
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
  bench->tick_id = g_timeout_add (1, on_tick, bench);
  gtk_widget_activate_action (GTK_WIDGET (bench->batch_window), "batch.run", NULL);
  g_timeout_add (100, on_batch_poll, bench);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock,
                Bench         *bench)
{
  const char *mode = g_getenv ("TL_BENCH");

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, bench);

  if (g_strcmp0 (mode, "first-frame") == 0)
    {
      printf ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
      quit (bench);
    }
  else if (g_strcmp0 (mode, "memory") == 0)
    {
      const char *n = g_getenv ("TL_BENCH_LOOKUPS");

      bench->total = n ? (guint) g_ascii_strtoull (n, NULL, 10) : 500;
      printf ("rss-kib 0 %" G_GSIZE_FORMAT "\n", tl_bench_rss_kib ());
      g_signal_connect (bench->window, "lookup-finished", G_CALLBACK (on_result_shown), bench);
      lookup_next (bench);
    }
  else if (g_strcmp0 (mode, "batch") == 0 || g_strcmp0 (mode, "batch-filter") == 0)
    {
      const char *n = g_getenv ("TL_BENCH_LINES");
      g_autoptr(GString) text = g_string_new (NULL);
      guint lines;

      bench->sift = g_strcmp0 (mode, "batch-filter") == 0;
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
  else if (g_strcmp0 (mode, "stall") == 0)
    {
      bench->phase = 1;
      bench->tick_id = g_timeout_add (1, on_tick, bench);
      g_signal_connect (bench->window, "lookup-finished", G_CALLBACK (on_stall_lookup_done), bench);
      look_up (bench, TL_DEMO_SLOW);
    }
}

static void
on_realize (GtkWidget *widget,
            Bench     *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), bench);
}

void
tl_bench_attach (GtkWindow *window)
{
  Bench *bench;

  if (g_getenv ("TL_BENCH") == NULL)
    return;

  bench = g_new0 (Bench, 1);
  bench->window = window;
  g_object_set_data_full (G_OBJECT (window), "tl-bench", bench, g_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), bench);
}
