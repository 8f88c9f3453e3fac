/* test-error-body.c: every error-body shape in api/NOTES.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-error-body.h"

static TlErrorBody *
parse (const char *text,
       const char *content_type)
{
  return tl_error_body_parse (text, strlen (text), content_type);
}

static void
test_web_api_pascal (void)
{
  g_autoptr(TlErrorBody) body =
    parse ("{\"Message\": \"The request is invalid.\", \"ModelState\": {\"token.Data\": "
           "[\"The Data field is required.\", \"Second.\"]}}", "application/json");

  g_assert_cmpstr (body->message, ==, "The request is invalid.");
  g_assert_cmpuint (body->details->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (body->details, 0), ==, "token.Data: The Data field is required.");
  g_assert_cmpstr (g_ptr_array_index (body->details, 1), ==, "token.Data: Second.");
}

static void
test_web_api_camel_with_extras (void)
{
  g_autoptr(TlErrorBody) body =
    parse ("{\"message\": \"An error has occurred.\", \"messageDetail\": \"Detail here\", "
           "\"exceptionMessage\": \"Object reference not set\", \"modelState\": {\"customerId\": \"Bad id\"}}",
           "application/json; charset=utf-8");

  g_assert_cmpstr (body->message, ==, "An error has occurred.");
  g_assert_cmpuint (body->details->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (body->details, 0), ==, "Detail here");
  g_assert_cmpstr (g_ptr_array_index (body->details, 1), ==, "Object reference not set");
  g_assert_cmpstr (g_ptr_array_index (body->details, 2), ==, "customerId: Bad id");
}

static void
test_problem_details (void)
{
  g_autoptr(TlErrorBody) body =
    parse ("{\"type\": \"https://tools.ietf.org/html/rfc7231#section-6.5.1\", "
           "\"title\": \"One or more validation errors occurred.\", \"status\": 400, "
           "\"traceId\": \"00-abc-def-00\", \"errors\": {\"Data\": [\"The Data field is required.\"]}}",
           "application/problem+json");

  g_assert_cmpstr (body->message, ==, "One or more validation errors occurred.");
  g_assert_cmpuint (body->details->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (body->details, 0), ==, "Data: The Data field is required.");
  g_assert_cmpstr (body->trace_id, ==, "00-abc-def-00");
}

static void
test_problem_details_detail (void)
{
  g_autoptr(TlErrorBody) body =
    parse ("{\"title\": \"Forbidden\", \"detail\": \"Customer M1 is not yours.\"}", NULL);

  g_assert_cmpstr (body->message, ==, "Forbidden");
  g_assert_cmpuint (body->details->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (body->details, 0), ==, "Customer M1 is not yours.");
}

static void
test_plain_text (void)
{
  g_autoptr(TlErrorBody) body = parse ("  Service Unavailable\r\n\r\n  try later ", "text/plain");

  g_assert_cmpstr (body->message, ==, "Service Unavailable try later");
  g_assert_cmpuint (body->details->len, ==, 0);
}

static void
test_html (void)
{
  g_autoptr(TlErrorBody) body =
    parse ("<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style>"
           "<script>var x = '<b>';</script></head><body><h1>Bad&nbsp;Gateway</h1>"
           "<p>The proxy &amp; the &quot;server&quot; &#8212; failed.</p><!-- <p>hidden</p> --></body></html>",
           "text/html");

  /* the title is the browser tab's, not the page's */
  g_assert_cmpstr (body->message, ==, "Bad Gateway The proxy & the \"server\" — failed.");
}

/* nginx's own page says its status once (its title is repeated as the heading); a page with
 * nothing but a title says the title. */
static void
test_html_title (void)
{
  g_autoptr(TlErrorBody) nginx =
    parse ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
           "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
           "</body>\r\n</html>\r\n", "text/html");
  g_autoptr(TlErrorBody) only_title =
    parse ("<html><TITLE lang=en>Connection timed out &amp; more | cloudflare</TITLE></html>", "text/html");

  g_assert_cmpstr (nginx->message, ==, "502 Bad Gateway nginx/1.22.1");
  g_assert_cmpstr (only_title->message, ==, "Connection timed out & more | cloudflare");
}

static void
test_json_string_and_array (void)
{
  g_autoptr(TlErrorBody) a = parse ("\"Token expired\"", "application/json");
  g_autoptr(TlErrorBody) b = parse ("[\"one\", {\"field\": \"Data\", \"message\": \"two\"}]", "application/json");

  g_assert_cmpstr (a->message, ==, "Token expired");
  g_assert_cmpuint (b->details->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (b->details, 1), ==, "Data: two");
}

static void
test_empty_and_binary (void)
{
  g_autoptr(TlErrorBody) a = tl_error_body_parse (NULL, 0, NULL);
  g_autoptr(TlErrorBody) b = tl_error_body_parse ("\xff\xfe\x00\x01hello", 9, NULL);
  g_autoptr(TlErrorBody) c = parse ("{\"unrelated\": 1}", "application/json");

  g_assert_null (a->message);
  g_assert_nonnull (b->message);
  g_assert_true (g_utf8_validate (b->message, -1, NULL));
  g_assert_nonnull (strstr (b->message, "hello"));
  /* JSON that is no known shape falls back to the raw text. */
  g_assert_cmpstr (c->message, ==, "{\"unrelated\": 1}");
}

static void
test_long_text_capped (void)
{
  g_autofree char *longtext = g_strnfill (100000, 'x');
  g_autoptr(TlErrorBody) body = parse (longtext, "text/plain");

  g_assert_cmpuint (g_utf8_strlen (body->message, -1), <=, TL_ERROR_BODY_MAX_TEXT + 1);
  g_assert_true (g_str_has_suffix (body->message, "…"));
}

static void
test_to_string (void)
{
  g_autoptr(TlErrorBody) body = parse ("{\"Message\":\"M\",\"ModelState\":{\"a\":[\"b\"]}}", NULL);
  g_autofree char *text = tl_error_body_to_string (body);

  g_assert_cmpstr (text, ==, "M\na: b");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error-body/web-api-pascal", test_web_api_pascal);
  g_test_add_func ("/error-body/web-api-camel-extras", test_web_api_camel_with_extras);
  g_test_add_func ("/error-body/problem-details", test_problem_details);
  g_test_add_func ("/error-body/problem-details-detail", test_problem_details_detail);
  g_test_add_func ("/error-body/plain-text", test_plain_text);
  g_test_add_func ("/error-body/html", test_html);
  g_test_add_func ("/error-body/html-title", test_html_title);
  g_test_add_func ("/error-body/json-string-and-array", test_json_string_and_array);
  g_test_add_func ("/error-body/empty-and-binary", test_empty_and_binary);
  g_test_add_func ("/error-body/long-text-capped", test_long_text_capped);
  g_test_add_func ("/error-body/to-string", test_to_string);

  return g_test_run ();
}
