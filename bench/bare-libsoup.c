/* bare-libsoup.c: the floor libsoup itself sets, for bench/run.
 *
 * Usage: bench-bare-libsoup BASE_URL N JOBS
 * Sends N lookups (POST Service/Order/Token/{customerId}, the demo account's Authorization and
 * body) with JOBS in flight on one SoupSession, reading each answer whole with
 * soup_session_send_and_read_async, and does nothing else with it: no parsing, no redaction,
 * no output. Prints "ok <count>" at the end. The batch benchmark runs it beside
 * ticket-lookup-cli and curl to show how much of the time per lookup is libsoup's own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  SoupSession *session;
  GMainLoop   *loop;
  const char  *base;
  int          to_send;
  int          in_flight;
  int          ok;
  int          sent;
} Run;

static void send_one (Run *run);

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  SoupMessage *msg = user_data;
  Run *run = g_object_get_data (G_OBJECT (msg), "run");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), res, &error);

  if (body != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
    run->ok++;
  g_object_unref (msg);
  run->in_flight--;
  if (run->sent < run->to_send)
    send_one (run);
  else if (run->in_flight == 0)
    g_main_loop_quit (run->loop);
}

static void
send_one (Run *run)
{
  g_autofree char *url = g_strdup_printf ("%s/Service/Order/Token/M%d", run->base, 11385 + run->sent % 50);
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST, url);
  static const char body[] = "{\"data\":\"DemoValid+Token/01==\"}";

  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "basic ZGVtbzpkZW1vLXBhc3N3b3Jk");   /* demo:demo-password */
  soup_message_set_request_body_from_bytes (msg, "application/json",
                                            g_bytes_new_static (body, sizeof body - 1));
  g_object_set_data (G_OBJECT (msg), "run", run);
  run->sent++;
  run->in_flight++;
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_DEFAULT, NULL, on_done, msg);
}

int
main (int   argc,
      char *argv[])
{
  Run run = { 0 };
  int jobs;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s BASE_URL N JOBS\n", argv[0]);
      return 2;
    }
  run.base = argv[1];
  run.to_send = atoi (argv[2]);
  jobs = atoi (argv[3]);
  run.session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", jobs, NULL);
  run.loop = g_main_loop_new (NULL, FALSE);
  for (int i = 0; i < jobs && run.sent < run.to_send; i++)
    send_one (&run);
  g_main_loop_run (run.loop);
  printf ("ok %d\n", run.ok);
  g_main_loop_unref (run.loop);
  g_object_unref (run.session);
  return run.ok == run.to_send ? 0 : 1;
}
