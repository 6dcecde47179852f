/* \summary: frame decoder for the analysis engine: link layer, IPv4/IPv6,
 * UDP/TCP, then DNS and ICMP/ICMPv6, into a caller-owned struct nt_pkt.
 *
 * RFCs: 894 (Ethernet), IEEE 802.1Q/802.1ad (VLAN, QinQ), 791 (IPv4),
 * 8200 (IPv6 and its extension headers), 4302 (AH), 768 (UDP), 9293
 * (TCP), 1035 4.2.2 (DNS over TCP length prefix), 6762 (mDNS), 4795
 * (LLMNR); Linux cooked capture v1/v2 and BSD loopback are libpcap's
 * LINKTYPE_LINUX_SLL/SLL2/NULL/LOOP.
 *
 * Ethernet:  | dst (6) | src (6) | [0x8100|0x88a8 | TCI (2)]* | type (2) |
 * SLL v1:    | pkttype (2) | hatype (2) | halen (2) | addr (8) | proto (2) |
 * SLL v2:    | proto (2) | rsvd (2) | ifindex (4) | hatype (2) | pkttype | halen | addr (8) |
 * NULL/LOOP: | address family (4; host order / network order) |
 * IPv4:      | v/ihl | tos | total len | id | flags/frag | ttl | proto | sum | src | dst | opts |
 * IPv6:      | v/tc/flow (4) | payload len | next | hlim | src (16) | dst (16) | ext hdrs |
 * ext hdr:   | next | len (8-octet units beyond 8; AH: 4-octet units beyond 8) | ... |
 * fragment:  | next | rsvd | offset(13)/res(2)/M(1) | ident (4) |
 * UDP:       | sport | dport | length | checksum |
 * TCP:       | sport | dport | seq (4) | ack (4) | off/flags (2) | win | sum | urg | opts |
 *
 * Nothing is allocated: the record's payload pointer points into the
 * frame.  Every byte is read through the bounds-checked cursor; the
 * record's status keeps the worst problem met (capture ended early, or
 * a length field lies).
 */
#include "decode/decode.h"

#include <string.h>

#include "core/cursor.h"
#include "decode/dns.h"
#include "decode/icmp.h"

enum {
	MAX_VLAN = 8,
	MAX_EXT_HDRS = 16,
	ETH_P_IP = 0x0800,
	ETH_P_IPV6 = 0x86dd,
	ETH_P_ARP = 0x0806,
	ETH_P_RARP = 0x8035,
};

static void worst(struct nt_pkt *pkt, int st)
{
	if (st > pkt->status)
		pkt->status = (uint8_t)st;
}

static void status_of(struct nt_pkt *pkt, int err)
{
	if (err == NT_ETRUNC)
		worst(pkt, NT_PKT_TRUNCATED);
	else if (err == NT_EMALF)
		worst(pkt, NT_PKT_MALFORMED);
}

static int is_dns_port(unsigned p)
{
	return p == 53 || p == 5353 || p == 5355;
}

static void decode_dns(struct nt_pkt *pkt, struct nt_cur *c, uint32_t len)
{
	unsigned sp = pkt->flow.sport, dp = pkt->flow.dport;
	nt_decode_dns(c, len, &pkt->dns);
	pkt->dns.is_mdns = (uint8_t)(sp == 5353 || dp == 5353);
	pkt->dns.is_llmnr = (uint8_t)(!pkt->dns.is_mdns && (sp == 5355 || dp == 5355));
	worst(pkt, pkt->dns.status);
}

/* c: the transport payload's cursor (wire length = payload length). */
static void set_payload(struct nt_pkt *pkt, const struct nt_cur *c, uint32_t len)
{
	pkt->l4_payload_len = len;
	size_t have = nt_cur_left(c);
	pkt->payload = have ? c->p : NULL;
	pkt->payload_caplen = (uint32_t)(have < len ? have : len);
}

