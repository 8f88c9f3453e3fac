/* test-details-view.c: the details view shows the exchange as text, the token hidden. Needs a
 * display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-details-view.h"
#include "tl-lookup-error.h"
#include "widget-test.h"

static void
test_details_view (void)
{
  g_autoptr(TlLookupResult) result = tl_widget_test_fake_result ();
  GtkWidget *view = g_object_ref_sink (tl_details_view_new ());
  g_autofree char *labels = NULL;

  tl_details_view_set_result (TL_DETAILS_VIEW (view), result, "Zq8x+Secret/Tok3n==", "partner at connect.example");
  labels = tl_widget_test_labels (view);

  g_assert_nonnull (strstr (labels, "HTTP/1.1 503 <span>server</span> busy · 18 bytes\n"));
  g_assert_nonnull (strstr (labels, "Request ID\nreq\\x1b[2J\n"));
  g_assert_nonnull (strstr (labels, "Retry After\n<b>120</b>\n"));
  g_assert_nonnull (strstr (labels, "X-Request-Id: req\\x1b[2J"));
  g_assert_nonnull (strstr (labels, "Authorization: Basic •••• (user partner)"));
  /* the token stays hidden until asked for */
  g_assert_nonnull (strstr (labels, "{\"data\":\"••••\"}\n"));
  g_assert_null (strstr (labels, "Zq8x+Secret/Tok3n=="));
  g_assert_false (tl_widget_test_shows_markup (view, "server"));

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  tl_widget_test_init (&argc, &argv);

  g_test_add_func ("/details-view/exchange-as-text", test_details_view);

  return g_test_run ();
}
