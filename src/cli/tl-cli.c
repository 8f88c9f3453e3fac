/* tl-cli.c: ticket-lookup-cli, a thin command-line view over libtl-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <termios.h>
#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "tl-account-check.h"
#include "tl-batch.h"
#include "tl-client.h"
#include "tl-credentials.h"
#include "tl-demo-server.h"
#include "tl-input.h"
#include "tl-local-file.h"
#include "tl-lookup-error.h"
#include "tl-proxy.h"
#include "tl-report.h"
#include "tl-secret.h"
#include "tl-text.h"


typedef struct
{
  guint           line;       /* 1-based line in the batch, 0 for a single lookup */
  TlInput        *input;
  GError         *input_error;
  TlLookupResult *result;
  gboolean        done;
  struct _Cli    *cli;        /* the run it belongs to */
} Job;

typedef struct _Cli
{
  GMainLoop    *loop;
  TlClient     *client;
  TlAccount    *account;      /* taken once, before the first lookup; the only credentials */
  GPtrArray    *jobs;         /* of Job* */
  guint         next_output;  /* next to print */
  gboolean      json;
  gboolean      verbose;
  gboolean      batch;
  gboolean      batch_finished;
  gboolean      batch_failed;   /* reading the lines failed */
  GCancellable *cancellable;
  /* --batch on a terminal: the progress line on standard error */
  TlBatch      *run;
  gboolean      progress;
  gboolean      progress_shown;
  gint64        started;
  goffset       input_size;     /* of a regular file, else -1 */
  guint         flush_id;       /* idle that flushes standard output after a batch's lines */
} Cli;

/* options */
static char *opt_base_url;
static char *opt_username;
static char *opt_password_file;
static gboolean opt_password_stdin;
static gboolean opt_json;
static int opt_timeout = -1;   /* -1: not given */
static int opt_jobs = 4;
static gboolean opt_demo;
static gboolean opt_serve_demo;
static gboolean opt_verbose;
static gboolean opt_quiet;
static gboolean opt_version;
static gboolean opt_check_account;
static char *opt_customer;
static char *opt_batch;
static char **opt_rest;

static const GOptionEntry entries[] = {
  { "base-url", 0, 0, G_OPTION_ARG_STRING, &opt_base_url,
    N_("Service address (default: the app's setting, else https://connect.maklare.vitec.net)"), N_("URL") },
  { "username", 'u', 0, G_OPTION_ARG_STRING, &opt_username, N_("Partner username"), N_("NAME") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_password_file,
    N_("Read the password from the first line of FILE (else stdin, else the keyring)"), N_("FILE") },
  { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &opt_password_stdin,
    N_("Read the password from standard input"), NULL },
  { "json", 'j', 0, G_OPTION_ARG_NONE, &opt_json, N_("Print JSON (JSON Lines with --batch)"), NULL },
  { "timeout", 't', 0, G_OPTION_ARG_INT, &opt_timeout,
    N_("Give up on a lookup after SECONDS (default 30)"), N_("SECONDS") },
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
  { "check-account", 0, 0, G_OPTION_ARG_NONE, &opt_check_account,
    N_("Check the username and password with one probe request, no token needed"), NULL },
  { "customer", 0, 0, G_OPTION_ARG_STRING, &opt_customer,
    N_("With --check-account: also check access to this customer ID"), N_("ID") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_rest, NULL,
    N_("CUSTOMER_ID TOKEN | PASTED_TEXT | -") },
  { NULL }
};

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->input);
  g_clear_error (&job->input_error);
  g_clear_object (&job->result);
  g_free (job);
}

