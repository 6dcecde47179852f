/* \summary: dns.name_error: the name users want does not exist: a server
 * answers NXDOMAIN to the same name again and again (A and AAAA, the
 * client's retries) and no query for it is answered.  One finding per
 * server, naming the names; many different failing names are the
 * NXDOMAIN surge's (dns_rcode.c), not this. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/hash.h"
#include "core/ktab.h"
#include "detectors/common.h"
#include "detectors/names.h"

extern const struct nt_detector nt_det_name_error;

static struct nt_param params[] = {
	{"dns.name_error.min_answers", 3, "count",
	 "NXDOMAIN answers for one name (its A and AAAA queries and their retries) before the "
	 "finding is medium; two are a low finding",
	 "nettriage choice: a stub resolver asks A and AAAA and retries once (glibc "
	 "resolv.conf attempts:2), so three answers are a lookup that failed for good"},
	{"dns.name_error.max_names", 3, "names",
	 "distinct failing names of one client above which its NXDOMAIN answers are a surge "
	 "(dns.nxdomain_surge), not a missing name",
	 "nettriage choice: a user or application wants one or two names; more point at a "
	 "search list, scanning or generated names"},
	{"cap.name_errors", 1024, "entries",
	 "client/name pairs whose answers are counted (least recently used evicted, counted)",
	 "nettriage choice: 1024 x ~300 bytes"},
};

#define P(i) (params[i].value)

struct name {
	struct nt_ktab_hdr h;
	struct nt_addr client, server;
	uint16_t port;
	uint8_t proto;
	uint8_t have_snap;
	uint32_t nx, ok;          /* NXDOMAIN / NOERROR answers for the name */
	uint32_t types;           /* bit 0 A, 1 AAAA, 2 other */
	int64_t first, last;
	uint32_t soa_min;         /* the SOA's MINIMUM (negative caching TTL) */
	char qname[NT_DNS_NAME_MAX];
	char soa[NT_DNS_SOA_MAX]; /* zone of the SOA in the first NXDOMAIN ("" none) */
	struct nt_snap snap;      /* the first NXDOMAIN answer */
};

/* per run */
enum { ANSWERED_BITS = 1 << 16 };
struct name_error {
	struct nt_ktab tab;       /* struct name by client and name */
	/* client/name pairs answered NOERROR (bit per hash): a failing name
	 * that is an answered one plus a suffix is the resolver's search list
	 * at work, not a missing name */
	uint64_t answered[ANSWERED_BITS / 64];
};

static uint32_t pair_bit(const struct nt_addr *client, const char *name, size_t n)
{
	uint32_t h = nt_hash_addr(NT_FNV_SEED, client);
	for (size_t i = 0; i < n; i++)
		h = nt_fnv_byte(h, (uint8_t)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32
										 : name[i]));
	return h & (ANSWERED_BITS - 1);
}

static int was_answered(const struct name_error *s, const struct nt_addr *client,
			const char *name, size_t n)
{
	uint32_t b = pair_bit(client, name, n);
	return (int)(s->answered[b >> 6] >> (b & 63) & 1);
}

/* The name is an answered name with labels appended (a search-list try). */
static int search_expansion(const struct name_error *s, const struct name *x)
{
	const char *q = x->qname;
	size_t n = strlen(q);
	while (n > 0) {
		while (n > 0 && q[n - 1] != '.')
			n--;
		if (n == 0)
			return 0;
		n--; /* the dot */
		if (memchr(q, '.', n) == NULL)
			return 0; /* keep two labels at least */
		if (was_answered(s, &x->client, q, n))
			return 1;
	}
	return 0;
}

static size_t key_of(uint8_t *key, const struct nt_addr *client, const char *qname)
{
	char low[NT_DNS_NAME_MAX];
	size_t n = strnlen(qname, sizeof(low) - 1);
	for (size_t i = 0; i < n; i++)
		low[i] = (char)((qname[i] >= 'A' && qname[i] <= 'Z') ? qname[i] + 32 : qname[i]);
	return nt_ktab_key_addr(key, client, low, n);
}

/* Names whose NXDOMAIN says nothing about a missing site: reverse lookups,
 * service labels, local names. */
