/* slow-server.c: a loopback order-token service that answers after a delay, for bench/run.
 *
 * Usage: bench-slow-server DELAY_MS
 * Prints its base URL (http://127.0.0.1:PORT) on the first line of stdout, then serves until
 * SIGTERM or SIGINT. Every POST to /Service/Order/Token/{customerId} with the demo account's
 * Authorization gets the demo server's valid ticket (tl-demo-server.c, same bytes and
 * headers) DELAY_MS after its request arrived: the message is paused and a GLib timeout
 * unpauses it, so nothing blocks and any number of requests wait at once, as on a real
 * service whose answers take tens of milliseconds.
 *
 * GET /bench-stats answers "requests N max-in-flight N connections N" for what happened since
 * the previous GET /bench-stats (that request itself not counted) and starts counting anew:
 * how many requests were waiting at once at most and on average (times 100, over the span
 * from the first request to the last answer), and over how many connections (distinct
 * client ports) they came, and how long a connection stayed unused from an answer to its
 * next request (mean and longest, µs: the client's turnaround). The batch benchmark reads it after each run to show whether a
 * client kept its connections alive and its jobs in flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  guint       delay_ms;
  guint       requests;
  guint       in_flight;
  guint       max_in_flight;
  gint64      first_us;     /* when the first request since the last stats arrived */
  gint64      last_us;      /* when in_flight last changed */
  gint64      area;         /* in_flight integrated over time, request-microseconds */
  GHashTable *ports;        /* client port → when its last answer was let go (µs), since the last stats */
  gint64      gap_sum;      /* from an answer to the next request on its connection, µs */
  gint64      gap_max;
  guint       n_gaps;
  GMainLoop  *loop;
} Server;

static const char expected_auth[] = "ZGVtbzpkZW1vLXBhc3N3b3Jk";   /* base64("demo:demo-password") */

/* in_flight is about to change: integrate it up to now */
static void
account (Server *server)
{
  gint64 now = g_get_monotonic_time ();

  if (server->first_us == 0)
    server->first_us = now;
  else
    server->area += (now - server->last_us) * server->in_flight;
  server->last_us = now;
}

static gboolean
on_answer (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  Server *server = g_object_get_data (G_OBJECT (msg), "bench-server");
  guint port = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "bench-port"));

  account (server);
  if (port != 0)
    g_hash_table_insert (server->ports, GUINT_TO_POINTER (port), g_memdup2 (&server->last_us, sizeof (gint64)));
  server->in_flight--;
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
set_text (SoupServerMessage *msg,
          guint              status,
          const char        *content_type,
          char              *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
handle (SoupServer        *soup_server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Server *server = user_data;
  const char *prefix = "/Service/Order/Token/";
  const char *auth;
  GSocketAddress *remote;
  g_autofree char *customer_id = NULL;

  if (strcmp (path, "/bench-stats") == 0)
    {
      gint64 span = server->last_us - server->first_us;

      set_text (msg, SOUP_STATUS_OK, "text/plain",
                g_strdup_printf ("requests %u max-in-flight %u connections %u mean-in-flight-x100 %u "
                                 "span-ms %u gap-mean-us %u gap-max-us %u\n", server->requests,
                                 server->max_in_flight, g_hash_table_size (server->ports),
                                 span > 0 ? (guint) (server->area * 100 / span) : 0, (guint) (span / 1000),
                                 server->n_gaps ? (guint) (server->gap_sum / server->n_gaps) : 0,
                                 (guint) server->gap_max));
      server->gap_sum = server->gap_max = server->n_gaps = 0;
      server->requests = server->max_in_flight = 0;
      server->first_us = server->last_us = server->area = 0;
      g_hash_table_remove_all (server->ports);
      return;
    }

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (!g_str_has_prefix (path, prefix) || soup_server_message_get_method (msg) != SOUP_METHOD_POST ||
      auth == NULL || g_ascii_strncasecmp (auth, "Basic ", 6) != 0 || strcmp (auth + 6, expected_auth) != 0)
    {
      set_text (msg, SOUP_STATUS_NOT_FOUND, "application/json; charset=utf-8",
                g_strdup ("{\"Message\":\"No HTTP resource was found that matches the request URI.\"}"));
      return;
    }

  server->requests++;
  remote = soup_server_message_get_remote_address (msg);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    {
      guint port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote));
      gint64 *answered = g_hash_table_lookup (server->ports, GUINT_TO_POINTER (port));

      if (answered != NULL && *answered != 0)
        {
          gint64 gap = g_get_monotonic_time () - *answered;

          server->gap_sum += gap;
          server->gap_max = MAX (server->gap_max, gap);
          server->n_gaps++;
          *answered = 0;
        }
      else if (answered == NULL)
        g_hash_table_insert (server->ports, GUINT_TO_POINTER (port), g_new0 (gint64, 1));
      g_object_set_data (G_OBJECT (msg), "bench-port", GUINT_TO_POINTER (port));
    }

  customer_id = g_uri_unescape_string (path + strlen (prefix), NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "X-Request-Id", "demo-0f6c2a1e");
  set_text (msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
            g_strdup_printf ("{\"orderId\":\"ORD-2026-118305\",\"userId\":\"anna.lindqvist\","
                             "\"orderUserId\":\"erik.sjoberg\",\"targetId\":\"OBJ11385_1395932274\","
                             "\"targetType\":\"HousingCooperative\",\"tenantId\":\"T1\",\"chainId\":\"G1\","
                             "\"customerId\":\"%s\",\"hasExpired\":false}",
                             customer_id ? customer_id : ""));
  if (server->delay_ms == 0)
    return;
  account (server);
  server->in_flight++;
  server->max_in_flight = MAX (server->max_in_flight, server->in_flight);
  g_object_set_data (G_OBJECT (msg), "bench-server", server);
  soup_server_message_pause (msg);
  g_timeout_add (server->delay_ms, on_answer, g_object_ref (msg));
}

static gboolean
on_signal (gpointer user_data)
{
  Server *server = user_data;

  g_main_loop_quit (server->loop);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  Server server = { 0 };
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocket) socket = NULL;
  GSList *uris;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DELAY_MS\n", argv[0]);
      return 2;
    }
  server.delay_ms = (guint) atoi (argv[1]);
  server.ports = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  server.loop = g_main_loop_new (NULL, FALSE);
  soup_server = soup_server_new ("server-header", "bench-slow-server ", NULL);
  soup_server_add_handler (soup_server, NULL, handle, &server, NULL);
  /* A real service's listen queue, not GLib's default of 10: a client opening its 16
   * connections at once would otherwise see some of them dropped and tried again a second
   * later (the kernel's SYN-ACK retry), which measures the bench server, not the client. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  if (socket != NULL)
    g_socket_set_listen_backlog (socket, 128);
  if (socket == NULL || !g_socket_bind (socket, address, TRUE, &error) || !g_socket_listen (socket, &error) ||
      !soup_server_listen_socket (soup_server, socket, 0, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (soup_server);
  printf ("http://127.0.0.1:%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_unix_signal_add (SIGTERM, on_signal, &server);
  g_unix_signal_add (SIGINT, on_signal, &server);
  g_main_loop_run (server.loop);
  g_main_loop_unref (server.loop);
  g_hash_table_destroy (server.ports);
  return 0;
}
