/* \summary: text-log parser, IP and transport fields: addresses and ports
 * (port names through proto/services.h), the IPv4/IPv6 header tcpdump
 * prints at -v, and the TCP fields. */
#include "input/textlog_int.h"

#include <arpa/inet.h>
#include <string.h>

#include "proto/services.h"

/* ------------------------------------------------------------------ */
/* Names: ports (proto/services.h), IP protocols */

int nt_tl_port_number(const char *name, size_t n, int proto)
{
	if (n == 0 || n > 64)
		return -1;
	struct span w = {name, n};
	int num = span_num(w, 65535, 5);
	if (num >= 0)
		return num;
	return nt_service_port_number(name, n, proto);
}

static const struct { const char *name; uint8_t num; } ip_protos[] = {
	{"ICMP", 1}, {"IGMP", 2}, {"IPIP", 4}, {"TCP", 6}, {"EGP", 8},
	{"UDP", 17}, {"IPv6", 41}, {"RSVP", 46}, {"GRE", 47}, {"ESP", 50},
	{"AH", 51}, {"ICMPv6", 58}, {"OSPF", 89}, {"PIM", 103}, {"VRRP", 112},
	{"SCTP", 132},
};

int nt_tl_ip_proto_of(struct span w)
{
	for (size_t i = 0; i < sizeof(ip_protos) / sizeof(ip_protos[0]); i++)
		if (span_is(w, ip_protos[i].name))
			return ip_protos[i].num;
	return span_num(w, 255, 3);
}

/* ------------------------------------------------------------------ */
/* Addresses */

/* "a.b.c.d[.port]", "v6[.port]" or "host[.port]"; fam 0 = unknown. */
int nt_tl_endpoint(struct span w, int fam, int proto, struct nt_addr *a,
			  uint16_t *port, int *has_port)
{
	char buf[96];
	memset(a, 0, sizeof(*a));
	*has_port = 0;
	*port = 0;
	if (!span_copy(buf, sizeof(buf), w))
		return 0;
	uint8_t tmp[16];
	int v6 = fam == 6 || memchr(w.p, ':', w.n) != NULL;
	if (v6) {
		if (inet_pton(AF_INET6, buf, tmp) == 1) {
			a->family = 6;
			memcpy(a->a, tmp, 16);
			return 1;
		}
	} else if (inet_pton(AF_INET, buf, tmp) == 1) {
		a->family = 4;
		memcpy(a->a, tmp, 4);
		return 1;
	}
	char *dot = strrchr(buf, '.');
	if (dot == NULL || dot == buf || dot[1] == '\0')
		goto hostname;
	*dot = '\0';
	int pn = nt_tl_port_number(dot + 1, strlen(dot + 1), proto);
	if (v6 ? inet_pton(AF_INET6, buf, tmp) == 1 : inet_pton(AF_INET, buf, tmp) == 1) {
		a->family = v6 ? 6 : 4;
		memcpy(a->a, tmp, v6 ? 16 : 4);
		if (pn >= 0) {
			*port = (uint16_t)pn;
			*has_port = 1;
		}
		return pn >= 0;
	}
	*dot = '.';
	if (pn >= 0 && !v6) {
		*port = (uint16_t)pn;
		*has_port = 1;
	}
hostname:
	/* A resolved host name: letters, digits, '-', '.', '_'. */
	for (const char *p = buf; *p; p++) {
		char ch = *p;
		if (!(is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      ch == '-' || ch == '.' || ch == '_' || ch == ':'))
			return 0;
	}
	return 1;
}

int nt_tl_addr_only(struct span w, struct nt_addr *a)
{
	uint16_t port;
	int hp;
	return nt_tl_endpoint(w, 0, 0, a, &port, &hp) && !hp && a->family != 0;
}

/* ------------------------------------------------------------------ */
/* IP headers at -v */

