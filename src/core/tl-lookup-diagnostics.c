/* tl-lookup-diagnostics.c: what a lookup's result tells about the wire (headers, status,
 * timing, a body excerpt), and the redaction pass over all of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-gateway.h"
#include "tl-lookup-result-private.h"

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

/* What is kept of a long request id, Retry-After or body is cut to its length only after the
 * redaction (tl_lookup_result_redact()): cut first, a token or password echoed across the cut
 * would be shown in part, which the redaction cannot recognise. This much more is kept until
 * then, room for a secret in its longest escaped forms. */
#define REQUEST_ID_MAX  200
#define RETRY_AFTER_MAX 100
#define REDACTION_MARGIN 2048

/* @text, or its first @max bytes: a copy of its own length (g_strndup() allocates @max + 1
 * bytes whatever the length; a request ID kept by every row of a batch took 2 KiB each) */
static char *
strdup_at_most (const char *text,
                gsize       max)
{
  return g_strndup (text, strnlen (text, max));
}

static const char *request_id_headers[] = {
  "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Trace-Id", "X-Amzn-Trace-Id",
  "X-MS-Request-Id", "X-Azure-Ref", "Traceparent",
};

/**
 * tl_lookup_result_fill_diagnostics:
 * @msg: (nullable): the request, %NULL when it was refused before anything was sent
 * @body: (nullable): what was read of the answer's body
 *
 * Copies what happened on the wire into @result: the request's headers (Authorization
 * hidden), status, reason, HTTP version, response headers, request id, Retry-After, timing and
 * a capped excerpt of the body. What is already there is kept: it is called after the headers
 * and again at the end.
 */
void
tl_lookup_result_fill_diagnostics (TlLookupResult *result,
                                   SoupMessage    *msg,
                                   GByteArray     *body,
                                   gint64          elapsed_us)
{
  SoupMessageHeaders *response_headers;
  SoupMessageMetrics *metrics;

  result->elapsed_us = elapsed_us;
  if (msg == NULL)
    return;   /* refused before anything was sent */
  response_headers = soup_message_get_response_headers (msg);

  if (result->request_headers == NULL)
    {
      result->request_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
      soup_message_headers_foreach (soup_message_get_request_headers (msg), copy_header,
                                    result->request_headers);
    }

  metrics = soup_message_get_metrics (msg);
  if (metrics != NULL && result->metrics == NULL)
    result->metrics = soup_message_metrics_copy (metrics);

  if (result->status == 0 && soup_message_get_status (msg) != SOUP_STATUS_NONE)
    {
      result->status = soup_message_get_status (msg);
      result->reason = g_strdup (soup_message_get_reason_phrase (msg));
    }

  if (result->status != 0 && result->response_headers == NULL)
    {
      result->response_headers = soup_message_headers_ref (response_headers);
      result->http_version = g_strdup (soup_message_get_http_version (msg) == SOUP_HTTP_2_0
                                       ? "HTTP/2"
                                       : soup_message_get_http_version (msg) == SOUP_HTTP_1_0
                                       ? "HTTP/1.0" : "HTTP/1.1");
    }

  if (result->response_headers != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (request_id_headers) && result->request_id == NULL; i++)
        {
          const char *v = soup_message_headers_get_one (result->response_headers, request_id_headers[i]);
          if (v != NULL)
            result->request_id = strdup_at_most (v, REQUEST_ID_MAX + REDACTION_MARGIN);
        }
      if (result->retry_after == NULL)
        {
          const char *v = soup_message_headers_get_one (result->response_headers, "Retry-After");
          if (v != NULL)
            result->retry_after = strdup_at_most (v, RETRY_AFTER_MAX + REDACTION_MARGIN);
        }
    }

  if (result->status != 0 && result->gateway == NULL)
    result->gateway = tl_gateway_identify (result->status, result->response_headers,
                                           body ? (const char *) body->data : NULL, body ? body->len : 0);

  if (body != NULL && body->len > 0 && result->body_excerpt == NULL)
    {
      gsize n = MIN (body->len, TL_BODY_EXCERPT_MAX + REDACTION_MARGIN);
      result->body_size = body->len;
      result->body_excerpt = g_utf8_make_valid ((const char *) body->data, n);
    }
}

static void
redact_string (TlRedactor  *redactor,
               char       **field)
{
  char *redacted;

  if (!tl_redactor_may_change (redactor, *field))
    return;   /* what apply would give back: the same text */
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
  g_autofree char *redacted = NULL;

  if (tl_redactor_may_change (pair[0], value))
    value = redacted = tl_redactor_apply (pair[0], value);
  soup_message_headers_append (pair[1], name, value);
}

/* @field cut to at most @max bytes, not inside a UTF-8 character */
static void
cut_string (char  **field,
            gsize   max)
{
  gsize n;

  if (*field == NULL || strlen (*field) <= max)
    return;
  n = max;
  while (n > 0 && ((guchar) (*field)[n] & 0xc0) == 0x80)
    n--;
  (*field)[n] = '\0';
}

static void redact_all (TlLookupResult *result,
                        TlRedactor     *redactor);

/**
 * tl_lookup_result_redact:
 *
 * The one redaction pass: every string of the result that came from the network, or that was
 * composed with such a string (the error message quotes the reason phrase, Location, …), with
 * the token and credentials of this lookup replaced, in whatever form they were echoed.
 */
void
tl_lookup_result_redact (TlLookupResult *result,
                         TlRedactor     *redactor)
{
  if (!tl_redactor_is_empty (redactor))
    redact_all (result, redactor);
  /* cut only now: see REDACTION_MARGIN */
  cut_string (&result->request_id, REQUEST_ID_MAX);
  cut_string (&result->retry_after, RETRY_AFTER_MAX);
  cut_string (&result->body_excerpt, TL_BODY_EXCERPT_MAX);
}

static void
redact_all (TlLookupResult *result,
            TlRedactor     *redactor)
{
  redact_string (redactor, &result->reason);
  redact_string (redactor, &result->request_id);
  redact_string (redactor, &result->gateway);
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
      for (guint i = 0; i < result->error_body->texts->len; i++)
        redact_string (redactor, (char **) &g_ptr_array_index (result->error_body->texts, i));
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
        g_autofree char *redacted = NULL;

        if (!tl_redactor_may_change (redactor, value))
          continue;
        redacted = tl_redactor_apply (redactor, value);
        if (g_strcmp0 (value, redacted) != 0)
          tl_ticket_set_string (result->ticket, f, redacted);
      }
}
