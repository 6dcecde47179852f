/* \summary: what each DNS server did with the queries sent to it: a
 * bounded table of per-server profiles (server address, port and
 * transport), kept by the DNS correlator as transactions and lookups end,
 * and read by the detectors at the end to reason from the same measured
 * figures: queries and their outcomes (answered, rejected by ICMP, no
 * answer, still waiting at the end), answers by rcode and by query type,
 * response times (exact up to NT_PROF_RTT_EXACT answers, beyond that a
 * histogram of quarter octaves: within 10% of the true value), the TTL of the server's own packets, the ICMP errors in its
 * name with where they came from (analysis/origin.h), and the lookups it
 * failed that another server answered. */
#ifndef NT_DNSPROF_H
#define NT_DNSPROF_H

#include <stdint.h>

#include "core/ktab.h"
#include "core/packet.h"

enum {
	NT_PROF_QTYPES = 8,      /* query types counted apart; the rest together */
	NT_PROF_RTT_EXACT = 128, /* response times kept exactly */
	NT_PROF_RTT_BINS = 104,  /* quarter octaves of microseconds, 1 us to ~67 s */
	NT_PROF_RCODES = 24,     /* rcodes 0..23 counted apart (BADCOOKIE = 23) */
};

/* An ICMP error this soon after its query was made close to the client:
 * 2 ms is the round trip of a LAN and its gateway, far below any path to
 * a server on the Internet. */
#define NT_PROF_FAST_NS 2000000LL

/* Outcomes of the queries of one type. */
struct nt_prof_qtype {
	uint16_t qtype;
	uint32_t queries, answered, noerror, nxdomain, errors, icmp, unanswered;
	int64_t t_first_unanswered;   /* query time of the first unanswered one */
	int64_t t_last_answered;      /* answer time of the last answered one */
};

struct nt_dns_prof {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint16_t port;
	uint8_t proto;
	uint8_t ttl_min, ttl_max;   /* TTLs of its responses (0: none seen) */
	uint64_t queries;           /* attempts sent to it */
	uint64_t answered, icmp, unanswered, capture_end, evicted;
	uint64_t late;              /* answered after dns.timeout */
	uint64_t after_icmp;        /* of icmp: answered after the error all the same */
	uint64_t rcode[NT_PROF_RCODES], rcode_other;
	uint32_t n_qtype;
	struct nt_prof_qtype qt[NT_PROF_QTYPES];
	struct nt_prof_qtype qt_other;
	/* response times */
	uint32_t n_rtt_exact;
	uint32_t rtt_exact_us[NT_PROF_RTT_EXACT];
	uint32_t rtt_bin[NT_PROF_RTT_BINS];
	int64_t rtt_min_ns, rtt_max_ns;
	/* ICMP errors that ended queries to it: the raw evidence of where they
	 * came from (judged by the detectors with analysis/origin.h) */
	uint64_t icmp_claims_target;   /* sent under the server's own address */
	uint64_t icmp_router;          /* sent under another address */
	struct nt_addr icmp_reporter;  /* the first such other address */
	uint8_t err_ttl_min, err_ttl_max;      /* TTLs of the errors (0: unknown) */
	uint8_t sent_ttl;                      /* TTL the client sent its queries with */
	int8_t quote_hops_min, quote_hops_max; /* hops the quoted queries travelled (-1: unknown) */
	int64_t icmp_delay_min_ns, icmp_delay_max_ns;
	uint64_t icmp_fast;            /* errors within NT_PROF_FAST_NS of their query */
	/* lookups whose first query went to it */
	uint64_t lookups, lookups_failed, lookups_elsewhere;
	int64_t elsewhere_delay_sum_ns, elsewhere_delay_max_ns;
	struct nt_addr elsewhere;      /* the first server that answered one instead */
	uint64_t elsewhere_servers;    /* lookups answered by a server other than .elsewhere too */
};

/* The profile of (addr, port, proto), created when new (NULL only when
 * the table has no memory). */
struct nt_dns_prof *nt_prof_get(struct nt_ktab *t, const struct nt_addr *a, uint16_t port,
				uint8_t proto, int64_t now);
/* The same without creating: NULL when the server was not profiled. */
const struct nt_dns_prof *nt_prof_find(const struct nt_ktab *t, const struct nt_addr *a,
				       uint16_t port, uint8_t proto);
/* The counters of one query type (created when there is room, else the
 * "other" counters). */
struct nt_prof_qtype *nt_prof_qtype(struct nt_dns_prof *p, uint16_t qtype);
void nt_prof_rtt(struct nt_dns_prof *p, int64_t rtt_ns);
/* The q-quantile (0..1) of the response times in ns; *exact says whether
 * it comes from the kept samples (1) or the histogram (0, the middle of
 * its bin).  -1 when no answer was timed. */
int64_t nt_prof_rtt_quantile(const struct nt_dns_prof *p, double q, int *exact);
/* Answers timed in all. */
uint64_t nt_prof_rtt_count(const struct nt_dns_prof *p);

#endif
