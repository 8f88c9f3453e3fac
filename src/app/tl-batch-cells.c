/* tl-batch-cells.c: the cells of the batch window's table, made and filled by hand
 *
 * One GtkSignalListItemFactory per column. A cell is a label (the Result cell: an icon and a
 * label, in the outcome's colour) filled when it is bound to a line, and again when that line
 * finishes; its tooltip (the whole reason) is worked out only when asked for. Built from
 * GtkBuilder templates with property expressions, a table row cost GTK 4.8 about 0.5 ms a cell
 * to make and as much to throw away, and a filter that changes the rows on screen made and
 * threw away a screenful of them in one frame (bench/: "Failures Only", 90–150 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-batch-cells.h"
#include "tl-batch-item.h"
#include "tl-lookup-error.h"
#include "tl-presentation.h"
#include "tl-text.h"

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

static void
fill (GtkListItem   *list_item,
      TlBatchColumn  column)
{
  TlBatchItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  if (item == NULL)
    return;
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
        GtkWidget *icon = gtk_widget_get_first_child (child);
        const char *css_class = tl_batch_kind_css_class (kind);
        const char *classes[] = { css_class, NULL };

        gtk_image_set_from_icon_name (GTK_IMAGE (icon), tl_batch_kind_icon_name (kind));
        gtk_widget_set_css_classes (child, css_class ? classes : (const char *[]) { NULL });
        child = gtk_widget_get_next_sibling (icon);
        text = tl_batch_item_describe (item);
      }
      break;
    case TL_BATCH_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (GTK_LABEL (child), tl_presentation_or_placeholder (text));
}

static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  GtkListItem *list_item)
{
  TlBatchItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *reason = item ? tl_batch_item_dup_reason (item) : NULL;

  if (reason == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, reason);
  return TRUE;
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  TlBatchColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == TL_BATCH_COLUMN_TOKEN)
    gtk_widget_add_css_class (label, "monospace");
  if (column == TL_BATCH_COLUMN_OUTCOME)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (box), gtk_image_new ());
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      /* the whole reason, worked out when the tooltip is shown */
      gtk_widget_set_has_tooltip (box, TRUE);
      g_signal_connect (box, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
      gtk_list_item_set_child (list_item, box);
    }
  else
    gtk_list_item_set_child (list_item, label);
}

static void
on_item_finished (GtkListItem *list_item)
{
  fill (list_item, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list_item), "tl-column")));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  TlBatchColumn column = GPOINTER_TO_UINT (user_data);

  fill (list_item, column);
  /* the order ID and the outcome change when the line's lookup ends (or starts again) */
  if (column == TL_BATCH_COLUMN_ORDER || column == TL_BATCH_COLUMN_OUTCOME)
    {
      g_object_set_data (G_OBJECT (list_item), "tl-column", user_data);
      g_signal_connect_swapped (gtk_list_item_get_item (list_item), "notify::kind",
                                G_CALLBACK (on_item_finished), list_item);
    }
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  TlBatchColumn column = GPOINTER_TO_UINT (user_data);
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL && (column == TL_BATCH_COLUMN_ORDER || column == TL_BATCH_COLUMN_OUTCOME))
    g_signal_handlers_disconnect_by_func (item, on_item_finished, list_item);
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
