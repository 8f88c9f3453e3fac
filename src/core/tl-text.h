/* tl-text.h: text from the network made safe to show: secrets redacted, controls made visible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TL_REDACTED_TOKEN       "[token removed]"
#define TL_REDACTED_PASSWORD    "[password removed]"
#define TL_REDACTED_CREDENTIALS "[credentials removed]"

typedef struct _TlRedactor TlRedactor;

TlRedactor *tl_redactor_new                (const char  *token,
                                            const char  *username,
                                            const char  *password);
char       *tl_redactor_apply              (TlRedactor  *self,
                                            const char  *text);
gboolean    tl_redactor_is_empty           (TlRedactor  *self);
void        tl_redactor_free               (TlRedactor  *self);

char       *tl_text_visible                (const char  *text);
char       *tl_text_visible_multiline      (const char  *text);
char       *tl_text_json_escape_invisible  (const char  *json);
gboolean    tl_text_is_invisible_char      (gunichar     c);
void        tl_text_append_json_string     (GString     *out,
                                            const char  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRedactor, tl_redactor_free)

G_END_DECLS
