/* tl-input.c: pure functions that normalize pasted text, no I/O
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-input.h"

struct _TlInput
{
  GObject  parent_instance;

  char    *customer_id;
  char    *token;
  char    *original_token;
  GArray  *findings;   /* of TlInputFinding */
};

G_DEFINE_FINAL_TYPE (TlInput, tl_input, G_TYPE_OBJECT)
G_DEFINE_QUARK (tl-input-error-quark, tl_input_error)

static void
clear_finding (gpointer data)
{
  TlInputFinding *finding = data;

  g_clear_pointer (&finding->message, g_free);
}

static void
tl_input_finalize (GObject *object)
{
  TlInput *self = (TlInput *) object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->original_token, g_free);
  g_clear_pointer (&self->findings, g_array_unref);

  G_OBJECT_CLASS (tl_input_parent_class)->finalize (object);
}

static void
tl_input_class_init (TlInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_input_finalize;
}

static void
tl_input_init (TlInput *self)
{
  self->findings = g_array_new (FALSE, TRUE, sizeof (TlInputFinding));
  g_array_set_clear_func (self->findings, clear_finding);
}

static void
add_finding (TlInput            *self,
             TlInputFindingKind  kind,
             char               *message)
{
  TlInputFinding finding = { kind, message };

  g_array_append_val (self->findings, finding);
}

TlInputField
tl_input_error_get_field (TlInputError code)
{
  switch (code)
    {
    case TL_INPUT_ERROR_EMPTY_CUSTOMER_ID:
    case TL_INPUT_ERROR_CUSTOMER_ID_TOO_LONG:
    case TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS:
      return TL_INPUT_FIELD_CUSTOMER_ID;
    case TL_INPUT_ERROR_EMPTY_TOKEN:
    case TL_INPUT_ERROR_TOKEN_TOO_LONG:
    case TL_INPUT_ERROR_TOKEN_CHARACTERS:
      return TL_INPUT_FIELD_TOKEN;
    case TL_INPUT_ERROR_EMPTY_TEXT:
    case TL_INPUT_ERROR_TEXT_TOO_LONG:
    case TL_INPUT_ERROR_NOT_UTF8:
    case TL_INPUT_ERROR_TEXT_CHARACTERS:
    case TL_INPUT_ERROR_NOT_RECOGNIZED:
    default:
      return TL_INPUT_FIELD_TEXT;
    }
}

/* Characters that are never part of a customer id or token and that hide what the text says:
 * C0/C1 controls (tab and line breaks are allowed between values), DEL, and the bidirectional
 * embedding/override/isolate marks. */
