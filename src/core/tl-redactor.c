/* tl-redactor.c: one redaction pass for text from the network
 *
 * A server, a proxy or a debug page may echo what it was sent: the token (an ASP.NET validation
 * message quoting the attempted value, JSON-escaped as \u002B or HTML-encoded as &#x2B; by
 * ASP.NET Core's HtmlEncoder), the password or the Authorization header (= username:password in
 * base64). A hostile one may also write a secret so that a plain search misses it: split by
 * zero-width spaces, soft hyphens, newlines or spaces, URL-encoded, unpadded, URL-safe, in
 * base64 or hex. TlRedactor therefore compares skeletons: the text is read one unit at a time
 * (a character, or an escape decoded: %XX, %25XX, \uXXXX, \/, &#43;, &#x2B;, &plus;, and one
 * more layer such as \u0026#43;), characters drawn as nothing (Unicode's default-ignorables,
 * controls) and base64 padding are skipped, whitespace is skipped inside a secret long enough
 * not to be mistaken for words, and '-' '_' count as '+' '/'. What is compared against are the
 * skeletons of the token, the password, "username:password", the Basic value, the password's
 * base64 and the token's base64 and hex. A match replaces the whole original span, escapes and
 * invisible characters included, with a placeholder that says what was removed. The client runs
 * every string of a result through it once, so everything downstream (window, report, curl,
 * history, CLI, JSON, CSV) only ever sees redacted text.
 *
 * The pass is linear in the text: bytes no secret can start at are copied a run at a time, and
 * from a byte that may start one, each secret is followed at most as far as its skeleton
 * matches, so a byte is looked at by a bounded number of attempts (secrets x their length).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-redactor.h"
#include "tl-secret.h"
#include "tl-text.h"

/* Shorter secrets would match ordinary words: a demo password like "pw" is not redacted. */
#define MIN_SECRET_LENGTH 3

/* A secret shorter than this (in bytes of its skeleton) is found only when no whitespace splits
 * it: skipping the spaces between words, a short password ("mango") would be found across them
 * in ordinary text ("man go"). Tokens, Basic values and their encodings are all longer, and so
 * is any password worth the name. */
#define MIN_SPLIT_LENGTH 8

/* A text cut short with a "…" at its end (a message of the service's, tl-error-body.c) may end
 * with the beginning of the token or the password; that beginning, from this many bytes of its
 * skeleton on, is removed too. Only theirs: "username:password" begins with the user name,
 * which a message may well end with. (Texts cut without a "…" are cut after the redaction:
 * tl_lookup_result_redact().) */
#define MIN_CUT_LENGTH 6

/* What a unit of text counts as in a skeleton, besides itself: nothing at all (drawn as
 * nothing, or base64 padding), or whitespace. */
#define SKIP  ((gunichar) 0x110000)
#define SPACE ((gunichar) ' ')

typedef struct
{
  char       *skeleton;     /* canonical(), whitespace runs as one ' ', none at either end */
  gsize       length;
  const char *placeholder;
  gboolean    split;        /* may be found with whitespace inside */
  gboolean    cut;          /* may be found cut short at the end of a text: see match_at() */
} Secret;

struct _TlRedactor
{
  GArray  *secrets;       /* of Secret, longest first */
  guint32  starts[256];   /* for each byte, the secrets (bit i: secrets[i]) a match may start at */
};

/* Each byte as a skeleton has it when it is a character by itself: whitespace as a space, the
 * URL-safe base64 letters as the standard ones, controls and '=' (padding) as 0, skipped; and
 * 0xff for the bytes that start an escape or a multi-byte character, read by next_unit(). */
