/* tl-window-history.c: the history panel
 *
 * The panel is built when the history is first shown. Its rows exist only while it is shown:
 * hundreds of lookups in a session do not keep hundreds of row widgets alive behind a closed
 * panel. A lookup of this session is shown again as it was, without a new request; one from an
 * earlier session only fills the customer ID (tokens are never saved).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-window-private.h"

static void
on_entry_activated (TlWindow       *self,
                    TlHistoryEntry *entry)
{
  TlLookupResult *result = entry ? tl_history_entry_get_result (entry) : NULL;

  if (self->running || entry == NULL)
    return;

  if (result != NULL)
    {
      tl_lookup_form_set_fields (self->form, tl_history_entry_get_customer_id (entry),
                                 tl_history_entry_get_token (entry));
      TlInput *input = tl_lookup_form_get_input (self->form);

      if (input != NULL)
        _tl_window_show_result (self, result, input, tl_history_entry_get_account (entry), TRUE);
    }
  else
    {
      tl_lookup_form_set_fields (self->form, tl_history_entry_get_customer_id (entry), "");
      tl_window_show_toast (self, _("From an earlier session: tokens are not kept. Paste the token to look it up again."));
      tl_lookup_form_focus (self->form, TL_INPUT_FIELD_TOKEN);
    }
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static TlHistoryPanel *
get_history_panel (TlWindow *self)
{
  if (self->history_panel == NULL)
    {
      self->history_panel = g_object_new (TL_TYPE_HISTORY_PANEL, NULL);
      g_signal_connect_swapped (self->history_panel, "entry-activated",
                                G_CALLBACK (on_entry_activated), self);
      /* into a slot that was the flap from the start: a flap set while AdwFlap is already
       * revealing it is given a negative width */
      adw_bin_set_child (self->history_slot, GTK_WIDGET (self->history_panel));
    }
  return self->history_panel;
}

static gboolean
unbind_idle (gpointer user_data)
{
  TlWindow *self = user_data;

  self->unbind_history_id = 0;
  if (!adw_flap_get_reveal_flap (self->flap) && self->history_bound)
    {
      tl_history_panel_set_model (get_history_panel (self), NULL);
      self->history_bound = FALSE;
    }
  return G_SOURCE_REMOVE;
}

static void
on_revealed (TlWindow *self)
{
  if (adw_flap_get_reveal_flap (self->flap))
    {
      g_clear_handle_id (&self->unbind_history_id, g_source_remove);
      if (!self->history_bound)
        tl_history_panel_set_model (get_history_panel (self), tl_application_get_history (self->app));
      self->history_bound = TRUE;
    }
  else if (self->unbind_history_id == 0)
    /* Later, never from inside a row's own signal (the panel closes when a row is chosen). */
    self->unbind_history_id = g_idle_add (unbind_idle, self);
}

/* A new result is shown: no history row is "the one shown" any more. */
void
_tl_window_history_unselect (TlWindow *self)
{
  if (self->history_panel != NULL)
    tl_history_panel_unselect_all (self->history_panel);
}

void
_tl_window_history_init (TlWindow *self)
{
  g_autoptr(AdwSpringParams) at_once = adw_spring_params_new (1.0, 1.0, 100000.0);

  /* History opens and closes at once: sliding it in lays the whole window out again at a new
   * width for every frame of the slide, each frame longer than a frame with cairo rendering
   * (36-50 ms under a ticket with its details open) */
  adw_flap_set_reveal_params (self->flap, at_once);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_revealed), self);
}

void
_tl_window_history_dispose (TlWindow *self)
{
  g_clear_handle_id (&self->unbind_history_id, g_source_remove);
}
