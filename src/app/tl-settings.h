/* tl-settings.h: the app's settings, a property per key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_TYPE_SETTINGS (tl_settings_get_type ())
G_DECLARE_FINAL_TYPE (TlSettings, tl_settings, TL, SETTINGS, GObject)

TlSettings *tl_settings_new                   (const char *schema_id);

const char *tl_settings_get_base_url          (TlSettings *self);
const char *tl_settings_get_username          (TlSettings *self);
const char *tl_settings_get_active_profile    (TlSettings *self);
GVariant   *tl_settings_get_profiles          (TlSettings *self);
GVariant   *tl_settings_get_profile_ca_files  (TlSettings *self);
guint       tl_settings_get_timeout_seconds   (TlSettings *self);
gboolean    tl_settings_get_remember_password (TlSettings *self);
gboolean    tl_settings_get_offer_clipboard   (TlSettings *self);
gboolean    tl_settings_get_search_lookups    (TlSettings *self);
gboolean    tl_settings_get_remember_history  (TlSettings *self);

void        tl_settings_set_account           (TlSettings *self,
                                               GVariant   *profiles,
                                               const char *active_profile,
                                               const char *base_url,
                                               const char *username);

G_END_DECLS
