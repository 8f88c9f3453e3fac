/* test-client.c: tl-client against real HTTP on loopback (SoupServer and raw sockets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/socket.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "tl-client.h"
#include "tl-proxy.h"
#include "tl-demo-server.h"
#include "tl-lookup-error.h"

#define TOKEN "B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY+JLe1BEff7qWesnZvw=="
#define TICKET_JSON \
  "{\"orderId\":\"O1\",\"userId\":\"U1\",\"orderUserId\":\"OU1\",\"targetId\":\"OBJ1\"," \
  "\"targetType\":\"House\",\"tenantId\":\"T1\",\"chainId\":\"G1\",\"customerId\":\"M1\"," \
  "\"hasExpired\":false}"

typedef struct
{
  SoupServer *server;
  char       *base_url;
  GPtrArray  *paused;        /* messages held forever */
  /* the last request, as the server saw it */
  char       *method;
  char       *path;
  char       *raw_path;
  SoupMessageHeaders *headers;
  char       *body;
  guint       hits;
  guint       elsewhere_hits;
} Fixture;

static void
set_body (SoupServerMessage *msg,
          guint              status,
          const char        *type,
          const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
on_finished_chunked (SoupServerMessage *msg,
                     gpointer           user_data)
{
}

static void
write_more_chunks (SoupServerMessage *msg,
                   gpointer           user_data)
{
  guint *left = g_object_get_data (G_OBJECT (msg), "left");
  static char chunk[65536];

  if (*left == 0)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }
  memset (chunk, 'x', sizeof chunk);
  (*left)--;
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            chunk, sizeof chunk);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *segment;

  if (g_str_has_prefix (path, "/elsewhere"))
    {
      f->elsewhere_hits++;
      set_body (msg, 200, "application/json", TICKET_JSON);
      return;
    }

  f->hits++;
  g_free (f->method);
  g_free (f->path);
  g_free (f->raw_path);
  g_free (f->body);
  g_clear_pointer (&f->headers, soup_message_headers_unref);
  f->method = g_strdup (soup_server_message_get_method (msg));
  f->path = g_strdup (path);
  f->raw_path = g_strdup (g_uri_get_path (uri));
  f->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  f->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  segment = strrchr (path, '/') + 1;

  if (strcmp (segment, "ok") == 0 || strcmp (segment, "M1") == 0)
    set_body (msg, 200, "application/json; charset=utf-8", TICKET_JSON);
  else if (strcmp (segment, "expired") == 0)
    set_body (msg, 200, "application/json", "{\"HasExpired\":true,\"OrderId\":\"O2\"}");
  else if (strcmp (segment, "xml") == 0)
    set_body (msg, 200, "application/xml",
              "<OrderTicket xmlns=\"" TL_TICKET_XML_NAMESPACE "\"><HasExpired>false</HasExpired>"
              "<OrderId>X1</OrderId></OrderTicket>");
  else if (strcmp (segment, "modelstate") == 0)
    set_body (msg, 400, "application/json",
              "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"token.Data\":[\"Token is not valid.\"]}}");
  else if (strcmp (segment, "modelstate-camel") == 0)
    set_body (msg, 400, "application/json",
              "{\"message\":\"The request is invalid.\",\"modelState\":{\"token.Data\":[\"Token is not valid.\"]}}");
  else if (strcmp (segment, "problem") == 0)
    set_body (msg, 400, "application/problem+json",
              "{\"title\":\"One or more validation errors occurred.\",\"status\":400,\"traceId\":\"00-trace-01\","
              "\"errors\":{\"Data\":[\"Token is not valid.\"]}}");
  else if (strcmp (segment, "plain400") == 0)
    set_body (msg, 400, "text/plain", "Token is not valid.");
  else if (strcmp (segment, "html400") == 0)
    set_body (msg, 400, "text/html", "<html><body><h1>Bad Request</h1><p>Token is not valid.</p></body></html>");
  else if (strcmp (segment, "echo400") == 0)
    {
      g_autofree char *echo = g_strdup_printf ("{\"Message\":\"bad token %s\"}", TOKEN);
      set_body (msg, 400, "application/json", echo);
    }
  else if (g_ascii_isdigit (segment[0]) && strlen (segment) == 3)
    {
      guint status = atoi (segment);

      if (status == 503)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "120");
      if (status == 500)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id", "req-42");
      if (status >= 300 && status < 400)
        {
          g_autofree char *location = g_strdup_printf ("%s/elsewhere", f->base_url);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
        }
      set_body (msg, status, "application/json", "{\"Message\":\"status test\"}");
    }
  else if (strcmp (segment, "notjson") == 0)
    set_body (msg, 200, "text/html", "<html><body>Please log in</body></html>");
  else if (strcmp (segment, "gzip") == 0)
    {
      /* a ticket compressed though nobody asked for it: never inflated, so never a ticket */
      g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
      g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data (TICKET_JSON, -1, NULL);
      g_autoptr(GInputStream) packed = g_converter_input_stream_new (plain, G_CONVERTER (gzip));
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      guint8 buffer[4096];
      gssize n;

      while ((n = g_input_stream_read (packed, buffer, sizeof buffer, NULL, NULL)) > 0)
        g_byte_array_append (bytes, buffer, n);
      g_assert_cmpuint (bytes->len, >, 20);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        (const char *) bytes->data, bytes->len);
    }
  else if (strcmp (segment, "empty200") == 0)
    set_body (msg, 200, "application/json", "");
  else if (strcmp (segment, "array") == 0)
    set_body (msg, 200, "application/json", "[" TICKET_JSON "]");
  else if (strcmp (segment, "wrongtype") == 0)
    set_body (msg, 200, "application/json", "{\"orderId\":\"1\",\"hasExpired\":\"no\"}");
  else if (strcmp (segment, "huge") == 0)
    {
      gsize size = 2 * 1024 * 1024;
      char *data = g_malloc (size);

      memset (data, ' ', size);
      data[0] = '{';
      data[size - 1] = '}';
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, size);
    }
  else if (strcmp (segment, "hugechunked") == 0)
    {
      guint *left = g_new (guint, 1);

      *left = 64;   /* 4 MiB in 64 KiB chunks, streamed */
      g_object_set_data_full (G_OBJECT (msg), "left", left, g_free);
      soup_server_message_set_status (msg, 200, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
      g_signal_connect (msg, "wrote-headers", G_CALLBACK (write_more_chunks), NULL);
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_more_chunks), NULL);
      g_signal_connect (msg, "finished", G_CALLBACK (on_finished_chunked), NULL);
    }
  else if (strcmp (segment, "hang") == 0)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else
    set_body (msg, 404, "text/plain", "unknown test case");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);

  f->server = soup_server_new (NULL, NULL);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (f->server, NULL, handler, f, NULL);
  /* A backlog for the concurrent test's burst of connections (GSocket's default is 10). */
  g_socket_set_listen_backlog (socket, 256);
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  g_assert_true (g_socket_listen (socket, NULL));
  soup_server_listen_socket (f->server, socket, 0, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_ptr_array_unref (f->paused);
  g_free (f->base_url);
  g_free (f->method);
  g_free (f->path);
  g_free (f->raw_path);
  g_free (f->body);
  g_clear_pointer (&f->headers, soup_message_headers_unref);
}

