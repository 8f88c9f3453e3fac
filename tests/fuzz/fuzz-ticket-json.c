/* fuzz-ticket-json.c: the OrderTicket JSON parser (libFuzzer target)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tl-ticket.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json ((const char *) data, size, NULL);

  if (ticket != NULL)
    {
      g_autofree char *json = tl_ticket_to_json (ticket, FALSE);
      g_autoptr(TlTicket) again = tl_ticket_new_from_json (json, -1, NULL);

      /* What we print, we read back the same. */
      g_assert_nonnull (again);
      g_assert_cmpint (tl_ticket_get_state (again), ==, tl_ticket_get_state (ticket));
      for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
        g_assert_cmpstr (tl_ticket_get_string (again, f), ==, tl_ticket_get_string (ticket, f));
    }
  return 0;
}
