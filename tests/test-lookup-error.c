/* test-lookup-error.c: the failure classes: which offer the account's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-lookup-error.h"

/* The way out of these is in the account's settings (address, username, password, keyring);
 * the others are fixed elsewhere: the input, the service, the network, later. */
static void
test_wants_account (void)
{
  static const TlLookupError account[] = {
    TL_LOOKUP_ERROR_UNAUTHORIZED, TL_LOOKUP_ERROR_FORBIDDEN, TL_LOOKUP_ERROR_NO_PASSWORD,
    TL_LOOKUP_ERROR_KEYRING, TL_LOOKUP_ERROR_INSECURE_URL, TL_LOOKUP_ERROR_NOT_FOUND,
    TL_LOOKUP_ERROR_TLS, TL_LOOKUP_ERROR_DNS, TL_LOOKUP_ERROR_REDIRECT,
  };

  for (TlLookupError code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    {
      gboolean expected = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (account); i++)
        expected |= account[i] == code;
      g_test_message ("%s", tl_lookup_error_code_to_string (code));
      g_assert_cmpint (tl_lookup_error_wants_account (code), ==, expected);
    }
  g_assert_false (tl_lookup_error_wants_account (TL_LOOKUP_ERROR_N_CODES));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lookup-error/wants-account", test_wants_account);
  return g_test_run ();
}
