/* tl-batch.c: the engine behind `ticket-lookup-cli --batch` and the app's batch window
 *
 * Lines are parsed with tl-input (a line that cannot be read is an item with an input error,
 * not a stop, and takes no network slot); at most max_jobs lookups run at once on the
 * client's kept-alive connections; "item-done" is emitted as each finishes, "item-ready" in
 * input order once an item and all before it are done.
 *
 * Two ways to feed it:
 *   - tl_batch_add_text() or tl_batch_add_text_async(): every item is kept in a list model (the
 *     batch window shows them);
 *   - tl_batch_set_input_stream(): lines are read as slots free up and each item is dropped
 *     after "item-ready", so memory does not grow with the batch (the CLI). How far reading
 *     runs ahead of the oldest unfinished line is bounded.
 *
 * A server that answers 429 or 503 with Retry-After is obeyed: the line is tried again after
 * the time it asked for (at most MAX_TRIES tries and MAX_WAIT_MS of waiting per line), and no
 * new lookup starts before then, so a run never hammers a server that asked it to slow down.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-batch-private.h"
#include "tl-batch-item-private.h"
#include "tl-batch-line.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"

#define MAX_TRIES          3
#define MAX_WAIT_MS        60000
#define DEFAULT_WAIT_MS    1000     /* 429 without Retry-After */
/* A list batch of at most this many lines keeps every result whole, with its token: any row
 * opens on its ticket page with the details, the report and the curl command. A larger one
 * keeps only what a row shows and exports, except for lookups that failed: those keep their
 * result and token, to be read and tried again. */
#define KEEP_WHOLE_MAX     2000


G_DEFINE_FINAL_TYPE (TlBatch, tl_batch, G_TYPE_OBJECT)

