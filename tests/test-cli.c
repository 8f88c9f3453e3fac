/* test-cli.c: ticket-lookup-cli as a user runs it: output, --json, --batch, exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cli-runner.h"
#include "tl-credentials.h"
#include "tl-demo-server.h"

/* Runs the CLI with @stdin_text on standard input and @envp_extra (name, value, …) added. */
static void
run_cli_full (Run         *run,
              const char  *stdin_text,
              const char **envp_extra,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, envp_extra);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli_argv (run, TL_CLI_PATH, stdin_text, envp_extra, (const char * const *) args->pdata);
}

#define run_cli(run, ...) run_cli_full (run, NULL, NULL, __VA_ARGS__, NULL)

static void
assert_secrets_absent (Run        *run,
                       const char *token)
{
  g_assert_null (strstr (run->out, token));
  g_assert_null (strstr (run->err, token));
  g_assert_null (strstr (run->out, "ZGVtbzpkZW1vLXBhc3N3b3Jk"));   /* base64 "demo:demo-password" */
  g_assert_null (strstr (run->err, "ZGVtbzpkZW1vLXBhc3N3b3Jk"));
}

static void
test_valid_human (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--demo", TL_DEMO_CUSTOMER_ID, tl_demo_token (TL_DEMO_VALID));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "VALID"));
  g_assert_nonnull (strstr (run.out, "  Order ID              ORD-2026-118305\n"));
  g_assert_nonnull (strstr (run.out, "  Customer ID (Office)  M11385\n"));
  g_assert_nonnull (strstr (run.out, "  Property ID           OBJ11385_1395932274\n"));
  assert_secrets_absent (&run, tl_demo_token (TL_DEMO_VALID));
}

static void
test_expired_from_url (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--demo",
           "2026-11-27 GET https://partner.example/order?customerId=M11385&token=DemoExpired%2BTok%2F01%3D%3D HTTP/1.1");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "EXPIRED"));
}

static void
test_findings_noted (void)
{
  g_auto(Run) run = { 0 };

  /* '+' decoded as a space by a form decoder: repaired, and the user is told. */
  run_cli (&run, "--demo", "M11385", "DemoValid Token/01==");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "note: "));
  g_assert_nonnull (strstr (run.err, "“+”"));
}

typedef struct
{
  TlDemoToken token;
  int         status;
  const char *stderr_has;
} StatusCase;

static const StatusCase status_cases[] = {
  { TL_DEMO_BAD_REQUEST, 5, "token.Data: The token is not valid." },
  { TL_DEMO_PROBLEM_DETAILS, 5, "Data: The token could not be decrypted." },
  { TL_DEMO_FORBIDDEN, 4, "No access to this customer" },
  { TL_DEMO_NOT_FOUND, 5, "404" },
  { TL_DEMO_SERVER_ERROR, 6, "Request ID: demo-0f6c2a1e" },
};

static void
test_status (gconstpointer data)
{
  const StatusCase *c = data;
  g_auto(Run) run = { 0 };

  run_cli (&run, "--demo", "M11385", tl_demo_token (c->token));
  g_assert_cmpint (run.status, ==, c->status);
  g_assert_cmpstr (run.out, ==, "");
  if (strstr (run.err, c->stderr_has) == NULL)
    g_error ("stderr lacks “%s”: %s", c->stderr_has, run.err);
  assert_secrets_absent (&run, tl_demo_token (c->token));
}

static void
test_unauthorized (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("tl-pw-XXXXXX", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, "wrong-password\n", -1, NULL));
  close (fd);
  /* a password file must be the user's alone (g_file_set_contents() makes it 0644 first) */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  run_cli (&run, "--demo", "--password-file", path, "M11385", tl_demo_token (TL_DEMO_VALID));
  g_unlink (path);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "Wrong username or password"));
  g_assert_null (strstr (run.err, "wrong-password"));
}

