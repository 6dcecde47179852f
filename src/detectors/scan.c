/* \summary: tcp.port_scan (one source, failed connection attempts to many
 * ports of one host) and net.host_sweep (one source, many hosts: failed
 * attempts to one port on many hosts, or ICMP echo requests to many
 * hosts), counted in sliding windows with the Zeek scan.zeek thresholds. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_scan;
/* the TCP failure family, whose probe findings a scan absorbs */
extern const struct nt_detector nt_det_tcp;

static struct nt_param params[] = {
	{"scan.port_threshold", 15, "ports",
	 "a source whose failed attempts reach more than this many ports of one host is a "
	 "port scanner",
	 "Zeek scan.zeek: port scan = more than 15 ports on one host in 5 min (reference)"},
	{"scan.addr_threshold", 25, "hosts",
	 "a source whose failed attempts to one port (or echo requests) reach more than this "
	 "many hosts sweeps the network",
	 "Zeek scan.zeek: address scan = failed attempts to more than 25 hosts on one port in "
	 "5 min (reference); applied to ICMP echo too"},
	{"scan.window", 300, "s",
	 "window of both counts",
	 "Zeek scan.zeek: 5 min (reference)"},
	{"cap.scan_sources", 2048, "entries",
	 "source/target and source/port pairs tracked (least recently used evicted, counted)",
	 "nettriage choice"},
};

#define P(i) (params[i].value)

enum { BITS = 1024, SAMPLE = 8 };
enum { K_PORTS = 'P', K_HOSTS = 'S', K_PING = 'I' };

struct pairs {
	struct nt_ktab_hdr h;
	struct nt_addr src, dst; /* dst: the host (ports), or the first host (sweeps) */
	uint16_t port;
	uint8_t kind, v6;
	int64_t t_start;
	uint64_t bits[BITS / 64];
	uint64_t attempts, refused, unanswered, icmp;
	double peak;
	int64_t peak_first, peak_last;
	uint32_t lo4, hi4;       /* range of IPv4 targets */
	uint32_t n_sample;
	uint16_t sample[SAMPLE]; /* ports */
	uint8_t have_snap;
	struct nt_snap snap;
};


/* per run */
struct scan {
	struct nt_ktab tab;        /* struct pairs by source, kind and target */
	struct nt_finding probes;  /* finish: evidence of the folded findings */
};

static uint32_t v4(const struct nt_addr *a)
{
	return (uint32_t)a->a[0] << 24 | (uint32_t)a->a[1] << 16 | (uint32_t)a->a[2] << 8 | a->a[3];
}

