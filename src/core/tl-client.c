/* tl-client.c: builds the documented request, enforces the rules, reads the answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tl-secret.h"
#include "tl-redactor.h"
#include "tl-text.h"
#include "tl-client.h"
#include "tl-deadline.h"
#include "tl-gateway.h"
#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "tl-proxy.h"

struct _TlClient
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout_ms;
  GTlsDatabase *tls_database;   /* NULL: the system's, loaded by libsoup on the first HTTPS */
  TlProxyResolver *proxy_resolver;
  GTimeZone   *local_tz;        /* for each result's start time; see local_time_zone() */
  gint64       local_tz_read;   /* monotonic µs when it was read */
};

G_DEFINE_FINAL_TYPE (TlClient, tl_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tl_client_finalize (GObject *object)
{
  TlClient *self = (TlClient *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);
  g_clear_object (&self->proxy_resolver);
  g_clear_pointer (&self->local_tz, g_time_zone_unref);

  G_OBJECT_CLASS (tl_client_parent_class)->finalize (object);
}

static void
tl_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TlClient *self = TL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, tl_client_get_timeout (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TlClient *self = TL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      tl_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_client_class_init (TlClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_client_finalize;
  object_class->get_property = tl_client_get_property;
  object_class->set_property = tl_client_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, TL_DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The local time zone, read again at most every 10 s: g_time_zone_new_local() reads the
 * /etc/localtime link and stats the zone database each time, which in a batch was a tenth of
 * the CPU time spent per lookup. A zone changed while the program runs is followed within 10 s. */
static GTimeZone *
local_time_zone (TlClient *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->local_tz == NULL || now - self->local_tz_read > 10 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&self->local_tz, g_time_zone_unref);
      self->local_tz = g_time_zone_new_local ();
      self->local_tz_read = now;
    }
  return self->local_tz;
}

static SoupSession *
new_session (TlClient *self,
             guint     max_conns,
             guint     max_conns_per_host)
{
  SoupSession *session;

  session = soup_session_new_with_options ("user-agent", "ticket-lookup/" PACKAGE_VERSION " ",
                                           "max-conns", max_conns,
                                           "max-conns-per-host", max_conns_per_host,
                                           "idle-timeout", 60,
                                           "proxy-resolver", self->proxy_resolver,
                                           NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  /* Credentials are sent only by us, in the one header we build; never by an auth manager. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  /* Answers are a few hundred bytes of JSON: no "Accept-Encoding", and nothing a server sends
   * compressed anyway is inflated. That keeps a decompression bomb out of reach, and saves the
   * decoder's stream and header work on every lookup (about 5 % of a lookup's instructions). */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

static void
tl_client_init (TlClient *self)
{
  /* The user's proxy settings (GNOME's, or the proxy portal's inside Flatpak), asked about a
   * URL only when a request leaves this computer; loopback is always reached directly. */
  self->proxy_resolver = tl_proxy_resolver_new_default ();
  self->session = new_session (self, 64, 32);
  self->timeout_ms = TL_DEFAULT_TIMEOUT_SECONDS * 1000;
}

/**
 * tl_client_new:
 *
 * The client holds no account: every lookup is given the account it is made with.
 */
TlClient *
tl_client_new (void)
{
  return g_object_new (TL_TYPE_CLIENT, NULL);
}

guint
tl_client_get_timeout (TlClient *self)
{
  g_return_val_if_fail (TL_IS_CLIENT (self), 0);
  return (self->timeout_ms + 999) / 1000;
}

void
tl_client_set_timeout (TlClient *self,
                       guint     seconds)
{
  g_return_if_fail (TL_IS_CLIENT (self));
  tl_client_set_timeout_ms (self, MAX (seconds, 1) * 1000);
}

/**
 * tl_client_set_timeout_ms:
 *
 * The deadline for a whole lookup: connecting, sending and reading the complete answer.
 */
void
tl_client_set_timeout_ms (TlClient *self,
                          guint     milliseconds)
{
  g_return_if_fail (TL_IS_CLIENT (self));
  if (self->timeout_ms == milliseconds)
    return;
  self->timeout_ms = MAX (milliseconds, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * tl_client_set_tls_database:
 *
 * Replaces the system trust store; for tests with their own certificate authority.
 */
void
tl_client_set_tls_database (TlClient     *self,
                            GTlsDatabase *database)
{
  g_return_if_fail (TL_IS_CLIENT (self));
  g_set_object (&self->tls_database, database);
  soup_session_set_tls_database (self->session, database);
}

void
tl_client_set_max_connections (TlClient *self,
                               guint     max_conns)
{
  g_autoptr(SoupSession) session = NULL;

  g_return_if_fail (TL_IS_CLIENT (self));

  /* max-conns is construct-only: swap in a new session. (Not asking the old session for its
   * TLS database: that would load the whole system trust store, ~30 ms, for nothing.) */
  session = new_session (self, MAX (max_conns, 2), MAX (max_conns, 2));
  g_set_object (&self->session, session);
}

/**
 * tl_client_set_proxy_resolver:
 * @resolver: (nullable): where requests go through; %NULL for the user's settings
 *
 * Loopback is always reached directly, whatever @resolver says.
 */
void
tl_client_set_proxy_resolver (TlClient       *self,
                              GProxyResolver *resolver)
{
  g_return_if_fail (TL_IS_CLIENT (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  g_clear_object (&self->proxy_resolver);
  if (resolver != NULL && TL_IS_PROXY_RESOLVER (resolver))
    self->proxy_resolver = g_object_ref (TL_PROXY_RESOLVER (resolver));
  else if (resolver != NULL)
    self->proxy_resolver = tl_proxy_resolver_new (resolver);
  else
    self->proxy_resolver = tl_proxy_resolver_new_default ();
  soup_session_set_proxy_resolver (self->session, G_PROXY_RESOLVER (self->proxy_resolver));
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* @url as it may be quoted in a message: without anything between "://" and "@", where a
 * pasted address may carry a username and password. */
static char *
display_url (const char *url)
{
  const char *start = strstr (url, "://");
  const char *at, *end;

  if (start == NULL)
    return g_strdup (url);
  start += 3;
  end = start + strcspn (start, "/?#");
  at = NULL;
  for (const char *p = start; p < end; p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    return g_strdup (url);
  return g_strdup_printf ("%.*s…@%s", (int) (start - url), url, at + 1);
}

static GUri *
parse_base_url (const char  *raw_base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base_url = display_url (raw_base_url);
  const char *scheme;

  uri = g_uri_parse (raw_base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("“%s” is not a web address. Use an address like %s."),
                   base_url, TL_DEFAULT_BASE_URL);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    ;
  else if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (!host_is_loopback (g_uri_get_host (uri)))
        {
          g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                       _("“%s” uses plain http://, which would send the password unencrypted. "
                         "Use https:// (plain http:// is only allowed to this computer)."),
                       base_url);
          return NULL;
        }
    }
  else
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("“%s” is not an https:// address."), base_url);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("The base URL “%s” must not contain a user name, “?” or “#”."), base_url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
tl_client_check_base_url (const char  *base_url,
                          GError     **error)
{
  g_autofree char *url = tl_normalize_base_url (base_url);
  g_autoptr(GUri) uri = parse_base_url (url, error);

  return uri != NULL;
}

/* Escapes everything but RFC 3986 unreserved characters, and '.' too, so that no customer id
 * can become a "." or ".." segment: the id is always exactly one path segment on the wire. */
static char *
escape_segment (const char *segment)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) segment; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* Builds the GUri directly: re-parsing the string would let GUri normalize "%2E%2E" back into
 * ".." and remove it as a dot segment. */
static GUri *
build_uri (const char  *base_url,
           const char  *customer_id,
           GError     **error)
{
  g_autofree char *url = tl_normalize_base_url (base_url);
  g_autoptr(GUri) base = parse_base_url (url, error);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_path = NULL;
  gsize len;

  if (base == NULL)
    return NULL;

  base_path = g_strdup (g_uri_get_path (base));
  len = strlen (base_path);
  while (len > 0 && base_path[len - 1] == '/')
    base_path[--len] = '\0';

  escaped = escape_segment (customer_id);
  path = g_strconcat (base_path, "/Service/Order/Token/", escaped, NULL);
  return g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (base), NULL,
                      g_uri_get_host (base), g_uri_get_port (base), path, NULL, NULL);
}

/**
 * tl_client_build_url:
 *
 * Returns: `{base}/Service/Order/Token/{customerId}` with the id escaped as one path segment,
 *   or %NULL with a %TL_LOOKUP_ERROR_INSECURE_URL error
 */
char *
tl_client_build_url (const char  *base_url,
                     const char  *customer_id,
                     GError     **error)
{
  g_autoptr(GUri) uri = build_uri (base_url, customer_id, error);

  return uri ? g_uri_to_string (uri) : NULL;
}

/**
 * tl_client_build_body:
 *
 * Returns: `{"data":"<token>"}`, the token written as a JSON string (tl_text_append_json_string).
 *   Secret: free with tl_secret_free().
 */
char *
tl_client_build_body (const char *token)
{
  g_autofree char *valid = g_utf8_validate (token, -1, NULL) ? NULL : g_utf8_make_valid (token, -1);
  const char *text = valid ? valid : token;
  /* Sized for the longest escaping (six bytes for one), so the buffer never moves and leaves no
   * copy of the token behind in freed memory. */
  GString *body = g_string_sized_new (6 * strlen (text) + 16);

  g_string_append (body, "{\"data\":");
  tl_text_append_json_string (body, text);
  g_string_append_c (body, '}');
  if (valid != NULL)
    explicit_bzero (valid, strlen (valid));
  return g_string_free (body, FALSE);
}

/**
 * tl_client_build_authorization:
 *
 * Returns: "Basic base64(username:password)" of the UTF-8 strings. Secret: free with care.
 */
char *
tl_client_build_authorization (const char *username,
                               const char *password)
{
  g_autofree char *pair = g_strconcat (username ? username : "", ":", password ? password : "", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  char *header = g_strconcat ("Basic ", encoded, NULL);

  explicit_bzero (pair, strlen (pair));
  explicit_bzero (encoded, strlen (encoded));
  return header;
}

/* One lookup in flight. */
typedef struct
{
  TlLookupResult *result;
  SoupMessage    *msg;
  GInputStream   *stream;
  GByteArray     *body;
  TlDeadline     *deadline;        /* the caller's cancel or the time limit; NULL until sent */
  guint           timeout_ms;
  gsize           max_size;
  gint64          start_us;
  char           *token;
  char           *password;
  TlRedactor     *redactor;        /* the token and credentials of this lookup */
  goffset         content_length;  /* -1 when not announced */
  gboolean        parsed;          /* parsed in a worker thread */
  TlTicket       *parsed_ticket;
  GError         *parse_error;
} LookupData;

/* What the lookup's I/O runs on: cancelled by the caller or by the time limit. */
static GCancellable *
lookup_cancellable (LookupData *data)
{
  return tl_deadline_get_cancellable (data->deadline);
}

/* Answers larger than this are parsed in a worker thread. */
#define PARSE_IN_THREAD_SIZE (64 * 1024)

static void
lookup_data_free (LookupData *data)
{
  g_clear_pointer (&data->deadline, tl_deadline_free);
  g_clear_object (&data->result);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->token, tl_secret_free);
  g_clear_pointer (&data->password, tl_secret_free);
  g_clear_pointer (&data->redactor, tl_redactor_free);
  g_clear_object (&data->parsed_ticket);
  g_clear_error (&data->parse_error);
  g_free (data);
}


static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  SoupMessageHeaders *copy = user_data;

  if (g_ascii_strcasecmp (name, "Authorization") == 0)
    value = "Basic ••••";
  soup_message_headers_append (copy, name, value);
}

static const char *request_id_headers[] = {
  "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Trace-Id", "X-Amzn-Trace-Id",
  "X-MS-Request-Id", "X-Azure-Ref", "Traceparent",
};

static void
fill_diagnostics (LookupData *data)
{
  TlLookupResult *result = data->result;
  SoupMessageHeaders *response_headers;
  SoupMessageMetrics *metrics;

  result->elapsed_us = g_get_monotonic_time () - data->start_us;
  if (data->msg == NULL)
    return;   /* refused before anything was sent */
  response_headers = soup_message_get_response_headers (data->msg);

  if (result->request_headers == NULL)
    {
      result->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      soup_message_headers_foreach (soup_message_get_request_headers (data->msg), copy_header,
                                    result->request_headers);
    }

  metrics = soup_message_get_metrics (data->msg);
  if (metrics != NULL && result->metrics == NULL)
    result->metrics = soup_message_metrics_copy (metrics);

  if (result->status == 0 && soup_message_get_status (data->msg) != SOUP_STATUS_NONE)
    {
      result->status = soup_message_get_status (data->msg);
      result->reason = g_strdup (soup_message_get_reason_phrase (data->msg));
    }

  if (result->status != 0 && result->response_headers == NULL)
    {
      result->response_headers = soup_message_headers_ref (response_headers);
      result->http_version = g_strdup (soup_message_get_http_version (data->msg) == SOUP_HTTP_2_0
                                       ? "HTTP/2"
                                       : soup_message_get_http_version (data->msg) == SOUP_HTTP_1_0
                                       ? "HTTP/1.0" : "HTTP/1.1");
    }

  if (result->response_headers != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (request_id_headers) && result->request_id == NULL; i++)
        {
          const char *v = soup_message_headers_get_one (result->response_headers, request_id_headers[i]);
          if (v != NULL)
            result->request_id = g_strndup (v, 200);
        }
      if (result->retry_after == NULL)
        {
          const char *v = soup_message_headers_get_one (result->response_headers, "Retry-After");
          if (v != NULL)
            result->retry_after = g_strndup (v, 100);
        }
    }

  if (data->body != NULL && data->body->len > 0 && result->body_excerpt == NULL)
    {
      gsize n = MIN (data->body->len, TL_BODY_EXCERPT_MAX);
      result->body_size = data->body->len;
      result->body_excerpt = g_utf8_make_valid ((const char *) data->body->data, n);
    }
}

static void
redact_string (TlRedactor  *redactor,
               char       **field)
{
  char *redacted;

  if (*field == NULL)
    return;
  redacted = tl_redactor_apply (redactor, *field);
  g_free (*field);
  *field = redacted;
}

static void
redact_header (const char *name,
               const char *value,
               gpointer    user_data)
{
  gpointer *pair = user_data;
  g_autofree char *redacted = tl_redactor_apply (pair[0], value);

  soup_message_headers_append (pair[1], name, redacted);
}

/* The one redaction pass: every string of the result that came from the network, or that was
 * composed with such a string (the error message quotes the reason phrase, Location, …), with
 * the token and credentials of this lookup replaced, in whatever form they were echoed. */
static void
redact_result (TlLookupResult *result,
               TlRedactor     *redactor)
{
  if (tl_redactor_is_empty (redactor))
    return;

  redact_string (redactor, &result->reason);
  redact_string (redactor, &result->request_id);
  redact_string (redactor, &result->retry_after);
  redact_string (redactor, &result->body_excerpt);
  if (result->error != NULL)
    redact_string (redactor, &result->error->message);
  if (result->error_body != NULL)
    {
      redact_string (redactor, &result->error_body->message);
      redact_string (redactor, &result->error_body->trace_id);
      for (guint i = 0; i < result->error_body->details->len; i++)
        redact_string (redactor, (char **) &g_ptr_array_index (result->error_body->details, i));
    }
  if (result->response_headers != NULL)
    {
      SoupMessageHeaders *copy = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      gpointer pair[2] = { redactor, copy };

      soup_message_headers_foreach (result->response_headers, redact_header, pair);
      soup_message_headers_unref (result->response_headers);
      result->response_headers = copy;
    }
  if (result->ticket != NULL)
    for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
      {
        const char *value = tl_ticket_get_string (result->ticket, f);
        g_autofree char *redacted = tl_redactor_apply (redactor, value);

        if (g_strcmp0 (value, redacted) != 0)
          tl_ticket_set_string (result->ticket, f, redacted);
      }
}

static void
complete (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);

  fill_diagnostics (data);
  redact_result (data->result, data->redactor);
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_pointer (task, g_object_ref (data->result), g_object_unref);
}

static void
fail (GTask         *task,
      TlLookupError  code,
      const char    *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (GTask         *task,
      TlLookupError  code,
      const char    *format,
      ...)
{
  LookupData *data = g_task_get_task_data (task);
  va_list args;

  va_start (args, format);
  g_clear_error (&data->result->error);
  data->result->error = g_error_new_valist (TL_LOOKUP_ERROR, code, format, args);
  va_end (args);
  complete (task);
}

static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  GString *out = g_string_new (NULL);

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is not signed by a trusted authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is for a different server name"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it has expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "", _("it uses an insecure algorithm"));
  return g_string_free (out, out->len == 0);
}

/* The proxy this lookup went through, as "host:port"; NULL when it went directly. */
static char *
describe_proxy (GTask *task)
{
  TlClient *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);

  return tl_proxy_resolver_describe (self->proxy_resolver, data->result->url);
}

/* Who issued the certificate that was not accepted: what tells a TLS-inspecting office proxy
 * from a broken server. */
static char *
describe_issuer (SoupMessage *msg)
{
  GTlsCertificate *certificate = soup_message_get_tls_peer_certificate (msg);
  g_autofree char *issuer = NULL;

  if (certificate == NULL || (issuer = g_tls_certificate_get_issuer_name (certificate)) == NULL)
    return NULL;
  if (!g_utf8_validate (issuer, -1, NULL) || g_utf8_strlen (issuer, -1) > 300)
    return NULL;
  return g_steal_pointer (&issuer);
}

static void
fail_with_gerror (GTask        *task,
                  const GError *error)
{
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GUri) uri = g_uri_parse (data->result->url, SOUP_HTTP_URI_FLAGS, NULL);
  const char *host = uri ? g_uri_get_host (uri) : "?";
  g_autofree char *proxy = NULL;

  if (!tl_deadline_expired (data->deadline) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      (error->domain == G_RESOLVER_ERROR || error->domain == G_IO_ERROR) &&
      soup_message_get_tls_peer_certificate (data->msg) == NULL &&
      (proxy = describe_proxy (task)) != NULL)
    {
      /* Through a proxy, this computer connects to nothing but the proxy, and no name but the
       * proxy's is looked up here: a connection that failed before TLS failed at the proxy. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED))
        fail (task, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s asks for a sign-in before it lets the connection to %s through."),
              proxy, host);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
        fail (task, TL_LOOKUP_ERROR_PROXY, _("The proxy %s refused the connection to %s."),
              proxy, host);
      else
        fail (task, TL_LOOKUP_ERROR_PROXY, _("The proxy %s could not be reached (%s)."),
              proxy, error->message);
      return;
    }

  if (tl_deadline_expired (data->deadline))
    fail (task, TL_LOOKUP_ERROR_TIMEOUT,
          _("No complete answer from %s within %.1f seconds."), host, data->timeout_ms / 1000.0);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fail (task, TL_LOOKUP_ERROR_CANCELLED, _("The lookup was cancelled."));
  else if (error->domain == G_RESOLVER_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    fail (task, TL_LOOKUP_ERROR_DNS, _("The server name “%s” could not be found (%s)."),
          host, error->message);
  else if (error->domain == G_TLS_ERROR)
    {
      GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (data->msg);
      g_autofree char *why = describe_tls_errors (flags);
      g_autofree char *issuer = describe_issuer (data->msg);

      if (why != NULL && issuer != NULL && (flags & G_TLS_CERTIFICATE_UNKNOWN_CA))
        fail (task, TL_LOOKUP_ERROR_TLS,
              _("The certificate of %s was not accepted: %s. It was issued by “%s”. If that is "
                "your office's network security, its root certificate must be installed on this "
                "computer; otherwise someone is between you and the service."),
              host, why, issuer);
      else if (why != NULL && issuer != NULL)
        fail (task, TL_LOOKUP_ERROR_TLS,
              _("The certificate of %s was not accepted: %s. It was issued by “%s”."),
              host, why, issuer);
      else if (why != NULL)
        fail (task, TL_LOOKUP_ERROR_TLS, _("The certificate of %s was not accepted: %s."), host, why);
      else
        fail (task, TL_LOOKUP_ERROR_TLS, _("The secure connection to %s failed: %s"), host,
              error->message);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    fail (task, TL_LOOKUP_ERROR_TIMEOUT, _("The connection to %s timed out (%s)."), host,
          error->message);
  else if (error->domain == SOUP_SESSION_ERROR &&
           (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING))
    fail (task, TL_LOOKUP_ERROR_MALFORMED, _("%s did not answer in HTTP: %s"), host,
          error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    fail (task, TL_LOOKUP_ERROR_NETWORK, _("%s refused the connection (%s)."), host,
          error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
           (g_strcmp0 (error->message, "Header too big") == 0 ||
            g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0))
    /* libsoup stops reading headers past its limit (64–100 KiB) */
    fail (task, TL_LOOKUP_ERROR_TOO_LARGE,
          _("The answer's headers from %s are larger than this app accepts; reading stopped there."),
          host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    fail (task, TL_LOOKUP_ERROR_NETWORK,
          _("The connection to %s closed before the whole answer arrived (%s)."), host,
          error->message);
  else
    fail (task, TL_LOOKUP_ERROR_NETWORK, _("The connection to %s failed: %s"), host,
          error->message);
}

static void finish_body (GTask *task);

/* What the worker thread parses: the body and its content type. */
typedef struct
{
  GByteArray *body;
  char       *content_type;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_byte_array_unref (job->body);
  g_free (job->content_type);
  g_free (job);
}

static void
parse_thread (GTask        *parse,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  TlTicket *ticket = tl_ticket_new_from_data ((const char *) job->body->data, job->body->len,
                                              job->content_type, &error);

  if (ticket != NULL)
    g_task_return_pointer (parse, ticket, g_object_unref);
  else
    g_task_return_error (parse, error);
}

static void
on_parsed (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);

  data->parsed = TRUE;
  data->parsed_ticket = g_task_propagate_pointer (G_TASK (res), &data->parse_error);
  if (g_error_matches (data->parse_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* cancelled or timed out while parsing */
      g_autoptr(GError) error = g_steal_pointer (&data->parse_error);
      fail_with_gerror (task, error);
      return;
    }
  finish_body (task);
}

static void
finish_body (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);
  TlLookupResult *result = data->result;
  guint status = soup_message_get_status (data->msg);
  const char *content_type =
    soup_message_headers_get_content_type (soup_message_get_response_headers (data->msg), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *gateway_cause = NULL;
  TlLookupError gateway_code;

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && data->body->len > PARSE_IN_THREAD_SIZE && !data->parsed)
    {
      /* A large answer is parsed off the main loop, so a window never stalls on it. */
      g_autoptr(GTask) parse = g_task_new (NULL, lookup_cancellable (data), on_parsed,
                                           g_object_ref (task));
      ParseJob *job = g_new0 (ParseJob, 1);

      job->body = g_byte_array_ref (data->body);
      job->content_type = g_strdup (content_type);
      g_task_set_task_data (parse, job, (GDestroyNotify) parse_job_free);
      g_task_run_in_thread (parse, parse_thread);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (data->parsed)
        {
          result->ticket = g_steal_pointer (&data->parsed_ticket);
          error = g_steal_pointer (&data->parse_error);
        }
      else
        result->ticket = tl_ticket_new_from_data ((const char *) data->body->data ? (const char *) data->body->data : "",
                                                  data->body->len,
                                                  content_type, &error);
      if (result->ticket == NULL)
        {
          result->error = g_steal_pointer (&error);
          if (content_type && (strstr (content_type, "html") != NULL))
            {
              /* A login page or a proxy's page answered instead of the API. */
              result->error_body = tl_error_body_parse ((const char *) data->body->data,
                                                        data->body->len, content_type);
            }
        }
      complete (task);
      return;
    }

  result->error_body = tl_error_body_parse ((const char *) data->body->data, data->body->len,
                                            content_type);
  if (result->error_body->trace_id != NULL && result->request_id == NULL)
    result->request_id = g_strdup (result->error_body->trace_id);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (data->msg),
                                                           "Location");
      fail (task, TL_LOOKUP_ERROR_REDIRECT,
            _("The service answered %u %s and points to %s. The redirect was not followed."),
            status, soup_message_get_reason_phrase (data->msg),
            location ? location : _("no address"));
      return;
    }

  /* a gateway's own page, or the service's message under a misleading status */
  if (tl_gateway_classify (status, soup_message_get_reason_phrase (data->msg),
                           soup_message_get_response_headers (data->msg), (const char *) data->body->data,
                           data->body->len, result->error_body, &gateway_code, &gateway_cause))
    {
      fail (task, gateway_code, "%s", gateway_cause);
      return;
    }

  fail (task, tl_lookup_error_from_status (status), _("The service answered %u %s."),
        status, soup_message_get_reason_phrase (data->msg));
}

