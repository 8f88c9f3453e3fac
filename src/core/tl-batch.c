/* tl-batch.c: the engine behind `ticket-lookup-cli --batch` and the app's batch window
 *
 * Lines are parsed with tl-input (a line that cannot be read is an item with an input error,
 * not a stop); at most max_jobs lookups run at once on the client's kept-alive connections;
 * "item-done" is emitted as each finishes, and the items stay in input order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-batch.h"
#include "tl-lookup-error.h"
#include "tl-text.h"

struct _TlBatchItem
{
  GObject         parent_instance;

  guint           line;
  guint           index;      /* its position in the batch: finding it costs nothing */
  TlInput        *input;
  GError         *input_error;
  TlLookupResult *result;
  char           *fingerprint;
  gboolean        done;
};

G_DEFINE_FINAL_TYPE (TlBatchItem, tl_batch_item, G_TYPE_OBJECT)

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
  GTask      *task;
};

G_DEFINE_FINAL_TYPE (TlBatch, tl_batch, G_TYPE_OBJECT)

enum { ITEM_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
tl_batch_item_finalize (GObject *object)
{
  TlBatchItem *self = (TlBatchItem *) object;

  g_clear_object (&self->input);
  g_clear_error (&self->input_error);
  g_clear_object (&self->result);
  g_free (self->fingerprint);
  G_OBJECT_CLASS (tl_batch_item_parent_class)->finalize (object);
}

enum {
  ITEM_PROP_0,
  ITEM_PROP_LINE,
  ITEM_PROP_FINGERPRINT,
  ITEM_PROP_CUSTOMER_ID,
  ITEM_PROP_ORDER_ID,
  ITEM_PROP_OUTCOME,
  ITEM_PROP_OUTCOME_CLASSES,
  ITEM_PROP_DONE,
  ITEM_PROP_RESULT,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
tl_batch_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TlBatchItem *self = TL_BATCH_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case ITEM_PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint ? self->fingerprint : "—");
      break;
    case ITEM_PROP_CUSTOMER_ID:
      g_value_set_string (value, self->input ? tl_input_get_customer_id (self->input) : "—");
      break;
    case ITEM_PROP_ORDER_ID:
      {
        TlTicket *ticket = self->result ? tl_lookup_result_get_ticket (self->result) : NULL;
        char *order = ticket ? tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL;

        g_value_take_string (value, order ? order : g_strdup ("—"));
      }
      break;
    case ITEM_PROP_OUTCOME:
      g_value_take_string (value, tl_batch_item_describe (self));
      break;
    case ITEM_PROP_OUTCOME_CLASSES:
      {
        static const char *success[] = { "success", NULL };
        static const char *failure[] = { "error", NULL };
        static const char *none[] = { NULL };

        g_value_set_boxed (value, !self->done ? none
                                  : tl_batch_item_get_exit_status (self) == TL_EXIT_VALID ? success : failure);
      }
      break;
    case ITEM_PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;
    case ITEM_PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_batch_item_class_init (TlBatchItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tl_batch_item_finalize;
  object_class->get_property = tl_batch_item_get_property;

  item_properties[ITEM_PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  item_properties[ITEM_PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CUSTOMER_ID] = g_param_spec_string ("customer-id", NULL, NULL, NULL, flags);
  /* the server's order ID, controls shown visibly; "—" until there is one */
  item_properties[ITEM_PROP_ORDER_ID] = g_param_spec_string ("order-id", NULL, NULL, NULL, flags);
  /* "Valid", "Expired", "Waiting…", the failure's title or the input's problem */
  item_properties[ITEM_PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  /* style classes for the outcome: none while waiting, "success" or "error" when done */
  item_properties[ITEM_PROP_OUTCOME_CLASSES] = g_param_spec_boxed ("outcome-classes", NULL, NULL,
                                                                    G_TYPE_STRV, flags);
  item_properties[ITEM_PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);
  item_properties[ITEM_PROP_RESULT] = g_param_spec_object ("result", NULL, NULL, TL_TYPE_LOOKUP_RESULT, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
tl_batch_item_init (TlBatchItem *self)
{
}

guint tl_batch_item_get_line (TlBatchItem *self) { return self->line; }
guint tl_batch_item_get_index (TlBatchItem *self) { return self->index; }
TlInput *tl_batch_item_get_input (TlBatchItem *self) { return self->input; }
const GError *tl_batch_item_get_input_error (TlBatchItem *self) { return self->input_error; }
TlLookupResult *tl_batch_item_get_result (TlBatchItem *self) { return self->result; }
gboolean tl_batch_item_is_done (TlBatchItem *self) { return self->done; }
const char *tl_batch_item_get_fingerprint (TlBatchItem *self) { return self->fingerprint; }

/**
 * tl_batch_item_get_exit_status:
 *
 * Returns: the CLI exit status for this item (0 valid, 1 expired, 2 invalid input, …)
 */
int
tl_batch_item_get_exit_status (TlBatchItem *self)
{
  if (self->input_error != NULL)
    return TL_EXIT_USAGE;
  if (self->result == NULL)
    return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_CANCELLED);
  return tl_lookup_result_get_exit_status (self->result);
}

/**
 * tl_batch_item_describe:
 *
 * Returns: the outcome in words: "Valid", "Expired", "Waiting…", or the error's title
 */
char *
tl_batch_item_describe (TlBatchItem *self)
{
  const GError *error;
  TlTicket *ticket;

  if (self->input_error != NULL)
    return g_strdup (self->input_error->message);
  if (!self->done)
    return g_strdup (_("Waiting…"));
  if (self->result == NULL)
    return g_strdup (tl_lookup_error_get_title (TL_LOOKUP_ERROR_CANCELLED));
  error = tl_lookup_result_get_error (self->result);
  if (error != NULL)
    return g_strdup (tl_lookup_error_get_title (tl_lookup_error_code (error)));
  ticket = tl_lookup_result_get_ticket (self->result);
  return g_strdup (tl_ticket_state_get_title (tl_ticket_get_state (ticket)));
}

static void
tl_batch_dispose (GObject *object)
{
  TlBatch *self = (TlBatch *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->items);
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
}

static void
tl_batch_init (TlBatch *self)
{
  self->items = g_list_store_new (TL_TYPE_BATCH_ITEM);
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
  g_auto(GStrv) lines = NULL;
  guint added = 0;

  g_return_val_if_fail (TL_IS_BATCH (self), 0);

  lines = g_strsplit (text ? text : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autoptr(TlBatchItem) item = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      item = g_object_new (TL_TYPE_BATCH_ITEM, NULL);
      item->line = i + 1;
      item->index = g_list_model_get_n_items (G_LIST_MODEL (self->items));
      item->input = tl_input_parse (line, &item->input_error);
      if (item->input != NULL)
        item->fingerprint = tl_input_token_fingerprint (tl_input_get_token (item->input));
      g_list_store_append (self->items, item);
      added++;
    }
  return added;
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

static void start_more (TlBatch *self);

static void
item_finished (TlBatch     *self,
               TlBatchItem *item)
{
  item->done = TRUE;
  self->n_done++;
  /* rows bound to these properties update themselves; the list itself is unchanged */
  g_object_freeze_notify (G_OBJECT (item));
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_ORDER_ID]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OUTCOME_CLASSES]);
  g_object_thaw_notify (G_OBJECT (item));
  g_signal_emit (self, signals[ITEM_DONE], 0, item);
}

/* One lookup of the batch in flight. */
typedef struct
{
  TlBatch     *batch;
  TlBatchItem *item;
} Running;

static void
running_free (Running *running)
{
  g_object_unref (running->batch);
  g_object_unref (running->item);
  g_free (running);
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

  self->running--;
  item->result = g_steal_pointer (&result);
  item_finished (self, item);
  start_more (self);
  running_free (running);
}

static void
start_more (TlBatch *self)
{
  GCancellable *cancellable = self->task ? g_task_get_cancellable (self->task) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  while (self->running < self->max_jobs && self->next < n &&
         (cancellable == NULL || !g_cancellable_is_cancelled (cancellable)))
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), self->next++);