static void
on_lookup_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  TlLookupResult **out = user_data;

  *out = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup_with (TlClient     *client,
             TlAccount    *account,
             const char   *customer_id,
             const char   *token,
             GCancellable *cancellable)
{
  TlLookupResult *result = NULL;

  tl_client_lookup_async (client, account, customer_id, token, cancellable, on_lookup_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static TlAccount *
make_account (const char *base_url)
{
  return tl_account_new (base_url, "partner", "s3cret-pässword", NULL, FALSE);
}

static TlLookupResult *
lookup (Fixture    *f,
        const char *customer_id)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (f->base_url);

  return lookup_with (client, account, customer_id, TOKEN, NULL);
}

static void
assert_error (TlLookupResult *result,
              TlLookupError   code)
{
  const GError *error = tl_lookup_result_get_error (result);

  g_assert_false (tl_lookup_result_is_ok (result));
  g_assert_nonnull (error);
  if (!g_error_matches (error, TL_LOOKUP_ERROR, code))
    g_error ("expected %s, got %s: %s", tl_lookup_error_code_to_string (code),
             error->domain == TL_LOOKUP_ERROR ? tl_lookup_error_code_to_string (error->code) : "?",
             error->message);
  g_assert_cmpuint (strlen (error->message), >, 5);
}

static gboolean
details_contain (TlLookupResult *result,
                 const char     *needle)
{
  const TlErrorBody *body = tl_lookup_result_get_error_body (result);

  if (body == NULL)
    return FALSE;
  if (body->message && strstr (body->message, needle))
    return TRUE;
  for (guint i = 0; i < body->details->len; i++)
    if (strstr (g_ptr_array_index (body->details, i), needle))
      return TRUE;
  return FALSE;
}

/* The request on the wire is exactly the documented one. */
static void
test_wire_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TlLookupResult) result = lookup (f, "M1");
  g_autofree char *expected_auth = NULL;
  g_autofree char *pair = g_strdup ("partner:s3cret-pässword");
  g_autofree char *b64 = g_base64_encode ((guchar *) pair, strlen (pair));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (tl_lookup_result_is_ok (result));
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_cmpstr (f->method, ==, "POST");
  g_assert_cmpstr (f->raw_path, ==, "/Service/Order/Token/M1");
  g_assert_cmpstr (soup_message_headers_get_content_type (f->headers, NULL), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (f->headers, "Accept"), ==, "application/json");
  expected_auth = g_strconcat ("Basic ", b64, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (f->headers, "Authorization"), ==, expected_auth);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (f->headers, "User-Agent"), "ticket-lookup/"));
  /* answers are small: nothing compressed is asked for (or inflated, see the "gzip" case) */
  g_assert_null (soup_message_headers_get_one (f->headers, "Accept-Encoding"));

  g_assert_true (json_parser_load_from_data (parser, f->body, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "data"), ==, TOKEN);

  /* The diagnostics never hold the password. */
  g_assert_cmpstr (soup_message_headers_get_one (tl_lookup_result_get_request_headers (result),
                                                 "Authorization"), ==, "Basic ••••");
  g_assert_cmpuint (tl_lookup_result_get_status (result), ==, 200);
  g_assert_cmpint (tl_lookup_result_get_elapsed_us (result), >, 0);
  g_assert_nonnull (tl_lookup_result_get_metrics (result));
  g_assert_nonnull (tl_lookup_result_get_response_headers (result));
  g_assert_nonnull (strstr (tl_lookup_result_get_body_excerpt (result), "\"orderId\""));
}

