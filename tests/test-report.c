/* test-report.c: the support report and copy-as-curl never leak a secret, and the curl command
 * really works when its placeholders are filled (run against the demo server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <json-glib/json-glib.h>

#include "tl-client.h"
#include "tl-demo-server.h"
#include "tl-report.h"

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup (TlDemoServer *demo,
        const char   *token)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME,
                                                 TL_DEMO_PASSWORD, NULL, TRUE);
  TlLookupResult *result = NULL;

  tl_client_lookup_async (client, account, TL_DEMO_CUSTOMER_ID, token, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static void
assert_no_secrets (const char *text,
                   const char *token)
{
  g_autofree char *pair = g_strconcat (TL_DEMO_USERNAME, ":", TL_DEMO_PASSWORD, NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));

  g_assert_null (strstr (text, token));
  g_assert_null (strstr (text, basic));
  g_assert_null (strstr (text, "Authorization"));
}

static void
test_report_valid (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlLookupResult) result = lookup (demo, tl_demo_token (TL_DEMO_VALID));
  g_autofree char *report = tl_report_build_markdown (result, "Demo server");

  assert_no_secrets (report, tl_demo_token (TL_DEMO_VALID));
  g_assert_nonnull (strstr (report, "M11385"));
  g_assert_nonnull (strstr (report, tl_lookup_result_get_token_fingerprint (result)));
  g_assert_nonnull (strstr (report, "the token is valid"));
  g_assert_nonnull (strstr (report, "ORD-2026-118305"));
  g_assert_nonnull (strstr (report, "200 OK"));
  g_assert_nonnull (strstr (report, "demo-0f6c2a1e"));
  g_assert_nonnull (strstr (report, "Demo server"));
  g_assert_nonnull (strstr (report, "total"));
}

static void
test_report_error (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlLookupResult) result = lookup (demo, tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_autofree char *report = tl_report_build_markdown (result, NULL);

  assert_no_secrets (report, tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_assert_nonnull (strstr (report, "The service rejected the token"));
  g_assert_nonnull (strstr (report, "> - token.Data: The token is not valid."));
  g_assert_nonnull (strstr (report, "400 Bad Request"));
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* Runs @command with sh while this process's main loop serves the demo server. */
static char *
run_shell (const char *command,
           const char *password,
           const char *token)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "PASSWORD", password, TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "TOKEN", token, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", command, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_communicated, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (proc, res, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
have_curl (void)
{
  g_autofree char *path = g_find_program_in_path ("curl");

  return path != NULL;
}

static void
test_curl_placeholders_work (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autofree char *curl = tl_report_build_curl (tl_demo_server_get_base_url (demo), TL_DEMO_CUSTOMER_ID,
                                                TL_DEMO_USERNAME, NULL);
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TlLookupResult) result = lookup (demo, tl_demo_token (TL_DEMO_EXPIRED));
  JsonObject *o;
  /* the curl command is run for real; a build environment (the Flatpak SDK) may lack curl */
  if (!have_curl ())
    {
      g_test_skip ("curl is not installed");
      return;
    }


  g_assert_nonnull (strstr (curl, "$PASSWORD"));
  g_assert_nonnull (strstr (curl, "$TOKEN"));
  assert_no_secrets (curl, tl_demo_token (TL_DEMO_EXPIRED));
  g_assert_null (strstr (curl, ":" TL_DEMO_PASSWORD "\""));

  /* With the placeholders filled, it gets the same answer as the app. */
  out = run_shell (curl, TL_DEMO_PASSWORD, tl_demo_token (TL_DEMO_EXPIRED));
  o = parse_object (parser, out);
  g_assert_cmpstr (json_object_get_string_member (o, "orderId"), ==,
                   tl_ticket_get_string (tl_lookup_result_get_ticket (result), TL_TICKET_FIELD_ORDER_ID));
  g_assert_true (json_object_get_boolean_member (o, "hasExpired"));
}

static void
test_curl_with_token (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autofree char *curl = tl_report_build_curl (tl_demo_server_get_base_url (demo), TL_DEMO_CUSTOMER_ID,
                                                TL_DEMO_USERNAME, tl_demo_token (TL_DEMO_VALID));
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;
  /* the curl command is run for real; a build environment (the Flatpak SDK) may lack curl */
  if (!have_curl ())
    {
      g_test_skip ("curl is not installed");
      return;
    }


  g_assert_nonnull (strstr (curl, tl_demo_token (TL_DEMO_VALID)));
  g_assert_nonnull (strstr (curl, "$PASSWORD"));
  out = run_shell (curl, TL_DEMO_PASSWORD, NULL);
  o = parse_object (parser, out);
  g_assert_false (json_object_get_boolean_member (o, "hasExpired"));
  g_assert_cmpstr (json_object_get_string_member (o, "customerId"), ==, TL_DEMO_CUSTOMER_ID);
}

static void
test_curl_quoting (void)
{
  g_autofree char *curl = tl_report_build_curl ("https://h.example/a'b", "M1", "we\"ird$user`x", "tok'en");
  g_autofree char *out = NULL;

  /* The shell sees exactly the values: echo the arguments curl would get. */
  {
    g_autoptr(GString) echo = g_string_new (curl);
    g_string_replace (echo, "curl -sS", "printf '%s\\n'", 1);
    out = run_shell (echo->str, "p\"w", NULL);
  }
  g_assert_nonnull (strstr (out, "https://h.example/a'b/Service/Order/Token/M1\n"));
  g_assert_nonnull (strstr (out, "we\"ird$user`x:p\"w\n"));
  g_assert_nonnull (strstr (out, "{\"data\":\"tok'en\"}\n"));
}

/* The demo server used as a partner account (ticket-lookup-cli --serve-demo, its password kept
 * in the keyring): its password is redacted, and none of the demo's own words is the password,
 * so its request id reads as sent, not "[password removed]-0f6c2a1e". */
static void
test_demo_password_redacts_nothing_of_the_demo (void)
{
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (NULL);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME,
                                                 TL_DEMO_PASSWORD, "Demo as a partner", FALSE);
  g_autoptr(TlLookupResult) result = NULL;
  g_autofree char *report = NULL;

  tl_client_lookup_async (client, account, TL_DEMO_CUSTOMER_ID, tl_demo_token (TL_DEMO_BAD_REQUEST), NULL,
                          on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = tl_report_build_markdown (result, "Demo as a partner");
  g_assert_nonnull (tl_lookup_result_get_request_id (result));
  g_assert_null (strstr (tl_lookup_result_get_request_id (result), "removed"));
  g_assert_true (g_str_has_prefix (tl_lookup_result_get_request_id (result), "demo-"));
  g_assert_null (strstr (report, "removed]"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/valid", test_report_valid);
  g_test_add_func ("/report/error", test_report_error);
  g_test_add_func ("/report/curl-placeholders-work", test_curl_placeholders_work);
  g_test_add_func ("/report/curl-with-token", test_curl_with_token);
  g_test_add_func ("/report/curl-quoting", test_curl_quoting);
  g_test_add_func ("/report/demo-password-redacts-nothing-of-the-demo", test_demo_password_redacts_nothing_of_the_demo);

  return g_test_run ();
}
