/* test-account.c: the account value and the client's origin check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-account.h"
#include "tl-client.h"
#include "tl-lookup-error.h"

static void
test_value (void)
{
  g_autoptr(TlAccount) account = tl_account_new ("  https://connect.example/api//  ", "partner", "pw-1", "Production", FALSE);
  g_autoptr(TlAccount) without = tl_account_new_without_password (account);
  g_autoptr(TlAccount) other = tl_account_new_with_password (without, "pw-2");
  g_autoptr(TlAccount) elsewhere = tl_account_new ("https://other.example/api", "partner", "pw-1", "Production", FALSE);
  g_autofree char *label = tl_account_dup_label (account);

  g_assert_cmpstr (tl_account_get_server (account), ==, "https://connect.example/api");
  g_assert_cmpstr (tl_account_get_username (account), ==, "partner");
  g_assert_cmpstr (tl_account_get_password (account), ==, "pw-1");
  g_assert_cmpstr (tl_account_get_profile (account), ==, "Production");
  g_assert_false (tl_account_is_demo (account));
  g_assert_true (tl_account_is_configured (account));
  g_assert_cmpstr (label, ==, "Production (partner at connect.example)");

  /* copies: the password goes only where it is asked for */
  g_assert_false (tl_account_has_password (without));
  g_assert_null (tl_account_get_password (without));
  g_assert_cmpstr (tl_account_get_server (without), ==, "https://connect.example/api");
  g_assert_cmpstr (tl_account_get_password (other), ==, "pw-2");
  g_assert_cmpstr (tl_account_get_password (account), ==, "pw-1");
  g_assert_true (tl_account_same_identity (account, other));
  g_assert_false (tl_account_same_identity (account, elsewhere));
}

static void
test_labels (void)
{
  g_autoptr(TlAccount) plain = tl_account_new ("https://connect.example", "partner", NULL, "", FALSE);
  g_autoptr(TlAccount) empty = tl_account_new ("https://connect.example", "", NULL, NULL, FALSE);
  g_autoptr(TlAccount) demo = tl_account_new ("http://127.0.0.1:9", "demo", "demo", NULL, TRUE);
  g_autofree char *plain_label = tl_account_dup_label (plain);
  g_autofree char *empty_label = tl_account_dup_label (empty);
  g_autofree char *demo_label = tl_account_dup_label (demo);

  g_assert_null (tl_account_get_profile (plain));
  g_assert_cmpstr (plain_label, ==, "partner at connect.example");
  g_assert_cmpstr (empty_label, ==, "No account set up");
  g_assert_false (tl_account_is_configured (empty));
  g_assert_cmpstr (demo_label, ==, "Demo server");
  g_assert_true (tl_account_is_configured (demo));
}

static void
test_owns_uri (void)
{
  g_autoptr(TlAccount) account = tl_account_new ("https://connect.example/base", "partner", "pw", NULL, FALSE);
  g_autoptr(TlAccount) loopback = tl_account_new ("http://127.0.0.1:8080", "partner", "pw", NULL, FALSE);
  struct { TlAccount *account; const char *url; gboolean owned; } cases[] = {
    { account, "https://connect.example/base/Service/Order/Token/M1", TRUE },
    { account, "https://CONNECT.example:443/Service/Order/Token/M1", TRUE },
    { account, "https://connect.example:8443/Service/Order/Token/M1", FALSE },
    { account, "http://connect.example/Service/Order/Token/M1", FALSE },
    { account, "https://connect.example.evil.test/Service/Order/Token/M1", FALSE },
    { account, "https://other.example/Service/Order/Token/M1", FALSE },
    { loopback, "http://127.0.0.1:8080/Service/Order/Token/M1", TRUE },
    { loopback, "http://127.0.0.1:8081/Service/Order/Token/M1", FALSE },
    { loopback, "http://localhost:8080/Service/Order/Token/M1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].url, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;
      gboolean owned = tl_account_owns_uri (cases[i].account, uri, &error);

      if (owned != cases[i].owned)
        g_error ("%s: expected %s", cases[i].url, cases[i].owned ? "owned" : "refused");
      if (!owned)
        {
          g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL);
          /* says where the password belongs, never the password */
          g_assert_null (strstr (error->message, "pw"));
        }
    }
}

static void
test_username (void)
{
  const char *rejected[] = { "", "part:ner", "partner\n", "tab\tname", "del\x7f" };

  g_assert_true (tl_account_check_username ("partner", NULL));
  g_assert_true (tl_account_check_username ("pärtner@example.se", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (tl_account_check_username (rejected[i], &error));
      g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INVALID_INPUT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/value", test_value);
  g_test_add_func ("/account/labels", test_labels);
  g_test_add_func ("/account/owns-uri", test_owns_uri);
  g_test_add_func ("/account/username", test_username);

  return g_test_run ();
}
