/* tl-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-field-row.h"
#include "tl-presentation.h"
#include "tl-ticket-view.h"
#include "tl-text.h"
#include "tl-message-source.h"

struct _TlTicketView
{
  AdwBin                parent_instance;

  GtkWidget            *badge;
  GtkImage             *badge_icon;
  GtkLabel             *badge_label;
  GtkLabel             *badge_detail;
  AdwPreferencesGroup  *fields_group;

  TlFieldRow           *rows[TL_TICKET_N_STRING_FIELDS];
  TlTicket             *ticket;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (TlTicketView, tl_ticket_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TL_TYPE_MESSAGE_SOURCE, NULL))

static void
copy_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TlTicketView *self = TL_TICKET_VIEW (widget);
  guint field = g_variant_get_uint32 (parameter);
  const char *value;
  g_autofree char *message = NULL;

  if (self->ticket == NULL || field >= TL_TICKET_N_STRING_FIELDS)
    return;
  value = tl_ticket_get_string (self->ticket, field);
  if (value == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);
  /* Translators: %s is a field title such as "Order ID" */
  message = g_strdup_printf (_("%s copied"), tl_ticket_field_get_title (field));
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), message);
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TlTicketView *self = TL_TICKET_VIEW (widget);
  g_autofree char *lines = NULL;

  if (self->ticket == NULL)
    return;
  /* labelled lines a person can paste into a mail or a ticket, not the service's JSON */
  lines = tl_ticket_format_lines (self->ticket);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), lines);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), _("Order ticket copied"));
}

static void
tl_ticket_view_dispose (GObject *object)
{
  TlTicketView *self = TL_TICKET_VIEW (object);

  g_clear_object (&self->ticket);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_TICKET_VIEW);
  G_OBJECT_CLASS (tl_ticket_view_parent_class)->dispose (object);
}

static void
tl_ticket_view_class_init (TlTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_ticket_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TlTicketView, badge);
  gtk_widget_class_bind_template_child (widget_class, TlTicketView, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, TlTicketView, badge_label);
  gtk_widget_class_bind_template_child (widget_class, TlTicketView, badge_detail);
  gtk_widget_class_bind_template_child (widget_class, TlTicketView, fields_group);

  gtk_widget_class_install_action (widget_class, "ticket.copy-field", "u", copy_field_action);
  gtk_widget_class_install_action (widget_class, "ticket.copy-all", NULL, copy_all_action);
}

static void
tl_ticket_view_init (TlTicketView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
    {
      GtkWidget *row = tl_field_row_new (f);

      adw_preferences_group_add (self->fields_group, row);
      self->rows[f] = TL_FIELD_ROW (row);
    }
}

GtkWidget *
tl_ticket_view_new (void)
{
  return g_object_new (TL_TYPE_TICKET_VIEW, NULL);
}

/**
 * tl_ticket_view_set_ticket:
 * @account_label: (nullable): which account answered, shown with the result
 */
void
tl_ticket_view_set_ticket (TlTicketView *self,
                           TlTicket     *ticket,
                           const char   *account_label)
{
  const char *icon, *label, *detail;
  TlTicketState state;
  g_autofree char *accessible = NULL;

  g_return_if_fail (TL_IS_TICKET_VIEW (self));

  g_set_object (&self->ticket, ticket);
  if (ticket == NULL)
    return;

  state = tl_ticket_get_state (ticket);
  switch (state)
    {
    case TL_TICKET_STATE_VALID:
      detail = _("The token can still be used.");
      break;
    case TL_TICKET_STATE_EXPIRED:
      detail = _("The token has expired and can no longer be used.");
      break;
    case TL_TICKET_STATE_UNKNOWN:
    default:
      detail = _("The answer does not say whether the token has expired: treat it as not usable.");
      break;
    }
  icon = tl_presentation_state_icon_name (state);
  label = tl_ticket_state_get_title (state);

  for (TlTicketState other = TL_TICKET_STATE_UNKNOWN; other <= TL_TICKET_STATE_EXPIRED; other++)
    gtk_widget_remove_css_class (self->badge, tl_presentation_state_css_class (other));
  gtk_widget_add_css_class (self->badge, tl_presentation_state_css_class (state));
  gtk_image_set_from_icon_name (self->badge_icon, icon);
  gtk_label_set_label (self->badge_label, label);
  gtk_label_set_label (self->badge_detail, detail);
  /* Translators: read by screen readers, e.g. "Token status: Valid. The token can still be used." */
  accessible = g_strdup_printf (_("Token status: %s. %s"), label, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  detail, -1);

  {
    /* the group's description is markup: a profile name may contain "&" or "<" */
    g_autofree char *escaped = account_label ? g_markup_escape_text (account_label, -1) : NULL;

    adw_preferences_group_set_description (self->fields_group, escaped);
  }

  for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
    tl_field_row_set_value (self->rows[f], tl_ticket_get_string (ticket, f));
}

/**
 * tl_ticket_view_announce:
 *
 * Moves the keyboard focus to the verdict, so a screen reader reads it ("Token status: Valid.
 * The token can still be used."): GTK 4.8 has no way to announce without a focus change.
 */
void
tl_ticket_view_announce (TlTicketView *self)
{
  g_return_if_fail (TL_IS_TICKET_VIEW (self));
  gtk_widget_set_focusable (self->badge, TRUE);
  gtk_widget_grab_focus (self->badge);
}
