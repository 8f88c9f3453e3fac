/* tl-batch-line.h: which lines of a text are lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     tl_batch_line_trim        (const char **start,
                                        const char **end);
const char  *tl_batch_line_next        (const char  *p,
                                        const char **start,
                                        const char **end);
gboolean     tl_batch_text_has_lines   (const char  *text);
guint        tl_batch_text_count_lines (const char  *text,
                                        guint        max);

G_END_DECLS
