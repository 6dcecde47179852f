/* \summary: link-layer printers: Ethernet (802.1Q/QinQ), Linux cooked
 * capture v1/v2, BSD loopback (NULL/LOOP) and NFLOG; ARP is print/arp.c.
 *
 * Ethernet:  | dst mac (6) | src mac (6) | type/len (2) | payload |
 * SLL v1:    | pkttype (2) | hatype (2) | halen (2) | addr (8) | proto (2) |
 * SLL v2:    | proto (2) | rsvd (2) | ifindex (4) | hatype (2) | pkttype (1) | halen (1) | addr (8) |
 * NULL/LOOP: | address family (4, host order / network order) |
 * NFLOG:     | family | version | resource id (2, BE) | TLVs: | len (2, LE) | type (2, LE) | value, pad to 4 |
 */
#include "print/print.h"

#include "proto/ethertype.h"

#include <net/if.h>

/* tcpdump's ethertype name, "Unknown" when it has none. */
static const char *ethertype_name(uint16_t t)
{
	const char *n = nt_ethertype_name(t);
	return n ? n : "Unknown";
}

static void ethertype_text(struct nt_printer *pr, uint16_t t)
{
	if (!pr->o.qflag)
		nt_out_printf(pr->out, "ethertype %s (0x%04x)", ethertype_name(t), t);
	else if (nt_ethertype_name(t) == NULL)
		nt_out_printf(pr->out, "Unknown Ethertype (0x%04x)", t);
	else
		nt_out_puts(pr->out, ethertype_name(t));
}

static int is_vlan(uint16_t t)
{
	return t == 0x8100 || t == 0x88a8 || t == 0x9100 || t == 0x9200;
}

/* Returns 1 if the ethertype was printed by a protocol printer. */
int nt_print_ethertype(struct nt_printer *pr, struct nt_cur *c, uint16_t type)
{
	switch (type) {
	case 0x0800:
		nt_print_ip4(pr, c);
		return 1;
	case 0x86dd:
		nt_print_ip6(pr, c);
		return 1;
	case 0x0806:
	case 0x8035:
		nt_print_arp(pr, c);
		return 1;
	default:
		return 0;
	}
}

static void default_print(struct nt_printer *pr, struct nt_cur *c)
{
	size_t n = nt_cur_left(c);
	if (n)
		nt_print_hex_ascii(pr, c->p, n, "\n\t");
}

int nt_print_ether(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)c->wire_len;
	if (!nt_cur_has(c, 14)) {
		nt_print_trunc(pr, "ether");
		return NT_PRINT_TRUNC;
	}
	const uint8_t *dst = nt_ptr(c, 6);
	const uint8_t *src = nt_ptr(c, 6);
	if (pr->o.eflag) {
		nt_out_mac(o, src);
		nt_out_puts(o, " > ");
		nt_out_mac(o, dst);
		nt_out_puts(o, ", ");
	}
	uint16_t type = nt_u16(c);
	int printed_length = 0, depth = 0;
	while (is_vlan(type)) {
		if (!nt_cur_has(c, 4) || c->wire_len - nt_cur_off(c) < 4 || ++depth > 64) {
			nt_print_trunc(pr, "vlan");
			return NT_PRINT_TRUNC;
		}
		uint16_t tci = nt_u16(c);
		if (pr->o.eflag) {
			ethertype_text(pr, type);
			if (!printed_length) {
				nt_out_printf(o, ", length %u: ", length);
				printed_length = 1;
			} else {
				nt_out_puts(o, ", ");
			}
			nt_out_printf(o, "vlan %u, p %u%s, ", tci & 0xfff, tci >> 13,
				      (tci & 0x1000) ? ", DEI" : "");
		}
		type = nt_u16(c);
	}
	if (type <= 1500) {
		/* 802.3 length field: LLC, which we do not decode. */
		if (pr->o.eflag) {
			nt_out_puts(o, "802.3");
			if (!printed_length)
				nt_out_printf(o, ", length %u: ", length);
			else
				nt_out_puts(o, ", ");
		} else {
			nt_out_printf(o, "802.3, length %u: ", length);
		}
		nt_out_puts(o, "LLC");
		return NT_PRINT_OK;
	}
	if (pr->o.eflag) {
		ethertype_text(pr, type);
		if (!printed_length)
			nt_out_printf(o, ", length %u: ", length);
		else
			nt_out_puts(o, ", ");
	}
	struct nt_cur sub;
	nt_cur_sub(c, c->wire_len - nt_cur_off(c), &sub);
	if (!nt_print_ethertype(pr, &sub, type)) {
		if (!pr->o.eflag) {
			nt_out_mac(o, src);
			nt_out_puts(o, " > ");
			nt_out_mac(o, dst);
			nt_out_puts(o, ", ");
			ethertype_text(pr, type);
			nt_out_printf(o, ", length %u: ", length);
		}
		default_print(pr, &sub);
	}
	return NT_PRINT_OK;
}

