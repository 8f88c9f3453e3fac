/* tl-lookups.c: the app's one way to look up a token
 *
 * Every lookup the app makes (the window, the batch window, the system search, Check Account)
 * goes through here, in the same steps: the account snapshot taken when the person pressed Look
 * Up or Run → is an account set up? → its password, from memory or the keyring → cancelled
 * meanwhile? → the request. Whatever ends a lookup early (no account, a keyring that refuses, a
 * cancellation while the keyring is asked) comes back as an ordinary TlLookupResult with a
 * TlLookupError code, so callers handle one kind of outcome. This is the only file in the app
 * that loads a password for a lookup or sends a request.
 *
 * An office proxy that asks for a sign-in the proxy settings did not give is answered with the
 * sign-in stored for that proxy in the keyring (tl-proxy-keyring: the proxy's own schema), in
 * one more request; the window asks for one when none is stored, and runs the lookup again
 * with it (tl_lookups_run_with_proxy_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "tl-deadline.h"
#include "tl-lookup-error.h"
#include "tl-lookups.h"
#include "tl-proxy-keyring.h"
#include "tl-secret.h"

struct _TlLookups
{
  GObject     parent_instance;

  TlAccounts *accounts;
  TlClient   *client;     /* holds no account: each lookup is given its own */
};

G_DEFINE_FINAL_TYPE (TlLookups, tl_lookups, G_TYPE_OBJECT)

static void
tl_lookups_finalize (GObject *object)
{
  TlLookups *self = TL_LOOKUPS (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (tl_lookups_parent_class)->finalize (object);
}

static void
tl_lookups_class_init (TlLookupsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tl_lookups_finalize;
}

static void
tl_lookups_init (TlLookups *self)
{
}

TlLookups *
tl_lookups_new (TlAccounts *accounts,
                TlClient   *client)
{
  TlLookups *self;

  g_return_val_if_fail (TL_IS_ACCOUNTS (accounts), NULL);
  g_return_val_if_fail (TL_IS_CLIENT (client), NULL);

  self = g_object_new (TL_TYPE_LOOKUPS, NULL);
  self->accounts = g_object_ref (accounts);
  self->client = g_object_ref (client);
  return self;
}

/**
 * tl_lookups_new_limited:
 * @base: the app's lookups
 * @timeout_ms: the whole lookup's deadline, connecting included
 *
 * Lookups with @base's accounts and a deadline of their own (the system search answers while
 * a person types; it cannot wait as long as Look Up).
 *
 * Returns: (transfer full): the new lookups
 */
TlLookups *
tl_lookups_new_limited (TlLookups *base,
                        guint      timeout_ms)
{
  g_autoptr(TlClient) client = tl_client_new ();

  g_return_val_if_fail (TL_IS_LOOKUPS (base), NULL);

  tl_client_set_timeout_ms (client, timeout_ms);
  return tl_lookups_new (base->accounts, client);
}

TlAccounts *
tl_lookups_get_accounts (TlLookups *self)
{
  g_return_val_if_fail (TL_IS_LOOKUPS (self), NULL);
  return self->accounts;
}

/**
 * tl_lookups_snapshot:
 *
 * The account as it is set up now, without its password: take it when the person presses Look
 * Up or Run, and give it to tl_lookups_run_async() or tl_lookups_new_batch_async(). A profile
 * switched afterwards does not change where that lookup goes.
 *
 * Returns: (transfer full): the account
 */
TlAccount *
tl_lookups_snapshot (TlLookups *self)
{
  g_return_val_if_fail (TL_IS_LOOKUPS (self), NULL);
  return tl_accounts_snapshot (self->accounts);
}

static GError *
no_account_error (void)
{
  return g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_NO_PASSWORD,
                              _("No account is set up yet. Set up your partner account, or try the demo."));
}

/* A keyring step that did not give an account: cancelled, or the keyring's own error. */
static GError *
keyring_error (const GError *error)
{
  if (g_error_matches (error, TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED, _("The lookup was cancelled."));
  return g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_KEYRING, error->message);
}

typedef struct
{
  TlAccount *snapshot;
  char      *customer_id;
  char      *token;
  TlAccount *account;               /* with its password, once loaded */
  TlProxyCredentials *proxy_credentials;  /* given, or found in the keyring; NULL before */
  TlLookupResult *first;            /* the answer without them, while the keyring is asked */
  TlDeadline *keyring_deadline;     /* the keyring asked for the proxy's sign-in, within the time limit */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->snapshot);
  g_clear_object (&run->account);
  g_clear_object (&run->first);
  g_clear_pointer (&run->keyring_deadline, tl_deadline_free);
  g_clear_pointer (&run->proxy_credentials, tl_proxy_credentials_unref);
  g_free (run->customer_id);
  tl_secret_free (run->token);
  g_free (run);
}

static void
return_failed (GTask  *task,
               GError *error)
{
  Run *run = g_task_get_task_data (task);

  g_task_return_pointer (task, tl_lookup_result_new_failed (run->snapshot, run->customer_id, run->token, error),
                         g_object_unref);
}

static void on_looked_up (GObject      *source,
                          GAsyncResult *res,
                          gpointer      user_data);

