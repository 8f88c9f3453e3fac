/* tl-accounts.c: the one owner of account state in the app
 *
 * The active account's settings (base URL, username, profile, time limit, remember) are
 * properties bound to TlSettings; the demo server, when running, replaces them. The time limit
 * and "remember" are changed here (the settings follow); the account in use and the profiles
 * with the profile functions below. Nothing here is
 * ever read later to decide where a password goes: a lookup or a run takes a snapshot
 * (tl_accounts_snapshot) when it starts, the password is loaded for exactly that snapshot's
 * (server, username), and passwords held in memory are kept per (server, username), so an
 * answer from a slow keyring can only ever fill in the account it was asked about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tl-accounts.h"
#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"
#include "tl-settings.h"
#include "tl-tls.h"

struct _TlAccounts
{
  GObject       parent_instance;

  TlSettings   *settings;
  char         *base_url;
  char         *username;
  char         *active_profile;
  guint         timeout_seconds;
  gboolean      remember_password;
  TlDemoServer *demo;
  char         *label;
  GHashTable   *passwords;   /* "server\nusername" -> password, wiped when removed */
  GPtrArray    *bindings;    /* to the settings */
};

G_DEFINE_FINAL_TYPE (TlAccounts, tl_accounts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_USERNAME,
  PROP_ACTIVE_PROFILE,
  PROP_TIMEOUT_SECONDS,
  PROP_REMEMBER_PASSWORD,
  PROP_DEMO,
  PROP_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
password_key (TlAccount *account)
{
  return g_strconcat (tl_account_get_server (account), "\n", tl_account_get_username (account), NULL);
}

static void
update_label (TlAccounts *self)
{
  g_autoptr(TlAccount) account = tl_accounts_snapshot (self);
  g_autofree char *label = tl_account_dup_label (account);

  if (g_strcmp0 (label, self->label) != 0)
    {
      g_free (self->label);
      self->label = g_steal_pointer (&label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
tl_accounts_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TlAccounts *self = TL_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_USERNAME: g_value_set_string (value, self->username); break;
    case PROP_ACTIVE_PROFILE: g_value_set_string (value, self->active_profile); break;
    case PROP_TIMEOUT_SECONDS: g_value_set_uint (value, self->timeout_seconds); break;
    case PROP_REMEMBER_PASSWORD: g_value_set_boolean (value, self->remember_password); break;
    case PROP_DEMO: g_value_set_boolean (value, self->demo != NULL); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The account in use is set by the settings only (bound one way): the app changes it with the
 * profile functions, so the settings stay the one record of it. The time limit and "remember"
 * are bound both ways. */
static void
tl_accounts_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TlAccounts *self = TL_ACCOUNTS (object);
  gboolean changed = FALSE;

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        g_autofree char *url = tl_normalize_base_url (g_value_get_string (value));
        changed = set_string (&self->base_url, url);
      }
      break;
    case PROP_USERNAME:
      changed = set_string (&self->username, g_value_get_string (value));
      break;
    case PROP_ACTIVE_PROFILE:
      changed = set_string (&self->active_profile, g_value_get_string (value));
      break;
    case PROP_TIMEOUT_SECONDS:
      changed = self->timeout_seconds != g_value_get_uint (value);
      self->timeout_seconds = g_value_get_uint (value);
      break;
    case PROP_REMEMBER_PASSWORD:
      changed = self->remember_password != g_value_get_boolean (value);
      self->remember_password = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    {
      g_object_notify_by_pspec (object, pspec);
      update_label (self);
    }
}

static void
on_profiles_changed (TlAccounts *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tl_accounts_dispose (GObject *object)
{
  TlAccounts *self = TL_ACCOUNTS (object);

  if (self->settings != NULL)
    {
      g_clear_pointer (&self->bindings, g_ptr_array_unref);
      g_signal_handlers_disconnect_by_data (self->settings, self);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->demo);
  g_clear_pointer (&self->passwords, g_hash_table_unref);

  G_OBJECT_CLASS (tl_accounts_parent_class)->dispose (object);
}

static void
tl_accounts_finalize (GObject *object)
{
  TlAccounts *self = TL_ACCOUNTS (object);

  g_free (self->base_url);
  g_free (self->username);
  g_free (self->active_profile);
  g_free (self->label);

  G_OBJECT_CLASS (tl_accounts_parent_class)->finalize (object);
}

static void
tl_accounts_class_init (TlAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tl_accounts_get_property;
  object_class->set_property = tl_accounts_set_property;
  object_class->dispose = tl_accounts_dispose;
  object_class->finalize = tl_accounts_finalize;

  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE_PROFILE] = g_param_spec_string ("active-profile", NULL, NULL, NULL, flags);
  properties[PROP_TIMEOUT_SECONDS] =
    g_param_spec_uint ("timeout-seconds", NULL, NULL, 1, 3600, TL_DEFAULT_TIMEOUT_SECONDS, flags);
  properties[PROP_REMEMBER_PASSWORD] = g_param_spec_boolean ("remember-password", NULL, NULL, TRUE, flags);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlAccounts::changed:
   *
   * The active account, the demo mode or the list of profiles changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TlAccounts::message:
   * @text: something the person should be told (a keyring that failed in the background)
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tl_accounts_init (TlAccounts *self)
{
  self->base_url = g_strdup (TL_DEFAULT_BASE_URL);
  self->username = g_strdup ("");
  self->active_profile = g_strdup ("");
  self->timeout_seconds = TL_DEFAULT_TIMEOUT_SECONDS;
  self->remember_password = TRUE;
  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) tl_secret_free);
}

static void
unbind (GBinding *binding)
{
  g_binding_unbind (binding);
  g_object_unref (binding);
}

static void
bind (TlAccounts    *self,
      const char    *property,
      GBindingFlags  flags)
{
  GBinding *binding = g_object_bind_property (self->settings, property, self, property,
                                              flags | G_BINDING_SYNC_CREATE);

  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

/**
 * tl_accounts_new:
 * @settings: the app's settings, which keep the account in use and the profiles
 */
TlAccounts *
tl_accounts_new (TlSettings *settings)
{
  TlAccounts *self = g_object_new (TL_TYPE_ACCOUNTS, NULL);

  self->settings = g_object_ref (settings);
  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) unbind);
  bind (self, "base-url", G_BINDING_DEFAULT);
  bind (self, "username", G_BINDING_DEFAULT);
  bind (self, "active-profile", G_BINDING_DEFAULT);
  bind (self, "timeout-seconds", G_BINDING_BIDIRECTIONAL);
  bind (self, "remember-password", G_BINDING_BIDIRECTIONAL);
  g_signal_connect_swapped (settings, "notify::profiles", G_CALLBACK (on_profiles_changed), self);
  update_label (self);
  return self;
}

