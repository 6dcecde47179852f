/* \summary: dns.tunneling: data carried in DNS names and answers.  Per
 * client and registered domain (Public Suffix List) it counts queries,
 * distinct names, the bytes of the names below the registered domain and
 * of the answers, TXT/NULL/CNAME questions and the queries whose names
 * look encoded (long, high-entropy labels); many distinct encoded names
 * carrying enough bytes under one domain make the finding.  A pair is
 * opened by its first encoded-looking query; ordinary names only count
 * toward pairs already open. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_tunnel;

static struct nt_param params[] = {
	{"dns.tunnel.min_unique", 8, "count",
	 "distinct names under one registered domain from one client before tunnelling is "
	 "considered",
	 "jbaggs/anomalous-dns: > 8 unique names per registered domain per 60 min (reference)"},
	{"dns.tunnel.min_label_len", 20, "chars",
	 "a name is encoded-looking when its longest label below the registered domain has at "
	 "least this many characters (and the entropy below)",
	 "dnsink default: labels >= 20 characters (reference)"},
	{"dns.tunnel.min_entropy", 3.5, "bits/char",
	 "Shannon entropy of the name below the registered domain for an encoded-looking name",
	 "dnsink default: entropy > 3.5 bits/char (reference)"},
	{"dns.tunnel.long_name", 52, "chars",
	 "a whole name longer than this with the entropy above is encoded-looking too",
	 "community Zeek scripts flag |query| > 52 (reference)"},
	{"dns.tunnel.min_bytes", 1024, "bytes",
	 "name bytes below the registered domain sent by one client before the finding",
	 "nettriage choice: 1 KiB carried; iodine and dnscat2 move that in seconds"},
	{"dns.tunnel.min_ratio", 0.5, "ratio",
	 "share of the client's queries to the domain that look encoded (NULL / type 65399 "
	 "questions count as encoded)",
	 "nettriage choice; NULL and 65399 from anomalous-dns' qtype blacklist (reference)"},
	{"cap.dns_tunnel_pairs", 2048, "entries",
	 "client/domain pairs tracked (least recently used evicted, counted)",
	 "nettriage choice: 2048 x ~1 KiB"},
};

#define P(i) (params[i].value)

enum { NAME_BITS = 512, BASE_MAX = 80, SAMPLE = 3, SAMPLE_LEN = 100 };
/* distinct names per pair counted exactly (32-bit hashes kept); beyond,
 * linear counting over NAME_BITS estimates them */
enum { NT_TUNNEL_EXACT = 64 };

struct pair {
	struct nt_ktab_hdr h;
	struct nt_addr client, server;
	char base[BASE_MAX];
	uint32_t queries, encoded, txtlike, nulls, responses;
	uint64_t name_bytes, answer_bytes;
	double ent_sum;
	uint32_t max_label;
	int64_t first, last;
	uint64_t name_bits[NAME_BITS / 64];
	uint32_t n_hash;          /* distinct names counted exactly: their hashes */
	uint32_t hash[NT_TUNNEL_EXACT];
	uint32_t n_sample;
	char sample[SAMPLE][SAMPLE_LEN];
	uint8_t have_snap, proto;
	struct nt_snap snap;
};

enum { CLIENT_FILTER = 4096 };

static uint32_t client_bit(const struct nt_addr *a)
{
	return nt_addr_bit(a, 0, CLIENT_FILTER);
}

/* per run */
struct tunnel {
	struct nt_ktab tab;    /* struct pair by client and registered domain */
	/* clients with an open pair (bit per address hash; not cleared on eviction) */
	uint64_t clients[CLIENT_FILTER / 64];
};

static int init(void *state)
{
	(void)state;
	nt_psl_init();
	return 0;
}

