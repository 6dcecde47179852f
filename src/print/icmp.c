/* \summary: ICMP printer (RFC 792; RFC 1191 next-hop MTU, RFC 1256 router
 * discovery, RFC 4884 multi-part messages, RFC 4950 MPLS label stack
 * object), printing what tcpdump 4.99 prints.
 *
 *   0       7 8     15 16                    31
 *  +---------+---------+-----------------------+
 *  |  type   |  code   |       checksum        |
 *  +---------+---------+-----------------------+
 *  | id / seq, gateway, pointer, unused + MTU  |   (by type)
 *  +-------------------------------------------+
 *  | errors: quoted IP header + leading octets |   offset 8
 *  |  ... padded to 128 octets when RFC 4884   |
 *  +-------------------------------------------+
 *  | extension header (offset 136):            |
 *  |  ver(4) rsvd(12) | checksum               |
 *  |  objects: length(16) class(8) c-type(8)   |
 *  +-------------------------------------------+
 *
 * Like tcpdump, the one-line text is built first: when a field it needs
 * was not captured nothing but " [|icmp]" is printed.
 */
#include <stdio.h>
#include <string.h>

#include "print/print.h"
#include "proto/icmp.h"
#include "proto/services.h"

/* Offset of the RFC 4884 extension header from the ICMP header, and the
 * ICMP length above which tcpdump looks for one (156 - 20). */
enum { EXT_OFF = 136, EXT_MINLEN = 136, EXT_HDR_END = 141 };

/* Reads at offset `off` from the cursor position without moving it. */
/* Dotted quad at offset off, or 0 if not captured. */
static int atip4(const struct nt_cur *c, size_t off, char *dst)
{
	struct nt_cur t = *c;
	nt_skip(&t, off);
	const uint8_t *a = nt_ptr(&t, 4);
	if (a == NULL)
		return 0;
	nt_fmt_ip4(dst, a);
	return 1;
}

static const char *simple_type_name(unsigned type)
{
	switch (type) {
	case NT_ICMP_ECHOREPLY: return "echo reply";
	case NT_ICMP_SOURCEQUENCH: return "source quench";
	case NT_ICMP_ECHO: return "echo request";
	case NT_ICMP_ROUTERSOLICIT: return "router solicitation";
	case NT_ICMP_TSTAMP: return "time stamp request";
	case NT_ICMP_TSTAMPREPLY: return "time stamp reply";
	case NT_ICMP_IREQ: return "information request";
	case NT_ICMP_IREQREPLY: return "information reply";
	case NT_ICMP_MASKREQ: return "address mask request";
	default: return NULL;
	}
}

/* Milliseconds since midnight UTC as HH:MM:SS.mmm. */
static void fmt_tstamp(char *dst, size_t n, uint32_t ms)
{
	unsigned msec = ms % 1000, sec = ms / 1000;
	unsigned min = sec / 60, hrs;
	sec -= min * 60;
	hrs = min / 60;
	min -= hrs * 60;
	snprintf(dst, n, "%02u:%02u:%02u.%03u", hrs, min, sec, msec);
}

static const char *port_text(struct nt_printer *pr, int udp, unsigned port, char *tmp, size_t n)
{
	const char *name = pr->o.nflag ? NULL : nt_service_port_name(udp, port);
	if (name)
		return name;
	snprintf(tmp, n, "%u", port);
	return tmp;
}

/* Builds the one-line description into buf; returns 0 when a field was
 * not captured. */
