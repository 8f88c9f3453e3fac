/* tl-window-pages.c: the result pages and the details, built when first needed
 *
 * What the first frame does not show is built when it is first needed: the "ready", "loading",
 * ticket and error pages, the details, the demo bar and the demo tokens. Built with the window,
 * they were about a third of the time to its first frame (bench/: startup to first frame).
 * After the first frame, the pages a lookup shows are built one per idle iteration at low
 * priority: the first frame does not wait for them, and neither does the frame in which the
 * first result appears.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-demo-server.h"
#include "tl-page-bin.h"
#include "tl-window-private.h"

/**
 * _tl_window_build_part:
 * @id: an object of tl-window-parts.ui
 *
 * Builds that object alone, with its children. Returns: (transfer full): the builder holding it
 */
GtkBuilder *
_tl_window_build_part (const char *id)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!gtk_builder_add_objects_from_resource (builder, "/io/github/ticketlookup/TicketLookup/tl-window-parts.ui",
                                              ids, &error))
    g_error ("tl-window-parts.ui: %s", error->message);   /* compiled into the program */
  return g_steal_pointer (&builder);
}

/* Every page goes into the result stack inside a TlPageBin. The stack (vhomogeneous off) asks a
 * page it does not show how wide it must be at its minimum height, and for wrapped text that is
 * the text on one line: one hidden error page made the window 927 px wide (see tl-page-bin.c). */
static void
add_page (TlWindow   *self,
          GtkWidget  *page,
          const char *name)
{
  GtkWidget *bin = tl_page_bin_new ();

  tl_page_bin_set_child (TL_PAGE_BIN (bin), page);
  gtk_stack_add_named (self->result_stack, bin, name);
}

static void
ensure_page (TlWindow   *self,
             const char *name)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (gtk_stack_get_child_by_name (self->result_stack, name) != NULL)
    return;
  if (g_strcmp0 (name, "ready") == 0)
    {
      builder = _tl_window_build_part ("ready_page");
      self->demo_tokens_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "demo_tokens_group"));
      add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "ready_page")), "ready");
      _tl_window_update_demo (self);
    }
  else if (g_strcmp0 (name, "loading") == 0)
    {
      builder = _tl_window_build_part ("loading_page");
      add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "loading_page")), "loading");
    }
}

/**
 * _tl_window_show_page:
 * @name: "welcome", "ready" or "loading" (the result pages are shown by _tl_window_show_result())
 */
void
_tl_window_show_page (TlWindow   *self,
                      const char *name)
{
  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->result_stack, name);
}

TlTicketView *
_tl_window_get_ticket_view (TlWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->ticket_view != NULL)
    return self->ticket_view;

  builder = _tl_window_build_part ("ticket_page");
  self->ticket_view = TL_TICKET_VIEW (gtk_builder_get_object (builder, "ticket_view"));
  g_signal_connect_swapped (self->ticket_view, "message", G_CALLBACK (tl_window_show_toast), self);
  add_page (self, GTK_WIDGET (gtk_builder_get_object (builder, "ticket_page")), "ticket");
  return self->ticket_view;
}

TlErrorView *
_tl_window_get_error_view (TlWindow *self)
{
  if (self->error_view == NULL)
    {
      self->error_view = g_object_new (TL_TYPE_ERROR_VIEW, NULL);
      g_signal_connect_swapped (self->error_view, "message", G_CALLBACK (tl_window_show_toast), self);
      add_page (self, GTK_WIDGET (self->error_view), "error");
    }
  return self->error_view;
}

TlDetailsView *
_tl_window_get_details_view (TlWindow *self)
{
  if (self->details_view == NULL)
    {
      self->details_view = g_object_new (TL_TYPE_DETAILS_VIEW, "visible", FALSE, NULL);
      g_signal_connect_swapped (self->details_view, "message", G_CALLBACK (tl_window_show_toast), self);
      gtk_box_append (self->column, GTK_WIDGET (self->details_view));
    }
  return self->details_view;
}

