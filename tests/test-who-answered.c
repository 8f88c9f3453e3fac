/* test-who-answered.c: answers that are not the service judging the request, told as such.
 *
 * A raw loopback server answers exactly the bytes a test gives it (nginx 1.22's own pages,
 * byte for byte), and, when nginx is installed, a real nginx reverse proxy stands between the
 * client and a closed port. Driven through the core and through ticket-lookup-cli; every case
 * asserts on what the user sees: the title and cause, the exit status, the JSON.
 *
 * - a gateway's page is named as the gateway's, never "the service failed" or "refused"
 * - the service's own message wins over a status that says otherwise (404 "No order was found
 *   for the token" is not "check the base URL")
 * - the account check says "accepted" only for the service's own validation answer
 * - a ticket with a key twice is a malformed answer, never a verdict
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "cli-runner.h"
#include "tl-account-check.h"
#include "tl-client.h"
#include "tl-gateway.h"
#include "tl-lookup-error.h"

#define USERNAME "partner"
#define PASSWORD "S3cret-Pw0rd"
#define TOKEN    "B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY+JLe1BEff7qWesnZvw=="

#define GATEWAY_TITLE "Something between this computer and the service stopped the request"
#define NGINX_TITLE "nginx stopped the request on its way to the service"
#define NOT_THE_SERVICE "The server answered, but not as Vitec Express Connect does: the password could not be checked."

/* nginx 1.22.1's own pages, as it sends them */
#define NGINX_413_PAGE \
  "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n" \
  "<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n" \
  "</body>\r\n</html>\r\n"
#define NGINX_502_PAGE \
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" \
  "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n" \
  "</body>\r\n</html>\r\n"
#define NGINX_400_PAGE \
  "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n" \
  "<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n" \
  "</body>\r\n</html>\r\n"

/* ---- a server that answers given bytes -------------------------------------------------- */

typedef struct
{
  GThreadedSocketService *service;
  char                   *base_url;
  char                   *reply;
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
  char buf[4096];
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
  g_output_stream_write_all (out, s->reply, strlen (s->reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static Server *
server_new (const char *reply)
{
  Server *s = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  s->reply = g_strdup (reply);
  s->service = G_THREADED_SOCKET_SERVICE (g_threaded_socket_service_new (4));
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (s->service), any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, NULL));
  g_signal_connect (s->service, "run", G_CALLBACK (on_run), s);
  s->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return s;
}

static void
server_free (Server *s)
{
  g_socket_service_stop (G_SOCKET_SERVICE (s->service));
  g_socket_listener_close (G_SOCKET_LISTENER (s->service));
  g_object_unref (s->service);
  g_free (s->reply);
  g_free (s->base_url);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

/* "HTTP/1.1 STATUS", then the headers given (each ending in \r\n), Content-Length, the body */
static char *
reply_of (const char *status_line,
          const char *headers,
          const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\n%sContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status_line, headers, strlen (body), body);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup_at (const char *base_url,
           const char *customer_id,
           const char *token)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (base_url, USERNAME, PASSWORD, NULL, FALSE);
  TlLookupResult *result = NULL;

  tl_client_set_timeout (client, 20);
  tl_client_lookup_async (client, account, customer_id, token, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* ticket-lookup-cli at @base_url with the password on standard input, then @... (NULL-ended) */
static void
run_cli (Run        *run,
         const char *base_url,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) "--base-url");
  g_ptr_array_add (args, (char *) base_url);
  g_ptr_array_add (args, (char *) "--username");
  g_ptr_array_add (args, (char *) USERNAME);
  g_ptr_array_add (args, (char *) "--password-stdin");
  va_start (ap, base_url);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli_argv (run, TL_CLI_PATH, PASSWORD "\n", NULL, (const char * const *) args->pdata);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack ? haystack : "(null)");
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, haystack);
}

/* ---- gateways --------------------------------------------------------------------------- */