static void
test_password_stdin (void)
{
  g_auto(Run) run = { 0 };

  run_cli_full (&run, "demo-password\n", NULL, "--demo", "--password-stdin", "M11385", tl_demo_token (TL_DEMO_VALID), NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o, *t;

  run_cli (&run, "--demo", "--json", "M11385", tl_demo_token (TL_DEMO_EXPIRED));
  g_assert_cmpint (run.status, ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpstr (json_object_get_string_member (o, "customerId"), ==, "M11385");
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 200);
  g_assert_true (json_object_has_member (o, "elapsedMs"));
  g_assert_true (json_object_get_null_member (o, "error"));
  t = json_object_get_object_member (o, "ticket");
  g_assert_cmpuint (json_object_get_size (t), ==, 9);
  g_assert_true (json_object_get_boolean_member (t, "hasExpired"));
  g_assert_cmpstr (json_object_get_string_member (t, "orderUserId"), ==, "erik.sjoberg");
  assert_secrets_absent (&run, tl_demo_token (TL_DEMO_EXPIRED));
}

static void
test_json_error (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o, *e;

  run_cli (&run, "--demo", "--json", "M11385", tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_assert_cmpint (run.status, ==, 5);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (o, "ok"));
  g_assert_true (json_object_get_null_member (o, "ticket"));
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 400);
  e = json_object_get_object_member (o, "error");
  g_assert_cmpstr (json_object_get_string_member (e, "code"), ==, "bad-request");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (e, "details")), ==, 3);
}

static void
test_invalid_input (void)
{
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();

  run_cli (&a, "--demo", "M1/..", "abcd");
  g_assert_cmpint (a.status, ==, 2);
  g_assert_nonnull (strstr (a.err, "“/”"));

  run_cli (&b, "--demo", "justatoken");
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "customer ID"));

  run_cli (&c, "--demo", "--json", "", "abcd");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_true (json_parser_load_from_data (parser, c.out, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_node_get_object (json_parser_get_root (parser)), "error"), "code"), ==, "invalid-input");
}

static void
test_usage (void)
{
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };

  run_cli (&a, "--demo");
  g_assert_cmpint (a.status, ==, 2);
  run_cli (&b, "--no-such-option");
  g_assert_cmpint (b.status, ==, 2);
  run_cli (&c, "--base-url", "http://connect.maklare.vitec.net", "--username", "u", "M1", "abcd");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "http://"));
  run_cli (&d, "--help");
  g_assert_cmpint (d.status, ==, 0);
  g_assert_nonnull (strstr (d.out, tl_demo_token (TL_DEMO_VALID)));
  g_assert_nonnull (strstr (d.out, "--batch"));
  g_assert_nonnull (strstr (d.out, "Exit status"));
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--version");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "ticket-lookup-cli "));
}

static void
test_network_error (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  run_cli_full (&run, "pw", NULL, "--base-url", url, "--username", "u", "--password-stdin", "M1", "abcd", NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_nonnull (strstr (run.err, "refused"));
}

static void
malformed_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html>login</html>", 18);
}

static void
test_malformed (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autofree char *url = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, malformed_handler, NULL, NULL);
  g_assert_true (soup_server_listen (server, address, 0, NULL));
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  run_cli_full (&run, "pw", NULL, "--base-url", url, "--username", "u", "--password-stdin", "M1", "abcd", NULL);
  g_assert_cmpint (run.status, ==, 8);
  soup_server_disconnect (server);
}

static void
test_keyring_unavailable (void)
{
  g_auto(Run) run = { 0 };
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tl-test-bus", "DISPLAY", "", NULL };

  run_cli_full (&run, NULL, env, "--base-url", "https://connect.maklare.vitec.net", "--username", "u", "M1", "abcd", NULL);
  g_assert_cmpint (run.status, ==, 9);
  g_assert_nonnull (strstr (run.err, "keyring"));
}

