/* tl-text.c: one redaction pass and one sanitizer for text from the network
 *
 * A server, a proxy or a debug page may echo what it was sent: the token (an ASP.NET validation
 * message quoting the attempted value, sometimes JSON-escaped as \u002B or \/), the password or
 * the Authorization header (= username:password in base64). TlRedactor finds each secret in any
 * of the forms it can come back in (raw, JSON-escaped character by character, URL-encoded once
 * or twice, '+' for a space) and replaces it with a placeholder that says what was removed. The
 * client runs every string of a result through it once, so everything downstream (window,
 * report, curl, history, CLI, JSON, CSV) only ever sees redacted text.
 *
 * tl_text_visible() makes C0 and C1 controls, DEL and the bidirectional controls visible
 * (\x1b, <U+202E>), so text from a server can neither drive a terminal (retitle it, clear it,
 * plant a hyperlink, overwrite "EXPIRED" with "VALID" after a \r) nor reorder what is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-secret.h"
#include "tl-text.h"

/* Shorter secrets would match ordinary words: a demo password like "pw" is not redacted. */
#define MIN_SECRET_LENGTH 3

typedef struct
{
  char       *secret;
  const char *placeholder;
} Secret;

struct _TlRedactor
{
  GArray  *secrets;       /* of Secret, longest first */
  guint32  starts[256];   /* for each byte, the secrets (bit i: secrets[i]) a match may start at */
};

static void
secret_clear (Secret *secret)
{
  g_clear_pointer (&secret->secret, tl_secret_free);
}

static void
add_secret (TlRedactor *self,
            const char *secret,
            const char *placeholder)
{
  Secret s;

  if (secret == NULL || strlen (secret) < MIN_SECRET_LENGTH)
    return;
  s.secret = g_strdup (secret);
  s.placeholder = placeholder;
  g_array_append_val (self->secrets, s);
}

static int
compare_length (gconstpointer a,
                gconstpointer b)
{
  return (int) strlen (((const Secret *) b)->secret) - (int) strlen (((const Secret *) a)->secret);
}

/**
 * tl_redactor_new:
 * @token: (nullable): the order token sent
 * @username: (nullable): with @password, to find "username:password" and its Basic value
 * @password: (nullable): the password sent
 *
 * Returns: (transfer full): a redactor holding copies of the secrets, wiped when freed
 */
TlRedactor *
tl_redactor_new (const char *token,
                 const char *username,
                 const char *password)
{
  TlRedactor *self = g_new0 (TlRedactor, 1);

  self->secrets = g_array_new (FALSE, FALSE, sizeof (Secret));
  g_array_set_clear_func (self->secrets, (GDestroyNotify) secret_clear);

  add_secret (self, token, TL_REDACTED_TOKEN);
  if (password != NULL && *password != '\0')
    {
      g_autofree char *pair = g_strconcat (username ? username : "", ":", password, NULL);
      g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));

      add_secret (self, pair, TL_REDACTED_CREDENTIALS);
      add_secret (self, basic, TL_REDACTED_CREDENTIALS);
      add_secret (self, password, TL_REDACTED_PASSWORD);
      explicit_bzero (pair, strlen (pair));
      explicit_bzero (basic, strlen (basic));
    }
  g_array_sort (self->secrets, compare_length);
  /* at most four secrets: the token, username:password, its Basic value, the password */
  g_assert (self->secrets->len <= 32);
  for (guint i = 0; i < self->secrets->len; i++)
    {
      /* a secret may begin at its own first byte, or at the start of an escaped form of it
       * (%XX, \uXXXX, \/) or of a space written as '+' (or the other way round) */
      const char *forms = "%\\+ ";

      self->starts[(guchar) g_array_index (self->secrets, Secret, i).secret[0]] |= 1u << i;
      for (const char *f = forms; *f; f++)
        self->starts[(guchar) *f] |= 1u << i;
    }
  return self;
}

gboolean
tl_redactor_is_empty (TlRedactor *self)
{
  return self == NULL || self->secrets->len == 0;
}