#define NOT_PLAIN 0xff
static const guchar plain_skeleton[256] = {
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x20, 0x20, 0x20, 0x20, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x20, 0x21, 0x22, 0x23, 0x24, 0xff, 0xff, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2b, 0x2e, 0x2f,
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x00, 0x3e, 0x3f,
  0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
  0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x5b, 0xff, 0x5d, 0x5e, 0x2f,
  0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x00,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/* An ASCII character as a skeleton has it. */
static inline gunichar
canonical_ascii (guchar c)
{
  switch (c)
    {
    case '%': case '\\': case '&':
      return c;
    default:
      return plain_skeleton[c] == 0 ? SKIP : plain_skeleton[c];
    }
}

/* Any character as a skeleton has it: also what is drawn as nothing skipped. */
static gunichar
canonical (gunichar c)
{
  if (c < 0x80)
    return canonical_ascii ((guchar) c);
  if (c <= 0x9f || tl_text_is_default_ignorable (c))
    return SKIP;
  if (g_unichar_isspace (c))
    return SPACE;
  return c;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static int
hex_byte (const char *p,
          const char *end)
{
  if (end - p < 2 || hex_value (p[0]) < 0 || hex_value (p[1]) < 0)
    return -1;
  return hex_value (p[0]) * 16 + hex_value (p[1]);
}

/* The character at @p; a byte that does not start valid UTF-8 stands for itself as
 * 0xDC00 + byte (as Python's surrogateescape), which no character decodes to. */
static const char *
next_char (const char *p,
           const char *end,
           gunichar   *c)
{
  guchar b = (guchar) *p;

  if (b < 0x80)
    {
      *c = b;
      return p + 1;
    }
  *c = g_utf8_get_char_validated (p, end - p);
  if (*c == (gunichar) -1 || *c == (gunichar) -2)
    {
      *c = 0xdc00 + b;
      return p + 1;
    }
  return g_utf8_next_char (p);
}

/* %XX, or %25XX (encoded twice), at @q (a '%'). */
static int
percent_byte (const char *q,
              const char *end,
              gsize      *len)
{
  int b;

  if (end - q >= 5 && q[1] == '2' && q[2] == '5' && (b = hex_byte (q + 3, end)) >= 0)
    {
      *len = 5;
      return b;
    }
  if ((b = hex_byte (q + 1, end)) >= 0)
    {
      *len = 3;
      return b;
    }
  return -1;
}

/* A character percent-encoded at @q, the bytes of a multi-byte one each as an escape. */
static const char *
percent_char (const char *q,
              const char *end,
              gunichar   *c)
{
  char bytes[4];
  gsize len, first_len, n = 0, need;
  const char *r;
  int b = percent_byte (q, end, &first_len);

  if (b < 0)
    return NULL;
  r = q + first_len;
  if (b < 0x80)
    {
      *c = (gunichar) b;
      return r;
    }
  need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : 0;
  bytes[n++] = (char) b;
  while (n <= need && r < end && *r == '%' && (b = percent_byte (r, end, &len)) >= 0x80 && b < 0xc0)
    {
      bytes[n++] = (char) b;
      r += len;
    }
  if (need > 0 && n == need + 1)
    {
      *c = g_utf8_get_char_validated (bytes, n);
      if (*c != (gunichar) -1 && *c != (gunichar) -2)
        return r;
    }
  *c = 0xdc00 + (guchar) bytes[0];
  return q + first_len;
}

/* A JSON string escape at @q (a '\\'). */
static const char *
json_char (const char *q,
           const char *end,
           gunichar   *c)
{
  int hi, lo, hi2, lo2;

  if (end - q < 2)
    return NULL;
  switch (q[1])
    {
    case '/': case '\\': case '"':
      *c = (gunichar) q[1];
      return q + 2;
    case 'n':
      *c = '\n';
      return q + 2;
    case 'r':
      *c = '\r';
      return q + 2;
    case 't':
      *c = '\t';
      return q + 2;
    case 'b':
      *c = '\b';
      return q + 2;
    case 'f':
      *c = '\f';
      return q + 2;
    case 'u':
      if (end - q < 6 || (hi = hex_byte (q + 2, end)) < 0 || (lo = hex_byte (q + 4, end)) < 0)
        return NULL;
      *c = (gunichar) (hi * 256 + lo);
      /* a character beyond the BMP, as a surrogate pair */
      if (*c >= 0xd800 && *c < 0xdc00 && end - q >= 12 && q[6] == '\\' && q[7] == 'u' &&
          (hi2 = hex_byte (q + 8, end)) >= 0xdc && hi2 < 0xe0 &&
          (lo2 = hex_byte (q + 10, end)) >= 0)
        {
          *c = 0x10000 + ((*c - 0xd800) << 10) + (gunichar) (hi2 * 256 + lo2 - 0xdc00);
          return q + 12;
        }
      return q + 6;
    default:
      return NULL;
    }
}

/* The named character references a server's HTML encoder writes for what a token, a password or
 * a Basic value may hold (HtmlEncoder writes most others as &#xHH;). */
static const struct
{
  const char *name;
  gunichar    c;
} entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "plus", '+' }, { "sol", '/' }, { "equals", '=' }, { "bsol", '\\' }, { "percnt", '%' },
  { "colon", ':' }, { "num", '#' }, { "excl", '!' }, { "quest", '?' }, { "commat", '@' },
  { "dollar", '$' }, { "lowbar", '_' }, { "period", '.' }, { "comma", ',' }, { "semi", ';' },
  { "ast", '*' }, { "lpar", '(' }, { "rpar", ')' }, { "lsqb", '[' }, { "rsqb", ']' },
  { "lcub", '{' }, { "rcub", '}' }, { "verbar", '|' }, { "Hat", '^' }, { "grave", '`' },
  { "Tab", '\t' }, { "NewLine", '\n' }, { "nbsp", 0xa0 }, { "shy", 0xad },
  { "ZeroWidthSpace", 0x200b }, { "zwnj", 0x200c }, { "zwj", 0x200d }, { "lrm", 0x200e },
  { "rlm", 0x200f }, { "NoBreak", 0x2060 },
  { "auml", 0xe4 }, { "Auml", 0xc4 }, { "ouml", 0xf6 }, { "Ouml", 0xd6 }, { "aring", 0xe5 },
  { "Aring", 0xc5 }, { "uuml", 0xfc }, { "Uuml", 0xdc }, { "eacute", 0xe9 }, { "Eacute", 0xc9 },
};

