/* \summary: counting for the attack detectors: "is this tracked at all"
 * address bitmaps, bounded distinct counters, the per-second rate with its
 * baseline and bounded curve, address samples, and the per-target flood
 * accumulator with the finding parts every flood finding shares. */
#ifndef NT_DETECTORS_RATES_H
#define NT_DETECTORS_RATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/snap.h"
#include "detectors/finding.h"

/* A cheap hash of an address (and a 16-bit extra, e.g. a port) for the
 * detectors' "is this tracked at all" bitmaps, which spare most packets
 * the table lookup. */
uint32_t nt_addr_bit(const struct nt_addr *a, uint32_t extra, uint32_t nbits);

/* ---- distinct counting (linear counting over a bitmap) ---- */

/* nbits: a power of two, multiple of 64. */
void nt_distinct_add(uint64_t *bits, unsigned nbits, uint32_t hash);
double nt_distinct_est(const uint64_t *bits, unsigned nbits);

/* ---- rate baseline ---- */

enum { NT_RATE_SERIES = 60 };

/* Per-second counts of events toward one target.  A second is a flood
 * second when its count reaches both the absolute floor and factor x the
 * baseline, an exponentially weighted mean of the ordinary seconds before
 * it (seconds without events count as 0). */
struct nt_rate {
	int64_t cur_sec;        /* second being counted */
	uint32_t cur;
	uint8_t started;
	double base;            /* baseline (events/s) */
	uint32_t peak;          /* highest count in one second */
	int64_t peak_sec;
	double base_at_peak;
	uint32_t flood_secs;    /* seconds at or above the threshold */
	uint64_t flood_events;
	int64_t flood_first, flood_last; /* seconds */
	uint64_t total;
	/* the whole curve: n buckets of step seconds from start (seconds) */
	int64_t start;
	uint32_t step, n;
	uint32_t counts[NT_RATE_SERIES];
};

struct nt_rate_cfg {
	double floor;           /* events/s */
	double factor;          /* x baseline */
	double alpha;           /* EWMA weight of one second */
};

void nt_rate_add(struct nt_rate *r, const struct nt_rate_cfg *c, int64_t sec, uint32_t n);
/* Closes the second being counted (end of the input). */
void nt_rate_close(struct nt_rate *r, const struct nt_rate_cfg *c);
/* Copies the curve into the finding's series. */
void nt_rate_to_finding(const struct nt_rate *r, struct nt_finding *f, const char *what);

/* Keeps a in the sample list[0..*n) (at most cap addresses, first come)
 * unless it is there already. */
void nt_addr_sample(struct nt_addr *list, uint32_t *n, uint32_t cap, const struct nt_addr *a);

/* ---- flood targets ---- */

/* What a flood detector keeps per target (a server, a service): the
 * per-second rate, the distinct sources (a sketch and the first few) and
 * the packets that brought a second up to the floor (the evidence). */
enum { NT_FLOOD_SRC_BITS = 1024, NT_FLOOD_SAMPLE = 8, NT_FLOOD_SNAPS = 3 };
struct nt_flood_acc {
	struct nt_rate rate;
	uint64_t src_bits[NT_FLOOD_SRC_BITS / 64];
	uint32_t n_src;
	struct nt_addr src[NT_FLOOD_SAMPLE];
	uint32_t n_snap;
	struct nt_snap snap[NT_FLOOD_SNAPS];
};

/* Counts one packet toward the target (at most max_snaps evidence packets). */
void nt_flood_count(struct nt_flood_acc *a, const struct nt_rate_cfg *c, const struct nt_pkt *pkt,
		    const struct nt_raw *raw, uint32_t max_snaps);
/* Writes the parts every flood finding shares: high severity, count and
 * span of the flood seconds, the sampled sources and their estimated
 * number (returned, also in clients_more), the evidence and the figures
 * peak_per_s, mean_in_flood_per_s, baseline_per_s.  *mean gets the mean
 * rate over the flood seconds. */
double nt_flood_to_finding(const struct nt_flood_acc *a, struct nt_finding *f, double *mean);

#endif
