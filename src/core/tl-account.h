/* tl-account.h: one account as an immutable value (server, username, password, profile, demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_TYPE_ACCOUNT (tl_account_get_type ())
G_DECLARE_FINAL_TYPE (TlAccount, tl_account, TL, ACCOUNT, GObject)

TlAccount  *tl_account_new                (const char  *server,
                                           const char  *username,
                                           const char  *password,
                                           const char  *profile,
                                           gboolean     demo);
TlAccount  *tl_account_new_with_password  (TlAccount   *self,
                                           const char  *password);
TlAccount  *tl_account_new_without_password (TlAccount *self);
TlAccount  *tl_account_new_with_ca_file   (TlAccount   *self,
                                           const char  *ca_file);

const char *tl_account_get_server         (TlAccount   *self);
const char *tl_account_get_username       (TlAccount   *self);
const char *tl_account_get_password       (TlAccount   *self);
gboolean    tl_account_has_password       (TlAccount   *self);
const char *tl_account_get_profile        (TlAccount   *self);
const char *tl_account_get_ca_file        (TlAccount   *self);
gboolean    tl_account_is_demo            (TlAccount   *self);
gboolean    tl_account_is_configured      (TlAccount   *self);
gboolean    tl_account_same_identity      (TlAccount   *self,
                                           TlAccount   *other);
char       *tl_account_dup_host           (TlAccount   *self);
char       *tl_account_dup_label          (TlAccount   *self);
char       *tl_account_dup_address_label  (TlAccount   *self);
gboolean    tl_account_profile_is_generated (TlAccount *self);
gboolean    tl_account_owns_uri           (TlAccount   *self,
                                           GUri        *uri,
                                           GError     **error);

char       *tl_normalize_base_url         (const char  *base_url);
gboolean    tl_account_check_username     (const char  *username,
                                           GError     **error);

G_END_DECLS