/* "NAME (N)": a protocol name and its number, as the -v headers print it. */
static int tx_proto_num(const char **pp, const char *e, uint64_t *v)
{
	const char *p = *pp;
	struct span nm;
	if (!tx_until(&p, e, ' ', 32, &nm) || !tx_lit(&p, e, " (") || !tx_num(&p, e, 255, 3, v) ||
	    !tx_ch(&p, e, ')'))
		return 0;
	*pp = p;
	return 1;
}

/* A field of the IPv4 header at -v, "(tos 0x0, ttl 64, id N, offset 0,
 * flags [none], proto UDP (17), length N[, ...])": its NT_TF_ kind, or
 * NT_TF_UNKNOWN (and *pp anywhere in it). */
static int v4hdr_field(const char **pp, const char *le, struct nt_pkt *pkt, int *proto)
{
	const char *p = *pp;
	uint64_t v;
	int field = NT_TF_UNKNOWN;
	if (tx_lit(&p, le, "tos ")) {
		if (tx_hex(&p, le, &v)) {
			field = NT_TF_IP_TOS;
			while (tx_lit(&p, le, ",ECT(0)") || tx_lit(&p, le, ",ECT(1)") ||
			       tx_lit(&p, le, ",CE"))
				;
		}
	} else if (tx_lit(&p, le, "ttl ")) {
		if (tx_num(&p, le, 255, 3, &v)) {
			field = NT_TF_IP_TTL;
			pkt->ttl = (uint8_t)v;
		}
	} else if (tx_lit(&p, le, "id ")) {
		if (tx_num(&p, le, 65535, 5, &v))
			field = NT_TF_IP_ID;
	} else if (tx_lit(&p, le, "offset ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP_OFFSET;
			if (v)
				pkt->fragment = 1;
		}
	} else if (tx_lit(&p, le, "flags [")) {
		if (tx_past(&p, le, ']', 32))
			field = NT_TF_IP_FLAGS;
	} else if (tx_lit(&p, le, "proto ")) {
		if (tx_proto_num(&p, le, &v)) {
			field = NT_TF_IP_PROTO;
			*proto = (int)v;
		}
	} else if (tx_lit(&p, le, "length ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP_LEN;
			pkt->ip_len = (uint16_t)v;
		}
	} else if (tx_lit(&p, le, "bad cksum ")) {
		if (tx_past(&p, le, '!', 40))
			field = NT_TF_IP_CKSUM;
	} else if (tx_lit(&p, le, "options (")) {
		tx_skip_nested(&p, le, '(', ')');
		field = NT_TF_IP_OPTIONS;
	}
	*pp = p;
	return field;
}

/* A field of the IPv6 header at -v, "(class 0x.., flowlabel 0x...,
 * hlim N, next-header NAME (N) payload length: N)": as v4hdr_field. */
static int v6hdr_field(const char **pp, const char *le, struct nt_pkt *pkt, int *proto)
{
	const char *p = *pp;
	uint64_t v;
	int field = NT_TF_UNKNOWN;
	if (tx_lit(&p, le, "class ")) {
		if (tx_hex(&p, le, &v))
			field = NT_TF_IP6_CLASS;
	} else if (tx_lit(&p, le, "flowlabel ")) {
		if (tx_hex(&p, le, &v))
			field = NT_TF_IP6_FLOW;
	} else if (tx_lit(&p, le, "hlim ")) {
		if (tx_num(&p, le, 255, 3, &v)) {
			field = NT_TF_IP6_HLIM;
			pkt->ttl = (uint8_t)v;
		}
	} else if (tx_lit(&p, le, "next-header ")) {
		if (tx_proto_num(&p, le, &v)) {
			field = NT_TF_IP6_NEXT;
			*proto = (int)v;
		}
	} else if (tx_lit(&p, le, "payload length: ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP6_PLEN;
			pkt->ip_len = (uint16_t)(v + 40 > 65535 ? 65535 : v + 40);
		}
	}
	*pp = p;
	return field;
}