/* The demo bar under the header bar, and the demo tokens on the "ready" page. */
void
_tl_window_update_demo (TlWindow *self)
{
  gboolean demo = tl_accounts_get_demo (tl_lookups_get_accounts (self->lookups));

  if (demo && gtk_revealer_get_child (self->demo_revealer) == NULL)
    {
      g_autoptr(GtkBuilder) builder = _tl_window_build_part ("demo_bar");

      gtk_revealer_set_child (self->demo_revealer, GTK_WIDGET (gtk_builder_get_object (builder, "demo_bar")));
    }
  gtk_revealer_set_reveal_child (self->demo_revealer, demo);
  if (self->demo_tokens_group == NULL)
    return;   /* the "ready" page is not built yet; ensure_page() calls this again */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_tokens_group), demo);

  if (demo && self->demo_rows->len == 0)
    {
      for (guint i = 0; i < TL_DEMO_N_TOKENS; i++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tl_demo_token_describe (i));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tl_demo_token (i));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.demo-token");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", i);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          adw_preferences_group_add (self->demo_tokens_group, row);
          g_ptr_array_add (self->demo_rows, row);
        }
    }
}

static gboolean
prebuild_step (gpointer user_data)
{
  TlWindow *self = user_data;

  if (gtk_stack_get_child_by_name (self->result_stack, "loading") == NULL)
    ensure_page (self, "loading");
  else if (self->ticket_view == NULL)
    _tl_window_get_ticket_view (self);
  else if (self->error_view == NULL)
    _tl_window_get_error_view (self);
  else if (self->details_view == NULL)
    _tl_window_get_details_view (self);
  else if (self->prebuild_measured < 3)
    {
      /* each page measured once while hidden: the fonts of its text (sizes, weights) are
       * loaded now, not in the frame that first shows it */
      GtkWidget *pages[] = { GTK_WIDGET (self->ticket_view), GTK_WIDGET (self->error_view),
                             GTK_WIDGET (self->details_view) };

      gtk_widget_measure (pages[self->prebuild_measured++], GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
    }
  else
    {
      self->prebuild_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* GIO's proxy resolver is made when first asked for: its modules loaded, GNOME's or libproxy's
 * set up. On a worker thread from the first frame on, so the first lookup does not do it on the
 * main loop (a frame of 30-40 ms when the first result appeared). */
static gpointer
warm_network (gpointer data)
{
  g_proxy_resolver_get_default ();
  return NULL;
}

static void
on_after_first_paint (GdkFrameClock *clock,
                      TlWindow      *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_signal_handlers_disconnect_by_func (clock, on_after_first_paint, self);
  /* The loading page's 32 px spinner is an SVG, the only one the window draws (the welcome icon
   * is a pre-rendered PNG). GTK loads it, and librsvg with it, on a worker thread from here: after
   * the first frame, which it would delay, and before a lookup started with the window (--demo ID
   * TOKEN, a search result) shows the spinner, so that frame does not load librsvg. The paintable
   * is kept so the texture stays cached (once: a window realized again keeps the first). */
  if (self->spinner_icon == NULL)
    self->spinner_icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                     "process-working-symbolic", NULL, 32,
                                                     gtk_widget_get_scale_factor (widget),
                                                     gtk_widget_get_direction (widget),
                                                     GTK_ICON_LOOKUP_PRELOAD);
  if (self->prebuild_id == 0)
    self->prebuild_id = g_idle_add_full (G_PRIORITY_LOW, prebuild_step, self, NULL);
  g_thread_unref (g_thread_new ("tl-warm-network", warm_network, NULL));
}

static void
on_realize (TlWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_after_first_paint), self, 0);
}

/* The details belong to a result: shown under the ticket or error page only. */
void
_tl_window_update_details (TlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->result_stack);
  gboolean show = self->result != NULL &&
                  (g_strcmp0 (page, "ticket") == 0 || g_strcmp0 (page, "error") == 0);

  if (show || self->details_view != NULL)
    gtk_widget_set_visible (GTK_WIDGET (_tl_window_get_details_view (self)), show);
}

void
_tl_window_pages_init (TlWindow *self)
{
  self->demo_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->result_stack, "notify::visible-child-name",
                            G_CALLBACK (_tl_window_update_details), self);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
}

void
_tl_window_pages_dispose (TlWindow *self)
{
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
  g_clear_object (&self->spinner_icon);
  g_clear_pointer (&self->demo_rows, g_ptr_array_unref);
}