static void
on_read_ready (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (bytes == NULL)
    {
      fail_with_gerror (task, error);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      finish_body (task);
      return;
    }

  if (data->body->len + g_bytes_get_size (bytes) > data->max_size)
    {
      g_autofree char *limit = g_format_size (data->max_size);

      g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL),
                           MIN (g_bytes_get_size (bytes), TL_BODY_EXCERPT_MAX));
      /* Drop the connection rather than drain the rest. */
      g_cancellable_cancel (lookup_cancellable (data));
      fail (task, TL_LOOKUP_ERROR_TOO_LARGE,
            _("The answer is larger than %s; reading stopped there."), limit);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* Read on to the end of the stream even when Content-Length is reached: libsoup hands the
   * connection back for reuse only after it has seen the end of the body. */
  g_input_stream_read_bytes_async (data->stream, 16384, G_PRIORITY_DEFAULT, lookup_cancellable (data),
                                   on_read_ready, g_steal_pointer (&task));
}

static void
on_send_ready (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LookupData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset content_length;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (data->stream == NULL)
    {
      fail_with_gerror (task, error);
      return;
    }

  if (soup_message_get_tls_peer_certificate (data->msg) == NULL &&
      g_ascii_strncasecmp (data->result->url, "https:", 6) == 0)
    {
      /* An answer to an https:// request without TLS: the proxy answered its CONNECT itself
       * (libsoup hands that status on as the request's). The service never saw the request. */
      g_autofree char *proxy = describe_proxy (task);
      guint status = soup_message_get_status (data->msg);
      g_autoptr(GUri) uri = g_uri_parse (data->result->url, SOUP_HTTP_URI_FLAGS, NULL);
      const char *host = uri ? g_uri_get_host (uri) : "?";

      g_cancellable_cancel (lookup_cancellable (data));
      if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED)
        fail (task, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s asks for a sign-in (%u Proxy Authentication Required) before it "
                "lets the connection to %s through."),
              proxy ? proxy : "?", status, host);
      else
        fail (task, TL_LOOKUP_ERROR_PROXY,
              _("The proxy %s refused the connection to %s (it answered %u)."),
              proxy ? proxy : "?", host, status);
      return;
    }

  fill_diagnostics (data);

  content_length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->msg));
  data->content_length =
    soup_message_headers_get_encoding (soup_message_get_response_headers (data->msg)) == SOUP_ENCODING_CONTENT_LENGTH
    ? content_length : -1;
  if (data->content_length == 0)
    {
      finish_body (task);
      return;
    }
  if (soup_message_headers_get_encoding (soup_message_get_response_headers (data->msg)) ==
        SOUP_ENCODING_CONTENT_LENGTH &&
      content_length > (goffset) data->max_size)
    {
      g_autofree char *size = g_format_size (content_length);
      g_autofree char *limit = g_format_size (data->max_size);

      g_cancellable_cancel (lookup_cancellable (data));
      fail (task, TL_LOOKUP_ERROR_TOO_LARGE,
            _("The answer would be %s, more than the limit of %s; it was not read."), size, limit);
      return;
    }

  g_input_stream_read_bytes_async (data->stream, 16384, G_PRIORITY_DEFAULT, lookup_cancellable (data),
                                   on_read_ready, g_steal_pointer (&task));
}

