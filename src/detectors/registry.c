/* \summary: the detector registry (the one table `detectors[]`) and the
 * helpers the detectors share: DNS type / rcode names, service names. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/detectors.h"

#define NT_DETECTOR(id, name, kinds)                                                   \
	{name, kinds, nt_##id##_params, sizeof(nt_##id##_params) / sizeof(struct nt_param), \
	 nt_##id##_init, nt_##id##_event, nt_##id##_finish, NULL}
#define NT_DETECTOR_PKT(id, name, kinds)                                               \
	{name, kinds, nt_##id##_params, sizeof(nt_##id##_params) / sizeof(struct nt_param), \
	 nt_##id##_init, nt_##id##_event, nt_##id##_finish, nt_##id##_packet}
/* packets only: no per-event call */
#define NT_DETECTOR_PKT_ONLY(id, name, kinds)                                          \
	{name, kinds, nt_##id##_params, sizeof(nt_##id##_params) / sizeof(struct nt_param), \
	 nt_##id##_init, NULL, nt_##id##_finish, nt_##id##_packet}

/* Every finding family, in the order their findings are considered. */
const struct nt_detector detectors[] = {
	NT_DETECTOR(det_dns_unreach, "dns.server_unreachable", "dns.server_unreachable"),
	NT_DETECTOR(det_dns_noresp, "dns.no_response", "dns.no_response"),
	NT_DETECTOR(det_dns_rcode, "dns.rcode", "dns.server_failure dns.nxdomain_surge"),
	NT_DETECTOR(det_icmp, "icmp",
		    "icmp.host_unreachable icmp.net_unreachable icmp.port_unreachable "
		    "icmp.admin_prohibited icmp.frag_needed icmp.ttl_exceeded"),
	NT_DETECTOR(det_tcp, "tcp", "tcp.connection_refused tcp.no_response"),
	/* attacks (after the DNS failure families: flood links its findings to theirs) */
	NT_DETECTOR_PKT_ONLY(det_tunnel, "dns.tunneling", "dns.tunneling"),
	NT_DETECTOR_PKT_ONLY(det_prsd, "dns.random_subdomain", "dns.random_subdomain"),
	NT_DETECTOR_PKT(det_amp, "dns.amplification", "dns.amplification"),
	NT_DETECTOR_PKT_ONLY(det_flood, "flood", "dns.flood icmp.flood"),
	NT_DETECTOR_PKT(det_synflood, "tcp.syn_flood", "tcp.syn_flood"),
	NT_DETECTOR_PKT(det_scan, "scan", "tcp.port_scan net.host_sweep"),
};
const size_t n_detectors = sizeof(detectors) / sizeof(detectors[0]);

void nt_detectors_packet(struct nt_report *r, const struct nt_engine *e, const struct nt_pkt *pkt,
			 const struct nt_raw *raw)
{
	static void (*list[sizeof(detectors) / sizeof(detectors[0])])(
		struct nt_report *, const struct nt_engine *, const struct nt_pkt *,
		const struct nt_raw *);
	static size_t n = 0;
	static int ready = 0;
	if (!ready) {
		for (size_t d = 0; d < n_detectors; d++)
			if (detectors[d].on_packet)
				list[n++] = detectors[d].on_packet;
		ready = 1;
	}
	for (size_t i = 0; i < n; i++)
		list[i](r, e, pkt, raw);
}

int nt_detector_index(const char *name)
{
	for (size_t i = 0; i < n_detectors; i++)
		if (strcmp(detectors[i].name, name) == 0)
			return (int)i;
	return -1;
}

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

struct nt_finding *nt_det_finding(struct nt_report *r, int det, const char *kind,
				  const struct nt_addr *server, int port, const char *transport,
				  const char *protocol)
{
	char s[64];
	nt_addr_str(server, s, sizeof(s));
	struct nt_finding *f = nt_report_finding(r, kind, s, port, transport);
	if (f && f->det < 0) {
		f->det = det;
		f->server_addr = *server;
		nt_fmt(f->protocol, sizeof(f->protocol), "%s", protocol);
	}
	return f;
}

struct nt_finding *nt_det_dns_finding(struct nt_report *r, int det, const char *kind,
				      const struct nt_dns_txn *t)
{
	struct nt_finding *f = nt_det_finding(r, det, kind, &t->server, t->sport,
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
