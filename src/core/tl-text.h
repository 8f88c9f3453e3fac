/* tl-text.h: text from the network made safe to show: controls and invisible characters made visible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *tl_text_visible                (const char  *text);
char       *tl_text_visible_multiline      (const char  *text);
char       *tl_text_json_escape_invisible  (const char  *json);
gboolean    tl_text_is_invisible_char      (gunichar     c);
gboolean    tl_text_is_default_ignorable   (gunichar     c);
void        tl_text_append_json_string     (GString     *out,
                                            const char  *value);

G_END_DECLS
