/* tl-cli-password.h: where ticket-lookup-cli gets the password, and the account of a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tl-account.h"
#include "tl-demo-server.h"

G_BEGIN_DECLS

/* What the command line says about the account. */
typedef struct
{
  const char *base_url;         /* (nullable) --base-url */
  const char *username;         /* (nullable) --username */
  const char *password_file;    /* (nullable) --password-file */
  gboolean    password_stdin;   /* --password-stdin */
  gboolean    demo;             /* --demo */
  guint       timeout_seconds;  /* how long the keyring may take */
} TlCliAccountOptions;

char      *tl_cli_read_password (const char                 *path,
                                 GError                    **error);
char      *tl_cli_read_secret   (const char                 *path,
                                 const char                 *prompt,
                                 GError                    **error);
TlAccount *tl_cli_take_account  (const TlCliAccountOptions  *options,
                                 TlDemoServer              **demo,
                                 int                        *status);

G_END_DECLS