      if (item->done)
        continue;
      if (item->input_error != NULL)
        {
          item_finished (self, item);
          continue;
        }
      Running *running = g_new0 (Running, 1);

      running->batch = g_object_ref (self);
      running->item = g_object_ref (item);
      self->running++;
      tl_client_lookup_async (self->client, self->account, tl_input_get_customer_id (item->input),
                              tl_input_get_token (item->input), cancellable,
                              on_lookup_done, running);
    }

  if (self->running == 0 && self->task != NULL &&
      (self->next >= n || (cancellable != NULL && g_cancellable_is_cancelled (cancellable))))
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      if (self->next < n)
        g_task_return_new_error (task, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED,
                                 _("Stopped after %u of %u lines."), self->n_done, n);
      else
        g_task_return_boolean (task, TRUE);
    }
}

/**
 * tl_batch_run_async:
 *
 * Looks up every item not done yet. Cancelling @cancellable stops starting new lookups and
 * cancels the running ones; the finish then reports %TL_LOOKUP_ERROR_CANCELLED.
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
  start_more (self);
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

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      int s = tl_batch_item_get_exit_status (item);

      if (s > TL_EXIT_EXPIRED)
        status = MAX (status, s);
    }
  return status;
}

/* A cell a spreadsheet would run as a formula (=, +, -, @, or a leading TAB or CR that some
 * programs skip) gets a leading apostrophe, as OWASP's CSV injection guidance recommends: text
 * from a server is shown, never evaluated. */
static void
csv_field (GString    *out,
           const char *value)
{
  g_string_append_c (out, '"');
  if (value != NULL && strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * tl_batch_to_csv:
 *
 * Returns: line, token fingerprint (never the token), customer id, order id, outcome, HTTP
 *   status, request id, account: one row per item, RFC 4180 quoting, formulas neutralised
 */
char *
tl_batch_to_csv (TlBatch *self)
{
  GString *out = g_string_new ("line,token,customerId,orderId,outcome,status,requestId,account\r\n");
  g_autofree char *account = tl_account_dup_label (self->account);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      g_autofree char *outcome = tl_batch_item_describe (item);
      g_autofree char *line = g_strdup_printf ("%u", item->line);
      g_autofree char *status = NULL;
      TlTicket *ticket = item->result ? tl_lookup_result_get_ticket (item->result) : NULL;

      if (item->result != NULL && tl_lookup_result_get_status (item->result) != 0)
        status = g_strdup_printf ("%u", tl_lookup_result_get_status (item->result));

      csv_field (out, line);
      g_string_append_c (out, ',');
      csv_field (out, item->fingerprint);
      g_string_append_c (out, ',');
      csv_field (out, item->input ? tl_input_get_customer_id (item->input) : NULL);
      g_string_append_c (out, ',');
      csv_field (out, ticket ? tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID) : NULL);
      g_string_append_c (out, ',');
      csv_field (out, outcome);
      g_string_append_c (out, ',');
      csv_field (out, status);
      g_string_append_c (out, ',');
      csv_field (out, item->result ? tl_lookup_result_get_request_id (item->result) : NULL);
      g_string_append_c (out, ',');
      csv_field (out, account);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