static int ignored(const char *qname, unsigned qtype)
{
	if (qtype == 12 || qtype == 33 || qname[0] == '\0' || qname[0] == '_')
		return 1;
	size_t n = strlen(qname);
	static const char *const tail[] = {".arpa", ".local", ".localhost", ".lan", ".internal"};
	for (size_t i = 0; i < NT_NELEM(tail); i++) {
		size_t k = strlen(tail[i]);
		if (n >= k && strcasecmp(qname + n - k, tail[i]) == 0)
			return 1;
	}
	return strchr(qname, '.') == NULL; /* a single label: a search-list expansion */
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	struct name_error *s = state;
	if (ev->type != NT_EV_DNS_TXN || ev->txn->state != NT_TXN_ANSWERED)
		return;
	const struct nt_dns_txn *t = ev->txn;
	if (t->rcode != 0 && t->rcode != 3)
		return;
	if (ignored(t->qname, t->qtype))
		return;
	if (t->rcode == 0) {
		uint32_t b = pair_bit(&t->client, t->qname, strlen(t->qname));
		s->answered[b >> 6] |= 1ull << (b & 63);
	}
	uint8_t key[NT_KTAB_KEY];
	size_t kl = key_of(key, &t->client, t->qname);
	/* an answered name matters only when it also failed (no table churn) */
	struct name *x = t->rcode == 3 ? nt_ktab_get(&s->tab, key, kl, t->t_end)
				       : nt_ktab_find(&s->tab, key, kl);
	if (x == NULL)
		return;
	if (t->rcode == 0) {
		x->ok++;
		return;
	}
	if (x->nx == 0) {
		x->client = t->client;
		x->server = t->server;
		x->port = t->sport;
		x->proto = t->proto;
		x->first = t->t_query;
		nt_fmt(x->qname, sizeof(x->qname), "%s", t->qname);
		nt_fmt(x->soa, sizeof(x->soa), "%s", t->soa_zone);
		x->soa_min = t->soa_minimum;
	}
	x->nx++;
	x->last = t->t_end;
	x->types |= t->qtype == 1 ? 1u : t->qtype == 28 ? 2u : 4u;
	if (!x->have_snap && ev->end_snap && ev->end_snap->len) {
		x->snap = *ev->end_snap;
		x->have_snap = 1;
	}
}

/* Distinct failing names of a client (bounded by the caller's limit). */
static uint32_t names_of(struct name_error *s, const struct nt_addr *client, uint32_t limit)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < s->tab.nslot && n <= limit; i++) {
		const struct name *x = nt_ktab_at(&s->tab, i);
		n += x && x->nx && x->ok == 0 && nt_addr_eq(&x->client, client);
	}
	return n;
}