static struct pair *find(struct tunnel *s, const struct nt_addr *client, const char *base,
			 int64_t t, int create)
{
	uint8_t key[NT_KTAB_KEY];
	size_t kl = nt_ktab_key_addr(key, client, base, strlen(base));
	if (!create)
		return nt_ktab_find(&s->tab, key, kl);
	struct pair *p = nt_ktab_get(&s->tab, key, kl, t);
	if (p && p->queries == 0 && p->responses == 0) {
		p->client = *client;
		nt_fmt(p->base, sizeof(p->base), "%s", base);
		p->first = t;
	}
	return p;
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct tunnel *s = state;
	const struct nt_dns *d = &pkt->dns;
	if (!d->present || !d->has_question || d->is_mdns || d->is_llmnr || d->qtype == 12)
		return;
	/* cheap gate before the registered domain: an encoded-looking name
	 * has a long label or is long; other names only matter for clients
	 * that already have an open pair */
	const struct nt_addr *cl = d->qr ? &pkt->flow.dst : &pkt->flow.src;
	uint32_t cb = client_bit(cl);
	int known = (s->clients[cb >> 6] >> (cb & 63)) & 1;
	if (!known) {
		if (d->qr)
			return;
		if (!(d->qtype == 10 || d->qtype == 65399 || (double)strlen(d->qname) > P(3))) {
			size_t best = 0; /* the longest label, separator to separator */
			for (const char *q = d->qname;;) {
				size_t l = nt_label_len(q);
				if (l > best)
					best = l;
				if (q[l] == '\0')
					break;
				q += l + 1;
			}
			if ((double)best < P(1))
				return;
		}
	}
	const char *base = nt_pkt_base_domain(pkt);
	size_t sub = (size_t)(base - d->qname);
	if (sub < 2)
		return; /* nothing below the registered domain */
	sub--; /* the dot */
	int64_t t = nt_pkt_time(pkt);
	if (d->qr) {
		struct pair *p = find(s, &pkt->flow.dst, base, t, 0);
		if (p) {
			p->responses++;
			p->answer_bytes += d->msg_len;
		}
		return;
	}
	/* score the name first: only encoded-looking names open a pair, the
	 * others just count toward an open one (no table churn on normal
	 * traffic) */
	int null = d->qtype == 10 || d->qtype == 65399;
	/* longest label below the registered domain, in the name's bytes: an
	 * escape (\. \\ \DDD, names.h) is one, a '.' separates only unescaped */
	uint32_t lab = 0, best = 0;
	for (size_t i = 0; i < sub; i++) {
		if (d->qname[i] == '.') {
			lab = 0;
			continue;
		}
		if (d->qname[i] == '\\' && i + 1 < sub)
			i += d->qname[i + 1] >= '0' && d->qname[i + 1] <= '9' ? 3 : 1;
		if (++lab > best)
			best = lab;
	}
	int enc = null;
	double h = 0;
	if (best >= P(1) || (double)strlen(d->qname) > P(3)) {
		char flat[NT_DNS_NAME_MAX];
		size_t n = 0;
		for (size_t i = 0; i < sub && n < sizeof(flat); i++)
			if (!nt_name_sep(d->qname, i))
				flat[n++] = d->qname[i];
		h = nt_entropy(flat, n);
		if (h >= P(2))
			enc = 1;
	}
	struct pair *p = find(s, &pkt->flow.src, base, t, enc);
	if (p == NULL)
		return;
	s->clients[cb >> 6] |= 1ull << (cb & 63);
	p->queries++;
	p->last = t;
	p->server = pkt->flow.dst;
	p->proto = pkt->flow.proto;
	p->name_bytes += sub;
	uint32_t nh = nt_hash_bytes(NT_FNV_SEED, d->qname, sub);
	nt_distinct_add(p->name_bits, NAME_BITS, nh);
	if (p->n_hash < NT_TUNNEL_EXACT) {
		uint32_t k = 0;
		while (k < p->n_hash && p->hash[k] != nh)
			k++;
		if (k == p->n_hash)
			p->hash[p->n_hash++] = nh;
	}
	if (null)
		p->nulls++;
	if (null || d->qtype == 16 || d->qtype == 5)
		p->txtlike++;
	if (best > p->max_label)
		p->max_label = best;
	if (enc) {
		p->encoded++;
		p->ent_sum += h;
		int seen = 0;
		for (uint32_t k = 0; k < p->n_sample; k++)
			seen |= strncmp(p->sample[k], d->qname, SAMPLE_LEN - 1) == 0;
		if (p->n_sample < SAMPLE && !seen)
			nt_fmt(p->sample[p->n_sample++], SAMPLE_LEN, "%s", d->qname);
		if (!p->have_snap) {
			nt_snap_fill(&p->snap, pkt, raw);
			p->have_snap = 1;
		}
	}
}

/* aux[] of a finding: the totals of its client/domain pairs */
enum {
	T_QUERIES, T_DISTINCT, T_ESTIMATED, T_NAME_BYTES, T_ANSWER_BYTES, T_ENCODED, T_ENT_MILLI,
	T_TXTLIKE, T_NULLS, T_MAXLABEL, T_PAIRS, T_TOP,
};

/* Distinct names of a pair: exact while it kept every hash, else the
 * linear-counting estimate (*estimated set). */
