/* tl-ticket-read.c: an OrderTicket read from an answer: JSON (either key casing; the plain
 * flat shape in one pass, anything else through json-glib) or the documented XML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tl-json.h"
#include "tl-lookup-error.h"
#include "tl-ticket-private.h"
#include "tl-text.h"

static const char *
json_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType t = json_node_get_value_type (node);
        if (t == G_TYPE_BOOLEAN) return _("true/false");
        if (t == G_TYPE_STRING) return _("text");
        return _("a number");
      }
    }
}

/* The answer's JSON string literal at @literal (quotes included) as text: a key spelt with
 * escapes ("has\u0045xpired") is the key it spells. */
static char *
decode_key (const char *literal,
            gsize       length,
            gboolean    escaped)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!escaped)
    return g_utf8_make_valid (literal + 1, length - 2);
  json = g_strndup (literal, length);
  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_utf8_make_valid (json_node_get_string (node), -1);
}

/* A key the top-level object has twice, exactly or differing only by case (named as it came
 * first), or NULL. json-glib
 * keeps the last value of a key, so the parsed object cannot tell: {"hasExpired": true,
 * "hasExpired": false} would read as valid. Called on text json-glib parsed as an object. */
static char *
find_duplicate_key (const char *data,
                    gsize       length)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean expect_key = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          gsize start = i;
          gboolean escaped = FALSE;

          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              {
                escaped = TRUE;
                i++;
              }
          if (i >= length)
            break;
          if (depth == 1 && expect_key)
            {
              g_autofree char *key = decode_key (data + start, i + 1 - start, escaped);
              g_autofree char *folded = key ? g_utf8_casefold (key, -1) : NULL;
              const char *first;

              expect_key = FALSE;
              if (key == NULL)
                continue;
              if ((first = g_hash_table_lookup (keys, folded)) != NULL)
                return g_strdup (first);   /* named as it first came */
              g_hash_table_insert (keys, g_steal_pointer (&folded), g_steal_pointer (&key));
            }
        }
      else if (c == '{' || c == '[')
        {
          depth++;
          expect_key = depth == 1 && c == '{';
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
      else if (c == ',' && depth == 1)
        expect_key = TRUE;
    }
  return NULL;
}

/* --- the plain shape, read without json-glib ----------------------------------------------
 * Almost every answer is one flat object of printable-ASCII keys and values: strings without
 * escapes, true, false or null. That shape is read here in one pass, at a tenth of the
 * instructions of json-glib's scanner plus the duplicate-key pass. Anything else (an escape, a
 * byte outside printable ASCII, a number, a nested value, a key twice in any casing, a field
 * of the wrong type, more members than a ticket has room for) is left to the full parser
 * below, which also words every error: this only ever reads text that json-glib reads the
 * same way, so what is accepted, refused and said about it does not change. */

#define PLAIN_MAX_MEMBERS 24
#define PLAIN_MAX_KEY     64

typedef struct
{
  const char *key;
  gsize       key_length;
  const char *value;        /* a string's first character, or "true", "false", "null" */
  gsize       value_length;
  char        kind;         /* 's' string, 't' true, 'f' false, 'n' null */
} PlainMember;

static inline gboolean
plain_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A string literal at data[*i] == '"' of printable ASCII without escapes; *i is left after
 * its closing quote. */
static gboolean
plain_string (const char  *data,
              gsize        length,
              gsize       *i,
              const char **start,
              gsize       *string_length)
{
  gsize j = *i + 1;

  for (; j < length && data[j] != '"'; j++)
    if ((guchar) data[j] < 0x20 || (guchar) data[j] > 0x7e || data[j] == '\\')
      return FALSE;
  if (j >= length)
    return FALSE;
  *start = data + *i + 1;
  *string_length = j - (*i + 1);
  *i = j + 1;
  return TRUE;
}

static gboolean
plain_word (const char *data,
            gsize       length,
            gsize      *i,
            const char *word)
{
  gsize n = strlen (word);

  if (length - *i < n || memcmp (data + *i, word, n) != 0)
    return FALSE;
  *i += n;
  return TRUE;
}

