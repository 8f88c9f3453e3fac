/* test-credentials.c: tl-credentials against a real gnome-keyring-daemon in a private D-Bus
 * session (tests/keyring-session.sh), and with no Secret Service at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include "tl-credentials.h"
#include "tl-lookup-error.h"

#define SERVER "https://connect.maklare.vitec.net"

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
on_ready (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

static gboolean
store (const char  *server,
       const char  *username,
       const char  *password,
       gboolean     remember,
       GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  tl_credentials_store_async (server, username, password, remember, NULL, on_ready, &res);
  return tl_credentials_store_finish (wait_for (&res), error);
}

static char *
lookup (const char  *server,
        const char  *username,
        GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  tl_credentials_lookup_async (server, username, NULL, on_ready, &res);
  return tl_credentials_lookup_finish (wait_for (&res), error);
}

static gboolean
clear (const char  *server,
       const char  *username,
       GError     **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  tl_credentials_clear_async (server, username, NULL, on_ready, &res);
  return tl_credentials_clear_finish (wait_for (&res), error);
}

static char *
secret_tool_lookup (const char *server,
                    const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "secret-tool", "lookup", "server", server, "username", username, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  char *password;
  g_autofree char *seen = NULL;

  g_assert_true (store (SERVER "/", "partner-a", "pässwörd 1", TRUE, &error));
  g_assert_no_error (error);

  /* The trailing slash is normalized away: the entry is found both ways. */
  password = lookup (SERVER, "partner-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "pässwörd 1");
  tl_credentials_free_password (password);

  /* Another program sees the same entry under the documented schema attributes. */
  seen = secret_tool_lookup (SERVER, "partner-a");
  g_assert_cmpstr (seen, ==, "pässwörd 1");

  /* Another user or server does not get it. */
  password = lookup (SERVER, "partner-b", &error);
  g_assert_no_error (error);
  g_assert_null (password);
  password = lookup ("https://connect-qa.maklare.vitec.net", "partner-a", &error);
  g_assert_no_error (error);
  g_assert_null (password);

  /* Replacing keeps one entry. */
  g_assert_true (store (SERVER, "partner-a", "second", TRUE, &error));
  password = lookup (SERVER, "partner-a", &error);
  g_assert_cmpstr (password, ==, "second");
  tl_credentials_free_password (password);

  g_assert_true (clear (SERVER, "partner-a", &error));
  g_assert_no_error (error);
  password = lookup (SERVER, "partner-a", &error);
  g_assert_no_error (error);
  g_assert_null (password);
  g_assert_null (secret_tool_lookup (SERVER, "partner-a"));
}

static void
secret_tool_store (const char *server,
                   const char *username,
                   const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, "secret-tool", "store",
                                                  "--label=script", "server", server, "username", username, NULL);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, password, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
}

/* Stored by a script or a support desk with secret-tool (no schema name): used too. */
static void
test_stored_by_secret_tool (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  secret_tool_store (SERVER, "scripted-user", "from-a-script");
  password = lookup (SERVER, "scripted-user", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "from-a-script");
  tl_credentials_free_password (password);
}

static void
test_session_collection (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_true (store (SERVER, "session-user", "only-for-now", FALSE, &error));
  g_assert_no_error (error);
  password = lookup (SERVER, "session-user", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "only-for-now");
  tl_credentials_free_password (password);
  g_assert_true (clear (SERVER, "session-user", &error));
}

static void
lock_login_collection (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { "/org/freedesktop/secrets/collection/login", NULL };

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "Lock",
                                       g_variant_new ("(@ao)", g_variant_new_objv (paths, -1)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
}

/* The password is there but its collection is locked and the unlock prompt cannot be shown
 * (no display): a clear keyring error, not "no password"; the session-only path still works. */
static void
test_locked_prompt_dismissed (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_true (store (SERVER, "locked-user", "in-a-locked-keyring", TRUE, &error));
  g_assert_no_error (error);
  lock_login_collection ();

  password = lookup (SERVER, "locked-user", &error);
  g_assert_null (password);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);

  g_assert_true (store (SERVER, "session-user-2", "session-only", FALSE, &error));
  g_assert_no_error (error);
  password = lookup (SERVER, "session-user-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "session-only");
  tl_credentials_free_password (password);
}

static TlAccount *
load (TlAccount  *account,
      guint       timeout_ms,
      GError    **error)
{
  g_autoptr(GAsyncResult) res = NULL;

  tl_credentials_load_async (account, timeout_ms, NULL, on_ready, &res);
  return tl_credentials_load_finish (wait_for (&res), error);
}

/* A load answers for exactly the (server, username) it was asked about. */
static void
test_load_account (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) a = tl_account_new ("http://127.0.0.1:1111/", "demo", NULL, "A", FALSE);
  g_autoptr(TlAccount) b = tl_account_new ("http://127.0.0.1:2222", "demo", NULL, "B", FALSE);
  g_autoptr(TlAccount) c = tl_account_new ("http://127.0.0.1:3333", "demo", "typed", "C", FALSE);
  g_autoptr(TlAccount) loaded_a = NULL;
  g_autoptr(TlAccount) loaded_b = NULL;
  g_autoptr(TlAccount) loaded_c = NULL;

  g_assert_true (store ("http://127.0.0.1:1111", "demo", "password-of-a", TRUE, &error));
  g_assert_true (store ("http://127.0.0.1:2222", "demo", "password-of-b", TRUE, &error));
  g_assert_no_error (error);

  loaded_a = load (a, 5000, &error);
  g_assert_no_error (error);
  loaded_b = load (b, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_account_get_password (loaded_a), ==, "password-of-a");
  g_assert_cmpstr (tl_account_get_server (loaded_a), ==, "http://127.0.0.1:1111");
  g_assert_cmpstr (tl_account_get_profile (loaded_a), ==, "A");
  g_assert_cmpstr (tl_account_get_password (loaded_b), ==, "password-of-b");
  g_assert_cmpstr (tl_account_get_server (loaded_b), ==, "http://127.0.0.1:2222");
  /* the snapshots themselves are never changed */
  g_assert_false (tl_account_has_password (a));

  /* nothing stored: the account comes back without a password, and no error */
  loaded_c = load (c, 5000, &error);
  g_assert_no_error (error);
  g_assert_false (tl_account_has_password (loaded_c));
}

