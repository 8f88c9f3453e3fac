/* fuzz-ticket-xml.c: the OrderTicket XML parser (libFuzzer target)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tl-ticket.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_xml ((const char *) data, size, NULL);
  g_autoptr(TlTicket) sniffed = tl_ticket_new_from_data ((const char *) data, size, "application/xml", NULL);

  return 0;
}