const char *tl_accounts_get_base_url (TlAccounts *self) { return self->base_url; }
const char *tl_accounts_get_username (TlAccounts *self) { return self->username; }
const char *tl_accounts_get_label (TlAccounts *self) { return self->label; }
guint tl_accounts_get_timeout_seconds (TlAccounts *self) { return self->timeout_seconds; }
gboolean tl_accounts_get_remember_password (TlAccounts *self) { return self->remember_password; }
gboolean tl_accounts_get_demo (TlAccounts *self) { return self->demo != NULL; }

/**
 * tl_accounts_get_active_profile:
 *
 * Returns: (nullable): the active profile's name, %NULL when no profile is in use
 */
const char *
tl_accounts_get_active_profile (TlAccounts *self)
{
  return *self->active_profile != '\0' ? self->active_profile : NULL;
}

/**
 * tl_accounts_set_demo_server:
 * @server: (nullable): the running demo server, or %NULL to leave demo mode
 */
void
tl_accounts_set_demo_server (TlAccounts   *self,
                             TlDemoServer *server)
{
  g_return_if_fail (TL_IS_ACCOUNTS (self));

  if (!g_set_object (&self->demo, server))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  update_label (self);
}

/**
 * tl_accounts_snapshot:
 *
 * Returns: (transfer full): the account in use now, as a value: the demo account with its
 *   password, or the active account without one (load it with tl_accounts_load_async())
 */
TlAccount *
tl_accounts_snapshot (TlAccounts *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNTS (self), NULL);

  if (self->demo != NULL)
    return tl_account_new (tl_demo_server_get_base_url (self->demo), TL_DEMO_USERNAME,
                           TL_DEMO_PASSWORD, NULL, TRUE);
  {
    g_autoptr(TlAccount) account = tl_account_new (self->base_url, self->username, NULL,
                                                   self->active_profile, FALSE);
    g_autofree char *ca_file = tl_accounts_dup_profile_ca_file (self, self->active_profile);

    return tl_account_new_with_ca_file (account, ca_file);
  }
}

