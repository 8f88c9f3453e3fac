/* tl-batch.h: many lookups with bounded concurrency, results in input order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-client.h"
#include "tl-input.h"

G_BEGIN_DECLS

#define TL_TYPE_BATCH_ITEM (tl_batch_item_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchItem, tl_batch_item, TL, BATCH_ITEM, GObject)

#define TL_TYPE_BATCH (tl_batch_get_type ())
G_DECLARE_FINAL_TYPE (TlBatch, tl_batch, TL, BATCH, GObject)

guint           tl_batch_item_get_line        (TlBatchItem *self);
guint           tl_batch_item_get_index       (TlBatchItem *self);
TlInput        *tl_batch_item_get_input       (TlBatchItem *self);
const GError   *tl_batch_item_get_input_error (TlBatchItem *self);
TlLookupResult *tl_batch_item_get_result      (TlBatchItem *self);
gboolean        tl_batch_item_is_done         (TlBatchItem *self);
const char     *tl_batch_item_get_fingerprint (TlBatchItem *self);
char           *tl_batch_item_describe        (TlBatchItem *self);
int             tl_batch_item_get_exit_status (TlBatchItem *self);
TlOutcome       tl_batch_item_get_outcome_kind (TlBatchItem *self);

TlBatch        *tl_batch_new                  (TlClient    *client,
                                               TlAccount   *account,
                                               guint        max_jobs);
TlAccount      *tl_batch_get_account          (TlBatch     *self);
gboolean        tl_batch_text_has_lines       (const char  *text);
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
guint64         tl_batch_get_bytes_read       (TlBatch     *self);
void            tl_batch_set_input_stream     (TlBatch      *self,
                                               GInputStream *stream);
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
char           *tl_batch_to_csv               (TlBatch     *self);

G_END_DECLS
