/* cli-runner.h: running ticket-lookup-cli from a test, as a user or a script runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void run_clear    (Run               *run);
void run_cli_argv (Run               *run,
                   const char        *cli,
                   const char        *stdin_text,
                   const char *const *envp_extra,
                   const char *const *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS
