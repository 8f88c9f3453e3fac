/* tl-history.c
 *
 * Entries of this session keep their full result and the token in memory, so they can be shown
 * again and looked up again. What is saved to disk (only when the user turns it on) is the
 * customer id, order id, outcome, time, account and the token's fingerprint: never a token,
 * never a password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tl-json.h"
#include "tl-secret.h"
#include "tl-history.h"
#include "tl-lookup-error.h"

#define MAX_ENTRIES 500
/* Entries beyond this many keep only their summary: a support desk doing hundreds of lookups
 * should not hold hundreds of full answers (headers, bodies, metrics) and tokens in memory. */
#define MAX_FULL_ENTRIES TL_HISTORY_MAX_FULL_ENTRIES

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

G_DEFINE_FINAL_TYPE (TlHistoryEntry, tl_history_entry, G_TYPE_OBJECT)

/* The saved history (only when remember is on), read and written in worker threads:
 *   - it is read once, when tl_history_restore() is called (the app does that after its first
 *     frame); until then nothing is written, so the file is never written over unread: a save
 *     asked for meanwhile waits for the read (save_pending);
 *   - saves are coalesced: a change asks for one at idle time, with whatever changed until
 *     then, one write at a time; a change while writing asks for one more (dirty);
 *   - turning remember off, or tl_history_forget(), removes the file; a write already under way
 *     with older entries is then dropped (epoch), it never brings the file back. */
struct _TlHistory
{
  GObject     parent_instance;
  GListStore *store;   /* newest first */

  char       *path;
  gboolean    remember;
  gboolean    restore_started;
  gboolean    reading;
  gboolean    read;           /* reading finished (or there was none): saving may write the file */
  gboolean    save_pending;   /* a save asked for before reading finished */
  guint       save_idle;
  gboolean    saving;         /* a write in a worker thread */
  gboolean    dirty;          /* changed while writing: write again when done */

  GMutex      lock;           /* held while the file is written or removed */
  guint       epoch;          /* under lock: bumped when the file is removed or written at once */
};

G_DEFINE_FINAL_TYPE (TlHistory, tl_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_REMEMBER,
  N_PROPS
};

enum {
  MESSAGE,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_save (TlHistory *self);
static void remove_file (TlHistory *self, GError **error);

static void
tl_history_entry_finalize (GObject *object)
{
  TlHistoryEntry *self = (TlHistoryEntry *) object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->customer_id);
  g_free (self->order_id);
  g_free (self->outcome);
  g_free (self->fingerprint);
  g_free (self->account);
  g_clear_object (&self->result);
  g_clear_pointer (&self->token, tl_secret_free);
  G_OBJECT_CLASS (tl_history_entry_parent_class)->finalize (object);
}

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_TIME,
  ENTRY_PROP_CUSTOMER_ID,
  ENTRY_PROP_ORDER_ID,
  ENTRY_PROP_OUTCOME,
  ENTRY_PROP_ACCOUNT,
  ENTRY_PROP_RESULT,
  N_ENTRY_PROPS
};

static GParamSpec *entry_properties[N_ENTRY_PROPS];

