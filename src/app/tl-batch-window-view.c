/* tl-batch-window-view.c: the batch window's table as a workbench
 *
 * The rows come from the batch's lines through TlBatchRows (tl-batch-window-rows.c): the filter
 * and the sorting are worked out a few milliseconds per main-loop iteration and the table
 * changes once when they are done, so filtering or sorting 100 000 lines never holds up a
 * frame. The
 * summary line counts the lines by what they came to and each count is a toggle that shows only
 * those lines; "Failures Only" is the failed lookups and the lines that are not lookups; the
 * search finds a customer ID or an order ID. A row, clicked or activated with Enter, opens its
 * lookup on the result page: the same ticket or error page as the main window, with the details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-batch-cells.h"
#include "tl-batch-window-private.h"
#include "tl-lookup-error.h"
#include "tl-presentation.h"
#include "tl-text.h"

#define FAILURES ((1u << TL_BATCH_KIND_FAILED) | (1u << TL_BATCH_KIND_NOT_LOOKUP))

static const char *toggle_names[TL_BATCH_N_KINDS] = {
  [TL_BATCH_KIND_VALID] = "valid_toggle",
  [TL_BATCH_KIND_EXPIRED] = "expired_toggle",
  [TL_BATCH_KIND_UNKNOWN] = "unknown_toggle",
  [TL_BATCH_KIND_FAILED] = "failed_toggle",
  [TL_BATCH_KIND_NOT_LOOKUP] = "not_lookup_toggle",
};

/* "393 valid": the words of a count in the summary line */
static char *
count_words (TlBatchKind kind,
             guint       n)
{
  switch (kind)
    {
    /* Translators: counts in the batch window's summary line, each a toggle that shows only
     * those lines: "393 valid", "65 expired", "2 unknown", "95 failed", "4 not lookups" */
    case TL_BATCH_KIND_VALID: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u valid", "%u valid", n), n);
    case TL_BATCH_KIND_EXPIRED: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u expired", "%u expired", n), n);
    case TL_BATCH_KIND_UNKNOWN: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unknown", "%u unknown", n), n);
    case TL_BATCH_KIND_FAILED: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", n), n);
    case TL_BATCH_KIND_NOT_LOOKUP: return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not a lookup", "%u not lookups", n), n);
    case TL_BATCH_KIND_PENDING:
    case TL_BATCH_N_KINDS:
    default: return g_strdup ("");
    }
}

/* The summary line: one toggle per kind there is (or that is on), with its count. */
void
_tl_batch_window_update_summary (TlBatchWindow *self)
{
  gboolean any = FALSE;

  for (TlBatchKind kind = TL_BATCH_KIND_VALID; kind < TL_BATCH_N_KINDS; kind++)
    {
      guint n = self->batch ? tl_batch_get_n_kind (self->batch, kind) : 0;
      g_autofree char *words = count_words (kind, n);
      GtkWidget *toggle = GTK_WIDGET (self->kind_toggles[kind]);

      if (g_strcmp0 (gtk_label_get_label (self->kind_labels[kind]), words) != 0)
        {
          gtk_label_set_label (self->kind_labels[kind], words);
          gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
        }
      gtk_widget_set_visible (toggle, n > 0 || gtk_toggle_button_get_active (self->kind_toggles[kind]));
      /* the counts' flow box lays out (and spaces) its own child around the toggle */
      if (GTK_IS_FLOW_BOX_CHILD (gtk_widget_get_parent (toggle)))
        {
          GtkWidget *cell = gtk_widget_get_parent (toggle);

          gtk_widget_set_visible (cell, gtk_widget_get_visible (toggle));
          gtk_widget_set_focusable (cell, FALSE);
        }
      any |= n > 0;
    }
  gtk_widget_set_visible (self->filter_bar, any || self->kind_mask != 0 || self->search != NULL);
}

