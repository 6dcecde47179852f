/* \summary: ARP, RARP, InARP and ATM ARP printer, tcpdump 4.99.3 formats.
 *
 *   ARP, Request who-has TPA [(THA)] tell SPA, length N
 *   ARP, Reply SPA is-at SHA, length N
 *   ARP, Reverse Request who-is THA tell SHA / Reverse Reply THA at TPA
 *   ARP, Inverse Request who-is THA tell SHA / Inverse Reply SHA at SPA
 *
 * With -v, or when the protocol is not IPv4 (or trailer) with 4-byte
 * addresses, or the hardware address is empty, the types and lengths come
 * first: "Ethernet (len 6), IPv4 (len 4), "; without -v the line then
 * stops there.  Unknown operations (and NACK outside ATM ARP) print their
 * name and the captured bytes in hex.  A packet whose addresses were not
 * all captured is " [|arp]" alone.  Wire layouts: proto/arp.h.
 */
#include "print/print.h"

#include "proto/arp.h"
#include "proto/ethertype.h"

enum addr_kind { ADDR_MAC48, ADDR_FRELAY, ADDR_ATM };

static void hex_colon(struct nt_out *o, const uint8_t *a, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		if (i)
			nt_out_putc(o, ':');
		nt_out_hex(o, a[i], 2);
	}
}

/* Q.922 address (2 to 4 bytes, EA bit ends it): 1 and the DLCI, 0 for an
 * invalid address, -1 when len ends it early. */
static int q922_dlci(const uint8_t *p, unsigned len, uint32_t *dlci)
{
	if (len < 1)
		return -1;
	if (p[0] & 1)
		return 0;
	if (len < 2)
		return -1;
	uint32_t d = ((uint32_t)(p[0] & 0xfc) << 2) | ((p[1] & 0xf0u) >> 4);
	if (p[1] & 1) {
		*dlci = d;
		return 1;
	}
	if (len < 3)
		return -1;
	unsigned i = 2;
	if (!(p[2] & 1)) {
		d = (d << 7) | (p[2] >> 1);
		i = 3;
		if (len < 4)
			return -1;
	}
	if (!(p[i] & 1))
		return 0;
	*dlci = (d << 6) | (p[i] >> 2);
	return 1;
}

/* tcpdump's link-layer address text (linkaddr_string). */
static void linkaddr(struct nt_out *o, const uint8_t *a, unsigned len, enum addr_kind kind)
{
	if (len == 0) {
		nt_out_puts(o, "<empty>");
	} else if (kind == ADDR_MAC48 && len == 6) {
		nt_out_mac(o, a);
	} else if (kind == ADDR_FRELAY) {
		uint32_t dlci = 0;
		int r = q922_dlci(a, len, &dlci);
		if (r == 1)
			nt_out_printf(o, "DLCI %u", dlci);
		else
			nt_out_puts(o, r == 0 ? "<Invalid DLCI>" : "<Truncated>");
	} else {
		hex_colon(o, a, len);
	}
}

static int is_ip(uint16_t pro)
{
	return pro == NT_ETHERTYPE_IP || pro == NT_ETHERTYPE_TRAIL;
}

/* A protocol address: IPv4, or why it is not printed. */
static void proto_addr(struct nt_out *o, uint16_t pro, const uint8_t *a, unsigned len,
		       const char *wrong_len)
{
	if (!is_ip(pro))
		nt_out_puts(o, "<wrong proto type>");
	else if (len != 4)
		nt_out_puts(o, wrong_len);
	else
		nt_out_ip4(o, a);
}

static void hrd_text(struct nt_out *o, unsigned hrd)
{
	const char *n = nt_arp_hrd_name(hrd);
	if (n)
		nt_out_puts(o, n);
	else
		nt_out_printf(o, "Unknown Hardware (%u)", hrd);
}

static void pro_text(struct nt_out *o, uint16_t pro)
{
	const char *n = nt_ethertype_name(pro);
	if (n)
		nt_out_puts(o, n);
	else
		nt_out_printf(o, "Unknown Protocol (0x%04x)", pro);
}

