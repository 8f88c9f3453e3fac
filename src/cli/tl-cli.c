/* tl-cli.c: ticket-lookup-cli, a thin command-line view over libtl-core
 *
 * The options and the choice of what to do: one lookup, a batch (tl-cli-batch), an account
 * check, or the demo server. The password comes from tl-cli-password, everything printed
 * from tl-cli-output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "tl-account-check.h"
#include "tl-cli-batch.h"
#include "tl-cli-output.h"
#include "tl-cli-password.h"
#include "tl-client.h"
#include "tl-demo-server.h"
#include "tl-input.h"
#include "tl-lookup-error.h"
#include "tl-proxy.h"
#include "tl-secret.h"
#include "tl-tls.h"

/* the documented ranges of --timeout and --jobs */
#define TIMEOUT_MIN 1
#define TIMEOUT_MAX 3600
#define JOBS_MIN    1
#define JOBS_MAX    64

/* options */
static char *opt_base_url;
static char *opt_username;
static char *opt_password_file;
static gboolean opt_password_stdin;
static char *opt_proxy_user;
static char *opt_proxy_password_file;
static gboolean opt_json;
static char *opt_timeout;      /* NULL: not given */
static int opt_jobs = 4;
static gboolean opt_demo;
static gboolean opt_serve_demo;
static gboolean opt_verbose;
static gboolean opt_quiet;
static gboolean opt_summary;
static gboolean opt_version;
static gboolean opt_check_account;
static char *opt_customer;
static char *opt_batch;
static char *opt_ca_file;
static char **opt_rest;

static gint64 timeout_seconds; /* --timeout, checked; 0 when not given */

static const GOptionEntry entries[] = {
  { "base-url", 0, 0, G_OPTION_ARG_STRING, &opt_base_url,
    N_("Service address (default: the app's setting, else https://connect.maklare.vitec.net)"), N_("URL") },
  { "username", 'u', 0, G_OPTION_ARG_STRING, &opt_username, N_("Partner username"), N_("NAME") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file,
    N_("Read the password from the first line of FILE (else stdin, else the keyring)"), N_("FILE") },
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &opt_password_stdin,
    N_("Read the password from standard input"), NULL },
  { "proxy-user", 0, 0, G_OPTION_ARG_STRING, &opt_proxy_user,
    N_("Sign in to the office proxy as NAME (the password with --proxy-password-file)"), N_("NAME") },
  { "proxy-password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_proxy_password_file,
    N_("Read the office proxy's password from the first line of FILE (“-” for standard input)"), N_("FILE") },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON (JSON Lines with --batch)"), NULL },
  { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_file,
    N_("Also trust the certificate authorities in FILE (PEM), such as your office’s for inspected HTTPS (default: the app’s for its account, else $SSL_CERT_FILE)"), N_("FILE") },
  { "timeout", 't', 0, G_OPTION_ARG_STRING, &opt_timeout,
    N_("Give up on a lookup after SECONDS, 1–3600 (default 30)"), N_("SECONDS") },
  { "batch", 'b', 0, G_OPTION_ARG_FILENAME, &opt_batch,
    N_("Look up every line of FILE (“-” for standard input)"), N_("FILE") },
  { "jobs", 'J', 0, G_OPTION_ARG_INT, &opt_jobs,
    N_("Lookups at once in --batch mode (default 4)"), N_("N") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, &opt_demo,
    N_("Start the built-in demo server and use its credentials"), NULL },
  { "serve-demo", 0, 0, G_OPTION_ARG_NONE, &opt_serve_demo,
    N_("Only run the demo server, print its address and wait"), NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose,
    N_("Print request and response diagnostics to standard error (secrets redacted)"), NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    N_("No progress line on standard error in --batch mode"), NULL },
  { "summary", 0, 0, G_OPTION_ARG_NONE, &opt_summary,
    N_("In --batch mode, end with the counts by outcome"), NULL },
  { "check-account", 0, 0, G_OPTION_ARG_NONE, &opt_check_account,
    N_("Check the username and password with one probe request, no token needed"), NULL },
  { "customer", 0, 0, G_OPTION_ARG_STRING, &opt_customer,
    N_("With --check-account: also check access to this customer ID"), N_("ID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version"), NULL },
  /* no description of its own: the usage line (the context's parameter string) says it once */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_rest, NULL, NULL },
  { NULL }
};

