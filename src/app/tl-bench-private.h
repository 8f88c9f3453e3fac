/* tl-bench-private.h: what the measurement hooks' parts share (tl-bench.c, tl-bench-stall.c,
 * tl-bench-batch.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-batch-window.h"
#include "tl-bench.h"
#include "tl-demo-server.h"

G_BEGIN_DECLS

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

void       tl_bench_quit          (Bench       *bench);
void       tl_bench_look_up       (Bench       *bench,
                                   TlDemoToken  which);
gboolean   tl_bench_on_tick       (gpointer     user_data);
GtkWidget *tl_bench_find_widget   (GtkWidget   *widget,
                                   GType        type,
                                   const char  *label);
void       tl_bench_start_stall   (Bench       *bench);
void       tl_bench_start_batch   (Bench       *bench,
                                   gboolean     sift);

G_END_DECLS
