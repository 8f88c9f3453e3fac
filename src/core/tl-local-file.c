/* tl-local-file.c: opening a local file of lines, refused by kind before it is read
 *
 * A file of lines is only ever a regular file. Anything else a path can lead to (through
 * symlinks too) is refused at once with a message that says what it is: a device such as
 * /dev/zero never ends, a named pipe blocks the open until a writer comes, a socket cannot be
 * opened at all and a folder has no lines. The kind is checked twice: on the path before
 * opening, so a device is never opened (opening some devices does something), and on the
 * opened descriptor, so a path swapped for something else between the two is still refused.
 * The open itself is non-blocking, so a named pipe swapped in cannot hang the caller either.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-local-file.h"

/* Whether @mode is a regular file; otherwise sets @error saying what @name is instead. */
static gboolean
check_kind (mode_t       mode,
            const char  *name,
            GError     **error)
{
  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a file of lines."), name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a device, not a file of lines."), name);
  else if (S_ISFIFO (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a named pipe (FIFO), not a file of lines."), name);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a socket, not a file of lines."), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is a special file, not a file of lines."), name);
  return FALSE;
}

static void
set_errno_error (int          saved_errno,
                 const char  *name,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
}

/**
 * tl_local_file_open:
 * @path: the file, as the system names it; symlinks are followed
 * @name: how messages name the file (the path the user gave, or its display name)
 * @size: (out) (optional): its size when opened; a hint, the file may still grow or shrink
 *
 * Opens a regular file for reading, blocking; anything else is refused with a message for
 * people that names what it is. Blocks no longer than a stat and an open of a regular file.
 *
 * Returns: a file descriptor the caller closes, or -1 with @error set
 */
int
tl_local_file_open (const char  *path,
                    const char  *name,
                    goffset     *size,
                    GError     **error)
{
  struct stat st;
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (name == NULL)
    name = path;

  if (g_stat (path, &st) != 0)
    {
      set_errno_error (errno, name, error);
      return -1;
    }
  if (!check_kind (st.st_mode, name, error))
    return -1;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* a socket put in the file's place since the stat cannot be opened: say so */
      if (saved_errno == ENXIO && g_stat (path, &st) == 0 && !check_kind (st.st_mode, name, error))
        return -1;
      set_errno_error (saved_errno, name, error);
      return -1;
    }
  if (fstat (fd, &st) != 0 || !check_kind (st.st_mode, name, error))
    {
      int saved_errno = errno;

      if (error != NULL && *error == NULL)
        set_errno_error (saved_errno, name, error);
      close (fd);
      return -1;
    }

  /* reads of a regular file ignore O_NONBLOCK, but a stream over it should not see it set */
  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  if (size != NULL)
    *size = st.st_size;
  return fd;
}