/* The IP header tcpdump prints at -v, in parentheses: each field emitted,
 * one not understood spanning to the next ',' or ')'.  IPv4 has at most
 * 32 fields, each after a ','; IPv6 at most 16, and no ',' before
 * "payload length". */
void nt_tl_parse_iphdr(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
			int *proto, int v6)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	if (!tx_ch(&p, le, '('))
		return;
	for (int i = 0; i < (v6 ? 16 : 32) && p < le; i++) {
		tx_skipsp(&p, le);
		const char *fs = p;
		if (tx_ch(&p, le, ')'))
			break;
		int field = v6 ? v6hdr_field(&p, le, pkt, proto) : v4hdr_field(&p, le, pkt, proto);
		if (field == NT_TF_UNKNOWN) {
			/* skip to the next ", " or ")" */
			p = fs;
			while (p < le && *p != ',' && *p != ')')
				p++;
		}
		nt_tl_emit(c, field, fs, p);
		if (tx_ch(&p, le, ')'))
			break;
		if (!tx_ch(&p, le, ',') && !v6)
			break;
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* TCP */

void nt_tl_parse_tcp(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	uint64_t v;
	const char *fs = p;
	struct span in;
	if (!tx_lit(&p, le, "Flags [") || !tx_until(&p, le, ']', 16, &in))
		return;
	p++;
	for (size_t i = 0; i < in.n; i++) {
		switch (in.p[i]) {
		case 'F': pkt->tcp_flags |= NT_TH_FIN; break;
		case 'S': pkt->tcp_flags |= NT_TH_SYN; break;
		case 'R': pkt->tcp_flags |= NT_TH_RST; break;
		case 'P': pkt->tcp_flags |= NT_TH_PUSH; break;
		case '.': pkt->tcp_flags |= NT_TH_ACK; break;
		case 'U': pkt->tcp_flags |= NT_TH_URG; break;
		case 'E': pkt->tcp_flags |= NT_TH_ECE; break;
		case 'W': pkt->tcp_flags |= NT_TH_CWR; break;
		}
	}
	nt_tl_emit(c, NT_TF_TCP_FLAGS, fs, p);
	for (int i = 0; i < 16; i++) {
		const char *q = p;
		if (!tx_lit(&q, le, ", "))
			break;
		const char *s = q;
		int field = 0;
		if (tx_lit(&q, le, "cksum ")) {
			if (tx_hex(&q, le, &v) && tx_lit(&q, le, " (") && tx_past(&q, le, ')', 40))
				field = NT_TF_L4_CKSUM;
		} else if (tx_lit(&q, le, "seq ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->tcp_seq = (uint32_t)v;
				if (tx_ch(&q, le, ':'))
					tx_num(&q, le, 4294967295u, 10, &v);
				field = NT_TF_TCP_SEQ;
			}
		} else if (tx_lit(&q, le, "ack ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->tcp_ack = (uint32_t)v;
				field = NT_TF_TCP_ACK;
			}
		} else if (tx_lit(&q, le, "win ")) {
			if (tx_num(&q, le, 65535, 5, &v)) {
				pkt->tcp_win = (uint16_t)v;
				field = NT_TF_TCP_WIN;
			}
		} else if (tx_lit(&q, le, "urg ")) {
			if (tx_num(&q, le, 65535, 5, &v))
				field = NT_TF_TCP_URG;
		} else if (tx_lit(&q, le, "options [")) {
			if (tx_skip_nested(&q, le, '[', ']'))
				field = NT_TF_TCP_OPTS;
		} else if (tx_lit(&q, le, "length ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->l4_payload_len = (uint32_t)v;
				field = NT_TF_TCP_LEN;
			}
		}
		if (!field)
			break;
		nt_tl_emit(c, field, s, q);
		p = q;
	}
	*pp = p;
}
