/* \summary: the less common link layers of ICMP captures, printed as
 * tcpdump 4.99 does: PPP in HDLC-like framing (RFC 1662) with MPLS
 * (RFC 3032) above it, Solaris IPNET, Frame Relay (Q.922, RFC 2427 and
 * Cisco encapsulation) and BSD/OS SLIP.
 *
 * PPP:   | address 0xff | control 0x03 | protocol (1 or 2) | payload |
 * MPLS:  | label (20) | tc (3) | S (1) | ttl (8) | ... until S set
 * IPNET: | ver | family | htype (2) | pktlen (4) | ifindex (4) |
 *        | grifindex (4) | zsrc (4) | zdst (4) | payload |
 * FR:    | Q.922 address (2-4) | control 0x03 + NLPID, or ethertype (2) |
 * SLIP:  | direction + compressed header (16) | IP datagram |
 */
#include "print/print.h"

static const char *ppp_proto_name(unsigned p)
{
	switch (p) {
	case 0x0021: return "IP";
	case 0x0057: return "IPV6";
	case 0x0281: return "MPLS";
	case 0x0283: return "MPLS MCAST";
	case 0x8021: return "IPCP";
	case 0x8057: return "IP6CP";
	case 0x8281: return "MPLSCP";
	case 0xc021: return "LCP";
	case 0xc023: return "PAP";
	case 0xc223: return "CHAP";
	case 0x80fd: return "CCP";
	default: return NULL;
	}
}

static void payload_dump(struct nt_printer *pr, struct nt_cur *c)
{
	size_t n = nt_cur_left(c);
	if (n)
		nt_print_hex_ascii(pr, c->p, n, "\n\t");
}

/* RFC 3032 label stack; the payload is recognised by its first byte. */
int nt_print_mpls(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	static const char *const reserved[16] = {
		"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL",
		"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
		"rsvd", "rsvd",
	};
	uint32_t e = 0;
	int depth = 0;
	nt_out_puts(o, "MPLS");
	do {
		if (nt_cur_off(c) + 4 > c->wire_len) {
			nt_out_puts(o, " (invalid)");
			return NT_PRINT_OK;
		}
		if (!nt_cur_has(c, 4)) {
			nt_print_trunc(pr, "mpls");
			return NT_PRINT_TRUNC;
		}
		e = nt_u32(c);
		unsigned label = e >> 12;
		nt_out_printf(o, "%s(label %u", (depth && pr->o.vflag) ? "\n\t" : " ", label);
		depth++;
		if (pr->o.vflag && label < 16)
			nt_out_printf(o, " (%s)", reserved[label]);
		nt_out_printf(o, ", tc %u", (e >> 9) & 7);
		if (e & 0x100)
			nt_out_puts(o, ", [S]");
		nt_out_printf(o, ", ttl %u)", e & 0xff);
	} while (!(e & 0x100));
	unsigned label = e >> 12;
	int v = 0;
	if (label == 0 || label == 3) {
		v = 4;
	} else if (label == 2) {
		v = 6;
	} else {
		int b = nt_peek(c, 0);
		if (nt_cur_off(c) >= c->wire_len || b < 0)
			return NT_PRINT_OK;
		v = (b >= 0x45 && b <= 0x4f) ? 4 : (b >= 0x60 && b <= 0x6f) ? 6 : 0;
	}
	if (v == 0) {
		payload_dump(pr, c);
		return NT_PRINT_OK;
	}
	nt_out_puts(o, pr->o.vflag ? "\n\t" : " ");
	return v == 4 ? nt_print_ip4(pr, c) : nt_print_ip6(pr, c);
}

int nt_print_ppp_hdlc(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t olen = (uint32_t)c->wire_len;
	if (olen < 2 || !nt_cur_has(c, 2)) {
		nt_print_trunc(pr, "ppp");
		return NT_PRINT_TRUNC;
	}
	unsigned hdr = (unsigned)((c->p[0] << 8) | c->p[1]);
	if (hdr == 0x0003 || hdr == 0x0103 || hdr == 0xff03) {
		if (pr->o.eflag && hdr != 0xff03)
			nt_out_puts(o, hdr == 0x0003 ? "In  " : "Out ");
		nt_skip(c, 2);
	}
	unsigned proto;
	if (nt_cur_off(c) + 2 > c->wire_len || !nt_cur_has(c, 1)) {
		nt_print_trunc(pr, "ppp");
		return NT_PRINT_TRUNC;
	}
	if (c->p[0] % 2) {
		proto = nt_u8(c);
	} else {
		if (!nt_cur_has(c, 2)) {
			nt_print_trunc(pr, "ppp");
			return NT_PRINT_TRUNC;
		}
		proto = nt_u16(c);
	}
	const char *name = ppp_proto_name(proto);
	if (pr->o.eflag) {
		nt_out_printf(o, "%s (0x%04x), length %u", name ? name : "unknown", proto, olen);
		if (name == NULL)
			return NT_PRINT_OK;
		nt_out_puts(o, ": ");
	}
	switch (proto) {
	case 0x0021:
	case 0x0800:
		return nt_print_ip4(pr, c);
	case 0x0057:
	case 0x86dd:
		return nt_print_ip6(pr, c);
	case 0x0281:
	case 0x0283:
		return nt_print_mpls(pr, c);
	default:
		if (name)
			nt_out_printf(o, "%s ", name);
		else
			nt_out_printf(o, "unknown PPP protocol (0x%04x)", proto);
		payload_dump(pr, c);
		return NT_PRINT_OK;
	}
}

