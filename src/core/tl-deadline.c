/* tl-deadline.c: a cancellable that fires when the caller cancels or when time is up
 *
 * A lookup and a keyring load both have a deadline: their work runs on an internal cancellable
 * that the caller's cancellable and a timer both cancel; afterwards tl_deadline_expired() says
 * which of the two it was, so "cancelled" and "too slow" get their own messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-deadline.h"

struct _TlDeadline
{
  GCancellable *internal;
  GCancellable *user;
  gulong        user_id;
  GSource      *timer;
  gboolean      expired;
};

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_timer (gpointer user_data)
{
  TlDeadline *self = user_data;

  self->expired = TRUE;
  g_cancellable_cancel (self->internal);
  return G_SOURCE_REMOVE;
}

/**
 * tl_deadline_new:
 * @cancellable: (nullable): the caller's
 * @timeout_ms: 0 for no time limit
 * @name: the timer's name, for profilers
 *
 * Starts the timer on the thread-default main context.
 */
TlDeadline *
tl_deadline_new (GCancellable *cancellable,
                 guint         timeout_ms,
                 const char   *name)
{
  TlDeadline *self = g_new0 (TlDeadline, 1);

  self->internal = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->user = g_object_ref (cancellable);
      self->user_id = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                             g_object_ref (self->internal), g_object_unref);
    }
  if (timeout_ms > 0)
    {
      self->timer = g_timeout_source_new (timeout_ms);
      g_source_set_callback (self->timer, on_timer, self, NULL);
      g_source_set_static_name (self->timer, name);
      g_source_attach (self->timer, g_main_context_get_thread_default ());
    }
  return self;
}

GCancellable *
tl_deadline_get_cancellable (TlDeadline *self)
{
  return self->internal;
}

gboolean
tl_deadline_expired (TlDeadline *self)
{
  return self != NULL && self->expired;
}

void
tl_deadline_free (TlDeadline *self)
{
  if (self == NULL)
    return;
  if (self->user != NULL)
    g_cancellable_disconnect (self->user, self->user_id);
  g_clear_object (&self->user);
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_source_unref (self->timer);
    }
  g_clear_object (&self->internal);
  g_free (self);
}
