/* store-probe.c: stores a password with the app's own account code (tl-credentials), for the
 * Flatpak test to run inside the sandbox: `store-probe URL USERNAME PASSWORD remember|forget`.
 * Prints "stored" (or "kept in memory only" for forget inside the sandbox) and exits 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "tl-credentials.h"

static GMainLoop *loop;
static int status;

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tl_credentials_store_finish (res, &error))
    {
      printf ("store failed: %s\n", error->message);
      status = 1;
    }
  else
    printf ("%s\n", GPOINTER_TO_INT (user_data) || !tl_credentials_in_sandbox ()
                    ? "stored" : "kept in memory only");
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  gboolean remember;

  if (argc != 5 || (strcmp (argv[4], "remember") != 0 && strcmp (argv[4], "forget") != 0))
    {
      fprintf (stderr, "usage: %s URL USERNAME PASSWORD remember|forget\n", argv[0]);
      return 2;
    }
  remember = strcmp (argv[4], "remember") == 0;
  printf ("in sandbox: %s\n", tl_credentials_in_sandbox () ? "yes" : "no");
  loop = g_main_loop_new (NULL, FALSE);
  tl_credentials_store_async (argv[1], argv[2], argv[3], remember, NULL, on_stored,
                              GINT_TO_POINTER (remember));
  g_main_loop_run (loop);
  g_main_loop_unref (loop);
  return status;
}
