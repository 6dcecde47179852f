/* \summary: Broadcom LI (lawful intercept) shim printer, UDP source
 * port 49152, as tcpdump 4.99.3 prints it (Broadcom BCM5600 LI shim;
 * no RFC).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | DIR | PKT-TYPE| SUB |               LI-ID (22 bits)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  intercepted packet (Ethernet, IPv4 or IPv6) ...              |
 *
 * The intercepted packet is printed only at -v.
 */
#include "print/print.h"

#define BCM_LI_SHIM_LEN 4

static const char *dir_name(unsigned d)
{
	static const char *const n[4] = {NULL, "unused", "egress", "ingress"};
	return d < 4 && n[d] ? n[d] : "unknown";
}

static const char *type_name(unsigned t)
{
	static const char *const n[4] = {"undecided", "ipv4", "ipv6", "ethernet"};
	return t >= 4 && t <= 7 ? n[t - 4] : "unknown";
}

static const char *subtype_name(unsigned s)
{
	static const char *const n[4] = {NULL, "single VLAN tag", "double VLAN tag", "untagged"};
	return s < 4 && n[s] ? n[s] : "unknown";
}

static int bcm_trunc(struct nt_printer *pr)
{
	nt_print_trunc(pr, "bcm_li");
	return NT_PRINT_TRUNC;
}

int nt_print_bcm_li(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	if (length < BCM_LI_SHIM_LEN) {
		nt_out_puts(o, " (length ");
		nt_out_u(o, length);
		nt_out_puts(o, " < 4) (invalid)");
		return NT_PRINT_OK;
	}
	uint32_t shim = nt_u32(c);
	if (c->err)
		return bcm_trunc(pr);
	unsigned type = (shim >> 25) & 0xf;
	length -= BCM_LI_SHIM_LEN;
	if (pr->o.vflag)
		nt_out_puts(o, "\n    ");
	nt_out_puts(o, "BCM-LI-SHIM: direction ");
	nt_out_puts(o, dir_name(shim >> 29));
	nt_out_puts(o, ", pkt-type ");
	nt_out_puts(o, type_name(type));
	nt_out_puts(o, ", pkt-subtype ");
	nt_out_puts(o, subtype_name((shim >> 22) & 7));
	nt_out_puts(o, ", li-id ");
	nt_out_u(o, shim & 0x3fffff);
	if (!pr->o.vflag) {
		if (!nt_cur_has(c, length))
			return bcm_trunc(pr);
		return NT_PRINT_OK;
	}
	nt_out_puts(o, "\n    ");
	struct nt_cur in;
	nt_cur_sub(c, length, &in);
	switch (type) {
	case 7:
		return nt_print_ether(pr, &in);
	case 5:
		return nt_print_ip4(pr, &in);
	case 6:
		return nt_print_ip6(pr, &in);
	case 4: {
		int b = nt_peek(&in, 0);
		if (b < 0)
			return bcm_trunc(pr);
		if (b >> 4 == 4)
			return nt_print_ip4(pr, &in);
		if (b >> 4 == 6)
			return nt_print_ip6(pr, &in);
		nt_out_puts(o, "unknown payload");
		return NT_PRINT_OK;
	}
	default:
		nt_out_puts(o, " (invalid)");
		return NT_PRINT_OK;
	}
}
