/* test-presentation.c: every verdict, outcome and failure class has a look, and a verdict
 * looks the same wherever it is shown (after GNOME Console's test-icon-closures.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-object.h>

#include "tl-history.h"
#include "tl-presentation.h"

static void
test_every_state_has_a_look (void)
{
  for (TlTicketState state = 0; state < TL_TICKET_N_STATES; state++)
    {
      g_test_message ("state %s", tl_ticket_state_to_string (state));
      g_assert_nonnull (tl_presentation_state_icon_name (state));
      g_assert_true (g_str_has_suffix (tl_presentation_state_icon_name (state), "-symbolic"));
      g_assert_nonnull (tl_presentation_state_css_class (state));
    }
  /* three verdicts, three looks: none is mistaken for another */
  g_assert_cmpstr (tl_presentation_state_icon_name (TL_TICKET_STATE_VALID), !=,
                   tl_presentation_state_icon_name (TL_TICKET_STATE_EXPIRED));
  g_assert_cmpstr (tl_presentation_state_icon_name (TL_TICKET_STATE_VALID), !=,
                   tl_presentation_state_icon_name (TL_TICKET_STATE_UNKNOWN));
  g_assert_cmpstr (tl_presentation_state_icon_name (TL_TICKET_STATE_EXPIRED), !=,
                   tl_presentation_state_icon_name (TL_TICKET_STATE_UNKNOWN));
  g_assert_cmpstr (tl_presentation_state_css_class (TL_TICKET_STATE_VALID), !=,
                   tl_presentation_state_css_class (TL_TICKET_STATE_UNKNOWN));
}

static void
test_every_outcome_has_a_look (void)
{
  GEnumClass *outcomes = g_type_class_ref (TL_TYPE_OUTCOME);

  g_assert_cmpuint (outcomes->n_values, ==, TL_OUTCOME_N_OUTCOMES);
  for (guint i = 0; i < outcomes->n_values; i++)
    {
      TlOutcome outcome = outcomes->values[i].value;

      g_test_message ("outcome %s", outcomes->values[i].value_nick);
      if (outcome == TL_OUTCOME_PENDING)
        {
          /* under way: nothing claimed yet */
          g_assert_null (tl_presentation_outcome_icon_name (outcome));
          g_assert_null (tl_presentation_outcome_css_class (outcome));
          continue;
        }
      g_assert_nonnull (tl_presentation_outcome_icon_name (outcome));
      g_assert_nonnull (tl_presentation_outcome_css_class (outcome));
    }
  g_type_class_unref (outcomes);
}

static void
test_every_error_has_a_look (void)
{
  for (TlLookupError code = 0; code < TL_LOOKUP_ERROR_N_CODES; code++)
    {
      g_test_message ("code %s", tl_lookup_error_code_to_string (code));
      g_assert_nonnull (tl_presentation_error_icon_name (code));
      g_assert_true (g_str_has_suffix (tl_presentation_error_icon_name (code), "-symbolic"));
      g_assert_nonnull (tl_presentation_error_css_class (code));
    }
  /* a code from a newer or damaged source still has one */
  g_assert_nonnull (tl_presentation_error_icon_name (TL_LOOKUP_ERROR_N_CODES));
}

/* The badge (a ticket's state), the history and the batch (an outcome) show a verdict alike:
 * Unknown above all, which is neither valid nor a failure. */
