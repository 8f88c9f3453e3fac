/* tl-error-body.c: Web API ModelState (either casing), ProblemDetails, plain text, HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "tl-error-body.h"
#include "tl-json.h"

void
tl_error_body_free (TlErrorBody *body)
{
  if (body == NULL)
    return;
  g_free (body->message);
  g_free (body->trace_id);
  g_ptr_array_unref (body->details);
  g_ptr_array_unref (body->texts);
  g_free (body);
}

static char *
collapse_whitespace (const char *text,
                     gsize       max_chars)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  glong n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xa0)
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if ((gsize) n + (space ? 1 : 0) >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
        }
      space = FALSE;
      g_string_append_unichar (out, c);
      n++;
    }
  return g_string_free (out, FALSE);
}

static const char *
get_member_ci (JsonObject *object,
               const char *name)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l; l = l->next)
    if (g_ascii_strcasecmp (l->data, name) == 0)
      return l->data;
  return NULL;
}

static const char *
get_string_ci (JsonObject *object,
               const char *name)
{
  const char *key = get_member_ci (object, name);
  JsonNode *node;

  if (key == NULL)
    return NULL;
  node = json_object_get_member (object, key);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static void
add_detail (TlErrorBody *body,
            const char  *field,
            const char  *message)
{
  g_autofree char *clean = collapse_whitespace (message, TL_ERROR_BODY_MAX_TEXT);

  if (*clean == '\0')
    return;
  g_ptr_array_add (body->texts, g_strdup (clean));
  if (field != NULL && *field != '\0')
    g_ptr_array_add (body->details, g_strdup_printf ("%s: %s", field, clean));
  else
    g_ptr_array_add (body->details, g_steal_pointer (&clean));
}

/* { "field": ["message", …] } or { "field": "message" } */
static void
add_error_map (TlErrorBody *body,
               JsonNode    *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *array = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonNode *item = json_array_get_element (array, i);

                  if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                    add_detail (body, l->data, json_node_get_string (item));
                  else if (JSON_NODE_HOLDS_OBJECT (item))
                    {
                      const char *m = get_string_ci (json_node_get_object (item), "ErrorMessage");
                      if (m != NULL)
                        add_detail (body, l->data, m);
                    }
                }
            }
          else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            add_detail (body, l->data, json_node_get_string (value));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            add_detail (body, NULL, json_node_get_string (item));
          else if (JSON_NODE_HOLDS_OBJECT (item))
            {
              JsonObject *o = json_node_get_object (item);
              const char *m = get_string_ci (o, "message");
              if (m == NULL)
                m = get_string_ci (o, "ErrorMessage");
              if (m != NULL)
                add_detail (body, get_string_ci (o, "field"), m);
            }
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    add_detail (body, NULL, json_node_get_string (node));
}

static gboolean
parse_json (TlErrorBody *body,
            const char  *data,
            gsize        length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;
  const char *message;
  const char *key;
  static const char *message_keys[] = { "Message", "title", "error_description", "error", "detail" };

  if (!tl_json_depth_ok (data, length) || !json_parser_load_from_data (parser, data, length, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    {
      body->message = collapse_whitespace (json_node_get_string (root), TL_ERROR_BODY_MAX_TEXT);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      add_error_map (body, root);
      return body->details->len > 0;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (message_keys); i++)
    if ((message = get_string_ci (object, message_keys[i])) != NULL)
      {
        body->message = collapse_whitespace (message, TL_ERROR_BODY_MAX_TEXT);
        break;
      }

  /* Web API 2 extras: MessageDetail and ExceptionMessage are worth showing. */
  if ((message = get_string_ci (object, "MessageDetail")) != NULL)
    add_detail (body, NULL, message);
  if ((message = get_string_ci (object, "ExceptionMessage")) != NULL)
    add_detail (body, NULL, message);
  /* ProblemDetails has a detail next to its title. */
  if (body->message != NULL && (message = get_string_ci (object, "detail")) != NULL &&
      g_strcmp0 (body->message, message) != 0)
    add_detail (body, NULL, message);

  if ((key = get_member_ci (object, "ModelState")) != NULL)
    add_error_map (body, json_object_get_member (object, key));
  if ((key = get_member_ci (object, "errors")) != NULL)
    add_error_map (body, json_object_get_member (object, key));

  if ((message = get_string_ci (object, "traceId")) != NULL ||
      (message = get_string_ci (object, "requestId")) != NULL ||
      (message = get_string_ci (object, "correlationId")) != NULL)
    body->trace_id = collapse_whitespace (message, 200);

  return body->message != NULL || body->details->len > 0;
}

static void
append_entity (GString    *out,
               const char *entity,
               gsize       len)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "auml", "ä" }, { "ouml", "ö" }, { "aring", "å" },
    { "Auml", "Ä" }, { "Ouml", "Ö" }, { "Aring", "Å" },
  };

  if (len > 1 && entity[0] == '#')
    {
      guint64 code;

      if (entity[1] == 'x' || entity[1] == 'X')
        code = g_ascii_strtoull (entity + 2, NULL, 16);
      else
        code = g_ascii_strtoull (entity + 1, NULL, 10);
      if (code > 0 && code < 0x110000 && g_unichar_validate ((gunichar) code))
        g_string_append_unichar (out, (gunichar) code);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == len && strncmp (entities[i].name, entity, len) == 0)
      {
        g_string_append (out, entities[i].text);
        return;
      }
}