/* What the user sees for a gateway's page: the core's title and cause, the CLI's lines. */
static void
assert_gateway_seen (const char *base_url,
                     const char *customer_id,
                     const char *cause)
{
  g_autoptr(TlLookupResult) result = lookup_at (base_url, customer_id, TOKEN);
  const GError *error = tl_lookup_result_get_error (result);
  g_autofree char *text = tl_lookup_result_format_error (result);
  g_autofree char *first_lines = g_strdup_printf ("error: " GATEWAY_TITLE "\n%s\n", cause);
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };

  g_autofree char *title = tl_lookup_result_dup_title (result);

  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_GATEWAY);
  g_assert_cmpstr (error->message, ==, cause);
  /* the heading names the gateway, the report starts with it */
  g_assert_cmpstr (title, ==, NGINX_TITLE);
  g_assert_true (g_str_has_prefix (text, NGINX_TITLE "\n"));
  g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, 7);
  assert_lacks (text, "The service refused the request");
  assert_lacks (text, "The service failed");

  run_cli (&run, base_url, customer_id, TOKEN, NULL);
  g_assert_cmpint (run.status, ==, 7);
  g_assert_cmpstr (run.out, ==, "");
  if (!g_str_has_prefix (run.err, first_lines))
    g_error ("the CLI's first lines are not\n%s\nbut\n%s", first_lines, run.err);
  assert_lacks (run.err, "The service refused the request");
  assert_lacks (run.err, "The service failed");

  run_cli (&json, base_url, "--json", customer_id, TOKEN, NULL);
  g_assert_cmpint (json.status, ==, 7);
  assert_contains (json.out, "\"code\":\"gateway\"");
  assert_contains (json.out, cause);
}

static void
test_nginx_pages (void)
{
  g_autofree char *r413 = reply_of ("413 Request Entity Too Large",
                                    "Server: nginx/1.22.1\r\nDate: Thu, 03 Dec 2026 13:02:47 GMT\r\n"
                                    "Content-Type: text/html\r\n", NGINX_413_PAGE);
  g_autofree char *r502 = reply_of ("502 Bad Gateway",
                                    "Server: nginx/1.22.1\r\nDate: Thu, 03 Dec 2026 13:02:47 GMT\r\n"
                                    "Content-Type: text/html\r\n", NGINX_502_PAGE);
  g_autoptr(Server) s413 = server_new (r413);
  g_autoptr(Server) s502 = server_new (r502);

  assert_gateway_seen (s413->base_url, "M1",
                       "nginx answered 413 Request Entity Too Large, not Vitec Express Connect.");
  assert_gateway_seen (s502->base_url, "M1",
                       "nginx answered 502 Bad Gateway, not Vitec Express Connect.");
}

/* The service's own JSON answers keep their meaning behind nginx, which puts its name in the
 * Server header of everything it passes on. */
static void
test_service_behind_nginx (void)
{
  g_autofree char *r502 = reply_of ("502 Bad Gateway",
                                    "Server: nginx/1.22.1\r\nContent-Type: application/json; charset=utf-8\r\n",
                                    "{\"Message\":\"An error has occurred.\"}");
  g_autofree char *r400 = reply_of ("400 Bad Request",
                                    "Server: nginx/1.22.1\r\nContent-Type: application/json; charset=utf-8\r\n",
                                    "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"token.Data\":[\"The token is not valid.\"]}}");
  g_autoptr(Server) s502 = server_new (r502);
  g_autoptr(Server) s400 = server_new (r400);
  g_autoptr(TlLookupResult) failed = lookup_at (s502->base_url, "M1", TOKEN);
  g_autoptr(TlLookupResult) rejected = lookup_at (s400->base_url, "M1", TOKEN);

  g_assert_error (tl_lookup_result_get_error (failed), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_SERVER_ERROR);
  g_assert_error (tl_lookup_result_get_error (rejected), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_BAD_REQUEST);
}