static void
on_keyring_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlAccounts *self = g_task_get_source_object (task);
  GError *error = NULL;
  TlAccount *account = tl_credentials_load_finish (res, &error);

  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Kept under the account's own (server, username): only that account ever gets it. */
  if (tl_account_has_password (account))
    g_hash_table_replace (self->passwords, password_key (account),
                          g_strdup (tl_account_get_password (account)));
  g_task_return_pointer (task, account, g_object_unref);
}

/**
 * tl_accounts_load_async:
 * @snapshot: from tl_accounts_snapshot(), taken when the lookup or run started
 *
 * Finds the password for exactly @snapshot's (server, username): from memory, or from the
 * keyring within the lookup time limit.
 */
void
tl_accounts_load_async (TlAccounts          *self,
                        TlAccount           *snapshot,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  const char *password;

  g_return_if_fail (TL_IS_ACCOUNTS (self));
  g_return_if_fail (TL_IS_ACCOUNT (snapshot));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_accounts_load_async);

  if (tl_account_is_demo (snapshot) || tl_account_has_password (snapshot))
    {
      g_task_return_pointer (task, g_object_ref (snapshot), g_object_unref);
      return;
    }

  key = password_key (snapshot);
  password = g_hash_table_lookup (self->passwords, key);
  if (password != NULL)
    {
      g_task_return_pointer (task, tl_account_new_with_password (snapshot, password), g_object_unref);
      return;
    }

  tl_credentials_load_async (snapshot, self->timeout_seconds * 1000, cancellable,
                             on_keyring_loaded, g_steal_pointer (&task));
}

/**
 * tl_accounts_load_finish:
 *
 * Returns: (transfer full): the snapshot's account with its password (or without one when none
 *   is stored), or %NULL with a keyring or cancellation error
 */
TlAccount *
tl_accounts_load_finish (TlAccounts    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!tl_credentials_store_finish (res, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tl_accounts_store_password_async:
 * @account: the account, with the password to keep, taken when Save was pressed
 * @remember: keep it after log-out (login collection) rather than for the session only
 *
 * The password is used for @account's (server, username) from now on, until the app quits,
 * even when the keyring fails (the finish then reports it). Inside Flatpak, where libsecret's
 * file keyring ignores the session collection, "not remembered" means memory only.
 */
void
tl_accounts_store_password_async (TlAccounts          *self,
                                  TlAccount           *account,
                                  gboolean             remember,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TL_IS_ACCOUNTS (self));
  g_return_if_fail (TL_IS_ACCOUNT (account) && tl_account_has_password (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_accounts_store_password_async);

  g_hash_table_replace (self->passwords, password_key (account),
                        g_strdup (tl_account_get_password (account)));

  tl_credentials_store_async (tl_account_get_server (account), tl_account_get_username (account),
                              tl_account_get_password (account), remember, cancellable,
                              on_stored, g_steal_pointer (&task));
}

gboolean
tl_accounts_store_password_finish (TlAccounts    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- an office's certificate per profile ---------------------------------------------------
 * The app keeps its own copy of the file a person chose (it may be on a USB stick, or reached
 * through the document portal), in its data folder, named by the SHA-256 of its content; the
 * settings map a profile name to that copy. */

static char *
ca_files_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "ticket-lookup", "certificates", NULL);
}

/**
 * tl_accounts_dup_profile_ca_file:
 * @name: (nullable): a profile name
 *
 * Returns: (transfer full) (nullable): the app's copy of the office certificate of profile
 *   @name, %NULL when it has none
 */
char *
tl_accounts_dup_profile_ca_file (TlAccounts *self,
                                 const char *name)
{
  GVariant *files;
  const char *path = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNTS (self), NULL);

  files = tl_settings_get_profile_ca_files (self->settings);
  if (name == NULL || *name == '\0' || files == NULL ||
      !g_variant_lookup (files, name, "&s", &path) || *path == '\0')
    return NULL;
  return g_strdup (path);
}

static void
set_ca_file_entry (TlAccounts *self,
                   const char *name,
                   const char *path)
{
  GVariant *files = tl_settings_get_profile_ca_files (self->settings);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *n, *p;

  if (files != NULL)
    {
      g_variant_iter_init (&iter, files);
      while (g_variant_iter_next (&iter, "{&s&s}", &n, &p))
        if (g_strcmp0 (n, name) != 0)
          g_variant_builder_add (builder, "{ss}", n, p);
    }
  if (path != NULL)
    g_variant_builder_add (builder, "{ss}", name, path);
  g_object_set (self->settings, "profile-ca-files", g_variant_builder_end (builder), NULL);
}

