/* tl-cli-output.c: what ticket-lookup-cli prints
 *
 * The human lines (a single lookup, a batch row, an account check, the --verbose diagnostics)
 * and the one JSON writer every mode uses: each object has every member of the documented
 * schema, null where a value is not known.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "tl-cli-output.h"
#include "tl-cli-words.h"
#include "tl-lookup-error.h"
#include "tl-report.h"
#include "tl-text.h"

static guint flush_id;   /* idle that flushes standard output after JSON lines */

void
tl_cli_printerr (const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
}

/**
 * tl_cli_display_width:
 *
 * Returns: the columns @text takes on a terminal: an East Asian wide or full-width character
 *   two, a combining mark or other zero-width character none, any other one ("—" is one)
 */
glong
tl_cli_display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* @text followed by spaces up to @width columns on a terminal (tl_cli_display_width()) */
char *
tl_cli_pad (const char *text,
            glong       width)
{
  glong len = tl_cli_display_width (text);
  GString *out = g_string_new (text);

  for (; len < width; len++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/**
 * tl_cli_format_error:
 *
 * Returns: (nullable): the failed lookup in words: title, what happened, the service's
 *   messages, the request ID, and what to do next; %NULL when the lookup succeeded
 */
char *
tl_cli_format_error (TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);
  const TlErrorBody *body = tl_lookup_result_get_error_body (result);
  g_autofree char *server = NULL;
  g_autofree char *next_step = NULL;
  TlLookupError code;
  GString *out;

  if (error == NULL)
    return NULL;

  code = tl_lookup_error_code (error);
  out = g_string_new (tl_cli_words_error_title (code));
  g_string_append_printf (out, "\n%s", error->message);
  if (body != NULL)
    {
      if (body->message != NULL)
        g_string_append_printf (out, "\n  %s", body->message);
      for (guint i = 0; i < body->details->len; i++)
        g_string_append_printf (out, "\n  • %s", (char *) g_ptr_array_index (body->details, i));
    }
  if (tl_lookup_result_get_request_id (result) != NULL)
    g_string_append_printf (out, "\n%s %s", _("Request ID:"), tl_lookup_result_get_request_id (result));
  if (tl_lookup_result_get_retry_after (result) != NULL)
    g_string_append_printf (out, "\n%s %s", _("Retry after:"), tl_lookup_result_get_retry_after (result));
  server = tl_lookup_error_server_of (tl_lookup_result_get_base_url (result));
  next_step = tl_cli_words_error_dup_next_step (code, server);
  g_string_append_printf (out, "\n%s", next_step);
  return g_string_free (out, FALSE);
}

/* ---- JSON ------------------------------------------------------------------------------- */

/* What one JSON object says. A lookup has "ok", "verdict" and "ticket" (and "line" in a
 * batch); an account check has "check", "server" and "username". Both end in the same
 * members. */
typedef struct
{
  guint              line;         /* 0: no "line" member */
  const char        *check;        /* an account check's verdict, else NULL: a lookup */
  TlAccount         *account;      /* with check */
  const char        *customer_id;  /* (nullable) */
  TlLookupResult    *result;       /* (nullable): nothing was sent */
  const GError      *error;        /* (nullable) */
  TlLookupError      code;         /* with error */
  const TlErrorBody *body;         /* (nullable), with error */
} Record;

static void
append_error (GString      *out,
              const Record *record)
{
  gboolean first = TRUE;

  if (record->error == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append (out, "{\"code\":");
  tl_text_append_json_string (out, tl_lookup_error_code_to_string (record->code));
  g_string_append (out, ",\"message\":");
  tl_text_append_json_string (out, record->error->message);
  g_string_append (out, ",\"details\":[");
  if (record->body != NULL)
    {
      if (record->body->message != NULL)
        {
          tl_text_append_json_string (out, record->body->message);
          first = FALSE;
        }
      for (guint i = 0; i < record->body->details->len; i++)
        {
          if (!first)
            g_string_append_c (out, ',');
          tl_text_append_json_string (out, g_ptr_array_index (record->body->details, i));
          first = FALSE;
        }
    }
  g_string_append (out, "]}");
}

/* The one JSON writer: one object on one line, every string through
 * tl_text_append_json_string (exact values, invisible characters escaped). */
/* @value in decimal, as "%" G_GINT64_FORMAT writes it, without a format: once per number of
 * every line of a --json batch */
static void
append_number (GString *out,
               gint64   value)
{
  char digits[24];
  gsize n = 0;
  guint64 rest = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      digits[sizeof digits - 1 - n++] = (char) ('0' + rest % 10);
      rest /= 10;
    }
  while (rest != 0);
  if (value < 0)
    digits[sizeof digits - 1 - n++] = '-';
  g_string_append_len (out, digits + sizeof digits - n, (gssize) n);
}

static char *
record_to_json (const Record *record)
{
  TlLookupResult *result = record->result;
  GString *out = g_string_sized_new (512);

  g_string_append_c (out, '{');
  if (record->line > 0)
    {
      g_string_append (out, "\"line\":");
      append_number (out, record->line);
      g_string_append_c (out, ',');
    }

  if (record->check != NULL)
    {
      g_string_append (out, "\"check\":");
      tl_text_append_json_string (out, record->check);
      g_string_append (out, ",\"server\":");
      tl_text_append_json_string (out, tl_account_get_server (record->account));
      g_string_append (out, ",\"username\":");
      tl_text_append_json_string (out, tl_account_get_username (record->account));
      g_string_append (out, ",\"customerId\":");
      tl_text_append_json_string (out, record->customer_id);
    }
  else
    {
      TlTicket *ticket = result != NULL && tl_lookup_result_is_ok (result) ? tl_lookup_result_get_ticket (result) : NULL;

      /* ok: a ticket that says valid or expired; an answer that does not say is not ok. */
      g_string_append (out, ticket != NULL && tl_ticket_get_state (ticket) != TL_TICKET_STATE_UNKNOWN
                            ? "\"ok\":true" : "\"ok\":false");
      g_string_append (out, ",\"verdict\":");
      tl_text_append_json_string (out, ticket ? tl_ticket_state_to_string (tl_ticket_get_state (ticket)) : NULL);
      g_string_append (out, ",\"customerId\":");
      tl_text_append_json_string (out, record->customer_id);
      g_string_append (out, ",\"ticket\":");
      if (ticket != NULL)
        tl_ticket_append_json (ticket, out, FALSE);
      else
        g_string_append (out, "null");
    }

  /* no answer, or nothing sent at all: these are not known, so null */
  if (result != NULL && tl_lookup_result_get_status (result) != 0)
    {
      g_string_append (out, ",\"status\":");
      append_number (out, tl_lookup_result_get_status (result));
    }
  else
    g_string_append (out, ",\"status\":null");
  if (result != NULL)
    {
      g_string_append (out, ",\"elapsedMs\":");
      append_number (out, (tl_lookup_result_get_elapsed_us (result) + 500) / 1000);
    }
  else
    g_string_append (out, ",\"elapsedMs\":null");
  g_string_append (out, ",\"requestId\":");
  tl_text_append_json_string (out, result ? tl_lookup_result_get_request_id (result) : NULL);
  g_string_append (out, ",\"error\":");
  append_error (out, record);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

char *
tl_cli_lookup_to_json (const TlCliLookup *lookup)
{
  Record record = {
    .line = lookup->line,
    .customer_id = lookup->input ? tl_input_get_customer_id (lookup->input) : NULL,
    .result = lookup->result,
  };

  if (lookup->input_error != NULL)
    {
      record.error = lookup->input_error;
      record.code = TL_LOOKUP_ERROR_INVALID_INPUT;
    }
  else if (lookup->result != NULL && tl_lookup_result_get_error (lookup->result) != NULL)
    {
      record.error = tl_lookup_result_get_error (lookup->result);
      record.code = tl_lookup_error_code (record.error);
      record.body = tl_lookup_result_get_error_body (lookup->result);
    }
  return record_to_json (&record);
}

char *
tl_cli_check_to_json (TlAccountCheck  check,
                      TlAccount      *account,
                      const char     *customer_id,
                      TlLookupResult *result)
{
  Record record = {
    .check = tl_account_check_to_string (check),
    .account = account,
    .customer_id = customer_id,
    .result = result,
  };

  /* only a check without a verdict has an error: a rejection is the verdict itself */
  if (check == TL_ACCOUNT_CHECK_FAILED && tl_lookup_result_get_error (result) != NULL)
    {
      record.error = tl_lookup_result_get_error (result);
      record.code = tl_lookup_error_code (record.error);
      record.body = tl_lookup_result_get_error_body (result);
    }
  return record_to_json (&record);
}

static gboolean
flush_stdout_idle (gpointer user_data)
{
  flush_id = 0;
  fflush (stdout);
  return G_SOURCE_REMOVE;
}

/* A JSON line goes out as the UTF-8 it is (JSON Lines are UTF-8 whatever the locale), through
 * stdio's buffer. g_print() would flush after every line, one write per lookup; here the
 * buffer is flushed when the main loop has nothing else to do, so a reader of a pipe still
 * gets each line as soon as the batch pauses, and a fast batch writes in blocks. */
static void
print_json_line (const char *json)
{
  fputs (json, stdout);
  fputc ('\n', stdout);
  if (flush_id == 0)
    flush_id = g_idle_add_full (G_PRIORITY_LOW, flush_stdout_idle, NULL, NULL);
}

/* Standard output written out now, and no idle left behind. */
void
tl_cli_output_flush (void)
{
  g_clear_handle_id (&flush_id, g_source_remove);
  fflush (stdout);
}

/* ---- people ----------------------------------------------------------------------------- */

static void
print_header_cb (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  g_autofree char *visible_name = tl_text_visible (name);
  g_autofree char *visible_value = tl_text_visible (value);

  tl_cli_printerr ("%s%s: %s\n", (const char *) user_data, visible_name, visible_value);
}

static void
print_verbose (TlLookupResult *result)
{
  g_autofree char *timing = NULL;

  tl_cli_printerr ("> POST %s\n", tl_lookup_result_get_url (result) ? tl_lookup_result_get_url (result) : "-");
  if (tl_lookup_result_get_request_headers (result))
    soup_message_headers_foreach (tl_lookup_result_get_request_headers (result), print_header_cb, "> ");
  tl_cli_printerr ("> {\"data\": \"[token %s]\"}\n",
                   tl_lookup_result_get_token_fingerprint (result) ? tl_lookup_result_get_token_fingerprint (result) : "");
  if (tl_lookup_result_get_status (result) != 0)
    {
      g_autofree char *reason = tl_text_visible (tl_lookup_result_get_reason (result));
      g_autofree char *body = tl_text_visible_multiline (tl_lookup_result_get_body_excerpt (result));

      tl_cli_printerr ("< %s %u %s\n", tl_lookup_result_get_http_version (result),
                       tl_lookup_result_get_status (result), reason ? reason : "");
      soup_message_headers_foreach (tl_lookup_result_get_response_headers (result), print_header_cb, "< ");
      if (body != NULL)
        tl_cli_printerr ("< %s\n", body);
    }
  /* the same timing text as the details panel and the support report */
  timing = tl_report_describe_timing (result);
  tl_cli_printerr (_("* timing: %s\n"), timing);
}

static void
print_single_human (const TlCliLookup *lookup)
{
  TlLookupResult *result = lookup->result;

  if (lookup->input != NULL)
    for (guint i = 0; i < tl_input_get_n_findings (lookup->input); i++)
      {
        const TlInputFinding *finding = tl_input_get_finding (lookup->input, i);

        if (finding->kind != TL_INPUT_FINDING_FROM_URL)
          tl_cli_printerr (_("note: %s\n"), finding->message);
      }

  if (tl_lookup_result_is_ok (result))
    {
      TlTicket *ticket = tl_lookup_result_get_ticket (result);
      g_autofree char *verdict = tl_cli_words_state_line (tl_ticket_get_state (ticket));
      glong width = 0;

      g_print ("%s\n", verdict);
      for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
        width = MAX (width, tl_cli_display_width (tl_ticket_field_get_title (f)));
      for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
        {
          g_autofree char *title = tl_cli_pad (tl_ticket_field_get_title (f), width);
          g_autofree char *value = tl_text_visible (tl_ticket_get_string (ticket, f));

          g_print ("  %s  %s\n", title, value ? value : "—");
        }
    }
  else
    {
      g_autofree char *text = tl_cli_format_error (result);
      g_autofree char *visible = tl_text_visible_multiline (text);

      tl_cli_printerr (_("error: %s\n"), visible);
    }
}

/* "   3  M11385      ORD-2026-118305       VALID": columns counted in the terminal's columns, so
 * a wide character (two columns), a combining mark (none) or "—" keeps the next column in place */
static void
print_batch_row (const TlCliLookup *lookup)
{
  g_autofree char *customer = tl_text_visible (lookup->input ? tl_input_get_customer_id (lookup->input) : NULL);
  g_autofree char *customer_column = tl_cli_pad (customer ? customer : "—", 10);
  g_autofree char *order_column = NULL;
  g_autofree char *outcome = NULL;

  if (lookup->input_error != NULL)
    {
      order_column = tl_cli_pad ("—", 20);
      outcome = g_strdup (lookup->input_error->message);
    }
  else if (tl_lookup_result_is_ok (lookup->result))
    {
      TlTicket *ticket = tl_lookup_result_get_ticket (lookup->result);
      g_autofree char *order = tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID));

      order_column = tl_cli_pad (order ? order : "—", 20);
      /* the verdict's title, in capitals as in the single lookup's first line */
      outcome = g_utf8_strup (tl_cli_words_state_title (tl_ticket_get_state (ticket)), -1);
    }
  else
    {
      const GError *error = tl_lookup_result_get_error (lookup->result);
      g_autofree char *message = tl_text_visible (error->message);

      order_column = tl_cli_pad ("—", 20);
      outcome = g_strdup_printf ("%s: %s", tl_cli_words_error_title (tl_lookup_error_code (error)), message);
    }
  g_print ("%4u  %s  %s  %s\n", lookup->line, customer_column, order_column, outcome);
}

