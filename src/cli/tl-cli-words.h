/* tl-cli-words.h: the command-line tool's own words for verdicts and lookup errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tl-lookup-error.h"
#include "tl-ticket.h"

G_BEGIN_DECLS

#define TL_CLI_N_STATES (TL_TICKET_STATE_EXPIRED + 1)

const char *tl_cli_words_error_title     (TlLookupError  code);
const char *tl_cli_words_error_next_step (TlLookupError  code);
char       *tl_cli_words_error_dup_next_step (TlLookupError  code,
                                              const char    *server);
const char *tl_cli_words_state_title     (TlTicketState  state);
const char *tl_cli_words_state_next_step (TlTicketState  state);
char       *tl_cli_words_state_line      (TlTicketState  state);

G_END_DECLS
