/* test-page-bin.c: a page of wrapped text in a stack that is not shown does not make the window
 * as wide as its longest paragraph on one line (see tl-page-bin.c). Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-error-view.h"
#include "tl-page-bin.h"
#include "widget-test.h"

/* An error page whose cause is a long paragraph, as a server can send. */
static GtkWidget *
error_page (void)
{
  GtkWidget *page = g_object_new (TL_TYPE_ERROR_VIEW, NULL);
  g_autoptr(GString) cause = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (cause, "The service could not answer this time. ");
  tl_error_view_show (TL_ERROR_VIEW (page), TL_LOOKUP_ERROR_SERVER_ERROR, cause->str, NULL);
  return page;
}

typedef struct
{
  int min;
  int nat;
} Size;

static Size
measure (GtkWidget      *widget,
         GtkOrientation  orientation,
         int             for_size)
{
  Size size;

  gtk_widget_measure (widget, orientation, for_size, &size.min, &size.nat, NULL, NULL);
  return size;
}

/* Asked how wide it must be at its one-line height (what a stack asks a page it does not show),
 * the bin answers with its child's own minimum and natural width. */
static void
test_page_bin_width_at_one_line_height (void)
{
  GtkWidget *bin = g_object_ref_sink (tl_page_bin_new ());
  GtkWidget *page = error_page ();
  Size plain, one_line, answer;
  int one_line_height;

  tl_page_bin_set_child (TL_PAGE_BIN (bin), page);
  g_assert_true (gtk_widget_get_parent (page) == bin);

  one_line_height = measure (page, GTK_ORIENTATION_VERTICAL, -1).min;
  plain = measure (page, GTK_ORIENTATION_HORIZONTAL, -1);
  one_line = measure (page, GTK_ORIENTATION_HORIZONTAL, one_line_height);
  answer = measure (bin, GTK_ORIENTATION_HORIZONTAL, one_line_height);
  if (g_test_verbose ())
    g_printerr ("one-line height %d; page: plain %d/%d, at that height %d/%d; bin %d/%d\n",
                one_line_height, plain.min, plain.nat, one_line.min, one_line.nat, answer.min, answer.nat);

  /* the page itself would need the paragraph on one line */
  g_assert_cmpint (one_line.min, >, 4 * plain.min);
  g_assert_cmpint (answer.min, ==, plain.min);
  g_assert_cmpint (answer.nat, ==, plain.nat);
  g_assert_cmpint (answer.min, <, one_line.min / 4);

  /* height for width is the page's own */
  g_assert_cmpint (measure (bin, GTK_ORIENTATION_VERTICAL, 400).min, ==, measure (page, GTK_ORIENTATION_VERTICAL, 400).min);
  g_assert_cmpint (gtk_widget_get_request_mode (bin), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);

  g_assert_finalize_object (bin);
}

/* In a stack of pages of their own height, as the window's result pages: the hidden error page
 * leaves the stack as narrow as the page on screen lets it be. */
static void
test_page_bin_hidden_page_in_stack (void)
{
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *bin = tl_page_bin_new ();
  GtkWidget *shown = gtk_label_new ("Ready");
  Size with_bin, page_at_one_line;
  int one_line_height;

  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_add_named (GTK_STACK (stack), shown, "ready");
  tl_page_bin_set_child (TL_PAGE_BIN (bin), error_page ());
  gtk_stack_add_named (GTK_STACK (stack), bin, "error");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "ready");
  gtk_window_set_child (GTK_WINDOW (window), stack);

  one_line_height = measure (gtk_widget_get_first_child (bin), GTK_ORIENTATION_VERTICAL, -1).min;
  page_at_one_line = measure (gtk_widget_get_first_child (bin), GTK_ORIENTATION_HORIZONTAL, one_line_height);
  with_bin = measure (stack, GTK_ORIENTATION_HORIZONTAL, -1);
  if (g_test_verbose ())
    g_printerr ("stack %d/%d; hidden page at its one-line height %d\n",
                with_bin.min, with_bin.nat, page_at_one_line.min);
  g_assert_cmpint (with_bin.min, <, page_at_one_line.min / 4);

  /* on screen, the window is no wider than it was asked to be */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 400);
  tl_widget_test_show (window);
  g_assert_cmpint (gtk_widget_get_width (window), <, page_at_one_line.min / 2);

  /* shown, the error page wraps to the width it gets */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "error");
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_widget_get_mapped (bin) && gtk_widget_get_width (bin) > 0);
  g_assert_cmpint (gtk_widget_get_width (window), <, page_at_one_line.min / 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A page that keeps its lines to a readable length (a label with a maximum width in
 * characters): at its one-line height the bin asks no more than that length, where the page
 * itself would want the paragraph on one line. */
static void
test_page_bin_natural_width (void)
{
  GtkWidget *bin = g_object_ref_sink (tl_page_bin_new ());
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  Size plain, one_line, answer;
  int one_line_height;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, "The service could not answer this time. ");
  gtk_label_set_text (GTK_LABEL (label), text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_box_append (GTK_BOX (page), gtk_label_new ("The service failed"));
  gtk_box_append (GTK_BOX (page), label);
  tl_page_bin_set_child (TL_PAGE_BIN (bin), page);

  one_line_height = measure (page, GTK_ORIENTATION_VERTICAL, -1).min;
  plain = measure (page, GTK_ORIENTATION_HORIZONTAL, -1);
  one_line = measure (page, GTK_ORIENTATION_HORIZONTAL, one_line_height);
  answer = measure (bin, GTK_ORIENTATION_HORIZONTAL, one_line_height);
  if (g_test_verbose ())
    g_printerr ("one-line height %d; page: plain %d/%d, at that height %d/%d; bin %d/%d\n",
                one_line_height, plain.min, plain.nat, one_line.min, one_line.nat, answer.min, answer.nat);

  g_assert_cmpint (answer.nat, ==, plain.nat);
  g_assert_cmpint (answer.nat, <, one_line.nat / 4);
  g_assert_cmpint (answer.min, <, one_line.min / 4);

  g_assert_finalize_object (bin);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/page-bin/width-at-one-line-height", test_page_bin_width_at_one_line_height);
  g_test_add_func ("/page-bin/natural-width", test_page_bin_natural_width);
  g_test_add_func ("/page-bin/hidden-page-in-stack", test_page_bin_hidden_page_in_stack);

  return g_test_run ();
}