static void
print_stderr (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static void
print_stderr (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
}

static char *
pad (const char *text,
     glong       width)
{
  glong len = g_utf8_strlen (text, -1);
  GString *out = g_string_new (text);

  for (; len < width; len++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static void
print_header_cb (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  g_autofree char *visible_name = tl_text_visible (name);
  g_autofree char *visible_value = tl_text_visible (value);

  print_stderr ("%s%s: %s\n", (const char *) user_data, visible_name, visible_value);
}

static void
print_verbose (TlLookupResult *result)
{
  print_stderr ("> POST %s\n", tl_lookup_result_get_url (result) ? tl_lookup_result_get_url (result) : "-");
  if (tl_lookup_result_get_request_headers (result))
    soup_message_headers_foreach (tl_lookup_result_get_request_headers (result), print_header_cb, "> ");
  print_stderr ("> {\"data\": \"[token %s]\"}\n",
                tl_lookup_result_get_token_fingerprint (result) ? tl_lookup_result_get_token_fingerprint (result) : "");
  if (tl_lookup_result_get_status (result) != 0)
    {
      g_autofree char *reason = tl_text_visible (tl_lookup_result_get_reason (result));
      g_autofree char *body = tl_text_visible_multiline (tl_lookup_result_get_body_excerpt (result));

      print_stderr ("< %s %u %s\n", tl_lookup_result_get_http_version (result),
                    tl_lookup_result_get_status (result), reason ? reason : "");
      soup_message_headers_foreach (tl_lookup_result_get_response_headers (result), print_header_cb, "< ");
      if (body != NULL)
        print_stderr ("< %s\n", body);
    }
  {
    /* the same timing text as the details panel and the support report */
    g_autofree char *timing = tl_report_describe_timing (result);

    print_stderr (_("* timing: %s\n"), timing);
  }
}

static void
print_human_single (Job *job)
{
  TlLookupResult *result = job->result;
  TlTicket *ticket = tl_lookup_result_get_ticket (result);

  if (job->input != NULL)
    for (guint i = 0; i < tl_input_get_n_findings (job->input); i++)
      {
        const TlInputFinding *finding = tl_input_get_finding (job->input, i);
        if (finding->kind != TL_INPUT_FINDING_FROM_URL)
          print_stderr (_("note: %s\n"), finding->message);
      }

  if (tl_lookup_result_is_ok (result))
    {
      glong width = 0;

      switch (tl_ticket_get_state (ticket))
        {
        case TL_TICKET_STATE_VALID:
          g_print ("%s\n", _("VALID: the token can still be used"));
          break;
        case TL_TICKET_STATE_EXPIRED:
          g_print ("%s\n", _("EXPIRED: the token has expired and can no longer be used"));
          break;
        case TL_TICKET_STATE_UNKNOWN:
        default:
          g_print ("%s\n", _("UNKNOWN: the answer does not say whether the token has expired; "
                             "treat it as not usable"));
          break;
        }
      for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
        width = MAX (width, g_utf8_strlen (tl_ticket_field_get_title (f), -1));
      for (guint f = 0; f < TL_TICKET_N_STRING_FIELDS; f++)
        {
          g_autofree char *title = pad (tl_ticket_field_get_title (f), width);
          g_autofree char *value = tl_text_visible (tl_ticket_get_string (ticket, f));

          g_print ("  %s  %s\n", title, value ? value : "—");
        }
    }
  else
    {
      g_autofree char *text = tl_lookup_result_format_error (result);
      g_autofree char *visible = tl_text_visible_multiline (text);

      print_stderr (_("error: %s\n"), visible);
    }
}

static void
add_error_json (JsonBuilder  *builder,
                const char   *code,
                const char   *message,
                const TlErrorBody *body)
{
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "details");
  json_builder_begin_array (builder);
  if (body != NULL)
    {
      if (body->message != NULL)
        json_builder_add_string_value (builder, body->message);
      for (guint i = 0; i < body->details->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (body->details, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* The error member: the failure with the service's messages, or null. */
static void
add_error_or_null (JsonBuilder    *builder,
                   TlLookupResult *result)
{
  const GError *error = result ? tl_lookup_result_get_error (result) : NULL;

  if (error != NULL)
    add_error_json (builder, tl_lookup_error_code_to_string (tl_lookup_error_code (error)),
                    error->message, tl_lookup_result_get_error_body (result));
  else
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_null_value (builder);
    }
}

/* The builder's object as one line of JSON: exact values, with DEL, C1 and bidi controls as
 * \uXXXX so the line is also safe on a terminal. */
static char *
builder_to_line (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = NULL;

  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  return tl_text_json_escape_invisible (json);
}

/* One lookup as one JSON line: written directly (the shape is fixed), every string through
 * tl_text_append_json_string, so values are exact and invisible characters escaped. */
static char *
job_to_json (Job *job)
{
  TlLookupResult *result = job->result;
  TlTicket *ticket = result ? tl_lookup_result_get_ticket (result) : NULL;
  gboolean has_ticket = ticket != NULL && tl_lookup_result_is_ok (result);
  const GError *error = NULL;
  const char *code = NULL;
  const TlErrorBody *body = NULL;
  GString *out = g_string_sized_new (512);

  g_string_append_c (out, '{');
  if (job->line > 0)
    g_string_append_printf (out, "\"line\":%u,", job->line);
  /* ok: a ticket that says valid or expired; an answer that does not say is not ok. */
  g_string_append (out, has_ticket && tl_ticket_get_state (ticket) != TL_TICKET_STATE_UNKNOWN
                        ? "\"ok\":true,\"verdict\":" : "\"ok\":false,\"verdict\":");
  tl_text_append_json_string (out, has_ticket ? tl_ticket_state_to_string (tl_ticket_get_state (ticket)) : NULL);
  g_string_append (out, ",\"customerId\":");
  tl_text_append_json_string (out, job->input ? tl_input_get_customer_id (job->input) : NULL);
  g_string_append (out, ",\"ticket\":");
  if (has_ticket)
    tl_ticket_append_json (ticket, out, FALSE);
  else
    g_string_append (out, "null");
  if (result != NULL && tl_lookup_result_get_status (result) != 0)
    g_string_append_printf (out, ",\"status\":%u", tl_lookup_result_get_status (result));
  else
    g_string_append (out, ",\"status\":null");
  g_string_append_printf (out, ",\"elapsedMs\":%" G_GINT64_FORMAT,
                          result ? (tl_lookup_result_get_elapsed_us (result) + 500) / 1000 : 0);
  if (result != NULL && tl_lookup_result_get_request_id (result) != NULL)
    {
      g_string_append (out, ",\"requestId\":");
      tl_text_append_json_string (out, tl_lookup_result_get_request_id (result));
    }

  if (job->input_error != NULL)
    {
      error = job->input_error;
      code = tl_lookup_error_code_to_string (TL_LOOKUP_ERROR_INVALID_INPUT);
    }
  else if (result != NULL && (error = tl_lookup_result_get_error (result)) != NULL)
    {
      code = tl_lookup_error_code_to_string (tl_lookup_error_code (error));
      body = tl_lookup_result_get_error_body (result);
    }
  if (error == NULL)
    g_string_append (out, ",\"error\":null}");
  else
    {
      g_string_append (out, ",\"error\":{\"code\":");
      tl_text_append_json_string (out, code);
      g_string_append (out, ",\"message\":");
      tl_text_append_json_string (out, error->message);
      g_string_append (out, ",\"details\":[");
      if (body != NULL)
        {
          gboolean first = TRUE;

          if (body->message != NULL)
            {
              tl_text_append_json_string (out, body->message);
              first = FALSE;
            }
          for (guint i = 0; i < body->details->len; i++)
            {
              if (!first)
                g_string_append_c (out, ',');
              tl_text_append_json_string (out, g_ptr_array_index (body->details, i));
              first = FALSE;
            }
        }
      g_string_append (out, "]}}");
    }
  return g_string_free (out, FALSE);
}

static int
job_exit_status (Job *job)
{
  if (job->input_error != NULL)
    return TL_EXIT_USAGE;
  return tl_lookup_result_get_exit_status (job->result);
}

static void
print_batch_human (Job *job)
{
  const char *customer = job->input ? tl_input_get_customer_id (job->input) : "—";

  if (job->input_error != NULL)
    g_print ("%4u  %-10s  %-20s  %s\n", job->line, "—", "—", job->input_error->message);
  else if (tl_lookup_result_is_ok (job->result))
    {
      TlTicket *ticket = tl_lookup_result_get_ticket (job->result);
      g_autofree char *order = tl_text_visible (tl_ticket_get_string (ticket, TL_TICKET_FIELD_ORDER_ID));
      /* the verdict's title, in capitals as in the single lookup's first line */
      g_autofree char *verdict = g_utf8_strup (tl_ticket_state_get_title (tl_ticket_get_state (ticket)), -1);

      g_print ("%4u  %-10s  %-20s  %s\n", job->line, customer, order ? order : "—",
               verdict);
    }
  else
    {
      const GError *error = tl_lookup_result_get_error (job->result);
      g_autofree char *message = tl_text_visible (error->message);

      g_print ("%4u  %-10s  %-20s  %s: %s\n", job->line, customer, "—",
               tl_lookup_error_get_title (error->code), message);
    }
}

static gboolean
flush_stdout_idle (gpointer user_data)
{
  Cli *cli = user_data;

  cli->flush_id = 0;
  fflush (stdout);
  return G_SOURCE_REMOVE;
}

/* A JSON line goes out as the UTF-8 it is (JSON Lines are UTF-8 whatever the locale), through
 * stdio's buffer. g_print() would flush after every line, one write per lookup; here the
 * buffer is flushed when the main loop has nothing else to do, so a reader of a pipe still
 * gets each line as soon as the batch pauses, and a fast batch writes in blocks. */
static void
print_json_line (Cli        *cli,
                 const char *json)
{
  fputs (json, stdout);
  fputc ('\n', stdout);
  if (cli->flush_id == 0)
    cli->flush_id = g_idle_add_full (G_PRIORITY_LOW, flush_stdout_idle, cli, NULL);
}

static void
print_job (Cli *cli,
           Job *job)
{
  if (cli->verbose && job->result != NULL)
    print_verbose (job->result);

  if (cli->json)
    {
      g_autofree char *json = job_to_json (job);
      print_json_line (cli, json);
    }
  else if (cli->batch)
    print_batch_human (job);
  else if (job->input_error != NULL)
    print_stderr (_("error: %s\n%s\n"), job->input_error->message,
                  tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_INVALID_INPUT));
  else
    print_human_single (job);
}

static void
flush_output (Cli *cli)
{
  while (cli->next_output < cli->jobs->len)
    {
      Job *job = g_ptr_array_index (cli->jobs, cli->next_output);

      if (!job->done)
        break;
      cli->next_output++;
      print_job (cli, job);
    }
  g_clear_handle_id (&cli->flush_id, g_source_remove);
  fflush (stdout);
}

/* The single lookup: printed when it ends, and the loop stops. */
static void
on_single_done (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  Job *job = user_data;
  Cli *cli = job->cli;

  job->result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);
  job->done = TRUE;
  flush_output (cli);
  g_main_loop_quit (cli->loop);
}

#define PASSWORD_MAX 4096

/* Reads the password from the terminal without echoing it. */
static char *
prompt_password (GError **error)
{
  struct termios saved, quiet;
  char buf[PASSWORD_MAX + 2];
  char *line;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (errno));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  /* echo off before the prompt appears: whatever is typed after it is never shown */
  tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
  print_stderr ("%s", _("Password: "));
  fflush (stderr);
  line = fgets (buf, sizeof buf, stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (line == NULL)
    {
      explicit_bzero (buf, sizeof buf);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("No password was entered."));
      return NULL;
    }
  line = g_strndup (buf, strcspn (buf, "\r\n"));
  explicit_bzero (buf, sizeof buf);
  return line;
}

/* A password file others can read, or that someone else owns (and so could swap), is refused:
 * the password would not be the user's alone. */
static gboolean
check_password_file (int          fd,
                     const char  *path,
                     GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is not a regular file."), path);
      return FALSE;
    }
  if (st.st_uid != getuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s belongs to another user; keep the password in a file of your own."), path);
      return FALSE;
    }
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s can be read or changed by other users (mode %03o); run “chmod 600 %s”."),
                   path, (unsigned) (st.st_mode & 0777), path);
      return FALSE;
    }
  return TRUE;
}

