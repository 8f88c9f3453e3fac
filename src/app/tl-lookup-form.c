/* tl-lookup-form.c: the customer ID and token fields
 *
 * The form owns what the person typed or pasted: the two fields, the notes under them (what a
 * smart paste found, why the input cannot be sent), and the input they make, published as the
 * "input" property (NULL while nothing valid is in the fields). A link, a query string, a log
 * line or "CUSTOMER-ID TOKEN" pasted into either field fills both, through the one rule in
 * tl-input. Enter in a field with a valid input emits "submit"; what a lookup does is the
 * window's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-lookup-form.h"

struct _TlLookupForm
{
  GtkWidget    parent_instance;

  AdwEntryRow *customer_row;
  AdwEntryRow *token_row;
  GtkBox      *messages_box;

  TlInput     *input;      /* the valid input in the fields, or NULL */
  TlInput     *pasted;     /* the last smart paste, for its findings while the fields hold it */
  char        *note;       /* said with the smart paste: where its values came from */
  gboolean     updating;   /* the fields are being filled by code */
  guint        token_length;   /* the token field's length before its last change */
};

G_DEFINE_FINAL_TYPE (TlLookupForm, tl_lookup_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INPUT,
  N_PROPS
};

enum {
  SUBMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_row_text (TlLookupForm *self,
              AdwEntryRow  *row,
              const char   *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  self->updating = FALSE;
  if (row == self->token_row)
    self->token_length = g_utf8_strlen (row_text (row), -1);
}

static void
clear_messages (TlLookupForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->messages_box))) != NULL)
    gtk_box_remove (self->messages_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_box), FALSE);
}

typedef enum { MESSAGE_INFO, MESSAGE_WARNING, MESSAGE_ERROR } MessageKind;

static void
add_message (TlLookupForm *self,
             MessageKind   kind,
             const char   *text)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *classes[] = { "info", "warning", "error" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[kind]);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (box, "tl-message");
  gtk_widget_add_css_class (box, classes[kind]);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == MESSAGE_ERROR ? _("Error") :
                                  kind == MESSAGE_WARNING ? _("Warning") : _("Note"), -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (self->messages_box, box);
  gtk_widget_set_visible (GTK_WIDGET (self->messages_box), TRUE);
}

static void
add_findings (TlLookupForm *self,
              TlInput      *input)
{
  for (guint i = 0; i < tl_input_get_n_findings (input); i++)
    {
      const TlInputFinding *finding = tl_input_get_finding (input, i);

      add_message (self, finding->kind == TL_INPUT_FINDING_FROM_URL ||
                         finding->kind == TL_INPUT_FINDING_URL_DECODED ? MESSAGE_INFO : MESSAGE_WARNING,
                   finding->message);
    }
}

/* Reads the fields into the input and says what is wrong with them, if anything. */
static void
validate (TlLookupForm *self)
{
  const char *customer = row_text (self->customer_row);
  const char *token = row_text (self->token_row);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->input);
  clear_messages (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->token_row), "error");

  if (*customer != '\0' || *token != '\0')
    self->input = tl_input_parse_fields (customer, token, &error);

  if (*customer == '\0' && *token == '\0')
    g_clear_object (&self->pasted);
  else if (self->input == NULL)
    {
      gboolean empty = g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID) ||
                       g_error_matches (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN);
      TlInputField field = tl_input_error_get_field (error->code);

      if (!empty)
        gtk_widget_add_css_class (GTK_WIDGET (field == TL_INPUT_FIELD_CUSTOMER_ID ? self->customer_row
                                                                                : self->token_row),
                                  "error");
      add_message (self, empty ? MESSAGE_INFO : MESSAGE_ERROR, error->message);
    }
  else if (self->pasted != NULL &&
           g_strcmp0 (tl_input_get_customer_id (self->pasted), customer) == 0 &&
           g_strcmp0 (tl_input_get_token (self->pasted), token) == 0)
    {
      if (self->note != NULL)
        add_message (self, MESSAGE_INFO, self->note);
      add_findings (self, self->pasted);
    }
  else
    {
      g_clear_object (&self->pasted);
      add_findings (self, self->input);
    }
  if (self->pasted == NULL)
    g_clear_pointer (&self->note, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT]);
}

