/* \summary: DNS error responses: dns.server_failure (SERVFAIL / REFUSED
 * answers, merged per server) and dns.nxdomain_surge (many NXDOMAIN
 * answers to one client within a window, counted in a bounded per-client
 * table with least-recently-used eviction), DGA-aware: the registered
 * label of each name is scored for entropy and consonant runs, distinct
 * names are counted, and a surge of generated-looking names is high. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"
#include "proto/dns.h"

extern const struct nt_detector nt_det_dns_rcode;

static struct nt_param params[] = {
	{"dns.server_failure.min_failures", 3, "count",
	 "SERVFAIL/REFUSED answers from one server before the finding is medium (below: low)",
	 "nettriage choice: one failed lookup with its retries"},
	{"dns.server_failure.min_ratio", 0.5, "ratio",
	 "share of the server's answers that fail before the finding is medium",
	 "DNSdist setRCodeRatio(ServFail, 0.5, 2, 10) documentation example"},
	{"dns.nxdomain.threshold", 10, "count",
	 "NXDOMAIN answers to one client within dns.nxdomain.window for a surge",
	 "Zeek community DNSFail scripts: 10 NXDOMAIN per 5 min (dns-fields-and-heuristics.md)"},
	{"dns.nxdomain.window", 300, "s",
	 "window of the NXDOMAIN surge count",
	 "Zeek community DNSFail scripts: 5 min"},
	{"dns.dga.min_entropy", 3.0, "bits/char",
	 "a registered label of 8+ characters with at least this entropy and a trait of random "
	 "strings (consonant run, 2+ digits among letters, under 20% vowels) looks generated",
	 "Zeek community DNSFail scripts use 3.5 on whole names >= 8 chars (reference); one "
	 "random 8-16 character label of letters and digits scores about 3.0-3.6"},
	{"dns.dga.consonant_run", 4, "chars",
	 "consonants in a row that count as a trait of random strings",
	 "nettriage choice: English and brand names rarely stack 4 consonants; DGA "
	 "feature sets (Schiavoni et al., Phoenix, 2014) use such pronounceability scores"},
	{"dns.dga.min_ratio", 0.5, "ratio",
	 "share of generated-looking NXDOMAIN names for the surge to be called DGA (high)",
	 "nettriage choice: a majority of the names"},
	{"cap.failing_zones", 512, "entries",
	 "server/zone pairs whose SERVFAIL and REFUSED answers are counted, to tell one broken "
	 "zone from a broken server (least recently used evicted, counted)",
	 "nettriage choice: 512 x ~140 bytes"},
	{"cap.nxdomain_clients", 256, "entries",
	 "clients whose NXDOMAIN answers are counted (least recently used evicted, counted)",
	 "nettriage choice: 256 x ~120 bytes; a surge needs dns.nxdomain.threshold answers to "
	 "one client, so the busiest clients stay"},
};

enum { NX_BITS = 256 };

struct nx_client {
	struct nt_ktab_hdr h;
	struct nt_addr server;
	int64_t t_start;
	uint32_t count;
	uint8_t surged;
	/* DGA features of the names since the window started */
	uint32_t dga, crun;
	double ent;
	uint64_t bits[NX_BITS / 64];
};

/* One registered domain's answers from one server. */
struct zone {
	struct nt_ktab_hdr h;
	struct nt_addr server;
	uint16_t port;
	uint8_t proto;
	char base[80];
	uint32_t failed, ok;
};

/* per run */
struct rcode {
	struct nt_ktab nx;    /* struct nx_client by client address */
	struct nt_ktab zones; /* struct zone by server and registered domain */
};