static TlCliOutputFormat
output_format (void)
{
  return opt_json ? TL_CLI_OUTPUT_JSON : TL_CLI_OUTPUT_HUMAN;
}

static GOptionContext *
make_option_context (void)
{
  GOptionContext *context = g_option_context_new (_("CUSTOMER_ID TOKEN | PASTED_TEXT | - | --batch FILE"));
  g_autofree char *tokens_help = tl_demo_tokens_help ();
  g_autofree char *description = NULL;

  g_option_context_set_summary (context,
    _("Look up Vitec Express Connect order tokens: shows the order ticket behind a token and\n"
      "whether the token is still valid. PASTED_TEXT may be the whole link the token came in,\n"
      "a query string or a log line."));
  description = g_strdup_printf (
    _("Exit status: 0 valid ticket, 1 expired ticket, 2 usage or invalid input,\n"
      "3 authentication failed (401), 4 forbidden (403), 5 rejected by the API (400/404/other 4xx),\n"
      "6 server error (5xx), 7 network/TLS/timeout/gateway, 8 malformed or oversized response,\n"
      "9 keyring unavailable, 10 a ticket that does not say whether the token expired,\n"
      "11 --check-account: the server did not answer as Vitec Express Connect does,\n"
      "12 the office proxy wants a sign-in it did not get (--proxy-user),\n"
      "130 interrupted (Ctrl+C). With --batch: 0 when every line got a valid or expired ticket,\n"
      "else the most severe failure's status.\n\n"
      "Demo tokens (with --demo):\n%s"), tokens_help);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Options that cannot go together, before anything is read or asked: -1 when all is well,
 * else the exit status. */
static int
check_usage (GOptionContext *context)
{
  g_autoptr(GError) error = NULL;
  guint n_rest = opt_rest ? g_strv_length (opt_rest) : 0;

  if (opt_check_account && (n_rest > 0 || opt_batch != NULL))
    {
      tl_cli_printerr ("%s\n", _("error: --check-account takes no token or --batch (use --customer ID to check access to a customer)"));
      return TL_EXIT_USAGE;
    }
  if (opt_customer != NULL && !opt_check_account)
    {
      tl_cli_printerr ("%s\n", _("error: --customer goes with --check-account"));
      return TL_EXIT_USAGE;
    }
  if (opt_customer != NULL && !tl_input_check_customer_id (opt_customer, &error))
    {
      tl_cli_printerr (_("error: %s\n"), error->message);
      return TL_EXIT_USAGE;
    }
  if (!opt_check_account &&
      ((opt_batch == NULL && (n_rest < 1 || n_rest > 2)) || (opt_batch != NULL && n_rest > 0)))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      tl_cli_printerr (_("error: give CUSTOMER_ID TOKEN, the pasted text, or --batch FILE\n\n%s"), help);
      return TL_EXIT_USAGE;
    }
  if (opt_password_stdin && g_strcmp0 (opt_batch, "-") == 0)
    {
      tl_cli_printerr ("%s\n", _("error: --password-stdin cannot be combined with --batch - (both read standard input)"));
      return TL_EXIT_USAGE;
    }
  if (n_rest == 1 && g_str_equal (opt_rest[0], "-") &&
      (opt_password_stdin || g_strcmp0 (opt_password_file, "-") == 0))
    {
      tl_cli_printerr ("%s\n", _("error: the password and the lookup cannot both be read from standard input; "
                                 "use --password-file FILE or the keyring"));
      return TL_EXIT_USAGE;
    }
  if ((opt_proxy_user != NULL) != (opt_proxy_password_file != NULL))
    {
      tl_cli_printerr ("%s\n", _("error: --proxy-user and --proxy-password-file go together"));
      return TL_EXIT_USAGE;
    }
  if (g_strcmp0 (opt_proxy_password_file, "-") == 0 &&
      (opt_password_stdin || g_strcmp0 (opt_password_file, "-") == 0 || g_strcmp0 (opt_batch, "-") == 0 ||
       (n_rest == 1 && g_str_equal (opt_rest[0], "-"))))
    {
      tl_cli_printerr ("%s\n", _("error: only one thing can be read from standard input; "
                                 "give the proxy's password with --proxy-password-file FILE"));
      return TL_EXIT_USAGE;
    }
  if (opt_proxy_user != NULL && (*opt_proxy_user == '\0' || strchr (opt_proxy_user, ':') != NULL ||
                                 !g_utf8_validate (opt_proxy_user, -1, NULL)))
    {
      tl_cli_printerr ("%s\n", _("error: --proxy-user must be a user name without “:”"));
      return TL_EXIT_USAGE;
    }
  if (opt_password_file != NULL && opt_password_stdin)
    {
      tl_cli_printerr ("%s\n", _("error: give either --password-file or --password-stdin, not both"));
      return TL_EXIT_USAGE;
    }
  /* a whole number of seconds in the documented range, nothing else (not -1, not "30s") */
  if (opt_timeout != NULL &&
      !g_ascii_string_to_signed (opt_timeout, 10, TIMEOUT_MIN, TIMEOUT_MAX, &timeout_seconds, NULL))
    {
      tl_cli_printerr (_("error: --timeout must be %d–%d seconds\n"), TIMEOUT_MIN, TIMEOUT_MAX);
      return TL_EXIT_USAGE;
    }
  if (opt_jobs < JOBS_MIN || opt_jobs > JOBS_MAX)
    {
      tl_cli_printerr (_("error: --jobs must be %d–%d\n"), JOBS_MIN, JOBS_MAX);
      return TL_EXIT_USAGE;
    }
  return -1;
}

