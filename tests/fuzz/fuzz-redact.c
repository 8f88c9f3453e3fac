/* fuzz-redact.c: the redactor on arbitrary secrets and text (libFuzzer target)
 *
 * The input is three lines, the token, the password and the text (the rest). Whatever they
 * are, the redactor ends, and a secret it takes (valid UTF-8, 3 bytes or more) is not left in
 * the output as it was written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "tl-text.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

/* Whether @secret could be made up by the placeholders themselves, which name what they
 * replace: "removed", "d]" + the text after one. */
static gboolean
checkable (const char *secret)
{
  return strlen (secret) >= 3 && g_utf8_validate (secret, -1, NULL) &&
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
