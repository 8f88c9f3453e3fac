/* tl-page-bin.c: a stack page of wrapped text that is measured by width only
 *
 * GtkStack asks its pages how wide they must be at a given height, in two places:
 *  - the page it shows, at the height it is about to give it. For a vertical box of wrapped
 *    labels that one question is a search: GtkBoxLayout tries width after width (30, 60, 122,
 *    … 450, 451) and every try lays out every label's text anew. On the welcome page that was
 *    about a thousand shaping runs before the first frame.
 *  - with vhomogeneous off, every page it does not show, at that page's own minimum height. For
 *    wrapped text the minimum height is the text on one line, so the answer is the width of the
 *    longest paragraph unwrapped: a hidden error page made the window 927 px wide.
 *
 * TlPageBin answers both with the child's plain minimum width. That is what a page needs: its
 * text wraps to whatever width it gets, and the stack then asks for the height at that width and
 * gives the page at least that much. Height for width is passed through unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tl-page-bin.h"

struct _TlPageBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (TlPageBin, tl_page_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tl_page_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  TlPageBin *self = TL_PAGE_BIN (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  gtk_widget_measure (self->child, orientation,
                      orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
tl_page_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  TlPageBin *self = TL_PAGE_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
tl_page_bin_compute_expand (GtkWidget *widget,
                            gboolean  *hexpand,
                            gboolean  *vexpand)
{
  TlPageBin *self = TL_PAGE_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static GtkSizeRequestMode
tl_page_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tl_page_bin_dispose (GObject *object)
{
  TlPageBin *self = TL_PAGE_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (tl_page_bin_parent_class)->dispose (object);
}

static void
tl_page_bin_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TlPageBin *self = TL_PAGE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_page_bin_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TlPageBin *self = TL_PAGE_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      tl_page_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_page_bin_class_init (TlPageBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tl_page_bin_dispose;
  object_class->get_property = tl_page_bin_get_property;
  object_class->set_property = tl_page_bin_set_property;

  widget_class->measure = tl_page_bin_measure;
  widget_class->size_allocate = tl_page_bin_size_allocate;
  widget_class->get_request_mode = tl_page_bin_get_request_mode;
  widget_class->compute_expand = tl_page_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tl_page_bin_init (TlPageBin *self)
{
}

GtkWidget *
tl_page_bin_new (void)
{
  return g_object_new (TL_TYPE_PAGE_BIN, NULL);
}

void
tl_page_bin_set_child (TlPageBin *self,
                       GtkWidget *child)
{
  g_return_if_fail (TL_IS_PAGE_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