static struct zone *zone_of(struct rcode *rc, const struct nt_dns_txn *t, int create)
{
	const char *base = nt_base_domain(t->qname);
	uint8_t key[NT_KTAB_KEY], more[84];
	size_t bl = strnlen(base, 80);
	more[0] = (uint8_t)(t->sport >> 8);
	more[1] = (uint8_t)t->sport;
	more[2] = t->proto;
	memcpy(more + 3, base, bl);
	size_t kl = nt_ktab_key_addr(key, &t->server, more, 3 + bl);
	struct zone *z = create ? nt_ktab_get(&rc->zones, key, kl, t->t_end)
				: nt_ktab_find(&rc->zones, key, kl);
	if (z && z->base[0] == '\0') {
		z->server = t->server;
		z->port = t->sport;
		z->proto = t->proto;
		nt_fmt(z->base, sizeof(z->base), "%.*s", (int)bl, base);
	}
	return z;
}

enum { A_SERVFAIL, A_REFUSED, A_DGA, A_CRUN, A_ENT_MILLI, A_BITS };
/* server failures with another error rcode (FORMERR, NOTIMP, BADVERS...);
 * the first Extended DNS Error (code + 1; its text in note[0]) and how many
 * failures carried one */
enum { A_OTHER = 10, A_OTHER_RCODE, A_EDE, A_EDE_N };

static int init(void *state)
{
	(void)state;
	nt_psl_init();
	return 0;
}

/* Scores the registered label of name: returns 1 when it looks generated. */
static int dga_score(const char *name, double *ent, int *crun, uint32_t *hash)
{
	const char *base = nt_base_domain(name);
	size_t n = nt_label_len(base);
	*ent = nt_entropy(base, n);
	*crun = nt_consonant_run(base, n);
	*hash = nt_hash_bytes(NT_FNV_SEED, name, strlen(name));
	size_t digits = 0, vowels = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = base[i];
		digits += ch >= '0' && ch <= '9';
		vowels += strchr("aeiouAEIOU", ch) != NULL && ch;
	}
	/* high entropy alone is not enough on short labels: readable names of
	 * 8-12 distinct letters score 3+ bits too; also ask for a trait of
	 * random strings (consonant run, digits mixed in, few vowels) */
	int odd = *crun >= params[5].value || (digits >= 2 && digits < n) ||
		  vowels * 5 < n;
	return n >= 8 && *ent >= params[4].value && odd;
}

