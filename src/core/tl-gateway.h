/* tl-gateway.h: is an error answer a gateway's own page, not the service's?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "tl-error-body.h"
#include "tl-lookup-error.h"

G_BEGIN_DECLS

char     *tl_gateway_identify (guint               status,
                               SoupMessageHeaders *headers,
                               const char         *body,
                               gsize               length);

gboolean  tl_gateway_classify (guint               status,
                               const char         *reason,
                               SoupMessageHeaders *headers,
                               const char         *body,
                               gsize               length,
                               const TlErrorBody  *error_body,
                               TlLookupError      *code,
                               char              **message);

G_END_DECLS
