/* tl-window-result.c: what the window shows of a result, and only beside its input
 *
 * A result is shown on the ticket or error page with its details while the fields hold what it
 * answers. The moment the customer ID, the token or (for a lookup made just now) the profile
 * differ, it leaves the page and one line ("Last lookup: M11385 · Valid · 07:51") says what it
 * was and reopens it. A result reopened from the history or the system search says when and
 * with which account it was looked up. Clear forgets it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-lookup-error.h"
#include "tl-text.h"
#include "tl-window-private.h"

/* The ticket or the error page, shown. A result that left the page is hidden with its page, not
 * only stacked behind another: nothing of it can be read (a screen reader walks hidden stack
 * pages too) while the fields hold something else. */
static void
show_result_page (TlWindow   *self,
                  const char *name)
{
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->result_stack, name), TRUE);
  gtk_stack_set_visible_child_name (self->result_stack, name);
}

static void
hide_result_pages (TlWindow *self)
{
  const char *names[] = { "ticket", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->result_stack, names[i]);

      if (page != NULL)
        gtk_widget_set_visible (page, FALSE);
    }
}

static void
show_error (TlWindow       *self,
            TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);

  tl_error_view_show (_tl_window_get_error_view (self), tl_lookup_error_code (error), error->message, result);
  show_result_page (self, "error");
}

/* Whether the result answers what the fields hold now: the same customer ID and token and,
 * for a lookup made just now, the profile still in use. A reopened result says which account
 * it was looked up with (result_note), so a profile switched since does not hide it. */
static gboolean
result_answers_form (TlWindow *self)
{
  TlInput *input = tl_lookup_form_get_input (self->form);
  TlAccount *looked_up = tl_lookup_result_get_account (self->result);

  if (input == NULL ||
      g_strcmp0 (tl_input_get_customer_id (input), tl_input_get_customer_id (self->result_input)) != 0 ||
      g_strcmp0 (tl_input_get_token (input), tl_input_get_token (self->result_input)) != 0)
    return FALSE;
  if (!self->result_reopened && looked_up != NULL)
    {
      g_autoptr(TlAccount) now = tl_lookups_snapshot (self->lookups);

      return g_strcmp0 (tl_account_get_server (now), tl_account_get_server (looked_up)) == 0 &&
             g_strcmp0 (tl_account_get_username (now), tl_account_get_username (looked_up)) == 0;
    }
  return TRUE;
}

static const char *
result_outcome (TlLookupResult *result)
{
  const GError *error = tl_lookup_result_get_error (result);

  if (error != NULL)
    return tl_lookup_error_get_title (tl_lookup_error_code (error));
  return tl_ticket_state_get_title (tl_ticket_get_state (tl_lookup_result_get_ticket (result)));
}

static char *
result_time (TlLookupResult *result)
{
  GDateTime *started = tl_lookup_result_get_started (result);

  return started != NULL ? g_date_time_format (started, "%H:%M") : g_strdup ("");
}

/* A result is shown only beside the input it answers. The moment the fields or the profile
 * differ, it leaves the page and one line says what it was, to reopen it. */
void
_tl_window_update_result_shown (TlWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->result_stack);
  gboolean on_page = g_strcmp0 (page, "ticket") == 0 || g_strcmp0 (page, "error") == 0;
  gboolean answers;

  if (self->result == NULL || self->running)
    return;

  answers = result_answers_form (self);
  if (!answers && on_page)
    {
      g_autofree char *customer = tl_text_visible (tl_input_get_customer_id (self->result_input));
      g_autofree char *time = result_time (self->result);
      g_autofree char *text = NULL;

      self->result_hidden = TRUE;
      /* Translators: the one line left of a result whose input was changed: customer ID,
       * outcome, time it was looked up; clicking it shows the result again */
      text = g_strdup_printf (_("Last lookup: %s · %s · %s"), customer, result_outcome (self->result), time);
      gtk_label_set_label (self->last_lookup_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->last_lookup_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_set_visible (GTK_WIDGET (self->last_lookup_button), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->result_note), FALSE);
      _tl_window_show_page (self, "ready");
      hide_result_pages (self);
      _tl_window_update_state (self);
    }
  else if (answers && self->result_hidden)
    {
      /* back to what was looked up (an undo, the same paste again): true again */
      self->result_hidden = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->last_lookup_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->result_note), self->result_reopened);
      show_result_page (self, tl_lookup_result_is_ok (self->result) ? "ticket" : "error");
    }
}