/* "Showing 3 of 488 lines", while a filter or a search is on */
static void
update_shown (TlBatchWindow *self)
{
  guint n = self->batch ? g_list_model_get_n_items (tl_batch_get_items (self->batch)) : 0;
  guint shown = self->rows ? tl_batch_rows_get_n_shown (self->rows) : 0;
  gboolean filtering = self->kind_mask != 0 || self->search != NULL;
  g_autofree char *text = NULL;

  /* The label keeps its place and changes only when a filter starts and ends: a label whose
   * text changes has the window laid out again, and a count updated after every slice of the
   * filter did that a hundred times for 100 000 lines. */
  gtk_widget_set_visible (GTK_WIDGET (self->shown_label), self->batch != NULL);
  if (self->batch == NULL)
    return;
  if (filtering && self->rows != NULL && tl_batch_rows_is_busy (self->rows))
    /* Translators: while a filter goes through many lines */
    text = g_strdup (_("Filtering…"));
  else if (!filtering)
    /* Translators: above the batch table when no filter is on */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u line", "Showing all %u lines", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %u of %u line", "Showing %u of %u lines", n), shown, n);
  gtk_label_set_label (self->shown_label, text);
}

/* Whether @text holds @needle (casefolded), ignoring case. IDs are nearly always ASCII: those
 * are compared in place, with no copy; a search of 100 000 lines then takes a few ms. */
static gboolean
contains_casefolded (const char *text,
                     const char *needle,
                     gboolean    ascii)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  if (ascii)
    {
      gsize n = strlen (needle);

      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_strncasecmp (p, needle, n) == 0)
          return TRUE;
      return FALSE;
    }
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_item (TlBatchItem *batch_item,
             gpointer     user_data)
{
  TlBatchWindow *self = user_data;

  if (self->kind_mask != 0 && (self->kind_mask & (1u << tl_batch_item_get_kind (batch_item))) == 0)
    return FALSE;
  if (self->search != NULL)
    {
      TlLookupResult *result = tl_batch_item_get_result (batch_item);
      TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;

      return contains_casefolded (tl_batch_item_get_customer_id (batch_item), self->search, self->search_ascii) ||
             (ticket != NULL && contains_casefolded (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID),
                                                     self->search, self->search_ascii));
    }
  return TRUE;
}

/* The sortable columns' sorters: the table's sorter asks the column sorted by first, and
 * the one it asks says which column that is; the rows sort by a key of their own (a GtkSorter
 * comparing 100 000 lines through property expressions held up frames for 50–300 ms). */
#define PROBE_COMPARE(name, key) \
  static int \
  name (gconstpointer a, gconstpointer b, gpointer user_data) \
  { \
    ((TlBatchWindow *) user_data)->probed_column = key; \
    return GTK_ORDERING_SMALLER; \
  }
PROBE_COMPARE (probe_line, TL_BATCH_SORT_LINE)
PROBE_COMPARE (probe_customer, TL_BATCH_SORT_CUSTOMER)
PROBE_COMPARE (probe_outcome, TL_BATCH_SORT_OUTCOME)

