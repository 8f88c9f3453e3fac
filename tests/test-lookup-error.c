/* test-lookup-error.c: the failure classes: what an answer means, which offer the account's
 * settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

/* An HTTP answer that is not a ticket: its class from the status, its message quoting it. */
static void
test_new_for_response (void)
{
  static const struct { guint status; const char *reason; TlLookupError code; } cases[] = {
    { 301, "Moved Permanently", TL_LOOKUP_ERROR_REDIRECT },
    { 400, "Bad Request", TL_LOOKUP_ERROR_BAD_REQUEST },
    { 401, "Unauthorized", TL_LOOKUP_ERROR_UNAUTHORIZED },
    { 403, "Forbidden", TL_LOOKUP_ERROR_FORBIDDEN },
    { 404, "Not Found", TL_LOOKUP_ERROR_NOT_FOUND },
    { 429, "Too Many Requests", TL_LOOKUP_ERROR_CLIENT_ERROR },
    { 502, "Bad Gateway", TL_LOOKUP_ERROR_SERVER_ERROR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = tl_lookup_error_new_for_response (cases[i].status, cases[i].reason,
                                                                  NULL, NULL);
      g_autofree char *status = g_strdup_printf ("%u", cases[i].status);

      g_assert_error (error, TL_LOOKUP_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, status));
      g_assert_nonnull (strstr (error->message, cases[i].reason));
    }

  {
    g_autoptr(GError) error = tl_lookup_error_new_for_response (302, "Found", "https://elsewhere.example/", NULL);

    g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_REDIRECT);
    g_assert_nonnull (strstr (error->message, "https://elsewhere.example/"));
  }
}

/* A proxy that answered its CONNECT itself: the proxy failed, not the service. */
static void
test_new_for_proxy_answer (void)
{
  g_autoptr(GError) sign_in = tl_lookup_error_new_for_proxy_answer (407, "proxy.office:3128", "connect.example");
  g_autoptr(GError) refused = tl_lookup_error_new_for_proxy_answer (403, NULL, "connect.example");

  g_assert_error (sign_in, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY);
  g_assert_nonnull (strstr (sign_in->message, "proxy.office:3128"));
  g_assert_nonnull (strstr (sign_in->message, "407"));
  g_assert_error (refused, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY);
  g_assert_nonnull (strstr (refused->message, "connect.example"));
}

/* The proxy class covers a proxy that was not there at all (refused, no such name): its heading
 * does not say the proxy stopped the connection, and its next step asks whether it is running. */
static void
test_proxy_words_for_a_proxy_not_reached (void)
{
  g_autofree char *step = tl_lookup_error_dup_next_step (TL_LOOKUP_ERROR_PROXY, "connect.example");
  const char *title = tl_lookup_error_get_title (TL_LOOKUP_ERROR_PROXY);
  const char *description = tl_lookup_error_get_explanation (TL_LOOKUP_ERROR_PROXY);

  g_assert_cmpstr (title, ==, "No connection through the proxy");
  g_assert_null (strstr (description, "the proxy did not"));
  g_assert_nonnull (strstr (step, "whether the proxy is running"));
  g_assert_nonnull (strstr (tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_PROXY), "whether the proxy is running"));
}

/* The proxy's sign-in: its own class, naming the proxy, and the user it refused. */
static void
test_new_for_proxy_sign_in (void)
{
  g_autoptr(GError) missing = tl_lookup_error_new_for_proxy_sign_in ("127.0.0.1:3129", "connect.example", NULL);
  g_autoptr(GError) refused = tl_lookup_error_new_for_proxy_sign_in ("127.0.0.1:3129", "connect.example", "office");

  g_assert_error (missing, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY_SIGN_IN);
  g_assert_nonnull (strstr (missing->message, "127.0.0.1:3129"));
  g_assert_nonnull (strstr (missing->message, "asks for a sign-in"));
  g_assert_error (refused, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_PROXY_SIGN_IN);
  g_assert_nonnull (strstr (refused->message, "did not accept the sign-in as “office”"));
  g_assert_cmpint (tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_PROXY_SIGN_IN), ==, 12);
  g_assert_false (tl_lookup_error_wants_account (TL_LOOKUP_ERROR_PROXY_SIGN_IN));
  g_assert_cmpstr (tl_lookup_error_code_to_string (TL_LOOKUP_ERROR_PROXY_SIGN_IN), ==, "proxy-sign-in");
}

/* A next step about reaching the service names the profile's server, never production's. */
static void
test_next_step_names_server (void)
{
  g_autofree char *server = tl_lookup_error_server_of ("https://connect.test.example:8443/base/");
  g_autofree char *plain = tl_lookup_error_server_of ("https://connect.maklare.vitec.net");
  g_autofree char *step = tl_lookup_error_dup_next_step (TL_LOOKUP_ERROR_PROXY, server);
  g_autofree char *without = tl_lookup_error_dup_next_step (TL_LOOKUP_ERROR_PROXY, NULL);
  g_autofree char *other = tl_lookup_error_dup_next_step (TL_LOOKUP_ERROR_TIMEOUT, server);

  g_assert_cmpstr (server, ==, "connect.test.example:8443");
  g_assert_cmpstr (plain, ==, "connect.maklare.vitec.net");
  g_assert_nonnull (strstr (step, "reach connect.test.example:8443 through the proxy"));
  g_assert_null (strstr (step, "maklare"));
  g_assert_null (strstr (without, "maklare"));
  g_assert_cmpstr (other, ==, tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_TIMEOUT));
  for (TlLookupError code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    g_assert_null (strstr (tl_lookup_error_get_next_step (code), "reach connect.maklare"));
}

/* The core's words are the window's: no next step or explanation speaks of command-line flags
 * or the environment of a shell (the CLI has its own words, tl-cli-words.c). */
static void
test_window_words (void)
{
  const char *const cli_words[] = { "--", "https_proxy", "command-line", "command line", "stdin" };

  for (guint code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    {
      const char *texts[] = { tl_lookup_error_get_title (code), tl_lookup_error_get_explanation (code),
                              tl_lookup_error_get_next_step (code) };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        for (guint i = 0; i < G_N_ELEMENTS (cli_words); i++)
          if (strstr (texts[t], cli_words[i]) != NULL)
            g_error ("%s: “%s” speaks of the command line: %s", tl_lookup_error_code_to_string (code),
                     cli_words[i], texts[t]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lookup-error/wants-account", test_wants_account);
  g_test_add_func ("/lookup-error/response", test_new_for_response);
  g_test_add_func ("/lookup-error/proxy-answer", test_new_for_proxy_answer);
  g_test_add_func ("/lookup-error/proxy-sign-in", test_new_for_proxy_sign_in);
  g_test_add_func ("/lookup-error/proxy-not-reached-words", test_proxy_words_for_a_proxy_not_reached);
  g_test_add_func ("/lookup-error/next-step-names-server", test_next_step_names_server);
  g_test_add_func ("/lookup-error/window-words", test_window_words);
  return g_test_run ();
}
