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

static int print_vrrp(struct nt_printer *pr, struct nt_cur *c, uint32_t len, unsigned ttl);

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
	case 77: /* IPPROTO_ND */
		nt_out_printf(o, " nd %u", len);
		return NT_PRINT_OK;
	case 112:
		return print_vrrp(pr, c, len, pr->ip_hdr ? pr->ip_hdr[v6 ? 7 : 8] : 255);
	default:
		print_proto_word(pr, nh);
		nt_out_printf(o, " %u", len);
		return NT_PRINT_OK;
	}
}

/* VRRP (RFC 3768 v2, RFC 5798 v3):
 * | ver/type | vrid | prio | naddrs | auth/rsvd+intvl | intvl | checksum | addrs (4 each) |
 */
static int print_vrrp(struct nt_printer *pr, struct nt_cur *c, uint32_t len, unsigned ttl)
{
	struct nt_out *o = pr->out;
	const uint8_t *bp = c->p;
	size_t have = nt_cur_left(c);
	nt_out_puts(o, "VRRP");
	if (have < 1)
		goto trunc;
	unsigned version = bp[0] >> 4, type = bp[0] & 0x0f;
	nt_out_printf(o, "v%u, ", version);
	if (type == 1)
		nt_out_puts(o, "Advertisement");
	else
		nt_out_printf(o, "unknown type (%u)", type);
	if (ttl != 255)
		nt_out_printf(o, ", (ttl %u)", ttl);
	if (version < 2 || version > 3 || type != 1)
		return NT_PRINT_OK;
	if (have < 3)
		goto trunc;
	nt_out_printf(o, ", vrid %u, prio %u", bp[1], bp[2]);
	if (have < 6)
		goto trunc;
	unsigned auth = bp[4];
	if (version == 2) {
		static const char *const auth_names[] = {"none", "simple", "ah"};
		if (auth < 3)
			nt_out_printf(o, ", authtype %s", auth_names[auth]);
		else
			nt_out_printf(o, ", authtype #%u", auth);
		nt_out_printf(o, ", intvl %us, length %u", bp[5], len);
	} else {
		nt_out_printf(o, ", intvl %ucs, length %u", (unsigned)((bp[4] & 0x0f) << 8 | bp[5]), len);
	}
	if (pr->o.vflag) {
		if (have < 4)
			goto trunc;
		unsigned naddrs = bp[3];
		if (have >= len && len >= 8) {
			uint16_t bad = version == 2 ? (uint16_t)~nt_cksum_fold(nt_cksum_add(0, bp, len))
						    : nt_l4_cksum(pr, 112, bp, len);
			if (bad)
				nt_out_printf(o, ", (bad vrrp cksum %x)", (unsigned)(bp[6] << 8 | bp[7]));
		}
		nt_out_puts(o, ", addrs");
		if (naddrs > 1)
			nt_out_printf(o, "(%u)", naddrs);
		nt_out_putc(o, ':');
		char sep = ' ';
		unsigned asz = pr->ip_v == 6 ? 16 : 4;
		for (unsigned i = 0; i < naddrs; i++) {
			if (have < 8 + asz * (i + 1))
				goto trunc;
			nt_out_putc(o, sep);
			if (asz == 16)
				nt_out_ip6(o, bp + 8 + 16 * i);
			else
				nt_out_ip4(o, bp + 8 + 4 * i);
			sep = ',';
		}
		if (version == 2 && auth == 1) {
			size_t at = 8 + (size_t)asz * naddrs;
			if (have < at + 8)
				goto trunc;
			nt_out_puts(o, " auth \"");
			for (size_t i = 0; i < 8 && bp[at + i]; i++)
				nt_print_fn_char(pr, bp[at + i]);
			nt_out_putc(o, '"');
		}
	}
	return NT_PRINT_OK;
trunc:
	nt_print_trunc(pr, "vrrp");
	return NT_PRINT_TRUNC;
}

/* IPv4 options (RFC 791 3.1).  `cap` is how many option bytes were
 * captured; the printers below may look a little past an option (as
 * tcpdump does) but never past what was captured.  Return 0, -1 when an
 * option was cut ("[truncated-option]"), or -2 when a byte tcpdump
 * needed was not captured at all (the packet ends with " [|ip]"). */