static void
tl_history_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TlHistoryEntry *self = TL_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_TIME: g_value_set_boxed (value, self->time); break;
    case ENTRY_PROP_CUSTOMER_ID: g_value_set_string (value, self->customer_id); break;
    case ENTRY_PROP_ORDER_ID: g_value_set_string (value, self->order_id); break;
    case ENTRY_PROP_OUTCOME: g_value_set_string (value, self->outcome); break;
    case ENTRY_PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case ENTRY_PROP_RESULT: g_value_set_object (value, self->result); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_history_entry_class_init (TlHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tl_history_entry_finalize;
  object_class->get_property = tl_history_entry_get_property;

  entry_properties[ENTRY_PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  entry_properties[ENTRY_PROP_CUSTOMER_ID] = g_param_spec_string ("customer-id", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_ORDER_ID] = g_param_spec_string ("order-id", NULL, NULL, NULL, flags);
  /* "valid", "expired", "unknown" or a failure class id */
  entry_properties[ENTRY_PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);
  /* this session's full result, NULL for one read back from the saved history */
  entry_properties[ENTRY_PROP_RESULT] = g_param_spec_object ("result", NULL, NULL, TL_TYPE_LOOKUP_RESULT, flags);
  g_object_class_install_properties (object_class, N_ENTRY_PROPS, entry_properties);
}

static void
tl_history_entry_init (TlHistoryEntry *self)
{
}

GDateTime *tl_history_entry_get_time (TlHistoryEntry *self) { return self->time; }
const char *tl_history_entry_get_customer_id (TlHistoryEntry *self) { return self->customer_id; }
const char *tl_history_entry_get_order_id (TlHistoryEntry *self) { return self->order_id; }
const char *tl_history_entry_get_outcome (TlHistoryEntry *self) { return self->outcome; }
const char *tl_history_entry_get_account (TlHistoryEntry *self) { return self->account; }
TlLookupResult *tl_history_entry_get_result (TlHistoryEntry *self) { return self->result; }
const char *tl_history_entry_get_token (TlHistoryEntry *self) { return self->token; }

/**
 * tl_history_entry_describe:
 *
 * Returns: (nullable): the outcome in words: "Valid", "Expired", or the error's title; %NULL
 *   for an entry that has none
 */
char *
tl_history_entry_describe (TlHistoryEntry *self)
{
  for (TlTicketState state = TL_TICKET_STATE_UNKNOWN; state <= TL_TICKET_STATE_EXPIRED; state++)
    if (g_strcmp0 (self->outcome, tl_ticket_state_to_string (state)) == 0)
      return g_strdup (tl_ticket_state_get_title (state));
  for (guint code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    if (g_strcmp0 (self->outcome, tl_lookup_error_code_to_string (code)) == 0)
      return g_strdup (tl_lookup_error_get_title (code));
  return g_strdup (self->outcome);
}

/**
 * tl_history_entry_get_outcome_kind:
 *
 * Returns: the entry's verdict, or %TL_OUTCOME_FAILED for an error (or an outcome this
 *   version does not know)
 */
TlOutcome
tl_history_entry_get_outcome_kind (TlHistoryEntry *self)
{
  for (TlTicketState state = TL_TICKET_STATE_UNKNOWN; state <= TL_TICKET_STATE_EXPIRED; state++)
    if (g_strcmp0 (self->outcome, tl_ticket_state_to_string (state)) == 0)
      return tl_outcome_from_state (state);
  return TL_OUTCOME_FAILED;
}

static void
tl_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TlHistory *self = TL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_REMEMBER: g_value_set_boolean (value, self->remember); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TlHistory *self = TL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = tl_history_default_path ();
      break;
    case PROP_REMEMBER:
      tl_history_set_remember (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_history_dispose (GObject *object)
{
  TlHistory *self = (TlHistory *) object;

  g_clear_handle_id (&self->save_idle, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tl_history_parent_class)->dispose (object);
}

static void
tl_history_finalize (GObject *object)
{
  TlHistory *self = (TlHistory *) object;

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (tl_history_parent_class)->finalize (object);
}

static void
tl_history_class_init (TlHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tl_history_get_property;
  object_class->set_property = tl_history_set_property;
  object_class->dispose = tl_history_dispose;
  object_class->finalize = tl_history_finalize;

  /**
   * TlHistory:path:
   *
   * Where the history is saved; the default is tl_history_default_path().
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * TlHistory:remember:
   *
   * Whether the history is saved. Turned on, what there is so far is saved; turned off, the
   * saved history is removed.
   */
  properties[PROP_REMEMBER] =
    g_param_spec_boolean ("remember", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlHistory::message:
   * @text: something the person should be told (a damaged saved history, a failed save)
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TlHistory::saved:
   *
   * The history was written to its file, in the background.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tl_history_init (TlHistory *self)
{
  self->store = g_list_store_new (TL_TYPE_HISTORY_ENTRY);
  g_mutex_init (&self->lock);
}

/**
 * tl_history_new:
 *
 * Returns: (transfer full): an empty history, saved (when remember is on) at
 *   tl_history_default_path()
 */
TlHistory *
tl_history_new (void)
{
  return g_object_new (TL_TYPE_HISTORY, NULL);
}

/**
 * tl_history_new_for_path:
 * @path: (nullable): where the history is saved, %NULL for tl_history_default_path()
 */
TlHistory *
tl_history_new_for_path (const char *path)
{
  return g_object_new (TL_TYPE_HISTORY, "path", path, NULL);
}

GListModel *
tl_history_get_model (TlHistory *self)
{
  g_return_val_if_fail (TL_IS_HISTORY (self), NULL);
  return G_LIST_MODEL (self->store);
}

static const char *
outcome_of (TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);
  TlTicket *ticket = tl_lookup_result_get_ticket (result);

  if (error != NULL)
    return tl_lookup_error_code_to_string (tl_lookup_error_code (error));
  return tl_ticket_state_to_string (ticket ? tl_ticket_get_state (ticket) : TL_TICKET_STATE_UNKNOWN);
}

/**
 * tl_history_add:
 * @token: (nullable): kept in memory for "look up again", never saved
 *
 * Returns: (transfer none): the new entry, first in the model
 */
TlHistoryEntry *
tl_history_add (TlHistory      *self,
                TlLookupResult *result,
                const char     *token,
                const char     *account)
{
  g_autoptr(TlHistoryEntry) entry = g_object_new (TL_TYPE_HISTORY_ENTRY, NULL);
  TlTicket *ticket = tl_lookup_result_get_ticket (result);

  g_return_val_if_fail (TL_IS_HISTORY (self), NULL);

  entry->time = g_date_time_ref (tl_lookup_result_get_started (result));
  entry->customer_id = g_strdup (tl_lookup_result_get_customer_id (result));
  entry->order_id = ticket ? g_strdup (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL;
  entry->outcome = g_strdup (outcome_of (result));
  entry->fingerprint = g_strdup (tl_lookup_result_get_token_fingerprint (result));
  entry->account = g_strdup (account);
  entry->result = g_object_ref (result);
  entry->token = g_strdup (token);

  g_list_store_insert (self->store, 0, entry);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > MAX_FULL_ENTRIES)
    {
      g_autoptr(TlHistoryEntry) old = g_list_model_get_item (G_LIST_MODEL (self->store), MAX_FULL_ENTRIES);

      g_clear_object (&old->result);
      g_clear_pointer (&old->token, tl_secret_free);
      g_object_notify_by_pspec (G_OBJECT (old), entry_properties[ENTRY_PROP_RESULT]);
    }
  while (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > MAX_ENTRIES)
    g_list_store_remove (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)) - 1);
  request_save (self);
  return entry;
}

void
tl_history_clear (TlHistory *self)
{
  g_return_if_fail (TL_IS_HISTORY (self));
  g_list_store_remove_all (self->store);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * tl_history_to_json:
 *
 * Returns: the entries without tokens or results: what may be written to disk
 */
char *
tl_history_to_json (TlHistory *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlHistoryEntry) e = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_autofree char *time = g_date_time_format_iso8601 (e->time);

      json_builder_begin_object (builder);
      add_string (builder, "time", time);
      add_string (builder, "customerId", e->customer_id);
      add_string (builder, "orderId", e->order_id);
      add_string (builder, "outcome", e->outcome);
      add_string (builder, "tokenFingerprint", e->fingerprint);
      add_string (builder, "account", e->account);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Entries from a parsed history document; entries that cannot be read are skipped. */
static GPtrArray *
entries_from_json (const char  *json,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *entries;

  /* json-glib recurses once per level: a file nested 200 000 deep would overflow the stack */
  if (!tl_json_depth_ok (json, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("it is nested more than %d levels deep"), TL_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not valid JSON (%s)"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "entries") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "entries")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not a history file"));
      return NULL;
    }

  entries = json_object_get_array_member (json_node_get_object (root), "entries");
  for (guint i = 0; i < json_array_get_length (entries) && i < MAX_ENTRIES; i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *o;
      g_autoptr(TlHistoryEntry) e = NULL;
      const char *time;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      time = json_object_get_string_member_with_default (o, "time", NULL);
      e = g_object_new (TL_TYPE_HISTORY_ENTRY, NULL);
      e->time = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      if (e->time == NULL)
        continue;
      e->customer_id = g_strdup (json_object_get_string_member_with_default (o, "customerId", NULL));
      e->order_id = g_strdup (json_object_get_string_member_with_default (o, "orderId", NULL));
      e->outcome = g_strdup (json_object_get_string_member_with_default (o, "outcome", NULL));
      e->fingerprint = g_strdup (json_object_get_string_member_with_default (o, "tokenFingerprint", NULL));
      e->account = g_strdup (json_object_get_string_member_with_default (o, "account", NULL));
      g_ptr_array_add (out, g_steal_pointer (&e));
    }
  return g_steal_pointer (&out);
}

/**
 * tl_history_load_json:
 *
 * Appends the saved entries (after those of this session). Entries that cannot be read are
 * skipped; a document that is not history at all is an error.
 */
gboolean
tl_history_load_json (TlHistory   *self,
                      const char  *json,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = entries_from_json (json, strlen (json), error);

  if (entries == NULL)
    return FALSE;
  tl_history_append (self, entries);
  return TRUE;
}

/**
 * tl_history_append:
 * @entries: (element-type TlHistoryEntry): from tl_history_read_file()
 */
void
tl_history_append (TlHistory *self,
                   GPtrArray *entries)
{
  g_return_if_fail (TL_IS_HISTORY (self));
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       entries->pdata, entries->len);
}

/* Moves a damaged file out of the way, so it is kept for a look and never written over. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS) && i < 100; i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, i);
    }
  if (g_rename (path, aside) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s", g_strerror (errsv));
      g_free (aside);
      return NULL;
    }
  return aside;
}

/**
 * tl_history_read_file:
 * @moved_aside: (out) (optional) (nullable): where a damaged file was moved
 *
 * Reads a saved history; safe to call from a worker thread. The file is checked before it is
 * parsed: a regular file of at most %TL_HISTORY_MAX_FILE_SIZE bytes, nested no deeper than a
 * history is. A damaged file (not a file, too large, empty, not JSON, not a history) is moved
 * aside to `PATH.damaged-TIME` and reported with an error that says so; it is never parsed
 * further and never written over.
 *
 * Returns: (transfer container) (element-type TlHistoryEntry) (nullable): the entries (none
 *   when there is no file), or %NULL with @error
 */
GPtrArray *
tl_history_read_file (const char  *path,
                      char       **moved_aside,
                      GError     **error)
{
  g_autoptr(GError) why = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *aside = NULL;
  GPtrArray *entries = NULL;
  GStatBuf st;
  gsize length = 0;

  if (moved_aside != NULL)
    *moved_aside = NULL;

  if (g_lstat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return g_ptr_array_new_with_free_func (g_object_unref);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not read the saved history %s: %s"), path, g_strerror (errsv));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    g_set_error_literal (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not a regular file"));
  else if (st.st_size > TL_HISTORY_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_set_error (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is %s, far larger than a history"), size);
    }
  else if (st.st_size == 0)
    g_set_error_literal (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is empty"));
  else if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  else
    entries = entries_from_json (contents, length, &why);

  if (entries != NULL)
    return entries;

  aside = move_aside (path, &move_error);
  if (aside == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved history %s is damaged (%s) and could not be moved aside (%s). "
                     "It is left as it is and will not be written over."),
                   path, why->message, move_error->message);
      return NULL;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The saved history was damaged (%s). It was moved aside to %s and a new one "
                 "is started."), why->message, aside);
  if (moved_aside != NULL)
    *moved_aside = g_steal_pointer (&aside);
  return NULL;
}

