/* tl-batch-item.c: one line of a batch: what was read, its lookup and its outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-batch-item-private.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"
#include "tl-text.h"

G_DEFINE_FINAL_TYPE (TlBatchItem, tl_batch_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TlBatchKind, tl_batch_kind,
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_VALID, "valid"),
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (TL_BATCH_KIND_NOT_LOOKUP, "not-lookup"))

static void
tl_batch_item_finalize (GObject *object)
{
  TlBatchItem *self = (TlBatchItem *) object;

  g_clear_pointer (&self->text, tl_secret_free);
  g_free (self->customer_id);
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
  ITEM_PROP_OUTCOME_KIND,
  ITEM_PROP_KIND,
  ITEM_PROP_REASON,
  ITEM_PROP_DONE,
  ITEM_PROP_RESULT,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

/* A line is parsed when something first asks about it: adding 100 000 lines to a batch costs
 * no parsing, and a view parses only the rows it shows. */
void
tl_batch_item_ensure_parsed (TlBatchItem *self)
{
  if (self->text == NULL)
    return;
  self->input = tl_input_parse (self->text, &self->input_error);
  if (self->input != NULL)
    self->fingerprint = tl_input_token_fingerprint (tl_input_get_token (self->input));
  g_clear_pointer (&self->text, tl_secret_free);
}

/* NULL until the line is read, or for a line without one */
const char *
tl_batch_item_get_customer_id (TlBatchItem *self)
{
  tl_batch_item_ensure_parsed (self);
  if (self->input != NULL)
    return tl_input_get_customer_id (self->input);
  return self->customer_id;
}

static void
tl_batch_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TlBatchItem *self = TL_BATCH_ITEM (object);

  tl_batch_item_ensure_parsed (self);
  switch (prop_id)
    {
    case ITEM_PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case ITEM_PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case ITEM_PROP_CUSTOMER_ID:
      g_value_set_string (value, tl_batch_item_get_customer_id (self));
      break;
    case ITEM_PROP_ORDER_ID:
      {
        TlTicket *ticket = self->result ? tl_lookup_result_get_ticket (self->result) : NULL;

        g_value_take_string (value, ticket ? tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL);
      }
      break;
    case ITEM_PROP_OUTCOME:
      g_value_take_string (value, tl_batch_item_describe (self));
      break;
    case ITEM_PROP_OUTCOME_KIND:
      g_value_set_enum (value, tl_batch_item_get_outcome_kind (self));
      break;
    case ITEM_PROP_KIND:
      g_value_set_enum (value, tl_batch_item_get_kind (self));
      break;
    case ITEM_PROP_REASON:
      g_value_take_string (value, tl_batch_item_dup_reason (self));
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
  /* the three below are NULL until there is one */
  item_properties[ITEM_PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CUSTOMER_ID] = g_param_spec_string ("customer-id", NULL, NULL, NULL, flags);
  /* the server's order ID, controls shown visibly */
  item_properties[ITEM_PROP_ORDER_ID] = g_param_spec_string ("order-id", NULL, NULL, NULL, flags);
  /* "Valid", "Expired", "Waiting…", the failure's title or the input's problem */
  item_properties[ITEM_PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  /* the outcome as a state: pending, a verdict, or failed */
  item_properties[ITEM_PROP_OUTCOME_KIND] = g_param_spec_enum ("outcome-kind", NULL, NULL, TL_TYPE_OUTCOME,
                                                               TL_OUTCOME_PENDING, flags);
  /* valid, expired, unknown, failed, not a lookup (or pending) */
  item_properties[ITEM_PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TL_TYPE_BATCH_KIND,
                                                       TL_BATCH_KIND_PENDING, flags);
  /* the whole reason, for a tooltip: the outcome, the cause and the service's messages */
  item_properties[ITEM_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
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
/* NULL once the lookup of an item in a list batch has ended: the token is not kept */
TlInput *tl_batch_item_get_input (TlBatchItem *self) { tl_batch_item_ensure_parsed (self); return self->input; }
const GError *tl_batch_item_get_input_error (TlBatchItem *self) { tl_batch_item_ensure_parsed (self); return self->input_error; }
TlLookupResult *tl_batch_item_get_result (TlBatchItem *self) { return self->result; }
gboolean tl_batch_item_is_done (TlBatchItem *self) { return self->done; }
const char *tl_batch_item_get_fingerprint (TlBatchItem *self) { tl_batch_item_ensure_parsed (self); return self->fingerprint; }

/**
 * tl_batch_item_get_exit_status:
 *
 * Returns: the CLI exit status for this item (0 valid, 1 expired, 2 invalid input, …)
 */
int
tl_batch_item_get_exit_status (TlBatchItem *self)
{
  tl_batch_item_ensure_parsed (self);
  if (self->input_error != NULL)
    return TL_EXIT_USAGE;
  if (self->result == NULL)
    return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_CANCELLED);
  return tl_lookup_result_get_exit_status (self->result);
}

/**
 * tl_batch_item_get_outcome_kind:
 *
 * Returns: pending until done; failed for a line that is not a lookup or a lookup that did
 *   not end with a ticket; else the ticket's verdict
 */
TlOutcome
tl_batch_item_get_outcome_kind (TlBatchItem *self)
{
  tl_batch_item_ensure_parsed (self);
  if (!self->done)
    return TL_OUTCOME_PENDING;
  if (self->input_error != NULL || self->result == NULL)
    return TL_OUTCOME_FAILED;
  return tl_lookup_result_get_outcome (self->result);
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

  tl_batch_item_ensure_parsed (self);
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

/* An item of @text, parsed now (the stream mode parses each line as it is read). */
TlBatchItem *
tl_batch_item_new_parsed (guint       line,
                          guint       index,
                          const char *text)
{
  TlBatchItem *item = g_object_new (TL_TYPE_BATCH_ITEM, NULL);

  item->line = line;
  item->index = index;
  item->input = tl_input_parse (text, &item->input_error);
  if (item->input != NULL)
    item->fingerprint = tl_input_token_fingerprint (tl_input_get_token (item->input));
  return item;
}

/* An item of @text (taken), parsed when something first asks about it. */
TlBatchItem *
tl_batch_item_new_unparsed (guint  line,
                            char  *text)
{
  TlBatchItem *item = g_object_new (TL_TYPE_BATCH_ITEM, NULL);

  item->line = line;
  item->text = text;
  return item;
}

/* rows bound to these properties update themselves; the list itself is unchanged */
void
tl_batch_item_notify_finished (TlBatchItem *item)
{
  g_object_freeze_notify (G_OBJECT (item));
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_ORDER_ID]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OUTCOME_KIND]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_REASON]);
  g_object_thaw_notify (G_OBJECT (item));
}