/* What a person typed on the command line is visible to every local user in /proc/PID/cmdline
 * while the process lives: once the options are parsed, the positional arguments (the customer
 * ID and token, or the pasted link) are overwritten in place. Reading them from standard input
 * ("-") avoids even the moment before this runs. */
static void
scrub_arguments (int    argc,
                 char **argv)
{
  for (int i = 1; i < argc; i++)
    if (argv[i] != NULL && argv[i][0] != '-')
      memset (argv[i], 'x', strlen (argv[i]));
}

static char *
read_lookup_stdin (GError **error)
{
  GString *in = g_string_new (NULL);
  char buf[4096];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0 && in->len <= 64 * 1024)
    g_string_append_len (in, buf, n);
  if (in->len > 64 * 1024)
    {
      tl_secret_free (g_string_free (in, FALSE));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Standard input holds more than 64 KiB; a single lookup is one line or "
                             "one link (use --batch - for many)."));
      return NULL;
    }
  g_strstrip (in->str);
  return g_string_free (in, FALSE);
}

/* The single lookup's input: the arguments, or standard input for "-". NULL with *status set
 * when it cannot be looked up (the reason is printed). */
static TlInput *
read_single_input (int *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlInput) input = NULL;
  guint n_rest = g_strv_length (opt_rest);

  if (n_rest == 1 && g_str_equal (opt_rest[0], "-"))
    {
      /* The lookup from standard input: "CUSTOMER_ID TOKEN", or the pasted link or line. */
      g_autofree char *text = read_lookup_stdin (&error);

      if (text == NULL)
        {
          tl_cli_printerr (_("error: %s\n"), error->message);
          *status = TL_EXIT_USAGE;
          return NULL;
        }
      input = tl_input_parse (text, &error);
      explicit_bzero (text, strlen (text));
    }
  else if (n_rest == 2)
    input = tl_input_parse_fields (opt_rest[0], opt_rest[1], &error);
  else
    input = tl_input_parse (opt_rest[0], &error);

  if (error != NULL)
    {
      TlCliLookup lookup = { .input = input, .input_error = error };

      tl_cli_print_lookup (&lookup, output_format (), FALSE, FALSE);
      tl_cli_output_flush ();
      *status = TL_EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&input);
}