static void dga_add(struct nt_finding *f, uint32_t dga, double ent, uint32_t crun,
		    const uint64_t *bits)
{
	f->aux[A_DGA] += dga;
	f->aux[A_ENT_MILLI] += (uint64_t)(ent * 1000);
	if (crun > f->aux[A_CRUN])
		f->aux[A_CRUN] = crun;
	for (int i = 0; i < NX_BITS / 64; i++)
		f->aux[A_BITS + i] |= bits[i];
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	if (ev->type != NT_EV_DNS_TXN)
		return;
	const struct nt_dns_txn *t = ev->txn;
	if (t->state != NT_TXN_ANSWERED && t->state != NT_TXN_UNSOLICITED)
		return;
	char c[64];
	struct rcode *rc = state;
	if (t->rcode == 0 && t->state == NT_TXN_ANSWERED && t->qname[0]) {
		/* answers count for a zone only once it failed (no table churn) */
		struct zone *z = zone_of(rc, t, 0);
		if (z)
			z->ok++;
		return;
	}
	if (t->rcode != 0 && t->rcode != 3) {
		if (t->state != NT_TXN_ANSWERED)
			return;
		struct nt_finding *f = nt_det_dns_finding(fs, &nt_det_dns_rcode, "dns.server_failure", t);
		if (f == NULL)
			return;
		struct zone *z = t->qname[0] ? zone_of(rc, t, 1) : NULL;
		if (z)
			z->failed++;
		if (t->rcode == 2 || t->rcode == 5) {
			f->aux[t->rcode == 2 ? A_SERVFAIL : A_REFUSED]++;
		} else {
			if (f->aux[A_OTHER]++ == 0)
				f->aux[A_OTHER_RCODE] = t->rcode;
		}
		if (t->has_ede) {
			if (f->aux[A_EDE_N]++ == 0) {
				f->aux[A_EDE] = (uint64_t)t->ede_code + 1;
				nt_fmt(f->note[0], sizeof(f->note[0]), "%s", t->ede_text);
			}
		}
		nt_finding_evidence(f, &t->snap);
		nt_finding_evidence(f, ev->end_snap);
		return;
	}
	if (t->rcode != 3)
		return;
	uint8_t key[NT_KTAB_KEY];
	struct nx_client *x = nt_ktab_get(&rc->nx, key, nt_ktab_key_addr(key, &t->client, NULL, 0),
					  t->t_end);
	if (x == NULL)
		return;
	int64_t window = (int64_t)(params[3].value * 1e9);
	if (x->count == 0 || t->t_end - x->t_start > window) {
		x->t_start = t->t_end;
		x->count = 0;
		x->dga = x->crun = 0;
		x->ent = 0;
		memset(x->bits, 0, sizeof(x->bits));
	}
	x->count++;
	double ent;
	int crun;
	uint32_t h;
	int dga = dga_score(t->qname, &ent, &crun, &h);
	uint64_t one[NX_BITS / 64] = {0};
	nt_distinct_add(one, NX_BITS, h);
	x->dga += (uint32_t)dga;
	x->ent += ent;
	if ((uint32_t)crun > x->crun)
		x->crun = (uint32_t)crun;
	for (int i = 0; i < NX_BITS / 64; i++)
		x->bits[i] |= one[i];
	x->server = t->server;
	if (!x->surged && x->count < params[2].value)
		return;
	struct nt_finding *f = nt_det_finding(fs, &nt_det_dns_rcode, "dns.nxdomain_surge", &t->server, t->sport,
					      t->proto == 6 ? "tcp" : "udp", "DNS");
	if (f == NULL)
		return;
	if (!x->surged) {
		/* the answers that crossed the threshold count too */
		x->surged = 1;
		f->count += x->count - 1;
		if (f->first_seen == 0 || x->t_start < f->first_seen)
			f->first_seen = x->t_start;
		dga_add(f, x->dga, x->ent, x->crun, x->bits);
	} else {
		dga_add(f, (uint32_t)dga, ent, (uint32_t)crun, one);
	}
	nt_finding_seen(f, t->t_end);
	nt_finding_add_client(f, nt_addr_str(&t->client, c, sizeof(c)));
	nt_finding_add_name(f, t->qname);
	nt_finding_evidence(f, ev->end_snap);
}

/* "SERVFAIL", "SERVFAIL/REFUSED", "BADVERS": the rcodes of the failures. */
static void rcodes_of(const struct nt_finding *f, char *dst, size_t n, char *other, size_t on)
{
	char b[16];
	nt_fmt(other, on, "%s", nt_rcode_text((unsigned)f->aux[A_OTHER_RCODE], b, sizeof(b)));
	nt_fmt(dst, n, "%s%s%s%s%s", f->aux[A_SERVFAIL] ? "SERVFAIL" : "",
	       f->aux[A_SERVFAIL] && f->aux[A_REFUSED] ? "/" : "", f->aux[A_REFUSED] ? "REFUSED" : "",
	       (f->aux[A_SERVFAIL] || f->aux[A_REFUSED]) && f->aux[A_OTHER] ? "/" : "",
	       f->aux[A_OTHER] ? other : "");
}

/* The zone (registered domain) that holds nearly all of a server's
 * failures, when the server answers names of other zones: NULL when the
 * failures are spread. */
static const struct zone *failing_zone(struct rcode *rc, const struct nt_finding *f,
				       uint64_t noerror)
{
	const struct zone *top = NULL;
	uint64_t failed = 0;
	uint8_t proto = strcmp(f->transport, "tcp") == 0 ? 6 : 17;
	for (uint32_t i = 0; i < rc->zones.nslot; i++) {
		const struct zone *z = nt_ktab_at(&rc->zones, i);
		if (z == NULL || z->port != f->port || z->proto != proto ||
		    !nt_addr_eq(&z->server, &f->server_addr))
			continue;
		failed += z->failed;
		if (top == NULL || z->failed > top->failed)
			top = z;
	}
	if (top == NULL || top->failed * 10 < failed * 9)
		return NULL;
	/* the server answered names of other zones */
	return noerror > top->ok ? top : NULL;
}

