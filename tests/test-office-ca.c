/* test-office-ca.c: an office's own certificate authority, trusted per account or command line
 *
 * A certificate authority is made here with openssl ("Office Inspection Root"), and a real TLS
 * server on loopback (SoupServer) shows a certificate it signed, as an office's HTTPS-inspecting
 * proxy does. Through the core and through ticket-lookup-cli:
 *
 * - without the office's CA the lookup is refused, naming the issuer and saying how to trust it
 *   (the window's next step names the account's button, the command line's names --ca-file)
 * - an account with the CA file gets its ticket; another account on the same client, to the
 *   same server, is still refused (no connection accepted through the file is shared with it)
 * - --ca-file and SSL_CERT_FILE make the command-line lookup pass
 * - a damaged, cut, huge, empty or non-PEM file, a folder or a device is refused with a clear
 *   message before anything is sent
 * - built with the app (office-ca-profiles): a profile's office certificate, kept as the app's
 *   own copy, makes that profile's lookups pass through the app's one lookup flow, while
 *   another profile's to the same server are still refused; renamed, the profile keeps it;
 *   deleted, the copy goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "cli-runner.h"
#include "tl-client.h"
#include "tl-lookup-error.h"
#include "tl-tls.h"
#ifdef TL_TEST_PROFILES
#include "tl-accounts.h"
#include "tl-lookups.h"
#endif

#define USERNAME "partner"
#define PASSWORD "S3cret-Pw0rd"
#define TOKEN    "B2aJbxq/HPX567/8QBjwuGxKtL1wcDF9amnY+JLe1BEff7qWesnZvw=="
#define ORDER_ID "ORD-2026-118305"
#define CA_NAME  "Office Inspection Root"

static char *tmpdir;
static char *ca_file;
static SoupServer *server;
static char *base_url;
static guint requests;

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack ? haystack : "(null)");
}

G_GNUC_UNUSED static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, haystack);
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Everything the test made in its folder (certificates, files, the app's data), and the folder. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
openssl (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) "openssl");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (tmpdir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", err);
}

/* An office root and a server certificate for 127.0.0.1 signed by it. */
static void
make_certificates (void)
{
  g_autofree char *ext = path_in_tmp ("server.ext");

  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                      "extendedKeyUsage=serverAuth\n", -1, NULL));
  openssl ("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-days", "2", "-subj", "/O=Example Office/CN=" CA_NAME, "-keyout", "ca.key", "-out", "ca.pem",
           "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
           NULL);
  openssl ("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr", NULL);
  openssl ("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
           "-days", "2", "-extfile", "server.ext", "-out", "server.pem", NULL);
  ca_file = path_in_tmp ("ca.pem");
}

static void
on_request (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  static const char ticket[] =
    "{\"orderId\":\"" ORDER_ID "\",\"userId\":\"anna.lindqvist\",\"orderUserId\":\"erik.sjoberg\","
    "\"targetId\":\"OBJ11385_1395932274\",\"targetType\":\"HousingCooperative\",\"tenantId\":\"T1\","
    "\"chainId\":\"G1\",\"customerId\":\"M11385\",\"hasExpired\":false}";

  requests++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC,
                                    ticket, strlen (ticket));
}

