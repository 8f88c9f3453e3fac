/* test-lookup-form.c: the customer ID and token fields as a person types and pastes into them:
 * a valid pair is published as the input, a wrong customer ID is marked and explained, a whole
 * link or "CUSTOMER-ID TOKEN" pasted into a field fills both (typing never splits), a paste that
 * cannot be read is kept in the form, and Enter asks for a lookup only when there is something to
 * look up. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-lookup-form.h"
#include "widget-test.h"

#define LINK "https://x.example/o?customerId=M2&token=DemoExpired%2BTok%2F01%3D%3D"
#define LINK_TOKEN "DemoExpired+Tok/01=="

static GtkWidget *
new_form (void)
{
  return g_object_ref_sink (g_object_new (TL_TYPE_LOOKUP_FORM, NULL));
}

static GtkEditable *
field (GtkWidget  *form,
       const char *title)
{
  return GTK_EDITABLE (tl_widget_test_find_row (form, title));
}

static const char *
field_text (GtkWidget  *form,
            const char *title)
{
  return gtk_editable_get_text (field (form, title));
}

static gboolean
field_marked (GtkWidget  *form,
              const char *title)
{
  return gtk_widget_has_css_class (GTK_WIDGET (field (form, title)), "error");
}

/* Puts @text into the field at once, as a paste or a drop does. */
static void
put (GtkWidget  *form,
     const char *title,
     const char *text)
{
  gtk_editable_set_text (field (form, title), text);
}

/* Types @text at the end of the field, one character at a time. */
static void
type_slowly (GtkWidget  *form,
             const char *title,
             const char *text)
{
  GtkEditable *editable = field (form, title);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = g_utf8_strlen (gtk_editable_get_text (editable), -1);

      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
    }
}

static TlInput *
form_input (GtkWidget *form)
{
  return tl_lookup_form_get_input (TL_LOOKUP_FORM (form));
}

/* The message under the fields that reads exactly @text, when it is shown: NULL otherwise. */
static GtkWidget *
shown_message (GtkWidget  *form,
               const char *text)
{
  GtkLabel *label = tl_widget_test_find_label (form, text);

  if (label == NULL || !gtk_widget_is_visible (GTK_WIDGET (label)))
    return NULL;
  /* the label's line: its icon and its kind's style class */
  return gtk_widget_get_parent (GTK_WIDGET (label));
}

static void
collect_messages (GtkWidget *widget,
                  GString   *out)
{
  if (gtk_widget_has_css_class (widget, "tl-message") && gtk_widget_is_visible (widget))
    {
      g_string_append_printf (out, "%s\n",
                              gtk_label_get_text (GTK_LABEL (tl_widget_test_find_type (widget, GTK_TYPE_LABEL))));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_messages (child, out);
}

/* The message lines shown under the fields, in order, one per line. */
static char *
messages (GtkWidget *form)
{
  GString *out = g_string_new (NULL);

  collect_messages (form, out);
  return g_string_free (out, FALSE);
}

static void
on_notify_input (GObject    *form,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
on_submit (GtkWidget *form,
           guint     *count)
{
  (*count)++;
}

/* A valid pair typed is the input; a customer ID that cannot be one is marked and explained,
 * and there is no input. */
static void
test_lookup_form_validation (void)
{
  GtkWidget *form = new_form ();
  guint notified = 0;
  TlInput *input;
  GtkWidget *message;
  g_autofree char *shown = NULL;

  g_signal_connect (form, "notify::input", G_CALLBACK (on_notify_input), &notified);
  g_assert_null (form_input (form));
  g_assert_true (tl_lookup_form_is_empty (TL_LOOKUP_FORM (form)));

  type_slowly (form, "Customer ID", "M11385");
  g_assert_cmpuint (notified, ==, 6);
  g_assert_null (form_input (form));
  /* only the token is missing: said, not marked */
  g_assert_nonnull (shown_message (form, "Enter the token, or paste the whole link it came in."));
  g_assert_false (field_marked (form, "Token"));

  notified = 0;
  put (form, "Token", "DemoValid+Token/01==");
  g_assert_cmpuint (notified, ==, 1);
  input = form_input (form);
  g_assert_nonnull (input);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M11385");
  g_assert_cmpstr (tl_input_get_token (input), ==, "DemoValid+Token/01==");
  g_object_get (form, "input", &input, NULL);
  g_assert_true (input == form_input (form));
  g_object_unref (input);
  shown = messages (form);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (field_marked (form, "Customer ID"));
  g_assert_false (field_marked (form, "Token"));

  /* a customer ID with a character no customer ID has */
  /* (replacing a field's text is a deletion and an insertion: notified for each) */
  notified = 0;
  put (form, "Customer ID", "M1/385");
  g_assert_cmpuint (notified, >, 0);
  g_assert_null (form_input (form));
  g_assert_true (field_marked (form, "Customer ID"));
  g_assert_false (field_marked (form, "Token"));
  message = shown_message (form, "The customer ID contains “/”, which is not allowed. Customer IDs "
                                 "contain only letters, digits, “-” and “_”, for example M11385.");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_has_css_class (message, "error"));
  /* what was typed stays as typed */
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "M1/385");
  g_assert_cmpstr (field_text (form, "Token"), ==, "DemoValid+Token/01==");

  /* corrected: the mark and the explanation go */
  put (form, "Customer ID", "M11385");
  g_assert_nonnull (form_input (form));
  g_assert_false (field_marked (form, "Customer ID"));
  g_clear_pointer (&shown, g_free);
  shown = messages (form);
  g_assert_cmpstr (shown, ==, "");

  g_assert_finalize_object (form);
}