typedef struct
{
  TlLookupResult *result;
  guint           interrupt_id;
  gboolean        interrupted;
} Single;

static gboolean
on_single_interrupt (gpointer user_data)
{
  Single *single = user_data;

  single->interrupt_id = 0;
  single->interrupted = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_single_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Single *single = user_data;

  single->result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

/* One lookup, printed when it ends. Ctrl+C lets it finish as cancelled, nothing half-done. */
static int
run_single (TlClient  *client,
            TlAccount *account,
            TlInput   *input)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Single single = { 0 };
  TlCliLookup lookup = { .input = input };
  int status;

  single.interrupt_id = g_unix_signal_add (SIGINT, on_single_interrupt, &single);
  tl_client_lookup_async (client, account, tl_input_get_customer_id (input), tl_input_get_token (input),
                          cancellable, on_single_done, &single);
  while (single.result == NULL && !single.interrupted)
    g_main_context_iteration (NULL, TRUE);
  if (single.result == NULL)
    {
      g_cancellable_cancel (cancellable);
      while (single.result == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_handle_id (&single.interrupt_id, g_source_remove);

  lookup.result = single.result;
  tl_cli_print_lookup (&lookup, output_format (), FALSE, opt_verbose);
  tl_cli_output_flush ();
  status = single.interrupted ? TL_EXIT_INTERRUPTED : tl_lookup_result_get_exit_status (single.result);
  g_object_unref (single.result);
  return status;
}

static void
on_check_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  *(TlLookupResult **) user_data = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
}

/* --check-account: one probe request with a token that cannot exist; the service's answer says
 * whether it accepts the account (tl-account-check). */
static int
check_account (TlClient   *client,
               TlAccount  *account,
               const char *customer_id)
{
  g_autoptr(TlLookupResult) result = NULL;
  TlAccountCheck check;

  tl_client_lookup_async (client, account, customer_id ? customer_id : TL_ACCOUNT_CHECK_CUSTOMER_ID,
                          TL_ACCOUNT_CHECK_TOKEN, NULL, on_check_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  check = tl_account_check_from_result (result, customer_id != NULL);
  tl_cli_print_check (check, account, customer_id, result, output_format ());
  return tl_account_check_exit_status (check, result);
}

static gboolean
on_signal_quit (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
serve_demo (const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) server = tl_demo_server_new (&error);
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *help = NULL;

  if (server == NULL)
    {
      tl_cli_printerr (_("error: could not start the demo server: %s\n"), error->message);
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_NETWORK);
    }
  tl_demo_server_set_password (server, password);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_quit, loop);
  g_unix_signal_add (SIGTERM, on_signal_quit, loop);
  g_print ("%s\n", tl_demo_server_get_base_url (server));
  fflush (stdout);
  help = tl_demo_tokens_help ();
  tl_cli_printerr (_("Demo server listening at %s (Ctrl+C stops it). Tokens:\n%s"),
                   tl_demo_server_get_base_url (server), help);
  g_main_loop_run (loop);
  return 0;
}

/* A file of certificate authorities named by @source ("--ca-file", "SSL_CERT_FILE"), read and
 * checked before anything is asked or sent; *ok is FALSE when it cannot be used (the reason is
 * printed). */