/* One lookup, as the run asked for: JSON, a batch row, or the single lookup's lines. */
void
tl_cli_print_lookup (const TlCliLookup *lookup,
                     TlCliOutputFormat  format,
                     gboolean           batch,
                     gboolean           verbose)
{
  if (verbose && lookup->result != NULL)
    print_verbose (lookup->result);

  if (format == TL_CLI_OUTPUT_JSON)
    {
      g_autofree char *json = tl_cli_lookup_to_json (lookup);

      print_json_line (json);
    }
  else if (batch)
    print_batch_row (lookup);
  else if (lookup->input_error != NULL)
    tl_cli_printerr (_("error: %s\n%s\n"), lookup->input_error->message,
                     tl_cli_words_error_next_step (TL_LOOKUP_ERROR_INVALID_INPUT));
  else
    print_single_human (lookup);
}

/* --check-account's verdict: JSON, or a line and the time it took. */
void
tl_cli_print_check (TlAccountCheck     check,
                    TlAccount         *account,
                    const char        *customer_id,
                    TlLookupResult    *result,
                    TlCliOutputFormat  format)
{
  g_autofree char *request_id = NULL;

  if (format == TL_CLI_OUTPUT_JSON)
    {
      g_autofree char *json = tl_cli_check_to_json (check, account, customer_id, result);

      print_json_line (json);
      tl_cli_output_flush ();
      return;
    }

  if (check == TL_ACCOUNT_CHECK_FAILED)
    {
      const GError *error = tl_lookup_result_get_error (result);
      TlLookupError code = error != NULL ? tl_lookup_error_code (error) : TL_LOOKUP_ERROR_NETWORK;
      g_autofree char *cause = tl_text_visible (error ? error->message : NULL);
      g_autofree char *server = tl_lookup_error_server_of (tl_lookup_result_get_base_url (result));
      g_autofree char *next_step = tl_cli_words_error_dup_next_step (code, server);

      /* no verdict: the failure's title and cause, then what to do */
      g_autofree char *text = g_strdup_printf ("%s: %s\n%s", tl_cli_words_error_title (code),
                                               cause ? cause : "", next_step);

      tl_cli_printerr (_("error: %s\n"), text);
    }
  else
    {
      g_autofree char *verdict = tl_account_check_describe (check, result);

      g_print ("%s: %s\n", check == TL_ACCOUNT_CHECK_ACCEPTED ? _("ACCEPTED")
                          : check == TL_ACCOUNT_CHECK_REJECTED ? _("REJECTED")
                          : check == TL_ACCOUNT_CHECK_NOT_THE_SERVICE ? _("NOT CHECKED") : _("NO ACCESS"),
               verdict);
    }
  request_id = tl_text_visible (tl_lookup_result_get_request_id (result));
  /* Translators: after an account check: "in 120 ms, request ID abc" */
  tl_cli_printerr (_("(in %.0f ms%s%s)\n"), tl_lookup_result_get_elapsed_us (result) / 1000.0,
                   request_id ? _(", request ID ") : "", request_id ? request_id : "");
}
