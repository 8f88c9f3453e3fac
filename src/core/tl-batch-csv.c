/* tl-batch-csv.c: a batch's results as CSV, for a spreadsheet, or as JSON Lines, for a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-batch.h"
#include "tl-lookup-error.h"
#include "tl-text.h"

/* A cell a spreadsheet would run as a formula (=, +, -, @, or a leading TAB or CR that some
 * programs skip) gets a leading apostrophe, as OWASP's CSV injection guidance recommends: text
 * from a server is shown, never evaluated. */
static void
csv_field (GString    *out,
           const char *value)
{
  g_string_append_c (out, '"');
  if (value != NULL && strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = value ? value : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * tl_batch_to_csv:
 *
 * Returns: line, token fingerprint (never the token), customer id, order id, outcome, HTTP
 *   status, request id, account: one row per item, RFC 4180 quoting, formulas neutralised
 */
char *
tl_batch_to_csv (TlBatch *self)
{
  GString *out = g_string_new ("line,token,customerId,orderId,outcome,status,requestId,account\r\n");
  g_autofree char *account = NULL;
  GListModel *items;
  guint n;

  g_return_val_if_fail (TL_IS_BATCH (self), NULL);

  account = tl_account_dup_label (tl_batch_get_account (self));
  items = tl_batch_get_items (self);
  n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (items, i);
      g_autofree char *outcome = tl_batch_item_describe (item);
      g_autofree char *line = g_strdup_printf ("%u", tl_batch_item_get_line (item));
      g_autofree char *status = NULL;
      TlLookupResult *result = tl_batch_item_get_result (item);
      TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;

      if (result != NULL && tl_lookup_result_get_status (result) != 0)
        status = g_strdup_printf ("%u", tl_lookup_result_get_status (result));

      csv_field (out, line);
      g_string_append_c (out, ',');
      csv_field (out, tl_batch_item_get_fingerprint (item));
      g_string_append_c (out, ',');
      csv_field (out, tl_batch_item_get_customer_id (item));
      g_string_append_c (out, ',');
      csv_field (out, ticket ? tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID) : NULL);
      g_string_append_c (out, ',');
      csv_field (out, outcome);
      g_string_append_c (out, ',');
      csv_field (out, status);
      g_string_append_c (out, ',');
      csv_field (out, result ? tl_lookup_result_get_request_id (result) : NULL);
      g_string_append_c (out, ',');
      csv_field (out, account);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static void
json_member (GString    *out,
             const char *name,
             const char *value)
{
  if (out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  tl_text_append_json_string (out, name);
  g_string_append_c (out, ':');
  tl_text_append_json_string (out, value);
}

/**
 * tl_batch_to_json_lines:
 *
 * Returns: one JSON object per item, one per line, each with every member (null where a value
 *   is not known): line, token (its fingerprint, never the token), customerId, orderId,
 *   outcome ("valid", "expired", "unknown", "failed", "not-lookup", "pending"), reason, status,
 *   requestId, error (the failure's code) and account
 */
char *
tl_batch_to_json_lines (TlBatch *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *account = NULL;
  GEnumClass *kinds;
  GListModel *items;
  guint n;

  g_return_val_if_fail (TL_IS_BATCH (self), NULL);

  account = tl_account_dup_label (tl_batch_get_account (self));
  items = tl_batch_get_items (self);
  n = g_list_model_get_n_items (items);
  kinds = g_type_class_ref (TL_TYPE_BATCH_KIND);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (items, i);
      g_autofree char *reason = tl_batch_item_describe (item);
      TlLookupResult *result = tl_batch_item_get_result (item);
      TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;
      const GError *error = result ? tl_lookup_result_get_error (result) : NULL;
      const char *code = NULL;

      if (tl_batch_item_get_input_error (item) != NULL)
        code = tl_lookup_error_code_to_string (TL_LOOKUP_ERROR_INVALID_INPUT);
      else if (error != NULL)
        code = tl_lookup_error_code_to_string (tl_lookup_error_code (error));

      g_string_append_printf (out, "{\"line\":%u", tl_batch_item_get_line (item));
      json_member (out, "token", tl_batch_item_get_fingerprint (item));
      json_member (out, "customerId", tl_batch_item_get_customer_id (item));
      json_member (out, "orderId", ticket ? tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID) : NULL);
      json_member (out, "outcome", g_enum_get_value (kinds, tl_batch_item_get_kind (item))->value_nick);
      json_member (out, "reason", reason);
      if (result != NULL && tl_lookup_result_get_status (result) != 0)
        g_string_append_printf (out, ",\"status\":%u", tl_lookup_result_get_status (result));
      else
        g_string_append (out, ",\"status\":null");
      json_member (out, "requestId", result ? tl_lookup_result_get_request_id (result) : NULL);
      json_member (out, "error", code);
      json_member (out, "account", account);
      g_string_append (out, "}\n");
    }
  g_type_class_unref (kinds);
  return g_string_free (out, FALSE);
}
