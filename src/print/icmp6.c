/* \summary: ICMPv6 printer (RFC 4443; neighbour discovery RFC 4861 with
 * options from RFC 4191, 6275 and 8106; MLD RFC 2710 / MLDv2 RFC 3810;
 * node information RFC 4620; router renumbering RFC 2894; RPL RFC 6550),
 * printing what tcpdump 4.99 prints.  The packet quoted inside an error
 * is not decoded (tcpdump 4.99 does not either).
 *
 *   0       7 8     15 16                    31
 *  +---------+---------+-----------------------+
 *  |  type   |  code   |       checksum        |
 *  +---------+---------+-----------------------+
 *  | id/seq, MTU, pointer, ND flags ...        |
 *  +-------------------------------------------+
 *  | errors: as much of the invoking packet as |
 *  | fits; ND: target address(es), options:    |
 *  |   type(8) length(8, in units of 8 octets) |
 *  +-------------------------------------------+
 *
 * The checksum covers the pseudo-header: source, final destination (the
 * last address of a type 0/2 routing header), length and next header 58.
 */
#include <stdio.h>
#include <string.h>

#include "print/print.h"
#include "proto/icmp.h"

/* A failed read: the capture (or the message) ended. */
enum { TRUNC = -1 };

/* Captured bytes from the cursor position. */
static size_t caplen(const struct nt_cur *c)
{
	return c->err ? 0 : (size_t)(c->end - c->p);
}

/* Prints the IPv6 address at off; 0 if not captured. */
static int put6(struct nt_printer *pr, const struct nt_cur *c, size_t off)
{
	const uint8_t *a = nt_atptr(c, off, 16);
	if (a == NULL)
		return 0;
	nt_out_ip6(pr->out, a);
	return 1;
}

static const char *rtpref(unsigned flags)
{
	static const char *const s[] = {"medium", "high", "rsv", "low"};
	return s[(flags & 0x18) >> 3];
}

static void put_lifetime(struct nt_printer *pr, uint32_t v)
{
	if (v == 0xffffffffu)
		nt_out_puts(pr->out, "infinity");
	else
		nt_out_printf(pr->out, "%us", v);
}

/* tcpdump's bittok2str: names of the set bits joined by ", ", or "none". */
struct bitname {
	uint32_t bit;
	const char *name;
};

static void put_bits(struct nt_printer *pr, const struct bitname *t, size_t n, uint32_t v)
{
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (v & t[i].bit) {
			if (any)
				nt_out_puts(pr->out, ", ");
			nt_out_puts(pr->out, t[i].name);
			any = 1;
		}
	}
	if (!any)
		nt_out_puts(pr->out, "none");
}

static void unknown_data(struct nt_printer *pr, const struct nt_cur *c, size_t off,
			 size_t n, const char *prefix)
{
	size_t cap = caplen(c);
	if (off > cap) {
		nt_out_printf(pr->out, "%sDissector error: print_unknown_data called with pointer past end of packet",
			      prefix);
		return;
	}
	if (n > cap - off)
		n = cap - off;
	const uint8_t *p = nt_atptr(c, off, n);
	if (p)
		nt_print_hexdump(pr, p, n, prefix);
}

/* Walks the extension headers between the IPv6 header and the ICMPv6
 * message: finds the final destination and whether a fragment header
 * was crossed. */
static const uint8_t *final_dst(const struct nt_printer *pr, const struct nt_cur *c,
				int *fragmented)
{
	const uint8_t *h = pr->ip_hdr;
	*fragmented = 0;
	if (h == NULL || c->p < h)
		return NULL;
	struct nt_cur w;
	nt_cur_init(&w, h, (size_t)(c->p - h));
	const uint8_t *dst = NULL;
	nt_skip(&w, 6);
	unsigned nh = nt_u8(&w);
	nt_skip(&w, 1);
	const uint8_t *d0 = nt_ptr(&w, 32);
	if (d0 == NULL)
		return NULL;
	dst = d0 + 16;
	for (int guard = 0; guard < 16 && nt_cur_left(&w) > 0; guard++) {
		const uint8_t *eh = w.p;
		unsigned next = nt_u8(&w), l = nt_u8(&w);
		if (w.err)
			break;
		size_t hl;
		switch (nh) {
		case 0:
		case 60:
			hl = (l + 1u) * 8;
			break;
		case 43: {
			hl = (l + 1u) * 8;
			struct nt_cur r;
			nt_cur_init(&r, eh, (size_t)(w.end - eh));
			nt_skip(&r, 2);
			unsigned rtype = nt_u8(&r);
			nt_skip(&r, 5);
			if (rtype == 0 || rtype == 2) {
				for (unsigned i = 0; i < l / 2; i++) {
					const uint8_t *a = nt_ptr(&r, 16);
					if (a == NULL)
						break;
					dst = a;
				}
			}
			break;
		}
		case 44:
			hl = 8;
			*fragmented = 1;
			break;
		case 51:
			hl = (l + 2u) * 4;
			break;
		default:
			return dst;
		}
		w.p = eh;
		if (!nt_skip(&w, hl))
			break;
		nh = next;
	}
	return dst;
}

static uint16_t icmp6_cksum(const struct nt_printer *pr, const uint8_t *dst,
			    const uint8_t *p, uint32_t len)
{
	uint32_t sum = nt_cksum_add(0, pr->ip_hdr + 8, 16);
	sum = nt_cksum_add(sum, dst, 16);
	sum += len >> 16;
	sum += len & 0xffff;
	sum += 58;
	sum = nt_cksum_add(sum, p, len);
	return (uint16_t)~nt_cksum_fold(sum);
}

/* A domain name in RFC 1035 form at off (pointers relative to base):
 * prints it and returns the offset after it, or -1. */