static const char *sll_pkttype(unsigned t)
{
	switch (t) {
	case 0: return "In";
	case 1: return "B";
	case 2: return "M";
	case 3: return "P";
	case 4: return "Out";
	default: return "?";
	}
}

static void sll_proto_text(struct nt_printer *pr, uint16_t proto)
{
	if (proto <= 1500) {
		switch (proto) {
		case 1: nt_out_puts(pr->out, "802.3"); return;
		case 4: nt_out_puts(pr->out, "802.2"); return;
		default: break;
		}
	}
	nt_out_printf(pr->out, "ethertype %s (0x%04x)", ethertype_name(proto), proto);
}

/* -e, after the packet type of a cooked (SLL/SLL2) header: the link-layer
 * address when it is a MAC, then (without -q) the protocol and length. */
static void sll_addr_proto(struct nt_printer *pr, const struct nt_cur *c, unsigned halen,
			   const uint8_t *addr, uint16_t proto)
{
	if (halen == 6) {
		nt_out_mac(pr->out, addr);
		nt_out_putc(pr->out, ' ');
	}
	if (!pr->o.qflag) {
		sll_proto_text(pr, proto);
		nt_out_printf(pr->out, ", length %u: ", (uint32_t)c->wire_len);
	}
}

static int sll_payload(struct nt_printer *pr, struct nt_cur *c, uint16_t proto)
{
	struct nt_cur sub;
	nt_cur_sub(c, c->wire_len - nt_cur_off(c), &sub);
	if (proto <= 1500) {
		default_print(pr, &sub);
		return NT_PRINT_OK;
	}
	if (!nt_print_ethertype(pr, &sub, proto)) {
		if (!pr->o.eflag) {
			nt_out_printf(pr->out, "ethertype %s (0x%04x), length %u: ",
				      ethertype_name(proto), proto, (uint32_t)c->wire_len);
		}
		default_print(pr, &sub);
	}
	return NT_PRINT_OK;
}

int nt_print_sll(struct nt_printer *pr, struct nt_cur *c)
{
	if (!nt_cur_has(c, 16)) {
		nt_print_trunc(pr, "sll");
		return NT_PRINT_TRUNC;
	}
	uint16_t pkttype = nt_u16(c);
	nt_u16(c); /* hatype */
	uint16_t halen = nt_u16(c);
	const uint8_t *addr = nt_ptr(c, 8);
	uint16_t proto = nt_u16(c);
	if (pr->o.eflag) {
		nt_out_printf(pr->out, "%3s ", sll_pkttype(pkttype));
		sll_addr_proto(pr, c, halen, addr, proto);
	}
	return sll_payload(pr, c, proto);
}

int nt_print_sll2(struct nt_printer *pr, struct nt_cur *c)
{
	if (!nt_cur_has(c, 20)) {
		nt_print_trunc(pr, "sll2");
		return NT_PRINT_TRUNC;
	}
	uint16_t proto = nt_u16(c);
	nt_u16(c);
	uint32_t ifindex = nt_u32(c);
	nt_u16(c); /* hatype */
	uint8_t pkttype = nt_u8(c);
	uint8_t halen = nt_u8(c);
	const uint8_t *addr = nt_ptr(c, 8);
	if (pr->o.eflag) {
		char ifname[IF_NAMESIZE + 1];
		if (if_indextoname(ifindex, ifname) == NULL)
			ifname[0] = '?', ifname[1] = '\0';
		nt_out_printf(pr->out, "%-5s ", ifname);
		nt_out_printf(pr->out, "%-3s ", sll_pkttype(pkttype));
		sll_addr_proto(pr, c, halen, addr, proto);
	}
	return sll_payload(pr, c, proto);
}

