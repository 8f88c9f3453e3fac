/* tl-batch-window.c: paste, open or drop many lines, look them up with bounded concurrency
 *
 * The table, its summary, filter, search and sorting, and a row's result page are in
 * tl-batch-window-view.c; export in tl-batch-window-export.c (tl-batch-window-private.h).
 *
 * The same engine as `ticket-lookup-cli --batch` (tl-batch), on the app's client and account.
 * The table is a GtkColumnView over the batch's list model: only the visible rows exist as
 * widgets, so 100 000 lines cost 100 000 small items, not 100 000 rows. Answers can arrive a
 * thousand a second; the progress bar and the counts are updated once per frame, from a tick
 * callback, however many answers came in since the last one; a row on screen fills its cells
 * when its line finishes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tl-batch-window-private.h"
#include "tl-presentation.h"
#include "tl-lookup-error.h"
#include "tl-text.h"
#include "tl-text-file.h"
#include "tl-toast.h"

#define BATCH_JOBS 4

G_DEFINE_FINAL_TYPE (TlBatchWindow, tl_batch_window, ADW_TYPE_WINDOW)

enum {
  FINISHED_AWAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* The batch window owns its toast overlay. */
void
_tl_batch_window_show_toast (TlBatchWindow *self,
                             const char    *message)
{
  tl_toast_show (self->toast_overlay, message);
}

#define show_toast _tl_batch_window_show_toast

/* "120 of 40 000 done · 3 failed · about 2 min left" */
static void
update_progress_bar (TlBatchWindow *self)
{
  guint n = self->batch ? tl_batch_get_n_items (self->batch) : 0;
  guint done = self->batch ? tl_batch_get_n_done (self->batch) : 0;
  guint failed = self->batch ? tl_batch_get_n_failed (self->batch) : 0;
  g_autoptr(GString) text = g_string_new (NULL);

  /* the count is said once: in the bar while the run goes, in the label above it after */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), n > 0 && self->running);
  if (n == 0 || !self->running)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / n);
  /* Translators: the batch progress bar, e.g. "120 of 40000 done" */
  g_string_append_printf (text, _("%u of %u done"), done, n);
  if (failed > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed);
    }
  if (self->running && done > 0 && done < n && self->started > 0)
    {
      double elapsed = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
      double left = elapsed / done * (n - done);

      g_string_append (text, " · ");
      if (left < 90)
        g_string_append_printf (text, _("about %.0f s left"), MAX (left, 1));
      else
        g_string_append_printf (text, _("about %.0f min left"), left / 60);
    }
  gtk_progress_bar_set_text (self->progress_bar, text->str);
}

static void
update_state (TlBatchWindow *self)
{
  guint n = self->batch ? g_list_model_get_n_items (tl_batch_get_items (self->batch)) : 0;
  guint done = self->batch ? tl_batch_get_n_done (self->batch) : 0;
  g_autofree char *progress = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.open", !self->running);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "batch.retry-failed",
                                 !self->running && self->batch != NULL &&
                                 tl_batch_get_n_kind (self->batch, TL_BATCH_KIND_FAILED) > 0);
  gtk_widget_set_visible (self->retry_button, !self->running && self->batch != NULL &&
                          tl_batch_get_n_kind (self->batch, TL_BATCH_KIND_FAILED) > 0);
  /* The lines stay editable during a run (it runs a copy of them taken when Run was pressed):
   * making a text view read-only and editable again lays out all of its text anew, 17 ms each
   * way for 100 000 lines, in one frame. */

  if (self->running && self->batch == NULL)
    progress = g_strdup (self->reading_lines ? _("Reading the lines…") : _("Reading the password from the keyring…"));
  else if (n == 0)
    progress = g_strdup (_("Paste one link, log line or “customer-ID token” per line, then Run."));
  else
    {
      /* The run's own account: switching profile meanwhile does not change it. */
      g_autofree char *account = tl_account_dup_label (tl_batch_get_account (self->batch));

      if (self->running)
        /* Translators: above the progress bar (which has the count): the account the run uses */
        progress = g_strdup_printf (_("Looking up with %s"), account);
      else
        /* Translators: batch progress and the account the run uses, e.g. "12 of 40 done · partner at connect.maklare.vitec.net" */
        progress = g_strdup_printf (_("%u of %u done · %s"), done, n, account);
    }
  gtk_label_set_label (self->progress_label, progress);
  update_progress_bar (self);
  _tl_batch_window_update_summary (self);
}