/* The lookup from standard input: nothing secret on the command line at all. */
static void
test_stdin_lookup (void)
{
  g_auto(Run) fields = { 0 };
  g_auto(Run) link = { 0 };
  g_auto(Run) both = { 0 };
  g_autofree char *text = g_strdup_printf ("M11385 %s\n", tl_demo_token (TL_DEMO_VALID));

  run_cli_full (&fields, text, NULL, "--demo", "-", NULL);
  g_assert_cmpint (fields.status, ==, 0);
  g_assert_true (g_str_has_prefix (fields.out, "VALID"));
  g_assert_nonnull (strstr (fields.out, "ORD-2026-118305"));

  run_cli_full (&link, "https://partner.example/o?customerId=M11385&token=DemoExpired%2BTok%2F01%3D%3D",
                NULL, "--demo", "-", NULL);
  g_assert_cmpint (link.status, ==, 1);
  g_assert_true (g_str_has_prefix (link.out, "EXPIRED"));

  /* the password and the lookup cannot both come from standard input */
  run_cli_full (&both, text, NULL, "--demo", "--password-stdin", "-", NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_nonnull (strstr (both.err, "standard input"));
}

static char *
read_cmdline (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  for (gsize i = 0; i + 1 < len; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  return contents;
}

static void
hold_request (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupServerMessage **held = user_data;

  soup_server_message_pause (msg);
  *held = g_object_ref (msg);
}

static void
on_cli_exited (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* While a lookup runs, another local user reading /proc/PID/cmdline does not see the token:
 * read while the test's own server holds the request. */
static void
test_argv_scrubbed (void)
{
  g_autoptr(GError) error = NULL;
  const char *token = tl_demo_token (TL_DEMO_VALID);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(SoupServerMessage) held = NULL;
  g_autoptr(GAsyncResult) exited = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *cmdline = NULL;
  GOutputStream *in;
  const char *ticket = "{\"orderId\":\"ORD-2026-118305\",\"userId\":\"anna.lindqvist\","
                       "\"orderUserId\":\"erik.sjoberg\",\"targetId\":\"OBJ11385_1395932274\","
                       "\"targetType\":\"HousingCooperative\",\"tenantId\":\"T1\",\"chainId\":\"G1\","
                       "\"customerId\":\"M11385\",\"hasExpired\":false}";
  GPid pid;

  soup_server_add_handler (server, NULL, hold_request, &held, NULL);
  /* (soup_server_listen_local leaks its address in libsoup 3.2; an explicit one does not) */
  g_assert_true (soup_server_listen (server, address, 0, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  proc = g_subprocess_launcher_spawn (launcher, &error, TL_CLI_PATH, "--base-url", base_url,
                                      "--username", "u", "--password-stdin", "M11385", token, NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (proc);
  g_assert_true (g_output_stream_write_all (in, "pw\n", 3, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (in, NULL, &error));
  g_assert_no_error (error);
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (proc), NULL, 10);
  g_subprocess_wait_async (proc, NULL, on_cli_exited, &exited);

  /* look while the lookup waits for the answer */
  while (held == NULL && exited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (held);
  cmdline = read_cmdline (pid);
  g_assert_nonnull (cmdline);
  if (g_test_verbose ())
    g_printerr ("cmdline: %s\n", cmdline);
  g_assert_nonnull (strstr (cmdline, "--password-stdin"));
  g_assert_null (strstr (cmdline, token));
  g_assert_null (strstr (cmdline, "M11385"));

  soup_server_message_set_status (held, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (held, "application/json", SOUP_MEMORY_STATIC, ticket, strlen (ticket));
  soup_server_message_unpause (held);
  while (exited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_wait_check_finish (proc, exited, &error));
  g_assert_no_error (error);
  soup_server_disconnect (server);
}

/* --check-account: one probe, no token; its own exit statuses, also in --json. */
static void
test_check_account (void)
{
  g_auto(Run) accepted = { 0 };
  g_auto(Run) rejected = { 0 };
  g_auto(Run) no_access = { 0 };
  g_auto(Run) unreachable = { 0 };
  g_auto(Run) usage = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  run_cli (&accepted, "--demo", "--check-account");
  g_assert_cmpint (accepted.status, ==, 0);
  g_assert_true (g_str_has_prefix (accepted.out, "ACCEPTED: Username and password accepted by 127.0.0.1\n"));
  g_assert_nonnull (strstr (accepted.err, "request ID demo-0f6c2a1e"));

  run_cli_full (&rejected, "wrong-password\n", NULL, "--demo", "--password-stdin", "--check-account", NULL);
  g_assert_cmpint (rejected.status, ==, 3);
  g_assert_true (g_str_has_prefix (rejected.out, "REJECTED: Wrong username or password\n"));
  g_assert_null (strstr (rejected.out, "wrong-password"));
  g_assert_null (strstr (rejected.err, "wrong-password"));

  run_cli (&no_access, "--demo", "--check-account", "--customer", TL_DEMO_FOREIGN_CUSTOMER_ID, "--json");
  g_assert_cmpint (no_access.status, ==, 4);
  g_assert_true (json_parser_load_from_data (parser, no_access.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "check"), ==, "no-access");
  g_assert_cmpstr (json_object_get_string_member (o, "customerId"), ==, TL_DEMO_FOREIGN_CUSTOMER_ID);
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 403);

  run_cli_full (&unreachable, "pw\n", NULL, "--base-url", "http://127.0.0.1:9", "--username", "u",
                "--password-stdin", "--check-account", "--json", NULL);
  g_assert_cmpint (unreachable.status, ==, 7);
  g_assert_nonnull (strstr (unreachable.out, "\"check\":\"failed\""));
  g_assert_nonnull (strstr (unreachable.out, "\"code\":\"network\""));

  run_cli (&usage, "--demo", "--check-account", "M1", "abcd");
  g_assert_cmpint (usage.status, ==, 2);
}

static char *
write_file (const char *contents,
            gsize       length,
            int         mode)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("tl-pw-XXXXXX", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return g_steal_pointer (&path);
}

/* --password-file takes the user's own file, readable by nobody else, one sane line. */
static void
test_password_file_rules (void)
{
  g_autofree char *good = write_file ("demo-password\n", 14, 0600);
  g_autofree char *readable = write_file ("demo-password\n", 14, 0644);
  g_autofree char *empty = write_file ("\n", 1, 0600);
  g_autofree char *nul = write_file ("de\0mo\n", 6, 0600);
  g_autofree char *big = NULL;
  g_autofree char *foreign = write_file ("demo-password\n", 14, 0600);
  g_autofree char *large = g_strnfill (5000, 'x');
  struct { const char *path; int status; const char *says; } cases[] = {
    { good, 0, NULL },
    { readable, 2, "chmod 600" },
    { empty, 2, "empty" },
    { nul, 2, "NUL" },
    { NULL, 2, "4096" },
    { foreign, 2, "another user" },
  };

  big = write_file (large, strlen (large), 0600);
  cases[4].path = big;
  if (getuid () == 0)
    g_assert_cmpint (chown (foreign, 65534, 65534), ==, 0);
  else
    cases[5].status = 0, cases[5].says = NULL;   /* only root can give a file away */

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--demo", "--password-file", cases[i].path, "M11385", tl_demo_token (TL_DEMO_VALID));
      if (run.status != cases[i].status || (cases[i].says && strstr (run.err, cases[i].says) == NULL))
        g_error ("case %u: exit %d: %s", i, run.status, run.err);
      g_assert_null (strstr (run.err, "demo-password\n"));
      g_unlink (cases[i].path);
    }
}

static void
test_option_conflicts (void)
{
  g_auto(Run) both = { 0 };
  g_auto(Run) zero = { 0 };
  g_auto(Run) colon = { 0 };

  run_cli_full (&both, "demo\n", NULL, "--demo", "--password-stdin", "--password-file", "/dev/null",
                "M11385", tl_demo_token (TL_DEMO_VALID), NULL);
  g_assert_cmpint (both.status, ==, 2);
  g_assert_nonnull (strstr (both.err, "not both"));

  run_cli (&zero, "--demo", "--timeout", "0", "M11385", tl_demo_token (TL_DEMO_VALID));
  g_assert_cmpint (zero.status, ==, 2);
  g_assert_nonnull (strstr (zero.err, "--timeout must be 1–3600 seconds"));

  run_cli_full (&colon, "pw\n", NULL, "--base-url", "https://connect.example", "--username", "part:ner",
                "--password-stdin", "M11385", tl_demo_token (TL_DEMO_VALID), NULL);
  g_assert_cmpint (colon.status, ==, 2);
  g_assert_nonnull (strstr (colon.err, "“:”"));
}

/* --password-stdin on a terminal asks, without echoing what is typed. */
static void
test_password_prompt_on_terminal (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *python = "/usr/bin/python3";

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no python3 to drive a pseudo-terminal");
      return;
    }
  /* a pseudo-terminal as a person's: wait for the prompt, type, read what the screen shows */
  script = g_strdup_printf (
    "import os, pty, sys, time\n"
    "pid, fd = pty.fork()\n"
    "if pid == 0:\n"
    "    os.execv('%s', ['cli', '--demo', '--password-stdin', 'M11385', '%s'])\n"
    "import select\n"
    "seen = b''\n"
    "end = time.time() + 20\n"
    "def read_some():\n"
    "    global seen\n"
    "    if not select.select([fd], [], [], 1)[0]:\n"
    "        return True\n"
    "    try:\n"
    "        chunk = os.read(fd, 1024)\n"
    "    except OSError:\n"
    "        return False\n"
    "    seen += chunk\n"
    "    return bool(chunk)\n"
    "while b'Password: ' not in seen and time.time() < end and read_some():\n"
    "    pass\n"
    "os.write(fd, b'typed-secret\\n')\n"
    "while time.time() < end and read_some():\n"
    "    pass\n"
    "os.kill(pid, 9) if time.time() >= end else None\n"
    "_, st = os.waitpid(pid, 0)\n"
    "sys.stdout.write(seen.decode(errors='replace'))\n"
    "sys.exit(os.WEXITSTATUS(st))\n", TL_CLI_PATH, tl_demo_token (TL_DEMO_VALID));
  {
    const char *argv[] = { python, "-c", script, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL, &out, NULL, &status,
                  &error);
  }
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_printerr ("%s\n", out);
  g_assert_nonnull (strstr (out, "Password: "));
  /* the typed password is not echoed back; "typed-secret" is not the demo password: 401 */
  g_assert_null (strstr (out, "typed-secret"));
  g_assert_nonnull (strstr (out, "Wrong username or password"));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 3);
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* In a real keyring session: the password comes from the keyring for exactly the account the
 * command line names. */
static void
test_keyring_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (&error);
  g_autoptr(GAsyncResult) res = NULL;
  g_auto(Run) ok = { 0 };
  g_auto(Run) other_user = { 0 };
  g_auto(Run) from_stdin = { 0 };
  g_autofree char *text = g_strdup_printf ("M11385 %s", tl_demo_token (TL_DEMO_VALID));
  const char *base;

  g_assert_no_error (error);
  base = tl_demo_server_get_base_url (demo);
  tl_credentials_store_async (base, TL_DEMO_USERNAME, TL_DEMO_PASSWORD, TRUE, NULL, on_stored, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_credentials_store_finish (res, &error));
  g_assert_no_error (error);

  run_cli_full (&ok, NULL, NULL, "--base-url", base, "--username", TL_DEMO_USERNAME, "M11385",
                tl_demo_token (TL_DEMO_VALID), NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_true (g_str_has_prefix (ok.out, "VALID"));

  /* the same server, another username: that account has no password stored */
  run_cli_full (&other_user, NULL, NULL, "--base-url", base, "--username", "someone-else", "M11385",
                tl_demo_token (TL_DEMO_VALID), NULL);
  g_assert_cmpint (other_user.status, ==, 3);
  g_assert_nonnull (strstr (other_user.err, "someone-else"));
  g_assert_null (strstr (other_user.err, TL_DEMO_PASSWORD "\n"));

  /* keyring password and the lookup from standard input */
  run_cli_full (&from_stdin, text, NULL, "--base-url", base, "--username", TL_DEMO_USERNAME, "-", NULL);
  g_assert_cmpint (from_stdin.status, ==, 0);
}

static void
test_batch (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GString) input = g_string_new ("# a comment\n\n");
  g_auto(GStrv) lines = NULL;
  const char *expected_codes[] = { NULL, NULL, "bad-request", "invalid-input", "forbidden", NULL };

  g_string_append_printf (input, "M11385 %s\n", tl_demo_token (TL_DEMO_VALID));
  g_string_append_printf (input, "https://p.example/o?customerId=M2&token=DemoExpired%%2BTok%%2F01%%3D%%3D\n");
  g_string_append_printf (input, "M11385 %s\n", tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_string_append (input, "only-a-token\n");
  g_string_append_printf (input, "M11385 %s\n", tl_demo_token (TL_DEMO_FORBIDDEN));
  g_string_append_printf (input, "S7 %s\n", tl_demo_token (TL_DEMO_VALID));

  run_cli_full (&run, input->str, NULL, "--demo", "--json", "--jobs", "3", "--batch", "-", NULL);
  g_assert_cmpint (run.status, ==, 5);   /* the most severe: 400 and invalid input (2) → 5 */

  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      /* input order kept: lines 3..8 of the input */
      g_assert_cmpint (json_object_get_int_member (o, "line"), ==, i + 3);
      if (expected_codes[i] == NULL)
        g_assert_true (json_object_get_boolean_member (o, "ok"));
      else
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "error"), "code"),
                         ==, expected_codes[i]);
    }
  assert_secrets_absent (&run, tl_demo_token (TL_DEMO_VALID));
}

static void
test_batch_all_answered (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_strdup_printf ("M1 %s\nM2 %s\n", tl_demo_token (TL_DEMO_VALID),
                                            tl_demo_token (TL_DEMO_EXPIRED));

  run_cli_full (&run, input, NULL, "--demo", "--batch", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "VALID"));
  g_assert_nonnull (strstr (run.out, "EXPIRED"));
}

