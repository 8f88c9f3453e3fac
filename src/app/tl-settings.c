/* tl-settings.c: the app's settings, a property per key
 *
 * One object, made once by the application, with a property for every key of the app's schema,
 * each bound to its key with g_settings_bind (after GNOME Console's KgxSettings). The rest of
 * the app reads and writes these properties; no other file names a key.
 *
 * The GSettings object is in delay-apply mode: whatever changes together (one g_object_set of
 * several properties, or tl_settings_set_account()) is applied in one go once its
 * notifications have been dispatched, so another process (the command-line tool) never reads
 * half of a change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-settings.h"

struct _TlSettings
{
  GObject    parent_instance;

  GSettings *settings;
  char      *schema_id;
  guint      batch;          /* > 0 while tl_settings_set_account() collects its changes */

  char      *base_url;
  char      *username;
  GVariant  *profiles;
  char      *active_profile;
  GVariant  *profile_ca_files;
  gboolean   remember_password;
  guint      timeout_seconds;
  gboolean   offer_clipboard;
  gboolean   search_lookups;
  gboolean   remember_history;
  int        window_width;
  int        window_height;
  gboolean   window_maximized;
};

G_DEFINE_FINAL_TYPE (TlSettings, tl_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCHEMA_ID,
  /* one per key, named as the key */
  PROP_BASE_URL,
  PROP_USERNAME,
  PROP_PROFILES,
  PROP_ACTIVE_PROFILE,
  PROP_PROFILE_CA_FILES,
  PROP_REMEMBER_PASSWORD,
  PROP_TIMEOUT_SECONDS,
  PROP_OFFER_CLIPBOARD,
  PROP_SEARCH_LOOKUPS,
  PROP_REMEMBER_HISTORY,
  PROP_WINDOW_WIDTH,
  PROP_WINDOW_HEIGHT,
  PROP_WINDOW_MAXIMIZED,
  N_PROPS
};

#define FIRST_KEY_PROP PROP_BASE_URL

static GParamSpec *properties[N_PROPS];

static void
set_string (GObject     *object,
            GParamSpec  *pspec,
            char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

static void
set_boolean (GObject    *object,
             GParamSpec *pspec,
             gboolean   *field,
             gboolean    value)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_int (GObject    *object,
         GParamSpec *pspec,
         int        *field,
         int         value)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

static void
set_variant (GObject     *object,
             GParamSpec  *pspec,
             GVariant   **field,
             GVariant    *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_variant_equal (*field, value)))
    return;
  g_clear_pointer (field, g_variant_unref);
  *field = value ? g_variant_ref_sink (value) : NULL;
  g_object_notify_by_pspec (object, pspec);
}

