/* tl-redactor.h: one redaction pass for text from the network: the token, the password and
 * the credentials, in every spelling a server may use
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
gboolean    tl_redactor_may_change         (TlRedactor  *self,
                                            const char  *text);
void        tl_redactor_free               (TlRedactor  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlRedactor, tl_redactor_free)

G_END_DECLS
