/* tl-profile-switcher.c: the header bar's drop-down of account profiles
 *
 * Shows the profiles TlAccounts keeps, with the active one selected, and makes the one chosen
 * active. Hidden while there is no profile or the demo runs. Choosing a profile changes where
 * the next lookup goes; a lookup already running keeps the account it started with (the window
 * says so when "switched" is emitted during one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-profile-switcher.h"

struct _TlProfileSwitcher
{
  GtkWidget    parent_instance;

  TlAccounts  *accounts;
  GtkDropDown *dropdown;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (TlProfileSwitcher, tl_profile_switcher, GTK_TYPE_WIDGET)

enum {
  SWITCHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * tl_profile_switcher_is_wanted:
 *
 * Returns: whether there is a profile to switch to (the window builds the switcher only then)
 */
gboolean
tl_profile_switcher_is_wanted (TlAccounts *accounts)
{
  g_auto(GStrv) names = tl_accounts_get_profile_names (accounts);

  return names[0] != NULL && !tl_accounts_get_demo (accounts);
}

static gboolean
same_names (GListModel  *model,
            char       **names)
{
  guint n = model ? g_list_model_get_n_items (model) : 0;

  if (model == NULL || n != g_strv_length (names))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), names[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
update (TlProfileSwitcher *self)
{
  g_auto(GStrv) names = tl_accounts_get_profile_names (self->accounts);
  const char *active = tl_accounts_get_active_profile (self->accounts);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], active) == 0)
      selected = i;

  self->updating = TRUE;
  /* Replace the model only when the profiles themselves changed: switching profiles runs this
   * from inside the drop-down's own selection handling, where a new model would pull its
   * popover's rows away under it. */
  if (!same_names (gtk_drop_down_get_model (self->dropdown), names))
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) names);

      gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (list));
    }
  if (gtk_drop_down_get_selected (self->dropdown) != selected)
    gtk_drop_down_set_selected (self->dropdown, selected);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self), tl_profile_switcher_is_wanted (self->accounts));
}

static void
on_selected (TlProfileSwitcher *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->dropdown);
  const char *name;

  if (self->updating || item == NULL)
    return;
  name = gtk_string_object_get_string (item);
  if (g_strcmp0 (name, tl_accounts_get_active_profile (self->accounts)) == 0)
    return;
  tl_accounts_activate_profile (self->accounts, name);
  g_signal_emit (self, signals[SWITCHED], 0, name);
}

/* A profile as the drop-down shows it: a made-up name ("partner at host") in today's language,
 * whatever language it was saved in. */
static char *
profile_title (GtkStringObject   *item,
               TlProfileSwitcher *self)
{
  if (self->accounts == NULL)
    return g_strdup (gtk_string_object_get_string (item));
  return tl_accounts_dup_profile_title (self->accounts, gtk_string_object_get_string (item));
}

static void
tl_profile_switcher_dispose (GObject *object)
{
  TlProfileSwitcher *self = TL_PROFILE_SWITCHER (object);

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  g_clear_object (&self->accounts);
  g_clear_pointer ((GtkWidget **) &self->dropdown, gtk_widget_unparent);
  G_OBJECT_CLASS (tl_profile_switcher_parent_class)->dispose (object);
}

static void
tl_profile_switcher_class_init (TlProfileSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_profile_switcher_dispose;

  /**
   * TlProfileSwitcher::switched:
   * @name: the profile now active
   *
   * The person chose another profile.
   */
  signals[SWITCHED] = g_signal_new ("switched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tl_profile_switcher_init (TlProfileSwitcher *self)
{
  g_autoptr(GtkExpression) title = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                G_CALLBACK (profile_title), self, NULL);

  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_expression (self->dropdown, title);
  gtk_widget_set_valign (GTK_WIDGET (self->dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("Switch account profile"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Profile"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->dropdown), "flat");
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
  g_signal_connect_swapped (self->dropdown, "notify::selected", G_CALLBACK (on_selected), self);
}

GtkWidget *
tl_profile_switcher_new (TlAccounts *accounts)
{
  TlProfileSwitcher *self;

  g_return_val_if_fail (TL_IS_ACCOUNTS (accounts), NULL);

  self = g_object_new (TL_TYPE_PROFILE_SWITCHER, NULL);
  self->accounts = g_object_ref (accounts);
  g_signal_connect_swapped (accounts, "changed", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}
