/* tl-demo-server.h: a loopback server that behaves like the order-token endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TL_DEMO_USERNAME    "demo"
/* not a word any text of the demo contains, so nothing the demo says is redacted as the password
 * (its request ids read "demo-0f6c2a1e", never "[password removed]-0f6c2a1e") */
#define TL_DEMO_PASSWORD    "demo-password"
#define TL_DEMO_CUSTOMER_ID "M11385"
/* a customer ID the demo account has no access to: 403 for any token */
#define TL_DEMO_FOREIGN_CUSTOMER_ID "M403"

typedef enum
{
  TL_DEMO_VALID,
  TL_DEMO_EXPIRED,
  TL_DEMO_BAD_REQUEST,
  TL_DEMO_PROBLEM_DETAILS,
  TL_DEMO_FORBIDDEN,
  TL_DEMO_NOT_FOUND,
  TL_DEMO_SERVER_ERROR,
  TL_DEMO_SLOW,
  TL_DEMO_SLOW_LARGE,
  TL_DEMO_N_TOKENS,
} TlDemoToken;

#define TL_TYPE_DEMO_SERVER (tl_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (TlDemoServer, tl_demo_server, TL, DEMO_SERVER, GObject)

TlDemoServer *tl_demo_server_new              (GError       **error);
const char   *tl_demo_server_get_base_url     (TlDemoServer  *self);
void          tl_demo_server_set_slow_delay   (TlDemoServer  *self,
                                               guint          milliseconds);
void          tl_demo_server_set_password     (TlDemoServer  *self,
                                               const char    *password);
void          tl_demo_server_hold_slow        (TlDemoServer  *self);
guint         tl_demo_server_get_n_held       (TlDemoServer  *self);
void          tl_demo_server_release_held     (TlDemoServer  *self);

const char   *tl_demo_token                   (TlDemoToken    which);
const char   *tl_demo_token_describe          (TlDemoToken    which);
char         *tl_demo_tokens_help             (void);

G_END_DECLS