static double distinct_of(const struct pair *p, int *estimated)
{
	if (p->n_hash < NT_TUNNEL_EXACT) {
		*estimated = 0;
		return p->n_hash;
	}
	double uniq = nt_distinct_est(p->name_bits, NAME_BITS);
	if (uniq < NT_TUNNEL_EXACT)
		uniq = NT_TUNNEL_EXACT;
	if (uniq > p->queries)
		uniq = p->queries;
	*estimated = 1;
	return uniq;
}

static void add_pair(struct nt_findings *fs, const struct pair *p, double uniq, int est)
{
	struct nt_finding *f = nt_det_finding(fs, &nt_det_tunnel, "dns.tunneling", &p->server, 53,
					      p->proto == 6 ? "tcp" : "udp", "DNS");
	if (f == NULL)
		return;
	char c[64];
	nt_addr_str(&p->client, c, sizeof(c));
	/* several client/domain pairs through one resolver share its finding */
	f->severity = NT_SEV_HIGH;
	f->count += p->queries;
	if (f->first_seen == 0 || p->first < f->first_seen)
		f->first_seen = p->first;
	if (p->last > f->last_seen)
		f->last_seen = p->last;
	nt_finding_add_client(f, c);
	nt_finding_add_name(f, p->base);
	if (p->have_snap)
		nt_finding_evidence(f, &p->snap);
	f->aux[T_QUERIES] += p->queries;
	f->aux[T_DISTINCT] += (uint64_t)uniq;
	f->aux[T_ESTIMATED] |= (uint64_t)est;
	f->aux[T_NAME_BYTES] += p->name_bytes;
	f->aux[T_ANSWER_BYTES] += p->answer_bytes;
	f->aux[T_ENCODED] += p->encoded;
	f->aux[T_ENT_MILLI] += (uint64_t)(p->ent_sum * 1000);
	f->aux[T_TXTLIKE] += p->txtlike;
	f->aux[T_NULLS] += p->nulls;
	if (p->max_label > f->aux[T_MAXLABEL])
		f->aux[T_MAXLABEL] = p->max_label;
	if (f->aux[T_PAIRS]++ == 0 || p->queries > f->aux[T_TOP]) {
		/* the busiest pair gives the samples */
		f->aux[T_TOP] = p->queries;
		f->note[0][0] = '\0';
		size_t len = 0;
		char *dst = f->analysis; /* scratch until the text is written */
		dst[0] = '\0';
		for (uint32_t k = 0; k < p->n_sample; k++)
			len += (size_t)nt_fmt(dst + len, sizeof(f->analysis) - len, "%s%s",
					      k ? ", " : "", p->sample[k]);
	}
}

