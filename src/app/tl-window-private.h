/* tl-window-private.h: the window's parts, after GNOME Text Editor's editor-window-private.h
 *
 *   tl-window.c          the template, the lookup and what it shows, the window's state
 *   tl-window-result.c   what is shown of a result, and only beside the input it answers
 *   tl-window-pages.c    the result pages and the details, built when first needed
 *   tl-window-history.c  the history panel: shown, reopened, unbound when closed
 *   tl-window-actions.c  the win.* actions
 *   tl-window-offer.c    the lookup offered from the clipboard
 *   tl-window-dnd.c      text, links and files dropped on the window
 *   tl-window-proxy.c    the office proxy's sign-in, asked for once per lookup
 *
 * The form (TlLookupForm) and the profile drop-down (TlProfileSwitcher) are widgets of their
 * own; the window listens to them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-details-view.h"
#include "tl-error-view.h"
#include "tl-history-panel.h"
#include "tl-input.h"
#include "tl-lookup-form.h"
#include "tl-lookups.h"
#include "tl-ticket-view.h"
#include "tl-window.h"

G_BEGIN_DECLS

struct _TlWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwHeaderBar         *header_bar;
  GtkWidget            *paste_header_button;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkRevealer          *demo_revealer;
  GtkRevealer          *clipboard_revealer;
  AdwFlap              *flap;
  AdwBin               *history_slot;    /* the flap; its child is the history panel */
  GtkBox               *column;          /* the form, the result pages, the details */
  TlLookupForm         *form;
  GtkButton            *lookup_button;
  GtkLabel             *lookup_label;
  GtkSpinner           *spinner;
  GtkStack             *result_stack;
  GtkButton            *last_lookup_button;
  GtkLabel             *last_lookup_label;
  GtkLabel             *result_note;

  /* built when first needed (tl-window-pages.c), NULL until then */
  TlTicketView         *ticket_view;
  TlDetailsView        *details_view;
  TlErrorView          *error_view;
  TlHistoryPanel       *history_panel;
  GtkWidget            *profile_switcher;  /* when there is a profile to switch */
  AdwPreferencesGroup  *demo_tokens_group; /* on the "ready" page */
  GPtrArray            *demo_rows;
  GtkLabel             *clipboard_label;   /* tl-window-offer.c, in the offer bar */
  guint                 prebuild_id;       /* builds the lookup's pages after the first frame */
  guint                 prebuild_measured; /* pages measured while hidden, fonts loaded (tl-window-pages.c) */
  GtkIconPaintable     *spinner_icon;      /* the loading page's spinner, loaded ahead */

  TlApplication        *app;
  TlLookups            *lookups;
  GCancellable         *cancellable;     /* the running lookup; cancelled when the window closes */
  TlAccount            *running_account; /* the snapshot the running lookup was started with */
  TlInput              *running_input;   /* what the running lookup asks about */
  TlLookupResult       *result;          /* the last result, or NULL */
  TlInput              *result_input;    /* what it answers */
  gboolean              result_reopened; /* from the history or the system search, not just now */
  gboolean              result_hidden;   /* the fields changed: it left the page */
  const char           *page_before_lookup;
  gboolean              running;
  gulong                account_changed_id;

  /* tl-window-history.c */
  gboolean              history_bound;
  guint                 unbind_history_id;

  /* tl-window-offer.c: the lookup offered from the clipboard */
  TlInput              *offered;         /* what the clipboard held when the window was focused */
  char                 *dismissed;       /* the fingerprint of an offer that was dismissed */
  GPtrArray            *cleared_history; /* what Clear History took, while its Undo is offered */
  gboolean              narrow;          /* the window is narrower than NARROW_WIDTH */
  guint                 narrow_idle;     /* applies a change of narrow after the allocation */
  GCancellable         *clipboard_read;

  /* tl-window-proxy.c */
  gboolean              proxy_asked;     /* the running lookup asked for a proxy sign-in */
};

/* tl-window.c */
void            _tl_window_start_lookup     (TlWindow       *self);
void            _tl_window_lookup_done      (GObject        *source,
                                             GAsyncResult   *res,
                                             gpointer        user_data);
void            _tl_window_show_lookup      (TlWindow       *self,
                                             TlLookupResult *result);
void            _tl_window_update_state     (TlWindow       *self);
char           *_tl_window_result_account   (TlLookupResult *result);

/* tl-window-result.c */
void            _tl_window_show_result      (TlWindow       *self,
                                             TlLookupResult *result,
                                             TlInput        *input,
                                             const char     *account,
                                             gboolean        reopened);
void            _tl_window_forget_result    (TlWindow       *self);
void            _tl_window_show_unsent      (TlWindow       *self,
                                             TlLookupResult *result);
void            _tl_window_update_result_shown (TlWindow    *self);
void            _tl_window_result_class_init (GtkWidgetClass *widget_class);

/* tl-window-pages.c */
GtkBuilder     *_tl_window_build_part       (const char     *id);
void            _tl_window_show_page        (TlWindow       *self,
                                             const char     *name);
TlTicketView   *_tl_window_get_ticket_view  (TlWindow       *self);
TlErrorView    *_tl_window_get_error_view   (TlWindow       *self);
TlDetailsView  *_tl_window_get_details_view (TlWindow       *self);
void            _tl_window_update_demo      (TlWindow       *self);
void            _tl_window_update_details   (TlWindow       *self);
void            _tl_window_pages_init       (TlWindow       *self);
void            _tl_window_pages_dispose    (TlWindow       *self);

/* tl-window-history.c */
void            _tl_window_history_init     (TlWindow       *self);
void            _tl_window_history_dispose  (TlWindow       *self);
void            _tl_window_history_unselect (TlWindow       *self);

/* tl-window-actions.c */
void            _tl_window_class_actions_init (GtkWidgetClass *widget_class);

/* tl-window-proxy.c */
gboolean        _tl_window_ask_proxy_sign_in (TlWindow      *self,
                                              TlLookupResult *result);

/* tl-window-offer.c */
void            _tl_window_offer_init       (TlWindow       *self);
void            _tl_window_offer_dispose    (TlWindow       *self);
void            _tl_window_offer_class_init (GtkWidgetClass *widget_class);
void            _tl_window_offer_update     (TlWindow       *self);

/* tl-window-dnd.c */
void            _tl_window_dnd_init         (TlWindow       *self);

G_END_DECLS