static void decode_udp(struct nt_pkt *pkt, struct nt_cur *c, uint32_t len, int first_frag)
{
	if (len < 8) {
		worst(pkt, NT_PKT_MALFORMED);
		return;
	}
	pkt->flow.sport = nt_u16(c);
	pkt->flow.dport = nt_u16(c);
	if (!c->err)
		pkt->flow.has_ports = 1;
	uint32_t ulen = nt_u16(c);
	nt_u16(c); /* checksum */
	if (c->err) {
		status_of(pkt, c->err);
		return;
	}
	if (ulen == 0 && len > 65535) /* RFC 2675 jumbogram */
		ulen = len;
	uint32_t plen = len - 8;
	if (ulen < 8) {
		worst(pkt, NT_PKT_MALFORMED);
	} else if (ulen > len) {
		/* UDP length beyond the IP datagram: a lie, unless this is
		 * the first fragment of a larger one. */
		if (!first_frag)
			worst(pkt, NT_PKT_MALFORMED);
	} else {
		plen = ulen - 8;
	}
	struct nt_cur pl;
	nt_cur_sub(c, plen, &pl);
	set_payload(pkt, &pl, plen);
	if (first_frag)
		return;
	if (is_dns_port(pkt->flow.sport) || is_dns_port(pkt->flow.dport))
		decode_dns(pkt, &pl, plen);
}

static void decode_tcp(struct nt_pkt *pkt, struct nt_cur *c, uint32_t len, int first_frag)
{
	pkt->flow.sport = nt_u16(c);
	pkt->flow.dport = nt_u16(c);
	if (!c->err)
		pkt->flow.has_ports = 1;
	pkt->tcp_seq = nt_u32(c);
	pkt->tcp_ack = nt_u32(c);
	unsigned hlen = (unsigned)(nt_u8(c) >> 4) * 4;
	pkt->tcp_flags = nt_u8(c);
	pkt->tcp_win = nt_u16(c);
	nt_skip(c, 4); /* checksum, urgent pointer */
	if (c->err) {
		status_of(pkt, c->err);
		return;
	}
	if (hlen < 20 || hlen > len) {
		worst(pkt, NT_PKT_MALFORMED);
		return;
	}
	if (!nt_skip(c, hlen - 20)) {
		status_of(pkt, c->err);
		return;
	}
	uint32_t plen = len - hlen;
	struct nt_cur pl;
	nt_cur_sub(c, plen, &pl);
	set_payload(pkt, &pl, plen);
	if (first_frag || (pkt->flow.sport != 53 && pkt->flow.dport != 53))
		return;
	/* The engine follows the stream (analysis/tcpdns.h): a message split
	 * over segments, or several in one. */
	pkt->reasm |= NT_RS_TCPDNS;
	if (plen < 2)
		return;
	/* DNS over TCP: a 2-byte length, then the message.  A message that
	 * continues in a later segment is not decoded here. */
	uint32_t mlen = nt_u16(&pl);
	if (pl.err) {
		status_of(pkt, pl.err);
		return;
	}
	if (mlen > plen - 2)
		return;
	decode_dns(pkt, &pl, mlen);
}

/* first_frag: the datagram continues in later fragments, so the
 * transport lengths cover more than this packet holds. */
static void decode_l4(struct nt_pkt *pkt, struct nt_cur *c, uint32_t len, int v6,
		      int first_frag)
{
	switch (pkt->flow.proto) {
	case 17:
		decode_udp(pkt, c, len, first_frag);
		break;
	case 6:
		decode_tcp(pkt, c, len, first_frag);
		break;
	case 1:
		if (!v6 && !first_frag)
			status_of(pkt, nt_decode_icmp(c, len, &pkt->icmp));
		break;
	case 58:
		if (v6 && !first_frag)
			status_of(pkt, nt_decode_icmp6(c, len, &pkt->icmp));
		break;
	default:
		break;
	}
}