static const char *bsd_af_name(uint32_t af)
{
	switch (af) {
	case 2: return "IPv4";
	case 24: case 28: case 30: case 10: return "IPv6";
	case 7: return "OSI";
	case 16: return "Appletalk";
	case 23: return "IPX";
	default: return "Unknown";
	}
}

int nt_print_null(struct nt_printer *pr, struct nt_cur *c, int loop)
{
	if (!nt_cur_has(c, 4)) {
		nt_print_trunc(pr, "null");
		return NT_PRINT_TRUNC;
	}
	uint32_t af = loop ? nt_u32(c) : nt_u32le(c);
	if (!loop && (af & 0xffff0000u))
		af = ((af & 0xff) << 24) | ((af & 0xff00) << 8) | ((af >> 8) & 0xff00) | (af >> 24);
	if (pr->o.eflag) {
		if (!pr->o.qflag)
			nt_out_printf(pr->out, "AF %s (%u)", bsd_af_name(af), af);
		else
			nt_out_puts(pr->out, bsd_af_name(af));
		nt_out_printf(pr->out, ", length %u: ", (uint32_t)c->wire_len);
	}
	struct nt_cur sub;
	nt_cur_sub(c, c->wire_len - nt_cur_off(c), &sub);
	switch (af) {
	case 2:
		return nt_print_ip4(pr, &sub);
	case 24: case 28: case 30: case 10:
		return nt_print_ip6(pr, &sub);
	default:
		if (!pr->o.eflag)
			nt_out_printf(pr->out, "AF %s (%u), length %u: ", bsd_af_name(af), af,
				      (uint32_t)c->wire_len);
		default_print(pr, &sub);
		return NT_PRINT_OK;
	}
}

static const char *nflog_family(unsigned f)
{
	return f == 2 ? "IPv4" : f == 10 ? "IPv6" : NULL;
}

static void nflog_hdr(struct nt_printer *pr, const uint8_t *h, uint32_t length)
{
	const char *name = nflog_family(h[0]);
	nt_out_printf(pr->out, "version %u, resource ID %u", h[1], (unsigned)((h[2] << 8) | h[3]));
	if (!pr->o.qflag)
		nt_out_printf(pr->out, ", family %s (%u)", name ? name : "Unknown", h[0]);
	else if (name)
		nt_out_printf(pr->out, ", %s", name);
	else
		nt_out_printf(pr->out, ", Unknown NFLOG (0x%02x)", h[0]);
	nt_out_printf(pr->out, ", length %u: ", length);
}

/* Linux NFLOG (LINKTYPE_NFLOG): the packet is the NFULA_PAYLOAD TLV. */
int nt_print_nflog(struct nt_printer *pr, struct nt_cur *c)
{
	uint32_t length = (uint32_t)c->wire_len;
	const uint8_t *h = nt_ptr(c, 4);
	if (h == NULL) {
		nt_print_trunc(pr, "nflog");
		return NT_PRINT_TRUNC;
	}
	if (h[1] != 0) {
		nt_out_printf(pr->out, "version %u (unknown)", h[1]);
		return NT_PRINT_OK;
	}
	if (pr->o.eflag)
		nflog_hdr(pr, h, length);
	uint32_t left = length - 4;
	while (left > 0) {
		if (!nt_cur_has(c, 4) || left < 4) {
			nt_print_trunc(pr, "nflog");
			return NT_PRINT_TRUNC;
		}
		uint32_t size = c->p[0] | (uint32_t)(c->p[1] << 8);
		unsigned type = c->p[2] | (unsigned)(c->p[3] << 8);
		if (size % 4)
			size += 4 - size % 4;
		if (size < 4 || !nt_cur_has(c, size) || left < size) {
			nt_print_trunc(pr, "nflog");
			return NT_PRINT_TRUNC;
		}
		if (type == 9) { /* NFULA_PAYLOAD */
			nt_skip(c, 4);
			left -= 4;
			break;
		}
		nt_skip(c, size);
		left -= size;
	}
	struct nt_cur sub;
	nt_cur_sub(c, left, &sub);
	switch (h[0]) {
	case 2:
		return nt_print_ip4(pr, &sub);
	case 10:
		return nt_print_ip6(pr, &sub);
	default:
		if (!pr->o.eflag)
			nflog_hdr(pr, h, left + 4);
		default_print(pr, &sub);
		return NT_PRINT_OK;
	}
}
