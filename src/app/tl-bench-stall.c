/* tl-bench-stall.c: TL_BENCH=stall, the main window's longest main-loop stalls (tl-bench.c)
 *
 * One scenario after another, each measured from the moment it starts until the window has
 * settled after it (its transitions over): the window's first moments after its first frame
 * (the result pages are built then, in idle iterations), a lookup of each demo token (a ticket, an expired
 * one, every error page, the slow one), the 1 MB answer with Details open, the account dialog
 * opening, History opening (bench/run starts the app with a saved history of 1 000 lookups). For each it prints
 *   "stall SCENARIO max-us <µs> over-frame <n>"
 * (the longest gap of a 1 ms main-loop timer, and how many gaps were longer than a frame at
 * 60 Hz), then "max-stall-us <µs>" over all of them, and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "tl-bench-private.h"

#define FRAME_US      16667
#define SETTLE_MS     800    /* after a scenario's end: longer than any transition of the window */

typedef enum
{
  SETTLE,
  LOOKUP,
  LOOKUP_DETAILS_OPEN,
  ACCOUNT_DIALOG,
  HISTORY_OPENS,
} Kind;

static const struct
{
  const char  *name;
  Kind         kind;
  TlDemoToken  token;
} scenarios[] = {
  { "after-first-frame",      SETTLE,              0 },
  { "lookup-valid",           LOOKUP,              TL_DEMO_VALID },
  { "lookup-expired",         LOOKUP,              TL_DEMO_EXPIRED },
  { "error-bad-request",      LOOKUP,              TL_DEMO_BAD_REQUEST },
  { "error-problem-details",  LOOKUP,              TL_DEMO_PROBLEM_DETAILS },
  { "error-forbidden",        LOOKUP,              TL_DEMO_FORBIDDEN },
  { "error-not-found",        LOOKUP,              TL_DEMO_NOT_FOUND },
  { "error-server-error",     LOOKUP,              TL_DEMO_SERVER_ERROR },
  { "lookup-valid-again",     LOOKUP,              TL_DEMO_VALID },
  { "lookup-slow",            LOOKUP,              TL_DEMO_SLOW },
  { "large-answer-details",   LOOKUP_DETAILS_OPEN, TL_DEMO_SLOW_LARGE },
  { "account-dialog-opens",   ACCOUNT_DIALOG,      0 },
  { "history-opens-1000",     HISTORY_OPENS,       0 },
  { "account-dialog-again",   ACCOUNT_DIALOG,      0 },
  { "history-opens-again",    HISTORY_OPENS,       0 },
};

typedef struct
{
  Bench  *bench;
  guint   current;
  gint64  last_tick;
  gint64  max_stall;
  guint   over_frame;
  gint64  max_all;
  gint64  started;
  guint   tick_id;
  gulong  finished_id;
} Stall;

static void start_scenario (Stall *stall);

static gboolean
on_tick (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last_tick != 0)
    {
      gint64 gap = now - stall->last_tick;

      stall->max_stall = MAX (stall->max_stall, gap);
      if (gap > FRAME_US)
        stall->over_frame++;
      if (gap > FRAME_US && g_getenv ("TL_BENCH_STALLS") != NULL)
        printf ("  gap %" G_GINT64_FORMAT " us at %" G_GINT64_FORMAT " ms (monotonic %.6f-%.6f)\n", gap, (now - stall->started) / 1000,
                stall->last_tick / 1e6, now / 1e6);
    }
  stall->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static GtkWindow *
find_dialog (Stall *stall)
{
  for (GList *l = gtk_application_get_windows (gtk_window_get_application (stall->bench->window)); l; l = l->next)
    if (l->data != stall->bench->window && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

/* TL_BENCH_SCENARIOS, a comma-separated list of names, runs only those (and the first two:
 * the history's entries are copied from the first lookup). */
static gboolean
wanted (guint i)
{
  const char *only = g_getenv ("TL_BENCH_SCENARIOS");
  g_auto(GStrv) names = NULL;

  if (i <= 1 || only == NULL || *only == '\0')
    return TRUE;
  names = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char *const *) names, scenarios[i].name);
}

