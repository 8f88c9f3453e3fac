/* test-hostile.c: a hostile server on raw loopback sockets (it answers exactly the bytes a test
 * gives it), driven through the core and through ticket-lookup-cli as a person runs it. Every
 * case asserts on what the user would see: the exact output, the result's strings, the CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-runner.h"
#include "tl-batch.h"
#include "tl-client.h"
#include "tl-history.h"
#include "tl-lookup-error.h"
#include "tl-report.h"
#include "tl-redactor.h"
#include "tl-text.h"

#define USERNAME "partner"
#define PASSWORD "S3cret-Pässword!"
#define TOKEN    "Zq8x+Secret/Tok3n=="

/* ---- the server ------------------------------------------------------------------------- */

typedef struct
{
  GThreadedSocketService *service;
  char                   *base_url;
  char                   *reply;       /* the whole HTTP answer, byte for byte */
  GMutex                  lock;
  GPtrArray              *requests;    /* what arrived, for asserts */
} Hostile;

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  Hostile *h = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  char buf[16384];
  gssize n;

  /* The whole request: headers, then Content-Length bytes of body. */
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
  g_mutex_lock (&h->lock);
  g_ptr_array_add (h->requests, g_strdup (request->str));
  g_mutex_unlock (&h->lock);
  g_output_stream_write_all (out, h->reply, strlen (h->reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static Hostile *
hostile_new (const char *reply)
{
  Hostile *h = g_new0 (Hostile, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  h->reply = g_strdup (reply);
  h->requests = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&h->lock);
  h->service = G_THREADED_SOCKET_SERVICE (g_threaded_socket_service_new (4));
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (h->service), any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, NULL));
  g_signal_connect (h->service, "run", G_CALLBACK (on_run), h);
  h->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return h;
}

static void
hostile_free (Hostile *h)
{
  g_socket_service_stop (G_SOCKET_SERVICE (h->service));
  g_socket_listener_close (G_SOCKET_LISTENER (h->service));
  g_object_unref (h->service);
  g_ptr_array_unref (h->requests);
  g_mutex_clear (&h->lock);
  g_free (h->reply);
  g_free (h->base_url);
  g_free (h);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Hostile, hostile_free)

static char *
http_reply (const char *status_line,
            const char *headers,
            const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %s\r\nContent-Type: application/json; charset=utf-8\r\n%s"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                          status_line, headers ? headers : "", strlen (body), body);
}

/* ---- the client ------------------------------------------------------------------------- */

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

static TlLookupResult *
lookup (Hostile *h)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (h->base_url, USERNAME, PASSWORD, NULL, FALSE);
  TlLookupResult *result = NULL;

  tl_client_set_timeout (client, 10);
  tl_client_lookup_async (client, account, "M1", TOKEN, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* ---- the CLI ---------------------------------------------------------------------------- */

/* The password on standard input, as a script would give it. */
static void
run_cli (Run        *run,
         const char *stdin_text,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, stdin_text);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_cli_argv (run, TL_CLI_PATH, stdin_text, NULL, (const char * const *) args->pdata);
}

#define run_cli_at(run, h, ...) \
  run_cli (run, PASSWORD "\n", "--base-url", (h)->base_url, "--username", USERNAME, "--password-stdin", \
           __VA_ARGS__, NULL)

/* ---- secrets echoed back ---------------------------------------------------------------- */

/* Every form a secret can come back in; none may reach the user. */
static const char *secret_forms[] = {
  TOKEN,
  "Zq8x\\u002BSecret\\/Tok3n==",              /* JSON-escaped */
  "Zq8x\\u002bSecret\\u002FTok3n\\u003D\\u003D", /* every character it could be */
  "Zq8x%2BSecret%2FTok3n%3D%3D",              /* URL-encoded */
  "Zq8x%252BSecret%252FTok3n%253D%253D",      /* encoded twice */
  PASSWORD,
  "S3cret-P\\u00e4ssword!",
  USERNAME ":" PASSWORD,
  NULL,   /* the Basic value, filled in */
};

static char *
basic_value (void)
{
  const char *pair = USERNAME ":" PASSWORD;
  return g_base64_encode ((const guchar *) pair, strlen (pair));
}

static void
assert_no_secret (const char *where,
                  const char *text)
{
  g_autofree char *basic = basic_value ();

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (secret_forms); i++)
    {
      const char *form = secret_forms[i] ? secret_forms[i] : basic;

      if (strstr (text, form) != NULL)
        g_error ("%s shows a secret (%s): %s", where, form, text);
    }
}