/* Answers only mark the window dirty; the frame clock does the work once per frame. A frame
 * that is due has precedence over the next lookups: against a server that answers at once,
 * lookups started as soon as one ended kept the main loop busy above drawing, and the window
 * drew one frame in a run of seconds. They start at once again after the frame. */
#define FRAME_DUE_US 12000

static void
on_item_done (TlBatch       *batch,
              TlBatchItem   *item,
              TlBatchWindow *self)
{
  self->dirty = TRUE;
  if (g_get_monotonic_time () - self->last_frame > FRAME_DUE_US)
    tl_batch_set_start_priority (batch, G_PRIORITY_DEFAULT_IDLE);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  gboolean more_rows = _tl_batch_window_view_tick (self);

  self->last_frame = g_get_monotonic_time ();
  if (self->batch != NULL)
    tl_batch_set_start_priority (self->batch, G_PRIORITY_DEFAULT);

  if (self->dirty && self->batch != NULL)
    {
      self->dirty = FALSE;
      update_state (self);
      /* lines only go from waiting to what they came to: only those not shown are asked again */
      if (g_get_monotonic_time () - self->refiltered > G_TIME_SPAN_SECOND)
        _tl_batch_window_refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
    }
  if (!self->running && !more_rows)
    {
      /* the run is over and every row is let in: nothing left to do per frame */
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_ticking (TlBatchWindow *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->dirty = FALSE;
}

/* The tick runs while the run does, and while rows are being let in. */
void
_tl_batch_window_ensure_tick (TlBatchWindow *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
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
  g_signal_emit (self, signals[FINISHED_AWAY], 0, title, body);
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
  self->dirty = FALSE;
  _tl_batch_window_refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
  if (!tl_batch_run_finish (TL_BATCH (source), res, &error))
    show_toast (self, error->message);
  else if (!gtk_window_is_active (GTK_WINDOW (self)))
    notify_done (self);
  update_state (self);
  /* a line tried again from its own page: the page shows its new result */
  _tl_batch_window_refresh_item (self);
}

/* A run that ends before its first lookup: the keyring said no, or Stop came while the lines
 * were read. */
static void
end_run_early (TlBatchWindow *self,
               const char    *message)
{
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (message != NULL)
    show_toast (self, message);
  update_state (self);
}

static void
on_lines_added (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->reading_lines = FALSE;
  if (!tl_batch_add_text_finish (TL_BATCH (source), res, NULL, &error))
    {
      /* Stop was pressed, or the window closed, while the lines were being read */
      end_run_early (self, NULL);
      return;
    }

  self->batch = g_object_ref (TL_BATCH (source));
  /* A line notifies when it finishes: only the rows on screen listen (a handful of cells), and
   * deferring the notifications to one flush per frame made the last flush of a fast run a
   * frame of its own (50 ms for 100 000 lines). */
  g_signal_connect (self->batch, "item-done", G_CALLBACK (on_item_done), self);
  self->started = g_get_monotonic_time ();
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  _tl_batch_window_set_batch_model (self);
  update_state (self);
  tl_batch_run_async (self->batch, self->cancellable, on_run_done, g_object_ref (self));
}

static void
on_batch_ready (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlBatch) batch = tl_lookups_new_batch_finish (TL_LOOKUPS (source), res, &error);
  g_autofree char *text = g_steal_pointer (&self->pending_text);

  if (batch == NULL)
    {
      end_run_early (self, error->message);
      return;
    }

  /* Every line of this run is looked up with the account loaded for the snapshot taken when Run
   * was pressed. The lines become items a few thousand per main-loop iteration (on_lines_added). */
  self->reading_lines = TRUE;
  update_state (self);
  tl_batch_add_text_async (batch, g_steal_pointer (&text), self->cancellable, on_lines_added, g_object_ref (self));
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

  if (self->running)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  /* The account is taken now, when Run is pressed, and used for the whole run. */
  account = tl_lookups_snapshot (self->lookups);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (!tl_batch_text_has_lines (text))
    {
      show_toast (self, _("Nothing to look up: paste one line per token."));
      update_state (self);
      return;
    }

  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  _tl_batch_window_set_batch_model (self);
  g_free (self->pending_text);
  self->pending_text = g_steal_pointer (&text);

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  update_state (self);
  tl_lookups_new_batch_async (self->lookups, account, BATCH_JOBS, self->cancellable,
                              on_batch_ready, g_object_ref (self));
}

/* Lines from a file are added after what is already there: nothing typed is lost. */
static void
add_lines (TlBatchWindow *self,
           const char    *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  if (!gtk_text_iter_equal (&start, &end) && gtk_text_iter_backward_char (&end) &&
      gtk_text_iter_get_char (&end) != '\n')
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
  update_state (self);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tl_text_file_load_finish (res, &error);

  if (text == NULL)
    show_toast (self, error->message);
  else if (self->running)
    show_toast (self, _("Stop the run before adding lines"));
  else
    add_lines (self, text);
}

static void
load_file (TlBatchWindow *self,
           GFile         *file)
{
  tl_text_file_load_async (file, NULL, on_file_loaded, g_object_ref (self));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TlBatchWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        load_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a File of Lines"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("Open"), _("Cancel"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TlBatchWindow *self)
{
  if (self->running)
    {
      show_toast (self, _("Stop the run before adding lines"));
      return FALSE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        load_file (self, l->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      add_lines (self, g_value_get_string (value));
      return TRUE;
    }
  return FALSE;
}

static void
tl_batch_window_dispose (GObject *object)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  stop_ticking (self);
  if (self->batch != NULL)
    g_signal_handlers_disconnect_by_data (self->batch, self);
  g_clear_object (&self->batch);
  _tl_batch_window_view_dispose (self);
  g_clear_pointer (&self->pending_text, g_free);
  g_clear_object (&self->lookups);
  gtk_widget_dispose_template (GTK_WIDGET (self), TL_TYPE_BATCH_WINDOW);
  G_OBJECT_CLASS (tl_batch_window_parent_class)->dispose (object);
}

/* Retry Failed: the lookups that failed, and only those, are sent again with the run's account;
 * the other lines keep what they came to. */
static void
retry_failed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);

  if (self->running || self->batch == NULL)
    return;
  if (tl_batch_reset_failed (self->batch) == 0)
    return;
  _tl_batch_window_rerun (self);
}

