/* \summary: IPv4 (RFC 791) and IPv6 (RFC 8200) printers, with IPv4
 * options, IPv6 extension headers and the demultiplexer to transports.
 *
 * IPv4:  | ver/ihl | tos | total length | id | flags/frag off | ttl | proto |
 *        | checksum | src (4) | dst (4) | options ... |
 * IPv6:  | ver/class/flow (4) | payload length | next | hop limit | src (16) | dst (16) |
 */
#include "print/print.h"

enum { MAX_IP_DEPTH = 4 };

static const char *ipproto_name(unsigned p)
{
	switch (p) {
	case 0: return "Options";
	case 1: return "ICMP";
	case 2: return "IGMP";
	case 4: return "IPIP";
	case 6: return "TCP";
	case 8: return "EGP";
	case 9: return "IGRP";
	case 17: return "UDP";
	case 33: return "DCCP";
	case 41: return "IPv6";
	case 43: return "Routing";
	case 44: return "Fragment";
	case 46: return "RSVP";
	case 47: return "GRE";
	case 50: return "ESP";
	case 51: return "AH";
	case 55: return "Mobile IP";
	case 58: return "ICMPv6";
	case 59: return "NONE";
	case 60: return "DSTOPT";
	case 62: return "Mobile IP (old)";
	case 88: return "EIGRP";
	case 89: return "OSPF";
	case 103: return "PIM";
	case 108: return "Compressed IP";
	case 112: return "VRRP";
	case 113: return "PGM";
	case 132: return "SCTP";
	case 135: return "Mobility";
	default: return "unknown";
	}
}

/* Names from /etc/protocols, as tcpdump prints them without -n. */
static const char *netdb_protoname(unsigned p)
{
	switch (p) {
	case 0: return "ip";
	case 1: return "icmp";
	case 2: return "igmp";
	case 4: return "ipencap";
	case 6: return "tcp";
	case 8: return "egp";
	case 17: return "udp";
	case 41: return "ipv6";
	case 43: return "ipv6-route";
	case 44: return "ipv6-frag";
	case 46: return "rsvp";
	case 47: return "gre";
	case 50: return "esp";
	case 51: return "ah";
	case 58: return "ipv6-icmp";
	case 59: return "ipv6-nonxt";
	case 60: return "ipv6-opts";
	case 89: return "ospf";
	case 103: return "pim";
	case 112: return "vrrp";
	case 132: return "sctp";
	default: return NULL;
	}
}

static void print_proto_word(struct nt_printer *pr, unsigned nh)
{
	const char *name = pr->o.nflag ? NULL : netdb_protoname(nh);
	if (name)
		nt_out_printf(pr->out, " %s", name);
	else
		nt_out_printf(pr->out, " ip-proto-%u", nh);
}

static int demux(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int v6,
		 unsigned nh, const uint8_t *src, const uint8_t *dst)
{
	struct nt_out *o = pr->out;
	switch (nh) {
	case 6:
		return nt_print_tcp(pr, c, len, src, dst, v6);
	case 17:
		return nt_print_udp(pr, c, len, src, dst, v6);
	case 1:
		if (v6) {
			nt_out_puts(o, "[ICMP requires IPv4] (invalid)");
			return NT_PRINT_OK;
		}
		return nt_print_icmp(pr, c, len);
	case 58:
		if (!v6) {
			nt_out_puts(o, "[ICMPv6 requires IPv6] (invalid)");
			return NT_PRINT_OK;
		}
		return nt_print_icmp6(pr, c, len, src, dst);
	case 4:
		return nt_print_ip4(pr, c);
	case 41:
		return nt_print_ip6(pr, c);
	case 59:
		nt_out_puts(o, "no next header");
		return NT_PRINT_OK;
	default:
		print_proto_word(pr, nh);
		nt_out_printf(o, " %u", len);
		return NT_PRINT_OK;
	}
}