static struct pairs *count(struct scan *sc, int kind, const struct nt_addr *src, const struct nt_addr *dst,
			   uint16_t port, int64_t t, uint32_t item)
{
	uint8_t key[NT_KTAB_KEY], more[20];
	uint16_t kp = kind == K_HOSTS ? port : 0; /* port scans: one key per host */
	more[0] = (uint8_t)kind;
	more[1] = (uint8_t)(kp >> 8);
	more[2] = (uint8_t)kp;
	size_t n = 3;
	if (kind == K_PORTS) {
		more[3] = dst->family;
		memcpy(more + 4, dst->a, 16);
		n = 20;
	}
	size_t kl = nt_ktab_key_addr(key, src, more, n);
	struct pairs *p = nt_ktab_get(&sc->tab, key, kl, t);
	if (p == NULL)
		return NULL;
	if (p->attempts == 0) {
		p->src = *src;
		p->dst = *dst;
		p->port = port;
		p->kind = (uint8_t)kind;
		p->v6 = dst->family == 6;
		p->t_start = t;
		p->lo4 = p->hi4 = v4(dst);
	}
	if (t - p->t_start > (int64_t)(P(2) * 1e9)) {
		memset(p->bits, 0, sizeof(p->bits));
		p->t_start = t;
	}
	p->attempts++;
	if (dst->family == 4) {
		uint32_t x = v4(dst);
		if (x < p->lo4)
			p->lo4 = x;
		if (x > p->hi4)
			p->hi4 = x;
	}
	nt_distinct_add(p->bits, BITS, item);
	double est = nt_distinct_est(p->bits, BITS);
	if (est > p->peak) {
		p->peak = est;
		p->peak_first = p->t_start;
		p->peak_last = t;
	}
	if (kind == K_PORTS && p->n_sample < SAMPLE) {
		uint32_t i;
		for (i = 0; i < p->n_sample; i++)
			if (p->sample[i] == port)
				break;
		if (i == p->n_sample)
			p->sample[p->n_sample++] = port;
	}
	return p;
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	struct scan *sc = state;
	if (ev->type != NT_EV_TCP_HS || ev->hs->state == NT_HS_ESTABLISHED)
		return;
	const struct nt_tcp_hs *hs = ev->hs;
	int64_t t = hs->t_syn;
	struct pairs *p[2];
	p[0] = count(sc, K_PORTS, &hs->client, &hs->server, hs->sport, t, hs->sport * 2654435761u);
	p[1] = count(sc, K_HOSTS, &hs->client, &hs->server, hs->sport, t, nt_hash_addr(NT_FNV_SEED, &hs->server));
	for (int k = 0; k < 2; k++) {
		if (p[k] == NULL)
			continue;
		if (hs->state == NT_HS_REFUSED)
			p[k]->refused++;
		else if (hs->state == NT_HS_ICMP)
			p[k]->icmp++;
		else
			p[k]->unanswered++;
		if (!p[k]->have_snap && hs->snap.len) {
			p[k]->snap = hs->snap;
			p[k]->have_snap = 1;
		}
	}
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct scan *sc = state;
	if (!pkt->icmp.present || pkt->icmp.is_error || pkt->icmp.type != (pkt->icmp.v6 ? 128 : 8))
		return;
	struct pairs *p = count(sc, K_PING, &pkt->flow.src, &pkt->flow.dst, 0, nt_pkt_time(pkt),
				nt_hash_addr(NT_FNV_SEED, &pkt->flow.dst));
	if (p && !p->have_snap) {
		nt_snap_fill(&p->snap, pkt, raw);
		p->have_snap = 1;
	}
}

static void prefix_of(const struct pairs *p, char *dst, size_t n)
{
	if (p->v6) {
		nt_addr_str(&p->dst, dst, n);
		return;
	}
	uint32_t diff = p->lo4 ^ p->hi4;
	int len = 32;
	while (diff) {
		diff >>= 1;
		len--;
	}
	uint32_t net = len ? p->lo4 & (0xffffffffu << (32 - len)) : 0;
	nt_fmt(dst, n, "%u.%u.%u.%u/%d", net >> 24, (net >> 16) & 255, (net >> 8) & 255, net & 255,
		 len);
}

/* The tcp.connection_refused / tcp.no_response findings that are the
 * scanner's own probes (it is their only client; same host for a port
 * scan, same port for a sweep) are part of the scan finding: they are
 * removed, their evidence kept in *into. Returns how many were folded. */
