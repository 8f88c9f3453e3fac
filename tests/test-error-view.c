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

/* The one visible button with the suggested-action style, NULL if none (fails on two). */
static GtkWidget *
suggested_button (GtkWidget *widget)
{
  GtkWidget *found = NULL;

  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *in_child = suggested_button (child);

      if (in_child != NULL)
        {
          g_assert_null (found);
          found = in_child;
        }
    }
  return found;
}

static gboolean
widget_with_action_visible (GtkWidget  *widget,
                            const char *action)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (widget_with_action_visible (child, action))
      return TRUE;
  return FALSE;
}

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
  /* when, the request id made visible, Retry-After as text; the account is named by the
   * window (its title, or above a result of another account), not once more here */
  g_assert_nonnull (strstr (labels, "HTTP 503 at "));
  g_assert_nonnull (strstr (labels, "Request ID: req\\x1b[2J · Retry after: <b>120</b>\n"));
  g_assert_null (strstr (labels, "partner at connect.example"));
  g_assert_nonnull (strstr (labels, "Retry\n"));
  g_assert_false (tl_widget_test_shows_markup (view, "server"));
  /* what support asks for has a copy button */
  g_assert_true (widget_with_action_visible (view, "error.copy-request-id"));
  /* Retry beside the form's Look Up is not a second suggested action */
  g_assert_null (suggested_button (view));

  g_assert_finalize_object (view);
}

/* The service's validation messages without their model-state keys ("token.Data: …"): the key
 * is in the details. */
static void
test_error_view_messages_without_keys (void)
{
  g_autoptr(TlLookupResult) result = tl_widget_test_fake_result ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;
  const char *body = "{\"Message\":\"The request is invalid.\",\"ModelState\":"
                     "{\"token.Data\":[\"The token is not valid.\"]}}";

  result->error_body = tl_error_body_parse (body, strlen (body), "application/json");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_BAD_REQUEST, "The service answered 400 Bad Request.", result);
  labels = tl_widget_test_labels (view);
  g_assert_nonnull (strstr (labels, "The request is invalid.\n"));
  g_assert_nonnull (strstr (labels, "The token is not valid.\n"));
  g_assert_null (strstr (labels, "token.Data"));
  g_assert_finalize_object (view);
}

/* No account set up: not a failed lookup but a first step, with one way on (Set Up Account,
 * suggested) and no Retry that could only fail the same way; no command-line words. */
static void
test_error_view_no_account (void)
{
  g_autoptr(TlLookupResult) result = tl_lookup_result_new ();
  GtkWidget *view = g_object_ref_sink (g_object_new (TL_TYPE_ERROR_VIEW, NULL));
  g_autofree char *labels = NULL;
  GtkWidget *suggested;

  result->account = tl_account_new ("", "", NULL, NULL, FALSE);
  result->customer_id = g_strdup ("M1");
  result->started = g_date_time_new_now_local ();
  result->error = g_error_new (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NO_PASSWORD, "No account is set up yet.");
  tl_error_view_show (TL_ERROR_VIEW (view), TL_LOOKUP_ERROR_NO_PASSWORD, result->error->message, result);
  labels = tl_widget_test_labels (view);
  g_assert_nonnull (strstr (labels, "No account set up\n"));
  g_assert_null (strstr (labels, "--"));
  suggested = suggested_button (view);
  g_assert_nonnull (suggested);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (suggested)), ==, "Set Up Account");
  g_assert_false (widget_with_action_visible (view, "win.lookup"));
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
  g_assert_nonnull (strstr (labels, "lets this computer reach connect.test.example:8443 through the proxy"));
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
  g_test_add_func ("/error-view/messages-without-keys", test_error_view_messages_without_keys);
  g_test_add_func ("/error-view/no-account", test_error_view_no_account);
  g_test_add_func ("/error-view/proxy-next-step", test_proxy_next_step);
  g_test_add_func ("/error-view/gateway-named", test_gateway_named);

  return g_test_run ();
}