static long put_fqdn(struct nt_printer *pr, const struct nt_cur *c, size_t base, size_t off)
{
	long after = -1;
	unsigned hops = 0;
	unsigned i;
	if (!nt_at8(c, off, &i))
		return -1;
	if (i == 0) {
		nt_out_putc(pr->out, '.');
		return (long)off + 1;
	}
	while (i != 0) {
		if ((i & 0xc0) == 0xc0) {
			unsigned lo;
			if (!nt_at8(c, off + 1, &lo))
				return -1;
			if (after < 0)
				after = (long)off + 2;
			size_t to = base + (((i & 0x3f) << 8) | lo);
			if (++hops > 64 || to >= off)
				return -1;
			off = to;
		} else if ((i & 0xc0) != 0) {
			return -1;
		} else {
			const uint8_t *l = nt_atptr(c, off + 1, i);
			if (l == NULL)
				return -1;
			for (unsigned k = 0; k < i; k++)
				nt_print_fn_char(pr, l[k]);
			nt_out_putc(pr->out, '.');
			off += 1 + i;
		}
		if (!nt_at8(c, off, &i))
			return -1;
	}
	return after >= 0 ? after : (long)off + 1;
}

/* Neighbour discovery options from off to the end of the message. */
static int opt_print(struct nt_printer *pr, const struct nt_cur *c, size_t off, long resid)
{
	struct nt_out *o = pr->out;
	size_t cap = caplen(c), start = off;
	static const struct bitname pi_flags[] = {
		{0x80, "onlink"}, {0x40, "auto"}, {0x20, "router"},
	};
	while (off < cap) {
		unsigned type, olen;
		if (!nt_at8(c, off + 1, &olen))
			return TRUNC;
		if (resid <= 0)
			return 0;
		nt_at8(c, off, &type);
		if (olen == 0 || off + olen * 8u > cap)
			return TRUNC;
		const char *name;
		switch (type) {
		case 1: name = "source link-address"; break;
		case 2: name = "destination link-address"; break;
		case 3: name = "prefix info"; break;
		case 4: name = "redirected header"; break;
		case 5: name = "mtu"; break;
		case 25: name = "rdnss"; break;
		case 31: name = "dnssl"; break;
		case 7: name = "advertisement interval"; break;
		case 8: name = "homeagent information"; break;
		case 24: name = "route info"; break;
		default: name = "unknown"; break;
		}
		nt_out_printf(o, "\n\t  %s option (%u), length %u (%u): ", name, type, olen * 8, olen);
		unsigned v, w;
		uint32_t x, y;
		switch (type) {
		case 1:
		case 2: {
			const uint8_t *p = nt_atptr(c, off + 2, olen * 8u - 2);
			for (unsigned i = 0; p && i < olen * 8u - 2; i++) {
				if (i)
					nt_out_putc(o, ':');
				nt_out_hex(o, p[i], 2);
			}
			break;
		}
		case 3: {
			const uint8_t *pfx = nt_atptr(c, off + 16, 16);
			if (!pfx || !nt_at8(c, off + 2, &v) || !nt_at8(c, off + 3, &w) ||
			    !nt_at32(c, off + 4, &x) || !nt_at32(c, off + 8, &y))
				return TRUNC;
			nt_out_ip6(o, pfx);
			nt_out_printf(o, "/%u%s, Flags [", v, olen != 4 ? "badlen" : "");
			put_bits(pr, pi_flags, 3, w);
			nt_out_puts(o, "], valid time ");
			put_lifetime(pr, x);
			nt_out_puts(o, ", pref. time ");
			put_lifetime(pr, y);
			break;
		}
		case 4:
			/* tcpdump dumps from the first option, not this one */
			unknown_data(pr, c, start, olen * 8u, "\n\t    ");
			break;
		case 5:
			if (!nt_at32(c, off + 4, &x))
				return TRUNC;
			nt_out_printf(o, " %u%s", x, olen != 1 ? "bad option length" : "");
			break;
		case 25:
			if (!nt_at32(c, off + 4, &x))
				return TRUNC;
			nt_out_printf(o, " lifetime %us,", x);
			for (unsigned i = 0; i < (olen - 1) / 2; i++) {
				nt_out_puts(o, " addr: ");
				if (!put6(pr, c, off + 8 + 16 * (size_t)i))
					return TRUNC;
			}
			break;
		case 31: {
			if (!nt_at32(c, off + 4, &x))
				return TRUNC;
			nt_out_printf(o, " lifetime %us, domain(s):", x);
			size_t d = off + 8, end = off + olen * 8u;
			while (d < end) {
				if (!nt_at8(c, d, &v))
					return TRUNC;
				if (v == 0)
					break;
				nt_out_putc(o, ' ');
				long nx = put_fqdn(pr, c, start, d);
				if (nx < 0)
					return TRUNC;
				d = (size_t)nx;
			}
			break;
		}
		case 7:
			if (!nt_at32(c, off + 4, &x))
				return TRUNC;
			nt_out_printf(o, " %ums", x);
			break;
		case 8:
			if (!nt_at16(c, off + 4, &v) || !nt_at16(c, off + 6, &w))
				return TRUNC;
			nt_out_printf(o, " preference %u, lifetime %u", v, w);
			break;
		case 24: {
			uint8_t in6[16];
			memset(in6, 0, sizeof(in6));
			if (!nt_at32(c, off + 4, &x))
				return TRUNC;
			if (olen == 2 || olen == 3) {
				const uint8_t *p = nt_atptr(c, off + 8, olen == 2 ? 8 : 16);
				if (p == NULL)
					return TRUNC;
				memcpy(in6, p, olen == 2 ? 8 : 16);
			} else if (olen != 1) {
				return TRUNC;
			}
			if (!nt_at8(c, off + 2, &v) || !nt_at8(c, off + 3, &w))
				return TRUNC;
			nt_out_putc(o, ' ');
			nt_out_ip6(o, in6);
			nt_out_printf(o, "/%u, pref=%s, lifetime=", v, rtpref(w));
			put_lifetime(pr, x);
			break;
		}
		default:
			if (pr->o.vflag <= 1) {
				unknown_data(pr, c, off + 2, olen * 8u - 2, "\n\t  ");
				return 0;
			}
			break;
		}
		if (pr->o.vflag > 1)
			unknown_data(pr, c, off + 2, olen * 8u - 2, "\n\t    ");
		off += olen * 8u;
		resid -= (long)olen * 8;
	}
	return 0;
}