/**
 * tl_html_to_text:
 *
 * Reduces an HTML page (a proxy's or gateway's error page) to its visible text: tags, scripts
 * and styles removed, common entities decoded, whitespace collapsed, capped. The page's title
 * is not on the page (a browser shows it in the tab; nginx repeats it as the heading): it is
 * the text only of a page that has no other.
 */
char *
tl_html_to_text (const char *html,
                 gsize       length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize i = 0;
  const char *title = NULL;
  gsize title_length = 0;

  while (i < length)
    {
      char c = html[i];

      if (c == '<')
        {
          const char *skip_to = NULL;

          if (length - i > 7 && g_ascii_strncasecmp (html + i, "<script", 7) == 0)
            skip_to = "</script";
          else if (length - i > 6 && g_ascii_strncasecmp (html + i, "<style", 6) == 0)
            skip_to = "</style";
          else if (length - i > 4 && strncmp (html + i, "<!--", 4) == 0)
            skip_to = "-->";
          else if (length - i > 6 && g_ascii_strncasecmp (html + i, "<title", 6) == 0 &&
                   (html[i + 6] == '>' || g_ascii_isspace (html[i + 6])))
            {
              gsize start = i + 6;

              skip_to = "</title";
              while (start < length && html[start] != '>')
                start++;
              if (title == NULL && start < length)
                {
                  gsize end = start + 1;

                  while (end + 7 <= length && g_ascii_strncasecmp (html + end, skip_to, 7) != 0)
                    end++;
                  title = html + start + 1;
                  title_length = MIN (end, length) - (start + 1);
                }
            }

          if (skip_to != NULL)
            {
              gsize n = strlen (skip_to);
              gsize j = i + 1;

              while (j + n <= length && g_ascii_strncasecmp (html + j, skip_to, n) != 0)
                j++;
              i = j + n;
            }
          while (i < length && html[i] != '>')
            i++;
          i++;
          g_string_append_c (out, ' ');
        }
      else if (c == '&')
        {
          gsize j = i + 1;

          while (j < length && j - i < 10 && (g_ascii_isalnum (html[j]) || html[j] == '#'))
            j++;
          if (j < length && html[j] == ';')
            {
              append_entity (out, html + i + 1, j - i - 1);
              i = j + 1;
            }
          else
            {
              g_string_append_c (out, '&');
              i++;
            }
        }
      else
        {
          g_string_append_c (out, c);
          i++;
        }
    }

  if (title != NULL && title_length > 0)
    {
      gboolean only_space = TRUE;

      for (gsize k = 0; k < out->len && only_space; k++)
        only_space = g_ascii_isspace (out->str[k]);
      if (only_space)
        return tl_html_to_text (title, title_length);
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (out->str, out->len);
      return collapse_whitespace (valid, TL_ERROR_BODY_MAX_TEXT);
    }
  return collapse_whitespace (out->str, TL_ERROR_BODY_MAX_TEXT);
}

/**
 * tl_error_body_parse:
 *
 * Reads an error body in any of the shapes an ASP.NET service or a gateway in front of it
 * sends. Never fails: unreadable bodies give a message of their raw text (or none).
 */
TlErrorBody *
tl_error_body_parse (const char *data,
                     gsize       length,
                     const char *content_type)
{
  TlErrorBody *body = g_new0 (TlErrorBody, 1);
  gsize start = 0;

  body->details = g_ptr_array_new_with_free_func (g_free);
  body->texts = g_ptr_array_new_with_free_func (g_free);

  if (data == NULL || length == 0)
    return body;

  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    return body;

  if ((data[start] == '{' || data[start] == '[' || data[start] == '"') &&
      parse_json (body, data + start, length - start))
    return body;

  g_clear_pointer (&body->message, g_free);
  g_ptr_array_set_size (body->details, 0);
  g_ptr_array_set_size (body->texts, 0);

  if (data[start] == '<' || (content_type && strstr (content_type, "html")))
    {
      body->message = tl_html_to_text (data + start, length - start);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (data + start, length - start);
      body->message = collapse_whitespace (valid, TL_ERROR_BODY_MAX_TEXT);
    }

  if (body->message != NULL && *body->message == '\0')
    g_clear_pointer (&body->message, g_free);

  return body;
}

/**
 * tl_error_body_to_string:
 *
 * Returns: the message and the detail lines, one per line
 */
char *
tl_error_body_to_string (const TlErrorBody *body)
{
  GString *out = g_string_new (NULL);

  if (body->message)
    g_string_append (out, body->message);
  for (guint i = 0; i < body->details->len; i++)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_ptr_array_index (body->details, i));
    }
  return g_string_free (out, FALSE);
}