/* A whole link put into either field fills both. */
static void
test_lookup_form_link (void)
{
  const char *titles[] = { "Customer ID", "Token" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *form = new_form ();
      TlInput *input;

      put (form, titles[i], LINK);
      g_assert_cmpstr (field_text (form, "Customer ID"), ==, "M2");
      g_assert_cmpstr (field_text (form, "Token"), ==, LINK_TOKEN);
      input = form_input (form);
      g_assert_nonnull (input);
      g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M2");
      g_assert_cmpstr (tl_input_get_token (input), ==, LINK_TOKEN);
      g_assert_nonnull (shown_message (form, "Read the customer ID and the token from the pasted link."));
      g_assert_false (field_marked (form, "Customer ID"));
      g_assert_false (field_marked (form, "Token"));

      g_assert_finalize_object (form);
    }
}

/* "CUSTOMER-ID TOKEN" arriving at once in the empty token field is split into the two fields,
 * with a note saying so; typed a character at a time, it is left as typed. */
static void
test_lookup_form_pair_in_token (void)
{
  GtkWidget *form = new_form ();
  TlInput *input;
  GtkWidget *note;

  put (form, "Token", "M2 " LINK_TOKEN);
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "M2");
  g_assert_cmpstr (field_text (form, "Token"), ==, LINK_TOKEN);
  input = form_input (form);
  g_assert_nonnull (input);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M2");
  g_assert_cmpstr (tl_input_get_token (input), ==, LINK_TOKEN);
  note = shown_message (form, "Read as customer ID M2 and its token");
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_has_css_class (note, "info"));

  tl_lookup_form_clear (TL_LOOKUP_FORM (form));
  g_assert_null (shown_message (form, "Read as customer ID M2 and its token"));

  type_slowly (form, "Token", "M2 " LINK_TOKEN);
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "");
  g_assert_cmpstr (field_text (form, "Token"), ==, "M2 " LINK_TOKEN);
  g_assert_null (form_input (form));
  g_assert_null (shown_message (form, "Read as customer ID M2 and its token"));

  g_assert_finalize_object (form);
}

/* A paste that cannot be read is kept in the token field with what is wrong; an empty one is
 * refused and the fields keep what they held. */