/* The first line of @path ("-": standard input, prompted for without echo on a terminal). */
static char *
read_password_file (const char  *path,
                    GError     **error)
{
  GString *in = g_string_new (NULL);
  char buf[1024];
  ssize_t n;
  int fd;
  char *password;
  gsize len;

  if (g_strcmp0 (path, "-") == 0)
    {
      if (isatty (STDIN_FILENO))
        {
          g_string_free (in, TRUE);
          return prompt_password (error);
        }
      fd = STDIN_FILENO;
    }
  else
    {
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0)
        {
          int errsv = errno;
          g_string_free (in, TRUE);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s: %s", path, g_strerror (errsv));
          return NULL;
        }
      if (!check_password_file (fd, path, error))
        {
          close (fd);
          g_string_free (in, TRUE);
          return NULL;
        }
    }

  while ((n = read (fd, buf, sizeof buf)) > 0 && in->len <= PASSWORD_MAX)
    g_string_append_len (in, buf, n);
  explicit_bzero (buf, sizeof buf);
  if (fd != STDIN_FILENO)
    close (fd);

  len = strcspn (in->str, "\r\n");
  /* strcspn() stops at a NUL byte too */
  if (len < in->len && in->str[len] == '\0')
    {
      tl_secret_free (g_string_free (in, FALSE));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password contains a NUL byte; is this the right file?"));
      return NULL;
    }
  if (in->len > PASSWORD_MAX)
    {
      tl_secret_free (g_string_free (in, FALSE));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The password file is larger than %d bytes; is this the right file?"), PASSWORD_MAX);
      return NULL;
    }
  password = g_strndup (in->str, len);
  tl_secret_free (g_string_free (in, FALSE));
  if (*password == '\0')
    {
      g_free (password);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The password is empty."));
      return NULL;
    }
  if (!g_utf8_validate (password, -1, NULL))
    {
      tl_secret_free (password);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password is not valid UTF-8 text."));
      return NULL;
    }
  return password;
}

