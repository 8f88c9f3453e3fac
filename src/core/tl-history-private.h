/* tl-history-private.h: what the history (tl-history.c), its entries (tl-history-entry.c) and
 * its file format (tl-history-file.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-history.h"

G_BEGIN_DECLS

/* The most entries a history holds, and the most read back from a saved one. */
#define TL_HISTORY_MAX_ENTRIES 1000

struct _TlHistoryEntry
{
  GObject         parent_instance;

  GDateTime      *time;
  char           *customer_id;
  char           *order_id;
  char           *outcome;      /* "valid", "expired", "unknown" or a TlLookupError id */
  char           *fingerprint;
  char           *account;
  TlLookupResult *result;       /* this session only */
  char           *token;        /* this session only, memory only */
};

void tl_history_entry_drop_result (TlHistoryEntry *self);

void tl_history_append            (TlHistory      *self,
                                   GPtrArray      *entries);

/* tl-history-file.c: where the saved history lives and how it is written */
char     *tl_history_default_path (void);
gboolean  tl_history_write_file   (const char  *path,
                                   const char  *json,
                                   GError     **error);

G_END_DECLS
