/* tl-lookup-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "tl-lookup-error.h"
#include "tl-proxy.h"

G_DEFINE_QUARK (tl-lookup-error-quark, tl_lookup_error)

typedef struct
{
  const char *id;
  const char *title;
  const char *explanation;
  const char *next_step;
  int         exit_status;
  const char *next_step_for_server;   /* (nullable) the next step naming the server, "%s" */
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
    N_("Vitec Express Connect did not accept the token or the customer ID: they did not pass its validation."),
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
    N_("If your office network inspects HTTPS, ask IT for its root certificate and add it with Trust the Office’s Certificate… in the account settings. Otherwise check the base URL."),
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
    N_("Enter the password in the account settings."),
    3 },
  [TL_LOOKUP_ERROR_PROXY] = {
    "proxy",
    /* not "the proxy stopped it": the proxy may not have been reached at all */
    N_("No connection through the proxy"),
    N_("This computer reaches the service through a proxy server, and no connection to the service was set up through it. Nothing reached the service, and the proxy never saw your password or the token."),
    N_("Check the proxy settings (Settings › Network › Proxy). If they are right, ask IT whether the proxy is running and lets this computer reach the service's server through the proxy."),
    7,
    /* Translators: %s is the service's server, e.g. "connect.maklare.vitec.net" */
    N_("Check the proxy settings (Settings › Network › Proxy). If they are right, ask IT whether the proxy is running and lets this computer reach %s through the proxy.") },
  [TL_LOOKUP_ERROR_GATEWAY] = {
    "gateway",
    N_("Something between this computer and the service stopped the request"),
    N_("A gateway in front of Vitec Express Connect (a reverse proxy, load balancer or content delivery network) answered with a page of its own. The service may never have seen the request."),
    N_("Try again in a few minutes. If it persists, tell whoever runs the gateway named here (your IT department for a proxy on your side, Vitec support for the service's own front end), with the time of the lookup."),
    7 },
  [TL_LOOKUP_ERROR_PROXY_SIGN_IN] = {
    "proxy-sign-in",
    N_("The office proxy wants a sign-in"),
    N_("This computer reaches the service through a proxy server that asks for a user name and password of its own, and it did not get ones it accepts. Nothing reached the service. The proxy's password is not your Vitec Express Connect password."),
    N_("Ask IT for your user name and password for the proxy and set them in the desktop's proxy settings, then look up again."),
    12 },
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
 * tl_lookup_error_dup_next_step:
 * @server: (nullable): the service's server ("host" or "host:port") the lookup went to
 *
 * Returns: (transfer full): the next step, naming @server where the step is about reaching it
 */
char *
tl_lookup_error_dup_next_step (TlLookupError  code,
                               const char    *server)
{
  const ErrorInfo *info = get_info (code);

  if (server != NULL && *server != '\0' && info->next_step_for_server != NULL)
    {
      /* "%s" put in by hand: a translated string is never a format of its own */
      GString *out = g_string_new (g_dgettext (GETTEXT_PACKAGE, info->next_step_for_server));

      g_string_replace (out, "%s", server, 1);
      return g_string_free (out, FALSE);
    }
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, info->next_step));
}

/**
 * tl_lookup_error_server_of:
 * @url: (nullable): a base URL or a lookup's URL
 *
 * Returns: (transfer full) (nullable): its server as a person names it: the host, with the port
 *   when it is not the scheme's own
 */
char *
tl_lookup_error_server_of (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  port = g_uri_get_port (uri);
  if (port <= 0 || (port == 443 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0) ||
      (port == 80 && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0))
    return g_strdup (g_uri_get_host (uri));
  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
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
    case TL_LOOKUP_ERROR_PROXY_SIGN_IN:
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

/* --- what a failed lookup means -------------------------------------------------------- */

static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  GString *out = g_string_new (NULL);

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is not signed by a trusted authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is for a different server name"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it has expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it uses an insecure algorithm"));
  return g_string_free (out, out->len == 0);
}

/* Who issued the certificate that was not accepted: what tells a TLS-inspecting office proxy
 * from a broken server. */
