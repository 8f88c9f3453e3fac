/* tl-batch-cells.c: the cells of the batch window's table, made and filled by hand
 *
 * One GtkSignalListItemFactory per column. A cell is one TlBatchCell: a line of text (the Result
 * cell: an icon and the text, in the outcome's colour) drawn by hand, filled when it is bound
 * to a row, when the row shows another
 * line (a filter, a search or a sorting: tl-batch-window-rows.c) and when that line finishes;
 * its tooltip (the whole reason) is worked out only when asked for. Built from
 * GtkBuilder templates with property expressions, a table row cost GTK 4.8 about 0.5 ms a cell
 * to make and as much to throw away, and a filter that changes the rows on screen made and
 * threw away a screenful of them in one frame (bench/: "Failures Only", 90–150 ms).
 *
 * A TlBatchCell's size does not depend on its text: its height is the font's line (or the icon),
 * its width what the column asks for. A new text is drawn again, nothing is laid out: with
 * GtkLabels, a filter that changed the lines on screen had the table measure a hundred labels
 * again, each shaping its text two or three times (30–50 ms a frame, bench/). The text is
 * shaped once, when drawn, and kept (PangoLayout) until it or the width changes. For assistive
 * technologies a cell is a label named by its text, as a GtkLabel is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-batch-cells.h"
#include "tl-batch-item.h"
#include "tl-batch-window-rows.h"
#include "tl-lookup-error.h"
#include "tl-presentation.h"
#include "tl-text.h"

/* ---- TlBatchCell ---------------------------------------------------------------------------- */

#define ICON_SIZE 16
#define ICON_SPACING 6

#define TL_TYPE_BATCH_CELL (tl_batch_cell_get_type ())
G_DECLARE_FINAL_TYPE (TlBatchCell, tl_batch_cell, TL, BATCH_CELL, GtkWidget)

struct _TlBatchCell
{
  GtkWidget     parent_instance;
  char         *text;
  const char   *icon_name;     /* static strings (tl-presentation.c) */
  GtkIconPaintable *icon;
  PangoLayout  *layout;        /* the text shaped, while the text, the font and the width stay */
  int           layout_width;
  guint         font_serial;   /* of the pango context, when line_height and char_width were had */
  int           line_height;
  int           char_width;
  guint         natural_chars; /* the width the column asks for, in characters */
};

G_DEFINE_FINAL_TYPE (TlBatchCell, tl_batch_cell, GTK_TYPE_WIDGET)

/* The font's line height and character width, had again when the font changed (a style class,
 * the theme, the text scale): the text is then shaped again too. */
static void
update_font (TlBatchCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics;

  if (self->font_serial == pango_context_get_serial (context) && self->line_height > 0)
    return;
  self->font_serial = pango_context_get_serial (context);
  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = pango_font_metrics_get_approximate_char_width (metrics);
  self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (self->line_height <= 0)
    self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                           pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  g_clear_object (&self->layout);
}

static void
tl_batch_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TlBatchCell *self = TL_BATCH_CELL (widget);
  int icon = self->icon_name != NULL ? ICON_SIZE + ICON_SPACING : 0;

  update_font (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = icon + PANGO_PIXELS_CEIL (2 * self->char_width);
      *natural = icon + PANGO_PIXELS_CEIL (self->natural_chars * self->char_width);
    }
  else
    *minimum = *natural = MAX (self->line_height, self->icon_name != NULL ? ICON_SIZE : 0);
}

static void
tl_batch_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TlBatchCell *self = TL_BATCH_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int x = 0;
  GdkRGBA color;
  PangoRectangle logical;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
G_GNUC_END_IGNORE_DEPRECATIONS
  if (self->icon_name != NULL)
    {
      if (self->icon == NULL)
        self->icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                 self->icon_name, NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                                 gtk_widget_get_direction (widget), 0);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icon), snapshot, ICON_SIZE, ICON_SIZE,
                                                &color, 1);
      gtk_snapshot_restore (snapshot);
      x = ICON_SIZE + ICON_SPACING;
    }
  if (self->text == NULL || width - x <= 0)
    return;
  update_font (self);
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_width = -1;
    }
  if (self->layout_width != width - x)
    {
      self->layout_width = width - x;
      pango_layout_set_width (self->layout, self->layout_width * PANGO_SCALE);
    }
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* The font or the direction changed: shaped again when drawn. */
static void
tl_batch_cell_forget_layout (TlBatchCell *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->icon);
}

