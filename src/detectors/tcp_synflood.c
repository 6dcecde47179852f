/* \summary: tcp.syn_flood: SYNs toward one service (address and port) at
 * a per-second rate far above its baseline while almost none of the
 * handshakes complete, often from many (spoofed) sources.  A service is
 * tracked once its host receives a quarter of the SYN floor in a second;
 * the host's earlier SYNs of that second are then counted for it. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_synflood;

static struct nt_param params[] = {
	{"tcp.syn_flood.min_sps", 128, "SYNs/s",
	 "SYNs per second toward one service below which no second counts as a flood "
	 "(flood.min_seconds and flood.baseline_window apply too)",
	 "Linux net.ipv4.tcp_max_syn_backlog minimum default 128 (ip-sysctl.rst): more new "
	 "half-open connections per second than a small backlog holds"},
	{"tcp.syn_flood.factor", 10, "ratio",
	 "a flood second also needs this many times the service's baseline SYN rate",
	 "same 10x as dns.flood.factor (CESNET NEMEA factor, reference)"},
	{"tcp.syn_flood.max_completed_ratio", 0.1, "ratio",
	 "at most this many client ACKs per SYN (completed handshakes) toward the service",
	 "nettriage choice: Zeek conn_state S0/REJ (no completed handshake) for nine SYNs in ten"},
	{"cap.syn_targets", 1024, "entries",
	 "services tracked (least recently used evicted, counted)",
	 "nettriage choice"},
};

#define P(i) (params[i].value)

enum { SNAPS = 2 };

struct svc {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint16_t port;
	uint64_t synacks, followups, established;
	struct nt_flood_acc acc;
};

enum { SVC_FILTER = 8192 };

/* per run */
struct synflood {
	struct nt_ktab tab;       /* struct svc by server address and port */
	/* services ever tracked (bit per address and port; not cleared on eviction) */
	uint64_t svcs[SVC_FILTER / 64];
	struct nt_rate_cfg cfg;
	double min_seconds;       /* flood.min_seconds of the flood detector */
};

static int init(void *state)
{
	struct synflood *sf = state;
	/* the flood family sets the baseline and the minimum duration of floods */
	double w = nt_det_param("flood.baseline_window");
	sf->min_seconds = nt_det_param("flood.min_seconds");
	sf->cfg = (struct nt_rate_cfg){P(0), P(1), w > 1 ? 1.0 / w : 1.0};
	return 0;
}

static int tracked(struct synflood *sf, const struct nt_addr *a, uint16_t port)
{
	uint32_t b = nt_addr_bit(a, port, SVC_FILTER);
	return (int)(sf->svcs[b >> 6] >> (b & 63) & 1);
}