static void mld6_print(struct nt_printer *pr, const struct nt_cur *c)
{
	unsigned d;
	if (!nt_cur_has(c, 24) || !nt_at16(c, 4, &d))
		return;
	nt_out_printf(pr->out, "max resp delay: %u addr: ", d);
	put6(pr, c, 8);
}

static const char *mldv2_rec_name(unsigned t)
{
	switch (t) {
	case 1: return "is_in";
	case 2: return "is_ex";
	case 3: return "to_in";
	case 4: return "to_ex";
	case 5: return "allow";
	case 6: return "block";
	default: return NULL;
	}
}

static int mldv2_report_print(struct nt_printer *pr, const struct nt_cur *c, uint32_t len)
{
	struct nt_out *o = pr->out;
	unsigned ngroups;
	if (len < 8) {
		nt_out_printf(o, " [invalid len %u]", len);
		return 0;
	}
	if (!nt_at16(c, 6, &ngroups))
		return TRUNC;
	nt_out_printf(o, ", %u group record(s)", ngroups);
	if (!pr->o.vflag)
		return 0;
	size_t group = 8;
	for (unsigned i = 0; i < ngroups; i++) {
		unsigned rt, nsrcs;
		if (len < group + 20) {
			nt_out_puts(o, " [invalid number of groups]");
			return 0;
		}
		nt_out_puts(o, " [gaddr ");
		if (!put6(pr, c, group + 4) || !nt_at8(c, group, &rt))
			return TRUNC;
		const char *name = mldv2_rec_name(rt);
		if (name)
			nt_out_printf(o, " %s", name);
		else
			nt_out_printf(o, "  [v2-report-#%u]", rt);
		if (!nt_at16(c, group + 2, &nsrcs))
			return TRUNC;
		if (len < group + 20 + nsrcs * 16u) {
			nt_out_printf(o, " [invalid number of sources %u]", nsrcs);
			return 0;
		}
		if (pr->o.vflag == 1) {
			nt_out_printf(o, ", %u source(s)", nsrcs);
		} else {
			nt_out_puts(o, " {");
			for (unsigned j = 0; j < nsrcs; j++) {
				nt_out_putc(o, ' ');
				if (!put6(pr, c, group + 20 + 16 * (size_t)j))
					return TRUNC;
			}
			nt_out_puts(o, " }");
		}
		group += 20 + nsrcs * 16u;
		nt_out_putc(o, ']');
	}
	return 0;
}

static int mldv2_query_print(struct nt_printer *pr, const struct nt_cur *c, uint32_t len)
{
	struct nt_out *o = pr->out;
	unsigned mrc, b24, b25, nsrcs;
	if (len < 28) {
		nt_out_printf(o, " [invalid len %u]", len);
		return 0;
	}
	if (!nt_at16(c, 4, &mrc))
		return TRUNC;
	unsigned mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
	if (pr->o.vflag)
		nt_out_printf(o, " [max resp delay=%u]", mrt);
	nt_out_puts(o, " [gaddr ");
	if (!put6(pr, c, 8))
		return TRUNC;
	if (pr->o.vflag) {
		if (!nt_at8(c, 24, &b24))
			return TRUNC;
		if (b24 & 0x08)
			nt_out_puts(o, " sflag");
		if (b24 & 0x07)
			nt_out_printf(o, " robustness=%u", b24 & 0x07);
		if (!nt_at8(c, 25, &b25))
			return TRUNC;
		unsigned qqi = b25 < 128 ? b25 : ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3);
		nt_out_printf(o, " qqi=%u", qqi);
	}
	if (!nt_at16(c, 26, &nsrcs))
		return TRUNC;
	if (nsrcs > 0) {
		if (len < 28 + nsrcs * 16u) {
			nt_out_puts(o, " [invalid number of sources]");
		} else if (pr->o.vflag > 1) {
			nt_out_puts(o, " {");
			for (unsigned i = 0; i < nsrcs; i++) {
				nt_out_putc(o, ' ');
				if (!put6(pr, c, 28 + 16 * (size_t)i))
					return TRUNC;
			}
			nt_out_puts(o, " }");
		} else {
			nt_out_printf(o, ", %u source(s)", nsrcs);
		}
	}
	nt_out_putc(o, ']');
	return 0;
}

/* Name in a node information message, no compression (RFC 4620 4). */
static int ni_dnsname(struct nt_printer *pr, const struct nt_cur *c, size_t off, size_t ep)
{
	struct nt_out *o = pr->out;
	nt_out_puts(o, ", \"");
	while (off < ep) {
		unsigned i;
		if (!nt_at8(c, off, &i))
			return TRUNC;
		off++;
		if (i) {
			if (i > ep - off) {
				nt_out_puts(o, "???");
				break;
			}
			while (i-- && off < ep) {
				unsigned ch;
				if (!nt_at8(c, off, &ch))
					return TRUNC;
				nt_print_fn_char(pr, (uint8_t)ch);
				off++;
			}
			unsigned nx;
			if (off + 1 < ep && nt_at8(c, off, &nx) && nx)
				nt_out_putc(o, '.');
		} else {
			unsigned nx = 1;
			if (off == ep)
				nt_out_putc(o, '.');
			else if (off + 1 == ep && nt_at8(c, off, &nx) && nx == 0)
				;
			else
				nt_out_puts(o, "???");
			break;
		}
	}
	nt_out_putc(o, '"');
	return 0;
}