static void
test_verbose_redacted (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--demo", "--verbose", "M11385", tl_demo_token (TL_DEMO_VALID));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "> POST http://127.0.0.1:"));
  g_assert_nonnull (strstr (run.err, "> Authorization: Basic ••••"));
  g_assert_nonnull (strstr (run.err, "< HTTP/1.1 200"));
  g_assert_nonnull (strstr (run.err, "timing"));
  assert_secrets_absent (&run, tl_demo_token (TL_DEMO_VALID));
}

/* Every member of the documented schema is on every line, null where it is not known. */
static const char *const lookup_members[] = {
  "ok", "verdict", "customerId", "ticket", "status", "elapsedMs", "requestId", "error", NULL
};
static const char *const check_members[] = {
  "check", "server", "username", "customerId", "status", "elapsedMs", "requestId", "error", NULL
};

static JsonObject *
parse_json_line (JsonParser  *parser,
                 const char  *line,
                 const char  *const *members)
{
  JsonObject *o;

  if (!json_parser_load_from_data (parser, line, -1, NULL))
    g_error ("not JSON: %s", line);
  o = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (o, members[i]))
      g_error ("“%s” is missing: %s", members[i], line);
  return o;
}

static void
test_json_every_member (void)
{
  g_auto(Run) invalid = { 0 };
  g_auto(Run) network = { 0 };
  g_auto(Run) batch = { 0 };
  g_auto(Run) check = { 0 };
  g_auto(Run) check_failed = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *batch_input = g_strdup_printf ("M11385 %s\nonly-a-token\nM11385 %s\n",
                                                  tl_demo_token (TL_DEMO_VALID),
                                                  tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_auto(GStrv) lines = NULL;
  JsonObject *o;

  /* nothing was sent: no status, no time, no request ID */
  run_cli (&invalid, "--demo", "--json", "", "abcd");
  g_assert_cmpint (invalid.status, ==, 2);
  o = parse_json_line (parser, invalid.out, lookup_members);
  g_assert_true (json_object_get_null_member (o, "requestId"));
  g_assert_true (json_object_get_null_member (o, "status"));
  g_assert_true (json_object_get_null_member (o, "elapsedMs"));
  g_assert_true (json_object_get_null_member (o, "verdict"));
  g_assert_true (json_object_get_null_member (o, "ticket"));

  /* sent, never answered */
  run_cli_full (&network, "pw\n", NULL, "--base-url", "http://127.0.0.1:9", "--username", "u",
                "--password-stdin", "--json", "M1", "abcd", NULL);
  g_assert_cmpint (network.status, ==, 7);
  o = parse_json_line (parser, network.out, lookup_members);
  g_assert_true (json_object_get_null_member (o, "requestId"));
  g_assert_true (json_object_get_null_member (o, "status"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "error"), "code"), ==, "network");

  run_cli_full (&batch, batch_input, NULL, "--demo", "--json", "--batch", "-", NULL);
  lines = g_strsplit (g_strchomp (batch.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      o = parse_json_line (parser, lines[i], lookup_members);
      g_assert_cmpint (json_object_get_int_member (o, "line"), ==, i + 1);
    }
  o = parse_json_line (parser, lines[1], lookup_members);
  g_assert_true (json_object_get_null_member (o, "requestId"));
  o = parse_json_line (parser, lines[2], lookup_members);
  g_assert_cmpstr (json_object_get_string_member (o, "requestId"), ==, "demo-0f6c2a1e");

  run_cli (&check, "--demo", "--check-account", "--json");
  g_assert_cmpint (check.status, ==, 0);
  o = parse_json_line (parser, check.out, check_members);
  g_assert_true (json_object_get_null_member (o, "customerId"));
  g_assert_true (json_object_get_null_member (o, "error"));

  run_cli_full (&check_failed, "pw\n", NULL, "--base-url", "http://127.0.0.1:9", "--username", "u",
                "--password-stdin", "--check-account", "--json", NULL);
  g_assert_cmpint (check_failed.status, ==, 7);
  o = parse_json_line (parser, check_failed.out, check_members);
  g_assert_true (json_object_get_null_member (o, "requestId"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "error"), "code"), ==, "network");
}

