/* tl-client-session.c: the sessions a client's lookups go through
 *
 * One shared session, and one per office certificate file (tl-tls.c), each with the client's
 * proxy resolver, the auth manager that answers an office proxy, and no content decoder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-client-private.h"
#include "tl-tls.h"

SoupSession *
_tl_client_new_session (TlClient *self,
                        guint     max_conns,
                        guint     max_conns_per_host)
{
  SoupSession *session;

  session = soup_session_new_with_options ("user-agent", "ticket-lookup/" PACKAGE_VERSION " ",
                                           "max-conns", max_conns,
                                           "max-conns-per-host", max_conns_per_host,
                                           "idle-timeout", 60,
                                           "proxy-resolver", self->proxy_resolver,
                                           NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);
  /* The auth manager stays, with NTLM besides Basic and Digest: it is what answers an office
   * proxy's 407 on the CONNECT, which libsoup hands to the request's "authenticate" (see
   * on_authenticate()). tl-request.c turns it off for the request itself: the service's
   * credentials go only in the one header built there, and its 401 is never answered. */
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  /* Answers are a few hundred bytes of JSON: no "Accept-Encoding", and nothing a server sends
   * compressed anyway is inflated. That keeps a decompression bomb out of reach, and saves the
   * decoder's stream and header work on every lookup (about 5 % of a lookup's instructions). */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  return session;
}

/* --- an account's own certificate authorities (an office's inspection CA, tl-tls.c) ------
 * A lookup for an account with a CA file goes through a session of its own that trusts the
 * system's store and that file: connections (and the trust they were opened with) are pooled
 * per session, so a lookup for another account never reuses one accepted by that file. The
 * session is made again when the file changes. */

typedef struct
{
  SoupSession *session;
  gint64       mtime;
  goffset      size;
} CaSession;

void
_tl_client_ca_session_free (gpointer data)
{
  CaSession *ca = data;

  g_clear_object (&ca->session);
  g_free (ca);
}

SoupSession *
_tl_client_session_for_account (TlClient   *self,
                                TlAccount  *account,
                                GError    **error)
{
  const char *ca_file = tl_account_get_ca_file (account);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  CaSession *ca;

  if (ca_file == NULL || g_ascii_strncasecmp (tl_account_get_server (account), "https:", 6) != 0)
    return self->session;   /* no CA file, or plain http:// (loopback only): no certificate to trust */

  file = g_file_new_for_path (ca_file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  ca = g_hash_table_lookup (self->ca_sessions, ca_file);
  if (ca != NULL && info != NULL &&
      ca->mtime == (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) &&
      ca->size == g_file_info_get_size (info))
    return ca->session;

  database = tl_tls_database_new (ca_file, error);
  if (database == NULL)
    return NULL;
  ca = g_new0 (CaSession, 1);
  ca->session = _tl_client_new_session (self, 16, 8);
  soup_session_set_tls_database (ca->session, database);
  ca->mtime = info ? (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) : -1;
  ca->size = info ? g_file_info_get_size (info) : -1;
  g_hash_table_replace (self->ca_sessions, g_strdup (ca_file), ca);
  return ca->session;
}

/* --- end of an account's own certificate authorities ---------------------------------- */