/* The name of an NI reply or FQDN subject: 03-draft Pascal string or DNS form. */
static int ni_name(struct nt_printer *pr, const struct nt_cur *c, size_t off, size_t ep)
{
	unsigned l;
	if (!nt_at8(c, off, &l))
		return TRUNC;
	if (ep >= off + 1 && l == ep - off - 1) {
		if (pr->o.vflag)
			nt_out_puts(pr->out, ", 03 draft");
		off++;
		nt_out_puts(pr->out, ", \"");
		for (; off < ep; off++) {
			unsigned ch;
			if (!nt_at8(c, off, &ch))
				return TRUNC;
			nt_print_fn_char(pr, (uint8_t)ch);
		}
		nt_out_putc(pr->out, '"');
		return 0;
	}
	return ni_dnsname(pr, c, off, ep);
}

static void ni_addr_flags(struct nt_printer *pr, unsigned i, int with_t)
{
	nt_out_printf(pr->out, " [%s%s%s%s%s%s%s]",
		      (i & 0x40) ? "a" : "", (i & 0x20) ? "G" : "", (i & 0x10) ? "S" : "",
		      (i & 0x08) ? "L" : "", (i & 0x04) ? "C" : "", (i & 0x02) ? "A" : "",
		      (with_t && (i & 0x01)) ? "T" : "");
}

/* Returns TRUNC after printing the marker itself where tcpdump does
 * (the caller then still prints the length), or -2 for a failed read
 * that ends the packet. */
static int nodeinfo_print(struct nt_printer *pr, const struct nt_cur *c, uint32_t len, unsigned type)
{
	struct nt_out *o = pr->out;
	size_t siz = caplen(c);
	unsigned code, qtype, flags;
	if (type == NT_ICMP6_NI_QUERY) {
		if (siz == 12) {
			nt_out_puts(o, " who-are-you request");
			return 0;
		}
		nt_out_puts(o, " node information query");
		if (siz < 16 || !nt_at16(c, 4, &qtype) || !nt_at16(c, 6, &flags) || !nt_at8(c, 1, &code)) {
			nt_print_trunc(pr, "icmp6");
			return TRUNC;
		}
		nt_out_puts(o, " (");
		switch (qtype) {
		case 0: nt_out_puts(o, "noop"); break;
		case 1:
			nt_out_puts(o, "supported qtypes");
			if (flags)
				nt_out_printf(o, " [%s]", (flags & 1) ? "C" : "");
			break;
		case 2: nt_out_puts(o, "DNS name"); break;
		case 3:
			nt_out_puts(o, "node addresses");
			if (flags)
				ni_addr_flags(pr, flags, 0);
			break;
		default: nt_out_puts(o, "unknown"); break;
		}
		if (qtype == 0 || qtype == 1) {
			if (siz != 16 && pr->o.vflag)
				nt_out_puts(o, ", invalid len");
			nt_out_putc(o, ')');
			return 0;
		}
		if (siz == 16) {
			nt_out_puts(o, ", 03 draft)");
			return 0;
		}
		switch (code) {
		case 0:
			if (siz < 32)
				break;
			if (siz != 32) {
				if (pr->o.vflag)
					nt_out_puts(o, ", invalid subject len");
				break;
			}
			nt_out_puts(o, ", subject=");
			put6(pr, c, 16);
			break;
		case 1:
			nt_out_puts(o, ", subject=DNS name");
			if (ni_name(pr, c, 16, siz) < 0)
				return -2;
			break;
		case 2: {
			if (siz < 20)
				break;
			if (siz != 20) {
				if (pr->o.vflag)
					nt_out_puts(o, ", invalid subject len");
				break;
			}
			const uint8_t *a = nt_atptr(c, 16, 4);
			nt_out_puts(o, ", subject=");
			if (a)
				nt_out_ip4(o, a);
			break;
		}
		default:
			nt_out_puts(o, ", unknown subject");
			break;
		}
		nt_out_putc(o, ')');
		return 0;
	}
	/* reply */
	if (len > siz) {
		nt_print_trunc(pr, "icmp6");
		return TRUNC;
	}
	if (siz < 16 || !nt_at8(c, 1, &code) || !nt_at16(c, 4, &qtype) || !nt_at16(c, 6, &flags)) {
		nt_print_trunc(pr, "icmp6");
		return TRUNC;
	}
	int needcomma = 0;
	nt_out_puts(o, " node information reply (");
	switch (code) {
	case 0:
		if (pr->o.vflag) {
			nt_out_puts(o, "success");
			needcomma = 1;
		}
		break;
	case 1:
	case 2:
		nt_out_puts(o, code == 1 ? "refused" : "unknown");
		needcomma = 1;
		if (siz != 16 && pr->o.vflag)
			nt_out_puts(o, ", invalid length");
		break;
	}
	if (code != 0) {
		nt_out_putc(o, ')');
		return 0;
	}
	if (needcomma)
		nt_out_puts(o, ", ");
	switch (qtype) {
	case 0:
		nt_out_puts(o, "noop");
		if (siz != 16 && pr->o.vflag)
			nt_out_puts(o, ", invalid length");
		break;
	case 1:
		nt_out_puts(o, "supported qtypes");
		if (flags)
			nt_out_printf(o, " [%s]", (flags & 1) ? "C" : "");
		break;
	case 2:
		nt_out_puts(o, "DNS name");
		if (ni_name(pr, c, 20, siz) < 0)
			return -2;
		if (flags & 1) {
			uint32_t ttl;
			if (!nt_at32(c, 16, &ttl))
				return -2;
			nt_out_printf(o, " [TTL=%u]", ttl);
		}
		break;
	case 3:
		nt_out_puts(o, "node addresses");
		for (size_t i = 16; i + 20 <= siz; i += 20) {
			uint32_t ttl;
			nt_out_putc(o, ' ');
			if (!put6(pr, c, i + 4) || !nt_at32(c, i, &ttl))
				return -2;
			nt_out_printf(o, "(%u)", ttl);
		}
		if (flags)
			ni_addr_flags(pr, flags, 1);
		break;
	default:
		nt_out_puts(o, "unknown");
		break;
	}
	nt_out_putc(o, ')');
	return 0;
}