/* Bytes of the frame the enclosing layer says follow the cursor. */
static uint32_t wire_left(const struct nt_cur *c)
{
	size_t off = nt_cur_off(c);
	return c->wire_len > off ? (uint32_t)(c->wire_len - off) : 0;
}

/* A fragment: what the engine's reassembly needs (core/packet.h).  h: the
 * hlen bytes of headers before the fragmentable part (captured); c: on the
 * fragment's data, len bytes of it per the IP length. */
static void frag_note(struct nt_pkt *pkt, const uint8_t *h, uint32_t hlen, uint32_t off,
		      int more, uint32_t id, const struct nt_cur *c, uint32_t len)
{
	size_t have = nt_cur_left(c);
	pkt->reasm |= NT_RS_FRAG;
	pkt->frag_more = (uint8_t)more;
	pkt->frag_hlen = (uint16_t)hlen;
	pkt->frag_id = id;
	pkt->frag_off = off;
	pkt->frag_len = len;
	pkt->frag_caplen = (uint32_t)(have < len ? have : len);
	pkt->frag_hdr = h;
	pkt->frag_data = have ? c->p : NULL;
}

static void decode_ip4(struct nt_pkt *pkt, struct nt_cur *c)
{
	uint32_t avail = wire_left(c);
	const uint8_t *h = nt_ptr(c, 20);
	if (h == NULL) {
		status_of(pkt, c->err);
		return;
	}
	if ((h[0] >> 4) != 4) {
		worst(pkt, NT_PKT_MALFORMED);
		return;
	}
	pkt->l3 = 4;
	pkt->flow.src.family = pkt->flow.dst.family = 4;
	memcpy(pkt->flow.src.a, h + 12, 4);
	memcpy(pkt->flow.dst.a, h + 16, 4);
	pkt->flow.proto = h[9];
	pkt->ttl = h[8];
	unsigned hlen = (h[0] & 0x0f) * 4u;
	uint32_t tlen = (uint32_t)((h[2] << 8) | h[3]);
	pkt->ip_len = (uint16_t)tlen;
	if (hlen < 20 || tlen < hlen) {
		worst(pkt, NT_PKT_MALFORMED);
		return;
	}
	if (tlen > avail) {
		/* The datagram claims more than the frame carries. */
		worst(pkt, NT_PKT_MALFORMED);
		tlen = avail < hlen ? hlen : avail;
	}
	if (!nt_skip(c, hlen - 20)) {
		status_of(pkt, c->err);
		return;
	}
	unsigned off = (unsigned)((h[6] << 8) | h[7]);
	if ((off & 0x3fff) && tlen == (uint32_t)((h[2] << 8) | h[3]))
		frag_note(pkt, h, hlen, (off & 0x1fffu) * 8u, (off & 0x2000) != 0,
			  (uint32_t)((h[4] << 8) | h[5]), c, tlen - hlen);
	if (off & 0x1fff) {
		pkt->fragment = 1;
		return;
	}
	struct nt_cur l4;
	nt_cur_sub(c, tlen - hlen, &l4);
	decode_l4(pkt, &l4, tlen - hlen, 0, (off & 0x2000) != 0);
}