/**
 * tl_history_write_file:
 *
 * Writes @json (from tl_history_to_json()) atomically, readable by the user only; safe to call
 * from a worker thread. Never writes over something that is not a regular file.
 */
gboolean
tl_history_write_file (const char  *path,
                       const char  *json,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }
  if (g_lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is not a regular file; it is left as it is."), path);
      return FALSE;
    }
  return g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
tl_history_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ticket-lookup", "history.json", NULL);
}

/**
 * tl_history_save:
 *
 * Writes the entries (no tokens) atomically, readable by the user only.
 */
gboolean
tl_history_save (TlHistory   *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *json = tl_history_to_json (self);

  return tl_history_write_file (path, json, error);
}

/**
 * tl_history_load:
 *
 * tl_history_read_file() and tl_history_append() in one, for callers that may block.
 */
gboolean
tl_history_load (TlHistory   *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = tl_history_read_file (path, NULL, error);

  if (entries == NULL)
    return FALSE;
  tl_history_append (self, entries);
  return TRUE;
}

/* The saved history, kept by the history itself (see struct _TlHistory). */

typedef struct
{
  char  *path;
  char  *json;
  guint  epoch;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_free (data->json);
  g_free (data);
}

static void
report_save_error (TlHistory    *self,
                   const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("Could not save the history: %s"), error->message);

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

