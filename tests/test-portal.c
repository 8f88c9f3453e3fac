/* test-portal.c: the keyring as the app uses it inside Flatpak or Snap, through the desktop's
 * Secret portal, with a portal that loses an answer or never answers
 * (tests/fake_secret_portal.py on a private session bus: run under dbus-run-session).
 *
 * libsecret before 0.21.4 misses a Response that comes before its request's method reply, and
 * before 0.21.0 deadlocks when a pending portal request is cancelled: the keyring calls must still
 * answer, at their deadline at the latest, and the process must go on working.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "tl-credentials.h"
#include "tl-lookup-error.h"

#define SERVER "https://connect.maklare.vitec.net"

typedef struct
{
  GSubprocess *portal;
  char        *data_dir;
} Fixture;

static void
on_ready (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Starts the stand-in portal and waits until it owns its bus name (it says "ready"). The keyring
 * file goes to a directory of the test's; SNAP_NAME makes libsecret (and the app) take the
 * sandbox's file keyring, as /.flatpak-info does inside Flatpak. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  f->data_dir = g_dir_make_tmp ("tl-portal-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", f->data_dir, TRUE);
  g_setenv ("SNAP_NAME", "ticket-lookup-test", TRUE);
  g_assert_true (tl_credentials_in_sandbox ());

  f->portal = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3",
                                TL_TEST_SRCDIR "/fake_secret_portal.py", (const char *) mode, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->portal));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  mode)
{
  g_autofree char *keyrings = g_build_filename (f->data_dir, "keyrings", NULL);
  g_autofree char *file = g_build_filename (keyrings, "default.keyring", NULL);

  g_subprocess_force_exit (f->portal);
  g_subprocess_wait (f->portal, NULL, NULL);
  g_clear_object (&f->portal);
  g_remove (file);
  g_rmdir (keyrings);
  g_rmdir (f->data_dir);
  g_free (f->data_dir);
}

static guint
portal_requests (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  guint n;

  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.portal.Desktop",
                                       "/org/freedesktop/portal/desktop", "org.ticketlookup.Test",
                                       "Requests", NULL, G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &n);
  return n;
}

/* The first answer is lost (libsecret 0.20) or not (0.21.4 and later): either way the load
 * finds the keyring open and nothing stored, long before its deadline; then a password is stored
 * and found again in the same process. */
static void
test_answer_lost_once (Fixture       *f,
                       gconstpointer  mode)
{
  g_autoptr(TlAccount) account = tl_account_new (SERVER, "portal-user", NULL, NULL, FALSE);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(TlAccount) loaded = NULL;
  g_autoptr(TlAccount) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  tl_credentials_load_async (account, 120 * 1000, NULL, on_ready, &res);
  loaded = tl_credentials_load_finish (wait_for (&res), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (tl_account_has_password (loaded));
  g_assert_cmpuint (portal_requests (), >=, 1);

  tl_credentials_store_async (SERVER, "portal-user", "Portal-Pass-1", TRUE, NULL, on_ready, &stored);
  g_assert_true (tl_credentials_store_finish (wait_for (&stored), &error));
  g_assert_no_error (error);
  tl_credentials_load_async (account, 120 * 1000, NULL, on_ready, &found);
  reloaded = tl_credentials_load_finish (wait_for (&found), &error);
  g_assert_no_error (error);
  g_assert_true (tl_account_has_password (reloaded));
  g_assert_cmpstr (tl_account_get_password (reloaded), ==, "Portal-Pass-1");
}

static void
on_cancel_now (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (res);
}

/* The portal never answers: the load ends at its deadline as the keyring's error, a store whose
 * caller cancels ends as cancelled, and the process is still working afterwards (a libsecret that
 * deadlocks on cancel would hang here, not fail an assertion: the test's timeout catches it). */
static void
test_no_answer (Fixture       *f,
                gconstpointer  mode)
{
  g_autoptr(TlAccount) account = tl_account_new (SERVER, "portal-user", NULL, NULL, FALSE);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GAsyncResult) store_res = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TlAccount) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  tl_credentials_load_async (account, 1500, NULL, on_ready, &res);
  loaded = tl_credentials_load_finish (wait_for (&res), &error);
  g_assert_null (loaded);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "did not answer within 1.5 seconds"));
  g_assert_cmpuint (portal_requests (), >=, 1);

  tl_credentials_store_async (SERVER, "portal-user", "Portal-Pass-2", TRUE, cancellable,
                              on_cancel_now, &store_res);
  g_cancellable_cancel (cancellable);
  g_assert_false (tl_credentials_store_finish (wait_for (&store_res), &store_error));
  g_assert_error (store_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("needs a session bus of its own (run under dbus-run-session)");
      return g_test_run ();
    }
  /* libsecret opens its keyring once per process: meson runs each case in a process of its own
   * (-p PATH) */
  g_test_add ("/portal/answer-lost-once", Fixture, "lose-first", fixture_set_up,
              test_answer_lost_once, fixture_tear_down);
  g_test_add ("/portal/no-answer", Fixture, "never", fixture_set_up, test_no_answer,
              fixture_tear_down);
  return g_test_run ();
}
