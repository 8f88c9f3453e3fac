/* tl-batch-line.c: which lines of a text are lookups
 *
 * One rule for every way lines reach a batch (pasted, opened, dropped, piped to the CLI): a
 * line is a lookup unless it is blank or a comment ('#' after any leading blanks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-batch-line.h"

/**
 * tl_batch_line_trim:
 *
 * Trims [*start, *end) of its surrounding blanks.
 *
 * Returns: %FALSE for a blank line or a comment ('#'): the one rule, for every way of feeding
 *   a batch, for which lines are lookups
 */
gboolean
tl_batch_line_trim (const char **start,
           const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
  return *start < *end && **start != '#';
}

/**
 * tl_batch_line_next:
 *
 * The line at @p, in [*start, *end).
 *
 * Returns: where the next line starts, or %NULL after the last
 */
const char *
tl_batch_line_next (const char  *p,
           const char **start,
           const char **end)
{
  const char *newline = strchr (p, '\n');

  *start = p;
  *end = newline ? newline : p + strlen (p);
  return newline ? newline + 1 : NULL;
}

/**
 * tl_batch_text_has_lines:
 *
 * Whether @text has a line tl_batch_add_text() would make an item of: one that is neither blank
 * nor a comment. Reads the text in place and stops at the first.
 */
gboolean
tl_batch_text_has_lines (const char *text)
{
  for (const char *p = text ? text : ""; p != NULL; )
    {
      const char *start, *end;

      p = tl_batch_line_next (p, &start, &end);
      if (tl_batch_line_trim (&start, &end))
        return TRUE;
    }
  return FALSE;
}

/**
 * tl_batch_text_count_lines:
 * @max: stop counting there
 *
 * Returns: how many lines of @text are lookups (neither blank nor a comment), at most @max
 */
guint
tl_batch_text_count_lines (const char *text,
                           guint       max)
{
  guint n = 0;

  for (const char *p = text ? text : ""; p != NULL && n < max; )
    {
      const char *start, *end;

      p = tl_batch_line_next (p, &start, &end);
      if (tl_batch_line_trim (&start, &end))
        n++;
    }
  return n;
}
