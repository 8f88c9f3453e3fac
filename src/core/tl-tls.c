/* tl-tls.c: the certificate authorities a lookup trusts: the system's, plus an office's
 *
 * An office that inspects HTTPS signs the certificates its proxy shows with its own root
 * certificate. Installing that root for the whole computer needs root (and is impossible inside
 * the Flatpak), so a profile or a command line can name one PEM file of certificates that is
 * trusted for its lookups, in addition to the system's store, never instead of it.
 *
 * GLib 2.74 has no database that holds both: TlTlsDatabase asks the file's database (a
 * GTlsFileDatabase) first and, when the file's anchors do not reach the chain, the system's.
 * glib-networking calls only verify_chain on a client connection's database, from the
 * handshake thread; both databases it asks are immutable and thread-safe.
 *
 * A CA file is read as hostile: a regular file only (tl-local-file), at most 1 MiB, every
 * "CERTIFICATE" block must parse, and at least one must be there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tl-local-file.h"
#include "tl-text.h"
#include "tl-tls.h"

#define PEM_BEGIN "-----BEGIN CERTIFICATE-----"
#define PEM_END   "-----END CERTIFICATE-----"

#define TL_TYPE_TLS_DATABASE (tl_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (TlTlsDatabase, tl_tls_database, TL, TLS_DATABASE, GTlsDatabase)

struct _TlTlsDatabase
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *file;     /* the office's anchors */
  GTlsDatabase *system;   /* the system's store */
};

G_DEFINE_FINAL_TYPE (TlTlsDatabase, tl_tls_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
tl_tls_database_verify_chain (GTlsDatabase             *database,
                              GTlsCertificate          *chain,
                              const char               *purpose,
                              GSocketConnectable       *identity,
                              GTlsInteraction          *interaction,
                              GTlsDatabaseVerifyFlags   flags,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  TlTlsDatabase *self = TL_TLS_DATABASE (database);
  GTlsCertificateFlags result;
  g_autoptr(GError) file_error = NULL;

  result = g_tls_database_verify_chain (self->file, chain, purpose, identity, interaction, flags,
                                        cancellable, &file_error);
  if (file_error == NULL && (result & G_TLS_CERTIFICATE_UNKNOWN_CA) == 0)
    return result;   /* anchored by the office's file: its verdict (valid, or e.g. expired) */
  if (g_error_matches (file_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&file_error));
      return result;
    }
  return g_tls_database_verify_chain (self->system, chain, purpose, identity, interaction, flags,
                                      cancellable, error);
}

static void
tl_tls_database_finalize (GObject *object)
{
  TlTlsDatabase *self = TL_TLS_DATABASE (object);

  g_clear_object (&self->file);
  g_clear_object (&self->system);
  G_OBJECT_CLASS (tl_tls_database_parent_class)->finalize (object);
}

static void
tl_tls_database_class_init (TlTlsDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_tls_database_finalize;
  G_TLS_DATABASE_CLASS (klass)->verify_chain = tl_tls_database_verify_chain;
}

static void
tl_tls_database_init (TlTlsDatabase *self)
{
}

/**
 * tl_tls_parse_certificates:
 * @name: how messages name the data (a file's display name)
 *
 * Every "CERTIFICATE" block of PEM text @data; text around them (comments, "Bag Attributes")
 * is ignored. Fails when there is none, when one does not parse, or when there are too many.
 *
 * Returns: (transfer full) (element-type GTlsCertificate): the certificates, in order
 */
GPtrArray *
tl_tls_parse_certificates (const char  *data,
                           gsize        length,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = g_strndup (data, length);   /* NUL-terminated, cut at any NUL */
  const char *p = text;
  const char *begin;

  while ((begin = strstr (p, PEM_BEGIN)) != NULL)
    {
      const char *end = strstr (begin + strlen (PEM_BEGIN), PEM_END);
      g_autoptr(GError) local_error = NULL;
      GTlsCertificate *certificate;

      if (end == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Certificate %u in “%s” is cut off: it has no end line."),
                       certificates->len + 1, name);
          return NULL;
        }
      end += strlen (PEM_END);
      if (certificates->len >= TL_TLS_CA_FILE_MAX_CERTIFICATES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” holds more than %u certificates."), name, TL_TLS_CA_FILE_MAX_CERTIFICATES);
          return NULL;
        }
      certificate = g_tls_certificate_new_from_pem (begin, end - begin, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Certificate %u in “%s” is damaged and cannot be read."),
                       certificates->len + 1, name);
          return NULL;
        }
      g_ptr_array_add (certificates, certificate);
      p = end;
    }

  if (certificates->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” holds no certificate. A certificate file in PEM format has a line "
                     "“-----BEGIN CERTIFICATE-----”; ask IT for the root certificate in that format."),
                   name);
      return NULL;
    }
  return g_steal_pointer (&certificates);
}

static char *
display_name (const char *path)
{
  g_autofree char *name = g_filename_display_name (path);

  return tl_text_visible (name);
}

/**
 * tl_tls_read_ca_file:
 * @certificates: (out) (optional) (transfer full): the certificates it holds
 *
 * Reads a file of CA certificates: a regular file of at most %TL_TLS_CA_FILE_MAX_SIZE bytes
 * holding one or more PEM certificates, all of which parse.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set for people
 */