static int describe(struct nt_printer *pr, const struct nt_cur *c, unsigned type,
		    unsigned code, char *buf, size_t n)
{
	char a[16], g[16], tmp[16];
	unsigned v, w;
	uint32_t x, y, z;

	switch (type) {
	case NT_ICMP_ECHO:
	case NT_ICMP_ECHOREPLY:
		if (!nt_at16(c, 4, &v) || !nt_at16(c, 6, &w))
			return 0;
		snprintf(buf, n, "echo %s, id %u, seq %u",
			 type == NT_ICMP_ECHO ? "request" : "reply", v, w);
		return 1;
	case NT_ICMP_UNREACH:
		switch (code) {
		case NT_ICMP_UNREACH_PROTOCOL:
			if (!atip4(c, 24, a) || !nt_at8(c, 17, &v))
				return 0;
			snprintf(buf, n, "%s protocol %u unreachable", a, v);
			return 1;
		case NT_ICMP_UNREACH_PORT: {
			unsigned hl, proto;
			if (!nt_at8(c, 17, &proto) || !nt_at8(c, 8, &hl))
				return 0;
			hl = (hl & 0x0f) * 4u;
			if (!nt_at16(c, 8 + hl + 2, &v))
				return 0;
			if (!atip4(c, 24, a))
				return 0;
			if (proto == 6)
				snprintf(buf, n, "%s tcp port %s unreachable", a,
					 port_text(pr, 0, v, tmp, sizeof(tmp)));
			else if (proto == 17)
				snprintf(buf, n, "%s udp port %s unreachable", a,
					 port_text(pr, 1, v, tmp, sizeof(tmp)));
			else
				snprintf(buf, n, "%s protocol %u port %u unreachable", a, proto, v);
			return 1;
		}
		case NT_ICMP_UNREACH_NEEDFRAG:
			if (!nt_at16(c, 6, &v) || !atip4(c, 24, a))
				return 0;
			if (v)
				snprintf(buf, n, "%s unreachable - need to frag (mtu %u)", a, v);
			else
				snprintf(buf, n, "%s unreachable - need to frag", a);
			return 1;
		default: {
			const char *pfx, *detail;
			if (!atip4(c, 24, a))
				return 0;
			if (nt_icmp_unreach_text(code, &pfx, &detail))
				snprintf(buf, n, "%s%s unreachable%s%s", pfx, a, detail ? " - " : "",
					 detail ? detail : "");
			else
				snprintf(buf, n, "%s unreachable - #%u", a, code);
			return 1;
		}
		}
	case NT_ICMP_REDIRECT:
		if (!atip4(c, 24, a) || !atip4(c, 4, g))
			return 0;
		switch (code) {
		case NT_ICMP_REDIRECT_NET: snprintf(buf, n, "redirect %s to net %s", a, g); break;
		case NT_ICMP_REDIRECT_HOST: snprintf(buf, n, "redirect %s to host %s", a, g); break;
		case NT_ICMP_REDIRECT_TOSNET: snprintf(buf, n, "redirect-tos %s to net %s", a, g); break;
		case NT_ICMP_REDIRECT_TOSHOST:
			snprintf(buf, n, "redirect-tos %s to host %s", a, g);
			break;
		default: snprintf(buf, n, "redirect-#%u %s to %s", code, a, g); break;
		}
		return 1;
	case NT_ICMP_ROUTERADVERT: {
		unsigned num, size, life;
		size_t len;
		if (!nt_at8(c, 4, &num) || !nt_at8(c, 5, &size) || !nt_at16(c, 6, &life))
			return 0;
		if (life < 60)
			len = (size_t)snprintf(buf, n, "router advertisement lifetime %u", life);
		else if (life < 3600)
			len = (size_t)snprintf(buf, n, "router advertisement lifetime %u:%02u",
					       life / 60, life % 60);
		else
			len = (size_t)snprintf(buf, n, "router advertisement lifetime %u:%02u:%02u",
					       life / 3600, (life % 3600) / 60, life % 60);
		if (len >= n)
			len = n - 1;
		len += (size_t)snprintf(buf + len, n - len, " %u:", num);
		if (len >= n)
			len = n - 1;
		if (size != 2) {
			snprintf(buf + len, n - len, " [size %u]", size);
			return 1;
		}
		for (unsigned i = 0; i < num; i++) {
			if (!atip4(c, 8 + 8 * (size_t)i, a) || !nt_at32(c, 12 + 8 * (size_t)i, &x))
				return 0;
			if (len < n)
				len += (size_t)snprintf(buf + len, n - len, " {%s %u}", a, x);
			if (len >= n)
				len = n - 1;
		}
		return 1;
	}
	case NT_ICMP_TIMXCEED:
		if (!atip4(c, 24, a))
			return 0;
		if (code == NT_ICMP_TIMXCEED_INTRANS)
			snprintf(buf, n, "time exceeded in-transit");
		else if (code == NT_ICMP_TIMXCEED_REASS)
			snprintf(buf, n, "ip reassembly time exceeded");
		else
			snprintf(buf, n, "time exceeded-#%u", code);
		return 1;
	case NT_ICMP_PARAMPROB:
		if (code) {
			snprintf(buf, n, "parameter problem - code %u", code);
			return 1;
		}
		if (!nt_at8(c, 4, &v))
			return 0;
		snprintf(buf, n, "parameter problem - octet %u", v);
		return 1;
	case NT_ICMP_MASKREPLY:
		if (!nt_at32(c, 8, &x))
			return 0;
		snprintf(buf, n, "address mask is 0x%08x", x);
		return 1;
	case NT_ICMP_TSTAMP:
		if (!nt_at16(c, 4, &v) || !nt_at16(c, 6, &w))
			return 0;
		snprintf(buf, n, "time stamp query id %u seq %u", v, w);
		return 1;
	case NT_ICMP_TSTAMPREPLY: {
		char t1[24], t2[24], t3[24];
		if (!nt_at32(c, 16, &z) || !nt_at16(c, 4, &v) || !nt_at16(c, 6, &w) ||
		    !nt_at32(c, 8, &x) || !nt_at32(c, 12, &y))
			return 0;
		fmt_tstamp(t1, sizeof(t1), x);
		fmt_tstamp(t2, sizeof(t2), y);
		fmt_tstamp(t3, sizeof(t3), z);
		snprintf(buf, n, "time stamp reply id %u seq %u: org %s, recv %s, xmit %s",
			 v, w, t1, t2, t3);
		return 1;
	}
	default: {
		const char *s = simple_type_name(type);
		if (s)
			snprintf(buf, n, "%s", s);
		else
			snprintf(buf, n, "type-#%u", type);
		return 1;
	}
	}
}

