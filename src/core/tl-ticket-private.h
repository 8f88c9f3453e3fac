/* tl-ticket-private.h: what tl-ticket.c and tl-ticket-read.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-ticket.h"

G_BEGIN_DECLS

struct _TlTicket
{
  GObject        parent_instance;

  char          *strings[TL_TICKET_N_STRING_FIELDS];
  TlTicketState  state;
  char          *expiry_key;       /* the member the state was read from, as the answer spelt it */
  TlTicketState  alt_state;        /* from orderTicketHasExpired, used when hasExpired is absent */
  char          *alt_expiry_key;
};

/* The vendor's own C# and PHP samples read the expiry as "orderTicketHasExpired": a server or
 * gateway that answers with that name is understood too. An index past the real fields. */
#define ALT_EXPIRY_FIELD TL_TICKET_N_FIELDS
#define ALT_EXPIRY_KEY   "orderTicketHasExpired"

int      _tl_ticket_field_for_key  (const char  *key);
void     _tl_ticket_set_expiry     (TlTicket    *self,
                                    int          field,
                                    gboolean     expired,
                                    const char  *key);
gboolean _tl_ticket_settle_expiry  (TlTicket    *self,
                                    GError     **error);

G_END_DECLS
