/* tl-batch-csv.c: a batch's results as CSV, for a spreadsheet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-batch.h"

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
