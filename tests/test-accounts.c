/* test-accounts.c: TlAccounts, the one owner of account state in the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-accounts.h"

typedef struct
{
  TlSettings *settings;
  TlAccounts *accounts;
  guint       changed;
  guint       label_notified;
  guint       messages;
} Fixture;

static void
on_changed (TlAccounts *accounts,
            Fixture    *fixture)
{
  fixture->changed++;
}

static void
on_label (GObject    *object,
          GParamSpec *pspec,
          Fixture    *fixture)
{
  fixture->label_notified++;
}

static void
on_message (TlAccounts *accounts,
            const char *text,
            Fixture    *fixture)
{
  fixture->messages++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) keys = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_object_get (keys, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    g_settings_reset (keys, names[i]);

  fixture->settings = tl_settings_new (BASE_APPLICATION_ID);
  fixture->accounts = tl_accounts_new (fixture->settings);
  g_signal_connect (fixture->accounts, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (fixture->accounts, "notify::label", G_CALLBACK (on_label), fixture);
  g_signal_connect (fixture->accounts, "message", G_CALLBACK (on_message), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->accounts);
  g_assert_finalize_object (fixture->settings);
}

static char *
key_string (const char *key)
{
  g_autoptr(GSettings) keys = g_settings_new (BASE_APPLICATION_ID);

  return g_settings_get_string (keys, key);
}

/* A snapshot is a value: switching profiles after it was taken does not change it. */
static void
test_accounts_snapshot_immutable (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(TlAccount) before = NULL;
  g_autoptr(TlAccount) after = NULL;

  tl_accounts_save_profile (fixture->accounts, NULL, "Office", "https://office.example.test/", "partner");
  before = tl_accounts_snapshot (fixture->accounts);
  tl_accounts_save_profile (fixture->accounts, NULL, "Test", "https://test.example.test", "tester");
  after = tl_accounts_snapshot (fixture->accounts);

  g_assert_cmpstr (tl_account_get_server (before), ==, "https://office.example.test");
  g_assert_cmpstr (tl_account_get_username (before), ==, "partner");
  g_assert_cmpstr (tl_account_get_server (after), ==, "https://test.example.test");
  g_assert_cmpstr (tl_account_get_username (after), ==, "tester");

  tl_accounts_activate_profile (fixture->accounts, "Office");
  g_assert_cmpstr (tl_account_get_server (after), ==, "https://test.example.test");
  g_assert_cmpstr (tl_account_get_username (after), ==, "tester");
  g_assert_cmpstr (tl_accounts_get_username (fixture->accounts), ==, "partner");
}

/* Saving, activating, renaming and deleting profiles; the account in use is in the settings
 * the command-line tool reads. */
static void
test_accounts_profiles (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *username = NULL;
  g_autofree char *base_url = NULL;

  tl_accounts_save_profile (fixture->accounts, NULL, "Office", "https://office.example.test", "partner");
  tl_accounts_save_profile (fixture->accounts, NULL, "Test", "https://test.example.test", "tester");
  names = tl_accounts_get_profile_names (fixture->accounts);
  g_assert_cmpstrv (names, ((const char *[]) { "Office", "Test", NULL }));
  g_assert_cmpstr (tl_accounts_get_active_profile (fixture->accounts), ==, "Test");
  g_assert_cmpuint (fixture->changed, >, 0);

  tl_accounts_activate_profile (fixture->accounts, "Office");
  g_assert_cmpstr (tl_accounts_get_active_profile (fixture->accounts), ==, "Office");
  g_assert_cmpstr (tl_accounts_get_base_url (fixture->accounts), ==, "https://office.example.test");
  username = key_string ("username");
  g_assert_cmpstr (username, ==, "partner");
  g_clear_pointer (&username, g_free);

  /* renamed in place, keeping its position */
  tl_accounts_save_profile (fixture->accounts, "Office", "Head office", "https://office.example.test", "partner2");
  g_clear_pointer (&names, g_strfreev);
  names = tl_accounts_get_profile_names (fixture->accounts);
  g_assert_cmpstrv (names, ((const char *[]) { "Head office", "Test", NULL }));
  g_assert_cmpstr (tl_accounts_get_username (fixture->accounts), ==, "partner2");

  /* deleted: the first one left is in use */
  tl_accounts_delete_profile (fixture->accounts, "Head office");
  g_clear_pointer (&names, g_strfreev);
  names = tl_accounts_get_profile_names (fixture->accounts);
  g_assert_cmpstrv (names, ((const char *[]) { "Test", NULL }));
  g_assert_cmpstr (tl_accounts_get_active_profile (fixture->accounts), ==, "Test");
  g_assert_cmpstr (tl_accounts_get_username (fixture->accounts), ==, "tester");

  /* the last one deleted: no account, the default service */
  tl_accounts_delete_profile (fixture->accounts, "Test");
  g_clear_pointer (&names, g_strfreev);
  names = tl_accounts_get_profile_names (fixture->accounts);
  g_assert_cmpstrv (names, ((const char *[]) { NULL }));
  g_assert_null (tl_accounts_get_active_profile (fixture->accounts));
  g_assert_cmpstr (tl_accounts_get_username (fixture->accounts), ==, "");
  base_url = key_string ("base-url");
  g_assert_cmpstr (base_url, ==, "https://connect.maklare.vitec.net");

  /* each delete also clears the keyring entry; there is no keyring here, which is said */
  while (fixture->messages < 2)
    g_main_context_iteration (NULL, TRUE);
}