static void
on_proxy_keyring_found (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlLookups *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlProxyCredentials) stored = tl_proxy_keyring_lookup_finish (res, &error);

  g_clear_pointer (&run->keyring_deadline, tl_deadline_free);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      return_failed (task, g_error_new_literal (TL_LOOKUP_ERROR, TL_LOOKUP_ERROR_CANCELLED,
                                                _("The lookup was cancelled.")));
      return;
    }
  if (stored == NULL)
    {
      /* nothing stored (or the keyring said no, or not in time): the proxy's own answer stands */
      g_task_return_pointer (task, g_steal_pointer (&run->first), g_object_unref);
      return;
    }
  run->proxy_credentials = g_steal_pointer (&stored);
  g_clear_object (&run->first);
  tl_client_lookup_with_proxy_async (self->client, run->account, run->proxy_credentials, run->customer_id,
                                     run->token, g_task_get_cancellable (task), on_looked_up,
                                     g_object_ref (task));
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlLookups *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(TlLookupResult) result = tl_client_lookup_finish (TL_CLIENT (source), res, NULL);

  if (run->proxy_credentials == NULL && tl_lookup_result_wants_proxy_sign_in (result))
    {
      run->first = g_steal_pointer (&result);
      /* a keyring that does not answer ends in the proxy's own answer, within the time limit */
      run->keyring_deadline = tl_deadline_new (g_task_get_cancellable (task),
                                               tl_client_get_timeout (self->client) * 1000,
                                               "[ticket-lookup] proxy keyring deadline");
      tl_proxy_keyring_lookup_async (tl_lookup_result_get_proxy (run->first),
                                     tl_deadline_get_cancellable (run->keyring_deadline),
                                     on_proxy_keyring_found, g_object_ref (task));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
on_account_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlLookups *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, &error);

  if (account == NULL)
    {
      return_failed (task, keyring_error (error));
      return;
    }
  /* The account loaded for this lookup's snapshot, whatever is active by now. The client sees
   * a cancellation itself and answers with a cancelled result. */
  run->account = g_object_ref (account);
  tl_client_lookup_with_proxy_async (self->client, account, run->proxy_credentials, run->customer_id,
                                     run->token, g_task_get_cancellable (task), on_looked_up,
                                     g_object_ref (task));
}

/**
 * tl_lookups_run_async:
 * @account: the snapshot taken when the lookup was asked for (tl_lookups_snapshot()), or an
 *   account with its password (Check Account with a typed password)
 *
 * Looks up @token for @customer_id with @account's password, found in memory or the keyring.
 * Always ends with a result, never with a #GError.
 */
void
tl_lookups_run_async (TlLookups           *self,
                      TlAccount           *account,
                      const char          *customer_id,
                      const char          *token,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  tl_lookups_run_with_proxy_async (self, account, NULL, customer_id, token, cancellable, callback,
                                   user_data);
}

/**
 * tl_lookups_run_with_proxy_async:
 * @proxy_credentials: (nullable): the office proxy's sign-in the person gave for this lookup
 *
 * tl_lookups_run_async(), answering the office proxy with @proxy_credentials. Finished with
 * tl_lookups_run_finish().
 */
void
tl_lookups_run_with_proxy_async (TlLookups           *self,
                                 TlAccount           *account,
                                 TlProxyCredentials  *proxy_credentials,
                                 const char          *customer_id,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (TL_IS_LOOKUPS (self));
  g_return_if_fail (TL_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_lookups_run_async);
  g_task_set_check_cancellable (task, FALSE);   /* a cancelled lookup is a result too */
  run = g_new0 (Run, 1);
  run->snapshot = g_object_ref (account);
  run->customer_id = g_strdup (customer_id);
  run->token = g_strdup (token);
  run->proxy_credentials = proxy_credentials ? tl_proxy_credentials_ref (proxy_credentials) : NULL;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (!tl_account_is_configured (account))
    {
      return_failed (task, no_account_error ());
      return;
    }
  tl_accounts_load_async (self->accounts, account, cancellable, on_account_loaded, g_steal_pointer (&task));
}

/**
 * tl_lookups_run_finish:
 *
 * Returns: (transfer full): the result: a ticket, or why there is none
 */
TlLookupResult *
tl_lookups_run_finish (TlLookups    *self,
                       GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
on_batch_account_loaded (GObject      *source,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TlLookups *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(TlAccount) account = tl_accounts_load_finish (TL_ACCOUNTS (source), res, &error);

  if (account == NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }
  g_task_return_pointer (task, tl_batch_new (self->client, account, GPOINTER_TO_UINT (g_task_get_task_data (task))),
                         g_object_unref);
}

/**
 * tl_lookups_new_batch_async:
 * @account: the snapshot taken when Run was pressed
 * @jobs: how many lookups may be in flight at once
 *
 * A batch whose every line is looked up with @account's password, found once for the whole run.
 */
void
tl_lookups_new_batch_async (TlLookups           *self,
                            TlAccount           *account,
                            guint                jobs,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TL_IS_LOOKUPS (self));
  g_return_if_fail (TL_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tl_lookups_new_batch_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (jobs), NULL);
  if (!tl_account_is_configured (account))
    {
      g_task_return_error (task, no_account_error ());
      return;
    }
  tl_accounts_load_async (self->accounts, account, cancellable, on_batch_account_loaded, g_steal_pointer (&task));
}

/**
 * tl_lookups_new_batch_finish:
 *
 * Returns: (transfer full): the batch, or %NULL with a #TL_LOOKUP_ERROR (no account, the
 *   keyring's error, cancelled)
 */
TlBatch *
tl_lookups_new_batch_finish (TlLookups     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