/* A click on a column's header: the rows sorted by that column, that way. */
static void
on_sort_changed (TlBatchWindow *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  TlBatchSortKey key = TL_BATCH_SORT_NONE;
  gboolean descending = FALSE;

  if (sorter != NULL && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    {
      GtkOrdering order;

      self->probed_column = TL_BATCH_SORT_NONE;
      /* the primary column's sorter answers "smaller"; the table turns that round if descending */
      order = gtk_sorter_compare (sorter, self, self->column_view);
      key = self->probed_column;
      descending = order == GTK_ORDERING_LARGER;
    }
  tl_batch_rows_set_sort (self->rows, key, descending);
  update_shown (self);
}

/* The rows ask the lines again: with no filter, every line is shown and none is asked. */
static void
filter_changed (TlBatchWindow   *self,
                GtkFilterChange  change)
{
  gboolean wanted = self->kind_mask != 0 || self->search != NULL;

  tl_batch_rows_set_filter (self->rows, wanted ? filter_item : NULL, self);
  tl_batch_rows_refresh (self->rows, change);
}

/**
 * _tl_batch_window_refilter:
 *
 * The filter and the sorting ask every line again (off to the side). During a run this is done
 * at most once a second, by the tick.
 */
void
_tl_batch_window_refilter (TlBatchWindow   *self,
                           GtkFilterChange  change)
{
  self->refiltered = g_get_monotonic_time ();
  if (self->rows != NULL)
    filter_changed (self, change);
  update_shown (self);
}

static void
set_kind_mask (TlBatchWindow *self,
               guint          mask)
{
  guint old = self->kind_mask;
  GtkFilterChange change;

  if (mask == old)
    return;
  self->kind_mask = mask;
  self->syncing_toggles = TRUE;
  for (TlBatchKind kind = TL_BATCH_KIND_VALID; kind < TL_BATCH_N_KINDS; kind++)
    gtk_toggle_button_set_active (self->kind_toggles[kind], (mask & (1u << kind)) != 0);
  gtk_toggle_button_set_active (self->failures_toggle, mask == FAILURES);
  self->syncing_toggles = FALSE;

  /* fewer kinds than before: only the lines shown now are asked again */
  if (old == 0 || (mask != 0 && (mask & old) == mask))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (mask == 0 || (mask & old) == old)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  filter_changed (self, change);
  _tl_batch_window_update_summary (self);
  update_shown (self);
}

static void
on_kind_toggled (TlBatchWindow *self)
{
  guint mask = 0;

  if (self->syncing_toggles)
    return;
  for (TlBatchKind kind = TL_BATCH_KIND_VALID; kind < TL_BATCH_N_KINDS; kind++)
    if (gtk_toggle_button_get_active (self->kind_toggles[kind]))
      mask |= 1u << kind;
  set_kind_mask (self, mask);
}

static void
on_failures_toggled (TlBatchWindow *self)
{
  if (self->syncing_toggles)
    return;
  set_kind_mask (self, gtk_toggle_button_get_active (self->failures_toggle) ? FAILURES : 0);
}

static void
on_search_changed (TlBatchWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *old = g_steal_pointer (&self->search);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->search = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  self->search_ascii = self->search != NULL && g_str_is_ascii (self->search);
  if (g_strcmp0 (old, self->search) == 0)
    return;
  /* typing on: the lines shown can only become fewer; deleting: only more */
  if (old == NULL || (self->search != NULL && strstr (self->search, old) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search == NULL || strstr (old, self->search) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  filter_changed (self, change);
  _tl_batch_window_update_summary (self);
  update_shown (self);
}

/* ---- the result page ----------------------------------------------------------------------- */

static void
show_item (TlBatchWindow *self,
           TlBatchItem   *item)
{
  TlLookupResult *result = tl_batch_item_get_result (item);
  const GError *input_error = tl_batch_item_get_input_error (item);
  g_autofree char *account = tl_account_dup_label (tl_batch_get_account (self->batch));
  g_autofree char *title = NULL;
  g_autofree char *customer = tl_text_visible (tl_batch_item_get_customer_id (item));
  g_autofree char *note = NULL;
  const char *token = tl_batch_item_get_token (item);

  g_set_object (&self->shown_item, item);
  /* Translators: the title of a batch line's result page */
  title = g_strdup_printf (_("Line %u"), tl_batch_item_get_line (item));
  adw_window_title_set_title (self->result_title, title);
  adw_window_title_set_subtitle (self->result_title, customer ? customer : "");
  /* Translators: above a batch line's result: line, customer ID, account */
  note = g_strdup_printf (_("Line %u · customer %s · looked up with %s"), tl_batch_item_get_line (item),
                          tl_presentation_or_placeholder (customer), account);
  gtk_label_set_label (self->result_note, note);

  gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_view), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_view), FALSE);
  if (input_error != NULL)
    {
      tl_error_view_show (self->error_view, TL_LOOKUP_ERROR_INVALID_INPUT, input_error->message, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->error_view), TRUE);
    }
  else if (result != NULL && tl_lookup_result_is_ok (result))
    {
      tl_ticket_view_set_ticket (self->ticket_view, tl_lookup_result_get_ticket (result), account);
      gtk_widget_set_visible (GTK_WIDGET (self->ticket_view), TRUE);
    }
  else if (result != NULL)
    {
      const GError *error = tl_lookup_result_get_error (result);

      tl_error_view_show (self->error_view, tl_lookup_error_code (error), error->message, result);
      gtk_widget_set_visible (GTK_WIDGET (self->error_view), TRUE);
    }
  /* the details of a result kept whole (a failure, or any line of a batch that is not large);
   * a large batch keeps of a valid line only what its row shows */
  if (result != NULL && token != NULL)
    {
      tl_details_view_set_result (self->details_view, result, token, account);
      gtk_widget_set_visible (GTK_WIDGET (self->details_view), TRUE);
    }
  /* the error page's Retry tries this line again, when it is a lookup that failed */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lookup",
                                 !self->running && tl_batch_item_get_kind (item) == TL_BATCH_KIND_FAILED &&
                                 token != NULL);
  adw_leaflet_set_visible_child (self->leaflet, self->result_page);
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_view)))
    tl_error_view_announce (self->error_view);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->ticket_view)))
    tl_ticket_view_announce (self->ticket_view);
}

