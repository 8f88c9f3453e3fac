/* tl-gateway.c: is an error answer a gateway's own page, not the service's?
 *
 * Vitec Express Connect is an ASP.NET service: its errors are JSON. Between this computer and
 * it there may be a reverse proxy, a load balancer, a content delivery network or a company
 * proxy, and each of them answers some failures itself with a page of its own: nginx's "413
 * Request Entity Too Large", a "502 Bad Gateway" when the service behind it is down. Such a
 * page says nothing about the service, and "contact Vitec support" or "the service failed" would
 * send the user the wrong way. tl_gateway_identify() names the gateway from what the answer
 * shows: a body that names it, or for statuses only a gateway sends, a Server, Via or
 * product-specific header. A JSON body is the service's (nginx in front rewrites the Server
 * header of every answer it passes on, the service's own included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-gateway.h"
#include "tl-text.h"

#define SCAN_MAX 4096

typedef struct
{
  const char *needle;     /* lower case */
  const char *name;
} Product;

/* In a Server or Via header. Microsoft-IIS and Kestrel are the service's own. */
static const Product header_products[] = {
  { "openresty", "OpenResty" },
  { "nginx", "nginx" },
  { "apache", "Apache" },
  { "squid", "squid" },
  { "haproxy", "HAProxy" },
  { "cloudflare", "Cloudflare" },
  { "varnish", "Varnish" },
  { "akamai", "Akamai" },
  { "cloudfront", "Amazon CloudFront" },
  { "awselb", "AWS Elastic Load Balancing" },
  { "envoy", "Envoy" },
  { "caddy", "Caddy" },
  { "big-ip", "F5 BIG-IP" },
  { "bigip", "F5 BIG-IP" },
  { "traefik", "Traefik" },
};

/* In the text of a page: what each product's own error pages say. */
static const Product body_products[] = {
  { "openresty", "OpenResty" },
  { "nginx", "nginx" },
  { "application request routing", "IIS Application Request Routing" },
  { "apache/", "Apache" },
  { "apache server at", "Apache" },
  { "squid", "squid" },
  { "haproxy", "HAProxy" },
  { "cloudflare", "Cloudflare" },
  { "varnish", "Varnish" },
  { "akamai", "Akamai" },
  { "cloudfront", "Amazon CloudFront" },
  { "upstream connect error", "Envoy" },
};

/* Headers only a gateway adds, for statuses only a gateway sends. */
static const struct { const char *header; const char *name; } gateway_headers[] = {
  { "X-Varnish", "Varnish" },
  { "CF-RAY", "Cloudflare" },
  { "X-Squid-Error", "squid" },
  { "X-Amz-Cf-Id", "Amazon CloudFront" },
  { "X-Azure-Ref", "Azure Front Door" },
};

/* A gateway's own failures: the body too large for it, the service behind it not answering,
 * Cloudflare's 52x, nginx's 494-499. The service itself never sends these. */
static gboolean
is_gateway_status (guint status)
{
  return status == 413 || status == 414 || status == 431 || (status >= 494 && status <= 499) ||
         status == 502 || status == 503 || status == 504 || (status >= 520 && status <= 530);
}

/* Statuses a gateway's page may come with (a firewall's 403, a 400 for a request it could not
 * parse, a 500 of its own): named only when the page names its product. 401 and 404 stay the
 * service's: their advice (the password, the base URL) holds either way. */
static gboolean
is_page_status (guint status)
{
  return is_gateway_status (status) || status == 400 || status == 403 || status == 405 ||
         status == 408 || status == 411 || status == 421 || status == 429 || status == 500 ||
         status == 505;
}

static gboolean
is_json (SoupMessageHeaders *headers,
         const char         *body,
         gsize               length)
{
  const char *type = headers ? soup_message_headers_get_content_type (headers, NULL) : NULL;
  gsize i = 0;

  if (type != NULL && (g_ascii_strcasecmp (type, "application/json") == 0 ||
                       g_ascii_strcasecmp (type, "text/json") == 0 ||
                       (strlen (type) > 5 && g_ascii_strcasecmp (type + strlen (type) - 5, "+json") == 0)))
    return TRUE;
  while (body != NULL && i < length && g_ascii_isspace (body[i]))
    i++;
  return body != NULL && i < length && (body[i] == '{' || body[i] == '[');
}

static const char *
find_product (const Product *products,
              guint          n,
              const char    *text)
{
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;
  lower = g_ascii_strdown (text, -1);
  for (guint i = 0; i < n; i++)
    if (strstr (lower, products[i].needle) != NULL)
      return products[i].name;
  return NULL;
}

