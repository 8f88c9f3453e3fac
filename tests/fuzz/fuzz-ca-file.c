/* fuzz-ca-file.c: the reader of an office's certificate file (libFuzzer target)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-tls.h"

int LLVMFuzzerTestOneInput (const unsigned char *data, size_t size);

int
LLVMFuzzerTestOneInput (const unsigned char *data,
                        size_t               size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certificates = tl_tls_parse_certificates ((const char *) data, size, "fuzz", &error);

  /* certificates, or a message for people: never both, never neither */
  g_assert_true ((certificates == NULL) != (error == NULL));
  if (error != NULL)
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    {
      g_autofree char *subject = tl_tls_certificate_dup_subject (certificates->pdata[i]);
      g_autofree char *fingerprint = tl_tls_certificate_dup_fingerprint (certificates->pdata[i]);

      /* shown in the window: valid, visible and capped */
      g_assert_true (g_utf8_validate (subject, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (subject, -1), <=, 300);
      g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
    }
  g_assert_true (certificates == NULL || certificates->len <= TL_TLS_CA_FILE_MAX_CERTIFICATES);
  return 0;
}
