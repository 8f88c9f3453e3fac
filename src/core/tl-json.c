/* tl-json.c: the guard every JSON parser of the core passes text through first
 *
 * json-glib recurses once per level of nesting: text from the network or from a file could make
 * it run out of stack. The service's answers, its error bodies and the history file are checked
 * here before they are parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-json.h"

/**
 * tl_json_depth_ok:
 *
 * Scans JSON text for nesting deeper than %TL_JSON_MAX_DEPTH, outside strings, without
 * recursion. Returns %FALSE if it is deeper.
 */
gboolean
tl_json_depth_ok (const char *data,
                  gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > TL_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}
