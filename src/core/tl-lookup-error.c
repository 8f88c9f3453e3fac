/* tl-lookup-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-lookup-error.h"

G_DEFINE_QUARK (tl-lookup-error-quark, tl_lookup_error)

typedef struct
{
  const char *id;
  const char *title;
  const char *explanation;
  const char *next_step;
  int         exit_status;
} ErrorInfo;

/* Order matches TlLookupError. Strings are marked with N_() and translated on use. */
static const ErrorInfo error_info[TL_LOOKUP_ERROR_N_CODES] = {
  [TL_LOOKUP_ERROR_INVALID_INPUT] = {
    "invalid-input",
    N_("The input cannot be looked up"),
    N_("The customer ID or the token is missing or contains characters the service cannot accept."),
    N_("Check the highlighted field, or paste the whole link the token came in."),
    2 },
  [TL_LOOKUP_ERROR_INSECURE_URL] = {
    "insecure-url",
    N_("The service address is not allowed"),
    N_("The base URL is not a valid https:// address. Plain http:// is only allowed to this computer (loopback)."),
    N_("Open the account settings and use the production address https://connect.maklare.vitec.net."),
    2 },
  [TL_LOOKUP_ERROR_BAD_REQUEST] = {
    "bad-request",
    N_("The service rejected the token"),
    N_("Vitec Express Connect answered 400 Bad Request: the token or the customer ID did not pass its validation."),
    N_("Read the service's messages. Check that the customer ID belongs to the token and that the token was copied whole."),
    5 },
  [TL_LOOKUP_ERROR_UNAUTHORIZED] = {
    "unauthorized",
    N_("Wrong username or password"),
    N_("Vitec Express Connect answered 401 Unauthorized: it did not accept the username and password."),
    N_("Check the username and password in the account settings. Passwords are issued per customer in the Connect portal."),
    3 },
  [TL_LOOKUP_ERROR_FORBIDDEN] = {
    "forbidden",
    N_("No access to this customer"),
    N_("Vitec Express Connect answered 403 Forbidden: these credentials are valid but may not read orders for this customer."),
    N_("Use the password issued for this customer or customer group, or ask the customer to grant your integration access in Vitec Express."),
    4 },
  [TL_LOOKUP_ERROR_NOT_FOUND] = {
    "not-found",
    N_("Not found"),
    N_("The service answered 404 Not Found: the address or the customer ID is not known there."),
    N_("Check the base URL in the account settings and the customer ID."),
    5 },
  [TL_LOOKUP_ERROR_CLIENT_ERROR] = {
    "client-error",
    N_("The service refused the request"),
    N_("The service answered with an error about the request itself."),
    N_("Read the service's message. If it persists, contact Vitec support with the time and the request ID shown here."),
    5 },
  [TL_LOOKUP_ERROR_REDIRECT] = {
    "redirect",
    N_("The service redirected the request"),
    N_("The service answered with a redirect. Redirects are not followed, so your credentials are never sent to another address."),
    N_("Check the base URL in the account settings; it should be the address the redirect points to if you trust it."),
    5 },
  [TL_LOOKUP_ERROR_SERVER_ERROR] = {
    "server-error",
    N_("The service failed"),
    N_("Vitec Express Connect had an unexpected error or is temporarily unavailable."),
    N_("Try again in a few minutes. If it keeps failing, contact Vitec support with the time and request ID shown here."),
    6 },
  [TL_LOOKUP_ERROR_NETWORK] = {
    "network",
    N_("Could not reach the service"),
    N_("The connection to the service failed or was closed before the answer arrived."),
    N_("Check your network connection and the base URL, then try again."),
    7 },
  [TL_LOOKUP_ERROR_DNS] = {
    "dns",
    N_("Unknown server name"),
    N_("The server name in the base URL could not be found."),
    N_("Check the spelling of the base URL and your network connection."),
    7 },
  [TL_LOOKUP_ERROR_TLS] = {
    "tls",
    N_("The secure connection failed"),
    N_("The server's certificate could not be verified, so the connection was stopped before any credentials were sent."),
    N_("Check the base URL. On a company network, ask IT whether a proxy intercepts HTTPS traffic."),
    7 },
  [TL_LOOKUP_ERROR_TIMEOUT] = {
    "timeout",
    N_("The service did not answer in time"),
    N_("No complete answer arrived before the time limit."),
    N_("Try again. If the service is slow today, raise the time limit in the account settings."),
    7 },
  [TL_LOOKUP_ERROR_CANCELLED] = {
    "cancelled",
    N_("Lookup cancelled"),
    N_("The lookup was stopped before an answer arrived."),
    N_("Look up again when you are ready."),
    7 },
  [TL_LOOKUP_ERROR_TOO_LARGE] = {
    "too-large",
    N_("The answer is too large"),
    N_("The service sent more data than an order ticket can contain, so reading stopped."),
    N_("Check the base URL: it may point to something other than Vitec Express Connect."),
    8 },
  [TL_LOOKUP_ERROR_MALFORMED] = {
    "malformed",
    N_("The answer could not be read"),
    N_("The service answered, but not with an order ticket in the documented format."),
    N_("Check the base URL. If it is correct, contact Vitec support with the time of the lookup."),
    8 },
  [TL_LOOKUP_ERROR_KEYRING] = {
    "keyring",
    N_("The keyring is not available"),
    N_("The password could not be read from or saved to the system keyring."),
    N_("Unlock the keyring or start a keyring service. You can still enter the password for this session only."),
    9 },
  [TL_LOOKUP_ERROR_NO_PASSWORD] = {
    "no-password",
    N_("No password"),
    N_("No password is stored for this username and service."),
    N_("Enter the password in the account settings (or give --password-file / --password-stdin to the command-line tool)."),
    3 },
  [TL_LOOKUP_ERROR_PROXY] = {
    "proxy",
    N_("The proxy stopped the connection"),
    N_("This computer reaches the service through a proxy server, and the proxy did not open the way. Nothing reached the service, and the proxy never saw your password or the token."),
    N_("Check the proxy settings (Settings › Network › Proxy, or https_proxy for the command-line tool). If they are right, ask IT to let this computer reach connect.maklare.vitec.net through the proxy."),
    7 },
};