static int rrenum_print(struct nt_printer *pr, const struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	unsigned code, flags, seg, maxdelay;
	uint32_t seq, rsvd;
	if (!nt_cur_has(c, 16) || !nt_at8(c, 1, &code))
		return TRUNC;
	switch (code) {
	case 0: nt_out_puts(o, ", command"); break;
	case 1: nt_out_puts(o, ", result"); break;
	case 255: nt_out_puts(o, ", sequence number reset"); break;
	default: nt_out_printf(o, ", code-#%u", code); break;
	}
	nt_at32(c, 4, &seq);
	nt_out_printf(o, ", seq=%u", seq);
	nt_at8(c, 8, &seg);
	nt_at8(c, 9, &flags);
	nt_at16(c, 10, &maxdelay);
	nt_at32(c, 12, &rsvd);
	if (pr->o.vflag) {
		nt_out_putc(o, '[');
		if (flags)
			nt_out_printf(o, "%s%s%s%s%s,", (flags & 0x80) ? "T" : "", (flags & 0x40) ? "R" : "",
				      (flags & 0x20) ? "A" : "", (flags & 0x10) ? "S" : "",
				      (flags & 0x08) ? "P" : "");
		nt_out_printf(o, "seg=%u,maxdelay=%u", seg, maxdelay);
		if (rsvd)
			nt_out_printf(o, "rsvd=0x%x", rsvd);
		nt_out_putc(o, ']');
	}
	if (code != 0)
		return 0;
	unsigned mcode, mlen, ord, mlen2, minl, maxl;
	const uint8_t *pfx = nt_atptr(c, 24, 16);
	if (pfx == NULL)
		return TRUNC;
	nt_at8(c, 16, &mcode);
	nt_at8(c, 17, &mlen);
	nt_at8(c, 18, &ord);
	nt_at8(c, 19, &mlen2);
	nt_at8(c, 20, &minl);
	nt_at8(c, 21, &maxl);
	nt_out_puts(o, pr->o.vflag > 1 ? "\n\t" : " ");
	nt_out_puts(o, "match(");
	switch (mcode) {
	case 1: nt_out_puts(o, "add"); break;
	case 2: nt_out_puts(o, "change"); break;
	case 3: nt_out_puts(o, "setglobal"); break;
	default: nt_out_printf(o, "#%u", mcode); break;
	}
	if (pr->o.vflag)
		nt_out_printf(o, ",ord=%u,min=%u,max=%u", ord, minl, maxl);
	nt_out_putc(o, ',');
	nt_out_ip6(o, pfx);
	nt_out_printf(o, "/%u)", mlen2);
	int n = (int)mlen - 3;
	if (n % 4)
		return TRUNC;
	n /= 4;
	size_t off = 40;
	while (n-- > 0) {
		unsigned ul, kl, mask, raf, uf;
		uint32_t vl, pl;
		const uint8_t *up = nt_atptr(c, off + 16, 16);
		if (up == NULL)
			return TRUNC;
		nt_at8(c, off, &ul);
		nt_at8(c, off + 1, &kl);
		nt_at8(c, off + 2, &mask);
		nt_at8(c, off + 3, &raf);
		nt_at32(c, off + 4, &vl);
		nt_at32(c, off + 8, &pl);
		nt_at8(c, off + 12, &uf);
		nt_out_puts(o, pr->o.vflag > 1 ? "\n\t" : " ");
		nt_out_puts(o, "use(");
		if (uf)
			nt_out_printf(o, "%s%s,", (uf & 0x80) ? "V" : "", (uf & 0x40) ? "P" : "");
		if (pr->o.vflag) {
			nt_out_printf(o, "mask=0x%x,raflags=0x%x,", mask, raf);
			if (vl == 0xffffffffu)
				nt_out_puts(o, "vltime=infty,");
			else
				nt_out_printf(o, "vltime=%u,", vl);
			if (pl == 0xffffffffu)
				nt_out_puts(o, "pltime=infty,");
			else
				nt_out_printf(o, "pltime=%u,", pl);
		}
		nt_out_ip6(o, up);
		nt_out_printf(o, "/%u/%u)", ul, kl);
		off += 32;
	}
	return 0;
}

static const char *rpl_subopt(unsigned t)
{
	switch (t) {
	case 0: return "pad1";
	case 1: return "padN";
	case 2: return "metrics";
	case 3: return "routinginfo";
	case 4: return "config";
	case 5: return "rpltarget";
	case 6: return "transitinfo";
	case 8: return "destprefix";
	case 9: return "rpltargetdesc";
	default: return NULL;
	}
}

