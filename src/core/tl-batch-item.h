/* tl-batch-item.h: one line of a batch and its lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tl-input.h"
#include "tl-lookup-result.h"

G_BEGIN_DECLS

/**
 * TlBatchKind:
 *
 * What a line of a batch came to, as the batch window and `--summary` count it: a verdict, a
 * lookup that failed, or a line that is not a lookup at all (it was never sent).
 */
typedef enum
{
  TL_BATCH_KIND_PENDING,
  TL_BATCH_KIND_VALID,
  TL_BATCH_KIND_EXPIRED,
  TL_BATCH_KIND_UNKNOWN,
  TL_BATCH_KIND_FAILED,
  TL_BATCH_KIND_NOT_LOOKUP,
  TL_BATCH_N_KINDS
} TlBatchKind;

#define TL_TYPE_BATCH_KIND (tl_batch_kind_get_type ())
GType           tl_batch_kind_get_type        (void) G_GNUC_CONST;

#define TL_TYPE_BATCH_ITEM (tl_batch_item_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchItem, tl_batch_item, TL, BATCH_ITEM, GObject)

guint           tl_batch_item_get_line        (TlBatchItem *self);
guint           tl_batch_item_get_index       (TlBatchItem *self);
TlInput        *tl_batch_item_get_input       (TlBatchItem *self);
const GError   *tl_batch_item_get_input_error (TlBatchItem *self);
TlLookupResult *tl_batch_item_get_result      (TlBatchItem *self);
gboolean        tl_batch_item_is_done         (TlBatchItem *self);
const char     *tl_batch_item_get_fingerprint (TlBatchItem *self);
const char     *tl_batch_item_get_customer_id (TlBatchItem *self);
char           *tl_batch_item_describe        (TlBatchItem *self);
int             tl_batch_item_get_exit_status (TlBatchItem *self);
TlOutcome       tl_batch_item_get_outcome_kind (TlBatchItem *self);
TlBatchKind     tl_batch_item_get_kind        (TlBatchItem *self);
char           *tl_batch_item_dup_reason      (TlBatchItem *self);
const char     *tl_batch_item_get_token       (TlBatchItem *self);

G_END_DECLS
