/* \summary: dns.flood and icmp.flood: DNS queries or ICMP echo requests
 * toward one target at a per-second rate far above the capture's own
 * baseline for that target (an exponentially weighted mean of its
 * ordinary seconds), with the rate curve in the finding; a DNS failure
 * finding for the same server at the same time is linked to the flood. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_flood;

static struct nt_param params[] = {
	{"dns.flood.min_qps", 500, "queries/s",
	 "DNS queries per second toward one server below which no second counts as a flood",
	 "25 clients at the DNSdist setQueryRate(20, 10) doc-example limit of 20 qps (reference); "
	 "half of host.spike_pps"},
	{"dns.flood.factor", 10, "ratio",
	 "a flood second also needs this many times the server's baseline query rate",
	 "CESNET NEMEA amplification_detection 10x factor (reference), applied to the rate"},
	{"flood.min_seconds", 3, "s",
	 "flood seconds toward one target before a flood finding (shorter bursts are benign)",
	 "nettriage choice: DNSdist setQueryRate averages over 10 s (reference); 3 s rules out "
	 "single-second bursts"},
	{"icmp.flood.min_pps", 500, "packets/s",
	 "ICMP echo requests per second toward one host below which no second counts as a flood",
	 "half of Linux net.ipv4.icmp_msgs_per_sec = 1000 (ip-sysctl.rst): near it the victim's "
	 "own replies are rate-limited"},
	{"icmp.flood.factor", 10, "ratio",
	 "a flood second also needs this many times the host's baseline echo rate",
	 "same 10x as dns.flood.factor"},
	{"flood.baseline_window", 60, "s",
	 "time constant of the baselines (EWMA weight 1/window per second)",
	 "1-minute load average of uptime(1) / Linux loadavg: 60 s time constant"},
	{"cap.flood_targets", 1024, "entries",
	 "targets whose rates are tracked (least recently used evicted, counted)",
	 "nettriage choice: 1024 x ~2 KiB"},
};

#define P(i) (params[i].value)

enum { CL_DNS = 1, CL_ICMP = 2 };

struct target {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint8_t cls, v6, tcp;
	struct nt_flood_acc acc;
};


/* per run */
struct flood {
	struct nt_ktab tab;       /* struct target by address and class */
	struct nt_rate_cfg cfg[3]; /* by class */
};

static int init(void *state)
{
	struct flood *fl = state;
	double alpha = P(5) > 1 ? 1.0 / P(5) : 1.0;
	fl->cfg[CL_DNS] = (struct nt_rate_cfg){P(0), P(1), alpha};
	fl->cfg[CL_ICMP] = (struct nt_rate_cfg){P(3), P(4), alpha};
	return 0;
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct flood *fl = state;
	int cls;
	uint8_t key[NT_KTAB_KEY], c;
	if (pkt->dns.present) {
		if (pkt->dns.is_mdns || pkt->dns.is_llmnr)
			return;
		if (pkt->dns.qr)
			return; /* answers: the engine's host counters */
		cls = CL_DNS;
	} else if (pkt->icmp.present && !pkt->icmp.is_error &&
		   pkt->icmp.type == (pkt->icmp.v6 ? 128 : 8)) {
		cls = CL_ICMP;
	} else {
		return;
	}
	int64_t t = nt_pkt_time(pkt);
	c = (uint8_t)cls;
	struct target *x = nt_ktab_get(&fl->tab, key, nt_ktab_key_addr(key, &pkt->flow.dst, &c, 1), t);
	if (x == NULL)
		return;
	if (x->cls == 0) {
		x->addr = pkt->flow.dst;
		x->cls = (uint8_t)cls;
	}
	x->v6 = pkt->icmp.v6 || pkt->flow.dst.family == 6;
	x->tcp = pkt->flow.proto == 6;
	nt_flood_count(&x->acc, &fl->cfg[cls], pkt, raw, NT_FLOOD_SNAPS);
}

static int is_dns_failure(const char *kind)
{
	return strcmp(kind, "dns.server_unreachable") == 0 || strcmp(kind, "dns.no_response") == 0 ||
	       strcmp(kind, "dns.server_failure") == 0;
}