/* The lines of --batch, read while the batch runs: a file, or standard input for "-". */
static GInputStream *
open_batch_input (const char  *path,
                  goffset     *size,
                  GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  int fd;

  *size = -1;
  /* standard input may be a pipe: that is what it is for */
  if (g_strcmp0 (path, "-") == 0)
    return g_unix_input_stream_new (STDIN_FILENO, FALSE);

  /* a named file is a regular file or is refused by what it is: /dev/zero would be read
   * forever and a named pipe would wait for a writer that may never come */
  file = g_file_new_for_commandline_arg (path);
  if (g_file_peek_path (file) != NULL)
    {
      fd = tl_local_file_open (g_file_peek_path (file), path, size, error);
      if (fd < 0)
        return NULL;
      return g_unix_input_stream_new (fd, TRUE);
    }

  /* a URI GIO reads for us (sftp://…): its kind is asked of the opened stream */
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is a special file, not a file of lines."), path);
      return NULL;
    }
  *size = g_file_info_get_size (info);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static void
clear_progress (Cli *cli)
{
  if (cli->progress_shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      cli->progress_shown = FALSE;
    }
}

/* "1 234 done · 850/s · 3 failed · about 12 s left": on the terminal only, redrawn in place */
static gboolean
show_progress (gpointer user_data)
{
  Cli *cli = user_data;
  guint done = tl_batch_get_n_done (cli->run);
  guint failed = tl_batch_get_n_failed (cli->run);
  double elapsed = (g_get_monotonic_time () - cli->started) / (double) G_USEC_PER_SEC;
  double rate = elapsed > 0 ? done / elapsed : 0;
  guint64 read = tl_batch_get_bytes_read (cli->run);
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u line done", "%u lines done", done), done);
  g_string_append_printf (line, " · %.0f/s", rate);
  if (failed > 0)
    {
      g_string_append (line, " · ");
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed", failed), failed);
    }
  /* time left from how much of the file is done: known for a file, not for a pipe */
  if (cli->input_size > 0 && read > 0 && done > 0 && tl_batch_get_n_items (cli->run) > 0)
    {
      double fraction = (double) read / cli->input_size * done / tl_batch_get_n_items (cli->run);

      if (fraction > 0.01 && fraction < 1)
        {
          g_string_append (line, " · ");
          g_string_append_printf (line, _("about %.0f s left"), elapsed / fraction - elapsed);
        }
    }
  fprintf (stderr, "\r\033[K%s", line->str);
  fflush (stderr);
  cli->progress_shown = TRUE;
  return G_SOURCE_CONTINUE;
}

