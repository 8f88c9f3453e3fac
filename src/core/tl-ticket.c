/* tl-ticket.c: OrderTicket, its fields and their words (read from an answer in tl-ticket-read.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tl-json.h"
#include "tl-lookup-error.h"
#include "tl-ticket-private.h"
#include "tl-text.h"

G_DEFINE_FINAL_TYPE (TlTicket, tl_ticket, G_TYPE_OBJECT)

static const struct
{
  const char *key;
  const char *title;
  const char *description;
} fields[TL_TICKET_N_FIELDS] = {
  { "orderId",     N_("Order ID"),            N_("The id of the order") },
  { "userId",      N_("User"),                N_("The user who was logged in when ordering") },
  { "orderUserId", N_("Order Owner (Agent)"), N_("The agent responsible for the property, who owns the order") },
  { "targetId",    N_("Property ID"),         N_("The property the order concerns") },
  { "targetType",  N_("Property Type"),       N_("The type of property the order concerns") },
  { "tenantId",    N_("Tenant ID"),           N_("The customer's whole environment") },
  { "chainId",     N_("Chain ID"),            N_("The customer's chain") },
  { "customerId",  N_("Customer ID (Office)"), N_("The office that owns the order") },
  { "hasExpired",  N_("Token Status"),        N_("Whether the token has expired and can no longer be used") },
};

static void
tl_ticket_finalize (GObject *object)
{
  TlTicket *self = (TlTicket *) object;

  for (guint i = 0; i < TL_TICKET_N_STRING_FIELDS; i++)
    g_clear_pointer (&self->strings[i], g_free);
  g_clear_pointer (&self->expiry_key, g_free);
  g_clear_pointer (&self->alt_expiry_key, g_free);

  G_OBJECT_CLASS (tl_ticket_parent_class)->finalize (object);
}

static void
tl_ticket_class_init (TlTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_ticket_finalize;
}

static void
tl_ticket_init (TlTicket *self)
{
}

TlTicket *
tl_ticket_new (void)
{
  return g_object_new (TL_TYPE_TICKET, NULL);
}

const char *
tl_ticket_field_get_key (TlTicketField field)
{
  g_return_val_if_fail (field < TL_TICKET_N_FIELDS, NULL);
  return fields[field].key;
}

const char *
tl_ticket_field_get_title (TlTicketField field)
{
  g_return_val_if_fail (field < TL_TICKET_N_FIELDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, fields[field].title);
}

/* The property types the service is known to send (none are published: see api/NOTES.md), as
 * a broker names them. */
static const struct
{
  const char *value;
  const char *title;
} property_types[] = {
  { "House",              NC_("property type", "House") },
  { "Cottage",            NC_("property type", "Holiday home") },
  { "HousingCooperative", NC_("property type", "Housing cooperative") },
  { "Condominium",        NC_("property type", "Condominium") },
  { "Plot",               NC_("property type", "Plot") },
  { "Farm",               NC_("property type", "Farm") },
  { "ForeignProperty",    NC_("property type", "Property abroad") },
  { "CommercialProperty", NC_("property type", "Commercial property") },
  { "Premises",           NC_("property type", "Premises") },
  { "Project",            NC_("property type", "New development") },
};

/**
 * tl_ticket_property_type_get_title:
 * @value: (nullable): the service's `targetType`, e.g. "HousingCooperative"
 *
 * Returns: (nullable): the type in words ("Housing cooperative", "Bostadsrätt"), or %NULL for a
 *   value not in the table (shown as the service sent it)
 */
const char *
tl_ticket_property_type_get_title (const char *value)
{
  if (value == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (property_types); i++)
    if (g_ascii_strcasecmp (value, property_types[i].value) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "property type", property_types[i].title);
  return NULL;
}

/**
 * tl_ticket_format_lines:
 *
 * Returns: the ticket as labelled lines of text, for people ("Order ID: ORD-2026-118305"), in
 *   the order the window shows them; a property type in words with the service's value after it
 */