/* The members of @data if it is the plain shape, in the order they came; FALSE otherwise. */
static gboolean
plain_members (const char  *data,
               gsize        length,
               PlainMember *members,
               guint       *n_members)
{
  gsize i = 0;
  guint n = 0;

#define SKIP_SPACE() while (i < length && plain_space (data[i])) i++
  SKIP_SPACE ();
  if (i >= length || data[i] != '{')
    return FALSE;
  i++;
  SKIP_SPACE ();
  if (i < length && data[i] == '}')
    i++;
  else
    for (;;)
      {
        PlainMember *m;

        if (n == PLAIN_MAX_MEMBERS || i >= length || data[i] != '"')
          return FALSE;
        m = &members[n++];
        if (!plain_string (data, length, &i, &m->key, &m->key_length) || m->key_length >= PLAIN_MAX_KEY)
          return FALSE;
        SKIP_SPACE ();
        if (i >= length || data[i] != ':')
          return FALSE;
        i++;
        SKIP_SPACE ();
        if (i >= length)
          return FALSE;
        m->value = data + i;
        if (data[i] == '"')
          {
            if (!plain_string (data, length, &i, &m->value, &m->value_length))
              return FALSE;
            m->kind = 's';
          }
        else if (plain_word (data, length, &i, "true"))
          m->kind = 't';
        else if (plain_word (data, length, &i, "false"))
          m->kind = 'f';
        else if (plain_word (data, length, &i, "null"))
          m->kind = 'n';
        else
          return FALSE;
        SKIP_SPACE ();
        if (i < length && data[i] == ',')
          {
            i++;
            SKIP_SPACE ();
            continue;
          }
        if (i < length && data[i] == '}')
          {
            i++;
            break;
          }
        return FALSE;
      }
  SKIP_SPACE ();
#undef SKIP_SPACE
  if (i != length)
    return FALSE;

  /* a key twice, in any casing: the full parser names it */
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      if (members[a].key_length == members[b].key_length &&
          g_ascii_strncasecmp (members[a].key, members[b].key, members[a].key_length) == 0)
        return FALSE;
  *n_members = n;
  return TRUE;
}

/* The ticket of a plain-shaped answer, or NULL (nothing set in @error) for the full parser. */
static TlTicket *
ticket_from_plain_json (const char  *data,
                        gsize        length,
                        gboolean    *handled,
                        GError     **error)
{
  PlainMember members[PLAIN_MAX_MEMBERS];
  gboolean seen[TL_TICKET_N_FIELDS + 1] = { FALSE };
  g_autoptr(TlTicket) self = NULL;
  guint n = 0;

  *handled = FALSE;
  if (!plain_members (data, length, members, &n))
    return NULL;

  self = tl_ticket_new ();
  for (guint i = 0; i < n; i++)
    {
      const PlainMember *m = &members[i];
      char key[PLAIN_MAX_KEY];
      int field;

      memcpy (key, m->key, m->key_length);
      key[m->key_length] = '\0';
      field = _tl_ticket_field_for_key (key);
      if (field < 0)
        continue;   /* unknown fields are ignored */
      if (seen[field])
        return NULL;   /* hasExpired and orderTicketHasExpired are distinct fields: cannot happen */
      seen[field] = TRUE;
      if (m->kind == 'n')
        continue;   /* null means absent */
      if (field == TL_TICKET_FIELD_HAS_EXPIRED || field == ALT_EXPIRY_FIELD)
        {
          if (m->kind == 's')
            return NULL;
          _tl_ticket_set_expiry (self, field, m->kind == 't', key);
        }
      else
        {
          if (m->kind != 's')
            return NULL;
          self->strings[field] = g_strndup (m->value, m->value_length);
        }
    }

  *handled = TRUE;
  if (!_tl_ticket_settle_expiry (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* --- end of the plain shape ----------------------------------------------------------------- */

TlTicket *
tl_ticket_new_from_json (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(TlTicket) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *duplicate = NULL;
  JsonNode *root;
  JsonObject *object;
  gboolean seen[TL_TICKET_N_FIELDS + 1] = { FALSE };

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  {
    gboolean handled;
    TlTicket *plain = ticket_from_plain_json (data, length, &handled, error);

    if (handled)
      return plain;
  }

  if (!tl_json_depth_ok (data, length))
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The answer is JSON nested more than %d levels deep, which an order ticket "
                     "never is."), TL_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The answer is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The answer is %s, not an order ticket object."),
                   root ? json_type_name (root) : _("empty"));
      return NULL;
    }

  duplicate = find_duplicate_key (data, length);
  if (duplicate != NULL)
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The field “%s” appears twice in the answer."), duplicate);
      return NULL;
    }

  object = json_node_get_object (root);
  self = tl_ticket_new ();
  members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      int field = _tl_ticket_field_for_key (key);

      if (field < 0)
        continue;   /* unknown fields are ignored */

      if (seen[field])
        {
          g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                       _("The field “%s” appears twice in the answer."),
                       field == ALT_EXPIRY_FIELD ? ALT_EXPIRY_KEY : tl_ticket_field_get_key (field));
          return NULL;
        }
      seen[field] = TRUE;

      if (JSON_NODE_HOLDS_NULL (node))
        continue;   /* null means absent */

      if (field == TL_TICKET_FIELD_HAS_EXPIRED || field == ALT_EXPIRY_FIELD)
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The field “%s” should be true or false, but is %s."),
                           key, json_type_name (node));
              return NULL;
            }
          _tl_ticket_set_expiry (self, field, json_node_get_boolean (node), key);
        }
      else
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The field “%s” should be text, but is %s."),
                           key, json_type_name (node));
              return NULL;
            }
          if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
            {
              g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The field “%s” is not valid text (broken Unicode escape)."), key);
              return NULL;
            }
          self->strings[field] = g_strdup (json_node_get_string (node));
        }
    }

  if (!_tl_ticket_settle_expiry (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* XML: <OrderTicket xmlns="…Express.Connect.Api.Models.Order"> with one element per field. */

typedef struct
{
  TlTicket *ticket;
  int       depth;
  int       field;        /* field of the open element, -1 if none */
  gboolean  nil;
  gboolean  seen_root;
  GString  *text;
} XmlState;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon ? colon + 1 : name;
}

static void
xml_start (GMarkupParseContext  *context,
           const char           *element_name,
           const char          **attribute_names,
           const char          **attribute_values,
           gpointer              user_data,
           GError              **error)
{
  XmlState *state = user_data;

  state->depth++;

  if (state->depth == 1)
    {
      const char *ns = NULL;

      if (g_strcmp0 (local_name (element_name), "OrderTicket") != 0)
        {
          g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                       _("The answer is XML, but <%s> instead of <OrderTicket>."), element_name);
          return;
        }
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_strcmp0 (attribute_names[i], "xmlns") == 0)
          ns = attribute_values[i];
      if (ns != NULL && g_strcmp0 (ns, TL_TICKET_XML_NAMESPACE) != 0)
        {
          g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                       _("The answer's <OrderTicket> is in the namespace “%s”, not the documented one."),
                       ns);
          return;
        }
      state->seen_root = TRUE;
      return;
    }

  if (state->depth == 2)
    {
      state->field = _tl_ticket_field_for_key (local_name (element_name));
      state->nil = FALSE;
      g_string_truncate (state->text, 0);
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_strcmp0 (local_name (attribute_names[i]), "nil") == 0 &&
            g_strcmp0 (attribute_values[i], "true") == 0)
          state->nil = TRUE;
      return;
    }

  if (state->depth == 3 && state->field >= 0)
    {
      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                   _("The field “%s” should be text, but contains elements."),
                   state->field == ALT_EXPIRY_FIELD ? ALT_EXPIRY_KEY : tl_ticket_field_get_key (state->field));
    }
  if (state->depth > TL_JSON_MAX_DEPTH)
    g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                         _("The answer's XML is nested too deeply to be an order ticket."));
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *element_name,
         gpointer              user_data,
         GError              **error)
{
  XmlState *state = user_data;

  if (state->depth == 2 && state->field >= 0 && !state->nil)
    {
      if (state->field == TL_TICKET_FIELD_HAS_EXPIRED || state->field == ALT_EXPIRY_FIELD)
        {
          g_autofree char *value = g_strstrip (g_strdup (state->text->str));

          if (g_strcmp0 (value, "true") == 0)
            _tl_ticket_set_expiry (state->ticket, state->field, TRUE, local_name (element_name));
          else if (g_strcmp0 (value, "false") == 0)
            _tl_ticket_set_expiry (state->ticket, state->field, FALSE, local_name (element_name));
          else
            {
              g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The field “%s” should be true or false, but is “%s”."),
                           local_name (element_name), value);
              return;
            }
        }
      else
        {
          g_free (state->ticket->strings[state->field]);
          state->ticket->strings[state->field] = g_strdup (state->text->str);
        }
    }
  if (state->depth == 2)
    state->field = -1;
  state->depth--;
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 text_len,
          gpointer              user_data,
          GError              **error)
{
  XmlState *state = user_data;

  if (state->depth == 2 && state->field >= 0)
    g_string_append_len (state->text, text, text_len);
}

