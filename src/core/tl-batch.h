/* tl-batch.h: many lookups with bounded concurrency, results in input order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-batch-item.h"
#include "tl-batch-line.h"
#include "tl-client.h"

G_BEGIN_DECLS

#define TL_TYPE_BATCH (tl_batch_get_type ())
G_DECLARE_FINAL_TYPE (TlBatch, tl_batch, TL, BATCH, GObject)

TlBatch        *tl_batch_new                  (TlClient    *client,
                                               TlAccount   *account,
                                               guint        max_jobs);
TlAccount      *tl_batch_get_account          (TlBatch     *self);
guint           tl_batch_add_text             (TlBatch     *self,
                                               const char  *text);
void            tl_batch_add_text_async       (TlBatch             *self,
                                               char                *text,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        tl_batch_add_text_finish      (TlBatch             *self,
                                               GAsyncResult        *result,
                                               guint               *n_added,
                                               GError             **error);
GListModel     *tl_batch_get_items            (TlBatch     *self);
guint           tl_batch_get_n_done           (TlBatch     *self);
guint           tl_batch_get_n_failed         (TlBatch     *self);
guint           tl_batch_get_n_items          (TlBatch     *self);
guint           tl_batch_get_n_kind           (TlBatch     *self,
                                               TlBatchKind  kind);
guint           tl_batch_reset_failed         (TlBatch     *self);
gboolean        tl_batch_reset_item           (TlBatch     *self,
                                               TlBatchItem *item);
guint64         tl_batch_get_bytes_read       (TlBatch     *self);
void            tl_batch_set_input_stream     (TlBatch      *self,
                                               GInputStream *stream);
void            tl_batch_set_start_priority   (TlBatch     *self,
                                               int          priority);
void            tl_batch_set_defer_notify     (TlBatch     *self,
                                               gboolean     defer);
guint           tl_batch_flush_notify         (TlBatch     *self);
void            tl_batch_run_async            (TlBatch             *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        tl_batch_run_finish           (TlBatch      *self,
                                               GAsyncResult *result,
                                               GError      **error);
int             tl_batch_get_exit_status      (TlBatch     *self);

/* tl-batch-csv.c */
char           *tl_batch_to_csv               (TlBatch     *self);
char           *tl_batch_to_json_lines        (TlBatch     *self);

G_END_DECLS
