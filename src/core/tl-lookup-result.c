/* tl-lookup-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "tl-text.h"

G_DEFINE_FINAL_TYPE (TlLookupResult, tl_lookup_result, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TlOutcome, tl_outcome,
  G_DEFINE_ENUM_VALUE (TL_OUTCOME_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (TL_OUTCOME_VALID, "valid"),
  G_DEFINE_ENUM_VALUE (TL_OUTCOME_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (TL_OUTCOME_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (TL_OUTCOME_FAILED, "failed"))

/**
 * tl_outcome_from_state:
 *
 * Returns: the outcome of a lookup that answered with a ticket in @state
 */
TlOutcome
tl_outcome_from_state (TlTicketState state)
{
  switch (state)
    {
    case TL_TICKET_STATE_VALID: return TL_OUTCOME_VALID;
    case TL_TICKET_STATE_EXPIRED: return TL_OUTCOME_EXPIRED;
    case TL_TICKET_STATE_UNKNOWN:
    default: return TL_OUTCOME_UNKNOWN;
    }
}

static void
tl_lookup_result_finalize (GObject *object)
{
  TlLookupResult *self = (TlLookupResult *) object;

  g_clear_object (&self->ticket);
  g_clear_error (&self->error);
  g_clear_pointer (&self->error_body, tl_error_body_free);
  g_clear_object (&self->account);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->token_fingerprint, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->http_version, g_free);
  g_clear_pointer (&self->request_headers, soup_message_headers_unref);
  g_clear_pointer (&self->response_headers, soup_message_headers_unref);
  g_clear_pointer (&self->body_excerpt, g_free);
  g_clear_pointer (&self->metrics, soup_message_metrics_free);
  g_clear_pointer (&self->request_id, g_free);
  g_clear_pointer (&self->retry_after, g_free);
  g_clear_pointer (&self->gateway, g_free);
  g_clear_pointer (&self->proxy, g_free);

  G_OBJECT_CLASS (tl_lookup_result_parent_class)->finalize (object);
}

static void
tl_lookup_result_class_init (TlLookupResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_lookup_result_finalize;
}

static void
tl_lookup_result_init (TlLookupResult *self)
{
}

TlLookupResult *
tl_lookup_result_new (void)
{
  return g_object_new (TL_TYPE_LOOKUP_RESULT, NULL);
}

gboolean
tl_lookup_result_is_ok (TlLookupResult *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), FALSE);
  return self->ticket != NULL && self->error == NULL;
}

/**
 * tl_lookup_result_get_outcome:
 *
 * Returns: %TL_OUTCOME_FAILED for an error, else the ticket's verdict (as the exit status)
 */
TlOutcome
tl_lookup_result_get_outcome (TlLookupResult *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), TL_OUTCOME_FAILED);

  if (self->error != NULL)
    return TL_OUTCOME_FAILED;
  return tl_outcome_from_state (self->ticket != NULL ? tl_ticket_get_state (self->ticket)
                                                     : TL_TICKET_STATE_UNKNOWN);
}

/**
 * tl_lookup_result_get_exit_status:
 *
 * Returns: ticket-lookup-cli's exit status: 0 valid, 1 expired, else the error class's status
 */
int
tl_lookup_result_get_exit_status (TlLookupResult *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), 2);

  if (self->error != NULL)
    {
      if (self->error->domain == TL_LOOKUP_ERROR)
        return tl_lookup_error_get_exit_status (self->error->code);
      return TL_EXIT_USAGE;
    }
  switch (self->ticket != NULL ? tl_ticket_get_state (self->ticket) : TL_TICKET_STATE_UNKNOWN)
    {
    case TL_TICKET_STATE_VALID:
      return TL_EXIT_VALID;
    case TL_TICKET_STATE_EXPIRED:
      return TL_EXIT_EXPIRED;
    case TL_TICKET_STATE_UNKNOWN:
    default:
      /* Never "valid": a script must be able to tell an answer that does not say. */
      return TL_EXIT_UNKNOWN;
    }
}

/**
 * tl_lookup_result_dup_title:
 *
 * The verdict or the failure in a few words, as a heading: the ticket's state, or the failure
 * class's title; a gateway's own page names the gateway ("nginx stopped the request on its way
 * to the service").
 *
 * Returns: (transfer full): the title, controls made visible
 */
char *
tl_lookup_result_dup_title (TlLookupResult *self)
{
  TlLookupError code;

  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), NULL);

  if (self->error == NULL)
    return g_strdup (tl_ticket_state_get_title (self->ticket != NULL ? tl_ticket_get_state (self->ticket)
                                                                     : TL_TICKET_STATE_UNKNOWN));
  code = tl_lookup_error_code (self->error);
  if (code == TL_LOOKUP_ERROR_GATEWAY && self->gateway != NULL)
    {
      g_autofree char *name = tl_text_visible (self->gateway);

      /* Translators: a heading; %s is the gateway's name: "nginx", "Cloudflare", "The proxy
       * “cache.example.com”" */
      return g_strdup_printf (_("%s stopped the request on its way to the service"), name);
    }
  return g_strdup (tl_lookup_error_get_title (code));
}

/**
 * tl_lookup_result_format_error:
 *
 * Returns: (nullable): the error in words for people: title, what happened (with the specific
 *   cause), the server's messages, and what to do next; %NULL when the lookup succeeded
 */
