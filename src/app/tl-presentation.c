/* tl-presentation.c: the one place that decides how a verdict, a failure or a missing value
 * looks: icon names, style classes and the placeholder
 *
 * The core hands out states (TlTicketState, TlOutcome) and failure classes (TlLookupError);
 * every view asks here, so a verdict looks the same in the ticket view, the history and the
 * batch window. Each table has one row per value of its enum: a value without a row has no
 * icon, and tests/test-presentation.c fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-presentation.h"

typedef struct
{
  const char *icon_name;
  const char *css_class;   /* a libadwaita status class: success, warning, error */
} Look;

/* the verdicts, in the ticket view's badge, the history and the batch alike */
#define VALID_LOOK   { "emblem-ok-symbolic", "success" }
#define EXPIRED_LOOK { "alarm-symbolic", "warning" }   /* a correct answer, not a failure */
/* not usable, but not known to have expired either */
#define UNKNOWN_LOOK { "dialog-question-symbolic", "warning" }
/* a lookup that ended without a ticket, beside the verdicts of others */
#define FAILED_LOOK  { "dialog-error-symbolic", "error" }

static const Look state_looks[TL_TICKET_N_STATES] = {
  [TL_TICKET_STATE_VALID] = VALID_LOOK,
  [TL_TICKET_STATE_EXPIRED] = EXPIRED_LOOK,
  [TL_TICKET_STATE_UNKNOWN] = UNKNOWN_LOOK,
};

static const Look outcome_looks[TL_OUTCOME_N_OUTCOMES] = {
  [TL_OUTCOME_PENDING] = { NULL, NULL },   /* still under way: no icon, no class */
  [TL_OUTCOME_VALID] = VALID_LOOK,
  [TL_OUTCOME_EXPIRED] = EXPIRED_LOOK,
  [TL_OUTCOME_UNKNOWN] = UNKNOWN_LOOK,
  [TL_OUTCOME_FAILED] = FAILED_LOOK,
};

/* a failure on its own page: the icon says which kind; the page shows it dimmed */
static const char *error_icons[TL_LOOKUP_ERROR_N_CODES] = {
  [TL_LOOKUP_ERROR_INVALID_INPUT] = "dialog-warning-symbolic",
  [TL_LOOKUP_ERROR_INSECURE_URL] = "security-low-symbolic",
  [TL_LOOKUP_ERROR_BAD_REQUEST] = "dialog-error-symbolic",
  [TL_LOOKUP_ERROR_UNAUTHORIZED] = "dialog-password-symbolic",
  [TL_LOOKUP_ERROR_FORBIDDEN] = "action-unavailable-symbolic",
  [TL_LOOKUP_ERROR_NOT_FOUND] = "edit-find-symbolic",
  [TL_LOOKUP_ERROR_CLIENT_ERROR] = "dialog-error-symbolic",
  [TL_LOOKUP_ERROR_REDIRECT] = "mail-forward-symbolic",
  [TL_LOOKUP_ERROR_SERVER_ERROR] = "computer-fail-symbolic",
  [TL_LOOKUP_ERROR_NETWORK] = "network-offline-symbolic",
  [TL_LOOKUP_ERROR_DNS] = "network-offline-symbolic",
  [TL_LOOKUP_ERROR_TLS] = "channel-insecure-symbolic",
  [TL_LOOKUP_ERROR_TIMEOUT] = "alarm-symbolic",
  [TL_LOOKUP_ERROR_CANCELLED] = "process-stop-symbolic",
  [TL_LOOKUP_ERROR_TOO_LARGE] = "dialog-warning-symbolic",
  [TL_LOOKUP_ERROR_MALFORMED] = "dialog-question-symbolic",
  [TL_LOOKUP_ERROR_KEYRING] = "dialog-password-symbolic",
  [TL_LOOKUP_ERROR_NO_PASSWORD] = "dialog-password-symbolic",
  [TL_LOOKUP_ERROR_PROXY] = "network-wired-disconnected-symbolic",
  [TL_LOOKUP_ERROR_GATEWAY] = "network-server-symbolic",
  [TL_LOOKUP_ERROR_PROXY_SIGN_IN] = "dialog-password-symbolic",
};

#define ERROR_CSS_CLASS "dim-label"

static const Look *
state_look (TlTicketState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_looks))
    state = TL_TICKET_STATE_UNKNOWN;
  return &state_looks[state];
}

static const Look *
outcome_look (TlOutcome outcome)
{
  if ((guint) outcome >= G_N_ELEMENTS (outcome_looks))
    outcome = TL_OUTCOME_FAILED;
  return &outcome_looks[outcome];
}

/**
 * tl_presentation_state_icon_name:
 *
 * Returns: the icon of a ticket in @state
 */
const char *
tl_presentation_state_icon_name (TlTicketState state)
{
  return state_look (state)->icon_name;
}

/**
 * tl_presentation_state_css_class:
 *
 * Returns: the style class of a ticket in @state: "success", "error" or "warning"
 */
const char *
tl_presentation_state_css_class (TlTicketState state)
{
  return state_look (state)->css_class;
}

/**
 * tl_presentation_outcome_icon_name:
 *
 * Returns: (nullable): the icon of a lookup's @outcome; %NULL while it is pending
 */
const char *
tl_presentation_outcome_icon_name (TlOutcome outcome)
{
  return outcome_look (outcome)->icon_name;
}

/**
 * tl_presentation_outcome_css_class:
 *
 * Returns: (nullable): the style class of a lookup's @outcome; %NULL while it is pending
 */
const char *
tl_presentation_outcome_css_class (TlOutcome outcome)
{
  return outcome_look (outcome)->css_class;
}

/**
 * tl_presentation_error_icon_name:
 *
 * Returns: the icon of a failure of class @code
 */
const char *
tl_presentation_error_icon_name (TlLookupError code)
{
  if ((guint) code >= G_N_ELEMENTS (error_icons))
    code = TL_LOOKUP_ERROR_CLIENT_ERROR;
  return error_icons[code];
}

/**
 * tl_presentation_error_css_class:
 *
 * Returns: the style class of a failure's icon: every failure is shown dimmed, the words
 *   under it say what failed
 */
const char *
tl_presentation_error_css_class (TlLookupError code)
{
  return ERROR_CSS_CLASS;
}

/**
 * tl_presentation_or_placeholder:
 *
 * Returns: @text, or the placeholder when there is none
 */
const char *
tl_presentation_or_placeholder (const char *text)
{
  return text != NULL ? text : TL_PRESENTATION_PLACEHOLDER;
}

/**
 * tl_presentation_text_or_placeholder:
 *
 * A closure for an expression: @text, or the placeholder when there is none.
 *
 * Returns: (transfer full): the text to show
 */
char *
tl_presentation_text_or_placeholder (GObject    *self,
                                     const char *text)
{
  return g_strdup (tl_presentation_or_placeholder (text));
}

/**
 * tl_presentation_outcome_as_css_classes:
 *
 * A closure for an expression: the style classes of @outcome (none while it is pending).
 *
 * Returns: (transfer full): a %NULL-terminated array of class names
 */
char **
tl_presentation_outcome_as_css_classes (GObject   *self,
                                        TlOutcome  outcome)
{
  const char *css_class = tl_presentation_outcome_css_class (outcome);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **classes;

  if (css_class != NULL)
    g_strv_builder_add (builder, css_class);
  classes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return classes;
}
