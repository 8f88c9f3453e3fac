/* tl-history.c: the history's model, and when it is read and saved
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
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-history-private.h"
#include "tl-lookup-error.h"

/* Entries beyond this many keep only their summary: a support desk doing hundreds of lookups
 * should not hold hundreds of full answers (headers, bodies, metrics) and tokens in memory. */
#define MAX_FULL_ENTRIES TL_HISTORY_MAX_FULL_ENTRIES

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
   * Where the history is saved; the default is `ticket-lookup/history.json` in the
   * user's data folder.
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
 *   `ticket-lookup/history.json` in the user's data folder
 */
TlHistory *
tl_history_new (void)
{
  return g_object_new (TL_TYPE_HISTORY, NULL);
}

/**
 * tl_history_new_for_path:
 * @path: (nullable): where the history is saved, %NULL for the default (see #TlHistory:path)
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

      tl_history_entry_drop_result (old);
    }
  while (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > TL_HISTORY_MAX_ENTRIES)
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

/**
 * tl_history_take_all:
 *
 * Empties the history and forgets its file, like tl_history_forget(), and hands the entries
 * over so an Undo can put them back.
 *
 * Returns: (transfer full) (element-type TlHistoryEntry): what was in the history, newest first
 */
GPtrArray *
tl_history_take_all (TlHistory *self)
{
  GListModel *model;
  GPtrArray *entries;

  g_return_val_if_fail (TL_IS_HISTORY (self), NULL);

  model = G_LIST_MODEL (self->store);
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (entries, g_list_model_get_item (model, i));
  tl_history_forget (self);
  return entries;
}

/**
 * tl_history_put_back:
 * @entries: (element-type TlHistoryEntry): from tl_history_take_all()
 *
 * Undoes a clear: the entries come back after (older than) any added since, and are saved
 * again when the history is kept.
 */
void
tl_history_put_back (TlHistory *self,
                     GPtrArray *entries)
{
  guint n;

  g_return_if_fail (TL_IS_HISTORY (self));

  /* never more than the history keeps */
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->store)), TL_HISTORY_MAX_ENTRIES);
  g_list_store_splice (self->store, n, 0, entries->pdata, MIN (entries->len, TL_HISTORY_MAX_ENTRIES - n));
  request_save (self);
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
