/* tl-history-entry.c: one lookup in the history
 *
 * An entry of this session keeps its full result and the token in memory, so it can be shown
 * again and looked up again; one read back from the saved history has only its summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-history-private.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"

G_DEFINE_FINAL_TYPE (TlHistoryEntry, tl_history_entry, G_TYPE_OBJECT)

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

/* Lets go of the full result and the token; the summary stays. */
void
tl_history_entry_drop_result (TlHistoryEntry *self)
{
  g_clear_object (&self->result);
  g_clear_pointer (&self->token, tl_secret_free);
  g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_RESULT]);
}