static char *
echo_reply (void)
{
  g_autofree char *basic = basic_value ();
  g_autofree char *headers = g_strdup_printf ("X-Echo-Authorization: Basic %s\r\nX-Debug-Token: %s\r\n",
                                              basic, TOKEN);
  g_autofree char *body = g_strdup_printf (
    "{\"Message\":\"The request is invalid (token Zq8x\\u002BSecret\\/Tok3n==).\","
    "\"ModelState\":{\"token.Data\":[\"The value 'Zq8x\\u002BSecret\\/Tok3n==' is not valid.\","
    "\"The value '" TOKEN "' is not valid for Data.\","
    "\"Seen in the query: token=Zq8x%%2BSecret%%2FTok3n%%3D%%3D and Zq8x%%252BSecret%%252FTok3n%%253D%%253D\","
    "\"Request headers: Authorization: Basic %s\","
    "\"Login: " USERNAME ":" PASSWORD " / S3cret-P\\u00e4ssword!\"]}}", basic);

  return http_reply ("400 Bad Request", headers, body);
}

static void
header_cb (const char *name,
           const char *value,
           gpointer    user_data)
{
  g_autofree char *line = g_strdup_printf ("%s: %s", name, value);

  assert_no_secret ("a response header", line);
}

static void
test_echoed_secrets_result (void)
{
  g_autofree char *reply = echo_reply ();
  g_autoptr(Hostile) h = hostile_new (reply);
  g_autoptr(TlLookupResult) result = lookup (h);
  const TlErrorBody *body = tl_lookup_result_get_error_body (result);
  g_autofree char *formatted = tl_lookup_result_format_error (result);
  g_autofree char *report = tl_report_build_markdown (result, "partner at 127.0.0.1");
  g_autofree char *curl = tl_report_build_curl (h->base_url, "M1", USERNAME, NULL);

  g_assert_true (g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_BAD_REQUEST));
  /* the request really carried them: the server saw the token and the Basic value */
  g_assert_cmpuint (h->requests->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (h->requests, 0), "{\"data\":\"" TOKEN "\"}"));

  assert_no_secret ("the error message", tl_lookup_result_get_error (result)->message);
  assert_no_secret ("the body excerpt", tl_lookup_result_get_body_excerpt (result));
  assert_no_secret ("the error body message", body->message);
  for (guint i = 0; i < body->details->len; i++)
    assert_no_secret ("an error detail", g_ptr_array_index (body->details, i));
  soup_message_headers_foreach (tl_lookup_result_get_response_headers (result), header_cb, NULL);
  assert_no_secret ("the formatted error", formatted);
  assert_no_secret ("the support report", report);
  assert_no_secret ("the curl command", curl);

  /* and the placeholders say what was removed */
  g_assert_nonnull (strstr (formatted, "The value '" TL_REDACTED_TOKEN "' is not valid."));
  g_assert_nonnull (strstr (formatted, "token=" TL_REDACTED_TOKEN " and " TL_REDACTED_TOKEN));
  g_assert_nonnull (strstr (formatted, "Authorization: Basic " TL_REDACTED_CREDENTIALS));
  g_assert_nonnull (strstr (formatted, "Login: " TL_REDACTED_CREDENTIALS " / " TL_REDACTED_PASSWORD));
  g_assert_cmpstr (soup_message_headers_get_one (tl_lookup_result_get_response_headers (result), "X-Debug-Token"),
                   ==, TL_REDACTED_TOKEN);
}

static void
test_echoed_secrets_cli (void)
{
  g_autofree char *reply = echo_reply ();
  g_autoptr(Hostile) h = hostile_new (reply);
  g_auto(Run) human = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) verbose = { 0 };

  run_cli_at (&human, h, "M1", TOKEN);
  g_assert_cmpint (human.status, ==, 5);
  g_assert_nonnull (strstr (human.err, "The value '" TL_REDACTED_TOKEN "' is not valid."));
  assert_no_secret ("CLI output", human.out);
  assert_no_secret ("CLI errors", human.err);

  run_cli_at (&json, h, "--json", "M1", TOKEN);
  g_assert_cmpint (json.status, ==, 5);
  g_assert_nonnull (strstr (json.out, TL_REDACTED_TOKEN));
  assert_no_secret ("--json", json.out);
  assert_no_secret ("--json errors", json.err);

  run_cli_at (&verbose, h, "--verbose", "M1", TOKEN);
  g_assert_cmpint (verbose.status, ==, 5);
  g_assert_nonnull (strstr (verbose.err, "< X-Debug-Token: " TL_REDACTED_TOKEN "\n"));
  assert_no_secret ("--verbose", verbose.err);
  assert_no_secret ("--verbose output", verbose.out);
}