enum { OPT_CUT = -1, OPT_GONE = -2 };

/* tcpdump's ip_printroute: RR, SSRR, LSRR. */
static int ip_printroute(struct nt_printer *pr, const uint8_t *cp, unsigned length, size_t cap)
{
	struct nt_out *o = pr->out;
	if (length < 3) {
		nt_out_printf(o, " [bad length %u]", length);
		return 0;
	}
	if ((length + 1) & 3)
		nt_out_printf(o, " [bad length %u]", length);
	unsigned ptr = cp[2] - 1u;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		nt_out_printf(o, " [bad ptr %u]", cp[2]);
	for (unsigned len = 3; len < length; len += 4) {
		if (len + 4 > cap)
			return OPT_GONE;
		nt_out_putc(o, ' ');
		nt_out_ip4(o, cp + len);
		if (ptr > len)
			nt_out_putc(o, ',');
	}
	return 0;
}

/* tcpdump's ip_printts: the timestamp option (RFC 791). */
static int ip_printts(struct nt_printer *pr, const uint8_t *cp, unsigned length, size_t cap)
{
	struct nt_out *o = pr->out;
	if (length < 4) {
		nt_out_printf(o, "[bad length %u]", length);
		return 0;
	}
	nt_out_puts(o, " TS{");
	unsigned flg = cp[3] & 0x0f;
	unsigned hoplen = flg != 0 ? 8 : 4;
	if ((length - 4) & (hoplen - 1))
		nt_out_printf(o, "[bad length %u]", length);
	unsigned ptr = cp[2] - 1u, len = 0;
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		nt_out_printf(o, "[bad ptr %u]", cp[2]);
	switch (flg) {
	case 0: nt_out_puts(o, "TSONLY"); break;
	case 1: nt_out_puts(o, "TS+ADDR"); break;
	case 3: nt_out_puts(o, "PRESPEC"); break;
	default:
		nt_out_printf(o, "[bad ts type %u]", flg);
		goto done;
	}
	const char *type = " ";
	for (len = 4; len < length; len += hoplen) {
		if (ptr == len)
			type = " ^ ";
		if (len + hoplen > cap)
			return OPT_GONE;
		const uint8_t *t = cp + len + hoplen - 4;
		nt_out_printf(o, "%s%u@", type,
			      ((uint32_t)t[0] << 24) | ((uint32_t)t[1] << 16) | ((uint32_t)t[2] << 8) | t[3]);
		if (hoplen == 8)
			nt_out_ip4(o, cp + len);
		type = " ";
	}
done:
	nt_out_puts(o, ptr == len ? " ^ " : "");
	if (cp[3] >> 4)
		nt_out_printf(o, " [%u hops not recorded]} ", cp[3] >> 4);
	else
		nt_out_putc(o, '}');
	return 0;
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

static int ip_optprint(struct nt_printer *pr, const uint8_t *cp, unsigned length, size_t cap)
{
	const char *sep = "";
	unsigned option_len;
	for (; length > 0; cp += option_len, length -= option_len, cap -= option_len) {
		nt_out_puts(pr->out, sep);
		sep = ",";
		if (cap < 1)
			return OPT_GONE;
		unsigned code = cp[0];
		const char *name = ipopt_name(code);
		if (name)
			nt_out_puts(pr->out, name);
		else
			nt_out_printf(pr->out, "unknown %u", code);
		if (code == 0 || code == 1) {
			option_len = 1;
		} else {
			if (cap < 2)
				return OPT_GONE;
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
		if (option_len > cap)
			return OPT_CUT;
		int rc = 0;
		switch (code) {
		case 0:
			return 0;
		case 68:
			rc = ip_printts(pr, cp, option_len, cap);
			break;
		case 7:
		case 137:
		case 131:
			rc = ip_printroute(pr, cp, option_len, cap);
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
		if (rc)
			return rc;
	}
	return 0;
}

int nt_print_ip(struct nt_printer *pr, struct nt_cur *c)
{
	int b = nt_peek(c, 0);
	if (b < 0) {
		nt_print_trunc(pr, "ipn");
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

/* ip_open's answer when the printer is to go on. */
enum { IP_GO_ON = 1 };

/* The checks both IP printers open with: the nesting depth (an ICMP error
 * quotes a datagram, which may quote another ...), then at least `need`
 * captured bytes.  IP_GO_ON, or NT_PRINT_OK / NT_PRINT_TRUNC (printed)
 * when the datagram ends here. */
static inline int ip_open(struct nt_printer *pr, const struct nt_cur *c, size_t need,
			  const char *proto)
{
	if (++pr->ip_depth > MAX_IP_DEPTH) {
		nt_out_puts(pr->out, "[too many nested headers] (invalid)");
		return NT_PRINT_OK;
	}
	if (!nt_cur_has(c, need)) {
		nt_print_trunc(pr, proto);
		return NT_PRINT_TRUNC;
	}
	return IP_GO_ON;
}

/* The bytes of a datagram of `len` bytes (per its header) that can be
 * read: what was captured, but not link padding nor past the wire length. */
static inline size_t ip_readable(const struct nt_cur *c, uint32_t len, uint32_t length)
{
	size_t cap = nt_cur_left(c);
	if (cap > len)
		cap = len;
	if (cap > length)
		cap = length;
	return cap;
}

/* The enclosing datagram's header as transport printers see it (for
 * checksums), kept while an inner one is printed. */
struct ip_ctx {
	const uint8_t *hdr;
	int v, frag;
};

static inline struct ip_ctx ip_enter(struct nt_printer *pr, const uint8_t *h, int v, int frag)
{
	struct ip_ctx saved = {pr->ip_hdr, pr->ip_v, pr->ip_frag};
	pr->ip_hdr = h;
	pr->ip_v = v;
	pr->ip_frag = frag;
	return saved;
}

static inline void ip_leave(struct nt_printer *pr, struct ip_ctx saved)
{
	pr->ip_hdr = saved.hdr;
	pr->ip_v = saved.v;
	pr->ip_frag = saved.frag;
}

static void addr_pair4(struct nt_printer *pr, const uint8_t *h, const char *tail)
{
	nt_out_ip4(pr->out, h + 12);
	nt_out_puts(pr->out, " > ");
	nt_out_ip4(pr->out, h + 16);
	nt_out_puts(pr->out, tail);
}

int nt_print_ip4(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)(c->wire_len - nt_cur_off(c));
	const uint8_t *h = c->p;
	int go = ip_open(pr, c, 1, "ip");
	if (go != IP_GO_ON)
		return go;
	unsigned ver = h[0] >> 4;
	if (ver != 4) {
		if (ver == 6)
			nt_out_puts(o, "IP6, wrong link-layer encapsulation");
		else
			nt_out_printf(o, "IP%u", ver);
		nt_out_puts(o, " (invalid)");
		return NT_PRINT_OK;
	}
	if (!pr->o.eflag)
		nt_out_puts(o, "IP ");
	if (!nt_cur_has(c, 20)) {
		nt_print_trunc(pr, "ip");
		return NT_PRINT_TRUNC;
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
	if (length < len)
		nt_out_printf(o, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		nt_out_printf(o, "bad-len %u", len);
		return NT_PRINT_OK;
	}
	/* Only the datagram (not link padding) is readable from here on. */
	size_t cap = ip_readable(c, len, length);
	unsigned off = (unsigned)((h[6] << 8) | h[7]);
	unsigned proto = h[9];
	if (pr->o.vflag) {
		int truncated = 0;
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
			if (off & 0x2000) { nt_out_puts(o, "+"); sep = ", "; }
			if (off & 0x4000) { nt_out_puts(o, sep); nt_out_puts(o, "DF"); sep = ", "; }
			if (off & 0x8000) { nt_out_puts(o, sep); nt_out_puts(o, "rsvd"); }
		} else {
			nt_out_puts(o, "none");
		}
		nt_out_printf(o, "], proto %s (%u), length %u", ipproto_name(proto), proto, len);
		if (hlen > 20) {
			nt_out_puts(o, ", options (");
			int rc = ip_optprint(pr, h + 20, hlen - 20, cap - 20);
			if (rc == OPT_GONE) {
				nt_print_trunc(pr, "ip");
				return NT_PRINT_TRUNC;
			}
			if (rc == OPT_CUT) {
				nt_out_puts(o, " [truncated-option]");
				truncated = 1;
			}
			nt_out_putc(o, ')');
		}
		if (cap >= hlen) {
			uint16_t sum = nt_cksum_fold(nt_cksum_add(0, h, hlen));
			if (sum != 0xffff) {
				unsigned ipsum = (unsigned)((h[10] << 8) | h[11]);
				nt_out_printf(o, ", bad cksum %x (->%x)!", ipsum,
					      nt_cksum_shouldbe((uint16_t)ipsum, (uint16_t)~sum));
			}
		}
		nt_out_puts(o, ")\n    ");
		if (truncated) {
			addr_pair4(pr, h, ": ");
			nt_print_trunc(pr, "ip");
			return NT_PRINT_TRUNC;
		}
	}
	if ((off & 0x1fff) != 0) {
		if (pr->o.qflag < 2) {
			addr_pair4(pr, h, ":");
			print_proto_word(pr, proto);
		}
		return NT_PRINT_OK;
	}
	if (proto != 6 && proto != 17 && proto != 132 && proto != 33)
		addr_pair4(pr, h, ": ");
	if (cap < hlen) {
		nt_out_printf(o, " [remaining caplen(%u) < header length(%u)]", (unsigned)cap, hlen);
		nt_print_trunc(pr, "ip");
		return NT_PRINT_TRUNC;
	}
	nt_skip(c, hlen);
	struct nt_cur sub;
	nt_cur_sub(c, len - hlen, &sub);
	if (sub.end > c->p + (cap - hlen))
		sub.end = c->p + (cap - hlen);
	struct ip_ctx outer = ip_enter(pr, h, 4, (off & 0x2000) != 0);
	int rc = demux(pr, &sub, len - hlen, 0, proto, h + 12, h + 16);
	ip_leave(pr, outer);
	return rc;
}

/* An option of fixed size (router alert, jumbo payload) at opt, `left`
 * bytes before the end of the options: 0 if it carries exactly dlen data
 * bytes, else -1 (said when show). */
static int ip6_opt_fixed(struct nt_out *o, int show, const uint8_t *opt, unsigned left,
			 unsigned dlen, const char *name)
{
	if (left < dlen + 2) {
		if (show)
			nt_out_printf(o, "(%s: trunc)", name);
		return -1;
	}
	if (opt[1] != dlen) {
		if (show)
			nt_out_printf(o, "(%s: invalid len %u)", name, opt[1]);
		return -1;
	}
	return 0;
}

/* Options of the hop-by-hop and destination options headers (RFC 8200
 * 4.2): always checked, printed at -v; -1 when they do not fit. */
static int ip6_opt_print(struct nt_printer *pr, const uint8_t *bp, unsigned len, int show,
			 uint32_t *jumbo)
{
	struct nt_out *o = pr->out;
#define OPT_SAY(...) do { if (show) nt_out_printf(o, __VA_ARGS__); } while (0)
	unsigned optlen = 0;
	if (len == 0)
		return 0;
	for (unsigned i = 0; i < len; i += optlen) {
		unsigned type = bp[i];
		if (type == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return -1;
			optlen = bp[i + 1] + 2u;
		}
		if (i + optlen > len)
			return -1;
		switch (type) {
		case 0:
			OPT_SAY("(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				OPT_SAY("(padn: trunc)");
				return -1;
			}
			OPT_SAY("(padn)");
			break;
		case 5:
			if (ip6_opt_fixed(o, show, bp + i, len - i, 2, "rtalert") < 0)
				return -1;
			OPT_SAY("(rtalert: 0x%04x) ", (unsigned)((bp[i + 2] << 8) | bp[i + 3]));
			break;
		case 0xc2:
			if (ip6_opt_fixed(o, show, bp + i, len - i, 4, "jumbo") < 0)
				return -1;
			{
				uint32_t jl = ((uint32_t)bp[i + 2] << 24) | ((uint32_t)bp[i + 3] << 16) |
					      ((uint32_t)bp[i + 4] << 8) | bp[i + 5];
				unsigned plen = pr->ip_hdr ? (unsigned)((pr->ip_hdr[4] << 8) | pr->ip_hdr[5]) : 0;
				if (*jumbo != UINT32_MAX) {
					OPT_SAY("(jumbo: %u - already seen) ", jl);
				} else if (jl < 65536) {
					OPT_SAY("(jumbo: %u - < 65536) ", jl);
				} else if (plen != 0) {
					OPT_SAY("(jumbo: %u - payload len != 0) ", jl);
				} else {
					OPT_SAY("(jumbo: %u) ", jl);
					*jumbo = jl;
				}
			}
			break;
		default:
			if (len - i < 2) {
				OPT_SAY("(type %u: trunc)", type);
				return -1;
			}
			OPT_SAY("(opt_type 0x%02x: len=%u)", type, bp[i + 1]);
			break;
		}
	}
	OPT_SAY(" ");
#undef OPT_SAY
	return 0;
}

/* Hop-by-hop / destination options header: its length, or -1 (printed). */
static int ip6_opthdr(struct nt_printer *pr, const uint8_t *cp, size_t cap, int hbh,
		      uint32_t *jumbo)
{
	const char *proto = hbh ? "hbhopt" : "dstopt";
	if (cap < 2) {
		nt_print_trunc(pr, proto);
		return -1;
	}
	unsigned hlen = ((unsigned)cp[1] + 1) * 8;
	if (cap < hlen) {
		nt_print_trunc(pr, proto);
		return -1;
	}
	nt_out_puts(pr->out, hbh ? "HBH " : "DSTOPT ");
	/* tcpdump checks hop-by-hop options always (for a jumbo payload),
	 * destination options only when it prints them. */
	if ((hbh || pr->o.vflag) && ip6_opt_print(pr, cp + 2, hlen - 2, pr->o.vflag, jumbo) < 0) {
		nt_print_trunc(pr, proto);
		return -1;
	}
	return (int)hlen;
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Routing header (RFC 8200 4.4; type 4: RFC 8754): its length, or -1. */
static int ip6_rthdr(struct nt_printer *pr, const uint8_t *r, size_t cap)
{
	struct nt_out *o = pr->out;
	nt_out_puts(o, "RT6");
	if (cap < 2)
		goto trunc;
	unsigned len = r[1];
	nt_out_printf(o, " (len=%u", len);
	if (cap < 3)
		goto trunc;
	unsigned type = r[2];
	nt_out_printf(o, ", type=%u%s", type, type == 0 ? " [Deprecated]" : "");
	if (cap < 4)
		goto trunc;
	nt_out_printf(o, ", segleft=%u", r[3]);
	if (type == 0 || type == 2) {
		if (cap < 8)
			goto trunc;
		if (be32(r + 4) || pr->o.vflag)
			nt_out_printf(o, ", rsv=0x%0x", be32(r + 4));
		if (len % 2 == 1) {
			nt_out_printf(o, " (invalid length %u) (invalid)", len);
			return -1;
		}
		for (unsigned i = 0; i < len / 2; i++) {
			if (cap < 8 + 16 * (i + 1))
				goto trunc;
			nt_out_printf(o, ", [%u]", i);
			nt_out_ip6(o, r + 8 + 16 * i);
		}
	} else if (type == 4) {
		if (cap < 5)
			goto trunc;
		unsigned last = r[4];
		nt_out_printf(o, ", last-entry=%u", last);
		if (cap < 6)
			goto trunc;
		if (r[5] || pr->o.vflag)
			nt_out_printf(o, ", flags=0x%0x", r[5]);
		if (cap < 8)
			goto trunc;
		nt_out_printf(o, ", tag=%x", (unsigned)((r[6] << 8) | r[7]));
		for (unsigned i = 0; i < last + 1; i++) {
			if (cap < 8 + 16 * (i + 1))
				goto trunc;
			nt_out_printf(o, ", [%u]", i);
			nt_out_ip6(o, r + 8 + 16 * i);
		}
	} else {
		nt_out_puts(o, " (unknown type) (invalid)");
		return -1;
	}
	nt_out_puts(o, ") ");
	return (int)((len + 1) * 8);
trunc:
	nt_print_trunc(pr, "rt6");
	return -1;
}

int nt_print_ip6(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)(c->wire_len - nt_cur_off(c));
	const uint8_t *h = c->p;
	int go = ip_open(pr, c, 40, "ip6");
	if (go != IP_GO_ON)
		return go;
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
		uint32_t flow = be32(h);
		nt_out_putc(o, '(');
		if (flow & 0x0ff00000)
			nt_out_printf(o, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			nt_out_printf(o, "flowlabel 0x%05x, ", flow & 0x000fffff);
		nt_out_printf(o, "hlim %u, next-header %s (%u) payload length: %u) ", h[7],
			      ipproto_name(nh), nh, plen);
	}
	/* Readable: what was captured, up to the datagram's end. */
	size_t cap = ip_readable(c, len, length);
	struct ip_ctx outer = ip_enter(pr, h, 6, 0);
	int rc = NT_PRINT_OK;
	size_t at = 0;           /* offset of the header being looked at */
	uint32_t jumbo = UINT32_MAX; /* RFC 2675 payload length, when seen */
	int saw_hbh = 0;
	unsigned advance = 40;
	for (int guard = 0; at < cap && advance > 0; guard++) {
		if (guard > 64) {
			rc = NT_PRINT_TRUNC;
			break;
		}
		if (len < advance) {
			nt_print_trunc(pr, "ip6");
			rc = NT_PRINT_TRUNC;
			break;
		}
		at += advance;
		len -= advance;
		if (at == 40 && nh != 6 && nh != 17 && nh != 33 && nh != 132) {
			nt_out_ip6(o, h + 8);
			nt_out_puts(o, " > ");
			nt_out_ip6(o, h + 24);
			nt_out_puts(o, ": ");
		}
		const uint8_t *cp = h + at;
		size_t left = at < cap ? cap - at : 0;
		int adv;
		if (nh == 0 || nh == 60) {
			saw_hbh |= nh == 0;
			adv = ip6_opthdr(pr, cp, left, nh == 0, &jumbo);
			if (adv < 0) {
				rc = NT_PRINT_TRUNC;
				break;
			}
			nh = cp[0];
		} else if (nh == 44) {
			/* Fragment (RFC 8200 4.5). */
			if (left < (pr->o.vflag ? 8u : 4u)) {
				nt_print_trunc(pr, "frag6");
				rc = NT_PRINT_TRUNC;
				break;
			}
			unsigned offlg = (unsigned)((cp[2] << 8) | cp[3]) & 0xfff8;
			unsigned flen = (unsigned)(40 + plen - at - 8);
			if (pr->o.vflag)
				nt_out_printf(o, "frag (0x%08x:%u|%u)", be32(cp + 4), offlg, flen);
			else
				nt_out_printf(o, "frag (%u|%u)", offlg, flen);
			if (offlg != 0)
				break;
			nt_out_putc(o, ' ');
			if (cap <= at + 8)
				break;
			pr->ip_frag = 1;
			adv = 8;
			nh = cp[0];
		} else if (nh == 43) {
			if (left < 1) {
				nt_print_trunc(pr, "ip6");
				rc = NT_PRINT_TRUNC;
				break;
			}
			adv = ip6_rthdr(pr, cp, left);
			if (adv < 0) {
				rc = NT_PRINT_TRUNC;
				break;
			}
			nh = cp[0];
		} else {
			if (jumbo != UINT32_MAX) {
				/* A jumbogram: its length is in the option. */
				uint64_t jl = (uint64_t)jumbo + 40;
				if (jl < at) {
					nt_print_trunc(pr, "ip6");
					rc = NT_PRINT_TRUNC;
					break;
				}
				if (length < jl)
					nt_out_printf(o, "truncated-ip6 - %u bytes missing!",
						      (unsigned)(jl - length));
				len = (uint32_t)(jl - at);
			} else if (plen == 0) {
				if (saw_hbh) {
					nt_out_puts(o, "[No valid Jumbo Payload Hop-by-Hop option found] (invalid)");
					break;
				}
				/* No length at all: tcpdump passes 0 on, with nothing
				 * past the IPv6 header readable. */
				len = 0;
				cap = 40;
			}
			struct nt_cur sub;
			nt_cur_sub(c, 0, &sub);
			sub.base = sub.p = cp;
			sub.end = at < cap ? h + cap : cp;
			sub.wire_len = len;
			sub.err = 0;
			rc = demux(pr, &sub, len, 1, nh, h + 8, h + 24);
			break;
		}
		advance = (unsigned)adv;
	}
	ip_leave(pr, outer);
	return rc;
}
