/* tl-report.c: text for a support ticket and a curl command, never with a secret in it
 *
 * The report names the token only by its fingerprint (first and last four characters and a
 * SHA-256 prefix) and never contains the password or the Authorization header. The curl
 * command uses $PASSWORD and $TOKEN placeholders unless the caller passes the token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-client.h"
#include "tl-lookup-error.h"
#include "tl-report.h"
#include "tl-text.h"

/* Quotes @text for a POSIX shell: 'text' with ' written as '\'' */
static char *
shell_quote (const char *text)
{
  return g_shell_quote (text);
}

/* Escapes @text for use inside double quotes in a POSIX shell. */
static char *
double_quote_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\\"$`", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * tl_report_build_curl:
 * @token: (nullable): the token to include; %NULL writes a $TOKEN placeholder
 *
 * Returns: the lookup as a curl command. The password is always the $PASSWORD placeholder.
 */
char *
tl_report_build_curl (const char *base_url,
                      const char *customer_id,
                      const char *username,
                      const char *token)
{
  g_autofree char *url = tl_client_build_url (base_url, customer_id, NULL);
  g_autofree char *quoted_url = NULL;
  g_autofree char *user = double_quote_escape (username ? username : "");
  GString *out = g_string_new (NULL);

  if (url == NULL)
    {
      g_autofree char *normalized = tl_normalize_base_url (base_url);
      url = g_strconcat (normalized, "/Service/Order/Token/", customer_id, NULL);
    }
  quoted_url = shell_quote (url);

  g_string_append_printf (out, "curl -sS -X POST %s \\\n", quoted_url);
  g_string_append (out, "  -H 'Content-Type: application/json' -H 'Accept: application/json' \\\n");
  g_string_append_printf (out, "  -u \"%s:$PASSWORD\" \\\n", user);
  if (token != NULL)
    {
      g_autofree char *body = tl_client_build_body (token);
      g_autofree char *quoted = shell_quote (body);

      g_string_append_printf (out, "  -d %s", quoted);
    }
  else
    g_string_append (out, "  -d \"{\\\"data\\\":\\\"$TOKEN\\\"}\"");
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static double
ms_between (guint64 from,
            guint64 to)
{
  return from != 0 && to >= from ? (to - from) / 1000.0 : 0.0;
}

/**
 * tl_report_describe_timing:
 *
 * Returns: "DNS 0.4 ms · connect 0.3 ms · TLS 0.0 ms · waiting 1.2 ms · total 3.1 ms"
 */
char *
tl_report_describe_timing (TlLookupResult *result)
{
  SoupMessageMetrics *m = tl_lookup_result_get_metrics (result);
  double total = tl_lookup_result_get_elapsed_us (result) / 1000.0;

  if (m == NULL)
    return g_strdup_printf (_("total %.1f ms"), total);

  return g_strdup_printf (_("DNS %.1f ms · connect %.1f ms · TLS %.1f ms · waiting %.1f ms · total %.1f ms"),
                          ms_between (soup_message_metrics_get_dns_start (m), soup_message_metrics_get_dns_end (m)),
                          ms_between (soup_message_metrics_get_connect_start (m), soup_message_metrics_get_connect_end (m)),
                          ms_between (soup_message_metrics_get_tls_start (m), soup_message_metrics_get_connect_end (m)),
                          ms_between (soup_message_metrics_get_request_start (m), soup_message_metrics_get_response_start (m)),
                          total);
}

/**
 * tl_report_build_markdown:
 * @account_label: (nullable): the account or profile that made the lookup
 *
 * Returns: a short Markdown text for a support ticket
 */
char *
tl_report_build_markdown (TlLookupResult *result,
                          const char     *account_label)
{
  GString *out = g_string_new (NULL);
  const GError *error = tl_lookup_result_get_error (result);
  const TlErrorBody *body = tl_lookup_result_get_error_body (result);
  TlTicket *ticket = tl_lookup_result_get_ticket (result);
  g_autofree char *when = g_date_time_format_iso8601 (tl_lookup_result_get_started (result));
  g_autofree char *timing = tl_report_describe_timing (result);

  g_string_append_printf (out, "### %s\n\n", _("Ticket Lookup: order token lookup"));
  g_string_append_printf (out, "- **%s** %s\n", _("Customer ID:"),
                          tl_lookup_result_get_customer_id (result) ? tl_lookup_result_get_customer_id (result) : "—");
  g_string_append_printf (out, "- **%s** `%s`\n", _("Token:"),
                          tl_lookup_result_get_token_fingerprint (result) ? tl_lookup_result_get_token_fingerprint (result) : "—");
  g_string_append_printf (out, "- **%s** %s\n", _("When:"), when);
  g_string_append_printf (out, "- **%s** %s\n", _("Service:"), tl_lookup_result_get_base_url (result));
  if (account_label != NULL)
    g_string_append_printf (out, "- **%s** %s\n", _("Account:"), account_label);

  if (error == NULL && ticket != NULL)
    {
      const char *order = tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID);

      g_string_append_printf (out, "- **%s** %s\n", _("Outcome:"),
                              tl_ticket_get_state (ticket) == TL_TICKET_STATE_EXPIRED
                              ? _("the token has expired")
                              : tl_ticket_get_state (ticket) == TL_TICKET_STATE_VALID
                              ? _("the token is valid")
                              : _("ticket received; it does not say whether the token has expired"));
      g_string_append_printf (out, "- **%s** %s\n", _("Order ID:"), order ? order : "—");
    }
  else if (error != NULL)
    {
      TlLookupError code = tl_lookup_error_code (error);

      g_string_append_printf (out, "- **%s** %s: %s\n", _("Outcome:"), tl_lookup_error_get_title (code),
                              error->message);
    }

  if (tl_lookup_result_get_status (result) != 0)
    g_string_append_printf (out, "- **%s** %u %s\n", _("HTTP status:"), tl_lookup_result_get_status (result),
                            tl_lookup_result_get_reason (result) ? tl_lookup_result_get_reason (result) : "");
  if (tl_lookup_result_get_request_id (result) != NULL)
    g_string_append_printf (out, "- **%s** `%s`\n", _("Request ID:"), tl_lookup_result_get_request_id (result));
  if (tl_lookup_result_get_retry_after (result) != NULL)
    g_string_append_printf (out, "- **%s** %s\n", _("Retry after:"), tl_lookup_result_get_retry_after (result));
  g_string_append_printf (out, "- **%s** %s\n", _("Timing:"), timing);

  if (body != NULL && (body->message != NULL || body->details->len > 0))
    {
      g_string_append_printf (out, "\n%s\n\n", _("Messages from the service:"));
      if (body->message != NULL)
        g_string_append_printf (out, "> %s\n", body->message);
      for (guint i = 0; i < body->details->len; i++)
        g_string_append_printf (out, "> - %s\n", (const char *) g_ptr_array_index (body->details, i));
    }

  g_string_append_printf (out, "\n%s Ticket Lookup %s\n", _("App:"), PACKAGE_VERSION);
  {
    g_autofree char *text = g_string_free (out, FALSE);

    /* pasted into a ticket system: what the server sent stays visible, never reorders or
     * drives anything (the strings are already redacted by the client) */
    return tl_text_visible_multiline (text);
  }
}