static char *
describe_issuer (SoupMessage *msg)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (msg);
  g_autofree char *issuer = NULL;

  if (certificate == NULL || (issuer = g_tls_certificate_get_issuer_name (certificate)) == NULL)
    return NULL;
  if (!g_utf8_validate (issuer, -1, NULL) || g_utf8_strlen (issuer, -1) > 300)
    return NULL;
  return g_steal_pointer (&issuer);
}

/**
 * tl_lookup_error_new_for_certificate:
 * @flags: what is wrong with the server's certificate
 * @msg: the message whose connection it was
 * @error: the TLS failure, said when @flags say nothing
 *
 * Returns: (transfer full): a %TL_LOOKUP_ERROR_TLS that says why the certificate was not
 *   accepted and who issued it
 */
GError *
tl_lookup_error_new_for_certificate (GTlsCertificateFlags  flags,
                                     SoupMessage          *msg,
                                     const char           *url,
                                     const GError         *error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri ? g_uri_get_host (uri) : "?";
  g_autofree char *why = describe_tls_errors (flags);
  g_autofree char *issuer = describe_issuer (msg);

  if (why != NULL && issuer != NULL && (flags & G_TLS_CERTIFICATE_UNKNOWN_CA))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TLS,
          _("The certificate of %s was not accepted: %s. It was issued by “%s”. If that is "
            "your office's network security, its root certificate must be trusted first; otherwise "
            "someone is between you and the service."),
          host, why, issuer);
  else if (why != NULL && issuer != NULL)
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TLS,
          _("The certificate of %s was not accepted: %s. It was issued by “%s”."),
          host, why, issuer);
  else if (why != NULL)
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TLS, _("The certificate of %s was not accepted: %s."), host, why);
  else
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TLS, _("The secure connection to %s failed: %s"), host,
          error->message);
}

/**
 * tl_lookup_error_new_for_failure:
 * @error: why sending @msg or reading its answer failed (libsoup, GIO, the resolver, TLS)
 * @url: where @msg went
 * @proxies: which proxy it went through, asked only when the failure may be the proxy's
 * @timed_out: the lookup's time limit (@timeout_ms) had passed
 *
 * The failure class of a lookup that got no HTTP answer, with a message that names who failed:
 * the proxy, the name lookup, the certificate, the connection.
 *
 * Returns: (transfer full): a %TL_LOOKUP_ERROR
 */
GError *
tl_lookup_error_new_for_failure (const GError    *error,
                                 SoupMessage     *msg,
                                 const char      *url,
                                 TlProxyResolver *proxies,
                                 gboolean         timed_out,
                                 guint            timeout_ms)
{
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri ? g_uri_get_host (uri) : "?";
  g_autofree char *proxy = NULL;

  if ((timed_out || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) &&
      soup_message_get_tls_peer_certificate (msg) == NULL &&
      (proxy = tl_proxy_resolver_describe (proxies, url)) != NULL)
    {
      /* Through a proxy, this computer connects to nothing but the proxy, and no name but the
       * proxy's is looked up here: a connection that failed before the service's certificate
       * arrived failed at the proxy, or in the tunnel the proxy opened. */
      if (timed_out)
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
              _("No answer through the proxy %s within %.1f seconds: the connection to %s was "
                "never set up."), proxy, timeout_ms / 1000.0, host);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED))
        return tl_lookup_error_new_for_proxy_sign_in (proxy, host, NULL);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY, _("The proxy %s refused the connection to %s."),
              proxy, host);
      else if (error->domain == SOUP_SESSION_ERROR &&
               (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING))
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s did not answer in HTTP (%s)."), proxy, error->message);
      else if (error->domain == G_TLS_ERROR)
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s answered that the connection to %s was open, but no secure "
                "connection with the service could be set up through it (%s)."),
              proxy, host, error->message);
      else if (error->domain == G_RESOLVER_ERROR ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY, _("The proxy %s could not be reached (%s)."),
              proxy, error->message);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s did not answer in time (%s)."), proxy, error->message);
      else
        return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s closed the connection before the connection to %s was set up (%s)."),
              proxy, host, error->message);
    }

  if (timed_out)
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TIMEOUT,
          /* Translators: after "No complete answer arrived before the time limit." */
          _("Waited %.1f seconds for %s."), timeout_ms / 1000.0, host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED, _("The lookup was cancelled."));
  else if (error->domain == G_RESOLVER_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_DNS, _("The server name “%s” could not be found (%s)."),
          host, error->message);
  else if (error->domain == G_TLS_ERROR)
    return tl_lookup_error_new_for_certificate (soup_message_get_tls_peer_certificate_errors (msg), msg, url, error);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TIMEOUT, _("The connection to %s timed out (%s)."), host,
          error->message);
  else if (error->domain == SOUP_SESSION_ERROR &&
           (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED, _("%s did not answer in HTTP: %s"), host,
          error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NETWORK, _("%s refused the connection (%s)."), host,
          error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
           (g_strcmp0 (error->message, "Header too big") == 0 ||
            g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0))
    /* libsoup stops reading headers past its limit (64–100 KiB) */
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TOO_LARGE,
          _("The answer's headers from %s are larger than this app accepts; reading stopped there."),
          host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NETWORK,
          _("The connection to %s closed before the whole answer arrived (%s)."), host,
          error->message);
  else
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NETWORK, _("The connection to %s failed: %s"), host,
          error->message);
}