/* After a run: the line on the result page shows what it came to now. */
void
_tl_batch_window_refresh_item (TlBatchWindow *self)
{
  if (self->shown_item != NULL && self->batch != NULL &&
      adw_leaflet_get_visible_child (self->leaflet) == self->result_page &&
      tl_batch_item_is_done (self->shown_item))
    {
      g_autoptr(TlBatchItem) item = g_object_ref (self->shown_item);

      show_item (self, item);
    }
}

/* win.lookup, the error page's Retry: this line, and only it, is looked up again. */
static void
retry_line_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);

  if (self->running || self->batch == NULL || self->shown_item == NULL)
    return;
  if (!tl_batch_reset_item (self->batch, self->shown_item))
    return;
  gtk_widget_action_set_enabled (widget, "win.lookup", FALSE);
  _tl_batch_window_rerun (self);
}

static void
on_row_activated (GtkColumnView *view,
                  guint          position,
                  TlBatchWindow *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(TlBatchRow) row = model ? g_list_model_get_item (model, position) : NULL;
  TlBatchItem *item = row ? tl_batch_row_get_item (row) : NULL;

  if (item == NULL || self->batch == NULL)
    return;
  if (!tl_batch_item_is_done (item) && tl_batch_item_get_input_error (item) == NULL)
    {
      _tl_batch_window_show_toast (self, _("This line has not been looked up yet."));
      return;
    }
  show_item (self, item);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Ctrl+F: to the search, on the table's page, once there are results */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);

  if (!gtk_widget_get_visible (self->filter_bar))
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- the models ---------------------------------------------------------------------------- */

/**
 * _tl_batch_window_set_batch_model:
 *
 * The table shows the new batch's items, through the filter and the sorting as they are.
 */
void
_tl_batch_window_set_batch_model (TlBatchWindow *self)
{
  if (self->batch == NULL)
    {
      tl_batch_rows_set_items (self->rows, NULL);
      _tl_batch_window_update_summary (self);
      update_shown (self);
      return;
    }
  /* the rows are let in a few per frame (the tick lets in more), so no frame waits for all of
   * them: GTK 4.8's table keeps the widgets of about 200 rows, whether on screen or not */
  tl_batch_rows_set_limit (self->rows, 0);
  tl_batch_rows_set_items (self->rows, tl_batch_get_items (self->batch));
  tl_batch_rows_set_limit (self->rows, TL_BATCH_ROWS_AT_ONCE);
  _tl_batch_window_update_summary (self);
  update_shown (self);
}

/**
 * _tl_batch_window_view_tick:
 *
 * Once per frame: lets more rows in, or takes blank ones away.
 *
 * Returns: whether there is more to do in later frames
 */
gboolean
_tl_batch_window_view_tick (TlBatchWindow *self)
{
  return self->rows != NULL && tl_batch_rows_step (self->rows);
}

static void
on_rows_busy (TlBatchWindow *self)
{
  update_shown (self);
}

/* the rows have rows to let in or take away a few a frame */
static void
on_rows_limit (TlBatchWindow *self)
{
  _tl_batch_window_ensure_tick (self);
}

void
_tl_batch_window_view_init (TlBatchWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkColumnViewColumn *columns[TL_BATCH_N_COLUMNS] = {
    self->line_column, self->token_column, self->customer_column, self->order_column, self->outcome_column,
  };
  struct { GtkColumnViewColumn *column; GCompareDataFunc probe; } sortable[] = {
    { self->line_column, probe_line },
    { self->customer_column, probe_customer },
    { self->outcome_column, probe_outcome },
  };

  self->rows = tl_batch_rows_new ();
  g_signal_connect_swapped (self->rows, "notify::busy", G_CALLBACK (on_rows_busy), self);
  g_signal_connect_swapped (self->rows, "notify::limit", G_CALLBACK (on_rows_limit), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  for (guint i = 0; i < G_N_ELEMENTS (sortable); i++)
    {
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (sortable[i].probe, self, NULL);

      gtk_column_view_column_set_sorter (sortable[i].column, GTK_SORTER (sorter));
    }
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (on_sort_changed), self);
  for (TlBatchColumn column = 0; column < TL_BATCH_N_COLUMNS; column++)
    {
      g_autoptr(GtkListItemFactory) factory = tl_batch_cell_factory_new (column);

      gtk_column_view_column_set_factory (columns[column], factory);
    }

  for (TlBatchKind kind = TL_BATCH_KIND_VALID; kind < TL_BATCH_N_KINDS; kind++)
    {
      const char *css_class = tl_batch_kind_css_class (kind);

      gtk_image_set_from_icon_name (self->kind_icons[kind], tl_batch_kind_icon_name (kind));
      if (css_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->kind_icons[kind]), css_class);
    }
  _tl_batch_window_update_summary (self);
}

