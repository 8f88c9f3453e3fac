/* tl-cli-batch.h: --batch, streamed, with the progress line on a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-account.h"
#include "tl-batch.h"
#include "tl-cli-output.h"
#include "tl-client.h"

G_BEGIN_DECLS

typedef struct
{
  TlClient          *client;
  TlAccount         *account;
  guint              jobs;      /* lookups at once */
  TlCliOutputFormat  format;
  gboolean           verbose;
  gboolean           progress;  /* the progress line on standard error */
  gboolean           summary;   /* the counts by outcome at the end (--summary) */
} TlCliBatchOptions;

GInputStream *tl_cli_batch_open_input (const char               *path,
                                       goffset                  *size,
                                       GError                  **error);
char         *tl_cli_batch_summary    (TlBatch                  *run);
int           tl_cli_batch_run        (const TlCliBatchOptions  *options,
                                       GInputStream             *input,
                                       goffset                   input_size);

G_END_DECLS
