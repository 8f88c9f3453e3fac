/* tl-account-check.c: does the service accept an account?
 *
 * Setting up a partner account should not need a real token. The service judges the caller
 * before the token: with a token that cannot exist, 401 means the credentials are wrong, its
 * own validation answer (400, JSON, ModelState or ProblemDetails naming the token) means they
 * were accepted (the token was judged, not the caller), and 403 means they work but the
 * customer ID asked about is not theirs. Any other answer (an HTML or text 400, a 200, a
 * redirect, a gateway's page) was not the service judging anything: the check says so rather
 * than guess. The probe is an ordinary lookup (same request, same account snapshot, same
 * redaction) with TL_ACCOUNT_CHECK_TOKEN as the token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tl-json.h"
#include "tl-account-check.h"
#include "tl-lookup-error.h"
#include "tl-text.h"
#include "tl-ticket.h"

static gboolean
is_json_type (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strcasecmp (content_type, "application/json") == 0 ||
          g_ascii_strcasecmp (content_type, "text/json") == 0 ||
          (strlen (content_type) > 5 &&
           g_ascii_strcasecmp (content_type + strlen (content_type) - 5, "+json") == 0));
}

static gboolean
names_token (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return strstr (lower, "token") != NULL || strcmp (lower, "data") == 0 ||
         g_str_has_suffix (lower, ".data");
}

/* { "token.Data": ["The token is not valid."] }: a field or a message that names the token */
static gboolean
error_map_names_token (JsonNode *node)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (const GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (names_token (l->data))
        return TRUE;
      if (JSON_NODE_HOLDS_ARRAY (value))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
          {
            JsonNode *item = json_array_get_element (json_node_get_array (value), i);

            if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING &&
                names_token (json_node_get_string (item)))
              return TRUE;
          }
    }
  return FALSE;
}

static JsonNode *
get_member_ci (JsonObject *object,
               const char *name)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    if (g_ascii_strcasecmp (l->data, name) == 0)
      return json_object_get_member (object, l->data);
  return NULL;
}

/* The service's own answer to a token that cannot exist: 400, a JSON content type, and Web
 * API ModelState or ProblemDetails errors that name the token. */
static gboolean
is_service_validation_answer (TlLookupResult *result)
{
  SoupMessageHeaders *headers = tl_lookup_result_get_response_headers (result);
  const char *body = tl_lookup_result_get_body_excerpt (result);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (tl_lookup_result_get_status (result) != 400 || headers == NULL || body == NULL ||
      !is_json_type (soup_message_headers_get_content_type (headers, NULL)) ||
      !tl_json_depth_ok (body, strlen (body)))
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  return error_map_names_token (get_member_ci (json_node_get_object (root), "ModelState")) ||
         error_map_names_token (get_member_ci (json_node_get_object (root), "errors"));
}

/**
 * tl_account_check_from_result:
 * @customer_given: whether the person asked about a customer ID (else a 403 for the
 *   placeholder ID still means the credentials were accepted)
 */
TlAccountCheck
tl_account_check_from_result (TlLookupResult *result,
                              gboolean        customer_given)
{
  const GError *error = tl_lookup_result_get_error (result);

  if (error == NULL)
    return TL_ACCOUNT_CHECK_NOT_THE_SERVICE;   /* a ticket for a token that cannot exist */
  if (error->domain != TL_LOOKUP_ERROR)
    return TL_ACCOUNT_CHECK_FAILED;
  switch (error->code)
    {
    case TL_LOOKUP_ERROR_BAD_REQUEST:
      return is_service_validation_answer (result) ? TL_ACCOUNT_CHECK_ACCEPTED
                                                   : TL_ACCOUNT_CHECK_NOT_THE_SERVICE;
    case TL_LOOKUP_ERROR_UNAUTHORIZED:
      return TL_ACCOUNT_CHECK_REJECTED;
    case TL_LOOKUP_ERROR_FORBIDDEN:
      /* for the placeholder ID the service judges the token, never the customer */
      return customer_given ? TL_ACCOUNT_CHECK_NO_ACCESS : TL_ACCOUNT_CHECK_NOT_THE_SERVICE;
    case TL_LOOKUP_ERROR_MALFORMED:
    case TL_LOOKUP_ERROR_REDIRECT:
    case TL_LOOKUP_ERROR_NOT_FOUND:
    case TL_LOOKUP_ERROR_CLIENT_ERROR:
      return TL_ACCOUNT_CHECK_NOT_THE_SERVICE;
    default:
      if (error->code == TL_LOOKUP_ERROR_GATEWAY)
        return TL_ACCOUNT_CHECK_NOT_THE_SERVICE;
      return TL_ACCOUNT_CHECK_FAILED;
    }
}

