/* tl-toast.h: a toast whose title is shown as the text it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      tl_toast_show             (AdwToastOverlay *overlay,
                                     const char      *message);
AdwToast *tl_toast_show_with_action (AdwToastOverlay *overlay,
                                     const char      *message,
                                     const char      *button_label,
                                     const char      *action_name);

G_END_DECLS
