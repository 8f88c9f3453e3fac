/* tl-request.h: the documented request, built from an account's server and credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define TL_DEFAULT_BASE_URL          "https://connect.maklare.vitec.net"
#define TL_TEST_BASE_URL             "https://connect-qa.maklare.vitec.net"

GUri           *tl_request_build_uri            (const char          *base_url,
                                                 const char          *customer_id,
                                                 GError             **error);
SoupMessage    *tl_request_new_message          (GUri                *uri,
                                                 const char          *username,
                                                 const char          *password,
                                                 const char          *token);

/* the same rules, as strings (the report, the account dialog and the CLI show them) */
char           *tl_client_build_url             (const char          *base_url,
                                                 const char          *customer_id,
                                                 GError             **error);
char           *tl_client_build_body            (const char          *token);
char           *tl_client_build_authorization   (const char          *username,
                                                 const char          *password);
gboolean        tl_client_check_base_url        (const char          *base_url,
                                                 GError             **error);

G_END_DECLS