enum { ITEM_DONE, ITEM_READY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
tl_batch_dispose (GObject *object)
{
  TlBatch *self = (TlBatch *) object;

  g_clear_handle_id (&self->hold_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->items);
  g_clear_pointer (&self->dirty, g_ptr_array_unref);
  g_queue_clear_full (&self->pending, g_object_unref);
  g_queue_clear_full (&self->unstarted, g_object_unref);
  g_clear_object (&self->input);
  if (self->partial != NULL)
    g_string_free (g_steal_pointer (&self->partial), TRUE);
  g_clear_error (&self->read_error);
  G_OBJECT_CLASS (tl_batch_parent_class)->dispose (object);
}

static void
tl_batch_class_init (TlBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tl_batch_dispose;

  /**
   * TlBatch::item-done:
   * @item: the item that finished (lookup done, or its line could not be read)
   */
  signals[ITEM_DONE] = g_signal_new ("item-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, TL_TYPE_BATCH_ITEM);
  /**
   * TlBatch::item-ready:
   * @item: the next item in input order; it and every item before it are done. With an input
   *   stream this is the last moment the item exists: copy what is needed.
   */
  signals[ITEM_READY] = g_signal_new ("item-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, TL_TYPE_BATCH_ITEM);
}

static void
tl_batch_init (TlBatch *self)
{
  self->items = g_list_store_new (TL_TYPE_BATCH_ITEM);
  self->start_priority = G_PRIORITY_DEFAULT;
  g_queue_init (&self->pending);
  g_queue_init (&self->unstarted);
  g_queue_init (&self->waiting);
}

/**
 * tl_batch_new:
 * @account: the account for every lookup of the batch, taken when the run is started
 */
TlBatch *
tl_batch_new (TlClient  *client,
              TlAccount *account,
              guint      max_jobs)
{
  TlBatch *self = g_object_new (TL_TYPE_BATCH, NULL);

  g_return_val_if_fail (TL_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TL_IS_ACCOUNT (account), NULL);

  self->client = g_object_ref (client);
  self->account = g_object_ref (account);
  self->max_jobs = CLAMP (max_jobs, 1, 64);
  return self;
}

/* Reads the line at @p into an item, with its line number, unless it is blank or a comment.
 * The text is read in place, so the only copy of a line (and its token) is the item's own.
 * Returns: where the next line starts, or %NULL after the last */
static const char *
read_line (const char *p,
           guint      *line_no,
           GPtrArray  *items)
{
  const char *start, *end;
  const char *next = tl_batch_line_next (p, &start, &end);

  (*line_no)++;
  if (tl_batch_line_trim (&start, &end))
    g_ptr_array_add (items, tl_batch_item_new_unparsed (*line_no, g_strndup (start, end - start)));
  return next;
}

static guint
add_items (TlBatch   *self,
           GPtrArray *items)
{
  guint first = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < items->len; i++)
    ((TlBatchItem *) g_ptr_array_index (items, i))->index = first + i;
  /* one change for the whole list: a view over it updates once, not once per line */
  g_list_store_splice (self->items, first, 0, items->pdata, items->len);
  return items->len;
}

/**
 * tl_batch_add_text:
 *
 * Adds one item per line of @text; blank lines and lines starting with '#' are skipped.
 * Returns: the number of items added
 */
guint
tl_batch_add_text (TlBatch    *self,
                   const char *text)
{
  g_autoptr(GPtrArray) items = NULL;
  guint line_no = 0;

  g_return_val_if_fail (TL_IS_BATCH (self), 0);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (const char *p = text ? text : ""; p != NULL; )
    p = read_line (p, &line_no, items);
  return add_items (self, items);
}

typedef struct
{
  char       *text;
  const char *next;      /* the next line to read, NULL when all are read */
  guint       line_no;
  GPtrArray  *items;
} AddText;

static void
add_text_free (AddText *add)
{
  tl_secret_free (add->text);
  g_clear_pointer (&add->items, g_ptr_array_unref);
  g_free (add);
}

/* About 4 ms of lines per main-loop iteration, below redrawing in priority. */
#define LINES_PER_STEP 4096

static gboolean
add_text_step (gpointer user_data)
{
  GTask *task = user_data;
  AddText *add = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  for (guint n = 0; n < LINES_PER_STEP && add->next != NULL; n++)
    add->next = read_line (add->next, &add->line_no, add->items);
  if (add->next != NULL)
    return G_SOURCE_CONTINUE;
  g_task_return_pointer (task, g_steal_pointer (&add->items), (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/**
 * tl_batch_add_text_async:
 * @text: (transfer full): the lines; wiped and freed when read
 *
 * tl_batch_add_text() a few thousand lines per main-loop iteration: for 100 000 lines, making
 * the items took one iteration of about 90 ms. They are added to the list in one change by
 * tl_batch_add_text_finish().
 */
void
tl_batch_add_text_async (TlBatch             *self,
                         char                *text,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;
  AddText *add = g_new0 (AddText, 1);

  g_return_if_fail (TL_IS_BATCH (self));

  add->text = text;
  add->next = text ? text : "";
  add->items = g_ptr_array_new_with_free_func (g_object_unref);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_batch_add_text_async);
  g_task_set_task_data (task, add, (GDestroyNotify) add_text_free);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_task_attach_source (task, source, add_text_step);
}

/**
 * tl_batch_add_text_finish:
 * @n_added: (out) (optional): the number of items added
 *
 * Returns: %FALSE if it was cancelled (nothing is added then)
 */
gboolean
tl_batch_add_text_finish (TlBatch       *self,
                          GAsyncResult  *result,
                          guint         *n_added,
                          GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  items = g_task_propagate_pointer (G_TASK (result), error);
  if (items == NULL)
    return FALSE;
  if (n_added != NULL)
    *n_added = add_items (self, items);
  else
    add_items (self, items);
  return TRUE;
}

TlAccount *
tl_batch_get_account (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), NULL);
  return self->account;
}

GListModel *
tl_batch_get_items (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
tl_batch_get_n_done (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  return self->n_done;
}

GCancellable *
_tl_batch_run_cancellable (TlBatch *self)
{
  return self->task ? g_task_get_cancellable (self->task) : NULL;
}

static gboolean
run_cancelled (TlBatch *self)
{
  GCancellable *cancellable = _tl_batch_run_cancellable (self);

  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

/* Hands on, in input order, every item whose predecessors are all done. */
static void
hand_on_ready (TlBatch *self)
{
  if (self->input != NULL)
    {
      while (!g_queue_is_empty (&self->pending) &&
             TL_BATCH_ITEM (g_queue_peek_head (&self->pending))->done)
        {
          g_autoptr(TlBatchItem) item = g_queue_pop_head (&self->pending);

          g_signal_emit (self, signals[ITEM_READY], 0, item);
        }
      return;
    }

  while (self->next_ready < g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), self->next_ready);

      if (!item->done)
        break;
      self->next_ready++;
      g_signal_emit (self, signals[ITEM_READY], 0, item);
    }
}

/**
 * tl_batch_set_defer_notify:
 *
 * Items that finish notify their properties only when tl_batch_flush_notify() is called: a
 * view calls it once per frame, so a thousand answers a second cost one update each frame.
 */
void
tl_batch_set_defer_notify (TlBatch  *self,
                           gboolean  defer)
{
  g_return_if_fail (TL_IS_BATCH (self));

  if (!defer && self->dirty != NULL)
    tl_batch_flush_notify (self);
  self->defer_notify = defer;
  if (defer && self->dirty == NULL)
    self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tl_batch_set_start_priority:
 * @priority: %G_PRIORITY_DEFAULT: the next lookups start as soon as one ends (the default);
 *   another: from an idle of that priority
 *
 * A window gives its drawing precedence with a priority below it (%G_PRIORITY_DEFAULT_IDLE):
 * against a server that answers at once, lookups started as soon as one ended kept the main
 * loop busy at the default priority, and the window drew one frame in a run of seconds.
 */
void
tl_batch_set_start_priority (TlBatch *self,
                             int      priority)
{
  g_return_if_fail (TL_IS_BATCH (self));
  self->start_priority = priority;
}

/**
 * tl_batch_flush_notify:
 *
 * Returns: how many items were notified
 */
guint
tl_batch_flush_notify (TlBatch *self)
{
  g_autoptr(GPtrArray) dirty = NULL;

  g_return_val_if_fail (TL_IS_BATCH (self), 0);

  if (self->dirty == NULL || self->dirty->len == 0)
    return 0;
  dirty = g_steal_pointer (&self->dirty);
  self->dirty = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < dirty->len; i++)
    tl_batch_item_notify_finished (g_ptr_array_index (dirty, i));
  return dirty->len;
}

void
_tl_batch_item_finished (TlBatch     *self,
                         TlBatchItem *item)
{
  int status;

  item->done = TRUE;
  self->n_done++;
  item->kind = tl_batch_item_get_kind (item);
  self->n_kind[item->kind]++;
  status = tl_batch_item_get_exit_status (item);
  if (status > TL_EXIT_EXPIRED)
    {
      self->n_failed++;
      self->worst = MAX (self->worst, status);
    }
  if (self->input == NULL && self->defer_notify)
    g_ptr_array_add (self->dirty, g_object_ref (item));
  else if (self->input == NULL)
    tl_batch_item_notify_finished (item);
  g_signal_emit (self, signals[ITEM_DONE], 0, item);
}

/* One lookup of the batch in flight, or waiting to be tried again. */
typedef struct
{
  TlBatch     *batch;
  TlBatchItem *item;
  guint        retry_id;
} Running;

static void
running_free (Running *running)
{
  g_clear_handle_id (&running->retry_id, g_source_remove);
  g_object_unref (running->batch);
  g_object_unref (running->item);
  g_free (running);
}

static void send_lookup (Running *running);

/* How long the server asked to wait before this line is tried again (0: do not). */
static guint
retry_delay_ms (TlBatchItem    *item,
                TlLookupResult *result)
{
  guint status = tl_lookup_result_get_status (result);
  const char *retry_after = tl_lookup_result_get_retry_after (result);
  gint64 delay_ms = -1;

  if (status != 429 && status != 503)
    return 0;
  if (item->tries >= MAX_TRIES)
    return 0;

  if (retry_after != NULL)
    {
      g_autofree char *value = g_strstrip (g_strdup (retry_after));
      char *end = NULL;
      guint64 seconds = g_ascii_strtoull (value, &end, 10);

      if (end != value && *end == '\0')
        delay_ms = seconds > MAX_WAIT_MS / 1000 + 1 ? MAX_WAIT_MS + 1 : (gint64) seconds * 1000;
      else
        {
          g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          if (when != NULL)
            delay_ms = MAX (g_date_time_difference (when, now) / 1000, 0);
        }
    }
  else if (status == 429)
    delay_ms = DEFAULT_WAIT_MS * item->tries;

  /* a wait beyond what is left of the line's budget is not waited: the answer is reported */
  if (delay_ms < 0 || item->waited_ms + delay_ms > MAX_WAIT_MS)
    return 0;
  return MAX ((guint) delay_ms, 1);
}

static gboolean
on_retry (gpointer user_data)
{
  Running *running = user_data;
  TlBatch *self = running->batch;

  running->retry_id = 0;
  g_queue_remove (&self->waiting, running);
  send_lookup (running);
  return G_SOURCE_REMOVE;
}

static gboolean
on_hold_over (gpointer user_data)
{
  TlBatch *self = user_data;

  self->hold_id = 0;
  _tl_batch_start_more (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_start_idle (gpointer user_data)
{
  TlBatch *self = user_data;

  self->start_id = 0;
  _tl_batch_start_more (self);
  return G_SOURCE_REMOVE;
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Running *running = user_data;
  TlBatch *self = running->batch;
  TlBatchItem *item = running->item;
  g_autoptr(TlLookupResult) result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
  guint delay_ms;

  if (!run_cancelled (self) && (delay_ms = retry_delay_ms (item, result)) > 0)
    {
      /* told to slow down: this line waits as asked, and nothing new starts before then */
      item->waited_ms += delay_ms;
      self->hold_until = MAX (self->hold_until, g_get_monotonic_time () + (gint64) delay_ms * 1000);
      g_clear_object (&item->result);
      item->result = g_steal_pointer (&result);
      running->retry_id = g_timeout_add (delay_ms, on_retry, running);
      g_queue_push_tail (&self->waiting, running);
      return;
    }

  self->running--;
  g_clear_object (&item->result);
  item->result = g_steal_pointer (&result);
  /* a row of the list keeps the outcome, not the diagnostics or the token: a large batch
   * stays small */
  if (self->input == NULL &&
      tl_lookup_result_get_outcome (item->result) != TL_OUTCOME_FAILED &&
      g_list_model_get_n_items (G_LIST_MODEL (self->items)) > KEEP_WHOLE_MAX)
    {
      tl_lookup_result_trim (item->result);
      item->customer_id = g_strdup (tl_input_get_customer_id (item->input));
      g_clear_object (&item->input);
    }
  _tl_batch_item_finished (self, item);
  running_free (running);
  if (self->start_priority == G_PRIORITY_DEFAULT)
    _tl_batch_start_more (self);
  else if (self->start_id == 0)
    self->start_id = g_idle_add_full (self->start_priority, on_start_idle, g_object_ref (self), g_object_unref);
}

static void
send_lookup (Running *running)
{
  TlBatch *self = running->batch;
  TlBatchItem *item = running->item;

  item->tries++;
  tl_client_lookup_async (self->client, self->account, tl_input_get_customer_id (item->input),
                          tl_input_get_token (item->input), _tl_batch_run_cancellable (self),
                          on_lookup_done, running);
}

static gboolean
on_stop_idle (gpointer user_data)
{
  _tl_batch_start_more (user_data);
  return G_SOURCE_REMOVE;
}

/* A stop while lines wait for their Retry-After: they end now, with the answer they had. */
static void
on_cancelled (GCancellable *cancellable,
              TlBatch      *self)
{
  Running *running;

  while ((running = g_queue_pop_head (&self->waiting)) != NULL)
    {
      self->running--;
      _tl_batch_item_finished (self, running->item);
      running_free (running);
    }
  /* finishing is left to start_more on the next iteration: never inside cancel() */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_stop_idle, g_object_ref (self), g_object_unref);
}

/* The next item to look up (a ref), or NULL; items whose line cannot be read are finished
 * on the way, without a slot. */
static TlBatchItem *
next_to_start (TlBatch *self)
{
  if (self->input != NULL)
    return g_queue_pop_head (&self->unstarted);

  while (self->next < g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    {
      TlBatchItem *item = g_list_model_get_item (G_LIST_MODEL (self->items), self->next++);

      if (item->done)
        {
          g_object_unref (item);
          continue;
        }
      tl_batch_item_ensure_parsed (item);
      if (item->input_error != NULL)
        {
          _tl_batch_item_finished (self, item);
          g_object_unref (item);
          continue;
        }
      return item;
    }
  return NULL;
}

static gboolean
all_read (TlBatch *self)
{
  if (self->input != NULL)
    return self->eof && g_queue_is_empty (&self->unstarted);
  return self->next >= g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

void
_tl_batch_start_more (TlBatch *self)
{
  gint64 now;

  if (self->task == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!run_cancelled (self) && now < self->hold_until)
    {
      if (self->hold_id == 0)
        self->hold_id = g_timeout_add ((guint) ((self->hold_until - now) / 1000) + 1, on_hold_over, self);
    }
  else
    {
      while (self->running < self->max_jobs && !run_cancelled (self))
        {
          TlBatchItem *item = next_to_start (self);
          Running *running;

          if (item == NULL)
            break;
          running = g_new0 (Running, 1);
          running->batch = g_object_ref (self);
          running->item = item;
          self->running++;
          send_lookup (running);
        }
    }

  hand_on_ready (self);
  if (self->input != NULL && !run_cancelled (self))
    _tl_batch_read_more (self);

  if (self->running == 0 && self->task != NULL && !self->reading &&
      (all_read (self) || run_cancelled (self)))
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);
      guint n = self->input != NULL ? self->n_items : g_list_model_get_n_items (G_LIST_MODEL (self->items));

      g_clear_handle_id (&self->hold_id, g_source_remove);
      g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
      self->cancelled_id = 0;
      if (self->read_error != NULL)
        g_task_return_error (task, g_steal_pointer (&self->read_error));
      else if (!all_read (self))
        g_task_return_new_error (task, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED,
                                 _("Stopped after %u of %u lines."), self->n_done, n);
      else
        g_task_return_boolean (task, TRUE);
    }
}

/**
 * tl_batch_get_n_kind:
 *
 * Returns: how many lines came to @kind so far (lines not a lookup count once read)
 */
guint
tl_batch_get_n_kind (TlBatch     *self,
                     TlBatchKind  kind)
{
  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  g_return_val_if_fail (kind < TL_BATCH_N_KINDS, 0);

  if (kind == TL_BATCH_KIND_PENDING)
    return tl_batch_get_n_items (self) - self->n_done;
  return self->n_kind[kind];
}

/* Makes @item, a lookup that failed, not done again. */
static gboolean
reset_one (TlBatch     *self,
           TlBatchItem *item)
{
  if (!item->done || item->kind != TL_BATCH_KIND_FAILED || item->input == NULL)
    return FALSE;
  self->n_kind[item->kind]--;
  self->n_done--;
  if (tl_batch_item_get_exit_status (item) > TL_EXIT_EXPIRED)
    self->n_failed--;
  tl_batch_item_reset (item);
  if (self->dirty != NULL)
    g_ptr_array_remove_fast (self->dirty, item);
  tl_batch_item_notify_finished (item);
  /* "item-ready" comes again for it, in input order, when it finishes */
  self->next_ready = MIN (self->next_ready, item->index);
  return TRUE;
}

/**
 * tl_batch_reset_failed:
 *
 * Makes every lookup that failed not done again (lines that are not lookups stay as they are),
 * so the next tl_batch_run_async() sends those lines, and only those, once more. Only for a
 * batch of a list, between runs.
 *
 * Returns: how many lines will be tried again
 */
guint
tl_batch_reset_failed (TlBatch *self)
{
  GListModel *items;
  guint n, reset = 0;

  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  g_return_val_if_fail (self->task == NULL, 0);
  g_return_val_if_fail (self->input == NULL, 0);

  items = G_LIST_MODEL (self->items);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (items, i);

      reset += reset_one (self, item);
    }
  return reset;
}

/**
 * tl_batch_reset_item:
 * @item: an item of this batch
 *
 * As tl_batch_reset_failed() for @item alone.
 *
 * Returns: whether @item, a lookup that failed, will be tried again
 */
gboolean
tl_batch_reset_item (TlBatch     *self,
                     TlBatchItem *item)
{
  g_autoptr(TlBatchItem) own = NULL;

  g_return_val_if_fail (TL_IS_BATCH (self), FALSE);
  g_return_val_if_fail (TL_IS_BATCH_ITEM (item), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);
  g_return_val_if_fail (self->input == NULL, FALSE);

  own = g_list_model_get_item (G_LIST_MODEL (self->items), item->index);
  if (own != item)
    return FALSE;
  return reset_one (self, item);
}

guint
tl_batch_get_n_failed (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  return self->n_failed;
}

/**
 * tl_batch_get_n_items:
 *
 * Returns: the items known so far (with an input stream: the lines read so far)
 */
guint
tl_batch_get_n_items (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  return self->input != NULL ? self->n_items : g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint64
tl_batch_get_bytes_read (TlBatch *self)
{
  g_return_val_if_fail (TL_IS_BATCH (self), 0);
  return self->bytes_read;
}

/**
 * tl_batch_run_async:
 *
 * Looks up every item not done yet. Cancelling @cancellable stops starting new lookups and
 * cancels the running ones (and the waits for Retry-After); the finish then reports
 * %TL_LOOKUP_ERROR_CANCELLED.
 */
void
tl_batch_run_async (TlBatch             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_return_if_fail (TL_IS_BATCH (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, tl_batch_run_async);
  g_task_set_check_cancellable (self->task, FALSE);
  self->next = 0;
  self->hold_until = 0;
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self, NULL);
  _tl_batch_start_more (self);
}

gboolean
tl_batch_run_finish (TlBatch       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tl_batch_get_exit_status:
 *
 * Returns: 0 when every line got a ticket that says valid or expired, else the most severe
 *   failure's exit status (an answer that does not say, 10, counts as a failure)
 */
int
tl_batch_get_exit_status (TlBatch *self)
{
  int status = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (self->input != NULL)
    return self->worst;   /* stream mode: the items are gone, the worst was kept */

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      int s = tl_batch_item_get_exit_status (item);

      if (s > TL_EXIT_EXPIRED)
        status = MAX (status, s);
    }
  return status;
}
