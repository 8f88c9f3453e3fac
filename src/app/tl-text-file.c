/* tl-text-file.c: reading a dropped or opened file of lines, checked before it is used
 *
 * A file someone drops may be anything: it is only taken when it is at most TL_TEXT_FILE_MAX
 * bytes (checked before reading and again on what was read), valid UTF-8 and free of NUL
 * bytes. The messages say which rule the file broke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-text-file.h"

static void
on_loaded (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), res, &contents, &length, NULL, &error))
    g_task_return_new_error (task, error->domain, error->code, _("Could not read the file: %s"),
                             error->message);
  else if (length > TL_TEXT_FILE_MAX)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                             _("The file is too large to be a list of tokens."));
  else if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is not text."));
  else
    {
      g_task_return_pointer (task, g_steal_pointer (&contents), g_free);
      return;
    }
  g_free (contents);
}

static void
on_info (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), res, NULL);
  GCancellable *cancellable;

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                               _("That is a folder, not a file of lines."));
      return;
    }
  if (info != NULL && g_file_info_get_size (info) > TL_TEXT_FILE_MAX)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               _("The file is too large to be a list of tokens."));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  g_file_load_contents_async (G_FILE (source), cancellable, on_loaded, g_steal_pointer (&task));
}

void
tl_text_file_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tl_text_file_load_async);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable, on_info, task);
}

/**
 * tl_text_file_load_finish:
 *
 * Returns: (transfer full): the file's text, or %NULL with a message for people
 */
char *
tl_text_file_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
