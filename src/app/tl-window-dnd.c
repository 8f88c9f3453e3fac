/* tl-window-dnd.c: text, a link or a file dropped on the window
 *
 * Text or a link fills the form as a paste would. A text file with one lookup does the same; a
 * file (or text) with many lines opens the batch window with them, not run yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-batch-line.h"
#include "tl-text-file.h"
#include "tl-window-private.h"

static void
take_text (TlWindow   *self,
           const char *text,
           gboolean    batch)
{
  if (batch || tl_batch_text_count_lines (text, 2) > 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.batch-lines", "s", text);
  else
    tl_window_paste_text (self, text, FALSE);
}

/* A file being read for the window: whether it goes to the batch window whatever it holds. */
typedef struct
{
  TlWindow *window;
  gboolean  batch;
} Loading;

static void
on_file_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Loading *loading = user_data;
  g_autoptr(TlWindow) self = loading->window;
  gboolean batch = loading->batch;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = tl_text_file_load_finish (res, &error);

  g_free (loading);
  if (contents == NULL)
    tl_window_show_toast (self, error->message);
  else
    take_text (self, contents, batch);
}

static void
open_file (TlWindow *self,
           GFile    *file,
           gboolean  batch)
{
  Loading *loading = g_new0 (Loading, 1);

  loading->window = g_object_ref (self);
  loading->batch = batch;
  tl_text_file_load_async (file, NULL, on_file_loaded, loading);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TlWindow      *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      open_file (self, files->data, FALSE);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      take_text (self, g_value_get_string (value), FALSE);
      return TRUE;
    }
  return FALSE;
}

void
_tl_window_dnd_init (TlWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * tl_window_open_file:
 * @batch: open the batch window with the file's lines whatever they are (--batch FILE)
 *
 * What a drop of @file does: one lookup fills the form, many lines open the batch window.
 */
void
tl_window_open_file (TlWindow *self,
                     GFile    *file,
                     gboolean  batch)
{
  g_return_if_fail (TL_IS_WINDOW (self));
  open_file (self, file, batch);
}