char *
tl_lookup_result_format_error (TlLookupResult *self)
{
  g_autofree char *title = NULL;
  GString *out;
  TlLookupError code;

  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), NULL);

  if (self->error == NULL)
    return NULL;

  code = tl_lookup_error_code (self->error);
  title = tl_lookup_result_dup_title (self);
  out = g_string_new (title);
  g_string_append (out, "\n");
  g_string_append (out, self->error->message);
  if (self->error_body != NULL)
    {
      if (self->error_body->message != NULL)
        g_string_append_printf (out, "\n  %s", self->error_body->message);
      for (guint i = 0; i < self->error_body->details->len; i++)
        g_string_append_printf (out, "\n  • %s", (char *) g_ptr_array_index (self->error_body->details, i));
    }
  if (self->request_id != NULL)
    g_string_append_printf (out, "\n%s %s", _("Request ID:"), self->request_id);
  if (self->retry_after != NULL)
    g_string_append_printf (out, "\n%s %s", _("Retry after:"), self->retry_after);
  {
    g_autofree char *server = tl_lookup_error_server_of (self->base_url);
    g_autofree char *next_step = tl_lookup_error_dup_next_step (code, server);

    g_string_append_printf (out, "\n%s", next_step);
  }
  return g_string_free (out, FALSE);
}

#define GETTER(type, name, field) \
  type tl_lookup_result_get_##name (TlLookupResult *self) \
  { \
    g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), 0); \
    return self->field; \
  }

GETTER (TlTicket *, ticket, ticket)
GETTER (const GError *, error, error)
GETTER (const TlErrorBody *, error_body, error_body)
GETTER (TlAccount *, account, account)
GETTER (const char *, customer_id, customer_id)
GETTER (const char *, token_fingerprint, token_fingerprint)
GETTER (const char *, base_url, base_url)
GETTER (const char *, url, url)
GETTER (const char *, username, username)
GETTER (GDateTime *, started, started)
GETTER (gint64, elapsed_us, elapsed_us)
GETTER (guint, status, status)
GETTER (const char *, reason, reason)
GETTER (SoupMessageHeaders *, request_headers, request_headers)
GETTER (SoupMessageHeaders *, response_headers, response_headers)
GETTER (const char *, body_excerpt, body_excerpt)
GETTER (gsize, body_size, body_size)
GETTER (SoupMessageMetrics *, metrics, metrics)
GETTER (const char *, request_id, request_id)
GETTER (const char *, retry_after, retry_after)
GETTER (const char *, proxy, proxy)

/**
 * tl_lookup_result_wants_proxy_sign_in:
 *
 * Returns: whether the lookup failed at an office proxy (tl_lookup_result_get_proxy()) that
 *   asks for a sign-in, and none came with the proxy's settings or the one given with the
 *   lookup was refused: a sign-in asked for from the person is the way out
 */
gboolean
tl_lookup_result_wants_proxy_sign_in (TlLookupResult *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_RESULT (self), FALSE);
  return self->wants_proxy_sign_in && self->proxy != NULL;
}
GETTER (const char *, http_version, http_version)

/**
 * tl_lookup_result_trim:
 *
 * Frees what only the details view reads (request and response headers, timing metrics, the
 * body excerpt, the addresses, the account, the reason phrase) and the ticket fields other than
 * its order ID, customer ID and verdict, keeping the error, the status, the request ID and
 * Retry-After: what a row of a large batch shows and exports, at a fraction of the memory.
 */
void
tl_lookup_result_trim (TlLookupResult *self)
{
  g_return_if_fail (TL_IS_LOOKUP_RESULT (self));

  g_clear_pointer (&self->request_headers, soup_message_headers_unref);
  g_clear_pointer (&self->response_headers, soup_message_headers_unref);
  g_clear_pointer (&self->metrics, soup_message_metrics_free);
  g_clear_pointer (&self->body_excerpt, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->http_version, g_free);
  g_clear_pointer (&self->token_fingerprint, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_object (&self->account);
  if (self->ticket != NULL)
    tl_ticket_trim (self->ticket);
}

/**
 * tl_lookup_result_new_failed:
 * @account: (nullable): the account the lookup was to use, or %NULL when none is set up
 * @customer_id: (nullable): the customer ID asked about
 * @token: (nullable): the token asked about; only its fingerprint is kept
 * @error: (transfer full): why no request was sent, a #TL_LOOKUP_ERROR
 *
 * A lookup that ended before a request was sent: no account, a keyring that refused, a
 * cancellation while the password was being found. It reads like any other failed lookup.
 *
 * Returns: (transfer full): the result
 */
TlLookupResult *
tl_lookup_result_new_failed (TlAccount  *account,
                             const char *customer_id,
                             const char *token,
                             GError     *error)
{
  TlLookupResult *self = tl_lookup_result_new ();

  g_return_val_if_fail (error != NULL, self);

  self->error = error;
  self->customer_id = g_strdup (customer_id);
  self->token_fingerprint = token != NULL && *token != '\0' ? tl_input_token_fingerprint (token) : NULL;
  self->started = g_date_time_new_now_local ();
  if (account != NULL)
    {
      self->account = tl_account_new_without_password (account);
      self->base_url = g_strdup (tl_account_get_server (account));
      self->username = g_strdup (tl_account_get_username (account));
    }
  return self;
}