static void
tl_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TlSettings *self = TL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_ID: g_value_set_string (value, self->schema_id); break;
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_USERNAME: g_value_set_string (value, self->username); break;
    case PROP_PROFILES: g_value_set_variant (value, self->profiles); break;
    case PROP_ACTIVE_PROFILE: g_value_set_string (value, self->active_profile); break;
    case PROP_PROFILE_CA_FILES: g_value_set_variant (value, self->profile_ca_files); break;
    case PROP_REMEMBER_PASSWORD: g_value_set_boolean (value, self->remember_password); break;
    case PROP_TIMEOUT_SECONDS: g_value_set_uint (value, self->timeout_seconds); break;
    case PROP_OFFER_CLIPBOARD: g_value_set_boolean (value, self->offer_clipboard); break;
    case PROP_SEARCH_LOOKUPS: g_value_set_boolean (value, self->search_lookups); break;
    case PROP_REMEMBER_HISTORY: g_value_set_boolean (value, self->remember_history); break;
    case PROP_WINDOW_WIDTH: g_value_set_int (value, self->window_width); break;
    case PROP_WINDOW_HEIGHT: g_value_set_int (value, self->window_height); break;
    case PROP_WINDOW_MAXIMIZED: g_value_set_boolean (value, self->window_maximized); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TlSettings *self = TL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_ID:
      self->schema_id = g_value_dup_string (value);
      break;
    case PROP_BASE_URL:
      set_string (object, pspec, &self->base_url, g_value_get_string (value));
      break;
    case PROP_USERNAME:
      set_string (object, pspec, &self->username, g_value_get_string (value));
      break;
    case PROP_PROFILES:
      set_variant (object, pspec, &self->profiles, g_value_get_variant (value));
      break;
    case PROP_ACTIVE_PROFILE:
      set_string (object, pspec, &self->active_profile, g_value_get_string (value));
      break;
    case PROP_PROFILE_CA_FILES:
      set_variant (object, pspec, &self->profile_ca_files, g_value_get_variant (value));
      break;
    case PROP_REMEMBER_PASSWORD:
      set_boolean (object, pspec, &self->remember_password, g_value_get_boolean (value));
      break;
    case PROP_TIMEOUT_SECONDS:
      if (self->timeout_seconds != g_value_get_uint (value))
        {
          self->timeout_seconds = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_OFFER_CLIPBOARD:
      set_boolean (object, pspec, &self->offer_clipboard, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_LOOKUPS:
      set_boolean (object, pspec, &self->search_lookups, g_value_get_boolean (value));
      break;
    case PROP_REMEMBER_HISTORY:
      set_boolean (object, pspec, &self->remember_history, g_value_get_boolean (value));
      break;
    case PROP_WINDOW_WIDTH:
      set_int (object, pspec, &self->window_width, g_value_get_int (value));
      break;
    case PROP_WINDOW_HEIGHT:
      set_int (object, pspec, &self->window_height, g_value_get_int (value));
      break;
    case PROP_WINDOW_MAXIMIZED:
      set_boolean (object, pspec, &self->window_maximized, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The bindings write the changed keys while the notifications are dispatched; then they are
 * applied together. */
static void
tl_settings_dispatch_properties_changed (GObject     *object,
                                         guint        n_pspecs,
                                         GParamSpec **pspecs)
{
  TlSettings *self = TL_SETTINGS (object);

  G_OBJECT_CLASS (tl_settings_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
  if (self->settings != NULL && self->batch == 0)
    g_settings_apply (self->settings);
}

static gboolean
variant_to_value (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_variant (value, variant);
  return TRUE;
}

static GVariant *
value_to_variant (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_value_dup_variant (value);
}

static void
tl_settings_constructed (GObject *object)
{
  TlSettings *self = TL_SETTINGS (object);

  G_OBJECT_CLASS (tl_settings_parent_class)->constructed (object);

  self->settings = g_settings_new (self->schema_id);
  g_settings_delay (self->settings);
  for (guint i = FIRST_KEY_PROP; i < N_PROPS; i++)
    {
      const char *key = g_param_spec_get_name (properties[i]);

      if (i == PROP_PROFILES || i == PROP_PROFILE_CA_FILES)
        g_settings_bind_with_mapping (self->settings, key, self, key, G_SETTINGS_BIND_DEFAULT,
                                      variant_to_value, value_to_variant, NULL, NULL);
      else
        g_settings_bind (self->settings, key, self, key, G_SETTINGS_BIND_DEFAULT);
    }
}

static void
tl_settings_dispose (GObject *object)
{
  TlSettings *self = TL_SETTINGS (object);

  if (self->settings != NULL)
    {
      for (guint i = FIRST_KEY_PROP; i < N_PROPS; i++)
        g_settings_unbind (self, g_param_spec_get_name (properties[i]));
      g_settings_apply (self->settings);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tl_settings_parent_class)->dispose (object);
}

static void
tl_settings_finalize (GObject *object)
{
  TlSettings *self = TL_SETTINGS (object);

  g_free (self->schema_id);
  g_free (self->base_url);
  g_free (self->username);
  g_clear_pointer (&self->profiles, g_variant_unref);
  g_clear_pointer (&self->profile_ca_files, g_variant_unref);
  g_free (self->active_profile);

  G_OBJECT_CLASS (tl_settings_parent_class)->finalize (object);
}

static void
tl_settings_class_init (TlSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tl_settings_get_property;
  object_class->set_property = tl_settings_set_property;
  object_class->dispatch_properties_changed = tl_settings_dispatch_properties_changed;
  object_class->constructed = tl_settings_constructed;
  object_class->dispose = tl_settings_dispose;
  object_class->finalize = tl_settings_finalize;

  properties[PROP_SCHEMA_ID] =
    g_param_spec_string ("schema-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  /**
   * TlSettings:profiles:
   *
   * The named accounts, an array of (name, base URL, username).
   */
  properties[PROP_PROFILES] =
    g_param_spec_variant ("profiles", NULL, NULL, G_VARIANT_TYPE ("a(sss)"), NULL, flags);
  properties[PROP_ACTIVE_PROFILE] = g_param_spec_string ("active-profile", NULL, NULL, NULL, flags);
  /**
   * TlSettings:profile-ca-files:
   *
   * Per profile name, the app's copy of an office's certificate authorities (`a{ss}`).
   */
  properties[PROP_PROFILE_CA_FILES] =
    g_param_spec_variant ("profile-ca-files", NULL, NULL, G_VARIANT_TYPE ("a{ss}"), NULL, flags);
  properties[PROP_REMEMBER_PASSWORD] =
    g_param_spec_boolean ("remember-password", NULL, NULL, TRUE, flags);
  properties[PROP_TIMEOUT_SECONDS] =
    g_param_spec_uint ("timeout-seconds", NULL, NULL, 1, 300, 30, flags);
  properties[PROP_OFFER_CLIPBOARD] = g_param_spec_boolean ("offer-clipboard", NULL, NULL, TRUE, flags);
  properties[PROP_SEARCH_LOOKUPS] = g_param_spec_boolean ("search-lookups", NULL, NULL, TRUE, flags);
  properties[PROP_REMEMBER_HISTORY] = g_param_spec_boolean ("remember-history", NULL, NULL, FALSE, flags);
  properties[PROP_WINDOW_WIDTH] =
    g_param_spec_int ("window-width", NULL, NULL, G_MININT, G_MAXINT, 720, flags);
  properties[PROP_WINDOW_HEIGHT] =
    g_param_spec_int ("window-height", NULL, NULL, G_MININT, G_MAXINT, 780, flags);
  properties[PROP_WINDOW_MAXIMIZED] = g_param_spec_boolean ("window-maximized", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_settings_init (TlSettings *self)
{
  self->remember_password = TRUE;
  self->timeout_seconds = 30;
  self->offer_clipboard = TRUE;
  self->search_lookups = TRUE;
  self->window_width = 720;
  self->window_height = 780;
}

/**
 * tl_settings_new:
 * @schema_id: the app's schema
 *
 * Returns: (transfer full): the settings, read from and written to @schema_id's keys
 */
TlSettings *
tl_settings_new (const char *schema_id)
{
  g_return_val_if_fail (schema_id != NULL, NULL);

  return g_object_new (TL_TYPE_SETTINGS, "schema-id", schema_id, NULL);
}

const char *tl_settings_get_base_url (TlSettings *self) { return self->base_url; }
const char *tl_settings_get_username (TlSettings *self) { return self->username; }
const char *tl_settings_get_active_profile (TlSettings *self) { return self->active_profile; }
GVariant *tl_settings_get_profile_ca_files (TlSettings *self) { return self->profile_ca_files; }
guint tl_settings_get_timeout_seconds (TlSettings *self) { return self->timeout_seconds; }
gboolean tl_settings_get_remember_password (TlSettings *self) { return self->remember_password; }
gboolean tl_settings_get_offer_clipboard (TlSettings *self) { return self->offer_clipboard; }
gboolean tl_settings_get_search_lookups (TlSettings *self) { return self->search_lookups; }
gboolean tl_settings_get_remember_history (TlSettings *self) { return self->remember_history; }

/**
 * tl_settings_get_profiles:
 *
 * Returns: (transfer none) (nullable): the profiles, an `a(sss)` of (name, base URL, username)
 */
GVariant *
tl_settings_get_profiles (TlSettings *self)
{
  g_return_val_if_fail (TL_IS_SETTINGS (self), NULL);
  return self->profiles;
}

/**
 * tl_settings_set_account:
 * @profiles: (nullable): the new list of profiles (`a(sss)`), %NULL to keep it
 * @active_profile: the profile in use, "" for none
 * @base_url: (nullable): its base URL, %NULL for the default service
 * @username: its username
 *
 * Changes the account in use (and the profiles) in one go: the command-line tool reads
 * base-url and username, and never sees one without the other.
 */
void
tl_settings_set_account (TlSettings *self,
                         GVariant   *profiles,
                         const char *active_profile,
                         const char *base_url,
                         const char *username)
{
  g_return_if_fail (TL_IS_SETTINGS (self));

  self->batch++;
  g_object_freeze_notify (G_OBJECT (self));
  if (profiles != NULL)
    g_object_set (self, "profiles", profiles, NULL);
  g_object_set (self, "active-profile", active_profile, "username", username, NULL);
  if (base_url != NULL)
    g_object_set (self, "base-url", base_url, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  if (base_url == NULL)
    g_settings_reset (self->settings, "base-url");
  self->batch--;
  g_settings_apply (self->settings);
}