char *
tl_ticket_format_lines (TlTicket *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (TL_IS_TICKET (self), NULL);

  /* Translators: the first line of a copied ticket: "Token Status: Valid" */
  g_string_append_printf (out, _("%s: %s"), tl_ticket_field_get_title (TL_TICKET_FIELD_HAS_EXPIRED),
                          tl_ticket_state_get_title (tl_ticket_get_state (self)));
  g_string_append_c (out, '\n');
  for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
    {
      const char *value = tl_ticket_get_string (self, f);
      const char *word = f == TL_TICKET_FIELD_TARGET_TYPE ? tl_ticket_property_type_get_title (value) : NULL;
      g_autofree char *shown = NULL;

      if (value == NULL)
        shown = g_strdup ("—");
      else if (word != NULL)
        shown = g_strdup_printf ("%s (%s)", word, value);
      else
        /* one line per field: a line break or a control the service sent is shown, not kept */
        shown = tl_text_visible (value);
      g_string_append_printf (out, _("%s: %s"), tl_ticket_field_get_title (f), shown);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

const char *
tl_ticket_field_get_description (TlTicketField field)
{
  g_return_val_if_fail (field < TL_TICKET_N_FIELDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, fields[field].description);
}

int
_tl_ticket_field_for_key (const char *key)
{
  for (guint i = 0; i < TL_TICKET_N_FIELDS; i++)
    if (g_ascii_strcasecmp (key, fields[i].key) == 0)
      return (int) i;
  if (g_ascii_strcasecmp (key, ALT_EXPIRY_KEY) == 0)
    return ALT_EXPIRY_FIELD;
  return -1;
}

void
_tl_ticket_set_expiry (TlTicket   *self,
                       int         field,
                       gboolean    expired,
                       const char *key)
{
  TlTicketState state = expired ? TL_TICKET_STATE_EXPIRED : TL_TICKET_STATE_VALID;

  if (field == ALT_EXPIRY_FIELD)
    {
      self->alt_state = state;
      g_free (self->alt_expiry_key);
      self->alt_expiry_key = g_strdup (key);
    }
  else
    {
      self->state = state;
      g_free (self->expiry_key);
      self->expiry_key = g_strdup (key);
    }
}

/* hasExpired wins; orderTicketHasExpired stands in when it is absent; the two disagreeing is
 * an answer that cannot be trusted either way. */
gboolean
_tl_ticket_settle_expiry (TlTicket  *self,
                          GError   **error)
{
  if (self->alt_state == TL_TICKET_STATE_UNKNOWN)
    return TRUE;
  if (self->state == TL_TICKET_STATE_UNKNOWN)
    {
      self->state = self->alt_state;
      g_free (self->expiry_key);
      self->expiry_key = g_steal_pointer (&self->alt_expiry_key);
      return TRUE;
    }
  if (self->state != self->alt_state)
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The answer contradicts itself: “%s” and “%s” disagree on whether the token "
                     "has expired."), self->expiry_key, self->alt_expiry_key);
      return FALSE;
    }
  return TRUE;
}

/**
 * tl_ticket_append_json:
 * @pretty: one member per line, indented, for people (Copy as JSON)
 *
 * The one writer of a ticket as JSON (Copy as JSON in the app and ticket-lookup-cli --json):
 * all nine members in camelCase, in the documented order; a field the answer did not contain
 * is null (so is hasExpired when the answer did not say). Strings are escaped by
 * tl_text_append_json_string().
 */
