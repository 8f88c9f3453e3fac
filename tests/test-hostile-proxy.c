/* test-hostile-proxy.c: a hostile office proxy and a hostile service on raw loopback sockets,
 * each answering by what it was sent; driven through the core and through ticket-lookup-cli
 * as a person runs it. The proxy password must reach only the proxy, and nothing the proxy or
 * the service echoes back may show it, or the token, to the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cli-runner.h"
#include "tl-batch.h"
#include "tl-client.h"
#include "tl-lookup-error.h"
#include "tl-proxy.h"
#include "tl-report.h"
#include "tl-tls.h"

#define USERNAME       "partner"
#define PASSWORD       "S3cret-Pässword!"
#define TOKEN          "Zq8x+Secret/Tok3n=="
#define PROXY_USER     "office"
#define PROXY_PASSWORD "Pr0xyPass-Wd7"
/* base64 ("office:Pr0xyPass-Wd7") */
#define PROXY_BASIC    "b2ZmaWNlOlByMHh5UGFzcy1XZDc="
/* a service name that is not loopback, so that the lookup goes through the proxy */
#define SERVICE        "https://connect.office.test"

/* ---- a server that answers each request by what it holds ------------------------------- */

typedef char *(*Answer) (const char *request);

typedef struct
{
  GThreadedSocketService *service;
  char                   *url;
  Answer                  answer;
  GMutex                  lock;
  GPtrArray              *requests;   /* what arrived, for asserts */
} Server;

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  Server *s = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *reply = NULL;
  char buf[16384];
  gssize n;

  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    {
      const char *end, *length;

      g_string_append_len (request, buf, n);
      end = strstr (request->str, "\r\n\r\n");
      length = g_strstr_len (request->str, end ? end - request->str : -1, "Content-Length: ");
      if (end != NULL &&
          (length == NULL || request->len >= (gsize) (end + 4 - request->str) + g_ascii_strtoull (length + 16, NULL, 10)))
        break;
    }
  g_mutex_lock (&s->lock);
  g_ptr_array_add (s->requests, g_strdup (request->str));
  g_mutex_unlock (&s->lock);
  reply = s->answer (request->str);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static Server *
server_new (Answer answer)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  s->answer = answer;
  s->requests = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&s->lock);
  s->service = G_THREADED_SOCKET_SERVICE (g_threaded_socket_service_new (4));
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, NULL));
  g_signal_connect (s->service, "run", G_CALLBACK (on_run), s);
  s->url = g_strdup_printf ("http://127.0.0.1:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return s;
}

