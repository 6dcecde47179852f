/* \summary: UDP printer (RFC 768) and dispatch to DNS / mDNS, NTP,
 * BOOTP/DHCP, AFS Rx, DHCPv6, BCM-LI and syslog.
 *
 * | src port | dst port | length | checksum | payload ... |
 */
#include "print/print.h"

/* udpipaddr_print: "SRC.SPORT > DST.DPORT: ", or only the ports when an
 * IPv6 extension header sits between IP and UDP; sport < 0: no ports. */
static void addrs(struct nt_printer *pr, const uint8_t *src, const uint8_t *dst, int v6,
		  int sport, int dport)
{
	struct nt_out *o = pr->out;
	int direct = 1;
	if (pr->ip_hdr)
		direct = (v6 ? pr->ip_hdr[6] : pr->ip_hdr[9]) == 17;
	if (!direct) {
		if (sport >= 0) {
			nt_print_port(pr, 1, (unsigned)sport);
			nt_out_puts(o, " > ");
			nt_print_port(pr, 1, (unsigned)dport);
			nt_out_puts(o, ": ");
		}
		return;
	}
	nt_print_addr(pr, v6, src);
	if (sport >= 0) {
		nt_out_putc(o, '.');
		nt_print_port(pr, 1, (unsigned)sport);
	}
	nt_out_puts(o, " > ");
	nt_print_addr(pr, v6, dst);
	if (dport >= 0) {
		nt_out_putc(o, '.');
		nt_print_port(pr, 1, (unsigned)dport);
	}
	nt_out_puts(o, ": ");
}

static void cksum_text(struct nt_printer *pr, const uint8_t *uh, uint32_t ulen, unsigned sum)
{
	uint16_t r = nt_l4_cksum(pr, 17, uh, ulen);
	if (r != 0) {
		nt_out_puts(pr->out, "[bad udp cksum 0x");
		nt_out_hex(pr->out, sum, 4);
		nt_out_puts(pr->out, " -> 0x");
		nt_out_hex(pr->out, nt_cksum_shouldbe((uint16_t)sum, r), 4);
		nt_out_puts(pr->out, "!] ");
	} else {
		nt_out_puts(pr->out, "[udp sum ok] ");
	}
}

/* AFS Rx (ports 7000-7009): the Rx header only; the AFS service calls
 * carried in it are not decoded.
 * | epoch (4) | cid (4) | call (4) | seq (4) | serial (4) | type | flags |
 * | userstatus | securityindex | spare (2) | serviceid (2) |
 */
static int print_rx(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	static const char *const types[] = {NULL, "data", "ack", "busy", "abort", "ackall",
					    "challenge", "response", "debug", "params", NULL,
					    NULL, NULL, "version"};
	static const struct { uint8_t flag, type; const char *s; } flags[] = {
		{1, 0, "client-init"}, {2, 0, "req-ack"}, {4, 0, "last-pckt"},
		{8, 0, "more-pckts"}, {16, 0, "free-pckt"}, {32, 2, "slow-start"},
		{32, 1, "jumbogram"},
	};
	if (!nt_cur_has(c, 28)) {
		nt_out_printf(o, " [|rx] (%u)", length);
		return NT_PRINT_TRUNC;
	}
	const uint8_t *h = c->p;
	unsigned type = h[20], fl = h[21];
	if (type < sizeof(types) / sizeof(types[0]) && types[type])
		nt_out_printf(o, " rx %s", types[type]);
	else
		nt_out_printf(o, " rx type %u", type);
	if (pr->o.vflag) {
		uint32_t w[5];
		for (int i = 0; i < 5; i++)
			w[i] = ((uint32_t)h[4 * i] << 24) | ((uint32_t)h[4 * i + 1] << 16) |
			       ((uint32_t)h[4 * i + 2] << 8) | h[4 * i + 3];
		if (pr->o.vflag > 1)
			nt_out_printf(o, " cid %08x call# %u", w[1], w[2]);
		nt_out_printf(o, " seq %u ser %u", w[3], w[4]);
		if (pr->o.vflag > 2)
			nt_out_printf(o, " secindex %u serviceid %u", h[23],
				      (unsigned)((h[26] << 8) | h[27]));
		if (pr->o.vflag > 1) {
			int first = 1;
			for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
				if ((fl & flags[i].flag) && (!flags[i].type || flags[i].type == type)) {
					nt_out_puts(o, first ? " <" : ",<");
					nt_out_puts(o, flags[i].s);
					nt_out_putc(o, '>');
					first = 0;
				}
			}
		}
	}
	nt_out_printf(o, " (%u)", length);
	return NT_PRINT_OK;
}