static GPid
keyring_daemon_pid (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 pid = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  g_assert_cmpuint (pid, >, 1);
  return (GPid) pid;
}

/* A keyring that does not answer (stopped, as behind a hung unlock prompt): a keyring error
 * within the deadline, not a hang. */
static void
test_load_deadline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = tl_account_new ("http://127.0.0.1:1111", "demo", NULL, NULL, FALSE);
  g_autoptr(TlAccount) loaded = NULL;
  GPid daemon = keyring_daemon_pid ();
  gint64 start;

  g_assert_cmpint (kill (daemon, SIGSTOP), ==, 0);
  start = g_get_monotonic_time ();
  loaded = load (account, 700, &error);
  g_assert_cmpint (kill (daemon, SIGCONT), ==, 0);

  g_assert_null (loaded);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "did not answer within 0.7 seconds"));
  /* well before D-Bus's own 25 s timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* and it works again once the keyring answers */
  g_clear_object (&loaded);
  loaded = load (account, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_account_get_password (loaded), ==, "password-of-a");
}

/* Removing this app's entry leaves another application's item with the same attributes. */
static void
test_clear_only_own (void)
{
  static const SecretSchema other_schema = {
    "org.example.OtherApp.Login", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  char *other;
  char *password;

  g_assert_true (secret_password_store_sync (&other_schema, SECRET_COLLECTION_DEFAULT, "other app",
                                             "other-apps-secret", NULL, &error,
                                             "server", SERVER, "username", "shared-user", NULL));
  g_assert_no_error (error);
  /* the other application's item alone is not this app's password */
  password = lookup (SERVER, "shared-user", &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_assert_true (store (SERVER, "shared-user", "ours", TRUE, &error));
  g_assert_no_error (error);
  password = lookup (SERVER, "shared-user", &error);
  g_assert_cmpstr (password, ==, "ours");
  tl_credentials_free_password (password);

  g_assert_true (clear (SERVER, "shared-user", &error));
  g_assert_no_error (error);
  password = lookup (SERVER, "shared-user", &error);
  g_assert_no_error (error);
  g_assert_null (password);

  other = secret_password_lookup_sync (&other_schema, NULL, &error,
                                       "server", SERVER, "username", "shared-user", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (other, ==, "other-apps-secret");
  secret_password_free (other);
}

static void
test_no_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_false (store (SERVER, "partner", "pw", TRUE, &error));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_clear_error (&error);

  password = lookup (SERVER, "partner", &error);
  g_assert_null (password);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
  g_clear_error (&error);

  g_assert_false (clear (SERVER, "partner", &error));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* No display: an unlock prompt cannot be shown, as on a headless machine. */
  g_setenv ("DISPLAY", "", TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");

  if (g_getenv ("TL_TEST_NO_SECRET_SERVICE") != NULL)
    g_test_add_func ("/credentials/no-secret-service", test_no_secret_service);
  else
    {
      g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
      g_test_add_func ("/credentials/session-collection", test_session_collection);
      g_test_add_func ("/credentials/stored-by-secret-tool", test_stored_by_secret_tool);
      g_test_add_func ("/credentials/load-account", test_load_account);
      g_test_add_func ("/credentials/load-deadline", test_load_deadline);
      g_test_add_func ("/credentials/clear-only-own", test_clear_only_own);
      /* last: it leaves the login collection locked */
      g_test_add_func ("/credentials/zz-locked-prompt-dismissed", test_locked_prompt_dismissed);
    }

  return g_test_run ();
}
