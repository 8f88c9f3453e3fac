/* tl-window-private.h: the window's parts (tl-window.c: template, lifecycle, lookup flow;
 * tl-window-offer.c: the lookup offered from the clipboard; tl-window-dnd.c: drops)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-history-panel.h"
#include "tl-input.h"
#include "tl-ticket-view.h"
#include "tl-window.h"

G_BEGIN_DECLS

struct _TlWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkRevealer          *demo_revealer;
  GtkRevealer          *clipboard_revealer;
  AdwEntryRow          *customer_row;
  AdwEntryRow          *token_row;
  GtkBox               *messages_box;
  GtkButton            *lookup_button;
  GtkLabel             *lookup_label;
  GtkSpinner           *spinner;
  GtkStack             *result_stack;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkBox               *column;
  AdwBin               *history_slot;    /* the flap; its child is the history panel */          /* the form, the result pages, the details */
  AdwFlap              *flap;
  gboolean              updating_profiles;
  TlAccount            *running_account;   /* the snapshot the running lookup was started with */
  AdwHeaderBar         *header_bar;

  /* built when first needed (tl-window.c: get_ticket_view() and the others), NULL until then */
  TlTicketView         *ticket_view;
  TlDetailsView        *details_view;
  TlErrorView          *error_view;
  TlHistoryPanel       *history_panel;
  GtkDropDown          *profile_dropdown;  /* when there is a profile to switch */
  AdwPreferencesGroup  *demo_tokens_group; /* on the "ready" page */
  GtkLabel             *clipboard_label;   /* tl-window-offer.c, in the offer bar */
  guint                 prebuild_id;       /* builds the lookup's pages after the first frame */
  GtkIconPaintable     *spinner_icon;      /* the loading page's spinner, loaded ahead */

  TlApplication        *app;
  GCancellable         *cancellable;     /* the running lookup; cancelled when the window closes */
  TlInput              *input;           /* the valid input in the form, or NULL */
  TlInput              *pasted;          /* the last smart paste, for its findings */
  TlLookupResult       *result;          /* the last finished lookup */
  GPtrArray            *demo_rows;
  const char           *page_before_lookup;
  gboolean              updating;        /* the form is being filled by code */
  gboolean              running;
  gboolean              history_bound;
  guint                 unbind_history_id;
  gulong                account_changed_id;

  /* tl-window-offer.c: the lookup offered from the clipboard */
  TlInput              *offered;         /* what the clipboard held when the window was focused */
  char                 *dismissed;       /* the fingerprint of an offer that was dismissed */
  GCancellable         *clipboard_read;
};

void _tl_window_class_actions_init (GtkWidgetClass *widget_class);
GtkBuilder *_tl_window_build_part  (const char *id);
void _tl_window_show_page          (TlWindow   *self,
                                    const char *name);
void _tl_window_start_lookup       (TlWindow *self);
void _tl_window_validate           (TlWindow *self);
void _tl_window_update_state       (TlWindow *self);
void _tl_window_set_row_text       (TlWindow    *self,
                                    AdwEntryRow *row,
                                    const char  *text);
void _tl_window_offer_init         (TlWindow *self);
void _tl_window_offer_dispose      (TlWindow *self);
void _tl_window_offer_class_init   (GtkWidgetClass *widget_class);
void _tl_window_offer_update       (TlWindow *self);
void _tl_window_dnd_init           (TlWindow *self);

G_END_DECLS