/**
 * _tl_window_forget_result:
 *
 * Clear: no result, and no line about the last one.
 */
void
_tl_window_forget_result (TlWindow *self)
{
  if (self->running)
    return;
  g_clear_object (&self->result);
  g_clear_object (&self->result_input);
  self->result_hidden = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->last_lookup_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_note), FALSE);
  if (self->details_view != NULL)
    tl_details_view_set_result (self->details_view, NULL, NULL, NULL);
  _tl_window_show_page (self, "ready");
  hide_result_pages (self);
  _tl_window_update_state (self);
}

/**
 * _tl_window_show_result:
 * @input: what @result answers (the token also goes to the details' curl command)
 * @account: the label of the account it was looked up with
 * @reopened: from the history or the system search, not looked up just now
 *
 * Shows @result: its ticket or error page and its details.
 */
void
_tl_window_show_result (TlWindow       *self,
                        TlLookupResult *result,
                        TlInput        *input,
                        const char     *account,
                        gboolean        reopened)
{
  const char *token = tl_input_get_token (input);

  g_set_object (&self->result, result);
  g_set_object (&self->result_input, input);
  self->result_reopened = reopened;
  self->result_hidden = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->last_lookup_button), FALSE);
  if (reopened)
    {
      g_autofree char *time = result_time (result);
      /* a profile name comes from the settings file: shown with its controls visible */
      g_autofree char *named = tl_text_visible (account);
      g_autofree char *text = NULL;

      /* Translators: above a result reopened from the history: "Looked up at 07:51 with Office" */
      text = g_strdup_printf (_("Looked up at %s with %s"), time, named);
      gtk_label_set_label (self->result_note, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->result_note), reopened);

  tl_details_view_set_result (_tl_window_get_details_view (self), result, token, account);
  if (tl_lookup_result_is_ok (result))
    {
      /* the account is named once: in the title for the one in use, above a result of another */
      tl_ticket_view_set_ticket (_tl_window_get_ticket_view (self), tl_lookup_result_get_ticket (result), NULL);
      show_result_page (self, "ticket");
    }
  else
    show_error (self, result);
  _tl_window_update_details (self);
  _tl_window_history_unselect (self);
  _tl_window_update_result_shown (self);
}

static void
reopen_result_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TlWindow *self = TL_WINDOW (widget);
  g_autoptr(TlLookupResult) result = NULL;
  g_autoptr(TlInput) input = NULL;
  g_autofree char *account = NULL;

  if (self->result == NULL || self->running)
    return;
  result = g_object_ref (self->result);
  input = g_object_ref (self->result_input);
  account = _tl_window_result_account (result);
  tl_lookup_form_set_fields (self->form, tl_input_get_customer_id (input), tl_input_get_token (input));
  /* with the account it was looked up with named, whatever profile is in use now */
  _tl_window_show_result (self, result, input, account, TRUE);
}

/* An outcome reached before anything was sent (no account, the keyring refused): its page,
 * with no details and no history entry, as there was no request. */
void
_tl_window_show_unsent (TlWindow       *self,
             TlLookupResult *result)
{
  g_clear_object (&self->result);
  g_clear_object (&self->result_input);
  gtk_widget_set_visible (GTK_WIDGET (self->last_lookup_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_note), FALSE);
  if (self->details_view != NULL)
    tl_details_view_set_result (self->details_view, NULL, NULL, NULL);
  show_error (self, result);
  _tl_window_update_details (self);
}

void
_tl_window_result_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reopen-result", NULL, reopen_result_action);
}
