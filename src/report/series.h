/* \summary: bounded series for the report's charts: per-time-bucket
 * counters of the capture (packets, DNS queries and answers by rcode,
 * ICMP errors, TCP SYNs, failed DNS transactions), DNS response-time
 * histograms per server and an approximate top-N of talkers.
 *
 * Everything is fixed-size.  The time line starts with 1 s buckets; when
 * the capture outgrows NT_SERIES_BUCKETS the buckets are merged in pairs
 * and their width doubled, as often as needed.  Servers beyond
 * NT_SERIES_SERVERS and transactions of them are counted as dropped; the
 * talker table is a space-saving top-N (counts may be over-estimated by
 * at most `err` once it has been full).
 */
#ifndef NT_REPORT_SERIES_H
#define NT_REPORT_SERIES_H

#include <stdint.h>

#include "analysis/engine.h"

enum {
	NT_SERIES_BUCKETS = 480,
	NT_SERIES_SERVERS = 8,
	NT_SERIES_TOP = 32,
	NT_RTT_BINS = 12,
};

/* Columns of one time bucket. */
enum nt_series_col {
	NT_SC_PKTS,
	NT_SC_DNS_Q,       /* DNS queries */
	NT_SC_DNS_R,       /* DNS responses */
	NT_SC_ICMP,        /* ICMP / ICMPv6 errors */
	NT_SC_SYN,         /* TCP connection attempts (SYN without ACK) */
	NT_SC_RC_NOERROR,  /* responses by rcode */
	NT_SC_RC_NXDOMAIN,
	NT_SC_RC_SERVFAIL,
	NT_SC_RC_REFUSED,
	NT_SC_RC_OTHER,
	NT_SC_DNS_FAIL,    /* transactions that failed (timeout, ICMP), at query time */
	NT_SC_COUNT
};

/* Upper bounds of the response-time bins in microseconds; the last bin
 * is open. */
extern const uint32_t nt_rtt_bin_us[NT_RTT_BINS - 1];

struct nt_series_server {
	struct nt_addr addr;
	uint64_t bins[NT_RTT_BINS];
	uint64_t answered, unanswered, icmp;
};

struct nt_talker {
	struct nt_addr addr;
	uint32_t hash;         /* of addr: compared before the address */
	uint64_t pkts;         /* packets sent (upper bound once the table was full) */
	uint64_t err;          /* over-estimate bound */
};

struct nt_series {
	uint8_t started;
	int64_t t0;            /* start of bucket 0 (ns, whole second) */
	int64_t width;         /* bucket width (ns) */
	uint32_t n;            /* buckets in use */
	uint32_t merges;       /* times the buckets were coarsened */
	uint64_t early;        /* events before t0 (out of order), put in bucket 0 */
	uint64_t v[NT_SERIES_BUCKETS][NT_SC_COUNT];
	uint32_t n_srv;
	uint64_t srv_dropped;  /* transactions of servers beyond the cap */
	struct nt_series_server srv[NT_SERIES_SERVERS];
	uint32_t n_top;
	uint64_t top_replaced; /* talkers evicted from the full top table */
	struct nt_talker top[NT_SERIES_TOP];
	/* the smallest count in top[], how many entries have it, and where
	 * the search for the next one to replace resumes (amortised O(1)) */
	uint64_t top_min;
	uint32_t top_n_min, top_cursor;
};

/* Per packet, in time order, after the engine handled it. */
void nt_series_packet(struct nt_series *s, const struct nt_pkt *pkt);
/* Per event (ctx = the series): DNS
 * transactions that ended feed the failure column and the histograms. */
void nt_series_event(void *ctx, const struct nt_event *ev);
/* The engine listener (ctx = the series) that feeds both of the above. */
struct nt_listener nt_series_listener(struct nt_series *s);
/* Bucket index of a time (clamped to the buckets in use). */
uint32_t nt_series_bucket(const struct nt_series *s, int64_t t);
/* Talkers sorted by packets, most first (in place). */
void nt_series_sort_top(struct nt_series *s);

#endif
