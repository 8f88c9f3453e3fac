/* tl-ticket.h: the OrderTicket value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  TL_TICKET_FIELD_ORDER_ID,
  TL_TICKET_FIELD_USER_ID,
  TL_TICKET_FIELD_ORDER_USER_ID,
  TL_TICKET_FIELD_TARGET_ID,
  TL_TICKET_FIELD_TARGET_TYPE,
  TL_TICKET_FIELD_TENANT_ID,
  TL_TICKET_FIELD_CHAIN_ID,
  TL_TICKET_FIELD_CUSTOMER_ID,
  TL_TICKET_N_STRING_FIELDS,
  TL_TICKET_FIELD_HAS_EXPIRED = TL_TICKET_N_STRING_FIELDS,
  TL_TICKET_N_FIELDS,
} TlTicketField;

typedef enum
{
  TL_TICKET_STATE_UNKNOWN,   /* hasExpired absent or null */
  TL_TICKET_STATE_VALID,
  TL_TICKET_STATE_EXPIRED,
} TlTicketState;

#define TL_TICKET_N_STATES (TL_TICKET_STATE_EXPIRED + 1)

#define TL_TICKET_XML_NAMESPACE "http://schemas.datacontract.org/2004/07/Express.Connect.Api.Models.Order"

#define TL_TYPE_TICKET (tl_ticket_get_type ())
G_DECLARE_FINAL_TYPE (TlTicket, tl_ticket, TL, TICKET, GObject)

TlTicket      *tl_ticket_new                (void);
TlTicket      *tl_ticket_new_from_json      (const char     *data,
                                             gssize          length,
                                             GError        **error);
TlTicket      *tl_ticket_new_from_xml       (const char     *data,
                                             gssize          length,
                                             GError        **error);
TlTicket      *tl_ticket_new_from_data      (const char     *data,
                                             gsize           length,
                                             const char     *content_type,
                                             GError        **error);

const char    *tl_ticket_get_string         (TlTicket       *self,
                                             TlTicketField   field);
void           tl_ticket_set_string         (TlTicket       *self,
                                             TlTicketField   field,
                                             const char     *value);
TlTicketState  tl_ticket_get_state          (TlTicket       *self);
const char    *tl_ticket_get_expiry_key     (TlTicket       *self);
const char    *tl_ticket_state_to_string    (TlTicketState   state);
const char    *tl_ticket_state_get_title    (TlTicketState   state);
void           tl_ticket_trim               (TlTicket       *self);
void           tl_ticket_append_json        (TlTicket       *self,
                                             GString        *out,
                                             gboolean        pretty);
char          *tl_ticket_to_json            (TlTicket       *self,
                                             gboolean        pretty);

const char    *tl_ticket_field_get_key      (TlTicketField   field);
const char    *tl_ticket_field_get_title    (TlTicketField   field);
const char    *tl_ticket_field_get_description (TlTicketField field);
const char    *tl_ticket_property_type_get_title (const char *value);
char          *tl_ticket_format_lines       (TlTicket       *self);

G_END_DECLS
