/* test-input.c: tl-input, every form people paste
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-input.h"

#define TOKEN "B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY+JLe1BEff7qWesnZvw=="
#define TOKEN_ENC "B2aJbxq%2FHPX567%2F8QBjwuGxKtL1wcDF9amnY%2BJLe1BEff7qWesnZvw%3D%3D"

typedef struct
{
  const char *name;
  const char *text;
  const char *customer_id;   /* expected, NULL when an error is expected */
  const char *token;
  int         error_code;    /* TlInputError when customer_id is NULL */
  int         finding;       /* a TlInputFindingKind that must be present, or -1 */
  int         no_finding;    /* a kind that must be absent, or -1 */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "callback-url", "https://my-service.example/order?customerId=M123&token=" TOKEN_ENC,
    "M123", TOKEN, 0, TL_INPUT_FINDING_FROM_URL, TL_INPUT_FINDING_URL_DECODED },
  { "callback-url-lowercase-names", "https://x.example/o?customerid=M123&TOKEN=" TOKEN_ENC,
    "M123", TOKEN, 0, TL_INPUT_FINDING_FROM_URL, -1 },
  { "callback-url-token-first", "https://x.example/o?token=" TOKEN_ENC "&customerId=S42",
    "S42", TOKEN, 0, -1, TL_INPUT_FINDING_UNKNOWN_PREFIX },
  { "callback-url-other-params", "https://x.example/o?lang=sv&customerId=M1&x=1&token=" TOKEN_ENC "&y=%20",
    "M1", TOKEN, 0, -1, -1 },
  { "callback-url-fragment", "https://x.example/o?customerId=M1&token=" TOKEN_ENC "#top",
    "M1", TOKEN, 0, -1, -1 },
  { "callback-url-fragment-with-token", "https://x.example/o?customerId=M1&token=" TOKEN_ENC "#token=abc",
    "M1", TOKEN, 0, -1, -1 },
  { "query-string", "customerId=M123&token=" TOKEN_ENC, "M123", TOKEN, 0, TL_INPUT_FINDING_FROM_URL, -1 },
  { "query-string-leading-question-mark", "?customerId=M123&token=" TOKEN_ENC, "M123", TOKEN, 0, -1, -1 },
  { "log-line", "2026-11-27 10:12:01 INFO GET /order?customerId=M11385&token=" TOKEN_ENC " HTTP/1.1 200",
    "M11385", TOKEN, 0, TL_INPUT_FINDING_FROM_URL, -1 },
  { "log-line-quoted-url", "msg=\"callback\" url=\"https://x.example/o?customerId=M7&token=" TOKEN_ENC "\" status=ok",
    "M7", TOKEN, 0, -1, -1 },
  { "log-line-key-values", "customerId=G5 token=" TOKEN_ENC " level=debug", "G5", TOKEN, 0, -1, -1 },
  { "url-in-angle-brackets", "<https://x.example/o?customerId=M1&token=" TOKEN_ENC ">", "M1", TOKEN, 0, -1, -1 },
  { "url-with-newlines-around", "\n\n  https://x.example/o?customerId=M1&token=" TOKEN_ENC "  \r\n", "M1", TOKEN, 0, -1, -1 },
  { "url-unencoded-plus-kept", "https://x.example/o?customerId=M1&token=" TOKEN, "M1", TOKEN, 0, -1,
    TL_INPUT_FINDING_SPACES_REPAIRED },
  { "url-double-encoded", "https://x.example/o?customerId=M1&token=abcd%252Bef%253D%253D",
    "M1", "abcd%2Bef%3D%3D", 0, TL_INPUT_FINDING_DOUBLE_ENCODED, -1 },
  { "url-space-encoded-plus", "https://x.example/o?customerId=M1&token=abcd%20efgh", "M1", "abcd+efgh", 0,
    TL_INPUT_FINDING_SPACES_REPAIRED, -1 },
  { "url-customer-encoded", "https://x.example/o?customerId=M%31%32&token=abcd", "M12", "abcd", 0, -1, -1 },
  { "url-without-customer", "https://x.example/o?token=" TOKEN_ENC, NULL, NULL,
    TL_INPUT_ERROR_EMPTY_CUSTOMER_ID, -1, -1 },
  { "url-empty-token", "https://x.example/o?customerId=M1&token=", NULL, NULL, TL_INPUT_ERROR_EMPTY_TOKEN, -1, -1 },
  { "url-customer-with-slash", "https://x.example/o?customerId=M1%2F..&token=abcd", NULL, NULL,
    TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "url-token-nul", "https://x.example/o?customerId=M1&token=ab%00cd", NULL, NULL,
    TL_INPUT_ERROR_TOKEN_CHARACTERS, -1, -1 },
  { "pair", "M11385 " TOKEN, "M11385", TOKEN, 0, -1, TL_INPUT_FINDING_FROM_URL },
  { "pair-tab", "M11385\t" TOKEN, "M11385", TOKEN, 0, -1, -1 },
  { "pair-newline", "M11385\n" TOKEN "\n", "M11385", TOKEN, 0, -1, -1 },
  { "pair-quoted", "\"M11385 " TOKEN "\"", "M11385", TOKEN, 0, -1, -1 },
  { "pair-each-quoted", "'M11385' '" TOKEN "'", "M11385", TOKEN, 0, -1, -1 },
  { "pair-reversed", TOKEN " M11385", "M11385", TOKEN, 0, -1, -1 },
  { "pair-encoded-token", "M1 " TOKEN_ENC, "M1", TOKEN, 0, TL_INPUT_FINDING_URL_DECODED, -1 },
  { "pair-form-decoded-spaces", "M1 B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY JLe1BEff7qWesnZvw==", "M1", TOKEN, 0,
    TL_INPUT_FINDING_SPACES_REPAIRED, -1 },
  { "pair-unknown-prefix", "X99 " TOKEN, "X99", TOKEN, 0, TL_INPUT_FINDING_UNKNOWN_PREFIX, -1 },
  /* free text is a lookup only when it reads as "CUSTOMER-ID TOKEN" (the form fields still send
   * an unusual token with a warning: /input/fields/not-base64) */
  { "pair-not-base64", "M1 not*base64!", NULL, NULL, TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "log-line-timestamp", "2026-11-28 12:00:01 INFO service started", NULL, NULL,
    TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "log-line-level-first", "ERROR could not connect to db", NULL, NULL, TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "prose", "user anna logged in", NULL, NULL, TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "prose-with-comma", "not a token, line 5", NULL, NULL, TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "customer-then-prose", "M11385 order failed: token expired", NULL, NULL,
    TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "customer-then-words", "M11385 order failed after the token expired", NULL, NULL,
    TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "customer-without-digits", "ERROR " TOKEN, NULL, NULL, TL_INPUT_ERROR_NOT_RECOGNIZED, -1, -1 },
  { "pair-url-safe-base64", "M1 ab-_cd==", "M1", "ab-_cd==", 0, TL_INPUT_FINDING_NOT_BASE64, -1 },
  { "bare-token", TOKEN, NULL, NULL, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID, -1, -1 },
  /* a customer ID alone says that the token is what is missing */
  { "bare-customer-id", "M10041", NULL, NULL, TL_INPUT_ERROR_EMPTY_TOKEN, -1, -1 },
  /* an invisible character in a pasted pair's token is named, not "neither a link nor …" */
  { "pair-zero-width-space", "M11385 Demo\u200BValid+Token/01==", NULL, NULL, TL_INPUT_ERROR_TOKEN_CHARACTERS, -1, -1 },
  { "empty", "", NULL, NULL, TL_INPUT_ERROR_EMPTY_TEXT, -1, -1 },
  { "whitespace-only", "  \n\t ", NULL, NULL, TL_INPUT_ERROR_EMPTY_TEXT, -1, -1 },
  { "quotes-only", "\"\"", NULL, NULL, TL_INPUT_ERROR_EMPTY_TEXT, -1, -1 },
  { "customer-with-slash", "M1/2 abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-dotdot", ".. abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-percent", "M%2F1 abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-question", "M?1 abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-hash", "M#1 abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-non-ascii", "Mä1 abcd", NULL, NULL, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, -1, -1 },
  { "customer-underscore-dash", "M_1-2 abcd", "M_1-2", "abcd", 0, -1, -1 },
  { "control-character", "M1 ab\x1b[31mcd", NULL, NULL, TL_INPUT_ERROR_TEXT_CHARACTERS, -1, -1 },
  { "bidi-override", "M1 ab\xe2\x80\xae" "cd", NULL, NULL, TL_INPUT_ERROR_TEXT_CHARACTERS, -1, -1 },
  { "not-utf8", "M1 ab\xff\xfe", NULL, NULL, TL_INPUT_ERROR_NOT_UTF8, -1, -1 },
  { "del-character", "M1 ab\x7f", NULL, NULL, TL_INPUT_ERROR_TEXT_CHARACTERS, -1, -1 },
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = tl_input_parse (c->text, &error);

  if (c->customer_id == NULL)
    {
      g_assert_null (input);
      g_assert_error (error, TL_INPUT_ERROR, c->error_code);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (strlen (error->message), >, 10);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (input);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, c->customer_id);
  g_assert_cmpstr (tl_input_get_token (input), ==, c->token);
  if (c->finding >= 0)
    g_assert_true (tl_input_has_finding (input, c->finding));
  if (c->no_finding >= 0)
    g_assert_false (tl_input_has_finding (input, c->no_finding));
}

