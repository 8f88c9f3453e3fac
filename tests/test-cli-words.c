/* test-cli-words.c: the command-line tool's words for every verdict and every failure class
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-cli-words.h"

/* The CLI has no fields, buttons or settings pages to point at. */
static const char *const window_words[] = { "field", "button", "highlighted", "account settings", "click",
  /* it prints no time: a next step that asks for one asks for what is not on the screen */
  "the time", "shown here" };

static void
assert_cli_words (const char *what,
                  const char *title,
                  const char *next_step)
{
  g_autofree char *lower = NULL;

  if (title == NULL || *title == '\0')
    g_error ("%s has no title", what);
  if (next_step == NULL || *next_step == '\0')
    g_error ("%s has no next step", what);
  lower = g_utf8_strdown (next_step, -1);
  for (guint i = 0; i < G_N_ELEMENTS (window_words); i++)
    if (strstr (lower, window_words[i]) != NULL)
      g_error ("%s: the next step speaks of the window (“%s”): %s", what, window_words[i], next_step);
}

static void
test_error_words (void)
{
  for (guint code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    {
      g_autofree char *what = g_strdup_printf ("error %s", tl_lookup_error_code_to_string (code));

      assert_cli_words (what, tl_cli_words_error_title (code), tl_cli_words_error_next_step (code));
    }
}

static void
test_state_words (void)
{
  const TlTicketState states[] = { TL_TICKET_STATE_VALID, TL_TICKET_STATE_EXPIRED, TL_TICKET_STATE_UNKNOWN };

  g_assert_cmpuint (G_N_ELEMENTS (states), ==, TL_CLI_N_STATES);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *what = g_strdup_printf ("state %s", tl_ticket_state_to_string (states[i]));
      g_autofree char *line = tl_cli_words_state_line (states[i]);

      assert_cli_words (what, tl_cli_words_state_title (states[i]), tl_cli_words_state_next_step (states[i]));
      g_assert_nonnull (strstr (line, tl_cli_words_state_next_step (states[i])));
    }
}

/* The next steps the CLI prints are its own: it names its flags where the window names its
 * settings. */
static void
test_names_flags (void)
{
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_NO_PASSWORD), "--password-file"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_KEYRING), "--password-stdin"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_TIMEOUT), "--timeout"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_INSECURE_URL), "--base-url"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_PROXY), "https_proxy"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_PROXY_SIGN_IN), "--proxy-user"));
  g_assert_nonnull (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_PROXY_SIGN_IN), "--proxy-password-file"));
  {
    g_autofree char *step = tl_cli_words_error_dup_next_step (TL_LOOKUP_ERROR_PROXY, "connect.test.example:8443");

    g_assert_nonnull (strstr (step, "reach connect.test.example:8443 through the proxy"));
    g_assert_null (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_PROXY), "maklare"));
    /* the proxy may not have been reached at all: not "the proxy stopped the connection" */
    g_assert_cmpstr (tl_cli_words_error_title (TL_LOOKUP_ERROR_PROXY), ==, "No connection through the proxy");
    g_assert_nonnull (strstr (step, "whether the proxy is running"));
  }
  g_assert_null (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_SERVER_ERROR), "shown here"));
  g_assert_null (strstr (tl_cli_words_error_next_step (TL_LOOKUP_ERROR_CLIENT_ERROR), "shown here"));
}

/* A code or state from outside the table gets words, never NULL. */
static void
test_out_of_range (void)
{
  g_assert_cmpstr (tl_cli_words_error_title (TL_LOOKUP_ERROR_N_CODES), !=, "");
  g_assert_cmpstr (tl_cli_words_state_title ((TlTicketState) 99), !=, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-words/errors", test_error_words);
  g_test_add_func ("/cli-words/states", test_state_words);
  g_test_add_func ("/cli-words/names-flags", test_names_flags);
  g_test_add_func ("/cli-words/out-of-range", test_out_of_range);
  return g_test_run ();
}
