/* tl-deadline.h: a cancellable that fires when the caller cancels or when time is up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TlDeadline TlDeadline;

TlDeadline   *tl_deadline_new             (GCancellable *cancellable,
                                           guint         timeout_ms,
                                           const char   *name);
GCancellable *tl_deadline_get_cancellable (TlDeadline   *self);
gboolean      tl_deadline_expired         (TlDeadline   *self);
void          tl_deadline_free            (TlDeadline   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlDeadline, tl_deadline_free)

G_END_DECLS
