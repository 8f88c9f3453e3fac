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
#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-ticket-view.h"

G_BEGIN_DECLS

/* tl-batch-window-rows.c: the table's rows, filtered and sorted off to the side */
typedef enum
{
  TL_BATCH_SORT_NONE,
  TL_BATCH_SORT_LINE,
  TL_BATCH_SORT_CUSTOMER,
  TL_BATCH_SORT_OUTCOME,
} TlBatchSortKey;

typedef gboolean (*TlBatchRowsFilter) (TlBatchItem *item,
                                       gpointer     user_data);

/* GTK 4.8's table makes a row's widgets in about 0.15 ms and keeps those of about 200 rows:
 * rows are let in this many at once, then this many per frame up to ROWS_KEPT, then all */
#define TL_BATCH_ROWS_AT_ONCE 24
#define TL_BATCH_ROWS_PER_FRAME 12
#define TL_BATCH_ROWS_KEPT 240

#define TL_TYPE_BATCH_ROW (tl_batch_row_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchRow, tl_batch_row, TL, BATCH_ROW, GObject)
#define TL_TYPE_BATCH_ROWS (tl_batch_rows_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchRows, tl_batch_rows, TL, BATCH_ROWS, GObject)

TlBatchItem *tl_batch_row_get_item       (TlBatchRow        *self);
TlBatchRows *tl_batch_rows_new           (void);
void         tl_batch_rows_set_items     (TlBatchRows       *self,
                                          GListModel        *items);
void         tl_batch_rows_set_filter    (TlBatchRows       *self,
                                          TlBatchRowsFilter  filter,
                                          gpointer           user_data);
void         tl_batch_rows_set_sort      (TlBatchRows       *self,
                                          TlBatchSortKey     key,
                                          gboolean           descending);
void         tl_batch_rows_refresh       (TlBatchRows       *self,
                                          GtkFilterChange    change);
void         tl_batch_rows_set_limit     (TlBatchRows       *self,
                                          guint              limit);
guint        tl_batch_rows_get_limit     (TlBatchRows       *self);
gboolean     tl_batch_rows_step          (TlBatchRows       *self);
guint        tl_batch_rows_get_n_shown   (TlBatchRows       *self);
gboolean     tl_batch_rows_is_busy       (TlBatchRows       *self);

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
