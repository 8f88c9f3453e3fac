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
 * The toast still on @overlay, if any, takes the new words and starts its time again: the one
 * way libadwaita 1.2 replaces a toast (dismissing one while the one before it is still sliding
 * out crashes its overlay).
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
  AdwToast *toast = g_object_get_data (G_OBJECT (overlay), LAST_TOAST);

  /* still shown or waiting: a dismissed toast is forgotten (on_dismissed) */
  if (toast == NULL)
    {
      toast = adw_toast_new (escaped);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_dismissed), overlay, 0);
      g_object_set_data_full (G_OBJECT (overlay), LAST_TOAST, g_object_ref (toast), g_object_unref);
    }
  else
    {
      adw_toast_set_title (toast, escaped);
      /* adding it again resets its time when shown, or brings it forward when waiting */
      g_object_ref (toast);
    }
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_timeout (toast, button_label != NULL ? 5 : 3);
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}
