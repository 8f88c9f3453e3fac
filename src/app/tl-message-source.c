/* tl-message-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-message-source.h"

G_DEFINE_INTERFACE (TlMessageSource, tl_message_source, G_TYPE_OBJECT)

enum { MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
tl_message_source_default_init (TlMessageSourceInterface *iface)
{
  /**
   * TlMessageSource::message:
   * @text: a short sentence for a toast ("Ticket copied as JSON")
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
tl_message_source_emit (TlMessageSource *self,
                        const char      *text)
{
  g_return_if_fail (TL_IS_MESSAGE_SOURCE (self));
  g_signal_emit (self, signals[MESSAGE], 0, text);
}