/* RPL options from off for length bytes. */
static int rpl_opts(struct nt_printer *pr, const struct nt_cur *c, size_t off, uint32_t length)
{
	struct nt_out *o = pr->out;
	while (length != 0) {
		unsigned t, l;
		if (!nt_at8(c, off, &t))
			return TRUNC;
		uint32_t optlen;
		if (t == 0) {
			optlen = 1;
			nt_out_puts(o, " opt:pad1");
		} else {
			if (length < 2 || !nt_at8(c, off + 1, &l)) {
				nt_print_trunc(pr, "icmp6");
				return 0;
			}
			optlen = l + 2u;
			const char *n = rpl_subopt(t);
			if (n)
				nt_out_printf(o, " opt:%s len:%u ", n, optlen);
			else
				nt_out_printf(o, " opt:subopt:%u len:%u ", t, optlen);
			if (!nt_cur_has(c, off + optlen) || length < optlen) {
				nt_print_trunc(pr, "icmp6");
				return 0;
			}
			if (pr->o.vflag > 2)
				unknown_data(pr, c, off + 2, optlen - 2, " ");
		}
		off += optlen;
		length -= optlen;
	}
	return 0;
}

static int rpl_print(struct nt_printer *pr, const struct nt_cur *c, unsigned code, uint32_t len)
{
	struct nt_out *o = pr->out;
	/* the body starts at offset 4 */
	uint32_t length = len >= 4 ? len - 4 : 0;
	if (code & 0x80) {
		nt_out_puts(o, ", (SEC) [worktodo]");
		return 0;
	}
	nt_out_puts(o, ", (CLR)");
	switch (code & 0x7f) {
	case 0:
		nt_out_puts(o, "DODAG Information Solicitation");
		break;
	case 1: {
		nt_out_puts(o, "DODAG Information Object");
		if (!pr->o.vflag)
			break;
		if (length < 24) {
			nt_out_puts(o, " (invalid)");
			break;
		}
		unsigned inst, dtsn, rank, mop;
		const uint8_t *dag = nt_atptr(c, 12, 16);
		if (!dag || !nt_at8(c, 4, &inst) || !nt_at16(c, 6, &rank) || !nt_at8(c, 8, &mop) ||
		    !nt_at8(c, 9, &dtsn))
			return TRUNC;
		static const char *const mops[] = {"nonstoring", "storing", "nonstoring-multicast",
						   "storing-multicast"};
		unsigned m = (mop >> 3) & 7;
		nt_out_puts(o, " [dagid:");
		nt_out_ip6(o, dag);
		nt_out_printf(o, ",seq:%u,instance:%u,rank:%u,%smop:", dtsn, inst, rank,
			      (mop & 0x80) ? "grounded," : "");
		if (m < 4)
			nt_out_puts(o, mops[m]);
		else
			nt_out_printf(o, "mop%u", m);
		nt_out_printf(o, ",prf:%u]", mop & 7);
		if (pr->o.vflag > 1)
			return rpl_opts(pr, c, 28, length - 24);
		break;
	}
	case 2:
	case 3: {
		int ack = (code & 0x7f) == 3;
		nt_out_puts(o, ack ? "Destination Advertisement Object Ack" :
			    "Destination Advertisement Object");
		if (!pr->o.vflag)
			break;
		unsigned inst, fl, a, b;
		if (!nt_cur_has(c, 8))
			return TRUNC;
		if (length < 4) {
			nt_out_puts(o, ack ? " [|dao-length too short]" : " [|length too short]");
			break;
		}
		nt_at8(c, 4, &inst);
		nt_at8(c, 5, &fl);
		nt_at8(c, 6, &a);
		nt_at8(c, 7, &b);
		size_t off = 8;
		uint32_t left = length - 4;
		const uint8_t *dag = NULL;
		int has_d = ack ? (fl & 0x80) : (fl & 0x40);
		if (has_d) {
			dag = nt_atptr(c, 8, 16);
			if (dag == NULL)
				return TRUNC;
			if (left < 16) {
				nt_out_puts(o, ack ? " [|dao-length too short]" : " [|length too short]");
				break;
			}
			off += 16;
			left -= 16;
		}
		nt_out_puts(o, " [dagid:");
		if (dag)
			nt_out_ip6(o, dag);
		else
			nt_out_puts(o, "<elided>");
		if (ack)
			nt_out_printf(o, ",seq:%u,instance:%u,status:%u]", a, inst, b);
		else
			nt_out_printf(o, ",seq:%u,instance:%u%s%s,flags:%02x]", b, inst,
				      (fl & 0x80) ? ",acK" : "", (fl & 0x40) ? ",Dagid" : "", fl);
		if (pr->o.vflag > 1)
			return rpl_opts(pr, c, off, left);
		break;
	}
	default:
		nt_out_printf(o, "RPL message, unknown code %u", code);
		break;
	}
	return 0;
}

/* The UDP/TCP header of the packet quoted at off (tcpdump's
 * get_upperlayer); returns the offset of its header or -1. */
static long upper_layer(const struct nt_cur *c, size_t off, unsigned *prot)
{
	size_t cap = caplen(c);
	unsigned nh;
	if (!nt_at8(c, off + 6, &nh))
		return -1;
	size_t hlen = 40;
	for (int guard = 0; guard < 64 && off < cap; guard++) {
		off += hlen;
		unsigned a, b, fo;
		switch (nh) {
		case 6:
		case 17:
			if (!nt_at16(c, off + 2, &a))
				return -1;
			*prot = nh;
			return (long)off;
		case 0:
		case 60:
		case 43:
			if (!nt_at8(c, off + 1, &b) || !nt_at8(c, off, &a))
				return -1;
			nh = a;
			hlen = (b + 1u) << 3;
			break;
		case 44:
			if (!nt_at16(c, off + 2, &fo) || (fo & 0xfff8) != 0)
				return -1;
			nt_at8(c, off, &nh);
			hlen = 8;
			break;
		case 51:
			if (!nt_at8(c, off + 1, &b) || !nt_at8(c, off, &a))
				return -1;
			nh = a;
			hlen = (b + 2u) << 2;
			break;
		default:
			*prot = nh;
			return -1;
		}
	}
	return -1;
}