static void
server_free (Server *s)
{
  g_socket_service_stop (G_SOCKET_SERVICE (s->service));
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_object_unref (s->service);
  g_ptr_array_unref (s->requests);
  g_mutex_clear (&s->lock);
  g_free (s->url);
  g_free (s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static char *
http_reply (const char *status_line,
            const char *headers,
            const char *content_type,
            const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: %s\r\n%s"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status_line, content_type, headers ? headers : "", strlen (body), body);
}

/* Every request the server got, as one string. */
static char *
all_requests (Server *s)
{
  g_autoptr(GString) all = g_string_new (NULL);

  g_mutex_lock (&s->lock);
  for (guint i = 0; i < s->requests->len; i++)
    g_string_append_printf (all, "%s\n----\n", (char *) g_ptr_array_index (s->requests, i));
  g_mutex_unlock (&s->lock);
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static guint
n_requests (Server *s)
{
  guint n;

  g_mutex_lock (&s->lock);
  n = s->requests->len;
  g_mutex_unlock (&s->lock);
  return n;
}

/* ---- the client ------------------------------------------------------------------------- */

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

/* A lookup at @server, with the office proxy's sign-in given; through @proxy when not NULL. */
static TlLookupResult *
lookup (const char *server,
        Server     *proxy)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (server, USERNAME, PASSWORD, NULL, FALSE);
  g_autoptr(TlProxyCredentials) credentials = tl_proxy_credentials_new (PROXY_USER, PROXY_PASSWORD);
  g_autoptr(GProxyResolver) resolver = NULL;
  TlLookupResult *result = NULL;

  if (proxy != NULL)
    {
      resolver = g_simple_proxy_resolver_new (proxy->url, NULL);
      tl_client_set_proxy_resolver (client, resolver);
    }
  tl_client_set_proxy_credentials (client, credentials);
  tl_client_set_timeout (client, 10);
  tl_client_lookup_async (client, account, "M1", TOKEN, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* Everything the user can see or copy of @result: the error, the heading, the report, the
 * diagnostics. */
static char *
everything_shown (TlLookupResult *result)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *error = tl_lookup_result_format_error (result);
  g_autofree char *title = tl_lookup_result_dup_title (result);
  g_autofree char *report = tl_report_build_markdown (result, "Partner");
  SoupMessageHeaders *headers;

  g_string_append_printf (all, "%s\n%s\n%s\n", error ? error : "", title, report);
  if (tl_lookup_result_get_body_excerpt (result) != NULL)
    g_string_append_printf (all, "%s\n", tl_lookup_result_get_body_excerpt (result));
  if (tl_lookup_result_get_reason (result) != NULL)
    g_string_append_printf (all, "%s\n", tl_lookup_result_get_reason (result));
  if ((headers = tl_lookup_result_get_response_headers (result)) != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        g_string_append_printf (all, "%s: %s\n", name, value);
    }
  if ((headers = tl_lookup_result_get_request_headers (result)) != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        g_string_append_printf (all, "%s: %s\n", name, value);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
assert_no_proxy_secret (const char *text)
{
  g_assert_null (strstr (text, PROXY_PASSWORD));
  g_assert_null (strstr (text, PROXY_BASIC));
}

/* ---- the service asks as if it were a proxy --------------------------------------------- */

static char *
answer_407 (const char *request)
{
  return http_reply ("407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"office\"\r\n",
                     "text/html", "<html><body>sign in</body></html>");
}

static char *
answer_401_proxy_challenge (const char *request)
{
  return http_reply ("401 Unauthorized",
                     "WWW-Authenticate: Basic realm=\"service\"\r\nProxy-Authenticate: Basic realm=\"office\"\r\n",
                     "application/json", "{\"message\": \"Unauthorized\"}");
}

/* A service (reached directly) that answers 407, or 401 with a Proxy-Authenticate, is never
 * given the office proxy's sign-in, and its challenge is never answered: one request. */
static void
test_service_asks_as_proxy (void)
{
  Answer answers[] = { answer_407, answer_401_proxy_challenge };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(Server) service = server_new (answers[i]);
      g_autoptr(TlLookupResult) result = lookup (service->url, NULL);
      g_autofree char *got = all_requests (service);

      g_assert_false (tl_lookup_result_is_ok (result));
      g_assert_cmpuint (n_requests (service), ==, 1);
      g_assert_null (strstr (got, "Proxy-Authorization"));
      assert_no_proxy_secret (got);
    }
}

/* ---- a proxy that echoes the sign-in it was given ------------------------------------- */

/* CONNECT without a sign-in: asked for one. With it: refused, the sign-in echoed in the
 * headers, the reason phrase and the page. */
static char *
answer_echoing_proxy (const char *request)
{
  const char *auth = strstr (request, "Proxy-Authorization: ");
  g_autofree char *value = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *body = NULL;
  g_autofree char *status = NULL;

  if (auth == NULL)
    return http_reply ("407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"office\"\r\n",
                       "text/html", "<html><body>sign in</body></html>");
  auth += strlen ("Proxy-Authorization: ");
  value = g_strndup (auth, strcspn (auth, "\r\n"));
  headers = g_strdup_printf ("X-Echo: %s\r\nVia: 1.1 " PROXY_PASSWORD "\r\nX-Squid-Error: " PROXY_PASSWORD "\r\n",
                             value);
  status = g_strdup_printf ("403 Forbidden for " PROXY_USER ":" PROXY_PASSWORD);
  body = g_strdup_printf ("<html><body><h1>Access denied</h1><p>You sent %s, that is "
                          PROXY_USER ":" PROXY_PASSWORD "</p></body></html>", value);
  return http_reply (status, headers, "text/html", body);
}

/* The same, refusing the sign-in with 407 again, as a proxy does for a wrong password, and
 * asking for another realm (the sign-in it got). */
static char *
answer_echoing_proxy_407 (const char *request)
{
  const char *auth = strstr (request, "Proxy-Authorization: ");
  g_autofree char *value = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *body = NULL;

  if (auth == NULL)
    return answer_echoing_proxy (request);
  auth += strlen ("Proxy-Authorization: ");
  value = g_strndup (auth, strcspn (auth, "\r\n"));
  headers = g_strdup_printf ("Proxy-Authenticate: Basic realm=\"%s\"\r\nX-Echo: %s\r\n", value, value);
  body = g_strdup_printf ("<html><body>Wrong password %s for %s</body></html>", PROXY_PASSWORD, value);
  return http_reply ("407 Wrong " PROXY_PASSWORD, headers, "text/html", body);
}

static void
test_proxy_echoes_sign_in_result (void)
{
  Answer answers[] = { answer_echoing_proxy, answer_echoing_proxy_407 };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(Server) proxy = server_new (answers[i]);
      g_autoptr(TlLookupResult) result = lookup (SERVICE, proxy);
      g_autofree char *got = all_requests (proxy);
      g_autofree char *shown = everything_shown (result);

      /* the proxy was given the sign-in (so there was something to echo) */
      g_assert_nonnull (strstr (got, PROXY_BASIC));
      g_assert_false (tl_lookup_result_is_ok (result));
      g_test_message ("shown: %s", shown);
      assert_no_proxy_secret (shown);
    }
}

/* A proxy that keeps asking for a sign-in in another realm is given the sign-in once, not
 * again and again until the time limit; the lookup ends saying the proxy did not accept it. */
static void
test_proxy_asks_again (void)
{
  g_autoptr(Server) proxy = server_new (answer_echoing_proxy_407);
  g_autoptr(TlLookupResult) result = lookup (SERVICE, proxy);
  g_autofree char *got = all_requests (proxy);

  guint sent = 0;

  for (const char *p = got; (p = strstr (p, PROXY_BASIC)) != NULL; p++)
    sent++;
  g_assert_cmpuint (sent, >=, 1);
  g_assert_cmpuint (sent, <=, 3);
  g_assert_cmpint (tl_lookup_error_code (tl_lookup_result_get_error (result)), ==, TL_LOOKUP_ERROR_PROXY_SIGN_IN);
  g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "did not accept the sign-in as"));
}

static void
test_proxy_echoes_sign_in_cli (void)
{
  g_autoptr(Server) proxy = server_new (answer_echoing_proxy);
  g_autofree char *dir = g_dir_make_tmp ("tl-hostile-proxy-XXXXXX", NULL);
  g_autofree char *password_file = g_build_filename (dir, "proxy-password", NULL);
  g_autofree char *got = NULL;
  const char *env[] = { "https_proxy", proxy->url, "no_proxy", "", NULL };
  const char *args[] = { "--base-url", SERVICE, "--username", USERNAME, "--password-stdin",
                         "--proxy-user", PROXY_USER, "--proxy-password-file", password_file,
                         "--verbose", "M1", TOKEN, NULL };
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents_full (password_file, PROXY_PASSWORD "\n", -1,
                                          G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  run_cli_argv (&run, TL_CLI_PATH, PASSWORD "\n", env, args);
  got = all_requests (proxy);
  g_test_message ("out: %s\nerr: %s", run.out, run.err);
  g_assert_nonnull (strstr (got, PROXY_BASIC));
  g_assert_cmpint (run.status, !=, 0);
  assert_no_proxy_secret (run.out);
  assert_no_proxy_secret (run.err);
  g_remove (password_file);
  g_rmdir (dir);
}

/* ---- the service echoes the token in its Via header ------------------------------------ */

static char *
answer_via_token (const char *request)
{
  /* the token after 45 characters: it crosses where a long name is cut */
  return http_reply ("502 Bad Gateway",
                     "Via: 1.1 gw-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" TOKEN "\r\n",
                     "text/html", "<html><body>Bad gateway</body></html>");
}

static void
test_via_token (void)
{
  g_autoptr(Server) service = server_new (answer_via_token);
  g_autoptr(TlLookupResult) result = lookup (service->url, NULL);
  g_autofree char *shown = everything_shown (result);

  g_test_message ("shown: %s", shown);
  g_assert_cmpint (tl_lookup_error_code (tl_lookup_result_get_error (result)), ==, TL_LOOKUP_ERROR_GATEWAY);
  g_assert_null (strstr (shown, TOKEN));
  /* nor most of it, where the gateway's name is cut */
  g_assert_null (strstr (shown, "Zq8x+Secret"));
}

/* ---- a token echoed where a long text is cut ------------------------------------------- */

/* A 400 whose page ends with the token just past where its excerpt is cut, and whose request
 * id holds it just past where that is cut: neither shows the beginning of the token. */
static char *
answer_token_at_cuts (const char *request)
{
  g_autofree char *page = g_strnfill (4096 - 10, 'p');
  g_autofree char *body = g_strconcat (page, TOKEN, NULL);
  g_autofree char *id = g_strnfill (200 - 12, 'r');
  g_autofree char *headers = g_strdup_printf ("X-Request-Id: %s" TOKEN "\r\n", id);

  return http_reply ("400 Bad Request", headers, "text/plain", body);
}

static void
test_token_at_cuts (void)
{
  g_autoptr(Server) service = server_new (answer_token_at_cuts);
  g_autoptr(TlLookupResult) result = lookup (service->url, NULL);
  g_autofree char *shown = everything_shown (result);

  g_assert_false (tl_lookup_result_is_ok (result));
  g_assert_nonnull (tl_lookup_result_get_request_id (result));
  g_assert_nonnull (tl_lookup_result_get_body_excerpt (result));
  g_assert_null (strstr (tl_lookup_result_get_request_id (result), "Zq8x+Secret"));
  g_assert_null (strstr (tl_lookup_result_get_body_excerpt (result), "Zq8x+Sec"));
  g_assert_null (strstr (shown, "Zq8x+Sec"));
}

/* The service's JSON message with the token just before where a message is cut (600
 * characters): not shown in part either. */
static char *
answer_token_at_message_cut (const char *request)
{
  g_autofree char *pad = g_strnfill (600 - 10, 'm');
  g_autofree char *body = g_strdup_printf ("{\"message\": \"%s" TOKEN "\"}", pad);

  return http_reply ("400 Bad Request", NULL, "application/json", body);
}

static void
test_token_at_message_cut (void)
{
  g_autoptr(Server) service = server_new (answer_token_at_message_cut);
  g_autoptr(TlLookupResult) result = lookup (service->url, NULL);
  g_autofree char *shown = everything_shown (result);

  g_assert_false (tl_lookup_result_is_ok (result));
  g_assert_nonnull (tl_lookup_result_get_error_body (result));
  g_assert_nonnull (strstr (tl_lookup_result_get_error_body (result)->message, "mmmm"));
  g_assert_null (strstr (tl_lookup_result_get_error_body (result)->message, "Zq8x"));
  g_assert_null (strstr (shown, "Zq8x+S"));
}

/* ---- an office certificate with a hostile subject --------------------------------------- */

/* What the account dialog shows of a certificate whose subject holds a terminal escape, a
 * right-to-left override, a bell and Pango markup: every control drawn as a marker, nothing
 * raw. (The row does not read markup: tl-account-dialog.ui.) */
static void
test_certificate_subject (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tl-hostile-cert-XXXXXX", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                         "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-utf8", "-subj",
                         "/CN=Office\033[31mRED\xe2\x80\xae" "evil<b>x<\\/b>&amp;\a/O=Org", NULL };
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("openssl could not make a certificate");
      g_remove (key);
      g_rmdir (dir);
      return;
    }
  contents = tl_tls_read_ca_file (cert, &certificates, &error);
  g_assert_no_error (error);
  subject = tl_tls_certificate_dup_subject (certificates->pdata[0]);
  g_test_message ("subject: %s", subject);
  g_assert_true (g_utf8_validate (subject, -1, NULL));
  for (const char *p = subject; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_false (c >= 0x202a && c <= 0x202e);
      g_assert_false (c >= 0x2066 && c <= 0x2069);
    }
  g_assert_nonnull (strstr (subject, "Office"));
  g_remove (key);
  g_remove (cert);
  g_rmdir (dir);
}