/* The server's own reason, when its answers carried an Extended DNS Error
 * (RFC 8914): a sentence for the analysis and the first cause, ranked by
 * what the code says.  Returns its class, NT_EDE_OTHER when none. */
static enum nt_ede_class ede_reason(struct nt_finding *f, char *say, size_t n)
{
	say[0] = '\0';
	if (f->aux[A_EDE] == 0)
		return NT_EDE_OTHER;
	unsigned code = (unsigned)(f->aux[A_EDE] - 1);
	const char *name = nt_dns_ede_name(code);
	char num[32];
	if (name == NULL) {
		nt_fmt(num, sizeof(num), "unassigned code %u", code);
		name = num;
	}
	char text[96] = "";
	if (f->note[0][0])
		nt_fmt(text, sizeof(text), ", \"%s\"", f->note[0]);
	nt_fmt(say, n, " %llu of the failed answers carried an Extended DNS Error (RFC 8914), "
	       "the server's own reason: %u (%s)%s.", (unsigned long long)f->aux[A_EDE_N], code,
	       name, text);
	nt_figure(f, "ede_code", (double)code);
	nt_figure(f, "answers_with_ede", (double)f->aux[A_EDE_N]);
	enum nt_ede_class cls = nt_dns_ede_class(code);
	switch (cls) {
	case NT_EDE_DNSSEC:
		nt_finding_cause(f, "DNSSEC validation fails for these names (the server says so)",
			"The resolver validated the answers and rejected them: Extended DNS Error %u "
			"(%s)%s. The zone's signatures or keys are broken (an expired RRSIG, a DS "
			"that no longer matches a DNSKEY); the resolver works.", code, name, text);
		break;
	case NT_EDE_UPSTREAM:
		nt_finding_cause(f, "The resolver cannot reach the zone's authoritative servers "
			"(the server says so)",
			"Extended DNS Error %u (%s)%s: the resolver tried and got no usable answer "
			"from the authorities (down, unreachable from it, or lame).", code, name, text);
		break;
	case NT_EDE_POLICY:
		nt_finding_cause(f, "Policy: the resolver blocks or filters these names (the server "
			"says so)",
			"Extended DNS Error %u (%s)%s: a filtering resolver (RPZ, a DNS firewall, a "
			"parental or security filter) refused to resolve them on purpose.", code,
			name, text);
		break;
	case NT_EDE_NOTSUP:
		nt_finding_cause(f, "The server does not serve these queries (the server says so)",
			"Extended DNS Error %u (%s)%s: it is not authoritative for the zone or does "
			"not support what was asked.", code, name, text);
		break;
	default:
		break;
	}
	return cls;
}

