/* tl-toast.c: a toast whose title is shown as the text it is
 *
 * libadwaita 1.2 reads a toast's title as Pango markup, always. A message can name a file or
 * carry a server's words: a '&' or a '<' in them left the toast empty (with a warning), and
 * markup in them would have been drawn as markup. So every toast's title is the message with its
 * controls and invisible characters made visible (tl_text_visible), then markup-escaped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-text.h"
#include "tl-toast.h"

/* Shows @message (plain text) on @overlay for three seconds. */
void
tl_toast_show (AdwToastOverlay *overlay,
               const char      *message)
{
  g_autofree char *visible = tl_text_visible (message);
  g_autofree char *escaped = g_markup_escape_text (visible, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (overlay, toast);
}