/* tcpdump's ip_printroute: RR, SSRR, LSRR. */
static void ip_printroute(struct nt_printer *pr, const uint8_t *cp, unsigned length)
{
	if (length < 3) {
		nt_out_printf(pr->out, " [bad length %u]", length);
		return;
	}
	if ((length + 1) & 3)
		nt_out_printf(pr->out, " [bad length %u]", length);
	unsigned ptr = cp[2] - 1u;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		nt_out_printf(pr->out, " [bad ptr %u]", cp[2]);
	for (unsigned len = 3; len + 4 <= length; len += 4) {
		nt_out_putc(pr->out, ' ');
		nt_out_ip4(pr->out, cp + len);
		if (ptr > len)
			nt_out_putc(pr->out, ',');
	}
}

static const char *ipopt_name(unsigned code)
{
	switch (code) {
	case 0: return "EOL";
	case 1: return "NOP";
	case 68: return "timestamp";
	case 130: return "security";
	case 7: return "RR";
	case 137: return "SSRR";
	case 131: return "LSRR";
	case 148: return "RA";
	case 82: return "traceroute";
	default: return NULL;
	}
}

/* Returns -1 when the options were cut by the capture. */
static int ip_optprint(struct nt_printer *pr, const uint8_t *cp, unsigned length)
{
	const char *sep = "";
	unsigned option_len;
	for (; length > 0; cp += option_len, length -= option_len) {
		nt_out_puts(pr->out, sep);
		sep = ",";
		unsigned code = cp[0];
		const char *name = ipopt_name(code);
		if (name)
			nt_out_puts(pr->out, name);
		else
			nt_out_printf(pr->out, "unknown %u", code);
		if (code == 0 || code == 1) {
			option_len = 1;
		} else {
			if (length < 2)
				return -1;
			option_len = cp[1];
			if (option_len < 2) {
				nt_out_printf(pr->out, " [bad length %u]", option_len);
				return 0;
			}
		}
		if (option_len > length) {
			nt_out_printf(pr->out, " [bad length %u]", option_len);
			return 0;
		}
		switch (code) {
		case 0:
			return 0;
		case 7:
		case 137:
		case 131:
			ip_printroute(pr, cp, option_len);
			break;
		case 148:
			if (option_len < 4) {
				nt_out_printf(pr->out, " [bad length %u]", option_len);
				break;
			}
			if (((cp[2] << 8) | cp[3]) != 0)
				nt_out_printf(pr->out, " value %u", (cp[2] << 8) | cp[3]);
			break;
		default:
			break;
		}
	}
	return 0;
}

int nt_print_ip(struct nt_printer *pr, struct nt_cur *c)
{
	int b = nt_peek(c, 0);
	if (b < 0) {
		nt_print_trunc(pr, "ip");
		return NT_PRINT_TRUNC;
	}
	switch (b & 0xf0) {
	case 0x40:
		return nt_print_ip4(pr, c);
	case 0x60:
		return nt_print_ip6(pr, c);
	default:
		nt_out_printf(pr->out, "unknown ip %u", (unsigned)(b & 0xf0) >> 4);
		return NT_PRINT_OK;
	}
}

