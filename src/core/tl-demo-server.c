/* tl-demo-server.c: SoupServer on 127.0.0.1, random port; Basic auth demo/demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tl-demo-server.h"

struct _TlDemoServer
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base_url;
  guint       slow_delay_ms;
  guint       n_requests;
  char       *password;
  GList      *pending;   /* of SlowAnswer*, slow answers not sent yet */
  gboolean    hold_slow; /* slow answers wait for tl_demo_server_release_held() */
};

G_DEFINE_FINAL_TYPE (TlDemoServer, tl_demo_server, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_HELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tokens are base64, so they pass as real tokens; the first two contain '+' and '/' so
 * that a callback URL with them shows URL-encoding at work. */
static const struct
{
  const char *token;
  const char *description;
} demo_tokens[TL_DEMO_N_TOKENS] = {
  [TL_DEMO_VALID]           = { "DemoValid+Token/01==",  N_("a valid ticket") },
  [TL_DEMO_EXPIRED]         = { "DemoExpired+Tok/01==",  N_("an expired ticket") },
  [TL_DEMO_BAD_REQUEST]     = { "DemoBadRequest/0001=",  N_("400 Bad Request with validation messages") },
  [TL_DEMO_PROBLEM_DETAILS] = { "DemoProblem+Details=",  N_("400 Bad Request as ProblemDetails") },
  [TL_DEMO_FORBIDDEN]       = { "DemoForbidden+01",      N_("403 Forbidden") },
  [TL_DEMO_NOT_FOUND]       = { "DemoNotFound+001",      N_("404 Not Found") },
  [TL_DEMO_SERVER_ERROR]    = { "DemoServerError+0001",  N_("500 Internal Server Error") },
  [TL_DEMO_SLOW]            = { "DemoSlowToken+01",      N_("a valid ticket after 3 seconds") },
  [TL_DEMO_SLOW_LARGE]      = { "DemoSlowLarge+Answer",  N_("a valid ticket in a 1 MB answer, sent slowly") },
};

const char *
tl_demo_token (TlDemoToken which)
{
  g_return_val_if_fail (which < TL_DEMO_N_TOKENS, NULL);
  return demo_tokens[which].token;
}

const char *
tl_demo_token_describe (TlDemoToken which)
{
  g_return_val_if_fail (which < TL_DEMO_N_TOKENS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, demo_tokens[which].description);
}

/**
 * tl_demo_tokens_help:
 *
 * Returns: the demo tokens, one per line, for --help and the README
 */
char *
tl_demo_tokens_help (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
    g_string_append_printf (out, "  %-22s %s\n", demo_tokens[i].token, tl_demo_token_describe (i));
  g_string_append_printf (out, _("  any other token        400 Bad Request (token not valid)\n"
                                 "  wrong username or password gives 401 Unauthorized.\n"
                                 "  Demo user “%s”, password “%s”, e.g. customer ID %s.\n"),
                          TL_DEMO_USERNAME, TL_DEMO_PASSWORD, TL_DEMO_CUSTOMER_ID);
  return g_string_free (out, FALSE);
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          const char        *content_type,
          const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, json, strlen (json));
}

static void
set_ticket (SoupServerMessage *msg,
            const char        *customer_id,
            gboolean           expired)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orderId");
  json_builder_add_string_value (builder, expired ? "ORD-2024-000417" : "ORD-2026-118305");
  json_builder_set_member_name (builder, "userId");
  json_builder_add_string_value (builder, "anna.lindqvist");
  json_builder_set_member_name (builder, "orderUserId");
  json_builder_add_string_value (builder, "erik.sjoberg");
  json_builder_set_member_name (builder, "targetId");
  json_builder_add_string_value (builder, "OBJ11385_1395932274");
  json_builder_set_member_name (builder, "targetType");
  json_builder_add_string_value (builder, "HousingCooperative");
  json_builder_set_member_name (builder, "tenantId");
  json_builder_add_string_value (builder, "T1");
  json_builder_set_member_name (builder, "chainId");
  json_builder_add_string_value (builder, "G1");
  json_builder_set_member_name (builder, "customerId");
  json_builder_add_string_value (builder, customer_id);
  json_builder_set_member_name (builder, "hasExpired");
  json_builder_add_boolean_value (builder, expired);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  set_json (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", text);
}

