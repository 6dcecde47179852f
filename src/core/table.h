/* \summary: what every bounded table reports: its capacity and how full
 * it got, what it inserted and what it had to evict; and how a table's
 * capacity turns into bytes, so that --memcap can size every table of a
 * run from one budget. */
#ifndef NT_TABLE_H
#define NT_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* The counters of one bounded table. */
struct nt_table_stats {
	uint32_t cap;
	uint32_t used, peak;
	uint64_t inserted, evicted;
};

/* How a table lays out its capacity (bytes = f(capacity, entry size)). */
enum nt_table_layout {
	NT_LAYOUT_POOL,   /* cap entries + a power-of-two bucket array of int32 */
	NT_LAYOUT_OPEN2X, /* power-of-two slots >= 2 x cap, each an entry + 1 byte of metadata */
	NT_LAYOUT_SLOTS,  /* power-of-two slots >= cap (struct nt_ktab) */
};

/* A bounded table as its owner declares it. */
struct nt_table_desc {
	const char *name;      /* "flood_targets": in the report's tables */
	size_t entry_size;     /* bytes per entry */
	const char *cap_param; /* the parameter of its capacity ("cap.flood_targets") */
	int layout;            /* enum nt_table_layout */
	size_t offset;         /* detectors: of its struct nt_ktab in the detector's state */
};

/* Bytes a table of cap entries takes. */
double nt_table_bytes(const struct nt_table_desc *d, double cap);

#endif