static gboolean
is_forbidden_char (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\r')
    return FALSE;
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
    return TRUE;
  if (c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return TRUE;
  if (c == 0xfeff)
    return TRUE;
  return FALSE;
}

static gboolean
check_text (const char    *text,
            TlInputError   chars_code,
            const char    *what,
            gsize          max_len,
            TlInputError   too_long_code,
            GError       **error)
{
  gsize len = strlen (text);
  const char *p;
  guint pos = 0;

  if (len > max_len)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (max_len);

      g_set_error (error, TL_INPUT_ERROR, too_long_code,
                   /* Translators: first %s is "the pasted text", "the token" …, then sizes */
                   _("%s is too long (%s; the limit is %s)."), what, size, limit);
      return FALSE;
    }

  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_NOT_UTF8,
                   _("%s is not valid text (it is not UTF-8). Copy it again from the source."), what);
      return FALSE;
    }

  for (p = text; *p; p = g_utf8_next_char (p), pos++)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_forbidden_char (c))
        {
          g_set_error (error, TL_INPUT_ERROR, chars_code,
                       _("%s contains an invisible control character (U+%04X) at position %u. "
                         "Copy it again, or type it by hand."),
                       what, c, pos + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static const char *quote_chars = "\"'`<>()[]{},;";

/* Strips whitespace and matching surrounding quotes, in place. */
static char *
strip_wrapping (char *s)
{
  gboolean changed = TRUE;

  while (changed)
    {
      gsize len;

      changed = FALSE;
      g_strstrip (s);
      len = strlen (s);
      if (len >= 2 &&
          ((s[0] == '"' && s[len - 1] == '"') ||
           (s[0] == '\'' && s[len - 1] == '\'') ||
           (s[0] == '`' && s[len - 1] == '`') ||
           (s[0] == '<' && s[len - 1] == '>')))
        {
          memmove (s, s + 1, len - 2);
          s[len - 2] = '\0';
          changed = TRUE;
        }
    }
  return s;
}

static void
strip_word (char *w)
{
  gsize len = strlen (w);
  gsize start = 0;

  while (len > 0 && strchr (quote_chars, w[len - 1]) != NULL)
    w[--len] = '\0';
  while (start < len && strchr (quote_chars, w[start]) != NULL)
    start++;
  if (start > 0)
    memmove (w, w + start, len - start + 1);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Percent-decodes once. '+' stays '+' (a base64 token is not form-encoded). Invalid escapes are
 * kept literally. Returns NULL if the result would contain a NUL byte or invalid UTF-8. */
static char *
percent_decode (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (; *s; s++)
    {
      if (s[0] == '%' && hex_value (s[1]) >= 0 && hex_value (s[2]) >= 0)
        {
          char c = (char) (hex_value (s[1]) * 16 + hex_value (s[2]));

          if (c == '\0')
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, c);
          s += 2;
        }
      else
        g_string_append_c (out, *s);
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_encoded_base64_chars (const char *s)
{
  for (; *s; s++)
    if (s[0] == '%' && (s[1] == '2' || s[1] == '3') && s[2] != '\0' &&
        (g_ascii_strncasecmp (s + 1, "2B", 2) == 0 ||
         g_ascii_strncasecmp (s + 1, "2F", 2) == 0 ||
         g_ascii_strncasecmp (s + 1, "3D", 2) == 0))
      return TRUE;
  return FALSE;
}

static gboolean
has_any_escape (const char *s)
{
  for (; *s; s++)
    if (s[0] == '%' && hex_value (s[1]) >= 0 && hex_value (s[2]) >= 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

gboolean
tl_input_is_base64 (const char *token)
{
  gsize len, i, pad = 0;

  g_return_val_if_fail (token != NULL, FALSE);

  len = strlen (token);
  if (len == 0 || len % 4 != 0)
    return FALSE;
  while (pad < 2 && pad < len && token[len - 1 - pad] == '=')
    pad++;
  for (i = 0; i < len - pad; i++)
    if (!is_base64_char (token[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_customer_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

static gboolean
looks_like_customer_id (const char *s)
{
  gsize len = strlen (s);
  gsize i;

  if (len == 0 || len > 16 || !g_ascii_isalpha (s[0]))
    return FALSE;
  for (i = 0; i < len; i++)
    if (!is_customer_id_char (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
tl_input_check_customer_id (const char  *customer_id,
                            GError     **error)
{
  const char *p;

  if (customer_id == NULL || *customer_id == '\0')
    {
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID,
                           _("Enter the customer ID, for example M11385."));
      return FALSE;
    }
  if (!check_text (customer_id, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS, _("The customer ID"),
                   TL_INPUT_MAX_CUSTOMER_ID, TL_INPUT_ERROR_CUSTOMER_ID_TOO_LONG, error))
    return FALSE;

  for (p = customer_id; *p; p = g_utf8_next_char (p))
    {
      if (!is_customer_id_char (*p))
        {
          char shown[8] = { 0 };

          g_unichar_to_utf8 (g_utf8_get_char (p), shown);
          if (g_unichar_isspace (g_utf8_get_char (p)))
            g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS,
                                 _("The customer ID contains a space. Customer IDs contain only "
                                   "letters, digits, “-” and “_”, for example M11385."));
          else
            g_set_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS,
                         _("The customer ID contains “%s”, which is not allowed. Customer IDs "
                           "contain only letters, digits, “-” and “_”, for example M11385."),
                         shown);
          return FALSE;
        }
    }
  return TRUE;
}

/* Splits on runs of ASCII whitespace, in linear time (GRegex splitting is quadratic on a
 * 1 MiB paste). */
static GStrv
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new ();
  const char *p = text;

  while (*p)
    {
      const char *start;

      while (*p && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && !g_ascii_isspace (*p))
        p++;
      g_ptr_array_add (words, g_strndup (start, p - start));
    }
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

/* Looks for customerId=…/token=… pairs in every word of @text (a URL, a query string, a log
 * line). Returns TRUE if a token parameter was found. Values are returned raw (not decoded). */
static gboolean
find_query_values (const char  *text,
                   char       **customer_raw,
                   char       **token_raw)
{
  g_auto(GStrv) words = split_words (text);
  g_autofree char *customer = NULL;
  g_autofree char *token = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = words[i];
      char *query;
      char *hash;
      g_auto(GStrv) params = NULL;

      strip_word (word);
      if (strchr (word, '=') == NULL)
        continue;

      query = strchr (word, '?');
      query = query ? query + 1 : word;
      hash = strchr (query, '#');
      if (hash != NULL)
        *hash = '\0';

      params = g_strsplit_set (query, "&;", -1);
      for (guint j = 0; params[j] != NULL; j++)
        {
          char *eq = strchr (params[j], '=');
          const char *key, *value;

          if (eq == NULL)
            continue;
          *eq = '\0';
          key = params[j];
          value = eq + 1;

          if (customer == NULL &&
              (g_ascii_strcasecmp (key, "customerid") == 0 ||
               g_ascii_strcasecmp (key, "customer_id") == 0 ||
               g_ascii_strcasecmp (key, "customer-id") == 0))
            customer = g_strdup (value);
          else if (token == NULL && g_ascii_strcasecmp (key, "token") == 0)
            token = g_strdup (value);
        }
    }

  if (token == NULL)
    return FALSE;

  *customer_raw = g_steal_pointer (&customer);
  *token_raw = g_steal_pointer (&token);
  return TRUE;
}

/* Validates and normalizes; consumes nothing. @from_url: the token came out of a query string
 * (already decoded once). */
static TlInput *
finish_input (const char  *customer_id,
              const char  *token_text,
              gboolean     from_url,
              GError     **error)
{
  g_autoptr(TlInput) self = g_object_new (TL_TYPE_INPUT, NULL);
  g_autofree char *token = g_strdup (token_text);
  const char *p;

  g_strstrip (token);

  if (!tl_input_check_customer_id (customer_id, error))
    return NULL;

  if (*token == '\0')
    {
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN,
                           _("Enter the token, or paste the whole link it came in."));
      return NULL;
    }
  if (!check_text (token, TL_INPUT_ERROR_TOKEN_CHARACTERS, _("The token"),
                   TL_INPUT_MAX_TOKEN, TL_INPUT_ERROR_TOKEN_TOO_LONG, error))
    return NULL;

  self->customer_id = g_strdup (customer_id);
  self->original_token = g_strdup (token);

  if (from_url)
    {
      add_finding (self, TL_INPUT_FINDING_FROM_URL,
                   g_strdup (_("Read the customer ID and the token from the pasted link.")));
      if (has_encoded_base64_chars (token))
        add_finding (self, TL_INPUT_FINDING_DOUBLE_ENCODED,
                     g_strdup (_("The token in the link is URL-encoded twice (it still contains "
                                 "%2B, %2F or %3D after decoding). The sending system probably "
                                 "encodes it one time too many; the token was sent as it is.")));
    }
  else if (has_any_escape (token))
    {
      char *decoded = percent_decode (token);

      if (decoded != NULL)
        {
          g_free (token);
          token = decoded;
          add_finding (self, TL_INPUT_FINDING_URL_DECODED,
                       g_strdup (_("The token was still URL-encoded (%2B, %2F, %3D …): decoded it.")));
        }
    }

  /* Tabs and line breaks inside a token come from wrapped copies: drop them. */
  if (strpbrk (token, "\t\r\n") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (token, "\t\r\n", -1);
      g_free (token);
      token = g_strjoinv ("", parts);
    }

  if (strchr (token, ' ') != NULL)
    {
      g_autofree char *repaired = g_strdup (token);

      for (char *q = repaired; *q; q++)
        if (*q == ' ')
          *q = '+';

      g_free (token);
      token = g_steal_pointer (&repaired);
      add_finding (self, TL_INPUT_FINDING_SPACES_REPAIRED,
                   g_strdup (_("The token contained spaces where base64 has “+”: replaced them. "
                               "The sending system probably decodes “+” as a space.")));
    }

  /* Decoding can reveal control characters (%0D, %1B …) or leave nothing at all. */
  if (!check_text (token, TL_INPUT_ERROR_TOKEN_CHARACTERS, _("The token"),
                   TL_INPUT_MAX_TOKEN, TL_INPUT_ERROR_TOKEN_TOO_LONG, error))
    return NULL;
  if (*token == '\0')
    {
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN,
                           _("Enter the token, or paste the whole link it came in."));
      return NULL;
    }

  if (!tl_input_is_base64 (token))
    {
      gboolean url_safe = TRUE;

      for (p = token; *p; p++)
        if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '='))
          url_safe = FALSE;

      add_finding (self, TL_INPUT_FINDING_NOT_BASE64,
                   g_strdup (url_safe && strpbrk (token, "-_") != NULL
                             ? _("The token uses “-” and “_” (URL-safe base64); order tokens "
                                 "normally use “+” and “/”. It was sent as it is.")
                             : _("The token does not look like base64, which order tokens "
                                 "normally are. It may be cut short or mistyped; it was sent as "
                                 "it is.")));
    }

  if (strchr ("MSOGT", g_ascii_toupper (customer_id[0])) == NULL)
    add_finding (self, TL_INPUT_FINDING_UNKNOWN_PREFIX,
                 g_strdup_printf (_("Customer IDs normally start with M, S, O, G or T (for example "
                                    "M11385); “%c” is unusual."), customer_id[0]));

  self->token = g_steal_pointer (&token);
  return g_steal_pointer (&self);
}

static gboolean
check_pasted_text (const char  *text,
                   GError     **error)
{
  if (text == NULL)
    text = "";
  return check_text (text, TL_INPUT_ERROR_TEXT_CHARACTERS, _("The pasted text"), TL_INPUT_MAX_TEXT,
                     TL_INPUT_ERROR_TEXT_TOO_LONG, error);
}

/* Free text that is not a link is a lookup only when it reads as "CUSTOMER-ID TOKEN": the id a
 * letter and digits (M11385, as documented), and the token what a token can be. A token split by
 * spaces (a "+" decoded as a space) must join into base64 that mixes cases and digits; one word
 * may only hold base64 or URL-safe base64 characters. A log line with no link ("2026-11-28
 * 12:00 INFO started", "user anna logged in", "M11385 order failed: expired") is not sent, with
 * the password, to the service: a batch of a pasted log file would otherwise send every line.
 * Form fields are not held to this; they say which value is which. */
static gboolean
free_text_is_lookup (TlInput  *input,
                     gboolean  token_had_spaces)
{
  if (!g_ascii_isalpha (input->customer_id[0]) || strpbrk (input->customer_id, "0123456789") == NULL)
    return FALSE;
  if (token_had_spaces)
    /* joined, base64 with the mix of cases and digits or "/" that random bytes give, which
     * words of a sentence ("order failed after the token expired") do not */
    return tl_input_is_base64 (input->token) &&
           strpbrk (input->token, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL &&
           strpbrk (input->token, "abcdefghijklmnopqrstuvwxyz") != NULL &&
           strpbrk (input->token, "0123456789/") != NULL;
  for (const char *p = input->token; *p; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("+/=-_", *p) != NULL))
      return FALSE;
  return TRUE;
}

static TlInput *
finish_free_text (const char  *customer_id,
                  const char  *token,
                  GError     **error)
{
  g_autoptr(TlInput) input = finish_input (customer_id, token, FALSE, error);

  if (input == NULL)
    return NULL;
  if (!free_text_is_lookup (input, strchr (token, ' ') != NULL))
    {
      guint pos = 1;

      /* "M11385 Demo<U+200B>Valid…": the token has an invisible character a paste brought in;
       * say which, so the line is not a puzzle */
      for (const char *p = token; *p; p = g_utf8_next_char (p), pos++)
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_iszerowidth (c) || g_unichar_type (c) == G_UNICODE_FORMAT ||
              (c > 0x7f && g_unichar_isspace (c)))
            {
              g_set_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TOKEN_CHARACTERS,
                           _("The token contains an invisible character (U+%04X) at position %u, "
                             "so it was not looked up. Copy it again, or type it by hand."),
                           c, pos);
              return NULL;
            }
        }
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_NOT_RECOGNIZED,
                           _("This is neither a link with a token nor a customer ID followed by "
                             "a token (for example “M11385 B2aJbxq…”), so it was not looked up."));
      return NULL;
    }
  return g_steal_pointer (&input);
}

/**
 * tl_input_parse:
 * @text: what a person pasted: a callback URL, a query string, a log line with a URL in it,
 *   "CUSTOMER_ID TOKEN", with any surrounding whitespace, quotes and line breaks
 *
 * Returns: (transfer full): the normalized input, or %NULL with a #TL_INPUT_ERROR
 */
TlInput *
tl_input_parse (const char  *text,
                GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *customer_raw = NULL;
  g_autofree char *token_raw = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words;

  if (!check_pasted_text (text, error))
    return NULL;

  copy = strip_wrapping (g_strdup (text));
  if (*copy == '\0')
    {
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TEXT,
                           _("Nothing to look up: paste the link the token came in, or a "
                             "customer ID and a token."));
      return NULL;
    }

  if (find_query_values (copy, &customer_raw, &token_raw))
    {
      g_autofree char *customer = NULL;
      g_autofree char *token = NULL;

      customer = customer_raw ? percent_decode (customer_raw) : NULL;
      token = percent_decode (token_raw);

      if (token == NULL)
        {
          g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TOKEN_CHARACTERS,
                               _("The token in the link decodes to something that is not text. "
                                 "Copy the link again from the source."));
          return NULL;
        }
      if (customer_raw != NULL && customer == NULL)
        {
          g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_CUSTOMER_ID_CHARACTERS,
                               _("The customer ID in the link decodes to something that is not "
                                 "text. Copy the link again from the source."));
          return NULL;
        }
      if (customer == NULL || *customer == '\0')
        {
          g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID,
                               _("The link has a token but no customerId. Enter the customer ID "
                                 "too."));
          return NULL;
        }
      return finish_input (customer, token, TRUE, error);
    }

  words = split_words (copy);
  for (guint i = 0; words[i] != NULL; i++)
    strip_word (words[i]);
  n_words = g_strv_length (words);

  if (n_words == 1 && looks_like_customer_id (words[0]) && strpbrk (words[0], "0123456789") != NULL)
    {
      /* "M10041": a customer ID (a letter and digits, as documented) and nothing else */
      g_set_error (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_TOKEN,
                   _("Only a customer ID (%s) was found, no token. Add the token after it, or "
                     "paste the whole link the token came in."), words[0]);
      return NULL;
    }
  if (n_words == 1)
    {
      g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_EMPTY_CUSTOMER_ID,
                           _("Only a token was found. Enter the customer ID too, or paste the "
                             "whole link the token came in."));
      return NULL;
    }

  /* "TOKEN CUSTOMER" is accepted too when the first word is token-long and only the second
   * looks like a customer id. */
  if (n_words == 2 && strlen (words[0]) > 16 && !looks_like_customer_id (words[0]) &&
      looks_like_customer_id (words[1]))
    return finish_free_text (words[1], words[0], error);

  {
    g_autofree char *token = g_strjoinv (" ", words + 1);

    return finish_free_text (words[0], token, error);
  }
}

