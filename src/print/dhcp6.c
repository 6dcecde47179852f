/* \summary: DHCPv6 printer (RFC 8415 and the option RFCs tcpdump knows:
 * 3319, 3633, 3646, 3898, 4075, 4242, 4280, 4704, 5007, 5908, 5970,
 * 6334, 8520), as tcpdump 4.99.3 prints it: "dhcp6 TYPE", and at -v
 * the transaction id (or the relay's link and peer addresses) and every
 * option in parentheses, nested options and relayed messages inside
 * their option.
 *
 * | msg-type | transaction-id (3) | options ... |
 * | msg-type | hop-count | link-address (16) | peer-address (16) | options ... |
 * option: | code (2) | length (2) | data (length) |
 *
 * Options are read up to the UDP length or the capture, whichever ends
 * first.  An option that runs past that end prints " [|dhcp6]" and ends
 * its list (the enclosing parentheses still close, as in tcpdump); a
 * read tcpdump makes without a check (relay addresses, a name running
 * past the capture) ends the whole packet with " [|dhcp6]".
 * Names: proto/dhcp.h.
 */
#include "print/print.h"

#include "proto/dhcp.h"

struct d6 {
	struct nt_printer *pr;
	struct nt_out *o;
	struct nt_cur msg; /* base: the outer DHCPv6 message; end: what may be read */
	int jmp;           /* tcpdump would have stopped the packet */
};

static size_t cap(const struct d6 *d)
{
	return d->msg.err ? 0 : (size_t)(d->msg.end - d->msg.base);
}

/* n bytes at offset off, or NULL when not readable. */
static const uint8_t *at(const struct d6 *d, size_t off, size_t n)
{
	return nt_atptr(&d->msg, off, n);
}

/* An unchecked byte read: running out stops the packet. */
static int getb(struct d6 *d, size_t off, unsigned *v)
{
	const uint8_t *p = at(d, off, 1);
	if (!p) {
		d->jmp = 1;
		*v = 0;
		return 0;
	}
	*v = p[0];
	return 1;
}

