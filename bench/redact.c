/* redact.c: the redaction pass of one lookup, as the client runs it on a valid answer (the
 * reason, the response headers, the nine ticket fields, the body excerpt), many times over, for
 * callgrind: valgrind --tool=callgrind bench/redact 2000, then divide Ir by the count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "tl-redactor.h"
#include "tl-text.h"

static const char *strings[] = {
  "OK",
  "application/json; charset=utf-8",
  "Kestrel",
  "Mon, 03 Jun 2024 10:12:45 GMT",
  "chunked",
  "0HN3T8G2V5Q1K:00000002",
  "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
  "no-cache, no-store",
  "nosniff",
  "ORD-2024-118734",
  "USR-55102",
  "AGT-7731",
  "OBJ-440017",
  "House",
  "T-19",
  "G-3",
  "M1234",
  "{\"orderId\":\"ORD-2024-118734\",\"userId\":\"USR-55102\",\"orderUserId\":\"AGT-7731\","
  "\"targetId\":\"OBJ-440017\",\"targetType\":\"House\",\"tenantId\":\"T-19\",\"chainId\":\"G-3\","
  "\"customerId\":\"M1234\",\"hasExpired\":false,\"orderTicketHasExpired\":false,"
  "\"validUntil\":\"2024-06-10T10:12:45+02:00\"}",
};

int
main (int   argc,
      char *argv[])
{
  int n = argc > 1 ? atoi (argv[1]) : 1000;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(TlRedactor) redactor = tl_redactor_new ("B2aJxQ9+kL/mN3pR7sT1vw==", "partner",
                                                         "S3cret-Pässword!");

      for (guint s = 0; s < G_N_ELEMENTS (strings); s++)
        g_free (tl_redactor_apply (redactor, strings[s]));
    }
  return 0;
}
