/* tl-text-file.h: reading a dropped or opened file of lines, checked before it is used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_TEXT_FILE_MAX (16 * 1024 * 1024)

void  tl_text_file_load_async  (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
char *tl_text_file_load_finish (GAsyncResult        *result,
                                GError             **error);

G_END_DECLS