void
_tl_batch_window_view_dispose (TlBatchWindow *self)
{
  /* the table may hold the rows a moment longer: they no longer ask the window anything */
  if (self->column_view != NULL && gtk_column_view_get_sorter (self->column_view) != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->rows != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rows, self);
      tl_batch_rows_set_filter (self->rows, NULL, NULL);
      tl_batch_rows_set_items (self->rows, NULL);
    }
  g_clear_object (&self->rows);
  g_clear_object (&self->shown_item);
  g_clear_pointer (&self->search, g_free);
}

void
_tl_batch_window_view_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (TL_TYPE_TICKET_VIEW);
  g_type_ensure (TL_TYPE_ERROR_VIEW);
  g_type_ensure (TL_TYPE_DETAILS_VIEW);
  g_type_ensure (TL_TYPE_BATCH_KIND);
  for (TlBatchKind kind = TL_BATCH_KIND_VALID; kind < TL_BATCH_N_KINDS; kind++)
    {
      g_autofree char *icon = g_strconcat (toggle_names[kind], "_icon", NULL);
      g_autofree char *label = g_strconcat (toggle_names[kind], "_label", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, toggle_names[kind], FALSE,
        G_STRUCT_OFFSET (TlBatchWindow, kind_toggles) + kind * sizeof (gpointer));
      /* the names are kept by the class: interned */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (icon), FALSE,
        G_STRUCT_OFFSET (TlBatchWindow, kind_icons) + kind * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (label), FALSE,
        G_STRUCT_OFFSET (TlBatchWindow, kind_labels) + kind * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, failures_toggle);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, shown_label);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, line_column);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, token_column);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, customer_column);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, order_column);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, outcome_column);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, result_title);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, result_note);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, ticket_view);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, error_view);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, details_view);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_failures_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_install_action (widget_class, "batch.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "batch.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "batch.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.lookup", NULL, retry_line_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "batch.back", NULL);
}

/**
 * tl_batch_window_is_sifting:
 *
 * Returns: whether the filter or the sorting is still going through the lines (a slice per
 *   main-loop iteration)
 */
gboolean
tl_batch_window_is_sifting (TlBatchWindow *self)
{
  g_return_val_if_fail (TL_IS_BATCH_WINDOW (self), FALSE);

  return self->rows != NULL && tl_batch_rows_is_busy (self->rows);
}
