/* \summary: dns.random_subdomain ("water torture", pseudo-random
 * subdomain attack): per registered domain, the peak query rate, distinct
 * child names and clients, and the share of queries not answered
 * NOERROR, following the PowerDNS dnsdist PRSD template: many distinct
 * names, each asked about once, mostly failing, from several clients. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_prsd;

static struct nt_param params[] = {
	{"dns.prsd.min_qps", 100, "queries/s",
	 "peak queries per second for names under one domain",
	 "PowerDNS dnsdist PRSD sample configuration: >= 100 qps (reference)"},
	{"dns.prsd.min_distinct", 50, "count",
	 "distinct names under the domain",
	 "PowerDNS dnsdist PRSD sample configuration: >= 50 distinct child names (reference)"},
	{"dns.prsd.min_fail_ratio", 0.8, "ratio",
	 "share of the queries not answered NOERROR (NXDOMAIN, SERVFAIL, no answer)",
	 "PowerDNS dnsdist PRSD sample configuration: failure ratio >= 0.8 (reference)"},
	{"dns.prsd.max_per_name", 2, "queries",
	 "mean queries per distinct name at most (random names are asked once)",
	 "PowerDNS dnsdist PRSD sample configuration: <= 2 queries per child (reference)"},
	{"dns.prsd.min_clients", 3, "count",
	 "distinct clients asking (one client alone is reported as an NXDOMAIN surge)",
	 "nettriage choice: water torture arrives through many resolvers or bots"},
	{"cap.dns_prsd_domains", 1024, "entries",
	 "registered domains tracked (least recently used evicted, counted)",
	 "nettriage choice: 1024 x ~1.4 KiB"},
};

#define P(i) (params[i].value)

enum { CHILD_BITS = 1024, CLIENT_BITS = 256, SAMPLE = 4, SAMPLE_LEN = 80, CLI = 8 };

struct dom {
	struct nt_ktab_hdr h;
	char base[80];
	struct nt_addr server;
	uint8_t proto;
	struct nt_rate rate;
	uint64_t queries, ok, nx, sf;
	int64_t first, last;
	uint64_t child_bits[CHILD_BITS / 64];
	uint64_t client_bits[CLIENT_BITS / 64];
	uint32_t n_cli;
	struct nt_addr cli[CLI];
	uint32_t n_sample;
	char sample[SAMPLE][SAMPLE_LEN];
	uint8_t have_snap;
	struct nt_snap snap;
};


/* per run */
struct prsd {
	struct nt_ktab tab;       /* struct dom by registered domain */
	struct nt_rate_cfg cfg;
};

static int init(void *state)
{
	struct prsd *s = state;
	nt_psl_init();
	s->cfg = (struct nt_rate_cfg){P(0), 0, 0};
	return 0;
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct prsd *s = state;
	const struct nt_dns *d = &pkt->dns;
	if (!d->present || !d->has_question || d->is_mdns || d->is_llmnr || d->qtype == 12)
		return;
	const char *base = nt_pkt_base_domain(pkt);
	size_t sub = (size_t)(base - d->qname);
	if (sub < 2)
		return;
	size_t bl = strlen(base);
	if (bl > NT_KTAB_KEY)
		bl = NT_KTAB_KEY;
	int64_t t = nt_pkt_time(pkt);
	if (d->qr) {
		struct dom *x = nt_ktab_find(&s->tab, base, bl);
		if (x) {
			if (d->rcode == 0)
				x->ok++;
			else if (d->rcode == 3)
				x->nx++;
			else if (d->rcode == 2)
				x->sf++;
		}
		return;
	}
	struct dom *x = nt_ktab_get(&s->tab, base, bl, t);
	if (x == NULL)
		return;
	if (x->queries == 0) {
		nt_fmt(x->base, sizeof(x->base), "%s", base);
		x->first = t;
	}
	x->queries++;
	x->last = t;
	x->server = pkt->flow.dst;
	x->proto = pkt->flow.proto;
	nt_rate_add(&x->rate, &s->cfg, pkt->ts_sec, 1);
	nt_distinct_add(x->child_bits, CHILD_BITS, nt_hash_bytes(NT_FNV_SEED, d->qname, sub));
	nt_distinct_add(x->client_bits, CLIENT_BITS, nt_hash_addr(NT_FNV_SEED, &pkt->flow.src));
	nt_addr_sample(x->cli, &x->n_cli, CLI, &pkt->flow.src);
	if (x->rate.cur == (uint32_t)P(0)) {
		if (x->n_sample < SAMPLE)
			nt_fmt(x->sample[x->n_sample++], SAMPLE_LEN, "%s", d->qname);
		if (!x->have_snap) {
			nt_snap_fill(&x->snap, pkt, raw);
			x->have_snap = 1;
		}
	}
}

