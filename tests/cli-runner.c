/* cli-runner.c: running ticket-lookup-cli from a test, as a user or a script runs it
 *
 * The CLI runs without blocking this process's main loop, so an in-process server can answer.
 * Standard input comes from a file: a program that exits before reading it (arguments
 * refused) is then no broken pipe for the test, and a large input cannot dead-lock against
 * output the program streams while it reads. `meson test --setup valgrind` sets
 * TL_TEST_CLI_WRAPPER, which runs the CLI itself under valgrind too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "cli-runner.h"

void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

static void
on_communicated (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

void
run_cli_argv (Run               *run,
              const char        *cli,
              const char        *stdin_text,
              const char *const *envp_extra,
              const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) wrapper = NULL;
  int fd;

  if (g_getenv ("TL_TEST_CLI_WRAPPER") != NULL)
    {
      wrapper = g_strsplit (g_getenv ("TL_TEST_CLI_WRAPPER"), " ", -1);
      for (guint i = 0; wrapper[i] != NULL; i++)
        if (*wrapper[i] != '\0')
          g_ptr_array_add (argv, wrapper[i]);
    }
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  fd = g_file_open_tmp ("tl-cli-stdin-XXXXXX", &input, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (input, stdin_text ? stdin_text : "", -1, &error));
  g_assert_no_error (error);
  close (fd);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; envp_extra != NULL && envp_extra[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, envp_extra[i], envp_extra[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_async (proc, NULL, NULL, on_communicated, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_finish (proc, res, &out, &err, &error);
  g_unlink (input);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
  run->out = g_strndup (g_bytes_get_size (out) ? g_bytes_get_data (out, NULL) : "", g_bytes_get_size (out));
  run->err = g_strndup (g_bytes_get_size (err) ? g_bytes_get_data (err, NULL) : "", g_bytes_get_size (err));
  if (g_test_verbose ())
    g_printerr ("exit %d\nstdout:\n%s\nstderr:\n%s\n", run->status, run->out, run->err);
}
