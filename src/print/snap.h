/* \summary: an evidence snapshot (core/snap.h) printed as the one line
 * tcpdump -n prints for it (-v continuation lines joined by one space,
 * times in UTC); a text snapshot is its log line with tabs and newlines
 * as spaces. */
#ifndef NT_PRINT_SNAP_H
#define NT_PRINT_SNAP_H

#include <stddef.h>

#include "core/snap.h"

/* Renders s as its tcpdump line into dst (no newline). */
void nt_snap_render(const struct nt_snap *s, char *dst, size_t dstlen);

#endif