static void server_failure(void *state, const struct nt_engine *e, struct nt_finding *f,
			   const char *names, const char *clients, const char *t1, const char *t2)
{
	struct rcode *rc = state;
	const struct nt_dns_prof *p = nt_engine_dns_server(e, &f->server_addr, (uint16_t)f->port,
							   strcmp(f->transport, "tcp") == 0 ? 6 : 17);
	const struct nt_host *h = nt_engine_host(e, &f->server_addr);
	uint64_t answers = p && p->answered ? p->answered
			   : h && h->dns_answers_out ? h->dns_answers_out : f->count;
	if (answers < f->count)
		answers = f->count;
	uint64_t noerror = p ? p->rcode[0] : 0;
	double ratio = (double)f->count / (double)answers;
	const struct zone *z = failing_zone(rc, f, noerror);
	int big = f->count >= params[0].value && ratio >= params[1].value;
	f->severity = z ? (f->count >= params[0].value ? NT_SEV_MEDIUM : NT_SEV_LOW)
			: big ? (ratio >= 0.999 ? NT_SEV_HIGH : NT_SEV_MEDIUM) : NT_SEV_LOW;
	char rc_name[128], other[16], ede[320];
	rcodes_of(f, rc_name, sizeof(rc_name), other, sizeof(other));
	const char *name0 = f->n_names ? nt_shortest_name(f) : "name";
	enum nt_ede_class ecls = ede_reason(f, ede, sizeof(ede));
	if (f->aux[A_EDE]) {
		/* "SERVFAIL (Extended DNS Error 7, Signature Expired)" */
		const char *en = nt_dns_ede_name((unsigned)(f->aux[A_EDE] - 1));
		size_t l = strlen(rc_name);
		nt_fmt(rc_name + l, sizeof(rc_name) - l, " (Extended DNS Error %u%s%s)",
		       (unsigned)(f->aux[A_EDE] - 1), en ? ", " : "", en ? en : "");
	}
	if (z) {
		nt_fmt(f->aux_note, sizeof(f->aux_note), "%s", z->base);
		nt_fmt(f->summary, sizeof(f->summary),
			 "The DNS server %s fails names under %s: %llu quer%s for %s from %s were "
			 "answered %s between %s and %s, while %llu answers for names of other zones "
			 "were normal.", f->server, z->base, (unsigned long long)f->count,
			 f->count == 1 ? "y" : "ies", names, clients, rc_name, t1, t2,
			 (unsigned long long)(noerror - z->ok));
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "The queries were paired with their responses and the failing names grouped "
			 "by registered domain (the %s): %llu of the %llu failures were for names "
			 "under %s, whose queries %s answered normally %llu time%s, while it answered "
			 "%llu queries for other zones without error. The server works; resolving "
			 "this zone does not.%s", nt_psl_source(), (unsigned long long)z->failed,
			 (unsigned long long)f->count, z->base, f->server,
			 (unsigned long long)z->ok, z->ok == 1 ? "" : "s",
			 (unsigned long long)(noerror - z->ok), ede);
		nt_fmt(f->impact, sizeof(f->impact),
			 "Names under %s cannot be resolved through %s (%s); other names resolve.",
			 z->base, f->server, names);
		if (ecls != NT_EDE_DNSSEC)
			nt_finding_cause(f, "The zone is broken: its DNSSEC does not validate, or "
				"its authoritative servers fail",
				"A validating resolver answers SERVFAIL for every name of a zone whose "
				"signatures do not validate (an expired RRSIG, a DS that no longer "
				"matches a key) or whose name servers are unreachable or lame; only %s "
				"fails while other zones resolve.", z->base);
		if (ecls != NT_EDE_UPSTREAM)
			nt_finding_cause(f, "The resolver cannot reach that zone's servers",
				"A filter or a route that blocks the way to %s's name servers from %s "
				"gives the same picture.", z->base, f->server);
		nt_finding_step(f, "Compare dig @%s %s with dig +cd @%s %s: an answer with +cd "
			"(checking disabled) means a DNSSEC validation failure.", f->server, name0,
			f->server, name0);
		nt_finding_step(f, "Check the zone's delegation and signatures (dig +trace %s; "
			"delv %s; an online DNSSEC analyser) and tell its operator.", z->base, name0);
		nt_figure(f, "failures_in_zone", (double)z->failed);
		nt_figure(f, "answers_other_zones", (double)(noerror - z->ok));
		return;
	}
	nt_fmt(f->summary, sizeof(f->summary),
		 "The DNS server %s answered %llu quer%s for %s from %s with %s between "
		 "%s and %s (%.0f%% of its answers).", f->server,
		 (unsigned long long)f->count, f->count == 1 ? "y" : "ies", names,
		 clients, rc_name, t1, t2, ratio * 100);
	nt_fmt(f->analysis, sizeof(f->analysis),
		 "The queries were paired with their responses; %llu came back with "
		 "SERVFAIL, %llu with REFUSED and %llu with another error rcode%s%s. The server is "
		 "up and its DNS service listens (it answers), but it could not or would not "
		 "resolve these names.%s", (unsigned long long)f->aux[A_SERVFAIL],
		 (unsigned long long)f->aux[A_REFUSED], (unsigned long long)f->aux[A_OTHER],
		 f->aux[A_OTHER] ? ", first " : "", f->aux[A_OTHER] ? other : "", ede);
	nt_fmt(f->impact, sizeof(f->impact),
		 "Lookups of %s through %s fail; clients without another resolver "
		 "cannot reach those names.", names, f->server);
	if (f->aux[A_OTHER] > f->aux[A_REFUSED] + f->aux[A_SERVFAIL]) {
		unsigned code = (unsigned)f->aux[A_OTHER_RCODE];
		nt_finding_cause(f, code == 16 ? "The server does not support the client's EDNS version"
				    : code == 23 ? "DNS cookie mismatch (the server rejects the client's cookie)"
				    : code == 4 ? "The server does not implement this kind of query"
				    : code == 1 ? "The server could not parse the query (FORMERR)"
						: "The server rejects the query",
			"%s (rcode %u) answers a query the server will not process as sent%s.",
			other, code, code == 16 ? ": the client used an EDNS version above 0 (RFC "
						  "6891 section 6.1.3)" : "");
		nt_finding_cause(f, "A middlebox rewriting or filtering DNS",
			"Proxies and firewalls that mangle EDNS options or cookies produce such "
			"answers for queries that work elsewhere.");
	} else if (f->aux[A_REFUSED] >= f->aux[A_SERVFAIL]) {
		nt_finding_cause(f, "Resolver refuses these clients (ACL / recursion off)",
			"REFUSED means policy: the server does not offer recursion to "
			"these clients or is not authoritative for the zone.");
		nt_finding_cause(f, "Wrong resolver configured on the clients",
			"The clients may be pointed at an authoritative-only server.");
	} else {
		if (ecls != NT_EDE_UPSTREAM)
			nt_finding_cause(f, "Upstream resolution failing",
				"SERVFAIL means the resolver tried and failed: the zone's "
				"authoritative servers are unreachable or lame, or the "
				"resolver cannot reach the Internet.");
		if (ecls != NT_EDE_DNSSEC)
			nt_finding_cause(f, "DNSSEC validation failure",
				"A validating resolver answers SERVFAIL for a zone whose "
				"signatures do not validate (expired RRSIG, broken DS).");
	}
	if (f->aux[A_OTHER] > f->aux[A_REFUSED] + f->aux[A_SERVFAIL]) {
		nt_finding_step(f, "Ask again with plain EDNS and without it (dig +edns=0 @%s %s; dig "
			"+noedns @%s %s) to see what the server accepts.", f->server, name0, f->server,
			name0);
		nt_finding_step(f, "Check what sends these queries (the client's resolver library, a "
			"DNS proxy or firewall on the way) and its EDNS / cookie settings.");
		return;
	}
	nt_finding_step(f, "Run dig @%s %s and dig +cd @%s %s to tell validation "
		"failures from upstream ones.", f->server, name0, f->server, name0);
	nt_finding_step(f, "Read the resolver's logs on %s for the failing names.", f->server);
	nt_finding_step(f, "Check the resolver's ACL / allow-recursion for the clients' "
		"addresses.");
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_dns_rcode)
			continue;
		char names[300], clients[300], t1[48], t2[48];
		nt_join_names(f, names, sizeof(names));
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		if (strcmp(f->kind, "dns.server_failure") == 0) {
			server_failure(state, e, f, names, clients, t1, t2);
		} else {
			double distinct = nt_distinct_est(&f->aux[A_BITS], NX_BITS);
			if (distinct > (double)f->count)
				distinct = (double)f->count;
			double dratio = f->count ? (double)f->aux[A_DGA] / (double)f->count : 0;
			double ent = f->count ? (double)f->aux[A_ENT_MILLI] / 1000.0 / (double)f->count : 0;
			int dga = dratio >= params[6].value &&
				  distinct >= params[2].value;
			f->severity = dga ? NT_SEV_HIGH : NT_SEV_MEDIUM;
			nt_figure(f, "nxdomain", (double)f->count);
			nt_figure(f, "distinct_names", distinct);
			nt_figure(f, "dga_like_ratio", dratio);
			nt_figure(f, "mean_label_entropy_bits", ent);
			nt_figure(f, "max_consonant_run", (double)f->aux[A_CRUN]);
			nt_figure_text(f, "verdict", dga ? "dga_like" : "not_dga_like");
			nt_fmt(f->summary, sizeof(f->summary),
				 "%s from %s got %llu NXDOMAIN answers for %.0f distinct names from %s "
				 "between %s and %s (threshold %.0f within %.0f s); %.0f%% of the names "
				 "look machine-generated%s (e.g. %s).", clients,
				 f->n_clients == 1 ? "one client" : "several clients",
				 (unsigned long long)f->count, distinct, f->server, t1, t2,
				 params[2].value, params[3].value,
				 dratio * 100, dga ? " (DGA-like)" : "", names);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "NXDOMAIN answers were counted per client over a %.0f s window; the "
				 "count crossed %.0f. The names were scored on their registered label "
				 "(base domain from the %s): %llu of %llu have 8+ characters with "
				 "entropy >= %.1f bits/char and a run of %.0f+ consonants, digits among "
				 "letters or under 20%% vowels (mean entropy "
				 "%.2f, longest consonant run %llu); about %.0f names are distinct. "
				 "Names asked include: %s.",
				 params[3].value, params[2].value,
				 nt_psl_source(), (unsigned long long)f->aux[A_DGA],
				 (unsigned long long)f->count, params[4].value,
				 params[5].value, ent,
				 (unsigned long long)f->aux[A_CRUN], distinct, names);
			nt_fmt(f->impact, sizeof(f->impact),
				 "Many lookups for names that do not exist: %s",
				 dga ? "the names look generated, the pattern of malware probing "
				       "domain-generation-algorithm (DGA) names for its command server."
				     : "a misconfigured search domain or application is the likelier "
				       "reason; the names do not look generated.");
			if (dga) {
				nt_finding_cause(f, "Malware using generated domain names (DGA)",
					"%.0f%% of %.0f distinct names look random (entropy, consonant "
					"runs) and nearly all fail: bots try generated names until one "
					"is registered.", dratio * 100, distinct);
				nt_finding_cause(f, "Misconfiguration (search list, typo, decommissioned name)",
					"Less likely: misconfigurations repeat the same few readable names.");
			} else {
				nt_finding_cause(f, "Misconfiguration (search list, typo, decommissioned name)",
					"Repeated NXDOMAIN for readable names points here.");
				nt_finding_cause(f, "Malware using generated domain names (DGA)",
					"Less likely: only %.0f%% of the names look generated.",
					dratio * 100);
			}
			nt_finding_step(f, "Look at the names asked by %s and the process that asks "
				"them.", clients);
			if (dga)
				nt_finding_step(f, "Isolate %s and scan it for malware; sinkhole the "
					"DGA family's domains if it can be identified.", clients);
			nt_finding_step(f, "Check the client's DNS search list and application "
				"configuration.");
		}
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	if (strcmp(f->kind, "dns.server_failure") == 0 && f->aux_note[0])
		nt_fmt(dst, n, "DNS server %s failing names under %s", f->server, f->aux_note);
	else if (strcmp(f->kind, "dns.server_failure") == 0) {
		char rc[64], other[16];
		rcodes_of(f, rc, sizeof(rc), other, sizeof(other));
		nt_fmt(dst, n, "DNS server %s failing queries (%s)", f->server, rc);
	}
	else
		nt_fmt(dst, n, "Surge of NXDOMAIN answers from %s", f->server);
}

static const struct nt_kind kinds[] = {
	{"dns.server_failure", title},
	{"dns.nxdomain_surge", title},
};

static const struct nt_table_desc tables[] = {
	{"nxdomain_clients", sizeof(struct nx_client), "cap.nxdomain_clients", NT_LAYOUT_SLOTS,
	 offsetof(struct rcode, nx)},
	{"failing_zones", sizeof(struct zone), "cap.failing_zones", NT_LAYOUT_SLOTS,
	 offsetof(struct rcode, zones)},
};

const struct nt_detector nt_det_dns_rcode = {
	.name = "dns.rcode",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct rcode),
	.init = init,
	.on_event = on_event,
	.finish = finish,
};
