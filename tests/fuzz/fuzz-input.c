/* fuzz-input.c: tl-input on arbitrary pasted text (libFuzzer target)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-input.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(TlInput) input = NULL;
  g_autoptr(TlInput) fields = NULL;
  char *newline;

  input = tl_input_parse (text, NULL);
  if (input != NULL)
    {
      /* What comes out is always sendable: a valid customer id and a non-empty token. */
      g_assert_true (tl_input_check_customer_id (tl_input_get_customer_id (input), NULL));
      g_assert_true (*tl_input_get_token (input) != '\0');
      g_assert_true (g_utf8_validate (tl_input_get_token (input), -1, NULL));
    }

  /* The two-field form: the first line is the customer id field, the rest the token field. */
  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      *newline = '\0';
      fields = tl_input_parse_fields (text, newline + 1, NULL);
      if (fields != NULL)
        g_assert_true (tl_input_check_customer_id (tl_input_get_customer_id (fields), NULL));
    }
  return 0;
}