void
tl_ticket_append_json (TlTicket *self,
                       GString  *out,
                       gboolean  pretty)
{
  const char *separator = pretty ? ",\n  " : ",";
  const char *colon = pretty ? " : " : ":";

  g_return_if_fail (TL_IS_TICKET (self));

  g_string_append (out, pretty ? "{\n  " : "{");
  /* appended piece by piece, not with a format: this runs for every line of a --json batch */
  for (guint i = 0; i < TL_TICKET_N_STRING_FIELDS; i++)
    {
      g_string_append_c (out, '"');
      g_string_append (out, fields[i].key);
      g_string_append_c (out, '"');
      g_string_append (out, colon);
      tl_text_append_json_string (out, self->strings[i]);
      g_string_append (out, separator);
    }
  g_string_append_c (out, '"');
  g_string_append (out, fields[TL_TICKET_FIELD_HAS_EXPIRED].key);
  g_string_append_c (out, '"');
  g_string_append (out, colon);
  g_string_append (out, self->state == TL_TICKET_STATE_UNKNOWN ? "null"
                        : self->state == TL_TICKET_STATE_EXPIRED ? "true" : "false");
  g_string_append (out, pretty ? "\n}" : "}");
}

/**
 * tl_ticket_trim:
 *
 * Keeps the order ID, the customer ID and the verdict, and frees the other fields: what a row
 * of a large batch shows.
 */
void
tl_ticket_trim (TlTicket *self)
{
  g_return_if_fail (TL_IS_TICKET (self));

  for (guint i = 0; i < TL_TICKET_N_STRING_FIELDS; i++)
    if (i != TL_TICKET_FIELD_ORDER_ID && i != TL_TICKET_FIELD_CUSTOMER_ID)
      g_clear_pointer (&self->strings[i], g_free);
}

/**
 * tl_ticket_state_to_string:
 *
 * Returns: "valid", "expired" or "unknown": the verdict's name in --json and CSV
 */
const char *
tl_ticket_state_to_string (TlTicketState state)
{
  switch (state)
    {
    case TL_TICKET_STATE_VALID: return "valid";
    case TL_TICKET_STATE_EXPIRED: return "expired";
    case TL_TICKET_STATE_UNKNOWN:
    default: return "unknown";
    }
}

/**
 * tl_ticket_state_get_title:
 *
 * Returns: the verdict in words, translated: "Valid", "Expired", "Unknown"
 */
const char *
tl_ticket_state_get_title (TlTicketState state)
{
  switch (state)
    {
    case TL_TICKET_STATE_VALID: return _("Valid");
    case TL_TICKET_STATE_EXPIRED: return _("Expired");
    case TL_TICKET_STATE_UNKNOWN:
    default: return _("Unknown");
    }
}

/**
 * tl_ticket_get_expiry_key:
 *
 * Returns: (nullable): the member the expiry was read from, as the answer spelt it
 *   ("hasExpired", "HasExpired", "orderTicketHasExpired", …), %NULL when the answer had none
 */
const char *
tl_ticket_get_expiry_key (TlTicket *self)
{
  g_return_val_if_fail (TL_IS_TICKET (self), NULL);
  return self->expiry_key;
}

/**
 * tl_ticket_get_string:
 *
 * Returns: (nullable): the field's value, %NULL when the answer did not contain it
 */
const char *
tl_ticket_get_string (TlTicket      *self,
                      TlTicketField  field)
{
  g_return_val_if_fail (TL_IS_TICKET (self), NULL);
  g_return_val_if_fail (field < TL_TICKET_N_STRING_FIELDS, NULL);
  return self->strings[field];
}

void
tl_ticket_set_string (TlTicket      *self,
                      TlTicketField  field,
                      const char    *value)
{
  g_return_if_fail (TL_IS_TICKET (self));
  g_return_if_fail (field < TL_TICKET_N_STRING_FIELDS);
  g_free (self->strings[field]);
  self->strings[field] = g_strdup (value);
}

TlTicketState
tl_ticket_get_state (TlTicket *self)
{
  g_return_val_if_fail (TL_IS_TICKET (self), TL_TICKET_STATE_UNKNOWN);
  return self->state;
}

/**
 * tl_ticket_to_json:
 *
 * Returns: the ticket as tl_ticket_append_json() writes it
 */
char *
tl_ticket_to_json (TlTicket *self,
                   gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (TL_IS_TICKET (self), NULL);

  out = g_string_sized_new (400);
  tl_ticket_append_json (self, out, pretty);
  return g_string_free (out, FALSE);
}
