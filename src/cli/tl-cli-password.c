/* tl-cli-password.c: where ticket-lookup-cli gets the password
 *
 * The sources, in order: --demo (the demo server's own), --password-file, --password-stdin
 * (prompted for without echo on a terminal), else the keyring entry the app stored. The
 * account of a run is taken once, here, before the first lookup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <termios.h>
#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <gio/gio.h>

#include "tl-cli-output.h"
#include "tl-cli-password.h"
#include "tl-cli-words.h"
#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"

#define PASSWORD_MAX 4096

/* Reads the password from the terminal without echoing it. */
static char *
prompt_password (const char  *prompt,
                 GError     **error)
{
  struct termios saved, quiet;
  char buf[PASSWORD_MAX + 2];
  char *line;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (errno));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  /* echo off before the prompt appears: whatever is typed after it is never shown */
  tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
  tl_cli_printerr ("%s", prompt);
  fflush (stderr);
  line = fgets (buf, sizeof buf, stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (line == NULL)
    {
      explicit_bzero (buf, sizeof buf);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No password was entered."));
      return NULL;
    }
  line = g_strndup (buf, strcspn (buf, "\r\n"));
  explicit_bzero (buf, sizeof buf);
  return line;
}

/* A password file others can read, or that someone else owns (and so could swap), is refused:
 * the password would not be the user's alone. */
static gboolean
check_password_file (int          fd,
                     const char  *path,
                     GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is not a regular file."), path);
      return FALSE;
    }
  if (st.st_uid != getuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s belongs to another user; keep the password in a file of your own."), path);
      return FALSE;
    }
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s can be read or changed by other users (mode %03o); run “chmod 600 %s”."),
                   path, (unsigned) (st.st_mode & 0777), path);
      return FALSE;
    }
  return TRUE;
}

/**
 * tl_cli_read_password:
 * @path: a file, or "-" for standard input (prompted for without echo on a terminal)
 *
 * Returns: (nullable): the first line of @path, free with tl_secret_free()
 */
char *
tl_cli_read_password (const char  *path,
                      GError     **error)
{
  return tl_cli_read_secret (path, _("Password: "), error);
}

/**
 * tl_cli_read_secret:
 * @path: a file, or "-" for standard input
 * @prompt: what a terminal is shown before the secret is typed (without echo)
 *
 * The same rules as the service's password: a file of the user's own, unreadable to others;
 * one line; never from the command line itself.
 *
 * Returns: (nullable): the first line of @path, free with tl_secret_free()
 */
char *
tl_cli_read_secret (const char  *path,
                    const char  *prompt,
                    GError     **error)
{
  GString *in = g_string_new (NULL);
  char buf[1024];
  ssize_t n;
  int fd;
  char *password;
  gsize len;

  if (g_strcmp0 (path, "-") == 0)
    {
      if (isatty (STDIN_FILENO))
        {
          g_string_free (in, TRUE);
          return prompt_password (prompt, error);
        }
      fd = STDIN_FILENO;
    }
  else
    {
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0)
        {
          int errsv = errno;
          g_string_free (in, TRUE);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", path, g_strerror (errsv));
          return NULL;
        }
      if (!check_password_file (fd, path, error))
        {
          close (fd);
          g_string_free (in, TRUE);
          return NULL;
        }
    }

  while ((n = read (fd, buf, sizeof buf)) > 0 && in->len <= PASSWORD_MAX)
    g_string_append_len (in, buf, n);
  explicit_bzero (buf, sizeof buf);
  if (fd != STDIN_FILENO)
    close (fd);

  len = strcspn (in->str, "\r\n");
  /* strcspn() stops at a NUL byte too */
  if (len < in->len && in->str[len] == '\0')
    {
      tl_secret_free (g_string_free (in, FALSE));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password contains a NUL byte; is this the right file?"));
      return NULL;
    }
  if (in->len > PASSWORD_MAX)
    {
      tl_secret_free (g_string_free (in, FALSE));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password file is larger than %d bytes; is this the right file?"), PASSWORD_MAX);
      return NULL;
    }
  password = g_strndup (in->str, len);
  tl_secret_free (g_string_free (in, FALSE));
  if (*password == '\0')
    {
      g_free (password);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The password is empty."));
      return NULL;
    }
  if (!g_utf8_validate (password, -1, NULL))
    {
      tl_secret_free (password);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password is not valid UTF-8 text."));
      return NULL;
    }
  return password;
}

