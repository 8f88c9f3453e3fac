/* tl-bench-batch.c: TL_BENCH=batch and batch-filter, the batch window (tl-bench.c)
 *
 * The window is driven as a person would (Run, the Failures Only toggle, the search entry, a
 * click on the Result column's header) through a sequence of scenarios. A 1 ms main-loop timer
 * measures the gaps between its runs; each gap is counted to the scenario going on when it
 * ends, and each scenario prints
 *
 *   batch-stall <scenario> <longest gap µs> <gaps over one frame (16.7 ms)> <longest gap's CPU µs>
 *               <gaps whose main-thread CPU time was over a frame>
 *
 * when it is over: the window has nothing left to do (no filter or sorting going through the
 * lines) and has stayed so for a moment. The scenarios:
 *
 *   running      from Run until the last answer has landed
 *   finishing    the last answer landed: the counts, the buttons and the table updated
 *   relayout     (batch-filter) the window laid out and drawn again, nothing changed: the
 *                baseline of what a frame of this window costs
 *   failures     Failures Only pressed         failures-off  and released
 *   search       a customer ID typed into the search, a key every 200 ms (each key searches:
 *                the entry waits 150 ms after a key)
 *   search-clear the search emptied
 *   sort-up      a click on the Result column's header   sort-down  and a second click
 *
 * "rss-kib before <KiB>" is printed at Run, "rss-kib after <KiB>" when the last answer lands.
 * Then "batch-frames <scenario> <frames drawn> <longest µs without one> <the scenario's µs>": a
 * main loop always busy with work of a higher priority than drawing does not stall, but draws
 * nothing either (while running, the window draws every frame; after, only what changes).
 *
 * The CPU time is the main thread's own (CLOCK_THREAD_CPUTIME_ID) during the gap: on a shared
 * machine a gap can also be the process waiting for a core, which the CPU time does not count.
 * With TL_BENCH_STALLS set, every gap over a frame is printed as it happens ("stall …").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "tl-bench-private.h"

#define FRAME_US 16667
#define SETTLE_US (500 * G_TIME_SPAN_MILLISECOND)   /* quiet this long: the scenario is over */
#define KEY_US (200 * G_TIME_SPAN_MILLISECOND)

static const char *const typed_text[] = { "M", "M1", "M10", "M100", "M1001" };

typedef struct _BatchBench BatchBench;

typedef struct
{
  const char *name;
  void      (*act) (BatchBench *bb);
} Scenario;

struct _BatchBench
{
  Bench         *bench;
  TlBatchWindow *window;
  const Scenario *scenarios;
  guint          n_scenarios;
  guint          current;        /* index into scenarios; n_scenarios: none */
  guint          next;
  gint64         since;          /* when the current scenario began */
  gint64         busy_until;     /* when the window last had work (a run, a filter, a sorting) */
  gint64         last_tick;
  gint64         last_cpu;
  gint64         longest;
  guint          over;
  gint64         longest_cpu;
  guint          over_cpu;
  gint64         last_paint;
  gint64         longest_paint_gap;
  guint          paints;
  guint          typed;
  gint64         last_key;
};

static GtkWidget *
find_toggle (BatchBench *bb,
             const char *label)
{
  GtkWidget *toggle = tl_bench_find_widget (GTK_WIDGET (bb->window), GTK_TYPE_TOGGLE_BUTTON, label);

  g_assert (toggle != NULL);
  return toggle;
}

static void
run (BatchBench *bb)
{
  gtk_widget_activate_action (GTK_WIDGET (bb->window), "batch.run", NULL);
}

static void
relayout (BatchBench *bb)
{
  gtk_widget_queue_resize (GTK_WIDGET (bb->window));
  gtk_widget_queue_draw (GTK_WIDGET (bb->window));
}

static void
failures_on (BatchBench *bb)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_toggle (bb, "Failures Only")), TRUE);
}

static void
failures_off (BatchBench *bb)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_toggle (bb, "Failures Only")), FALSE);
}

static void
type_key (BatchBench *bb)
{
  GtkWidget *entry = tl_bench_find_widget (GTK_WIDGET (bb->window), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), typed_text[bb->typed++]);
  bb->last_key = g_get_monotonic_time ();
}

