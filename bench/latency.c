/* latency.c: in-process tl_client_lookup latency on a warm connection, for bench/run.
 * Usage: latency BASE_URL N   prints one line per lookup: "us <microseconds>"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "tl-client.h"
#include "tl-demo-server.h"

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup (TlClient  *client,
        TlAccount *account)
{
  TlLookupResult *result = NULL;

  tl_client_lookup_async (client, account, TL_DEMO_CUSTOMER_ID, tl_demo_token (TL_DEMO_VALID), NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlClient) client = NULL;
  g_autoptr(TlAccount) account = NULL;
  int n;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s BASE_URL N\n", argv[0]);
      return 2;
    }
  n = atoi (argv[2]);
  client = tl_client_new ();
  account = tl_account_new (argv[1], TL_DEMO_USERNAME, TL_DEMO_PASSWORD, NULL, FALSE);

  /* Warm up: connection open and kept alive. */
  for (int i = 0; i < 20; i++)
    g_object_unref (lookup (client, account));

  for (int i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TlLookupResult) result = lookup (client, account);
      gint64 us = g_get_monotonic_time () - start;

      if (!tl_lookup_result_is_ok (result))
        {
          fprintf (stderr, "lookup failed: %s\n", tl_lookup_result_get_error (result)->message);
          return 1;
        }
      printf ("us %" G_GINT64_FORMAT "\n", us);
    }
  return 0;
}