static void
test_lookup_form_paste (void)
{
  static const char *unreadable = "please see the screenshot I sent";
  GtkWidget *form = new_form ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  g_assert_false (tl_lookup_form_paste (TL_LOOKUP_FORM (form), unreadable, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field_text (form, "Token"), ==, unreadable);
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "");
  g_assert_null (form_input (form));
  shown = messages (form);
  g_assert_cmpstr (shown, ==, "Enter the customer ID, for example M11385.\n");

  /* a paste that can be read fills the fields and says TRUE */
  g_assert_true (tl_lookup_form_paste (TL_LOOKUP_FORM (form), LINK, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "M2");
  g_assert_cmpstr (field_text (form, "Token"), ==, LINK_TOKEN);

  /* nothing but white space: refused with the reason, the fields untouched */
  g_assert_false (tl_lookup_form_paste (TL_LOOKUP_FORM (form), " \n\t ", &error));
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TEXT);
  g_clear_error (&error);
  g_assert_false (tl_lookup_form_paste (TL_LOOKUP_FORM (form), "", &error));
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TEXT);
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "M2");
  g_assert_cmpstr (field_text (form, "Token"), ==, LINK_TOKEN);
  g_assert_nonnull (form_input (form));

  g_assert_finalize_object (form);
}

/* Enter in a field's text: its key binding emits "activate" (GTK 4.8's GtkText names no
 * activate signal for gtk_widget_activate()). */
static void
press_enter (GtkWidget *text)
{
  g_signal_emit_by_name (text, "activate");
}

/* Enter in either field asks for a lookup only when the fields hold an input. */
static void
test_lookup_form_submit (void)
{
  GtkWidget *form = new_form ();
  GtkWidget *token_text = tl_widget_test_find_type (GTK_WIDGET (field (form, "Token")), GTK_TYPE_TEXT);
  guint submitted = 0;

  g_assert_nonnull (token_text);
  g_signal_connect (form, "submit", G_CALLBACK (on_submit), &submitted);

  /* empty, then half filled, then wrong */
  g_signal_emit_by_name (field (form, "Customer ID"), "entry-activated");
  press_enter (token_text);
  put (form, "Customer ID", "M11385");
  g_signal_emit_by_name (field (form, "Customer ID"), "entry-activated");
  press_enter (token_text);
  put (form, "Token", "DemoValid+Token/01==");
  put (form, "Customer ID", "M1/385");
  g_signal_emit_by_name (field (form, "Customer ID"), "entry-activated");
  press_enter (token_text);
  g_assert_cmpuint (submitted, ==, 0);

  put (form, "Customer ID", "M11385");
  g_signal_emit_by_name (field (form, "Customer ID"), "entry-activated");
  g_assert_cmpuint (submitted, ==, 1);
  press_enter (token_text);
  g_assert_cmpuint (submitted, ==, 2);

  g_assert_finalize_object (form);
}

/* Clear empties both fields, the notes with them, and there is no input. */
static void
test_lookup_form_clear (void)
{
  GtkWidget *form = new_form ();
  guint notified = 0;
  g_autofree char *shown = NULL;

  put (form, "Token", LINK);
  g_assert_nonnull (form_input (form));
  g_signal_connect (form, "notify::input", G_CALLBACK (on_notify_input), &notified);

  tl_lookup_form_clear (TL_LOOKUP_FORM (form));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (form_input (form));
  g_assert_cmpstr (field_text (form, "Customer ID"), ==, "");
  g_assert_cmpstr (field_text (form, "Token"), ==, "");
  g_assert_true (tl_lookup_form_is_empty (TL_LOOKUP_FORM (form)));
  shown = messages (form);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (field_marked (form, "Customer ID"));
  g_assert_false (field_marked (form, "Token"));

  g_assert_finalize_object (form);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/lookup-form/validation", test_lookup_form_validation);
  g_test_add_func ("/lookup-form/link", test_lookup_form_link);
  g_test_add_func ("/lookup-form/pair-in-token", test_lookup_form_pair_in_token);
  g_test_add_func ("/lookup-form/paste", test_lookup_form_paste);
  g_test_add_func ("/lookup-form/submit", test_lookup_form_submit);
  g_test_add_func ("/lookup-form/clear", test_lookup_form_clear);

  return g_test_run ();
}