static void
test_fields_bare (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = tl_input_parse_fields ("  M11385 ", " " TOKEN "\n", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M11385");
  g_assert_cmpstr (tl_input_get_token (input), ==, TOKEN);
  g_assert_cmpuint (tl_input_get_n_findings (input), ==, 0);
}

/* What is typed in the token field is sent even when it does not look like base64, with a
 * warning: the fields say which value is which. */
static void
test_fields_not_base64 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = tl_input_parse_fields ("M1", "not*base64!", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_token (input), ==, "not*base64!");
  g_assert_true (tl_input_has_finding (input, TL_INPUT_FINDING_NOT_BASE64));
}

static void
test_fields_url_in_token_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input =
    tl_input_parse_fields ("", "https://x.example/o?customerId=M5&token=" TOKEN_ENC, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M5");
  g_assert_cmpstr (tl_input_get_token (input), ==, TOKEN);
}

static void
test_fields_url_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input =
    tl_input_parse_fields ("M1", "https://x.example/o?customerId=M5&token=" TOKEN_ENC, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M5");
  g_assert_true (tl_input_has_finding (input, TL_INPUT_FINDING_CUSTOMER_ID_MISMATCH));
}

static void
test_fields_url_without_customer_uses_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = tl_input_parse_fields ("M9", "?token=" TOKEN_ENC, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M9");
  g_assert_cmpstr (tl_input_get_token (input), ==, TOKEN);
}

