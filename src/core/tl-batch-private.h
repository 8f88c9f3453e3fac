/* tl-batch-private.h: the batch's fields and the steps its parts share
 *
 * tl-batch.c runs the lookups (list and stream mode alike); tl-batch-stream.c reads the lines of
 * stream mode as slots free up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-batch.h"
#include "tl-batch-item.h"

G_BEGIN_DECLS

struct _TlBatch
{
  GObject     parent_instance;

  TlClient   *client;
  TlAccount  *account;    /* the one account every lookup of this batch is made with */
  GListStore *items;
  guint       max_jobs;
  guint       next;
  guint       running;
  guint       n_done;
  guint       n_failed;
  guint       n_kind[TL_BATCH_N_KINDS];
  int         worst;        /* the most severe failure's exit status so far */
  GTask      *task;
  GQueue      waiting;      /* Running * told to wait by Retry-After */
  gint64      hold_until;   /* no new lookup before this (monotonic µs) */
  guint       hold_id;
  gulong      cancelled_id;

  /* list mode: items[next_ready] is the first not handed on by "item-ready" */
  guint       next_ready;
  gboolean    defer_notify;  /* rows update when the view asks, once per frame */
  GPtrArray  *dirty;         /* TlBatchItem * finished since the last flush */
  int         start_priority;  /* of the idle the next lookups start from (DEFAULT: at once) */
  guint       start_id;

  /* stream mode */
  GInputStream *input;
  GQueue      pending;      /* TlBatchItem *, read and not yet handed on, in input order */
  GQueue      unstarted;    /* TlBatchItem *, parsed and waiting for a slot */
  GString    *partial;      /* the start of a line whose end has not been read */
  gboolean    discarding;   /* inside a line too long to keep */
  gboolean    reading;
  gboolean    eof;
  guint       line_no;
  guint       n_items;
  guint64     bytes_read;
  GError     *read_error;
};

/* tl-batch.c */
GCancellable *_tl_batch_run_cancellable (TlBatch     *self);
void          _tl_batch_item_finished   (TlBatch     *self,
                                         TlBatchItem *item);
void          _tl_batch_start_more      (TlBatch     *self);

/* tl-batch-stream.c */
void          _tl_batch_read_more       (TlBatch     *self);

G_END_DECLS