/* The operation: ", " before it with -v, a space after. */
static void op_text(struct nt_printer *pr, unsigned op)
{
	const char *n = nt_arp_op_name(op);
	if (pr->o.vflag)
		nt_out_puts(pr->out, ", ");
	if (n)
		nt_out_printf(pr->out, "%s ", n);
	else
		nt_out_printf(pr->out, "Unknown (%u) ", op);
}

/* An unknown operation: the captured ARP bytes, no length. */
static int arp_default(struct nt_printer *pr, const uint8_t *p, size_t caplen)
{
	nt_print_hex_ascii(pr, p, caplen, "\n\t");
	return NT_PRINT_OK;
}

/* An ATM address: number, then ",subaddress" when there is one. */
static void atm_addr(struct nt_out *o, const uint8_t *ha, unsigned ha_len, const uint8_t *sa,
		     unsigned sa_len)
{
	if (ha_len == 0) {
		nt_out_puts(o, "<No address>");
		return;
	}
	hex_colon(o, ha, ha_len);
	if (sa_len) {
		nt_out_putc(o, ',');
		hex_colon(o, sa, sa_len);
	}
}

/* ATM ARP (RFC 2225). */
static int print_atmarp(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	const uint8_t *h = nt_atptr(c, 0, NT_ATMARP_HDRLEN);
	if (h == NULL) {
		nt_print_trunc(pr, "arp");
		return NT_PRINT_TRUNC;
	}
	uint16_t hrd = (uint16_t)(h[0] << 8 | h[1]), pro = (uint16_t)(h[2] << 8 | h[3]);
	unsigned op = (unsigned)(h[6] << 8 | h[7]);
	unsigned shl = h[4] & NT_ATMARP_LEN_MASK, ssl = h[5] & NT_ATMARP_LEN_MASK;
	unsigned spl = h[8], thl = h[9] & NT_ATMARP_LEN_MASK, tsl = h[10] & NT_ATMARP_LEN_MASK;
	unsigned tpl = h[11];
	size_t total = NT_ATMARP_HDRLEN + (size_t)shl + ssl + spl + thl + tsl + tpl;
	const uint8_t *p = nt_atptr(c, 0, total);
	if (p == NULL) {
		nt_print_trunc(pr, "arp");
		return NT_PRINT_TRUNC;
	}
	const uint8_t *sha = p + NT_ATMARP_HDRLEN, *ssa = sha + shl, *spa = ssa + ssl;
	const uint8_t *tha = spa + spl, *tsa = tha + thl, *tpa = tsa + tsl;
	if (!pr->o.eflag)
		nt_out_puts(o, "ARP, ");
	if (!is_ip(pro) || spl != 4 || tpl != 4 || pr->o.vflag) {
		hrd_text(o, hrd);
		nt_out_puts(o, ", ");
		pro_text(o, pro);
		nt_out_printf(o, " (len %u/%u)", spl, tpl);
		if (!pr->o.vflag)
			goto out;
	}
	op_text(pr, op);
	switch (op) {
	case NT_ARPOP_REQUEST:
		nt_out_puts(o, "who-has ");
		proto_addr(o, pro, tpa, tpl, "<wrong tplen>");
		if (thl) {
			nt_out_puts(o, " (");
			atm_addr(o, tha, thl, tsa, tsl);
			nt_out_putc(o, ')');
		}
		nt_out_puts(o, " tell ");
		proto_addr(o, pro, spa, spl, "<wrong splen>");
		break;
	case NT_ARPOP_REPLY:
		proto_addr(o, pro, spa, spl, "<wrong splen>");
		nt_out_puts(o, " is-at ");
		atm_addr(o, sha, shl, ssa, ssl);
		break;
	case NT_ARPOP_INVREQUEST:
		nt_out_puts(o, "who-is ");
		atm_addr(o, tha, thl, tsa, tsl);
		nt_out_puts(o, " tell ");
		atm_addr(o, sha, shl, ssa, ssl);
		break;
	case NT_ARPOP_INVREPLY:
		atm_addr(o, sha, shl, ssa, ssl);
		nt_out_puts(o, "at "); /* tcpdump 4.99.3 prints no space before "at" */
		proto_addr(o, pro, spa, spl, "<wrong splen>");
		break;
	case NT_ARPOP_NAK:
		nt_out_puts(o, "for ");
		proto_addr(o, pro, spa, spl, "<wrong splen>");
		break;
	default:
		return arp_default(pr, c->p, nt_cur_left(c));
	}
out:
	nt_out_printf(o, ", length %u", length);
	return NT_PRINT_OK;
}