/* A character reference whose '&' is just before @q: &#43; &#x2B; (';' optional, as browsers
 * read them) or &plus;. */
static const char *
entity_char (const char *q,
             const char *end,
             gunichar   *c)
{
  const char *r = q;

  if (r < end && *r == '#')
    {
      gboolean hex = FALSE;
      guint64 value = 0;
      guint digits = 0;

      r++;
      if (r < end && (*r == 'x' || *r == 'X'))
        hex = TRUE, r++;
      for (; r < end && digits < 8; r++, digits++)
        {
          int d = hex ? hex_value (*r) : g_ascii_digit_value (*r);

          if (d < 0)
            break;
          value = value * (hex ? 16 : 10) + (guint64) d;
        }
      if (digits == 0 || value > 0x10ffff)
        return NULL;
      if (r < end && *r == ';')
        r++;
      *c = (gunichar) value;
      return r;
    }
  while (r < end && r - q <= 16 && g_ascii_isalnum (*r))
    r++;
  if (r == q || r >= end || *r != ';')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == (gsize) (r - q) && memcmp (entities[i].name, q, r - q) == 0)
      {
        *c = entities[i].c;
        return r + 1;
      }
  return NULL;
}

/* One unit of text at @q: a character, or an escape decoded (percent, JSON, HTML), including
 * one escape written inside another ("\u0026#43;": HTML in JSON; "&amp;#43;"; "\u00252B").
 * Returns the end of the unit. */
static const char *
next_unit (const char *q,
           const char *end,
           gunichar   *c)
{
  const char *r = NULL;
  const char *t;
  gunichar inner;
  int b;

  switch (*q)
    {
    case '%':
      r = percent_char (q, end, c);
      break;
    case '\\':
      r = json_char (q, end, c);
      break;
    case '&':
      r = entity_char (q + 1, end, c);
      break;
    default:
      break;
    }
  if (r == NULL)
    return next_char (q, end, c);
  if (*c == '&' && r < end && (*q != '&' || *r == '#') && (t = entity_char (r, end, &inner)) != NULL)
    {
      *c = inner;   /* "\u0026#43;", or "&amp;#43;": written for HTML twice */
      return t;
    }
  if (*c == '%' && *q != '%' && (b = hex_byte (r, end)) >= 0 && b < 0x80)
    {
      *c = (gunichar) b;
      return r + 2;
    }
  return r;
}