static void link_failures(struct nt_findings *fs, const struct nt_engine *e, struct nt_finding *fl,
			  double qps, double srcs,
			  double base)
{
	const int64_t slack = 10 * 1000000000LL;
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (!is_dns_failure(f->kind) || strcmp(f->server, fl->server) != 0)
			continue;
		if (f->last_seen + slack < fl->first_seen || f->first_seen > fl->last_seen + slack)
			continue;
		char t1[48], t2[48];
		nt_fmt_time_s(t1, sizeof(t1), fl->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), fl->last_seen, e->no_date);
		nt_finding_drop_cause(f, "Denial-of-service against the server");
		nt_finding_cause_first(f, "Denial-of-service: query flood against the server",
			"The server stopped answering while it received %.0f queries/s from %.0f "
			"source%s: the dns.flood finding for %s covers %s to %s (%llu queries in the "
			"flood seconds, baseline %.1f queries/s). The failures fall inside that "
			"flood, so overload by the attack is the first explanation.",
			qps, srcs, srcs == 1 ? "" : "s", fl->server, t1, t2,
			(unsigned long long)fl->count, base);
		nt_figure(f, "flood_peak_qps", qps);
		nt_figure(f, "flood_sources", srcs);
		nt_figure_text(f, "linked_finding", "dns.flood");
		nt_figure_text(fl, "linked_finding", f->kind);
		if (f->severity < NT_SEV_HIGH)
			f->severity = NT_SEV_HIGH;
	}
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct flood *fl = state;
	for (uint32_t i = 0; i < fl->tab.nslot; i++) {
		struct target *x = nt_ktab_at(&fl->tab, i);
		if (x == NULL || x->cls == 0)
			continue;
		int cls = x->cls;
		nt_rate_close(&x->acc.rate, &fl->cfg[cls]);
		if (x->acc.rate.flood_secs < P(2))
			continue;
		int dns = cls == CL_DNS;
		const char *kind = dns ? "dns.flood" : "icmp.flood";
		struct nt_finding *f = nt_det_finding(fs, &nt_det_flood, kind, &x->addr, dns ? 53 : -1,
						      dns ? (x->tcp ? "tcp" : "udp")
							  : (x->v6 ? "icmp6" : "icmp"),
						      dns ? "DNS" : "ICMP");
		if (f == NULL)
			continue;
		const struct nt_rate *rt = &x->acc.rate;
		double mean;
		double srcs = nt_flood_to_finding(&x->acc, f, &mean);
		const struct nt_host *hh = nt_engine_host(e, &x->addr);
		uint64_t answers = hh ? hh->dns_answers_out : 0;
		double thr = fl->cfg[cls].factor * rt->base_at_peak;
		if (thr < fl->cfg[cls].floor)
			thr = fl->cfg[cls].floor;
		nt_figure(f, "threshold_per_s", thr);
		nt_figure(f, "flood_seconds", rt->flood_secs);
		nt_figure(f, "total_events", (double)rt->total);
		nt_figure(f, "distinct_sources", srcs);
		if (dns) {
			nt_figure(f, "answers_sent", (double)answers);
			nt_figure(f, "answer_ratio", rt->total ? (double)answers / (double)rt->total : 0);
		}
		nt_rate_to_finding(rt, f, dns ? "dns_queries" : "icmp_echo_requests");
		const char *what = dns ? "DNS queries" : "ICMP echo requests";
		char t1[48], t2[48], clients[300];
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt(f->summary, sizeof(f->summary),
			 "%s flood toward %s: up to %u %s per second (mean %.0f/s over %u seconds, "
			 "baseline %.1f/s) from %.0f source%s between %s and %s.",
			 dns ? "DNS query" : "ICMP echo", f->server, rt->peak, what, mean,
			 rt->flood_secs, rt->base_at_peak, srcs, srcs == 1 ? "" : "s", t1, t2);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "%s toward %s were counted per second. A second is a flood second when its "
			 "count reaches both %s = %.0f/s and %.0f x the baseline (an exponentially "
			 "weighted mean of the target's ordinary seconds, time constant %.0f s); %u "
			 "such seconds (flood.min_seconds = %.0f) carried %llu of the %llu %s seen. "
			 "Sources were counted with a %u-bit distinct counter: about %.0f.%s",
			 what, f->server, dns ? "dns.flood.min_qps" : "icmp.flood.min_pps",
			 fl->cfg[cls].floor, fl->cfg[cls].factor, P(5), rt->flood_secs, P(2),
			 (unsigned long long)rt->flood_events, (unsigned long long)rt->total, what,
			 (unsigned)NT_FLOOD_SRC_BITS, srcs,
			 dns && answers < rt->total / 2 ? " The server answered fewer than half "
							     "of the queries." : "");
		nt_fmt(f->impact, sizeof(f->impact),
			 "%s is %s; legitimate %s may be dropped or delayed, and the link toward it "
			 "may saturate.", f->server,
			 dns ? "being flooded with DNS queries (resolver or authoritative overload)"
			     : "being flooded with pings", dns ? "lookups" : "traffic");
		if (srcs > 50)
			nt_finding_cause(f, "Distributed denial-of-service (botnet or spoofed sources)",
				"%.0f distinct sources sent the %s: so many sources point at a botnet "
				"or at forged source addresses.", srcs, what);
		else
			nt_finding_cause(f, "Denial-of-service from a few hosts",
				"%.0f distinct source%s sent the %s (%s): compromised or misbehaving "
				"hosts.", srcs, srcs == 1 ? "" : "s", what, clients);
		nt_finding_cause(f, dns ? "Misbehaving client or forwarder in a retry loop"
					: "Monitoring or load test gone wrong",
			"%s", dns ? "A broken application or forwarder retrying without back-off "
			"also sends queries at a high rate; such traffic repeats the same few names."
			: "A ping monitor or test tool with a zero interval also floods a host.");
		nt_finding_step(f, "Identify the sources (%s) and rate-limit or block them at the "
			"edge.", clients);
		if (dns)
			nt_finding_step(f, "Enable response-rate limiting / dnsdist dynamic blocks "
				"(setQueryRate) on %s.", f->server);
		nt_finding_step(f, "Confirm with the target's own counters (packets/s, drops) and "
			"with flow data upstream.");
		if (dns)
			link_failures(fs, e, f, rt->peak, srcs, rt->base_at_peak);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	if (strcmp(f->kind, "dns.flood") == 0)
		nt_fmt(dst, n, "DNS query flood toward %s", f->server);
	else
		nt_fmt(dst, n, "ICMP echo flood toward %s", f->server);
}

static const struct nt_kind kinds[] = {
	{"dns.flood", title},
	{"icmp.flood", title},
};

static const struct nt_table_desc tables[] = {
	{"flood_targets", sizeof(struct target), "cap.flood_targets", NT_LAYOUT_SLOTS,
	 offsetof(struct flood, tab)},
};

const struct nt_detector nt_det_flood = {
	.name = "flood",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct flood),
	.init = init,
	.on_packet = on_packet,
	.finish = finish,
};
