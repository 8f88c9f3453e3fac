/* tl-batch-item-private.h: what the batch (tl-batch.c) sets on its items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-batch-item.h"

G_BEGIN_DECLS

struct _TlBatchItem
{
  GObject         parent_instance;

  guint           line;
  guint           index;      /* its position in the batch: finding it costs nothing */
  TlInput        *input;
  GError         *input_error;
  TlLookupResult *result;
  char           *fingerprint;
  char           *text;       /* the line until it is parsed (list mode parses on first use) */
  char           *customer_id; /* kept when a list batch lets go of the input after the lookup */
  gboolean        done;
  TlBatchKind     kind;       /* what it came to, counted by the batch when it finished */
  guint           tries;      /* requests made for it */
  guint           waited_ms;  /* told to wait by Retry-After, in all */
};

TlBatchItem *tl_batch_item_new_parsed      (guint        line,
                                            guint        index,
                                            const char  *text);
TlBatchItem *tl_batch_item_new_unparsed    (guint        line,
                                            char        *text);
void         tl_batch_item_ensure_parsed   (TlBatchItem *self);
void         tl_batch_item_notify_finished (TlBatchItem *self);
void         tl_batch_item_reset           (TlBatchItem *self);

G_END_DECLS