/* Whether the text from @p on, read unit by unit, spells @secret's skeleton; returns the end of
 * the span in the text (with any padding after it), NULL when not. */
static const char *
match_at (const char   *p,
          const char   *end,
          const Secret *secret)
{
  const char *q = p;
  const char *s = secret->skeleton;
  const char *s_end = s + secret->length;
  gboolean spaced = FALSE;   /* whitespace skipped since the last character matched */
  gboolean after_space = FALSE;   /* the last unit taken was whitespace */
  gboolean run_extra = FALSE;     /* and more than the one the secret's own space took */

  while (s < s_end)
    {
      const char *next;
      gunichar c;
      char utf8[6];
      int n;
      guchar k;

      if (q >= end)
        /* a secret that ends with " +", its '+' come back as the space that ends the text */
        return run_extra && *s == '+' && s + 1 == s_end ? q : NULL;
      if (end - q == strlen ("…") && memcmp (q, "…", end - q) == 0 &&
          !((gsize) (s_end - s) >= strlen ("…") && memcmp (s, "…", strlen ("…")) == 0))
        /* the "…" that ends a text cut short: a beginning of the secret before it is removed
         * (unless the secret goes on with a "…" of its own, matched below as any character) */
        return secret->cut && (gsize) (s - secret->skeleton) >= MIN_CUT_LENGTH ? q : NULL;
      if ((k = plain_skeleton[(guchar) *q]) != NOT_PLAIN)
        {
          /* most of it: kept out of the decoders */
          if (k == *s)
            {
              after_space = k == ' ';
              s++, q++, spaced = FALSE, run_extra = FALSE;
              continue;
            }
          next = q + 1;
          c = k == 0 ? SKIP : k;
        }
      else if ((guchar) *q < 0x80 && *s == *q)
        {
          /* a '%', '\\' or '&' of the secret's own: "a%41" holds "a%4" as written, whatever
           * "%41" would decode to */
          s++, q++, spaced = FALSE, after_space = FALSE, run_extra = FALSE;
          continue;
        }
      else
        {
          next = next_unit (q, end, &c);
          c = canonical (c);
        }
      if (c == SKIP)
        {
          q = next;
          continue;
        }
      if (c == SPACE)
        {
          if (secret->split)
            spaced = TRUE;
          else if (after_space && *s == '+' && s > secret->skeleton && s[-1] == ' ')
            run_extra = TRUE;   /* the rest of a run for its space ("a  +b" for "a  +b"); the '+'
                                 * may still have come back as a space: see below */
          else if (*s == ' ' || *s == '+')   /* form-decoded '+', or the secret's own space */
            s++;
          else if (s == secret->skeleton || s[-1] != ' ')   /* not the rest of a run for its space */
            return NULL;
          after_space = TRUE;
          q = next;
          continue;
        }
      if (*s == ' ')
        {
          if (c == '+')
            {
              s++, q = next, spaced = FALSE, after_space = FALSE, run_extra = FALSE;   /* a space written as '+' */
              continue;
            }
          if (!secret->split)
            return NULL;
          s++, spaced = FALSE;   /* the whitespace just skipped, or none: this unit again */
          continue;
        }
      if (*s == '+' && c != '+' && (spaced || run_extra))
        {
          s++, spaced = FALSE, run_extra = FALSE;   /* a '+' that came back as a space (form-decoded) */
          continue;
        }
      if (c < 0x80)
        {
          if ((guchar) *s != c)
            return NULL;
          n = 1;
        }
      else
        {
          n = g_unichar_to_utf8 (c, utf8);
          if (s_end - s < n || memcmp (s, utf8, n) != 0)
            return NULL;
        }
      s += n, q = next, spaced = FALSE, after_space = FALSE, run_extra = FALSE;
    }
  /* the padding after it goes with it, in whatever form ("%3D%3D") */
  while (q < end)
    {
      gunichar c;
      const char *next = next_unit (q, end, &c);

      if (c != '=')
        break;
      q = next;
    }
  return q;
}

static void
secret_clear (Secret *secret)
{
  if (secret->skeleton != NULL)
    explicit_bzero (secret->skeleton, secret->length);
  g_clear_pointer (&secret->skeleton, g_free);
}

