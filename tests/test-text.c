/* test-text.c: the redactor over random secrets spelled in random ways, and which characters
 * count as invisible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tl-redactor.h"
#include "tl-text.h"

/* ---- a reading of text written apart from the redactor's ------------------------------ */

static gboolean
is_dropped (gunichar c)
{
  return c == 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || c == 0x34f || c == 0x61c ||
         g_unichar_isspace (c) || c < 0x20 || c == '=';
}

/* The text as the inserted spellings make it read: the escapes the generator writes decoded
 * (\uXXXX, %XX, %25XX, &#NN;, &#xHH;, &plus; &sol; &equals;), ignorables, whitespace and
 * padding dropped, URL-safe letters read as the standard ones. */
static char *
skeleton (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p;)
    {
      gunichar c = 0;
      int len = 0;
      guint v;

      if (sscanf (p, "\\u%4x%n", &v, &len) == 1 && len == 6)
        c = v;
      else if (sscanf (p, "%%25%2x%n", &v, &len) == 1 && len == 5 && g_ascii_isxdigit (p[4]))
        c = v;
      else if (sscanf (p, "%%%2x%n", &v, &len) == 1 && len == 3 && g_ascii_isxdigit (p[2]))
        c = v;
      else if (sscanf (p, "&#x%6x;%n", &v, &len) == 1 && len > 0)
        c = v;
      else if (sscanf (p, "&#%7u;%n", &v, &len) == 1 && len > 0)
        c = v;
      else if (g_str_has_prefix (p, "&plus;"))
        c = '+', len = 6;
      else if (g_str_has_prefix (p, "&sol;"))
        c = '/', len = 5;
      else if (g_str_has_prefix (p, "&equals;"))
        c = '=', len = 8;
      else
        {
          c = g_utf8_get_char (p);
          len = g_utf8_next_char (p) - p;
        }
      p += len;
      if (is_dropped (c))
        continue;
      g_string_append_unichar (out, c == '-' ? '+' : c == '_' ? '/' : c);
    }
  return g_string_free (out, FALSE);
}

/* ---- the generator ---------------------------------------------------------------------- */

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char *filler[] = { "The value '", "' is not valid. ", "token=", "\n", " ", "Basic ",
                                "{\"data\":\"", "\"}", "%", "&", "\\", "&#", "<b>", "é", "—" };
static const char *ignorables[] = { "\xe2\x80\x8b", "\xc2\xad", "\xe2\x81\xa0", "\xef\xbb\xbf",
                                    "\xe2\x80\xae", "\\u200B", "&#8203;", "%E2%80%8B", "\\u00ad" };
static const char *spaces[] = { " ", "\n", "\r\n  ", "\t", "\\n" };

static char *
random_secret (GRand *rand)
{
  guint n = g_rand_int_range (rand, 8, 33);
  char *s = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    s[i] = alphabet[g_rand_int_range (rand, 0, 64)];
  s[n] = '\0';
  return s;
}

/* One character of a secret, spelled in one of the ways a server may. */
static void
spell_char (GRand   *rand,
            GString *out,
            char     c)
{
  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      g_string_append_printf (out, "\\u%04X", (guchar) c);
      break;
    case 1:
      g_string_append_printf (out, "%%%02X", (guchar) c);
      break;
    case 2:
      g_string_append_printf (out, "%%25%02x", (guchar) c);
      break;
    case 3:
      g_string_append_printf (out, "&#%u;", (guchar) c);
      break;
    case 4:
      g_string_append_printf (out, "&#x%X;", (guchar) c);
      break;
    case 5:
      g_string_append (out, c == '+' ? "&plus;" : c == '/' ? "&sol;" : "");
      if (c != '+' && c != '/')
        g_string_append_c (out, c);
      break;
    case 6:
      g_string_append_c (out, c == '+' ? '-' : c == '/' ? '_' : c);
      break;
    default:
      g_string_append_c (out, c);
      break;
    }
}

static void
spell (GRand      *rand,
       GString    *out,
       const char *secret)
{
  for (const char *p = secret; *p; p++)
    {
      spell_char (rand, out, *p);
      if (p[1] != '\0' && g_rand_int_range (rand, 0, 4) == 0)
        g_string_append (out, ignorables[g_rand_int_range (rand, 0, G_N_ELEMENTS (ignorables))]);
      if (p[1] != '\0' && g_rand_int_range (rand, 0, 6) == 0)
        g_string_append (out, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
    }
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      g_string_append (out, "==");
      break;
    case 1:
      g_string_append (out, "%3D");
      break;
    default:
      break;
    }
}

/* Random secrets, spelled at random amid random text: what comes out never reads as any of
 * them, and text without them comes out as it went in. */