static void decode_ip6(struct nt_pkt *pkt, struct nt_cur *c)
{
	uint32_t avail = wire_left(c);
	const uint8_t *h = nt_ptr(c, 40);
	if (h == NULL) {
		status_of(pkt, c->err);
		return;
	}
	if ((h[0] >> 4) != 6) {
		worst(pkt, NT_PKT_MALFORMED);
		return;
	}
	pkt->l3 = 6;
	pkt->flow.src.family = pkt->flow.dst.family = 6;
	memcpy(pkt->flow.src.a, h + 8, 16);
	memcpy(pkt->flow.dst.a, h + 24, 16);
	pkt->ttl = h[7];
	uint32_t plen = (uint32_t)((h[4] << 8) | h[5]);
	/* a fragment is reassembled only when its lengths hold (RFC 2675
	 * section 3: a jumbogram has no fragment header) */
	int lengths_ok = plen != 0 && plen + 40 <= avail;
	if (plen == 0) /* jumbogram (RFC 2675) or unknown: what the frame has */
		plen = avail - 40;
	pkt->ip_len = (uint16_t)(plen + 40 > 0xffff ? 0xffff : plen + 40);
	if (plen + 40 > avail) {
		worst(pkt, NT_PKT_MALFORMED);
		plen = avail - 40;
	}
	struct nt_cur p;
	nt_cur_sub(c, plen, &p);
	unsigned nh = h[6];
	uint32_t left = plen;
	int first_frag = 0;
	uint32_t nh_off = 6; /* where the byte naming header nh is */
	for (int n = 0;; n++) {
		pkt->flow.proto = (uint8_t)nh;
		if (n >= MAX_EXT_HDRS) {
			worst(pkt, NT_PKT_MALFORMED);
			return;
		}
		unsigned elen;
		switch (nh) {
		case 0:  /* hop-by-hop */
		case 43: /* routing */
		case 60: /* destination options */
		case 135: /* mobility */
		case 51: { /* AH */
			int b0 = nt_peek(&p, 0), b1 = nt_peek(&p, 1);
			if (left < 8) {
				worst(pkt, NT_PKT_MALFORMED);
				return;
			}
			if (b0 < 0 || b1 < 0) {
				nt_cur_need(&p, 2);
				status_of(pkt, p.err);
				return;
			}
			elen = nh == 51 ? ((unsigned)b1 + 2) * 4 : ((unsigned)b1 + 1) * 8;
			if (elen > left) {
				worst(pkt, NT_PKT_MALFORMED);
				return;
			}
			if (!nt_skip(&p, elen)) {
				status_of(pkt, p.err);
				return;
			}
			nh = (unsigned)b0;
			nh_off = 40 + plen - left;
			left -= elen;
			continue;
		}
		case 44: { /* fragment */
			if (left < 8) {
				worst(pkt, NT_PKT_MALFORMED);
				return;
			}
			uint32_t unfrag = 40 + plen - left;
			const uint8_t *f = nt_ptr(&p, 8);
			if (f == NULL) {
				status_of(pkt, p.err);
				return;
			}
			left -= 8;
			nh = f[0];
			unsigned fo = (unsigned)((f[2] << 8) | f[3]);
			if ((fo & 0xfff9) && lengths_ok) { /* not an atomic fragment (RFC 6946) */
				frag_note(pkt, h, unfrag, fo & 0xfff8u, fo & 1,
					  ((uint32_t)f[4] << 24) | ((uint32_t)f[5] << 16) |
						  ((uint32_t)f[6] << 8) | f[7],
					  &p, left);
				pkt->frag_nh_off = (uint16_t)nh_off;
			}
			if (fo & 0xfff8) {
				pkt->flow.proto = (uint8_t)nh;
				pkt->fragment = 1;
				return;
			}
			first_frag = (f[3] & 1) != 0;
			continue;
		}
		default:
			break;
		}
		break;
	}
	decode_l4(pkt, &p, left, 1, first_frag);
}

static void decode_ethertype(struct nt_pkt *pkt, struct nt_cur *c, unsigned type)
{
	struct nt_cur sub;
	nt_cur_sub(c, wire_left(c), &sub);
	switch (type) {
	case ETH_P_IP:
		decode_ip4(pkt, &sub);
		break;
	case ETH_P_IPV6:
		decode_ip6(pkt, &sub);
		break;
	case ETH_P_ARP:
	case ETH_P_RARP:
		pkt->l3 = 1;
		break;
	default:
		break;
	}
}