static size_t svc_key(uint8_t *key, const struct nt_addr *a, uint16_t port)
{
	uint8_t p[2] = {(uint8_t)(port >> 8), (uint8_t)port};
	return nt_ktab_key_addr(key, a, p, 2);
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	struct synflood *sf = state;
	if (ev->type != NT_EV_TCP_HS || ev->hs->state != NT_HS_ESTABLISHED)
		return;
	uint8_t key[NT_KTAB_KEY];
	size_t kl = svc_key(key, &ev->hs->server, ev->hs->sport);
	struct svc *s = nt_ktab_find(&sf->tab, key, kl);
	if (s)
		s->established++;
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct synflood *sf = state;
	if (pkt->flow.proto != 6 || pkt->fragment)
		return;
	uint8_t key[NT_KTAB_KEY];
	if (!(pkt->tcp_flags & NT_TH_SYN)) {
		/* a client's ACK to a tracked service: a handshake that went on */
		if ((pkt->tcp_flags & (NT_TH_ACK | NT_TH_RST)) != NT_TH_ACK ||
		    !tracked(sf, &pkt->flow.dst, pkt->flow.dport))
			return;
		struct svc *s = nt_ktab_find(&sf->tab, key, svc_key(key, &pkt->flow.dst,
								     pkt->flow.dport));
		if (s)
			s->followups++;
		return;
	}
	if (pkt->tcp_flags & NT_TH_ACK) {
		if (!tracked(sf, &pkt->flow.src, pkt->flow.sport))
			return;
		size_t kl = svc_key(key, &pkt->flow.src, pkt->flow.sport);
		struct svc *s = nt_ktab_find(&sf->tab, key, kl);
		if (s)
			s->synacks++;
		return;
	}
	int64_t t = nt_pkt_time(pkt);
	size_t kl = svc_key(key, &pkt->flow.dst, pkt->flow.dport);
	/* a service is tracked once its host receives a quarter of the floor
	 * in one second (the engine's per-host counter): no table churn for
	 * the many services of ordinary traffic */
	const struct nt_host *hh = nt_engine_host(e, &pkt->flow.dst);
	struct svc *s = hh && hh->cur_sec_pkts * 4 >= sf->cfg.floor ? nt_ktab_get(&sf->tab, key, kl, t)
								   : nt_ktab_find(&sf->tab, key, kl);
	if (s == NULL)
		return;
	if (s->acc.rate.total == 0) {
		uint32_t b = nt_addr_bit(&pkt->flow.dst, pkt->flow.dport, SVC_FILTER);
		sf->svcs[b >> 6] |= 1ull << (b & 63);
		s->addr = pkt->flow.dst;
		s->port = pkt->flow.dport;
		/* the SYNs the host received earlier in this second, before the
		 * service was tracked (all its ports: at most a quarter of the
		 * floor), so that the first flood second is counted whole */
		if (hh && hh->cur_sec == pkt->ts_sec && hh->cur_sec_syns > 1)
			nt_rate_add(&s->acc.rate, &sf->cfg, pkt->ts_sec, hh->cur_sec_syns - 1);
	}
	nt_flood_count(&s->acc, &sf->cfg, pkt, raw, SNAPS);
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct synflood *sf = state;
	for (uint32_t i = 0; i < sf->tab.nslot; i++) {
		struct svc *s = nt_ktab_at(&sf->tab, i);
		if (s == NULL)
			continue;
		nt_rate_close(&s->acc.rate, &sf->cfg);
		const struct nt_rate *rt = &s->acc.rate;
		/* completed: the client acknowledged (every legitimate connection sends
		 * at least one ACK after its SYN; spoofed sources never do) */
		double done = rt->total ? (double)s->followups / (double)rt->total : 0;
		if (done > 1)
			done = 1;
		if (rt->flood_secs < sf->min_seconds || done > P(2))
			continue;
		struct nt_finding *f = nt_det_finding(fs, &nt_det_synflood, "tcp.syn_flood", &s->addr, s->port,
						      "tcp", "TCP");
		if (f == NULL)
			continue;
		double mean;
		double srcs = nt_flood_to_finding(&s->acc, f, &mean);
		nt_figure(f, "flood_seconds", rt->flood_secs);
		nt_figure(f, "syns", (double)rt->total);
		nt_figure(f, "syn_acks", (double)s->synacks);
		nt_figure(f, "completed_ratio", done);
		nt_figure(f, "distinct_sources", srcs);
		nt_rate_to_finding(rt, f, "tcp_syns");
		const char *svc = nt_service_name(s->port);
		char t1[48], t2[48];
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		nt_fmt(f->summary, sizeof(f->summary),
			 "SYN flood toward %s port %u%s%s%s: up to %u SYNs/s (mean %.0f/s over %u "
			 "seconds) from %.0f source%s, %.1f%% of the handshakes completed, between %s "
			 "and %s.", f->server, s->port, svc ? " (" : "", svc ? svc : "", svc ? ")" : "",
			 rt->peak, mean, rt->flood_secs, srcs, srcs == 1 ? "" : "s", done * 100, t1, t2);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "SYNs were counted per second and service. %u seconds reached both "
			 "tcp.syn_flood.min_sps = %.0f and %.0f x the baseline (%.1f/s); %llu SYNs in "
			 "all, the server sent %llu SYN-ACKs, %llu were answered and the clients "
			 "sent %llu ACKs (completed ratio %.2f, max %.2f). About %.0f distinct source addresses: %s",
			 rt->flood_secs, P(0), P(1), rt->base_at_peak, (unsigned long long)rt->total,
			 (unsigned long long)s->synacks, (unsigned long long)s->established,
			 (unsigned long long)s->followups, done, P(2), srcs,
			 srcs > 100 ? "so many one-off sources are typically forged (spoofed)."
				    : "a few sources send all of them.");
		nt_fmt(f->impact, sizeof(f->impact),
			 "Half-open connections fill the listen backlog of %s port %u; legitimate "
			 "clients' connections time out.", f->server, s->port);
		nt_finding_cause(f, srcs > 100 ? "SYN flood with spoofed source addresses"
					       : "SYN flood from a few hosts",
			"%.0f sources, %.1f%% of handshakes completed: the senders never finish the "
			"handshake, as attack tools do.", srcs, done * 100);
		nt_finding_cause(f, "Service overloaded or not answering",
			"A service that stopped answering also leaves SYNs unanswered, but clients "
			"then retry at a few per second, not hundreds.");
		nt_finding_step(f, "Enable SYN cookies (net.ipv4.tcp_syncookies=1) and raise the "
			"backlog on %s.", f->server);
		nt_finding_step(f, "Ask the upstream provider for filtering / scrubbing of SYNs "
			"toward %s port %u.", f->server, s->port);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, "SYN flood toward %s port %d", f->server, f->port);
}

static const struct nt_kind kinds[] = {{"tcp.syn_flood", title}};

static const struct nt_table_desc tables[] = {
	{"syn_targets", sizeof(struct svc), "cap.syn_targets", NT_LAYOUT_SLOTS,
	 offsetof(struct synflood, tab)},
};

const struct nt_detector nt_det_synflood = {
	.name = "tcp.syn_flood",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct synflood),
	.init = init,
	.on_event = on_event,
	.on_packet = on_packet,
	.finish = finish,
};
