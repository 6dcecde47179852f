/* \summary: building blocks shared by the attack detectors: Shannon
 * entropy and consonant runs of names, the registered (base) domain from
 * the Public Suffix List (or a small built-in list), bounded distinct
 * counters, the per-second rate baseline with its bounded series, and the
 * fixed-capacity keyed tables whose evictions are counted and reported. */
#ifndef NT_ATTACK_H
#define NT_ATTACK_H

#include <stddef.h>
#include <stdint.h>

#include "report/model.h"

/* ---- names ---- */

/* Shannon entropy in bits per character of s[0..n), case-insensitive
 * (at most the first 255 characters). */
double nt_entropy(const char *s, size_t n);
/* Longest run of consonant letters (a-z except aeiouy), case-insensitive. */
int nt_consonant_run(const char *s, size_t n);

/* ---- public suffixes ---- */

/* Loads a Public Suffix List file (public_suffix_list.dat); 0, or -1 when
 * it cannot be read (then the built-in list is used). */
int nt_psl_load(const char *path);
/* Uses the built-in list of common suffixes. */
void nt_psl_fallback(void);
/* Loads once: $NETTRIAGE_PSL, else /usr/share/publicsuffix/public_suffix_list.dat,
 * else the built-in list. */
void nt_psl_init(void);
/* "Public Suffix List <path>" or "built-in list of N common suffixes ...". */
const char *nt_psl_source(void);
uint32_t nt_psl_rules(void);
/* 1 when the full list is loaded, 0 for the built-in list. */
int nt_psl_is_full(void);
/* The registered domain of name (a suffix of it: "example.co.uk" for
 * "a.b.example.co.uk"); the name itself when it is a public suffix or has
 * one label. */
const char *nt_base_domain(const char *name);
/* nt_base_domain of the packet's question name, computed once per packet. */
const char *nt_pkt_base_domain(const struct nt_pkt *pkt);

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

/* ---- bounded keyed tables ---- */

enum { NT_ATAB_KEY = 96, NT_ATAB_PROBE = 8, NT_ATAB_MAX = 16, NT_ATAB_FILTER = 8192 };

/* Every entry starts with this header. */
struct nt_atab_hdr {
	uint32_t hash;
	uint8_t used, klen;
	int64_t t_last;
	uint8_t key[NT_ATAB_KEY];
};

struct nt_atab {
	const char *name;       /* reported in the JSON tables / evictions */
	uint8_t *mem;
	size_t esz;
	uint32_t nslot;         /* capacity (power of two) */
	uint32_t used, peak;
	uint64_t inserted, evicted;
	/* bit per key hash ever inserted since init: lookups of keys never
	 * seen skip the probe (bits are not cleared on eviction) */
	uint64_t filter[NT_ATAB_FILTER / 64];
};

/* Allocates (once per process) or clears the table; 0 or -1. */
int nt_atab_init(struct nt_atab *t, const char *name, size_t esz, uint32_t cap);
/* The entry for key, created (zeroed) when absent; when the probe window
 * is full the least recently used entry there is evicted and counted. */
void *nt_atab_get(struct nt_atab *t, const void *key, size_t klen, int64_t now);
/* Looks up without creating. */
void *nt_atab_find(struct nt_atab *t, const void *key, size_t klen);
/* Entry in slot i (0 .. nslot-1), or NULL when that slot is empty. */
void *nt_atab_at(struct nt_atab *t, uint32_t i);

/* The attack tables, for the report's table and eviction lists. */
extern const struct nt_atab *nt_atab_list[NT_ATAB_MAX];
extern uint32_t nt_atab_count;

/* ---- helpers for findings ---- */

void nt_figure(struct nt_finding *f, const char *name, double v);
void nt_figure_text(struct nt_finding *f, const char *name, const char *text);
/* Title of an attack finding ("Port scan of 10.1.0.80 by 10.1.0.66") for
 * the renderers; 0 when the kind is not an attack kind. */
int nt_attack_title(const struct nt_finding *f, char *dst, size_t n);
/* Key of an address plus optional bytes; its length. */
size_t nt_akey(uint8_t *key, const struct nt_addr *a, const void *more, size_t n);
/* Removes the first cause whose title starts with prefix. */
void nt_finding_drop_cause(struct nt_finding *f, const char *prefix);
/* Inserts a cause in front of the others (the last one drops when full). */
void nt_finding_cause_first(struct nt_finding *f, const char *title, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