/**
 * tl_lookup_error_new_for_response:
 * @status: the HTTP status of an answer that is not a ticket (not 2xx)
 * @reason: its reason phrase
 * @location: (nullable): its Location header
 * @body: (nullable): its body, as read by tl_error_body_parse()
 *
 * The failure class of an HTTP answer other than a ticket, and its message: the one place that
 * decides what an error status (and the page that came with it) means.
 *
 * Returns: (transfer full): a %TL_LOOKUP_ERROR
 */
GError *
tl_lookup_error_new_for_response (guint              status,
                                  const char        *reason,
                                  const char        *location,
                                  const TlErrorBody *body)
{
  if (SOUP_STATUS_IS_REDIRECTION (status))
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_REDIRECT,
                        _("The service answered %u %s and points to %s. The redirect was not followed."),
                        status, reason, location ? location : _("no address"));
  return g_error_new (TL_LOOKUP_ERROR, tl_lookup_error_from_status (status),
                      _("The service answered %u %s."), status, reason);
}

/**
 * tl_lookup_error_new_for_proxy_answer:
 * @status: what the proxy answered to its CONNECT (libsoup hands it on as the request's)
 * @proxy: (nullable): the proxy, "host:port"
 * @host: the service's host
 *
 * Returns: (transfer full): a %TL_LOOKUP_ERROR_PROXY: the service never saw the request
 */
GError *
tl_lookup_error_new_for_proxy_answer (guint       status,
                                      const char *proxy,
                                      const char *host)
{
  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
    return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
                        _("The proxy %s asks for a sign-in (%u Proxy Authentication Required) of a kind "
                          "this app cannot give (it signs in with Basic, Digest or NTLM) before it lets "
                          "the connection to %s through."),
                        proxy ? proxy : "?", status, host);
  return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY,
                      _("The proxy %s refused the connection to %s (it answered %u)."),
                      proxy ? proxy : "?", host, status);
}

/**
 * tl_lookup_error_new_for_proxy_sign_in:
 * @proxy: (nullable): the proxy, "host:port"
 * @host: the service's host
 * @refused_user: (nullable): the proxy user name it did not accept; %NULL when it was given none
 *
 * Returns: (transfer full): a %TL_LOOKUP_ERROR_PROXY_SIGN_IN
 */
GError *
tl_lookup_error_new_for_proxy_sign_in (const char *proxy,
                                       const char *host,
                                       const char *refused_user)
{
  if (refused_user != NULL)
    {
      g_autofree char *visible = g_utf8_make_valid (refused_user, -1);

      /* Translators: the first %s is the proxy ("127.0.0.1:3128"), the last its user name */
      return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY_SIGN_IN,
                          _("The proxy %s did not accept the sign-in as “%s”. Nothing was sent to %s."),
                          proxy ? proxy : "?", visible, host);
    }
  return g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY_SIGN_IN,
                      _("The proxy %s asks for a sign-in (407 Proxy Authentication Required) before it "
                        "lets the connection to %s through, and no user name and password were given "
                        "for it."),
                      proxy ? proxy : "?", host);
}
