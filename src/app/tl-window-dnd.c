/* tl-window-dnd.c: text, a link or a file dropped on the window
 *
 * Text or a link fills the form as a paste would. A text file with one lookup does the same; a
 * file (or text) with many lines opens the batch window with them, not run yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-batch-window.h"
#include "tl-window-private.h"

/* Larger than any list of tokens a person would drop; a bigger file is refused, not read. */
#define MAX_DROPPED_FILE (16 * 1024 * 1024)

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0' && *lines[i] != '#')
        n++;
    }
  return n;
}

static void
take_text (TlWindow   *self,
           const char *text)
{
  if (count_lines (text) > 1)
    tl_batch_window_present_text (self->app, GTK_WINDOW (self), text);
  else
    tl_window_paste_text (self, text, FALSE);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), res, &contents, &length, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the dropped file: %s"), error->message);
      tl_window_show_toast (self, message);
      return;
    }
  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      tl_window_show_toast (self, _("The dropped file is not text."));
      return;
    }
  take_text (self, contents);
}

static void
open_file (TlWindow *self,
           GFile    *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  if (info != NULL && g_file_info_get_size (info) > MAX_DROPPED_FILE)
    {
      tl_window_show_toast (self, _("The dropped file is too large to be a list of tokens."));
      return;
    }
  g_file_load_contents_async (file, NULL, on_file_loaded, g_object_ref (self));
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
      open_file (self, files->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      take_text (self, g_value_get_string (value));
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
 *
 * What a drop of @file does: one lookup fills the form, many lines open the batch window.
 */
void
tl_window_open_file (TlWindow *self,
                     GFile    *file)
{
  g_return_if_fail (TL_IS_WINDOW (self));
  open_file (self, file);
}
