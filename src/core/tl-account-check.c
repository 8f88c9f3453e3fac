/* tl-account-check.c: does the service accept an account?
 *
 * Setting up a partner account should not need a real token. The service judges the caller
 * before the token: with a token that cannot exist, 401 means the credentials are wrong, 400
 * means they were accepted (the token was judged, not the caller), and 403 means they work but
 * the customer ID asked about is not theirs. The probe is an ordinary lookup (same request,
 * same account snapshot, same redaction) with TL_ACCOUNT_CHECK_TOKEN as the token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-account-check.h"
#include "tl-lookup-error.h"
#include "tl-text.h"

/**
 * tl_account_check_from_result:
 * @customer_given: whether the person asked about a customer ID (else a 403 for the
 *   placeholder ID still means the credentials were accepted)
 */
TlAccountCheck
tl_account_check_from_result (TlLookupResult *result,
                              gboolean        customer_given)
{
  const GError *error = tl_lookup_result_get_error (result);

  if (error == NULL)
    return TL_ACCOUNT_CHECK_ACCEPTED;   /* a ticket for a probe: the caller was accepted */
  if (error->domain != TL_LOOKUP_ERROR)
    return TL_ACCOUNT_CHECK_FAILED;
  switch (error->code)
    {
    case TL_LOOKUP_ERROR_BAD_REQUEST:
      return TL_ACCOUNT_CHECK_ACCEPTED;
    case TL_LOOKUP_ERROR_UNAUTHORIZED:
      return TL_ACCOUNT_CHECK_REJECTED;
    case TL_LOOKUP_ERROR_FORBIDDEN:
      return customer_given ? TL_ACCOUNT_CHECK_NO_ACCESS : TL_ACCOUNT_CHECK_ACCEPTED;
    default:
      return TL_ACCOUNT_CHECK_FAILED;
    }
}

/**
 * tl_account_check_to_string:
 *
 * Returns: "accepted", "rejected", "no-access" or "failed" (the --json name)
 */
const char *
tl_account_check_to_string (TlAccountCheck check)
{
  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED: return "accepted";
    case TL_ACCOUNT_CHECK_REJECTED: return "rejected";
    case TL_ACCOUNT_CHECK_NO_ACCESS: return "no-access";
    case TL_ACCOUNT_CHECK_FAILED:
    default: return "failed";
    }
}

/**
 * tl_account_check_exit_status:
 *
 * Returns: 0 accepted, 3 rejected, 4 no access to the customer; a failure has its class's
 *   status (7 for an unreachable service)
 */
int
tl_account_check_exit_status (TlAccountCheck  check,
                              TlLookupResult *result)
{
  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED:
      return TL_EXIT_VALID;
    case TL_ACCOUNT_CHECK_REJECTED:
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_UNAUTHORIZED);
    case TL_ACCOUNT_CHECK_NO_ACCESS:
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_FORBIDDEN);
    case TL_ACCOUNT_CHECK_FAILED:
    default:
      return tl_lookup_result_get_exit_status (result);
    }
}

/**
 * tl_account_check_describe:
 *
 * Returns: the verdict in a sentence: "Username and password accepted by HOST", "Wrong username
 *   or password", "Accepted, but no access to customer M123", or the failure's title and cause
 */
char *
tl_account_check_describe (TlAccountCheck  check,
                           TlLookupResult *result)
{
  TlAccount *account = tl_lookup_result_get_account (result);
  g_autofree char *host = account ? tl_account_dup_host (account) : g_strdup ("");
  const GError *error = tl_lookup_result_get_error (result);

  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED:
      return g_strdup_printf (_("Username and password accepted by %s"), host);
    case TL_ACCOUNT_CHECK_REJECTED:
      return g_strdup (_("Wrong username or password"));
    case TL_ACCOUNT_CHECK_NO_ACCESS:
      return g_strdup_printf (_("Accepted, but no access to customer %s"),
                              tl_lookup_result_get_customer_id (result));
    case TL_ACCOUNT_CHECK_FAILED:
    default:
      {
        TlLookupError code = error != NULL ? tl_lookup_error_code (error) : TL_LOOKUP_ERROR_NETWORK;
        g_autofree char *cause = tl_text_visible (error ? error->message : NULL);

        return g_strdup_printf ("%s: %s\n%s", tl_lookup_error_get_title (code), cause ? cause : "",
                                tl_lookup_error_get_next_step (code));
      }
    }
}