/**
 * _tl_batch_window_rerun:
 *
 * Runs the batch again for its lines that are not done (tried again after they failed).
 */
void
_tl_batch_window_rerun (TlBatchWindow *self)
{
  /* the failed lines are waiting again: a filter or a sorting by outcome asks them anew */
  _tl_batch_window_refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  update_state (self);
  tl_batch_run_async (self->batch, self->cancellable, on_run_done, g_object_ref (self));
}

/* Esc: from a line's page back to the table, from the table the window closes. */
static gboolean
on_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);

  if (adw_leaflet_get_visible_child (self->leaflet) == self->result_page)
    gtk_widget_activate_action (widget, "batch.back", NULL);
  else
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "app.shortcuts", NULL);
}

/* Below this width the list's header bar drops its title and Export shows its icon alone: the
 * buttons (Open, Export, Run or Stop, and the window's own) then fit a 360 px window; Retry
 * Failed goes under the count of what was done. libadwaita 1.2 has no breakpoints: the width is
 * looked at after each allocation, and a change is applied before the next frame. */
#define NARROW_WIDTH 480

static void
apply_narrow (TlBatchWindow *self)
{
  AdwSplitButton *export = ADW_SPLIT_BUTTON (self->export_button);

  gtk_widget_set_visible (self->list_title, !self->narrow);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->progress_row),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* Export by its icon alone (its tooltip and its name for assistive technologies say it) */
  if (self->narrow)
    adw_split_button_set_icon_name (export, "document-save-symbolic");
  else
    adw_split_button_set_label (export, _("Export CSV…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export CSV…"), -1);
}

