/* test-error-view.c: the error view says what failed, why and what to do next, the server's
 * words as text. Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-error-body.h"
#include "tl-error-view.h"
#include "tl-lookup-error.h"
#include "tl-lookup-result-private.h"
#include "widget-test.h"

static void
test_error_view (void)
{
  g_autoptr(TlLookupResult) result = tl_widget_test_fake_result ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;

  const char *body = "{\"Message\":\"<i>server</i> says a < b\"}";

  result->error_body = tl_error_body_parse (body, strlen (body), "application/json");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_SERVER_ERROR,
                      tl_lookup_result_get_error (result)->message, result);
  labels = tl_widget_test_labels (view);

  g_assert_nonnull (strstr (labels, "The service failed\n"));
  g_assert_nonnull (strstr (labels, "The service answered 503.\n"));
  g_assert_nonnull (strstr (labels, "<i>server</i> says a < b\n"));
  g_assert_nonnull (strstr (labels, "What to do next\n"));
  /* when, the request id made visible, Retry-After as text, and the lookup's own account */
  g_assert_nonnull (strstr (labels, "HTTP 503 at "));
  g_assert_nonnull (strstr (labels, "Request ID: req\\x1b[2J · Retry after: <b>120</b> · partner at connect.example\n"));
  g_assert_nonnull (strstr (labels, "Retry\n"));
  g_assert_false (tl_widget_test_shows_markup (view, "server"));

  g_assert_finalize_object (view);
}

/* A failure at the office proxy: its next step names the lookup's own server, never
 * production's, and speaks of settings, never of command-line flags. */
static void
test_proxy_next_step (void)
{
  g_autoptr(TlLookupResult) result = tl_widget_test_fake_result ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;
  g_autofree char *sign_in_labels = NULL;

  g_clear_pointer (&result->base_url, g_free);
  result->base_url = g_strdup ("https://connect.test.example:8443");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_PROXY,
                      "The proxy 127.0.0.1:3129 closed the connection.", result);
  labels = tl_widget_test_labels (view);
  g_assert_nonnull (strstr (labels, "ask IT to let this computer reach connect.test.example:8443 through the proxy"));
  g_assert_null (strstr (labels, "maklare"));
  g_assert_null (strstr (labels, "https_proxy"));

  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_PROXY_SIGN_IN,
                      "The proxy 127.0.0.1:3129 did not accept the sign-in as “office”.", result);
  sign_in_labels = tl_widget_test_labels (view);
  g_assert_nonnull (strstr (sign_in_labels, "The office proxy wants a sign-in\n"));
  g_assert_nonnull (strstr (sign_in_labels, "127.0.0.1:3129"));
  g_assert_nonnull (strstr (sign_in_labels, "desktop's proxy settings"));
  g_assert_null (strstr (sign_in_labels, "--proxy"));

  g_assert_finalize_object (view);
}

/* A gateway's own page: the heading names the gateway, its name (from a header the gateway
 * chose) with its controls visible and no markup. */
static void
test_gateway_named (void)
{
  g_autoptr(TlLookupResult) result = tl_widget_test_fake_result ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;

  g_clear_error (&result->error);
  result->error = g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_GATEWAY,
                               "nginx answered 502 Bad Gateway, not Vitec Express Connect.");
  result->gateway = g_strdup ("The proxy “<b>cache</b>\u202e.example”");
  result->error_body = tl_error_body_parse ("<html><h1>502 Bad Gateway</h1></html>", 37, "text/html");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_GATEWAY,
                      tl_lookup_result_get_error (result)->message, result);
  labels = tl_widget_test_labels (view);

  g_assert_nonnull (strstr (labels, "The proxy “<b>cache</b><U+202E>.example” stopped the request on its way to the service\n"));
  g_assert_null (strstr (labels, "Something between this computer and the service"));
  /* its page is not the service's message */
  g_assert_nonnull (strstr (labels, "What the Gateway’s Page Says\n"));
  g_assert_null (strstr (labels, "Messages From the Service"));
  g_assert_false (tl_widget_test_shows_markup (view, "cache"));

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/error-view/cause-and-next-step", test_error_view);
  g_test_add_func ("/error-view/proxy-next-step", test_proxy_next_step);
  g_test_add_func ("/error-view/gateway-named", test_gateway_named);

  return g_test_run ();
}
