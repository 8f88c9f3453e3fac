/* tl-details-view.h: what went over the wire for a lookup, and the support report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-lookup-result.h"

G_BEGIN_DECLS

#define TL_TYPE_DETAILS_VIEW (tl_details_view_get_type ())
G_DECLARE_FINAL_TYPE (TlDetailsView, tl_details_view, TL, DETAILS_VIEW, AdwBin)

GtkWidget *tl_details_view_new        (void);
void       tl_details_view_set_result (TlDetailsView  *self,
                                       TlLookupResult *result,
                                       const char     *token,
                                       const char     *account_label);

G_END_DECLS