int nt_print_ipnet(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	if (!nt_cur_has(c, 24)) {
		nt_print_trunc(pr, "ipnet");
		return NT_PRINT_TRUNC;
	}
	uint32_t length = (uint32_t)c->wire_len;
	nt_skip(c, 1);
	unsigned family = nt_u8(c);
	nt_skip(c, 14);
	uint32_t zsrc = nt_u32(c), zdst = nt_u32(c);
	const char *fname = family == 2 ? "IPv4" : family == 26 ? "IPv6" : "Unknown";
	if (pr->o.eflag || (family != 2 && family != 26)) {
		nt_out_printf(o, "%u > %u", zsrc, zdst);
		if (!pr->o.qflag)
			nt_out_printf(o, ", family %s (%u)", fname, family);
		else
			nt_out_printf(o, ", %s", fname);
		nt_out_printf(o, ", length %u: ", length);
	}
	if (family == 2)
		return nt_print_ip4(pr, c);
	if (family == 26)
		return nt_print_ip6(pr, c);
	payload_dump(pr, c);
	return NT_PRINT_OK;
}

int nt_print_fr(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	size_t length = c->wire_len;
	unsigned alen;
	int b0 = nt_peek(c, 0), b1 = nt_peek(c, 1), b2;
	if (b0 < 0 || length < 1)
		goto trunc;
	if (b0 & 1) {
		nt_out_puts(o, "Q.922, invalid address");
		return NT_PRINT_OK;
	}
	if (b1 < 0 || length < 2)
		goto trunc;
	unsigned dlci = ((unsigned)(b0 & 0xfc) << 2) | ((unsigned)(b1 & 0xf0) >> 4);
	alen = 2;
	if (!(b1 & 1)) {
		/* 3- or 4-octet address */
		for (;;) {
			b2 = nt_peek(c, alen);
			if (b2 < 0 || length < alen + 1)
				goto trunc;
			alen++;
			if (b2 & 1)
				break;
			if (alen == 4) {
				nt_out_puts(o, "Q.922, invalid address");
				return NT_PRINT_OK;
			}
			dlci = (dlci << 7) | ((unsigned)b2 >> 1);
		}
		dlci = (dlci << 6) | ((unsigned)b2 >> 2);
	}
	int ctl = nt_peek(c, alen);
	if (ctl < 0 || length < alen + 1)
		goto trunc;
	if (ctl != 0x03 && dlci != 0) {
		/* Cisco encapsulation: an ethertype follows the address */
		int e0 = nt_peek(c, alen), e1 = nt_peek(c, alen + 1);
		if (e1 < 0 || length < alen + 2) {
			nt_out_printf(o, "UI %02x! ", (unsigned)ctl);
		} else {
			unsigned et = ((unsigned)e0 << 8) | (unsigned)e1;
			if (pr->o.eflag)
				nt_out_printf(o, "Q.922, DLCI %u, length %u: ", dlci, (unsigned)length);
			nt_skip(c, alen + 2);
			if (nt_print_ethertype(pr, c, (uint16_t)et))
				return NT_PRINT_OK;
			nt_out_printf(o, "UI %02x! ", (unsigned)ctl);
			return NT_PRINT_OK;
		}
	}
	int nl = nt_peek(c, alen + 1);
	if (nl < 0 || length < alen + 2)
		goto trunc;
	if (pr->o.eflag)
		nt_out_printf(o, "Q.922, DLCI %u, length %u: ", dlci, (unsigned)length);
	nt_skip(c, alen + 2);
	if (nl == 0xcc)
		return nt_print_ip4(pr, c);
	if (nl == 0x8e)
		return nt_print_ip6(pr, c);
	nt_out_printf(o, "proto 0x%02x ", (unsigned)nl);
	payload_dump(pr, c);
	return NT_PRINT_OK;
trunc:
	nt_print_trunc(pr, "fr");
	return NT_PRINT_TRUNC;
}

int nt_print_slip(struct nt_printer *pr, struct nt_cur *c)
{
	if (!nt_cur_has(c, 16)) {
		nt_print_trunc(pr, "slip");
		return NT_PRINT_TRUNC;
	}
	nt_skip(c, 16);
	int b = nt_peek(c, 0);
	if (b < 0) {
		nt_print_trunc(pr, "slip");
		return NT_PRINT_TRUNC;
	}
	switch (b >> 4) {
	case 4:
		return nt_print_ip4(pr, c);
	case 6:
		return nt_print_ip6(pr, c);
	default:
		nt_out_printf(pr->out, "ip v%u", (unsigned)b >> 4);
		return NT_PRINT_OK;
	}
}