static gboolean
check_auth (TlDemoServer      *self,
            SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree char *expected = NULL;
  g_autofree char *pair = g_strconcat (TL_DEMO_USERNAME, ":", self->password ? self->password : TL_DEMO_PASSWORD, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

  expected = g_strconcat ("Basic ", encoded, NULL);
  /* The scheme name is case-insensitive, as the vendor's own example writes "basic". */
  return header != NULL && strlen (header) == strlen (expected) &&
         g_ascii_strncasecmp (header, "Basic ", 6) == 0 &&
         strcmp (header + 6, expected + 6) == 0;
}

typedef struct
{
  TlDemoServer      *self;
  SoupServerMessage *msg;
  char              *customer_id;
  GSource           *source;      /* the delay; NULL while held */
  gulong             disconnected_id;
} SlowAnswer;

/* Forgets @answer without sending anything (the client went away, or the server stops). */
static void
slow_answer_drop (SlowAnswer *answer)
{
  TlDemoServer *self = answer->self;

  self->pending = g_list_remove (self->pending, answer);
  g_clear_signal_handler (&answer->disconnected_id, answer->msg);
  if (answer->source != NULL)
    {
      g_source_destroy (answer->source);
      g_clear_pointer (&answer->source, g_source_unref);
    }
  g_object_unref (answer->msg);
  g_free (answer->customer_id);
  g_free (answer);
}

static void
slow_answer_send (SlowAnswer *answer)
{
  TlDemoServer *self = answer->self;

  set_ticket (answer->msg, answer->customer_id, FALSE);
  soup_server_message_unpause (answer->msg);
  slow_answer_drop (answer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
}

static gboolean
on_slow_answer (gpointer user_data)
{
  slow_answer_send (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_slow_disconnected (SoupServerMessage *msg,
                      SlowAnswer        *answer)
{
  TlDemoServer *self = answer->self;

  slow_answer_drop (answer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
}

static void
start_slow_answer (TlDemoServer      *self,
                   SoupServerMessage *msg,
                   char              *customer_id)
{
  SlowAnswer *answer = g_new0 (SlowAnswer, 1);

  answer->self = self;
  answer->msg = g_object_ref (msg);
  answer->customer_id = customer_id;
  soup_server_message_pause (msg);
  answer->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_slow_disconnected), answer);
  if (!self->hold_slow)
    {
      answer->source = g_timeout_source_new (self->slow_delay_ms);
      g_source_set_callback (answer->source, on_slow_answer, answer, NULL);
      g_source_attach (answer->source, g_main_context_get_thread_default ());
    }
  self->pending = g_list_append (self->pending, answer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
}

/* A valid ticket padded to just under 1 MiB, written in 16 KiB chunks every 10 ms. */
#define LARGE_ANSWER_SIZE (1000 * 1000)
#define LARGE_CHUNK       (16 * 1024)

typedef struct
{
  SoupServerMessage *msg;
  GBytes            *body;
  gsize              offset;
  guint              source_id;
} LargeAnswer;

static void
large_answer_free (gpointer data)
{
  LargeAnswer *answer = data;

  g_clear_handle_id (&answer->source_id, g_source_remove);
  g_bytes_unref (answer->body);
  g_free (answer);
}

static gboolean
on_large_chunk (gpointer user_data)
{
  LargeAnswer *answer = user_data;
  gsize size = g_bytes_get_size (answer->body);
  gsize n = MIN (LARGE_CHUNK, size - answer->offset);
  SoupMessageBody *body = soup_server_message_get_response_body (answer->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY,
                            (const char *) g_bytes_get_data (answer->body, NULL) + answer->offset, n);
  answer->offset += n;
  if (answer->offset >= size)
    {
      soup_message_body_complete (body);
      answer->source_id = 0;
      soup_server_message_unpause (answer->msg);
      return G_SOURCE_REMOVE;
    }
  soup_server_message_unpause (answer->msg);
  return G_SOURCE_CONTINUE;
}

static void
on_large_finished (SoupServerMessage *msg,
                   gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), "tl-large-answer", NULL);
}

static void
start_large_answer (SoupServerMessage *msg,
                    const char        *customer_id)
{
  LargeAnswer *answer = g_new0 (LargeAnswer, 1);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *escaped = g_strescape (customer_id, NULL);

  g_string_append_printf (text, "{\"orderId\":\"ORD-2026-118305\",\"userId\":\"anna.lindqvist\","
                          "\"orderUserId\":\"erik.sjoberg\",\"targetId\":\"OBJ11385_1395932274\","
                          "\"targetType\":\"HousingCooperative\",\"tenantId\":\"T1\",\"chainId\":\"G1\","
                          "\"customerId\":\"%s\",\"hasExpired\":false,\"padding\":\"", escaped);
  while (text->len < LARGE_ANSWER_SIZE - 2)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"}");

  answer->msg = msg;
  answer->body = g_string_free_to_bytes (g_steal_pointer (&text));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/json", NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  g_object_set_data_full (G_OBJECT (msg), "tl-large-answer", answer, large_answer_free);
  g_signal_connect (msg, "finished", G_CALLBACK (on_large_finished), NULL);
  soup_server_message_pause (msg);
  answer->source_id = g_timeout_add (10, on_large_chunk, answer);
}

static void
handle_token (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  TlDemoServer *self = user_data;
  const char *prefix = "/Service/Order/Token/";
  g_autofree char *customer_id = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) request_body = NULL;
  SoupMessageBody *body;
  const char *token = NULL;
  JsonNode *root;

  self->n_requests++;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Request-Id", "demo-0f6c2a1e");

  if (!g_str_has_prefix (path, prefix) || strchr (path + strlen (prefix), '/') != NULL ||
      path[strlen (prefix)] == '\0')
    {
      set_json (msg, SOUP_STATUS_NOT_FOUND, "application/json; charset=utf-8",
                "{\"Message\":\"No HTTP resource was found that matches the request URI.\"}");
      return;
    }

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      set_json (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "application/json; charset=utf-8",
                "{\"Message\":\"The requested resource does not support this HTTP method.\"}");
      return;
    }

  if (!check_auth (self, msg))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"Express Connect\"");
      set_json (msg, SOUP_STATUS_UNAUTHORIZED, "application/json; charset=utf-8",
                "{\"Message\":\"Authorization has been denied for this request.\"}");
      return;
    }

  customer_id = g_uri_unescape_string (path + strlen (prefix), NULL);

  body = soup_server_message_get_request_body (msg);
  request_body = soup_message_body_flatten (body);
  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, g_bytes_get_data (request_body, NULL),
                                  g_bytes_get_size (request_body), NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (json_object_has_member (object, "data"))
        token = json_object_get_string_member_with_default (object, "data", NULL);
      else if (json_object_has_member (object, "Data"))
        token = json_object_get_string_member_with_default (object, "Data", NULL);
    }

  if (customer_id == NULL || token == NULL || *token == '\0')
    {
      set_json (msg, SOUP_STATUS_BAD_REQUEST, "application/json; charset=utf-8",
                "{\"Message\":\"The request is invalid.\","
                "\"ModelState\":{\"token.Data\":[\"The Data field is required.\"]}}");
      return;
    }

  /* A customer that is not the demo account's: 403 for any token, as the real service answers
   * a partner asking about an office it has no access to. */
  if (strcmp (customer_id, TL_DEMO_FOREIGN_CUSTOMER_ID) == 0)
    set_json (msg, SOUP_STATUS_FORBIDDEN, "application/json; charset=utf-8",
              "{\"Message\":\"Access to customer data is denied.\"}");
  else if (strcmp (token, demo_tokens[TL_DEMO_VALID].token) == 0)
    set_ticket (msg, customer_id, FALSE);
  else if (strcmp (token, demo_tokens[TL_DEMO_EXPIRED].token) == 0)
    set_ticket (msg, customer_id, TRUE);
  else if (strcmp (token, demo_tokens[TL_DEMO_PROBLEM_DETAILS].token) == 0)
    set_json (msg, SOUP_STATUS_BAD_REQUEST, "application/problem+json; charset=utf-8",
              "{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\","
              "\"title\":\"One or more validation errors occurred.\",\"status\":400,"
              "\"traceId\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\","
              "\"errors\":{\"Data\":[\"The token could not be decrypted.\"]}}");
  else if (strcmp (token, demo_tokens[TL_DEMO_FORBIDDEN].token) == 0)
    set_json (msg, SOUP_STATUS_FORBIDDEN, "application/json; charset=utf-8",
              "{\"Message\":\"Access to customer data is denied.\"}");
  else if (strcmp (token, demo_tokens[TL_DEMO_NOT_FOUND].token) == 0)
    set_json (msg, SOUP_STATUS_NOT_FOUND, "application/json; charset=utf-8",
              "{\"Message\":\"No order was found for the token.\"}");
  else if (strcmp (token, demo_tokens[TL_DEMO_SERVER_ERROR].token) == 0)
    set_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json; charset=utf-8",
              "{\"Message\":\"An error has occurred.\"}");
  else if (strcmp (token, demo_tokens[TL_DEMO_SLOW_LARGE].token) == 0)
    start_large_answer (msg, customer_id);
  else if (strcmp (token, demo_tokens[TL_DEMO_SLOW].token) == 0)
    start_slow_answer (self, msg, g_steal_pointer (&customer_id));
  else   /* TL_DEMO_BAD_REQUEST, and any token the demo does not know */
    set_json (msg, SOUP_STATUS_BAD_REQUEST, "application/json; charset=utf-8",
              "{\"Message\":\"The request is invalid.\","
              "\"ModelState\":{\"token.Data\":[\"The token is not valid.\","
              "\"The token does not belong to the customer.\"]}}");
}

