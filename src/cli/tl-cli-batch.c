/* tl-cli-batch.c: --batch, streamed, with the progress line on a terminal
 *
 * --batch runs on tl-batch, the same engine as the app's batch window, reading the lines as it
 * goes: each line's result is printed as soon as it and every line before it are done, and
 * then forgotten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>

#include "tl-batch.h"
#include "tl-cli-batch.h"
#include "tl-local-file.h"
#include "tl-lookup-error.h"

typedef struct
{
  const TlCliBatchOptions *options;
  GMainLoop               *loop;
  TlBatch                 *run;
  gboolean                 finished;
  gboolean                 failed;          /* reading the lines failed */
  gboolean                 progress_shown;
  gint64                   started;
  goffset                  input_size;      /* of a regular file, else -1 */
  guint                    interrupt_id;    /* SIGINT */
} Batch;

/**
 * tl_cli_batch_open_input:
 * @path: a file, a URI GIO reads, or "-" for standard input
 * @size: (out): the size of a regular file, else -1
 *
 * The lines of --batch, read while the batch runs.
 *
 * Returns: (nullable) (transfer full): the stream, or %NULL for a file that is not a file of
 *   lines
 */
GInputStream *
tl_cli_batch_open_input (const char  *path,
                         goffset     *size,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  int fd;

  *size = -1;
  /* standard input may be a pipe: that is what it is for */
  if (g_strcmp0 (path, "-") == 0)
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  /* a named file is a regular file or is refused by what it is: /dev/zero would be read
   * forever and a named pipe would wait for a writer that may never come */
  file = g_file_new_for_commandline_arg (path);
  if (g_file_peek_path (file) != NULL)
    {
      fd = tl_local_file_open (g_file_peek_path (file), path, size, error);
      if (fd < 0)
        return NULL;
      return g_unix_input_stream_new (fd, TRUE);
    }

  /* a URI GIO reads for us (sftp://…): its kind is asked of the opened stream */
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is a special file, not a file of lines."), path);
      return NULL;
    }
  *size = g_file_info_get_size (info);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static void
clear_progress (Batch *batch)
{
  if (batch->progress_shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      batch->progress_shown = FALSE;
    }
}

/* "1 234 done · 850/s · 3 failed · about 12 s left": on the terminal only, redrawn in place */
static gboolean
show_progress (gpointer user_data)
{
  Batch *batch = user_data;
  guint done = tl_batch_get_n_done (batch->run);
  guint failed = tl_batch_get_n_failed (batch->run);
  double elapsed = (g_get_monotonic_time () - batch->started) / (double) G_USEC_PER_SEC;
  double rate = elapsed > 0 ? done / elapsed : 0;
  guint64 read = tl_batch_get_bytes_read (batch->run);
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u line done", "%u lines done", done), done);
  g_string_append_printf (line, " · %.0f/s", rate);
  if (failed > 0)
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed);
    }
  /* time left from how much of the file is done: known for a file, not for a pipe */
  if (batch->input_size > 0 && read > 0 && done > 0 && tl_batch_get_n_items (batch->run) > 0)
    {
      double fraction = (double) read / batch->input_size * done / tl_batch_get_n_items (batch->run);

      if (fraction > 0.01 && fraction < 1)
        {
          g_string_append (line, " · ");
          g_string_append_printf (line, _("about %.0f s left"), elapsed / fraction - elapsed);
        }
    }
  fprintf (stderr, "\r\033[K%s", line->str);
  fflush (stderr);
  batch->progress_shown = TRUE;
  return G_SOURCE_CONTINUE;
}

/**
 * tl_cli_batch_summary:
 *
 * Returns: the counts by outcome, as the batch window's summary line has them:
 *   "393 valid · 65 expired · 0 unknown · 95 failed · 12 not lookups"
 */