static void
tl_batch_cell_direction_changed (GtkWidget        *widget,
                                 GtkTextDirection  previous)
{
  tl_batch_cell_forget_layout (TL_BATCH_CELL (widget));
  GTK_WIDGET_CLASS (tl_batch_cell_parent_class)->direction_changed (widget, previous);
}

static void
tl_batch_cell_unrealize (GtkWidget *widget)
{
  tl_batch_cell_forget_layout (TL_BATCH_CELL (widget));
  GTK_WIDGET_CLASS (tl_batch_cell_parent_class)->unrealize (widget);
}

static void
tl_batch_cell_finalize (GObject *object)
{
  TlBatchCell *self = TL_BATCH_CELL (object);

  tl_batch_cell_forget_layout (self);
  g_free (self->text);
  G_OBJECT_CLASS (tl_batch_cell_parent_class)->finalize (object);
}

static void
tl_batch_cell_class_init (TlBatchCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tl_batch_cell_finalize;
  widget_class->measure = tl_batch_cell_measure;
  widget_class->snapshot = tl_batch_cell_snapshot;
  widget_class->direction_changed = tl_batch_cell_direction_changed;
  widget_class->unrealize = tl_batch_cell_unrealize;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tl_batch_cell_init (TlBatchCell *self)
{
}

static GtkWidget *
tl_batch_cell_new (guint natural_chars)
{
  TlBatchCell *self = g_object_new (TL_TYPE_BATCH_CELL, NULL);

  self->natural_chars = natural_chars;
  return GTK_WIDGET (self);
}

/* Draws @text (and the icon @icon_name, %NULL: none) from now on: drawn again, not laid out. */
static void
tl_batch_cell_set (TlBatchCell *self,
                   const char  *text,
                   const char  *icon_name)
{
  if (g_strcmp0 (self->icon_name, icon_name) != 0)
    {
      if ((self->icon_name == NULL) != (icon_name == NULL))
        gtk_widget_queue_resize (GTK_WIDGET (self));
      self->icon_name = icon_name;
      g_clear_object (&self->icon);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* How a kind looks: a line that is not a lookup has the invalid input's icon, in the colour of a
 * failure; the verdicts and failures look as everywhere else (tl-presentation.c). */
static TlOutcome
kind_outcome (TlBatchKind kind)
{
  switch (kind)
    {
    case TL_BATCH_KIND_VALID: return TL_OUTCOME_VALID;
    case TL_BATCH_KIND_EXPIRED: return TL_OUTCOME_EXPIRED;
    case TL_BATCH_KIND_UNKNOWN: return TL_OUTCOME_UNKNOWN;
    case TL_BATCH_KIND_FAILED:
    case TL_BATCH_KIND_NOT_LOOKUP: return TL_OUTCOME_FAILED;
    case TL_BATCH_KIND_PENDING:
    case TL_BATCH_N_KINDS:
    default: return TL_OUTCOME_PENDING;
    }
}

const char *
tl_batch_kind_icon_name (guint kind)
{
  if (kind == TL_BATCH_KIND_NOT_LOOKUP)
    return tl_presentation_error_icon_name (TL_LOOKUP_ERROR_INVALID_INPUT);
  return tl_presentation_outcome_icon_name (kind_outcome (kind));
}

const char *
tl_batch_kind_css_class (guint kind)
{
  return tl_presentation_outcome_css_class (kind_outcome (kind));
}

/* the line a cell's row shows now */
static TlBatchItem *
cell_item (GtkListItem *list_item)
{
  TlBatchRow *row = gtk_list_item_get_item (list_item);

  return row ? tl_batch_row_get_item (row) : NULL;
}

static void
fill (GtkListItem   *list_item,
      TlBatchColumn  column)
{
  TlBatchItem *item = cell_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  const char *icon_name = NULL;

  if (item == NULL)
    {
      /* a blank row, about to be taken away */
      if (column == TL_BATCH_COLUMN_OUTCOME)
        {
          gtk_widget_set_css_classes (child, (const char *[]) { NULL });
          g_object_set_data (G_OBJECT (child), "tl-class", NULL);
        }
      tl_batch_cell_set (TL_BATCH_CELL (child), NULL, NULL);
      return;
    }
  switch (column)
    {
    case TL_BATCH_COLUMN_LINE:
      text = g_strdup_printf ("%u", tl_batch_item_get_line (item));
      break;
    case TL_BATCH_COLUMN_TOKEN:
      text = g_strdup (tl_presentation_or_placeholder (tl_batch_item_get_fingerprint (item)));
      break;
    case TL_BATCH_COLUMN_CUSTOMER:
      text = tl_text_visible (tl_batch_item_get_customer_id (item));
      break;
    case TL_BATCH_COLUMN_ORDER:
      {
        TlLookupResult *result = tl_batch_item_get_result (item);
        TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;

        text = ticket ? tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL;
      }
      break;
    case TL_BATCH_COLUMN_OUTCOME:
      {
        TlBatchKind kind = tl_batch_item_get_kind (item);
        const char *css_class = tl_batch_kind_css_class (kind);
        const char *classes[] = { css_class, NULL };

        icon_name = tl_batch_kind_icon_name (kind);
        if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "tl-class"), css_class) != 0)
          {
            gtk_widget_set_css_classes (child, css_class ? classes : (const char *[]) { NULL });
            g_object_set_data (G_OBJECT (child), "tl-class", (gpointer) css_class);
          }
        text = tl_batch_item_describe (item);
      }
      break;
    case TL_BATCH_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  tl_batch_cell_set (TL_BATCH_CELL (child), tl_presentation_or_placeholder (text), icon_name);
}

static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  GtkListItem *list_item)
{
  TlBatchItem *item = cell_item (list_item);
  g_autofree char *reason = item ? tl_batch_item_dup_reason (item) : NULL;

  if (reason == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, reason);
  return TRUE;
}

