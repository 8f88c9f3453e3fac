/* fuzz-redact.c: the redactor on arbitrary secrets and text (libFuzzer target)
 *
 * The input is three lines, the token, the password and the text (the rest). Whatever they
 * are, the redactor ends, and a secret it takes (valid UTF-8, 3 bytes or more) is not left in
 * the output as it was written; a text tl_redactor_may_change() passes comes out as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "tl-redactor.h"
#include "tl-text.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

/* Whether @secret is one the redactor takes (3 bytes of skeleton: controls, invisible
 * characters and '=' do not count) and not one the placeholders themselves could make up:
 * "removed", or "d]" and the text after one. */
static gboolean
checkable (const char *secret)
{
  guint shown = 0;

  if (!g_utf8_validate (secret, -1, NULL))
    return FALSE;
  for (const char *p = secret; *p; p = g_utf8_next_char (p))
    if (g_unichar_isgraph (g_utf8_get_char (p)) && !tl_text_is_invisible_char (g_utf8_get_char (p)) &&
        *p != '=')
      shown++;
  return shown >= 3 &&
         strpbrk (secret, "[]") == NULL &&
         strstr (TL_REDACTED_TOKEN TL_REDACTED_PASSWORD TL_REDACTED_CREDENTIALS, secret) == NULL;
}

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_auto(GStrv) parts = g_strsplit (input, "\n", 3);
  const char *token, *password, *text;
  g_autoptr(TlRedactor) redactor = NULL;
  g_autofree char *out = NULL;

  if (g_strv_length (parts) < 3)
    return 0;
  token = parts[0];
  password = parts[1];
  text = parts[2];
  redactor = tl_redactor_new (token, "partner", password);
  out = tl_redactor_apply (redactor, text);
  g_assert_nonnull (out);
  if (!tl_redactor_may_change (redactor, text) && strcmp (out, text) != 0)
    {
      g_printerr ("%s was said to stay as it is, but came out as %s\n", text, out);
      abort ();
    }
  if (checkable (token) && strstr (out, token) != NULL)
    {
      g_printerr ("the token %s is left in %s\n", token, out);
      abort ();   /* libFuzzer keeps the input of an abort, not of a trap */
    }
  if (checkable (password) && strstr (out, password) != NULL)
    {
      g_printerr ("the password %s is left in %s\n", password, out);
      abort ();
    }
  return 0;
}