static void decode_ip_any(struct nt_pkt *pkt, struct nt_cur *c)
{
	int b = nt_peek(c, 0);
	if (b < 0) {
		nt_cur_need(c, 1);
		status_of(pkt, c->err);
		return;
	}
	if ((b >> 4) == 4)
		decode_ip4(pkt, c);
	else if ((b >> 4) == 6)
		decode_ip6(pkt, c);
	else
		worst(pkt, NT_PKT_MALFORMED);
}

int nt_decode_frame(const uint8_t *data, uint32_t caplen, uint32_t wirelen, int dlt,
		    struct nt_pkt *pkt)
{
	uint64_t frame = pkt->frame;
	int64_t sec = pkt->ts_sec;
	uint32_t nsec = pkt->ts_nsec, flags = pkt->flags;
	/* Not one memset of the whole record: the name buffers and answer
	 * array are most of its size and are emptied by their first byte. */
	memset(pkt, 0, offsetof(struct nt_pkt, icmp));
	nt_icmp_clear(&pkt->icmp);
	nt_dns_clear(&pkt->dns);
	pkt->frame = frame;
	pkt->ts_sec = sec;
	pkt->ts_nsec = nsec;
	pkt->flags = flags;
	pkt->caplen = caplen;
	pkt->wirelen = wirelen;
	pkt->dlt = dlt;
	if (wirelen < caplen) {
		/* A record header that lies: trust only what both allow. */
		worst(pkt, NT_PKT_MALFORMED);
		caplen = wirelen;
	}
	struct nt_cur c;
	nt_cur_init_frame(&c, data, caplen, wirelen);
	switch (dlt) {
	case NT_DLT_EN10MB: {
		if (!nt_skip(&c, 12)) {
			status_of(pkt, c.err);
			break;
		}
		unsigned type = nt_u16(&c);
		for (int n = 0; !c.err && (type == 0x8100 || type == 0x88a8 || type == 0x9100 ||
					  type == 0x9200); n++) {
			if (n >= MAX_VLAN) {
				worst(pkt, NT_PKT_MALFORMED);
				return 0;
			}
			nt_u16(&c); /* TCI */
			type = nt_u16(&c);
		}
		if (c.err) {
			status_of(pkt, c.err);
			break;
		}
		if (type > 1500)
			decode_ethertype(pkt, &c, type);
		break;
	}
	case NT_DLT_LINUX_SLL: {
		if (!nt_skip(&c, 14)) {
			status_of(pkt, c.err);
			break;
		}
		unsigned proto = nt_u16(&c);
		if (c.err)
			status_of(pkt, c.err);
		else
			decode_ethertype(pkt, &c, proto);
		break;
	}
	case NT_DLT_LINUX_SLL2: {
		unsigned proto = nt_u16(&c);
		nt_skip(&c, 18);
		if (c.err)
			status_of(pkt, c.err);
		else
			decode_ethertype(pkt, &c, proto);
		break;
	}
	case NT_DLT_NULL:
	case NT_DLT_LOOP: {
		uint32_t af = dlt == NT_DLT_LOOP ? nt_u32(&c) : nt_u32le(&c);
		if (c.err) {
			status_of(pkt, c.err);
			break;
		}
		if (dlt == NT_DLT_NULL && (af & 0xffff0000u)) /* written by the other byte order */
			af = ((af & 0xff) << 24) | ((af & 0xff00) << 8) | ((af >> 8) & 0xff00) |
			     (af >> 24);
		struct nt_cur sub;
		nt_cur_sub(&c, wire_left(&c), &sub);
		if (af == 2)
			decode_ip4(pkt, &sub);
		else if (af == 10 || af == 24 || af == 28 || af == 30)
			decode_ip6(pkt, &sub);
		break;
	}
	case NT_DLT_RAW:
	case NT_DLT_RAW_OPENBSD:
		decode_ip_any(pkt, &c);
		break;
	case NT_DLT_IPV4:
		decode_ip4(pkt, &c);
		break;
	case NT_DLT_IPV6:
		decode_ip6(pkt, &c);
		break;
	default:
		return NT_ENOTSUP;
	}
	return 0;
}