/* Whether a profile still uses @path. */
static gboolean
ca_file_in_use (TlAccounts *self,
                const char *path)
{
  GVariant *files = tl_settings_get_profile_ca_files (self->settings);
  GVariantIter iter;
  const char *p;

  if (files == NULL)
    return FALSE;
  g_variant_iter_init (&iter, files);
  while (g_variant_iter_next (&iter, "{&s&s}", NULL, &p))
    if (g_strcmp0 (p, path) == 0)
      return TRUE;
  return FALSE;
}

/**
 * tl_accounts_set_profile_ca_file:
 * @path: (nullable): the app's copy (tl_accounts_import_ca_file_async()), %NULL for none
 *
 * Sets the office certificate of profile @name. A copy no profile uses any more is deleted.
 */
void
tl_accounts_set_profile_ca_file (TlAccounts *self,
                                 const char *name,
                                 const char *path)
{
  g_autofree char *old = NULL;

  g_return_if_fail (TL_IS_ACCOUNTS (self));
  g_return_if_fail (name != NULL);

  old = tl_accounts_dup_profile_ca_file (self, name);
  if (g_strcmp0 (old, path) == 0)
    return;
  set_ca_file_entry (self, name, path);
  update_label (self);
  if (old != NULL)
    tl_accounts_forget_ca_file (self, old);
}

/**
 * tl_accounts_forget_ca_file:
 * @path: a copy made by tl_accounts_import_ca_file_async()
 *
 * Deletes @path unless a profile uses it (a certificate chosen, then not saved). Only the
 * app's own copies are ever deleted.
 */
void
tl_accounts_forget_ca_file (TlAccounts *self,
                            const char *path)
{
  g_autofree char *dir = ca_files_dir ();
  g_autofree char *path_dir = NULL;

  g_return_if_fail (TL_IS_ACCOUNTS (self));
  g_return_if_fail (path != NULL);

  path_dir = g_path_get_dirname (path);
  if (!ca_file_in_use (self, path) && g_str_equal (path_dir, dir))
    g_unlink (path);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *copy = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("The chosen file is not on this computer; copy it here first."));
      return;
    }
  contents = tl_tls_read_ca_file (path, NULL, &error);
  if (contents == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  dir = ca_files_dir ();
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  basename = g_strconcat (digest, ".pem", NULL);
  copy = g_build_filename (dir, basename, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (copy, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_autofree char *shown = g_filename_display_name (dir);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The certificate could not be kept in %s: %s"), shown,
                               error ? error->message : g_strerror (errno));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&copy), g_free);
}

/**
 * tl_accounts_import_ca_file_async:
 * @file: a PEM file of certificates a person chose
 *
 * Checks @file (size, kind, every certificate parses; tl_tls_read_ca_file()) and keeps a copy
 * of it in the app's data folder, in a worker thread.
 */
void
tl_accounts_import_ca_file_async (TlAccounts          *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TL_IS_ACCOUNTS (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_accounts_import_ca_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, import_thread);
}

/**
 * tl_accounts_import_ca_file_finish:
 *
 * Returns: (transfer full): the path of the app's copy, or %NULL with @error set for people
 */
char *
tl_accounts_import_ca_file_finish (TlAccounts    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Profiles: named (base URL, username) pairs in the settings; the active one's values are also
 * in base-url and username, which the command-line tool reads. */

static GVariant *
get_profiles (TlAccounts *self)
{
  GVariant *profiles = tl_settings_get_profiles (self->settings);

  return profiles != NULL ? g_variant_ref (profiles) : g_variant_new_array (G_VARIANT_TYPE ("(sss)"), NULL, 0);
}

/**
 * tl_accounts_get_profile_names:
 *
 * Returns: (transfer full): the profile names, in the order they were made
 */
char **
tl_accounts_get_profile_names (TlAccounts *self)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  GPtrArray *names = g_ptr_array_new ();
  GVariantIter iter;
  const char *name;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &name, NULL, NULL))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * tl_accounts_dup_profile_title:
 *
 * Returns: how the profile @name is shown: its name, or for a name made up from its username
 *   and server ("partner at host"), that made up again in today's language
 */