/**
 * tl_input_parse_fields:
 * @customer_id: what is in the customer id field (may be empty if @token_text is a link)
 * @token_text: what is in the token field: a token, or a link / query string with one
 *
 * Returns: (transfer full): the normalized input, or %NULL with a #TL_INPUT_ERROR
 */
TlInput *
tl_input_parse_fields (const char  *customer_id,
                       const char  *token_text,
                       GError     **error)
{
  g_autofree char *customer = g_strdup (customer_id ? customer_id : "");
  g_autofree char *token = g_strdup (token_text ? token_text : "");
  g_autofree char *link_customer = NULL;
  g_autofree char *link_token = NULL;

  if (!check_pasted_text (customer, error) || !check_pasted_text (token, error))
    return NULL;

  strip_wrapping (customer);
  strip_wrapping (token);

  if (strstr (token, "=") != NULL && find_query_values (token, &link_customer, &link_token))
    {
      g_autofree char *decoded_token = percent_decode (link_token);
      g_autofree char *decoded_customer = link_customer ? percent_decode (link_customer) : NULL;
      TlInput *input;

      if (decoded_token == NULL)
        {
          g_set_error_literal (error, TL_INPUT_ERROR, TL_INPUT_ERROR_TOKEN_CHARACTERS,
                               _("The token in the link decodes to something that is not text. "
                                 "Copy the link again from the source."));
          return NULL;
        }

      if (decoded_customer != NULL && *decoded_customer != '\0')
        {
          input = finish_input (decoded_customer, decoded_token, TRUE, error);
          if (input != NULL && *customer != '\0' && g_strcmp0 (customer, decoded_customer) != 0)
            add_finding (input, TL_INPUT_FINDING_CUSTOMER_ID_MISMATCH,
                         g_strdup_printf (_("The link is for customer %s, not %s: used the "
                                            "link's customer ID."), decoded_customer, customer));
          return input;
        }
      return finish_input (customer, decoded_token, TRUE, error);
    }

  return finish_input (customer, token, FALSE, error);
}

