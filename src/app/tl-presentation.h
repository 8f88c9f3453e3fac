/* tl-presentation.h: how a verdict, a failure or a missing value looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tl-lookup-error.h"
#include "tl-lookup-result.h"
#include "tl-ticket.h"

G_BEGIN_DECLS

/* shown where a value (customer ID, order ID, token) is missing */
#define TL_PRESENTATION_PLACEHOLDER "—"

const char *tl_presentation_state_icon_name   (TlTicketState  state);
const char *tl_presentation_state_css_class   (TlTicketState  state);
const char *tl_presentation_outcome_icon_name (TlOutcome      outcome);
const char *tl_presentation_outcome_css_class (TlOutcome      outcome);
const char *tl_presentation_error_icon_name   (TlLookupError  code);
const char *tl_presentation_error_css_class   (TlLookupError  code);
const char *tl_presentation_or_placeholder    (const char    *text);

/* closures for the expressions of .ui templates (bind them with
 * gtk_widget_class_bind_template_callback) */
char       *tl_presentation_text_or_placeholder (GObject   *self,
                                                 const char *text);
char      **tl_presentation_outcome_as_css_classes (GObject   *self,
                                                    TlOutcome  outcome);

G_END_DECLS
