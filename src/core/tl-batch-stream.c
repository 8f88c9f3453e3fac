/* tl-batch-stream.c: stream mode, the lines read as slots free up
 *
 * tl_batch_set_input_stream() makes a batch read its lines from a stream while it runs (the
 * CLI's --batch): reading stays a bounded distance ahead of the oldest unfinished line, a line
 * too long to keep is an item with an input error, and a NUL ends a line as it would a string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-batch-private.h"
#include "tl-batch-item-private.h"
#include "tl-batch-line.h"
#include "tl-secret.h"

#define READ_CHUNK         65536
#define READ_AHEAD_LINES   256      /* read more when fewer lines than this wait for a slot */
#define MAX_PENDING        4096     /* lines read but not yet handed on, at most */

static void
take_line (TlBatch    *self,
           const char *text,
           gsize       length)
{
  const char *start = text;
  const char *end = memchr (text, '\0', length);   /* the line ends at a NUL, as a string would */
  char *line;
  TlBatchItem *item;

  if (end == NULL)
    end = text + length;
  self->line_no++;
  if (!tl_batch_line_trim (&start, &end))
    return;
  line = g_strndup (start, end - start);
  item = tl_batch_item_new_parsed (self->line_no, self->n_items++, line);
  tl_secret_free (line);
  g_queue_push_tail (&self->pending, item);
  if (item->input_error != NULL)
    _tl_batch_item_finished (self, item);   /* costs no slot; handed on in its turn */
  else
    g_queue_push_tail (&self->unstarted, g_object_ref (item));
}

static void
take_too_long_line (TlBatch *self)
{
  TlBatchItem *item = g_object_new (TL_TYPE_BATCH_ITEM, NULL);

  item->line = ++self->line_no;
  item->index = self->n_items++;
  item->input_error = g_error_new (TL_INPUT_ERROR, TL_INPUT_ERROR_TEXT_TOO_LONG,
                                   _("The line is longer than %d KiB; it was skipped."),
                                   TL_INPUT_MAX_TEXT / 1024);
  g_queue_push_tail (&self->pending, item);
  _tl_batch_item_finished (self, item);
}

static void
take_chunk (TlBatch    *self,
            const char *data,
            gsize       size)
{
  const char *p = data, *end = data + size;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl ? nl : end) - p;

      if (self->discarding)
        {
          if (nl != NULL)
            self->discarding = FALSE;
        }
      else if (nl != NULL && self->partial->len == 0)
        take_line (self, p, n);    /* the usual case: a whole line in the chunk, no copy */
      else if (self->partial->len + n > TL_INPUT_MAX_TEXT)
        {
          take_too_long_line (self);
          g_string_truncate (self->partial, 0);
          self->discarding = nl == NULL;
        }
      else
        {
          g_string_append_len (self->partial, p, n);
          if (nl != NULL)
            {
              take_line (self, self->partial->str, self->partial->len);
              g_string_truncate (self->partial, 0);
            }
        }
      p += n + (nl != NULL);
    }
}

static void
on_read (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(TlBatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);

  self->reading = FALSE;
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (&self->read_error, G_IO_ERROR, error->code,
                     _("Reading the lines stopped after line %u: %s"), self->line_no, error->message);
      self->eof = TRUE;
    }
  else if (g_bytes_get_size (bytes) == 0)
    {
      if (self->partial->len > 0 && !self->discarding)
        take_line (self, self->partial->str, self->partial->len);
      g_string_truncate (self->partial, 0);
      self->eof = TRUE;
    }
  else
    {
      self->bytes_read += g_bytes_get_size (bytes);
      take_chunk (self, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  _tl_batch_start_more (self);
}

void
_tl_batch_read_more (TlBatch *self)
{
  if (self->reading || self->eof || self->task == NULL)
    return;
  if (g_queue_get_length (&self->unstarted) >= READ_AHEAD_LINES ||
      g_queue_get_length (&self->pending) >= MAX_PENDING)
    return;
  self->reading = TRUE;
  g_input_stream_read_bytes_async (self->input, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   _tl_batch_run_cancellable (self), on_read, g_object_ref (self));
}

/**
 * tl_batch_set_input_stream:
 *
 * Reads the lines from @stream while the batch runs, instead of from a list: each item is
 * handed on by "item-ready" and then dropped, and reading stays a bounded distance ahead of
 * the oldest unfinished line. tl_batch_get_items() stays empty.
 */
void
tl_batch_set_input_stream (TlBatch      *self,
                           GInputStream *stream)
{
  g_return_if_fail (TL_IS_BATCH (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (self->task == NULL);

  g_set_object (&self->input, stream);
  if (self->partial == NULL)
    self->partial = g_string_new (NULL);
}