/* --batch runs on tl-batch, the same engine as the app's batch window, reading the lines as
 * it goes: each line's result is printed as soon as it and every line before it are done,
 * and then forgotten. */
static void
on_batch_item_ready (TlBatch     *batch,
                     TlBatchItem *item,
                     Cli         *cli)
{
  Job job = {
    .line = tl_batch_item_get_line (item),
    .input = tl_batch_item_get_input (item),
    .input_error = (GError *) tl_batch_item_get_input_error (item),
    .result = tl_batch_item_get_result (item),
    .done = TRUE,
    .cli = cli,
  };

  clear_progress (cli);
  print_job (cli, &job);
}

static void
on_batch_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!tl_batch_run_finish (TL_BATCH (source), res, &error) &&
      !g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED))
    {
      clear_progress (cli);
      print_stderr (_("error: %s\n"), error->message);
      cli->batch_failed = TRUE;
    }
  cli->batch_finished = TRUE;
  g_main_loop_quit (cli->loop);
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
      print_stderr (_("error: could not start the demo server: %s\n"), error->message);
      return tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_NETWORK);
    }
  tl_demo_server_set_password (server, password);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_quit, loop);
  g_unix_signal_add (SIGTERM, on_signal_quit, loop);
  g_print ("%s\n", tl_demo_server_get_base_url (server));
  fflush (stdout);
  help = tl_demo_tokens_help ();
  print_stderr (_("Demo server listening at %s (Ctrl+C stops it). Tokens:\n%s"),
                tl_demo_server_get_base_url (server), help);
  g_main_loop_run (loop);
  return 0;
}

static void
on_account_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  TlAccount *account = tl_credentials_load_finish (res, &error);

  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_object_unref);
  g_object_unref (task);
}

static void
on_account_task_done (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_main_loop_quit (user_data);
}

/* Runs the keyring lookup for @account on a main loop; returns the account with its stored
 * password (or without one when nothing is stored), or NULL with error. */
static TlAccount *
keyring_account (TlAccount  *account,
                 guint       timeout_ms,
                 GError    **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_account_task_done, loop);

  tl_credentials_load_async (account, timeout_ms, NULL, on_account_loaded, g_object_ref (task));
  g_main_loop_run (loop);
  return g_task_propagate_pointer (task, error);
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