static void
test_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint rounds = g_test_thorough () ? 20000 : 2000;

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *token = random_secret (rand);
      g_autofree char *password = random_secret (rand);
      g_autofree char *pair = g_strconcat ("partner:", password, NULL);
      g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autoptr(TlRedactor) redactor = tl_redactor_new (token, "partner", password);
      const char *secrets[] = { token, password, basic };
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *redacted = NULL;
      g_autofree char *read = NULL;

      for (guint part = 0; part < 6; part++)
        {
          g_string_append (text, filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler))]);
          if (g_rand_boolean (rand))
            spell (rand, text, secrets[g_rand_int_range (rand, 0, G_N_ELEMENTS (secrets))]);
        }
      redacted = tl_redactor_apply (redactor, text->str);
      read = skeleton (redacted);
      for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
        {
          g_autofree char *secret = skeleton (secrets[i]);

          if (strstr (read, secret) != NULL)
            g_error ("round %u: %s still reads in %s (from %s)", round, secrets[i], redacted, text->str);
        }
    }
}

/* Ordinary text is left alone, and a short password does not redact words. */
static void
test_ordinary_text (void)
{
  g_autoptr(TlRedactor) redactor = tl_redactor_new ("Zq8x+Secret/Tok3n==", "partner", "pass");
  g_autoptr(TlRedactor) tiny = tl_redactor_new ("Zq8x+Secret/Tok3n==", "partner", "pw");
  const char *texts[] = {
    "The request is invalid. See https://x.example/a?b=c&amp;d=%20e \\u00e9 &#43;",
    "{\"orderId\":\"ORD-2024-118734\",\"hasExpired\":false}",
    "Zq8x+Secret/Tok",     /* a part of the token is not the token */
    "a pw is not a password; p w; p\xe2\x80\x8bw",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *a = tl_redactor_apply (tiny, texts[i]);

      g_assert_cmpstr (a, ==, texts[i]);
    }
  /* 4 letters: whole, or with invisible characters, but not across the spaces between words */
  {
    g_autofree char *a = tl_redactor_apply (redactor, "pass p\xe2\x80\x8b" "ass pa ss bypass");

    g_assert_cmpstr (a, ==, TL_REDACTED_PASSWORD " " TL_REDACTED_PASSWORD " pa ss by" TL_REDACTED_PASSWORD);
  }
}

/* A short secret (found only unsplit) with a run of whitespace followed by a '+': the rest of
 * the run is not taken for a form-decoded '+' (the redact fuzzer's find), and a '+' that did
 * come back as a space after the run is still found. */
