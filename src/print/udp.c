/* \summary: UDP printer (RFC 768) and dispatch to DNS / mDNS.
 *
 * | src port | dst port | length | checksum | payload ... |
 */
#include "print/print.h"

static void addrs(struct nt_printer *pr, const uint8_t *src, const uint8_t *dst, int v6,
		  int sport, int dport)
{
	struct nt_out *o = pr->out;
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
		return nt_print_dns(pr, &pl, length, 0);
	}
	addrs(pr, src, dst, v6, (int)sport, (int)dport);
	int fragmented = pr->ip_hdr && !v6 && (pr->ip_hdr[6] & 0x20);
	if (pr->o.vflag && !fragmented && pr->ip_hdr) {
		if (!v6 && pr->o.vflag > 1) {
			if (sum == 0) {
				nt_out_puts(o, "[no cksum] ");
			} else if (nt_cur_has(&pl, length)) {
				uint16_t r = nt_l4_cksum(pr, 17, uh, length + 8);
				if (r != 0) {
					uint32_t s2 = nt_cksum_add(0, uh, 6);
					s2 = nt_cksum_add(s2, uh + 8, length);
					s2 = nt_cksum_add(s2, pr->ip_hdr + 12, 8);
					s2 += 17 + (length + 8);
					nt_out_printf(o, "[bad udp cksum 0x%04x -> 0x%04x!] ", sum,
						      (uint16_t)~nt_cksum_fold(s2));
				} else {
					nt_out_puts(o, "[udp sum ok] ");
				}
			}
		} else if (v6) {
			if (nt_cur_has(&pl, length)) {
				uint16_t r = nt_l4_cksum(pr, 17, uh, length + 8);
				if (r != 0) {
					uint32_t s2 = nt_cksum_add(0, uh, 6);
					s2 = nt_cksum_add(s2, uh + 8, length);
					s2 = nt_cksum_add(s2, pr->ip_hdr + 8, 32);
					s2 += 17 + (length + 8);
					nt_out_printf(o, "[bad udp cksum 0x%04x -> 0x%04x!] ", sum,
						      (uint16_t)~nt_cksum_fold(s2));
				} else {
					nt_out_puts(o, "[udp sum ok] ");
				}
			}
		}
	}
	if (!pr->o.qflag) {
		if (is_port(sport, dport, 53))
			return nt_print_dns(pr, &pl, length, 0);
		if (is_port(sport, dport, 5353))
			return nt_print_dns(pr, &pl, length, 1);
	}
	if (ulen > length && !fragmented)
		nt_out_printf(o, "UDP, bad length %u > %u", ulen, length);
	else
		nt_out_printf(o, "UDP, length %u", ulen);
	return NT_PRINT_OK;
}
