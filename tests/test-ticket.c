/* test-ticket.c: OrderTicket from JSON and XML, strict about types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "tl-json.h"
#include "tl-lookup-error.h"
#include "tl-ticket.h"
#include "tl-text.h"

static const char *documented_json =
  "{\n"
  "  \"orderId\": \"sample string 1\",\n"
  "  \"userId\": \"sample string 2\",\n"
  "  \"orderUserId\": \"sample string 3\",\n"
  "  \"targetId\": \"sample string 4\",\n"
  "  \"targetType\": \"sample string 5\",\n"
  "  \"tenantId\": \"sample string 6\",\n"
  "  \"chainId\": \"sample string 7\",\n"
  "  \"customerId\": \"sample string 8\",\n"
  "  \"hasExpired\": true\n"
  "}";

static const char *documented_xml =
  "<OrderTicket xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" "
  "xmlns=\"http://schemas.datacontract.org/2004/07/Express.Connect.Api.Models.Order\">\n"
  "  <ChainId>sample string 7</ChainId>\n"
  "  <CustomerId>sample string 8</CustomerId>\n"
  "  <HasExpired>true</HasExpired>\n"
  "  <OrderId>sample string 1</OrderId>\n"
  "  <OrderUserId>sample string 3</OrderUserId>\n"
  "  <TargetId>sample string 4</TargetId>\n"
  "  <TargetType>sample string 5</TargetType>\n"
  "  <TenantId>sample string 6</TenantId>\n"
  "  <UserId>sample string 2</UserId>\n"
  "</OrderTicket>";

static void
assert_documented (TlTicket *ticket)
{
  static const int order[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

  g_assert_nonnull (ticket);
  for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
    {
      g_autofree char *expected = g_strdup_printf ("sample string %d", order[f]);
      g_assert_cmpstr (tl_ticket_get_string (ticket, f), ==, expected);
    }
  g_assert_cmpint (tl_ticket_get_state (ticket), ==, TL_TICKET_STATE_EXPIRED);
}

static void
test_json_camel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json (documented_json, -1, &error);

  g_assert_no_error (error);
  assert_documented (ticket);
}

static void
test_json_pascal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = NULL;
  g_autoptr(GString) pascal = g_string_new (documented_json);
  const char *keys[] = { "orderId", "userId", "orderUserId", "targetId", "targetType", "tenantId",
                         "chainId", "customerId", "hasExpired" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *from = g_strdup_printf ("\"%s\"", keys[i]);
      g_autofree char *to = g_strdup_printf ("\"%c%s\"", g_ascii_toupper (keys[i][0]), keys[i] + 1);
      g_string_replace (pascal, from, to, 1);
    }
  g_assert_nonnull (strstr (pascal->str, "\"OrderUserId\""));
  ticket = tl_ticket_new_from_json (pascal->str, -1, &error);
  g_assert_no_error (error);
  assert_documented (ticket);
}

static void
test_xml (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_xml (documented_xml, -1, &error);

  g_assert_no_error (error);
  assert_documented (ticket);
}

static void
test_data_sniffs (void)
{
  g_autoptr(TlTicket) a = tl_ticket_new_from_data (documented_xml, strlen (documented_xml), NULL, NULL);
  g_autoptr(TlTicket) b = tl_ticket_new_from_data (documented_json, strlen (documented_json), "text/xml", NULL);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf  ", documented_json, NULL);
  g_autoptr(TlTicket) c = tl_ticket_new_from_data (bom, strlen (bom), "application/json", NULL);

  assert_documented (a);
  assert_documented (b);
  assert_documented (c);
}

static void
test_xml_nil_and_false (void)
{
  const char *xml =
    "<OrderTicket xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xmlns=\"" TL_TICKET_XML_NAMESPACE "\"><ChainId i:nil=\"true\"/><HasExpired>false</HasExpired>"
    "<OrderId>A&amp;B</OrderId></OrderTicket>";
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_xml (xml, -1, &error);

  g_assert_no_error (error);
  g_assert_null (tl_ticket_get_string (ticket, TL_TICKET_FIELD_CHAIN_ID));
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID), ==, "A&B");
  g_assert_cmpint (tl_ticket_get_state (ticket), ==, TL_TICKET_STATE_VALID);
}

typedef struct
{
  const char *name;
  const char *data;
  const char *must_mention;   /* the message names the field or the problem */
} BadCase;