/* Writes unless the file was removed (or written at once) since the entries were taken. */
static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TlHistory *self = source;
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean written = FALSE;

  g_mutex_lock (&self->lock);
  if (data->epoch == self->epoch)
    written = tl_history_write_file (data->path, data->json, &error);
  g_mutex_unlock (&self->lock);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, written);
}

static void
on_saved (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  TlHistory *self = TL_HISTORY (source);
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (res), &error);

  self->saving = FALSE;
  if (error != NULL)
    report_save_error (self, error);
  else if (written)
    g_signal_emit (self, signals[SAVED], 0);

  if (self->dirty)
    {
      self->dirty = FALSE;
      request_save (self);
    }
}

static gboolean
save_idle (gpointer user_data)
{
  TlHistory *self = user_data;
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  self->save_idle = 0;
  if (!self->remember)
    return G_SOURCE_REMOVE;
  if (self->saving)
    {
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  data = g_new0 (SaveData, 1);
  data->path = g_strdup (self->path);
  data->json = tl_history_to_json (self);
  g_mutex_lock (&self->lock);
  data->epoch = self->epoch;
  g_mutex_unlock (&self->lock);

  self->saving = TRUE;
  task = g_task_new (self, NULL, on_saved, NULL);
  g_task_set_source_tag (task, save_idle);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
  return G_SOURCE_REMOVE;
}

/* Saves in a worker thread, so a slow or full disk never stalls the window. Not before the
 * saved history has been read: it would be written over unread. */
static void
request_save (TlHistory *self)
{
  if (!self->remember)
    return;
  if (!self->read)
    {
      self->save_pending = TRUE;
      return;
    }
  if (self->saving)
    self->dirty = TRUE;
  else if (self->save_idle == 0)
    self->save_idle = g_idle_add (save_idle, self);
}

static void
remove_file (TlHistory  *self,
             GError    **error)
{
  int errsv = 0;

  g_mutex_lock (&self->lock);
  self->epoch++;
  if (g_unlink (self->path) != 0)
    errsv = errno;
  g_mutex_unlock (&self->lock);

  if (errsv != 0 && errsv != ENOENT)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", self->path, g_strerror (errsv));
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = tl_history_read_file (task_data, NULL, &error);

  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  TlHistory *self = TL_HISTORY (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_task_propagate_pointer (G_TASK (res), &error);

  self->reading = FALSE;
  self->read = TRUE;
  if (entries != NULL)
    tl_history_append (self, entries);
  else
    /* damaged: moved aside (the message says where), or left alone when it could not be */
    g_signal_emit (self, signals[MESSAGE], 0, error->message);

  if (self->save_pending)
    {
      self->save_pending = FALSE;
      request_save (self);
    }
}

/**
 * tl_history_restore:
 *
 * Reads the saved history in a worker thread, once, when remember is on; its entries are
 * added after this session's. Until it has been read, nothing is written. With remember off
 * there is nothing to read and saving may start at once.
 */
void
tl_history_restore (TlHistory *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TL_IS_HISTORY (self));

  if (self->restore_started)
    return;
  self->restore_started = TRUE;
  if (!self->remember)
    {
      self->read = TRUE;
      return;
    }
  self->reading = TRUE;
  task = g_task_new (self, NULL, on_read, NULL);
  g_task_set_source_tag (task, tl_history_restore);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, read_thread);
}

