/* tl-message-source.h: a view that has something to tell the person (a toast), by signal
 *
 * Views do not reach up into their window: they emit TlMessageSource::message, and whoever
 * owns the toast overlay (the window) connects to it. After GNOME Console's KgxSpadSource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TL_TYPE_MESSAGE_SOURCE (tl_message_source_get_type ())
G_DECLARE_INTERFACE (TlMessageSource, tl_message_source, TL, MESSAGE_SOURCE, GObject)

struct _TlMessageSourceInterface
{
  GTypeInterface parent_iface;
};

void tl_message_source_emit (TlMessageSource *self,
                             const char      *text);

G_END_DECLS
