/* tl-history-file.c: the saved history, history.json
 *
 * What is saved is the customer id, order id, outcome, time, account and the token's
 * fingerprint of each entry: never a token, never a password. A saved file is checked before
 * it is parsed (size, nesting), and a damaged one is moved aside, never written over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tl-json.h"
#include "tl-history-private.h"
#include "tl-ticket.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * tl_history_to_json:
 *
 * Returns: the entries without tokens or results: what may be written to disk
 */
char *
tl_history_to_json (TlHistory *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *model = tl_history_get_model (self);
  guint n = g_list_model_get_n_items (model);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TlHistoryEntry) e = g_list_model_get_item (model, i);
      g_autofree char *time = g_date_time_format_iso8601 (e->time);

      json_builder_begin_object (builder);
      add_string (builder, "time", time);
      add_string (builder, "customerId", e->customer_id);
      add_string (builder, "orderId", e->order_id);
      add_string (builder, "outcome", e->outcome);
      add_string (builder, "tokenFingerprint", e->fingerprint);
      add_string (builder, "account", e->account);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Entries from a parsed history document; entries that cannot be read are skipped. */
static GPtrArray *
entries_from_json (const char  *json,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *entries;

  /* json-glib recurses once per level: a file nested 200 000 deep would overflow the stack */
  if (!tl_json_depth_ok (json, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("it is nested more than %d levels deep"), TL_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not valid JSON (%s)"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "entries") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "entries")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not a history file"));
      return NULL;
    }

  entries = json_object_get_array_member (json_node_get_object (root), "entries");
  for (guint i = 0; i < json_array_get_length (entries) && i < TL_HISTORY_MAX_ENTRIES; i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *o;
      g_autoptr(TlHistoryEntry) e = NULL;
      const char *time;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      o = json_node_get_object (node);
      time = json_object_get_string_member_with_default (o, "time", NULL);
      e = g_object_new (TL_TYPE_HISTORY_ENTRY, NULL);
      e->time = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      if (e->time == NULL)
        continue;
      e->customer_id = g_strdup (json_object_get_string_member_with_default (o, "customerId", NULL));
      e->order_id = g_strdup (json_object_get_string_member_with_default (o, "orderId", NULL));
      e->outcome = g_strdup (json_object_get_string_member_with_default (o, "outcome", NULL));
      e->fingerprint = g_strdup (json_object_get_string_member_with_default (o, "tokenFingerprint", NULL));
      e->account = g_strdup (json_object_get_string_member_with_default (o, "account", NULL));
      g_ptr_array_add (out, g_steal_pointer (&e));
    }
  return g_steal_pointer (&out);
}

/**
 * tl_history_load_json:
 *
 * Appends the saved entries (after those of this session). Entries that cannot be read are
 * skipped; a document that is not history at all is an error.
 */
gboolean
tl_history_load_json (TlHistory   *self,
                      const char  *json,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = entries_from_json (json, strlen (json), error);

  if (entries == NULL)
    return FALSE;
  tl_history_append (self, entries);
  return TRUE;
}

/* Moves a damaged file out of the way, so it is kept for a look and never written over. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS) && i < 100; i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, i);
    }
  if (g_rename (path, aside) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv), "%s", g_strerror (errsv));
      g_free (aside);
      return NULL;
    }
  return aside;
}

/**
 * tl_history_read_file:
 * @moved_aside: (out) (optional) (nullable): where a damaged file was moved
 *
 * Reads a saved history; safe to call from a worker thread. The file is checked before it is
 * parsed: a regular file of at most %TL_HISTORY_MAX_FILE_SIZE bytes, nested no deeper than a
 * history is. A damaged file (not a file, too large, empty, not JSON, not a history) is moved
 * aside to `PATH.damaged-TIME` and reported with an error that says so; it is never parsed
 * further and never written over.
 *
 * Returns: (transfer container) (element-type TlHistoryEntry) (nullable): the entries (none
 *   when there is no file), or %NULL with @error
 */
GPtrArray *
tl_history_read_file (const char  *path,
                      char       **moved_aside,
                      GError     **error)
{
  g_autoptr(GError) why = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *aside = NULL;
  GPtrArray *entries = NULL;
  GStatBuf st;
  gsize length = 0;

  if (moved_aside != NULL)
    *moved_aside = NULL;

  if (g_lstat (path, &st) != 0)
    {
      int errsv = errno;

      if (errsv == ENOENT)
        return g_ptr_array_new_with_free_func (g_object_unref);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not read the saved history %s: %s"), path, g_strerror (errsv));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    g_set_error_literal (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not a regular file"));
  else if (st.st_size > TL_HISTORY_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_set_error (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is %s, far larger than a history"), size);
    }
  else if (st.st_size == 0)
    g_set_error_literal (&why, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is empty"));
  else if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  else
    entries = entries_from_json (contents, length, &why);

  if (entries != NULL)
    return entries;

  aside = move_aside (path, &move_error);
  if (aside == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved history %s is damaged (%s) and could not be moved aside (%s). "
                     "It is left as it is and will not be written over."),
                   path, why->message, move_error->message);
      return NULL;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The saved history was damaged (%s). It was moved aside to %s and a new one "
                 "is started."), why->message, aside);
  if (moved_aside != NULL)
    *moved_aside = g_steal_pointer (&aside);
  return NULL;
}

/**
 * tl_history_write_file:
 *
 * Writes @json (from tl_history_to_json()) atomically, readable by the user only; safe to call
 * from a worker thread. Never writes over something that is not a regular file.
 */
gboolean
tl_history_write_file (const char  *path,
                       const char  *json,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Could not create the folder %s: %s"), dir, g_strerror (errsv));
      return FALSE;
    }
  if (g_lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s is not a regular file; it is left as it is."), path);
      return FALSE;
    }
  return g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
tl_history_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ticket-lookup", "history.json", NULL);
}

/**
 * tl_history_save:
 *
 * Writes the entries (no tokens) atomically, readable by the user only.
 */
gboolean
tl_history_save (TlHistory   *self,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *json = tl_history_to_json (self);

  return tl_history_write_file (path, json, error);
}

/**
 * tl_history_load:
 *
 * tl_history_read_file(), its entries appended after those there are; for callers that may
 * block.
 */
gboolean
tl_history_load (TlHistory   *self,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GPtrArray) entries = tl_history_read_file (path, NULL, error);

  if (entries == NULL)
    return FALSE;
  tl_history_append (self, entries);
  return TRUE;
}
