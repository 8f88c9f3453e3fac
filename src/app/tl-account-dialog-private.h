/* tl-account-dialog-private.h: the account dialog's fields, shared by its parts
 *
 * tl-account-dialog.c: the profile, the service, the credentials, Check Account, Save and
 * Delete; tl-account-dialog-certificate.c: the office's certificate (Office Network).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-account-dialog.h"
#include "tl-accounts.h"
#include "tl-lookups.h"

G_BEGIN_DECLS

struct _TlAccountDialog
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwEntryRow      *name_row;
  GtkWidget        *delete_button;
  char             *editing;        /* the profile being edited, NULL for a new one */
  AdwComboRow      *service_row;
  AdwEntryRow      *base_url_row;
  AdwEntryRow      *username_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow     *remember_row;
  GtkSwitch        *remember_switch;
  GtkSpinButton    *timeout_spin;
  GtkLabel         *status_label;
  GtkButton        *save_button;
  AdwEntryRow      *check_customer_row;
  GtkLabel         *check_title;
  GtkLabel         *check_subtitle;
  GtkImage         *check_icon;
  GtkSpinner       *check_spinner;
  gboolean          checking;
  char             *check_customer;   /* the customer ID of the running check, NULL for none */
  char             *checked_input;    /* what the verdict shown answers (a digest), NULL for none */
  AdwPreferencesPage *page;
  AdwActionRow     *certificate_row;
  GtkWidget        *certificate_remove_button;
  GtkWidget        *certificate_button;
  GtkLabel         *certificate_status_label;
  char             *ca_file;          /* the app's copy of the office's certificate, or NULL */
  GtkFileChooserNative *chooser;
  char             *original_server;  /* the profile's account when the dialog opened */
  char             *original_username;
  TlAccount        *moving;           /* the old account and its password, while asked to move it */
  GtkWidget        *initial_focus;    /* the field a new dialog starts in */
  guint             scroll_tick;

  TlAccounts       *accounts;
  TlLookups        *lookups;
  GCancellable     *cancellable;
  gboolean          saving;
};

/* tl-account-dialog.c */
void _tl_account_dialog_forget_stale_verdict      (TlAccountDialog *self);

/* tl-account-dialog-certificate.c */
void _tl_account_dialog_update_certificate        (TlAccountDialog *self);
void _tl_account_dialog_trust_certificate_action  (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);
void _tl_account_dialog_remove_certificate_action (GtkWidget       *widget,
                                                   const char      *action_name,
                                                   GVariant        *parameter);

G_END_DECLS