static const BadCase bad_cases[] = {
  { "has-expired-string", "{\"orderId\":\"1\",\"hasExpired\":\"yes\"}", "hasExpired" },
  { "has-expired-number", "{\"HasExpired\":1}", "HasExpired" },
  { "order-id-number", "{\"orderId\":12345}", "orderId" },
  { "customer-id-object", "{\"customerId\":{\"id\":\"M1\"}}", "customerId" },
  { "target-type-array", "{\"targetType\":[\"House\"]}", "targetType" },
  { "top-level-array", "[{\"orderId\":\"1\"}]", "list" },
  { "top-level-string", "\"hello\"", "text" },
  { "top-level-number", "42", "number" },
  { "not-json", "<html><body>Login</body></html>x", "XML" },
  { "truncated-json", "{\"orderId\":\"1\",\"hasEx", "JSON" },
  { "empty", "", "empty" },
  { "whitespace", "  \n ", "empty" },
  { "xml-wrong-root", "<Error><Message>no</Message></Error>", "Error" },
  { "xml-wrong-namespace", "<OrderTicket xmlns=\"urn:other\"><OrderId>1</OrderId></OrderTicket>", "urn:other" },
  { "xml-bad-bool", "<OrderTicket><HasExpired>maybe</HasExpired></OrderTicket>", "HasExpired" },
  { "xml-nested", "<OrderTicket><OrderId><b>1</b></OrderId></OrderTicket>", "orderId" },
  { "xml-broken", "<OrderTicket><OrderId>1</Order", "XML" },
  { "duplicate-casing", "{\"orderId\":\"1\",\"OrderId\":\"2\"}", "orderId" },
  /* json-glib keeps a key's last value: each of these read as a verdict */
  { "duplicate-exact", "{\"orderId\":\"a\",\"hasExpired\":true,\"hasExpired\":false}", "“hasExpired” appears twice" },
  { "duplicate-exact-string", "{\"orderId\":\"a\",\"orderId\":\"b\",\"hasExpired\":false}", "“orderId” appears twice" },
  { "duplicate-casing-expiry", "{\"hasExpired\":true,\"orderId\":\"a\",\"HASEXPIRED\":false}", "“hasExpired” appears twice" },
  { "duplicate-escaped", "{\"hasExpired\":true,\"has\\u0045xpired\":false}", "“hasExpired” appears twice" },
  { "duplicate-unknown", "{\"orderId\":\"a\",\"hasExpired\":false,\"note\":1,\"Note\":2}", "“note” appears twice" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_data (c->data, strlen (c->data), NULL, &error);

  g_assert_null (ticket);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED);
  if (strstr (error->message, c->must_mention) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, c->must_mention);
}

static void
test_missing_and_null (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket =
    tl_ticket_new_from_json ("{\"orderId\":\"1\",\"chainId\":null,\"hasExpired\":null,\"extra\":[1,2,{}]}", -1, &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID), ==, "1");
  g_assert_null (tl_ticket_get_string (ticket, TL_TICKET_FIELD_CHAIN_ID));
  g_assert_null (tl_ticket_get_string (ticket, TL_TICKET_FIELD_USER_ID));
  g_assert_cmpint (tl_ticket_get_state (ticket), ==, TL_TICKET_STATE_UNKNOWN);

  /* every member is written, absent ones as null: one shape for Copy as JSON and --json */
  json = tl_ticket_to_json (ticket, FALSE);
  g_assert_cmpstr (json, ==, "{\"orderId\":\"1\",\"userId\":null,\"orderUserId\":null,\"targetId\":null,"
                             "\"targetType\":null,\"tenantId\":null,\"chainId\":null,\"customerId\":null,"
                             "\"hasExpired\":null}");
}

/* Only the ticket object's own keys count: a key repeated inside a nested value, or a key's
 * spelling inside a string, is no duplicate. */
static void
test_not_duplicates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket =
    tl_ticket_new_from_json ("{\"orderId\":\"x,\\\"hasExpired\\\":true\",\"extra\":{\"a\":1,\"a\":2},"
                             "\"list\":[{\"hasExpired\":true},{\"hasExpired\":true}],\"hasExpired\":false}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID), ==, "x,\"hasExpired\":true");
  g_assert_cmpint (tl_ticket_get_state (ticket), ==, TL_TICKET_STATE_VALID);
}

static void
test_empty_string_kept (void)
{
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json ("{\"chainId\":\"\"}", -1, NULL);

  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_CHAIN_ID), ==, "");
}

static void
test_unicode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket =
    tl_ticket_new_from_json ("{\"userId\":\"Åsa Öberg\",\"targetType\":\"Bostadsr\\u00e4tt\","
                             "\"orderId\":\"\\ud83c\\udfe0-1\"}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_USER_ID), ==, "Åsa Öberg");
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_TARGET_TYPE), ==, "Bostadsrätt");
  g_assert_cmpstr (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID), ==, "🏠-1");
}

static void
test_round_trip (void)
{
  g_autoptr(TlTicket) a = tl_ticket_new_from_json (documented_json, -1, NULL);
  g_autofree char *json = tl_ticket_to_json (a, TRUE);
  g_autoptr(TlTicket) b = tl_ticket_new_from_json (json, -1, NULL);

  assert_documented (b);
}