/* Fills both fields from @input, as a smart paste: its findings are shown with it. */
static void
fill (TlLookupForm *self,
      TlInput      *input,
      const char   *note)
{
  g_set_object (&self->pasted, input);
  g_free (self->note);
  self->note = g_strdup (note);
  set_row_text (self, self->customer_row, tl_input_get_customer_id (input));
  set_row_text (self, self->token_row, tl_input_get_token (input));
  validate (self);
}

static gboolean
looks_like_link (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, "token=") != NULL;
}

static gboolean
has_inner_space (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return strpbrk (stripped, " \t\n") != NULL;
}

/* "CUSTOMER-ID TOKEN" in one field: the pair, when its first word is the customer ID read. */
static TlInput *
parse_pair (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autoptr(TlInput) input = tl_input_parse (stripped, NULL);
  const char *customer;
  gsize length;

  if (input == NULL)
    return NULL;
  customer = tl_input_get_customer_id (input);
  length = strlen (customer);
  if (strncmp (stripped, customer, length) != 0 || strchr (" \t\n", stripped[length]) == NULL)
    return NULL;
  return g_steal_pointer (&input);
}

static void
on_field_changed_cb (TlLookupForm *self,
                     GtkEditable  *editable)
{
  gboolean in_token = GTK_WIDGET (editable) == GTK_WIDGET (self->token_row);
  const char *text;
  guint before = self->token_length;

  if (self->updating)
    return;

  text = gtk_editable_get_text (editable);
  if (in_token)
    self->token_length = g_utf8_strlen (text, -1);

  /* A whole link, query string or log line pasted into either field fills both. */
  if (looks_like_link (text))
    {
      g_autoptr(TlInput) input = tl_input_parse_fields (in_token ? row_text (self->customer_row) : "",
                                                        text, NULL);
      if (input != NULL)
        {
          fill (self, input, NULL);
          return;
        }
    }
  /* "CUSTOMER-ID TOKEN" pasted into the customer field, or pasted (not typed: more than one
   * character arrived at once) into the token field. */
  else if (has_inner_space (text) && (!in_token || self->token_length > before + 1))
    {
      g_autoptr(TlInput) input = parse_pair (text);

      if (input != NULL)
        {
          g_autofree char *note = NULL;

          if (in_token)
            /* Translators: after "M11385 Abc…" was pasted into the Token field */
            note = g_strdup_printf (_("Read as customer ID %s and its token"), tl_input_get_customer_id (input));
          fill (self, input, note);
          return;
        }
    }

  validate (self);
}

static void
on_entry_activated_cb (TlLookupForm *self)
{
  if (self->input != NULL)
    g_signal_emit (self, signals[SUBMIT], 0);
}

/**
 * tl_lookup_form_get_input:
 *
 * Returns: (transfer none) (nullable): what the fields hold, when it can be looked up
 */
TlInput *
tl_lookup_form_get_input (TlLookupForm *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_FORM (self), NULL);
  return self->input;
}

/**
 * tl_lookup_form_set_fields:
 *
 * Puts @customer_id and @token in the fields as they are, as if typed.
 */
void
tl_lookup_form_set_fields (TlLookupForm *self,
                           const char   *customer_id,
                           const char   *token)
{
  g_return_if_fail (TL_IS_LOOKUP_FORM (self));

  g_clear_object (&self->pasted);
  set_row_text (self, self->customer_row, customer_id);
  set_row_text (self, self->token_row, token);
  validate (self);
}

/**
 * tl_lookup_form_fill:
 *
 * Fills both fields from @input, read from a paste, a drop or a search, with what was found
 * reading it.
 */
