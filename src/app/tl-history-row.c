/* tl-history-row.c: one lookup in the history panel, from a template
 *
 * "M11385 · ORD-2026-118305" over "10:01:02 · Valid", with the outcome's icon (and colour, never
 * colour alone). The order ID comes from the server, and a saved entry's every string from a file
 * on disk: all shown as text, controls visible. A row is made once by the panel's list item
 * factory and shows one entry after another as the list scrolls (tl_history_row_set_entry()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-history-row.h"
#include "tl-presentation.h"
#include "tl-text.h"

struct _TlHistoryRow
{
  GtkBox          parent_instance;

  GtkImage       *icon;
  GtkLabel       *title;
  GtkLabel       *subtitle;

  TlHistoryEntry *entry;
  const char     *outcome_class;   /* the icon's colour, taken off for the next entry */
  char           *accessible;      /* "title, subtitle", for the list item it is in */
};

G_DEFINE_FINAL_TYPE (TlHistoryRow, tl_history_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_entry (TlHistoryRow *self)
{
  TlHistoryEntry *entry = self->entry;
  TlOutcome outcome;
  g_autofree char *time = NULL;
  g_autofree char *described_raw = NULL;
  g_autofree char *described = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *order = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->outcome_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), self->outcome_class);
  self->outcome_class = NULL;
  g_clear_pointer (&self->accessible, g_free);
  if (entry == NULL)
    {
      gtk_image_clear (self->icon);
      gtk_label_set_label (self->title, "");
      gtk_label_set_label (self->subtitle, "");
      return;
    }

  outcome = tl_history_entry_get_outcome_kind (entry);
  time = g_date_time_format (tl_history_entry_get_time (entry), "%X");
  described_raw = tl_history_entry_describe (entry);
  described = tl_text_visible (described_raw);
  customer = tl_text_visible (tl_history_entry_get_customer_id (entry));
  order = tl_text_visible (tl_history_entry_get_order_id (entry));

  gtk_image_set_from_icon_name (self->icon, tl_presentation_outcome_icon_name (outcome));
  self->outcome_class = tl_presentation_outcome_css_class (outcome);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), self->outcome_class);

  /* a failure has no order: its row is the customer, and the cause below tells it apart */
  if (order != NULL)
    title = g_strdup_printf ("%s · %s", tl_presentation_or_placeholder (customer), order);
  else
    title = g_strdup (tl_presentation_or_placeholder (customer));
  subtitle = g_strdup_printf ("%s · %s", time, tl_presentation_or_placeholder (described));
  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->subtitle, subtitle);
  self->accessible = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible, -1);
}

static void
tl_history_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TlHistoryRow *self = TL_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      tl_history_row_set_entry (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_history_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlHistoryRow *self = TL_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_history_row_dispose (GObject *object)
{
  TlHistoryRow *self = TL_HISTORY_ROW (object);

  g_clear_object (&self->entry);
  g_clear_pointer (&self->accessible, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_HISTORY_ROW);
  G_OBJECT_CLASS (tl_history_row_parent_class)->dispose (object);
}

static void
tl_history_row_class_init (TlHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = tl_history_row_set_property;
  object_class->get_property = tl_history_row_get_property;
  object_class->dispose = tl_history_row_dispose;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, TL_TYPE_HISTORY_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlHistoryRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TlHistoryRow, title);
  gtk_widget_class_bind_template_child (widget_class, TlHistoryRow, subtitle);
}

static void
tl_history_row_init (TlHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tl_history_row_new:
 * @entry: (nullable): the lookup to show, or %NULL for a row still to be given one
 */
GtkWidget *
tl_history_row_new (TlHistoryEntry *entry)
{
  return g_object_new (TL_TYPE_HISTORY_ROW, "entry", entry, NULL);
}

TlHistoryEntry *
tl_history_row_get_entry (TlHistoryRow *self)
{
  g_return_val_if_fail (TL_IS_HISTORY_ROW (self), NULL);
  return self->entry;
}

/**
 * tl_history_row_set_entry:
 * @entry: (nullable): the lookup to show now
 */
void
tl_history_row_set_entry (TlHistoryRow   *self,
                          TlHistoryEntry *entry)
{
  g_return_if_fail (TL_IS_HISTORY_ROW (self));
  if (!g_set_object (&self->entry, entry) && self->title != NULL && entry != NULL)
    return;
  show_entry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

/* What the row says, in one line: "M11385 · ORD-2026-118305, 10:01:02 · Valid". */
const char *
tl_history_row_get_accessible_label (TlHistoryRow *self)
{
  g_return_val_if_fail (TL_IS_HISTORY_ROW (self), NULL);
  return self->accessible;
}