static void
tl_demo_server_dispose (GObject *object)
{
  TlDemoServer *self = (TlDemoServer *) object;

  while (self->pending != NULL)
    slow_answer_drop (self->pending->data);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (tl_demo_server_parent_class)->dispose (object);
}

static void
tl_demo_server_finalize (GObject *object)
{
  TlDemoServer *self = (TlDemoServer *) object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->password, g_free);
  G_OBJECT_CLASS (tl_demo_server_parent_class)->finalize (object);
}

static void
tl_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlDemoServer *self = (TlDemoServer *) object;

  switch (prop_id)
    {
    case PROP_N_HELD:
      g_value_set_uint (value, tl_demo_server_get_n_held (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_demo_server_class_init (TlDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tl_demo_server_dispose;
  object_class->finalize = tl_demo_server_finalize;
  object_class->get_property = tl_demo_server_get_property;

  /**
   * TlDemoServer:n-held:
   *
   * How many slow answers the server has not sent yet (their clients still waiting).
   */
  properties[PROP_N_HELD] =
    g_param_spec_uint ("n-held", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_demo_server_init (TlDemoServer *self)
{
  const char *slow_ms = g_getenv ("TL_DEMO_SLOW_MS");

  self->slow_delay_ms = 3000;
  /* A test hook: TL_DEMO_SLOW_MS=600000 makes the slow token wait ten minutes, far beyond any
   * test's step, so a test of Stop or Cancel in `ticket-lookup --demo` or
   * `ticket-lookup-cli --demo` finds its lookups still in flight whenever it presses. */
  if (slow_ms != NULL && *slow_ms != '\0')
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (slow_ms, 10, 0, G_MAXUINT, &value, NULL))
        self->slow_delay_ms = (guint) value;
      else
        g_warning ("TL_DEMO_SLOW_MS=%s is not a number of milliseconds; ignored", slow_ms);
    }
}

/**
 * tl_demo_server_new:
 *
 * Starts listening on 127.0.0.1 with a port the system picks, on the thread-default main
 * context.
 */
TlDemoServer *
tl_demo_server_new (GError **error)
{
  g_autoptr(TlDemoServer) self = g_object_new (TL_TYPE_DEMO_SERVER, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocket) socket = NULL;

  self->server = soup_server_new ("server-header", "ticket-lookup-demo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, "/Service/Order/Token", handle_token, self, NULL);
  soup_server_add_handler (self->server, NULL, handle_token, self, NULL);

  /* Our own socket, for a listen backlog that takes a burst of batch connections (GSocket's
   * default of 10 resets connections when many lookups start at once). */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, 256);
  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (self->server, socket, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    {
      GUri *uri = uris->data;

      self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
    }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

const char *
tl_demo_server_get_base_url (TlDemoServer *self)
{
  g_return_val_if_fail (TL_IS_DEMO_SERVER (self), NULL);
  return self->base_url;
}

/**
 * tl_demo_server_set_slow_delay:
 * @milliseconds: how long the slow token's answer waits (3000 unless $TL_DEMO_SLOW_MS says)
 *
 * Applies to slow requests that arrive afterwards.
 */
void
tl_demo_server_set_slow_delay (TlDemoServer *self,
                               guint         milliseconds)
{
  g_return_if_fail (TL_IS_DEMO_SERVER (self));
  self->slow_delay_ms = milliseconds;
}

/**
 * tl_demo_server_hold_slow:
 *
 * From now on the slow token's answers are held until tl_demo_server_release_held(), however
 * long that takes: a test stops or cancels lookups that it knows are in flight
 * (tl_demo_server_get_n_held()), with no race against the delay.
 */
void
tl_demo_server_hold_slow (TlDemoServer *self)
{
  g_return_if_fail (TL_IS_DEMO_SERVER (self));
  self->hold_slow = TRUE;
}

/**
 * tl_demo_server_get_n_held:
 *
 * Returns: how many slow answers are not sent yet, whether held or waiting for their delay;
 *   #TlDemoServer:n-held is notified when this changes
 */
guint
tl_demo_server_get_n_held (TlDemoServer *self)
{
  g_return_val_if_fail (TL_IS_DEMO_SERVER (self), 0);
  return g_list_length (self->pending);
}

/**
 * tl_demo_server_release_held:
 *
 * Sends every slow answer not sent yet, now, and stops holding new ones.
 */
void
tl_demo_server_release_held (TlDemoServer *self)
{
  g_return_if_fail (TL_IS_DEMO_SERVER (self));
  self->hold_slow = FALSE;
  while (self->pending != NULL)
    slow_answer_send (self->pending->data);
}

/**
 * tl_demo_server_set_password:
 * @password: (nullable): the password the demo user must give, %NULL for "demo"
 */
void
tl_demo_server_set_password (TlDemoServer *self,
                             const char   *password)
{
  g_return_if_fail (TL_IS_DEMO_SERVER (self));
  g_free (self->password);
  self->password = g_strdup (password);
}