static void
test_fields_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = tl_input_parse_fields ("M1", "   ", &error);

  g_assert_null (input);
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN);
  g_assert_cmpint (tl_input_error_get_field (error->code), ==, TL_INPUT_FIELD_TOKEN);
  g_clear_error (&error);

  input = tl_input_parse_fields ("", TOKEN, &error);
  g_assert_null (input);
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID);
  g_assert_cmpint (tl_input_error_get_field (error->code), ==, TL_INPUT_FIELD_CUSTOMER_ID);
}

static void
test_fields_token_wrapped_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input =
    tl_input_parse_fields ("M1", "B2aJbxq/HPX567/8QBjwuGxKtL1w\ncDF9amnY+JLe1BEff7qWesnZvw==", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_token (input), ==, TOKEN);
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_token = g_strnfill (TL_INPUT_MAX_TOKEN + 4, 'A');
  g_autofree char *max_token = g_strnfill (TL_INPUT_MAX_TOKEN, 'A');
  g_autofree char *long_customer = g_strnfill (TL_INPUT_MAX_CUSTOMER_ID + 1, 'M');
  g_autofree char *max_customer = g_strnfill (TL_INPUT_MAX_CUSTOMER_ID, 'M');
  g_autofree char *huge = g_strnfill (TL_INPUT_MAX_TEXT + 1, 'x');
  g_autoptr(TlInput) ok = NULL;
  TlInput *input;

  input = tl_input_parse_fields ("M1", long_token, &error);
  g_assert_null (input);
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TOKEN_TOO_LONG);
  g_clear_error (&error);

  ok = tl_input_parse_fields (max_customer, max_token, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);

  input = tl_input_parse_fields (long_customer, "abcd", &error);
  g_assert_null (input);
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_CUSTOMER_ID_TOO_LONG);
  g_clear_error (&error);

  input = tl_input_parse (huge, &error);
  g_assert_null (input);
  g_assert_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TEXT_TOO_LONG);
}

