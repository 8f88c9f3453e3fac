/* tl-batch-window-export.c: a batch's results saved as CSV or JSON Lines
 *
 * The file chooser opens in the folder used last (in this session), else the documents folder,
 * with a name that says when: ticket-lookup-2026-12-03-0951.csv. Tokens are never written, only
 * their fingerprints; CSV cells a spreadsheet would run as formulas are neutralised by the core
 * (tl-batch-csv.c). The toast that says it was saved opens the folder: through the OpenURI
 * portal's OpenDirectory (the folder shown with the file selected; inside Flatpak the only
 * way), or with the default file manager where there is no portal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixfdlist.h>

#include "tl-batch-window-private.h"

static GFile *last_folder;   /* where the last export of this session went */

/* The folder the chooser opens in: the last one used, else the documents folder, else home. */
static GFile *
default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (last_folder != NULL)
    return g_object_ref (last_folder);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/* "ticket-lookup-YYYY-MM-DD-HHMM.EXT", local time now */
static char *
export_name (const char *extension)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");

  return g_strdup_printf ("ticket-lookup-%s.%s", stamp, extension);
}

/* ---- opening the folder ---------------------------------------------------------------------- */

typedef struct
{
  TlBatchWindow *window;
  char          *folder_uri;
} OpenFolder;

static void
open_folder_free (OpenFolder *request)
{
  g_object_unref (request->window);
  g_free (request->folder_uri);
  g_free (request);
}

static void
on_launched (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (res, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the folder: %s"), error->message);

      _tl_batch_window_show_toast (self, message);
    }
}

/* the folder with the default file manager, as outside a sandbox without a portal */
static void
launch_folder (TlBatchWindow *self,
               const char    *folder_uri)
{
  g_autoptr(GAppLaunchContext) context =
    G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));

  g_app_info_launch_default_for_uri_async (folder_uri, context, NULL, on_launched, g_object_ref (self));
}

static void
on_portal_opened (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  OpenFolder *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source),
                                                                               NULL, res, &error);

  /* no portal on this desktop (or too old for OpenDirectory): the default file manager */
  if (reply == NULL)
    launch_folder (request->window, request->folder_uri);
  open_folder_free (request);
}

/* batch.open-folder(uri of the file saved): the OpenURI portal's OpenDirectory with the file
 * itself, which shows it in its folder; it is how a Flatpak may open anything, and on a desktop
 * it selects the file. Without a portal, the folder with the default file manager. */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autofree char *folder_uri = NULL;
  GVariantBuilder options;
  OpenFolder *request;
  int fd, handle;

  if (folder == NULL)
    return;
  folder_uri = g_file_get_uri (folder);
  bus = g_file_peek_path (file) != NULL ? g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL) : NULL;
  fd = bus != NULL ? g_open (g_file_peek_path (file), O_RDONLY | O_CLOEXEC, 0) : -1;
  if (fd < 0)
    {
      launch_folder (self, folder_uri);
      return;
    }
  fds = g_unix_fd_list_new ();
  handle = g_unix_fd_list_append (fds, fd, NULL);
  close (fd);
  if (handle < 0)
    {
      launch_folder (self, folder_uri);
      return;
    }
  request = g_new0 (OpenFolder, 1);
  request->window = g_object_ref (self);
  request->folder_uri = g_steal_pointer (&folder_uri);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_dbus_connection_call_with_unix_fd_list (bus, "org.freedesktop.portal.Desktop",
                                            "/org/freedesktop/portal/desktop",
                                            "org.freedesktop.portal.OpenURI", "OpenDirectory",
                                            g_variant_new ("(sha{sv})", "", handle, &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, fds, NULL,
                                            on_portal_opened, request);
}

/* ---- saving ------------------------------------------------------------------------------ */

typedef struct
{
  TlBatchWindow *window;
  gboolean       json;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->window);
  g_free (export);
}

static void
on_saved (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  Export *export = user_data;
  TlBatchWindow *self = export->window;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), res, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (export->json ? _("Could not save the JSON Lines file: %s")
                                                               : _("Could not save the CSV file: %s"),
                                                  error->message);
      _tl_batch_window_show_toast (self, message);
    }
  else
    {
      g_autofree char *uri = g_file_get_uri (G_FILE (source));
      AdwToast *toast = adw_toast_new (export->json ? _("Saved as JSON Lines (token fingerprints only)")
                                                    : _("Saved as CSV (token fingerprints only)"));

      adw_toast_set_button_label (toast, _("Open Folder"));
      adw_toast_set_action_name (toast, "batch.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  export_free (export);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  Export *export = user_data;
  TlBatchWindow *self = export->window;

  if (response == GTK_RESPONSE_ACCEPT && self->batch != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *text = export->json ? tl_batch_to_json_lines (self->batch) : tl_batch_to_csv (self->batch);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      g_clear_object (&last_folder);
      last_folder = g_file_get_parent (file);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, on_saved, g_steal_pointer (&export));
    }
  if (export != NULL)
    export_free (export);
  g_object_unref (dialog);
}

/* batch.export("csv" | "jsonl") */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  gboolean json = g_strcmp0 (g_variant_get_string (parameter, NULL), "jsonl") == 0;
  g_autoptr(GFile) folder = default_folder ();
  g_autofree char *name = export_name (json ? "jsonl" : "csv");
  GtkFileChooserNative *dialog;
  Export *export;

  if (self->batch == NULL)
    return;
  dialog = gtk_file_chooser_native_new (json ? _("Export as JSON Lines") : _("Export as CSV"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("Export"), _("Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  export = g_new0 (Export, 1);
  export->window = g_object_ref (self);
  export->json = json;
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_tl_batch_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "batch.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "batch.open-folder", "s", open_folder_action);
}
