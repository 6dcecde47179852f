/* \summary: helpers shared by the printers: truncation marker, port
 * names (proto/services.h), checksums, hex dumps, escaped characters. */
#include "print/print.h"

#include "proto/services.h"

void nt_print_trunc(struct nt_printer *pr, const char *proto)
{
	nt_out_puts(pr->out, " [|");
	nt_out_puts(pr->out, proto);
	nt_out_putc(pr->out, ']');
}

void nt_print_port(struct nt_printer *pr, int udp, unsigned port)
{
	const char *name = pr->o.nflag ? NULL : nt_service_port_name(udp, port);
	if (name)
		nt_out_puts(pr->out, name);
	else
		nt_out_u(pr->out, port);
}

void nt_print_addr(struct nt_printer *pr, int v6, const uint8_t *a)
{
	if (v6)
		nt_out_ip6(pr->out, a);
	else
		nt_out_ip4(pr->out, a);
}

uint32_t nt_cksum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i = 0;
	for (; i + 1 < n; i += 2)
		sum += (uint32_t)((p[i] << 8) | p[i + 1]);
	if (i < n)
		sum += (uint32_t)(p[i] << 8);
	return sum;
}

uint16_t nt_cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* The destination the pseudo-header uses: the final hop of a source route
 * when there is one (IPv4 LSRR/SSRR, IPv6 routing header type 0/2), as
 * tcpdump's ip_finddst / ip6_finddst.  The IP printers only call the
 * transport printers once the whole IP header was captured. */
static const uint8_t *ip4_final_dst(const uint8_t *ip)
{
	unsigned hlen = (ip[0] & 0x0f) * 4u;
	const uint8_t *cp = ip + 20;
	unsigned left = hlen > 20 ? hlen - 20 : 0, len;
	for (; left > 0; cp += len, left -= len) {
		unsigned t = cp[0];
		if (t == 0)
			break;
		if (t == 1) {
			len = 1;
		} else {
			if (left < 2)
				break;
			len = cp[1];
			if (len < 2)
				break;
		}
		if (len > left)
			break;
		if ((t == 131 || t == 137) && len >= 7)
			return cp + len - 4;
	}
	return ip + 16;
}

static const uint8_t *ip6_final_dst(const uint8_t *ip6, const uint8_t *l4)
{
	unsigned nh = ip6[6];
	const uint8_t *cp = ip6 + 40;
	while (cp + 8 <= l4) {
		if (nh == 0 || nh == 60) {
			nh = cp[0];
			cp += ((unsigned)cp[1] + 1) * 8;
			continue;
		}
		if (nh == 43) {
			unsigned len = cp[1];
			if ((cp[2] == 0 || cp[2] == 2) && len % 2 == 0 && len >= 2 &&
			    cp + 8 + 16 * (len / 2) <= l4)
				return cp + 8 + 16 * (len / 2 - 1);
		}
		break;
	}
	return ip6 + 24;
}

uint16_t nt_l4_cksum(const struct nt_printer *pr, uint8_t proto, const uint8_t *p, uint32_t len)
{
	uint32_t sum = 0;
	const uint8_t *ip = pr->ip_hdr;
	if (pr->ip_v == 6) {
		sum = nt_cksum_add(sum, ip + 8, 16);
		sum = nt_cksum_add(sum, ip6_final_dst(ip, p), 16);
		sum += len >> 16;
		sum += len & 0xffff;
		sum += proto;
	} else {
		sum = nt_cksum_add(sum, ip + 12, 4);
		sum = nt_cksum_add(sum, ip4_final_dst(ip), 4);
		sum += proto;
		sum += len & 0xffff;
	}
	sum = nt_cksum_add(sum, p, len);
	return (uint16_t)~nt_cksum_fold(sum);
}

uint16_t nt_cksum_shouldbe(uint16_t sum, uint16_t computed)
{
	uint32_t s = (uint32_t)sum + computed;
	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

void nt_print_hexdump(struct nt_printer *pr, const uint8_t *p, size_t n, const char *prefix)
{
	struct nt_out *o = pr->out;
	for (size_t off = 0; off < n; off += 16) {
		nt_out_puts(o, prefix);
		nt_out_puts(o, "0x");
		nt_out_hex(o, off, 4);
		nt_out_puts(o, ": ");
		for (size_t i = off; i < off + 16 && i < n; i += 2) {
			nt_out_putc(o, ' ');
			nt_out_hex(o, p[i], 2);
			if (i + 1 < n)
				nt_out_hex(o, p[i + 1], 2);
		}
	}
}

void nt_print_hex_ascii(struct nt_printer *pr, const uint8_t *p, size_t n, const char *prefix)
{
	struct nt_out *o = pr->out;
	for (size_t off = 0; off < n; off += 16) {
		size_t end = off + 16 < n ? off + 16 : n, col = 0;
		nt_out_puts(o, prefix);
		nt_out_puts(o, "0x");
		nt_out_hex(o, off, 4);
		nt_out_puts(o, ": ");
		for (size_t i = off; i < end; i += 2) {
			nt_out_putc(o, ' ');
			nt_out_hex(o, p[i], 2);
			col += 3;
			if (i + 1 < end) {
				nt_out_hex(o, p[i + 1], 2);
				col += 2;
			}
		}
		for (; col < 40; col++)
			nt_out_putc(o, ' ');
		nt_out_puts(o, "  ");
		for (size_t i = off; i < end; i++)
			nt_out_putc(o, (p[i] > 0x20 && p[i] < 0x7f) ? (char)p[i] : '.');
	}
}

void nt_print_fn_char(struct nt_printer *pr, uint8_t ch)
{
	struct nt_out *o = pr->out;
	if (ch & 0x80) {
		nt_out_puts(o, "M-");
		ch &= 0x7f;
	}
	if (ch < 0x20 || ch == 0x7f) {
		nt_out_putc(o, '^');
		nt_out_putc(o, (char)(ch ^ 0x40));
	} else {
		nt_out_putc(o, (char)ch);
	}
}