/* ---- secrets in every spelling ---------------------------------------------------------- */

/* How a person would still read a secret in what is shown: the test's own reading, written
 * apart from the redactor's. Escapes (\uXXXX, \n, %XX twice over, &#43;, &#x2B;, the named
 * references used here) decoded, the markers tl_text_visible() draws (<U+200B>, \x0a) read
 * back, what is drawn as nothing and whitespace dropped, '-' '_' read as '+' '/', '=' dropped. */
static gboolean
reader_ignores (gunichar c)
{
  return c == 0xad || c == 0x34f || c == 0x61c || (c >= 0x200b && c <= 0x200f) ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
         c < 0x20 || (c >= 0x7f && c <= 0xa0) || g_unichar_isspace (c) || c == '=';
}

static char *
reader_skeleton (const char *text)
{
  static const struct { const char *name; gunichar c; } names[] = {
    { "plus;", '+' }, { "sol;", '/' }, { "equals;", '=' }, { "amp;", '&' }, { "auml;", 0xe4 },
    { "excl;", '!' }, { "colon;", ':' },
  };
  g_autoptr(GString) decoded = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  /* two rounds of unescaping: "\u0026#43;", "%252B", "&amp;#43;" */
  g_string_assign (decoded, valid);
  for (guint round = 0; round < 2; round++)
    {
      GString *next = g_string_new (NULL);

      for (const char *p = decoded->str; *p;)
        {
          gunichar c = 0;
          int len = 0;
          guint v;

          if (sscanf (p, "\\u%4x%n", &v, &len) == 1 && len == 6)
            c = v;
          else if (sscanf (p, "<U+%6X>%n", &v, &len) == 1 && len > 0)
            c = v;
          else if (sscanf (p, "\\x%2x%n", &v, &len) == 1 && len == 4)
            c = v;
          else if (sscanf (p, "&#x%6x;%n", &v, &len) == 1 && len > 0)
            c = v;
          else if (sscanf (p, "&#%7u;%n", &v, &len) == 1 && len > 0)
            c = v;
          else if (p[0] == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
            c = g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]), len = 3;
          else if (p[0] == '\\' && p[1] != '\0' && strchr ("/\\\"nrt", p[1]) != NULL)
            c = p[1] == 'n' ? '\n' : p[1] == 'r' ? '\r' : p[1] == 't' ? '\t' : (gunichar) p[1], len = 2;
          else if (p[0] == '&')
            for (guint i = 0; i < G_N_ELEMENTS (names) && len == 0; i++)
              if (g_str_has_prefix (p + 1, names[i].name))
                c = names[i].c, len = 1 + strlen (names[i].name);
          if (len > 0 && c >= 0x80 && c < 0x100 && p[0] == '%')
            {
              /* a UTF-8 sequence percent-encoded byte by byte: kept as bytes, made valid below */
              g_string_append_c (next, (char) c);
              p += len;
              continue;
            }
          if (len == 0)
            {
              c = g_utf8_get_char (p);
              len = g_utf8_next_char (p) - p;
            }
          g_string_append_unichar (next, c);
          p += len;
        }
      g_string_free (decoded, TRUE);
      decoded = next;
      {
        g_autofree char *made_valid = g_utf8_make_valid (decoded->str, decoded->len);
        g_string_assign (decoded, made_valid);
      }
    }
  for (const char *p = decoded->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (reader_ignores (c))
        continue;
      g_string_append_unichar (out, c == '-' ? '+' : c == '_' ? '/' : c);
    }
  return g_string_free (out, FALSE);
}

static char *
hex_of (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p; p++)
    g_string_append_printf (out, "%02x", (guchar) *p);
  return g_string_free (out, FALSE);
}

static char *
base64_of (const char *s)
{
  return g_base64_encode ((const guchar *) s, strlen (s));
}

/* Fails when @text, read as a person would, still holds the token or the password in any of
 * the spellings of these tests. */
