/* tl-batch-window-rows.c: the batch window's table rows, filtered and sorted off to the side
 *
 * TlBatchRows is the list model the table shows: the batch's lines that pass the window's
 * filter, in the order of the column sorted by. It is worked out a few milliseconds per
 * main-loop iteration into a list of its own, and shown at once when done, so the table changes
 * once per filter, search or sorting, never a slice at a time (GtkFilterListModel with
 * incremental filtering told the table of every slice of 512 lines, and GTK 4.8's table made and
 * threw away a screenful of row widgets for each: 30–100 ms a slice).
 *
 * Its items are TlBatchRows: one per position, kept while the position exists. When the lines
 * shown change, a position's row shows another line (TlBatchRow:item changes) and the table is
 * told nothing: its row widgets stay and only fill their cells again. Only a count that changes
 * is an items-changed, at the end of the list.
 *
 * Sorting is by a key worked out once per line (the outcome's rank and the line number in one
 * integer, or the customer ID's collation key), a merge sort a few runs at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tl-batch-window-rows.h"

/* The Result column sorts failures first, then not lookups, unknown, expired, valid, and the
 * lines still waiting last. */
static guint
kind_rank (guint kind)
{
  static const guint ranks[TL_BATCH_N_KINDS] = {
    [TL_BATCH_KIND_FAILED] = 0,
    [TL_BATCH_KIND_NOT_LOOKUP] = 1,
    [TL_BATCH_KIND_UNKNOWN] = 2,
    [TL_BATCH_KIND_EXPIRED] = 3,
    [TL_BATCH_KIND_VALID] = 4,
    [TL_BATCH_KIND_PENDING] = 5,
  };

  return kind < TL_BATCH_N_KINDS ? ranks[kind] : 6;
}

#define BUDGET_US 4000      /* work per main-loop iteration */
#define FIRST_RUN 32        /* the merge sort starts from runs this long, sorted by insertion */

/* ---- TlBatchRow ---------------------------------------------------------------------------- */

struct _TlBatchRow
{
  GObject      parent_instance;
  TlBatchItem *item;        /* held by the rows' list of every line */
};

G_DEFINE_FINAL_TYPE (TlBatchRow, tl_batch_row, G_TYPE_OBJECT)

enum { ROW_PROP_0, ROW_PROP_ITEM, ROW_N_PROPS };
static GParamSpec *row_props[ROW_N_PROPS];

static void
tl_batch_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TlBatchRow *self = TL_BATCH_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_batch_row_class_init (TlBatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tl_batch_row_get_property;
  /**
   * TlBatchRow:item:
   *
   * The line this position of the table shows now.
   */
  row_props[ROW_PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, TL_TYPE_BATCH_ITEM,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_props);
}

static void
tl_batch_row_init (TlBatchRow *self)
{
}

/**
 * tl_batch_row_get_item:
 *
 * Returns: (transfer none): the line this row shows now
 */
TlBatchItem *
tl_batch_row_get_item (TlBatchRow *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ROW (self), NULL);
  return self->item;
}

/* ---- TlBatchRows --------------------------------------------------------------------------- */

typedef struct
{
  guint64      num;         /* the key: a number … */
  const char  *str;         /* … or a collation key (the customer ID) */
  TlBatchItem *item;
  guint        index;       /* in the batch: equal keys keep the batch's order */
} Entry;

typedef enum { JOB_NONE, JOB_IMPORT, JOB_FILTER, JOB_RUNS, JOB_MERGE } JobPhase;

struct _TlBatchRows
{
  GObject       parent_instance;

  GPtrArray    *all;         /* every line, the batch's order (refs) */
  GPtrArray    *shown;       /* the lines shown, in order (borrowed from all) */
  GPtrArray    *rows;        /* a TlBatchRow per shown position, NULL until asked for */
  guint         limit;       /* positions the table is told of (its first rows a few a frame) */
  guint         trailing;    /* blank positions after the lines shown, taken away a few a frame */
  gboolean      every_line;  /* shown is every line in the batch's order */
  TlBatchRowsFilter filter;
  gpointer      filter_data;
  TlBatchSortKey sort;
  gboolean      descending;

  /* the work in progress */
  JobPhase      phase;
  guint         job_id;
  GListModel   *importing;   /* the batch's items, being taken into all */
  GPtrArray    *source;      /* the lines asked (every line, or those shown: a stricter filter) */
  gboolean      sorted_source;   /* source already in the order wanted */
  guint         cursor;
  GArray       *entries;
  GArray       *scratch;
  guint         width;
  GStringChunk *keys;
};

