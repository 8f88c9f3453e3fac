/* tl-json.h: the guard every JSON parser of the core passes text through first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib recurses once per level */
#define TL_JSON_MAX_DEPTH 64

gboolean tl_json_depth_ok (const char *data,
                           gsize       length);

G_END_DECLS