static gboolean
next_scenario (gpointer user_data)
{
  Stall *stall = user_data;

  while (++stall->current < G_N_ELEMENTS (scenarios) && !wanted (stall->current))
    ;
  if (stall->current < G_N_ELEMENTS (scenarios))
    start_scenario (stall);
  else
    {
      printf ("max-stall-us %" G_GINT64_FORMAT "\n", stall->max_all);
      tl_bench_quit (stall->bench);
    }
  return G_SOURCE_REMOVE;
}

/* The window has settled after the scenario: its figures, then the next one a moment later
 * (unmeasured: closing a dialog or History is not part of any scenario). */
static gboolean
end_scenario (gpointer user_data)
{
  Stall *stall = user_data;
  GtkWindow *dialog;

  g_clear_handle_id (&stall->tick_id, g_source_remove);
  printf ("stall %s max-us %" G_GINT64_FORMAT " over-frame %u\n", scenarios[stall->current].name,
          stall->max_stall, stall->over_frame);
  fflush (stdout);
  stall->max_all = MAX (stall->max_all, stall->max_stall);
  if (scenarios[stall->current].kind == ACCOUNT_DIALOG && (dialog = find_dialog (stall)) != NULL)
    gtk_window_destroy (dialog);
  if (scenarios[stall->current].kind == HISTORY_OPENS)
    {
      /* how many lookups the list showed: the saved history bench/run gives the app, and this
       * session's */
      GtkWidget *list = tl_bench_find_widget (GTK_WIDGET (stall->bench->window), GTK_TYPE_LIST_VIEW, NULL);

      printf ("history-entries %u\n", list ? g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))) : 0);
      gtk_widget_activate_action (GTK_WIDGET (stall->bench->window), "win.toggle-history", NULL);
    }
  g_timeout_add (SETTLE_MS, next_scenario, stall);
  return G_SOURCE_REMOVE;
}

static void
on_lookup_finished (GtkWindow *window,
                    Stall     *stall)
{
  g_clear_signal_handler (&stall->finished_id, window);
  g_timeout_add (SETTLE_MS, end_scenario, stall);
}

static gboolean
on_dialog_poll (gpointer user_data)
{
  Stall *stall = user_data;

  if (find_dialog (stall) == NULL)
    return G_SOURCE_CONTINUE;
  g_timeout_add (SETTLE_MS, end_scenario, stall);
  return G_SOURCE_REMOVE;
}

/* Every expander of the details open, as a person reading the answer would have them. */
static void
open_details (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    open_details (child);
}

static void
start_scenario (Stall *stall)
{
  GtkWidget *window = GTK_WIDGET (stall->bench->window);

  switch (scenarios[stall->current].kind)
    {
    case LOOKUP_DETAILS_OPEN:
      open_details (window);
      G_GNUC_FALLTHROUGH;
    case SETTLE:
    case LOOKUP:
      break;
    case ACCOUNT_DIALOG:
      break;
    case HISTORY_OPENS:
      break;
    default:
      g_assert_not_reached ();
    }

  stall->max_stall = 0;
  stall->over_frame = 0;
  stall->last_tick = 0;
  stall->started = g_get_monotonic_time ();
  stall->tick_id = g_timeout_add (1, on_tick, stall);

  switch (scenarios[stall->current].kind)
    {
    case SETTLE:
      g_timeout_add (2 * SETTLE_MS, end_scenario, stall);
      break;
    case LOOKUP:
    case LOOKUP_DETAILS_OPEN:
      stall->finished_id = g_signal_connect (window, "lookup-finished", G_CALLBACK (on_lookup_finished), stall);
      tl_bench_look_up (stall->bench, scenarios[stall->current].token);
      break;
    case ACCOUNT_DIALOG:
      gtk_widget_activate_action (window, "app.account", NULL);
      g_timeout_add (5, on_dialog_poll, stall);
      break;
    case HISTORY_OPENS:
      gtk_widget_activate_action (window, "win.toggle-history", NULL);
      g_timeout_add (SETTLE_MS, end_scenario, stall);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
tl_bench_start_stall (Bench *bench)
{
  Stall *stall = g_new0 (Stall, 1);

  stall->bench = bench;
  g_object_set_data_full (G_OBJECT (bench->window), "tl-bench-stall", stall, g_free);
  start_scenario (stall);
}
