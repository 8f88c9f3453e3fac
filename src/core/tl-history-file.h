/* tl-history-file.h: where the saved history lives and how it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *tl_history_default_path (void);
gboolean  tl_history_write_file   (const char  *path,
                                   const char  *json,
                                   GError     **error);

G_END_DECLS