static void
settings_defaults (char **base_url,
                   char **username)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return;
  schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "base-url") ||
      !g_settings_schema_has_key (schema, "username"))
    return;
  settings = g_settings_new_full (schema, NULL, NULL);
  if (*base_url == NULL)
    *base_url = g_settings_get_string (settings, "base-url");
  if (*username == NULL)
    *username = g_settings_get_string (settings, "username");
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
               const char *customer_id,
               gboolean    json)
{
  g_autoptr(TlLookupResult) result = NULL;
  g_autofree char *text = NULL;
  TlAccountCheck check;

  tl_client_lookup_async (client, account, customer_id ? customer_id : TL_ACCOUNT_CHECK_CUSTOMER_ID,
                          TL_ACCOUNT_CHECK_TOKEN, NULL, on_check_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  check = tl_account_check_from_result (result, customer_id != NULL);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, tl_account_check_to_string (check));
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, tl_account_get_server (account));
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, tl_account_get_username (account));
      json_builder_set_member_name (builder, "customerId");
      if (customer_id != NULL)
        json_builder_add_string_value (builder, customer_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "status");
      if (tl_lookup_result_get_status (result) != 0)
        json_builder_add_int_value (builder, tl_lookup_result_get_status (result));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "elapsedMs");
      json_builder_add_int_value (builder, (tl_lookup_result_get_elapsed_us (result) + 500) / 1000);
      json_builder_set_member_name (builder, "requestId");
      if (tl_lookup_result_get_request_id (result) != NULL)
        json_builder_add_string_value (builder, tl_lookup_result_get_request_id (result));
      else
        json_builder_add_null_value (builder);
      add_error_or_null (builder, check == TL_ACCOUNT_CHECK_FAILED ? result : NULL);
      json_builder_end_object (builder);
      text = builder_to_line (builder);
      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *verdict = tl_account_check_describe (check, result);
      g_autofree char *request_id = tl_text_visible (tl_lookup_result_get_request_id (result));

      if (check == TL_ACCOUNT_CHECK_FAILED)
        print_stderr (_("error: %s\n"), verdict);
      else
        g_print ("%s: %s\n", check == TL_ACCOUNT_CHECK_ACCEPTED ? _("ACCEPTED")
                            : check == TL_ACCOUNT_CHECK_REJECTED ? _("REJECTED") : _("NO ACCESS"),
                 verdict);
      /* Translators: after an account check: "in 120 ms, request ID abc" */
      print_stderr (_("(in %.0f ms%s%s)\n"), tl_lookup_result_get_elapsed_us (result) / 1000.0,
                    request_id ? _(", request ID ") : "", request_id ? request_id : "");
    }
  return tl_account_check_exit_status (check, result);
}

static GOptionContext *
make_option_context (void)
{
  GOptionContext *context = g_option_context_new (_("CUSTOMER_ID TOKEN | PASTED_TEXT | --batch FILE"));
  g_autofree char *tokens_help = tl_demo_tokens_help ();
  g_autofree char *description = NULL;

  g_option_context_set_summary (context,
    _("Look up Vitec Express Connect order tokens: shows the order ticket behind a token and\n"
      "whether the token is still valid. PASTED_TEXT may be the whole link the token came in,\n"
      "a query string or a log line."));
  description = g_strdup_printf (
    _("Exit status: 0 valid ticket, 1 expired ticket, 2 usage or invalid input,\n"
      "3 authentication failed (401), 4 forbidden (403), 5 rejected by the API (400/404/other 4xx),\n"
      "6 server error (5xx), 7 network/TLS/timeout, 8 malformed or oversized response,\n"
      "9 keyring unavailable, 10 a ticket that does not say whether the token expired,\n"
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
      print_stderr ("%s\n", _("error: --check-account takes no token or --batch (use --customer ID to check access to a customer)"));
      return TL_EXIT_USAGE;
    }
  if (opt_customer != NULL && !opt_check_account)
    {
      print_stderr ("%s\n", _("error: --customer goes with --check-account"));
      return TL_EXIT_USAGE;
    }
  if (opt_customer != NULL && !tl_input_check_customer_id (opt_customer, &error))
    {
      print_stderr (_("error: %s\n"), error->message);
      return TL_EXIT_USAGE;
    }
  if (!opt_check_account &&
      ((opt_batch == NULL && (n_rest < 1 || n_rest > 2)) || (opt_batch != NULL && n_rest > 0)))
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      print_stderr (_("error: give CUSTOMER_ID TOKEN, the pasted text, or --batch FILE\n\n%s"), help);
      return TL_EXIT_USAGE;
    }
  if (opt_password_stdin && g_strcmp0 (opt_batch, "-") == 0)
    {
      print_stderr ("%s\n", _("error: --password-stdin cannot be combined with --batch - (both read standard input)"));
      return TL_EXIT_USAGE;
    }
  if (n_rest == 1 && g_str_equal (opt_rest[0], "-") &&
      (opt_password_stdin || g_strcmp0 (opt_password_file, "-") == 0))
    {
      print_stderr ("%s\n", _("error: the password and the lookup cannot both be read from standard input; "
                              "use --password-file FILE or the keyring"));
      return TL_EXIT_USAGE;
    }
  if (opt_password_file != NULL && opt_password_stdin)
    {
      print_stderr ("%s\n", _("error: give either --password-file or --password-stdin, not both"));
      return TL_EXIT_USAGE;
    }
  if ((opt_timeout != -1 && (opt_timeout < 1 || opt_timeout > 3600)) || opt_jobs < 1 || opt_jobs > 64)
    {
      print_stderr ("%s\n", _("error: --timeout must be 1–3600 seconds and --jobs 1–64"));
      return TL_EXIT_USAGE;
    }
  return -1;
}