static uint32_t fold_probes(struct nt_findings *fs, const char *src, const char *host, int port,
			    struct nt_finding *into)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < fs->n_findings;) {
		struct nt_finding *g = &fs->findings[i];
		if (g->owner != &nt_det_tcp || strcmp(g->kind, "tcp.reset_injected") == 0 ||
		    g->n_clients != 1 || g->clients_more ||
		    strcmp(g->clients[0], src) != 0 ||
		    (host ? strcmp(g->server, host) != 0 : g->port != port)) {
			i++;
			continue;
		}
		nt_finding_copy_evidence(into, g);
		nt_findings_remove(fs, g);
		n++;
	}
	/* the TCP family groups a client's unanswered destinations into one
	 * finding about the client: for a scanner that is the scan too */
	struct nt_finding *o = nt_findings_find(fs, "tcp.outbound_no_response", src, -1, "tcp");
	if (o && o->owner == &nt_det_tcp) {
		nt_finding_copy_evidence(into, o);
		n += (uint32_t)(o->n_names + o->names_more);
		nt_findings_remove(fs, o);
	}
	return n;
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct scan *sc = state;
	struct nt_finding *probes = &sc->probes;
	for (uint32_t i = 0; i < sc->tab.nslot; i++) {
		struct pairs *p = nt_ktab_at(&sc->tab, i);
		if (p == NULL)
			continue;
		int ports = p->kind == K_PORTS;
		if (p->peak <= P(ports ? 0 : 1))
			continue;
		char src[64], where[64], host[64];
		nt_addr_str(&p->src, src, sizeof(src));
		nt_addr_str(&p->dst, host, sizeof(host));
		if (ports)
			nt_fmt(where, sizeof(where), "%s", host);
		else
			prefix_of(p, where, sizeof(where));
		const char *kind = ports ? "tcp.port_scan" : "net.host_sweep";
		int fport = p->kind == K_PORTS || p->kind == K_PING ? -1 : p->port;
		const char *tr = p->kind == K_PING ? (p->v6 ? "icmp6" : "icmp") : "tcp";
		struct nt_finding *f = nt_findings_find(fs, kind, where, fport, tr);
		if (f && f->n_clients)
			continue; /* one scanner per finding; others are counted below */
		memset(probes, 0, sizeof(*probes));
		uint32_t folded = p->kind == K_PING ? 0
				  : fold_probes(fs, src, ports ? host : NULL, p->port, probes);
		if (ports) {
			f = nt_det_finding(fs, &nt_det_scan, kind, &p->dst, -1, "tcp", "TCP");
		} else {
			f = nt_findings_get(fs, kind, where, fport, tr);
			if (f && f->owner == NULL) {
				f->owner = &nt_det_scan;
				f->server_addr = p->dst;
				nt_fmt(f->protocol, sizeof(f->protocol), "%s",
					 p->kind == K_PING ? "ICMP" : "TCP");
			}
		}
		if (f == NULL)
			continue;
		f->severity = NT_SEV_MEDIUM;
		f->count = p->attempts;
		f->first_seen = p->peak_first;
		f->last_seen = p->peak_last;
		nt_finding_add_client(f, src);
		if (p->have_snap)
			nt_finding_evidence(f, &p->snap);
		nt_finding_copy_evidence(f, probes);
		double win = (double)(p->peak_last - p->peak_first) / 1e9;
		nt_figure(f, ports ? "distinct_ports" : "distinct_hosts", p->peak);
		nt_figure(f, "attempts", (double)p->attempts);
		nt_figure(f, "refused", (double)p->refused);
		nt_figure(f, "unanswered", (double)p->unanswered);
		nt_figure(f, "icmp_errors", (double)p->icmp);
		nt_figure(f, "seconds", win);
		nt_figure(f, ports ? "ports_per_s" : "hosts_per_s", win > 0 ? p->peak / win : p->peak);
		nt_figure(f, "findings_folded", folded);
		char t1[48], t2[48], sample[120] = "";
		nt_fmt_time_s(t1, sizeof(t1), p->peak_first, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), p->peak_last, e->no_date);
		for (uint32_t k = 0; k < p->n_sample; k++)
			nt_fmt(sample + strlen(sample), sizeof(sample) - strlen(sample), "%s%u",
				 k ? ", " : "", p->sample[k]);
		if (ports) {
			nt_fmt(f->summary, sizeof(f->summary),
				 "Port scan: %s tried %.0f ports of %s (e.g. %s) between %s and %s; "
				 "%llu attempts failed (%llu refused, %llu unanswered).", src, p->peak,
				 where, sample, t1, t2, (unsigned long long)p->attempts,
				 (unsigned long long)p->refused, (unsigned long long)p->unanswered);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "Failed TCP connection attempts (refused, unanswered, ICMP-rejected) "
				 "were counted per source and target host over scan.window = %.0f s: "
				 "%.0f distinct ports, more than scan.port_threshold = %.0f (Zeek "
				 "scan.zeek). Refused attempts show closed ports; unanswered ones a "
				 "filter.", P(2), p->peak, P(0));
			nt_fmt(f->impact, sizeof(f->impact),
				 "%s is mapping the services of %s: reconnaissance that often precedes "
				 "an attack.", src, where);
			nt_finding_cause(f, "Port scan (nmap-like reconnaissance)",
				"One source, many ports of one host, each tried once.");
			nt_finding_cause(f, "Authorised vulnerability scan or inventory tool",
				"Check whether %s is a known scanner.", src);
			nt_finding_step(f, "Identify %s and whether the scan was authorised.", src);
			nt_finding_step(f, "Check which ports of %s answered (open services) and "
				"that they are meant to be reachable.", where);
		} else {
			const char *what = p->kind == K_PING ? "ICMP echo requests (ping sweep)"
							     : "failed TCP attempts";
			nt_fmt(f->summary, sizeof(f->summary),
				 "Host sweep: %s sent %s to %.0f hosts in %s%s%s between %s and %s "
				 "(%llu attempts).", src, what, p->peak, where,
				 p->kind == K_PING ? "" : " on port ",
				 p->kind == K_PING ? "" : (nt_fmt(sample, sizeof(sample), "%u", p->port), sample),
				 t1, t2, (unsigned long long)p->attempts);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "%s were counted per source%s over scan.window = %.0f s: %.0f distinct "
				 "hosts, more than scan.addr_threshold = %.0f (Zeek scan.zeek address "
				 "scan).", p->kind == K_PING ? "Echo requests" : "Failed TCP attempts",
				 p->kind == K_PING ? "" : " and port", P(2), p->peak, P(1));
			nt_fmt(f->impact, sizeof(f->impact),
				 "%s is discovering hosts in %s: reconnaissance, or a worm looking for "
				 "victims.", src, where);
			nt_finding_cause(f, "Network sweep (ping sweep / horizontal scan)",
				"One source, one service, many hosts, each tried once.");
			nt_finding_cause(f, "Infected host spreading (worm) or inventory tool",
				"Check whether %s is a known management host.", src);
			nt_finding_step(f, "Identify %s and the process sending the probes.", src);
			nt_finding_step(f, "Block the source at the edge if the sweep was not "
				"authorised.");
		}
		size_t len = strlen(f->analysis);
		if (folded)
			nt_fmt(f->analysis + len, sizeof(f->analysis) - len,
			       " The %u connection-refused / no-response finding%s of %s's probes %s "
			       "part of this one and %s not listed separately.", folded,
			       folded == 1 ? "" : "s", src, folded == 1 ? "is" : "are",
			       folded == 1 ? "is" : "are");
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	const char *by = f->n_clients ? f->clients[0] : "?";
	if (strcmp(f->kind, "tcp.port_scan") == 0)
		nt_fmt(dst, n, "Port scan of %s by %s", f->server, by);
	else
		nt_fmt(dst, n, "Host sweep of %s by %s", f->server, by);
}

static const struct nt_kind kinds[] = {
	{"tcp.port_scan", title},
	{"net.host_sweep", title},
};

static const struct nt_table_desc tables[] = {
	{"scan_sources", sizeof(struct pairs), "cap.scan_sources", NT_LAYOUT_SLOTS,
	 offsetof(struct scan, tab)},
};

const struct nt_detector nt_det_scan = {
	.name = "scan",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct scan),
	.on_event = on_event,
	.on_packet = on_packet,
	.finish = finish,
};
