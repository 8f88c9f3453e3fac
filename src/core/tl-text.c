/* tl-text.c: text from the network made safe to show (the redaction pass is tl-redactor.c)
 *
 * tl_text_visible() makes C0 and C1 controls, DEL, the bidirectional controls and every other
 * default-ignorable character visible (\x1b, <U+202E>, <U+200B>), so text from a server can
 * neither drive a terminal (retitle it, clear it, plant a hyperlink, overwrite "EXPIRED" with
 * "VALID" after a \r), reorder what is shown, nor hide something in plain sight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-text.h"

/**
 * tl_text_is_default_ignorable:
 *
 * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 14): characters a
 * renderer draws as nothing, the bidirectional controls among them.
 */
gboolean
tl_text_is_default_ignorable (gunichar c)
{
  if (c < 0x00ad)
    return FALSE;
  return c == 0x00ad || c == 0x034f || c == 0x061c || c == 0x115f || c == 0x1160 ||
         c == 0x17b4 || c == 0x17b5 || (c >= 0x180b && c <= 0x180f) ||
         (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x206f) || c == 0x3164 || (c >= 0xfe00 && c <= 0xfe0f) ||
         c == 0xfeff || c == 0xffa0 || (c >= 0xfff0 && c <= 0xfff8) ||
         (c >= 0x1bca0 && c <= 0x1bca3) || (c >= 0x1d173 && c <= 0x1d17a) ||
         (c >= 0xe0000 && c <= 0xe0fff);
}

/**
 * tl_text_is_invisible_char:
 *
 * Controls (C0, DEL, C1), the line and paragraph separators, and every default-ignorable
 * character (Unicode's Default_Ignorable_Code_Point: the bidirectional controls U+061C,
 * U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, and the zero-width space, soft hyphen, word
 * joiner, byte order mark, variation selectors, tags …): all drawn as nothing, or reordering
 * what is drawn.
 */
gboolean
tl_text_is_invisible_char (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
         tl_text_is_default_ignorable (c);
}

/* @c as a JSON \u escape: a surrogate pair beyond the BMP (a tag character, U+E0041). */
static void
append_json_escape (GString  *out,
                    gunichar  c)
{
  if (c > 0xffff)
    {
      c -= 0x10000;
      g_string_append_printf (out, "\\u%04X\\u%04X", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    }
  else
    g_string_append_printf (out, "\\u%04X", c);
}

static char *
visible (const char *text,
         gboolean    keep_newlines)
{
  GString *out;
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (keep_newlines && c == '\n')
        g_string_append_c (out, '\n');
      else if (c < 0x80 && tl_text_is_invisible_char (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (tl_text_is_invisible_char (c))
        g_string_append_printf (out, "<U+%04X>", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * tl_text_visible:
 *
 * Returns: (transfer full) (nullable): @text on one line, valid UTF-8, with every control and
 *   invisible character (tl_text_is_invisible_char()) shown as an escape (\x1b, \x0d,
 *   <U+202E>, <U+200B>)
 */
char *
tl_text_visible (const char *text)
{
  return visible (text, FALSE);
}

/**
 * tl_text_visible_multiline:
 *
 * Like tl_text_visible(), but line feeds are kept (for bodies shown as several lines).
 */
char *
tl_text_visible_multiline (const char *text)
{
  return visible (text, TRUE);
}

/**
 * tl_text_json_escape_invisible:
 *
 * Returns: (transfer full): @json with DEL, C1, bidirectional controls and the other invisible
 *   characters inside strings written as \uXXXX escapes (a surrogate pair beyond the BMP): the
 *   same JSON values, safe to print on a terminal (json-glib already escapes C0 controls)
 */
char *
tl_text_json_escape_invisible (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  const char *run = json;

  for (const char *p = json; *p; )
    {
      gunichar c;

      if ((guchar) *p < 0x7f)
        {
          p++;     /* ASCII below DEL: copied in runs */
          continue;
        }
      c = g_utf8_get_char (p);
      if (tl_text_is_invisible_char (c))
        {
          g_string_append_len (out, run, p - run);
          append_json_escape (out, c);
          p = g_utf8_next_char (p);
          run = p;
        }
      else
        p = g_utf8_next_char (p);
    }
  g_string_append (out, run);
  return g_string_free (out, FALSE);
}

/**
 * tl_text_append_json_string:
 * @value: (nullable): valid UTF-8, or %NULL for `null`
 *
 * Appends @value as a JSON string: quotes, backslashes and C0 controls escaped as JSON
 * requires, and DEL, C1, bidirectional controls and the other invisible characters as \uXXXX
 * too, so the line is also safe on a terminal. The one writer of JSON strings for output that
 * is produced per lookup.
 */
void
tl_text_append_json_string (GString    *out,
                            const char *value)
{
  const char *run;

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  run = value;
  for (const char *p = value; *p; )
    {
      guchar b = (guchar) *p;
      const char *escape = NULL;
      gunichar c = 0;

      if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
        {
          p++;
          continue;
        }
      if (b >= 0x80)
        {
          c = g_utf8_get_char (p);
          if (!tl_text_is_invisible_char (c))
            {
              p = g_utf8_next_char (p);
              continue;
            }
        }
      else
        c = b;

      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default: break;
        }
      if (escape != NULL)
        g_string_append (out, escape);
      else
        append_json_escape (out, c);
      p = b >= 0x80 ? g_utf8_next_char (p) : p + 1;
      run = p;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}