/* A 404 whose body is the service's message about the token: the token was judged. */
static void
test_service_message_over_status (void)
{
  g_autofree char *reply = reply_of ("404 Not Found", "Content-Type: application/json; charset=utf-8\r\n",
                                     "{\"Message\":\"No order was found for the token.\"}");
  g_autofree char *plain = reply_of ("404 Not Found", "Content-Type: text/plain\r\n", "Not Found");
  g_autoptr(Server) s = server_new (reply);
  g_autoptr(Server) p = server_new (plain);
  g_autoptr(TlLookupResult) result = lookup_at (s->base_url, "M1", TOKEN);
  g_autoptr(TlLookupResult) unknown = lookup_at (p->base_url, "M1", TOKEN);
  g_autofree char *text = tl_lookup_result_format_error (result);
  g_auto(Run) run = { 0 };

  g_assert_error (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_BAD_REQUEST);
  g_assert_true (g_str_has_prefix (text, "The service rejected the token\nThe service answered 404 Not Found.\n"
                                         "  No order was found for the token.\n"));
  assert_lacks (text, "Check the base URL");
  g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, 5);

  run_cli (&run, s->base_url, "M1", TOKEN, NULL);
  g_assert_cmpint (run.status, ==, 5);
  g_assert_true (g_str_has_prefix (run.err, "error: The service rejected the token\n"));
  assert_contains (run.err, "No order was found for the token.");
  assert_lacks (run.err, "Not found");
  assert_lacks (run.err, "Check the base URL");

  /* a bare 404 is still an address not known there */
  g_assert_error (tl_lookup_result_get_error (unknown), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NOT_FOUND);
}

typedef struct
{
  guint       status;
  const char *headers;     /* "Name: value" lines, \n-separated, or NULL */
  const char *body;
  const char *name;        /* the gateway named, or NULL for the service's answer */
} IdentifyCase;

static const IdentifyCase identify_cases[] = {
  { 413, "Server: nginx/1.22.1\nContent-Type: text/html", NGINX_413_PAGE, "nginx" },
  { 502, "Server: nginx\nContent-Type: text/html", NGINX_502_PAGE, "nginx" },
  { 400, "Server: nginx/1.22.1\nContent-Type: text/html", NGINX_400_PAGE, "nginx" },
  { 504, "Content-Type: text/html", "<html><body><h1>504 Gateway Time-out</h1><hr><center>nginx</center></body></html>", "nginx" },
  { 502, "Server: Apache/2.4.57 (Debian)\nContent-Type: text/html; charset=iso-8859-1",
    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head><title>502 Proxy Error</title></head>"
    "<body><h1>Proxy Error</h1><hr><address>Apache/2.4.57 (Debian) Server at connect.example Port 443</address></body></html>",
    "Apache" },
  { 502, "Server: Microsoft-IIS/10.0\nX-Powered-By: ARR/3.0\nContent-Type: text/html",
    "<html><body><h1>502 - Web server received an invalid response while acting as a gateway or proxy server.</h1></body></html>",
    "IIS Application Request Routing" },
  { 503, "Server: squid/5.7\nX-Squid-Error: ERR_CONNECT_FAIL 111\nContent-Type: text/html", "<html><body>The requested URL could not be retrieved</body></html>", "squid" },
  { 503, "Content-Type: text/html", "<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>", NULL },
  { 503, "Server: HAProxy\nContent-Type: text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>", "HAProxy" },
  { 522, "Server: cloudflare\nCF-RAY: 7d1c-ARN\nContent-Type: text/html", "<html><title>Connection timed out | cloudflare</title></html>", "Cloudflare" },
  { 403, "Server: cloudflare\nContent-Type: text/html", "<html><body>Attention Required! | Cloudflare</body></html>", "Cloudflare" },
  { 503, "Via: 1.1 varnish (Varnish/7.1)\nX-Varnish: 32770\nContent-Type: text/html", "<html><body>Backend fetch failed. Guru Meditation: XID: 32770. Varnish cache server</body></html>", "Varnish" },
  { 504, "Server: AkamaiGHost\nContent-Type: text/html", "<HTML><BODY>An error occurred while processing your request.<p>Reference&#32;&#35;97&#46;1</BODY></HTML>", "Akamai" },
  { 502, "Via: 1.1 cache.corp.example\nContent-Type: text/html", "<html><body>Bad Gateway</body></html>", "The proxy “cache.corp.example”" },
  /* the service's own: JSON, or IIS / Kestrel, or a status only the service gives */
  { 502, "Server: nginx\nContent-Type: application/json", "{\"Message\":\"An error has occurred.\"}", NULL },
  { 500, "Server: Microsoft-IIS/10.0\nContent-Type: text/html", "<html><body>Server Error in '/' Application.</body></html>", NULL },
  { 503, "Server: Kestrel\nContent-Type: text/plain", "Service Unavailable", NULL },
  { 401, "Server: nginx\nContent-Type: text/html", "<html><center>nginx</center></html>", NULL },
  { 404, "Server: nginx\nContent-Type: text/html", "<html><center>nginx</center></html>", NULL },
  { 400, "Server: nginx\nContent-Type: application/problem+json", "{\"title\":\"nginx\"}", NULL },
};