/* the width each column asks for, in characters */
static const guint natural_chars[TL_BATCH_N_COLUMNS] = {
  [TL_BATCH_COLUMN_LINE] = 5,
  [TL_BATCH_COLUMN_TOKEN] = 20,
  [TL_BATCH_COLUMN_CUSTOMER] = 11,
  [TL_BATCH_COLUMN_ORDER] = 12,
  [TL_BATCH_COLUMN_OUTCOME] = 20,
};

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TlBatchColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell = tl_batch_cell_new (natural_chars[column]);

  if (column == TL_BATCH_COLUMN_TOKEN)
    gtk_widget_add_css_class (cell, "monospace");
  if (column == TL_BATCH_COLUMN_OUTCOME)
    {
      /* the whole reason, worked out when the tooltip is shown */
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
on_item_finished (GtkListItem *list_item)
{
  fill (list_item, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "tl-column")));
}

/* The order ID and the outcome change when the line's lookup ends (or starts again): the
 * cells of those columns listen to the line their row shows. */
static void
watch_item (GtkListItem *list_item,
            TlBatchItem *item)
{
  TlBatchItem *watched = g_object_get_data (G_OBJECT (list_item), "tl-item");

  if (watched == item)
    return;
  if (watched != NULL)
    g_signal_handlers_disconnect_by_func (watched, on_item_finished, list_item);
  if (item != NULL)
    g_signal_connect_swapped (item, "notify::kind", G_CALLBACK (on_item_finished), list_item);
  /* held while watched: a batch let go of may take its lines with it */
  g_object_set_data_full (G_OBJECT (list_item), "tl-item", item ? g_object_ref (item) : NULL, g_object_unref);
}

static gboolean
watches_item (TlBatchColumn column)
{
  return column == TL_BATCH_COLUMN_ORDER || column == TL_BATCH_COLUMN_OUTCOME;
}

/* The row shows another line. */
static void
on_row_item (GtkListItem *list_item)
{
  TlBatchColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "tl-column"));

  if (watches_item (column))
    watch_item (list_item, cell_item (list_item));
  fill (list_item, column);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  TlBatchColumn column = GPOINTER_TO_UINT (user_data);

  g_object_set_data (G_OBJECT (list_item), "tl-column", user_data);
  g_signal_connect_swapped (gtk_list_item_get_item (list_item), "notify::item", G_CALLBACK (on_row_item), list_item);
  if (watches_item (column))
    watch_item (list_item, cell_item (list_item));
  fill (list_item, column);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gpointer row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_item, list_item);
  watch_item (list_item, NULL);
}

/**
 * tl_batch_cell_factory_new:
 *
 * Returns: (transfer full): the factory of @column's cells, bound to TlBatchItems
 */
GtkListItemFactory *
tl_batch_cell_factory_new (TlBatchColumn column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), GUINT_TO_POINTER (column));
  return factory;
}