static const ErrorInfo *
get_info (TlLookupError code)
{
  if ((guint) code >= TL_LOOKUP_ERROR_N_CODES)
    code = TL_LOOKUP_ERROR_CLIENT_ERROR;
  return &error_info[code];
}

/**
 * tl_lookup_error_code_to_string:
 *
 * Returns: a stable machine-readable id (used in `--json` output), e.g. "unauthorized".
 */
const char *
tl_lookup_error_code_to_string (TlLookupError code)
{
  return get_info (code)->id;
}

const char *
tl_lookup_error_get_title (TlLookupError code)
{
  return g_dgettext (GETTEXT_PACKAGE, get_info (code)->title);
}

const char *
tl_lookup_error_get_explanation (TlLookupError code)
{
  return g_dgettext (GETTEXT_PACKAGE, get_info (code)->explanation);
}

const char *
tl_lookup_error_get_next_step (TlLookupError code)
{
  return g_dgettext (GETTEXT_PACKAGE, get_info (code)->next_step);
}

/**
 * tl_lookup_error_wants_account:
 *
 * Returns: whether the way out of @code is in the account's settings (its address, username,
 *   password or keyring), so the failure offers to open them
 */
gboolean
tl_lookup_error_wants_account (TlLookupError code)
{
  switch (code)
    {
    case TL_LOOKUP_ERROR_UNAUTHORIZED:
    case TL_LOOKUP_ERROR_FORBIDDEN:
    case TL_LOOKUP_ERROR_NO_PASSWORD:
    case TL_LOOKUP_ERROR_KEYRING:
    case TL_LOOKUP_ERROR_INSECURE_URL:
    case TL_LOOKUP_ERROR_NOT_FOUND:
    case TL_LOOKUP_ERROR_TLS:
    case TL_LOOKUP_ERROR_DNS:
    case TL_LOOKUP_ERROR_REDIRECT:
      return TRUE;
    case TL_LOOKUP_ERROR_INVALID_INPUT:
    case TL_LOOKUP_ERROR_BAD_REQUEST:
    case TL_LOOKUP_ERROR_CLIENT_ERROR:
    case TL_LOOKUP_ERROR_SERVER_ERROR:
    case TL_LOOKUP_ERROR_NETWORK:
    case TL_LOOKUP_ERROR_TIMEOUT:
    case TL_LOOKUP_ERROR_CANCELLED:
    case TL_LOOKUP_ERROR_TOO_LARGE:
    case TL_LOOKUP_ERROR_MALFORMED:
    case TL_LOOKUP_ERROR_PROXY:
    default:
      return FALSE;
    }
}

/**
 * tl_lookup_error_get_exit_status:
 *
 * Returns: the ticket-lookup-cli exit status for @code (see the README).
 */
int
tl_lookup_error_get_exit_status (TlLookupError code)
{
  return get_info (code)->exit_status;
}

TlLookupError
tl_lookup_error_from_status (guint status)
{
  if (status >= 300 && status < 400)
    return TL_LOOKUP_ERROR_REDIRECT;
  switch (status)
    {
    case 400: return TL_LOOKUP_ERROR_BAD_REQUEST;
    case 401: return TL_LOOKUP_ERROR_UNAUTHORIZED;
    case 403: return TL_LOOKUP_ERROR_FORBIDDEN;
    case 404: return TL_LOOKUP_ERROR_NOT_FOUND;
    default: break;
    }
  if (status >= 500)
    return TL_LOOKUP_ERROR_SERVER_ERROR;
  return TL_LOOKUP_ERROR_CLIENT_ERROR;
}

/**
 * tl_lookup_error_code:
 *
 * Returns: @error's failure class; an error of another domain counts as invalid input
 */
TlLookupError
tl_lookup_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, TL_LOOKUP_ERROR_INVALID_INPUT);
  return error->domain == TL_LOOKUP_ERROR ? (TlLookupError) error->code : TL_LOOKUP_ERROR_INVALID_INPUT;
}
