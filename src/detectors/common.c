/* \summary: helpers the detector families share (detectors/common.h). */
#include "detectors/common.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

const char *nt_qtype_name(unsigned t)
{
	switch (t) {
	case 1: return "A";
	case 2: return "NS";
	case 5: return "CNAME";
	case 6: return "SOA";
	case 12: return "PTR";
	case 15: return "MX";
	case 16: return "TXT";
	case 28: return "AAAA";
	case 33: return "SRV";
	case 35: return "NAPTR";
	case 43: return "DS";
	case 48: return "DNSKEY";
	case 64: return "SVCB";
	case 65: return "HTTPS";
	case 255: return "ANY";
	default: return "TYPE?";
	}
}

const char *nt_rcode_name(unsigned r)
{
	static const char *const n[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
					"REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH",
					"NOTZONE"};
	return r < sizeof(n) / sizeof(n[0]) ? n[r] : "RCODE?";
}

const char *nt_service_name(unsigned port)
{
	switch (port) {
	case 53: return "DNS";
	case 22: return "SSH";
	case 25: return "SMTP";
	case 80: return "HTTP";
	case 123: return "NTP";
	case 161: return "SNMP";
	case 514: return "syslog";
	case 8080: return "HTTP alternate";
	case 8443: return "HTTPS alternate";
	case 443: return "HTTPS";
	case 853: return "DNS over TLS";
	case 3306: return "MySQL";
	case 5432: return "PostgreSQL";
	case 3389: return "RDP";
	default: return NULL;
	}
}

static char *join(const char *items, size_t stride, uint32_t n, uint64_t more, char *dst,
		  size_t cap)
{
	size_t len = 0;
	dst[0] = '\0';
	for (uint32_t i = 0; i < n && len + 1 < cap; i++)
		len += (size_t)nt_fmt(dst + len, cap - len, "%s%s", i ? ", " : "",
					items + i * stride);
	if (more && len + 1 < cap)
		nt_fmt(dst + len, cap - len, " and %llu more", (unsigned long long)more);
	return dst;
}

char *nt_join_clients(const struct nt_finding *f, char *dst, size_t n)
{
	return join(f->clients[0], sizeof(f->clients[0]), f->n_clients, f->clients_more, dst, n);
}

char *nt_join_names(const struct nt_finding *f, char *dst, size_t n)
{
	return join(f->names[0], sizeof(f->names[0]), f->n_names, f->names_more, dst, n);
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