static char *
check_ca_file (const char *ca_file,
               const char *source,
               gboolean   *ok)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;

  if (ca_file == NULL || *ca_file == '\0')
    return NULL;
  contents = tl_tls_read_ca_file (ca_file, NULL, &error);
  if (contents == NULL)
    {
      /* Translators: "error: --ca-file: “office.pem” holds no certificate. …" */
      tl_cli_printerr (_("error: %s: %s\n"), source, error->message);
      *ok = FALSE;
      return NULL;
    }
  return g_strdup (ca_file);
}

/* The office certificate the app keeps for its active profile, when this run uses the app's
 * account (no --base-url): the same trust as the window's. NULL when there is none. */
static char *
app_profile_ca_file (TlAccount *account)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) files = NULL;
  g_autofree char *active = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *normalized = NULL;
  char *path = NULL;

  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "profile-ca-files") ||
      !g_settings_schema_has_key (schema, "active-profile") || !g_settings_schema_has_key (schema, "base-url"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  active = g_settings_get_string (settings, "active-profile");
  base_url = g_settings_get_string (settings, "base-url");
  normalized = tl_normalize_base_url (base_url);
  if (*active == '\0' || g_strcmp0 (normalized, tl_account_get_server (account)) != 0)
    return NULL;
  files = g_settings_get_value (settings, "profile-ca-files");
  if (!g_variant_lookup (files, active, "s", &path) || *path == '\0')
    g_clear_pointer (&path, g_free);
  return path;
}

/* https_proxy / no_proxy, as command-line tools do; otherwise the desktop's settings. The
 * proxy's own sign-in, when given, goes to whichever proxy asks for one. */
