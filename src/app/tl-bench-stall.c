/* tl-bench-stall.c: TL_BENCH=stall, the main window's longest main-loop stalls (tl-bench.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "tl-bench-private.h"

static void
on_stall_lookup_done (GtkWindow *window,
                      Bench    *bench)
{
  if (bench->phase == 1)
    {
      bench->phase = 2;
      /* the slowly streamed large answer */
      tl_bench_look_up (bench, TL_DEMO_SLOW_LARGE);
    }
  else if (bench->phase == 2)
    {
      g_source_remove (bench->tick_id);
      printf ("max-stall-us %" G_GINT64_FORMAT "\n", bench->max_stall);
      printf ("stall-slow-lookup-us %" G_GINT64_FORMAT "\n", bench->max_stall_phase[1]);
      printf ("stall-large-answer-us %" G_GINT64_FORMAT "\n", bench->max_stall_phase[2]);
      tl_bench_quit (bench);
    }
}

void
tl_bench_start_stall (Bench *bench)
{
  bench->phase = 1;
  bench->tick_id = g_timeout_add (1, tl_bench_on_tick, bench);
  g_signal_connect (bench->window, "lookup-finished", G_CALLBACK (on_stall_lookup_done), bench);
  tl_bench_look_up (bench, TL_DEMO_SLOW);
}
