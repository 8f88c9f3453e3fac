/* tl-client-private.h: the client's fields and its sessions, shared by its parts
 *
 * tl-client.c makes lookups; tl-client-session.c makes the sessions they go through (the
 * shared one, and one per office certificate file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-client.h"
#include "tl-proxy.h"

G_BEGIN_DECLS

struct _TlClient
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout_ms;
  GTlsDatabase *tls_database;   /* NULL: the system's, loaded by libsoup on the first HTTPS */
  TlProxyResolver *proxy_resolver;
  TlProxyCredentials *proxy_credentials;  /* for whichever proxy asks; NULL: its address's */
  GHashTable  *ca_sessions;     /* CA file path -> CaSession: see session_for_account() */
  GTimeZone   *local_tz;        /* for each result's start time; see local_time_zone() */
  gint64       local_tz_read;   /* monotonic µs when it was read */
};

/* tl-client-session.c */
SoupSession *_tl_client_new_session         (TlClient   *self,
                                             guint       max_conns,
                                             guint       max_conns_per_host);
SoupSession *_tl_client_session_for_account (TlClient   *self,
                                             TlAccount  *account,
                                             GError    **error);
void         _tl_client_ca_session_free     (gpointer    data);

G_END_DECLS
