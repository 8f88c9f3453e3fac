/* test-batch-window.c: the batch window's lines. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-batch-window.h"
#include "widget-test.h"

static gboolean
shows_ignorables (const GtkTextIter *iter)
{
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      PangoShowFlags flags = 0;
      gboolean set = FALSE;

      g_object_get (l->data, "show-spaces", &flags, "show-spaces-set", &set, NULL);
      if (set && (flags & PANGO_SHOW_IGNORABLES) != 0)
        return TRUE;
    }
  return FALSE;
}

/* The batch window's lines draw invisible characters (a bidi override, a zero-width space) as
 * boxes with their code, whether the text came in at once (a file) or was typed or pasted into
 * the middle of it later. */
static void
test_batch_lines_show_invisibles (void)
{
  GtkWidget *window = g_object_ref (g_object_new (TL_TYPE_BATCH_WINDOW, NULL));
  GtkTextView *view = GTK_TEXT_VIEW (tl_widget_test_find_type (window, GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;

  gtk_text_buffer_set_text (buffer, "M11385 Demo\u202EValid+Token/01==\n", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  gtk_text_buffer_insert (buffer, &iter, "\u200B", -1);
  for (gtk_text_buffer_get_start_iter (buffer, &iter); !gtk_text_iter_is_end (&iter); gtk_text_iter_forward_char (&iter))
    if (!shows_ignorables (&iter))
      g_error ("character %d (U+%04X) is drawn without its invisible characters shown",
               gtk_text_iter_get_offset (&iter), gtk_text_iter_get_char (&iter));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  g_assert_cmpuint (gtk_text_iter_get_char (&iter), ==, 0x200B);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/batch-window/lines-show-invisibles", test_batch_lines_show_invisibles);

  return g_test_run ();
}