static void
assert_unreadable (const char *where,
                   const char *text)
{
  g_autofree char *basic = basic_value ();
  g_autofree char *token_hex = hex_of (TOKEN);
  g_autofree char *token_hex_upper = g_ascii_strup (token_hex, -1);
  g_autofree char *token_base64 = base64_of (TOKEN);
  g_autofree char *password_base64 = base64_of (PASSWORD);
  const char *secrets[] = { TOKEN, PASSWORD, basic, token_hex, token_hex_upper, token_base64,
                            password_base64 };
  g_autofree char *skeleton = NULL;

  if (text == NULL)
    return;
  skeleton = reader_skeleton (text);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *secret = reader_skeleton (secrets[i]);

      if (strstr (skeleton, secret) != NULL)
        g_error ("%s shows a secret (%s): %s", where, secrets[i], text);
    }
}

typedef struct
{
  const char *name;
  const char *token;        /* how the server writes the token, inside a JSON string */
  const char *password;     /* and the password or the Basic value; NULL: see make_forms () */
  const char *placeholder;  /* what the password's spelling must be replaced by */
} Spelling;

static const Spelling spellings[] = {
  { "zero-width-space", "Zq8x+Sec\u200bret/To\u200bk3n==", "S3cret-P\u00e4ss\u200bword!", TL_REDACTED_PASSWORD },
  { "soft-hyphen", "Zq8x+Sec\u00adret/Tok3n==", "S3cr\u00adet-P\u00e4ssword!", TL_REDACTED_PASSWORD },
  { "word-joiner", "Zq8x+\u2060Secret/Tok3n==", "S3cret-\u2060P\u00e4ssword!", TL_REDACTED_PASSWORD },
  { "byte-order-mark", "Zq8x+Secret/\ufeffTok3n==", "S3c\ufeffret-P\u00e4ssword!", TL_REDACTED_PASSWORD },
  { "escaped-ignorables", "Zq8x+Sec\\u200Bret/To\\u00ADk3n==", "S3cret-P\\u00e4ss\\u2060word!", TL_REDACTED_PASSWORD },
  { "newline", "Zq8x+Secr\\net/Tok3n==", "S3cret-P\u00e4ss\\r\\nword!", TL_REDACTED_PASSWORD },
  { "spaces", "Zq8x+Sec ret/Tok 3n==", "S 3 c r e t - P \u00e4 s s w o r d !", TL_REDACTED_PASSWORD },
  { "html-numeric", "Zq8x&#43;Secret&#x2F;Tok3n&#x3D;&#x3D;", "S3cret&#x2D;P&#xE4;ssword&#x21;", TL_REDACTED_PASSWORD },
  { "html-named", "Zq8x&plus;Secret&sol;Tok3n&equals;&equals;", "S3cret-P&auml;ssword&excl;", TL_REDACTED_PASSWORD },
  { "html-in-json", "Zq8x\\u0026#x2B;Secret\\u0026#x2F;Tok3n", "S3cret-P\\u0026#xE4;ssword\\u0026#x21;", TL_REDACTED_PASSWORD },
  { "basic-unpadded", "Zq8x+Secret/Tok3n", NULL, TL_REDACTED_CREDENTIALS },
  { "basic-url-safe", "Zq8x-Secret_Tok3n", NULL, TL_REDACTED_CREDENTIALS },
  { "basic-wrapped", "Zq8x+Secret/\\r\\n Tok3n==", NULL, TL_REDACTED_CREDENTIALS },
  { "password-base64", "Zq8x%2BSecret%2FTok3n", NULL, TL_REDACTED_PASSWORD },
  { "token-base64", NULL, "S3cret-P\u00e4ssword!", TL_REDACTED_PASSWORD },
  { "token-hex", NULL, "S3cret-P\u00e4ssword!", TL_REDACTED_PASSWORD },
};

/* The spellings computed from the secrets: the Basic value unpadded, URL-safe, wrapped; the
 * password in base64; the token in base64 or hex. */
static void
make_forms (const Spelling  *sp,
            char           **token,
            char           **password)
{
  g_autofree char *basic = basic_value ();

  *token = g_strdup (sp->token);
  *password = g_strdup (sp->password);
  if (g_str_equal (sp->name, "basic-unpadded"))
    *password = g_strndup (basic, strcspn (basic, "="));
  else if (g_str_equal (sp->name, "basic-url-safe"))
    *password = g_strdelimit (g_strdelimit (g_strndup (basic, strcspn (basic, "=")), "+", '-'), "/", '_');
  else if (g_str_equal (sp->name, "basic-wrapped"))
    *password = g_strdup_printf ("%.12s\\r\\n  %.12s\\n%s", basic, basic + 12, basic + 24);
  else if (g_str_equal (sp->name, "password-base64"))
    *password = base64_of (PASSWORD);
  else if (g_str_equal (sp->name, "token-base64"))
    *token = base64_of (TOKEN);
  else if (g_str_equal (sp->name, "token-hex"))
    *token = hex_of (TOKEN);
}

