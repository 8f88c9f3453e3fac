/* tl-cli-output.h: what ticket-lookup-cli prints: the human lines and the one JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tl-account-check.h"
#include "tl-input.h"
#include "tl-lookup-result.h"

G_BEGIN_DECLS

/* One lookup as it is printed: a single lookup or one line of a batch. */
typedef struct
{
  guint           line;         /* 1-based line of a batch, 0 for a single lookup */
  TlInput        *input;        /* (nullable) what was parsed */
  const GError   *input_error;  /* (nullable) why the input could not be looked up */
  TlLookupResult *result;       /* (nullable) the answer; NULL when nothing was sent */
} TlCliLookup;

typedef enum
{
  TL_CLI_OUTPUT_HUMAN,
  TL_CLI_OUTPUT_JSON,
} TlCliOutputFormat;

void  tl_cli_printerr          (const char        *format,
                                ...) G_GNUC_PRINTF (1, 2);
glong tl_cli_display_width     (const char        *text);
char *tl_cli_pad               (const char        *text,
                                glong              width);
char *tl_cli_format_error      (TlLookupResult    *result);

char *tl_cli_lookup_to_json    (const TlCliLookup *lookup);
char *tl_cli_check_to_json     (TlAccountCheck     check,
                                TlAccount         *account,
                                const char        *customer_id,
                                TlLookupResult    *result);

void  tl_cli_print_lookup      (const TlCliLookup *lookup,
                                TlCliOutputFormat  format,
                                gboolean           batch,
                                gboolean           verbose);
void  tl_cli_print_check       (TlAccountCheck     check,
                                TlAccount         *account,
                                const char        *customer_id,
                                TlLookupResult    *result,
                                TlCliOutputFormat  format);
void  tl_cli_output_flush      (void);

G_END_DECLS
