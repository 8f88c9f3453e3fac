/* tl-bench.c: measurement hooks for bench/run (the common part: first frame, memory)
 *
 * Inactive unless the environment variable TL_BENCH names a measurement:
 *   first-frame  print "first-frame-us <CLOCK_MONOTONIC µs>" after the first painted frame, quit
 *   memory       after the first frame, run TL_BENCH_LOOKUPS lookups (default 500) one after
 *                another through the window, print "rss-kib <n> <kib>" at 0, 100 and the end, quit
 *   stall        after the first frame, run a 3 s lookup and a slowly streamed large answer,
 *                print "max-stall-us <µs>" (the longest gap of a 1 ms main-loop timer), quit
 *   batch        after the first frame, open the batch window with TL_BENCH_LINES demo lines
 *                (default 20 000), run them, print the longest main-loop stall and the gaps over
 *                a frame while they run and when they finish, and the memory (tl-bench-batch.c)
 *   batch-filter the same with TL_BENCH_LINES lines (default 100 000; a tenth fail, a tenth are
 *                not lookups), then filter, search and sort them (tl-bench-batch.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tl-bench-private.h"

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

void
tl_bench_quit (Bench *bench)
{
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

/* As win.demo-token does for a click on a demo token: the demo customer and that token in the
 * form, looked up. */
void
tl_bench_look_up (Bench       *bench,
                  TlDemoToken  which)
{
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.demo-token", "u", (guint32) which);
}

static void
lookup_next (Bench *bench)
{
  /* Through the window, as a person would: the form is filled and looked up, and the window's
   * own completion path (ticket view, error page) runs for every lookup. */
  tl_bench_look_up (bench, bench->done % 2 ? TL_DEMO_EXPIRED : TL_DEMO_VALID);
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
    tl_bench_quit (bench);
}

gboolean
tl_bench_on_tick (gpointer user_data)
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

/* The first widget of @type under @widget whose label (for a button) is @label, or any. */
GtkWidget *
tl_bench_find_widget (GtkWidget  *widget,
                      GType       type,
                      const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tl_bench_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
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
      tl_bench_quit (bench);
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
    tl_bench_start_batch (bench, g_strcmp0 (mode, "batch-filter") == 0);
  else if (g_strcmp0 (mode, "stall") == 0)
    tl_bench_start_stall (bench);
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
