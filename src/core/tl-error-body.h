/* tl-error-body.h: reads the error bodies an ASP.NET service sends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char      *message;     /* nullable: the overall message (Message, title, text of a page) */
  GPtrArray *details;     /* of char*: "Field: message" lines, verbatim from the service */
  GPtrArray *texts;       /* of char*: the same messages without their model-state keys
                           * ("token.Data"), for people; the keys are for the details */
  char      *trace_id;    /* nullable: traceId / requestId from the body */
} TlErrorBody;

#define TL_ERROR_BODY_MAX_TEXT 600

TlErrorBody *tl_error_body_parse  (const char  *data,
                                   gsize        length,
                                   const char  *content_type);
void         tl_error_body_free   (TlErrorBody *body);
char        *tl_error_body_to_string (const TlErrorBody *body);
char        *tl_html_to_text      (const char  *html,
                                   gsize        length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlErrorBody, tl_error_body_free)

G_END_DECLS