static int body(struct nt_printer *pr, const struct nt_cur *c, uint32_t len, unsigned type)
{
	struct nt_out *o = pr->out;
	unsigned code, v, w;
	uint32_t x;
	static const struct bitname ra_flags[] = {
		{0x80, "managed"}, {0x40, "other stateful"}, {0x20, "home agent"},
	};
	static const struct bitname na_flags[] = {
		{0x80000000u, "router"}, {0x40000000u, "solicited"}, {0x20000000u, "override"},
	};
	if (!nt_at8(c, 1, &code))
		return TRUNC;
	switch (type) {
	case NT_ICMP6_DST_UNREACH:
		/* tcpdump 4.99.3 names codes 0-4 */
		if (code <= NT_ICMP6_UNREACH_PORT) {
			nt_out_puts(o, ", ");
			nt_out_puts(o, nt_icmp6_unreach_name(code));
		} else {
			nt_out_printf(o, ", unknown unreach code (%u)", code);
		}
		switch (code) {
		case NT_ICMP6_UNREACH_NOROUTE:
		case NT_ICMP6_UNREACH_ADMIN:
		case NT_ICMP6_UNREACH_ADDR:
			nt_out_putc(o, ' ');
			if (!put6(pr, c, 8 + 24))
				return TRUNC;
			break;
		case NT_ICMP6_UNREACH_BEYONDSCOPE: {
			const uint8_t *d = nt_atptr(c, 8 + 24, 16), *s = nt_atptr(c, 8 + 8, 16);
			if (!d || !s)
				return TRUNC;
			nt_out_putc(o, ' ');
			nt_out_ip6(o, d);
			nt_out_puts(o, ", source address ");
			nt_out_ip6(o, s);
			break;
		}
		case NT_ICMP6_UNREACH_PORT: {
			unsigned prot = 0;
			long uh = upper_layer(c, 8, &prot);
			if (uh < 0 || !nt_at16(c, (size_t)uh + 2, &v))
				return TRUNC;
			const uint8_t *d = nt_atptr(c, 8 + 24, 16);
			if (!d)
				return TRUNC;
			nt_out_puts(o, ", ");
			nt_out_ip6(o, d);
			if (prot == 6 || prot == 17) {
				nt_out_printf(o, " %s port ", prot == 6 ? "tcp" : "udp");
				nt_print_port(pr, prot == 17, v);
			} else {
				nt_out_printf(o, " protocol %u port %u unreachable", prot, v);
			}
			break;
		}
		default:
			if (pr->o.vflag <= 1) {
				unknown_data(pr, c, 0, len, "\n\t");
				return 1;
			}
			break;
		}
		break;
	case NT_ICMP6_PACKET_TOO_BIG:
		if (!nt_at32(c, 4, &x))
			return TRUNC;
		nt_out_printf(o, ", mtu %u", x);
		break;
	case NT_ICMP6_TIME_EXCEEDED:
		if (code == 0) {
			nt_out_puts(o, " for ");
			if (!put6(pr, c, 8 + 24))
				return TRUNC;
		} else if (code == 1) {
			nt_out_puts(o, " (reassembly)");
		} else {
			nt_out_printf(o, ", unknown code (%u)", code);
		}
		break;
	case NT_ICMP6_PARAM_PROB:
		if (!nt_cur_has(c, 8 + 40) || !nt_at32(c, 4, &x))
			return TRUNC;
		switch (code) {
		case 0: nt_out_printf(o, ", erroneous - octet %u", x); break;
		case 1: nt_out_printf(o, ", next header - octet %u", x); break;
		case 2: nt_out_printf(o, ", option - octet %u", x); break;
		case 3: nt_out_printf(o, ", incomplete header chain - octet %u", x); break;
		default: nt_out_printf(o, ", code-#%u", code); break;
		}
		break;
	case NT_ICMP6_ECHO_REQUEST:
	case NT_ICMP6_ECHO_REPLY:
		if (!nt_at16(c, 4, &v) || !nt_at16(c, 6, &w))
			return TRUNC;
		nt_out_printf(o, ", id %u, seq %u", v, w);
		break;
	case NT_ICMP6_MLD_QUERY:
		if (len == 24) {
			mld6_print(pr, c);
		} else if (len >= 28) {
			nt_out_puts(o, " v2");
			if (mldv2_query_print(pr, c, len) < 0)
				return TRUNC;
		} else {
			nt_out_printf(o, " unknown-version (len %u) ", len);
		}
		break;
	case NT_ICMP6_MLD_REPORT:
	case NT_ICMP6_MLD_DONE:
		mld6_print(pr, c);
		break;
	case NT_ICMP6_ROUTER_SOLICIT:
		if (pr->o.vflag && opt_print(pr, c, 8, (long)len - 8) < 0)
			return TRUNC;
		break;
	case NT_ICMP6_ROUTER_ADVERT:
		if (pr->o.vflag) {
			unsigned hop, fl, life;
			uint32_t reach, retr;
			if (!nt_at8(c, 4, &hop) || !nt_at8(c, 5, &fl) || !nt_at16(c, 6, &life) ||
			    !nt_at32(c, 8, &reach) || !nt_at32(c, 12, &retr))
				return TRUNC;
			nt_out_printf(o, "\n\thop limit %u, Flags [", hop);
			put_bits(pr, ra_flags, 3, fl);
			nt_out_printf(o, "], pref %s, router lifetime %us, reachable time %ums, retrans timer %ums",
				      rtpref(fl), life, reach, retr);
			if (opt_print(pr, c, 16, (long)len - 16) < 0)
				return TRUNC;
		}
		break;
	case NT_ICMP6_NEIGHBOR_SOLICIT:
		nt_out_puts(o, ", who has ");
		if (!put6(pr, c, 8))
			return TRUNC;
		if (pr->o.vflag && opt_print(pr, c, 24, (long)len - 24) < 0)
			return TRUNC;
		break;
	case NT_ICMP6_NEIGHBOR_ADVERT:
		nt_out_puts(o, ", tgt is ");
		if (!put6(pr, c, 8))
			return TRUNC;
		if (pr->o.vflag) {
			if (!nt_at32(c, 4, &x))
				return TRUNC;
			nt_out_puts(o, ", Flags [");
			put_bits(pr, na_flags, 3, x);
			nt_out_putc(o, ']');
			if (opt_print(pr, c, 24, (long)len - 24) < 0)
				return TRUNC;
		}
		break;
	case NT_ICMP6_REDIRECT: {
		const uint8_t *d = nt_atptr(c, 24, 16), *t = nt_atptr(c, 8, 16);
		nt_out_puts(o, ", ");
		if (!d)
			return TRUNC;
		nt_out_ip6(o, d);
		nt_out_puts(o, " to ");
		if (!t)
			return TRUNC;
		nt_out_ip6(o, t);
		if (pr->o.vflag && opt_print(pr, c, 40, (long)len - 40) < 0)
			return TRUNC;
		break;
	}
	case NT_ICMP6_ROUTER_RENUMBERING:
		if (rrenum_print(pr, c) < 0)
			nt_print_trunc(pr, "icmp6");
		break;
	case NT_ICMP6_NI_QUERY:
	case NT_ICMP6_NI_REPLY: {
		int r = nodeinfo_print(pr, c, len, type);
		if (r == -2)
			return TRUNC;
		break;
	}
	case NT_ICMP6_IND_SOLICIT:
	case NT_ICMP6_IND_ADVERT:
		break;
	case NT_ICMP6_MLDV2_REPORT:
		if (mldv2_report_print(pr, c, len) < 0)
			return TRUNC;
		break;
	case NT_ICMP6_MP_SOLICIT:
	case NT_ICMP6_HA_REQUEST:
		if (!nt_at16(c, 4, &v))
			return TRUNC;
		nt_out_printf(o, ", id 0x%04x", v);
		break;
	case NT_ICMP6_HA_REPLY:
		if (pr->o.vflag) {
			if (!nt_at16(c, 4, &v))
				return TRUNC;
			nt_out_printf(o, ", id 0x%04x", v);
			size_t end = caplen(c) < len ? caplen(c) : len;
			for (size_t p = 8; p < end; p += 16) {
				nt_out_puts(o, ", ");
				if (!put6(pr, c, p))
					return TRUNC;
			}
		}
		break;
	case NT_ICMP6_MP_ADVERT:
		if (pr->o.vflag) {
			if (!nt_at16(c, 4, &v) || !nt_at16(c, 6, &w))
				return TRUNC;
			nt_out_printf(o, ", id 0x%04x", v);
			if (w & 0xc000)
				nt_out_putc(o, ' ');
			if (w & 0x8000)
				nt_out_putc(o, 'M');
			if (w & 0x4000)
				nt_out_putc(o, 'O');
			if (opt_print(pr, c, 8, (long)len - 8) < 0)
				return TRUNC;
		}
		break;
	case NT_ICMP6_RPL:
		if (rpl_print(pr, c, code, len) < 0)
			return TRUNC;
		break;
	default:
		nt_out_printf(o, ", length %u", len);
		if (pr->o.vflag <= 1)
			unknown_data(pr, c, 0, len, "\n\t");
		return 1;
	}
	return 0;
}

