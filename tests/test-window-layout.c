/* test-window-layout.c: the lookup window in Swedish (its longest words) at 360 px and with the
 * history open: no label is given less width than its longest unbreakable run of text, measured
 * with Pango through the label's own layout (font, CSS and attributes as drawn), and none is cut
 * short with "…". Every page a person reaches is looked at: the first start with no account, a
 * lookup with no account, the clipboard offer, a ticket with its details opened, the service's
 * rejection, and the history beside them. Needs a display (Xvfb), a session bus of its own and
 * the Swedish locale (build-aux/install-deps makes it). Also in Swedish: a profile name made up
 * from its account is shown made up again in Swedish, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tl-account.h"
#include "tl-accounts.h"
#include "tl-application.h"
#include "tl-batch-window.h"
#include "tl-demo-server.h"
#include "tl-history-panel.h"
#include "tl-settings.h"
#include "tl-window.h"
#include "widget-test.h"

#define CUSTOMER_ID "M11385"
#define VALID_TOKEN "DemoValid+Token/01=="
#define BAD_TOKEN   "DemoBadRequest/0001="

static TlApplication *app;

/* The widest run of @label's text that Pango may not break, as @label draws it. */
static int
longest_run (GtkLabel  *label,
             char     **run_out)
{
  PangoLayout *shown = gtk_label_get_layout (label);
  g_autoptr(PangoLayout) layout = pango_layout_copy (shown);
  const char *text = pango_layout_get_text (shown);
  const PangoLogAttr *attrs;
  int n_attrs;
  int widest = 0;
  const char *start = text;
  int chars = g_utf8_strlen (text, -1);

  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  attrs = pango_layout_get_log_attrs_readonly (shown, &n_attrs);
  for (int i = 1; i <= chars && i < n_attrs; i++)
    {
      const char *here = g_utf8_offset_to_pointer (text, i);

      /* a place where a line may break between words (not the break inside a word that
       * word-char wrapping takes only when nothing else fits), or the end */
      if (i == chars || attrs[i].is_line_break)
        {
          g_autofree char *run = g_strstrip (g_strndup (start, here - start));
          int width;

          pango_layout_set_attributes (layout, NULL);
          pango_layout_set_text (layout, run, -1);
          pango_layout_get_pixel_size (layout, &width, NULL);
          if (width > widest)
            {
              widest = width;
              if (run_out != NULL)
                {
                  g_free (*run_out);
                  *run_out = g_strdup (run);
                }
            }
          start = here;
        }
    }
  return widest;
}

/* Every label on screen below @widget that is narrower than its longest word, or ellipsized. */
static void
check_labels (GtkWidget  *widget,
              const char *where,
              GString    *problems,
              guint      *checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      GtkLabel *label = GTK_LABEL (widget);
      g_autofree char *run = NULL;
      int needed = longest_run (label, &run);
      int given = gtk_widget_get_width (widget);

      (*checked)++;
      /* data shown as it was sent (a raw answer, monospace) breaks inside a run that no width
       * of this window could show whole (a 55-character trace id); any shorter run is whole */
      if (gtk_widget_has_css_class (widget, "monospace") &&
          needed > gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (widget))) - 24)
        needed = 0;
      if (given + 1 < needed)
        g_string_append_printf (problems, "%s: “%s” is %d px wide, its word “%s” needs %d px\n",
                                where, gtk_label_get_text (label), given, run, needed);
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_string_append_printf (problems, "%s: “%s” is cut short (%d px wide)\n",
                                where, gtk_label_get_text (label), given);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_labels (child, where, problems, checked);
}

/* Lays the window out again at its size now, then looks at every label; what is squeezed is
 * added to @problems (every page is looked at before the test says what it found). */
static void
find_squeezed_labels (GtkWidget  *window,
                      const char *where,
                      GString    *problems)
{
  guint checked = 0;

  /* a frame or two: a revealer's slide, the flap's fold and a breakpoint applied after an
   * allocation all end in a layout that no longer changes */
  for (guint i = 0; i < 3; i++)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      gtk_widget_queue_draw (window);
      TL_WIDGET_TEST_WAIT_UNTIL (gdk_frame_clock_get_frame_counter (clock) > frame + 1);
    }
  check_labels (window, where, problems, &checked);
  /* the window still fits the width it was given: nothing on this page needs more (a window
   * whose content needs more is drawn cut off at the right edge) */
  {
    int minimum;
    int width = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));

    gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    if (minimum > width || gtk_widget_get_width (window) > width)
      g_string_append_printf (problems, "%s: the window needs %d px, is %d px wide, drawn %d px wide\n",
                              where, minimum, width, gtk_widget_get_width (window));
  }
  if (g_test_verbose ())
    g_printerr ("%s: %u labels\n", where, checked);
  g_assert_cmpuint (checked, >, 5);
}

static void
on_lookup_finished (GtkWidget *window,
                    guint     *count)
{
  (*count)++;
}

