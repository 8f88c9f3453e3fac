/* tl-field-row.c: one field of the order ticket, from a template
 *
 * The title small above the value, so long values get the full width and stay selectable from
 * 360 px up, and a copy button. The value comes from the server: shown as text with controls and
 * bidi made visible; a field the answer lacked is a dimmed dash and cannot be copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-row.h"
#include "tl-presentation.h"
#include "tl-text.h"

struct _TlFieldRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *title_label;
  GtkLabel          *value_label;
  GtkWidget         *copy_button;

  TlTicketField      field;
};

G_DEFINE_FINAL_TYPE (TlFieldRow, tl_field_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * tl_field_row_set_value:
 * @value: (nullable): the server's value, %NULL when the answer did not contain the field
 */
void
tl_field_row_set_value (TlFieldRow *self,
                        const char *value)
{
  g_autofree char *visible = tl_text_visible (value);
  const char *word = NULL;

  g_return_if_fail (TL_IS_FIELD_ROW (self));

  /* a property type the service is known to send, in words; its own value in the tooltip */
  if (self->field == TL_TICKET_FIELD_TARGET_TYPE)
    word = tl_ticket_property_type_get_title (value);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), word != NULL ? visible : NULL);
  if (word != NULL)
    {
      g_free (visible);
      visible = g_strdup (word);
    }

  gtk_label_set_label (self->value_label, tl_presentation_or_placeholder (visible));
  if (visible == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
  gtk_widget_set_sensitive (self->copy_button, visible != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  visible ? visible : _("not in the answer"), -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
set_field (TlFieldRow    *self,
           TlTicketField  field)
{
  const char *title = tl_ticket_field_get_title (field);
  /* Translators: tooltip and accessible name of a copy button; %s is a field title */
  g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), title);

  self->field = field;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_label_set_label (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), tl_ticket_field_get_description (field));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_tooltip_text (self->copy_button, copy_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->copy_button), "u", field);
}

static void
tl_field_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TlFieldRow *self = TL_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      set_field (self, g_value_get_uint (value));
      break;
    case PROP_VALUE:
      tl_field_row_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_field_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TlFieldRow *self = TL_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_uint (value, self->field);
      break;
    case PROP_VALUE:
      g_value_set_string (value, gtk_widget_get_sensitive (self->copy_button)
                                 ? gtk_label_get_label (self->value_label) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_field_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TL_TYPE_FIELD_ROW);
  G_OBJECT_CLASS (tl_field_row_parent_class)->dispose (object);
}

static void
tl_field_row_class_init (TlFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = tl_field_row_set_property;
  object_class->get_property = tl_field_row_get_property;
  object_class->dispose = tl_field_row_dispose;

  properties[PROP_FIELD] =
    g_param_spec_uint ("field", NULL, NULL, 0, TL_TICKET_N_STRING_FIELDS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* as shown: controls and bidi made visible; NULL when the answer lacked it */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-field-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TlFieldRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TlFieldRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, TlFieldRow, copy_button);
}

static void
tl_field_row_init (TlFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tl_field_row_new (TlTicketField field)
{
  return g_object_new (TL_TYPE_FIELD_ROW, "field", field, NULL);
}
