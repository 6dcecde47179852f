/* \summary: ICMP (RFC 792, RFC 1191) and ICMPv6 (RFC 4443, RFC 4861
 * redirect) decoding into struct nt_icmp, with the datagram an error
 * quotes: its IP header, transport ports and, when the quote reaches
 * that far, the DNS id and first question (RFC 1035 4.1).
 *
 *  ICMP:    | type | code | checksum (2) | rest of header (4) | quote ... |
 *  rest:      echo: id (2) seq (2); frag needed: unused (2) MTU (2);
 *             redirect: gateway (4); ICMPv6 too big: MTU (4)
 *  quote:   | IPv4 header (IHL*4) or IPv6 header (40) + extension headers |
 *           | UDP: sport dport len sum | DNS: id flags qd an ns ar | qname qtype |
 *           | TCP: sport dport seq ack off ... | length (2) | DNS ... |
 *
 * A quote is usually cut short on purpose (RFC 792 asks for 8 octets of
 * the original data only), so a short quote is not an error: the fields
 * it reaches are filled and the others are left zero.
 */
#include "decode/icmp.h"

#include <string.h>

#include "decode/dns.h"
#include "proto/icmp.h"

static int dns_port(unsigned p)
{
	return p == 53 || p == 5353 || p == 5355;
}

/* DNS message in the quote at the cursor position: wire_len is its
 * length per the quoted transport header. */
static void quote_dns(struct nt_cur *t, size_t wire_len, struct nt_icmp *ic)
{
	struct nt_cur msg;
	size_t cap = nt_cur_left(t);
	if (cap < 2)
		return;
	nt_cur_init_frame(&msg, t->p, cap, wire_len > cap ? wire_len : cap);
	ic->quote_dns_id = nt_u16(&msg);
	ic->quote_has_dns_id = 1;
	nt_skip(&msg, 2);
	unsigned qd = nt_u16(&msg);
	nt_skip(&msg, 6);
	if (msg.err || qd == 0)
		return;
	char name[NT_DNS_NAME_MAX];
	if (nt_dns_read_name(&msg, name, sizeof(name)) != NT_OK)
		return;
	uint16_t qtype = nt_u16(&msg);
	if (msg.err)
		return;
	memcpy(ic->quote_qname, name, sizeof(ic->quote_qname));
	ic->quote_qname[sizeof(ic->quote_qname) - 1] = '\0';
	ic->quote_dns_qtype = qtype;
}

/* Transport header at the cursor (protocol proto, payload `plen` bytes
 * long per the quoted IP header). */
static void quote_transport(struct nt_cur *t, unsigned proto, size_t plen, struct nt_icmp *ic)
{
	if (proto != 6 && proto != 17 && proto != 132 && proto != 33)
		return;
	struct nt_cur hdr = *t; /* the transport header's first octet */
	unsigned sp = nt_u16(t), dp = nt_u16(t);
	if (t->err)
		return;
	ic->quote.sport = (uint16_t)sp;
	ic->quote.dport = (uint16_t)dp;
	ic->quote.has_ports = 1;
	if (!dns_port(sp) && !dns_port(dp))
		return;
	if (proto == 17) {
		unsigned ulen = nt_u16(t);
		nt_skip(t, 2);
		if (t->err)
			return;
		size_t dlen = ulen >= 8 ? ulen - 8u : (plen >= 8 ? plen - 8 : 0);
		quote_dns(t, dlen, ic);
	} else if (proto == 6) {
		struct nt_cur o = hdr;
		nt_skip(&o, 12);
		unsigned off = nt_u8(&o) >> 4;
		if (o.err || off < 5)
			return;
		/* DNS over TCP: a 2-octet length, then the message */
		if (!nt_skip(&hdr, off * 4u) || !nt_cur_has(&hdr, 2))
			return;
		unsigned mlen = nt_u16(&hdr);
		quote_dns(&hdr, mlen, ic);
	}
}

/* IPv4 datagram quoted at the cursor position. */
static void quote_ip4(struct nt_cur *q, struct nt_icmp *ic)
{
	const uint8_t *h = nt_ptr(q, 20);
	if (h == NULL || (h[0] >> 4) != 4)
		return;
	unsigned hl = (h[0] & 0x0f) * 4u;
	unsigned tot = (unsigned)((h[2] << 8) | h[3]);
	unsigned frag = (unsigned)((h[6] << 8) | h[7]) & 0x1fff;
	ic->has_quote = 1;
	ic->quote_ttl = h[8];
	ic->quote.proto = h[9];
	ic->quote.src.family = ic->quote.dst.family = 4;
	memcpy(ic->quote.src.a, h + 12, 4);
	memcpy(ic->quote.dst.a, h + 16, 4);
	if (hl < 20 || frag != 0 || !nt_skip(q, hl - 20))
		return;
	quote_transport(q, h[9], tot > hl ? tot - hl : 0, ic);
}