/* ---- redirects ------------------------------------------------------------------------- */

static char *redirect_target;   /* where the redirecting server points */

static char *
answer_nothing (const char *request)
{
  return http_reply ("200 OK", NULL, "application/json", "{}");
}

static char *
answer_redirect (const char *request)
{
  g_autofree char *headers = g_strdup_printf ("Location: %s/Service/Order/Token/M1\r\n"
                                              "Proxy-Authenticate: Basic realm=\"office\"\r\n",
                                              redirect_target);

  return http_reply ("307 Temporary Redirect", headers, "text/html", "<html>moved</html>");
}

/* A service that redirects, and a proxy that answers its CONNECT with a redirect: neither is
 * followed, so the place they point to gets nothing, neither the service's credentials nor the
 * proxy's sign-in. */
static void
test_redirects_not_followed (void)
{
  g_autoptr(Server) elsewhere = server_new (answer_nothing);
  g_autoptr(Server) service = server_new (answer_redirect);
  g_autoptr(Server) proxy = server_new (answer_redirect);
  g_autoptr(TlLookupResult) direct = NULL;
  g_autoptr(TlLookupResult) proxied = NULL;
  g_autofree char *got = NULL;

  redirect_target = elsewhere->url;
  direct = lookup (service->url, NULL);
  proxied = lookup (SERVICE, proxy);
  got = all_requests (proxy);
  g_assert_false (tl_lookup_result_is_ok (direct));
  g_assert_false (tl_lookup_result_is_ok (proxied));
  g_assert_cmpuint (n_requests (service), ==, 1);
  g_assert_cmpuint (n_requests (elsewhere), ==, 0);
  /* the proxy got the CONNECT only, without the sign-in it did not ask for */
  g_assert_null (strstr (got, PROXY_BASIC));
  redirect_target = NULL;
}

