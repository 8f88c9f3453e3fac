/* tl-history-panel.c: this session's lookups, and the saved ones
 *
 * A list view of the history model while the panel is shown (the owner binds and unbinds it).
 * Its rows are TlHistoryRow from a list item factory, only for what is in view and around it
 * (GTK 4.8 keeps up to 200), each given one entry after another as the list scrolls: a thousand rows built at once, as a list
 * box did, froze the window for a fifth of a second when History opened. Choosing a row, by
 * click, keyboard or a screen reader's selection, emits TlHistoryPanel::entry-activated once;
 * the window decides what to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-history-panel.h"
#include "tl-history-row.h"

#define ROWS_PER_STEP 24
#define ROWS_KEPT     240   /* more than GTK 4.8's list view keeps rows for */

struct _TlHistoryPanel
{
  AdwBin      parent_instance;

  GtkStack    *stack;
  GtkListView *history_list;
  GListModel  *model;               /* the history, while bound */
  GtkSliceListModel *shown;         /* its first entries, as many as the list has so far */
  GtkSingleSelection *selection;    /* of those */
  guint       grow_id;
  gboolean    unselecting;   /* a selection change made by code, not by the person */
  gpointer    just_selected; /* shown on selection; its activation in the same event is not new */
  guint       forget_id;
};

G_DEFINE_FINAL_TYPE (TlHistoryPanel, tl_history_panel, ADW_TYPE_BIN)

enum { ENTRY_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, tl_history_row_new (NULL));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  TlHistoryRow *row = TL_HISTORY_ROW (gtk_list_item_get_child (item));
  GtkWidget *item_widget = gtk_widget_get_parent (GTK_WIDGET (row));

  tl_history_row_set_entry (row, gtk_list_item_get_item (item));
  /* the list item is what a screen reader lands on: it says what the row says (GTK 4.8 names
   * it after its type otherwise) */
  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    tl_history_row_get_accessible_label (row), -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  tl_history_row_set_entry (TL_HISTORY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
emit_entry_activated (TlHistoryPanel *self,
                      TlHistoryEntry *entry)
{
  if (entry != NULL)
    g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, entry);
}

/* Enter, a double click or a screen reader's "activate" on a row: shown, unless the selection
 * that came with it in the same event showed it already (a second emission showed the result
 * twice, and an earlier session's note twice in a row). */
static void
on_activate (TlHistoryPanel *self,
             guint           position)
{
  g_autoptr(TlHistoryEntry) entry = NULL;

  if (self->selection == NULL)
    return;
  entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (entry != NULL && entry == self->just_selected)
    self->just_selected = NULL;
  else
    emit_entry_activated (self, entry);
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
on_selection_changed (TlHistoryPanel *self)
{
  TlHistoryEntry *entry;

  if (self->unselecting || (entry = gtk_single_selection_get_selected_item (self->selection)) == NULL)
    return;
  self->just_selected = entry;
  if (self->forget_id == 0)
    self->forget_id = g_idle_add_once (forget_selected, self);
  emit_entry_activated (self, entry);
}

static void
on_items_changed (TlHistoryPanel *self)
{
  gboolean empty = self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static gboolean
grow (gpointer user_data)
{
  TlHistoryPanel *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);
  guint wanted = g_list_model_get_n_items (self->model);

  if (size >= wanted)
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->shown, size + ROWS_PER_STEP < ROWS_KEPT ? size + ROWS_PER_STEP : wanted);
  return G_SOURCE_CONTINUE;
}

/* More entries than the list has (just bound, or a lookup added while it is open): the rest
 * after the frames waiting to be drawn. */
static void
on_model_changed (TlHistoryPanel *self)
{
  if (self->grow_id == 0 && gtk_slice_list_model_get_size (self->shown) < g_list_model_get_n_items (self->model))
    self->grow_id = g_idle_add_full (G_PRIORITY_LOW, grow, self, NULL);
}

static void
unbind (TlHistoryPanel *self)
{
  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_list_view_set_model (self->history_list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);
  self->just_selected = NULL;
}

static void
tl_history_panel_dispose (GObject *object)
{
  TlHistoryPanel *self = TL_HISTORY_PANEL (object);

  unbind (self);
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
  gtk_widget_class_bind_template_child (widget_class, TlHistoryPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TlHistoryPanel, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
tl_history_panel_init (TlHistoryPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->history_list, factory);
  g_object_unref (factory);
  on_items_changed (self);
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
  unbind (self);
  on_items_changed (self);
  if (model == NULL)
    return;
  self->model = g_object_ref (model);
  self->shown = gtk_slice_list_model_new (g_object_ref (model), 0, ROWS_PER_STEP);
  /* no row chosen until the person chooses one: a selection made with its model selects the
   * first row at once (autoselect), which then looked chosen and did nothing when clicked */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->shown));
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (on_items_changed), self);
  gtk_list_view_set_model (self->history_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_model_changed), self);
  on_items_changed (self);
  on_model_changed (self);
}

/* A new lookup is shown: no row is the one on screen any more. */
void
tl_history_panel_unselect_all (TlHistoryPanel *self)
{
  g_return_if_fail (TL_IS_HISTORY_PANEL (self));
  if (self->selection == NULL)
    return;
  self->unselecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->unselecting = FALSE;
}
