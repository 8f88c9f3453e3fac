/* tl-tls.h: the certificate authorities a lookup trusts: the system's, plus an office's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A CA file is a few kilobytes; a whole system bundle is about 200 KiB. */
#define TL_TLS_CA_FILE_MAX_SIZE (1024 * 1024)
#define TL_TLS_CA_FILE_MAX_CERTIFICATES 500

GPtrArray    *tl_tls_parse_certificates      (const char       *data,
                                              gsize             length,
                                              const char       *name,
                                              GError          **error);
GBytes       *tl_tls_read_ca_file            (const char       *path,
                                              GPtrArray       **certificates,
                                              GError          **error);
char         *tl_tls_certificate_dup_subject (GTlsCertificate  *certificate);
char         *tl_tls_certificate_dup_fingerprint (GTlsCertificate *certificate);
GTlsCertificateFlags tl_tls_recheck_connection (GIOStream   *connection);
GTlsDatabase *tl_tls_database_new            (const char       *ca_file,
                                              GError          **error);

G_END_DECLS