/* The single lookup's input: the arguments, or standard input for "-". NULL with *status set
 * when it cannot be read (the reason is printed). */
static Job *
read_single_input (int *status)
{
  g_autoptr(GError) error = NULL;
  guint n_rest = g_strv_length (opt_rest);
  Job *job = g_new0 (Job, 1);

  if (n_rest == 1 && g_str_equal (opt_rest[0], "-"))
    {
      /* The lookup from standard input: "CUSTOMER_ID TOKEN", or the pasted link or line. */
      g_autofree char *text = read_lookup_stdin (&error);

      if (text == NULL)
        {
          print_stderr (_("error: %s\n"), error->message);
          job_free (job);
          *status = TL_EXIT_USAGE;
          return NULL;
        }
      job->input = tl_input_parse (text, &job->input_error);
      explicit_bzero (text, strlen (text));
    }
  else if (n_rest == 2)
    job->input = tl_input_parse_fields (opt_rest[0], opt_rest[1], &job->input_error);
  else
    job->input = tl_input_parse (opt_rest[0], &job->input_error);

  if (job->input_error != NULL)
    {
      g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (job_free);
      Cli cli = { 0 };

      g_ptr_array_add (jobs, job);
      cli.jobs = jobs;
      cli.json = opt_json;
      job->done = TRUE;
      flush_output (&cli);
      *status = TL_EXIT_USAGE;
      return NULL;
    }
  return job;
}

/* The password source: --demo, --password-file, --password-stdin, else the keyring. The one
 * account of this run: taken here, used for every lookup, wiped at exit. NULL with *status set
 * when there is none to be had (the reason is printed). */
static TlAccount *
take_account (TlDemoServer **demo,
              int           *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = g_strdup (opt_base_url);
  g_autofree char *username = g_strdup (opt_username);
  g_autoptr(TlAccount) account = NULL;
  char *password = NULL;

  *status = TL_EXIT_USAGE;
  if (opt_demo)
    {
      *demo = tl_demo_server_new (&error);
      if (*demo == NULL)
        {
          print_stderr (_("error: could not start the demo server: %s\n"), error->message);
          *status = tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_NETWORK);
          return NULL;
        }
      g_free (base_url);
      base_url = g_strdup (tl_demo_server_get_base_url (*demo));
      if (username == NULL)
        username = g_strdup (TL_DEMO_USERNAME);
      if (opt_password_file == NULL && !opt_password_stdin)
        password = g_strdup (TL_DEMO_PASSWORD);
    }
  else
    settings_defaults (&base_url, &username);

  if (base_url == NULL || *base_url == '\0')
    {
      g_free (base_url);
      base_url = g_strdup (TL_DEFAULT_BASE_URL);
    }
  if (!tl_client_check_base_url (base_url, &error))
    {
      print_stderr (_("error: %s\n"), error->message);
      tl_secret_free (password);
      return NULL;
    }

  if (password == NULL && (opt_password_file != NULL || opt_password_stdin))
    {
      password = read_password_file (opt_password_file ? opt_password_file : "-", &error);
      if (password == NULL)
        {
          print_stderr (_("error: could not read the password: %s\n"), error->message);
          return NULL;
        }
    }

  if (username == NULL || *username == '\0')
    {
      print_stderr ("%s\n", _("error: no username: give --username NAME (or set it in Ticket Lookup)"));
      tl_secret_free (password);
      return NULL;
    }
  if (!tl_account_check_username (username, &error))
    {
      print_stderr (_("error: %s\n"), error->message);
      tl_secret_free (password);
      return NULL;
    }

  account = tl_account_new (base_url, username, password, NULL, *demo != NULL);
  g_clear_pointer (&password, tl_secret_free);
  if (!tl_account_has_password (account))
    {
      g_autoptr(TlAccount) loaded = keyring_account (account,
                                                     (opt_timeout > 0 ? opt_timeout : TL_DEFAULT_TIMEOUT_SECONDS) * 1000,
                                                     &error);
      if (loaded == NULL)
        {
          print_stderr (_("error: %s\n%s\n%s\n"), tl_lookup_error_get_title (TL_LOOKUP_ERROR_KEYRING),
                        error->message, tl_lookup_error_get_next_step (TL_LOOKUP_ERROR_KEYRING));
          *status = tl_lookup_error_get_exit_status (TL_LOOKUP_ERROR_KEYRING);
          return NULL;
        }
      /* Nothing stored: tl-client reports it as TL_LOOKUP_ERROR_NO_PASSWORD per lookup. */
      g_set_object (&account, loaded);
    }
  *status = 0;
  return g_steal_pointer (&account);
}

