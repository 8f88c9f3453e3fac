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

#define LAST_TOAST "tl-toast-last"

static void
on_dismissed (AdwToast        *toast,
              AdwToastOverlay *overlay)
{
  if (g_object_get_data (G_OBJECT (overlay), LAST_TOAST) == toast)
    g_object_set_data (G_OBJECT (overlay), LAST_TOAST, NULL);
}

/* Shows @message (plain text) on @overlay for three seconds, in place of the toast shown or
 * waiting before it: "Order ID copied" after three copies in a row is said at once, not after
 * the other two have had their seconds. */
void
tl_toast_show (AdwToastOverlay *overlay,
               const char      *message)
{
  tl_toast_show_with_action (overlay, message, NULL, NULL);
}

/**
 * tl_toast_show_with_action:
 * @button_label: (nullable): e.g. "_Undo"
 * @action_name: (nullable): the action the button activates
 *
 * Returns: (transfer none): the toast, to know when it is gone ("dismissed")
 */
AdwToast *
tl_toast_show_with_action (AdwToastOverlay *overlay,
                           const char      *message,
                           const char      *button_label,
                           const char      *action_name)
{
  g_autofree char *visible = tl_text_visible (message);
  g_autofree char *escaped = g_markup_escape_text (visible, -1);
  AdwToast *toast = adw_toast_new (escaped);
  AdwToast *previous = g_object_get_data (G_OBJECT (overlay), LAST_TOAST);

  if (previous != NULL)
    {
      g_autoptr(AdwToast) held = g_object_ref (previous);

      adw_toast_dismiss (held);
    }
  adw_toast_set_timeout (toast, button_label != NULL ? 5 : 3);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_dismissed), overlay, 0);
  g_object_set_data_full (G_OBJECT (overlay), LAST_TOAST, g_object_ref (toast), g_object_unref);
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}
