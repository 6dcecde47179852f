/* \summary: helpers the detector families share (detectors/common.h). */
#include "detectors/common.h"

#include "detectors/names.h"
#include "proto/dns.h"
#include "proto/services.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The registry mnemonics of proto/dns.h (IANA "DNS Parameters"). */
const char *nt_qtype_name(unsigned t)
{
	return nt_dns_type_name(t, NT_DNS_MNEMONIC);
}

const char *nt_rcode_name(unsigned r)
{
	return nt_dns_rcode_name(r, NT_DNS_MNEMONIC);
}

const char *nt_qtype_text(unsigned qtype, char *buf, size_t n)
{
	const char *s = nt_qtype_name(qtype);
	if (s)
		return s;
	nt_fmt(buf, n, "TYPE%u", qtype);
	return buf;
}

const char *nt_rcode_text(unsigned rcode, char *buf, size_t n)
{
	const char *s = nt_rcode_name(rcode);
	if (s)
		return s;
	nt_fmt(buf, n, "RCODE%u", rcode);
	return buf;
}

const char *nt_service_name(unsigned port)
{
	return nt_service_label(port);
}

static char *join(const char *items, size_t stride, uint32_t n, uint64_t more, int est, char *dst,
		  size_t cap)
{
	size_t len = 0;
	dst[0] = '\0';
	for (uint32_t i = 0; i < n && len + 1 < cap; i++)
		len += (size_t)nt_fmt(dst + len, cap - len, "%s%s", i ? ", " : "",
					items + i * stride);
	if (more && len + 1 < cap)
		nt_fmt(dst + len, cap - len, " and %s%llu more", est ? "about " : "",
		       (unsigned long long)more);
	return dst;
}

char *nt_join_clients(const struct nt_finding *f, char *dst, size_t n)
{
	return join(f->clients[0], sizeof(f->clients[0]), f->n_clients, f->clients_more, f->clients_more_est,
		    dst, n);
}

/* A name for prose: names over 60 characters keep their head and their
 * tail around "...". */
static void short_name(const char *name, char *dst, size_t n)
{
	size_t len = strlen(name);
	if (len <= 60)
		nt_fmt(dst, n, "%s", name);
	else
		nt_fmt(dst, n, "%.20s...%s", name, name + len - 32);
}

const char *nt_shortest_name(const struct nt_finding *f)
{
	const char *best = NULL;
	for (uint32_t i = 0; i < f->n_names; i++)
		if (best == NULL || strlen(f->names[i]) < strlen(best))
			best = f->names[i];
	return best;
}

char *nt_join_names(const struct nt_finding *f, char *dst, size_t n)
{
	enum { LIST = 8 };
	uint64_t total = f->n_names + f->names_more;
	dst[0] = '\0';
	if (f->n_names == 0)
		return dst;
	char sh[128];
	/* many names of one registered domain: the domain says it */
	const char *base = nt_base_domain(f->names[0]);
	int one_base = total > 3 && base != f->names[0];
	for (uint32_t i = 1; one_base && i < f->n_names; i++)
		one_base = strcasecmp(nt_base_domain(f->names[i]), base) == 0;
	if (one_base && f->names_more == 0) {
		short_name(nt_shortest_name(f), sh, sizeof(sh));
		nt_fmt(dst, n, "%llu names under %s (e.g. %s)", (unsigned long long)total, base, sh);
		return dst;
	}
	if (one_base) {
		/* the names past the kept ones may be under other domains */
		short_name(nt_shortest_name(f), sh, sizeof(sh));
		nt_fmt(dst, n, "%s%llu names, %u of them under %s (e.g. %s)",
		       f->names_more_est ? "about " : "", (unsigned long long)total, f->n_names,
		       base, sh);
		return dst;
	}
	size_t len = 0;
	uint32_t k = f->n_names < LIST ? f->n_names : LIST;
	for (uint32_t i = 0; i < k && len + 1 < n; i++) {
		short_name(f->names[i], sh, sizeof(sh));
		len += (size_t)nt_fmt(dst + len, n - len, "%s%s", i ? ", " : "", sh);
	}
	uint64_t more = total - k;
	if (more && len + 1 < n)
		nt_fmt(dst + len, n - len, " and %s%llu more", f->names_more_est ? "about " : "",
		       (unsigned long long)more);
	return dst;
}

