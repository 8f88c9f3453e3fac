/* tl-account-dialog.h: base URL, username, password (keyring), remember
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-lookups.h"

G_BEGIN_DECLS

#define TL_TYPE_ACCOUNT_DIALOG (tl_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TlAccountDialog, tl_account_dialog, TL, ACCOUNT_DIALOG, AdwWindow)

void tl_account_dialog_present     (GtkApplication *application,
                                    TlLookups      *lookups,
                                    GtkWindow      *parent);
void tl_account_dialog_present_new (GtkApplication *application,
                                    TlLookups      *lookups,
                                    GtkWindow      *parent);

G_END_DECLS
