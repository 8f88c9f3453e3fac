/* widget-test.h: what the per-type widget tests share (after GNOME Console's kgx-test-utils)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tl-lookup-result.h"

G_BEGIN_DECLS

void        tl_widget_test_init          (int         *argc,
                                          char      ***argv);

char       *tl_widget_test_labels        (GtkWidget   *widget);
gboolean    tl_widget_test_shows_markup  (GtkWidget   *widget,
                                          const char  *needle);
GtkWidget  *tl_widget_test_find_type     (GtkWidget   *widget,
                                          GType        type);
GtkLabel   *tl_widget_test_find_label    (GtkWidget   *widget,
                                          const char  *text);
GtkWidget  *tl_widget_test_find_row      (GtkWidget   *widget,
                                          const char  *title);
GtkWidget  *tl_widget_test_find_button   (GtkWidget   *widget,
                                          const char  *label);

typedef struct _TlWidgetTestWait TlWidgetTestWait;

TlWidgetTestWait *tl_widget_test_wait_begin   (const char       *what);
void              tl_widget_test_wait_iterate (TlWidgetTestWait *wait);
void              tl_widget_test_wait_end     (TlWidgetTestWait *wait);

/**
 * TL_WIDGET_TEST_WAIT_UNTIL:
 * @condition: an expression that becomes true once the widget is in the state waited for
 *
 * Runs the main loop until @condition holds: a wait for a state, never for a time. Fails the
 * test with the condition's text when the state is not reached within a minute (a widget that
 * never gets there), instead of hanging until the test runner's own limit.
 */
#define TL_WIDGET_TEST_WAIT_UNTIL(condition) \
  G_STMT_START { \
    TlWidgetTestWait *tl_wait_ = tl_widget_test_wait_begin (#condition); \
    while (!(condition)) \
      tl_widget_test_wait_iterate (tl_wait_); \
    tl_widget_test_wait_end (tl_wait_); \
  } G_STMT_END

TlLookupResult *tl_widget_test_fake_result (void);

void        tl_widget_test_flush         (void);
void        tl_widget_test_show          (GtkWidget   *window);

G_END_DECLS
