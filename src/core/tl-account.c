/* tl-account.c: one account as an immutable value
 *
 * Credentials travel only as a TlAccount taken when a lookup or a run starts: the client keeps
 * none, so nothing that happens while a lookup waits (a profile switch, a slow keyring, a dialog
 * saving) can change where a password goes. The password is wiped when the account is freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tl-account.h"
#include "tl-lookup-error.h"
#include "tl-secret.h"

struct _TlAccount
{
  GObject   parent_instance;

  char     *server;     /* normalized base URL */
  char     *username;
  char     *password;   /* NULL: not loaded or nothing stored */
  char     *profile;    /* NULL: no named profile */
  char     *ca_file;    /* NULL: the system's certificate authorities only */
  gboolean  demo;
};

G_DEFINE_FINAL_TYPE (TlAccount, tl_account, G_TYPE_OBJECT)

static void
tl_account_finalize (GObject *object)
{
  TlAccount *self = (TlAccount *) object;

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->password, tl_secret_free);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (tl_account_parent_class)->finalize (object);
}

static void
tl_account_class_init (TlAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_account_finalize;
}

static void
tl_account_init (TlAccount *self)
{
}

/**
 * tl_normalize_base_url:
 *
 * Returns: @base_url trimmed and without trailing slashes
 */
char *
tl_normalize_base_url (const char *base_url)
{
  char *url = g_strstrip (g_strdup (base_url ? base_url : ""));
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  return url;
}

/**
 * tl_account_new:
 * @server: the base URL; normalized here
 * @password: (nullable): kept until the account is freed, then wiped
 * @profile: (nullable): the profile's name; %NULL or "" for none
 */
TlAccount *
tl_account_new (const char *server,
                const char *username,
                const char *password,
                const char *profile,
                gboolean    demo)
{
  TlAccount *self = g_object_new (TL_TYPE_ACCOUNT, NULL);

  self->server = tl_normalize_base_url (server);
  self->username = g_strdup (username ? username : "");
  self->password = g_strdup (password);
  self->profile = profile != NULL && *profile != '\0' ? g_strdup (profile) : NULL;
  self->demo = demo;
  return self;
}

/**
 * tl_account_new_with_password:
 *
 * Returns: (transfer full): the same account with @password
 */
TlAccount *
tl_account_new_with_password (TlAccount  *self,
                              const char *password)
{
  TlAccount *copy;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  copy = tl_account_new (self->server, self->username, password, self->profile, self->demo);
  copy->ca_file = g_strdup (self->ca_file);
  return copy;
}

/**
 * tl_account_new_with_ca_file:
 * @ca_file: (nullable): a PEM file of certificate authorities trusted for this account's
 *   lookups in addition to the system's (an office's inspection CA); %NULL for none
 *
 * Returns: (transfer full): the same account with @ca_file
 */
TlAccount *
tl_account_new_with_ca_file (TlAccount  *self,
                             const char *ca_file)
{
  TlAccount *copy;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  copy = tl_account_new (self->server, self->username, self->password, self->profile, self->demo);
  copy->ca_file = ca_file != NULL && *ca_file != '\0' ? g_strdup (ca_file) : NULL;
  return copy;
}

/**
 * tl_account_new_without_password:
 *
 * Returns: (transfer full): the same account without its password, for what outlives the
 *   lookup (results, history)
 */
TlAccount *
tl_account_new_without_password (TlAccount *self)
{
  return tl_account_new_with_password (self, NULL);
}

const char *
tl_account_get_server (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  return self->server;
}

const char *
tl_account_get_username (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  return self->username;
}

/**
 * tl_account_get_password:
 *
 * Returns: (nullable): the password; secret: never log or show it
 */
const char *
tl_account_get_password (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  return self->password;
}

gboolean
tl_account_has_password (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);
  return self->password != NULL;
}

const char *
tl_account_get_profile (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  return self->profile;
}

/**
 * tl_account_get_ca_file:
 *
 * Returns: (nullable): the file of certificate authorities trusted for this account in
 *   addition to the system's, %NULL for the system's alone
 */
const char *
tl_account_get_ca_file (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  return self->ca_file;
}

gboolean
tl_account_is_demo (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);
  return self->demo;
}

/* A username and a server: enough to ask the keyring and send a lookup. */
gboolean
tl_account_is_configured (TlAccount *self)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);
  return self->demo || (*self->username != '\0' && *self->server != '\0');
}

/* The same (server, username): the key a password is stored under. */
gboolean
tl_account_same_identity (TlAccount *self,
                          TlAccount *other)
{
  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (TL_IS_ACCOUNT (other), FALSE);
  return g_str_equal (self->server, other->server) && g_str_equal (self->username, other->username);
}