static void
search_clear (BatchBench *bb)
{
  GtkWidget *entry = tl_bench_find_widget (GTK_WIDGET (bb->window), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* A click on the Result column's header sorts by it, a second click the other way: as
 * GtkColumnViewTitle does (GTK 4.8 has no getter of the sort order to toggle with). */
static void
sort_by_result (BatchBench   *bb,
                GtkSortType   order)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (tl_bench_find_widget (GTK_WIDGET (bb->window), GTK_TYPE_COLUMN_VIEW, NULL));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Result") == 0)
        {
          gtk_column_view_sort_by_column (view, column, order);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
sort_up (BatchBench *bb)
{
  sort_by_result (bb, GTK_SORT_ASCENDING);
}

static void
sort_down (BatchBench *bb)
{
  sort_by_result (bb, GTK_SORT_DESCENDING);
}

static const Scenario run_scenarios[] = {
  { "running", run },
  { "finishing", NULL },    /* follows running when the last answer lands */
};

static const Scenario sift_scenarios[] = {
  { "running", run },
  { "finishing", NULL },
  { "relayout", relayout },
  { "failures", failures_on },
  { "failures-off", failures_off },
  { "search", type_key },
  { "search-clear", search_clear },
  { "sort-up", sort_up },
  { "sort-down", sort_down },
};

static void
begin (BatchBench *bb,
       guint       index)
{
  bb->current = index;
  bb->longest = 0;
  bb->over = 0;
  bb->longest_cpu = 0;
  bb->over_cpu = 0;
  bb->paints = 0;
  bb->longest_paint_gap = 0;
  bb->last_paint = g_get_monotonic_time ();
  bb->since = bb->busy_until = g_get_monotonic_time ();
  printf ("batch-begin %s\n", bb->scenarios[index].name);
  fflush (stdout);
  if (bb->scenarios[index].act != NULL)
    bb->scenarios[index].act (bb);
}

static void
end (BatchBench *bb)
{
  printf ("batch-stall %s %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT " %u\n", bb->scenarios[bb->current].name,
          bb->longest, bb->over, bb->longest_cpu, bb->over_cpu);
  /* the frames the window drew, and the longest time it went without one */
  printf ("batch-frames %s %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", bb->scenarios[bb->current].name,
          bb->paints, MAX (bb->longest_paint_gap, g_get_monotonic_time () - bb->last_paint),
          g_get_monotonic_time () - bb->since);
  fflush (stdout);
  bb->current = bb->n_scenarios;
}

static gboolean
is_busy (BatchBench *bb)
{
  return tl_batch_window_is_running (bb->window) || tl_batch_window_is_sifting (bb->window);
}

static void
on_after_paint (GdkFrameClock *clock,
                BatchBench    *bb)
{
  gint64 now = g_get_monotonic_time ();

  bb->paints++;
  if (now - bb->last_paint > 2 * FRAME_US && g_getenv ("TL_BENCH_STALLS") != NULL)
    printf ("no frame for %" G_GINT64_FORMAT " us (%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
            ".%06" G_GINT64_FORMAT ")\n", now - bb->last_paint, bb->last_paint / G_USEC_PER_SEC,
            bb->last_paint % G_USEC_PER_SEC, now / G_USEC_PER_SEC, now % G_USEC_PER_SEC);
  bb->longest_paint_gap = MAX (bb->longest_paint_gap, now - bb->last_paint);
  bb->last_paint = now;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer user_data)
{
  BatchBench *bb = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  gint64 gap = bb->last_tick != 0 ? now - bb->last_tick : 0;
  gint64 cpu_gap = bb->last_tick != 0 ? cpu - bb->last_cpu : 0;
  const Scenario *scenario;

  bb->last_tick = now;
  bb->last_cpu = cpu;
  if (bb->current == bb->n_scenarios)
    return G_SOURCE_CONTINUE;
  scenario = &bb->scenarios[bb->current];
  /* the last answer landed during this gap: the gap is the finishing's */
  if (g_str_equal (scenario->name, "running") && !tl_batch_window_is_running (bb->window))
    {
      end (bb);
      printf ("rss-kib after %" G_GSIZE_FORMAT "\n", tl_bench_rss_kib ());
      begin (bb, 1);
      scenario = &bb->scenarios[bb->current];
    }
  if (gap > bb->longest)
    {
      bb->longest = gap;
      bb->longest_cpu = cpu_gap;
    }
  if (cpu_gap > FRAME_US)
    bb->over_cpu++;
  if (gap > FRAME_US)
    {
      bb->over++;
      if (g_getenv ("TL_BENCH_STALLS") != NULL)
        /* with the monotonic clock's times, for `perf record -k CLOCK_MONOTONIC` */
        printf ("stall %" G_GINT64_FORMAT " us (CPU %" G_GINT64_FORMAT ") in %s at %" G_GINT64_FORMAT " ms (%" G_GINT64_FORMAT ".%06"
                G_GINT64_FORMAT ",%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT ")\n", gap, cpu_gap, scenario->name,
                (now - bb->since) / 1000, (now - gap) / G_USEC_PER_SEC, (now - gap) % G_USEC_PER_SEC,
                now / G_USEC_PER_SEC, now % G_USEC_PER_SEC);
    }
  return G_SOURCE_CONTINUE;
}

/* Every 10 ms: the typing goes on; a scenario whose window has been quiet a moment ends and
 * the next begins (after a quiet moment counted to neither), or the measurement ends. */
static gboolean start_next (gpointer user_data);

static gboolean
on_poll (gpointer user_data)
{
  BatchBench *bb = user_data;
  gint64 now = g_get_monotonic_time ();
  guint index = bb->current;
  const char *name = bb->scenarios[index].name;

  if (g_str_equal (name, "running"))
    return G_SOURCE_CONTINUE;      /* the tick sees the run end */
  if (g_str_equal (name, "search") && bb->typed < G_N_ELEMENTS (typed_text))
    {
      if (now - bb->last_key >= KEY_US)
        type_key (bb);
      bb->busy_until = now;
      return G_SOURCE_CONTINUE;
    }
  if (is_busy (bb))
    bb->busy_until = now;
  if (now - bb->busy_until < SETTLE_US)
    return G_SOURCE_CONTINUE;
  end (bb);
  if (index + 1 < bb->n_scenarios)
    {
      bb->next = index + 1;
      g_timeout_add (200, start_next, bb);
    }
  else
    tl_bench_quit (bb->bench);
  return G_SOURCE_REMOVE;
}

static gboolean
start_next (gpointer user_data)
{
  BatchBench *bb = user_data;

  begin (bb, bb->next);
  g_timeout_add (10, on_poll, bb);
  return G_SOURCE_REMOVE;
}

static gboolean
start_batch (gpointer user_data)
{
  BatchBench *bb = user_data;

  printf ("rss-kib before %" G_GSIZE_FORMAT "\n", tl_bench_rss_kib ());
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bb->window)), "after-paint",
                    G_CALLBACK (on_after_paint), bb);
  /* TL_BENCH_NO_PROBE: no 1 ms timer (the frames drawn without it; no stalls measured) */
  if (g_getenv ("TL_BENCH_NO_PROBE") == NULL)
    g_timeout_add (1, on_tick, bb);
  else
    g_timeout_add (5, on_tick, bb);
  bb->next = 0;
  start_next (bb);
  return G_SOURCE_REMOVE;
}