/* tcpdump's print_unknown_data: a hex dump of what was captured of n bytes. */
static void unknown_data(struct nt_printer *pr, const struct nt_cur *c, size_t off,
			 size_t n, const char *prefix)
{
	size_t cap = (size_t)(c->end - c->p);
	if (c->err || off > cap) {
		nt_out_printf(pr->out, "%sDissector error: print_unknown_data called with pointer past end of packet",
			      prefix);
		return;
	}
	if (n > cap - off)
		n = cap - off;
	struct nt_cur t = *c;
	nt_skip(&t, off);
	const uint8_t *p = nt_ptr(&t, n);
	if (p)
		nt_print_hexdump(pr, p, n, prefix);
}

/* RFC 4884 extension structure after the padded original datagram.
 * Returns NT_PRINT_TRUNC when the capture ended inside it. */
static int print_multipart(struct nt_printer *pr, const struct nt_cur *c, uint32_t plen)
{
	struct nt_out *o = pr->out;
	unsigned alen, ver, cks;
	if (!nt_cur_has(c, EXT_HDR_END) || !nt_at8(c, 5, &alen) || !nt_at8(c, EXT_OFF, &ver)) {
		nt_print_trunc(pr, "icmp");
		return NT_PRINT_TRUNC;
	}
	uint32_t hlen = plen - EXT_MINLEN;
	struct nt_cur ext = *c;
	nt_skip(&ext, EXT_OFF);
	const uint8_t *ep = nt_cur_has(&ext, hlen) ? ext.p : NULL;
	if (alen == 0 && ep) {
		/* no length field: only a correct checksum says it is there */
		if (nt_cksum_fold(nt_cksum_add(0, ep, hlen)) != 0xffff)
			return NT_PRINT_OK;
	}
	ver >>= 4;
	nt_out_printf(o, "\n\tICMP Multi-Part extension v%u", ver);
	if (ver != 2) {
		nt_out_puts(o, " packet not supported");
		return NT_PRINT_OK;
	}
	if (ep) {
		nt_at16(c, EXT_OFF + 2, &cks);
		int bad = nt_cksum_fold(nt_cksum_add(0, ep, hlen)) != 0xffff;
		nt_out_printf(o, ", checksum 0x%04x (%scorrect), length %u", cks, bad ? "in" : "", hlen);
	}
	hlen -= 4;
	size_t off = EXT_OFF + 4;
	while (hlen > 4) {
		unsigned olen, cls, ctype;
		if (!nt_at16(c, off, &olen) || !nt_at8(c, off + 2, &cls) || !nt_at8(c, off + 3, &ctype)) {
			nt_print_trunc(pr, "icmp");
			return NT_PRINT_TRUNC;
		}
		off += 4;
		const char *name = cls == 1 ? "MPLS Stack Entry" :
				   cls == 2 ? "Interface Identification" : "unknown";
		nt_out_printf(o, "\n\t  %s Object (%u), Class-Type: %u, length %u", name, cls, ctype, olen);
		hlen -= 4;
		if (cls == 0 || olen < 4)
			return NT_PRINT_OK;
		olen -= 4;
		if (cls == 1 && ctype == 1) {
			uint32_t raw;
			if (!nt_at32(c, off, &raw)) {
				nt_print_trunc(pr, "icmp");
				return NT_PRINT_TRUNC;
			}
			nt_out_printf(o, "\n\t    label %u, tc %u", raw >> 12, (raw >> 9) & 7);
			if (raw & 0x100)
				nt_out_puts(o, ", [S]");
			nt_out_printf(o, ", ttl %u", raw & 0xff);
		} else {
			unknown_data(pr, c, off, olen, "\n\t    ");
		}
		if (hlen < olen)
			break;
		hlen -= olen;
		off += olen;
	}
	return NT_PRINT_OK;
}

