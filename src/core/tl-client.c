/* tl-client.c: the session, and one lookup's flow: send the request (tl-request.c), read the
 * answer within its deadline and size cap, and make the result (its failure classes are
 * tl-lookup-error.c's, its diagnostics and redaction tl-lookup-diagnostics.c's)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-secret.h"
#include "tl-redactor.h"
#include "tl-client-private.h"
#include "tl-deadline.h"
#include "tl-gateway.h"
#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "tl-proxy.h"
#include "tl-tls.h"


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
  g_clear_pointer (&self->proxy_credentials, tl_proxy_credentials_unref);
  g_clear_pointer (&self->ca_sessions, g_hash_table_unref);
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


static void
tl_client_init (TlClient *self)
{
  /* The user's proxy settings (GNOME's, or the proxy portal's inside Flatpak), asked about a
   * URL only when a request leaves this computer; loopback is always reached directly. */
  self->proxy_resolver = tl_proxy_resolver_new_default ();
  self->session = _tl_client_new_session (self, 64, 32);
  self->ca_sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _tl_client_ca_session_free);
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
  g_hash_table_remove_all (self->ca_sessions);
}

void
tl_client_set_max_connections (TlClient *self,
                               guint     max_conns)
{
  g_autoptr(SoupSession) session = NULL;

  g_return_if_fail (TL_IS_CLIENT (self));

  /* max-conns is construct-only: swap in a new session. (Not asking the old session for its
   * TLS database: that would load the whole system trust store, ~30 ms, for nothing.) */
  session = _tl_client_new_session (self, MAX (max_conns, 2), MAX (max_conns, 2));
  g_set_object (&self->session, session);
  g_hash_table_remove_all (self->ca_sessions);
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
  g_hash_table_remove_all (self->ca_sessions);
}

/**
 * tl_client_set_proxy_credentials:
 * @credentials: (nullable): the user name and password for an office proxy that asks for a
 *   sign-in; %NULL for those that come with the proxy's address only
 *
 * They go only to a proxy that asks, never to the service; they win over those in the proxy's
 * address.
 */
void
tl_client_set_proxy_credentials (TlClient           *self,
                                 TlProxyCredentials *credentials)
{
  g_return_if_fail (TL_IS_CLIENT (self));

  g_clear_pointer (&self->proxy_credentials, tl_proxy_credentials_unref);
  self->proxy_credentials = credentials ? tl_proxy_credentials_ref (credentials) : NULL;
}

/* One lookup in flight. */
typedef struct
{
  TlClient       *client;          /* not a reference: the task holds it */
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
  /* proxy sign-in: see on_authenticate() */
  TlProxyCredentials *proxy_credentials; /* given with this lookup, or NULL */
  char           *proxy_user;      /* the user name the proxy was offered, if any */
  gboolean        proxy_offered;   /* a proxy challenge was answered */
  gboolean        proxy_unanswered; /* the proxy's last challenge was not answered */
  goffset         content_length;  /* -1 when not announced */
  gboolean        parsed;          /* parsed in a worker thread */
  TlTicket       *parsed_ticket;
  GError         *parse_error;
  GTlsCertificateFlags untrusted;  /* a new connection's peer not trusted after all: see on_network_event() */
  guint           n_connections;   /* opened for this lookup: see on_network_event() */
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
  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_pointer (&data->deadline, tl_deadline_free);
  g_clear_object (&data->result);
  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);
  g_free (data->proxy_user);
  g_clear_pointer (&data->proxy_credentials, tl_proxy_credentials_unref);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->token, tl_secret_free);
  g_clear_pointer (&data->password, tl_secret_free);
  g_clear_pointer (&data->redactor, tl_redactor_free);
  g_clear_object (&data->parsed_ticket);
  g_clear_error (&data->parse_error);
  g_free (data);
}

#define MAX_CONNECTIONS_PER_LOOKUP 4

/* Every new connection's server is verified again against its own session's trust before the
 * request goes out: glib-networking resumes TLS sessions across sessions without verifying
 * (tl_tls_recheck_connection()). A server not trusted stops the lookup with nothing sent. */
static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  LookupData *data = user_data;

  /* A proxy that asks for a sign-in again in another realm each time makes libsoup open
   * tunnel after tunnel, the sign-in sent on each, until the time limit. A lookup needs one
   * connection, two or three with a proxy's sign-in. */
  if (event == G_SOCKET_CLIENT_CONNECTING && ++data->n_connections > MAX_CONNECTIONS_PER_LOOKUP)
    {
      g_cancellable_cancel (tl_deadline_get_cancellable (data->deadline));
      return;
    }
  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKED || data->untrusted != 0)
    return;
  data->untrusted = tl_tls_recheck_connection (connection);
  if (data->untrusted != 0)
    g_cancellable_cancel (tl_deadline_get_cancellable (data->deadline));
}