static void
test_base_path_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *base = g_strconcat (f->base_url, "/api/v1/", NULL);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (base);
  g_autoptr(TlLookupResult) result = lookup_with (client, account, "M1", TOKEN, NULL);

  g_assert_true (tl_lookup_result_is_ok (result));
  g_assert_cmpstr (f->raw_path, ==, "/api/v1/Service/Order/Token/M1");
}

static void
test_build_url_escapes (void)
{
  const char *ids[] = { "a/b", "..", ".", "%2F", "a?b", "a#b", "å" };
  const char *expected[] = { "a%2Fb", "%2E%2E", "%2E", "%252F", "a%3Fb", "a%23b", "%C3%A5" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *url = tl_client_build_url ("https://h.example/base/", ids[i], NULL);
      g_autofree char *want = g_strconcat ("https://h.example/base/Service/Order/Token/", expected[i], NULL);

      g_assert_cmpstr (url, ==, want);
      /* One segment: nothing after "/Token/" can split or climb the path. */
      g_assert_null (strchr (strstr (url, "/Token/") + 7, '/'));
      g_assert_null (strstr (url, "/.."));
    }
}

static void
test_hostile_customer_id_never_sent (Fixture       *f,
                                     gconstpointer  data)
{
  const char *ids[] = { "../M1", "M1/..", "M1?x=1", "M1#x", "%2F", "", "M 1" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(TlLookupResult) result = lookup (f, ids[i]);
      assert_error (result, TL_LOOKUP_ERROR_INVALID_INPUT);
    }
  g_assert_cmpuint (f->hits, ==, 0);
}

static void
test_valid_and_expired (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TlLookupResult) ok = lookup (f, "ok");
  g_autoptr(TlLookupResult) expired = lookup (f, "expired");
  g_autoptr(TlLookupResult) xml = lookup (f, "xml");

  g_assert_true (tl_lookup_result_is_ok (ok));
  g_assert_cmpint (tl_ticket_get_state (tl_lookup_result_get_ticket (ok)), ==, TL_TICKET_STATE_VALID);
  g_assert_cmpstr (tl_ticket_get_string (tl_lookup_result_get_ticket (ok), TL_TICKET_FIELD_TARGET_ID), ==, "OBJ1");
  g_assert_cmpint (tl_lookup_result_get_exit_status (ok), ==, 0);

  g_assert_true (tl_lookup_result_is_ok (expired));
  g_assert_cmpint (tl_ticket_get_state (tl_lookup_result_get_ticket (expired)), ==, TL_TICKET_STATE_EXPIRED);
  g_assert_cmpint (tl_lookup_result_get_exit_status (expired), ==, 1);

  g_assert_true (tl_lookup_result_is_ok (xml));
  g_assert_cmpstr (tl_ticket_get_string (tl_lookup_result_get_ticket (xml), TL_TICKET_FIELD_ORDER_ID), ==, "X1");
}

typedef struct
{
  const char    *segment;
  TlLookupError  code;
  const char    *detail;    /* text the user must see, or NULL */
  int            exit_status;
} StatusCase;

static const StatusCase status_cases[] = {
  { "modelstate", TL_LOOKUP_ERROR_BAD_REQUEST, "token.Data: Token is not valid.", 5 },
  { "modelstate-camel", TL_LOOKUP_ERROR_BAD_REQUEST, "token.Data: Token is not valid.", 5 },
  { "problem", TL_LOOKUP_ERROR_BAD_REQUEST, "Data: Token is not valid.", 5 },
  { "plain400", TL_LOOKUP_ERROR_BAD_REQUEST, "Token is not valid.", 5 },
  { "html400", TL_LOOKUP_ERROR_BAD_REQUEST, "Bad Request Token is not valid.", 5 },
  { "401", TL_LOOKUP_ERROR_UNAUTHORIZED, "status test", 3 },
  { "403", TL_LOOKUP_ERROR_FORBIDDEN, NULL, 4 },
  { "404", TL_LOOKUP_ERROR_NOT_FOUND, NULL, 5 },
  { "405", TL_LOOKUP_ERROR_CLIENT_ERROR, NULL, 5 },
  { "408", TL_LOOKUP_ERROR_CLIENT_ERROR, NULL, 5 },
  { "409", TL_LOOKUP_ERROR_CLIENT_ERROR, NULL, 5 },
  { "429", TL_LOOKUP_ERROR_CLIENT_ERROR, NULL, 5 },
  { "500", TL_LOOKUP_ERROR_SERVER_ERROR, NULL, 6 },
  { "502", TL_LOOKUP_ERROR_SERVER_ERROR, NULL, 6 },
  { "503", TL_LOOKUP_ERROR_SERVER_ERROR, NULL, 6 },
  { "504", TL_LOOKUP_ERROR_SERVER_ERROR, NULL, 6 },
  { "notjson", TL_LOOKUP_ERROR_MALFORMED, NULL, 8 },
  { "gzip", TL_LOOKUP_ERROR_MALFORMED, NULL, 8 },
  { "empty200", TL_LOOKUP_ERROR_MALFORMED, NULL, 8 },
  { "array", TL_LOOKUP_ERROR_MALFORMED, NULL, 8 },
  { "wrongtype", TL_LOOKUP_ERROR_MALFORMED, NULL, 8 },
  { "huge", TL_LOOKUP_ERROR_TOO_LARGE, NULL, 8 },
  { "hugechunked", TL_LOOKUP_ERROR_TOO_LARGE, NULL, 8 },
};

