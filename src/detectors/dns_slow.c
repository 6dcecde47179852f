/* \summary: dns.slow: a resolver whose answers take far longer than the
 * usual tens of milliseconds, judged on the median and the 95th
 * percentile of its response times (the server profiles of
 * analysis/dnsprof.h), with the answers that came only after the
 * client's timeout (its retries were caused by the delay). */
#include <stdio.h>
#include <string.h>

#include "detectors/common.h"

extern const struct nt_detector nt_det_slow;

static struct nt_param params[] = {
	{"dns.slow.min_answers", 5, "count",
	 "answers of one server before its response times are judged",
	 "nettriage choice: a median of fewer answers says little"},
	{"dns.slow.median_ms", 300, "ms",
	 "median response time at or above which the server is slow (medium)",
	 "RFC 8767 / resolver practice: cached answers take 1-50 ms, recursion to the "
	 "authoritative servers 50-200 ms; Google Public DNS reports a median near 20 ms"},
	{"dns.slow.p95_ms", 1500, "ms",
	 "95th percentile at or above which some answers are slow (low when the median is "
	 "normal)",
	 "glibc waits dns.timeout = 5 s before retrying; 1.5 s is where users notice a page "
	 "stall (RAIL model: 1 s response budget)"},
};

#define P(i) (params[i].value)

static void judge(struct nt_findings *fs, const struct nt_engine *e, const struct nt_dns_prof *p)
{
	uint64_t n = nt_prof_rtt_count(p);
	if (n < P(0))
		return;
	int ex50 = 1, ex95 = 1;
	int64_t med = nt_prof_rtt_quantile(p, 0.5, &ex50);
	int64_t p95 = nt_prof_rtt_quantile(p, 0.95, &ex95);
	int slow = med >= P(1) * 1e6;
	int tail = p95 >= P(2) * 1e6;
	if (!slow && !tail)
		return;
	struct nt_finding *f = nt_det_finding(fs, &nt_det_slow, "dns.slow", &p->addr, p->port,
					      p->proto == 6 ? "tcp" : "udp", "DNS");
	if (f == NULL)
		return;
	f->severity = slow ? NT_SEV_MEDIUM : NT_SEV_LOW;
	f->count = n;
	f->first_seen = e->start;
	f->last_seen = e->end;
	char m[32], q[32], lo[32], hi[32], t1[48], t2[48];
	nt_fmt_dur(m, sizeof(m), med);
	nt_fmt_dur(q, sizeof(q), p95);
	nt_fmt_dur(lo, sizeof(lo), p->rtt_min_ns);
	nt_fmt_dur(hi, sizeof(hi), p->rtt_max_ns);
	nt_fmt_time_s(t1, sizeof(t1), e->start, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), e->end, e->no_date);
	const char *about50 = ex50 ? "" : "about ", *about95 = ex95 ? "" : "about ";
	char late[160] = "";
	if (p->late)
		nt_fmt(late, sizeof(late), "; %llu answer%s came only after the client's %.0f s "
		       "timeout, when it had already retried", (unsigned long long)p->late,
		       p->late == 1 ? "" : "s", nt_engine_params[NT_P_DNS_TIMEOUT].value);
	if (slow)
		nt_fmt(f->summary, sizeof(f->summary),
		       "The DNS server %s answers slowly: its median response time is %s%s and "
		       "its 95th percentile %s%s over %llu answers between %s and %s%s.", f->server,
		       about50, m, about95, q, (unsigned long long)n, t1, t2, late);
	else
		nt_fmt(f->summary, sizeof(f->summary),
		       "Some answers of the DNS server %s are slow: the 95th percentile of its "
		       "response times is %s%s while the median is %s%s, as usual (%llu answers "
		       "between %s and %s)%s.", f->server, about95, q, about50, m,
		       (unsigned long long)n, t1, t2, late);
	nt_fmt(f->analysis, sizeof(f->analysis),
	       "Every answer was paired with its query and timed. %s answered %llu queries: the "
	       "fastest in %s, the slowest in %s, median %s%s, 95th percentile %s%s "
	       "(dns.slow.median_ms = %.0f, dns.slow.p95_ms = %.0f)%s. Times are exact up to "
	       "%d answers, beyond that estimated from a histogram (within 10%%).", f->server,
	       (unsigned long long)n, lo, hi, about50, m, about95, q, P(1), P(2),
	       p->late ? "; late answers show the clients retrying because of the delay" : "",
	       NT_PROF_RTT_EXACT);
	nt_fmt(f->impact, sizeof(f->impact),
	       slow ? "Every lookup through %s waits %s or more: page loads and connections "
		      "start late, and clients may retry or fall back to another resolver."
		    : "Lookups of some names through %s take %s or more: those pages start late; "
		      "most names resolve quickly.",
	       f->server, slow ? m : q);
	int path = p->rtt_min_ns >= 100000000; /* even the fastest answer takes 100 ms */
	if (slow && path)
		nt_finding_cause(f, "A slow or distant path to the resolver",
			"Even its fastest answer took %s: the delay is on the way (distance, a "
			"congested or lossy link, a satellite or mobile hop), not in the lookups.", lo);
	if (slow)
		nt_finding_cause(f, "Resolver overloaded",
			"Its fastest answer took %s but the median %s: answers queue behind one "
			"another on a busy or under-sized resolver.", lo, m);
	nt_finding_cause(f, "Slow upstream resolution",
		"Names not in the resolver's cache need queries to their authoritative servers; "
		"slow or distant ones make those lookups slow (the %s tail) while cached names "
		"stay fast.", q);
	if (p->late || p->unanswered)
		nt_finding_cause(f, "Packet loss",
			"%llu answer%s came after the timeout and %llu quer%s got none: lost queries "
			"or answers make the client wait and retry.", (unsigned long long)p->late,
			p->late == 1 ? "" : "s", (unsigned long long)p->unanswered,
			p->unanswered == 1 ? "y" : "ies");
	nt_finding_step(f, "Time lookups from the client (dig @%s example.com | grep 'Query "
		"time') and from next to the resolver to tell the path from the server.", f->server);
	nt_finding_step(f, "Check the resolver's load and cache hit rate (unbound-control stats, "
		"rndc stats) and its upstream connectivity.");
	nt_figure(f, "answers", (double)n);
	nt_figure(f, "median_ms", (double)med / 1e6);
	nt_figure(f, "p95_ms", (double)p95 / 1e6);
	nt_figure(f, "fastest_ms", (double)p->rtt_min_ns / 1e6);
	nt_figure(f, "slowest_ms", (double)p->rtt_max_ns / 1e6);
	nt_figure(f, "late_answers", (double)p->late);
	nt_figure_text(f, "quantiles", ex50 && ex95 ? "exact" : "estimated");
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < e->prof.nslot; i++) {
		const struct nt_dns_prof *p = nt_ktab_at(&e->prof, i);
		if (p)
			judge(fs, e, p);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, f->severity >= NT_SEV_MEDIUM ? "DNS server %s answering slowly"
						    : "Some answers of DNS server %s slow",
	       f->server);
}

static const struct nt_kind kinds[] = {{"dns.slow", title}};

const struct nt_detector nt_det_slow = {
	.name = "dns.slow",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	.finish = finish, /* from the engine's profiles at the end: no events */
};
