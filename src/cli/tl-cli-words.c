/* tl-cli-words.c: the command-line tool's own words for verdicts and lookup errors
 *
 * The window has its words, the command line has these: a title and a next step for every
 * verdict and every failure class, where a next step names the tool's flags, never a field or
 * a button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-cli-words.h"

typedef struct
{
  const char *title;
  const char *next_step;
  const char *next_step_for_server;   /* (nullable) the next step naming the server, "%s" */
} Words;

/* Order matches TlLookupError. Marked with N_() and translated on use. */
static const Words error_words[TL_LOOKUP_ERROR_N_CODES] = {
  [TL_LOOKUP_ERROR_INVALID_INPUT] = {
    N_("The input cannot be looked up"),
    N_("Give the customer ID and the token, or the whole link the token came in (“-” reads it from standard input).") },
  [TL_LOOKUP_ERROR_INSECURE_URL] = {
    N_("The service address is not allowed"),
    N_("Give --base-url https://connect.maklare.vitec.net, the production address.") },
  [TL_LOOKUP_ERROR_BAD_REQUEST] = {
    N_("The service rejected the token"),
    N_("Read the service's messages. Check that the customer ID belongs to the token and that the token was copied whole.") },
  [TL_LOOKUP_ERROR_UNAUTHORIZED] = {
    N_("Wrong username or password"),
    N_("Check --username and the password (--password-file, --password-stdin or the keyring). Passwords are issued per customer in the Connect portal.") },
  [TL_LOOKUP_ERROR_FORBIDDEN] = {
    N_("No access to this customer"),
    N_("Use the password issued for this customer or customer group, or ask the customer to grant your integration access in Vitec Express.") },
  [TL_LOOKUP_ERROR_NOT_FOUND] = {
    N_("Not found"),
    N_("Check --base-url and the customer ID.") },
  [TL_LOOKUP_ERROR_CLIENT_ERROR] = {
    N_("The service refused the request"),
    N_("Read the service's message. If it persists, contact Vitec support with what this command printed (the request ID is also in --json).") },
  [TL_LOOKUP_ERROR_REDIRECT] = {
    N_("The service redirected the request"),
    N_("Check --base-url; if you trust the address the redirect points to, give that one.") },
  [TL_LOOKUP_ERROR_SERVER_ERROR] = {
    N_("The service failed"),
    N_("Try again in a few minutes. If it keeps failing, contact Vitec support with what this command printed (the request ID is also in --json).") },
  [TL_LOOKUP_ERROR_NETWORK] = {
    N_("Could not reach the service"),
    N_("Check your network connection and --base-url, then try again.") },
  [TL_LOOKUP_ERROR_DNS] = {
    N_("Unknown server name"),
    N_("Check the spelling of --base-url and your network connection.") },
  [TL_LOOKUP_ERROR_TLS] = {
    N_("The secure connection failed"),
    N_("If your office network inspects HTTPS, ask IT for its root certificate (a PEM file) and give it with --ca-file FILE or SSL_CERT_FILE. Otherwise check --base-url.") },
  [TL_LOOKUP_ERROR_TIMEOUT] = {
    N_("The service did not answer in time"),
    N_("Try again. If the service is slow today, give a longer --timeout.") },
  [TL_LOOKUP_ERROR_CANCELLED] = {
    N_("Lookup cancelled"),
    N_("Look up again when you are ready.") },
  [TL_LOOKUP_ERROR_TOO_LARGE] = {
    N_("The answer is too large"),
    N_("Check --base-url: it may point to something other than Vitec Express Connect.") },
  [TL_LOOKUP_ERROR_MALFORMED] = {
    N_("The answer could not be read"),
    N_("Check --base-url. If it is correct, contact Vitec support with what this command printed.") },
  [TL_LOOKUP_ERROR_KEYRING] = {
    N_("The keyring is not available"),
    N_("Unlock the keyring or start a keyring service, or give the password with --password-file or --password-stdin.") },
  [TL_LOOKUP_ERROR_NO_PASSWORD] = {
    N_("No password"),
    N_("Give the password with --password-file or --password-stdin, or store it for this username in Ticket Lookup.") },
  [TL_LOOKUP_ERROR_PROXY] = {
    N_("No connection through the proxy"),
    N_("Check https_proxy and no_proxy, or the desktop's proxy settings when they are not set. If they are right, ask IT whether the proxy is running and lets this computer reach the service's server through the proxy."),
    /* Translators: %s is the service's server, e.g. "connect.maklare.vitec.net" */
    N_("Check https_proxy and no_proxy, or the desktop's proxy settings when they are not set. If they are right, ask IT whether the proxy is running and lets this computer reach %s through the proxy.") },
  [TL_LOOKUP_ERROR_GATEWAY] = {
    N_("Something between this computer and the service stopped the request"),
    N_("Try again in a few minutes. If it persists, tell whoever runs the gateway named above (IT for a proxy on your side, Vitec support for the service's own front end), with what this command printed.") },
  [TL_LOOKUP_ERROR_PROXY_SIGN_IN] = {
    N_("The office proxy wants a sign-in"),
    N_("Give the proxy's user name with --proxy-user and its password with --proxy-password-file FILE (or in https_proxy as http://USER:PASSWORD@HOST:PORT, percent-encoded). The proxy's password is not the service's; ask IT if you do not have it.") },
};