static void
test_status_case (Fixture       *f,
                  gconstpointer  data)
{
  const StatusCase *c = data;
  g_autoptr(TlLookupResult) result = lookup (f, c->segment);

  assert_error (result, c->code);
  g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, c->exit_status);
  if (c->detail != NULL && !details_contain (result, c->detail))
    g_error ("the answer's message “%s” is not shown", c->detail);
}

static void
test_wrongtype_names_field (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TlLookupResult) result = lookup (f, "wrongtype");

  assert_error (result, TL_LOOKUP_ERROR_MALFORMED);
  g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "hasExpired"));
}

static void
test_request_id_and_retry_after (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(TlLookupResult) r500 = lookup (f, "500");
  g_autoptr(TlLookupResult) r503 = lookup (f, "503");
  g_autoptr(TlLookupResult) problem = lookup (f, "problem");
  g_autofree char *text = tl_lookup_result_format_error (r500);

  g_assert_cmpstr (tl_lookup_result_get_request_id (r500), ==, "req-42");
  g_assert_nonnull (strstr (text, "req-42"));
  g_assert_cmpstr (tl_lookup_result_get_retry_after (r503), ==, "120");
  g_assert_cmpstr (tl_lookup_result_get_request_id (problem), ==, "00-trace-01");
}

static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  const char *codes[] = { "301", "302", "307", "308" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(TlLookupResult) result = lookup (f, codes[i]);

      assert_error (result, TL_LOOKUP_ERROR_REDIRECT);
      g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "/elsewhere"));
    }
  g_assert_cmpuint (f->elsewhere_hits, ==, 0);
}