int nt_print_icmp6(struct nt_printer *pr, struct nt_cur *c, uint32_t len,
		   const uint8_t *src, const uint8_t *dst)
{
	struct nt_out *o = pr->out;
	(void)src;
	(void)dst;
	if (len == 0) {
		nt_out_puts(o, "ICMP6, length 0 (invalid)");
		return NT_PRINT_OK;
	}
	int fragmented = 0;
	const uint8_t *fdst = pr->ip_v == 6 ? final_dst(pr, c, &fragmented) : NULL;
	if (pr->o.vflag && !fragmented && fdst && nt_cur_has(c, len)) {
		unsigned isum;
		nt_at16(c, 2, &isum);
		uint16_t sum = icmp6_cksum(pr, fdst, c->p, len);
		if (sum != 0)
			nt_out_printf(o, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", isum,
				      nt_cksum_shouldbe((uint16_t)isum, sum));
		else
			nt_out_puts(o, "[icmp6 sum ok] ");
	}
	unsigned type;
	if (!nt_at8(c, 0, &type)) {
		nt_print_trunc(pr, "icmp6");
		return NT_PRINT_TRUNC;
	}
	const char *name = nt_icmp6_type_name(type);
	if (name)
		nt_out_printf(o, "ICMP6, %s", name);
	else
		nt_out_printf(o, "ICMP6, unknown icmp6 type (%u)", type);
	if (pr->o.vflag && (type == NT_ICMP6_ROUTER_SOLICIT || type == NT_ICMP6_ROUTER_ADVERT || type == NT_ICMP6_NEIGHBOR_ADVERT || type == NT_ICMP6_NEIGHBOR_SOLICIT ||
			    type == NT_ICMP6_REDIRECT || type == NT_ICMP6_HA_REPLY || type == NT_ICMP6_MP_ADVERT))
		nt_out_printf(o, ", length %u", len);
	int r = body(pr, c, len, type);
	if (r == TRUNC) {
		nt_print_trunc(pr, "icmp6");
		return NT_PRINT_TRUNC;
	}
	if (r == 0 && !pr->o.vflag)
		nt_out_printf(o, ", length %u", len);
	return NT_PRINT_OK;
}