static void
test_deep_nesting (void)
{
  gsize depth = 100000;
  g_autofree char *deep = g_malloc (depth * 2 + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = NULL;

  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[depth * 2] = '\0';
  ticket = tl_ticket_new_from_json (deep, -1, &error);
  g_assert_null (ticket);
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED);
  g_assert_true (tl_json_depth_ok ("{\"a\":\"[[[[[[[[[[\"}", 16));
}

static void
test_field_titles (void)
{
  for (guint f = 0; f < TL_TICKET_N_FIELDS; f++)
    {
      g_assert_nonnull (tl_ticket_field_get_key (f));
      g_assert_cmpuint (strlen (tl_ticket_field_get_title (f)), >, 2);
    }
  g_assert_cmpstr (tl_ticket_field_get_title (TL_TICKET_FIELD_ORDER_USER_ID), ==, "Order Owner (Agent)");
  /* header capitalisation, like "Order ID": every word capitalised but the small ones */
  for (guint f = 0; f < TL_TICKET_N_FIELDS; f++)
    {
      g_auto(GStrv) words = g_strsplit_set (tl_ticket_field_get_title (f), " (", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_assert_true (g_ascii_isupper (*words[i]));
    }
}

/* A property type the service is known to send is shown in words; any other as it came. */
static void
test_property_type_words (void)
{
  g_assert_cmpstr (tl_ticket_property_type_get_title ("HousingCooperative"), ==, "Housing cooperative");
  g_assert_cmpstr (tl_ticket_property_type_get_title ("Condominium"), ==, "Condominium");
  g_assert_null (tl_ticket_property_type_get_title ("SomethingNew"));
  g_assert_null (tl_ticket_property_type_get_title (NULL));
}

/* Copy All: labelled lines of text, one per field, not the service's camelCase JSON. */
static void
test_format_lines (void)
{
  const char *json = "{\"orderId\":\"ORD-1\",\"userId\":\"u\",\"orderUserId\":\"a\",\"targetId\":\"T\","
                     "\"targetType\":\"HousingCooperative\",\"tenantId\":\"t\",\"chainId\":\"c\","
                     "\"customerId\":\"M1\",\"hasExpired\":false}";
  g_autoptr(GError) error = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new_from_json (json, -1, &error);
  g_autofree char *lines = NULL;

  g_assert_no_error (error);
  lines = tl_ticket_format_lines (ticket);
  g_assert_nonnull (strstr (lines, "Token Status: Valid\n"));
  g_assert_nonnull (strstr (lines, "Order ID: ORD-1\n"));
  g_assert_nonnull (strstr (lines, "Property Type: Housing cooperative (HousingCooperative)\n"));
  g_assert_null (strstr (lines, "orderId"));
  g_assert_null (strstr (lines, "{"));
}

/* The per-lookup JSON writer: any string (quotes, backslashes, every C0 control, DEL, C1,
 * bidirectional controls, non-BMP) reads back exactly with json-glib, and the written text has
 * no raw control character for a terminal to act on. */
static void
test_json_string_writer (void)
{
  g_autoptr(GString) hostile = g_string_new ("\"quoted\" back\\slash /slash ");
  g_autoptr(GString) out = g_string_new ("[");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  for (gunichar c = 1; c < 0x20; c++)
    g_string_append_unichar (hostile, c);
  g_string_append (hostile, "\x7f\xc2\x80\xc2\x9b[31m \xe2\x80\xae\xe2\x81\xa6 \xd8\x9c \xe2\x80\xa8 Åsa 🏠 end");

  tl_text_append_json_string (out, hostile->str);
  g_string_append_c (out, ',');
  tl_text_append_json_string (out, "");
  g_string_append_c (out, ',');
  tl_text_append_json_string (out, NULL);
  g_string_append_c (out, ']');

  for (const char *p = out->str; *p; p = g_utf8_next_char (p))
    g_assert_false (tl_text_is_invisible_char (g_utf8_get_char (p)));

  g_assert_true (json_parser_load_from_data (parser, out->str, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, hostile->str);
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "");
  g_assert_true (json_array_get_null_element (array, 2));
}

/* Answers of one flat object of plain strings, true, false and null are read by a short path
 * that leaves everything else to json-glib: each must read exactly as it does through the full
 * parser, which the same answer takes once it has a member with a nested value. */
static const char *plain_cases[] = {
  "{\"orderId\":\"ORD-2026-118305\",\"userId\":\"anna.lindqvist\",\"orderUserId\":\"erik.sjoberg\","
  "\"targetId\":\"OBJ11385_1395932274\",\"targetType\":\"HousingCooperative\",\"tenantId\":\"T1\","
  "\"chainId\":\"G1\",\"customerId\":\"M11385\",\"hasExpired\":false}",
  "{\"OrderId\":\"1\",\"UserId\":\"2\",\"HasExpired\":true}",
  "{}",
  " {  }\r\n",
  "{ \"orderId\" : \"1\" ,\n\t\"hasExpired\":false }\r\n",
  "{\"orderId\":\"1\",\"chainId\":null,\"hasExpired\":null}",
  "{\"orderTicketHasExpired\":true}",
  "{\"hasExpired\":false,\"orderTicketHasExpired\":false}",
  "{\"hasExpired\":false,\"ORDERTICKETHASEXPIRED\":true}",
  "{\"HASEXPIRED\":true,\"orderid\":\"x\"}",
  "{\"hasExpired\":\"yes\"}",
  "{\"orderId\":true}",
  "{\"orderTicketHasExpired\":\"no\"}",
  "{\"orderId\":\"1\",\"OrderId\":\"2\"}",
  "{\"note\":\"a\",\"NOTE\":false}",
  "{\"\":\"empty key\",\"orderId\":\"\"}",
  "{\"orderId\":\"a,b}{[]: ~'\",\"targetType\":\"  spaced  \"}",
  "{\"orderId\":\"1\",\"extra\":\"text\",\"flag\":true,\"none\":null}",
  "{\"orderId\":\"1\",}",
  "{\"orderId\":\"1\"} x",
  "{\"orderId\":\"1\"}}",
  "{\"orderId\" \"1\"}",
  "{\"orderId\":tru}",
  "{\"orderId\":\"1\"",
};

static void
test_plain_same_as_full (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_cases); i++)
    {
      const char *plain = plain_cases[i];
      const char *end = strrchr (plain, '}');
      g_autoptr(GString) full = g_string_new_len (plain, end ? end - plain : (gssize) strlen (plain));
      g_autoptr(GError) plain_error = NULL;
      g_autoptr(GError) full_error = NULL;
      g_autoptr(TlTicket) a = NULL;
      g_autoptr(TlTicket) b = NULL;

      /* the same members and one the short path never takes: a nested list */
      if (end != NULL)
        {
          const char *open = strchr (full->str, '{');
          gboolean empty = TRUE;

          for (const char *c = open ? open + 1 : full->str; *c; c++)
            empty &= g_ascii_isspace (*c);
          g_string_append (full, empty ? "\"zz\":[0]" : ",\"zz\":[0]");
          g_string_append (full, end);
        }
      a = tl_ticket_new_from_data (plain, strlen (plain), NULL, &plain_error);
      b = tl_ticket_new_from_data (full->str, full->len, NULL, &full_error);
      g_test_message ("%s | %s", plain, full->str);
      if (end == NULL || strstr (plain, "} x") != NULL || strstr (plain, "}}") != NULL ||
          strstr (plain, ",}") != NULL || strstr (plain, "\" \"") != NULL || strstr (plain, "tru}") != NULL)
        {
          /* not JSON either way */
          g_assert_null (a);
          g_assert_error (plain_error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED);
          continue;
        }
      g_assert_true ((a == NULL) == (b == NULL));
      if (a == NULL)
        {
          g_assert_nonnull (plain_error);
          g_assert_nonnull (full_error);
          g_assert_cmpstr (plain_error->message, ==, full_error->message);
        }
      else
        {
          g_autofree char *json_a = tl_ticket_to_json (a, FALSE);
          g_autofree char *json_b = tl_ticket_to_json (b, FALSE);

          g_assert_no_error (plain_error);
          g_assert_cmpstr (json_a, ==, json_b);
          g_assert_cmpint (tl_ticket_get_state (a), ==, tl_ticket_get_state (b));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ticket/json-camel-case", test_json_camel);
  g_test_add_func ("/ticket/plain-same-as-full-parser", test_plain_same_as_full);
  g_test_add_func ("/ticket/json-pascal-case", test_json_pascal);
  g_test_add_func ("/ticket/xml-documented", test_xml);
  g_test_add_func ("/ticket/data-sniffs-format", test_data_sniffs);
  g_test_add_func ("/ticket/xml-nil-and-false", test_xml_nil_and_false);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ticket/malformed/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/ticket/missing-and-null", test_missing_and_null);
  g_test_add_func ("/ticket/not-duplicates", test_not_duplicates);
  g_test_add_func ("/ticket/empty-string-kept", test_empty_string_kept);
  g_test_add_func ("/ticket/unicode", test_unicode);
  g_test_add_func ("/ticket/round-trip", test_round_trip);
  g_test_add_func ("/ticket/json-string-writer", test_json_string_writer);
  g_test_add_func ("/ticket/deep-nesting", test_deep_nesting);
  g_test_add_func ("/ticket/field-titles", test_field_titles);
  g_test_add_func ("/ticket/property-type-words", test_property_type_words);
  g_test_add_func ("/ticket/format-lines", test_format_lines);

  return g_test_run ();
}