static void
start_server (void)
{
  g_autofree char *cert = path_in_tmp ("server.pem");
  g_autofree char *key = path_in_tmp ("server.key");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

G_GNUC_UNUSED static TlLookupResult *
lookup (TlClient   *client,
        const char *with_ca_file)
{
  g_autoptr(TlAccount) plain = tl_account_new (base_url, USERNAME, PASSWORD, "Office", FALSE);
  g_autoptr(TlAccount) account = tl_account_new_with_ca_file (plain, with_ca_file);
  TlLookupResult *result = NULL;

  tl_client_lookup_async (client, account, "M11385", TOKEN, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static void
assert_refused (TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);

  g_assert_null (tl_lookup_result_get_ticket (result));
  g_assert_error (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_TLS);
  assert_contains (error->message, "not signed by a trusted authority");
  assert_contains (error->message, CA_NAME);
}

#ifndef TL_TEST_PROFILES
/* The account's CA file is trusted for its lookups only, on one shared client. */
static void
test_office_ca_account (void)
{
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlLookupResult) before = NULL;
  g_autoptr(TlLookupResult) with_ca = NULL;
  g_autoptr(TlLookupResult) again = NULL;
  g_autoptr(TlLookupResult) other = NULL;
  guint sent;

  tl_client_set_timeout (client, 20);

  before = lookup (client, NULL);
  assert_refused (before);
  /* the window's next step: the account dialog's button, never a flag */
  assert_contains (tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_TLS), "Trust the Office’s Certificate…");
  assert_lacks (tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_TLS), "--");
  g_assert_true (tl_lookup_error_wants_account (TL_LOOKUP_ERROR_TLS));
  g_assert_cmpuint (requests, ==, 0);

  with_ca = lookup (client, ca_file);
  g_assert_no_error (tl_lookup_result_get_error (with_ca));
  g_assert_nonnull (tl_lookup_result_get_ticket (with_ca));
  g_assert_cmpstr (tl_ticket_get_string (tl_lookup_result_get_ticket (with_ca), TL_TICKET_FIELD_ORDER_ID), ==, ORDER_ID);
  g_assert_cmpstr (tl_account_get_ca_file (tl_lookup_result_get_account (with_ca)), ==, ca_file);
  sent = requests;
  g_assert_cmpuint (sent, ==, 1);

  /* the same client, the same server, an account without the file: still refused, although a
   * connection accepted through the file is open */
  other = lookup (client, NULL);
  assert_refused (other);
  g_assert_cmpuint (requests, ==, sent);

  again = lookup (client, ca_file);
  g_assert_nonnull (tl_lookup_result_get_ticket (again));

  /* another profile's office root, unrelated to this server: refused too, although a TLS
   * session accepted through the first profile's file could be resumed */
  {
    g_autofree char *other_ca = path_in_tmp ("other-ca.pem");
    g_autoptr(TlLookupResult) other_profile = NULL;

    openssl ("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-days", "2", "-subj", "/O=Other Office/CN=Other Root", "-keyout", "other-ca.key",
             "-out", "other-ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL);
    sent = requests;
    other_profile = lookup (client, other_ca);
    assert_refused (other_profile);
    g_assert_cmpuint (requests, ==, sent);
  }
}

static void
run_cli (Run               *run,
         const char *const *env,
         const char        *ca_file_arg)
{
  const char *args[] = { "--base-url", base_url, "--username", USERNAME, "--password-stdin",
                         "--timeout", "20", "M11385", TOKEN, NULL, NULL, NULL };

  /* this machine's own SSL_CERT_FILE (if any) is left out unless the test gives one */
  const char *no_env[] = { "SSL_CERT_FILE", "", NULL };

  if (ca_file_arg != NULL)
    {
      args[9] = "--ca-file";
      args[10] = ca_file_arg;
    }
  run_cli_argv (run, TL_CLI_PATH, PASSWORD "\n", env ? env : no_env, args);
}

/* --ca-file, and SSL_CERT_FILE when it is not given */
static void
test_office_ca_cli (void)
{
  g_auto(Run) refused = { 0 };
  g_auto(Run) with_flag = { 0 };
  g_auto(Run) with_env = { 0 };
  g_auto(Run) flag_wins = { 0 };
  g_autofree char *junk = path_in_tmp ("junk.pem");
  const char *ssl_cert_file[] = { "SSL_CERT_FILE", NULL, NULL };
  const char *ssl_cert_junk[] = { "SSL_CERT_FILE", junk, NULL };
  guint sent = requests;

  run_cli (&refused, NULL, NULL);
  g_assert_cmpint (refused.status, ==, 7);
  assert_contains (refused.err, "The secure connection failed");
  assert_contains (refused.err, CA_NAME);
  assert_contains (refused.err, "--ca-file FILE or SSL_CERT_FILE");
  assert_lacks (refused.err, "Trust the Office");
  assert_lacks (refused.err, PASSWORD);
  g_assert_cmpuint (requests, ==, sent);

  run_cli (&with_flag, NULL, ca_file);
  g_assert_cmpint (with_flag.status, ==, 0);
  assert_contains (with_flag.out, ORDER_ID);
  g_assert_cmpuint (requests, ==, sent + 1);

  ssl_cert_file[1] = ca_file;
  run_cli (&with_env, ssl_cert_file, NULL);
  g_assert_cmpint (with_env.status, ==, 0);
  assert_contains (with_env.out, ORDER_ID);
  g_assert_cmpuint (requests, ==, sent + 2);

  /* --ca-file wins over an SSL_CERT_FILE that could not be used */
  g_assert_true (g_file_set_contents (junk, "not a certificate\n", -1, NULL));
  run_cli (&flag_wins, ssl_cert_junk, ca_file);
  g_assert_cmpint (flag_wins.status, ==, 0);
  assert_contains (flag_wins.out, ORDER_ID);
}

