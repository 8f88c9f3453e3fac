/* tl-input.h: turn what a person pasted into a customer id and a token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TL_INPUT_MAX_TEXT        (1024 * 1024)
#define TL_INPUT_MAX_TOKEN       4096
#define TL_INPUT_MAX_CUSTOMER_ID 64

#define TL_INPUT_ERROR (tl_input_error_quark ())

typedef enum
{
  TL_INPUT_ERROR_EMPTY_TEXT,
  TL_INPUT_ERROR_TEXT_TOO_LONG,
  TL_INPUT_ERROR_NOT_UTF8,
  TL_INPUT_ERROR_TEXT_CHARACTERS,
  TL_INPUT_ERROR_EMPTY_CUSTOMER_ID,
  TL_INPUT_ERROR_CUSTOMER_ID_TOO_LONG,
  TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS,
  TL_INPUT_ERROR_EMPTY_TOKEN,
  TL_INPUT_ERROR_TOKEN_TOO_LONG,
  TL_INPUT_ERROR_TOKEN_CHARACTERS,
  TL_INPUT_ERROR_NOT_RECOGNIZED,   /* free text with neither a link nor "CUSTOMER-ID TOKEN" */
} TlInputError;

/* Which field an input error belongs to, so a form can show it in place. */
typedef enum
{
  TL_INPUT_FIELD_TEXT,
  TL_INPUT_FIELD_CUSTOMER_ID,
  TL_INPUT_FIELD_TOKEN,
} TlInputField;

typedef enum
{
  TL_INPUT_FINDING_URL_DECODED,       /* token was still URL-encoded; decoded once */
  TL_INPUT_FINDING_DOUBLE_ENCODED,    /* token from a URL is still encoded after one decode */
  TL_INPUT_FINDING_SPACES_REPAIRED,   /* spaces where base64 has '+': replaced */
  TL_INPUT_FINDING_NOT_BASE64,        /* warning only */
  TL_INPUT_FINDING_UNKNOWN_PREFIX,    /* customer id prefix not M, S, O, G or T */
  TL_INPUT_FINDING_FROM_URL,          /* both values were read from a link or query string */
  TL_INPUT_FINDING_CUSTOMER_ID_MISMATCH, /* link's customerId differs from the one typed */
} TlInputFindingKind;

typedef struct
{
  TlInputFindingKind  kind;
  char               *message;   /* translated, for people */
} TlInputFinding;

#define TL_TYPE_INPUT (tl_input_get_type ())
G_DECLARE_FINAL_TYPE (TlInput, tl_input, TL, INPUT, GObject)

GQuark        tl_input_error_quark          (void);
TlInputField  tl_input_error_get_field      (TlInputError code);

TlInput      *tl_input_parse                (const char  *text,
                                             GError     **error);
TlInput      *tl_input_parse_fields         (const char  *customer_id,
                                             const char  *token_text,
                                             GError     **error);
gboolean      tl_input_check_customer_id    (const char  *customer_id,
                                             GError     **error);

const char   *tl_input_get_customer_id      (TlInput     *self);
const char   *tl_input_get_token            (TlInput     *self);
const char   *tl_input_get_original_token   (TlInput     *self);
guint         tl_input_get_n_findings       (TlInput     *self);
const TlInputFinding *tl_input_get_finding  (TlInput     *self,
                                             guint        index);
gboolean      tl_input_has_finding          (TlInput     *self,
                                             TlInputFindingKind kind);

/* Helpers shared with the report and history. */
gboolean      tl_input_is_base64            (const char  *token);
char         *tl_input_token_fingerprint    (const char  *token);

G_END_DECLS