void
tl_lookup_form_fill (TlLookupForm *self,
                     TlInput      *input)
{
  g_return_if_fail (TL_IS_LOOKUP_FORM (self));
  g_return_if_fail (TL_IS_INPUT (input));

  fill (self, input, NULL);
}

/**
 * tl_lookup_form_paste:
 * @text: pasted or dropped text: a link, a query string, a log line or "CUSTOMER-ID TOKEN"
 *
 * Smart paste. Text that cannot be read is kept in the token field with the reason, so nothing
 * is lost; only text too long or empty to keep is refused, and then the fields are untouched.
 *
 * Returns: %TRUE if the fields now hold an input that can be looked up; %FALSE with @error set
 *   if the text was refused, %FALSE without it if the text is in the form with what is wrong
 */
gboolean
tl_lookup_form_paste (TlLookupForm  *self,
                      const char    *text,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TlInput) input = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (TL_IS_LOOKUP_FORM (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  input = tl_input_parse (text, &local_error);
  if (input != NULL)
    {
      fill (self, input, NULL);
      return TRUE;
    }
  if (g_error_matches (local_error, TL_INPUT_ERROR, TL_INPUT_ERROR_TEXT_TOO_LONG) ||
      g_error_matches (local_error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TEXT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Kept where the person can fix it, with what is wrong. */
  g_clear_object (&self->pasted);
  stripped = g_strstrip (g_strdup (text));
  set_row_text (self, self->token_row, stripped);
  validate (self);
  if (g_error_matches (local_error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID))
    gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
  return FALSE;
}

void
tl_lookup_form_clear (TlLookupForm *self)
{
  g_return_if_fail (TL_IS_LOOKUP_FORM (self));

  tl_lookup_form_set_fields (self, "", "");
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_row));
}

gboolean
tl_lookup_form_is_empty (TlLookupForm *self)
{
  g_return_val_if_fail (TL_IS_LOOKUP_FORM (self), TRUE);
  return *row_text (self->customer_row) == '\0' && *row_text (self->token_row) == '\0';
}

void
tl_lookup_form_focus (TlLookupForm *self,
                      TlInputField  field)
{
  g_return_if_fail (TL_IS_LOOKUP_FORM (self));
  gtk_widget_grab_focus (GTK_WIDGET (field == TL_INPUT_FIELD_TOKEN ? self->token_row : self->customer_row));
}

static gboolean
tl_lookup_form_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TL_LOOKUP_FORM (widget)->customer_row));
}

static void
tl_lookup_form_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TlLookupForm *self = TL_LOOKUP_FORM (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      g_value_set_object (value, self->input);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_lookup_form_dispose (GObject *object)
{
  TlLookupForm *self = TL_LOOKUP_FORM (object);
  GtkWidget *child;

  g_clear_object (&self->input);
  g_clear_object (&self->pasted);
  g_clear_pointer (&self->note, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_LOOKUP_FORM);
  /* the template's unnamed box (the heading and the fields): a plain GtkWidget unparents no
   * child of its own, and one left would be leaked with a warning when the form is finalized */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (tl_lookup_form_parent_class)->dispose (object);
}

static void
tl_lookup_form_class_init (TlLookupFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_lookup_form_dispose;
  object_class->get_property = tl_lookup_form_get_property;
  widget_class->grab_focus = tl_lookup_form_grab_focus;

  /**
   * TlLookupForm:input:
   *
   * What the fields hold, when it can be looked up; %NULL otherwise. Notified on every change
   * of the fields, also when the new input equals the old one.
   */
  properties[PROP_INPUT] = g_param_spec_object ("input", NULL, NULL, TL_TYPE_INPUT,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TlLookupForm::submit:
   *
   * Enter was pressed in a field holding an input that can be looked up.
   */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-lookup-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TlLookupForm, customer_row);
  gtk_widget_class_bind_template_child (widget_class, TlLookupForm, token_row);
  gtk_widget_class_bind_template_child (widget_class, TlLookupForm, messages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tl_lookup_form_init (TlLookupForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