static int is_port(unsigned sport, unsigned dport, unsigned p)
{
	return sport == p || dport == p;
}

int nt_print_udp(struct nt_printer *pr, struct nt_cur *c, uint32_t length,
		 const uint8_t *src, const uint8_t *dst, int v6)
{
	struct nt_out *o = pr->out;
	if (!nt_cur_has(c, 4)) {
		addrs(pr, src, dst, v6, -1, -1);
		nt_print_trunc(pr, "udp");
		return NT_PRINT_TRUNC;
	}
	const uint8_t *uh = c->p;
	unsigned sport = nt_u16(c), dport = nt_u16(c);
	if (length < 8) {
		addrs(pr, src, dst, v6, (int)sport, (int)dport);
		nt_out_printf(o, "truncated-udp %u", length);
		return NT_PRINT_OK;
	}
	if (!nt_cur_has(c, 2)) {
		addrs(pr, src, dst, v6, (int)sport, (int)dport);
		nt_print_trunc(pr, "udp");
		return NT_PRINT_TRUNC;
	}
	uint32_t ulen = nt_u16(c);
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < 8) {
		addrs(pr, src, dst, v6, (int)sport, (int)dport);
		nt_out_printf(o, "truncated-udplength %u", ulen);
		return NT_PRINT_OK;
	}
	ulen -= 8;
	length -= 8;
	if (ulen < length)
		length = ulen;
	if (!nt_cur_has(c, 2)) {
		addrs(pr, src, dst, v6, (int)sport, (int)dport);
		nt_print_trunc(pr, "udp");
		return NT_PRINT_TRUNC;
	}
	unsigned sum = nt_u16(c);
	struct nt_cur pl;
	nt_cur_sub(c, length, &pl);
	if (pr->o.force_domain) {
		addrs(pr, src, dst, v6, (int)sport, (int)dport);
		return nt_print_dns(pr, c, length, 0);
	}
	addrs(pr, src, dst, v6, (int)sport, (int)dport);
	int fragmented = pr->ip_frag;
	if (pr->o.vflag && !fragmented && pr->ip_hdr) {
		if (!v6 && pr->o.vflag > 1) {
			if (sum == 0)
				nt_out_puts(o, "[no cksum] ");
			else if (nt_cur_has(&pl, length))
				cksum_text(pr, uh, length + 8, sum);
		} else if (v6) {
			if (nt_cur_has(&pl, length))
				cksum_text(pr, uh, length + 8, sum);
		}
	}
	if (!pr->o.qflag) {
		if (is_port(sport, dport, 53))
			return nt_print_dns(pr, c, length, 0);
		if (is_port(sport, dport, 5353))
			return nt_print_dns(pr, c, length, 1);
		/* tcpdump 4.99.3 tries TIMED (525) and TFTP (69) before BOOTP;
		 * neither is printed here, so those stay plain UDP. */
		if ((is_port(sport, dport, 67) || is_port(sport, dport, 68)) &&
		    !is_port(sport, dport, 525) && !is_port(sport, dport, 69))
			return nt_print_bootp(pr, c, length);
		/* In tcpdump 4.99.3's order: NTP before Rx, BCM-LI before syslog. */
		if (is_port(sport, dport, 123) && !is_port(sport, dport, 161) &&
		    !is_port(sport, dport, 162))
			return nt_print_ntp(pr, c, length);
		if (((sport >= 7000 && sport <= 7009) || (dport >= 7000 && dport <= 7009)) &&
		    !is_port(sport, dport, 161) && !is_port(sport, dport, 162))
			return print_rx(pr, c, length); /* tcpdump reads the Rx header
							   * past a short UDP length */
		if (is_port(sport, dport, 546) || is_port(sport, dport, 547))
			return nt_print_dhcp6(pr, c, length);
		if (sport == 49152)
			return nt_print_bcm_li(pr, c, length);
		if (is_port(sport, dport, 514))
			return nt_print_syslog(pr, c, length);
	}
	if (ulen > length && !fragmented)
		nt_out_printf(o, "UDP, bad length %u > %u", ulen, length);
	else
		nt_out_printf(o, "UDP, length %u", ulen);
	return NT_PRINT_OK;
}