/* The app's account (no --base-url) comes with the office certificate the app keeps for the
 * active profile; another profile's does not. */
static void
run_cli_with_app_settings (Run        *run,
                           const char *active_profile)
{
  g_autofree char *config = path_in_tmp ("config");
  g_autofree char *folder = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (folder, "keyfile", NULL);
  g_autofree char *contents = NULL;
  const char *env[] = { "GSETTINGS_BACKEND", "keyfile", "XDG_CONFIG_HOME", config, "SSL_CERT_FILE", "", NULL };
  const char *args[] = { "--password-stdin", "--timeout", "20", "M11385", TOKEN, NULL };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  contents = g_strdup_printf ("[io/github/ticketlookup/TicketLookup]\n"
                              "profiles=[('Office', '%s', '" USERNAME "'), ('Home', '%s', '" USERNAME "')]\n"
                              "active-profile='%s'\nbase-url='%s'\nusername='" USERNAME "'\n"
                              "profile-ca-files={'Office': '%s'}\n",
                              base_url, base_url, active_profile, base_url, ca_file);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));
  run_cli_argv (run, TL_CLI_PATH, PASSWORD "\n", env, args);
  g_unlink (keyfile);
  g_rmdir (folder);
  {
    g_autofree char *glib = g_build_filename (config, "glib-2.0", NULL);

    g_rmdir (glib);
    g_rmdir (config);
  }
}

static void
test_office_ca_cli_app_profile (void)
{
  g_auto(Run) office = { 0 };
  g_auto(Run) home = { 0 };
  guint sent = requests;

  run_cli_with_app_settings (&office, "Office");
  g_assert_cmpint (office.status, ==, 0);
  assert_contains (office.out, ORDER_ID);
  g_assert_cmpuint (requests, ==, sent + 1);

  run_cli_with_app_settings (&home, "Home");
  g_assert_cmpint (home.status, ==, 7);
  assert_contains (home.err, "--ca-file FILE or SSL_CERT_FILE");
  assert_contains (home.err, CA_NAME);
  g_assert_cmpuint (requests, ==, sent + 1);
}

/* A file that cannot be a CA file: refused with a message that says why, before a keyring is
 * asked or anything is sent; never a crash. */