static int
run_batch (Cli          *cli,
           GInputStream *input)
{
  g_autoptr(TlBatch) batch = tl_batch_new (cli->client, cli->account, opt_jobs);
  guint progress_id = 0;

  tl_batch_set_input_stream (batch, input);
  g_signal_connect (batch, "item-ready", G_CALLBACK (on_batch_item_ready), cli);
  g_unix_signal_add (SIGINT, on_signal_quit, cli->loop);
  cli->run = batch;
  cli->started = g_get_monotonic_time ();
  if (cli->progress)
    progress_id = g_timeout_add (250, show_progress, cli);
  tl_batch_run_async (batch, cli->cancellable, on_batch_done, cli);
  if (!cli->batch_finished)
    g_main_loop_run (cli->loop);
  if (!cli->batch_finished)
    {
      /* Interrupted: let the running lookups end as cancelled, nothing left half-done. */
      g_cancellable_cancel (cli->cancellable);
      while (!cli->batch_finished)
        g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&progress_id, g_source_remove);
      clear_progress (cli);
      g_clear_handle_id (&cli->flush_id, g_source_remove);
      fflush (stdout);
      return TL_EXIT_INTERRUPTED;
    }
  g_clear_handle_id (&progress_id, g_source_remove);
  clear_progress (cli);
  g_clear_handle_id (&cli->flush_id, g_source_remove);
  fflush (stdout);
  if (cli->batch_failed)
    return MAX (tl_batch_get_exit_status (batch), TL_EXIT_USAGE);
  return tl_batch_get_exit_status (batch);
}

static int
run_single (Cli *cli,
            Job *job)
{
  g_ptr_array_add (cli->jobs, job);
  job->cli = cli;
  g_unix_signal_add (SIGINT, on_signal_quit, cli->loop);
  tl_client_lookup_async (cli->client, cli->account, tl_input_get_customer_id (job->input),
                          tl_input_get_token (job->input), cli->cancellable, on_single_done, job);
  g_main_loop_run (cli->loop);

  if (!job->done)
    {
      /* Interrupted: let the lookup finish as cancelled, so nothing is left half-done. */
      g_cancellable_cancel (cli->cancellable);
      while (!job->done)
        g_main_context_iteration (NULL, TRUE);
      return TL_EXIT_INTERRUPTED;
    }
  return job_exit_status (job);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) demo = NULL;
  g_autoptr(TlClient) client = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GInputStream) batch_input = NULL;
  goffset batch_size = -1;
  g_autoptr(TlAccount) account = NULL;
  g_autofree char **original_argv = NULL;
  Job *single = NULL;
  Cli cli = { 0 };
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
      print_stderr (_("error: %s\nRun “%s --help” for the options.\n"), error->message, g_get_prgname ());
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
      /* --password-file / --password-stdin set the demo user's password (default "demo"). */
      g_autofree char *demo_password = NULL;

      if (opt_password_file != NULL || opt_password_stdin)
        {
          demo_password = read_password_file (opt_password_file ? opt_password_file : "-", &error);
          if (demo_password == NULL)
            {
              print_stderr (_("error: could not read the password: %s\n"), error->message);
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
      batch_input = open_batch_input (opt_batch, &batch_size, &error);
      if (batch_input == NULL)
        {
          print_stderr (_("error: %s\n"), error->message);
          return TL_EXIT_USAGE;
        }
    }
  else if (!opt_check_account && (single = read_single_input (&status)) == NULL)
    return status;

  account = take_account (&demo, &status);
  if (account == NULL)
    {
      g_clear_pointer (&single, job_free);
      return status;
    }

  client = tl_client_new ();
  /* https_proxy / no_proxy, as command-line tools do; otherwise the desktop's settings */
  {
    g_auto(GStrv) environment = g_get_environ ();
    g_autoptr(TlProxyResolver) from_environment =
      tl_proxy_resolver_new_from_environment ((const char * const *) environment);

    if (from_environment != NULL)
      tl_client_set_proxy_resolver (client, G_PROXY_RESOLVER (from_environment));
  }
  if (opt_jobs > 2)
    tl_client_set_max_connections (client, opt_jobs);
  if (opt_timeout != -1)
    tl_client_set_timeout (client, opt_timeout);

  if (opt_check_account)
    return check_account (client, account, opt_customer, opt_json);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  jobs = g_ptr_array_new_with_free_func (job_free);
  cli.loop = loop;
  cli.client = client;
  cli.account = account;
  cli.jobs = jobs;
  cli.json = opt_json;
  cli.verbose = opt_verbose;
  cli.batch = opt_batch != NULL;
  cli.input_size = batch_size;
  /* the progress line is for a person watching: only on a terminal, and not with --quiet */
  cli.progress = cli.batch && !opt_quiet && isatty (STDERR_FILENO);
  cli.cancellable = cancellable;

  if (opt_batch != NULL)
    return run_batch (&cli, batch_input);
  return run_single (&cli, single);
}