/* IPv6 packet quoted at the cursor position, through its extension headers. */
static void quote_ip6(struct nt_cur *q, struct nt_icmp *ic)
{
	const uint8_t *h = nt_ptr(q, 40);
	if (h == NULL || (h[0] >> 4) != 6)
		return;
	unsigned nh = h[6];
	size_t plen = (size_t)((h[4] << 8) | h[5]);
	ic->has_quote = 1;
	ic->quote_ttl = h[7];
	ic->quote.src.family = ic->quote.dst.family = 6;
	memcpy(ic->quote.src.a, h + 8, 16);
	memcpy(ic->quote.dst.a, h + 24, 16);
	for (int guard = 0; guard < 8; guard++) {
		unsigned next, l, fo;
		size_t hl;
		switch (nh) {
		case 0:
		case 43:
		case 60:
			next = nt_u8(q);
			l = nt_u8(q);
			hl = (l + 1u) * 8;
			break;
		case 51:
			next = nt_u8(q);
			l = nt_u8(q);
			hl = (l + 2u) * 4;
			break;
		case 44:
			next = nt_u8(q);
			nt_skip(q, 1);
			fo = nt_u16(q);
			if (q->err || (fo & 0xfff8) != 0) {
				ic->quote.proto = 44;
				return;
			}
			hl = 8;
			break;
		default:
			ic->quote.proto = (uint8_t)nh;
			quote_transport(q, nh, plen, ic);
			return;
		}
		if (q->err)
			return;
		/* the two (or four) octets read are part of hl */
		size_t done = nh == 44 ? 4 : 2;
		if (!nt_skip(q, hl - done))
			return;
		plen = plen > hl ? plen - hl : 0;
		nh = next;
	}
}

/* The quote starts after the 8-octet header of m. */
static void decode_quote(const struct nt_cur *m, struct nt_icmp *ic, int v6)
{
	struct nt_cur q = *m;
	size_t cap = nt_cur_left(&q);
	ic->quote_len = (uint16_t)(cap > 0xffff ? 0xffff : cap);
	if (cap == 0)
		return;
	if (v6)
		quote_ip6(&q, ic);
	else
		quote_ip4(&q, ic);
}

void nt_icmp_clear(struct nt_icmp *ic)
{
	memset(ic, 0, offsetof(struct nt_icmp, quote_qname));
	ic->quote_qname[0] = '\0';
}

static int decode_common(struct nt_cur *c, uint32_t len, struct nt_icmp *ic, int v6)
{
	struct nt_cur m;
	nt_icmp_clear(ic);
	ic->present = 1;
	ic->v6 = (uint8_t)v6;
	nt_cur_sub(c, len, &m);
	ic->type = nt_u8(&m);
	ic->code = nt_u8(&m);
	nt_skip(&m, 2);
	const uint8_t *rest = nt_ptr(&m, 4);
	if (m.err) {
		ic->is_error = (uint8_t)nt_icmp_is_error(v6, ic->type);
		return m.err;
	}
	uint32_t r32 = ((uint32_t)rest[0] << 24) | ((uint32_t)rest[1] << 16) |
		       ((uint32_t)rest[2] << 8) | rest[3];
	if (!v6) {
		switch (ic->type) {
		case NT_ICMP_ECHOREPLY: case NT_ICMP_ECHO: case NT_ICMP_TSTAMP:
		case NT_ICMP_TSTAMPREPLY: case NT_ICMP_IREQ: case NT_ICMP_IREQREPLY:
		case NT_ICMP_MASKREQ: case NT_ICMP_MASKREPLY:
			ic->id = (uint16_t)(r32 >> 16);
			ic->seq = (uint16_t)r32;
			break;
		case NT_ICMP_UNREACH:
			if (ic->code == NT_ICMP_UNREACH_NEEDFRAG)
				ic->mtu = r32 & 0xffff;
			break;
		case NT_ICMP_REDIRECT:
			ic->gateway.family = 4;
			memcpy(ic->gateway.a, rest, 4);
			break;
		default:
			break;
		}
	} else {
		switch (ic->type) {
		case NT_ICMP6_ECHO_REQUEST: case NT_ICMP6_ECHO_REPLY:
			ic->id = (uint16_t)(r32 >> 16);
			ic->seq = (uint16_t)r32;
			break;
		case NT_ICMP6_PACKET_TOO_BIG:
			ic->mtu = r32;
			break;
		case NT_ICMP6_REDIRECT: {
			const uint8_t *t = nt_ptr(&m, 16);
			if (t) {
				ic->gateway.family = 6;
				memcpy(ic->gateway.a, t, 16);
			}
			return NT_OK;
		}
		default:
			break;
		}
	}
	ic->is_error = (uint8_t)nt_icmp_is_error(v6, ic->type);
	if (ic->is_error)
		decode_quote(&m, ic, v6);
	return NT_OK;
}

int nt_decode_icmp(struct nt_cur *c, uint32_t len, struct nt_icmp *ic)
{
	return decode_common(c, len, ic, 0);
}

int nt_decode_icmp6(struct nt_cur *c, uint32_t len, struct nt_icmp *ic)
{
	return decode_common(c, len, ic, 1);
}