static unsigned be16(const uint8_t *p)
{
	return ((unsigned)p[0] << 8) | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void hex(struct d6 *d, const uint8_t *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		nt_out_hex(d->o, p[i], 2);
}

/* nd_printjn: n bytes escaped; nd_printjnp: the same, up to a NUL. */
static void printj(struct d6 *d, const uint8_t *p, size_t n, int stop_at_nul)
{
	for (size_t i = 0; i < n; i++) {
		if (stop_at_nul && p[i] == 0)
			break;
		nt_print_fn_char(d->pr, p[i]);
	}
}

static void message(struct d6 *d, size_t off, size_t length);
static void opts(struct d6 *d, size_t cp, size_t ep);

static void duid(struct d6 *d, const uint8_t *tp, unsigned len)
{
	struct nt_out *o = d->o;
	if (len < 2) {
		nt_out_puts(o, " ?)");
		return;
	}
	switch (be16(tp)) {
	case 1: /* DUID-LLT */
		if (len < 8)
			break;
		nt_out_printf(o, " hwaddr/time type %u time %u ", be16(tp + 2), be32(tp + 4));
		hex(d, tp, 8, len);
		nt_out_putc(o, ')');
		return;
	case 2: /* DUID-EN: tcpdump 4.99.3 prints 8 bytes from the enterprise number */
		if (len < 10)
			break;
		nt_out_puts(o, " vid ");
		hex(d, tp, 2, 10);
		nt_out_putc(o, ')');
		return;
	case 3: /* DUID-LL */
		if (len < 4)
			break;
		nt_out_printf(o, " hwaddr type %u ", be16(tp + 2));
		hex(d, tp, 4, len);
		nt_out_putc(o, ')');
		return;
	default:
		nt_out_printf(o, " type %u)", be16(tp));
		return;
	}
	nt_out_puts(o, " ?)");
}

static void auth(struct d6 *d, const uint8_t *tp, unsigned len)
{
	struct nt_out *o = d->o;
	if (len < 11) {
		nt_out_puts(o, " ?)");
		return;
	}
	unsigned proto = tp[0], alg = tp[1], rdm = tp[2];
	if (proto == 2)
		nt_out_puts(o, " proto: delayed");
	else if (proto == 3)
		nt_out_puts(o, " proto: reconfigure");
	else
		nt_out_printf(o, " proto: %u", proto);
	if (alg == 1)
		nt_out_puts(o, ", alg: HMAC-MD5");
	else
		nt_out_printf(o, ", alg: %u", alg);
	if (rdm == 0)
		nt_out_puts(o, ", RDM: mono");
	else
		nt_out_printf(o, ", RDM: %u", rdm);
	nt_out_puts(o, ", RD:");
	for (unsigned i = 0; i < 4; i++)
		nt_out_printf(o, " %04x", be16(tp + 3 + 2 * i));
	const uint8_t *p = tp + 11;
	unsigned info = len - 11;
	switch (proto) {
	case 2:
		if (info == 0)
			break;
		if (info < 20) {
			nt_out_puts(o, " ??");
			break;
		}
		if (info > 20)
			nt_out_puts(o, ", realm: ");
		for (unsigned i = 0; i < info - 20; i++)
			nt_out_hex(o, *p++, 2);
		nt_out_printf(o, ", key ID: %08x", be32(p));
		p += 4;
		nt_out_puts(o, ", HMAC-MD5:");
		for (unsigned i = 0; i < 4; i++, p += 4)
			nt_out_printf(o, " %08x", be32(p));
		break;
	case 3:
		if (info != 17) {
			nt_out_puts(o, " ??");
			break;
		}
		if (p[0] == 1)
			nt_out_puts(o, " reconfig-key");
		else if (p[0] == 2)
			nt_out_puts(o, " type: HMAC-MD5");
		else
			nt_out_puts(o, " type: ??");
		p++;
		nt_out_puts(o, " value:");
		for (unsigned i = 0; i < 4; i++, p += 4)
			nt_out_printf(o, " %08x", be32(p));
		break;
	default:
		nt_out_puts(o, " ??");
		break;
	}
	nt_out_putc(o, ')');
}

/* A domain name (tcpdump's fqdn_print with `end` as the pointer base);
 * 0 when it could not be printed. */
static int name(struct d6 *d, size_t *tp, size_t end)
{
	int jmp = 0;
	size_t r = nt_print_dns_name(d->pr, &d->msg, *tp, end, &jmp);
	if (jmp)
		d->jmp = 1;
	if (r == (size_t)-1)
		return 0;
	*tp = r;
	return 1;
}

/* Prints the option at cp (its 4-byte header and data all readable);
 * 0 when the list must stop with the truncation marker. */
static int option(struct d6 *d, unsigned type, size_t cp, unsigned len)
{
	struct nt_out *o = d->o;
	size_t toff = cp + 4, end = toff + len;
	const uint8_t *tp = at(d, toff, len);
	switch (type) {
	case NT_DHCP6_OPT_CLIENTID:
	case NT_DHCP6_OPT_SERVERID:
		duid(d, tp, len);
		return 1;
	case NT_DHCP6_OPT_IA_ADDR:
		if (len < 24)
			break;
		nt_out_putc(o, ' ');
		nt_out_ip6(o, tp);
		nt_out_printf(o, " pltime:%u vltime:%u", be32(tp + 16), be32(tp + 20));
		if (len > 24)
			opts(d, toff + 24, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_ORO:
	case NT_DHCP6_OPT_ERO:
		if (len % 2)
			break;
		for (unsigned i = 0; i < len; i += 2) {
			const char *s = nt_dhcp6_opt_name(be16(tp + i));
			if (s)
				nt_out_printf(o, " %s", s);
			else
				nt_out_printf(o, " opt_%u", be16(tp + i));
		}
		nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_PREFERENCE:
		if (len != 1)
			break;
		nt_out_printf(o, " %u)", tp[0]);
		return 1;
	case NT_DHCP6_OPT_ELAPSED_TIME:
		if (len != 2)
			break;
		nt_out_printf(o, " %u)", be16(tp));
		return 1;
	case NT_DHCP6_OPT_RELAY_MSG: {
		nt_out_puts(o, " (");
		struct nt_cur save = d->msg;
		if (end < cap(d))
			d->msg.end = d->msg.base + end;
		message(d, toff, len);
		d->msg = save;
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	}
	case NT_DHCP6_OPT_AUTH:
		auth(d, tp, len);
		return 1;
	case NT_DHCP6_OPT_RAPID_COMMIT:
	case NT_DHCP6_OPT_RECONF_ACCEPT:
		nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_INTERFACE_ID:
	case NT_DHCP6_OPT_SUBSCRIBER_ID:
		nt_out_putc(o, ' ');
		hex(d, tp, 0, len < 10 ? len : 10);
		nt_out_puts(o, "...)");
		return 1;
	case NT_DHCP6_OPT_RECONF_MSG:
		if (len != 1)
			break;
		if (tp[0] == NT_DHCP6_RENEW)
			nt_out_puts(o, " for renew)");
		else if (tp[0] == NT_DHCP6_INFORM_REQ)
			nt_out_puts(o, " for inf-req)");
		else
			nt_out_printf(o, " for ?\?\?(%02x))", tp[0]);
		return 1;
	case NT_DHCP6_OPT_SIP_SERVER_A:
	case NT_DHCP6_OPT_DNS_SERVERS:
	case NT_DHCP6_OPT_SNTP_SERVERS:
	case NT_DHCP6_OPT_NIS_SERVERS:
	case NT_DHCP6_OPT_NISP_SERVERS:
	case NT_DHCP6_OPT_BCMCS_SERVER_A:
	case NT_DHCP6_OPT_PANA_AGENT:
	case NT_DHCP6_OPT_LQ_CLIENT_LINK:
		if (len % 16)
			break;
		for (unsigned i = 0; i < len; i += 16) {
			nt_out_putc(o, ' ');
			nt_out_ip6(o, tp + i);
		}
		nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_SIP_SERVER_D:
	case NT_DHCP6_OPT_DOMAIN_LIST: {
		size_t p = toff;
		while (p < end) {
			nt_out_putc(o, ' ');
			if (!name(d, &p, end))
				return 0;
		}
		nt_out_putc(o, ')');
		return 1;
	}
	case NT_DHCP6_OPT_STATUS_CODE: {
		if (len < 2)
			break;
		unsigned code = be16(tp);
		const char *s = nt_dhcp6_status_name(code);
		if (code > 255)
			nt_out_puts(o, " INVALID code)");
		else if (s)
			nt_out_printf(o, " %s)", s);
		else
			nt_out_printf(o, " code%u)", code);
		return 1;
	}
	case NT_DHCP6_OPT_IA_NA:
	case NT_DHCP6_OPT_IA_PD:
		if (len < 12)
			break;
		nt_out_printf(o, " IAID:%u T1:%u T2:%u", be32(tp), be32(tp + 4), be32(tp + 8));
		if (len > 12)
			opts(d, toff + 12, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_IA_TA:
		if (len < 4)
			break;
		nt_out_printf(o, " IAID:%u", be32(tp));
		if (len > 4)
			opts(d, toff + 4, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_IA_PD_PREFIX:
		if (len < 25)
			break;
		nt_out_putc(o, ' ');
		nt_out_ip6(o, tp + 9);
		nt_out_printf(o, "/%u pltime:%u vltime:%u", tp[8], be32(tp), be32(tp + 4));
		if (len > 25)
			opts(d, toff + 25, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_LIFETIME:
	case NT_DHCP6_OPT_CLT_TIME:
		if (len != 4)
			break;
		nt_out_printf(o, " %u)", be32(tp));
		return 1;
	case NT_DHCP6_OPT_REMOTE_ID:
		if (len < 4)
			break;
		nt_out_printf(o, " %u ", be32(tp));
		hex(d, tp, 4, len < 14 ? len : 14);
		nt_out_puts(o, "...)");
		return 1;
	case NT_DHCP6_OPT_LQ_QUERY:
		if (len < 17)
			break;
		if (tp[0] == 1)
			nt_out_puts(o, " by-address");
		else if (tp[0] == 2)
			nt_out_puts(o, " by-clientID");
		else
			nt_out_printf(o, " type_%u", tp[0]);
		nt_out_putc(o, ' ');
		nt_out_ip6(o, tp + 1);
		if (len > 17)
			opts(d, toff + 17, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_CLIENT_DATA:
		if (len > 0)
			opts(d, toff, end);
		if (!d->jmp)
			nt_out_putc(o, ')');
		return 1;
	case NT_DHCP6_OPT_LQ_RELAY_DATA:
		if (len < 16)
			break;
		nt_out_putc(o, ' ');
		nt_out_ip6(o, tp);
		nt_out_putc(o, ' ');
		hex(d, tp, 16, len < 26 ? len : 26);
		nt_out_puts(o, "...)");
		return 1;
	case NT_DHCP6_OPT_NTP_SERVER: {
		if (len < 4)
			break;
		size_t p = toff;
		while (p < end - 4) {
			const uint8_t *h = at(d, p, 4);
			unsigned code = be16(h), sl = be16(h + 2);
			p += 4;
			if (p + sl > end)
				return 0;
			nt_out_printf(o, " subopt:%u", code);
			if (code == 1 || code == 2) {
				if (sl != 16) {
					nt_out_puts(o, " ?");
				} else {
					nt_out_putc(o, ' ');
					nt_out_ip6(o, at(d, p, 16));
				}
			} else if (code == 3) {
				size_t q = p;
				nt_out_putc(o, ' ');
				if (!name(d, &q, p + sl))
					return 0;
			} else {
				nt_out_puts(o, " ?");
			}
			p += sl;
		}
		nt_out_putc(o, ')');
		return 1;
	}
	case NT_DHCP6_OPT_AFTR_NAME: {
		if (len < 3)
			break;
		size_t p = toff;
		unsigned remain = len, b;
		nt_out_putc(o, ' ');
		while (remain) {
			if (!getb(d, p, &b))
				return 1;
			if (b == 0)
				break;
			unsigned ll = b;
			p++;
			if (ll < remain - 1) {
				printj(d, at(d, p, ll), ll, 1);
				p += ll;
				remain -= ll + 1;
				if (!getb(d, p, &b))
					return 1;
				if (b)
					nt_out_putc(o, '.');
			} else {
				nt_out_puts(o, " ?");
				break;
			}
		}
		nt_out_putc(o, ')');
		return 1;
	}
	case NT_DHCP6_OPT_NEW_POSIX_TIMEZONE:
	case NT_DHCP6_OPT_NEW_TZDB_TIMEZONE:
	case NT_DHCP6_OPT_MUDURL:
		if (len < 5)
			break;
		nt_out_putc(o, ' ');
		printj(d, tp, len, 1);
		nt_out_putc(o, ')');
		return 1;
	default:
		nt_out_putc(o, ')');
		return 1;
	}
	nt_out_puts(o, " ?)");
	return 1;
}

/* The options in [cp, ep). */
static void opts(struct d6 *d, size_t cp, size_t ep)
{
	struct nt_out *o = d->o;
	while (cp < ep) {
		const uint8_t *h;
		if (ep - cp < 4 || !(h = at(d, cp, 4)))
			goto trunc;
		unsigned type = be16(h), len = be16(h + 2);
		if (ep - cp - 4 < len)
			goto trunc;
		const char *s = nt_dhcp6_opt_name(type);
		if (s)
			nt_out_printf(o, " (%s", s);
		else
			nt_out_printf(o, " (opt_%u", type);
		if (!at(d, cp + 4, len))
			goto trunc;
		if (!option(d, type, cp, len)) {
			if (d->jmp)
				return;
			goto trunc;
		}
		if (d->jmp)
			return;
		cp += 4 + (size_t)len;
	}
	return;
trunc:
	nt_print_trunc(d->pr, "dhcp6");
}

/* A message at off of `length` bytes (the outer one or a relayed one). */
static void message(struct d6 *d, size_t off, size_t length)
{
	struct nt_out *o = d->o;
	size_t ep = cap(d);
	if (off + length < ep)
		ep = off + length;
	nt_out_puts(o, "dhcp6");
	const uint8_t *h = at(d, off, 4);
	if (!h) {
		nt_print_trunc(d->pr, "dhcp6");
		return;
	}
	unsigned type = h[0];
	const char *s = nt_dhcp6_msg_name(type);
	if (s)
		nt_out_printf(o, " %s", s);
	else
		nt_out_printf(o, " msgtype-%u", type);
	if (!d->pr->o.vflag)
		return;
	nt_out_puts(o, " (");
	if (type != NT_DHCP6_RELAY_FORW && type != NT_DHCP6_RELAY_REPLY) {
		nt_out_printf(o, "xid=%x", be32(h) & 0xffffff);
		opts(d, off + 4, ep);
	} else {
		const uint8_t *la = at(d, off + 2, 16), *pa;
		if (!la) {
			d->jmp = 1;
			return;
		}
		nt_out_puts(o, "linkaddr=");
		nt_out_ip6(o, la);
		if (!(pa = at(d, off + 18, 16))) {
			d->jmp = 1;
			return;
		}
		nt_out_puts(o, " peeraddr=");
		nt_out_ip6(o, pa);
		opts(d, off + 34, ep);
	}
	if (!d->jmp)
		nt_out_putc(o, ')');
}

int nt_print_dhcp6(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct d6 d = {pr, pr->out, *c, 0};
	d.msg.base = d.msg.p;
	message(&d, 0, length);
	if (d.jmp) {
		nt_print_trunc(pr, "dhcp6");
		return NT_PRINT_TRUNC;
	}
	return NT_PRINT_OK;
}