static void
fill_diagnostics (LookupData *data)
{
  tl_lookup_result_fill_diagnostics (data->result, data->msg, data->body,
                                     g_get_monotonic_time () - data->start_us);
}

static void
complete (GTask *task)
{
  LookupData *data = g_task_get_task_data (task);

  fill_diagnostics (data);
  tl_lookup_result_redact (data->result, data->redactor);
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_pointer (task, g_object_ref (data->result), g_object_unref);
}

/* Ends the lookup with @error (taken). */
static void
fail_with (GTask  *task,
           GError *error)
{
  LookupData *data = g_task_get_task_data (task);

  g_clear_error (&data->result->error);
  data->result->error = error;
  complete (task);
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

/* The proxy this lookup went through, as "host:port"; NULL when it went directly. */
static char *
describe_proxy (GTask *task)
{
  TlClient *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);

  return tl_proxy_resolver_describe (self->proxy_resolver, data->result->url);
}

/* --- proxy sign-in ---------------------------------------------------------------------- */

/* The message's "authenticate": only an office proxy's challenge is answered, once, with the
 * sign-in given with this lookup, else the client's (--proxy-user), else what the resolver
 * holds for that proxy (from its address or GNOME's proxy settings). The service's own 401 is
 * never answered here: its credentials go only in the header tl-request.c builds, and a 401
 * ends the lookup after one request. */
static gboolean
on_authenticate (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  LookupData *data = user_data;
  TlClient *self = data->client;
  g_autoptr(TlProxyCredentials) credentials = NULL;

  if (!soup_auth_is_for_proxy (auth))
    return FALSE;
  credentials = data->proxy_credentials ? tl_proxy_credentials_ref (data->proxy_credentials)
                : self->proxy_credentials ? tl_proxy_credentials_ref (self->proxy_credentials)
                : tl_proxy_resolver_get_credentials (self->proxy_resolver, soup_auth_get_authority (auth));
  if (credentials != NULL && data->proxy_user == NULL)
    data->proxy_user = g_strdup (tl_proxy_credentials_get_user (credentials));
  /* retrying: the proxy refused what it was given (here, or on an earlier lookup of this
   * session, whose answer libsoup sends on its own); it is not asked again */
  data->proxy_offered |= retrying;
  data->proxy_unanswered = TRUE;
  if (retrying || credentials == NULL)
    return FALSE;
  soup_auth_authenticate (auth, tl_proxy_credentials_get_user (credentials),
                          tl_proxy_credentials_get_password (credentials));
  data->proxy_offered = TRUE;
  data->proxy_unanswered = FALSE;
  return TRUE;
}

/* Ends the lookup with the proxy's sign-in failure, when that is why it ended: its challenge
 * was left unanswered, or it answered what it was given with 407 again or (tinyproxy) 401.
 * @status: what the proxy answered, 0 when the lookup failed without an answer */
static gboolean
fail_with_proxy_sign_in (GTask *task,
                         guint  status)
{
  LookupData *data = g_task_get_task_data (task);
  g_autofree char *proxy = NULL;
  g_autoptr(GUri) uri = NULL;
  gboolean refused = data->proxy_offered &&
                     (data->proxy_unanswered || status == SOUP_STATUS_UNAUTHORIZED ||
                      status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED);

  if ((!data->proxy_unanswered && !refused) || soup_message_get_tls_peer_certificate (data->msg) != NULL)
    return FALSE;
  proxy = describe_proxy (task);
  uri = g_uri_parse (data->result->url, SOUP_HTTP_URI_FLAGS, NULL);
  data->result->proxy = g_strdup (proxy);
  data->result->wants_proxy_sign_in = !refused || data->proxy_credentials != NULL;
  fail_with (task, tl_lookup_error_new_for_proxy_sign_in (proxy, uri ? g_uri_get_host (uri) : "?",
                                                          refused ? (data->proxy_user ? data->proxy_user : "?")
                                                                  : NULL));
  return TRUE;
}

/* --- end of proxy sign-in --------------------------------------------------------------- */