static void
test_verdict_is_the_same_everywhere (void)
{
  for (TlTicketState state = 0; state < TL_TICKET_N_STATES; state++)
    {
      TlOutcome outcome = tl_outcome_from_state (state);

      g_assert_cmpstr (tl_presentation_outcome_icon_name (outcome), ==, tl_presentation_state_icon_name (state));
      g_assert_cmpstr (tl_presentation_outcome_css_class (outcome), ==, tl_presentation_state_css_class (state));
    }

  g_assert_cmpstr (tl_presentation_outcome_icon_name (TL_OUTCOME_UNKNOWN), ==,
                   tl_presentation_state_icon_name (TL_TICKET_STATE_UNKNOWN));
  g_assert_cmpstr (tl_presentation_outcome_css_class (TL_OUTCOME_UNKNOWN), ==,
                   tl_presentation_state_css_class (TL_TICKET_STATE_UNKNOWN));
  /* an unknown verdict is not shown as a failure */
  g_assert_cmpstr (tl_presentation_outcome_icon_name (TL_OUTCOME_UNKNOWN), !=,
                   tl_presentation_outcome_icon_name (TL_OUTCOME_FAILED));
  g_assert_cmpstr (tl_presentation_outcome_css_class (TL_OUTCOME_UNKNOWN), !=,
                   tl_presentation_outcome_css_class (TL_OUTCOME_FAILED));
}

/* A history entry read back from a file has the look of the verdict it was saved with. */
static void
test_history_entry_looks_like_its_verdict (void)
{
  g_autoptr(TlHistory) history = tl_history_new ();
  g_autoptr(GError) error = NULL;
  GListModel *model = tl_history_get_model (history);
  static const struct { const char *outcome; TlOutcome kind; } cases[] = {
    { "valid", TL_OUTCOME_VALID },
    { "expired", TL_OUTCOME_EXPIRED },
    { "unknown", TL_OUTCOME_UNKNOWN },
    { "forbidden", TL_OUTCOME_FAILED },
    { "from-a-newer-version", TL_OUTCOME_FAILED },
  };
  g_autoptr(GString) json = g_string_new ("{\"version\":1,\"entries\":[");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (json, "%s{\"time\":\"2026-11-27T10:00:0%uZ\",\"customerId\":\"M1\",\"outcome\":\"%s\"}",
                            i ? "," : "", i, cases[i].outcome);
  g_string_append (json, "]}");
  g_assert_true (tl_history_load_json (history, json->str, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TlHistoryEntry) entry = g_list_model_get_item (model, i);
      const char *outcome = tl_history_entry_get_outcome (entry);

      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        if (g_strcmp0 (outcome, cases[c].outcome) == 0)
          g_assert_cmpint (tl_history_entry_get_outcome_kind (entry), ==, cases[c].kind);
      g_assert_nonnull (tl_presentation_outcome_icon_name (tl_history_entry_get_outcome_kind (entry)));
    }
}

static void
test_placeholder (void)
{
  g_autofree char *shown = tl_presentation_text_or_placeholder (NULL, NULL);
  g_autofree char *kept = tl_presentation_text_or_placeholder (NULL, "M1");
  g_auto(GStrv) pending = tl_presentation_outcome_as_css_classes (NULL, TL_OUTCOME_PENDING);
  g_auto(GStrv) valid = tl_presentation_outcome_as_css_classes (NULL, TL_OUTCOME_VALID);

  g_assert_cmpstr (shown, ==, "—");
  g_assert_cmpstr (kept, ==, "M1");
  g_assert_cmpstr (tl_presentation_or_placeholder (""), ==, "");
  g_assert_cmpuint (g_strv_length (pending), ==, 0);
  g_assert_cmpuint (g_strv_length (valid), ==, 1);
  g_assert_cmpstr (valid[0], ==, tl_presentation_state_css_class (TL_TICKET_STATE_VALID));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/presentation/states", test_every_state_has_a_look);
  g_test_add_func ("/presentation/outcomes", test_every_outcome_has_a_look);
  g_test_add_func ("/presentation/errors", test_every_error_has_a_look);
  g_test_add_func ("/presentation/verdict-everywhere", test_verdict_is_the_same_everywhere);
  g_test_add_func ("/presentation/history-entry", test_history_entry_looks_like_its_verdict);
  g_test_add_func ("/presentation/placeholder", test_placeholder);
  return g_test_run ();
}
