/* tl-search-provider.h: verdicts in the GNOME Shell overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tl-lookups.h"

G_BEGIN_DECLS

#define TL_TYPE_SEARCH_PROVIDER (tl_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (TlSearchProvider, tl_search_provider, TL, SEARCH_PROVIDER, GObject)

TlSearchProvider *tl_search_provider_new        (GApplication     *application,
                                                 TlLookups        *lookups);
gboolean          tl_search_provider_register   (TlSearchProvider *self,
                                                 GDBusConnection  *connection,
                                                 const char       *object_path,
                                                 GError          **error);
void              tl_search_provider_unregister (TlSearchProvider *self);

G_END_DECLS
