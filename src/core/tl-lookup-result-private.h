/* tl-lookup-result-private.h: fields tl-client and tl-lookup-diagnostics fill in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-lookup-result.h"
#include "tl-redactor.h"

G_BEGIN_DECLS

struct _TlLookupResult
{
  GObject             parent_instance;

  TlTicket           *ticket;
  GError             *error;
  TlErrorBody        *error_body;

  TlAccount          *account;           /* without its password */
  char               *customer_id;
  char               *token_fingerprint;
  char               *base_url;
  char               *url;
  char               *username;
  GDateTime          *started;
  gint64              elapsed_us;

  guint               status;
  char               *reason;
  char               *http_version;
  SoupMessageHeaders *request_headers;    /* Authorization already redacted */
  SoupMessageHeaders *response_headers;
  char               *body_excerpt;       /* capped, secrets redacted */
  gsize               body_size;
  SoupMessageMetrics *metrics;
  char               *request_id;
  char               *retry_after;
  char               *gateway;           /* who answered with a page of its own, or NULL */

  /* a lookup that failed at an office proxy's sign-in */
  char               *proxy;              /* the proxy, "host:port" */
  gboolean            wants_proxy_sign_in; /* none came with it, or the one given was refused */
};

TlLookupResult *tl_lookup_result_new              (void);

/* tl-lookup-diagnostics.c */
void            tl_lookup_result_fill_diagnostics (TlLookupResult *result,
                                                   SoupMessage    *msg,
                                                   GByteArray     *body,
                                                   gint64          elapsed_us);
void            tl_lookup_result_redact           (TlLookupResult *result,
                                                   TlRedactor     *redactor);

G_END_DECLS
