/* tl-secret.h: wiping secrets (passwords, tokens, Authorization values) before freeing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

/* Overwrites @secret before freeing it, so it does not linger in freed heap memory. */
static inline void
tl_secret_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

G_END_DECLS
