/* tl-ticket-view.h: the badge and the nine fields of an OrderTicket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-ticket.h"

G_BEGIN_DECLS

#define TL_TYPE_TICKET_VIEW (tl_ticket_view_get_type ())
G_DECLARE_FINAL_TYPE (TlTicketView, tl_ticket_view, TL, TICKET_VIEW, AdwBin)

GtkWidget *tl_ticket_view_new        (void);
void       tl_ticket_view_set_ticket (TlTicketView *self,
                                      TlTicket     *ticket,
                                      const char   *account_label);

void          tl_ticket_view_announce   (TlTicketView *self);

G_END_DECLS
