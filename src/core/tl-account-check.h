/* tl-account-check.h: does the service accept an account? One probe request, no real token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-client.h"

G_BEGIN_DECLS

/* Sent as the token: recognisable in the service's logs, and never a real token (real tokens
 * are base64, which has no '-'). */
#define TL_ACCOUNT_CHECK_TOKEN "TicketLookup-AccountCheck-NotAToken"
/* The customer ID used when none is given: any ID works, the credentials are judged first. */
#define TL_ACCOUNT_CHECK_CUSTOMER_ID "M1"

typedef enum
{
  TL_ACCOUNT_CHECK_ACCEPTED,    /* 400: the token was judged, so the caller was accepted */
  TL_ACCOUNT_CHECK_REJECTED,    /* 401: wrong username or password */
  TL_ACCOUNT_CHECK_NO_ACCESS,   /* 403 for a customer ID that was asked about */
  TL_ACCOUNT_CHECK_FAILED,      /* no verdict: network, TLS, server error, … (see the error) */
  TL_ACCOUNT_CHECK_NOT_THE_SERVICE, /* an answer the service never gives to the probe (an HTML
                                     * or text 400, a 200, a redirect, a gateway's page, a 403
                                     * for the placeholder ID): nothing was judged */
} TlAccountCheck;

/* ticket-lookup-cli --check-account's exit status when the server did not answer as the
 * service does (the other outcomes use the lookup statuses: 0, 3, 4, a failure's) */
#define TL_EXIT_NOT_THE_SERVICE 11

TlAccountCheck  tl_account_check_from_result (TlLookupResult *result,
                                              gboolean        customer_given);
const char     *tl_account_check_to_string   (TlAccountCheck  check);
int             tl_account_check_exit_status (TlAccountCheck  check,
                                              TlLookupResult *result);
char           *tl_account_check_describe    (TlAccountCheck  check,
                                              TlLookupResult *result);

G_END_DECLS