TlTicket *
tl_ticket_new_from_xml (const char  *data,
                        gssize       length,
                        GError     **error)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(TlTicket) ticket = tl_ticket_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  XmlState state = { ticket, 0, -1, FALSE, FALSE, text };

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (g_error_matches (local_error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                     _("The answer is not valid XML: %s"), local_error->message);
      return NULL;
    }

  if (!state.seen_root)
    {
      g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The answer is empty XML, not an order ticket."));
      return NULL;
    }
  if (!_tl_ticket_settle_expiry (ticket, error))
    return NULL;

  return g_steal_pointer (&ticket);
}

/**
 * tl_ticket_new_from_data:
 * @content_type: (nullable): the Content-Type, if known
 *
 * Parses JSON or XML, by content type and then by the first character.
 */
TlTicket *
tl_ticket_new_from_data (const char  *data,
                         gsize        length,
                         const char  *content_type,
                         GError     **error)
{
  gsize i = 0;

  if (data == NULL)
    data = "";

  /* Skip a UTF-8 byte order mark and leading whitespace. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  if (i == length)
    {
      g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_MALFORMED,
                           _("The answer is empty: the service sent no order ticket."));
      return NULL;
    }

  if (data[i] == '<' || (content_type && strstr (content_type, "xml") != NULL && data[i] != '{'))
    return tl_ticket_new_from_xml (data + i, length - i, error);

  return tl_ticket_new_from_json (data + i, length - i, error);
}