int nt_print_ip4(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)(c->wire_len - nt_cur_off(c));
	const uint8_t *h = c->p;
	if (!pr->o.eflag)
		nt_out_puts(o, "IP ");
	if (++pr->ip_depth > MAX_IP_DEPTH) {
		nt_out_puts(o, "[too many nested headers] (invalid)");
		return NT_PRINT_OK;
	}
	if (!nt_cur_has(c, 20)) {
		nt_print_trunc(pr, "ip");
		return NT_PRINT_TRUNC;
	}
	unsigned ver = h[0] >> 4;
	if (ver != 4) {
		if (ver == 6)
			nt_out_puts(o, "IP6, wrong link-layer encapsulation");
		else
			nt_out_printf(o, "IP%u", ver);
		nt_out_puts(o, " (invalid)");
		return NT_PRINT_OK;
	}
	if (length < 20) {
		nt_out_printf(o, "truncated-ip %u", length);
		return NT_PRINT_OK;
	}
	unsigned hlen = (h[0] & 0x0f) * 4u;
	if (hlen < 20) {
		nt_out_printf(o, "bad-hlen %u", hlen);
		return NT_PRINT_OK;
	}
	unsigned len = (unsigned)((h[2] << 8) | h[3]);
	if (len < hlen) {
		nt_out_printf(o, "bad-len %u", len);
		return NT_PRINT_OK;
	}
	if (length < len)
		nt_out_printf(o, "truncated-ip - %u bytes missing! ", len - length);
	unsigned off = (unsigned)((h[6] << 8) | h[7]);
	unsigned proto = h[9];
	int truncated = 0;
	if (pr->o.vflag) {
		nt_out_printf(o, "(tos 0x%x", h[1]);
		switch (h[1] & 3) {
		case 1: nt_out_puts(o, ",ECT(1)"); break;
		case 2: nt_out_puts(o, ",ECT(0)"); break;
		case 3: nt_out_puts(o, ",CE"); break;
		}
		if (h[8] >= 1)
			nt_out_printf(o, ", ttl %u", h[8]);
		nt_out_printf(o, ", id %u, offset %u, flags [", (unsigned)((h[4] << 8) | h[5]),
			      (off & 0x1fff) * 8);
		if (off & 0xe000) {
			const char *sep = "";
			if (off & 0x8000) { nt_out_puts(o, "rsvd"); sep = "+"; }
			if (off & 0x4000) { nt_out_puts(o, sep); nt_out_puts(o, "DF"); sep = "+"; }
			if (off & 0x2000) { nt_out_puts(o, sep); nt_out_puts(o, "+"); }
		} else {
			nt_out_puts(o, "none");
		}
		nt_out_printf(o, "], proto %s (%u), length %u", ipproto_name(proto), proto, len);
		if (hlen > 20) {
			nt_out_puts(o, ", options (");
			size_t have = nt_cur_left(c);
			unsigned optlen = hlen - 20;
			if (have < hlen ||
			    ip_optprint(pr, h + 20, optlen) == -1) {
				nt_out_puts(o, " [truncated-option]");
				truncated = 1;
			}
			nt_out_putc(o, ')');
		}
		if (nt_cur_left(c) >= hlen) {
			uint16_t sum = nt_cksum_fold(nt_cksum_add(0, h, hlen));
			if (sum != 0xffff) {
				unsigned ipsum = (unsigned)((h[10] << 8) | h[11]);
				/* in_cksum_shouldbe: recompute over the header with the
				 * checksum field zeroed. */
				uint32_t s2 = nt_cksum_add(0, h, 10);
				s2 = nt_cksum_add(s2, h + 12, hlen - 12);
				nt_out_printf(o, ", bad cksum %x (->%x)!", ipsum,
					      (uint16_t)~nt_cksum_fold(s2));
			}
		}
		nt_out_puts(o, ")\n    ");
		if (truncated) {
			nt_out_ip4(o, h + 12);
			nt_out_puts(o, " > ");
			nt_out_ip4(o, h + 16);
			nt_out_puts(o, ":");
			nt_print_trunc(pr, "ip");
			return NT_PRINT_TRUNC;
		}
	}
	if (!nt_cur_has(c, hlen)) {
		/* options not captured */
		nt_out_ip4(o, h + 12);
		nt_out_puts(o, " > ");
		nt_out_ip4(o, h + 16);
		nt_out_puts(o, ":");
		nt_print_trunc(pr, "ip");
		return NT_PRINT_TRUNC;
	}
	nt_skip(c, hlen);
	/* The payload ends where the IP length says (drops link padding). */
	struct nt_cur sub;
	nt_cur_sub(c, len - hlen, &sub);
	const uint8_t *saved_hdr = pr->ip_hdr;
	int saved_v = pr->ip_v;
	pr->ip_hdr = h;
	pr->ip_v = 4;
	int rc = NT_PRINT_OK;
	if ((off & 0x1fff) == 0) {
		if (proto != 6 && proto != 17 && proto != 132 && proto != 33) {
			nt_out_ip4(o, h + 12);
			nt_out_puts(o, " > ");
			nt_out_ip4(o, h + 16);
			nt_out_puts(o, ": ");
		}
		rc = demux(pr, &sub, len - hlen, 0, proto, h + 12, h + 16);
	} else if (pr->o.qflag < 2) {
		nt_out_ip4(o, h + 12);
		nt_out_puts(o, " > ");
		nt_out_ip4(o, h + 16);
		nt_out_putc(o, ':');
		print_proto_word(pr, proto);
	}
	pr->ip_hdr = saved_hdr;
	pr->ip_v = saved_v;
	return rc;
}