void
tl_redactor_free (TlRedactor *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->secrets);
  explicit_bzero (self->starts, sizeof self->starts);   /* it knows each secret's first byte */
  g_free (self);
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static int
hex_byte (const char *p,
          const char *end)
{
  if (end - p < 2 || hex_value (p[0]) < 0 || hex_value (p[1]) < 0)
    return -1;
  return hex_value (p[0]) * 16 + hex_value (p[1]);
}

/* Matches @secret at @p, each of its characters written as itself or as the forms a server may
 * echo it in: JSON \uXXXX (and \/), %XX, %25XX (encoded twice), '+' for a space or a space for
 * '+'. Returns the length matched in the text, 0 for no match. */
static gsize
match_at (const char *p,
          const char *end,
          const char *secret)
{
  const char *q = p;
  const char *s = secret;

  while (*s != '\0')
    {
      guchar c = (guchar) *s;
      int b;

      if (q >= end)
        return 0;
      if ((guchar) *q == c)
        {
          q++, s++;
          continue;
        }
      if (*q == '%' && (b = hex_byte (q + 1, end)) == c)
        {
          q += 3, s++;
          continue;
        }
      if (*q == '%' && end - q >= 5 && q[1] == '2' && q[2] == '5' && (b = hex_byte (q + 3, end)) == c)
        {
          q += 5, s++;
          continue;
        }
      if (*q == '\\' && end - q >= 2 && q[1] == '/' && c == '/')
        {
          q += 2, s++;
          continue;
        }
      if (*q == '\\' && end - q >= 6 && q[1] == 'u' &&
          hex_byte (q + 2, end) >= 0 && hex_byte (q + 4, end) >= 0)
        {
          gunichar cp = (gunichar) (hex_byte (q + 2, end) * 256 + hex_byte (q + 4, end));
          char utf8[6];
          int n = g_unichar_to_utf8 (cp, utf8);

          if (strncmp (s, utf8, n) == 0)
            {
              q += 6, s += n;
              continue;
            }
          return 0;
        }
      if ((c == ' ' && *q == '+') || (c == '+' && *q == ' '))
        {
          q++, s++;
          continue;
        }
      return 0;
    }
  return (gsize) (q - p);
}

/**
 * tl_redactor_apply:
 *
 * Returns: (transfer full) (nullable): @text with every secret replaced by its placeholder
 */
char *
tl_redactor_apply (TlRedactor *self,
                   const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;
  if (tl_redactor_is_empty (self))
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      const char *run = p;
      gsize matched = 0;
      const char *placeholder = NULL;
      guint32 candidates;

      /* Most bytes cannot start any secret: they are copied a run at a time. */
      while (p < end && self->starts[(guchar) *p] == 0)
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;
      candidates = self->starts[(guchar) *p];
      for (guint i = 0; i < self->secrets->len && matched == 0; i++)
        {
          const Secret *secret = &g_array_index (self->secrets, Secret, i);

          if ((candidates & (1u << i)) != 0 && (matched = match_at (p, end, secret->secret)) > 0)
            placeholder = secret->placeholder;
        }
      if (matched > 0)
        {
          g_string_append (out, placeholder);
          p += matched;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/**
 * tl_text_is_invisible_char:
 *
 * Controls (C0, DEL, C1) and the bidirectional controls that reorder text (U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069), plus the line and paragraph separators.
 */
gboolean
tl_text_is_invisible_char (gunichar c)
{
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
         c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 || c == 0x061c;
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
 *   bidirectional control shown as an escape (\x1b, \x0d, <U+202E>)
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
 * Returns: (transfer full): @json with DEL, C1 and bidirectional controls inside strings
 *   written as \uXXXX escapes: the same JSON values, safe to print on a terminal (json-glib
 *   already escapes C0 controls)
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
          g_string_append_printf (out, "\\u%04X", c);
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
 * requires, and DEL, C1 and bidirectional controls as \uXXXX too, so the line is also safe on a
 * terminal. The one writer of JSON strings for output that is produced per lookup.
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
        g_string_append_printf (out, "\\u%04X", c);
      p = b >= 0x80 ? g_utf8_next_char (p) : p + 1;
      run = p;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}
