/* tl-history.h: the lookups of this session, and optionally of earlier ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-lookup-result.h"

G_BEGIN_DECLS

#define TL_TYPE_HISTORY_ENTRY (tl_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (TlHistoryEntry, tl_history_entry, TL, HISTORY_ENTRY, GObject)

#define TL_TYPE_HISTORY (tl_history_get_type ())
G_DECLARE_FINAL_TYPE (TlHistory, tl_history, TL, HISTORY, GObject)

GDateTime      *tl_history_entry_get_time        (TlHistoryEntry *self);
const char     *tl_history_entry_get_customer_id (TlHistoryEntry *self);
const char     *tl_history_entry_get_order_id    (TlHistoryEntry *self);
const char     *tl_history_entry_get_outcome     (TlHistoryEntry *self);
const char     *tl_history_entry_get_account     (TlHistoryEntry *self);
TlLookupResult *tl_history_entry_get_result      (TlHistoryEntry *self);
const char     *tl_history_entry_get_token       (TlHistoryEntry *self);
char           *tl_history_entry_describe        (TlHistoryEntry *self);
TlOutcome       tl_history_entry_get_outcome_kind (TlHistoryEntry *self);

#define TL_HISTORY_MAX_FULL_ENTRIES 50
#define TL_HISTORY_MAX_FILE_SIZE    (4 * 1024 * 1024)

TlHistory      *tl_history_new            (void);
TlHistory      *tl_history_new_for_path   (const char     *path);
GListModel     *tl_history_get_model      (TlHistory      *self);
TlHistoryEntry *tl_history_add            (TlHistory      *self,
                                           TlLookupResult *result,
                                           const char     *token,
                                           const char     *account);
void            tl_history_clear          (TlHistory      *self);
char           *tl_history_to_json        (TlHistory      *self);
gboolean        tl_history_load_json      (TlHistory      *self,
                                           const char     *json,
                                           GError        **error);
GPtrArray      *tl_history_read_file      (const char     *path,
                                           char          **moved_aside,
                                           GError        **error);
gboolean        tl_history_save           (TlHistory      *self,
                                           const char     *path,
                                           GError        **error);
gboolean        tl_history_load           (TlHistory      *self,
                                           const char     *path,
                                           GError        **error);

gboolean        tl_history_get_remember   (TlHistory      *self);
void            tl_history_set_remember   (TlHistory      *self,
                                           gboolean        remember);
void            tl_history_restore        (TlHistory      *self);
void            tl_history_forget         (TlHistory      *self);
GPtrArray      *tl_history_take_all       (TlHistory      *self);
void            tl_history_put_back       (TlHistory      *self,
                                           GPtrArray      *entries);
void            tl_history_flush          (TlHistory      *self);
gboolean        tl_history_is_busy        (TlHistory      *self);

G_END_DECLS