/* Ends a lookup that got no HTTP answer. */
static void
fail_with_gerror (GTask        *task,
                  const GError *error)
{
  TlClient *self = g_task_get_source_object (task);
  LookupData *data = g_task_get_task_data (task);

  if (data->n_connections > MAX_CONNECTIONS_PER_LOOKUP &&
      fail_with_proxy_sign_in (task, SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED))
    return;   /* stopped by on_network_event(): a proxy asking for its sign-in over and over */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && fail_with_proxy_sign_in (task, 0))
    return;
  fail_with (task, tl_lookup_error_new_for_failure (error, data->msg, data->result->url,
                                                    self->proxy_resolver,
                                                    tl_deadline_expired (data->deadline),
                                                    data->timeout_ms));
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

  /* a gateway's own page, or the service's message under a misleading status */
  if (!SOUP_STATUS_IS_REDIRECTION (status) &&
      tl_gateway_classify (status, soup_message_get_reason_phrase (data->msg),
                           soup_message_get_response_headers (data->msg), (const char *) data->body->data,
                           data->body->len, result->error_body, &gateway_code, &gateway_cause))
    {
      fail (task, gateway_code, "%s", gateway_cause);
      return;
    }

  fail_with (task, tl_lookup_error_new_for_response (status, soup_message_get_reason_phrase (data->msg),
                                                     soup_message_headers_get_one (soup_message_get_response_headers (data->msg),
                                                                                   "Location"),
                                                     result->error_body));
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
  if (data->untrusted != 0)
    {
      /* the server of a resumed TLS session, not trusted by this account (on_network_event) */
      g_autoptr(GError) tls_error = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "");

      g_cancellable_cancel (lookup_cancellable (data));
      fail_with (task, tl_lookup_error_new_for_certificate (data->untrusted, data->msg, data->result->url,
                                                            tls_error));
      return;
    }
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
      if (fail_with_proxy_sign_in (task, status))
        return;
      fail_with (task, tl_lookup_error_new_for_proxy_answer (status, proxy, host));
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
  tl_client_lookup_with_proxy_async (self, account, NULL, customer_id, token, cancellable,
                                     callback, user_data);
}

/**
 * tl_client_lookup_with_proxy_async:
 * @proxy_credentials: (nullable): the sign-in for an office proxy that asks for one, taken
 *   when the lookup was asked for; it wins over the client's and the proxy's settings
 *
 * tl_client_lookup_async(), with a sign-in for the proxy of this lookup alone.
 */
void
tl_client_lookup_with_proxy_async (TlClient            *self,
                                   TlAccount           *account,
                                   TlProxyCredentials  *proxy_credentials,
                                   const char          *customer_id,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  SoupSession *session;
  LookupData *data;

  g_return_if_fail (TL_IS_CLIENT (self));
  g_return_if_fail (TL_IS_ACCOUNT (account));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_client_lookup_async);   /* either way in: one finish */
  g_task_set_check_cancellable (task, FALSE);   /* a cancelled lookup is a result too */

  data = g_new0 (LookupData, 1);
  data->result = tl_lookup_result_new ();
  data->body = g_byte_array_new ();
  data->timeout_ms = self->timeout_ms;
  data->max_size = TL_DEFAULT_MAX_RESPONSE_SIZE;
  data->start_us = g_get_monotonic_time ();
  data->content_length = -1;
  data->proxy_credentials = proxy_credentials ? tl_proxy_credentials_ref (proxy_credentials) : NULL;
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

  uri = tl_request_build_uri (tl_account_get_server (account), customer_id, &error);
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

  data->msg = tl_request_new_message (uri, tl_account_get_username (account),
                                      tl_account_get_password (account), token);
  data->client = self;   /* the task holds the client */
  g_signal_connect (data->msg, "authenticate", G_CALLBACK (on_authenticate), data);

  data->deadline = tl_deadline_new (cancellable, data->timeout_ms, "[ticket-lookup] lookup deadline");

  /* The last word before anything leaves: the message goes to the account's own server, or
   * nowhere. The URL is built from that server above, so a mismatch is a bug in this file. */
  if (!tl_account_owns_uri (account, soup_message_get_uri (data->msg), &error))
    {
      g_critical ("lookup not sent: its URL is not on the account's server");
      fail (task, TL_LOOKUP_ERROR_INSECURE_URL, "%s", error->message);
      return;
    }

  /* the system's certificate authorities, and the account's own CA file if it has one */
  session = _tl_client_session_for_account (self, account, &error);
  if (session == NULL)
    {
      fail (task, TL_LOOKUP_ERROR_TLS, "%s", error->message);
      return;
    }
  g_signal_connect (data->msg, "network-event", G_CALLBACK (on_network_event), data);
  soup_session_send_async (session, data->msg, G_PRIORITY_DEFAULT, lookup_cancellable (data),
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