static void
open_expanders (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    open_expanders (child);
}

static gboolean
has_label_prefix (GtkWidget  *widget,
                  const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_label_prefix (child, prefix))
      return TRUE;
  return FALSE;
}

/* Each page at @width; with the history open beside it (or over it, when it folds). */
static void
look_at_every_page (int width)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWidget *window;
  guint finished = 0;
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());

  /* a link on the clipboard: offered in a bar when the window gets the focus */
  gdk_clipboard_set_text (clipboard, "https://partner.example/o?customerId=M11385&token=DemoExpired%2BTok%2F01%3D%3D");

  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  g_signal_connect (window, "lookup-finished", G_CALLBACK (on_lookup_finished), &finished);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  tl_widget_test_show (window);
  /* the window fits the width asked for: nothing in it needs more */
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
    int minimum;

    gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    if (gdk_surface_get_width (surface) > width || minimum > width)
      g_error ("the window is %d px wide, not %d (its minimum: %d)", gdk_surface_get_width (surface), width, minimum);
  }

  /* the first start: no account, and the link on the clipboard offered */
  TL_WIDGET_TEST_WAIT_UNTIL (has_label_prefix (window, "Slå upp länken i urklipp?"));
  at = g_strdup_printf ("%d px, first start", width);
  find_squeezed_labels (window, at, problems);

  /* a lookup with no account set up */
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, VALID_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 1);
  g_free (at);
  at = g_strdup_printf ("%d px, no account", width);
  find_squeezed_labels (window, at, problems);

  /* on the demo server: a ticket, its details opened */
  g_assert_true (tl_application_start_demo (app, &error));
  g_assert_no_error (error);
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, VALID_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 2);
  open_expanders (window);
  g_free (at);
  at = g_strdup_printf ("%d px, ticket and details", width);
  find_squeezed_labels (window, at, problems);

  /* the service's rejection, with its messages */
  tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, BAD_TOKEN, TRUE);
  TL_WIDGET_TEST_WAIT_UNTIL (finished == 3);
  open_expanders (window);
  g_free (at);
  at = g_strdup_printf ("%d px, rejected", width);
  find_squeezed_labels (window, at, problems);

  /* the service's other answers: each error page as a person sees it */
  {
    static const char *tokens[] = { "DemoProblem+Details=", "DemoForbidden+01", "DemoNotFound+001",
                                    "DemoServerError+0001" };

    for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
      {
        tl_window_set_input (TL_WINDOW (window), CUSTOMER_ID, tokens[i], TRUE);
        TL_WIDGET_TEST_WAIT_UNTIL (finished == 4 + i);
        open_expanders (window);
        g_free (at);
        at = g_strdup_printf ("%d px, %s", width, tokens[i]);
        find_squeezed_labels (window, at, problems);
      }
  }

  /* the history (F9) open beside the result, or over it */
  g_assert_true (gtk_widget_activate_action (window, "win.toggle-history", NULL));

  g_free (at);
  at = g_strdup_printf ("%d px, history open", width);
  find_squeezed_labels (window, at, problems);
  /* and it is open: at 360 px over the result, not folded away again as it appeared */
  {
    GtkWidget *flap = tl_widget_test_find_type (window, ADW_TYPE_FLAP);
    GtkWidget *panel = tl_widget_test_find_type (window, TL_TYPE_HISTORY_PANEL);

    g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
    g_assert_nonnull (panel);
    g_assert_true (gtk_widget_get_mapped (panel));
  }

  if (problems->len > 0)
    g_error ("labels squeezed:\n%s", problems->str);

  tl_application_stop_demo (app);
  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  TL_WIDGET_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1);
  g_assert_finalize_object (window);
}

static void
test_window_layout_narrow (void)
{
  look_at_every_page (360);
}

/* at the default width the history docks beside the result, which then has about 360 px */
static void
test_window_layout_history_beside (void)
{
  look_at_every_page (720);
}

/* Two profiles, so the header bar has the profile drop-down, and the window opened at 360 px as
 * it was left: it is 360 px wide from its first frame (the title and Paste make room for the
 * drop-down before the window is first laid out, not after it was opened wider), and its pages
 * fit. */