static void tl_batch_rows_model_init (GListModelInterface *iface);

/* a shown list: the lines, borrowed from the list of every line */
static GPtrArray *
copy_lines (GPtrArray *lines)
{
  GPtrArray *copy = g_ptr_array_sized_new (lines->len);

  if (lines->len > 0)
    {
      memcpy (copy->pdata, lines->pdata, lines->len * sizeof (gpointer));
      copy->len = lines->len;
    }
  return copy;
}

static void
row_free (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TlBatchRows, tl_batch_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, tl_batch_rows_model_init))

enum { PROP_0, PROP_BUSY, PROP_LIMIT, N_PROPS };
static GParamSpec *props[N_PROPS];

static GType
tl_batch_rows_get_item_type (GListModel *model)
{
  return TL_TYPE_BATCH_ROW;
}

static guint
n_visible (TlBatchRows *self)
{
  return MIN (self->shown->len + self->trailing, self->limit);
}

static guint
tl_batch_rows_get_n_items (GListModel *model)
{
  return n_visible (TL_BATCH_ROWS (model));
}

static gpointer
tl_batch_rows_get_item (GListModel *model,
                        guint       position)
{
  TlBatchRows *self = TL_BATCH_ROWS (model);
  TlBatchRow *row;

  if (position >= n_visible (self))
    return NULL;
  if (self->rows->len < self->shown->len + self->trailing)
    g_ptr_array_set_size (self->rows, self->shown->len + self->trailing);
  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = g_object_new (TL_TYPE_BATCH_ROW, NULL);
      row->item = position < self->shown->len ? g_ptr_array_index (self->shown, position) : NULL;
      g_ptr_array_index (self->rows, position) = row;
    }
  return g_object_ref (row);
}

static void
tl_batch_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tl_batch_rows_get_item_type;
  iface->get_n_items = tl_batch_rows_get_n_items;
  iface->get_item = tl_batch_rows_get_item;
}

static void
stop_job (TlBatchRows *self)
{
  gboolean was_busy = self->job_id != 0;

  g_clear_handle_id (&self->job_id, g_source_remove);
  g_clear_object (&self->importing);
  g_clear_pointer (&self->source, g_ptr_array_unref);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->scratch, 0);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  self->phase = JOB_NONE;
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

/* The lines shown become @shown: each position's row shows its new line, and the table hears
 * only of positions added or taken away at the end. */
static void
show (TlBatchRows *self,
      GPtrArray   *shown)
{
  guint before = n_visible (self), after;
  g_autoptr(GPtrArray) old = self->shown;

  self->shown = shown;
  self->trailing = 0;
  self->every_line = FALSE;
  /* a filter let go of, from a few lines to many: the table makes the rows it keeps widgets for
   * a few at a time (all at once, up to 200 rows' widgets in one frame: 20–30 ms) */
  if (self->limit == G_MAXUINT && before < TL_BATCH_ROWS_KEPT && shown->len > before + TL_BATCH_ROWS_AT_ONCE)
    {
      self->limit = before + TL_BATCH_ROWS_AT_ONCE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LIMIT]);
    }
  /* from many lines to a few: the rows the table has widgets for (about 200) are taken away a
   * few at a time, blank meanwhile (all at once: 15–20 ms for 100 rows) */
  if (MIN (before, TL_BATCH_ROWS_KEPT) > shown->len + TL_BATCH_ROWS_AT_ONCE)
    {
      self->trailing = MIN (before, TL_BATCH_ROWS_KEPT) - shown->len - TL_BATCH_ROWS_AT_ONCE;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LIMIT]);
    }
  after = n_visible (self);
  if (self->rows->len > shown->len + self->trailing)
    g_ptr_array_set_size (self->rows, shown->len + self->trailing);
  for (guint i = 0; i < self->rows->len; i++)
    {
      TlBatchRow *row = g_ptr_array_index (self->rows, i);
      TlBatchItem *item = i < shown->len ? g_ptr_array_index (shown, i) : NULL;

      if (row != NULL && row->item != item)
        {
          row->item = item;
          g_object_notify_by_pspec (G_OBJECT (row), row_props[ROW_PROP_ITEM]);
        }
    }
  if (before != after)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (before, after), before - MIN (before, after),
                                after - MIN (before, after));
}

