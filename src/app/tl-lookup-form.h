/* tl-lookup-form.h: the customer ID and token fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-input.h"

G_BEGIN_DECLS

#define TL_TYPE_LOOKUP_FORM (tl_lookup_form_get_type ())
G_DECLARE_FINAL_TYPE (TlLookupForm, tl_lookup_form, TL, LOOKUP_FORM, GtkWidget)

TlInput  *tl_lookup_form_get_input  (TlLookupForm  *self);
void      tl_lookup_form_set_fields (TlLookupForm  *self,
                                     const char    *customer_id,
                                     const char    *token);
void      tl_lookup_form_fill       (TlLookupForm  *self,
                                     TlInput       *input);
gboolean  tl_lookup_form_paste      (TlLookupForm  *self,
                                     const char    *text,
                                     GError       **error);
void      tl_lookup_form_clear      (TlLookupForm  *self);
gboolean  tl_lookup_form_is_empty   (TlLookupForm  *self);
void      tl_lookup_form_focus      (TlLookupForm  *self,
                                     TlInputField   field);

G_END_DECLS