/* Order matches TlTicketState. The next step is what the verdict means for the token, as the
 * single lookup prints it after the verdict's title. */
static const Words state_words[TL_CLI_N_STATES] = {
  [TL_TICKET_STATE_UNKNOWN] = {
    N_("Unknown"),
    N_("the answer does not say whether the token has expired; treat it as not usable") },
  [TL_TICKET_STATE_VALID] = {
    N_("Valid"),
    N_("the token can still be used") },
  [TL_TICKET_STATE_EXPIRED] = {
    N_("Expired"),
    N_("the token has expired and can no longer be used") },
};

static const Words *
error_get (TlLookupError code)
{
  if ((guint) code >= TL_LOOKUP_ERROR_N_CODES)
    code = TL_LOOKUP_ERROR_CLIENT_ERROR;
  return &error_words[code];
}

static const Words *
state_get (TlTicketState state)
{
  if ((guint) state >= TL_CLI_N_STATES)
    state = TL_TICKET_STATE_UNKNOWN;
  return &state_words[state];
}

const char *
tl_cli_words_error_title (TlLookupError code)
{
  return _(error_get (code)->title);
}

const char *
tl_cli_words_error_next_step (TlLookupError code)
{
  return _(error_get (code)->next_step);
}

/**
 * tl_cli_words_error_dup_next_step:
 * @server: (nullable): the service's server the lookup went to
 *
 * Returns: (transfer full): the next step, naming @server where it is about reaching it
 */
char *
tl_cli_words_error_dup_next_step (TlLookupError  code,
                                  const char    *server)
{
  const Words *words = error_get (code);

  if (server != NULL && *server != '\0' && words->next_step_for_server != NULL)
    {
      /* "%s" put in by hand: a translated string is never a format of its own */
      GString *out = g_string_new (_(words->next_step_for_server));

      g_string_replace (out, "%s", server, 1);
      return g_string_free (out, FALSE);
    }
  return g_strdup (_(words->next_step));
}

const char *
tl_cli_words_state_title (TlTicketState state)
{
  return _(state_get (state)->title);
}

const char *
tl_cli_words_state_next_step (TlTicketState state)
{
  return _(state_get (state)->next_step);
}

/**
 * tl_cli_words_state_line:
 *
 * Returns: the single lookup's first line: "VALID: the token can still be used"
 */
char *
tl_cli_words_state_line (TlTicketState state)
{
  g_autofree char *title = g_utf8_strup (tl_cli_words_state_title (state), -1);

  /* Translators: the verdict's title in capitals, then what it means: "VALID: the token can
   * still be used" */
  return g_strdup_printf (_("%s: %s"), title, tl_cli_words_state_next_step (state));
}