const char *
tl_input_get_customer_id (TlInput *self)
{
  g_return_val_if_fail (TL_IS_INPUT (self), NULL);
  return self->customer_id;
}

const char *
tl_input_get_token (TlInput *self)
{
  g_return_val_if_fail (TL_IS_INPUT (self), NULL);
  return self->token;
}

/**
 * tl_input_get_original_token:
 *
 * Returns: the token as it was found, before URL-decoding or the space repair
 */
const char *
tl_input_get_original_token (TlInput *self)
{
  g_return_val_if_fail (TL_IS_INPUT (self), NULL);
  return self->original_token;
}

guint
tl_input_get_n_findings (TlInput *self)
{
  g_return_val_if_fail (TL_IS_INPUT (self), 0);
  return self->findings->len;
}

const TlInputFinding *
tl_input_get_finding (TlInput *self,
                      guint    index)
{
  g_return_val_if_fail (TL_IS_INPUT (self), NULL);
  g_return_val_if_fail (index < self->findings->len, NULL);
  return &g_array_index (self->findings, TlInputFinding, index);
}

gboolean
tl_input_has_finding (TlInput            *self,
                      TlInputFindingKind  kind)
{
  g_return_val_if_fail (TL_IS_INPUT (self), FALSE);

  for (guint i = 0; i < self->findings->len; i++)
    if (g_array_index (self->findings, TlInputFinding, i).kind == kind)
      return TRUE;
  return FALSE;
}

/**
 * tl_input_token_fingerprint:
 *
 * Returns: a form of @token safe to show, log and store: the first and last four characters
 *   and a SHA-256 prefix, e.g. "B2aJ…vw== sha256:3f2a9c01be77". Short tokens show only the hash.
 */
char *
tl_input_token_fingerprint (const char *token)
{
  g_autofree char *sha = NULL;
  gsize len;

  g_return_val_if_fail (token != NULL, NULL);

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  sha[12] = '\0';
  len = strlen (token);
  /* joined without a format: a batch makes one for every line */
  if (len >= 16)
    {
      char head[5];
      char *fingerprint;

      memcpy (head, token, 4);
      head[4] = '\0';
      fingerprint = g_strconcat (head, "…", token + len - 4, " sha256:", sha, NULL);
      explicit_bzero (head, sizeof head);
      return fingerprint;
    }
  return g_strconcat ("sha256:", sha, NULL);
}