static void
test_spelling (gconstpointer data)
{
  const Spelling *sp = data;
  g_autofree char *token = NULL;
  g_autofree char *password = NULL;
  g_autofree char *error_body = NULL;
  g_autofree char *error_reply = NULL;
  g_autofree char *ticket_body = NULL;
  g_autofree char *ticket_reply = NULL;
  g_autoptr(Hostile) h = NULL;
  g_autoptr(Hostile) h_ticket = NULL;
  g_autoptr(TlLookupResult) result = NULL;
  g_autoptr(TlLookupResult) ticket_result = NULL;
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autofree char *formatted = NULL;
  g_autofree char *report = NULL;
  g_autofree char *history_json = NULL;
  g_autofree char *described = NULL;
  g_autofree char *order = NULL;
  g_autoptr(TlHistoryEntry) entry = NULL;
  const TlErrorBody *body;
  g_auto(Run) verbose = { 0 };
  g_auto(Run) human = { 0 };

  make_forms (sp, &token, &password);
  error_body = g_strdup_printf ("{\"Message\":\"The value '%s' is not valid.\","
                                "\"ModelState\":{\"token.Data\":[\"The value '%s' is not valid for Data.\","
                                "\"Login: %s\"]}}", token, token, password);
  error_reply = http_reply ("400 Bad Request", NULL, error_body);
  h = hostile_new (error_reply);
  result = lookup (h);
  body = tl_lookup_result_get_error_body (result);
  g_assert_true (g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_BAD_REQUEST));
  formatted = tl_lookup_result_format_error (result);
  report = tl_report_build_markdown (result, "partner at 127.0.0.1");
  tl_history_add (history, result, NULL, "partner at 127.0.0.1");

  assert_unreadable ("the error message", tl_lookup_result_get_error (result)->message);
  assert_unreadable ("the body excerpt", tl_lookup_result_get_body_excerpt (result));
  assert_unreadable ("the error body message", body->message);
  for (guint i = 0; i < body->details->len; i++)
    assert_unreadable ("an error detail", g_ptr_array_index (body->details, i));
  assert_unreadable ("the formatted error", formatted);
  assert_unreadable ("the support report", report);
  g_assert_nonnull (strstr (formatted, "The value '" TL_REDACTED_TOKEN "' is not valid."));
  g_assert_nonnull (strstr (formatted, sp->placeholder));

  run_cli_at (&verbose, h, "--verbose", "M1", TOKEN);
  g_assert_cmpint (verbose.status, ==, 5);
  assert_unreadable ("--verbose", verbose.err);
  assert_unreadable ("--verbose output", verbose.out);

  /* an answer that echoes them in the ticket: what history keeps, and the window shows */
  ticket_body = g_strdup_printf ("{\"orderId\":\"O-%s-%s\",\"customerId\":\"M1\",\"hasExpired\":false}",
                                 token, password);
  ticket_reply = http_reply ("200 OK", NULL, ticket_body);
  h_ticket = hostile_new (ticket_reply);
  ticket_result = lookup (h_ticket);
  g_assert_nonnull (tl_lookup_result_get_ticket (ticket_result));
  order = tl_text_visible (tl_ticket_get_string (tl_lookup_result_get_ticket (ticket_result),
                                                 TL_TICKET_FIELD_ORDER_ID));
  tl_history_add (history, ticket_result, NULL, "partner at 127.0.0.1");
  history_json = tl_history_to_json (history);
  entry = g_list_model_get_item (tl_history_get_model (history), 0);
  described = tl_history_entry_describe (entry);
  assert_unreadable ("the shown order id", order);
  assert_unreadable ("history.json", history_json);
  assert_unreadable ("the history entry", described);
  g_assert_nonnull (strstr (history_json, "O-" TL_REDACTED_TOKEN "-"));

  run_cli_at (&human, h_ticket, "--verbose", "M1", TOKEN);
  g_assert_cmpint (human.status, ==, TL_EXIT_VALID);
  assert_unreadable ("the CLI's ticket", human.out);
  assert_unreadable ("the CLI's --verbose ticket", human.err);
}