static void write_finding(const struct nt_engine *e, struct nt_finding *f)
{
	char samples[400], t1[48], t2[48], clients[300], domains[300];
	nt_fmt(samples, sizeof(samples), "%s", f->analysis);
	nt_join_clients(f, clients, sizeof(clients));
	nt_join_names(f, domains, sizeof(domains));
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	uint64_t q = f->aux[T_QUERIES], nd = f->n_names + f->names_more;
	double ratio = q ? (double)f->aux[T_ENCODED] / (double)q : 0;
	double ent = f->aux[T_ENCODED] ? (double)f->aux[T_ENT_MILLI] / 1000.0 / (double)f->aux[T_ENCODED]
				       : 0;
	double secs = (double)(f->last_seen - f->first_seen) / 1e9;
	const char *about = f->aux[T_ESTIMATED] ? "about " : "";
	nt_fmt(f->summary, sizeof(f->summary),
	       "%s appear%s to tunnel data through DNS under %s%s: %llu queries with %s%llu "
	       "distinct names carried %llu bytes in names and got %llu bytes of answers (mean "
	       "entropy %.2f bits/char, %.0f%% encoded-looking) between %s and %s, via %s.",
	       clients, f->n_clients + f->clients_more == 1 ? "s" : "", nd > 1 ? "the domains " : "",
	       domains, (unsigned long long)q, about, (unsigned long long)f->aux[T_DISTINCT],
	       (unsigned long long)f->aux[T_NAME_BYTES], (unsigned long long)f->aux[T_ANSWER_BYTES],
	       ent, ratio * 100, t1, t2, f->server);
	nt_fmt(f->analysis, sizeof(f->analysis),
	       "Questions were grouped by client and registered domain (the base domain from the "
	       "%s, %u rules): %llu such pair%s qualified (dns.tunnel.min_unique = %.0f distinct "
	       "names each). Together they asked %s%llu distinct names in %llu queries; %llu had "
	       "a label of at least %.0f characters or a name longer than %.0f with entropy >= "
	       "%.1f bits/char, or a NULL question (%llu). %llu were TXT/NULL/CNAME questions. "
	       "The longest label had %llu characters. Distinct names are counted exactly up to "
	       "%d per pair, estimated beyond. Samples: %s.",
	       nt_psl_source(), nt_psl_rules(), (unsigned long long)f->aux[T_PAIRS],
	       f->aux[T_PAIRS] == 1 ? "" : "s", P(0), about, (unsigned long long)f->aux[T_DISTINCT],
	       (unsigned long long)q, (unsigned long long)f->aux[T_ENCODED], P(1), P(3), P(2),
	       (unsigned long long)f->aux[T_NULLS], (unsigned long long)f->aux[T_TXTLIKE],
	       (unsigned long long)f->aux[T_MAXLABEL], NT_TUNNEL_EXACT, samples);
	nt_fmt(f->impact, sizeof(f->impact),
	       "DNS tunnels bypass firewalls and proxies: data may be leaving the network "
	       "(exfiltration) or a remote party may control %s through the resolver.", clients);
	nt_finding_cause(f, "DNS tunnel or exfiltration tool (iodine, dnscat2, malware C2)",
		"Long high-entropy labels, each name asked once, under %s, is how tunnels encode "
		"data; %.0f%% of the queries look encoded.", nd > 1 ? "a few domains" : "one domain",
		ratio * 100);
	nt_finding_cause(f, "Legitimate service encoding data in names",
		"Some anti-virus, telemetry and CDN services put hashes in names; check whether "
		"%s belong%s to such a vendor before acting.", domains, nd > 1 ? "" : "s");
	nt_finding_step(f, "Find the process on %s that asks for names under %s (ss -up, sysmon, "
		"EDR) and look the domain%s up (registration, reputation).", clients, domains,
		nd > 1 ? "s" : "");
	nt_finding_step(f, "Block or sinkhole %s on the resolver %s while investigating.", domains,
		f->server);
	nt_finding_step(f, "Allow clients to resolve only through the company resolvers and "
		"alert on long/high-entropy names there.");
	nt_figure(f, "queries", (double)q);
	nt_figure(f, "domains", (double)nd);
	nt_figure(f, "distinct_names", (double)f->aux[T_DISTINCT]);
	nt_figure_text(f, "distinct_names_count", f->aux[T_ESTIMATED] ? "estimated" : "exact");
	nt_figure(f, "query_name_bytes", (double)f->aux[T_NAME_BYTES]);
	nt_figure(f, "answer_bytes", (double)f->aux[T_ANSWER_BYTES]);
	nt_figure(f, "mean_entropy_bits", ent);
	nt_figure(f, "encoded_ratio", ratio);
	nt_figure(f, "txt_null_cname_ratio", q ? (double)f->aux[T_TXTLIKE] / (double)q : 0);
	nt_figure(f, "longest_label", (double)f->aux[T_MAXLABEL]);
	nt_figure(f, "bytes_per_s", secs > 0 ? (double)(f->aux[T_NAME_BYTES] +
							 f->aux[T_ANSWER_BYTES]) / secs : 0);
	nt_figure_text(f, "base_domain_source",
		       nt_psl_is_full() ? "public_suffix_list" : "builtin_list");
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct tunnel *s = state;
	for (uint32_t i = 0; i < s->tab.nslot; i++) {
		struct pair *p = nt_ktab_at(&s->tab, i);
		if (p == NULL || p->queries == 0)
			continue;
		int est;
		double uniq = distinct_of(p, &est);
		double ratio = (double)p->encoded / p->queries;
		if (uniq < P(0) || (double)p->name_bytes < P(4) || ratio < P(5))
			continue;
		add_pair(fs, p, uniq, est);
	}
	for (uint32_t i = 0; i < fs->n_findings; i++)
		if (fs->findings[i].owner == &nt_det_tunnel)
			write_finding(e, &fs->findings[i]);
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, "DNS tunnelling through %s (%s)", f->server, f->n_names ? f->names[0] : "?");
}

static const struct nt_kind kinds[] = {{"dns.tunneling", title}};

static const struct nt_table_desc tables[] = {
	{"dns_tunnel_pairs", sizeof(struct pair), "cap.dns_tunnel_pairs", NT_LAYOUT_SLOTS,
	 offsetof(struct tunnel, tab)},
};

const struct nt_detector nt_det_tunnel = {
	.name = "dns.tunneling",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct tunnel),
	.init = init,
	.on_packet = on_packet,
	.finish = finish,
};