static void
on_account_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  TlAccount *account = tl_credentials_load_finish (res, &error);

  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_object_unref);
  g_object_unref (task);
}

static void
on_account_task_done (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

/* Runs the keyring lookup for @account on a main loop; returns the account with its stored
 * password (or without one when nothing is stored), or NULL with error. */
static TlAccount *
keyring_account (TlAccount  *account,
                 guint       timeout_ms,
                 GError    **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_account_task_done, loop);

  tl_credentials_load_async (account, timeout_ms, NULL, on_account_loaded, g_object_ref (task));
  g_main_loop_run (loop);
  return g_task_propagate_pointer (task, error);
}

/* The app's service address and username, where the command line gave none. */
static void
settings_defaults (char **base_url,
                   char **username)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "base-url") ||
      !g_settings_schema_has_key (schema, "username"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  if (*base_url == NULL)
    *base_url = g_settings_get_string (settings, "base-url");
  if (*username == NULL)
    *username = g_settings_get_string (settings, "username");
}

/**
 * tl_cli_take_account:
 * @demo: (out): the demo server started for --demo
 * @status: (out): 0, else the exit status
 *
 * The one account of this run: taken here, used for every lookup, wiped at exit.
 *
 * Returns: (nullable): the account, or %NULL when there is none to be had (the reason is
 *   printed)
 */
TlAccount *
tl_cli_take_account (const TlCliAccountOptions  *options,
                     TlDemoServer              **demo,
                     int                        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = g_strdup (options->base_url);
  g_autofree char *username = g_strdup (options->username);
  g_autoptr(TlAccount) account = NULL;
  char *password = NULL;

  *status = TL_EXIT_USAGE;
  if (options->demo)
    {
      *demo = tl_demo_server_new (&error);
      if (*demo == NULL)
        {
          tl_cli_printerr (_("error: could not start the demo server: %s\n"), error->message);
          *status = tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_NETWORK);
          return NULL;
        }
      g_free (base_url);
      base_url = g_strdup (tl_demo_server_get_base_url (*demo));
      if (username == NULL)
        username = g_strdup (TL_DEMO_USERNAME);
      if (options->password_file == NULL && !options->password_stdin)
        password = g_strdup (TL_DEMO_PASSWORD);
    }
  else
    settings_defaults (&base_url, &username);

  if (base_url == NULL || *base_url == '\0')
    {
      g_free (base_url);
      base_url = g_strdup (TL_DEFAULT_BASE_URL);
    }
  if (!tl_client_check_base_url (base_url, &error))
    {
      tl_cli_printerr (_("error: %s\n"), error->message);
      tl_secret_free (password);
      return NULL;
    }

  if (password == NULL && (options->password_file != NULL || options->password_stdin))
    {
      password = tl_cli_read_password (options->password_file ? options->password_file : "-", &error);
      if (password == NULL)
        {
          tl_cli_printerr (_("error: could not read the password: %s\n"), error->message);
          return NULL;
        }
    }

  if (username == NULL || *username == '\0')
    {
      tl_cli_printerr ("%s\n", _("error: no username: give --username NAME (or set it in Ticket Lookup)"));
      tl_secret_free (password);
      return NULL;
    }
  if (!tl_account_check_username (username, &error))
    {
      tl_cli_printerr (_("error: %s\n"), error->message);
      tl_secret_free (password);
      return NULL;
    }

  account = tl_account_new (base_url, username, password, NULL, *demo != NULL);
  g_clear_pointer (&password, tl_secret_free);
  if (!tl_account_has_password (account))
    {
      g_autoptr(TlAccount) loaded = keyring_account (account, options->timeout_seconds * 1000, &error);

      if (loaded == NULL)
        {
          tl_cli_printerr (_("error: %s\n%s\n%s\n"), tl_cli_words_error_title (TL_LOOKUP_ERROR_KEYRING),
                           error->message, tl_cli_words_error_next_step (TL_LOOKUP_ERROR_KEYRING));
          *status = tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_KEYRING);
          return NULL;
        }
      /* Nothing stored: tl-client reports it as TL_LOOKUP_ERROR_NO_PASSWORD per lookup. */
      g_set_object (&account, loaded);
    }
  *status = 0;
  return g_steal_pointer (&account);
}