static char *
from_headers (SoupMessageHeaders *headers)
{
  const char *server = soup_message_headers_get_one (headers, "Server");
  const char *via = soup_message_headers_get_list (headers, "Via");
  const char *powered = soup_message_headers_get_list (headers, "X-Powered-By");
  const char *name;

  if ((name = find_product (header_products, G_N_ELEMENTS (header_products), server)) != NULL)
    return g_strdup (name);
  if (powered != NULL && strstr (powered, "ARR") != NULL)
    return g_strdup ("IIS Application Request Routing");
  for (guint i = 0; i < G_N_ELEMENTS (gateway_headers); i++)
    if (soup_message_headers_get_one (headers, gateway_headers[i].header) != NULL)
      return g_strdup (gateway_headers[i].name);
  if (via != NULL)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *first = NULL;
      g_autofree char *visible = NULL;

      if ((name = find_product (header_products, G_N_ELEMENTS (header_products), via)) != NULL)
        return g_strdup (name);
      /* "1.1 proxy.example.com (comment)": the proxy's own name */
      first = g_strstrip (g_strndup (via, strcspn (via, ",")));
      parts = g_strsplit_set (first, " \t", 3);
      /* a name of more than 60 characters is not quoted rather than cut: the redaction that
       * follows finds a token or password echoed in it only whole */
      if (parts[0] != NULL && parts[1] != NULL && *parts[1] != '\0')
        visible = tl_text_visible (parts[1]);
      if (visible != NULL && g_utf8_strlen (visible, -1) <= 60)
        {
          /* Translators: a gateway known only by the name it gives in its Via header; begins
           * the sentence "%s answered 502 Bad Gateway, not Vitec Express Connect." */
          return g_strdup_printf (_("The proxy “%s”"), visible);
        }
      /* Translators: begins "%s answered 502 Bad Gateway, not Vitec Express Connect." */
      return g_strdup (_("A proxy"));
    }
  return NULL;
}

/**
 * tl_gateway_identify:
 * @status: the HTTP status
 * @headers: (nullable): the response headers
 * @body: (nullable): the body, or its first bytes (not nul-terminated)
 *
 * Tells a gateway's own page from the service's answer. Pure: looks at nothing else.
 *
 * Returns: (transfer full) (nullable): the gateway's name ("nginx", "Cloudflare", "The proxy
 *   “cache.example.com”"), or %NULL when the answer may be the service's
 */
char *
tl_gateway_identify (guint               status,
                     SoupMessageHeaders *headers,
                     const char         *body,
                     gsize               length)
{
  const char *name = NULL;

  if (!is_page_status (status) || is_json (headers, body, length))
    return NULL;

  if (body != NULL && length > 0)
    {
      g_autofree char *text = g_utf8_make_valid (body, MIN (length, SCAN_MAX));

      name = find_product (body_products, G_N_ELEMENTS (body_products), text);
      if (name != NULL)
        return g_strdup (name);
    }
  if (headers != NULL && is_gateway_status (status))
    return from_headers (headers);
  return NULL;
}

/* A JSON error of the service's that speaks of the token or an order */
static gboolean
speaks_of_token (const TlErrorBody *error_body)
{
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;

  if (error_body == NULL)
    return FALSE;
  text = tl_error_body_to_string (error_body);
  lower = g_utf8_strdown (text, -1);
  return strstr (lower, "token") != NULL || strstr (lower, "order") != NULL ||
         strstr (lower, "beställning") != NULL;
}

/**
 * tl_gateway_classify:
 * @reason: (nullable): the status's reason phrase
 * @error_body: (nullable): the body as read by tl_error_body_parse()
 * @code: (out): the failure class, when %TRUE is returned
 * @message: (out): the cause, when %TRUE is returned
 *
 * The failure class of an error answer where its status alone would mislead: a gateway's own
 * page (%TL_LOOKUP_ERROR_GATEWAY, the cause names the gateway), or the service's JSON message
 * about the token under a status that says otherwise (a 404 with "No order was found for the
 * token" is the token judged, not an unknown address: %TL_LOOKUP_ERROR_BAD_REQUEST).
 *
 * Returns: %FALSE when the status's own class holds
 */
gboolean
tl_gateway_classify (guint               status,
                     const char         *reason,
                     SoupMessageHeaders *headers,
                     const char         *body,
                     gsize               length,
                     const TlErrorBody  *error_body,
                     TlLookupError      *code,
                     char              **message)
{
  g_autofree char *name = tl_gateway_identify (status, headers, body, length);

  if (name != NULL)
    {
      *code = TL_LOOKUP_ERROR_GATEWAY;
      /* Translators: "nginx answered 413 Request Entity Too Large, not Vitec Express Connect." */
      *message = g_strdup_printf (_("%s answered %u %s, not Vitec Express Connect."), name, status,
                                  reason ? reason : "");
      return TRUE;
    }
  if (status == 404 && is_json (headers, body, length) && speaks_of_token (error_body))
    {
      *code = TL_LOOKUP_ERROR_BAD_REQUEST;
      *message = g_strdup_printf (_("The service answered %u %s."), status, reason ? reason : "");
      return TRUE;
    }
  return FALSE;
}
