/* test-account-dialog.c: the account dialog, opened for an application as the app opens it: Save
 * is offered only for an account that can be used, a wrong address is marked and explained, and
 * a profile's name is shown as the text it is. No keyring: no password is typed. Needs a
 * display (Xvfb) and a session bus of its own (dbus-run-session).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-account-dialog.h"
#include "tl-application.h"
#include "tl-demo-server.h"
#include "widget-test.h"

static TlApplication *app;

static GtkWidget *
find_dialog (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (TL_IS_ACCOUNT_DIALOG (l->data))
      return l->data;
  return NULL;
}

/* The dialog as the app's Account and New Profile actions open it; a reference of the test's. */
static GtkWidget *
open_dialog (gboolean new_profile)
{
  GtkWidget *dialog;

  g_assert_null (find_dialog ());
  if (new_profile)
    tl_account_dialog_present_new (GTK_APPLICATION (app), tl_application_get_lookups (app), NULL);
  else
    tl_account_dialog_present (GTK_APPLICATION (app), tl_application_get_lookups (app), NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  TL_WIDGET_TEST_WAIT_UNTIL (gtk_widget_get_mapped (dialog));
  return g_object_ref (dialog);
}

static void
type_into (GtkWidget  *dialog,
           const char *row_title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (tl_widget_test_find_row (dialog, row_title)), text);
}

static gboolean
row_marked (GtkWidget  *dialog,
            const char *row_title)
{
  return gtk_widget_has_css_class (tl_widget_test_find_row (dialog, row_title), "error");
}

static gboolean
save_offered (GtkWidget *dialog)
{
  return gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Save"));
}

/* The status line under the form, beside the Delete button: the label, when it is shown. */
static GtkLabel *
status_label (GtkWidget *dialog)
{
  GtkWidget *delete_button = tl_widget_test_find_button (dialog, "Delete Profile");

  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (delete_button)); w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      return gtk_widget_get_visible (w) ? GTK_LABEL (w) : NULL;
  g_error ("no status line");
}

static void
close_dialog (GtkWidget *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  TL_WIDGET_TEST_WAIT_UNTIL (find_dialog () == NULL);
  g_assert_finalize_object (dialog);
}

/* A new profile: Save follows whether the account could be used, as the person types. */
static void
test_account_dialog_save_follows_validity (void)
{
  GtkWidget *dialog = open_dialog (TRUE);
  GtkLabel *status;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Profile");
  g_assert_false (gtk_widget_get_visible (tl_widget_test_find_button (dialog, "Delete Profile")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service"))), ==, 0);
  g_assert_null (status_label (dialog));

  /* no username yet */
  g_assert_false (save_offered (dialog));
  type_into (dialog, "Username", "partner");
  g_assert_true (save_offered (dialog));

  /* another address: plain http:// to a server that is not this computer is refused */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service")), 2);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (tl_widget_test_find_row (dialog, "Base URL"))));
  type_into (dialog, "Base URL", "http://connect.example");
  g_assert_false (save_offered (dialog));
  g_assert_true (row_marked (dialog, "Base URL"));
  status = status_label (dialog);
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), "“http://connect.example” uses plain http://"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  /* the check is refused too */
  g_assert_false (gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Check Account")));

  type_into (dialog, "Base URL", "https://connect.example/");
  g_assert_true (save_offered (dialog));
  g_assert_false (row_marked (dialog, "Base URL"));
  g_assert_null (status_label (dialog));
  g_assert_true (gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Check Account")));

  /* a customer ID for the check that cannot be one: marked, and no check */
  type_into (dialog, "Customer ID (optional)", "M1 3");
  g_assert_true (row_marked (dialog, "Customer ID (optional)"));
  g_assert_false (gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Check Account")));
  g_assert_true (save_offered (dialog));
  type_into (dialog, "Customer ID (optional)", "M1");
  g_assert_false (row_marked (dialog, "Customer ID (optional)"));
  g_assert_true (gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Check Account")));

  /* the username taken away again */
  type_into (dialog, "Username", "");
  g_assert_false (save_offered (dialog));
  g_assert_false (gtk_widget_is_sensitive (tl_widget_test_find_button (dialog, "Check Account")));

  close_dialog (dialog);
}

/* What the person typed comes back in the explanation as text, never read as markup. */
static void
test_account_dialog_address_as_text (void)
{
  GtkWidget *dialog = open_dialog (TRUE);
  GtkLabel *status;

  type_into (dialog, "Username", "partner");
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service")), 2);
  type_into (dialog, "Base URL", "<b>connect</b> &amp; co");
  status = status_label (dialog);
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), "“<b>connect</b> &amp; co” is not a web address."));
  g_assert_false (gtk_label_get_use_markup (status));
  g_assert_false (save_offered (dialog));

  close_dialog (dialog);
}

/* An existing profile whose name holds markup and a right-to-left override: the name field
 * holds it as it is, and saving keeps it. */
static void
test_account_dialog_profile_name_as_text (void)
{
  static const char *name = "<b>Ops</b> & Co \u202Eproduction";
  TlAccounts *accounts = tl_application_get_accounts (app);
  GtkWidget *dialog;

  tl_accounts_save_profile (accounts, NULL, name, "https://connect.example", "partner");
  g_assert_cmpstr (tl_accounts_get_active_profile (accounts), ==, name);

  dialog = open_dialog (FALSE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Account");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tl_widget_test_find_row (dialog, "Profile Name"))), ==, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tl_widget_test_find_row (dialog, "Username"))), ==, "partner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tl_widget_test_find_row (dialog, "Base URL"))), ==,
                   "https://connect.example");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service"))), ==, 2);
  g_assert_true (gtk_widget_get_visible (tl_widget_test_find_button (dialog, "Delete Profile")));
  g_assert_false (tl_widget_test_shows_markup (dialog, "Ops"));
  g_assert_true (save_offered (dialog));

  /* Save without a password typed: the profile is kept under the same name, the dialog closes */
  type_into (dialog, "Username", "partner2");
  g_signal_emit_by_name (tl_widget_test_find_button (dialog, "Save"), "clicked");
  TL_WIDGET_TEST_WAIT_UNTIL (find_dialog () == NULL);
  g_assert_cmpstr (tl_accounts_get_active_profile (accounts), ==, name);
  g_assert_cmpstr (tl_accounts_get_username (accounts), ==, "partner2");
  g_assert_finalize_object (dialog);
}