char *
tl_cli_batch_summary (TlBatch *run)
{
  guint valid = tl_batch_get_n_kind (run, TL_BATCH_KIND_VALID);
  guint expired = tl_batch_get_n_kind (run, TL_BATCH_KIND_EXPIRED);
  guint unknown = tl_batch_get_n_kind (run, TL_BATCH_KIND_UNKNOWN);
  guint failed = tl_batch_get_n_kind (run, TL_BATCH_KIND_FAILED);
  guint not_lookup = tl_batch_get_n_kind (run, TL_BATCH_KIND_NOT_LOOKUP);
  GString *out = g_string_new (NULL);

  /* Translators: the counts at the end of a batch run, as the batch window's summary line */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u valid", "%u valid", valid), valid);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u expired", "%u expired", expired), expired);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u unknown", "%u unknown", unknown), unknown);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed);
  g_string_append (out, " · ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u not a lookup", "%u not lookups", not_lookup), not_lookup);
  return g_string_free (out, FALSE);
}

static void
on_item_ready (TlBatch     *run,
               TlBatchItem *item,
               Batch       *batch)
{
  TlCliLookup lookup = {
    .line = tl_batch_item_get_line (item),
    .input = tl_batch_item_get_input (item),
    .input_error = tl_batch_item_get_input_error (item),
    .result = tl_batch_item_get_result (item),
  };

  clear_progress (batch);
  tl_cli_print_lookup (&lookup, batch->options->format, TRUE, batch->options->verbose);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_batch_run_finish (TL_BATCH (source), res, &error) &&
      !g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
    {
      clear_progress (batch);
      tl_cli_printerr (_("error: %s\n"), error->message);
      batch->failed = TRUE;
    }
  batch->finished = TRUE;
  g_main_loop_quit (batch->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Batch *batch = user_data;

  batch->interrupt_id = 0;
  g_main_loop_quit (batch->loop);
  return G_SOURCE_REMOVE;
}

/**
 * tl_cli_batch_run:
 * @input_size: the size of @input when it is a regular file, else -1
 *
 * Looks up every line of @input and prints each result in input order.
 *
 * Returns: the exit status: the most severe line's, 130 when interrupted
 */
int
tl_cli_batch_run (const TlCliBatchOptions *options,
                  GInputStream            *input,
                  goffset                  input_size)
{
  g_autoptr(TlBatch) run = tl_batch_new (options->client, options->account, options->jobs);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Batch batch = {
    .options = options,
    .loop = loop,
    .run = run,
    .started = g_get_monotonic_time (),
    .input_size = input_size,
  };
  guint progress_id = 0;
  int status;

  tl_batch_set_input_stream (run, input);
  g_signal_connect (run, "item-ready", G_CALLBACK (on_item_ready), &batch);
  batch.interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, &batch);
  if (options->progress)
    progress_id = g_timeout_add (250, show_progress, &batch);
  tl_batch_run_async (run, cancellable, on_run_done, &batch);
  if (!batch.finished)
    g_main_loop_run (loop);
  if (!batch.finished)
    {
      /* Interrupted: let the running lookups end as cancelled, nothing left half-done. */
      g_cancellable_cancel (cancellable);
      while (!batch.finished)
        g_main_context_iteration (NULL, TRUE);
      status = TL_EXIT_INTERRUPTED;
    }
  else if (batch.failed)
    status = MAX (tl_batch_get_exit_status (run), TL_EXIT_USAGE);
  else
    status = tl_batch_get_exit_status (run);

  g_clear_handle_id (&batch.interrupt_id, g_source_remove);
  g_clear_handle_id (&progress_id, g_source_remove);
  clear_progress (&batch);
  g_signal_handlers_disconnect_by_data (run, &batch);
  tl_cli_output_flush ();
  /* the counts: asked for, or at the end of rows read on a terminal. JSON Lines stay JSON: the
   * counts go to standard error then. */
  if (options->summary || (options->format == TL_CLI_OUTPUT_HUMAN && isatty (STDOUT_FILENO)))
    {
      g_autofree char *summary = tl_cli_batch_summary (run);

      if (options->format == TL_CLI_OUTPUT_JSON)
        tl_cli_printerr ("%s\n", summary);
      else
        {
          g_print ("%s\n", summary);
          fflush (stdout);
        }
    }
  return status;
}