/* The test's reader is not blind: it finds every spelling in the answers as sent. */
static void
test_spelling_reader (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *token = NULL;
      g_autofree char *password = NULL;
      g_autofree char *token_skeleton = NULL;
      g_autofree char *password_skeleton = NULL;
      g_autofree char *want_token = reader_skeleton (TOKEN);
      g_autofree char *want_password = reader_skeleton (PASSWORD);

      make_forms (&spellings[i], &token, &password);
      token_skeleton = reader_skeleton (token);
      password_skeleton = reader_skeleton (password);
      if (g_str_equal (spellings[i].name, "token-base64") || g_str_equal (spellings[i].name, "token-hex"))
        {
          g_autofree char *b64 = base64_of (TOKEN);
          g_autofree char *hex = hex_of (TOKEN);
          g_autofree char *encoded = reader_skeleton (g_str_equal (spellings[i].name, "token-hex") ? hex : b64);

          g_assert_cmpstr (token_skeleton, ==, encoded);
        }
      else
        g_assert_cmpstr (token_skeleton, ==, want_token);
      if (spellings[i].placeholder == (const char *) TL_REDACTED_PASSWORD && spellings[i].password != NULL)
        g_assert_cmpstr (password_skeleton, ==, want_password);
    }
}

/* ---- terminal injection ----------------------------------------------------------------- */

#define HOSTILE_TICKET \
  "{\"orderId\":\"ORD\\u001b]0;pwned\\u0007-1\",\"userId\":\"EXPIRED\\rVALID\"," \
  "\"orderUserId\":\"agent\\u009b31m\",\"targetId\":\"OBJ\\u202Egnp.exe\",\"targetType\":\"\\u2066House\\u2069\"," \
  "\"tenantId\":\"T1\\u007f\",\"chainId\":\"G1\\u200f\\u200b\\u00ad\\ufeff\",\"customerId\":\"M1\",\"hasExpired\":true}"

static void
assert_terminal_safe (const char *where,
                      const char *text)
{
  const char *bad[] = { "\x1b", "\r", "\x07", "\x7f", "\xc2\x9b", "\xe2\x80\xae", "\xe2\x81\xa6",
                        "\xe2\x81\xa9", "\xe2\x80\x8f", "\xe2\x80\x8b", "\xc2\xad", "\xef\xbb\xbf" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (strstr (text, bad[i]) != NULL)
      g_error ("%s passes a control character (%u) to the terminal: %s", where, i, text);
}

static void
test_terminal_injection (void)
{
  g_autofree char *reply = http_reply ("200 OK\x1b]0;retitled\x07\x1b[2J",
                                       "X-Request-Id: req\x1b]8;;http://evil.example\x1b\\link\r\n"
                                       "Retry-After: \xe2\x80\xae" "0\r\n",
                                       HOSTILE_TICKET);
  g_autoptr(Hostile) h = hostile_new (reply);
  g_auto(Run) human = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) verbose = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *ticket;

  run_cli_at (&human, h, "M1", TOKEN);
  g_assert_cmpint (human.status, ==, 1);
  assert_terminal_safe ("the human output", human.out);
  assert_terminal_safe ("the human errors", human.err);
  /* shown, visibly: "EXPIRED" cannot be overwritten by "VALID" */
  g_assert_true (g_str_has_prefix (human.out, "EXPIRED"));
  g_assert_nonnull (strstr (human.out, "  Order ID              ORD\\x1b]0;pwned\\x07-1\n"));
  g_assert_nonnull (strstr (human.out, "  User                  EXPIRED\\x0dVALID\n"));
  g_assert_nonnull (strstr (human.out, "agent<U+009B>31m\n"));
  g_assert_nonnull (strstr (human.out, "OBJ<U+202E>gnp.exe\n"));
  g_assert_nonnull (strstr (human.out, "<U+2066>House<U+2069>\n"));
  g_assert_nonnull (strstr (human.out, "T1\\x7f\n"));
  /* and what is drawn as nothing: a zero-width space, a soft hyphen, a byte order mark */
  g_assert_nonnull (strstr (human.out, "G1<U+200F><U+200B><U+00AD><U+FEFF>\n"));

  /* --json: exact values, every invisible character escaped */
  run_cli_at (&json, h, "--json", "M1", TOKEN);
  g_assert_cmpint (json.status, ==, 1);
  assert_terminal_safe ("--json", json.out);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  ticket = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "ticket");
  g_assert_cmpstr (json_object_get_string_member (ticket, "orderId"), ==, "ORD\x1b]0;pwned\x07-1");
  g_assert_cmpstr (json_object_get_string_member (ticket, "userId"), ==, "EXPIRED\rVALID");
  g_assert_cmpstr (json_object_get_string_member (ticket, "targetId"), ==, "OBJ\xe2\x80\xaegnp.exe");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "verdict"),
                   ==, "expired");

  /* --verbose: the reason phrase and headers too */
  run_cli_at (&verbose, h, "--verbose", "M1", TOKEN);
  assert_terminal_safe ("--verbose", verbose.err);
  g_assert_nonnull (strstr (verbose.err, "< HTTP/1.1 200 OK\\x1b]0;retitled\\x07\\x1b[2J\n"));
  g_assert_nonnull (strstr (verbose.err, "< Retry-After: <U+202E>0\n"));
}