/* --help names the usage once, on one line. */
static void
test_help_usage_once (void)
{
  g_auto(Run) run = { 0 };
  const char *usage, *end;
  g_autofree char *line = NULL;

  run_cli (&run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  usage = strstr (run.out, "ticket-lookup-cli [OPTION");
  g_assert_nonnull (usage);
  end = strchr (usage, '\n');
  line = g_strndup (usage, end - usage);
  g_assert_nonnull (strstr (line, "CUSTOMER_ID TOKEN"));
  g_assert_null (strstr (strstr (line, "CUSTOMER_ID TOKEN") + 1, "CUSTOMER_ID TOKEN"));
  g_assert_nonnull (strstr (line, "--batch FILE"));
  g_assert_null (strstr (end, "CUSTOMER_ID TOKEN | PASTED_TEXT"));
}

/* The batch table lines up in characters: a "—" is one column, not three bytes. */
static void
test_batch_columns (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_strdup_printf ("M11385 %s\nuser anna logged in\nM11385 %s\n",
                                            tl_demo_token (TL_DEMO_VALID), tl_demo_token (TL_DEMO_BAD_REQUEST));
  g_auto(GStrv) lines = NULL;

  run_cli_full (&run, input, NULL, "--demo", "--batch", "-", NULL);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      /* "%4u  " + 10 + "  " + 20 + "  ": the outcome starts at the 41st character */
      const char *outcome = g_utf8_offset_to_pointer (lines[i], 40);

      g_assert_cmpint (g_utf8_strlen (lines[i], -1), >, 40);
      g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (lines[i], 16), "  "));
      g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (lines[i], 38), "  "));
      if (*outcome == ' ')
        g_error ("line %u does not line up: %s", i + 1, lines[i]);
    }
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (lines[0], 40), "VALID"));
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (lines[1], 6), "—           —"));
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (lines[2], 40), "The service rejected the token: "));
}