static Entry
make_entry (TlBatchRows *self,
            TlBatchItem *item)
{
  Entry entry = { 0, NULL, item, tl_batch_item_get_index (item) };

  switch (self->sort)
    {
    case TL_BATCH_SORT_LINE:
      entry.num = tl_batch_item_get_line (item);
      break;
    case TL_BATCH_SORT_OUTCOME:
      entry.num = (guint64) kind_rank (tl_batch_item_get_kind (item)) << 32 | tl_batch_item_get_line (item);
      break;
    case TL_BATCH_SORT_CUSTOMER:
      {
        /* as GtkStringSorter does, ignoring case */
        const char *id = tl_batch_item_get_customer_id (item);
        g_autofree char *folded = g_utf8_casefold (id ? id : "", -1);
        g_autofree char *key = g_utf8_collate_key (folded, -1);

        entry.str = g_string_chunk_insert (self->keys, key);
      }
      break;
    case TL_BATCH_SORT_NONE:
    default:
      break;
    }
  return entry;
}

static inline int
compare (const Entry *a,
         const Entry *b,
         gboolean     descending)
{
  int r = a->str != NULL ? strcmp (a->str, b->str) : (a->num > b->num) - (a->num < b->num);

  if (descending)
    r = -r;
  return r != 0 ? r : (a->index > b->index) - (a->index < b->index);
}

/* One run of FIRST_RUN entries from @start, by insertion. */
static void
sort_run (TlBatchRows *self,
          guint        start)
{
  Entry *e = &g_array_index (self->entries, Entry, 0);
  guint end = MIN (start + FIRST_RUN, self->entries->len);

  for (guint i = start + 1; i < end; i++)
    {
      Entry x = e[i];
      guint j = i;

      while (j > start && compare (&e[j - 1], &x, self->descending) > 0)
        {
          e[j] = e[j - 1];
          j--;
        }
      e[j] = x;
    }
}

/* Merges the two sorted runs of self->width entries from @start into scratch. */
static void
merge (TlBatchRows *self,
       guint        start)
{
  const Entry *e = &g_array_index (self->entries, Entry, 0);
  Entry *out = &g_array_index (self->scratch, Entry, 0);
  guint n = self->entries->len;
  guint mid = MIN (start + self->width, n), end = MIN (start + 2 * self->width, n);
  guint i = start, j = mid, k = start;

  while (i < mid && j < end)
    out[k++] = compare (&e[j], &e[i], self->descending) < 0 ? e[j++] : e[i++];
  while (i < mid)
    out[k++] = e[i++];
  while (j < end)
    out[k++] = e[j++];
}