/* Extension headers: hop-by-hop and destination options (RFC 8200 4.3/4.6). */
static int ip6_opts(struct nt_printer *pr, struct nt_cur *c, const char *word, unsigned *advance)
{
	if (!nt_cur_has(c, 2)) {
		nt_print_trunc(pr, word[0] == 'H' ? "hbhopt" : "dstopt");
		return NT_PRINT_TRUNC;
	}
	unsigned hlen = ((unsigned)c->p[1] + 1) * 8;
	nt_out_puts(pr->out, word);
	nt_out_putc(pr->out, ' ');
	if (pr->o.vflag && nt_cur_has(c, hlen)) {
		const uint8_t *p = c->p + 2;
		unsigned left = hlen - 2;
		while (left > 0) {
			unsigned type = p[0];
			if (type == 0) { /* Pad1 */
				p++;
				left--;
				continue;
			}
			if (left < 2)
				break;
			unsigned olen = p[1] + 2u;
			if (olen > left)
				break;
			switch (type) {
			case 1:
				nt_out_printf(pr->out, "(padn) ");
				break;
			case 5:
				if (olen >= 4)
					nt_out_printf(pr->out, "(rtalert: 0x%04x) ",
						      (unsigned)((p[2] << 8) | p[3]));
				break;
			case 0xc2:
				if (olen >= 6)
					nt_out_printf(pr->out, "(jumbo: %u) ",
						      (unsigned)((p[2] << 24) | (p[3] << 16) | (p[4] << 8) | p[5]));
				break;
			default:
				nt_out_printf(pr->out, "(opt_type 0x%02x: len=%u) ", type, p[1]);
				break;
			}
			p += olen;
			left -= olen;
		}
	}
	*advance = hlen;
	return NT_PRINT_OK;
}

