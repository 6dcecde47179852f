/* \summary: Domain Name System (DNS) and multicast DNS printer, in the
 * exact text of tcpdump 4.99.3's domain printer.
 *
 * RFC 1035 (messages, names, compression), RFC 2671/6891 (EDNS(0), OPT,
 * extended RCODE), RFC 6762 (mDNS QU and cache-flush bits), RFC 2673
 * (bit-string labels), RFC 2782 (SRV), RFC 7553 (URI), RFC 2845 (TSIG),
 * RFC 7871 (ECS), RFC 7873 (COOKIE), RFC 7828 (KEEPALIVE), RFC 7830
 * (PADDING), RFC 7901 (CHAIN), RFC 8145 (KEY-TAG), RFC 6975 (DAU/DHU/N3U).
 *
 * Header (12 bytes), then qdcount questions and an/ns/ar resource records:
 *
 *    0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   |                      ID                       |
 *   |QR|  Opcode   |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 *   |                    QDCOUNT                    |
 *   |                    ANCOUNT                    |
 *   |                    NSCOUNT                    |
 *   |                    ARCOUNT                    |
 *   +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *   question: | QNAME ... | QTYPE (16) | QCLASS (16) |
 *   record:   | NAME ... | TYPE | CLASS | TTL (32) | RDLENGTH | RDATA |
 *   name:     | len 0..63 | label | ... | 0 |  or a 2-byte pointer
 *             | 11 offset(14) |, or | 01 000001 | bitlen | bits |
 *   OPT:      CLASS = UDP payload size, TTL = | ext-rcode | ver | DO|Z |,
 *             RDATA = | option code | option length | option data |...
 *
 * Callers.  UDP (print/udp.c) passes the cursor on the first header byte,
 * reaching to the end of the IP datagram, and len = the UDP payload
 * length.  Names and records are read up to the end of the capture, not
 * of len, as tcpdump does (its bound is the snapshot end, so a short UDP
 * length does not stop it).  TCP (print/tcp.c) owns the 2-byte length
 * prefix of RFC 1035 4.2.2: it checks that the prefix equals the segment
 * payload length minus 2 (printing tcpdump's
 * " [prefix length(X) != length(Y)] (invalid)" itself when not), prints
 * the one extra space tcpdump puts before DNS text over TCP, and then
 * calls nt_print_dns with the cursor just after the prefix and len = the
 * prefix value.  This printer never prints that space.
 *
 * Every read goes through the message cursor, by offset from the first
 * header byte.  Loops: labels always move forward and each compression
 * pointer must point strictly before the previous one (as in tcpdump and
 * BIND; otherwise "<BAD PTR>", tcpdump 4.99.3 has no "<LOOP>"), so a name
 * walk ends; every question and record moves forward at least 5 bytes,
 * so the count-driven loops stop at the end of the capture.
 * Returns NT_PRINT_TRUNC after " [|domain]", else NT_PRINT_OK.
 */
#include "print/print.h"
#include "proto/dns.h"

#define NONE ((size_t)-1)
#define MAXCDNAME 255

struct tok {
	unsigned v;
	const char *s;
};

static const struct tok edns_opts[] = {
	{1, "LLQ"}, {2, "UL"}, {3, "NSID"}, {5, "DAU"}, {6, "DHU"}, {7, "N3U"},
	{8, "ECS"}, {9, "EXPIRE"}, {10, "COOKIE"}, {11, "KEEPALIVE"},
	{12, "PADDING"}, {13, "CHAIN"}, {14, "KEY-TAG"}, {16, "CLIENT-TAG"},
	{17, "SERVER-TAG"}, {0, NULL}
};

static const struct tok dau_algs[] = {
	{0, "DELETE"}, {1, "RSAMD5"}, {2, "DH"}, {3, "DS"}, {5, "RSASHA1"},
	{6, "DSA-NSEC3-SHA1"}, {7, "RSASHA1-NSEC3-SHA1"}, {8, "RSASHA256"},
	{10, "RSASHA512"}, {12, "ECC-GOST"}, {13, "ECDSAP256SHA256"},
	{14, "ECDSAP384SHA384"}, {15, "ED25519"}, {16, "ED448"},
	{252, "INDIRECT"}, {253, "PRIVATEDNS"}, {254, "PRIVATEOID"}, {0, NULL}
};

