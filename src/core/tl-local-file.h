/* tl-local-file.h: opening a local file of lines, refused by kind before it is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int tl_local_file_open (const char  *path,
                        const char  *name,
                        goffset     *size,
                        GError     **error);

G_END_DECLS