void
tl_bench_start_batch (Bench    *bench,
                      gboolean  sift)
{
  const char *n = g_getenv ("TL_BENCH_LINES");
  g_autoptr(GString) text = g_string_new (NULL);
  BatchBench *bb = g_new0 (BatchBench, 1);
  guint lines;

  bb->bench = bench;
  bb->scenarios = sift ? sift_scenarios : run_scenarios;
  bb->n_scenarios = sift ? G_N_ELEMENTS (sift_scenarios) : G_N_ELEMENTS (run_scenarios);
  bb->current = bb->n_scenarios;
  lines = n ? (guint) g_ascii_strtoull (n, NULL, 10) : sift ? 100000 : 20000;
  /* with batch-filter a tenth fail and a tenth are not lookups */
  for (guint i = 0; i < lines; i++)
    if (sift && i % 10 == 5)
      g_string_append (text, "not a lookup\n");
    else
      g_string_append_printf (text, "M%u %s\n", 10000 + i % 50,
                              tl_demo_token (sift && i % 10 == 0 ? TL_DEMO_SERVER_ERROR
                                             : i % 2 ? TL_DEMO_EXPIRED : TL_DEMO_VALID));
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "app.batch-lines", "s", text->str);
  for (GList *l = gtk_application_get_windows (gtk_window_get_application (bench->window));
       l != NULL && bb->window == NULL; l = l->next)
    if (TL_IS_BATCH_WINDOW (l->data))
      bb->window = l->data;
  g_assert (bb->window != NULL);
  bench->batch_window = bb->window;
  g_object_set_data_full (G_OBJECT (bench->window), "tl-bench-batch", bb, g_free);
  /* let the window with the lines settle (laid out, shown) before Run */
  g_timeout_add (1500, start_batch, bb);
}