static void
finish_job (TlBatchRows *self)
{
  GPtrArray *shown = g_ptr_array_sized_new (self->entries->len);
  gboolean every_line = self->filter == NULL && self->sort == TL_BATCH_SORT_NONE && self->source == self->all;

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (shown, g_array_index (self->entries, Entry, i).item);
  self->job_id = 0;     /* this source ends */
  stop_job (self);
  show (self, shown);
  self->every_line = every_line;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static gboolean
run_job (gpointer user_data)
{
  TlBatchRows *self = user_data;
  gint64 deadline = g_get_monotonic_time () + BUDGET_US;

  while (g_get_monotonic_time () < deadline)
    {
      switch (self->phase)
        {
        case JOB_IMPORT:
          /* a GListStore's items one by one, each a lookup in its sequence: 100 000 of them
           * took a frame of their own */
          for (guint end = MIN (self->cursor + 1024, g_list_model_get_n_items (self->importing));
               self->cursor < end; self->cursor++)
            g_ptr_array_add (self->all, g_list_model_get_item (self->importing, self->cursor));
          if (self->cursor == g_list_model_get_n_items (self->importing))
            {
              g_clear_object (&self->importing);
              self->source = g_ptr_array_ref (self->all);
              self->sorted_source = FALSE;
              self->cursor = 0;
              self->phase = JOB_FILTER;
            }
          break;

        case JOB_FILTER:
          for (guint end = MIN (self->cursor + 256, self->source->len); self->cursor < end; self->cursor++)
            {
              TlBatchItem *item = g_ptr_array_index (self->source, self->cursor);

              if (self->filter == NULL || self->filter (item, self->filter_data))
                {
                  /* a stricter filter over lines already in order: no keys */
                  Entry entry = self->sorted_source ? (Entry) { 0, NULL, item, 0 } : make_entry (self, item);

                  g_array_append_val (self->entries, entry);
                }
            }
          if (self->cursor == self->source->len)
            {
              self->cursor = 0;
              self->phase = self->sort == TL_BATCH_SORT_NONE || self->sorted_source ? JOB_NONE : JOB_RUNS;
            }
          break;

        case JOB_RUNS:
          for (guint i = 0; i < 64 && self->cursor < self->entries->len; i++, self->cursor += FIRST_RUN)
            sort_run (self, self->cursor);
          if (self->cursor >= self->entries->len)
            {
              self->cursor = 0;
              self->width = FIRST_RUN;
              g_array_set_size (self->scratch, self->entries->len);
              self->phase = self->width >= self->entries->len ? JOB_NONE : JOB_MERGE;
            }
          break;

        case JOB_MERGE:
          merge (self, self->cursor);
          self->cursor += 2 * self->width;
          if (self->cursor >= self->entries->len)
            {
              GArray *swap = self->entries;

              self->entries = self->scratch;
              self->scratch = swap;
              self->cursor = 0;
              self->width *= 2;
              if (self->width >= self->entries->len)
                self->phase = JOB_NONE;
            }
          break;

        case JOB_NONE:
        default:
          finish_job (self);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
start_job (TlBatchRows *self,
           GPtrArray   *source,
           gboolean     sorted)
{
  gboolean was_busy = self->job_id != 0;

  g_clear_handle_id (&self->job_id, g_source_remove);
  g_clear_pointer (&self->source, g_ptr_array_unref);
  g_array_set_size (self->entries, 0);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  if (self->sort == TL_BATCH_SORT_CUSTOMER)
    self->keys = g_string_chunk_new (4096);
  self->source = g_ptr_array_ref (source);
  self->sorted_source = sorted;
  self->cursor = 0;
  self->phase = JOB_FILTER;
  /* below a redraw's priority: each frame is drawn between two slices */
  self->job_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_job, self, NULL);
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

/**
 * tl_batch_rows_refresh:
 * @change: how the filter changed: stricter asks only the lines shown, which keep their order
 *
 * The lines are asked again (the filter, and their keys when sorted) and shown when done.
 */
void
tl_batch_rows_refresh (TlBatchRows     *self,
                       GtkFilterChange  change)
{
  g_return_if_fail (TL_IS_BATCH_ROWS (self));

  if (self->importing != NULL)
    return;     /* the lines are filtered and sorted as they are once all are in */
  if (self->filter == NULL && self->sort == TL_BATCH_SORT_NONE && self->every_line && self->job_id == 0)
    return;     /* every line, in the batch's order, already */
  if (self->filter == NULL && self->sort == TL_BATCH_SORT_NONE)
    {
      /* every line in the batch's order: nothing to work out */
      stop_job (self);
      show (self, copy_lines (self->all));
      self->every_line = TRUE;
      return;
    }
  if (change == GTK_FILTER_CHANGE_MORE_STRICT && self->job_id == 0)
    {
      g_autoptr(GPtrArray) shown = copy_lines (self->shown);

      start_job (self, shown, TRUE);
    }
  else
    start_job (self, self->all, FALSE);
}

/**
 * tl_batch_rows_set_items:
 * @items: (nullable): the batch's items
 *
 * The rows are the lines of @items, filtered and sorted as they are.
 */
void
tl_batch_rows_set_items (TlBatchRows *self,
                         GListModel  *items)
{
  g_autoptr(GPtrArray) old = NULL;
  guint n = items ? g_list_model_get_n_items (items) : 0;

  g_return_if_fail (TL_IS_BATCH_ROWS (self));

  stop_job (self);
  /* the old lines are let go only after the rows no longer show them */
  old = g_steal_pointer (&self->all);
  self->all = g_ptr_array_new_full (n, g_object_unref);
  show (self, g_ptr_array_new ());
  if (n == 0)
    return;
  /* taken in, then filtered and sorted as they are, a few milliseconds at a time */
  start_job (self, self->all, FALSE);
  self->importing = g_object_ref (items);
  self->phase = JOB_IMPORT;
}

/**
 * tl_batch_rows_set_filter:
 * @filter: (nullable): whether a line is shown; %NULL: every line
 *
 * Takes effect with the next tl_batch_rows_refresh().
 */
void
tl_batch_rows_set_filter (TlBatchRows       *self,
                          TlBatchRowsFilter  filter,
                          gpointer           user_data)
{
  g_return_if_fail (TL_IS_BATCH_ROWS (self));
  self->filter = filter;
  self->filter_data = user_data;
}

/**
 * tl_batch_rows_set_sort:
 *
 * The lines are sorted by @key (then in the batch's order), and shown when sorted.
 */
void
tl_batch_rows_set_sort (TlBatchRows    *self,
                        TlBatchSortKey  key,
                        gboolean        descending)
{
  g_return_if_fail (TL_IS_BATCH_ROWS (self));

  if (self->sort == key && self->descending == descending)
    return;
  self->sort = key;
  self->descending = descending;
  tl_batch_rows_refresh (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * tl_batch_rows_set_limit:
 *
 * The table is told of at most @limit rows (G_MAXUINT: all of them).
 */
void
tl_batch_rows_set_limit (TlBatchRows *self,
                         guint        limit)
{
  guint before;

  g_return_if_fail (TL_IS_BATCH_ROWS (self));

  if (self->limit == limit)
    return;
  before = n_visible (self);
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LIMIT]);
  if (n_visible (self) != before)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (before, n_visible (self)),
                                before - MIN (before, n_visible (self)),
                                n_visible (self) - MIN (before, n_visible (self)));
}

/**
 * tl_batch_rows_step:
 *
 * Once a frame: a few blank rows taken away, or a few more rows let in.
 *
 * Returns: whether there is more to do in later frames
 */
gboolean
tl_batch_rows_step (TlBatchRows *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ROWS (self), FALSE);

  if (self->trailing > 0)
    {
      guint before = n_visible (self), after;

      self->trailing -= MIN (self->trailing, TL_BATCH_ROWS_AT_ONCE);
      if (self->rows->len > self->shown->len + self->trailing)
        g_ptr_array_set_size (self->rows, self->shown->len + self->trailing);
      after = n_visible (self);
      if (before > after)
        g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
      return TRUE;
    }
  if (self->limit != G_MAXUINT)
    {
      tl_batch_rows_set_limit (self, self->limit >= TL_BATCH_ROWS_KEPT ? G_MAXUINT
                                                                       : self->limit + TL_BATCH_ROWS_PER_FRAME);
      return TRUE;
    }
  return FALSE;
}

guint
tl_batch_rows_get_limit (TlBatchRows *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ROWS (self), 0);
  return self->limit;
}

/**
 * tl_batch_rows_get_n_shown:
 *
 * Returns: how many lines pass the filter (the rows let in or not yet)
 */
guint
tl_batch_rows_get_n_shown (TlBatchRows *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ROWS (self), 0);
  return self->shown->len;
}