/* The DNS failure findings that are this attack's side effects (same
 * server, every name under the attacked domain) are part of it: their
 * evidence kept, their kinds counted in the figure folded_findings. */
static void fold_effects(struct nt_findings *fs, struct nt_finding *atk)
{
	static const char *const kinds[] = {"dns.nxdomain_surge", "dns.server_failure",
					    "dns.no_response", "dns.name_error"};
	const char *base = atk->names[0];
	size_t bl = strlen(base);
	uint32_t folded = 0;
	for (uint32_t j = 0; j < fs->n_findings;) {
		struct nt_finding *g = &fs->findings[j];
		int kind = 0;
		for (size_t k = 0; k < NT_NELEM(kinds); k++)
			kind |= strcmp(g->kind, kinds[k]) == 0;
		int under = kind && g->n_names && strcmp(g->server, atk->server) == 0;
		for (uint32_t k = 0; under && k < g->n_names; k++) {
			size_t n = strlen(g->names[k]);
			under = n > bl && nt_name_sep(g->names[k], n - bl - 1) &&
				strcasecmp(g->names[k] + n - bl, base) == 0;
		}
		if (!under) {
			j++;
			continue;
		}
		nt_finding_copy_evidence(atk, g);
		folded++;
		int before = atk < g;
		nt_findings_remove(fs, g);
		if (!before)
			atk--;
	}
	if (folded) {
		nt_figure(atk, "folded_findings", folded);
		size_t len = strlen(atk->analysis);
		nt_fmt(atk->analysis + len, sizeof(atk->analysis) - len,
		       " The resolver's own failures for these names (NXDOMAIN, SERVFAIL, no answer) "
		       "are this attack's effects and are counted here, not as %u separate "
		       "finding%s.", folded, folded == 1 ? "" : "s");
	}
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct prsd *s = state;
	for (uint32_t i = 0; i < s->tab.nslot; i++) {
		struct dom *x = nt_ktab_at(&s->tab, i);
		if (x == NULL || x->queries == 0)
			continue;
		nt_rate_close(&x->rate, &s->cfg);
		double kids = nt_distinct_est(x->child_bits, CHILD_BITS);
		if (kids > (double)x->queries)
			kids = (double)x->queries;
		double clients = nt_distinct_est(x->client_bits, CLIENT_BITS);
		if (clients < x->n_cli)
			clients = x->n_cli;
		double fail = x->ok >= x->queries ? 0 : 1 - (double)x->ok / (double)x->queries;
		double per = kids > 0 ? (double)x->queries / kids : 0;
		if (x->rate.peak < P(0) || kids < P(1) || fail < P(2) || per > P(3) ||
		    clients < P(4))
			continue;
		struct nt_finding *f = nt_det_finding(fs, &nt_det_prsd, "dns.random_subdomain", &x->server, 53,
						      x->proto == 6 ? "tcp" : "udp", "DNS");
		if (f == NULL)
			continue;
		f->severity = NT_SEV_HIGH;
		f->count += x->queries;
		if (f->first_seen == 0 || x->first < f->first_seen)
			f->first_seen = x->first;
		if (x->last > f->last_seen)
			f->last_seen = x->last;
		char c[64];
		for (uint32_t k = 0; k < x->n_cli; k++)
			nt_finding_add_client(f, nt_addr_str(&x->cli[k], c, sizeof(c)));
		if (clients > f->n_clients) {
			f->clients_more = (uint32_t)(clients - f->n_clients);
			f->clients_more_est = 1; /* from its bits */
		}
		nt_finding_add_name(f, x->base);
		if (x->have_snap)
			nt_finding_evidence(f, &x->snap);
		nt_figure(f, "peak_qps", x->rate.peak);
		nt_figure(f, "distinct_names", kids);
		nt_figure(f, "distinct_clients", clients);
		nt_figure(f, "failure_ratio", fail);
		nt_figure(f, "queries_per_name", per);
		nt_figure(f, "nxdomain", (double)x->nx);
		nt_figure(f, "servfail", (double)x->sf);
		nt_figure(f, "unanswered", (double)(x->queries > x->ok + x->nx + x->sf
						    ? x->queries - x->ok - x->nx - x->sf : 0));
		nt_rate_to_finding(&x->rate, f, "dns_queries");
		if (f->n_causes)
			continue;
		char samples[360] = "", t1[48], t2[48];
		for (uint32_t k = 0; k < x->n_sample; k++)
			nt_fmt(samples + strlen(samples), sizeof(samples) - strlen(samples), "%s%s",
				 k ? ", " : "", x->sample[k]);
		nt_fmt_time_s(t1, sizeof(t1), x->first, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), x->last, e->no_date);
		nt_fmt(f->summary, sizeof(f->summary),
			 "Random-subdomain (water torture) attack on %s: %llu queries for %.0f "
			 "distinct random names from %.0f clients via %s, up to %u queries/s, %.0f%% "
			 "not answered NOERROR, between %s and %s.", x->base,
			 (unsigned long long)x->queries, kids, clients, f->server, x->rate.peak,
			 fail * 100, t1, t2);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "Queries were grouped by registered domain (%s). Under %s the peak rate was "
			 "%u/s (dns.prsd.min_qps = %.0f), %.0f distinct names (min %.0f) were asked "
			 "%.1f times each on average (max %.0f), by %.0f clients (min %.0f); %llu "
			 "NXDOMAIN, %llu SERVFAIL, %llu NOERROR answers: failure ratio %.2f (min "
			 "%.2f). This is the PowerDNS dnsdist PRSD template. Samples: %s.",
			 nt_psl_source(), x->base, x->rate.peak, P(0), kids, P(1), per, P(3), clients,
			 P(4), (unsigned long long)x->nx, (unsigned long long)x->sf,
			 (unsigned long long)x->ok, fail, P(2), samples);
		nt_fmt(f->impact, sizeof(f->impact),
			 "Every random name misses the caches, so each query reaches the "
			 "authoritative servers of %s: they (and the resolver %s, whose outstanding "
			 "fetches pile up) overload and legitimate lookups fail.", x->base, f->server);
		nt_finding_cause(f, "DNS water-torture DDoS against the domain's authoritative servers",
			"Random labels defeat caching; the clients are bots or open resolvers "
			"relaying the attack.");
		nt_finding_cause(f, "Misbehaving software generating unique names",
			"Some telemetry or anti-virus tools ask unique names under their own "
			"domain; they are normally answered NOERROR, unlike here.");
		nt_finding_step(f, "Rate-limit queries for *.%s on the resolver (dnsdist "
			"PRSD rule, BIND fetches-per-zone) and alert the domain's operator.", x->base);
		nt_finding_step(f, "Identify the clients sending the random names and check them "
			"for malware or open-resolver abuse.");
	}
	for (uint32_t i = 0; i < fs->n_findings; i++)
		if (fs->findings[i].owner == &nt_det_prsd && fs->findings[i].n_names)
			fold_effects(fs, &fs->findings[i]);
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, "Random-subdomain (water torture) attack on %s via %s",
	       f->n_names ? f->names[0] : "?", f->server);
}

static const struct nt_kind kinds[] = {{"dns.random_subdomain", title}};

static const struct nt_table_desc tables[] = {
	{"dns_prsd_domains", sizeof(struct dom), "cap.dns_prsd_domains", NT_LAYOUT_SLOTS,
	 offsetof(struct prsd, tab)},
};

const struct nt_detector nt_det_prsd = {
	.name = "dns.random_subdomain",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct prsd),
	.init = init,
	.on_packet = on_packet,
	.finish = finish,
};
