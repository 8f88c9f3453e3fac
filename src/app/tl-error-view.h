/* tl-error-view.h: what failed, why, and what to do next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-lookup-error.h"
#include "tl-lookup-result.h"

G_BEGIN_DECLS

#define TL_TYPE_ERROR_VIEW (tl_error_view_get_type ())
G_DECLARE_FINAL_TYPE (TlErrorView, tl_error_view, TL, ERROR_VIEW, AdwBin)

void tl_error_view_show     (TlErrorView    *self,
                             TlLookupError   code,
                             const char     *cause,
                             TlLookupResult *result);
void tl_error_view_announce (TlErrorView    *self);

G_END_DECLS
