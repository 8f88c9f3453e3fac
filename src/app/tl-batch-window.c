/* tl-batch-window.c: paste many lines, look them up with bounded concurrency, export CSV
 *
 * The same engine as `ticket-lookup-cli --batch` (tl-batch), on the app's client and account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-batch.h"
#include "tl-batch-window.h"
#include "tl-lookup-error.h"
#include "tl-text.h"
#include "tl-application.h"

#define BATCH_JOBS 4

struct _TlBatchWindow
{
  AdwWindow        parent_instance;

  TlApplication   *app;
  GtkTextView     *text_view;
  GtkColumnView   *column_view;
  GtkLabel        *progress_label;
  GtkButton       *run_button;
  GtkWidget       *export_button;
  AdwToastOverlay *toast_overlay;

  TlBatch         *batch;
  char            *pending_text;   /* the lines, while the run's password is loaded */
  GCancellable    *cancellable;
  gboolean         running;
};

G_DEFINE_FINAL_TYPE (TlBatchWindow, tl_batch_window, ADW_TYPE_WINDOW)

enum { COL_LINE, COL_TOKEN, COL_CUSTOMER, COL_ORDER, COL_RESULT, N_COLS };

/* The batch window owns its toast overlay. */
static void
show_toast (TlBatchWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_state (TlBatchWindow *self)
{
  guint n = self->batch ? g_list_model_get_n_items (tl_batch_get_items (self->batch)) : 0;
  guint done = self->batch ? tl_batch_get_n_done (self->batch) : 0;
  g_autofree char *progress = NULL;

  gtk_button_set_label (self->run_button, self->running ? _("Stop") : _("Run"));
  if (self->running)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
    }
  gtk_widget_set_sensitive (self->export_button, !self->running && done > 0);
  gtk_text_view_set_editable (self->text_view, !self->running);

  if (self->running && self->batch == NULL)
    progress = g_strdup (_("Reading the password from the keyring…"));
  else if (n == 0)
    progress = g_strdup (_("Paste one link, log line or “customer-ID token” per line, then Run."));
  else
    {
      /* The run's own account: switching profile meanwhile does not change it. */
      g_autofree char *account = tl_account_dup_label (tl_batch_get_account (self->batch));

      /* Translators: batch progress and the account the run uses, e.g. "12 of 40 done · partner at connect.maklare.vitec.net" */
      progress = g_strdup_printf (_("%u of %u done · %s"), done, n, account);
    }
  gtk_label_set_label (self->progress_label, progress);
}

static void
on_item_done (TlBatch       *batch,
              TlBatchItem   *item,
              TlBatchWindow *self)
{
  update_state (self);
}

/* The run finished while the person was elsewhere: the counts, never a token. */
static void
notify_done (TlBatchWindow *self)
{
  GListModel *items = tl_batch_get_items (self->batch);
  guint n = g_list_model_get_n_items (items);
  guint valid = 0, expired = 0, failed = 0;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlBatchItem) item = g_list_model_get_item (items, i);

      switch (tl_batch_item_get_exit_status (item))
        {
        case TL_EXIT_VALID: valid++; break;
        case TL_EXIT_EXPIRED: expired++; break;
        default: failed++; break;
        }
    }
  /* Translators: notification title when a batch run has finished */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lookup done", "%u lookups done", n), n);
  /* Translators: notification body: the outcome counts of a batch run */
  body = g_strdup_printf (_("%u valid, %u expired, %u failed"), valid, expired, failed);
  tl_application_notify_done (self->app, "batch", title, body);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (!tl_batch_run_finish (TL_BATCH (source), res, &error))
    show_toast (self, error->message);
  else if (!gtk_window_is_active (GTK_WINDOW (self)))
    notify_done (self);
  update_state (self);
}