struct nt_finding *nt_det_finding(struct nt_findings *fs, const struct nt_detector *det,
				  const char *kind, const struct nt_addr *server, int port,
				  const char *transport, const char *protocol)
{
	const struct nt_detector *owner = NULL;
	/* a family raises only the kinds its descriptor declares (their titles) */
	assert(nt_kind_find(kind, &owner) != NULL && owner == det);
	(void)owner;
	char s[64];
	nt_addr_str(server, s, sizeof(s));
	struct nt_finding *f = nt_findings_get(fs, kind, s, port, transport);
	if (f && f->owner == NULL) {
		f->owner = det;
		f->server_addr = *server;
		nt_fmt(f->protocol, sizeof(f->protocol), "%s", protocol);
	}
	return f;
}

struct nt_finding *nt_det_dns_finding(struct nt_findings *fs, const struct nt_detector *det,
				      const char *kind, const struct nt_dns_txn *t)
{
	struct nt_finding *f = nt_det_finding(fs, det, kind, &t->server, t->sport,
					      t->proto == 6 ? "tcp" : "udp", "DNS");
	if (f == NULL)
		return NULL;
	nt_finding_seen(f, t->t_query);
	if (f->client_addr.family == 0)
		f->client_addr = t->client;
	if (t->t_end > f->last_seen)
		f->last_seen = t->t_end;
	char c[64];
	nt_finding_add_client(f, nt_addr_str(&t->client, c, sizeof(c)));
	nt_finding_add_name(f, t->qname);
	return f;
}

double nt_det_param(const char *name)
{
	for (size_t i = 0; i < nt_n_detectors; i++) {
		const struct nt_param_group g = {nt_detectors[i]->name, nt_detectors[i]->params,
						 nt_detectors[i]->n_params};
		const struct nt_param *p = nt_param_lookup(&g, 1, name);
		if (p)
			return p->value;
	}
	return 0;
}

const char *nt_public_resolver(const struct nt_addr *a)
{
	static const struct {
		uint8_t family;
		uint8_t b[16];
		const char *name;
	} known[] = {
		{4, {8, 8, 8, 8}, "Google Public DNS"},
		{4, {8, 8, 4, 4}, "Google Public DNS"},
		{4, {1, 1, 1, 1}, "Cloudflare DNS"},
		{4, {1, 0, 0, 1}, "Cloudflare DNS"},
		{4, {9, 9, 9, 9}, "Quad9"},
		{4, {149, 112, 112, 112}, "Quad9"},
		{4, {208, 67, 222, 222}, "OpenDNS"},
		{4, {208, 67, 220, 220}, "OpenDNS"},
		{4, {94, 140, 14, 14}, "AdGuard DNS"},
		{6, {0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88},
		 "Google Public DNS"},
		{6, {0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x44},
		 "Google Public DNS"},
		{6, {0x26, 0x06, 0x47, 0x00, 0x47, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0x11},
		 "Cloudflare DNS"},
		{6, {0x26, 0x20, 0x00, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfe}, "Quad9"},
	};
	for (size_t i = 0; i < NT_NELEM(known); i++)
		if (a->family == known[i].family &&
		    memcmp(a->a, known[i].b, a->family == 6 ? 16 : 4) == 0)
			return known[i].name;
	return NULL;
}

int nt_name_is_site(const char *name, unsigned qtype)
{
	if (qtype != 1 && qtype != 28 && qtype != 65 && qtype != 5)
		return 0; /* A, AAAA, HTTPS, CNAME: what a browser asks */
	if (name == NULL || name[0] == '\0' || name[0] == '_' || strchr(name, '.') == NULL)
		return 0;
	size_t n = strlen(name);
	static const char *const local[] = {".arpa", ".local", ".localhost", ".internal", ".lan",
					    ".home.arpa"};
	for (size_t i = 0; i < NT_NELEM(local); i++) {
		size_t k = strlen(local[i]);
		if (n >= k && strcasecmp(name + n - k, local[i]) == 0)
			return 0;
	}
	return 1;
}

void nt_prof_origin(const struct nt_dns_prof *p, const struct nt_addr *client,
		    struct nt_origin_out *out)
{
	struct nt_origin_in in;
	memset(&in, 0, sizeof(in));
	in.claims_target = p->icmp_claims_target * 2 > p->icmp;
	in.err_ttl = p->err_ttl_max;
	in.sent_ttl = p->sent_ttl;
	if (p->quote_hops_max >= 0 && p->sent_ttl > p->quote_hops_max)
		in.quote_ttl = (uint8_t)(p->sent_ttl - p->quote_hops_max);
	in.delay_ns = p->icmp_delay_min_ns;
	in.client = *client;
	in.target = p->addr;
	in.target_ttl = p->ttl_max;
	in.target_rtt_ns = p->rtt_min_ns;
	nt_origin_judge(&in, out);
}