static void
test_window_layout_narrow_with_profiles (void)
{
  TlAccounts *accounts = tl_application_get_accounts (app);
  TlSettings *settings = tl_application_get_settings (app);
  GtkWidget *window;
  GdkSurface *surface;
  int minimum;

  tl_accounts_save_profile (accounts, NULL, "Partner A", "https://connect.example", "demo");
  tl_accounts_save_profile (accounts, NULL, "Partner B", "https://connect2.example", "demo");
  g_object_set (settings, "window-width", 360, "window-height", 760, NULL);

  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  tl_widget_test_show (window);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (gdk_surface_get_width (surface) > 360 || minimum > 360)
    g_error ("with profiles, the window is %d px wide, not 360 (its minimum: %d)",
             gdk_surface_get_width (surface), minimum);

  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_object_unref (window);

  /* opened wide: it can be made narrower than the width where the header bar makes room (480
   * px), so a person can make it as narrow as 360 px */
  g_object_set (settings, "window-width", 720, NULL);
  window = g_object_ref (GTK_WIDGET (tl_window_new (app)));
  tl_widget_test_show (window);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum >= 480)
    g_error ("opened wide with profiles, the window cannot be narrower than %d px", minimum);
  gtk_window_destroy (GTK_WINDOW (window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_object_unref (window);

  g_object_set (settings, "profiles", g_variant_new_array (G_VARIANT_TYPE ("(sss)"), NULL, 0),
                "window-width", 720, NULL);
}

/* The batch window at 360 px, after a mixed batch (counts of every kind, Retry Failed): it is
 * as narrow as its width-request says, nothing in it needs more. */
static void
test_batch_window_narrow (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *retry;
  int minimum;

  GtkWidget *main_window;

  g_assert_true (tl_application_start_demo (app, &error));
  g_assert_no_error (error);
  /* opened from the lookup window, as the app does (its window controls: Close alone) */
  main_window = GTK_WIDGET (tl_window_new (app));
  gtk_window_set_default_size (GTK_WINDOW (main_window), 360, 760);
  tl_widget_test_show (main_window);
  window = g_object_ref (GTK_WIDGET (tl_batch_window_new (GTK_APPLICATION (app), tl_application_get_lookups (app),
                                                          GTK_WINDOW (main_window),
                                                          "M11385 " VALID_TOKEN "\n"
                                                          "M2 DemoExpired+Tok/01==\n"
                                                          "M3 DemoForbidden+01\n"
                                                          "just-a-token\n"
                                                          "M7 " BAD_TOKEN "\n")));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  tl_widget_test_show (window);
  g_assert_true (gtk_widget_activate_action (window, "batch.run", NULL));
  retry = tl_widget_test_find_button (window, "Försök igen med misslyckade");
  TL_WIDGET_TEST_WAIT_UNTIL (!tl_batch_window_is_running (TL_BATCH_WINDOW (window)) && gtk_widget_get_visible (retry));
  tl_widget_test_flush ();

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 360 || gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))) > 360)
    g_error ("after a mixed batch the batch window needs %d px, is %d px wide, not 360", minimum,
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))));

  /* the counts that wrap are still reached with Tab, each once */
  {
    GtkWidget *counts = tl_widget_test_find_type (window, GTK_TYPE_FLOW_BOX);
    guint reached = 0;

    gtk_window_set_focus (GTK_WINDOW (window), NULL);
    for (guint i = 0; i < 80; i++)
      {
        GtkWidget *focus;

        gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
        focus = gtk_window_get_focus (GTK_WINDOW (window));
        if (focus != NULL && GTK_IS_TOGGLE_BUTTON (focus) && gtk_widget_is_ancestor (focus, counts))
          reached++;
      }
    g_assert_cmpuint (reached, >, 0);
  }

  tl_application_stop_demo (app);
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (main_window));
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
  g_object_unref (window);
}

/* A profile whose name was made up from its account in English ("demo at 127.0.0.1") is named
 * once, made up again in Swedish: not "demo at 127.0.0.1 (demo på 127.0.0.1)". */
static void
test_made_up_profile_name_in_swedish (void)
{
  g_autoptr(TlAccount) account = tl_account_new ("http://127.0.0.1:8080", "demo", NULL, "demo at 127.0.0.1", FALSE);
  g_autoptr(TlAccount) named = tl_account_new ("http://127.0.0.1:8080", "demo", NULL, "Kontoret", FALSE);
  g_autofree char *label = tl_account_dup_label (account);
  g_autofree char *named_label = tl_account_dup_label (named);

  g_assert_cmpstr (label, ==, "demo på 127.0.0.1");
  g_assert_cmpstr (named_label, ==, "Kontoret (demo på 127.0.0.1)");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("TICKET_LOOKUP_LOCALEDIR");
  int status;

  /* Swedish, whose words are the longest the window shows ("Beställningstoken") */
  g_setenv ("LANGUAGE", "sv", TRUE);
  g_setenv ("LC_ALL", "sv_SE.UTF-8", TRUE);
  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    g_error ("the sv_SE.UTF-8 locale is missing (build-aux/install-deps makes it)");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  tl_widget_test_init (&argc, &argv);
  /* the window speaks Swedish, or this test would measure English words */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Look Up"), ==, "Slå upp");

  app = tl_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window-layout/360px", test_window_layout_narrow);
  g_test_add_func ("/window-layout/history-beside", test_window_layout_history_beside);
  g_test_add_func ("/window-layout/made-up-profile-name", test_made_up_profile_name_in_swedish);
  g_test_add_func ("/window-layout/360px-profiles", test_window_layout_narrow_with_profiles);
  g_test_add_func ("/window-layout/batch-window-360px", test_batch_window_narrow);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