static void
on_account_ready (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, &error);
  g_autofree char *text = g_steal_pointer (&self->pending_text);
  g_autoptr(GtkNoSelection) selection = NULL;

  if (account == NULL)
    {
      self->running = FALSE;
      g_clear_object (&self->cancellable);
      show_toast (self, error->message);
      update_state (self);
      return;
    }

  /* Every line of this run is looked up with the account loaded for the snapshot taken when Run
   * was pressed. */
  self->batch = tl_batch_new (tl_application_get_client (self->app), account, BATCH_JOBS);
  tl_batch_add_text (self->batch, text);
  g_signal_connect (self->batch, "item-done", G_CALLBACK (on_item_done), self);
  selection = gtk_no_selection_new (g_object_ref (tl_batch_get_items (self->batch)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
  tl_batch_run_async (self->batch, self->cancellable, on_run_done, g_object_ref (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(TlAccount) account = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean any = FALSE;

  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  /* The account is taken now, when Run is pressed, and used for the whole run. */
  account = tl_accounts_snapshot (tl_application_get_accounts (self->app));
  if (!tl_account_is_configured (account))
    {
      show_toast (self, _("No account is set up yet. Set up your partner account, or try the demo."));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !any; i++)
    {
      g_strstrip (lines[i]);
      any = *lines[i] != '\0' && *lines[i] != '#';
    }
  if (!any)
    {
      show_toast (self, _("Nothing to look up: paste one line per token."));
      update_state (self);
      return;
    }

  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  gtk_column_view_set_model (self->column_view, NULL);
  g_free (self->pending_text);
  self->pending_text = g_steal_pointer (&text);

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  update_state (self);
  tl_accounts_load_async (tl_application_get_accounts (self->app), account, self->cancellable,
                          on_account_ready, g_object_ref (self));
}

static void
on_saved (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), res, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the CSV file: %s"), error->message);
      show_toast (self, message);
    }
  else
    show_toast (self, _("Saved as CSV (token fingerprints only)"));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->batch != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *csv = tl_batch_to_csv (self->batch);
      g_autoptr(GBytes) bytes = g_bytes_new_take (csv, strlen (csv));

      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, on_saved, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export as CSV"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("Export"), _("Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "ticket-lookup.csv");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == COL_TOKEN)
    gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  TlBatchItem *entry = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  TlInput *input = tl_batch_item_get_input (entry);
  TlLookupResult *result = tl_batch_item_get_result (entry);
  TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case COL_LINE:
      text = g_strdup_printf ("%u", tl_batch_item_get_line (entry));
      break;
    case COL_TOKEN:
      text = g_strdup (tl_batch_item_get_fingerprint (entry) ? tl_batch_item_get_fingerprint (entry) : "—");
      break;
    case COL_CUSTOMER:
      text = g_strdup (input ? tl_input_get_customer_id (input) : "—");
      break;
    case COL_ORDER:
      text = ticket ? tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID)) : NULL;
      if (text == NULL)
        text = g_strdup ("—");
      break;
    case COL_RESULT:
    default:
      text = tl_batch_item_describe (entry);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      if (tl_batch_item_is_done (entry))
        gtk_widget_add_css_class (GTK_WIDGET (label),
                                  tl_batch_item_get_exit_status (entry) == 0 ? "success" : "error");
      break;
    }
  gtk_label_set_label (label, text);
}

static void
add_column (TlBatchWindow *self,
            const char    *title,
            int            column,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  g_object_unref (col);
}

static void
tl_batch_window_dispose (GObject *object)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  g_clear_pointer (&self->pending_text, g_free);
  G_OBJECT_CLASS (tl_batch_window_parent_class)->dispose (object);
}

static void
tl_batch_window_class_init (TlBatchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_batch_window_dispose;
  gtk_widget_class_install_action (widget_class, "batch.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "batch.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "batch.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tl_batch_window_init (TlBatchWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *text_scroller = gtk_scrolled_window_new ();
  GtkWidget *table_scroller = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Look Up Many Tokens"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 640);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 400);

  self->run_button = GTK_BUTTON (gtk_button_new_with_label (_("Run")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "batch.run");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), _("Look up every line (Ctrl+Enter); press again to stop"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->run_button));
  self->export_button = gtk_button_new_with_label (_("Export CSV…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->export_button), "batch.export");
  gtk_widget_set_tooltip_text (self->export_button, _("Save the results as CSV, with token fingerprints instead of tokens"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->export_button);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->text_view, TRUE);
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 8);
  gtk_text_view_set_right_margin (self->text_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lines to look up"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (text_scroller), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (text_scroller), 140);
  gtk_frame_set_child (GTK_FRAME (frame), text_scroller);

  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->progress_label, 0);
  gtk_label_set_wrap (self->progress_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress_label), "dim-label");

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Results"), -1);
  add_column (self, _("Line"), COL_LINE, FALSE);
  add_column (self, _("Token"), COL_TOKEN, TRUE);
  add_column (self, _("Customer ID"), COL_CUSTOMER, FALSE);
  add_column (self, _("Order ID"), COL_ORDER, TRUE);
  add_column (self, _("Result"), COL_RESULT, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroller), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (table_scroller, TRUE);
  gtk_widget_add_css_class (table_scroller, "card");

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_label));
  gtk_box_append (GTK_BOX (box), table_scroller);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toast_overlay));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toast_overlay), TRUE);
  adw_window_set_content (ADW_WINDOW (self), toolbar);

  update_state (self);
}

/**
 * tl_batch_window_present_text:
 * @text: (nullable): lines to put in the window (a dropped or opened file), not run yet
 */
void
tl_batch_window_present_text (TlApplication *application,
                              GtkWindow     *parent,
                              const char    *text)
{
  TlBatchWindow *self = g_object_new (TL_TYPE_BATCH_WINDOW,
                                      "application", application,
                                      "transient-for", parent,
                                      NULL);

  self->app = application;
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

void
tl_batch_window_present (TlApplication *application,
                         GtkWindow     *parent)
{
  tl_batch_window_present_text (application, parent, NULL);
}