static void
test_identify (gconstpointer data)
{
  const IdentifyCase *c = data;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_auto(GStrv) lines = g_strsplit (c->headers ? c->headers : "", "\n", -1);
  g_autofree char *name = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *key = NULL;

      if (colon == NULL)
        continue;
      key = g_strndup (lines[i], colon - lines[i]);
      soup_message_headers_append (headers, key, colon + 2);
    }
  name = tl_gateway_identify (c->status, headers, c->body, strlen (c->body));
  g_assert_cmpstr (name, ==, c->name);
}

/* ---- a real nginx in front of a closed port --------------------------------------------- */

static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
port_answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

/* nginx dies with this test, even when an assertion aborts it before the teardown */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

typedef struct
{
  char        *dir;
  GSubprocess *nginx;
  char        *base_url;
} Nginx;

static void
nginx_setup (Nginx         *n,
             gconstpointer  data)
{
  g_autofree char *program = g_find_program_in_path ("nginx");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = NULL;
  guint port, closed;

  if (program == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup ("/usr/sbin/nginx");
  if (program == NULL)
    return;

  n->dir = g_dir_make_tmp ("tl-nginx-XXXXXX", &error);
  g_assert_no_error (error);
  port = unused_port ();
  closed = unused_port ();
  /* one process in the foreground, everything it writes in its own folder */
  conf = g_strdup_printf ("daemon off;\nmaster_process off;\npid %1$s/nginx.pid;\nerror_log stderr crit;\n"
                          "events { worker_connections 64; }\n"
                          "http {\n  access_log off;\n"
                          "  client_body_temp_path %1$s/body;\n  proxy_temp_path %1$s/proxy;\n"
                          "  fastcgi_temp_path %1$s/fastcgi;\n  uwsgi_temp_path %1$s/uwsgi;\n"
                          "  scgi_temp_path %1$s/scgi;\n"
                          "  server {\n    listen 127.0.0.1:%2$u;\n"
                          "    location /Service/Order/Token/M413 { client_max_body_size 1; proxy_pass http://127.0.0.1:%3$u; }\n"
                          "    location / { proxy_pass http://127.0.0.1:%3$u; }\n  }\n}\n",
                          n->dir, port, closed);
  conf_path = g_build_filename (n->dir, "nginx.conf", NULL);
  g_assert_true (g_file_set_contents (conf_path, conf, -1, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  n->nginx = g_subprocess_launcher_spawn (launcher, &error, program, "-p", n->dir, "-c", conf_path,
                                          "-e", "stderr", NULL);
  g_assert_no_error (error);
  n->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  for (guint i = 0; i < 200 && !port_answers (port); i++)
    g_usleep (50 * 1000);
  g_assert_true (port_answers (port));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
nginx_teardown (Nginx         *n,
                gconstpointer  data)
{
  if (n->nginx != NULL)
    {
      g_subprocess_force_exit (n->nginx);
      g_subprocess_wait (n->nginx, NULL, NULL);
      g_clear_object (&n->nginx);
    }
  if (n->dir != NULL)
    remove_tree (n->dir);
  g_free (n->dir);
  g_free (n->base_url);
}

static void
test_real_nginx (Nginx         *n,
                 gconstpointer  data)
{
  if (n->nginx == NULL)
    {
      g_test_skip ("nginx is not installed (build-aux/install-deps installs nginx-light)");
      return;
    }
  /* its own 413 for a body over client_max_body_size, its own 502 for the closed port */
  assert_gateway_seen (n->base_url, "M413", "nginx answered 413 Request Entity Too Large, not Vitec Express Connect.");
  assert_gateway_seen (n->base_url, "M1", "nginx answered 502 Bad Gateway, not Vitec Express Connect.");
}

/* ---- the account check ------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *status_line;
  const char *headers;
  const char *body;
  const char *customer;     /* --customer, or NULL */
  const char *shown;        /* what the message quotes of the answer */
} CheckCase;

static const CheckCase not_the_service[] = {
  { "html-400", "400 Bad Request", "Server: nginx/1.22.1\r\nContent-Type: text/html\r\n", NGINX_400_PAGE, NULL,
    "It answered 400 Bad Request, Server: nginx/1.22.1." },
  { "text-400", "400 Bad Request", "Server: Kestrel\r\nContent-Type: text/plain\r\n", "Bad Request", NULL,
    "It answered 400 Bad Request, Server: Kestrel." },
  { "json-400-without-validation", "400 Bad Request", "Content-Type: application/json\r\n",
    "{\"Message\":\"The request is invalid.\"}", NULL, "It answered 400 Bad Request, Server: not named." },
  { "modelstate-as-text", "400 Bad Request", "Content-Type: text/plain\r\n",
    "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"token.Data\":[\"The token is not valid.\"]}}", NULL,
    "It answered 400 Bad Request" },
  { "200", "200 OK", "Server: Apache\r\nContent-Type: application/json\r\n",
    "{\"orderId\":\"1\",\"hasExpired\":false}", NULL, "It answered 200 OK, Server: Apache." },
  { "403-placeholder", "403 Forbidden", "Content-Type: application/json\r\n",
    "{\"Message\":\"Access to customer data is denied.\"}", NULL, "It answered 403 Forbidden" },
  { "redirect", "302 Found", "Location: https://login.example/\r\nContent-Type: text/html\r\n",
    "<html>moved</html>", NULL, "It answered 302 Found" },
  { "gateway-502", "502 Bad Gateway", "Server: nginx/1.22.1\r\nContent-Type: text/html\r\n", NGINX_502_PAGE, NULL,
    "It answered 502 Bad Gateway, Server: nginx/1.22.1." },
};

static void
test_check_not_the_service (gconstpointer data)
{
  const CheckCase *c = data;
  g_autofree char *reply = reply_of (c->status_line, c->headers, c->body);
  g_autoptr(Server) s = server_new (reply);
  g_autoptr(TlLookupResult) result = lookup_at (s->base_url, TL_ACCOUNT_CHECK_CUSTOMER_ID, TL_ACCOUNT_CHECK_TOKEN);
  TlAccountCheck check = tl_account_check_from_result (result, c->customer != NULL);
  g_autofree char *said = tl_account_check_describe (check, result);
  g_autofree char *both = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };

  g_assert_cmpint (check, ==, TL_ACCOUNT_CHECK_NOT_THE_SERVICE);
  g_assert_cmpint (tl_account_check_exit_status (check, result), ==, 11);
  g_assert_true (g_str_has_prefix (said, NOT_THE_SERVICE));
  assert_contains (said, c->shown);

  run_cli (&run, s->base_url, "--check-account", NULL);
  both = g_strconcat (run.out, run.err, NULL);
  g_assert_cmpint (run.status, ==, 11);
  assert_contains (both, NOT_THE_SERVICE);
  assert_contains (both, c->shown);
  assert_lacks (both, "ACCEPTED");
  assert_lacks (both, "accepted by");
  /* labelled as what it is: not checked, never "no access" (which would blame the account) */
  g_assert_true (g_str_has_prefix (run.out, "NOT CHECKED: "));

  run_cli (&json, s->base_url, "--check-account", "--json", NULL);
  g_assert_cmpint (json.status, ==, 11);
  assert_contains (json.out, "\"check\":\"not-the-service\"");
}

/* The service's own answers to the probe, in both shapes: still accepted. */
static void
test_check_service_accepts (void)
{
  const char *bodies[][2] = {
    { "application/json; charset=utf-8",
      "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"token.Data\":[\"The token is not valid.\"]}}" },
    { "application/json; charset=utf-8",
      "{\"message\":\"The request is invalid.\",\"modelState\":{\"token\":[\"Invalid token.\"]}}" },
    { "application/problem+json; charset=utf-8",
      "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\",\"title\":\"One or more validation errors occurred.\","
      "\"status\":400,\"traceId\":\"00-1-2-00\",\"errors\":{\"Data\":[\"The token could not be decrypted.\"]}}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *headers = g_strdup_printf ("Server: nginx/1.22.1\r\nContent-Type: %s\r\n", bodies[i][0]);
      g_autofree char *reply = reply_of ("400 Bad Request", headers, bodies[i][1]);
      g_autoptr(Server) s = server_new (reply);
      g_auto(Run) run = { 0 };
      g_auto(Run) json = { 0 };

      run_cli (&run, s->base_url, "--check-account", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, "ACCEPTED: Username and password accepted by 127.0.0.1\n");

      run_cli (&json, s->base_url, "--check-account", "--json", NULL);
      g_assert_cmpint (json.status, ==, 0);
      assert_contains (json.out, "\"check\":\"accepted\"");
    }
}

/* ---- a key twice ------------------------------------------------------------------------ */

static void
test_duplicate_key (void)
{
  g_autofree char *reply = reply_of ("200 OK", "Content-Type: application/json; charset=utf-8\r\n",
                                     "{\"orderId\":\"a\",\"hasExpired\":true,\"hasExpired\":false}");
  g_autoptr(Server) s = server_new (reply);
  g_autoptr(TlLookupResult) result = lookup_at (s->base_url, "M1", TOKEN);
  g_auto(Run) run = { 0 };
  g_auto(Run) json = { 0 };

  g_assert_error (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED);
  g_assert_null (tl_lookup_result_get_ticket (result));

  run_cli (&run, s->base_url, "M1", TOKEN, NULL);
  g_assert_cmpint (run.status, ==, 8);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "error: The answer could not be read\n"));
  assert_contains (run.err, "The field “hasExpired” appears twice in the answer.");
  assert_lacks (run.err, "VALID");
  assert_lacks (run.err, "EXPIRED");

  run_cli (&json, s->base_url, "--json", "M1", TOKEN, NULL);
  g_assert_cmpint (json.status, ==, 8);
  assert_contains (json.out, "\"code\":\"malformed\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/who-answered/nginx-pages", test_nginx_pages);
  g_test_add_func ("/who-answered/service-behind-nginx", test_service_behind_nginx);
  g_test_add_func ("/who-answered/service-message-over-status", test_service_message_over_status);
  for (guint i = 0; i < G_N_ELEMENTS (identify_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/who-answered/identify/%u-%u", i, identify_cases[i].status);
      g_test_add_data_func (path, &identify_cases[i], test_identify);
    }
  g_test_add ("/who-answered/real-nginx", Nginx, NULL, nginx_setup, test_real_nginx, nginx_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (not_the_service); i++)
    {
      g_autofree char *path = g_strdup_printf ("/who-answered/check-account/%s", not_the_service[i].name);
      g_test_add_data_func (path, &not_the_service[i], test_check_not_the_service);
    }
  g_test_add_func ("/who-answered/check-account/service-accepts", test_check_service_accepts);
  g_test_add_func ("/who-answered/duplicate-key", test_duplicate_key);

  return g_test_run ();
}