int nt_print_icmp(struct nt_printer *pr, struct nt_cur *c, uint32_t len)
{
	struct nt_out *o = pr->out;
	char text[320];
	unsigned type, code;

	if (!nt_at8(c, 0, &type) || !nt_at8(c, 1, &code) ||
	    !describe(pr, c, type, code, text, sizeof(text))) {
		nt_print_trunc(pr, "icmp");
		return NT_PRINT_TRUNC;
	}
	nt_out_printf(o, "ICMP %s, length %u", text, len);

	if (pr->o.vflag && !pr->ip_frag && nt_cur_has(c, len)) {
		uint16_t sum = (uint16_t)~nt_cksum_fold(nt_cksum_add(0, c->p, len));
		if (sum != 0) {
			unsigned isum;
			if (!nt_at16(c, 2, &isum)) {
				nt_print_trunc(pr, "icmp");
				return NT_PRINT_TRUNC;
			}
			nt_out_printf(o, " (wrong icmp cksum %x (->%x)!)", isum,
				      nt_cksum_shouldbe((uint16_t)isum, sum));
		}
	}

	if (pr->o.vflag && nt_icmp_is_error(0, type)) {
		unsigned iplen;
		nt_out_puts(o, "\n\t");
		if (!nt_at16(c, 8 + 2, &iplen)) {
			nt_print_trunc(pr, "icmp");
			return NT_PRINT_TRUNC;
		}
		/* The quoted datagram is printed as a packet of its own, ending
		 * where its own length says (extensions may follow it). */
		struct nt_cur q = *c, sub;
		nt_skip(&q, 8);
		nt_cur_sub(&q, iplen, &sub);
		if (nt_print_ip4(pr, &sub) == NT_PRINT_TRUNC)
			return NT_PRINT_TRUNC;
	}

	if (pr->o.vflag && len > EXT_MINLEN &&
	    (type == NT_ICMP_UNREACH || type == NT_ICMP_TIMXCEED || type == NT_ICMP_PARAMPROB))
		return print_multipart(pr, c, len);
	return NT_PRINT_OK;
}