/* The skeleton of @secret: its characters as they are (@decode false: a password may hold "%41"
 * and come back as it is), or read as text is, escapes decoded (it may also come back decoded).
 * Returns its length; @out holds at least 4 bytes for each of @secret's. */
static gsize
skeleton_of (const char *secret,
             gsize       len,
             gboolean    decode,
             char       *out)
{
  const char *end = secret + len;
  gsize n = 0;

  for (const char *p = secret; p < end;)
    {
      gunichar c;

      guchar k = plain_skeleton[(guchar) *p];

      if (k != NOT_PLAIN)
        c = k == 0 ? SKIP : k, p++;
      else
        {
          p = decode ? next_unit (p, end, &c) : next_char (p, end, &c);
          c = canonical (c);
        }
      if (c == SKIP)
        continue;
      if (c == SPACE)
        {
          if (n > 0 && out[n - 1] != ' ')
            out[n++] = ' ';
        }
      else if (c < 0x80)
        out[n++] = (char) c;
      else
        n += g_unichar_to_utf8 (c, out + n);
    }
  if (n > 0 && out[n - 1] == ' ')
    n--;
  return n;
}

static void
add_skeleton (TlRedactor *self,
              const char *skeleton,
              gsize       length,
              const char *placeholder)
{
  Secret s;
  guint at = self->secrets->len;

  if (length < MIN_SECRET_LENGTH)
    return;
  for (guint i = 0; i < self->secrets->len; i++)
    {
      const Secret *other = &g_array_index (self->secrets, Secret, i);

      if (other->length == length && memcmp (other->skeleton, skeleton, length) == 0)
        return;
      if (other->length < length && at == self->secrets->len)
        at = i;   /* kept longest first */
    }
  s.length = length;
  s.skeleton = g_memdup2 (skeleton, length + 1);
  s.skeleton[length] = '\0';
  s.placeholder = placeholder;
  s.split = length >= MIN_SPLIT_LENGTH;
  s.cut = g_str_equal (placeholder, TL_REDACTED_TOKEN) || g_str_equal (placeholder, TL_REDACTED_PASSWORD);
  g_array_insert_val (self->secrets, at, s);
}

/* Adds @secret as itself and as read with its escapes decoded, when at least MIN_SECRET_LENGTH
 * bytes long; returns whether it was. */
static gboolean
add_secret (TlRedactor *self,
            const char *secret,
            const char *placeholder)
{
  gsize len = secret != NULL ? strlen (secret) : 0;
  char stack[256];
  char *skeleton;
  gsize n;

  if (len < MIN_SECRET_LENGTH)
    return FALSE;
  skeleton = 4 * len + 1 <= sizeof stack ? stack : g_malloc (4 * len + 1);
  n = skeleton_of (secret, len, FALSE, skeleton);
  add_skeleton (self, skeleton, n, placeholder);
  if (strpbrk (secret, "%\\&") != NULL)
    {
      n = skeleton_of (secret, len, TRUE, skeleton);
      add_skeleton (self, skeleton, n, placeholder);
    }
  explicit_bzero (skeleton, 4 * len + 1);
  if (skeleton != stack)
    g_free (skeleton);
  return TRUE;
}

/* Adds @encoded (freed and wiped here), a secret in base64 or hex. */
static void
add_encoded (TlRedactor *self,
             char       *encoded,
             const char *placeholder)
{
  add_secret (self, encoded, placeholder);
  tl_secret_free (encoded);
}

static char *
base64_of (const char *secret)
{
  return g_base64_encode ((const guchar *) secret, strlen (secret));
}

static char *
hex_of (const char *secret,
        gboolean    upper)
{
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  gsize len = strlen (secret);
  char *hex = g_malloc (2 * len + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[(guchar) secret[i] >> 4];
      hex[2 * i + 1] = digits[(guchar) secret[i] & 0xf];
    }
  hex[2 * len] = '\0';
  return hex;
}

/**
 * tl_redactor_new:
 * @token: (nullable): the order token sent
 * @username: (nullable): with @password, to find "username:password" and its Basic value
 * @password: (nullable): the password sent
 *
 * Returns: (transfer full): a redactor holding the skeletons of the secrets, wiped when freed
 */