/* --timeout takes 1–3600 seconds and refuses anything else, naming the range. */
static void
test_timeout_range (void)
{
  const char *refused[] = { "-1", "0", "-5", "3601", "abc", "30s", "" };
  const char *accepted[] = { "1", "3600" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "--demo", "--timeout", refused[i], "M11385", tl_demo_token (TL_DEMO_VALID));
      if (run.status != 2 || strstr (run.err, "--timeout must be 1–3600 seconds") == NULL)
        g_error ("--timeout %s: exit %d: %s", refused[i], run.status, run.err);
      g_assert_cmpstr (run.out, ==, "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_auto(Run) run = { 0 };

      /* taken, not refused: with 1 s a slow machine (valgrind, a busy CPU) may see the time
       * limit end the lookup (exit 7), which is the limit working */
      run_cli (&run, "--demo", "--timeout", accepted[i], "M11385", tl_demo_token (TL_DEMO_VALID));
      if (strstr (run.err, "--timeout must be") != NULL ||
          !(run.status == 0 || (run.status == 7 && strstr (run.err, "did not answer in time") != NULL)))
        g_error ("--timeout %s: exit %d: %s", accepted[i], run.status, run.err);
    }
}

/* What to do next is said in the CLI's words: flags, never the window's fields. */
static void
test_next_step_words (void)
{
  g_auto(Run) invalid = { 0 };
  g_auto(Run) keyring = { 0 };
  const char *env[] = { "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tl-test-bus", "DISPLAY", "", NULL };

  run_cli (&invalid, "--demo", "M1/..", "abcd");
  g_assert_cmpint (invalid.status, ==, 2);
  g_assert_null (strstr (invalid.err, "field"));
  g_assert_nonnull (strstr (invalid.err, "standard input"));

  run_cli_full (&keyring, NULL, env, "--base-url", "https://connect.maklare.vitec.net", "--username", "u",
                "M1", "abcd", NULL);
  g_assert_cmpint (keyring.status, ==, 9);
  g_assert_nonnull (strstr (keyring.err, "--password-file"));
  g_assert_null (strstr (keyring.err, "for this session only"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/valid-human", test_valid_human);
  g_test_add_func ("/cli/expired-from-log-line", test_expired_from_url);
  g_test_add_func ("/cli/findings-noted", test_findings_noted);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/status/%d-%s", status_cases[i].status,
                                               tl_demo_token (status_cases[i].token));
      g_strdelimit (path + 12, "+/=", '_');
      g_test_add_data_func (path, &status_cases[i], test_status);
    }
  g_test_add_func ("/cli/unauthorized", test_unauthorized);
  g_test_add_func ("/cli/password-stdin", test_password_stdin);
  g_test_add_func ("/cli/json", test_json);
  g_test_add_func ("/cli/json-error", test_json_error);
  g_test_add_func ("/cli/invalid-input", test_invalid_input);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/network-error", test_network_error);
  g_test_add_func ("/cli/malformed", test_malformed);
  g_test_add_func ("/cli/keyring-unavailable", test_keyring_unavailable);
  g_test_add_func ("/cli/batch", test_batch);
  g_test_add_func ("/cli/batch-all-answered", test_batch_all_answered);
  g_test_add_func ("/cli/verbose-redacted", test_verbose_redacted);
  g_test_add_func ("/cli/stdin-lookup", test_stdin_lookup);
  g_test_add_func ("/cli/argv-scrubbed", test_argv_scrubbed);
  g_test_add_func ("/cli/check-account", test_check_account);
  g_test_add_func ("/cli/password-file-rules", test_password_file_rules);
  g_test_add_func ("/cli/option-conflicts", test_option_conflicts);
  g_test_add_func ("/cli/password-prompt-on-terminal", test_password_prompt_on_terminal);
  g_test_add_func ("/cli/json-every-member", test_json_every_member);
  g_test_add_func ("/cli/help-usage-once", test_help_usage_once);
  g_test_add_func ("/cli/batch-columns", test_batch_columns);
  g_test_add_func ("/cli/timeout-range", test_timeout_range);
  g_test_add_func ("/cli/next-step-words", test_next_step_words);
  if (g_getenv ("TL_IN_KEYRING_SESSION") != NULL)
    g_test_add_func ("/cli-keyring/keyring-password", test_keyring_password);

  return g_test_run ();
}