static const struct tok dhu_algs[] = {
	{1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST_R_34.11-94"}, {4, "SHA-384"},
	{0, NULL}
};

static const struct tok n3u_algs[] = {{1, "SHA-1"}, {0, NULL}};

struct dns {
	struct nt_printer *pr;
	struct nt_out *o;
	struct nt_cur msg;  /* base: first header byte; end: last captured byte */
	size_t cap;         /* captured bytes of the message (tcpdump's snapend) */
	int is_mdns;
	int jmp;            /* a read tcpdump makes without a check ran out */
};

static void put_tok(struct nt_out *o, const struct tok *t, unsigned v, const char *pfx,
		    const char *sfx)
{
	for (; t->s; t++) {
		if (t->v == v) {
			nt_out_puts(o, t->s);
			return;
		}
	}
	nt_out_puts(o, pfx);
	nt_out_u(o, v);
	nt_out_puts(o, sfx);
}

/* Type, class, opcode and rcode in tcpdump 4.99.3's words (proto/dns.h),
 * with its generic forms for the values it has no name for. */
static void put_type(struct nt_out *o, unsigned t)
{
	const char *s = nt_dns_type_name(t, NT_DNS_TCPDUMP);
	if (s) {
		nt_out_puts(o, s);
		return;
	}
	nt_out_puts(o, "Type");
	nt_out_u(o, t);
}

static void put_class(struct nt_out *o, unsigned c)
{
	const char *s = nt_dns_class_name(c, NT_DNS_TCPDUMP);
	if (s) {
		nt_out_puts(o, s);
		return;
	}
	nt_out_puts(o, "(Class ");
	nt_out_u(o, c);
	nt_out_putc(o, ')');
}

/* " NAME" after the id; nothing for a standard query. */
static void put_opcode(struct nt_out *o, unsigned op)
{
	if (op == NT_DNS_OP_QUERY)
		return;
	nt_out_putc(o, ' ');
	nt_out_puts(o, nt_dns_opcode_name(op, NT_DNS_TCPDUMP));
}

/* " NAME" or " RespN"; nothing for NoError.  tcpdump's table prints 17
 * and 21 without the leading space. */
static void put_rcode(struct nt_out *o, unsigned rc)
{
	if (rc == NT_DNS_R_NOERROR)
		return;
	if (rc != 17 && rc != 21)
		nt_out_putc(o, ' ');
	const char *s = nt_dns_rcode_name(rc, NT_DNS_TCPDUMP);
	if (s) {
		nt_out_puts(o, s);
		return;
	}
	nt_out_puts(o, "Resp");
	nt_out_u(o, rc);
}

/* Are n bytes at offset off captured? */
static int has(const struct dns *d, size_t off, size_t n)
{
	return off <= d->cap && d->cap - off >= n;
}

/* The message cursor moved to offset off (error set when off is past the capture). */
static struct nt_cur at(const struct dns *d, size_t off)
{
	struct nt_cur c = d->msg;
	nt_cur_seek(&c, off);
	return c;
}

/* Reads a 1-, 2- or 4-byte big-endian value at off; 0 if not captured. */
static int rd(const struct dns *d, size_t off, int n, uint32_t *v)
{
	struct nt_cur c = at(d, off);
	*v = n == 1 ? nt_u8(&c) : n == 2 ? nt_u16(&c) : nt_u32(&c);
	return c.err == NT_OK;
}

static uint32_t rd16(const struct dns *d, size_t off)
{
	uint32_t v;
	rd(d, off, 2, &v);
	return v;
}

/* An unchecked read in tcpdump: running out ends the packet. */
static int get(struct dns *d, size_t off, int n, uint32_t *v)
{
	if (rd(d, off, n, v))
		return 1;
	d->jmp = 1;
	return 0;
}

/* Prints up to n bytes from off in fn_print escaped form; nonzero when
 * the capture ended before n bytes. */
static int printn(struct dns *d, size_t off, size_t n)
{
	struct nt_cur c = at(d, off);
	while (n > 0 && nt_cur_has(&c, 1)) {
		n--;
		nt_print_fn_char(d->pr, nt_u8(&c));
	}
	return n != 0;
}

static void invalid(struct dns *d)
{
	nt_out_puts(d->o, " (invalid)");
}

/* Length of the label at off (bytes after the first), or -1. */
static long labellen(struct dns *d, size_t off)
{
	uint32_t i, bitlen;
	if (!rd(d, off, 1, &i))
		return -1;
	switch (i & 0xc0) {
	case 0x40:
		if ((i & 0x3f) != 1) {
			nt_out_printf(d->o, "<ELT %u>", i & 0x3f);
			return -1;
		}
		if (!rd(d, off + 1, 1, &bitlen))
			return -1;
		if (bitlen == 0)
			bitlen = 256;
		return (long)((bitlen + 7) / 8 + 1);
	case 0x80:
		nt_out_puts(d->o, "<BAD LABEL TYPE>");
		return -1;
	default:
		return (long)i;
	}
}

/* Offset just after the name at off (not following pointers), or NONE. */
static size_t nskip(const struct dns *d, size_t off)
{
	uint32_t i, bitlen;
	if (!rd(d, off, 1, &i))
		return NONE;
	off++;
	while (i) {
		switch (i & 0xc0) {
		case 0xc0:
			return off + 1;
		case 0x40:
			if ((i & 0x3f) != 1 || !rd(d, off, 1, &bitlen))
				return NONE;
			if (bitlen == 0)
				bitlen = 256;
			off += 1 + (bitlen + 7) / 8;
			break;
		case 0x80:
			return NONE;
		default:
			off += i;
		}
		if (!rd(d, off, 1, &i))
			return NONE;
		off++;
	}
	return off;
}

/* RFC 2673 bit-string label, off on its count byte: "\[x<hex>/<bits>]". */
static int blabel(struct dns *d, size_t off)
{
	uint32_t bitlen, b, v;
	size_t p, lim;
	if (!rd(d, off, 1, &bitlen))
		return -1;
	if (bitlen == 0)
		bitlen = 256;
	lim = off + 1 + (bitlen + 3) / 4;
	nt_out_puts(d->o, "\\[x");
	for (p = off + 1, b = bitlen; p < lim && b > 7; b -= 8, p++) {
		if (!get(d, p, 1, &v))
			return -1;
		nt_out_hex(d->o, v, 2);
	}
	if (b > 4) {
		if (!get(d, p, 1, &v))
			return -1;
		nt_out_hex(d->o, v & (0xffu << (8 - b)) & 0xff, 2);
	} else if (b > 0) {
		if (!get(d, p, 1, &v))
			return -1;
		nt_out_hex(d->o, ((v >> 4) & 0x0f) & (0x0fu << (4 - b)), 1);
	}
	nt_out_printf(d->o, "/%u]", bitlen);
	return 0;
}

/* Prints the name at off; pointers are offsets from `base` and must go
 * strictly backwards.  Returns the offset after the name where it sits,
 * or NONE (tcpdump's NULL). */
static size_t fqdn(struct dns *d, size_t off, size_t base)
{
	struct nt_out *o = d->o;
	size_t cp = off, rp = NONE;
	uint32_t i, v, offset, max_offset, name_chars = 0;
	int compress = 0;
	long l;

	if ((l = labellen(d, cp)) < 0 || !rd(d, cp, 1, &i))
		return NONE;
	max_offset = (uint32_t)(cp - base); /* wraps, as tcpdump's, for CHAIN */
	cp++;
	if ((i & 0xc0) != 0xc0)
		rp = cp + (size_t)l;
	if (i == 0) {
		nt_out_putc(o, '.');
		return rp;
	}
	while (i && cp < d->cap) {
		switch (i & 0xc0) {
		case 0xc0:
			if (!compress) {
				rp = cp + 1;
				compress = 1;
			}
			if (!rd(d, cp, 1, &v))
				return NONE;
			offset = ((i << 8) | v) & 0x3fff;
			if (offset >= max_offset) {
				nt_out_puts(o, "<BAD PTR>");
				return NONE;
			}
			max_offset = offset;
			cp = base + offset;
			if (!rd(d, cp, 1, &i) || (l = labellen(d, cp)) < 0)
				return NONE;
			cp++;
			continue;
		case 0x40:
			if ((i & 0x3f) != 1) {
				nt_out_printf(o, "<ELT %u>", i & 0x3f);
				return NONE;
			}
			if (blabel(d, cp) < 0)
				return NONE;
			break;
		case 0x80:
			nt_out_puts(o, "<BAD LABEL TYPE>");
			return NONE;
		default:
			if (name_chars + (uint32_t)l <= MAXCDNAME) {
				if (printn(d, cp, (size_t)l))
					return NONE;
			} else if (name_chars < MAXCDNAME) {
				if (printn(d, cp, MAXCDNAME - name_chars))
					return NONE;
			}
			name_chars += (uint32_t)l;
		}
		cp += (size_t)l;
		if (name_chars <= MAXCDNAME)
			nt_out_putc(o, '.');
		name_chars++;
		if (!rd(d, cp, 1, &i) || (l = labellen(d, cp)) < 0)
			return NONE;
		cp++;
		if (!compress)
			rp += (size_t)l + 1;
	}
	if (name_chars > MAXCDNAME)
		nt_out_puts(o, "<DOMAIN NAME TOO LONG>");
	return rp;
}

/* One question: " TYPE[ CLASS][ (QU|QM)]? name."; offset after it or NONE. */
static size_t qprint(struct dns *d, size_t off)
{
	struct nt_out *o = d->o;
	size_t cp = nskip(d, off), rp;
	uint32_t qtype, qclass, cls;

	if (cp == NONE || !has(d, cp, 4))
		return NONE;
	qtype = rd16(d, cp);
	qclass = rd16(d, cp + 2);
	nt_out_putc(o, ' ');
	put_type(o, qtype);
	cls = d->is_mdns ? (qclass & ~(uint32_t)NT_DNS_C_QU) : qclass;
	if (cls != NT_DNS_C_IN) {
		nt_out_putc(o, ' ');
		put_class(o, cls);
	}
	if (d->is_mdns)
		nt_out_puts(o, qclass & NT_DNS_C_QU ? " (QU)" : " (QM)");
	nt_out_puts(o, "? ");
	rp = fqdn(d, off, 0);
	return rp == NONE ? NONE : rp + 4;
}

/* tcpdump's unsigned_relts_print: 1y2w3d4h5m6s. */
static void relts(struct nt_out *o, uint32_t secs)
{
	static const char *const unit[] = {"y", "w", "d", "h", "m", "s"};
	static const uint32_t len[] = {31536000, 604800, 86400, 3600, 60, 1};
	if (secs == 0) {
		nt_out_puts(o, "0s");
		return;
	}
	for (int k = 0; k < 6 && secs > 0; k++) {
		if (secs >= len[k]) {
			nt_out_u(o, secs / len[k]);
			nt_out_puts(o, unit[k]);
			secs %= len[k];
		}
	}
}

static void ecs(struct dns *d, size_t cp, uint32_t dlen)
{
	uint8_t a[16] = {0};
	uint32_t family, src, scope, bits;
	if (dlen < 4) {
		invalid(d);
		return;
	}
	family = rd16(d, cp);
	rd(d, cp + 2, 1, &src);
	rd(d, cp + 3, 1, &scope);
	if (family == 1)
		bits = 32;
	else if (family == 2)
		bits = 128;
	else {
		invalid(d);
		return;
	}
	if (dlen - 4 > bits / 8 || src > bits || scope > bits || (src + 7) / 8 != dlen - 4) {
		invalid(d);
		return;
	}
	struct nt_cur c = at(d, cp + 4);
	nt_bytes(&c, a, dlen - 4);
	if (family == 1)
		nt_out_ip4(d->o, a);
	else
		nt_out_ip6(d->o, a);
	nt_out_printf(d->o, "/%u/%u", src, scope);
}

static void alg_list(struct dns *d, size_t cp, uint32_t dlen, const struct tok *t)
{
	uint32_t v;
	for (uint32_t k = 0; k < dlen; k++) {
		if (k > 0)
			nt_out_putc(d->o, ' ');
		rd(d, cp + k, 1, &v);
		put_tok(d->o, t, v, "Alg_", "");
	}
}

/* One EDNS option; offset after it or NONE. */
static size_t eopt(struct dns *d, size_t cp)
{
	struct nt_out *o = d->o;
	uint32_t opt, dlen, v;

	if (!has(d, cp, 2))
		return NONE;
	opt = rd16(d, cp);
	cp += 2;
	put_tok(o, edns_opts, opt, "Opt", "");
	if (!has(d, cp, 2))
		return NONE;
	dlen = rd16(d, cp);
	cp += 2;
	if (!has(d, cp, dlen))
		return NONE;
	if (dlen == 0)
		return cp;
	nt_out_putc(o, ' ');
	switch (opt) {
	case 8: /* ECS */
		ecs(d, cp, dlen);
		break;
	case 10: /* COOKIE: 8-byte client cookie, optional 8..32-byte server cookie */
		if (dlen < 8 || (dlen > 8 && dlen < 16) || dlen > 40) {
			invalid(d);
			break;
		}
		for (uint32_t k = 0; k < dlen; k++) {
			if (k == 8)
				nt_out_putc(o, ' ');
			rd(d, cp + k, 1, &v);
			nt_out_hex(o, v, 2);
		}
		break;
	case 11: /* KEEPALIVE, in units of 100 ms */
		if (dlen != 2) {
			invalid(d);
			break;
		}
		v = rd16(d, cp);
		nt_out_printf(o, "%u.%u sec", v / 10, v % 10);
		break;
	case 9: /* EXPIRE */
		if (dlen != 4) {
			invalid(d);
			break;
		}
		rd(d, cp, 4, &v);
		nt_out_printf(o, "%u sec", v);
		break;
	case 12: /* PADDING */
		nt_out_printf(o, "(%u)", dlen);
		break;
	case 14: /* KEY-TAG */
		if (dlen % 2 != 0) {
			invalid(d);
			break;
		}
		for (uint32_t k = 0; k < dlen; k += 2) {
			if (k > 0)
				nt_out_putc(o, ' ');
			nt_out_u(o, rd16(d, cp + k));
		}
		break;
	case 5:
		alg_list(d, cp, dlen, dau_algs);
		break;
	case 6:
		alg_list(d, cp, dlen, dhu_algs);
		break;
	case 7:
		alg_list(d, cp, dlen, n3u_algs);
		break;
	case 13: /* CHAIN: a name whose pointers count from the option's end */
		fqdn(d, cp, cp + dlen);
		if (d->jmp)
			return NONE;
		break;
	default: /* NSID and unknown options: hex */
		for (uint32_t k = 0; k < dlen; k++) {
			rd(d, cp + k, 1, &v);
			nt_out_hex(o, v, 2);
		}
	}
	return cp + dlen;
}

static size_t rdata(struct dns *d, unsigned typ, uint32_t cls, uint32_t opt_flags,
		    size_t cp, size_t rp, uint32_t len)
{
	struct nt_out *o = d->o;
	int vflag = d->pr->o.vflag;
	uint32_t v, w;
	struct nt_cur c;

	switch (typ) {
	case NT_DNS_T_A:
		if (!has(d, cp, 4))
			return NONE;
		c = at(d, cp);
		nt_out_putc(o, ' ');
		nt_out_ip4(o, nt_ptr(&c, 4));
		break;
	case NT_DNS_T_NS:
	case NT_DNS_T_CNAME:
	case NT_DNS_T_PTR:
	case NT_DNS_T_DNAME:
		nt_out_putc(o, ' ');
		if (fqdn(d, cp, 0) == NONE)
			return NONE;
		break;
	case NT_DNS_T_SOA:
		if (!vflag)
			break;
		nt_out_putc(o, ' ');
		if ((cp = fqdn(d, cp, 0)) == NONE)
			return NONE;
		nt_out_putc(o, ' ');
		if ((cp = fqdn(d, cp, 0)) == NONE || !has(d, cp, 20))
			return NONE;
		for (int k = 0; k < 5; k++) {
			rd(d, cp + 4 * (size_t)k, 4, &v);
			nt_out_putc(o, ' ');
			nt_out_u(o, v);
		}
		break;
	case NT_DNS_T_MX:
		nt_out_putc(o, ' ');
		if (!has(d, cp, 2) || fqdn(d, cp + 2, 0) == NONE)
			return NONE;
		nt_out_printf(o, " %u", rd16(d, cp));
		break;
	case NT_DNS_T_TXT:
		while (cp < rp) {
			nt_out_puts(o, " \"");
			if (!rd(d, cp, 1, &v) || printn(d, cp + 1, v))
				return NONE;
			cp += 1 + v;
			nt_out_putc(o, '"');
		}
		break;
	case NT_DNS_T_SRV:
		nt_out_putc(o, ' ');
		if (!has(d, cp, 6) || fqdn(d, cp + 6, 0) == NONE)
			return NONE;
		nt_out_printf(o, ":%u %u %u", rd16(d, cp + 4), rd16(d, cp), rd16(d, cp + 2));
		break;
	case NT_DNS_T_AAAA:
		if (!has(d, cp, 16))
			return NONE;
		c = at(d, cp);
		nt_out_putc(o, ' ');
		nt_out_ip6(o, nt_ptr(&c, 16));
		break;
	case NT_DNS_T_A6: {
		uint8_t a[16] = {0};
		uint32_t pbit, pbyte;
		if (!rd(d, cp, 1, &pbit))
			return NONE;
		pbyte = (pbit & ~7u) / 8;
		if (pbit > 128) {
			nt_out_printf(o, " %u(bad plen)", pbit);
			break;
		}
		if (pbit < 128) {
			c = at(d, cp + 1);
			if (!nt_bytes(&c, a + pbyte, 16 - pbyte)) {
				d->jmp = 1;
				return NONE;
			}
			nt_out_printf(o, " %u ", pbit);
			nt_out_ip6(o, a);
		}
		if (pbit > 0) {
			nt_out_putc(o, ' ');
			if (fqdn(d, cp + 1 + 16 - pbyte, 0) == NONE)
				return NONE;
		}
		break;
	}
	case NT_DNS_T_URI:
		if (!has(d, cp, len))
			return NONE;
		if (!get(d, cp, 2, &v) || !get(d, cp + 2, 2, &w))
			return NONE;
		nt_out_printf(o, " %u %u ", v, w);
		/* rdlength < 4 wraps to a huge count in tcpdump */
		if (printn(d, cp + 4, (uint32_t)(len - 4)))
			return NONE;
		break;
	case NT_DNS_T_OPT:
		nt_out_printf(o, " UDPsize=%u", cls);
		if (opt_flags & 0x8000)
			nt_out_puts(o, " DO");
		if (cp < rp) {
			nt_out_puts(o, " [");
			while (cp < rp) {
				if ((cp = eopt(d, cp)) == NONE)
					return NONE;
				if (cp < rp)
					nt_out_putc(o, ',');
			}
			nt_out_putc(o, ']');
		}
		break;
	case NT_DNS_T_UNSPECA:
		if (!has(d, cp, len) || printn(d, cp, len))
			return NONE;
		break;
	case NT_DNS_T_TSIG:
		if (!vflag)
			break;
		nt_out_putc(o, ' ');
		if ((cp = fqdn(d, cp, 0)) == NONE)
			return NONE;
		cp += 6; /* time signed */
		if (!has(d, cp, 2))
			return NONE;
		nt_out_printf(o, " fudge=%u", rd16(d, cp));
		cp += 2;
		if (!has(d, cp, 2))
			return NONE;
		v = rd16(d, cp);
		nt_out_printf(o, " maclen=%u", v);
		cp += 2 + v;
		if (!has(d, cp, 2))
			return NONE;
		nt_out_printf(o, " origid=%u", rd16(d, cp));
		cp += 2;
		if (!has(d, cp, 2))
			return NONE;
		nt_out_printf(o, " error=%u", rd16(d, cp));
		cp += 2;
		if (!has(d, cp, 2))
			return NONE;
		nt_out_printf(o, " otherlen=%u", rd16(d, cp));
		break;
	default:
		break;
	}
	return rp;
}

/* One resource record; offset after it, d->cap when its fixed part is
 * missing (tcpdump returns snapend there), or NONE. */
static size_t rprint(struct dns *d, size_t cp)
{
	struct nt_out *o = d->o;
	int vflag = d->pr->o.vflag;
	uint32_t typ, klass, cls, ttl, len, opt_flags = 0;
	size_t rp;

	if (vflag) {
		nt_out_putc(o, ' ');
		if ((cp = fqdn(d, cp, 0)) == NONE)
			return NONE;
	} else {
		cp = nskip(d, cp);
	}
	if (cp == NONE || !has(d, cp, 10))
		return d->cap;
	typ = rd16(d, cp);
	klass = rd16(d, cp + 2);
	rd(d, cp + 4, 4, &ttl);
	len = rd16(d, cp + 8);
	cls = d->is_mdns ? (klass & ~(uint32_t)NT_DNS_C_QU) : klass;
	if (cls != NT_DNS_C_IN && typ != NT_DNS_T_OPT) {
		nt_out_putc(o, ' ');
		put_class(o, cls);
	}
	if (d->is_mdns && (klass & NT_DNS_C_QU))
		nt_out_puts(o, " (Cache flush)");
	if (typ == NT_DNS_T_OPT) {
		opt_flags = ttl & 0xffff;
	} else if (vflag > 2) {
		nt_out_puts(o, " [");
		relts(o, ttl);
		nt_out_putc(o, ']');
	}
	cp += 10;
	rp = cp + len;
	nt_out_putc(o, ' ');
	put_type(o, typ);
	if (rp > d->cap)
		return NONE;
	return rdata(d, typ, cls, opt_flags, cp, rp, len);
}

/* Prints count records of a section; *cp moves on.  0 when truncated. */
static int section(struct dns *d, size_t *cp, uint32_t *count, const char *label, int need_room)
{
	if (*count == 0 || (need_room && *cp >= d->cap))
		return *count == 0;
	nt_out_puts(d->o, label);
	if ((*cp = rprint(d, *cp)) == NONE)
		return 0;
	(*count)--;
	while (*cp < d->cap && *count) {
		nt_out_putc(d->o, ',');
		if ((*cp = rprint(d, *cp)) == NONE)
			return 0;
		(*count)--;
	}
	return *count == 0;
}

/* The rcode with the high 8 bits from an OPT record in the additional
 * section (RFC 6891 6.1.3), found by skipping all earlier records. */
static unsigned ext_rcode(const struct dns *d, unsigned rcode, uint32_t qd, uint32_t an_ns,
			  uint32_t ar)
{
	size_t cp = 12;
	uint32_t v;
	for (uint32_t i = 0; i < qd; i++) {
		if ((cp = nskip(d, cp)) == NONE)
			return rcode;
		cp += 4;
		if (cp >= d->cap)
			return rcode;
	}
	for (uint32_t i = 0; i < an_ns; i++) {
		if ((cp = nskip(d, cp)) == NONE)
			return rcode;
		cp += 8;
		if (!has(d, cp, 2))
			return rcode;
		cp += 2 + rd16(d, cp);
		if (cp >= d->cap)
			return rcode;
	}
	for (uint32_t i = 0; i < ar; i++) {
		if ((cp = nskip(d, cp)) == NONE || !has(d, cp, 2))
			return rcode;
		v = rd16(d, cp);
		cp += 4;
		if (!has(d, cp, 1))
			return rcode;
		if (v == NT_DNS_T_OPT) {
			rd(d, cp, 1, &v);
			return rcode | (v << 4);
		}
		cp += 4;
		if (!has(d, cp, 2))
			return rcode;
		cp += 2 + rd16(d, cp);
		if (cp >= d->cap)
			return rcode;
	}
	return rcode;
}

int nt_print_dns(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int is_mdns)
{
	struct dns d;
	struct nt_out *o = pr->out;
	uint32_t id, flags, qd, an, ns, ar;
	unsigned opcode, rcode;
	size_t cp = 12;

	d.pr = pr;
	d.o = o;
	d.is_mdns = is_mdns;
	d.jmp = 0;
	/* Like tcpdump, read up to the end of the capture (bounded by the
	 * IP datagram), even past len when a UDP length is short. */
	d.cap = nt_cur_left(c);
	nt_cur_sub(c, d.cap > len ? d.cap : len, &d.msg);

	if (len < 12) {
		nt_out_printf(o, "domain [length %u < 12] (invalid)", len);
		return NT_PRINT_OK;
	}
	if (!has(&d, 0, 12))
		goto trunc;
	id = rd16(&d, 0);
	flags = rd16(&d, 2);
	qd = rd16(&d, 4);
	an = rd16(&d, 6);
	ns = rd16(&d, 8);
	ar = rd16(&d, 10);
	opcode = (flags >> 11) & 0xf;
	rcode = ext_rcode(&d, flags & 0xf, qd, an + ns, ar);

	if (flags & 0x8000) {
		nt_out_u(o, id);
		put_opcode(o, opcode);
		put_rcode(o, rcode);
		if (flags & 0x0400)
			nt_out_putc(o, '*');
		if (!(flags & 0x0080))
			nt_out_putc(o, '-');
		if (flags & 0x0200)
			nt_out_putc(o, '|');
		if (flags & 0x0020)
			nt_out_putc(o, '$');
		if (qd != 1)
			nt_out_printf(o, " [%uq]", qd);
		for (uint32_t i = 0; i < qd; i++) {
			if (i != 0)
				nt_out_putc(o, ',');
			if (pr->o.vflag > 1) {
				nt_out_puts(o, " q:");
				cp = qprint(&d, cp);
			} else {
				cp = nskip(&d, cp);
				if (cp != NONE)
					cp += 4;
			}
			if (cp == NONE)
				goto trunc;
		}
		nt_out_printf(o, " %u/%u/%u", an, ns, ar);
		if (!section(&d, &cp, &an, "", 0))
			goto trunc;
	} else {
		nt_out_u(o, id);
		put_opcode(o, opcode);
		if (flags & 0x0100)
			nt_out_putc(o, '+');
		if (flags & 0x0010)
			nt_out_putc(o, '%');
		if (flags & 0x6cf)
			nt_out_printf(o, " [b2&3=0x%x]", flags);
		if (opcode == 1) { /* IQUERY */
			if (qd)
				nt_out_printf(o, " [%uq]", qd);
			if (an != 1)
				nt_out_printf(o, " [%ua]", an);
		} else {
			if (an)
				nt_out_printf(o, " [%ua]", an);
			if (qd != 1)
				nt_out_printf(o, " [%uq]", qd);
		}
		if (ns)
			nt_out_printf(o, " [%un]", ns);
		if (ar)
			nt_out_printf(o, " [%uau]", ar);
		if (qd) {
			if ((cp = qprint(&d, cp)) == NONE)
				goto trunc;
			qd--;
			while (cp < d.cap && qd) {
				if ((cp = qprint(&d, cp)) == NONE)
					goto trunc;
				qd--;
			}
		}
		if (qd)
			goto trunc;
		if (pr->o.vflag > 1 && !section(&d, &cp, &an, "", 0))
			goto trunc;
	}
	if (pr->o.vflag > 1) {
		if (!section(&d, &cp, &ns, " ns:", 1) || !section(&d, &cp, &ar, " ar:", 1))
			goto trunc;
	}
	nt_out_printf(o, " (%u)", len);
	return NT_PRINT_OK;

trunc:
	nt_print_trunc(pr, "domain");
	return NT_PRINT_TRUNC;
}

size_t nt_print_dns_name(struct nt_printer *pr, const struct nt_cur *msg, size_t off,
			 size_t base, int *jmp)
{
	struct dns d = {pr, pr->out, *msg, msg->err ? 0 : (size_t)(msg->end - msg->base), 0, 0};
	size_t r = fqdn(&d, off, base);
	*jmp = d.jmp;
	return r;
}
