/* tl-window-offer.c: the lookup offered from the clipboard
 *
 * When the window gets the focus and the clipboard holds a link or text that reads as a
 * customer ID and a token other than the ones in the form, a bar offers to look it up, showing
 * the customer ID and the token's fingerprint, never the token. One click fills the form and
 * looks up. The clipboard is read only when the window becomes active, never taken without a
 * click, and the offer can be turned off (Offer Links on the Clipboard in the main menu).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tl-secret.h"
#include "tl-window-private.h"

static void
hide_offer (TlWindow *self)
{
  g_clear_object (&self->offered);
  gtk_revealer_set_reveal_child (self->clipboard_revealer, FALSE);
}

static gboolean
same_as_form (TlWindow *self,
              TlInput  *input)
{
  TlInput *in_form = tl_lookup_form_get_input (self->form);

  return in_form != NULL &&
         g_strcmp0 (tl_input_get_customer_id (in_form), tl_input_get_customer_id (input)) == 0 &&
         g_strcmp0 (tl_input_get_token (in_form), tl_input_get_token (input)) == 0;
}

static void
offer (TlWindow *self,
       TlInput  *input)
{
  g_autofree char *fingerprint = tl_input_token_fingerprint (tl_input_get_token (input));
  g_autofree char *text = NULL;
  const char *shown;

  if (same_as_form (self, input) || g_strcmp0 (fingerprint, self->dismissed) == 0)
    {
      hide_offer (self);
      return;
    }
  g_set_object (&self->offered, input);
  /* the token's ends ("DemoE…01=="), never the token; the hash is for reports, not for people */
  if ((shown = strstr (fingerprint, " sha256:")) != NULL)
    {
      g_autofree char *ends = g_strndup (fingerprint, shown - fingerprint);

      /* Translators: the clipboard offer: customer ID and the token's first and last characters
       * (never the token) */
      text = g_strdup_printf (_("Look up the link on the clipboard? Customer %s · token %s"),
                              tl_input_get_customer_id (input), ends);
    }
  else
    /* Translators: the clipboard offer for a short token: only the customer ID is shown */
    text = g_strdup_printf (_("Look up the link on the clipboard? Customer %s"), tl_input_get_customer_id (input));
  if (self->clipboard_label == NULL)
    {
      g_autoptr(GtkBuilder) builder = _tl_window_build_part ("offer_bar");

      self->clipboard_label = GTK_LABEL (gtk_builder_get_object (builder, "clipboard_label"));
      gtk_revealer_set_child (self->clipboard_revealer, GTK_WIDGET (gtk_builder_get_object (builder, "offer_bar")));
    }
  gtk_label_set_label (self->clipboard_label, text);
  gtk_revealer_set_reveal_child (self->clipboard_revealer, TRUE);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = NULL;
  char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->clipboard_read);
  if (text != NULL)
    {
      input = tl_input_parse (text, NULL);
      tl_secret_free (text);
    }
  if (input == NULL || self->running)
    hide_offer (self);
  else
    offer (self, input);
}

static void
on_active_changed (TlWindow *self)
{
  GdkClipboard *clipboard;

  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  if (!tl_settings_get_offer_clipboard (tl_application_get_settings (self->app)))
    {
      hide_offer (self);
      return;
    }
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  if (self->clipboard_read != NULL)
    g_cancellable_cancel (self->clipboard_read);
  g_set_object (&self->clipboard_read, g_cancellable_new ());
  gdk_clipboard_read_text_async (clipboard, self->clipboard_read, on_text_read, g_object_ref (self));
}

/* The form changed (typed, pasted, looked up): an offer of what is now in it goes away. */
void
_tl_window_offer_update (TlWindow *self)
{
  if (self->offered != NULL && same_as_form (self, self->offered))
    hide_offer (self);
}

static void
lookup_clipboard_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(TlInput) input = g_steal_pointer (&self->offered);

  hide_offer (self);
  if (input != NULL)
    tl_window_set_input (self, tl_input_get_customer_id (input), tl_input_get_token (input), TRUE);
}

static void
dismiss_clipboard_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);

  /* Not offered again for the same token, until something else is copied. */
  if (self->offered != NULL)
    {
      g_free (self->dismissed);
      self->dismissed = tl_input_token_fingerprint (tl_input_get_token (self->offered));
    }
  hide_offer (self);
}

void
_tl_window_offer_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, TlWindow, clipboard_revealer);
  gtk_widget_class_install_action (widget_class, "win.lookup-clipboard", NULL, lookup_clipboard_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-clipboard", NULL, dismiss_clipboard_action);
}

void
_tl_window_offer_init (TlWindow *self)
{
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (on_active_changed), self);
}

void
_tl_window_offer_dispose (TlWindow *self)
{
  if (self->clipboard_read != NULL)
    g_cancellable_cancel (self->clipboard_read);
  g_clear_object (&self->clipboard_read);
  g_clear_object (&self->offered);
  g_clear_pointer (&self->dismissed, g_free);
}