static void
test_office_ca_hostile_files (void)
{
  g_autofree char *pem = NULL;
  g_autofree char *cut_path = path_in_tmp ("cut.pem");
  g_autofree char *damaged_path = path_in_tmp ("damaged.pem");
  g_autofree char *huge_path = path_in_tmp ("huge.pem");
  g_autofree char *empty_path = path_in_tmp ("empty.pem");
  g_autofree char *text_path = path_in_tmp ("notes.txt");
  g_autofree char *key_path = path_in_tmp ("ca.key");
  g_autofree char *missing_path = path_in_tmp ("missing.pem");
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) damaged = NULL;
  gsize length;
  guint sent = requests;
  const struct { const char *path; const char *says; } cases[] = {
    { cut_path, "is cut off: it has no end line" },
    { damaged_path, "is damaged and cannot be read" },
    { huge_path, "is larger than 1.0" },
    { empty_path, "holds no certificate" },
    { text_path, "holds no certificate" },
    { key_path, "holds no certificate" },
    { tmpdir, "is not a certificate file" },
    { "/dev/zero", "is not a certificate file" },
    { missing_path, "Could not open" },
  };

  g_assert_true (g_file_get_contents (ca_file, &pem, &length, NULL));
  g_assert_true (g_file_set_contents (cut_path, pem, length / 2, NULL));
  damaged = g_string_new (pem);
  /* a block whose base64 says nothing that parses */
  g_string_printf (damaged, "%s-----BEGIN CERTIFICATE-----\nTUlJQm9uc2Vuc2U=\n-----END CERTIFICATE-----\n", pem);
  g_assert_true (g_file_set_contents (damaged_path, damaged->str, -1, NULL));
  while (huge->len <= TL_TLS_CA_FILE_MAX_SIZE)
    g_string_append (huge, pem);
  g_assert_true (g_file_set_contents (huge_path, huge->str, huge->len, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  g_assert_true (g_file_set_contents (text_path, "Office root certificate: ask IT\n\x01\x02\xff", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = tl_tls_read_ca_file (cases[i].path, NULL, &error);

      g_test_message ("%s", cases[i].path);
      g_assert_null (bytes);
      g_assert_nonnull (error);
      assert_contains (error->message, cases[i].says);

      run_cli (&run, NULL, cases[i].path);
      g_assert_cmpint (run.status, ==, 2);
      assert_contains (run.err, "--ca-file: ");
      assert_contains (run.err, cases[i].says);
    }
  g_assert_cmpuint (requests, ==, sent);

  /* the good file: its certificate, subject and fingerprint as `openssl x509 -fingerprint` */
  {
    g_autoptr(GPtrArray) certificates = NULL;
    g_autoptr(GBytes) bytes = tl_tls_read_ca_file (ca_file, &certificates, NULL);
    g_autofree char *subject = NULL;
    g_autofree char *fingerprint = NULL;
    g_autofree char *out = NULL;
    const char *argv[] = { "openssl", "x509", "-in", ca_file, "-noout", "-fingerprint", "-sha256", NULL };

    g_assert_nonnull (bytes);
    g_assert_cmpuint (certificates->len, ==, 1);
    subject = tl_tls_certificate_dup_subject (certificates->pdata[0]);
    assert_contains (subject, CA_NAME);
    fingerprint = tl_tls_certificate_dup_fingerprint (certificates->pdata[0]);
    g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, NULL));
    assert_contains (out, fingerprint);
  }
}


#endif