/**
 * tl_account_check_to_string:
 *
 * Returns: "accepted", "rejected", "no-access", "not-the-service" or "failed" (the --json name)
 */
const char *
tl_account_check_to_string (TlAccountCheck check)
{
  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED: return "accepted";
    case TL_ACCOUNT_CHECK_REJECTED: return "rejected";
    case TL_ACCOUNT_CHECK_NO_ACCESS: return "no-access";
    case TL_ACCOUNT_CHECK_NOT_THE_SERVICE: return "not-the-service";
    case TL_ACCOUNT_CHECK_FAILED:
    default: return "failed";
    }
}

/**
 * tl_account_check_exit_status:
 *
 * Returns: 0 accepted, 3 rejected, 4 no access to the customer, 11 not answered as the
 *   service does; a failure has its class's status (7 for an unreachable service)
 */
int
tl_account_check_exit_status (TlAccountCheck  check,
                              TlLookupResult *result)
{
  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED:
      return TL_EXIT_VALID;
    case TL_ACCOUNT_CHECK_REJECTED:
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_UNAUTHORIZED);
    case TL_ACCOUNT_CHECK_NO_ACCESS:
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_FORBIDDEN);
    case TL_ACCOUNT_CHECK_NOT_THE_SERVICE:
      return TL_EXIT_NOT_THE_SERVICE;
    case TL_ACCOUNT_CHECK_FAILED:
    default:
      return tl_lookup_result_get_exit_status (result);
    }
}

/**
 * tl_account_check_describe:
 *
 * Returns: the verdict in a sentence: "Username and password accepted by HOST", "Wrong username
 *   or password", "Accepted, but no access to customer M123", "The server answered, but not as
 *   Vitec Express Connect does: …" with the status and the Server header, or the failure's title
 *   and cause
 */
char *
tl_account_check_describe (TlAccountCheck  check,
                           TlLookupResult *result)
{
  TlAccount *account = tl_lookup_result_get_account (result);
  g_autofree char *host = account ? tl_account_dup_host (account) : g_strdup ("");
  const GError *error = tl_lookup_result_get_error (result);

  switch (check)
    {
    case TL_ACCOUNT_CHECK_ACCEPTED:
      return g_strdup_printf (_("Username and password accepted by %s"), host);
    case TL_ACCOUNT_CHECK_REJECTED:
      return g_strdup (_("Wrong username or password"));
    case TL_ACCOUNT_CHECK_NO_ACCESS:
      return g_strdup_printf (_("Accepted, but no access to customer %s"),
                              tl_lookup_result_get_customer_id (result));
    case TL_ACCOUNT_CHECK_NOT_THE_SERVICE:
      {
        SoupMessageHeaders *headers = tl_lookup_result_get_response_headers (result);
        g_autofree char *server = tl_text_visible (headers ? soup_message_headers_get_one (headers, "Server")
                                                           : NULL);
        g_autofree char *reason = tl_text_visible (tl_lookup_result_get_reason (result));

        /* Translators: %u %s is the HTTP status ("400 Bad Request"), the last %s the server's
         * Server header (e.g. "nginx/1.22.1") */
        return g_strdup_printf (_("The server answered, but not as Vitec Express Connect does: the "
                                  "password could not be checked. It answered %u %s, Server: %s."),
                                tl_lookup_result_get_status (result), reason ? reason : "",
                                server ? server : _("not named"));
      }
    case TL_ACCOUNT_CHECK_FAILED:
    default:
      {
        TlLookupError code = error != NULL ? tl_lookup_error_code (error) : TL_LOOKUP_ERROR_NETWORK;
        g_autofree char *cause = tl_text_visible (error ? error->message : NULL);
        g_autofree char *server = tl_lookup_error_server_of (tl_lookup_result_get_base_url (result));
        g_autofree char *next_step = tl_lookup_error_dup_next_step (code, server);

        return g_strdup_printf ("%s: %s\n%s", tl_lookup_error_get_title (code), cause ? cause : "",
                                next_step);
      }
    }
}
