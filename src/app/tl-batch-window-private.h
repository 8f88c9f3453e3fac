/* tl-batch-window-private.h: the batch window's parts, after GNOME Text Editor's
 * editor-window-private.h
 *
 *   tl-batch-window.c          the template, the run, its progress, the lines (open, drop)
 *   tl-batch-window-view.c     the table: the summary that filters, the search, the sorting,
 *                              a row opened on its result page
 *   tl-batch-window-rows.c     the table's rows: the lines filtered and sorted off to the side,
 *                              shown at once
 *   tl-batch-window-export.c   CSV and JSON Lines, and the folder they went to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-batch.h"
#include "tl-batch-window.h"
#include "tl-batch-window-rows.h"
#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-ticket-view.h"

G_BEGIN_DECLS

struct _TlBatchWindow
{
  AdwWindow          parent_instance;

  /* template children */
  AdwToastOverlay   *toast_overlay;
  AdwLeaflet        *leaflet;
  GtkWidget         *list_page;
  GtkWidget         *result_page;
  GtkTextView       *text_view;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *line_column;
  GtkColumnViewColumn *token_column;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *order_column;
  GtkColumnViewColumn *outcome_column;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkButton         *run_button;
  GtkWidget         *retry_button;
  GtkWidget         *list_title;
  GtkWidget         *progress_row;
  gboolean           narrow;            /* below NARROW_WIDTH: the list's title makes room */
  guint              narrow_idle;
  GtkWidget         *export_button;
  GtkWidget         *filter_bar;
  GtkToggleButton   *kind_toggles[TL_BATCH_N_KINDS];   /* none for pending */
  GtkImage          *kind_icons[TL_BATCH_N_KINDS];
  GtkLabel          *kind_labels[TL_BATCH_N_KINDS];
  GtkToggleButton   *failures_toggle;
  GtkSearchEntry    *search_entry;
  GtkLabel          *shown_label;
  AdwWindowTitle    *result_title;
  GtkLabel          *result_note;
  TlTicketView      *ticket_view;
  TlErrorView       *error_view;
  TlDetailsView     *details_view;

  TlLookups         *lookups;
  TlBatch           *batch;
  char              *pending_text;   /* the lines, while the run's password is loaded */
  GCancellable      *cancellable;
  gboolean           running;
  gboolean           reading_lines;  /* the run's lines are being read into items */
  gint64             started;        /* monotonic µs when the run's first lookup went out */
  guint              tick_id;        /* the per-frame update while running */
  gboolean           dirty;          /* answers arrived since the last frame */
  gint64             last_frame;     /* monotonic µs of the last tick while running */
  gint64             refiltered;     /* monotonic µs of the last refilter during a run */

  /* tl-batch-window-view.c: items → the rows (filtered and sorted) → the table */
  TlBatchRows       *rows;           /* told the table of a few rows per frame at first */
  int                probed_column;  /* the column whose sorter the table asked first */
  guint              kind_mask;      /* 1 << TlBatchKind shown; 0: every line */
  char              *search;         /* casefolded, or NULL */
  gboolean           search_ascii;
  gboolean           syncing_toggles;
  TlBatchItem       *shown_item;     /* on the result page */
};

/* tl-batch-window.c */
void     _tl_batch_window_show_toast       (TlBatchWindow *self,
                                            const char    *message);
void     _tl_batch_window_rerun            (TlBatchWindow *self);
void     _tl_batch_window_ensure_tick      (TlBatchWindow *self);

/* tl-batch-window-view.c */
void     _tl_batch_window_view_init        (TlBatchWindow *self);
void     _tl_batch_window_view_dispose     (TlBatchWindow *self);
void     _tl_batch_window_view_class_init  (GtkWidgetClass *widget_class);
void     _tl_batch_window_set_batch_model  (TlBatchWindow *self);
gboolean _tl_batch_window_view_tick        (TlBatchWindow *self);
void     _tl_batch_window_update_summary   (TlBatchWindow *self);
void     _tl_batch_window_refresh_item     (TlBatchWindow *self);
void     _tl_batch_window_refilter         (TlBatchWindow *self,
                                            GtkFilterChange change);

/* tl-batch-window-export.c */
void     _tl_batch_window_export_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