TlRedactor *
tl_redactor_new (const char *token,
                 const char *username,
                 const char *password)
{
  TlRedactor *self = g_new0 (TlRedactor, 1);

  self->secrets = g_array_sized_new (FALSE, FALSE, sizeof (Secret), 12);
  g_array_set_clear_func (self->secrets, (GDestroyNotify) secret_clear);

  if (add_secret (self, token, TL_REDACTED_TOKEN))
    {
      add_encoded (self, base64_of (token), TL_REDACTED_TOKEN);
      add_encoded (self, hex_of (token, FALSE), TL_REDACTED_TOKEN);
      add_encoded (self, hex_of (token, TRUE), TL_REDACTED_TOKEN);
    }
  if (password != NULL && *password != '\0')
    {
      g_autofree char *pair = g_strconcat (username ? username : "", ":", password, NULL);

      add_secret (self, pair, TL_REDACTED_CREDENTIALS);
      add_encoded (self, base64_of (pair), TL_REDACTED_CREDENTIALS);
      if (add_secret (self, password, TL_REDACTED_PASSWORD))
        add_encoded (self, base64_of (password), TL_REDACTED_PASSWORD);
      explicit_bzero (pair, strlen (pair));
    }
  /* at most: the token (twice), its base64, its hex (twice), username:password (twice), the
   * Basic value, the password (twice) and its base64 */
  g_assert (self->secrets->len <= 32);
  for (guint i = 0; i < self->secrets->len; i++)
    {
      const Secret *secret = &g_array_index (self->secrets, Secret, i);
      guchar first = (guchar) secret->skeleton[0];

      /* a secret may begin at its own first byte, at an escape (%XX, \uXXXX, &#43;), or at a
       * URL-safe letter for '+' or '/' */
      self->starts[first] |= 1u << i;
      self->starts['%'] |= 1u << i;
      self->starts['\\'] |= 1u << i;
      self->starts['&'] |= 1u << i;
      if (first == '+')
        self->starts['-'] |= 1u << i;
      else if (first == '/')
        self->starts['_'] |= 1u << i;
    }
  return self;
}

gboolean
tl_redactor_is_empty (TlRedactor *self)
{
  return self == NULL || self->secrets->len == 0;
}

/**
 * tl_redactor_may_change:
 *
 * Returns: %FALSE when tl_redactor_apply() would give @text back unchanged because no byte of
 *   it can begin any secret or escape (most strings of a ticket); %TRUE when it may not
 */
gboolean
tl_redactor_may_change (TlRedactor *self,
                        const char *text)
{
  if (text == NULL || tl_redactor_is_empty (self))
    return FALSE;
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (self->starts[*p] != 0)
      return TRUE;
  return FALSE;
}

void
tl_redactor_free (TlRedactor *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->secrets);
  explicit_bzero (self->starts, sizeof self->starts);   /* it knows each secret's first byte */
  g_free (self);
}

/**
 * tl_redactor_apply:
 *
 * Returns: (transfer full) (nullable): @text with every secret replaced by its placeholder
 */
char *
tl_redactor_apply (TlRedactor *self,
                   const char *text)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return NULL;
  if (!tl_redactor_may_change (self, text))
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      const char *run = p;
      const char *matched = NULL;
      const char *placeholder = NULL;
      guint32 candidates;
      guchar first;

      /* Most bytes cannot start any secret: they are copied a run at a time. */
      while (p < end && self->starts[(guchar) *p] == 0)
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;
      candidates = self->starts[(guchar) *p];
      first = plain_skeleton[(guchar) *p];
      for (guint i = 0; i < self->secrets->len && matched == NULL; i++)
        {
          const Secret *secret = &g_array_index (self->secrets, Secret, i);

          /* a plain first byte decides at once */
          if ((candidates & (1u << i)) == 0 ||
              (first != NOT_PLAIN && first != (guchar) secret->skeleton[0]))
            continue;
          if ((matched = match_at (p, end, secret)) != NULL)
            placeholder = secret->placeholder;
        }
      if (matched != NULL)
        {
          g_string_append (out, placeholder);
          p = matched;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
