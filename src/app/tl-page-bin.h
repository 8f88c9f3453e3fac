/* tl-page-bin.h: a stack page of wrapped text that is measured by width only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TL_TYPE_PAGE_BIN (tl_page_bin_get_type ())
G_DECLARE_FINAL_TYPE (TlPageBin, tl_page_bin, TL, PAGE_BIN, GtkWidget)

GtkWidget *tl_page_bin_new       (void);
void       tl_page_bin_set_child (TlPageBin *self,
                                  GtkWidget *child);

G_END_DECLS