/**
 * tl_batch_item_get_kind:
 *
 * Returns: what the line came to: pending until done, "not a lookup" for a line that could not
 *   be read as one, else the verdict or a failure
 */
TlBatchKind
tl_batch_item_get_kind (TlBatchItem *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ITEM (self), TL_BATCH_KIND_PENDING);

  tl_batch_item_ensure_parsed (self);
  if (self->input_error != NULL)
    return TL_BATCH_KIND_NOT_LOOKUP;
  if (!self->done)
    return TL_BATCH_KIND_PENDING;
  if (self->result == NULL)
    return TL_BATCH_KIND_FAILED;
  switch (tl_lookup_result_get_outcome (self->result))
    {
    case TL_OUTCOME_VALID: return TL_BATCH_KIND_VALID;
    case TL_OUTCOME_EXPIRED: return TL_BATCH_KIND_EXPIRED;
    case TL_OUTCOME_UNKNOWN: return TL_BATCH_KIND_UNKNOWN;
    case TL_OUTCOME_PENDING: return TL_BATCH_KIND_PENDING;
    case TL_OUTCOME_FAILED:
    default: return TL_BATCH_KIND_FAILED;
    }
}

/**
 * tl_batch_item_dup_reason:
 *
 * Returns: (transfer full): the whole outcome in words: the title, what happened and the
 *   service's own messages, controls and invisible characters shown visibly
 */
char *
tl_batch_item_dup_reason (TlBatchItem *self)
{
  const GError *error;
  const TlErrorBody *body;
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (TL_IS_BATCH_ITEM (self), NULL);

  tl_batch_item_ensure_parsed (self);
  if (self->input_error != NULL)
    return tl_text_visible (self->input_error->message);
  if (!self->done || self->result == NULL || tl_lookup_result_get_error (self->result) == NULL)
    return tl_batch_item_describe (self);

  error = tl_lookup_result_get_error (self->result);
  body = tl_lookup_result_get_error_body (self->result);
  out = g_string_new (tl_lookup_error_get_title (tl_lookup_error_code (error)));
  g_string_append_printf (out, "\n%s", error->message);
  if (body != NULL)
    {
      if (body->message != NULL)
        g_string_append_printf (out, "\n%s", body->message);
      for (guint i = 0; i < body->details->len; i++)
        g_string_append_printf (out, "\n• %s", (char *) g_ptr_array_index (body->details, i));
    }
  return tl_text_visible_multiline (out->str);
}

/**
 * tl_batch_item_get_token:
 *
 * Returns: (nullable): the token, while the item keeps it (until its lookup ends, and after
 *   that for a lookup that failed, so it can be tried again)
 */
const char *
tl_batch_item_get_token (TlBatchItem *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ITEM (self), NULL);

  tl_batch_item_ensure_parsed (self);
  return self->input != NULL ? tl_input_get_token (self->input) : NULL;
}

/* Not done again, to be looked up once more (Retry Failed): rows bound to it show it waiting. */
void
tl_batch_item_reset (TlBatchItem *self)
{
  self->done = FALSE;
  self->kind = TL_BATCH_KIND_PENDING;
  self->tries = 0;
  self->waited_ms = 0;
  g_clear_object (&self->result);
}
