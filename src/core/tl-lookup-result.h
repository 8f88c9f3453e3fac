/* tl-lookup-result.h: a ticket or an error, plus what happened on the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "tl-account.h"
#include "tl-error-body.h"
#include "tl-ticket.h"

G_BEGIN_DECLS

/* how much of an answer's body a result keeps, redacted, for the details */
#define TL_BODY_EXCERPT_MAX 4096

/**
 * TlOutcome:
 *
 * What became of one lookup, as a state: a verdict read from a ticket, a failure (its class
 * is the error's code), or not yet known. How an outcome looks is the app's business.
 */
typedef enum
{
  TL_OUTCOME_PENDING,   /* not finished */
  TL_OUTCOME_VALID,
  TL_OUTCOME_EXPIRED,
  TL_OUTCOME_UNKNOWN,   /* a ticket whose answer does not say whether it expired */
  TL_OUTCOME_FAILED,    /* no ticket: the lookup failed or the input could not be sent */
} TlOutcome;

#define TL_OUTCOME_N_OUTCOMES (TL_OUTCOME_FAILED + 1)

#define TL_TYPE_OUTCOME (tl_outcome_get_type ())
GType               tl_outcome_get_type                  (void) G_GNUC_CONST;
TlOutcome           tl_outcome_from_state                (TlTicketState   state);

#define TL_TYPE_LOOKUP_RESULT (tl_lookup_result_get_type ())
G_DECLARE_FINAL_TYPE (TlLookupResult, tl_lookup_result, TL, LOOKUP_RESULT, GObject)

TlLookupResult     *tl_lookup_result_new_failed          (TlAccount      *account,
                                                          const char     *customer_id,
                                                          const char     *token,
                                                          GError         *error);

gboolean            tl_lookup_result_is_ok               (TlLookupResult *self);
TlTicket           *tl_lookup_result_get_ticket          (TlLookupResult *self);
const GError       *tl_lookup_result_get_error           (TlLookupResult *self);
const TlErrorBody  *tl_lookup_result_get_error_body      (TlLookupResult *self);
int                 tl_lookup_result_get_exit_status     (TlLookupResult *self);
TlOutcome           tl_lookup_result_get_outcome         (TlLookupResult *self);

TlAccount          *tl_lookup_result_get_account         (TlLookupResult *self);
const char         *tl_lookup_result_get_customer_id     (TlLookupResult *self);
const char         *tl_lookup_result_get_token_fingerprint (TlLookupResult *self);
const char         *tl_lookup_result_get_base_url        (TlLookupResult *self);
const char         *tl_lookup_result_get_url             (TlLookupResult *self);
const char         *tl_lookup_result_get_username        (TlLookupResult *self);
GDateTime          *tl_lookup_result_get_started         (TlLookupResult *self);
gint64              tl_lookup_result_get_elapsed_us      (TlLookupResult *self);

guint               tl_lookup_result_get_status          (TlLookupResult *self);
const char         *tl_lookup_result_get_reason          (TlLookupResult *self);
SoupMessageHeaders *tl_lookup_result_get_request_headers (TlLookupResult *self);
SoupMessageHeaders *tl_lookup_result_get_response_headers (TlLookupResult *self);
const char         *tl_lookup_result_get_body_excerpt    (TlLookupResult *self);
gsize               tl_lookup_result_get_body_size       (TlLookupResult *self);
SoupMessageMetrics *tl_lookup_result_get_metrics         (TlLookupResult *self);
const char         *tl_lookup_result_get_request_id      (TlLookupResult *self);
const char         *tl_lookup_result_get_retry_after     (TlLookupResult *self);
const char         *tl_lookup_result_get_proxy           (TlLookupResult *self);
gboolean            tl_lookup_result_wants_proxy_sign_in (TlLookupResult *self);
const char         *tl_lookup_result_get_http_version    (TlLookupResult *self);

char               *tl_lookup_result_dup_title           (TlLookupResult *self);
char               *tl_lookup_result_format_error        (TlLookupResult *self);
void                tl_lookup_result_trim    (TlLookupResult *self);

G_END_DECLS