char *
tl_accounts_dup_profile_title (TlAccounts *self,
                               const char *name)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  GVariantIter iter;
  const char *n, *base_url, *username;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &base_url, &username))
    if (g_strcmp0 (n, name) == 0)
      {
        g_autoptr(TlAccount) account = tl_account_new (base_url, username, NULL, n, FALSE);

        if (tl_account_profile_is_generated (account))
          return tl_account_dup_address_label (account);
        break;
      }
  return g_strdup (name);
}

void
tl_accounts_activate_profile (TlAccounts *self,
                              const char *name)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  GVariantIter iter;
  const char *n, *base_url, *username;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &base_url, &username))
    {
      if (g_strcmp0 (n, name) != 0)
        continue;
      tl_settings_set_account (self->settings, NULL, n, base_url, username);
      return;
    }
}

/**
 * tl_accounts_save_profile:
 * @old_name: (nullable): the profile being edited, %NULL for a new one
 *
 * Adds or replaces a profile and makes it the active one.
 */
void
tl_accounts_save_profile (TlAccounts *self,
                          const char *old_name,
                          const char *name,
                          const char *base_url,
                          const char *username)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sss)"));
  GVariantIter iter;
  const char *n, *b, *u;
  gboolean replaced = FALSE;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &b, &u))
    {
      if ((old_name != NULL && g_strcmp0 (n, old_name) == 0) || g_strcmp0 (n, name) == 0)
        {
          if (!replaced)
            g_variant_builder_add (builder, "(sss)", name, base_url, username);
          replaced = TRUE;
          continue;
        }
      g_variant_builder_add (builder, "(sss)", n, b, u);
    }
  if (!replaced)
    g_variant_builder_add (builder, "(sss)", name, base_url, username);

  /* a renamed profile keeps its office certificate */
  if (old_name != NULL && g_strcmp0 (old_name, name) != 0)
    {
      g_autofree char *ca_file = tl_accounts_dup_profile_ca_file (self, old_name);

      if (ca_file != NULL)
        {
          set_ca_file_entry (self, old_name, NULL);
          set_ca_file_entry (self, name, ca_file);
        }
    }
  tl_settings_set_account (self->settings, g_variant_builder_end (builder), name, base_url, username);
}

/**
 * tl_accounts_identity_in_use:
 *
 * Returns: whether a profile (or the account in use) has the account (@server, @username):
 *   whether the password stored for it is still needed
 */
gboolean
tl_accounts_identity_in_use (TlAccounts *self,
                             const char *server,
                             const char *username)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  g_autofree char *normalized = tl_normalize_base_url (server);
  GVariantIter iter;
  const char *b, *u;

  g_return_val_if_fail (TL_IS_ACCOUNTS (self), TRUE);

  if (g_strcmp0 (self->base_url, normalized) == 0 && g_strcmp0 (self->username, username) == 0)
    return TRUE;
  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", NULL, &b, &u))
    {
      g_autofree char *n = tl_normalize_base_url (b);

      if (g_str_equal (n, normalized) && g_strcmp0 (u, username) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_profile_password_cleared (GObject      *source,
                             GAsyncResult *res,
                             gpointer      user_data)
{
  g_autoptr(TlAccounts) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_credentials_clear_finish (res, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

/**
 * tl_accounts_delete_profile:
 *
 * Removes the profile, its password from memory and this app's keyring entry for it; the
 * first remaining profile becomes the active one.
 */
void
tl_accounts_delete_profile (TlAccounts *self,
                            const char *name)
{
  g_autoptr(GVariant) profiles = get_profiles (self);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sss)"));
  g_autofree char *first = NULL;
  GVariantIter iter;
  const char *n, *b, *u;

  g_variant_iter_init (&iter, profiles);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &b, &u))
    {
      if (g_strcmp0 (n, name) == 0)
        {
          g_autoptr(TlAccount) gone = tl_account_new (b, u, NULL, n, FALSE);
          g_autofree char *key = password_key (gone);

          g_hash_table_remove (self->passwords, key);
          tl_credentials_clear_async (b, u, NULL, on_profile_password_cleared, g_object_ref (self));
          continue;
        }
      if (first == NULL)
        first = g_strdup (n);
      g_variant_builder_add (builder, "(sss)", n, b, u);
    }
  g_object_set (self->settings, "profiles", g_variant_builder_end (builder), NULL);
  tl_accounts_set_profile_ca_file (self, name, NULL);
  if (first != NULL)
    tl_accounts_activate_profile (self, first);
  else
    tl_settings_set_account (self->settings, NULL, "", NULL, "");
}