int nt_print_arp(struct nt_printer *pr, struct nt_cur *c)
{
	struct nt_out *o = pr->out;
	uint32_t length = (uint32_t)c->wire_len;
	const uint8_t *h = nt_atptr(c, 0, NT_ARP_HDRLEN);
	if (h == NULL) {
		nt_print_trunc(pr, "arp");
		return NT_PRINT_TRUNC;
	}
	uint16_t hrd = (uint16_t)(h[0] << 8 | h[1]), pro = (uint16_t)(h[2] << 8 | h[3]);
	unsigned hln = h[4], pln = h[5], op = (unsigned)(h[6] << 8 | h[7]);
	if (hrd == NT_ARPHRD_ATM2225)
		return print_atmarp(pr, c, length);
	enum addr_kind kind = hrd == NT_ARPHRD_FRELAY ? ADDR_FRELAY : ADDR_MAC48;
	const uint8_t *p = nt_atptr(c, 0, NT_ARP_HDRLEN + 2 * ((size_t)hln + pln));
	if (p == NULL) {
		nt_print_trunc(pr, "arp");
		return NT_PRINT_TRUNC;
	}
	const uint8_t *sha = p + NT_ARP_HDRLEN, *spa = sha + hln, *tha = spa + pln, *tpa = tha + hln;
	if (!pr->o.eflag)
		nt_out_puts(o, "ARP, ");
	if (!is_ip(pro) || pln != 4 || hln == 0 || pr->o.vflag) {
		hrd_text(o, hrd);
		nt_out_printf(o, " (len %u), ", hln);
		pro_text(o, pro);
		nt_out_printf(o, " (len %u)", pln);
		if (!pr->o.vflag)
			goto out;
	}
	op_text(pr, op);
	switch (op) {
	case NT_ARPOP_REQUEST: {
		nt_out_puts(o, "who-has ");
		proto_addr(o, pro, tpa, pln, "<wrong len>");
		int nz = 0;
		for (unsigned i = 0; i < hln; i++)
			nz |= tha[i];
		if (nz) {
			nt_out_puts(o, " (");
			linkaddr(o, tha, hln, kind);
			nt_out_putc(o, ')');
		}
		nt_out_puts(o, " tell ");
		proto_addr(o, pro, spa, pln, "<wrong len>");
		break;
	}
	case NT_ARPOP_REPLY:
		proto_addr(o, pro, spa, pln, "<wrong len>");
		nt_out_puts(o, " is-at ");
		linkaddr(o, sha, hln, kind);
		break;
	case NT_ARPOP_REVREQUEST:
	case NT_ARPOP_INVREQUEST:
		nt_out_puts(o, "who-is ");
		linkaddr(o, tha, hln, kind);
		nt_out_puts(o, " tell ");
		linkaddr(o, sha, hln, kind);
		break;
	case NT_ARPOP_REVREPLY:
		linkaddr(o, tha, hln, kind);
		nt_out_puts(o, " at ");
		proto_addr(o, pro, tpa, pln, "<wrong len>");
		break;
	case NT_ARPOP_INVREPLY:
		linkaddr(o, sha, hln, kind);
		nt_out_puts(o, " at ");
		proto_addr(o, pro, spa, pln, "<wrong len>");
		break;
	default:
		return arp_default(pr, c->p, nt_cur_left(c));
	}
out:
	nt_out_printf(o, ", length %u", length);
	return NT_PRINT_OK;
}