int nt_print_ip6(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)(c->wire_len - nt_cur_off(c));
	const uint8_t *h = c->p;
	if (++pr->ip_depth > MAX_IP_DEPTH) {
		nt_out_puts(o, "[too many nested headers] (invalid)");
		return NT_PRINT_OK;
	}
	if (!nt_cur_has(c, 40)) {
		if (!pr->o.eflag)
			nt_out_puts(o, "IP6");
		nt_print_trunc(pr, "ip6");
		return NT_PRINT_TRUNC;
	}
	if (length < 40) {
		nt_out_printf(o, "truncated-ip6 %u", length);
		return NT_PRINT_OK;
	}
	if (!pr->o.eflag)
		nt_out_puts(o, "IP6 ");
	if ((h[0] >> 4) != 6) {
		nt_out_printf(o, "version error: %u != 6", h[0] >> 4);
		return NT_PRINT_OK;
	}
	unsigned plen = (unsigned)((h[4] << 8) | h[5]);
	uint32_t len;
	if (plen != 0) {
		len = plen + 40;
		if (length < len)
			nt_out_printf(o, "truncated-ip6 - %u bytes missing!", len - length);
	} else {
		len = length;
	}
	unsigned nh = h[6];
	if (pr->o.vflag) {
		uint32_t flow = ((uint32_t)h[0] << 24) | ((uint32_t)h[1] << 16) | ((uint32_t)h[2] << 8) | h[3];
		nt_out_putc(o, '(');
		if (flow & 0x0ff00000)
			nt_out_printf(o, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			nt_out_printf(o, "flowlabel 0x%05x, ", flow & 0x000fffff);
		nt_out_printf(o, "hlim %u, next-header %s (%u) payload length: %u) ", h[7],
			      ipproto_name(nh), nh, plen);
	}
	struct nt_cur pc;
	nt_cur_sub(c, len, &pc);
	nt_skip(&pc, 40);
	len -= 40;
	const uint8_t *saved_hdr = pr->ip_hdr;
	int saved_v = pr->ip_v;
	pr->ip_hdr = h;
	pr->ip_v = 6;
	int first = 1, rc = NT_PRINT_OK;
	for (int guard = 0; guard < 16 && nt_cur_left(&pc) > 0; guard++) {
		if (first && nh != 6 && nh != 17 && nh != 33 && nh != 132) {
			nt_out_ip6(o, h + 8);
			nt_out_puts(o, " > ");
			nt_out_ip6(o, h + 24);
			nt_out_puts(o, ": ");
		}
		first = 0;
		unsigned adv = 0;
		if (nh == 0 || nh == 60) {
			rc = ip6_opts(pr, &pc, nh == 0 ? "HBH" : "DSTOPT", &adv);
			if (rc)
				break;
		} else if (nh == 44) {
			if (!nt_cur_has(&pc, 8)) {
				nt_print_trunc(pr, "frag6");
				rc = NT_PRINT_TRUNC;
				break;
			}
			const uint8_t *f = pc.p;
			unsigned offlg = (unsigned)((f[2] << 8) | f[3]) & 0xfff8;
			unsigned fl = plen + 40 - (unsigned)(f - h) - 8;
			if (pr->o.vflag)
				nt_out_printf(o, "frag (0x%08x:%u|%u)",
					      (unsigned)((f[4] << 24) | (f[5] << 16) | (f[6] << 8) | f[7]),
					      offlg, fl);
			else
				nt_out_printf(o, "frag (%u|%u)", offlg, fl);
			if (offlg != 0)
				break;
			nt_out_putc(o, ' ');
			adv = 8;
		} else if (nh == 43) {
			if (!nt_cur_has(&pc, 4)) {
				nt_print_trunc(pr, "rt6");
				rc = NT_PRINT_TRUNC;
				break;
			}
			const uint8_t *r = pc.p;
			unsigned rlen = ((unsigned)r[1] + 1) * 8;
			nt_out_printf(o, "srcrt (len=%u, type=%u, segleft=%u", r[1], r[2], r[3]);
			if (r[2] == 0 && nt_cur_has(&pc, rlen)) {
				nt_out_printf(o, ", rsv=0x%0x", (unsigned)((r[4] << 24) | (r[5] << 16) | (r[6] << 8) | r[7]));
				for (unsigned i = 0; 8 + 16 * (i + 1) <= rlen; i++) {
					nt_out_printf(o, ", [%u]", i);
					nt_out_ip6(o, r + 8 + 16 * i);
				}
			}
			nt_out_puts(o, ") ");
			adv = rlen;
		} else {
			rc = demux(pr, &pc, len, 1, nh, h + 8, h + 24);
			break;
		}
		if (adv > len || !nt_cur_has(&pc, adv)) {
			nt_print_trunc(pr, "ip6");
			rc = NT_PRINT_TRUNC;
			break;
		}
		nh = pc.p[0];
		nt_skip(&pc, adv);
		len -= adv;
	}
	pr->ip_hdr = saved_hdr;
	pr->ip_v = saved_v;
	return rc;
}