/**
 * tl_batch_rows_is_busy:
 *
 * Returns: whether a filter or a sorting is being worked out
 */
gboolean
tl_batch_rows_is_busy (TlBatchRows *self)
{
  g_return_val_if_fail (TL_IS_BATCH_ROWS (self), FALSE);
  return self->job_id != 0;
}

static void
tl_batch_rows_finalize (GObject *object)
{
  TlBatchRows *self = TL_BATCH_ROWS (object);

  stop_job (self);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->shown);
  g_ptr_array_unref (self->all);
  g_array_unref (self->entries);
  g_array_unref (self->scratch);
  G_OBJECT_CLASS (tl_batch_rows_parent_class)->finalize (object);
}

static void
tl_batch_rows_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TlBatchRows *self = TL_BATCH_ROWS (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, tl_batch_rows_is_busy (self));
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tl_batch_rows_class_init (TlBatchRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tl_batch_rows_finalize;
  object_class->get_property = tl_batch_rows_get_property;
  /**
   * TlBatchRows:busy:
   *
   * Whether a filter or a sorting is being worked out: the rows shown are the ones before it.
   */
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * TlBatchRows:limit:
   *
   * How many rows the table is told of at most (G_MAXUINT: all): lowered by the rows when many
   * come at once, raised by the table a few per frame.
   */
  props[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
tl_batch_rows_init (TlBatchRows *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (row_free);
  self->limit = G_MAXUINT;
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->scratch = g_array_new (FALSE, FALSE, sizeof (Entry));
}

TlBatchRows *
tl_batch_rows_new (void)
{
  return g_object_new (TL_TYPE_BATCH_ROWS, NULL);
}
