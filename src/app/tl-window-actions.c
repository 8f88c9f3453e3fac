/* tl-window-actions.c: the window's actions (win.*), after GNOME Text Editor's
 * editor-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-demo-server.h"
#include "tl-toast.h"
#include "tl-window-private.h"

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), res, &error);

  if (text == NULL)
    {
      tl_window_show_toast (self, _("The clipboard holds no text to paste."));
      return;
    }
  tl_window_paste_text (self, text, FALSE);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 g_object_ref (widget));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  _tl_window_forget_result (self);
  tl_lookup_form_clear (self->form);
}

static void
lookup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    _tl_window_start_lookup (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
focus_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tl_lookup_form_focus (TL_WINDOW (widget)->form, TL_INPUT_FIELD_TOKEN);
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!tl_application_start_demo (self->app, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not start the demo server: %s"), error->message);
      tl_window_show_toast (self, message);
      return;
    }
  _tl_window_show_page (self, "ready");
  _tl_window_update_state (self);
}

static void
stop_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  tl_application_stop_demo (self->app);
  _tl_window_show_page (self, "ready");
  _tl_window_update_state (self);
}

static void
demo_token_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  guint which = g_variant_get_uint32 (parameter);

  if (which < TL_DEMO_N_TOKENS)
    tl_window_set_input (self, TL_DEMO_CUSTOMER_ID, tl_demo_token (which), TRUE);
}

static void
on_clear_toast_dismissed (TlWindow *self)
{
  g_clear_pointer (&self->cleared_history, g_ptr_array_unref);
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  AdwToast *toast;

  g_clear_pointer (&self->cleared_history, g_ptr_array_unref);
  self->cleared_history = tl_application_clear_history (self->app);
  toast = tl_toast_show_with_action (self->toast_overlay, _("History cleared"), _("_Undo"),
                                     "win.undo-clear-history");
  /* the entries are kept only while Undo is offered */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_clear_toast_dismissed), self, G_CONNECT_SWAPPED);
}

static void
undo_clear_history_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  if (self->cleared_history == NULL)
    return;
  tl_application_restore_history (self->app, self->cleared_history);
  g_clear_pointer (&self->cleared_history, g_ptr_array_unref);
}

static void
toggle_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tl_application_show_shortcuts (TL_WINDOW (widget)->app, GTK_WINDOW (widget));
}

void
_tl_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lookup", NULL, lookup_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "win.focus-token", NULL, focus_token_action);
  gtk_widget_class_install_action (widget_class, "win.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "win.stop-demo", NULL, stop_demo_action);
  gtk_widget_class_install_action (widget_class, "win.demo-token", "u", demo_token_action);
  gtk_widget_class_install_action (widget_class, "win.clear-history", NULL, clear_history_action);
  gtk_widget_class_install_action (widget_class, "win.undo-clear-history", NULL, undo_clear_history_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-history", NULL, toggle_history_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
}