static void write_finding(const struct nt_engine *e, struct nt_finding *f)
{
	char names[300], clients[300], t1[48], t2[48];
	nt_join_names(f, names, sizeof(names));
	nt_join_clients(f, clients, sizeof(clients));
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	uint64_t most = f->aux[0];
	f->severity = most >= P(0) ? NT_SEV_MEDIUM : NT_SEV_LOW;
	const char *types = f->aux[1] == 3 ? "A and AAAA" : f->aux[1] == 1 ? "A"
			    : f->aux[1] == 2 ? "AAAA" : "A, AAAA and other";
	uint64_t nnames = f->n_names + f->names_more;
	nt_fmt(f->summary, sizeof(f->summary),
	       "%s %s not exist: %s answered NXDOMAIN to all %llu %s queries from %s for %s "
	       "between %s and %s, and no query for %s was answered.", names,
	       nnames == 1 ? "does" : "do", f->server, (unsigned long long)f->count, types,
	       clients, nnames == 1 ? "it" : "them", t1, t2, nnames == 1 ? "it" : "them");
	nt_fmt(f->analysis, sizeof(f->analysis),
	       "Every answer was paired with its query. %s asked for %s %llu time%s in all (%s "
	       "queries and the client's retries, up to %llu for one name); %s answered each "
	       "with NXDOMAIN (rcode 3: the name does not exist) and never with an address. "
	       "A user or an application wants %s name%s that the DNS says %s not exist.",
	       clients, names, (unsigned long long)f->count, f->count == 1 ? "" : "s", types,
	       (unsigned long long)most, f->server, nnames == 1 ? "a" : "these",
	       nnames == 1 ? "" : "s", nnames == 1 ? "does" : "do");
	int site = 0;
	for (uint32_t i = 0; i < f->n_names; i++)
		site |= nt_name_is_site(f->names[i], 1);
	nt_fmt(f->impact, sizeof(f->impact),
	       "Whatever %s %s cannot be reached by name%s.", clients,
	       site ? "tried to open" : "looked up", site ? ": for a browser the site does not exist"
							 : "");
	const char *name0 = f->n_names ? nt_shortest_name(f) : "the name";
	/* which zone said no: the SOA of the authority section (f->note[0], of
	 * the first name) tells a missing domain from a missing host */
	const char *soa = f->note[0], *base = nt_base_domain(f->names[0]);
	size_t sl = strlen(soa), bl = strlen(base);
	int domain_exists = sl && (strcasecmp(soa, base) == 0 ||
				   (sl > bl && soa[sl - bl - 1] == '.' &&
				    strcasecmp(soa + sl - bl, base) == 0));
	int domain_missing = sl && !domain_exists && bl > sl && base[bl - sl - 1] == '.' &&
			     strcasecmp(base + bl - sl, soa) == 0;
	if (sl) {
		size_t al = strlen(f->analysis);
		nt_fmt(f->analysis + al, sizeof(f->analysis) - al,
		       " The NXDOMAIN answers carry the SOA of %s in their authority section "
		       "(negative answers cached for %llu s): %s.", soa,
		       (unsigned long long)f->aux[2],
		       domain_exists ? "the zone of the domain exists and says this name is not in it"
		       : domain_missing ? "the parent zone answered, so the domain itself is not "
					  "delegated: it is not registered, has expired or is mistyped"
					: "that zone says the name does not exist");
		nt_figure_text(f, "soa_zone", soa);
	}
	if (domain_missing)
		nt_finding_cause(f, "The domain is not registered (expired, deleted or mistyped)",
			"The SOA in the answers is that of %s: the parent zone itself says %s does not "
			"exist, so no name under it can resolve; asked %llu times, this is not a "
			"transient failure.", soa, base, (unsigned long long)most);
	else if (domain_exists)
		nt_finding_cause(f, "The host name is not in its zone (removed record or a typo in the "
			"host part)",
			"The SOA in the answers is that of %s: the domain exists and its own servers "
			"say %s is not in it; asked %llu times, this is not a transient failure.", soa,
			name0, (unsigned long long)most);
	else
		nt_finding_cause(f, "The name does not exist (expired or deleted domain, removed "
			"record, typo in a link or setting)",
			"NXDOMAIN is the authoritative answer that %s is not in the DNS; asked %llu "
			"times, it is not a transient failure.", name0, (unsigned long long)most);
	nt_finding_cause(f, "Split DNS: the name exists only in a zone this resolver does not "
		"serve",
		"An internal name asked through a public resolver (or the reverse) gets NXDOMAIN "
		"although it exists elsewhere; check which resolver %s should use.", clients);
	if (domain_exists)
		nt_finding_step(f, "Check the name where it is used (the link, the application's "
			"setting) for a typo in the host part, and ask the operator of %s whether "
			"the record was removed.", soa);
	else
		nt_finding_step(f, "Check the name where it is used (the link, the application's "
			"setting) for a typo, and whether the domain is still registered (whois %s).",
			nt_base_domain(name0));
	nt_finding_step(f, "Ask the domain's own servers (dig +trace %s) to see where the name "
		"stops existing, and compare with another resolver.", name0);
	nt_figure(f, "nxdomain_answers", (double)f->count);
	nt_figure(f, "names", (double)nnames);
	nt_figure(f, "max_answers_for_one_name", (double)most);
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct name_error *s = state;
	for (uint32_t i = 0; i < s->tab.nslot; i++) {
		struct name *x = nt_ktab_at(&s->tab, i);
		if (x == NULL || x->nx < 2 || x->ok || search_expansion(s, x))
			continue;
		if (names_of(s, &x->client, (uint32_t)P(1)) > P(1))
			continue; /* many failing names: a surge, not one missing name */
		struct nt_finding *f = nt_det_finding(fs, &nt_det_name_error, "dns.name_error",
						      &x->server, x->port,
						      x->proto == 6 ? "tcp" : "udp", "DNS");
		if (f == NULL)
			continue;
		if (f->count == 0 || x->first < f->first_seen)
			f->first_seen = x->first;
		if (f->count == 0 || x->last > f->last_seen)
			f->last_seen = x->last;
		f->count += x->nx;
		if (x->nx > f->aux[0])
			f->aux[0] = x->nx;
		f->aux[1] |= x->types;
		if (f->note[0][0] == '\0' && x->soa[0]) {
			nt_fmt(f->note[0], sizeof(f->note[0]), "%s", x->soa);
			f->aux[2] = x->soa_min;
		}
		char c[64];
		nt_finding_add_client(f, nt_addr_str(&x->client, c, sizeof(c)));
		nt_finding_add_name(f, x->qname);
		if (x->have_snap)
			nt_finding_evidence(f, &x->snap);
	}
	for (uint32_t i = 0; i < fs->n_findings; i++)
		if (fs->findings[i].owner == &nt_det_name_error)
			write_finding(e, &fs->findings[i]);
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	if (f->n_names + f->names_more == 1)
		nt_fmt(dst, n, "Name %s does not exist (NXDOMAIN from %s)", f->names[0], f->server);
	else
		nt_fmt(dst, n, "%llu names do not exist (NXDOMAIN from %s)",
		       (unsigned long long)(f->n_names + f->names_more), f->server);
}

static const struct nt_kind kinds[] = {{"dns.name_error", title}};

static const struct nt_table_desc tables[] = {
	{"name_errors", sizeof(struct name), "cap.name_errors", NT_LAYOUT_SLOTS,
	 offsetof(struct name_error, tab)},
};

const struct nt_detector nt_det_name_error = {
	.name = "dns.name_error",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct name_error),
	.on_event = on_event,
	.finish = finish,
};
