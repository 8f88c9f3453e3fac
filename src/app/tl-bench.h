/* tl-bench.h: measurement hooks for bench/run, active only when TL_BENCH is set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tl_bench_attach (GtkWindow *window);
gsize tl_bench_rss_kib (void);

G_END_DECLS