static void
test_body_excerpt_redacted (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TlLookupResult) result = lookup (f, "echo400");
  const char *excerpt = tl_lookup_result_get_body_excerpt (result);

  assert_error (result, TL_LOOKUP_ERROR_BAD_REQUEST);
  g_assert_null (strstr (excerpt, TOKEN));
  g_assert_nonnull (strstr (excerpt, "[token removed]"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (f->base_url);
  g_autoptr(TlLookupResult) result = NULL;

  tl_client_set_timeout_ms (client, 300);
  result = lookup_with (client, account, "hang", TOKEN, NULL);
  assert_error (result, TL_LOOKUP_ERROR_TIMEOUT);
  g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, 7);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (f->base_url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TlLookupResult) result = NULL;
  g_autoptr(GCancellable) pre = g_cancellable_new ();
  g_autoptr(TlLookupResult) result2 = NULL;

  /* cancelled once the request has reached the server, which never answers it */
  tl_client_lookup_async (client, account, "hang", TOKEN, cancellable, on_lookup_done, &result);
  while (f->paused->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_error (result, TL_LOOKUP_ERROR_CANCELLED);

  g_cancellable_cancel (pre);
  result2 = lookup_with (client, account, "ok", TOKEN, pre);
  assert_error (result2, TL_LOOKUP_ERROR_CANCELLED);
}

static void
test_no_password (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (f->base_url, "partner", NULL, NULL, FALSE);
  g_autoptr(TlLookupResult) result = NULL;

  result = lookup_with (client, account, "ok", TOKEN, NULL);
  assert_error (result, TL_LOOKUP_ERROR_NO_PASSWORD);
  g_assert_cmpuint (f->hits, ==, 0);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (f->base_url);
  TlLookupResult *results[24] = { NULL };
  guint done = 0;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    tl_client_lookup_async (client, account, "ok", TOKEN, NULL, on_lookup_done, &results[i]);
  while (done < G_N_ELEMENTS (results))
    {
      g_main_context_iteration (NULL, TRUE);
      done = 0;
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        done += results[i] != NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      if (!tl_lookup_result_is_ok (results[i]))
        g_error ("lookup %u of %u failed: %s", i, (guint) G_N_ELEMENTS (results),
                 tl_lookup_result_get_error (results[i])->message);
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (f->hits, ==, G_N_ELEMENTS (results));
}

static void
test_insecure_urls (void)
{
  const char *urls[] = { "http://connect.maklare.vitec.net", "ftp://127.0.0.1", "not a url",
                         "https://user:pw@connect.maklare.vitec.net", "http://10.0.0.1", "" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (urls[i]);
      g_autoptr(TlLookupResult) result = lookup_with (client, account, "M1", TOKEN, NULL);

      assert_error (result, TL_LOOKUP_ERROR_INSECURE_URL);
    }
  g_assert_true (tl_client_check_base_url ("http://localhost:8080/", NULL));
  g_assert_true (tl_client_check_base_url ("http://[::1]:8080", NULL));
  g_assert_true (tl_client_check_base_url ("https://connect.maklare.vitec.net/", NULL));
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TlClient) client = NULL;
  g_autoptr(TlAccount) account = NULL;
  g_autoptr(TlLookupResult) result = NULL;

  /* A port that was just free and is closed again: nothing listens there. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = tl_client_new ();

  account = make_account (url);
  result = lookup_with (client, account, "M1", TOKEN, NULL);
  assert_error (result, TL_LOOKUP_ERROR_NETWORK);
}

static void
test_dns_failure (void)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account ("https://no-such-host.invalid");
  g_autoptr(TlLookupResult) result = NULL;

  tl_client_set_timeout (client, 20);
  result = lookup_with (client, account, "M1", TOKEN, NULL);
  assert_error (result, TL_LOOKUP_ERROR_DNS);
  g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "no-such-host.invalid"));
}

/* Raw socket servers, for answers libsoup would never send. */
typedef enum
{
  RAW_CLOSE,        /* write the reply, close */
  RAW_RESET,        /* write the reply, then reset the connection (RST, not FIN) */
  RAW_HANG,         /* write the reply, then keep the connection open and silent */
  RAW_DRIP,         /* write the reply, then one byte every 50 ms, forever */
} RawAction;

typedef struct
{
  const char *reply;
  RawAction   action;
  gsize       big_body;   /* if > 0: after the reply, stream this many bytes */
} RawBehaviour;

/* Runs in a worker thread of a GThreadedSocketService, so its blocking I/O never stalls the
 * main loop the client runs on. */
static gboolean
on_raw_run (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  const RawBehaviour *b = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GSocket *socket = g_socket_connection_get_socket (connection);
  char buf[4096];

  /* Read the request (headers and small body arrive together on loopback). */
  g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
  if (b->reply != NULL)
    g_output_stream_write_all (out, b->reply, strlen (b->reply), NULL, NULL, NULL);

  if (b->big_body > 0)
    {
      static char chunk[65536];
      gsize sent = 0;

      memset (chunk, '[', sizeof chunk);
      while (sent < b->big_body &&
             g_output_stream_write_all (out, chunk, MIN (sizeof chunk, b->big_body - sent), NULL, NULL, NULL))
        sent += sizeof chunk;
    }

  switch (b->action)
    {
    case RAW_RESET:
      {
        struct linger lg = { 1, 0 };
        setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      }
      break;
    case RAW_HANG:
      /* Until the client gives up and closes. */
      while (g_input_stream_read (in, buf, sizeof buf, NULL, NULL) > 0)
        ;
      break;
    case RAW_DRIP:
      while (g_output_stream_write_all (out, "x", 1, NULL, NULL, NULL))
        g_usleep (50000);
      break;
    case RAW_CLOSE:
    default:
      /* Close gracefully (FIN, not RST): stop writing, then drain what the client still sends
       * (the request body may come in a second segment) for up to a second. */
      g_socket_shutdown (socket, FALSE, TRUE, NULL);
      g_socket_set_timeout (socket, 1);
      while (g_input_stream_read (in, buf, sizeof buf, NULL, NULL) > 0)
        ;
      break;
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static TlLookupResult *
lookup_raw_behaviour (const RawBehaviour *behaviour,
                      guint               timeout_ms)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (4);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(TlClient) client = NULL;
  g_autoptr(TlAccount) account = NULL;
  g_autofree char *url = NULL;
  TlLookupResult *result;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, NULL));
  g_signal_connect (service, "run", G_CALLBACK (on_raw_run), (gpointer) behaviour);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  client = tl_client_new ();
  account = make_account (url);
  tl_client_set_timeout_ms (client, timeout_ms);
  result = lookup_with (client, account, "M1", TOKEN, NULL);
  /* Never hangs past the deadline (with slack for a loaded machine). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64) timeout_ms * 1000 + 10 * G_USEC_PER_SEC);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  return result;
}

static TlLookupResult *
lookup_raw (const char *reply,
            guint       timeout_ms)
{
  RawBehaviour b = { reply, RAW_CLOSE, 0 };

  return lookup_raw_behaviour (&b, timeout_ms);
}

static void
test_headers_never_end (void)
{
  RawBehaviour b = { "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ", RAW_DRIP, 0 };
  g_autoptr(TlLookupResult) result = lookup_raw_behaviour (&b, 600);

  assert_error (result, TL_LOOKUP_ERROR_TIMEOUT);
}

static void
test_body_never_ends (void)
{
  RawBehaviour b = { "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "10000000\r\n{\"orderId\":\"", RAW_DRIP, 0 };
  g_autoptr(TlLookupResult) result = lookup_raw_behaviour (&b, 600);

  assert_error (result, TL_LOOKUP_ERROR_TIMEOUT);
}

static void
test_accepts_never_answers (void)
{
  RawBehaviour b = { NULL, RAW_HANG, 0 };
  g_autoptr(TlLookupResult) result = lookup_raw_behaviour (&b, 400);

  assert_error (result, TL_LOOKUP_ERROR_TIMEOUT);
}

static void
test_reset_before_headers (void)
{
  RawBehaviour b = { NULL, RAW_RESET, 0 };
  g_autoptr(TlLookupResult) result = lookup_raw_behaviour (&b, 5000);

  assert_error (result, TL_LOOKUP_ERROR_NETWORK);
}

static void
test_reset_after_headers (void)
{
  RawBehaviour b = { "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300\r\n\r\n{\"order",
                     RAW_RESET, 0 };
  g_autoptr(TlLookupResult) result = lookup_raw_behaviour (&b, 5000);

  assert_error (result, TL_LOOKUP_ERROR_NETWORK);
}

static void
test_64mib_body (void)
{
  /* Announced: refused before reading. */
  RawBehaviour announced = { "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 67108864\r\n\r\n",
                             RAW_CLOSE, 64 * 1024 * 1024 };
  /* Not announced (read until close): stopped at the cap while streaming. */
  RawBehaviour streamed = { "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
                            RAW_CLOSE, 64 * 1024 * 1024 };
  g_autoptr(TlLookupResult) a = lookup_raw_behaviour (&announced, 10000);
  g_autoptr(TlLookupResult) b = lookup_raw_behaviour (&streamed, 10000);

  assert_error (a, TL_LOOKUP_ERROR_TOO_LARGE);
  assert_error (b, TL_LOOKUP_ERROR_TOO_LARGE);
  g_assert_cmpuint (tl_lookup_result_get_body_size (b), <=, TL_BODY_EXCERPT_MAX + TL_DEFAULT_MAX_RESPONSE_SIZE);
}

static void
test_deeply_nested_json (void)
{
  gsize depth = 100000;
  g_autoptr(GString) reply = g_string_new (NULL);
  RawBehaviour b = { NULL, RAW_CLOSE, 0 };
  g_autoptr(TlLookupResult) result = NULL;

  g_string_append_printf (reply, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %"
                          G_GSIZE_FORMAT "\r\n\r\n", depth * 2);
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (reply, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (reply, ']');
  b.reply = reply->str;
  result = lookup_raw_behaviour (&b, 10000);
  assert_error (result, TL_LOOKUP_ERROR_MALFORMED);
}

static void
test_truncated_body (void)
{
  g_autoptr(TlLookupResult) result =
    lookup_raw ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"orderId\":", 5000);

  assert_error (result, TL_LOOKUP_ERROR_NETWORK);
}

static void
test_closed_before_headers (void)
{
  g_autoptr(TlLookupResult) result = lookup_raw (NULL, 5000);

  assert_error (result, TL_LOOKUP_ERROR_NETWORK);
}

static void
test_not_http (void)
{
  g_autoptr(TlLookupResult) result = lookup_raw ("SSH-2.0-OpenSSH_9.2\r\n", 5000);

  g_assert_false (tl_lookup_result_is_ok (result));
  g_assert_true (g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED) ||
                 g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NETWORK));
}