/* How the account in use is named, kept up to date with a notification. */
static void
test_accounts_label (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TlDemoServer) demo = NULL;
  guint notified;

  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "No account set up");

  tl_accounts_save_profile (fixture->accounts, NULL, "Office", "https://office.example.test", "partner");
  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "Office (partner at office.example.test)");
  g_assert_cmpuint (fixture->label_notified, >, 0);
  notified = fixture->label_notified;

  tl_accounts_save_profile (fixture->accounts, NULL, "Test", "https://test.example.test", "tester");
  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "Test (tester at test.example.test)");
  g_assert_cmpuint (fixture->label_notified, >, notified);
  notified = fixture->label_notified;

  /* the same account again: no notification */
  tl_accounts_activate_profile (fixture->accounts, "Test");
  g_assert_cmpuint (fixture->label_notified, ==, notified);

  /* the demo server replaces the account while it runs */
  demo = tl_demo_server_new (NULL);
  tl_accounts_set_demo_server (fixture->accounts, demo);
  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "Demo server");
  tl_accounts_set_demo_server (fixture->accounts, NULL);
  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "Test (tester at test.example.test)");

  /* a name made up from the account is not said twice ("demo at host (demo at host)"), and is
   * shown made up again, in today's language, in the drop-down */
  tl_accounts_save_profile (fixture->accounts, NULL, "demo at 127.0.0.1", "http://127.0.0.1:8080", "demo");
  g_assert_cmpstr (tl_accounts_get_label (fixture->accounts), ==, "demo at 127.0.0.1");
  {
    g_autofree char *made_up = tl_accounts_dup_profile_title (fixture->accounts, "demo at 127.0.0.1");
    g_autofree char *own = tl_accounts_dup_profile_title (fixture->accounts, "Test");

    g_assert_cmpstr (made_up, ==, "demo at 127.0.0.1");
    g_assert_cmpstr (own, ==, "Test");
  }
}

/* The time limit and "remember" are changed here, and kept in the settings. */
static void
test_accounts_time_limit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GSettings) keys = g_settings_new (BASE_APPLICATION_ID);

  g_object_set (fixture->accounts, "timeout-seconds", 75, "remember-password", FALSE, NULL);
  g_assert_cmpuint (tl_settings_get_timeout_seconds (fixture->settings), ==, 75);
  g_assert_cmpuint (g_settings_get_uint (keys, "timeout-seconds"), ==, 75);
  g_assert_false (g_settings_get_boolean (keys, "remember-password"));

  g_settings_set_uint (keys, "timeout-seconds", 12);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (tl_accounts_get_timeout_seconds (fixture->accounts), ==, 12);
}

int
main (int   argc,
      char *argv[])
{
  /* no keyring: deleting a profile clears its keyring entry, which then fails at once */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ticket-lookup-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/accounts/snapshot-immutable", Fixture, NULL,
              fixture_set_up, test_accounts_snapshot_immutable, fixture_tear_down);
  g_test_add ("/accounts/profiles", Fixture, NULL,
              fixture_set_up, test_accounts_profiles, fixture_tear_down);
  g_test_add ("/accounts/label", Fixture, NULL,
              fixture_set_up, test_accounts_label, fixture_tear_down);
  g_test_add ("/accounts/time-limit", Fixture, NULL,
              fixture_set_up, test_accounts_time_limit, fixture_tear_down);

  return g_test_run ();
}