/* ---- honest verdicts -------------------------------------------------------------------- */

static void
test_unknown_verdict (void)
{
  g_autofree char *reply = http_reply ("200 OK", NULL, "{\"orderId\":\"O-UNKNOWN\",\"customerId\":\"M1\"}");
  g_autoptr(Hostile) h = hostile_new (reply);
  g_auto(Run) human = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  run_cli_at (&human, h, "M1", TOKEN);
  g_assert_cmpint (human.status, ==, TL_EXIT_UNKNOWN);
  g_assert_true (g_str_has_prefix (human.out, "UNKNOWN: the answer does not say whether the token has expired"));

  run_cli_at (&json, h, "--json", "M1", TOKEN);
  g_assert_cmpint (json.status, ==, TL_EXIT_UNKNOWN);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "unknown");
}

typedef struct
{
  const char *body;
  int         status;
  const char *key;
} ExpiryCase;

static const ExpiryCase expiry_cases[] = {
  { "{\"orderId\":\"O\",\"orderTicketHasExpired\":true}", TL_EXIT_EXPIRED, "orderTicketHasExpired" },
  { "{\"OrderId\":\"O\",\"OrderTicketHasExpired\":false}", TL_EXIT_VALID, "OrderTicketHasExpired" },
  { "{\"orderId\":\"O\",\"hasExpired\":false,\"orderTicketHasExpired\":false}", TL_EXIT_VALID, "hasExpired" },
  { "{\"orderId\":\"O\",\"hasExpired\":null,\"orderTicketHasExpired\":true}", TL_EXIT_EXPIRED, "orderTicketHasExpired" },
  { "{\"orderId\":\"O\",\"hasExpired\":false,\"orderTicketHasExpired\":true}", 8, NULL },
};

static void
test_expiry_names (gconstpointer data)
{
  const ExpiryCase *c = data;
  g_autofree char *reply = http_reply ("200 OK", NULL, c->body);
  g_autoptr(Hostile) h = hostile_new (reply);
  g_autoptr(TlLookupResult) result = lookup (h);
  g_auto(Run) run = { 0 };

  g_assert_cmpint (tl_lookup_result_get_exit_status (result), ==, c->status);
  if (c->key != NULL)
    g_assert_cmpstr (tl_ticket_get_expiry_key (tl_lookup_result_get_ticket (result)), ==, c->key);
  else
    g_assert_nonnull (strstr (tl_lookup_result_get_error (result)->message, "disagree"));
  run_cli_at (&run, h, "M1", TOKEN);
  g_assert_cmpint (run.status, ==, c->status);
}

/* ---- oversized headers ------------------------------------------------------------------ */

static void
test_huge_header (void)
{
  g_autoptr(GString) reply = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ");
  g_autoptr(Hostile) h = NULL;
  g_autoptr(TlLookupResult) result = NULL;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 256 * 1024; i++)
    g_string_append_c (reply, 'a');
  g_string_append (reply, "\r\nContent-Length: 2\r\n\r\n{}");
  h = hostile_new (reply->str);
  result = lookup (h);
  if (g_test_verbose ())
    g_printerr ("%s\n", tl_lookup_result_get_error (result)->message);
  g_assert_true (g_error_matches (tl_lookup_result_get_error (result), TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TOO_LARGE));
  run_cli_at (&run, h, "M1", TOKEN);
  g_assert_cmpint (run.status, ==, 8);
}

/* ---- CSV formula injection -------------------------------------------------------------- */

static void
on_batch_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = csv; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\n')
        {
          g_ptr_array_add (cells, g_strdup (cell->str));
          g_string_truncate (cell, 0);
        }
      else if (*p != '\r')
        g_string_append_c (cell, *p);
    }
  g_string_free (cell, TRUE);
  return cells;
}