static SoupServer *
tls_server (char **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert =
    g_tls_certificate_new_from_files (TL_TEST_SRCDIR "/test-cert.pem", TL_TEST_SRCDIR "/test-key.pem", &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  SoupServer *server;
  GSList *uris;

  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
test_tls_untrusted (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = tls_server (&url);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (url);
  g_autoptr(TlLookupResult) result = lookup_with (client, account, "M1", TOKEN, NULL);

  assert_error (result, TL_LOOKUP_ERROR_TLS);
  g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "trusted"));
  soup_server_disconnect (server);
}

static void
test_tls_trusted (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = tls_server (&url);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = make_account (url);
  g_autoptr(GTlsDatabase) db = g_tls_file_database_new (TL_TEST_SRCDIR "/test-cert.pem", NULL);
  g_autoptr(TlLookupResult) result = NULL;
  Fixture f = { 0 };

  /* The handler needs a fixture; give it one for this server. */
  soup_server_remove_handler (server, NULL);
  f.paused = g_ptr_array_new_with_free_func (g_object_unref);
  f.base_url = g_strdup (url);
  soup_server_add_handler (server, NULL, handler, &f, NULL);

  tl_client_set_tls_database (client, db);
  result = lookup_with (client, account, "ok", TOKEN, NULL);
  g_assert_true (tl_lookup_result_is_ok (result));
  soup_server_disconnect (server);
  g_ptr_array_unref (f.paused);
  g_free (f.base_url);
  g_free (f.method); g_free (f.path); g_free (f.raw_path); g_free (f.body);
  g_clear_pointer (&f.headers, soup_message_headers_unref);
}