#ifdef TL_TEST_PROFILES
static void
on_imported (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(char **) user_data = tl_accounts_import_ca_file_finish (TL_ACCOUNTS (source), res, &error);
  g_assert_no_error (error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  /* no keyring here: the password is kept in memory all the same, which is what this needs */
  tl_accounts_store_password_finish (TL_ACCOUNTS (source), res, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
on_run (GObject      *source,
        GAsyncResult *res,
        gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_lookups_run_finish (TL_LOOKUPS (source), res);
}

/* A lookup as the window makes it: the snapshot of the profile in use when Look Up is pressed. */
static TlLookupResult *
look_up (TlLookups *lookups)
{
  g_autoptr(TlAccount) snapshot = tl_accounts_snapshot (tl_lookups_get_accounts (lookups));
  TlLookupResult *result = NULL;

  tl_lookups_run_async (lookups, snapshot, "M11385", TOKEN, NULL, on_run, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

static void
test_office_ca_profiles (void)
{
  g_autoptr(TlSettings) settings = tl_settings_new (BASE_APPLICATION_ID);
  g_autoptr(TlAccounts) accounts = tl_accounts_new (settings);
  g_autoptr(TlClient) client = tl_client_new ();
  g_autoptr(TlLookups) lookups = tl_lookups_new (accounts, client);
  g_autoptr(TlAccount) account = tl_account_new (base_url, USERNAME, PASSWORD, NULL, FALSE);
  g_autoptr(GFile) chosen = g_file_new_for_path (ca_file);
  g_autoptr(TlLookupResult) office = NULL;
  g_autoptr(TlLookupResult) other = NULL;
  g_autoptr(TlLookupResult) renamed = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *copy_dir = NULL;
  g_autofree char *expected_dir = g_build_filename (g_get_user_data_dir (), "ticket-lookup", "certificates", NULL);
  g_autofree char *kept = NULL;
  gboolean stored = FALSE;
  guint sent = requests;

  tl_client_set_timeout (client, 20);
  tl_accounts_import_ca_file_async (accounts, chosen, NULL, on_imported, &copy);
  while (copy == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* the app's own copy, in its data folder: the file chosen may go away */
  copy_dir = g_path_get_dirname (copy);
  g_assert_cmpstr (copy_dir, ==, expected_dir);
  g_assert_cmpstr (copy, !=, ca_file);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  /* chosen and not saved (the dialog cancelled): the copy goes; chosen again, the same copy */
  tl_accounts_forget_ca_file (accounts, copy);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  kept = g_steal_pointer (&copy);
  tl_accounts_import_ca_file_async (accounts, chosen, NULL, on_imported, &copy);
  while (copy == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copy, ==, kept);
  g_clear_pointer (&kept, g_free);
  /* a copy a profile uses is kept */

  tl_accounts_store_password_async (accounts, account, FALSE, NULL, on_stored, &stored);
  while (!stored)
    g_main_context_iteration (NULL, TRUE);

  tl_accounts_save_profile (accounts, NULL, "Other", base_url, USERNAME);
  tl_accounts_save_profile (accounts, NULL, "Office", base_url, USERNAME);
  tl_accounts_set_profile_ca_file (accounts, "Office", copy);
  tl_accounts_forget_ca_file (accounts, copy);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  office = look_up (lookups);
  g_assert_no_error (tl_lookup_result_get_error (office));
  g_assert_cmpstr (tl_ticket_get_string (tl_lookup_result_get_ticket (office), TL_TICKET_FIELD_ORDER_ID), ==, ORDER_ID);
  g_assert_cmpuint (requests, ==, sent + 1);

  /* the same server and user, another profile: refused, with the way out in the account settings */
  tl_accounts_activate_profile (accounts, "Other");
  other = look_up (lookups);
  assert_refused (other);
  g_assert_cmpuint (requests, ==, sent + 1);

  /* renamed, the profile keeps its certificate */
  tl_accounts_activate_profile (accounts, "Office");
  tl_accounts_save_profile (accounts, "Office", "Head Office", base_url, USERNAME);
  kept = tl_accounts_dup_profile_ca_file (accounts, "Head Office");
  g_assert_cmpstr (kept, ==, copy);
  g_assert_null (tl_accounts_dup_profile_ca_file (accounts, "Office"));
  renamed = look_up (lookups);
  g_assert_nonnull (tl_lookup_result_get_ticket (renamed));

  /* deleted, the copy goes with it (no other profile uses it) */
  tl_accounts_delete_profile (accounts, "Head Office");
  g_assert_null (tl_accounts_dup_profile_ca_file (accounts, "Head Office"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_rmdir (expected_dir);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autofree char *openssl_path = g_find_program_in_path ("openssl");
  int status;

#ifdef TL_TEST_PROFILES
  /* no keyring (stored passwords are kept in memory) and the app's data in the test's folder */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ticket-lookup-test-bus", TRUE);
#endif
  g_test_init (&argc, &argv, NULL);
  if (openssl_path == NULL)
    {
      g_test_skip ("openssl is not installed (the test makes its certificate authority with it)");
      return g_test_run ();
    }
  tmpdir = g_dir_make_tmp ("tl-office-ca-XXXXXX", NULL);
  make_certificates ();
  start_server ();

#ifdef TL_TEST_PROFILES
  {
    g_autofree char *data = path_in_tmp ("data");

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_test_add_func ("/office-ca/profiles", test_office_ca_profiles);
  }
#else
  g_test_add_func ("/office-ca/account", test_office_ca_account);
  g_test_add_func ("/office-ca/cli", test_office_ca_cli);
  g_test_add_func ("/office-ca/cli-app-profile", test_office_ca_cli_app_profile);
  g_test_add_func ("/office-ca/hostile-files", test_office_ca_hostile_files);
#endif
  status = g_test_run ();

  soup_server_disconnect (server);
  g_clear_object (&server);
  remove_tree (tmpdir);
  return status;
}