static void
test_space_run_before_plus (void)
{
  g_autoptr(TlRedactor) redactor = tl_redactor_new (NULL, "partner", "\\\\  +Se");
  g_autoptr(TlRedactor) other = tl_redactor_new (NULL, "partner", "ab  +c");
  struct { TlRedactor *redactor; const char *in, *out; } cases[] = {
    { redactor, "c\n\x9e\\\\\\  +Se\nc", "c\n\x9e\\" TL_REDACTED_PASSWORD "\nc" },
    { redactor, "x \\\\  +Se y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab  +c y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab +c y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab   +c y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab  c y", "x " TL_REDACTED_PASSWORD " y" },      /* the '+' form-decoded */
    { other, "x ab   c y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab%20%2Bc y", "x " TL_REDACTED_PASSWORD " y" },
    { other, "x ab  d y", "x ab  d y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tl_redactor_apply (cases[i].redactor, cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* tl_redactor_may_change() says FALSE only for a text that apply gives back as it was, and a
 * text with a secret in any spelling, or with an escape, is always looked at. */
static void
test_may_change (void)
{
  g_autoptr(TlRedactor) redactor = tl_redactor_new ("Zq8x+Secret/Tok3n==", "partner", "S3cret-P\xc3\xa4ssword!");
  const char *unchanged[] = {
    "anna.lindqvist", "erik.sjoberg", "", "T1", "ORD-2026-1183", "G1 or T1",
  };
  const char *looked_at[] = {
    "Zq8x+Secret/Tok3n==", "x Zq8x-Secret_Tok3n", "Zq8x%2BSecret%2FTok3n", "Zq8x\\u002BSecret",
    "Zq8x&#43;Secret", "S3cret-P\xc3\xa4ssword!", "cGFydG5lcjpTM2NyZXQtUMOkc3N3b3JkIQ==",
    "5a7138782b536563726574", "a %41 b", "a \\n b", "a &amp; b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unchanged); i++)
    {
      g_autofree char *out = tl_redactor_apply (redactor, unchanged[i]);

      g_assert_false (tl_redactor_may_change (redactor, unchanged[i]));
      g_assert_cmpstr (out, ==, unchanged[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (looked_at); i++)
    g_assert_true (tl_redactor_may_change (redactor, looked_at[i]));
  g_assert_false (tl_redactor_may_change (redactor, NULL));
  g_assert_false (tl_redactor_may_change (NULL, "Zq8x+Secret/Tok3n=="));
}

/* The whole span goes, escapes and all, and only it. */
static void
test_spans (void)
{
  g_autoptr(TlRedactor) redactor = tl_redactor_new ("Zq8x+Secret/Tok3n==", "partner", "S3cret-P\xc3\xa4ssword!");
  struct { const char *in, *out; } cases[] = {
    { "'Zq8x&#x2B;Secret&#x2F;Tok3n&#x3D;&#x3D;'", "'" TL_REDACTED_TOKEN "'" },
    { "[Zq8x\\u0026#43;Se\xe2\x80\x8b" "cret\\/Tok3n]", "[" TL_REDACTED_TOKEN "]" },
    { "x Zq8x Secret/Tok3n%3D%3D y", "x " TL_REDACTED_TOKEN " y" },
    { "Basic cGFydG5lcjpTM2NyZXQtUMOkc3N3b3JkIQ.", "Basic " TL_REDACTED_CREDENTIALS "." },
    { "pw=UzNjcmV0LVDDpHNzd29yZCE%3D;", "pw=" TL_REDACTED_PASSWORD ";" },
    { "hex 5A7138782B5365637265742F546F6B336E3D3D!", "hex " TL_REDACTED_TOKEN "!" },
    { "S3cret&#x2D;P&#xE4;ssword&#x21;", TL_REDACTED_PASSWORD },
    { "S3cret-P%C3%A4ssword!", TL_REDACTED_PASSWORD },
    /* a text cut short: the beginning of the token or password before its "…", not of
     * username:password, nor a beginning too short to tell */
    { "a message about Zq8x+Secr\xe2\x80\xa6", "a message about " TL_REDACTED_TOKEN "\xe2\x80\xa6" },
    { "a message about S3cret-P\xc3\xa4\xe2\x80\xa6", "a message about " TL_REDACTED_PASSWORD "\xe2\x80\xa6" },
    { "no access for partner\xe2\x80\xa6", "no access for partner\xe2\x80\xa6" },
    { "Zq8x+ and more\xe2\x80\xa6 Zq8x\xe2\x80\xa6", "Zq8x+ and more\xe2\x80\xa6 Zq8x\xe2\x80\xa6" },
    { "Zq8x+Secr and on", "Zq8x+Secr and on" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tl_redactor_apply (redactor, cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  /* a secret that itself ends with "…", at the end of a text: found whole, however short its
   * beginning (the fuzzer's find: "x;p…" was taken for a cut-short "x;p" and left in) */
  {
    g_autoptr(TlRedactor) ellipsis = tl_redactor_new ("", "partner", "x;p\xe2\x80\xa6");
    g_autofree char *out = tl_redactor_apply (ellipsis, "q\nx;p\xe2\x80\xa6");

    g_assert_cmpstr (out, ==, "q\n" TL_REDACTED_PASSWORD);
  }
}

/* Every default-ignorable and bidirectional character, C0 and C1, is drawn as a marker. */
static void
test_invisible (void)
{
  const gunichar invisible[] = { 0x00, 0x1b, 0x7f, 0x85, 0x9f, 0xad, 0x34f, 0x61c, 0x115f,
                                 0x17b4, 0x180e, 0x200b, 0x200d, 0x200e, 0x202e, 0x2060,
                                 0x2066, 0x2069, 0x206f, 0x3164, 0xfe0f, 0xfeff, 0xffa0,
                                 0x1bca0, 0x1d173, 0xe0001, 0xe007f, 0x2028 };
  const gunichar visible[] = { 'a', ' ', 0xa0, 0xe4, 0x2010, 0x4e2d, 0x1f600 };
  g_autofree char *shown = tl_text_visible ("a\xe2\x80\x8b" "b\xc2\xad" "c\xe2\x81\xa0" "d\xef\xbb\xbf" "e\xf3\xa0\x81\x81");
  g_autoptr(GString) json = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (invisible); i++)
    g_assert_true (tl_text_is_invisible_char (invisible[i]));
  for (guint i = 0; i < G_N_ELEMENTS (visible); i++)
    g_assert_false (tl_text_is_invisible_char (visible[i]));
  g_assert_cmpstr (shown, ==, "a<U+200B>b<U+00AD>c<U+2060>d<U+FEFF>e<U+E0041>");

  /* beyond the BMP, as a JSON surrogate pair */
  tl_text_append_json_string (json, "x\xf3\xa0\x81\x81");
  g_assert_cmpstr (json->str, ==, "\"x\\uDB40\\uDC41\"");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/redactor/property", test_property);
  g_test_add_func ("/text/redactor/ordinary-text", test_ordinary_text);
  g_test_add_func ("/text/redactor/spans", test_spans);
  g_test_add_func ("/text/redactor/may-change", test_may_change);
  g_test_add_func ("/text/redactor/space-run-before-plus", test_space_run_before_plus);
  g_test_add_func ("/text/invisible", test_invisible);

  return g_test_run ();
}
