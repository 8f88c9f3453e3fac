/* tl-lookup-error.h: one error domain for everything a lookup can run into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "tl-error-body.h"
#include "tl-proxy.h"

G_BEGIN_DECLS

#define TL_LOOKUP_ERROR (tl_lookup_error_quark ())

/**
 * TlLookupError:
 *
 * One code per failure class. Each code has a short title, an explanation and a next step
 * (all translated), and an exit status for ticket-lookup-cli.
 */
typedef enum
{
  TL_LOOKUP_ERROR_INVALID_INPUT,   /* what was pasted or typed cannot be sent */
  TL_LOOKUP_ERROR_INSECURE_URL,    /* plain http:// to a host that is not loopback, bad base URL */
  TL_LOOKUP_ERROR_BAD_REQUEST,     /* 400 */
  TL_LOOKUP_ERROR_UNAUTHORIZED,    /* 401 */
  TL_LOOKUP_ERROR_FORBIDDEN,       /* 403 */
  TL_LOOKUP_ERROR_NOT_FOUND,       /* 404 */
  TL_LOOKUP_ERROR_CLIENT_ERROR,    /* other 4xx */
  TL_LOOKUP_ERROR_REDIRECT,        /* 3xx: never followed, credentials stay here */
  TL_LOOKUP_ERROR_SERVER_ERROR,    /* 5xx */
  TL_LOOKUP_ERROR_NETWORK,         /* refused, reset, closed early */
  TL_LOOKUP_ERROR_DNS,             /* host name not resolved */
  TL_LOOKUP_ERROR_TLS,             /* certificate or handshake problem */
  TL_LOOKUP_ERROR_TIMEOUT,         /* the deadline passed */
  TL_LOOKUP_ERROR_CANCELLED,       /* the user stopped it */
  TL_LOOKUP_ERROR_TOO_LARGE,       /* the answer is over the size cap */
  TL_LOOKUP_ERROR_MALFORMED,       /* a 200 that is not an OrderTicket */
  TL_LOOKUP_ERROR_KEYRING,         /* no Secret Service, locked, dismissed */
  TL_LOOKUP_ERROR_NO_PASSWORD,     /* no password stored or given */
  TL_LOOKUP_ERROR_PROXY,           /* the proxy refused, wanted a sign-in or was not there */
  TL_LOOKUP_ERROR_GATEWAY,         /* a gateway in front of the service answered with its own page */
  TL_LOOKUP_ERROR_PROXY_SIGN_IN,   /* the proxy wants a user name and password it did not get */
} TlLookupError;

#define TL_LOOKUP_ERROR_N_CODES (TL_LOOKUP_ERROR_PROXY_SIGN_IN + 1)

/* ticket-lookup-cli exit statuses that are not a failure class (those are in the table in
 * tl-lookup-error.c): the three verdicts, a usage error, an interrupted run. */
#define TL_EXIT_VALID        0
#define TL_EXIT_EXPIRED      1
#define TL_EXIT_USAGE        2
#define TL_EXIT_UNKNOWN      10    /* a ticket whose answer does not say whether it expired */
#define TL_EXIT_INTERRUPTED  130   /* Ctrl+C */

GQuark       tl_lookup_error_quark           (void);
const char  *tl_lookup_error_code_to_string  (TlLookupError code);
const char  *tl_lookup_error_get_title       (TlLookupError code);
const char  *tl_lookup_error_get_explanation (TlLookupError code);
const char  *tl_lookup_error_get_next_step   (TlLookupError code);
char        *tl_lookup_error_dup_next_step   (TlLookupError code,
                                              const char   *server);
char        *tl_lookup_error_server_of       (const char   *url);
int          tl_lookup_error_get_exit_status (TlLookupError code);
gboolean     tl_lookup_error_wants_account   (TlLookupError code);
TlLookupError tl_lookup_error_from_status    (guint status);
TlLookupError tl_lookup_error_code           (const GError *error);

GError      *tl_lookup_error_new_for_certificate  (GTlsCertificateFlags flags,
                                                   SoupMessage       *msg,
                                                   const char        *url,
                                                   const GError      *error);
GError      *tl_lookup_error_new_for_failure      (const GError      *error,
                                                   SoupMessage       *msg,
                                                   const char        *url,
                                                   TlProxyResolver   *proxies,
                                                   gboolean           timed_out,
                                                   guint              timeout_ms);
GError      *tl_lookup_error_new_for_response     (guint              status,
                                                   const char        *reason,
                                                   const char        *location,
                                                   const TlErrorBody *body);
GError      *tl_lookup_error_new_for_proxy_answer (guint              status,
                                                   const char        *proxy,
                                                   const char        *host);
GError      *tl_lookup_error_new_for_proxy_sign_in (const char       *proxy,
                                                    const char       *host,
                                                    const char       *refused_user);

G_END_DECLS