/* Where @widget is in @dialog. */
static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *dialog)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, dialog, &bounds));
  return bounds;
}

/* A check against the demo server with @password typed: waits for the verdict, its label. */
static GtkLabel *
check_with (GtkWidget  *dialog,
            const char *password,
            const char *verdict)
{
  gtk_editable_set_text (GTK_EDITABLE (tl_widget_test_find_row (dialog, "Password")), password);
  g_assert_true (gtk_widget_activate_action (dialog, "account.check", NULL));
  TL_WIDGET_TEST_WAIT_UNTIL (tl_widget_test_find_label (dialog, verdict) != NULL &&
                             gtk_widget_get_mapped (GTK_WIDGET (tl_widget_test_find_label (dialog, verdict))));
  return tl_widget_test_find_label (dialog, verdict);
}

/* Check Account's verdict has a line of its own under the button, as wide as the group: not a
 * narrow column beside the button, where a long verdict broke inside its words. */
static void
test_account_dialog_verdict_below_button (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) server = tl_demo_server_new (&error);
  GtkWidget *dialog;
  GtkWidget *button;
  GtkWidget *group;
  GtkLabel *verdict;
  graphene_rect_t b, v, g;

  g_assert_no_error (error);
  dialog = open_dialog (TRUE);
  type_into (dialog, "Username", "demo");
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service")), 2);
  type_into (dialog, "Base URL", tl_demo_server_get_base_url (server));
  button = tl_widget_test_find_button (dialog, "Check Account");
  verdict = check_with (dialog, "wrong-password", "Wrong username or password");
  tl_widget_test_flush ();

  b = bounds_in (button, dialog);
  v = bounds_in (GTK_WIDGET (verdict), dialog);
  group = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g = bounds_in (group, dialog);
  /* under the button, not beside it */
  g_assert_cmpfloat (v.origin.y, >=, b.origin.y + b.size.height);
  /* and given most of the group's width */
  g_assert_cmpfloat (v.size.width, >, g.size.width * 0.6);
  /* one word never broken across lines: the verdict is on as few lines as its text needs */
  {
    PangoLayout *layout = gtk_label_get_layout (verdict);

    g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
  }

  close_dialog (dialog);
}

/* A verdict answers the account it was asked about: a password typed again, another username
 * or another customer ID for the check, and it says the account is not checked (it said
 * "accepted" beside a password that was never sent). */
static void
test_account_dialog_verdict_follows_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TlDemoServer) server = tl_demo_server_new (&error);
  GtkWidget *dialog;

  g_assert_no_error (error);
  dialog = open_dialog (TRUE);
  type_into (dialog, "Username", "demo");
  adw_combo_row_set_selected (ADW_COMBO_ROW (tl_widget_test_find_row (dialog, "Service")), 2);
  type_into (dialog, "Base URL", tl_demo_server_get_base_url (server));

  check_with (dialog, "demo-password", "Username and password accepted by 127.0.0.1");
  /* the profile's name is not part of the check: the verdict stays */
  type_into (dialog, "Profile Name", "Partner");
  g_assert_nonnull (tl_widget_test_find_label (dialog, "Username and password accepted by 127.0.0.1"));
  /* another password typed: not what was accepted */
  type_into (dialog, "Password", "demo-password2");
  g_assert_null (tl_widget_test_find_label (dialog, "Username and password accepted by 127.0.0.1"));
  g_assert_nonnull (tl_widget_test_find_label (dialog, "Not checked yet"));

  check_with (dialog, "wrong-password", "Wrong username or password");
  type_into (dialog, "Username", "demo2");
  g_assert_null (tl_widget_test_find_label (dialog, "Wrong username or password"));
  g_assert_nonnull (tl_widget_test_find_label (dialog, "Not checked yet"));

  type_into (dialog, "Username", "demo");
  check_with (dialog, "demo-password", "Username and password accepted by 127.0.0.1");
  type_into (dialog, "Customer ID (optional)", "M403");
  g_assert_nonnull (tl_widget_test_find_label (dialog, "Not checked yet"));

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tl_widget_test_init (&argc, &argv);
  /* windows belong to a registered application (on the test's own session bus) */
  app = tl_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/account-dialog/save-follows-validity", test_account_dialog_save_follows_validity);
  g_test_add_func ("/account-dialog/address-as-text", test_account_dialog_address_as_text);
  g_test_add_func ("/account-dialog/profile-name-as-text", test_account_dialog_profile_name_as_text);
  g_test_add_func ("/account-dialog/verdict-below-button", test_account_dialog_verdict_below_button);
  g_test_add_func ("/account-dialog/verdict-follows-input", test_account_dialog_verdict_follows_input);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
