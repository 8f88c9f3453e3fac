/* test-settings.c: TlSettings, a property per key of the app's schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-settings.h"

static void
assert_key_string (GSettings  *keys,
                   const char *key,
                   const char *expected)
{
  g_autofree char *value = g_settings_get_string (keys, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
reset_keys (void)
{
  g_autoptr(GSettings) keys = g_settings_new (BASE_APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  g_object_get (keys, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    g_settings_reset (keys, names[i]);
}

/* Every key has its property, with the key's value. */
static void
test_settings_every_key (void)
{
  g_autoptr(GSettings) keys = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) names = NULL;
  TlSettings *settings;

  reset_keys ();
  keys = g_settings_new (BASE_APPLICATION_ID);
  settings = tl_settings_new (BASE_APPLICATION_ID);
  g_object_get (keys, "settings-schema", &schema, NULL);
  names = g_settings_schema_list_keys (schema);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (settings), names[i]);

      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_WRITABLE);
    }
  g_assert_cmpuint (tl_settings_get_timeout_seconds (settings), ==, g_settings_get_uint (keys, "timeout-seconds"));
  g_assert_cmpstr (tl_settings_get_base_url (settings), ==, "https://connect.maklare.vitec.net");
  g_assert_true (tl_settings_get_offer_clipboard (settings));
  g_assert_false (tl_settings_get_remember_history (settings));

  g_assert_finalize_object (settings);
}

/* A property set reaches its key; several set together are written together. */
static void
test_settings_property_to_key (void)
{
  g_autoptr(GSettings) keys = NULL;
  g_autoptr(GVariant) profiles = NULL;
  TlSettings *settings;

  reset_keys ();
  keys = g_settings_new (BASE_APPLICATION_ID);
  settings = tl_settings_new (BASE_APPLICATION_ID);

  g_object_set (settings, "timeout-seconds", 45, NULL);
  g_assert_cmpuint (g_settings_get_uint (keys, "timeout-seconds"), ==, 45);
  g_object_set (settings, "remember-history", TRUE, NULL);
  g_assert_true (g_settings_get_boolean (keys, "remember-history"));
  g_object_set (settings, "window-width", 1000, "window-height", 600, "window-maximized", TRUE, NULL);
  g_assert_cmpint (g_settings_get_int (keys, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (keys, "window-height"), ==, 600);
  g_assert_true (g_settings_get_boolean (keys, "window-maximized"));

  tl_settings_set_account (settings,
                           g_variant_new_parsed ("[('Office', 'https://connect.example.test', 'partner')]"),
                           "Office", "https://connect.example.test", "partner");
  assert_key_string (keys, "active-profile", "Office");
  assert_key_string (keys, "base-url", "https://connect.example.test");
  assert_key_string (keys, "username", "partner");
  profiles = g_settings_get_value (keys, "profiles");
  g_assert_cmpuint (g_variant_n_children (profiles), ==, 1);

  /* no base URL: the key goes back to its default */
  tl_settings_set_account (settings, NULL, "", NULL, "");
  g_assert_null (g_settings_get_user_value (keys, "base-url"));
  g_assert_cmpstr (tl_settings_get_base_url (settings), ==, "https://connect.maklare.vitec.net");
  assert_key_string (keys, "username", "");

  g_assert_finalize_object (settings);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* A key written elsewhere (the command-line tool, dconf) reaches its property, with a
 * notification. */
static void
test_settings_key_to_property (void)
{
  g_autoptr(GSettings) keys = NULL;
  TlSettings *settings;
  guint notified = 0;

  reset_keys ();
  keys = g_settings_new (BASE_APPLICATION_ID);
  settings = tl_settings_new (BASE_APPLICATION_ID);
  g_signal_connect (settings, "notify::search-lookups", G_CALLBACK (on_notify), &notified);

  g_settings_set_boolean (keys, "search-lookups", FALSE);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_false (tl_settings_get_search_lookups (settings));
  g_assert_cmpuint (notified, ==, 1);

  g_settings_set_string (keys, "username", "someone");
  g_settings_set_uint (keys, "timeout-seconds", 120);
  g_settings_set_value (keys, "profiles", g_variant_new_parsed ("[('A', 'https://a.example', 'u')]"));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (tl_settings_get_username (settings), ==, "someone");
  g_assert_cmpuint (tl_settings_get_timeout_seconds (settings), ==, 120);
  g_assert_cmpuint (g_variant_n_children (tl_settings_get_profiles (settings)), ==, 1);

  g_assert_finalize_object (settings);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/every-key", test_settings_every_key);
  g_test_add_func ("/settings/property-to-key", test_settings_property_to_key);
  g_test_add_func ("/settings/key-to-property", test_settings_key_to_property);

  return g_test_run ();
}