static void
test_demo_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) demo = tl_demo_server_new (&error);
  g_autoptr(TlClient) client = NULL;
  g_autoptr(TlAccount) account = NULL;
  g_autoptr(TlAccount) bad = NULL;
  static const struct { TlDemoToken token; int exit_status; } expect[] = {
    { TL_DEMO_VALID, 0 }, { TL_DEMO_EXPIRED, 1 }, { TL_DEMO_BAD_REQUEST, 5 },
    { TL_DEMO_PROBLEM_DETAILS, 5 }, { TL_DEMO_FORBIDDEN, 4 }, { TL_DEMO_NOT_FOUND, 5 },
    { TL_DEMO_SERVER_ERROR, 6 }, { TL_DEMO_SLOW, 0 },
  };

  g_assert_no_error (error);
  tl_demo_server_set_slow_delay (demo, 200);
  client = tl_client_new ();
  account = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME, TL_DEMO_PASSWORD, NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_autoptr(TlLookupResult) result = lookup_with (client, account, TL_DEMO_CUSTOMER_ID, tl_demo_token (expect[i].token), NULL);
      g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, expect[i].exit_status);
    }

  bad = tl_account_new (tl_demo_server_get_base_url (demo), TL_DEMO_USERNAME, "wrong", NULL, TRUE);
  {
    g_autoptr(TlLookupResult) result = lookup_with (client, bad, TL_DEMO_CUSTOMER_ID, tl_demo_token (TL_DEMO_VALID), NULL);
    assert_error (result, TL_LOOKUP_ERROR_UNAUTHORIZED);
  }
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

static char *
first_proxy (TlProxyResolver *resolver,
             const char      *uri)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (G_PROXY_RESOLVER (resolver), uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (proxies);
  return g_strdup (proxies[0]);
}

