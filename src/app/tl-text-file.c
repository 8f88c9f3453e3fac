/* tl-text-file.c: reading a dropped or opened file of lines, checked before it is used
 *
 * A file someone drops or opens may be anything. Only a regular file (after symlinks) is
 * read: a device, a named pipe, a socket or a folder is refused at once, by what it is
 * (tl-local-file), before anything is read, so /dev/zero cannot fill the memory and a named
 * pipe cannot keep the read waiting forever. A regular file is read in chunks into a buffer
 * that never grows past TL_TEXT_FILE_MAX + 1 bytes: the size the file claims is only a hint
 * (a file can grow while it is read), so the cap is kept on what is read, and the read stops
 * one byte past it. What is taken must also be valid UTF-8 and free of NUL bytes. The
 * messages say which rule the file broke and name the file.
 *
 * The reading runs in a worker thread: the window's main loop never waits on a disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "tl-local-file.h"
#include "tl-text-file.h"

/* one read() at a time: cancellation is noticed between chunks */
#define CHUNK (256 * 1024)

/* How the messages name @file: its display name, as a file chooser shows it. */
static char *
display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *parse_name = NULL;

  if (basename != NULL && g_strcmp0 (basename, "/") != 0)
    return g_filename_display_name (basename);
  parse_name = g_file_get_parse_name (file);
  return g_steal_pointer (&parse_name);
}

/* The stream and the size it says it has, for a local file through tl-local-file, otherwise
 * through GIO with the kind asked of the opened stream. */
static GInputStream *
open_file (GFile         *file,
           const char    *name,
           goffset       *size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path = g_file_peek_path (file);

  *size = -1;
  if (path != NULL)
    {
      int fd = tl_local_file_open (path, name, size, &local_error);

      if (fd < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_unix_input_stream_new (fd, TRUE);
    }

  /* not a local path (a location GIO reads for us): the kind before opening, to refuse a
   * special file without opening it, and again on the opened stream */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info == NULL || g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    {
      g_clear_object (&info);
      stream = g_file_read (file, cancellable, &local_error);
      if (stream != NULL)
        info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                               G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
    }
  if (stream == NULL && local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _("Could not read the file: %s"),
                   local_error->message);
      return NULL;
    }
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("“%s” is a folder, not a file of lines."), name);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     _("“%s” is a special file, not a file of lines."), name);
      return NULL;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    *size = g_file_info_get_size (info);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

/* Reads @stream to its end into one buffer of at most TL_TEXT_FILE_MAX + 1 bytes: more than
 * TL_TEXT_FILE_MAX is refused as soon as the byte past it is read. @size_hint only sizes the
 * first allocation (a file of the right size is then read without copying). */
static char *
read_capped (GInputStream  *stream,
             goffset        size_hint,
             gsize         *length,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize allocated = CHUNK;
  gsize len = 0;

  if (size_hint > 0)
    allocated = MIN ((guint64) size_hint + 1, (guint64) TL_TEXT_FILE_MAX + 1);
  allocated = MAX (allocated, 1);
  buffer = g_malloc (allocated);

  for (;;)
    {
      gssize n;

      if (len == allocated)
        {
          if (allocated == TL_TEXT_FILE_MAX + 1)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("The file is too large to be a list of tokens."));
              return NULL;
            }
          allocated = MIN (allocated * 2, (gsize) TL_TEXT_FILE_MAX + 1);
          buffer = g_realloc (buffer, allocated);
        }
      n = g_input_stream_read (stream, buffer + len, MIN (allocated - len, CHUNK), cancellable,
                               &local_error);
      if (n < 0)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Could not read the file: %s"), local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }

  /* room for the terminating NUL: at most the one byte kept past the cap */
  if (len == allocated)
    buffer = g_realloc (buffer, len + 1);
  buffer[len] = '\0';
  *length = len;
  return g_steal_pointer (&buffer);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *name = display_name (file);
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  goffset size;
  gsize length = 0;

  stream = open_file (file, name, &size, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  contents = read_capped (stream, size, &length, cancellable, &error);
  if (contents == NULL)
    g_task_return_error (task, error);
  else if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is not text."));
  else
    g_task_return_pointer (task, g_steal_pointer (&contents), g_free);
}

void
tl_text_file_load_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_text_file_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
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