GBytes *
tl_tls_read_ca_file (const char  *path,
                     GPtrArray  **certificates,
                     GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  gsize length = 0;
  GStatBuf st;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  name = display_name (path);
  if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a certificate file: it is a folder, a device or another special file."),
                   name);
      return NULL;
    }
  /* checked again on what was opened, without blocking on a named pipe swapped in */
  fd = tl_local_file_open (path, name, NULL, error);
  if (fd < 0)
    return NULL;

  data = g_malloc (TL_TLS_CA_FILE_MAX_SIZE + 1);
  while (length <= TL_TLS_CA_FILE_MAX_SIZE &&
         (n = read (fd, data + length, TL_TLS_CA_FILE_MAX_SIZE + 1 - length)) != 0)
    {
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
          return NULL;
        }
      length += n;
    }
  close (fd);

  if (length > TL_TLS_CA_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size_full (TL_TLS_CA_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is larger than %s: it is not a certificate file (one is a few kilobytes)."),
                   name, limit);
      return NULL;
    }

  parsed = tl_tls_parse_certificates (data, length, name, error);
  if (parsed == NULL)
    return NULL;
  if (certificates != NULL)
    *certificates = g_steal_pointer (&parsed);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/**
 * tl_tls_certificate_dup_subject:
 *
 * Returns: (transfer full): the certificate's subject ("CN=Office Root,O=…"), with invisible
 *   characters made visible and at most 300 characters, or "?" when it has none
 */
char *
tl_tls_certificate_dup_subject (GTlsCertificate *certificate)
{
  g_autofree char *subject = NULL;
  g_autofree char *visible = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  subject = g_tls_certificate_get_subject_name (certificate);
  if (subject == NULL || !g_utf8_validate (subject, -1, NULL))
    return g_strdup ("?");
  visible = tl_text_visible (subject);
  if (g_utf8_strlen (visible, -1) > 300)
    {
      g_autofree char *cut = g_utf8_substring (visible, 0, 299);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&visible);
}

/**
 * tl_tls_certificate_dup_fingerprint:
 *
 * Returns: (transfer full): the SHA-256 fingerprint of the certificate, as browsers and
 *   `openssl x509 -fingerprint -sha256` show it ("AB:CD:…", 32 pairs)
 */
char *
tl_tls_certificate_dup_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der != NULL)
    g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, "%s%02X", i ? ":" : "", digest[i]);
  return g_string_free (out, FALSE);
}

/**
 * tl_tls_recheck_connection:
 * @connection: a client connection right after its handshake
 *
 * glib-networking resumes a TLS session from a process-wide cache keyed by the server's
 * address and name only, and a resumed session is not verified again: a session first trusted
 * through one account's CA file would be resumed by a connection that trusts the system's
 * store alone. This verifies the peer's certificate again, against @connection's own database.
 *
 * Returns: what is wrong with the peer's certificate for @connection's database; 0 when it is
 *   trusted (or @connection is not a TLS client connection)
 */
GTlsCertificateFlags
tl_tls_recheck_connection (GIOStream *connection)
{
  GTlsCertificate *peer;
  GTlsDatabase *database;

  if (!G_IS_TLS_CLIENT_CONNECTION (connection))
    return 0;
  peer = g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (connection));
  database = g_tls_connection_get_database (G_TLS_CONNECTION (connection));
  if (peer == NULL)
    return G_TLS_CERTIFICATE_UNKNOWN_CA;
  if (database == NULL)
    return 0;   /* the handshake used no database either: nothing else to compare with */
  return g_tls_database_verify_chain (database, peer, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                      g_tls_client_connection_get_server_identity (G_TLS_CLIENT_CONNECTION (connection)),
                                      NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
}

/* GLib's file database reads a path: it is given the bytes that were checked, in a private
 * file of this process's own (0600), never @ca_file again, so a file swapped after the check
 * (a named pipe, /dev/zero, something larger) is never read. */
static GTlsDatabase *
database_from_bytes (GBytes  *contents,
                     GError **error)
{
  g_autofree char *path = NULL;
  GTlsDatabase *database;
  gsize length;
  const char *data = g_bytes_get_data (contents, &length);
  int fd = g_file_open_tmp ("ticket-lookup-ca-XXXXXX.pem", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      g_unlink (path);
      return NULL;
    }
  database = g_tls_file_database_new (path, error);
  g_unlink (path);
  return database;
}

/**
 * tl_tls_database_new:
 * @ca_file: a PEM file of certificates to trust in addition to the system's store
 *
 * Returns: (transfer full): a database that trusts the system's store and @ca_file's
 *   certificates, or %NULL with @error set for people when @ca_file cannot be used
 */
GTlsDatabase *
tl_tls_database_new (const char  *ca_file,
                     GError     **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GTlsDatabase) file = NULL;
  g_autoptr(GError) local_error = NULL;
  TlTlsDatabase *self;

  g_return_val_if_fail (ca_file != NULL, NULL);

  contents = tl_tls_read_ca_file (ca_file, NULL, error);
  if (contents == NULL)
    return NULL;
  file = database_from_bytes (contents, &local_error);
  if (file == NULL)
    {
      g_autofree char *name = display_name (ca_file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The certificates in “%s” cannot be used: %s"), name, local_error->message);
      return NULL;
    }

  self = g_object_new (TL_TYPE_TLS_DATABASE, NULL);
  self->file = g_steal_pointer (&file);
  self->system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  return G_TLS_DATABASE (self);
}