static void
test_large_paste_with_url (void)
{
  /* Just under the 1 MiB limit: a long log with the URL at the end is still found. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = NULL;

  while (text->len < TL_INPUT_MAX_TEXT - 200)
    g_string_append (text, "INFO nothing to see here\n");
  g_string_append (text, "GET /o?customerId=M2&token=" TOKEN_ENC "\n");
  input = tl_input_parse (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tl_input_get_customer_id (input), ==, "M2");
  g_assert_cmpstr (tl_input_get_token (input), ==, TOKEN);
}

static void
test_base64 (void)
{
  g_assert_true (tl_input_is_base64 (TOKEN));
  g_assert_true (tl_input_is_base64 ("abcd"));
  g_assert_true (tl_input_is_base64 ("ab+/"));
  g_assert_true (tl_input_is_base64 ("abc="));
  g_assert_false (tl_input_is_base64 ("abc"));
  g_assert_false (tl_input_is_base64 ("a=bc"));
  g_assert_false (tl_input_is_base64 ("a==="));
  g_assert_false (tl_input_is_base64 ("ab c"));
  g_assert_false (tl_input_is_base64 (""));
}

static void
test_fingerprint (void)
{
  g_autofree char *fp = tl_input_token_fingerprint (TOKEN);
  g_autofree char *fp_short = tl_input_token_fingerprint ("abcd");

  g_assert_true (g_str_has_prefix (fp, "B2aJ…vw== sha256:"));
  g_assert_cmpuint (strlen (strstr (fp, "sha256:")), ==, strlen ("sha256:") + 12);
  g_assert_null (strstr (fp, "HPX567"));
  g_assert_true (g_str_has_prefix (fp_short, "sha256:"));
  g_assert_null (strstr (fp_short, "abcd"));
}

static void
test_findings_have_messages (void)
{
  g_autoptr(TlInput) input = tl_input_parse ("X1 B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY JLe1BEff7qWesnZvw==", NULL);

  g_assert_nonnull (input);
  g_assert_cmpuint (tl_input_get_n_findings (input), ==, 2);
  for (guint i = 0; i < tl_input_get_n_findings (input); i++)
    {
      const TlInputFinding *f = tl_input_get_finding (input, i);
      g_assert_nonnull (f->message);
      g_assert_cmpuint (strlen (f->message), >, 20);
    }
  g_assert_cmpstr (tl_input_get_original_token (input), ==,
                   "B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY JLe1BEff7qWesnZvw==");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/input/parse/%s", parse_cases[i].name);
      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }
  g_test_add_func ("/input/fields/bare", test_fields_bare);
  g_test_add_func ("/input/fields/not-base64", test_fields_not_base64);
  g_test_add_func ("/input/fields/url-in-token-field", test_fields_url_in_token_field);
  g_test_add_func ("/input/fields/url-customer-mismatch", test_fields_url_mismatch);
  g_test_add_func ("/input/fields/url-without-customer", test_fields_url_without_customer_uses_field);
  g_test_add_func ("/input/fields/empty", test_fields_empty);
  g_test_add_func ("/input/fields/wrapped-lines", test_fields_token_wrapped_lines);
  g_test_add_func ("/input/limits", test_limits);
  g_test_add_func ("/input/large-paste", test_large_paste_with_url);
  g_test_add_func ("/input/base64", test_base64);
  g_test_add_func ("/input/fingerprint", test_fingerprint);
  g_test_add_func ("/input/findings-have-messages", test_findings_have_messages);

  return g_test_run ();
}