char *
tl_account_dup_host (TlAccount *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);
  uri = g_uri_parse (self->server, G_URI_FLAGS_NONE, NULL);
  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : self->server);
}

/**
 * tl_account_dup_label:
 *
 * Returns: how the account is named to people: "Demo server", "partner at host" or
 *   "Profile (partner at host)"
 */
char *
tl_account_dup_label (TlAccount *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);

  if (self->demo)
    return g_strdup (_("Demo server"));
  if (*self->username == '\0')
    return g_strdup (_("No account set up"));
  host = tl_account_dup_host (self);
  if (self->profile != NULL && !tl_account_profile_is_generated (self))
    /* Translators: profile name and account: "Production – partner X (partner at connect.maklare.vitec.net)" */
    return g_strdup_printf (_("%s (%s at %s)"), self->profile, self->username, host);
  /* Translators: the account shown under the title: "partner at connect.maklare.vitec.net" */
  return g_strdup_printf (_("%s at %s"), self->username, host);
}

/**
 * tl_account_dup_address_label:
 *
 * Returns: the account without its profile's name, for beside a control that shows that name:
 *   "partner at connect.maklare.vitec.net" (or as tl_account_dup_label() for the demo and for
 *   no account)
 */
char *
tl_account_dup_address_label (TlAccount *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), NULL);

  if (self->demo || *self->username == '\0')
    return tl_account_dup_label (self);
  host = tl_account_dup_host (self);
  return g_strdup_printf (_("%s at %s"), self->username, host);
}

/**
 * tl_account_profile_is_generated:
 *
 * Whether the profile has no name of its own: none, or the name made up from its username and
 * host ("partner at connect.maklare.vitec.net", in English or in the language of the day it
 * was saved). Such a name is not shown as stored but derived again, in today's language.
 */
gboolean
tl_account_profile_is_generated (TlAccount *self)
{
  g_autofree char *host = NULL;
  g_autofree char *english = NULL;
  g_autofree char *translated = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);

  if (self->profile == NULL || *self->profile == '\0')
    return TRUE;
  host = tl_account_dup_host (self);
  english = g_strdup_printf ("%s at %s", self->username, host);
  translated = g_strdup_printf (_("%s at %s"), self->username, host);
  return strcmp (self->profile, english) == 0 || strcmp (self->profile, translated) == 0;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/**
 * tl_account_owns_uri:
 *
 * Whether @uri has the origin (scheme, host, port) of the account's server: the only place its
 * password may be sent.
 */
gboolean
tl_account_owns_uri (TlAccount  *self,
                     GUri       *uri,
                     GError    **error)
{
  g_autoptr(GUri) server = NULL;

  g_return_val_if_fail (TL_IS_ACCOUNT (self), FALSE);

  server = g_uri_parse (self->server, G_URI_FLAGS_NONE, NULL);
  if (server == NULL || uri == NULL ||
      g_uri_get_host (server) == NULL || g_uri_get_host (uri) == NULL ||
      g_ascii_strcasecmp (g_uri_get_scheme (server), g_uri_get_scheme (uri)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (server), g_uri_get_host (uri)) != 0 ||
      effective_port (server) != effective_port (uri))
    {
      g_autofree char *host = tl_account_dup_host (self);

      g_set_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INSECURE_URL,
                   _("The request was not addressed to %s, the server this account belongs to; "
                     "nothing was sent."), host);
      return FALSE;
    }
  return TRUE;
}

/**
 * tl_account_check_username:
 *
 * A username for HTTP Basic authentication: not empty, and without ':' (RFC 7617: the first
 * colon separates username and password, so a server would read a different user) or control
 * characters.
 */
gboolean
tl_account_check_username (const char  *username,
                           GError     **error)
{
  if (username == NULL || *username == '\0')
    {
      g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INVALID_INPUT,
                           _("The username is empty."));
      return FALSE;
    }
  if (!g_utf8_validate (username, -1, NULL))
    {
      g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INVALID_INPUT,
                           _("The username is not valid UTF-8 text."));
      return FALSE;
    }
  if (strchr (username, ':') != NULL)
    {
      g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INVALID_INPUT,
                           _("The username contains “:”, which HTTP Basic authentication cannot "
                             "send (the server would read everything after it as the password)."));
      return FALSE;
    }
  for (const char *p = username; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error_literal (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_INVALID_INPUT,
                             _("The username contains a control character."));
        return FALSE;
      }
  return TRUE;
}
