/* \summary: the memory cap of the analysis (--memcap MiB): every bounded
 * table of a run (the engine's and each detector's, as they declare
 * themselves: bytes per entry, capacity parameter, layout) and the one
 * scale factor applied to all their capacities so that their total stays
 * under the cap. */
#ifndef NT_MEMCAP_H
#define NT_MEMCAP_H

#include <stddef.h>

#include "core/error.h"

/* Default cap of the state tables, in MiB. */
#define NT_MEMCAP_DEFAULT_MIB 512

struct nt_memcap {
	double cap_mib;        /* the cap asked for */
	double before_bytes;   /* tables at the configured capacities */
	double after_bytes;    /* tables after scaling (<= the cap) */
	double scale;          /* factor applied to every capacity (1: unchanged) */
	unsigned n_tables;
};

/* Parses "512" (MiB, 1 .. 1048576); 0 or -1. */
int nt_memcap_parse(const char *s, double *mib);
/* Scales the "cap.*" parameters (already set by --set) down so that all
 * tables fit in mib MiB; never scales up.  0, or -1 when even the smallest
 * capacities (16 entries each) do not fit (err says how much they need). */
int nt_memcap_apply(double mib, struct nt_memcap *info, struct nt_error *err);

#endif