static gboolean
narrow_idle (gpointer user_data)
{
  TlBatchWindow *self = user_data;

  self->narrow_idle = 0;
  apply_narrow (self);
  return G_SOURCE_REMOVE;
}

static void
tl_batch_window_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (tl_batch_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->narrow_idle == 0)
        self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, narrow_idle, self, NULL);
    }
}

static void
tl_batch_window_realize (GtkWidget *widget)
{
  TlBatchWindow *self = TL_BATCH_WINDOW (widget);
  int width, height;

  /* opened narrow: the title makes room before the first layout, or the window would open as
   * wide as the title and the buttons need and stay so */
  gtk_window_get_default_size (GTK_WINDOW (widget), &width, &height);
  self->narrow = width > 0 && width < NARROW_WIDTH;
  apply_narrow (self);
  GTK_WIDGET_CLASS (tl_batch_window_parent_class)->realize (widget);
}

static void
tl_batch_window_class_init (TlBatchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_batch_window_dispose;
  widget_class->size_allocate = tl_batch_window_size_allocate;
  widget_class->realize = tl_batch_window_realize;

  /**
   * TlBatchWindow::finished-away:
   * @title: what finished ("488 lookups done")
   * @body: the counts by outcome, never a token
   *
   * A run finished while the window was not in front: worth a notification.
   */
  signals[FINISHED_AWAY] = g_signal_new ("finished-away", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* the column sorters look up TlBatchItem's properties */
  g_type_ensure (TL_TYPE_BATCH_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ticketlookup/TicketLookup/tl-batch-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, TlBatchWindow, progress_row);
  _tl_batch_window_view_class_init (widget_class);
  _tl_batch_window_export_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "batch.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "batch.retry-failed", NULL, retry_failed_action);
  gtk_widget_class_install_action (widget_class, "batch.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);


  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape, NULL);
}

/* Lines come from wherever people copy them, and a file dropped on the window may be anything:
 * invisible characters in them (zero-width spaces, bidirectional overrides) are drawn as boxes
 * with their code, so a line that would be refused for one is not a puzzle to look at. The tag
 * covers all text, whichever way it came in. */
static void
on_text_inserted (GtkTextBuffer *buffer,
                  GtkTextIter   *end,
                  const char    *text,
                  int            length,
                  GtkTextTag    *tag)
{
  GtkTextIter start = *end;

  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, length));
  gtk_text_buffer_apply_tag (buffer, tag, &start, end);
}

static void
tl_batch_window_init (TlBatchWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _tl_batch_window_view_init (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lookup", FALSE);   /* a line's Retry */
  /* Ctrl+Enter runs and Ctrl+O opens while typing in the lines: caught before the text view,
   * which would otherwise take Ctrl+Enter as a new line */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("batch.run")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>o"),
                      gtk_named_action_new ("batch.open")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  /* a file (or text) dropped anywhere on the window adds its lines */
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
    GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, "visible-controls",
                                                  "show-spaces", PANGO_SHOW_IGNORABLES, NULL);

    g_signal_connect_after (buffer, "insert-text", G_CALLBACK (on_text_inserted), tag);
  }
  update_state (self);
}

/**
 * tl_batch_window_new:
 * @lookups: how the window's runs look up their lines
 * @text: (nullable): lines to put in the window (a dropped or opened file), not run yet
 */
TlBatchWindow *
tl_batch_window_new (GtkApplication *application,
                     TlLookups      *lookups,
                     GtkWindow      *parent,
                     const char     *text)
{
  TlBatchWindow *self = g_object_new (TL_TYPE_BATCH_WINDOW,
                                      "application", application,
                                      "transient-for", parent,
                                      NULL);

  self->lookups = g_object_ref (lookups);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  return self;
}

/* Shows the window with the lines focused. Focused before the window is shown, its accessible
 * is made too early and reads as a "filler" instead of a window. */
void
tl_batch_window_present (TlBatchWindow *self)
{
  g_return_if_fail (TL_IS_BATCH_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

gboolean
tl_batch_window_is_running (TlBatchWindow *self)
{
  g_return_val_if_fail (TL_IS_BATCH_WINDOW (self), FALSE);
  return self->running;
}
