/* tl-history-panel.c: this session's lookups, and the saved ones
 *
 * A list of TlHistoryRow built from the history model while the panel is shown (the owner binds
 * and unbinds it, so hundreds of lookups do not keep hundreds of rows alive behind a closed
 * panel). Choosing a row, by click, keyboard or a screen reader's selection, emits
 * TlHistoryPanel::entry-activated once; the window decides what to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-history-panel.h"
#include "tl-history-row.h"

struct _TlHistoryPanel
{
  AdwBin      parent_instance;

  GtkListBox *history_list;
  gboolean    unselecting;   /* a selection change made by code, not by the person */
  GtkWidget  *just_selected; /* shown on selection; its activation in the same event is not new */
  guint       forget_id;
};

G_DEFINE_FINAL_TYPE (TlHistoryPanel, tl_history_panel, ADW_TYPE_BIN)

enum { ENTRY_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return tl_history_row_new (item);
}

static void
emit_entry_activated (TlHistoryPanel *self,
                      GtkListBoxRow  *row)
{
  if (TL_IS_HISTORY_ROW (row))
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, tl_history_row_get_entry (TL_HISTORY_ROW (row)));
}

/* A click or Enter selects the row and then activates it: the selection showed it already (a
 * second emission showed the result twice, and an earlier session's note twice in a row). */
static void
on_row_activated (TlHistoryPanel *self,
                  GtkListBoxRow  *row)
{
  if (GTK_WIDGET (row) == self->just_selected)
    self->just_selected = NULL;
  else
    emit_entry_activated (self, row);
}

static void
forget_selected (gpointer user_data)
{
  TlHistoryPanel *self = user_data;

  self->forget_id = 0;
  self->just_selected = NULL;
}

/* Selecting a row (click, keyboard, or a screen reader's selection) shows it. */
static void
on_row_selected (TlHistoryPanel *self,
                 GtkListBoxRow  *row)
{
  if (row == NULL || self->unselecting)
    return;
  self->just_selected = GTK_WIDGET (row);
  if (self->forget_id == 0)
    self->forget_id = g_idle_add_once (forget_selected, self);
  emit_entry_activated (self, row);
}

static void
tl_history_panel_dispose (GObject *object)
{
  TlHistoryPanel *self = TL_HISTORY_PANEL (object);

  g_clear_handle_id (&self->forget_id, g_source_remove);
  self->just_selected = NULL;
  G_OBJECT_CLASS (tl_history_panel_parent_class)->dispose (object);
}

static void
tl_history_panel_class_init (TlHistoryPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tl_history_panel_dispose;

  /**
   * TlHistoryPanel::entry-activated:
   * @entry: the lookup the person chose
   */
  signals[ENTRY_ACTIVATED] = g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, TL_TYPE_HISTORY_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-history-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TlHistoryPanel, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
}

static void
tl_history_panel_init (TlHistoryPanel *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No lookups yet"));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_list_box_set_placeholder (self->history_list, placeholder);
}

/**
 * tl_history_panel_set_model:
 * @model: (nullable): the history, or %NULL to drop the rows
 */
void
tl_history_panel_set_model (TlHistoryPanel *self,
                            GListModel     *model)
{
  g_return_if_fail (TL_IS_HISTORY_PANEL (self));
  if (model != NULL)
    gtk_list_box_bind_model (self->history_list, model, create_row, NULL, NULL);
  else
    gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
}

/* A new lookup is shown: no row is the one on screen any more. */
void
tl_history_panel_unselect_all (TlHistoryPanel *self)
{
  g_return_if_fail (TL_IS_HISTORY_PANEL (self));
  self->unselecting = TRUE;
  gtk_list_box_unselect_all (self->history_list);
  self->unselecting = FALSE;
}