void
tl_client_lookup_async (TlClient            *self,
                        TlAccount           *account,
                        const char          *customer_id,
                        const char          *token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = NULL;
  LookupData *data;
  char *body_text;

  g_return_if_fail (TL_IS_CLIENT (self));
  g_return_if_fail (TL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_client_lookup_async);
  g_task_set_check_cancellable (task, FALSE);   /* a cancelled lookup is a result too */

  data = g_new0 (LookupData, 1);
  data->result = tl_lookup_result_new ();
  data->body = g_byte_array_new ();
  data->timeout_ms = self->timeout_ms;
  data->max_size = TL_DEFAULT_MAX_RESPONSE_SIZE;
  data->start_us = g_get_monotonic_time ();
  data->content_length = -1;
  data->token = g_strdup (token);
  data->password = g_strdup (tl_account_get_password (account));
  /* The demo account's password is public ("demo"); its token is still redacted. */
  data->redactor = tl_redactor_new (token, tl_account_get_username (account),
                                    tl_account_is_demo (account) ? NULL : tl_account_get_password (account));
  g_task_set_task_data (task, data, (GDestroyNotify) lookup_data_free);

  data->result->customer_id = g_strdup (customer_id);
  data->result->token_fingerprint = token ? tl_input_token_fingerprint (token) : NULL;
  data->result->account = tl_account_new_without_password (account);
  data->result->base_url = g_strdup (tl_account_get_server (account));
  data->result->username = g_strdup (tl_account_get_username (account));
  data->result->started = g_date_time_new_now (local_time_zone (self));

  if (!tl_input_check_customer_id (customer_id, &error))
    {
      fail (task, TL_LOOKUP_ERROR_INVALID_INPUT, "%s", error->message);
      return;
    }
  if (token == NULL || *token == '\0')
    {
      fail (task, TL_LOOKUP_ERROR_INVALID_INPUT, "%s", _("The token is empty."));
      return;
    }

  if (!tl_account_is_demo (account) &&
      !tl_account_check_username (tl_account_get_username (account), &error))
    {
      fail (task, TL_LOOKUP_ERROR_INVALID_INPUT, "%s", error->message);
      return;
    }

  uri = build_uri (tl_account_get_server (account), customer_id, &error);
  if (uri == NULL)
    {
      fail (task, error->code, "%s", error->message);
      return;
    }
  data->result->url = g_uri_to_string (uri);

  if (!tl_account_has_password (account))
    {
      fail (task, TL_LOOKUP_ERROR_NO_PASSWORD,
            _("There is no password for the user “%s” at %s."),
            tl_account_get_username (account), tl_account_get_server (account));
      return;
    }

  data->msg = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  /* IDEMPOTENT: the lookup only reads a ticket, so it may go out on a kept-alive connection
   * (libsoup opens a new connection for every non-idempotent POST otherwise) and libsoup may
   * resend it once if that connection turns out to have been closed by the server. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS |
                                     SOUP_MESSAGE_IDEMPOTENT);
  soup_message_disable_feature (data->msg, SOUP_TYPE_AUTH_MANAGER);

  authorization = tl_client_build_authorization (tl_account_get_username (account),
                                                 tl_account_get_password (account));
  soup_message_headers_replace (soup_message_get_request_headers (data->msg), "Accept",
                                "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (data->msg), "Authorization",
                                authorization);
  explicit_bzero (authorization, strlen (authorization));

  body_text = tl_client_build_body (token);
  body = g_bytes_new_with_free_func (body_text, strlen (body_text),
                                     (GDestroyNotify) tl_secret_free, body_text);
  soup_message_set_request_body_from_bytes (data->msg, "application/json", body);

  data->deadline = tl_deadline_new (cancellable, data->timeout_ms, "[ticket-lookup] lookup deadline");

  /* The last word before anything leaves: the message goes to the account's own server, or
   * nowhere. The URL is built from that server above, so a mismatch is a bug in this file. */
  if (!tl_account_owns_uri (account, soup_message_get_uri (data->msg), &error))
    {
      g_critical ("lookup not sent: its URL is not on the account's server");
      fail (task, TL_LOOKUP_ERROR_INSECURE_URL, "%s", error->message);
      return;
    }

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, lookup_cancellable (data),
                           on_send_ready, g_steal_pointer (&task));
}

/**
 * tl_client_lookup_finish:
 * @error: (optional): set to a copy of the result's error when the lookup failed
 *
 * Returns: (transfer full): the result, also when the lookup failed: it carries the error and
 *   whatever diagnostics there were
 */
TlLookupResult *
tl_client_lookup_finish (TlClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  TlLookupResult *lookup;

  g_return_val_if_fail (TL_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  lookup = g_task_propagate_pointer (G_TASK (result), NULL);
  if (lookup != NULL && lookup->error != NULL && error != NULL)
    *error = g_error_copy (lookup->error);
  return lookup;
}
