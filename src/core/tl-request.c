/* tl-request.c: the documented request: its address (HTTPS except to this computer, the
 * customer id as exactly one path segment), its JSON body and its Basic header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-account.h"
#include "tl-lookup-error.h"
#include "tl-request.h"
#include "tl-secret.h"
#include "tl-text.h"

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* @url as it may be quoted in a message: without anything between "://" and "@", where a
 * pasted address may carry a username and password. */
static char *
display_url (const char *url)
{
  const char *start = strstr (url, "://");
  const char *at, *end;

  if (start == NULL)
    return g_strdup (url);
  start += 3;
  end = start + strcspn (start, "/?#");
  at = NULL;
  for (const char *p = start; p < end; p++)
    if (*p == '@')
      at = p;
  if (at == NULL)
    return g_strdup (url);
  return g_strdup_printf ("%.*s…@%s", (int) (start - url), url, at + 1);
}

static GUri *
parse_base_url (const char  *raw_base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base_url = display_url (raw_base_url);
  const char *scheme;

  uri = g_uri_parse (raw_base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("“%s” is not a web address. Use an address like %s."),
                   base_url, TL_DEFAULT_BASE_URL);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    ;
  else if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (!host_is_loopback (g_uri_get_host (uri)))
        {
          g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                       _("“%s” uses plain http://, which would send the password unencrypted. "
                         "Use https:// (plain http:// is only allowed to this computer)."),
                       base_url);
          return NULL;
        }
    }
  else
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("“%s” is not an https:// address."), base_url);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("The base URL “%s” must not contain a user name, “?” or “#”."), base_url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
tl_client_check_base_url (const char  *base_url,
                          GError     **error)
{
  g_autofree char *url = tl_normalize_base_url (base_url);
  g_autoptr(GUri) uri = parse_base_url (url, error);

  return uri != NULL;
}

/* Escapes everything but RFC 3986 unreserved characters, and '.' too, so that no customer id
 * can become a "." or ".." segment: the id is always exactly one path segment on the wire. */
static char *
escape_segment (const char *segment)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) segment; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '~')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/* Built as a GUri directly: re-parsing the string would let GUri normalize "%2E%2E" back into
 * ".." and remove it as a dot segment. */
/**
 * tl_request_build_uri:
 *
 * Returns: the lookup's address on @base_url, or %NULL with a %TL_LOOKUP_ERROR_INSECURE_URL
 *   error
 */
/* The last base URL that parse_base_url() accepted, and what it made of it: a batch builds
 * thousands of addresses on one base, and parsing and checking it again for each (GUri, the
 * loopback test) was about 1.5 % of a lookup's instructions. Only accepted URLs are kept, and
 * a GUri never changes, so an address built from the kept one is the same as from a new one. */
static GMutex last_base_lock;
static char  *last_base_url;
static GUri  *last_base;

static GUri *
parse_base_url_cached (const char  *url,
                       GError     **error)
{
  GUri *uri = NULL;

  g_mutex_lock (&last_base_lock);
  if (last_base_url != NULL && strcmp (last_base_url, url) == 0)
    uri = g_uri_ref (last_base);
  g_mutex_unlock (&last_base_lock);
  if (uri != NULL)
    return uri;

  uri = parse_base_url (url, error);
  if (uri != NULL)
    {
      g_mutex_lock (&last_base_lock);
      g_free (last_base_url);
      g_clear_pointer (&last_base, g_uri_unref);
      last_base_url = g_strdup (url);
      last_base = g_uri_ref (uri);
      g_mutex_unlock (&last_base_lock);
    }
  return uri;
}

GUri *
tl_request_build_uri (const char  *base_url,
                      const char  *customer_id,
                      GError     **error)
{
  g_autofree char *url = tl_normalize_base_url (base_url);
  g_autoptr(GUri) base = parse_base_url_cached (url, error);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_path = NULL;
  gsize len;

  if (base == NULL)
    return NULL;

  base_path = g_strdup (g_uri_get_path (base));
  len = strlen (base_path);
  while (len > 0 && base_path[len - 1] == '/')
    base_path[--len] = '\0';

  escaped = escape_segment (customer_id);
  path = g_strconcat (base_path, "/Service/Order/Token/", escaped, NULL);
  return g_uri_build (SOUP_HTTP_URI_FLAGS, g_uri_get_scheme (base), NULL,
                      g_uri_get_host (base), g_uri_get_port (base), path, NULL, NULL);
}

/**
 * tl_client_build_url:
 *
 * Returns: `{base}/Service/Order/Token/{customerId}` with the id escaped as one path segment,
 *   or %NULL with a %TL_LOOKUP_ERROR_INSECURE_URL error
 */
char *
tl_client_build_url (const char  *base_url,
                     const char  *customer_id,
                     GError     **error)
{
  g_autoptr(GUri) uri = tl_request_build_uri (base_url, customer_id, error);

  return uri ? g_uri_to_string (uri) : NULL;
}

/**
 * tl_client_build_body:
 *
 * Returns: `{"data":"<token>"}`, the token written as a JSON string (tl_text_append_json_string).
 *   Secret: free with tl_secret_free().
 */
char *
tl_client_build_body (const char *token)
{
  g_autofree char *valid = g_utf8_validate (token, -1, NULL) ? NULL : g_utf8_make_valid (token, -1);
  const char *text = valid ? valid : token;
  /* Sized for the longest escaping (six bytes for one), so the buffer never moves and leaves no
   * copy of the token behind in freed memory. */
  GString *body = g_string_sized_new (6 * strlen (text) + 16);

  g_string_append (body, "{\"data\":");
  tl_text_append_json_string (body, text);
  g_string_append_c (body, '}');
  if (valid != NULL)
    explicit_bzero (valid, strlen (valid));
  return g_string_free (body, FALSE);
}

/**
 * tl_client_build_authorization:
 *
 * Returns: "Basic base64(username:password)" of the UTF-8 strings. Secret: free with care.
 */
char *
tl_client_build_authorization (const char *username,
                               const char *password)
{
  g_autofree char *pair = g_strconcat (username ? username : "", ":", password ? password : "", NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  char *header = g_strconcat ("Basic ", encoded, NULL);

  explicit_bzero (pair, strlen (pair));
  explicit_bzero (encoded, strlen (encoded));
  return header;
}

/**
 * tl_request_new_message:
 *
 * The documented lookup: POST to @uri with `{"data":"<token>"}` and a Basic header made here
 * from @username and @password (libsoup's authentication is off for it), never following a
 * redirect, collecting timing.
 *
 * Returns: (transfer full): the message, ready to send
 */
SoupMessage *
tl_request_new_message (GUri       *uri,
                        const char *username,
                        const char *password,
                        const char *token)
{
  SoupMessage *msg = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  g_autofree char *authorization = NULL;
  g_autoptr(GBytes) body = NULL;
  char *body_text;

  /* IDEMPOTENT: the lookup only reads a ticket, so it may go out on a kept-alive connection
   * (libsoup opens a new connection for every non-idempotent POST otherwise) and libsoup may
   * resend it once if that connection turns out to have been closed by the server. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS |
                               SOUP_MESSAGE_IDEMPOTENT);
  soup_message_disable_feature (msg, SOUP_TYPE_AUTH_MANAGER);

  authorization = tl_client_build_authorization (username, password);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  explicit_bzero (authorization, strlen (authorization));

  body_text = tl_client_build_body (token);
  body = g_bytes_new_with_free_func (body_text, strlen (body_text),
                                     (GDestroyNotify) tl_secret_free, body_text);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  return msg;
}