static void
test_csv_formulas (void)
{
  g_autofree char *reply = http_reply ("200 OK", "X-Request-Id: @SUM(1+1)*cmd|' /C calc'!A0\r\n",
                                       "{\"orderId\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"Open\\\")\","
                                       "\"customerId\":\"M1\",\"hasExpired\":false}");
  g_autoptr(Hostile) h = hostile_new (reply);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlAccount) account = tl_account_new (h->base_url, USERNAME, PASSWORD, "-Profile", FALSE);
  g_autoptr(TlBatch) batch = tl_batch_new (client, account, 2);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  int fd;

  tl_batch_add_text (batch, "M1 " TOKEN "\nM2 " TOKEN "\n");
  tl_batch_run_async (batch, NULL, on_batch_done, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tl_batch_run_finish (batch, res, NULL));

  /* written to a file and read back, as a spreadsheet would open it */
  csv = tl_batch_to_csv (batch);
  fd = g_file_open_tmp ("tl-export-XXXXXX.csv", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);

  cells = parse_csv (contents);
  g_assert_cmpuint (cells->len, ==, 3 * 8);
  for (guint i = 0; i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);

      if (*cell != '\0' && strchr ("=+-@\t\r", *cell) != NULL)
        g_error ("CSV cell %u would run as a formula: %s", i, cell);
    }
  g_assert_cmpstr (g_ptr_array_index (cells, 8 + 3), ==, "'=HYPERLINK(\"http://evil.example\",\"Open\")");
  g_assert_cmpstr (g_ptr_array_index (cells, 8 + 6), ==, "'@SUM(1+1)*cmd|' /C calc'!A0");
  g_assert_cmpstr (g_ptr_array_index (cells, 8 + 7), ==, "'-Profile (partner at 127.0.0.1)");
  g_assert_null (strstr (contents, TOKEN));
}

/* ---- the base URL ----------------------------------------------------------------------- */

static void
test_base_url_userinfo (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  g_assert_false (tl_client_check_base_url ("https://partner:" PASSWORD "@connect.example", &error));
  g_assert_nonnull (strstr (error->message, "must not contain a user name"));
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, "partner:"));

  run_cli (&run, "x\n", "--base-url", "http://partner:" PASSWORD "@evil.example", "--username", "u",
           "--password-stdin", "M1", TOKEN, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_null (strstr (run.err, PASSWORD));
}

/* The account check's probe is recognisable in the server's log and is never a real token. */
static void
test_check_account_probe (void)
{
  g_autofree char *reply = http_reply ("400 Bad Request", NULL,
                                       "{\"Message\":\"The request is invalid.\","
                                       "\"ModelState\":{\"token.Data\":[\"The token is not valid.\"]}}");
  g_autoptr(Hostile) h = hostile_new (reply);
  g_auto(Run) run = { 0 };
  const char *request;

  run_cli (&run, PASSWORD "\n", "--base-url", h->base_url, "--username", USERNAME, "--password-stdin",
           "--check-account", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "ACCEPTED: "));
  g_assert_cmpuint (h->requests->len, ==, 1);
  request = g_ptr_array_index (h->requests, 0);
  g_assert_true (g_str_has_prefix (request, "POST /Service/Order/Token/M1 HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (request, "{\"data\":\"TicketLookup-AccountCheck-NotAToken\"}"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/echoed-secrets/result", test_echoed_secrets_result);
  g_test_add_func ("/hostile/echoed-secrets/cli", test_echoed_secrets_cli);
  g_test_add_func ("/hostile/spelling/reader", test_spelling_reader);
  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/spelling/%s", spellings[i].name);
      g_test_add_data_func (path, &spellings[i], test_spelling);
    }
  g_test_add_func ("/hostile/terminal-injection", test_terminal_injection);
  g_test_add_func ("/hostile/unknown-verdict", test_unknown_verdict);
  for (guint i = 0; i < G_N_ELEMENTS (expiry_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/expiry-names/%u", i);
      g_test_add_data_func (path, &expiry_cases[i], test_expiry_names);
    }
  g_test_add_func ("/hostile/huge-header", test_huge_header);
  g_test_add_func ("/hostile/csv-formulas", test_csv_formulas);
  g_test_add_func ("/hostile/base-url-userinfo", test_base_url_userinfo);
  g_test_add_func ("/hostile/check-account-probe", test_check_account_probe);

  return g_test_run ();
}