gboolean
tl_history_get_remember (TlHistory *self)
{
  g_return_val_if_fail (TL_IS_HISTORY (self), FALSE);
  return self->remember;
}

/**
 * tl_history_set_remember:
 *
 * On: what there is so far is saved. Off: what was saved is removed.
 */
void
tl_history_set_remember (TlHistory *self,
                         gboolean   remember)
{
  g_return_if_fail (TL_IS_HISTORY (self));

  remember = !!remember;
  if (self->remember == remember)
    return;
  self->remember = remember;
  if (remember)
    {
      /* nothing of this session to add before the saved one is read */
      if (self->read || g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
        request_save (self);
    }
  else
    {
      g_clear_handle_id (&self->save_idle, g_source_remove);
      self->dirty = FALSE;
      remove_file (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBER]);
}

/**
 * tl_history_forget:
 *
 * Clears the history and removes the saved one; a failure to remove it is told by
 * #TlHistory::message.
 */
void
tl_history_forget (TlHistory *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TL_IS_HISTORY (self));

  tl_history_clear (self);
  g_clear_handle_id (&self->save_idle, g_source_remove);
  self->dirty = FALSE;
  remove_file (self, &error);
  if (error != NULL)
    report_save_error (self, error);
}

/**
 * tl_history_flush:
 *
 * Writes a save that is due now, in this thread (when the app quits, before its main loop
 * ends); a write already under way in the background is then dropped, or written over.
 */
void
tl_history_flush (TlHistory *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gboolean due;

  g_return_if_fail (TL_IS_HISTORY (self));

  due = self->save_idle != 0 || self->dirty;
  g_clear_handle_id (&self->save_idle, g_source_remove);
  self->dirty = FALSE;
  if (!due || !self->remember || !self->read)
    return;

  json = tl_history_to_json (self);
  g_mutex_lock (&self->lock);
  self->epoch++;
  tl_history_write_file (self->path, json, &error);
  g_mutex_unlock (&self->lock);
  if (error != NULL)
    report_save_error (self, error);
  else
    g_signal_emit (self, signals[SAVED], 0);
}

/**
 * tl_history_is_busy:
 *
 * Returns: whether the saved history is being read, or written, or a write is due
 */
gboolean
tl_history_is_busy (TlHistory *self)
{
  g_return_val_if_fail (TL_IS_HISTORY (self), FALSE);
  return self->reading || self->saving || self->save_idle != 0 || self->dirty;
}
