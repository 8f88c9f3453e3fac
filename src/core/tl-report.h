/* tl-report.h: a redacted support report and a copy-as-curl command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tl-lookup-result.h"

G_BEGIN_DECLS

char *tl_report_build_markdown (TlLookupResult *result,
                                const char     *account_label);
char *tl_report_build_curl     (const char     *base_url,
                                const char     *customer_id,
                                const char     *username,
                                const char     *token);
char *tl_report_describe_timing (TlLookupResult *result);

G_END_DECLS