static TlClient *
make_client (TlProxyCredentials *proxy_credentials)
{
  TlClient *client = tl_client_new ();
  g_auto(GStrv) environment = g_get_environ ();
  g_autoptr(TlProxyResolver) from_environment =
    tl_proxy_resolver_new_from_environment ((const char * const *) environment);

  if (from_environment != NULL)
    tl_client_set_proxy_resolver (client, G_PROXY_RESOLVER (from_environment));
  tl_client_set_proxy_credentials (client, proxy_credentials);
  if (opt_jobs > 2)
    tl_client_set_max_connections (client, opt_jobs);
  if (timeout_seconds > 0)
    tl_client_set_timeout (client, timeout_seconds);
  return client;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) demo = NULL;
  g_autoptr(TlClient) client = NULL;
  g_autoptr(GInputStream) batch_input = NULL;
  g_autoptr(TlAccount) account = NULL;
  g_autoptr(TlInput) single = NULL;
  g_autoptr(TlProxyCredentials) proxy_credentials = NULL;
  g_autofree char **original_argv = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *env_ca_file = NULL;
  gboolean ca_file_ok = TRUE;
  goffset batch_size = -1;
  TlCliAccountOptions account_options;
  int original_argc;
  int status;

  setlocale (LC_ALL, "");
  /* TICKET_LOOKUP_LOCALEDIR lets an uninstalled build (tests, screenshots) find its catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TICKET_LOOKUP_LOCALEDIR") ? g_getenv ("TICKET_LOOKUP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = make_option_context ();
  original_argc = argc;
  original_argv = g_memdup2 (argv, sizeof (char *) * (argc + 1));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      tl_cli_printerr (_("error: %s\nRun “%s --help” for the options.\n"), error->message, g_get_prgname ());
      return TL_EXIT_USAGE;
    }
  /* GOption copied every value it kept: wipe the originals. */
  scrub_arguments (original_argc, original_argv);

  if (opt_version)
    {
      g_print ("ticket-lookup-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (opt_serve_demo)
    {
      /* --password-file / --password-stdin set the demo user's password (default "demo-password"). */
      g_autofree char *demo_password = NULL;

      if (opt_password_file != NULL || opt_password_stdin)
        {
          demo_password = tl_cli_read_password (opt_password_file ? opt_password_file : "-", &error);
          if (demo_password == NULL)
            {
              tl_cli_printerr (_("error: could not read the password: %s\n"), error->message);
              return TL_EXIT_USAGE;
            }
        }
      return serve_demo (demo_password);
    }

  if ((status = check_usage (context)) >= 0)
    return status;

  /* Inputs first: a typo should not cost a keyring prompt. */
  if (opt_batch != NULL)
    {
      batch_input = tl_cli_batch_open_input (opt_batch, &batch_size, &error);
      if (batch_input == NULL)
        {
          tl_cli_printerr (_("error: %s\n"), error->message);
          return TL_EXIT_USAGE;
        }
    }
  else if (!opt_check_account && (single = read_single_input (&status)) == NULL)
    return status;
  /* certificate authorities trusted in addition to the system's: --ca-file; else, for the app's
   * account, the office certificate the app keeps for it; else SSL_CERT_FILE, as OpenSSL-based
   * tools read it */
  ca_file = check_ca_file (opt_ca_file, "--ca-file", &ca_file_ok);
  if (opt_ca_file == NULL && !opt_demo)   /* the demo server is plain http:// on loopback */
    env_ca_file = check_ca_file (g_getenv ("SSL_CERT_FILE"), "SSL_CERT_FILE", &ca_file_ok);
  if (!ca_file_ok)
    return TL_EXIT_USAGE;

  account_options = (TlCliAccountOptions) {
    .base_url = opt_base_url,
    .username = opt_username,
    .password_file = opt_password_file,
    .password_stdin = opt_password_stdin,
    .demo = opt_demo,
    .timeout_seconds = timeout_seconds > 0 ? timeout_seconds : TL_DEFAULT_TIMEOUT_SECONDS,
  };
  account = tl_cli_take_account (&account_options, &demo, &status);
  if (account == NULL)
    return status;
  if (ca_file == NULL && opt_base_url == NULL && !opt_demo)
    {
      /* the app's account, with the app's office certificate for it */
      g_autoptr(GError) ca_error = NULL;
      g_autoptr(GBytes) contents = NULL;

      ca_file = app_profile_ca_file (account);
      if (ca_file != NULL && (contents = tl_tls_read_ca_file (ca_file, NULL, &ca_error)) == NULL)
        {
          /* Translators: "error: the office certificate kept by Ticket Lookup: “…” holds no certificate." */
          tl_cli_printerr (_("error: the office certificate kept by Ticket Lookup: %s\n"), ca_error->message);
          return TL_EXIT_USAGE;
        }
    }
  if (ca_file == NULL)
    ca_file = g_steal_pointer (&env_ca_file);
  if (ca_file != NULL)
    {
      TlAccount *with_ca = tl_account_new_with_ca_file (account, ca_file);

      g_object_unref (account);
      account = with_ca;
    }

  if (opt_proxy_user != NULL)
    {
      char *proxy_password = tl_cli_read_secret (opt_proxy_password_file, _("Proxy password: "), &error);

      if (proxy_password == NULL)
        {
          tl_cli_printerr (_("error: could not read the proxy's password: %s\n"), error->message);
          return TL_EXIT_USAGE;
        }
      proxy_credentials = tl_proxy_credentials_new (opt_proxy_user, proxy_password);
      tl_secret_free (proxy_password);
    }

  client = make_client (proxy_credentials);

  if (opt_check_account)
    return check_account (client, account, opt_customer);

  if (opt_batch != NULL)
    {
      TlCliBatchOptions batch_options = {
        .client = client,
        .account = account,
        .jobs = opt_jobs,
        .format = output_format (),
        .verbose = opt_verbose,
        /* the progress line is for a person watching: only on a terminal, and not with --quiet */
        .progress = !opt_quiet && isatty (STDERR_FILENO),
        .summary = opt_summary,
      };

      return tl_cli_batch_run (&batch_options, batch_input, batch_size);
    }
  return run_single (client, account, single);
}
