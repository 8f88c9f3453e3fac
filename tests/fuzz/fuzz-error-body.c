/* fuzz-error-body.c: the error-body reader and the HTML-to-text reduction (libFuzzer target)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "tl-error-body.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(TlErrorBody) json = tl_error_body_parse ((const char *) data, size, "application/json");
  g_autoptr(TlErrorBody) html = tl_error_body_parse ((const char *) data, size, "text/html");
  g_autofree char *text = tl_html_to_text ((const char *) data, size);
  g_autofree char *joined = tl_error_body_to_string (json);

  /* Everything shown to people is valid UTF-8 and capped. */
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (joined, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (text, -1), <=, TL_ERROR_BODY_MAX_TEXT + 1);
  return 0;
}
