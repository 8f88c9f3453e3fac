/* tl-ticket-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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

  GtkLabel             *values[TL_TICKET_N_STRING_FIELDS];
  GtkWidget            *copy_buttons[TL_TICKET_N_STRING_FIELDS];
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
  g_autofree char *json = NULL;

  if (self->ticket == NULL)
    return;
  json = tl_ticket_to_json (self->ticket, TRUE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  tl_message_source_emit (TL_MESSAGE_SOURCE (self), _("Ticket copied as JSON"));
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
      /* A property row: the title small above the value, so long values get the full width and
       * stay selectable, from 360 px up. */
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (tl_ticket_field_get_title (f));
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      /* Translators: tooltip and accessible name of a copy button; %s is a field title */
      g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), tl_ticket_field_get_title (f));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tl_ticket_field_get_title (f));
      gtk_widget_set_tooltip_text (title, tl_ticket_field_get_description (f));
      gtk_widget_add_css_class (row, "tl-property");
      gtk_widget_set_margin_top (hbox, 8);
      gtk_widget_set_margin_bottom (hbox, 8);
      gtk_widget_set_margin_start (hbox, 12);
      gtk_widget_set_margin_end (hbox, 6);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "caption");
      gtk_widget_add_css_class (title, "dim-label");

      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_widget_add_css_class (value, "tl-field-value");
      gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tl_ticket_field_get_title (f),
                                      -1);
      gtk_widget_set_hexpand (vbox, TRUE);
      gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, copy_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      copy_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "ticket.copy-field");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "u", f);

      gtk_box_append (GTK_BOX (vbox), title);
      gtk_box_append (GTK_BOX (vbox), value);
      gtk_box_append (GTK_BOX (hbox), vbox);
      gtk_box_append (GTK_BOX (hbox), copy);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
      adw_preferences_group_add (self->fields_group, row);

      self->values[f] = GTK_LABEL (value);
      self->copy_buttons[f] = copy;
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
  const char *icon, *label, *detail, *css;
  g_autofree char *accessible = NULL;

  g_return_if_fail (TL_IS_TICKET_VIEW (self));

  g_set_object (&self->ticket, ticket);
  if (ticket == NULL)
    return;

  switch (tl_ticket_get_state (ticket))
    {
    case TL_TICKET_STATE_VALID:
      icon = "emblem-ok-symbolic";
      label = tl_ticket_state_get_title (TL_TICKET_STATE_VALID);
      detail = _("The token can still be used.");
      css = "valid";
      break;
    case TL_TICKET_STATE_EXPIRED:
      icon = "alarm-symbolic";
      label = tl_ticket_state_get_title (TL_TICKET_STATE_EXPIRED);
      detail = _("The token has expired and can no longer be used.");
      css = "expired";
      break;
    case TL_TICKET_STATE_UNKNOWN:
    default:
      icon = "dialog-question-symbolic";
      label = tl_ticket_state_get_title (TL_TICKET_STATE_UNKNOWN);
      detail = _("The answer does not say whether the token has expired: treat it as not usable, "
                 "and see Verdict Read From in the details.");
      css = "unknown";
      break;
    }

  gtk_widget_remove_css_class (self->badge, "valid");
  gtk_widget_remove_css_class (self->badge, "expired");
  gtk_widget_remove_css_class (self->badge, "unknown");
  gtk_widget_add_css_class (self->badge, css);
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
    {
      /* from the server: controls and bidi shown visibly (the label has no markup) */
      g_autofree char *value = tl_text_visible (tl_ticket_get_string (ticket, f));

      gtk_label_set_label (self->values[f], value ? value : "—");
      if (value == NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->values[f]), "dim-label");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->values[f]), "dim-label");
      gtk_widget_set_sensitive (self->copy_buttons[f], value != NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->values[f]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      value ? value : _("not in the answer"), -1);
    }
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
