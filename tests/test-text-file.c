/* test-text-file.c: what the batch window's Open and drop read, and what they refuse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <glib/gstdio.h>

#include "tl-text-file.h"
#include "widget-test.h"

typedef struct
{
  GAsyncResult *result;
  gboolean      late;
} Loaded;

static void
on_text_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  ((Loaded *) user_data)->result = g_object_ref (res);
}

static gboolean
on_too_late (gpointer user_data)
{
  ((Loaded *) user_data)->late = TRUE;
  return G_SOURCE_REMOVE;
}

/* What the batch window's Open and drop get for @path: the text, or the message people see.
 * Fails the test when no answer comes within ten seconds (a file read forever, or a wait). */
static char *
load_text (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Loaded loaded = { NULL, FALSE };
  guint timer = g_timeout_add_seconds (10, on_too_late, &loaded);
  char *text;

  tl_text_file_load_async (file, NULL, on_text_loaded, &loaded);
  while (loaded.result == NULL && !loaded.late)
    g_main_context_iteration (NULL, TRUE);
  if (loaded.late)
    g_error ("no answer within 10 s for %s", path);
  g_source_remove (timer);
  text = tl_text_file_load_finish (loaded.result, error);
  g_object_unref (loaded.result);
  return text;
}

static gsize
peak_rss (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gsize) usage.ru_maxrss * 1024;
}

/* A device, a symlink to one, a named pipe, a socket and a folder are refused at once by what
 * they are; a 100 MB file is read no further than the cap; a file of lines is read. */
static void
test_text_file_kinds (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tl-text-file-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "tokens.fifo", NULL);
  g_autofree char *sock_path = g_build_filename (dir, "tokens.sock", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.txt", NULL);
  g_autofree char *small = g_build_filename (dir, "small.txt", NULL);
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  struct { const char *path; const char *message; } refused[] = {
    { "/dev/zero", "“zero” is a device, not a file of lines." },
    { link, "“link.txt” is a device, not a file of lines." },
    { fifo, "“tokens.fifo” is a named pipe (FIFO), not a file of lines." },
    { sock_path, "“tokens.sock” is a socket, not a file of lines." },
    { folder, "“folder” is a folder, not a file of lines." },
  };
  int sock;
  int fd;
  gsize before;

  g_assert_nonnull (dir);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", link), ==, 0);
  sock = socket (AF_UNIX, SOCK_STREAM, 0);
  g_assert_cmpint (sock, >=, 0);
  g_strlcpy (address.sun_path, sock_path, sizeof address.sun_path);
  g_assert_cmpint (bind (sock, (struct sockaddr *) &address, sizeof address), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = load_text (refused[i].path, &error);

      g_assert_null (text);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, refused[i].message);
    }

  /* sparse: 100 MB of NUL bytes that take no disk */
  fd = g_open (big, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  close (fd);
  before = peak_rss ();
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = load_text (big, &error);

    g_assert_null (text);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "The file is too large to be a list of tokens.");
  }
  if (g_test_verbose ())
    g_printerr ("peak RSS %zu MiB before, %zu MiB after a 100 MB file\n", before >> 20, peak_rss () >> 20);
  /* the cap's buffer and no more: a constant for the worker thread's stack and malloc arenas */
  g_assert_cmpuint (peak_rss () - before, <, TL_TEXT_FILE_MAX + 8 * 1024 * 1024);

  g_assert_true (g_file_set_contents (small, "M1 DemoValid+Token/01==\n", -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = load_text (small, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "M1 DemoValid+Token/01==\n");
  }

  close (sock);
  for (const char *p, **ps = (const char *[]) { fifo, sock_path, link, big, small, NULL }; (p = *ps); ps++)
    g_unlink (p);
  g_rmdir (folder);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/text-file/kinds", test_text_file_kinds);

  return g_test_run ();
}
