/* main.c: ticket-lookup, the GTK4 + libadwaita application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TlApplication) app = NULL;
  g_auto(GStrv) args = g_strdupv (argv);

  setlocale (LC_ALL, "");
  /* TICKET_LOOKUP_LOCALEDIR lets an uninstalled build (tests, screenshots) find its catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TICKET_LOOKUP_LOCALEDIR") ? g_getenv ("TICKET_LOOKUP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Ticket Lookup"));
  /* A token given on the command line is visible to every local user in /proc/PID/cmdline while
   * the app runs: the app works on a copy and overwrites the originals (the positional
   * arguments: the customer ID and token, or the pasted link). */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      memset (argv[i], 'x', strlen (argv[i]));

  app = tl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, args);
}