/* ---- a batch export of lines that are not lookups --------------------------------------- */

static void
on_batch_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* Lines that hold a token but are not lookups (a zero-width space in the token, a token with
 * no customer id, a link with a broken customer id, a token cut by a tab): neither the CSV nor
 * the JSON Lines export holds the token or most of it. */
static void
test_batch_export_bad_lines (void)
{
  g_autoptr(Server) service = server_new (answer_nothing);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (service->url, USERNAME, PASSWORD, "Office", FALSE);
  g_autoptr(TlBatch) batch = tl_batch_new (client, account, 2);
  g_autoptr(GAsyncResult) res = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *jsonl = NULL;
  const char *parts[] = { "Zq8x+Secret", "Secret/Tok3n", "Zq8x+Se", "ecret/Tok3" };

  tl_batch_add_text (batch,
                     "M1 Zq8x+Secret\xe2\x80\x8b/Tok3n==\n"
                     TOKEN "\n"
                     "https://connect.maklare.vitec.net/Service/Order/Token/M%ZZ?token=" TOKEN "\n"
                     "M1 Zq8x+Secret\t/Tok3n== extra words\n"
                     "M1\x01 " TOKEN "\n");
  tl_batch_run_async (batch, NULL, on_batch_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  tl_batch_run_finish (batch, res, NULL);
  csv = tl_batch_to_csv (batch);
  jsonl = tl_batch_to_json_lines (batch);
  g_test_message ("csv: %s\njsonl: %s", csv, jsonl);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_assert_null (strstr (csv, parts[i]));
      g_assert_null (strstr (jsonl, parts[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile-proxy/service-asks-as-proxy", test_service_asks_as_proxy);
  g_test_add_func ("/hostile-proxy/echoes-sign-in/result", test_proxy_echoes_sign_in_result);
  g_test_add_func ("/hostile-proxy/echoes-sign-in/cli", test_proxy_echoes_sign_in_cli);
  g_test_add_func ("/hostile-proxy/asks-again", test_proxy_asks_again);
  g_test_add_func ("/hostile-proxy/via-token", test_via_token);
  g_test_add_func ("/hostile-proxy/token-at-cuts", test_token_at_cuts);
  g_test_add_func ("/hostile-proxy/token-at-message-cut", test_token_at_message_cut);
  g_test_add_func ("/hostile-proxy/redirects-not-followed", test_redirects_not_followed);
  g_test_add_func ("/hostile-proxy/certificate-subject", test_certificate_subject);
  g_test_add_func ("/hostile-proxy/batch-export-bad-lines", test_batch_export_bad_lines);
  return g_test_run ();
}
