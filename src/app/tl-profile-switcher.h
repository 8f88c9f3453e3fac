/* tl-profile-switcher.h: the header bar's drop-down of account profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-accounts.h"

G_BEGIN_DECLS

#define TL_TYPE_PROFILE_SWITCHER (tl_profile_switcher_get_type ())
G_DECLARE_FINAL_TYPE (TlProfileSwitcher, tl_profile_switcher, TL, PROFILE_SWITCHER, GtkWidget)

GtkWidget *tl_profile_switcher_new        (TlAccounts *accounts);
gboolean   tl_profile_switcher_is_wanted  (TlAccounts *accounts);

G_END_DECLS
