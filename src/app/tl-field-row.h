/* tl-field-row.h: one field of the order ticket, with its copy button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-ticket.h"

G_BEGIN_DECLS

#define TL_TYPE_FIELD_ROW (tl_field_row_get_type ())
G_DECLARE_FINAL_TYPE (TlFieldRow, tl_field_row, TL, FIELD_ROW, AdwPreferencesRow)

GtkWidget *tl_field_row_new       (TlTicketField  field);
void       tl_field_row_set_value (TlFieldRow    *self,
                                   const char    *value);

G_END_DECLS