/* https_proxy / no_proxy as command-line tools read them; loopback is always direct. */
static void
test_proxy_environment (void)
{
  const char *none[] = { "PATH=/usr/bin", NULL };
  const char *lower[] = { "https_proxy=proxy.office.test:3128",
                          "no_proxy=localhost, .intra.test,10.0.0.0/8", NULL };
  const char *upper[] = { "HTTPS_PROXY=http://proxy.office.test:8080", NULL };
  const char *all[] = { "all_proxy=http://fallback.office.test:3128", NULL };
  const char *star[] = { "https_proxy=http://proxy.office.test:3128", "no_proxy=*", NULL };
  g_autoptr(TlProxyResolver) resolver = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL, *p6 = NULL;
  g_autofree char *p7 = NULL, *p8 = NULL, *p9 = NULL;
  g_autofree char *described = NULL, *described_loopback = NULL;

  g_assert_null (tl_proxy_resolver_new_from_environment (none));

  resolver = tl_proxy_resolver_new_from_environment (lower);
  g_assert_nonnull (resolver);
  p1 = first_proxy (resolver, "https://connect.maklare.vitec.net/Service/Order/Token/M1");
  g_assert_cmpstr (p1, ==, "http://proxy.office.test:3128");
  p2 = first_proxy (resolver, "https://api.intra.test/x");
  g_assert_cmpstr (p2, ==, "direct://");
  p3 = first_proxy (resolver, "https://10.1.2.3:8443/x");
  g_assert_cmpstr (p3, ==, "direct://");
  /* loopback stays direct although no_proxy does not list 127.0.0.1 or ::1 */
  p4 = first_proxy (resolver, "http://127.0.0.1:8080/Service");
  g_assert_cmpstr (p4, ==, "direct://");
  p5 = first_proxy (resolver, "http://[::1]:8080/Service");
  g_assert_cmpstr (p5, ==, "direct://");
  described = tl_proxy_resolver_describe (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (described, ==, "proxy.office.test:3128");
  described_loopback = tl_proxy_resolver_describe (resolver, "http://localhost:1/");
  g_assert_null (described_loopback);
  g_clear_object (&resolver);

  resolver = tl_proxy_resolver_new_from_environment (upper);
  p6 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (p6, ==, "http://proxy.office.test:8080");
  g_clear_object (&resolver);

  resolver = tl_proxy_resolver_new_from_environment (all);
  p7 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (p7, ==, "http://fallback.office.test:3128");
  g_clear_object (&resolver);

  resolver = tl_proxy_resolver_new_from_environment (star);
  p8 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (p8, ==, "direct://");
  g_clear_object (&resolver);

  /* a resolver that sends everything to a proxy still leaves loopback direct */
  {
    g_autoptr(GProxyResolver) everything = g_simple_proxy_resolver_new ("http://proxy.office.test:1", NULL);

    resolver = tl_proxy_resolver_new (everything);
    p9 = first_proxy (resolver, "http://localhost:8080/");
    g_assert_cmpstr (p9, ==, "direct://");
  }
}

/* A sign-in in the proxy's address is kept, percent-decoded, for that proxy's "host:port"; the
 * address libsoup is given carries none (libsoup 3.2 mishandles one that does). */
static void
test_proxy_credentials_from_address (void)
{
  const char *with[] = { "HTTPS_PROXY=http://office:Pr0xy%20Pass%2F%40%3A@proxy.office.test:3129", NULL };
  const char *no_port[] = { "all_proxy=http://office%5Cme:pw@proxy.office.test", NULL };
  const char *broken[] = { "https_proxy=http://office:bad%00pw@proxy.office.test:3129", NULL };
  g_autoptr(TlProxyResolver) resolver = NULL;
  g_autoptr(TlProxyCredentials) credentials = NULL;
  g_autoptr(TlProxyCredentials) other = NULL;
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *described = NULL;

  resolver = tl_proxy_resolver_new_from_environment (with);
  p1 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (p1, ==, "http://proxy.office.test:3129");
  described = tl_proxy_resolver_describe (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (described, ==, "proxy.office.test:3129");
  credentials = tl_proxy_resolver_get_credentials (resolver, "proxy.office.test:3129");
  g_assert_nonnull (credentials);
  g_assert_cmpstr (tl_proxy_credentials_get_user (credentials), ==, "office");
  g_assert_cmpstr (tl_proxy_credentials_get_password (credentials), ==, "Pr0xy Pass/@:");
  /* only for that proxy */
  other = tl_proxy_resolver_get_credentials (resolver, "elsewhere.test:3129");
  g_assert_null (other);
  g_clear_pointer (&credentials, tl_proxy_credentials_unref);
  g_clear_object (&resolver);

  /* no port: the scheme's, as libsoup names the proxy that asks */
  resolver = tl_proxy_resolver_new_from_environment (no_port);
  p2 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_cmpstr (p2, ==, "http://proxy.office.test");
  credentials = tl_proxy_resolver_get_credentials (resolver, "proxy.office.test:80");
  g_assert_nonnull (credentials);
  g_assert_cmpstr (tl_proxy_credentials_get_user (credentials), ==, "office\\me");
  g_clear_pointer (&credentials, tl_proxy_credentials_unref);
  g_clear_object (&resolver);

  /* a sign-in that does not decode is dropped, never handed on in the address */
  resolver = tl_proxy_resolver_new_from_environment (broken);
  p3 = first_proxy (resolver, "https://connect.maklare.vitec.net/");
  g_assert_null (strstr (p3, "bad"));
  g_assert_null (strstr (p3, "@"));
  credentials = tl_proxy_resolver_get_credentials (resolver, "proxy.office.test:3129");
  g_assert_null (credentials);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/client/wire-request", test_wire_request);
  ADD ("/client/base-path-kept", test_base_path_kept);
  g_test_add_func ("/client/build-url-escapes", test_build_url_escapes);
  ADD ("/client/hostile-customer-id", test_hostile_customer_id_never_sent);
  ADD ("/client/valid-expired-xml", test_valid_and_expired);
  for (guint i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/answer/%s", status_cases[i].segment);
      g_test_add (path, Fixture, &status_cases[i], fixture_setup, test_status_case, fixture_teardown);
    }
  ADD ("/client/wrong-type-names-field", test_wrongtype_names_field);
  ADD ("/client/request-id-retry-after", test_request_id_and_retry_after);
  ADD ("/client/redirect-not-followed", test_redirect_not_followed);
  ADD ("/client/body-excerpt-redacted", test_body_excerpt_redacted);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/cancel", test_cancel);
  ADD ("/client/no-password", test_no_password);
  ADD ("/client/concurrent", test_concurrent);
  g_test_add_func ("/client/insecure-urls", test_insecure_urls);
  g_test_add_func ("/client/connection-refused", test_connection_refused);
  g_test_add_func ("/client/dns-failure", test_dns_failure);
  g_test_add_func ("/client/truncated-body", test_truncated_body);
  g_test_add_func ("/client/closed-before-headers", test_closed_before_headers);
  g_test_add_func ("/client/not-http", test_not_http);
  g_test_add_func ("/client/headers-never-end", test_headers_never_end);
  g_test_add_func ("/client/body-never-ends", test_body_never_ends);
  g_test_add_func ("/client/accepts-never-answers", test_accepts_never_answers);
  g_test_add_func ("/client/reset-before-headers", test_reset_before_headers);
  g_test_add_func ("/client/reset-after-headers", test_reset_after_headers);
  g_test_add_func ("/client/64mib-body", test_64mib_body);
  g_test_add_func ("/client/deeply-nested-json", test_deeply_nested_json);
  g_test_add_func ("/client/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/client/tls-trusted", test_tls_trusted);
  g_test_add_func ("/client/demo-server", test_demo_server);
  g_test_add_func ("/client/proxy-environment", test_proxy_environment);
  g_test_add_func ("/client/proxy-credentials-from-address", test_proxy_credentials_from_address);

  return g_test_run ();
}
